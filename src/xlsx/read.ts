/**
 * The .xlsx adapter's reading half: an ExcelJS workbook → the model's plain
 * grids (values, merged areas, hidden rows, fill colours, the number formats of date cells).
 */
import ExcelJS from "exceljs";
import { promises as fs } from "node:fs";
import JSZip from "jszip";
import { parseA1Range } from "../model";
import type { CellValue, MergedArea, SheetGrid } from "../model";
import { openWorkbookZip, readDirectory } from "./container";
import type { OpenedZip } from "./container";
import { DAMAGED_ADVICE, LIMIT_ADVICE, inspectFormat } from "./formats";
import { inflateRawNode, nodeCodec } from "./inflate-node";
import { READ_LIMITS, ReadLimitError, quote, zipLimitPassed } from "./limits";
import type { ClampedValidation } from "./limits";
import type { SheetTable } from "../model";

/** A workbook this adapter cannot read, with a message for the person who gave it (the CLI exits 2 on it). */
export class UnreadableWorkbook extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnreadableWorkbook";
  }
}

/** A workbook whose sheets hold more XML than a copy through ExcelJS can be made from (MAX_WHOLE_SHEETS): summary --out copies it part by part. */
export class TooBigToCopy extends UnreadableWorkbook {}

type ExcelValue = ExcelJS.CellValue;

/** What Excel shows in a date cell whose serial it cannot show as a date. */
export const OUT_OF_RANGE_DATE = "####### (a date out of Excel's range)";
const FIRST_DATE = Date.UTC(1899, 11, 30);
const LAST_DATE = Date.UTC(10000, 0, 1);

/** A date Excel can show: from serial 0 (30 December 1899) to 31 December 9999. */
export function isExcelDate(date: Date): boolean {
  const t = date.getTime();
  return t >= FIRST_DATE && t < LAST_DATE;
}

/** An ExcelJS value as the model sees it: formulas as their cached results, rich text flattened. */
export function toCellValue(value: ExcelValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  // A number Excel cannot hold (NaN, infinity) is an error on its cell, as Excel shows it.
  if (typeof value === "number") return Number.isFinite(value) ? value : { error: "#NUM!" };
  // A date out of Excel's range (a serial below 0 or past 31 December 9999, or NaN) shows as ####### in Excel:
  // an error on its cell, reported there, and the rest of the sheet is read.
  if (value instanceof Date) return isExcelDate(value) ? value : { error: OUT_OF_RANGE_DATE };
  if (typeof value === "object") {
    if ("error" in value && typeof value.error === "string") return { error: value.error };
    if ("richText" in value && Array.isArray(value.richText)) return value.richText.map((p) => p.text).join("");
    if ("formula" in value || "sharedFormula" in value) {
      const result = (value as { result?: unknown }).result;
      if (result === undefined || result === null) return null;
      return toCellValue(result as ExcelValue);
    }
    if ("text" in value) {
      const text = (value as { text: unknown }).text;
      if (typeof text === "string") return text;
      if (text && typeof text === "object" && "richText" in text) return toCellValue(text as ExcelValue);
    }
  }
  return null;
}

/** The default Office theme's colours, by ExcelJS's theme index (lt1, dk1, lt2, dk2, accent1–6). */
const THEME_COLOURS = ["FFFFFF", "000000", "E7E6E6", "44546A", "4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47"];
/** The legacy indexed palette (indexes 8–63; 0–7 repeat 8–15). */
const INDEXED_COLOURS = [
  "000000", "FFFFFF", "FF0000", "00FF00", "0000FF", "FFFF00", "FF00FF", "00FFFF", "800000", "008000", "000080", "808000", "800080", "008080",
  "C0C0C0", "808080", "9999FF", "993366", "FFFFCC", "CCFFFF", "660066", "FF8080", "0066CC", "CCCCFF", "000080", "FF00FF", "FFFF00", "00FFFF",
  "800080", "800000", "008080", "0000FF", "00CCFF", "CCFFFF", "CCFFCC", "FFFF99", "99CCFF", "FF99CC", "CC99FF", "FFCC99", "3366FF", "33CCCC",
  "99CC00", "FFCC00", "FF9900", "FF6600", "666699", "969696", "003366", "339966", "003300", "333300", "993300", "993366", "333399", "333333",
];

