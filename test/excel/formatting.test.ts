/** Formatting, cell writes and snapshots on the Office path, on Microsoft's Excel client (excel-web-16.00.js) over the wire host on the Excel double. */
import { chooseTrackerSheet, formattingPlan, isOurRule, readTracker, ragLabelWrites, SNAPSHOT_SHEET } from "../../src/model";
import type { Action, SheetGrid } from "../../src/model";
import { readWorkbookGrids } from "../../src/xlsx";
import { applyFormatting, removeFormatting } from "../../src/excel/formatting";
import { listSnapshotPeriods, loadSnapshotPeriod } from "../../src/excel/snapshot";
import { REQUEST_BUDGET_BYTES } from "../../src/excel/read";
import { CLIENT_CHUNK_BYTES, CLIENT_CHUNK_CELLS } from "../../src/excel/blocks";
import { loadTracker } from "../../src/excel/tracker";
import { ExcelDouble } from "../double/excel-double";
import { CAMBS, HERTS, grid } from "../support/factories";
import { writeCells, loadSnapshots, takeSnapshot } from "../support/office-writes";

let uninstall: () => void = () => undefined;
afterEach(() => uninstall());

async function seeded(file: string) {
  const grids = await readWorkbookGrids(file);
  const choice = chooseTrackerSheet(grids);
  if (!choice.ok) throw new Error(choice.message);
  const x = ExcelDouble.fromGrids(grids);
  uninstall = x.installMicrosoftClient();
  return { x, grid: choice.grid as SheetGrid, report: readTracker(choice.grid) };
}


describe("applying the formatting plan in Excel", () => {
  it("puts rules on the data body of the status column only, in one batch of 2 round trips when the sheet has no custom rule", async () => {
    const { x, report } = await seeded(HERTS);
    const plan = formattingPlan(report.tracker!);
    x.resetCounters();
    const result = await Excel.run((c) => applyFormatting(c, plan));
    // No custom rule to look into: nothing is queued for the 2nd sync, and Microsoft's client sends no request for it.
    expect(x.wire.commandSyncs).toHaveLength(2);
    // Each status twice: the whole cell, and a cell that begins with the status word ("Completed. …").
    expect(result).toEqual({ removed: 0, added: 10, syncs: 2 });
    const rules = x.sheet("Delivery Plan 2021-22")!.conditionalFormats;
    expect(rules.map((r) => r.range)).toEqual(new Array(10).fill({ top: 5, left: 3, bottom: 106, right: 3 }));
    // Priority follows the plan: "Not yet started" before "In progress" (which contains "started").
    const byPriority = [...rules].sort((a, b) => a.priority! - b.priority!);
    expect(byPriority.map((r) => r.format.fill)).toEqual(plan.rules.map((r) => r.colours.fill));
    expect(byPriority.every((r) => isOurRule(String(r.rule.formula)) && String(r.rule.formula).startsWith("=AND("))).toBe(true);
  });

  it("colours a five-point tracker's points between their neighbours, the points' rules first, as expression rules", async () => {
    const g = grid([
      ["Ref", "Action", "RAG"],
      ["1", "a", "Amber/Green"],
      ["2", "b", "Red/Amber"],
      ["3", "c", "Green"],
    ]);
    const x = ExcelDouble.fromGrids([g]);
    uninstall = x.installMicrosoftClient();
    const plan = formattingPlan(readTracker(g).tracker!);
    const result = await Excel.run((c) => applyFormatting(c, plan));
    expect(result.added).toBe(7);
    const byPriority = [...x.sheet("Tracker")!.conditionalFormats].sort((a, b) => a.priority! - b.priority!);
    expect(byPriority.map((r) => r.type)).toEqual(new Array(7).fill("Custom"));
    expect(byPriority.map((r) => r.format.fill)).toEqual(["#ED7D31", "#92D050", "#C00000", "#FFC000", "#00B050", "#0070C0", "#F2F2F2"]);
    expect(String(byPriority[1].rule.formula)).toContain('"amber/green"');
    expect(byPriority.every((r) => r.range.left === 3 && r.range.top === 2 && r.range.bottom === 4)).toBe(true);
  });

  it("applying twice leaves the same rules; the user's own rules stay; remove takes only ours", async () => {
    const { x, report } = await seeded(CAMBS);
    const sheet = x.sheet("Delivery Plan")!;
    sheet.conditionalFormats.push({ id: "{user}", type: "Custom", range: { top: 6, left: 6, bottom: 49, right: 6 }, rule: { formula: '=F6="↓"' }, format: { fill: "#FF00FF" }, priority: 0 });
    const plan = formattingPlan(report.tracker!);
    await Excel.run((c) => applyFormatting(c, plan));
    const once = sheet.conditionalFormats.map((r) => ({ ...r, id: "", priority: 0 }));
    x.resetCounters();
    const again = await Excel.run((c) => applyFormatting(c, plan));
    expect(again.removed).toBe(plan.rules.length);
    expect(again.syncs).toBe(3);
    expect(x.wire.commandSyncs).toHaveLength(3);
    expect(sheet.conditionalFormats.map((r) => ({ ...r, id: "", priority: 0 }))).toEqual(once);
    expect(sheet.conditionalFormats).toHaveLength(plan.rules.length + 1);
    const removed = await Excel.run((c) => removeFormatting(c, "Delivery Plan"));
    expect(removed.removed).toBe(plan.rules.length);
    expect(sheet.conditionalFormats.map((r) => r.id)).toEqual(["{user}"]);
  });

  it("never changes a value of the tracker", async () => {
    const { x, report } = await seeded(CAMBS);
    const before = JSON.stringify(x.sheet("Delivery Plan")!.values);
    await Excel.run((c) => applyFormatting(c, formattingPlan(report.tracker!)));
    expect(JSON.stringify(x.sheet("Delivery Plan")!.values)).toBe(before);
  });
});

