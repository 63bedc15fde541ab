/**
 * The panel paper's settings in Excel: the workbook's "Panel paper" sheet of
 * label and value rows (column A the label, B the value, C a background
 * document's link), exactly the sheet the CLI reads (the model's
 * paperSettingsFromGrid and paperSettingsRows), so both hosts read the same
 * place.
 *
 *  - reading: 1 round trip (or none of its own: it rides with a command's first
 *    round trip, queuePaperSheet);
 *  - saving, which only the officer's "Save" does: 2 round trips whatever
 *    the number of paragraphs: the sheet and the rows it holds, then (the
 *    sheet added when missing) the old rows cleared and the new ones written as
 *    text (number format "@" before the values, so "=…" typed in the form stays
 *    text). Nothing else in the workbook changes.
 */
import { PAPER_SHEET, paperSettingsFromGrid, paperSettingsRows } from "../model";
import type { PaperSettings } from "../model";
import type { PaperSettingsSaved, PaperSettingsView } from "../shared/host";
import { fromOfficeValue } from "../shared/values";

/** The part of the sheet read: far more rows than settings and paragraphs, so a read stays small. */
export const PAPER_RANGE = "A1:C1000";
const LAST_ROW = 1000;

/** The widths of the sheet's columns when it is written (characters → points, as Excel's default font). */
const WIDTHS = { A: 150, B: 480, C: 240 };

/** Queue the read of the "Panel paper" sheet; after the next sync, whether it is there, its name and its settings. */
export function queuePaperSheet(context: Excel.RequestContext): () => PaperSettingsView & { name: string; lastRow: number } {
  const sheet = context.workbook.worksheets.getItemOrNullObject(PAPER_SHEET);
  sheet.load("name");
  const used = sheet.getUsedRangeOrNullObject(true).getIntersectionOrNullObject(sheet.getRange(PAPER_RANGE));
  used.load("values,rowIndex,columnIndex");
  // Read only after the caller's next sync (the linter cannot see through the callback).
  return () => {
    // eslint-disable-next-line office-addins/call-sync-before-read
    if (sheet.isNullObject) return { settings: {}, problems: [], exists: false, name: PAPER_SHEET, lastRow: 0 };
    // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/call-sync-after-load
    const name = sheet.name;
    // eslint-disable-next-line office-addins/call-sync-before-read
    if (used.isNullObject) return { settings: {}, problems: [], exists: true, name, lastRow: 0 };
    // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/call-sync-after-load
    const grid = { name, firstRow: used.rowIndex + 1, firstColumn: used.columnIndex + 1, values: used.values.map((row) => row.map(fromOfficeValue)), merges: [] };
    const read = paperSettingsFromGrid(grid);
    return { ...read, exists: true, name, lastRow: grid.firstRow + grid.values.length - 1 };
  };
}

/** The settings in the workbook (1 round trip). */
export async function readPaperSettings(context: Excel.RequestContext): Promise<PaperSettingsView> {
  const held = queuePaperSheet(context);
  await context.sync();
  const { settings, problems, exists } = held();
  return { settings, problems, exists };
}

/** Save the settings in the "Panel paper" sheet, made when missing (2 round trips). */
export async function writePaperSettings(context: Excel.RequestContext, settings: PaperSettings): Promise<PaperSettingsSaved> {
  const held = queuePaperSheet(context);
  await context.sync();
  const before = held();
  const rows = paperSettingsRows(settings);
  const ws = before.exists ? context.workbook.worksheets.getItem(before.name) : context.workbook.worksheets.add(PAPER_SHEET);
  // The rows the sheet held that the new ones do not cover go (in columns A to C only: nothing else on the sheet is touched).
  if (before.lastRow > rows.length) ws.getRange(`A${rows.length + 1}:C${Math.min(before.lastRow, LAST_ROW)}`).clear("Contents");
  const range = ws.getRange(`A1:C${rows.length}`);
  range.numberFormat = rows.map((r) => r.map(() => "@"));
  range.values = rows;
  if (!before.exists) {
    ws.getRange("A1:C1").format.font.bold = true;
    ws.getRange("A:A").format.columnWidth = WIDTHS.A;
    ws.getRange("B:B").format.columnWidth = WIDTHS.B;
    ws.getRange("C:C").format.columnWidth = WIDTHS.C;
  }
  ws.getRange(`B1:B${rows.length}`).format.wrapText = true;
  await context.sync();
  return { sheet: before.name, rows: rows.length, created: !before.exists };
}
