/**
 * Reading an .xlsx within limits, before any reader expands it: bytes in,
 * bytes out, and one plain line when a limit is passed. Pure (no file system,
 * no Node modules): the command line and the pane's worker both use it, each
 * giving its own inflater.
 *
 * - The zip's central directory is read first, and nothing is inflated until
 *   the parts the workbook uses have been checked: each one's declared size,
 *   its ratio to the compressed size (over 100× is refused, as Apache POI's
 *   ZipSecureFile does), and their total. Parts the reader does not use (macros,
 *   charts, anything else) are never inflated. The inflater is told each part's
 *   declared size and must stop there, so a directory that lies gains nothing.
 * - Every range a sheet declares is clamped to Excel's limits and to the
 *   sheet's used area (its rows and the cells they hold) before a reader sees
 *   it: column spans (<col max="2000000000">), merges (J1:XFD1048576), data
 *   validations (a list over E1:E1048576, as Excel saves a list on a whole
 *   column) and defined names over the whole sheet. ExcelJS expands each of
 *   these into one object per cell; after this, time and memory follow the
 *   cells the file really holds. A cell or row past Excel's last one is refused.
 * - Sheet names a reader would refuse (over 31 characters, [ ] : * ? / \,
 *   the same name twice) are given names it takes, and the file's own name is kept.
 */

/** Excel's own limits. */
export const EXCEL_LIMITS = {
  rows: 1_048_576,
  columns: 16_384,
  /** Characters a cell holds. */
  cellText: 32_767,
  /** Characters in a sheet name. */
  sheetName: 31,
} as const;

export interface ReadLimits {
  /** A part that inflates to more than this many times its compressed size is refused… */
  maxRatio: number;
  /** …once it is bigger than this (small parts compress as they like). */
  ratioGrace: number;
  /** The largest part inflated (bytes). */
  maxPart: number;
  /** The most inflated, all used parts together (bytes). */
  maxTotal: number;
  /** The most parts a zip may list. */
  maxEntries: number;
  /** The most cells merged areas may cover, after clamping (each is a cell object to a reader). */
  maxMergedCells: number;
}

export const READ_LIMITS: ReadLimits = {
  maxRatio: 100,
  ratioGrace: 100 * 1024,
  maxPart: 500 * 1024 * 1024,
  maxTotal: 1024 * 1024 * 1024,
  maxEntries: 100_000,
  maxMergedCells: 500_000,
};

/** A file we will not read, and why, in one line (the file's label comes first). */
export class ReadLimitError extends Error {
  constructor(
    message: string,
    /** "limit": over a limit; "damaged": the zip or a part is broken. */
    readonly kind: "limit" | "damaged",
  ) {
    super(message);
    this.name = "ReadLimitError";
  }
}

const MB = 1024 * 1024;
const size = (n: number) => (n >= 10 * MB ? `${Math.round(n / MB).toLocaleString("en-GB")} MB` : n >= MB ? `${(n / MB).toFixed(1)} MB` : `${Math.ceil(n / 1024).toLocaleString("en-GB")} KB`);
const count = (n: number) => n.toLocaleString("en-GB");

/** The mark put at the end of a text cut to fit a cell. */
export const cutMark = (more: number) => ` … [cut: ${more.toLocaleString("en-GB")} more characters]`;

/**
 * A text as a cell can hold it: at most 32,767 characters, cut with a visible
 * mark that says how much is left out (never in the middle of a surrogate pair).
 */
export function fitCellText(text: string, max: number = EXCEL_LIMITS.cellText): string {
  if (text.length <= max) return text;
  let keep = max - cutMark(text.length).length;
  keep = max - cutMark(text.length - keep).length;
  if (keep > 0 && text.charCodeAt(keep - 1) >= 0xd800 && text.charCodeAt(keep - 1) <= 0xdbff) keep--;
  return text.slice(0, Math.max(keep, 0)) + cutMark(text.length - Math.max(keep, 0));
}

