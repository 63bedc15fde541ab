/**
 * The formatting plan: which ranges of a tracker get which conditional-format
 * rules, so that colours follow the words as people edit (with the add-in
 * closed). Plain data: the Office.js and ExcelJS adapters apply the same plan.
 *
 * Every rule's formula carries a marker, N("delivery-plan") (which is 0), so
 * either host can tell the rules the add-in made from the user's own: applying
 * twice replaces ours, and "remove formatting" removes only ours.
 */
import { a1, columnNumber } from "./grid";
import type { Tracker } from "./schema";
import { DIRECTION_GLYPH, DIRECTIONS, Direction, RAGS, Rag, STATUSES, Status, Vocabulary, defaultVocabulary } from "./vocabulary";

export const RULE_MARKER = "delivery-plan";

export interface Colours {
  /** Fill, "#RRGGBB". */
  fill: string;
  /** Text colour, "#RRGGBB", with at least 4.5:1 contrast on the fill. */
  font: string;
}

/** RAG as Panels read it, with text colours that keep 4.5:1 contrast. */
export const RAG_COLOURS: Record<Rag, Colours> = {
  Red: { fill: "#C00000", font: "#FFFFFF" },
  Amber: { fill: "#FFC000", font: "#000000" },
  Green: { fill: "#00B050", font: "#000000" },
  Blue: { fill: "#0070C0", font: "#FFFFFF" },
  White: { fill: "#F2F2F2", font: "#000000" },
};

export const STATUS_COLOURS: Record<Status, Colours> = {
  Completed: { fill: "#C6EFCE", font: "#006100" },
  "In progress": { fill: "#DDEBF7", font: "#1F3864" },
  "On hold": { fill: "#FFEB9C", font: "#5C3C00" },
  "Not yet started": { fill: "#EDEDED", font: "#262626" },
};

export const DIRECTION_COLOURS: Record<Direction, Colours> = {
  improved: { fill: "#C6EFCE", font: "#006100" },
  deteriorated: { fill: "#FFC7CE", font: "#9C0006" },
  unchanged: { fill: "#EDEDED", font: "#262626" },
  new: { fill: "#DDEBF7", font: "#1F3864" },
};

export interface FormatRule {
  /** Stable name: "delivery-plan:rag:Red". */
  id: string;
  field: "rag" | "status" | "direction";
  value: string;
  /** A1 range of the data body of one column, e.g. "C5:C106". */
  range: string;
  /** Excel formula without "=", relative to the range's top-left cell. */
  formula: string;
  colours: Colours;
}

export interface FormattingPlan {
  sheet: string;
  rules: FormatRule[];
}

/** Longest a conditional-format formula may safely be (Excel's limit in the rule dialog). */
export const MAX_RULE_FORMULA = 255;

function joinedKey(word: string): string {
  return word.toLowerCase().replace(/[\s\-_]+/g, "");
}

/**
 * The text fragments that identify a word in a cell, as SEARCH looks for them in
 * the cell with spaces and hyphens taken out: "In progress" → "inprogress".
 * Fragments that contain another of the same word are dropped ("completed"
 * contains "complete"); one-letter words are matched as the whole cell instead.
 */
function stems(words: string[]): { fragments: string[]; whole: string[] } {
  const keys = [...new Set(words.map(joinedKey).filter(Boolean))];
  // A single letter ("R", "A") would be found inside any word: match it as the whole cell.
  // A single symbol (an arrow) is unambiguous: look for it anywhere.
  const letter = (k: string) => k.length === 1 && /\p{L}/u.test(k);
  const long = keys.filter((k) => !letter(k));
  const fragments = long.filter((k) => !long.some((o) => o !== k && k.includes(o)));
  return { fragments, whole: keys.filter(letter) };
}

