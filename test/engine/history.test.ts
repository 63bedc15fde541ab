/**
 * The pane's Panel Summary and paper on a sheet that keeps three periods side by side
 * (issue 27): the engine reads each period from its own columns, so the summary has the
 * history table (PanelSummaryHistory) and the paper its section, as the CLI's do.
 */
import { inlineEngine } from "../../src/engine/engine";
import { LATEST, parseA1Range } from "../../src/model";
import type { SummaryPlan } from "../../src/model";
import { isHostError } from "../../src/shared/host";
import { grid } from "../support/factories";

const PERIODS = ["June 2021", "September 2021", "December 2021"];
const SHEET = grid([
  ["Ref", "Action", "Theme", ...PERIODS.map((p) => `Status ${p}`), "Update"],
  ["A1", "Recruit officers", "Officers", "Not yet started", "In progress", "Completed", "Done"],
  ["A2", "Open a station", "Officers", "In progress", "In progress", "Completed", "Open"],
  ["A3", "Fund victims' services", "Victims", "Not yet started", "Not yet started", "In progress", "Bid"],
  ["A4", "Reduce burglary", "Victims", "On hold", "In progress", "In progress", "Paused"],
]);

/** A table's body, as the plan's rows hold it. */
function tableRows(plan: SummaryPlan, id: string): unknown[][] {
  const t = plan.tables.find((x) => x.id === id)!;
  const area = parseA1Range(t.range)!;
  return plan.rows.slice(area.top - 1, area.bottom).map((r) => r.slice(area.left - 1, area.right));
}

it("the summary plan has the history of the sheet's three periods, oldest first; the paper its section", async () => {
  const engine = inlineEngine();
  expect(await engine.read({ key: "pane", grid: SHEET })).toMatchObject({ ok: true, actions: 4 });
  await engine.comparePeriods({ key: "pane", periods: { period: "December 2021", comparedWith: LATEST, snapshots: [], loaded: null } });
  const plan = await engine.summaryPlan({ key: "pane", now: "2021-12-31T00:00:00.000Z" });
  if (isHostError(plan)) throw new Error(plan.message);
  const rows = tableRows(plan, "history");
  expect(rows[0]).toEqual(["Period", "Completed", "In progress", "On hold", "Not yet started", "All actions", "Share complete"]);
  expect(rows.slice(1)).toEqual([
    ["June 2021", 0, 1, 1, 2, 4, "0%"],
    ["September 2021", 0, 3, 0, 1, 4, "0%"],
    ["December 2021", 2, 2, 0, 0, 4, "50%"],
  ]);
  const paper = await engine.paperPlan({ key: "pane", now: "2021-12-31T00:00:00.000Z" });
  if (isHostError(paper)) throw new Error(paper.message);
  expect(paper.sections.map((s) => s.heading)).toContain("5. Progress over time");
});
