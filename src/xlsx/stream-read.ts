/**
 * Reading a workbook's grids without holding its cells as objects: the reading
 * half that `validate`, `summary` and `report` use when they write no copy.
 *
 * ExcelJS's workbook reader keeps every cell as an object with its style, which
 * for a tracker of a million rows is over 4 GB. Here each sheet's cells are read
 * row by row, straight into the model's plain grid, and never kept as ExcelJS
 * objects; the rest of the sheet (its merges, tables, columns) is read by
 * ExcelJS from the same file with the cells taken out. Each row is read by
 * ExcelJS's own row parser (RowXform), with its own styles and shared strings,
 * so a cell reads exactly as workbookGrids(loadWorkbook(...)) reads it: a test
 * compares the two on every workbook the tests have (test/xlsx/stream-read.test.ts).
 *
 * Within the same limits (limits.ts): the zip's directory is checked before
 * anything is inflated, a row or cell past Excel's last is refused, and the
 * ranges a sheet declares are clamped to the cells it holds.
 */
import { StringDecoder } from "node:string_decoder";
import { createInflateRaw } from "node:zlib";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import type { CellValue, MergedArea, SheetGrid } from "../model";
import { parseA1Range } from "../model";
import { readDirectory } from "./container";
import { DAMAGED_ADVICE, LIMIT_ADVICE, inspectFormat } from "./formats";
import { inflateRawNode, nodeCodec } from "./inflate-node";
import { EXCEL_LIMITS, READ_LIMITS, ReadLimitError, clampWorkbook, clampWorksheet, columnOf, inflateEntry, isUsedPart, lettersOf, quote, storedBytes, workbookSheets, zipLimitPassed } from "./limits";
import type { UsedArea, ZipEntry } from "./limits";
import { UnreadableWorkbook, fillColour, hasStyle, mergesOf, tablesOf, toCellValue, whyExcelJsFailed, workbookBytes } from "./read";

/* eslint-disable @typescript-eslint/no-require-imports -- ExcelJS's own parsers, which its package does not export by name */
const StylesXform = require("exceljs/lib/xlsx/xform/style/styles-xform") as new () => StylesParser;
const SharedStringsXform = require("exceljs/lib/xlsx/xform/strings/shared-strings-xform") as new () => XformParser<{ values: unknown[] }>;
const RowXform = require("exceljs/lib/xlsx/xform/sheet/row-xform") as new () => RowParser;
const parseSax = require("exceljs/lib/utils/parse-sax") as (chunks: AsyncIterable<string>) => AsyncIterable<SaxEvent[]>;
/* eslint-enable @typescript-eslint/no-require-imports */

interface SaxNode {
  name: string;
  attributes: Record<string, string>;
}
type SaxEvent = { eventType: "opentag"; value: SaxNode } | { eventType: "text"; value: string } | { eventType: "closetag"; value: SaxNode };
interface XformParser<M> {
  parse(events: AsyncIterable<SaxEvent[]>): Promise<M>;
}
type Style = Partial<ExcelJS.Style>;
interface StylesParser extends XformParser<unknown> {
  getStyleModel(id: number): Style | null;
}
/** ExcelJS's cell model after its reconcile: the type decides where the value is. */
interface CellModel {
  address?: string;
  type: number;
  value?: unknown;
  result?: unknown;
  formula?: string;
  sharedFormula?: string;
  text?: unknown;
  hyperlink?: string;
  style?: Style;
}
interface RowModel {
  number: number;
  cells: CellModel[];
  hidden?: boolean;
  style?: Style;
}
interface RowParser {
  model: RowModel;
  parseOpen(node: SaxNode): boolean;
  parseText(text: string): void;
  parseClose(name: string): boolean;
  reconcile(model: RowModel, options: unknown): void;
}

const TYPE = ExcelJS.ValueType;

