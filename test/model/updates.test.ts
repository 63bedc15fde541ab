/**
 * What changed since last period, on a pair of workbooks the test builds:
 * some updates changed, some word for word the same, one action new. The CLI (from the earlier
 * workbook's text) and the pane's path (from a snapshot's fingerprints) give the same counts, and
 * the "no new update" exceptions are exactly the unchanged actions still open.
 */
import ExcelJS from "exceljs";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { run } from "../../src/cli/run";
import { compareUpdates, readSnapshots, readTracker, snapshotRows, SNAPSHOT_HEADER } from "../../src/model";
import { comparePeriods, summaryPlan, readSheet } from "../../src/engine/answers";
import { isHostError } from "../../src/shared/host";
import { grid, workbookBuffer } from "../support/factories";

jest.setTimeout(60_000);

const HEADER = ["Ref", "Action", "Status", "RAG", "Update"];
const BEFORE = [
  HEADER,
  ["A1", "Fund victims' services", "In progress", "Amber", "Started"],
  ["A2", "Hold partnership meetings", "In progress", "Green", "Meeting held in May."],
  ["A3", "Open the new station", "Completed", "Green", "Done"],
  ["A4", "Recruit volunteers", "In progress", "Red", "Blocked by vetting"],
  ["A5", "Review estates", "Not yet started", "", ""],
  ["A6", "Agree the plan", "In progress", "Green", "Plan agreed with the Chief Constable."],
];
const NOW = [
  HEADER,
  ["A1", "Fund victims' services", "In progress", "Amber", "Started; funding agreed in September."],
  ["A2", "Hold partnership meetings", "In progress", "Green", "Meeting held in May."],
  ["A3", "Open the new station", "Completed", "Green", "Done"],
  ["A4", "Recruit volunteers", "On hold", "Red", "Blocked by vetting"],
  ["A5", "Review estates", "Not yet started", "", ""],
  // Only the spacing differs: not a new update.
  ["A6", "Agree the plan", "In progress", "Green", "Plan  agreed with the\nChief Constable."],
  ["A7", "Start a new scheme", "In progress", "Green", "New work"],
];

let tmp: string;
let now: string;
let before: string;
beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "dp-updates-"));
  now = path.join(tmp, "tracker-2021-11.xlsx");
  before = path.join(tmp, "tracker-2021-06.xlsx");
  await fs.writeFile(before, await workbookBuffer({ rows: BEFORE }));
  await fs.writeFile(now, await workbookBuffer({ rows: NOW }));
});

