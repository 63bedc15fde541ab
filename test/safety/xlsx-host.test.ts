/**
 * Data safety on the .xlsx host (the delivery-plan command): after `format` and
 * `summary --out`, every cell of the original workbook is unchanged in the copy
 * — value, formula, type and number format, cell by cell — on the real samples
 * and on a tracker seeded with hostile cells; both commands are idempotent; and
 * every text the add-in writes lands as text, never as a formula.
 *
 * The CLI has no snapshot command (the previous period is an earlier workbook,
 * --previous): snapshots are covered on the Office host (office-host.test.ts).
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { run } from "../../src/cli/run";
import { countOurRules, validationTitles, writeCells } from "../../src/xlsx";
import { CAMBS, HERTS, HERTS_JUNE } from "../support/factories";
import { convert, describeWithLibreOffice, sheetCells } from "../support/libreoffice";
import { FORMULAS, FORMULA_START, HOSTILE_ACTION, HOSTILE_THEME, HOSTILE_UPDATE, SHEET, XSS, hostileWorkbook } from "./hostile-workbook";

jest.setTimeout(120_000);

const TODAY = new Date(Date.UTC(2022, 0, 15, 12));
let tmp: string;
let HOSTILE: string;
let HOSTILE_PREVIOUS: string;
beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "dp-safety-"));
  HOSTILE = path.join(tmp, "hostile.xlsx");
  HOSTILE_PREVIOUS = path.join(tmp, "hostile-previous.xlsx");
  await fs.writeFile(HOSTILE, await hostileWorkbook());
  await fs.writeFile(HOSTILE_PREVIOUS, await hostileWorkbook("previous"));
});

async function cli(...args: string[]) {
  let out = "";
  let err = "";
  const code = await run(args, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) }, TODAY);
  if (code === 2) throw new Error(`delivery-plan ${args.join(" ")} failed: ${err}`);
  return { code, out, err };
}

async function open(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

interface CellRecord {
  value: unknown;
  type: ExcelJS.ValueType;
  formula: string | null;
  formulaType: unknown;
  numFmt: string | null;
}

/** Every non-empty cell of a sheet: its value (rich text, dates, errors as ExcelJS gives them), formula, type and number format. */
function cellsOf(ws: ExcelJS.Worksheet): Map<string, CellRecord> {
  const out = new Map<string, CellRecord>();
  ws.eachRow({ includeEmpty: true }, (row) =>
    row.eachCell({ includeEmpty: false }, (cell) => {
      out.set(cell.address, {
        value: cell.value,
        type: cell.type,
        formula: cell.formula ?? null,
        formulaType: cell.formulaType,
        numFmt: cell.numFmt ?? null,
      });
    }),
  );
  return out;
}

/** Differences between two sheets, cell by cell, as "A1: …" lines (empty when identical). */
function differences(before: ExcelJS.Worksheet, after: ExcelJS.Worksheet): string[] {
  const a = cellsOf(before);
  const b = cellsOf(after);
  const diffs: string[] = [];
  for (const address of new Set([...a.keys(), ...b.keys()])) {
    try {
      expect(b.get(address)).toEqual(a.get(address));
    } catch {
      diffs.push(`${before.name}!${address}: ${JSON.stringify(a.get(address))} → ${JSON.stringify(b.get(address))}`);
    }
  }
  const merges = (ws: ExcelJS.Worksheet) => [...((ws.model as { merges?: string[] }).merges ?? [])].sort();
  if (JSON.stringify(merges(before)) !== JSON.stringify(merges(after))) diffs.push(`${before.name}: merged cells ${merges(before)} → ${merges(after)}`);
  return diffs;
}

/** Every sheet of the original, cell by cell, against the copy. */
async function expectOriginalUnchanged(original: string, copy: string) {
  const [before, after] = await Promise.all([open(original), open(copy)]);
  const diffs: string[] = [];
  let cells = 0;
  for (const ws of before.worksheets) {
    const other = after.getWorksheet(ws.name);
    if (!other) diffs.push(`sheet ${ws.name} is missing from the copy`);
    else diffs.push(...differences(ws, other));
    cells += cellsOf(ws).size;
  }
  expect(diffs).toEqual([]);
  expect(cells).toBeGreaterThan(0);
  return { before, after };
}

const CASES = [
  { name: "Hertfordshire", file: () => HERTS, previous: () => HERTS_JUNE, sheet: "Delivery Plan 2021-22" },
  { name: "Cambridgeshire", file: () => CAMBS, previous: () => null, sheet: "Delivery Plan" },
  { name: "the hostile tracker", file: () => HOSTILE, previous: () => HOSTILE_PREVIOUS, sheet: SHEET },
];