describe("writing RAG labels when asked", () => {
  it("types the RAG word beside the arrow, as text, in one round trip", async () => {
    const { x, grid, report } = await seeded(CAMBS);
    const writes = ragLabelWrites(grid, report.actions);
    expect(writes).toEqual([
      { cell: "F12", text: "Amber ↑" },
      { cell: "F13", text: "Green ↔" },
      { cell: "F14", text: "Red ↑" },
    ]);
    x.resetCounters();
    await Excel.run((c) => writeCells(c, "Delivery Plan", writes));
    expect(x.wire.commandSyncs).toHaveLength(1);
    const reread = await Excel.run((c) => loadTracker(c));
    expect(reread.report.actions.filter((a) => a.rag).map((a) => `${a.id}:${a.rag}:${a.ragSource}`)).toEqual(["V7:Amber:text", "V8:Green:text", "V9:Red:text"]);
  });

  it("keeps a value that starts with = as text, not a formula", async () => {
    const { x } = await seeded(HERTS);
    await Excel.run((c) => writeCells(c, "Delivery Plan 2021-22", [{ cell: "H5", text: '=HYPERLINK("http://example.invalid","x")' }]));
    expect(x.sheet("Delivery Plan 2021-22")!.values[4][7]).toBe('=HYPERLINK("http://example.invalid","x")');
  });
});