function quote(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

/** AND(N("delivery-plan")=0, OR(SUMPRODUCT(--ISNUMBER(SEARCH({"a","b"},k)))>0, k="x")): true when the cell says the word. */
function ruleFormula(cell: string, words: string[]): string {
  // Spaces and hyphens are taken out of the cell only when some word has them ("in progress").
  const k = words.some((w) => /[\s\-_]/.test(w)) ? `SUBSTITUTE(SUBSTITUTE(${cell}," ",""),"-","")` : cell;
  const { fragments, whole } = stems(words);
  const list = (xs: string[]) => (xs.length === 1 ? quote(xs[0]) : `{${xs.map(quote).join(",")}}`);
  const build = (frags: string[]) => {
    const parts: string[] = [];
    // SUMPRODUCT makes every host (Excel, LibreOffice) test each fragment, not just the first.
    if (frags.length) parts.push(frags.length === 1 ? `ISNUMBER(SEARCH(${list(frags)},${k}))` : `SUMPRODUCT(--ISNUMBER(SEARCH(${list(frags)},${k})))>0`);
    for (const w of whole) parts.push(`LOWER(TRIM(${cell}))=${quote(w)}`);
    return `AND(N(${quote(RULE_MARKER)})=0,${parts.length === 1 ? parts[0] : `OR(${parts.join(",")})`})`;
  };
  // The vocabulary lists the usual words first: drop the rarest until the rule fits.
  let frags = fragments;
  let formula = build(frags);
  while (formula.length > MAX_RULE_FORMULA && frags.length > 1) {
    frags = frags.slice(0, -1);
    formula = build(frags);
  }
  return formula;
}

/**
 * Rules in priority order: a word whose text contains another's fragment comes
 * first ("Not started" before "Started"), so the first true rule is the right one.
 */
function byPriority<T extends { words: string[] }>(items: T[]): T[] {
  const frags = items.map((i) => stems(i.words).fragments);
  const containsOther = (a: number, b: number) => frags[a].some((fa) => frags[b].some((fb) => fa !== fb && fa.includes(fb)));
  const out: number[] = [];
  const left = items.map((_, i) => i);
  while (left.length) {
    const next = left.find((i) => !left.some((j) => j !== i && containsOther(j, i))) ?? left[0];
    out.push(next);
    left.splice(left.indexOf(next), 1);
  }
  return out.map((i) => items[i]);
}

export function formattingPlan(tracker: Tracker, vocabulary: Vocabulary = defaultVocabulary): FormattingPlan {
  const rules: FormatRule[] = [];
  if (tracker.lastDataRow < tracker.firstDataRow) return { sheet: tracker.sheet, rules };
  const column = (field: string) => tracker.columns.find((c) => c.field === field)?.column;
  const bodyRange = (letters: string) => {
    const n = columnNumber(letters);
    return `${a1(tracker.firstDataRow, n)}:${a1(tracker.lastDataRow, n)}`;
  };
  const ragColumn = column("rag");
  const statusColumn = column("status");
  const directionColumn = column("direction");
  const wordsOf = <K extends string>(table: Partial<Record<K, string[]>>, key: K) => [key, ...(table[key] ?? [])];
  const addAll = <W extends string>(field: FormatRule["field"], letters: string, values: readonly W[], words: (w: W) => string[], colours: Record<W, Colours>) => {
    const cell = a1(tracker.firstDataRow, columnNumber(letters));
    for (const item of byPriority(values.map((value) => ({ value, words: words(value) })))) {
      rules.push({
        id: `${RULE_MARKER}:${field}:${item.value}`,
        field,
        value: item.value,
        range: bodyRange(letters),
        formula: ruleFormula(cell, item.words),
        colours: colours[item.value],
      });
    }
  };

  if (ragColumn) addAll("rag", ragColumn, RAGS, (r) => wordsOf(vocabulary.rag, r), RAG_COLOURS);
  if (statusColumn) addAll("status", statusColumn, STATUSES, (st) => wordsOf(vocabulary.status, st), STATUS_COLOURS);
  // A direction sharing the RAG's cell is shown by its glyph; the cell's colour is the RAG's.
  if (directionColumn && directionColumn !== ragColumn) {
    addAll("direction", directionColumn, DIRECTIONS, (d) => [DIRECTION_GLYPH[d], ...wordsOf(vocabulary.direction, d)], DIRECTION_COLOURS);
  }
  return { sheet: tracker.sheet, rules };
}

export function isOurRule(formula: string | undefined | null): boolean {
  return typeof formula === "string" && formula.includes(`N("${RULE_MARKER}")`);
}

/** WCAG 2 contrast ratio of two "#RRGGBB" colours. */
export function contrastRatio(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => parseInt(hex.replace("#", "").slice(i - 1, i + 1), 16) / 255);
    const lin = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(bl);
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}
