/**
 * A quarter's returns as .xlsx files: a lead's return workbook written (only
 * that lead's rows, this period's cells the only ones unlocked, drop-down lists
 * of the organisation's words, the sheet protected, plain instructions, a very
 * hidden key, no formulas), a return read back within the limits any workbook is
 * read with, and the merge applied to a copy of the tracker with its change log.
 */
import ExcelJS from "exceljs";
import { CHANGE_LOG_HEADERS, CHANGE_LOG_SHEET, ReturnKeySchema, isChangeLogName, SIGN_OFF_NOTE, SIGN_OFF_SHEET, cellsOfRange, signOffRows, columnLetter, instructions, longDate, readReturnSheet, returnColumns } from "../model";
import type { SignOff, FieldChange, LeadRequest, RequestPlan, ReturnKey, ReturnRead } from "../model";
import { UnreadableWorkbook, loadWorkbook, worksheetToGrid } from "./read";
import { writeCells } from "./write";

/** The very hidden sheet that holds a return's key. */
export const KEY_SHEET = "delivery-plan key";
export const INSTRUCTIONS_SHEET = "Instructions";
const KEY_NOTE = "This sheet matches the return to the tracker it came from. Please leave it as it is.";
/** The key's JSON, in pieces that fit a cell. */
const KEY_PIECE = 30_000;

const HEADER_FILL = "FFDDEBF7";
const OPEN_FILL = "FFFFF2CC";

/**
 * A row's height for its wrapped texts (points): the most lines any cell needs at
 * its column's width, as Excel would size it. Saved in the file, so that every
 * program shows and prints whole rows (LibreOffice does not size them on opening).
 */
export function rowHeight(cells: { text: string; width: number }[], line = 15): number {
  let lines = 1;
  for (const { text, width } of cells) {
    const perLine = Math.max(1, Math.floor(width * 1.1));
    const n = text.split("\n").reduce((sum, l) => sum + Math.max(1, Math.ceil(l.length / perLine)), 0);
    lines = Math.max(lines, n);
  }
  return Math.min(409, lines * line);
}

