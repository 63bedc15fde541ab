/**
 * When an action is due, read from what officers type in the timeframe column:
 * "March 2022", "Apr-20", "Sep ’19", "Autumn 2021", "Spring 2022", "2022", "Q3 2021/22",
 * "2021/22", "end of March 2022", "w/c 5 June 2023", "18.01.2016",
 * "January 2022 to understand impact", a date, a date serial, ISO text. "Ongoing", "-" and the like have
 * no date and are left alone.
 */
import type { CellValue } from "./grid";

export type TimeframeReading =
  | { kind: "date"; due: Date; read: string }
  | { kind: "none" }
  | { kind: "unread"; text: string };

/** Made once: toLocaleDateString builds a formatter on every call, which costs a tracker of thousands of dates. */
const LONG_DATE = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** "30 November 2021". */
export function formatLongDate(d: Date): string {
  return LONG_DATE.format(d);
}

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
const MONTH_RE = "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
/** The last month of each season, as UK public bodies use them. */
const SEASON_END: Record<string, number> = { spring: 5, summer: 8, autumn: 11, winter: 2 };
/** Words that mean "no date": not worth a note. */
const NO_DATE = /^(?:-+|–|—|n\/?a|tbc|tbd|ongoing|on-going|ongoing.*|continuous|continual|in progress|complete[d]?|none|various|as required|bau|business as usual)$/i;

function endOfMonth(year: number, month1: number): Date {
  return new Date(Date.UTC(year, month1, 0, 23, 59, 59));
}

/** The apostrophes typed before a two-digit year: ' ‘ ’ ` ′. */
const APOSTROPHE = "['‘’`′]";

function monthNumber(name: string): number {
  return MONTHS.findIndex((full) => full.startsWith(name.slice(0, 3))) + 1;
}

/** The end of one calendar day, or null when there is no such day (31/02, 00/13). */
function dayOf(year: number, month1: number, day: number): Date | null {
  const d = new Date(Date.UTC(year, month1 - 1, day, 23, 59, 59));
  return d.getUTCMonth() === month1 - 1 && d.getUTCDate() === day ? d : null;
}

function fullYear(y: string): number {
  const n = Number(y);
  return y.length === 2 ? 2000 + n : n;
}

/** 5 June 2023, 5th June 2023, June 5, 2023, with "w/c" or "w/e" before it (built once: the reader calls this for every action). */
const DAY_MONTH_YEAR = new RegExp(`\\b(?:(w/?c|week commencing|w/?e|week ending)\\s*)?(?:(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH_RE}|${MONTH_RE}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?)\\s+(\\d{4})\\b`);
/** March 2022, Sept 21, Apr-20, Sep '19. */
const MONTH_AND_YEAR = new RegExp(`\\b${MONTH_RE}\\.?[\\s./-]*(\\d{4}|${APOSTROPHE}?\\d{2})\\b`);
const AN_APOSTROPHE = new RegExp(APOSTROPHE);

/**
 * Whether a number format shows a month and a year but no day ("mmm-yy", "mmmm yyyy",
 * "[$-809]mmm-yy;@"): what Excel stores when someone types "Mar 2021".
 */
export function isMonthFormat(format: string | null | undefined): boolean {
  if (!format) return false;
  // The first section only, without quoted text, escaped characters and [colour]/[$-locale] parts.
  const code = format.split(";")[0].replace(/"[^"]*"/g, "").replace(/\\./g, "").replace(/\[[^\]]*\]/g, "").toLowerCase();
  return /m/.test(code) && /y/.test(code) && !/[dhs]/.test(code);
}

/** "March 2021": the month of a date shown as a month, as a timeframe reads it (due at the end of the month). */
export function monthOfDate(d: Date): string {
  return `${MONTHS[d.getUTCMonth()][0].toUpperCase()}${MONTHS[d.getUTCMonth()].slice(1)} ${d.getUTCFullYear()}`;
}

