/**
 * The `delivery-plan` command line: the engine on .xlsx files.
 * Exit codes: 0 no errors (warnings allowed), 1 errors found or a reading that rests on a guess, 2 unusable input.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import type ExcelJS from "exceljs";
import {
  HeaderOverrides,
  LATEST,
  analyseTracker,
  hasTracker,
  headerTexts,
  nearestName,
  buildPanelSummary,
  chooseTrackerSheet,
  compareUpdates,
  SIGN_OFF_SHEET,
  readSignOffs,
  signedOffChanges,
  signedOffIssues,
  cellWriteLogRows,
  changeLogSummary,
  formattingLogRows,
  logTime,
  ruleLogItems,
  listLogItem,
  changeLogGrid,
  readChangeLog,
  updatesFromChangeLog,
  countActions,
  directionWrites,
  formattingPlan,
  ragLabelWrites,
  monthLabel,
  paperPosition,
  periodLabel,
  previousPeriodInSheet,
  readTracker,
  readTrackerWithWords,
  resolveComparedWith,
  validationPlan,
} from "../model";
import type { AlertStyle, ChangeLogEntry, ChangeLogRow, SignOff, SignedOffChange, ComparedWith, Comparison, Counts, FoundReport, Issue, PeriodLabel, SheetGrid, UpdateComparison, ValidationResult, VocabularyExtension, Words } from "../model";
import { TooBigToCopy, changeLogSheet, donorPlan, partsLostInPartCopy, refillChangeLogs, streamWorkbookSkeleton, writePartCopy } from "../xlsx";
import { UnreadableWorkbook, addSummaryCharts, appendChangeLog, changedInCopy, formattingState, list, applyFormattingPlan, applyValidationPlan, keepValidationsWhole, loadWorkbook, partsLostInCopy, readWorkbookGrids, workbookGrids, worksheetToGrid, worksheetNamed, writeCells, writePanelSummary } from "../xlsx";
import { formatSummary, formatValidation, oneLine } from "./output";
import { InputError } from "./input-error";
import { writeAtomically, writeFailure } from "./files";
import type { Writer } from "./files";
import { USAGE, UsageError, parseCommandLine } from "./options";
import type { Options } from "./options";
import { readWordsFile, wordsFor } from "./words";
import { Progress } from "./progress";
import { makePanelPaper } from "./report";
import { historyLines, trackerHistory } from "./history";
import type { CliHistory } from "./history";
import type { Clock, ProgressStream } from "./progress";
import type { PeriodAction, PeriodChoice } from "../model";

export { USAGE, UsageError, parseCommandLine };
export type { Options };

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Where the progress line of long work goes (process.stderr): shown only when it is a terminal, and not with --json. */
  progress?: ProgressStream;
  /** The progress line's clock (tests give their own). */
  clock?: Clock;
}

export interface OpenTracker {
  /** The workbook as ExcelJS holds it, to write a copy of: read only when a copy is to be written (`copy`), else null. */
  workbook: ExcelJS.Workbook | null;
  /** A workbook too big to copy whole: `workbook` is it without its cells, and the copy is made part by part from these bytes (copy-parts.ts). */
  parts?: { bytes: Buffer } | null;
  /** Every sheet, as read. */
  grids: SheetGrid[];
  grid: SheetGrid;
  report: FoundReport;
  words: Words;
}

/** The workbook to write a copy of: read as ExcelJS's when the command writes one (analyseFiles' `copy`). */
function copyOf(a: OpenTracker): ExcelJS.Workbook {
  if (!a.workbook) throw new Error("the workbook was read for reading only, not to write a copy of");
  return a.workbook;
}

