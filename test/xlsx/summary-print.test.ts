/**
 * The Panel Summary .xlsx as the Panel's secretariat meets it (issue 24, scope 3):
 * read back with ExcelJS from the file the CLI writes, for both samples —
 *  - every column of figures has its header aligned as its figures are (right),
 *    so no figure sits under another column's header;
 *  - the workbook opens on the Panel Summary, and no other sheet is also selected;
 *  - its columns print one landscape A4 page wide at 85% or more, and no line of
 *    text runs on past the tables' width (it would be cut off, or widen the page);
 *  - what holds for every row is said once: with no lead column there is no Lead
 *    column, and the sheet says so once.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { MIN_PRINT_SCALE, printScale } from "../../src/model";
import { run } from "../../src/cli/run";
import { CAMBS, HERTS, HERTS_JUNE } from "../support/factories";

jest.setTimeout(120_000);

const BUILT = new Date(Date.UTC(2021, 11, 1, 12));
let tmp: string;
beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "dp-summary-print-"));
});
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

/** The sheets whose view is selected, by name, from the file's XML (ExcelJS does not read tabSelected back). */
async function selectedSheets(file: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(await fs.readFile(file));
  const book = await zip.file("xl/workbook.xml")!.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const out: string[] = [];
  for (const m of book.matchAll(/<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"/g)) {
    const target = new RegExp(`Id="${m[2]}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${m[2]}"`).exec(rels)!;
    const xml = await zip.file(`xl/${(target[1] ?? target[2]).replace(/^\/?xl\//, "")}`)!.async("string");
    if (/<sheetView [^>]*tabSelected="1"/.test(xml)) out.push(m[1]);
  }
  return out;
}

async function summaryOf(name: string, ...args: string[]): Promise<ExcelJS.Workbook> {
  const out = path.join(tmp, `${name}.xlsx`);
  let err = "";
  const code = await run(["summary", ...args, "--out", out], { out: () => undefined, err: (t) => (err += t) }, BUILT);
  expect([code, err]).toEqual([0, ""]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  selected.set(wb, await selectedSheets(out));
  return wb;
}
const selected = new WeakMap<ExcelJS.Workbook, string[]>();

type TableModel = { name: string; tableRef: string };
const tablesOf = (ws: ExcelJS.Worksheet) => ws.getTables().map((t) => (t as unknown as { table: TableModel }).table);

function area(ref: string) {
  const [from, to] = ref.split(":").map((a) => {
    const m = /^([A-Z]+)(\d+)$/.exec(a)!;
    return { column: [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0), row: Number(m[2]) };
  });
  return { top: from.row, left: from.column, bottom: to.row, right: to.column };
}

const samples: [string, () => Promise<ExcelJS.Workbook>][] = [
  ["Hertfordshire, November against June 2021", () => summaryOf("herts", HERTS, "--previous", HERTS_JUNE, "--previous-label", "June 2021", "--as-of", "2021-11-30")],
  ["Cambridgeshire, November 2018", () => summaryOf("cambs", CAMBS, "--as-of", "2018-11-30")],
];

describe.each(samples)("the Panel Summary of %s", (_name, make) => {
  let wb: ExcelJS.Workbook;
  let ws: ExcelJS.Worksheet;
  beforeAll(async () => {
    wb = await make();
    ws = wb.getWorksheet("Panel Summary")!;
  });

  it("aligns every numeric column's header as its figures: right", () => {
    let numericColumns = 0;
    for (const t of tablesOf(ws)) {
      const a = area(t.tableRef);
      for (let c = a.left; c <= a.right; c++) {
        const body = [];
        for (let r = a.top + 1; r <= a.bottom; r++) body.push(ws.getCell(r, c));
        const figures = body.filter((cell) => typeof cell.value === "number");
        if (figures.length === 0) continue;
        numericColumns++;
        const header = ws.getCell(a.top, c);
        const where = `${t.name} ${header.address} "${String(header.value)}"`;
        expect([where, header.alignment?.horizontal]).toEqual([where, "right"]);
        // Every cell under it, the figures and any "–", the same way.
        for (const cell of body) expect([where, cell.address, cell.alignment?.horizontal]).toEqual([where, cell.address, "right"]);
      }
      // A column of words keeps the host's own alignment (left), header and all.
      const first = ws.getCell(a.top, a.left);
      expect(first.alignment?.horizontal).toBeUndefined();
    }
    expect(numericColumns).toBeGreaterThanOrEqual(5);
  });

  it("opens on the Panel Summary, the only sheet selected", () => {
    const index = wb.worksheets.indexOf(ws);
    expect(wb.views[0].activeTab).toBe(index);
    expect(selected.get(wb)).toEqual(["Panel Summary"]);
  });

  it("prints one landscape A4 page wide at 85% or more, with no text past the tables' width", () => {
    expect(ws.pageSetup).toMatchObject({ orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 });
    const widths: number[] = [];
    for (let c = 1; c <= ws.columnCount; c++) widths.push(ws.getColumn(c).width ?? 0);
    expect(widths.every((w) => w > 0)).toBe(true);
    expect(printScale(widths)).toBeGreaterThanOrEqual(MIN_PRINT_SCALE);
    // Lines outside the tables (title, sentences, notes) are no longer than the tables are wide.
    const inTable = new Set<number>();
    for (const t of tablesOf(ws)) for (let r = area(t.tableRef).top; r <= area(t.tableRef).bottom; r++) inTable.add(r);
    const total = widths.reduce((s, w) => s + w, 0);
    ws.eachRow((row, r) => {
      if (inTable.has(r)) return;
      const text = String(row.getCell(1).value ?? "");
      expect([r, text.length <= total]).toEqual([r, true]);
    });
  });
});

describe("said once, not in every row", () => {
  it("a tracker with no lead column: no Lead column in the exceptions, and one line that says so", async () => {
    const ws = (await samples[0][1]()).getWorksheet("Panel Summary")!;
    const exceptions = tablesOf(ws).find((t) => t.name.startsWith("PanelSummaryExceptions"))!;
    const a = area(exceptions.tableRef);
    const headers: string[] = [];
    for (let c = a.left; c <= a.right; c++) headers.push(String(ws.getCell(a.top, c).value));
    expect(headers).toEqual(["Reference", "Action", "Status / RAG", "Direction of travel", "Why it is listed", "Latest update"]);
    // Said once above the table (a line may run on to the next row), never in a row of it.
    const lines: string[] = [];
    for (let r = 1; r < a.top; r++) lines.push(String(ws.getCell(r, 1).value ?? ""));
    expect(lines.join(" ").match(/no lead column/gi)).toHaveLength(1);
    for (let r = a.top; r <= a.bottom; r++) for (let c = a.left; c <= a.right; c++) expect(String(ws.getCell(r, c).value)).not.toMatch(/lead column/i);
  });

  it("a tracker with a lead column keeps its Lead column", async () => {
    const ws = (await samples[1][1]()).getWorksheet("Panel Summary")!;
    const exceptions = tablesOf(ws).find((t) => t.name.startsWith("PanelSummaryExceptions"));
    const texts: string[] = [];
    ws.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value))));
    expect(texts.some((t) => /no lead column/i.test(t))).toBe(false);
    if (exceptions) {
      const a = area(exceptions.tableRef);
      const headers: string[] = [];
      for (let c = a.left; c <= a.right; c++) headers.push(String(ws.getCell(a.top, c).value));
      expect(headers).toContain("Lead");
    } else expect(texts.some((t) => t.startsWith("None:"))).toBe(true);
  });
});
