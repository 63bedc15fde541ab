/**
 * The Panel Summary's history table in Excel (issue 27): on Microsoft's client over the
 * wire host, a plan with the history of two periods gets its PanelSummaryHistory table in
 * the same two round trips, as the .xlsx writer does.
 */
import { SUMMARY_TABLE_NAMES, a1, buildHistory, buildPanelSummary, chooseTrackerSheet, periodActions, readTracker } from "../../src/model";
import { readWorkbookGrids } from "../../src/xlsx";
import { writePanelSummary } from "../../src/excel/summary";
import { ExcelDouble } from "../double/excel-double";
import type { DoubleTableRecord } from "../double/excel-double";
import { HERTS, HERTS_JUNE } from "../support/factories";
import { clearTracker } from "../support/store";

jest.setTimeout(60_000);

let uninstall: () => void = () => undefined;
afterEach(() => {
  uninstall();
  clearTracker();
});

const areaOf = (t: DoubleTableRecord) => `${a1(t.top, t.left)}:${a1(t.bottom, t.right)}`;

it("writes the history table, named PanelSummaryHistory, in the same two round trips", async () => {
  const grids = await readWorkbookGrids(HERTS);
  const now = chooseTrackerSheet(grids);
  const before = chooseTrackerSheet(await readWorkbookGrids(HERTS_JUNE));
  if (!now.ok || !before.ok) throw new Error("no tracker");
  const report = readTracker(now.grid);
  const history = buildHistory([
    { label: "November 2021", actions: periodActions(report.actions) },
    { label: "June 2021", actions: periodActions(readTracker(before.grid).actions) },
  ]).entries;
  const when = { asOf: new Date(Date.UTC(2021, 10, 30)), built: new Date(Date.UTC(2021, 11, 1)) };
  const plan = buildPanelSummary({ report, history, options: { period: "November 2021", ...when } });
  const x = ExcelDouble.fromGrids(grids);
  uninstall = x.installMicrosoftClient();
  x.resetCounters();
  const result = await Excel.run((c) => writePanelSummary(c, plan));
  expect(result).toMatchObject({ sheet: "Panel Summary", syncs: 2 });
  const sheet = x.sheet("Panel Summary")!;
  const table = sheet.tables.find((t) => t.name === SUMMARY_TABLE_NAMES.history)!;
  expect(areaOf(table)).toBe(plan.tables.find((t) => t.id === "history")!.range);
  // June 2021 first: 38 Completed of 97; then November: 45.
  const top = table.top;
  expect(sheet.values[top].slice(table.left - 1, table.left + 1)).toEqual(["June 2021", 38]);
  expect(sheet.values[top + 1].slice(table.left - 1, table.left + 1)).toEqual(["November 2021", 45]);
});
