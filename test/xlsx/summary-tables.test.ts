/**
 * The Panel Summary's own tables are real Excel tables in the .xlsx the CLI writes
 * (issue 15, scope 3; the ONS style guide asks that published tables be marked up
 * as tables, title in A1, one header row, no merged cells): each of the plan's
 * tables is a named table over its header row and body, and the file still opens in
 * LibreOffice and reads back through ExcelJS with the tables there.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { SUMMARY_TABLE_NAMES, SUMMARY_TABLE_STYLE, a1, buildPanelSummary, chooseTrackerSheet, layOutPanelSummary, panelSummaryContent, readTracker } from "../../src/model";
import type { SummaryPlan } from "../../src/model";
import { run } from "../../src/cli/run";
import { workbookGrids, writePanelSummary } from "../../src/xlsx";
import { HERTS, HERTS_JUNE } from "../support/factories";
import { themesInput, withStatusColumn } from "../support/summary-content";
import { convert, describeWithLibreOffice, sheetCells } from "../support/libreoffice";

jest.setTimeout(180_000);

const BUILT = new Date(Date.UTC(2021, 11, 1, 12));
let tmp: string;
beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "dp-summary-tables-"));
});
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

async function cli(...args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await run(args, { out: (t) => (stdout += `${t}\n`), err: (t) => (stderr += `${t}\n`) }, BUILT);
  return { code, stdout, stderr };
}

async function open(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

type TableModel = { name: string; tableRef: string; headerRow: boolean; totalsRow: boolean; columns: { name: string; filterButton?: boolean }[]; style: { theme: string | null; showRowStripes: boolean } };
const tablesOf = (ws: ExcelJS.Worksheet) => ws.getTables().map((t) => (t as unknown as { table: TableModel }).table);

/** The plan the CLI writes for Hertfordshire, November against June 2021. */
async function hertsPlan(wb: ExcelJS.Workbook): Promise<SummaryPlan> {
  const june = new ExcelJS.Workbook();
  await june.xlsx.readFile(HERTS_JUNE);
  const now = chooseTrackerSheet(workbookGrids(wb));
  const before = chooseTrackerSheet(workbookGrids(june));
  if (!now.ok || !before.ok) throw new Error("no tracker");
  const { compareWithPrevious } = await import("../../src/model");
  const report = readTracker(now.grid);
  const actions = readTracker(before.grid).actions;
  return buildPanelSummary({
    report,
    previous: { label: "June 2021", actions, comparison: compareWithPrevious(report.actions, actions) },
    // As the CLI makes it: the file's name is in a line above the tables.
    options: { period: "November 2021", asOf: new Date(Date.UTC(2021, 10, 30)), built: BUILT, source: path.basename(HERTS) },
  });
}

describe("the Panel Summary's tables in the .xlsx the CLI writes", () => {
  const out = () => path.join(tmp, "herts-summary.xlsx");

  beforeAll(async () => {
    const r = await cli("summary", HERTS, "--previous", HERTS_JUNE, "--previous-label", "June 2021", "--as-of", "2021-11-30", "--period", "November 2021", "--out", out());
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });

  it("marks each of the plan's tables up as a named Excel table over its header row and body, as the plan says", async () => {
    const wb = await open(out());
    const ws = wb.getWorksheet("Panel Summary")!;
    const plan = await hertsPlan(await open(HERTS));
    const tables = tablesOf(ws);
    expect(tables.map((t) => [t.name, t.tableRef])).toEqual(plan.tables.map((t) => [SUMMARY_TABLE_NAMES[t.id], t.range]));
    // Hertfordshire has no RAG column: no table of RAG.
    expect(tables.map((t) => t.name)).toEqual(["PanelSummaryCounts", "PanelSummaryThemes", "PanelSummaryDirection", "PanelSummaryUpdates", "PanelSummaryExceptions"]);
    for (const [i, t] of tables.entries()) {
      // One header row, named as the sheet's header cells say; no totals row of Excel's (our own total row is in the body).
      expect(t.headerRow).toBe(true);
      expect(t.totalsRow).toBe(false);
      expect(t.columns.map((c) => c.name)).toEqual(plan.tables[i].columns.map((c) => c.header));
      const top = Number(/\d+/.exec(t.tableRef)![0]);
      expect(t.columns.map((_, c) => ws.getCell(top, c + 1).value)).toEqual(plan.tables[i].columns.map((c) => c.header));
      expect(t.style).toMatchObject({ theme: SUMMARY_TABLE_STYLE, showRowStripes: false });
    }
    // The title is in A1, each table's caption above its header row, and nothing is merged.
    expect(ws.getCell("A1").value).toBe("Delivery Plan summary — November 2021");
    for (const t of plan.tables) expect(ws.getCell(t.captionCell).value).toBe(t.caption);
    expect((ws.model as { merges?: string[] }).merges ?? []).toEqual([]);
  });

  it("writes no filter buttons and the table parts Excel expects", async () => {
    const zip = await JSZip.loadAsync(await fs.readFile(out()));
    const parts = Object.keys(zip.files).filter((n) => /^xl\/tables\/table\d+\.xml$/.test(n));
    expect(parts).toHaveLength(5);
    for (const part of parts) {
      const xml = await zip.file(part)!.async("string");
      expect(xml).toMatch(/headerRowCount="1"/);
      expect(xml).toMatch(new RegExp(`<tableStyleInfo name="${SUMMARY_TABLE_STYLE}"`));
      expect(xml).not.toMatch(/hiddenButton="0"/);
    }
    const ids = await Promise.all(parts.map(async (p) => /<table[^>]* id="(\d+)"/.exec(await zip.file(p)!.async("string"))![1]));
    expect(new Set(ids).size).toBe(5);
  });

  it("building again replaces our sheet and its tables: the same names, once each", async () => {
    const again = path.join(tmp, "again.xlsx");
    expect((await cli("summary", out(), "--as-of", "2021-11-30", "--period", "December 2021", "--out", again)).code).toBe(0);
    const wb = await open(again);
    const all = wb.worksheets.flatMap((w) => tablesOf(w).map((t) => `${w.name}:${t.name}`));
    expect(all).toEqual(
      ["PanelSummaryCounts", "PanelSummaryThemes", "PanelSummaryDirection", "PanelSummaryExceptions"].map((n) => `Panel Summary:${n}`),
    );
    expect(wb.getWorksheet("Panel Summary")!.getCell("A1").value).toBe("Delivery Plan summary — December 2021");
  });

  it("a name another sheet's table (or a defined name) already has is not used twice", async () => {
    const wb = await open(HERTS);
    const user = wb.addWorksheet("My tables");
    user.addTable({ name: "PanelSummaryThemes", ref: "A1", columns: [{ name: "Mine" }], rows: [["kept"]] });
    wb.definedNames.add("'My tables'!$A$1", "PanelSummaryDirection");
    const plan = await hertsPlan(wb);
    writePanelSummary(wb, plan);
    const file = path.join(tmp, "taken.xlsx");
    await wb.xlsx.writeFile(file);
    const back = await open(file);
    expect(tablesOf(back.getWorksheet("My tables")!).map((t) => t.name)).toEqual(["PanelSummaryThemes"]);
    const ours = tablesOf(back.getWorksheet("Panel Summary")!).map((t) => t.name);
    expect(ours).toContain("PanelSummaryThemes_2");
    expect(ours).toContain("PanelSummaryDirection_2");
    expect(ours).toContain("PanelSummaryCounts");
  });
});