describe("snapshots", () => {
  it("appends one row per action per period to a hidden sheet the add-in owns, and reads them back", async () => {
    const { x, report } = await seeded(HERTS);
    x.resetCounters();
    const first = await Excel.run((c) => takeSnapshot(c, "June 2021", new Date(Date.UTC(2021, 5, 30)), "Delivery Plan 2021-22", report.actions));
    expect(x.wire.commandSyncs).toHaveLength(2);
    expect(first).toEqual({ rows: 97, firstRow: 2, syncs: 2 });
    const second = await Excel.run((c) => takeSnapshot(c, "November 2021", new Date(Date.UTC(2021, 10, 30)), "Delivery Plan 2021-22", report.actions));
    expect(second).toEqual({ rows: 97, firstRow: 99, syncs: 2 });
    const sheet = x.sheet(SNAPSHOT_SHEET)!;
    expect(sheet.visibility).toBe("Hidden");
    expect(sheet.values[0]).toEqual(["Period", "Taken", "Reference", "Status", "RAG", "Direction", "Tracker sheet", "Update fingerprint"]);
    expect(sheet.values[1].slice(0, 4)).toEqual(["June 2021", "2021-06-30", "1", "Completed"]);
    // Stored as text: references stay "1", not the number 1.
    expect(sheet.numberFormats.get("2,3")).toBe("@");
    const snaps = await Excel.run((c) => loadSnapshots(c));
    expect(snaps.map((s) => [s.period, s.taken, s.actions.length])).toEqual([
      ["June 2021", "2021-06-30", 97],
      ["November 2021", "2021-11-30", 97],
    ]);
    expect(snaps[0].actions.filter((a) => a.status === "Completed")).toHaveLength(45);
  });

  it("finds no snapshots in a workbook that has none", async () => {
    const { x } = await seeded(CAMBS);
    expect(await Excel.run((c) => loadSnapshots(c))).toEqual([]);
    x.resetCounters();
    expect(await Excel.run((c) => listSnapshotPeriods(c))).toEqual({ periods: [], syncs: 1 });
    expect(x.wire.commandSyncs).toHaveLength(1);
  });

  it("lists the periods in one round trip and loads only the period asked for, in one more (small tracker)", async () => {
    const { x, report } = await seeded(HERTS);
    for (const [period, month] of [["June 2021", 5], ["September 2021", 8], ["November 2021", 10]] as const) {
      await Excel.run((c) => takeSnapshot(c, period, new Date(Date.UTC(2021, month, 30)), "Delivery Plan 2021-22", report.actions));
    }
    x.resetCounters();
    const list = await Excel.run((c) => listSnapshotPeriods(c));
    expect(x.wire.commandSyncs).toHaveLength(1);
    expect(list.periods.map((p) => [p.period, p.taken, p.rows, p.runs])).toEqual([
      ["June 2021", "2021-06-30", 97, [{ row: 2, count: 97 }]],
      ["September 2021", "2021-09-30", 97, [{ row: 99, count: 97 }]],
      ["November 2021", "2021-11-30", 97, [{ row: 196, count: 97 }]],
    ]);
    // Only Period and Taken came back: about 30 bytes a row, not the ~80 of the whole row.
    expect(x.wire.commandSyncs[0].responseBytes).toBeLessThan(292 * 40);
    x.resetCounters();
    const { snapshot } = await Excel.run((c) => loadSnapshotPeriod(c, list.periods[1]));
    expect(x.wire.commandSyncs).toHaveLength(1);
    expect(snapshot.period).toBe("September 2021");
    expect(snapshot.actions).toHaveLength(97);
    expect(snapshot.actions.filter((a) => a.status === "Completed")).toHaveLength(45);
  });

  it("a period's rows whose values come back null (over Excel's cell limit for a read) are read again in halves, all of them", async () => {
    const { x, report } = await seeded(HERTS);
    await Excel.run((c) => takeSnapshot(c, "June 2021", new Date(Date.UTC(2021, 5, 30)), "Delivery Plan 2021-22", report.actions));
    const list = await Excel.run((c) => listSnapshotPeriods(c));
    // 97 rows of 8 columns: an Excel whose limit is lower than that (Excel's is 5,000,000 cells).
    x.cellReadLimit = 300;
    const { snapshot } = await Excel.run((c) => loadSnapshotPeriod(c, list.periods[0]));
    expect(snapshot.actions.map((a) => [a.id, a.status])).toEqual(report.actions.map((a) => [a.id, a.status]));
  });

  /** 20,000 actions, as the reader would give them. */
  const manyActions = (n: number): Action[] =>
    Array.from({ length: n }, (_, i) => ({
      id: `A${i + 1}`,
      theme: "",
      action: "",
      lead: "",
      deliveryLead: "",
      status: i % 2 ? "In progress" : "Completed",
      rag: i % 3 ? "Green" : "Amber",
      ragSource: "text",
      direction: null,
      update: "",
      timeframe: "",
      response: "",
      references: [],
      extra: {},
      rows: [i + 5],
      cells: {},
      hidden: false,
    }));

  it("writes and reads a 20,000-action period in ~4 MB blocks, and lists 4 of them from Period and Taken only", async () => {
    const { x } = await seeded(HERTS);
    const actions = manyActions(20000);
    const periods = ["Q1 2026/27", "Q2 2026/27", "Q3 2026/27", "Q4 2026/27"];
    for (const [i, period] of periods.entries()) {
      x.resetCounters();
      const done = await Excel.run((c) => takeSnapshot(c, period, new Date(Date.UTC(2026, 3 * i + 5, 30)), "Delivery Plan 2026-27", actions));
      expect(done.rows).toBe(20000);
      expect(done.syncs).toBe(x.wire.commandSyncs.length);
      expect(x.wire.commandSyncs.length).toBe(2); // ~2.4 MB to write: 1 block (of at most 4 MB) after the look-up
      for (const s of x.wire.commandSyncs) expect(s.requestBytes).toBeLessThanOrEqual(REQUEST_BUDGET_BYTES);
    }
    const sheet = x.sheet(SNAPSHOT_SHEET)!;
    expect(sheet.values).toHaveLength(80001);
    // The whole sheet is over Excel's 5 MB: loading it in one request, as before, fails.
    expect(JSON.stringify(sheet.values).length).toBeGreaterThan(5 * 1024 * 1024);

    x.resetCounters();
    const list = await Excel.run((c) => listSnapshotPeriods(c));
    expect(list.periods.map((p) => [p.period, p.rows])).toEqual(periods.map((p) => [p, 20000]));
    expect(list.syncs).toBe(x.wire.commandSyncs.length);
    const periodAndTaken = JSON.stringify(sheet.values.map((r) => r.slice(0, 2))).length;
    expect(x.wire.commandSyncs.reduce((n, s) => n + s.responseBytes, 0)).toBeLessThan(periodAndTaken * 1.1);
    expect(x.wire.commandSyncs.length).toBeLessThanOrEqual(Math.ceil(periodAndTaken / REQUEST_BUDGET_BYTES) + 1);

    x.resetCounters();
    const { snapshot, syncs } = await Excel.run((c) => loadSnapshotPeriod(c, list.periods[2]));
    expect(snapshot.period).toBe("Q3 2026/27");
    expect(snapshot.actions).toHaveLength(20000);
    expect(snapshot.actions[19999]).toEqual({ id: "A20000", status: "In progress", rag: "Green", updateFingerprint: expect.stringMatching(/^u1:/) });
    expect(syncs).toBe(x.wire.commandSyncs.length);
    for (const s of [...x.wire.commandSyncs]) expect(s.responseBytes).toBeLessThanOrEqual(REQUEST_BUDGET_BYTES);
  }, 30_000);

  it("takes back the rows already written when a block of the snapshot fails", async () => {
    const { x } = await seeded(HERTS);
    // ~6 MB of rows: 2 blocks of at most 4 MB.
    const actions = manyActions(50000);
    const before = await Excel.run((c) => takeSnapshot(c, "Q1 2026/27", new Date(Date.UTC(2026, 5, 30)), "Delivery Plan 2026-27", actions.slice(0, 10)));
    expect(before.rows).toBe(10);
    // The third round trip (the second block) fails after Excel applied its writes.
    x.wire.injectFault({ request: 3, code: "GeneralException", message: "Excel stopped.", when: "after" });
    await expect(
      Excel.run((c) => takeSnapshot(c, "Q2 2026/27", new Date(Date.UTC(2026, 8, 30)), "Delivery Plan 2026-27", actions)),
    ).rejects.toThrow("Excel stopped.");
    const list = await Excel.run((c) => listSnapshotPeriods(c));
    expect(list.periods.map((p) => [p.period, p.rows])).toEqual([["Q1 2026/27", 10]]);
  });
});

