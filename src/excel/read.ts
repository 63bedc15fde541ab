/**
 * The Office.js adapter's reading half: the tracker's sheet → the model's
 * plain grid, in round trips that follow the size of the data.
 *
 *  1st sync: sheet name, used-range size, the first rows (HEADER_SEARCH_ROWS,
 *            at most PROBE_COLUMNS wide: where the model looks for the header),
 *            the merged areas, and the organisation's words sheet ("Delivery
 *            plan words", when the workbook has one: at most WORDS_RANGE), and
 *            the sheet's Excel tables (worksheet.tables: name, header row and
 *            totals row shown, ExcelApi 1.1/1.3).
 *  2nd sync, only when the sheet has tables: each table's area
 *            (Table.getRange) and header row (Table.getHeaderRowRange), so a
 *            tracker that is an Excel table is found by its header row and
 *            extent, as the .xlsx host finds it (model/tables.ts): one round
 *            trip whatever the number of rows, at most MAX_TABLES tables.
 *  next syncs: the rest of the values in row blocks of about 2 MB each (see
 *            blocks.ts: sized from the rows read so far, a refused block is
 *            retried smaller), only as wide as the table, and the fill colours
 *            of the RAG column — as mapped with the user's corrections — riding
 *            with the blocks (getCellProperties: one request per block, never
 *            cell by cell; from ExcelApi 1.19 also getDisplayedCellProperties,
 *            for fills shown by a cell style or a conditional format).
 *  one more, only when the timeframe column holds a date on the 1st of a
 *            month: that column's number formats ("mmm-yy" is a month).
 *
 * Excel cannot return more than 512 merged areas: when the first sync fails for
 * that, it is sent again without them (one more round trip, only then) and the
 * grid has no merges (stats.mergedAreasUnread).
 */
import { HEADER_SEARCH_ROWS, WORDS_SHEET, columnLetter, columnNumber, isBlank, parseA1Range, readTracker } from "../model";
import type { CellValue, HeaderOverrides, SheetGrid, SheetTable, Tracker } from "../model";
import { EXCEL_READ_CELL_LIMIT, isPayloadTooLarge, jsonLength, readInBlocks } from "./blocks";
import { fromOfficeColour, fromOfficeValue, parseAreas } from "../shared/values";
import { officeErrorCode } from "./office-error";

export { REQUEST_BUDGET_BYTES } from "./blocks";
/** Rows read in the first round trip to find the header: as far down as the model looks. */
export const PROBE_ROWS = HEADER_SEARCH_ROWS;
/** Columns read in the first round trip: a stray value far to the right must not widen the read. */
export const PROBE_COLUMNS = 256;
/** How much of the words sheet is read: a word and what it means per row, a few hundred rows at most. */
export const WORDS_RANGE = "A1:J500";
/** The most Excel tables read on one sheet (each costs a few hundred bytes of request); the rest are not seen. */
export const MAX_TABLES = 500;
/** Size of one cell's {"format":{"fill":{"color":"#RRGGBB"}}} in a getCellProperties response. */
const FILL_BYTES_PER_CELL = 44;

/** The plain warning the pane shows when the merged areas could not be read. */
export const MERGED_AREAS_UNREAD_WARNING =
  "This sheet has more than 512 merged areas; merged cells were not read, so sub-activity rows may count as separate actions and merged headings may be missed. Unmerge cells you do not need (or copy the tracker to a sheet with fewer merged cells) and read it again.";

export interface ReadStats {
  /** Round trips that came back. */
  syncs: number;
  /** Blocks of rows read after the first round trip. */
  blocks: number;
  /** Round trips Excel refused (too large, or too many merged areas), each sent again smaller or without merged areas. */
  refused: number;
  /** Columns read for the table body (the table's width, not the used range's). */
  columns: number;
  /** The sheet has more merged areas than Excel returns (512): the grid has none. */
  mergedAreasUnread?: boolean;
}

/**
 * What the reader saw of the sheet besides its values, so that a later command can
 * tell cheaply whether the sheet is still as read (host.ts, unchanged.ts): its id,
 * the used range's extent, the merged areas, where the formulas are, and which
 * cells' fills were read.
 */
