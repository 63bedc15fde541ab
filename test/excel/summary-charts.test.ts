/**
 * The Panel Summary's three native charts in Excel (issue 27, scope 2), on Microsoft's client over
 * the wire host: status by theme (stacked bars), the RAG of the actions in progress (a column
 * per RAG) and progress over the periods kept (lines), made with worksheet.charts.add from the
 * summary's own tables as the plan declares them (the .xlsx writer draws the same plan), in the
 * round trips the summary took before it had charts; a second build replaces them.
 */
import { RAG_COLOURS, STATUS_COLOURS, buildHistory, buildPanelSummary, chooseTrackerSheet, compareWithPrevious, parseA1Range, periodActions, readTracker } from "../../src/model";
import type { SheetGrid, SummaryPlan } from "../../src/model";
import { readWorkbookGrids } from "../../src/xlsx";
import { summaryCharts } from "../../src/xlsx/charts";
import { writePanelSummary } from "../../src/excel/summary";
import { ExcelDouble } from "../double/excel-double";
import type { DoubleChartRecord } from "../double/excel-double";
import { HERTS, HERTS_JUNE, roundTrip } from "../support/factories";

jest.setTimeout(60_000);

let uninstall: () => void = () => undefined;
afterEach(() => uninstall());

const WHEN = { asOf: new Date(Date.UTC(2021, 11, 31)), built: new Date(Date.UTC(2022, 0, 3)) };

const ACTIONS = [
  { id: "A1", theme: "Officers", status: ["Not yet started", "In progress", "Completed"], rag: ["Red", "Amber", "Green"] },
  { id: "A2", theme: "Officers", status: ["In progress", "In progress", "Completed"], rag: ["Amber", "Green", "Green"] },
  { id: "A3", theme: "Victims", status: ["Not yet started", "Not yet started", "In progress"], rag: ["", "Red", "Amber"] },
  { id: "A4", theme: "Victims", status: ["On hold", "In progress", "In progress"], rag: ["Red", "Red", "Red"] },
  { id: "A5", theme: "Streets", status: ["In progress", "In progress", "In progress"], rag: ["Green", "Green", "Red"] },
];
const LABELS = ["June 2021", "September 2021", "December 2021"];

/** A tracker with a theme, a status and a RAG, read as of each of three periods. */
async function periodGrids(p: number): Promise<SheetGrid[]> {
  return roundTrip({ name: "Tracker", rows: [["Ref", "Action", "Theme", "Status", "RAG", "Update"], ...ACTIONS.map((a) => [a.id, `Action ${a.id}`, a.theme, a.status[p], a.rag[p], ""])] });
}

/** The summary of December 2021, compared with September, with the history of the last `periods` periods kept. */
async function trackerPlan(periods = 3): Promise<{ grids: SheetGrid[]; plan: SummaryPlan }> {
  const all = await Promise.all([0, 1, 2].map(periodGrids));
  const reports = all.map((g) => {
    const t = chooseTrackerSheet(g);
    if (!t.ok) throw new Error(t.message);
    return readTracker(t.grid);
  });
  const report = reports[2];
  const history = buildHistory(reports.map((r, i) => ({ label: LABELS[i], actions: periodActions(r.actions) })).slice(3 - periods)).entries;
  const before = reports[1].actions;
  const previous = { label: LABELS[1], actions: before, comparison: compareWithPrevious(report.actions, before) };
  return { grids: all[2], plan: buildPanelSummary({ report, previous, history, options: { period: LABELS[2], ...WHEN } }) };
}

function install(grids: SheetGrid[]) {
  const x = ExcelDouble.fromGrids(grids);
  uninstall = x.installMicrosoftClient();
  return x;
}

/** The cells of a one-column range on a sheet of the double: what a series draws. */
function cells(x: ExcelDouble, sheet: string, range: string): unknown[] {
  const r = parseA1Range(range)!;
  const values = x.sheet(sheet)!.values;
  return Array.from({ length: r.bottom - r.top + 1 }, (_, i) => values[r.top - 1 + i][r.left - 1]);
}

