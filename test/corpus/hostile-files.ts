/**
 * A corpus of small hostile workbooks, built byte by byte (not through ExcelJS,
 * which would refuse to write most of them): files that declare huge things
 * (whole-column drop-down lists, a column span of two billion, a row numbered
 * 100,000,000, merges to XFD1048576, defined names over the whole sheet), zip
 * bombs (a part that inflates far past its size, a directory that lies), bad
 * date cells, long and duplicate sheet names, thousands of sheets, and files
 * that are not workbooks at all (HTML, a truncated zip). Each is a few KB.
 *
 * Used by test/corpus/corpus.test.ts (each run of the CLI on them under a
 * memory and time cap), by the property tests' generators (test/fuzz), and by
 * `npx tsx test/corpus/generate.ts <folder>` to write them out for a look.
 */
import { deflateRawSync } from "node:zlib";
import JSZip from "jszip";

/** The tracker's header and rows, in every generated file unless a case says otherwise. */
export const HEADER = ["Ref", "Theme", "Action", "Lead", "Status", "RAG", "Update", "Timeframe"];
export const ROWS: string[][] = [
  ["A1", "Safer streets", "Fund street lighting", "PCC", "In progress", "Amber", "Bids in", "March 2027"],
  ["A2", "Safer streets", "Neighbourhood watch", "CC", "Completed", "Green", "Done", "2026"],
  ["A3", "Victims", "Victim hub", "PCC", "On hold", "Red", "Funding paused", "2027"],
  ["A4", "Victims", "Restorative justice", "CC", "Not yet started", "Amber", "Planned", "2028"],
];

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function letters(column: number): string {
  let s = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A row of inline-string cells (and numbers as numbers), `r` given. */
export function rowXml(r: number, values: (string | number | null)[], extra = ""): string {
  const cells = values
    .map((v, i) => {
      if (v === null) return "";
      const ref = `${letters(i + 1)}${r}`;
      return typeof v === "number" ? `<c r="${ref}"${extra}><v>${v}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`;
    })
    .join("");
  return `<row r="${r}">${cells}</row>`;
}

export interface SheetParts {
  name: string;
  /** Before <sheetData>: <cols>…; after it: mergeCells, conditionalFormatting, dataValidations… */
  head?: string;
  rows?: string;
  tail?: string;
}

/** The usual tracker rows, from row 1. */
export function trackerRows(rows: string[][] = ROWS): string {
  return [HEADER, ...rows].map((r, i) => rowXml(i + 1, r)).join("");
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

export function worksheetXml(s: SheetParts): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${NS}>${s.head ?? ""}<sheetData>${s.rows ?? trackerRows()}</sheetData>${s.tail ?? ""}</worksheet>`;
}

/** A style sheet with one date format (s="1"). */
const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>`;

/** The parts of a workbook of these sheets, as [name, text] pairs (the caller may change any). */
export function workbookParts(sheets: SheetParts[], definedNames = ""): [string, string][] {
  const types = sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join("");
  return [
    [
      "[Content_Types].xml",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${types}</Types>`,
    ],
    [
      "_rels/.rels",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ],
    [
      "xl/workbook.xml",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook ${NS}><sheets>${sheets.map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("")}</sheets>${definedNames ? `<definedNames>${definedNames}</definedNames>` : ""}</workbook>`,
    ],
    [
      "xl/_rels/workbook.xml.rels",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
        .map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
        .join("")}<Relationship Id="rId${sheets.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    ],
    ["xl/styles.xml", STYLES],
    ...sheets.map((s, i): [string, string] => [`xl/worksheets/sheet${i + 1}.xml`, worksheetXml(s)]),
  ];
}

export async function zipOf(parts: [string, string | Uint8Array][]): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, data] of parts) zip.file(name, data);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 9 } });
}

export async function workbookFile(sheets: SheetParts[], definedNames = ""): Promise<Buffer> {
  return zipOf(workbookParts(sheets, definedNames));
}

/** A data validation list over these ranges. */
export function listRule(sqref: string, words = "Red,Amber,Green"): string {
  return `<dataValidation type="list" allowBlank="1" showErrorMessage="1" sqref="${sqref}"><formula1>"${words}"</formula1></dataValidation>`;
}

