/**
 * Keeps the ACTIONS functions' tracker fresh: listens for changes to the
 * tracker's sheet (Worksheet.onChanged, ExcelApi 1.7), waits for a burst of
 * edits to end (debounce), re-reads the sheet and publishes the new tracker, so
 * streaming functions recalculate. The functions themselves never call Excel.
 *
 * - Debounce: every change restarts a timer (300 ms by default); when it fires,
 *   one re-read covers the whole burst (a paste, fill-down or a typing spree).
 *   A change that arrives while a re-read is running triggers one more re-read
 *   after it, never two at once.
 * - Full re-read: a change is never applied incrementally. An edit anywhere can
 *   move the header, start a section, fold a row under the action above or turn
 *   a RAG fill into a word, so the reader (loadTracker, in batches sized under
 *   Excel's request limit) runs again and the index is rebuilt from scratch.
 * - The add-in's own writes are ignored, in two ways (a co-author's edit, with
 *   source "Remote", is never taken for one):
 *   1. Excel says so: the event's `triggerSource` is "ThisLocalAddin" (ExcelApi
 *      1.14 and later; any other triggerSource is not ours, even during a write);
 *   2. on older Excel, events that arrive while a write wrapped in
 *      `asOwnWrite(...)` is running, and, since Excel delivers a write's events
 *      after its sync, later events whose every cell is one the write named
 *      (`asOwnWrite(write, { sheet, cells })`: the writes to the tracker's own
 *      cells). A write of the add-in that changes what the tracker says should
 *      publish the result itself, or call `refresh.now()`.
 * - The previous period (for ACTIONS.CHANGE) is kept across re-reads.
 */
import { columnLetter, columnNumber } from "../model";
import type { HeaderOverrides, TrackerReport } from "../model";
import { currentTracker, publishTrackerAsync } from "../shared/store";
import type { PublishedIndex } from "../shared/store";
import { loadTracker } from "./tracker";
import type { Engine } from "../engine/engine";
import type { ReadStats } from "./read";

export const DEFAULT_DEBOUNCE_MS = 300;

/** The timer the debounce uses; tests pass their own. */
export interface RefreshTimers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: RefreshTimers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** What the handler reads of Excel's WorksheetChangedEventArgs. */
export type SheetChange = Pick<Excel.WorksheetChangedEventArgs, "address" | "worksheetId" | "changeType" | "source"> & {
  triggerSource?: string;
};

/** The part of the Excel namespace the refresh path uses (the global Excel unless given). */
export type ExcelRunner = Pick<typeof Excel, "run">;

export interface RefreshOptions {
  /** The tracker's sheet: its name or its id. */
  sheet: string;
  /** The column mapping the user corrected, as used to find the tracker. */
  overrides?: HeaderOverrides;
  debounceMs?: number;
  timers?: RefreshTimers;
  excel?: ExcelRunner;
  /** The engine that reads the sheet again (one in the page unless given). */
  engine?: Engine;
  /** After each re-read has been published. */
  onRefresh?: (result: { report: TrackerReport; snapshot: PublishedIndex | null; stats: ReadStats }) => void;
  /** A re-read that failed (the sheet was deleted, Excel was busy…); the handler stays. */
  onError?: (error: unknown) => void;
}

/** Call it to stop listening (removes the handler); it also carries a few controls. */
export interface TrackerRefresh {
  (): Promise<void>;
  /** Re-read now, without waiting for the debounce (e.g. after the add-in changed the tracker itself). */
  now(): Promise<void>;
  /** Resolves when no re-read is running (a debounce still waiting is not awaited). */
  settled(): Promise<void>;
  /** Re-reads done so far. */
  readonly reads: number;
  /** The id of the sheet being watched. */
  readonly worksheetId: string;
  /**
   * Change events seen for the sheet so far, of any source and kind: this user's, a
   * co-author's ("Remote"), the add-in's own, rows or columns inserted or deleted. The
   * pane's host reuses a grid it read only while this count has not moved (host.ts).
   */
  readonly changes: number;
  /** False once stopped: its count no longer says anything. */
  readonly live: boolean;
}

