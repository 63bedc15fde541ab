/** Counts of actions by status, RAG, direction, theme and lead. */
import type { Action } from "../issues/schema";
import { splitLeads } from "../words/leads";
import { DIRECTION_KEYS, DirectionKey, NOT_SET, RAG_KEYS, RagKey, STATUS_KEYS, StatusKey } from "../words/vocabulary";

export interface Counts {
  actions: number;
  status: Record<StatusKey, number>;
  rag: Record<RagKey, number>;
  direction: Record<DirectionKey, number>;
  byTheme: Record<string, { actions: number; status: Record<StatusKey, number>; rag: Record<RagKey, number> }>;
  byLead: Record<string, number>;
}

/** A count of 0 for each key, in the vocabulary's order ("Not set" last). */
function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const k of keys) out[k] = 0;
  return out;
}

/** What counting needs of an action: a previous period's actions have only a status and a RAG. */
export type Countable = Pick<Action, "status" | "rag"> & Partial<Pick<Action, "direction" | "theme" | "lead">>;

export function countActions(actions: readonly Countable[]): Counts {
  const counts: Counts = {
    actions: actions.length,
    status: zeros(STATUS_KEYS),
    rag: zeros(RAG_KEYS),
    direction: zeros(DIRECTION_KEYS),
    // Keyed by the tracker's own text: no prototype, so a theme called "valueOf" or a lead called
    // "constructor" is a key like any other.
    byTheme: Object.create(null) as Counts["byTheme"],
    byLead: Object.create(null) as Counts["byLead"],
  };
  for (const a of actions) {
    counts.status[a.status ?? NOT_SET]++;
    counts.rag[a.rag ?? NOT_SET]++;
    counts.direction[a.direction ?? NOT_SET]++;
    const theme = a.theme || "(no theme)";
    const t = (counts.byTheme[theme] ??= { actions: 0, status: zeros(STATUS_KEYS), rag: zeros(RAG_KEYS) });
    t.actions++;
    t.status[a.status ?? NOT_SET]++;
    t.rag[a.rag ?? NOT_SET]++;
    // A cell naming several leads ("CS/JH", "AW and DG") counts the action once for each of them.
    const leads = splitLeads(a.lead ?? "");
    for (const lead of leads.length ? leads : ["(no lead)"]) counts.byLead[lead] = (counts.byLead[lead] ?? 0) + 1;
  }
  return counts;
}

/** Actions by status alone (what countActions(actions).status gives, without the rest). */
export function countStatuses(actions: readonly Pick<Action, "status">[]): Record<StatusKey, number> {
  const out = zeros(STATUS_KEYS);
  for (const a of actions) out[a.status ?? NOT_SET]++;
  return out;
}

/** Actions by RAG alone (what countActions(actions).rag gives, without the rest). */
export function countRags(actions: readonly Pick<Action, "rag">[]): Record<RagKey, number> {
  const out = zeros(RAG_KEYS);
  for (const a of actions) out[a.rag ?? NOT_SET]++;
  return out;
}