/** A cell's value as ExcelJS's Cell would give it (cell.value), from its model. */
function valueOf(cell: CellModel): ExcelJS.CellValue {
  switch (cell.type) {
    case TYPE.Formula:
      return { formula: cell.formula ?? cell.sharedFormula ?? "", result: cell.result } as ExcelJS.CellValue;
    case TYPE.Hyperlink:
      return { text: cell.text, hyperlink: cell.hyperlink } as ExcelJS.CellValue;
    case TYPE.Null:
      return null;
    default:
      return cell.value as ExcelJS.CellValue;
  }
}


/** What ExcelJS's Cell makes of a row's and a column's style for a cell it creates (Cell._mergeStyle): the fill. */
const mergedFill = (row: Style | undefined, column: Style | undefined) => row?.fill || column?.fill;

/** Byte chunks as text (a character split between two chunks is kept whole). */
export async function* textOf(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new StringDecoder("utf8");
  for await (const chunk of chunks) {
    const text = decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/**
 * One part of the zip, inflated a piece at a time and never past the size its
 * directory declares: a part of hundreds of megabytes is never whole in memory.
 * When it is not what the directory says, inflateEntry says why, in its words.
 */
export async function* partChunks(bytes: Uint8Array, entry: ZipEntry): AsyncGenerator<Uint8Array> {
  const stored = storedBytes(bytes, entry);
  if (!stored || (entry.method !== 0 && entry.method !== 8)) {
    inflateEntry(bytes, entry, inflateRawNode);
    return;
  }
  const step = 1 << 20;
  if (entry.method === 0) {
    if (stored.length !== entry.size) inflateEntry(bytes, entry, inflateRawNode);
    for (let at = 0; at < stored.length; at += step) yield stored.subarray(at, at + step);
    return;
  }
  const inflater = createInflateRaw({ chunkSize: step });
  inflater.end(stored);
  let total = 0;
  try {
    for await (const chunk of inflater as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > entry.size) break;
      yield chunk;
    }
  } catch {
    total = -1;
  } finally {
    inflater.destroy();
  }
  // Past or short of its declared size, or broken: the whole-part inflater stops at the size and says which.
  if (total !== entry.size) inflateEntry(bytes, entry, inflateRawNode);
}

/** One sheet's rows as read, before its merges and columns are known. */
interface StreamedRows {
  values: CellValue[][];
  fills: (string | null)[][];
  /** The styles of cells made from the row's or column's style: only for columns the row has no cell in. */
  rowStyles: (Style | undefined)[];
  /** The columns each row has a cell in (1-based), for those rows that have a row style or when columns have styles. */
  present: (Set<number> | undefined)[];
  cellCounts: number[];
  hiddenRows: number[];
  numberFormats: (string | null)[][] | null;
  used: UsedArea;
}

interface ReadContext {
  styles: StylesParser;
  sharedStrings: unknown[];
  date1904: boolean;
  where: string;
  /** Whether any column has a style of its own (a cell ExcelJS makes there takes it). */
  columnStyled: boolean;
}

/** The `<sheetData>` of one sheet, read row by row with ExcelJS's row parser. */
async function readRows(sheetData: AsyncIterable<string>, context: ReadContext): Promise<StreamedRows> {
  const at = context.where ? ` ${context.where}` : "";
  const count = (n: number) => n.toLocaleString("en-GB");
  const out: StreamedRows = { values: [], fills: [], rowStyles: [], present: [], cellCounts: [], hiddenRows: [], numberFormats: null, used: { rows: 0, columns: 0 } };
  let runs: [number, number][] | undefined = [];
  let sorted = true;
  const options = { styles: context.styles, sharedStrings: { getString: (i: number) => context.sharedStrings[i] }, date1904: context.date1904, formulae: {}, hyperlinkMap: {} };
  const parser = new RowXform();
  let inRow = false;
  let lastRow = 0;
  const note = (cellRow: number) => {
    if (!runs) return;
    const last = runs[runs.length - 1];
    if (last && cellRow >= last[0] && cellRow <= last[1] + 1) last[1] = Math.max(last[1], cellRow);
    else {
      if (last && cellRow < last[0]) sorted = false;
      runs.push([cellRow, cellRow]);
      if (runs.length > 1000) runs = undefined;
    }
  };
  const finish = (row: RowModel) => {
    parser.reconcile(row, options);
    const r = Number.isFinite(row.number) ? row.number : lastRow + 1;
    lastRow = r;
    if (r > EXCEL_LIMITS.rows) throw new ReadLimitError(`has a row numbered ${count(r)}${at}, past Excel's last row (${count(EXCEL_LIMITS.rows)})`, "limit");
    if (r > out.used.rows) out.used.rows = r;
    if (row.hidden) out.hiddenRows.push(r);
    const values: CellValue[] = [];
    const fills: (string | null)[] = [];
    let column = 0;
    let cellCount = 0;
    // The columns that have a cell of their own, kept only where a row's or a column's style could make the others.
    const present = hasStyle(row.style) || context.columnStyled ? new Set<number>() : undefined;
    let previous = 0;
    for (const cell of row.cells) {
      const ref = cell.address ? /^([A-Za-z]{1,10})(\d{1,15})$/.exec(cell.address) : null;
      const c = ref ? columnOf(ref[1]) : column + 1;
      if (ref && Number(ref[2]) > EXCEL_LIMITS.rows) throw new ReadLimitError(`has a cell ${quote(cell.address!)}${at}, past Excel's last row (${count(EXCEL_LIMITS.rows)})`, "limit");
      if (c > EXCEL_LIMITS.columns) throw new ReadLimitError(`has a cell ${quote(cell.address ?? lettersOf(c))}${at}, past Excel's last column (XFD, column ${count(EXCEL_LIMITS.columns)})`, "limit");
      column = c;
      if (c > out.used.columns) out.used.columns = c;
      const cellRow = ref ? Number(ref[2]) : r;
      if (cellRow > out.used.rows) out.used.rows = cellRow;
      note(cellRow);
      // ExcelJS's Row leaves out a cell with neither value nor style, and takes the next column for a cell without an address.
      if (cell.type === TYPE.Merge) continue;
      const col = cell.address ? c : previous + 1;
      previous = col;
      if (col > cellCount) cellCount = col;
      present?.add(col);
      const value = toCellValue(valueOf(cell));
      const fill = fillColour(cell.style?.fill);
      if (value === null && fill === null) continue;
      while (values.length < col) {
        values.push(null);
        fills.push(null);
      }
      values[col - 1] = value;
      fills[col - 1] = fill;
      if (value instanceof Date && cell.style?.numFmt) {
        out.numberFormats ??= [];
        (out.numberFormats[r - 1] ??= [])[col - 1] = cell.style.numFmt;
      }
    }
    while (out.values.length < r - 1) {
      out.values.push([]);
      out.fills.push([]);
    }
    out.values[r - 1] = values;
    out.fills[r - 1] = fills;
    out.cellCounts[r - 1] = cellCount;
    if (present) {
      if (hasStyle(row.style)) out.rowStyles[r - 1] = row.style;
      out.present[r - 1] = present;
    }
  };
  for await (const events of parseSax(sheetData)) {
    for (const event of events) {
      if (event.eventType === "opentag") {
        if (!inRow && event.value.name === "row") inRow = true;
        if (inRow) parser.parseOpen(event.value);
      } else if (event.eventType === "text") {
        if (inRow) parser.parseText(event.value);
      } else if (inRow && !parser.parseClose(event.value.name)) {
        inRow = false;
        finish(parser.model);
      }
    }
  }
  out.used = { ...out.used, ...(runs && sorted ? { runs } : {}) };
  return out;
}

/**
 * A sheet's XML read as it is inflated, split in three: the text before its
 * `<sheetData>` and after it (each small: columns, merges, lists, links) are
 * kept, and the cells between go by, a piece at a time, to `cells`.
 */
class SheetSplitter {
  head = "";
  tail = "";
  /** "head" until <sheetData is seen, "cells" inside it, "tail" after. */
  state: "head" | "cells" | "tail" = "head";
  hasCells = false;
  private carry = "";

  constructor(private readonly pieces: AsyncIterable<string>) {}

  async *cells(): AsyncGenerator<string> {
    for await (const piece of this.pieces) {
      if (this.state === "tail") {
        this.tail += piece;
        continue;
      }
      if (this.state === "head") {
        this.head += piece;
        const open = /<sheetData(?=[\s/>])/.exec(this.head);
        if (!open) continue;
        const tagEnd = this.head.indexOf(">", open.index);
        if (tagEnd < 0) continue;
        const rest = this.head.slice(tagEnd + 1);
        if (this.head[tagEnd - 1] === "/") {
          this.head = this.head.slice(0, open.index);
          this.state = "tail";
          this.tail = rest;
          continue;
        }
        this.state = "cells";
        this.hasCells = true;
        // The parser is given the text from the start, so that a place in a message is the place in the part.
        const before = this.head;
        this.head = before.slice(0, open.index);
        yield before.slice(0, tagEnd + 1);
        yield* this.inside(rest);
        continue;
      }
      yield* this.inside(piece);
    }
    if (this.state === "cells") {
      if (this.carry) yield this.carry;
      throw new SheetCutShort();
    }
  }

  /** Text inside <sheetData>, up to its close: the last few characters are held back in case the close is split. */
  private *inside(piece: string): Generator<string> {
    const text = this.carry + piece;
    const close = text.indexOf("</sheetData>");
    if (close >= 0) {
      this.carry = "";
      this.state = "tail";
      this.tail = text.slice(close + "</sheetData>".length);
      yield text.slice(0, close + "</sheetData>".length);
      return;
    }
    const keep = Math.min(text.length, "</sheetData>".length - 1);
    this.carry = text.slice(text.length - keep);
    if (text.length > keep) yield text.slice(0, text.length - keep);
  }
}

class SheetCutShort extends Error {}

/** The sheet's external hyperlinks (ref → target), as ExcelJS's reader links them to cells. */
function hyperlinksOf(tail: string, rels: string): Record<string, string> {
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\sId="([^"]*)"/.exec(m[0])?.[1];
    const target = /\sTarget="([^"]*)"/.exec(m[0])?.[1];
    if (id && target !== undefined) targets.set(id, target);
  }
  const out: Record<string, string> = {};
  for (const m of tail.matchAll(/<hyperlink\b[^>]*>/g)) {
    const ref = /\sref="([^"]*)"/.exec(m[0])?.[1];
    const id = /\sr:id="([^"]*)"/.exec(m[0])?.[1];
    if (ref && id && targets.has(id)) out[ref] = targets.get(id)!;
  }
  return out;
}

