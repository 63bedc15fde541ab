/**
 * The Office.js adapter on Microsoft's own Excel client library
 * (@microsoft/office-js dist/excel-web-16.00.js, test/double/office-client.ts),
 * whose requests the wire host answers over the Excel double's workbook,
 * seeded from the real samples and from a generated 20,000-row tracker. The
 * bytes asserted are the real JSON of each request and response.
 */
import { jsonLength } from "../../src/excel/blocks";
import { HEADER_SEARCH_ROWS, countActions, readTracker, chooseTrackerSheet } from "../../src/model";
import type { Action, CellValue, HeaderOverrides, SheetGrid } from "../../src/model";
import { readWorkbookGrids } from "../../src/xlsx";
import { loadTracker } from "../../src/excel/tracker";
import { PROBE_COLUMNS, PROBE_ROWS, REQUEST_BUDGET_BYTES, readSheetGrid } from "../../src/excel/read";
import { unsupportedMessage } from "../../src/excel/requirements";
import { ExcelDouble, MERGED_AREAS_LIMIT } from "../double/excel-double";
import { CAMBS, HERTS, roundTrip } from "../support/factories";
import { bigTracker } from "./big-tracker";

async function viaOffice(x: ExcelDouble, sheet?: string, overrides?: HeaderOverrides) {
  return x.microsoftRun({ delayForCellEdit: true }, (ctx) => loadTracker(ctx, { sheet, overrides }));
}
const read = (x: ExcelDouble, sheet?: string) => x.microsoftRun(null, (ctx) => readSheetGrid(ctx, sheet));
/** Round trips of the reader's own syncs (Microsoft's Excel.run adds one of its own to release the ranges it kept). */
const commands = (x: ExcelDouble) => x.wire.commandSyncs.length;

const largest = (x: ExcelDouble) => Math.max(...x.syncs.map((s) => Math.max(s.requestBytes, s.responseBytes)));
const summary = (actions: readonly Action[]) => actions.map((a) => [a.id, a.status, a.rag, a.ragSource, a.direction, a.update, a.rows]);

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
    expect(commands(x)).toBeLessThanOrEqual(3);
  });
});

describe("months stored as dates (a date on the 1st shown as mmm-yy)", () => {
  const rows = (format: string | null) => [
    ["Ref", "Action", "Status", "Target date"],
    ["1", "a", "In progress", new Date(Date.UTC(2021, 2, 1))],
    ["2", "b", "In progress", format === null ? "March 2021" : new Date(Date.UTC(2021, 4, 17))],
  ];

  it("reads the timeframe column's number formats in one more round trip, and reads the month as the .xlsx path does", async () => {
    const [grid] = await roundTrip({ rows: rows("mmm-yy") });
    grid.numberFormats![1][3] = "mmm-yy";
    grid.numberFormats![2][3] = "dd/mm/yyyy";
    const direct = readTracker(grid);
    expect(direct.actions.map((a) => a.timeframe)).toEqual(["March 2021", "2021-05-17"]);
    const x = ExcelDouble.fromGrids([grid]);
    const { report, stats } = await viaOffice(x);
    expect(report.actions.map((a) => a.timeframe)).toEqual(["March 2021", "2021-05-17"]);
    expect(report.issues).toEqual(direct.issues);
    // The first round trip (the sheet is small: no blocks, and no RAG column to read fills of), then one for the formats.
    expect(stats.syncs).toBe(2);
  });

  it("reads no number format, and makes no round trip for them, when no date is on the 1st of a month", async () => {
    const [grid] = await roundTrip({ rows: [["Ref", "Action", "Status", "Target date"], ["1", "a", "In progress", "March 2021"]] });
    const x = ExcelDouble.fromGrids([grid]);
    const { report, stats } = await viaOffice(x);
    expect(report.actions[0].timeframe).toBe("March 2021");
    expect(stats.syncs).toBe(1);
  });
});

