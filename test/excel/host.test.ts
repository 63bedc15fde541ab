/** The task pane's Excel host (src/excel/host.ts) on Microsoft's own Excel client (excel-web-16.00.js) over the wire host, seeded from the samples. */
import { CHANGE_LOG_SHEET, chooseTrackerSheet, readTracker, SNAPSHOT_SHEET, WORDS_SHEET } from "../../src/model";
import { evalCount } from "../../src/functions/evaluate";
import { readWorkbookGrids } from "../../src/xlsx";
import { createExcelHost } from "../../src/excel/host";
import { currentTracker, publishTracker } from "../../src/shared/store";
import { loadSavedTracker } from "../../src/excel/settings";
import { stopKeepingTrackerFresh } from "../../src/excel/refresh";
import { isHostError } from "../../src/shared/host";
import type { TrackerView } from "../../src/shared/host";
import { ExcelDouble } from "../double/excel-double";
import { REQUEST_BUDGET_BYTES } from "../../src/excel/read";
import { bigTracker } from "../excel/big-tracker";
import { CAMBS, HERTS, HERTS_JUNE, grid } from "../support/factories";
import { realisticTracker } from "../support/realistic-tracker";
import { cellBlocks } from "../../src/excel/cells";
import { takeSnapshot } from "../support/office-writes";
import { clearTracker } from "../support/store";
import { ok } from "../support/host-results";

const HERTS_SHEET = "Delivery Plan 2021-22";
const CAMBS_SHEET = "Delivery Plan";
const supported = { isSetSupported: () => true };
const today = () => new Date(Date.UTC(2022, 0, 15));

// Some tests read and write 20,000-row trackers: on a busy 2-core CI machine they take several seconds.
jest.setTimeout(60_000);

let uninstall: () => void = () => undefined;
afterEach(() => uninstall());

async function workbook(...files: string[]) {
  const grids = (await Promise.all(files.map((f) => readWorkbookGrids(f)))).flat();
  const x = ExcelDouble.fromGrids(grids);
  uninstall = x.installMicrosoftClient();
  return { x, host: createExcelHost({ requirements: supported, now: today, watch: false }) };
}

const values = (x: ExcelDouble) => JSON.stringify(x.sheets.map((s) => [s.name, s.values]));

