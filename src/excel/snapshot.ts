/**
 * Snapshots in Excel: a sheet the add-in owns ("Delivery plan snapshots"),
 * hidden but recoverable (Unhide shows it), appended to at the end of each
 * period, one row per action. With a big tracker it grows by megabytes a
 * period, so it is never loaded whole:
 *
 *  - listing the periods reads only the Period and Taken columns (A:B): the
 *    first rows with the sheet's size in one round trip, the rest (if any) in
 *    blocks of about 2 MB;
 *  - one period's rows (A:H, H the update fingerprints) are read only when that period is compared with,
 *    in blocks of about 2 MB (blocks.ts); every period's rows only for the history (the Panel Summary,
 *    the paper and =ACTIONS.HISTORY), in the same blocks;
 *  - taking a snapshot writes its rows in blocks of at most 2 MB of request.
 *
 * A small tracker takes one round trip to list, one to load a period and two to
 * take a snapshot (one when the list's round trip found where: the pane's); a
 * big one takes one more per ~4 MB, never one per row.
 */
import { SNAPSHOT_HEADER, SNAPSHOT_LAST_COLUMN, SNAPSHOT_SHEET, cellText, readSnapshots } from "../model";
import type { Snapshot } from "../model";
import { OPERATION_BYTES, REQUEST_BUDGET_BYTES, chunkBytesPerRow, isPayloadTooLarge, jsonLength, readInBlocks, writeBlocks } from "./blocks";
import { fromOfficeValue } from "../shared/values";
import type { SnapshotInfo } from "../shared/host";

/** Rows of A:B read with the sheet's size in the first round trip (~1 MB of typical labels: it rides with the pane's first round trip). */
export const FIRST_LIST_ROWS = 32_768;

/** One period in the snapshot sheet, found from its Period and Taken columns only. */
export interface SnapshotPeriod {
  period: string;
  /** The date it was taken, as stored ("2026-11-23"). */
  taken: string;
  /** Its rows: one per action. */
  rows: number;
  /** Where they are: runs of consecutive sheet rows (one run unless the sheet was sorted or edited). */
  runs: { row: number; count: number }[];
}

export interface SnapshotList {
  periods: SnapshotPeriod[];
  syncs: number;
}

/** The list as queueSnapshotList finishes it: with where the next snapshot's rows go (for writeSnapshotRows). */
export interface SnapshotListWhere extends SnapshotList {
  where: SnapshotWhere;
}

export interface SnapshotWhere {
  exists: boolean;
  /** The first empty row below the sheet's used range (2 on a sheet still to be made: row 1 is the header). */
  nextRow: number;
}

export interface SnapshotListOptions {
  /** Loads to send with the first round trip (queued again if Excel refuses it as too large). */
  alongside?: () => void;
}

/**
 * Queue the snapshot list's first round trip (the sheet's size and its first
 * `firstRows` rows of A:B); once a sync of the caller's has come back, `finish`
 * reads the rest of A:B (if any, in blocks) and gives the periods.
 */
export function queueSnapshotList(context: Excel.RequestContext, firstRows = FIRST_LIST_ROWS): { finish: () => Promise<SnapshotListWhere> } {
  const sheet = context.workbook.worksheets.getItemOrNullObject(SNAPSHOT_SHEET);
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load("rowIndex,rowCount");
  const head = sheet.getRange(`A1:B${firstRows}`);
  const headRows = used.getIntersectionOrNullObject(head);
  headRows.load("values,rowIndex");
  return { finish: () => finishSnapshotList(context, { sheet, used, head: headRows }) };
}

/** The periods in the snapshot sheet, in the order taken. */
export async function listSnapshotPeriods(context: Excel.RequestContext, options: SnapshotListOptions = {}): Promise<SnapshotList> {
  let firstRows = FIRST_LIST_ROWS;
  let list: { finish: () => Promise<SnapshotListWhere> };
  for (;;) {
    options.alongside?.();
    list = queueSnapshotList(context, firstRows);
    try {
      // Again only when Excel refused it as too large (very long period labels), with half the rows.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
      break;
    } catch (err) {
      if (!isPayloadTooLarge(err) || firstRows === 1) throw err;
      firstRows = Math.ceil(firstRows / 2);
    }
  }
  const { periods, syncs } = await list.finish();
  return { periods, syncs };
}

