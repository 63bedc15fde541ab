/**
 * summary --out on a workbook too big to copy whole (src/xlsx/copy-parts.ts):
 * the copy limit is brought down (DELIVERY_PLAN_COPY_MB) so that the samples
 * and a generated tracker take the part-by-part path, and each copy is checked
 * against the original and against the copy made whole through ExcelJS.
 */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { analyseFiles, run } from "../../src/cli/run";
import { buildPanelSummary } from "../../src/model";
import { READ_LIMITS, donorPlan, storedBytes, workbookSheets, zipEntries } from "../../src/xlsx";
import { nodeCodec } from "../../src/xlsx/inflate-node";
import { CAMBS, HERTS } from "../support/factories";
import { convert, describeWithLibreOffice, sheetCells } from "../support/libreoffice";

jest.setTimeout(300_000);

const BUILT = new Date("2026-12-07T10:00:00Z");
let tmp: string;
let generated: string;

/** A tracker with what a copy could lose: a first sheet selected, formulas, dates, rich text, merges, a list, a rule of the user's, styles, a link, a name, and a user's own "Change log". */
async function generatedTracker(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const notes = wb.addWorksheet("Notes", { views: [{ tabSelected: true } as unknown as ExcelJS.WorksheetView] });
  notes.getCell("A1").value = "Read me first";
  notes.getCell("A2").value = { richText: [{ text: "Bold ", font: { bold: true } }, { text: "and plain" }] };
  const ws = wb.addWorksheet("Tracker", { views: [{ state: "frozen", ySplit: 2 }] });
  ws.getCell("A1").value = "Delivery plan 2026-27: progress report";
  ws.mergeCells("A1:D1");
  ws.addRow(["Ref", "Theme", "Action", "Lead", "Status", "RAG", "Update", "Due", "Cost"]);
  ws.getRow(2).font = { bold: true };
  ws.getColumn(3).width = 40;
  ws.getColumn(9).numFmt = "£#,##0.00";
  const statuses = ["Completed", "In progress", "On hold", "Not yet started"];
  for (let i = 1; i <= 300; i++) {
    const row = ws.addRow([`A${i}`, `Theme ${1 + (i % 5)}`, `Deliver action ${i} & "partners" <together>`, `Lead ${i % 7}`, statuses[i % 4], ["Red", "Amber", "Green"][i % 3], i % 10 ? `Update ${i}` : null, new Date(Date.UTC(2027, i % 12, 1 + (i % 28))), i * 10.5]);
    if (i % 50 === 0) row.getCell(9).value = { formula: `I${row.number - 1}*2`, result: (i - 1) * 21 };
    if (i % 3 === 0) row.getCell(6).fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFC000" } };
  }
  ws.getCell("K3").value = { text: "the plan", hyperlink: "https://example.org/plan" };
  // As ExcelJS reads a rule made in Excel on a range (its types do not list dataValidations).
  (ws as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations.add("E3:E302", { type: "list", allowBlank: true, formulae: ['"Completed,In progress,On hold,Not yet started"'] });
  ws.addConditionalFormatting({ ref: "I3:I302", rules: [{ type: "cellIs", operator: "greaterThan", priority: 1, formulae: ["3000"], style: { font: { color: { argb: "FF9C0006" } } } }] });
  wb.definedNames.add("Tracker!$A$2:$I$302", "TrackerArea");
  const log = wb.addWorksheet("Change log");
  log.getCell("A1").value = "My own notes of changes";
  await wb.xlsx.writeFile(file);
}

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "dp-copy-parts-"));
  generated = path.join(tmp, "generated.xlsx");
  await generatedTracker(generated);
});
afterAll(() => fs.rm(tmp, { recursive: true, force: true }));

