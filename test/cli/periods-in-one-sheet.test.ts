/**
 * Several periods in one sheet (issue 15, scope 2): a tracker that keeps one status or RAG
 * column per period is its own previous period. The one-sheet tracker is built from the
 * two Hertfordshire samples: November's workbook with its status column renamed "Status
 * November 2021" and a "Status June 2021" column added, filled from the June sample by reference
 * (test/support/herts-periods.ts).
 */
import ExcelJS from "exceljs";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { run } from "../../src/cli/run";
import { formattingPlan, periodInHeader, readTracker } from "../../src/model";
import { grid } from "../support/factories";
import { writeHertsOneSheet } from "../support/herts-periods";

jest.setTimeout(60_000);

let tmp: string;
let oneSheet: string;
let juneColumn: string;

async function cli(...args: string[]) {
  let out = "";
  let err = "";
  const code = await run(args, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "dp-periods-"));
  const built = await writeHertsOneSheet(tmp);
  expect(built.filled).toBe(97);
  oneSheet = built.file;
  juneColumn = built.juneColumn;
});

afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

describe("a tracker with a status column per period", () => {
  it("summary --json gives June 2021's counts and the direction of travel with no --previous", async () => {
    const r = await cli("summary", oneSheet, "--json", "--as-of", "2021-11-30");
    expect(r.err).toBe("");
    const json = JSON.parse(r.out);
    expect(json.period).toBe("November 2021");
    expect(json.status).toMatchObject({ Completed: 45, "In progress": 52, "On hold": 0, "Not yet started": 0 });
    expect(json.previous).toMatchObject({ label: "June 2021", labelFrom: "header", actions: 97 });
    expect(json.previous.status).toMatchObject({ Completed: 38, "In progress": 55, "On hold": 2, "Not yet started": 2 });
    expect(json.direction).toMatchObject({ improved: 11, deteriorated: 0, unchanged: 86, new: 0, removed: 0 });
    // The update column is this period's: last period's updates are not known, so not compared.
    expect(json.updates).toMatchObject({ updated: 0, notUpdated: 0, notCompared: 97 });
    expect(json.issues.filter((i: { code: string }) => i.code === "column-mapped-twice")).toEqual([]);
  });

  it("summary --out writes the Panel Summary with June 2021 in brackets", async () => {
    const out = path.join(tmp, "summary.xlsx");
    const r = await cli("summary", oneSheet, "--out", out, "--json", "--as-of", "2021-11-30");
    expect(r.err).toBe("");
    const json = JSON.parse(r.out);
    expect(json.panelSummary.sentence).toContain("45 are complete (38 in June 2021)");
    expect(json.panelSummary.noNewUpdate).toEqual([]);
  });

  it("validate --json maps this period's column and keeps June's as an extra column", async () => {
    const r = await cli("validate", oneSheet, "--json", "--as-of", "2021-11-30");
    const json = JSON.parse(r.out);
    expect(json.tracker.columnLetters.status).toBe("C");
    expect(json.tracker.columns.status).toBe("Status November 2021");
  });

  it("--period-column chooses the columns, by letter or by header", async () => {
    // June read as this period, compared with nothing earlier: no previous period.
    const june = JSON.parse((await cli("summary", oneSheet, "--json", "--as-of", "2021-11-30", "--period-column", `current=${juneColumn}`)).out);
    expect(june.period).toBe("June 2021");
    expect(june.status).toMatchObject({ Completed: 38, "In progress": 55, "On hold": 2, "Not yet started": 2 });
    expect(june.previous).toBeUndefined();
    // November against November: nothing moved.
    const both = await cli("summary", oneSheet, "--json", "--as-of", "2021-11-30", "--period-column", "current=Status November 2021", "--period-column", "previous=Status June 2021");
    expect(JSON.parse(both.out).direction.improved).toBe(11);
    // A column that is not a period column stops the run before anything is printed: one line naming the choices, exit 2.
    const bad = await cli("summary", oneSheet, "--json", "--as-of", "2021-11-30", "--period-column", "previous=B");
    expect(bad.code).toBe(2);
    expect(bad.out).toBe("");
    expect(bad.err.trim().split("\n")).toHaveLength(1);
    expect(bad.err).toContain(`${juneColumn} "Status June 2021"`);
    expect(bad.err).toContain('C "Status November 2021"');
    // A header typed with a slip: the nearest period column is suggested.
    const slip = await cli("summary", oneSheet, "--as-of", "2021-11-30", "--period-column", "previous=Status Jnue 2021");
    expect([slip.code, slip.out]).toEqual([2, ""]);
    expect(slip.err).toContain('Did you mean --period-column previous="Status June 2021"?');
    // A malformed option is a usage error, exit 2.
    const usage = await cli("summary", oneSheet, "--period-column", "C");
    expect(usage.code).toBe(2);
    expect(usage.err).toMatch(/current=COLUMN or previous=COLUMN/);
  });

  it("format colours every period column", async () => {
    const out = path.join(tmp, "formatted.xlsx");
    expect((await cli("format", oneSheet, "--out", out)).code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const refs = (book.worksheets[0] as unknown as { conditionalFormattings: { ref: string }[] }).conditionalFormattings.map((c) => c.ref);
    expect(refs.some((r) => r.startsWith("C5:"))).toBe(true);
    expect(refs.some((r) => r.startsWith(`${juneColumn}5:`))).toBe(true);
  });
});

describe("period columns in the model", () => {
  it("reads period labels from headers", () => {
    expect(periodInHeader("Status Jun 21")?.label).toBe("June 2021");
    expect(periodInHeader("Status Nov-21")?.label).toBe("November 2021");
    expect(periodInHeader("RAG Sept 2018")?.label).toBe("September 2018");
    expect(periodInHeader("Q3 RAG")?.label).toBe("Q3");
    expect(periodInHeader("Q2 2021/22 status")?.label).toBe("Q2 2021/22");
    expect(periodInHeader("RAG")).toBeNull();
  });

  it("Q1 … Q4 RAG: the latest quarter holding values is this period, the one before it the previous", () => {
    const g = grid([
      ["Ref", "Action", "Q1 RAG", "Q2 RAG", "Q3 RAG", "Q4 RAG"],
      ["A1", "Fund services", "Red", "Amber", "Green", ""],
      ["A2", "Open station", "Amber", "Amber", "Red", ""],
    ]);
    const report = readTracker(g);
    expect(report.tracker?.columns.find((c) => c.field === "rag")?.column).toBe("E");
    expect(report.tracker?.periods).toMatchObject({ current: "Q3", previous: "Q2" });
    expect(report.actions.map((a) => a.rag)).toEqual(["Green", "Red"]);
    expect(report.issues.filter((i) => i.code === "column-mapped-twice")).toEqual([]);
    // Every period column is coloured.
    const ranges = new Set(formattingPlan(report.tracker!).rules.map((r) => r.range));
    expect([...ranges].sort()).toEqual(["C2:C3", "D2:D3", "E2:E3", "F2:F3"]);
  });

  it("months out of column order are put in time order; status and RAG of one month are one period", () => {
    const g = grid([
      ["Ref", "Action", "Status Nov 21", "RAG Nov 21", "Status Jun 21", "RAG Jun 21"],
      ["A1", "Fund services", "In progress", "Green", "In progress", "Red"],
    ]);
    const t = readTracker(g).tracker!;
    expect(t.periods).toMatchObject({ current: "November 2021", previous: "June 2021" });
    expect(t.columns.filter((c) => c.field === "status" || c.field === "rag").map((c) => c.column)).toEqual(["C", "D"]);
  });

  it("one status column with a month in its header is one period, read as before", () => {
    const g = grid([
      ["Ref", "Action", "Progress September 2013"],
      ["A1", "Fund services", "In progress"],
    ]);
    expect(readTracker(g).tracker!.periods).toBeUndefined();
  });
});