export interface SheetShape {
  sheetId: string;
  used: { rowIndex: number; columnIndex: number; rowCount: number; columnCount: number } | null;
  /** The merged areas' address as Excel gave it (null: none, or not read). */
  mergedAddress: string | null;
  /** The used range's formula cells, as Excel's RangeAreas address (null: none); only when asked for (SheetReadOptions.formulas). */
  formulaAddress?: string | null;
  /** The RAG column's cells whose fills were read (sheet row and column, 1-based), if any. */
  fillsAt: { row: number; column: number; rows: number } | null;
  /** Those cells' fills as fillsSeen gives them (what a later check compares), and whether the shown fills were read. */
  fills?: { seen: (string | null)[]; displayed: boolean };
}

export interface SheetRead {
  grid: SheetGrid;
  stats: ReadStats;
  shape: SheetShape;
  /** The column mapping used (after checkOverrides, when given). */
  overrides?: HeaderOverrides;
  /** The workbook's "Delivery plan words" sheet, when it has one. */
  words?: SheetGrid;
  /** SheetReadOptions.accept said no: nothing was read past the first round trip (the grid is empty). */
  rejected?: true;
}

export interface SheetReadOptions {
  /** The sheet's name or id; the active sheet when not given. */
  sheet?: string;
  /** The user's corrections to the column mapping (decide which column's fill colours are read). */
  overrides?: HeaderOverrides;
  /**
   * Called once the first round trip has shown which sheet this is and whether
   * its first rows hold a tracker's header: anything it queues rides with the
   * body's round trips (the pane saves the tracker's mapping this way).
   */
  beforeBody?: (found: { sheet: string; tracker: Tracker | null }) => void;
  /**
   * Check the column mapping against the first rows before the rest is read
   * (the pane checks a mapping saved in the workbook against the header it
   * named); what it returns is used instead, and reported in SheetRead.
   */
  checkOverrides?: (probe: SheetGrid) => HeaderOverrides | undefined;
  /** Also find the formula cells in the first round trip (Range.getSpecialCellsOrNullObject, ExcelApi 1.9), for SheetShape. */
  formulas?: boolean;
  /**
   * Read the fills the RAG column's cells show, not only their own (Range.getDisplayedCellProperties,
   * ExcelApi 1.19): a RAG shown by a cell style or by the user's conditional formatting. Only where
   * the Excel has it (canReadDisplayedFills).
   */
  displayedFills?: boolean;
  /** Loads to queue with the first round trip (queued again each time it is sent again). */
  alongside?: () => void;
  /**
   * Called once the first round trip is back, with the sheet it found (null: no such sheet):
   * false stops the read there (SheetRead.rejected), as when what came back alongside says
   * the tracker is on another sheet.
   */
  accept?: (found: { name: string; id: string } | null) => boolean;
}

/** The sheet asked for is not in the workbook. */
export class NoSheetError extends Error {
  constructor(readonly sheet: string) {
    super(`There is no sheet called "${sheet}".`);
  }
}

/** Errors that say nothing about the range read, so are not taken for the 512-merged-areas failure. */
const NOT_ABOUT_THE_RANGE = new Set(["InvalidOperationInCellEditMode", "RequestAborted", "AccessDenied", "ItemNotFound"]);

/** Where Excel says the request failed (the error's debugInfo.errorLocation, e.g. "Range.values"); "" when it does not say. */
function errorLocation(err: unknown): string {
  const info = typeof err === "object" && err !== null ? (err as { debugInfo?: { errorLocation?: unknown } }).debugInfo : undefined;
  return typeof info?.errorLocation === "string" ? info.errorLocation : "";
}

/**
 * Whether a failed first round trip may be Excel refusing more than 512 merged
 * areas: not a payload or cell-edit error, and failing at getMergedAreasOrNullObject
 * (or at a place Excel does not name: then readSheetGrid asks for the merged areas
 * once more on their own, to be sure).
 */
function mayBeMergedAreasLimit(err: unknown): boolean {
  if (isPayloadTooLarge(err)) return false;
  if (NOT_ABOUT_THE_RANGE.has(officeErrorCode(err))) return false;
  const location = errorLocation(err);
  return location === "" || /getMergedAreasOrNullObject/i.test(location);
}

const filled = (v: unknown) => v !== "" && v !== null && v !== undefined;

