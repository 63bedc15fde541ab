/**
 * Per-cell reads and writes for the pane's confirmed changes, in blocks that
 * keep each request under the ~2 MB budget (Excel refuses 5 MB), so a fix of
 * thousands of cells takes a few round trips rather than one Excel refuses.
 * A small change is one block: one round trip to read, one to write.
 */
import { REQUEST_BUDGET_BYTES, writeBlocks } from "./blocks";
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
  const out: CellBefore[] = [];
  for (const block of cellBlocks(cells, 3)) {
    const ranges = cells.slice(block.from, block.to).map((cell) => sheet.getRange(cell).load("values,formulas,numberFormat"));
    // One round trip per ~2 MB of cells, never one per cell.
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
    for (const r of ranges) {
      const value = r.values[0][0] as string | number | boolean;
      const formula = r.formulas[0][0];
      const isFormula = typeof formula === "string" && formula.startsWith("=") && formula !== String(value);
      out.push({ value, formula: isFormula ? formula : null, numberFormat: r.numberFormat[0][0] });
    }
  }
  return out;
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
