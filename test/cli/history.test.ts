/**
 * Progress over time (issue 27, scope 1): the history of a tracker with three kept
 * periods, from the three places a workbook keeps them — a one-sheet tracker with a
 * status and a RAG column per period, snapshots, and three files given with --history
 * in any order — each gives the same three entries, oldest first.
 */
import ExcelJS from "exceljs";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { run } from "../../src/cli/run";
import { SNAPSHOT_HEADER, SNAPSHOT_SHEET, buildHistory, updateFingerprint } from "../../src/model";

jest.setTimeout(60_000);

/** Four actions over three periods: status, RAG and update text in each. */
const PERIODS = ["June 2021", "September 2021", "December 2021"] as const;
const ACTIONS: { id: string; action: string; status: string[]; rag: string[]; update: string[] }[] = [
  { id: "A1", action: "Recruit officers", status: ["Not yet started", "In progress", "Completed"], rag: ["Red", "Amber", "Green"], update: ["Planned", "Started", "Done"] },
  { id: "A2", action: "Open a station", status: ["In progress", "In progress", "Completed"], rag: ["Amber", "Green", "Green"], update: ["Works begun", "Works begun", "Works begun"] },
  { id: "A3", action: "Fund victims' services", status: ["Not yet started", "Not yet started", "In progress"], rag: ["", "Red", "Amber"], update: ["", "Bid written", "Bid written"] },
  { id: "A4", action: "Reduce burglary", status: ["On hold", "In progress", "In progress"], rag: ["Red", "Red", "Amber"], update: ["Paused", "Paused", "Paused"] },
];

/** What each period must count. */
const EXPECTED = [
  { label: "June 2021", actions: 4, status: { Completed: 0, "In progress": 1, "On hold": 1, "Not yet started": 2 }, rag: { Red: 2, Amber: 1, Green: 0, "Not set": 1 }, shareComplete: 0 },
  { label: "September 2021", actions: 4, status: { Completed: 0, "In progress": 3, "On hold": 0, "Not yet started": 1 }, rag: { Red: 2, Amber: 1, Green: 1, "Not set": 0 }, shareComplete: 0 },
  { label: "December 2021", actions: 4, status: { Completed: 2, "In progress": 2, "On hold": 0, "Not yet started": 0 }, rag: { Red: 0, Amber: 2, Green: 2, "Not set": 0 }, shareComplete: 0.5 },
];
/** Updates changed since the period before: September A1 and A3; December A1. */
const UPDATED = [null, 2, 1];

let tmp: string;

async function cli(...args: string[]) {
  let out = "";
  let err = "";
  const code = await run(args, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

/** One period's tracker: reference, action, status, RAG and update. */
function trackerSheet(book: ExcelJS.Workbook, period: number): void {
  const ws = book.addWorksheet("Tracker");
  ws.addRow(["Ref", "Action", "Status", "RAG", "Update"]);
  for (const a of ACTIONS) ws.addRow([a.id, a.action, a.status[period], a.rag[period], a.update[period]]);
}

async function save(book: ExcelJS.Workbook, name: string): Promise<string> {
  const file = path.join(tmp, name);
  await book.xlsx.writeFile(file);
  return file;
}

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "dp-history-"));
});

afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

function expectHistory(history: { label: string; updated: number | null }[], updated: (number | null)[]): void {
  expect(history.map((h) => h.label)).toEqual([...PERIODS]);
  history.forEach((h, i) => expect(h).toMatchObject({ ...EXPECTED[i], updated: updated[i] }));
}

