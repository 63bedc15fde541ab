/**
 * The task pane's view of Excel (TaskpaneHost), as a facade: each method is
 * one Excel.run batch (delayForCellEdit: it waits while the user is typing in
 * a cell) that reads the tracker through the session (session.ts: its first
 * round trip carries what the command queues with it, riders.ts), asks the
 * engine, and writes through the writes room (writes.ts). A constant number of
 * round trips for a small tracker — one more per ~2 MB of data for a big one
 * (tracker rows, snapshot rows), never one per row — and plain data back.
 * React components get this object as a prop, so they can be tested without
 * Excel.
 *
 * Writes to the user's tracker (RAG words, directions) happen only with a
 * confirmed preview: the method makes the changes again in its own batch and
 * refuses when they differ from what the user confirmed.
 */
import { PANE_SOURCE, PAPER_SHEET, SIGN_OFF_SHEET, SNAPSHOT_SHEET, WORDS_SHEET, logTime, readSnapshots, signOffLogRow } from "../model";
import type { PaperSettings, ReturnRead } from "../model";
import { hostError, isHostError } from "../shared/host";
import { queueChangeLog } from "./change-log";
import { sameChanges } from "../shared/host";
import type { CellChange, HostError, HostResult, OwnWord, RequestAsk, SignOffDone, SnapshotDone, TaskpaneHost, TrackerRequest, UndoToken, ValidationRequest } from "../shared/host";
import type { NeedsPeriod } from "../shared/errors";
import { inlineEngine } from "../engine/engine";
import type { Engine } from "../engine/engine";
import { NOW, keptHistory, publishHistory } from "../shared/store";
import { asOwnWrite } from "./refresh";
import type { RefreshTimers } from "./refresh";
import { applyFormatting, rangesColoured, removeFormatting } from "./formatting";
import { applyValidation, removeValidation, validationDone } from "./validation";
import { fileSaving, missingRequirements } from "./requirements";
import type { RequirementsApi } from "./requirements";
import { listSnapshotPeriods, snapshotInfo, writeSnapshotRows } from "./snapshot";
import type { SnapshotPeriod } from "./snapshot";
import { summaryTrend, writePanelSummary } from "./summary";
import { readCells } from "./cells";
import { commandFailure } from "./failures";
import { FirstTrip, PANE, TrackerSession } from "./session";
import type { OpenOptions, OpenTracker } from "./session";
import { ridePaperSettings, rideRuleList, rideSummaryNames, rideValidationProbe } from "./riders";
import { readPaperSettings, writePaperSettings } from "./paper-sheet";
import { queueAlignments, queueLooks } from "./looks";
import { Writes, ownWordChanges } from "./writes";
import { queueOursRecord } from "./settings";
import { readSignedOff, signOffWhere, writeSignOffRows } from "./signoff";
import { cellWriteLog, coloursAppliedRows, coloursRemovedRows, listRows, paneLogContext, rideChangeLog } from "./pane-log";
import type { Append } from "./pane-log";

export { MAPPING_NOT_KEPT } from "./session";

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

/** A command that needs this period's label: checked here, once, for every such command. */
function labelled<T>(request: TrackerRequest, then: NeedsPeriod, command: (period: string, request: TrackerRequest) => Promise<HostResult<T>>): Promise<HostResult<T>> {
  const period = request.period?.trim();
  return period ? command(period, { ...request, period }) : Promise.resolve(hostError("no-period-label", { then }));
}

const LISTED: OpenOptions = { periods: "list" };
const COMPARED: OpenOptions = { periods: "compare" };

/**
 * A snapshot just taken, for =ACTIONS.HISTORY at once: added to the periods published for the
 * tracker's sheet, or published alone when it is the workbook's first. (Earlier snapshots the
 * functions have not been given yet are not hidden: then nothing is published until they are read.)
 */
