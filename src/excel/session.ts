/**
 * The tracker session: how every pane command reads the tracker, and what is
 * kept from one command to the next. One object per host.
 *
 * A command's read starts with one round trip that carries its riders (a
 * FirstTrip): the session's own — the sheet list, the tracker saved in the
 * workbook and, for the commands that need them, the snapshot periods — and
 * whatever the command queues to ride with them (riders.ts). A tracker read
 * before, and kept (see Kept), costs only that round trip: it also carries the
 * check that nothing changed (unchanged.ts). Otherwise the riders go with the
 * reader's first round trip (its probe of the sheet asked for, or the active
 * one), then come the reader's blocks of ~4 MB; one more round trip only when
 * the tracker saved in the workbook is on another sheet than the one probed,
 * or the snapshot sheet is big. A command that compares loads the rows of the
 * one period compared with (1 round trip, or one per ~4 MB; none when they
 * rode with the check). The grid goes to the engine, which keeps the tracker
 * under PANE for the command's next question.
 */
import { CHANGE_LOG_SHEET, SNAPSHOT_SHEET, snapshotActions, snapshotAsked } from "../model";
import type { SheetGrid, Snapshot, Tracker } from "../model";
import { LATEST } from "../model";
import type { HostError, PeriodColumns, TrackerRequest } from "../shared/host";
import { hostError, isHostError } from "../shared/host";
import { NOW, publishHistory, publishTrackerAsync } from "../shared/store";
import type { Engine } from "../engine/engine";
import { keepTrackerFresh, watchedTracker } from "./refresh";
import type { RefreshTimers, TrackerRefresh } from "./refresh";
import { fingerprintOf, queueUnchangedCheck } from "./unchanged";
import type { ReadFingerprint } from "./unchanged";
import { MERGED_AREAS_UNREAD_WARNING, PROBE_ROWS, readSheetGrid } from "./read";
import type { SheetRead, SheetReadOptions } from "./read";
import { isPayloadTooLarge } from "./blocks";
import { STYLE_FILLS_UNSEEN_WARNING, canReadDisplayedFills, functionsUnsupportedMessage } from "./requirements";
import type { RequirementsApi } from "./requirements";
import { FIRST_LIST_ROWS, PRELOAD_PERIOD_ROWS, loadSnapshotPeriod, loadSnapshots, queuePeriodRows, queueSnapshotList, samePeriodRows } from "./snapshot";
import type { QueuedPeriod, SnapshotListWhere, SnapshotPeriod, SnapshotWhere } from "./snapshot";
import { checkSavedOverrides, overridesFrom, queueSaveTracker, queueSavedTracker, sameSaved, trackerToSave } from "./settings";
import type { OursOnSheet, SavedTracker } from "./settings";

/** The pane's tracker in the engine (the functions' own re-reads use another key). */
export const PANE = "pane";

/** The pane's note when Excel refused to keep the tracker and its mapping in the workbook. */
export const MAPPING_NOT_KEPT =
  "The tracker's sheet and column mapping could not be saved in this workbook (it may be read-only), so the ACTIONS functions and the next Find tracker will not know them until it can be saved. The counts above are not affected.";

/**
 * The first round trip of a command's read: each rider queues its loads every
 * time the round trip is sent (again, when Excel refused it as too large), and
 * reads what came back once it is in. A rider is given the sheet of the kept
 * read when the round trip checks it (what rides only with a read that may be
 * reused), else null.
 */
export class FirstTrip {
  private readonly riders: ((keptSheetId: string | null) => void)[] = [];

  /** Ride with the first round trip; the function returned gives what the last queueing gave. */
  ride<T>(queue: (keptSheetId: string | null) => T): () => T {
    let got: T | undefined;
    this.riders.push((id) => {
      got = queue(id);
    });
    return () => got as T;
  }

  /** Queue every rider (again). */
  queue(keptSheetId: string | null): void {
    for (const rider of this.riders) rider(keptSheetId);
  }
}