/** Nine whole-column drop-down lists, as Excel saves a list applied to a whole column (E1:E1048576 …). */
export function nineWholeColumnLists(): string {
  const rules = ["A", "B", "C", "D", "E", "F", "G", "H", "I"].map((c) => listRule(`${c}1:${c}1048576`));
  return `<dataValidations count="9">${rules.join("")}</dataValidations>`;
}

// ---------------------------------------------------------------------------
// Zip files written by hand: a directory that says what we choose.

function crc32(data: Uint8Array): number {
  let crc = ~0;
  for (const b of data) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

export interface RawEntry {
  name: string;
  /** The bytes as stored (deflated when method is 8). */
  stored: Uint8Array;
  method: 0 | 8;
  /** The inflated size the directory declares. */
  size: number;
  crc: number;
}

export function deflatedEntry(name: string, text: string | Uint8Array, declaredSize?: number): RawEntry {
  const data = typeof text === "string" ? Buffer.from(text, "utf8") : text;
  return { name, stored: deflateRawSync(data, { level: 9 }), method: 8, size: declaredSize ?? data.length, crc: crc32(data) };
}

/** A zip from raw entries: each entry's local header and the central directory say `size`, true or not. */
export function rawZip(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.crc, 14);
    local.writeUInt32LE(e.stored.length, 18);
    local.writeUInt32LE(e.size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(e.method, 10);
    dir.writeUInt32LE(e.crc, 16);
    dir.writeUInt32LE(e.stored.length, 20);
    dir.writeUInt32LE(e.size >>> 0, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    locals.push(local, name, Buffer.from(e.stored));
    central.push(dir, name);
    offset += 30 + name.length + e.stored.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dirBytes, end]);
}

/** A workbook whose parts are raw entries, with `replace` standing in for some of them. */
function rawWorkbook(sheets: SheetParts[], replace: Record<string, RawEntry> = {}, extra: RawEntry[] = []): Buffer {
  return rawZip([...workbookParts(sheets).map(([name, text]) => replace[name] ?? deflatedEntry(name, text)), ...extra]);
}

/** `mb` MB of zeros deflated: about a thousandth of that on disk. */
function zeros(mb: number): Uint8Array {
  return deflateRawSync(Buffer.alloc(mb * 1024 * 1024), { level: 9 });
}

// ---------------------------------------------------------------------------
// The corpus

export interface HostileCase {
  name: string;
  /** What it tries. */
  about: string;
  bytes: () => Promise<Buffer>;
  /** The exit codes the CLI may give (validate): 0/1 read, 2 refused. */
  exits: number[];
  /** The file name it is given as (the extension matters to some checks). */
  file?: string;
}

const tracker = (extra: Partial<SheetParts> = {}): SheetParts => ({ name: "Tracker", ...extra });

/** A date cell in the Timeframe column (H) of the second action, with this serial. */
function badDate(serial: string): SheetParts {
  const rows = [HEADER, ...ROWS].map((r, i) => (i === 2 ? rowXml(3, r.slice(0, 7)).replace("</row>", `<c r="H3" s="1"><v>${serial}</v></c></row>`) : rowXml(i + 1, r)));
  return tracker({ rows: rows.join("") });
}

