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
import { Direction, Lexicon, Rag, Status, Vocabulary, VocabularyExtension, defaultVocabulary, extendVocabulary } from "../words/vocabulary";

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

/** The words sheet as an extension, with a warning for each row it cannot use. */
export function readWordsSheet(grid: SheetGrid): { extension: VocabularyExtension; words: number; issues: Issue[] } {
  const extension: VocabularyExtension = {};
  const issues: Issue[] = [];
  let words = 0;
  const row = (r: number) => grid.values[r - grid.firstRow] ?? [];
  // The header row: the first with "Word" and "Means" (or "Meaning").
  let header = -1;
  let wordCol = -1;
  let meansCol = -1;
  for (let r = grid.firstRow; r < grid.firstRow + Math.min(grid.values.length, 20) && header < 0; r++) {
    const keys = row(r).map((v) => headerMatchKey(cellText(v)));
    const w = keys.indexOf("word");
    const m = keys.findIndex((k) => k === "means" || k === "meaning" || k === "countsas");
    if (w >= 0 && m >= 0) [header, wordCol, meansCol] = [r, w, m];
  }
  const warn = (cell: string | null, details: IssueDetails["unknown-value"]) => issues.push(raise("warning", "unknown-value", grid.name, cell, details));
  if (header < 0) {
    warn(null, { is: "words-no-header", sheet: grid.name });
    return { extension, words, issues };
  }
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
