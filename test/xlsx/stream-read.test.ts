/**
 * The row-by-row reader (src/xlsx/stream-read.ts) against ExcelJS's workbook
 * reader (loadWorkbook + workbookGrids): the same grids, or the same one-line
 * refusal, on every kind of workbook the tests have: the samples, the layouts of
 * test/fixtures/trackers, the hostile corpus, a workbook of the features a
 * reader could get wrong, and the samples as LibreOffice saves them.
 */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { loadWorkbook, readWorkbookGrids, streamWorkbookGrids, workbookGrids } from "../../src/xlsx";
import { HOSTILE_CASES } from "../corpus/hostile-files";
import { fixtureWorkbook, loadFixtures } from "../support/fixture-trackers";
import { convert, describeWithLibreOffice } from "../support/libreoffice";

const SAMPLES = path.resolve(__dirname, "../../samples");
const SAMPLE_FILES = ["herts-delivery-plan-2021-22.xlsx", "herts-delivery-plan-2021-06.xlsx", "cambs-delivery-plan-2018-11.xlsx"].map((f) => path.join(SAMPLES, f));

type Read = { grids: unknown } | { refused: string };

async function both(source: string | Buffer): Promise<[Read, Read]> {
  const read = async (how: () => Promise<unknown>): Promise<Read> => {
    try {
      return { grids: await how() };
    } catch (err) {
      return { refused: `${(err as Error).name}: ${(err as Error).message}` };
    }
  };
  return [await read(async () => workbookGrids(await loadWorkbook(source, "the file"))), await read(() => streamWorkbookGrids(source, "the file"))];
}

describe("reading row by row gives what ExcelJS's workbook reader gives", () => {
  it.each(SAMPLE_FILES.map((f) => [path.basename(f), f]))("the sample %s", async (_name, file) => {
    const [whole, rows] = await both(file);
    expect("grids" in whole).toBe(true);
    expect(rows).toEqual(whole);
  });

  it("every layout of test/fixtures/trackers", async () => {
    const fixtures = await loadFixtures();
    expect(fixtures.length).toBeGreaterThan(10);
    for (const fixture of fixtures) {
      const [whole, rows] = await both(await fixtureWorkbook(fixture));
      expect({ fixture: fixture.file, ...rows }).toEqual({ fixture: fixture.file, ...whole });
    }
  });

  // Each file read twice, whole and row by row: the biggest (10,000 sheets) takes seconds on a busy machine.
  it.each(HOSTILE_CASES.map((c) => [c.name, c]))("the hostile file %s: the same grids or the same refusal", async (_name, c) => {
    const [whole, rows] = await both(await c.bytes());
    expect(rows).toEqual(whole);
  }, 120_000);

  it("the corpus has files of both kinds: read and refused", async () => {
    const kinds = new Set<string>();
    for (const name of ["truncated-zip", "merges-overlap"]) kinds.add(Object.keys((await both(await HOSTILE_CASES.find((c) => c.name === name)!.bytes()))[0])[0]);
    expect([...kinds].sort()).toEqual(["grids", "refused"]);
  });

  it("row and column styles, rich text, hyperlinks, formulas, errors, merges over values, tables, notes and the 1904 date system", async () => {
    for (const date1904 of [false, true]) {
      const wb = new ExcelJS.Workbook();
      wb.properties.date1904 = date1904;
      const ws = wb.addWorksheet("Tracker");
      const solid = (argb: string): ExcelJS.Fill => ({ type: "pattern", pattern: "solid", fgColor: { argb } });
      ws.getColumn(6).fill = solid("FFFF0000");
      ws.addRow(["Ref", "Action", "Lead", "Status", "Due", "RAG"]);
      ws.addRow(["1.1", { richText: [{ text: "Deliver " }, { font: { bold: true }, text: "the plan" }] }, { text: "CS", hyperlink: "https://example.invalid/cs" }, "Completed", new Date(Date.UTC(2021, 2, 1)), null]);
      ws.addRow(["1.2", { formula: "B2", result: "Deliver the plan" }, { error: "#N/A" }, true, { formula: "E2+30", result: new Date(Date.UTC(2021, 2, 31)) }, "Green"]);
      ws.getCell("E2").numFmt = "mmm-yy";
      ws.getCell("E3").numFmt = "dd/mm/yyyy";
      const styled = ws.addRow(["1.3", "Row with a style of its own", "", "In progress"]);
      styled.fill = solid("FF00B050");
      ws.addRow(["Group heading over the row", "covered", "covered too"]);
      ws.mergeCells("A5:C5");
      ws.mergeCells("E6:F7");
      ws.getCell("E6").value = "merged below the last row";
      // Links on a number and on a date (made numbers in the XML below, as Excel saves them): ExcelJS's reader reads each as its link's text, which is none.
      ws.getCell("H6").value = { text: "number", hyperlink: "https://example.invalid/42" };
      ws.getCell("I6").value = { text: "date", hyperlink: "https://example.invalid/june" };
      ws.getCell("I6").numFmt = "dd/mm/yyyy";
      ws.getRow(3).hidden = true;
      ws.getCell("D2").note = "Signed off in March";
      ws.addTable({ name: "Actions", ref: "H1", headerRow: true, columns: [{ name: "Ref" }, { name: "Status" }], rows: [["9.1", "On hold"], ["9.2", "Completed"]] });
      wb.addWorksheet("Empty");
      const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
      const sheet = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
      const numbers = sheet.replace(/<c r="H6"( s="\d+")? t="s"><v>\d+<\/v><\/c>/, '<c r="H6"$1><v>42</v></c>').replace(/<c r="I6"( s="\d+")? t="s"><v>\d+<\/v><\/c>/, '<c r="I6"$1><v>44377</v></c>');
      expect(numbers).toContain("<v>42</v>");
      expect(numbers).toContain("<v>44377</v>");
      zip.file("xl/worksheets/sheet1.xml", numbers);
      const bytes = await zip.generateAsync({ type: "nodebuffer" });
      const [whole, rows] = await both(bytes);
      expect("grids" in whole).toBe(true);
      expect(rows).toEqual(whole);
      // And what it read is what the sheet says (not only the same as the other reader).
      const [tracker] = await readWorkbookGrids(bytes);
      expect(tracker.values[1].slice(0, 4)).toEqual(["1.1", "Deliver the plan", "CS", "Completed"]);
      expect((tracker.values[1][4] as Date).toISOString().slice(0, 10)).toBe("2021-03-01");
      expect(tracker.values[2][2]).toEqual({ error: "#N/A" });
      expect(tracker.fills![3].slice(0, 4)).toEqual(["00B050", "00B050", "00B050", "00B050"]);
      expect(tracker.values[4]).toEqual(["Group heading over the row"]);
      expect(tracker.values[5].slice(4)).toEqual(["merged below the last row"]);
      expect(tracker.hiddenRows).toEqual([3]);
      expect(tracker.tables?.[0]).toMatchObject({ name: "Actions", headerRow: true });
    }
  });
});

describeWithLibreOffice("reading row by row what LibreOffice saved", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "dp-stream-read-"));
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it("gives what ExcelJS's reader gives, on both samples saved by LibreOffice Calc", async () => {
    for (const file of [SAMPLE_FILES[0], SAMPLE_FILES[2]]) {
      const copy = path.join(dir, path.basename(file));
      await fs.copyFile(file, copy);
      const saved = await convert(copy, "xlsx");
      const [whole, rows] = await both(saved);
      expect("grids" in whole).toBe(true);
      expect(rows).toEqual(whole);
    }
  }, 240_000);
});
