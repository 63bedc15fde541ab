/**
 * A generated tracker as an OPCC might keep it, of any size: two title rows and
 * a key, a header (Ref, Action, Lead, Status, RAG, Direction of travel, Update,
 * Due), a merged section heading every 1,000 actions (the theme), and every
 * fifth RAG shown only as a fill colour. Used by the functions tests and the bench.
 */
import type { CellValue, SheetGrid } from "../../src/model";

export const BIG_STATUSES = ["Completed", "In progress", "On hold", "Not yet started"] as const;
export const BIG_RAGS = ["Red", "Amber", "Green"] as const;
export const BIG_DIRECTIONS = ["↑", "↓", "↔"] as const;
const FILL: Record<string, string> = { Red: "FF0000", Amber: "FFC000", Green: "00B050" };

export function bigTracker(rows: number, options: { name?: string; typedRag?: boolean } = {}): SheetGrid {
  const width = 8;
  const blank = (): CellValue[] => new Array(width).fill(null);
  const values: CellValue[][] = [
    ["Delivery plan 2026-27: progress report", ...blank().slice(1)],
    ["Key: RAG Red / Amber / Green; ↑ improved, ↓ deteriorated, ↔ no change", ...blank().slice(1)],
    blank(),
    ["Ref", "Action", "Lead", "Status", "RAG", "Direction of travel", "Update", "Due"],
  ];
  const merges = [];
  const fills: (string | null)[][] = values.map(() => new Array(width).fill(null));
  let id = 0;
  while (id < rows) {
    if (id % 1000 === 0) {
      values.push([`Theme ${id / 1000 + 1}: partnership actions`, ...blank().slice(1)]);
      fills.push(new Array(width).fill(null));
      merges.push({ top: values.length, left: 1, bottom: values.length, right: width });
    }
    id++;
    const rag = BIG_RAGS[id % 3];
    const fillOnly = !options.typedRag && id % 5 === 0;
    values.push([
      `A${id}`,
      `Deliver action ${id} with partners`,
      `Lead ${id % 17}`,
      BIG_STATUSES[id % 4],
      fillOnly ? null : rag,
      BIG_DIRECTIONS[id % 3],
      `Update for ${id}: on track`,
      "March 2027",
    ]);
    const f: (string | null)[] = new Array(width).fill(null);
    if (fillOnly) f[4] = FILL[rag];
    fills.push(f);
  }
  return { name: options.name ?? "Tracker", firstRow: 1, firstColumn: 1, values, merges, fills };
}
