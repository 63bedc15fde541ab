/**
 * One meaning of each status and RAG (STATUS_MEANING, RAG_MEANING), read by the
 * direction of travel, the checks, the comparison of updates, the Panel
 * Summary and the messages: each rule is checked here against the meaning
 * of every status and RAG the vocabulary has, so that a new one is covered too.
 */
import {
  RAGS,
  RAG_MEANING,
  STATUSES,
  STATUS_MEANING,
  USUAL_RAGS,
  buildPanelSummary,
  checkActions,
  directionBetween,
  readTracker,
  stillOpen,
} from "../../src/model";
import type { Action, Rag, Status } from "../../src/model";
import { issueMessage } from "../../src/model/issues/messages";
import { grid } from "../support/factories";

const AS_OF = new Date(Date.UTC(2021, 10, 30));

function action(status: Status | null, rag: Rag | null, more: Partial<Action> = {}): Action {
  return {
    id: "A1",
    theme: "",
    action: "Do it",
    lead: "",
    status,
    rag,
    direction: null,
    update: "",
    timeframe: "",
    rows: [2],
    cells: { status: "D2", rag: "E2", update: "F2", timeframe: "G2" },
    ...more,
  } as Action;
}

const codes = (a: Action) => checkActions("Tracker", [a], { asOf: AS_OF }).map((i) => i.code);

describe("the meaning of each status and RAG", () => {
  it("ranks the direction of travel: by RAG where both periods have a ranked one, else by status", () => {
    for (const s of STATUSES) {
      for (const t of STATUSES) {
        const got = directionBetween({ id: "A1", status: s, rag: null }, { id: "A1", status: t, rag: null });
        const [a, b] = [STATUS_MEANING[s].rank, STATUS_MEANING[t].rank];
        expect([s, t, got.direction]).toEqual([s, t, b > a ? "improved" : b < a ? "deteriorated" : "unchanged"]);
      }
    }
    for (const r of RAGS) {
      for (const q of RAGS) {
        const got = directionBetween({ id: "A1", status: "In progress", rag: r }, { id: "A1", status: "Completed", rag: q });
        const [a, b] = [RAG_MEANING[r].rank, RAG_MEANING[q].rank];
        // An unranked RAG (White) leaves the status to decide: In progress → Completed.
        expect([r, q, got.basis]).toEqual([r, q, a !== null && b !== null ? "rag" : "status"]);
        if (a !== null && b !== null) expect(got.direction).toBe(b > a ? "improved" : b < a ? "deteriorated" : "unchanged");
        else expect(got.direction).toBe("improved");
      }
    }
  });

  it("checks: a finished action behind plan, and Green on one not started, are contradictions; a finished action is never overdue", () => {
    for (const s of STATUSES) {
      for (const r of RAGS) {
        const got = codes(action(s, r, { update: "Written", timeframe: "March 2021" }));
        expect([s, r, got.includes("completed-but-behind")]).toEqual([s, r, STATUS_MEANING[s].finished && RAG_MEANING[r].behind]);
        expect([s, r, got.includes("not-started-but-green")]).toEqual([s, r, !STATUS_MEANING[s].started && r === "Green"]);
        expect([s, r, got.includes("overdue")]).toEqual([s, r, !STATUS_MEANING[s].finished]);
      }
    }
    for (const r of RAGS) expect([r, codes(action("In progress", r)).includes("no-update")]).toEqual([r, RAG_MEANING[r].behind]);
    // The contradiction names the finished status it was found on.
    for (const s of STATUSES.filter((x) => STATUS_MEANING[x].finished)) {
      const [issue] = checkActions("Tracker", [action(s, "Red", { update: "Written" })], { asOf: AS_OF });
      expect(issue.message).toBe(`Action A1 is ${s} but its RAG is Red. Change the RAG to Green or Blue, or the status if the work is not finished.`);
    }
  });

  it("an action still needs a new update while it is being delivered or behind plan, and not once it is finished", () => {
    for (const s of [...STATUSES, null]) {
      for (const r of [...RAGS, null]) {
        const meaning = s === null ? null : STATUS_MEANING[s];
        const want = !meaning?.finished && (!!meaning?.delivering || (r !== null && RAG_MEANING[r].behind));
        expect([s, r, stillOpen({ status: s, rag: r })]).toEqual([s, r, want]);
      }
    }
  });

  it("the Panel Summary's RAG table counts the actions being delivered, and lists the usual RAGs always", () => {
    const rows = STATUSES.map((s, i) => [`A${i + 1}`, "Do it", s, "Amber", "Written"]);
    const report = readTracker(grid([["Ref", "Action", "Status", "RAG", "Update"], ...rows]));
    const plan = buildPanelSummary({ report, options: { asOf: AS_OF, built: AS_OF } });
    const rag = plan.tables.find((t) => t.id === "rag")!;
    const top = Number(/\d+/.exec(rag.range)![0]);
    const body = plan.rows.slice(top, top + rag.bodyRows).map((r) => r.slice(0, 2));
    expect(body.map((r) => r[0])).toEqual([...USUAL_RAGS, "All in progress"]);
    expect(body[body.length - 1][1]).toBe(STATUSES.filter((s) => STATUS_MEANING[s].delivering).length);
  });

  it("the theme table has a column for each usual status, and for any other only where actions have it", () => {
    const report = readTracker(grid([["Ref", "Theme", "Action", "Status"], ["A1", "Safer streets", "Do it", STATUSES[0]]]));
    const plan = buildPanelSummary({ report, options: { asOf: AS_OF, built: AS_OF } });
    const themes = plan.tables.find((t) => t.id === "themes")!;
    expect(themes.columns.map((c) => c.key)).toEqual(["theme", ...STATUSES.filter((s, i) => i === 0 || STATUS_MEANING[s].usual), "all"]);
  });

  it("the messages list every status and the usual RAGs, from the vocabulary", () => {
    const status = issueMessage("missing-value", { is: "status", id: "A1", where: "D2" });
    expect(status).toContain(`Type one of: ${STATUSES.join(", ")}.`);
    const rag = issueMessage("wrong-column", { is: "status-in-rag", cell: "E2", typed: "Done", status: "Completed" });
    expect(rag).toContain(`${USUAL_RAGS.slice(0, -1).join(", ")} or ${USUAL_RAGS[USUAL_RAGS.length - 1]} here`);
    const direction = issueMessage("unknown-value", { is: "cell", cell: "F2", typed: "Sideways", kind: "direction", suggestion: null, accepted: [] });
    expect(direction).toContain("Use one of: ↑ (improved), ↓ (deteriorated), ↔ (no change), new.");
  });
});
