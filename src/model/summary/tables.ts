/**
 * The Panel Summary's tables, declared by their columns: one short function
 * per table. Each column has a key; its header, its width on the sheet and
 * whether the paper shows it go with the key, so a host finds a column by its
 * key, never by its letter, its position or its header text.
 */
import type { Action } from "../issues/schema";
import { countRags } from "../analysis/counts";
import type { Counts } from "../analysis/counts";
import type { UpdateComparison } from "../analysis/updates";
import { DIRECTION_COLOURS, RAG_COLOURS, STATUS_COLOURS } from "../plans/formatting";
import type { Colours } from "../plans/formatting";
import { DIRECTIONS, DIRECTION_GLYPH, DIRECTION_NAME, Direction, NOT_SET, RAG_KEYS, RagKey, STATUS_KEYS, everyRag, STATUS_MEANING, StatusKey, listedRag, listedStatus } from "../words/vocabulary";
import { bracket } from "./sentences";
import type { SentenceCategory } from "./sentences";
import { exceptionsCaption, noExceptions } from "./exceptions";
import type { SummaryColumn, SummaryException, SummaryPrevious, SummaryRow, SummaryTable } from "./types";

/** A direction as the summary says it: its glyph and its name ("↑ improved"), "new" alone. */
export const DIRECTION_WORDS: Record<Direction, string> = {
  improved: `${DIRECTION_GLYPH.improved} ${DIRECTION_NAME.improved}`,
  deteriorated: `${DIRECTION_GLYPH.deteriorated} ${DIRECTION_NAME.deteriorated}`,
  unchanged: `${DIRECTION_GLYPH.unchanged} ${DIRECTION_NAME.unchanged}`,
  new: DIRECTION_NAME.new,
};

/**
 * The widest each column may be, in characters: a row's name (the first column of every count table), a count,
 * a count with its bracket. The sheet makes each narrower when its content is (layout.ts), and all of them
 * narrower when the sheet would not print one landscape A4 page wide at 85% or more.
 */
const NAME_WIDTH = 30;
const COUNT_WIDTH = 14;
const REPORT_WIDTH = 22;

/** What the tables are made from. */
export interface SummaryFacts {
  actions: readonly Action[];
  counts: Counts;
  previous: SummaryPrevious | null;
  /** The previous period's label (undefined without one). */
  previousLabel: string | undefined;
  period: string;
  hasStatus: boolean;
  /** A RAG column, or RAG read from fills: without either, no table of RAG. */
  hasRag: boolean;
  hasLead: boolean;
  /** Counted by RAG: a tracker with a RAG and no status. */
  byRag: boolean;
  updates: UpdateComparison | null;
  exceptions: SummaryException[];
  exceptionRules: string[];
}

/** What the headline counts by. */
export function countedBy(f: Pick<SummaryFacts, "byRag">): "status" | "RAG" {
  return f.byRag ? "RAG" : "status";
}

/** The headline's categories, each a status (a RAG, for a tracker with only a RAG) or "Not set", in order. */
export interface HeadlineCategory extends SentenceCategory {
  key: string;
  colours: Colours | undefined;
}

const name = <K extends string>(key: K, header: string, paperWidth?: number): SummaryColumn<K> => ({ key, header, width: NAME_WIDTH, inPaper: true, paperWidth });
const count = <K extends string>(key: K, header: string, paperWidth?: number): SummaryColumn<K> => ({ key, header, width: COUNT_WIDTH, inPaper: true, paperWidth, align: "right" });

/** Actions by status (by RAG for a tracker that has only a RAG): now, and with a previous period, then and "45 (38 in June 2021)" for the report. */
export function headlineTable(f: SummaryFacts, categories: readonly HeadlineCategory[]): SummaryTable<"name" | "report" | "now" | "before"> {
  const label = f.previousLabel;
  const row = (title: string, now: number, before: number | undefined, colours?: Colours): SummaryRow<"name" | "report" | "now" | "before"> => ({
    cells: { name: title, report: `${now}${bracket(before ?? 0, label)}`, now, before: before ?? 0 },
    ...(colours ? { colours: { name: colours } } : {}),
  });
  return {
    id: "headline",
    caption: `Actions by ${countedBy(f)}, ${f.period}`,
    columns: [
      name("name", f.byRag ? "RAG" : "Status"),
      ...(label !== undefined
        ? [{ key: "report" as const, header: "For the report", width: REPORT_WIDTH, inPaper: false, align: "right" as const }, count("now", "Actions"), count("before", `Actions in ${label}`)]
        : [count("now", "Actions")]),
    ],
    rows: [...categories.map((c) => row(c.key, c.now, c.before, c.colours)), { ...row("All actions", f.actions.length, f.previous?.actions.length), total: true }],
    rowHeaders: true,
    empty: "There are no actions.",
  };
}