function addToHistory(sheet: string, label: string, rows: readonly string[][], before: number): void {
  const taken = readSnapshots({ name: SNAPSHOT_SHEET, firstRow: 1, firstColumn: 1, values: rows.map((r) => [...r]), merges: [] }).find((s) => s.period === label);
  if (!taken) return;
  const kept = keptHistory();
  const period = { label, actions: taken.actions };
  if (kept && kept.sheet === sheet) publishHistory({ ...kept, earlier: [...kept.earlier.filter((p) => p.label !== label), period] });
  else if (before === 0) publishHistory({ sheet, period: NOW, earlier: [period] });
}
/** Compared, with every snapshot read for the history (the Panel Summary, the paper). */
const WITH_HISTORY: OpenOptions = { periods: "compare", history: true };
const noRiders = () => undefined;

export function createExcelHost(options: ExcelHostOptions = {}): TaskpaneHost {
  return new ExcelHost(options);
}

/**
 * The facade: each method a command, in a few lines, over the session, the engine and the writes room.
 * The methods are the object's own (bound) functions: the pane and its tests may pass them around, or spread the host.
 */
class ExcelHost implements TaskpaneHost {
  private readonly now: () => Date;
  private readonly engine: Engine;
  private readonly session: TrackerSession;
  private readonly writes: Writes;

  constructor(private readonly options: ExcelHostOptions) {
    this.now = options.now ?? (() => new Date());
    this.engine = options.engine ?? inlineEngine();
    this.session = new TrackerSession({ engine: this.engine, now: this.now, watch: options.watch ?? true, requirements: options.requirements, refreshTimers: options.refreshTimers });
    this.writes = new Writes(this.session);
  }

  readonly readTracker = (request: TrackerRequest) => {
    return this.onTracker("Reading the tracker", request, { ...COMPARED, publish: true }, noRiders, async (context, r) => {
      // The periods signed off, for Check: one more round trip, only when the workbook has the sign-off sheet.
      const signed = await readSignedOff(context, r.allSheets);
      const signedOff = signed.records.length ? { signedOff: { records: signed.records, log: signed.log } } : {};
      const extra = { sheets: r.sheets, snapshots: snapshotInfo(r.snapshots?.periods ?? []), warnings: r.warnings, overrides: r.overrides, asOf: this.now().toISOString(), ...signedOff };
      const view = await this.engine.view({ key: PANE, extra });
      return { ...view, ours: r.ours };
    });
  };

  readonly applyFormatting = (request: TrackerRequest) => {
    return this.onTracker("Applying the colours", request, {}, this.withLog(rideRuleList), async (context, r, [rules, log]) => {
      const plan = await this.engine.formatting({ key: PANE });
      if (plan.rules.length === 0) return hostError("no-delivery-column", { sheet: r.tracker.sheet, to: "colour" });
      const ctx = await paneLogContext(this.engine, request, this.now());
      const record = (removed: readonly string[]) => (log()(coloursAppliedRows(ctx, r.tracker, plan, removed)), queueOursRecord(context, r.saved, r.tracker.sheet, { colours: true }));
      const done = await asOwnWrite(() => applyFormatting(context, plan, rules(r), record));
      return { sheet: plan.sheet, added: done.added, removed: done.removed, ranges: rangesColoured(plan) };
    });
  };

  readonly removeFormatting = (request: TrackerRequest) => {
    return this.onTracker("Removing the colours", request, {}, this.withLog(rideRuleList), async (context, r, [rules, log]) => {
      const [plan, ctx] = await Promise.all([this.engine.formatting({ key: PANE }), paneLogContext(this.engine, request, this.now())]);
      const record = (removed: readonly string[]) => {
        const rows = removed.length ? coloursRemovedRows(ctx, r.tracker, plan, removed) : [];
        log()(rows);
        return queueOursRecord(context, r.saved, r.tracker.sheet, { colours: false }) || rows.length > 0;
      };
      const done = await asOwnWrite(() => removeFormatting(context, r.tracker.sheet, rules(r), record));
      return { sheet: r.tracker.sheet, added: 0, removed: done.removed, ranges: [] };
    });
  };