async function parsed<M>(parser: XformParser<M>, pieces: AsyncIterable<string>): Promise<M> {
  return parser.parse(parseSax(pieces));
}

/**
 * Every sheet's grid, read row by row (see above). The same grids, in the same
 * order, as workbookGrids(await loadWorkbook(source)), and the same one-line
 * refusals (UnreadableWorkbook).
 */
export async function streamWorkbookGrids(source: string | Buffer | ArrayBuffer, label = typeof source === "string" ? source : "the workbook"): Promise<SheetGrid[]> {
  const bytes = await workbookBytes(source, label);
  const { unreadable } = await inspectFormat(bytes, label);
  if (unreadable) throw new UnreadableWorkbook(unreadable);
  try {
    return (await readStreamed(bytes)).grids;
  } catch (err) {
    if (err instanceof UnreadableWorkbook) throw err;
    if (err instanceof ReadLimitError) throw new UnreadableWorkbook(`${label} ${err.message}. ${err.kind === "damaged" ? DAMAGED_ADVICE : LIMIT_ADVICE}.`);
    throw new UnreadableWorkbook(whyExcelJsFailed(err, label));
  }
}

/** Parts read as they are inflated, never whole: the cells and the shared strings. */
const STREAMED_PART = /^xl\/(worksheets\/sheet\d+|sharedStrings|styles)\.xml$/;

