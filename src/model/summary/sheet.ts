/**
 * The Panel Summary sheet's name, its tables' names and its mark: the sheet is marked as the
 * add-in's own by a workbook-level defined name, SUMMARY_MARK, that refers to
 * A1 of the sheet (see docs/PANEL-SUMMARY.md), so that rebuilding replaces only
 * the marked sheet, never a user's sheet that happens to be called "Panel Summary".
 */
import type { SummaryTableId } from "./types";

/** The name the summary sheet gets when it is free. */
export const SUMMARY_SHEET = "Panel Summary";
/** Workbook-level defined name that refers to A1 of the sheet the add-in made. */
export const SUMMARY_MARK = "DeliveryPlan_PanelSummary";
/** Shown with the defined name where the host keeps a comment (Excel's Name Manager). */
export const SUMMARY_MARK_COMMENT = "Marks the Panel Summary sheet made by the Delivery Plan add-in: rebuilding replaces that sheet only.";

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

/**
 * The Excel table (ListObject) name of each of the summary's tables: the ONS
 * style guide asks that published tables be marked up as tables, so each is an
 * Excel table, named for what it holds (a name a formula can use:
 * =SUM(PanelSummaryThemes[Completed])).
 */
export const SUMMARY_TABLE_NAMES: Record<SummaryTableId, string> = {
  headline: "PanelSummaryCounts",
  themes: "PanelSummaryThemes",
  rag: "PanelSummaryRAG",
  direction: "PanelSummaryDirection",
  updates: "PanelSummaryUpdates",
  history: "PanelSummaryHistory",
  exceptions: "PanelSummaryExceptions",
};

/** The built-in table style of the summary's tables in both writers: plain rules, no fills of its own, over which our own fills, bold and words stay readable. */
export const SUMMARY_TABLE_STYLE = "TableStyleLight1";

/**
 * The names the summary's tables get, in the order of `tables`: each its own
 * name (SUMMARY_TABLE_NAMES) unless `taken` has it — table and defined names
 * elsewhere in the workbook, compared without case as Excel does; our old
 * summary's tables go with its sheet, so they are not among them — then
 * "PanelSummaryThemes_2", "_3", …
 */
export function summaryTableNames(tables: readonly { id: SummaryTableId }[], taken: readonly string[]): string[] {
  const used = new Set(taken.map((n) => n.toUpperCase()));
  return tables.map(({ id }) => {
    const base = SUMMARY_TABLE_NAMES[id];
    let name = base;
    for (let n = 2; used.has(name.toUpperCase()); n++) name = `${base}_${n}`;
    used.add(name.toUpperCase());
    return name;
  });
}
