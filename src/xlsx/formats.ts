/**
 * Files we cannot read say what they are: an .ods, an old .xls, a .csv, a
 * workbook encrypted with a password, each with its own one-line message,
 * instead of ExcelJS's "no sheets" or a zip error. Told from the bytes, not
 * the file's name (an .xlsx renamed from .xls is still an .xls).
 */
import { readDirectory } from "./container";
import { inflateRawNode, nodeCodec } from "./inflate-node";
import { READ_LIMITS, ReadLimitError, inflateEntry, quote } from "./limits";

const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/**
 * The names in a Compound File Binary (OLE2) container's directory: "Workbook"
 * for an .xls, "EncryptionInfo" and "EncryptedPackage" for an encrypted .xlsx.
 * Null when the directory cannot be followed.
 */
export function compoundFileNames(bytes: Buffer): string[] | null {
  if (bytes.length < 512 || !bytes.subarray(0, 8).equals(CFB_MAGIC)) return null;
  const shift = bytes.readUInt16LE(30);
  if (shift !== 9 && shift !== 12) return null;
  const size = 1 << shift;
  const sector = (n: number) => (n + 1) * size;
  // The FAT: the first 109 of its sectors are listed in the header (enough for files up to ~7 MB at 512-byte sectors).
  const fatSectors: number[] = [];
  for (let i = 0; i < Math.min(bytes.readUInt32LE(44), 109); i++) fatSectors.push(bytes.readUInt32LE(76 + i * 4));
  const fat = (n: number): number => {
    const perSector = size / 4;
    const at = fatSectors[Math.floor(n / perSector)];
    if (at === undefined || sector(at) + size > bytes.length) return 0xfffffffe;
    return bytes.readUInt32LE(sector(at) + (n % perSector) * 4);
  };
  const names: string[] = [];
  const seen = new Set<number>();
  for (let s = bytes.readUInt32LE(48); s < 0xfffffffa && !seen.has(s) && seen.size < 10_000; s = fat(s)) {
    seen.add(s);
    if (sector(s) + size > bytes.length) break;
    for (let at = sector(s); at < sector(s) + size; at += 128) {
      const length = bytes.readUInt16LE(at + 64);
      if (length < 2 || length > 64) continue;
      names.push(bytes.toString("utf16le", at, at + length - 2));
    }
  }
  return names;
}

function looksLikeText(bytes: Buffer, label: string): boolean {
  const head = bytes.subarray(0, 4096);
  if (head.length === 0 || head.includes(0)) return false;
  if (/\.(csv|tsv|txt)$/i.test(label)) return true;
  // Mostly printable characters, with the separators of a CSV.
  let printable = 0;
  for (const b of head) if (b === 9 || b === 10 || b === 13 || b >= 32) printable++;
  return printable / head.length > 0.95 && /[,;\t]/.test(head.toString("utf8"));
}

/** One line for a file that is not an .xlsx we can read, or null when it looks like one. */
export async function unreadableFormat(bytes: Buffer, label: string): Promise<string | null> {
  return (await inspectFormat(bytes, label)).unreadable;
}

/**
 * unreadableFormat's answer, with the names of the zip's parts when the bytes are
 * a zip (so that the caller need not open the zip again to list them).
 */
export async function inspectFormat(bytes: Buffer, label: string): Promise<{ unreadable: string | null; names: string[] | null }> {
  let names: string[] | null = null;
  const unreadable = await whyUnreadable(bytes, label, (n) => (names = n));
  return { unreadable, names };
}

/** Advice for a zip that cannot be followed, or a part that is broken. */
export const DAMAGED_ADVICE = "Get a fresh copy, or open it in Excel (which may repair it) and save it again as .xlsx";
/** Advice for a file over a limit. */
export const LIMIT_ADVICE = "Save a copy from Excel that holds only the tracker, and give that";

