/** The Office.js adapter on the Excel double, seeded from the real samples and from a generated 20,000-row tracker. */
import { countActions, readTracker, chooseTrackerSheet } from "../../src/model";
import type { CellValue, SheetGrid } from "../../src/model";
import { readWorkbookGrids } from "../../src/xlsx";
import { loadTracker } from "../../src/excel/tracker";
import { REQUEST_BUDGET_BYTES, readSheetGrid } from "../../src/excel/read";
import { unsupportedMessage } from "../../src/excel/requirements";
import { ExcelDouble } from "../double/excel-double";
import { CAMBS, HERTS } from "../support/factories";

async function viaOffice(x: ExcelDouble, sheet?: string) {
  return x.run({ delayForCellEdit: true }, (ctx: unknown) => loadTracker(ctx as Excel.RequestContext, { sheet }));
}

describe.each([
  ["Hertfordshire", HERTS],
  ["Cambridgeshire", CAMBS],
])("%s sample through the Office.js adapter", (_name, file) => {
  it("gives the same tracker, actions, counts and issues as the .xlsx path", async () => {
    const grids = await readWorkbookGrids(file);
    const choice = chooseTrackerSheet(grids);
    if (!choice.ok) throw new Error(choice.message);
    const direct = readTracker(choice.grid);

    const x = ExcelDouble.fromGrids(grids);
    const { report, counts } = await viaOffice(x);
    expect(report.tracker).toEqual(direct.tracker);
    expect(counts).toEqual(countActions(direct.actions));
    expect(report.actions.map((a) => [a.id, a.status, a.rag, a.direction, a.rows])).toEqual(
      direct.actions.map((a) => [a.id, a.status, a.rag, a.direction, a.rows]),
    );
    expect(report.issues).toEqual(direct.issues);
    expect(x.syncs.length).toBeLessThanOrEqual(3);
  });
});

/** A big tracker as an OPCC might keep it: titles, a header, sections, merged section rows, RAG fills. */
function bigTracker(rows: number): SheetGrid {
  const values: CellValue[][] = [
    ["Delivery plan 2026-27: progress report", null, null, null, null, null, null, null],
    ["Key: RAG Red / Amber / Green; ↑ improved, ↓ deteriorated, ↔ no change", null, null, null, null, null, null, null],
    [null, null, null, null, null, null, null, null],
    ["Ref", "Action", "Lead", "Status", "RAG", "Direction of travel", "Update", "Due"],
  ];
  const merges = [];
  const fills: (string | null)[][] = values.map(() => new Array(8).fill(null));
  const statuses = ["Completed", "In progress", "On hold", "Not yet started"];
  const rags = ["Red", "Amber", "Green"];
  const dirs = ["↑", "↓", "↔"];
  let id = 0;
  while (id < rows) {
    if (id % 1000 === 0) {
      values.push([`Theme ${id / 1000 + 1}: partnership actions`, null, null, null, null, null, null, null]);
      fills.push(new Array(8).fill(null));
      merges.push({ top: values.length, left: 1, bottom: values.length, right: 8 });
    }
    id++;
    const rag = rags[id % 3];
    values.push([`A${id}`, `Deliver action ${id} with partners`, `Lead ${id % 17}`, statuses[id % 4], id % 5 === 0 ? null : rag, dirs[id % 3], `Update for ${id}: on track`, "March 2027"]);
    const f: (string | null)[] = new Array(8).fill(null);
    if (id % 5 === 0) f[4] = rag === "Red" ? "FF0000" : rag === "Amber" ? "FFC000" : "00B050";
    fills.push(f);
  }
  return { name: "Tracker", firstRow: 1, firstColumn: 1, values, merges, fills };
}

describe("a generated 20,000-row tracker", () => {
  const grid = bigTracker(20000);

  it("is read in at most 3 round trips, none over 2 MB, with the same result as the .xlsx path", async () => {
    const x = ExcelDouble.fromGrids([grid]);
    const { report, counts, stats } = await viaOffice(x);
    const direct = readTracker(grid);

    expect(x.syncs.length).toBeLessThanOrEqual(3);
    expect(stats.syncs).toBe(x.syncs.length);
    for (const s of x.syncs) {
      expect(s.requestBytes).toBeLessThanOrEqual(REQUEST_BUDGET_BYTES);
      expect(s.responseBytes).toBeLessThanOrEqual(REQUEST_BUDGET_BYTES);
    }
    expect(counts.actions).toBe(20000);
    expect(counts).toEqual(countActions(direct.actions));
    // Every fifth RAG is only a fill colour: 4,000 read from getCellProperties.
    expect(report.actions.filter((a) => a.ragSource === "fill")).toHaveLength(4000);
  });

  it("keeps the round trips constant as the rows grow (2,000 vs 20,000 rows)", async () => {
    const small = ExcelDouble.fromGrids([bigTracker(2000)]);
    await viaOffice(small);
    const big = ExcelDouble.fromGrids([grid]);
    await viaOffice(big);
    expect(small.syncs.length).toBeLessThanOrEqual(3);
    expect(big.syncs.length).toBeLessThanOrEqual(3);
  });
});

describe("reading edge cases", () => {
  it("reads an empty sheet as an empty grid in one round trip", async () => {
    const x = new ExcelDouble();
    x.addSheet("Empty");
    const { grid, stats } = await x.run((ctx: unknown) => readSheetGrid(ctx as Excel.RequestContext));
    expect(grid.values).toEqual([]);
    expect(stats.syncs).toBe(1);
  });

  it("names a missing sheet plainly", async () => {
    const x = ExcelDouble.fromGrids([bigTracker(10)]);
    await expect(x.run((ctx: unknown) => readSheetGrid(ctx as Excel.RequestContext, "Nope"))).rejects.toThrow('There is no sheet called "Nope".');
  });

  it("keeps a used range that starts below row 50 (probe empty) and offset columns", async () => {
    const base = bigTracker(30);
    const shifted: SheetGrid = { ...base, firstRow: 60, firstColumn: 3, merges: base.merges.map((m) => ({ top: m.top + 59, bottom: m.bottom + 59, left: m.left + 2, right: m.right + 2 })) };
    const x = ExcelDouble.fromGrids([shifted]);
    const { report, counts } = await viaOffice(x);
    expect(report.tracker).toMatchObject({ headerRow: 63 });
    expect(counts.actions).toBe(30);
  });
});

describe("requirement sets", () => {
  it("says plainly which sets an old Excel lacks", () => {
    const old = { isSetSupported: (name: string, v?: string) => name === "ExcelApi" && Number(v?.split(".")[1]) <= 9 };
    expect(unsupportedMessage(old)).toMatch(/too old.*ExcelApi 1\.13.*SharedRuntime 1\.1/);
    expect(unsupportedMessage({ isSetSupported: () => true })).toBeNull();
  });
});
