/** The snapshot sheet read back: which period to compare with, and what a snapshot knew as actions. */
import { ActionSchema, LATEST, snapshotAsked, readSnapshots, readTracker, snapshotActions, snapshotRows, SNAPSHOT_HEADER } from "../../src/model";
import { grid } from "../support/factories";

const tracker = readTracker(
  grid([
    ["Ref", "Action", "Status", "RAG", "Update"],
    ["A1", "Fund victims' services", "In progress", "Amber", "Started"],
    ["A2", "Open the new station", "Completed", "Green", "Done"],
    ["A3", "Review estates", "Not yet started", "", ""],
  ]),
);

/** Three periods, as the add-in appends them: June, September, then November. */
const sheet = grid(
  [
    [...SNAPSHOT_HEADER],
    ...snapshotRows("June 2021", new Date(Date.UTC(2021, 5, 30)), "Delivery Plan", tracker.actions),
    ...snapshotRows("September 2021", new Date(Date.UTC(2021, 8, 30)), "Delivery Plan", tracker.actions),
    ...snapshotRows("November 2021", new Date(Date.UTC(2021, 10, 30)), "Delivery Plan", tracker.actions.slice(0, 2)),
  ],
  { name: "Delivery plan snapshots" },
);
const periods = readSnapshots(sheet);

describe("snapshotAsked: the snapshot whose rows a comparison needs", () => {
  it("is the latest period when none is asked for", () => {
    expect(periods.map((p) => p.period)).toEqual(["June 2021", "September 2021", "November 2021"]);
    expect(snapshotAsked(LATEST, periods)?.period).toBe("November 2021");
  });

  it("is never the current period itself: the one before it then", () => {
    expect(snapshotAsked(LATEST, periods, "November 2021")?.period).toBe("September 2021");
  });

  it("is the one asked for, by its label", () => {
    const june = snapshotAsked({ kind: "snapshot", label: "June 2021" }, periods, "November 2021");
    expect(june?.period).toBe("June 2021");
    expect(june?.actions).toHaveLength(3);
  });

  it("is none when none is asked for, or the sheet's own period, or when the label asked for is not in the sheet", () => {
    expect(snapshotAsked({ kind: "none" }, periods)).toBeNull();
    expect(snapshotAsked({ kind: "sheet" }, periods)).toBeNull();
    expect(snapshotAsked({ kind: "snapshot", label: "March 2021" }, periods)).toBeNull();
  });

  it("is none when the sheet has only the current period, or no period at all", () => {
    expect(snapshotAsked(LATEST, periods.slice(2), "November 2021")).toBeNull();
    expect(snapshotAsked(LATEST, [])).toBeNull();
  });
});

describe("snapshotActions", () => {
  it("gives the reference, status and RAG each action had, as valid actions", () => {
    const june = snapshotActions(periods[0]);
    expect(june.map((a) => [a.id, a.status, a.rag, a.ragSource])).toEqual([
      ["A1", "In progress", "Amber", "text"],
      ["A2", "Completed", "Green", "text"],
      ["A3", "Not yet started", null, null],
    ]);
    for (const a of june) expect(ActionSchema.safeParse(a).success).toBe(true);
  });

  it("knows nothing else of the action: its text and update were not recorded", () => {
    const [first] = snapshotActions(periods[2]);
    expect(first).toMatchObject({ action: "", update: "", lead: "", direction: null, references: [], rows: [1] });
  });
});
