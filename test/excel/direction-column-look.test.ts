/**
 * The direction of travel's column, when the pane adds one (`format --write-directions`' twin), on Microsoft's Excel
 * client over the wire host: its header has a style of its own (black bold on light grey, never the header row's
 * white on nothing), its arrows are aligned like the tracker's cells (top, not Excel's bottom), in a constant
 * number of round trips.
 */
import { OWN_HEADER_COLOURS, chooseTrackerSheet, columnNumber, readTracker } from "../../src/model";
import { readWorkbookGrids } from "../../src/xlsx";
import { createExcelHost } from "../../src/excel/host";
import { ExcelDouble } from "../double/excel-double";
import { HERTS, HERTS_JUNE } from "../support/factories";
import { takeSnapshot } from "../support/office-writes";
import { ok } from "../support/host-results";

const HERTS_SHEET = "Delivery Plan 2021-22";
const supported = { isSetSupported: () => true };
const today = () => new Date(Date.UTC(2022, 0, 15));
const JUNE = { comparedWith: { kind: "snapshot" as const, label: "June 2021" } };

jest.setTimeout(60_000);

let uninstall: () => void = () => undefined;
afterEach(() => uninstall());

/** Hertfordshire, its header row white on no fill and its cells top-aligned (as real trackers have them), with June's snapshot. */
async function hertsTopAligned() {
  const x = ExcelDouble.fromGrids(await readWorkbookGrids(HERTS));
  uninstall = x.installMicrosoftClient();
  const june = chooseTrackerSheet(await readWorkbookGrids(HERTS_JUNE));
  if (!june.ok) throw new Error(june.message);
  await Excel.run((c) => takeSnapshot(c, "June 2021", new Date(Date.UTC(2021, 5, 30)), HERTS_SHEET, readTracker(june.grid).actions));
  const sheet = x.sheet(HERTS_SHEET)!;
  const host = createExcelHost({ requirements: supported, now: today, watch: false });
  const view = ok(await host.readTracker(JUNE));
  for (let c = 1; c <= sheet.values[view.headerRow - 1].length; c++) sheet.fontColors.set(`${view.headerRow},${c}`, "#FFFFFF");
  for (let r = view.firstDataRow; r <= view.lastDataRow; r++) for (let c = 1; c <= 12; c++) sheet.verticalAlignment.set(`${r},${c}`, "Top");
  return { x, host, sheet, view };
}

it("gives the column it adds a header of its own style and arrows aligned like the tracker's cells", async () => {
  const { x, host, sheet, view } = await hertsTopAligned();
  const preview = ok(await host.previewDirections(JUNE));
  const header = preview.newColumn!;
  const column = columnNumber(header.cell.replace(/\d+/, ""));
  const left = `${view.headerRow},${column - 1}`;
  const leftFill = sheet.fills.get(left);
  x.resetCounters();
  ok(await host.writeDirections(JUNE, preview.changes));
  const syncs = x.wire.commandSyncs.length;

  const at = `${view.headerRow},${column}`;
  expect(sheet.values[view.headerRow - 1][column - 1]).toBe("Direction of travel since June 2021");
  expect(sheet.bold.has(at)).toBe(true);
  expect(sheet.fontColors.get(at)).toBe(`#${OWN_HEADER_COLOURS.font}`);
  expect(sheet.fills.get(at)).toBe(`#${OWN_HEADER_COLOURS.fill}`);
  // The header row's own white is not what the new header has: its font differs from its fill.
  expect(sheet.fontColors.get(at)).not.toBe(sheet.fills.get(at));
  expect(sheet.wrap.has(at)).toBe(true);
  for (let r = view.firstDataRow; r <= view.lastDataRow; r++) expect([r, sheet.verticalAlignment.get(`${r},${column}`)]).toEqual([r, "Top"]);
  // The tracker's own cells keep their look.
  expect(sheet.fills.get(left)).toBe(leftFill);
  expect(sheet.fontColors.get(left)).toBe("#FFFFFF");
  // One round trip more than the write itself, whatever the number of rows: runs of rows alike are one range.
  expect(syncs).toBeLessThanOrEqual(6);
});

it("aligns each arrow like its own row, a row aligned otherwise included", async () => {
  const { host, sheet, view } = await hertsTopAligned();
  const odd = view.firstDataRow + 3;
  sheet.verticalAlignment.set(`${odd},${columnNumber("A")}`, "Center");
  const preview = ok(await host.previewDirections(JUNE));
  const column = columnNumber(preview.newColumn!.cell.replace(/\d+/, ""));
  // The cell to the left of the new column decides: give the odd row's a look of its own.
  sheet.verticalAlignment.set(`${odd},${column - 1}`, "Center");
  ok(await host.writeDirections(JUNE, preview.changes));
  expect(sheet.verticalAlignment.get(`${odd},${column}`)).toBe("Center");
  expect(sheet.verticalAlignment.get(`${odd + 1},${column}`)).toBe("Top");
  expect(sheet.verticalAlignment.get(`${odd - 1},${column}`)).toBe("Top");
});
