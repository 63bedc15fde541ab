/**
 * What changed since last period: for every action, whether its update is new.
 *
 * An earlier workbook gives each action's update text; a snapshot keeps a
 * fingerprint of it (`updateFingerprint`, in the snapshot's "Update
 * fingerprint" column), so the snapshot sheet stays small and holds no copy of
 * the officers' text. Updates are compared word for word, ignoring only
 * spaces and line breaks between words.
 */
import type { PeriodAction } from "./direction";
import { STATUS_MEANING, isBehind, isFinished } from "../words/vocabulary";
import type { Rag, Status } from "../words/vocabulary";

export type UpdateChange = "updated" | "not-updated" | "new" | "not-compared";

export interface UpdateCounts {
  /** The previous period's label. */
  since: string;
  /** Actions whose update differs from last period's. */
  updated: number;
  /** Actions whose update is word for word the same (an empty update that stayed empty too). */
  notUpdated: number;
  /** Actions that were not in the previous period. */
  new: number;
  /** Actions whose previous update is not known (a snapshot taken before fingerprints were kept, or a previous period with no update text at all). */
  notCompared: number;
  /** Set when the counts come from the workbook's Change log (the rows of this period, named here), not from comparing the texts. */
  fromChangeLog?: string;
}

export interface UpdateComparison {
  counts: UpdateCounts;
  /** By action reference (upper case, trimmed). */
  byId: Map<string, UpdateChange>;
}

/** Spaces and line breaks between words do not make an update new. */
export function normaliseUpdate(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** cyrb53 (public domain): a 53-bit string hash, the same in every host. */
function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** "u1:312:1f3a…": the version, the length of the normalised text and its hash. Never empty, even for no update. */
export function updateFingerprint(text: string): string {
  const t = normaliseUpdate(text);
  return `u1:${t.length}:${hash53(t).toString(16)}`;
}

/** The previous period's fingerprint of an action's update: kept in a snapshot, or made from an earlier workbook's text. */
export function previousFingerprint(p: PeriodAction): string | null {
  if (p.updateFingerprint) return p.updateFingerprint;
  return typeof p.update === "string" ? updateFingerprint(p.update) : null;
}

function key(id: string): string {
  return id.trim().toUpperCase();
}

const NO_UPDATE = updateFingerprint("");

/**
 * Whether the previous period kept any update at all: a period whose every
 * update is empty (an earlier workbook without update text, as the June 2021
 * sample) says nothing about what was written then, so its updates are not compared.
 */
function keptUpdates(previous: readonly PeriodAction[]): boolean {
  return previous.some((p) => {
    const was = previousFingerprint(p);
    return was !== null && was !== NO_UPDATE;
  });
}

/** Compare each action's update with the previous period's (none compared when the previous period kept no update text). */
export function compareUpdates(now: readonly { id: string; update: string }[], previous: readonly PeriodAction[], since: string): UpdateComparison {
  const before = new Map<string, PeriodAction>();
  for (const p of previous) if (!before.has(key(p.id))) before.set(key(p.id), p);
  const kept = keptUpdates(previous);
  const counts: UpdateCounts = { since, updated: 0, notUpdated: 0, new: 0, notCompared: 0 };
  const byId = new Map<string, UpdateChange>();
  for (const a of now) {
    const p = before.get(key(a.id));
    const was = p && kept ? previousFingerprint(p) : null;
    const change: UpdateChange = !p ? "new" : was === null ? "not-compared" : was === updateFingerprint(a.update) ? "not-updated" : "updated";
    // A duplicated reference counts each time, as in the comparison of statuses.
    if (!byId.has(key(a.id))) byId.set(key(a.id), change);
    if (change === "updated") counts.updated++;
    else if (change === "not-updated") counts.notUpdated++;
    else if (change === "new") counts.new++;
    else counts.notCompared++;
  }
  return { counts, byId };
}

/**
 * Whether an action still open needs a new update: being delivered (in
 * progress) or behind plan (Red, Amber), and not finished. Its unchanged update
 * is an exception ("no new update since …").
 */
export function stillOpen(a: { status: Status | null; rag: Rag | null }): boolean {
  if (isFinished(a.status)) return false;
  return (a.status !== null && STATUS_MEANING[a.status].delivering) || isBehind(a.rag);
}

/** The words a document uses for a change, e.g. "Updated since June 2021". */
export function updateChangeWords(change: UpdateChange, since: string): string {
  switch (change) {
    case "updated":
      return `Updated since ${since}`;
    case "not-updated":
      return `No new update since ${since}`;
    case "new":
      return `New since ${since}`;
    default:
      return `Not compared (no update text kept for ${since})`;
  }
}
