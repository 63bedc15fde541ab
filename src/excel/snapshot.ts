/**
 * Snapshots in Excel: a sheet the add-in owns ("Delivery plan snapshots"),
 * hidden but recoverable (Unhide shows it), appended to at the end of each
 * period. Two round trips to take one, one to read them all.
 */
import { SNAPSHOT_HEADER, SNAPSHOT_SHEET, readSnapshots, snapshotRows } from "../model";
import type { Action, Snapshot } from "../model";
import { fromOfficeValue } from "./values";

export async function takeSnapshot(context: Excel.RequestContext, period: string, taken: Date, trackerSheet: string, actions: readonly Action[]): Promise<{ rows: number; firstRow: number }> {
  const sheets = context.workbook.worksheets;
  const existing = sheets.getItemOrNullObject(SNAPSHOT_SHEET);
  const used = existing.getUsedRangeOrNullObject(true);
  used.load("rowIndex,rowCount");
  await context.sync();

  let sheet = existing;
  let next: number;
  const header = [[...SNAPSHOT_HEADER] as string[]];
  if (existing.isNullObject) {
    sheet = sheets.add(SNAPSHOT_SHEET);
    const top = sheet.getRange("A1:G1");
    top.numberFormat = [header[0].map(() => "@")];
    top.values = header;
    top.format.font.bold = true;
    next = 2;
  } else {
    next = used.isNullObject ? 1 : used.rowIndex + used.rowCount + 1;
  }
  const rows = snapshotRows(period, taken, trackerSheet, actions);
  if (rows.length) {
    const body = sheet.getRange(`A${next}:G${next + rows.length - 1}`);
    // Text, all of it: references and periods must not turn into numbers, dates or formulas.
    body.numberFormat = rows.map((r) => r.map(() => "@"));
    body.values = rows;
  }
  // Hidden from the tabs but not "very hidden": Unhide brings it back.
  sheet.visibility = Excel.SheetVisibility.hidden;
  await context.sync();
  return { rows: rows.length, firstRow: next };
}

export async function loadSnapshots(context: Excel.RequestContext): Promise<Snapshot[]> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(SNAPSHOT_SHEET);
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load("values,rowIndex,columnIndex");
  await context.sync();
  if (sheet.isNullObject || used.isNullObject) return [];
  return readSnapshots({
    name: SNAPSHOT_SHEET,
    firstRow: used.rowIndex + 1,
    firstColumn: used.columnIndex + 1,
    values: used.values.map((row) => row.map(fromOfficeValue)),
    merges: [],
  });
}