/** Open a workbook and read its tracker. Throws InputError for unusable input. */
export async function openTracker(
  file: string,
  sheet?: string,
  overrides?: HeaderOverrides,
  wordsFile?: VocabularyExtension,
  periods?: PeriodChoice,
  /** When the sheet named is not there, take the best sheet instead (the previous period's workbook). */
  orBest = false,
  /**
   * Read it as ExcelJS's workbook, to write a copy of; else row by row (readWorkbookGrids), in bounded memory.
   * "parts": a workbook too big to copy whole is read row by row, and its copy made part by part (summary --out).
   */
  copy: boolean | "parts" = false,
): Promise<OpenTracker> {
  let workbook: ExcelJS.Workbook | null = null;
  let grids: SheetGrid[] | null = null;
  let parts: OpenTracker["parts"] = null;
  if (copy) {
    try {
      workbook = await loadWorkbook(file);
    } catch (err) {
      if (!(copy === "parts" && err instanceof TooBigToCopy)) throw err;
      const read = await streamWorkbookSkeleton(file);
      ({ grids, skeleton: workbook } = read);
      refillChangeLogs(workbook, grids);
      parts = { bytes: read.bytes };
    }
  }
  grids ??= workbook ? workbookGrids(workbook) : await readWorkbookGrids(file);
  const words = wordsFor(grids, wordsFile);
  let choice = chooseTrackerSheet(grids, sheet);
  if (!choice.ok && orBest && sheet !== undefined) choice = chooseTrackerSheet(grids);
  if (!choice.ok) throw new InputError(`${file}: ${choice.message}`);
  const report = readTrackerWithWords(choice.grid, words, overrides, periods);
  // A --map or --period-column that cannot be applied stops the run: its reading would not be the one asked for.
  const refused = report.issues.find((i) => i.code === "mapping-not-found");
  if (refused) throw new InputError(`${file}: ${refused.message}${didYouMean(choice.grid, report.tracker?.headerRow, overrides, periods)}`);
  if (!hasTracker(report)) throw new InputError(`${file}: ${report.issues[0]?.message ?? "no tracker found."}`);
  return { workbook, parts, grids, grid: choice.grid, report, words };
}

/** " Did you mean --map status="Status this reporting period"?": the header nearest to a column given by its header text. */
function didYouMean(grid: SheetGrid, headerRow: number | undefined, overrides?: HeaderOverrides, periods?: PeriodChoice): string {
  if (headerRow === undefined) return "";
  const headers = headerTexts(grid, headerRow);
  const given: [string, string, string | null | undefined][] = [
    ...Object.entries(overrides ?? {}).map(([field, target]): [string, string, string | null | undefined] => ["--map", field, target]),
    ...Object.entries(periods ?? {}).map(([which, target]): [string, string, string | null | undefined] => ["--period-column", which, target]),
  ];
  for (const [flag, name, target] of given) {
    // A column letter: the message gives the sheet's columns.
    if (!target || /^[A-Za-z]{1,3}$/.test(target.trim())) continue;
    const near = nearestName(target, headers);
    if (near) return ` Did you mean ${flag} ${name}="${near}"?`;
  }
  return "";
}

/** The files of one command read and analysed (src/model/analysis.ts), with the periods named. */
export interface FilesAnalysed extends OpenTracker {
  counts: Counts;
  issues: Issue[];
  /** This period's label: given, found in the workbook, or else the month of --as-of. */
  period: { label: string; source: PeriodLabel["source"] | "as-of" };
  previous: { label: string; labelFrom: PeriodLabel["source"] | null; actions: readonly PeriodAction[]; counts: Counts; comparison: Comparison; updates: UpdateComparison } | null;
  /** Every period kept, oldest first (history.ts): summary and report only. */
  history?: CliHistory;
  /** The workbook's "Change log" rows (null: no such sheet, or not this tool's). */
  changeLog: ChangeLogEntry[] | null;
  /** The periods signed off (the workbook's hidden sign-off sheet), and the signed-off values changed since. */
  signOff: { records: SignOff[]; changed: SignedOffChange[] };
}

/** When no rule gives the previous period a label. */
export const UNNAMED_PREVIOUS = "the previous period";

