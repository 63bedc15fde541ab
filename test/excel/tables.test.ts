/**
 * Trackers that are Excel tables (issue 15, scope 3), in the Excel host: the reader
 * (src/excel/read.ts) reads the sheet's tables (worksheet.tables, Table.getRange) on
 * Microsoft's own client (excel-web-16.00.js) over the wire host, and the model then
 * reads the table's header row and extent as the tracker, exactly as the .xlsx host
 * does. The workbooks are built with ExcelJS's own tables, written to a file and read
 * back (so the tables are those of a real .xlsx), and the double is seeded from them.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { readTracker } from "../../src/model";
import type { SheetGrid } from "../../src/model";
import { readWorkbookGrids } from "../../src/xlsx";
import { readSheetGrid } from "../../src/excel/read";
import { createExcelHost } from "../../src/excel/host";
import { stopKeepingTrackerFresh, watchedTracker } from "../../src/excel/refresh";
import type { RefreshTimers } from "../../src/excel/refresh";
import type { HostResult, TrackerView } from "../../src/shared/host";
import { ExcelDouble } from "../double/excel-double";
import { clearTracker } from "../support/store";
import { ok } from "../support/host-results";

jest.setTimeout(60_000);

let tmp: string;
let uninstall: () => void = () => undefined;

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "dp-excel-tables-"));
});
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});
afterEach(async () => {
  await stopKeepingTrackerFresh();
  uninstall();
  clearTracker();
});

const RED = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFF0000" } } as const;

/**
 * A tracker as an Excel table at `at` (e.g. "B4"), with a title in A1, a key above the table that
 * names more fields than the table's own header (without the table, that key row would be the
 * header), notes beside and below the table, a totals row when asked, and a RAG shown by a fill only.
 */
async function tableWorkbook(file: string, options: { at?: string; totals?: boolean; filler?: number } = {}): Promise<string> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet("Plan");
  ws.getCell("A1").value = "Delivery plan tracker 2021-22";
  ["Key:", "Reference", "Action", "Lead", "Status", "RAG", "Update", "Timeframe"].forEach((t, i) => (ws.getCell(2, 1 + i).value = t));
  // Rows of notes between the key and the table (to put the table's header below the rows read first).
  for (let r = 0; r < (options.filler ?? 0); r++) ws.getCell(3 + r, 1).value = `Note ${r + 1}: read the guidance before updating.`;
  const at = options.at ?? "B4";
  ws.addTable({
    name: "Tracker",
    ref: at,
    headerRow: true,
    totalsRow: options.totals === true,
    columns: [{ name: "Ref", totalsRowLabel: "Total" }, { name: "Action", totalsRowFunction: "count" }, { name: "Lead" }, { name: "Status" }, { name: "RAG" }, { name: "Latest update" }],
    rows: [
      ["A1", "Fund victims' services", "OPCC", "In progress", "Amber", "Contract let in June."],
      ["A2", "Open the new station", "Estates", "Completed", "Green", "Opened 1 May 2021."],
      ["A3", "Recruit volunteers", "HR", "On hold", "", "Paused for the review."],
      ["A4", "Review the call centre", "Ops", "In progress", "Red", ""],
    ],
  });
  const top = Number(/\d+/.exec(at)![0]);
  const left = ws.getCell(at).col;
  // The RAG of A3 is only its fill.
  ws.getCell(top + 3, left + 4).fill = RED;
  const below = top + 5 + (options.totals ? 1 : 0) + 1;
  // Below and beside the table: notes that are not actions, some looking like them.
  ws.getCell(below, left).value = "Z9";
  ws.getCell(below, left + 1).value = "Not an action: a note under the table";
  ws.getCell(below, left + 3).value = "Completed";
  ws.getCell(top + 1, left + 7).value = "Completed";
  ws.getCell(top + 2, left + 7).value = "A note beside the table";
  const out = path.join(tmp, file);
  await book.xlsx.writeFile(out);
  return out;
}

/** The sheet as the Excel host reads it, on Microsoft's client over the wire host, and its round trips. */
async function excelRead(grids: SheetGrid[], sheet = "Plan") {
  const x = ExcelDouble.fromGrids(grids);
  uninstall = x.installMicrosoftClient();
  x.resetCounters();
  const read = await Excel.run((c) => readSheetGrid(c, sheet));
  const syncs = x.wire.commandSyncs.length;
  uninstall();
  uninstall = () => undefined;
  return { read, syncs };
}

