/**
 * The Panel Summary in .xlsx files: `delivery-plan summary --out`, the ExcelJS
 * writer (replace ours, never a user's; text stays text; the tracker's cells
 * unchanged), and LibreOffice Calc opening and rendering what we wrote.
 */
import ExcelJS from "exceljs";
import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { RAG_COLOURS, SUMMARY_MARK, buildPanelSummary, chooseTrackerSheet, readTracker } from "../../src/model";
import { run } from "../../src/cli/run";
import { findOurSummarySheet, workbookGrids, writePanelSummary } from "../../src/xlsx";
import { CAMBS, HERTS, HERTS_JUNE, workbookBuffer } from "../support/factories";
import { convert, describeWithLibreOffice, sheetCells } from "../support/libreoffice";

jest.setTimeout(180_000);

const HYPERLINK = '=HYPERLINK("http://example.invalid","x")';
const BUILT = new Date(Date.UTC(2021, 11, 1, 12));
const SENTENCE = "Of the 97 actions, 45 are complete (38 in June 2021), 52 are in progress (55 in June 2021) and none are on hold or not yet started (4 in June 2021).";

let tmp: string;
beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "dp-summary-"));
});

async function cli(...args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await run(args, { out: (t) => (stdout += `${t}\n`), err: (t) => (stderr += `${t}\n`) }, BUILT);
  return { code, stdout, stderr };
}

async function open(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

const sha = async (file: string) => createHash("sha256").update(await fs.readFile(file)).digest("hex");

/** Every cell of a sheet as "A1 type value", for comparing before and after. */
function cellDump(ws: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) =>
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      out.push(`${r},${c} ${cell.type} ${JSON.stringify(cell.value)}`);
    }),
  );
  return out;
}

/** A tracker with a Red action whose update is a text that looks like a formula. */
async function hyperlinkTracker(file: string) {
  await fs.writeFile(
    file,
    await workbookBuffer(
      {
        name: "Tracker",
        rows: [
          ["Ref", "Action", "Lead", "Status", "RAG", "Update", "Timeframe"],
          ["A1", "Reduce reoffending", "OPCC", "In progress", "Red", HYPERLINK, "Ongoing"],
          ["A2", "+44 helpline", "Constabulary", "In progress", "Green", "-5% calls", "Ongoing"],
          ["A3", "@risk youth", "Partners", "Completed", "Blue", "Done", "2021"],
        ],
      },
      { name: "Notes", rows: [["My notes"], ["=not a formula either"]] },
    ),
  );
}

