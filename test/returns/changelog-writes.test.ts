/**
 * The change log for every write of the command line: format --out (colours,
 * drop-down lists, RAG words typed, directions written) and summary --out append
 * rows to the copy's "Change log" (a row per cell of the tracker changed; one per
 * column for formatting), and validate and summary --json read it back.
 */
import ExcelJS from "exceljs";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { run } from "../../src/cli/run";

jest.setTimeout(120_000);

const WHEN = new Date("2026-12-07T10:00:00Z");
const SOURCE = "delivery-plan format";
let dir: string;
let now: string;
let before: string;

async function cli(...args: string[]) {
  let out = "";
  let err = "";
  const code = await run(args, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) }, WHEN);
  return { code, out, err };
}

/** A tracker: A2's RAG shown only by a red fill. */
async function tracker(file: string, statuses: string[], a1Rag: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Delivery Plan");
  ws.addRow(["Ref", "Action", "Status", "RAG", "Update"]);
  ws.addRow(["A1", "Fund victims' services", statuses[0], a1Rag, "Started"]);
  ws.addRow(["A2", "Recruit volunteers", statuses[1], null, "Blocked by vetting"]);
  ws.addRow(["A3", "Open the new station", statuses[2], "Amber", "Delayed"]);
  ws.getCell("D3").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFF0000" } };
  await wb.xlsx.writeFile(file);
}

async function logRows(file: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const log = wb.getWorksheet("Change log");
  if (!log) return [];
  return (log.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1).map((v) => (v === undefined || v === null ? "" : String(v))));
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "dp-log-writes-"));
  now = path.join(dir, "tracker-2021-11.xlsx");
  before = path.join(dir, "tracker-2021-06.xlsx");
  await tracker(before, ["In progress", "In progress", "Not started"], "Amber");
  await tracker(now, ["Completed", "In progress", "In progress"], "Green");
});

