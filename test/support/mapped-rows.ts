/**
 * The table body as field → text per sheet row: what the mapping reads,
 * before normalising. Only the tests use it (to check every mapped cell is
 * reachable on real and random trackers), so it lives here, not in src/model.
 */
import { z } from "zod";
import { FieldSchema, GridView, columnNumber } from "../../src/model";
import type { Field, SheetGrid, Tracker } from "../../src/model";

/** One sheet row read through the column mapping: field → cell text. */
export const MappedRowSchema = z.object({
  row: z.number().int().positive(),
  cells: z.partialRecord(FieldSchema, z.string()),
  references: z.array(z.string()),
  extra: z.record(z.string(), z.string()),
});
export type MappedRow = z.infer<typeof MappedRowSchema>;

export function mappedRows(grid: SheetGrid, tracker: Tracker): MappedRow[] {
  const view = new GridView(grid);
  const rows: MappedRow[] = [];
  const columns = tracker.columns.map((c) => ({ ...c, n: columnNumber(c.column) }));
  for (let r = tracker.firstDataRow; r <= tracker.lastDataRow; r++) {
    const cells: Partial<Record<Field, string>> = {};
    const references: string[] = [];
    for (const c of columns) {
      const t = view.text(r, c.n);
      if (c.field === "references") {
        if (t) references.push(t);
      } else if (t) cells[c.field] = t;
    }
    rows.push({ row: r, cells, references, extra: {} });
  }
  return rows;
}

