/**
 * The engine on a sheet that keeps several periods side by side (issue 15,
 * scope 2): the one-sheet Hertfordshire tracker ("Status November 2021" in C,
 * "Status June 2021" added after the last column) is its own previous period
 * for the view, the directions and the Panel Summary; the period columns
 * chosen go to the read; a choice that cannot be used says so and is not kept.
 */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { inlineEngine } from "../../src/engine/engine";
import { analyseFiles } from "../../src/cli/run";
import { isHostError } from "../../src/shared/host";
import type { CountLine, TrackerView } from "../../src/shared/host";
import type { ComparedWith, SheetGrid, Snapshot } from "../../src/model";
import { hertsOneSheetGrid } from "../support/herts-periods";

jest.setTimeout(60_000);

let tmp: string;
let grid: SheetGrid;
let june: string;
let file: string;

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "dp-engine-periods-"));
  const built = await hertsOneSheetGrid(tmp);
  grid = built.grid;
  june = built.juneColumn;
  file = built.file;
});

afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

const extra = { sheets: ["Delivery Plan"], snapshots: [], warnings: [], overrides: {}, asOf: "2021-11-30T00:00:00.000Z" };
const NOW = "2021-11-30T00:00:00.000Z";
const counts = (lines: CountLine[]) => Object.fromEntries(lines.map((l) => [l.key, l.count]));
const SHEET: ComparedWith = { kind: "sheet" };
/** This period and the period compared with, as the host gives them (no snapshot loaded unless given). */
const periods = (comparedWith: ComparedWith, loaded: Snapshot | null = null) => ({ period: "November 2021", comparedWith, snapshots: loaded ? [loaded.period] : [], loaded });

