/**
 * Cell writes the user asked for, in one batch. Every value is written as text:
 * the cell's number format is set to "@" first, so a string that starts with
 * "=", "+", "-" or "@" stays a string instead of becoming a formula.
 */
import type { CellWrite } from "../model";

export function queueTextWrites(sheet: Excel.Worksheet, writes: readonly CellWrite[]): void {
  for (const w of writes) {
    const range = sheet.getRange(w.cell);
    range.numberFormat = [["@"]];
    range.values = [[w.text]];
  }
}

export async function writeCells(context: Excel.RequestContext, sheetName: string, writes: readonly CellWrite[]): Promise<number> {
  if (writes.length === 0) return 0;
  queueTextWrites(context.workbook.worksheets.getItem(sheetName), writes);
  await context.sync();
  return writes.length;
}
