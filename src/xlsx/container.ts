/**
 * An .xlsx file's zip opened within limits (limits.ts): the parts a reader uses,
 * inflated by the host's inflater, with every declared range clamped and every
 * sheet given a name a reader takes. Pure: bytes in, parts out; the command
 * line gives Node's zlib, a browser worker may give another inflater.
 */
import { ReadLimitError, READ_LIMITS, clampWorkbook, clampWorksheet, inflateEntry, isUsedPart, platformCodec, quote, workbookSheets, zipEntries, zipLimitPassed } from "./limits";
import type { ClampedValidation, InflateRaw, ReadLimits, TextCodec, UsedArea, ZipEntry } from "./limits";

export interface OpenedZip {
  /** The parts a reader uses, inflated (sheets and workbook.xml clamped). */
  parts: Map<string, Uint8Array>;
  /** The name of every part in the zip, used or not. */
  names: string[];
  /** What was cut or renamed to read the file, each "on sheet "X": …" (for the note a copy gives). */
  notes: string[];
  /** A sheet's name as read → its name in the file, for each sheet that had to be renamed. */
  sheetNames: Map<string, string>;
  /** A sheet's name as read → its data validation ranges that were cut. */
  validations: Map<string, ClampedValidation[]>;
}

/** The zip's entries, or a ReadLimitError saying why not; the last of two entries with one name wins, as in JSZip. */
export function readDirectory(bytes: Uint8Array, limits: ReadLimits = READ_LIMITS, codec: TextCodec = platformCodec()): ZipEntry[] {
  const entries = zipEntries(bytes, limits.maxEntries, codec);
  if (!entries) throw new ReadLimitError("is damaged: its zip is cut short or broken (the list of its parts cannot be read)", "damaged");
  const byName = new Map<string, ZipEntry>();
  for (const e of entries) byName.set(e.name, e);
  return [...byName.values()];
}

export function openWorkbookZip(bytes: Uint8Array, inflateRaw: InflateRaw, limits: ReadLimits = READ_LIMITS, codec: TextCodec = platformCodec()): OpenedZip {
  const entries = readDirectory(bytes, limits, codec);
  const passed = zipLimitPassed(entries, limits);
  if (passed) throw new ReadLimitError(passed, "limit");
  const parts = new Map<string, Uint8Array>();
  for (const e of entries) if (isUsedPart(e.name) && !e.name.endsWith("/")) parts.set(e.name, inflateEntry(bytes, e, inflateRaw));
  const text = (name: string) => {
    const data = parts.get(name);
    return data ? codec.decode(data) : "";
  };
  const notes: string[] = [];
  const used = new Map<string, UsedArea>();
  const clampedValidations = new Map<string, ClampedValidation[]>();
  const sheets = workbookSheets(text("xl/workbook.xml"), text("xl/_rels/workbook.xml.rels"));
  const sheetOfPart = new Map(sheets.filter((s) => s.part).map((s) => [s.part!, s]));
  for (const name of parts.keys()) {
    if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) continue;
    const xml = text(name);
    const where = `on sheet ${quote(sheetOfPart.get(name)?.name ?? name, 40)}`;
    const clamped = clampWorksheet(xml, limits, where);
    if (clamped.xml !== xml) parts.set(name, codec.encode(clamped.xml));
    used.set(name, clamped.used);
    if (clamped.validations.length) clampedValidations.set(name, clamped.validations);
    notes.push(...clamped.notes.map((n) => `${where}, ${n}`));
  }
  if (parts.has("xl/workbook.xml")) {
    const xml = text("xl/workbook.xml");
    const clamped = clampWorkbook(xml, sheets, used, notes);
    if (clamped !== xml) parts.set("xl/workbook.xml", codec.encode(clamped));
  }
  const validations = new Map<string, ClampedValidation[]>();
  for (const [part, list] of clampedValidations) {
    const sheet = sheetOfPart.get(part);
    if (sheet) validations.set(sheet.readAs, list);
  }
  return {
    parts,
    names: entries.map((e) => e.name),
    notes,
    sheetNames: new Map(sheets.filter((s) => s.readAs !== s.name).map((s) => [s.readAs, s.name])),
    validations,
  };
}