describe("a tracker that is an Excel table, read by the Excel host", () => {
  it("gives the report the .xlsx host gives: the table's header row and extent, no totals row, no notes beside or below", async () => {
    const file = await tableWorkbook("titled.xlsx", { totals: true });
    const grids = await readWorkbookGrids(file);
    const cli = readTracker(grids[0]);
    expect(cli.tracker).toMatchObject({ headerRow: 4, lastDataRow: 8, table: "Tracker" });
    expect(cli.actions.map((a) => a.id)).toEqual(["A1", "A2", "A3", "A4"]);

    const { read } = await excelRead(grids);
    expect(read.grid.tables).toEqual([{ name: "Tracker", top: 4, left: 2, bottom: 9, right: 7, headerRow: true, totalsRow: true }]);
    const office = readTracker(read.grid);
    // The same report, to the last issue.
    expect(office).toEqual(cli);
    // The RAG shown by a fill only was read too (the fills of the table's RAG column, not the key's).
    expect(office.actions.find((a) => a.id === "A3")?.rag).toBe("Red");
  });

  it("costs one more round trip than the same cells without the table", async () => {
    const grids = await readWorkbookGrids(await tableWorkbook("round-trips.xlsx"));
    const withTable = await excelRead(grids);
    const without = await excelRead(grids.map((g) => ({ ...g, tables: undefined })));
    expect(withTable.syncs).toBe(without.syncs + 1);
    // Without the table, the key row above it is taken for the header: the table is what makes the difference.
    expect(readTracker(without.read.grid).tracker?.headerRow).toBe(2);
    expect(readTracker(withTable.read.grid).tracker?.headerRow).toBe(4);
  });

  it("at 5,000 rows too: one round trip more than without the table, and the same report as the model gives the whole sheet", async () => {
    const rows: (string | null)[][] = [["Delivery plan tracker"], [], ["Ref", "Action", "Lead", "Status", "RAG", "Latest update"]];
    for (let i = 1; i <= 5000; i++) rows.push([`A${i}`, `Action number ${i} of the plan, in words`, "OPCC", i % 3 ? "In progress" : "Completed", ["Red", "Amber", "Green"][i % 3], `Update ${i}: ${"progress ".repeat(i % 7)}`]);
    rows.push([], [null, "A note under the table", null, "Completed"]);
    const grid: SheetGrid = { name: "Plan", firstRow: 1, firstColumn: 1, values: rows, merges: [], tables: [{ name: "Big", top: 3, left: 1, bottom: 5003, right: 6, headerRow: true }] };
    const withTable = await excelRead([grid]);
    const without = await excelRead([{ ...grid, tables: undefined }]);
    expect(withTable.syncs).toBe(without.syncs + 1);
    const office = readTracker(withTable.read.grid);
    expect(office).toEqual(readTracker(grid));
    expect(office.actions).toHaveLength(5000);
  });

  it("finds a table whose header row is below the rows read first (row 150), as the .xlsx host does", async () => {
    const grids = await readWorkbookGrids(await tableWorkbook("far-down.xlsx", { at: "C150", filler: 140 }));
    const cli = readTracker(grids[0]);
    expect(cli.tracker).toMatchObject({ headerRow: 150, table: "Tracker" });
    const { read } = await excelRead(grids);
    expect(readTracker(read.grid)).toEqual(cli);
    expect(readTracker(read.grid).actions.find((a) => a.id === "A3")?.rag).toBe("Red");
  });

  it("a table saved by Excel (no headerRowCount: the default, one header row) is the tracker in both hosts", async () => {
    // Excel writes headerRowCount only when it is not 1; ExcelJS alone would read such a table as having no header row.
    const source = await tableWorkbook("exceljs.xlsx");
    const zip = await JSZip.loadAsync(await fs.readFile(source));
    const name = Object.keys(zip.files).find((n) => /^xl\/tables\/table\d+\.xml$/.test(n))!;
    const xml = await zip.file(name)!.async("string");
    expect(xml).toMatch(/headerRowCount="1"/);
    const asExcel = path.join(tmp, "as-excel.xlsx");
    zip.file(name, xml.replace(/ headerRowCount="1"/, ""));
    await fs.writeFile(asExcel, await zip.generateAsync({ type: "nodebuffer" }));
    const grids = await readWorkbookGrids(asExcel);
    expect(grids[0].tables).toEqual([expect.objectContaining({ name: "Tracker", headerRow: true })]);
    const cli = readTracker(grids[0]);
    expect(cli.tracker).toMatchObject({ headerRow: 4, table: "Tracker" });
    expect(readTracker((await excelRead(grids)).read.grid)).toEqual(cli);
  });

  it("a table with no header row (headerRowCount 0) is not taken for the tracker by either host", async () => {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet("Plan");
    ["Ref", "Action", "Status"].forEach((t, i) => (ws.getCell(1, 1 + i).value = t));
    ws.addTable({ name: "Body", ref: "A2", headerRow: false, columns: [{ name: "Ref" }, { name: "Action" }, { name: "Status" }], rows: [["A1", "Fund services", "In progress"], ["A2", "Open a station", "Completed"]] });
    const file = path.join(tmp, "no-header.xlsx");
    await book.xlsx.writeFile(file);
    const grids = await readWorkbookGrids(file);
    expect(grids[0].tables).toEqual([expect.objectContaining({ name: "Body", headerRow: false })]);
    const cli = readTracker(grids[0]);
    expect(cli.tracker?.table).toBeUndefined();
    expect(cli.tracker?.headerRow).toBe(1);
    const { read } = await excelRead(grids);
    expect(read.grid.tables).toEqual([expect.objectContaining({ name: "Body", headerRow: false })]);
    expect(readTracker(read.grid)).toEqual(cli);
  });
});