/** summary --out, made part by part (the copy limit brought down to a few bytes) or whole. */
async function summary(input: string, out: string, how: "parts" | "whole") {
  const was = process.env.DELIVERY_PLAN_COPY_MB;
  if (how === "parts") process.env.DELIVERY_PLAN_COPY_MB = "0.0001";
  else delete process.env.DELIVERY_PLAN_COPY_MB;
  let stdout = "";
  let stderr = "";
  try {
    const code = await run(["summary", input, "--out", out, "--as-of", "2026-12-01"], { out: (t) => (stdout += t), err: (t) => (stderr += t) }, BUILT);
    return { code, stdout, stderr };
  } finally {
    if (was === undefined) delete process.env.DELIVERY_PLAN_COPY_MB;
    else process.env.DELIVERY_PLAN_COPY_MB = was;
  }
}

async function open(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** Every cell of a sheet, with its value and style, by address; and each row's height. */
function cellsOf(ws: ExcelJS.Worksheet): Map<string, string> {
  const out = new Map<string, string>();
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    out.set(`row ${r}`, JSON.stringify({ height: row.height ?? null, hidden: row.hidden }));
    row.eachCell({ includeEmpty: true }, (cell) => {
      // An empty text written inline reads as no value; Excel shows both as an empty cell.
      const value = cell.value === "" ? null : cell.value;
      out.set(cell.address, JSON.stringify({ value, style: cell.style }));
    });
  });
  return out;
}

/** The stored (compressed) bytes of each part of a zip. */
async function storedParts(file: string): Promise<Map<string, Buffer>> {
  const bytes = await fs.readFile(file);
  const entries = zipEntries(bytes, READ_LIMITS.maxEntries, nodeCodec)!;
  return new Map(entries.map((e) => [e.name, Buffer.from(storedBytes(bytes, e) ?? [])]));
}

async function partText(file: string, name: string): Promise<string> {
  const JSZip = (await import("jszip")).default;
  return (await (await JSZip.loadAsync(await fs.readFile(file))).file(name)?.async("string")) ?? "";
}

const cases = () => [
  { name: "Cambridgeshire", file: CAMBS },
  { name: "Hertfordshire", file: HERTS },
  { name: "a generated tracker", file: generated },
];

