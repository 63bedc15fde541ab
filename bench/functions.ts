/**
 * npm run bench — what the ACTIONS functions cost on a big tracker, measured and
 * printed (never asserted: timings depend on the machine).
 *
 *  1. The Office path: a generated 20,000-row tracker read through the Office.js
 *     adapter from the Excel double (round trips, request/response sizes, time).
 *  2. Building the index the shared runtime holds (what publishTracker does).
 *  3. 1,000 ACTIONS.COUNT invocations after that, called as Excel calls them
 *     (functions.ts, streaming invocation) with the double installed as the
 *     global Excel, counting its Excel.run batches and syncs: the Excel API
 *     calls per invocation. Target: ≤ 20 ms for the 1,000, and 0 calls.
 *  4. What a refresh costs with those 1,000 cells live, and a call with an
 *     explicit 20,000-row range (first read, then from the cache).
 */
import { performance } from "node:perf_hooks";
import { readTracker } from "../src/model";
import { loadTracker } from "../src/excel/tracker";
import { clearTracker, listenerCount, publishTracker } from "../src/functions/store";
import { evalCount } from "../src/functions/evaluate";
import * as fns from "../src/functions/functions";
import { ExcelDouble } from "../test/double/excel-double";
import type { DoubleContext } from "../test/double/excel-double";
import { bigTracker } from "../test/support/big-tracker";

const ROWS = 20_000;
const CALLS = 1_000;
const ROUNDS = 5;

const g = globalThis as { CustomFunctions?: unknown };
g.CustomFunctions = {
  Error: class {
    constructor(
      readonly code: string,
      readonly message?: string,
    ) {}
  },
  ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" },
};

function ms(t: number): string {
  return `${t.toFixed(t < 10 ? 2 : 1)} ms`;
}
function size(bytes: number): string {
  return bytes < 10_240 ? `${bytes} bytes` : `${(bytes / 1024).toFixed(0)} KB`;
}
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
function row(label: string, value: string) {
  console.log(`  ${label.padEnd(58)} ${value}`);
}

/** The words, themes and leads a dashboard would ask about, in several spellings. */
const QUERIES: [string, unknown, unknown][] = [
  ["In progress", null, null],
  ["complete", null, null],
  ["Red", null, null],
  ["Yellow", null, null],
  ["↑", null, null],
  ["no change", null, null],
  ["On hold", [["Theme 3: partnership actions"]], null],
  ["Green", null, [["Lead 7"]]],
  ["deteriorated", [["Theme 12: partnership actions"]], [["Lead 3"]]],
  ["Not yet started", null, null],
];

interface Streaming {
  results: unknown[];
  onCanceled?: () => void;
  setResult(v: unknown): void;
}
function invocation(): Streaming {
  const inv: Streaming = {
    results: [],
    setResult(v) {
      inv.results.push(v);
    },
  };
  return inv;
}

async function main() {
  console.log(`ACTIONS functions on a generated ${ROWS.toLocaleString("en-GB")}-row tracker (Node ${process.version})\n`);
  const grid = bigTracker(ROWS);

  // 1. The Office path.
  const x = ExcelDouble.fromGrids([grid]);
  let t = performance.now();
  const { report, stats } = await x.run({ delayForCellEdit: true }, (ctx: DoubleContext) => loadTracker(ctx as unknown as Excel.RequestContext));
  const officeTime = performance.now() - t;
  console.log("Reading the tracker through Office.js (the Excel double):");
  row("round trips (context.sync)", `${x.syncs.length} (${stats.blocks} value blocks)`);
  row("largest request / largest response", `${size(Math.max(...x.syncs.map((s) => s.requestBytes)))} / ${size(Math.max(...x.syncs.map((s) => s.responseBytes)))}`);
  row("time (double + model)", ms(officeTime));
  row("actions read", `${report.actions.length}`);

  // 2. The index.
  t = performance.now();
  readTracker(grid);
  const modelTime = performance.now() - t;
  t = performance.now();
  const snapshot = publishTracker(report);
  const indexTime = performance.now() - t;
  if (!snapshot) throw new Error("no tracker");
  console.log("\nThe index the shared runtime holds:");
  row("rows → actions (readTracker, the model)", ms(modelTime));
  row("building the index (publishTracker)", ms(indexTime));

  // 3. 1,000 ACTIONS.COUNT invocations, as Excel makes them, with the double as the global Excel.
  const uninstall = x.install();
  x.resetCounters();
  const rounds: number[] = [];
  let check = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const invocations: Streaming[] = [];
    t = performance.now();
    for (let i = 0; i < CALLS; i++) {
      const [word, theme, lead] = QUERIES[i % QUERIES.length];
      const inv = invocation();
      fns.count(word, theme as never, lead as never, null as never, inv as unknown as CustomFunctions.StreamingInvocation<number>);
      invocations.push(inv);
    }
    rounds.push(performance.now() - t);
    for (const inv of invocations) check += Number(inv.results[0]);
    // Excel cancels them when the cells go away; the last round stays live for step 4.
    if (round < ROUNDS - 1) for (const inv of invocations) inv.onCanceled?.();
  }
  const runs = x.runs;
  const syncs = x.syncs.length;
  console.log(`\n${CALLS.toLocaleString("en-GB")} ACTIONS.COUNT invocations after the index is built (functions.ts, streaming):`);
  row(`time for ${CALLS} (first round; target ≤ 20 ms)`, ms(rounds[0]));
  row(`time for ${CALLS} (median of ${ROUNDS} rounds)`, ms(median(rounds)));
  row("Excel API calls per invocation (Excel.run batches / syncs)", `${runs / (CALLS * ROUNDS)} / ${syncs / (CALLS * ROUNDS)}  (${runs} runs, ${syncs} syncs in ${CALLS * ROUNDS} calls)`);
  t = performance.now();
  for (let i = 0; i < CALLS; i++) {
    const [word, theme, lead] = QUERIES[i % QUERIES.length];
    evalCount(snapshot, word, theme, lead);
  }
  row(`evaluate.ts alone: ${CALLS} evalCount`, ms(performance.now() - t));

  // 4. A refresh with the last 1,000 cells live, and an explicit range.
  const live = listenerCount();
  t = performance.now();
  publishTracker(report);
  const republish = performance.now() - t;
  console.log("\nAfter an edit (the refresh path re-reads and republishes):");
  row(`republish: rebuild the index + update ${live} live cells`, ms(republish));
  const range = grid.values.slice(3).map((r) => r.map((v) => (v === null ? "" : v)));
  t = performance.now();
  const first = evalCount(null, "In progress", range);
  const rangeFirst = performance.now() - t;
  const copy = range.map((r) => [...r]);
  t = performance.now();
  evalCount(null, "In progress", copy);
  const rangeCached = performance.now() - t;
  console.log(`\nWith an explicit source (=ACTIONS.COUNT("In progress", Tracker!A4:H${grid.values.length})):`);
  row("first call: read the 20,000-row range", ms(rangeFirst));
  row("same content again (a new array, as Excel passes it)", ms(rangeCached));
  row("result", String(first));
  if (x.runs !== runs || x.syncs.length !== syncs) throw new Error("an ACTIONS function called Excel");

  uninstall();
  clearTracker();
  console.log(`\n(checksum ${check})`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
