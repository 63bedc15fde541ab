/**
 * "Read only what changed" (src/excel/unchanged.ts, host.ts), on Microsoft's
 * own Excel client (excel-web-16.00.js) over the wire host, seeded from the
 * samples: a pane command on a tracker unchanged since the last read costs only
 * its own round trips, and every kind of change — this user's, a co-author's,
 * a recalculated formula, rows inserted or deleted, a sheet renamed, a fill, the
 * words sheet, the pane reopened, our own writes — makes the next command read
 * the sheet again, and see the change.
 */
import { readWorkbookGrids } from "../../src/xlsx";
import { createExcelHost } from "../../src/excel/host";
import { stopKeepingTrackerFresh, watchedTracker } from "../../src/excel/refresh";
import type { RefreshTimers } from "../../src/excel/refresh";
import { isHostError } from "../../src/shared/host";
import type { HostResult, TaskpaneHost, TrackerView } from "../../src/shared/host";
import { WORDS_SHEET } from "../../src/model";
import { ExcelDouble } from "../double/excel-double";
import type { DoubleSheet, OfficeValue } from "../double/excel-double";
import { CAMBS, HERTS } from "../support/factories";
import { realisticTracker } from "../support/realistic-tracker";
import { REQUEST_BUDGET_BYTES } from "../../src/excel/blocks";
import { clearTracker } from "../support/store";
import { ok } from "../support/host-results";

const HERTS_SHEET = "Delivery Plan 2021-22";
const CAMBS_SHEET = "Delivery Plan";
const supported = { isSetSupported: () => true };
const today = () => new Date(Date.UTC(2022, 0, 15));

jest.setTimeout(60_000);

/** The watch's debounce never fires on its own here: its re-reads for the functions would add round trips of their own. */
const timers: RefreshTimers = { set: () => 0, clear: () => undefined };

let uninstall: () => void = () => undefined;
afterEach(async () => {
  await stopKeepingTrackerFresh();
  uninstall();
  clearTracker();
});

const statusCounts = (v: TrackerView) => Object.fromEntries(v.status.map((l) => [l.key, l.count]));

/**
 * A workbook and a pane host that watches it; the tracker read twice: the first
 * read starts the watch, the second is made while it listens, so it is kept.
 */
async function ready(file = HERTS, seed?: (x: ExcelDouble) => void): Promise<{ x: ExcelDouble; host: TaskpaneHost; first: TrackerView }> {
  const x = ExcelDouble.fromGrids(await readWorkbookGrids(file));
  seed?.(x);
  uninstall = x.installMicrosoftClient();
  const host = createExcelHost({ requirements: supported, now: today, refreshTimers: timers });
  ok(await host.readTracker({}));
  await watchedTracker();
  const first = ok(await host.readTracker({}));
  await x.wire.eventsDelivered();
  x.resetCounters();
  return { x, host, first };
}

/** Round trips of the command, and whether it read the sheet's rows again (more than the first round trip). */
async function measured<T>(x: ExcelDouble, command: () => Promise<HostResult<T>>): Promise<{ value: T; syncs: number }> {
  x.resetCounters();
  const value = ok(await command());
  return { value, syncs: x.wire.commandSyncs.length };
}

/** Insert a row above `row` (1-based), as Excel's Insert > Sheet Rows does to values, formulas and fills; no event is raised. */
function insertRow(sheet: DoubleSheet, row: number, cells: OfficeValue[]) {
  sheet.values.splice(row - 1, 0, cells);
  const shift = (m: Map<string, string>) => {
    const moved = [...m].map(([k, v]) => {
      const [r, c] = k.split(",").map(Number);
      return [`${r >= row ? r + 1 : r},${c}`, v] as [string, string];
    });
    m.clear();
    for (const [k, v] of moved) m.set(k, v);
  };
  shift(sheet.fills);
  shift(sheet.formulas);
  shift(sheet.numberFormats);
  sheet.merges = sheet.merges.map((m) => (m.top >= row ? { ...m, top: m.top + 1, bottom: m.bottom + 1 } : m));
}

