/**
 * Rows → actions: find the header, map the columns, walk the table body
 * (section rows, merged cells, sub-activity rows, references in the action
 * text) and report what is wrong, cell by cell, in plain words.
 *
 * readTracker runs its phases in order, each in a file of its own where it is
 * more than a few lines: map the columns (tracker-columns.ts), section rows and
 * row ownership (tracker-rows.ts), read the fields (tracker-fields.ts), then the
 * checks on whole actions (here).
 */
import { GridView, SheetGrid, a1, cellText, columnLetter, isBlank } from "../sheet/grid";
import { ragFromFill } from "../words/colour";
import { Field, HEADER_SEARCH_ROWS, HeaderOverrides, MULTI_COLUMN_FIELDS, detectHeaderRow } from "../words/headers";
import { Action, Issue, Tracker, blankAction } from "../issues/schema";
import { IssueList } from "../issues/issues";
import { Lexicon, defaultLexicon } from "../words/vocabulary";
import { TableColumns, mapColumns } from "./tracker-columns";
import { RowOwner, firstOwnCell, repeatedHeader, rowOwner, sectionHeading } from "./tracker-rows";
import { Draft, FieldReading, has, markSeen, readRowInto } from "./tracker-fields";
import { PeriodChoice, SheetPeriods } from "./periods";
import { cropToTable, trackerTable } from "./tables";
import { splitReference } from "./reference";
import { KeyReading, readKey } from "./key";
import { formShape } from "./form";

export { splitReference } from "./reference";

export interface ReadOptions {
  /** Corrections to the detected mapping: field → column letter or header text (null: unmap). */
  overrides?: HeaderOverrides;
  lexicon?: Lexicon;
  /** For a sheet that keeps several periods side by side: the columns to read as this period and the previous one. */
  periods?: PeriodChoice;
}

export interface TrackerReport {
  /** Null when no header row could be found in the sheet. */
  tracker: Tracker | null;
  actions: Action[];
  issues: Issue[];
}

/** How well a sheet looks like a tracker (0: not at all): used to choose the sheet. */
export function trackerScore(grid: SheetGrid): number {
  const found = detectHeaderRow(new GridView(grid));
  return found ? found.score : 0;
}

/** Find the tracker in one sheet and read its actions. */
export function readTracker(sheet: SheetGrid, options: ReadOptions = {}): TrackerReport {
  const lexicon = (options.lexicon ?? defaultLexicon()).remembering();
  // A tracker that is an Excel table: its header row and extent are the tracker.
  const table = trackerTable(sheet);
  const grid = table ? cropToTable(sheet, table.table) : sheet;
  const view = new GridView(grid);
  const issues = new IssueList(grid.name);
  const header = table ? table.header : detectHeaderRow(view);
  if (!header) {
    // A form (one record per block of "Label:" rows) is said to be one.
    const form = formShape(grid);
    issues.add("error", "no-tracker", null, { sheet: grid.name, searchRows: HEADER_SEARCH_ROWS, ...(form ? { form } : {}) });
    return { tracker: null, actions: [], issues: issues.items };
  }
  // The sheet's own key above the header (above the table, for a tracker that is an Excel table).
  const sheetKey = header.row > view.firstRow || table ? readKey(table ? new GridView(sheet) : view, header.row, lexicon) : null;
  const columns = mapColumns(view, header, options.overrides, lexicon, issues, options.periods, sheetKey?.points ?? false);
  const key = sheetKey?.entries.length ? new KeyReading(sheetKey) : null;
  const { drafts, lastDataRow } = readBody({ view, columns, lexicon, issues, key }, new Set(grid.hiddenRows ?? []));
  if (key && key.used > 0) {
    const meanings = key.key.entries.map((e) => ({ word: e.word, means: e.status ?? "" }));
    issues.add("info", "key-read", key.key.cell, { cell: key.key.cell, meanings, cells: key.used });
  }
  checkWholeActions(drafts, columns, issues);

  const { headerRow, mappings } = columns;
  if (drafts.length === 0) {
    issues.add("warning", "no-actions", a1(headerRow, Math.min(...mappings.map((m) => m.column), view.lastColumn)), { sheet: grid.name, headerRow });
  }

  const tracker: Tracker = {
    sheet: grid.name,
    headerRow,
    firstDataRow: headerRow + 1,
    lastDataRow,
    columns: mappings.map((m) => ({ field: m.field, column: columnLetter(m.column), header: m.header })),
    referencesInActionText: columns.referencesInActionText,
    ...(columns.periods ? { periods: trackerPeriods(view, headerRow, columns.periods) } : {}),
    ...(table ? { table: table.table.name } : {}),
    ...(columns.fivePoint ? { ragScale: "five-point" as const } : {}),
  };
  return { tracker, actions: drafts.map((d) => d.action), issues: issues.items };
}

