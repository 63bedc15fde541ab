/** Find and read the tracker in the open workbook: Office.js in, plain model results out. */
import { HeaderOverrides, countActions } from "../model";
import type { Counts, SheetGrid, TrackerReport } from "../model";
import { inlineEngine } from "../engine/engine";
import type { Engine } from "../engine/engine";
import { readSheetGrid, ReadStats } from "./read";
import { canReadDisplayedFills } from "./requirements";

let reads = 0;

export interface WorkbookTracker {
  report: TrackerReport;
  counts: Counts;
  stats: ReadStats;
}

/**
 * Read the active sheet (or the named one) and hand it to the engine it is
 * given (the pane's web worker; one in the page unless given), which gives
 * back the report in slices.
 */
export async function loadTracker(
  context: Excel.RequestContext,
  options: { sheet?: string; overrides?: HeaderOverrides; engine?: Engine; checkOverrides?: (probe: SheetGrid) => HeaderOverrides | undefined } = {},
): Promise<WorkbookTracker> {
  // The fills cells show (a style's, a conditional format's) where this Excel can say, as the pane reads them.
  const { grid, stats, overrides, words } = await readSheetGrid(context, { ...options, displayedFills: canReadDisplayedFills() });
  const engine = options.engine ?? inlineEngine();
  // A key of its own: the watcher's re-reads and the start-up read may overlap, and must not mix.
  const key = `functions:${++reads}`;
  try {
    const loaded = await engine.read({ key, grid, overrides, words });
    const report: TrackerReport = loaded.ok ? await engine.report({ key }) : { tracker: null, actions: [], issues: [] };
    if (!loaded.ok) report.issues.push({ severity: "error", code: "no-tracker", sheet: grid.name, cell: null, message: loaded.message });
    return { report, counts: countActions(report.actions), stats };
  } finally {
    void engine.drop({ key }).catch(() => undefined);
  }
}
