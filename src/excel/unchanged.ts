/**
 * "Read only what changed": is the tracker's sheet still exactly as the pane
 * last read it? Asked in the command's first round trip (riding with the sheet
 * and snapshot lists), so that a command on an unchanged tracker reuses the
 * tracker the engine already holds and costs only its own round trips.
 *
 * Two things must both say "unchanged"; either one alone is not enough:
 *
 *  1. The change events (host.ts, through the watch of refresh.ts:
 *     Worksheet.onChanged, ExcelApi 1.7): every event on the sheet since the
 *     read began — this user's, a co-author's (`source: "Remote"`), the
 *     add-in's own, rows or columns inserted or deleted — moves a count, and a
 *     grid is only reused while the count has not moved. A grid read before
 *     the watch was in place is never reused (its events may have been missed).
 *  2. This check, for what change events do not show (Excel raises no
 *     onChanged for a recalculated formula, a fill colour, a merge or a
 *     rename, nor for anything while no handler is registered):
 *       - the sheet, by id: still there, under the same name;
 *       - its used range: the same rows and columns (rows inserted or deleted);
 *       - its merged areas: the same address;
 *       - its formula cells (Range.getSpecialCellsOrNullObject("Formulas"),
 *         ExcelApi 1.9): the same address, and, read again, the same values
 *         (a recalculation is seen here);
 *       - the RAG column's fills (getCellProperties, ExcelApi 1.9, and the fills shown where the read took them), read again;
 *       - the sheet's Excel tables: the same names, in the same order, each
 *         with the same area (Table.getRange: a table resized, by its handle
 *         or as rows are typed under it, raises no change event for the
 *         cells it takes in) and the same header and totals rows shown; a
 *         table added is a new name (none of this is an onChanged event). A
 *         table of the read deleted or renamed makes the check's getItem
 *         fail, so the sheet is read afresh, as for a deleted sheet;
 *       - the organisation's words sheet, read again (at most A1:J500).
 *     A sheet with more than MAX_FORMULA_AREAS formula areas, or more than
 *     512 merged areas, is never reused: it is read again each time.
 *
 * The check costs bytes in the first round trip (the fills: ~44 bytes a row, twice that where the fills shown are read too),
 * never a round trip of its own. If the check's round trip fails (the sheet
 * was deleted, so its id is no longer there), the host drops the kept read and
 * reads afresh.
 */
import type { SheetGrid, SheetTable } from "../model";
import { columnLetter, parseA1Range } from "../model";
import { fromOfficeValue, parseAreas } from "../shared/values";
import type { SheetRead, SheetShape } from "./read";
import { MAX_TABLES, fillsSeen, queueFillColours, queueWords } from "./read";

/** More formula areas than this and the sheet is not checked (so never reused): one load per area would be a long request. */
export const MAX_FORMULA_AREAS = 500;

/** What the check compares: taken from a read, and again from Excel. */
export interface ReadFingerprint {
  sheetId: string;
  name: string;
  used: string;
  mergedAddress: string | null;
  formulaAddress: string | null;
  /** Each formula area (within the table as read) and its values as read. */
  formulaAreas: { address: string; values: string }[];
  fillsAt: SheetShape["fillsAt"];
  /** Whether the fills shown (ExcelApi 1.19) were read with the own fills; the check reads the same. */
  fillsDisplayed: boolean;
  fills: string;
  words: string;
  /** The sheet's Excel tables as read (grid.tables). */
  tables: SheetTable[];
}

/** The tables as the check compares them: name, area and rows shown, in Excel's order. */
function tablesKey(tables: readonly SheetTable[]): string {
  return key(tables.map((t) => [t.name, t.top, t.left, t.bottom, t.right, t.headerRow, t.totalsRow === true]));
}

const key = (v: unknown) => JSON.stringify(v ?? null);

