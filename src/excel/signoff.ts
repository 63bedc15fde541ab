/**
 * The sign-off sheet in Excel ("delivery-plan sign-off", SIGN_OFF_SHEET): the
 * same rows the command line's `sign-off` writes (src/xlsx/returns.ts
 * writeSignOff), so that each host reads what the other wrote. Row 1 is the
 * note; then one row per action: period, by, when, reference and the status,
 * RAG and update fingerprints, all text. The sheet is hidden, as the command
 * line leaves it.
 *
 * Reading it for Check takes one round trip, only when the workbook has the
 * sheet (its name is in the list the tracker's read already brings), and reads
 * the Change log in the same round trip. Signing off takes one round trip to
 * find where the rows go, and one per ~2 MB of rows to write them: never one
 * per row.
 */
import {
  CHANGE_LOG_SHEET,
  SIGN_OFF_NOTE,
  SIGN_OFF_SHEET,
  isChangeLogName,
  readChangeLog,
  readSignOffs,
} from "../model";
import type { ChangeLogEntry, SheetGrid, SignOff } from "../model";
import { appendHiddenTextRows } from "./snapshot";
import { fromOfficeValue } from "../shared/values";

/** The sheet's last column: G (period, by, when, reference, status, RAG, update). */
const LAST_COLUMN = "G";

/** Whether one of the workbook's sheets is the sign-off sheet. */
export function hasSignOffSheet(sheets: readonly string[]): boolean {
  return sheets.some((s) => s.trim().toLowerCase() === SIGN_OFF_SHEET);
}

function gridOf(name: string, used: Excel.Range): SheetGrid {
  return {
    name,
    firstRow: used.rowIndex + 1,
    firstColumn: used.columnIndex + 1,
    values: (used.values as unknown[][]).map((row) => row.map(fromOfficeValue)),
    merges: [],
  };
}

export interface SignedOffRead {
  records: SignOff[];
  log: ChangeLogEntry[];
  syncs: number;
}

/**
 * The periods signed off and the Change log's rows, in one round trip when the workbook has the sign-off
 * sheet (`sheets`: every sheet's name, as the tracker's read found them); none otherwise.
 */
export async function readSignedOff(
  context: Excel.RequestContext,
  sheets: readonly string[],
): Promise<SignedOffRead> {
  const signName = sheets.find(
    (s) => s.trim().toLowerCase() === SIGN_OFF_SHEET,
  );
  if (!signName) return { records: [], log: [], syncs: 0 };
  const logName = sheets.find((s) => isChangeLogName(s)) ?? null;
  const book = context.workbook.worksheets;
  const signed = book.getItem(signName).getUsedRangeOrNullObject(true);
  signed.load("values,rowIndex,columnIndex");
  const logged = logName
    ? book.getItem(logName).getUsedRangeOrNullObject(true)
    : null;
  logged?.load("values,rowIndex,columnIndex");
  await context.sync();
  const records = signed.isNullObject
    ? []
    : readSignOffs(gridOf(signName, signed));
  const log =
    logged && !logged.isNullObject
      ? (readChangeLog(gridOf(logName ?? CHANGE_LOG_SHEET, logged)) ?? [])
      : [];
  return { records, log, syncs: 1 };
}

export interface SignOffWhere {
  exists: boolean;
  /** The first empty row below the sheet's used range (2 on a sheet still to be made: row 1 is the note). */
  nextRow: number;
}

/** Where a sign-off's rows go: one round trip. */
export async function signOffWhere(
  context: Excel.RequestContext,
): Promise<SignOffWhere> {
  const existing =
    context.workbook.worksheets.getItemOrNullObject(SIGN_OFF_SHEET);
  const used = existing.getUsedRangeOrNullObject(true);
  used.load("rowIndex,rowCount");
  await context.sync();
  if (existing.isNullObject) return { exists: false, nextRow: 2 };
  return {
    exists: true,
    nextRow: used.isNullObject
      ? 2
      : Math.max(2, used.rowIndex + used.rowCount + 1),
  };
}

/**
 * Append a sign-off's rows (signOffRows) to the sheet, made with its note when missing, as text, in blocks of
 * at most ~2 MB of request; a failed write takes its rows back, so no half-recorded sign-off is left.
 */
export async function writeSignOffRows(
  context: Excel.RequestContext,
  rows: readonly string[][],
  where: SignOffWhere,
): Promise<{ firstRow: number; rows: number; syncs: number }> {
  const sheets = context.workbook.worksheets;
  let sheet: Excel.Worksheet;
  if (!where.exists) {
    sheet = sheets.add(SIGN_OFF_SHEET);
    const note = sheet.getRange("A1");
    note.numberFormat = [["@"]];
    note.values = [[SIGN_OFF_NOTE]];
  } else sheet = sheets.getItem(SIGN_OFF_SHEET);
  const next = where.nextRow;
  // A failed write takes its rows back: no half-recorded sign-off is left.
  const syncs = await appendHiddenTextRows(context, sheet, rows, next, LAST_COLUMN);
  return { firstRow: next, rows: rows.length, syncs };
}
