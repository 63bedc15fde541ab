/**
 * npm run bench — the performance figures, measured and printed (never asserted:
 * timings depend on the machine; not part of `npm test`). For generated trackers
 * of 1,000, 5,000 and 20,000 rows (test/support/realistic-tracker.ts: realistic
 * text lengths, sections, sub-rows, spelling variants, RAG by fill):
 *
 *  - the engine against one bare pass over the same cells, and against
 *    HyperFormula's COUNTIFS for the same status × theme counts (engine.ts);
 *  - Office.js round trips and payloads per command on the Excel double (office.ts);
 *  - 1,000 ACTIONS.COUNT calls after the index is built (functions.ts, in a fresh process);
 *  - the CLI's summary --out end to end against ExcelJS alone (cli.ts);
 *  - the task pane's main thread in Chromium: add-in tasks over 50 ms per command (pane.ts);
 *  - the hostile corpus, each file's time and peak memory through the CLI (limits.ts);
 *  - with --big ROWS (e.g. --big 1000000): a tracker of that many actions through validate and
 *    summary --out, time and peak memory next to ExcelJS alone reading it (limits.ts; minutes);
 *
 * and once, the task pane's initial JavaScript, gzipped (bundle.ts). The targets,
 * met or missed, are listed together at the end.
 *
 *   npm run bench                      everything
 *   npm run bench -- 1000 5000         only these sizes
 *   npm run bench -- --skip cli,bundle leave parts out (engine, office, functions, cli, bundle, pane, corpus)
 *   npm run bench -- --big 1000000     also the big tracker
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { realisticTracker } from "../test/support/realistic-tracker";
import { bundleBench } from "./bundle";
import { bigTrackerBench, corpusBench } from "./limits";
import { buildCli, cliBench } from "./cli";
import { engineBench } from "./engine";
import { TARGET_MARK } from "./functions";
import { officeBench } from "./office";
import { paneBench } from "./pane";
import { SIZES, heading, machine, ms, table, targets } from "./util";
import type { TargetLine } from "./util";

/** The functions' part in a fresh process, so that its first round is cold at every size (see functions.ts). */
function functionsInFreshProcess(rows: number): void {
  const cli = require.resolve("tsx/cli");
  const out = execFileSync(process.execPath, [cli, path.join(__dirname, "functions.ts"), String(rows)], { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
  const lines = out.split("\n");
  for (const line of lines.filter((l) => l.startsWith(TARGET_MARK))) targets.push(JSON.parse(line.slice(TARGET_MARK.length)) as TargetLine);
  console.log(lines.filter((l) => !l.startsWith(TARGET_MARK)).join("\n").trimEnd());
}

function parseArgs(argv: string[]) {
  const sizes: number[] = [];
  const skip = new Set<string>();
  let big = 0;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--skip") for (const p of (argv[++i] ?? "").split(",")) skip.add(p.trim());
    else if (argv[i] === "--big") big = Number((argv[++i] ?? "").replace(/[_,]/g, "")) || 1_000_000;
    else if (/^\d[\d_,]*$/.test(argv[i])) sizes.push(Number(argv[i].replace(/[_,]/g, "")));
    else throw new Error(`unknown argument ${argv[i]}: give sizes (e.g. 1000 20000), --skip engine,office,functions,cli,bundle,pane,corpus and --big ROWS`);
  }
  return { sizes: sizes.length ? sizes : [...SIZES], skip, big };
}

async function main() {
  const started = performance.now();
  const { sizes, skip, big } = parseArgs(process.argv.slice(2));
  console.log(`npm run bench — ${new Date().toISOString().slice(0, 10)}`);
  console.log(`Machine: ${machine()}`);
  if (!skip.has("cli")) buildCli();

  for (const rows of sizes) {
    const rt = realisticTracker(rows);
    const e = rt.expected;
    heading(`${rows.toLocaleString("en-GB")} rows: ${e.actions} actions, ${e.subRows} sub-activity rows, ${e.sections} section headings, ${e.ragFromFill} RAGs by fill only`);
    if (!skip.has("engine")) await engineBench(rows, rt);
    if (!skip.has("office")) await officeBench(rows, rt);
    if (!skip.has("functions")) functionsInFreshProcess(rows);
    if (!skip.has("cli")) await cliBench(rows, rt);
  }
  if (!skip.has("bundle") || !skip.has("pane")) heading("The task pane");
  if (!skip.has("bundle")) await bundleBench();
  if (!skip.has("pane")) await paneBench(sizes);
  if (!skip.has("corpus")) await corpusBench();
  if (big) await bigTrackerBench(big);

  heading("Targets");
  console.log(table([["measure", "rows", "figure", "target", "verdict"], ...targets.map((t) => [t.measure, t.size, t.figure, t.target, t.verdict])]));
  console.log(`\nMachine: ${machine()}`);
  console.log(`(the bench took ${ms(performance.now() - started)})`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