/** What a command needs of the periods: nothing, the snapshot list (a snapshot is taken), or the period compared with too. */
export type PeriodNeed = "none" | "list" | "compare";

export interface OpenOptions {
  periods?: PeriodNeed;
  /** Hand the tracker to the ACTIONS functions (with the snapshot compared with). */
  publish?: boolean;
  /**
   * Read every snapshot's rows too (one more bounded read, only when there are snapshots), for the
   * history: handed to the engine with the periods, and to =ACTIONS.HISTORY (publishHistory).
   */
  history?: boolean;
}

/** The tracker as a command finds it; the tracker itself is in the engine (under PANE). */
export interface OpenTracker {
  tracker: Tracker;
  /** True when the tracker read last time was reused (nothing changed since). */
  reused: boolean;
  /** The sheets the user may choose from: visible ones, not the add-in's own. */
  sheets: string[];
  /** Every sheet's name. */
  allSheets: string[];
  /** The snapshot periods (from their Period and Taken columns only) and where the next snapshot's rows go; only when asked for. */
  snapshots: { periods: SnapshotPeriod[]; where: SnapshotWhere } | null;
  /** The snapshot compared with, its rows loaded (the only one loaded). */
  previous: Snapshot | null;
  /** Plain warnings about the read itself (e.g. merged cells that could not be read). */
  warnings: string[];
  /** The mapping corrections in use (the request's, or the ones saved in the workbook). */
  overrides: Record<string, string | null>;
  /** The tracker saved in the workbook, as it is after this read (what a record of the add-in's colours or lists goes into). */
  saved: SavedTracker | null;
  /** Whether the add-in's colours / lists are on the tracker, as recorded in the workbook (a key left out: not known). */
  ours: OursOnSheet;
}

/**
 * A read kept for the next command, with what says it is still good (see
 * unchanged.ts): the watch that was already listening when it was read, and its
 * count of change events then.
 */
interface Kept {
  fingerprint: ReadFingerprint;
  watch: TrackerRefresh;
  changes: number;
  /** The mapping (and the period columns) as the engine read it with. */
  overrides: string;
  /** The period columns chosen and in use (none when the choice could not be used). */
  periodColumns?: PeriodColumns;
  tracker: Tracker;
  /** The first rows, to check saved corrections against (as the reader's probe). */
  probe: SheetGrid;
}

/** The session's own riders: the sheets, the tracker saved in the workbook, and the snapshot list when asked for. */
interface Lists {
  worksheets: Excel.WorksheetCollection;
  saved: () => SavedTracker | null;
  snapshots: (() => { finish: () => Promise<SnapshotListWhere> }) | null;
  /** Whether a round trip Excel refused as too large may be sent again smaller (with fewer snapshot rows). */
  shrinkable: () => boolean;
}

function rideLists(context: Excel.RequestContext, trip: FirstTrip, periods: PeriodNeed): Lists {
  const worksheets = context.workbook.worksheets;
  let listRows = FIRST_LIST_ROWS;
  trip.ride(() => worksheets.load("items"));
  const saved = trip.ride(() => queueSavedTracker(context));
  const snapshots =
    periods === "none"
      ? null
      : trip.ride(() => {
          const list = queueSnapshotList(context, listRows);
          // Sent again only when Excel refused the round trip (the reader halves its probe, this the snapshot rows).
          listRows = Math.max(1, Math.ceil(listRows / 2));
          return list;
        });
  return { worksheets, saved: () => saved()(), snapshots, shrinkable: () => snapshots !== null && listRows > 1 };
}

const visibleSheets = (ws: Excel.WorksheetCollection) => ws.items.filter((s) => s.visibility === "Visible" && s.name !== SNAPSHOT_SHEET).map((s) => s.name);

/**
 * The request as the workbook completes it: finding the tracker afresh (no
 * sheet, no corrections) uses the one saved in the workbook, if its sheet is
 * still there; its corrections are checked against the headers they were made
 * for once the first rows are in.
 */
