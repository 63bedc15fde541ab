/** requests on the Cambridgeshire tracker: one return workbook per lead, holding only their actions, protected, with lists, without formulas — and still so after LibreOffice saves it. */
import { execFile } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import { countActions, readTrackerWithWords, chooseTrackerSheet, splitLeads, wordsOf, columnNumber } from "../../src/model";
import { readWorkbookGrids, toCellValue } from "../../src/xlsx";
import { CAMBS } from "../support/factories";
import { convert, describeWithLibreOffice } from "../support/libreoffice";
import { returns, sheetXml } from "./support";

jest.setTimeout(180_000);

const EXPECTED: Record<string, number> = { NP: 12, CS: 13, CK: 10, DG: 4, JH: 2, AF: 1, CM: 1, AW: 1, MW: 1 };
let dir: string;
let out: string;

/** The master read by the model: each action's rows, and the raw text of its lead cells (column C) on every row. */
async function masterLeads(): Promise<Map<string, string[]>> {
  const grids = await readWorkbookGrids(CAMBS);
  const grid = chooseTrackerSheet(grids);
  if (!grid.ok) throw new Error(grid.message);
  const report = readTrackerWithWords(grid.grid, wordsOf(undefined));
  const c = columnNumber("C");
  return new Map(report.actions.map((a) => [a.id, a.rows.map((r) => String(grid.grid.values[r - 1]?.[c - 1] ?? ""))]));
}

/** A return's references, in order, and what its key names. */
async function returnRefs(file: string): Promise<{ refs: string[]; lead: string }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet("Your actions")!;
  const refs: string[] = [];
  for (let r = 5; r <= ws.rowCount; r++) {
    const v = toCellValue(ws.getCell(r, 1).value);
    if (v) refs.push(String(v));
  }
  const key = JSON.parse(String(wb.worksheets.find((w) => w.name === "delivery-plan key")!.getCell(2, 1).value));
  return { refs, lead: key.lead };
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "dp-requests-"));
  out = path.join(dir, "returns");
});

describe("requests on the Cambridgeshire tracker", () => {
  let said: { code: number; out: string; err: string };
  beforeAll(async () => {
    said = await returns("requests", CAMBS, "--out-dir", out, "--period", "February 2019", "--due", "2019-02-15", "--send-to", "the OPCC policy officer");
  });

  it("writes 9 return workbooks: NP 12 actions, CS 13, CK 10, DG 4, JH 2, AF 1, CM 1, AW 1, MW 1", async () => {
    expect(said.code).toBe(0);
    const files = (await fs.readdir(out)).sort();
    expect(files).toHaveLength(9);
    const counts: Record<string, number> = {};
    for (const f of files) {
      const { refs, lead } = await returnRefs(path.join(out, f));
      counts[lead] = refs.length;
      expect(f).toBe(`${lead.toLowerCase()}-february-2019.xlsx`);
    }
    expect(counts).toEqual(EXPECTED);
  });

  it("puts in each return only the actions whose lead cells (a sub-activity row's too) name that lead", async () => {
    const leads = await masterLeads();
    for (const f of await fs.readdir(out)) {
      const { refs, lead } = await returnRefs(path.join(out, f));
      const mine = [...leads].filter(([, cells]) => cells.some((c) => splitLeads(c).includes(lead))).map(([id]) => id);
      expect(refs).toEqual(mine);
    }
    // O2 is CK's, and its sub-activity O2.3 is CS's: both are asked.
    expect((await returnRefs(path.join(out, "cs-february-2019.xlsx"))).refs).toContain("O2");
    expect((await returnRefs(path.join(out, "ck-february-2019.xlsx"))).refs).toContain("O2");
    expect((await returnRefs(path.join(out, "np-february-2019.xlsx"))).refs).not.toContain("O2");
  });

  it("protects each return's sheet, unlocks only this period's cells, lists the RAG words, and holds no formula", async () => {
    for (const f of await fs.readdir(out)) {
      const file = path.join(out, f);
      const { refs } = await returnRefs(file);
      const x = await sheetXml(file, "Your actions");
      expect(x.protected).toBe(true);
      expect(x.formulas).toBe(0);
      // Cambridgeshire keeps a RAG (beside the direction) and an update: this period's are F and G.
      const open = refs.flatMap((_, i) => [`F${5 + i}`, `G${5 + i}`]);
      expect([...x.unlocked].sort()).toEqual(open.sort());
      expect(x.validations).toEqual([{ type: "list", sqref: `F5:F${4 + refs.length}`, formula: "&quot;Red,Amber,Green&quot;" }]);
      expect(x.sheets).toEqual([
        { name: "Instructions", state: "visible" },
        { name: "Your actions", state: "visible" },
        { name: "delivery-plan key", state: "veryHidden" },
      ]);
    }
  });

  it("says in the instructions what to fill in, by when and to whom, and gives an email per lead", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, "jh-february-2019.xlsx"));
    const lines = wb.getWorksheet("Instructions")!.getColumn(1).values.filter(Boolean).map(String);
    expect(lines.join("\n")).toMatch(/the 2 actions of the delivery plan that name you as lead/);
    expect(lines.join("\n")).toMatch(/fill in this period's RAG and update/);
    expect(lines.join("\n")).toMatch(/back by 15 February 2019 to the OPCC policy officer/);
    expect(said.out).toMatch(/To: JH\nSubject: Delivery plan update for February 2019, by 15 February 2019\nAttach: jh-february-2019.xlsx/);
    expect(said.out).toMatch(/for the 2 actions you lead in the delivery plan: O10, T1\./);
  });

  it("never writes over a return already in the folder (a lead's may be filled in), and writes none then", async () => {
    const again = path.join(dir, "filled-in");
    await fs.mkdir(again);
    await fs.writeFile(path.join(again, "jh-february-2019.xlsx"), "JH's filled-in return");
    const r = await returns("requests", CAMBS, "--out-dir", again, "--period", "February 2019");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/jh-february-2019\.xlsx is already there \(a return sent, or filled in, before\?\): nothing was written\./);
    expect(await fs.readdir(again)).toEqual(["jh-february-2019.xlsx"]);
    expect(await fs.readFile(path.join(again, "jh-february-2019.xlsx"), "utf8")).toBe("JH's filled-in return");
    const file = path.join(dir, "a-file");
    await fs.writeFile(file, "");
    expect((await returns("requests", CAMBS, "--out-dir", file)).err).toMatch(/--out-dir .*a-file is a file, not a folder/);
  });

  it("leaves the tracker as it was", async () => {
    const before = await fs.readFile(CAMBS);
    await returns("requests", CAMBS, "--out-dir", path.join(dir, "again"), "--period", "February 2019");
    expect(Buffer.compare(before, await fs.readFile(CAMBS))).toBe(0);
  });
});

