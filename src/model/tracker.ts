/**
 * Rows → actions: find the header, map the columns, walk the table body
 * (section rows, merged cells, sub-activity rows, references in the action
 * text) and report what is wrong, cell by cell, in plain words.
 */
import { GridView, SheetGrid, a1, cellText, columnLetter, columnNumber, isBlank, isErrorValue } from "./grid";
import {
  ColumnMapping,
  FIELD_LABEL,
  FIELDS,
  Field,
  HEADER_SEARCH_ROWS,
  HeaderOverrides,
  HeaderOverridesSchema,
  MULTI_COLUMN_FIELDS,
  detectHeaderRow,
  headerMatchKey,
  resolveOverride,
} from "./headers";
import { Action, Issue, IssueCode, MappedRow, Severity, Tracker } from "./schema";
import { ragFromFill } from "./colour";
import { ContentMapper } from "./content";
import { Direction, Lexicon, Rag, Status } from "./vocabulary";

export interface ReadOptions {
  /** Corrections to the detected mapping: field → column letter or header text (null: unmap). */
  overrides?: HeaderOverrides;
  lexicon?: Lexicon;
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

const REFERENCE_IN_TEXT = /^\s*([A-Za-z]{1,3}\d{1,3}(?:\.\d{1,3})*|0\d{1,2}(?:\.\d{1,3})*|\d{1,3}(?:\.\d{1,3})*)(?=$|[\s.:)\-–])[.:)\-–]?\s*/;
const REFERENCE_ONLY = /^[A-Za-z]{0,3}\d{1,3}(?:\.\d{1,3})*\.?$/;

/** A short code with a digit and no spaces: "VAW-2", "A12", "3.1" — not a heading. */
function looksLikeReference(text: string): boolean {
  return text.length <= 16 && !/\s/.test(text) && /\d/.test(text);
}

/** "V1 Ensure that…" → { ref: "V1", text: "Ensure that…" }; "05 Support…" → "O5". */
export function splitReference(text: string): { ref: string; text: string } | null {
  const m = REFERENCE_IN_TEXT.exec(text);
  if (!m) return null;
  let ref = m[1].toUpperCase();
  // A zero typed for the letter O ("05" for "O5"), as in the Cambridgeshire plan.
  if (/^0\d/.test(ref)) ref = `O${ref.slice(1)}`;
  return { ref, text: text.slice(m[0].length).trim() };
}

function normaliseRef(text: string): string {
  return text.trim().replace(/\.$/, "").toUpperCase();
}

class IssueList {
  readonly items: Issue[] = [];
  constructor(private readonly sheet: string) {}
  add(severity: Severity, code: IssueCode, cell: string | null, message: string) {
    this.items.push({ severity, code, sheet: this.sheet, cell, message });
  }
}

