/**
 * How the cells of a column the add-in adds look (the model's CellWrite.look: the direction of travel's column,
 * `format --write-directions`' twin): each aligned like the tracker's cell to its left (an arrow level with its
 * action, not at the foot of a top-aligned row), and the header a style of its own, never the header row's
 * (trackers often give it white text with the fill only on their own cells: white on nothing). Black bold on light
 * grey, as the CLI writes it (OWN_HEADER_COLOURS).
 *
 * The alignments are read in one request (getCellProperties on the column to the left, ExcelApi 1.9), which rides
 * with the write's own round trips; they are set in runs of rows that share them, in one more round trip: a
 * constant number whatever the number of rows.
 */
import { OWN_HEADER_COLOURS, columnLetter, parseA1Range } from "../model";
import type { CellLooks } from "../engine/engine";

interface Alignment {
  horizontal: Excel.HorizontalAlignment | `${Excel.HorizontalAlignment}`;
  vertical: Excel.VerticalAlignment | `${Excel.VerticalAlignment}`;
  wrap: boolean;
}

const ALIGNMENT: Excel.CellPropertiesLoadOptions = { format: { horizontalAlignment: true, verticalAlignment: true, wrapText: true } };

function rowColumn(cell: string): { row: number; column: number } {
  const r = parseA1Range(cell);
  if (!r) throw new Error(`Not a cell: ${cell}`);
  return { row: r.top, column: r.left };
}

/** "F5:F9": a part of one column. */
function columnPart(column: number, top: number, bottom: number): string {
  const letter = columnLetter(column);
  return top === bottom ? `${letter}${top}` : `${letter}${top}:${letter}${bottom}`;
}

/** Queue the read of the alignments the looks copy; after the next sync, the function gives each look's. */
export function queueAlignments(ws: Excel.Worksheet, looks: CellLooks): () => Map<string, Alignment> {
  if (looks.length === 0) return () => new Map();
  const sources = looks.map((l) => rowColumn(l.look.alignLike));
  const column = sources[0].column;
  const top = Math.min(...sources.map((s) => s.row));
  const bottom = Math.max(...sources.map((s) => s.row));
  const read = ws.getRange(columnPart(column, top, bottom)).getCellProperties(ALIGNMENT);
  return () => {
    const out = new Map<string, Alignment>();
    // Read only after the caller's next sync (the linter cannot see through the callback); a ClientResult needs no load.
    // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read
    const rows = read.value;
    looks.forEach((l, i) => {
      if (sources[i].column !== column) return;
      const f = rows[sources[i].row - top]?.[0]?.format;
      if (f) out.set(l.look.alignLike, { horizontal: f.horizontalAlignment ?? "General", vertical: f.verticalAlignment ?? "Bottom", wrap: f.wrapText === true });
    });
    return out;
  };
}

/** Queue the looks: the header's own style, and each cell's alignment, in runs of consecutive rows that share it. */
export function queueLooks(ws: Excel.Worksheet, looks: CellLooks, aligned: Map<string, Alignment>): void {
  let run: { column: number; top: number; bottom: number; key: string; a: Alignment | undefined; wrap: boolean } | null = null;
  const flush = () => {
    if (!run) return;
    const format = ws.getRange(columnPart(run.column, run.top, run.bottom)).format;
    if (run.a) {
      format.horizontalAlignment = run.a.horizontal;
      format.verticalAlignment = run.a.vertical;
    }
    format.wrapText = run.wrap;
    run = null;
  };
  for (const { cell, look } of looks) {
    const at = rowColumn(cell);
    const a = aligned.get(look.alignLike);
    const wrap = look.header ? true : (a?.wrap ?? false);
    if (look.header) {
      const format = ws.getRange(cell).format;
      format.font.bold = true;
      format.font.color = `#${OWN_HEADER_COLOURS.font}`;
      format.fill.color = `#${OWN_HEADER_COLOURS.fill}`;
    }
    const key = `${a?.horizontal}|${a?.vertical}|${wrap}`;
    if (run && run.column === at.column && run.bottom === at.row - 1 && run.key === key) run.bottom = at.row;
    else {
      flush();
      run = { column: at.column, top: at.row, bottom: at.row, key, a, wrap };
    }
  }
  flush();
}
