/**
 * Period labels that read as periods: "June 2021", never a raw file name such
 * as "herts-delivery-plan-2021-06".
 *
 * A period's label comes from, in this order (the first that gives one wins):
 *  1. what the user gave (`--period`, `--previous-label`, the pane's field);
 *  2. the snapshot's own label (a snapshot is stored under its period);
 *  3. a date in the workbook's title rows, above the header ("as at October 2018",
 *     "reported to June 2021", a date cell);
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

/** A cell's month and year: a date cell's own, or the first in its text. */
function monthYearOfCell(value: unknown): string | null {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return label(value.getUTCMonth(), value.getUTCFullYear());
  return typeof value === "string" ? monthYearIn(value) : null;
}

/** The month and year in the rows above the header (titles, notes), first row first. */
export function periodFromTitleRows(grid: SheetGrid, headerRow: number): string | null {
  const view = new GridView(grid);
  for (let r = view.firstRow; r < headerRow && r <= view.lastRow; r++) {
    for (let c = view.firstColumn; c <= view.lastColumn; c++) {
      const found = monthYearOfCell(view.raw(r, c));
      if (found) return found;
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
