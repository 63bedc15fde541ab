/**
 * The pane's own writes to the tracker append to the workbook's Change log, on Microsoft's Excel client over the wire
 * host: the RAG words, the spelling fixes and the directions of travel a row per cell changed, the colours and the
 * drop-down lists a row per column, put on or taken off, and each undo its own rows below (history is never taken
 * away). The rows are the ones the command line writes for the same change (the model's builders, given the CLI's
 * inputs: the sheet as read, the tracker as written), with the source "task pane"; they ride with each command's
 * own round trips, and no cell of the tracker other than the ones changed is touched.
 */
import {
  CHANGE_LOG_HEADERS,
  CHANGE_LOG_SHEET,
  cellWriteLogRows,
  chooseTrackerSheet,
  formattingLogRows,
  formattingPlan,
  listLogItem,
  readTracker,
  ruleLogItems,
} from "../../src/model";
import type { SheetGrid } from "../../src/model";
import { readWorkbookGrids } from "../../src/xlsx";
import { createExcelHost } from "../../src/excel/host";
import { ExcelDouble } from "../double/excel-double";
import type { DoubleSheet } from "../double/excel-double";
import { CAMBS, HERTS, HERTS_JUNE } from "../support/factories";
import { takeSnapshot } from "../support/office-writes";
import { ok } from "../support/host-results";

const supported = { isSetSupported: () => true };
const WHEN = "2026-12-07T10:00:00Z";
const today = () => new Date(WHEN);
const CAMBS_SHEET = "Delivery Plan";
const HERTS_SHEET = "Delivery Plan 2021-22";
const PANE = "task pane";

jest.setTimeout(60_000);

let uninstall: () => void = () => undefined;
afterEach(() => uninstall());

async function workbook(file: string) {
  const grids = await readWorkbookGrids(file);
  const x = ExcelDouble.fromGrids(grids);
  uninstall = x.installMicrosoftClient();
  return { x, grids, host: createExcelHost({ requirements: supported, now: today, watch: false }) };
}

const copy = (sheet: DoubleSheet) => sheet.values.map((r) => [...r]);
const letters = (n: number) => (n > 26 ? String.fromCharCode(64 + Math.floor((n - 1) / 26)) : "") + String.fromCharCode(65 + ((n - 1) % 26));

/** Every cell whose value differs between two copies of a sheet. */
function differing(a: unknown[][], b: unknown[][]): string[] {
  const out: string[] = [];
  for (let r = 0; r < Math.max(a.length, b.length); r++)
    for (let c = 0; c < Math.max(a[r]?.length ?? 0, b[r]?.length ?? 0); c++) if ((a[r]?.[c] ?? "") !== (b[r]?.[c] ?? "")) out.push(`${letters(c + 1)}${r + 1}`);
  return out.sort();
}

/** The log's rows below its headers (the headers checked). */
function logRows(x: ExcelDouble): unknown[][] {
  const log = x.sheet(CHANGE_LOG_SHEET);
  if (!log) return [];
  expect(log.values[0]).toEqual([...CHANGE_LOG_HEADERS]);
  return log.values.slice(1);
}

/** The tracker as the CLI reads it from the same grid. */
function cliRead(grid: SheetGrid) {
  const report = readTracker(grid);
  if (!report.tracker) throw new Error("no tracker");
  return { tracker: report.tracker, actions: report.actions };
}

/** The values of a double's sheet as a grid (the tracker as written), for the CLI's re-read. */
const asGrid = (sheet: DoubleSheet, like: SheetGrid): SheetGrid => ({ ...like, firstRow: 1, firstColumn: 1, values: copy(sheet).map((r) => r.map((v) => (v === "" ? null : v))) as SheetGrid["values"], fills: undefined });