/** The mapping a header row gives, with one column per single-valued field. */
function resolveMappings(
  view: GridView,
  headerRow: number,
  headerClaims: ColumnMapping[],
  overrides: HeaderOverrides | undefined,
  issues: IssueList,
  lexicon: Lexicon,
): ColumnMapping[] {
  // The cells decide where the header's reading does not fit them; the user's corrections stay as they are.
  const fixedFields = new Set(Object.keys(overrides ?? {}) as Field[]);
  const fixedColumns = new Set<number>();
  for (const target of Object.values(overrides ?? {})) {
    const column = typeof target === "string" ? resolveOverride(view, headerRow, target) : null;
    if (column !== null) fixedColumns.add(column);
  }
  const content = new ContentMapper(view, headerRow, lexicon, { columns: fixedColumns, fields: fixedFields });
  const claims = content.correctClaims(headerClaims);
  // A column that names one field beats a combined one ("Direction of travel"
  // beats "Delivery Status / Direction of travel" for the direction).
  const claimsPerColumn = new Map<number, number>();
  for (const c of claims) claimsPerColumn.set(c.column, (claimsPerColumn.get(c.column) ?? 0) + 1);
  const ordered = [...claims].sort(
    (x, y) => (claimsPerColumn.get(x.column)! > 1 ? 1 : 0) - (claimsPerColumn.get(y.column)! > 1 ? 1 : 0) || x.column - y.column,
  );
  const chosen: ColumnMapping[] = [];
  for (const claim of ordered) {
    if (MULTI_COLUMN_FIELDS.has(claim.field)) {
      chosen.push(claim);
      continue;
    }
    const first = chosen.find((m) => m.field === claim.field);
    if (!first) {
      chosen.push(claim);
    } else if (claimsPerColumn.get(claim.column) === 1 && claimsPerColumn.get(first.column) === 1) {
      issues.add(
        "warning",
        "column-mapped-twice",
        a1(headerRow, claim.column),
        `Both "${first.header}" (column ${columnLetter(first.column)}) and "${claim.header}" (column ${columnLetter(claim.column)}) look like the ${FIELD_LABEL[claim.field]} column. Column ${columnLetter(first.column)} is used and column ${columnLetter(claim.column)} is kept as an extra column; rename one header or choose the column for ${FIELD_LABEL[claim.field]} yourself.`,
      );
    }
  }

  const filled = content.fillFreeFields(chosen, new Set(headerClaims.map((c) => c.column)));
  chosen.splice(0, chosen.length, ...filled);
  for (const n of content.notes) issues.add("info", "mapped-by-content", n.cell, n.message);

  for (const [field, target] of Object.entries(overrides ?? {}) as [Field, string | null][]) {
    const rest = chosen.filter((m) => m.field !== field);
    if (target === null) {
      chosen.splice(0, chosen.length, ...rest);
      continue;
    }
    const column = resolveOverride(view, headerRow, target);
    if (column === null || column < view.firstColumn || column > view.lastColumn) {
      issues.add(
        "error",
        "mapping-not-found",
        null,
        `The ${FIELD_LABEL[field]} column was set to "${target}", but sheet "${view.name}" has no such column in its table (columns ${columnLetter(view.firstColumn)} to ${columnLetter(view.lastColumn)}). Give a column letter or a header from row ${headerRow}.`,
      );
      continue;
    }
    chosen.splice(0, chosen.length, ...rest, { field, column, header: view.text(headerRow, column) || columnLetter(column) });
  }
  return chosen.sort((x, y) => x.column - y.column || x.field.localeCompare(y.field));
}

interface Draft {
  action: Action;
  /** Fields already given a value by this action's own rows. */
  seen: Set<Field>;
  /** Fields in which something was typed, readable or not (so "missing" is not said twice). */
  typed: Set<Field>;
}

