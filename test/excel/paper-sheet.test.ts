/**
 * The panel paper's settings on the Office path, on Microsoft's Excel client (excel-web-16.00.js) over the wire host:
 * saved in the "Panel paper" sheet the CLI reads (the same rows), in a constant number of round trips, nothing else
 * changed; read back; and the paper made in the pane has the officer's words.
 */
import { PAPER_SHEET, paperSettingsFromGrid, paperSettingsRows } from "../../src/model";
import type { PaperSettings, SheetGrid } from "../../src/model";
import { readWorkbookGrids } from "../../src/xlsx";
import { createExcelHost } from "../../src/excel/host";
import { ExcelDouble } from "../double/excel-double";
import type { DoubleSheet } from "../double/excel-double";
import { CAMBS } from "../support/factories";
import { ok } from "../support/host-results";

const supported = { isSetSupported: () => true };
const today = () => new Date(Date.UTC(2026, 11, 7));
const CAMBS_SHEET = "Delivery Plan";

let uninstall: () => void = () => undefined;
afterEach(() => uninstall());

async function cambs(extra: SheetGrid[] = []) {
  const x = ExcelDouble.fromGrids([...(await readWorkbookGrids(CAMBS)), ...extra]);
  uninstall = x.installMicrosoftClient();
  return { x, host: createExcelHost({ requirements: supported, now: today, watch: false }) };
}

const EVERY: PaperSettings = {
  organisation: "Cambridgeshire OPCC",
  panel: "Cambridgeshire Police and Crime Panel",
  meetingDate: "14 November 2018",
  agendaItem: "9",
  reportOf: "the Police and Crime Commissioner",
  contactOfficer: "Dorothy Gregson",
  contactDetails: "cambs-pcc@cambs.pnn.police.uk 0300 333 3456",
  purpose: "To update the Panel on delivery of the Police and Crime Plan.",
  recommendation: "The Panel is recommended to note the report.",
  termsOfReference: "To review or scrutinise decisions made by the Commissioner.",
  background: ["The Plan was published in 2017.", "=SUM(1,2) is text, not a formula."],
  commentary: ["Most actions are in progress."],
  backgroundDocuments: [{ title: "Police and Crime Plan 2017-2020", url: "https://www.cambridgeshire-pcc.gov.uk/plan" }],
  exceptions: ["red", "overdue"],
};

/** The sheet as the CLI's reader sees it: its values as a grid. */
function gridOf(sheet: DoubleSheet): SheetGrid {
  return { name: sheet.name, firstRow: 1, firstColumn: 1, values: sheet.values.map((r) => r.map((v) => (v === "" ? null : v))), merges: [] };
}

const text = (sheet: DoubleSheet) => JSON.stringify(sheet.values);

