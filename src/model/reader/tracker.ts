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
import { GridView, SheetGrid, a1, columnLetter } from "../sheet/grid";
import { Field, HEADER_SEARCH_ROWS, HeaderOverrides, MULTI_COLUMN_FIELDS, detectHeaderRow } from "../words/headers";
import { Action, Issue, Tracker } from "../issues/schema";
import { IssueList } from "../issues/issues";
import { Lexicon, defaultLexicon } from "../words/vocabulary";
import { TableColumns, mapColumns } from "./tracker-columns";
import { firstOwnCell, repeatedHeader, rowOwner, sectionHeading } from "./tracker-rows";
import { Draft, FieldReading, has, markSeen, readRowInto } from "./tracker-fields";
import { PeriodChoice, SheetPeriods } from "./periods";
import { cropToTable, trackerTable } from "./tables";

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
    issues.add("error", "no-tracker", null, { sheet: grid.name, searchRows: HEADER_SEARCH_ROWS });
    return { tracker: null, actions: [], issues: issues.items };
  }
  const columns = mapColumns(view, header, options.overrides, lexicon, issues, options.periods);
  const { drafts, lastDataRow } = readBody({ view, columns, lexicon, issues }, new Set(grid.hiddenRows ?? []));
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
  };
  return { tracker, actions: drafts.map((d) => d.action), issues: issues.items };
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

  for (let r = columns.headerRow + 1; r <= view.lastRow; r++) {
    const own = firstOwnCell(view, r);
    if (own.first < 0) continue; // blank row, or nothing but cells merged down from above
    if (isRepeatedHeader(r)) continue; // a header repeated on a later page
    const heading = own.only ? sectionHeading(view, r, [own.first], columns) : null;
    if (heading !== null) {
      section = heading;
      current = null;
      continue;
    }
    lastDataRow = r;

    const owner = rowOwner(view, r, columns, issues);
    if (owner.continues && current) {
      current.action.rows.push(r);
      if (hidden.has(r)) current.action.hidden = true;
      readRowInto(ctx, current, r);
      continue;
    }
    const draft = newDraft(ctx, cells, r, owner.ref, owner.refError, section, hidden.has(r));
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
    action: {
      id,
      theme: section,
      action: "",
      lead: "",
      deliveryLead: "",
      status: null,
      rag: null,
      ragSource: null,
      direction: null,
      update: "",
      timeframe: "",
      references: [],
      extra: {},
      rows: [r],
      cells,
      hidden,
    },
    seen: 0,
    typed: 0,
  };
}

function duplicateReference({ columns: { col }, issues }: FieldReading, r: number, ref: string, earlier: Draft) {
  const where = col.id !== undefined ? a1(r, col.id) : a1(r, col.action!);
  issues.add("error", "duplicate-reference", where, { ref, where, row: r, earlierRow: earlier.action.rows[0] });
}

/** Checks on whole actions, once every sub-row has been read: no action text, no status (or no RAG). */
function checkWholeActions(drafts: readonly Draft[], { col }: TableColumns, issues: IssueList) {
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
