/**
 * A copy of a big workbook made part by part, in bounded memory: what
 * `summary --out` writes when the workbook's sheets hold more XML than a copy
 * through ExcelJS can be made from (read.ts, MAX_WHOLE_SHEETS).
 *
 * The new sheets (the Panel Summary with its tables and charts, the Change log)
 * and the tracker's conditional formats are made by the same code as the small
 * copy, on the workbook without its cells (stream-read.ts's skeleton), and
 * written by ExcelJS into a small "donor" zip. They are then put into the
 * original zip:
 *
 *  - every part that does not change (the big sheets, the shared strings, the
 *    user's charts, pictures, pivot tables, macros) is copied as its compressed
 *    bytes, never inflated (JSZip reuses a deflated entry's bytes when the copy
 *    is deflated too);
 *  - the tracker's sheet is inflated and deflated again a piece at a time: its
 *    cells go through as they are, and only the text after them (the
 *    conditional formats) and before them (the tab selected) is rewritten;
 *    another sheet that was the tab selected gets the same head rewrite;
 *  - workbook.xml, its relationships, [Content_Types].xml and styles.xml are
 *    small and rewritten as text: the new sheets, the summary's mark, the tab
 *    the workbook opens on, and the donor's styles appended after the
 *    original's, every index of the new parts moved up by the original's count;
 *  - the new sheets' shared strings are written inline in their cells, so the
 *    original's shared strings (the biggest part after the sheets) are not touched.
 *
 * The user's cells are byte for byte the original's: the test compares every
 * cell of every sheet (test/xlsx/copy-parts.test.ts).
 */
import { createWriteStream } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type ExcelJS from "exceljs";
import JSZip from "jszip";
import { CHANGE_LOG_HEADERS, columnLetter, isChangeLogName, parseA1Range, summaryRowHeights } from "../model";
import type { SheetGrid, SummaryFormat, SummaryPlan, SummaryStyle, SummaryValue } from "../model";
import { readDirectory } from "./container";
import { inflateRawNode, nodeCodec } from "./inflate-node";
import { READ_LIMITS, columnOf, fitCellText, inflateEntry, workbookSheets } from "./limits";
import type { ZipEntry } from "./limits";
import { rowHeight } from "./returns";
import { partChunks, textOf } from "./stream-read";

const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const WORKSHEET_REL = `${REL}/worksheet`;

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const unescapeXml = (s: string) => s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
const attr = (tag: string, name: string) => new RegExp(`\\s${name.replace(":", "\\:")}\\s*=\\s*"([^"]*)"`).exec(tag)?.[1] ?? null;
const setAttr = (tag: string, name: string, value: string) =>
  attr(tag, name) !== null ? tag.replace(new RegExp(`(\\s${name}\\s*=\\s*")[^"]*(")`), `$1${value}$2`) : tag.replace(/^<([\w:]+)/, `<$1 ${name}="${value}"`);

/** What the copy is made of: the names of the sheets written, as the skeleton workbook has them. */
export interface PartCopyPlan {
  /** The tracker's sheet, whose conditional formats are the donor's. */
  tracker: string;
  /** The Panel Summary sheet written. */
  summary: string;
  /** The workbook-level name that marks the summary sheet as ours (SummaryPlan.mark). */
  mark: string;
  /** Our earlier summary sheet, replaced in its place (null: none). */
  replaced: string | null;
  /** The Change log sheet written (null: none). */
  log: string | null;
  /** The summary's exceptions, to be written row by row (donorPlan), or null: the donor has them all. */
  body?: SummaryBody | null;
}

/**
 * The skeleton's Change log sheets given back their rows (the skeleton has no cells), as text,
 * so that the log is written again whole, with its new rows after its old.
 */
export function refillChangeLogs(skeleton: ExcelJS.Workbook, grids: readonly SheetGrid[]): void {
  const widths = [21, 15, 14, 22, 40, 40, 30];
  for (const ws of skeleton.worksheets) {
    if (!isChangeLogName(ws.name)) continue;
    const grid = grids.find((g) => g.name === ws.name);
    if (!grid) continue;
    const ours = CHANGE_LOG_HEADERS.every((h, i) => String(grid.values[0]?.[i] ?? "").trim().toLowerCase() === h.toLowerCase());
    grid.values.forEach((row, r) => {
      const texts: string[] = [];
      // Our log's rows are whole: each of its columns a text cell, an old value that was empty included.
      const width = ours && r > 0 ? Math.max(row.length, CHANGE_LOG_HEADERS.length) : row.length;
      for (let c = 0; c < width; c++) {
        const value = row[c] ?? (ours && r > 0 ? "" : null);
        if (value === null) continue;
        const cell = ws.getCell(r + 1, c + 1);
        cell.value = value instanceof Date || typeof value !== "object" ? value : String((value as { error?: string }).error ?? "");
        texts[c] = String(cell.value ?? "");
        if (!ours) continue;
        if (r === 0) {
          cell.font = { bold: true };
          cell.alignment = { vertical: "top" };
        } else {
          cell.numFmt = "@";
          cell.alignment = { wrapText: true, vertical: "top" };
        }
      }
      if (ours && r > 0) ws.getRow(r + 1).height = rowHeight(Array.from(texts, (text, i) => ({ text: text ?? "", width: ws.getColumn(i + 1).width ?? widths[i] ?? 10 })));
    });
  }
}

