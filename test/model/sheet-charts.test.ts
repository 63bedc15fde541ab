/**
 * The Panel Summary's charts as the plan declares them (summarySheetCharts): for a tracker with
 * only a RAG, the bars by theme and the lines over the periods are by RAG, in the RAG colours;
 * every series points at cells of the plan holding its figures; the charts sit one under another
 * below the tables, as wide as them.
 */
import { RAG_COLOURS, buildHistory, buildPanelSummary, parseA1Range, periodActions, readTracker } from "../../src/model";
import type { SummaryPlan } from "../../src/model";
import { grid } from "../support/factories";

const WHEN = { asOf: new Date(Date.UTC(2021, 11, 31)), built: new Date(Date.UTC(2022, 0, 3)) };

function ragOnly(rags: string[]) {
  return readTracker(
    grid([
      ["Ref", "Action", "Theme", "RAG", "Update"],
      ["A1", "Open the hub", "Victims", rags[0], ""],
      ["A2", "Train the handlers", "Victims", rags[1], ""],
      ["A3", "Recruit", "Officers", rags[2], ""],
      ["A4", "Patrol", "Officers", rags[3], ""],
    ]),
  );
}

/** The cells of a one-column range of the plan. */
function cells(plan: SummaryPlan, range: string) {
  const r = parseA1Range(range)!;
  return Array.from({ length: r.bottom - r.top + 1 }, (_, i) => plan.rows[r.top - 1 + i][r.left - 1]);
}

it("a tracker with only a RAG: bars by theme and lines over the periods by RAG, in the RAG's colours", () => {
  const before = ragOnly(["Red", "Red", "Amber", "Green"]);
  const now = ragOnly(["Amber", "Green", "Green", "Green"]);
  const history = buildHistory([
    { label: "June 2021", actions: periodActions(before.actions) },
    { label: "December 2021", actions: periodActions(now.actions) },
  ]).entries;
  const plan = buildPanelSummary({ report: now, history, options: { period: "December 2021", ...WHEN } });
  expect(plan.charts.map((c) => [c.id, c.kind, c.labels])).toEqual([
    ["themes", "stacked-bars", "non-zero"],
    ["history", "lines", "none"],
  ]);
  const [themes, trend] = plan.charts;
  expect(themes.title).toBe("Actions by theme and RAG");
  expect(trend.categories.texts).toEqual(["June 2021", "December 2021"]);
  const red = trend.series.find((s) => s.name === "Red")!;
  expect(red).toMatchObject({ line: RAG_COLOURS.Red.fill, numbers: [2, 0] });
  expect(trend.series.find((s) => s.name === "Green")!.numbers).toEqual([1, 3]);
  // A RAG's bar is outlined in black, its count in its own text colour.
  expect(themes.series.find((s) => s.name === "Red")).toMatchObject({ fill: RAG_COLOURS.Red.fill, line: "#000000", label: RAG_COLOURS.Red.font });
  for (const c of plan.charts) {
    // Every series is a column of the source, next to the categories, holding its figures and named by its header.
    const source = parseA1Range(c.source)!;
    expect(source.right - source.left).toBe(c.series.length);
    expect(cells(plan, c.categories.range)).toEqual(c.categories.texts);
    c.series.forEach((s, i) => {
      expect(parseA1Range(s.values)!.left).toBe(source.left + 1 + i);
      expect(cells(plan, s.values)).toEqual(s.numbers);
      expect(cells(plan, s.nameCell)).toEqual([s.name]);
    });
    // Distinct patterns: colour is never alone.
    expect(new Set(c.series.map((s) => s.dash)).size).toBe(c.series.length);
  }
  expect(new Set(trend.series.map((s) => s.marker)).size).toBe(trend.series.length);
  // Below the tables, one under another, as wide as the tables.
  expect(parseA1Range(themes.from)!.top).toBeGreaterThan(plan.rows.length);
  expect(parseA1Range(trend.from)!.top).toBeGreaterThan(parseA1Range(themes.to)!.bottom);
  for (const c of plan.charts) expect(parseA1Range(c.to)!.right).toBe(plan.columnWidths.length);
});
