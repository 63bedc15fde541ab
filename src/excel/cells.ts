/**
 * Reads and writes of the cells the pane's confirmed changes touch, in blocks
 * that keep each request under the 4 MB budget (Excel refuses 5 MB), so a fix
 * of thousands of cells takes a few round trips rather than one Excel refuses.
 * Reads go by column span (one range for a column's rows from its first such
 * cell to its last); writes cell by cell. A small change is one block: one
 * round trip to read, one to write.
 */
import { columnLetter, parseA1Range } from "../model";
import { REQUEST_BUDGET_BYTES, isPayloadTooLarge, writeBlocks } from "./blocks";
import type { WriteBlock } from "./blocks";

/** What a cell held before the add-in wrote to it. */
export interface CellBefore {
  value: string | number | boolean;
  /** The formula, when the cell held one. */
  formula: string | null;
  numberFormat: string;
}

/**
 * What one cell costs the request as Microsoft's client sends it (1.1.110,
 * measured on its wire): its range (getRange path, instantiation, kept
 * reference) ~330 bytes, and each property set or load on it ~105 (a write of
 * number format and value: 541 bytes a cell; a load of three properties: 450).
 * Kept higher for a margin; test/taskpane/excel-host.test.ts checks that the
 * blocks stay under the budget on the wire.
 */
export const CELL_RANGE_BYTES = 400;
export const CELL_OPERATION_BYTES = 120;

/** Blocks of cells whose operations (`perCell` of them each, plus the text, at most 3 bytes a character) stay under the budget. */
export function cellBlocks(texts: readonly string[], perCell: number): WriteBlock[] {
  return writeBlocks(texts.length, (i) => CELL_RANGE_BYTES + perCell * CELL_OPERATION_BYTES + texts[i].length * 3 + 16, REQUEST_BUDGET_BYTES);
}

/** Each cell's value, formula and number format: one round trip per block. */
export async function readCells(context: Excel.RequestContext, sheet: Excel.Worksheet, cells: readonly string[]): Promise<CellBefore[]> {
  const out: CellBefore[] = new Array(cells.length);
  const one = new Set<number>();
  const spans = cellSpans(cells, one);
  // An address that is not one cell is read on its own, as are the cells of a block Excel refuses.
  for (const block of spanBlocks(spans)) {
    const ranges = block.map((span) => sheet.getRange(`${span.column}${span.top}:${span.column}${span.bottom}`).load("values,formulas,numberFormat"));
    try {
      // One round trip per ~4 MB of spans, never one per cell.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    } catch (err) {
      if (!isPayloadTooLarge(err)) throw err;
      for (const span of block) for (const c of span.cells) one.add(c.index);
      continue;
    }
    block.forEach((span, k) => {
      const r = ranges[k];
      for (const c of span.cells) out[c.index] = cellBefore(r.values[c.row - span.top][0], r.formulas[c.row - span.top][0], r.numberFormat[c.row - span.top][0]);
    });
  }
  const singles = [...one].sort((a, b) => a - b);
  const read = await readCellsOneByOne(context, sheet, singles.map((i) => cells[i]));
  singles.forEach((i, k) => (out[i] = read[k]));
  return out;
}

function cellBefore(value: unknown, formula: unknown, numberFormat: unknown): CellBefore {
  const v = value as string | number | boolean;
  const isFormula = typeof formula === "string" && formula.startsWith("=") && formula !== String(v);
  return { value: v, formula: isFormula ? (formula as string) : null, numberFormat: numberFormat as string };
}

/**
 * Cells one range each: Microsoft's client keeps every range Excel gives a reference to and, at
 * the end of Excel.run, releases them one by one, scanning its pending actions for each
 * (quadratic: 142 ms of the pane's main thread for a few thousand cells). Used only where cells
 * cannot be read as column spans (an address that is not one cell; a block Excel refused).
 */
async function readCellsOneByOne(context: Excel.RequestContext, sheet: Excel.Worksheet, cells: readonly string[]): Promise<CellBefore[]> {
  const out: CellBefore[] = [];
  for (const block of cellBlocks(cells, 3)) {
    const ranges = cells.slice(block.from, block.to).map((cell) => sheet.getRange(cell).load("values,formulas,numberFormat"));
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
    for (const r of ranges) out.push(cellBefore(r.values[0][0], r.formulas[0][0], r.numberFormat[0][0]));
  }
  return out;
}

/** One column's rows from top to bottom, read as one range for the cells among them. */
interface Span {
  column: string;
  top: number;
  bottom: number;
  cells: { index: number; row: number }[];
}

/** Rows between two cells of a column that are still read as one span (their values cost far less than a range each). */
const SPAN_GAP_ROWS = 100;
/**
 * What one row of a span costs the response: its value, formula and number format as JSON. The
 * columns read so are the status, RAG and direction columns' short words; a block whose rows are
 * longer than this and that Excel refuses is read again cell by cell.
 */
const SPAN_ROW_BYTES = 120;
const SPAN_MAX_ROWS = Math.floor(REQUEST_BUDGET_BYTES / SPAN_ROW_BYTES);

/** The cells as column spans; an address that is not one cell goes into `one`. */
function cellSpans(cells: readonly string[], one: Set<number>): Span[] {
  const byColumn = new Map<string, { index: number; row: number }[]>();
  cells.forEach((cell, index) => {
    const area = parseA1Range(cell);
    if (!area || area.top !== area.bottom || area.left !== area.right) {
      one.add(index);
      return;
    }
    const column = columnLetter(area.left);
    const list = byColumn.get(column) ?? [];
    list.push({ index, row: area.top });
    byColumn.set(column, list);
  });
  const spans: Span[] = [];
  for (const [column, list] of byColumn) {
    list.sort((a, b) => a.row - b.row);
    let span: Span | null = null;
    for (const c of list) {
      if (span && c.row - span.bottom <= SPAN_GAP_ROWS && c.row - span.top < SPAN_MAX_ROWS) {
        span.bottom = c.row;
        span.cells.push(c);
      } else {
        span = { column, top: c.row, bottom: c.row, cells: [c] };
        spans.push(span);
      }
    }
  }
  return spans;
}

/** Spans in blocks whose rows (SPAN_ROW_BYTES each) stay under the budget: one round trip each. */
function spanBlocks(spans: readonly Span[]): Span[][] {
  const blocks: Span[][] = [];
  let block: Span[] = [];
  let bytes = 0;
  for (const span of spans) {
    const cost = (span.bottom - span.top + 1) * SPAN_ROW_BYTES + CELL_RANGE_BYTES;
    if (block.length && bytes + cost > REQUEST_BUDGET_BYTES) {
      blocks.push(block);
      block = [];
      bytes = 0;
    }
    block.push(span);
    bytes += cost;
  }
  if (block.length) blocks.push(block);
  return blocks;
}

/**
 * Queue writes for cells[from..to) with `queue`, one block per round trip.
 * If a block fails, `undo` is called with the number of cells to put back: up
 * to the end of the failed block, since Excel keeps what a request did before
 * its failing action; then the error is thrown again.
 */
export async function writeCellsInBlocks(
  context: Excel.RequestContext,
  cells: readonly string[],
  texts: readonly string[],
  perCell: number,
  queue: (from: number, to: number) => void,
  undo?: (upTo: number) => Promise<void>,
): Promise<number> {
  for (const block of cellBlocks(texts, perCell)) {
    queue(block.from, block.to);
    try {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    } catch (err) {
      if (undo) await undo(block.to).catch(() => undefined);
      throw err;
    }
  }
  return cells.length;
}
