/**
 * The Panel Summary: what the Police and Crime Panel reads, as a plan.
 *
 * `buildPanelSummary` turns a tracker (its report and counts), the previous
 * period (label, actions, comparison) and a few options into a declarative
 * SummaryPlan: the sheet's values from A1, the formats of its ranges, the
 * column widths, its tables (one header row each) and a chart request. Both
 * adapters write the same plan (src/xlsx/summary.ts, src/excel/summary.ts).
 *
 * Rules the plan keeps, so that every host keeps them:
 *  - values, not formulas; every string is text (hosts write it as text, "@");
 *  - one header row per table, no merged cells, no blank rows inside a table;
 *  - every coloured cell also says what it means in words or a glyph;
 *  - the sheet is marked as the add-in's own by a workbook-level defined name,
 *    SUMMARY_MARK, that refers to A1 of the sheet (see docs/PANEL-SUMMARY.md):
 *    rebuilding replaces only the marked sheet, never a user's sheet that
 *    happens to be called "Panel Summary".
 */
import { a1, columnLetter, columnNumber } from "./grid";
import type { Action } from "./schema";
import type { TrackerReport } from "./tracker";
import type { Comparison, PeriodAction } from "./direction";
import { checkActions } from "./checks";
import { readTimeframe } from "./timeframe";
import { Counts, countActions } from "./counts";
import { Colours, DIRECTION_COLOURS, RAG_COLOURS, STATUS_COLOURS } from "./formatting";
import { DIRECTION_GLYPH, Direction, RAGS, Rag, STATUSES, Status } from "./vocabulary";
import { UpdateComparison, UpdateCounts, compareUpdates, stillOpen } from "./updates";

/** The name the summary sheet gets when it is free. */
export const SUMMARY_SHEET = "Panel Summary";
/** Workbook-level defined name that refers to A1 of the sheet the add-in made. */
export const SUMMARY_MARK = "DeliveryPlan_PanelSummary";
/** Shown with the defined name where the host keeps a comment (Excel's Name Manager). */
export const SUMMARY_MARK_COMMENT = "Marks the Panel Summary sheet made by the Delivery Plan add-in: rebuilding replaces that sheet only.";

/** A cell of the plan: text (always written as text), a number, or empty. */
export type SummaryValue = string | number | null;

export interface SummaryStyle {
  bold?: boolean;
  /** Fill, "#RRGGBB". */
  fill?: string;
  /** Text colour, "#RRGGBB". */
  font?: string;
  wrap?: boolean;
}

/** A style for every cell of an A1 range. Later formats add to earlier ones. */
export interface SummaryFormat extends SummaryStyle {
  range: string;
}

export type SummaryTableId = "headline" | "themes" | "rag" | "direction" | "updates" | "exceptions";

export interface SummaryTable {
  id: SummaryTableId;
  /** The table's title, in the cell above its header row. */
  caption: string;
  captionCell: string;
  /** Header row and body, e.g. "A9:D14". */
  range: string;
  header: string[];
  /** Rows under the header (a total row included). */
  bodyRows: number;
}

/** A native chart, drawn by hosts that can (Excel); the .xlsx path cannot. */
export interface SummaryChart {
  type: "BarStacked";
  title: string;
  /** Theme names and the status columns, header row included; no totals. */
  source: string;
  seriesBy: "Columns";
  /** Top-left and bottom-right cells the chart covers (right of the tables). */
  from: string;
  to: string;
}

export interface SummaryException {
  id: string;
  action: string;
  lead: string;
  status: Status | null;
  rag: Rag | null;
  /** Against the previous period when there is one, else as typed in the tracker. */
  direction: Direction | null;
  reasons: string[];
  update: string;
}

/** The paste-ready text, also in the sheet. */
export interface SummaryText {
  /** One sentence: "Of the 97 actions, 45 are complete (38 in June 2021), …". */
  sentence: string;
  /** The seed's own list: "The Delivery Plan shows that of the 97 actions:" … */
  listIntro: string;
  bullets: string[];
}