/** Read a tracker, and the previous period's workbook if given, and analyse them (analyseTracker). */
export async function analyseFiles(
  options: Pick<Options, "file" | "sheet" | "overrides" | "words" | "previous" | "previousLabel" | "asOf" | "periodColumns"> & { period?: string; out?: string; command?: Options["command"] },
  progress: Progress = new Progress(undefined),
): Promise<FilesAnalysed> {
  const wordsFile = options.words ? await readWordsFile(options.words) : undefined;
  progress.step(`reading ${options.file}`);
  const copy = !options.out || options.command === "report" ? false : options.command === "summary" ? "parts" : true;
  const opened = await openTracker(options.file, options.sheet, options.overrides, wordsFile, options.periodColumns, false, copy);
  const { report } = opened;
  const sheet = report.tracker.sheet;
  let earlier: { opened: OpenTracker; label: string; labelFrom: PeriodLabel["source"] | null } | null = null;
  if (options.previous) {
    progress.step(`reading ${options.previous}`);
    // The earlier file is read from the sheet of the same name when it has one, else its best sheet.
    // Read once: a file refused is not read again.
    const read = await openTracker(options.previous, sheet, options.overrides, wordsFile, undefined, true)
      .catch((err) => {
        throw err instanceof InputError || err instanceof UnreadableWorkbook ? new InputError(`The previous period's workbook: ${err.message}`) : err;
      });
    const found = periodLabel({ given: options.previousLabel, grid: read.grid, headerRow: read.report.tracker.headerRow, file: options.previous });
    earlier = { opened: read, label: found?.label ?? UNNAMED_PREVIOUS, labelFrom: found?.source ?? null };
  }
  progress.step(`checking ${report.actions.length.toLocaleString("en-GB")} actions`);
  // The period compared with, as the engine resolves it (resolveComparedWith): the previous period's workbook when given,
  // else the latest, which is the sheet's own previous period when it keeps several side by side (not read when a workbook is given).
  const asked: ComparedWith = earlier ? { kind: "file", label: earlier.label } : LATEST;
  const inSheet = earlier ? null : previousPeriodInSheet(opened.grid, report, opened.words, options.overrides);
  const givenLabel = options.previousLabel?.trim();
  const file = earlier ? { actions: earlier.opened.report.actions } : null;
  const compared = resolveComparedWith(asked, { snapshots: [], loaded: null, inSheet: inSheet ? { label: givenLabel || inSheet.label, actions: inSheet.actions } : null, file });
  if (!compared.ok) throw new Error(`no previous period to compare with (${compared.problem})`);
  const earlierPeriod = compared.period;
  const analysis = analyseTracker(report, { asOf: options.asOf, previous: earlierPeriod });
  const inSheetPeriod = report.tracker.periods && !options.period?.trim() ? { label: report.tracker.periods.current, source: "header" as const } : null;
  const period = inSheetPeriod ?? periodLabel({ given: options.period, grid: opened.grid, headerRow: report.tracker.headerRow, file: options.file }) ?? {
    label: monthLabel(options.asOf),
    source: "as-of" as const,
  };
  const logGrid = changeLogGrid(opened.grids);
  const changeLog = logGrid ? readChangeLog(logGrid) : null;
  // The periods signed off, and each signed-off value changed since (unless the Change log has it for a later period).
  const signedGrid = opened.grids.find((g) => g.name.trim().toLowerCase() === SIGN_OFF_SHEET);
  const signOffs = signedGrid ? readSignOffs(signedGrid) : [];
  const signOff = { records: signOffs, changed: signedOffChanges(report.actions, signOffs, changeLog ?? []) };
  // ...which validate (the CLI's Check) lists as warnings on their cells, with the other issues; the summary and the paper
  // are made from the tracker's own issues, as the pane makes them.
  const checked = options.command === "validate" && signOffs.length;
  const issues = checked ? [...analysis.issues, ...signedOffIssues(sheet, report.actions, signOffs, changeLog ?? [])] : analysis.issues;
  let previous: FilesAnalysed["previous"] = null;
  if (earlierPeriod && analysis.comparison) {
    const labelFrom = earlierPeriod.from === "file" ? earlier!.labelFrom : givenLabel ? ("given" as const) : ("header" as const);
    const counted = earlierPeriod.from === "file" ? earlier!.opened.report.actions : inSheet!.report.actions;
    // What is new this period: as the workbook's Change log records it for this period (a merge's update rows), else by comparing the texts.
    const updates =
      (changeLog && updatesFromChangeLog(report.actions, earlierPeriod.actions, earlierPeriod.label, changeLog, period.label)) ??
      compareUpdates(report.actions, earlierPeriod.actions, earlierPeriod.label);
    previous = { label: earlierPeriod.label, labelFrom, actions: earlierPeriod.actions, counts: countActions(counted), comparison: analysis.comparison, updates };
  }
  return { ...opened, counts: analysis.counts, issues, period, previous, changeLog, signOff };
}

