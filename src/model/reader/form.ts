/**
 * A form, not a table: one recommendation per block of label and value rows —
 *
 *   Recommendation:       | Forces should …
 *   Owner:                | ACC Crime
 *   Target date:          | March 2022
 *   Revised target date:  | June 2022
 *   Status:               | In progress
 *
 * The reader reads one action per row under a header row, so a form is not
 * read; it is recognised, so that the user is told what the sheet is and what
 * to do, instead of "no tracker".
 */
import { GridView, a1 } from "../sheet/grid";
import type { SheetGrid } from "../sheet/grid";
import { FIELD_LABEL, fieldsForHeader } from "../words/headers";
import type { Field } from "../words/headers";

/** What a form looks like: its labels (the first of each), how many blocks it has, and the fields its labels name. */
export interface FormShape {
  labels: { text: string; cell: string }[];
  blocks: number;
  fields: string[];
}

/** How far down a sheet labels are looked for. */
const FORM_SEARCH_ROWS = 1000;

/**
 * The sheet as a form, or null when it is not one: at least three label cells
 * ("Owner:") in one column, each with a value beside it, naming at least two
 * fields, one of them the action (a recommendation) or the status.
 */
export function formShape(grid: SheetGrid): FormShape | null {
  const view = new GridView(grid);
  // Label cells by column: text ending in a colon that names a field, with something in the cell to its right.
  const byColumn = new Map<number, { field: Field; text: string; row: number }[]>();
  const last = Math.min(view.lastRow, view.firstRow + FORM_SEARCH_ROWS - 1);
  for (let r = view.firstRow; r <= last; r++) {
    for (let c = view.firstColumn; c < Math.min(view.lastColumn, view.rowEnd(r)); c++) {
      const raw = view.raw(r, c);
      if (typeof raw !== "string") continue;
      const text = raw.trim();
      if (!text.endsWith(":") || text.length > 60) continue;
      const fields = fieldsForHeader(text.slice(0, -1));
      if (fields.length !== 1 || !view.text(r, c + 1)) continue;
      let list = byColumn.get(c);
      if (!list) byColumn.set(c, (list = []));
      list.push({ field: fields[0], text, row: r });
    }
  }
  let best: { field: Field; text: string; row: number }[] = [];
  for (const list of byColumn.values()) if (list.length > best.length) best = list;
  const fields = new Set(best.map((l) => l.field));
  if (best.length < 3 || fields.size < 2 || !(fields.has("action") || fields.has("status"))) return null;
  const counts = new Map<Field, number>();
  for (const l of best) counts.set(l.field, (counts.get(l.field) ?? 0) + 1);
  const firstOfEach: typeof best = [];
  for (const l of best) if (!firstOfEach.some((f) => f.field === l.field)) firstOfEach.push(l);
  const column = [...byColumn.entries()].find(([, list]) => list === best)![0];
  return {
    labels: firstOfEach.slice(0, 4).map((l) => ({ text: l.text, cell: a1(l.row, column) })),
    // One block per recommendation (or per status): "Target date:" and "Revised target date:" are one block's.
    blocks: counts.get("action") ?? counts.get("status") ?? Math.max(...counts.values()),
    fields: firstOfEach.map((l) => FIELD_LABEL[l.field]),
  };
}