/**
 * The grids, and the workbook without its cells as ExcelJS read it (its sheets'
 * columns, merges, lists and formats, its names and styles): what a copy made
 * part by part (copy-parts.ts) writes its new sheets beside. Same refusals as streamWorkbookGrids.
 */
export async function streamWorkbookSkeleton(source: string | Buffer, label = typeof source === "string" ? source : "the workbook"): Promise<{ grids: SheetGrid[]; skeleton: ExcelJS.Workbook; bytes: Buffer }> {
  const bytes = await workbookBytes(source, label);
  const { unreadable } = await inspectFormat(bytes, label);
  if (unreadable) throw new UnreadableWorkbook(unreadable);
  try {
    const { grids, wb } = await readStreamed(bytes);
    return { grids, skeleton: wb, bytes };
  } catch (err) {
    if (err instanceof UnreadableWorkbook) throw err;
    if (err instanceof ReadLimitError) throw new UnreadableWorkbook(`${label} ${err.message}. ${err.kind === "damaged" ? DAMAGED_ADVICE : LIMIT_ADVICE}.`);
    throw new UnreadableWorkbook(whyExcelJsFailed(err, label));
  }
}

async function readStreamed(bytes: Buffer): Promise<{ grids: SheetGrid[]; wb: ExcelJS.Workbook }> {
  const entries = readDirectory(bytes, READ_LIMITS, nodeCodec);
  const passed = zipLimitPassed(entries, READ_LIMITS);
  if (passed) throw new ReadLimitError(passed, "limit");
  const parts = new Map<string, Uint8Array>();
  const streamed = new Map<string, ZipEntry>();
  for (const e of entries) {
    if (!isUsedPart(e.name) || e.name.endsWith("/")) continue;
    if (STREAMED_PART.test(e.name)) streamed.set(e.name, e);
    else parts.set(e.name, inflateEntry(bytes, e, inflateRawNode));
  }
  const text = (name: string) => {
    const data = parts.get(name);
    return data ? nodeCodec.decode(data) : "";
  };
  const pieces = (name: string) => textOf(partChunks(bytes, streamed.get(name)!));
  let styles: StylesParser = { getStyleModel: () => null, parse: async () => null };
  let stylesXml = "";
  if (streamed.has("xl/styles.xml")) {
    // Small: kept whole too, for ExcelJS to read the columns' styles with the rest.
    for await (const piece of pieces("xl/styles.xml")) stylesXml += piece;
    styles = new StylesXform();
    await parsed(styles, once(stylesXml));
    parts.set("xl/styles.xml", nodeCodec.encode(stylesXml));
  }
  const strings = streamed.has("xl/sharedStrings.xml") ? (await parsed(new SharedStringsXform(), pieces("xl/sharedStrings.xml"))).values : [];
  const workbookXml = text("xl/workbook.xml");
  const date1904 = /<(?:\w+:)?workbookPr\b[^>]*\bdate1904\s*=\s*["'](?:1|true)["']/.test(workbookXml);
  const sheets = workbookSheets(workbookXml, text("xl/_rels/workbook.xml.rels"));
  const sheetOfPart = new Map(sheets.filter((s) => s.part).map((s) => [s.part!, s]));
  const notes: string[] = [];
  const used = new Map<string, UsedArea>();
  const rowsOf = new Map<string, StreamedRows>();
  for (const name of streamed.keys()) {
    if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) continue;
    const where = `on sheet ${quote(sheetOfPart.get(name)?.name ?? name, 40)}`;
    const split = new SheetSplitter(pieces(name));
    let rows: StreamedRows | null = null;
    const rels = text(name.replace(/^xl\/worksheets\//, "xl/worksheets/_rels/") + ".rels");
    try {
      const cells = split.cells();
      const context: ReadContext = { styles, sharedStrings: strings, date1904, where, columnStyled: false };
      const first = await cells.next();
      if (!first.done) {
        context.columnStyled = columnStyled(split.head, styles);
        rows = await readRows(prepend(first.value, cells), context);
      }
      // The links come after the cells: applied to the rows read.
      if (rows) applyLinks(rows, hyperlinksOf(split.tail, rels));
    } catch (err) {
      // A sheet cut short is said so, as the whole-sheet check says it, even when its XML broke first.
      const cutShort = err instanceof SheetCutShort || (await isCutShort(pieces(name)));
      if (cutShort) throw new ReadLimitError(`is damaged: the cells ${where} are cut short (no </sheetData>)`, "damaged");
      throw err;
    }
    // The sheet without its cells, for ExcelJS to read its merges, tables and columns; its ranges clamped to the cells it had.
    const skeleton = split.state === "head" ? split.head : `${split.head}<sheetData/>${split.tail}`;
    const area = rows?.used ?? { rows: 0, columns: 0 };
    const clamped = clampWorksheet(skeleton, READ_LIMITS, where, area);
    parts.set(name, nodeCodec.encode(clamped.xml));
    used.set(name, area);
    notes.push(...clamped.notes);
    if (rows) rowsOf.set(name, rows);
  }
  if (parts.has("xl/workbook.xml")) parts.set("xl/workbook.xml", nodeCodec.encode(clampWorkbook(workbookXml, sheets, used, notes)));
  // ExcelJS reads the rest (no shared strings: no cell left in it uses them).
  const zip = new JSZip();
  for (const [name, data] of parts) zip.file(name, data);
  parts.clear();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await zip.generateAsync({ type: "nodebuffer", compression: "STORE" })) as unknown as ArrayBuffer);
  const partOf = new Map(sheets.filter((s) => s.part).map((s) => [s.readAs, s.part!]));
  const grids: SheetGrid[] = [];
  wb.eachSheet((ws) => {
    const sheet = sheets.find((s) => s.readAs === ws.name);
    const rows = rowsOf.get(partOf.get(ws.name) ?? "");
    grids.push(gridOf(ws, sheet?.name ?? ws.name, rows));
  });
  return { grids, wb };
}