type ThemeKey = "theme" | StatusKey | "all";

/** Actions by theme and status: a column for each usual status (any other, and "Not set", when actions have it), then all statuses. */
export function themesTable(f: SummaryFacts): SummaryTable<ThemeKey> {
  const statuses = STATUS_KEYS.filter((s) => listedStatus(s, f.counts.status[s]));
  return {
    id: "themes",
    caption: "Actions by theme and status",
    columns: [name("theme", "Theme", 30), ...statuses.map((s) => count(s, s)), count("all", "All statuses")],
    rows: [
      ...Object.entries(f.counts.byTheme).map(([theme, t]) => ({ cells: { theme, ...t.status, all: t.actions } })),
      { cells: { theme: "All themes", ...f.counts.status, all: f.counts.actions }, total: true },
    ],
    rowHeaders: true,
    empty: "There are no actions.",
  };
}

type ThemeRagKey = "theme" | RagKey | "all";

/** Actions by theme and RAG, for a tracker with a RAG and no status: a column for each RAG listedRag lists. */
export function themeRagTable(f: SummaryFacts): SummaryTable<ThemeRagKey> {
  const shown = RAG_KEYS.filter((r) => listedRag(r, f.counts.rag[r]));
  return {
    id: "themes",
    caption: "Actions by theme and RAG",
    columns: [name("theme", "Theme", 30), ...shown.map((r) => count(r, r === NOT_SET ? "No RAG rating" : r)), count("all", "All actions")],
    rows: [
      ...Object.entries(f.counts.byTheme).map(([theme, t]) => ({ cells: { theme, ...everyRag(t.rag), all: t.actions } })),
      { cells: { theme: "All themes", ...everyRag(f.counts.rag), all: f.counts.actions }, total: true },
    ],
    rowHeaders: true,
    empty: "There are no actions.",
  };
}

/** The RAG of the actions being delivered: in progress, or with no status (a tracker with only a RAG). */
export function ragTable(f: SummaryFacts): SummaryTable<"rag" | "actions"> {
  const delivering = f.actions.filter((a) => a.status === null || STATUS_MEANING[a.status].delivering);
  const now = everyRag(countRags(delivering));
  const shown = RAG_KEYS.filter((r) => listedRag(r, now[r]));
  return {
    id: "rag",
    caption: f.hasStatus ? "RAG of the actions in progress" : "RAG of the actions",
    columns: [name("rag", "RAG", 60), count("actions", f.hasStatus ? "Actions in progress" : "Actions", 40)],
    rows: [
      ...shown.map((r) => (r === NOT_SET ? { cells: { rag: "No RAG rating", actions: now[r] } } : { cells: { rag: r, actions: now[r] }, colours: { rag: RAG_COLOURS[r] } })),
      { cells: { rag: f.hasStatus ? "All in progress" : "All actions", actions: delivering.length }, total: true },
    ],
    rowHeaders: true,
    empty: "There are no actions.",
  };
}

/** Direction of travel: against the previous period when there is one, else the tracker's own arrows. */
export function directionTable(f: SummaryFacts): SummaryTable<"direction" | "actions"> {
  const c = f.previous ? f.previous.comparison.counts : f.counts.direction;
  const lines: [string, number, Direction | null][] = [
    ...DIRECTIONS.map((d): [string, number, Direction] => [d === "new" && f.previous ? `new since ${f.previousLabel}` : DIRECTION_WORDS[d], c[d], d]),
    f.previous ? ["no longer in the plan", f.previous.comparison.counts.removed, null] : ["no arrow in the tracker", f.counts.direction[NOT_SET], null],
  ];
  return {
    id: "direction",
    caption: f.previous ? `Direction of travel since ${f.previousLabel}` : "Direction of travel (the tracker's arrows; no previous period given)",
    columns: [name("direction", "Direction of travel", 60), count("actions", "Actions", 40)],
    rows: lines.map(([words, n, d]) => ({ cells: { direction: words, actions: n }, ...(d ? { colours: { direction: DIRECTION_COLOURS[d] } } : {}) })),
    rowHeaders: true,
    empty: "There are no actions.",
  };
}

