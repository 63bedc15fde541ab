/**
 * The words trackers use for status, RAG and direction of travel. This is data,
 * not code: an organisation can add its own words with `extendVocabulary`.
 */
import { z } from "zod";

/** The fifth, Closed, is an action closed without being delivered (superseded, withdrawn, not adopted): counted apart from Completed, never overdue. */
export const STATUSES = ["Completed", "In progress", "On hold", "Not yet started", "Closed"] as const;
export const RAGS = ["Red", "Amber", "Green", "Blue", "White"] as const;
/**
 * The in-between points of a five-point RAG scale (Red, Amber/Red, Amber,
 * Amber/Green, Green): RAGs of their own, counted and coloured as such only
 * where the tracker uses that scale (its key lists them, or its cells use them
 * twice or more); elsewhere a lone "Amber/Green" is read as its first colour.
 */
export const RAG_POINTS = ["Amber/Red", "Amber/Green"] as const;
/** Every RAG, in the order of the scale: the points between their neighbours. */
export const ALL_RAGS = ["Red", "Amber/Red", "Amber", "Amber/Green", "Green", "Blue", "White"] as const;
export const DIRECTIONS = ["improved", "deteriorated", "unchanged", "new"] as const;

export const StatusSchema = z.enum(STATUSES);
export const RagSchema = z.enum(ALL_RAGS);
export const DirectionSchema = z.enum(DIRECTIONS);
export type Status = z.infer<typeof StatusSchema>;
export type Rag = z.infer<typeof RagSchema>;
export type RagPoint = (typeof RAG_POINTS)[number];
/** Whether a RAG is an in-between point of the five-point scale. */
export function isRagPoint(rag: Rag | string | null | undefined): rag is RagPoint {
  return (RAG_POINTS as readonly string[]).includes(rag as string);
}
/** The colour a point names first, as a tracker not on the five-point scale counts it ("Green/Amber" is Green). */
export const POINT_FIRST: Record<RagPoint, Rag> = { "Amber/Red": "Amber", "Amber/Green": "Amber" };
export type Direction = z.infer<typeof DirectionSchema>;

/** What an action without a status, a RAG or a direction is counted as. */
export const NOT_SET = "Not set";
export type StatusKey = Status | typeof NOT_SET;
export type RagKey = Rag | typeof NOT_SET;
export type DirectionKey = Direction | typeof NOT_SET;
/** Every status, then "Not set": the keys of every count by status. */
export const STATUS_KEYS: readonly StatusKey[] = [...STATUSES, NOT_SET];
/** Every RAG in the scale's order, then "Not set". A count by RAG holds the points only when some action has one (countRags). */
export const RAG_KEYS: readonly RagKey[] = [...ALL_RAGS, NOT_SET];
/** Actions by RAG: every colour and "Not set", and a point of the five-point scale only when some action has it. */
export type RagCounts = Record<Exclude<RagKey, RagPoint>, number> & Partial<Record<RagPoint, number>>;
/** The RAGs of a count, in the scale's order: every colour, and a point of the five-point scale when it was counted. */
export function countedRags(counts: RagCounts): Rag[] {
  return ALL_RAGS.filter((r) => !isRagPoint(r) || (counts[r] ?? 0) > 0);
}
/** A count by RAG with every key, the points absent from it as 0. */
export function everyRag(counts: RagCounts): Record<RagKey, number> {
  const out = {} as Record<RagKey, number>;
  for (const k of RAG_KEYS) out[k] = counts[k] ?? 0;
  return out;
}
export const DIRECTION_KEYS: readonly DirectionKey[] = [...DIRECTIONS, NOT_SET];

/**
 * What each status means to the add-in's rules, in one place: the direction
 * of travel, the checks, the comparison of updates and the Panel Summary all
 * read it. A status without its meaning does not build.
 */
export interface StatusMeaning {
  /** Its rank when the direction of travel is read from statuses: a higher rank is further on. */
  rank: number;
  /** The action is finished: it is never overdue and needs no new update; a Red or Amber RAG on it is a contradiction. */
  finished: boolean;
  /** The action is being delivered: its RAG is the Panel's "RAG of the actions in progress", and it needs a new update each period. */
  delivering: boolean;
  /** The action has started: a Green RAG on one that has not is a contradiction. */
  started: boolean;
  /** Always listed (in the Panel's sentence, the columns by theme), even when no action has it; a status that is not is listed only where actions have it. */
  usual: boolean;
}