async function finishSnapshotList(context: Excel.RequestContext, first: { sheet: Excel.Worksheet; used: Excel.Range; head: Excel.Range }): Promise<SnapshotListWhere> {
  let syncs = 1;
  const { sheet, used, head } = first;
  if (sheet.isNullObject) return { periods: [], syncs, where: { exists: false, nextRow: 2 } };
  if (used.isNullObject) return { periods: [], syncs, where: { exists: true, nextRow: 1 } };
  const where = { exists: true, nextRow: used.rowIndex + used.rowCount + 1 };

  const periods = new Map<string, SnapshotPeriod>();
  const add = (row: number, cells: unknown[]) => {
    const period = cellText(fromOfficeValue(cells[0]));
    const taken = cellText(fromOfficeValue(cells[1]));
    if (!period || (period === SNAPSHOT_HEADER[0] && taken === SNAPSHOT_HEADER[1])) return;
    let p = periods.get(period);
    if (!p) periods.set(period, (p = { period, taken, rows: 0, runs: [] }));
    p.rows++;
    const last = p.runs[p.runs.length - 1];
    if (last && last.row + last.count === row) last.count++;
    else p.runs.push({ row, count: 1 });
  };

  const top = used.rowIndex + 1;
  const bottom = used.rowIndex + used.rowCount;
  let next = top;
  if (!head.isNullObject) {
    head.values.forEach((cells, i) => add(head.rowIndex + 1 + i, cells));
    next = head.rowIndex + 1 + head.values.length;
  }
  if (next <= bottom) {
    const firstBytes = head.isNullObject ? 32 : JSON.stringify(head.values).length / Math.max(1, head.values.length);
    const rest = await readInBlocks(context, { total: bottom - next + 1, rowBytes: firstBytes }, (start, count) => {
      const row = next + start;
      const block = sheet.getRange(`A${row}:B${row + count - 1}`);
      block.load("values");
      // Called by readInBlocks only once the block came back (the linter cannot see through the callback).
      return () => {
        // eslint-disable-next-line office-addins/call-sync-after-load, office-addins/call-sync-before-read
        const rows = block.values as unknown[][] | null;
        // Over Excel's cell limit for a read, values come back null: read again in halves.
        if (rows === null) return null;
        rows.forEach((cells, i) => add(row + i, cells));
        return jsonLength(rows);
      };
    });
    syncs += rest.syncs;
  }
  return { periods: [...periods.values()], syncs, where };
}

/** Snapshot rows read into actions per slice: a few milliseconds of the page's time each. */
const PARSE_SLICE = 2_000;

/** One period's rows (A:H), in blocks of about 2 MB. */
export async function loadSnapshotPeriod(context: Excel.RequestContext, period: SnapshotPeriod): Promise<{ snapshot: Snapshot; syncs: number }> {
  const { values, syncs } = await readPeriodRows(context, period);
  return { snapshot: await snapshotOf(period, values), syncs };
}

/**
 * Every period's rows (A:H), oldest taken first, for the history: one read of
 * all their rows in blocks of about 2 MB (one round trip for a small tracker's
 * few periods, one more per ~2 MB, never one per row or per period).
 */
export async function loadSnapshots(context: Excel.RequestContext, periods: readonly SnapshotPeriod[]): Promise<{ snapshots: Snapshot[]; syncs: number }> {
  if (periods.length === 0) return { snapshots: [], syncs: 0 };
  // All their runs, in sheet order, read as one period's would be.
  const runs = periods.flatMap((p) => p.runs).sort((a, b) => a.row - b.row);
  const all: SnapshotPeriod = { period: periods[0].period, taken: periods[0].taken, rows: runs.reduce((n, r) => n + r.count, 0), runs };
  const { values, syncs } = await readPeriodRows(context, all);
  const found = new Map<string, Snapshot>(periods.map((p) => [p.period, { period: p.period, taken: p.taken, actions: [] }]));
  await parseSlices(values, (s) => {
    const into = found.get(s.period);
    if (into) for (const a of s.actions) into.actions.push(a);
  });
  return { snapshots: periods.map((p) => found.get(p.period)!), syncs };
}

/** The snapshots kept in the workbook's snapshot sheet, oldest taken first: its periods listed, then their rows read (2 round trips for a small tracker). */
export async function readSnapshotSheet(context: Excel.RequestContext): Promise<{ snapshots: Snapshot[]; syncs: number }> {
  const list = await listSnapshotPeriods(context);
  const loaded = await loadSnapshots(context, list.periods);
  return { snapshots: loaded.snapshots, syncs: list.syncs + loaded.syncs };
}

