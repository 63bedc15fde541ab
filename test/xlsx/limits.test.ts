/**
 * Reading within limits (src/xlsx/limits.ts, container.ts): the zip's directory
 * read without inflating, bombs refused before anything is inflated, every
 * declared range clamped to the used cells, sheet names a reader takes, and our
 * own cell texts kept within Excel's 32,767 characters.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { run } from "../../src/cli/run";
import {
  EXCEL_LIMITS,
  READ_LIMITS,
  ReadLimitError,
  clampWorkbook,
  clampWorksheet,
  fitCellText,
  loadWorkbook,
  openWorkbookZip,
  validationTitles,
  workbookGrids,
  workbookSheets,
  zipEntries,
  zipLimitPassed,
} from "../../src/xlsx";
import { inflateRawNode } from "../../src/xlsx/inflate-node";
import { HOSTILE_CASES, listRule, nineWholeColumnLists, rowXml, trackerRows, workbookFile, worksheetXml } from "../corpus/hostile-files";

jest.setTimeout(60_000);

const bytesOf = (name: string) => HOSTILE_CASES.find((c) => c.name === name)!.bytes();

let tmp: string;
beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "dp-limits-"));
});
afterAll(() => fs.rm(tmp, { recursive: true, force: true }));

async function cli(...args: string[]) {
  let out = "";
  let err = "";
  const code = await run(args, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) }, new Date(Date.UTC(2026, 11, 1)));
  return { code, out, err: err.trim() };
}

describe("the zip's directory", () => {
  it("lists every part with its sizes, as JSZip reads them, without inflating", async () => {
    const bytes = await workbookFile([{ name: "Tracker" }]);
    const entries = zipEntries(bytes)!;
    const zip = await JSZip.loadAsync(bytes);
    expect(entries.map((e) => e.name).sort()).toEqual(Object.keys(zip.files).sort());
    for (const e of entries.filter((x) => !x.name.endsWith("/"))) expect(e.size).toBe((await zip.file(e.name)!.async("uint8array")).length);
    expect(zipEntries(bytes.subarray(0, bytes.length - 30))).toBeNull();
  });

  it("refuses a part over 100 times its compressed size, one over the part limit, and a total over the cap", () => {
    const entry = (name: string, compressedSize: number, size: number) => ({ name, method: 8, compressedSize, size, localOffset: 0 });
    expect(zipLimitPassed([entry("xl/worksheets/sheet1.xml", 1_000, 99_000)])).toBeNull();
    expect(zipLimitPassed([entry("xl/worksheets/sheet1.xml", 10_000, 2_000_000)])).toMatch(/inflates 200 times, to 1.9 MB: over the limit of 100 times, it looks like a zip bomb/);
    // Small parts compress as they like (the grace of Apache POI's ZipSecureFile).
    expect(zipLimitPassed([entry("xl/styles.xml", 10, READ_LIMITS.ratioGrace)])).toBeNull();
    expect(zipLimitPassed([entry("xl/sharedStrings.xml", 400 * 1024 * 1024, 600 * 1024 * 1024)])).toMatch(/of 600 MB inflated, over the limit of 500 MB a part/);
    const parts = [1, 2, 3].map((n) => entry(`xl/worksheets/sheet${n}.xml`, 100 * 1024 * 1024, 400 * 1024 * 1024));
    expect(zipLimitPassed(parts)).toMatch(/more than 1,024 MB in all/);
    // A part the reader does not use is never inflated, so never refused.
    expect(zipLimitPassed([entry("xl/vbaProject.bin", 10, 4_000_000_000)])).toBeNull();
  });

  it("a bomb is refused before it is inflated: a sheet of 1 GB, a directory that lies, as a tracker or as --previous", async () => {
    for (const name of ["bomb-sheet", "bomb-lying-size"]) {
      const file = path.join(tmp, `${name}.xlsx`);
      await fs.writeFile(file, await bytesOf(name));
      const before = process.memoryUsage().rss;
      const r = await cli("validate", file);
      expect(r.code).toBe(2);
      expect(r.err.split("\n")).toHaveLength(1);
      expect(r.err).toMatch(name === "bomb-sheet" ? /has a part \("xl\/worksheets\/sheet1.xml"\) that inflates 1,0\d\d times, to 1,024 MB: over the limit of 100 times, it looks like a zip bomb/ : /is damaged: its part "xl\/worksheets\/sheet1.xml" inflates to more than the 4 KB its zip declares/);
      expect(r.err.length).toBeLessThanOrEqual(300);
      // Nothing near the part's size was ever held.
      expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
      const good = path.join(tmp, "good.xlsx");
      await fs.writeFile(good, await workbookFile([{ name: "Tracker" }]));
      const previous = await cli("summary", good, "--previous", file);
      expect(previous.code).toBe(2);
      expect(previous.err).toMatch(/^delivery-plan: The previous period's workbook: .*(zip bomb|inflates to more than)/);
      expect(previous.err.split("\n")).toHaveLength(1);
    }
  });

  it("a part the workbook does not use is not inflated: a 256 MB bomb beside the tracker is read past", async () => {
    const opened = openWorkbookZip(await bytesOf("bomb-unused-part"), inflateRawNode);
    expect(opened.names).toContain("customXml/junk.bin");
    expect(opened.parts.has("customXml/junk.bin")).toBe(false);
    expect(opened.parts.has("xl/worksheets/sheet1.xml")).toBe(true);
  });
});

describe("declared ranges clamped to the used cells", () => {
  const sheet = (head: string, tail: string, rows = trackerRows()) => worksheetXml({ name: "Tracker", head, rows, tail });

  it("the used area is the last row and the last column with a cell", () => {
    expect(clampWorksheet(sheet("", "")).used).toEqual({ rows: 5, columns: 8, runs: [[1, 5]] });
    // Cells without an address follow the one before; rows without a number follow the row before.
    expect(clampWorksheet(sheet("", "", '<row><c t="inlineStr"><is><t>a</t></is></c><c/><c/></row><row><c/></row>')).used).toEqual({ rows: 2, columns: 3, runs: [[1, 2]] });
  });

  it("data validation lists over whole columns are read over the used rows, and remembered whole", () => {
    const clamped = clampWorksheet(sheet("", `<dataValidations count="2">${listRule("E1:E1048576")}${listRule("A2:J1048576 Z1:Z1048576 K3")}</dataValidations>`));
    expect(clamped.xml).toContain('sqref="E1:E5"');
    expect(clamped.xml).toContain('sqref="A2:H5 Z1 K3"');
    expect(clamped.validations).toEqual([
      { clamped: "E1:E5", original: "E1:E1048576" },
      { clamped: "A2:H5", original: "A2:J1048576" },
      { clamped: "Z1", original: "Z1:Z1048576" },
    ]);
  });

  it("a list over a whole column is read only on the rows that hold cells: one stray cell on the last row adds one row, not a million", () => {
    const clamped = clampWorksheet(sheet("", `<dataValidations count="1">${listRule("E1:F1048576")}</dataValidations>`, trackerRows() + rowXml(1_048_576, ["far"])));
    expect(clamped.used).toEqual({ rows: 1_048_576, columns: 8, runs: [[1, 5], [1_048_576, 1_048_576]] });
    expect(clamped.xml).toContain('sqref="E1:F5 E1048576:F1048576"');
    expect(clamped.validations).toEqual([{ clamped: "E1:F5 E1048576:F1048576", original: "E1:F1048576" }]);
  });

  it("merges are cut to the used cells; one over no used cell, or overlapping an earlier one, is left out", () => {
    const clamped = clampWorksheet(sheet("", '<mergeCells count="4"><mergeCell ref="A1:XFD1"/><mergeCell ref="J1:XFD1048576"/><mergeCell ref="B2:B3"/><mergeCell ref="B3:C4"/></mergeCells>'));
    expect(clamped.xml).toContain('<mergeCells count="2"><mergeCell ref="A1:H1"/><mergeCell ref="B2:B3"/></mergeCells>');
    expect(clamped.notes).toEqual([
      "merged cells past the used cells cut (A1:XFD1 to A1:H1)",
      "merged cells over no used cell left out (J1:XFD1048576)",
      "merged cells that overlap others left out (B3:C4)",
    ]);
  });

  it("column spans past XFD are cut to it; a row or cell past Excel's last is refused with the limit named", () => {
    const cols = clampWorksheet(sheet('<cols><col min="1" max="2000000000" width="12"/><col min="20000" max="30000"/></cols>', ""));
    expect(cols.xml).toContain('<cols><col min="1" max="16384" width="12"/></cols>');
    expect(() => clampWorksheet(sheet("", "", trackerRows() + rowXml(100_000_000, ["x"])), READ_LIMITS, 'on sheet "Tracker"')).toThrow(
      new ReadLimitError('has a row numbered 100,000,000 on sheet "Tracker", past Excel\'s last row (1,048,576)', "limit"),
    );
    expect(() => clampWorksheet(sheet("", "", '<row r="1"><c r="XFE1"/></row>'))).toThrow(/has a cell "XFE1", past Excel's last column \(XFD, column 16,384\)/);
    expect(() => clampWorksheet(sheet("", "", `<row r="1"><c r="A${EXCEL_LIMITS.rows + 1}"/></row>`))).toThrow(/past Excel's last row/);
  });

  it("merged areas that cover more than the cap are refused", () => {
    expect(() => clampWorksheet(sheet("", '<mergeCells count="1"><mergeCell ref="A1:H5"/></mergeCells>'), { ...READ_LIMITS, maxMergedCells: 39 })).toThrow(
      /merged cells covering more than 39 cells/,
    );
  });

  it("sheet names Excel would not take get names a reader takes; defined names over the whole sheet are cut", () => {
    const workbook = (names: string[], defined = "") =>
      `<workbook><sheets>${names.map((n, i) => `<sheet name="${n}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("")}</sheets><definedNames>${defined}</definedNames></workbook>`;
    const rels = `<Relationships>${[1, 2, 3].map((i) => `<Relationship Id="rId${i}" Target="worksheets/sheet${i}.xml"/>`).join("")}</Relationships>`;
    const names = ["Police and Crime Plan delivery - old", "Police and Crime Plan delivery - new", "a/b?"];
    const sheets = workbookSheets(workbook(names), rels);
    expect(sheets).toEqual([
      { name: names[0], readAs: "Police and Crime Plan delivery", part: "xl/worksheets/sheet1.xml" },
      { name: names[1], readAs: "Police and Crime Plan deliv (2)", part: "xl/worksheets/sheet2.xml" },
      { name: "a/b?", readAs: "a_b_", part: "xl/worksheets/sheet3.xml" },
    ]);
    const notes: string[] = [];
    const used = new Map([["xl/worksheets/sheet3.xml", { rows: 5, columns: 8 }]]);
    const xml = clampWorkbook(workbook(names, `<definedName name="All">'a/b?'!$A$1:$XFD$1048576</definedName><definedName name="Small">'a/b?'!$A$1:$B$2</definedName>`), sheets, used, notes);
    expect(xml).toContain(`<definedName name="All">'a/b?'!$A$1:$H$5</definedName>`);
    expect(xml).toContain(`<definedName name="Small">'a/b?'!$A$1:$B$2</definedName>`);
    expect(xml).toContain('<sheet name="Police and Crime Plan deliv (2)"');
    expect(notes[1]).toBe("defined names past the used cells cut (All $A$1:$XFD$1048576)");
  });
});

describe("hostile files read as their real content", () => {
  it("nine whole-column drop-down lists: the same report as without them, and a copy writes them back whole", async () => {
    const withLists = path.join(tmp, "nine.xlsx");
    const without = path.join(tmp, "none.xlsx");
    await fs.writeFile(withLists, await workbookFile([{ name: "Tracker", tail: nineWholeColumnLists() }]));
    await fs.writeFile(without, await workbookFile([{ name: "Tracker" }]));
    const a = await cli("validate", withLists, "--json");
    const b = await cli("validate", without, "--json");
    expect(a.code).toBe(b.code);
    expect(a.out).toBe(b.out);
    expect(JSON.parse(a.out).actions).toBe(4);

    const out = path.join(tmp, "nine-copy.xlsx");
    expect((await cli("format", withLists, "--out", out)).err).toBe("");
    const xml = await (await JSZip.loadAsync(await fs.readFile(out))).file("xl/worksheets/sheet1.xml")!.async("string");
    for (const c of "ABCDEFGHI") expect(xml).toContain(`sqref="${c}1:${c}1048576"`);
    // The copy is read back (within limits again) with the lists on every used cell (A–H, rows 1–5) and on I1 of
    // column I, which has no cells.
    const copy = await loadWorkbook(out);
    expect(validationTitles(copy.getWorksheet("Tracker")!).size).toBe(8 * 5 + 1);
  });

  it("merges to XFD1048576 and XFD1000, a column span of two billion, the last row: read, with the tracker's actions", async () => {
    for (const name of ["merge-whole-sheet", "merge-j1-xfd1000", "col-two-billion", "last-row", "ten-columns-from-row-2", "list-whole-sheet", "defined-name-whole-sheet"]) {
      const grids = workbookGrids(await loadWorkbook(await bytesOf(name)));
      expect(grids[0].values[1]).toEqual(["A1", "Safer streets", "Fund street lighting", "PCC", "In progress", "Amber", "Bids in", "March 2027"]);
      expect(grids[0].values.length).toBe(name === "last-row" ? EXCEL_LIMITS.rows : 5);
    }
  });

  it("a sheet name over 31 characters is read under its own name, with no warning", async () => {
    const warn = jest.spyOn(console, "warn");
    const file = path.join(tmp, "long-name.xlsx");
    await fs.writeFile(file, await bytesOf("sheet-name-40-chars"));
    const r = await cli("validate", file, "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).tracker.sheet).toBe("Police and Crime Plan delivery tracker 26");
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
    // --sheet takes the file's name; a copy says the sheet was renamed.
    expect((await cli("validate", file, "--sheet", "Police and Crime Plan delivery tracker 26")).code).toBe(0);
    const out = path.join(tmp, "long-name-copy.xlsx");
    const copy = await cli("format", file, "--out", out);
    expect(copy.code).toBe(0);
    expect(copy.err).toMatch(/^delivery-plan: note: in the copy, to keep Excel's limits, sheet names Excel would not take renamed \("Police and Crime Plan delivery tracker 26" as "Police and Crime Plan delivery"\)\. .* is unchanged\.$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Police and Crime Plan delivery", "Change log"]);
  });

  it("two sheets of one name, and a name with [ ] : * ? / \\, are read", async () => {
    const dup = workbookGrids(await loadWorkbook(await bytesOf("sheet-names-duplicate")));
    expect(dup.map((g) => g.name)).toEqual(["Tracker", "tracker"]);
    const bad = workbookGrids(await loadWorkbook(await bytesOf("sheet-name-bad-characters")));
    expect(bad.map((g) => g.name)).toEqual(["Tracker [2026]: a/b?*\\"]);
  });
});

describe("bad cells are issues on their cells", () => {
  it.each(["date-nan", "date-1e10", "date-7700900123", "date-negative"])("%s: an error on H3, and the rest read", async (name) => {
    const file = path.join(tmp, `${name}.xlsx`);
    await fs.writeFile(file, await bytesOf(name));
    const r = await cli("validate", file, "--json");
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out);
    expect(json.actions).toBe(4);
    expect(json.issues).toEqual([expect.objectContaining({ severity: "error", cell: "H3", message: "H3 shows the error ####### (a date out of Excel's range) instead of a timeframe. Fix the formula or type the value." })]);
  });
});

describe("our writes keep Excel's limits", () => {
  it("a text over 32,767 characters is cut with a visible mark saying how much", () => {
    expect(fitCellText("short")).toBe("short");
    const long = fitCellText("x".repeat(119_025));
    expect(long.length).toBe(EXCEL_LIMITS.cellText);
    expect(long).toMatch(/x … \[cut: 86,\d{3} more characters\]$/);
    expect(Number(/cut: ([\d,]+)/.exec(long)![1].replace(/,/g, "")) + long.indexOf(" …")).toBe(119_025);
    // Never half a surrogate pair.
    const emoji = fitCellText("😀".repeat(20_000));
    expect(emoji.slice(0, emoji.indexOf(" …"))).toMatch(/^(😀)+$/);
  });

  it("a --previous-label of 119,025 characters: every cell of the copy within 32,767", async () => {
    const now = path.join(tmp, "now.xlsx");
    const before = path.join(tmp, "before.xlsx");
    await fs.writeFile(now, await workbookFile([{ name: "Tracker" }]));
    await fs.writeFile(before, await workbookFile([{ name: "Tracker" }]));
    const out = path.join(tmp, "label.xlsx");
    const r = await cli("summary", now, "--previous", before, "--previous-label", "June ".repeat(23_805), "--out", out);
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    let longest = 0;
    let cut = 0;
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          const text = typeof cell.value === "string" ? cell.value : "";
          longest = Math.max(longest, text.length);
          // The model cuts its own sentences first ("… (cut: the full text is in the tracker)"); fitCellText is the last guard.
          if (/ … [[(]cut: /.test(text)) cut++;
        }),
      ),
    );
    expect(longest).toBeLessThanOrEqual(EXCEL_LIMITS.cellText);
    expect(cut).toBeGreaterThan(0);
  });
});
