/**
 * What the ACTIONS functions cost on a generated tracker (measured, never
 * asserted: timings depend on the machine):
 *
 *  1. building the index the shared runtime holds (what publishTracker does);
 *  2. 1,000 ACTIONS.COUNT invocations after that, called as Excel calls them
 *     (functions.ts, streaming invocation) with Microsoft's Excel client (over
 *     the wire host on the Excel double) installed as the global Excel,
 *     counting its Excel.run batches and syncs: the Excel API
 *     calls per invocation. Target: ≤ 20 ms for the 1,000, and 0 calls;
 *  3. what a refresh costs with those 1,000 cells live, and a call with an
 *     explicit range over the whole tracker (first read, then from the cache).
 *
 * Each size runs in a fresh process (`tsx bench/functions.ts 20000`, which
 * index.ts spawns), so the first round is as cold as in a newly opened workbook,
 * at every size alike.
 */
import { performance } from "node:perf_hooks";
import { readTracker } from "../src/model";
import { listenerCount, publishTracker } from "../src/shared/store";
import { evalCount } from "../src/functions/evaluate";
import * as fns from "../src/functions/functions";
import { ExcelDouble } from "../test/double/excel-double";
import { REALISTIC_LEADS, REALISTIC_THEMES } from "../test/support/realistic-tracker";
import type { RealisticTracker } from "../test/support/realistic-tracker";
import { realisticTracker } from "../test/support/realistic-tracker";
import { median, ms, table, targets, verdict } from "./util";
import type { TargetLine } from "./util";
import { clearTracker } from "../test/support/store";

const CALLS = 1_000;
const ROUNDS = 5;
const TARGET_MS = 20;

const g = globalThis as { CustomFunctions?: unknown };
g.CustomFunctions ??= {
  Error: class {
    constructor(
      readonly code: string,
      readonly message?: string,
    ) {}
  },
  ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" },
};

/** The words, themes and leads a dashboard would ask about, in several spellings. */
const QUERIES: [string, unknown, unknown][] = [
  ["In progress", null, null],
  ["complete", null, null],
  ["Red", null, null],
  ["Yellow", null, null],
  ["↑", null, null],
  ["no change", null, null],
  ["On hold", [[REALISTIC_THEMES[2]]], null],
  ["Green", null, [[REALISTIC_LEADS[0]]]],
  ["↓", [[REALISTIC_THEMES[5]]], [[REALISTIC_LEADS[3]]]],
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

export interface FunctionsFigures {
  index: number;
  first: number;
  median: number;
  evaluateOnly: number;
  excelCalls: number;
  republish: number;
  rangeFirst: number;
  rangeCached: number;
}

export function functionsBench(rows: number, rt: RealisticTracker): FunctionsFigures {
  const { grid } = rt;
  const report = readTracker(grid);

  // 1. The index.
  let t = performance.now();
  const snapshot = publishTracker(report);
  const index = performance.now() - t;
  if (!snapshot) throw new Error("no tracker");

  // 2. 1,000 ACTIONS.COUNT invocations, as Excel makes them, with Microsoft's Excel client (on the double) as the global Excel.
  const x = ExcelDouble.fromGrids([grid]);
  const uninstall = x.installMicrosoftClient();
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
    // Excel cancels them when the cells go away; the last round stays live for step 3.
    if (round < ROUNDS - 1) for (const inv of invocations) inv.onCanceled?.();
  }
  if (!Number.isFinite(check)) throw new Error("an ACTIONS.COUNT returned no number");
  const runs = x.runs;
  const syncs = x.syncs.length;
  t = performance.now();
  for (let i = 0; i < CALLS; i++) {
    const [word, theme, lead] = QUERIES[i % QUERIES.length];
    evalCount(snapshot, word, theme, lead);
  }
  const evaluateOnly = performance.now() - t;

  // 3. A refresh with the last 1,000 cells live, and an explicit range.
  const live = listenerCount();
  t = performance.now();
  publishTracker(report);
  const republish = performance.now() - t;
  const range = grid.values.slice(rt.headerRow - 1).map((r) => r.map((v) => (v === null ? "" : v)));
  t = performance.now();
  evalCount(null, "In progress", range);
  const rangeFirst = performance.now() - t;
  const copy = range.map((r) => [...r]);
  t = performance.now();
  evalCount(null, "In progress", copy);
  const rangeCached = performance.now() - t;
  if (x.runs !== runs || x.syncs.length !== syncs) throw new Error("an ACTIONS function called Excel");
  uninstall();
  clearTracker();

  const f: FunctionsFigures = { index, first: rounds[0], median: median(rounds), evaluateOnly, excelCalls: runs + syncs, republish, rangeFirst, rangeCached };
  console.log(`\nThe ACTIONS functions (${report.actions.length} actions in the index):`);
  console.log(
    table([
      ["measure", "time"],
      ["building the index (publishTracker)", ms(f.index)],
      [`${CALLS} ACTIONS.COUNT after the index is built: first round (target ≤ ${TARGET_MS} ms)`, ms(f.first)],
      [`${CALLS} ACTIONS.COUNT: median of ${ROUNDS} rounds (${rounds.map((r) => r.toFixed(1)).join(", ")} ms)`, ms(f.median)],
      [`${CALLS} evalCount alone (evaluate.ts)`, ms(f.evaluateOnly)],
      [`Excel API calls in ${CALLS * ROUNDS} invocations (Excel.run batches + syncs)`, `${f.excelCalls}`],
      [`after an edit: rebuild the index + update ${live} live cells`, ms(f.republish)],
      [`explicit range (=ACTIONS.COUNT("In progress", Tracker!A${rt.headerRow}:H${grid.values.length})): first call`, ms(f.rangeFirst)],
      ["explicit range: same content again (a new array, as Excel passes it)", ms(f.rangeCached)],
    ]),
  );
  targets.push({
    measure: `${CALLS} ACTIONS.COUNT after the index is built (first round / median)`,
    size: rows.toLocaleString("en-GB"),
    figure: `${ms(f.first)} / ${ms(f.median)}, ${f.excelCalls} Excel calls`,
    target: `≤ ${TARGET_MS} ms`,
    verdict: verdict(f.first <= TARGET_MS && f.excelCalls === 0, `${ms(f.first - TARGET_MS)} over`),
  });
  return f;
}

/** The marker before the child's target line, which the parent adds to its own list. */
export const TARGET_MARK = "BENCH-TARGET ";

if (require.main === module) {
  for (const arg of process.argv.slice(2)) {
    const rows = Number(arg);
    functionsBench(rows, realisticTracker(rows));
  }
  for (const t of targets) console.log(`${TARGET_MARK}${JSON.stringify(t satisfies TargetLine)}`);
}
