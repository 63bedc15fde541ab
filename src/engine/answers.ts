/**
 * The engine's answers: what the task pane asks of the engine, as pure
 * functions of one sheet kept in it (a KeptSheet): the view it shows, the
 * cells a confirmed write would change, the formatting and Panel Summary
 * plans, the snapshot rows; each compared with the period the host asked for,
 * resolved once when it gave it (comparePeriods). No Office, no I/O:
 * the same code runs in the engine's web worker (src/engine/worker.ts) and, in
 * tests and on hosts without workers, in the page (src/engine/engine.ts).
 */
import {
  DIRECTIONS,
  FIELDS,
  FIELD_LABEL,
  MULTI_COLUMN_FIELDS,
  RAGS,
  countedRags,
  everyRag,
  STATUSES,
  GridView,
  analyseTracker,
  countActions,
  hasTracker,
  previousPeriodInSheet,
  buildHistory,
  periodActions,
  periodsInSheet,
  buildPanelPaper,
  buildPanelSummary,
  columnLetter,
  columnNumber,
  compareWithPrevious,
  directionWrites,
  formattingPlan,
  ragLabelWrites,
  readTrackerWithWords,
  snapshotRows,
  snapshotPeriods,
  signOff,
  signOffRows,
  signedOffIssues,
  spellingWrites,
  validationPlan,
  wordsOf,
} from "../model";
import { LATEST, paperPosition, periodLabel, resolveComparedWith } from "../model";
import type { ChangeLogEntry, SignOff } from "../model";
import type { AlertStyle, ComparedPeriod, ComparedResolution, ComparedWith, Counts, PeriodAction, PreviousPeriod, Result, ValidationPlan } from "../model";
import type { CellWrite, FormattingPlan, FoundReport, HeaderOverrides, PanelSummaryInput, PaperPlan, PaperSettings, SheetGrid, Snapshot, SummaryPlan, SummaryPrevious, Tracker, TrackerAnalysis, Words, Issue } from "../model";
import { hostError, isHostError } from "../shared/host";
import type { CellChange, CountLine, DirectionsPreview, FieldMapping, HostResult, IssueTotals, PaneIssue, PeriodColumns, SheetPeriodsView, SnapshotInfo, TrackerView, WordOffer } from "../shared/host";

/** One sheet read by the engine and kept under a key: what the model's analysis (analyseTracker) starts from. */
export interface KeptSheet {
  grid: SheetGrid;
  report: FoundReport;
  /** The words it was read with: the defaults and the workbook's "Delivery plan words" sheet. */
  words: Words;
  /** In a sheet that keeps several periods side by side: its own previous period, read from that period's columns. */
  inSheet: PreviousPeriod | null;
  /** That period's counts, as its own columns give them. */
  inSheetCounts: Counts | null;
  /** The period columns chosen and in use; and, when a choice could not be used, why (the latest periods were read instead). */
  periodColumns?: PeriodColumns;
  periodProblem?: string;
  /** The corrections it was read with (the history reads each period of the sheet with them). */
  overrides?: HeaderOverrides;
  /** The periods as the host last gave them (comparePeriods): this period's label, the comparison asked for, the workbook's snapshots. */
  periods: PeriodsGiven;
  /** The period compared with, resolved once from `periods` (resolveComparedWith), or why there is none. */
  compared: ComparedResolution;
}

/** What the host tells the engine of the periods, once a command: this period's label, the period asked to compare with, the snapshots there are and the one whose rows it loaded. */
export interface PeriodsGiven {
  period?: string;
  comparedWith: ComparedWith;
  /** The labels of the workbook's snapshots, in the order taken. */
  snapshots: string[];
  /** The snapshot the comparison asks for, its rows loaded (snapshotAsked), if any. */
  loaded: Snapshot | null;
  /** Every snapshot, its rows loaded, oldest taken first: when the host read them for the history (the Panel Summary, the paper). */
  kept?: readonly Snapshot[];
}

/** What the host needs back from a read: the tracker's shape (and the period columns in use, to keep), or why there is none. */
export type Loaded = Result<{ tracker: Tracker; actions: number; issues: number; periodColumns?: PeriodColumns }>;

const ROLE = { current: "this period", previous: "the previous period" } as const;

