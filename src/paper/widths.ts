/**
 * Table columns sized from their content, so that no word breaks inside
 * itself: a column is never narrower than its longest word (its header's in
 * bold), and the rest of the width goes to the columns by their preferred
 * shares (the plan's `widths`).
 *
 * Text widths are estimated from the advance widths of DejaVu Sans, regular
 * and bold (per 1000 em): the font LibreOffice and Chromium use for Arial
 * where Arial is not installed, and wider than Arial, so a column that holds
 * a word in DejaVu Sans holds it in Arial too.
 */
import type { PaperTable } from "../model";

const CHARS = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~’‘“”–—…•↑↓↔£€é×·";
// prettier-ignore
const REGULAR = [318,401,460,838,636,950,780,275,390,390,500,838,318,361,318,337,636,636,636,636,636,636,636,636,636,636,337,337,838,838,838,531,1000,684,686,698,770,632,575,775,752,295,295,656,557,863,748,787,603,787,695,635,611,732,684,989,685,611,685,390,337,390,838,500,500,613,635,550,635,615,352,635,634,278,278,579,278,974,634,612,635,635,411,521,392,634,592,818,592,592,525,636,337,636,838,318,318,518,518,500,1000,1000,590,838,838,838,636,636,615,838,318];
// prettier-ignore
const BOLD = [348,456,521,838,696,1002,872,306,457,457,523,838,380,415,380,365,696,696,696,696,696,696,696,696,696,696,400,400,838,838,838,580,1000,774,762,734,830,683,683,821,837,372,372,775,637,995,837,850,733,850,770,720,682,812,774,1103,771,724,725,457,365,457,838,500,500,675,716,593,716,678,435,716,712,343,343,665,343,1042,712,687,716,716,493,595,478,712,652,924,645,652,582,712,365,712,838,380,380,657,657,500,1000,1000,639,838,838,838,696,696,678,838,380];
const INDEX = new Map([...CHARS].map((c, i) => [c, i]));
/** A character we have no width for: as wide as a capital M, so the estimate stays on the safe side. */
const UNKNOWN = { regular: 863, bold: 995 };

/** The width of a text on one line, in points. */
export function textWidth(text: string, size: number, bold = false): number {
  const widths = bold ? BOLD : REGULAR;
  let units = 0;
  for (const ch of text) {
    const i = INDEX.get(ch);
    units += i === undefined ? (bold ? UNKNOWN.bold : UNKNOWN.regular) : widths[i];
  }
  return (units * size) / 1000;
}

/** The widest word of a text, in points: what its column must hold on one line. */
export function longestWord(text: string, size: number, bold = false): number {
  let widest = 0;
  for (const word of text.split(/\s+/)) if (word) widest = Math.max(widest, textWidth(word, size, bold));
  return widest;
}

export interface TableFont {
  /** Points. */
  size: number;
  /** A cell's padding, left and right together, in points. */
  padding: number;
}

/** The widest line of a text, in points: how wide its column would be with no wrapping. */
export function longestLine(text: string, size: number, bold = false): number {
  let widest = 0;
  for (const line of text.split(/\r?\n/)) widest = Math.max(widest, textWidth(line.trim(), size, bold));
  return widest;
}

/**
 * Each column's width in points for a table `available` points wide, sized
 * from its content: never narrower than its longest word (its header's in
 * bold; a "word" longer than a third of the table, such as a web address, breaks anyway). When every cell fits on one line, each column takes at least its
 * preferred share. Otherwise the room left after the longest words goes to the
 * columns whose text wraps, in proportion to the square root of how much text
 * each holds (so the table is as short as it can be), none wider than its
 * longest line. When the longest words alone are wider than the page, each
 * column keeps its share of them.
 */
export function fitColumns(t: Pick<PaperTable, "header" | "rows" | "widths">, available: number, font: TableFont): number[] {
  const n = t.header.length;
  const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
  const cells = (i: number) => [{ text: t.header[i], bold: true }, ...t.rows.map((row) => ({ text: row[i]?.text ?? "", bold: row[i]?.bold }))];
  // A little room for rounding and for the border.
  const pad = font.padding + 2;
  // A "word" longer than a third of the table (a web address) must break wherever it is: it sets no column's least width.
  const unbreakable = available / 3;
  const min = t.header.map((_, i) => Math.ceil(Math.max(...cells(i).map((c) => longestWord(c.text, font.size, c.bold)).filter((w) => w <= unbreakable), 0) + pad));
  const max = t.header.map((_, i) => Math.max(min[i], Math.ceil(Math.max(...cells(i).map((c) => longestLine(c.text, font.size, c.bold))) + pad)));
  const least = sum(min);
  if (least >= available) return min.map((w) => (w / least) * available);
  if (sum(max) <= available) {
    // Everything fits on one line: each column at least its preferred share, the columns above their content giving up room.
    const totalShare = sum(t.widths) || n;
    const wanted = t.widths.map((w, i) => Math.max((w / totalShare) * available, max[i]));
    const over = sum(wanted) - available;
    const spare = wanted.map((w, i) => w - max[i]);
    const spareTotal = sum(spare);
    return wanted.map((w, i) => (over > 0 && spareTotal > 0 ? w - (over * spare[i]) / spareTotal : w));
  }
  const weight = t.header.map((_, i) => (max[i] > min[i] ? Math.sqrt(sum(cells(i).map((c) => textWidth(c.text, font.size, c.bold)))) : 0));
  const widths = [...min];
  const open = new Set(weight.flatMap((w, i) => (w > 0 ? [i] : [])));
  let room = available - least;
  // Share the room; a column that would pass its longest line stops there, and the rest is shared again.
  for (;;) {
    const total = sum([...open].map((i) => weight[i]));
    const full = [...open].find((i) => widths[i] + (room * weight[i]) / total >= max[i]);
    if (full === undefined) {
      for (const i of open) widths[i] += (room * weight[i]) / total;
      break;
    }
    room -= max[full] - widths[full];
    widths[full] = max[full];
    open.delete(full);
  }
  return widths;
}

/** How many lines a cell's text takes in a column `width` points wide (padding included), estimated. */
export function linesIn(text: string, width: number, font: TableFont, bold = false): number {
  const room = Math.max(1, width - font.padding);
  const space = textWidth(" ", font.size, bold);
  let lines = 0;
  for (const paragraph of text.split(/\r?\n/)) {
    let line = 0;
    lines++;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const w = textWidth(word, font.size, bold);
      if (line > 0 && line + space + w > room) {
        lines++;
        line = w;
      } else line += (line > 0 ? space : 0) + w;
    }
  }
  return lines;
}