export interface SummaryPlan {
  /** The name wanted; the adapters use another ("Panel Summary (2)") when a user's sheet has it. */
  sheet: string;
  /** The defined name that marks the sheet as the add-in's own. */
  mark: string;
  title: string;
  /** The period it is for ("November 2021") and the one it is compared with, if any. */
  period: string;
  previousLabel: string | null;
  /** Values from A1, row by row, every row as wide as `columnWidths`. */
  rows: SummaryValue[][];
  formats: SummaryFormat[];
  /** Widths of columns A, B, … in characters (Excel's column width unit). */
  columnWidths: number[];
  /**
   * Row heights in points for rows whose wrapped text needs more than one line
   * (null: the default height), estimated from the text's length. For hosts
   * that do not fit rows to their text (an .xlsx file opened in LibreOffice);
   * Excel fits them itself.
   */
  rowHeights: (number | null)[];
  tables: SummaryTable[];
  chart: SummaryChart | null;
  /** Print on landscape pages, one page wide. */
  print: { orientation: "landscape"; fitToWidth: 1 };
  text: SummaryText;
  exceptions: SummaryException[];
  /** What changed since the previous period: updates new, not new, actions new (null without a previous period). */
  updates: UpdateCounts | null;
}

/** The previous period: from an earlier workbook (CLI) or a snapshot (task pane). */
export interface SummaryPrevious {
  label: string;
  actions: readonly PeriodAction[];
  comparison: Comparison;
}

export interface SummaryOptions {
  /** "November 2021"; default: the month of `asOf`. */
  period?: string;
  /** Overrides previous.label. */
  previousLabel?: string;
  organisation?: string;
  /** The date the report is as at: actions due before it and not Completed are overdue. */
  asOf: Date;
  /** When the summary is built. */
  built: Date;
  /** The file the tracker came from, named in the sheet if given. */
  source?: string;
}

export interface PanelSummaryInput {
  report: TrackerReport;
  counts?: Counts;
  previous?: SummaryPrevious | null;
  options: SummaryOptions;
}

// ---------------------------------------------------------------------------
// The sentences

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

const STATUS_WORDING: Record<Status | "Not set", Pick<SentenceCategory, "adjective" | "listed">> = {
  Completed: { adjective: "complete", listed: ["is", "are", "'complete'"] },
  "In progress": { adjective: "in progress", listed: ["is", "are", "'in progress'"] },
  "On hold": { adjective: "on hold", listed: ["is", "are", "'on hold'"] },
  "Not yet started": { adjective: "not yet started", listed: ["has", "have", "'not yet started'"] },
  "Not set": { adjective: "without a status", listed: ["has", "have", "no status"] },
};

const RAG_WORDING: Record<Rag | "Not set", Pick<SentenceCategory, "adjective" | "listed">> = {
  Red: { adjective: "Red", listed: ["is", "are", "'Red'"] },
  Amber: { adjective: "Amber", listed: ["is", "are", "'Amber'"] },
  Green: { adjective: "Green", listed: ["is", "are", "'Green'"] },
  Blue: { adjective: "Blue", listed: ["is", "are", "'Blue'"] },
  White: { adjective: "White", listed: ["is", "are", "'White'"] },
  "Not set": { adjective: "without a RAG rating", listed: ["has", "have", "no RAG rating"] },
};

