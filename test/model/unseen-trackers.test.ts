/**
 * Trackers no one here had seen (issue 25): recommendation and audit registers,
 * Panel action lists, plan-year quarters, a sheet's own key, forms. Each pattern
 * is read right, or the report says what was guessed.
 */
import { chooseTrackerSheet, periodFromTitleRows, periodInHeader, quarterIn, readTracker, readTimeframe } from "../../src/model";
import type { Issue, TrackerReport } from "../../src/model";
import { grid, roundTrip } from "../support/factories";

const codes = (issues: Issue[]) => issues.map((i) => `${i.code}@${i.cell}`);
const columns = (r: TrackerReport) => Object.fromEntries(r.tracker!.columns.map((c) => [c.field, c.column]));

describe("headers of recommendation and audit trackers", () => {
  it("maps Recommendation, Addressed to and Rec no. with no correction, and says nothing is wrong", () => {
    const r = readTracker(
      grid([
        ["Rec no.", "Recommendation", "Addressed to", "Target date", "Status"],
        ["1", "Forces should review custody healthcare", "Chief Constable", "March 2022", "Completed"],
        ["2", "The PCC should publish the review", "PCC", "June 2022", "In progress"],
      ]),
    );
    expect(columns(r)).toEqual({ id: "A", action: "B", lead: "C", timeframe: "D", status: "E" });
    expect(r.issues).toEqual([]);
  });

  it('a header that begins "Action" but names a person is the lead, not the action', () => {
    const r = readTracker(grid([["Minute item", "Action", "Action by", "Status"], ["4.1", "Write to the Home Office", "Chair", "Completed"]]));
    expect(columns(r)).toEqual({ id: "A", action: "B", lead: "C", status: "D" });
    expect(r.actions[0]).toMatchObject({ id: "4.1", action: "Write to the Home Office", lead: "Chair" });
  });

  it("says when no action column is found", () => {
    const r = readTracker(grid([["Ref", "Owner", "Status"], ["1", "CEO", "Completed"]]));
    expect(codes(r.issues)).toEqual(["no-action-column@A1"]);
  });
});

describe("a status word followed by a sentence", () => {
  const rows = [
    ["Ref", "Action", "Lead", "Status"],
    ["1", "Arrange a meeting with the Chief Constable", "Chair", "Completed. This meeting took place on 3 March."],
    ["2", "Commission research on rural crime", "Clerk", "Complete\n\nThis research was published in May and is on the website."],
    ["3", "Review the estates strategy with the force", "CFO", "On hold – awaiting the force's own review of its estate, due in the autumn."],
    ["4", "Write to the minister", "Chair", "Merged into 1"],
  ];

  it("reads the leading word as the status and the rest as the update; the column stays the status", () => {
    const r = readTracker(grid(rows));
    expect(columns(r)).toEqual({ id: "A", action: "B", lead: "C", status: "D" });
    expect(r.actions.map((a) => [a.status, a.update])).toEqual([
      ["Completed", "This meeting took place on 3 March."],
      ["Completed", "This research was published in May and is on the website."],
      ["On hold", "awaiting the force's own review of its estate, due in the autumn."],
      ["Closed", "Merged into 1"],
    ]);
    expect(r.issues).toEqual([]);
  });

  it("joins the rest to the update column's own text", () => {
    const r = readTracker(grid([["Ref", "Action", "Status", "Update"], ["1", "a", "Completed. Published in May.", "Report to the Panel in June."]]));
    expect(r.actions[0]).toMatchObject({ status: "Completed", update: "Report to the Panel in June.\nPublished in May." });
  });
});

describe("a narrative column headed status in a tracker of one to three rows", () => {
  it("a cell of 15 words or more is not a status, whatever the count", () => {
    const r = readTracker(
      grid([
        ["Ref", "Action", "Status"],
        ["1", "Publish the plan", "The plan was approved by the Panel and will be published on the website after the election period."],
      ]),
    );
    expect(columns(r)).toEqual({ id: "A", action: "B", update: "C" });
    expect(codes(r.issues)).toEqual(["mapped-by-content@C1", "no-delivery-column@A1"]);
    // Short words stay a status (and an unknown one is said to be so).
    const short = readTracker(grid([["Ref", "Action", "Status"], ["1", "Publish the plan", "Nearly there"]]));
    expect(columns(short).status).toBe("C");
  });
});

