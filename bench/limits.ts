/**
 * Reading within limits (src/xlsx/limits.ts), measured in processes of their own:
 *
 *  - the hostile corpus (test/corpus/hostile-files.ts): `validate` on each file,
 *    its time and its peak memory (the process's maxRSS), and the slowest;
 *  - a big tracker (default 1,000,000 actions, written with ExcelJS's streaming
 *    writer): `validate` and `summary --out` through the CLI, next to ExcelJS
 *    alone reading the same file, each with its time, peak memory and exit
 *    (`summary --out` of a tracker that big copies it part by part: src/xlsx/copy-parts.ts).
 *    Target: under 2 GB for both commands (issue 26). Each run gets V8's heap
 *    capped at 6 GB so that an overrun is a figure, not a swap storm; a run
 *    still going after 15 minutes is stopped and said to be.
 *
 *   npx tsx bench/limits.ts [rows]       (npm run bench -- --big 1000000 runs it in the bench)
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import ExcelJS from "exceljs";
import { HOSTILE_CASES, writeCorpus } from "../test/corpus/hostile-files";
import { heading, ms, table, targets, verdict } from "./util";

const ROOT = path.resolve(__dirname, "..");
const CLI = path.join(ROOT, "lib", "cli", "main.js");
const GB = 1024 * 1024 * 1024;
const TIME = ["/usr/bin/time"].find((p) => existsSync(p)) ?? null;

interface Run {
  code: number | null;
  ms: number;
  peak: number;
  stderr: string;
  killed: boolean;
}

/** A script run in its own node with `heapMb` of heap; its peak memory read from its own resourceUsage at exit. */
function measured(script: string, args: string[], heapMb: number, limitMs: number): Promise<Run> {
  const probe = `
    process.on("exit", () => { try { require("fs").writeSync(3, String(process.resourceUsage().maxRSS)); } catch {} });
    process.argv = [process.argv[0], ${JSON.stringify(script)}, ...process.argv.slice(1)];
    require(${JSON.stringify(script)});`;
  return new Promise((resolve) => {
    const t = performance.now();
    // GNU time, where there is one, gives the peak of the whole tree: the CLI reads a big workbook in a child of its own (src/cli/memory.ts).
    const command = [process.execPath, `--max-old-space-size=${heapMb}`, "-e", probe, ...args];
    const child = TIME ? spawn(TIME, ["-f", "peak-kb=%M", ...command], { cwd: ROOT, stdio: ["ignore", "ignore", "pipe", "pipe"], detached: true }) : spawn(command[0], command.slice(1), { cwd: ROOT, stdio: ["ignore", "ignore", "pipe", "pipe"], detached: true });
    let stderr = "";
    let rss = "";
    let killed = false;
    child.stderr!.on("data", (d) => (stderr += d));
    (child.stdio[3] as NodeJS.ReadableStream).on("data", (d) => (rss += d));
    const timer = setTimeout(() => {
      killed = true;
      // The whole group: time, the CLI and the CLI's own child.
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
    }, limitMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      const tree = /peak-kb=(\d+)\s*$/.exec(stderr);
      if (tree) stderr = stderr.slice(0, tree.index);
      const peak = Math.max(Number(rss) * 1024 || 0, tree ? Number(tree[1]) * 1024 : 0);
      // GNU time says "Command exited with non-zero status N" before its figure.
      stderr = stderr.replace(/Command exited with non-zero status \d+\s*$/, "").replace(/Command terminated by signal \d+\s*$/, "");
      resolve({ code, ms: performance.now() - t, peak, stderr, killed });
    });
  });
}

const mb = (bytes: number) => (bytes ? `${Math.round(bytes / 1024 / 1024).toLocaleString("en-GB")} MB` : "(died before it could say)");
const outcome = (r: Run) => (r.killed ? "stopped after the time limit" : r.code === 0 || r.code === 1 ? `exit ${r.code}` : `exit ${r.code}: ${r.stderr.trim().split("\n").pop()?.slice(0, 100) ?? ""}`);

