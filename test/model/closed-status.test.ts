/**
 * The fifth status, Closed: an action closed without being delivered ("Superseded", "Withdrawn",
 * "Not adopted", "No longer required"…). Counted apart from Completed, never overdue, never an
 * exception, and known to the Panel Summary, the paper, the colours, the drop-down lists and
 * ACTIONS.COUNT.
 */
import { analyseTracker, buildPanelPaper, buildPanelSummary, formattingPlan, readTracker, validationPlan } from "../../src/model";
import type { FoundReport } from "../../src/model";
import { paperText } from "../../src/paper";
import { publishTracker } from "../../src/shared/store";
import { evalCount } from "../../src/functions/evaluate";
import { clearTracker } from "../support/store";
import { grid } from "../support/factories";

const AS_OF = new Date(Date.UTC(2024, 5, 30));
const sheet = grid([
  ["Ref", "Recommendation", "Lead", "Status", "RAG", "Target date"],
  ["1", "Publish the victims' code audit", "PCC", "Completed", "Green", "March 2023"],
  ["2", "Review custody healthcare", "Chief Exec", "Superseded", "Red", "March 2023"],
  ["3", "Set up a scrutiny panel", "PCC", "Withdrawn", "Amber", "June 2023"],
  ["4", "Refresh the estates plan", "CFO", "Not adopted", null, "January 2024"],
  ["5", "Train call handlers", "ACC", "In progress", "Amber", "March 2024"],
  ["6", "Closed", "ACC", "No longer required", "Green", "2023"],
]);

function read(): FoundReport {
  const report = readTracker(sheet);
  if (!report.tracker) throw new Error("no tracker");
  return report as FoundReport;
}

afterEach(() => clearTracker());

describe("the status Closed", () => {
  it("reads the usual words for an action closed without being delivered, and counts them apart from Completed", () => {
    const report = read();
    expect(report.actions.map((a) => a.status)).toEqual(["Completed", "Closed", "Closed", "Closed", "In progress", "Closed"]);
    const { counts } = analyseTracker(report, { asOf: AS_OF, previous: null });
    expect(counts.status).toEqual({ Completed: 1, "In progress": 1, "On hold": 0, "Not yet started": 0, Closed: 4, "Not set": 0 });
  });

  it("is never overdue and never an exception, whatever its RAG", () => {
    const report = read();
    const analysis = analyseTracker(report, { asOf: AS_OF, previous: null });
    // Only action 5 (In progress, due March 2024) is overdue; 2, 3, 4 and 6 are Closed and past their dates.
    expect(analysis.issues.filter((i) => i.code === "overdue").map((i) => i.cell)).toEqual(["F6"]);
    const plan = buildPanelSummary({ report, counts: analysis.counts, options: { period: "June 2024", asOf: AS_OF, built: AS_OF } });
    // Action 2 is Red and Closed: not listed. Action 5 is Amber and overdue: listed.
    expect(plan.exceptions.map((e) => e.id)).toEqual(["5"]);
  });

  it("is named in the Panel Summary's sentence and tables, and in the paper, only when some action is Closed", () => {
    const report = read();
    const plan = buildPanelSummary({ report, options: { period: "June 2024", asOf: AS_OF, built: AS_OF } });
    expect(plan.text.sentence).toBe("Of the 6 actions, 1 is complete, 1 is in progress, 4 are closed without being delivered and none are on hold or not yet started.");
    expect(plan.tables.find((t) => t.id === "themes")!.columns.map((c) => c.header)).toEqual(["Theme", "Completed", "In progress", "On hold", "Not yet started", "Closed", "All statuses"]);
    const headline = plan.tables.find((t) => t.id === "headline")!;
    const top = Number(/\d+/.exec(headline.range)![0]);
    const headlineLabels = plan.rows.slice(top, top + headline.bodyRows).map((r) => r[0]);
    expect(headlineLabels).toEqual(["Completed", "In progress", "On hold", "Not yet started", "Closed", "All actions"]);
    const paper = paperText(buildPanelPaper({ report, options: { period: "June 2024", asOf: AS_OF, built: AS_OF } }));
    expect(paper).toContain("4 are closed without being delivered");
    expect(paper).toMatch(/Closed/);

    const open = readTracker(grid([["Ref", "Action", "Status"], ["1", "a", "Completed"], ["2", "b", "In progress"]])) as FoundReport;
    const none = buildPanelSummary({ report: open, options: { period: "June 2024", asOf: AS_OF, built: AS_OF } });
    expect(none.text.sentence).toBe("Of the 2 actions, 1 is complete, 1 is in progress and none are on hold or not yet started.");
    expect(none.tables.find((t) => t.id === "themes")!.columns.map((c) => c.header)).not.toContain("Closed");
  });

  it("has its own colour and a place in the status drop-down list", () => {
    const report = read();
    const rules = formattingPlan(report.tracker).rules.filter((r) => r.field === "status" && !r.id.endsWith(":lead"));
    expect(rules.map((r) => r.value)).toEqual(["Completed", "In progress", "On hold", "Not yet started", "Closed"]);
    const closed = rules.find((r) => r.value === "Closed")!;
    expect(closed.formula).toContain('"superseded"');
    expect(new Set(rules.map((r) => r.colours.fill)).size).toBe(5);
    const list = validationPlan(sheet, report.tracker, report.actions).rules.find((r) => r.field === "status")!;
    expect(list.words).toContain("Closed");
  });

  it('is counted by ACTIONS.COUNT("Closed"), and in any of its spellings', () => {
    const t = publishTracker(read(), null)!;
    expect(evalCount(t, "Closed")).toBe(4);
    expect(evalCount(t, "withdrawn")).toBe(4);
    expect(evalCount(t, "Completed")).toBe(1);
  });
});
