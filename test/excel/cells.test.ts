/**
 * Reading the cells a confirmed change touches (src/excel/cells.ts readCells),
 * on Microsoft's own Excel client over the wire host: each cell's value,
 * formula and number format as Excel gives them, read by column span — one
 * range for a column's rows from its first such cell to its last — so that
 * thousands of cells are a handful of ranges, not a range each (which
 * Microsoft's client keeps and releases one by one at the end of Excel.run,
 * scanning its pending actions for each). An address that is not one cell,
 * and a block Excel refuses as too large, are read cell by cell.
 */
import { readCells } from "../../src/excel/cells";
import type { CellBefore } from "../../src/excel/cells";
import { ExcelDouble } from "../double/excel-double";
import type { DoubleSheet } from "../double/excel-double";

jest.setTimeout(60_000);

const SHEET = "Tracker";
let uninstall: () => void = () => undefined;
afterEach(() => uninstall());

/** A sheet of 9,000 rows: words in B, numbers in D, a formula and a text number format here and there. */
function workbook(): { x: ExcelDouble; sheet: DoubleSheet } {
  const values = Array.from({ length: 9000 }, (_, i) => [`Action ${i + 1}`, ["Completed", "In progress", "on-going", "Completed "][i % 4], "", i % 7 === 0 ? "" : i * 3]);
  const x = ExcelDouble.fromGrids([{ name: SHEET, firstRow: 1, firstColumn: 1, values, merges: [] }]);
  const sheet = x.sheet(SHEET)!;
  x.formulaCell(sheet, 40, 4, "=D39+3", 117);
  sheet.numberFormats.set("41,2", "@");
  return { x, sheet };
}

/** What the sheet holds at a cell, as readCells should give it. */
function expected(sheet: DoubleSheet, cell: string): CellBefore {
  const m = /^([A-Z])(\d+)$/.exec(cell)!;
  const row = Number(m[2]);
  const column = m[1].charCodeAt(0) - 64;
  return {
    value: (sheet.values[row - 1]?.[column - 1] ?? "") as string | number | boolean,
    formula: sheet.formulas.get(`${row},${column}`) ?? null,
    numberFormat: sheet.numberFormats.get(`${row},${column}`) ?? "General",
  };
}

async function read(x: ExcelDouble, cells: string[]): Promise<CellBefore[]> {
  let got: CellBefore[] = [];
  x.resetCounters();
  x.wire.reset();
  await Excel.run(async (context) => {
    got = await readCells(context, context.workbook.worksheets.getItem(SHEET), cells);
  });
  return got;
}

// Every other status cell of rows 5–6004, every tenth number of rows 5–3004, one far below, and B41 (a text format) and D40 (a formula).
const CELLS = [
  ...Array.from({ length: 3000 }, (_, i) => `B${5 + 2 * i}`),
  ...Array.from({ length: 300 }, (_, i) => `D${5 + 10 * i}`),
  "B8990",
  "B41",
  "D40",
];

it("reads 3,303 cells in two columns as a few spans, in one round trip, each cell as Excel gives it", async () => {
  const { x, sheet } = workbook();
  uninstall = x.installMicrosoftClient();
  const got = await read(x, CELLS);
  expect(got).toEqual(CELLS.map((c) => expected(sheet, c)));
  expect(got[CELLS.indexOf("D40")]).toEqual({ value: 117, formula: "=D39+3", numberFormat: "General" });
  expect(got[CELLS.indexOf("B41")].numberFormat).toBe("@");
  // One round trip of the add-in's, with a handful of ranges in it (a range a cell was 3,303 ranges).
  expect(x.wire.commandSyncs).toHaveLength(1);
  const command = x.wire.requests.filter((r) => !r.cleanup);
  expect(command).toHaveLength(1);
  expect(command[0].actions).toBeLessThan(40);
});

it("reads $B$7 and b6 as B7 and B6, a cell asked twice twice, and an address that is not one cell on its own, in the order asked", async () => {
  const { x, sheet } = workbook();
  uninstall = x.installMicrosoftClient();
  const cells = ["D9", "$B$7", "B5", "b6", "B6", "B5:B6"];
  const got = await read(x, cells);
  expect(got).toEqual([expected(sheet, "D9"), expected(sheet, "B7"), expected(sheet, "B5"), expected(sheet, "B6"), expected(sheet, "B6"), expected(sheet, "B5")]);
});

it("reads a block Excel refuses as too large again cell by cell, and still gives each cell", async () => {
  const { x, sheet } = workbook();
  uninstall = x.installMicrosoftClient();
  x.wire.injectFault({ request: 1, code: "ResponsePayloadSizeLimitExceeded", message: "The response payload size has exceeded the limit.", when: "after" });
  const cells = CELLS.slice(0, 400);
  const got = await read(x, cells);
  expect(x.refused.map((r) => r.code)).toEqual(["ResponsePayloadSizeLimitExceeded"]);
  expect(got).toEqual(cells.map((c) => expected(sheet, c)));
  // The refused spans, then the cells one by one (400 ranges in one request).
  expect(x.wire.requests.filter((r) => !r.cleanup && !r.code)[0].actions).toBeGreaterThan(400);
});