describe("a sheet with a status column per period, in the engine", () => {
  it("compares with the sheet's own previous period by default: the view, the directions and the summary", async () => {
    const engine = inlineEngine();
    const loaded = await engine.read({ key: "pane", grid });
    expect(loaded).toMatchObject({ ok: true, actions: 97 });
    expect(loaded.ok && loaded.periodColumns).toBeFalsy();
    const view: TrackerView = await engine.view({ key: "pane", extra });
    expect(view.sheetPeriods).toMatchObject({
      current: "November 2021",
      previous: "June 2021",
      columns: [
        { period: "June 2021", field: "status", column: june, header: "Status June 2021" },
        { period: "November 2021", field: "status", column: "C", header: "Status November 2021" },
      ],
    });
    expect(view.sheetPeriods?.problem).toBeUndefined();
    expect(view.previousPeriod).toBe("June 2021");
    expect(view.previousFrom).toBe("sheet");
    expect(counts(view.status)).toMatchObject({ Completed: 45, "In progress": 52 });
    expect(counts(view.sheetPeriods!.previousCounts!.status)).toEqual({ Completed: 38, "In progress": 55, "On hold": 2, "Not yet started": 2, Closed: 0, "Not set": 0 });

    // The default (the latest) is the sheet's own previous period; so is asking for it.
    for (const comparedWith of [{ kind: "latest" }, SHEET] as ComparedWith[]) {
      await engine.comparePeriods({ key: "pane", periods: periods(comparedWith) });
      const d = await engine.directionChanges({ key: "pane" });
      if (isHostError(d)) throw new Error(d.message);
      expect(d.preview).toMatchObject({ comparedWith, previousLabel: "June 2021", counts: { improved: 11, deteriorated: 0, unchanged: 86, new: 0, removed: 0 } });
    }

    const plan = await engine.summaryPlan({ key: "pane", now: NOW });
    if (isHostError(plan)) throw new Error(plan.message);
    expect(plan.text.sentence).toContain("45 are complete (38 in June 2021)");
  });

  it("a snapshot chosen instead is compared with, not the sheet's own period", async () => {
    const engine = inlineEngine();
    await engine.read({ key: "pane", grid });
    const snapshot: Snapshot = { period: "October 2021", taken: "2021-10-31", actions: [{ id: "1.1", status: "Completed", rag: null }] };
    await engine.comparePeriods({ key: "pane", periods: periods({ kind: "snapshot", label: "October 2021" }, snapshot) });
    const view = await engine.view({ key: "pane", extra });
    expect(view.previousPeriod).toBe("October 2021");
    expect(view.previousFrom).toBe("snapshot");
    const plan = await engine.summaryPlan({ key: "pane", now: NOW });
    if (isHostError(plan)) throw new Error(plan.message);
    expect(plan.text.sentence).toContain("in October 2021");
    expect(plan.text.sentence).not.toContain("June 2021");
    // And the sheet's own period still, when asked for by name.
    await engine.comparePeriods({ key: "pane", periods: periods(SHEET, snapshot) });
    const sheet = await engine.summaryPlan({ key: "pane", now: NOW });
    expect(!isHostError(sheet) && sheet.text.sentence).toContain("(38 in June 2021)");
  });

  it("reads the period columns chosen: June as this period, with no earlier one", async () => {
    const engine = inlineEngine();
    const loaded = await engine.read({ key: "pane", grid, periods: { current: june } });
    expect(loaded.ok && loaded.periodColumns).toEqual({ current: june });
    const view = await engine.view({ key: "pane", extra });
    expect(view.sheetPeriods).toMatchObject({ current: "June 2021", previous: null });
    expect(view.periodColumns).toEqual({ current: june });
    expect(counts(view.status)).toMatchObject({ Completed: 38, "In progress": 55, "On hold": 2, "Not yet started": 2 });
    expect(view.previousPeriod).toBeNull();
    await engine.comparePeriods({ key: "pane", periods: periods(SHEET) });
    const d = await engine.directionChanges({ key: "pane" });
    expect(isHostError(d) && d.code).toBe("no-snapshot");
    expect(isHostError(d) && d.message).toMatch(/keeps no earlier period with values to compare with/);
  });

  it("a column that is not a period column: a plain message naming it and what to do, the latest periods read, nothing kept", async () => {
    const engine = inlineEngine();
    const loaded = await engine.read({ key: "pane", grid, periods: { previous: "B" } });
    expect(loaded.ok && loaded.periodColumns).toBeFalsy();
    const view = await engine.view({ key: "pane", extra });
    expect(view.sheetPeriods?.problem).toBe(
      `Column B ("${grid.values[3][1]}") is not one of the period columns of sheet "${grid.name}", so it cannot be read as the previous period. The latest periods were read instead. Choose the previous period's column under "Periods in this sheet": ${june} ("Status June 2021") or C ("Status November 2021").`,
    );
    expect(view.sheetPeriods).toMatchObject({ current: "November 2021", previous: "June 2021" });
    expect(view.periodColumns).toBeUndefined();
    // The model's own message for the CLI is not listed as well: the pane says it once.
    expect(view.issues.filter((i) => i.code === "mapping-not-found")).toEqual([]);
    await engine.comparePeriods({ key: "pane", periods: periods(SHEET) });
    const d = await engine.directionChanges({ key: "pane" });
    expect(!isHostError(d) && d.preview.counts.improved).toBe(11);
  });

  it("the CLI resolves the same period compared with as the engine (both call resolveComparedWith), with the same directions", async () => {
    const cli = await analyseFiles({ file, asOf: new Date(NOW), overrides: {} });
    expect(cli.previous).toMatchObject({ label: "June 2021", labelFrom: "header" });
    const engine = inlineEngine();
    await engine.read({ key: "pane", grid });
    await engine.comparePeriods({ key: "pane", periods: periods({ kind: "latest" }) });
    const d = await engine.directionChanges({ key: "pane" });
    if (isHostError(d)) throw new Error(d.message);
    expect(d.preview.previousLabel).toBe(cli.previous!.label);
    expect(d.preview.counts).toEqual(cli.previous!.comparison.counts);
  });
});
