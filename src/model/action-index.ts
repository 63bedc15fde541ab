/**
 * An index of a tracker's actions for the ACTIONS worksheet functions: counts
 * by value (any status, RAG or direction word), theme and lead, built once so
 * that each call is a map look-up.
 */
import type { Action } from "./schema";
import { DIRECTION_GLYPH, Kind, Lexicon } from "./vocabulary";

export type IndexResult<T> = { ok: true; value: T } | { ok: false; code: "unknown-word" | "unknown-id"; message: string };

const ANY = "*";

/** Lower-case, single-spaced: themes and leads match whatever their case. */
export function nameKey(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, " ");
}

/** "NP / CS", "CS/JH", "AW & DG" → each lead on their own. */
export function splitLeads(text: string): string[] {
  return text
    .split(/\s*(?:\/|,|&|\band\b|;)\s*/i)
    .map((s) => s.trim())
    .filter(Boolean);
}

export class ActionIndex {
  private readonly counts = new Map<string, number>();
  private readonly matches = new Map<string, Action[]>();
  private readonly byId = new Map<string, Action>();
  private readonly themeNames: string[] = [];

  constructor(
    readonly actions: readonly Action[],
    private readonly lexicon: Lexicon = new Lexicon(),
  ) {
    const seenThemes = new Set<string>();
    for (const a of actions) {
      if (!this.byId.has(a.id.toUpperCase())) this.byId.set(a.id.toUpperCase(), a);
      const theme = a.theme ? nameKey(a.theme) : "";
      if (a.theme && !seenThemes.has(theme)) {
        seenThemes.add(theme);
        this.themeNames.push(a.theme);
      }
      const leads = [ANY, ...new Set(splitLeads(a.lead).map(nameKey))];
      const values = [ANY];
      if (a.status) values.push(`status:${a.status}`);
      if (a.rag) values.push(`rag:${a.rag}`);
      if (a.direction) values.push(`direction:${a.direction}`);
      for (const v of values) {
        for (const t of theme ? [ANY, theme] : [ANY]) {
          for (const l of leads) {
            const key = `${v}|${t}|${l}`;
            this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
          }
          if (leads.length) {
            const listKey = `${v}|${t}`;
            const list = this.matches.get(listKey) ?? [];
            list.push(a);
            this.matches.set(listKey, list);
          }
        }
      }
    }
  }

  /** What a word means: "In progress", "in-progress", "Yellow", "↑", "improved"… */
  resolve(word: string): IndexResult<{ kind: Kind; canonical: string }> {
    const m = this.lexicon.lookup(String(word ?? ""));
    if (!m) {
      const words = [
        ...this.lexicon.accepted("status"),
        ...this.lexicon.accepted("rag"),
        ...Object.values(DIRECTION_GLYPH),
        "improved",
        "deteriorated",
        "no change",
      ];
      return { ok: false, code: "unknown-word", message: `"${word}" is not a status, RAG or direction we know. Use one of: ${words.join(", ")}.` };
    }
    return { ok: true, value: { kind: m.kind, canonical: m.canonical } };
  }

  private key(word: string | null): IndexResult<string> {
    if (word === null || word.trim() === "") return { ok: true, value: ANY };
    const r = this.resolve(word);
    return r.ok ? { ok: true, value: `${r.value.kind}:${r.value.canonical}` } : r;
  }

  count(word: string, theme?: string | null, lead?: string | null): IndexResult<number> {
    const k = this.key(word);
    if (!k.ok) return k;
    const t = theme ? nameKey(theme) : ANY;
    const l = lead ? nameKey(lead) : ANY;
    return { ok: true, value: this.counts.get(`${k.value}|${t}|${l}`) ?? 0 };
  }

  total(theme?: string | null): number {
    return this.counts.get(`${ANY}|${theme ? nameKey(theme) : ANY}|${ANY}`) ?? 0;
  }

  /** The share of actions (of a theme) with the word: 0–1. */
  percent(word: string, theme?: string | null): IndexResult<number> {
    const c = this.count(word, theme);
    if (!c.ok) return c;
    const total = this.total(theme);
    return { ok: true, value: total === 0 ? 0 : c.value / total };
  }

  find(id: string): IndexResult<Action> {
    const a = this.byId.get(String(id).trim().replace(/\.$/, "").toUpperCase());
    return a ? { ok: true, value: a } : { ok: false, code: "unknown-id", message: `No action with reference "${id}" in the tracker.` };
  }

  list(word: string, theme?: string | null): IndexResult<Action[]> {
    const k = this.key(word);
    if (!k.ok) return k;
    return { ok: true, value: this.matches.get(`${k.value}|${theme ? nameKey(theme) : ANY}`) ?? [] };
  }

  themes(): string[] {
    return [...this.themeNames];
  }
}
