/** Counts of actions by status, RAG, direction, theme and lead. */
import type { Action } from "../issues/schema";
import { splitLeads } from "../words/leads";
import { DIRECTION_KEYS, DirectionKey, NOT_SET, RAG_KEYS, RAG_POINTS, RagCounts, STATUS_KEYS, StatusKey } from "../words/vocabulary";

export interface Counts {
  actions: number;
  status: Record<StatusKey, number>;
  rag: RagCounts;
  direction: Record<DirectionKey, number>;
  byTheme: Record<string, { actions: number; status: Record<StatusKey, number>; rag: RagCounts }>;
  byLead: Record<string, number>;
}

/** A count of 0 for each key, in the vocabulary's order ("Not set" last). */
function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const k of keys) out[k] = 0;
  return out;
}

/** A count by RAG of 0 for each key, the points of the five-point scale included until `dropUnusedPoints`. */
function ragZeros(): RagCounts {
  return zeros(RAG_KEYS) as RagCounts;
}

/** A count by RAG without the points no action has: a tracker not on the five-point scale is counted as it always was. */
function dropUnusedPoints(counts: RagCounts): RagCounts {
  for (const p of RAG_POINTS) if (!counts[p]) delete counts[p];
  return counts;
}

/** What counting needs of an action: a previous period's actions have only a status and a RAG. */
export type Countable = Pick<Action, "status" | "rag"> & Partial<Pick<Action, "direction" | "theme" | "lead">>;

export function countActions(actions: readonly Countable[]): Counts {
  const counts: Counts = {
    actions: actions.length,
    status: zeros(STATUS_KEYS),
    rag: ragZeros(),
    direction: zeros(DIRECTION_KEYS),
    // Keyed by the tracker's own text: no prototype, so a theme called "valueOf" or a lead called
    // "constructor" is a key like any other.
    byTheme: Object.create(null) as Counts["byTheme"],
    byLead: Object.create(null) as Counts["byLead"],
  };
  for (const a of actions) {
    counts.status[a.status ?? NOT_SET]++;
    counts.rag[a.rag ?? NOT_SET]!++;
    counts.direction[a.direction ?? NOT_SET]++;
    const theme = a.theme || "(no theme)";
    const t = (counts.byTheme[theme] ??= { actions: 0, status: zeros(STATUS_KEYS), rag: ragZeros() });
    t.actions++;
    t.status[a.status ?? NOT_SET]++;
    t.rag[a.rag ?? NOT_SET]!++;
    // A cell naming several leads ("CS/JH", "AW and DG") counts the action once for each of them.
    const leads = splitLeads(a.lead ?? "");
    for (const lead of leads.length ? leads : ["(no lead)"]) counts.byLead[lead] = (counts.byLead[lead] ?? 0) + 1;
  }
  dropUnusedPoints(counts.rag);
  for (const t of Object.values(counts.byTheme)) dropUnusedPoints(t.rag);
  return counts;
}

/** Actions by status alone (what countActions(actions).status gives, without the rest). */
export function countStatuses(actions: readonly Pick<Action, "status">[]): Record<StatusKey, number> {
  const out = zeros(STATUS_KEYS);
  for (const a of actions) out[a.status ?? NOT_SET]++;
  return out;
}

/** Actions by RAG alone (what countActions(actions).rag gives, without the rest). */
export function countRags(actions: readonly Pick<Action, "rag">[]): RagCounts {
  const out = ragZeros();
  for (const a of actions) out[a.rag ?? NOT_SET]!++;
  return dropUnusedPoints(out);
}