/** A cell that holds something of its own on row r (not blank, not covered by a merge from above). */
function ownValue(view: GridView, r: number, c: number | undefined): boolean {
  return c !== undefined && !view.isCovered(r, c) && !isBlank(view.raw(r, c));
}

/** Whether row r carries a status or RAG of its own: a value in the status, RAG or direction column, or a RAG fill. */
function ownDelivery(view: GridView, r: number, { col }: FieldReading["columns"]): boolean {
  return ownValue(view, r, col.status) || ownValue(view, r, col.rag) || ownValue(view, r, col.direction) || (col.rag !== undefined && !view.isCovered(r, col.rag) && ragFromFill(view.fill(r, col.rag)) !== null);
}

/** Whether row r carries any field but its reference, title and theme: a status, RAG, lead, update, timeframe or response. */
function ownFields(view: GridView, r: number, columns: FieldReading["columns"]): boolean {
  const { col } = columns;
  return ownDelivery(view, r, columns) || [col.lead, col.deliveryLead, col.update, col.timeframe, col.response].some((c) => ownValue(view, r, c));
}

/** A group heading in the making: its reference, the actions under it so far, and the info to raise once they are counted. */
interface Group {
  ref: string;
  /** The section the group sits in: the theme again once the group ends. */
  outer: string;
  row: number;
  title: string;
  members: number;
}

/**
 * Whether row r, a new action with reference `ref` and nothing but a title, heads
 * a group: the next data row has no reference of its own (or one that extends
 * this one: "7" → "7.1") and carries a status or RAG of its own.
 */
function headsGroup(ctx: FieldReading, r: number, ref: string): boolean {
  const { view, columns } = ctx;
  const { col } = columns;
  if (ownFields(view, r, columns)) return false;
  for (let next = r + 1; next <= view.lastRow; next++) {
    const own = firstOwnCell(view, next);
    if (own.first < 0) continue;
    if (own.only && sectionHeading(view, next, [own.first], columns) !== null) return false;
    if (!ownDelivery(view, next, columns)) return false;
    if (col.id !== undefined && view.isCovered(next, col.id)) return false; // merged down from the heading: its own sub-row
    const nextRef =
      col.id !== undefined
        ? cellText(view.raw(next, col.id))
        : columns.referencesInActionText && col.action !== undefined && !view.isCovered(next, col.action)
          ? (splitReference(cellText(view.raw(next, col.action)))?.ref ?? "")
          : "";
    if (!nextRef) return col.id !== undefined || (col.action !== undefined && ownValue(view, next, col.action));
    return extendsReference(nextRef.replace(/\.$/, "").toUpperCase(), ref);
  }
  return false;
}

/** "7.1", "7a" or "7-2" under the heading "7". */
function extendsReference(ref: string, heading: string): boolean {
  if (ref.length <= heading.length || !ref.startsWith(heading)) return false;
  const rest = ref.slice(heading.length);
  if (/^[.\-/ ][0-9A-Z]/.test(rest)) return true;
  // "7a" under "7", "A1" under "A"; not "71" under "7" (another number).
  return /[0-9]$/.test(heading) ? /^[A-Z]/.test(rest) : /^[0-9A-Z]/.test(rest);
}

