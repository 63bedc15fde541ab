/** What the returns' tests share: running the commands in-process, filling a return, reading a workbook's protection from its XML. */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { promises as fs } from "node:fs";
import { runReturns } from "../../src/cli/returns";
import { toCellValue } from "../../src/xlsx";

export async function returns(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await runReturns(args, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) }, new Date("2026-12-07T10:00:00Z"));
  return { code, out, err };
}

/** The row of a reference on a return's sheet. */
export function rowOf(ws: ExcelJS.Worksheet, id: string): number {
  for (let r = 1; r <= ws.rowCount; r++) if (String(toCellValue(ws.getCell(r, 1).value) ?? "") === id) return r;
  throw new Error(`${id} is not on ${ws.name}`);
}

/** The column of a header on a return's sheet (row 4). */
export function columnOf(ws: ExcelJS.Worksheet, header: string): number {
  for (let c = 1; c <= ws.columnCount; c++) if (toCellValue(ws.getCell(4, c).value) === header) return c;
  throw new Error(`no column "${header}" on ${ws.name}`);
}

export type Edit = { id: string; header: string; value: ExcelJS.CellValue } | { row: number; column: number; value: ExcelJS.CellValue };

/** A return filled through ExcelJS, as a lead's Excel would save it (protection does not stop a program). */
export async function fill(from: string, to: string, edits: Edit[], more?: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(from);
  const ws = wb.getWorksheet("Your actions")!;
  for (const e of edits) {
    const cell = "id" in e ? ws.getCell(rowOf(ws, e.id), columnOf(ws, e.header)) : ws.getCell(e.row, e.column);
    cell.value = e.value;
  }
  more?.(ws, wb);
  await wb.xlsx.writeFile(to);
  return to;
}

/** Each sheet's cell values by address (formulas as their results), read by ExcelJS. */
export async function cellValues(file: string, sheet: string): Promise<Map<string, unknown>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(sheet)!;
  const out = new Map<string, unknown>();
  ws.eachRow({ includeEmpty: false }, (row) =>
    row.eachCell({ includeEmpty: false }, (cell) => {
      if (cell.type === ExcelJS.ValueType.Merge) return;
      const v = toCellValue(cell.value);
      if (v !== null && v !== "") out.set(cell.address, v instanceof Date ? v.toISOString() : v);
    }),
  );
  return out;
}

/** The cells that differ between two sheets' values. */
export function differing(a: Map<string, unknown>, b: Map<string, unknown>): string[] {
  return [...new Set([...a.keys(), ...b.keys()])].filter((k) => JSON.stringify(a.get(k)) !== JSON.stringify(b.get(k))).sort();
}

export interface SheetXml {
  protected: boolean;
  /** Cells whose style unlocks them. */
  unlocked: Set<string>;
  /** Every data validation: its type and range. */
  validations: { type: string; sqref: string; formula: string }[];
  /** How many cells hold a formula, in every sheet of the workbook. */
  formulas: number;
  /** Each sheet's name and state (visible, hidden, veryHidden). */
  sheets: { name: string; state: string }[];
}

const attr = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];
const truthy = (v: string | undefined) => v === "1" || v === "true";

/** A sheet's protection, unlocked cells and lists, read from the file's XML as Excel and LibreOffice write it. */
export async function sheetXml(file: string, sheetName: string): Promise<SheetXml> {
  const zip = await JSZip.loadAsync(await fs.readFile(file));
  const text = async (name: string) => (await zip.file(name)?.async("string")) ?? "";
  const workbook = await text("xl/workbook.xml");
  const rels = await text("xl/_rels/workbook.xml.rels");
  const sheets = [...workbook.matchAll(/<sheet\b[^>]*>/g)].map((m) => ({ name: attr(m[0], "name")!, state: attr(m[0], "state") ?? "visible", rid: attr(m[0], "r:id")! }));
  const target = (rid: string) => {
    const rel = [...rels.matchAll(/<Relationship\b[^>]*>/g)].map((m) => m[0]).find((t) => attr(t, "Id") === rid)!;
    return `xl/${attr(rel, "Target")!.replace(/^\/?xl\//, "")}`;
  };
  const me = sheets.find((s) => s.name === sheetName)!;
  const xml = await text(target(me.rid));
  const styles = await text("xl/styles.xml");
  const xfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)![1];
  const unlockedStyles = new Set<number>();
  [...xfs.matchAll(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)].forEach((m, i) => {
    const p = /<protection\b[^>]*>/.exec(m[0])?.[0];
    if (p && (attr(p, "locked") === "0" || attr(p, "locked") === "false")) unlockedStyles.add(i);
  });
  const unlocked = new Set<string>();
  for (const m of xml.matchAll(/<c\b[^>]*>/g)) {
    const s = Number(attr(m[0], "s") ?? 0);
    if (unlockedStyles.has(s)) unlocked.add(attr(m[0], "r")!);
  }
  const protection = /<sheetProtection\b[^>]*>/.exec(xml)?.[0];
  const validations = [...xml.matchAll(/<dataValidation\b([^>]*)>([\s\S]*?)<\/dataValidation>/g)].map((m) => ({
    type: attr(m[1], "type") ?? "",
    sqref: attr(m[1], "sqref") ?? "",
    formula: /<formula1>([\s\S]*?)<\/formula1>/.exec(m[2])?.[1] ?? "",
  }));
  let formulas = 0;
  for (const s of sheets) formulas += ((await text(target(s.rid))).match(/<f[\s>]/g) ?? []).length;
  return { protected: !!protection && truthy(attr(protection, "sheet")), unlocked, validations, formulas, sheets: sheets.map(({ name, state }) => ({ name, state })) };
}
