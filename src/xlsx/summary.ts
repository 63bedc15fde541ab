/**
 * The Panel Summary in an .xlsx file (ExcelJS): write the model's SummaryPlan
 * as a sheet. Our previous summary sheet (the one the workbook-level name
 * SUMMARY_MARK refers to) is replaced; any other sheet, a user's own "Panel
 * Summary" included, is left alone, and ours then takes another name.
 *
 * Each of the plan's tables (its header row and body) is an Excel table
 * (ws.addTable), as the ONS style guide asks of published tables: named for
 * what it holds (SUMMARY_TABLE_NAMES; "…_2" when another sheet's table or a
 * defined name has the name), style TableStyleLight1 without banded rows (a
 * thin rule under the header and round the table; our own fills, bold and
 * words stay as they are), and no filter buttons: they would cover the end of
 * the header texts in our narrow count columns, and a published summary is
 * read, not filtered.
 *
 * ExcelJS cannot draw charts: the plan's chart request is not drawn here; the
 * theme × status table it would be drawn from is in the sheet.
 */
import ExcelJS from "exceljs";
import { SUMMARY_TABLE_STYLE, columnLetter, markReference, parseA1Range, sheetOfReference, summaryCellStyles, summaryRowHeights, summarySheetName, summaryTableNames } from "../model";
import type { SummaryPlan, SummaryStyle } from "../model";
import { fitCellText } from "./limits";

export interface SummaryWriteResult {
  /** The name of the sheet written. */
  sheet: string;
  /** The name of our previous summary sheet that was replaced, if any. */
  replaced: string | null;
}

function argb(hex: string): string {
  return `FF${hex.replace("#", "").toUpperCase()}`;
}

/** ExcelJS keeps defined names as cell matrices; these are the members we use. */
type DefinedNames = {
  getRanges(name: string): { name: string; ranges: string[] };
  add(location: string, name: string): void;
  remove(location: string, name: string): void;
};

function definedNames(wb: ExcelJS.Workbook): DefinedNames {
  return wb.definedNames as unknown as DefinedNames;
}

/**
 * The sheet the mark refers to, if exactly one existing sheet: the add-in's
 * own summary. (ExcelJS merges a sheet-scoped copy of the name, which Excel
 * makes when a user copies the sheet, into the workbook's name; then we cannot
 * tell which sheet is ours, and replace none.)
 */
export function findOurSummarySheet(wb: ExcelJS.Workbook, mark: string): string | null {
  const existing = wb.worksheets.map((w) => w.name);
  const sheets = new Set(definedNames(wb).getRanges(mark).ranges.map((r) => sheetOfReference(r, existing)));
  return sheets.size === 1 ? [...sheets][0] : null;
}

function removeMark(wb: ExcelJS.Workbook, mark: string): void {
  const names = definedNames(wb);
  for (const range of names.getRanges(mark).ranges) {
    // Ranges come back as "'Sheet'!$A$1" or "'Sheet'!$A$1:$B$2"; remove cell by cell.
    const bang = range.lastIndexOf("!");
    const area = bang > 0 ? parseA1Range(range) : null;
    if (!area) continue;
    const sheet = range.slice(0, bang);
    for (let r = area.top; r <= area.bottom; r++) for (let c = area.left; c <= area.right; c++) names.remove(`${sheet}!$${columnLetter(c)}$${r}`, mark);
  }
}

