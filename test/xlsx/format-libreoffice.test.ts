/**
 * `delivery-plan format` checked in a real spreadsheet application: LibreOffice
 * Calc opens the file, evaluates our conditional formats, and paints the cells.
 */
import ExcelJS from "exceljs";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { RAG_COLOURS, STATUS_COLOURS, DIRECTION_COLOURS } from "../../src/model";
import { run } from "../../src/cli/run";
import { countOurRules, loadWorkbook, workbookGrids } from "../../src/xlsx";
import { CAMBS, HERTS, workbookBuffer } from "../support/factories";
import { convert, describeWithLibreOffice, sheetCells } from "../support/libreoffice";

jest.setTimeout(180_000);

let tmp: string;
beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "dp-format-"));
});

async function format(input: string, out: string, ...flags: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await run(["format", input, "--out", out, ...flags], { out: (t) => (stdout += t), err: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

async function rendered(file: string, sheetIndex = 0) {
  const html = await fs.readFile(await convert(file, "html"), "utf8");
  return sheetCells(html, sheetIndex);
}

const fill = (hex: string) => hex.toUpperCase();

describeWithLibreOffice("format, as LibreOffice Calc shows it", () => {
  it("colours the Hertfordshire statuses by their words, and leaves other cells alone", async () => {
    const out = path.join(tmp, "herts.xlsx");
    const r = await format(HERTS, out);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('10 conditional-format rules on "Delivery Plan 2021-22" C5:C106');
    const cells = await rendered(out);
    expect(cells.get("C6")).toEqual({ text: "Completed", bgcolor: fill(STATUS_COLOURS.Completed.fill) });
    expect(cells.get("C10")).toEqual({ text: "In progress", bgcolor: fill(STATUS_COLOURS["In progress"].fill) });
    expect(cells.get("B6")?.bgcolor).toBeNull();
    expect(cells.get("C4")?.bgcolor).toBe("#1F3864");
  });

  it("colours RAG words in any spelling, and the colours stay live when a cell is retyped with the add-in closed", async () => {
    const input = path.join(tmp, "rag.xlsx");
    await fs.writeFile(
      input,
      await workbookBuffer({
        rows: [
          ["Ref", "Action", "Status", "RAG", "Direction of travel"],
          ["A1", "One", "In progress", "Red", "↓"],
          ["A2", "Two", "In progress", "Amber", "↔"],
          ["A3", "Three", "On hold", "yellow", "no change"],
          ["A4", "Four", "Completed", "Green", "↑ improved"],
          ["A5", "Five", "Not started", "G", "new"],
          ["A6", "Six", "In progress", "", ""],
          ["A7", "Seven", "Not completed", "Reddish", "Update due"],
          ["A8", "Eight", "Incomplete", "", ""],
        ],
      }),
    );
    const out = path.join(tmp, "rag-out.xlsx");
    // Exit 1: "Not completed", "Incomplete", "Reddish" are reported as unknown words; the copy is written all the same.
    expect((await format(input, out)).code).toBe(1);
    let cells = await rendered(out);
    expect(["D2", "D3", "D4", "D5", "D6", "D7"].map((a) => cells.get(a)?.bgcolor ?? null)).toEqual([
      fill(RAG_COLOURS.Red.fill),
      fill(RAG_COLOURS.Amber.fill),
      fill(RAG_COLOURS.Amber.fill),
      fill(RAG_COLOURS.Green.fill),
      fill(RAG_COLOURS.Green.fill),
      null,
    ]);
    expect(["E2", "E3", "E4", "E5", "E6"].map((a) => cells.get(a)?.bgcolor)).toEqual([
      fill(DIRECTION_COLOURS.deteriorated.fill),
      fill(DIRECTION_COLOURS.unchanged.fill),
      fill(DIRECTION_COLOURS.unchanged.fill),
      fill(DIRECTION_COLOURS.improved.fill),
      fill(DIRECTION_COLOURS.new.fill),
    ]);
    expect(cells.get("C6")?.bgcolor).toBe(fill(STATUS_COLOURS["Not yet started"].fill));
    // Words the engine does not know are not coloured either ("Not completed" is not Completed).
    expect(["C8", "D8", "E8", "C9"].map((a) => cells.get(a)?.bgcolor ?? null)).toEqual([null, null, null, null]);
    // Colour is never alone: every coloured cell still has its word or glyph.
    for (const [, cell] of cells) if (cell.bgcolor) expect(cell.text).not.toBe("");

    // A user retypes A2 from Amber to Red, and A6's empty RAG to Amber, in a spreadsheet without the add-in.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    wb.worksheets[0].getCell("D3").value = "Red";
    wb.worksheets[0].getCell("D7").value = "Amber";
    const edited = path.join(tmp, "rag-edited.xlsx");
    await wb.xlsx.writeFile(edited);
    cells = await rendered(edited);
    expect(cells.get("D3")?.bgcolor).toBe(fill(RAG_COLOURS.Red.fill));
    expect(cells.get("D7")?.bgcolor).toBe(fill(RAG_COLOURS.Amber.fill));
  });

  it("colours the five-point scale's points between their neighbours, and a status followed by a sentence by its status", async () => {
    const input = path.join(tmp, "five.xlsx");
    await fs.writeFile(
      input,
      await workbookBuffer({
        rows: [
          ["Ref", "Action", "Status", "RAG"],
          ["A1", "One", "Completed. This meeting took place on 3 March.", "Green"],
          ["A2", "Two", "Complete\n\nThis research was published in May.", "Amber/Green"],
          ["A3", "Three", "In progress: the contract is signed", "Amber"],
          ["A4", "Four", "On hold", "Red/Amber"],
          ["A5", "Five", "Complete the review by March", "Red"],
        ],
      }),
    );
    const out = path.join(tmp, "five-out.xlsx");
    const r = await format(input, out);
    expect(r.stderr).toBe("");
    const cells = await rendered(out);
    expect(["D2", "D3", "D4", "D5", "D6"].map((a) => cells.get(a)?.bgcolor ?? null)).toEqual(
      (["Green", "Amber/Green", "Amber", "Amber/Red", "Red"] as const).map((k) => fill(RAG_COLOURS[k].fill)),
    );
    expect(["C2", "C3", "C4", "C5", "C6"].map((a) => cells.get(a)?.bgcolor ?? null)).toEqual([
      fill(STATUS_COLOURS.Completed.fill),
      fill(STATUS_COLOURS.Completed.fill),
      fill(STATUS_COLOURS["In progress"].fill),
      fill(STATUS_COLOURS["On hold"].fill),
      // "Complete the review…" is no status to the engine (an unknown word), so no colour.
      null,
    ]);
    for (const [, cell] of cells) if (cell.bgcolor) expect(cell.text).not.toBe("");
  });

  it("writes the RAG word only when asked, and LibreOffice then colours it by the word", async () => {
    const out = path.join(tmp, "cambs-labelled.xlsx");
    const r = await format(CAMBS, out, "--write-rag-labels");
    expect(r.stdout).toContain('F12 "Amber ↑", F13 "Green ↔", F14 "Red ↑"');
    const cells = await rendered(out);
    expect(cells.get("F12")).toEqual({ text: "Amber ↑", bgcolor: fill(RAG_COLOURS.Amber.fill) });
    expect(cells.get("F14")).toEqual({ text: "Red ↑", bgcolor: fill(RAG_COLOURS.Red.fill) });
  });
});

describe("format keeps the user's workbook safe", () => {
  async function allValues(file: string) {
    const grids = workbookGrids(await loadWorkbook(file));
    return grids.map((g) => ({ name: g.name, values: JSON.stringify(g.values), merges: g.merges }));
  }

  it("changes no cell value unless asked; with --write-rag-labels only the three fill-only RAG cells", async () => {
    const plain = path.join(tmp, "cambs-plain.xlsx");
    expect((await format(CAMBS, plain)).code).toBe(0);
    // Every sheet as it was; the copy adds only its change log (one row per column formatted).
    const written = await allValues(plain);
    expect(written.filter((w) => w.name !== "Change log")).toEqual(await allValues(CAMBS));
    expect(written.map((w) => w.name)).toEqual([...(await allValues(CAMBS)).map((w) => w.name), "Change log"]);

    const labelled = path.join(tmp, "cambs-labels.xlsx");
    await format(CAMBS, labelled, "--write-rag-labels");
    const before = workbookGrids(await loadWorkbook(CAMBS))[0];
    const after = workbookGrids(await loadWorkbook(labelled))[0];
    const changed: string[] = [];
    before.values.forEach((row, r) =>
      row.forEach((v, c) => {
        if (JSON.stringify(v) !== JSON.stringify(after.values[r][c])) changed.push(`${String.fromCharCode(65 + c)}${r + 1}`);
      }),
    );
    expect(changed).toEqual(["F12", "F13", "F14"]);
  });

  it("re-formatting a formatted file keeps the rule count, and keeps the user's own rules", async () => {
    const input = path.join(tmp, "own-rule.xlsx");
    const wb = await loadWorkbook(HERTS);
    wb.worksheets[0].addConditionalFormatting({
      ref: "F5:F106",
      rules: [{ type: "expression", priority: 1, formulae: ['F5="9, 10"'], style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FFFF00FF" } } } }],
    });
    await wb.xlsx.writeFile(input);
    const once = path.join(tmp, "once.xlsx");
    const twice = path.join(tmp, "twice.xlsx");
    await format(input, once);
    await format(once, twice);
    const count = async (f: string) => {
      const ws = (await loadWorkbook(f)).worksheets[0];
      const all = ((ws as unknown as { conditionalFormattings: { rules: unknown[] }[] }).conditionalFormattings ?? []).reduce((n, cf) => n + cf.rules.length, 0);
      return { ours: countOurRules(ws), all };
    };
    expect(await count(once)).toEqual({ ours: 10, all: 11 });
    expect(await count(twice)).toEqual({ ours: 10, all: 11 });
  });

  it("refuses to overwrite the tracker, and needs --out", async () => {
    expect((await format(HERTS, HERTS)).code).toBe(2);
    let err = "";
    const code = await run(["format", HERTS], { out: () => undefined, err: (t) => (err += t) });
    expect(code).toBe(2);
    expect(err).toContain("--out");
  });
});
