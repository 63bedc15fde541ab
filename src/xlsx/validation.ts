/**
 * The validation plan in an ExcelJS workbook: an in-cell drop-down list on the
 * data body of each status, RAG and direction column. ExcelJS keeps data
 * validation per cell (worksheet.dataValidations.model, by A1 address) and
 * joins equal neighbours into one range when it writes the file, so one rule
 * per column is what Excel and LibreOffice see.
 *
 * A body cell holding a rule we did not write (its input title is not one of
 * ours) keeps it, and its whole column is left as it is and reported. No cell
 * value is touched: validation is not a value.
 */
import type ExcelJS from "exceljs";
import { VALIDATION_LABEL, cellsOfRange, describeCells, isOurValidation, keptMessage } from "../model";
import type { ValidationPlan, ValidationResult, ValidationRule } from "../model";
import type { ClampedValidation } from "./limits";
import { clampedValidations } from "./read";

type Model = Record<string, ExcelJS.DataValidation | undefined>;

function modelOf(ws: ExcelJS.Worksheet): Model {
  return (ws as unknown as { dataValidations: { model: Model } }).dataValidations.model;
}

/** The cells of ranges separated by spaces ("E1:E5 E9:E12"), as in a file's sqref. */
const cellsOf = (ranges: string) => ranges.split(" ").flatMap((r) => cellsOfRange(r));

/** Every cell's rule: ExcelJS reads a file's ranges into one entry per cell; our own range keys ("C5:C106") are expanded. */
function perCell(model: Model, restore: readonly ClampedValidation[] = []): Map<string, ExcelJS.DataValidation> {
  const out = new Map<string, ExcelJS.DataValidation>();
  // A range written back whole ("E1:E1048576") is expanded only over the cells it was read as.
  const asRead = new Map(restore.map((r) => [r.original, r.clamped]));
  for (const [key, v] of Object.entries(model)) {
    if (!v) continue;
    if (key.includes(":")) for (const c of cellsOf(asRead.get(key) ?? key)) out.set(c, v);
    else out.set(key, v);
  }
  return out;
}

/**
 * Put the rules back as one range per column run of equal rules ("C5:C106").
 * ExcelJS's own joining of per-cell rules sorts addresses as text (C10 before
 * C5) and writes overlapping ranges (C10:C106 and C5:C106), which Excel may
 * report as a problem in the file; ranges given as keys are written as they are.
 */
function compact(model: Model, restore: readonly ClampedValidation[] = []): void {
  const cells = perCell(model, restore);
  for (const key of Object.keys(model)) delete model[key];
  // A user's list that was cut to the used cells to be read (limits.ts) is written back over its whole range,
  // when every cell it was read on still has that one rule.
  for (const { clamped, original } of restore) {
    const area = cellsOf(clamped);
    const first = cells.get(area[0]);
    if (!first) continue;
    const key = JSON.stringify(first);
    if (!area.every((c) => cells.has(c) && (cells.get(c) === first || JSON.stringify(cells.get(c)) === key))) continue;
    for (const c of area) cells.delete(c);
    model[original] = first;
  }
  const byColumn = new Map<string, { row: number; v: ExcelJS.DataValidation; key: string }[]>();
  for (const [address, v] of cells) {
    const m = /^([A-Z]+)(\d+)$/.exec(address);
    if (!m) continue;
    const list = byColumn.get(m[1]) ?? [];
    list.push({ row: Number(m[2]), v, key: JSON.stringify(v) });
    byColumn.set(m[1], list);
  }
  for (const [col, list] of byColumn) {
    list.sort((a, b) => a.row - b.row);
    for (let i = 0; i < list.length; ) {
      let j = i;
      while (j + 1 < list.length && list[j + 1].row === list[j].row + 1 && list[j + 1].key === list[i].key) j++;
      model[i === j ? `${col}${list[i].row}` : `${col}${list[i].row}:${col}${list[j].row}`] = list[i].v;
      i = j + 1;
    }
  }
}

/** The ExcelJS form of one of our rules (one object, shared by every cell of the range). */
export function excelJsValidation(rule: ValidationRule): ExcelJS.DataValidation {
  return {
    type: "list",
    allowBlank: rule.ignoreBlanks,
    formulae: [`"${rule.source}"`],
    showInputMessage: true,
    promptTitle: rule.prompt.title,
    prompt: rule.prompt.message,
    showErrorMessage: true,
    errorStyle: rule.error.style,
    errorTitle: rule.error.title,
    error: rule.error.message,
  };
}

const described = (rule: ValidationRule) => `${rule.range} (${VALIDATION_LABEL[rule.field]})`;

/**
 * Apply the plan: each column's list replaces ours there; a column where any
 * body cell has a rule of the user's is left alone and named in `kept`.
 * Applying twice gives the same rules.
 */
export function applyValidationPlan(ws: ExcelJS.Worksheet, plan: ValidationPlan): ValidationResult {
  const model = modelOf(ws);
  const existing = perCell(model);
  const result: ValidationResult = { sheet: plan.sheet, added: [], replaced: 0, removed: [], kept: [], dropped: [] };
  for (const rule of plan.rules) {
    const cells = cellsOfRange(rule.range);
    const theirs = cells.filter((c) => existing.has(c) && !isOurValidation(existing.get(c)!.promptTitle));
    if (theirs.length) {
      const where = describeCells(theirs);
      result.kept.push({ range: rule.range, cells: where, message: keptMessage(plan.sheet, rule, where) });
      continue;
    }
    const hadOurs = cells.some((c) => existing.has(c));
    const validation = excelJsValidation(rule);
    // A cell the plan leaves without the list (a status followed by a sentence) keeps none, not even our earlier one.
    const except = new Set((rule.except ?? []).flatMap((r) => cellsOfRange(r)));
    for (const c of cells) {
      if (except.has(c)) existing.delete(c);
      else existing.set(c, validation);
    }
    result.added.push(described(rule));
    if (hadOurs) result.replaced++;
    result.dropped.push(...rule.dropped);
  }
  for (const key of Object.keys(model)) delete model[key];
  for (const [c, v] of existing) model[c] = v;
  compact(model);
  return result;
}

/** Remove only the add-in's lists, anywhere on the sheet; the user's own rules stay. Returns the cells cleared. */
export function removeOurValidation(ws: ExcelJS.Worksheet): number {
  const model = modelOf(ws);
  const cells = perCell(model);
  let removed = 0;
  for (const [address, v] of cells) {
    if (isOurValidation(v.promptTitle)) {
      cells.delete(address);
      removed++;
    }
  }
  for (const key of Object.keys(model)) delete model[key];
  for (const [c, v] of cells) model[c] = v;
  compact(model);
  return removed;
}

/**
 * Before any copy is written: every sheet's rules as one range per column run,
 * so a rule the user made (C5:C106) is written back as C5:C106, not as ExcelJS's
 * overlapping C10:C106 and C5:C106. The same cells keep the same rules.
 */
export function keepValidationsWhole(workbook: ExcelJS.Workbook): void {
  workbook.eachSheet((ws) => compact(modelOf(ws), clampedValidations(workbook, ws)));
}

/** The cells of a sheet with a rule, for reports and tests: address → the rule's input title (or "" for none). */
export function validationTitles(ws: ExcelJS.Worksheet): Map<string, string> {
  return new Map([...perCell(modelOf(ws))].map(([a, v]) => [a, v.promptTitle ?? ""]));
}
