/**
 * Faults at the wire (issue 13, Scope 4): Excel's error answers injected into
 * the wire host's responses (WireHost.injectFault) while the pane's commands
 * (src/excel/host.ts) run on Microsoft's own Excel client (excel-web-16.00.js).
 * Each test checks that the pane says what happened in plain words (no code,
 * no stack), that nothing is left half-written, and that every cell of the
 * user's sheets — value, formula, number format, fill, rules and drop-down
 * lists — is as it was, cell by cell.
 */
import { SNAPSHOT_SHEET } from "../../src/model";
import { createExcelHost } from "../../src/excel/host";
import { readWorkbookGrids } from "../../src/xlsx";
import { ExcelDouble } from "../double/excel-double";
import type { DoubleSheet } from "../double/excel-double";
import { realisticTracker } from "../support/realistic-tracker";
import { CAMBS, HERTS } from "../support/factories";
import { ok, errorOf } from "../support/host-results";

jest.setTimeout(60_000);

const CAMBS_SHEET = "Delivery Plan";
const supported = { isSetSupported: () => true };
const today = () => new Date(Date.UTC(2022, 0, 15));

let uninstall: () => void = () => undefined;
afterEach(() => uninstall());

async function workbook(...files: string[]) {
  const grids = (await Promise.all(files.map((f) => readWorkbookGrids(f)))).flat();
  const x = ExcelDouble.fromGrids(grids);
  uninstall = x.installMicrosoftClient();
  return { x, host: createExcelHost({ requirements: supported, now: today, watch: false }) };
}

const letters = (n: number): string => (n <= 0 ? "" : letters(Math.floor((n - 1) / 26)) + String.fromCharCode(65 + ((n - 1) % 26)));

/** Every cell of a sheet that holds anything: "C5" → its value, formula, number format and fill. */
function cellsOf(s: DoubleSheet): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  const at = (key: string) => {
    const [r, c] = key.split(",").map(Number);
    return (out[`${letters(c)}${r}`] ??= {});
  };
  s.values.forEach((row, r) => row.forEach((v, c) => v !== "" && (at(`${r + 1},${c + 1}`).value = v)));
  for (const [k, f] of s.formulas) at(k).formula = f;
  // "General" is what a cell with no number format of its own shows: setting it changes nothing.
  for (const [k, f] of s.numberFormats) if (f !== "General") at(k).numberFormat = f;
  for (const [k, f] of s.fills) at(k).fill = f;
  for (const [k, v] of s.validations) at(k).validation = JSON.stringify(v);
  return out;
}

/** The whole workbook, cell by cell, with each sheet's rules, merges and visibility, and the list of sheets. */
function workbookState(x: ExcelDouble) {
  return {
    sheets: x.sheets.map((s) => s.name),
    cells: Object.fromEntries(x.sheets.map((s) => [s.name, cellsOf(s)])),
    rules: Object.fromEntries(x.sheets.map((s) => [s.name, s.conditionalFormats.map(({ id: _id, ...rule }) => rule)])),
    merges: Object.fromEntries(x.sheets.map((s) => [s.name, s.merges])),
    visibility: Object.fromEntries(x.sheets.map((s) => [s.name, s.visibility])),
  };
}

/** Plain words: no Office error code, no stack, no "[object Object]". */
function expectPlain(message: string) {
  expect(message).not.toMatch(/AccessDenied|InvalidOperationInCellEditMode|PayloadSizeLimitExceeded|GeneralException|ItemNotFound|\bat \S+ \(\S+:\d+:\d+\)|\[object Object\]/);
}

describe("a protected sheet (Excel answers AccessDenied to a write)", () => {
  it("writing the RAG words: the pane says the sheet is protected and what to do; no cell changed", async () => {
    const { x, host } = await workbook(HERTS, CAMBS);
    const preview = ok(await host.previewRagLabels({ sheet: CAMBS_SHEET }));
    expect(preview.changes.map((c) => c.cell)).toEqual(["F12", "F13", "F14"]);
    const before = workbookState(x);
    // Excel refuses the write whole: nothing of that request is applied.
    x.wire.injectFault({ request: "write", code: "AccessDenied", message: "You cannot perform the requested operation.", when: "before" });
    const message = errorOf(await host.writeRagLabels({ sheet: CAMBS_SHEET }, preview.changes));
    expect(message).toMatch(/^Writing the RAG words: Excel did not allow the change — the sheet is protected, or the workbook is open read-only\. /);
    expect(message).toMatch(/Unprotect the sheet \(Review > Unprotect Sheet\)/);
    expectPlain(message);
    expect(x.wire.pendingFaults).toBe(0);
    expect(workbookState(x)).toEqual(before);
  });

  it("applying the colours: the same plain message; no rule added, no cell changed", async () => {
    const { x, host } = await workbook(HERTS);
    ok(await host.readTracker({}));
    const before = workbookState(x);
    x.wire.injectFault({ request: "write", code: "AccessDenied", when: "before" });
    const message = errorOf(await host.applyFormatting({}));
    expect(message).toMatch(/^Applying the colours: Excel did not allow the change — the sheet is protected/);
    expectPlain(message);
    expect(workbookState(x)).toEqual(before);
  });
});

