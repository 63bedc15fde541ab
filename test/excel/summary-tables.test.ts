/**
 * The Panel Summary's own tables are real Excel tables in Excel too (issue 15, scope 3):
 * src/excel/summary.ts marks each of the plan's tables up with worksheet.tables.add,
 * on Microsoft's own client (excel-web-16.00.js) over the wire host, in the round trips
 * it already made; the names and areas are those the .xlsx writer gives; building again,
 * or over names already taken, does not fail.
 */
import ExcelJS from "exceljs";
import { SUMMARY_MARK, SUMMARY_TABLE_NAMES, SUMMARY_TABLE_STYLE, a1, buildPanelSummary, chooseTrackerSheet, compareWithPrevious, layOutPanelSummary, panelSummaryContent, readTracker } from "../../src/model";
import type { SheetGrid, SummaryPlan } from "../../src/model";
import { readWorkbookGrids, writePanelSummary as writeXlsxSummary } from "../../src/xlsx";
import { columnWidthPoints, writePanelSummary } from "../../src/excel/summary";
import { createExcelHost } from "../../src/excel/host";
import { ExcelDouble } from "../double/excel-double";
import type { DoubleTableRecord } from "../double/excel-double";
import { HERTS, HERTS_JUNE } from "../support/factories";
import { THEMES_GRID, themesInput, withStatusColumn } from "../support/summary-content";
import { clearTracker } from "../support/store";
import { ok } from "../support/host-results";

jest.setTimeout(60_000);

const WHEN = { asOf: new Date(Date.UTC(2021, 10, 30, 23, 59, 59)), built: new Date(Date.UTC(2021, 11, 1)) };
// Hertfordshire has no RAG column: no table of RAG.
const NAMES = ["PanelSummaryCounts", "PanelSummaryThemes", "PanelSummaryDirection", "PanelSummaryUpdates", "PanelSummaryExceptions"];

let uninstall: () => void = () => undefined;
afterEach(() => {
  uninstall();
  clearTracker();
});

function planFor(grids: SheetGrid[], previous: SheetGrid[]): SummaryPlan {
  const now = chooseTrackerSheet(grids);
  const before = chooseTrackerSheet(previous);
  if (!now.ok || !before.ok) throw new Error("no tracker");
  const report = readTracker(now.grid);
  const actions = readTracker(before.grid).actions;
  return buildPanelSummary({ report, previous: { label: "June 2021", actions, comparison: compareWithPrevious(report.actions, actions) }, options: { period: "November 2021", ...WHEN } });
}

const areaOf = (t: DoubleTableRecord) => `${a1(t.top, t.left)}:${a1(t.bottom, t.right)}`;

async function herts() {
  const grids = await readWorkbookGrids(HERTS);
  const plan = planFor(grids, await readWorkbookGrids(HERTS_JUNE));
  const x = ExcelDouble.fromGrids(grids);
  uninstall = x.installMicrosoftClient();
  return { x, plan, grids };
}

