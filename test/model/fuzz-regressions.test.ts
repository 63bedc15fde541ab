/** Bugs the property tests (test/fuzz) found, each pinned by a plain example. */
import { MAX_CELL_TEXT, buildPanelSummary, countActions, compareWithPrevious, contradictions, ragLabelWrites, readTracker } from "../../src/model";
import { grid } from "../support/factories";

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe("found by the property tests", () => {
  it("a typed arrow is not 'contradicted' when neither period has a status or RAG to compare (no 'went from null to null')", () => {
    const r = readTracker(grid([["Ref", "Action", "Status", "Direction of travel"], ["A1", "Support victims", null, "↓"]]));
    const c = compareWithPrevious(r.actions, [{ id: "A1", status: null, rag: null }]);
    expect(contradictions("Tracker", r.actions, c, "June 2021")).toEqual([]);
  });

  it("nor when the periods hold different things (a RAG then, a status now): the comparison has nothing to go on", () => {
    const r = readTracker(grid([["Ref", "Status", "Direction of travel"], ["A1", "In progress", "↑"]]));
    const c = compareWithPrevious(r.actions, [{ id: "A1", status: null, rag: "White" }]);
    expect(contradictions("Tracker", r.actions, c, "June 2021")).toEqual([]);
    // A real comparison still reports a contradicting arrow.
    const d = compareWithPrevious(r.actions, [{ id: "A1", status: "Completed", rag: null }]);
    expect(contradictions("Tracker", r.actions, d, "June 2021")).toEqual([
      expect.objectContaining({ code: "direction-contradicts", cell: "C2", message: expect.stringContaining("its status went from Completed to In progress") }),
    ]);
  });

  it("a summary cell cut to 32,767 characters never ends in half an emoji", () => {
    // One cell of Excel's longest text, then a sub-row: the joined update is cut, right after a high surrogate.
    const update = `a${"👮".repeat((MAX_CELL_TEXT - 1) / 2)}`;
    expect(update.length).toBe(MAX_CELL_TEXT);
    const report = readTracker(grid([["Ref", "Action", "RAG", "Update"], ["A1", "Support victims", "Red", update], [null, null, null, "more"]]));
    expect(report.actions[0].update.length).toBeGreaterThan(MAX_CELL_TEXT);
    const plan = buildPanelSummary({ report, options: { asOf: new Date("2021-11-30"), built: new Date("2021-12-01"), period: "👮".repeat(20000) } });
    const texts = plan.rows.flat().filter((v): v is string => typeof v === "string");
    const cut = texts.filter((t) => t.endsWith("(cut: the full text is in the tracker)"));
    expect(cut.length).toBeGreaterThanOrEqual(2); // the update, and the period in the caption
    for (const t of texts) {
      expect(t.length).toBeLessThanOrEqual(MAX_CELL_TEXT);
      expect(loneSurrogate.test(t)).toBe(false);
    }
  });

  it("the RAG word is not written into a cell it would push past 32,767 characters", () => {
    // A RAG-and-direction cell full of arrows, its RAG only in the fill: "Red " + the text would not fit.
    const arrows = "↑ ".repeat(MAX_CELL_TEXT / 2).slice(0, MAX_CELL_TEXT);
    const g = grid([["Ref", "RAG / Direction of travel"], ["A1", arrows], ["A2", "↑"]], { fills: [[null, null], [null, "FF0000"], [null, "FF0000"]] });
    const r = readTracker(g);
    expect(r.actions.map((a) => [a.rag, a.ragSource])).toEqual([["Red", "fill"], ["Red", "fill"]]);
    expect(ragLabelWrites(g, r.actions)).toEqual([{ cell: "B3", text: "Red ↑" }]);
  });
});

describe("themes and leads named like an object's own members (found by the property test, seed -1828211306)", () => {
  it("counts a theme called valueOf and a lead called constructor like any other", () => {
    const report = readTracker(grid([["Ref", "Theme", "Action", "Lead", "Status"], ["1", "valueOf", "Do", "constructor", "Completed"], ["2", "toString", "Do more", "__proto__", "In progress"]]));
    const counts = countActions(report.actions);
    expect(counts.byTheme["valueOf"]).toEqual({
      actions: 1,
      status: { Completed: 1, "In progress": 0, "On hold": 0, "Not yet started": 0, Closed: 0, "Not set": 0 },
      rag: { Red: 0, Amber: 0, Green: 0, Blue: 0, White: 0, "Not set": 1 },
    });
    expect(counts.byTheme["toString"].actions).toBe(1);
    expect(counts.byLead["constructor"]).toBe(1);
    expect(counts.byLead["__proto__"]).toBe(1);
    expect(JSON.stringify(counts.byLead)).toBe('{"constructor":1,"__proto__":1}');
  });
});
