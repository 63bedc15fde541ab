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
import {
  FIELDS,
  FIELD_LABEL,
  MULTI_COLUMN_FIELDS,
  DIRECTIONS,
  RAGS,
  SNAPSHOT_SHEET,
  STATUSES,
  GridView,
  buildPanelSummary,
  checkActions,
  columnLetter,
  columnNumber,
  compareWithPrevious,
  contradictions,
  countActions,
  directionWrites,
  formattingPlan,
  previousSnapshot,
  ragLabelWrites,
  readTracker,
  spellingWrites,
} from "../model";
import type { Action, CellWrite, Counts, HeaderOverrides, Issue, SheetGrid, Snapshot, SummaryPrevious, Tracker, TrackerReport } from "../model";
import type {
  CellChange,
  CountLine,
  DirectionsPreview,
  FieldMapping,
  HostError,
  HostResult,
  PaneIssue,
  SnapshotInfo,
  TaskpaneHost,
  TrackerRequest,
  TrackerView,
  UndoToken,
} from "../taskpane/host";
import { publishTracker } from "../functions/store";
import { asOwnWrite, keepTrackerFresh, refreshTrackerNow } from "./refresh";
import { applyFormatting, removeFormatting } from "./formatting";
import { MERGED_AREAS_UNREAD_WARNING, NoSheetError, readSheetGrid } from "./read";
import { unsupportedMessage } from "./requirements";
import { listSnapshotPeriods, loadSnapshotPeriod, takeSnapshot } from "./snapshot";
import type { SnapshotPeriod } from "./snapshot";
import { writePanelSummary } from "./summary";
import { queueTextWrites } from "./write";
import { cellList } from "../taskpane/words";
import { queueSaveTracker, queueSavedTracker, sameSaved } from "./settings";
import type { SavedTracker } from "./settings";

type RequirementsApi = Parameters<typeof unsupportedMessage>[0];

export interface ExcelHostOptions {
  /** Office.context.requirements unless given (tests). */
  requirements?: RequirementsApi;
  /** Today, for overdue checks and snapshot dates (tests fix it). */
  now?: () => Date;
  /** Keep the ACTIONS functions fresh as the tracker's sheet is edited (default true). */
  watch?: boolean;
}

/** Everything one batch knows after reading the tracker. */
interface Read {
  grid: SheetGrid;
  report: TrackerReport & { tracker: Tracker };
  counts: Counts;
  sheets: string[];
  /** The periods in the snapshot sheet (from its Period and Taken columns only). */
  periods: SnapshotPeriod[];
  /** The period compared with, its rows loaded (the only one loaded). */
  previous: Snapshot | null;
  /** Plain warnings about the read itself (e.g. merged cells that could not be read). */
  warnings: string[];
  /** The mapping corrections in use (the request's, or the ones saved in the workbook). */
  overrides: Record<string, string | null>;
}

const SEVERITY_ORDER: Record<PaneIssue["severity"], number> = { error: 0, warning: 1, info: 2 };

/** A plain message for a failure inside Excel: what failed and what to do, never a stack trace. */
function excelFailure(what: string, err: unknown): string {
  if (err instanceof NoSheetError) return `${err.message} Choose the tracker's sheet from the list, or find the tracker again.`;
  const code = typeof err === "object" && err !== null && "code" in err ? String((err as { code: unknown }).code) : "";
  const said = err instanceof Error ? err.message : String(err);
  if (code === "ItemNotFound") return `${what}: the sheet or cell is no longer there (${said}). Find the tracker again.`;
  if (code === "InvalidOperationInCellEditMode") return `${what}: Excel is busy editing a cell. Press Enter or Esc in the sheet, then try again.`;
  return `${what}: Excel said "${said}". Try again; if it keeps happening, close and reopen the add-in.`;
}