function summaryJson(a: FilesAnalysed) {
  const tracker = a.report.tracker;
  return {
    sheet: tracker.sheet,
    period: a.period.label,
    actions: a.counts.actions,
    status: a.counts.status,
    rag: a.counts.rag,
    direction: a.previous ? a.previous.comparison.counts : a.counts.direction,
    ...(a.previous
      ? {
          previous: { label: a.previous.label, labelFrom: a.previous.labelFrom, actions: a.previous.counts.actions, status: a.previous.counts.status, rag: a.previous.counts.rag },
          updates: { updated: a.previous.updates.counts.updated, notUpdated: a.previous.updates.counts.notUpdated, new: a.previous.updates.counts.new, notCompared: a.previous.updates.counts.notCompared, fromChangeLog: a.previous.updates.counts.fromChangeLog },
        }
      : {}),
    byTheme: a.counts.byTheme,
    byLead: a.counts.byLead,
    ...(a.history ? { history: a.history.entries.map((e) => ({ label: e.label, actions: e.actions, status: e.status, rag: e.rag, shareComplete: e.shareComplete, updated: e.updated })) } : {}),
    issues: a.issues,
    changeLog: changeLogJson(a),
  };
}

function validateJson(a: FilesAnalysed) {
  const tracker = a.report.tracker;
  const single = tracker.columns.filter((c) => c.field !== "references");
  return {
    tracker: {
      sheet: tracker.sheet,
      headerRow: tracker.headerRow,
      columns: Object.fromEntries(single.map((c) => [c.field, c.header])),
      columnLetters: Object.fromEntries(single.map((c) => [c.field, c.column])),
      references: tracker.columns.filter((c) => c.field === "references").map((c) => c.header),
      referencesInActionText: tracker.referencesInActionText,
    },
    actions: a.report.actions.length,
    issues: a.issues,
    changeLog: changeLogJson(a),
    signOff: { signedOff: a.signOff.records.map((r) => ({ period: r.period, by: r.by, when: r.when, actions: r.actions.length })), changed: a.signOff.changed },
  };
}

/** format: a copy of the workbook with live RAG/status/direction colours, and the writes asked for. */
/** A drop-down list added ("C5:C106 (Status)") as the change log says it. */
function changeLogLine(rows: number): string {
  return `Added ${rows} row${rows === 1 ? "" : "s"} to the copy's "Change log" sheet (when, period, action, field, old value, new value, source).`;
}

/** The workbook's change log in one line: how many entries, and the last. */
function changeLogJson(a: FilesAnalysed) {
  if (!a.changeLog) return { entries: 0, last: null };
  const s = changeLogSummary(a.changeLog);
  return { entries: s.entries, last: s.last ? { when: s.last.when, period: s.last.period, action: s.last.action, field: s.last.field, old: s.last.old, new: s.last.new, source: s.last.source } : null };
}

