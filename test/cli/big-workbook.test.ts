/**
 * A big workbook through the built CLI: read row by row in a child Node with a
 * capped heap (src/cli/memory.ts), the same answer as a small one would give,
 * and one plain line with exit 2 when even that is not enough memory.
 * (The million-row figures are in npm run bench -- --big 1000000.)
 */
import { execFile } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { BIG_FILE } from "../../src/cli/memory";

const CLI = path.resolve(__dirname, "../../lib/cli/main.js");
const ROWS = 90_000;
const STATUSES = ["Completed", "In progress", "On hold", "Not yet started"];

let tmp: string;
let file: string;

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "dp-big-"));
  file = path.join(tmp, "big-tracker.xlsx");
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet("Tracker");
  ws.addRow(["Delivery plan 2026-27: progress report"]).commit();
  ws.addRow(["Ref", "Theme", "Action", "Lead", "Status", "Update", "Timeframe"]).commit();
  for (let i = 1; i <= ROWS; i++) ws.addRow([`A${i}`, `Theme ${1 + (i % 9)}`, `Deliver action ${i} with partners`, `Lead ${i % 17}`, STATUSES[i % 4], `Update ${i}`, "March 2027"]).commit();
  ws.commit();
  await wb.commit();
}, 120_000);
afterAll(() => fs.rm(tmp, { recursive: true, force: true }));

async function cli(env: NodeJS.ProcessEnv, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : -1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

describe("a workbook too big to read whole", () => {
  it("is big enough to be read in the capped child", async () => {
    expect((await fs.stat(file)).size).toBeGreaterThan(BIG_FILE);
  });

  it("summary --json counts every action, as for any tracker", async () => {
    const r = await cli({}, "summary", file, "--json", "--as-of", "2026-12-01");
    expect([r.code, r.stderr]).toEqual([0, ""]);
    const json = JSON.parse(r.stdout) as { actions: number; status: Record<string, number> };
    expect(json.actions).toBe(ROWS);
    expect(json.status).toMatchObject({ Completed: ROWS / 4, "In progress": ROWS / 4, "On hold": ROWS / 4, "Not yet started": ROWS / 4 });
  }, 180_000);

  it("out of the memory allowed: one line and exit 2, not Node's report of its heap", async () => {
    const r = await cli({ DELIVERY_PLAN_HEAP_MB: "40" }, "validate", file, "--as-of", "2026-12-01");
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^delivery-plan: the workbook is too big to read within the 40 MB of memory this tool allows itself\. .*DELIVERY_PLAN_HEAP_MB/)]);
    expect(r.stderr).not.toMatch(/FATAL|<---|heap out of memory|node::/);
  }, 180_000);
});

describe("a workbook too big to copy whole", () => {
  it("format --out is refused in one line before anything is inflated, and says what still works", async () => {
    // The same workbook, with the copy limit brought down to 16 MB of sheet XML (it holds about 40 MB): as 160 MB does for a copy of 300,000 rows.
    const out = path.join(tmp, "copy.xlsx");
    const r = await cli({ DELIVERY_PLAN_COPY_MB: "16" }, "format", file, "--out", out);
    expect([r.code, r.stdout]).toEqual([2, ""]);
    expect(r.stderr.trim().split("\n")).toEqual([expect.stringMatching(/is too big to copy: its sheets hold \d+ MB of cells, over the 16 MB .* validate, summary and report read it without --out/)]);
    await expect(fs.stat(out)).rejects.toThrow();
    // Reading it still works under the same limit.
    const read = await cli({ DELIVERY_PLAN_COPY_MB: "16" }, "summary", file, "--json", "--as-of", "2026-12-01");
    expect(read.code).toBe(0);
    expect(JSON.parse(read.stdout).actions).toBe(ROWS);
  }, 180_000);

  it("summary --out is copied part by part: the copy has the summary beside every action, and reads back the same", async () => {
    const out = path.join(tmp, "summary-copy.xlsx");
    const r = await cli({ DELIVERY_PLAN_COPY_MB: "16" }, "summary", file, "--out", out, "--as-of", "2026-12-01");
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(r.stdout).toMatch(/Wrote .*summary-copy\.xlsx: sheet "Panel Summary" with \d+ exception\(s\)/);
    const workbookXml = await (await JSZip.loadAsync(await fs.readFile(out))).file("xl/workbook.xml")!.async("string");
    expect([...workbookXml.matchAll(/<sheet\b[^>]*\sname="([^"]*)"/g)].map((m) => m[1])).toEqual(["Tracker", "Panel Summary", "Change log"]);
    const before = await cli({}, "summary", file, "--json", "--as-of", "2026-12-01");
    const after = await cli({}, "summary", out, "--json", "--as-of", "2026-12-01");
    const counts = (json: string) => {
      const { actions, status, rag, byTheme } = JSON.parse(json);
      return { actions, status, rag, byTheme };
    };
    expect(counts(after.stdout)).toEqual(counts(before.stdout));
    expect(counts(after.stdout).actions).toBe(ROWS);
  }, 300_000);
});