/** Excel's tint: towards white (positive) or black (negative). */
function tinted(hex: string, tint: number): string {
  if (!tint) return hex;
  return [0, 2, 4]
    .map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16);
      const v = tint < 0 ? c * (1 + tint) : c + (255 - c) * tint;
      return Math.round(v).toString(16).padStart(2, "0");
    })
    .join("")
    .toUpperCase();
}

/**
 * A solid fill's colour as "RRGGBB", or null (no fill, no colour). Theme colours
 * are read against the default Office theme, indexed colours against the legacy
 * palette: close enough to tell red from amber from green.
 */
export function fillColour(fill: ExcelJS.Fill | undefined): string | null {
  if (!fill || fill.type !== "pattern" || fill.pattern === "none") return null;
  const colour = fill.fgColor as (Partial<ExcelJS.Color> & { indexed?: number; tint?: number }) | undefined;
  if (!colour) return null;
  if (colour.argb && /^[0-9a-f]{6,8}$/i.test(colour.argb)) return colour.argb.slice(-6).toUpperCase();
  if (typeof colour.theme === "number" && THEME_COLOURS[colour.theme]) return tinted(THEME_COLOURS[colour.theme], colour.tint ?? 0);
  if (typeof colour.indexed === "number") {
    const i = colour.indexed < 8 ? colour.indexed + 8 : colour.indexed;
    const hex = INDEXED_COLOURS[i - 8];
    return hex ? tinted(hex, colour.tint ?? 0) : null;
  }
  return null;
}

/** A row's or column's style that a cell made there would take (ExcelJS's Cell._mergeStyle). */
export function hasStyle(style: Partial<ExcelJS.Style> | undefined): boolean {
  return !!style && !!(style.numFmt || style.font || style.alignment || style.border || style.fill || style.protection);
}

/**
 * The sheet's merged areas ("A1:C1"). ExcelJS has them only in `ws.model`, which
 * builds the model of every row to give them; its own list of merges is read
 * instead when it is there.
 */
export function mergesOf(ws: ExcelJS.Worksheet): string[] {
  const own = (ws as unknown as { _merges?: Record<string, { range?: unknown }> })._merges;
  if (own && typeof own === "object") {
    const ranges = Object.values(own).map((m) => m?.range);
    if (ranges.every((r): r is string => typeof r === "string")) return ranges;
  }
  return (ws.model as { merges?: string[] }).merges ?? [];
}

export function worksheetToGrid(ws: ExcelJS.Worksheet): SheetGrid {
  const rowCount = ws.rowCount;
  const values: CellValue[][] = [];
  const fills: (string | null)[][] = [];
  const hiddenRows: number[] = [];
  // The number formats of date cells ("mmm-yy": a month), made only when the sheet has a date.
  let numberFormats: (string | null)[][] | null = null;
  for (let r = 1; r <= rowCount; r++) {
    const row = ws.findRow(r);
    // Rows are as long as their last cell: one stray value in column XFD does not widen them all.
    const rowValues: CellValue[] = [];
    const rowFills: (string | null)[] = [];
    if (row) {
      if (row.hidden) hiddenRows.push(r);
      // Every cell the row has, blank ones too: a blank cell may still carry a fill, and a fill may be the only RAG there is.
      // A column with no cell object here is looked at only when the row or the column has a style of its own
      // (row.getCell then makes the cell with that style, as it always did); otherwise it is blank and unfilled,
      // and no empty cell is made in the user's sheet just to be read.
      const rowStyled = hasStyle((row as unknown as { style?: Partial<ExcelJS.Style> }).style);
      const cellCount = (row as unknown as { _cells: unknown[] })._cells.length;
      for (let c = 1; c <= cellCount; c++) {
        const cell = row.findCell(c) ?? (rowStyled || hasStyle(ws.getColumn(c).style) ? row.getCell(c) : undefined);
        // Covered cells of a merge report their master's value in ExcelJS; Excel reports them empty.
        if (!cell || cell.type === ExcelJS.ValueType.Merge) continue;
        const value = toCellValue(cell.value);
        const fill = fillColour(cell.fill);
        if (value === null && fill === null) continue;
        while (rowValues.length < c) {
          rowValues.push(null);
          rowFills.push(null);
        }
        rowValues[c - 1] = value;
        rowFills[c - 1] = fill;
        if (value instanceof Date && cell.numFmt) {
          numberFormats ??= [];
          (numberFormats[r - 1] ??= [])[c - 1] = cell.numFmt;
        }
      }
    }
    values.push(rowValues);
    fills.push(rowFills);
  }
  const mergeList = mergesOf(ws).map(parseA1Range).filter((m): m is MergedArea => m !== null);
  const tables = worksheetTables(ws);
  if (numberFormats) for (let r = 0; r < values.length; r++) numberFormats[r] = Array.from(numberFormats[r] ?? [], (f) => f ?? null);
  return { name: sheetName(ws.workbook, ws), firstRow: 1, firstColumn: 1, values, merges: mergeList, fills, hiddenRows, ...(tables.length ? { tables } : {}), ...(numberFormats ? { numberFormats } : {}) };
}

