/**
 * The validation plan: an in-cell drop-down list on the data body of each
 * status, RAG and direction column (never whole columns, exactly the ranges
 * the formatting plan colours), so that "Complete", "on-going" or "Gren"
 * cannot be typed in the first place — for every co-author, with or without
 * the add-in. Plain data: the Office.js and ExcelJS adapters apply the same plan.
 *
 * The lists hold the canonical words (the vocabulary's first word of each
 * kind), plus what this tracker already uses: Blue and White only where the
 * tracker has them; directions as glyphs, words or both, the way the tracker
 * writes them; in a cell that holds RAG and direction together ("Green ↑"), the
 * combinations already used first, then the rest of the grid so next period's
 * value can be picked too.
 *
 * Ours are told apart from a user's own rules by the input message's title
 * (VALIDATION_TITLES, all starting "Delivery plan: "): applying again replaces
 * ours, "remove" removes only ours, and a column holding a rule we did not
 * write is left alone, and said so.
 */
import { GridView, a1, columnNumber, parseA1Range } from "../sheet/grid";
import type { SheetGrid } from "../sheet/grid";
import type { Action, Tracker } from "../issues/schema";
import { ALL_RAGS, DIRECTION_GLYPH, DIRECTIONS, Direction, RAG_MEANING, Rag, STATUSES, defaultLexicon, isRagPoint } from "../words/vocabulary";
import { leadingStatus } from "../words/status-text";

/** Excel's limit on an inline list ("a,b,c" typed as the list's source): 255 characters, commas included. */
export const MAX_LIST_SOURCE = 255;
/** Excel's limits on the input message and error alert: titles 32 characters, messages 255 (input) and 225 (error). */
export const MAX_TITLE = 32;
export const MAX_PROMPT_MESSAGE = 255;
export const MAX_ERROR_MESSAGE = 225;

export type AlertStyle = "warning" | "stop";
export type { ValidationField } from "../words/vocabulary";
import type { Lexicon, ValidationField } from "../words/vocabulary";

const TITLE_PREFIX = "Delivery plan: ";

/** The input-message title of each of our lists: what marks a rule as the add-in's. */
export const VALIDATION_TITLES: Record<ValidationField, string> = {
  status: `${TITLE_PREFIX}status`,
  rag: `${TITLE_PREFIX}RAG`,
  direction: `${TITLE_PREFIX}direction`,
  "rag-direction": `${TITLE_PREFIX}RAG and direction`,
};

/** How each list is named to the user. */
export const VALIDATION_LABEL: Record<ValidationField, string> = {
  status: "Status",
  rag: "RAG",
  direction: "Direction of travel",
  "rag-direction": "RAG and direction",
};

const ERROR_TITLES: Record<ValidationField, string> = {
  status: "Not a usual status",
  rag: "Not a usual RAG",
  direction: "Not a usual direction",
  "rag-direction": "Not a usual RAG and direction",
};

const PROMPTS: Record<ValidationField, string> = {
  status: "Choose the status for this reporting period from the list.",
  rag: "Choose the RAG rating for this reporting period from the list.",
  direction: "Choose the direction of travel since the last report from the list.",
  "rag-direction": "Choose the RAG rating and the direction of travel since the last report (for example Green ↑) from the list.",
};

export interface ValidationRule {
  /** Stable name: "delivery-plan:status". */
  id: string;
  field: ValidationField;
  /** Column letter. */
  column: string;
  /** A1 range of the data body of the column, e.g. "C5:C106" (the formatting plan's range). */
  range: string;
  /** The allowed words, in the drop-down's order. */
  words: string[];
  /** The inline list as Excel takes it: the words joined by commas, at most 255 characters. */
  source: string;
  /** Words left out: too long for the 255 characters, or holding a comma or a double quote. */
  dropped: string[];
  prompt: { title: string; message: string };
  error: { style: AlertStyle; title: string; message: string };
  /** Blank cells are allowed (an action not yet rated). */
  ignoreBlanks: true;
  /**
   * Body cells (and runs of them, "C7:C9") left without the list, because what they already hold is read
   * but is not a word of the list: a status followed by a sentence
   * ("Completed. This meeting took place on 3 March."). A list there would have
   * Excel's "Circle Invalid Data" and LibreOffice's "Mark Invalid Data" flag the
   * officer's own text, and refuse it at the next edit with the stop style.
   */
  except?: string[];
}