class SavedRequest {
  request: TrackerRequest;
  saved: SavedTracker | null = null;
  readonly warnings: string[] = [];
  private fromSaved = false;

  constructor(
    private readonly given: TrackerRequest,
    private readonly lists: Lists,
  ) {
    this.request = given;
  }

  /** Once the lists are in: the saved tracker, if the request may use it. */
  resolve(): void {
    const saved = (this.saved = this.lists.saved());
    const g = this.given;
    this.fromSaved = g.sheet === undefined && g.overrides === undefined && saved !== null && visibleSheets(this.lists.worksheets).includes(saved.sheet);
    if (this.fromSaved) this.request = { ...g, sheet: saved!.sheet, overrides: saved!.overrides, ...(saved!.periods ? { periodColumns: saved!.periods } : {}) };
  }

  /** The corrections to read with, the saved ones checked against the first rows. */
  readonly checkOverrides = (probe: SheetGrid) => {
    if (!this.fromSaved) return overridesFrom(this.request.overrides);
    const checked = checkSavedOverrides(this.saved!, probe);
    this.warnings.push(...checked.warnings);
    this.request = { ...this.request, overrides: checked.overrides };
    return overridesFrom(this.request.overrides);
  };

  /** Whether the sheet the reader probed is the one to read (not when the saved tracker is on another). */
  readonly accepts = (found: { name: string } | null) => {
    this.resolve();
    return !this.fromSaved || found === null || found.name.toLowerCase() === this.request.sheet!.toLowerCase();
  };
}

export interface SessionOptions {
  engine: Engine;
  now: () => Date;
  watch: boolean;
  requirements?: RequirementsApi;
  refreshTimers?: RefreshTimers;
}

/** What the check of a kept read brought back with the first round trip. */
interface Checked {
  unchanged: () => boolean;
  activeId: string;
  /** The rows of the periods expected (the one compared with; every one, for the history), when small enough to ride along. */
  preloaded: QueuedPeriod[];
}

export class TrackerSession {
  /** The last read, while it may be reused (the engine holds its tracker under PANE). */
  private kept: Kept | null = null;
  /** The snapshot periods the last read found: the period compared with may then ride with the next first round trip. */
  private lastPeriods: SnapshotPeriod[] | null = null;
  private watching = "";

  constructor(private readonly options: SessionOptions) {}

  /** The tracker changed (a write of ours): the next command reads it again. */
  forget(): void {
    this.kept = null;
  }

  /** The sheet of the kept read, while one is kept. */
  keptSheetId(): string | null {
    return this.kept?.fingerprint.sheetId ?? null;
  }

  /** A snapshot was taken: its period, for the next command's first round trip (checked against the list it brings). */
  snapshotTaken(periods: SnapshotPeriod[]): void {
    this.lastPeriods = periods;
  }