/** The text of a heading row: its reference and its title, as typed ("7. Police and Crime Committee work programme"). */
function headingText(view: GridView, r: number, owner: RowOwner, { col }: FieldReading["columns"]): string {
  const title = owner.actionText ?? (col.action !== undefined ? cellText(view.value(r, col.action)) : "");
  const refText = col.id !== undefined ? cellText(view.raw(r, col.id)) : (owner.ref ?? "");
  return [refText, title].filter(Boolean).join(" ");
}

/** Walk the table body: skip blank rows and repeated headers, follow the sections, give each row to its action and read it. */
function readBody(ctx: FieldReading, hidden: ReadonlySet<number>): { drafts: Draft[]; lastDataRow: number } {
  const { view, columns, issues } = ctx;
  const isRepeatedHeader = repeatedHeader(view, columns);
  const cells = cellColumns(columns);
  const drafts: Draft[] = [];
  const byRef = new Map<string, Draft>();
  let current: Draft | null = null;
  let section = "";
  let lastDataRow = columns.headerRow;
  let group: Group | null = null;
  const groups: Group[] = [];

  for (let r = columns.headerRow + 1; r <= view.lastRow; r++) {
    const own = firstOwnCell(view, r);
    if (own.first < 0) continue; // blank row, or nothing but cells merged down from above
    if (isRepeatedHeader(r)) continue; // a header repeated on a later page
    const heading = own.only ? sectionHeading(view, r, [own.first], columns) : null;
    if (heading !== null) {
      section = heading;
      current = null;
      group = null;
      continue;
    }
    lastDataRow = r;

    const owner = rowOwner(view, r, columns, issues);
    // A reference and a title, nothing else, over rows that carry their own status: the heading of a group of actions.
    if (owner.ref && headsGroup(ctx, r, owner.ref)) {
      group = { ref: owner.ref, outer: group ? group.outer : section, row: r, title: headingText(view, r, owner, columns), members: 0 };
      groups.push(group);
      section = group.title;
      current = null;
      continue;
    }
    // In a group, a row with no reference of its own is an action of the group when it carries its own status or RAG.
    const member = group !== null && !owner.ref && !owner.refError && ownDelivery(view, r, columns);
    if (owner.continues && current && !member) {
      current.action.rows.push(r);
      if (hidden.has(r)) current.action.hidden = true;
      readRowInto(ctx, current, r);
      continue;
    }
    if (owner.ref && group && !extendsReference(owner.ref, group.ref)) {
      section = group.outer;
      group = null;
    }
    let ref = owner.ref;
    if (member && group) {
      group.members++;
      ref = `${group.ref}.${group.members}`;
      if (byRef.has(ref)) ref = `${group.ref} row ${r}`;
    }
    const draft = newDraft(ctx, cells, r, ref, owner.refError, section, hidden.has(r));
    if (owner.actionText !== null) {
      draft.action.action = owner.actionText;
      markSeen(draft, "action");
    }
    if (owner.ref) {
      const earlier = byRef.get(owner.ref);
      if (earlier) duplicateReference(ctx, r, owner.ref, earlier);
      else byRef.set(owner.ref, draft);
    }
    drafts.push(draft);
    current = draft;
    readRowInto(ctx, draft, r);
  }
  for (const g of groups) {
    const cell = a1(g.row, columns.col.id ?? columns.col.action ?? view.firstColumn);
    issues.add("info", "group-heading", cell, { cell, row: g.row, title: g.title, actions: g.members });
  }
  return { drafts, lastDataRow };
}

/** The single-column fields each action names its cells for, in mapping order, with their column letters (each field once). */
function cellColumns({ mappings }: FieldReading["columns"]): [Field, string][] {
  const out = new Map<Field, string>();
  for (const m of mappings) if (!MULTI_COLUMN_FIELDS.has(m.field) && !out.has(m.field)) out.set(m.field, columnLetter(m.column));
  return [...out];
}

