/** Direction of travel, timeframes and the consistency checks. */
import { checkActions, compareWithPrevious, contradictions, directionBetween, readTimeframe, readTracker, signOff, signedOffIssues, CHECK_ISSUE_CODES } from "../../src/model";
import type { Action, Issue } from "../../src/model";
import { grid } from "../support/factories";

const seen = new Set<string>();
const note = (issues: Issue[]) => {
  issues.forEach((i) => seen.add(i.code));
  return issues;
};

describe("direction of travel", () => {
  it("uses RAG when both periods have one: Red < Amber < Green < Blue", () => {
    expect(directionBetween({ id: "1", status: null, rag: "Red" }, { id: "1", status: null, rag: "Amber" })).toMatchObject({ direction: "improved", basis: "rag" });
    expect(directionBetween({ id: "1", status: null, rag: "Green" }, { id: "1", status: null, rag: "Amber" })).toMatchObject({ direction: "deteriorated" });
    expect(directionBetween({ id: "1", status: null, rag: "Green" }, { id: "1", status: null, rag: "Blue" })).toMatchObject({ direction: "improved" });
    expect(directionBetween({ id: "1", status: "Completed", rag: "Amber" }, { id: "1", status: "In progress", rag: "Amber" })).toMatchObject({ direction: "unchanged", basis: "rag" });
  });

  it("falls back to status: Not yet started, On hold < In progress < Completed", () => {
    expect(directionBetween({ id: "1", status: "Not yet started", rag: null }, { id: "1", status: "In progress", rag: "Green" })).toMatchObject({ direction: "improved", basis: "status" });
    expect(directionBetween({ id: "1", status: "Completed", rag: null }, { id: "1", status: "On hold", rag: null })).toMatchObject({ direction: "deteriorated" });
    expect(directionBetween({ id: "1", status: "On hold", rag: null }, { id: "1", status: "Not yet started", rag: null })).toMatchObject({ direction: "unchanged" });
    expect(directionBetween({ id: "1", status: null, rag: "White" }, { id: "1", status: null, rag: "Green" })).toMatchObject({ direction: "unchanged" });
  });

  it("counts actions new and gone apart, matching references whatever their case", () => {
    const c = compareWithPrevious(
      [
        { id: "v1", status: "Completed", rag: null },
        { id: "V2", status: "In progress", rag: null },
        { id: "V4", status: "In progress", rag: null },
      ],
      [
        { id: "V1", status: "In progress", rag: null },
        { id: "V2", status: "In progress", rag: null },
        { id: "V3", status: "In progress", rag: null },
      ],
    );
    expect(c.counts).toEqual({ improved: 1, deteriorated: 0, unchanged: 1, new: 1, removed: 1 });
    expect(c.removed).toEqual(["V3"]);
  });

  it("reports typed arrows that contradict the comparison", () => {
    const r = readTracker(grid([["Ref", "RAG", "Direction of travel"], ["A1", "Amber", "↑"], ["A2", "Green", "↑"]]));
    const c = compareWithPrevious(r.actions, [
      { id: "A1", status: null, rag: "Green" },
      { id: "A2", status: null, rag: "Amber" },
    ]);
    const issues = note(contradictions("Tracker", r.actions, c, "June 2021"));
    expect(issues).toEqual([
      expect.objectContaining({ code: "direction-contradicts", cell: "C2", severity: "warning", message: expect.stringContaining("since June 2021 its RAG went from Green to Amber: ↓ deteriorated") }),
    ]);
  });
});

describe("reading timeframes", () => {
  const due = (text: string) => {
    const t = readTimeframe(text);
    return t.kind === "date" ? t.due.toISOString().slice(0, 10) : t.kind;
  };
  it.each([
    ["March 2022", "2022-03-31"],
    ["Autumn 2021", "2021-11-30"],
    ["Spring 2022", "2022-05-31"],
    ["Summer 2022", "2022-08-31"],
    ["Winter 2021/22", "2022-02-28"],
    ["2022", "2022-12-31"],
    ["Q3 2021/22", "2021-12-31"],
    ["Q4 2021/22", "2022-03-31"],
    ["January 2022 to understand impact", "2022-01-31"],
    ["Training and development, due January 2022", "2022-01-31"],
    ["January 2022 for recruitment", "2022-01-31"],
    ["Early 2022", "2022-04-30"],
    ["31/03/2022", "2022-03-31"],
    ["Sept 21", "2021-09-30"],
    ["2021/22", "2022-03-31"],
  ])("%s → due %s", (text, expected) => {
    expect(due(text)).toBe(expected);
  });

  it.each(["Ongoing", "Ongoing monitoring", "On-going", "-", "", "TBC", "In progress"])("%p has no date and is left alone", (text) => {
    expect(readTimeframe(text)).toEqual({ kind: "none" });
  });

  it.each(["Implementation of recommendations", "Postponed due to Covid-19 pressures on the CJS.", "Vans operational"])("%p cannot be read", (text) => {
    expect(readTimeframe(text)).toEqual({ kind: "unread", text });
  });

  it("reads dates and Excel serials", () => {
    expect(due(new Date(Date.UTC(2022, 0, 15)) as unknown as string)).toBe("2022-01-15");
    expect(readTimeframe(44651)).toMatchObject({ kind: "date" });
  });
});

