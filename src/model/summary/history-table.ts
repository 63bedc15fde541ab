/**
 * Progress over time as a table of the Panel Summary, declared by its columns
 * as the others are (tables.ts): one row per kept period, oldest first, with
 * the actions by status (by RAG for a tracker that has only a RAG), the share
 * complete and how many actions have a new update since the period before
 * ("Actions updated"; "–" for the oldest). Shown only when the
 * workbook keeps at least two periods.
 */
import type { HistoryEntry } from "../analysis/history";
import { historyStatuses } from "../analysis/history";
import { NOT_SET, RAG_KEYS, RAG_MEANING } from "../words/vocabulary";
import type { RagKey, StatusKey } from "../words/vocabulary";
import type { SummaryColumn, SummaryRow, SummaryTable } from "./types";

type HistoryKey = "period" | StatusKey | `RAG ${RagKey}` | "all" | "complete" | "updated";

/** The RAGs a history shows: Red, Amber and Green always, any other when some period has it. */
function historyRags(entries: readonly HistoryEntry[]): RagKey[] {
  return RAG_KEYS.filter((r) => (r !== NOT_SET && RAG_MEANING[r].usual) || entries.some((e) => (e.rag[r] ?? 0) > 0));
}

/** "50%": a share as the Panel reads it. */
export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** The header of a RAG column (a status and a RAG share the name "Not set"). */
function ragHeader(r: RagKey): string {
  return r === NOT_SET ? "No RAG rating" : r;
}

/**
 * The history table: null with fewer than two periods. `byRag`: a tracker with
 * a RAG and no status, whose periods are counted by RAG in the paper too.
 */
export function historyTable(entries: readonly HistoryEntry[], byRag: boolean, hasRag: boolean): SummaryTable<HistoryKey> | null {
  if (entries.length < 2) return null;
  const statuses = byRag ? [] : historyStatuses(entries);
  const rags = hasRag ? historyRags(entries) : [];
  const updated = entries.some((e) => e.updated !== null);
  const column = (key: HistoryKey, header: string, inPaper: boolean): SummaryColumn<HistoryKey> => ({ key, header, width: 14, inPaper });
  const columns: SummaryColumn<HistoryKey>[] = [
    { key: "period", header: "Period", width: 36, inPaper: true, paperWidth: 20 },
    ...statuses.map((s) => column(s, s, true)),
    // RAG columns are keyed "RAG Red", apart from the statuses; the paper shows them only when it counts by RAG.
    ...rags.map((r) => column(`RAG ${r}`, ragHeader(r), byRag)),
    column("all", "All actions", true),
    column("complete", "Share complete", !byRag),
    ...(updated ? [column("updated", "Actions updated", true)] : []),
  ];
  const rows = entries.map((e, i): SummaryRow<HistoryKey> => {
    const cells: Partial<Record<HistoryKey, string | number | null>> = { period: e.label, all: e.actions, complete: percent(e.shareComplete) };
    for (const s of statuses) cells[s] = e.status[s];
    for (const r of rags) cells[`RAG ${r}`] = e.rag[r] ?? 0;
    if (updated) cells.updated = e.updated ?? (i === 0 ? "–" : "not known");
    return { cells: cells as Record<HistoryKey, string | number | null> };
  });
  return {
    id: "history",
    caption: `Progress over time: actions by ${byRag ? "RAG" : "status"} in each period kept, oldest first`,
    columns,
    rows,
    rowHeaders: true,
    empty: "No earlier period is kept.",
  };
}
