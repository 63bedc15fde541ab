/**
 * The five-point RAG scale (Red, Amber/Red, Amber, Amber/Green, Green): where a
 * tracker uses it, its in-between points are RAGs of their own in the counts,
 * the Panel Summary, the paper, the colours, the drop-down lists and
 * ACTIONS.COUNT; a tracker on Red, Amber and Green reads as it always did.
 */
import { analyseTracker, buildPanelPaper, buildPanelSummary, formattingPlan, readTracker, requestPlan, validationPlan } from "../../src/model";
import type { FoundReport } from "../../src/model";
import { paperText } from "../../src/paper";
import { publishTracker } from "../../src/shared/store";
import { evalCount } from "../../src/functions/evaluate";
import { clearTracker } from "../support/store";
import { grid } from "../support/factories";

const AS_OF = new Date(Date.UTC(2024, 5, 30));
const OPTIONS = { period: "June 2024", asOf: AS_OF, built: AS_OF };

/** A tracker with a RAG and no status, on the five-point scale, written as trackers write it. */
const ragOnly = grid([
  ["Ref", "Action", "Lead", "Theme", "RAG"],
  ["1", "Recruit 100 more officers", "ACC", "People", "Green"],
  ["2", "Open the new custody suite", "CFO", "Estates", "Amber/Green"],
  ["3", "Refresh the victims' strategy", "OPCC", "Victims", "Green/Amber"],
  ["4", "Launch the rural crime survey", "OPCC", "Victims", "Amber"],
  ["5", "Replace the command and control system", "CIO", "Estates", "Red/Amber"],
  ["6", "Close the old custody suite", "CFO", "Estates", "Red"],
]);

/** The same with a status column: the RAG table counts the actions in progress. */
const withStatus = grid([
  ["Ref", "Action", "Status", "RAG"],
  ["1", "a", "In progress", "Amber/Green"],
  ["2", "b", "In progress", "Amber/Red"],
  ["3", "c", "In progress", "Amber/Green"],
  ["4", "d", "Completed", "Green"],
]);

function read(g = ragOnly): FoundReport {
  const report = readTracker(g);
  if (!report.tracker) throw new Error("no tracker");
  return report as FoundReport;
}

afterEach(() => clearTracker());