/** "a", "a or b", "a, b or c". */
function orList(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

/** "a", "a and b", "a, b and c". */
function andList(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

function sum(ns: number[]): number {
  return ns.reduce((s, n) => s + n, 0);
}

/** The categories a sentence names: the ones always named, and any other that has actions now or had before. */
function named(categories: readonly SentenceCategory[], previousLabel: string | undefined): SentenceCategory[] {
  return categories.filter((c) => c.always || c.now > 0 || (previousLabel !== undefined && (c.before ?? 0) > 0));
}

function bracket(n: number, previousLabel: string | undefined): string {
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
export function statusCategories(now: Record<Status | "Not set", number>, before?: Record<Status | "Not set", number>): SentenceCategory[] {
  return ([...STATUSES, "Not set"] as const).map((s) => ({ now: now[s], before: before?.[s], ...STATUS_WORDING[s], always: s !== "Not set" }));
}

/** The categories of the RAG sentence (trackers with a RAG and no status). */
export function ragCategories(now: Record<Rag | "Not set", number>, before?: Record<Rag | "Not set", number>): SentenceCategory[] {
  return ([...RAGS, "Not set"] as const).map((r) => ({ now: now[r], before: before?.[r], ...RAG_WORDING[r], always: r === "Red" || r === "Amber" || r === "Green" }));
}

// ---------------------------------------------------------------------------
// Sheet names and the mark

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** `'Panel Summary'!$A$1`: what the mark refers to. */
export function markReference(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'!$A$1`;
}

/**
 * The sheet a mark refers to: "='Panel Summary'!$A$1", "Panel_Summary!$A$1"
 * (with or without "="). Null for "#REF!" (the sheet was deleted) or when the
 * sheet is not among `existing` (when given).
 */
export function sheetOfReference(reference: string | null | undefined, existing?: readonly string[]): string | null {
  if (!reference) return null;
  const text = reference.trim().replace(/^=/, "");
  const m = /^(?:'((?:[^']|'')+)'|([^'!]+))!/.exec(text);
  if (!m) return null;
  const name = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
  if (name.startsWith("#REF")) return null;
  if (existing) return existing.find((s) => sameName(s, name)) ?? null;
  return name;
}

/** Excel's longest sheet name. */
const MAX_SHEET_NAME = 31;

/**
 * The name the new summary sheet gets: `preferred` when no other sheet has it
 * (our old sheet, `ours`, is about to be replaced, so its name is free), else
 * "Panel Summary (2)", "(3)", … Sheet names compare without case, as in Excel.
 */
export function summarySheetName(existing: readonly string[], ours: string | null, preferred: string = SUMMARY_SHEET): string {
  const taken = existing.filter((s) => !(ours !== null && sameName(s, ours)));
  const free = (name: string) => !taken.some((s) => sameName(s, name));
  if (free(preferred)) return preferred;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const name = `${preferred.slice(0, MAX_SHEET_NAME - suffix.length)}${suffix}`;
    if (free(name)) return name;
  }
}

// ---------------------------------------------------------------------------
// The plan

const WIDTHS = [36, 46, 20, 18, 18, 34, 56];
const COLUMNS = WIDTHS.length;
const HEADER_STYLE: SummaryStyle = { bold: true, fill: "#D9D9D9", font: "#000000", wrap: true };

/** Made once: toLocaleDateString builds a formatter on every call, which costs a tracker of thousands of dates. */
const LONG_DATE = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

function formatDate(d: Date): string {
  return LONG_DATE.format(d);
}

const MONTH_YEAR = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

function monthOf(d: Date): string {
  return MONTH_YEAR.format(d);
}

function idKey(id: string): string {
  return id.trim().toUpperCase();
}

export const DIRECTION_WORDS: Record<Direction, string> = {
  improved: `${DIRECTION_GLYPH.improved} improved`,
  deteriorated: `${DIRECTION_GLYPH.deteriorated} deteriorated`,
  unchanged: `${DIRECTION_GLYPH.unchanged} no change`,
  new: "new",
};

function colours(style: Colours): SummaryStyle {
  return { fill: style.fill, font: style.font };
}

/** Rows of values from A1 and the formats, written one row after another. */
class SheetLayout {
  readonly rows: SummaryValue[][] = [];
  readonly formats: SummaryFormat[] = [];
  readonly tables: SummaryTable[] = [];

  get nextRow(): number {
    return this.rows.length + 1;
  }

  line(values: SummaryValue[], style?: SummaryStyle): number {
    const row = [...values.map(fitInCell), ...new Array(Math.max(0, COLUMNS - values.length)).fill(null)].slice(0, COLUMNS);
    this.rows.push(row);
    const r = this.rows.length;
    if (style) this.format(`${a1(r, 1)}:${a1(r, Math.max(1, values.length))}`, style);
    return r;
  }

  blank() {
    this.line([]);
  }

  format(range: string, style: SummaryStyle) {
    this.formats.push({ range, ...style });
  }