describe("consistency checks", () => {
  const asOf = new Date(Date.UTC(2021, 10, 30));
  const actions = (rows: (string | null)[][]): Action[] =>
    readTracker(grid([["Ref", "Status", "RAG", "Update", "Timeframe"], ...rows])).actions;

  it("flags Completed but Red/Amber, Not yet started but Green, Red/Amber with no update, overdue; notes unreadable timeframes", () => {
    const issues = note(
      checkActions(
        "Tracker",
        actions([
          ["1", "Completed", "Amber", "done", "March 2021"],
          ["2", "Not yet started", "Green", "soon", "2023"],
          ["3", "In progress", "Red", null, "Ongoing"],
          ["4", "In progress", "Green", "late", "March 2021"],
          ["5", "In progress", "Green", "ok", "When the review reports"],
          ["6", "Completed", "Green", "ok", "March 2020"],
          ["7", "In progress", "Green", "ok", "Autumn 2021"],
        ]),
        { asOf },
      ),
    );
    expect(issues.map((i) => `${i.severity}:${i.code}@${i.cell}`)).toEqual([
      "warning:completed-but-behind@C2",
      "warning:not-started-but-green@C3",
      "warning:no-update@D4",
      "warning:overdue@E5",
      "info:timeframe-unread@E6",
    ]);
    expect(issues[3].message).toBe('Action 4 was due by 31 March 2021 ("March 2021") and is In progress. Update the timeframe or the status, and explain the delay.');
  });

  it("flags a signed-off value changed since as a warning on its cell, and a signed-off action gone from the tracker on the sheet", () => {
    const signed = signOff(actions([["1", "In progress", "Amber", "Started", "2027"], ["2", "In progress", "Green", "ok", "2027"]]), "February 2019", "Jane Smith", "2026-12-07T10:00:00Z");
    const now = actions([["1", "In progress", "Red", "Started ", "2027"]]);
    const issues = note(signedOffIssues("Tracker", now, [signed]));
    expect(issues.map((i) => `${i.severity}:${i.code}@${i.cell}`)).toEqual(["warning:signed-off-changed@C2", "warning:signed-off-changed@null"]);
    expect(issues[0].message).toBe(
      "1's RAG has changed since February 2019 was signed off by Jane Smith (2026-12-07T10:00:00Z) (cell C2), and the Change log records no later change to it. Check it, or sign the period off again.",
    );
    expect(issues[1].message).toBe("2 was in the plan when February 2019 was signed off by Jane Smith (2026-12-07T10:00:00Z), and is no longer in the tracker.");
  });

  afterAll(() => {
    expect([...seen].sort()).toEqual([...CHECK_ISSUE_CODES].sort());
  });
});

describe("dates typed as dates", () => {
  it("are due on that day, not read as a financial year", () => {
    const t = readTimeframe("2030-12-31");
    expect(t.kind === "date" && t.due.toISOString().slice(0, 10)).toBe("2030-12-31");
    const actions = readTracker(grid([["Ref", "Status", "Timeframe"], ["1", "In progress", new Date(Date.UTC(2030, 11, 31))], ["2", "In progress", 44651]])).actions;
    const issues = checkActions("Tracker", actions, { asOf: new Date(Date.UTC(2025, 5, 1)) });
    expect(issues.map((i) => `${i.code}@${i.cell}`)).toEqual(["overdue@C3"]);
    expect(issues[0].message).toContain("31 March 2022");
  });

  it("counts every row of a duplicated reference", () => {
    const c = compareWithPrevious(
      [
        { id: "A1", status: "Completed", rag: null },
        { id: "A1", status: "In progress", rag: null },
        { id: "A2", status: "In progress", rag: null },
      ],
      [{ id: "A1", status: "In progress", rag: null }],
    );
    expect(c.counts).toEqual({ improved: 1, deteriorated: 0, unchanged: 1, new: 1, removed: 0 });
  });
});
