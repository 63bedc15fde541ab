/**
 * Period labels that read as periods: "June 2021", never a raw file name such
 * as "herts-delivery-plan-2021-06".
 *
 * A period's label comes from, in this order (the first that gives one wins):
 *  1. what the user gave (`--period`, `--previous-label`, the pane's field);
 *  2. the snapshot's own label (a snapshot is stored under its period);
 *  3. the title's own words, above the header: a date after "as at", "updated",
 *     "reported to" ("as at October 2018", "Updated 27/03/19"), a quarter ("Q3 Y2",
 *     "Q3 2021/22"), a month and year in a short title, a date cell — never a
 *     date inside a paragraph of prose ("approved … in January 2017");
 *  4. a month and year in a header cell ("Progress September 2013",
 *     "(text in red denotes progress update as at October 2018)");
 *  5. a year and month in the file name ("…-2021-06" → "June 2021"), or a
 *     month and year in it ("plan-june-2021").
 * Pure: the hosts hand in the grid, the header row and the file name.
 */
import { GridView, SheetGrid, cellText } from "./grid";

export type PeriodLabelSource = "given" | "snapshot" | "title" | "header" | "file-name";

export interface PeriodLabel {
  label: string;
  source: PeriodLabelSource;
}

export const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"] as const;

/** "jan", "sept", "september" → 0–11. */
function monthIndex(word: string): number {
  const w = word.toLowerCase().replace(/\.$/, "");
  if (w === "sept") return 8;
  return MONTHS.findIndex((m) => m.toLowerCase() === w || (w.length === 3 && m.toLowerCase().startsWith(w)));
}

const MONTH_WORD = "(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.?";
/** "October 2018", "30 November 2021", "30th Nov. 2021", "June, 2021". */
const MONTH_YEAR = new RegExp(`(?<![A-Za-z])${MONTH_WORD},?\\s+((?:19|20)\\d{2})(?!\\d)`, "i");
/** "30/11/2021", "30.11.2021" (day first, as in the UK). */
const DAY_MONTH_YEAR = /(?<!\d)(\d{1,2})[/.](\d{1,2})[/.]((?:19|20)\d{2})(?!\d)/;
/** "2021-06-30" */
const ISO_DATE = /(?<!\d)((?:19|20)\d{2})-(\d{2})-(\d{2})(?!\d)/;

function label(month: number, year: number): string {
  return `${MONTHS[month]} ${year}`;
}

/** The first month and year a text names ("as at 30 November 2021" → "November 2021"), or null. */
export function monthYearIn(text: string): string | null {
  const m = MONTH_YEAR.exec(text);
  const iso = ISO_DATE.exec(text);
  const dmy = DAY_MONTH_YEAR.exec(text);
  const found: { at: number; value: string }[] = [];
  if (m) {
    const month = monthIndex(m[1]);
    if (month >= 0) found.push({ at: m.index, value: label(month, Number(m[2])) });
  }
  if (iso && Number(iso[2]) >= 1 && Number(iso[2]) <= 12) found.push({ at: iso.index, value: label(Number(iso[2]) - 1, Number(iso[1])) });
  if (dmy && Number(dmy[2]) >= 1 && Number(dmy[2]) <= 12 && Number(dmy[1]) >= 1 && Number(dmy[1]) <= 31) found.push({ at: dmy.index, value: label(Number(dmy[2]) - 1, Number(dmy[3])) });
  found.sort((a, b) => a.at - b.at);
  return found[0]?.value ?? null;
}

/** A quarter a text names, with its year: "Q3 Y2", "Y2 Q3", "Year 2 Quarter 3" (a plan year), "Q3 2021/22", "2019/20 Q1", "Q1 2019-20". */
export interface QuarterName {
  label: string;
  /** Sorts quarters of one kind in time order. */
  order: number;
  /** Quarters of a plan year (Year 1, Year 2…) or of a financial or calendar year. */
  kind: "plan-quarter" | "quarter";
}

