/**
 * ACTIONS.HISTORY (issue 27): each period kept, oldest first, with how many actions had a
 * status or RAG then, and the tracker as it is now last — from the periods a host
 * published, or from the snapshot sheet's range passed in. On the Hertfordshire sample
 * (November 2021: 45 Completed, 52 In progress), with snapshots made from it; and in
 * Excel from the snapshot sheet the pane keeps, with no range.
 */
import { currentTracker, keptHistory, publishHistory, publishTracker, subscribe } from "../../src/shared/store";
import type { PublishedIndex } from "../../src/shared/store";
import { NOW, NO_TRACKER_CHOSEN, evalHistory } from "../../src/functions/evaluate";
import { SNAPSHOT_HEADER, SNAPSHOT_SHEET, snapshotRows } from "../../src/model";
import type { Action, SheetGrid, Status } from "../../src/model";
import { createExcelHost } from "../../src/excel/host";
import { loadSavedTracker } from "../../src/excel/settings";
import { stopKeepingTrackerFresh } from "../../src/excel/refresh";
import { ExcelDouble } from "../double/excel-double";
import { ok } from "../support/host-results";
import { SampleTracker, loadHerts } from "../support/sample-trackers";
import { clearTracker } from "../support/store";

let herts: SampleTracker;

beforeAll(async () => {
  herts = await loadHerts();
});

afterEach(() => {
  publishHistory(null);
  clearTracker();
});

function published(): PublishedIndex {
  const t = publishTracker(herts.report);
  if (!t) throw new Error("not published");
  return t;
}

/** The tracker with its first `n` Completed actions back In progress: an earlier period. */
function earlier(n: number): Action[] {
  let left = n;
  return herts.report.actions.map((a) => (a.status === "Completed" && left-- > 0 ? { ...a, status: "In progress" as Status } : a));
}

const taken = new Date(Date.UTC(2021, 11, 1));
/** The snapshot sheet as Excel passes its range: the header, then September's rows before June's (the order taken need not be time order). */
function snapshotRange(): string[][] {
  return [[...SNAPSHOT_HEADER], ...snapshotRows("September 2021", taken, "Sheet1", earlier(5)), ...snapshotRows("June 2021", taken, "Sheet1", earlier(12))];
}

describe("ACTIONS.HISTORY", () => {
  it("with the snapshot sheet's range: each period oldest first, then the tracker now", () => {
    const t = published();
    expect(evalHistory(t, null, "Completed", snapshotRange())).toEqual([
      ["June 2021", 33],
      ["September 2021", 40],
      [NOW, 45],
    ]);
    // Any spelling the vocabulary knows.
    expect(evalHistory(t, null, "in-progress", snapshotRange())).toEqual([
      ["June 2021", 64],
      ["September 2021", 57],
      [NOW, 52],
    ]);
  });

  it("with the periods a host published: this period named, its own snapshot giving way to the tracker now", () => {
    const t = published();
    const periods = [
      { label: "June 2021", actions: earlier(12) },
      { label: "November 2021", actions: earlier(45) },
      { label: "September 2021", actions: earlier(5) },
    ];
    let heard = 0;
    const stop = subscribe(() => heard++);
    publishHistory({ sheet: herts.report.tracker!.sheet, period: "November 2021", earlier: periods });
    stop();
    expect(heard).toBe(1);
    expect(evalHistory(t, keptHistory(), "Completed")).toEqual([
      ["June 2021", 33],
      ["September 2021", 40],
      ["November 2021", 45],
    ]);
    // Another sheet's periods are not this tracker's.
    publishHistory({ sheet: "Another sheet", period: "November 2021", earlier: periods });
    expect(keptHistory()).toBeNull();
  });

  it("says what to do when no period is kept, and refuses a direction or an unknown word", () => {
    const t = published();
    expect(evalHistory(t, null, "Completed")).toEqual({ error: "#N/A", message: expect.stringMatching(/No earlier period is kept\. Take a snapshot .*'Delivery plan snapshots'!A1:H2000/) });
    expect(evalHistory(t, null, "Completed", [["a", "b"], ["c", "d"]])).toEqual({ error: "#N/A", message: expect.stringMatching(/holds no snapshot rows/) });
    expect(evalHistory(t, null, "↑", snapshotRange())).toEqual({ error: "#VALUE!", message: expect.stringMatching(/is a direction of travel/) });
    expect(evalHistory(t, null, "Purple", snapshotRange())).toMatchObject({ error: "#VALUE!" });
    expect(evalHistory(t, null, "", snapshotRange())).toMatchObject({ error: "#VALUE!" });
    expect(evalHistory(null, null, "Completed", snapshotRange())).toEqual(NO_TRACKER_CHOSEN);
  });
});