describe("the pane's cell writes in the Change log", () => {
  it("the RAG words: a row per cell, as the CLI's, in the round trips it took before the log; the undo appends its own", async () => {
    const { x, grids, host } = await workbook(CAMBS);
    const grid = grids.find((g) => g.name === CAMBS_SHEET)!;
    const before = copy(x.sheet(CAMBS_SHEET)!);
    const preview = ok(await host.previewRagLabels({}));
    x.resetCounters();
    const written = ok(await host.writeRagLabels({}, preview.changes));
    // As before the log: the tracker's read (2), the cells as they were with the log's look (1), the write with its rows (1).
    expect(x.wire.commandSyncs).toHaveLength(4);
    expect(differing(before, x.sheet(CAMBS_SHEET)!.values)).toEqual(["F12", "F13", "F14"]);

    const { tracker, actions } = cliRead(grid);
    const cli = cellWriteLogRows({ when: WHEN, period: "November 2018", source: PANE }, grid, tracker, actions, preview.changes.map((c) => ({ cell: c.cell, text: c.after })));
    const rows = logRows(x);
    expect(rows).toEqual(cli);
    expect(rows.map((r) => [r[1], r[4], r[5], r[6]])).toEqual([
      ["November 2018", "↑", "Amber ↑", PANE],
      ["November 2018", "↔", "Green ↔", PANE],
      ["November 2018", "↑", "Red ↑", PANE],
    ]);
    expect(rows.every((r) => r[0] === WHEN && r[2] !== "" && r[3] === tracker.columns.find((c) => c.column === "F")!.header.replace(/\s+/g, " ").trim())).toBe(true);

    x.resetCounters();
    ok(await host.undoWrite(written.undo!));
    expect(x.wire.commandSyncs).toHaveLength(2);
    expect(x.sheet(CAMBS_SHEET)!.values).toEqual(before);
    const all = logRows(x);
    expect(all.slice(0, 3)).toEqual(cli);
    expect(all.slice(3)).toEqual(cli.map(([when, period, action, field, old, now]) => [when, period, action, field, now, old, `undo of the RAG words (${PANE})`]));
    // Written again, appended again below.
    const again = ok(await host.previewRagLabels({}));
    x.resetCounters();
    ok(await host.writeRagLabels({}, again.changes));
    expect(x.wire.commandSyncs).toHaveLength(4);
    expect(logRows(x)).toHaveLength(9);
  });

  it("the spelling fixes: a row per cell fixed, old and new text, the period the officer gave", async () => {
    const { x, grids, host } = await workbook(HERTS);
    const sheet = x.sheet(HERTS_SHEET)!;
    x.cell(sheet, 6, 3, "Complete");
    x.cell(sheet, 7, 3, "In progres");
    const grid = { ...grids.find((g) => g.name === HERTS_SHEET)! };
    grid.values = grid.values.map((r) => [...r]);
    grid.values[6 - grid.firstRow][3 - grid.firstColumn] = "Complete";
    grid.values[7 - grid.firstRow][3 - grid.firstColumn] = "In progres";
    const before = copy(sheet);
    const preview = ok(await host.previewSpellingFixes({ period: "Q3 2021-22" }));
    expect(preview.changes.map((c) => [c.cell, c.after])).toEqual([
      ["C6", "Completed"],
      ["C7", "In progress"],
    ]);
    ok(await host.writeSpellingFixes({ period: "Q3 2021-22" }, preview.changes));
    expect(differing(before, sheet.values)).toEqual(["C6", "C7"]);
    const { tracker, actions } = cliRead(grid);
    const rows = logRows(x);
    expect(rows).toEqual(cellWriteLogRows({ when: WHEN, period: "Q3 2021-22", source: PANE }, grid, tracker, actions, preview.changes.map((c) => ({ cell: c.cell, text: c.after }))));
    expect(rows.map((r) => [r[1], r[3], r[4], r[5], r[6]])).toEqual([
      ["Q3 2021-22", "Status this reporting period", "Complete", "Completed", PANE],
      ["Q3 2021-22", "Status this reporting period", "In progres", "In progress", PANE],
    ]);
    expect(rows.map((r) => r[2])).toEqual(["6", "7"].map((row) => actions.find((a) => a.rows.includes(Number(row)))!.id));
  });

  it("the directions of travel: a new column's header and each cell, named by the header written, as the CLI does", async () => {
    const { x, grids, host } = await workbook(HERTS);
    const june = chooseTrackerSheet(await readWorkbookGrids(HERTS_JUNE));
    if (!june.ok) throw new Error(june.message);
    await Excel.run((c) => takeSnapshot(c, "June 2021", new Date(Date.UTC(2021, 5, 30)), HERTS_SHEET, readTracker(june.grid).actions));
    const grid = grids.find((g) => g.name === HERTS_SHEET)!;
    const request = { comparedWith: { kind: "snapshot" as const, label: "June 2021" }, period: "January 2022" };
    const preview = ok(await host.previewDirections(request));
    const before = copy(x.sheet(HERTS_SHEET)!);
    x.resetCounters();
    ok(await host.writeDirections(request, preview.changes));
    const after = x.sheet(HERTS_SHEET)!;
    expect(differing(before, after.values)).toEqual(preview.changes.map((c) => c.cell).sort());

    // The CLI's rows: old values from the sheet as read, headers from the sheet as written.
    const { actions } = cliRead(grid);
    const planned = readTracker(asGrid(after, grid)).tracker!;
    const cli = cellWriteLogRows({ when: WHEN, period: "January 2022", source: PANE }, grid, planned, actions, preview.changes.map((c) => ({ cell: c.cell, text: c.after })));
    const rows = logRows(x);
    expect(rows).toEqual(cli);
    expect(rows).toHaveLength(98);
    expect(rows[0].slice(2, 6)).toEqual([`header ${preview.newColumn!.cell}`, "column header", "", "Direction of travel since June 2021"]);
    expect(rows.slice(1).every((r) => r[3] === "Direction of travel since June 2021" && r[4] === "")).toBe(true);
  });
});