describe("the five-point RAG scale", () => {
  it("is counted by its own points, in the scale's order", () => {
    const report = read();
    expect(report.tracker.ragScale).toBe("five-point");
    const { counts } = analyseTracker(report, { asOf: AS_OF, previous: null });
    expect(counts.rag).toEqual({ Red: 1, "Amber/Red": 1, Amber: 1, "Amber/Green": 2, Green: 1, Blue: 0, White: 0, "Not set": 0 });
    // A theme's count holds the points its actions have, in the scale's order.
    expect(Object.keys(counts.byTheme.Estates.rag)).toEqual(["Red", "Amber/Red", "Amber", "Amber/Green", "Green", "Blue", "White", "Not set"]);
    expect(Object.keys(counts.byTheme.People.rag)).toEqual(["Red", "Amber", "Green", "Blue", "White", "Not set"]);
    expect(counts.byTheme.Estates.rag).toMatchObject({ Red: 1, "Amber/Red": 1, "Amber/Green": 1, Amber: 0, Green: 0 });
  });

  it("gives each point a column of the Panel Summary and a line of its sentence, coloured between its neighbours", () => {
    const plan = buildPanelSummary({ report: read(), options: OPTIONS });
    const themes = plan.tables.find((t) => t.id === "themes")!;
    expect(themes.columns.map((c) => c.header)).toEqual(["Theme", "Red", "Amber/Red", "Amber", "Amber/Green", "Green", "All actions"]);
    expect(plan.text.sentence).toBe("Of the 6 actions, 1 is Red, 1 is Amber/Red, 1 is Amber, 2 are Amber/Green and 1 is Green.");
    const headline = plan.tables.find((t) => t.id === "headline")!;
    const top = Number(/\d+/.exec(headline.range)![0]);
    expect(plan.rows.slice(top, top + headline.bodyRows).map((r) => r[0])).toEqual(["Red", "Amber/Red", "Amber", "Amber/Green", "Green", "All actions"]);

    const inProgress = buildPanelSummary({ report: read(withStatus), options: OPTIONS });
    const rag = inProgress.tables.find((t) => t.id === "rag")!;
    const first = Number(/\d+/.exec(rag.range)![0]);
    const body = inProgress.rows.slice(first, first + rag.bodyRows);
    expect(body.map((r) => [r[0], r[1]])).toEqual([
      ["Red", 0],
      ["Amber/Red", 1],
      ["Amber", 0],
      ["Amber/Green", 2],
      ["Green", 0],
      ["All in progress", 3],
    ]);
    // Each RAG's cell is filled with its colour, the word kept: the points between their neighbours.
    const fillAt = (row: number) => inProgress.formats.find((f) => f.range === `A${row}`)?.fill ?? null;
    expect(body.slice(0, 5).map((_, i) => fillAt(first + 1 + i))).toEqual(["#C00000", "#ED7D31", "#FFC000", "#92D050", "#00B050"]);
  });

  it("is in the paper's words and tables", () => {
    const paper = paperText(buildPanelPaper({ report: read(), options: OPTIONS }));
    expect(paper).toContain("Amber/Green");
    expect(paper).toContain("Amber/Red");
    expect(paper).toContain("Of the 6 actions, 1 is Red, 1 is Amber/Red, 1 is Amber, 2 are Amber/Green and 1 is Green.");
    expect(paper).toContain("Theme\tRed\tAmber/Red\tAmber\tAmber/Green\tGreen\tAll actions");
  });

  it("is coloured and listed where the tracker uses it", () => {
    const report = read();
    expect(formattingPlan(report.tracker).rules.map((r) => r.value)).toEqual(["Amber/Red", "Amber/Green", "Red", "Amber", "Green", "Blue", "White"]);
    expect(validationPlan(ragOnly, report.tracker, report.actions).rules[0].words).toEqual(["Red", "Amber/Red", "Amber", "Amber/Green", "Green"]);
    // The quarter's return workbooks offer the same RAGs.
    const asked = requestPlan({ tracker: report.tracker, actions: report.actions, grid: ragOnly, file: "tracker.xlsx", by: "lead", period: "Q1", due: null, sent: "2024-06-30" });
    expect(asked.lists.rag).toEqual(["Red", "Amber/Red", "Amber", "Amber/Green", "Green"]);
  });

  it('is counted by ACTIONS.COUNT("Amber/Green"), in any of its spellings', () => {
    const t = publishTracker(read(), null)!;
    expect(evalCount(t, "Amber/Green")).toBe(2);
    expect(evalCount(t, "green/amber")).toBe(2);
    expect(evalCount(t, "Amber/Red")).toBe(1);
    expect(evalCount(t, "Amber")).toBe(1);
  });

  it("leaves a tracker on Red, Amber and Green as it was: no point in its counts, columns, rules or list", () => {
    const plain = read(grid([["Ref", "Action", "RAG"], ["1", "a", "Red"], ["2", "b", "Amber"], ["3", "c", "Green"]]));
    expect(plain.tracker.ragScale).toBeUndefined();
    expect(analyseTracker(plain, { asOf: AS_OF, previous: null }).counts.rag).toEqual({ Red: 1, Amber: 1, Green: 1, Blue: 0, White: 0, "Not set": 0 });
    const plan = buildPanelSummary({ report: plain, options: OPTIONS });
    expect(plan.tables.find((t) => t.id === "themes")!.columns.map((c) => c.header)).toEqual(["Theme", "Red", "Amber", "Green", "All actions"]);
    expect(formattingPlan(plain.tracker).rules.map((r) => r.value)).toEqual(["Red", "Amber", "Green", "Blue", "White"]);
  });

  it("reads no RAG from two colours that are no point of the scale, and says so on the cell", () => {
    const report = read(grid([
      ["Ref", "Action", "Status", "RAG"],
      ["1", "a", "In progress", "Amber/Green"],
      ["2", "b", "In progress", "Red/Green"],
      ["3", "c", "In progress", "Amber/Red"],
      ["4", "d", "In progress", "Green (was Amber)"],
    ]));
    const [a1, a2, a3, a4] = report.actions;
    expect([a1.rag, a2.rag, a3.rag, a4.rag]).toEqual(["Amber/Green", null, "Amber/Red", "Green"]);
    const issue = report.issues.find((i) => i.cell === "D3");
    expect(issue).toMatchObject({ severity: "error", code: "unknown-value" });
    expect(issue!.message).toContain("Red/Green");
  });
});
