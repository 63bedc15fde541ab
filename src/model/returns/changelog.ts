/**
 * The workbook's "Change log" sheet read back (pure, from its grid): every write
 * the tool makes to a copy of the tracker appends rows to it (when, period,
 * action, field, old value, new value, source), and what it records is used.
 *
 * What is new this period is marked there, in words, and not in the tracker's
 * cells: a merged update is a "Change log" row naming the period, the action and
 * the field "update". The update's own text is left as the lead wrote it (a
 * prefix such as "[New]" would be carried into next period's "last update",
 * sent back to the lead and compared as if it were theirs), and no column is
 * added to the officer's layout. So the "updated since" counts come from the
 * log when it has rows for this period, and from comparing texts otherwise.
 */
import { GridView, columnNumber } from "../sheet/grid";
import type { SheetGrid } from "../sheet/grid";
import type { Action, Tracker } from "../issues/schema";
import { normaliseUpdate } from "../analysis/updates";
import type { UpdateComparison, UpdateChange, UpdateCounts } from "../analysis/updates";
import type { PeriodAction } from "../analysis/direction";

export const CHANGE_LOG_SHEET = "Change log";
export const CHANGE_LOG_HEADERS = ["When", "Period", "Action", "Field", "Old value", "New value", "Source"] as const;

export interface ChangeLogEntry {
  /** The log's row. */
  row: number;
  when: string;
  period: string;
  /** The action's reference, or a column's header for a formatting-only write ("column F"). */
  action: string;
  field: string;
  old: string;
  new: string;
  source: string;
}

/** A name the log may have: "Change log", or "Change log (2)" when the user has a sheet of their own called "Change log". */
export function isChangeLogName(name: string): boolean {
  return /^change log( \(\d+\))?$/i.test(name.trim());
}

/** The log's sheet among a workbook's grids: the first so named with the log's headers, or null. */
export function changeLogGrid(grids: readonly SheetGrid[]): SheetGrid | null {
  return grids.find((g) => isChangeLogName(g.name) && readChangeLog(g) !== null) ?? null;
}

/**
 * The log's rows, by its header row (row 1, the headers in any order). A sheet
 * named "Change log" without those headers is not this tool's log: null.
 */
export function readChangeLog(grid: SheetGrid): ChangeLogEntry[] | null {
  const view = new GridView(grid);
  const at = new Map<string, number>();
  for (let c = grid.firstColumn; c <= view.lastColumn; c++) at.set(view.text(1, c).trim().toLowerCase(), c);
  const col = CHANGE_LOG_HEADERS.map((h) => at.get(h.toLowerCase()));
  if (col.some((c) => c === undefined)) return null;
  const out: ChangeLogEntry[] = [];
  for (let r = 2; r <= view.lastRow; r++) {
    const [when, period, action, field, old, now, source] = col.map((c) => view.text(r, c!));
    if (!when && !period && !action && !field) continue;
    out.push({ row: r, when, period, action, field, old, new: now, source });
  }
  return out;
}

/** Two period labels are one when they differ only in case and spacing ("February  2019", "february 2019"). */
export function samePeriod(a: string, b: string): boolean {
  return normaliseUpdate(a).toLowerCase() === normaliseUpdate(b).toLowerCase();
}

/** How many entries the log has, and the last one in words ("2026-12-07T10:00:00Z, February 2019: O2 update, return from CS, cs.xlsx"). */
export function changeLogSummary(entries: readonly ChangeLogEntry[]): { entries: number; last: ChangeLogEntry | null; lastWords: string | null } {
  const last = entries[entries.length - 1] ?? null;
  const lastWords = last ? `${last.when}${last.period ? `, ${last.period}` : ""}: ${[last.action, last.field].filter(Boolean).join(" ")}${last.source ? ` (${last.source})` : ""}` : null;
  return { entries: entries.length, last, lastWords };
}

/**
 * The updates new this period as the log records them: each action with a row
 * for `period` whose field is "update" is updated; the others are not, and an
 * action not in the previous period is new. Null when the log has no update row
 * for that period (then the texts are compared, as before).
 */
export function updatesFromChangeLog(
  now: readonly { id: string }[],
  previous: readonly PeriodAction[],
  since: string,
  entries: readonly ChangeLogEntry[],
  period: string,
): UpdateComparison | null {
  const key = (id: string) => id.trim().toUpperCase();
  const updated = new Set(entries.filter((e) => samePeriod(e.period, period) && e.field.trim().toLowerCase() === "update").map((e) => key(e.action)));
  if (!updated.size) return null;
  const before = new Set(previous.map((p) => key(p.id)));
  const counts: UpdateCounts = { since, updated: 0, notUpdated: 0, new: 0, notCompared: 0, fromChangeLog: normaliseUpdate(period) };
  const byId = new Map<string, UpdateChange>();
  for (const a of now) {
    const change: UpdateChange = !before.has(key(a.id)) ? "new" : updated.has(key(a.id)) ? "updated" : "not-updated";
    if (!byId.has(key(a.id))) byId.set(key(a.id), change);
    if (change === "updated") counts.updated++;
    else if (change === "new") counts.new++;
    else counts.notUpdated++;
  }
  return { counts, byId };
}

