/**
 * The Office.js adapter's reading half: the tracker's sheet → the model's
 * plain grid, in a constant number of round trips.
 *
 *  1st sync: sheet name, used-range size, the first rows (to find the header),
 *            the merged areas.
 *  next syncs: the rest of the values in row blocks of at most ~2 MB each, and
 *            the fill colours of the RAG column with the first block
 *            (getCellProperties: one request, never cell by cell).
 */
import { CellValue, GridView, SheetGrid, detectHeaderRow } from "../model";
import { fromOfficeColour, fromOfficeValue, parseAreas } from "./values";

/** Budget for one request's payload. Excel's limit is 5 MB; we stay well under. */
export const REQUEST_BUDGET_BYTES = 2 * 1024 * 1024;
/** Rows read in the first round trip to find the header. */
export const PROBE_ROWS = 50;
/** Size of one cell's {"format":{"fill":{"color":"#RRGGBB"}}} in a getCellProperties response. */
const FILL_BYTES_PER_ROW = 44;

export interface ReadStats {
  syncs: number;
  blocks: number;
}

export interface SheetRead {
  grid: SheetGrid;
  stats: ReadStats;
}

export class NoSheetError extends Error {}

function estimateRowBytes(rows: unknown[][]): number {
  let max = 0;
  for (const row of rows) max = Math.max(max, JSON.stringify(row).length);
  return max;
}

/**
 * Read one sheet (the active one unless named) into a grid.
 * `context` is an Excel.RequestContext; only the objects used here are touched.
 */
export async function readSheetGrid(context: Excel.RequestContext, sheetName?: string): Promise<SheetRead> {
  let syncs = 0;
  const sheet = sheetName
    ? context.workbook.worksheets.getItemOrNullObject(sheetName)
    : context.workbook.worksheets.getActiveWorksheet();
  sheet.load("name");
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load("rowIndex,columnIndex,rowCount,columnCount");
  const probe = used.getIntersectionOrNullObject(sheet.getRange(`1:${PROBE_ROWS}`));
  probe.load("values,rowCount");
  const merged = used.getMergedAreasOrNullObject();
  merged.load("address");
  await context.sync();
  syncs++;

  if (sheet.isNullObject) throw new NoSheetError(`There is no sheet called "${sheetName}".`);
  const name = sheet.name;
  if (used.isNullObject) {
    return { grid: { name, firstRow: 1, firstColumn: 1, values: [], merges: [] }, stats: { syncs, blocks: 0 } };
  }
  const firstRow = used.rowIndex + 1;
  const firstColumn = used.columnIndex + 1;
  const rowCount = used.rowCount;
  const columnCount = used.columnCount;
  const merges = merged.isNullObject ? [] : parseAreas(merged.address);

  // Rows 1–50 that lie in the used range come back with the probe.
  const probeValues: unknown[][] = probe.isNullObject ? [] : probe.values;
  const values: CellValue[][] = probeValues.map((row) => row.map(fromOfficeValue));
  const grid: SheetGrid = { name, firstRow, firstColumn, values, merges };

  // Which column holds the RAG (its fill colour may be the only RAG there is)?
  const header = values.length ? detectHeaderRow(new GridView(grid)) : null;
  const ragColumn = header?.mappings.find((m) => m.field === "rag")?.column;

  // The RAG column's fill colours in one getCellProperties request, sent with the first block.
  const bodyRows = header ? firstRow + rowCount - 1 - header.row : 0;
  const wantFills = ragColumn !== undefined && header !== null && bodyRows > 0;
  const fillBytes = wantFills ? bodyRows * FILL_BYTES_PER_ROW : 0;

  // The rest of the values in row blocks sized from the probe, so that each
  // round trip (the first one carrying the fills too) stays under the budget.
  const rowBytes = Math.max(32, Math.ceil(estimateRowBytes(probeValues) * 1.2), columnCount * 6);
  const rowsPerBlock = Math.max(1, Math.floor(REQUEST_BUDGET_BYTES / rowBytes));
  const firstBlockRows = Math.floor((REQUEST_BUDGET_BYTES - fillBytes) / rowBytes);
  const plan: { start: number; count: number; fills: boolean }[] = [];
  let start = values.length;
  if (wantFills && firstBlockRows < 1) plan.push({ start, count: 0, fills: true });
  while (start < rowCount) {
    const first = plan.length === 0;
    const count = Math.min(first && wantFills ? firstBlockRows : rowsPerBlock, rowCount - start);
    plan.push({ start, count, fills: first && wantFills });
    start += count;
  }
  if (plan.length === 0 && wantFills) plan.push({ start, count: 0, fills: true });

  let fills: OfficeExtension.ClientResult<Excel.CellProperties[][]> | null = null;
  const blocks: Excel.Range[] = [];
  for (const step of plan) {
    if (step.fills && header && ragColumn !== undefined) {
      const column = used.getCell(header.row - firstRow + 1, ragColumn - firstColumn).getResizedRange(bodyRows - 1, 0);
      fills = column.getCellProperties({ format: { fill: { color: true } } });
    }
    if (step.count > 0) {
      const block = used.getCell(step.start, 0).getResizedRange(step.count - 1, columnCount - 1);
      block.load("values");
      blocks.push(block);
    }
    // One round trip per ~2 MB block: Excel caps a request's payload (5 MB), so the
    // number of round trips follows the size of the data, never one per row or cell.
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
    syncs++;
  }
  for (const block of blocks) for (const row of block.values) values.push(row.map(fromOfficeValue));

  if (fills && header) {
    const fillRows: (string | null)[][] = values.map(() => new Array(columnCount).fill(null));
    fills.value.forEach((row, i) => {
      const r = header.row + 1 + i - firstRow;
      if (fillRows[r]) fillRows[r][ragColumn! - firstColumn] = fromOfficeColour(row[0]?.format?.fill?.color);
    });
    grid.fills = fillRows;
  }
  return { grid, stats: { syncs, blocks: blocks.length } };
}