describe("a generated 20,000-row tracker", () => {
  const grid = bigTracker(20000);

  it("is read in at most 3 round trips, none over 2 MB, with the same result as the .xlsx path", async () => {
    const x = ExcelDouble.fromGrids([grid]);
    const { report, counts, stats } = await viaOffice(x);
    const direct = readTracker(grid);

    expect(commands(x)).toBeLessThanOrEqual(3);
    expect(stats.syncs).toBe(commands(x));
    // Microsoft's Excel.run ends with one round trip of its own, releasing the ranges it kept across syncs.
    expect(x.syncs.length).toBe(commands(x) + 1);
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
    expect(commands(small)).toBeLessThanOrEqual(3);
    expect(commands(big)).toBeLessThanOrEqual(3);
  });
});

describe("block sizes that follow the data", () => {
  it("sizes each block from the rows read so far: rows below the probe ~10x longer stay under 2 MB a round trip", async () => {
    // The probe's rows carry ~110 bytes each; from action 200 on, the updates make rows ~10x longer.
    const long = (id: number) => (id < 200 ? `Update for ${id}: on track` : `Update for ${id}: ${"partners met and agreed the next steps; ".repeat(25)}`);
    const grid = bigTracker(8000, { update: long });
    const x = ExcelDouble.fromGrids([grid]);
    const { report, counts, stats } = await viaOffice(x);
    const direct = readTracker(grid);

    expect(counts).toEqual(countActions(direct.actions));
    expect(summary(report.actions)).toEqual(summary(direct.actions));
    expect(report.issues).toEqual(direct.issues);
    for (const s of x.syncs) {
      expect(s.requestBytes).toBeLessThanOrEqual(REQUEST_BUDGET_BYTES);
      expect(s.responseBytes).toBeLessThanOrEqual(REQUEST_BUDGET_BYTES);
    }
    // ~8.5 MB of values: the round trips follow the bytes (about one per 2 MB), not the 8,000 rows.
    const bytes = x.syncs.reduce((n, s) => n + s.responseBytes, 0);
    expect(bytes).toBeGreaterThan(8 * 1024 * 1024);
    expect(x.syncs.length).toBeLessThanOrEqual(Math.ceil(bytes / REQUEST_BUDGET_BYTES) + 3);
    expect(stats.syncs).toBe(commands(x));
    expect(stats.refused).toBe(x.refused.length);
  });

  it("halves and retries a block that Excel refuses as too large, and reads on in smaller blocks", async () => {
    const grid = bigTracker(20000);
    const x = ExcelDouble.fromGrids([grid]);
    // An Excel that refuses more than 1.5 MB: the first block, sized for 2 MB, is refused.
    x.payloadLimit = 1.5 * 1024 * 1024;
    const { report, counts, stats } = await viaOffice(x);
    const direct = readTracker(grid);

    expect(x.refused.length).toBeGreaterThanOrEqual(1);
    expect(x.refused[0].code).toBe("ResponsePayloadSizeLimitExceeded");
    // The retried block is at most half the refused one.
    expect(x.syncs[1].responseBytes).toBeLessThanOrEqual(x.refused[0].responseBytes / 2);
    expect(stats.refused).toBe(x.refused.length);
    for (const s of x.syncs) expect(s.responseBytes).toBeLessThanOrEqual(x.payloadLimit);
    expect(x.syncs.length).toBeLessThanOrEqual(8);
    expect(counts).toEqual(countActions(direct.actions));
    expect(summary(report.actions)).toEqual(summary(direct.actions));
  });
});