describe("the Panel Summary's tables in Excel", () => {
  it("marks each of the plan's tables up as a named Excel table, in the same two round trips, as the .xlsx writer does", async () => {
    const { x, plan } = await herts();
    x.resetCounters();
    const result = await Excel.run((c) => writePanelSummary(c, plan));
    expect(result).toEqual({ sheet: "Panel Summary", replaced: null, syncs: 2 });
    expect(x.wire.commandSyncs).toHaveLength(2);
    const sheet = x.sheet("Panel Summary")!;
    expect(sheet.tables.map((t) => [t.name, areaOf(t)])).toEqual(plan.tables.map((t) => [SUMMARY_TABLE_NAMES[t.id], t.range]));
    expect(sheet.tables.map((t) => t.name)).toEqual(NAMES);
    for (const t of sheet.tables) {
      expect(t).toMatchObject({ showHeaders: true, showTotals: false, style: SUMMARY_TABLE_STYLE, showFilterButton: false, showBandedRows: false });
    }
    // The header texts were already there, so Excel took them as the columns' names unchanged: the cells are the plan's.
    expect(sheet.values.map((r) => r.slice(0, plan.columnWidths.length))).toEqual(plan.rows.map((r) => r.map((v) => v ?? "")));

    // The same tables as the CLI's writer puts in the .xlsx file.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(HERTS);
    writeXlsxSummary(wb, plan);
    const xlsx = wb.getWorksheet("Panel Summary")!.getTables().map((t) => (t as unknown as { table: { name: string; tableRef: string } }).table);
    expect(xlsx.map((t) => [t.name, t.tableRef])).toEqual(sheet.tables.map((t) => [t.name, areaOf(t)]));
  });

  it("building again replaces our sheet with its tables: the same names, and no failure because they exist", async () => {
    const { x, plan } = await herts();
    await Excel.run((c) => writePanelSummary(c, plan));
    const again = await Excel.run((c) => writePanelSummary(c, plan));
    expect(again).toMatchObject({ sheet: "Panel Summary", replaced: "Panel Summary" });
    const all = x.sheets.flatMap((s) => s.tables.map((t) => `${s.name}:${t.name}`));
    expect(all).toEqual(NAMES.map((n) => `Panel Summary:${n}`));
  });

  it("a name another sheet's table has already is not used twice (Excel would refuse it)", async () => {
    const { x, plan } = await herts();
    const mine = x.addSheet("My tables");
    x.cell(mine, 1, 1, "Mine");
    x.cell(mine, 2, 1, "kept");
    mine.tables.push({ id: "{table-mine}", name: "PanelSummaryThemes", top: 1, left: 1, bottom: 2, right: 1, showHeaders: true, showTotals: false, style: "TableStyleMedium2", showFilterButton: true, showBandedRows: true, showBandedColumns: false });
    await Excel.run((c) => writePanelSummary(c, plan));
    expect(mine.tables.map((t) => t.name)).toEqual(["PanelSummaryThemes"]);
    expect(x.sheet("Panel Summary")!.tables.map((t) => t.name)).toEqual(NAMES.map((n) => (n === "PanelSummaryThemes" ? "PanelSummaryThemes_2" : n)));
  });

  it("through the pane: an old summary whose mark the user deleted keeps its tables, and the new one takes other names", async () => {
    const { x } = await herts();
    const host = createExcelHost({ requirements: { isSetSupported: () => true }, now: () => WHEN.built, watch: false });
    const first = ok(await host.buildPanelSummary({ period: "November 2021", comparedWith: { kind: "none" } }));
    expect(first.sheet).toBe("Panel Summary");
    // The user deletes our mark (Formulas > Name Manager): the old sheet is no longer ours, and keeps its tables.
    x.namedItems.delete(SUMMARY_MARK.toUpperCase());
    x.resetCounters();
    const second = ok(await host.buildPanelSummary({ period: "December 2021", comparedWith: { kind: "none" } }));
    expect(second.sheet).toBe("Panel Summary (2)");
    const old = x.sheet("Panel Summary")!.tables.map((t) => t.name);
    const ours = x.sheet("Panel Summary (2)")!.tables.map((t) => t.name);
    expect(old).toContain("PanelSummaryThemes");
    expect(ours).toContain("PanelSummaryThemes_2");
    expect(ours.filter((n) => old.includes(n))).toEqual([]);
  });

  it("a theme table declared with one more status column is written whole: All statuses last, each column as wide as its key says, the chart beside it", async () => {
    const plan = layOutPanelSummary(withStatusColumn(panelSummaryContent(themesInput()), "Closed"));
    const x = ExcelDouble.fromGrids([THEMES_GRID]);
    uninstall = x.installMicrosoftClient();
    await Excel.run((c) => writePanelSummary(c, plan));
    const sheet = x.sheet("Panel Summary")!;
    const themes = sheet.tables.find((t) => t.name === "PanelSummaryThemes")!;
    expect(areaOf(themes)).toBe(plan.tables.find((t) => t.id === "themes")!.range);
    expect(themes.right).toBe(8);
    expect(sheet.values[themes.top - 1].slice(0, 8)).toEqual(["Theme", "Completed", "In progress", "On hold", "Not yet started", "Not set", "Closed", "All statuses"]);
    expect(sheet.values.map((r) => r.slice(0, 8))).toEqual(plan.rows.map((r) => r.map((v) => v ?? "")));
    plan.columnWidths.forEach((w, i) => expect(sheet.columnWidths.get(i + 1)).toBe(columnWidthPoints(w)));
    expect(x.chartsOn("Panel Summary")).toEqual([expect.objectContaining({ title: "Actions by theme and status" }), expect.objectContaining({ title: "RAG of the actions in progress" })]);
    expect(x.chartsOn("Panel Summary")[0]).toEqual(expect.objectContaining({ source: `'Panel Summary'!A${themes.top}:G${themes.top + 2}`, position: { from: `A${plan.rows.length + 2}`, to: `H${plan.rows.length + 20}` } }));
  });
});