/** 1 + the index of the last non-empty cell of a row (0: the row is empty). */
function rowWidth(row: readonly unknown[]): number {
  for (let j = row.length - 1; j >= 0; j--) if (filled(row[j])) return j + 1;
  return 0;
}

/**
 * Queue the read of the organisation's words sheet (at most WORDS_RANGE); after the next sync, whether
 * the sheet is there and its grid (undefined: no such sheet, or nothing in it).
 */
export function queueWordsSheet(context: Excel.RequestContext): () => { exists: boolean; grid?: SheetGrid } {
  const wordsSheet = context.workbook.worksheets.getItemOrNullObject(WORDS_SHEET);
  const words = wordsSheet.getUsedRangeOrNullObject(true).getIntersectionOrNullObject(wordsSheet.getRange(WORDS_RANGE));
  words.load("values,rowIndex,columnIndex");
  // Read only after the caller's next sync (the linter cannot see through the callback).
  return () => {
    // eslint-disable-next-line office-addins/call-sync-before-read
    if (words.isNullObject) return { exists: !wordsSheet.isNullObject };
    // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/call-sync-after-load
    const grid = { name: WORDS_SHEET, firstRow: words.rowIndex + 1, firstColumn: words.columnIndex + 1, values: words.values.map((row) => row.map(fromOfficeValue)), merges: [] };
    return { exists: true, grid };
  };
}

/** Queue the read of the organisation's words sheet; its grid is there after the next sync (undefined: no such sheet, or nothing in it). */
export function queueWords(context: Excel.RequestContext): () => SheetGrid | undefined {
  const held = queueWordsSheet(context);
  return () => held().grid;
}

/** A column's fills as read: each cell's own (getCellProperties) and, where asked for, what it shows (getDisplayedCellProperties). */
export interface FillsRead {
  own: (string | null)[];
  /** Null when not read (an Excel before ExcelApi 1.19). */
  shown: (string | null)[] | null;
}

const FILL_COLOUR: Excel.CellPropertiesLoadOptions = { format: { fill: { color: true } } };
const NO_FILL = "FFFFFF";

/**
 * Queue the fills of a column's cells (one request each, never cell by cell): their own
 * fills and, with `displayed` (ExcelApi 1.19), the fills they show, which include a cell
 * style's ("Good", "Bad", "Neutral") and a conditional format's. They are there after the
 * next sync.
 */
export function queueFillColours(range: Excel.Range, displayed = false): () => FillsRead {
  const own = range.getCellProperties(FILL_COLOUR);
  const shown = displayed ? range.getDisplayedCellProperties(FILL_COLOUR) : null;
  const colours = (rows: Excel.CellProperties[][]) => rows.map((row) => fromOfficeColour(row[0]?.format?.fill?.color));
  // Read only after the caller's next sync (the linter cannot see through the callback); a ClientResult needs no load.
  // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read
  return () => ({ own: colours(own.value), shown: shown ? colours(shown.value) : null });
}

/** Each cell's fill as a later check compares it: its own, or where it has none, what it shows. */
export function fillsSeen(read: FillsRead): (string | null)[] {
  return read.own.map((own, i) => (own && own !== NO_FILL ? own : (read.shown?.[i] ?? own)));
}

/**
 * The fill the model takes for a cell: its own fill; where it has none and the cell holds
 * nothing, the fill it shows (a style's, or the user's own conditional format's). The add-in's
 * own rules colour only cells that hold a word or an arrow, so a fill taken this way is never
 * the add-in's own formatting read back as the user's RAG.
 */
export function fillTaken(own: string | null, shown: string | null | undefined, value: CellValue): string | null {
  if (own && own !== NO_FILL) return own;
  return isBlank(value) && shown && shown !== NO_FILL ? shown : own;
}

/** A date serial (as Office.js gives a date cell) on the 1st of a month. */
function isFirstOfMonthSerial(value: CellValue | undefined): boolean {
  if (typeof value !== "number" || value < 30000 || value > 80000) return false;
  return new Date(Math.round((value - 25569) * 86400000)).getUTCDate() === 1;
}

/** With fewer of the probe's rows below the header than this, the first block is sized from the longest row. */
const ESTIMATE_MIN_ROWS = 20;

