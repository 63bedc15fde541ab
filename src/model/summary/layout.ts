/**
 * The Panel Summary sheet written one row after another from A1: lines, blank
 * rows and tables (a caption, one header row, a body with no blank rows), with
 * the formats of their ranges. A table's columns are laid out from A in the
 * order it declares them; each sheet column is as wide as the widest table
 * column in it, and every row as wide as the widest table. Every text is cut
 * to fit in a cell.
 *
 * Widths come from the content: a table column is as wide as its longest text
 * or figure (its header's longest word included, as headers wrap), at most the
 * width it declares; a column of figures is right-aligned, header and all, so
 * no figure sits under another column's header. When the columns would not
 * print one landscape A4 page wide at MIN_PRINT_SCALE or more, the text
 * columns give up width (never below their longest word, up to WORD_WIDTH).
 */
import { a1, columnLetter, fitCellText } from "../sheet/grid";
import type { Colours } from "../plans/formatting";
import type { SummaryFormat, SummarySheetTable, SummaryStyle, SummaryTable, SummaryValue } from "./types";

const HEADER_STYLE: SummaryStyle = { bold: true, fill: "#D9D9D9", font: "#000000", wrap: true };

function colours(style: Colours): SummaryStyle {
  return { fill: style.fill, font: style.font };
}

function cellValue(v: SummaryValue): SummaryValue {
  return typeof v === "string" ? fitCellText(v) : v;
}

/** Rows of values from A1 and the formats, written one row after another. */
export class SheetLayout {
  private readonly rows: SummaryValue[][] = [];
  readonly formats: SummaryFormat[] = [];
  readonly tables: SummarySheetTable[] = [];
  /** The widest table column laid out in each sheet column, as its content wants it and at the least (its longest word). */
  private readonly widths: number[] = [];
  private readonly least: number[] = [];

  /**
   * `wrapAt`: the characters a line of text may have (the tables' width, once known); a longer text is
   * laid out on several rows, each no wider than the tables, since a cell's text that runs on past the
   * last column is cut off in print (Excel) or makes the printed page wider (LibreOffice).
   */
  constructor(private readonly wrapAt = Infinity) {}

  /** A line of text in column A, on as many rows as it needs to be no wider than `wrapAt`. Returns its first row. */
  text(text: string, style?: SummaryStyle): number {
    const [first, ...rest] = splitText(text, this.wrapAt);
    const r = this.line([first], style);
    for (const more of rest) this.line([more], style);
    return r;
  }

  line(values: SummaryValue[], style?: SummaryStyle): number {
    this.rows.push(values.map(cellValue));
    const r = this.rows.length;
    if (style) this.format(`${a1(r, 1)}:${a1(r, Math.max(1, values.length))}`, style);
    return r;
  }

  blank() {
    this.line([]);
  }

  format(range: string, style: SummaryStyle) {
    this.formats.push({ range, ...style });
  }

  /**
   * A caption, one header row, the body (no blank rows), each cell wrapped, the
   * total row in bold and each cell's colours; or, for a table with no rows,
   * the caption and what is said in its place.
   */
  table(t: SummaryTable): void {
    if (t.note && t.rows.length > 0) this.text(t.note);
    const captionRow = this.line([t.caption], { bold: true });
    if (t.rows.length === 0) {
      this.text(t.empty);
      return;
    }
    const headerRow = this.line(
      t.columns.map((c) => c.header),
      HEADER_STYLE,
    );
    for (const row of t.rows) this.line(t.columns.map((c) => row.cells[c.key] ?? null).map((v) => (v === null || v === "" ? "–" : v)));
    const last = headerRow + t.rows.length;
    const right = columnLetter(t.columns.length);
    this.format(`A${headerRow + 1}:${right}${last}`, { wrap: true });
    if (t.rows[t.rows.length - 1].total) this.format(`A${last}:${right}${last}`, { bold: true });
    t.rows.forEach((row, i) =>
      t.columns.forEach((c, j) => {
        const style = row.colours?.[c.key];
        if (style) this.format(a1(headerRow + 1 + i, j + 1), colours(style));
      }),
    );
    t.columns.forEach((c, j) => {
      if (c.align === "right") this.format(`${columnLetter(j + 1)}${headerRow}:${columnLetter(j + 1)}${last}`, { align: "right" });
      const { want, least } = columnWidth(c.header, c.width, t.rows.map((row) => row.cells[c.key] ?? null));
      this.widths[j] = Math.max(this.widths[j] ?? 0, want);
      this.least[j] = Math.max(this.least[j] ?? 0, least);
    });
    this.tables.push({ id: t.id, caption: t.caption, columns: t.columns, captionCell: `A${captionRow}`, range: `A${headerRow}:${right}${last}`, bodyRows: t.rows.length });
  }