export const STATUS_MEANING: Record<Status, StatusMeaning> = {
  Completed: { rank: 2, finished: true, delivering: false, started: true, usual: true },
  "In progress": { rank: 1, finished: false, delivering: true, started: true, usual: true },
  "On hold": { rank: 0, finished: false, delivering: false, started: true, usual: true },
  "Not yet started": { rank: 0, finished: false, delivering: false, started: false, usual: true },
  // Closed without being delivered: finished like Completed (never overdue, never a deterioration, never an
  // exception), counted apart, and listed only where some action has it.
  Closed: { rank: 2, finished: true, delivering: false, started: true, usual: false },
};

/** What each RAG means to the add-in's rules. A RAG without its meaning does not build. */
export interface RagMeaning {
  /** Its rank when the direction of travel is read from RAGs (null: not ranked, as White, not started, is not). */
  rank: number | null;
  /** Behind plan: the action needs an update, and a finished action cannot be. */
  behind: boolean;
  /** Always listed (in counts, sentences and drop-down lists), even when no action has it. */
  usual: boolean;
}

export const RAG_MEANING: Record<Rag, RagMeaning> = {
  Red: { rank: 0, behind: true, usual: true },
  Amber: { rank: 1, behind: true, usual: true },
  Green: { rank: 2, behind: false, usual: true },
  Blue: { rank: 3, behind: false, usual: false },
  White: { rank: null, behind: false, usual: false },
  // Between their neighbours: Amber/Red is behind as Amber and Red are; Amber/Green is on course with risks, not behind.
  "Amber/Red": { rank: 0.5, behind: true, usual: false },
  "Amber/Green": { rank: 1.5, behind: false, usual: false },
};

/** The RAGs always listed: Red, Amber, Green. */
export const USUAL_RAGS: readonly Rag[] = RAGS.filter((r) => RAG_MEANING[r].usual);

/** Whether a status (or "Not set") is listed in counts by status: a usual status always, any other when some actions have it. */
export function listedStatus(key: StatusKey, count: number): boolean {
  return count > 0 || (key !== NOT_SET && STATUS_MEANING[key].usual);
}

/** Whether a table of counts by RAG lists this RAG: Red, Amber and Green always, any other (and "Not set") when actions have it. */
export function listedRag(key: RagKey, count: number | undefined): boolean {
  return (count ?? 0) > 0 || (key !== NOT_SET && RAG_MEANING[key].usual);
}

/** Whether an action with this status has finished (no status: not known to be). */
export function isFinished(status: Status | null): boolean {
  return status !== null && STATUS_MEANING[status].finished;
}

/** Whether an action's RAG says it is behind plan. */
export function isBehind(rag: Rag | null): boolean {
  return rag !== null && RAG_MEANING[rag].behind;
}

/** Glyph shown beside a direction, so colour is never the only cue. */
export const DIRECTION_GLYPH: Record<Direction, string> = {
  improved: "↑",
  deteriorated: "↓",
  unchanged: "↔",
  new: "new",
};

/** A direction in words: "no change" for unchanged. */
export const DIRECTION_NAME: Record<Direction, string> = {
  improved: "improved",
  deteriorated: "deteriorated",
  unchanged: "no change",
  new: "new",
};

export const VocabularySchema = z.object({
  status: z.record(StatusSchema, z.array(z.string())),
  rag: z.record(RagSchema, z.array(z.string())),
  direction: z.record(DirectionSchema, z.array(z.string())),
  /** Status words that also say a RAG ("On track" is in progress and Green): read as both. */
  impliedRag: z.partialRecord(RagSchema, z.array(z.string())).optional(),
});
export type Vocabulary = z.infer<typeof VocabularySchema>;

