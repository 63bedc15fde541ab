/**
 * The organisation's own words, kept in the workbook: a sheet called
 * "Delivery plan words" with a "Word" column and a "Means" column —
 *
 *   Word        | Means
 *   Achieved    | Completed
 *   Off track   | In progress, Red
 *   Signed off  | Completed
 *
 * "Means" is a status, a RAG, a direction of travel, or a status and a RAG.
 * Both hosts read the sheet into a VocabularyExtension; the CLI's
 * `--words words.json` gives the same extension as JSON.
 */
import { SheetGrid, a1, cellText } from "../sheet/grid";
import type { Issue } from "../issues/schema";
import type { ValidationField } from "../words/vocabulary";
import { headerMatchKey } from "../words/headers";
import type { IssueDetails } from "../issues/messages";
import { raise } from "../issues/issues";
import { Direction, Lexicon, RAGS, Rag, STATUSES, Status, Vocabulary, VocabularyExtension, defaultVocabulary, extendVocabulary } from "../words/vocabulary";
import type { Result } from "../sheet/result";

export const WORDS_SHEET = "Delivery plan words";

export function isWordsSheet(name: string): boolean {
  return name.trim().toLowerCase() === WORDS_SHEET.toLowerCase();
}

const defaults = new Lexicon();

/** What one "Means" cell says, read with the default words: "In progress, Red" → status and RAG. */
function meaning(text: string): { status?: Status; rag?: Rag; direction?: Direction } | null {
  const whole = defaults.lookup(text);
  if (whole?.kind === "status") return { status: whole.canonical as Status };
  if (whole?.kind === "rag") return { rag: whole.canonical as Rag };
  if (whole?.kind === "direction") return { direction: whole.canonical as Direction };
  const parts = text.split(/\s*(?:[,;/+&]|\band\b|\bwith\b)\s*/i).filter(Boolean);
  if (parts.length !== 2) return null;
  const [a, b] = parts.map((p) => defaults.lookup(p));
  const status = [a, b].find((m) => m?.kind === "status");
  const rag = [a, b].find((m) => m?.kind === "rag");
  return status && rag ? { status: status.canonical as Status, rag: rag.canonical as Rag } : null;
}

/** The rows searched for the words sheet's header row. */
const HEADER_ROWS = 20;

/** The words sheet's header row: the first of its first rows with "Word" and "Means" (or "Meaning", "Counts as"); their offsets in the grid's rows. */
function wordsHeader(grid: SheetGrid): { row: number; word: number; means: number } | null {
  for (let r = grid.firstRow; r < grid.firstRow + Math.min(grid.values.length, HEADER_ROWS); r++) {
    const keys = (grid.values[r - grid.firstRow] ?? []).map((v) => headerMatchKey(cellText(v)));
    const word = keys.indexOf("word");
    const means = keys.findIndex((k) => k === "means" || k === "meaning" || k === "countsas");
    if (word >= 0 && means >= 0) return { row: r, word, means };
  }
  return null;
}

/** The words sheet as an extension, with a warning for each row it cannot use. */
export function readWordsSheet(grid: SheetGrid): { extension: VocabularyExtension; words: number; issues: Issue[] } {
  const extension: VocabularyExtension = {};
  const issues: Issue[] = [];
  let words = 0;
  const row = (r: number) => grid.values[r - grid.firstRow] ?? [];
  const found = wordsHeader(grid);
  const warn = (cell: string | null, details: IssueDetails["unknown-value"]) => issues.push(raise("warning", "unknown-value", grid.name, cell, details));
  if (!found) {
    warn(null, { is: "words-no-header", sheet: grid.name });
    return { extension, words, issues };
  }
  const { row: header, word: wordCol, means: meansCol } = found;
  const push = <K extends string>(table: Partial<Record<K, string[]>>, key: K, word: string) => {
    (table[key] ??= []).push(word);
  };
  for (let r = header + 1; r < grid.firstRow + grid.values.length; r++) {
    const word = cellText(row(r)[wordCol]);
    const means = cellText(row(r)[meansCol]);
    if (!word && !means) continue;
    const column = (c: number) => a1(r, grid.firstColumn + c);
    if (!word) {
      warn(column(wordCol), { is: "words-no-word", wordCell: column(wordCol), meansCell: column(meansCol), means });
      continue;
    }
    const m = means ? meaning(means) : null;
    if (!m) {
      warn(column(meansCol), { is: "words-no-meaning", meansCell: column(meansCol), means, word });
      continue;
    }
    words++;
    if (m.status) push((extension.status ??= {}), m.status, word);
    if (m.rag && m.status) push((extension.impliedRag ??= {}), m.rag, word);
    else if (m.rag) push((extension.rag ??= {}), m.rag, word);
    if (m.direction) push((extension.direction ??= {}), m.direction, word);
  }
  return { extension, words, issues };
}