/** The Change log sheet appendChangeLog writes in (ours: so named, with our headers), after it has: its name, or null. */
export function changeLogSheet(wb: ExcelJS.Workbook): string | null {
  const ours = (w: ExcelJS.Worksheet) => isChangeLogName(w.name) && CHANGE_LOG_HEADERS.every((h, i) => String(w.getCell(1, i + 1).value ?? "").trim().toLowerCase() === h.toLowerCase());
  return wb.worksheets.find(ours)?.name ?? null;
}

/** What a copy made part by part leaves out: only the macros (every other part is kept as it is). */
export function partsLostInPartCopy(bytes: Buffer): string[] {
  return readDirectory(bytes, READ_LIMITS, nodeCodec).some((e) => e.name === "xl/vbaProject.bin") ? ["the macros (VBA project)"] : [];
}

/** The children of a styles.xml collection (<fonts>…</fonts>), each whole, and the collection's place. */
function collection(xml: string, name: string, item: string): { items: string[]; at: { start: number; end: number } | null } {
  const open = new RegExp(`<${name}\\b[^>]*?(/?)>`).exec(xml);
  if (!open) return { items: [], at: null };
  if (open[1] === "/") return { items: [], at: { start: open.index, end: open.index + open[0].length } };
  const close = xml.indexOf(`</${name}>`, open.index);
  const inner = xml.slice(open.index + open[0].length, close);
  const items = [...inner.matchAll(new RegExp(`<${item}\\b(?:[^>]*?/>|[^>]*>[\\s\\S]*?</${item}>)`, "g"))].map((m) => m[0]);
  return { items, at: { start: open.index, end: close + name.length + 3 } };
}

/** The elements of styles.xml in the schema's order: a collection that is missing goes before the first one after it that is there. */
const STYLE_ORDER = ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs", "tableStyles", "colors", "extLst"];

function putCollection(xml: string, name: string, items: string[], at: { start: number; end: number } | null): string {
  const element = `<${name} count="${items.length}">${items.join("")}</${name}>`;
  if (at) return xml.slice(0, at.start) + element + xml.slice(at.end);
  const after = STYLE_ORDER.slice(STYLE_ORDER.indexOf(name) + 1)
    .map((n) => xml.search(new RegExp(`<${n}\\b`)))
    .filter((i) => i >= 0);
  const insert = after.length ? Math.min(...after) : xml.lastIndexOf("</styleSheet>");
  return xml.slice(0, insert) + element + xml.slice(insert);
}

/** The original's styles with the donor's appended: the offsets the donor's indices move by. */
export function mergeStyles(original: string, donor: string): { xml: string; cellXfs: number; dxfs: number } {
  let xml = original;
  const offset: Record<string, number> = {};
  for (const [name, item] of [
    ["fonts", "font"],
    ["fills", "fill"],
    ["borders", "border"],
  ] as const) {
    const mine = collection(xml, name, item);
    offset[name] = mine.items.length;
    xml = putCollection(xml, name, [...mine.items, ...collection(donor, name, item).items], mine.at);
  }
  // Number formats: the donor's own ids (164 and up) are given ids after the original's.
  const formats = collection(xml, "numFmts", "numFmt");
  let nextId = Math.max(163, ...formats.items.map((f) => Number(attr(f, "numFmtId") ?? 0))) + 1;
  const formatIds = new Map<string, string>();
  const added = collection(donor, "numFmts", "numFmt").items.map((f) => {
    const id = attr(f, "numFmtId") ?? "0";
    formatIds.set(id, String(nextId));
    return setAttr(f, "numFmtId", String(nextId++));
  });
  if (added.length) xml = putCollection(xml, "numFmts", [...formats.items, ...added], formats.at);
  const moved = (xf: string) => {
    const out = xf.replace(/^<xf\b[^>]*>/, (tag) => {
      let t = tag;
      for (const [a, o] of [
        ["fontId", offset.fonts],
        ["fillId", offset.fills],
        ["borderId", offset.borders],
      ] as const) {
        const v = attr(t, a);
        if (v !== null) t = setAttr(t, a, String(Number(v) + o));
      }
      const f = attr(t, "numFmtId");
      if (f !== null && formatIds.has(f)) t = setAttr(t, "numFmtId", formatIds.get(f)!);
      // The donor's cell styles are on the original's first (Normal).
      if (attr(t, "xfId") !== null) t = setAttr(t, "xfId", "0");
      return t;
    });
    return out;
  };
  const cellXfs = collection(xml, "cellXfs", "xf");
  xml = putCollection(xml, "cellXfs", [...cellXfs.items, ...collection(donor, "cellXfs", "xf").items.map(moved)], cellXfs.at);
  // Differential styles (conditional formats): self-contained, appended as they are.
  const dxfs = collection(xml, "dxfs", "dxf");
  const donorDxfs = collection(donor, "dxfs", "dxf").items;
  if (donorDxfs.length) xml = putCollection(xml, "dxfs", [...dxfs.items, ...donorDxfs], dxfs.at);
  return { xml, cellXfs: cellXfs.items.length, dxfs: dxfs.items.length };
}