describeWithLibreOffice("a return saved by LibreOffice", () => {
  it("is still protected, with only this period's cells open, its list, its key hidden, and no formula", async () => {
    const file = path.join(out, "cs-february-2019.xlsx");
    const saved = await convert(file, "xlsx");
    const { refs } = await returnRefs(saved);
    expect(refs).toHaveLength(13);
    const x = await sheetXml(saved, "Your actions");
    expect(x.protected).toBe(true);
    expect(x.formulas).toBe(0);
    expect([...x.unlocked].sort()).toEqual(refs.flatMap((_, i) => [`F${5 + i}`, `G${5 + i}`]).sort());
    expect(x.validations.map((v) => [v.type, v.sqref])).toEqual([["list", "F5:F17"]]);
    // LibreOffice has no "very hidden": it keeps the key sheet hidden.
    expect(x.sheets.find((s) => s.name === "delivery-plan key")!.state).toBe("hidden");
  });
});

describe("the CLI's words", () => {
  const BIN = path.resolve(__dirname, "../../lib/cli/main.js");
  it("refuses a bad --due in one line with exit 2, and writes nothing", async () => {
    const target = path.join(dir, "none");
    const r = await promisify(execFile)("node", [BIN, "requests", CAMBS, "--out-dir", target, "--due", "2019-02-30"]).catch((e) => e);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/--due "2019-02-30" should be a real date/);
    await expect(fs.stat(target)).rejects.toThrow();
  });
});

describe("summary's by-lead counts", () => {
  it("count a cell naming several leads once for each of them, as requests does", async () => {
    const grids = await readWorkbookGrids(CAMBS);
    const grid = chooseTrackerSheet(grids);
    if (!grid.ok) throw new Error(grid.message);
    const counts = countActions(readTrackerWithWords(grid.grid, wordsOf(undefined)).actions);
    // By the first row's lead cell (summary does not read sub-activity rows): CS has 12 here, not 13 (O2.3).
    expect({ ...counts.byLead }).toEqual({ NP: 12, CS: 12, CK: 10, JH: 2, AF: 1, CM: 1, DG: 4, AW: 1, MW: 1 });
  });

  it("split on and, &, / and commas between single names, never inside a body's name", () => {
    expect(splitLeads("AW and DG")).toEqual(["AW", "DG"]);
    expect(splitLeads("NP / CS")).toEqual(["NP", "CS"]);
    expect(splitLeads("CS/JH")).toEqual(["CS", "JH"]);
    expect(splitLeads("AW & DG, MW")).toEqual(["AW", "DG", "MW"]);
    expect(splitLeads("Domestic Abuse and Sexual Violence Delivery Group")).toEqual(["Domestic Abuse and Sexual Violence Delivery Group"]);
    expect(splitLeads("DA & SV Delivery Group")).toEqual(["DA & SV Delivery Group"]);
    expect(splitLeads("CS / cs")).toEqual(["CS"]);
    expect(splitLeads("  ")).toEqual([]);
  });
});