  /** A caption, one header row, the body (no blank rows), each cell wrapped. Returns the first body row. */
  table(id: SummaryTableId, caption: string, header: string[], body: SummaryValue[][], totalRow = false): number {
    const captionRow = this.line([caption], { bold: true });
    const headerRow = this.line(header, HEADER_STYLE);
    for (const row of body) this.line(row.map((v) => (v === null || v === "" ? "–" : v)));
    const last = headerRow + body.length;
    const right = columnLetter(header.length);
    if (body.length) this.format(`A${headerRow + 1}:${right}${last}`, { wrap: true });
    if (totalRow && body.length) this.format(`A${last}:${right}${last}`, { bold: true });
    this.tables.push({ id, caption, captionCell: `A${captionRow}`, range: `A${headerRow}:${right}${last}`, header, bodyRows: body.length });
    return headerRow + 1;
  }
}

function statusCounts(actions: readonly { status: Status | null }[]): Record<Status | "Not set", number> {
  const out = { Completed: 0, "In progress": 0, "On hold": 0, "Not yet started": 0, "Not set": 0 };
  for (const a of actions) out[a.status ?? "Not set"]++;
  return out;
}

function ragCounts(actions: readonly { rag: Rag | null }[]): Record<Rag | "Not set", number> {
  const out = { Red: 0, Amber: 0, Green: 0, Blue: 0, White: 0, "Not set": 0 };
  for (const a of actions) out[a.rag ?? "Not set"]++;
  return out;
}

/** Every Red; every action that deteriorated; every overdue action; Red or Amber with no update; open actions whose update has not changed. */
function findExceptions(
  sheet: string,
  actions: readonly Action[],
  previous: SummaryPrevious | null,
  previousLabel: string | undefined,
  asOf: Date,
  updates: UpdateComparison | null,
): SummaryException[] {
  const changes = new Map((previous?.comparison.changes ?? []).map((c) => [idKey(c.id), c]));
  const out: SummaryException[] = [];
  for (const a of actions) {
    const reasons: string[] = [];
    const change = changes.get(idKey(a.id));
    const direction = previous ? (change?.direction ?? null) : a.direction;
    if (a.rag === "Red") reasons.push("Red");
    if (previous && change?.direction === "deteriorated") reasons.push(`Deteriorated since ${previousLabel}: ${change.from} → ${change.to}`);
    else if (!previous && a.direction === "deteriorated") reasons.push("Deteriorated (the tracker's arrow)");
    // The same rules as the consistency checks, so the summary and `validate` agree.
    for (const issue of checkActions(sheet, [a], { asOf })) {
      if (issue.code === "overdue") {
        const t = readTimeframe(a.timeframe);
        reasons.push(t.kind === "date" ? `Overdue: due by ${formatDate(t.due)} ("${a.timeframe}")` : "Overdue");
      }
      if (issue.code === "no-update") reasons.push(`${a.rag} with no update`);
    }
    if (updates && stillOpen(a) && updates.byId.get(idKey(a.id)) === "not-updated") reasons.push(`No new update since ${previousLabel}`);
    if (reasons.length) out.push({ id: a.id, action: a.action, lead: a.lead, status: a.status, rag: a.rag, direction, reasons, update: a.update });
  }
  return out;
}

/** Build the Panel Summary plan. Pure: the same input gives the same plan. */
/** Excel holds at most 32,767 characters in a cell: longer text (updates joined from sub-rows) is cut, and says so. */
export const MAX_CELL_TEXT = 32767;
const CUT_NOTE = " … (cut: the full text is in the tracker)";

function fitInCell(v: SummaryValue): SummaryValue {
  if (typeof v !== "string" || v.length <= MAX_CELL_TEXT) return v;
  // Never cut between the two halves of a surrogate pair (an emoji): half a character is not text.
  let end = MAX_CELL_TEXT - CUT_NOTE.length;
  if (/[\uD800-\uDBFF]/.test(v[end - 1])) end--;
  return v.slice(0, end) + CUT_NOTE;
}