/** A sheet ExcelJS wrote, for the copy: its styles moved up by `cellXfs`, its shared strings written inline. */
export function movedSheet(xml: string, cellXfs: number, strings: readonly string[]): string {
  return xml
    .replace(/<(c|row)\b[^>]*>/g, (tag) => {
      const s = attr(tag, "s");
      return s === null ? tag : setAttr(tag, "s", String(Number(s) + cellXfs));
    })
    .replace(/<col\b[^>]*>/g, (tag) => {
      const s = attr(tag, "style");
      return s === null ? tag : setAttr(tag, "style", String(Number(s) + cellXfs));
    })
    .replace(/(<c\b[^>]*?)\st="s"([^>]*)>\s*<v>(\d+)<\/v>/g, (_, start: string, end: string, id: string) => `${start} t="inlineStr"${end}><is>${(strings[Number(id)] ?? "").replace(/<t\/>/g, "<t></t>")}</is>`);
}

/** The donor's shared strings, each the inside of its <si> (text or rich text), to be written inline. */
function sharedStrings(xml: string): string[] {
  return [...xml.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)].map((m) => m[1] ?? "");
}

/** The conditional formats of a sheet ExcelJS wrote, their differential styles moved up by `dxfs`. */
function conditionalFormats(xml: string, dxfs: number): string {
  return [...xml.matchAll(/<conditionalFormatting\b[\s\S]*?<\/conditionalFormatting>/g)].map((m) => m[0].replace(/\sdxfId="(\d+)"/g, (_, d: string) => ` dxfId="${Number(d) + dxfs}"`)).join("");
}

/** What follows <conditionalFormatting> in a sheet (the schema's order): the formats go before the first of these. */
const AFTER_FORMATS = [
  "dataValidations",
  "hyperlinks",
  "printOptions",
  "pageMargins",
  "pageSetup",
  "headerFooter",
  "rowBreaks",
  "colBreaks",
  "customProperties",
  "cellWatches",
  "ignoredErrors",
  "smartTags",
  "drawing",
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
];

/** The text after a sheet's cells with its conditional formats replaced by `formats`. */
export function withFormats(tail: string, formats: string): string {
  const without = tail.replace(/<conditionalFormatting\b[\s\S]*?<\/conditionalFormatting>/g, "");
  const at = [...AFTER_FORMATS.map((n) => without.search(new RegExp(`<${n}\\b`))), without.search(/<\/worksheet>/)].filter((i) => i >= 0);
  // A sheet written with a prefix on its elements (<x:worksheet>) is left as it was rather than given formats out of place.
  if (!at.length) return tail;
  const insert = Math.min(...at);
  return without.slice(0, insert) + formats + without.slice(insert);
}

/** The text before a sheet's cells with its tab not selected. */
function unselected(head: string): string {
  return head.replace(/(<sheetView\b[^>]*?)\stabSelected\s*=\s*"(?:1|true)"/g, "$1");
}

/** The text of a sheet up to its <sheetData (read a piece at a time; the cells are not inflated past it). */
async function headOf(bytes: Uint8Array, entry: ZipEntry): Promise<string> {
  let head = "";
  for await (const piece of textOf(partChunks(bytes, entry))) {
    head += piece;
    const at = head.search(/<sheetData(?=[\s/>])/);
    if (at >= 0) return head.slice(0, at);
  }
  return head;
}

