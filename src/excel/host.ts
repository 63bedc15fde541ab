/**
 * The task pane's view of Excel (TaskpaneHost): every method runs one
 * Excel.run batch (delayForCellEdit: it waits while the user is typing in a
 * cell) with a constant number of round trips for a small tracker — one more
 * per ~2 MB of data for a big one (tracker rows, snapshot rows), never one per
 * row — and returns plain data. React components get this object as a prop,
 * so they can be tested without Excel.
 *
 * Writes to the user's tracker (RAG words, directions) happen only with a
 * confirmed preview: the method recomputes the changes in its own batch and
 * refuses when they differ from what the user confirmed.
 */
import { SNAPSHOT_SHEET, SUMMARY_MARK, FIELD_LABEL, WORDS_SHEET, chosenPeriod, snapshotActions } from "../model";
import type { HeaderOverrides, SheetGrid, Snapshot, Tracker } from "../model";
import { SHEET_PREVIOUS, isHostError, sameChanges } from "../shared/host";
import type { CellChange, HostError, HostResult, OwnWord, PeriodColumns, SnapshotInfo, TaskpaneHost, TrackerRequest, UndoToken, ValidationDone } from "../shared/host";
import { publishTrackerAsync } from "../shared/store";
import { inlineEngine } from "../engine/engine";
import type { Engine } from "../engine/engine";
import { asOwnWrite, keepTrackerFresh, refreshTrackerNow, watchedTracker } from "./refresh";
import type { RefreshTimers, TrackerRefresh } from "./refresh";
import { fingerprintOf, queueUnchangedCheck } from "./unchanged";
import type { ReadFingerprint } from "./unchanged";
import { applyFormatting, queueRuleList, removeFormatting } from "./formatting";
import { applyValidation, queueValidationProbe, removeValidation } from "./validation";
import type { QueuedProbe, ValidationDoneInExcel } from "./validation";
import { MERGED_AREAS_UNREAD_WARNING, PROBE_ROWS, WORDS_RANGE, readSheetGrid } from "./read";
import type { SheetRead } from "./read";
import { isPayloadTooLarge } from "./blocks";
import { ownWordChanges } from "./own-words";
import { fromOfficeValue } from "../shared/values";
import { STYLE_FILLS_UNSEEN_WARNING, canReadDisplayedFills, functionsUnsupportedMessage, unsupportedMessage } from "./requirements";
import { FIRST_LIST_ROWS, PRELOAD_PERIOD_ROWS, listSnapshotPeriods, loadSnapshotPeriod, queuePeriodRows, queueSnapshotList, samePeriodRows, writeSnapshotRows } from "./snapshot";
import type { QueuedPeriod, SnapshotPeriod, SnapshotWhere } from "./snapshot";
import { writePanelSummary } from "./summary";
import type { SummarySheets } from "./summary";
import { queueTextWrites } from "./write";
import { readCells, writeCellsInBlocks } from "./cells";
import { cellList } from "../shared/words";
import { PartWrittenError, commandFailure } from "./failures";
import { checkSavedOverrides, overridesFrom, queueSaveTracker, queueSavedTracker, sameSaved, trackerToSave } from "./settings";
import type { SavedTracker } from "./settings";

/** The pane's tracker in the engine (the functions' own re-reads use another key). */
const PANE = "pane";

type RequirementsApi = Parameters<typeof unsupportedMessage>[0];

