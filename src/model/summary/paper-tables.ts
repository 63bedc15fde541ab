/**
 * The Panel Summary's tables as the paper's tables: the columns declared for
 * the paper (`inPaper`), chosen by their keys, at their declared shares; and
 * the one table only the paper has, actions by theme and RAG, for a tracker
 * that has a RAG and no status.
 */
import type { Action } from "../issues/schema";
import type { Colours } from "../plans/formatting";
import type { PaperCell, PaperTable } from "./paper-types";
import type { SummaryColumn, SummaryTable, SummaryValue } from "./types";

function even(n: number): number[] {
  const w = Math.floor(100 / n);
  return Array.from({ length: n }, (_, i) => (i === 0 ? 100 - w * (n - 1) : w));
}

/** The paper's relative widths of some columns: each its declared share, and what is left shared evenly among the others. */
export function paperWidths(columns: readonly Pick<SummaryColumn, "paperWidth">[]): number[] {
  const given = columns.reduce((sum, c) => sum + (c.paperWidth ?? 0), 0);
  const free = columns.filter((c) => c.paperWidth === undefined).length;
  const shares = free ? even(free).map((w) => Math.round((w * Math.max(0, 100 - given)) / 100)) : [];
  let next = 0;
  return columns.map((c) => c.paperWidth ?? shares[next++]);
}

export function paperCell(value: SummaryValue | undefined, colours?: Colours, total?: boolean): PaperCell {
  const cell: PaperCell = { text: value === null || value === undefined || value === "" ? "–" : String(value) };
  if (colours) cell.colours = { fill: colours.fill, font: colours.font };
  if (total) cell.bold = true;
  return cell;
}

/** A table of the Panel Summary as a paper's table: the columns declared for the paper (and not left out), chosen by their keys. */
export function paperTable(t: SummaryTable, caption: string, leaveOut: readonly string[] = []): PaperTable {
  const columns = t.columns.filter((c) => c.inPaper && !leaveOut.includes(c.key));
  return {
    caption,
    header: columns.map((c) => c.header),
    rows: t.rows.map((row) => columns.map((c) => paperCell(row.cells[c.key], row.colours?.[c.key], row.total))),
    widths: paperWidths(columns),
    rowHeaders: t.rowHeaders,
  };
}

/** The theme an action is counted under (as countActions counts it). */
export function themeOf(a: Pick<Action, "theme">): string {
  return a.theme || "(no theme)";
}
