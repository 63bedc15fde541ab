/**
 * The tracker the officer chose, kept in the workbook (Excel's add-in settings,
 * ExcelApi 1.4: per file and per add-in): its sheet and the corrections made to
 * the column mapping. The pane uses it when it finds the tracker again, and the
 * ACTIONS functions use it when the workbook is opened next time, before the
 * pane has been shown (loadSavedTracker, called once the runtime is ready,
 * with the engine the pane's bootstrap started).
 */
import { FIELDS, FIELD_LABEL, cellText, columnNumber } from "../model";
import type { HeaderOverrides, SheetGrid, Tracker } from "../model";
import { NOW, publications, publishHistory, publishTrackerAsync } from "../shared/store";
import { readSnapshotSheet } from "./snapshot";
import { keepTrackerFresh } from "./refresh";
import { loadTracker } from "./tracker";
import type { Engine } from "../engine/engine";
import type { PeriodColumns } from "../shared/host";

export const TRACKER_SETTING = "deliveryPlan.tracker";

export interface SavedTracker {
  sheet: string;
  /** Field → column letter, or null for "not in this tracker". */
  overrides: Record<string, string | null>;
  /** The header row, and the header text of each column the overrides name, when saved (to notice a column moved). */
  headerRow?: number;
  headers?: Record<string, string>;
  /**
   * In a sheet that keeps several periods: the columns chosen for this period and the previous one, by
   * their header text ("Status June 2021"), so that a column inserted or moved does not change the choice.
   */
  periods?: PeriodColumns;
  /**
   * What the add-in put on this sheet: its colours, its drop-down lists (true: put there and not removed since;
   * false: none of ours; absent: not known, e.g. a workbook formatted before this was recorded).
   */
  formatted?: OursOnSheet;
}

/** Whether the add-in's colours / drop-down lists are on the tracker; a key left out is not known. */
export interface OursOnSheet {
  colours?: boolean;
  lists?: boolean;
}

/** The saved tracker for a tracker just found: its sheet, the corrections, and the headers they point at. */
export function trackerToSave(sheet: string, overrides: Record<string, string | null>, tracker: Tracker | null, periods?: PeriodColumns): SavedTracker {
  const out: SavedTracker = { sheet, overrides };
  if (periods && (periods.current || periods.previous)) {
    // Kept by header text: a letter is turned into its period column's header.
    const header = (target: string) => tracker?.periods?.columns.find((c) => c.column === target)?.header ?? target;
    out.periods = {};
    if (periods.current) out.periods.current = header(periods.current);
    if (periods.previous) out.periods.previous = header(periods.previous);
  }
  if (!tracker) return out;
  const headers: Record<string, string> = {};
  for (const [field, column] of Object.entries(overrides)) {
    const found = column ? tracker.columns.find((c) => c.field === field && c.column === column) : undefined;
    if (found) headers[field] = found.header;
  }
  if (Object.keys(headers).length) {
    out.headerRow = tracker.headerRow;
    out.headers = headers;
  }
  return out;
}

/** A heading as the saved mapping compares it: case and runs of spaces ignored, punctuation kept. */
const headingIgnoringCaseAndSpaces = (text: string) => text.trim().replace(/\s+/g, " ").toLowerCase();

/**
 * The saved corrections that still point at the header they were made for:
 * one whose column now has another heading (a column was inserted or moved)
 * is dropped — the add-in finds that field again — and said in `warnings`.
 */
export function checkSavedOverrides(saved: SavedTracker, grid: SheetGrid): { overrides: Record<string, string | null>; warnings: string[] } {
  const overrides: Record<string, string | null> = {};
  const warnings: string[] = [];
  for (const [field, column] of Object.entries(saved.overrides)) {
    const header = saved.headers?.[field];
    if (column === null || header === undefined || saved.headerRow === undefined) {
      overrides[field] = column;
      continue;
    }
    const row = grid.values[saved.headerRow - grid.firstRow];
    const now = cellText(row?.[columnNumber(column) - grid.firstColumn] ?? null);
    if (headingIgnoringCaseAndSpaces(now) === headingIgnoringCaseAndSpaces(header)) overrides[field] = column;
    else {
      const label = FIELD_LABEL[field as keyof typeof FIELD_LABEL] ?? field;
      warnings.push(
        `The column mapping saved in this workbook said ${label} is column ${column} ("${header}"), but ${column}${saved.headerRow} now says ${now ? `"${now}"` : "nothing"}: a column may have been inserted or moved. The add-in found ${label} again; check the column mapping.`,
      );
    }
  }
  return { overrides, warnings };
}

/** Queue the read of the saved tracker; the value is there after the next sync. */
export function queueSavedTracker(context: Excel.RequestContext): () => SavedTracker | null {
  const item = context.workbook.settings.getItemOrNullObject(TRACKER_SETTING);
  item.load("value");
  // The callers read it only after their next sync (the linter cannot see through the callback).
  // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/call-sync-after-load
  return () => (item.isNullObject ? null : parseSavedTracker(item.value));
}