function overridesOf(request: TrackerRequest): HeaderOverrides | undefined {
  if (!request.overrides || Object.keys(request.overrides).length === 0) return undefined;
  const out: HeaderOverrides = {};
  for (const [field, target] of Object.entries(request.overrides)) {
    if ((FIELDS as readonly string[]).includes(field)) out[field as keyof HeaderOverrides] = target;
  }
  return out;
}

function snapshotInfo(periods: readonly SnapshotPeriod[]): SnapshotInfo[] {
  return periods.map((p) => ({ period: p.period, taken: p.taken, actions: p.rows }));
}

/** The period to compare with: the one asked for, or (undefined) the latest that is not this period. */
function chosenPeriod(periods: readonly SnapshotPeriod[], request: TrackerRequest): SnapshotPeriod | null {
  if (request.previousPeriod === null) return null;
  if (request.previousPeriod !== undefined) return periods.find((p) => p.period === request.previousPeriod) ?? null;
  const latest = previousSnapshot(
    periods.map((p) => ({ period: p.period, taken: p.taken, actions: [] })),
    request.period,
  );
  return latest ? (periods.find((p) => p.period === latest.period) ?? null) : null;
}

/** What the previous period knew, as actions, for the ACTIONS functions' index. */
function asActions(snapshot: Snapshot): Action[] {
  return snapshot.actions.map((p, i) => ({
    id: p.id,
    theme: "",
    action: "",
    lead: "",
    deliveryLead: "",
    status: p.status,
    rag: p.rag,
    ragSource: p.rag ? "text" : null,
    direction: null,
    update: "",
    timeframe: "",
    references: [],
    extra: {},
    rows: [i + 1],
    cells: {},
    hidden: false,
  }));
}

function cellText(view: GridView, cell: string): string {
  const m = /^([A-Z]+)(\d+)$/.exec(cell);
  return m ? view.text(Number(m[2]), columnNumber(m[1])) : "";
}

function changesOf(grid: SheetGrid, writes: readonly CellWrite[]): CellChange[] {
  const view = new GridView(grid);
  return writes.map((w) => {
    // What the cell holds, spaces and all (a fix may be only the spaces).
    const m = /^([A-Z]+)(\d+)$/.exec(w.cell);
    const raw = m ? view.raw(Number(m[2]), columnNumber(m[1])) : null;
    const before = typeof raw === "string" ? raw : cellText(view, w.cell);
    return before !== w.text && before.trim() === w.text ? { cell: w.cell, before, after: w.text, note: "stray spaces" } : { cell: w.cell, before, after: w.text };
  });
}

function sameChanges(a: readonly CellChange[], b: readonly CellChange[]): boolean {
  return a.length === b.length && a.every((x, i) => x.cell === b[i].cell && x.before === b[i].before && x.after === b[i].after);
}

function lines<K extends string>(keys: readonly K[], counts: Record<K | "Not set", number>): CountLine[] {
  return [...keys, "Not set" as const].map((key) => ({ key, count: counts[key] }));
}