export function buildPanelSummary(input: PanelSummaryInput): SummaryPlan {
  const { report, options } = input;
  const tracker = report.tracker;
  if (!tracker) throw new Error("buildPanelSummary needs a tracker: readTracker found none.");
  const actions = report.actions;
  const counts = input.counts ?? countActions(actions);
  const previous = input.previous ?? null;
  const previousLabel = previous ? (options.previousLabel ?? previous.label) : undefined;
  const period = options.period?.trim() || monthOf(options.asOf);
  const title = `Delivery Plan summary — ${period}`;
  const hasStatus = tracker.columns.some((c) => c.field === "status");
  const hasRag = tracker.columns.some((c) => c.field === "rag");
  const byRag = !hasStatus && hasRag;
  const hasLead = tracker.columns.some((c) => c.field === "lead");

  const L = new SheetLayout();
  L.line([title], { bold: true });
  if (options.organisation?.trim()) L.line([options.organisation.trim()], { bold: true });
  L.line([
    `Built ${formatDate(options.built)} from the sheet "${tracker.sheet}"${options.source ? ` of ${options.source}` : ""}; position as at ${formatDate(options.asOf)}${previousLabel ? `, compared with ${previousLabel}` : ""}.`,
  ]);
  L.line(["Made by the Delivery Plan add-in: building the summary again replaces this sheet, so keep your own notes on another sheet."]);
  L.blank();

  // Headline: by status (by RAG for a tracker that has only a RAG).
  const nowCounts = byRag ? ragCounts(actions) : statusCounts(actions);
  const beforeCounts = previous ? (byRag ? ragCounts(previous.actions) : statusCounts(previous.actions)) : undefined;
  const categories = byRag
    ? ragCategories(nowCounts as Record<Rag | "Not set", number>, beforeCounts as Record<Rag | "Not set", number> | undefined)
    : statusCategories(nowCounts as Record<Status | "Not set", number>, beforeCounts as Record<Status | "Not set", number> | undefined);
  const keys = (byRag ? [...RAGS, "Not set"] : [...STATUSES, "Not set"]) as string[];
  const headlineKeys = keys.filter((k, i) => named([categories[i]], previousLabel).length > 0);
  const previousTotal = previous?.actions.length;
  const reportText = (now: number, before: number | undefined) => `${now}${bracket(before ?? 0, previousLabel)}`;
  // With a previous period: "45 (38 in June 2021)" as the report shows it, then the two numbers.
  const headlineHeader = [byRag ? "RAG" : "Status", ...(previousLabel ? ["For the report", "Actions", `Actions in ${previousLabel}`] : ["Actions"])];
  const headlineRow = (label: string, now: number, before: number | undefined): SummaryValue[] =>
    previousLabel ? [label, reportText(now, before), now, before ?? 0] : [label, now];
  const headlineBody: SummaryValue[][] = headlineKeys.map((k) =>
    headlineRow(k, (nowCounts as Record<string, number>)[k], (beforeCounts as Record<string, number> | undefined)?.[k]),
  );
  headlineBody.push(headlineRow("All actions", actions.length, previousTotal));
  const headlineFirst = L.table("headline", `Actions by ${byRag ? "RAG" : "status"}, ${period}`, headlineHeader, headlineBody, true);
  headlineKeys.forEach((k, i) => {
    const c = byRag ? (RAG_COLOURS as Record<string, Colours>)[k] : (STATUS_COLOURS as Record<string, Colours>)[k];
    if (c) L.format(`A${headlineFirst + i}`, colours(c));
  });
  L.blank();

  // The paste-ready text.
  const sentence = countSentence(actions.length, categories, previousLabel, previousTotal);
  const list = countList(actions.length, categories, previousLabel);
  L.line(["For the panel report (paste as it is)"], { bold: true });
  L.line([sentence]);
  L.blank();
  L.line([list.intro]);
  for (const b of list.bullets) L.line([`• ${b}`]);
  L.blank();

  // Theme × status.
  const statusColumns = [...STATUSES, ...(counts.status["Not set"] > 0 ? (["Not set"] as const) : [])];
  const themes = Object.entries(counts.byTheme);
  let chart: SummaryChart | null = null;
  const themeCaption = "Actions by theme and status";
  if (themes.length) {
    const body: SummaryValue[][] = themes.map(([theme, t]) => [theme, ...statusColumns.map((s) => t.status[s]), t.actions]);
    body.push(["All themes", ...statusColumns.map((s) => counts.status[s]), counts.actions]);
    const first = L.table("themes", themeCaption, ["Theme", ...statusColumns, "All statuses"], body, true);
    const header = first - 1;
    chart = {
      type: "BarStacked",
      title: themeCaption,
      source: `A${header}:${columnLetter(1 + statusColumns.length)}${first + themes.length - 1}`,
      seriesBy: "Columns",
      from: `${columnLetter(COLUMNS + 2)}6`,
      to: `${columnLetter(COLUMNS + 9)}26`,
    };
  } else {
    L.line([themeCaption], { bold: true });
    L.line(["There are no actions."]);
  }
  L.blank();

  // RAG of the actions being delivered: In progress, or with no status (a RAG-only tracker).
  const delivering = actions.filter((a) => a.status === "In progress" || a.status === null);
  const ragNow = ragCounts(delivering);
  const ragKeys = ([...RAGS, "Not set"] as const).filter((r) => r === "Red" || r === "Amber" || r === "Green" || ragNow[r] > 0);
  const ragFirst = L.table(
    "rag",
    hasStatus ? "RAG of the actions in progress" : "RAG of the actions",
    ["RAG", hasStatus ? "Actions in progress" : "Actions"],
    [...ragKeys.map((r) => [r === "Not set" ? "No RAG rating" : r, ragNow[r]]), [hasStatus ? "All in progress" : "All actions", delivering.length]],
    true,
  );
  ragKeys.forEach((r, i) => {
    if (r !== "Not set") L.format(`A${ragFirst + i}`, colours(RAG_COLOURS[r]));
  });
  L.blank();

  // Direction of travel.
  const directionRows: [string, number, Direction | null][] = previous
    ? [
        [DIRECTION_WORDS.improved, previous.comparison.counts.improved, "improved"],
        [DIRECTION_WORDS.deteriorated, previous.comparison.counts.deteriorated, "deteriorated"],
        [DIRECTION_WORDS.unchanged, previous.comparison.counts.unchanged, "unchanged"],
        [`new since ${previousLabel}`, previous.comparison.counts.new, "new"],
        [`no longer in the plan`, previous.comparison.counts.removed, null],
      ]
    : [
        [DIRECTION_WORDS.improved, counts.direction.improved, "improved"],
        [DIRECTION_WORDS.deteriorated, counts.direction.deteriorated, "deteriorated"],
        [DIRECTION_WORDS.unchanged, counts.direction.unchanged, "unchanged"],
        [DIRECTION_WORDS.new, counts.direction.new, "new"],
        ["no arrow in the tracker", counts.direction["Not set"], null],
      ];
  const directionFirst = L.table(
    "direction",
    previous ? `Direction of travel since ${previousLabel}` : "Direction of travel (the tracker's arrows; no previous period given)",
    ["Direction of travel", "Actions"],
    directionRows.map(([label, n]) => [label, n]),
  );
  directionRows.forEach(([, , d], i) => {
    if (d) L.format(`A${directionFirst + i}`, colours(DIRECTION_COLOURS[d]));
  });
  L.blank();

  // What changed since the previous period: which updates are new.
  const updateComparison = previous ? compareUpdates(actions, previous.actions, previousLabel!) : null;
  if (updateComparison) {
    const u = updateComparison.counts;
    L.table(
      "updates",
      `Updates since ${previousLabel}`,
      ["Update", "Actions"],
      [
        [`Updated since ${previousLabel}`, u.updated],
        [`No new update since ${previousLabel}`, u.notUpdated],
        [`New actions since ${previousLabel}`, u.new],
        ...(u.notCompared ? [[`Not compared (the ${previousLabel} snapshot kept no updates)`, u.notCompared]] : []),
        ["All actions", actions.length],
      ],
      true,
    );
    L.blank();
  }

  // Exceptions.
  const exceptions = findExceptions(tracker.sheet, actions, previous, previousLabel, options.asOf, updateComparison);
  const why = [
    "every Red action",
    previous ? `every action that deteriorated since ${previousLabel}` : "every action the tracker shows as deteriorated",
    `every overdue action (due before ${formatDate(options.asOf)} and not complete)`,
    "every Red or Amber action with no update",
    ...(previous ? [`every action in progress, Red or Amber with no new update since ${previousLabel}`] : []),
  ];
  const exceptionsCaption = `Exceptions: ${andList(why)}`;
  if (exceptions.length) {
    const first = L.table(
      "exceptions",
      exceptionsCaption,
      ["Reference", "Action", "Lead", "Status / RAG", "Direction of travel", "Why it is listed", "Latest update"],
      exceptions.map((e) => [
        e.id,
        e.action || "(no action text)",
        e.lead || (hasLead ? "Not recorded" : "No lead column"),
        [e.status, e.rag].filter(Boolean).join(" / ") || "Not set",
        e.direction ? DIRECTION_WORDS[e.direction] : previous ? "–" : "No arrow",
        e.reasons.join("; "),
        e.update.trim() || "No update",
      ]),
    );
    exceptions.forEach((e, i) => {
      const c = e.rag ? RAG_COLOURS[e.rag] : e.status ? STATUS_COLOURS[e.status] : null;
      if (c) L.format(`D${first + i}`, colours(c));
      if (e.direction) L.format(`E${first + i}`, colours(DIRECTION_COLOURS[e.direction]));
    });
  } else {
    L.line([exceptionsCaption], { bold: true });
    L.line([
      previous
        ? `None: no action is Red, deteriorated, overdue, Red or Amber without an update, or open without a new update since ${previousLabel}.`
        : "None: no action is Red, deteriorated, overdue, or Red or Amber without an update.",
    ]);
  }

  return {
    sheet: SUMMARY_SHEET,
    mark: SUMMARY_MARK,
    title,
    period,
    previousLabel: previousLabel ?? null,
    rows: L.rows,
    formats: L.formats,
    columnWidths: [...WIDTHS],
    rowHeights: estimateRowHeights(L.rows, L.formats, WIDTHS),
    tables: L.tables,
    chart,
    print: { orientation: "landscape", fitToWidth: 1 },
    text: { sentence, listIntro: list.intro, bullets: list.bullets },
    exceptions,
    updates: updateComparison?.counts ?? null,
  };
}