describe("delivery-plan summary --out", () => {
  it("writes a copy with the Panel Summary sheet; the input file is never changed", async () => {
    const out = path.join(tmp, "herts-summary.xlsx");
    const before = await sha(HERTS);
    const r = await cli("summary", HERTS, "--previous", HERTS_JUNE, "--previous-label", "June 2021", "--as-of", "2021-11-30", "--period", "November 2021", "--out", out);
    expect(r.code).toBe(0);
    // The two overdue actions; the June sample keeps no update text, so no update is listed as not new.
    expect(r.stdout).toContain(`Wrote ${out}: sheet "Panel Summary" with 2 exception(s)`);
    expect(r.stdout).toContain(`For the panel report: ${SENTENCE}`);
    expect(await sha(HERTS)).toBe(before);
    const wb = await open(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Delivery Plan 2021-22", "Panel Summary", "Change log"]);
    const ws = wb.getWorksheet("Panel Summary")!;
    expect(ws.getCell("A1").value).toBe("Delivery Plan summary — November 2021");
    const values = ws.getSheetValues().flatMap((row) => (Array.isArray(row) ? row : []));
    expect(values).toContain(SENTENCE);
    expect(findOurSummarySheet(wb, SUMMARY_MARK)).toBe("Panel Summary");
    // The exceptions' long texts wrap, and their rows are tall enough for them (LibreOffice does not fit rows itself).
    const exceptionRows: ExcelJS.Row[] = [];
    ws.eachRow((row) => void ((row.getCell(1).value === "35" || row.getCell(1).value === "96") && exceptionRows.push(row)));
    expect(exceptionRows).toHaveLength(2);
    for (const row of exceptionRows) {
      expect(row.height).toBeGreaterThanOrEqual(45);
      expect(row.getCell(2).alignment.wrapText).toBe(true);
    }
  });

  it("gives the panel summary in the JSON too", async () => {
    const out = path.join(tmp, "herts-summary.json.xlsx");
    const r = await cli("summary", HERTS, "--previous", HERTS_JUNE, "--previous-label", "June 2021", "--as-of", "2021-11-30", "--out", out, "--json");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.actions).toBe(97);
    // One chart: status by theme (Hertfordshire has no RAG, and one period compared: no chart of RAG or of the periods).
    expect(json.panelSummary).toEqual({ out, sheet: "Panel Summary", replaced: null, sentence: SENTENCE, exceptions: 2, updates: { updated: 0, notUpdated: 0, new: 0 }, noNewUpdate: [], charts: 1 });
  });

  it("refuses to overwrite the input, and --period for other commands", async () => {
    expect((await cli("summary", HERTS, "--out", HERTS)).code).toBe(2);
    const r = await cli("validate", HERTS, "--period", "Q3");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--period and --organisation are for summary and report, not validate");
    expect((await cli("--help")).stdout).toContain("--organisation TEXT");
  });

  it("building again leaves one summary sheet, and a user's own 'Panel Summary' survives", async () => {
    const input = path.join(tmp, "with-user-sheet.xlsx");
    await fs.writeFile(
      input,
      await workbookBuffer(
        { name: "Tracker", rows: [["Ref", "Action", "Status"], ["1", "Do it", "Completed"], ["2", "Do more", "In progress"]] },
        { name: "Panel Summary", rows: [["My own panel summary"], ["Do not delete"]] },
      ),
    );
    const once = path.join(tmp, "once.xlsx");
    const twice = path.join(tmp, "twice.xlsx");
    const thrice = path.join(tmp, "thrice.xlsx");
    expect((await cli("summary", input, "--out", once, "--period", "Q1")).code).toBe(0);
    const r2 = await cli("summary", once, "--out", twice, "--period", "Q2");
    expect(r2.stdout).toContain('sheet "Panel Summary (2)" (replacing the add-in\'s earlier summary "Panel Summary (2)")');
    expect((await cli("summary", twice, "--out", thrice, "--period", "Q3")).code).toBe(0);
    const wb = await open(thrice);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Tracker", "Panel Summary", "Panel Summary (2)", "Change log"]);
    expect(wb.getWorksheet("Panel Summary")!.getCell("A1").value).toBe("My own panel summary");
    expect(wb.getWorksheet("Panel Summary")!.getCell("A2").value).toBe("Do not delete");
    expect(wb.getWorksheet("Panel Summary (2)")!.getCell("A1").value).toBe("Delivery Plan summary — Q3");
    expect(findOurSummarySheet(wb, SUMMARY_MARK)).toBe("Panel Summary (2)");
    // One mark, on ours.
    expect((wb.definedNames as unknown as { getRanges(n: string): { ranges: string[] } }).getRanges(SUMMARY_MARK).ranges).toEqual(["'Panel Summary (2)'!$A$1"]);
  });

  it("writes a tracker text that looks like a formula as that literal text, a string and not a formula", async () => {
    const input = path.join(tmp, "hyperlink.xlsx");
    const out = path.join(tmp, "hyperlink-summary.xlsx");
    await hyperlinkTracker(input);
    // The input holds the text as text.
    expect((await open(input)).getWorksheet("Tracker")!.getCell("F2").type).toBe(ExcelJS.ValueType.String);
    const r = await cli("summary", input, "--out", out, "--as-of", "2021-11-30");
    expect(r.code).toBe(0);
    const wb = await open(out);
    const ws = wb.getWorksheet("Panel Summary")!;
    const found: ExcelJS.Cell[] = [];
    ws.eachRow((row) => row.eachCell((cell) => void (cell.value === HYPERLINK && found.push(cell))));
    expect(found).toHaveLength(1);
    const [cell] = found;
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.formula).toBeUndefined();
    expect(cell.numFmt).toBe("@");
    // It is in the exceptions table, in the "Latest update" column of action A1's row.
    expect(ws.getCell(`A${cell.row}`).value).toBe("A1");
    expect(ws.getRow(Number(cell.row) - 1).getCell(Number(cell.col)).value).toBe("Latest update");
    // No formula anywhere in the sheet.
    ws.eachRow((row) => row.eachCell((c) => expect(c.type).not.toBe(ExcelJS.ValueType.Formula)));
  });

  it("never changes a cell of the tracker or of any other sheet (compared cell by cell)", async () => {
    const input = path.join(tmp, "cells.xlsx");
    const out = path.join(tmp, "cells-summary.xlsx");
    await hyperlinkTracker(input);
    for (const [file, target] of [
      [input, out],
      [HERTS, path.join(tmp, "herts-cells.xlsx")],
      [CAMBS, path.join(tmp, "cambs-cells.xlsx")],
    ]) {
      expect((await cli("summary", file, "--out", target, "--as-of", "2021-11-30")).code).toBeLessThan(2);
      const [a, b] = [await open(file), await open(target)];
      for (const ws of a.worksheets) {
        const after = b.getWorksheet(ws.name)!;
        expect(cellDump(after)).toEqual(cellDump(ws));
        expect(cellDump(ws).length).toBeGreaterThan(0);
      }
      // The Panel Summary, and the change log saying it was written.
      expect(b.worksheets.map((w) => w.name).slice(a.worksheets.length)).toEqual(["Panel Summary", "Change log"]);
    }
  });
});

