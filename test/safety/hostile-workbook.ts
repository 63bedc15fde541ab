/**
 * A tracker seeded with hostile cells, for the data-safety tests: formulas
 * (with their cached results), error values, dates, numbers, booleans, rich
 * text, texts that a spreadsheet could take for a formula ("=", "+", "-", "@",
 * a leading tab or carriage return) and markup, in every column the add-in
 * reads and writes back (reference, theme, action, lead, update).
 */
import ExcelJS from "exceljs";

export const SHEET = "Tracker";
export const XSS = "<img src=x onerror=alert(1)>";
/** The characters a spreadsheet (or a CSV reader) may take as the start of a formula. */
export const FORMULA_START = /^[=+\-@\t\r]/;

/** Texts the Panel Summary must carry over literally (each from a hostile tracker cell). */
export const HOSTILE_THEME = '=HYPERLINK("http://example.com/x","click")';
export const HOSTILE_ACTION = "+44 helpline for victims";
export const HOSTILE_UPDATE = "-1 officer short; =SUM(A1:A9) not a sum";

export interface FormulaCell {
  address: string;
  formula: string;
  result: ExcelJS.CellValue;
}

/** Formula cells of the tracker (ExcelJS writes them with their results, as Excel saves a calculated file). */
export const FORMULAS: FormulaCell[] = [
  { address: "H3", formula: "DATE(2027,3,31)", result: new Date(Date.UTC(2027, 2, 31)) },
  { address: "I3", formula: "COUNTA(A:A)", result: 8 },
  { address: "I4", formula: "1/0", result: { error: "#DIV/0!" } as ExcelJS.CellErrorValue },
  { address: "C9", formula: '"=formula "&"result"', result: "=formula result" },
];

type Row = ExcelJS.CellValue[];

/** Status per row of the two periods: the "previous" one makes A1 and @3 deteriorate. */
export function hostileRows(period: "current" | "previous" = "current"): Row[] {
  const now = period === "current";
  const rich: ExcelJS.CellRichTextValue = { richText: [{ text: "=rich " }, { font: { bold: true }, text: "text, bold" }] };
  return [
    ["Delivery plan with hostile cells", null, null, null, null, null, null, null, null],
    ["Ref", "Theme", "Action", "Lead", "Status", "RAG", "Update", "Timeframe", "Count"],
    ["=1+1", HOSTILE_THEME, HOSTILE_ACTION, "@SUM(A1:A2)", "In progress", now ? "Red" : "Green", HOSTILE_UPDATE, null, null],
    ["+2", "\t=cmd|' /C calc'!A0", "-5", "\r=1+2", "Completed", "Amber", "\t+ tab first", new Date(Date.UTC(2022, 0, 1)), null],
    ["@3", "-Theme with a minus", rich, "-", "On hold", now ? "Red" : "Amber", { error: "#N/A" } as ExcelJS.CellErrorValue, true, false],
    ["\tA4", XSS, XSS, `<b>${XSS}</b>`, "Not yet started", "Red", "<script>alert(2)</script>", "March 2020", 42],
    ["\rA5", "Plain theme", "=SUM(1,2) looks like a sum", "NP", "In progress", "Red", null, 3.25, -7],
    ["A6", "Plain theme", "\t\r=tab then CR", "+NP", now ? XSS : "In progress", "Green", "@mention the lead", "Ongoing", 0],
    ["A7", "Plain theme", null, "NP", "In progress", "Amber", null, null, null],
  ];
}

/** The hostile tracker as an .xlsx buffer (with a second sheet that must stay as it is). */
export async function hostileWorkbook(period: "current" | "previous" = "current"): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET);
  hostileRows(period).forEach((row, r) =>
    row.forEach((value, c) => {
      if (value !== null && value !== undefined) ws.getCell(r + 1, c + 1).value = value;
    }),
  );
  ws.getCell("H4").numFmt = "dd/mm/yyyy";
  ws.getCell("H6").numFmt = "@";
  for (const f of FORMULAS) ws.getCell(f.address).value = { formula: f.formula, result: f.result } as ExcelJS.CellFormulaValue;
  ws.getCell("H3").numFmt = "d mmmm yyyy";
  ws.getCell("C10").value = { text: "a link", hyperlink: "http://example.com/" };
  ws.mergeCells("A1:D1");
  const notes = wb.addWorksheet("Notes");
  notes.getCell("A1").value = "=not a formula, a note";
  notes.getCell("B2").value = { formula: "Tracker!I6*2", result: 84 } as ExcelJS.CellFormulaValue;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
