/**
 * The Panel Summary's tables as the paper's tables: the columns declared for
 * the paper (`inPaper`), chosen by their keys, at their declared shares; and
 * the one table only the paper has, actions by theme and RAG, for a tracker
 * that has a RAG and no status.
 */
import type { Action } from "../issues/schema";
import type { Colours } from "../plans/formatting";
import { RAGS } from "../words/vocabulary";
import type { Rag } from "../words/vocabulary";
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

/** Actions by theme and RAG: Red, Amber and Green always, Blue, White and "No RAG rating" when some action has them. */
export function ragByThemeTable(actions: readonly Action[], caption: string): PaperTable {
  const byTheme = new Map<string, Record<Rag | "Not set", number>>();
  const zero = () => Object.fromEntries([...RAGS, "Not set"].map((r) => [r, 0])) as Record<Rag | "Not set", number>;
  const all = zero();
  for (const a of actions) {
    const row = byTheme.get(themeOf(a)) ?? zero();
    row[a.rag ?? "Not set"]++;
    all[a.rag ?? "Not set"]++;
    byTheme.set(themeOf(a), row);
  }
  const shown = ([...RAGS, "Not set"] as const).filter((r) => r === "Red" || r === "Amber" || r === "Green" || all[r] > 0);
  const line = (name: string, counts: Record<Rag | "Not set", number>, total?: boolean): PaperCell[] => [
    paperCell(name, undefined, total),
    ...shown.map((r) => paperCell(counts[r], undefined, total)),
    paperCell(shown.reduce((s, r) => s + counts[r], 0), undefined, total),
  ];
  return {
    caption,
    header: ["Theme", ...shown.map((r) => (r === "Not set" ? "No RAG rating" : r)), "All actions"],
    rows: [...[...byTheme].map(([theme, counts]) => line(theme, counts)), line("All themes", all, true)],
    widths: paperWidths([{ paperWidth: 30 }, ...shown.map(() => ({})), {}]),
    rowHeaders: true,
  };
}