export const defaultVocabulary: Vocabulary = {
  status: {
    Completed: ["Completed", "Complete", "Done", "Achieved", "Delivered", "Finished", "Complete (C)", "Green (C)", "Blue (C)"],
    "In progress": [
      "In progress",
      "Ongoing",
      "On-going",
      "On track",
      "Underway",
      "Under way",
      "Started",
      "In hand",
      "Progressing",
      "Work in progress",
      "WIP",
      "Off track",
      "Delayed",
      "At risk",
      "Behind schedule",
    ],
    "On hold": ["On hold", "Paused", "Suspended", "Deferred", "Postponed", "Hold"],
    "Not yet started": ["Not yet started", "Not started", "Yet to start", "Not begun", "Planned", "To start", "Not due", "Not yet due", "Pipeline", "Candidate"],
    Closed: [
      "Closed",
      "Superseded",
      "Withdrawn",
      "Not adopted",
      "No longer required",
      "No longer needed",
      "No longer applicable",
      "Not taken forward",
      "Not progressed",
      "Cancelled",
      "Canceled",
      "Discontinued",
      "Abandoned",
      "Merged",
      "Replaced",
      "Subsumed",
      "Closed (not delivered)",
    ],
  },
  rag: {
    Red: ["Red", "R"],
    Amber: ["Amber", "Yellow", "A", "Y", "Orange"],
    Green: ["Green", "G"],
    Blue: ["Blue", "B"],
    White: ["White", "Grey", "Gray", "W"],
    // "Amber / Green", "Amber-Green" and "Amber Green" are one word to the lexicon (wordKey).
    "Amber/Red": ["Red/Amber", "Amber Red", "Red Amber", "A/R", "R/A", "AR"],
    "Amber/Green": ["Green/Amber", "Amber Green", "Green Amber", "A/G", "G/A", "AG"],
  },
  direction: {
    improved: ["↑", "⬆", "⇧", "▲", "↗", "⇑", "Up", "Improved", "Improving", "Better", "Improvement"],
    deteriorated: ["↓", "⬇", "⇩", "▼", "↘", "⇓", "Down", "Deteriorated", "Deteriorating", "Worse", "Declined", "Worsened"],
    unchanged: ["↔", "⟷", "⇔", "⬌", "←→", "↔︎", "→", "←", "<->", "=", "No change", "Unchanged", "Same", "Stable", "Static", "Steady"],
    new: ["New"],
  },
  impliedRag: {
    Green: ["On track", "Green (C)"],
    Amber: ["Delayed", "At risk", "Behind schedule"],
    Red: ["Off track"],
    Blue: ["Blue (C)"],
  },
};

/** An organisation's own words, added to the defaults: e.g. { status: { Completed: ["Signed off"] } }. */
export interface VocabularyExtension {
  status?: Partial<Record<Status, string[]>>;
  rag?: Partial<Record<Rag, string[]>>;
  direction?: Partial<Record<Direction, string[]>>;
  /** Status words (of this extension or the defaults) that also say a RAG. */
  impliedRag?: Partial<Record<Rag, string[]>>;
}

/** The extension as data from a user's file or workbook: checked, never trusted. */
export const VocabularyExtensionSchema = z
  .object({
    status: z.partialRecord(StatusSchema, z.array(z.string().min(1))).optional(),
    rag: z.partialRecord(RagSchema, z.array(z.string().min(1))).optional(),
    direction: z.partialRecord(DirectionSchema, z.array(z.string().min(1))).optional(),
    impliedRag: z.partialRecord(RagSchema, z.array(z.string().min(1))).optional(),
  })
  .strict();

/**
 * The defaults with an organisation's words added. A word the extension gives
 * a meaning to means that, wherever the defaults had it ("Delayed" → On hold).
 */
export function extendVocabulary(base: Vocabulary, extra: VocabularyExtension): Vocabulary {
  const redefined = new Set<string>();
  for (const part of [extra.status, extra.rag, extra.direction, extra.impliedRag]) {
    for (const words of Object.values(part ?? {}) as (string[] | undefined)[]) for (const w of words ?? []) redefined.add(wordKey(w));
  }
  const merge = <K extends string>(a: Record<K, string[]>, b?: Partial<Record<K, string[]>>): Record<K, string[]> => {
    const out = {} as Record<K, string[]>;
    for (const key of Object.keys(a) as K[]) out[key] = (a[key] ?? []).filter((w) => w === key || !redefined.has(wordKey(w)));
    for (const key of Object.keys(b ?? {}) as K[]) out[key] = [...(out[key] ?? []), ...(b?.[key] ?? [])];
    return out;
  };
  const implied = merge<Rag>({ ...(base.impliedRag ?? {}) } as Record<Rag, string[]>, extra.impliedRag);
  return VocabularySchema.parse({
    status: merge(base.status, extra.status),
    rag: merge(base.rag, extra.rag),
    direction: merge(base.direction, extra.direction),
    impliedRag: implied,
  });
}

/** Case, spaces, hyphens, underscores and trailing punctuation do not matter. */
export function wordKey(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/\uFE0F|\uFE0E/g, "")
    .toLowerCase()
    .replace(/[\s\-_]+/g, "")
    .replace(/[.,;:!?*]+$/, "");
}

export type Kind = "status" | "rag" | "direction";

export interface WordMatch<T extends string = string> {
  kind: Kind;
  canonical: T;
  /** True when the text is the canonical word itself (ignoring case and surrounding spaces). */
  exact: boolean;
}

/** Look-ups built once from a vocabulary. */
/** A cell's RAG and direction of travel, read together ("Green ↑"), and what is left. */
export interface RagAndDirection {
  rag?: WordMatch<Rag>;
  direction?: WordMatch<Direction>;
  rest: string;
}