describe("Excel's cell limit for a read (5,000,000 cells)", () => {
  it("a block whose values come back null (over the limit) is read again in halves; the tracker is whole, fills included", async () => {
    const grid = bigTracker(2000);
    const x = ExcelDouble.fromGrids([grid]);
    // An Excel whose limit the first body block passes (a lower one, so that the test stays small).
    x.cellReadLimit = 4000;
    const { report, counts, stats } = await viaOffice(x);
    const direct = readTracker(grid);
    expect(stats.refused).toBeGreaterThanOrEqual(1);
    expect(counts).toEqual(countActions(direct.actions));
    expect(summary(report.actions)).toEqual(summary(direct.actions));
    // Every fifth RAG is only a fill: read with the blocks that came back.
    expect(report.actions.filter((a) => a.ragSource === "fill")).toHaveLength(400);
  });
});

describe("real bytes on the wire", () => {
  it("counts UTF-8 bytes of the JSON Microsoft's client gets back, not string length", async () => {
    // An arrow, curly quotes and a dash: three bytes each in UTF-8, one character each in a string.
    const grid = bigTracker(500, { update: (id) => `Update ${id} \u2192 \u201con track\u201d \u2013 partners agreed` });
    const plainGrid = bigTracker(500, { update: (id) => `Update ${id} > 'on track' - partners agreed` });
    const x = ExcelDouble.fromGrids([grid]);
    const plain = ExcelDouble.fromGrids([plainGrid]);
    await viaOffice(x);
    await viaOffice(plain);
    expect(commands(x)).toBe(2);
    expect(commands(plain)).toBe(2);
    // The body's block: every row below the probe, each 4 characters of 3 bytes instead of 1.
    const rows = grid.values.length - PROBE_ROWS;
    expect(x.syncs[1].responseBytes - plain.syncs[1].responseBytes).toBe(rows * 4 * 2);
    expect(x.syncs[1].requestBytes).toBe(plain.syncs[1].requestBytes);
  });
});

describe("the probe and the table's width", () => {
  it("looks for the header as far down as the model does (HEADER_SEARCH_ROWS), RAG fills included", async () => {
    expect(PROBE_ROWS).toBe(HEADER_SEARCH_ROWS);
    // 80 rows of notes above the header: the header is on row 81, the RAG of every third action only a fill.
    const notes = Array.from({ length: 80 }, (_, i) => [`Note ${i + 1}: how this plan is monitored`]);
    // (A space, as officers type: ExcelJS, and so the .xlsx path, skips a cell with a fill and no value.)
    const rows = Array.from({ length: 30 }, (_, i) => [`A${i + 1}`, `Action ${i + 1}`, "In progress", i % 3 === 0 ? " " : "Green"]);
    const fills = Object.fromEntries(rows.map((_, i) => [`D${82 + i}`, "FF0000"]).filter((_, i) => i % 3 === 0));
    const [grid] = await roundTrip({ rows: [...notes, ["Ref", "Action", "Status", "RAG"], ...rows], fills });
    const direct = readTracker(grid);
    const x = ExcelDouble.fromGrids([grid]);
    const { report, counts } = await viaOffice(x);
    expect(report.tracker).toMatchObject({ headerRow: 81 });
    expect(report.actions.filter((a) => a.ragSource === "fill")).toHaveLength(10);
    expect(counts).toEqual(countActions(direct.actions));
    expect(commands(x)).toBeLessThanOrEqual(2);
  });

  it("ignores a stray value far to the right (XFD1): same actions, no wider read, at most 3 round trips", async () => {
    const grid = bigTracker(20000);
    const stray: SheetGrid = { ...grid, values: grid.values.map((row, i) => (i === 0 ? [...row, ...new Array(16383 - row.length).fill(null), "stray"] : row)) };
    const x = ExcelDouble.fromGrids([stray]);
    const { report, counts, stats } = await viaOffice(x);
    const direct = readTracker(grid);

    expect(commands(x)).toBeLessThanOrEqual(3);
    expect(stats.columns).toBe(8);
    expect(largest(x)).toBeLessThanOrEqual(REQUEST_BUDGET_BYTES);
    // The probe is at most PROBE_COLUMNS wide: 100 rows of 256 cells, not 16,384.
    expect(x.syncs[0].responseBytes).toBeLessThan(PROBE_ROWS * PROBE_COLUMNS * 8);
    expect(counts).toEqual(countActions(direct.actions));
    expect(summary(report.actions)).toEqual(summary(direct.actions));
  });
});

