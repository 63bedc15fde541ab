/**
 * A one-sheet tracker that keeps two periods side by side, built from the two
 * Hertfordshire samples: November's workbook with its status column (C)
 * renamed "Status November 2021" and a "Status June 2021" column added after
 * the last one, filled from the June sample by reference (97 actions). Written
 * with ExcelJS to a file in the test's own temporary folder, so each test reads
 * it back as a real .xlsx (the CLI by its path, the pane and the engine as grids).
 */
import ExcelJS from "exceljs";
import path from "node:path";
import { chooseTrackerSheet } from "../../src/model";
import type { SheetGrid } from "../../src/model";
import { readWorkbookGrids } from "../../src/xlsx";
import { HERTS, HERTS_JUNE } from "./factories";

/** The references (column A) and statuses (column C) under the header on row 4. */
function statusesByReference(ws: ExcelJS.Worksheet): Map<string, string> {
  const out = new Map<string, string>();
  for (let r = 5; r <= ws.rowCount; r++) {
    const ref = ws.getCell(r, 1).text.trim();
    const status = ws.getCell(r, 3).text.trim();
    if (ref && status && !ws.getCell(r, 1).isMerged) out.set(ref, status);
  }
  return out;
}

export interface HertsOneSheet {
  file: string;
  /** The letter of the added "Status June 2021" column. */
  juneColumn: string;
  /** How many June statuses were filled in (97). */
  filled: number;
}

/** Build the one-sheet tracker into `dir` (a folder of the test's own, from fs.mkdtemp). */
export async function writeHertsOneSheet(dir: string): Promise<HertsOneSheet> {
  const june = new ExcelJS.Workbook();
  await june.xlsx.readFile(HERTS_JUNE);
  const juneStatus = statusesByReference(june.worksheets[0]);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(HERTS);
  const ws = book.worksheets[0];
  if (ws.getCell("C4").text !== "Status this reporting period") throw new Error(`The Hertfordshire sample's C4 says "${ws.getCell("C4").text}"`);
  ws.getCell("C4").value = "Status November 2021";
  const col = ws.actualColumnCount + 1;
  const juneColumn = ws.getColumn(col).letter;
  ws.getCell(4, col).value = "Status June 2021";
  let filled = 0;
  for (let r = 5; r <= ws.rowCount; r++) {
    const ref = ws.getCell(r, 1).text.trim();
    const status = ref && !ws.getCell(r, 1).isMerged ? juneStatus.get(ref) : undefined;
    if (status && ws.getCell(r, 3).text.trim()) {
      ws.getCell(r, col).value = status;
      filled++;
    }
  }
  const file = path.join(dir, "herts-one-sheet.xlsx");
  await book.xlsx.writeFile(file);
  return { file, juneColumn, filled };
}

/** The one-sheet tracker read back as the grid of its tracker sheet. */
export async function hertsOneSheetGrid(dir: string): Promise<HertsOneSheet & { grid: SheetGrid }> {
  const built = await writeHertsOneSheet(dir);
  const choice = chooseTrackerSheet(await readWorkbookGrids(built.file));
  if (!choice.ok) throw new Error(choice.message);
  return { ...built, grid: choice.grid };
}