const QUARTER_WORD = "(?:Q|Qtr|Quarter)\\s*([1-4])(?![0-9])";
const PLAN_YEAR_WORD = "(?:Y|Yr|Year)\\s*([1-9])(?![0-9])";
/** "Q3 Y2", "Quarter 3 Year 2", "Q3 of Y2". */
const QUARTER_PLAN_YEAR = new RegExp(`(?<![A-Za-z0-9])${QUARTER_WORD}[\\s,/-]*(?:of\\s+)?${PLAN_YEAR_WORD}`, "i");
/** "Y2 Q3", "Year 2 Quarter 3", "Y2-Q3". */
const PLAN_YEAR_QUARTER = new RegExp(`(?<![A-Za-z0-9])${PLAN_YEAR_WORD}[\\s,/-]*${QUARTER_WORD}`, "i");
/** "2019/20 Q1", "2019-20 Quarter 1". */
const FY_QUARTER = new RegExp(`(?<![0-9])((?:19|20)\\d{2})\\s*[/-]\\s*(\\d{2}|\\d{4})(?![0-9])[\\s,]*${QUARTER_WORD}`, "i");
/** "Q1 2019/20", "Q1 2019-20", "Q3 2021", "Q2 21/22". */
const QUARTER_FY = new RegExp(`(?<![A-Za-z0-9])${QUARTER_WORD}[\\s,]*((?:19|20)?\\d{2})(?:\\s*[/-]\\s*(\\d{2}|\\d{4}))?(?![0-9])`, "i");

/** The quarter a text names with its (plan, financial or calendar) year, or null (a bare "Q2" names none). */
export function quarterIn(text: string): QuarterName | null {
  let m = QUARTER_PLAN_YEAR.exec(text);
  if (m) return planQuarter(Number(m[2]), Number(m[1]));
  m = PLAN_YEAR_QUARTER.exec(text);
  if (m) return planQuarter(Number(m[1]), Number(m[2]));
  m = FY_QUARTER.exec(text);
  if (m) return yearQuarter(Number(m[3]), m[1], m[2]);
  m = QUARTER_FY.exec(text);
  if (m) return yearQuarter(Number(m[1]), m[2].length === 2 ? `20${m[2]}` : m[2], m[3]);
  return null;
}

function planQuarter(year: number, quarter: number): QuarterName {
  return { label: `Year ${year} Q${quarter}`, order: year * 12 + quarter * 3, kind: "plan-quarter" };
}

function yearQuarter(quarter: number, year: string, end: string | undefined): QuarterName {
  const to = end ? `/${end.length === 4 ? end.slice(2) : end}` : "";
  return { label: `Q${quarter} ${year}${to}`, order: Number(year) * 12 + quarter * 3, kind: "quarter" };
}

/** A cell's month and year: a date cell's own, or the first in its text. */
function monthYearOfCell(value: unknown): string | null {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return label(value.getUTCMonth(), value.getUTCFullYear());
  return typeof value === "string" ? monthYearIn(value) : null;
}

/** Words that say the date after them is the period's: "as at", "updated", "reported to", "position at". */
const CUE = /(?<![A-Za-z])(?:as\s+(?:at|of)|updated?(?:\s+(?:on|to|at))?|reported\s+(?:to|at|on)|position\s+(?:at|as\s+at|to)|period\s+(?:to|ending|ended)|progress\s+(?:to|at)|correct\s+(?:at|as\s+at))[\s:,-]+/gi;
/** "27/03/19": a day, a month and a two-digit year (day first). */
const DAY_MONTH_YY = /^(\d{1,2})[/.](\d{1,2})[/.](\d{2})(?!\d)/;
/** Text longer than this is prose: a date inside it is not the period's, unless a cue names it. */
const TITLE_WORDS = 20;

/** The period a cue names: "as at 30 November 2021" → "November 2021", "Updated 27/03/19" → "March 2019", "as at Q3 Y2" → "Year 2 Q3". */
function cuedPeriod(text: string): string | null {
  for (const m of text.matchAll(CUE)) {
    const after = text.slice(m.index + m[0].length);
    // The date right after the cue (within a few words), not one further on.
    const head = after.slice(0, 25);
    const found = monthYearIn(head);
    if (found) return found;
    const short = DAY_MONTH_YY.exec(head);
    if (short && Number(short[2]) >= 1 && Number(short[2]) <= 12) return label(Number(short[2]) - 1, 2000 + Number(short[3]));
    const quarter = quarterIn(head.slice(0, 20));
    if (quarter) return quarter.label;
  }
  return null;
}