describe("merged areas", () => {
  /** A tracker whose every action's reference is merged down over its two rows (an action and its sub-activity). */
  function manyMerges(actions: number): SheetGrid {
    const values: CellValue[][] = [["Ref", "Action", "Status", "Update"]];
    const merges = [];
    for (let i = 1; i <= actions; i++) {
      values.push([`A${i}`, `Action ${i}`, "In progress", `Update ${i}`]);
      values.push([null, `Sub-activity ${i}.1`, null, `More on ${i}`]);
      merges.push({ top: values.length - 1, left: 1, bottom: values.length, right: 1 });
    }
    return { name: "Tracker", firstRow: 1, firstColumn: 1, values, merges };
  }

  it("the double, like Excel, fails a request for more than 512 merged areas", async () => {
    const x = ExcelDouble.fromGrids([manyMerges(MERGED_AREAS_LIMIT + 1)]);
    await expect(
      x.microsoftRun(null, async (ctx) => {
        ctx.workbook.worksheets.getActiveWorksheet().getRange("A1:D2000").getMergedAreasOrNullObject().load("address");
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "GeneralException", debugInfo: { errorLocation: "Range.getMergedAreasOrNullObject" } });
    expect(x.refused).toHaveLength(1);
  });

  it("reads them in the first round trip when there are 512 or fewer", async () => {
    const x = ExcelDouble.fromGrids([manyMerges(MERGED_AREAS_LIMIT)]);
    const { grid, stats } = await read(x);
    expect(grid.merges).toHaveLength(MERGED_AREAS_LIMIT);
    expect(stats.mergedAreasUnread).toBeUndefined();
    expect(x.refused).toHaveLength(0);
  });

  it("over 512, Excel fails the request: it is sent again without them (one more round trip) and the stats say so", async () => {
    const source = manyMerges(MERGED_AREAS_LIMIT + 1);
    const x = ExcelDouble.fromGrids([source]);
    const { grid, stats } = await read(x);
    expect(x.refused).toHaveLength(1);
    expect(x.refused[0].code).toBe("GeneralException");
    expect(stats).toMatchObject({ mergedAreasUnread: true, refused: 1, syncs: commands(x) });
    expect(grid.merges).toEqual([]);
    // Without the merges, each sub-activity row is an action of its own (what the warning says).
    const unmerged = readTracker({ ...source, merges: [] });
    expect(readTracker(grid).actions.map((a) => a.id)).toEqual(unmerged.actions.map((a) => a.id));
    const fewer = ExcelDouble.fromGrids([manyMerges(MERGED_AREAS_LIMIT)]);
    await read(fewer);
    expect(x.syncs.length).toBe(fewer.syncs.length);
  });

  it("another failure of the first round trip, which Excel places elsewhere, is not taken for the 512 case", async () => {
    const x = ExcelDouble.fromGrids([manyMerges(20)]);
    x.wire.injectFault({ request: 1, code: "GeneralException", message: "An internal error has occurred.", when: "before", location: "Worksheet.getUsedRangeOrNullObject" });
    await expect(read(x)).rejects.toMatchObject({ code: "GeneralException" });
    expect(x.refused).toHaveLength(1);
  });

  it("a failure Excel does not place: the merged areas are asked for once more on their own, and read (no warning)", async () => {
    const source = manyMerges(20);
    const x = ExcelDouble.fromGrids([source]);
    x.wire.injectFault({ request: 1, code: "GeneralException", message: "An internal error has occurred.", when: "before", location: "" });
    const { grid, stats } = await read(x);
    expect(stats.mergedAreasUnread).toBeUndefined();
    expect(grid.merges).toEqual(source.merges);
    expect(stats).toMatchObject({ refused: 1, syncs: commands(x) });
    // And over 512 with no place named: refused again on their own, so the warning stands.
    const many = ExcelDouble.fromGrids([manyMerges(MERGED_AREAS_LIMIT + 1)]);
    many.wire.injectFault({ request: 1, code: "GeneralException", message: "An internal error has occurred.", when: "before", location: "" });
    const over = await read(many);
    expect(over.stats).toMatchObject({ mergedAreasUnread: true, refused: 2 });
  });
});

describe("fill colours of the RAG column as the user mapped it", () => {
  it("reads the fills of an unrecognised column mapped as RAG ({rag: 'D'}), as the .xlsx path does", async () => {
    const rows = Array.from({ length: 60 }, (_, i) => [`A${i + 1}`, `Action ${i + 1}`, "In progress", i % 4 === 0 ? " " : "Amber"]);
    const colours = ["FF0000", "FFC000", "00B050"];
    const fills = Object.fromEntries(rows.map((_, i) => [`D${i + 2}`, colours[i % 3]]).filter((_, i) => i % 4 === 0));
    const [grid] = await roundTrip({ rows: [["Ref", "Action", "Status", "Flag"], ...rows], fills });
    const overrides: HeaderOverrides = { rag: "D" };
    const direct = readTracker(grid, { overrides });
    const byFill = (actions: readonly Action[]) => actions.filter((a) => a.ragSource === "fill").map((a) => `${a.id}:${a.rag}`);
    expect(byFill(direct.actions)).toHaveLength(15);

    const x = ExcelDouble.fromGrids([grid]);
    const { report, counts } = await viaOffice(x, undefined, overrides);
    expect(byFill(report.actions)).toEqual(byFill(direct.actions));
    expect(counts.rag).toEqual(countActions(direct.actions).rag);
    // Without the override the cells decide: 45 of its 60 cells say Amber, so it is the
    // RAG column by its content, on this path too, fills and all.
    const plain = await viaOffice(ExcelDouble.fromGrids([grid]));
    expect(byFill(plain.report.actions)).toEqual(byFill(direct.actions));
    expect(plain.report.issues.find((i) => i.code === "mapped-by-content")?.cell).toBe("D1");
    // A column of other words is not the RAG, and its fills are not read.
    const [other] = await roundTrip({ rows: [["Ref", "Action", "Status", "Flag"], ...rows.map((r) => [...r.slice(0, 3), r[3] === " " ? " " : "See note"])], fills });
    const unmapped = await viaOffice(ExcelDouble.fromGrids([other]));
    expect(byFill(unmapped.report.actions)).toEqual([]);
  });
});

describe("reading edge cases", () => {
  it("reads an empty sheet as an empty grid in one round trip", async () => {
    const x = new ExcelDouble();
    x.addSheet("Empty");
    const { grid, stats } = await read(x);
    expect(grid.values).toEqual([]);
    expect(stats.syncs).toBe(1);
  });

  it("names a missing sheet plainly", async () => {
    const x = ExcelDouble.fromGrids([bigTracker(10)]);
    await expect(read(x, "Nope")).rejects.toThrow('There is no sheet called "Nope".');
  });

  it("keeps a used range that starts below row 50 and offset columns", async () => {
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

describe("the size of a block, measured without building it", () => {
  it("is JSON.stringify's length for plain values, and close for text with quotes", () => {
    const rows = [
      ["V1", "Ensure that victims are supported", 3, 1.5, true, false, ""],
      ["", "", 45123, -2, "↑ improved", "Amber ↑", "a \\ b"],
    ];
    const plain = rows.map((r) => r.map((v) => (typeof v === "string" ? v.replace(/\\/g, "") : v)));
    expect(jsonLength(plain)).toBe(JSON.stringify(plain).length);
    expect(jsonLength([["say \"no\""]])).toBe(JSON.stringify([["say \"no\""]]).length - 2);
    expect(jsonLength([])).toBe(2);
  });
});
