import { TRACKER_ISSUE_CODES, countActions, readTracker, splitReference } from "../../src/model";
import type { Issue, IssueCode } from "../../src/model";
import { grid, merge, roundTrip } from "../support/factories";

const codes = (issues: Issue[]) => issues.map((i) => `${i.code}@${i.cell}`);
const seenCodes = new Set<IssueCode>();
function record(issues: Issue[]) {
  for (const i of issues) seenCodes.add(i.code);
  return issues;
}

describe("rows → actions", () => {
  it("section rows set the theme of the rows below; blank rows are skipped", () => {
    const r = readTracker(
      grid(
        [
          ["Ref", "Action", "Status"],
          ["Public Focus: OPCC actions", null, null],
          ["1", "Engage communities", "Completed"],
          [],
          ["2", "Widen meetings", "In progress"],
          ["Business Sense", null, null],
          ["3", "Save money", "In progress"],
        ],
        { merges: [merge("A2:C2")] },
      ),
    );
    expect(r.actions.map((a) => [a.id, a.theme])).toEqual([
      ["1", "Public Focus: OPCC actions"],
      ["2", "Public Focus: OPCC actions"],
      ["3", "Business Sense"],
    ]);
    expect(record(r.issues)).toEqual([]);
  });

  it("a theme column wins over the section row, and merged theme cells fill down", () => {
    const r = readTracker(
      grid(
        [
          ["Theme", "Ref", "Action", "Status"],
          ["Victims", "V1", "Support victims", "Completed"],
          [null, "V2", "Reduce harm", "In progress"],
        ],
        { merges: [merge("A2:A3")] },
      ),
    );
    expect(r.actions.map((a) => a.theme)).toEqual(["Victims", "Victims"]);
  });

  it("rows with a blank or merged reference are sub-activities of the action above", () => {
    const r = readTracker(
      grid(
        [
          ["Ref", "Action", "Lead", "Status", "Update"],
          ["O2", "Use a partnership approach", "CK", "In progress", "O2.1 CSPs set priorities"],
          [null, null, "CS", null, "O2.2 Local plans"],
          [null, null, null, null, "O2.3 Monitoring"],
          ["O3", "Improve resilience", "CS", "Completed", "Done"],
          ["O4", "Review", "CS", "Completed", "x"],
          [null, "Review part two", null, null, "y"],
        ],
        { merges: [merge("A6:A7")] },
      ),
    );
    expect(r.actions.map((a) => [a.id, a.rows])).toEqual([
      ["O2", [2, 3, 4]],
      ["O3", [5]],
      ["O4", [6, 7]],
    ]);
    const o2 = r.actions[0];
    expect(o2.update).toBe("O2.1 CSPs set priorities\nO2.2 Local plans\nO2.3 Monitoring");
    expect(o2.lead).toBe("CK");
    expect(countActions(r.actions).status).toMatchObject({ "In progress": 1, Completed: 2 });
  });

  it("takes the reference from the action text when there is no reference column, reading 0 as O", () => {
    const r = readTracker(
      grid([
        ["Theme", "Action", "RAG"],
        ["Victims", "V1 Ensure that victims are supported", "Green"],
        ["Offenders", "O10 Review performance systems", "Amber"],
        ["Offenders", "05 Support early intervention", "Red"],
        ["Transformation", "T1", "Green"],
      ]),
    );
    expect(r.tracker?.referencesInActionText).toBe(true);
    expect(r.actions.map((a) => [a.id, a.action])).toEqual([
      ["V1", "Ensure that victims are supported"],
      ["O10", "Review performance systems"],
      ["O5", "Support early intervention"],
      ["T1", ""],
    ]);
    expect(codes(record(r.issues))).toEqual(["missing-action-text@B5"]);
  });

  it("counts hidden rows and marks them", () => {
    const r = readTracker(grid([["Ref", "Status"], ["1", "Completed"], ["2", "In progress"]], { hiddenRows: [3] }));
    expect(r.actions.map((a) => a.hidden)).toEqual([false, true]);
    expect(countActions(r.actions).actions).toBe(2);
  });

  it("skips a header repeated on a later page", () => {
    const r = readTracker(grid([["Ref", "Action", "Status"], ["1", "a", "Completed"], ["Ref", "Action", "Status"], ["2", "b", "On hold"]]));
    expect(r.actions.map((a) => a.id)).toEqual(["1", "2"]);
  });

  it("keeps unmapped columns as they are", () => {
    const r = readTracker(grid([["Ref", "Status", "Wider Partnership Opportunities"], ["1", "Completed", "Work with housing"]]));
    expect(r.actions[0].extra).toEqual({ "Wider Partnership Opportunities": "Work with housing" });
  });

  it("splits references from text", () => {
    expect(splitReference("V1 Ensure that")).toEqual({ ref: "V1", text: "Ensure that" });
    expect(splitReference("C10. Ensure")).toEqual({ ref: "C10", text: "Ensure" });
    expect(splitReference("O2.1 Community")).toEqual({ ref: "O2.1", text: "Community" });
    expect(splitReference("A new approach")).toBeNull();
    expect(splitReference("2022 plan")).toBeNull();
    expect(splitReference("24/7 cover")).toBeNull();
  });
});