describe("quarters named by plan year", () => {
  it.each([
    ["Y2 Q2 RAG", "Year 2 Q2"],
    ["Y2 Q3 RAG", "Year 2 Q3"],
    ["Year 2 Quarter 3", "Year 2 Q3"],
    ["Q3 Y2 status", "Year 2 Q3"],
    ["2019/20 Q1", "Q1 2019/20"],
    ["Q1 2019-20", "Q1 2019/20"],
    ["Q3 2021/22 status", "Q3 2021/22"],
  ])("%p names the period %p", (header, label) => {
    expect(periodInHeader(header)?.label).toBe(label);
  });

  it("puts them in time order: Year 1 Q4 before Year 2 Q1, Q4 2019/20 before Q1 2020/21", () => {
    expect(periodInHeader("Y1 Q4 RAG")!.order).toBeLessThan(periodInHeader("Y2 Q1 RAG")!.order);
    expect(periodInHeader("2019/20 Q4")!.order).toBeLessThan(periodInHeader("Q1 2020-21")!.order);
    const r = readTracker(grid([["Ref", "Action", "Y1 Q4 RAG", "Y2 Q1 RAG"], ["1", "a", "Green", "Red"]]));
    expect(r.tracker!.periods).toMatchObject({ current: "Year 2 Q1", previous: "Year 1 Q4" });
    expect(r.actions[0].rag).toBe("Red");
  });

  it("the title's quarter is this period, even when a later column holds values", () => {
    const rows = [["Delivery plan tracker, Q2 Y2"], ["Ref", "Action", "Y2 Q1 RAG", "Y2 Q2 RAG", "Y2 Q3 RAG"], ["1", "a", "Red", "Amber", "Green"]];
    const r = readTracker(grid(rows));
    expect(r.tracker!.periods).toMatchObject({ current: "Year 2 Q2", previous: "Year 2 Q1" });
    expect(r.actions[0].rag).toBe("Amber");
    expect(r.issues).toEqual([]);
  });
});

describe("which period this is: the title's own words", () => {
  const title = (...rows: string[]) => periodFromTitleRows(grid([...rows.map((t) => [t]), ["Ref", "Action", "Status"]]), rows.length + 1);

  it("reads a cue's date, a quarter and a short title, not a date inside prose", () => {
    expect(title("Police and Crime Plan tracker – Updated 27/03/19")).toBe("March 2019");
    expect(title("Delivery plan tracker Q3 Y2")).toBe("Year 2 Q3");
    expect(title("Actions log, as at 30 November 2021")).toBe("November 2021");
    expect(
      title(
        "This plan was approved by the Police and Crime Panel in January 2017 after a public consultation on the priorities of the Commissioner for the years ahead.",
        "Progress report",
      ),
    ).toBeNull();
    // A cue names the date even inside prose.
    expect(title("This plan was approved by the Panel in January 2017; the progress below is as at March 2019, as reported to the Panel.")).toBe("March 2019");
  });

  it("quarterIn reads the title's quarter with its year", () => {
    expect(quarterIn("Quarter 3, Year 2 update")).toMatchObject({ label: "Year 2 Q3", kind: "plan-quarter" });
    expect(quarterIn("Q2 update")).toBeNull();
  });
});

describe("months stored as dates", () => {
  it("a date on the 1st shown as a month (mmm-yy) is due at the end of that month; a date shown as a day is that day", async () => {
    const [sheet] = await roundTrip({
      rows: [
        ["Ref", "Action", "Status", "Target date"],
        ["1", "a", "In progress", new Date(Date.UTC(2021, 2, 1))],
        ["2", "b", "In progress", new Date(Date.UTC(2021, 2, 1))],
      ],
    });
    sheet.numberFormats![1][3] = "mmm-yy";
    sheet.numberFormats![2][3] = "dd/mm/yyyy";
    const r = readTracker(sheet);
    expect(r.actions.map((a) => a.timeframe)).toEqual(["March 2021", "2021-03-01"]);
    const due = readTimeframe(r.actions[0].timeframe);
    expect(due.kind === "date" && due.due.toISOString()).toBe("2021-03-31T23:59:59.000Z");
  });
});

describe("actions closed without being delivered", () => {
  it.each(["Superseded", "Withdrawn", "Not adopted", "Closed", "No longer required", "Merged into 1.13", "Replaced by the new strategy"])("%p is Closed", (typed) => {
    const r = readTracker(grid([["Ref", "Action", "Status"], ["1", "a", typed]]));
    expect(r.actions[0].status).toBe("Closed");
  });
});

