/**
 * The ACTIONS functions registered in HyperFormula (a spreadsheet engine in
 * TypeScript), each calling src/functions/evaluate.ts with its range argument as
 * the explicit source: the same code Excel runs, in a real formula engine with
 * real COUNTIFS beside it.
 *
 * HyperFormula is GPLv3: a devDependency used by tests only, never imported from
 * src/ and never in the add-in bundle (licenseKey "gpl-v3").
 */
import { ArraySize, CellError, EmptyValue, ErrorType, FunctionArgumentType, FunctionPlugin, HyperFormula, SimpleRangeValue } from "hyperformula";
import type { FunctionMetadata } from "hyperformula";
import { evalCount, evalField, evalList, evalPercent, evalThemes, evalTotal, isFunctionError } from "../../src/functions/evaluate";
import type { Outcome } from "../../src/functions/evaluate";

type Ast = { type?: string; args?: Ast[] };
type Procedure = { args: Ast[] };
type State = unknown;

const HF_TO_EXCEL_ERROR: Record<string, string> = {
  NA: "#N/A",
  VALUE: "#VALUE!",
  REF: "#REF!",
  DIV_BY_ZERO: "#DIV/0!",
  NAME: "#NAME?",
  NUM: "#NUM!",
};

/** A HyperFormula value as Excel hands it to a custom function: "" for empty, numbers, text, booleans, error text. */
function toOffice(v: unknown): unknown {
  if (v === EmptyValue || v === null || v === undefined) return "";
  if (v instanceof CellError) return HF_TO_EXCEL_ERROR[v.type] ?? "#VALUE!";
  if (typeof v === "object" && "val" in (v as object)) return (v as { val: number }).val; // a number with a format (date, %…)
  return v;
}

/** An argument: a range becomes the 2-D array of values Excel would pass; a scalar stays a scalar. */
function toArg(v: unknown): unknown {
  if (v instanceof SimpleRangeValue) return v.data.map((row) => row.map(toOffice));
  return v === EmptyValue ? undefined : v;
}

function toHf(outcome: Outcome<number | string | string[][]>): unknown {
  if (isFunctionError(outcome)) return new CellError(outcome.error === "#VALUE!" ? ErrorType.VALUE : ErrorType.NA, outcome.message);
  if (Array.isArray(outcome)) return SimpleRangeValue.onlyValues(outcome);
  return outcome;
}

const OPTIONAL_ANY = { argumentType: FunctionArgumentType.ANY, optionalArg: true };
const VALUE = { argumentType: FunctionArgumentType.ANY };

type Compute = (...args: unknown[]) => Outcome<number | string | string[][]>;

/** Each ACTIONS function: its parameters and the evaluate.ts call (no tracker published: the range is the source). */
const FUNCTIONS: Record<string, { parameters: object[]; compute: Compute; spills?: boolean }> = {
  "ACTIONS.COUNT": { parameters: [VALUE, OPTIONAL_ANY, OPTIONAL_ANY, OPTIONAL_ANY], compute: (value, ...rest) => evalCount(null, value, ...rest) },
  "ACTIONS.TOTAL": { parameters: [OPTIONAL_ANY, OPTIONAL_ANY], compute: (...rest) => evalTotal(null, ...rest) },
  "ACTIONS.PERCENT": { parameters: [VALUE, OPTIONAL_ANY, OPTIONAL_ANY], compute: (value, ...rest) => evalPercent(null, value, ...rest) },
  "ACTIONS.STATUS": { parameters: [VALUE, OPTIONAL_ANY], compute: (id, source) => evalField(null, "status", id, source) },
  "ACTIONS.RAG": { parameters: [VALUE, OPTIONAL_ANY], compute: (id, source) => evalField(null, "rag", id, source) },
  "ACTIONS.LIST": { parameters: [VALUE, OPTIONAL_ANY, OPTIONAL_ANY], compute: (value, ...rest) => evalList(null, value, ...rest), spills: true },
  "ACTIONS.THEMES": { parameters: [OPTIONAL_ANY], compute: (...rest) => evalThemes(null, ...rest), spills: true },
};

function methodName(fn: string): string {
  return fn.replace("ACTIONS.", "").toLowerCase();
}

/** The plugin class: one method per function, plus a size method for the two that spill. */
function buildPlugin() {
  const implemented: Record<string, FunctionMetadata> = {};
  for (const [name, def] of Object.entries(FUNCTIONS)) {
    implemented[name] = {
      method: methodName(name),
      parameters: def.parameters as FunctionMetadata["parameters"],
      ...(def.spills ? { sizeOfResultArrayMethod: `${methodName(name)}Size`, vectorizationForbidden: true } : {}),
    };
  }

  class ActionsPlugin extends FunctionPlugin {
    static override implementedFunctions = implemented;

    run(name: string, ast: Procedure, state: State): unknown {
      const run = this.runFunction as unknown as (args: Ast[], state: State, metadata: FunctionMetadata, fn: (...a: unknown[]) => unknown) => unknown;
      return run(ast.args, state, this.metadata(name), (...args: unknown[]) => toHf(FUNCTIONS[name].compute(...args.map(toArg))));
    }

    /** A spill's size must be known before it is computed: compute it from the same arguments. */
    size(name: string, ast: Procedure, state: State): ArraySize {
      const evaluate = this.evaluateAst as unknown as (a: Ast, s: State) => unknown;
      const args = ast.args.map((a) => (a.type === "EMPTY" ? undefined : toArg(evaluate.call(this, a, state))));
      const result = FUNCTIONS[name].compute(...args);
      if (isFunctionError(result) || !Array.isArray(result)) return ArraySize.scalar();
      return new ArraySize(result[0]?.length ?? 1, result.length);
    }
  }
  const proto = ActionsPlugin.prototype as unknown as Record<string, unknown>;
  for (const [name, def] of Object.entries(FUNCTIONS)) {
    proto[methodName(name)] = function (this: ActionsPlugin, ast: Procedure, state: State) {
      return this.run(name, ast, state);
    };
    if (def.spills)
      proto[`${methodName(name)}Size`] = function (this: ActionsPlugin, ast: Procedure, state: State) {
        return this.size(name, ast, state);
      };
  }
  return ActionsPlugin;
}

let registered = false;

/** Register ACTIONS.COUNT, ACTIONS.TOTAL… (once per process). */
export function registerActionsFunctions(): void {
  if (registered) return;
  const names = Object.fromEntries(Object.keys(FUNCTIONS).map((n) => [n, n]));
  HyperFormula.registerFunctionPlugin(buildPlugin(), { enGB: names });
  registered = true;
}

export const ACTIONS_FUNCTION_NAMES = Object.keys(FUNCTIONS);