// ---------------------------------------------------------------------------
// The zip's directory

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  /** The inflated size the directory declares. */
  size: number;
  /** Where the entry's local header starts. */
  localOffset: number;
}

const u16 = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8);
const u32 = (b: Uint8Array, at: number) => (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16)) + b[at + 3] * 0x1000000;
const u64 = (b: Uint8Array, at: number) => u32(b, at) + u32(b, at + 4) * 0x100000000;

/** Text in and out of bytes (UTF-8). The host may give its own (Jest's jsdom has no TextDecoder). */
export interface TextCodec {
  decode(bytes: Uint8Array): string;
  encode(text: string): Uint8Array;
}

/** The platform's TextDecoder and TextEncoder, made when first needed. */
export function platformCodec(): TextCodec {
  const decoder = new TextDecoder("utf-8");
  const encoder = new TextEncoder();
  return { decode: (b) => decoder.decode(b), encode: (t) => encoder.encode(t) };
}

/**
 * The entries of a zip's central directory, without inflating anything. Null
 * when the bytes are not a zip whose directory can be followed (cut short, or
 * not a zip at all).
 */
export function zipEntries(bytes: Uint8Array, maxEntries = READ_LIMITS.maxEntries, codec: TextCodec = platformCodec()): ZipEntry[] | null {
  // The end-of-directory record: in the last 22 bytes, or before a comment of up to 65,535.
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 65_535); at--) {
    if (bytes[at] === 0x50 && bytes[at + 1] === 0x4b && bytes[at + 2] === 0x05 && bytes[at + 3] === 0x06) {
      end = at;
      break;
    }
  }
  if (end < 0) return null;
  let total = u16(bytes, end + 10);
  let dirOffset = u32(bytes, end + 16);
  // Zip64: the real counts are in the zip64 end record, which a locator just before points to.
  if ((total === 0xffff || dirOffset === 0xffffffff) && end >= 20 && u32(bytes, end - 20) === 0x07064b50) {
    const at = u64(bytes, end - 12);
    if (at + 56 > bytes.length || u32(bytes, at) !== 0x06064b50) return null;
    total = u64(bytes, at + 32);
    dirOffset = u64(bytes, at + 48);
  }
  if (total > maxEntries) throw new ReadLimitError(`lists ${count(total)} parts in its zip, more than the ${count(maxEntries)} a workbook may have`, "limit");
  const entries: ZipEntry[] = [];
  let at = dirOffset;
  for (let i = 0; i < total; i++) {
    if (at + 46 > bytes.length || u32(bytes, at) !== 0x02014b50) return null;
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLength = u16(bytes, at + 32);
    if (at + 46 + nameLength + extraLength > bytes.length) return null;
    let compressedSize = u32(bytes, at + 20);
    let inflated = u32(bytes, at + 24);
    let localOffset = u32(bytes, at + 42);
    // Zip64 sizes: in the extra field 0x0001, each only when the directory's own says 0xFFFFFFFF.
    if (compressedSize === 0xffffffff || inflated === 0xffffffff || localOffset === 0xffffffff) {
      for (let x = at + 46 + nameLength; x + 4 <= at + 46 + nameLength + extraLength; ) {
        const id = u16(bytes, x);
        const length = u16(bytes, x + 2);
        if (id === 0x0001) {
          let f = x + 4;
          if (inflated === 0xffffffff) {
            inflated = u64(bytes, f);
            f += 8;
          }
          if (compressedSize === 0xffffffff) {
            compressedSize = u64(bytes, f);
            f += 8;
          }
          if (localOffset === 0xffffffff) localOffset = u64(bytes, f);
        }
        x += 4 + length;
      }
    }
    let name = codec.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    if (name.startsWith("/")) name = name.slice(1);
    entries.push({ name, method: u16(bytes, at + 10), compressedSize, size: inflated, localOffset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** An entry's bytes as stored (deflated or not); null when the local header is not where the directory says. */
export function storedBytes(bytes: Uint8Array, entry: ZipEntry): Uint8Array | null {
  const at = entry.localOffset;
  if (at + 30 > bytes.length || u32(bytes, at) !== 0x04034b50) return null;
  const start = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
  if (start + entry.compressedSize > bytes.length) return null;
  return bytes.subarray(start, start + entry.compressedSize);
}

/**
 * Inflate raw deflate data that must come to exactly `size` bytes, stopping
 * as soon as it would be more: throws when it is more or less.
 */
export type InflateRaw = (data: Uint8Array, size: number) => Uint8Array;

/** One entry inflated, never past its declared size (a directory that lies is "damaged"). */
export function inflateEntry(bytes: Uint8Array, entry: ZipEntry, inflateRaw: InflateRaw): Uint8Array {
  const stored = storedBytes(bytes, entry);
  const damaged = (why: string) => new ReadLimitError(`is damaged: its part ${quote(entry.name)} ${why}`, "damaged");
  if (!stored) throw damaged("is not where the zip's directory says");
  if (entry.method === 0) {
    if (stored.length !== entry.size) throw damaged(`holds ${count(stored.length)} bytes where its zip says ${count(entry.size)}`);
    return stored;
  }
  if (entry.method !== 8) throw damaged(`is compressed in a way Excel does not use (method ${entry.method})`);
  let out: Uint8Array;
  try {
    out = inflateRaw(stored, entry.size);
  } catch (err) {
    const tooBig = /larger than|too large|maxOutputLength|buffer/i.test(String((err as Error)?.message)) || (err as { code?: string })?.code === "ERR_BUFFER_TOO_LARGE";
    throw damaged(tooBig ? `inflates to more than the ${size(entry.size)} its zip declares` : "cannot be inflated (its data is broken)");
  }
  if (out.length !== entry.size) throw damaged(`inflates to ${size(out.length)} where its zip declares ${size(entry.size)}`);
  return out;
}

/**
 * The parts ExcelJS reads (xl/xlsx.js, XLSX.load): anything else in the zip —
 * macros, charts, pivot tables, printer settings, custom XML — is never inflated.
 */
const USED_PART = [
  /^\[Content_Types\]\.xml$/,
  /^_rels\/\.rels$/,
  /^docProps\/(app|core)\.xml$/,
  /^xl\/workbook\.xml$/,
  /^xl\/_rels\/workbook\.xml\.rels$/,
  /^xl\/sharedStrings\.xml$/,
  /^xl\/styles\.xml$/,
  /^xl\/worksheets\/sheet\d+\.xml$/,
  /^xl\/worksheets\/_rels\/sheet\d+\.xml\.rels$/,
  /^xl\/theme\/[a-zA-Z0-9]+\.xml$/,
  /^xl\/media\/[a-zA-Z0-9]+\.[a-zA-Z0-9]{3,4}$/,
  /^xl\/drawings\/[a-zA-Z0-9]+\.xml$/,
  /^xl\/drawings\/_rels\/[a-zA-Z0-9]+\.xml\.rels$/,
  /^xl\/drawings\/vmlDrawing\d+\.vml$/,
  /^xl\/comments\d+\.xml$/,
  /^xl\/tables\/table\d+\.xml$/,
];

export function isUsedPart(name: string): boolean {
  return USED_PART.some((re) => re.test(name));
}

/** The first limit the used parts pass, as the rest of a line after the file's name; null when none. */
export function zipLimitPassed(entries: readonly ZipEntry[], limits: ReadLimits = READ_LIMITS): string | null {
  let total = 0;
  for (const e of entries) {
    if (!isUsedPart(e.name)) continue;
    if (e.size > limits.ratioGrace && e.size > limits.maxRatio * Math.max(e.compressedSize, 1))
      return `has a part (${quote(e.name)}) that inflates ${count(Math.round(e.size / Math.max(e.compressedSize, 1)))} times, to ${size(e.size)}: over the limit of ${limits.maxRatio} times, it looks like a zip bomb`;
    if (e.size > limits.maxPart) return `has a part (${quote(e.name)}) of ${size(e.size)} inflated, over the limit of ${size(limits.maxPart)} a part`;
    total += e.size;
    if (total > limits.maxTotal) return `inflates to more than ${size(limits.maxTotal)} in all, over the limit`;
  }
  return null;
}

// ---------------------------------------------------------------------------
// Ranges

/** 1-based column of "A" … "XFD" (and past it); Infinity for more than 7 letters. */
export function columnOf(letters: string): number {
  if (letters.length > 7) return Number.POSITIVE_INFINITY;
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + ((letters.charCodeAt(i) & ~32) - 64);
  return n;
}

export function lettersOf(column: number): string {
  let s = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The area a sheet uses: its last row with a row element, its last column with a cell. */
export interface UsedArea {
  rows: number;
  columns: number;
  /**
   * The runs of rows that hold cells ([first, last], in order), when there are at most MAX_RUNS:
   * a list over a whole column is read only on these (one stray cell on the last row does not
   * make a million rows of rules). Absent when the rows are too scattered to list.
   */
  runs?: [number, number][];
}

/** The most runs of rows kept in a UsedArea. */
const MAX_RUNS = 1000;
/** The most cells a defined name is read over (ExcelJS keeps one entry per cell); a bigger one keeps its first cell. */
const MAX_NAME_CELLS = 1_000_000;

interface Area {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const RANGE = /^\$?([A-Za-z]{1,10})\$?(\d{1,15})(?::\$?([A-Za-z]{1,10})\$?(\d{1,15}))?$/;

function parseRange(text: string): Area | null {
  const m = RANGE.exec(text);
  if (!m) return null;
  const top = Number(m[2]);
  const left = columnOf(m[1]);
  const bottom = m[4] ? Number(m[4]) : top;
  const right = m[3] ? columnOf(m[3]) : left;
  return { top: Math.min(top, bottom), left: Math.min(left, right), bottom: Math.max(top, bottom), right: Math.max(left, right) };
}

const rangeText = (a: Area) => (a.top === a.bottom && a.left === a.right ? `${lettersOf(a.left)}${a.top}` : `${lettersOf(a.left)}${a.top}:${lettersOf(a.right)}${a.bottom}`);

/** An area cut to the used area (and so to Excel's limits); null when nothing of it is used. */
function clampArea(a: Area, used: UsedArea): Area | null {
  const bottom = Math.min(a.bottom, used.rows, EXCEL_LIMITS.rows);
  const right = Math.min(a.right, used.columns, EXCEL_LIMITS.columns);
  if (a.top < 1 || a.left < 1 || a.top > bottom || a.left > right) return null;
  return { top: a.top, left: a.left, bottom, right };
}

/** A name or text of the file, quoted for a one-line message: control characters escaped, cut at 60. */
export function quote(text: string, max = 60): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  // eslint-disable-next-line no-control-regex
  return `"${cut.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029"\\]/g, (ch) => (ch === '"' || ch === "\\" ? `\\${ch}` : `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`))}"`;
}

// ---------------------------------------------------------------------------
// A worksheet's XML

/** A data validation range that was cut to be read ("E1:E5", or "E1:E5 E9:E12" for runs of rows), to be written back whole ("E1:E1048576") in a copy. */
export interface ClampedValidation {
  clamped: string;
  original: string;
}

export interface ClampedSheet {
  xml: string;
  used: UsedArea;
  /** What was cut or left out, for the note a copy gives ("the merge J1:XFD1048576 cut to J1:J5"). */
  notes: string[];
  validations: ClampedValidation[];
}

const ATTRIBUTE = (name: string) => new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
const R_ATTRIBUTE = ATTRIBUTE("r");
const REF_ATTRIBUTE = ATTRIBUTE("ref");
const SQREF_ATTRIBUTE = ATTRIBUTE("sqref");
const attribute = (re: RegExp, tag: string) => {
  const m = re.exec(tag);
  return m ? (m[1] ?? m[2]) : undefined;
};

/**
 * The rows and cells of <sheetData>, scanned for the used area; a row or cell
 * past Excel's last is a limit passed (returned as the rest of a line).
 */
function usedArea(sheetData: string, at: string): UsedArea | string {
  const tag = /<(row|c)(?=[\s/>])([^>]*)>/g;
  let rows = 0;
  let columns = 0;
  let row = 0;
  let column = 0;
  let runs: [number, number][] | undefined = [];
  let sorted = true;
  for (let m = tag.exec(sheetData); m; m = tag.exec(sheetData)) {
    const r = attribute(R_ATTRIBUTE, m[2]);
    if (m[1] === "row") {
      const n = r !== undefined && /^\d+$/.test(r) ? Number(r) : row + 1;
      if (n > EXCEL_LIMITS.rows) return `has a row numbered ${count(n)}${at}, past Excel's last row (${count(EXCEL_LIMITS.rows)})`;
      row = n;
      column = 0;
      if (row > rows) rows = row;
    } else {
      const ref = r !== undefined ? /^([A-Za-z]{1,10})(\d{1,15})$/.exec(r) : null;
      const c = ref ? columnOf(ref[1]) : column + 1;
      if (ref && Number(ref[2]) > EXCEL_LIMITS.rows) return `has a cell ${quote(r!)}${at}, past Excel's last row (${count(EXCEL_LIMITS.rows)})`;
      if (c > EXCEL_LIMITS.columns) return `has a cell ${quote(r ?? lettersOf(c))}${at}, past Excel's last column (XFD, column ${count(EXCEL_LIMITS.columns)})`;
      column = c;
      if (c > columns) columns = c;
      const cellRow = ref ? Number(ref[2]) : row;
      if (cellRow > rows) rows = cellRow;
      if (runs) {
        const last = runs[runs.length - 1];
        if (last && cellRow >= last[0] && cellRow <= last[1] + 1) last[1] = Math.max(last[1], cellRow);
        else {
          if (last && cellRow < last[0]) sorted = false;
          runs.push([cellRow, cellRow]);
          if (runs.length > MAX_RUNS) runs = undefined;
        }
      }
    }
  }
  return { rows, columns, ...(runs && sorted ? { runs } : {}) };
}

/** Merges cut to the used area; those that then overlap an earlier one are left out, as Excel's repair does. */
function clampMerges(tail: string, used: UsedArea, notes: string[], limits: ReadLimits, at: string): string | { limit: string } {
  const block = /<mergeCells\b[^>]*?(?:\/>|>([\s\S]*?)<\/mergeCells>)/;
  const found = block.exec(tail);
  if (!found) return tail;
  const kept: Area[] = [];
  const byRow = new Map<number, Area[]>();
  let cells = 0;
  const cut: string[] = [];
  const unused: string[] = [];
  const overlapping: string[] = [];
  const mergeTag = /<mergeCell\b([^>]*)>/g;
  for (let m = mergeTag.exec(found[1] ?? ""); m; m = mergeTag.exec(found[1] ?? "")) {
    const ref = attribute(REF_ATTRIBUTE, m[1]);
    const area = ref ? parseRange(ref) : null;
    if (!area) continue;
    const clamped = clampArea(area, used);
    if (!clamped || (clamped.top === clamped.bottom && clamped.left === clamped.right)) {
      unused.push(ref!);
      continue;
    }
    if (clamped.bottom !== area.bottom || clamped.right !== area.right) cut.push(`${ref} to ${rangeText(clamped)}`);
    let overlaps = false;
    for (let r = clamped.top; r <= clamped.bottom && !overlaps; r++)
      overlaps = (byRow.get(r) ?? []).some((o) => o.left <= clamped.right && clamped.left <= o.right);
    if (overlaps) {
      overlapping.push(rangeText(clamped));
      continue;
    }
    cells += (clamped.bottom - clamped.top + 1) * (clamped.right - clamped.left + 1);
    if (cells > limits.maxMergedCells) return { limit: `has merged cells${at} covering more than ${count(limits.maxMergedCells)} cells, over the limit` };
    for (let r = clamped.top; r <= clamped.bottom; r++) {
      const list = byRow.get(r) ?? [];
      list.push(clamped);
      byRow.set(r, list);
    }
    kept.push(clamped);
  }
  if (cut.length) notes.push(`merged cells past the used cells cut (${list(cut)})`);
  if (unused.length) notes.push(`merged cells over no used cell left out (${list(unused)})`);
  if (overlapping.length) notes.push(`merged cells that overlap others left out (${list(overlapping)})`);
  const rebuilt = kept.length ? `<mergeCells count="${kept.length}">${kept.map((a) => `<mergeCell ref="${rangeText(a)}"/>`).join("")}</mergeCells>` : "";
  return tail.slice(0, found.index) + rebuilt + tail.slice(found.index + found[0].length);
}

/** Data validation ranges cut to the used area (ExcelJS makes one rule object per cell of each). */
function clampValidations(tail: string, used: UsedArea, validations: ClampedValidation[], notes: string[]): string {
  return tail.replace(/<dataValidation\b([^>]*?)(\/>|>[\s\S]*?<\/dataValidation>)/g, (whole, attrs: string, rest: string) => {
    const sqref = attribute(SQREF_ATTRIBUTE, attrs);
    if (sqref === undefined) return whole;
    const kept: string[] = [];
    for (const token of sqref.trim().split(/\s+/)) {
      const area = parseRange(token);
      if (!area) continue;
      // Read only where there are rows of cells; a range with no used cell keeps its first cell (one rule
      // object), so that a copy can write it back whole.
      const box = clampArea(area, used);
      const pieces = box && used.runs ? used.runs.filter(([a, b]) => a <= box.bottom && b >= box.top).map(([a, b]) => ({ ...box, top: Math.max(a, box.top), bottom: Math.min(b, box.bottom) })) : box ? [box] : [];
      const first = area.top <= EXCEL_LIMITS.rows && area.left <= EXCEL_LIMITS.columns ? { ...area, bottom: area.top, right: area.left } : null;
      const read = pieces.length ? pieces : first ? [first] : [];
      if (read.length === 0) {
        notes.push(`a drop-down list's range past Excel's last cell left out (${quote(token, 40)})`);
        continue;
      }
      const text = read.map(rangeText).join(" ");
      // Written back whole, but never past Excel's last cell.
      const whole = clampArea(area, { rows: EXCEL_LIMITS.rows, columns: EXCEL_LIMITS.columns })!;
      if (whole.bottom !== area.bottom || whole.right !== area.right) notes.push(`a drop-down list's range past Excel's last cell cut (${quote(token, 40)} to ${rangeText(whole)})`);
      if (text !== rangeText(whole)) validations.push({ clamped: text, original: rangeText(whole) });
      kept.push(text);
    }
    if (kept.length === 0) return "";
    return `<dataValidation${attrs.replace(SQREF_ATTRIBUTE, ` sqref="${kept.join(" ")}"`)}${rest}`;
  });
}

/** Column spans (<col min max>) cut to Excel's 16,384 columns. */
function clampColumns(head: string, notes: string[]): string {
  let cut = 0;
  const out = head.replace(/<col\b([^>]*?)(\/?)>/g, (whole, attrs: string, close: string) => {
    const min = Number(attribute(ATTRIBUTE("min"), attrs));
    const max = Number(attribute(ATTRIBUTE("max"), attrs));
    if (!Number.isFinite(min) || !Number.isFinite(max)) return whole;
    if (min > EXCEL_LIMITS.columns || min < 1) {
      cut++;
      return close ? "" : "<col>";
    }
    if (max <= EXCEL_LIMITS.columns) return whole;
    cut++;
    return `<col${attrs.replace(ATTRIBUTE("max"), ` max="${EXCEL_LIMITS.columns}"`)}${close}>`;
  });
  if (cut) notes.push(`${cut} column span${cut === 1 ? "" : "s"} past column XFD cut`);
  // An opening <col> left by a dropped span with content cannot be: drop such empty pairs.
  return out.replace(/<col><\/col>/g, "");
}

/** A list for a note: the first few, and how many more. */
export function list(items: readonly string[], max = 3): string {
  return items.length <= max ? items.join(", ") : `${items.slice(0, max).join(", ")} and ${count(items.length - max)} more`;
}

/**
 * One worksheet's XML with every declared range clamped. Throws ReadLimitError
 * when a row or cell lies past Excel's last, or merges cover too much. `known`:
 * the used area when the cells were read apart (the XML then has none).
 */
export function clampWorksheet(xml: string, limits: ReadLimits = READ_LIMITS, where = "", known?: UsedArea): ClampedSheet {
  const at = where ? ` ${where}` : "";
  const open = xml.search(/<sheetData(?=[\s/>])/);
  const notes: string[] = [];
  const validations: ClampedValidation[] = [];
  if (open < 0) return { xml, used: { rows: 0, columns: 0 }, notes, validations };
  const selfClosing = /^<sheetData[^>]*\/>/.exec(xml.slice(open, open + 200));
  const close = selfClosing ? open + selfClosing[0].length : xml.indexOf("</sheetData>", open);
  if (close < 0) throw new ReadLimitError(`is damaged: the cells${at || " of a sheet"} are cut short (no </sheetData>)`, "damaged");
  const end = selfClosing ? close : close + "</sheetData>".length;
  // A reader that streams the cells (stream-read.ts) gives the sheet without them, and the used area it found.
  const used = known ?? usedArea(selfClosing ? "" : xml.slice(open, close), at);
  if (typeof used === "string") throw new ReadLimitError(used, "limit");
  const head = clampColumns(xml.slice(0, open), notes);
  const merged = clampMerges(xml.slice(end), used, notes, limits, at);
  if (typeof merged !== "string") throw new ReadLimitError(merged.limit, "limit");
  const tail = clampValidations(merged, used, validations, notes);
  const changed = head.length !== open || tail.length !== xml.length - end || tail !== xml.slice(end);
  return { xml: changed ? head + xml.slice(open, end) + tail : xml, used, notes, validations };
}

// ---------------------------------------------------------------------------
// The workbook part: sheet names and defined names

export interface WorkbookSheet {
  /** The name in the file. */
  name: string;
  /** The name a reader is given (the same unless the file's cannot be a sheet's name in Excel). */
  readAs: string;
  /** The sheet's part, from the relationships ("xl/worksheets/sheet1.xml"). */
  part: string | null;
}

const unescapeXml = (s: string) =>
  s.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-fA-F]+|#\d+);/g, (_, e: string) =>
    e === "lt" ? "<" : e === "gt" ? ">" : e === "amp" ? "&" : e === "quot" ? '"' : e === "apos" ? "'" : String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : Number(e.slice(1))),
  );
const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The sheets of workbook.xml, in order, with the parts their relationships name. */
export function workbookSheets(workbookXml: string, relsXml: string): WorkbookSheet[] {
  const targets = new Map<string, string>();
  for (const m of relsXml.matchAll(/<Relationship\b([^>]*)>/g)) {
    const id = attribute(ATTRIBUTE("Id"), m[1]);
    const target = attribute(ATTRIBUTE("Target"), m[1]);
    if (id && target) targets.set(id, target.startsWith("/") ? target.slice(1) : `xl/${target}`);
  }
  const taken = new Set<string>();
  const out: WorkbookSheet[] = [];
  for (const m of workbookXml.matchAll(/<sheet\b([^>]*)>/g)) {
    const name = unescapeXml(attribute(ATTRIBUTE("name"), m[1]) ?? "");
    const id = attribute(ATTRIBUTE("r:id"), m[1]);
    let readAs = name.replace(/[*?:/\\[\]]/g, "_").replace(/^'|'$/g, "_");
    if (readAs.length > EXCEL_LIMITS.sheetName) readAs = readAs.slice(0, EXCEL_LIMITS.sheetName).trimEnd();
    if (readAs === "") readAs = "Sheet";
    if (readAs === "History") readAs = "History_";
    for (let n = 2; taken.has(readAs.toLowerCase()); n++) readAs = `${readAs.slice(0, EXCEL_LIMITS.sheetName - 3 - String(n).length)} (${n})`;
    taken.add(readAs.toLowerCase());
    out.push({ name, readAs, part: id ? (targets.get(id) ?? null) : null });
  }
  return out;
}

/**
 * workbook.xml with each sheet given the name it is read as, and each range of
 * a defined name cut to its sheet's used area (ExcelJS keeps a name as one
 * entry per cell it covers).
 */
export function clampWorkbook(workbookXml: string, sheets: readonly WorkbookSheet[], used: ReadonlyMap<string, UsedArea>, notes: string[]): string {
  let i = 0;
  let xml = workbookXml.replace(/<sheet\b([^>]*)>/g, (whole, attrs: string) => {
    const sheet = sheets[i++];
    if (!sheet || sheet.readAs === sheet.name) return whole;
    return `<sheet${attrs.replace(ATTRIBUTE("name"), ` name="${escapeXml(sheet.readAs)}"`)}>`;
  });
  const renamed = sheets.filter((s) => s.readAs !== s.name);
  if (renamed.length) notes.push(`sheet names Excel would not take renamed (${list(renamed.map((s) => `${quote(s.name)} as ${quote(s.readAs)}`))})`);
  const largest: UsedArea = { rows: 1, columns: 1 };
  for (const u of used.values()) {
    largest.rows = Math.max(largest.rows, u.rows);
    largest.columns = Math.max(largest.columns, u.columns);
  }
  const cutNames: string[] = [];
  xml = xml.replace(/(<definedName\b([^>]*)>)([^<]*)(<\/definedName>)/g, (whole, open: string, attrs: string, text: string, close: string) => {
    const ranges = /((?:'(?:[^']|'')+'|[^\s'!,()=+\-*/&^<>;"]+)!)?(\$?[A-Za-z]{1,10}\$?\d{1,15}):(\$?[A-Za-z]{1,10}\$?\d{1,15})/g;
    const out = text.replace(ranges, (ref, sheetPart: string | undefined, from: string, to: string) => {
      const area = parseRange(`${from.replace(/\$/g, "")}:${to.replace(/\$/g, "")}`);
      if (!area) return ref;
      const sheetName = sheetPart ? unescapeXml(sheetPart.slice(0, -1)).replace(/^'|'$/g, "").replace(/''/g, "'") : null;
      const sheet = sheetName === null ? null : sheets.find((s) => s.name.toLowerCase() === sheetName.toLowerCase() || s.readAs.toLowerCase() === sheetName.toLowerCase());
      const u = (sheet?.part && used.get(sheet.part)) || largest;
      let bottom = Math.max(area.top, Math.min(area.bottom, Math.max(u.rows, 1), EXCEL_LIMITS.rows));
      let right = Math.max(area.left, Math.min(area.right, Math.max(u.columns, 1), EXCEL_LIMITS.columns));
      if ((bottom - area.top + 1) * (right - area.left + 1) > MAX_NAME_CELLS) [bottom, right] = [area.top, area.left];
      if (bottom === area.bottom && right === area.right) return ref;
      const cut = `${sheetPart ?? ""}$${lettersOf(area.left)}$${area.top}:$${lettersOf(right)}$${bottom}`;
      cutNames.push(`${attribute(ATTRIBUTE("name"), attrs) ?? "a name"} ${from}:${to}`);
      return cut;
    });
    return out === text ? whole : `${open}${out}${close}`;
  });
  if (cutNames.length) notes.push(`defined names past the used cells cut (${list(cutNames)})`);
  return xml;
}