describe.each(CASES)("$name through the command line", ({ name, file, previous, sheet }) => {
  const slug = name.replace(/\W+/g, "-");
  const prev = () => (previous() ? ["--previous", previous()!, "--previous-label", "Earlier"] : []);

  it("format: every original cell unchanged, and formatting the copy again changes nothing", async () => {
    const once = path.join(tmp, `${slug}-format-1.xlsx`);
    const twice = path.join(tmp, `${slug}-format-2.xlsx`);
    await cli("format", file(), "--out", once);
    const { after } = await expectOriginalUnchanged(file(), once);
    const rules = countOurRules(after.getWorksheet(sheet)!);
    expect(rules).toBeGreaterThan(0);

    await cli("format", once, "--out", twice);
    const again = await open(twice);
    expect(countOurRules(again.getWorksheet(sheet)!)).toBe(rules);
    const formats = (wb: ExcelJS.Workbook) => (wb.getWorksheet(sheet) as unknown as { conditionalFormattings: unknown }).conditionalFormattings;
    expect(formats(again)).toEqual(formats(after));
    // Every cell of every sheet of the formatted copy, as formatting once left it.
    await expectOriginalUnchanged(once, twice);
  });

  it("format --validation: every original cell unchanged, and adding the lists to the copy again changes nothing", async () => {
    const once = path.join(tmp, `${slug}-lists-1.xlsx`);
    const twice = path.join(tmp, `${slug}-lists-2.xlsx`);
    await cli("format", file(), "--out", once, "--validation");
    const { after } = await expectOriginalUnchanged(file(), once);
    const lists = validationTitles(after.getWorksheet(sheet)!);
    expect(lists.size).toBeGreaterThan(0);
    await cli("format", once, "--out", twice, "--validation");
    const again = await open(twice);
    expect(validationTitles(again.getWorksheet(sheet)!)).toEqual(lists);
    await expectOriginalUnchanged(once, twice);
  });

  it("summary --out: every original cell unchanged; built again from its own output, one Panel Summary with the same cells", async () => {
    const once = path.join(tmp, `${slug}-summary-1.xlsx`);
    const twice = path.join(tmp, `${slug}-summary-2.xlsx`);
    const args = ["--as-of", "2022-01-15", "--period", "January 2022", ...prev()];
    await cli("summary", file(), "--out", once, ...args);
    const { after } = await expectOriginalUnchanged(file(), once);
    const summary = after.getWorksheet("Panel Summary")!;
    expect(cellsOf(summary).size).toBeGreaterThan(10);

    // Built again from the copy, under the original's file name (the summary names its source file).
    const copy = path.join(await fs.mkdtemp(path.join(tmp, "again-")), path.basename(file()));
    await fs.copyFile(once, copy);
    await cli("summary", copy, "--out", twice, ...args);
    const again = await open(twice);
    expect(again.worksheets.map((w) => w.name)).toEqual(after.worksheets.map((w) => w.name));
    expect(again.worksheets.filter((w) => /Panel Summary/.test(w.name))).toHaveLength(1);
    expect(differences(summary, again.getWorksheet("Panel Summary")!)).toEqual([]);
    await expectOriginalUnchanged(file(), twice);
  });
});

/** The Panel Summary's sheet XML: its cells as written to the file. */
async function sheetXml(file: string, sheetName: string): Promise<string> {
  const zip = await JSZip.loadAsync(await fs.readFile(file));
  const workbook = await zip.file("xl/workbook.xml")!.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const rid = new RegExp(`<sheet [^>]*name="${sheetName}"[^>]*r:id="(rId\\d+)"`).exec(workbook)![1];
  const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels)![1];
  return zip.file(`xl/${target.replace(/^\/?xl\//, "")}`)!.async("string");
}

