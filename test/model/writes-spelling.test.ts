import { countActions, readTracker, spellingWrites } from "../../src/model";
import { grid, merge } from "../support/factories";

function fixes(rows: Parameters<typeof grid>[0], extra: Parameters<typeof grid>[1] = {}) {
  const g = grid(rows, extra);
  const r = readTracker(g);
  if (!r.tracker) throw new Error("no tracker");
  return { writes: spellingWrites(g, r.tracker, r.actions), report: r };
}

describe("spelling fixes", () => {
  it("gives each status and RAG its usual word, from another spelling or a near miss", () => {
    const { writes } = fixes([
      ["Ref", "Action", "Status", "RAG"],
      ["1", "Engage communities", "Complete", "Yellow"],
      ["2", "Widen meetings", "on-going", "G"],
      ["3", "Save money", "In progres", "Greeen"],
      ["4", "Recruit", "In progress", "Green"],
      ["5", "Train", "completed", "red"],
      ["6", "Review", "Completed ", " Amber"],
    ]);
    expect(writes).toEqual([
      { cell: "C2", text: "Completed" },
      { cell: "D2", text: "Amber" },
      { cell: "C3", text: "In progress" },
      { cell: "D3", text: "Green" },
      { cell: "C4", text: "In progress" },
      { cell: "D4", text: "Green" },
      // "completed" and "red" are the usual words in another case: left alone. Stray spaces go.
      { cell: "C7", text: "Completed" },
      { cell: "D7", text: "Amber" },
    ]);
  });

  it("after the fixes the counts are the same and no spelling issue is left", () => {
    const rows = [
      ["Ref", "Action", "Status", "RAG"],
      ["1", "Engage communities", "Complete", "Yellow"],
      ["2", "Widen meetings", "on-going", "G"],
      ["3", "Save money", "In progres", "Red"],
    ];
    const before = fixes(rows);
    const fixed = rows.map((r) => [...r]);
    for (const w of before.writes) {
      const row = Number(w.cell.slice(1)) - 1;
      fixed[row]["ABCD".indexOf(w.cell[0])] = w.text;
    }
    const after = fixes(fixed);
    expect(after.writes).toEqual([]);
    expect(after.report.issues.filter((i) => i.code === "non-canonical" || i.code === "unknown-value")).toEqual([]);
    // "In progres" was not counted before (unknown); now it is.
    expect(countActions(after.report.actions).status["In progress"]).toBe(2);
    expect(countActions(before.report.actions).status["In progress"]).toBe(1);
  });

  it("never turns another word into a status or RAG: only near misses of the usual word, with its first letter", () => {
    const { writes } = fixes([
      ["Ref", "Action", "Status", "RAG"],
      ["1", "a", "Due", "TBD"],
      ["2", "b", "None", "RAG"],
      ["3", "c", "Gone", "Yes"],
      ["4", "d", "Nil", "Met"],
      ["5", "e", "Gold", "Rated"],
      ["6", "f", "Not yet strated", "RA"],
      ["7", "g", "On hlod", "BAU"],
      ["8", "h", "Completd", "Agreed"],
      ["9", "i", "Planed", "Gren"],
    ]);
    expect(writes).toEqual([
      { cell: "C7", text: "Not yet started" },
      { cell: "C8", text: "On hold" },
      { cell: "C9", text: "Completed" },
      // "Planned" is one of the ways to say Not yet started.
      { cell: "C10", text: "Not yet started" },
    ]);
  });

  it("leaves numbers, words it cannot place, RAG cells with a direction and covered merged cells alone", () => {
    const { writes } = fixes(
      [
        ["Ref", "Action", "Status", "RAG / direction"],
        ["1", "Engage communities", 42, "Green ↑"],
        ["2", "Widen meetings", "See note", "Yellow ↔"],
        ["3", "Save money", "Complete", null],
        ["3.1", "Sub-activity", null, null],
      ],
      { merges: [merge("C4:C5")] },
    );
    expect(writes).toEqual([{ cell: "C4", text: "Completed" }]);
  });
});