/** "F (“Status June 2021”)" for each period column. */
function periodColumnList(tracker: Tracker): string {
  const list = tracker.periods!.columns.map((c) => `${c.column} ("${c.header}")`);
  return list.length > 1 ? `${list.slice(0, -1).join(", ")} or ${list[list.length - 1]}` : list.join("");
}

/**
 * Why the period columns chosen cannot be used, in words for the pane (naming
 * the column and what to do), or null when they can. A column is named by
 * its letter (the pane's) or its header text (the CLI's).
 */
export function periodChoiceProblem(grid: SheetGrid, tracker: Tracker, choice: PeriodColumns): string | null {
  const view = new GridView(grid);
  const headerOf = (letter: string) => (/^[A-Z]{1,3}$/.test(letter) ? view.text(tracker.headerRow, columnNumber(letter)) : "");
  const periods = tracker.periods;
  const find = (target: string) => periods?.columns.find((c) => c.column === target.trim().toUpperCase() || c.header.trim().toLowerCase() === target.trim().toLowerCase());
  for (const which of ["current", "previous"] as const) {
    const target = choice[which];
    if (!target) continue;
    const header = headerOf(target.trim().toUpperCase());
    const named = /^[A-Za-z]{1,3}$/.test(target.trim()) ? `Column ${target.trim().toUpperCase()}${header ? ` ("${header}")` : " (empty in the header row)"}` : `The column "${target}"`;
    if (!periods) {
      return `${named} was chosen as ${ROLE[which]}'s column, but sheet "${tracker.sheet}" keeps one period only (no status or RAG columns headed by a month or quarter, such as "Status June 2021" and "Status November 2021"). The sheet was read as one period; there is no period column to choose.`;
    }
    const found = find(target);
    if (!found) {
      return `${named} is not one of the period columns of sheet "${tracker.sheet}", so it cannot be read as ${ROLE[which]}. The latest periods were read instead. Choose ${ROLE[which]}'s column under "Periods in this sheet": ${periodColumnList(tracker)}.`;
    }
    if (which === "previous" && found.period === periods.current) {
      return `${named} is ${found.period}, the period read as this period, so it cannot also be the previous period. The latest periods were read instead. Choose an earlier period's column under "Periods in this sheet".`;
    }
  }
  return null;
}

export function readSheet(grid: SheetGrid, overrides?: HeaderOverrides, wordsSheet?: SheetGrid | null, periodColumns?: PeriodColumns): { read: KeptSheet | null; loaded: Loaded } {
  const words = wordsOf(wordsSheet);
  const choice = periodColumns && (periodColumns.current || periodColumns.previous) ? periodColumns : undefined;
  const first = readTrackerWithWords(grid, words, overrides, choice);
  if (!hasTracker(first)) {
    return { read: null, loaded: { ok: false, message: first.issues[0]?.message ?? `No tracker table found in sheet "${grid.name}".` } };
  }
  // A choice that cannot be used is said once, in the pane's words; the sheet is read with its latest periods.
  const periodProblem = choice ? (periodChoiceProblem(grid, first.tracker, choice) ?? undefined) : undefined;
  const plain = periodProblem ? readTrackerWithWords(grid, words, overrides) : null;
  const report: FoundReport = plain && hasTracker(plain) ? plain : first;
  const inSheet = previousPeriodInSheet(grid, report, words, overrides);
  const inSheetCounts = inSheet ? countActions(inSheet.report.actions) : null;
  const inUse = periodProblem ? undefined : choice;
  const read: KeptSheet = { grid, report, words, overrides, inSheet: inSheet ? { label: inSheet.label, actions: inSheet.actions } : null, inSheetCounts, periodColumns: inUse, periodProblem, periods: NO_PERIODS, compared: { ok: true, period: null } };
  comparePeriods(read, NO_PERIODS);
  return { read, loaded: { ok: true, tracker: report.tracker, actions: report.actions.length, issues: report.issues.length, ...(inUse ? { periodColumns: inUse } : {}) } };
}

/** Until the host says otherwise: no label, the latest period, no snapshots. */
const NO_PERIODS: PeriodsGiven = { comparedWith: LATEST, snapshots: [], loaded: null };

/** Take the periods the host gives, and resolve the period compared with, once. */
export function comparePeriods(a: KeptSheet, periods: PeriodsGiven): void {
  a.periods = periods;
  a.compared = resolveComparedWith(periods.comparedWith, { current: periods.period, snapshots: periods.snapshots, loaded: periods.loaded, inSheet: a.inSheet });
}