/**
 * The bytes per row the first block is sized from (blocks.ts adds its 10% margin): the
 * average of the probe's rows below the header, which are the tracker's own rows. The
 * longest single row, used before, made the first block a quarter smaller than the
 * rest (2.8 MB where the others came back at 3.8 MB), one round trip more at 20,000
 * rows. With only a few rows below the header, the longest row.
 */
function firstRowEstimate(probe: readonly unknown[][], below: number, width: number): number {
  const sizes = probe.map((row) => jsonLength([row.slice(0, width)]) - 2);
  const body = sizes.slice(Math.max(0, below));
  if (body.length < ESTIMATE_MIN_ROWS) return sizes.reduce((m, n) => Math.max(m, n), 0);
  return body.reduce((sum, n) => sum + n, 0) / body.length;
}

/** A table's header row as read (sheet row and first column, 1-based). */
interface TableHeader {
  row: number;
  left: number;
  values: CellValue[];
}

/**
 * The sheet's tables, whose names and flags came back with the first round trip:
 * their areas and header rows in one more round trip (none when the sheet has no table).
 */
async function readTables(context: Excel.RequestContext, collection: Excel.TableCollection): Promise<{ tables: SheetTable[]; headers: TableHeader[]; syncs: number }> {
  const items = collection.items.slice(0, MAX_TABLES);
  if (items.length === 0) return { tables: [], headers: [], syncs: 0 };
  const queued = items.map((t) => {
    const range = t.getRange();
    range.load("address");
    const header = t.showHeaders ? t.getHeaderRowRange() : null;
    header?.load("values");
    return { t, range, header };
  });
  await context.sync();
  const tables: SheetTable[] = [];
  const headers: TableHeader[] = [];
  for (const { t, range, header } of queued) {
    const area = parseA1Range(range.address);
    if (!area) continue;
    tables.push({ ...area, name: t.name, headerRow: t.showHeaders, ...(t.showTotals ? { totalsRow: true } : {}) });
    if (header) headers.push({ row: area.top, left: area.left, values: (header.values[0] ?? []).map(fromOfficeValue) });
  }
  return { tables, headers, syncs: 1 };
}

/**
 * The grid with the header rows of tables that lie below its rows (the probe's),
 * each in its place, for finding the tracker; the grid itself when there are none.
 */
function withTableHeaders(grid: SheetGrid, headers: readonly TableHeader[]): SheetGrid {
  const below = headers.filter((h) => h.row >= grid.firstRow + grid.values.length && h.left >= grid.firstColumn);
  if (below.length === 0) return grid;
  const values = grid.values.slice();
  for (const h of below) {
    const i = h.row - grid.firstRow;
    while (values.length <= i) values.push([]);
    values[i] = [...new Array<CellValue>(h.left - grid.firstColumn).fill(null), ...h.values];
  }
  return { ...grid, values };
}

/** What the first round trip brought back, and what it cost. */
interface FirstReply {
  sheet: Excel.Worksheet;
  used: Excel.Range;
  probe: Excel.Range;
  merged: Excel.RangeAreas | null;
  words: () => SheetGrid | undefined;
  formulas: Excel.RangeAreas | null;
  tables: Excel.TableCollection;
  syncs: number;
  refused: number;
  /** False when Excel could not return the merged areas (more than 512): the grid has none. */
  withMerges: boolean;
}

/**
 * The first round trip: the sheet, its used range, the probe rows, the merged areas, the words sheet, the
 * tables (and whatever rides alongside). Sent again with fewer probe rows if Excel finds it too large, or
 * without the merged areas if Excel cannot return them (more than 512); never once per row.
 */