/** A sheet inflated and deflated again a piece at a time: its cells as they are, the text before and after them rewritten. */
async function* rewrittenSheet(bytes: Uint8Array, entry: ZipEntry, head: (text: string) => string, tail: (text: string) => string): AsyncGenerator<Buffer> {
  let state: "head" | "cells" | "tail" = "head";
  let text = "";
  const CLOSE = "</sheetData>";
  for await (const piece of textOf(partChunks(bytes, entry))) {
    text += piece;
    if (state === "head") {
      const open = /<sheetData(?=[\s/>])/.exec(text);
      if (!open) continue;
      const tagEnd = text.indexOf(">", open.index);
      if (tagEnd < 0) continue;
      yield Buffer.from(head(text.slice(0, open.index)), "utf8");
      if (text[tagEnd - 1] === "/") {
        yield Buffer.from(text.slice(open.index, tagEnd + 1), "utf8");
        text = text.slice(tagEnd + 1);
        state = "tail";
        continue;
      }
      state = "cells";
      text = text.slice(open.index);
    }
    if (state === "cells") {
      const close = text.indexOf(CLOSE);
      if (close < 0) {
        // The last few characters are held back, in case the close is split between two pieces.
        const keep = Math.min(text.length, CLOSE.length - 1);
        if (text.length > keep) yield Buffer.from(text.slice(0, text.length - keep), "utf8");
        text = text.slice(text.length - keep);
        continue;
      }
      yield Buffer.from(text.slice(0, close + CLOSE.length), "utf8");
      text = text.slice(close + CLOSE.length);
      state = "tail";
    }
  }
  yield Buffer.from(state === "head" ? tail(head(text)) : tail(text), "utf8");
}

/** The parts a sheet's relationships point at (tables, drawings and the charts of its drawings), to go with it. */
function relatedParts(rels: string, from: string): { id: string; type: string; target: string; part: string | null }[] {
  return [...rels.matchAll(/<Relationship\b[^>]*>/g)].map((m) => {
    const target = unescapeXml(attr(m[0], "Target") ?? "");
    const external = attr(m[0], "TargetMode") === "External";
    return { id: attr(m[0], "Id") ?? "", type: attr(m[0], "Type") ?? "", target, part: external ? null : resolvePart(from, target) };
  });
}

/** A relationship's target as a part name: "../tables/table1.xml" from "xl/worksheets/sheet1.xml" is "xl/tables/table1.xml". */
function resolvePart(from: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = from.split("/").slice(0, -1);
  for (const piece of target.split("/")) {
    if (piece === "..") parts.pop();
    else if (piece !== ".") parts.push(piece);
  }
  return parts.join("/");
}

/** A part's relationships file: "xl/worksheets/_rels/sheet1.xml.rels". */
const relsOf = (part: string) => `${part.slice(0, part.lastIndexOf("/"))}/_rels/${part.slice(part.lastIndexOf("/") + 1)}.rels`;

/** The path from one part's folder to another part: "../tables/table3.xml". */
function relative(from: string, to: string): string {
  const a = from.split("/").slice(0, -1);
  const b = to.split("/");
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => ".."), ...b.slice(i)].join("/");
}

/**
 * Write the copy to `file` (a new file: the caller writes it atomically): the
 * original's parts, with the donor's new sheets, styles and the tracker's
 * conditional formats put in (see above).
 */