/** Find the tracker in one sheet and read its actions. */
export function readTracker(grid: SheetGrid, options: ReadOptions = {}): TrackerReport {
  const lexicon = options.lexicon ?? new Lexicon();
  const view = new GridView(grid);
  const issues = new IssueList(grid.name);
  const header = detectHeaderRow(view);
  if (!header) {
    issues.add(
      "error",
      "no-tracker",
      null,
      `No tracker table found in sheet "${grid.name}": none of its first ${HEADER_SEARCH_ROWS} rows has headers such as Ref, Action, Status or RAG. Choose the sheet that holds the tracker, or give its header row at least two such headings (e.g. "Action" and "Status") within the first ${HEADER_SEARCH_ROWS} rows.`,
    );
    return { tracker: null, actions: [], issues: issues.items };
  }
  const headerRow = header.row;
  // The caller's corrections are input like any other: check them against the schema.
  const parsed = HeaderOverridesSchema.safeParse(options.overrides ?? {});
  if (!parsed.success) {
    const fields = Object.keys(options.overrides ?? {}).filter((k) => !(FIELDS as readonly string[]).includes(k));
    issues.add(
      "error",
      "mapping-not-found",
      null,
      `The column mapping could not be used${fields.length ? `: there is no field called ${fields.map((f) => `"${f}"`).join(", ")}` : ""}. Fields: ${FIELDS.join(", ")}; give each a column letter, a header text, or nothing.`,
    );
  }
  const mappings = resolveMappings(view, headerRow, header.mappings, parsed.success ? parsed.data : undefined, issues, lexicon);
  const columnOf = (field: Field) => mappings.find((m) => m.field === field)?.column;
  const referenceColumns = mappings.filter((m) => m.field === "references").map((m) => m.column);
  const mappedColumns = new Set(mappings.map((m) => m.column));
  const extraColumns: { column: number; header: string }[] = [];
  for (let c = view.firstColumn; c <= view.lastColumn; c++) {
    const text = view.text(headerRow, c);
    if (!mappedColumns.has(c) && text && !view.isCovered(headerRow, c)) extraColumns.push({ column: c, header: text });
  }

  const col = {
    id: columnOf("id"),
    theme: columnOf("theme"),
    action: columnOf("action"),
    lead: columnOf("lead"),
    deliveryLead: columnOf("deliveryLead"),
    status: columnOf("status"),
    rag: columnOf("rag"),
    direction: columnOf("direction"),
    update: columnOf("update"),
    timeframe: columnOf("timeframe"),
  };

  if (col.status === undefined && col.rag === undefined) {
    const found = mappings.length
      ? mappings.map((m) => `"${m.header}" (${columnLetter(m.column)})`).join(", ")
      : "none we recognise";
    issues.add(
      "error",
      "no-delivery-column",
      a1(headerRow, view.firstColumn),
      `Sheet "${grid.name}" has no status column and no RAG column, so progress cannot be counted. Headers found on row ${headerRow}: ${found}. Add a column headed "Status" (Completed, In progress, On hold, Not yet started) or "RAG" (Red, Amber, Green), or choose which column holds the status.`,
    );
  }

  // References: a column of their own, or at the start of the action text.
  const firstBodyRow = headerRow + 1;
  let referencesInActionText = false;
  if (col.id === undefined && col.action !== undefined) {
    let own = 0;
    let withRef = 0;
    for (let r = firstBodyRow; r <= view.lastRow; r++) {
      if (view.isCovered(r, col.action)) continue;
      const text = cellText(view.raw(r, col.action));
      if (!text) continue;
      own++;
      if (splitReference(text)) withRef++;
    }
    referencesInActionText = own > 0 && withRef / own >= 0.5;
  }

  // A header repeated on a later page: the same header text in every mapped column.
  const headerCells = [...new Map(mappings.map((m) => [m.column, headerMatchKey(m.header)])).entries()];
  const isRepeatedHeader = (r: number) => r !== headerRow && headerCells.length > 0 && headerCells.every(([c, key]) => headerMatchKey(view.text(r, c)) === key);

  const drafts: Draft[] = [];
  const byRef = new Map<string, Draft>();
  let current: Draft | null = null;
  let section = "";
  let lastDataRow = headerRow;
  const hidden = new Set(grid.hiddenRows ?? []);

  for (let r = firstBodyRow; r <= view.lastRow; r++) {
    const own: number[] = [];
    const end = Math.min(view.lastColumn, view.rowEnd(r));
    for (let c = view.firstColumn; c <= end; c++) {
      if (!view.isCovered(r, c) && cellText(view.raw(r, c)) !== "") own.push(c);
    }
    if (own.length === 0) continue; // blank row, or nothing but cells merged down from above
    if (isRepeatedHeader(r)) continue; // a header repeated on a later page

    if (own.length === 1) {
      const c = own[0];
      const value = view.raw(r, c);
      const merge = view.mergeAt(r, c);
      const mergedAcross = merge !== undefined && merge.right > merge.left;
      const text = cellText(value);
      // A heading is text in the first or theme column, or merged across the table. A lone
      // reference ("VAW-2"), or a lone action in the action column, is an action with the rest to come.
      const inData = (c === col.id && looksLikeReference(text)) || (c === col.action && col.id === undefined);
      const leading = c === view.firstColumn || c === col.id || c === col.theme;
      if (typeof value === "string" && !REFERENCE_ONLY.test(text) && (mergedAcross || (leading && !inData)) && !splitReference(text)) {
        section = text;
        current = null;
        continue;
      }
    }
    lastDataRow = r;

    // Whose row is this: a new action, or a sub-activity of the one above?
    let ref: string | null = null;
    let actionText: string | null = null;
    let continues = false;
    let refError = false;
    if (col.id !== undefined) {
      if (view.isCovered(r, col.id)) continues = true;
      else {
        const raw = view.raw(r, col.id);
        if (isErrorValue(raw)) {
          // Not a blank: a broken reference. The row is an action of its own, reported.
          refError = true;
          issues.add(
            "error",
            "error-value",
            a1(r, col.id),
            `${a1(r, col.id)} shows the error ${raw.error} instead of a reference, so row ${r} is counted as an action of its own. Fix the formula or type the reference.`,
          );
        } else {
          const text = cellText(raw);
          if (text) ref = normaliseRef(text);
          else continues = true;
        }
      }
    } else if (col.action !== undefined) {
      if (view.isCovered(r, col.action)) continues = true;
      else {
        const text = cellText(view.raw(r, col.action));
        const split = referencesInActionText ? splitReference(text) : null;
        if (split) {
          ref = split.ref;
          actionText = split.text;
        } else if (text) {
          actionText = text;
        } else continues = true;
      }
    }

    if (continues && current) {
      current.action.rows.push(r);
      if (hidden.has(r)) current.action.hidden = true;
      readRowInto(current, r);
      continue;
    }

    const cells: Partial<Record<Field, string>> = {};
    for (const m of mappings) if (!MULTI_COLUMN_FIELDS.has(m.field)) cells[m.field] ??= a1(r, m.column);
    const id = ref ?? `Row ${r}`;
    if (!ref && !refError) {
      const where = col.id !== undefined ? a1(r, col.id) : col.action !== undefined ? a1(r, col.action) : a1(r, view.firstColumn);
      issues.add(
        "warning",
        "missing-reference",
        where,
        col.id !== undefined || referencesInActionText
          ? `Row ${r} has no reference and there is no action above it to belong to. Type the action's reference in ${where}; until then it is called "${id}".`
          : `Row ${r} is counted as an action called "${id}": the sheet has no reference column. Add one so actions can be named.`,
      );
    }
    const draft: Draft = {
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
        hidden: hidden.has(r),
      },
      seen: new Set(),
      typed: new Set(),
    };
    if (actionText !== null) {
      draft.action.action = actionText;
      draft.seen.add("action");
    }
    if (ref) {
      const earlier = byRef.get(ref);
      if (earlier) {
        const where = col.id !== undefined ? a1(r, col.id) : a1(r, col.action!);
        issues.add(
          "error",
          "duplicate-reference",
          where,
          `Reference "${ref}" in ${where} is also used on row ${earlier.action.rows[0]}. Both rows are counted; give each action its own reference, or clear ${where} if row ${r} belongs to the action above.`,
        );
      } else byRef.set(ref, draft);
    }
    drafts.push(draft);
    current = draft;
    readRowInto(draft, r);
  }

  function readRowInto(draft: Draft, r: number) {
    const a = draft.action;
    const text = (field: Field): string | null => {
      const c = col[field as keyof typeof col];
      if (c === undefined) return null;
      const value = view.value(r, c);
      if (!isBlank(value)) draft.typed.add(field);
      if (isErrorValue(value)) {
        issues.add(
          "error",
          "error-value",
          a1(r, c),
          `${a1(r, c)} shows the error ${value.error} instead of a ${FIELD_LABEL[field].toLowerCase()}. Fix the formula or type the value.`,
        );
        return "";
      }
      // A covered cell repeats the value of the row above: not new information.
      if (view.isCovered(r, c) && a.rows[0] !== r) return "";
      return cellText(value);
    };
    const setText = (field: "theme" | "action" | "lead" | "deliveryLead" | "timeframe") => {
      const t = text(field);
      if (t && !draft.seen.has(field)) {
        a[field] = t;
        draft.seen.add(field);
      }
    };
    if (col.theme !== undefined) {
      const t = text("theme");
      if (t && !draft.seen.has("theme")) {
        a.theme = t;
        draft.seen.add("theme");
      }
    }
    if (col.id !== undefined || !referencesInActionText) setText("action");
    setText("lead");
    setText("deliveryLead");
    if (col.timeframe !== undefined && !draft.seen.has("timeframe")) {
      // A date cell (or the serial number Office.js gives for one) becomes "2030-12-31", as both hosts agree.
      const v = view.value(r, col.timeframe);
      const asDate = v instanceof Date ? v : typeof v === "number" && v > 30000 && v < 80000 ? new Date(Math.round((v - 25569) * 86400000)) : null;
      if (asDate && !Number.isNaN(asDate.getTime())) {
        a.timeframe = asDate.toISOString().slice(0, 10);
        draft.seen.add("timeframe");
      } else setText("timeframe");
    }
    const update = text("update");
    if (update) a.update = a.update ? `${a.update}\n${update}` : update;
    for (const c of referenceColumns) {
      const t = view.isCovered(r, c) ? "" : cellText(view.value(r, c));
      if (t) a.references.push(t);
    }
    for (const { column, header } of extraColumns) {
      const t = view.isCovered(r, column) ? "" : cellText(view.value(r, column));
      if (t) a.extra[header] = a.extra[header] ? `${a.extra[header]}\n${t}` : t;
    }

    if (col.status !== undefined) readStatus(draft, r, col.status, text("status") ?? "");
    if (col.rag !== undefined) {
      const t = text("rag") ?? "";
      readRag(draft, r, col.rag, t, col.direction === col.rag);
    }
    if (col.direction !== undefined && col.direction !== col.rag) readDirection(draft, r, col.direction, text("direction") ?? "");
  }

  function nonCanonical(cell: string, typed: string, canonical: string, label: string, impliedRag: Rag | null = null) {
    issues.add(
      "warning",
      "non-canonical",
      cell,
      impliedRag
        ? `${cell} says "${typed}"; the usual ${label} word is "${canonical}". It is counted as ${canonical} with RAG ${impliedRag}; type "${canonical}" here and ${impliedRag} in a RAG column so filters and COUNTIF find them too.`
        : `${cell} says "${typed}"; the usual ${label} word is "${canonical}". It is counted as ${canonical}; type "${canonical}" so filters and COUNTIF find it too.`,
    );
  }

  function unknown(cell: string, typed: string, kind: "status" | "rag" | "direction", severity: Severity) {
    const suggestion = lexicon.suggest(typed, kind);
    const label = kind === "rag" ? "RAG" : kind === "status" ? "status" : "direction of travel";
    const words = kind === "direction" ? "↑ (improved), ↓ (deteriorated), ↔ (no change), new" : lexicon.accepted(kind).join(", ");
    issues.add(
      severity,
      "unknown-value",
      cell,
      `${cell} says "${typed}", which is not a ${label} we know${suggestion ? ` — did you mean "${suggestion}"?` : "."} Use one of: ${words}.`,
    );
  }

  function setStatus(draft: Draft, status: Status) {
    if (draft.seen.has("status")) return;
    draft.action.status = status;
    draft.seen.add("status");
  }
  function setRag(draft: Draft, rag: Rag, source: "text" | "fill") {
    if (draft.seen.has("rag")) return;
    draft.action.rag = rag;
    draft.action.ragSource = source;
    draft.seen.add("rag");
  }
  function setDirection(draft: Draft, direction: Direction) {
    if (draft.seen.has("direction")) return;
    draft.action.direction = direction;
    draft.seen.add("direction");
  }

  function readStatus(draft: Draft, r: number, c: number, typed: string) {
    if (!typed) return;
    const cell = a1(r, c);
    const status = lexicon.status(typed);
    if (status) {
      // "On track" is in progress and Green: with no RAG column of its own, the action takes both.
      const implied = lexicon.impliedRag(typed);
      if (!status.exact) nonCanonical(cell, typed, status.canonical, "status", implied && col.rag === undefined ? implied : null);
      setStatus(draft, status.canonical);
      if (implied && col.rag === undefined) setRag(draft, implied, "text");
      return;
    }
    const rag = lexicon.rag(typed);
    if (rag && typed.length > 1) {
      issues.add(
        "warning",
        "wrong-column",
        cell,
        `${cell} is in the status column but says "${typed}", a RAG colour. It is counted as RAG ${rag.canonical}; put RAG in a RAG column and a status (Completed, In progress, On hold, Not yet started) here.`,
      );
      if (col.rag === undefined) setRag(draft, rag.canonical, "text");
      return;
    }
    unknown(cell, typed, "status", "error");
  }

  function readRag(draft: Draft, r: number, c: number, typed: string, withDirection: boolean) {
    const cell = a1(r, c);
    if (typed) {
      const whole = lexicon.lookup(typed);
      const implied = lexicon.impliedRag(typed);
      if (implied && !withDirection) {
        // A status word that says a RAG ("Off track", "Green (C)"): the RAG here, and the status where there is no status column.
        setRag(draft, implied, "text");
        if (col.status === undefined) setStatus(draft, whole!.canonical as Status);
        return;
      }
      if (whole?.kind === "status" && !withDirection) {
        issues.add(
          "warning",
          "wrong-column",
          cell,
          `${cell} is in the RAG column but says "${typed}", a status. It is counted as status ${whole.canonical}; put the status in the status column and Red, Amber or Green here.`,
        );
        if (col.status === undefined) setStatus(draft, whole.canonical as Status);
        return;
      }
      const parts = lexicon.splitRagAndDirection(typed);
      if (parts.rag) {
        if (!parts.rag.exact) nonCanonical(cell, typed, parts.rag.canonical, "RAG");
        setRag(draft, parts.rag.canonical, "text");
      }
      if (parts.direction) {
        if (withDirection) setDirection(draft, parts.direction.canonical);
      }
      if (!parts.rag && !(withDirection && parts.direction)) {
        unknown(cell, typed, "rag", "error");
        return;
      }
    }
    if (!draft.seen.has("rag")) {
      const byFill = ragFromFill(view.fill(r, c));
      if (byFill) {
        setRag(draft, byFill, "fill");
        issues.add(
          "info",
          "rag-from-fill",
          cell,
          `The RAG of ${draft.action.id} is shown only by the fill colour of ${cell}, read as ${byFill}. Type "${byFill}" in the cell (or let the add-in write it) so it can be counted, sorted and filtered.`,
        );
      }
    }
  }

  function readDirection(draft: Draft, r: number, c: number, typed: string) {
    if (!typed) return;
    const parts = lexicon.splitRagAndDirection(typed);
    if (parts.direction) setDirection(draft, parts.direction.canonical);
    else unknown(a1(r, c), typed, "direction", "warning");
  }

  // Checks on whole actions, once every sub-row has been read.
  for (const { action: a, seen, typed } of drafts) {
    if (col.action !== undefined && !a.action) {
      const where = a.cells.action ?? a1(a.rows[0], col.action);
      issues.add(
        "warning",
        "missing-action-text",
        where,
        `Action ${a.id} has no action text in ${where}. Add the wording of the action from the plan.`,
      );
    }
    if (col.status !== undefined && !seen.has("status") && !typed.has("status")) {
      const where = a1(a.rows[0], col.status);
      issues.add(
        "warning",
        "missing-value",
        where,
        `Action ${a.id} has no status in ${where}. Type one of: Completed, In progress, On hold, Not yet started.`,
      );
    } else if (col.status === undefined && col.rag !== undefined && !seen.has("rag") && !seen.has("direction") && !typed.has("rag")) {
      const where = a1(a.rows[0], col.rag);
      const alsoDirection = col.direction === col.rag ? " and a direction of travel (↑, ↓ or ↔)" : "";
      issues.add(
        "warning",
        "missing-value",
        where,
        `Action ${a.id} has no RAG in ${where}. Type Red, Amber, Green (or White if not started)${alsoDirection}.`,
      );
    }
  }

  if (drafts.length === 0) {
    issues.add(
      "warning",
      "no-actions",
      a1(headerRow, Math.min(...mappings.map((m) => m.column), view.lastColumn)),
      `The tracker on sheet "${grid.name}" has its header on row ${headerRow} but no actions below it. Put one action per row under the header (a reference, the action and its status or RAG), or choose the sheet that holds them.`,
    );
  }

  const tracker: Tracker = {
    sheet: grid.name,
    headerRow,
    firstDataRow: firstBodyRow,
    lastDataRow,
    columns: mappings.map((m) => ({ field: m.field, column: columnLetter(m.column), header: m.header })),
    referencesInActionText,
  };
  return { tracker, actions: drafts.map((d) => d.action), issues: issues.items };
}

/** The table body as field → text per sheet row: what the mapping reads, before normalising (for previews). */
export function mappedRows(grid: SheetGrid, tracker: Tracker): MappedRow[] {
  const view = new GridView(grid);
  const rows: MappedRow[] = [];
  const columns = tracker.columns.map((c) => ({ ...c, n: columnNumber(c.column) }));
  for (let r = tracker.firstDataRow; r <= tracker.lastDataRow; r++) {
    const cells: Partial<Record<Field, string>> = {};
    const references: string[] = [];
    for (const c of columns) {
      const t = view.text(r, c.n);
      if (c.field === "references") {
        if (t) references.push(t);
      } else if (t) cells[c.field] = t;
    }
    rows.push({ row: r, cells, references, extra: {} });
  }
  return rows;
}

