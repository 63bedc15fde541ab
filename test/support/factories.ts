/** Small factories for test data: plain grids for the model, real .xlsx files via ExcelJS. */
import ExcelJS from "exceljs";
import path from "node:path";
import { parseA1Range } from "../../src/model";
import type { CellValue, MergedArea, SheetGrid } from "../../src/model";
import { readWorkbookGrids } from "../../src/xlsx";

export const SAMPLES = path.resolve(__dirname, "../../samples");
export const HERTS = path.join(SAMPLES, "herts-delivery-plan-2021-22.xlsx");
export const CAMBS = path.join(SAMPLES, "cambs-delivery-plan-2018-11.xlsx");
/** The Hertfordshire tracker as at June 2021, built by scripts/make-previous-sample.js. */
export const HERTS_JUNE = path.join(SAMPLES, "herts-delivery-plan-2021-06.xlsx");

/** A grid from rows written top-left at A1. Use "" or null for empty cells. */
export function grid(rows: CellValue[][], extra: Partial<SheetGrid> = {}): SheetGrid {
  const width = Math.max(...rows.map((r) => r.length));
  return {
    name: "Tracker",
    firstRow: 1,
    firstColumn: 1,
    values: rows.map((r) => [...r, ...new Array(width - r.length).fill(null)].map((v) => (v === "" ? null : v))),
    merges: [],
    ...extra,
  };
}

export function merge(range: string): MergedArea {
  return parseA1Range(range)!;
}

export interface SheetSpec {
  name?: string;
  rows: ExcelJS.CellValue[][];
  merges?: string[];
  /** A1 address → "RRGGBB" solid fill. */
  fills?: Record<string, string>;
  hiddenRows?: number[];
}

/** A real workbook, written by ExcelJS to a buffer the way Excel would save it. */
export async function workbookBuffer(...sheets: SheetSpec[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  sheets.forEach((spec, i) => {
    const ws = wb.addWorksheet(spec.name ?? (i === 0 ? "Tracker" : `Sheet${i + 1}`));
    spec.rows.forEach((row, r) => {
      row.forEach((value, c) => {
        if (value !== null && value !== undefined && value !== "") ws.getCell(r + 1, c + 1).value = value;
      });
    });
    for (const m of spec.merges ?? []) ws.mergeCells(m);
    for (const [address, rgb] of Object.entries(spec.fills ?? {})) {
      ws.getCell(address).fill = { type: "pattern", pattern: "solid", fgColor: { argb: `FF${rgb}` } };
    }
    for (const r of spec.hiddenRows ?? []) ws.getRow(r).hidden = true;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Write sheets to an .xlsx in memory and read them back through the .xlsx adapter. */
export async function roundTrip(...sheets: SheetSpec[]): Promise<SheetGrid[]> {
  return readWorkbookGrids(await workbookBuffer(...sheets));
}
