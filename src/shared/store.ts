/**
 * The tracker the shared runtime holds for the ACTIONS functions: set by the
 * Office.js adapter (src/excel) when it reads the workbook, read by the
 * functions (src/functions) with no Excel call. Neither side owns it, so it
 * lives here. Subscribers (streaming functions) hear of every change.
 */
import { ActionIndex } from "../model";
import type { Action, KeptPeriodActions, TrackerReport } from "../model";

/** The tracker published for the functions: its actions indexed, and the previous period's. */
export interface PublishedIndex {
  sheet: string;
  index: ActionIndex;
  /** The previous period's index (from the snapshots), when there is one. */
  previous: ActionIndex | null;
}

type Listener = (published: PublishedIndex | null) => void;

let current: PublishedIndex | null = null;
const listeners = new Set<Listener>();

export function currentTracker(): PublishedIndex | null {
  return current;
}

/** Counts publications: a slow publishTrackerAsync never overwrites a newer one. */
let generation = 0;

/** How many trackers have been published so far (to tell whether one came meanwhile). */
export function publications(): number {
  return generation;
}

/** Make `published` the tracker the functions see, and tell the streaming ones. */
function commit(published: PublishedIndex | null): PublishedIndex | null {
  current = published;
  for (const l of [...listeners]) l(current);
  return current;
}

export function publishTracker(report: TrackerReport, previous: readonly Action[] | null = null): PublishedIndex | null {
  generation++;
  return commit(
    report.tracker ? { sheet: report.tracker.sheet, index: new ActionIndex(report.actions), previous: previous ? new ActionIndex(previous) : null } : null,
  );
}

/** Actions indexed per slice by publishTrackerAsync: a few milliseconds of the page's time each. */
const INDEX_SLICE = 500;

async function indexInSlices(actions: readonly Action[]): Promise<ActionIndex> {
  const index = new ActionIndex();
  for (let from = 0; from < actions.length; from += INDEX_SLICE) {
    index.add(actions.slice(from, from + INDEX_SLICE));
    if (from + INDEX_SLICE < actions.length) await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return index;
}

/**
 * publishTracker for a big tracker in the page: the index is built a slice at
 * a time, between which the page stays responsive; the functions keep the
 * tracker they had until the new one is complete.
 */
export async function publishTrackerAsync(report: TrackerReport, previous: readonly Action[] | null = null): Promise<PublishedIndex | null> {
  if (!report.tracker) return publishTracker(report, previous);
  const mine = ++generation;
  const index = await indexInSlices(report.actions);
  const before = previous ? await indexInSlices(previous) : null;
  // Another tracker was published while this one was being indexed: the newer one stays.
  if (mine !== generation) return current;
  return commit({ sheet: report.tracker.sheet, index, previous: before });
}

export function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function listenerCount(): number {
  return listeners.size;
}

/**
 * The periods kept before this one, for ACTIONS.HISTORY: set by a host that
 * has read them (the snapshots), for the tracker of one sheet, with this
 * period's label. Kept apart from the index, which is published again on
 * every edit; the functions pair them by sheet.
 */
export interface PublishedHistory {
  sheet: string;
  /** This period's label: a snapshot of it gives way to the tracker as it is now. */
  period: string;
  earlier: readonly KeptPeriodActions[];
}

/** The label of the tracker as it is now, when no host has named its period. */
export const NOW = "Now";

let history: PublishedHistory | null = null;

/** The periods kept of the tracker published, when a host gave them for its sheet. */
export function keptHistory(): PublishedHistory | null {
  return history && current && history.sheet === current.sheet ? history : null;
}

/** Give the functions the periods kept before this one (null: none), and tell the streaming ones. */
export function publishHistory(kept: PublishedHistory | null): void {
  history = kept;
  for (const l of [...listeners]) l(current);
}
