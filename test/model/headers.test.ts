import { GridView, detectHeaderRow, fieldsForHeader, headerMatchKey } from "../../src/model";
import type { Field } from "../../src/model";
import { grid } from "../support/factories";

/** Every header seen in the samples and seeds, and the usual words, by family. */
const FAMILIES: Record<string, string[]> = {
  id: ["CSCJ Plan priority", "REF", "Ref", "No.", "Reference", "Action ref", "Minute item", "Rec no.", "Recommendation number", "Recommendation No", "Minute no."],
  action: [
    "Action",
    "P & CP - Priority Actions",
    "MAIN ACTION",
    "Actions",
    "Project",
    "Projects",
    "Project title",
    "Objective",
    "Milestone",
    "Activity",
    "Activities",
    "Recommendation",
    "Area for improvement",
    "Areas for Improvement (AFI)",
    "HMICFRS recommendation",
    "Agreed action",
  ],
  status: ["Status this reporting period", "Status", "Progress", "Current status"],
  "rag+direction": ["Delivery Status /Direction of travel", "Delivery status / direction of travel", "RAG / direction of travel"],
  rag: ["RAG", "RAG status", "rag-status", "RAG rating"],
  direction: ["Direction of travel", "DoT", "Direction"],
  update: [
    "Explanation / Link to meeting papers",
    "6 month update",
    "OPCC/Partner key delivery activities/work in progress (text in red denotes progress update as since Nov 18)",
    "Update",
    "Commentary",
    "Progress update",
    "Q3 update",
  ],
  timeframe: ["Action by date", "Timeframe for delivery / Completion", "Due", "Deadline", "Due date", "Target completion", "Forecast end date", "Forecast completion", "Target date", "By when", "Milestone date", "Revised end date"],
  lead: [
    "OPCC L'd",
    "1st Lead",
    "Lead",
    "Owner",
    "OPCC lead",
    "Action owner",
    "Sponsor",
    "Project sponsor",
    "Lead officer",
    "Responsible",
    "Responsible officer",
    "Project manager",
    "Addressed to",
    "Action by",
    "Action By:",
    "Actioned by",
    "Action lead",
  ],
  response: ["Response", "PCC response", "Accepted / Partly accepted / Not accepted", "Accepted?", "Management response"],
  deliveryLead: ["D'vry Lead", "Delivery lead", "Delivery Lead(s)"],
  theme: ["THEME", "Theme", "Priority", "Plan theme"],
  references: ["CSCJ Plan page", "20/21 Annual Report", "Plan page"],
};

describe("header synonyms", () => {
  for (const [family, headers] of Object.entries(FAMILIES)) {
    const expected = family === "rag+direction" ? ["rag", "direction"] : [family];
    it.each(headers)(`"%s" → ${family}`, (header) => {
      expect(fieldsForHeader(header).sort()).toEqual([...expected].sort() as Field[]);
    });
  }

  it("ignores case, punctuation and spaces", () => {
    expect(headerMatchKey("D'vry  Lead")).toBe(headerMatchKey("dvry lead"));
    expect(fieldsForHeader("  status THIS reporting-period ")).toEqual(["status"]);
    expect(fieldsForHeader("R.A.G.")).toEqual(["rag"]);
    expect(fieldsForHeader("RAG:")).toEqual(["rag"]);
  });

  it("does not take titles, notes or unrelated columns for headers", () => {
    expect(fieldsForHeader("Wider Partnership Opportunities")).toEqual([]);
    expect(
      fieldsForHeader(
        "Delivery status key - Red: action/decision required to get back on track; Yellow: various factors have delayed achievement within the timeframe; Green: on target",
      ),
    ).toEqual([]);
    expect(fieldsForHeader("")).toEqual([]);
  });
});

describe("header row detection", () => {
  it("finds the header below titles, notes and keys, not in row 1", () => {
    const g = grid([
      ["Annual Delivery Plan: progress report"],
      ["Progress against the actions of the Plan, reported to the Panel"],
      ["Key: Red, Amber, Green"],
      [],
      ["Ref", "Action", "Lead", "Status"],
      ["1", "Do a thing", "NP", "Completed"],
    ]);
    const found = detectHeaderRow(new GridView(g));
    expect(found?.row).toBe(5);
    expect(found?.mappings.map((m) => m.field)).toEqual(["id", "action", "lead", "status"]);
  });

  it("prefers the row naming most fields", () => {
    const g = grid([
      ["Status", "Action"],
      ["Ref", "Action", "Status", "RAG", "Update"],
    ]);
    expect(detectHeaderRow(new GridView(g))?.row).toBe(2);
  });

  it("finds nothing in a sheet that is not a tracker", () => {
    const g = grid([
      ["Budget 2026"],
      ["Item", "Cost"],
      ["Vans", 1200],
    ]);
    expect(detectHeaderRow(new GridView(g))).toBeNull();
  });
});

describe("data rows are not taken for the header", () => {
  it("skips rows whose cells are status words or sentences", () => {
    // A range that starts below the real header: rows of data only.
    const g = grid([
      ["27", "Explore with HM Courts", "In progress", "A paper was taken to the board.", "Postponed due to Covid-19 pressures on the CJS."],
      ["28", "Something else", "Completed", "Done.", "Ongoing"],
    ]);
    expect(detectHeaderRow(new GridView(g))).toBeNull();
  });

  it("ignores numbers and dates in a header row", () => {
    const g = grid([[2021, "Ref", "Status"], [1, "1", "Completed"]]);
    expect(detectHeaderRow(new GridView(g))?.mappings.map((m) => m.field)).toEqual(["id", "status"]);
  });
});