/** The periods signed off, and how many signed-off values have changed since (each is a warning in the issues above). */
function signOffWords(a: FilesAnalysed): string[] {
  const { records, changed } = a.signOff;
  if (!records.length) return [];
  const n = changed.length;
  return [
    `Signed off: ${records.map((r) => `${r.period} (by ${r.by}, ${r.when})`).join("; ")}.`,
    n ? `${n} signed-off value${n === 1 ? " has" : "s have"} changed since: see the warnings above.` : "No signed-off status, RAG or update has changed since.",
  ];
}

function changeLogWords(a: FilesAnalysed): string[] {
  if (!a.changeLog) return [];
  const s = changeLogSummary(a.changeLog);
  return [`Change log: ${s.entries} entr${s.entries === 1 ? "y" : "ies"}${s.lastWords ? `; the last: ${oneLine(s.lastWords).slice(0, 200)}` : ""}.`];
}

async function format(options: Options, a: FilesAnalysed, io: Io, progress: Progress, today: Date): Promise<void> {
  progress.step(`writing ${options.out}`);
  const tracker = a.report.tracker;
  const ws = worksheetNamed(copyOf(a), tracker.sheet)!;
  const lines: string[] = [];
  const writes = [];
  if (options.writeRagLabels) {
    const labels = ragLabelWrites(a.grid, a.report.actions);
    writes.push(...labels);
    lines.push(`Typed the RAG word into ${labels.length} cell(s) that showed it only as a fill colour${labels.length ? `: ${labels.map((w) => `${w.cell} "${w.text}"`).join(", ")}` : ""}.`);
  }
  if (options.writeDirections && a.previous) {
    const d = directionWrites(a.grid, tracker, a.report.actions, a.previous.comparison, a.previous.label);
    writes.push(...d.writes);
    lines.push(
      `Wrote the direction of travel since ${a.previous.label} for ${d.writes.length - (d.newColumn ? 1 : 0)} action(s)${d.newColumn ? ` in a new column "${d.newColumn.header}" (${d.newColumn.cell})` : ""}.`,
    );
  }
  const was = formattingState(ws);
  writeCells(ws, writes);
  // After writes, plan from the sheet as written (a new direction column gets its rules too);
  // otherwise the tracker already read is the one to format.
  const planned = writes.length ? (readTracker(worksheetToGrid(ws), { overrides: options.overrides, lexicon: a.words.lexicon }).tracker ?? tracker) : tracker;
  const plan = formattingPlan(planned, a.words.vocabulary);
  applyFormattingPlan(ws, plan);
  let validation: ValidationResult | null = null;
  if (options.validation) {
    const grid = writes.length ? worksheetToGrid(ws) : a.grid;
    const report = writes.length ? readTracker(grid, { overrides: options.overrides, lexicon: a.words.lexicon }) : a.report;
    validation = applyValidationPlan(ws, validationPlan(grid, report.tracker ?? tracker, report.actions, { style: options.validationStyle, ownWords: a.words.listWords, lexicon: a.words.lexicon }));
  }
  // The change log: a row per cell of the tracker written, and one per column formatted or given a list
  // (formatting the same again, as on a copy already formatted, is no change and is not logged).
  const is = formattingState(ws);
  const ctx = { when: logTime(today), period: a.period.label, source: "delivery-plan format" };
  const logRows = [
    // Old values from the sheet as read; headers from the sheet as written (a new direction column's own).
    ...cellWriteLogRows(ctx, a.grid, planned, a.report.actions, writes),
    ...formattingLogRows(ctx, planned, [...(is.colours !== was.colours ? ruleLogItems(plan.rules) : []), ...(is.lists !== was.lists ? (validation?.added ?? []).map(listLogItem) : [])]),
  ];
  appendChangeLog(copyOf(a), logRows);
  keepValidationsWhole(copyOf(a));
  await writeOut(options.out!, (temporary) => copyOf(a).xlsx.writeFile(temporary));
  const ranges = [...new Set(plan.rules.map((r) => r.range))];
  lines.unshift(`Wrote ${options.out}: ${plan.rules.length} conditional-format rules on "${tracker.sheet}" ${ranges.join(", ")} (colours follow the words as they are edited).`);
  if (validation) lines.push(...validationLines(validation, options.validationStyle));
  lines.push(changeLogLine(logRows.length));
  if (options.json)
    io.out(JSON.stringify({ out: options.out, rules: plan.rules.map((r) => ({ id: r.id, range: r.range })), writes, ...(validation ? { validation } : {}), changeLogRows: logRows.length }, null, 2));
  else io.out(lines.join("\n"));
}