  /** Widths of columns A, B, …: each the widest of the table columns laid out in it, all narrowed if need be to print at MIN_PRINT_SCALE or more. */
  columnWidths(): number[] {
    return fitToPrint(this.widths, this.least);
  }

  /** The rows, each as wide as `width`. */
  finish(width: number): SummaryValue[][] {
    return this.rows.map((row) => (row.length < width ? [...row, ...new Array<null>(width - row.length).fill(null)] : row));
  }
}

/** A text as lines of at most `width` characters, broken between words (a word longer than a line has a line of its own). */
export function splitText(text: string, width: number): string[] {
  if (text.length <= width) return [text];
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines;
}

/** Padding, in characters, beside a column's longest text: a cell's margins and a little air. */
const PADDING = 2;
/** No column is narrower than this (a count under "On hold" is not a sliver). */
const NARROWEST = 8;
/** A text column is never made narrower than its longest word, up to this many characters (a long web address wraps inside itself). */
export const WORD_WIDTH = 24;

function longestWord(text: string): number {
  let best = 0;
  for (const w of text.split(/\s+/)) best = Math.max(best, w.length);
  return best;
}

/** The width a table column wants from its header and cells (at most `most`), and the least it can have: its longest word. */
function columnWidth(header: string, most: number, cells: readonly SummaryValue[]): { want: number; least: number } {
  let text = longestWord(header);
  let word = text;
  for (const v of cells) {
    const s = v === null || v === "" ? "–" : typeof v === "number" ? String(v) : v;
    text = Math.max(text, ...s.split("\n").map((l) => l.length));
    word = Math.max(word, longestWord(s));
  }
  const want = Math.min(most, Math.max(NARROWEST, text + PADDING));
  return { want, least: Math.min(want, word + PADDING, WORD_WIDTH) };
}

/**
 * Printing: landscape A4 (11.69 inches) less Excel's normal margins (0.7 inch each side), in points;
 * a column `w` characters wide is 7w + 5 pixels of Calibri 11, at 0.75 point a pixel.
 */
export const PRINTABLE_POINTS = (11.69 - 2 * 0.7) * 72;
/** The least scale the summary prints at, one page wide. */
export const MIN_PRINT_SCALE = 0.85;
/** The scale the widths are fitted to: a little above MIN_PRINT_SCALE, for hosts whose characters are a little wider. */
const FIT_SCALE = 0.9;

export function columnPoints(characters: number): number {
  return (characters * 7 + 5) * 0.75;
}

/** The scale a sheet with these column widths prints at, fitted one landscape A4 page wide (1: it fits as it is). */
export function printScale(widths: readonly number[]): number {
  const points = widths.reduce((sum, w) => sum + columnPoints(w), 0);
  return Math.min(1, PRINTABLE_POINTS / points);
}

/** Narrow the columns, each in proportion to the width it can give up (down to `least`), until they print at FIT_SCALE. */
function fitToPrint(want: readonly number[], least: readonly number[]): number[] {
  const budget = PRINTABLE_POINTS / FIT_SCALE;
  const total = want.reduce((s, w) => s + columnPoints(w), 0);
  if (total <= budget) return [...want];
  const floor = least.reduce((s, w) => s + columnPoints(w), 0);
  // Points a character of width is worth (0.75 × 7): what the columns must give up, shared by what each can give.
  const spare = want.reduce((s, w, i) => s + (w - least[i]), 0);
  const k = floor >= budget || spare === 0 ? 0 : Math.max(0, 1 - (total - budget) / (spare * 5.25));
  return want.map((w, i) => Math.floor((least[i] + (w - least[i]) * k) * 10) / 10);
}
