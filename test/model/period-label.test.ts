/** Period labels that read as periods: one test per rule, in the order they apply. */
import { monthYearIn, periodFromFileName, periodFromHeader, periodFromTitleRows, periodLabel, readTracker } from "../../src/model";
import { CAMBS, HERTS, HERTS_JUNE, grid } from "../support/factories";
import { readWorkbookGrids } from "../../src/xlsx";
import { promises as fs } from "node:fs";

const tracker = (title: (string | Date | null)[][], header: string[]) =>
  grid([...title, header, ["1", "Do the thing", "In progress", "Update"], ["2", "Do another", "Completed", "Done"]]);
const HEADER = ["Ref", "Action", "Status", "Update"];

describe("period labels", () => {
  it("rule 1: what the user gives wins over everything", () => {
    const g = tracker([["Delivery plan as at October 2018"]], HEADER);
    expect(periodLabel({ given: " Q2 2021/22 ", snapshot: "Q1 2021/22", grid: g, headerRow: 2, file: "plan-2021-06.xlsx" })).toEqual({ label: "Q2 2021/22", source: "given" });
  });

  it("rule 2: the snapshot's own label, as it was taken", () => {
    const g = tracker([["Delivery plan as at October 2018"]], HEADER);
    expect(periodLabel({ snapshot: "Q1 2021/22", grid: g, headerRow: 2, file: "plan-2021-06.xlsx" })).toEqual({ label: "Q1 2021/22", source: "snapshot" });
  });

  it("rule 3: a date in the title rows above the header", () => {
    const g = tracker([["Appendix 1 – Delivery Plan (as at October 2018)"], ["Key: Red, Amber, Green"]], [...HEADER.slice(0, 3), "Update as at November 2018"]);
    expect(periodFromTitleRows(g, 3)).toBe("October 2018");
    expect(periodLabel({ grid: g, headerRow: 3, file: "plan-2021-06.xlsx" })).toEqual({ label: "October 2018", source: "title" });
    // A date cell, and a written date with its day.
    expect(periodFromTitleRows(tracker([["Position at"], [new Date(Date.UTC(2021, 5, 30))]], HEADER), 3)).toBe("June 2021");
    expect(periodFromTitleRows(tracker([["Progress as at 30th Nov. 2021"]], HEADER), 2)).toBe("November 2021");
    expect(periodFromTitleRows(tracker([["Position at 30/09/2021"]], HEADER), 2)).toBe("September 2021");
    // A span of years is not a period: the rule gives nothing and the next is tried.
    expect(periodFromTitleRows(tracker([["Community Safety and Criminal Justice Plan (2019 – 2024)"], ["reporting period 2021-22"]], HEADER), 3)).toBeNull();
  });

  it("rule 4: a month and year in a header cell", () => {
    const g = tracker([["Delivery plan"]], ["Ref", "Action", "Status", "Progress September 2013"]);
    expect(periodFromHeader(g, 2)).toBe("September 2013");
    expect(periodLabel({ grid: g, headerRow: 2, file: "plan-2021-06.xlsx" })).toEqual({ label: "September 2013", source: "header" });
    expect(monthYearIn("(text in red denotes progress update as at October 2018)")).toBe("October 2018");
  });

  it("rule 5: a year and month in the file name", () => {
    expect(periodFromFileName("samples/herts-delivery-plan-2021-06.xlsx")).toBe("June 2021");
    expect(periodFromFileName("C:\\Trackers\\tracker_202111.xlsx")).toBe("November 2021");
    expect(periodFromFileName("delivery-plan-june-2021.xlsx")).toBe("June 2021");
    // Financial years and spans of years are not months.
    expect(periodFromFileName("herts-delivery-plan-2021-22.xlsx")).toBeNull();
    expect(periodFromFileName("plan-2019-2024.xlsx")).toBeNull();
    const g = tracker([["Delivery plan"]], HEADER);
    expect(periodLabel({ grid: g, headerRow: 2, file: "/tmp/herts-delivery-plan-2021-06.xlsx" })).toEqual({ label: "June 2021", source: "file-name" });
    expect(periodLabel({ grid: g, headerRow: 2, file: "/tmp/herts-delivery-plan-2021-22.xlsx" })).toBeNull();
  });

  it("reads the samples as an officer would", async () => {
    const label = async (file: string) => {
      const [sheet] = await readWorkbookGrids(await fs.readFile(file));
      const r = readTracker(sheet);
      return periodLabel({ grid: sheet, headerRow: r.tracker!.headerRow, file });
    };
    expect(await label(HERTS_JUNE)).toEqual({ label: "June 2021", source: "title" });
    expect(await label(CAMBS)).toEqual({ label: "November 2018", source: "title" });
    // The November workbook names no month: the host falls back to the month of --as-of.
    expect(await label(HERTS)).toBeNull();
  });
});