/** Who writes, when and for which period: the columns every row of one write shares. */
export interface LogContext {
  /** "2026-12-07T10:00:00Z". */
  when: string;
  period: string;
  /** "delivery-plan format", "return from CS, cs.xlsx", "task pane". */
  source: string;
}

/** A row of the log, in CHANGE_LOG_HEADERS' order. */
export type ChangeLogRow = [when: string, period: string, action: string, field: string, old: string, now: string, source: string];

/** The moment of a write as the log gives it: to the second, in UTC. */
export function logTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

const CELL = /^([A-Z]+)(\d+)$/;

/** The header of the tracker's column with that letter (or the letter, for a column the tracker does not read). */
function headerOf(tracker: Tracker, letter: string): string {
  return tracker.columns.find((c) => c.column === letter)?.header.replace(/\s+/g, " ").trim() || `column ${letter}`;
}

/**
 * One row per cell of the tracker a write changes (a cell whose text stays the
 * same is no change): the action on the cell's row (none for a header), the
 * column's header, the cell's text before and the text written.
 */
export function cellWriteLogRows(ctx: LogContext, grid: SheetGrid, tracker: Tracker, actions: readonly Action[], writes: readonly { cell: string; text: string }[]): ChangeLogRow[] {
  const view = new GridView(grid);
  const byRow = new Map<number, string>();
  for (const a of actions) for (const r of a.rows) if (!byRow.has(r)) byRow.set(r, a.id);
  const out: ChangeLogRow[] = [];
  for (const w of writes) {
    const m = CELL.exec(w.cell);
    if (!m) continue;
    const row = Number(m[2]);
    const old = view.text(row, columnNumber(m[1]));
    if (old === w.text) continue;
    const header = row === tracker.headerRow;
    out.push([ctx.when, ctx.period, header ? `header ${w.cell}` : (byRow.get(row) ?? `cell ${w.cell}`), header ? "column header" : headerOf(tracker, m[1]), old, w.text, ctx.source]);
  }
  return out;
}

/**
 * Formatting-only writes: one row per column and kind of write, not one per
 * cell ("colours for the RAG words, 4 conditional-format rules, on F6:F60").
 */
export function formattingLogRows(ctx: LogContext, tracker: Tracker, applied: readonly { range: string; what: string }[], removed = false): ChangeLogRow[] {
  const byRange = new Map<string, string[]>();
  for (const a of applied) byRange.set(a.range, [...(byRange.get(a.range) ?? []), a.what]);
  const letters = (range: string) => /^([A-Z]+)/.exec(range)?.[1] ?? "";
  // In the sheet's order: by column, shorter letters first ("Z" before "AA").
  const ordered = [...byRange].sort(([a], [b]) => letters(a).length - letters(b).length || letters(a).localeCompare(letters(b)));
  return ordered.map(([range, what]) => {
    const letter = /^([A-Z]+)/.exec(range)?.[1] ?? "";
    const said = `${[...new Set(what)].join("; ")} on ${range}`;
    // Taken away: what was there is the old value, and nothing the new one.
    return [ctx.when, ctx.period, `column ${letter}`, headerOf(tracker, letter), removed ? said : "", removed ? "" : said, ctx.source];
  });
}

/** A drop-down list added, as the validation's report names it ("F6:F60 (RAG)"), as the log says it. */
export function listLogItem(added: string): { range: string; what: string } {
  const m = /^(\S+)\s*\((.*)\)$/.exec(added);
  return { range: m?.[1] ?? added, what: `a drop-down list of the ${m?.[2] ?? ""} words`.replace(/ {2}/g, " ") };
}

/** The source of the task pane's own writes. */
export const PANE_SOURCE = "task pane";

/**
 * The rows an undo appends (the time left out: it is put first when the undo is done): the same fields,
 * from the value written back to the one before, said to be the undo ("undo of the spelling fixes (task pane)").
 * The log keeps the write's own rows: an undo adds to the history, never takes from it.
 */
export function undoLogRows(rows: readonly (readonly string[])[], undoOf: string): string[][] {
  return rows.map(([, period, action, field, old, now, source]) => [period, action, field, now, old, `undo of ${undoOf} (${source})`]);
}

/** A format plan's rules as the log says them: per range, the colours of which words and how many rules. */
export function ruleLogItems(rules: readonly { range: string; field: string }[]): { range: string; what: string }[] {
  const words: Record<string, string> = { rag: "RAG", status: "status", direction: "direction of travel" };
  const count = new Map<string, { field: string; n: number }>();
  for (const r of rules) {
    const k = `${r.range}\u0000${r.field}`;
    count.set(k, { field: r.field, n: (count.get(k)?.n ?? 0) + 1 });
  }
  return [...count].map(([k, { field, n }]) => ({ range: k.split("\u0000")[0], what: `colours for the ${words[field] ?? field} words (${n} conditional-format rule${n === 1 ? "" : "s"})` }));
}