describe("the ExcelJS writer", () => {
  it("replaces only the sheet its mark refers to, even after the user renamed it", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await workbookBuffer({ name: "Tracker", rows: [["Ref", "Action", "Status"], ["1", "Do it", "Completed"]] })) as unknown as ExcelJS.Buffer);
    const choice = chooseTrackerSheet(workbookGrids(wb));
    if (!choice.ok) throw new Error(choice.message);
    const plan = buildPanelSummary({ report: readTracker(choice.grid), options: { period: "Q1", asOf: BUILT, built: BUILT } });
    expect(writePanelSummary(wb, plan)).toEqual({ sheet: "Panel Summary", replaced: null });
    wb.getWorksheet("Panel Summary")!.name = "Q1 summary";
    // The mark follows a rename in Excel; here we re-point it as Excel would.
    const names = wb.definedNames as unknown as { add(l: string, n: string): void; remove(l: string, n: string): void };
    names.remove("'Panel Summary'!$A$1", SUMMARY_MARK);
    names.add("'Q1 summary'!$A$1", SUMMARY_MARK);
    expect(writePanelSummary(wb, plan)).toEqual({ sheet: "Panel Summary", replaced: "Q1 summary" });
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Tracker", "Panel Summary"]);
    // A mark left pointing at a deleted sheet is not a reason to touch anything.
    wb.removeWorksheet(wb.getWorksheet("Panel Summary")!.id);
    expect(findOurSummarySheet(wb, SUMMARY_MARK)).toBeNull();
    expect(writePanelSummary(wb, plan)).toEqual({ sheet: "Panel Summary", replaced: null });
  });

  it("sets widths, wrap, bold headers, and fills with their words and text colours", async () => {
    const out = path.join(tmp, "styles.xlsx");
    const input = path.join(tmp, "styles-in.xlsx");
    await hyperlinkTracker(input);
    await cli("summary", input, "--out", out, "--as-of", "2021-11-30");
    const ws = (await open(out)).getWorksheet("Panel Summary")!;
    // Widths from the content, at most those the tables declare (a row's name 30, an action 44).
    expect(ws.getColumn(1).width).toBeGreaterThanOrEqual("Not yet started".length);
    expect(ws.getColumn(1).width).toBeLessThanOrEqual(30);
    expect(ws.getColumn(2).width).toBeLessThanOrEqual(44);
    let red: ExcelJS.Cell | null = null;
    ws.eachRow((row) => row.eachCell((c) => void (c.value === "Red" && !red && (red = c))));
    expect(red).not.toBeNull();
    const r = red as unknown as ExcelJS.Cell;
    expect((r.fill as ExcelJS.FillPattern).fgColor?.argb).toBe(`FF${RAG_COLOURS.Red.fill.slice(1)}`);
    expect(r.font.color?.argb).toBe(`FF${RAG_COLOURS.Red.font.slice(1)}`);
    const header = ws.getRow(Number(r.row) - 1).getCell(1);
    expect(header.value).toBe("RAG");
    expect(header.font.bold).toBe(true);
    expect(header.alignment.wrapText).toBe(true);
  });
});

describeWithLibreOffice("the Panel Summary in LibreOffice Calc", () => {
  it("opens the written file and renders the sheet: title, sentence, literal formula text, coloured words", async () => {
    const input = path.join(tmp, "lo-in.xlsx");
    const herts = path.join(tmp, "lo-herts.xlsx");
    const out = path.join(tmp, "lo-hyperlink.xlsx");
    await hyperlinkTracker(input);
    expect((await cli("summary", HERTS, "--previous", HERTS_JUNE, "--previous-label", "June 2021", "--as-of", "2021-11-30", "--period", "November 2021", "--out", herts)).code).toBe(0);
    expect((await cli("summary", input, "--out", out, "--as-of", "2021-11-30")).code).toBe(0);

    const html = await fs.readFile(await convert(herts, "html"), "utf8");
    const cells = sheetCells(html, 1);
    expect(cells.get("A1")?.text).toBe("Delivery Plan summary — November 2021");
    expect([...cells.values()].map((c) => c.text)).toContain(SENTENCE);

    const other = sheetCells(await fs.readFile(await convert(out, "html"), "utf8"), 2);
    const texts = [...other.values()];
    expect(texts.find((c) => c.text === HYPERLINK)).toBeDefined();
    expect(texts.some((c) => c.text === "x")).toBe(false);
    expect(texts.find((c) => c.text === "Red")?.bgcolor).toBe(RAG_COLOURS.Red.fill);
  });
});
