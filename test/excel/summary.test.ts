/** The Panel Summary on the Office path, on Microsoft's Excel client (excel-web-16.00.js) over the wire host on the Excel double: one write batch, text not formulas, ours replaced only. */
import { SUMMARY_MARK, buildPanelSummary, chooseTrackerSheet, compareWithPrevious, readTracker } from "../../src/model";
import type { SheetGrid, SummaryPlan } from "../../src/model";
import { readWorkbookGrids } from "../../src/xlsx";
import { columnWidthPoints, writePanelSummary } from "../../src/excel/summary";
import { ExcelDouble } from "../double/excel-double";
import { CAMBS, HERTS, HERTS_JUNE, roundTrip } from "../support/factories";

const HYPERLINK = '=HYPERLINK("http://example.invalid","x")';
const WHEN = { asOf: new Date(Date.UTC(2021, 10, 30, 23, 59, 59)), built: new Date(Date.UTC(2021, 11, 1)) };

let uninstall: () => void = () => undefined;
afterEach(() => uninstall());


function planFor(grids: SheetGrid[], previous?: SheetGrid[], period = "November 2021"): SummaryPlan {
  const now = chooseTrackerSheet(grids);
  if (!now.ok) throw new Error(now.message);
  const report = readTracker(now.grid);
  let prev = null;
  if (previous) {
    const p = chooseTrackerSheet(previous);
    if (!p.ok) throw new Error(p.message);
    const actions = readTracker(p.grid).actions;
    prev = { label: "June 2021", actions, comparison: compareWithPrevious(report.actions, actions) };
  }
  return buildPanelSummary({ report, previous: prev, options: { period, ...WHEN } });
}

function seeded(grids: SheetGrid[]) {
  const x = ExcelDouble.fromGrids(grids);
  uninstall = x.installMicrosoftClient();
  return x;
}

async function hyperlinkGrids(): Promise<SheetGrid[]> {
  return roundTrip({
    name: "Tracker",
    rows: [
      ["Ref", "Action", "Lead", "Status", "RAG", "Update", "Timeframe"],
      ["A1", "=SUM(1,2) looks like a sum", "OPCC", "In progress", "Red", HYPERLINK, "Ongoing"],
      ["A2", "+44 helpline", "@lead", "In progress", "Amber", "", "March 2021"],
    ],
  });
}

