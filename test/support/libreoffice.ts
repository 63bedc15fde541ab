/**
 * LibreOffice Calc as a real spreadsheet application for tests: it opens what
 * we write, evaluates the conditional formats, and paints each cell's result as
 * bgcolor in its HTML export.
 */
import { execFile } from "node:child_process";
import { existsSync, promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

export const SOFFICE = ["/usr/bin/soffice", "/usr/local/bin/soffice"].find((p) => existsSync(p)) ?? null;

/** In CI LibreOffice must be there (.ci/run installs it); elsewhere the test says why it skips. */
export function describeWithLibreOffice(name: string, fn: () => void) {
  if (SOFFICE) return describe(name, fn);
  if (process.env.CI) throw new Error("LibreOffice (soffice) is not installed: .ci/run installs libreoffice-calc; install it with apt-get.");
  return describe.skip(`${name} (skipped: LibreOffice not installed; apt-get install libreoffice-calc)`, fn);
}

/** Convert a file with soffice in a private profile (so runs in parallel do not clash). */
export function convert(file: string, to: "html" | "pdf" | "xlsx" | "ods" | "xls"): Promise<string> {
  return sofficeConvert(file, to, to);
}

async function sofficeConvert(file: string, filter: string, extension: string): Promise<string> {  const out = await fs.mkdtemp(path.join(os.tmpdir(), "dp-lo-out-"));
  const profile = await fs.mkdtemp(path.join(os.tmpdir(), "dp-lo-profile-"));
  const result = path.join(out, `${path.basename(file).replace(/\.[^.]+$/, "")}.${extension}`);
  const run = () => promisify(execFile)(SOFFICE!, [`-env:UserInstallation=file://${profile}`, "--headless", "--convert-to", filter, "--outdir", out, file], { timeout: 120_000 });
  try {
    // A first start in a new profile sets the profile up and restarts itself; on a busy machine
    // that start can end (exit 0) before the conversion is done. The profile is ready by then:
    // one more run converts. A run that still writes nothing is an error that says what soffice said.
    let said = await run();
    if (!existsSync(result)) said = await run();
    if (!existsSync(result)) throw new Error(`LibreOffice wrote no ${extension} for ${file}: ${said.stdout}${said.stderr}`);
  } finally {
    await fs.rm(profile, { recursive: true, force: true });
  }
  return result;
}

export interface RenderedCell {
  text: string;
  bgcolor: string | null;
}

/** Cells of one sheet of LibreOffice's HTML export, by A1 address. */
export function sheetCells(html: string, sheetIndex: number): Map<string, RenderedCell> {
  const tables = html.split(/<table[^>]*>/i).slice(1).map((t) => t.split(/<\/table>/i)[0]);
  const table = tables[sheetIndex];
  const cells = new Map<string, RenderedCell>();
  const occupied = new Set<string>();
  const rows = table.split(/<tr[^>]*>/i).slice(1);
  rows.forEach((row, r) => {
    let c = 0;
    for (const m of row.matchAll(/<td([^>]*)>([\s\S]*?)<\/td>/gi)) {
      while (occupied.has(`${r},${c}`)) c++;
      const attrs = m[1];
      const colspan = Number(/colspan=(\d+)/i.exec(attrs)?.[1] ?? 1);
      const rowspan = Number(/rowspan=(\d+)/i.exec(attrs)?.[1] ?? 1);
      const text = m[2]
        .replace(/<br\s*\/?>/gi, "\n")
        .replace(/<[^>]+>/g, "")
        .replace(/&amp;/g, "&")
        .replace(/&lt;/g, "<")
        .replace(/&gt;/g, ">")
        .replace(/&quot;/g, '"')
        .replace(/&nbsp;/g, " ")
        .trim();
      const bgcolor = /bgcolor="?(#[0-9A-Fa-f]{6})/.exec(attrs)?.[1]?.toUpperCase() ?? null;
      for (let dr = 0; dr < rowspan; dr++) for (let dc = 0; dc < colspan; dc++) occupied.add(`${r + dr},${c + dc}`);
      let letters = "";
      for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
      cells.set(`${letters}${r + 1}`, { text, bgcolor });
      c += colspan;
    }
  });
  return cells;
}

/** LibreOffice Writer, which opens .docx files (Calc alone cannot): Debian's libreoffice-writer. */
export const WRITER = ["/usr/lib/libreoffice/program/swriter", "/usr/lib/libreoffice/program/swriter.bin", "/opt/libreoffice/program/swriter"].some((p) => existsSync(p));

/** In CI Writer must be there (.ci/run installs libreoffice-writer); elsewhere the test says why it skips. */
export function describeWithWriter(name: string, fn: () => void) {
  if (SOFFICE && WRITER) return describe(name, fn);
  if (process.env.CI) throw new Error("LibreOffice Writer is not installed: .ci/run installs libreoffice-writer; install it with apt-get install --no-install-recommends libreoffice-writer.");
  return describe.skip(`${name} (skipped: LibreOffice Writer not installed; apt-get install --no-install-recommends libreoffice-writer)`, fn);
}

/** Convert a document with Writer: to PDF, or to its text as UTF-8 (one line per paragraph and per table cell). */
export function convertDocument(file: string, to: "pdf" | "txt"): Promise<string> {
  return sofficeConvert(file, to === "txt" ? "txt:Text (encoded):UTF8" : "pdf", to);
}
