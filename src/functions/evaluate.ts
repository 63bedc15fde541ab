/**
 * What each ACTIONS function computes, apart from Excel: plain inputs (the
 * index the runtime holds, or a range passed in), a value or an error value out.
 * functions.ts turns the errors into CustomFunctions.Error; tests and the
 * HyperFormula check call these directly.
 */
import { ActionIndex, CellValue, SheetGrid, buildHistory, defaultLexicon, nameKey, periodActions, readSnapshots, readTracker, splitLeads } from "../model";
import type { KeptPeriodActions } from "../model";
import type { IndexResult } from "../model";
import { fromOfficeValue } from "../shared/values";
import { NOW } from "../shared/store";
import type { PublishedHistory, PublishedIndex } from "../shared/store";

export type FunctionError = { error: "#VALUE!" | "#N/A"; message: string };
export type Outcome<T> = T | FunctionError;

/** What every function answers before the pane has chosen a tracker. */
export const NO_TRACKER_CHOSEN: FunctionError = {
  error: "#N/A",
  message: "Open the Delivery plan pane to choose the tracker.",
};

export function isFunctionError(x: unknown): x is FunctionError {
  return typeof x === "object" && x !== null && !Array.isArray(x) && "error" in x && "message" in x;
}

/** A range argument: a 2-D array of more than one cell. */
export function isRange(x: unknown): x is unknown[][] {
  return Array.isArray(x) && x.length > 0 && Array.isArray(x[0]) && (x.length > 1 || (x[0] as unknown[]).length > 1);
}

/** A scalar argument as text ("" when omitted or empty). */
export function argText(x: unknown): string {
  if (x === null || x === undefined) return "";
  if (Array.isArray(x)) return argText(Array.isArray(x[0]) ? x[0][0] : x[0]);
  if (typeof x === "object") {
    // A data type or an error cell, as the runtime gives it (see fromOfficeValue): its basic value; an error is no word.
    const v = fromOfficeValue(x);
    return v === null || typeof v === "object" ? "" : String(v).trim();
  }
  return String(x).trim();
}

/**
 * Ranges already read, by content. Excel hands each invocation a new array, so
 * a cache keyed by the array would never hit across cells: ten formulas over the
 * same 20,000-row range would read it ten times. So a range is looked up by its
 * cells, compared one by one with those of the ranges read before (a compare
 * stops at the first difference, and builds nothing: no JSON of the whole range).
 */
const SOURCE_CACHE_SIZE = 4;
const lexicon = defaultLexicon();
/** Most recently used last. Each holds its own copy of the cells, so an edit of the caller's array is seen as new content. */
const sourceCache: { values: unknown[][]; result: ActionIndex | FunctionError }[] = [];

