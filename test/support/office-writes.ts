/**
 * Office.js steps only the tests (and the benchmarks) take: writing cells,
 * taking a snapshot from actions, loading every snapshot. The add-in itself
 * writes confirmed changes in blocks (src/excel/host.ts) and snapshot rows the
 * engine made (writeSnapshotRows), and loads only the period it compares with.
 */
import { snapshotRows } from "../../src/model";
import type { Action, CellWrite, Snapshot } from "../../src/model";
import { queueTextWrites } from "../../src/excel/write";
import { listSnapshotPeriods, loadSnapshotPeriod, writeSnapshotRows } from "../../src/excel/snapshot";

/** Write the cells as text, in one batch. */
export async function writeCells(context: Excel.RequestContext, sheetName: string, writes: readonly CellWrite[]): Promise<number> {
  if (writes.length === 0) return 0;
  queueTextWrites(context.workbook.worksheets.getItem(sheetName), writes);
  await context.sync();
  return writes.length;
}

/** Append one period's rows for these actions, as the add-in's snapshot does. */
export async function takeSnapshot(
  context: Excel.RequestContext,
  period: string,
  taken: Date,
  trackerSheet: string,
  actions: readonly Action[],
): Promise<{ rows: number; firstRow: number; syncs: number }> {
  return writeSnapshotRows(context, snapshotRows(period, taken, trackerSheet, actions));
}

/** Every snapshot, period by period (one period after another: each is read in its own ~2 MB blocks). */
export async function loadSnapshots(context: Excel.RequestContext): Promise<Snapshot[]> {
  const { periods } = await listSnapshotPeriods(context);
  const out: Snapshot[] = [];
  for (const period of periods) out.push((await loadSnapshotPeriod(context, period)).snapshot);
  return out;
}