async function firstRoundTrip(context: Excel.RequestContext, opts: SheetReadOptions): Promise<FirstReply> {
  let refused = 0;
  let probeRows = PROBE_ROWS;
  let withMerges = true;
  // Excel did not say where the first round trip failed: it may not have been the merged areas.
  let mergesUnsure = false;
  for (;;) {
    opts.alongside?.();
    const sheet = opts.sheet ? context.workbook.worksheets.getItemOrNullObject(opts.sheet) : context.workbook.worksheets.getActiveWorksheet();
    sheet.load("name,id");
    const used = sheet.getUsedRangeOrNullObject(true);
    used.load("rowIndex,columnIndex,rowCount,columnCount");
    const probe = used.getIntersectionOrNullObject(sheet.getRange(`A1:${columnLetter(PROBE_COLUMNS)}${probeRows}`));
    probe.load("values");
    const merged = withMerges ? used.getMergedAreasOrNullObject() : null;
    merged?.load("address");
    const formulas = opts.formulas ? used.getSpecialCellsOrNullObject("Formulas") : null;
    formulas?.load("address");
    // The organisation's own words ride with the first round trip (a null object when there is no such sheet).
    const words = queueWords(context);
    // The sheet's Excel tables: a tracker that is a table is read as the table.
    const tables = sheet.tables;
    tables.load("items/name,items/showHeaders,items/showTotals");
    try {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
      const first = { sheet, used, probe, merged, words, formulas, tables, syncs: 1, refused, withMerges };
      return mergesUnsure ? await mergedAreasAlone(context, first) : first;
    } catch (err) {
      if (isPayloadTooLarge(err) && probeRows > 1) probeRows = Math.ceil(probeRows / 2);
      else if (withMerges && mayBeMergedAreasLimit(err)) {
        withMerges = false;
        mergesUnsure = errorLocation(err) === "";
      } else throw err;
      refused++;
    }
  }
}

/** The merged areas alone, in a round trip of their own: refused again, it is the 512 limit; read, the first failure was something else. */
async function mergedAreasAlone(context: Excel.RequestContext, first: FirstReply): Promise<FirstReply> {
  if (first.sheet.isNullObject || first.used.isNullObject) return first;
  const again = first.used.getMergedAreasOrNullObject();
  again.load("address");
  try {
    await context.sync();
    return { ...first, merged: again, withMerges: true, syncs: first.syncs + 1 };
  } catch (err) {
    if (!mayBeMergedAreasLimit(err)) throw err;
    return { ...first, refused: first.refused + 1 };
  }
}

/** The rows the body's blocks read, and the RAG column's fills that ride with them. */
interface Body {
  /** The grid's values so far (the probe's rows): the blocks' rows are added to them. */
  values: CellValue[][];
  width: number;
  probeValues: unknown[][];
  /** The RAG column, as an offset in the grid's columns (-1: none), and the first row below the header (an offset too). */
  ragOffset: number;
  fillStart: number;
  displayed: boolean;
}

/**
 * The rest of the values in blocks of about 2 MB, each with the fills of its rows (the first also those of
 * the probe's rows); the probe's own rows below the header in a round trip of their own, when there was no
 * block for them to ride with. The fills as the model takes them and as a later check compares them.
 */
async function readBody(context: Excel.RequestContext, used: Excel.Range, body: Body, header: number | null) {
  const { values, width, probeValues, ragOffset, fillStart, displayed } = body;
  const rowCount = used.rowCount;
  const probeCount = probeValues.length;
  const wantFills = ragOffset >= 0 && ragOffset < width && fillStart < rowCount;
  const fillResults: { from: number; result: () => FillsRead }[] = [];
  let fillCursor = Math.max(0, fillStart);
  /** Queue the fills of the rows from the cursor to `to`; the returned function keeps them once they came back. */
  const queueFills = (to: number): (() => void) => {
    const from = fillCursor;
    if (!wantFills || to <= from) return () => undefined;
    const result = queueFillColours(used.getCell(from, ragOffset).getResizedRange(to - from - 1, 0), displayed);
    return () => {
      fillResults.push({ from, result });
      fillCursor = to;
    };
  };
  const fillBytesPerRow = FILL_BYTES_PER_CELL * (displayed ? 2 : 1);
  const probeRowBytes = firstRowEstimate(probeValues, header !== null ? header : probeCount, width);
  const sizes = {
    total: rowCount - probeCount,
    rowBytes: Math.max(probeRowBytes, width * 3 + 2),
    fixedRowBytes: wantFills ? fillBytesPerRow : 0,
    firstBlockBytes: wantFills ? Math.max(0, probeCount - fillCursor) * fillBytesPerRow : 0,
    maxRows: Math.max(1, Math.floor(EXCEL_READ_CELL_LIMIT / width)),
  };
  const read = await readInBlocks(context, sizes, (start, count) => {
    const from = probeCount + start;
    const block = used.getCell(from, 0).getResizedRange(count - 1, width - 1);
    block.load("values");
    // A block Excel refuses takes its fills with it: they are queued again with the smaller block.
    const keepFills = queueFills(from + count);
    // Called by readInBlocks only once the block came back (the linter cannot see through the callback).
    return () => {
      // eslint-disable-next-line office-addins/call-sync-after-load, office-addins/call-sync-before-read
      const rows = block.values as unknown[][] | null;
      // Over Excel's cell limit for a read, values come back null: the block is read again in halves.
      if (rows === null) return null;
      keepFills();
      for (const row of rows) values.push(row.map(fromOfficeValue));
      return jsonLength(rows);
    };
  });
  let syncs = read.syncs;
  if (wantFills && fillCursor < rowCount) {
    const keepFills = queueFills(rowCount);
    await context.sync();
    keepFills();
    syncs++;
  }
  return { blocks: read.syncs, syncs, refused: read.refused, fills: wantFills ? fillsOf(values, width, rowCount, body, fillResults) : null };
}