/** The period compared with, or why there is none (worded for the pane). */
function comparedOf(a: KeptSheet): HostResult<{ period: ComparedPeriod | null }> {
  const c = a.compared;
  return c.ok ? c : hostError("no-snapshot", { ...c, sheet: a.report.tracker.sheet });
}

/** The period compared with, for the view: none when the one asked for is not there. */
function comparedPeriod(a: KeptSheet): ComparedPeriod | null {
  return a.compared.ok ? a.compared.period : null;
}

/** The model's analysis of a sheet read, as of a date, against the period compared with. */
function analysed(a: KeptSheet, asOf: Date, previous: PreviousPeriod | null = comparedPeriod(a)): TrackerAnalysis {
  return analyseTracker(a.report, { asOf, previous });
}

/** The sheet's periods as the pane shows them, with the problem of a choice that could not be used. */
function sheetPeriodsView(a: KeptSheet): SheetPeriodsView | undefined {
  const p = a.report.tracker.periods;
  if (!p) return undefined;
  const before = a.inSheetCounts;
  return {
    columns: p.columns.map((c) => ({ ...c })),
    current: p.current,
    previous: p.previous,
    ...(before ? { previousCounts: { status: lines(STATUSES, before.status), rag: lines(countedRags(before.rag), everyRag(before.rag)) } } : {}),
    ...(a.periodProblem ? { problem: a.periodProblem } : {}),
  };
}

/** What the view adds to the analysis: facts about the workbook that only the host knows. */
export interface ViewExtra {
  sheets: string[];
  snapshots: SnapshotInfo[];
  warnings: string[];
  overrides: Record<string, string | null>;
  /** Today, ISO "2026-11-23", for the overdue checks. */
  asOf: string;
  /** The periods signed off (the workbook's sign-off sheet) and its Change log's rows: Check lists each signed-off value changed since. */
  signedOff?: { records: SignOff[]; log: ChangeLogEntry[] };
}

const SEVERITY_ORDER: Record<PaneIssue["severity"], number> = { error: 0, warning: 1, info: 2 };

/**
 * Issues of one kind the view lists: plenty to work through, and a pane that
 * stays quick on a tracker with thousands (the counts are always exact).
 */
export const ISSUES_PER_KIND = 300;

function listed(issues: readonly PaneIssue[]): { issues: PaneIssue[]; totals: IssueTotals } {
  const totals: IssueTotals = { total: issues.length, bySeverity: { error: 0, warning: 0, info: 0 }, byKind: {} };
  const out: PaneIssue[] = [];
  for (const issue of issues) {
    totals.bySeverity[issue.severity]++;
    const kind = (totals.byKind[issue.code] ??= { severity: issue.severity, count: 0 });
    if (++kind.count <= ISSUES_PER_KIND) out.push(issue);
  }
  return { issues: out, totals };
}

function lines<K extends string>(keys: readonly K[], counts: Record<K | "Not set", number>): CountLine[] {
  return [...keys, "Not set" as const].map((key) => ({ key, count: counts[key] }));
}

/** On a word we do not know in the tracker's status or RAG column: the offer to keep it as the organisation's own word. */
function wordOffer(a: KeptSheet, grid: GridView, issue: Issue): WordOffer | null {
  const at = issue.cell && issue.sheet === a.report.tracker.sheet ? /^([A-Z]{1,3})([1-9]\d*)$/.exec(issue.cell) : null;
  if (!at) return null;
  const field = a.report.tracker.columns.find((c) => c.column === at[1])?.field;
  if (field !== "status" && field !== "rag") return null;
  const word = grid.text(Number(at[2]), columnNumber(at[1])).trim();
  if (!word) return null;
  return { word, field, likely: a.words.lexicon.suggest(word, field), meanings: [...(field === "status" ? STATUSES : RAGS)] };
}