export interface ValidationPlan {
  sheet: string;
  rules: ValidationRule[];
}

const STATUS_WORDS = new Set<string>(STATUSES);

export interface ValidationOptions {
  /** The words the tracker was read with (its words sheet or --words): what a cell's leading status is. */
  lexicon?: Lexicon;
  /** "warning" (default): Excel warns and the lead can still keep a note; "stop" refuses anything else. */
  style?: AlertStyle;
  /** An organisation's own words, added to a list after the usual ones (e.g. { status: ["Signed off"] }). */
  ownWords?: Partial<Record<ValidationField, string[]>>;
}

export function isOurValidation(promptTitle: string | null | undefined): boolean {
  return typeof promptTitle === "string" && (Object.values(VALIDATION_TITLES) as string[]).includes(promptTitle);
}

type DirectionStyle = "glyph" | "word" | "both";

const DIRECTION_FORMS: Record<DirectionStyle, Record<Direction, string>> = {
  glyph: { improved: "↑", deteriorated: "↓", unchanged: "↔", new: "New" },
  word: { improved: "Improved", deteriorated: "Deteriorated", unchanged: "No change", new: "New" },
  // As the add-in writes a direction itself (src/model/writes.ts, directionWrites).
  both: { improved: "↑ improved", deteriorated: "↓ deteriorated", unchanged: "↔ no change", new: "new" },
};

/** Glyphs, words or both: how the tracker's direction cells are written (most of them); the add-in's own form when none is. */
function directionStyle(texts: readonly string[]): DirectionStyle {
  const n: Record<DirectionStyle, number> = { glyph: 0, word: 0, both: 0 };
  for (const t of texts) {
    const letters = /\p{L}/u.test(t.replace(/^new$/i, ""));
    const symbol = /[^\p{L}\p{N}\s]/u.test(t);
    if (!letters && symbol) n.glyph++;
    else if (letters && symbol) n.both++;
    else if (letters) n.word++;
  }
  const best = (Object.keys(n) as DirectionStyle[]).sort((a, b) => n[b] - n[a])[0];
  return n[best] > 0 ? best : "both";
}

/** Words, most used first (ties in the given order), without repeats. */
function byUse(counts: Map<string, number>): string[] {
  return [...counts.entries()].map(([w, c], i) => ({ w, c, i })).sort((a, b) => b.c - a.c || a.i - b.i).map((x) => x.w);
}

function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}

/** "Use one of: Completed, In progress, On hold or Not yet started. …", cut to Excel's 225 characters by naming fewer words. */
function errorMessage(words: readonly string[], style: AlertStyle): string {
  const tail = style === "warning" ? " To keep what you typed anyway, choose Yes (OK in LibreOffice)." : " Pick one from the cell's drop-down.";
  for (let n = words.length; n >= 1; n--) {
    const named = n === words.length ? joinWords(words) : `${words.slice(0, n).join(", ")} and ${words.length - n} more in the drop-down`;
    const message = `Use one of: ${named}.${tail}`;
    if (message.length <= MAX_ERROR_MESSAGE) return message;
  }
  return `Use one of the words in the cell's drop-down.${tail}`.slice(0, MAX_ERROR_MESSAGE);
}