describe("format --out", () => {
  let out: string;
  let rows: string[][];
  beforeAll(async () => {
    out = path.join(dir, "formatted.xlsx");
    const r = await cli("format", now, "--out", out, "--write-rag-labels", "--previous", before, "--previous-label", "June 2021", "--write-directions", "--validation");
    if (r.code !== 0) throw new Error(r.out + r.err);
    expect(r.out).toMatch(/Added \d+ rows to the copy's "Change log" sheet/);
    rows = await logRows(out);
  });

  it("logs each cell of the tracker it changes: the action, the column, old → new, when, the period and the source", async () => {
    expect(rows[0]).toEqual(["When", "Period", "Action", "Field", "Old value", "New value", "Source"]);
    const cells = rows.slice(1).filter((r) => !r[2].startsWith("column "));
    expect(cells).toEqual([
      ["2026-12-07T10:00:00Z", "November 2021", "A2", "RAG", "", "Red", SOURCE],
      ["2026-12-07T10:00:00Z", "November 2021", "header F1", "column header", "", "Direction of travel since June 2021", SOURCE],
      ["2026-12-07T10:00:00Z", "November 2021", "A1", "Direction of travel since June 2021", "", "↑ improved", SOURCE],
      ["2026-12-07T10:00:00Z", "November 2021", "A2", "Direction of travel since June 2021", "", "↔ no change", SOURCE],
      ["2026-12-07T10:00:00Z", "November 2021", "A3", "Direction of travel since June 2021", "", "↔ no change", SOURCE],
    ]);
    // Each logged cell holds the new value in the copy.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet("Delivery Plan")!;
    expect(ws.getCell("D3").value).toBe("Red");
    expect(ws.getCell("F1").value).toBe("Direction of travel since June 2021");
  });

  it("logs formatting as one row per column, saying what was applied, not one per cell", () => {
    const columns = rows.slice(1).filter((r) => r[2].startsWith("column "));
    expect(columns.map((r) => r[2])).toEqual(["column C", "column D", "column F"]);
    expect(columns.map((r) => r[3])).toEqual(["Status", "RAG", "Direction of travel since June 2021"]);
    expect(columns[0][5]).toMatch(/^colours for the status words \(\d+ conditional-format rules\); a drop-down list of the Status words on C2:C4$/);
    expect(columns[1][5]).toMatch(/^colours for the RAG words .*; a drop-down list of the RAG words on D2:D4$/);
    expect(columns[2][5]).toMatch(/^colours for the direction of travel words .* on F2:F4$/);
  });

  it("a formatting-only write logs only its columns", async () => {
    const plain = path.join(dir, "colours-only.xlsx");
    const r = await cli("format", now, "--out", plain);
    expect(r.code).toBe(0);
    const only = (await logRows(plain)).slice(1);
    expect(only.map((r) => r[2])).toEqual(["column C", "column D"]);
  });

  it("validate says how many entries the log has and the last one, in one line; summary --json gives them", async () => {
    const v = await cli("validate", out);
    const line = v.out.split("\n").filter((l) => l.startsWith("Change log:"));
    expect(line).toEqual([`Change log: ${rows.length - 1} entries; the last: 2026-12-07T10:00:00Z, November 2021: column F Direction of travel since June 2021 (delivery-plan format).`]);
    const s = JSON.parse((await cli("summary", out, "--json")).out);
    expect(s.changeLog).toEqual({
      entries: rows.length - 1,
      last: { when: "2026-12-07T10:00:00Z", period: "November 2021", action: "column F", field: "Direction of travel since June 2021", old: "", new: rows[rows.length - 1][5], source: SOURCE },
    });
    // A workbook without a log: none, said as such.
    expect(JSON.parse((await cli("summary", now, "--json")).out).changeLog).toEqual({ entries: 0, last: null });
    expect((await cli("validate", now)).out).not.toMatch(/Change log/);
  });

  it("summary --out appends to the same log: its colours per column, and the Panel Summary sheet", async () => {
    const panel = path.join(dir, "panel.xlsx");
    // The period given: the copy's new header "Direction of travel since June 2021" would otherwise name it.
    const r = await cli("summary", out, "--out", panel, "--json", "--period", "November 2021");
    expect(r.code).toBe(0);
    const after = await logRows(panel);
    expect(after.slice(0, rows.length)).toEqual(rows);
    const added = after.slice(rows.length);
    expect(JSON.parse(r.out).changeLogRows).toBe(added.length);
    expect(added.map((a) => [a[1], a[6]])).toEqual(added.map(() => ["November 2021", "delivery-plan summary"]));
    expect(added[added.length - 1].slice(2, 6)).toEqual(['sheet "Panel Summary"', "sheet", "", expect.stringMatching(/^the panel summary for November 2021, \d+ exception\(s\)$/)]);
    // The copy's colours were there already: the same again is no change, and not logged.
    expect(added).toHaveLength(1);
    // On the tracker itself, the colours are new: a row per column, then the sheet.
    const fresh = path.join(dir, "panel-fresh.xlsx");
    expect((await cli("summary", now, "--out", fresh)).code).toBe(0);
    expect((await logRows(fresh)).slice(1).map((a) => a[2])).toEqual(["column C", "column D", 'sheet "Panel Summary"']);
  });

  it("formatting a copy already formatted the same way logs nothing more", async () => {
    const again = path.join(dir, "formatted-again.xlsx");
    const r = await cli("format", out, "--out", again, "--validation");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Added 0 rows to the copy's "Change log" sheet/);
    expect(await logRows(again)).toEqual(rows);
  });
});

describe("a user's own sheet called \"Change log\"", () => {
  it("is never written in: the log is \"Change log (2)\", and that is the one read back", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(now);
    const theirs = wb.addWorksheet("Change log");
    theirs.addRow(["Date", "Note"]);
    theirs.addRow(["1 May", "Our own notes"]);
    const input = path.join(dir, "own-log.xlsx");
    await wb.xlsx.writeFile(input);
    const out = path.join(dir, "own-log-formatted.xlsx");
    expect((await cli("format", input, "--out", out)).code).toBe(0);
    const copy = new ExcelJS.Workbook();
    await copy.xlsx.readFile(out);
    expect(copy.worksheets.map((w) => w.name)).toEqual(["Delivery Plan", "Change log", "Change log (2)"]);
    expect((copy.getWorksheet("Change log")!.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1))).toEqual([
      ["Date", "Note"],
      ["1 May", "Our own notes"],
    ]);
    expect(JSON.parse((await cli("summary", out, "--json")).out).changeLog.entries).toBe(2);
    // Written again: appended to ours.
    const again = path.join(dir, "own-log-again.xlsx");
    expect((await cli("format", out, "--out", again, "--validation")).code).toBe(0);
    const twice = new ExcelJS.Workbook();
    await twice.xlsx.readFile(again);
    expect(twice.worksheets.map((w) => w.name)).toEqual(["Delivery Plan", "Change log", "Change log (2)"]);
    expect(JSON.parse((await cli("summary", again, "--json")).out).changeLog.entries).toBe(4);
  });
});