describe("mapping overrides", () => {
  const rows = [
    ["Ref", "Action", "Progress", "Notes"],
    ["1", "a", "Done", "Completed"],
  ];
  it("lets the caller choose a column by letter or header, or unmap a field", () => {
    const r = readTracker(grid(rows), { overrides: { status: "D", update: "Progress" } });
    expect(r.tracker?.columns.find((c) => c.field === "status")).toMatchObject({ column: "D", header: "Notes" });
    expect(r.tracker?.columns.find((c) => c.field === "update")).toMatchObject({ column: "C" });
    expect(r.actions[0].status).toBe("Completed");
    const unmapped = readTracker(grid(rows), { overrides: { action: null } });
    expect(unmapped.tracker?.columns.map((c) => c.field)).not.toContain("action");
  });

  it("reports a column that does not exist", () => {
    const r = readTracker(grid(rows), { overrides: { lead: "Q" } });
    expect(codes(record(r.issues))).toContain("mapping-not-found@null");
    expect(r.issues.find((i) => i.code === "mapping-not-found")).toMatchObject({ severity: "error", message: expect.stringContaining('"Q"') });
  });
});

describe("issues, cell by cell", () => {
  it("no-tracker: a sheet with no header row", () => {
    const r = readTracker(grid([["Budget"], ["Vans", 100]]));
    expect(r.tracker).toBeNull();
    expect(record(r.issues)).toEqual([expect.objectContaining({ severity: "error", code: "no-tracker", cell: null, sheet: "Tracker" })]);
  });

  it("no-delivery-column: names the headers found and the words we look for", () => {
    const r = readTracker(grid([["Ref", "Action", "Lead"], ["1", "a", "NP"]]));
    const issue = record(r.issues).find((i) => i.code === "no-delivery-column")!;
    expect(issue).toMatchObject({ severity: "error", cell: "A1" });
    expect(issue.message).toContain('"Ref" (A), "Action" (B), "Lead" (C)');
    expect(issue.message).toMatch(/Status.*Completed.*RAG.*Red/);
  });

  it("missing-value, unknown-value with did-you-mean, non-canonical, error-value", () => {
    const r = readTracker(
      grid([
        ["Ref", "Action", "Status"],
        ["1", "a", null],
        ["2", "b", "Completd"],
        ["3", "c", "Banana"],
        ["4", "d", "in-progress"],
        ["5", "e", { error: "#N/A" }],
        ["6", "f", "Complete"],
      ]),
    );
    expect(codes(record(r.issues))).toEqual([
      "unknown-value@C3",
      "unknown-value@C4",
      "non-canonical@C5",
      "error-value@C6",
      "non-canonical@C7",
      "missing-value@C2",
    ]);
    const [typo, nonsense, spelling] = r.issues;
    expect(typo.message).toContain('did you mean "Completed"?');
    expect(typo.severity).toBe("error");
    expect(nonsense.message).not.toContain("did you mean");
    expect(nonsense.message).toContain("Completed, In progress, On hold, Not yet started");
    expect(spelling).toMatchObject({ severity: "warning", message: expect.stringContaining('"In progress"') });
    expect(r.issues[3].message).toContain("#N/A");
    expect(r.actions.map((a) => a.status)).toEqual([null, null, null, "In progress", null, "Completed"]);
  });

  it("duplicate-reference: both rows still count", () => {
    const r = readTracker(grid([["Ref", "Action", "Status"], ["7", "a", "Completed"], ["8", "b", "Completed"], ["7", "c", "On hold"]]));
    expect(codes(record(r.issues))).toEqual(["duplicate-reference@A4"]);
    expect(r.issues[0].message).toContain("row 2");
    expect(countActions(r.actions).actions).toBe(3);
  });

  it("wrong-column: a RAG word in the status column and a status in the RAG column", () => {
    const r = readTracker(grid([["Ref", "Status", "RAG", "Action"], ["1", "Amber", null, "a"], ["2", "Completed", "Completed", "b"]]));
    expect(codes(record(r.issues))).toEqual(["wrong-column@B2", "wrong-column@C3"]);
    const alone = readTracker(grid([["Ref", "Status"], ["1", "Red"]]));
    expect(alone.actions[0].rag).toBe("Red");
  });

  it("column-mapped-twice: the first column is used and the second kept as extra", () => {
    const r = readTracker(grid([["Ref", "Lead", "Owner", "Action", "Status"], ["1", "NP", "CS", "a", "Completed"]]));
    expect(codes(record(r.issues))).toEqual(["column-mapped-twice@C1"]);
    expect(r.actions[0]).toMatchObject({ lead: "NP", extra: { Owner: "CS" } });
  });

  it("guessed-reading: two status columns that say no period; the rightmost holding values is read, and the report says it was a guess", () => {
    const r = readTracker(grid([["Ref", "Action", "Status", "Status"], ["1", "a", "In progress", "Completed"], ["2", "b", "On hold", null]]));
    expect(codes(record(r.issues))).toEqual(["guessed-reading@D1", "missing-value@D3"]);
    expect(r.actions.map((a) => a.status)).toEqual(["Completed", null]);
    expect(r.issues[0].message).toContain("column D was read as this period's Status because it is the rightmost that holds values");
    expect(r.issues[0].message).toContain("--map status=C");
    // Confirmed by the user: no guess.
    expect(codes(readTracker(grid([["Ref", "Action", "Status", "Status"], ["1", "a", "In progress", "Completed"]]), { overrides: { status: "D" } }).issues)).toEqual([]);
  });

  it("no-action-column: a tracker with no column read as the action says so", () => {
    const r = readTracker(grid([["Ref", "Status"], ["1", "Completed"]]));
    expect(codes(record(r.issues))).toEqual(["no-action-column@A1"]);
    expect(r.issues[0].message).toContain('Headers found on row 1: "Ref" (A), "Status" (B)');
    expect(r.issues[0].message).toContain("--map action=COLUMN");
  });

  it("group-heading: a reference and a title over rows with no reference that carry their own status", () => {
    const r = readTracker(
      grid([
        ["Ref", "Action", "Lead", "Status"],
        ["7.", "Police and Crime Committee work programme", null, null],
        [null, "Report on stop and search", "PCC", "Completed"],
        [null, "Report on custody", "CEO", "In progress"],
        ["8", "Publish the annual report", "CEO", "Completed"],
      ]),
    );
    expect(codes(record(r.issues))).toEqual(["group-heading@A2"]);
    expect(r.actions.map((a) => [a.id, a.theme, a.status])).toEqual([
      ["7.1", "7. Police and Crime Committee work programme", "Completed"],
      ["7.2", "7. Police and Crime Committee work programme", "In progress"],
      ["8", "", "Completed"],
    ]);
    expect(r.issues[0].message).toContain("heading of the 2 rows below it");
  });

  it("key-read: the sheet's own key says what its colours mean (Blue = complete, White = not started)", () => {
    const r = readTracker(
      grid([
        ["Recommendations tracker"],
        ["Key: Red = off track; Amber = at risk; Green = on track; Blue = complete; White – not started"],
        ["Ref", "Recommendation", "RAG"],
        ["1", "a", "Blue"],
        ["2", "b", "White"],
        ["3", "c", "Amber"],
      ]),
    );
    expect(codes(record(r.issues))).toEqual(["key-read@A2"]);
    expect(r.actions.map((a) => [a.status, a.rag])).toEqual([
      ["Completed", "Blue"],
      ["Not yet started", "White"],
      ["In progress", "Amber"],
    ]);
    expect(r.issues[0].message).toContain("Blue = Completed, White = Not yet started");
  });

  it("guessed-reading: a reference and a title with nothing else, its rows below folded in, may be a heading", () => {
    const r = readTracker(
      grid([
        ["Ref", "Action", "Lead", "Status"],
        ["1", "Publish the plan", "PCC", "Completed"],
        ["2", "Victims' services", null, null],
        [null, "Commission the hub", null, null],
      ]),
    );
    expect(codes(record(r.issues))).toEqual(["guessed-reading@D3", "missing-value@D3"]);
    expect(r.issues[0].message).toContain('Row 3 ("Victims\' services") has a reference and a title but no status, RAG, lead or update');
  });

  it("missing-reference: a first row with no reference, and a tracker with no reference at all", () => {
    const r = readTracker(grid([["Ref", "Action", "Status"], [null, "orphan", "Completed"], ["2", "b", "Completed"]]));
    expect(codes(record(r.issues))).toEqual(["missing-reference@A2"]);
    expect(r.actions.map((a) => a.id)).toEqual(["Row 2", "2"]);
  });

  it("rag-from-fill and missing-value for a RAG-only tracker", async () => {
    const [sheet] = await roundTrip({
      rows: [
        ["Action", "Delivery Status / Direction of travel"],
        ["V1 Support", "↑"],
        ["V2 Reduce", null],
        ["V3 Ensure", "Green ↔"],
      ],
      fills: { B2: "FF0000" },
    });
    const r = readTracker(sheet);
    expect(r.actions.map((a) => [a.id, a.rag, a.ragSource, a.direction])).toEqual([
      ["V1", "Red", "fill", "improved"],
      ["V2", null, null, null],
      ["V3", "Green", "text", "unchanged"],
    ]);
    expect(codes(record(r.issues))).toEqual(["rag-from-fill@B2", "missing-value@B3"]);
    expect(r.issues[0].severity).toBe("info");
  });

  it("says so when the header has no actions under it", () => {
    const r = readTracker(grid([["Delivery plan 2026/27"], [], ["Ref", "Action", "Status"], [], ["Notes: to be filled in at the next meeting"]], { merges: [merge("A5:C5")] }));
    expect(r.tracker).not.toBeNull();
    expect(r.actions).toEqual([]);
    expect(codes(record(r.issues))).toEqual(["no-actions@A3"]);
    expect(r.issues[0].message).toBe(
      'The tracker on sheet "Tracker" has its header on row 3 but no actions below it. Put one action per row under the header (a reference, the action and its status or RAG), or choose the sheet that holds them.',
    );
  });

  it("mapped-by-content: a status column of sentences is read as the update", () => {
    const sentence = "The work began with partners in May and continues this quarter.";
    const r = readTracker(grid([["Ref", "Action", "Current status", "RAG"], ...[1, 2, 3].map((n) => [String(n), `Action ${n}`, sentence, "Green"])]));
    expect(codes(record(r.issues))).toEqual(["mapped-by-content@C1"]);
    expect(r.actions.map((a) => a.update)).toEqual([sentence, sentence, sentence]);
  });

  afterAll(() => {
    // Every issue code the engine can raise has a test above that raises it.
    expect([...seenCodes].sort()).toEqual([...TRACKER_ISSUE_CODES].sort());
  });
});