/** The fills read, as the grid gives them to the model (the fill taken for each RAG cell) and as a later check compares them. */
function fillsOf(values: CellValue[][], width: number, rowCount: number, body: Body, fillResults: { from: number; result: () => FillsRead }[]) {
  const { ragOffset, fillStart } = body;
  const first = Math.max(0, fillStart);
  const grid: (string | null)[][] = values.map(() => new Array(width).fill(null));
  const seen: (string | null)[] = new Array(rowCount - first).fill(null);
  for (const { from, result } of fillResults) {
    const read = result();
    read.own.forEach((own, i) => {
      if (grid[from + i]) grid[from + i][ragOffset] = fillTaken(own, read.shown?.[i], values[from + i]?.[ragOffset] ?? null);
    });
    fillsSeen(read).forEach((colour, i) => {
      seen[from + i - first] = colour;
    });
  }
  return { grid, seen, at: { rows: rowCount - first } };
}

/**
 * Read one sheet (the active one unless named) into a grid.
 * `context` is an Excel.RequestContext; only the objects used here are touched.
 */
export async function readSheetGrid(context: Excel.RequestContext, options: string | SheetReadOptions = {}): Promise<SheetRead> {
  const opts: SheetReadOptions = typeof options === "string" ? { sheet: options } : options;
  const first = await firstRoundTrip(context, opts);
  const { sheet, used, probe, merged } = first;
  const words = first.words();
  const mergedAreasUnread = !first.withMerges;
  let { syncs, refused } = first;
  const statsOf = (blocks: number, columns: number): ReadStats => ({ syncs, blocks, refused, columns, ...(mergedAreasUnread ? { mergedAreasUnread } : {}) });
  if (opts.accept && !opts.accept(sheet.isNullObject ? null : { name: sheet.name, id: sheet.id })) {
    const none: SheetShape = { sheetId: "", used: null, mergedAddress: null, fillsAt: null };
    return { grid: { name: sheet.isNullObject ? "" : sheet.name, firstRow: 1, firstColumn: 1, values: [], merges: [] }, stats: statsOf(0, 0), shape: none, words, rejected: true };
  }

  if (sheet.isNullObject) throw new NoSheetError(opts.sheet ?? "");
  const name = sheet.name;
  const formulaAddress = first.formulas ? (first.formulas.isNullObject ? null : first.formulas.address) : undefined;
  const shapeOf = (fillsAt: SheetShape["fillsAt"]): SheetShape => ({
    sheetId: sheet.id,
    used: used.isNullObject ? null : { rowIndex: used.rowIndex, columnIndex: used.columnIndex, rowCount: used.rowCount, columnCount: used.columnCount },
    mergedAddress: merged && !merged.isNullObject ? merged.address : null,
    ...(formulaAddress !== undefined ? { formulaAddress } : {}),
    fillsAt,
  });
  if (used.isNullObject) {
    return { grid: { name, firstRow: 1, firstColumn: 1, values: [], merges: [] }, stats: statsOf(0, 0), shape: shapeOf(null), words };
  }
  const firstRow = used.rowIndex + 1;
  const firstColumn = used.columnIndex + 1;
  const merges = merged && !merged.isNullObject ? parseAreas(merged.address) : [];
  const tableRead = await readTables(context, first.tables);
  syncs += tableRead.syncs;
  const tables = tableRead.tables;

  // The used range's first rows (those within rows 1–PROBE_ROWS and columns A–IV) come back with the probe.
  const probeValues: unknown[][] = probe.isNullObject ? [] : probe.values;
  // The table's width: the widest probe row (the header row among them), and every mapped column.
  let width = probeValues.reduce((w, row) => Math.max(w, rowWidth(row)), 0);
  const values: CellValue[][] = probeValues.map((row) => row.slice(0, width).map(fromOfficeValue));
  const grid: SheetGrid = { name, firstRow, firstColumn, values, merges, ...(tables.length ? { tables } : {}) };
  // The tracker as the model will find it, with the user's corrections: its header row and columns
  // (with the header rows of tables below the probe, so a table's header is found wherever it is).
  const found = withTableHeaders(grid, tableRead.headers);
  const overrides = opts.checkOverrides ? opts.checkOverrides(found) : opts.overrides;
  const tracker = width > 0 || found !== grid ? readTracker(found, { overrides }).tracker : null;
  for (const c of tracker?.columns ?? []) width = Math.max(width, columnNumber(c.column) - firstColumn + 1);
  // A tracker that is a table is read as wide as the table.
  const table = tracker?.table ? tables.find((t) => t.name === tracker.table) : undefined;
  if (table) width = Math.max(width, table.right - firstColumn + 1);
  width = Math.min(used.columnCount, width > 0 ? width : PROBE_COLUMNS);
  opts.beforeBody?.({ sheet: name, tracker });

  // The RAG column's fill colours (its fill may be the only RAG there is), below the header.
  const rag = tracker?.columns.find((c) => c.field === "rag");
  const ragOffset = rag ? columnNumber(rag.column) - firstColumn : -1;
  const fillStart = tracker ? tracker.headerRow + 1 - firstRow : used.rowCount;
  const displayed = opts.displayedFills === true;
  const header = tracker ? tracker.headerRow + 1 - firstRow : null;
  const body = await readBody(context, used, { values, width, probeValues, ragOffset, fillStart, displayed }, header);
  syncs += body.syncs;
  refused += body.refused;
  const shape = shapeOf(body.fills ? { row: firstRow + Math.max(0, fillStart), column: firstColumn + ragOffset, rows: body.fills.at.rows } : null);
  if (body.fills) {
    grid.fills = body.fills.grid;
    shape.fills = { seen: body.fills.seen, displayed };
  }
  syncs += await readMonthFormats(context, used, grid, tracker, { firstColumn, width, fillStart });
  return { grid, stats: statsOf(body.blocks, width), shape, overrides, words };
}

