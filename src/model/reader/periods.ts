/**
 * Several periods in one sheet: trackers that keep one status or RAG column per
 * quarter or month ("Q1 RAG … Q4 RAG", "Status Jun 21 | Status Nov 21",
 * "RAG Sept 2018"). Each such column's header names its period; the latest
 * period whose columns hold values is the current one, the one before it the
 * previous one. The user may choose others (`--period-column`, the pane).
 * Pure: the reader hands in the grid view and the header's claims.
 */
import { GridView, cellText, columnLetter } from "../sheet/grid";
import type { ColumnMapping, Field } from "../words/headers";
import { resolveOverride } from "../words/headers";
import { MONTHS, monthYearIn, periodFromTitleRows, quarterFromTitleRows, quarterIn } from "../sheet/period-label";
import type { QuarterName } from "../sheet/period-label";
import type { Tracker } from "../issues/schema";
import type { Result } from "../sheet/result";

/** The fields a tracker may keep once per period. */
export type PeriodField = "status" | "rag";
const PERIOD_FIELDS: readonly PeriodField[] = ["status", "rag"];

/** One period a sheet keeps: its label and its column for each field it keeps. */
export interface KeptPeriod {
  label: string;
  columns: Partial<Record<PeriodField, number>>;
  /** Whether any of its columns holds a value below the header. */
  hasValues: boolean;
}

/** The periods a sheet keeps, in time order, and which of them are read as this period and the previous one. */
export interface SheetPeriods {
  periods: KeptPeriod[];
  current: number;
  /** Null when no earlier period holds values. */
  previous: number | null;
}

/** The periods found in a sheet, in time order, before this period is chosen. */
export interface FoundPeriods {
  periods: KeptPeriod[];
  /** Months and quarters mixed: put in order as the sheet has them, left to right (a guess). */
  byPosition: boolean;
}

/** The user's choice of period columns: a column letter or a header text each. */
export interface PeriodChoice {
  current?: string;
  previous?: string;
}

const MONTH_SHORT = "(Jan|Feb|Mar|Apr|May|Jun|June|Jul|July|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March|April|August|September|October|November|December)";
/** "Jun 21", "Nov-21", "Sept '18": a month and a two-digit year. */
const MONTH_YY = new RegExp(`(?<![A-Za-z])${MONTH_SHORT}\\.?[\\s-]*['’‘]?(\\d{2})(?!\\d)`, "i");
/** "Q1", "Q3 2021/22", "Q2 21/22". */
const QUARTER = /(?<![A-Za-z0-9])Q([1-4])(?![0-9])(?:\s*((?:19|20)?\d{2})(?:\/(\d{2}))?)?/i;

/** A period's label and the order it sorts in, as a header names it; null when it names none. */
export function periodInHeader(header: string): { label: string; order: number; kind: "month" | QuarterName["kind"] } | null {
  const full = monthYearIn(header);
  if (full) {
    const [month, year] = full.split(" ");
    return { label: full, order: Number(year) * 12 + MONTHS.indexOf(month as (typeof MONTHS)[number]), kind: "month" };
  }
  const short = MONTH_YY.exec(header);
  if (short) {
    const w = short[1].toLowerCase();
    const month = w === "sept" ? 8 : MONTHS.findIndex((m) => m.toLowerCase().startsWith(w.slice(0, 3)));
    const year = 2000 + Number(short[2]);
    if (month >= 0) return { label: `${MONTHS[month]} ${year}`, order: year * 12 + month, kind: "month" };
  }
  // "Y2 Q3 RAG", "Year 2 Quarter 3" (a plan year), "2019/20 Q1", "Q1 2019-20", "Q3 2021/22".
  const named = quarterIn(header);
  if (named) return named;
  const q = QUARTER.exec(header);
  if (q) {
    const n = Number(q[1]);
    const yearText = q[2] ? (q[2].length === 2 ? `20${q[2]}` : q[2]) : "";
    const label = yearText ? `Q${n} ${yearText}${q[3] ? `/${q[3]}` : ""}` : `Q${n}`;
    return { label, order: (yearText ? Number(yearText) * 12 : 0) + n * 3, kind: "quarter" };
  }
  return null;
}

/** Whether a column holds any value below the header. */
export function holdsValues(view: GridView, column: number, headerRow: number): boolean {
  for (let r = headerRow + 1; r <= view.lastRow; r++) {
    if (!view.isCovered(r, column) && cellText(view.raw(r, column))) return true;
  }
  return false;
}

/**
 * The periods among the header's claims: a status or RAG claimed by at least
 * two columns whose headers name a period. Null when the sheet keeps one period
 * (as every bundled sample does), or when the user fixed both fields.
 */