  readonly addValidation = (request: TrackerRequest, validation: ValidationRequest) => {
    return this.onTracker("Adding the drop-down lists", request, {}, this.withLog(this.rideProbe(validation.style)), async (context, r, [probe, log]) => {
      const probed = probe(r);
      const plan = probed ? probed.plan : await this.engine.validation({ key: PANE, style: validation.style });
      if (plan.rules.length === 0) return hostError("no-delivery-column", { sheet: r.tracker.sheet, to: "add a drop-down list to" });
      const ctx = await paneLogContext(this.engine, request, this.now());
      // Recorded only when a list of ours went on (a column holding the user's rule gets none); logged when it changed a column.
      const record = (added: number, changed: readonly string[]) => added > 0 && (log()(listRows(ctx, r.tracker, changed)), queueOursRecord(context, r.saved, r.tracker.sheet, { lists: true }));
      return validationDone(await asOwnWrite(() => applyValidation(context, plan, probed?.queued, record)));
    });
  };

  readonly removeValidation = (request: TrackerRequest) => {
    return this.onTracker("Removing the drop-down lists", request, {}, this.withLog(this.rideProbe()), async (context, r, [probe, log]) => {
      const probed = probe(r);
      const plan = probed ? probed.plan : await this.engine.validation({ key: PANE });
      const ctx = await paneLogContext(this.engine, request, this.now());
      // None of ours is left unless a column mixing ours and the user's was left alone: then it is not known.
      const record = (kept: number, removed: readonly string[]) => (log()(listRows(ctx, r.tracker, removed, true)), queueOursRecord(context, r.saved, r.tracker.sheet, { lists: kept > 0 ? undefined : false }));
      return validationDone(await asOwnWrite(() => removeValidation(context, plan, probed?.queued, record)));
    });
  };

  readonly previewRagLabels = (request: TrackerRequest) => {
    return this.preview("Looking for RAG shown only by colour", request, {}, () => this.ragChanges());
  };

  readonly writeRagLabels = (request: TrackerRequest, confirmed: readonly CellChange[]) => {
    return this.onTracker("Writing the RAG words", request, {}, noRiders, async (context, r) => this.logged(context, r, request, (await this.ragChanges()).changes, confirmed, "the RAG words"));
  };

  readonly previewSpellingFixes = (request: TrackerRequest) => {
    return this.preview("Looking for spellings to fix", request, {}, (context, r) => this.spellingChanges(context, r));
  };

  readonly writeSpellingFixes = (request: TrackerRequest, confirmed: readonly CellChange[]) => {
    return this.onTracker("Fixing the spellings", request, {}, noRiders, async (context, r) =>
      this.logged(context, r, request, (await this.spellingChanges(context, r)).changes, confirmed, "the spelling fixes"),
    );
  };

  readonly undoWrite = (undo: UndoToken) => {
    return this.run(`Undoing ${undo.what}`, (context) => this.writes.undo(context, undo, logTime(this.now())));
  };

  readonly requestUpdates = (request: TrackerRequest, ask: RequestAsk) => {
    return this.onTracker("Making the requests", request, {}, noRiders, async () =>
      this.engine.requestUpdates({ key: PANE, ask, file: "this workbook", sent: this.now().toISOString().slice(0, 10) }),
    );
  };

  readonly previewMerge = (request: TrackerRequest, returns: readonly ReturnRead[]) => {
    return this.onTracker("Comparing the returns with the tracker", request, {}, noRiders, async (_context, r) => {
      const { log: _log, undoLog: _undo, ...plan } = await this.engine.mergePlan({ key: PANE, returns, when: logTime(this.now()) });
      return { ...plan, sheet: r.tracker.sheet };
    });
  };

  readonly writeMerge = (request: TrackerRequest, returns: readonly ReturnRead[], confirmed: readonly CellChange[]) => {
    return this.onTracker("Merging the returns", request, {}, noRiders, async (context, r) => {
      const plan = await this.engine.mergePlan({ key: PANE, returns, when: logTime(this.now()) });
      const what = `the merge of ${returns.length === 1 ? returns[0].file : `${returns.length} returns`}`;
      return this.writes.confirmed(context, r.tracker.sheet, plan.changes, confirmed, what, undefined, { rows: plan.log, undoRows: plan.undoLog });
    });
  };

