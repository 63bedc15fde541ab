/**
 * The period compared with (src/model/analysis/compared-with.ts): one typed
 * ComparedWith, resolved by one function, resolveComparedWith, that the CLI and
 * the pane's engine both call. Each kind on the Hertfordshire samples: the June
 * 2021 workbook as a snapshot and as a previous period's file, and the
 * one-sheet tracker that keeps June 2021 beside November as its own previous
 * period.
 */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { LATEST, chooseTrackerSheet, hasTracker, previousPeriodInSheet, readTracker, resolveComparedWith, snapshotAsked, wordsOf } from "../../src/model";
import type { ComparedWith, PeriodAction, PeriodsAtHand, PreviousPeriod, Snapshot } from "../../src/model";
import { readWorkbookGrids } from "../../src/xlsx";
import { HERTS_JUNE } from "../support/factories";
import { hertsOneSheetGrid } from "../support/herts-periods";

jest.setTimeout(60_000);

let tmp: string;
let juneActions: PeriodAction[];
let inSheet: PreviousPeriod;

beforeAll(async () => {
  const june = chooseTrackerSheet(await readWorkbookGrids(HERTS_JUNE));
  if (!june.ok) throw new Error(june.message);
  juneActions = readTracker(june.grid).actions;
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "dp-compared-with-"));
  const { grid } = await hertsOneSheetGrid(tmp);
  const report = readTracker(grid);
  if (!hasTracker(report)) throw new Error("the one-sheet tracker");
  const found = previousPeriodInSheet(grid, report, wordsOf(null));
  if (!found) throw new Error("the one-sheet tracker keeps no previous period");
  inSheet = { label: found.label, actions: found.actions };
});

afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

const snapshot = (period: string): Snapshot => ({ period, taken: "2021-06-30", actions: juneActions });

/** What a workbook has at hand: its snapshots (the one the choice asks for loaded, as the host loads it), and its own previous period, if it keeps one. */
function atHand(asked: ComparedWith, snapshots: string[], options: { current?: string; inSheet?: boolean } = {}): PeriodsAtHand {
  const wanted = snapshotAsked(asked, snapshots.map((period) => ({ period })), options.current);
  return { current: options.current, snapshots, loaded: wanted ? snapshot(wanted.period) : null, inSheet: options.inSheet ? inSheet : null };
}

const resolved = (asked: ComparedWith, at: PeriodsAtHand) => {
  const r = resolveComparedWith(asked, at);
  if (!r.ok) throw new Error(`expected a period, got the problem ${r.problem}`);
  return r.period && { label: r.period.label, from: r.period.from, actions: r.period.actions.length };
};

describe("resolveComparedWith: each kind", () => {
  it("latest: the sheet's own previous period when it keeps one, else the latest snapshot that is not this period's, else none", () => {
    expect(inSheet.label).toBe("June 2021");
    expect(resolved(LATEST, atHand(LATEST, ["June 2021", "September 2021"], { inSheet: true }))).toEqual({ label: "June 2021", from: "sheet", actions: 97 });
    expect(resolved(LATEST, atHand(LATEST, ["June 2021", "September 2021"]))).toEqual({ label: "September 2021", from: "snapshot", actions: 97 });
    // This period's own snapshot is never the previous one.
    expect(resolved(LATEST, atHand(LATEST, ["June 2021", "November 2021"], { current: "November 2021" }))).toEqual({ label: "June 2021", from: "snapshot", actions: 97 });
    expect(resolved(LATEST, atHand(LATEST, ["November 2021"], { current: "November 2021" }))).toBeNull();
    expect(resolved(LATEST, atHand(LATEST, []))).toBeNull();
  });

  it("none: no period, whatever there is", () => {
    const none: ComparedWith = { kind: "none" };
    expect(resolved(none, atHand(none, ["June 2021"], { inSheet: true }))).toBeNull();
  });

  it("sheet: the sheet's own previous period, even with snapshots; a problem when the sheet keeps none", () => {
    const sheet: ComparedWith = { kind: "sheet" };
    expect(resolved(sheet, atHand(sheet, ["September 2021"], { inSheet: true }))).toEqual({ label: "June 2021", from: "sheet", actions: 97 });
    expect(resolveComparedWith(sheet, atHand(sheet, ["September 2021"]))).toEqual({ ok: false, problem: "no-sheet-period" });
  });

  it("snapshot: the snapshot of that label, even where the sheet keeps its own previous period", () => {
    const june: ComparedWith = { kind: "snapshot", label: "June 2021" };
    expect(resolved(june, atHand(june, ["June 2021", "September 2021"], { inSheet: true }))).toEqual({ label: "June 2021", from: "snapshot", actions: 97 });
  });

  it("a label no snapshot has: one problem, naming the label and the snapshots there are (the host words it: no-snapshot)", () => {
    const march: ComparedWith = { kind: "snapshot", label: "March 2019" };
    expect(resolveComparedWith(march, atHand(march, ["June 2021", "September 2021"], { inSheet: true }))).toEqual({
      ok: false,
      problem: "no-such-snapshot",
      label: "March 2019",
      snapshots: ["June 2021", "September 2021"],
    });
    // Labels are matched as typed: "june 2021" is not "June 2021".
    const lower: ComparedWith = { kind: "snapshot", label: "june 2021" };
    expect(resolveComparedWith(lower, atHand(lower, ["June 2021"]))).toMatchObject({ ok: false, problem: "no-such-snapshot" });
  });

  it("file: the previous period's workbook under the label the CLI gives it; a problem where there is none", () => {
    const file: ComparedWith = { kind: "file", label: "June 2021" };
    expect(resolved(file, { ...atHand(file, ["September 2021"], { inSheet: true }), file: { actions: juneActions } })).toEqual({ label: "June 2021", from: "file", actions: 97 });
    expect(resolveComparedWith(file, atHand(file, []))).toEqual({ ok: false, problem: "no-file" });
  });
});