/** Points per line of 11-point text, as Excel and LibreOffice lay it out. */
const LINE_HEIGHT = 15;

/** Lines a text takes in a wrapped cell `width` characters wide (about 1.2 characters of text per unit; a little less, to be safe). */
export function wrappedLines(text: string, width: number): number {
  const perLine = Math.max(1, Math.floor(width * 1.15) - 1);
  return text.split("\n").reduce((n, part) => {
    // Words are not broken: count line by line as a word-wrapping host does.
    let lines = 1;
    let used = 0;
    for (const word of part.split(/\s+/).filter(Boolean)) {
      const w = word.length;
      if (used === 0) used = w;
      else if (used + 1 + w <= perLine) used += 1 + w;
      else {
        lines++;
        used = w;
      }
      while (used > perLine) {
        lines++;
        used -= perLine;
      }
    }
    return n + lines;
  }, 0);
}

function estimateRowHeights(rows: SummaryValue[][], formats: SummaryFormat[], widths: number[]): (number | null)[] {
  const styles = summaryCellStyles({ formats });
  return rows.map((row, r) => {
    let lines = 1;
    row.forEach((v, c) => {
      if (typeof v !== "string" || !styles.get(a1(r + 1, c + 1))?.wrap) return;
      lines = Math.max(lines, wrappedLines(v, widths[c] ?? 10));
    });
    return lines > 1 ? lines * LINE_HEIGHT : null;
  });
}

/** Every cell's merged style, by A1 address: what adapters apply. */
export function summaryCellStyles(plan: Pick<SummaryPlan, "formats">): Map<string, SummaryStyle> {
  const out = new Map<string, SummaryStyle>();
  for (const f of plan.formats) {
    const [from, to = from] = f.range.split(":");
    const p = /^([A-Z]+)(\d+)$/;
    const m1 = p.exec(from)!;
    const m2 = p.exec(to)!;
    const { range: _range, ...style } = f;
    for (let r = Number(m1[2]); r <= Number(m2[2]); r++) {
      for (let c = columnNumber(m1[1]); c <= columnNumber(m2[1]); c++) {
        const key = a1(r, c);
        out.set(key, { ...out.get(key), ...style });
      }
    }
  }
  return out;
}

