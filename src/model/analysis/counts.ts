/** Counts of actions by status, RAG, direction, theme and lead. */
import type { Action } from "../issues/schema";
import { DIRECTIONS, Direction, RAGS, Rag, STATUSES, Status } from "../words/vocabulary";

export interface Counts {
  actions: number;
  status: Record<Status, number> & { "Not set": number };
  rag: Record<Rag, number> & { "Not set": number };
  direction: Record<Direction, number> & { "Not set": number };
  byTheme: Record<string, { actions: number; status: Record<Status | "Not set", number> }>;
  byLead: Record<string, number>;
}

function zeros<K extends string>(keys: readonly K[]): Record<K | "Not set", number> {
  const out = {} as Record<K | "Not set", number>;
  for (const k of keys) out[k] = 0;
  out["Not set"] = 0;
  return out;
}

/** What counting needs of an action: a previous period's actions have only a status and a RAG. */
export type Countable = Pick<Action, "status" | "rag"> & Partial<Pick<Action, "direction" | "theme" | "lead">>;

export function countActions(actions: readonly Countable[]): Counts {
  const counts: Counts = {
    actions: actions.length,
    status: zeros(STATUSES),
    rag: zeros(RAGS),
    direction: zeros(DIRECTIONS),
    // Keyed by the tracker's own text: no prototype, so a theme called "valueOf" or a lead called
    // "constructor" is a key like any other.
    byTheme: Object.create(null) as Counts["byTheme"],
    byLead: Object.create(null) as Counts["byLead"],
  };
  for (const a of actions) {
    counts.status[a.status ?? "Not set"]++;
    counts.rag[a.rag ?? "Not set"]++;
    counts.direction[a.direction ?? "Not set"]++;
    const theme = a.theme || "(no theme)";
    const t = (counts.byTheme[theme] ??= { actions: 0, status: zeros(STATUSES) });
    t.actions++;
    t.status[a.status ?? "Not set"]++;
    const lead = a.lead || "(no lead)";
    counts.byLead[lead] = (counts.byLead[lead] ?? 0) + 1;
  }
  return counts;
}

/** Actions by status alone (what countActions(actions).status gives, without the rest). */
export function countStatuses(actions: readonly Pick<Action, "status">[]): Record<Status | "Not set", number> {
  const out = zeros(STATUSES);
  for (const a of actions) out[a.status ?? "Not set"]++;
  return out;
}

/** Actions by RAG alone (what countActions(actions).rag gives, without the rest). */
export function countRags(actions: readonly Pick<Action, "rag">[]): Record<Rag | "Not set", number> {
  const out = zeros(RAGS);
  for (const a of actions) out[a.rag ?? "Not set"]++;
  return out;
}