export function createExcelHost(options: ExcelHostOptions = {}): TaskpaneHost {
  const now = options.now ?? (() => new Date());
  const watch = options.watch ?? true;
  let watching = "";

  /** One Excel.run with the requirement check and plain errors. */
  async function run<T>(what: string, batch: (context: Excel.RequestContext) => Promise<HostResult<T>>): Promise<HostResult<T>> {
    const tooOld = unsupportedMessage(options.requirements ?? Office.context.requirements);
    if (tooOld) return { error: tooOld };
    try {
      return await Excel.run({ delayForCellEdit: true }, batch);
    } catch (err) {
      return { error: excelFailure(what, err) };
    }
  }

  /**
   * Read the tracker, the sheet list and the snapshot periods: 1 round trip for
   * the sheets and the periods (more only for a big snapshot sheet, ~2 MB each),
   * the reader's bounded batches, then the rows of the one period compared with
   * (1 round trip, or one per ~2 MB). Publishes the tracker (and the previous
   * period) for the ACTIONS functions.
   */
  async function read(context: Excel.RequestContext, request: TrackerRequest): Promise<Read | HostError> {
    const worksheets = context.workbook.worksheets;
    // The sheet list and the saved tracker come back with the snapshot list's first round trip.
    let savedTracker: () => SavedTracker | null = () => null;
    const { periods } = await listSnapshotPeriods(context, {
      alongside: () => {
        worksheets.load("items");
        savedTracker = queueSavedTracker(context);
      },
    });
    const sheets = worksheets.items.filter((s) => s.visibility === "Visible" && s.name !== SNAPSHOT_SHEET).map((s) => s.name);
    const saved = savedTracker();
    // Finding the tracker afresh (no sheet, no corrections) uses the one saved in the workbook, if its sheet is still there.
    if (request.sheet === undefined && request.overrides === undefined && saved && sheets.includes(saved.sheet)) {
      request = { ...request, sheet: saved.sheet, overrides: saved.overrides };
    }
    const overrides = overridesOf(request);
    // The tracker in use and its mapping are saved in the workbook (for next time, and for the
    // functions), riding with the reader's round trips once its first one has found the header.
    let saveQueued = false;
    const beforeBody = ({ sheet, tracker }: { sheet: string; tracker: boolean }) => {
      const toSave: SavedTracker = { sheet, overrides: request.overrides ?? {} };
      if (!tracker || sameSaved(saved, toSave)) return;
      queueSaveTracker(context, toSave);
      saveQueued = true;
    };
    const { grid, stats } = await readSheetGrid(context, { sheet: request.sheet, overrides, beforeBody });
    const report = readTracker(grid, { overrides });
    if (!report.tracker) {
      const why = report.issues[0]?.message ?? `No tracker table found in sheet "${grid.name}".`;
      const others = sheets.filter((s) => s !== grid.name);
      return { error: others.length ? `${why} If the tracker is on another sheet, choose it from the list.` : why, sheets };
    }
    const chosen = chosenPeriod(periods, request);
    const previous = chosen ? (await loadSnapshotPeriod(context, chosen)).snapshot : null;
    // A sheet read in its first round trip alone: the save goes with the previous period's rows, or on its own.
    if (saveQueued && stats.syncs === 1 && !chosen) await context.sync();
    publishTracker(report, previous ? asActions(previous) : null);
    const tracked = report as Read["report"];
    if (watch) {
      const key = JSON.stringify([report.tracker.sheet, request.overrides ?? {}]);
      if (key !== watching) {
        watching = key;
        // A second, separate batch that only registers a change handler; failure is not the user's problem.
        keepTrackerFresh({ sheet: report.tracker.sheet, overrides: overridesOf(request) }).catch(() => {
          watching = "";
        });
      }
    }
    const warnings = stats.mergedAreasUnread ? [MERGED_AREAS_UNREAD_WARNING] : [];
    return { grid, report: tracked, counts: countActions(report.actions), sheets, periods, previous, warnings, overrides: request.overrides ?? {} };
  }

  function view(r: Read): TrackerView {
    const { tracker, actions } = r.report;
    const grid = new GridView(r.grid);
    const mapping: FieldMapping[] = FIELDS.map((field) => {
      const cols = tracker.columns.filter((c) => c.field === field);
      return {
        field,
        label: FIELD_LABEL[field],
        column: cols.length ? cols.map((c) => c.column).join(", ") : null,
        header: cols.length ? cols.map((c) => c.header).join(", ") : null,
        editable: !MULTI_COLUMN_FIELDS.has(field),
      };
    });
    const headerCells = [];
    for (let c = grid.firstColumn; c <= grid.lastColumn; c++) {
      const text = grid.text(tracker.headerRow, c);
      if (text) headerCells.push({ column: columnLetter(c), text });
    }
    const issues: Issue[] = [...r.report.issues, ...checkActions(tracker.sheet, actions, { asOf: now() })];
    if (r.previous) issues.push(...contradictions(tracker.sheet, actions, compareWithPrevious(actions, r.previous.actions), r.previous.period));
    const sorted = issues.map((issue, i) => ({ issue, i })).sort((a, b) => SEVERITY_ORDER[a.issue.severity] - SEVERITY_ORDER[b.issue.severity] || a.i - b.i);
    return {
      sheet: tracker.sheet,
      sheets: r.sheets,
      headerRow: tracker.headerRow,
      firstDataRow: tracker.firstDataRow,
      lastDataRow: tracker.lastDataRow,
      actions: r.counts.actions,
      referencesInActionText: tracker.referencesInActionText,
      mapping,
      headerCells,
      status: lines(STATUSES, r.counts.status),
      rag: lines(RAGS, r.counts.rag),
      direction: lines(DIRECTIONS, r.counts.direction),
      issues: sorted.map(({ issue }) => ({ severity: issue.severity, code: issue.code, sheet: issue.sheet, cell: issue.cell, message: issue.message })),
      ragFromFill: ragLabelWrites(r.grid, actions).map((w) => w.cell),
      snapshots: snapshotInfo(r.periods),
      previousPeriod: r.previous?.period ?? null,
      warnings: r.warnings,
      overrides: r.overrides,
      spellings: spellingWrites(r.grid, tracker, actions).length,
    };
  }

  function ragChanges(r: Read): CellChange[] {
    const fills = new Map(r.report.actions.filter((a) => a.ragSource === "fill" && a.cells.rag).map((a) => [a.cells.rag!, a.rag]));
    return changesOf(r.grid, ragLabelWrites(r.grid, r.report.actions)).map((c) => {
      const rag = fills.get(c.cell);
      return rag ? { ...c, note: `${rag.toLowerCase()} fill` } : c;
    });
  }

  function directionChanges(r: Read, previousPeriod: string): HostResult<{ changes: CellChange[]; preview: Omit<DirectionsPreview, "changes" | "sheet"> }> {
    const snapshot = r.previous?.period === previousPeriod ? r.previous : null;
    if (!snapshot) {
      return {
        error: r.periods.length
          ? `There is no snapshot for "${previousPeriod}". Choose one of: ${r.periods.map((s) => `"${s.period}"`).join(", ")}.`
          : `There are no snapshots yet, so there is no previous period to compare with. Take a snapshot at the end of this period; next period you can compare with it.`,
      };
    }
    const comparison = compareWithPrevious(r.report.actions, snapshot.actions);
    const { writes, newColumn } = directionWrites(r.grid, r.report.tracker, r.report.actions, comparison, previousPeriod);
    return { changes: changesOf(r.grid, writes), preview: { previousPeriod, counts: comparison.counts, removed: comparison.removed, newColumn } };
  }

  /**
   * Write confirmed changes as text, 2 round trips: the cells' contents and
   * number formats first (for the undo), then the write.
   */
  async function write(context: Excel.RequestContext, sheet: string, changes: readonly CellChange[], what: string): Promise<UndoToken> {
    const ws = context.workbook.worksheets.getItem(sheet);
    const before = changes.map((c) => ws.getRange(c.cell).load("values,formulas,numberFormat"));
    await context.sync();
    const undo: UndoToken = {
      sheet,
      what,
      cells: changes.map((c, i) => {
        const value = before[i].values[0][0] as string | number | boolean;
        const formula = before[i].formulas[0][0];
        const isFormula = typeof formula === "string" && formula !== String(value) && formula.startsWith("=");
        return { cell: c.cell, after: c.after, before: isFormula ? formula : value, formula: isFormula, numberFormat: before[i].numberFormat[0][0] };
      }),
    };
    queueTextWrites(ws, changes.map((c) => ({ cell: c.cell, text: c.after })));
    await asOwnWrite(() => context.sync());
    // The watch ignores our own writes; these change what the tracker says, so the
    // ACTIONS functions re-read it once this batch is over (its own Excel.run).
    setTimeout(() => void refreshTrackerNow().catch(() => undefined), 0);
    return undo;
  }

  /** The spelling fixes, leaving out any cell that holds a formula (1 round trip). */
  async function spellingChanges(context: Excel.RequestContext, r: Read): Promise<CellChange[]> {
    const changes = changesOf(r.grid, spellingWrites(r.grid, r.report.tracker, r.report.actions));
    if (changes.length === 0) return changes;
    const ws = context.workbook.worksheets.getItem(r.report.tracker.sheet);
    const cells = changes.map((c) => ws.getRange(c.cell).load("values,formulas"));
    await context.sync();
    return changes.filter((_, i) => String(cells[i].formulas[0][0]) === String(cells[i].values[0][0]));
  }

  const changedSince = (sheet: string) =>
    `The sheet "${sheet}" changed since you reviewed the changes, so nothing was written. Review them again and confirm.`;

  return {
    readTracker(request) {
      return run("Reading the tracker", async (context) => {
        const r = await read(context, request);
        return "error" in r ? r : view(r);
      });
    },

    applyFormatting(request) {
      return run("Applying the colours", async (context) => {
        const r = await read(context, request);
        if ("error" in r) return r;
        const plan = formattingPlan(r.report.tracker);
        if (plan.rules.length === 0) {
          return { error: `The tracker on "${r.report.tracker.sheet}" has no Status, RAG or Direction of travel column to colour. Check the column mapping.` };
        }
        const done = await asOwnWrite(() => applyFormatting(context, plan));
        const ranges = [...new Map(plan.rules.map((rule) => [`${rule.range}:${rule.field}`, `${rule.range} (${FIELD_LABEL[rule.field]})`])).values()];
        return { sheet: plan.sheet, added: done.added, removed: done.removed, ranges };
      });
    },

    removeFormatting(request) {
      return run("Removing the colours", async (context) => {
        const r = await read(context, request);
        if ("error" in r) return r;
        const done = await asOwnWrite(() => removeFormatting(context, r.report.tracker.sheet));
        return { sheet: r.report.tracker.sheet, added: 0, removed: done.removed, ranges: [] };
      });
    },

    previewRagLabels(request) {
      return run("Looking for RAG shown only by colour", async (context) => {
        const r = await read(context, request);
        if ("error" in r) return r;
        return { sheet: r.report.tracker.sheet, changes: ragChanges(r) };
      });
    },

    writeRagLabels(request, confirmed) {
      return run("Writing the RAG words", async (context) => {
        const r = await read(context, request);
        if ("error" in r) return r;
        const sheet = r.report.tracker.sheet;
        const changes = ragChanges(r);
        if (!sameChanges(changes, confirmed)) return { error: changedSince(sheet) };
        const undo = changes.length ? await write(context, sheet, changes, "the RAG words") : undefined;
        return { sheet, cells: changes.map((c) => c.cell), undo };
      });
    },

    previewSpellingFixes(request) {
      return run("Looking for spellings to fix", async (context) => {
        const r = await read(context, request);
        if ("error" in r) return r;
        return { sheet: r.report.tracker.sheet, changes: await spellingChanges(context, r) };
      });
    },

    writeSpellingFixes(request, confirmed) {
      return run("Fixing the spellings", async (context) => {
        const r = await read(context, request);
        if ("error" in r) return r;
        const sheet = r.report.tracker.sheet;
        const changes = await spellingChanges(context, r);
        if (!sameChanges(changes, confirmed)) return { error: changedSince(sheet) };
        const undo = changes.length ? await write(context, sheet, changes, "the spelling fixes") : undefined;
        return { sheet, cells: changes.map((c) => c.cell), undo };
      });
    },

    undoWrite(undo) {
      return run(`Undoing ${undo.what}`, async (context) => {
        const ws = context.workbook.worksheets.getItem(undo.sheet);
        const now = undo.cells.map((c) => ws.getRange(c.cell).load("values"));
        await context.sync();
        const edited = undo.cells.filter((c, i) => String(now[i].values[0][0]) !== c.after).map((c) => c.cell);
        if (edited.length) {
          return {
            error: `${cellList(edited)} on "${undo.sheet}" ${edited.length === 1 ? "was" : "were"} edited after ${undo.what} were written, so nothing was undone. Put back what you need by hand, or with Excel's own Undo.`,
          };
        }
        for (const c of undo.cells) {
          const range = ws.getRange(c.cell);
          // A text that looks like a formula stays text ("@"), whatever its format was.
          const looksLikeFormula = !c.formula && typeof c.before === "string" && /^[=+\-@\t\r]/.test(c.before);
          range.numberFormat = [[looksLikeFormula ? "@" : c.numberFormat]];
          range.values = [[c.before]];
        }
        await asOwnWrite(() => context.sync());
        setTimeout(() => void refreshTrackerNow().catch(() => undefined), 0);
        return { sheet: undo.sheet, cells: undo.cells.map((c) => c.cell) };
      });
    },

    takeSnapshot(request, period) {
      const label = period.trim();
      if (!label) return Promise.resolve({ error: 'Type a label for this period (for example "Quarter 3 2026/27"), then take the snapshot.' });
      return run("Taking the snapshot", async (context) => {
        const r = await read(context, request);
        if ("error" in r) return r;
        const existing = r.periods.find((s) => s.period.toLowerCase() === label.toLowerCase());
        if (existing) {
          return {
            error: `There is already a snapshot for "${existing.period}" (taken ${existing.taken}) in the sheet "${SNAPSHOT_SHEET}". Use another period label; to replace it, delete its rows in that sheet (Unhide shows it) first.`,
          };
        }
        const done = await asOwnWrite(() => takeSnapshot(context, label, now(), r.report.tracker.sheet, r.report.actions));
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
        const d = directionChanges(r, previousPeriod);
        if ("error" in d) return d;
        return { sheet: r.report.tracker.sheet, changes: d.changes, ...d.preview };
      });
    },

    writeDirections(request, previousPeriod, confirmed) {
      return run("Writing the directions of travel", async (context) => {
        const r = await read(context, { ...request, previousPeriod });
        if ("error" in r) return r;
        const sheet = r.report.tracker.sheet;
        const d = directionChanges(r, previousPeriod);
        if ("error" in d) return d;
        if (!sameChanges(d.changes, confirmed)) return { error: changedSince(sheet) };
        const undo = d.changes.length ? await write(context, sheet, d.changes, "the directions of travel") : undefined;
        return { sheet, cells: d.changes.map((c) => c.cell), undo };
      });
    },

    buildPanelSummary(request, summary) {
      const period = summary.period.trim();
      if (!period) return Promise.resolve({ error: 'Type a label for this period (for example "Quarter 3 2026/27"), then build the panel summary.' });
      return run("Building the panel summary", async (context) => {
        const r = await read(context, { ...request, period, previousPeriod: summary.previousPeriod });
        if ("error" in r) return r;
        let previous: SummaryPrevious | null = null;
        if (summary.previousPeriod !== null) {
          const snapshot = r.previous?.period === summary.previousPeriod ? r.previous : null;
          if (!snapshot) return { error: `There is no snapshot for "${summary.previousPeriod}" to compare with. Choose another previous period, or none.` };
          previous = { label: snapshot.period, actions: snapshot.actions, comparison: compareWithPrevious(r.report.actions, snapshot.actions) };
        }
        const plan = buildPanelSummary({ report: r.report, counts: r.counts, previous, options: { period, asOf: now(), built: now() } });
        const written = await asOwnWrite(() => writePanelSummary(context, plan));
        return { sheet: written.sheet, sentence: plan.text.sentence };
      });
    },

    goToCell(sheet, cell) {
      if (!/^[A-Z]{1,3}[1-9]\d{0,6}$/.test(cell)) return Promise.resolve({ error: `"${cell}" is not a cell address on "${sheet}".` });
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