async function whyUnreadable(bytes: Buffer, label: string, zipNames: (names: string[]) => void): Promise<string | null> {
  const save = "then try again";
  if (bytes.subarray(0, 8).equals(CFB_MAGIC)) {
    const names = (compoundFileNames(bytes) ?? []).map((n) => n.toLowerCase());
    if (names.includes("encryptioninfo") || names.includes("encryptedpackage"))
      return `${label} is protected with a password (the workbook is encrypted), so it cannot be read. Open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password, clear it) and save a copy as .xlsx, ${save}.`;
    if (names.includes("workbook") || names.includes("book"))
      return `${label} is an Excel 97–2003 workbook (.xls), which this tool cannot read. Open it in Excel and save it as an Excel Workbook (.xlsx) with File > Save As, ${save}.`;
    return `${label} is an older Office file (not an .xlsx workbook), which this tool cannot read. Open it in Excel and save it as an Excel Workbook (.xlsx), ${save}.`;
  }
  if (bytes.subarray(0, 4).equals(Buffer.from("PK\x03\x04", "latin1"))) {
    // The zip's directory only: nothing is inflated here but a mimetype part of a few bytes.
    let entries;
    try {
      entries = readDirectory(bytes, READ_LIMITS, nodeCodec);
    } catch (err) {
      if (err instanceof ReadLimitError) return `${label} ${err.message}. ${err.kind === "damaged" ? DAMAGED_ADVICE : LIMIT_ADVICE}.`;
      throw err;
    }
    const names = entries.map((e) => e.name);
    zipNames(names);
    const mimetypeEntry = entries.find((e) => e.name === "mimetype");
    let mimetype: string | undefined;
    if (mimetypeEntry && mimetypeEntry.size <= 200) {
      try {
        mimetype = nodeCodec.decode(inflateEntry(bytes, mimetypeEntry, inflateRawNode));
      } catch {
        mimetype = undefined;
      }
    }
    if (mimetype?.trim() === "application/vnd.oasis.opendocument.spreadsheet")
      return `${label} is an OpenDocument spreadsheet (.ods), which this tool cannot read. Open it in LibreOffice Calc or Excel and save it as an Excel Workbook (.xlsx), ${save}.`;
    if (mimetype?.startsWith("application/vnd.oasis.opendocument"))
      return `${label} is an OpenDocument file (${quote(mimetype.trim(), 80)}), not a spreadsheet this tool can read. Save the tracker as an Excel Workbook (.xlsx), ${save}.`;
    if (names.includes("word/document.xml"))
      return `${label} is a Word document (.docx), not a workbook. Give the tracker's Excel file (.xlsx), ${save}.`;
    if (!names.includes("xl/workbook.xml") && !names.some((n) => /^xl\/workbook\d*\.xml$/i.test(n)))
      return `${label} is a zip file but not an Excel workbook (it has no xl/workbook.xml). Give the tracker as an .xlsx file saved by Excel, LibreOffice or Google Sheets.`;
    return null;
  }
  if (bytes.length === 0) return `${label} is empty (0 bytes): it was not saved whole. Save the tracker again from Excel as an Excel Workbook (.xlsx), ${save}.`;
  const head = bytes.subarray(0, 4096).toString("utf8").replace(/^\uFEFF/, "").trimStart().toLowerCase();
  if (head.startsWith("%pdf-")) return `${label} is a PDF, not a workbook: a PDF has no cells to read. Give the tracker's Excel file (.xlsx), ${save}.`;
  if (head.startsWith("<?xml") && head.includes("urn:schemas-microsoft-com:office:spreadsheet"))
    return `${label} is an XML Spreadsheet 2003 file, which this tool cannot read. Open it in Excel and save it as an Excel Workbook (.xlsx), ${save}.`;
  if (/^(<!doctype html|<html|<head|<body|<table|<meta)/.test(head) || /<html[\s>]/.test(head))
    return `${label} is a web page (HTML), not a workbook, though some systems export their "Excel" downloads this way. Open it in Excel and save it as an Excel Workbook (.xlsx), ${save}.`;
  if (looksLikeText(bytes, label))
    return `${label} is a text file (CSV), not a workbook: it has no sheets, merged cells or fill colours to read. Open it in Excel and save it as an Excel Workbook (.xlsx), ${save}.`;
  return `${label} could not be read as an Excel workbook (.xlsx): it is not a zip file, as every .xlsx is. If it is an old .xls, a .csv or another kind of file, open it in Excel and save it as an Excel Workbook (.xlsx), ${save}.`;
}