/** Two extensions as one (the workbook's words, then a file's). */
export function mergeExtensions(a: VocabularyExtension, b: VocabularyExtension): VocabularyExtension {
  const out: VocabularyExtension = {};
  for (const part of ["status", "rag", "direction", "impliedRag"] as const) {
    const merged: Record<string, string[]> = {};
    for (const source of [a[part], b[part]] as (Record<string, string[]> | undefined)[]) {
      for (const [k, v] of Object.entries(source ?? {})) merged[k] = [...(merged[k] ?? []), ...v];
    }
    if (Object.keys(merged).length) (out as Record<string, Record<string, string[]>>)[part] = merged;
  }
  return out;
}

/** The words a tracker is read with: the defaults, the workbook's words sheet, then any further extension. */
export interface Words {
  vocabulary: Vocabulary;
  lexicon: Lexicon;
  /** Warnings about the words sheet's rows. */
  issues: Issue[];
  /** The organisation's own words for each drop-down list (validation.ts), in the order they were given. */
  listWords: Partial<Record<ValidationField, string[]>>;
}

/** The extension's own words, field by field, each once: what the drop-down lists offer beside the usual words. */
function ownListWords(extension: VocabularyExtension): Partial<Record<ValidationField, string[]>> {
  const out: Partial<Record<ValidationField, string[]>> = {};
  for (const field of ["status", "rag", "direction"] as const) {
    const words = [...new Set(Object.values(extension[field] ?? {}).flatMap((w) => (w ?? []).map((x) => x.trim()).filter(Boolean)))];
    if (words.length) out[field] = words;
  }
  return out;
}

export function wordsOf(sheet: SheetGrid | null | undefined, extra?: VocabularyExtension): Words {
  const fromSheet = sheet ? readWordsSheet(sheet) : null;
  const extension = mergeExtensions(fromSheet?.extension ?? {}, extra ?? {});
  const vocabulary = Object.keys(extension).length ? extendVocabulary(defaultVocabulary, extension) : defaultVocabulary;
  return {
    vocabulary,
    lexicon: Object.keys(extension).length ? new Lexicon(vocabulary) : defaults,
    issues: fromSheet?.issues ?? [],
    listWords: ownListWords(extension),
  };
}

/** Why a word of the organisation's cannot be kept in the words sheet (the host's catalogue words it). */
export type OwnWordRefusal =
  | { refused: "no-word" }
  | { refused: "not-a-meaning"; means: string }
  | { refused: "no-header"; word: string }
  | { refused: "listed"; word: string; cell: string; means: string };

/**
 * Where a word of the organisation's goes in the words sheet: a new row under
 * its "Word" and "Means" headers, or, with no sheet (null) or an empty one, the
 * headers and the word in rows 1 and 2. The host writes these cells once the
 * user confirmed exactly them.
 */
export function ownWordWrites(sheet: SheetGrid | null, word: string, means: string): Result<{ writes: { cell: string; text: string }[] }, OwnWordRefusal> {
  const typed = word.trim();
  if (!typed) return { ok: false, refused: "no-word" };
  if (!(STATUSES as readonly string[]).includes(means) && !(RAGS as readonly string[]).includes(means)) return { ok: false, refused: "not-a-meaning", means };
  if (!sheet || sheet.values.every((r) => r.every((v) => cellText(v) === ""))) {
    const writes = [
      { cell: "A1", text: "Word" },
      { cell: "B1", text: "Means" },
      { cell: "A2", text: typed },
      { cell: "B2", text: means },
    ];
    return { ok: true, writes };
  }
  const header = wordsHeader(sheet);
  if (!header) return { ok: false, refused: "no-header", word: typed };
  const row = (r: number) => sheet.values[r - sheet.firstRow] ?? [];
  const last = sheet.firstRow + sheet.values.length - 1;
  for (let r = header.row + 1; r <= last; r++) {
    if (cellText(row(r)[header.word]).trim().toLowerCase() === typed.toLowerCase()) {
      return { ok: false, refused: "listed", word: typed, cell: a1(r, sheet.firstColumn + header.means), means: cellText(row(r)[header.means]) };
    }
  }
  const writes = [
    { cell: a1(last + 1, sheet.firstColumn + header.word), text: typed },
    { cell: a1(last + 1, sheet.firstColumn + header.means), text: means },
  ];
  return { ok: true, writes };
}
