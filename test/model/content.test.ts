/** The cells decide, not only the header. */
import { readTracker } from "../../src/model";
import type { Issue } from "../../src/model";
import { grid, roundTrip } from "../support/factories";

const codes = (issues: Issue[]) => issues.map((i) => `${i.code}@${i.cell}`);
const columns = (r: ReturnType<typeof readTracker>) => Object.fromEntries(r.tracker!.columns.map((c) => [c.field, c.column]));

/** As OPCCs publish them: the column headed like a status holds the narrative update. */
const NARRATIVE = [
  "Work with partners has begun and the first meeting of the board was held in May.",
  "The review reported in June; its recommendations are being taken forward by the force.",
  "Funding was agreed by the Commissioner and the service is now being procured.",
  "Delayed by the pandemic, the training restarts in the autumn with two new cohorts.",
  "Completed: the strategy was published on the website in March.",
];

describe("a status column of sentences is the update", () => {
  const rows = [
    ["Ref", "Action", "Lead", "Current status of action", "RAG"],
    ...NARRATIVE.map((text, i) => [`1.${i + 1}`, `Action ${i + 1}`, "NP", text, ["Green", "Amber", "Green", "Red", "Green"][i]]),
  ];

  it("maps it to update, says why in one info note, and raises no unknown-status error", () => {
    const r = readTracker(grid(rows));
    expect(columns(r)).toEqual({ id: "A", action: "B", lead: "C", update: "D", rag: "E" });
    expect(codes(r.issues)).toEqual(["mapped-by-content@D1"]);
    expect(r.issues[0].severity).toBe("info");
    expect(r.issues[0].message).toBe(
      'Column D ("Current status of action") is headed like the Status, but 4 of its 5 cells are sentences and only 1 are statuses: it is read as the Update. If that is wrong, choose the column for each field yourself.',
    );
    expect(r.actions[3]).toMatchObject({ id: "1.4", rag: "Red", status: null, update: NARRATIVE[3] });
  });

  it("a correction by the user wins over the cells", () => {
    const r = readTracker(grid(rows), { overrides: { status: "D" } });
    expect(columns(r)).toMatchObject({ status: "D" });
    expect(columns(r).update).toBeUndefined();
    expect(r.issues.filter((i) => i.code === "mapped-by-content")).toEqual([]);
    // The last cell begins with a status ("Completed: the strategy was published…"): read as Completed, the rest as the update.
    expect(r.issues.filter((i) => i.code === "unknown-value")).toHaveLength(4);
    expect(r.actions[4]).toMatchObject({ status: "Completed", update: "the strategy was published on the website in March." });
  });

  it("keeps the column as an extra one when the update column is taken", () => {
    const withComments = rows.map((row, i) => [...row, i === 0 ? "Comments" : `Note ${i}`]);
    const r = readTracker(grid(withComments));
    expect(columns(r)).toEqual({ id: "A", action: "B", lead: "C", rag: "E", update: "F" });
    expect(r.actions[0].extra).toEqual({ "Current status of action": NARRATIVE[0] });
    expect(r.issues.find((i) => i.code === "mapped-by-content")!.message).toContain("it is read as an extra column (the Update column is taken)");
  });

  it("weak evidence and ties keep the header's reading", () => {
    // Two sentences are too few to go against the header.
    const few = readTracker(grid(rows.slice(0, 3)));
    expect(columns(few).status).toBe("D");
    expect(few.issues.filter((i) => i.code === "unknown-value")).toHaveLength(2);
    // Half sentences, half statuses: still the status column.
    const mixed = rows.map((row, i) => (i > 0 && i % 2 === 0 ? [...row.slice(0, 3), "In progress", row[4]] : row));
    const tie = readTracker(grid([...mixed, ["1.6", "Action 6", "NP", "Completed", "Green"]]));
    expect(columns(tie).status).toBe("D");
    expect(tie.issues.filter((i) => i.code === "mapped-by-content")).toEqual([]);
  });

  it("reads a workbook built by ExcelJS the same way: \"Progress June 2021\" of sentences is the update", async () => {
    const [g] = await roundTrip({ rows: [["No.", "Objective", "Progress June 2021", "Status"], ...NARRATIVE.map((t, i) => [i + 1, `Objective ${i + 1}`, t, "In progress"])] });
    const r = readTracker(g);
    // "Status" would be a second status column: with the sentences gone to the update, it is the status.
    expect(columns(r)).toEqual({ id: "A", action: "B", update: "C", status: "D" });
    expect(r.actions.map((a) => a.status)).toEqual(new Array(5).fill("In progress"));
    expect(r.issues.filter((i) => i.severity !== "info")).toEqual([]);
  });
});