/** What changed since the previous period: which updates are new (null without a previous period). */
export function updatesTable(f: SummaryFacts): SummaryTable<"update" | "actions"> | null {
  if (!f.updates || f.previousLabel === undefined) return null;
  const u = f.updates.counts;
  const since = f.previousLabel;
  const lines: [string, number][] = [
    [`Updated since ${since}`, u.updated],
    [`No new update since ${since}`, u.notUpdated],
    [`New actions since ${since}`, u.new],
    ...(u.notCompared ? ([[`Not compared (no update text kept for ${since})`, u.notCompared]] as [string, number][]) : []),
  ];
  return {
    id: "updates",
    caption: `Updates since ${since}${u.fromChangeLog ? ` (as the workbook's Change log records the updates merged for ${u.fromChangeLog})` : ""}`,
    columns: [name("update", "Update", 70), count("actions", "Actions", 30)],
    rows: [...lines.map(([update, actions]) => ({ cells: { update, actions } })), { cells: { update: "All actions", actions: f.actions.length }, total: true }],
    rowHeaders: true,
    empty: "There are no actions.",
  };
}

type ExceptionKey = "id" | "action" | "lead" | "statusRag" | "direction" | "reasons" | "update";

const EXCEPTION_COLUMNS: SummaryColumn<ExceptionKey>[] = [
  { key: "id", header: "Reference", width: 12, inPaper: true, paperWidth: 10 },
  { key: "action", header: "Action", width: 44, inPaper: true, paperWidth: 24 },
  { key: "lead", header: "Lead", width: 18, inPaper: false },
  { key: "statusRag", header: "Status / RAG", width: 16, inPaper: true, paperWidth: 11 },
  { key: "direction", header: "Direction of travel", width: 16, inPaper: true, paperWidth: 11 },
  { key: "reasons", header: "Why it is listed", width: 30, inPaper: true, paperWidth: 16 },
  { key: "update", header: "Latest update", width: 52, inPaper: true, paperWidth: 28 },
];

/** What the exceptions table says once when the tracker has no lead column (the Lead column is then left out). */
export const NO_LEAD_COLUMN = "The tracker has no lead column, so the exceptions have no lead.";

/** The exceptions: each action the Panel should look at, with why it is listed; the Lead column only when the tracker has one. */
export function exceptionsTable(f: SummaryFacts): SummaryTable<ExceptionKey> {
  return {
    id: "exceptions",
    caption: "Exceptions",
    note: `${exceptionsCaption(f.exceptionRules)}.${f.hasLead ? "" : ` ${NO_LEAD_COLUMN}`}`,
    columns: f.hasLead ? EXCEPTION_COLUMNS : EXCEPTION_COLUMNS.filter((c) => c.key !== "lead"),
    rows: f.exceptions.map((e) => {
      const status = e.rag ? RAG_COLOURS[e.rag] : e.status ? STATUS_COLOURS[e.status] : null;
      const colours: Partial<Record<ExceptionKey, Colours>> = { ...(status ? { statusRag: status } : {}), ...(e.direction ? { direction: DIRECTION_COLOURS[e.direction] } : {}) };
      return {
        cells: {
          id: e.id,
          action: e.action || "(no action text)",
          lead: e.lead || "Not recorded",
          statusRag: [e.status, e.rag].filter(Boolean).join(" / ") || "Not set",
          direction: e.direction ? DIRECTION_WORDS[e.direction] : f.previous ? "–" : "No arrow",
          reasons: e.reasons.join("; "),
          update: e.update.trim() || "No update",
        },
        ...(status || e.direction ? { colours } : {}),
      };
    }),
    rowHeaders: false,
    empty: noExceptions(f.previousLabel),
  };
}