export function findPeriods(view: GridView, headerRow: number, claims: readonly ColumnMapping[], fixedFields: ReadonlySet<Field>): FoundPeriods | null {
  const found: { field: PeriodField; column: number; label: string; order: number; kind: string }[] = [];
  for (const field of PERIOD_FIELDS) {
    if (fixedFields.has(field)) continue;
    // A column that also names another field ("RAG / Direction of travel") is not a period column.
    const own = claims.filter((c) => c.field === field && !claims.some((o) => o.column === c.column && o.field !== field));
    const dated = own.map((c) => ({ c, p: periodInHeader(c.header) })).filter((x) => x.p !== null);
    if (dated.length < 2) continue;
    for (const { c, p } of dated) found.push({ field, column: c.column, label: p!.label, order: p!.order, kind: p!.kind });
  }
  if (found.length === 0) return null;
  const byLabel = new Map<string, { period: KeptPeriod; order: number; kind: string; first: number }>();
  for (const f of found) {
    let entry = byLabel.get(f.label);
    if (!entry) {
      entry = { period: { label: f.label, columns: {}, hasValues: false }, order: f.order, kind: f.kind, first: f.column };
      byLabel.set(f.label, entry);
    }
    entry.period.columns[f.field] ??= f.column;
    entry.first = Math.min(entry.first, f.column);
    if (holdsValues(view, f.column, headerRow)) entry.period.hasValues = true;
  }
  const entries = [...byLabel.values()];
  // In time order when every period is of one kind (months, or quarters); else left to right, as the sheet has them.
  const oneKind = entries.every((e) => e.kind === entries[0].kind);
  entries.sort((a, b) => (oneKind ? a.order - b.order : 0) || a.first - b.first);
  return { periods: entries.map((e) => e.period), byPosition: !oneKind };
}

/** The period a column belongs to (by letter or header text), or -1. */
function periodOfColumn(view: GridView, headerRow: number, periods: readonly KeptPeriod[], target: string): number {
  const column = resolveOverride(view, headerRow, target);
  return column === null ? -1 : periods.findIndex((p) => Object.values(p.columns).includes(column));
}

/** The periods chosen, or which choice names no period column (and the columns there are). */
export type PeriodChoiceResult = Result<{ periods: SheetPeriods }, { which: "current" | "previous"; target: string; choices: string[] }>;

/** The periods the title rows above the header name ("Q3 Y2", "as at November 2021"), as period labels. */
export function titlePeriods(view: GridView, headerRow: number): string[] {
  return [quarterFromTitleRows(view, headerRow)?.label, periodFromTitleRows(view.grid, headerRow)].filter((l): l is string => !!l);
}

/**
 * This period and the previous one: the one the title names ("Q3 Y2"), else
 * the latest holding values; the one before it holding values; or those the
 * user chose.
 */
export function choosePeriods(view: GridView, headerRow: number, found: Pick<FoundPeriods, "periods">, choice: PeriodChoice = {}, title: readonly string[] = []): PeriodChoiceResult {
  const { periods } = found;
  const choices = periods.flatMap((p) => Object.values(p.columns).map((c) => `${columnLetter(c)} "${view.text(headerRow, c)}"`));
  let current = -1;
  if (choice.current) {
    current = periodOfColumn(view, headerRow, periods, choice.current);
    if (current < 0) return { ok: false, which: "current", target: choice.current, choices };
  } else {
    // The title's own words name this period ("Q3 Y2", "as at November 2021").
    for (const label of title) if (current < 0) current = periods.findIndex((p) => p.label === label);
    for (let i = periods.length - 1; i >= 0 && current < 0; i--) if (periods[i].hasValues) current = i;
    if (current < 0) current = periods.length - 1;
  }
  let previous: number | null = null;
  if (choice.previous) {
    previous = periodOfColumn(view, headerRow, periods, choice.previous);
    if (previous < 0 || previous === current) return { ok: false, which: "previous", target: choice.previous, choices };
  } else {
    for (let i = current - 1; i >= 0 && previous === null; i--) if (periods[i].hasValues) previous = i;
  }
  return { ok: true, periods: { periods, current, previous } };
}

/**
 * The corrections that read a tracker's sheet as its previous period: that
 * period's status and RAG columns, and no other period's. Null when the sheet
 * keeps one period, or no earlier one holds values.
 */
export function previousPeriodOverrides(tracker: Tracker): { label: string; overrides: Partial<Record<PeriodField, string | null>> } | null {
  const periods = tracker.periods;
  if (!periods || periods.previous === null) return null;
  const overrides: Partial<Record<PeriodField, string | null>> = {};
  for (const field of PERIOD_FIELDS) {
    if (!periods.columns.some((c) => c.field === field)) continue;
    overrides[field] = periods.columns.find((c) => c.field === field && c.period === periods.previous)?.column ?? null;
  }
  return { label: periods.previous, overrides };
}
