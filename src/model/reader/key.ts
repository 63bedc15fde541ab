/**
 * The sheet's own key: many trackers print what their RAG colours mean above
 * the header — "Blue = complete", "Yellow – various factors have delayed…",
 * "White – not started", "COMPLETE: action complete". The key is read as the
 * tracker's own words, the way the words sheet is: a colour whose description
 * begins with a status ("Blue = complete") gives that status to the actions it
 * colours (where there is no status column), and a status word listed as one of
 * the key's colours ("COMPLETE") is a value of the RAG column, not a status in
 * the wrong column. A description that names no status ("Red: action required
 * to get back on track") changes nothing.
 */
import { GridView, a1 } from "../sheet/grid";
import type { Lexicon, Rag, Status } from "../words/vocabulary";
import { isRagPoint, wordKey } from "../words/vocabulary";
import { leadingStatus } from "../words/status-text";

/** One entry of the key: the word the tracker uses, the RAG it is, and the status it means (when its description says one). */
export interface KeyEntry {
  word: string;
  rag: Rag | null;
  status: Status | null;
}

export interface SheetKey {
  /** The first cell the key was read from. */
  cell: string;
  entries: KeyEntry[];
  /** The key lists an in-between point of the five-point scale ("Amber/Green = on track with minor risks"). */
  points: boolean;
}

/** A word (or two colours, "Amber/Green") and the separator before its description: "Blue =", "Yellow –", "COMPLETE:". */
const LABEL = /(?<![\p{L}\p{N}])(\p{L}+(?:\s*\/\s*\p{L}+)?)(\s*(?:=|:|–|—)\s*|\s+-\s+)/gu;
/** Entries are parted by semicolons and line breaks, or by a comma before the next entry ("Red = late, Amber = at risk"). */
const PARTS = /[;\n\r]+|,(?=\s*\p{L}+(?:\s*\/\s*\p{L}+)?\s*(?:=|:|–|—|\s-\s))/u;

/** Whether a part of a key labels a point of the five-point scale: "Amber/Green =", "Red/Amber –", "AG:". */
function labelsPoint(part: string, lexicon: Lexicon): boolean {
  for (const m of part.matchAll(LABEL)) {
    const rag = lexicon.rag(m[1].trim());
    if (rag) return isRagPoint(rag.canonical);
    if (lexicon.lookup(m[1].trim())) return false;
  }
  return false;
}

/** The entries of one part of a key: its first colour or status word followed by a separator, and the description after it. */
function entryOf(part: string, lexicon: Lexicon): { word: string; rag: Rag | null; asStatus: Status | null; description: string } | null {
  for (const m of part.matchAll(LABEL)) {
    const word = m[1].trim();
    // Two colours in one ("Amber/Green"): a point of a five-point scale, not read here.
    if (word.includes("/")) return null;
    const rag = word.length > 1 ? lexicon.rag(word) : null;
    const asStatus = lexicon.status(word);
    if (rag || asStatus) return { word, rag: rag ? rag.canonical : null, asStatus: asStatus ? asStatus.canonical : null, description: part.slice(m.index + m[0].length).trim() };
  }
  return null;
}

/** The status a key's description begins with: "complete", "not started", "Completed actions", "closed – no longer required". */
function statusOfDescription(text: string, lexicon: Lexicon): Status | null {
  const clause = text.split(/[.,;(]/)[0].trim();
  const whole = lexicon.status(clause);
  if (whole) return whole.canonical;
  const led = leadingStatus(text, lexicon);
  if (led) return led.status.canonical;
  const words = clause.split(/\s+/);
  for (let n = Math.min(3, words.length); n >= 1; n--) {
    const s = lexicon.status(words.slice(0, n).join(" "));
    if (s) return s.canonical;
  }
  return null;
}

/** The key in the rows above the header, or null when there is none that says anything. */
export function readKey(view: GridView, headerRow: number, lexicon: Lexicon): SheetKey | null {
  const entries: KeyEntry[] = [];
  let cell: string | null = null;
  let points = false;
  for (let r = view.firstRow; r < headerRow && r <= view.lastRow; r++) {
    for (let c = view.firstColumn; c <= Math.min(view.lastColumn, view.rowEnd(r)); c++) {
      const raw = view.raw(r, c);
      if (typeof raw !== "string" || raw.length > 2000) continue;
      // A key laid out in cells: the colour in one ("Blue"), what it means in the next ("Complete").
      const alone = raw.trim();
      const rag = alone.length > 1 ? lexicon.rag(alone) : null;
      if (rag && c < view.lastColumn) {
        const next = view.raw(r, c + 1);
        if (isRagPoint(rag.canonical) && typeof next === "string" && next.trim()) {
          points = true;
          cell ??= a1(r, c);
        }
        const status = typeof next === "string" ? statusOfDescription(next, lexicon) : null;
        if (status && !entries.some((e) => wordKey(e.word) === wordKey(alone))) {
          entries.push({ word: alone, rag: rag.canonical, status });
          cell ??= a1(r, c);
        }
        continue;
      }
      for (const part of raw.split(PARTS)) {
        if (labelsPoint(part, lexicon)) {
          points = true;
          cell ??= a1(r, c);
        }
        const entry = entryOf(part, lexicon);
        if (!entry) continue;
        const status = entry.asStatus ?? statusOfDescription(entry.description, lexicon);
        if (!status || entries.some((e) => wordKey(e.word) === wordKey(entry.word))) continue;
        entries.push({ word: entry.word, rag: entry.rag, status });
        cell ??= a1(r, c);
      }
    }
  }
  return cell && (entries.length || points) ? { cell, entries, points } : null;
}

/** The key as the reader uses it: what each word means, what each RAG colour's fill means, and how many cells it read. */
export class KeyReading {
  private readonly byWord = new Map<string, KeyEntry>();
  private readonly byRag = new Map<Rag, Status>();
  /** Cells whose reading the key decided. */
  used = 0;

  constructor(readonly key: SheetKey) {
    for (const e of key.entries) {
      this.byWord.set(wordKey(e.word), e);
      if (e.rag && e.status) this.byRag.set(e.rag, e.status);
    }
  }

  /** The key's entry for a cell's whole text ("Blue", "COMPLETE"), if it has one. */
  word(text: string): KeyEntry | undefined {
    return this.byWord.get(wordKey(text));
  }

  /** The status the key gives a RAG colour ("Blue = complete"), if any. */
  statusOfRag(rag: Rag): Status | undefined {
    return this.byRag.get(rag);
  }
}