/** One lead's return workbook. */
export function returnWorkbook(plan: RequestPlan, request: LeadRequest, sendTo: string | null): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "delivery-plan";
  const lines = instructions(plan, request, sendTo);

  const guide = wb.addWorksheet(INSTRUCTIONS_SHEET, { properties: { tabColor: { argb: "FF2F5597" } }, pageSetup: { paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  guide.getColumn(1).width = 72;
  lines.forEach((text, i) => {
    const cell = guide.getCell(i + 1, 1);
    cell.value = text;
    cell.alignment = { wrapText: true, vertical: "top" };
    if (i === 0) cell.font = { bold: true, size: 14 };
    guide.getRow(i + 1).height = rowHeight([{ text, width: 72 }], i === 0 ? 20 : 15);
  });

  const key: ReturnKey = request.key;
  const ws = wb.addWorksheet(key.sheet, {
    views: [{ state: "frozen", ySplit: key.headerRow, xSplit: 1 }],
    // Printed as it reads: landscape, one page wide, the headers on every page.
    pageSetup: { orientation: "landscape", paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${key.headerRow}:${key.headerRow}` },
  });
  const columns = returnColumns(key.fields);
  columns.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));
  ws.getCell(1, 1).value = lines[0];
  ws.getCell(1, 1).font = { bold: true, size: 13 };
  ws.getCell(2, 1).value = `Fill in the columns headed "This period" (shaded); the others are locked.${plan.due ? ` Please send this file back by ${longDate(plan.due)}.` : ""} The sheet "${INSTRUCTIONS_SHEET}" says more.`;
  columns.forEach((c, i) => {
    const cell = ws.getCell(key.headerRow, i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.alignment = { wrapText: true, vertical: "top" };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: c.locked ? HEADER_FILL : OPEN_FILL } };
    cell.border = { bottom: { style: "thin" } };
  });
  ws.getRow(key.headerRow).height = rowHeight(columns.map((c) => ({ text: c.header, width: c.width })));
  request.rows.forEach((row, n) => {
    const r = key.headerRow + 1 + n;
    ws.getRow(r).height = rowHeight(columns.map((c) => ({ text: c.locked ? row[c.key as keyof typeof row] : "", width: c.width })));
    columns.forEach((c, i) => {
      const cell = ws.getCell(r, i + 1);
      cell.alignment = { wrapText: true, vertical: "top" };
      if (c.locked) {
        // Text, always: a cell's words are never read as a formula or a number.
        cell.value = row[c.key as keyof typeof row];
        cell.numFmt = "@";
        return;
      }
      cell.protection = { locked: false };
      cell.numFmt = "@";
      cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: OPEN_FILL } };
    });
  });

  // One list per column, over exactly the rows sent (ExcelJS would otherwise split one cell's lists into overlapping ranges).
  const last = key.headerRow + request.rows.length;
  columns.forEach((c, i) => {
    const field = c.key.slice(4);
    const words = field === "status" || field === "rag" ? plan.lists[field] : undefined;
    if (c.locked || !words?.length || !request.rows.length) return;
    const validations = (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
    validations.add(`${columnLetter(i + 1)}${key.headerRow + 1}:${columnLetter(i + 1)}${last}`, {
      type: "list",
      allowBlank: true,
      formulae: [`"${words.join(",")}"`],
      showErrorMessage: true,
      errorStyle: "stop",
      errorTitle: field === "status" ? "Not a status word" : "Not a RAG word",
      error: `Choose one of: ${words.join(", ")}.`,
      showInputMessage: true,
      promptTitle: field === "status" ? "This period's status" : "This period's RAG",
      prompt: `Choose from the list: ${words.join(", ")}.`,
    });
  });

  const hidden = wb.addWorksheet(KEY_SHEET);
  hidden.state = "veryHidden";
  hidden.getCell(1, 1).value = KEY_NOTE;
  const json = JSON.stringify(key);
  for (let i = 0, r = 2; i < json.length; i += KEY_PIECE, r++) hidden.getCell(r, 1).value = json.slice(i, i + KEY_PIECE);
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 1, visibility: "visible" }];
  return wb;
}

/** Protect the return's sheets (no password: the key tells an edited locked cell anyway). */
export async function protectReturn(wb: ExcelJS.Workbook, key: ReturnKey): Promise<void> {
  const options = { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true };
  await wb.getWorksheet(key.sheet)!.protect("", options);
  await wb.getWorksheet(INSTRUCTIONS_SHEET)!.protect("", options);
  await wb.getWorksheet(KEY_SHEET)!.protect("", { selectLockedCells: false, selectUnlockedCells: false });
}

export async function returnWorkbookBytes(plan: RequestPlan, request: LeadRequest, sendTo: string | null): Promise<Buffer> {
  const wb = returnWorkbook(plan, request, sendTo);
  await protectReturn(wb, request.key);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const NOT_A_RETURN = "Send the lead's own return (the file the requests command wrote for them, filled in), or ask them again";

/** The cells of a sheet that hold a formula (a return's are refused, never written). */
function formulaCells(ws: ExcelJS.Worksheet): Set<string> {
  const out = new Set<string>();
  ws.eachRow({ includeEmpty: false }, (row) =>
    row.eachCell({ includeEmpty: false }, (cell) => {
      const v = cell.value as unknown;
      if (cell.type === ExcelJS.ValueType.Formula || (v && typeof v === "object" && ("formula" in v || "sharedFormula" in v))) out.add(cell.address);
    }),
  );
  return out;
}

/** A return read from its file, or an UnreadableWorkbook saying in one line why not. */
export async function readReturn(source: string | Buffer, label: string): Promise<ReturnRead> {
  const wb = await loadWorkbook(source, label);
  const keySheet = wb.worksheets.find((w) => w.name.toLowerCase() === KEY_SHEET);
  if (!keySheet) throw new UnreadableWorkbook(`${label} is not a return this tool sent: it has no key sheet ("${KEY_SHEET}"). ${NOT_A_RETURN}.`);
  let text = "";
  for (let r = 2; r <= Math.min(keySheet.rowCount, 400); r++) {
    const v = keySheet.getCell(r, 1).value;
    if (typeof v === "string") text += v;
    else if (v !== null && v !== undefined) break;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UnreadableWorkbook(`${label}'s key sheet has been changed and cannot be read, so the return cannot be matched to the tracker. ${NOT_A_RETURN}.`);
  }
  const key = ReturnKeySchema.safeParse(parsed);
  if (!key.success) throw new UnreadableWorkbook(`${label}'s key sheet has been changed and cannot be read, so the return cannot be matched to the tracker. ${NOT_A_RETURN}.`);
  const ws = wb.worksheets.find((w) => w.name === key.data.sheet);
  if (!ws) throw new UnreadableWorkbook(`${label} has no sheet "${key.data.sheet}", where its rows were sent. ${NOT_A_RETURN}.`);
  const rows = readReturnSheet(worksheetToGrid(ws), key.data, formulaCells(ws));
  if (!rows.ok) throw new UnreadableWorkbook(`${label}: ${rows.message}. ${NOT_A_RETURN}.`);
  return { file: label.replace(/^.*[\\/]/, ""), key: key.data, rows: rows.rows };
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