async function cli(...args: string[]) {
  let out = "";
  let err = "";
  const code = await run(args, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

describe("updates since the previous period", () => {
  it("summary --json counts updated, not updated and new actions, naming the period from the file name", async () => {
    const r = await cli("summary", now, "--previous", before, "--json", "--as-of", "2021-11-30");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.previous.label).toBe("June 2021");
    expect(json.period).toBe("November 2021");
    expect(json.updates).toEqual({ updated: 1, notUpdated: 5, new: 1, notCompared: 0 });
    const human = await cli("summary", now, "--previous", before, "--as-of", "2021-11-30");
    expect(human.out).toMatch(/Updates since June 2021\n\s+updated\s+1\n\s+no new update\s+5\n\s+new actions\s+1/);
  });

  it("the Panel Summary sheet carries the counts, and the exceptions list exactly the unchanged open actions", async () => {
    const out = path.join(tmp, "summary.xlsx");
    const r = await cli("summary", now, "--previous", before, "--json", "--as-of", "2021-11-30", "--out", out);
    expect(r.code).toBe(0);
    const panel = JSON.parse(r.out).panelSummary;
    expect(panel.updates).toEqual({ updated: 1, notUpdated: 5, new: 1 });
    // A2 (in progress), A4 (Red, on hold) and A6 (in progress, spacing only) are open and unchanged;
    // A3 is complete, A5 not started and not Red or Amber, A1 updated, A7 new.
    expect(panel.noNewUpdate).toEqual(["A2", "A4", "A6"]);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet("Panel Summary")!;
    const rows: Record<string, unknown> = {};
    ws.eachRow((row) => {
      const label = row.getCell(1).value;
      if (typeof label === "string") rows[label] = row.getCell(2).value;
    });
    expect(rows["Updates since June 2021"]).toBeNull();
    expect(rows["Updated since June 2021"]).toBe(1);
    expect(rows["No new update since June 2021"]).toBe(5);
    expect(rows["New actions since June 2021"]).toBe(1);
    // The exceptions' "Why it is listed" column (the tracker has no lead column, so the table has none).
    let whyColumn = 0;
    ws.eachRow((row) => row.eachCell((cell, c) => void (cell.value === "Why it is listed" && (whyColumn = c))));
    expect(whyColumn).toBe(5);
    const reasons: string[] = [];
    ws.eachRow((row) => {
      const why = row.getCell(whyColumn).value;
      if (typeof why === "string" && why.includes("No new update since June 2021")) reasons.push(String(row.getCell(1).value));
    });
    expect(reasons).toEqual(["A2", "A4", "A6"]);
  });

  it("a snapshot keeps a fingerprint of each update (not its text) and gives the pane the same counts", () => {
    const earlier = readTracker(grid(BEFORE));
    const rows = snapshotRows("June 2021", new Date(Date.UTC(2021, 5, 30)), "Tracker", earlier.actions);
    // The officers' text is not copied into the snapshot sheet.
    expect(rows.flat().some((v) => v.includes("Blocked"))).toBe(false);
    const [snapshot] = readSnapshots(grid([[...SNAPSHOT_HEADER], ...rows], { name: "Delivery plan snapshots" }));
    const current = readTracker(grid(NOW));
    expect(compareUpdates(current.actions, snapshot.actions, "June 2021").counts).toEqual({ since: "June 2021", updated: 1, notUpdated: 5, new: 1, notCompared: 0 });

    // The pane's engine: the Panel Summary plan from the snapshot.
    const { read: analysis } = readSheet(grid(NOW));
    const june = { period: "Q3 2021/22", comparedWith: { kind: "snapshot" as const, label: "June 2021" }, snapshots: ["June 2021"] };
    comparePeriods(analysis!, { ...june, loaded: snapshot });
    const plan = summaryPlan(analysis!, "2021-11-30T12:00:00.000Z");
    if (isHostError(plan)) throw new Error(plan.message);
    expect(plan.updates).toEqual({ since: "June 2021", updated: 1, notUpdated: 5, new: 1, notCompared: 0 });
    expect(plan.exceptions.filter((e) => e.reasons.includes("No new update since June 2021")).map((e) => e.id)).toEqual(["A2", "A4", "A6"]);

    // A snapshot taken before the fingerprints were kept: its updates are not compared, and nothing is listed for them.
    const [old] = readSnapshots(grid([[...SNAPSHOT_HEADER.slice(0, 7)], ...rows.map((r) => r.slice(0, 7))], { name: "Delivery plan snapshots" }));
    comparePeriods(analysis!, { ...june, loaded: old });
    const oldPlan = summaryPlan(analysis!, "2021-11-30T12:00:00.000Z");
    if (isHostError(oldPlan)) throw new Error(oldPlan.message);
    expect(oldPlan.updates).toMatchObject({ updated: 0, notUpdated: 0, new: 1, notCompared: 6 });
    expect(oldPlan.exceptions.some((e) => e.reasons.some((x) => x.startsWith("No new update")))).toBe(false);
  });

  it("a previous period with no update text at all (an empty update column, as the June 2021 sample) is not compared", () => {
    const blank = readTracker(grid(BEFORE.map((r, i) => (i === 0 ? r : [...r.slice(0, 4), ""])))).actions;
    const current = readTracker(grid(NOW)).actions;
    expect(compareUpdates(current, blank, "June 2021").counts).toEqual({ since: "June 2021", updated: 0, notUpdated: 0, new: 1, notCompared: 6 });
    // One update kept is enough to compare them all: an empty one now written is new (A1, A3, A4, A6); A2 and A5 (empty both times) are not.
    const one = blank.map((a) => (a.id === "A2" ? { ...a, update: "Meeting held in May." } : a));
    expect(compareUpdates(current, one, "June 2021").counts).toEqual({ since: "June 2021", updated: 4, notUpdated: 2, new: 1, notCompared: 0 });
    // The same from a snapshot of that period: its fingerprints are all of an empty update.
    const [snapshot] = readSnapshots(grid([[...SNAPSHOT_HEADER], ...snapshotRows("June 2021", new Date(Date.UTC(2021, 5, 30)), "Tracker", blank)], { name: "Delivery plan snapshots" }));
    expect(compareUpdates(current, snapshot.actions, "June 2021").counts.notCompared).toBe(6);
  });
});