export function paneView(a: KeptSheet, extra: ViewExtra): TrackerView {
  const { tracker, actions } = a.report;
  const analysis = analysed(a, new Date(extra.asOf));
  const grid = new GridView(a.grid);
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
  // A reading that rests on a guess comes first: the officer confirms it before anything else.
  const rank = (issue: PaneIssue) => (issue.code === "guessed-reading" ? -1 : SEVERITY_ORDER[issue.severity]);
  const signed = extra.signedOff?.records.length ? signedOffIssues(tracker.sheet, actions, extra.signedOff.records, extra.signedOff.log) : [];
  const sorted = [...analysis.issues, ...signed].map((issue, i) => ({ issue, i })).sort((x, y) => rank(x.issue) - rank(y.issue) || x.i - y.i);
  const shown = listed(
    sorted.map(({ issue }) => {
      const offer = issue.code === "unknown-value" ? wordOffer(a, grid, issue) : null;
      return offer ? { ...issue, offer } : { ...issue };
    }),
  );
  return {
    sheet: tracker.sheet,
    sheets: extra.sheets,
    headerRow: tracker.headerRow,
    firstDataRow: tracker.firstDataRow,
    lastDataRow: tracker.lastDataRow,
    actions: analysis.counts.actions,
    referencesInActionText: tracker.referencesInActionText,
    mapping,
    headerCells,
    status: lines(STATUSES, analysis.counts.status),
    rag: lines(countedRags(analysis.counts.rag), everyRag(analysis.counts.rag)),
    direction: lines(DIRECTIONS, analysis.counts.direction),
    issues: shown.issues,
    issueTotals: shown.totals,
    ragFromFill: ragLabelWrites(a.grid, actions).map((w) => w.cell),
    snapshots: extra.snapshots,
    ...previousOfView(a),
    warnings: extra.warnings,
    overrides: extra.overrides,
    spellings: spellingWrites(a.grid, tracker, actions, a.words.lexicon).length,
    ...ownPeriodOf(a),
  };
}

/** The period the tracker names itself (its title rows, or a date in its header), as the CLI reads it. */
function ownPeriodOf(a: KeptSheet): Pick<TrackerView, "ownPeriod"> {
  const own = periodLabel({ grid: a.grid, headerRow: a.report.tracker.headerRow });
  return own ? { ownPeriod: own.label } : {};
}

function previousOfView(a: KeptSheet): Pick<TrackerView, "previousPeriod" | "previousFrom" | "sheetPeriods" | "periodColumns"> {
  const compared = comparedPeriod(a);
  const sheetPeriods = sheetPeriodsView(a);
  return {
    previousPeriod: compared?.label ?? null,
    ...(compared ? { previousFrom: compared.from } : {}),
    ...(sheetPeriods ? { sheetPeriods } : {}),
    ...(a.periodColumns ? { periodColumns: { ...a.periodColumns } } : {}),
  };
}

function textAt(view: GridView, cell: string): string {
  const m = /^([A-Z]+)(\d+)$/.exec(cell);
  return m ? view.text(Number(m[2]), columnNumber(m[1])) : "";
}

/** Each write as a change the user can review: what the cell holds now (spaces and all) and what it will say. */
export function changesOf(grid: SheetGrid, writes: readonly CellWrite[]): CellChange[] {
  const view = new GridView(grid);
  return writes.map((w) => {
    const m = /^([A-Z]+)(\d+)$/.exec(w.cell);
    const raw = m ? view.raw(Number(m[2]), columnNumber(m[1])) : null;
    const before = typeof raw === "string" ? raw : textAt(view, w.cell);
    return before !== w.text && before.trim() === w.text ? { cell: w.cell, before, after: w.text, note: "stray spaces" } : { cell: w.cell, before, after: w.text };
  });
}

/** The RAG words for cells that show the RAG only by their fill, with the fill named. */
export function ragChanges(a: KeptSheet): CellChange[] {
  const fills = new Map(a.report.actions.filter((x) => x.ragSource === "fill" && x.cells.rag).map((x) => [x.cells.rag!, x.rag]));
  return changesOf(a.grid, ragLabelWrites(a.grid, a.report.actions)).map((c) => {
    const rag = fills.get(c.cell);
    return rag ? { ...c, note: `${rag.toLowerCase()} fill` } : c;
  });
}

/** The spelling fixes the model offers (the host then leaves out cells holding a formula). */
export function spellingCandidates(a: KeptSheet): CellChange[] {
  return changesOf(a.grid, spellingWrites(a.grid, a.report.tracker, a.report.actions, a.words.lexicon));
}

