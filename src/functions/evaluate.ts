/**
 * What each ACTIONS function computes, apart from Excel: plain inputs (the
 * index the runtime holds, or a range passed in), a value or an error value out.
 * functions.ts turns the errors into CustomFunctions.Error; tests and the
 * HyperFormula check call these directly.
 */
import { ActionIndex, CellValue, SheetGrid, readTracker } from "../model";
import type { IndexResult } from "../model";
import { fromOfficeValue } from "../excel/values";
import type { TrackerSnapshot } from "./store";

export type FunctionError = { error: "#VALUE!" | "#N/A"; message: string };
export type Outcome<T> = T | FunctionError;

export const NO_TRACKER: FunctionError = {
  error: "#N/A",
  message: "Open the Delivery plan pane to choose the tracker.",
};

export function isFunctionError(x: unknown): x is FunctionError {
  return typeof x === "object" && x !== null && !Array.isArray(x) && "error" in x && "message" in x;
}

/** A range argument: a 2-D array of more than one cell. */
export function isRange(x: unknown): x is unknown[][] {
  return Array.isArray(x) && x.length > 0 && Array.isArray(x[0]) && (x.length > 1 || (x[0] as unknown[]).length > 1);
}

/** A scalar argument as text ("" when omitted or empty). */
export function argText(x: unknown): string {
  if (x === null || x === undefined) return "";
  if (Array.isArray(x)) return argText(Array.isArray(x[0]) ? x[0][0] : x[0]);
  return String(x).trim();
}

const sourceCache = new WeakMap<unknown[][], ActionIndex | FunctionError>();

/** Read a tracker from a range passed to the function: no Excel call, just the values Excel gave us. */
export function indexFromRange(values: unknown[][]): ActionIndex | FunctionError {
  const cached = sourceCache.get(values);
  if (cached) return cached;
  const grid: SheetGrid = {
    name: "source range",
    firstRow: 1,
    firstColumn: 1,
    values: values.map((row) => row.map((v): CellValue => fromOfficeValue(v))),
    merges: [],
  };
  const report = readTracker(grid);
  const result: ActionIndex | FunctionError = report.tracker
    ? new ActionIndex(report.actions)
    : { error: "#N/A", message: "The range given has no tracker header (Ref, Action, Status or RAG). Include the header row in the range." };
  sourceCache.set(values, result);
  return result;
}

/** Split the optional arguments into filters and an explicit source range (which may come in any optional slot). */
export function pickSource(tracker: TrackerSnapshot | null, args: unknown[]): { index: ActionIndex | FunctionError; filters: string[] } {
  const range = args.find(isRange) as unknown[][] | undefined;
  const filters = args.filter((a) => !isRange(a)).map(argText);
  if (range) return { index: indexFromRange(range), filters };
  return { index: tracker ? tracker.index : NO_TRACKER, filters };
}

function unwrap<T>(r: IndexResult<T>): Outcome<T> {
  return r.ok ? r.value : { error: r.code === "unknown-word" ? "#VALUE!" : "#N/A", message: r.message };
}

export function evalCount(tracker: TrackerSnapshot | null, value: unknown, ...rest: unknown[]): Outcome<number> {
  const { index, filters } = pickSource(tracker, rest);
  if (isFunctionError(index)) return index;
  const word = argText(value);
  if (!word) return { error: "#VALUE!", message: 'Give a status, RAG or direction to count, e.g. "In progress".' };
  return unwrap(index.count(word, filters[0] || null, filters[1] || null));
}

export function evalTotal(tracker: TrackerSnapshot | null, ...rest: unknown[]): Outcome<number> {
  const { index, filters } = pickSource(tracker, rest);
  if (isFunctionError(index)) return index;
  return index.total(filters[0] || null);
}

export function evalPercent(tracker: TrackerSnapshot | null, value: unknown, ...rest: unknown[]): Outcome<number> {
  const { index, filters } = pickSource(tracker, rest);
  if (isFunctionError(index)) return index;
  return unwrap(index.percent(argText(value), filters[0] || null));
}

export function evalField(tracker: TrackerSnapshot | null, field: "status" | "rag", id: unknown, ...rest: unknown[]): Outcome<string> {
  const { index } = pickSource(tracker, rest);
  if (isFunctionError(index)) return index;
  const found = unwrap(index.find(argText(id)));
  if (isFunctionError(found)) return found;
  return found[field] ?? "";
}

export function evalChange(tracker: TrackerSnapshot | null, value: unknown): Outcome<number> {
  if (!tracker) return NO_TRACKER;
  if (!tracker.previous)
    return { error: "#N/A", message: "There is no earlier snapshot to compare with. Take a snapshot in the Delivery plan pane at the end of each period." };
  const now = unwrap(tracker.index.count(argText(value)));
  if (isFunctionError(now)) return now;
  const before = unwrap(tracker.previous.count(argText(value)));
  if (isFunctionError(before)) return before;
  return now - before;
}

export function evalList(tracker: TrackerSnapshot | null, value: unknown, ...rest: unknown[]): Outcome<string[][]> {
  const { index, filters } = pickSource(tracker, rest);
  if (isFunctionError(index)) return index;
  const found = unwrap(index.list(argText(value), filters[0] || null));
  if (isFunctionError(found)) return found;
  if (found.length === 0) return [["(none)", "", ""]];
  return found.map((a) => [a.id, a.action, a.lead]);
}

export function evalThemes(tracker: TrackerSnapshot | null, ...rest: unknown[]): Outcome<string[][]> {
  const { index } = pickSource(tracker, rest);
  if (isFunctionError(index)) return index;
  const themes = index.themes();
  return themes.length ? themes.map((t) => [t]) : [["(no themes)"]];
}
