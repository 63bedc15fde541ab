/**
 * The wire host's Excel tables (workbook.tables, worksheet.tables, Table), through
 * Microsoft's own client (excel-web-16.00.js): what the reader and the Panel Summary
 * rely on, and Excel's rules that make a careless writer fail (a name in use, an
 * overlap), so the tests of src/excel would see such a failure.
 */
import { ExcelDouble } from "./excel-double";

let uninstall: () => void = () => undefined;
afterEach(() => uninstall());

function workbook() {
  const x = ExcelDouble.fromGrids([
    {
      name: "Plan",
      firstRow: 1,
      firstColumn: 1,
      values: [["Title"], [], ["Ref", "Action", ""], ["A1", "Fund services", "x"], ["A2", "Open a station", "y"]],
      merges: [],
      tables: [{ name: "Tracker", top: 3, left: 1, bottom: 5, right: 2, headerRow: true }],
    },
    { name: "Other", firstRow: 1, firstColumn: 1, values: [["Name", "Name", ""], [1, 2, 3]], merges: [] },
  ]);
  uninstall = x.installMicrosoftClient();
  return x;
}

describe("tables on the wire host", () => {
  it("lists a sheet's tables with their flags and sheets, and gives each one's ranges", async () => {
    workbook();
    const got = await Excel.run(async (c) => {
      const tables = c.workbook.worksheets.getItem("Plan").tables;
      tables.load("items/name,items/showHeaders,items/showTotals");
      const all = c.workbook.tables;
      all.load("items/name,items/worksheet/name");
      await c.sync();
      const t = tables.items[0];
      const range = t.getRange();
      range.load("address");
      const header = t.getHeaderRowRange();
      header.load("values");
      const body = t.getDataBodyRange();
      body.load("address");
      await c.sync();
      return { items: tables.items.map((i) => [i.name, i.showHeaders, i.showTotals]), all: all.items.map((i) => [i.name, i.worksheet.name]), range: range.address, header: header.values, body: body.address };
    });
    expect(got).toEqual({ items: [["Tracker", true, false]], all: [["Tracker", "Plan"]], range: "Plan!A3:B5", header: [["Ref", "Action"]], body: "Plan!A4:B5" });
  });

  it("adds a table over a range, its header texts made unique as Excel does, and names and styles it", async () => {
    const x = workbook();
    await Excel.run(async (c) => {
      const t = c.workbook.worksheets.getItem("Other").tables.add("A1:C2", true);
      t.name = "Mine";
      t.style = "TableStyleLight1";
      t.showFilterButton = false;
      await c.sync();
    });
    const sheet = x.sheet("Other")!;
    expect(sheet.tables).toEqual([expect.objectContaining({ name: "Mine", top: 1, left: 1, bottom: 2, right: 3, style: "TableStyleLight1", showFilterButton: false })]);
    expect(sheet.values[0]).toEqual(["Name", "Name2", "Column3"]);
  });

  it("refuses a name in use (another sheet's table, without case), a name like a cell, and an overlap, as Excel does", async () => {
    const x = workbook();
    const attempt = (fn: (c: Excel.RequestContext) => void) =>
      Excel.run(async (c) => {
        fn(c);
        await c.sync();
      }).then(
        () => "ok",
        (err: { code?: string }) => err.code ?? "error",
      );
    expect(await attempt((c) => (c.workbook.worksheets.getItem("Other").tables.add("A1:C2", true).name = "TRACKER"))).toBe("InvalidArgument");
    expect(await attempt((c) => (c.workbook.worksheets.getItem("Other").tables.add("E1:F2", true).name = "AB12"))).toBe("InvalidArgument");
    expect(await attempt((c) => c.workbook.worksheets.getItem("Plan").tables.add("B4:C5", true))).toBe("InvalidOperation");
    // What failed left the tables as they were (the add before the bad name stands, as in Excel, under its own name).
    expect(x.sheet("Plan")!.tables.map((t) => t.name)).toEqual(["Tracker"]);
    expect(x.sheet("Other")!.tables.map((t) => t.name)).toEqual(["Table1", "Table2"]);
  });
});
