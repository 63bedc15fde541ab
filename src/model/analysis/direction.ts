/**
 * Direction of travel against the previous period: by RAG when both periods
 * have one (Red < Amber < Green < Blue/complete), otherwise by status
 * (Not yet started, On hold < In progress < Completed). Actions new since, or
 * gone since, the previous period are counted apart. Where a tracker has no
 * reference column (its actions are called "Row 12"), actions are matched by
 * their wording instead: the same or close wording is the same action, and a
 * changed wording is reported as renamed rather than "removed" plus "new".
 */
import type { Action, Issue } from "../issues/schema";
import { Direction, Rag, STATUSES, Status } from "../words/vocabulary";
import { raise } from "../issues/issues";

/** What the previous period knew of an action (from a snapshot or an earlier workbook). */
export interface PeriodAction {
  id: string;
  status: Status | null;
  rag: Rag | null;
  /** A snapshot's fingerprint of the action's update (updates.ts), when it kept one. */
  updateFingerprint?: string | null;
  /** An earlier workbook's update text (an Action passed as the previous period). */
  update?: string;
  /** The action's wording, when known (an earlier workbook; snapshots do not keep it). */
  action?: string;
}

export interface ActionChange {
  id: string;
  direction: Direction;
  basis: "rag" | "status" | "new";
  from: string | null;
  to: string | null;
}

export interface Comparison {
  changes: ActionChange[];
  /** References in the previous period and not in this one. */
  removed: string[];
  /** Actions with no reference matched by close but changed wording: this period's id, the previous one's, and both wordings. */
  renamed: { id: string; previousId: string; from: string; to: string }[];
  counts: Record<Direction | "removed", number>;
}

const RAG_RANK: Partial<Record<Rag, number>> = { Red: 0, Amber: 1, Green: 2, Blue: 3 };
// Closed (not delivered) is finished like Completed: never a deterioration, never an exception.
const STATUS_RANK: Record<Status, number> = { "Not yet started": 0, "On hold": 0, "In progress": 1, Completed: 2, Closed: 2 };

function key(id: string): string {
  return id.trim().toUpperCase();
}

export function directionBetween(before: PeriodAction, now: PeriodAction): Omit<ActionChange, "id"> {
  const a = before.rag ? RAG_RANK[before.rag] : undefined;
  const b = now.rag ? RAG_RANK[now.rag] : undefined;
  if (a !== undefined && b !== undefined) {
    return { direction: b > a ? "improved" : b < a ? "deteriorated" : "unchanged", basis: "rag", from: before.rag, to: now.rag };
  }
  const s = before.status ? STATUS_RANK[before.status] : undefined;
  const t = now.status ? STATUS_RANK[now.status] : undefined;
  if (s !== undefined && t !== undefined) {
    return { direction: t > s ? "improved" : t < s ? "deteriorated" : "unchanged", basis: "status", from: before.status, to: now.status };
  }
  return { direction: "unchanged", basis: "status", from: before.status ?? before.rag, to: now.status ?? now.rag };
}

/** The name readTracker gives an action with no reference. */
const UNREFERENCED = /^Row \d+$/;

function words(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length > 2),
  );
}

/** How alike two wordings are: shared words over all words (Dice), 0 to 1. */
export function wordingLikeness(a: string, b: string): number {
  const x = words(a);
  const y = words(b);
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const w of x) if (y.has(w)) shared++;
  return (2 * shared) / (x.size + y.size);
}

/** Close enough to be the same action reworded. */
export const RENAMED_LIKENESS = 0.6;

export function compareWithPrevious(now: readonly PeriodAction[], previous: readonly PeriodAction[]): Comparison {
  const before = new Map<string, PeriodAction>();
  for (const p of previous) if (!before.has(key(p.id))) before.set(key(p.id), p);
  const matched = new Map<PeriodAction, PeriodAction>();
  const renamed: Comparison["renamed"] = [];
  // Unreferenced actions with wording on both sides: the same wording first, then the closest (greedy, best pairs first).
  const spare = new Set(previous.filter((p) => UNREFERENCED.test(p.id) && p.action?.trim()));
  const worded = now.filter((a) => UNREFERENCED.test(a.id) && a.action?.trim());
  const norm = (t: string) => t.trim().replace(/\s+/g, " ").toLowerCase();
  for (const a of worded) {
    const same = [...spare].find((p) => norm(p.action!) === norm(a.action!));
    if (same) {
      matched.set(a, same);
      spare.delete(same);
    }
  }
  const pairs: { a: PeriodAction; p: PeriodAction; score: number }[] = [];
  for (const a of worded) {
    if (matched.has(a)) continue;
    for (const p of spare) {
      const score = wordingLikeness(a.action!, p.action!);
      if (score >= RENAMED_LIKENESS) pairs.push({ a, p, score });
    }
  }
  pairs.sort((x, y) => y.score - x.score);
  for (const { a, p } of pairs) {
    if (matched.has(a) || !spare.has(p)) continue;
    matched.set(a, p);
    spare.delete(p);
    renamed.push({ id: a.id, previousId: p.id, from: p.action!, to: a.action! });
  }
  const used = new Set<PeriodAction>(matched.values());
  const changes: ActionChange[] = [];
  // Every action counts, a duplicated reference too (each is compared with the previous one of that reference).
  for (const a of now) {
    let p = matched.get(a);
    if (!p) {
      const byKey = before.get(key(a.id));
      // An unreferenced action is matched by its row only when wording could not be compared (a snapshot keeps none).
      const wordingKnown = byKey && UNREFERENCED.test(a.id) && a.action?.trim() && byKey.action?.trim();
      if (byKey && (!UNREFERENCED.test(a.id) || (!used.has(byKey) && !wordingKnown))) p = byKey;
    }
    if (p) used.add(p);
    changes.push(p ? { id: a.id, ...directionBetween(p, a) } : { id: a.id, direction: "new", basis: "new", from: null, to: a.status ?? a.rag });
  }
  const removed = [...before.values()].filter((p) => !used.has(p)).map((p) => p.id);
  const counts: Record<Direction | "removed", number> = { improved: 0, deteriorated: 0, unchanged: 0, new: 0, removed: removed.length };
  for (const c of changes) counts[c.direction]++;
  return { changes, removed, renamed, counts };
}

/**
 * Whether a change rests on something compared: a RAG in both periods, or a status in both.
 * Otherwise "unchanged" is only a default, and a typed arrow cannot be said to contradict it.
 */
function compared(c: ActionChange): boolean {
  const isStatus = (word: string | null) => word !== null && (STATUSES as readonly string[]).includes(word);
  return c.basis !== "status" || (isStatus(c.from) && isStatus(c.to));
}

/** Typed arrows that say something other than the comparison: a warning each. */
export function contradictions(sheet: string, actions: readonly Action[], comparison: Comparison, previousLabel: string): Issue[] {
  const byId = new Map(comparison.changes.map((c) => [key(c.id), c]));
  const issues: Issue[] = [];
  for (const a of actions) {
    const c = byId.get(key(a.id));
    if (!c || !a.direction || a.direction === c.direction || !compared(c)) continue;
    const cell = a.cells.direction ?? a.cells.rag ?? null;
    issues.push(
      raise("warning", "direction-contradicts", sheet, cell, {
        cell,
        id: a.id,
        typed: a.direction,
        compared: c.direction,
        basis: c.basis,
        from: c.from,
        to: c.to,
        previousLabel,
      }),
    );
  }
  return issues;
}
