/**
 * The pane's return workbooks, loaded lazily (a chunk of its own: ExcelJS and
 * JSZip are never in the pane's first bundle): each lead's return written from
 * the model's request plan, one .zip of them all, and a return the officer picks
 * read back within the same limits as any workbook (src/xlsx/limits.ts, with
 * the browser's own inflater), then by the model's readReturnSheet. Nothing of
 * Node here; the command line uses the same workbook code (./workbook.ts).
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import type { RequestPlan, ReturnRead, SheetGrid, CellValue } from "../model";
import { openWorkbookZip, readDirectory } from "../xlsx/container";
import { READ_LIMITS, ReadLimitError, isUsedPart, storedBytes, zipLimitPassed } from "../xlsx/limits";
import type { InflateRaw, ReadLimits } from "../xlsx/limits";
import { protectReturn, returnOfWorkbook, returnWorkbook } from "./workbook";

/** A return is one lead's rows: far smaller than a tracker. Bigger files are refused before anything is inflated. */
export const RETURN_LIMITS: ReadLimits = { ...READ_LIMITS, maxPart: 50 * 1024 * 1024, maxTotal: 100 * 1024 * 1024 };
export const MAX_RETURN_BYTES = 50 * 1024 * 1024;

const DAMAGED = "Ask the lead for a fresh copy, or open it in Excel and save it again as .xlsx";
const LIMIT = "A return holds one lead's rows: ask the lead to send back the file they were sent";

/** Each lead's return workbook, protected, as bytes (in the plan's order). */
export async function returnFiles(plan: RequestPlan, sendTo: string | null = null): Promise<{ lead: string; file: string; bytes: Uint8Array }[]> {
  const out: { lead: string; file: string; bytes: Uint8Array }[] = [];
  for (const request of plan.requests) {
    const wb = returnWorkbook(plan, request, sendTo);
    await protectReturn(wb, request.key);
    out.push({ lead: request.lead, file: request.file, bytes: new Uint8Array(await wb.xlsx.writeBuffer()) });
  }
  return out;
}

/** One .zip of the returns. */
export async function returnsZip(files: readonly { file: string; bytes: Uint8Array }[]): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const f of files) zip.file(f.file, f.bytes);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

/**
 * Raw deflate data inflated by the browser (DecompressionStream), stopping as
 * soon as it comes to more than `size` bytes.
 */
export async function inflateRawBrowser(data: Uint8Array, size: number): Promise<Uint8Array> {
  const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  const reader = stream.getReader();
  const out = new Uint8Array(size);
  let at = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (at + value.length > size) {
      await reader.cancel().catch(() => undefined);
      throw new Error("inflates larger than declared");
    }
    out.set(value, at);
    at += value.length;
  }
  return out.subarray(0, at);
}

/**
 * The used parts inflated ahead (the browser inflates asynchronously; the
 * limits' reader asks synchronously), each never past its declared size; an
 * inflater that gives them back by where their data is.
 */
async function inflatedAhead(bytes: Uint8Array, inflate: (data: Uint8Array, size: number) => Promise<Uint8Array>): Promise<InflateRaw> {
  const entries = readDirectory(bytes, RETURN_LIMITS);
  const passed = zipLimitPassed(entries, RETURN_LIMITS);
  if (passed) throw new ReadLimitError(passed, "limit");
  const ready = new Map<number, Uint8Array | Error>();
  for (const e of entries) {
    if (!isUsedPart(e.name) || e.name.endsWith("/") || e.method !== 8) continue;
    const stored = storedBytes(bytes, e);
    if (!stored) continue;
    // One part at a time: each is checked against its own declared size.
     
    ready.set(stored.byteOffset, await inflate(stored, e.size).catch((err: unknown) => (err instanceof Error ? err : new Error(String(err)))));
  }
  return (data) => {
    const got = ready.get(data.byteOffset);
    if (!got) throw new Error("cannot be inflated");
    if (got instanceof Error) throw got;
    return got;
  };
}

/** An ExcelJS value as text or number (formulas as their results, rich text flattened), enough for a return's cells. */
function cellValue(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (value instanceof Date) return value;
  if (typeof value === "object") {
    if ("richText" in value && Array.isArray(value.richText)) return value.richText.map((p) => p.text).join("");
    if ("formula" in value || "sharedFormula" in value) return cellValue(((value as { result?: unknown }).result ?? null) as ExcelJS.CellValue);
    if ("text" in value && typeof (value as { text: unknown }).text === "string") return (value as { text: string }).text;
    if ("error" in value && typeof value.error === "string") return { error: value.error };
  }
  return null;
}

/** A return's sheet as the model reads it: its values by row and column. */
function sheetGrid(ws: ExcelJS.Worksheet): SheetGrid {
  const values: CellValue[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.findRow(r);
    const out: CellValue[] = [];
    row?.eachCell({ includeEmpty: false }, (cell, c) => {
      if (cell.type === ExcelJS.ValueType.Merge) return;
      while (out.length < c - 1) out.push(null);
      out[c - 1] = cellValue(cell.value);
    });
    values.push(out);
  }
  return { name: ws.name, firstRow: 1, firstColumn: 1, values, merges: [] };
}

export type ReturnFileResult = { ok: true; read: ReturnRead } | { ok: false; message: string };

/**
 * A return file the officer picked, read: within the limits (the zip's sizes and
 * ratios checked before anything is inflated, each part never past its declared
 * size, every declared range clamped), then its key and rows. Never throws: a
 * file that is not a return, damaged, huge or hostile gets one line.
 */
export async function readReturnFile(data: ArrayBuffer, name: string, inflate: (data: Uint8Array, size: number) => Promise<Uint8Array> = inflateRawBrowser): Promise<ReturnFileResult> {
  const no = (message: string): ReturnFileResult => ({ ok: false, message });
  if (data.byteLength > MAX_RETURN_BYTES) return no(`${name} is ${Math.round(data.byteLength / 1024 / 1024)} MB, over the ${MAX_RETURN_BYTES / 1024 / 1024} MB a return may be. ${LIMIT}.`);
  const bytes = new Uint8Array(data);
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) return no(`${name} is not an Excel workbook (.xlsx). Send the lead's own return, filled in and saved as .xlsx.`);
  let stored: Uint8Array;
  try {
    const opened = openWorkbookZip(bytes, await inflatedAhead(bytes, inflate), RETURN_LIMITS);
    // ExcelJS is given the used parts only, stored (not compressed again): no part it reads is bigger than checked.
    const zip = new JSZip();
    for (const [part, content] of opened.parts) zip.file(part, content);
    stored = await zip.generateAsync({ type: "uint8array", compression: "STORE" });
  } catch (err) {
    if (err instanceof ReadLimitError) return no(`${name} ${err.message}. ${err.kind === "damaged" ? DAMAGED : LIMIT}.`);
    return no(`${name} cannot be read as an Excel workbook (.xlsx). ${DAMAGED}.`);
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(stored.buffer.slice(stored.byteOffset, stored.byteOffset + stored.byteLength) as ArrayBuffer);
  } catch {
    return no(`${name} is damaged: part of it cannot be read. ${DAMAGED}.`);
  }
  return returnOfWorkbook(wb, name, sheetGrid);
}
