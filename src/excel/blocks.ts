/**
 * Reading many rows through Office.js without hitting Excel's payload limit:
 * rows go in blocks, one round trip each, sized so that a block's response
 * stays under a budget (4 MB; Excel refuses any request or response over 5 MB).
 *
 * The plan adapts as it goes. The first block is sized from the caller's
 * estimate of a row's size (the reader's: its longest probe row); after every
 * block its real size (the JSON length of the values that came back) is
 * measured, and the next block is sized from the largest bytes per row of a
 * block so far, with a 10% margin — no longer from the first estimate, which
 * is one row's worst case while a block's thousands of rows average out (that
 * took realistic trackers' blocks from ~1.2 MB to ~1.7 MB). A block that Excel
 * refuses as too large is retried smaller — at most half of it, less when the
 * refusal shows the rows are much longer than estimated — and the read goes on.
 * So the number of round trips follows the size of the data, never its rows.
 */
import { officeErrorCode } from "./office-error";

/** Excel's documented limit for one request or one response. */
export const EXCEL_PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;
/**
 * Budget for one round trip's payload: 4 MB, a 20% margin under Excel's 5 MB.
 * Every block is sized from bytes measured on Microsoft's client (its requests:
 * CLIENT_CHUNK_BYTES, formatRequestBytes, CELL_*_BYTES, all kept above what was
 * measured; its responses: the bytes per row of the blocks read so far), so the
 * margin is for what a measurement cannot know ahead (the next rows being
 * longer), not for a guess. It was 2 MB: a 20,000-row tracker's 16 MB of values
 * then took 9 round trips where 5 do.
 */
export const REQUEST_BUDGET_BYTES = 4 * 1024 * 1024;
/**
 * Blocks read are sized for rows this much longer than the longest block's
 * average so far: a block then comes back at about 3.8 MB, and a block whose
 * rows are a third longer still than any so far is still under Excel's 5 MB; a
 * longer one is refused and read again smaller (one round trip more, never a
 * failure).
 */
const MARGIN = 1.1;
/** After a refusal, the rows are assumed up to this many times longer than the refusal proves. */
const REFUSED_SPREAD = 4;
/** The budget is never lowered below this (a host that refuses less than this is not Excel). */
const MIN_BUDGET_BYTES = 64 * 1024;

/** Excel refused a round trip because its request or response was too large. */
export function isPayloadTooLarge(err: unknown): boolean {
  if (typeof err !== "object" || err === null) return false;
  const code = officeErrorCode(err);
  if (code === "RequestPayloadSizeLimitExceeded" || code === "ResponsePayloadSizeLimitExceeded") return true;
  const message = "message" in err ? String((err as { message: unknown }).message) : "";
  return /payload size/i.test(message);
}

export interface BlockOptions {
  /** Rows to read. */
  total: number;
  /** First estimate of one row's size in the response, in bytes (measured rows take over). */
  rowBytes: number;
  /** Bytes per row that ride along with each block and are not measured (fill colours). */
  fixedRowBytes?: number;
  /** Bytes that ride along with the first block only. */
  firstBlockBytes?: number;
  budget?: number;
  /** At most this many rows a block (what Excel's cell limit for a read allows at the block's width). */
  maxRows?: number;
}

export interface BlockStats {
  /** Round trips that came back. */
  syncs: number;
  /** Round trips Excel refused as too large (each was retried smaller). */
  refused: number;
  /** The largest bytes per row measured (0 when nothing was read). */
  rowBytes: number;
}

/**
 * Queue the loads for rows [start, start + count) (offsets from 0 to total),
 * and return what to do once they came back: keep the rows and return the
 * JSON length of their values. `first` is true until a block came back.
 */
/**
 * Queue a block; the function returned keeps it once it came back and gives
 * its bytes, or null when Excel gave no values for it (a range over its
 * read limit of 5,000,000 cells answers null): the block is then read again
 * in halves.
 */
export type QueueBlock = (start: number, count: number, first: boolean) => () => number | null;

/** Excel reads at most 5,000,000 cells of one range ("Resource limits and performance optimization for Office Add-ins"). */
export const EXCEL_READ_CELL_LIMIT = 5_000_000;