describe("the history of a tracker with three kept periods", () => {
  it("a one-sheet tracker with a status and a RAG column per period", async () => {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet("Tracker");
    ws.addRow(["Ref", "Action", ...PERIODS.flatMap((p) => [`Status ${p}`, `RAG ${p}`]), "Update"]);
    for (const a of ACTIONS) ws.addRow([a.id, a.action, ...PERIODS.flatMap((_, i) => [a.status[i], a.rag[i]]), a.update[2]]);
    const file = await save(book, "one-sheet.xlsx");
    const r = await cli("summary", file, "--json", "--as-of", "2021-12-31");
    expect(r.err).toBe("");
    const json = JSON.parse(r.out);
    expect(json.period).toBe("December 2021");
    // One update column: no period's updates can be told apart from another's.
    expectHistory(json.history, [null, null, null]);
  });

  it("snapshots of two earlier periods, and this period read from the tracker", async () => {
    const book = new ExcelJS.Workbook();
    trackerSheet(book, 2);
    const snaps = book.addWorksheet(SNAPSHOT_SHEET);
    snaps.addRow([...SNAPSHOT_HEADER]);
    // Taken in the order September, June: the history is still oldest first. A snapshot of this
    // period (taken earlier in December) gives way to the tracker as it is now.
    for (const p of [1, 0]) for (const a of ACTIONS) snaps.addRow([PERIODS[p], "2021-10-01", a.id, a.status[p], a.rag[p], "", "Tracker", updateFingerprint(a.update[p])]);
    for (const a of ACTIONS) snaps.addRow([PERIODS[2], "2021-12-01", a.id, "Not yet started", "Red", "", "Tracker", updateFingerprint("")]);
    const file = await save(book, "tracker-2021-12.xlsx");
    const r = await cli("summary", file, "--json", "--as-of", "2021-12-31");
    expect(r.err).toBe("");
    const json = JSON.parse(r.out);
    expect(json.period).toBe("December 2021");
    expectHistory(json.history, UPDATED);
  });

  it("three files: --history in any order, each labelled by its name", async () => {
    const files: string[] = [];
    for (let p = 0; p < 3; p++) {
      const book = new ExcelJS.Workbook();
      trackerSheet(book, p);
      files.push(await save(book, `tracker-2021-${["06", "09", "12"][p]}.xlsx`));
    }
    const r = await cli("summary", files[2], "--history", files[1], "--history", files[0], "--history", files[2], "--json", "--as-of", "2021-12-31");
    expect(r.err).toBe("");
    expectHistory(JSON.parse(r.out).history, UPDATED);
    // The same with this period given first among the files: order given never matters.
    const again = await cli("summary", files[1], "--history", files[2], "--history", files[0], "--json", "--as-of", "2021-12-31");
    expect(JSON.parse(again.out).history.map((h: { label: string }) => h.label)).toEqual([...PERIODS]);
  });

  it("a file whose period cannot be told, or two files of one period: a one-line error, exit 2", async () => {
    const book = new ExcelJS.Workbook();
    trackerSheet(book, 0);
    const unnamed = await save(book, "old-tracker.xlsx");
    const twin = await save(book, "tracker-2021-12-copy.xlsx");
    const current = path.join(tmp, "tracker-2021-12.xlsx");
    const r = await cli("summary", current, "--history", unnamed, "--json");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--history .*old-tracker\.xlsx: cannot tell which period it is for\. Put its month and year in its name/);
    expect(r.err.trim().split("\n")).toHaveLength(1);
    const both = await cli("summary", current, "--history", twin, "--json");
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/are both for December 2021: give each period once/);
    const usage = await cli("validate", current, "--history", twin);
    expect(usage.code).toBe(2);
    expect(usage.err).toMatch(/--history is for summary and report/);
  });

  it("a tracker that keeps one period has a history of one entry", async () => {
    const book = new ExcelJS.Workbook();
    trackerSheet(book, 1);
    const file = await save(book, "tracker-2021-09.xlsx");
    const json = JSON.parse((await cli("summary", file, "--json")).out);
    expect(json.history).toHaveLength(1);
    expect(json.history[0]).toMatchObject({ ...EXPECTED[1], updated: null });
  });
});