describe("overrides are checked against their schema", () => {
  it("reports a field that does not exist, and reads the tracker as detected", () => {
    const r = readTracker(grid([["Ref", "Action", "Status"], ["1", "a", "Completed"]]), { overrides: { colour: "C" } as unknown as Record<string, string> });
    expect(r.issues).toEqual([expect.objectContaining({ code: "mapping-not-found", severity: "error", message: expect.stringContaining('no field called "colour"') })]);
    expect(r.actions[0].status).toBe("Completed");
  });
});

describe("rows that must stay actions (review findings)", () => {
  it("an error in the reference column is an action of its own, reported, not a sub-row", () => {
    const r = readTracker(grid([["Ref", "Action", "Status"], ["1", "a", "Completed"], [{ error: "#N/A" }, "b", "In progress"], ["3", "c", "On hold"]]));
    expect(r.actions.map((a) => a.id)).toEqual(["1", "Row 3", "3"]);
    expect(r.issues.map((i) => `${i.code}@${i.cell}`)).toEqual(["error-value@A3"]);
  });

  it("a row with only a reference is an action, not a section heading", () => {
    const r = readTracker(grid([["Ref", "Action", "Status"], ["VAW-1", "a", "Completed"], ["VAW-2", null, null], ["VAW-3", "c", "On hold"]]));
    expect(r.actions.map((a) => [a.id, a.theme])).toEqual([
      ["VAW-1", ""],
      ["VAW-2", ""],
      ["VAW-3", ""],
    ]);
    expect(r.issues.map((i) => i.code)).toEqual(["missing-action-text", "missing-value"]);
  });

  it("with no reference column, a lone action text is an action; a lone theme cell is a heading", () => {
    const r = readTracker(grid([["Theme", "Action", "Lead", "Status"], ["Victims", null, null, null], [null, "Support victims", "NP", "Completed"], [null, "Reduce harm", null, null]]));
    expect(r.actions.map((a) => [a.action, a.theme])).toEqual([
      ["Support victims", "Victims"],
      ["Reduce harm", "Victims"],
    ]);
  });

  it("reads a date or an Excel serial in the timeframe column as that date", () => {
    const r = readTracker(grid([["Ref", "Status", "Target date"], ["1", "In progress", new Date(Date.UTC(2030, 11, 31))], ["2", "In progress", 47848]]));
    expect(r.actions.map((a) => a.timeframe)).toEqual(["2030-12-31", "2030-12-31"]);
  });
});