function validationLines(v: ValidationResult, style: AlertStyle): string[] {
  const out: string[] = [];
  if (v.added.length)
    out.push(
      `Added drop-down lists on "${v.sheet}" ${v.added.join(", ")}${v.replaced ? ` (replacing the add-in's earlier ${v.replaced === 1 ? "list" : "lists"})` : ""}: ${style === "stop" ? "other words are refused" : "other words get a warning, and can still be kept"}.`,
    );
  else out.push(`Added no drop-down list on "${v.sheet}".`);
  for (const k of v.kept) out.push(k.message);
  if (v.dropped.length) out.push(`Left out of the lists (Excel takes at most 255 characters, and no comma or quote in a word): ${v.dropped.map((w) => `"${w}"`).join(", ")}.`);
  return out;
}

/** The sheets' cells as read, let go once the actions are read from them (a copy made part by part needs only the actions). */
function letCellsGo(a: FilesAnalysed): void {
  a.grids = [];
  a.grid = { ...a.grid, values: [], fills: [], numberFormats: undefined };
}

/** summary --out: a copy of the workbook with the Panel Summary sheet (and the tracker's live colours). */
async function panelSummary(options: Options, a: FilesAnalysed, io: Io, built: Date, progress: Progress): Promise<void> {
  progress.step(`writing ${options.out}`);
  const tracker = a.report.tracker;
  // A date given far from the tracker's own period is said, as for the paper (report.ts).
  const position = paperPosition({ period: a.period.label, periodKnown: a.period.source !== "as-of", given: options.asOfGiven ? options.asOf : null, today: options.asOf, what: "the summary" });
  if (position.warning) io.err(`delivery-plan: warning: ${oneLine(position.warning)}`);
  // A copy made part by part is of a workbook too big to hold twice: the sheets' cells, read, are let go first.
  if (a.parts) letCellsGo(a);
  const plan = buildPanelSummary({
    report: a.report,
    counts: a.counts,
    previous: a.previous,
    history: a.history?.entries,
    options: { period: a.period.label, organisation: options.organisation, asOf: options.asOf, built, source: path.basename(options.file) },
  });
  // What is said of the tracker, said now: a copy made part by part lets the actions go before it is written.
  const said = options.json ? summaryJson(a) : formatSummary(a.report, a.counts, a.issues, a.previous);
  if (a.parts) a.report = { ...a.report, actions: [] };
  // Conditional formats only: the tracker's cells keep their values.
  const formatting = formattingPlan(tracker, a.words.vocabulary);
  const was = formattingState(worksheetNamed(copyOf(a), tracker.sheet)!);
  applyFormattingPlan(worksheetNamed(copyOf(a), tracker.sheet)!, formatting);
  const recoloured = formattingState(worksheetNamed(copyOf(a), tracker.sheet)!).colours !== was.colours;
  // Part by part, ExcelJS writes the summary with one exception of each look; the copy's rows are then written from the whole plan.
  const donor = a.parts ? donorPlan(plan) : { donor: plan, body: null };
  const written = writePanelSummary(copyOf(a), donor.donor);
  const ctx = { when: logTime(built), period: a.period.label, source: "delivery-plan summary" };
  const logRows: ChangeLogRow[] = [
    ...formattingLogRows(ctx, tracker, recoloured ? ruleLogItems(formatting.rules) : []),
    [ctx.when, ctx.period, `sheet "${written.sheet}"`, "sheet", written.replaced ? `sheet "${written.replaced}"` : "", `the panel summary for ${a.period.label}, ${plan.exceptions.length} exception(s)`, ctx.source],
  ];
  appendChangeLog(copyOf(a), logRows);
  keepValidationsWhole(copyOf(a));
  // ExcelJS writes no charts: their parts are added to its bytes (src/xlsx/charts.ts).
  let charts = 0;
  const parts = a.parts;
  await writeOut(options.out!, async (temporary) => {
    const drawn = await addSummaryCharts(new Uint8Array(await copyOf(a).xlsx.writeBuffer()), plan, written.sheet);
    charts = drawn.charts;
    // A workbook too big to copy whole: the new parts put into the original's zip, its other parts copied as they are.
    if (parts) {
      const trackerSheet = worksheetNamed(copyOf(a), tracker.sheet)!.name;
      await writePartCopy(temporary, parts.bytes, drawn.bytes, { tracker: trackerSheet, summary: written.sheet, mark: plan.mark, replaced: written.replaced, log: changeLogSheet(copyOf(a)), body: donor.body });
    } else await fs.writeFile(temporary, drawn.bytes, { flag: "wx" });
  });
  if (options.json) {
    const panel = {
      out: options.out,
      sheet: written.sheet,
      replaced: written.replaced,
      charts,
      sentence: plan.text.sentence,
      exceptions: plan.exceptions.length,
      ...(plan.updates ? { updates: { updated: plan.updates.updated, notUpdated: plan.updates.notUpdated, new: plan.updates.new } } : {}),
      noNewUpdate: plan.exceptions.filter((e) => e.reasons.some((r) => r.startsWith("No new update since"))).map((e) => e.id),
    };
    io.out(JSON.stringify({ ...(said as ReturnType<typeof summaryJson>), panelSummary: panel, changeLogRows: logRows.length }, null, 2));
    return;
  }
  io.out(
    [
      said as string,
      ...historyLines(a.history),
      "",
      `Wrote ${options.out}: sheet "${written.sheet}"${written.replaced ? ` (replacing the add-in's earlier summary "${written.replaced}")` : ""} with ${plan.exceptions.length} exception(s) and ${charts} chart(s) drawn from its tables.`,
      `For the panel report: ${plan.text.sentence}`,
      changeLogLine(logRows.length),
    ].join("\n"),
  );
}

/** report: the panel paper, .docx or .html, from the same content as the Panel Summary (report.ts). The tracker is only read. */
async function panelPaper(options: Options, a: FilesAnalysed, io: Io, built: Date, progress: Progress): Promise<void> {
  progress.step(`writing ${options.out}`);
  const made = await makePanelPaper(options, a, built);
  for (const warning of made.warnings) io.err(`delivery-plan: warning: ${oneLine(warning)}`);
  await writeOut(options.out!, (temporary) => fs.writeFile(temporary, made.bytes, { flag: "wx" }));
  io.out(options.json ? JSON.stringify(made.json, null, 2) : made.lines.join("\n"));
}

/** Write --out atomically (files.ts): on failure the old file is as it was, and no other file is left. */
async function writeOut(out: string, writer: Writer): Promise<void> {
  const existed = await fs
    .stat(out)
    .then(() => true)
    .catch(() => false);
  try {
    await writeAtomically(out, writer);
  } catch (err) {
    throw new InputError(`Could not write ${out}: ${writeFailure(err)}. ${existed ? `${out} is as it was before` : "No file was made"}.`);
  }
}

/**
 * The copy must not land on a workbook we were given: not the tracker, not the
 * previous period's file — by path, through a link, or in another letter case
 * on a file system that ignores case.
 */
async function refuseToOverwrite(out: string, inputs: (string | undefined)[]): Promise<void> {
  const real = async (p: string) => {
    try {
      return await fs.realpath(p);
    } catch {
      return path.resolve(p);
    }
  };
  const target = await real(out);
  const targetStat = await fs.stat(target).catch(() => null);
  for (const input of inputs) {
    if (!input) continue;
    const source = await real(input);
    const sourceStat = await fs.stat(source).catch(() => null);
    const sameFile = targetStat && sourceStat ? targetStat.ino === sourceStat.ino && targetStat.dev === sourceStat.dev : source === target;
    if (sameFile) throw new UsageError(`--out ${out} is ${input}: write the copy to a new file; the workbooks you give are never overwritten.`);
  }
}

export async function run(argv: string[], given: Io, today = new Date()): Promise<number> {
  // The progress line is taken off before anything else is written to the terminal.
  let progress = new Progress(undefined);
  const io: Io = {
    out: (text) => {
      progress.clear();
      given.out(text);
    },
    err: (text) => {
      progress.clear();
      given.err(text);
    },
  };
  try {
    const options = parseCommandLine(argv, today);
    if (options === "help") {
      io.out(USAGE);
      return 0;
    }
    if (options === "usage") {
      io.err(USAGE);
      return 2;
    }
    progress = new Progress(given.progress, given.clock, !options.json);
    if (options.out) await refuseToOverwrite(options.out, [options.file, options.previous, ...options.history]);
    const a = await analyseFiles(options, progress);
    if (options.command === "summary" || options.command === "report") {
      if (options.history.length) progress.step(`reading ${options.history.length} earlier workbook(s) for the history`);
      const wordsFile = options.words ? await readWordsFile(options.words) : undefined;
      const open = (file: string, sheet: string) => openTracker(file, sheet, options.overrides, wordsFile, undefined, true);
      a.history = await trackerHistory({ files: options.history, file: options.file, grids: a.grids, grid: a.grid, report: a.report, words: a.words, overrides: options.overrides, period: a.period.label }, open);
      for (const w of a.history.warnings) io.err(oneLine(`delivery-plan: warning: ${w}`));
    }
    if (options.out && options.command !== "report") {
      const lost = a.parts ? partsLostInPartCopy(a.parts.bytes) : await partsLostInCopy(copyOf(a)).catch(() => []);
      const changed = changedInCopy(copyOf(a));
      const left = lost.length ? `the copy leaves out ${list(lost, 4)}, which this tool cannot write` : "";
      const kept = changed.length ? `${left ? "; and in it" : "in the copy"}, to keep Excel's limits, ${list(changed, 2)}` : "";
      if (left || kept) io.err(oneLine(`delivery-plan: note: ${left}${kept}. ${options.file} itself is unchanged.`));
    }
    if (options.command === "validate") io.out(options.json ? JSON.stringify(validateJson(a), null, 2) : [formatValidation(a.report, a.issues), ...changeLogWords(a), ...signOffWords(a)].join("\n"));
    else if (options.command === "summary" && options.out) await panelSummary(options, a, io, today, progress);
    else if (options.command === "report") await panelPaper(options, a, io, today, progress);
    else if (options.command === "summary") io.out(options.json ? JSON.stringify(summaryJson(a), null, 2) : [formatSummary(a.report, a.counts, a.issues, a.previous), ...historyLines(a.history)].join("\n"));
    else await format(options, a, io, progress, today);
    // A reading that rests on a guess (guessed-reading) is not a confident answer: exit 1 until it is confirmed.
    return a.issues.some((i) => i.severity === "error" || i.code === "guessed-reading") ? 1 : 0;
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(oneLine(`delivery-plan: ${err.message} (delivery-plan --help shows how to use it)`));
      return 2;
    }
    if (err instanceof InputError || err instanceof UnreadableWorkbook) {
      io.err(oneLine(`delivery-plan: ${err.message}`));
      return 2;
    }
    const message = String((err as Error)?.message ?? err);
    if (err instanceof RangeError && /heap|allocation|array length|string length|buffer/i.test(message))
      io.err(oneLine(`delivery-plan: the workbook is too big to read in the memory this tool has (${message}). Save a copy holding only the tracker's sheet and try that.`));
    else io.err(oneLine(`delivery-plan: something went wrong that we did not expect (${message}). Please report it with the file if you can.`));
    return 2;
  } finally {
    progress.done();
  }
}
