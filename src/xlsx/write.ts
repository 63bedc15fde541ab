/**
 * The .xlsx adapter's writing half: apply the model's plans to an ExcelJS
 * workbook. Only what a plan names is touched; the tracker's cells change only
 * through an explicit CellWrite the user asked for.
 */
import ExcelJS from "exceljs";
import { isOurRule } from "../model";
import { OWN_HEADER_COLOURS } from "../model";
import type { CellLook, CellWrite, FormattingPlan } from "../model";
import { fitCellText } from "./limits";

/** ExcelJS keeps a sheet's conditional formats here, though its types do not say so. */
type WithConditionalFormats = { conditionalFormattings?: ExcelJS.ConditionalFormattingOptions[] };
function formatsOf(ws: ExcelJS.Worksheet): ExcelJS.ConditionalFormattingOptions[] {
  return (ws as unknown as WithConditionalFormats).conditionalFormattings ?? [];
}

function argb(hex: string): string {
  return `FF${hex.replace("#", "").toUpperCase()}`;
}

/** The formula of an ExcelJS conditional-format rule, if it has one. */
function ruleFormulae(rule: ExcelJS.ConditionalFormattingRule): string[] {
  const f = (rule as { formulae?: unknown[] }).formulae;
  return Array.isArray(f) ? f.map(String) : [];
}

/** Count the rules the add-in made on a sheet (those with the marker). */
export function countOurRules(ws: ExcelJS.Worksheet): number {
  let n = 0;
  for (const cf of formatsOf(ws)) for (const r of cf.rules) if (ruleFormulae(r).some(isOurRule)) n++;
  return n;
}

/** Remove only the conditional formats the add-in made; the user's own stay. */
export function removeOurFormatting(ws: ExcelJS.Worksheet): number {
  const before = countOurRules(ws);
  const kept: ExcelJS.ConditionalFormattingOptions[] = [];
  for (const cf of formatsOf(ws)) {
    const rules = cf.rules.filter((r) => !ruleFormulae(r).some(isOurRule));
    if (rules.length) kept.push({ ...cf, rules });
  }
  (ws as unknown as WithConditionalFormats).conditionalFormattings = kept;
  return before;
}

/** Apply a formatting plan: our old rules out, the plan's rules in, in priority order. */
export function applyFormattingPlan(ws: ExcelJS.Worksheet, plan: FormattingPlan): void {
  removeOurFormatting(ws);
  // Our rules take the top priorities, in the plan's order; the user's keep their order below.
  const ours = plan.rules.length;
  for (const cf of formatsOf(ws)) for (const r of cf.rules) if (typeof r.priority === "number") r.priority += ours;
  plan.rules.forEach((rule, i) => {
    ws.addConditionalFormatting({
      ref: rule.range,
      rules: [
        {
          type: "expression",
          priority: i + 1,
          formulae: [rule.formula],
          style: {
            fill: { type: "pattern", pattern: "solid", bgColor: { argb: argb(rule.colours.fill) }, fgColor: { argb: argb(rule.colours.fill) } },
            font: { color: { argb: argb(rule.colours.font) } },
          },
        },
      ],
    });
  });
}

export function writeCells(ws: ExcelJS.Worksheet, writes: readonly CellWrite[]): void {
  for (const w of writes) {
    const cell = ws.getCell(w.cell);
    // A plain string value is stored as text by ExcelJS, even one starting with "=";
    // the text format ("@"), as the Office host sets it, keeps it text when the cell is edited later.
    cell.value = fitCellText(w.text);
    cell.numFmt = "@";
    if (w.look) applyLook(ws, cell, w.look);
  }
}

/** A cell we add beside the user's table: aligned like its row, and a header of ours visible whatever the row's style. */
function applyLook(ws: ExcelJS.Worksheet, cell: ExcelJS.Cell, look: CellLook): void {
  const like = ws.getCell(look.alignLike);
  const { horizontal, vertical, wrapText } = like.alignment ?? {};
  cell.alignment = { ...(horizontal ? { horizontal } : {}), ...(vertical ? { vertical } : {}), wrapText: look.header ? true : (wrapText ?? false) };
  if (!look.header) return;
  // A column of ours past the table has Excel's default width: room for the header in two or three lines.
  const column = ws.getColumn(cell.col);
  if (!column.width) column.width = 18;
  const { name, size, family } = like.font ?? {};
  cell.font = { ...(name ? { name } : {}), ...(size ? { size } : {}), ...(family ? { family } : {}), bold: true, color: { argb: argb(OWN_HEADER_COLOURS.font) } };
  cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(OWN_HEADER_COLOURS.fill) }, bgColor: { argb: argb(OWN_HEADER_COLOURS.fill) } };
  const thin = { style: "thin" as const, color: { argb: "FF808080" } };
  cell.border = { top: thin, left: thin, bottom: thin, right: thin };
}