export async function corpusBench(): Promise<void> {
  heading("The hostile corpus: validate on each file, in its own process (heap 1 GB)");
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "dp-bench-corpus-"));
  try {
    const rows: string[][] = [["file", "what it tries", "time", "peak memory", "exit"]];
    let slowest = { name: "", ms: 0 };
    let most = 0;
    for (const { case: c, file } of await writeCorpus(dir)) {
      const r = await measured(CLI, ["validate", file, "--as-of", "2026-12-01"], 1024, 120_000);
      rows.push([c.name, c.about.slice(0, 50), ms(r.ms), mb(r.peak), String(r.code)]);
      if (r.ms > slowest.ms) slowest = { name: c.name, ms: r.ms };
      most = Math.max(most, r.peak);
    }
    console.log(table(rows));
    console.log(`\n  slowest: ${slowest.name}, ${ms(slowest.ms)}; most memory: ${mb(most)} (${HOSTILE_CASES.length} files)`);
    const nine = rows.find((r) => r[0] === "nine-whole-column-lists")!;
    targets.push({ measure: "validate, nine whole-column drop-down lists (E1:E1048576 …)", size: "4 actions", figure: nine[2], target: "< 5 s", verdict: "see the time" });
    targets.push({ measure: "hostile corpus: peak memory of any run", size: `${HOSTILE_CASES.length} files`, figure: mb(most), target: "< 1 GB", verdict: verdict(most < GB, mb(most)) });
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** A tracker of `rows` actions, written row by row with ExcelJS's streaming writer (kept between runs in the temp folder). */
async function bigTrackerFile(rows: number): Promise<string> {
  const file = path.join(os.tmpdir(), `dp-bench-big-${rows}.xlsx`);
  if (await fs.stat(file).then(() => true, () => false)) return file;
  const t = performance.now();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: `${file}.part`, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet("Tracker");
  ws.addRow(["Delivery plan 2026-27: progress report"]).commit();
  ws.addRow(["Ref", "Theme", "Action", "Lead", "Status", "RAG", "Update", "Timeframe"]).commit();
  const statuses = ["Completed", "In progress", "On hold", "Not yet started"];
  const rags = ["Red", "Amber", "Green"];
  for (let i = 1; i <= rows; i++)
    ws.addRow([`A${i}`, `Theme ${1 + Math.floor(i / 1000)}`, `Deliver action ${i} with partners`, `Lead ${i % 17}`, statuses[i % 4], rags[i % 3], `Update for ${i}: on track`, "March 2027"]).commit();
  ws.commit();
  await wb.commit();
  await fs.rename(`${file}.part`, file);
  console.log(`  (wrote ${file}, ${mb((await fs.stat(file)).size)}, in ${ms(performance.now() - t)})`);
  return file;
}

const EXCELJS_ALONE = path.join(os.tmpdir(), "dp-bench-exceljs-alone.js");

export async function bigTrackerBench(rows: number): Promise<void> {
  heading(`A tracker of ${rows.toLocaleString("en-GB")} actions: peak memory and time (target: under 2 GB)`);
  const file = await bigTrackerFile(rows);
  await fs.writeFile(EXCELJS_ALONE, `const ExcelJS = require(${JSON.stringify(require.resolve("exceljs"))});\nnew ExcelJS.Workbook().xlsx.readFile(process.argv[2]).then(() => process.exit(0), (e) => { console.error(String(e)); process.exit(2); });\n`);
  const out = path.join(os.tmpdir(), `dp-bench-big-${rows}-copy.xlsx`);
  const limit = 15 * 60_000;
  const alone = await measured(EXCELJS_ALONE, [file], 6144, limit);
  const validate = await measured(CLI, ["validate", file, "--as-of", "2026-12-01"], 6144, limit);
  const summary = await measured(CLI, ["summary", file, "--out", out, "--as-of", "2026-12-01"], 6144, limit);
  await fs.rm(out, { force: true });
  const ratio = (r: Run) => (alone.ms && !alone.killed && alone.code === 0 && !r.killed ? `${(r.ms / alone.ms).toFixed(2)}× ExcelJS alone` : "");
  console.log(
    table([
      ["run", "time", "peak memory", "outcome", "ratio"],
      ["ExcelJS alone: read the file (xlsx.readFile)", ms(alone.ms), mb(alone.peak), outcome(alone), ""],
      ["delivery-plan validate", ms(validate.ms), mb(validate.peak), outcome(validate), ratio(validate)],
      ["delivery-plan summary --out (a copy made part by part)", ms(summary.ms), mb(summary.peak), outcome(summary), ratio(summary)],
    ]),
  );
  for (const [name, r] of [
    ["validate", validate],
    ["summary --out", summary],
  ] as const)
    targets.push({
      measure: `CLI ${name}: peak memory`,
      size: rows.toLocaleString("en-GB"),
      figure: `${mb(r.peak)}, ${ms(r.ms)} (${outcome(r)}); ExcelJS alone ${mb(alone.peak)}, ${ms(alone.ms)}`,
      target: "< 2 GB",
      verdict: verdict(r.peak > 0 && r.peak < 2 * GB && !r.killed && (r.code === 0 || r.code === 1), `${mb(r.peak)}; ExcelJS's reader holds the whole workbook`),
    });
}

if (require.main === module) {
  const rows = Number((process.argv[2] ?? "1000000").replace(/[_,]/g, ""));
  (async () => {
    await corpusBench();
    await bigTrackerBench(rows);
    console.log(`\n${table([["measure", "rows", "figure", "target", "verdict"], ...targets.map((t) => [t.measure, t.size, t.figure, t.target, t.verdict])])}`);
  })().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