/** The directions of travel against the period compared with, as changes to review, and what the preview says of them. */
export function directionChanges(a: KeptSheet): HostResult<{ changes: CellChange[]; preview: Omit<DirectionsPreview, "changes" | "sheet">; looks: { cell: string; look: CellWrite["look"] & object }[] }> {
  const compared = comparedOf(a);
  if (isHostError(compared)) return compared;
  const previous = compared.period;
  if (!previous) return hostError("no-snapshot", { problem: "nothing-to-compare", snapshots: a.periods.snapshots, sheet: a.report.tracker.sheet });
  const comparison = compareWithPrevious(a.report.actions, previous.actions);
  const { writes, newColumn } = directionWrites(a.grid, a.report.tracker, a.report.actions, comparison, previous.label);
  const preview = { comparedWith: a.periods.comparedWith, previousLabel: previous.label, counts: comparison.counts, removed: comparison.removed, newColumn };
  const looks = writes.flatMap((w) => (w.look ? [{ cell: w.cell, look: w.look }] : []));
  return { changes: changesOf(a.grid, writes), preview, looks };
}

export function formatting(a: KeptSheet): FormattingPlan {
  return formattingPlan(a.report.tracker, a.words.vocabulary);
}

/** The drop-down lists for the tracker's status, RAG and direction columns. */
export function validation(a: KeptSheet, style: AlertStyle = "warning"): ValidationPlan {
  return validationPlan(a.grid, a.report.tracker, a.report.actions, { style, ownWords: a.words.listWords, lexicon: a.words.lexicon });
}

/**
 * The Panel Summary's input: this period (the host gave its label), compared with the period asked for, as of `now`
 * (ISO date-time: also when it was built), or as of `asOf` when given (the paper's position date).
 */
function summaryInput(a: KeptSheet, now: string, asOf = new Date(now)): HostResult<PanelSummaryInput & { issues: readonly Issue[] }> {
  const period = a.periods.period;
  if (!period) throw new Error("The engine was given no label for this period: the host checks it first.");
  const compared = comparedOf(a);
  if (isHostError(compared)) return compared;
  const snapshot = compared.period;
  const analysis = analysed(a, asOf, snapshot);
  const previous: SummaryPrevious | null = snapshot && analysis.comparison ? { label: snapshot.label, actions: snapshot.actions as readonly PeriodAction[], comparison: analysis.comparison } : null;
  // A sheet that keeps several periods side by side is its own history (the model's periodsInSheet): a table of them in the summary and the paper.
  const current = { label: period, actions: periodActions(a.report.actions) };
  const inSheet = periodsInSheet(a.grid, a.report.tracker, current, a.words, a.overrides);
  // Else the snapshots the host read, oldest first, this period last (a snapshot of this period gives way to the tracker now).
  const kept = a.periods.kept?.length ? snapshotPeriods(a.periods.kept, current) : null;
  const history = inSheet ? buildHistory(inSheet).entries : kept && kept.length >= 2 ? buildHistory(kept).entries : undefined;
  return { report: a.report, counts: analysis.counts, previous, ...(history ? { history } : {}), options: { period, asOf, built: new Date(now) }, issues: analysis.issues };
}

export function summaryPlan(a: KeptSheet, now: string): HostResult<SummaryPlan> {
  const input = summaryInput(a, now);
  if (isHostError(input)) return input;
  const { issues: _issues, ...summary } = input;
  return buildPanelSummary(summary);
}

/**
 * The panel paper, from the same plan as the Panel Summary, with the officer's words (the workbook's "Panel paper"
 * sheet). Its position date is the end of this period (as the CLI's without --as-of), never later than today.
 */
export function paperPlan(a: KeptSheet, now: string, settings: PaperSettings = {}): HostResult<PaperPlan> {
  const today = new Date(now);
  const position = paperPosition({ period: a.periods.period ?? "", periodKnown: true, given: null, today });
  const input = summaryInput(a, now, position.asOf);
  return isHostError(input) ? input : buildPanelPaper({ ...input, options: { ...input.options, organisation: settings.organisation }, settings });
}

/** A sign-off of the tracker as it is now: who, when, how many actions, and the rows it appends to the sign-off sheet (all text). */
export function signOffOf(a: KeptSheet, period: string, by: string, when: string): { record: Omit<SignOff, "actions"> & { actions: number }; rows: string[][] } {
  const record = signOff(a.report.actions, period, by, when);
  return { record: { period: record.period, by: record.by, when: record.when, actions: record.actions.length }, rows: signOffRows(record) };
}

/** The rows a snapshot of this period appends (all text). */
export function snapshotOf(a: KeptSheet, period: string, taken: string): string[][] {
  return snapshotRows(period, new Date(taken), a.report.tracker.sheet, a.report.actions);
}

