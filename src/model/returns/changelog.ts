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
import { GridView } from "../sheet/grid";
import type { SheetGrid } from "../sheet/grid";
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

/** The log's sheet among a workbook's grids (its name, whatever the case), or null. */
export function changeLogGrid(grids: readonly SheetGrid[]): SheetGrid | null {
  return grids.find((g) => g.name.trim().toLowerCase() === CHANGE_LOG_SHEET.toLowerCase()) ?? null;
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