/** The rows (A:H) of a period's runs, in blocks of about 2 MB. */
async function readPeriodRows(context: Excel.RequestContext, period: SnapshotPeriod): Promise<{ values: unknown[][]; syncs: number }> {
  const sheet = context.workbook.worksheets.getItem(SNAPSHOT_SHEET);
  const values: unknown[][] = [];
  const { syncs } = await readInBlocks(
    context,
    { total: period.rows, rowBytes: JSON.stringify([period.period, period.taken]).length + 96 },
    (start, count) => {
      // Rows start … start + count of the period, run by run.
      const ranges: Excel.Range[] = [];
      let skip = start;
      let left = count;
      for (const run of period.runs) {
        if (left === 0) break;
        if (skip >= run.count) {
          skip -= run.count;
          continue;
        }
        const n = Math.min(run.count - skip, left);
        const range = sheet.getRange(`A${run.row + skip}:${SNAPSHOT_LAST_COLUMN}${run.row + skip + n - 1}`);
        range.load("values");
        ranges.push(range);
        left -= n;
        skip = 0;
      }
      return () => {
        let bytes = 0;
        // Over Excel's cell limit for a read, values come back null: read again in halves.
        if (ranges.some((range) => (range.values as unknown[][] | null) === null)) return null;
        for (const range of ranges) {
          values.push(...range.values);
          bytes += jsonLength(range.values);
        }
        return bytes;
      };
    },
  );
  return { values, syncs };
}

/** A period's rows loaded whole with a round trip of the caller's (queuePeriodRows), for when it is known ahead. */
export interface QueuedPeriod {
  period: SnapshotPeriod;
  /** After the caller's sync. */
  finish: () => Promise<Snapshot>;
}

/** A period small enough to ride whole with another round trip (~1 MB of rows at most). */
export const PRELOAD_PERIOD_ROWS = 8_000;

/**
 * Queue the load of all of a period's rows (A:H, run by run) with the caller's next sync. The
 * caller uses them only if the periods listed in that same sync show this period in the very same
 * rows (samePeriodRows): they are then exactly what loadSnapshotPeriod would read.
 */
export function queuePeriodRows(context: Excel.RequestContext, period: SnapshotPeriod): QueuedPeriod {
  const sheet = context.workbook.worksheets.getItem(SNAPSHOT_SHEET);
  const ranges = period.runs.map((run) => {
    const range = sheet.getRange(`A${run.row}:${SNAPSHOT_LAST_COLUMN}${run.row + run.count - 1}`);
    range.load("values");
    return range;
  });
  return { period, finish: () => snapshotOf(period, ranges.flatMap((r) => r.values)) };
}

/** The same period in the same rows of the snapshot sheet. */
export function samePeriodRows(a: SnapshotPeriod, b: SnapshotPeriod): boolean {
  return a.period === b.period && a.rows === b.rows && JSON.stringify(a.runs) === JSON.stringify(b.runs);
}

async function snapshotOf(period: SnapshotPeriod, values: unknown[][]): Promise<Snapshot> {
  const snapshot: Snapshot = { period: period.period, taken: period.taken, actions: [] };
  let first = true;
  await parseSlices(values, (found) => {
    if (found.period !== period.period) return;
    if (first) snapshot.taken = found.taken;
    first = false;
    for (const a of found.actions) snapshot.actions.push(a);
  });
  return snapshot;
}

/** Read rows of the snapshot sheet a slice at a time, letting the page breathe between slices (a big history is tens of thousands of rows). */
async function parseSlices(values: unknown[][], each: (found: Snapshot) => void): Promise<void> {
  for (let from = 0; from < values.length; from += PARSE_SLICE) {
    if (from > 0) await new Promise((resolve) => setTimeout(resolve, 0));
    const slice = readSnapshots({
      name: SNAPSHOT_SHEET,
      firstRow: 1,
      firstColumn: 1,
      values: values.slice(from, from + PARSE_SLICE).map((row) => row.map(fromOfficeValue)),
      merges: [],
    });
    for (const found of slice) each(found);
  }
}

