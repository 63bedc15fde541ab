/**
 * The workbook's "Change log" sheet on the Office path: the same sheet, headers
 * and rows the command line writes (the model's CHANGE_LOG_HEADERS), appended
 * to, never rewritten. Finding it rides with a command's first round trip
 * after it is queued (the sheets named "Change log", "Change log (2)", … and
 * their header rows); the rows are appended with the command's write, as text
 * (number format "@" first, so "=…" stays text), in one range: no round trip
 * of its own, whatever the number of rows. A user's own sheet called "Change
 * log" (without the log's headers) is never written in: the log is then the
 * first free "Change log (n)", as the CLI does.
 */
import { CHANGE_LOG_HEADERS, CHANGE_LOG_SHEET, columnLetter } from "../model";

/** Takes back rows appended with a write that is then put back (a round trip or two, on that path only). */
export type TakeBack = () => Promise<void>;

/** The names looked at for the log: "Change log", then "Change log (2)" … "(4)". */
const CANDIDATES = [CHANGE_LOG_SHEET, ...[2, 3, 4].map((n) => `${CHANGE_LOG_SHEET} (${n})`)];
const LAST = columnLetter(CHANGE_LOG_HEADERS.length);

/** Queue the look for the log; after the next sync, the function that queues appending rows (each as many cells as the headers). */
export function queueChangeLog(context: Excel.RequestContext): () => (rows: readonly (readonly string[])[]) => TakeBack | undefined {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  const looked = CANDIDATES.map((name) => {
    const ws = sheets.getItemOrNullObject(name);
    const used = ws.getUsedRangeOrNullObject(true);
    used.load("rowIndex,rowCount");
    const head = used.getIntersectionOrNullObject(ws.getRange(`A1:${LAST}1`));
    head.load("values");
    return { name, ws, used, head };
  });
  // Read only after the caller's next sync (the linter cannot see through the callback).
  return () => {
    const ours = looked.find(
      (l) =>
         
        !l.ws.isNullObject &&
         
        !l.head.isNullObject &&
         
        CHANGE_LOG_HEADERS.every((h, i) => String(l.head.values[0]?.[i] ?? "").trim().toLowerCase() === h.toLowerCase()),
    );
     
    const taken = new Set(sheets.items.map((s) => s.name.toLowerCase()));
    let name = CHANGE_LOG_SHEET;
    for (let n = 2; !ours && taken.has(name.toLowerCase()); n++) name = `${CHANGE_LOG_SHEET} (${n})`;
     
    const next = ours ? ours.used.rowIndex + ours.used.rowCount + 1 : 2;
    return (rows) => {
      if (!rows.length) return undefined;
      let ws: Excel.Worksheet;
      if (ours) ws = ours.ws;
      else {
        ws = sheets.add(name);
        const headers = ws.getRange(`A1:${LAST}1`);
        headers.values = [[...CHANGE_LOG_HEADERS]];
        headers.format.font.bold = true;
      }
      const where = `A${next}:${LAST}${next + rows.length - 1}`;
      const range = ws.getRange(where);
      range.numberFormat = rows.map((r) => r.map(() => "@"));
      range.values = rows.map((r) => [...r]);
      // Only when the write these rows went with is put back: the sheet made for them goes, or the rows are emptied.
      return async () => {
        const made = ours ? null : sheets.getItemOrNullObject(name);
        if (made) {
          await context.sync();
          if (made.isNullObject) return;
          made.delete();
        } else ours!.ws.getRange(where).clear();
        await context.sync();
      };
    };
  };
}
