/**
 * The tracker the officer chose, kept in the workbook (Excel's add-in settings,
 * ExcelApi 1.4: per file and per add-in): its sheet and the corrections made to
 * the column mapping. The pane uses it when it finds the tracker again, and the
 * ACTIONS functions use it when the workbook is opened next time, before the
 * pane has been shown (loadSavedTracker, called once the runtime is ready).
 */
import { FIELDS } from "../model";
import type { HeaderOverrides } from "../model";
import { publications, publishTrackerAsync } from "../functions/store";
import { keepTrackerFresh } from "./refresh";
import { loadTracker } from "./tracker";

export const TRACKER_SETTING = "deliveryPlan.tracker";

export interface SavedTracker {
  sheet: string;
  /** Field → column letter, or null for "not in this tracker". */
  overrides: Record<string, string | null>;
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
  const { sheet, overrides } = data as { sheet?: unknown; overrides?: unknown };
  if (typeof sheet !== "string" || !sheet) return null;
  const out: Record<string, string | null> = {};
  if (typeof overrides === "object" && overrides !== null) {
    for (const [field, column] of Object.entries(overrides)) {
      if (!(FIELDS as readonly string[]).includes(field)) continue;
      if (column === null || (typeof column === "string" && /^[A-Z]{1,3}$/.test(column))) out[field] = column;
    }
  }
  return { sheet, overrides: out };
}

export function sameSaved(a: SavedTracker | null, b: SavedTracker): boolean {
  return a !== null && JSON.stringify([a.sheet, sortKeys(a.overrides)]) === JSON.stringify([b.sheet, sortKeys(b.overrides)]);
}

function sortKeys(o: Record<string, string | null>): [string, string | null][] {
  return Object.entries(o).sort(([a], [b]) => a.localeCompare(b));
}

/** Queue the save; it goes with the batch's next sync. */
export function queueSaveTracker(context: Excel.RequestContext, saved: SavedTracker): void {
  context.workbook.settings.add(TRACKER_SETTING, JSON.stringify(saved));
}

export function overridesFrom(saved: Record<string, string | null>): HeaderOverrides | undefined {
  const entries = Object.entries(saved);
  return entries.length ? (Object.fromEntries(entries) as HeaderOverrides) : undefined;
}

/**
 * When the runtime starts (the workbook is opened and a function or the pane
 * loads it): read the saved tracker and publish it for the ACTIONS functions,
 * and keep it fresh as the sheet is edited. Resolves to the sheet read, or null
 * when nothing was saved or the sheet is gone (the functions then ask for the
 * pane, as before). Never throws.
 */
export async function loadSavedTracker(excel: Pick<typeof Excel, "run"> = Excel): Promise<string | null> {
  const before = publications();
  try {
    return await excel.run(async (context) => {
      const saved = queueSavedTracker(context);
      await context.sync();
      const s = saved();
      if (!s) return null;
      const overrides = overridesFrom(s.overrides);
      const { report } = await loadTracker(context, { sheet: s.sheet, overrides });
      // The pane found a tracker meanwhile (with its previous period, and its own watch): it wins.
      if (!report.tracker || publications() !== before) return null;
      await publishTrackerAsync(report);
      if (publications() !== before + 1) return null;
      void keepTrackerFresh({ sheet: report.tracker.sheet, overrides }).catch(() => undefined);
      return report.tracker.sheet;
    });
  } catch {
    return null;
  }
}
