/** What Excel would not keep as text if typed into a General cell: an undo puts such text back under the text format. */
import { wouldNotStayText } from "../../src/model";

describe("wouldNotStayText", () => {
  it.each([
    ["007", "a number (the zeros go)"],
    ["12", "a number"],
    ["-3.5", "a negative number"],
    ["1,200", "a number with a thousands separator"],
    ["12%", "a percentage"],
    ["1e3", "a number in scientific notation"],
    [".5", "a decimal"],
    ["TRUE", "a boolean"],
    [" false ", "a boolean, spaces and all"],
    ["1/2", "a date"],
    ["2021-11-30", "a date"],
    ["30.11.2021", "a date"],
    ["10:30", "a time"],
    ["12 Nov", "a date"],
    ["1-Jan-22", "a date"],
    ["=SUM(A1:A3)", "a formula"],
    ["+44 1707", "a formula (a leading plus)"],
    ["-", "a formula (a leading minus)"],
    ["@risk", "a function call (a leading at)"],
  ])("%s would become %s", (text) => {
    expect(wouldNotStayText(text)).toBe(true);
  });

  it.each(["Amber", "In progress", "Q3 2021/22", "A1", "See update 12", "Green ↑", "", "Recruit 200 officers by 2022"])("%s stays text", (text) => {
    expect(wouldNotStayText(text)).toBe(false);
  });
});