/**
 * In Excel, without a range: the snapshots the pane took, read from the workbook's
 * snapshot sheet when the functions' runtime starts (loadSavedTracker), and again, with
 * this period's label, when the pane builds the Panel Summary: on Microsoft's client
 * over the wire host.
 */
describe("ACTIONS.HISTORY from the snapshot sheet the pane keeps", () => {
  let uninstall: () => void = () => undefined;
  afterEach(async () => {
    await stopKeepingTrackerFresh();
    uninstall();
  });

  async function workbookWithSnapshots() {
    const snapshots: SheetGrid = { name: SNAPSHOT_SHEET, firstRow: 1, firstColumn: 1, values: snapshotRange(), merges: [] };
    const x = ExcelDouble.fromGrids([...herts.grids, snapshots]);
    uninstall = x.installMicrosoftClient();
    const host = createExcelHost({ requirements: { isSetSupported: () => true }, now: () => new Date(Date.UTC(2021, 11, 1)), watch: false });
    // The pane found the tracker once: the workbook keeps which sheet it is.
    ok(await host.readTracker({ sheet: herts.report.tracker!.sheet }));
    return { x, host };
  }

  it("the runtime, started without the pane, publishes the snapshots with the tracker: =ACTIONS.HISTORY(\"Completed\") needs no range", async () => {
    const { x } = await workbookWithSnapshots();
    clearTracker();
    publishHistory(null);
    expect(await loadSavedTracker(x.microsoftNamespace)).toBe(herts.report.tracker!.sheet);
    expect(evalHistory(currentTracker(), keptHistory(), "Completed")).toEqual([
      ["June 2021", 33],
      ["September 2021", 40],
      [NOW, 45],
    ]);
    expect(evalHistory(currentTracker(), keptHistory(), "In progress")).toEqual([
      ["June 2021", 64],
      ["September 2021", 57],
      [NOW, 52],
    ]);
  });

  it("a snapshot the pane takes counts at once, after those published", async () => {
    const { host } = await workbookWithSnapshots();
    ok(await host.buildPanelSummary({ period: "November 2021" }));
    ok(await host.takeSnapshot({ period: "October 2021" }));
    expect(evalHistory(currentTracker(), keptHistory(), "Completed")).toEqual([
      ["June 2021", 33],
      ["September 2021", 40],
      ["October 2021", 45],
      ["November 2021", 45],
    ]);
  });

  it("the pane's Panel Summary reads every snapshot for its history, and labels this period for the functions", async () => {
    const { x, host } = await workbookWithSnapshots();
    x.resetCounters();
    const built = ok(await host.buildPanelSummary({ period: "November 2021" }));
    // The trend the pane draws: three periods, oldest first, Completed 33, 40, 45.
    expect(built.trend?.periods).toEqual(["June 2021", "September 2021", "November 2021"]);
    expect(built.trend?.series.find((s) => s.name === "Completed")?.counts).toEqual([33, 40, 45]);
    expect(x.chartsOn("Panel Summary").map((c) => c.type)).toEqual(["BarStacked", "LineMarkers"]);
    expect(evalHistory(currentTracker(), keptHistory(), "Completed")).toEqual([
      ["June 2021", 33],
      ["September 2021", 40],
      ["November 2021", 45],
    ]);
  });
});
