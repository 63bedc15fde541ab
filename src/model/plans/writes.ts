/**
 * Cell writes the user can ask for, as plain data: RAG words where the RAG is
 * only a fill colour, and the computed direction of travel. Nothing here is
 * written unless the user asks (a CLI flag, a confirmation in the pane).
 */
import { GridView, MAX_CELL_TEXT, SheetGrid, a1, columnNumber } from "../sheet/grid";
import type { Action, Tracker } from "../issues/schema";
import type { Comparison } from "../analysis/direction";
import { DIRECTION_GLYPH, Lexicon } from "../words/vocabulary";

/** One cell to write, always as text (never a formula). */
export interface CellWrite {
  cell: string;
  text: string;
  /** How the new text should look, where the cell's own style would not do (a column we add). */
  look?: CellLook;
}

/**
 * The look of a cell the add-in adds beside the user's table: its alignment copied from the cell to
 * its left in the same row (so an arrow sits level with its action), and for a header of our own a
 * style of its own, never the row's (trackers often give the header row white text, with the fill
 * only on the table's own cells: the new header would be white on white).
 */
export interface CellLook {
  /** The cell whose alignment (horizontal, vertical, wrap) to copy. */
  alignLike: string;
  /** Our own header: bold, dark text on a light fill, and a thin border. */
  header?: boolean;
}

/** The colours of a header the add-in adds: black on light grey, readable printed or on screen (contrast 16:1). */
export const OWN_HEADER_COLOURS = { font: "000000", fill: "D9D9D9" } as const;

/**
 * "Amber" into each RAG cell that shows the RAG only by its fill; an arrow
 * already in the cell is kept: "↑" → "Amber ↑".
 */
export function ragLabelWrites(grid: SheetGrid, actions: readonly Action[]): CellWrite[] {
  const view = new GridView(grid);
  const out: CellWrite[] = [];
  for (const a of actions) {
    const cell = a.cells.rag;
    if (a.ragSource !== "fill" || !a.rag || !cell) continue;
    const m = /^([A-Z]+)(\d+)$/.exec(cell)!;
    const existing = view.text(Number(m[2]), columnNumber(m[1]));
    const text = existing ? `${a.rag} ${existing}` : a.rag;
    // A cell holds at most 32,767 characters: the word is not written where it would not fit (the user's text is never cut).
    if (text.length <= MAX_CELL_TEXT) out.push({ cell, text });
  }
  return out;
}

export interface DirectionWrites {
  writes: CellWrite[];
  /** Set when the tracker had no direction column and the writes add one. */
  newColumn: { header: string; cell: string } | null;
}

/**
 * The computed direction of each action into the direction column (glyph and
 * word, so colour is never alone), or into a new column after the table.
 */
export function directionWrites(grid: SheetGrid, tracker: Tracker, actions: readonly Action[], comparison: Comparison, previousLabel: string): DirectionWrites {
  const view = new GridView(grid);
  const lexicon = new Lexicon();
  const byId = new Map(comparison.changes.map((c) => [c.id.toUpperCase(), c]));
  const directionColumn = tracker.columns.find((c) => c.field === "direction")?.column;
  const ragColumn = tracker.columns.find((c) => c.field === "rag")?.column;
  let column: number;
  let newColumn: DirectionWrites["newColumn"] = null;
  if (directionColumn) column = columnNumber(directionColumn);
  else {
    column = view.lastColumn + 1;
    newColumn = { header: `Direction of travel since ${previousLabel}`, cell: a1(tracker.headerRow, column) };
  }
  const shared = directionColumn !== undefined && directionColumn === ragColumn;
  // A new column's cells look like their row's: aligned like the cell to their left.
  const look = (row: number): CellLook | undefined => (newColumn ? { alignLike: a1(row, column - 1) } : undefined);
  const writes: CellWrite[] = newColumn ? [{ cell: newColumn.cell, text: newColumn.header, look: { alignLike: a1(tracker.headerRow, column - 1), header: true } }] : [];
  for (const a of actions) {
    const change = byId.get(a.id.toUpperCase());
    if (!change) continue;
    const glyph = DIRECTION_GLYPH[change.direction];
    const label = change.direction === "new" ? "new" : `${glyph} ${change.direction === "unchanged" ? "no change" : change.direction}`;
    let text = label;
    if (shared) {
      // Keep the RAG word typed in the same cell: "Green ↑".
      const typed = view.text(a.rows[0], column);
      const rag = typed ? lexicon.splitRagAndDirection(typed).rag : undefined;
      text = rag ? `${rag.canonical} ${glyph}` : glyph;
    }
    const cellLook = look(a.rows[0]);
    writes.push(cellLook ? { cell: a1(a.rows[0], column), text, look: cellLook } : { cell: a1(a.rows[0], column), text });
  }
  return { writes, newColumn };
}

/**
 * The spelling fixes the pane offers: each status or RAG cell whose word is
 * recognised but not spelled the usual way ("Complete", "on-going", "Yellow",
 * "G") or is a near miss ("In progres") gets the usual word, and one with
 * stray spaces ("Completed ") loses them. Only text cells
 * are touched (never a number, date or error), each cell once (a merged cell at
 * its top-left only), and a RAG cell that also holds a direction ("Green ↑") is
 * left as it is. The hosts also leave out cells that hold a formula.
 */
export function spellingWrites(grid: SheetGrid, tracker: Tracker, actions: readonly Action[], lexicon: Lexicon = new Lexicon()): CellWrite[] {
  const view = new GridView(grid);
  const direction = new Set(tracker.columns.filter((c) => c.field === "direction").map((c) => c.column));
  const targets: { column: number; kind: "status" | "rag" }[] = [];
  for (const c of tracker.columns) {
    if (c.field === "status") targets.push({ column: columnNumber(c.column), kind: "status" });
    else if (c.field === "rag" && !direction.has(c.column)) targets.push({ column: columnNumber(c.column), kind: "rag" });
  }
  const out: CellWrite[] = [];
  const seen = new Set<string>();
  for (const a of actions) {
    for (const row of a.rows) {
      for (const t of targets) {
        const cell = a1(row, t.column);
        if (seen.has(cell) || view.isCovered(row, t.column)) continue;
        seen.add(cell);
        const raw = view.raw(row, t.column);
        if (typeof raw !== "string" || !raw.trim()) continue;
        const fixed = usualWord(raw, t.kind, lexicon);
        if (fixed && fixed !== raw) out.push({ cell, text: fixed });
      }
    }
  }
  return out;
}

function usualWord(typed: string, kind: "status" | "rag", lexicon: Lexicon): string | null {
  const match = lexicon.lookup(typed);
  if (match) {
    if (match.kind !== kind) return null;
    // The usual word in another case is left alone (filters ignore case), but not stray spaces, which they do not.
    if (match.exact) return typed === typed.trim() ? null : typed.trim();
    return match.canonical;
  }
  if (kind === "rag" && lexicon.splitRagAndDirection(typed).direction) return null;
  return lexicon.nearMiss(typed, kind);
}
