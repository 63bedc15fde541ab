/**
 * The hostile corpus (hostile-files.ts) through the built command line
 * (lib/cli/main.js), each file in its own process with V8's heap capped at
 * 1 GB: every run exits 0, 1 or 2 as its case expects, never otherwise (no
 * V8 abort, no kill), prints at most one line on stderr for an error, and its
 * peak memory (the process's own maxRSS) stays under 1 GB. A run still going
 * after two minutes is stopped and fails (a hang guard, not a timing assert:
 * each case's time and memory are printed, and the slowest is named).
 */
import { spawn } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { HOSTILE_CASES, workbookFile, writeCorpus } from "./hostile-files";

const ROOT = path.resolve(__dirname, "../..");
const CLI = path.join(ROOT, "lib", "cli", "main.js");
const HEAP_MB = 1024;
const MAX_RSS_KB = 1024 * 1024;
const HANG_MS = 120_000;

jest.setTimeout(15 * 60_000);

/** The CLI's main, run in a process that reports its own peak memory (kilobytes) on fd 3 as it exits. */
const PROBE = `
const fs = require("fs");
process.on("exit", () => { try { fs.writeSync(3, String(process.resourceUsage().maxRSS)); } catch {} });
process.argv = [process.argv[0], ${JSON.stringify(CLI)}, ...process.argv.slice(1)];
require(${JSON.stringify(CLI)});
`;

export interface Measured {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  maxRssKb: number;
}

export function runCapped(args: string[], cwd: string): Promise<Measured> {
  return new Promise((resolve) => {
    const t = performance.now();
    const child = spawn(process.execPath, [`--max-old-space-size=${HEAP_MB}`, "-e", PROBE, ...args], { cwd, stdio: ["ignore", "pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let rss = "";
    child.stdout!.on("data", (d) => (stdout += d));
    child.stderr!.on("data", (d) => (stderr += d));
    (child.stdio[3] as NodeJS.ReadableStream).on("data", (d) => (rss += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), HANG_MS);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: performance.now() - t, maxRssKb: Number(rss) || 0 });
    });
  });
}

let tmp: string;
let written: Awaited<ReturnType<typeof writeCorpus>>;
const figures: { name: string; ms: number; mb: number }[] = [];
beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "dp-corpus-"));
  written = await writeCorpus(path.join(tmp, "files"));
});
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
  const slowest = [...figures].sort((a, b) => b.ms - a.ms)[0];
  if (slowest)
    console.log(
      `hostile corpus: ${figures.length} runs; slowest ${slowest.name} ${Math.round(slowest.ms)} ms; most memory ${Math.max(...figures.map((f) => f.mb))} MB\n` +
        figures.map((f) => `  ${f.name.padEnd(48)} ${String(Math.round(f.ms)).padStart(6)} ms ${String(f.mb).padStart(5)} MB`).join("\n"),
    );
});

/** The checks every run meets: an expected exit, at most one line on stderr for an error, under the memory cap. */
function expectBounded(name: string, r: Measured, exits: number[]) {
  figures.push({ name, ms: r.ms, mb: Math.round(r.maxRssKb / 1024) });
  expect({ name, signal: r.signal, code: r.code }).toEqual({ name, signal: null, code: expect.any(Number) });
  // The exit expected (shown with the run's stderr when it is not).
  expect({ name, code: exits.includes(r.code ?? -1) ? "as expected" : r.code, stderr: r.stderr.slice(0, 400) }).toEqual({ name, code: "as expected", stderr: r.stderr.slice(0, 400) });
  expect(r.maxRssKb).toBeGreaterThan(0);
  expect(r.maxRssKb).toBeLessThan(MAX_RSS_KB);
  const lines = r.stderr.split("\n").filter((l) => l !== "");
  if (r.code === 2) {
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^delivery-plan: /);
    expect(lines[0].length).toBeLessThanOrEqual(300);
    expect(r.stdout).toBe("");
  }
  // Notes of a copy are one line too; nothing of Node's own (a warning, a stack) ever.
  expect(lines.length).toBeLessThanOrEqual(1);
  expect(r.stderr).not.toMatch(/\n\s+at |Warning|FATAL|Error:/);
}

describe("the hostile corpus under a memory and a time cap", () => {
  it.each(HOSTILE_CASES.map((c) => [c.name, c]))("validate %s", async (name, c) => {
    const file = written.find((w) => w.case.name === name)!.file;
    const r = await runCapped(["validate", file, "--as-of", "2026-12-01"], tmp);
    expectBounded(`validate ${name}`, r, c.exits);
  });

  /** The cases whose copy differs from the file, or leaves something out: each copy is read again. */
  const COPIED = ["nine-whole-column-lists", "list-whole-sheet", "list-past-the-sheet", "col-two-billion", "merge-whole-sheet", "merges-overlap", "defined-name-whole-sheet", "sheet-name-40-chars", "sheet-names-duplicate", "date-1e10", "macros"];

  it.each(COPIED.map((c) => [c]))("format --out with %s: a copy that opens", async (name) => {
    const file = written.find((w) => w.case.name === name)!.file;
    const out = path.join(tmp, `${name}-copy.xlsx`);
    const r = await runCapped(["format", file, "--out", out, "--validation", "--as-of", "2026-12-01"], tmp);
    expectBounded(`format ${name}`, r, [0, 1]);
    // The copy is read again by the same reader, within the same caps.
    const again = await runCapped(["validate", out, "--as-of", "2026-12-01"], tmp);
    expectBounded(`validate ${name} copy`, again, [0, 1]);
  });

  it.each([["bomb-sheet"], ["bomb-lying-size"], ["row-100-million"], ["truncated-zip"]])("%s given as --previous: refused in one line", async (name) => {
    const good = path.join(tmp, "good.xlsx");
    await fs.writeFile(good, await workbookFile([{ name: "Tracker" }]));
    const file = written.find((w) => w.case.name === name)!.file;
    const r = await runCapped(["summary", good, "--previous", file, "--as-of", "2026-12-01"], tmp);
    expectBounded(`--previous ${name}`, r, [2]);
    expect(r.stderr).toMatch(/^delivery-plan: The previous period's workbook: /);
  });
});