describe("the sheet's own key", () => {
  it("reads Blue = complete and White – not started as the tracker's own words", () => {
    const r = readTracker(
      grid([
        ["Panel actions log"],
        ["Blue = complete; Green – on track; Yellow – various factors have delayed delivery; White – not started"],
        ["Ref", "Action", "RAG"],
        ["1", "a", "Blue"],
        ["2", "b", "White"],
        ["3", "c", "Yellow"],
      ]),
    );
    expect(r.actions.map((a) => [a.status, a.rag])).toEqual([
      ["Completed", "Blue"],
      ["Not yet started", "White"],
      [null, "Amber"],
    ]);
    expect(codes(r.issues)).toEqual(["non-canonical@C6", "key-read@A2"]);
  });

  it('a status word listed among the key\'s colours ("COMPLETE") is a value of the RAG column, not a status in the wrong column', () => {
    const r = readTracker(grid([["Key: RED – not on track; AMBER – at risk; GREEN – on track; COMPLETE – action complete"], ["Ref", "Action", "RAG"], ["1", "a", "COMPLETE"], ["2", "b", "GREEN"]]));
    expect(r.actions.map((a) => [a.status, a.rag])).toEqual([
      ["Completed", "Blue"],
      ["In progress", "Green"],
    ]);
    expect(r.issues.filter((i) => i.code === "wrong-column")).toEqual([]);
  });

  it("a key laid out in cells: the colour in one, what it means in the next", () => {
    const r = readTracker(grid([["Key", "Blue", "Complete"], [], ["Ref", "Action", "RAG"], ["1", "a", "Blue"]]));
    expect(r.actions[0]).toMatchObject({ status: "Completed", rag: "Blue" });
  });

  it("Cambridgeshire's key names no status for Red, Yellow or Green: nothing changes", () => {
    const key =
      "Delivery status key - Red: action/decision required to get back on track; Yellow: various factors have delayed achievement within the timeframe; Green: on target; White: not started.";
    const r = readTracker(grid([[key], ["Ref", "Action", "RAG"], ["1", "a", "Red"], ["2", "b", "Yellow"], ["3", "c", "Green"]]));
    expect(r.actions.map((a) => [a.status, a.rag])).toEqual([
      [null, "Red"],
      [null, "Amber"],
      [null, "Green"],
    ]);
    expect(r.issues.filter((i) => i.code === "key-read")).toEqual([]);
  });

  it("a five-point scale used in two cells or more is counted by its own points, however each is written", () => {
    const rows = [["Ref", "Action", "RAG"], ["1", "a", "Amber/Green"], ["2", "b", "Red/Amber"], ["3", "c", "Green"], ["4", "d", "amber - green"]];
    const r = readTracker(grid(rows));
    expect(r.tracker?.ragScale).toBe("five-point");
    expect(r.actions.map((a) => a.rag)).toEqual(["Amber/Green", "Amber/Red", "Green", "Amber/Green"]);
    expect(codes(r.issues)).toEqual(["non-canonical@C3", "non-canonical@C5"]);
  });

  it("one cell on a point is its first colour, said to be a guess; a key that lists the points makes it the scale", () => {
    const lone = readTracker(grid([["Ref", "Action", "RAG"], ["1", "a", "Green/Amber"], ["2", "b", "Amber"], ["3", "c", "Green"]]));
    expect(lone.tracker?.ragScale).toBeUndefined();
    expect(lone.actions.map((a) => a.rag)).toEqual(["Green", "Amber", "Green"]);
    expect(codes(lone.issues)).toEqual(["guessed-reading@C1"]);
    expect(lone.issues[0].message).toContain('"Green/Amber" as Green');
    const keyed = readTracker(grid([["Amber/Green: minor risks. Amber/Red: serious risks."], ["Ref", "Action", "RAG"], ["1", "a", "Green/Amber"], ["2", "b", "Amber"], ["3", "c", "Green"]]));
    expect(keyed.tracker?.ragScale).toBe("five-point");
    expect(keyed.actions.map((a) => a.rag)).toEqual(["Amber/Green", "Amber", "Green"]);
  });

  it("a RAG and direction in one cell keep the point: \"Amber/Green ↑\"", () => {
    const r = readTracker(grid([["Ref", "Action", "RAG and direction"], ["1", "a", "Amber/Green ↑"], ["2", "b", "Amber/Red ↓"], ["3", "c", "Green ↔"]]));
    expect(r.actions.map((a) => [a.rag, a.direction])).toEqual([
      ["Amber/Green", "improved"],
      ["Amber/Red", "deteriorated"],
      ["Green", "unchanged"],
    ]);
  });
});