describe("an issue's message, worded when first read", () => {
  const issues = () => readTracker(grid([["Ref", "Action", "Status"], ["1", "a", "Done-ish"], ["1", "b", "Complete"], ["", "", "In progress"]])).issues;

  it("is in its place for JSON, structured clones (the worker's messages) and spreads, read or not", () => {
    for (const issue of issues()) {
      expect(Object.keys(issue)).toEqual(["severity", "code", "sheet", "cell", "message"]);
      const json = JSON.parse(JSON.stringify(issue));
      expect(Object.keys(json)).toEqual(["severity", "code", "sheet", "cell", "message"]);
      expect(json.message).toMatch(/\S/);
      expect(structuredClone(issue)).toEqual(json);
      expect({ ...issue }).toEqual(json);
    }
  });

  it("says the same each time it is read, and can be replaced like any property", () => {
    const [issue] = issues();
    const first = issue.message;
    expect(issue.message).toBe(first);
    expect(first).toContain('"Done-ish"');
    issue.message = "changed";
    expect(issue.message).toBe("changed");
    // Unread, too: set before it was ever worded.
    const [unread] = issues();
    unread.message = "set first";
    expect(unread.message).toBe("set first");
    expect(Object.keys(unread)).toEqual(["severity", "code", "sheet", "cell", "message"]);
  });
});