export class Lexicon {
  private readonly index = new Map<string, { kind: Kind; canonical: string }>();
  private readonly words: { key: string; word: string; kind: Kind }[] = [];
  private readonly implied = new Map<string, Rag>();
  /** What each text was read as, when remembering (see `remembering`). */
  private memo: { lookup: Map<string, WordMatch | null>; implied: Map<string, Rag | null>; split: Map<string, RagAndDirection> } | null = null;

  constructor(readonly vocabulary: Vocabulary = defaultVocabulary) {
    const add = (kind: Kind, table: Record<string, string[] | undefined>, canonicals: readonly string[]) => {
      for (const canonical of canonicals) {
        for (const word of [canonical, ...(table[canonical] ?? [])]) {
          const key = wordKey(word);
          if (!key || this.index.has(key)) continue;
          this.index.set(key, { kind, canonical });
          this.words.push({ key, word, kind });
        }
      }
    };
    add("status", vocabulary.status, STATUSES);
    // The scale's points last: a words sheet that says "Amber/Green" means Green is the tracker's own reading.
    add("rag", vocabulary.rag, RAGS);
    add("rag", vocabulary.rag, RAG_POINTS);
    add("direction", vocabulary.direction, DIRECTIONS);
    for (const rag of RAGS) for (const word of vocabulary.impliedRag?.[rag] ?? []) if (!this.implied.has(wordKey(word))) this.implied.set(wordKey(word), rag);
  }

  /**
   * This lexicon, remembering what each text it is asked about reads as: one
   * tracker's cells repeat the same few words thousands of times, and each is
   * then normalised once. For one read: what it remembers lasts as long as it.
   */
  remembering(): Lexicon {
    const view = Object.create(this) as Lexicon;
    view.memo = { lookup: new Map(), implied: new Map(), split: new Map() };
    return view;
  }

  /** The RAG a status word also says ("On track" → Green), or null. */
  impliedRag(text: string): Rag | null {
    const memo = this.memo?.implied;
    const known = memo?.get(text);
    if (known !== undefined) return known;
    const rag = this.status(text) ? (this.implied.get(wordKey(text.trim())) ?? null) : null;
    memo?.set(text, rag);
    return rag;
  }

  /** Any kind: what the word means, or null. */
  lookup(text: string): WordMatch | null {
    const memo = this.memo?.lookup;
    const known = memo?.get(text);
    if (known !== undefined) return known;
    const match = this.read(text);
    memo?.set(text, match);
    return match;
  }

  private read(text: string): WordMatch | null {
    const trimmed = text.trim();
    const hit = this.index.get(wordKey(trimmed));
    if (!hit) return null;
    return { kind: hit.kind, canonical: hit.canonical, exact: trimmed.toLowerCase() === hit.canonical.toLowerCase() };
  }

  status(text: string): WordMatch<Status> | null {
    const m = this.lookup(text);
    return m && m.kind === "status" ? (m as WordMatch<Status>) : null;
  }

  rag(text: string): WordMatch<Rag> | null {
    const m = this.lookup(text);
    return m && m.kind === "rag" ? (m as WordMatch<Rag>) : null;
  }

  direction(text: string): WordMatch<Direction> | null {
    const m = this.lookup(text);
    return m && m.kind === "direction" ? (m as WordMatch<Direction>) : null;
  }

  /**
   * A cell such as "Green ↑" or "↔" or "Amber - no change" may hold a RAG and a
   * direction together: read each part.
   */
  splitRagAndDirection(text: string): RagAndDirection {
    const memo = this.memo?.split;
    const known = memo?.get(text);
    if (known !== undefined) return known;
    const parts = this.split(text);
    memo?.set(text, parts);
    return parts;
  }

