/** Actions renamed between periods: with no reference column, the wording matches them. */
import { compareWithPrevious, readTracker, wordingLikeness } from "../../src/model";
import { grid } from "../support/factories";

const june = grid([
  ["Action", "Status"],
  ["Commission an independent domestic abuse advocacy service", "In progress"],
  ["Recruit two hundred new police officers", "Not yet started"],
  ["Publish the rural crime strategy", "In progress"],
  ["Review the custody contract", "In progress"],
]);
const november = grid([
  ["Action", "Status"],
  // Rows moved, one action reworded, one gone, one new.
  ["Recruit two hundred new police officers", "In progress"],
  ["Commission an independent domestic abuse advocacy service for victims", "Completed"],
  ["Open the new victims' hub in Stevenage", "Not yet started"],
  ["Publish the rural crime strategy", "In progress"],
]);

describe("actions with no reference are matched by their wording", () => {
  it("close wording is the same action, reported as renamed; the direction follows the match", () => {
    const now = readTracker(november).actions;
    const before = readTracker(june).actions;
    expect(now.map((a) => a.id)).toEqual(["Row 2", "Row 3", "Row 4", "Row 5"]);
    const c = compareWithPrevious(now, before);
    expect(c.changes.map((x) => `${x.id} ${x.direction} ${x.from}→${x.to}`)).toEqual([
      "Row 2 improved Not yet started→In progress",
      "Row 3 improved In progress→Completed",
      "Row 4 new null→Not yet started",
      "Row 5 unchanged In progress→In progress",
    ]);
    expect(c.renamed).toEqual([
      {
        id: "Row 3",
        previousId: "Row 2",
        from: "Commission an independent domestic abuse advocacy service",
        to: "Commission an independent domestic abuse advocacy service for victims",
      },
    ]);
    expect(c.removed).toEqual(["Row 5"]);
    expect(c.counts).toEqual({ improved: 2, deteriorated: 0, unchanged: 1, new: 1, removed: 1 });
  });

  it("different wording in the same row is another action, not a match by position", () => {
    const c = compareWithPrevious([{ id: "Row 2", status: "Completed", rag: null, action: "Open the hub" }], [{ id: "Row 2", status: "In progress", rag: null, action: "Close the old station" }]);
    expect(c.changes[0].direction).toBe("new");
    expect(c.removed).toEqual(["Row 2"]);
    expect(c.renamed).toEqual([]);
  });

  it("without wording on one side (a snapshot keeps none), the row still matches as before; references always match by reference", () => {
    const bySnapshot = compareWithPrevious([{ id: "Row 2", status: "Completed", rag: null, action: "Open the hub" }], [{ id: "Row 2", status: "In progress", rag: null }]);
    expect(bySnapshot.changes[0]).toMatchObject({ direction: "improved", basis: "status" });
    const referenced = compareWithPrevious(
      [{ id: "V1", status: "Completed", rag: null, action: "Something else entirely" }, { id: "V1", status: "On hold", rag: null }],
      [{ id: "V1", status: "In progress", rag: null, action: "Ensure victims are heard" }],
    );
    expect(referenced.changes.map((x) => x.direction)).toEqual(["improved", "deteriorated"]);
    expect(referenced.renamed).toEqual([]);
  });

  it("likeness of wordings", () => {
    expect(wordingLikeness("Publish the rural crime strategy", "Publish the rural crime strategy 2022")).toBeGreaterThan(0.8);
    expect(wordingLikeness("Publish the rural crime strategy", "Review the custody contract")).toBeLessThan(0.3);
    expect(wordingLikeness("", "Anything")).toBe(0);
  });
});
