/** The double must be as strict as Excel, or tests of the adapter prove nothing. */
import { ExcelDouble, DoubleContext } from "./excel-double";
import { grid } from "../support/factories";

function seeded() {
  return ExcelDouble.fromGrids([grid([["Ref", "Status"], ["1", "Completed"], ["2", "In progress"]])]);
}

describe("Excel double", () => {
  it("throws when a property is read before load and sync, as Excel does", async () => {
    const x = seeded();
    await x.run(async (ctx: DoubleContext) => {
      const range = ctx.workbook.worksheets.getActiveWorksheet().getRange("A1:B3");
      expect(() => range.values).toThrow(/PropertyNotLoaded|not available/);
      range.load("values");
      expect(() => range.values).toThrow(/not available/);
      await ctx.sync();
      expect(range.values).toEqual([["Ref", "Status"], ["1", "Completed"], ["2", "In progress"]]);
      expect(() => range.address).toThrow(/not available/);
    });
  });

  it("applies writes only at sync, in order, and counts round trips and bytes", async () => {
    const x = seeded();
    await x.run(async (ctx: DoubleContext) => {
      const sheet = ctx.workbook.worksheets.getActiveWorksheet();
      sheet.getRange("B2").values = [["On hold"]];
      expect(x.sheets[0].values[1][1]).toBe("Completed");
      const check = sheet.getRange("B2").load("values");
      await ctx.sync();
      expect(check.values).toEqual([["On hold"]]);
    });
    expect(x.syncs).toHaveLength(1);
    expect(x.syncs[0].requestBytes).toBeGreaterThan(0);
    expect(x.syncs[0].responseBytes).toBeGreaterThan(0);
  });

  it("resolves null objects only after sync", async () => {
    const x = seeded();
    await x.run(async (ctx: DoubleContext) => {
      const missing = ctx.workbook.worksheets.getItemOrNullObject("Nope");
      expect(() => missing.isNullObject).toThrow();
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
    });
  });

  it("refuses a response over Excel's 5 MB payload limit", async () => {
    const big = Array.from({ length: 3000 }, (_, i) => [`${i}`, "x".repeat(2000)]);
    const x = ExcelDouble.fromGrids([grid([["Ref", "Status"], ...big])]);
    await expect(
      x.run(async (ctx: DoubleContext) => {
        ctx.workbook.worksheets.getActiveWorksheet().getRange("A1:B3001").load("values");
        await ctx.sync();
      }),
    ).rejects.toThrow(/payload size/);
  });

  it("turns a string starting with = into a formula unless the cell is formatted as text", async () => {
    const x = seeded();
    await x.run(async (ctx: DoubleContext) => {
      const sheet = ctx.workbook.worksheets.getActiveWorksheet();
      sheet.getRange("C1").values = [["=1+1"]];
      const d1 = sheet.getRange("D1");
      d1.numberFormat = [["@"]];
      d1.values = [["=1+1"]];
      await ctx.sync();
    });
    expect(x.sheets[0].values[0][2]).toBe("FORMULA:=1+1");
    expect(x.sheets[0].values[0][3]).toBe("=1+1");
  });
});