  /** Read the tracker (or reuse the last read), with the riders of `trip`, as the command needs. */
  async open(context: Excel.RequestContext, given: TrackerRequest, trip: FirstTrip, how: OpenOptions = {}): Promise<OpenTracker | HostError> {
    const periods = how.periods ?? "none";
    const listening = this.options.watch ? await watchedTracker() : null;
    const changesBefore = listening?.changes ?? 0;
    const kept = this.kept;
    const candidate = kept && listening?.live && kept.watch === listening && listening.changes === kept.changes ? kept : null;
    const lists = rideLists(context, trip, periods);
    const asked = new SavedRequest(given, lists);
    const asks = candidate && this.lastPeriods && periods === "compare" ? snapshotAsked(given.comparedWith ?? LATEST, this.lastPeriods, given.period) : null;
    // The history wants every period's rows; else only the one compared with.
    const expected = asks && how.history ? this.lastPeriods! : asks ? [asks] : [];
    const checked = candidate ? await checkKept(context, trip, lists, candidate, expected) : null;
    // The check addresses the sheet by its id: it fails when that sheet is gone (or Excel failed). Read afresh.
    if (candidate && !checked) this.kept = null;
    const reuse = candidate && checked ? this.reusable(candidate, checked, asked, lists) : null;
    const read = reuse ? { tracker: reuse.tracker, periodColumns: reuse.periodColumns, mergedAreasUnread: false } : await this.readAfresh(context, trip, asked, lists, { listening, changesBefore, listed: checked !== null });
    if (isHostError(read)) return read;
    const snapshots = lists.snapshots ? await lists.snapshots().finish() : null;
    if (snapshots) this.lastPeriods = snapshots.periods;
    const history = how.history && snapshots && snapshots.periods.length ? await loadHistory(context, snapshots.periods, checked?.preloaded ?? []) : null;
    const previous = snapshots && periods === "compare" ? await loadPrevious(context, asked.request, snapshots.periods, checked?.preloaded ?? [], history) : null;
    if (history) publishHistory({ sheet: read.tracker.sheet, period: asked.request.period ?? NOW, earlier: history.map((k) => ({ label: k.period, actions: k.actions })) });
    const ours = oursRecorded(lists.saved(), read.tracker.sheet, lists.worksheets);
    const saved = reuse ? lists.saved() : await this.saveMapping(context, lists.saved(), asked, read, ours);
    if (periods === "compare") await this.comparePeriods(asked.request, snapshots?.periods ?? [], previous, history);
    if (how.publish) await publishTrackerAsync(await this.options.engine.report({ key: PANE }), previous ? snapshotActions(previous) : null);
    this.watchTracker(read.tracker.sheet, asked.request);
    return {
      tracker: read.tracker,
      reused: reuse !== null,
      sheets: visibleSheets(lists.worksheets),
      allSheets: lists.worksheets.items.map((s) => s.name),
      snapshots,
      previous,
      warnings: this.warnings(asked.warnings, read.tracker, read.mergedAreasUnread),
      overrides: asked.request.overrides ?? {},
      saved,
      ours,
    };
  }

  /** The tracker read last time, if nothing has changed: the same sheet (by id), the same mapping, no change event, the check passed. */
  private reusable(candidate: Kept, checked: Checked, asked: SavedRequest, lists: Lists): Kept | null {
    asked.resolve();
    if (!checked.unchanged()) return null;
    const fp = candidate.fingerprint;
    const request = asked.request;
    const wanted = request.sheet === undefined ? checked.activeId : lists.worksheets.items.find((s) => s.id === request.sheet || s.name.toLowerCase() === request.sheet!.toLowerCase())?.id;
    if (wanted !== fp.sheetId) return null;
    const used = asked.checkOverrides(candidate.probe);
    if (JSON.stringify([used ?? null, asked.request.periodColumns ?? null]) !== candidate.overrides) return null;
    // A mapping that would be saved again (the setting was changed meanwhile) goes through a full read, which saves it.
    if (!sameSaved(asked.saved, trackerToSave(fp.name, asked.request.overrides ?? {}, candidate.tracker, candidate.periodColumns))) return null;
    return candidate;
  }

