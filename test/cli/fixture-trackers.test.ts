/**
 * The corpus of tracker layouts (test/fixtures/trackers/*.json): each workbook is built
 * with ExcelJS, then read by the built CLI (`validate --json`, `summary --json`, as a
 * user runs them) and by the model the pane's engine calls, and both must give the
 * reading written beside the layout. A new pattern is one more JSON file.
 */
import { execFile } from "node:child_process";
import { promises as fs, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { analyseTracker, chooseTrackerSheet, formattingPlan, hasTracker, isWordsSheet, periodLabel, previousPeriodInSheet, readTrackerWithWords, validationPlan, wordsOf } from "../../src/model";
import type { Issue, SheetGrid, Tracker } from "../../src/model";
import { HyperFormula } from "hyperformula";
import { readWorkbookGrids } from "../../src/xlsx";
import { FIXTURES, Fixture, fixtureWorkbook, loadFixtures } from "../support/fixture-trackers";

// Each fixture runs the CLI in processes of its own: seconds each on a busy 2-core CI machine.
jest.setTimeout(120_000);

const BIN = path.resolve(__dirname, "../../lib/cli/main.js");

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)("node", [BIN, ...args]);
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const at = (issues: readonly Pick<Issue, "code" | "cell">[]) => issues.map((i) => `${i.code}@${i.cell}`);

let tmp: string;
let fixtures: Fixture[];

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "dp-fixtures-"));
  fixtures = await loadFixtures();
});

afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

it("the corpus has a layout for each pattern of issue 25, each with its expected reading", () => {
  expect(fixtures.map((f) => f.file)).toEqual(NAMES);
  expect(NAMES.length).toBeGreaterThanOrEqual(12);
  for (const f of fixtures) {
    expect(f.pattern).toMatch(/\S/);
    expect(f.reads).toMatch(/\S/);
    expect([0, 1, 2]).toContain(f.expect.exit);
  }
});

const NAMES = readdirSync(FIXTURES)
  .filter((n) => n.endsWith(".json"))
  .sort();