function wordsIn(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/**
 * The period the title rows above the header name, first row first: a date
 * after a cue ("as at", "updated", "reported to"), anywhere; else a quarter
 * with its year or a month and year in a short title, or a date cell. A date
 * inside a paragraph of prose does not name the period.
 */
export function periodFromTitleRows(grid: SheetGrid, headerRow: number): string | null {
  const view = new GridView(grid);
  let first: string | null = null;
  for (let r = view.firstRow; r < headerRow && r <= view.lastRow; r++) {
    for (let c = view.firstColumn; c <= view.lastColumn; c++) {
      const raw = view.raw(r, c);
      if (typeof raw === "string") {
        const cued = cuedPeriod(raw);
        if (cued) return cued;
        if (first === null && wordsIn(raw) <= TITLE_WORDS) first = quarterIn(raw)?.label ?? monthYearIn(raw);
      } else if (first === null) first = monthYearOfCell(raw);
    }
  }
  return first;
}

/** The quarter the title rows name ("Q3 Y2", "as at Q3 2021/22"), for choosing among a sheet's quarter columns; null when they name none. */
export function quarterFromTitleRows(view: GridView, headerRow: number): QuarterName | null {
  for (let r = view.firstRow; r < headerRow && r <= view.lastRow; r++) {
    for (let c = view.firstColumn; c <= view.lastColumn; c++) {
      const raw = view.raw(r, c);
      if (typeof raw !== "string" || wordsIn(raw) > TITLE_WORDS) continue;
      const q = quarterIn(raw);
      if (q) return q;
    }
  }
  return null;
}

/** The month and year in a header cell, left to right. */
export function periodFromHeader(grid: SheetGrid, headerRow: number): string | null {
  const view = new GridView(grid);
  if (headerRow < view.firstRow || headerRow > view.lastRow) return null;
  for (let c = view.firstColumn; c <= view.lastColumn; c++) {
    const found = monthYearIn(cellText(view.raw(headerRow, c)));
    if (found) return found;
  }
  return null;
}

/**
 * A file name's year and month: "herts-delivery-plan-2021-06.xlsx" → "June 2021",
 * "tracker_202106" → "June 2021", "plan-june-2021" → "June 2021". A financial
 * year ("2021-22") or a span of years ("2019-2024") is not a month: null.
 */
export function periodFromFileName(file: string): string | null {
  const base = file.replace(/^.*[\\/]/, "").replace(/\.[A-Za-z0-9]+$/, "");
  const m = /(?<!\d)((?:19|20)\d{2})[-_. ]?(0[1-9]|1[0-2])(?![\d])/.exec(base);
  if (m) return label(Number(m[2]) - 1, Number(m[1]));
  return monthYearIn(base.replace(/[-_.]+/g, " "));
}

export interface PeriodLabelInput {
  /** What the user gave (--period, --previous-label): always wins. */
  given?: string | null;
  /** The snapshot's label, when the period is a snapshot. */
  snapshot?: string | null;
  /** The workbook's tracker sheet and its header row. */
  grid?: SheetGrid | null;
  headerRow?: number | null;
  /** The workbook's file name (a path is fine). */
  file?: string | null;
}

/** The label of a period by the rules above, and which rule gave it; null when none does. */
export function periodLabel(input: PeriodLabelInput): PeriodLabel | null {
  const given = input.given?.trim();
  if (given) return { label: given, source: "given" };
  const snapshot = input.snapshot?.trim();
  if (snapshot) return { label: snapshot, source: "snapshot" };
  if (input.grid && input.headerRow) {
    const title = periodFromTitleRows(input.grid, input.headerRow);
    if (title) return { label: title, source: "title" };
    const header = periodFromHeader(input.grid, input.headerRow);
    if (header) return { label: header, source: "header" };
  }
  const fromFile = input.file ? periodFromFileName(input.file) : null;
  if (fromFile) return { label: fromFile, source: "file-name" };
  return null;
}

/** "November 2021": the month of a date (UTC), the label of last resort for this period. */
export function monthLabel(d: Date): string {
  return label(d.getUTCMonth(), d.getUTCFullYear());
}