/** Whether a sheet's cells never end (read again, only when its XML broke). */
async function isCutShort(pieces: AsyncIterable<string>): Promise<boolean> {
  const split = new SheetSplitter(pieces);
  try {
    for await (const piece of split.cells()) void piece;
    return false;
  } catch (err) {
    return err instanceof SheetCutShort;
  }
}

async function* once(text: string): AsyncGenerator<string> {
  yield text;
}

/** The first piece again, then the rest. */
async function* prepend(first: string, rest: AsyncIterator<string>): AsyncGenerator<string> {
  yield first;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

/** Whether any column (in the text before the cells) has a style a cell made there would take. */
function columnStyled(head: string, styles: StylesParser): boolean {
  return [...head.matchAll(/<(?:\w+:)?col\b[^>]*\sstyle\s*=\s*["'](\d+)["']/g)].some((m) => hasStyle(styles.getStyleModel(Number(m[1])) ?? undefined));
}

/** A cell read as empty: no value, no fill, no number format. */
function emptyCell(values: CellValue[][], fills: (string | null)[][], formats: (string | null)[][] | null, r: number, c: number): void {
  values[r - 1][c - 1] = null;
  fills[r - 1][c - 1] = null;
  if (formats?.[r - 1]) formats[r - 1][c - 1] = null;
}

/** A row as long as its last cell with something in it, as worksheetToGrid makes it. */
function trimRow(values: CellValue[][], fills: (string | null)[][], r: number): void {
  const rowValues = values[r - 1];
  const rowFills = fills[r - 1];
  while (rowValues.length && rowValues[rowValues.length - 1] === null && rowFills[rowFills.length - 1] === null) {
    rowValues.pop();
    rowFills.pop();
  }
}

/**
 * A cell with an external link is read by ExcelJS as { text: its value, hyperlink }, which the model
 * reads as its text: a string stays, any other value (a number, a date, a boolean) is read as empty.
 * Applied after the rows are read, since the links come after the cells in the sheet's XML.
 */
function applyLinks(rows: StreamedRows, links: Record<string, string>): void {
  for (const ref of Object.keys(links)) {
    const m = /^([A-Z]{1,3})(\d{1,7})$/.exec(ref);
    if (!m) continue;
    const r = Number(m[2]);
    const c = columnOf(m[1]);
    const value = rows.values[r - 1]?.[c - 1];
    if (value === undefined || value === null || typeof value === "string") continue;
    rows.values[r - 1][c - 1] = null;
    if (rows.numberFormats?.[r - 1]) rows.numberFormats[r - 1][c - 1] = null;
    trimRow(rows.values, rows.fills, r);
  }
}

/** One sheet's grid: its rows as read, with the covered cells of its merges left empty and cells made from row and column styles. */
function gridOf(ws: ExcelJS.Worksheet, name: string, rows: StreamedRows | undefined): SheetGrid {
  const values = rows?.values ?? [];
  const fills = rows?.fills ?? [];
  const merges = mergesOf(ws)
    .map(parseA1Range)
    .filter((m): m is MergedArea => m !== null);
  // ExcelJS's rows run to the last row it has: a merge below the last row of cells makes rows too.
  const rowCount = Math.max(values.length, ws.rowCount);
  while (values.length < rowCount) {
    values.push([]);
    fills.push([]);
  }
  // The merges over each row (they do not overlap: limits.ts leaves out those that would).
  const covered = new Map<number, MergedArea[]>();
  for (const m of merges) {
    for (let r = m.top; r <= m.bottom; r++) {
      const list = covered.get(r) ?? [];
      list.push(m);
      covered.set(r, list);
    }
  }
  // Cells ExcelJS would make from a row's or a column's style (worksheetToGrid's row.getCell), in columns up to the row's last cell.
  const columnStyles = new Map<number, Style>();
  for (let c = 1; c <= ws.columnCount; c++) {
    const style = ws.getColumn(c).style as Style | undefined;
    if (hasStyle(style)) columnStyles.set(c, style!);
  }
  for (let r = 1; r <= rowCount; r++) {
    const rowStyle = rows?.rowStyles[r - 1];
    const present = rows?.present[r - 1];
    let cellCount = rows?.cellCounts[r - 1] ?? 0;
    for (const m of covered.get(r) ?? []) cellCount = Math.max(cellCount, m.right);
    if (!rowStyle && columnStyles.size === 0) continue;
    for (let c = 1; c <= cellCount; c++) {
      if (present?.has(c)) continue;
      const fill = fillColour(mergedFill(rowStyle, columnStyles.get(c)));
      if (fill === null) continue;
      while (values[r - 1].length < c) {
        values[r - 1].push(null);
        fills[r - 1].push(null);
      }
      fills[r - 1][c - 1] = fill;
    }
  }
  // The covered cells of a merge are empty, as Excel reports them; a row is as long as its last cell with something in it.
  for (const [r, spans] of covered) {
    if (!values[r - 1]) continue;
    for (const m of spans)
      for (let c = m.left; c <= Math.min(m.right, values[r - 1].length); c++) if (r !== m.top || c !== m.left) emptyCell(values, fills, rows?.numberFormats ?? null, r, c);
    trimRow(values, fills, r);
  }
  let numberFormats = rows?.numberFormats ?? null;
  if (numberFormats) {
    const formats = numberFormats;
    // Each row up to its last date cell's format, as worksheetToGrid makes them (a cell read as empty has none).
    numberFormats = Array.from({ length: values.length }, (_, r) => {
      const row = Array.from(formats[r] ?? [], (f) => f ?? null);
      while (row.length && row[row.length - 1] === null) row.pop();
      return row;
    });
    if (!numberFormats.some((row) => row.some((f) => f !== null))) numberFormats = null;
  }
  const tables = tablesOf(ws, (r, c) => values[r - 1]?.[c - 1] ?? null);
  return { name, firstRow: 1, firstColumn: 1, values, merges, fills, hiddenRows: rows?.hiddenRows ?? [], ...(tables.length ? { tables } : {}), ...(numberFormats ? { numberFormats } : {}) };
}

/**
 * Every sheet's grid, for reading only: row by row, without ExcelJS's cell objects,
 * in bounded memory. A copy to write is read with loadWorkbook.
 */
export async function readWorkbookGrids(source: string | Buffer | ArrayBuffer, label?: string): Promise<SheetGrid[]> {
  return streamWorkbookGrids(source, label);
}
