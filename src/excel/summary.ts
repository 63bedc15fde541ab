/**
 * The Panel Summary in Excel: write the model's SummaryPlan as a sheet, with a
 * native chart of status by theme. Two round trips, whatever the size:
 *
 *  1st sync: the sheets' names, and the mark (the workbook-level name
 *            SUMMARY_MARK) that says which sheet is the add-in's summary;
 *  2nd sync: our old sheet and its mark deleted; the new sheet added and
 *            written (number format "@" on every text cell before its value,
 *            so a tracker text such as "=HYPERLINK(…)" stays text), formatted,
 *            marked, charted, and shown.
 *
 * A user's own sheet called "Panel Summary" is never touched: ours then takes
 * another name, "Panel Summary (2)". Excel fits the rows to wrapped text
 * itself, so the plan's estimated row heights are not used here.
 */
import { SUMMARY_MARK_COMMENT, columnLetter, sheetOfReference, summarySheetName } from "../model";
import type { SummaryPlan, SummaryValue } from "../model";

export interface PanelSummaryWritten {
  /** The name of the sheet written. */
  sheet: string;
  /** Our previous summary sheet, now replaced (null: there was none). */
  replaced: string | null;
  syncs: number;
}

/** Excel's column width unit (characters of the default font) in points, which Office.js uses. */
export function columnWidthPoints(characters: number): number {
  return Math.round((characters * 7 + 5) * 0.75 * 100) / 100;
}

function numberFormat(v: SummaryValue): string {
  return typeof v === "string" ? "@" : v === null ? "General" : "0";
}

export async function writePanelSummary(context: Excel.RequestContext, plan: SummaryPlan): Promise<PanelSummaryWritten> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  const mark = context.workbook.names.getItemOrNullObject(plan.mark);
  mark.load("formula");
  await context.sync();

  const existing = sheets.items.map((s) => s.name);
  const ours = mark.isNullObject ? null : sheetOfReference(mark.formula, existing);
  const name = summarySheetName(existing, ours, plan.sheet);
  if (!mark.isNullObject) mark.delete();
  if (ours) sheets.getItem(ours).delete();
  const sheet = sheets.add(name);

  const width = plan.columnWidths.length;
  if (plan.rows.length) {
    const all = sheet.getRange(`A1:${columnLetter(width)}${plan.rows.length}`);
    // The format first: a string written into a text cell is never read as a formula.
    all.numberFormat = plan.rows.map((row) => row.map(numberFormat));
    all.values = plan.rows.map((row) => row.map((v) => v ?? ""));
  }
  for (const f of plan.formats) {
    const range = sheet.getRange(f.range);
    if (f.bold) range.format.font.bold = true;
    if (f.fill) range.format.fill.color = f.fill;
    if (f.font) range.format.font.color = f.font;
    if (f.wrap) {
      range.format.wrapText = true;
      range.format.verticalAlignment = "Top";
    }
  }
  plan.columnWidths.forEach((w, i) => {
    const letter = columnLetter(i + 1);
    sheet.getRange(`${letter}:${letter}`).format.columnWidth = columnWidthPoints(w);
  });
  sheet.pageLayout.orientation = plan.print.orientation === "landscape" ? "Landscape" : "Portrait";
  context.workbook.names.add(plan.mark, sheet.getRange("A1"), SUMMARY_MARK_COMMENT);
  if (plan.chart) {
    const chart = sheet.charts.add(plan.chart.type, sheet.getRange(plan.chart.source), plan.chart.seriesBy);
    chart.title.text = plan.chart.title;
    chart.name = "Panel Summary: status by theme";
    chart.setPosition(plan.chart.from, plan.chart.to);
  }
  sheet.activate();
  await context.sync();
  return { sheet: name, replaced: ours, syncs: 2 };
}