describe("a theme table declared with one more status column", () => {
  it("is written whole, All statuses its last column, each column as wide as its key says", async () => {
    const plan = layOutPanelSummary(withStatusColumn(panelSummaryContent(themesInput()), "Closed"));
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Tracker");
    writePanelSummary(wb, plan);
    const file = path.join(tmp, "closed.xlsx");
    await wb.xlsx.writeFile(file);
    const ws = (await open(file)).getWorksheet("Panel Summary")!;
    const themes = tablesOf(ws).find((t) => t.name === "PanelSummaryThemes")!;
    expect(themes.tableRef).toBe(plan.tables.find((t) => t.id === "themes")!.range);
    expect(themes.tableRef).toMatch(/^A\d+:H\d+$/);
    expect(themes.columns.map((c) => c.name)).toEqual(["Theme", "Completed", "In progress", "On hold", "Not yet started", "Not set", "Closed", "All statuses"]);
    const top = Number(/\d+/.exec(themes.tableRef)![0]);
    expect(ws.getCell(top, 8).value).toBe("All statuses");
    expect(ws.getCell(top + 3, 8).value).toBe(4);
    expect(plan.columnWidths).toHaveLength(8);
    plan.columnWidths.forEach((w, i) => expect(ws.getColumn(i + 1).width).toBe(w));
  });
});

describeWithLibreOffice("the Panel Summary's tables in LibreOffice Calc", () => {
  it("opens the file (its tables' header texts shown whole), and a LibreOffice copy still has the tables", async () => {
    const file = path.join(tmp, "lo-summary.xlsx");
    expect((await cli("summary", HERTS, "--previous", HERTS_JUNE, "--previous-label", "June 2021", "--as-of", "2021-11-30", "--period", "November 2021", "--out", file)).code).toBe(0);
    const cells = sheetCells(await fs.readFile(await convert(file, "html"), "utf8"), 1);
    expect(cells.get("A1")?.text).toBe("Delivery Plan summary — November 2021");
    const plan = await hertsPlan(await open(HERTS));
    for (const t of plan.tables) {
      const top = Number(/\d+/.exec(t.range)![0]);
      t.columns.forEach(({ header: h }, c) => expect(cells.get(a1(top, c + 1))?.text).toBe(h));
    }
    const copy = await open(await convert(file, "xlsx"));
    // LibreOffice keeps them (in its own order: by name).
    const byName = (a: string[], b: string[]) => a[0].localeCompare(b[0]);
    const names = tablesOf(copy.getWorksheet("Panel Summary")!).map((t) => [t.name, t.tableRef]);
    expect(names.sort(byName)).toEqual(plan.tables.map((t) => [SUMMARY_TABLE_NAMES[t.id], t.range]).sort(byName));
  });
});