/** The fingerprint of a read, or null when such a sheet cannot be checked cheaply (it is then read again each time). */
export function fingerprintOf(read: SheetRead): ReadFingerprint | null {
  const { grid, shape, stats } = read;
  if (stats.mergedAreasUnread || shape.formulaAddress === undefined) return null;
  const areas = shape.formulaAddress ? parseAreas(shape.formulaAddress) : [];
  if (areas.length > MAX_FORMULA_AREAS) return null;
  const width = grid.values.reduce((w, row) => Math.max(w, row.length), 0);
  const lastRow = grid.firstRow + grid.values.length - 1;
  const lastColumn = grid.firstColumn + width - 1;
  const formulaAreas: ReadFingerprint["formulaAreas"] = [];
  for (const a of areas) {
    // Only the part of each area that was read matters to the tracker.
    const top = Math.max(a.top, grid.firstRow);
    const bottom = Math.min(a.bottom, lastRow);
    const left = Math.max(a.left, grid.firstColumn);
    const right = Math.min(a.right, lastColumn);
    if (top > bottom || left > right) continue;
    const values = [];
    for (let r = top; r <= bottom; r++) {
      const row = grid.values[r - grid.firstRow] ?? [];
      const cells = [];
      for (let c = left; c <= right; c++) cells.push(row[c - grid.firstColumn] ?? null);
      values.push(cells);
    }
    formulaAreas.push({ address: `${columnLetter(left)}${top}:${columnLetter(right)}${bottom}`, values: key(values) });
  }
  const fills = key(shape.fillsAt && shape.fills ? shape.fills.seen : null);
  return {
    sheetId: shape.sheetId,
    name: grid.name,
    used: key(shape.used),
    mergedAddress: shape.mergedAddress,
    formulaAddress: shape.formulaAddress,
    formulaAreas,
    fillsAt: shape.fillsAt,
    fillsDisplayed: shape.fills?.displayed === true,
    fills,
    words: wordsKey(read.words),
    tables: [...(grid.tables ?? [])],
  };
}

function wordsKey(words: SheetGrid | undefined): string {
  return words ? key([words.firstRow, words.firstColumn, words.values]) : key(null);
}

/**
 * Queue the check with the command's first round trip; after that sync, the
 * returned function says whether the sheet is as the fingerprint says. The
 * sheet is addressed by its id (getItem): if it was deleted, that round trip
 * fails, and the caller reads afresh.
 */
export function queueUnchangedCheck(context: Excel.RequestContext, fp: ReadFingerprint): () => boolean {
  const sheet = context.workbook.worksheets.getItem(fp.sheetId);
  sheet.load("name");
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load("rowIndex,columnIndex,rowCount,columnCount");
  const merged = used.getMergedAreasOrNullObject();
  merged.load("address");
  const formulas = used.getSpecialCellsOrNullObject("Formulas");
  formulas.load("address");
  const areas = fp.formulaAreas.map((a) => {
    const range = sheet.getRange(a.address);
    range.load("values");
    return range;
  });
  const fills = fp.fillsAt ? queueFillColours(sheet.getRange(`${columnLetter(fp.fillsAt.column)}${fp.fillsAt.row}:${columnLetter(fp.fillsAt.column)}${fp.fillsAt.row + fp.fillsAt.rows - 1}`), fp.fillsDisplayed) : null;
  const words = queueWords(context);
  // The sheet's tables, through a path of their own (the linter takes `sheet.tables` for a read of the loaded sheet).
  const tables = context.workbook.worksheets.getItem(fp.sheetId).tables;
  tables.load("items/name,items/showHeaders,items/showTotals");
  // The tables read last time, each by its name (a name no longer there fails the round trip: read afresh).
  const tableRanges = fp.tables.map((t) => {
    const range = tables.getItem(t.name).getRange();
    range.load("address");
    return range;
  });
  // Read only after the caller's sync (the linter cannot see through the callback).
  /* eslint-disable office-addins/call-sync-before-read, office-addins/call-sync-after-load */
  return () => {
    if (sheet.name !== fp.name) return false;
    const nowUsed = used.isNullObject ? null : { rowIndex: used.rowIndex, columnIndex: used.columnIndex, rowCount: used.rowCount, columnCount: used.columnCount };
    if (key(nowUsed) !== fp.used) return false;
    if ((merged.isNullObject ? null : merged.address) !== fp.mergedAddress) return false;
    if ((formulas.isNullObject ? null : formulas.address) !== fp.formulaAddress) return false;
    if (areas.some((range, i) => key(range.values.map((row) => row.map(fromOfficeValue))) !== fp.formulaAreas[i].values)) return false;
    if (fills && key(fillsSeen(fills())) !== fp.fills) return false;
    const items = tables.items.slice(0, MAX_TABLES);
    if (items.length !== fp.tables.length) return false;
    const nowTables = items.map((t, i) => ({ ...(parseA1Range(tableRanges[i].address) ?? { top: 0, left: 0, bottom: 0, right: 0 }), name: t.name, headerRow: t.showHeaders, totalsRow: t.showTotals }));
    if (nowTables.some((t, i) => t.name !== fp.tables[i].name) || tablesKey(nowTables) !== tablesKey(fp.tables)) return false;
    return wordsKey(words()) === fp.words;
  };
  /* eslint-enable office-addins/call-sync-before-read, office-addins/call-sync-after-load */
}