describe.each(NAMES)("%s", (name) => {
  let fixture: Fixture;
  let file: string;
  beforeAll(async () => {
    fixture = fixtures.find((f) => f.file === name)!;
    file = path.join(tmp, name.replace(/\.json$/, ".xlsx"));
    await fs.writeFile(file, await fixtureWorkbook(fixture));
  });

  it("reads as expected through the CLI", async () => {
    const e = fixture.expect;
    const [validate, summary] = await Promise.all([cli("validate", file, "--json", "--as-of", fixture.asOf), cli("summary", file, "--json", "--as-of", fixture.asOf)]);
    expect({ exit: validate.code }).toEqual({ exit: e.exit });
    if (e.exit === 2) {
      expect(validate.stdout).toBe("");
      expect(validate.stderr.trim().split("\n")).toHaveLength(1);
      for (const words of e.stderr ?? []) expect(validate.stderr).toContain(words);
      return;
    }
    expect(validate.stderr).toBe("");
    const v = JSON.parse(validate.stdout);
    if (e.sheet) expect(v.tracker.sheet).toBe(e.sheet);
    if (e.columns) expect(v.tracker.columnLetters).toEqual(e.columns);
    if (e.actions !== undefined) expect(v.actions).toBe(e.actions);
    if (e.issues) expect(at(v.issues)).toEqual(e.issues);
    for (const [where, words] of Object.entries(e.messages ?? {})) {
      const issue = v.issues.find((i: Issue) => `${i.code}@${i.cell}` === where);
      for (const w of words) expect(issue?.message).toContain(w);
    }
    expect(summary.code).toBe(e.exit);
    const s = JSON.parse(summary.stdout);
    if (e.status) expect(s.status).toEqual(e.status);
    if (e.rag) expect(s.rag).toEqual(e.rag);
    if (e.direction) expect(s.direction).toMatchObject(e.direction);
    if (e.period) expect(s.period).toBe(e.period);
    if (e.previous) expect(s.previous?.label).toBe(e.previous);
  });

  it("reads as expected through the model (what the pane's engine calls)", async () => {
    const e = fixture.expect;
    const grids = await readWorkbookGrids(await fixtureWorkbook(fixture));
    const words = wordsOf(grids.find((g) => isWordsSheet(g.name)));
    const choice = chooseTrackerSheet(grids.filter((g) => !isWordsSheet(g.name)));
    if (e.exit === 2) {
      expect(choice.ok).toBe(false);
      for (const w of e.stderr ?? []) expect(!choice.ok && choice.message).toContain(w);
      return;
    }
    expect(choice.ok).toBe(true);
    const grid = choice.ok ? choice.grid : grids[0];
    const report = readTrackerWithWords(grid, words);
    if (!hasTracker(report)) throw new Error(`${name}: no tracker`);
    const inSheet = previousPeriodInSheet(grid, report, words);
    const analysis = analyseTracker(report, { asOf: new Date(`${fixture.asOf}T00:00:00Z`), previous: inSheet ? { label: inSheet.label, actions: inSheet.actions } : null });
    const errorsOrGuesses = analysis.issues.some((i) => i.severity === "error" || i.code === "guessed-reading");
    expect(errorsOrGuesses ? 1 : 0).toBe(e.exit);
    const a = report.actions;
    if (e.sheet) expect(report.tracker.sheet).toBe(e.sheet);
    if (e.columns) expect(Object.fromEntries(report.tracker.columns.filter((c) => c.field !== "references").map((c) => [c.field, c.column]))).toEqual(e.columns);
    if (e.actions !== undefined) expect(a).toHaveLength(e.actions);
    if (e.ids) expect(a.map((x) => x.id)).toEqual(e.ids);
    if (e.themes) expect(a.map((x) => x.theme)).toEqual(e.themes);
    if (e.updates) expect(a.map((x) => x.update)).toEqual(e.updates);
    if (e.timeframes) expect(a.map((x) => x.timeframe)).toEqual(e.timeframes);
    if (e.responses) expect(a.map((x) => x.response)).toEqual(e.responses);
    if (e.status) expect(analysis.counts.status).toEqual(e.status);
    if (e.rag) expect(analysis.counts.rag).toEqual(e.rag);
    if (e.direction) expect(analysis.comparison?.counts).toMatchObject(e.direction);
    if (e.issues) expect(at(analysis.issues)).toEqual(e.issues);
    if (e.period) expect(report.tracker.periods?.current ?? periodLabel({ grid, headerRow: report.tracker.headerRow })?.label).toBe(e.period);
    if (e.previous) expect(inSheet?.label).toBe(e.previous);
    if (e.colours) expect(coloursOf(grid, report.tracker, Object.keys(e.colours))).toEqual(e.colours);
    if (e.unlisted) expect(validationPlan(grid, report.tracker, a).rules.find((r) => r.field === "status")?.except ?? []).toEqual(e.unlisted);
  });
});

/**
 * What the formatting plan's rules colour each cell by, evaluated by a spreadsheet engine (HyperFormula,
 * test-only, with array arithmetic as in Excel and LibreOffice) on the sheet's own values.
 */
function coloursOf(grid: SheetGrid, tracker: Tracker, cells: readonly string[]): Record<string, string | null> {
  const rules = formattingPlan(tracker).rules;
  const hf = HyperFormula.buildEmpty({ licenseKey: "gpl-v3", useArrayArithmetic: true });
  const sheet = hf.getSheetId(hf.addSheet("T"))!;
  const values = grid.values.map((row) => row.map((v) => (typeof v === "string" || typeof v === "number" ? v : null)));
  hf.setSheetContent(sheet, values);
  const out: Record<string, string | null> = {};
  for (const cell of cells) {
    const m = /^([A-Z]+)(\d+)$/.exec(cell)!;
    const lit = rules.filter((r) => {
      const [top, bottom] = r.range.split(":");
      if (!top.startsWith(m[1]) || Number(/\d+/.exec(top)![0]) > Number(m[2]) || Number(/\d+/.exec(bottom)![0]) < Number(m[2])) return false;
      const formula = `=${r.formula.replace(new RegExp(`\\b${top}\\b`, "g"), cell)}`;
      return hf.calculateFormula(formula, sheet) === true;
    });
    out[cell] = lit[0]?.value ?? null;
  }
  hf.destroy();
  return out;
}
