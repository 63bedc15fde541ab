/** The .xlsx adapter: values, merged ranges, hidden rows and fills, through real files written by ExcelJS. */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { chooseTrackerSheet, ragFromFill, readTracker } from "../../src/model";
import { UnreadableWorkbook, fillColour, loadWorkbook, readWorkbookGrids, workbookGrids } from "../../src/xlsx";
import { roundTrip, workbookBuffer } from "../support/factories";

describe("reading an .xlsx file", () => {
  it("flattens rich text, takes formulas' cached results, keeps errors, dates and hyperlinks' text", async () => {
    const [g] = await roundTrip({
      rows: [
        [
          { richText: [{ text: "In " }, { font: { bold: true }, text: "progress" }] },
          { formula: 'IF(1,"Completed","x")', result: "Completed" },
          { error: "#N/A" },
          new Date(Date.UTC(2022, 2, 31)),
          { text: "Paper", hyperlink: "https://example.invalid/paper" },
          42,
          true,
          { formula: "1/0", result: { error: "#DIV/0!" } },
        ],
      ],
    });
    const row = g.values[0];
    expect(row[0]).toBe("In progress");
    expect(row[1]).toBe("Completed");
    expect(row[2]).toEqual({ error: "#N/A" });
    expect((row[3] as Date).toISOString().slice(0, 10)).toBe("2022-03-31");
    expect(row[4]).toBe("Paper");
    expect(row[5]).toBe(42);
    expect(row[6]).toBe(true);
    expect(row[7]).toEqual({ error: "#DIV/0!" });
  });

  it("reports merged ranges and leaves the covered cells empty, as Excel does", async () => {
    const [g] = await roundTrip({ rows: [["Section", "x", "y"], ["a", "b", "c"]], merges: ["A1:C1"] });
    expect(g.merges).toEqual([{ top: 1, left: 1, bottom: 1, right: 3 }]);
    // Covered cells are empty; rows end at their last stored cell.
    expect(g.values[0]).toEqual(["Section"]);
    expect(g.values[1]).toEqual(["a", "b", "c"]);
  });

  it("keeps rows as long as their own cells: a stray value in XFD1 does not make every row 16,384 wide", async () => {
    const rows: string[][] = [["Ref", "Action", "Status"], ...Array.from({ length: 2000 }, (_, i) => [`A${i + 1}`, "Do it", "In progress"])];
    const buffer = await workbookBuffer({ rows });
    const wb = await loadWorkbook(buffer);
    wb.worksheets[0].getCell("XFD1").value = "stray";
    const [g] = workbookGrids(wb);
    expect(g.values[0]).toHaveLength(16384);
    expect(g.values[1]).toHaveLength(3);
    const r = readTracker(g);
    expect(r.actions).toHaveLength(2000);
  });

  it("reads hidden rows and solid fill colours", async () => {
    const [g] = await roundTrip({ rows: [["a"], ["b"], ["c"]], hiddenRows: [2], fills: { A3: "FFC000" } });
    expect(g.hiddenRows).toEqual([2]);
    expect(g.fills?.[2][0]).toBe("FFC000");
    expect(g.fills?.[0][0]).toBeNull();
  });

  it("chooses the sheet that holds the tracker, or the one named", async () => {
    const grids = await roundTrip(
      { name: "Cover", rows: [["Delivery plan 2026"], ["Prepared for the Panel"]] },
      { name: "Actions", rows: [["Ref", "Action", "Status"], ["1", "a", "Completed"]] },
    );
    const best = chooseTrackerSheet(grids);
    expect(best.ok && best.grid.name).toBe("Actions");
    const named = chooseTrackerSheet(grids, "cover");
    expect(named.ok && named.grid.name).toBe("Cover");
    const missing = chooseTrackerSheet(grids, "Q3");
    expect(missing).toEqual({ ok: false, message: 'There is no sheet called "Q3". Sheets in this workbook: "Cover", "Actions".' });
    const none = chooseTrackerSheet(grids.slice(0, 1));
    expect(none.ok).toBe(false);
  });

  it("says plainly when a file is missing or is not a workbook", async () => {
    await expect(readWorkbookGrids("/no/such/file.xlsx")).rejects.toThrow(new UnreadableWorkbook("File not found: /no/such/file.xlsx. Check the path and try again."));
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "dp-"));
    const bogus = path.join(dir, "notes.xlsx");
    await fs.writeFile(bogus, "Ref,Status\n1,Completed\n");
    // CSV text named .xlsx is told from its bytes; other junk gets the general message.
    await expect(readWorkbookGrids(bogus)).rejects.toThrow(/notes\.xlsx is a text file \(CSV\), not a workbook/);
    await fs.writeFile(bogus, Buffer.from([0, 1, 2, 3]));
    await expect(readWorkbookGrids(bogus)).rejects.toThrow(/could not be read as an Excel workbook/);
  });
});

describe("fill colours written as theme or indexed colours", () => {
  it.each([
    [{ theme: 5 }, "ED7D31", "Amber"],
    [{ theme: 9, tint: 0.3999 }, "A9CE91", "Green"],
    [{ theme: 7 }, "FFC000", "Amber"],
    [{ indexed: 10 }, "FF0000", "Red"],
    [{ indexed: 17 }, "008000", "Green"],
    [{ indexed: 51 }, "FFCC00", "Amber"],
    [{ theme: 0 }, "FFFFFF", null],
  ])("%j → %s (%s)", (fgColor, hex, rag) => {
    const colour = fillColour({ type: "pattern", pattern: "solid", fgColor } as ExcelJS.Fill);
    expect(colour).toBe(hex);
    expect(ragFromFill(colour)).toBe(rag);
  });
});

describe("a blank cell whose only content is its fill", () => {
  it("is read, so a RAG shown only by colour counts on the .xlsx path as on the Office path", async () => {
    const [g] = await roundTrip({ rows: [["Ref", "Action", "RAG"], ["1", "a", null], ["2", "b", "Green"]], fills: { C2: "FF0000" } });
    expect(g.fills?.[1][2]).toBe("FF0000");
    const r = readTracker(g);
    expect(r.actions.map((a) => [a.id, a.rag, a.ragSource])).toEqual([
      ["1", "Red", "fill"],
      ["2", "Green", "text"],
    ]);
  });
});
