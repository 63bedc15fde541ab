/** Generated trackers for the Office path's tests on the Excel double. */
import type { CellValue, MergedArea, SheetGrid } from "../../src/model";

/** A big tracker as an OPCC might keep it: titles, a header, sections, merged section rows, RAG fills. */
export function bigTracker(rows: number, options: { update?: (id: number) => string } = {}): SheetGrid {
  const update = options.update ?? ((id: number) => `Update for ${id}: on track`);
  const values: CellValue[][] = [
    ["Delivery plan 2026-27: progress report", null, null, null, null, null, null, null],
    ["Key: RAG Red / Amber / Green; ↑ improved, ↓ deteriorated, ↔ no change", null, null, null, null, null, null, null],
    [null, null, null, null, null, null, null, null],
    ["Ref", "Action", "Lead", "Status", "RAG", "Direction of travel", "Update", "Due"],
  ];
  const merges: MergedArea[] = [];
  const fills: (string | null)[][] = values.map(() => new Array(8).fill(null));
  const statuses = ["Completed", "In progress", "On hold", "Not yet started"];
  const rags = ["Red", "Amber", "Green"];
  const dirs = ["↑", "↓", "↔"];
  let id = 0;
  while (id < rows) {
    if (id % 1000 === 0) {
      values.push([`Theme ${id / 1000 + 1}: partnership actions`, null, null, null, null, null, null, null]);
      fills.push(new Array(8).fill(null));
      merges.push({ top: values.length, left: 1, bottom: values.length, right: 8 });
    }
    id++;
    const rag = rags[id % 3];
    values.push([`A${id}`, `Deliver action ${id} with partners`, `Lead ${id % 17}`, statuses[id % 4], id % 5 === 0 ? null : rag, dirs[id % 3], update(id), "March 2027"]);
    const f: (string | null)[] = new Array(8).fill(null);
    if (id % 5 === 0) f[4] = rag === "Red" ? "FF0000" : rag === "Amber" ? "FFC000" : "00B050";
    fills.push(f);
  }
  return { name: "Tracker", firstRow: 1, firstColumn: 1, values, merges, fills };
}