  readonly previewOwnWord = (word: OwnWord) => {
    return this.run("Looking at the words sheet", async (context) => {
      const c = await ownWordChanges(context, word);
      return isHostError(c) ? c : { sheet: WORDS_SHEET, changes: c.changes };
    });
  };

  readonly writeOwnWord = (word: OwnWord, confirmed: readonly CellChange[]) => {
    return this.run("Saving the word", async (context) => {
      const c = await ownWordChanges(context, word);
      if (isHostError(c)) return c;
      const make = () => (c.sheetMissing ? void context.workbook.worksheets.add(WORDS_SHEET) : undefined);
      return this.writes.confirmed(context, WORDS_SHEET, c.changes, confirmed, `the word “${word.word.trim()}”`, make);
    });
  };

  readonly takeSnapshot = (request: TrackerRequest) => {
    return labelled(request, "take the snapshot", (period, asked) => this.onTracker("Taking the snapshot", asked, LISTED, noRiders, (context, r) => this.snapshot(context, r, period)));
  };

  readonly listSnapshots = () => {
    return this.run("Reading the snapshots", async (context) => snapshotInfo((await listSnapshotPeriods(context)).periods));
  };

  readonly previewSignOff = (request: TrackerRequest, by: string) => {
    return labelled(request, "sign the period off", (period, asked) =>
      this.onTracker("Looking at the sign-off", asked, LISTED, noRiders, async (context) => {
        const signer = by.trim();
        if (!signer) return hostError("no-signer", {});
        const made = await this.signOffRows(context, period, signer, logTime(this.now()));
        return { sheet: SIGN_OFF_SHEET, changes: made.changes };
      }),
    );
  };

  readonly signOff = (request: TrackerRequest, by: string, confirmed: readonly CellChange[]) => {
    return labelled(request, "sign the period off", (period, asked) =>
      this.onTracker("Signing the period off", asked, LISTED, noRiders, async (context, r): Promise<HostResult<SignOffDone>> => {
        const signer = by.trim();
        if (!signer) return hostError("no-signer", {});
        const when = logTime(this.now());
        // The Change log is looked for with the sign-off sheet's read; its row goes with the record's write.
        const log = queueChangeLog(context);
        const made = await this.signOffRows(context, period, signer, when);
        if (!sameChanges(made.changes, confirmed)) return hostError("changed-since-preview", { sheet: SIGN_OFF_SHEET });
        // The snapshot first, as "Take snapshot" takes it; a period that has one keeps it.
        const had = r.snapshots!.periods.find((s) => s.period.toLowerCase() === period.toLowerCase());
        const snap = had ? null : await this.snapshot(context, r, period);
        if (snap && isHostError(snap)) return snap;
        log()([signOffLogRow(made.record, when, PANE_SOURCE)]);
        const written = await asOwnWrite(() => writeSignOffRows(context, made.rows, made.where));
        const cells = written.rows ? [`A${written.firstRow}:G${written.firstRow + written.rows - 1}`] : [];
        const snapshot = snap ? { taken: true, rows: snap.rows, snapshots: snap.snapshots } : { taken: false, rows: had!.rows, snapshots: snapshotInfo(r.snapshots!.periods) };
        return { sheet: SIGN_OFF_SHEET, cells, period: made.record.period, by: made.record.by, when, actions: made.record.actions, snapshot };
      }),
    );
  };

  readonly previewDirections = (request: TrackerRequest) => {
    return this.preview("Comparing with the previous period", request, COMPARED, () => this.directions());
  };

  readonly writeDirections = (request: TrackerRequest, confirmed: readonly CellChange[]) => {
    return this.onTracker("Writing the directions of travel", request, COMPARED, noRiders, async (context, r) => {
      const d = await this.engine.directionChanges({ key: PANE });
      if (isHostError(d)) return d;
      // A column of ours: its cells aligned like the tracker's, its header a style of its own (looks.ts); the
      // alignments are read with the write's own round trips, and set in one more.
      const ws = context.workbook.worksheets.getItem(r.tracker.sheet);
      const aligned = d.looks.length ? queueAlignments(ws, d.looks) : null;
      const done = await this.logged(context, r, request, d.changes, confirmed, "the directions of travel");
      if (isHostError(done) || !aligned) return done;
      await asOwnWrite(async () => {
        queueLooks(ws, d.looks, aligned());
        await context.sync();
      });
      return done;
    });
  };