describe("summary --out, part by part", () => {
  it.each([0, 1, 2])("copies case %i: every cell of the user's sheets as it was, the parts not changed byte for byte, the new sheets as the whole copy has them", async (i) => {
    const { file } = cases()[i];
    const parts = path.join(tmp, `parts-${i}.xlsx`);
    const whole = path.join(tmp, `whole-${i}.xlsx`);
    const byParts = await summary(file, parts, "parts");
    const byWhole = await summary(file, whole, "whole");
    expect(byParts.code).toBe(byWhole.code);
    // The same words, bar the name of the file written.
    expect(byParts.stdout.split(parts).join("OUT")).toBe(byWhole.stdout.split(whole).join("OUT"));

    const original = await open(file);
    const copy = await open(parts);
    const wholeCopy = await open(whole);
    // The same sheets in the same order as the whole copy, opening on the summary.
    expect(copy.worksheets.map((w) => w.name)).toEqual(wholeCopy.worksheets.map((w) => w.name));
    const active = copy.views?.[0]?.activeTab ?? 0;
    expect(copy.worksheets[active].name).toMatch(/^Panel Summary/);
    const copySheets = workbookSheets(await partText(parts, "xl/workbook.xml"), await partText(parts, "xl/_rels/workbook.xml.rels"));
    const selected: string[] = [];
    for (const s of copySheets) if (/<sheetView\b[^>]*tabSelected="(1|true)"/.test(await partText(parts, s.part!))) selected.push(s.name);
    expect(selected).toEqual([copy.worksheets[active].name]);

    // Every cell of every sheet the user had: value and style, and each row's height.
    for (const ws of original.worksheets) {
      if (/^Change log$/.test(ws.name) && ws.getCell("A1").value === "When") continue;
      expect(cellsOf(copy.getWorksheet(ws.name)!)).toEqual(cellsOf(ws));
      expect(copy.getWorksheet(ws.name)!.model.merges).toEqual(ws.model.merges);
    }
    // The new sheets, cell for cell, as the whole copy has them; the tracker's conditional formats too.
    for (const ws of wholeCopy.worksheets.filter((w) => !original.getWorksheet(w.name) || /^Change log/.test(w.name))) {
      expect(cellsOf(copy.getWorksheet(ws.name)!)).toEqual(cellsOf(ws));
      expect(copy.getWorksheet(ws.name)!.getTables().length).toBe(ws.getTables().length);
    }
    const formats = (wb: ExcelJS.Workbook) => wb.worksheets.map((w) => JSON.stringify((w as unknown as { conditionalFormattings: unknown[] }).conditionalFormattings));
    expect(formats(copy)).toEqual(formats(wholeCopy));

    // The parts not rewritten are the original's compressed bytes; the shared strings among them.
    const before = await storedParts(file);
    const after = await storedParts(parts);
    const rewritten = new Set(["[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml"]);
    const sheets = workbookSheets(await partText(file, "xl/workbook.xml"), await partText(file, "xl/_rels/workbook.xml.rels"));
    for (const s of sheets) if (s.part && (await partText(file, s.part)).includes("tabSelected=\"1\"")) rewritten.add(s.part);
    const changed = [...before.keys()].filter((name) => !after.get(name)?.equals(before.get(name)!));
    const trackerPart = sheets.find((s) => s.name === (i === 2 ? "Tracker" : original.worksheets[0].name))!.part!;
    expect(changed.filter((n) => !rewritten.has(n) && n !== trackerPart)).toEqual([]);
    if (before.has("xl/sharedStrings.xml")) expect(after.get("xl/sharedStrings.xml")!.equals(before.get("xl/sharedStrings.xml")!)).toBe(true);
    // The charts came with the summary.
    const charts = Number(/and (\d+) chart\(s\)/.exec(byWhole.stdout)![1]);
    expect(charts).toBeGreaterThan(0);
    expect([...after.keys()].filter((n) => /^xl\/charts\/chart\d+_summary\.xml$/.test(n)).length).toBe(charts);
  });

  it("made again on its own copy, replaces its summary in its place and keeps the log's rows", async () => {
    const first = path.join(tmp, "again-1.xlsx");
    const second = path.join(tmp, "again-2.xlsx");
    expect((await summary(generated, first, "parts")).code).toBe(0);
    const r = await summary(first, second, "parts");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/replacing the add-in's earlier summary "Panel Summary"/);
    const a = await open(first);
    const b = await open(second);
    expect(b.worksheets.map((w) => w.name)).toEqual(a.worksheets.map((w) => w.name));
    // The user's own "Change log" is not written in: ours is "Change log (2)", with the first run's rows and the second's.
    expect(b.getWorksheet("Change log")!.getCell("A1").value).toBe("My own notes of changes");
    const log = (wb: ExcelJS.Workbook) => cellsOf(wb.getWorksheet("Change log (2)")!);
    const rowsBefore = a.getWorksheet("Change log (2)")!.rowCount;
    expect(b.getWorksheet("Change log (2)")!.rowCount).toBe(rowsBefore + 1);
    for (const [address, cell] of log(a)) expect([address, log(b).get(address)]).toEqual([address, cell]);
    // One summary's parts: its tables and charts, none of the first's left behind.
    const names = [...(await storedParts(second)).keys()];
    expect(names.filter((n) => /^xl\/tables\/.*\.xml$/.test(n)).length).toBe(b.getWorksheet("Panel Summary")!.getTables().length);
    expect(names.filter((n) => /^xl\/charts\/.*_summary\.xml$/.test(n)).length).toBe(Number(/and (\d+) chart\(s\)/.exec(r.stdout)![1]));
    const types = await partText(second, "[Content_Types].xml");
    for (const m of types.matchAll(/PartName="\/([^"]+)"/g)) expect(names).toContain(m[1]);
    for (const n of names.filter((x) => /\.xml$/.test(x) && !/\[Content_Types\]/.test(x))) expect(types.includes(`PartName="/${n}"`) || /^(_rels|xl\/_rels|xl\/worksheets\/_rels|xl\/drawings\/_rels)\//.test(n)).toBe(true);
  });
});

describe("the summary's exceptions, written row by row", () => {
  it("the donor holds one exception of each look, and the copy's rows are the whole plan's", async () => {
    const asOf = new Date("2026-12-01T00:00:00Z");
    const a = await analyseFiles({ file: generated, asOf, previousLabel: undefined, overrides: {}, periodColumns: undefined });
    const plan = buildPanelSummary({ report: a.report, counts: a.counts, previous: a.previous, options: { period: a.period.label, asOf, built: BUILT, source: "generated.xlsx" } });
    const { donor, body } = donorPlan(plan);
    expect(body).not.toBeNull();
    const exceptions = plan.tables.find((t) => t.id === "exceptions")!;
    expect(exceptions.bodyRows).toBe(110);
    // Far fewer rows than exceptions, and each sample a different row of the plan.
    expect(body!.samples.length).toBeGreaterThan(1);
    expect(body!.samples.length).toBeLessThan(20);
    expect(new Set(body!.samples).size).toBe(body!.samples.length);
    expect(donor.rows.length).toBe(body!.top + body!.samples.length);
    expect(donor.tables.find((t) => t.id === "exceptions")!.bodyRows).toBe(body!.samples.length);
    // The copy has every exception, in the plan's order.
    const out = path.join(tmp, "rows.xlsx");
    expect((await summary(generated, out, "parts")).code).toBe(0);
    const ws = (await open(out)).getWorksheet("Panel Summary")!;
    for (let r = body!.top + 1; r <= body!.bottom; r++) expect([r, ws.getCell(r, 1).value]).toEqual([r, plan.rows[r - 1][0]]);
    expect(ws.getTables().find((t) => (t as unknown as { table: { name: string } }).table.name.includes("Exceptions"))).toBeDefined();
  });
});

describe("summary --out part by part, of a macro-enabled workbook", () => {
  it("writes a plain workbook without the macros, and its note says so", async () => {
    const JSZip = (await import("jszip")).default;
    const zip = await JSZip.loadAsync(await fs.readFile(generated));
    const types = (await zip.file("[Content_Types].xml")!.async("string")).replace("spreadsheetml.sheet.main+xml", "MACRO").replace("application/vnd.openxmlformats-officedocument.MACRO", "application/vnd.ms-excel.sheet.macroEnabled.main+xml");
    zip.file("[Content_Types].xml", types.replace("</Types>", '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>'));
    const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
    zip.file("xl/_rels/workbook.xml.rels", rels.replace("</Relationships>", '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>'));
    zip.file("xl/vbaProject.bin", new Uint8Array(512).fill(7));
    const xlsm = path.join(tmp, "macros.xlsm");
    await fs.writeFile(xlsm, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
    const out = path.join(tmp, "macros-copy.xlsx");
    const r = await summary(xlsm, out, "parts");
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/note: the copy leaves out the macros \(VBA project\)/);
    const copy = await storedParts(out);
    expect(copy.has("xl/vbaProject.bin")).toBe(false);
    expect(await partText(out, "[Content_Types].xml")).not.toMatch(/macroEnabled/);
    expect(await partText(out, "xl/_rels/workbook.xml.rels")).not.toMatch(/vbaProject/);
    expect((await open(out)).worksheets.map((w) => w.name)).toContain("Panel Summary");
  });
});

describeWithLibreOffice("summary --out part by part, as LibreOffice Calc shows it", () => {
  it("shows the tracker and the summary as the whole copy does, colours included", async () => {
    const parts = path.join(tmp, "lo-parts.xlsx");
    const whole = path.join(tmp, "lo-whole.xlsx");
    expect((await summary(HERTS, parts, "parts")).code).toBe(0);
    expect((await summary(HERTS, whole, "whole")).code).toBe(0);
    const [a, b] = [await fs.readFile(await convert(parts, "html"), "utf8"), await fs.readFile(await convert(whole, "html"), "utf8")];
    for (const sheet of [0, 1]) {
      const shown = sheetCells(a, sheet);
      expect(shown.size).toBeGreaterThan(20);
      expect(shown).toEqual(sheetCells(b, sheet));
    }
    expect([...sheetCells(a, 1).values()].map((c) => c.text).join(" ")).toMatch(/Delivery Plan summary/);
  });
});
