/**
 * The Panel Summary's sentences: the paste-ready sentence and the seed's own
 * list, in the seed's style, from counts by status (or by RAG, for trackers
 * without status), with the previous period's counts in brackets.
 */
import { RAG_KEYS, RAG_MEANING, RagCounts, RagKey, STATUS_KEYS, STATUS_MEANING, StatusKey } from "../words/vocabulary";

/** One category a sentence counts: a status (or a RAG, for trackers without status). */
export interface SentenceCategory {
  /** Actions in it now. */
  now: number;
  /** Actions in it in the previous period (ignored without a previous label). */
  before?: number;
  /** How it reads after "are": "complete", "in progress", "without a status". */
  adjective: string;
  /** The seed's list: verb (singular, plural) and the quoted word: ["has", "have", "'not yet started'"]. */
  listed: [string, string, string];
  /** Mentioned even when there are none now or before (the four statuses). */
  always?: boolean;
}

const STATUS_WORDING: Record<StatusKey, Pick<SentenceCategory, "adjective" | "listed">> = {
  Completed: { adjective: "complete", listed: ["is", "are", "'complete'"] },
  "In progress": { adjective: "in progress", listed: ["is", "are", "'in progress'"] },
  "On hold": { adjective: "on hold", listed: ["is", "are", "'on hold'"] },
  "Not yet started": { adjective: "not yet started", listed: ["has", "have", "'not yet started'"] },
  Closed: { adjective: "closed without being delivered", listed: ["is", "are", "'closed'"] },
  "Not set": { adjective: "without a status", listed: ["has", "have", "no status"] },
};

const RAG_WORDING: Record<RagKey, Pick<SentenceCategory, "adjective" | "listed">> = {
  Red: { adjective: "Red", listed: ["is", "are", "'Red'"] },
  Amber: { adjective: "Amber", listed: ["is", "are", "'Amber'"] },
  Green: { adjective: "Green", listed: ["is", "are", "'Green'"] },
  Blue: { adjective: "Blue", listed: ["is", "are", "'Blue'"] },
  White: { adjective: "White", listed: ["is", "are", "'White'"] },
  "Amber/Red": { adjective: "Amber/Red", listed: ["is", "are", "'Amber/Red'"] },
  "Amber/Green": { adjective: "Amber/Green", listed: ["is", "are", "'Amber/Green'"] },
  "Not set": { adjective: "without a RAG rating", listed: ["has", "have", "no RAG rating"] },
};

/** "a", "a or b", "a, b or c". */
function orList(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

/** "a", "a and b", "a, b and c". */
export function andList(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

function sum(ns: number[]): number {
  return ns.reduce((s, n) => s + n, 0);
}

/** The categories a sentence names: the ones always named, and any other that has actions now or had before. */
export function named(categories: readonly SentenceCategory[], previousLabel: string | undefined): SentenceCategory[] {
  return categories.filter((c) => c.always || c.now > 0 || (previousLabel !== undefined && (c.before ?? 0) > 0));
}

export function bracket(n: number, previousLabel: string | undefined): string {
  return previousLabel === undefined ? "" : ` (${n === 0 ? "none" : n} in ${previousLabel})`;
}

/**
 * The paste-ready sentence, in the seed's style: every category with actions
 * gets its own clause, in order; the categories with none now are grouped in
 * one last clause, with the previous period's count of the group:
 * "Of the 97 actions, 45 are complete (38 in June 2021), 52 are in progress
 * (55 in June 2021) and none are on hold or not yet started (4 in June 2021)."
 * No brackets without a previous period.
 */
export function countSentence(total: number, categories: readonly SentenceCategory[], previousLabel?: string, previousTotal?: number): string {
  const shown = named(categories, previousLabel);
  const some = shown.filter((c) => c.now > 0);
  const none = shown.filter((c) => c.now === 0);
  const noneBefore = sum(none.map((c) => c.before ?? 0));
  if (total === 0) {
    return `There are no actions in the Delivery Plan${previousLabel !== undefined && previousTotal !== undefined ? bracket(previousTotal, previousLabel) : ""}.`;
  }
  if (total === 1) {
    const only = some[0];
    const rest = none.length && previousLabel !== undefined && noneBefore > 0 ? `; none is ${orList(none.map((c) => c.adjective))}${bracket(noneBefore, previousLabel)}` : "";
    return only ? `The one action is ${only.adjective}${bracket(only.before ?? 0, previousLabel)}${rest}.` : "There is one action.";
  }
  const clauses = some.map((c) => `${c.now === total ? "all" : c.now} ${c.now === 1 ? "is" : "are"} ${c.adjective}${bracket(c.before ?? 0, previousLabel)}`);
  if (none.length) clauses.push(`none are ${orList(none.map((c) => c.adjective))}${bracket(noneBefore, previousLabel)}`);
  return `Of the ${total} actions, ${andList(clauses)}.`;
}

/** "are 'on hold' or have 'not yet started'": the verb is said again only when it changes. */
function listedPhrases(categories: SentenceCategory[], plural: boolean): string {
  let lastVerb = "";
  const parts = categories.map((c) => {
    const verb = plural ? c.listed[1] : c.listed[0];
    const part = verb === lastVerb ? c.listed[2] : `${verb} ${c.listed[2]}`;
    lastVerb = verb;
    return part;
  });
  return orList(parts);
}

/**
 * The seed's own list: "The Delivery Plan shows that of the 97 actions:",
 * "45 actions are 'complete' (38 in June 2021)", …, "No actions are 'on hold'
 * or have 'not yet started' (4 in June 2021)".
 */
export function countList(total: number, categories: readonly SentenceCategory[], previousLabel?: string): { intro: string; bullets: string[] } {
  if (total === 0) return { intro: "The Delivery Plan shows no actions.", bullets: [] };
  const shown = named(categories, previousLabel);
  const some = shown.filter((c) => c.now > 0);
  const none = shown.filter((c) => c.now === 0);
  const bullets = some.map((c) => `${c.now} ${c.now === 1 ? "action" : "actions"} ${listedPhrases([c], c.now !== 1)}${bracket(c.before ?? 0, previousLabel)}`);
  if (none.length) bullets.push(`No actions ${listedPhrases(none, true)}${bracket(sum(none.map((c) => c.before ?? 0)), previousLabel)}`);
  return { intro: total === 1 ? "The Delivery Plan shows that of its one action:" : `The Delivery Plan shows that of the ${total} actions:`, bullets };
}

/** The categories of the status sentence, from this period's and the previous period's counts. */
export function statusCategories(now: Record<StatusKey, number>, before?: Record<StatusKey, number>): SentenceCategory[] {
  return STATUS_KEYS.map((s) => ({ now: now[s], before: before?.[s], ...STATUS_WORDING[s], always: s !== "Not set" && STATUS_MEANING[s].usual }));
}

/** The categories of the RAG sentence (trackers with a RAG and no status). */
export function ragCategories(now: RagCounts, before?: RagCounts): SentenceCategory[] {
  return RAG_KEYS.map((r) => ({ now: now[r] ?? 0, before: before ? (before[r] ?? 0) : undefined, ...RAG_WORDING[r], always: r !== "Not set" && RAG_MEANING[r].usual }));
}