/** A new action on row `r`, named by its reference (or "Row r", said in a warning). */
function newDraft({ view, columns, issues }: FieldReading, cellColumns: readonly [Field, string][], r: number, ref: string | null, refError: boolean, section: string, hidden: boolean): Draft {
  const { col, referencesInActionText } = columns;
  const cells: Partial<Record<Field, string>> = {};
  for (const [field, letters] of cellColumns) cells[field] = `${letters}${r}`;
  const id = ref ?? `Row ${r}`;
  if (!ref && !refError) {
    const where = col.id !== undefined ? a1(r, col.id) : col.action !== undefined ? a1(r, col.action) : a1(r, view.firstColumn);
    issues.add("warning", "missing-reference", where, { row: r, where, id, referenced: col.id !== undefined || referencesInActionText });
  }
  return {
    action: blankAction(id, [r], { theme: section, cells, hidden }),
    seen: 0,
    typed: 0,
  };
}

function duplicateReference({ columns: { col }, issues }: FieldReading, r: number, ref: string, earlier: Draft) {
  const where = col.id !== undefined ? a1(r, col.id) : a1(r, col.action!);
  issues.add("error", "duplicate-reference", where, { ref, where, row: r, earlierRow: earlier.action.rows[0] });
}

/** The fields whose value makes a row more than a reference and a title. */
const BEYOND_TITLE: readonly Field[] = ["status", "rag", "direction", "lead", "deliveryLead", "update", "timeframe", "response"];

/** Checks on whole actions, once every sub-row has been read: no action text, no status (or no RAG); a heading taken for an action. */
function checkWholeActions(drafts: readonly Draft[], { col }: TableColumns, issues: IssueList) {
  // A reference and a title with nothing else, over rows folded into it (or over actions whose references extend its own), in a
  // tracker whose other actions carry a status: perhaps a heading taken for an action.
  const inUse = drafts.some((d) => has(d.seen, "status") || has(d.seen, "rag"));
  drafts.forEach(({ action: a, seen, typed }, i) => {
    const next = drafts[i + 1]?.action.id.toUpperCase();
    const over = a.rows.length > 1 || (next !== undefined && extendsReference(next, a.id.toUpperCase()));
    if (over && inUse && (col.status !== undefined || col.rag !== undefined) && a.action && !UNREFERENCED.test(a.id) && BEYOND_TITLE.every((f) => !has(seen | typed, f))) {
      const cell = a1(a.rows[0], col.status ?? col.rag!);
      issues.add("warning", "guessed-reading", cell, { is: "heading-as-action", id: a.id, row: a.rows[0], title: a.action, cell });
    }
  });
  for (const { action: a, seen, typed } of drafts) {
    if (col.action !== undefined && !a.action) {
      const where = a.cells.action ?? a1(a.rows[0], col.action);
      issues.add("warning", "missing-action-text", where, { id: a.id, where });
    }
    if (col.status !== undefined && !has(seen, "status") && !has(typed, "status")) {
      const where = a1(a.rows[0], col.status);
      issues.add("warning", "missing-value", where, { is: "status", id: a.id, where });
    } else if (col.status === undefined && col.rag !== undefined && !has(seen, "rag") && !has(seen, "direction") && !has(typed, "rag")) {
      const where = a1(a.rows[0], col.rag);
      issues.add("warning", "missing-value", where, { is: "rag", id: a.id, where, alsoDirection: col.direction === col.rag });
    }
  }
}

/** The name newDraft gives an action with no reference. */
const UNREFERENCED = /^Row \d+$/;

/** The periods as the tracker reports them: column letters, headers and labels. */
function trackerPeriods(view: GridView, headerRow: number, found: SheetPeriods): NonNullable<Tracker["periods"]> {
  const columns: NonNullable<Tracker["periods"]>["columns"] = [];
  for (const p of found.periods) {
    for (const field of ["status", "rag"] as const) {
      const c = p.columns[field];
      if (c !== undefined) columns.push({ field, column: columnLetter(c), header: view.text(headerRow, c), period: p.label });
    }
  }
  return { current: found.periods[found.current].label, previous: found.previous === null ? null : found.periods[found.previous].label, columns };
}
