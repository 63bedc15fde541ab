/** The bundled sample trackers, read once per test file, and what Excel would pass for a range over them. */
import { chooseTrackerSheet, columnLetter, readTracker } from "../../src/model";
import type { CellValue, SheetGrid, TrackerReport } from "../../src/model";
import { readWorkbookGrids } from "../../src/xlsx";
import { CAMBS, HERTS } from "./factories";

export interface SampleTracker {
  file: string;
  grids: SheetGrid[];
  grid: SheetGrid;
  report: TrackerReport;
  /** Sheet rows of the header and of the last row. */
  headerRow: number;
  lastRow: number;
  /** "A4:G106": the tracker's range, header row included. */
  rangeAddress: string;
}

export async function loadSample(file: string): Promise<SampleTracker> {
  const grids = await readWorkbookGrids(file);
  const choice = chooseTrackerSheet(grids);
  if (!choice.ok) throw new Error(choice.message);
  const grid = choice.grid;
  const report = readTracker(grid);
  if (!report.tracker) throw new Error(`no tracker in ${file}`);
  const headerRow = report.tracker.headerRow;
  const lastRow = grid.firstRow + grid.values.length - 1;
  const width = Math.max(...grid.values.map((r) => r.length));
  const rangeAddress = `${columnLetter(grid.firstColumn)}${headerRow}:${columnLetter(grid.firstColumn + width - 1)}${lastRow}`;
  return { file, grids, grid, report, headerRow, lastRow, rangeAddress };
}

export const loadHerts = () => loadSample(HERTS);
export const loadCambs = () => loadSample(CAMBS);

/** A cell as Excel hands it to a custom function: "" for empty, errors as their text. */
function officeValue(v: CellValue): string | number | boolean {
  if (v === null) return "";
  if (v instanceof Date) return v.getTime() / 86400000 + 25569;
  if (typeof v === "object") return v.error;
  return v;
}

/** The values of a grid's rows `fromRow`…`toRow` (sheet rows), as Excel passes a range argument. */
export function rangeValues(grid: SheetGrid, fromRow: number, toRow = grid.firstRow + grid.values.length - 1): (string | number | boolean)[][] {
  const width = Math.max(...grid.values.map((r) => r.length));
  const out: (string | number | boolean)[][] = [];
  for (let r = fromRow; r <= toRow; r++) {
    const row = grid.values[r - grid.firstRow] ?? [];
    out.push(Array.from({ length: width }, (_, c) => officeValue(row[c] ?? null)));
  }
  return out;
}

/** The tracker's range, header row included: what =ACTIONS.COUNT("Red", A4:G106) receives. */
export function trackerRange(sample: SampleTracker): (string | number | boolean)[][] {
  return rangeValues(sample.grid, sample.headerRow, sample.lastRow);
}