/**
 * The sheet's Excel tables (ListObjects), as ExcelJS read them: name, area (header and totals rows
 * included), whether the header row shows and whether a totals row does.
 *
 * Excel leaves out headerRowCount when it is 1 (the default), and ExcelJS then reads "no header
 * row" (it reads headerRowCount === "1" only). So a table also has a header row when its first
 * row holds its columns' names, as a header row always does (Excel keeps the two the same); the
 * first row of a table saved with headerRowCount="0" is data. (Its autoFilter says nothing:
 * ExcelJS writes one for a table without a header row too.)
 */
export function worksheetTables(ws: ExcelJS.Worksheet): SheetTable[] {
  return tablesOf(ws, (row, column) => toCellValue(ws.findCell(row, column)?.value ?? null));
}

/** The sheet's tables, the cells' values given apart (stream-read.ts reads them without ExcelJS's cells). */
export function tablesOf(ws: ExcelJS.Worksheet, valueAt: (row: number, column: number) => CellValue): SheetTable[] {
  const out: SheetTable[] = [];
  type TableModel = { name?: string; tableRef?: string; ref?: string; headerRow?: boolean; totalsRow?: boolean; columns?: { name?: string }[] };
  for (const t of ws.getTables() as unknown as { table?: TableModel }[]) {
    const model = t.table;
    const area = model ? parseA1Range(model.tableRef ?? model.ref ?? "") : null;
    if (!model || !area) continue;
    const names = (model.columns ?? []).map((c) => String(c.name ?? "").trim().toLowerCase());
    const firstRow = names.map((_, i) => String(valueAt(area.top, area.left + i) ?? "").trim().toLowerCase());
    const named = names.length > 0 && names.every((n, i) => n !== "" && n === firstRow[i]);
    const headerRow = model.headerRow === true || named;
    out.push({ ...area, name: model.name ?? "", headerRow, ...(model.totalsRow ? { totalsRow: true } : {}) });
  }
  return out;
}

/** What loadWorkbook learnt of each workbook's file before ExcelJS read it (for the copy's note, sheet names and lists). */
interface ReadInfo {
  /** Every part of the zip. */
  names: string[];
  /** What was cut or renamed to read it. */
  notes: string[];
  /** What ExcelJS reads past: x14 lists, sparklines (by sheet). */
  extensions: string[];
  /** A sheet's name as ExcelJS has it → its name in the file. */
  sheetNames: Map<string, string>;
  /** A sheet's name as ExcelJS has it → its data validation ranges that were cut to be read. */
  validations: Map<string, ClampedValidation[]>;
}
const readInfo = new WeakMap<ExcelJS.Workbook, ReadInfo>();

/** The most XML a workbook's sheets may hold (bytes, inflated) for a copy to be made from it (loadWorkbook). */
export const MAX_WHOLE_SHEETS = 160 * 1024 * 1024;

/** MAX_WHOLE_SHEETS, or DELIVERY_PLAN_COPY_MB (a machine with memory to spare, with DELIVERY_PLAN_HEAP_MB; or a test). */
function copyLimit(): number {
  const given = Number(process.env.DELIVERY_PLAN_COPY_MB);
  return Number.isFinite(given) && given > 0 ? given * 1024 * 1024 : MAX_WHOLE_SHEETS;
}

/** The largest file read (bytes): a workbook's zip over this would pass the limits on its parts anyway. */
export const MAX_FILE_BYTES = 1024 * 1024 * 1024;