describe("a table changed since the last read is read again (unchanged.ts)", () => {
  const timers: RefreshTimers = { set: () => 0, clear: () => undefined };
  const supported = { isSetSupported: () => true };

  async function ready(file: string) {
    const x = ExcelDouble.fromGrids(await readWorkbookGrids(file));
    uninstall = x.installMicrosoftClient();
    const host = createExcelHost({ requirements: supported, now: () => new Date(Date.UTC(2022, 0, 15)), refreshTimers: timers });
    ok(await host.readTracker({ sheet: "Plan" }));
    await watchedTracker();
    ok(await host.readTracker({ sheet: "Plan" }));
    await x.wire.eventsDelivered();
    return { x, host };
  }
  async function measured(x: ExcelDouble, command: () => Promise<HostResult<TrackerView>>) {
    x.resetCounters();
    const value = ok(await command());
    return { value, syncs: x.wire.commandSyncs.length };
  }

  it("unchanged, the tracker is reused; resized over rows already typed under it (no change event), it is read again", async () => {
    const { x, host } = await ready(await tableWorkbook("resized.xlsx"));
    const same = await measured(x, () => host.readTracker({ sheet: "Plan" }));
    expect(same.syncs).toBe(1);
    expect(same.value.actions).toBe(4);
    // Two rows typed under the table earlier, then the table's handle dragged down over them: no onChanged for that.
    const sheet = x.sheet("Plan")!;
    sheet.values[9 - 1] = ["", "A5", "Publish the plan", "OPCC", "Completed", "Green", "Done."];
    sheet.values[10 - 1] = ["", "Z9", "Not an action: a note under the table", "", "Completed"];
    const before = await measured(x, () => host.readTracker({ sheet: "Plan" }));
    // The note under the table is still outside it: the tracker (a table) is the same, reused.
    expect(before.value.actions).toBe(4);
    sheet.tables[0].bottom = 9;
    const after = await measured(x, () => host.readTracker({ sheet: "Plan" }));
    expect(after.syncs).toBeGreaterThan(1);
    expect(after.value.actions).toBe(5);
  });

  it("a table added over a tracker (Insert > Table raises no change event) is read again", async () => {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet("Plan");
    ws.getCell("A1").value = "Tracker";
    ["Reference", "Action", "Lead", "Status", "RAG"].forEach((t, i) => (ws.getCell(2, 1 + i).value = t));
    ["Ref", "Action", "Status"].forEach((t, i) => (ws.getCell(4, 2 + i).value = t));
    [["A1", "Fund services", "In progress"], ["A2", "Open a station", "Completed"]].forEach((r, i) => r.forEach((v, j) => (ws.getCell(5 + i, 2 + j).value = v)));
    const file = path.join(tmp, "added.xlsx");
    await book.xlsx.writeFile(file);
    const { x, host } = await ready(file);
    const plain = await measured(x, () => host.readTracker({ sheet: "Plan" }));
    expect(plain.syncs).toBe(1);
    // Without a table, row 2 is the header, and row 4 (a header of its own) is read as a row of it.
    expect(plain.value.headerRow).toBe(2);
    x.sheet("Plan")!.tables.push({ id: "{table-added}", name: "Table1", top: 4, left: 2, bottom: 6, right: 4, showHeaders: true, showTotals: false, style: "TableStyleMedium2", showFilterButton: true, showBandedRows: true, showBandedColumns: false });
    const after = await measured(x, () => host.readTracker({ sheet: "Plan" }));
    expect(after.syncs).toBeGreaterThan(1);
    expect(after.value.headerRow).toBe(4);
    expect(after.value.actions).toBe(2);
  });
});