describe('"Accepted / Partly accepted / Not accepted" is the response, not the status', () => {
  it("under its own header", () => {
    const r = readTracker(
      grid([
        ["Ref", "Recommendation", "Accepted / Partly accepted / Not accepted", "Status"],
        ["1", "a", "Accepted", "Completed"],
        ["2", "b", "Partly accepted", "In progress"],
      ]),
    );
    expect(columns(r)).toEqual({ id: "A", action: "B", response: "C", status: "D" });
    expect(r.actions.map((a) => [a.response, a.status])).toEqual([
      ["Accepted", "Completed"],
      ["Partly accepted", "In progress"],
    ]);
  });

  it("under a header that says status, the cells decide", () => {
    const r = readTracker(
      grid([
        ["Ref", "Recommendation", "Recommendation status", "Progress RAG"],
        ["1", "a", "Accepted", "Green"],
        ["2", "b", "Not accepted", "Red"],
        ["3", "c", "Partly accepted", "Amber"],
      ]),
    );
    expect(columns(r)).toEqual({ id: "A", action: "B", response: "C", rag: "D" });
    expect(codes(r.issues)).toEqual(["mapped-by-content@C1"]);
    expect(r.issues[0].message).toContain("it is read as the Response to the recommendation, not as the Status");
  });
});

describe("a form, not a table", () => {
  const form = grid([
    ["HMICFRS PEEL inspection: recommendations"],
    ["Recommendation:", "The force should improve how it records crime."],
    ["Owner:", "ACC Crime"],
    ["Target date:", "March 2022"],
    ["Revised target date:", "June 2022"],
    ["Status:", "In progress"],
    [],
    ["Recommendation:", "The force should review its custody healthcare."],
    ["Owner:", "Head of Custody"],
    ["Target date:", "December 2021"],
    ["Status:", "Completed"],
  ]);

  it("is refused with a message that says it is a form with one record per block", () => {
    const r = readTracker(form);
    expect(r.tracker).toBeNull();
    // One line the CLI prints whole (under about 300 characters): where the blocks start, and what to do.
    expect(r.issues[0].message).toContain('Sheet "Tracker" is a form, not a table: it holds one record per block of label and value rows (2 blocks, from A2)');
    expect(r.issues[0].message.length).toBeLessThan(240);
    expect(r.issues[0].message).toContain("2 blocks");
    const chosen = chooseTrackerSheet([form]);
    expect(chosen.ok).toBe(false);
    expect(!chosen.ok && chosen.message).toContain("is a form, not a table");
  });
});

describe("never a confident wrong answer: a guess is said, with how to confirm it", () => {
  it("a status column most of whose cells are not statuses", () => {
    const r = readTracker(grid([["Ref", "Action", "Status"], ["1", "a", "Yes"], ["2", "b", "TBC"], ["3", "c", "See update"], ["4", "d", "Completed"]]));
    expect(r.issues[0]).toMatchObject({ code: "guessed-reading", severity: "warning", cell: "C1" });
    expect(r.issues[0].message).toContain("only 1 of its 4 cells is a status we know");
    // Chosen by the user: no guess (the unknown words are still errors).
    expect(readTracker(grid([["Ref", "Action", "Status"], ["1", "a", "Yes"], ["2", "b", "TBC"], ["3", "c", "See"]]), { overrides: { status: "C" } }).issues.map((i) => i.code)).not.toContain("guessed-reading");
  });

  it("periods of two kinds put in order by their place in the sheet", () => {
    const r = readTracker(grid([["Ref", "Action", "Status June 2021", "Q3 status"], ["1", "a", "In progress", "Completed"]]));
    expect(codes(r.issues)).toEqual(["guessed-reading@D1"]);
    expect(r.issues[0].message).toContain("--period-column current=COLUMN");
    expect(readTracker(grid([["Ref", "Action", "Status June 2021", "Q3 status"], ["1", "a", "In progress", "Completed"]]), { periods: { current: "D" } }).issues).toEqual([]);
  });
});
