/**
 * Progress over time: the trend across every period the workbook keeps,
 * oldest first. A period is its label and what it knew of each action (status,
 * RAG and, when kept, its update or the update's fingerprint); it comes from
 * the snapshots the add-in takes, from the period columns of one sheet
 * ("Status June 2021", "Q3 RAG"), or from earlier workbooks (the CLI's
 * --history). Per period: the counts by status and by RAG, the share complete
 * and how many actions were updated since the period before.
 * Pure: hosts read the periods and hand them in.
 */
import type { SheetGrid } from "../sheet/grid";
import type { HeaderOverrides } from "../words/headers";
import { STATUS_KEYS, listedStatus } from "../words/vocabulary";
import type { RagCounts, StatusKey } from "../words/vocabulary";
import type { Tracker } from "../issues/schema";
import { readTracker } from "../reader/tracker";
import type { Words } from "../reader/words-sheet";
import { periodInHeader } from "../reader/periods";
import type { PeriodField } from "../reader/periods";
import { countRags, countStatuses } from "./counts";
import type { PeriodAction } from "./direction";
import { previousFingerprint, updateFingerprint } from "./updates";
import type { Snapshot } from "./snapshot";

/** One kept period: its label and what it knew of each action. */
export interface KeptPeriodActions {
  label: string;
  actions: readonly PeriodAction[];
}

/** One period of the history. */
export interface HistoryEntry {
  label: string;
  /** How many actions it had. */
  actions: number;
  status: Record<StatusKey, number>;
  rag: RagCounts;
  /** The share of its actions Completed, from 0 to 1 (three decimals); 0 for a period with no actions. */
  shareComplete: number;
  /**
   * How many of its actions have an update different from the period before's;
   * null for the oldest period, and when either period kept no update (the
   * period columns of one sheet share one update column; a snapshot taken
   * before fingerprints were kept).
   */
  updated: number | null;
}

/** The history, and whether it is in time order or in the order given (labels that name no month or quarter). */
export interface History {
  entries: HistoryEntry[];
  order: "time" | "given";
}

/** "June 2021", "Q3 2021/22": the order a period label sorts in, or null when it names no period. */
export function periodOrder(label: string): { order: number; kind: string } | null {
  const p = periodInHeader(label);
  return p ? { order: p.order, kind: p.kind } : null;
}

const key = (id: string) => id.trim().toUpperCase();

/** Each action's update fingerprint, by reference; null when the period kept no update (none known, or every one empty). */
function fingerprints(actions: readonly PeriodAction[]): Map<string, string> | null {
  const out = new Map<string, string>();
  const empty = updateFingerprint("");
  let any = false;
  for (const a of actions) {
    const f = previousFingerprint(a);
    if (f === null) continue;
    if (f !== empty) any = true;
    if (!out.has(key(a.id))) out.set(key(a.id), f);
  }
  return any ? out : null;
}

/** How many actions of `now` have an update different from `before`'s (those in both, with both known), or null. */
function updatedSince(before: readonly PeriodAction[], now: readonly PeriodAction[]): number | null {
  const was = fingerprints(before);
  const is = fingerprints(now);
  if (!was || !is) return null;
  let n = 0;
  for (const [id, f] of is) {
    const w = was.get(id);
    if (w !== undefined && w !== f) n++;
  }
  return n;
}

/**
 * The history of some kept periods, in time order when every label names a
 * period of one kind (months, or quarters), else in the order given. A label
 * given twice keeps the last one given (a host gives this period's own reading
 * last, over its snapshot).
 */
export function buildHistory(periods: readonly KeptPeriodActions[]): History {
  const byLabel = new Map<string, KeptPeriodActions>();
  for (const p of periods) {
    byLabel.delete(p.label);
    byLabel.set(p.label, p);
  }
  let list = [...byLabel.values()];
  const orders = list.map((p) => periodOrder(p.label));
  const timed = orders.every((o) => o !== null) && orders.every((o) => o!.kind === orders[0]!.kind);
  if (timed) {
    const at = new Map(list.map((p, i) => [p, orders[i]!.order]));
    list = [...list].sort((a, b) => at.get(a)! - at.get(b)!);
  }
  const entries = list.map((p, i): HistoryEntry => {
    const status = countStatuses(p.actions);
    const n = p.actions.length;
    return {
      label: p.label,
      actions: n,
      status,
      rag: countRags(p.actions),
      shareComplete: n ? Math.round((status.Completed / n) * 1000) / 1000 : 0,
      updated: i === 0 ? null : updatedSince(list[i - 1].actions, p.actions),
    };
  });
  return { entries, order: timed ? "time" : "given" };
}

/** What a period knew of an action that was read from a sheet: its reference, status, RAG and update. */
export function periodActions(actions: readonly { id: string; status: PeriodAction["status"]; rag: PeriodAction["rag"]; update?: string }[]): PeriodAction[] {
  return actions.map((a) => ({ id: a.id, status: a.status, rag: a.rag, ...(a.update !== undefined ? { update: a.update } : {}) }));
}

/** The kept periods of the snapshots, with this period's own reading in place of its snapshot (given last). */
export function snapshotPeriods(snapshots: readonly Snapshot[], current: KeptPeriodActions): KeptPeriodActions[] {
  return [...snapshots.filter((s) => s.period !== current.label).map((s) => ({ label: s.period, actions: s.actions })), current];
}

/** The corrections that read a sheet that keeps several periods as one of them: its status and RAG columns. */
function overridesFor(tracker: Tracker, label: string): Partial<Record<PeriodField, string | null>> {
  const out: Partial<Record<PeriodField, string | null>> = {};
  const columns = tracker.periods?.columns ?? [];
  for (const field of ["status", "rag"] as const) {
    if (!columns.some((c) => c.field === field)) continue;
    out[field] = columns.find((c) => c.field === field && c.period === label)?.column ?? null;
  }
  return out;
}

/**
 * The periods a sheet keeps side by side, up to this period, each read with
 * its own status and RAG columns ("Status June 2021", "Q1 RAG … Q3 RAG").
 * Their updates are this period's cells, so only this period's are handed on
 * (no period before it is compared). A period whose columns hold nothing (a
 * quarter still to come) is left out. Null when the sheet keeps one period.
 */
export function periodsInSheet(grid: SheetGrid, tracker: Tracker, current: KeptPeriodActions, words: Words, overrides?: HeaderOverrides): KeptPeriodActions[] | null {
  const kept = tracker.periods;
  if (!kept) return null;
  const labels = [...new Set(kept.columns.map((c) => c.period))];
  const upTo = labels.indexOf(kept.current);
  const out: KeptPeriodActions[] = [];
  for (const label of labels.slice(0, upTo < 0 ? labels.length : upTo)) {
    const read = readTracker(grid, { overrides: { ...overrides, ...overridesFor(tracker, label) }, lexicon: words.lexicon });
    if (!read.tracker) continue;
    const actions = read.actions.map((a) => ({ id: a.id, status: a.status, rag: a.rag }));
    if (actions.every((a) => a.status === null && a.rag === null)) continue;
    out.push({ label, actions });
  }
  return [...out, current];
}

/** The statuses a history shows: each usual one, and any other some period has. */
export function historyStatuses(entries: readonly HistoryEntry[]): StatusKey[] {
  return STATUS_KEYS.filter((s) => listedStatus(s, Math.max(0, ...entries.map((e) => e.status[s]))));
}