export function readTimeframe(value: CellValue | string): TimeframeReading {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? { kind: "none" } : readTimeframe(value.toISOString().slice(0, 10));
  if (typeof value === "number") {
    // A bare year, or an Excel date serial.
    if (value >= 1990 && value <= 2100) return { kind: "date", due: endOfMonth(value, 12), read: String(value) };
    if (value > 30000 && value < 80000) return readTimeframe(new Date(Math.round((value - 25569) * 86400000)));
    return { kind: "unread", text: String(value) };
  }
  const text = typeof value === "string" ? value.trim() : "";
  if (!text || NO_DATE.test(text)) return { kind: "none" };
  const t = text.toLowerCase();

  // Q3 2021/22: financial-year quarters, Q1 = April–June.
  let m = /\bq([1-4])\s*(?:of\s*)?(?:fy\s*)?(\d{4})(?:\s*[/-]\s*(\d{2,4}))?\b/.exec(t);
  if (m) {
    const q = Number(m[1]);
    const start = Number(m[2]);
    const due = q === 4 ? endOfMonth(start + 1, 3) : endOfMonth(start, 3 + q * 3);
    return { kind: "date", due, read: `Q${q} ${m[2]}${m[3] ? `/${m[3]}` : ""}` };
  }
  // 2030-12-31: a date as the engine writes one (ISO).
  m = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(t);
  if (m) {
    const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 23, 59, 59));
    if (!Number.isNaN(d.getTime())) return { kind: "date", due: d, read: m[0] };
  }
  // 31/03/2022, 31-03-22 or 18.01.2016 (UK day first).
  m = /\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})\b/.exec(t);
  if (m) {
    const d = dayOf(fullYear(m[3]), Number(m[2]), Number(m[1]));
    // No such day (31/02/2022): a note, not the year alone.
    return d ? { kind: "date", due: d, read: m[0] } : { kind: "unread", text };
  }
  // 44651: a date serial that came through as text.
  m = /^(\d{5})(?:\.\d+)?$/.exec(t);
  if (m && Number(m[1]) > 30000 && Number(m[1]) < 80000) return readTimeframe(Number(m[1]));
  // 5 June 2023, 5th June 2023, June 5, 2023; "w/c 5 June 2023" (week commencing) is due at the week's end.
  m = DAY_MONTH_YEAR.exec(t);
  if (m) {
    const month = monthNumber(m[3] ?? m[4]);
    const d = dayOf(Number(m[6]), month, Number(m[2] ?? m[5]));
    if (d) {
      const weekCommencing = m[1] !== undefined && /c|commencing/.test(m[1]);
      return { kind: "date", due: weekCommencing ? new Date(d.getTime() + 6 * 86400000) : d, read: m[0] };
    }
  }
  // March 2022, Sept 21, Apr-20 (April 2020, not 20 April), Sep '19 / ‘19 / ’19, "end of March 2022",
  // "due January 2022", "January 2022 to understand impact".
  m = MONTH_AND_YEAR.exec(t);
  if (m) {
    const month = monthNumber(m[1]);
    const year = fullYear(m[2].replace(AN_APOSTROPHE, ""));
    return { kind: "date", due: endOfMonth(year, month), read: `${MONTHS[month - 1]} ${year}` };
  }
  // Autumn 2021, Spring 2022, Winter 2021/22.
  m = /\b(spring|summer|autumn|fall|winter)\s*(\d{4})(?:\s*[/-]\s*(\d{2,4}))?\b/.exec(t);
  if (m) {
    const season = m[1] === "fall" ? "autumn" : m[1];
    const year = Number(m[2]) + (season === "winter" ? 1 : 0);
    return { kind: "date", due: endOfMonth(year, SEASON_END[season]), read: `${season} ${m[2]}` };
  }
  // Early / mid / end 2022.
  m = /\b(early|mid|middle of|late|end of|end)\s*(\d{4})\b/.exec(t);
  if (m) {
    const month = m[1] === "early" ? 4 : m[1].startsWith("mid") ? 7 : 12;
    return { kind: "date", due: endOfMonth(Number(m[2]), month), read: `${m[1]} ${m[2]}` };
  }
  // 2022, 2021/22 (a financial year ends in March), "by 2023".
  m = /\b(20\d{2})\s*[/-]\s*(\d{2,4})\b/.exec(t);
  if (m) return { kind: "date", due: endOfMonth(fullYear(m[2]), 3), read: m[0] };
  m = /\b(19|20)(\d{2})\b/.exec(t);
  if (m) return { kind: "date", due: endOfMonth(Number(m[1] + m[2]), 12), read: m[0] };
  return { kind: "unread", text };
}
