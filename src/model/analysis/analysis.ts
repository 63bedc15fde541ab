/**
 * The one analysis every host reports on: a sheet read into a tracker with the
 * organisation's words, then counted, checked as of a date and compared with
 * the previous period, with the contradictions that comparison finds. The CLI
 * (src/cli/run.ts) and the pane's engine (src/engine/answers.ts) both call it.
 */
import type { SheetGrid } from "../sheet/grid";
import type { HeaderOverrides } from "../words/headers";
import type { Issue, Tracker } from "../issues/schema";
import { readTracker } from "../reader/tracker";
import type { TrackerReport } from "../reader/tracker";
import type { Words } from "../reader/words-sheet";
import { countActions } from "./counts";
import type { Counts } from "./counts";
import { checkActions } from "../issues/checks";
import { compareWithPrevious, contradictions } from "./direction";
import type { Comparison, PeriodAction } from "./direction";
import { previousPeriodOverrides } from "../reader/periods";
import type { PeriodChoice } from "../reader/periods";

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
export function readTrackerWithWords(grid: SheetGrid, words: Words, overrides?: HeaderOverrides, periods?: PeriodChoice): TrackerReport {
  const report = readTracker(grid, { overrides, lexicon: words.lexicon, periods });
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

/**
 * The previous period of a sheet that keeps several side by side ("Status June
 * 2021", "Status November 2021"): the same sheet read with that period's status
 * and RAG columns. Its updates are this period's cells, so they are not
 * compared (no update text or fingerprint is handed on). Null when the sheet
 * keeps one period, or no earlier period holds values.
 */
export function previousPeriodInSheet(grid: SheetGrid, report: FoundReport, words: Words, overrides?: HeaderOverrides): (PreviousPeriod & { report: FoundReport }) | null {
  const previous = previousPeriodOverrides(report.tracker);
  if (!previous) return null;
  const earlier = readTracker(grid, { overrides: { ...overrides, ...previous.overrides }, lexicon: words.lexicon });
  if (!hasTracker(earlier)) return null;
  const actions = earlier.actions.map((a) => ({ id: a.id, status: a.status, rag: a.rag, action: a.action }));
  return { label: previous.label, actions, report: earlier };
}

/** Count, check and compare a tracker read by readTrackerWithWords. */
export function analyseTracker(report: FoundReport, options: AnalysisOptions): TrackerAnalysis {
  const sheet = report.tracker.sheet;
  const checks = checkActions(sheet, report.actions, { asOf: options.asOf });
  const comparison = options.previous ? compareWithPrevious(report.actions, options.previous.actions) : null;
  const found = options.previous && comparison ? contradictions(sheet, report.actions, comparison, options.previous.label) : [];
  return { report, counts: countActions(report.actions), checks, comparison, contradictions: found, issues: [...report.issues, ...checks, ...found] };
}
