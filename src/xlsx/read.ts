/**
 * The .xlsx adapter's reading half: an ExcelJS workbook → the model's plain
 * grids (values, merged areas, hidden rows, fill colours).
 */
import ExcelJS from "exceljs";
import { promises as fs } from "node:fs";
import { parseA1Range } from "../model";
import type { CellValue, MergedArea, SheetGrid } from "../model";

/** Input we cannot use, with a message for the person who gave it. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InputError";
  }
}

type ExcelValue = ExcelJS.CellValue;

/** An ExcelJS value as the model sees it: formulas as their cached results, rich text flattened. */
export function toCellValue(value: ExcelValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return value;
  if (typeof value === "object") {
    if ("error" in value && typeof value.error === "string") return { error: value.error };
    if ("richText" in value && Array.isArray(value.richText)) return value.richText.map((p) => p.text).join("");
    if ("formula" in value || "sharedFormula" in value) {
      const result = (value as { result?: unknown }).result;
      if (result === undefined || result === null) return null;
      return toCellValue(result as ExcelValue);
    }
    if ("text" in value) {
      const text = (value as { text: unknown }).text;
      if (typeof text === "string") return text;
      if (text && typeof text === "object" && "richText" in text) return toCellValue(text as ExcelValue);
    }
  }
  return null;
}

/** A solid fill's colour as "RRGGBB", or null (no fill, pattern without colour, theme colour). */
export function fillColour(fill: ExcelJS.Fill | undefined): string | null {
  if (!fill || fill.type !== "pattern" || fill.pattern === "none") return null;
  const argb = fill.fgColor?.argb;
  if (!argb || !/^[0-9a-f]{6,8}$/i.test(argb)) return null;
  return argb.slice(-6).toUpperCase();
}

export function worksheetToGrid(ws: ExcelJS.Worksheet): SheetGrid {
  const rowCount = ws.rowCount;
  const columnCount = ws.columnCount;
  const values: CellValue[][] = [];
  const fills: (string | null)[][] = [];
  const hiddenRows: number[] = [];
  for (let r = 1; r <= rowCount; r++) {
    const row = ws.findRow(r);
    const rowValues: CellValue[] = new Array(columnCount).fill(null);
    const rowFills: (string | null)[] = new Array(columnCount).fill(null);
    if (row) {
      if (row.hidden) hiddenRows.push(r);
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        if (c > columnCount) return;
        // Covered cells of a merge report their master's value in ExcelJS; Excel reports them empty.
        if (cell.type === ExcelJS.ValueType.Merge) return;
        rowValues[c - 1] = toCellValue(cell.value);
        rowFills[c - 1] = fillColour(cell.fill);
      });
    }
    values.push(rowValues);
    fills.push(rowFills);
  }
  const mergeList = ((ws.model as { merges?: string[] }).merges ?? []).map(parseA1Range).filter((m): m is MergedArea => m !== null);
  return { name: ws.name, firstRow: 1, firstColumn: 1, values, merges: mergeList, fills, hiddenRows };
}

export async function loadWorkbook(source: string | Buffer | ArrayBuffer, label = typeof source === "string" ? source : "the workbook"): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  try {
    if (typeof source === "string") {
      // ExcelJS's own "file not found" has no error code: look first.
      const stat = await fs.stat(source);
      if (stat.isDirectory()) throw Object.assign(new Error("folder"), { code: "EISDIR" });
      await wb.xlsx.load((await fs.readFile(source)) as unknown as ArrayBuffer);
    } else await wb.xlsx.load(source as ArrayBuffer);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new InputError(`File not found: ${label}. Check the path and try again.`);
    if (code === "EISDIR") throw new InputError(`${label} is a folder, not an .xlsx file.`);
    if (code === "EACCES") throw new InputError(`Cannot read ${label}: permission denied.`);
    throw new InputError(`${label} could not be read as an Excel workbook (.xlsx). If it is an old .xls or a .csv file, open it in Excel and save it as .xlsx.`);
  }
  return wb;
}

export function workbookGrids(wb: ExcelJS.Workbook): SheetGrid[] {
  const grids: SheetGrid[] = [];
  wb.eachSheet((ws) => {
    grids.push(worksheetToGrid(ws));
  });
  return grids;
}

export async function readWorkbookGrids(source: string | Buffer | ArrayBuffer, label?: string): Promise<SheetGrid[]> {
  return workbookGrids(await loadWorkbook(source, label));
}