describe("an unchanged tracker is not read again", () => {
  it("reading it costs one round trip; formatting and the panel summary two; the results are the same as a full read's", async () => {
    const { x, host, first } = await readyHerts();
    const again = await measured(x, () => host.readTracker({}));
    expect(again.syncs).toBe(1);
    expect(again.value.actions).toBe(first.actions);
    expect(statusCounts(again.value)).toEqual(statusCounts(first));
    expect(again.value.warnings).toEqual(first.warnings);

    const formatted = await measured(x, () => host.applyFormatting({}));
    expect(formatted.value).toMatchObject({ sheet: HERTS_SHEET, added: 10, removed: 0 });
    expect(formatted.syncs).toBe(2);
    expect(x.sheet(HERTS_SHEET)!.conditionalFormats).toHaveLength(10);
    // Formatting raises no change event on the sheet's values: the tracker is still reused.
    await x.wire.eventsDelivered();
    const summary = await measured(x, () => host.buildPanelSummary({ period: "January 2022", comparedWith: { kind: "none" } }));
    expect(summary.syncs).toBe(2);
    expect(x.sheet(summary.value.sheet)).toBeDefined();
    // And again: our old summary is found (in the first round trip) and replaced, not duplicated.
    await x.wire.eventsDelivered();
    const rebuilt = await measured(x, () => host.buildPanelSummary({ period: "January 2022", comparedWith: { kind: "none" } }));
    expect(rebuilt.syncs).toBe(2);
    expect(rebuilt.value.sheet).toBe(summary.value.sheet);
    expect(x.sheets.filter((s) => s.name.startsWith("Panel Summary"))).toHaveLength(1);

    // The drop-down lists' probe and the snapshot's "where" ride with the first round trip too.
    await x.wire.eventsDelivered();
    const lists = await measured(x, () => host.addValidation({}, { style: "warning" }));
    expect(lists.syncs).toBe(2);
    expect(lists.value.added.length).toBeGreaterThan(0);
    await x.wire.eventsDelivered();
    const listsAgain = await measured(x, () => host.addValidation({}, { style: "warning" }));
    expect(listsAgain.value.replaced).toBe(lists.value.added.length);
    await x.wire.eventsDelivered();
    const snapshot = await measured(x, () => host.takeSnapshot({ period: "January 2022" }));
    expect(snapshot.syncs).toBe(2);
    expect(snapshot.value.rows).toBe(97);
    await x.wire.eventsDelivered();
    const second = await measured(x, () => host.takeSnapshot({ period: "February 2022" }));
    expect(second.value.snapshots.map((p) => [p.period, p.actions])).toEqual([
      ["January 2022", 97],
      ["February 2022", 97],
    ]);
    // Appended below the first, not over it.
    expect(x.sheet("Delivery plan snapshots")!.values.filter((r) => r[0] === "January 2022")).toHaveLength(97);

    // The period compared with rides with the first round trip (listed there in the same rows).
    await x.wire.eventsDelivered();
    const compared = await measured(x, () => host.buildPanelSummary({ period: "March 2022", comparedWith: { kind: "snapshot", label: "February 2022" } }));
    expect(compared.syncs).toBe(2);
    const full = createExcelHost({ requirements: supported, now: today, watch: false });
    const fullRead = ok(await full.buildPanelSummary({ period: "March 2022", comparedWith: { kind: "snapshot", label: "February 2022" } }));
    expect(compared.value.sentence).toBe(fullRead.sentence);
    expect(compared.value.sentence).toMatch(/February 2022/);
  });

  it("the first read, made before the watch listened, is not reused; the one made while it listens is", async () => {
    const x = ExcelDouble.fromGrids(await readWorkbookGrids(HERTS));
    uninstall = x.installMicrosoftClient();
    const host = createExcelHost({ requirements: supported, now: today, refreshTimers: timers });
    ok(await host.readTracker({}));
    expect((await measured(x, () => host.readTracker({}))).syncs).toBeGreaterThan(1);
    expect((await measured(x, () => host.readTracker({}))).syncs).toBe(1);
  });

  it("without a watch (watch: false) every command reads the sheet", async () => {
    const x = ExcelDouble.fromGrids(await readWorkbookGrids(HERTS));
    uninstall = x.installMicrosoftClient();
    const host = createExcelHost({ requirements: supported, now: today, watch: false });
    ok(await host.readTracker({}));
    ok(await host.readTracker({}));
    expect((await measured(x, () => host.readTracker({}))).syncs).toBeGreaterThan(1);
  });
});

async function readyHerts() {
  return ready(HERTS);
}