/** What the setting holds, if it is one of ours and well formed; anything else is ignored. */
export function parseSavedTracker(value: unknown): SavedTracker | null {
  let data: unknown = value;
  if (typeof value === "string") {
    try {
      data = JSON.parse(value);
    } catch {
      return null;
    }
  }
  if (typeof data !== "object" || data === null) return null;
  const { sheet, overrides, headerRow, headers, periods, formatted } = data as { sheet?: unknown; overrides?: unknown; headerRow?: unknown; headers?: unknown; periods?: unknown; formatted?: unknown };
  if (typeof sheet !== "string" || !sheet) return null;
  const out: Record<string, string | null> = {};
  if (typeof overrides === "object" && overrides !== null) {
    for (const [field, column] of Object.entries(overrides)) {
      if (!(FIELDS as readonly string[]).includes(field)) continue;
      if (column === null || (typeof column === "string" && /^[A-Z]{1,3}$/.test(column))) out[field] = column;
    }
  }
  const saved: SavedTracker = { sheet, overrides: out };
  if (typeof headerRow === "number" && Number.isInteger(headerRow) && headerRow > 0 && typeof headers === "object" && headers !== null) {
    const h: Record<string, string> = {};
    for (const [field, text] of Object.entries(headers)) if (field in out && typeof text === "string") h[field] = text;
    if (Object.keys(h).length) {
      saved.headerRow = headerRow;
      saved.headers = h;
    }
  }
  if (typeof periods === "object" && periods !== null) {
    const p: PeriodColumns = {};
    for (const which of ["current", "previous"] as const) {
      const target = (periods as Record<string, unknown>)[which];
      if (typeof target === "string" && target.trim() && target.length <= 255) p[which] = target;
    }
    if (p.current || p.previous) saved.periods = p;
  }
  if (typeof formatted === "object" && formatted !== null) {
    const f: OursOnSheet = {};
    for (const what of ["colours", "lists"] as const) {
      const on = (formatted as Record<string, unknown>)[what];
      if (typeof on === "boolean") f[what] = on;
    }
    saved.formatted = f;
  }
  return saved;
}

export function sameSaved(a: SavedTracker | null, b: SavedTracker): boolean {
  const key = (s: SavedTracker) => JSON.stringify([s.sheet, sortKeys(s.overrides), s.headerRow ?? null, sortKeys(s.headers ?? {}), s.periods?.current ?? null, s.periods?.previous ?? null]);
  return a !== null && key(a) === key(b);
}

function sortKeys<T>(o: Record<string, T>): [string, T][] {
  return Object.entries(o).sort(([a], [b]) => a.localeCompare(b));
}

/** Queue the save; it goes with the batch's next sync. */
export function queueSaveTracker(context: Excel.RequestContext, saved: SavedTracker): void {
  context.workbook.settings.add(TRACKER_SETTING, JSON.stringify(saved));
}

/**
 * Queue the record of what the add-in now has on the saved tracker's sheet (with the batch's next sync), when it
 * changes it; false when there is nothing to record (no saved tracker for that sheet, or no change).
 */
export function queueOursRecord(context: Excel.RequestContext, saved: SavedTracker | null, sheet: string, change: OursOnSheet): boolean {
  if (!saved || saved.sheet.toLowerCase() !== sheet.toLowerCase()) return false;
  const formatted: OursOnSheet = { ...saved.formatted };
  for (const what of ["colours", "lists"] as const) {
    if (what in change) {
      if (change[what] === undefined) delete formatted[what];
      else formatted[what] = change[what];
    }
  }
  const was = saved.formatted;
  if (was && was.colours === formatted.colours && was.lists === formatted.lists) return false;
  queueSaveTracker(context, { ...saved, formatted });
  return true;
}

/** Corrections as the model takes them: known fields only; none at all is undefined. */
export function overridesFrom(corrections: Record<string, string | null> | undefined): HeaderOverrides | undefined {
  const out: HeaderOverrides = {};
  for (const [field, target] of Object.entries(corrections ?? {})) {
    if ((FIELDS as readonly string[]).includes(field)) out[field as keyof HeaderOverrides] = target;
  }
  return Object.keys(out).length ? out : undefined;
}

/**
 * The snapshots the pane took, for =ACTIONS.HISTORY without a range: every
 * period of the snapshot sheet, read in blocks (two round trips for a small
 * tracker), published for the tracker's sheet, the tracker now labelled "Now"
 * (the pane gives this period's own label when it builds the summary). A sheet
 * with no snapshot publishes none; a failure to read them leaves the functions
 * as they were (ACTIONS.HISTORY then asks for the range).
 */
async function publishKeptHistory(context: Excel.RequestContext, sheet: string): Promise<void> {
  try {
    const { snapshots } = await readSnapshotSheet(context);
    if (snapshots.length) publishHistory({ sheet, period: NOW, earlier: snapshots.map((s) => ({ label: s.period, actions: s.actions })) });
  } catch {
    // The tracker is published; its history is not known.
  }
}

/**
 * When the runtime starts (the workbook is opened and a function or the pane
 * loads it): read the saved tracker and publish it for the ACTIONS functions,
 * with the snapshots kept (for ACTIONS.HISTORY), and keep it fresh as the sheet is edited. Resolves to the sheet read, or null
 * when nothing was saved or the sheet is gone (the functions then ask for the
 * pane, as before). Never throws.
 */
export async function loadSavedTracker(excel: Pick<typeof Excel, "run"> = Excel, engine?: Engine): Promise<string | null> {
  const before = publications();
  try {
    return await excel.run(async (context) => {
      const saved = queueSavedTracker(context);
      await context.sync();
      const s = saved();
      if (!s) return null;
      const overrides = overridesFrom(s.overrides);
      const { report } = await loadTracker(context, { sheet: s.sheet, overrides, engine, checkOverrides: (probe) => overridesFrom(checkSavedOverrides(s, probe).overrides) });
      // The pane found a tracker meanwhile (with its previous period, and its own watch): it wins.
      if (!report.tracker || publications() !== before) return null;
      await publishTrackerAsync(report);
      if (publications() !== before + 1) return null;
      await publishKeptHistory(context, report.tracker.sheet);
      void keepTrackerFresh({ sheet: report.tracker.sheet, overrides, engine }).catch(() => undefined);
      return report.tracker.sheet;
    });
  } catch {
    return null;
  }
}