  readonly buildPanelSummary = (request: TrackerRequest) => {
    return this.summarised("Building the panel summary", "build the panel summary", request, rideSummaryNames, async (context, r, names) => {
      const plan = await this.engine.summaryPlan({ key: PANE, now: this.now().toISOString() });
      if (isHostError(plan)) return plan;
      const written = await asOwnWrite(() => writePanelSummary(context, plan, names(r)));
      const trend = summaryTrend(plan);
      return { sheet: written.sheet, sentence: plan.text.sentence, ...(plan.updates ? { updates: plan.updates } : {}), ...(trend ? { trend } : {}) };
    });
  };

  readonly panelPaper = (request: TrackerRequest) => {
    return this.summarised("Making the panel paper", "make the panel paper", request, ridePaperSettings, async (_context, _r, words, period) => {
      const { settings, problems } = words();
      const paper = await this.engine.paperPlan({ key: PANE, now: this.now().toISOString(), settings });
      return isHostError(paper) ? paper : { paper, fileName: paperFileName(period), missing: paper.missing, problems };
    });
  };

  readonly readPaperSettings = () => {
    return this.run(`Reading the "${PAPER_SHEET}" sheet`, (context) => readPaperSettings(context));
  };

  readonly writePaperSettings = (settings: PaperSettings) => {
    return this.run(`Saving the "${PAPER_SHEET}" sheet`, (context) => writePaperSettings(context, settings));
  };

  readonly fileSaving = fileSaving;