describe("the user editing a cell (InvalidOperationInCellEditMode)", () => {
  it("says to press Enter or Esc, and writes nothing: the spelling fixes and the snapshot", async () => {
    const { x, host } = await workbook(HERTS);
    ok(await host.readTracker({}));
    const before = workbookState(x);
    x.wire.injectFault({ request: "write", code: "InvalidOperationInCellEditMode", when: "before" });
    const snap = errorOf(await host.takeSnapshot({ period: "January 2022" }));
    expect(snap).toBe("Taking the snapshot: Excel is busy editing a cell. Press Enter or Esc in the sheet, then try again.");
    expect(workbookState(x)).toEqual(before);
    // Reading is refused the same way while the user types (when Excel does not wait: delayForCellEdit).
    x.wire.injectFault({ request: 1, code: "InvalidOperationInCellEditMode", when: "before" });
    expect(errorOf(await host.readTracker({}))).toBe("Reading the tracker: Excel is busy editing a cell. Press Enter or Esc in the sheet, then try again.");
    // Once the user has pressed Enter, it works.
    expect(ok(await host.takeSnapshot({ period: "January 2022" })).period).toBe("January 2022");
    expect(x.sheet(SNAPSHOT_SHEET)).toBeDefined();
  });
});

describe("a read-only workbook (every write refused)", () => {
  it("the tracker is still read and counted; the pane notes that the mapping could not be kept", async () => {
    const { x, host } = await workbook(HERTS);
    const before = workbookState(x);
    x.wire.injectFault({ request: "write", code: "AccessDenied", when: "before", times: Infinity });
    const view = ok(await host.readTracker({}));
    expect(view.actions).toBe(97);
    expect(view.warnings).toEqual([expect.stringMatching(/^The tracker's sheet and column mapping could not be saved in this workbook \(it may be read-only\)/)]);
    expectPlain(view.warnings?.[0] ?? "");
    expect(workbookState(x)).toEqual(before);
    expect(x.settings.size).toBe(0);
  });

  it("a snapshot or a Panel Summary is refused plainly, and no sheet is added", async () => {
    const { x, host } = await workbook(HERTS);
    const before = workbookState(x);
    x.wire.injectFault({ request: "write", code: "AccessDenied", when: "before", times: Infinity });
    for (const message of [
      errorOf(await host.takeSnapshot({ period: "January 2022" })),
      errorOf(await host.buildPanelSummary({ period: "January 2022", comparedWith: { kind: "none" } })),
    ]) {
      expect(message).toMatch(/Excel did not allow the change — the sheet is protected, or the workbook is open read-only\./);
      expectPlain(message);
    }
    expect(workbookState(x)).toEqual(before);
  });
});

describe("a response refused as too large (ResponsePayloadSizeLimitExceeded)", () => {
  it("while reading the tracker's rows: the block is read again in halves and the tracker is whole", async () => {
    const { x, host } = await workbook(HERTS);
    const before = workbookState(x);
    ok(await host.readTracker({}));
    // The first request lists the sheets and snapshots; the second is the reader's probe; the third its first block.
    x.wire.injectFault({ request: 3, code: "ResponsePayloadSizeLimitExceeded", message: "The response payload size has exceeded the limit.", when: "after" });
    const view = ok(await host.readTracker({}));
    expect(x.refused.map((r) => r.code)).toEqual(["ResponsePayloadSizeLimitExceeded"]);
    expect(view.actions).toBe(97);
    expect(workbookState(x)).toEqual(before);
  });

  it("when every answer is too large: the pane says so plainly, and nothing changed", async () => {
    const { x, host } = await workbook(HERTS);
    ok(await host.readTracker({}));
    const before = workbookState(x);
    const execute = x.wire.execute.bind(x.wire);
    x.wire.execute = (request) => {
      x.wire.injectFault({ request: 1, code: "ResponsePayloadSizeLimitExceeded", message: "The response payload size has exceeded the limit.", when: "after" });
      return execute(request);
    };
    const message = errorOf(await host.readTracker({}));
    expect(message).toMatch(/^Reading the tracker: Excel refused to send back so much at once/);
    expectPlain(message);
    expect(workbookState(x)).toEqual(before);
  });
});

describe("a failure in the middle of a write that takes several syncs", () => {
  it("spelling fixes over 3,000 cells: a later block fails; the blocks already written are put back, cell by cell", async () => {
    const grid = realisticTracker(20_000, { name: "Tracker" }).grid;
    const x = ExcelDouble.fromGrids([grid]);
    uninstall = x.installMicrosoftClient();
    const host = createExcelHost({ requirements: supported, now: today, watch: false });
    const preview = ok(await host.previewSpellingFixes({}));
    expect(preview.changes.length).toBeGreaterThan(3_000);
    const before = workbookState(x);
    // The first write block goes through; the second fails part-way (Excel stops: what it did before stands).
    let writes = 0;
    const execute = x.wire.execute.bind(x.wire);
    x.wire.execute = (request) => {
      if (request.Actions.some((a) => a.ActionType === 4) && ++writes === 2) x.wire.injectFault({ request: 1, code: "GeneralException", message: "An internal error has occurred.", when: "after" });
      return execute(request);
    };
    const message = errorOf(await host.writeSpellingFixes({}, preview.changes));
    expect(writes).toBeGreaterThan(2);
    expect(message).toMatch(/^Fixing the spellings: /);
    expect(message).toMatch(/Nothing was changed: the cells already written were put back as they were\.$/);
    expectPlain(message);
    expect(workbookState(x)).toEqual(before);
  });

  it("a 20,000-row Panel Summary: a later block fails; the half-written sheet is taken away; the user's sheets are as they were", async () => {
    const grid = realisticTracker(20_000, { name: "Tracker" }).grid;
    const x = ExcelDouble.fromGrids([grid]);
    uninstall = x.installMicrosoftClient();
    const host = createExcelHost({ requirements: supported, now: today, watch: false });
    ok(await host.readTracker({}));
    const before = workbookState(x);
    let writes = 0;
    const execute = x.wire.execute.bind(x.wire);
    x.wire.execute = (request) => {
      if (request.Actions.some((a) => a.ActionType === 4) && ++writes === 2) x.wire.injectFault({ request: 1, code: "GeneralException", message: "An internal error has occurred.", when: "after" });
      return execute(request);
    };
    const message = errorOf(await host.buildPanelSummary({ period: "January 2022", comparedWith: { kind: "none" } }));
    expect(writes).toBeGreaterThanOrEqual(2);
    expect(message).toMatch(/^Building the panel summary: /i);
    expectPlain(message);
    expect(workbookState(x)).toEqual(before);
  });
});

describe("another failure in the reader's first round trip (not the 512-merged-areas limit)", () => {
  it("is reported as what it is, not as the merged-areas warning", async () => {
    const { x, host } = await workbook(HERTS);
    ok(await host.readTracker({}));
    // Request 1 lists the sheets and snapshots; request 2 is the reader's first, which asks for the merged areas too.
    x.wire.injectFault({ request: 2, code: "GeneralException", message: "An internal error has occurred.", when: "before", location: "Range.values" });
    const message = errorOf(await host.readTracker({}));
    expect(message).toBe('Reading the tracker: Excel said "An internal error has occurred.". Try again; if it keeps happening, close and reopen the add-in.');
    expect(message).not.toMatch(/merged/);
  });
});

describe("a co-author deletes the tracker's sheet between two commands", () => {
  it("the next command says the sheet is gone and what to do; nothing is written anywhere", async () => {
    const { x, host } = await workbook(HERTS, CAMBS);
    const preview = ok(await host.previewRagLabels({ sheet: CAMBS_SHEET }));
    x.deleteSheet(x.sheet(CAMBS_SHEET)!);
    const before = workbookState(x);
    const messages = [
      errorOf(await host.writeRagLabels({ sheet: CAMBS_SHEET }, preview.changes)),
      errorOf(await host.applyFormatting({ sheet: CAMBS_SHEET })),
      errorOf(await host.takeSnapshot({ sheet: CAMBS_SHEET, period: "January 2022" })),
    ];
    for (const m of messages) {
      expect(m).toMatch(/"Delivery Plan"/);
      expect(m).toMatch(/Choose the tracker's sheet from the list, or find the tracker again\./);
      expectPlain(m);
    }
    expect(workbookState(x)).toEqual(before);
  });
});