/** The same cell: the same primitive, or (for anything else Excel may pass) the same JSON. */
function sameCell(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

function sameValues(a: unknown[][], b: unknown[][]): boolean {
  if (a.length !== b.length) return false;
  for (let r = 0; r < a.length; r++) {
    const x = a[r];
    const y = b[r];
    if (x.length !== y.length) return false;
    for (let c = 0; c < x.length; c++) if (!sameCell(x[c], y[c])) return false;
  }
  return true;
}

/** Read a tracker from a range passed to the function: no Excel call, just the values Excel gave us. */
export function indexFromRange(values: unknown[][]): ActionIndex | FunctionError {
  const at = sourceCache.findIndex((e) => sameValues(e.values, values));
  if (at >= 0) {
    const [hit] = sourceCache.splice(at, 1);
    sourceCache.push(hit);
    return hit.result;
  }
  const grid: SheetGrid = {
    name: "source range",
    firstRow: 1,
    firstColumn: 1,
    values: values.map((row) => row.map((v): CellValue => fromOfficeValue(v))),
    merges: [],
  };
  const report = readTracker(grid, { lexicon });
  // A range that starts below the header can make a data row look like one
  // ("In progress" under Status, "Postponed…" under Timeframe): a header cell
  // that is itself a status, RAG or direction word means there is no header.
  const dataRowAsHeader = report.tracker?.columns.some((c) => lexicon.lookup(c.header) !== null) ?? false;
  const result: ActionIndex | FunctionError =
    report.tracker && !dataRowAsHeader
      ? new ActionIndex(report.actions, lexicon)
      : { error: "#N/A", message: "The range given has no tracker header (Ref, Action, Status or RAG). Include the header row in the range." };
  sourceCache.push({ values: values.map((row) => row.slice()), result });
  if (sourceCache.length > SOURCE_CACHE_SIZE) sourceCache.shift();
  return result;
}

/**
 * Split the optional arguments into filters and an explicit source range (which
 * may come in any optional slot). Filters keep their position: in
 * COUNT("Red", A4:G50, "NP") the range fills the theme's slot and "NP" is still the lead.
 */
export function pickSource(tracker: PublishedIndex | null, args: unknown[]): { index: ActionIndex | FunctionError; filters: string[] } {
  const range = args.find(isRange) as unknown[][] | undefined;
  const filters = args.map((a) => (isRange(a) ? "" : argText(a)));
  if (range) return { index: indexFromRange(range), filters };
  return { index: tracker ? tracker.index : NO_TRACKER_CHOSEN, filters };
}

function listed(names: string[], max = 12): string {
  return names.length > max ? `${names.slice(0, max).join(", ")}… (${names.length} in all)` : names.join(", ");
}

const leadCache = new WeakMap<ActionIndex, Map<string, string>>();

/** The tracker's leads, each on their own ("NP / CS" is NP and CS), by their key. */
function leadsOf(index: ActionIndex): Map<string, string> {
  let all = leadCache.get(index);
  if (!all) {
    all = new Map<string, string>();
    for (const a of index.actions) for (const l of splitLeads(a.lead)) if (!all.has(nameKey(l))) all.set(nameKey(l), l);
    leadCache.set(index, all);
  }
  return all;
}

/** A theme or lead the tracker does not have is a typo, not a count of 0: say so, with the ones it has. */
export function checkFilters(index: ActionIndex, theme: string, lead = ""): FunctionError | null {
  if (theme && index.total(theme) === 0) {
    const themes = index.themes();
    return {
      error: "#VALUE!",
      message: themes.length
        ? `No theme "${theme}" in the tracker. Use one of: ${listed(themes)}.`
        : `The tracker has no themes, so "${theme}" cannot be used to filter.`,
    };
  }
  // Any action with this lead? (A map look-up; the list of leads is built only for the message.)
  const withLead = lead ? index.count("", null, lead) : null;
  if (withLead?.ok && withLead.value === 0) {
    const all = leadsOf(index);
    return {
      error: "#VALUE!",
      message: all.size ? `No lead "${lead}" in the tracker. Use one of: ${listed([...all.values()])}.` : `The tracker has no lead column, so "${lead}" cannot be used to filter.`,
    };
  }
  return null;
}

function unwrap<T>(r: IndexResult<T>): Outcome<T> {
  return r.ok ? r.value : { error: r.code === "unknown-word" ? "#VALUE!" : "#N/A", message: r.message };
}

const NO_WORD: FunctionError = { error: "#VALUE!", message: 'Give a status, RAG or direction, e.g. "In progress".' };

export function evalCount(tracker: PublishedIndex | null, value: unknown, ...rest: unknown[]): Outcome<number> {
  const { index, filters } = pickSource(tracker, rest);
  if (isFunctionError(index)) return index;
  const word = argText(value);
  if (!word) return NO_WORD;
  const bad = checkFilters(index, filters[0], filters[1]);
  if (bad) return bad;
  return unwrap(index.count(word, filters[0] || null, filters[1] || null));
}

export function evalTotal(tracker: PublishedIndex | null, ...rest: unknown[]): Outcome<number> {
  const { index, filters } = pickSource(tracker, rest);
  if (isFunctionError(index)) return index;
  const bad = checkFilters(index, filters[0]);
  if (bad) return bad;
  return index.total(filters[0] || null);
}

export function evalPercent(tracker: PublishedIndex | null, value: unknown, ...rest: unknown[]): Outcome<number> {
  const { index, filters } = pickSource(tracker, rest);
  if (isFunctionError(index)) return index;
  if (!argText(value)) return NO_WORD;
  const bad = checkFilters(index, filters[0]);
  if (bad) return bad;
  return unwrap(index.percent(argText(value), filters[0] || null));
}

export function evalField(tracker: PublishedIndex | null, field: "status" | "rag", id: unknown, ...rest: unknown[]): Outcome<string> {
  const { index } = pickSource(tracker, rest);
  if (isFunctionError(index)) return index;
  if (!argText(id)) return { error: "#VALUE!", message: 'Give an action\'s reference, e.g. "V1" or 12.' };
  const found = unwrap(index.find(argText(id)));
  if (isFunctionError(found)) return found;
  return found[field] ?? "";
}

export function evalChange(tracker: PublishedIndex | null, value: unknown): Outcome<number> {
  if (!tracker) return NO_TRACKER_CHOSEN;
  if (!argText(value)) return NO_WORD;
  if (!tracker.previous)
    return { error: "#N/A", message: "There is no earlier snapshot to compare with. Take a snapshot in the Delivery plan pane at the end of each period." };
  const now = unwrap(tracker.index.count(argText(value)));
  if (isFunctionError(now)) return now;
  const before = unwrap(tracker.previous.count(argText(value)));
  if (isFunctionError(before)) return before;
  return now - before;
}

export function evalList(tracker: PublishedIndex | null, value: unknown, ...rest: unknown[]): Outcome<string[][]> {
  const { index, filters } = pickSource(tracker, rest);
  if (isFunctionError(index)) return index;
  if (!argText(value)) return NO_WORD;
  const bad = checkFilters(index, filters[0]);
  if (bad) return bad;
  const found = unwrap(index.list(argText(value), filters[0] || null));
  if (isFunctionError(found)) return found;
  if (found.length === 0) return [["(none)", "", ""]];
  return found.map((a) => [a.id, a.action, a.lead]);
}

export function evalThemes(tracker: PublishedIndex | null, ...rest: unknown[]): Outcome<string[][]> {
  const { index } = pickSource(tracker, rest);
  if (isFunctionError(index)) return index;
  const themes = index.themes();
  return themes.length ? themes.map((t) => [t]) : [["(no themes)"]];
}

export { NOW };

/** The snapshot sheet's rows passed in a range (A:H, its header row or not). */
function snapshotsFromRange(values: unknown[][]): KeptPeriodActions[] {
  const grid: SheetGrid = { name: "snapshots", firstRow: 1, firstColumn: 1, values: values.map((row) => row.map((v): CellValue => fromOfficeValue(v))), merges: [] };
  return readSnapshots(grid).map((s) => ({ label: s.period, actions: s.actions }));
}

/**
 * ACTIONS.HISTORY: for each period kept, oldest first, its label and how many
 * actions had a status or RAG; the tracker as it is now last. The periods are
 * those a host published (the snapshots), or those of the snapshot sheet's
 * range given.
 */
export function evalHistory(tracker: PublishedIndex | null, kept: PublishedHistory | null, value: unknown, snapshots?: unknown): Outcome<(string | number)[][]> {
  if (!tracker) return NO_TRACKER_CHOSEN;
  if (!argText(value)) return { error: "#VALUE!", message: 'Give a status or RAG, e.g. "Completed".' };
  const word = unwrap(tracker.index.resolve(argText(value)));
  if (isFunctionError(word)) return word;
  if (word.kind === "direction")
    return { error: "#VALUE!", message: `HISTORY counts a status or a RAG; "${argText(value)}" is a direction of travel. Use ACTIONS.COUNT or ACTIONS.CHANGE for it.` };
  const earlier = isRange(snapshots) ? snapshotsFromRange(snapshots) : (kept?.earlier ?? []);
  if (earlier.length === 0)
    return {
      error: "#N/A",
      message: isRange(snapshots)
        ? "The range given holds no snapshot rows. Give the snapshot sheet's columns A to H, e.g. 'Delivery plan snapshots'!A1:H2000."
        : "No earlier period is kept. Take a snapshot in the Delivery plan pane at the end of each period, or give the snapshot sheet's range, e.g. 'Delivery plan snapshots'!A1:H2000.",
    };
  const label = kept?.period ?? NOW;
  const before = buildHistory(earlier.filter((p) => p.label !== label)).entries;
  const now = buildHistory([{ label, actions: periodActions(tracker.index.actions) }]).entries;
  const pick = (e: (typeof now)[number]) => (word.kind === "status" ? e.status[word.canonical as keyof typeof e.status] : e.rag[word.canonical as keyof typeof e.rag]) ?? 0;
  return [...before, ...now].map((e) => [e.label, pick(e)]);
}
