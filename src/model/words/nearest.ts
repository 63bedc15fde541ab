/**
 * "Did you mean …?": the name nearest to what was typed, among the names that
 * would have been understood (the fields of a column mapping, the headers of a
 * tracker's header row), when it is near enough to be a slip of the keyboard.
 */
import { editDistance } from "./vocabulary";
import { GridView, cellText } from "../sheet/grid";
import type { SheetGrid } from "../sheet/grid";

function key(text: string): string {
  return text.toLowerCase().replace(/\s+/g, " ").trim();
}

/**
 * The name nearest to `text` (case and spacing aside): one it differs from by at
 * most a third of its letters (at least 2), or one that begins with it (3 letters
 * or more typed). Null when none is near, or `text` is one of them already.
 */
export function nearestName(text: string, names: readonly string[]): string | null {
  const typed = key(text);
  if (!typed) return null;
  let best: { name: string; distance: number } | null = null;
  for (const name of names) {
    const k = key(name);
    if (!k) continue;
    if (k === typed) return null;
    const distance = typed.length >= 3 && k.startsWith(typed) ? 1 : editDistance(typed, k);
    if (!best || distance < best.distance) best = { name, distance };
  }
  if (!best) return null;
  return best.distance <= Math.max(2, Math.floor(typed.length / 3)) ? best.name : null;
}

/** The texts of a sheet's header row, left to right (empty cells left out). */
export function headerTexts(grid: SheetGrid, headerRow: number): string[] {
  const view = new GridView(grid);
  const out: string[] = [];
  for (let c = grid.firstColumn; c <= view.lastColumn; c++) {
    const text = cellText(view.value(headerRow, c)).trim();
    if (text) out.push(text);
  }
  return out;
}