/** "Panel paper Q3 2026-27.docx": the period, without the characters a file name cannot hold. */
export function paperFileName(period: string): string {
  const safe = period.replace(/[\\/:*?"<>|]+/g, "-").replace(/\s+/g, " ").trim().slice(0, 80);
  return `Panel paper ${safe || "this period"}.docx`;
}

export interface ExcelHostOptions {
  /** Office.context.requirements unless given (tests). */
  requirements?: RequirementsApi;
  /** Today, for overdue checks and snapshot dates (tests fix it). */
  now?: () => Date;
  /** Keep the ACTIONS functions fresh as the tracker's sheet is edited (default true). */
  watch?: boolean;
  /** The engine (the pane's bootstrap passes its web worker; one in the page of this host's own unless given). Its watch re-reads use it too. */
  engine?: Engine;
  /** The refresh's debounce timers (real ones unless given; tests move their own). */
  refreshTimers?: RefreshTimers;
}

/** Everything one batch knows after reading the tracker; the tracker itself is in the engine. */
interface Read {
  tracker: Tracker;
  /** True when the grid read last time was reused (nothing changed since). */
  reused: boolean;
  sheets: string[];
  /** The periods in the snapshot sheet (from its Period and Taken columns only). */
  periods: SnapshotPeriod[];
  /** Where the next snapshot's rows go (found with the periods). */
  snapshotWhere: SnapshotWhere;
  /** The period compared with, its rows loaded (the only one loaded). */
  previous: Snapshot | null;
  /** Plain warnings about the read itself (e.g. merged cells that could not be read). */
  warnings: string[];
  /** The mapping corrections in use (the request's, or the ones saved in the workbook). */
  overrides: Record<string, string | null>;
  /** Every sheet's name and our old Panel Summary's mark, from the first round trip (for writePanelSummary). */
  summarySheets: SummarySheets;
}

/** The pane's note when Excel refused to keep the tracker and its mapping in the workbook. */
export const MAPPING_NOT_KEPT =
  "The tracker's sheet and column mapping could not be saved in this workbook (it may be read-only), so the ACTIONS functions and the next Find tracker will not know them until it can be saved. The counts above are not affected.";

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

/** What a command queues with the read's first round trip, given the sheet it expects the tracker on (its id). */
type Alongside = (sheetId: string) => void;

function overridesOf(request: TrackerRequest): HeaderOverrides | undefined {
  return overridesFrom(request.overrides);
}

function snapshotInfo(periods: readonly SnapshotPeriod[]): SnapshotInfo[] {
  return periods.map((p) => ({ period: p.period, taken: p.taken, actions: p.rows }));
}

/**
 * Queue putting cells back as the undo token recorded them: a formula as a
 * formula (under its own number format), a number, date or boolean as itself,
 * and text as that text whatever it looks like ("007", "May 2021", "(5)",
 * "£5", "=…"): entered under the text format "@", so that Excel cannot read it
 * as anything else, then given back its own number format (a format change
 * does not make Excel read the value again). 3 operations a cell at most.
 */
function queueRestore(ws: Excel.Worksheet, cells: UndoToken["cells"]): void {
  for (const c of cells) {
    const range = ws.getRange(c.cell);
    if (c.formula) {
      range.numberFormat = [[c.numberFormat === "@" ? "General" : c.numberFormat]];
      range.formulas = [[String(c.before)]];
      if (c.numberFormat === "@") range.numberFormat = [["@"]];
      continue;
    }
    if (typeof c.before !== "string") {
      range.numberFormat = [[c.numberFormat]];
      range.values = [[c.before]];
      continue;
    }
    range.numberFormat = [["@"]];
    range.values = [[c.before]];
    if (c.numberFormat !== "@") range.numberFormat = [[c.numberFormat]];
  }
}

function validationDone(v: ValidationDoneInExcel): ValidationDone {
  return { sheet: v.sheet, added: v.added, replaced: v.replaced, removed: v.removed, kept: v.kept.map((k) => ({ cells: k.cells, message: k.message })), dropped: v.dropped };
}

export function createExcelHost(options: ExcelHostOptions = {}): TaskpaneHost {
  const now = options.now ?? (() => new Date());
  const watch = options.watch ?? true;
  const engine = options.engine ?? inlineEngine();
  let watching = "";
  /** The last read, while it may be reused (the engine holds its tracker under PANE). */
  let kept: Kept | null = null;
  /** The snapshot periods the last read found: the period compared with may then ride with the next first round trip. */
  let lastPeriods: SnapshotPeriod[] | null = null;

  /** One Excel.run with the requirement check and plain errors. */
  async function run<T>(what: string, batch: (context: Excel.RequestContext) => Promise<HostResult<T>>): Promise<HostResult<T>> {
    const tooOld = unsupportedMessage(options.requirements ?? Office.context.requirements);
    if (tooOld) return { code: "excel-too-old", error: tooOld };
    try {
      return await Excel.run({ delayForCellEdit: true }, batch);
    } catch (err) {
      return commandFailure(what, err);
    }
  }

  /**
   * Read the tracker, the sheet list and the snapshot periods. A tracker read
   * before (and kept: see Kept) costs 1 round trip: the sheet and snapshot
   * lists with the check that nothing changed (unchanged.ts), and whatever the
   * command queues alongside. Otherwise the lists ride with the reader's first
   * round trip (its probe of the sheet asked for, or the active one), then come
   * the reader's blocks of ~4 MB; one more round trip only when the tracker
   * saved in the workbook is on another sheet than the one probed, or the
   * snapshot sheet is big. Then the rows of the one period compared with (1
   * round trip, or one per ~4 MB). The grid goes to the engine, which keeps
   * the tracker for the method's next question; `publish` also hands it to the
   * ACTIONS functions (with the previous period).
   */
  async function read(context: Excel.RequestContext, request: TrackerRequest, publish = false, alongside?: Alongside): Promise<Read | HostError> {
    const worksheets = context.workbook.worksheets;
    // The fills the RAG column's cells show (a style's, a conditional format's), where this Excel can say (ExcelApi 1.19).
    const displayedFills = canReadDisplayedFills(options.requirements);
    // The watch listening now, and its count of changes: a read made while it listens may be reused (unchanged.ts).
    const listening = watch ? await watchedTracker() : null;
    const changesBefore = listening?.changes ?? 0;
    const candidate = kept && listening && listening.live && kept.watch === listening && listening.changes === kept.changes ? kept : null;
    // The sheet list, the saved tracker, our old summary's mark and the snapshot list, all in the first round trip.
    let savedTracker: () => SavedTracker | null = () => null;
    let snapshotList: { finish: () => Promise<{ periods: SnapshotPeriod[]; where: SnapshotWhere }> } | null = null;
    const mark = context.workbook.names.getItemOrNullObject(SUMMARY_MARK);
    // The workbook's tables' names, for the Panel Summary's own tables (summary.ts).
    const tableNames = context.workbook.tables;
    let listRows = FIRST_LIST_ROWS;
    const queueLists = () => {
      worksheets.load("items");
      savedTracker = queueSavedTracker(context);
      mark.load("formula");
      tableNames.load("items/name,items/worksheet/name");
      snapshotList = queueSnapshotList(context, listRows);
      // Sent again only when Excel refused the round trip (the reader halves its probe, this the snapshot rows).
      listRows = Math.max(1, Math.ceil(listRows / 2));
    };
    let unchanged: () => boolean = () => false;
    let active: Excel.Worksheet | null = null;
    // The period compared with, as the last read listed it: its rows come with the check when it is small.
    const expected = candidate && lastPeriods ? chosenPeriod(lastPeriods, request.previousPeriod, request.period) : null;
    let preloaded: QueuedPeriod | null = null;
    if (candidate) {
      try {
        for (;;) {
          queueLists();
          preloaded = expected && expected.rows <= PRELOAD_PERIOD_ROWS ? queuePeriodRows(context, expected) : null;
          unchanged = queueUnchangedCheck(context, candidate.fingerprint);
          active = worksheets.getActiveWorksheet();
          active.load("id");
          alongside?.(candidate.fingerprint.sheetId);
          try {
            // eslint-disable-next-line office-addins/no-context-sync-in-loop
            await context.sync();
            break;
          } catch (err) {
            if (!isPayloadTooLarge(err) || listRows === 1) throw err;
          }
        }
      } catch {
        // The check addresses the sheet by its id: it fails when that sheet is gone (or Excel failed). Read afresh.
        kept = null;
        return read(context, request, publish, alongside);
      }
    }
    const lists = () => {
      const items = worksheets.items;
      return {
        sheets: items.filter((s) => s.visibility === "Visible" && s.name !== SNAPSHOT_SHEET).map((s) => s.name),
        summarySheets: { existing: items.map((s) => s.name), mark, markName: SUMMARY_MARK, tables: tableNames } as SummarySheets,
        saved: savedTracker(),
      };
    };
    // Finding the tracker afresh (no sheet, no corrections) uses the one saved in the workbook, if its sheet is still there;
    // its corrections are checked against the headers they were made for once the first rows are in.
    const given = request;
    let fromSaved = false;
    let saved: SavedTracker | null = null;
    const resolve = () => {
      saved = lists().saved;
      fromSaved = given.sheet === undefined && given.overrides === undefined && saved !== null && lists().sheets.includes(saved.sheet);
      if (fromSaved) request = { ...given, sheet: saved!.sheet, overrides: saved!.overrides, ...(saved!.periods ? { periodColumns: saved!.periods } : {}) };
    };
    const savedWarnings: string[] = [];
    const checkOverrides = (probe: SheetGrid) => {
      if (!fromSaved) return overridesOf(request);
      const checked = checkSavedOverrides(saved!, probe);
      savedWarnings.push(...checked.warnings);
      request = { ...request, overrides: checked.overrides };
      return overridesOf(request);
    };
    // The tracker read last time, if nothing has changed: the same sheet (by id), the same mapping, no change event, the check passed.
    const reuse = ((): Kept | null => {
      if (!candidate) return null;
      resolve();
      if (!unchanged()) return null;
      const fp = candidate.fingerprint;
      // The active sheet's id came back with the first round trip.
      const wanted = request.sheet === undefined ? (active as Excel.Worksheet | null)?.id : worksheets.items.find((s) => s.id === request.sheet || s.name.toLowerCase() === request.sheet!.toLowerCase())?.id;
      if (wanted !== fp.sheetId) return null;
      const used = checkOverrides(candidate.probe);
      if (JSON.stringify([used ?? null, request.periodColumns ?? null]) !== candidate.overrides) return null;
      // A mapping that would be saved again (the setting was changed meanwhile) goes through a full read, which saves it.
      if (!sameSaved(saved, trackerToSave(fp.name, request.overrides ?? {}, candidate.tracker, candidate.periodColumns))) return null;
      return candidate;
    })();
    let loadedTracker: Tracker;
    let periodColumns: PeriodColumns | undefined = reuse?.periodColumns;
    let stats: { syncs: number; mergedAreasUnread?: boolean } = { syncs: 0 };
    if (reuse) {
      loadedTracker = reuse.tracker;
    } else {
      kept = null;
      savedWarnings.length = 0;
      const readOptions = () => ({ sheet: request.sheet, overrides: overridesOf(request), checkOverrides, formulas: listening !== null, displayedFills });
      let sheetRead: SheetRead;
      if (candidate) {
        // The lists came back with the check: the reader's own first round trip.
        sheetRead = await readSheetGrid(context, readOptions());
      } else {
        // The lists ride with the reader's first round trip, which probes the sheet asked for (or the active one)...
        sheetRead = await readSheetGrid(context, { ...readOptions(), alongside: queueLists, accept: (found) => {
          resolve();
          return !fromSaved || found === null || found.name.toLowerCase() === request.sheet!.toLowerCase();
        } });
        // ...unless the tracker saved in the workbook is on another sheet: that one is read, with a round trip of its own.
        if (sheetRead.rejected) sheetRead = await readSheetGrid(context, readOptions());
      }
      const { grid, overrides, words } = sheetRead;
      stats = sheetRead.stats;
      const fingerprint = listening?.live && listening.worksheetId === sheetRead.shape.sheetId ? fingerprintOf(sheetRead) : null;
      const probe: SheetGrid = { ...grid, values: grid.values.slice(0, PROBE_ROWS), fills: undefined };
      const loaded = await engine.read(PANE, grid, overrides, words, request.periodColumns);
      if (!loaded.ok) {
        const sheets = lists().sheets;
        const others = sheets.filter((s) => s !== grid.name);
        return { code: "no-tracker", error: others.length ? `${loaded.message} If the tracker is on another sheet, choose it from the list.` : loaded.message, sheets };
      }
      loadedTracker = loaded.tracker;
      periodColumns = loaded.periodColumns;
      if (fingerprint && listening) {
        kept = { fingerprint, watch: listening, changes: changesBefore, overrides: JSON.stringify([overrides ?? null, request.periodColumns ?? null]), tracker: loaded.tracker, probe, periodColumns };
      }
    }
    const { periods, where: snapshotWhere } = await snapshotList!.finish();
    lastPeriods = periods;
    const { sheets, summarySheets } = lists();
    const chosen = chosenPeriod(periods, request.previousPeriod, request.period);
    // The rows that came with the first round trip are the period's if the same round trip listed it in the same rows.
    const ahead = preloaded as QueuedPeriod | null;
    const previous = chosen ? (ahead && samePeriodRows(ahead.period, chosen) ? await ahead.finish() : (await loadSnapshotPeriod(context, chosen)).snapshot) : null;
    // The tracker in use and its mapping are saved in the workbook (for next time, and for the functions):
    // only when they changed, in a sync of its own, so that a read never fails because of a write. A
    // read-only or protected workbook refuses the save: that costs a note, not the read. (A reused read
    // had nothing to save: reuse requires the saved mapping to be the same.)
    const toSave = trackerToSave(loadedTracker.sheet, request.overrides ?? {}, loadedTracker, periodColumns);
    if (!reuse && !sameSaved(lists().saved, toSave)) {
      queueSaveTracker(context, toSave);
      try {
        await context.sync();
      } catch {
        savedWarnings.push(MAPPING_NOT_KEPT);
      }
    }
    // The sheet's own previous period is compared with by default, when it keeps one (the engine knows).
    await engine.setPrevious(PANE, previous, request.previousPeriod === undefined || request.previousPeriod === SHEET_PREVIOUS);
    if (publish) await publishTrackerAsync(await engine.report(PANE), previous ? snapshotActions(previous) : null);
    if (watch) {
      const key = JSON.stringify([loadedTracker.sheet, request.overrides ?? {}]);
      if (key !== watching) {
        watching = key;
        // A second, separate batch that only registers a change handler; failure is not the user's problem.
        keepTrackerFresh({ sheet: loadedTracker.sheet, overrides: overridesOf(request), timers: options.refreshTimers, engine }).catch(() => {
          watching = "";
        });
      }
    }
    const noFunctions = functionsUnsupportedMessage(options.requirements ?? Office.context.requirements);
    const fillsUnseen = !displayedFills && loadedTracker.columns.some((c) => c.field === "rag");
    const warnings = [
      ...savedWarnings,
      ...(stats.mergedAreasUnread ? [MERGED_AREAS_UNREAD_WARNING] : []),
      ...(fillsUnseen ? [STYLE_FILLS_UNSEEN_WARNING] : []),
      ...(noFunctions ? [noFunctions] : []),
    ];
    return { tracker: loadedTracker, reused: reuse !== null, sheets, periods, snapshotWhere, previous, warnings, overrides: request.overrides ?? {}, summarySheets };
  }

  const periodsOf = (r: Read) => r.periods.map((p) => p.period);

  /**
   * The drop-down lists' probe, riding with the read's first round trip when the tracker read last time may
   * be reused: its plan is made from that tracker (the engine still holds it) before the round trip, and used
   * only if the read did reuse it (the same tracker, so the same plan).
   */
  async function validationAlongside(context: Excel.RequestContext, style?: Parameters<Engine["validation"]>[1]) {
    const plan = kept ? await engine.validation(PANE, style) : null;
    let queued: QueuedProbe | undefined;
    return {
      queue: (sheetId: string) => {
        if (plan && plan.rules.length && kept?.fingerprint.sheetId === sheetId) queued = queueValidationProbe(context, plan.sheet, plan.rules);
      },
      probed: (r: Read) => (r.reused && plan && queued ? { plan, queued } : null),
    };
  }

  /** Formatting's "list our rules", riding with the read's first round trip when the tracker read last time is reused. */
  function listRulesAlongside(context: Excel.RequestContext) {
    let list: Excel.ConditionalFormatCollection | undefined;
    return {
      queue: (sheetId: string) => {
        list = queueRuleList(context.workbook.worksheets.getItem(sheetId));
      },
      /** The list, if it came back for the tracker's sheet (the read reused it: the same sheet, by id). */
      listed: (r: Read) => (r.reused ? list : undefined),
    };
  }

  /**
   * Write confirmed changes as text: the cells as they were first (for the
   * undo), then the write — 2 round trips, one more of each per ~2 MB of
   * cells. If a later block fails, the blocks already written are put back.
   */
  async function write(context: Excel.RequestContext, sheet: string, changes: readonly CellChange[], what: string): Promise<UndoToken> {
    // The tracker changes: its change events say so too, but late on some Excel versions; the next command reads it again.
    kept = null;
    const ws = context.workbook.worksheets.getItem(sheet);
    const cells = changes.map((c) => c.cell);
    const before = await readCells(context, ws, cells);
    const undo: UndoToken = {
      sheet,
      what,
      cells: changes.map((c, i) => ({
        cell: c.cell,
        after: c.after,
        before: before[i].formula ?? before[i].value,
        formula: before[i].formula !== null,
        numberFormat: before[i].numberFormat,
      })),
    };
    const texts = changes.map((c) => c.after);
    const befores = undo.cells.map((c) => String(c.before));
    let putBack = false;
    try {
      await asOwnWrite(() =>
        writeCellsInBlocks(
          context,
          cells,
          texts,
          2,
          (from, to) => queueTextWrites(ws, changes.slice(from, to).map((c) => ({ cell: c.cell, text: c.after }))),
          // Up to the end of the block that failed: Excel keeps what it did before the failing action.
          async (upTo) => {
            await writeCellsInBlocks(context, cells.slice(0, upTo), befores.slice(0, upTo), 4, (from, to) => queueRestore(ws, undo.cells.slice(from, to)));
            putBack = true;
          },
        ),
        { sheet, cells },
      );
    } catch (err) {
      throw new PartWrittenError(err, putBack);
    }
    // The watch ignores our own writes; these change what the tracker says, so the
    // ACTIONS functions re-read it once this batch is over (its own Excel.run).
    setTimeout(() => void refreshTrackerNow().catch(() => undefined), 0);
    return undo;
  }

  /** The spelling fixes, leaving out any cell that holds a formula (1 round trip per ~2 MB of cells). */
  async function spellingChanges(context: Excel.RequestContext, r: Read): Promise<CellChange[]> {
    const changes = await engine.spellingCandidates(PANE);
    if (changes.length === 0) return changes;
    const held = await readCells(context, context.workbook.worksheets.getItem(r.tracker.sheet), changes.map((c) => c.cell));
    return changes.filter((_, i) => held[i].formula === null);
  }

  /** The words sheet's cells (1 round trip): null when there is no such sheet. */
  async function wordsSheet(context: Excel.RequestContext): Promise<{ grid: SheetGrid } | null> {
    const ws = context.workbook.worksheets.getItemOrNullObject(WORDS_SHEET);
    const used = ws.getUsedRangeOrNullObject(true).getIntersectionOrNullObject(ws.getRange(WORDS_RANGE));
    used.load("values,rowIndex,columnIndex");
    await context.sync();
    if (ws.isNullObject) return null;
    const values = used.isNullObject ? [] : used.values.map((row) => row.map(fromOfficeValue));
    return { grid: { name: WORDS_SHEET, firstRow: used.isNullObject ? 1 : used.rowIndex + 1, firstColumn: used.isNullObject ? 1 : used.columnIndex + 1, values, merges: [] } };
  }

  const changedSince = (sheet: string) =>
    `The sheet "${sheet}" changed since you reviewed the changes, so nothing was written. Review them again and confirm.`;

  return {
    readTracker(request) {
      return run("Reading the tracker", async (context) => {
        const r = await read(context, request, true);
        if ("error" in r) return r;
        return engine.view(PANE, { sheets: r.sheets, snapshots: snapshotInfo(r.periods), warnings: r.warnings, overrides: r.overrides, asOf: now().toISOString() });
      });
    },

    applyFormatting(request) {
      return run("Applying the colours", async (context) => {
        const rules = listRulesAlongside(context);
        const r = await read(context, request, false, rules.queue);
        if ("error" in r) return r;
        const plan = await engine.formatting(PANE);
        if (plan.rules.length === 0) {
          return { code: "no-delivery-column", error: `The tracker on "${r.tracker.sheet}" has no Status, RAG or Direction of travel column to colour. Check the column mapping.` };
        }
        const done = await asOwnWrite(() => applyFormatting(context, plan, rules.listed(r)));
        const ranges = [...new Map(plan.rules.map((rule) => [`${rule.range}:${rule.field}`, `${rule.range} (${FIELD_LABEL[rule.field]})`])).values()];
        return { sheet: plan.sheet, added: done.added, removed: done.removed, ranges };
      });
    },

    removeFormatting(request) {
      return run("Removing the colours", async (context) => {
        const rules = listRulesAlongside(context);
        const r = await read(context, request, false, rules.queue);
        if ("error" in r) return r;
        const done = await asOwnWrite(() => removeFormatting(context, r.tracker.sheet, rules.listed(r)));
        return { sheet: r.tracker.sheet, added: 0, removed: done.removed, ranges: [] };
      });
    },

    addValidation(request, validation) {
      return run("Adding the drop-down lists", async (context) => {
        const early = await validationAlongside(context, validation.style);
        const r = await read(context, request, false, early.queue);
        if ("error" in r) return r;
        const probed = early.probed(r);
        const plan = probed ? probed.plan : await engine.validation(PANE, validation.style);
        if (plan.rules.length === 0) {
          return { code: "no-delivery-column", error: `The tracker on "${r.tracker.sheet}" has no Status, RAG or Direction of travel column to add a drop-down list to. Check the column mapping.` };
        }
        return validationDone(await asOwnWrite(() => applyValidation(context, plan, probed?.queued)));
      });
    },

    removeValidation(request) {
      return run("Removing the drop-down lists", async (context) => {
        const early = await validationAlongside(context);
        const r = await read(context, request, false, early.queue);
        if ("error" in r) return r;
        const probed = early.probed(r);
        const plan = probed ? probed.plan : await engine.validation(PANE);
        return validationDone(await asOwnWrite(() => removeValidation(context, plan, probed?.queued)));
      });
    },

    previewRagLabels(request) {
      return run("Looking for RAG shown only by colour", async (context) => {
        const r = await read(context, request);
        if ("error" in r) return r;
        return { sheet: r.tracker.sheet, changes: await engine.ragChanges(PANE) };
      });
    },

    writeRagLabels(request, confirmed) {
      return run("Writing the RAG words", async (context) => {
        const r = await read(context, request);
        if ("error" in r) return r;
        const sheet = r.tracker.sheet;
        const changes = await engine.ragChanges(PANE);
        if (!sameChanges(changes, confirmed)) return { code: "changed-since-preview", error: changedSince(sheet) };
        const undo = changes.length ? await write(context, sheet, changes, "the RAG words") : undefined;
        return { sheet, cells: changes.map((c) => c.cell), undo };
      });
    },

    previewSpellingFixes(request) {
      return run("Looking for spellings to fix", async (context) => {
        const r = await read(context, request);
        if ("error" in r) return r;
        return { sheet: r.tracker.sheet, changes: await spellingChanges(context, r) };
      });
    },

    writeSpellingFixes(request, confirmed) {
      return run("Fixing the spellings", async (context) => {
        const r = await read(context, request);
        if ("error" in r) return r;
        const sheet = r.tracker.sheet;
        const changes = await spellingChanges(context, r);
        if (!sameChanges(changes, confirmed)) return { code: "changed-since-preview", error: changedSince(sheet) };
        const undo = changes.length ? await write(context, sheet, changes, "the spelling fixes") : undefined;
        return { sheet, cells: changes.map((c) => c.cell), undo };
      });
    },

    undoWrite(undo) {
      return run(`Undoing ${undo.what}`, async (context) => {
        const ws = context.workbook.worksheets.getItem(undo.sheet);
        const now = await readCells(context, ws, undo.cells.map((c) => c.cell));
        const edited = undo.cells.filter((c, i) => now[i].formula !== null || String(now[i].value) !== c.after).map((c) => c.cell);
        if (edited.length) {
          return {
            code: "edited-since-write",
            error: `${cellList(edited)} on "${undo.sheet}" ${edited.length === 1 ? "was" : "were"} edited after ${undo.what} were written, so nothing was undone. Put back what you need by hand.`,
          };
        }
        const texts = undo.cells.map((c) => String(c.before));
        kept = null;
        await asOwnWrite(() => writeCellsInBlocks(context, texts, texts, 4, (from, to) => queueRestore(ws, undo.cells.slice(from, to))), {
          sheet: undo.sheet,
          cells: undo.cells.map((c) => c.cell),
        });
        setTimeout(() => void refreshTrackerNow().catch(() => undefined), 0);
        return { sheet: undo.sheet, cells: undo.cells.map((c) => c.cell) };
      });
    },

    previewOwnWord(word: OwnWord) {
      return run("Looking at the words sheet", async (context) => {
        const held = await wordsSheet(context);
        const c = ownWordChanges(held?.grid ?? null, word);
        return isHostError(c) ? c : { sheet: WORDS_SHEET, changes: c.changes };
      });
    },

    writeOwnWord(word: OwnWord, confirmed) {
      return run("Saving the word", async (context) => {
        const held = await wordsSheet(context);
        const c = ownWordChanges(held?.grid ?? null, word);
        if (isHostError(c)) return c;
        if (!sameChanges(c.changes, confirmed)) return { code: "changed-since-preview", error: changedSince(WORDS_SHEET) };
        if (!held) context.workbook.worksheets.add(WORDS_SHEET);
        const undo = await write(context, WORDS_SHEET, c.changes, `the word “${word.word.trim()}”`);
        return { sheet: WORDS_SHEET, cells: c.changes.map((x) => x.cell), undo };
      });
    },

    takeSnapshot(request, period) {
      const label = period.trim();
      if (!label) return Promise.resolve({ code: "no-period-label", error: 'Type a label for this period (for example "Quarter 3 2026/27"), then take the snapshot.' });
      return run("Taking the snapshot", async (context) => {
        const r = await read(context, request);
        if ("error" in r) return r;
        const existing = r.periods.find((s) => s.period.toLowerCase() === label.toLowerCase());
        if (existing) {
          return {
            code: "snapshot-exists",
            error: `There is already a snapshot for "${existing.period}" (taken ${existing.taken}) in the sheet "${SNAPSHOT_SHEET}". Use another period label; to replace it, delete its rows in that sheet (Unhide shows it) first.`,
          };
        }
        const rows = await engine.snapshotRows(PANE, label, now().toISOString());
        const done = await asOwnWrite(() => writeSnapshotRows(context, rows, r.snapshotWhere));
        // Where the new period is, for the next command's first round trip (checked against the list it brings).
        lastPeriods = [...r.periods, { period: label, taken: now().toISOString().slice(0, 10), rows: done.rows, runs: done.rows ? [{ row: done.firstRow, count: done.rows }] : [] }];
        const snapshots = [...snapshotInfo(r.periods), { period: label, taken: now().toISOString().slice(0, 10), actions: done.rows }];
        return { period: label, rows: done.rows, snapshots };
      });
    },

    listSnapshots() {
      return run("Reading the snapshots", async (context) => snapshotInfo((await listSnapshotPeriods(context)).periods));
    },

    previewDirections(request, previousPeriod) {
      return run("Comparing with the previous period", async (context) => {
        const r = await read(context, { ...request, previousPeriod });
        if ("error" in r) return r;
        const d = await engine.directionChanges(PANE, previousPeriod, periodsOf(r));
        if ("error" in d) return d;
        return { sheet: r.tracker.sheet, changes: d.changes, ...d.preview };
      });
    },

    writeDirections(request, previousPeriod, confirmed) {
      return run("Writing the directions of travel", async (context) => {
        const r = await read(context, { ...request, previousPeriod });
        if ("error" in r) return r;
        const sheet = r.tracker.sheet;
        const d = await engine.directionChanges(PANE, previousPeriod, periodsOf(r));
        if ("error" in d) return d;
        if (!sameChanges(d.changes, confirmed)) return { code: "changed-since-preview", error: changedSince(sheet) };
        const undo = d.changes.length ? await write(context, sheet, d.changes, "the directions of travel") : undefined;
        return { sheet, cells: d.changes.map((c) => c.cell), undo };
      });
    },

    buildPanelSummary(request, summary) {
      const period = summary.period.trim();
      if (!period) return Promise.resolve({ code: "no-period-label", error: 'Type a label for this period (for example "Quarter 3 2026/27"), then build the panel summary.' });
      return run("Building the panel summary", async (context) => {
        const r = await read(context, { ...request, period, previousPeriod: summary.previousPeriod });
        if ("error" in r) return r;
        const plan = await engine.summaryPlan(PANE, { period, previousPeriod: summary.previousPeriod, now: now().toISOString() });
        if (isHostError(plan)) return plan;
        const written = await asOwnWrite(() => writePanelSummary(context, plan, r.summarySheets));
        return { sheet: written.sheet, sentence: plan.text.sentence, ...(plan.updates ? { updates: plan.updates } : {}) };
      });
    },

    panelPaper(request, summary) {
      const period = summary.period.trim();
      if (!period) return Promise.resolve({ code: "no-period-label", error: 'Type a label for this period (for example "Quarter 3 2026/27"), then make the panel paper.' });
      return run("Making the panel paper", async (context) => {
        const r = await read(context, { ...request, period, previousPeriod: summary.previousPeriod });
        if ("error" in r) return r;
        const paper = await engine.paperPlan(PANE, { period, previousPeriod: summary.previousPeriod, now: now().toISOString() });
        if (isHostError(paper)) return paper;
        return { paper, fileName: paperFileName(period) };
      });
    },

    fileSaving() {
      // Only Excel on the web runs the pane in a browser that downloads files; desktop Excel's web view does not.
      let online = false;
      try {
        online = Office.context.diagnostics?.platform === Office.PlatformType.OfficeOnline;
      } catch {
        online = false;
      }
      if (online) return { can: true };
      return {
        can: false,
        instead:
          "Excel on Windows and Mac does not let an add-in save a file. Use Copy for Word and paste into a new Word document, or open the workbook in Excel on the web to download the .docx (or run delivery-plan report on the saved workbook).",
      };
    },

    goToCell(sheet, cell) {
      if (!/^[A-Z]{1,3}[1-9]\d{0,6}$/.test(cell)) return Promise.resolve({ code: "not-a-cell", error: `"${cell}" is not a cell address on "${sheet}".` });
      return run(`Going to ${cell} on "${sheet}"`, async (context) => {
        const ws = context.workbook.worksheets.getItem(sheet);
        ws.activate();
        ws.getRange(cell).select();
        await context.sync();
        return { sheet, cell };
      });
    },
  };
}