/** Write the summary sheet: replaces ours, never a user's; the other sheets' cells are not touched. */
export function writePanelSummary(wb: ExcelJS.Workbook, plan: SummaryPlan): SummaryWriteResult {
  const ours = findOurSummarySheet(wb, plan.mark);
  const name = summarySheetName(
    wb.worksheets.map((w) => w.name),
    ours,
    plan.sheet,
  );
  removeMark(wb, plan.mark);
  if (ours) wb.removeWorksheet(wb.getWorksheet(ours)!.id);

  const ws = wb.addWorksheet(name, {
    pageSetup: { orientation: plan.print.orientation, fitToPage: true, fitToWidth: plan.print.fitToWidth, fitToHeight: 0, paperSize: 9 },
  });
  // ExcelJS leaves out a width equal to its default (9), and Excel would then use its own (8.43): a hair more keeps it.
  plan.columnWidths.forEach((w, i) => (ws.getColumn(i + 1).width = w === 9 ? 9.01 : w));
  // LibreOffice does not fit rows to wrapped text when it opens a file: give the heights the text needs.
  summaryRowHeights(plan).forEach((h, i) => {
    if (h !== null) ws.getRow(i + 1).height = h;
  });
  const styles = summaryCellStyles(plan);
  // One style object per distinct look, shared by all its cells: ExcelJS then registers
  // each look once when it writes the file (it remembers style objects it has seen),
  // not once per cell. The file is the same; no cell's style is edited after this.
  const shared = new Map<string, Partial<ExcelJS.Style>>();
  const styleOf = (numFmt: string | undefined, style: SummaryStyle | undefined): Partial<ExcelJS.Style> => {
    const key = `${numFmt ?? ""}|${style?.bold ? 1 : 0}|${style?.font ?? ""}|${style?.fill ?? ""}|${style?.wrap ? 1 : 0}|${style?.align ?? ""}`;
    let out = shared.get(key);
    if (!out) {
      out = numFmt === undefined ? {} : { numFmt };
      // The whole font, name and size included: a font with only "bold" reads as the host's default font.
      if (style?.bold || style?.font)
        out.font = { name: "Calibri", size: 11, family: 2, ...(style.bold ? { bold: true } : {}), ...(style.font ? { color: { argb: argb(style.font) } } : {}) };
      if (style?.fill) out.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(style.fill) }, bgColor: { argb: argb(style.fill) } };
      if (style?.wrap || style?.align) out.alignment = { ...(style.wrap ? { wrapText: true, vertical: "top" as const } : {}), ...(style.align ? { horizontal: style.align } : {}) };
      shared.set(key, out);
    }
    return out;
  };
  plan.rows.forEach((row, r) =>
    row.forEach((value, c) => {
      if (value === null) return;
      const cell = ws.getCell(r + 1, c + 1);
      // A plain string is stored as a string by ExcelJS, even one that starts with "=";
      // the text format ("@") keeps it text for anyone who edits the cell later.
      cell.value = typeof value === "string" ? fitCellText(value) : value;
      cell.style = styleOf(typeof value === "string" ? "@" : "0", styles.get(cell.address));
      styles.delete(cell.address);
    }),
  );
  // Cells with a style and no value.
  for (const [address, style] of styles) ws.getCell(address).style = styleOf(undefined, style);
  addSummaryTables(wb, ws, plan);
  definedNames(wb).add(markReference(name), plan.mark);
  opensOn(wb, ws);
  return { sheet: name, replaced: ours };
}

/**
 * The workbook opens on the summary: it is the active tab, the only sheet
 * selected (a sheet also selected would make a group, and edits and printing
 * would go to both).
 */
function opensOn(wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet): void {
  const index = wb.worksheets.indexOf(ws);
  const view = wb.views?.[0] ?? { x: 0, y: 0, width: 12000, height: 24000, firstSheet: 0, visibility: "visible" };
  wb.views = [{ ...view, activeTab: index, firstSheet: Math.min(view.firstSheet ?? 0, index) }];
  for (const other of wb.worksheets) {
    // ExcelJS writes a sheet view's tabSelected (its types leave it out).
    const views: Partial<ExcelJS.WorksheetView>[] = other.views?.length ? other.views : [{}];
    other.views = views.map((v) => ({ ...v, tabSelected: other === ws }) as unknown as ExcelJS.WorksheetView);
  }
}

/**
 * Mark up each of the plan's tables as an Excel table over the cells just written
 * (ExcelJS writes the same header and values into them again). The names of the
 * other sheets' tables and the workbook's defined names are taken; ours went with our old sheet.
 */
function addSummaryTables(wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet, plan: SummaryPlan): void {
  const tables = plan.tables.filter((t) => t.bodyRows > 0 && parseA1Range(t.range) !== null);
  const taken = [
    ...wb.worksheets.filter((w) => w !== ws).flatMap((w) => w.getTables().map((t) => (t as unknown as { table?: { name?: string } }).table?.name ?? "")),
    ...(wb.definedNames.model as { name: string }[]).map((d) => d.name),
  ];
  const names = summaryTableNames(tables, taken);
  tables.forEach((t, i) => {
    const area = parseA1Range(t.range)!;
    const width = t.columns.length;
    const rows: (string | number)[][] = [];
    for (let r = area.top + 1; r <= area.bottom; r++) rows.push(plan.rows[r - 1].slice(area.left - 1, area.left - 1 + width).map((v) => (typeof v === "string" ? fitCellText(v) : (v ?? ""))));
    ws.addTable({
      name: names[i],
      displayName: names[i],
      ref: `${t.range.split(":")[0]}`,
      headerRow: true,
      totalsRow: false,
      style: { theme: SUMMARY_TABLE_STYLE, showRowStripes: false, showColumnStripes: false, showFirstColumn: false, showLastColumn: false },
      columns: t.columns.map((c) => ({ name: fitCellText(c.header), filterButton: false })),
      rows,
    } as ExcelJS.TableProperties);
  });
}