describe("columns under a header we do not know", () => {
  const body = [
    ["VAW-1", "Commission the new service", "Red", "↑", "Green ↑", "Completed", "NP"],
    ["VAW-2", "Train call handlers", "Amber", "↓", "Amber ↔", "In progress", "NP"],
    ["VAW-3", "Publish the strategy", "Green", "↔", "Red ↓", "Completed", "DW"],
    ["VAW-4", "Review the contract", "Green", "↔", "Green ↔", "On hold", "DW"],
  ];
  // One header the reader knows besides "Action": a header row needs two.
  const headers = ["Code", "Action", "Q3 position", "Since last", "Other", "Where we are", "Lead"];

  it("RAG words are the RAG, arrows the direction, statuses the status, codes the reference", () => {
    const r = readTracker(grid([headers, ...body]));
    expect(columns(r)).toEqual({ id: "A", action: "B", rag: "C", direction: "D", status: "F", lead: "G" });
    expect(codes(r.issues)).toEqual(["mapped-by-content@A1", "mapped-by-content@C1", "mapped-by-content@D1", "mapped-by-content@F1"]);
    expect(r.issues[1].message).toBe(
      'Column C ("Q3 position") is not a header we know, but 4 of its 4 cells are RAG colours: it is read as the RAG. If that is wrong, choose the column for each field yourself.',
    );
    expect(r.actions.map((a) => [a.id, a.rag, a.direction, a.status])).toEqual([
      ["VAW-1", "Red", "improved", "Completed"],
      ["VAW-2", "Amber", "deteriorated", "In progress"],
      ["VAW-3", "Green", "unchanged", "Completed"],
      ["VAW-4", "Green", "unchanged", "On hold"],
    ]);
    // The column of RAG words with arrows came second: the RAG was taken, so it stays an extra column.
    expect(r.actions[0].extra).toEqual({ Other: "Green ↑" });
  });

  it("a column of RAG words with arrows is both the RAG and the direction", () => {
    const r = readTracker(grid([["Ref", "Action", "Position"], ...body.map((row) => [row[0], row[1], row[4]])]));
    expect(r.tracker!.columns.filter((c) => c.column === "C").map((c) => c.field)).toEqual(["direction", "rag"]);
    expect(r.actions.map((a) => `${a.rag} ${a.direction}`)).toEqual(["Green improved", "Amber unchanged", "Red deteriorated", "Green unchanged"]);
    expect(r.issues.map((i) => i.message)).toEqual([
      'Column C ("Position") is not a header we know, but 4 of its 4 cells are RAG colours with a direction of travel: it is read as the RAG and the Direction of travel. If that is wrong, choose the column for each field yourself.',
    ]);
  });

  it("the user's corrections win: a field set to none, or a column given to another field, is left alone", () => {
    const none = readTracker(grid([headers, ...body]), { overrides: { rag: null, id: "Other" } });
    expect(columns(none)).toEqual({ id: "E", action: "B", direction: "D", status: "F", lead: "G" });
    expect(none.issues.filter((i) => i.code === "mapped-by-content").map((i) => i.cell)).toEqual(["D1", "F1"]);
  });

  it("a reference-like column right of the action, or with repeats, is not the reference", () => {
    const r = readTracker(grid([["Group", "Action", "Status"], ...body.map((row, i) => [`P${i % 2}`, row[1], row[5]])]));
    expect(columns(r)).toEqual({ action: "B", status: "C" });
    const right = readTracker(grid([["Action", "Status", "Code"], ...body.map((row) => [row[1], row[5], row[0]])]));
    expect(columns(right).id).toBeUndefined();
  });
});