  readonly goToCell = (sheet: string, cell: string) => {
    if (!/^[A-Z]{1,3}[1-9]\d{0,6}$/.test(cell)) return Promise.resolve(hostError("not-a-cell", { sheet, cell }));
    return this.run(`Going to ${cell} on "${sheet}"`, async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(cell).select();
      await context.sync();
      return { sheet, cell };
    });
  };

  // ─── The commands' one path: the run, the read with its riders, the preview ───

  /** One Excel.run with the requirement check and plain errors. */
  private async run<T>(what: string, batch: (context: Excel.RequestContext) => Promise<HostResult<T>>): Promise<HostResult<T>> {
    const missing = missingRequirements(this.options.requirements ?? Office.context.requirements);
    if (missing.length) return hostError("excel-too-old", { missing });
    try {
      return await Excel.run({ delayForCellEdit: true }, batch);
    } catch (err) {
      return commandFailure(what, err);
    }
  }

  /** A command on the tracker: its riders queued with the read's first round trip, the read (or the kept one), then `then`. */
  private onTracker<T, R>(
    what: string,
    request: TrackerRequest,
    how: OpenOptions,
    ride: (context: Excel.RequestContext, trip: FirstTrip) => R | Promise<R>,
    then: (context: Excel.RequestContext, r: OpenTracker, riders: R) => Promise<HostResult<T>>,
  ): Promise<HostResult<T>> {
    return this.run(what, async (context) => {
      const trip = new FirstTrip();
      const riders = await ride(context, trip);
      const r: OpenTracker | HostError = await this.session.open(context, request, trip, how);
      return isHostError(r) ? r : then(context, r, riders);
    });
  }

  /** A preview: the changes a command would make, on the tracker's sheet. Writes nothing. */
  private preview<T extends { changes: CellChange[] }>(what: string, request: TrackerRequest, how: OpenOptions, make: (context: Excel.RequestContext, r: OpenTracker) => Promise<HostResult<T>>) {
    return this.onTracker(what, request, how, noRiders, async (context, r) => {
      const made = await make(context, r);
      return isHostError(made) ? made : { ...made, sheet: r.tracker.sheet };
    });
  }

  /** The Panel Summary's and the paper's one path: this period's label, the tracker compared as asked, then the plan's use. */
  private summarised<T, R>(
    what: string,
    then: NeedsPeriod,
    request: TrackerRequest,
    ride: (context: Excel.RequestContext, trip: FirstTrip) => R,
    use: (context: Excel.RequestContext, r: OpenTracker, riders: R, period: string) => Promise<HostResult<T>>,
  ) {
    return labelled(request, then, (period, asked) => this.onTracker(what, asked, WITH_HISTORY, ride, (context, r, riders) => use(context, r, riders, period)));
  }

  /** A command's riders, and the Change log looked for with them (pane-log.ts). */
  private withLog<R>(ride: (context: Excel.RequestContext, trip: FirstTrip) => R | Promise<R>) {
    return async (context: Excel.RequestContext, trip: FirstTrip): Promise<[R, () => Append]> => [await ride(context, trip), rideChangeLog(context, trip)];
  }

  /** A confirmed write to the tracker, with its Change log rows and its undo's (the CLI's rows, source "task pane"). */
  private async logged(context: Excel.RequestContext, r: OpenTracker, request: TrackerRequest, changes: readonly CellChange[], confirmed: readonly CellChange[], what: string) {
    const log = await cellWriteLog(this.engine, request, this.now(), changes, what);
    return this.writes.confirmed(context, r.tracker.sheet, changes, confirmed, what, undefined, log);
  }

  /** The drop-down lists' probe, riding when the tracker read last time may be reused. */
  private rideProbe(style?: ValidationRequest["style"]) {
    return (context: Excel.RequestContext, trip: FirstTrip) => rideValidationProbe(context, trip, this.engine, this.session.keptSheetId(), style);
  }

  private async ragChanges() {
    return { changes: await this.engine.ragChanges({ key: PANE }) };
  }

  /** The spelling fixes, leaving out any cell that holds a formula (1 round trip per ~2 MB of cells). */
  private async spellingChanges(context: Excel.RequestContext, r: OpenTracker) {
    const candidates = await this.engine.spellingCandidates({ key: PANE });
    if (candidates.length === 0) return { changes: candidates };
    const held = await readCells(context, context.workbook.worksheets.getItem(r.tracker.sheet), candidates.map((c) => c.cell));
    return { changes: candidates.filter((_, i) => held[i].formula === null) };
  }

  /** The directions of travel against the period compared with, as a preview. */
  private async directions() {
    const d = await this.engine.directionChanges({ key: PANE });
    return isHostError(d) ? d : { changes: d.changes, ...d.preview };
  }

  /** A sign-off's rows (from the engine) and where they go (1 round trip), with the rows as the confirmation shows them. */
  private async signOffRows(context: Excel.RequestContext, period: string, by: string, when: string) {
    const [made, where] = await Promise.all([this.engine.signOffRows({ key: PANE, period, by, when }), signOffWhere(context)]);
    const changes: CellChange[] = made.rows.map((row, i) => ({ cell: `A${where.nextRow + i}`, before: "", after: `${row[3]}: ${row[0]}, signed off by ${row[1]} (status, RAG and update)` }));
    return { ...made, where, changes };
  }

  /** Record this period's rows in the snapshot sheet, unless it has the period already. */
  private async snapshot(context: Excel.RequestContext, r: OpenTracker, label: string): Promise<HostResult<SnapshotDone>> {
    const { periods, where } = r.snapshots!;
    const existing = periods.find((s) => s.period.toLowerCase() === label.toLowerCase());
    if (existing) return hostError("snapshot-exists", { period: existing.period, taken: existing.taken });
    const taken = this.now().toISOString();
    const rows = await this.engine.snapshotRows({ key: PANE, period: label, taken });
    const done = await asOwnWrite(() => writeSnapshotRows(context, rows, where));
    const added: SnapshotPeriod = { period: label, taken: taken.slice(0, 10), rows: done.rows, runs: done.rows ? [{ row: done.firstRow, count: done.rows }] : [] };
    // Where the new period is, for the next command's first round trip (checked against the list it brings).
    this.session.snapshotTaken([...periods, added]);
    addToHistory(r.tracker.sheet, label, rows, periods.length);
    return { period: label, rows: done.rows, snapshots: snapshotInfo([...periods, added]) };
  }
}