export const HOSTILE_CASES: HostileCase[] = [
  { name: "nine-whole-column-lists", about: "nine drop-down lists on whole columns (E1:E1048576)", bytes: () => workbookFile([tracker({ tail: nineWholeColumnLists() })]), exits: [0, 1] },
  { name: "ten-columns-from-row-2", about: "one list over A2:J1048576", bytes: () => workbookFile([tracker({ tail: `<dataValidations count="1">${listRule("A2:J1048576")}</dataValidations>` })]), exits: [0, 1] },
  { name: "list-whole-sheet", about: "one list over A1:XFD1048576 (ExcelJS issue 1842)", bytes: () => workbookFile([tracker({ tail: `<dataValidations count="1">${listRule("A1:XFD1048576")}</dataValidations>` })]), exits: [0, 1] },
  {
    name: "list-past-the-sheet",
    about: "a list over A1:ZZZZ99999999, past Excel's last cell",
    bytes: () => workbookFile([tracker({ tail: `<dataValidations count="1">${listRule("A1:ZZZZ99999999 B2 C3:C4")}</dataValidations>` })]),
    exits: [0, 1],
  },
  { name: "col-two-billion", about: '<col max="2000000000">', bytes: () => workbookFile([tracker({ head: '<cols><col min="1" max="2000000000" width="12" customWidth="1"/></cols>' })]), exits: [0, 1] },
  { name: "col-past-xfd", about: '<col min="20000" max="30000">', bytes: () => workbookFile([tracker({ head: '<cols><col min="20000" max="30000" width="12" hidden="1"/></cols>' })]), exits: [0, 1] },
  { name: "row-100-million", about: "one row numbered 100,000,000", bytes: () => workbookFile([tracker({ rows: trackerRows() + rowXml(100_000_000, ["stray"]) })]), exits: [2] },
  { name: "cell-past-xfd", about: "a cell in column XFE", bytes: () => workbookFile([tracker({ rows: trackerRows().replace("</row>", '<c r="XFE1" t="inlineStr"><is><t>far</t></is></c></row>') })]), exits: [2] },
  { name: "last-row", about: "one cell on row 1,048,576, the last", bytes: () => workbookFile([tracker({ rows: trackerRows() + rowXml(1_048_576, ["the end"]) })]), exits: [0, 1] },
  { name: "merge-whole-sheet", about: "a merge J1:XFD1048576", bytes: () => workbookFile([tracker({ tail: '<mergeCells count="1"><mergeCell ref="J1:XFD1048576"/></mergeCells>' })]), exits: [0, 1] },
  { name: "merge-j1-xfd1000", about: "a merge J1:XFD1000", bytes: () => workbookFile([tracker({ tail: '<mergeCells count="1"><mergeCell ref="J1:XFD1000"/></mergeCells>' })]), exits: [0, 1] },
  {
    name: "merges-overlap",
    about: "two merges over the same cells",
    bytes: () => workbookFile([tracker({ tail: '<mergeCells count="2"><mergeCell ref="B2:B3"/><mergeCell ref="B3:C4"/></mergeCells>' })]),
    exits: [0, 1],
  },
  {
    name: "conditional-format-whole-sheet",
    about: "a conditional format over A1:XFD1048576",
    bytes: () =>
      workbookFile([
        tracker({ tail: '<conditionalFormatting sqref="A1:XFD1048576"><cfRule type="expression" priority="1"><formula>TRUE</formula></cfRule></conditionalFormatting>' }),
      ]),
    exits: [0, 1],
  },
  { name: "hyperlink-range", about: "a hyperlink over A1:XFD1048576", bytes: () => workbookFile([tracker({ tail: '<hyperlinks><hyperlink ref="A1:XFD1048576" location="Tracker!A1"/></hyperlinks>' })]), exits: [0, 1] },
  { name: "defined-name-whole-sheet", about: "a defined name over the whole sheet", bytes: () => workbookFile([tracker()], '<definedName name="Everything">Tracker!$A$1:$XFD$1048576</definedName>'), exits: [0, 1] },
  { name: "print-titles", about: "whole-row and whole-column names (print titles, print area)", bytes: () => workbookFile([tracker()], '<definedName name="_xlnm.Print_Titles" localSheetId="0">Tracker!$1:$1,Tracker!$A:$B</definedName>'), exits: [0, 1] },
  { name: "date-nan", about: "a date cell holding NaN", bytes: () => workbookFile([badDate("NaN")]), exits: [1] },
  { name: "date-1e10", about: "a date cell holding 1e10", bytes: () => workbookFile([badDate("1e10")]), exits: [1] },
  { name: "date-7700900123", about: "a date cell holding 7,700,900,123", bytes: () => workbookFile([badDate("7700900123")]), exits: [1] },
  { name: "date-negative", about: "a date cell holding -5", bytes: () => workbookFile([badDate("-5")]), exits: [1] },
  { name: "sheet-name-40-chars", about: "a sheet name of 40 characters", bytes: () => workbookFile([tracker({ name: "Police and Crime Plan delivery tracker 26" })]), exits: [0, 1] },
  {
    name: "sheet-names-same-31",
    about: "two long sheet names alike in their first 31 characters",
    bytes: () => workbookFile([{ name: "Police and Crime Plan delivery - old" }, tracker({ name: "Police and Crime Plan delivery - new" })]),
    exits: [0, 1],
  },
  { name: "sheet-names-duplicate", about: "two sheets with the same name", bytes: () => workbookFile([tracker(), tracker({ name: "tracker" })]), exits: [0, 1] },
  { name: "sheet-name-bad-characters", about: "a sheet name with [ ] : * ? / \\", bytes: () => workbookFile([tracker({ name: "Tracker [2026]: a/b?*\\" })]), exits: [0, 1] },
  {
    name: "ten-thousand-sheets",
    about: "10,000 sheets, none a tracker",
    bytes: () => workbookFile(Array.from({ length: 10_000 }, (_, i) => ({ name: `Sheet number ${i + 1}`, rows: rowXml(1, ["nothing"]) }))),
    exits: [2],
  },
  {
    name: "bomb-sheet",
    about: "a sheet that inflates to 1 GB (declared)",
    bytes: async () => rawWorkbook([tracker()], { "xl/worksheets/sheet1.xml": { name: "xl/worksheets/sheet1.xml", stored: zeros(1024), method: 8, size: 1024 * 1024 * 1024, crc: 0 } }),
    exits: [2],
  },
  {
    name: "bomb-lying-size",
    about: "a sheet that declares 4 KB and inflates to 256 MB",
    bytes: async () => rawWorkbook([tracker()], { "xl/worksheets/sheet1.xml": { name: "xl/worksheets/sheet1.xml", stored: zeros(256), method: 8, size: 4096, crc: 0 } }),
    exits: [2],
  },
  {
    name: "bomb-unused-part",
    about: "a part the workbook does not use that inflates to 256 MB",
    bytes: async () => rawWorkbook([tracker()], {}, [{ name: "customXml/junk.bin", stored: zeros(256), method: 8, size: 256 * 1024 * 1024, crc: 0 }]),
    exits: [0, 1],
  },
  {
    name: "bomb-mimetype",
    about: "a mimetype part of 256 MB (the OpenDocument check)",
    bytes: async () => rawZip([{ name: "mimetype", stored: zeros(256), method: 8, size: 256 * 1024 * 1024, crc: 0 }, deflatedEntry("content.xml", "<x/>")]),
    exits: [2],
  },
  { name: "truncated-zip", about: "a workbook cut in half", bytes: async () => (await workbookFile([tracker()])).subarray(0, 700), exits: [2] },
  {
    name: "broken-xml",
    about: "a sheet that is not well-formed XML",
    bytes: () => zipOf(workbookParts([tracker()]).map(([n, t]): [string, string] => [n, n.includes("sheet1") ? t.replace("</sheetData>", "<row") : t])),
    exits: [2],
  },
  { name: "html-as-xlsx", about: "a web page saved as .xlsx", bytes: async () => Buffer.from("<!DOCTYPE html><html><body><table><tr><td>Ref</td><td>Action</td></tr></table></body></html>"), exits: [2] },
  {
    name: "macros",
    about: "an .xlsm with a macro project",
    file: "macros.xlsm",
    bytes: () => zipOf([...workbookParts([tracker()]), ["xl/vbaProject.bin", new Uint8Array(64)]]),
    exits: [0, 1],
  },
];

/** The corpus written to a folder: one file per case. Returns the paths. */
export async function writeCorpus(folder: string): Promise<{ case: HostileCase; file: string }[]> {
  const { promises: fs } = await import("node:fs");
  const path = await import("node:path");
  await fs.mkdir(folder, { recursive: true });
  const out: { case: HostileCase; file: string }[] = [];
  for (const c of HOSTILE_CASES) {
    const file = path.join(folder, c.file ?? `${c.name}.xlsx`);
    await fs.writeFile(file, await c.bytes());
    out.push({ case: c, file });
  }
  return out;
}
