/**
 * The one analysis every host reports on: a sheet read into a tracker with the
 * organisation's words, then counted, checked as of a date and compared with
 * the previous period, with the contradictions that comparison finds. The CLI
 * (src/cli/run.ts) and the pane's engine (src/engine/analysis.ts) both call it.
 */
import type { SheetGrid } from "./grid";
import type { HeaderOverrides } from "./headers";
import type { Issue, Tracker } from "./schema";
import { readTracker } from "./tracker";
import type { TrackerReport } from "./tracker";
import type { Words } from "./words";
import { countActions } from "./counts";
import type { Counts } from "./counts";
import { checkActions } from "./checks";
import { compareWithPrevious, contradictions } from "./direction";
import type { Comparison, PeriodAction } from "./direction";

/** A report whose sheet holds a tracker. */
export type FoundReport = TrackerReport & { tracker: Tracker };

export function hasTracker(report: TrackerReport): report is FoundReport {
  return report.tracker !== null;
}

/**
 * Read a sheet into a tracker with the organisation's words: the reader's
 * issues, then (when there is a tracker) the words sheet's. `tracker` is null
 * when the sheet holds none; the first issue then says why.
 */
export function readTrackerWithWords(grid: SheetGrid, words: Words, overrides?: HeaderOverrides): TrackerReport {
  const report = readTracker(grid, { overrides, lexicon: words.lexicon });
  if (report.tracker) report.issues.push(...words.issues);
  return report;
}

/** The period to compare with: its label and what it knew of each action. */
export interface PreviousPeriod {
  label: string;
  actions: readonly PeriodAction[];
}

export interface AnalysisOptions {
  /** The date the report is as at, for the overdue checks. */
  asOf: Date;
  previous: PreviousPeriod | null;
}

export interface TrackerAnalysis {
  report: FoundReport;
  counts: Counts;
  /** The checks on the actions (overdue, status against RAG…), as of the date given. */
  checks: Issue[];
  /** The comparison with the previous period, when there is one. */
  comparison: Comparison | null;
  /** What the comparison contradicts (e.g. "improved" written where the RAG went down); none without a previous period. */
  contradictions: Issue[];
  /** Every issue, in this order: the report's, the checks', the contradictions'. */
  issues: Issue[];
}

/** Count, check and compare a tracker read by readTrackerWithWords. */
export function analyseTracker(report: FoundReport, options: AnalysisOptions): TrackerAnalysis {
  const sheet = report.tracker.sheet;
  const checks = checkActions(sheet, report.actions, { asOf: options.asOf });
  const comparison = options.previous ? compareWithPrevious(report.actions, options.previous.actions) : null;
  const found = options.previous && comparison ? contradictions(sheet, report.actions, comparison, options.previous.label) : [];
  return { report, counts: countActions(report.actions), checks, comparison, contradictions: found, issues: [...report.issues, ...checks, ...found] };
}