describe("the panel paper's settings in the workbook", () => {
  it("saves them in a new 'Panel paper' sheet in two round trips, as the CLI reads them, and changes nothing else", async () => {
    const { x, host } = await cambs();
    const tracker = text(x.sheet(CAMBS_SHEET)!);
    const sheets = x.sheets.map((s) => s.name);
    expect(ok(await host.readPaperSettings())).toEqual({ settings: {}, problems: [], exists: false });
    x.resetCounters();
    expect(ok(await host.writePaperSettings(EVERY))).toEqual({ sheet: PAPER_SHEET, rows: paperSettingsRows(EVERY).length, created: true });
    expect(x.runs).toBe(1);
    expect(x.wire.commandSyncs).toHaveLength(2);
    const sheet = x.sheet(PAPER_SHEET)!;
    expect(sheet.values.map((r) => r.slice(0, 3))).toEqual(paperSettingsRows(EVERY));
    // Text stays text: a paragraph that looks like a formula is not one.
    expect(sheet.values.flat()).toContain("=SUM(1,2) is text, not a formula.");
    expect(sheet.values.flat().filter((v) => typeof v === "string" && v.startsWith("FORMULA:"))).toEqual([]);
    // The CLI's reader reads back what was saved; so does the pane.
    expect(paperSettingsFromGrid(gridOf(sheet))).toEqual({ settings: EVERY, problems: [] });
    expect(ok(await host.readPaperSettings())).toEqual({ settings: EVERY, problems: [], exists: true });
    expect(text(x.sheet(CAMBS_SHEET)!)).toBe(tracker);
    expect(x.sheets.map((s) => s.name)).toEqual([...sheets, PAPER_SHEET]);
  });

  it("saves over the sheet in the same two round trips however many paragraphs, clearing the rows no longer needed", async () => {
    const many: PaperSettings = { ...EVERY, background: Array.from({ length: 300 }, (_, i) => `Paragraph ${i + 1}.`) };
    const { x, host } = await cambs();
    ok(await host.writePaperSettings(many));
    x.resetCounters();
    const fewer: PaperSettings = { panel: "Cambridgeshire Police and Crime Panel", commentary: ["One paragraph."] };
    ok(await host.writePaperSettings(fewer));
    expect(x.wire.commandSyncs).toHaveLength(2);
    expect(paperSettingsFromGrid(gridOf(x.sheet(PAPER_SHEET)!)).settings).toEqual(fewer);
    expect(x.sheets.filter((s) => s.name === PAPER_SHEET)).toHaveLength(1);
  });

  it("reads a sheet the officer typed, naming a row it cannot read", async () => {
    const typed: SheetGrid = {
      name: PAPER_SHEET,
      firstRow: 1,
      firstColumn: 1,
      values: [
        ["Panel", "Cambridgeshire Police and Crime Panel"],
        ["Contact officr", "Someone"],
      ],
      merges: [],
    };
    const { host } = await cambs([typed]);
    const read = ok(await host.readPaperSettings());
    expect(read.settings).toEqual({ panel: "Cambridgeshire Police and Crime Panel" });
    expect(read.problems).toEqual([expect.stringMatching(/^Panel paper!A2: "Contact officr" is not a paper setting/)]);
  });

  it("gives the tracker's own period, as the CLI reads it from the title, for the pane's period to start from", async () => {
    const { host } = await cambs();
    expect(ok(await host.readTracker({})).ownPeriod).toBe("November 2018");
  });

  it("makes the paper with the officer's words, listing what is still missing, in the same round trips as without them", async () => {
    const { x, host } = await cambs();
    const request = { period: "November 2018", comparedWith: { kind: "none" as const } };
    x.resetCounters();
    const bare = ok(await host.panelPaper(request));
    const without = x.wire.commandSyncs.length;
    expect(bare.missing).toEqual(expect.arrayContaining(["panel", "contactOfficer"]));
    expect(bare.paper.cover[3].left[1]).toEqual({ text: "[Contact officer]", placeholder: true });

    ok(await host.writePaperSettings({ panel: "Cambridgeshire Police and Crime Panel", contactOfficer: "Dorothy Gregson", commentary: ["Most actions are in progress."] }));
    x.resetCounters();
    const made = ok(await host.panelPaper(request));
    expect(x.wire.commandSyncs.length).toBe(without);
    expect(made.paper.cover[0].left).toEqual([{ text: "Cambridgeshire Police and Crime Panel" }]);
    expect(made.paper.cover[3].left[1]).toEqual({ text: "Dorothy Gregson" });
    expect(made.missing).not.toContain("panel");
    expect(made.missing).not.toContain("contactOfficer");
    expect(made.missing).toEqual(expect.arrayContaining(["meetingDate", "agendaItem", "contactDetails"]));
    expect(JSON.stringify(made.paper.sections)).toContain("Most actions are in progress.");
    // The position is the tracker's own period, not today (the CLI's without --as-of).
    expect(made.paper.asOf.toISOString().slice(0, 10)).toBe("2018-11-30");
  });
});