describe("text the add-in writes is text", () => {
  it("the hostile tracker's texts reach the Panel Summary as strings formatted '@', with no formula anywhere in the sheet", async () => {
    const out = path.join(tmp, "hostile-summary-text.xlsx");
    await cli("summary", HOSTILE, "--out", out, "--as-of", "2022-01-15", "--previous", HOSTILE_PREVIOUS, "--period", "=1+1 period", "--organisation", "@OPCC");
    const wb = await open(out);
    const cells = cellsOf(wb.getWorksheet("Panel Summary")!);
    const strings = [...cells.entries()].filter(([, c]) => typeof c.value === "string");
    const texts = strings.map(([, c]) => c.value as string);
    // The hostile texts did get there (so the checks below are about them).
    for (const t of [HOSTILE_THEME, "=cmd|' /C calc'!A0", "-Theme with a minus", XSS]) expect(texts).toContain(t);
    for (const t of [HOSTILE_ACTION, HOSTILE_UPDATE, "=SUM(1,2) looks like a sum", "=rich text, bold"]) expect(texts.some((s) => s.includes(t))).toBe(true);
    expect(texts.some((s) => s.includes("=1+1 period"))).toBe(true);
    const risky = strings.filter(([, c]) => FORMULA_START.test(c.value as string));
    expect(risky.length).toBeGreaterThanOrEqual(5);
    for (const [address, c] of strings) expect({ address, type: c.type, formula: c.formula, numFmt: c.numFmt }).toEqual({ address, type: ExcelJS.ValueType.String, formula: null, numFmt: "@" });
    // Numbers are numbers; nothing in the sheet is a formula.
    for (const [address, c] of cells) expect([address, c.type]).toEqual([address, typeof c.value === "number" ? ExcelJS.ValueType.Number : ExcelJS.ValueType.String]);
    const xml = await sheetXml(out, "Panel Summary");
    expect(xml).not.toMatch(/<f[ >]/);
    expect(xml).toMatch(/<c [^>]*t="(s|inlineStr|str)"/);
  });

  it("cell writes (RAG words, directions) land as strings formatted '@', whatever they start with", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("T");
    const texts = ["=1+1", "+44", "-5", "@SUM(A1)", "\t=tab", "\r=cr", "Amber ↑"];
    writeCells(
      ws,
      texts.map((text, i) => ({ cell: `A${i + 1}`, text })),
    );
    const file = path.join(tmp, "writes.xlsx");
    await wb.xlsx.writeFile(file);
    const back = (await open(file)).getWorksheet("T")!;
    texts.forEach((text, i) => {
      const cell = back.getCell(`A${i + 1}`);
      expect({ value: cell.value, type: cell.type, formula: cell.formula ?? null, numFmt: cell.numFmt }).toEqual({
        value: text.replace("\r", "\n"),
        type: ExcelJS.ValueType.String,
        formula: null,
        numFmt: "@",
      });
    });
  });

  it("format --write-rag-labels changes only the cells it lists (Cambridgeshire)", async () => {
    const out = path.join(tmp, "cambs-labels.xlsx");
    const r = await cli("format", CAMBS, "--out", out, "--write-rag-labels", "--json");
    const written = (JSON.parse(r.out).writes as { cell: string; text: string }[]).map((w) => w.cell);
    expect(written).toEqual(["F12", "F13", "F14"]);
    const [before, after] = await Promise.all([open(CAMBS), open(out)]);
    const diffs = differences(before.getWorksheet("Delivery Plan")!, after.getWorksheet("Delivery Plan")!);
    expect(diffs.map((d) => /!([A-Z]+\d+):/.exec(d)?.[1])).toEqual(written);
  });

  it("the hostile tracker's formula cells keep their formulas and results in both copies", async () => {
    for (const command of [["format"], ["summary", "--as-of", "2022-01-15"]]) {
      const out = path.join(tmp, `hostile-formulas-${command[0]}.xlsx`);
      await cli(command[0], HOSTILE, "--out", out, ...command.slice(1));
      const ws = (await open(out)).getWorksheet(SHEET)!;
      for (const f of FORMULAS) expect([f.address, ws.getCell(f.address).formula, ws.getCell(f.address).type]).toEqual([f.address, f.formula, ExcelJS.ValueType.Formula]);
    }
  });
});

describeWithLibreOffice("the Panel Summary's hostile texts, as LibreOffice Calc shows them", () => {
  jest.setTimeout(180_000);
  it("shows each text literally: no formula evaluated, no link made", async () => {
    const out = path.join(tmp, "hostile-lo.xlsx");
    await cli("summary", HOSTILE, "--out", out, "--as-of", "2022-01-15", "--previous", HOSTILE_PREVIOUS);
    const wb = await open(out);
    const index = wb.worksheets.findIndex((w) => w.name === "Panel Summary");
    const html = await fs.readFile(await convert(out, "html"), "utf8");
    const shown = [...sheetCells(html, index).values()].map((c) => c.text);
    for (const t of [HOSTILE_THEME, "=cmd|' /C calc'!A0", "-Theme with a minus", XSS]) expect(shown).toContain(t);
    expect(shown.some((s) => s.includes(HOSTILE_ACTION))).toBe(true);
    expect(shown).not.toContain("click");
    expect(shown.filter((s) => /^(#NAME\?|Err:\d+|#VALUE!)$/.test(s))).toEqual([]);
  });
});
