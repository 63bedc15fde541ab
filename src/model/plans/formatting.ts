/**
 * The formatting plan: which ranges of a tracker get which conditional-format
 * rules, so that colours follow the words as people edit (with the add-in
 * closed). Plain data: the Office.js and ExcelJS adapters apply the same plan.
 *
 * Every rule's formula carries a marker, N("delivery-plan") (which is 0), so
 * either host can tell the rules the add-in made from the user's own: applying
 * twice replaces ours, and "remove formatting" removes only ours.
 */
import { a1, columnNumber } from "../sheet/grid";
import type { Tracker } from "../issues/schema";
import { DIRECTION_GLYPH, DIRECTIONS, Direction, Lexicon, RAGS, RAG_POINTS, Rag, defaultLexicon, firstColour, isRagPoint, STATUSES, Status, Vocabulary, defaultVocabulary } from "../words/vocabulary";

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
  // The five-point scale's in-between points, coloured between their neighbours: an orange between Red and
  // Amber, a yellow-green between Amber and Green. Their words stay in the cell, so colour is never alone.
  "Amber/Red": { fill: "#ED7D31", font: "#000000" },
  "Amber/Green": { fill: "#92D050", font: "#000000" },
};

export const STATUS_COLOURS: Record<Status, Colours> = {
  Completed: { fill: "#C6EFCE", font: "#006100" },
  "In progress": { fill: "#DDEBF7", font: "#1F3864" },
  "On hold": { fill: "#FFEB9C", font: "#5C3C00" },
  "Not yet started": { fill: "#EDEDED", font: "#262626" },
  Closed: { fill: "#E4DFEC", font: "#3F3151" },
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

function quote(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

function list(xs: string[]): string {
  return xs.length === 1 ? quote(xs[0]) : `{${xs.map(quote).join(",")}}`;
}

/** Keep dropping the rarest words (the vocabulary lists the usual ones first) until the rule fits. */
function fit(words: string[], build: (ws: string[]) => string): string {
  let ws = words;
  let formula = build(ws);
  while (formula.length > MAX_RULE_FORMULA && ws.length > 1) {
    ws = ws.slice(0, -1);
    formula = build(ws);
  }
  return formula;
}

const marked = (test: string) => `AND(N(${quote(RULE_MARKER)})=0,${test})`;

/**
 * The whole cell is the word, compared as the engine compares it (case, spaces,
 * hyphens and underscores ignored): "in-progress" is In progress, "Not completed"
 * is nothing — as in validate, where it is an unknown word.
 */
function wholeCellFormula(cell: string, words: string[]): string {
  const key = `SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(LOWER(TRIM(${cell}))," ",""),"-",""),"_","")`;
  const keys = [...new Set(words.map(joinedKey).filter(Boolean))];
  return fit(keys, (ks) => marked(`ISNUMBER(MATCH(${key},${list(ks)},0))`));
}

/**
 * The word stands in the cell among others ("Green ↑", "↑ improved"): looked for
 * between spaces, as the engine splits such a cell into words. Symbols (arrows)
 * are looked for anywhere.
 */
function wordInCellFormula(cell: string, words: string[]): string {
  const padded = `" "&LOWER(TRIM(${cell}))&" "`;
  const forms = new Set<string>();
  for (const w of words) {
    const lower = w.toLowerCase().trim();
    if (!lower) continue;
    if (!/[\p{L}\p{N}]/u.test(lower)) forms.add(lower);
    else {
      forms.add(` ${lower} `);
      if (/\s/.test(lower)) forms.add(` ${lower.replace(/\s+/g, "-")} `);
    }
  }
  return fit([...forms], (fs) => marked(`SUMPRODUCT(--ISNUMBER(SEARCH(${list(fs)},${padded})))>0`));
}

/**
 * The cell begins with the word and a full stop, colon, semicolon or line
 * break: "Completed. This meeting took place on 3 March.",
 * "Complete⏎⏎This research was published…", as the engine reads the leading
 * status of such a cell (status-text.ts). Those marks become full stops, a "|"
 * marks the start, and "|completed." is searched for: SEARCH over a list is
 * what LibreOffice evaluates as an array in a conditional format (it does not
 * for LEFT, LEN or "=" over a list), and it ignores case, as Excel does.
 */
function leadingWordFormula(cell: string, words: string[]): string {
  const text = `"|"&SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(TRIM(${cell}),":","."),";","."),CHAR(10),".")`;
  const forms = [...new Set(words.map((w) => w.toLowerCase().trim()).filter((w) => w && !/[.:;!?*~|]/.test(w)))].map((w) => `|${w}.`);
  return fit(forms, (fs) => marked(`SUMPRODUCT(--ISNUMBER(SEARCH(${list(fs)},${text})))>0`));
}

/** The RAGs a tracker's RAG column is coloured by: the five-point scale's points first (they win over a neighbour's word in the same cell), then the colours. */
function ragsOf(tracker: Tracker): readonly Rag[] {
  return tracker.ragScale === "five-point" ? [...RAG_POINTS, ...RAGS] : RAGS;
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
  // Off the five-point scale a lone point is counted as the first colour it names ("Green/Amber" is Green): coloured so too.
  const lexicon = vocabulary === defaultVocabulary ? defaultLexicon() : new Lexicon(vocabulary);
  const fivePoint = tracker.ragScale === "five-point";
  const ragWords = (r: Rag) => [
    ...wordsOf(vocabulary.rag, r),
    ...(fivePoint || isRagPoint(r) ? [] : RAG_POINTS.flatMap((p) => wordsOf(vocabulary.rag, p).filter((w) => lexicon.rag(w)?.canonical === p && firstColour(w, p, lexicon) === r))),
  ];
  const addAll = <W extends string>(
    field: FormatRule["field"],
    letters: string,
    values: readonly W[],
    words: (w: W) => string[],
    colours: Record<W, Colours>,
    match: (cell: string, words: string[]) => string,
    idSuffix = "",
  ) => {
    const cell = a1(tracker.firstDataRow, columnNumber(letters));
    for (const value of values) {
      rules.push({
        id: `${RULE_MARKER}:${field}:${value}${idSuffix}`,
        field,
        value,
        range: bodyRange(letters),
        formula: match(cell, words(value)),
        colours: colours[value],
      });
    }
  };

  // A RAG cell that also holds the direction ("Green ↑") is read word by word; otherwise the whole cell.
  const shared = directionColumn !== undefined && directionColumn === ragColumn;
  if (ragColumn) addAll("rag", ragColumn, ragsOf(tracker), ragWords, RAG_COLOURS, shared ? wordInCellFormula : wholeCellFormula);
  if (statusColumn) {
    addAll("status", statusColumn, STATUSES, (st) => wordsOf(vocabulary.status, st), STATUS_COLOURS, wholeCellFormula);
    // A status word followed by a sentence ("Completed. This meeting took place on 3 March.") takes its status's colour too.
    addAll("status", statusColumn, STATUSES, (st) => wordsOf(vocabulary.status, st), STATUS_COLOURS, leadingWordFormula, ":lead");
  }
  // A direction sharing the RAG's cell is shown by its glyph; the cell's colour is the RAG's.
  if (directionColumn && !shared) {
    addAll("direction", directionColumn, DIRECTIONS, (d) => [DIRECTION_GLYPH[d], ...wordsOf(vocabulary.direction, d)], DIRECTION_COLOURS, wordInCellFormula);
  }
  // A sheet that keeps several periods side by side: every period's column is coloured, not only this period's.
  for (const p of tracker.periods?.columns ?? []) {
    if (p.column === (p.field === "rag" ? ragColumn : statusColumn)) continue;
    if (p.field === "rag") addAll("rag", p.column, ragsOf(tracker), ragWords, RAG_COLOURS, wholeCellFormula, `:${p.column}`);
    else addAll("status", p.column, STATUSES, (st) => wordsOf(vocabulary.status, st), STATUS_COLOURS, wholeCellFormula, `:${p.column}`);
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
