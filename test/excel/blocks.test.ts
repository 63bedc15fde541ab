/** A big Panel Summary on the Office path, on Microsoft's Excel client (excel-web-16.00.js) over the wire host: written in blocks of at most ~2 MB of real request, never refused, never half left. */
import { SUMMARY_MARK, buildPanelSummary, compareWithPrevious, readTracker } from "../../src/model";
import type { SummaryPlan } from "../../src/model";
import { REQUEST_BUDGET_BYTES } from "../../src/excel/blocks";
import { FORMAT_OBJECT_BYTES, FORMAT_RANGE_BYTES, FORMAT_SET_BYTES, formatRequestBytes, writePanelSummary } from "../../src/excel/summary";
import { ExcelDouble } from "../double/excel-double";
import type { DoubleSheet } from "../double/excel-double";
import { realisticTracker } from "../support/realistic-tracker";

const AS_OF = new Date(Date.UTC(2026, 10, 30, 23, 59, 59));

let uninstall: () => void = () => undefined;
afterEach(() => uninstall());

function planOf(rows: number, withPrevious: boolean): { plan: SummaryPlan; grid: ReturnType<typeof realisticTracker>["grid"] } {
  const { grid } = realisticTracker(rows);
  const report = readTracker(grid);
  let previous = null;
  if (withPrevious) {
    const actions = readTracker(realisticTracker(rows, { seed: rows + 1 }).grid).actions;
    previous = { label: "Q2 2026/27", actions, comparison: compareWithPrevious(report.actions, actions) };
  }
  return { plan: buildPanelSummary({ report, previous, options: { period: "Q3 2026/27", asOf: AS_OF, built: AS_OF } }), grid };
}

/** The fills and bold/wrapped cells the plan's formats give, applied one by one as the plan lists them. */
function expectedFormats(plan: SummaryPlan) {
  const fills = new Map<string, string>();
  const bold = new Set<string>();
  const wrap = new Set<string>();
  const col = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  for (const f of plan.formats) {
    const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(f.range)!;
    for (let r = Number(m[2]); r <= Number(m[4] ?? m[2]); r++)
      for (let c = col(m[1]); c <= col(m[3] ?? m[1]); c++) {
        const key = `${r},${c}`;
        if (f.fill) fills.set(key, f.fill.toUpperCase());
        if (f.bold) bold.add(key);
        if (f.wrap) wrap.add(key);
      }
  }
  return { fills, bold, wrap };
}

function expectSheetIsPlan(sheet: DoubleSheet, plan: SummaryPlan) {
  const width = plan.columnWidths.length;
  expect(sheet.values.length).toBe(plan.rows.length);
  expect(sheet.values.map((r) => Array.from({ length: width }, (_, j) => r[j] ?? ""))).toEqual(plan.rows.map((r) => r.map((v) => v ?? "")));
  // Every text cell is "@" (so never a formula), every number "0".
  plan.rows.forEach((row, i) =>
    row.forEach((v, j) => {
      const format = sheet.numberFormats.get(`${i + 1},${j + 1}`);
      if (typeof v === "string" && format !== "@") throw new Error(`row ${i + 1} column ${j + 1} is not text: ${format}`);
      if (typeof v === "number" && format !== "0") throw new Error(`row ${i + 1} column ${j + 1} is not a number: ${format}`);
    }),
  );
  const want = expectedFormats(plan);
  expect(sheet.fills).toEqual(want.fills);
  expect(sheet.bold).toEqual(want.bold);
  expect(sheet.wrap).toEqual(want.wrap);
}