describe("every kind of change is seen: the next command reads the sheet again", () => {
  it("this user's edit (a change event)", async () => {
    const { x, host, first } = await readyHerts();
    expect(statusCounts(first)).toMatchObject({ Completed: 45, "In progress": 52 });
    const sheet = x.sheet(HERTS_SHEET)!;
    const row = sheet.values.findIndex((r, i) => i >= 4 && r[2] === "In progress") + 1;
    x.userEdit(HERTS_SHEET, `C${row}`, "Completed");
    await x.wire.eventsDelivered();
    const after = await measured(x, () => host.readTracker({}));
    expect(after.syncs).toBeGreaterThan(1);
    expect(statusCounts(after.value)).toMatchObject({ Completed: 46, "In progress": 51 });
    // Read again, it is kept again.
    expect((await measured(x, () => host.readTracker({}))).syncs).toBe(1);
  });

  it('a co-author\'s edit (source: "Remote")', async () => {
    const { x, host } = await readyHerts();
    const sheet = x.sheet(HERTS_SHEET)!;
    const row = sheet.values.findIndex((r, i) => i >= 4 && r[2] === "Completed") + 1;
    x.userEdit(HERTS_SHEET, `C${row}`, "In progress", "Remote");
    await x.wire.eventsDelivered();
    const after = await measured(x, () => host.applyFormatting({}));
    expect(after.syncs).toBeGreaterThan(2);
    const view = await measured(x, () => host.readTracker({}));
    expect(statusCounts(view.value)).toMatchObject({ Completed: 44, "In progress": 53 });
  });

  it("a change event that arrives during a command: the command after it reads again", async () => {
    const { x, host } = await readyHerts();
    const sheet = x.sheet(HERTS_SHEET)!;
    const row = sheet.values.findIndex((r, i) => i >= 4 && r[2] === "Completed") + 1;
    const reading = host.readTracker({});
    x.userEdit(HERTS_SHEET, `C${row}`, "In progress", "Remote");
    ok(await reading);
    await x.wire.eventsDelivered();
    const view = await measured(x, () => host.readTracker({}));
    expect(view.syncs).toBeGreaterThan(1);
    expect(statusCounts(view.value)).toMatchObject({ Completed: 44, "In progress": 53 });
  });

  it("a recalculated formula (Excel raises no change event for it): its value is checked in the first round trip", async () => {
    let statusRow = 0;
    const { x, host, first } = await ready(HERTS, (double) => {
      const sheet = double.sheet(HERTS_SHEET)!;
      statusRow = sheet.values.findIndex((r, i) => i >= 4 && r[2] === "In progress") + 1;
      double.formulaCell(sheet, statusRow, 3, '=IF(Z1="","In progress","Completed")', "In progress");
    });
    expect(statusCounts(first)).toMatchObject({ Completed: 45, "In progress": 52 });
    // Unchanged, with a formula in it: still reused.
    expect((await measured(x, () => host.readTracker({}))).syncs).toBe(1);
    // Excel recalculates (Z1 was filled by a link, a volatile function, a co-author…): only the result changes, no event.
    x.sheet(HERTS_SHEET)!.values[statusRow - 1][2] = "Completed";
    const after = await measured(x, () => host.readTracker({}));
    expect(after.syncs).toBeGreaterThan(1);
    expect(statusCounts(after.value)).toMatchObject({ Completed: 46, "In progress": 51 });
  });

  it("rows inserted or deleted, even with no event: the used range is checked", async () => {
    const { x, host, first } = await readyHerts();
    const sheet = x.sheet(HERTS_SHEET)!;
    const width = sheet.values[4].length;
    insertRow(sheet, 6, ["N1", "A new action", "In progress", ...new Array<OfficeValue>(Math.max(0, width - 3)).fill("")]);
    const inserted = await measured(x, () => host.readTracker({}));
    expect(inserted.syncs).toBeGreaterThan(1);
    expect(inserted.value.actions).toBe(first.actions + 1);
    expect(statusCounts(inserted.value)).toMatchObject({ "In progress": 53 });

    expect((await measured(x, () => host.readTracker({}))).syncs).toBe(1);
    sheet.values.splice(5, 2);
    const deleted = await measured(x, () => host.readTracker({}));
    expect(deleted.syncs).toBeGreaterThan(1);
    expect(deleted.value.actions).toBe(first.actions - 1);
  });

  it("the sheet renamed (no change event): the sheet is checked by its id and name", async () => {
    const { x, host } = await readyHerts();
    x.sheet(HERTS_SHEET)!.name = "Plan 2021-22";
    x.activeSheet = "Plan 2021-22";
    const after = await measured(x, () => host.readTracker({}));
    expect(after.syncs).toBeGreaterThan(1);
    expect(after.value.sheet).toBe("Plan 2021-22");
    expect(after.value.actions).toBe(97);
  });

  it("the tracker's sheet deleted: the check's round trip fails, and the command reads afresh and says so plainly", async () => {
    const { x, host } = await readyHerts();
    x.deleteSheet(x.sheet(HERTS_SHEET)!);
    x.addSheet("Notes");
    x.cell(x.sheet("Notes")!, 1, 1, "Just some notes");
    x.activeSheet = "Notes";
    const r = await host.readTracker({});
    expect(isHostError(r) && r.code).toBe("no-tracker");
    expect(isHostError(r) && r.message).toMatch(/No tracker table found in sheet "Notes"/);
  });

  it("a RAG shown only by a fill, recoloured (no change event): the RAG column's fills are checked", async () => {
    const { x, host, first } = await ready(CAMBS);
    expect(first.ragFromFill).toEqual(["F12", "F13", "F14"]);
    expect((await measured(x, () => host.readTracker({}))).syncs).toBe(1);
    x.sheet(CAMBS_SHEET)!.fills.delete("14,6");
    const after = await measured(x, () => host.readTracker({}));
    expect(after.syncs).toBeGreaterThan(1);
    expect(after.value.ragFromFill).toEqual(["F12", "F13"]);
  });

  it("the organisation's words sheet edited (another sheet, not watched): it is read again in the first round trip", async () => {
    const { x, host, first } = await readyHerts();
    const words = x.addSheet(WORDS_SHEET);
    x.cell(words, 1, 1, "Word");
    x.cell(words, 1, 2, "Means");
    x.cell(words, 2, 1, "In progress");
    x.cell(words, 2, 2, "Completed");
    const after = await measured(x, () => host.readTracker({}));
    expect(after.syncs).toBeGreaterThan(1);
    expect(statusCounts(after.value).Completed).toBe(first.actions);
  });

  it("the pane reopened: a new host reads the sheet", async () => {
    const { x } = await readyHerts();
    const reopened = createExcelHost({ requirements: supported, now: today, refreshTimers: timers });
    const view = await measured(x, () => reopened.readTracker({}));
    expect(view.syncs).toBeGreaterThan(1);
    expect(view.value.actions).toBe(97);
  });

  it("the add-in's own writes to the tracker (RAG words): the next command reads it again", async () => {
    const { x, host } = await ready(CAMBS);
    const preview = ok(await host.previewRagLabels({}));
    expect(preview.changes.map((c) => c.cell)).toEqual(["F12", "F13", "F14"]);
    ok(await host.writeRagLabels({}, preview.changes));
    await x.wire.eventsDelivered();
    const after = await measured(x, () => host.readTracker({}));
    expect(after.syncs).toBeGreaterThan(1);
    expect(after.value.ragFromFill).toEqual([]);
  });

  it("another sheet's edit does not count; the tracker is still reused", async () => {
    const { x, host } = await readyHerts();
    x.addSheet("Notes");
    x.userEdit("Notes", "A1", "Just some notes");
    await x.wire.eventsDelivered();
    expect((await measured(x, () => host.readTracker({ sheet: HERTS_SHEET }))).syncs).toBe(1);
  });
});

