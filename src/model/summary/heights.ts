/**
 * The Panel Summary's row heights, estimated from its wrapped text, for hosts
 * that do not fit rows to their text (an .xlsx file opened in LibreOffice:
 * the ExcelJS writer sets them; Excel fits rows itself, so the Office.js
 * writer needs none), and the merged style of each cell that adapters apply.
 */
import { a1, isSpaceCode, parseA1Range } from "../sheet/grid";
import type { SummaryPlan, SummaryStyle } from "./types";

/** Points per line of 11-point text, as Excel and LibreOffice lay it out. */
const LINE_HEIGHT = 15;

/**
 * Lines a text takes in a wrapped cell `width` characters wide (about 1.2 characters of text per unit; a little less, to be safe).
 * Words are not broken: counted line by line as a word-wrapping host does, each "\n" starting a line.
 */
export function wrappedLines(text: string, width: number): number {
  const perLine = Math.max(1, Math.floor(width * 1.15) - 1);
  const length = text.length;
  // Text shorter than a line, on one line, takes one.
  if (length <= perLine && !text.includes("\n")) return 1;
  if (OTHER_SPACING.test(text) || text.charCodeAt(0) === 32 || text.charCodeAt(length - 1) === 32) return wrappedLinesByWord(text, perLine);
  // Words one space apart: a line is filled from one look-up of its last space, not word by word.
  let n = 0;
  for (let from = 0; from <= length; ) {
    let to = text.indexOf("\n", from);
    if (to < 0) to = length;
    n += singleSpacedLines(text, from, to, perLine);
    from = to + 1;
  }
  return n;
}

/** Any spacing but one space between words, within each line of text (two line breaks in a row, too: rare, read word by word). */
const OTHER_SPACING = /\s\s|[^\S \n]/;

/** Lines text[from, to) takes, its words one space apart (no space at either end, no line break). */
function singleSpacedLines(text: string, from: number, to: number, perLine: number): number {
  if (to - from <= perLine) return 1;
  let lines = 1;
  // The line holds text[start, end): `end` is a word's end, `start` where the line's first word begins (or, after a word
  // longer than a line, where the rest of it would have begun).
  let end = text.indexOf(" ", from);
  if (end < 0 || end > to) end = to;
  let start = from;
  const long = (wordStart: number) => {
    const w = end - wordStart;
    if (w <= perLine) return wordStart;
    const more = Math.ceil(w / perLine) - 1;
    lines += more;
    return end - (w - perLine * more);
  };
  start = long(from);
  while (end < to && start + perLine < to) {
    // The last word that fits ends at the last space at or before start + perLine; the next word starts a line.
    const next = text.lastIndexOf(" ", start + perLine) + 1;
    end = text.indexOf(" ", next);
    if (end < 0 || end > to) end = to;
    lines++;
    start = long(next);
  }
  return lines;
}

/** wrappedLines for any spacing: word by word. */
function wrappedLinesByWord(text: string, perLine: number): number {
  const length = text.length;
  let n = 0;
  let lines = 1;
  let used = 0;
  let i = 0;
  while (i < length) {
    const ch = text.charCodeAt(i);
    if (isSpaceCode(ch)) {
      i++;
      if (ch === 10) {
        n += lines;
        lines = 1;
        used = 0;
      }
      continue;
    }
    // A word: to the next space.
    const start = i;
    i++;
    while (i < length && !isSpaceCode(text.charCodeAt(i))) i++;
    const w = i - start;
    if (used === 0) used = w;
    else if (used + 1 + w <= perLine) used += 1 + w;
    else {
      lines++;
      used = w;
    }
    while (used > perLine) {
      lines++;
      used -= perLine;
    }
  }
  return n + lines;
}

/**
 * Row heights in points for the rows whose wrapped text needs more than one
 * line (null: the default height), estimated from the text's length and the
 * columns' widths.
 */
export function summaryRowHeights(plan: Pick<SummaryPlan, "rows" | "formats" | "columnWidths">): (number | null)[] {
  const { rows, formats, columnWidths: widths } = plan;
  // Whether each cell wraps: the last format over it that says, as summaryCellStyles merges them (1: wraps, 2: does not, 0: not said).
  const width = rows.reduce((w, row) => Math.max(w, row.length), 0);
  const wraps = new Uint8Array(rows.length * width);
  for (const f of formats) {
    if (!("wrap" in f)) continue;
    const area = parseA1Range(f.range)!;
    const say = f.wrap ? 1 : 2;
    const right = Math.min(area.right, width);
    for (let r = area.top; r <= Math.min(area.bottom, rows.length); r++) {
      for (let c = area.left; c <= right; c++) wraps[(r - 1) * width + c - 1] = say;
    }
  }
  const heights: (number | null)[] = new Array<number | null>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    let lines = 1;
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v !== "string" || wraps[r * width + c] !== 1) continue;
      lines = Math.max(lines, wrappedLines(v, widths[c] ?? 10));
    }
    heights[r] = lines > 1 ? lines * LINE_HEIGHT : null;
  }
  return heights;
}

/** Every cell's merged style, by A1 address: what adapters apply. */
export function summaryCellStyles(plan: Pick<SummaryPlan, "formats">): Map<string, SummaryStyle> {
  const out = new Map<string, SummaryStyle>();
  for (const f of plan.formats) {
    const area = parseA1Range(f.range)!;
    const { range: _range, ...style } = f;
    for (let r = area.top; r <= area.bottom; r++) {
      for (let c = area.left; c <= area.right; c++) {
        const key = a1(r, c);
        out.set(key, { ...out.get(key), ...style });
      }
    }
  }
  return out;
}