export async function writePartCopy(file: string, original: Buffer, donorBytes: Uint8Array, plan: PartCopyPlan): Promise<void> {
  const entries = new Map(readDirectory(original, READ_LIMITS, nodeCodec).map((e) => [e.name, e]));
  const oText = (name: string) => {
    const e = entries.get(name);
    return e ? nodeCodec.decode(inflateEntry(original, e, inflateRawNode)) : "";
  };
  const donor = await JSZip.loadAsync(donorBytes);
  const dText = async (name: string) => (await donor.file(name)?.async("string")) ?? "";
  const out = await JSZip.loadAsync(original);
  const names = new Set(Object.keys(out.files));

  let workbook = oText("xl/workbook.xml");
  let workbookRels = oText("xl/_rels/workbook.xml.rels");
  let types = oText("[Content_Types].xml");
  const oSheets = workbookSheets(workbook, workbookRels);
  const dWorkbook = await dText("xl/workbook.xml");
  const dSheets = workbookSheets(dWorkbook, await dText("xl/_rels/workbook.xml.rels"));
  const dTypes = await dText("[Content_Types].xml");
  const typeOf = (part: string) => {
    const m = [...dTypes.matchAll(/<Override\b[^>]*>/g)].find((o) => attr(o[0], "PartName") === `/${part}`);
    return m ? attr(m[0], "ContentType") : null;
  };
  const partOf = (sheets: typeof oSheets, name: string) => sheets.find((s) => s.readAs === name)?.part ?? null;

  // Styles: the donor's after the original's.
  const styles = entries.has("xl/styles.xml") ? mergeStyles(oText("xl/styles.xml"), await dText("xl/styles.xml")) : { xml: await dText("xl/styles.xml"), cellXfs: 0, dxfs: 0 };
  out.file("xl/styles.xml", styles.xml);
  if (!entries.has("xl/styles.xml")) types = types.replace("</Types>", `<Override PartName="/xl/styles.xml" ContentType="${typeOf("xl/styles.xml")}"/></Types>`);
  const strings = sharedStrings(await dText("xl/sharedStrings.xml"));

  let tableId = Math.max(0, ...[...entries.keys()].filter((n) => /^xl\/tables\/[^/]+\.xml$/.test(n)).map((n) => Number(attr(/<table\b[^>]*>/.exec(oText(n))?.[0] ?? "", "id") ?? 0)));
  const removeTypes: string[] = [];
  const remove = (part: string) => {
    if (!names.has(part)) return;
    out.remove(part);
    names.delete(part);
    removeTypes.push(part);
  };
  /** A part's own related parts (tables, drawings, charts…), removed with it; external targets and shared parts stay. */
  const removeRelated = (part: string, depth = 0) => {
    const rels = relsOf(part);
    if (!names.has(rels)) return;
    for (const r of relatedParts(oText(rels), part))
      if (r.part && /\/(table|drawing|chart|comments|vmlDrawing)[^/]*$/.test(r.part) && names.has(r.part) && depth < 2) {
        removeRelated(r.part, depth + 1);
        remove(r.part);
      }
    remove(rels);
  };
  const free = (prefix: string, suffix: string) => {
    let n = 1;
    while (names.has(`${prefix}${n}${suffix}`)) n++;
    const name = `${prefix}${n}${suffix}`;
    names.add(name);
    return name;
  };
  const addType = (part: string, type: string | null) => {
    if (type) types = types.replace(new RegExp(`<Override\\b[^>]*PartName="/${part.replace(/[.[\]]/g, "\\$&")}"[^>]*/>`, "g"), "").replace("</Types>", `<Override PartName="/${part}" ContentType="${type}"/></Types>`);
  };

  /** A donor sheet put in at `part`, with the parts its relationships need, each under a free name. */
  const putSheet = async (donorPart: string, part: string, body: SummaryBody | null = null) => {
    const xml = movedSheet(await dText(donorPart), styles.cellXfs, strings);
    if (body) out.file(part, Readable.from(summarySheet(xml, body)), { binary: true });
    else out.file(part, xml);
    addType(part, typeOf(donorPart));
    const dRels = await dText(relsOf(donorPart));
    if (!dRels) return;
    let rels = dRels;
    for (const r of relatedParts(dRels, donorPart)) {
      if (!r.part || !donor.file(r.part)) continue;
      const folder = r.part.slice(0, r.part.lastIndexOf("/") + 1);
      const base = r.part.slice(r.part.lastIndexOf("/") + 1).replace(/\d+(_summary)?\.xml$/, "");
      const put = free(`${folder}${base}`, r.part.endsWith("_summary.xml") ? "_summary.xml" : ".xml");
      let xml = await dText(r.part);
      // A drawing's charts go with it.
      const innerRels = await dText(relsOf(r.part));
      if (innerRels) {
        let moved = innerRels;
        for (const c of relatedParts(innerRels, r.part)) {
          if (!c.part || !donor.file(c.part)) continue;
          const chart = free(c.part.replace(/\d+(_summary)?\.xml$/, ""), c.part.endsWith("_summary.xml") ? "_summary.xml" : ".xml");
          out.file(chart, await dText(c.part));
          addType(chart, typeOf(c.part));
          moved = moved.replace(`Target="${escapeXml(c.target)}"`, `Target="${relative(put, chart)}"`);
        }
        out.file(relsOf(put), moved);
      }
      if (body && /\/table[^/]*$/.test(put)) xml = wholeTable(xml, body);
      // A table's id is unique in the workbook.
      if (/\/table[^/]*$/.test(put)) xml = xml.replace(/(<table\b[^>]*\sid=")\d+"/, `$1${++tableId}"`);
      out.file(put, xml);
      addType(put, typeOf(r.part));
      rels = rels.replace(`Target="${escapeXml(r.target)}"`, `Target="${relative(part, put)}"`);
    }
    out.file(relsOf(part), rels);
  };

  // The sheets in order, and the new ones added at the end.
  let sheetId = Math.max(0, ...[...workbook.matchAll(/<sheet\b[^>]*>/g)].map((m) => Number(attr(m[0], "sheetId") ?? 0)));
  let relId = 1;
  const addSheetEntry = (name: string, part: string) => {
    while (workbookRels.includes(`Id="rId${relId}"`)) relId++;
    workbookRels = workbookRels.replace("</Relationships>", `<Relationship Id="rId${relId}" Type="${WORKSHEET_REL}" Target="${relative("xl/workbook.xml", part)}"/></Relationships>`);
    workbook = workbook.replace(/<\/sheets>/, `<sheet name="${escapeXml(name)}" sheetId="${++sheetId}" r:id="rId${relId}"/></sheets>`);
  };
  const renameSheetEntry = (index: number, name: string) => {
    let i = 0;
    workbook = workbook.replace(/<sheet\b[^>]*>/g, (tag) => (i++ === index ? setAttr(tag, "name", escapeXml(name)) : tag));
  };
  // The donor's defined names that belong to a new sheet (the log's print titles), moved to its place in the copy.
  const dNames = [...dWorkbook.matchAll(/<definedName\b([^>]*)>([\s\S]*?)<\/definedName>/g)];
  const dIndex = (name: string) => dSheets.findIndex((s) => s.readAs === name);
  const sheetNames: { donor: string; index: number }[] = [];

  for (const [name, oldName] of [
    [plan.summary, plan.replaced],
    [plan.log, plan.log],
  ] as const) {
    if (!name) continue;
    const donorPart = partOf(dSheets, name);
    if (!donorPart) throw new Error(`the copy's sheet "${name}" was not written`);
    const index = oldName ? oSheets.findIndex((s) => s.readAs === oldName) : -1;
    if (index >= 0 && oSheets[index].part) {
      const part = oSheets[index].part!;
      removeRelated(part);
      await putSheet(donorPart, part, name === plan.summary ? (plan.body ?? null) : null);
      renameSheetEntry(index, name);
      sheetNames.push({ donor: name, index });
    } else {
      const part = free("xl/worksheets/sheet", ".xml");
      await putSheet(donorPart, part, name === plan.summary ? (plan.body ?? null) : null);
      addSheetEntry(name, part);
      sheetNames.push({ donor: name, index: oSheets.length + sheetNames.filter((s) => s.index >= oSheets.length).length });
    }
  }

  // Defined names: the summary's mark and the new sheets' own names come from the donor; the old ones of those go.
  const mark = dNames.filter((m) => attr(m[0], "name") === plan.mark && attr(m[0], "localSheetId") === null);
  const markNames = new Set(mark.map((m) => attr(m[0], "name")));
  const replacedIndexes = new Set(sheetNames.filter((s) => s.index < oSheets.length).map((s) => String(s.index)));
  const kept = [...workbook.matchAll(/<definedName\b([^>]*)>([\s\S]*?)<\/definedName>|<definedName\b[^>]*\/>/g)]
    .map((m) => m[0])
    .filter((d) => !markNames.has(attr(d, "name")) && !replacedIndexes.has(attr(d, "localSheetId") ?? ""));
  const added = [
    ...mark.map((m) => m[0]),
    ...sheetNames.flatMap((s) =>
      dNames.filter((m) => attr(m[0], "localSheetId") === String(dIndex(s.donor))).map((m) => m[0].replace(/\slocalSheetId="\d+"/, ` localSheetId="${s.index}"`)),
    ),
  ];
  const definedNames = kept.length + added.length ? `<definedNames>${[...kept, ...added].join("")}</definedNames>` : "";
  if (/<definedNames\b/.test(workbook)) workbook = workbook.replace(/<definedNames\b[^>]*\/>|<definedNames\b[\s\S]*?<\/definedNames>/, definedNames);
  else {
    const at = ["<calcPr", "<oleSize", "<customWorkbookViews", "<pivotCaches", "<smartTagPr", "<smartTagTypes", "<webPublishing", "<fileRecoveryPr", "<webPublishObjects", "<extLst", "</workbook>"]
      .map((t) => workbook.indexOf(t))
      .filter((i) => i >= 0);
    const insert = Math.min(...at);
    workbook = workbook.slice(0, insert) + definedNames + workbook.slice(insert);
  }

  // The workbook opens on the summary, the only tab selected.
  const summaryIndex = sheetNames.find((s) => s.donor === plan.summary)!.index;
  if (/<workbookView\b/.test(workbook))
    workbook = workbook.replace(/<workbookView\b[^>]*?\/?>/, (tag) => {
      let t = setAttr(tag, "activeTab", String(summaryIndex));
      if (Number(attr(t, "firstSheet") ?? 0) > summaryIndex) t = setAttr(t, "firstSheet", String(summaryIndex));
      return t;
    });
  else workbook = workbook.replace(/<sheets\b/, `<bookViews><workbookView activeTab="${summaryIndex}"/></bookViews><sheets`);

  // The user's sheets: the tracker's conditional formats are the donor's; a tab selected is selected no more.
  const trackerPart = partOf(oSheets, plan.tracker);
  const donorTracker = partOf(dSheets, plan.tracker);
  const formats = donorTracker ? conditionalFormats(await dText(donorTracker), styles.dxfs) : "";
  for (const s of oSheets) {
    if (!s.part || !entries.has(s.part) || sheetNames.some((n) => n.index === oSheets.indexOf(s))) continue;
    const entry = entries.get(s.part)!;
    const isTracker = s.part === trackerPart;
    if (!isTracker && !/\stabSelected\s*=\s*"(?:1|true)"/.test(await headOf(original, entry))) continue;
    out.file(s.part, Readable.from(rewrittenSheet(original, entry, unselected, isTracker ? (tail) => withFormats(tail, formats) : (tail) => tail)), { binary: true });
  }

  // A copy is an .xlsx: a macro-enabled workbook or a template is written as a plain workbook, its macros left out (the note says so).
  types = types.replace(/application\/vnd\.(?:ms-excel\.sheet\.macroEnabled|ms-excel\.template\.macroEnabled|openxmlformats-officedocument\.spreadsheetml\.template)\.main\+xml/g, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml");
  for (const r of relatedParts(workbookRels, "xl/workbook.xml"))
    if (r.part && /\/vbaProject$/.test(r.type)) {
      workbookRels = workbookRels.replace(new RegExp(`<Relationship\\b[^>]*\\sId="${r.id}"[^>]*/>`), "");
      removeRelated(r.part);
      remove(r.part);
    }
  for (const part of removeTypes) if (!names.has(part)) types = types.replace(new RegExp(`<Override\\b[^>]*PartName="/${part.replace(/[.[\]]/g, "\\$&")}"[^>]*/>`, "g"), "");
  out.file("xl/workbook.xml", workbook);
  out.file("xl/_rels/workbook.xml.rels", workbookRels);
  out.file("[Content_Types].xml", types);
  await pipeline(out.generateNodeStream({ type: "nodebuffer", streamFiles: true, compression: "DEFLATE", compressionOptions: { level: 6 } }), createWriteStream(file, { flags: "wx" }));
}

// ---------------------------------------------------------------------------
// The Panel Summary's exceptions, written row by row

/**
 * The exceptions table of a big tracker's summary has a row per exception
 * (a third of a million for a million actions), too many for ExcelJS to hold
 * as cells beside the tracker's actions. The donor is then given only one row
 * of each look the exceptions have (their "samples"), which teach the styles
 * ExcelJS gives each look; the copy's rows are written from the whole plan, a
 * thousand at a time, with those styles (writePartCopy).
 */
export interface SummaryBody {
  /** The whole plan. */
  plan: SummaryPlan;
  /** The exceptions table's header row and last row (1-based). */
  top: number;
  bottom: number;
  /** The rows of the whole plan that the donor's sample rows top+1, top+2, … are. */
  samples: number[];
}

/** The key of a cell's look, as writePanelSummary shares one style object per look. */
function lookKey(value: SummaryValue, style: SummaryStyle | undefined): string | null {
  if (value === null && !style) return null;
  const numFmt = value === null ? undefined : typeof value === "string" ? "@" : "0";
  return `${numFmt ?? ""}|${style?.bold ? 1 : 0}|${style?.font ?? ""}|${style?.fill ?? ""}|${style?.wrap ? 1 : 0}|${style?.align ?? ""}`;
}

/** Each row's merged cell styles (as summaryCellStyles merges them), one row at a time. */
function rowStyles(plan: SummaryPlan): (row: number) => Map<number, SummaryStyle> {
  const single = new Map<number, { at: number; area: { left: number; right: number }; style: SummaryStyle }[]>();
  const multi: { at: number; area: { top: number; bottom: number; left: number; right: number }; style: SummaryStyle }[] = [];
  plan.formats.forEach((f, at) => {
    const area = parseA1Range(f.range)!;
    const { range: _range, ...style } = f;
    if (area.top === area.bottom) {
      const list = single.get(area.top) ?? [];
      list.push({ at, area, style });
      single.set(area.top, list);
    } else multi.push({ at, area, style });
  });
  return (row) => {
    const out = new Map<number, SummaryStyle>();
    const applying = [...multi.filter((m) => m.area.top <= row && row <= m.area.bottom), ...(single.get(row) ?? [])].sort((a, b) => a.at - b.at);
    for (const f of applying) for (let c = f.area.left; c <= f.area.right; c++) out.set(c, { ...out.get(c), ...f.style });
    return out;
  };
}

/**
 * The plan the donor is written from: the whole plan, but with one sample row of each look in the
 * exceptions table; and what the copy then writes row by row. The whole plan when the table is not
 * the last thing on the sheet.
 */
export function donorPlan(plan: SummaryPlan): { donor: SummaryPlan; body: SummaryBody | null } {
  const table = plan.tables.find((t) => t.id === "exceptions");
  const area = table ? parseA1Range(table.range) : null;
  if (!table || !area || table.bodyRows === 0 || plan.rows.length > area.bottom) return { donor: plan, body: null };
  const styleOf = rowStyles(plan);
  const samples: number[] = [];
  const seen = new Set<string>();
  for (let r = area.top + 1; r <= area.bottom; r++) {
    const styles = styleOf(r);
    const width = Math.max(plan.rows[r - 1].length, ...styles.keys());
    const looks = Array.from({ length: width }, (_, c) => lookKey(plan.rows[r - 1][c] ?? null, styles.get(c + 1)) ?? "-").join("/");
    if (seen.has(looks)) continue;
    seen.add(looks);
    samples.push(r);
  }
  const last = area.top + samples.length;
  // The formats above the body as they are (cut at the header), and each sample's cells' merged styles.
  const formats: SummaryFormat[] = [];
  for (const f of plan.formats) {
    const a = parseA1Range(f.range)!;
    if (a.top > area.top) continue;
    formats.push({ ...f, range: `${columnLetter(a.left)}${a.top}:${columnLetter(a.right)}${Math.min(a.bottom, area.top)}` });
  }
  samples.forEach((r, i) => {
    for (const [c, style] of styleOf(r)) formats.push({ ...style, range: `${columnLetter(c)}${area.top + 1 + i}` });
  });
  const rows = [...plan.rows.slice(0, area.top), ...samples.map((r) => plan.rows[r - 1])];
  const tables = plan.tables.map((t) => (t === table ? { ...t, range: `${columnLetter(area.left)}${area.top}:${columnLetter(area.right)}${last}`, bodyRows: samples.length } : t));
  return { donor: { ...plan, rows, formats, tables }, body: { plan, top: area.top, bottom: area.bottom, samples } };
}

const escapeText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The summary sheet with its exceptions' rows written from the whole plan, in the looks the donor's samples have. */
async function* summarySheet(xml: string, body: SummaryBody): AsyncGenerator<Buffer> {
  const { plan, top, bottom, samples } = body;
  // The style each look was given, learnt from the samples.
  const styleOf = rowStyles(plan);
  const looks = new Map<string, string>();
  for (const m of xml.matchAll(/<c\b[^>]*>/g)) {
    const ref = /^([A-Z]+)(\d+)$/.exec(attr(m[0], "r") ?? "");
    const s = attr(m[0], "s");
    if (!ref || s === null) continue;
    const sample = samples[Number(ref[2]) - top - 1];
    if (sample === undefined) continue;
    const c = columnOf(ref[1]);
    const key = lookKey(plan.rows[sample - 1][c - 1] ?? null, styleOf(sample).get(c));
    if (key) looks.set(key, s);
  }
  const first = xml.search(new RegExp(`<row\\b[^>]*\\sr="${top + 1}"`));
  const end = xml.indexOf("</sheetData>");
  const head = (first >= 0 ? xml.slice(0, first) : xml.slice(0, end)).replace(/(<dimension\b[^>]*\sref="[A-Z]+\d+:[A-Z]+)\d+"/, `$1${bottom}"`);
  yield Buffer.from(head, "utf8");
  const heights = summaryRowHeights(plan);
  let chunk = "";
  for (let r = top + 1; r <= bottom; r++) {
    const styles = styleOf(r);
    const row = plan.rows[r - 1];
    const width = Math.max(row.length, ...styles.keys());
    const h = heights[r - 1];
    chunk += `<row r="${r}"${h !== null ? ` ht="${h}" customHeight="1"` : ""}>`;
    for (let c = 1; c <= width; c++) {
      const value = row[c - 1] ?? null;
      const key = lookKey(value, styles.get(c));
      if (!key) continue;
      const s = looks.get(key);
      const at = `${columnLetter(c)}${r}`;
      const sAttr = s === undefined ? "" : ` s="${s}"`;
      if (value === null) chunk += `<c r="${at}"${sAttr}/>`;
      else if (typeof value === "number") chunk += `<c r="${at}"${sAttr}><v>${value}</v></c>`;
      else chunk += `<c r="${at}"${sAttr} t="inlineStr"><is><t xml:space="preserve">${escapeText(fitCellText(value))}</t></is></c>`;
    }
    chunk += "</row>";
    if ((r - top) % 1000 === 0) {
      yield Buffer.from(chunk, "utf8");
      chunk = "";
    }
  }
  yield Buffer.from(chunk + xml.slice(end), "utf8");
}

/** A table part of the donor's summary: the exceptions table's ranges run to its last row. */
function wholeTable(xml: string, body: SummaryBody): string {
  return xml.replace(/(\sref="[A-Z]+)(\d+)(:[A-Z]+)(\d+)"/g, (m, a: string, from: string, b: string) => (Number(from) === body.top ? `${a}${from}${b}${body.bottom}"` : m));
}