describe("the history in the Panel Summary and the paper", () => {
  /** Three files of one tracker with a theme column, and the history over them. */
  async function threeFiles(): Promise<string[]> {
    const files: string[] = [];
    for (let p = 0; p < 3; p++) {
      const book = new ExcelJS.Workbook();
      trackerSheet(book, p);
      files.push(await save(book, `paper-2021-${["06", "09", "12"][p]}.xlsx`));
    }
    return files;
  }

  it("summary --out adds the table PanelSummaryHistory, one row per period, oldest first", async () => {
    const [june, september, december] = await threeFiles();
    const out = path.join(tmp, "history-summary.xlsx");
    const r = await cli("summary", december, "--history", september, "--history", june, "--out", out, "--as-of", "2021-12-31");
    expect(r.code).toBe(0);
    // The text summary shows the trend too.
    expect(r.out).toMatch(/Progress over time \(3 periods, oldest first\)\n\s+Period\s+Actions\s+Completed\s+Share complete\s+Actions updated\n\s+June 2021\s+4\s+0\s+0%\s+–\n\s+September 2021\s+4\s+0\s+0%\s+2\n\s+December 2021\s+4\s+2\s+50%\s+1/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const ws = book.getWorksheet("Panel Summary")!;
    const table = ws.getTables().map((t) => (t as unknown as { table: { name: string; tableRef: string } }).table).find((t) => t.name === "PanelSummaryHistory");
    expect(table).toBeDefined();
    const [from, to] = table!.tableRef.split(":").map((a) => ws.getCell(a));
    const header = Array.from({ length: Number(to.col) - Number(from.col) + 1 }, (_, i) => ws.getCell(Number(from.row), Number(from.col) + i).value);
    expect(header).toEqual(["Period", "Completed", "In progress", "On hold", "Not yet started", "Red", "Amber", "Green", "No RAG rating", "All actions", "Share complete", "Actions updated"]);
    const body = [1, 2, 3].map((i) => Array.from({ length: header.length }, (_, c) => ws.getCell(Number(from.row) + i, Number(from.col) + c).value));
    expect(body).toEqual([
      ["June 2021", 0, 1, 1, 2, 2, 1, 0, 1, 4, "0%", "–"],
      ["September 2021", 0, 3, 0, 1, 2, 1, 1, 0, 4, "0%", 2],
      ["December 2021", 2, 2, 0, 0, 0, 2, 2, 0, 4, "50%", 1],
    ]);
    expect(Number(to.row)).toBe(Number(from.row) + 3);
  });

  it("report: a section on progress over time with its table, only when two periods or more are kept", async () => {
    const [june, september, december] = await threeFiles();
    const out = path.join(tmp, "history-paper.html");
    const r = await cli("report", december, "--history", june, "--history", september, "--out", out, "--as-of", "2021-12-31", "--json");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.history).toEqual([...PERIODS]);
    expect(json.sections).toContain("5. Progress over time");
    const html = await fs.readFile(out, "utf8");
    const section = html.slice(html.indexOf("Progress over time"), html.indexOf("Exceptions", html.indexOf("Progress over time")));
    expect(section).toContain("In June 2021, none of the 4 actions were complete (0%); in December 2021, 2 of 4 actions are complete (50%).");
    expect(section).toContain("Actions by status in each period, June 2021 to December 2021");
    expect(section).toMatch(/<th[^>]*>September 2021<\/th>/);
    // One period only: no such section.
    const alone = path.join(tmp, "alone.html");
    const one = JSON.parse((await cli("report", december, "--out", alone, "--as-of", "2021-12-31", "--json")).out);
    expect(one.sections.some((s: string) => /Progress over time/.test(s))).toBe(false);
    expect(one.history).toBeUndefined();
  });
});

describe("buildHistory", () => {
  it("keeps labels that name no period in the order given, and says so", () => {
    const h = buildHistory([
      { label: "Before the review", actions: [{ id: "A1", status: "In progress", rag: "Amber" }] },
      { label: "After the review", actions: [{ id: "A1", status: "Completed", rag: "Green" }] },
    ]);
    expect(h.order).toBe("given");
    expect(h.entries.map((e) => [e.label, e.status.Completed, e.shareComplete])).toEqual([
      ["Before the review", 0, 0],
      ["After the review", 1, 1],
    ]);
  });

  it("puts quarters in time order, and a label given twice keeps the last", () => {
    const h = buildHistory([
      { label: "Q3 2021/22", actions: [{ id: "A1", status: "Completed", rag: null }] },
      { label: "Q1 2021/22", actions: [] },
      { label: "Q3 2021/22", actions: [{ id: "A1", status: "In progress", rag: null }] },
    ]);
    expect(h.order).toBe("time");
    expect(h.entries.map((e) => [e.label, e.actions, e.status.Completed])).toEqual([
      ["Q1 2021/22", 0, 0],
      ["Q3 2021/22", 1, 0],
    ]);
  });
});
