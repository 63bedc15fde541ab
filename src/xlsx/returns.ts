/**
 * A quarter's returns as .xlsx files: a lead's return workbook written (only
 * that lead's rows, this period's cells the only ones unlocked, drop-down lists
 * of the organisation's words, the sheet protected, plain instructions, a very
 * hidden key, no formulas), a return read back within the limits any workbook is
 * read with, and the merge applied to a copy of the tracker with its change log.
 */
import ExcelJS from "exceljs";
import { CHANGE_LOG_HEADERS, CHANGE_LOG_SHEET, isChangeLogName, SIGN_OFF_NOTE, SIGN_OFF_SHEET, cellsOfRange, signOffRows } from "../model";
import type { SignOff, FieldChange, LeadRequest, RequestPlan, ReturnRead } from "../model";
import { UnreadableWorkbook, loadWorkbook, worksheetToGrid } from "./read";
import { writeCells } from "./write";
import { protectReturn, returnOfWorkbook, returnWorkbook, rowHeight } from "../returns-web/workbook";

// The return workbook itself is built and read back by src/returns-web/workbook.ts, which the pane's lazy chunk shares.
export { INSTRUCTIONS_SHEET, KEY_SHEET, protectReturn, returnOfWorkbook, returnWorkbook, rowHeight } from "../returns-web/workbook";

export async function returnWorkbookBytes(plan: RequestPlan, request: LeadRequest, sendTo: string | null): Promise<Buffer> {
  const wb = returnWorkbook(plan, request, sendTo);
  await protectReturn(wb, request.key);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A return read from its file, or an UnreadableWorkbook saying in one line why not. */
export async function readReturn(source: string | Buffer, label: string): Promise<ReturnRead> {
  const wb = await loadWorkbook(source, label);
  const read = returnOfWorkbook(wb, label, worksheetToGrid);
  if (!read.ok) throw new UnreadableWorkbook(read.message);
  return read.read;
}

/**
 * The merge applied to the tracker's workbook (a copy: the caller writes it to a
 * new file): each accepted change written as text into its cell, and one row per
 * changed field appended to the "Change log" sheet (made when there is none).
 */
export function applyMerge(wb: ExcelJS.Workbook, sheet: ExcelJS.Worksheet, changes: readonly FieldChange[], logRows: readonly string[][]): void {
  writeCells(
    sheet,
    changes.map((c) => ({ cell: c.cell, text: c.text })),
  );
  appendChangeLog(wb, logRows);
}

/** Rows appended to the workbook's "Change log" sheet (made, with its headers, when there is none), each cell as text. */
export function appendChangeLog(wb: ExcelJS.Workbook, logRows: readonly (readonly string[])[]): void {
  if (!logRows.length) return;
  const widths = [21, 15, 14, 22, 40, 40, 30];
  // Ours: so named, with our headers. A user's own sheet called "Change log" is never written in: ours is then "Change log (2)".
  const ours = (w: ExcelJS.Worksheet) => isChangeLogName(w.name) && CHANGE_LOG_HEADERS.every((h, i) => String(w.getCell(1, i + 1).value ?? "").trim().toLowerCase() === h.toLowerCase());
  let log = wb.worksheets.find(ours);
  if (!log) {
    const taken = new Set(wb.worksheets.map((w) => w.name.toLowerCase()));
    let name = CHANGE_LOG_SHEET;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${CHANGE_LOG_SHEET} (${n})`;
    // Read on screen and printed whole: landscape, one page wide, the headers on every page.
    log = wb.addWorksheet(name, {
      views: [{ state: "frozen", ySplit: 1 }],
      pageSetup: { orientation: "landscape", paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "1:1" },
    });
    CHANGE_LOG_HEADERS.forEach((h, i) => {
      const cell = log!.getCell(1, i + 1);
      cell.value = h;
      cell.font = { bold: true };
      cell.alignment = { vertical: "top" };
    });
    widths.forEach((w, i) => (log!.getColumn(i + 1).width = w));
  }
  let next = log.rowCount + 1;
  for (const row of logRows) {
    row.forEach((text, i) => {
      const cell = log!.getCell(next, i + 1);
      cell.value = text;
      cell.numFmt = "@";
      cell.alignment = { wrapText: true, vertical: "top" };
    });
    // Sized for its text, as Excel would: LibreOffice does not size rows on opening.
    log.getRow(next).height = rowHeight(row.map((text, i) => ({ text, width: log!.getColumn(i + 1).width ?? widths[i] ?? 10 })));
    next++;
  }
  // The log stays the workbook's last sheet, after a Panel Summary written before or since.
  const ordered = (w: ExcelJS.Worksheet) => w as unknown as { orderNo: number };
  ordered(log).orderNo = Math.max(...wb.worksheets.map((w) => ordered(w).orderNo)) + 1;
}

/**
 * What a sheet's conditional formats and data validations are, to tell whether a
 * write changed them (the same again, as on a copy already formatted, is no
 * change): each rule by its range, formula and colours, each list by its cells
 * and words, whether read from a file or just made.
 */
export function formattingState(ws: ExcelJS.Worksheet): { colours: string; lists: string } {
  type Rule = { type?: string; formulae?: unknown[]; style?: { fill?: { bgColor?: { argb?: string }; fgColor?: { argb?: string } }; font?: { color?: { argb?: string } } } };
  const formats = ((ws as unknown as { conditionalFormattings?: { ref: string; rules: Rule[] }[] }).conditionalFormattings ?? []).flatMap((cf) =>
    (cf.rules ?? []).map((r) => [cf.ref, r.type, (r.formulae ?? []).map(String).join(";"), r.style?.fill?.bgColor?.argb ?? r.style?.fill?.fgColor?.argb ?? "", r.style?.font?.color?.argb ?? ""].join("|")),
  );
  const model = ((ws as unknown as { dataValidations?: { model?: Record<string, { type?: string; formulae?: unknown[]; promptTitle?: string }> } }).dataValidations?.model ?? {}) as Record<
    string,
    { type?: string; formulae?: unknown[]; promptTitle?: string } | undefined
  >;
  const lists: string[] = [];
  for (const [key, v] of Object.entries(model)) {
    if (!v) continue;
    const what = [v.type, (v.formulae ?? []).map(String).join(";"), v.promptTitle ?? ""].join("|");
    const ranges = key.replace(/^range:/, "").split(/\s+/);
    for (const range of ranges) {
      const cells = range.includes(":") ? cellsOfRange(range) : [range];
      if (lists.length + cells.length > 500_000) return { colours: formats.sort().join("\n"), lists: "(too many to compare)" };
      for (const c of cells) lists.push(`${c}|${what}`);
    }
  }
  return { colours: formats.sort().join("\n"), lists: lists.sort().join("\n") };
}

/** A sign-off's record appended to the workbook's hidden sign-off sheet (made when there is none); a period signed off again is read by its latest record. */
export function writeSignOff(wb: ExcelJS.Workbook, record: SignOff): void {
  let ws = wb.worksheets.find((w) => w.name.toLowerCase() === SIGN_OFF_SHEET);
  if (!ws) {
    ws = wb.addWorksheet(SIGN_OFF_SHEET, { state: "hidden" });
    ws.getCell(1, 1).value = SIGN_OFF_NOTE;
  }
  ws.state = "hidden";
  let next = Math.max(ws.rowCount, 1) + 1;
  for (const row of signOffRows(record)) {
    row.forEach((text, i) => {
      const cell = ws!.getCell(next, i + 1);
      cell.value = text;
      cell.numFmt = "@";
    });
    next++;
  }
}
