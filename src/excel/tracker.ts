/** Find and read the tracker in the open workbook: Office.js in, plain model results out. */
import { HeaderOverrides, countActions, readTracker } from "../model";
import type { Counts, TrackerReport } from "../model";
import { readSheetGrid, ReadStats } from "./read";

export interface WorkbookTracker {
  report: TrackerReport;
  counts: Counts;
  stats: ReadStats;
}

/** Read the active sheet (or the named one) and hand it to the engine. */
export async function loadTracker(
  context: Excel.RequestContext,
  options: { sheet?: string; overrides?: HeaderOverrides } = {},
): Promise<WorkbookTracker> {
  const { grid, stats } = await readSheetGrid(context, options);
  const report = readTracker(grid, { overrides: options.overrides });
  return { report, counts: countActions(report.actions), stats };
}
