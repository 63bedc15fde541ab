/**
 * Snapshots: at the end of each period the add-in records every action's
 * status, RAG and direction in a sheet it owns (append-only, one row per action
 * per period), so the next period can be compared with it. The last column
 * keeps a fingerprint of each action's update (updates.ts), not its text, so
 * the next period can tell which updates are new; snapshots taken before it
 * existed have the column empty, and their updates are "not compared".
 */
import { GridView, SheetGrid, cellText } from "../sheet/grid";
import { blankAction } from "../issues/schema";
import type { Action } from "../issues/schema";
import type { PeriodAction } from "./direction";
import { Lexicon } from "../words/vocabulary";
import { updateFingerprint } from "./updates";

export const SNAPSHOT_SHEET = "Delivery plan snapshots";
export const SNAPSHOT_HEADER = ["Period", "Taken", "Reference", "Status", "RAG", "Direction", "Tracker sheet", "Update fingerprint"] as const;
/** The snapshot sheet's last column (A:H). */
export const SNAPSHOT_LAST_COLUMN = "H";

export interface Snapshot {
  period: string;
  taken: string;
  actions: PeriodAction[];
}

/** The rows to append for one period (all text: dates as ISO "2026-11-23"). */
export function snapshotRows(period: string, taken: Date, sheet: string, actions: readonly Action[]): string[][] {
  const date = taken.toISOString().slice(0, 10);
  return actions.map((a) => [period, date, a.id, a.status ?? "", a.rag ?? "", a.direction ?? "", sheet, updateFingerprint(a.update)]);
}

/** Read the snapshot sheet back: one Snapshot per period, in the order taken. */
export function readSnapshots(grid: SheetGrid): Snapshot[] {
  const view = new GridView(grid);
  const lexicon = new Lexicon();
  const periods = new Map<string, Snapshot>();
  for (let r = view.firstRow; r <= view.lastRow; r++) {
    const cells = SNAPSHOT_HEADER.map((_, i) => cellText(view.raw(r, view.firstColumn + i)));
    const [period, taken, id, status, rag, , , fingerprint] = cells;
    if (!period || !id || (period === SNAPSHOT_HEADER[0] && id === SNAPSHOT_HEADER[2])) continue;
    const snap = periods.get(period) ?? { period, taken, actions: [] };
    snap.actions.push({
      id,
      status: status ? (lexicon.status(status)?.canonical ?? null) : null,
      rag: rag ? (lexicon.rag(rag)?.canonical ?? null) : null,
      ...(fingerprint ? { updateFingerprint: fingerprint } : {}),
    });
    periods.set(period, snap);
  }
  return [...periods.values()];
}

/**
 * What a snapshot knew, as actions (for the ACTIONS functions' index of the
 * previous period): reference, status and RAG; nothing else was recorded.
 */
export function snapshotActions(snapshot: Snapshot): Action[] {
  return snapshot.actions.map((p, i) => blankAction(p.id, [i + 1], { status: p.status, rag: p.rag, ragSource: p.rag ? "text" : null }));
}