let ownWrites = 0;

/**
 * The cells of the tracker's sheet the add-in's own writes changed, by sheet
 * name (lower case), whose change events have not come yet. Without
 * triggerSource (before ExcelApi 1.14) Excel delivers a write's events after
 * its sync, when asOwnWrite has returned: an event whose every cell is one of
 * these is the write's (and is crossed off, so a later edit of the same cell
 * is heard).
 */
const expectedOwn = new Map<string, Set<string>>();

/** The cells of an A1 address ("C6", "C6:D8", "$C$6"), or null when there are more than `most`. */
function cellsOf(address: string, most: number): string[] | null {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/i.exec(address.slice(address.lastIndexOf("!") + 1).trim());
  if (!m) return null;
  const [left, right] = [columnNumber(m[1].toUpperCase()), columnNumber((m[3] ?? m[1]).toUpperCase())];
  const [top, bottom] = [Number(m[2]), Number(m[4] ?? m[2])];
  if ((bottom - top + 1) * (right - left + 1) > most) return null;
  const out: string[] = [];
  for (let r = top; r <= bottom; r++) for (let c = left; c <= right; c++) out.push(`${columnLetter(c)}${r}`);
  return out;
}

/** Whether a change event (without triggerSource) is, cell for cell, a late event of an own write on one of these sheet names; crosses its cells off. */
function isLateOwnChange(sheetNames: Iterable<string>, address: string): boolean {
  for (const name of sheetNames) {
    const cells = expectedOwn.get(name.toLowerCase());
    if (!cells || cells.size === 0) continue;
    const changed = cellsOf(address, cells.size);
    if (!changed || !changed.every((c) => cells.has(c))) continue;
    for (const c of changed) cells.delete(c);
    return true;
  }
  return false;
}

/**
 * Run a write of the add-in's own (formatting, snapshot, fixes) so that the
 * change events it raises do not trigger a re-read on Excel versions that do
 * not report `triggerSource`. A write to the tracker's own cells names them
 * (`changes`): their events may come after the write has returned.
 */
export async function asOwnWrite<T>(write: () => Promise<T>, changes?: { sheet: string; cells: readonly string[] }): Promise<T> {
  ownWrites++;
  // A new write on the sheet replaces what an earlier one left expected.
  if (changes) expectedOwn.set(changes.sheet.toLowerCase(), new Set(changes.cells.map((c) => c.replace(/\$/g, "").toUpperCase())));
  try {
    return await write();
  } finally {
    ownWrites--;
  }
}

/**
 * True when a change event comes from the add-in's own writes. A co-author's
 * edit (source "Remote") never does; where Excel reports `triggerSource`
 * (ExcelApi 1.14+) it says; only without it is an event during an own write
 * taken for the write's.
 */
export function isOwnChange(change: Pick<SheetChange, "triggerSource" | "source">): boolean {
  if (change.source === "Remote") return false;
  if (change.triggerSource !== undefined) return change.triggerSource === "ThisLocalAddin";
  return ownWrites > 0;
}

/**
 * Start watching the tracker's sheet: one Excel.run to register the handler.
 * Returns the disposer (which removes the handler in one more Excel.run).
 */
