/** The terminal's summary: its columns by status and its direction lines come from the vocabulary, none dropped. */
import { DIRECTIONS, DIRECTION_WORDS, STATUSES, STATUS_MEANING, compareWithPrevious, countActions, readTracker } from "../../src/model";
import { formatSummary } from "../../src/cli/output";
import { grid } from "../support/factories";

const report = readTracker(
  grid([
    ["Ref", "Theme", "Action", "Status", "RAG"],
    ["1", "Safer streets", "Light the underpass", "In progress", "Red"],
    ["2", "Safer streets", "Patrol the park", "Completed", "Green"],
    ["3", "Victims first", "Open the hub", "", "Amber"],
  ]),
);
const counts = countActions(report.actions);
/** The statuses always given a column (the others only where actions have them). */
const USUAL = STATUSES.filter((s) => STATUS_MEANING[s].usual);
const byTheme = (text: string) => text.split("\n").slice(text.split("\n").indexOf("By theme") + 1, text.split("\n").indexOf("By theme") + 4);

describe("the terminal's summary", () => {
  it("has a column for every usual status, and for actions with none when there are some", () => {
    const [head, streets, victims] = byTheme(formatSummary(report, counts));
    expect(head.trim().split(/\s{2,}/)).toEqual(["Theme", "Actions", ...USUAL, "Not set"]);
    expect(streets.trim().split(/\s{2,}/)).toEqual(["Safer streets", "2", ...USUAL.map((s) => String(counts.byTheme["Safer streets"].status[s])), "0"]);
    expect(victims.trim().split(/\s{2,}/)).toEqual(["Victims first", "1", ...USUAL.map(() => "0"), "1"]);
    const complete = readTracker(grid([["Ref", "Theme", "Action", "Status"], ["1", "Safer streets", "Light the underpass", "Completed"]]));
    expect(byTheme(formatSummary(complete, countActions(complete.actions)))[0].trim().split(/\s{2,}/)).toEqual(["Theme", "Actions", ...USUAL]);
  });

  it("counts a tracker with a RAG and no status by theme and RAG, not by statuses all 'Not set'", () => {
    const ragOnly = readTracker(
      grid([
        ["Ref", "Theme", "Action", "RAG"],
        ["1", "Safer streets", "Light the underpass", "Red"],
        ["2", "Safer streets", "Patrol the park", "Green"],
        ["3", "Victims first", "Open the hub", ""],
      ]),
    );
    const [head, streets, victims] = byTheme(formatSummary(ragOnly, countActions(ragOnly.actions)));
    expect(head.trim().split(/\s{2,}/)).toEqual(["Theme", "Actions", "Red", "Amber", "Green", "No RAG rating"]);
    expect(streets.trim().split(/\s{2,}/)).toEqual(["Safer streets", "2", "1", "0", "1", "0"]);
    expect(victims.trim().split(/\s{2,}/)).toEqual(["Victims first", "1", "0", "0", "0", "1"]);
  });

  it("says every direction of travel since the previous period", () => {
    const before = [{ id: "1", status: "Not yet started" as const, rag: null }];
    const comparison = compareWithPrevious(report.actions, before);
    const text = formatSummary(report, counts, report.issues, { label: "June", counts: countActions(before), comparison });
    const lines = text.split("\n");
    const at = lines.indexOf("Direction of travel since June");
    expect(lines.slice(at + 1, at + 2 + DIRECTIONS.length).map((l) => l.trim().split(/\s{2,}/))).toEqual([
      ...DIRECTIONS.map((d) => [DIRECTION_WORDS[d], String(comparison.counts[d])]),
      ["no longer in the plan", "0"],
    ]);
  });
});
