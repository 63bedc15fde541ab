/**
 * Trackers that are Excel tables (issue 15, scope 3): a table's header row and extent are the
 * tracker. The workbooks are built here with ExcelJS's own tables (ListObjects), written and read
 * back, so the table parts are those of a real .xlsx file.
 */
import ExcelJS from "exceljs";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { run } from "../../src/cli/run";
import { readTracker } from "../../src/model";
import { loadWorkbook, worksheetToGrid } from "../../src/xlsx";

jest.setTimeout(60_000);

let tmp: string;
let file: string;

async function cli(...args: string[]) {
  let out = "";
  let err = "";
  const code = await run(args, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "dp-tables-"));
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet("Plan");
  ws.getCell("A1").value = "Delivery plan tracker";
  // A key above the table that names more fields than the table's header: without the table, this row would be the header.
  ["Key:", "Reference", "Action", "Lead", "Status", "RAG", "Update", "Timeframe"].forEach((t, i) => (ws.getCell(2, 1 + i).value = t));
  ws.addTable({
    name: "Tracker",
    ref: "B4",
    headerRow: true,
    columns: [{ name: "Ref" }, { name: "Action" }, { name: "Status" }, { name: "RAG" }],
    rows: [
      ["A1", "Fund victims' services", "In progress", "Amber"],
      ["A2", "Open the new station", "Completed", "Green"],
      ["A3", "Recruit volunteers", "On hold", "Red"],
    ],
  });
  // Below and beside the table: notes that are not actions.
  ws.getCell("B9").value = "Z9";
  ws.getCell("C9").value = "Not an action: a note under the table";
  ws.getCell("D9").value = "Completed";
  ws.getCell("G5").value = "Completed";
  file = path.join(tmp, "table-tracker.xlsx");
  await book.xlsx.writeFile(file);
});

afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

describe("a tracker that is an Excel table", () => {
  it("the xlsx host reads the table's area", async () => {
    const grid = worksheetToGrid((await loadWorkbook(file)).getWorksheet("Plan")!);
    expect(grid.tables).toEqual([{ name: "Tracker", top: 4, left: 2, bottom: 7, right: 5, headerRow: true }]);
  });

  it("validate --json: the table's header row is the header, and only its rows are actions", async () => {
    const r = await cli("validate", file, "--json");
    expect(r.err).toBe("");
    const json = JSON.parse(r.out);
    expect(json.tracker.headerRow).toBe(4);
    expect(json.tracker.columnLetters).toEqual({ id: "B", action: "C", status: "D", rag: "E" });
    expect(json.actions).toBe(3);
    expect(r.code).toBe(0);
  });

  it("summary --json counts the table's actions only", async () => {
    const json = JSON.parse((await cli("summary", file, "--json", "--as-of", "2021-11-30")).out);
    expect(json.status).toMatchObject({ Completed: 1, "In progress": 1, "On hold": 1 });
    expect(json.rag).toMatchObject({ Red: 1, Amber: 1, Green: 1 });
  });

  it("without the table, the same cells read differently (the key row is taken as the header)", async () => {
    const grid = worksheetToGrid((await loadWorkbook(file)).getWorksheet("Plan")!);
    const asTable = readTracker(grid);
    expect(asTable.tracker).toMatchObject({ headerRow: 4, table: "Tracker", lastDataRow: 7 });
    const plain = readTracker({ ...grid, tables: undefined });
    expect(plain.tracker?.headerRow).toBe(2);
  });

  it("a table whose header names no tracker fields is passed over", () => {
    const grid = {
      name: "Plan",
      firstRow: 1,
      firstColumn: 1,
      merges: [],
      values: [
        ["Month", "Spend"],
        ["June", 3],
        [],
        ["Ref", "Action", "Status"],
        ["A1", "Fund services", "In progress"],
      ],
      tables: [{ name: "Budget", top: 1, left: 1, bottom: 2, right: 2, headerRow: true }],
    };
    expect(readTracker(grid).tracker).toMatchObject({ headerRow: 4 });
    expect(readTracker(grid).tracker?.table).toBeUndefined();
  });
});