  /** Read the sheet into the engine; kept for the next command when the watch was listening. */
  private async readAfresh(
    context: Excel.RequestContext,
    trip: FirstTrip,
    asked: SavedRequest,
    lists: Lists,
    at: { listening: TrackerRefresh | null; changesBefore: number; listed: boolean },
  ): Promise<{ tracker: Tracker; periodColumns?: PeriodColumns; mergedAreasUnread: boolean } | HostError> {
    this.kept = null;
    asked.warnings.length = 0;
    const readOptions = (): SheetReadOptions => ({
      sheet: asked.request.sheet,
      overrides: overridesFrom(asked.request.overrides),
      checkOverrides: asked.checkOverrides,
      formulas: at.listening !== null,
      displayedFills: canReadDisplayedFills(this.options.requirements),
    });
    let sheetRead: SheetRead;
    if (at.listed) {
      // The riders came back with the check: the reader's own first round trip.
      sheetRead = await readSheetGrid(context, readOptions());
    } else {
      // The riders go with the reader's first round trip, which probes the sheet asked for (or the active one)...
      sheetRead = await readSheetGrid(context, { ...readOptions(), alongside: () => trip.queue(null), accept: asked.accepts });
      // ...unless the tracker saved in the workbook is on another sheet: that one is read, with a round trip of its own.
      if (sheetRead.rejected) sheetRead = await readSheetGrid(context, readOptions());
    }
    const { grid, overrides, words } = sheetRead;
    const loaded = await this.options.engine.read({ key: PANE, grid, overrides, words, periods: asked.request.periodColumns });
    if (!loaded.ok) {
      const sheets = visibleSheets(lists.worksheets);
      return hostError("no-tracker", { found: loaded.message, otherSheets: sheets.some((s) => s !== grid.name) }, sheets);
    }
    const fingerprint = at.listening?.live && at.listening.worksheetId === sheetRead.shape.sheetId ? fingerprintOf(sheetRead) : null;
    if (fingerprint && at.listening) {
      const probe: SheetGrid = { ...grid, values: grid.values.slice(0, PROBE_ROWS), fills: undefined };
      const mapping = JSON.stringify([overrides ?? null, asked.request.periodColumns ?? null]);
      this.kept = { fingerprint, watch: at.listening, changes: at.changesBefore, overrides: mapping, tracker: loaded.tracker, probe, periodColumns: loaded.periodColumns };
    }
    return { tracker: loaded.tracker, periodColumns: loaded.periodColumns, mergedAreasUnread: sheetRead.stats.mergedAreasUnread === true };
  }

  /**
   * The tracker in use and its mapping are saved in the workbook (for next time, and for the functions):
   * only when they changed, in a sync of its own, so that a read never fails because of a write. A
   * read-only or protected workbook refuses the save: that costs a note, not the read.
   */
  private async saveMapping(
    context: Excel.RequestContext,
    saved: SavedTracker | null,
    asked: SavedRequest,
    read: { tracker: Tracker; periodColumns?: PeriodColumns },
    ours: OursOnSheet,
  ): Promise<SavedTracker | null> {
    const toSave = trackerToSave(read.tracker.sheet, asked.request.overrides ?? {}, read.tracker, read.periodColumns);
    if (sameSaved(saved, toSave)) return saved;
    // What the add-in has on the sheet goes with it (only what is known).
    if (ours.colours !== undefined || ours.lists !== undefined) toSave.formatted = ours;
    queueSaveTracker(context, toSave);
    try {
      await context.sync();
      return toSave;
    } catch {
      asked.warnings.push(MAPPING_NOT_KEPT);
      return saved;
    }
  }

  /** This period's label and the period compared with, to the engine (which resolves it, once). */
  private async comparePeriods(request: TrackerRequest, periods: readonly SnapshotPeriod[], loaded: Snapshot | null, kept: readonly Snapshot[] | null): Promise<void> {
    const given = { comparedWith: request.comparedWith ?? LATEST, snapshots: periods.map((p) => p.period), loaded, ...(request.period ? { period: request.period } : {}), ...(kept ? { kept } : {}) };
    await this.options.engine.comparePeriods({ key: PANE, periods: given });
  }

  /** Keep the ACTIONS functions fresh as the tracker's sheet is edited: a second, separate batch that only registers a change handler; its failure is not the user's problem. */
  private watchTracker(sheet: string, request: TrackerRequest): void {
    if (!this.options.watch) return;
    const key = JSON.stringify([sheet, request.overrides ?? {}]);
    if (key === this.watching) return;
    this.watching = key;
    const { refreshTimers: timers, engine } = this.options;
    keepTrackerFresh({ sheet, overrides: overridesFrom(request.overrides), timers, engine }).catch(() => {
      this.watching = "";
    });
  }