export async function watchTracker(options: RefreshOptions): Promise<TrackerRefresh> {
  const excel = options.excel ?? Excel;
  const timers = options.timers ?? realTimers;
  const debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;

  let timer: unknown = null;
  let reading: Promise<void> | null = null;
  let again = false;
  let disposed = false;
  let reads = 0;
  let changes = 0;
  let worksheetId = "";
  /** The names this sheet has had: a tracker published under another name is another sheet's. */
  const names = new Set<string>();

  const reread = async (): Promise<void> => {
    try {
      const { report, stats } = await excel.run({ delayForCellEdit: true }, (context) =>
        loadTracker(context, { sheet: worksheetId, overrides: options.overrides, engine: options.engine }),
      );
      if (disposed) return;
      // The pane may have published another sheet's tracker meanwhile (its watch replaces this one soon).
      const current = currentTracker();
      if (current && !names.has(current.sheet)) return;
      if (report.tracker) names.add(report.tracker.sheet);
      reads++;
      const previous = current?.previous?.actions ?? null;
      const snapshot = await publishTrackerAsync(report, previous);
      options.onRefresh?.({ report, snapshot, stats });
    } catch (err) {
      if (!disposed) options.onError?.(err);
    }
  };

  const fire = (): void => {
    timer = null;
    if (disposed) return;
    if (reading) {
      again = true;
      return;
    }
    reading = reread().finally(() => {
      reading = null;
      if (again && !disposed) {
        again = false;
        fire();
      }
    });
  };

  const schedule = (): void => {
    if (timer !== null) timers.clear(timer);
    timer = timers.set(fire, debounceMs);
  };

  const onChanged = async (change: SheetChange): Promise<void> => {
    if (disposed || change.worksheetId !== worksheetId) return;
    // Counted before the own-write filter: the add-in's own writes change the grid too.
    changes++;
    if (isOwnChange(change)) return;
    // Without triggerSource, an own write's events may come after it returned: its cells say so.
    if (change.source !== "Remote" && change.triggerSource === undefined && isLateOwnChange(names, change.address)) return;
    schedule();
  };

  const registration = await excel.run({ delayForCellEdit: true }, async (context) => {
    const sheet = context.workbook.worksheets.getItem(options.sheet);
    sheet.load("id,name");
    const result = sheet.onChanged.add(onChanged);
    await context.sync();
    worksheetId = sheet.id;
    names.add(sheet.name);
    return result;
  });

  const settled = async (): Promise<void> => {
    while (reading) await reading;
  };

  const dispose = async (): Promise<void> => {
    if (disposed) return;
    disposed = true;
    if (timer !== null) timers.clear(timer);
    timer = null;
    try {
      await excel.run(registration.context, async (context) => {
        registration.remove();
        await context.sync();
      });
    } catch (err) {
      // The sheet was deleted (Excel answers ItemNotFound for its handler) or the workbook is gone:
      // the handler went with it. Stopping must not fail, or the next watch could never start.
      options.onError?.(err);
    }
  };

  const now = async (): Promise<void> => {
    if (timer !== null) timers.clear(timer);
    timer = null;
    await settled();
    if (!disposed) {
      reading = reread().finally(() => {
        reading = null;
      });
      await reading;
    }
  };

  // defineProperties, not Object.assign: the getters must stay live.
  return Object.defineProperties(dispose, {
    now: { value: now },
    settled: { value: settled },
    reads: { get: () => reads },
    worksheetId: { get: () => worksheetId },
    changes: { get: () => changes },
    live: { get: () => !disposed },
  }) as TrackerRefresh;
}

let active: TrackerRefresh | null = null;
/** Starts and stops run one after the other, so that two quick calls never leave two handlers. */
let queue: Promise<unknown> = Promise.resolve();

function queued<T>(step: () => Promise<T>): Promise<T> {
  const next = queue.then(step);
  queue = next.catch(() => undefined);
  return next;
}

async function stopActive(): Promise<void> {
  const previous = active;
  active = null;
  if (previous) await previous();
}

/**
 * The shared runtime watches one tracker at a time: the one the pane read last.
 * Stops watching the previous one, then watches this one.
 */
export function keepTrackerFresh(options: RefreshOptions): Promise<TrackerRefresh> {
  return queued(async () => {
    await stopActive();
    active = await watchTracker(options);
    return active;
  });
}

/** The watch in place once every start and stop asked for so far has run (null when none). */
export function watchedTracker(): Promise<TrackerRefresh | null> {
  return queued(() => Promise.resolve(active));
}

export function stopKeepingTrackerFresh(): Promise<void> {
  return queued(stopActive);
}

/**
 * Re-read the watched tracker now: for the add-in's own writes that change what
 * the tracker says (e.g. directions of travel written from a comparison), which
 * the watch ignores on purpose.
 */
export function refreshTrackerNow(): Promise<void> {
  return queued(async () => {
    await active?.now();
  });
}
