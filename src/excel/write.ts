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