export async function readInBlocks(context: Excel.RequestContext, options: BlockOptions, queue: QueueBlock): Promise<BlockStats> {
  const fixed = options.fixedRowBytes ?? 0;
  let budget = options.budget ?? REQUEST_BUDGET_BYTES;
  let rowBytes = Math.max(1, options.rowBytes);
  let measured = 0;
  let syncs = 0;
  let refused = 0;
  let retry: number | null = null;
  let refusedRows: number | null = null;
  let start = 0;
  while (start < options.total) {
    const first = syncs === 0;
    const room = Math.max(1, budget - (first ? (options.firstBlockBytes ?? 0) : 0));
    const count = Math.max(1, Math.min(retry ?? Math.floor(room / (rowBytes * MARGIN + fixed)), options.maxRows ?? Infinity, options.total - start));
    const keep = queue(start, count, first);
    try {
      // One round trip per block of about 4 MB: Excel caps a payload (5 MB), so the number of
      // round trips follows the size of the data, never one per row or cell.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    } catch (err) {
      if (!isPayloadTooLarge(err) || count === 1) throw err;
      refused++;
      // Over the limit, so each row is at least this long; they may well be longer.
      const atLeast = Math.max(rowBytes, EXCEL_PAYLOAD_LIMIT_BYTES / count - fixed);
      retry = Math.max(1, Math.min(Math.floor(count / 2), Math.floor(room / (atLeast * REFUSED_SPREAD * MARGIN + fixed))));
      refusedRows = count;
      continue;
    }
    syncs++;
    const bytes = keep();
    if (bytes === null) {
      // No values for so many cells: the same rows again, in halves.
      if (count === 1) throw new Error("Excel gave no values for a row of the sheet.");
      refused++;
      retry = Math.floor(count / 2);
      continue;
    }
    const bytesPerRow = bytes / count;
    measured = Math.max(measured, bytesPerRow);
    // From now on the blocks are sized from what came back (the largest block's bytes per row),
    // not from the first estimate: that is often the longest single row, and a block's rows average out.
    rowBytes = measured;
    if (refusedRows !== null) {
      // Weighed by the rows that came back, the refused block was under Excel's 5 MB:
      // this host's limit is lower, so the blocks after it aim at half of what was refused.
      const weighed = refusedRows * (bytesPerRow + fixed);
      if (weighed <= EXCEL_PAYLOAD_LIMIT_BYTES) budget = Math.max(MIN_BUDGET_BYTES, Math.min(budget, Math.floor(weighed / 2)));
      refusedRows = null;
    }
    retry = null;
    start += count;
  }
  return { syncs, refused, rowBytes: measured };
}

/** What each operation of a request costs besides its data (Office.js sends its path and arguments). */
export const OPERATION_BYTES = 256;

/**
 * Microsoft's client (excel-web-16.00.js, setRangePropertiesInBulk) sends a
 * write of `values`, `numberFormat` or `formulas` of more than this many cells
 * as chunks of about this many cells, each addressed as its own range
 * (getRow(i).getBoundingRect(getRow(j))) with its own set-property action.
 */
export const CLIENT_CHUNK_CELLS = 1500;
/**
 * The bytes one such chunk adds to the request besides its data: 820–840
 * measured on Microsoft's client 1.1.110 (test/excel/formatting.test.ts), kept
 * at 1 KB for a margin.
 */
export const CLIENT_CHUNK_BYTES = 1024;

/**
 * Bytes per row that Microsoft's client adds to a bulk write of `properties`
 * (values, numberFormat…) over `columns` columns, once it is chunked.
 */
export function chunkBytesPerRow(columns: number, properties = 1): number {
  const rowsPerChunk = Math.max(1, Math.round(CLIENT_CHUNK_CELLS / Math.max(1, columns)));
  return Math.ceil((properties * CLIENT_CHUNK_BYTES) / rowsPerChunk);
}

/** A run of rows [from, to) to write in one round trip. */
export interface WriteBlock {
  from: number;
  to: number;
}

/**
 * Split `count` rows into runs whose request stays under `room` bytes, given
 * each row's size in the request (a row larger than `room` goes alone). A
 * small write is one block; a big one takes one per `room`, never one per row.
 */
export function writeBlocks(count: number, rowBytes: (i: number) => number, room: number): WriteBlock[] {
  const blocks: WriteBlock[] = [];
  let from = 0;
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const size = rowBytes(i);
    if (i > from && bytes + size > room) {
      blocks.push({ from, to: i });
      from = i;
      bytes = 0;
    }
    bytes += size;
  }
  if (from < count) blocks.push({ from, to: count });
  return blocks;
}

/**
 * The length JSON.stringify(rows) would have, without building the string (a
 * block is ~2 MB: building it to measure it costs the page a long task). A
 * quote or backslash inside a string is counted once, not twice: the 10%
 * margin of the block sizes covers that.
 */
export function jsonLength(rows: readonly (readonly unknown[])[]): number {
  let n = 2 + Math.max(0, rows.length - 1);
  for (const row of rows) {
    n += 2 + Math.max(0, row.length - 1);
    for (const v of row) {
      if (typeof v === "string") n += v.length + 2;
      else if (typeof v === "number") n += Number.isFinite(v) ? String(v).length : 4;
      else if (typeof v === "boolean") n += v ? 4 : 5;
      else n += 4;
    }
  }
  return n;
}