/** Why ExcelJS could not read a zip that passed our checks, with advice that fits. */
export function whyExcelJsFailed(err: unknown, label: string): string {
  const message = String((err as Error)?.message ?? err).split("\n")[0];
  if (/^\d+:\d+: |unclosed|unexpected end|text data outside|invalid (attribute|character|closing)|unmatched|disallowed/i.test(message))
    return `${label} is damaged: part of it is not well-formed XML (${quote(message, 80)}). ${DAMAGED_ADVICE}.`;
  if (/end of data|corrupted zip|invalid signature|unsupported (compression|encryption)/i.test(message)) return `${label} is damaged: its zip cannot be followed (${quote(message, 80)}). ${DAMAGED_ADVICE}.`;
  return `${label} could not be read as an Excel workbook (.xlsx): the reader stopped at ${quote(message, 80)}. Open it in Excel and save it again as an Excel Workbook (.xlsx), then try again.`;
}

/** A workbook's bytes, from its file or as given, or the one line that says why not (both readers use it). */
export async function workbookBytes(source: string | Buffer | ArrayBuffer, label: string): Promise<Buffer> {
  if (typeof source !== "string") return Buffer.isBuffer(source) ? source : Buffer.from(source);
  try {
    // ExcelJS's own "file not found" has no error code: look first.
    const stat = await fs.stat(source);
    if (stat.isDirectory()) throw Object.assign(new Error("folder"), { code: "EISDIR" });
    if (stat.size > MAX_FILE_BYTES)
      throw new UnreadableWorkbook(`${label} is ${Math.round(stat.size / 1024 / 1024).toLocaleString("en-GB")} MB, over the ${MAX_FILE_BYTES / 1024 / 1024} MB this tool reads. ${LIMIT_ADVICE}.`);
    return await fs.readFile(source);
  } catch (err) {
    if (err instanceof UnreadableWorkbook) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new UnreadableWorkbook(`File not found: ${label}. Check the path and try again.`);
    if (code === "EISDIR") throw new UnreadableWorkbook(`${label} is a folder, not an .xlsx file.`);
    if (code === "EACCES" || code === "EPERM") throw new UnreadableWorkbook(`Cannot read ${label}: permission denied.`);
    throw new UnreadableWorkbook(`Cannot read ${label} (${code ?? quote(String((err as Error)?.message ?? err), 80)}).`);
  }
}

export async function loadWorkbook(source: string | Buffer | ArrayBuffer, label = typeof source === "string" ? source : "the workbook"): Promise<ExcelJS.Workbook> {
  const bytes = await workbookBytes(source, label);
  const { unreadable } = await inspectFormat(bytes, label);
  if (unreadable) throw new UnreadableWorkbook(unreadable);
  let opened: OpenedZip;
  try {
    // A copy is made from the whole workbook as ExcelJS holds it, about ten times its sheets' XML in memory: refused
    // before anything is inflated when that would pass 2 GB. Reading only (readWorkbookGrids) goes row by row, at any size.
    const entries = readDirectory(bytes, READ_LIMITS, nodeCodec);
    // The limits every reading has come first (a zip bomb is said to be one).
    const passed = zipLimitPassed(entries, READ_LIMITS);
    if (passed) throw new ReadLimitError(passed, "limit");
    const sheets = entries.filter((e) => /^xl\/worksheets\/sheet\d+\.xml$/.test(e.name)).reduce((sum, e) => sum + e.size, 0);
    const most = copyLimit();
    if (sheets > most)
      throw new TooBigToCopy(
        `${label} is too big to copy: its sheets hold ${Math.round(sheets / 1024 / 1024).toLocaleString("en-GB")} MB of cells, over the ${Math.round(most / 1024 / 1024).toLocaleString("en-GB")} MB limit (about ${Math.round((most / MAX_WHOLE_SHEETS) * 300).toLocaleString("en-GB")},000 rows). validate, summary and report read it without --out, and summary --out copies it part by part; for the rest, split the tracker.`,
      );
    opened = openWorkbookZip(bytes, inflateRawNode, READ_LIMITS, nodeCodec);
  } catch (err) {
    if (err instanceof ReadLimitError) throw new UnreadableWorkbook(`${label} ${err.message}. ${err.kind === "damaged" ? DAMAGED_ADVICE : LIMIT_ADVICE}.`);
    throw err;
  }
  // ExcelJS is given the used parts only, stored (not compressed again): no part it reads can be bigger than checked.
  const zip = new JSZip();
  const extensions: string[] = [];
  for (const [name, data] of opened.parts) {
    zip.file(name, data);
    if (/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) extensions.push(...sheetExtensions(data));
  }
  const stored = await zip.generateAsync({ type: "nodebuffer", compression: "STORE" });
  opened.parts.clear();
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(stored as unknown as ArrayBuffer);
  } catch (err) {
    throw new UnreadableWorkbook(whyExcelJsFailed(err, label));
  }
  readInfo.set(wb, { names: opened.names, notes: opened.notes, extensions, sheetNames: opened.sheetNames, validations: opened.validations });
  return wb;
}