describe("a Panel Summary too big for one request", () => {
  it.each([
    ["without a previous period", false],
    ["compared with a previous period", true],
  ])("20,000 rows %s: written in blocks of at most 2 MB of request, the same cells as the plan", async (_label, withPrevious) => {
    const { plan, grid } = planOf(20000, withPrevious);
    // Thousands of exceptions: in one request this was 2.8–5.6 MB, and Excel refuses over 5 MB.
    expect(plan.exceptions.length).toBeGreaterThan(4000);
    const x = ExcelDouble.fromGrids([grid]);
    uninstall = x.installMicrosoftClient();
    const mine = x.addSheet("Panel Summary");
    x.cell(mine, 1, 1, "My own notes");
    x.resetCounters();

    const written = await Excel.run((c) => writePanelSummary(c, plan));
    expect(x.refused).toEqual([]);
    expect(written).toEqual({ sheet: "Panel Summary (2)", replaced: null, syncs: x.wire.commandSyncs.length });
    expect(x.wire.commandSyncs.length).toBeGreaterThan(2);
    for (const s of x.wire.commandSyncs) expect(s.requestBytes).toBeLessThanOrEqual(REQUEST_BUDGET_BYTES);
    // About one round trip per 2 MB of request, not one per row.
    const bytes = x.wire.commandSyncs.reduce((n, s) => n + s.requestBytes, 0);
    expect(x.wire.commandSyncs.length).toBeLessThanOrEqual(Math.ceil(bytes / REQUEST_BUDGET_BYTES) + 4);

    expectSheetIsPlan(x.sheet("Panel Summary (2)")!, plan);
    expect(x.sheet("Panel Summary")!.values).toEqual([["My own notes"]]);
    expect(x.nameFormula(SUMMARY_MARK)).toBe("='Panel Summary (2)'!$A$1");
    // The plan's charts (status by theme, the RAG in progress), with the last block.
    expect(x.chartsOn("Panel Summary (2)").map((c) => c.title)).toEqual(plan.charts.map((c) => c.title));
    expect(plan.charts.length).toBe(2);
    expect(x.activeSheet).toBe("Panel Summary (2)");

    // Rebuilding replaces ours, in blocks again.
    x.resetCounters();
    const again = await Excel.run((c) => writePanelSummary(c, plan));
    expect(again).toMatchObject({ sheet: "Panel Summary (2)", replaced: "Panel Summary (2)" });
    expect(x.sheets.map((s) => s.name)).toEqual([grid.name, "Panel Summary", "Panel Summary (2)"]);
    expect(x.charts.filter((c) => x.sheets.includes(c.sheet))).toHaveLength(plan.charts.length);
    expect([...x.namedItems.keys()]).toEqual([SUMMARY_MARK.toUpperCase()]);
  }, 60_000);

  it("a small summary (1,000 rows) still takes two round trips, the same cells as the plan", async () => {
    const { plan, grid } = planOf(1000, true);
    const x = ExcelDouble.fromGrids([grid]);
    uninstall = x.installMicrosoftClient();
    x.resetCounters();
    const written = await Excel.run((c) => writePanelSummary(c, plan));
    expect(written.syncs).toBe(2);
    expect(x.wire.commandSyncs).toHaveLength(2);
    expectSheetIsPlan(x.sheet("Panel Summary")!, plan);
  });

  it("a later block that fails takes the half-written sheet away again, and the error is passed on", async () => {
    const { plan, grid } = planOf(20000, false);
    const x = ExcelDouble.fromGrids([grid]);
    uninstall = x.installMicrosoftClient();
    const mine = x.addSheet("Notes");
    x.cell(mine, 1, 1, "=not ours");
    // The 3rd round trip (the 2nd block of rows) is refused, as Excel refuses one over its limit.
    x.wire.injectFault({ request: 3, code: "RequestPayloadSizeLimitExceeded", message: "The request payload size has exceeded the limit.", when: "before" });
    await expect(Excel.run((c) => writePanelSummary(c, plan))).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    expect(x.sheets.map((s) => s.name)).toEqual([grid.name, "Notes"]);
    expect(x.sheet("Notes")!.values).toEqual([["=not ours"]]);
    expect(x.namedItems.size).toBe(0);
    expect(x.charts.filter((c) => x.sheets.includes(c.sheet))).toHaveLength(0);

    // Building again works.
    const written = await Excel.run((c) => writePanelSummary(c, plan));
    expect(written.sheet).toBe("Panel Summary");
    expectSheetIsPlan(x.sheet("Panel Summary")!, plan);
  }, 60_000);
});

describe("what a format costs the request on Microsoft's client", () => {
  it.each([
    ["fill and font colours", { range: "E10:F10", fill: "#FF0000", font: "#FFFFFF" }],
    ["wrap and top alignment", { range: "E10:F10", wrap: true }],
    ["bold", { range: "A1:G1", bold: true }],
  ])("%s: the estimate bounds the measured bytes, within 40%%", async (_label, format) => {
    expect([FORMAT_RANGE_BYTES, FORMAT_OBJECT_BYTES, FORMAT_SET_BYTES].every((n) => n > 0)).toBe(true);
    const x = new ExcelDouble();
    x.addSheet("S");
    uninstall = x.installMicrosoftClient();
    const measure = async (n: number) => {
      x.resetCounters();
      await Excel.run(async (c) => {
        const sheet = c.workbook.worksheets.getItem("S");
        for (let i = 0; i < n; i++) {
          const range = sheet.getRange(format.range);
          if ("fill" in format && format.fill) range.format.fill.color = format.fill;
          if ("font" in format && format.font) range.format.font.color = format.font;
          if ("bold" in format && format.bold) range.format.font.bold = true;
          if ("wrap" in format && format.wrap) {
            range.format.wrapText = true;
            range.format.verticalAlignment = "Top";
          }
        }
        await c.sync();
      });
      return x.wire.commandSyncs[0].requestBytes;
    };
    const perFormat = ((await measure(101)) - (await measure(1))) / 100;
    const estimate = formatRequestBytes(format);
    expect(estimate).toBeGreaterThanOrEqual(perFormat);
    expect(estimate).toBeLessThanOrEqual(perFormat * 1.4);
  });
});