describe("the Panel Summary's charts in Excel", () => {
  it("draws the three charts from the summary's own tables, in the same two round trips", async () => {
    const { grids, plan } = await trackerPlan();
    expect(plan.charts.map((c) => c.id)).toEqual(["themes", "rag", "history"]);
    const x = install(grids);
    x.resetCounters();
    const result = await Excel.run((c) => writePanelSummary(c, plan));
    // Two round trips, as before the summary had any chart: the charts ride with the last.
    expect(result.syncs).toBe(2);
    expect(x.wire.commandSyncs).toHaveLength(2);

    const charts = x.chartsOn("Panel Summary");
    expect(charts.map((c) => [c.type, c.seriesBy, c.title])).toEqual([
      ["BarStacked", "Columns", "Actions by theme and status"],
      ["ColumnClustered", "Columns", "RAG of the actions in progress"],
      ["LineMarkers", "Columns", "Progress over time: actions by status in each period kept, oldest first"],
    ]);
    const lastRow = plan.rows.length;
    const lastColumn = plan.columnWidths.length;
    charts.forEach((chart, i) => {
      const want = plan.charts[i];
      // From the summary's own cells: the series Excel makes of the source are the plan's, named by their headers, and the cells hold the plan's figures.
      expect(chart.source).toBe(`'Panel Summary'!${want.source}`);
      expect(chart.series.map((s) => s.name)).toEqual(want.series.map((s) => s.name));
      for (const s of want.series) expect(cells(x, "Panel Summary", s.values)).toEqual(s.numbers);
      expect(cells(x, "Panel Summary", want.categories.range)).toEqual(want.categories.texts);
      // Below the tables and no wider than them (the sheet still prints one page wide), one under another.
      const from = parseA1Range(chart.position!.from)!;
      const to = parseA1Range(chart.position!.to)!;
      expect(from.top).toBeGreaterThan(lastRow);
      expect(from.left).toBe(1);
      expect(to.right).toBe(lastColumn);
      if (i > 0) expect(from.top).toBeGreaterThan(parseA1Range(charts[i - 1].position!.to)!.bottom);
      expect(chart.valueAxisTitle).toBe("Actions");
    });

    const [themes, rag, history] = charts;
    // Status by theme: each status in its own colours, its count on its bar (zeros left out), bars top to bottom in the table's order.
    expect(themes.series.map((s) => [s.name, s.fill, s.lineColor, s.hasDataLabels, s.labels])).toEqual(
      themes.series.map((s) => {
        const c = s.name in STATUS_COLOURS ? STATUS_COLOURS[s.name as keyof typeof STATUS_COLOURS] : { fill: "#FFFFFF", font: "#404040" };
        return [s.name, c.fill, c.font, true, { showValue: true, numberFormat: "0;-0;;", color: c.font, bold: true }];
      }),
    );
    // Each series its own outline pattern too: colour is never alone.
    expect(new Set(themes.series.map((s) => s.lineStyle)).size).toBe(themes.series.length);
    expect(themes).toMatchObject({ categoriesReversed: true, valueAxisCrosses: "Maximum" });
    expect(history).toMatchObject({ categoriesReversed: false, valueAxisCrosses: null });
    expect(themes.legend).toEqual({ visible: true, position: "Bottom" });
    // The RAG in progress: one series, a bar per RAG in the RAG's colour, each with its count; no legend (the axis names each bar).
    expect(rag.series).toHaveLength(1);
    const ragNames = plan.charts[1].categories.texts;
    expect(rag.series[0].pointFills).toEqual(ragNames.map((n) => (n in RAG_COLOURS ? RAG_COLOURS[n as keyof typeof RAG_COLOURS].fill : "#FFFFFF")));
    expect(rag.series[0].pointFills).toContain("#C00000");
    expect(rag.series[0].labels).toMatchObject({ showValue: true, numberFormat: null });
    expect(rag.legend.visible).toBe(false);
    // Progress over the periods: the three periods oldest first, a line per status, each its own dash and marker.
    expect(cells(x, "Panel Summary", plan.charts[2].categories.range)).toEqual(LABELS);
    expect(history.series.map((s) => s.name)).toEqual(["Completed", "In progress", "On hold", "Not yet started"].filter((n) => history.series.some((s) => s.name === n)));
    expect(new Set(history.series.map((s) => s.markerStyle)).size).toBe(history.series.length);
    expect(new Set(history.series.map((s) => s.lineStyle)).size).toBe(history.series.length);
    expect(history.series.find((s) => s.name === "Completed")).toMatchObject({ lineColor: STATUS_COLOURS.Completed.font, markerStyle: "Circle", fill: null });
  });

  it("a second build replaces the charts with its own: three, never six", async () => {
    const { grids, plan } = await trackerPlan();
    const x = install(grids);
    await Excel.run((c) => writePanelSummary(c, plan));
    x.resetCounters();
    const again = (await trackerPlan()).plan;
    const result = await Excel.run((c) => writePanelSummary(c, again));
    expect(result).toMatchObject({ replaced: "Panel Summary", syncs: 2 });
    expect(x.wire.commandSyncs).toHaveLength(2);
    const live = x.charts.filter((c: DoubleChartRecord) => x.sheets.includes(c.sheet));
    expect(live).toHaveLength(3);
    expect(live.every((c) => c.sheet.name === "Panel Summary")).toBe(true);
  });

  it("only what there is to draw: no trend for one period, no RAG chart without a RAG, the same charts as the .xlsx", async () => {
    const one = await trackerPlan(1);
    expect(one.plan.charts.map((c) => c.id)).toEqual(["themes", "rag"]);
    // Hertfordshire has no RAG column: status by theme and its trend.
    const herts = chooseTrackerSheet(await readWorkbookGrids(HERTS));
    const june = chooseTrackerSheet(await readWorkbookGrids(HERTS_JUNE));
    if (!herts.ok || !june.ok) throw new Error("no tracker");
    const hertsReport = readTracker(herts.grid);
    const kept = buildHistory([
      { label: "June 2021", actions: periodActions(readTracker(june.grid).actions) },
      { label: "November 2021", actions: periodActions(hertsReport.actions) },
    ]).entries;
    expect(buildPanelSummary({ report: hertsReport, history: kept, options: { period: "November 2021", ...WHEN } }).charts.map((c) => c.id)).toEqual(["themes", "history"]);
    const grids = await roundTrip({
      rows: [
        ["Ref", "Action", "Theme", "Status"],
        ["A1", "Open the hub", "Victims", "Completed"],
        ["A2", "Train the handlers", "Victims", "In progress"],
        ["A3", "Recruit", "Officers", "Not yet started"],
      ],
    });
    const now = chooseTrackerSheet(grids);
    if (!now.ok) throw new Error(now.message);
    const plan = buildPanelSummary({ report: readTracker(now.grid), options: { period: "November 2021", ...WHEN } });
    expect(plan.charts.map((c) => c.id)).toEqual(["themes"]);
    const x = install(grids);
    await Excel.run((c) => writePanelSummary(c, plan));
    expect(x.chartsOn("Panel Summary").map((c) => c.series.map((s) => s.name))).toEqual([plan.charts[0].series.map((s) => s.name)]);
    // The CLI's .xlsx draws the same plan: the same charts, from the same cells.
    const full = (await trackerPlan()).plan;
    const drawn = summaryCharts(full, "Panel Summary");
    expect(drawn.map((c) => [c.kind, c.title, c.series.map((s) => s.name.text)])).toEqual(full.charts.map((c) => [c.kind, c.title, c.series.map((s) => s.name)]));
    expect(drawn[0].categories.ref).toBe(`'Panel Summary'!$A$${parseA1Range(full.charts[0].categories.range)!.top}:$A$${parseA1Range(full.charts[0].categories.range)!.bottom}`);
  });
});
