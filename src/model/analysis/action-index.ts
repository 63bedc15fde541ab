/**
 * An index of a tracker's actions for the ACTIONS worksheet functions: counts
 * by value (any status, RAG or direction word), theme and lead, built once so
 * that each call is a map look-up.
 */
import type { Action } from "../issues/schema";
import type { Result } from "../sheet/result";
import { DIRECTION_GLYPH, Kind, Lexicon, defaultLexicon } from "../words/vocabulary";
import { splitLeads } from "../words/leads";

export type IndexResult<T> = Result<{ value: T }, { code: "unknown-word" | "unknown-id"; message: string }>;

const ANY = "*";

/** Lower-case, single-spaced: themes and leads match whatever their case. */
export function nameKey(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, " ");
}


/** Small integer ids for the strings the index is keyed by, so keys are numbers, not concatenated text. */
class Ids {
  private readonly ids = new Map<string, number>([[ANY, 0]]);
  id(key: string): number {
    let n = this.ids.get(key);
    if (n === undefined) this.ids.set(key, (n = this.ids.size));
    return n;
  }
  find(key: string): number | undefined {
    return this.ids.get(key);
  }
}

const SHIFT = 2 ** 20;

export class ActionIndex {
  /** Count per (value, theme, lead): key = (value * 2^20 + theme) * 2^20 + lead. */
  private readonly counts = new Map<number, number>();
  /** Actions per (value, theme): key = value * 2^20 + theme. */
  private readonly matches = new Map<number, Action[]>();
  private readonly byId = new Map<string, Action>();
  private readonly themeNames: string[] = [];
  private readonly valueIds = new Ids();
  private readonly themeIds = new Ids();
  private readonly leadIds = new Ids();

  private readonly all: Action[] = [];

  constructor(
    actions: readonly Action[] = [],
    private readonly lexicon: Lexicon = defaultLexicon(),
  ) {
    this.add(actions);
  }

  /** The actions indexed, in tracker order. */
  get actions(): readonly Action[] {
    return this.all;
  }

  /** Theme and lead texts already read (a tracker repeats a few of each): the theme's id (-1: none), the leads' ids. */
  private readonly themeOf = new Map<string, number>();
  private readonly leadsOf = new Map<string, number[]>();
  /** The value ids of each status, RAG and direction seen, by its canonical word. */
  private readonly statusId = new Map<string, number>();
  private readonly ragId = new Map<string, number>();
  private readonly directionId = new Map<string, number>();

  private bump(key: number) {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  private themeId(theme: string): number {
    let id = this.themeOf.get(theme);
    if (id === undefined) {
      const themeKey = theme ? nameKey(theme) : "";
      if (!themeKey) id = -1;
      else {
        if (this.themeIds.find(themeKey) === undefined) this.themeNames.push(theme);
        id = this.themeIds.id(themeKey);
      }
      this.themeOf.set(theme, id);
    }
    return id;
  }

  /** 0 (any lead) and each of the action's leads, once. */
  private leadIdsOf(lead: string): number[] {
    let ids = this.leadsOf.get(lead);
    if (ids === undefined) this.leadsOf.set(lead, (ids = [0, ...new Set(splitLeads(lead).map((l) => this.leadIds.id(nameKey(l))))]));
    return ids;
  }

  private valueIdOf(ids: Map<string, number>, kind: string, word: string): number {
    let id = ids.get(word);
    if (id === undefined) ids.set(word, (id = this.valueIds.id(`${kind}:${word}`)));
    return id;
  }

  /** Count the action under (value, theme, lead) for each of its values, "any theme" and its theme, "any lead" and its leads. */
  private addValue(a: Action, v: number, theme: number, leads: readonly number[]) {
    for (let i = 0; i < 2; i++) {
      const t = i === 0 ? 0 : theme;
      if (i === 1 && theme < 0) break;
      const vt = v * SHIFT + t;
      for (const l of leads) this.bump(vt * SHIFT + l);
      const list = this.matches.get(vt);
      if (list) list.push(a);
      else this.matches.set(vt, [a]);
    }
  }

  /** Index more actions (the tracker's next ones): a big tracker can be indexed a slice at a time. */
  add(actions: readonly Action[]): this {
    for (const a of actions) {
      this.all.push(a);
      const id = a.id.toUpperCase();
      if (!this.byId.has(id)) this.byId.set(id, a);
      const theme = this.themeId(a.theme);
      const leads = this.leadIdsOf(a.lead);
      this.addValue(a, 0, theme, leads);
      if (a.status) this.addValue(a, this.valueIdOf(this.statusId, "status", a.status), theme, leads);
      if (a.rag) this.addValue(a, this.valueIdOf(this.ragId, "rag", a.rag), theme, leads);
      if (a.direction) this.addValue(a, this.valueIdOf(this.directionId, "direction", a.direction), theme, leads);
    }
    return this;
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

  /** The value's id (0: any value); null for a known word no action has; an error for an unknown word. */
  private valueId(word: string | null): IndexResult<number | null> {
    if (word === null || word.trim() === "") return { ok: true, value: 0 };
    const r = this.resolve(word);
    if (!r.ok) return r;
    return { ok: true, value: this.valueIds.find(`${r.value.kind}:${r.value.canonical}`) ?? null };
  }

  private filterId(ids: Ids, name: string | null | undefined): number | null {
    return name ? (ids.find(nameKey(name)) ?? null) : 0;
  }

  count(word: string, theme?: string | null, lead?: string | null): IndexResult<number> {
    const v = this.valueId(word);
    if (!v.ok) return v;
    const t = this.filterId(this.themeIds, theme);
    const l = this.filterId(this.leadIds, lead);
    if (v.value === null || t === null || l === null) return { ok: true, value: 0 };
    return { ok: true, value: this.counts.get((v.value * SHIFT + t) * SHIFT + l) ?? 0 };
  }

  total(theme?: string | null): number {
    const t = this.filterId(this.themeIds, theme);
    return t === null ? 0 : (this.counts.get(t * SHIFT) ?? 0);
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
    const v = this.valueId(word);
    if (!v.ok) return v;
    const t = this.filterId(this.themeIds, theme);
    if (v.value === null || t === null) return { ok: true, value: [] };
    return { ok: true, value: this.matches.get(v.value * SHIFT + t) ?? [] };
  }

  themes(): string[] {
    return [...this.themeNames];
  }
}
