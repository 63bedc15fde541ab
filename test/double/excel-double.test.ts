/**
 * The double must be as strict as Excel, or tests of the adapter prove nothing.
 * Its workbook is reached only through Microsoft's own Excel client
 * (excel-web-16.00.js) and the wire host: what these tests check is what the
 * add-in's code meets there.
 */
import { ExcelDouble } from "./excel-double";
import { grid } from "../support/factories";

function seeded() {
  return ExcelDouble.fromGrids([grid([["Ref", "Status"], ["1", "Completed"], ["2", "In progress"]])]);
}

/** The code of what a call throws ("" when it does not). */
function codeOf(fn: () => unknown): string {
  try {
    fn();
    return "";
  } catch (err) {
    return String((err as { code?: unknown }).code ?? (err as Error).message);
  }
}

describe("the Excel double, through Microsoft's client", () => {
  it("throws PropertyNotLoaded when a property is read before load and sync, as Excel does", async () => {
    const x = seeded();
    const seen = await x.microsoftRun(null, async (ctx) => {
      const range = ctx.workbook.worksheets.getActiveWorksheet().getRange("A1:B3");
      const beforeLoad = codeOf(() => range.values);
      range.load("values");
      const beforeSync = codeOf(() => range.values);
      await ctx.sync();
      return { beforeLoad, beforeSync, values: range.values, address: codeOf(() => range.address) };
    });
    expect(seen).toEqual({
      beforeLoad: "PropertyNotLoaded",
      beforeSync: "PropertyNotLoaded",
      values: [["Ref", "Status"], ["1", "Completed"], ["2", "In progress"]],
      address: "PropertyNotLoaded",
    });
  });

  it("applies writes only at sync, in order, and counts round trips and bytes", async () => {
    const x = seeded();
    const seen = await x.microsoftRun(null, async (ctx) => {
      const sheet = ctx.workbook.worksheets.getActiveWorksheet();
      sheet.getRange("B2").values = [["On hold"]];
      const unsynced = x.sheets[0].values[1][1];
      sheet.getRange("B2").values = [["Completed late"]];
      const check = sheet.getRange("B2").load("values");
      await ctx.sync();
      return { unsynced, after: check.values };
    });
    // The second write came after the first in the same request: it is the one that stands, and the load saw it.
    expect(seen).toEqual({ unsynced: "Completed", after: [["Completed late"]] });
    expect(x.sheets[0].values[1][1]).toBe("Completed late");
    expect(x.wire.commandSyncs).toHaveLength(1);
    expect(x.syncs[0].operations).toBeGreaterThanOrEqual(3);
    expect(x.syncs[0].requestBytes).toBeGreaterThan(Buffer.byteLength(JSON.stringify([["On hold"]]) + JSON.stringify([["Completed late"]])));
    expect(x.syncs[0].responseBytes).toBeGreaterThan(Buffer.byteLength(JSON.stringify([["Completed late"]])));
  });

  it("resolves null objects only after sync", async () => {
    const x = seeded();
    const seen = await x.microsoftRun(null, async (ctx) => {
      const missing = ctx.workbook.worksheets.getItemOrNullObject("Nope");
      const there = ctx.workbook.worksheets.getItemOrNullObject(x.sheets[0].name);
      missing.load("name");
      there.load("name");
      const before = codeOf(() => missing.isNullObject);
      await ctx.sync();
      return { before, missing: missing.isNullObject, there: there.isNullObject, name: there.name };
    });
    expect(seen).toEqual({ before: "PropertyNotLoaded", missing: true, there: false, name: x.sheets[0].name });
  });

  it("refuses a response over Excel's 5 MB payload limit with ResponsePayloadSizeLimitExceeded", async () => {
    const big = Array.from({ length: 3000 }, (_, i) => [`${i}`, "x".repeat(2000)]);
    const x = ExcelDouble.fromGrids([grid([["Ref", "Status"], ...big])]);
    await expect(
      x.microsoftRun(null, async (ctx) => {
        ctx.workbook.worksheets.getActiveWorksheet().getRange("A1:B3001").load("values");
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
    expect(x.refused).toHaveLength(1);
    expect(x.refused[0].responseBytes).toBeGreaterThan(5 * 1024 * 1024);
    // Half the rows fit.
    const half = await x.microsoftRun(null, async (ctx) => {
      const r = ctx.workbook.worksheets.getActiveWorksheet().getRange("A1:B1501").load("values");
      await ctx.sync();
      return r.values.length;
    });
    expect(half).toBe(1501);
  });

  it("turns a string starting with = into a formula unless the cell is formatted as text", async () => {
    const x = seeded();
    await x.microsoftRun(null, async (ctx) => {
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

  it("reads a string that looks like a number, date, time or boolean as a value in a General cell, as Excel does when it is typed", async () => {
    const x = seeded();
    const texts = ["May 2021", "Mar-22", "(5)", "£5", "1e3", "007", "1/2", "9:30", "TRUE", "5%"];
    const plain = ["Completed", "Q3 2021/22", "Amber ↑", "5 actions", "ASB-01"];
    await x.microsoftRun(null, async (ctx) => {
      const sheet = ctx.workbook.worksheets.getActiveWorksheet();
      [...texts, ...plain].forEach((t, i) => {
        sheet.getRange(`E${i + 1}`).values = [[t]];
        const asText = sheet.getRange(`F${i + 1}`);
        asText.numberFormat = [["@"]];
        asText.values = [[t]];
      });
      await ctx.sync();
    });
    const column = (c: number) => x.sheets[0].values.map((row) => row[c]);
    expect(column(4)).toEqual([...texts.map((t) => `VALUE:${t}`), ...plain]);
    expect(column(5)).toEqual([...texts, ...plain]);
  });

  it("offers no Excel of its own: the only way in is Microsoft's client", () => {
    const x = seeded() as unknown as Record<string, unknown>;
    expect(x.run).toBeUndefined();
    expect(x.install).toBeUndefined();
    expect(x.namespace).toBeUndefined();
    expect(typeof x.installMicrosoftClient).toBe("function");
  });
});
