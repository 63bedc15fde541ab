/**
 * Where a word of the organisation's goes in the workbook's "Delivery plan
 * words" sheet (src/model/words.ts reads it): a new row under the sheet's
 * "Word" and "Means" headers, or, with no sheet (or an empty one), the headers
 * and the word in rows 1 and 2. Pure: the host reads the sheet and writes the
 * cells, after the user confirmed exactly these.
 */
import { RAGS, STATUSES, WORDS_SHEET, a1, cellText, headerMatchKey } from "../model";
import type { SheetGrid } from "../model";
import type { CellChange, HostError, OwnWord } from "../shared/host";

/** The rows searched for the header row, as the reader does. */
const HEADER_ROWS = 20;

/** The cells that add `word` to the sheet (null: there is none yet, or it is empty), or why it cannot be added. */
export function ownWordChanges(sheet: SheetGrid | null, word: OwnWord): { changes: CellChange[] } | HostError {
  const typed = word.word.trim();
  if (!typed) return { code: "own-word-refused", error: "There is no word to save: the cell is empty. Read the tracker again." };
  if (!(STATUSES as readonly string[]).includes(word.means) && !(RAGS as readonly string[]).includes(word.means)) {
    return { code: "own-word-refused", error: `"${word.means}" is not a status (${STATUSES.join(", ")}) or a RAG (${RAGS.join(", ")}). Choose one of them.` };
  }
  const row = (r: number) => sheet?.values[r - sheet.firstRow] ?? [];
  if (!sheet || sheet.values.every((r) => r.every((v) => cellText(v) === ""))) {
    return {
      changes: [
        { cell: "A1", before: "", after: "Word" },
        { cell: "B1", before: "", after: "Means" },
        { cell: "A2", before: "", after: typed },
        { cell: "B2", before: "", after: word.means },
      ],
    };
  }
  let header = -1;
  let wordCol = -1;
  let meansCol = -1;
  for (let r = sheet.firstRow; r < sheet.firstRow + Math.min(sheet.values.length, HEADER_ROWS) && header < 0; r++) {
    const keys = row(r).map((v) => headerMatchKey(cellText(v)));
    const w = keys.indexOf("word");
    const m = keys.findIndex((k) => k === "means" || k === "meaning" || k === "countsas");
    if (w >= 0 && m >= 0) [header, wordCol, meansCol] = [r, w, m];
  }
  if (header < 0) {
    return { code: "own-word-refused", error: `The sheet "${WORDS_SHEET}" has no header row with "Word" and "Means", so the add-in cannot tell where to put "${typed}". Put "Word" and "Means" in row 1, then try again.` };
  }
  const last = sheet.firstRow + sheet.values.length - 1;
  for (let r = header + 1; r <= last; r++) {
    if (cellText(row(r)[wordCol]).trim().toLowerCase() === typed.toLowerCase()) {
      const cell = a1(r, sheet.firstColumn + meansCol);
      return { code: "own-word-refused", error: `"${typed}" is already in the sheet "${WORDS_SHEET}": ${cell} says it means "${cellText(row(r)[meansCol])}". Change it there if that is wrong.` };
    }
  }
  return {
    changes: [
      { cell: a1(last + 1, sheet.firstColumn + wordCol), before: "", after: typed },
      { cell: a1(last + 1, sheet.firstColumn + meansCol), before: "", after: word.means },
    ],
  };
}
