/**
 * Fills the reader could not see: a RAG shown by a cell style ("Good", "Bad",
 * "Neutral") or by the user's own conditional formatting is not in
 * getCellProperties, which gives only fills set on a cell itself. Where Excel
 * has Range.getDisplayedCellProperties (ExcelApi 1.19) the reader takes the
 * fills cells show, for cells that hold nothing (never the add-in's own rules
 * read back); where it has not, the pane says such fills cannot be read.
 *
 * On Microsoft's own Excel client (excel-web-16.00.js, with the 1.19 method as
 * the CDN's client has it: test/double/office-client.ts) over the wire host,
 * seeded from the Cambridgeshire sample (RAG column F, three cells whose RAG is
 * only their own fill: F12 amber, F13 green, F14 red).
 */
import { readWorkbookGrids } from "../../src/xlsx";
import { createExcelHost } from "../../src/excel/host";
import { STYLE_FILLS_UNSEEN_WARNING } from "../../src/excel/requirements";
import { stopKeepingTrackerFresh, watchedTracker } from "../../src/excel/refresh";
import type { RefreshTimers } from "../../src/excel/refresh";
import type { TrackerView } from "../../src/shared/host";
import { readTracker } from "../../src/model";
import { ExcelDouble } from "../double/excel-double";
import { EXCEL_API_1_13, EXCEL_ON_THE_WEB, MICROSOFT_365, OFFICE_2021, OFFICE_2024 } from "../double/requirement-profiles";
import type { RequirementProfile } from "../double/requirement-profiles";
import { CAMBS } from "../support/factories";
import { ok } from "../support/host-results";
import { clearTracker } from "../support/store";

const SHEET = "Delivery Plan";
const today = () => new Date(Date.UTC(2018, 10, 30));
/** Excel's own cell styles' fills: Bad, Neutral, Good. */
const BAD = "#FFC7CE";
const NEUTRAL = "#FFEB9C";
const GOOD = "#C6EFCE";

jest.setTimeout(60_000);

const timers: RefreshTimers = { set: () => 0, clear: () => undefined };
let uninstall: () => void = () => undefined;
afterEach(async () => {
  await stopKeepingTrackerFresh();
  uninstall();
  clearTracker();
});

const ragCounts = (v: TrackerView) => Object.fromEntries(v.rag.map((l) => [l.key, l.count]));

/** Cambridgeshire, with three blank RAG cells styled Bad, Neutral and Good; their addresses. */
async function styled(profile: RequirementProfile, watch = false) {
  const grids = await readWorkbookGrids(CAMBS);
  const grid = grids.find((g) => g.name === SHEET)!;
  const report = readTracker(grid);
  const column = report.tracker!.columns.find((c) => c.field === "rag")!.column.charCodeAt(0) - 64;
  const blank = report.actions
    .map((a) => a.rows[0])
    .filter((row) => {
      const v = grid.values[row - grid.firstRow]?.[column - grid.firstColumn];
      return v === null || v === undefined || String(v).trim() === "";
    })
    .slice(0, 4);
  expect(blank).toHaveLength(4);
  const x = ExcelDouble.fromGrids(grids);
  const sheet = x.sheet(SHEET)!;
  [BAD, NEUTRAL, GOOD].forEach((colour, i) => sheet.shownFills.set(`${blank[i]},${column}`, colour));
  uninstall = x.installMicrosoftClient(profile);
  const host = createExcelHost({ now: today, watch, refreshTimers: timers });
  const letter = String.fromCharCode(64 + column);
  return { x, host, sheet, column, cells: blank.slice(0, 3).map((r) => `${letter}${r}`), spare: blank[3] };
}

describe.each([MICROSOFT_365, EXCEL_ON_THE_WEB])("$name (ExcelApi 1.19 or later)", (profile) => {
  it("reads a RAG shown only by a cell style: Bad is Red, Neutral Amber, Good Green", async () => {
    const { host, cells } = await styled(profile);
    const view = ok(await host.readTracker({}));
    expect(ragCounts(view)).toMatchObject({ Red: 2, Amber: 2, Green: 2 });
    expect(view.ragFromFill).toEqual(["F12", "F13", "F14", ...cells].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1))));
    expect(view.warnings).not.toContain(STYLE_FILLS_UNSEEN_WARNING);
  });

  it("never takes a fill shown over a cell that holds something: F12's own amber stands under a green rule's colour", async () => {
    const { host, sheet, column } = await styled(profile);
    // As the add-in's own direction rule shows "↑" (improved): green over the user's amber.
    sheet.shownFills.set(`12,${column}`, GOOD);
    const view = ok(await host.readTracker({}));
    expect(ragCounts(view)).toMatchObject({ Red: 2, Amber: 2, Green: 2 });
  });

  it("sees a style applied after the last read: the next command reads the sheet again", async () => {
    const { x, host, sheet, column, spare } = await styled(profile, true);
    ok(await host.readTracker({}));
    await watchedTracker();
    ok(await host.readTracker({}));
    await x.wire.eventsDelivered();
    x.resetCounters();
    const again = ok(await host.readTracker({}));
    // Unchanged: reused, one round trip.
    expect(x.wire.commandSyncs).toHaveLength(1);
    expect(ragCounts(again)).toMatchObject({ Red: 2 });
    // The user styles one more blank RAG cell "Bad": no value changes, no change event.
    sheet.shownFills.set(`${spare},${column}`, BAD);
    x.resetCounters();
    const after = ok(await host.readTracker({}));
    expect(x.wire.commandSyncs.length).toBeGreaterThan(1);
    expect(ragCounts(after).Red).toBe(3);
  });
});

describe.each([OFFICE_2024, OFFICE_2021, EXCEL_API_1_13])("$name (before ExcelApi 1.19)", (profile) => {
  it("reads the fills set on cells, asks Excel for nothing it lacks, and says that styled fills cannot be read", async () => {
    const { x, host } = await styled(profile);
    const view = ok(await host.readTracker({}));
    expect(ragCounts(view)).toMatchObject({ Red: 1, Amber: 1, Green: 1 });
    expect(view.ragFromFill).toEqual(["F12", "F13", "F14"]);
    expect(view.warnings).toContain(STYLE_FILLS_UNSEEN_WARNING);
    expect(x.refused).toEqual([]);
  });
});

it("does not say so for a tracker with no RAG column (Hertfordshire has a status only)", async () => {
  const { HERTS } = await import("../support/factories");
  const x = ExcelDouble.fromGrids(await readWorkbookGrids(HERTS));
  uninstall = x.installMicrosoftClient(OFFICE_2021);
  const view = ok(await createExcelHost({ now: today, watch: false }).readTracker({}));
  expect(view.actions).toBe(97);
  expect(view.warnings).not.toContain(STYLE_FILLS_UNSEEN_WARNING);
});
