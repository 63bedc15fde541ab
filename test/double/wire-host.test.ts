/**
 * The wire host under Microsoft's own Excel client (excel-web-16.00.js): what
 * the client does with its answers — null objects, PropertyNotLoaded, objects
 * re-based on the Id or _ReferenceId it is given, Excel's limits and error
 * codes, events a task after the sync that caused them.
 */
import { ExcelDouble } from "./excel-double";
import { officeClient } from "./office-client";

const sheetOf = (values: (string | number)[][]) => ExcelDouble.fromGrids([{ name: "Plan", firstRow: 1, firstColumn: 1, values, merges: [] }]);

describe("Microsoft's client on the wire host", () => {
  it("loads, syncs and answers PropertyNotLoaded for what was not loaded, as the client itself does", async () => {
    const x = sheetOf([
      ["Ref", "Status"],
      ["A1", "Completed"],
    ]);
    const result = await x.microsoftRun(null, async (ctx) => {
      const range = ctx.workbook.worksheets.getItem("Plan").getRange("A1:B2");
      range.load("values");
      await ctx.sync();
      let notLoaded = "";
      try {
        void range.address;
      } catch (err) {
        notLoaded = (err as { code?: string }).code ?? "";
      }
      return { values: range.values, notLoaded };
    });
    expect(result).toEqual({
      values: [
        ["Ref", "Status"],
        ["A1", "Completed"],
      ],
      notLoaded: "PropertyNotLoaded",
    });
    // One sync of the batch, its bytes those of the JSON as sent.
    expect(x.wire.commandSyncs).toHaveLength(1);
    expect(x.syncs[0].responseBytes).toBeGreaterThan(Buffer.byteLength(JSON.stringify(result.values)));
  });

  it("answers a missing sheet's …OrNullObject as a null object", async () => {
    const x = sheetOf([["x"]]);
    const isNull = await x.microsoftRun(null, async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItemOrNullObject("Nope");
      sheet.load("name");
      await ctx.sync();
      return sheet.isNullObject;
    });
    expect(isNull).toBe(true);
  });

  it("gives a sheet made by worksheets.add its Id, so the client can use it in later syncs", async () => {
    const x = sheetOf([["x"]]);
    await x.microsoftRun(null, async (ctx) => {
      const sheet = ctx.workbook.worksheets.add("Summary");
      await ctx.sync();
      sheet.getRange("A1").values = [["written in a 2nd sync"]];
      await ctx.sync();
      sheet.getRange("A2").values = [["and a 3rd"]];
      await ctx.sync();
    });
    expect(x.sheet("Summary")!.values).toEqual([["written in a 2nd sync"], ["and a 3rd"]]);
  });

  it("answers Excel's error code, and the client throws it with Excel's message", async () => {
    const x = sheetOf([["x"]]);
    await expect(
      x.microsoftRun(null, async (ctx) => {
        ctx.workbook.worksheets.getItem("Nope").getRange("A1").load("values");
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "ItemNotFound" });
    expect(x.refused.map((r) => r.code)).toEqual(["ItemNotFound"]);
  });

  it("refuses a request over the payload limit, unexecuted, with RequestPayloadSizeLimitExceeded", async () => {
    const x = sheetOf([["x"]]);
    x.payloadLimit = 64 * 1024;
    const big = Array.from({ length: 1000 }, (_, i) => [`row ${i} ${"text ".repeat(20)}`]);
    await expect(
      x.microsoftRun(null, async (ctx) => {
        ctx.workbook.worksheets.getItem("Plan").getRange("A1:A1000").values = big;
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    expect(x.sheet("Plan")!.values).toEqual([["x"]]);
    expect(x.refused[0].requestBytes).toBeGreaterThan(64 * 1024);
  });

  it("delivers a change event a task after the sync's response, not during it", async () => {
    const x = sheetOf([["x"]]);
    const Excel = x.microsoftNamespace;
    const seen: string[] = [];
    await Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem("Plan");
      sheet.load("id");
      sheet.onChanged.add(async (e) => {
        seen.push(`${e.address} ${e.source} ${e.triggerSource ?? "-"}`);
      });
      await ctx.sync();
    });
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Plan").getRange("B2").values = [["y"]];
      await ctx.sync();
      seen.push("after the sync");
    });
    await x.wire.eventsDelivered();
    expect(seen).toEqual(["after the sync", "B2 Local ThisLocalAddin"]);
  });

  it("is Microsoft's library, not ours", () => {
    const { Excel, OfficeExtension } = officeClient();
    expect(typeof (OfficeExtension as unknown as { ClientRequestContext: unknown }).ClientRequestContext).toBe("function");
    expect(typeof Excel.RequestContext).toBe("function");
  });
});
