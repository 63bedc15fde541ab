/** Dates written as text in the timeframe column. */
import { checkActions, readTimeframe, readTracker } from "../../src/model";
import { roundTrip } from "../support/factories";

const due = (value: string | number | Date) => {
  const t = readTimeframe(value);
  return t.kind === "date" ? t.due.toISOString().slice(0, 10) : t.kind;
};

describe("dates written as text", () => {
  it.each([
    ["Apr-20", "2020-04-30"],
    ["apr-2020", "2020-04-30"],
    ["Sep '19", "2019-09-30"],
    ["Sep ‘19", "2019-09-30"],
    ["Sep ’19", "2019-09-30"],
    ["Sept. 2021", "2021-09-30"],
    ["18.01.2016", "2016-01-18"],
    ["end of March 2022", "2022-03-31"],
    ["By the end of Mar 22", "2022-03-31"],
    ["w/c 5 June 2023", "2023-06-11"],
    ["week commencing 5th June 2023", "2023-06-11"],
    ["5 June 2023", "2023-06-05"],
    ["June 5, 2023", "2023-06-05"],
    ["Q3 2021/22", "2021-12-31"],
    ["2021/22", "2022-03-31"],
    ["2021-22", "2022-03-31"],
    ["2030-12-31", "2030-12-31"],
    ["44651", "2022-03-31"],
  ])("%p → due %p", (text, expected) => {
    expect(due(text)).toBe(expected);
  });

  it("a date cell and a date serial are dates", () => {
    expect(due(new Date(Date.UTC(2022, 2, 31)))).toBe("2022-03-31");
    expect(due(44651)).toBe("2022-03-31");
  });

  it.each(["31/02/2022", "Apr the twentieth", "As soon as resources allow", "Phase 2"])("%p stays unread", (text) => {
    expect(readTimeframe(text)).toEqual({ kind: "unread", text });
  });

  it("through a workbook: overdue by the text's date, and a note for what cannot be read", async () => {
    const [g] = await roundTrip({
      rows: [
        ["Ref", "Action", "Status", "Timeframe"],
        ["1", "Publish the strategy", "In progress", "Apr-20"],
        ["2", "Train call handlers", "In progress", "Sep ’19"],
        ["3", "Open the hub", "In progress", "w/c 5 June 2023"],
        ["4", "Review the contract", "In progress", "When the review reports"],
        ["5", "Recruit the team", "In progress", "44651"],
      ],
    });
    const r = readTracker(g);
    const issues = checkActions("Tracker", r.actions, { asOf: new Date(Date.UTC(2023, 5, 8)) });
    expect(issues.map((i) => `${i.severity} ${i.code}@${i.cell}`)).toEqual(["warning overdue@D2", "warning overdue@D3", "info timeframe-unread@D5", "warning overdue@D6"]);
    // Not yet: the week commencing 5 June 2023 runs to the 11th.
    expect(issues.some((i) => i.cell === "D4")).toBe(false);
  });
});