describe("round trips close to Excel's limit", () => {
  it("a first read of 20,000 realistic rows takes at most ⌈bytes ÷ 4 MB⌉ + 1 round trips, none over 4 MB, none refused", async () => {
    const { grid, expected } = realisticTracker(20000);
    const x = ExcelDouble.fromGrids([grid]);
    uninstall = x.installMicrosoftClient();
    const host = createExcelHost({ requirements: supported, now: today, watch: false });
    const bytes = Buffer.byteLength(JSON.stringify(grid.values));
    expect(bytes).toBeGreaterThan(15 * 1024 * 1024);
    const view = await measured(x, () => host.readTracker({}));
    expect(view.value.actions).toBe(expected.actions);
    expect(x.refused).toHaveLength(0);
    expect(view.syncs).toBeLessThanOrEqual(Math.ceil(bytes / (4 * 1024 * 1024)) + 1);
    for (const s of x.wire.commandSyncs) {
      expect(s.requestBytes).toBeLessThanOrEqual(REQUEST_BUDGET_BYTES);
      expect(s.responseBytes).toBeLessThanOrEqual(REQUEST_BUDGET_BYTES);
    }
  });

  it("the lists ride with the probe of the active sheet; a tracker saved on another sheet costs one round trip more", async () => {
    const x = ExcelDouble.fromGrids(await readWorkbookGrids(HERTS));
    uninstall = x.installMicrosoftClient();
    const host = createExcelHost({ requirements: supported, now: today, watch: false });
    const direct = await measured(x, () => host.readTracker({}));
    // The tracker (and its sheet) is now saved in the workbook; another sheet becomes the active one.
    x.addSheet("Notes");
    x.cell(x.sheet("Notes")!, 1, 1, "Just some notes");
    x.activeSheet = "Notes";
    const saved = await measured(x, () => createExcelHost({ requirements: supported, now: today, watch: false }).readTracker({}));
    expect(saved.value.sheet).toBe(HERTS_SHEET);
    expect(saved.value.actions).toBe(direct.value.actions);
    expect(saved.syncs).toBe(direct.syncs + 1);
  });
});
