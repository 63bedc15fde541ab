/**
 * Trackers that are Excel tables (ListObjects): a table whose header row names
 * a tracker's fields is the tracker. Its header row is the header, and its
 * extent is the tracker's: cells beside it or below it (notes, a second table)
 * are not read, nor is its totals row. The hosts hand in each table's area
 * (SheetGrid.tables).
 */
import { GridView, SheetGrid } from "../sheet/grid";
import type { SheetTable } from "../sheet/grid";
import { Field, HeaderCandidate, mapHeaderRow } from "../words/headers";

/** The table that holds the tracker, and its header: the table with a header row naming the most fields (two at least, one of them action, reference, status or RAG). */
export function trackerTable(grid: SheetGrid): { table: SheetTable; header: HeaderCandidate } | null {
  let best: { table: SheetTable; header: HeaderCandidate } | null = null;
  const view = new GridView(grid);
  for (const table of grid.tables ?? []) {
    if (!table.headerRow || bodyBottom(table) <= table.top) continue;
    const mappings = mapHeaderRow(view, table.top).filter((m) => m.column >= table.left && m.column <= table.right);
    const fields = new Set(mappings.map((m) => m.field));
    const anchored = (["action", "id", "status", "rag"] as Field[]).some((f) => fields.has(f));
    if (fields.size < 2 || !anchored) continue;
    if (!best || fields.size > best.header.score) best = { table, header: { row: table.top, score: fields.size, mappings } };
  }
  return best;
}

/** The table's last row above its totals row (its last row when it shows none). */
function bodyBottom(t: SheetTable): number {
  return t.bottom - (t.totalsRow ? 1 : 0);
}

/** The grid cut to a table's area, its totals row left out (still in sheet coordinates). */
export function cropToTable(grid: SheetGrid, table: SheetTable): SheetGrid {
  const t = { ...table, bottom: bodyBottom(table) };
  const rows = (xs: readonly (readonly unknown[])[]) =>
    xs.slice(Math.max(0, t.top - grid.firstRow), Math.max(0, t.bottom - grid.firstRow + 1)).map((row) => row.slice(Math.max(0, t.left - grid.firstColumn), Math.max(0, t.right - grid.firstColumn + 1)));
  return {
    name: grid.name,
    firstRow: t.top,
    firstColumn: t.left,
    values: rows(grid.values) as SheetGrid["values"],
    merges: grid.merges.filter((m) => m.bottom >= t.top && m.top <= t.bottom && m.right >= t.left && m.left <= t.right),
    ...(grid.fills ? { fills: rows(grid.fills) as NonNullable<SheetGrid["fills"]> } : {}),
    ...(grid.hiddenRows ? { hiddenRows: grid.hiddenRows.filter((r) => r >= t.top && r <= t.bottom) } : {}),
    ...(grid.numberFormats ? { numberFormats: rows(grid.numberFormats) as NonNullable<SheetGrid["numberFormats"]> } : {}),
  };
}