  private split(text: string): RagAndDirection {
    const whole = this.lookup(text);
    if (whole?.kind === "rag") return { rag: whole as WordMatch<Rag>, rest: "" };
    if (whole?.kind === "direction") return { direction: whole as WordMatch<Direction>, rest: "" };
    let rag: WordMatch<Rag> | undefined;
    let direction: WordMatch<Direction> | undefined;
    let ragAt = -2;
    const rest: string[] = [];
    // Arrows may touch words ("Green↑"): put spaces around any non-letter, non-digit symbol.
    const parts = text
      .replace(/([^\p{L}\p{N}\s])/gu, " $1 ")
      .split(/[\s/|,()\-–—]+/)
      .filter(Boolean);
    // Try two-word phrases first ("no change"), then single words.
    for (let i = 0; i < parts.length; i++) {
      const pair = i + 1 < parts.length ? this.lookup(`${parts[i]} ${parts[i + 1]}`) : null;
      if (pair && pair.kind === "direction" && !direction) {
        direction = pair as WordMatch<Direction>;
        i++;
        continue;
      }
      const one = this.lookup(parts[i]);
      // Two neighbouring colours side by side ("Amber/Green ↑", "Red - Amber"): a point of the five-point scale.
      const point = one?.kind === "rag" && rag && ragAt === i - 1 && parts[i].length > 1 ? pointOf(rag.canonical, one.canonical as Rag) : null;
      if (point) {
        rag = { kind: "rag", canonical: point, exact: false };
        ragAt = -2;
        continue;
      }
      // Two colours side by side that are no point of the scale ("Red/Green", "Blue - Green"): no RAG can be
      // read from the cell, rather than the first colour taken without a word.
      if (one?.kind === "rag" && rag && ragAt === i - 1 && parts[i].length > 1) {
        return { direction, rest: text };
      }
      if (one?.kind === "rag" && !rag && parts[i].length > 1) {
        rag = one as WordMatch<Rag>;
        ragAt = i;
      }
      else if (one?.kind === "direction" && !direction) direction = one as WordMatch<Direction>;
      else rest.push(parts[i]);
    }
    return { rag, direction, rest: rest.join(" ") };
  }

  /** The accepted words of one kind, for messages. */
  accepted(kind: Kind): string[] {
    const canonicals: readonly string[] = kind === "status" ? STATUSES : kind === "rag" ? RAGS : DIRECTIONS;
    return [...canonicals];
  }

  /**
   * A near miss strict enough to change a cell with (suggest() is for messages):
   * the usual word (not a short alias: "R", "wip", "red") one typo away (a letter
   * missing, extra, wrong, or two swapped), two for a long word, with the same
   * first letter and at least four letters typed — "In progres", "On hlod",
   * "Not yet strated" — but never "Due", "TBD", "Gold" or "Rated", which are
   * other words, nor "Gren", as near to Grey as to Green.
   */
  nearMiss(text: string, kind: Kind): string | null {
    const key = wordKey(text);
    if (key.length < 4) return null;
    let best: { word: string; distance: number } | null = null;
    let tie = false;
    for (const w of this.words) {
      if (w.kind !== kind || w.key.length < 4 || w.key[0] !== key[0]) continue;
      const canonical = this.index.get(w.key)!.canonical;
      const d = typoDistance(key, w.key);
      if (!best || d < best.distance) {
        best = { word: canonical, distance: d };
        tie = false;
      } else if (d === best.distance && best.word !== canonical) tie = true;
    }
    if (!best || tie) return null;
    return best.distance <= (key.length >= 10 ? 2 : 1) ? best.word : null;
  }

  /** The nearest known word of a kind, for "did you mean …". */
  suggest(text: string, kind: Kind): string | null {
    const key = wordKey(text);
    if (!key) return null;
    let best: { word: string; distance: number } | null = null;
    for (const w of this.words) {
      if (w.kind !== kind || w.key.length < 2) continue;
      const d = editDistance(key, w.key);
      if (!best || d < best.distance) best = { word: this.index.get(w.key)!.canonical, distance: d };
    }
    if (!best) return null;
    const limit = Math.max(2, Math.floor(key.length / 3));
    return best.distance <= limit ? best.word : null;
  }
}

/** The point between two neighbouring colours, either way round ("Green", "Amber" → Amber/Green), or null. */
export function pointOf(a: Rag, b: Rag): RagPoint | null {
  const pair = [a, b].sort().join("+");
  return pair === "Amber+Green" ? "Amber/Green" : pair === "Amber+Red" ? "Amber/Red" : null;
}

/** The colour a text on the five-point scale names first ("Green/Amber" → Green, "AG" → Amber), for a tracker not on that scale. */
export function firstColour(text: string, point: RagPoint, lexicon: Lexicon): Rag {
  for (const part of text.split(/[\s/|,()\-–—]+/)) {
    const m = part.length > 1 ? lexicon.rag(part) : null;
    if (m && !isRagPoint(m.canonical)) return m.canonical;
  }
  return POINT_FIRST[point];
}

let usual: Lexicon | undefined;

/** The lexicon of the default vocabulary, made once and shared (a Lexicon is never changed once made; `remembering` gives a view of its own). */
export function defaultLexicon(): Lexicon {
  return (usual ??= new Lexicon());
}

/** Edit distance where swapping two neighbouring letters ("hlod") is one typo, not two. */
export function typoDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

/** The fields that take a drop-down list of the vocabulary's words. */
export type ValidationField = "status" | "rag" | "direction" | "rag-direction";