describe("reading the tracker", () => {
  it("finds the Hertfordshire tracker on the active sheet with its counts, mapping and header cells", async () => {
    const { x, host } = await workbook(HERTS, CAMBS);
    x.resetCounters();
    const view = ok(await host.readTracker({}));
    expect(x.runs).toBe(1);
    expect(x.wire.commandSyncs.length).toBeLessThanOrEqual(3);
    expect(view.sheet).toBe(HERTS_SHEET);
    expect(view.headerRow).toBe(4);
    expect(view.actions).toBe(97);
    expect(Object.fromEntries(view.status.map((l) => [l.key, l.count]))).toMatchObject({ Completed: 45, "In progress": 52, "Not set": 0 });
    expect(view.sheets).toEqual(expect.arrayContaining([HERTS_SHEET, CAMBS_SHEET]));
    expect(view.mapping.find((m) => m.field === "status")).toMatchObject({ label: "Status", column: "C", editable: true });
    expect(view.mapping.find((m) => m.field === "references")?.editable).toBe(false);
    expect(view.headerCells.map((h) => h.column)).toContain("C");
    expect(view.ragFromFill).toEqual([]);
    expect(view.warnings).toEqual([]);
    // Published for the ACTIONS functions.
    expect(currentTracker()?.sheet).toBe(HERTS_SHEET);
    expect(currentTracker()?.index.actions).toHaveLength(97);
  });

  it("reads a chosen sheet; Cambridgeshire's RAG-by-fill cells are offered, not written", async () => {
    const { x, host } = await workbook(HERTS, CAMBS);
    const before = values(x);
    const view = ok(await host.readTracker({ sheet: CAMBS_SHEET }));
    expect(view.actions).toBe(40);
    expect(view.ragFromFill).toEqual(["F12", "F13", "F14"]);
    expect(view.issues.some((i) => i.code === "rag-from-fill" && i.cell)).toBe(true);
    expect(values(x)).toBe(before);
  });

  it("takes the user's mapping corrections and says plainly when one names no column", async () => {
    const { host } = await workbook(HERTS);
    const unmapped = ok(await host.readTracker({ overrides: { status: null } }));
    expect(unmapped.mapping.find((m) => m.field === "status")?.column).toBeNull();
    expect(Object.fromEntries(unmapped.status.map((l) => [l.key, l.count]))["Not set"]).toBe(97);
    const wrong = ok(await host.readTracker({ overrides: { status: "ZZ" } }));
    const issue = wrong.issues.find((i) => i.code === "mapping-not-found")!;
    expect(issue.severity).toBe("error");
    expect(issue.message).toContain(`sheet "${HERTS_SHEET}"`);
  });

  it("says which sheets there are when the active one holds no tracker, and names a missing sheet", async () => {
    const { x, host } = await workbook(HERTS);
    x.addSheet("Notes");
    x.cell(x.sheet("Notes")!, 1, 1, "Just some notes");
    x.activeSheet = "Notes";
    const none = await host.readTracker({});
    expect(isHostError(none) && none.message).toMatch(/No tracker table found in sheet "Notes".*choose it from the list/);
    expect(isHostError(none) && none.code).toBe("no-tracker");
    expect(isHostError(none) && none.sheets).toEqual([HERTS_SHEET, "Notes"]);
    const missing = await host.readTracker({ sheet: "Q3 2026" });
    expect(isHostError(missing) && missing.message).toMatch(/There is no sheet called "Q3 2026"/);
    expect(isHostError(missing) && missing.code).toBe("no-sheet");
    expect(isHostError(missing) && missing.message).not.toMatch(/\bat \w+ \(/); // no stack trace
  });

  it("warns plainly when the sheet has more than 512 merged areas (read without them)", async () => {
    const values: (string | null)[][] = [["Ref", "Action", "Status"]];
    const merges = [];
    for (let i = 1; i <= 600; i++) {
      values.push([`A${i}`, `Action ${i}`, "In progress"], [null, `Sub-activity ${i}.1`, null]);
      merges.push({ top: values.length - 1, left: 1, bottom: values.length, right: 1 });
    }
    const x = ExcelDouble.fromGrids([{ name: "Tracker", firstRow: 1, firstColumn: 1, values, merges }]);
    uninstall = x.installMicrosoftClient();
    const host = createExcelHost({ requirements: supported, now: today, watch: false });
    const view = ok(await host.readTracker({}));
    expect(view.warnings).toEqual([expect.stringMatching(/^This sheet has more than 512 merged areas; merged cells were not read, so sub-activity rows may count as separate actions/)]);
    expect(x.refused).toHaveLength(1);
    expect(view.actions).toBe(600);
  });

  it("refuses plainly on an Excel that is too old", async () => {
    await workbook(HERTS);
    const host = createExcelHost({ requirements: { isSetSupported: () => false }, watch: false });
    const r = await host.readTracker({});
    expect(isHostError(r) && r.message).toMatch(/too old.*ExcelApi 1\.13/);
    expect(isHostError(r) && r.code).toBe("excel-too-old");
  });
});

describe("formatting from the pane", () => {
  it("applies the rules once however often it is asked, removes only its own, and changes no value", async () => {
    const { x, host } = await workbook(HERTS);
    const before = values(x);
    const first = ok(await host.applyFormatting({}));
    expect(first).toMatchObject({ sheet: HERTS_SHEET, added: 10, removed: 0, ranges: ["C5:C106 (Status)"] });
    x.resetCounters();
    const again = ok(await host.applyFormatting({ sheet: HERTS_SHEET }));
    expect(again).toMatchObject({ added: 10, removed: 10 });
    expect(x.runs).toBe(1);
    expect(x.wire.commandSyncs.length).toBeLessThanOrEqual(6);
    expect(x.sheet(HERTS_SHEET)!.conditionalFormats).toHaveLength(10);
    const removed = ok(await host.removeFormatting({ sheet: HERTS_SHEET }));
    expect(removed.removed).toBe(10);
    expect(x.sheet(HERTS_SHEET)!.conditionalFormats).toHaveLength(0);
    // No value of the user's sheets changed; the colours put on and taken off are in the workbook's Change log.
    expect(JSON.stringify(x.sheets.filter((s) => s.name !== CHANGE_LOG_SHEET).map((s) => [s.name, s.values]))).toBe(before);
    expect(x.sheet(CHANGE_LOG_SHEET)!.values.slice(1).map((r) => [r[2], r[4] === "", r[5] === ""])).toEqual([
      ["column C", true, false],
      ["column C", false, true],
    ]);
  });
});

describe("RAG words where the RAG is only a fill colour", () => {
  it("previews the cells, writes nothing until confirmed, then writes exactly what was confirmed", async () => {
    const { x, host } = await workbook(CAMBS);
    const before = values(x);
    const preview = ok(await host.previewRagLabels({}));
    expect(preview.changes).toEqual([
      { cell: "F12", before: "↑", after: "Amber ↑", note: "amber fill" },
      { cell: "F13", before: "↔", after: "Green ↔", note: "green fill" },
      { cell: "F14", before: "↑", after: "Red ↑", note: "red fill" },
    ]);
    expect(values(x)).toBe(before);

    // A confirmation that does not match what the sheet now needs writes nothing.
    const stale = await host.writeRagLabels({}, preview.changes.slice(1));
    expect(isHostError(stale) && stale.message).toMatch(/changed since you reviewed/);
    expect(isHostError(stale) && stale.code).toBe("changed-since-preview");
    expect(values(x)).toBe(before);

    x.resetCounters();
    const written = ok(await host.writeRagLabels({}, preview.changes));
    expect(written).toMatchObject({ sheet: CAMBS_SHEET, cells: ["F12", "F13", "F14"], undo: { sheet: CAMBS_SHEET, what: "the RAG words" } });
    expect(written.undo!.cells.map((c) => [c.cell, c.before, c.after])).toEqual([
      ["F12", "↑", "Amber ↑"],
      ["F13", "↔", "Green ↔"],
      ["F14", "↑", "Red ↑"],
    ]);
    expect(x.runs).toBe(1);
    const sheet = x.sheet(CAMBS_SHEET)!;
    expect([sheet.values[11][5], sheet.values[12][5], sheet.values[13][5]]).toEqual(["Amber ↑", "Green ↔", "Red ↑"]);
    const view = ok(await host.readTracker({}));
    expect(view.ragFromFill).toEqual([]);
    expect(Object.fromEntries(view.rag.map((l) => [l.key, l.count]))).toMatchObject({ Red: 1, Amber: 1, Green: 1 });
  });
});

describe("periods: snapshots and the direction of travel", () => {
  async function withJune() {
    const w = await workbook(HERTS);
    const june = chooseTrackerSheet(await readWorkbookGrids(HERTS_JUNE));
    if (!june.ok) throw new Error(june.message);
    const juneActions = readTracker(june.grid).actions;
    await Excel.run((c) => takeSnapshot(c, "June 2021", new Date(Date.UTC(2021, 5, 30)), HERTS_SHEET, juneActions));
    return w;
  }

  it("takes a snapshot under a label, refuses a blank or repeated label, and lists the snapshots", async () => {
    const { x, host } = await workbook(HERTS);
    const blank = await host.takeSnapshot({ period: "  " });
    expect(isHostError(blank) && blank.message).toMatch(/Type a label for this period/);
    expect(isHostError(blank) && blank.code).toBe("no-period-label");
    const taken = ok(await host.takeSnapshot({ period: "January 2022" }));
    expect(taken).toEqual({ period: "January 2022", rows: 97, snapshots: [{ period: "January 2022", taken: "2022-01-15", actions: 97 }] });
    expect(x.sheet(SNAPSHOT_SHEET)!.visibility).toBe("Hidden");
    const again = await host.takeSnapshot({ period: "january 2022" });
    expect(isHostError(again) && again.message).toMatch(/already a snapshot for "January 2022".*Use another period label/);
    expect(isHostError(again) && again.code).toBe("snapshot-exists");
    expect(ok(await host.listSnapshots())).toEqual([{ period: "January 2022", taken: "2022-01-15", actions: 97 }]);
    // The add-in's own sheet is not offered as a tracker sheet.
    expect(ok(await host.readTracker({})).sheets).toEqual([HERTS_SHEET]);
  });

  it("compares with the chosen snapshot and publishes it as the previous period", async () => {
    const { host } = await withJune();
    const view = ok(await host.readTracker({}));
    expect(view.snapshots).toEqual([{ period: "June 2021", taken: "2021-06-30", actions: 97 }]);
    expect(view.previousPeriod).toBe("June 2021");
    expect(currentTracker()?.previous?.actions).toHaveLength(97);
    const none = ok(await host.readTracker({ comparedWith: { kind: "none" } }));
    expect(none.previousPeriod).toBeNull();
    expect(currentTracker()?.previous).toBeNull();
  });

  it("previews directions without writing, and writes them only as confirmed", async () => {
    const { x, host } = await withJune();
    const before = values(x);
    const preview = ok(await host.previewDirections({ comparedWith: { kind: "snapshot", label: "June 2021" } }));
    expect(preview.previousLabel).toBe("June 2021");
    const c = preview.counts;
    expect(c.improved + c.deteriorated + c.unchanged + c.new).toBe(97);
    expect(c.improved).toBeGreaterThan(0);
    // Hertfordshire has no direction column: the writes add one after the table.
    expect(preview.newColumn).not.toBeNull();
    expect(preview.changes[0]).toEqual({ cell: preview.newColumn!.cell, before: "", after: "Direction of travel since June 2021" });
    expect(preview.changes).toHaveLength(98);
    expect(values(x)).toBe(before);

    const unknown = await host.previewDirections({ comparedWith: { kind: "snapshot", label: "March 2019" } });
    expect(isHostError(unknown) && unknown.message).toMatch(/no snapshot for "March 2019". Choose one of: "June 2021"/);
    expect(isHostError(unknown) && unknown.code).toBe("no-snapshot");

    const written = ok(await host.writeDirections({ comparedWith: { kind: "snapshot", label: "June 2021" } }, preview.changes));
    expect(written.cells).toHaveLength(98);
    const view = ok(await host.readTracker({}));
    expect(view.mapping.find((m) => m.field === "direction")?.column).toBe(preview.newColumn!.cell.replace(/\d+/, ""));
    const counts = Object.fromEntries(view.direction.map((l) => [l.key, l.count]));
    expect(counts.improved).toBe(c.improved);
    expect(counts["Not set"]).toBe(0);
  });
});

describe("snapshots of a 20,000-action tracker", () => {
  it("takes 4 snapshots, then reads and compares in round trips of at most 2 MB each way", async () => {
    const x = ExcelDouble.fromGrids([bigTracker(20000)]);
    uninstall = x.installMicrosoftClient();
    const host = createExcelHost({ requirements: supported, now: today, watch: false });
    const periods = ["Q1 2026/27", "Q2 2026/27", "Q3 2026/27", "Q4 2026/27"];
    const within = () => {
      for (const s of x.wire.commandSyncs) {
        expect(s.requestBytes).toBeLessThanOrEqual(REQUEST_BUDGET_BYTES);
        expect(s.responseBytes).toBeLessThanOrEqual(REQUEST_BUDGET_BYTES);
      }
      expect(x.refused).toEqual([]);
    };
    for (const period of periods) {
      x.resetCounters();
      expect(ok(await host.takeSnapshot({ period })).rows).toBe(20000);
      expect(x.runs).toBe(1);
      within();
    }
    const sheet = x.sheet(SNAPSHOT_SHEET)!;
    expect(sheet.values).toHaveLength(80001);
    expect(JSON.stringify(sheet.values).length).toBeGreaterThan(5 * 1024 * 1024);

    x.resetCounters();
    const view = ok(await host.readTracker({}));
    within();
    // The periods (Period and Taken: ~2.4 MB), the tracker (3), the previous period's rows (~1.5 MB).
    expect(x.wire.commandSyncs.length).toBeLessThanOrEqual(8);
    expect(view.actions).toBe(20000);
    expect(view.snapshots).toEqual(periods.map((period) => ({ period, taken: "2022-01-15", actions: 20000 })));
    expect(view.previousPeriod).toBe("Q4 2026/27");
    expect(currentTracker()?.previous?.actions).toHaveLength(20000);

    x.resetCounters();
    const preview = ok(await host.previewDirections({ comparedWith: { kind: "snapshot", label: "Q2 2026/27" } }));
    within();
    expect(preview.counts).toMatchObject({ unchanged: 20000, improved: 0, deteriorated: 0, new: 0, removed: 0 });
    expect(ok(await host.listSnapshots())).toHaveLength(4);
  });
});

describe("the panel summary", () => {
  it("builds the sheet in one batch, rebuilds it in place, and leaves the tracker and a user's own sheet alone", async () => {
    const { x, host } = await workbook(HERTS);
    const tracker = JSON.stringify(x.sheet(HERTS_SHEET)!.values);
    const blank = await host.buildPanelSummary({ period: " ", comparedWith: { kind: "none" } });
    expect(isHostError(blank) && blank.message).toMatch(/Type a label for this period/);
    expect(isHostError(blank) && blank.code).toBe("no-period-label");
    x.resetCounters();
    expect(ok(await host.buildPanelSummary({ period: "January 2022", comparedWith: { kind: "none" } }))).toEqual({
      sheet: "Panel Summary",
      sentence: "Of the 97 actions, 45 are complete, 52 are in progress and none are on hold or not yet started.",
    });
    expect(x.runs).toBe(1);
    expect(x.wire.commandSyncs.length).toBeLessThanOrEqual(5);
    expect(x.sheet("Panel Summary")!.values[0][0]).toBe("Delivery Plan summary — January 2022");
    expect(ok(await host.buildPanelSummary({ sheet: HERTS_SHEET, period: "January 2022", comparedWith: { kind: "none" } })).sheet).toBe("Panel Summary");
    expect(x.sheets.filter((s) => s.name.startsWith("Panel Summary"))).toHaveLength(1);
    expect(JSON.stringify(x.sheet(HERTS_SHEET)!.values)).toBe(tracker);
    const unknown = await host.buildPanelSummary({ sheet: HERTS_SHEET, period: "January 2022", comparedWith: { kind: "snapshot", label: "June 2021" } });
    expect(isHostError(unknown) && unknown.message).toMatch(/no snapshot for "June 2021"/);
    expect(isHostError(unknown) && unknown.code).toBe("no-snapshot");
  });

  it("compares with the chosen snapshot in the headline sentence", async () => {
    const { x, host } = await workbook(HERTS);
    const june = chooseTrackerSheet(await readWorkbookGrids(HERTS_JUNE));
    if (!june.ok) throw new Error(june.message);
    await Excel.run((c) => takeSnapshot(c, "June 2021", new Date(Date.UTC(2021, 5, 30)), HERTS_SHEET, readTracker(june.grid).actions));
    const other = x.addSheet("Panel Summary");
    x.cell(other, 1, 1, "The user's own notes");
    const built = ok(await host.buildPanelSummary({ sheet: HERTS_SHEET, period: "2021-22", comparedWith: { kind: "snapshot", label: "June 2021" } }));
    expect(built.sheet).not.toBe("Panel Summary");
    expect(x.sheet("Panel Summary")!.values[0][0]).toBe("The user's own notes");
    const text = x.sheet(built.sheet)!.values.flat().filter((v) => typeof v === "string").join("\n");
    expect(text).toContain("Of the 97 actions, 45 are complete (38 in June 2021)");
  });
});

describe("going to a cell", () => {
  it("activates the sheet and selects the cell in one round trip", async () => {
    const { x, host } = await workbook(HERTS, CAMBS);
    x.resetCounters();
    expect(ok(await host.goToCell(CAMBS_SHEET, "F12"))).toEqual({ sheet: CAMBS_SHEET, cell: "F12" });
    expect(x.wire.commandSyncs).toHaveLength(1);
    expect(x.activeSheet).toBe(CAMBS_SHEET);
    expect(x.selection).toBe("'Delivery Plan'!F12");
    const gone = await host.goToCell("Deleted sheet", "A1");
    expect(isHostError(gone) && gone.message).toMatch(/no longer there.*Find the tracker again/);
    expect(isHostError(gone) && gone.code).toBe("item-not-found");
    const bad = await host.goToCell(CAMBS_SHEET, "not a cell");
    expect(isHostError(bad) && bad.message).toMatch(/"not a cell" is not a cell address on "Delivery Plan"/);
    expect(isHostError(bad) && bad.code).toBe("not-a-cell");
  });
});

export type { TrackerView };

describe("fixing spellings, with undo", () => {
  /** Hertfordshire with some statuses spelled other ways, one of them the result of a formula. */
  async function misspelt() {
    const grids = await readWorkbookGrids(HERTS);
    const g = grids[0];
    const report = readTracker(g);
    const statusColumn = report.tracker!.columns.find((c) => c.field === "status")!.column.charCodeAt(0) - 64;
    const rows = report.actions.slice(0, 4).map((a) => a.rows[0]);
    const typed = ["Complete", "on-going", "In progres", "Completed "];
    rows.forEach((r, i) => (g.values[r - g.firstRow][statusColumn - g.firstColumn] = typed[i]));
    const formulaRow = report.actions[4].rows[0];
    g.values[formulaRow - g.firstRow][statusColumn - g.firstColumn] = "Complete";
    const x = ExcelDouble.fromGrids(grids);
    // The fifth action's status is a formula whose result is "Complete": the fix must leave it alone.
    x.sheet(HERTS_SHEET)!.formulas.set(`${formulaRow},${statusColumn}`, '=IF(TRUE,"Complete","")');
    uninstall = x.installMicrosoftClient();
    const letter = String.fromCharCode(64 + statusColumn);
    return { x, host: createExcelHost({ requirements: supported, now: today, watch: false }), cells: rows.map((r) => `${letter}${r}`), formulaCell: `${letter}${formulaRow}`, statusColumn, rows };
  }

  it("lists each cell from what to what, writes only on a matching confirmation, and leaves formulas alone", async () => {
    const { x, host, cells, formulaCell } = await misspelt();
    const view = ok(await host.readTracker({}));
    expect(view.spellings).toBe(5); // the model's count; the formula cell is left out when the cells are looked at
    const before = values(x);
    x.resetCounters();
    const preview = ok(await host.previewSpellingFixes({}));
    expect(preview.changes).toEqual([
      { cell: cells[0], before: "Complete", after: "Completed" },
      { cell: cells[1], before: "on-going", after: "In progress" },
      { cell: cells[2], before: "In progres", after: "In progress" },
      { cell: cells[3], before: "Completed ", after: "Completed", note: "stray spaces" },
    ]);
    expect(preview.changes.map((c) => c.cell)).not.toContain(formulaCell);
    expect(x.wire.commandSyncs.length).toBeLessThanOrEqual(4);
    expect(values(x)).toBe(before);

    const stale = await host.writeSpellingFixes({}, preview.changes.slice(1));
    expect(isHostError(stale) && stale.message).toMatch(/changed since you reviewed/);
    expect(isHostError(stale) && stale.code).toBe("changed-since-preview");
    expect(values(x)).toBe(before);

    const written = ok(await host.writeSpellingFixes({}, preview.changes));
    expect(written.cells).toEqual(cells);
    const after = ok(await host.readTracker({}));
    expect(after.spellings).toBe(1); // only the formula's result is left
    expect(after.issues.filter((i) => i.code === "non-canonical" || i.code === "unknown-value").map((i) => i.cell)).toEqual([formulaCell]);
    expect(x.sheet(HERTS_SHEET)!.formulas.get(`${Number(formulaCell.slice(1))},${formulaCell.charCodeAt(0) - 64}`)).toBe('=IF(TRUE,"Complete","")');
  });

  it("undo puts back each cell's text and number format, and refuses, changing nothing, once a cell was edited", async () => {
    const { x, host, cells, statusColumn, rows } = await misspelt();
    const sheet = () => x.sheet(HERTS_SHEET)!;
    const texts = () => rows.map((r) => sheet().values[r - 1][statusColumn - 1]);
    const formats = () => rows.map((r) => sheet().numberFormats.get(`${r},${statusColumn}`) ?? "General");
    const original = { texts: texts(), formats: formats() };
    const preview = ok(await host.previewSpellingFixes({}));
    const written = ok(await host.writeSpellingFixes({}, preview.changes));
    expect(texts()).toEqual(["Completed", "In progress", "In progress", "Completed"]);
    expect(formats()).toEqual(["@", "@", "@", "@"]);

    x.resetCounters();
    const undone = ok(await host.undoWrite(written.undo!));
    expect(undone.cells).toEqual(cells);
    expect(x.wire.commandSyncs.length).toBe(2);
    expect({ texts: texts(), formats: formats() }).toEqual(original);
    expect(ok(await host.readTracker({})).spellings).toBe(5);

    // Fix again, then the officer edits one of the cells: the undo refuses and changes nothing.
    const again = ok(await host.writeSpellingFixes({}, ok(await host.previewSpellingFixes({})).changes));
    await Excel.run(async (c) => {
      c.workbook.worksheets.getItem(HERTS_SHEET).getRange(cells[1]).values = [["On hold"]];
      await c.sync();
    });
    const edited = texts();
    const refused = await host.undoWrite(again.undo!);
    expect(isHostError(refused) && refused.code).toBe("edited-since-write");
    expect(isHostError(refused) && refused.message).toBe(
      `${cells[1]} on "${HERTS_SHEET}" was edited after the spelling fixes were written, so nothing was undone. Put back what you need by hand.`,
    );
    expect(texts()).toEqual(edited);
  });
});

describe("the tracker and its mapping are saved in the workbook", () => {
  it("saves the sheet and the corrections, uses them when the pane finds the tracker again, and gives them to the functions", async () => {
    const { x, host } = await workbook(CAMBS, HERTS);
    expect(x.settings.size).toBe(0);
    // The officer chooses the Hertfordshire sheet and says the tracker has no RAG column.
    x.resetCounters();
    const chosen = ok(await host.readTracker({ sheet: HERTS_SHEET, overrides: { rag: null } }));
    expect(x.wire.commandSyncs.length).toBeLessThanOrEqual(3); // the save rides with the reader's round trips
    expect(JSON.parse(x.settings.get("deliveryPlan.tracker") as string)).toEqual({ sheet: HERTS_SHEET, overrides: { rag: null }, formatted: { colours: false, lists: false } });
    expect(chosen.overrides).toEqual({ rag: null });

    // Next time (a new pane; the active sheet is Cambridgeshire's), Find tracker uses what was saved.
    const pane = createExcelHost({ requirements: supported, now: today, watch: false });
    x.resetCounters();
    const again = ok(await pane.readTracker({}));
    expect(again.sheet).toBe(HERTS_SHEET);
    expect(again.overrides).toEqual({ rag: null });
    expect(again.mapping.find((m) => m.field === "rag")?.column).toBeNull();
    expect(x.wire.commandSyncs.length).toBeLessThanOrEqual(3);
    // Nothing changed, so nothing is saved again.
    const saves = x.wire.commandSyncs.length;
    ok(await pane.readTracker({}));
    expect(x.wire.commandSyncs.length - saves).toBeLessThanOrEqual(3);

    // The functions' runtime, started without the pane, reads the saved tracker.
    clearTracker();
    expect(await loadSavedTracker(x.microsoftNamespace)).toBe(HERTS_SHEET);
    expect(currentTracker()?.index.total()).toBe(97);
    await stopKeepingTrackerFresh();

    // If the pane publishes a tracker while the start-up read is on its way, the pane's stays.
    const cambs = chooseTrackerSheet(await readWorkbookGrids(CAMBS));
    if (!cambs.ok) throw new Error(cambs.message);
    clearTracker();
    const startUp = loadSavedTracker(x.microsoftNamespace);
    publishTracker(readTracker(cambs.grid));
    expect(await startUp).toBeNull();
    expect(currentTracker()?.sheet).toBe(CAMBS_SHEET);
  });

  it("drops a saved correction whose column now has another heading, and says so", async () => {
    const { x, host } = await workbook(HERTS);
    const status = ok(await host.readTracker({})).mapping.find((m) => m.field === "status")!;
    // The officer confirms Status is that column (a correction saved with the header it points at).
    ok(await host.readTracker({ sheet: HERTS_SHEET, overrides: { status: status.column } }));
    const saved = JSON.parse(x.settings.get("deliveryPlan.tracker") as string);
    expect(saved).toEqual({ sheet: HERTS_SHEET, overrides: { status: status.column }, headerRow: 4, headers: { status: status.header }, formatted: { colours: false, lists: false } });
    // Someone inserts a column before it: the saved letter now points at another heading.
    const col = status.column!.charCodeAt(0) - 64;
    x.sheet(HERTS_SHEET)!.values[3][col - 1] = "Notes";
    const again = ok(await createExcelHost({ requirements: supported, now: today, watch: false }).readTracker({}));
    expect(again.overrides).toEqual({});
    expect(again.warnings).toEqual([
      `The column mapping saved in this workbook said Status is column ${status.column} ("${status.header}"), but ${status.column}4 now says "Notes": a column may have been inserted or moved. The add-in found Status again; check the column mapping.`,
    ]);
    expect(JSON.parse(x.settings.get("deliveryPlan.tracker") as string)).toEqual({ sheet: HERTS_SHEET, overrides: {}, formatted: { colours: false, lists: false } });
  });

  it("ignores a saved tracker whose sheet is gone, or a setting it cannot read", async () => {
    const { x } = await workbook(CAMBS);
    x.settings.set("deliveryPlan.tracker", JSON.stringify({ sheet: "Deleted sheet", overrides: {} }));
    const view = ok(await createExcelHost({ requirements: supported, now: today, watch: false }).readTracker({}));
    expect(view.sheet).toBe(CAMBS_SHEET);
    clearTracker();
    x.settings.set("deliveryPlan.tracker", "{not json");
    expect(await loadSavedTracker(x.microsoftNamespace)).toBeNull();
    expect(currentTracker()).toBeNull();
  });
});

describe("undo puts back what was there", () => {
  it("a formula as a formula, a number as a number, and text Excel would misread as text", async () => {
    const { x, host } = await workbook(CAMBS);
    const sheet = x.sheet(CAMBS_SHEET)!;
    // Z1..Z3 stand for cells a confirmed write changed to "X".
    for (const r of [1, 2, 3]) sheet.values[r - 1][25] = "X";
    const undo = {
      sheet: CAMBS_SHEET,
      what: "the directions of travel",
      cells: [
        { cell: "Z1", after: "X", before: '=IF(TRUE,"↑","")', formula: true, numberFormat: "General" },
        { cell: "Z2", after: "X", before: 42, formula: false, numberFormat: "0.0" },
        { cell: "Z3", after: "X", before: "007", formula: false, numberFormat: "General" },
      ],
    };
    ok(await host.undoWrite(undo));
    // The double keeps a formula it was given as "FORMULA:…" (it does not calculate).
    expect(sheet.values[0][25]).toBe('FORMULA:=IF(TRUE,"↑","")');
    expect([sheet.values[1][25], sheet.numberFormats.get("2,26")]).toEqual([42, "0.0"]);
    // "007" typed into a General cell would become the number 7: it goes back as text, under its own number format.
    expect([sheet.values[2][25], sheet.numberFormats.get("3,26")]).toEqual(["007", "General"]);
  });

  it("every text goes back as that text, whatever Excel would make of it typed, under the cell's own number format", async () => {
    const { x, host } = await workbook(CAMBS);
    const sheet = x.sheet(CAMBS_SHEET)!;
    // Texts an officer's tracker holds that Excel reads as dates, numbers or booleans when entered into a General cell.
    const texts = ["May 2021", "Mar-22", "(5)", "£5", "1e3", "12-Jan-2022", "1 1/2", "9:30", "TRUE", "5%", "Completed"];
    const formats = ["General", "General", "General", "General", "General", "General", "General", "General", "General", "0.0", "General"];
    texts.forEach((_, i) => (sheet.values[i][25] = "X"));
    const undo = {
      sheet: CAMBS_SHEET,
      what: "the spelling fixes",
      cells: texts.map((before, i) => ({ cell: `Z${i + 1}`, after: "X", before, formula: false, numberFormat: formats[i] })),
    };
    ok(await host.undoWrite(undo));
    // The double stores a string Excel would have read as a value as "VALUE:…": none is.
    expect(texts.map((_, i) => sheet.values[i][25])).toEqual(texts);
    expect(texts.map((_, i) => sheet.numberFormats.get(`${i + 1},26`))).toEqual(formats);
  });

  it("thousands of cells go in blocks under 2 MB, and come back in blocks", async () => {
    const grid = realisticTracker(20_000, { name: "Tracker" }).grid;
    const x = ExcelDouble.fromGrids([grid]);
    uninstall = x.installMicrosoftClient();
    const host = createExcelHost({ requirements: supported, now: today, watch: false });
    const original = JSON.stringify(x.sheet("Tracker")!.values);
    const preview = ok(await host.previewSpellingFixes({}));
    expect(preview.changes.length).toBeGreaterThan(3_000);
    x.resetCounters();
    const written = ok(await host.writeSpellingFixes({}, preview.changes));
    expect(written.cells).toHaveLength(preview.changes.length);
    expect(x.refused).toEqual([]);
    expect(Math.max(...x.wire.commandSyncs.map((s) => s.requestBytes))).toBeLessThanOrEqual(REQUEST_BUDGET_BYTES);
    // Sized by what Microsoft's client sends per cell (its range, each set or load), these cells take several blocks each way.
    const blocks = cellBlocks(preview.changes.map((c) => c.after), 3).length;
    expect(blocks).toBeGreaterThan(1);
    expect(x.wire.commandSyncs.length).toBeGreaterThanOrEqual(3 * blocks);
    ok(await host.undoWrite(written.undo!));
    expect(x.refused).toEqual([]);
    // Every cell the fix wrote says again what it said before, spaces and all; no other cell changed.
    expect(JSON.stringify(x.sheet("Tracker")!.values)).toBe(original);
  }, 60_000);
});

describe('the organisation\'s words, kept in the workbook\'s "Delivery plan words" sheet', () => {
  const tracker = grid([["Ref", "Action", "Status"], ["1", "Commission the service", "Signed off"], ["2", "Train call handlers", "Stalled"], ["3", "Publish the strategy", "Achieved"]], { name: "Tracker" });
  const words = grid([["Word", "Means"], ["Signed off", "Completed"], ["Stalled", "In progress, Red"], ["Shrug", "Maybe"]], { name: WORDS_SHEET });

  it("the pane and ACTIONS.COUNT read with them, in the same round trips, and the sheet's unusable rows are issues", async () => {
    const without = ExcelDouble.fromGrids([tracker]);
    uninstall = without.installMicrosoftClient();
    const plainHost = createExcelHost({ requirements: supported, now: today, watch: false });
    without.resetCounters();
    const plain = ok(await plainHost.readTracker({}));
    const plainSyncs = without.wire.commandSyncs.length;
    expect(Object.fromEntries(plain.status.map((l) => [l.key, l.count]))).toMatchObject({ Completed: 1, "Not set": 2 });
    uninstall();

    const x = ExcelDouble.fromGrids([tracker, words]);
    uninstall = x.installMicrosoftClient();
    const host = createExcelHost({ requirements: supported, now: today, watch: false });
    x.resetCounters();
    const view = ok(await host.readTracker({}));
    expect(x.wire.commandSyncs.length).toBe(plainSyncs);
    expect(view.sheet).toBe("Tracker");
    expect(Object.fromEntries(view.status.map((l) => [l.key, l.count]))).toMatchObject({ Completed: 2, "In progress": 1, "Not set": 0 });
    expect(Object.fromEntries(view.rag.map((l) => [l.key, l.count]))).toMatchObject({ Red: 1 });
    expect(view.issues.filter((i) => i.code === "unknown-value").map((i) => `${i.sheet}!${i.cell}`)).toEqual([`${WORDS_SHEET}!B4`]);
    expect(evalCount(currentTracker(), "Completed")).toBe(2);
    expect(evalCount(currentTracker(), "Red")).toBe(1);
  });

  it("saves a word the pane offers into the words sheet (made when missing) only as confirmed, and reads with it at once", async () => {
    const x = ExcelDouble.fromGrids([tracker]);
    uninstall = x.installMicrosoftClient();
    const host = createExcelHost({ requirements: supported, now: today, watch: false });
    const view = ok(await host.readTracker({}));
    const stalled = view.issues.find((i) => i.code === "unknown-value" && i.cell === "C3");
    expect(stalled?.offer).toEqual({ word: "Stalled", field: "status", likely: "In progress", meanings: ["Completed", "In progress", "On hold", "Not yet started", "Closed"] });
    const before = values(x);
    const preview = ok(await host.previewOwnWord({ word: "Stalled", means: "In progress" }));
    expect(preview).toEqual({
      sheet: WORDS_SHEET,
      changes: [
        { cell: "A1", before: "", after: "Word" },
        { cell: "B1", before: "", after: "Means" },
        { cell: "A2", before: "", after: "Stalled" },
        { cell: "B2", before: "", after: "In progress" },
      ],
    });
    expect(values(x)).toBe(before);
    // A confirmation that is not what the preview says writes nothing.
    const refused = await host.writeOwnWord({ word: "Stalled", means: "In progress" }, preview.changes.slice(1));
    expect(isHostError(refused) && refused.message).toMatch(/changed since you reviewed/);
    expect(values(x)).toBe(before);

    const saved = ok(await host.writeOwnWord({ word: "Stalled", means: "In progress" }, preview.changes));
    expect(saved.cells).toEqual(["A1", "B1", "A2", "B2"]);
    expect(x.sheet(WORDS_SHEET)?.values.slice(0, 2).map((r) => r.slice(0, 2))).toEqual([["Word", "Means"], ["Stalled", "In progress"]]);
    expect(x.sheet("Tracker")?.values).toEqual(tracker.values);
    const again = ok(await host.readTracker({}));
    expect(Object.fromEntries(again.status.map((l) => [l.key, l.count]))).toMatchObject({ Completed: 1, "In progress": 1, "Not set": 1 });
    expect(again.issues.some((i) => i.code === "unknown-value" && i.cell === "C3")).toBe(false);

    // The next word goes in the next row; a word already there is refused, naming its cell.
    const next = ok(await host.previewOwnWord({ word: "Signed off", means: "Completed" }));
    expect(next.changes).toEqual([
      { cell: "A3", before: "", after: "Signed off" },
      { cell: "B3", before: "", after: "Completed" },
    ]);
    const twice = await host.previewOwnWord({ word: "stalled", means: "On hold" });
    expect(isHostError(twice) && twice.message).toBe(`"stalled" is already in the sheet "${WORDS_SHEET}": B2 says it means "In progress". Change it there if that is wrong.`);
    // Undo takes the word out again.
    ok(await host.undoWrite(saved.undo!));
    expect(x.sheet(WORDS_SHEET)?.values.slice(0, 2).map((r) => r.slice(0, 2))).toEqual([["", ""], ["", ""]]);
  });
});
