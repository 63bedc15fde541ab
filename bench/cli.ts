/**
 * The command line end to end: `node lib/cli/main.js summary <file> --out <copy>`
 * in its own process, against the floor of ExcelJS alone in its own process
 * reading the same file, adding a sheet and writing the copy. Both include
 * Node's start-up and module loading, as a user waits for them. Target ≤ 1.2×.
 *
 * Where the rest goes: a second reference, ExcelJS alone reading the CLI's own
 * copy (the tracker and the Panel Summary sheet the CLI adds) and writing it
 * again, is the cost of the bigger file the CLI must write; what is left over
 * that is the engine (reading the tracker, checks, the summary plan) and the
 * CLI's own modules.
 */
import { execFile, execFileSync } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import type { SheetGrid } from "../src/model";
import type { RealisticTracker } from "../test/support/realistic-tracker";
import { median, ms, size, table, targets, verdict } from "./util";

const ROOT = path.resolve(__dirname, "..");
const CLI = path.join(ROOT, "lib", "cli", "main.js");
const TARGET = 1.2;

const FLOOR_SCRIPT = `
const ExcelJS = require("exceljs");
(async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(process.argv[1]);
  wb.addWorksheet("Panel Summary").getCell("A1").value = "Delivery Plan summary";
  await wb.xlsx.writeFile(process.argv[2]);
})().catch((err) => { console.error(err); process.exit(2); });
`;

/** Compile the CLI from the current source (lib/ is what `delivery-plan` runs). */
export function buildCli(): void {
  const t = performance.now();
  try {
    execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.cli.json"], { cwd: ROOT, stdio: "pipe" });
    console.log(`(compiled the CLI into lib/ in ${ms(performance.now() - t)})`);
  } catch (err) {
    const e = err as { stdout?: Buffer; stderr?: Buffer };
    console.log(`!!! could not compile the CLI (${String(e.stdout ?? e.stderr ?? err).slice(0, 400)}); using lib/ as it is`);
  }
}

/** The generated tracker as an .xlsx file, written by ExcelJS: values, merges, fills. */
export async function writeTrackerFile(grid: SheetGrid, file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(grid.name);
  grid.values.forEach((row, r) => {
    const fills = grid.fills?.[r];
    row.forEach((v, c) => {
      if (v !== null && (typeof v === "string" || typeof v === "number" || typeof v === "boolean")) ws.getCell(r + grid.firstRow, c + grid.firstColumn).value = v;
      const fill = fills?.[c];
      if (fill) ws.getCell(r + grid.firstRow, c + grid.firstColumn).fill = { type: "pattern", pattern: "solid", fgColor: { argb: `FF${fill}` } };
    });
  });
  for (const m of grid.merges) ws.mergeCells(m.top, m.left, m.bottom, m.right);
  await wb.xlsx.writeFile(file);
}

async function spawnTimed(args: string[]): Promise<{ time: number; code: number; stderr: string }> {
  const t = performance.now();
  try {
    const { stderr } = await promisify(execFile)(process.execPath, args, { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
    return { time: performance.now() - t, code: 0, stderr };
  } catch (err) {
    const e = err as { code?: number; stderr?: string };
    return { time: performance.now() - t, code: typeof e.code === "number" ? e.code : -1, stderr: e.stderr ?? String(err) };
  }
}

const COPY_SCRIPT = `
const ExcelJS = require("exceljs");
(async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(process.argv[1]);
  await wb.xlsx.writeFile(process.argv[2]);
})().catch((err) => { console.error(err); process.exit(2); });
`;

export interface CliFigures {
  fileBytes: number;
  cli: number;
  floor: number;
  /** ExcelJS alone reading the CLI's copy (with the Panel Summary) and writing it again. */
  sameOutput: number;
  exitCode: number;
}

export async function cliBench(rows: number, rt: RealisticTracker): Promise<CliFigures> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "delivery-plan-bench-"));
  try {
    const file = path.join(dir, `tracker-${rows}.xlsx`);
    await writeTrackerFile(rt.grid, file);
    const fileBytes = (await fs.stat(file)).size;
    const runs = rows >= 20_000 ? 3 : 5;
    const cli: number[] = [];
    const floor: number[] = [];
    const sameOutput: number[] = [];
    let exitCode = 0;
    // Alternated, so that the machine's state (caches, other load) falls on both alike.
    for (let i = 0; i < runs; i++) {
      const c = await spawnTimed([CLI, "summary", file, "--out", path.join(dir, `cli-${i}.xlsx`), "--as-of", "2026-11-30", "--period", "November 2026"]);
      if (c.code !== 0 && c.code !== 1) throw new Error(`delivery-plan summary --out exited ${c.code}: ${c.stderr}`);
      exitCode = c.code;
      cli.push(c.time);
      const f = await spawnTimed(["-e", FLOOR_SCRIPT, file, path.join(dir, `floor-${i}.xlsx`)]);
      if (f.code !== 0) throw new Error(`the ExcelJS floor failed: ${f.stderr}`);
      floor.push(f.time);
      const o = await spawnTimed(["-e", COPY_SCRIPT, path.join(dir, `cli-${i}.xlsx`), path.join(dir, `copy-${i}.xlsx`)]);
      if (o.code !== 0) throw new Error(`ExcelJS copying the CLI's output failed: ${o.stderr}`);
      sameOutput.push(o.time);
    }
    const figures: CliFigures = { fileBytes, cli: median(cli), floor: median(floor), sameOutput: median(sameOutput), exitCode };
    const ratio = figures.cli / figures.floor;
    console.log(`\nThe command line, end to end (median of ${runs} runs each, alternated; file ${size(fileBytes)}):`);
    console.log(
      table([
        ["measure", "time", "note"],
        ["ExcelJS alone: read the file, add a sheet, write a copy (floor)", ms(figures.floor), "node -e, its own process"],
        ["delivery-plan summary <file> --out <copy>", ms(figures.cli), `${ratio.toFixed(2)}× the floor (target ≤ ${TARGET}×); exit code ${exitCode}`],
        [
          "ExcelJS alone: read the CLI's copy (with its Panel Summary), write it again",
          ms(figures.sameOutput),
          `${(figures.sameOutput / figures.floor).toFixed(2)}× the floor: the bigger file the CLI must write`,
        ],
        ["left for the engine and the CLI's own modules", ms(figures.cli - figures.sameOutput), `${((figures.cli - figures.sameOutput) / figures.floor).toFixed(2)}× the floor`],
      ]),
    );
    targets.push({
      measure: "CLI summary --out vs ExcelJS alone reading + writing the file",
      size: rows.toLocaleString("en-GB"),
      figure: `${ms(figures.cli)} vs ${ms(figures.floor)} = ${ratio.toFixed(2)}×`,
      target: `≤ ${TARGET}×`,
      verdict: verdict(
        ratio <= TARGET,
        `${((ratio / TARGET - 1) * 100).toFixed(0)}% over; ExcelJS alone on the CLI's bigger copy is ${(figures.sameOutput / figures.floor).toFixed(2)}× the floor`,
      ),
    });
    return figures;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