/**
 * Append rows made by the model's snapshotRows (the pane's engine makes them
 * off the page's thread): 1 round trip to find where, then the rows in blocks
 * of at most ~2 MB of request (1 block for a small tracker). If a block fails,
 * the rows already sent for this period are cleared again.
 */
export async function writeSnapshotRows(
  context: Excel.RequestContext,
  rows: readonly string[][],
  /** Where, when the caller's own round trip has just found it (listSnapshotPeriods): no look-up of its own then. */
  found?: SnapshotWhere,
): Promise<{ rows: number; firstRow: number; syncs: number }> {
  const sheets = context.workbook.worksheets;
  let syncs = 0;
  if (!found) {
    const existing = sheets.getItemOrNullObject(SNAPSHOT_SHEET);
    const used = existing.getUsedRangeOrNullObject(true);
    used.load("rowIndex,rowCount");
    await context.sync();
    syncs++;
    found = existing.isNullObject ? { exists: false, nextRow: 2 } : { exists: true, nextRow: used.isNullObject ? 1 : used.rowIndex + used.rowCount + 1 };
  }

  let sheet: Excel.Worksheet;
  let next: number;
  const header = [[...SNAPSHOT_HEADER] as string[]];
  if (!found.exists) {
    sheet = sheets.add(SNAPSHOT_SHEET);
    const top = sheet.getRange(`A1:${SNAPSHOT_LAST_COLUMN}1`);
    top.numberFormat = [header[0].map(() => "@")];
    top.values = header;
    top.format.font.bold = true;
    next = 2;
  } else {
    sheet = sheets.getItem(SNAPSHOT_SHEET);
    next = found.nextRow;
  }
  // No half-taken period: a failed write takes back the rows it sent (they were empty before).
  syncs += await appendHiddenTextRows(context, sheet, rows, next, SNAPSHOT_LAST_COLUMN);
  return { rows: rows.length, firstRow: next, syncs };
}

/** The periods as the pane lists them: label, date taken, actions. */
export function snapshotInfo(periods: readonly SnapshotPeriod[]): SnapshotInfo[] {
  return periods.map((p) => ({ period: p.period, taken: p.taken, actions: p.rows }));
}

/**
 * Append rows as text (references, periods and times never turn into numbers, dates or formulas) to one of
 * the add-in's hidden sheets, from row `next`, in blocks whose request stays under Excel's cap (~2 MB each:
 * the round trips follow the rows' size, never one per row), and hide the sheet (from the tabs, not "very
 * hidden": Unhide brings it back). A failed round trip takes back the rows sent (they were empty before)
 * and the first failure is thrown. Returns the round trips taken. The snapshots and the sign-off's record
 * are written so.
 */
export async function appendHiddenTextRows(context: Excel.RequestContext, sheet: Excel.Worksheet, rows: readonly (readonly string[])[], next: number, lastColumn: string): Promise<number> {
  const columns = rows[0]?.length ?? 1;
  const textFormat = Array.from({ length: columns }, () => "@");
  // Each row's number formats, and its share of the chunks Microsoft's client splits both writes into.
  const formatBytes = JSON.stringify(textFormat).length + 1 + chunkBytesPerRow(columns, 2);
  const blocks = writeBlocks(rows.length, (i) => jsonLength([rows[i]]) - 1 + formatBytes, REQUEST_BUDGET_BYTES - 4 * OPERATION_BYTES);
  // Rows sent so far (a failed round trip may have written some of its rows before failing).
  let sent = 0;
  let syncs = 0;
  try {
    for (let b = 0; b < blocks.length; b++) {
      const { from, to } = blocks[b];
      sent = to;
      const body = sheet.getRange(`A${next + from}:${lastColumn}${next + to - 1}`);
      body.numberFormat = rows.slice(from, to).map(() => textFormat);
      body.values = rows.slice(from, to).map((r) => [...r]);
      if (b === blocks.length - 1) sheet.visibility = Excel.SheetVisibility.hidden;
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
      syncs++;
    }
    if (blocks.length === 0) {
      sheet.visibility = Excel.SheetVisibility.hidden;
      await context.sync();
      syncs++;
    }
  } catch (err) {
    if (sent > 0) {
      try {
        sheet.getRange(`A${next}:${lastColumn}${next + sent - 1}`).clear();
        await context.sync();
      } catch {
        // The first failure is the one to report.
      }
    }
    throw err;
  }
  return syncs;
}