describe("the pane's colours and drop-down lists in the Change log", () => {
  it("a row per column for the colours put on, none when put on again as they were, and a row per column taken off; round trips as before", async () => {
    const { x, grids, host } = await workbook(HERTS);
    const grid = grids.find((g) => g.name === HERTS_SHEET)!;
    const before = copy(x.sheet(HERTS_SHEET)!);
    const { tracker } = cliRead(grid);
    const plan = formattingPlan(tracker);
    const ctx = { when: WHEN, period: "January 2022", source: PANE };
    const request = { period: "January 2022" };

    ok(await host.readTracker(request));
    // The round trips are those the commands took before the log: it is looked for with the tracker's read, and written with the rules.
    x.resetCounters();
    ok(await host.applyFormatting(request));
    expect(x.wire.commandSyncs).toHaveLength(4);
    const applied = formattingLogRows(ctx, tracker, ruleLogItems(plan.rules));
    expect(logRows(x)).toEqual(applied);
    expect(applied.length).toBe(new Set(plan.rules.map((r) => r.range)).size);
    expect(applied[0][5]).toMatch(/^colours for the status words \(\d+ conditional-format rules\) on C5:C106$/);

    x.resetCounters();
    ok(await host.applyFormatting(request));
    // One more than the first time: the sheet now has rules to look into.
    expect(x.wire.commandSyncs).toHaveLength(5);
    expect(logRows(x)).toEqual(applied);

    x.resetCounters();
    ok(await host.removeFormatting(request));
    expect(x.wire.commandSyncs).toHaveLength(5);
    const removed = formattingLogRows(ctx, tracker, ruleLogItems(plan.rules), true);
    expect(logRows(x)).toEqual([...applied, ...removed]);
    expect(removed.every((r, i) => r[4] === applied[i][5] && r[5] === "")).toBe(true);
    expect(x.sheet(HERTS_SHEET)!.values).toEqual(before);
  });

  it("a row per column for the lists added, none when added again as they were, and a row per column removed", async () => {
    const { x, grids, host } = await workbook(HERTS);
    const before = copy(x.sheet(HERTS_SHEET)!);
    const { tracker } = cliRead(grids.find((g) => g.name === HERTS_SHEET)!);
    const ctx = { when: WHEN, period: "January 2022", source: PANE };
    const request = { period: "January 2022" };

    ok(await host.readTracker(request));
    x.resetCounters();
    const added = ok(await host.addValidation(request, { style: "warning" }));
    expect(x.wire.commandSyncs).toHaveLength(4);
    expect(added.added).toContain("C5:C106 (Status)");
    const rows = formattingLogRows(ctx, tracker, added.added.map(listLogItem));
    expect(logRows(x)).toEqual(rows);
    expect(rows.find((r) => r[2] === "column C")!.slice(3)).toEqual(["Status this reporting period", "", "a drop-down list of the Status words on C5:C106", PANE]);

    ok(await host.addValidation(request, { style: "warning" }));
    expect(logRows(x)).toEqual(rows);
    // Another alert is a change to the lists.
    ok(await host.addValidation(request, { style: "stop" }));
    expect(logRows(x)).toHaveLength(2 * rows.length);

    x.resetCounters();
    const removed = ok(await host.removeValidation(request));
    expect(x.wire.commandSyncs).toHaveLength(4);
    expect(logRows(x).slice(2 * rows.length)).toEqual(formattingLogRows(ctx, tracker, removed.removed.map(listLogItem), true));
    expect(removed.removed).toEqual(added.added);
    expect(x.sheet(HERTS_SHEET)!.values).toEqual(before);
  });
});
