/**
 * The record, in the workbook's add-in settings, of whether the add-in's colours and drop-down lists are on the
 * tracker: written with the formatting's own round trips, read back with the tracker read's, on Microsoft's Excel
 * client (excel-web-16.00.js) over the wire host.
 */
import { readWorkbookGrids } from "../../src/xlsx";
import { createExcelHost } from "../../src/excel/host";
import { TRACKER_SETTING } from "../../src/excel/settings";
import { ExcelDouble } from "../double/excel-double";
import { CAMBS } from "../support/factories";
import { ok } from "../support/host-results";

const SHEET = "Delivery Plan";
const supported = { isSetSupported: () => true };
const today = () => new Date(Date.UTC(2018, 10, 30));

jest.setTimeout(60_000);

let uninstall: () => void = () => undefined;
afterEach(() => uninstall());

async function workbook(extraSheets: string[] = []) {
  const x = ExcelDouble.fromGrids(await readWorkbookGrids(CAMBS));
  for (const name of extraSheets) x.addSheet(name);
  uninstall = x.installMicrosoftClient();
  return x;
}

/** A new pane on the same workbook (a later session): only the workbook's settings carry over. */
const session = () => createExcelHost({ requirements: supported, now: today, watch: false });
const record = (x: ExcelDouble) => JSON.parse(String(x.settings.get(TRACKER_SETTING))).formatted;

describe("what the add-in put on the tracker is recorded in the workbook", () => {
  it("none of ours in a workbook the add-in never saved in; Apply and Remove record it; a later session reads it back", async () => {
    const x = await workbook();
    expect(ok(await session().readTracker({})).ours).toEqual({ colours: false, lists: false });
    expect(record(x)).toEqual({ colours: false, lists: false });

    const host = session();
    ok(await host.applyFormatting({}));
    expect(record(x)).toEqual({ colours: true, lists: false });
    expect(ok(await session().readTracker({})).ours).toEqual({ colours: true, lists: false });

    ok(await host.addValidation({}, { style: "warning" }));
    expect(record(x)).toEqual({ colours: true, lists: true });
    expect(ok(await session().readTracker({})).ours).toEqual({ colours: true, lists: true });

    const removed = ok(await host.removeFormatting({}));
    expect(removed.removed).toBeGreaterThan(0);
    expect(record(x)).toEqual({ colours: false, lists: true });
    const lists = ok(await host.removeValidation({}));
    expect(lists.removed.length).toBeGreaterThan(0);
    expect(record(x)).toEqual({ colours: false, lists: false });
    expect(ok(await session().readTracker({})).ours).toEqual({ colours: false, lists: false });
    // The add-in's rules are gone from the sheet, as the record says.
    expect(x.sheet(SHEET)!.conditionalFormats).toHaveLength(0);
  });

  it("costs no round trip: Apply colours, Add drop-down lists and the read take as many as when the record does not change", async () => {
    const syncsOf = async (formatted: object | undefined, command: (host: ReturnType<typeof session>) => Promise<unknown>) => {
      const x = await workbook();
      x.settings.set(TRACKER_SETTING, JSON.stringify({ sheet: SHEET, overrides: {}, ...(formatted ? { formatted } : {}) }));
      const host = session();
      ok(await host.readTracker({}));
      x.resetCounters();
      await command(host);
      const syncs = x.wire.commandSyncs.length;
      uninstall();
      return { syncs, formatted: record(x) };
    };
    const apply = (host: ReturnType<typeof session>) => host.applyFormatting({});
    // The record changes (false → true) with the rules' own round trips: as many as when it already said true.
    const changed = await syncsOf({ colours: false }, apply);
    const same = await syncsOf({ colours: true }, apply);
    expect(changed.formatted).toEqual({ colours: true });
    expect(same.formatted).toEqual({ colours: true });
    expect(changed.syncs).toBe(same.syncs);

    const lists = (host: ReturnType<typeof session>) => host.addValidation({}, { style: "warning" });
    const listsChanged = await syncsOf({ lists: false }, lists);
    const listsSame = await syncsOf({ lists: true }, lists);
    expect(listsChanged.formatted).toEqual({ lists: true });
    expect(listsChanged.syncs).toBe(listsSame.syncs);

    // Read back in the read's own round trips: a workbook with a record is read in as many as one without.
    const read = (host: ReturnType<typeof session>) => host.readTracker({});
    const x = await workbook();
    x.settings.set(TRACKER_SETTING, JSON.stringify({ sheet: SHEET, overrides: {}, formatted: { colours: true, lists: false } }));
    x.resetCounters();
    expect(ok(await session().readTracker({})).ours).toEqual({ colours: true, lists: false });
    const withRecord = x.wire.commandSyncs.length;
    uninstall();
    const without = await syncsOf(undefined, read);
    expect(withRecord).toBe(without.syncs);
  });

  it("Remove with nothing of ours left (taken away by hand) clears the record", async () => {
    const x = await workbook();
    x.settings.set(TRACKER_SETTING, JSON.stringify({ sheet: SHEET, overrides: {}, formatted: { colours: true, lists: true } }));
    const host = session();
    expect(ok(await host.readTracker({})).ours).toEqual({ colours: true, lists: true });
    expect(ok(await host.removeFormatting({})).removed).toBe(0);
    expect(ok(await host.removeValidation({})).removed).toEqual([]);
    expect(record(x)).toEqual({ colours: false, lists: false });
  });

  it("is not known where the workbook cannot tell: a setting from before the record, another sheet's, or a workbook the command line wrote in", async () => {
    const old = await workbook();
    old.settings.set(TRACKER_SETTING, JSON.stringify({ sheet: SHEET, overrides: {} }));
    expect(ok(await session().readTracker({})).ours).toEqual({});
    // Applying records only what it knows.
    ok(await session().applyFormatting({}));
    expect(record(old)).toEqual({ colours: true });
    uninstall();

    const other = await workbook(["Old tracker"]);
    other.settings.set(TRACKER_SETTING, JSON.stringify({ sheet: "Old tracker", overrides: {}, formatted: { colours: false, lists: false } }));
    expect(ok(await session().readTracker({ sheet: SHEET })).ours).toEqual({});
    uninstall();

    const logged = await workbook(["Change log"]);
    expect(ok(await session().readTracker({})).ours).toEqual({});
    expect(JSON.parse(String(logged.settings.get(TRACKER_SETTING))).formatted).toBeUndefined();
  });
});
