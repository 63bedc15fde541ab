/**
 * What changed since last period in Excel: the snapshot the Excel host takes
 * keeps each update's fingerprint in column H, and the Panel Summary built against it gives the
 * pane the counts of updated, not updated and new actions.
 */
import { chooseTrackerSheet, readTracker, SNAPSHOT_SHEET, updateFingerprint } from "../../src/model";
import { readWorkbookGrids } from "../../src/xlsx";
import { createExcelHost } from "../../src/excel/host";
import { stopKeepingTrackerFresh } from "../../src/excel/refresh";
import { ExcelDouble } from "../double/excel-double";
import { HERTS, HERTS_JUNE } from "../support/factories";
import { takeSnapshot } from "../support/office-writes";
import { ok } from "../support/host-results";

jest.setTimeout(60_000);
const HERTS_SHEET = "Delivery Plan 2021-22";

let uninstall: () => void = () => undefined;
afterEach(() => {
  stopKeepingTrackerFresh();
  uninstall();
});

it("the snapshot keeps update fingerprints in column H; the summary against it counts the updates", async () => {
  const x = ExcelDouble.fromGrids(await readWorkbookGrids(HERTS));
  uninstall = x.installMicrosoftClient();
  const host = createExcelHost({ requirements: { isSetSupported: () => true }, now: () => new Date(Date.UTC(2021, 10, 30)), watch: false });
  const june = chooseTrackerSheet(await readWorkbookGrids(HERTS_JUNE));
  if (!june.ok) throw new Error(june.message);
  // June's statuses, with November's update text (the June sample keeps none), except that actions 1 and 6
  // had other updates then; and action 97 was not in the plan yet.
  const november = new Map(readTracker((await readWorkbookGrids(HERTS))[0]).actions.map((a) => [a.id, a.update]));
  const juneActions = readTracker(june.grid)
    .actions.filter((a) => a.id !== "97")
    .map((a) => ({ ...a, update: a.id === "1" || a.id === "6" ? "Reported at the PCC's Strategic Executive Board, March 2020." : november.get(a.id)! }));
  await Excel.run((c) => takeSnapshot(c, "June 2021", new Date(Date.UTC(2021, 5, 30)), HERTS_SHEET, juneActions));

  const snap = x.sheet(SNAPSHOT_SHEET)!;
  expect(snap.values[0]).toEqual(["Period", "Taken", "Reference", "Status", "RAG", "Direction", "Tracker sheet", "Update fingerprint"]);
  const row1 = snap.values.find((r) => r[2] === "1")!;
  expect(row1[7]).toBe(updateFingerprint("Reported at the PCC's Strategic Executive Board, March 2020."));

  ok(await host.readTracker({}));
  const built = ok(await host.buildPanelSummary({ period: "November 2021", comparedWith: { kind: "snapshot", label: "June 2021" } }));
  expect(built.updates).toEqual({ since: "June 2021", updated: 2, notUpdated: 94, new: 1, notCompared: 0 });
  const sheet = x.sheet(built.sheet)!;
  const label = (text: string) => sheet.values.find((r) => r[0] === text)?.[1];
  expect(label("Updated since June 2021")).toBe(2);
  expect(label("No new update since June 2021")).toBe(94);
  expect(label("New actions since June 2021")).toBe(1);
});

it("makes the panel paper from the same figures, writing nothing; downloads are offered only in Excel on the web", async () => {
  const x = ExcelDouble.fromGrids(await readWorkbookGrids(HERTS));
  uninstall = x.installMicrosoftClient();
  const host = createExcelHost({ requirements: { isSetSupported: () => true }, now: () => new Date(Date.UTC(2021, 10, 30)), watch: false });
  const june = chooseTrackerSheet(await readWorkbookGrids(HERTS_JUNE));
  if (!june.ok) throw new Error(june.message);
  await Excel.run((c) => takeSnapshot(c, "June 2021", new Date(Date.UTC(2021, 5, 30)), HERTS_SHEET, readTracker(june.grid).actions));
  const before = JSON.stringify(x.sheets.map((s) => [s.name, s.values]));
  const done = ok(await host.panelPaper({ period: "Q3 2021/22", comparedWith: { kind: "snapshot", label: "June 2021" } }));
  expect(JSON.stringify(x.sheets.map((s) => [s.name, s.values]))).toBe(before);
  expect(done.fileName).toBe("Panel paper Q3 2021-22.docx");
  expect(done.paper.appendix.actions).toBe(97);
  const delivery = done.paper.sections.find((s) => s.heading.endsWith("Delivery against the Police and Crime Plan"))!;
  expect(delivery.blocks[0]).toEqual({
    kind: "paragraph",
    number: `${delivery.heading.split(".")[0]}.1`,
    text: "Of the 97 actions, 45 are complete (38 in June 2021), 52 are in progress (55 in June 2021) and none are on hold or not yet started (4 in June 2021).",
  });
  const summary = ok(await host.buildPanelSummary({ period: "Q3 2021/22", comparedWith: { kind: "snapshot", label: "June 2021" } }));
  expect(delivery.blocks[0]).toMatchObject({ text: summary.sentence });

  // Not in a browser's Excel: no download, and what to do instead.
  const saving = host.fileSaving();
  expect(saving.can).toBe(false);
  expect(!saving.can && saving.instead).toMatch(/Copy for Word/);
  const g = globalThis as { Office?: unknown };
  const had = g.Office;
  g.Office = { context: { diagnostics: { platform: "OfficeOnline" } }, PlatformType: { OfficeOnline: "OfficeOnline", PC: "PC" } };
  try {
    expect(host.fileSaving()).toEqual({ can: true });
    (g.Office as { context: { diagnostics: { platform: string } } }).context.diagnostics.platform = "PC";
    expect(host.fileSaving().can).toBe(false);
  } finally {
    g.Office = had;
  }
});