/** Keep the words that fit an inline list: no comma or quote in a word, 255 characters in all. */
function fitList(candidates: readonly string[]): { words: string[]; dropped: string[] } {
  const words: string[] = [];
  const dropped: string[] = [];
  const seen = new Set<string>();
  let length = 0;
  for (const raw of candidates) {
    const w = raw.trim();
    if (!w || seen.has(w.toLowerCase())) continue;
    seen.add(w.toLowerCase());
    const extra = (words.length ? 1 : 0) + w.length;
    if (/[,"]/.test(w) || length + extra > MAX_LIST_SOURCE) {
      dropped.push(w);
      continue;
    }
    words.push(w);
    length += extra;
  }
  return { words, dropped };
}

/**
 * The drop-down lists for a tracker: one rule per status, RAG and direction
 * column (one for a column holding RAG and direction together), on exactly the
 * data body the formatting plan colours.
 */
export function validationPlan(grid: SheetGrid, tracker: Tracker, actions: readonly Action[], options: ValidationOptions = {}): ValidationPlan {
  const style = options.style ?? "warning";
  const rules: ValidationRule[] = [];
  if (tracker.lastDataRow < tracker.firstDataRow) return { sheet: tracker.sheet, rules };
  const view = new GridView(grid);
  const column = (field: string) => tracker.columns.find((c) => c.field === field)?.column;
  const textOf = (cell: string | undefined) => {
    const m = cell ? /^([A-Z]+)(\d+)$/.exec(cell) : null;
    return m ? view.text(Number(m[2]), columnNumber(m[1])).trim() : "";
  };
  const statusColumn = column("status");
  const ragColumn = column("rag");
  const directionColumn = column("direction");
  const shared = ragColumn !== undefined && ragColumn === directionColumn;
  // The usual RAGs (Red, Amber and Green) always; the others (Blue, White) where the tracker uses them;
  // the five-point scale's points (Amber/Red, Amber/Green) where the tracker is on that scale.
  const used = new Set(actions.map((a) => a.rag).filter((r): r is Rag => r !== null));
  const fivePoint = tracker.ragScale === "five-point";
  const rags = ALL_RAGS.filter((r) => RAG_MEANING[r].usual || used.has(r) || (fivePoint && isRagPoint(r)));

  const add = (field: ValidationField, letters: string, candidates: string[], except: string[] = []) => {
    const n = columnNumber(letters);
    const { words, dropped } = fitList([...candidates, ...(options.ownWords?.[field] ?? [])]);
    rules.push({
      id: `delivery-plan:${field}`,
      field,
      column: letters,
      range: `${a1(tracker.firstDataRow, n)}:${a1(tracker.lastDataRow, n)}`,
      words,
      source: words.join(","),
      dropped,
      prompt: { title: VALIDATION_TITLES[field], message: PROMPTS[field] },
      error: { style, title: ERROR_TITLES[field], message: errorMessage(words, style) },
      ignoreBlanks: true,
      ...(except.length ? { except } : {}),
    });
  };

  if (statusColumn && statusColumn !== ragColumn) {
    // A status followed by a sentence is the officer's own text, read as its status: its cell keeps no list.
    // Runs of such cells are one range each ("C7:C9"), so Excel clears them in a few operations whatever the rows.
    const n = columnNumber(statusColumn);
    const lexicon = (options.lexicon ?? defaultLexicon()).remembering();
    const except: string[] = [];
    let start = 0;
    for (let r = tracker.firstDataRow; r <= tracker.lastDataRow + 1; r++) {
      const raw = r <= tracker.lastDataRow ? view.raw(r, n) : null;
      const sentence = typeof raw === "string" && !STATUS_WORDS.has(raw.trim()) && leadingStatus(raw, lexicon) !== null;
      if (sentence && !start) start = r;
      if (!sentence && start) {
        except.push(start === r - 1 ? a1(start, n) : `${a1(start, n)}:${a1(r - 1, n)}`);
        start = 0;
      }
    }
    add("status", statusColumn, [...STATUSES], except);
  }
  if (shared) {
    // The forms this tracker already has ("Green ↑", or an arrow alone where the RAG is a fill), most used first;
    // then every other combination of its RAG words with ↑ ↓ ↔.
    // A RAG shown only as a fill counts as the cell says it (the arrow alone), its word and arrow
    // ("Amber ↑", what Write RAG words types) coming next.
    const forms = new Map<string, number>();
    const typedLater = new Map<string, number>();
    for (const a of actions) {
      if (!a.cells.rag) continue;
      const glyph = a.direction ? DIRECTION_GLYPH[a.direction] : null;
      const typedRag = a.ragSource === "text" ? a.rag : null;
      const form = typedRag && glyph ? `${typedRag} ${glyph}` : (typedRag ?? glyph);
      if (form) forms.set(form, (forms.get(form) ?? 0) + 1);
      if (a.ragSource === "fill" && a.rag) {
        const labelled = glyph ? `${a.rag} ${glyph}` : a.rag;
        typedLater.set(labelled, (typedLater.get(labelled) ?? 0) + 1);
      }
    }
    const grid3 = rags.flatMap((r) => (["improved", "deteriorated", "unchanged"] as const).map((d) => `${r} ${DIRECTION_GLYPH[d]}`));
    add("rag-direction", ragColumn, [...byUse(forms), ...byUse(typedLater), ...grid3]);
  } else {
    if (ragColumn) add("rag", ragColumn, rags);
    if (directionColumn) {
      const texts = actions.filter((a) => a.direction !== null).map((a) => textOf(a.cells.direction));
      const forms = DIRECTION_FORMS[directionStyle(texts)];
      add("direction", directionColumn, DIRECTIONS.map((d) => forms[d]));
    }
  }
  return { sheet: tracker.sheet, rules };
}

/** What applying (or removing) the lists did, as both hosts report it. */
export interface ValidationResult {
  sheet: string;
  /** The ranges that got our list, with what: "C5:C106 (Status)". */
  added: string[];
  /** How many of those replaced the add-in's earlier list. */
  replaced: number;
  /** Ranges of ours taken away (remove). */
  removed: string[];
  /** Columns left alone because they hold a rule the add-in did not write: where, and a sentence saying so. */
  kept: { range: string; cells: string; message: string }[];
  /** Words left out of a list (over 255 characters, or holding a comma or quote). */
  dropped: string[];
}

/** The sentence for a column left alone because it holds a user's own rule. */
export function keptMessage(sheet: string, rule: Pick<ValidationRule, "field" | "range">, cells: string): string {
  return `${cells} on "${sheet}" already ${/[,:]| and /.test(cells) ? "have" : "has"} a data-validation rule the add-in did not write, so the ${VALIDATION_LABEL[rule.field]} column (${rule.range}) was left as it is. To use the add-in's drop-down there, remove that rule (Data > Data Validation > Clear All) and add the lists again.`;
}

/** Every cell of an A1 range, row by row: "C5:C7" → C5, C6, C7. */
export function cellsOfRange(range: string): string[] {
  const r = parseA1Range(range);
  if (!r) return [];
  const out: string[] = [];
  for (let row = r.top; row <= r.bottom; row++) for (let c = r.left; c <= r.right; c++) out.push(a1(row, c));
  return out;
}

/** Cells of one column said as runs: C7, C8, C9, C20 → "C7:C9 and C20"; over six runs, "… and N more". */
export function describeCells(cells: readonly string[], max = 6): string {
  const parsed = cells
    .map((c) => /^([A-Z]+)(\d+)$/.exec(c))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ col: m[1], row: Number(m[2]) }))
    .sort((a, b) => (a.col === b.col ? a.row - b.row : a.col.length - b.col.length || (a.col < b.col ? -1 : 1)));
  const runs: string[] = [];
  for (let i = 0; i < parsed.length; ) {
    let j = i;
    while (j + 1 < parsed.length && parsed[j + 1].col === parsed[i].col && parsed[j + 1].row === parsed[j].row + 1) j++;
    runs.push(i === j ? `${parsed[i].col}${parsed[i].row}` : `${parsed[i].col}${parsed[i].row}:${parsed[j].col}${parsed[j].row}`);
    i = j + 1;
  }
  if (runs.length === 0) return "";
  if (runs.length === 1) return runs[0];
  if (runs.length > max) return `${runs.slice(0, max).join(", ")} and ${runs.length - max} more`;
  return `${runs.slice(0, -1).join(", ")} and ${runs[runs.length - 1]}`;
}