/**
 * Dates on the 1st of a month in the timeframe column: their number format says whether they are shown as a month
 * ("Mar-21", as Excel stores "Mar 2021"). One more round trip for the column, only when it holds such a date.
 * Returns the round trips made (0 or 1).
 */
async function readMonthFormats(
  context: Excel.RequestContext,
  used: Excel.Range,
  grid: SheetGrid,
  tracker: Tracker | null | undefined,
  at: { firstColumn: number; width: number; fillStart: number },
): Promise<number> {
  const values = grid.values;
  const rowCount = used.rowCount;
  const timeframe = tracker?.columns.find((c) => c.field === "timeframe");
  const offset = timeframe ? columnNumber(timeframe.column) - at.firstColumn : -1;
  if (offset < 0 || offset >= at.width || at.fillStart >= rowCount) return 0;
  const bodyStart = Math.max(0, at.fillStart);
  if (!values.some((row, i) => i >= bodyStart && isFirstOfMonthSerial(row[offset]))) return 0;
  const column = used.getCell(bodyStart, offset).getResizedRange(rowCount - bodyStart - 1, 0);
  column.load("numberFormat");
  await context.sync();
  const numberFormats: (string | null)[][] = values.map(() => []);
  (column.numberFormat as unknown[][]).forEach((row, i) => {
    const f = row[0];
    if (typeof f === "string" && isFirstOfMonthSerial(values[bodyStart + i]?.[offset])) numberFormats[bodyStart + i][offset] = f;
  });
  grid.numberFormats = numberFormats.map((row) => Array.from(row, (f) => f ?? null));
  return 1;
}