describe("writing the Panel Summary in Excel", () => {
  it("writes the Hertfordshire summary in one batch of two round trips, with its charts", async () => {
    const grids = await readWorkbookGrids(HERTS);
    const plan = planFor(grids, await readWorkbookGrids(HERTS_JUNE));
    const x = seeded(grids);
    x.resetCounters();
    const result = await Excel.run((c) => writePanelSummary(c, plan));
    expect(result).toEqual({ sheet: "Panel Summary", replaced: null, syncs: 2 });
    // One Excel.run: Microsoft's client ends it with one round trip releasing the ranges it kept.
    expect(x.wire.requests.filter((r) => r.cleanup)).toHaveLength(1);
    expect(x.wire.commandSyncs).toHaveLength(2);
    expect(x.activeSheet).toBe("Panel Summary");

    const sheet = x.sheet("Panel Summary")!;
    // The same values as the plan (what the .xlsx writer writes too).
    expect(sheet.values.map((r) => r.slice(0, plan.columnWidths.length))).toEqual(plan.rows.map((r) => r.map((v) => v ?? "")));
    expect(sheet.values[0][0]).toBe("Delivery Plan summary — November 2021");
    expect(sheet.values.flat()).toContain(plan.text.sentence);
    expect(sheet.columnWidths.get(1)).toBe(columnWidthPoints(plan.columnWidths[0]));
    const last = plan.columnWidths.length;
    expect(sheet.columnWidths.get(last)).toBe(columnWidthPoints(plan.columnWidths[last - 1]));

    const themes = plan.tables.find((t) => t.id === "themes")!;
    const header = Number(/\d+/.exec(themes.range)![0]);
    expect(sheet.bold.has(`${header},1`)).toBe(true);
    expect(sheet.wrap.has(`${header + 1},1`)).toBe(true);
    // The plan's charts (Hertfordshire has no RAG, and one period here: status by theme), in the same round trips; test/excel/summary-charts.test.ts looks at all three closely.
    expect(x.chartsOn("Panel Summary").map((c) => [c.type, c.source, c.seriesBy, c.title, c.position])).toEqual([
      ["BarStacked", `'Panel Summary'!A${header}:E${header + 5}`, "Columns", "Actions by theme and status", { from: plan.charts[0].from, to: plan.charts[0].to }],
    ]);
    expect(x.pageOrientation.get(sheet)).toBe("Landscape");
    // Printed one page wide at the scale the widths were chosen for: 85% or more.
    expect(x.pageZoom.get(sheet)).toEqual({ scale: plan.print.scale });
    expect(plan.print.scale).toBeGreaterThanOrEqual(85);
    expect(plan.print.scale).toBeLessThanOrEqual(100);
    expect(x.nameFormula(SUMMARY_MARK)).toBe("='Panel Summary'!$A$1");
  });

  it("keeps the round trips constant however many exceptions there are", async () => {
    const rows: (string | null)[][] = [["Ref", "Action", "Status", "RAG", "Update"]];
    for (let i = 1; i <= 600; i++) rows.push([`R${i}`, `Action ${i} `.repeat(8), "In progress", i % 2 ? "Red" : "Amber", i % 2 ? "Late" : ""]);
    const grids = await roundTrip({ rows });
    const plan = planFor(grids);
    expect(plan.exceptions).toHaveLength(600);
    const x = seeded(grids);
    x.resetCounters();
    await Excel.run((c) => writePanelSummary(c, plan));
    expect(x.wire.commandSyncs).toHaveLength(2);
  });

  it("writes tracker text as text: never a formula, every string cell formatted '@' before its value", async () => {
    const grids = await hyperlinkGrids();
    const plan = planFor(grids);
    const x = seeded(grids);
    await Excel.run((c) => writePanelSummary(c, plan));
    const sheet = x.sheet("Panel Summary")!;
    const flat = sheet.values.flat();
    expect(flat).toContain(HYPERLINK);
    expect(flat).toContain("=SUM(1,2) looks like a sum");
    expect(flat).toContain("+44 helpline");
    expect(flat.filter((v) => typeof v === "string" && v.startsWith("FORMULA:"))).toEqual([]);
    // The control: the same text written without the text format becomes a formula.
    await Excel.run(async (c) => {
      c.workbook.worksheets.getItem("Tracker").getRange("Z1").values = [[HYPERLINK]];
      await c.sync();
    });
    expect(x.sheet("Tracker")!.values[0][25]).toBe(`FORMULA:${HYPERLINK}`);
    sheet.values.forEach((row, r) =>
      row.forEach((v, c) => {
        if (typeof v === "string" && v !== "") expect([r + 1, c + 1, sheet.numberFormats.get(`${r + 1},${c + 1}`)]).toEqual([r + 1, c + 1, "@"]);
        if (typeof v === "number") expect(sheet.numberFormats.get(`${r + 1},${c + 1}`)).toBe("0");
      }),
    );
  });

  it("rebuilding replaces only ours: a user's 'Panel Summary' survives, ours is 'Panel Summary (2)', one mark and its charts once", async () => {
    const grids = await readWorkbookGrids(CAMBS);
    const plan = planFor(grids);
    const x = seeded(grids);
    const mine = x.addSheet("Panel Summary");
    x.cell(mine, 1, 1, "My own notes for the panel");
    x.cell(mine, 2, 1, "=not ours");
    const trackerBefore = JSON.stringify(x.sheet("Delivery Plan")!.values);

    const first = await Excel.run((c) => writePanelSummary(c, plan));
    expect(first).toEqual({ sheet: "Panel Summary (2)", replaced: null, syncs: 2 });
    x.resetCounters();
    const again = await Excel.run((c) => writePanelSummary(c, planFor(grids, undefined, "December 2021")));
    expect(again).toEqual({ sheet: "Panel Summary (2)", replaced: "Panel Summary (2)", syncs: 2 });
    expect(x.wire.commandSyncs).toHaveLength(2);

    expect(x.sheets.map((s) => s.name)).toEqual(["Delivery Plan", "Panel Summary", "Panel Summary (2)"]);
    expect(x.sheet("Panel Summary")!.values).toEqual([["My own notes for the panel"], ["=not ours"]]);
    expect(x.sheet("Panel Summary (2)")!.values[0][0]).toBe("Delivery Plan summary — December 2021");
    expect([...x.namedItems.keys()]).toEqual([SUMMARY_MARK.toUpperCase()]);
    expect(x.nameFormula(SUMMARY_MARK)).toBe("='Panel Summary (2)'!$A$1");
    expect(x.charts.filter((c) => x.sheets.includes(c.sheet))).toHaveLength(plan.charts.length);
    expect(JSON.stringify(x.sheet("Delivery Plan")!.values)).toBe(trackerBefore);
  });

  it("follows the mark: a renamed summary is replaced; a deleted one leaves a stale mark that is cleared", async () => {
    const grids = await hyperlinkGrids();
    const plan = planFor(grids);
    const x = seeded(grids);
    await Excel.run((c) => writePanelSummary(c, plan));
    x.sheet("Panel Summary")!.name = "Q2 summary";
    expect(x.nameFormula(SUMMARY_MARK)).toBe("='Q2 summary'!$A$1");
    const renamed = await Excel.run((c) => writePanelSummary(c, plan));
    expect(renamed).toMatchObject({ sheet: "Panel Summary", replaced: "Q2 summary" });
    expect(x.sheets.map((s) => s.name)).toEqual(["Tracker", "Panel Summary"]);

    x.deleteSheet(x.sheet("Panel Summary")!);
    expect(x.nameFormula(SUMMARY_MARK)).toBe("=#REF!$A$1");
    const rebuilt = await Excel.run((c) => writePanelSummary(c, plan));
    expect(rebuilt).toMatchObject({ sheet: "Panel Summary", replaced: null });
    expect(x.nameFormula(SUMMARY_MARK)).toBe("='Panel Summary'!$A$1");
  });
});