/** Features of a sheet's XML that ExcelJS reads past (in its extension list). */
function sheetExtensions(data: Uint8Array): string[] {
  const has = (tag: string) => Buffer.from(data.buffer, data.byteOffset, data.byteLength).includes(tag);
  const out: string[] = [];
  if (has("<x14:dataValidation")) out.push("drop-down lists that take their words from another sheet");
  if (has("<x14:sparklineGroup")) out.push("sparklines");
  return out;
}

/** The sheet's name in the file (ExcelJS has another when the file's is one Excel would not take). */
export function sheetName(wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet): string {
  return readInfo.get(wb)?.sheetNames.get(ws.name) ?? ws.name;
}

/** The worksheet of a grid's name (the file's name of the sheet). */
export function worksheetNamed(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet | undefined {
  const asRead = [...(readInfo.get(wb)?.sheetNames ?? [])].find(([, original]) => original === name)?.[0];
  return wb.getWorksheet(asRead ?? name);
}

/** The data validation ranges of a sheet that were cut to be read (validation.ts writes them back whole). */
export function clampedValidations(wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet): ClampedValidation[] {
  return readInfo.get(wb)?.validations.get(ws.name) ?? [];
}

export function workbookGrids(wb: ExcelJS.Workbook): SheetGrid[] {
  const grids: SheetGrid[] = [];
  wb.eachSheet((ws) => {
    grids.push(worksheetToGrid(ws));
  });
  return grids;
}

/**
 * What a copy written by ExcelJS would leave out: it cannot write charts, pivot
 * tables or slicers. Said to the user before a copy is written; the workbook
 * given is never changed. Given the file, or a workbook loadWorkbook opened.
 */
export async function partsLostInCopy(source: string | ExcelJS.Workbook): Promise<string[]> {
  // A workbook loadWorkbook opened: the names it saw when it looked at the file (not read again).
  const info = typeof source === "string" ? null : readInfo.get(source);
  const names = typeof source === "string" ? readDirectory(await fs.readFile(source), READ_LIMITS, nodeCodec).map((e) => e.name) : (info?.names ?? []);
  const count = (re: RegExp) => names.filter((n) => re.test(n)).length;
  const lost: string[] = [];
  const some = (n: number, one: string, many = `${one}s`) => n && lost.push(`${n} ${n === 1 ? one : many}`);
  if (names.includes("xl/vbaProject.bin")) lost.push("the macros (VBA project)");
  some(count(/^xl\/charts\/chart\d+\.xml$/), "chart");
  some(count(/^xl\/pivotTables\/pivotTable\d+\.xml$/), "pivot table");
  some(count(/^xl\/slicers\/slicer\d+\.xml$/), "slicer");
  some(count(/^xl\/timelines\/timeline\d+\.xml$/), "timeline");
  some(count(/^xl\/threadedComments\/threadedComment\d+\.xml$/), "sheet of threaded comments", "sheets of threaded comments");
  some(count(/^xl\/externalLinks\/externalLink\d+\.xml$/), "link to another workbook", "links to other workbooks");
  some(count(/^xl\/embeddings\//), "embedded object");
  some(count(/^xl\/ctrlProps\//), "form control");
  if (names.includes("xl/connections.xml")) lost.push("the data connections (Power Query)");
  if (info) lost.push(...new Set(info.extensions));
  return lost;
}

/** What a copy has that differs from the file because the file passed Excel's limits (limits.ts): cut ranges, renamed sheets. */
export function changedInCopy(wb: ExcelJS.Workbook): string[] {
  return readInfo.get(wb)?.notes ?? [];
}