describe("Microsoft's client splits a big write into chunks", () => {
  it("of about 1,500 cells, each costing the request at most CLIENT_CHUNK_BYTES besides its data", async () => {
    const x = new ExcelDouble();
    x.addSheet("S");
    uninstall = x.installMicrosoftClient();
    const columns = 7;
    const rowsPerChunk = Math.round(CLIENT_CHUNK_CELLS / columns);
    const sent = async (rows: number) => {
      const values = Array.from({ length: rows }, (_, i) => Array.from({ length: columns }, (_, j) => `r${i}c${j}`));
      x.resetCounters();
      await Excel.run(async (c) => {
        c.workbook.worksheets.getItem("S").getRange(`A1:G${rows}`).values = values;
        await c.sync();
      });
      return x.wire.commandSyncs[0].requestBytes - Buffer.byteLength(JSON.stringify(values));
    };
    const one = await sent(rowsPerChunk);
    const ten = await sent(rowsPerChunk * 10);
    const perChunk = (ten - one) / 9;
    expect(perChunk).toBeGreaterThan(CLIENT_CHUNK_BYTES * 0.7);
    expect(perChunk).toBeLessThanOrEqual(CLIENT_CHUNK_BYTES);
    // Written as asked, chunk by chunk.
    expect(x.sheet("S")!.values[rowsPerChunk * 10 - 1][columns - 1]).toBe(`r${rowsPerChunk * 10 - 1}c${columns - 1}`);
  });
});