  private warnings(saved: readonly string[], tracker: Tracker, mergedAreasUnread: boolean): string[] {
    const requirements = this.options.requirements ?? Office.context.requirements;
    const noFunctions = functionsUnsupportedMessage(requirements);
    const fillsUnseen = !canReadDisplayedFills(this.options.requirements) && tracker.columns.some((c) => c.field === "rag");
    return [...saved, ...(mergedAreasUnread ? [MERGED_AREAS_UNREAD_WARNING] : []), ...(fillsUnseen ? [STYLE_FILLS_UNSEEN_WARNING] : []), ...(noFunctions ? [noFunctions] : [])];
  }
}

/**
 * Whether the add-in's colours and lists are on the tracker's sheet, from what the first round trip brought:
 * the record kept with the saved tracker when it is this sheet's; none of ours in a workbook the add-in has
 * never saved a tracker in and the command line has not written in (it leaves a "Change log" sheet);
 * otherwise not known (a workbook formatted before the record was kept, or the saved tracker is another sheet).
 */
export function oursRecorded(saved: SavedTracker | null, sheet: string, worksheets: Excel.WorksheetCollection): OursOnSheet {
  if (saved) return saved.sheet.toLowerCase() === sheet.toLowerCase() && saved.formatted ? { ...saved.formatted } : {};
  const logged = worksheets.items.some((s) => s.name.toLowerCase().startsWith(CHANGE_LOG_SHEET.toLowerCase()));
  return logged ? {} : { colours: false, lists: false };
}

/**
 * The first round trip of a read that may reuse the kept one: the riders, the
 * check that nothing changed, the active sheet's id and, when small, the rows of
 * the period expected to be compared with (of every period, for the history). Null when the check failed.
 */
async function checkKept(context: Excel.RequestContext, trip: FirstTrip, lists: Lists, kept: Kept, expected: readonly SnapshotPeriod[]): Promise<Checked | null> {
  try {
    for (;;) {
      trip.queue(kept.fingerprint.sheetId);
      const rows = expected.reduce((n, p) => n + p.rows, 0);
      const preloaded = expected.length && rows <= PRELOAD_PERIOD_ROWS ? expected.map((p) => queuePeriodRows(context, p)) : [];
      const unchanged = queueUnchangedCheck(context, kept.fingerprint);
      const active = context.workbook.worksheets.getActiveWorksheet();
      active.load("id");
      try {
        // eslint-disable-next-line office-addins/no-context-sync-in-loop
        await context.sync();
        return { unchanged, activeId: active.id, preloaded };
      } catch (err) {
        // Sent again, with fewer snapshot rows, only when Excel refused it as too large.
        if (!isPayloadTooLarge(err) || !lists.shrinkable()) throw err;
      }
    }
  } catch {
    return null;
  }
}

/**
 * Every snapshot's rows, for the history: those that rode with the first round trip when it listed
 * every period in the very same rows, else read now (one more bounded read).
 */
async function loadHistory(context: Excel.RequestContext, periods: readonly SnapshotPeriod[], preloaded: readonly QueuedPeriod[]): Promise<Snapshot[]> {
  const rode = periods.map((p) => preloaded.find((q) => samePeriodRows(q.period, p)));
  if (rode.every((q) => q !== undefined)) return Promise.all(rode.map((q) => q!.finish()));
  return (await loadSnapshots(context, periods)).snapshots;
}

/** The rows of the snapshot compared with: those read for the history, or that rode with the first round trip if it listed the period in the same rows, else read now. */
async function loadPrevious(
  context: Excel.RequestContext,
  request: TrackerRequest,
  periods: readonly SnapshotPeriod[],
  preloaded: readonly QueuedPeriod[],
  kept: readonly Snapshot[] | null,
): Promise<Snapshot | null> {
  const chosen = snapshotAsked(request.comparedWith ?? LATEST, periods, request.period);
  if (!chosen) return null;
  const read = kept?.find((k) => k.period === chosen.period);
  if (read) return read;
  const rode = preloaded.find((p) => samePeriodRows(p.period, chosen));
  if (rode) return rode.finish();
  return (await loadSnapshotPeriod(context, chosen)).snapshot;
}
