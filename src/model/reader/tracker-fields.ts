/**
 * Reading a tracker, phase 4, reading the fields: one row's cells into the
 * action it belongs to. An action's own first value of each field wins; the
 * update, references and extra columns gather every row's text. Status, RAG
 * and direction words are read through the lexicon, and what is not a usual
 * word is reported.
 */
import { GridView, a1, cellText, isBlank, isErrorValue } from "../sheet/grid";
import type { Field } from "../words/headers";
import type { Action } from "../issues/schema";
import { ragFromFill } from "../words/colour";
import type { IssueList } from "../issues/issues";
import type { Direction, Lexicon, Rag, Status } from "../words/vocabulary";
import { firstColour, isRagPoint } from "../words/vocabulary";
import type { TableColumns } from "./tracker-columns";
import { leadingStatus } from "../words/status-text";
import { isMonthFormat, monthOfDate } from "../sheet/timeframe";
import type { KeyReading } from "./key";

/** One bit per field, for the sets of fields a draft keeps. */
const FIELD_BIT: Record<Field, number> = {
  id: 1,
  theme: 2,
  action: 4,
  lead: 8,
  deliveryLead: 16,
  status: 32,
  rag: 64,
  direction: 128,
  update: 256,
  timeframe: 512,
  references: 1024,
  response: 2048,
};

/** An action being read, row by row. */
export interface Draft {
  action: Action;
  /** Fields already given a value by this action's own rows (FIELD_BIT bits: see `has`). */
  seen: number;
  /** Fields in which something was typed, readable or not (so "missing" is not said twice). */
  typed: number;
}

/** Whether a draft's set of fields (`seen` or `typed`) holds `field`. */
export function has(fields: number, field: Field): boolean {
  return (fields & FIELD_BIT[field]) !== 0;
}

export function markSeen(draft: Draft, field: Field) {
  draft.seen |= FIELD_BIT[field];
}

/** What reading a row needs besides the row: the sheet, its columns, the words, and where issues go. */
export interface FieldReading {
  view: GridView;
  columns: TableColumns;
  lexicon: Lexicon;
  issues: IssueList;
  /** The sheet's own key above the header, when it says what its colours mean (key.ts). */
  key?: KeyReading | null;
}

/**
 * The text of one field's cell on row `r` (column `c`), noting that something
 * was typed in it; "" for an error value (reported) or for a cell covered by a
 * merge from a row above, which repeats what that row said.
 */
function fieldText({ view, issues }: FieldReading, draft: Draft, r: number, field: Field, c: number): string {
  const area = view.mergeAt(r, c);
  const covered = area !== undefined && (area.top !== r || area.left !== c);
  const value = covered ? view.raw(area.top, area.left) : view.raw(r, c);
  if (value === null) return "";
  if (typeof value === "string") {
    const t = value.trim();
    if (t !== "") draft.typed |= FIELD_BIT[field];
    return covered && draft.action.rows[0] !== r ? "" : t;
  }
  if (!isBlank(value)) draft.typed |= FIELD_BIT[field];
  if (isErrorValue(value)) {
    issues.add("error", "error-value", a1(r, c), { is: "field", cell: a1(r, c), error: value.error, field });
    return "";
  }
  if (covered && draft.action.rows[0] !== r) return "";
  return cellText(value);
}

/** A field the action's first row with a value gives: theme, action text, leads, timeframe. */
function setText(ctx: FieldReading, draft: Draft, r: number, field: "theme" | "action" | "lead" | "deliveryLead" | "timeframe" | "response") {
  const c = ctx.columns.col[field];
  if (c === undefined) return;
  const t = fieldText(ctx, draft, r, field, c);
  if (t && (draft.seen & FIELD_BIT[field]) === 0) {
    draft.action[field] = t;
    draft.seen |= FIELD_BIT[field];
  }
}

/** Text of a column read as it stands (references, extra columns): "" for a covered cell. */
function ownText(view: GridView, r: number, c: number): string {
  return view.isCovered(r, c) ? "" : cellText(view.value(r, c));
}

/** Read sheet row `r` into `draft`. */
export function readRowInto(ctx: FieldReading, draft: Draft, r: number) {
  const { view } = ctx;
  const { col, referenceColumns, extraColumns, referencesInActionText } = ctx.columns;
  const a = draft.action;
  setText(ctx, draft, r, "theme");
  if (col.id !== undefined || !referencesInActionText) setText(ctx, draft, r, "action");
  setText(ctx, draft, r, "lead");
  setText(ctx, draft, r, "deliveryLead");
  setText(ctx, draft, r, "response");
  if (col.timeframe !== undefined && (draft.seen & FIELD_BIT.timeframe) === 0) {
    // A date cell (or the serial number Office.js gives for one) becomes "2030-12-31", as both hosts agree.
    const v = view.value(r, col.timeframe);
    const asDate = v instanceof Date ? v : typeof v === "number" && v > 30000 && v < 80000 ? new Date(Math.round((v - 25569) * 86400000)) : null;
    if (asDate && !Number.isNaN(asDate.getTime())) {
      // A date on the 1st shown as a month ("Mar-21", as Excel stores "Mar 2021") is that month: due at its end.
      const month = asDate.getUTCDate() === 1 && isMonthFormat(view.numberFormat(r, col.timeframe));
      a.timeframe = month ? monthOfDate(asDate) : asDate.toISOString().slice(0, 10);
      draft.seen |= FIELD_BIT.timeframe;
    } else setText(ctx, draft, r, "timeframe");
  }
  if (col.update !== undefined) {
    const update = fieldText(ctx, draft, r, "update", col.update);
    if (update) a.update = a.update ? `${a.update}\n${update}` : update;
  }
  for (const c of referenceColumns) {
    const t = ownText(view, r, c);
    if (t) a.references.push(t);
  }
  for (const { column, header } of extraColumns) {
    const t = ownText(view, r, column);
    if (t) a.extra[header] = a.extra[header] ? `${a.extra[header]}\n${t}` : t;
  }

  if (col.status !== undefined) readStatus(ctx, draft, r, col.status, fieldText(ctx, draft, r, "status", col.status));
  if (col.rag !== undefined) readRag(ctx, draft, r, col.rag, fieldText(ctx, draft, r, "rag", col.rag), col.direction === col.rag);
  if (col.direction !== undefined && col.direction !== col.rag) readDirection(ctx, draft, r, col.direction, fieldText(ctx, draft, r, "direction", col.direction));
}

function nonCanonical(issues: IssueList, cell: string, typed: string, canonical: string, label: string, impliedRag: Rag | null = null) {
  issues.add("warning", "non-canonical", cell, { cell, typed, canonical, label, impliedRag });
}

function unknown({ lexicon, issues }: FieldReading, cell: string, typed: string, kind: "status" | "rag" | "direction", severity: "error" | "warning") {
  const suggestion = lexicon.suggest(typed, kind);
  const accepted = kind === "direction" ? [] : lexicon.accepted(kind);
  issues.add(severity, "unknown-value", cell, { is: "cell", cell, typed, kind, suggestion, accepted });
}

function setStatus(draft: Draft, status: Status) {
  if (draft.seen & FIELD_BIT.status) return;
  draft.action.status = status;
  draft.seen |= FIELD_BIT.status;
}
function setRag(draft: Draft, rag: Rag, source: "text" | "fill") {
  if (draft.seen & FIELD_BIT.rag) return;
  draft.action.rag = rag;
  draft.action.ragSource = source;
  draft.seen |= FIELD_BIT.rag;
}
function setDirection(draft: Draft, direction: Direction) {
  if (draft.seen & FIELD_BIT.direction) return;
  draft.action.direction = direction;
  draft.seen |= FIELD_BIT.direction;
}

function readStatus(ctx: FieldReading, draft: Draft, r: number, c: number, typed: string) {
  if (!typed) return;
  const { lexicon, issues } = ctx;
  const { col } = ctx.columns;
  const status = lexicon.status(typed);
  if (status) {
    // "On track" is in progress and Green: with no RAG column of its own, the action takes both.
    const implied = lexicon.impliedRag(typed);
    if (!status.exact) nonCanonical(issues, a1(r, c), typed, status.canonical, "status", implied && col.rag === undefined ? implied : null);
    setStatus(draft, status.canonical);
    if (implied && col.rag === undefined) setRag(draft, implied, "text");
    return;
  }
  // "Completed. This meeting took place on 3 March.": the leading word is the status, the rest belongs to the update.
  const led = leadingStatus(typed, lexicon);
  if (led) {
    setStatus(draft, led.status.canonical);
    const implied = lexicon.impliedRag(led.word);
    if (implied && col.rag === undefined) setRag(draft, implied, "text");
    if (col.update !== c) draft.action.update = draft.action.update ? `${draft.action.update}\n${led.rest}` : led.rest;
    return;
  }
  const cell = a1(r, c);
  const rag = lexicon.rag(typed);
  // The sheet's key says what this colour means ("Blue = complete"): the status, not a RAG in the wrong column.
  const keyed = rag ? ctx.key?.word(typed) : undefined;
  if (rag && keyed?.status) {
    setStatus(draft, keyed.status);
    if (col.rag === undefined) setRag(draft, rag.canonical, "text");
    ctx.key!.used++;
    return;
  }
  if (rag && typed.length > 1) {
    issues.add("warning", "wrong-column", cell, { is: "rag-in-status", cell, typed, rag: rag.canonical });
    if (col.rag === undefined) setRag(draft, rag.canonical, "text");
    return;
  }
  unknown(ctx, cell, typed, "status", "error");
}

function readRag(ctx: FieldReading, draft: Draft, r: number, c: number, typed: string, withDirection: boolean) {
  const { view, lexicon, issues } = ctx;
  const { col } = ctx.columns;
  if (typed) {
    // A word the sheet's key lists as a colour of its scale: "Blue" (= complete), or a status word such as "COMPLETE".
    const keyed = ctx.key?.word(typed);
    if (keyed?.status && !withDirection) {
      const rag = keyed.rag ?? (keyed.status === "Completed" ? "Blue" : null);
      if (rag) setRag(draft, rag, "text");
      if (col.status === undefined) setStatus(draft, keyed.status);
      ctx.key!.used++;
      return;
    }
    const whole = lexicon.lookup(typed);
    const implied = lexicon.impliedRag(typed);
    if (implied && !withDirection) {
      // A status word that says a RAG ("Off track", "Green (C)"): the RAG here, and the status where there is no status column.
      setRag(draft, implied, "text");
      if (col.status === undefined) setStatus(draft, whole!.canonical as Status);
      return;
    }
    if (whole?.kind === "status" && !withDirection) {
      const cell = a1(r, c);
      issues.add("warning", "wrong-column", cell, { is: "status-in-rag", cell, typed, status: whole.canonical });
      if (col.status === undefined) setStatus(draft, whole.canonical as Status);
      return;
    }
    const parts = lexicon.splitRagAndDirection(typed);
    if (parts.rag) {
      const point = isRagPoint(parts.rag.canonical) ? parts.rag.canonical : null;
      // A point of the five-point scale in a tracker not on that scale: its first colour, as the column's guess says.
      const rag = point && !ctx.columns.fivePoint ? firstColour(typed, point, lexicon) : parts.rag.canonical;
      if (!parts.rag.exact && rag === parts.rag.canonical) nonCanonical(issues, a1(r, c), typed, parts.rag.canonical, "RAG");
      setRag(draft, rag, "text");
      statusByKey(ctx, draft, rag);
    }
    if (parts.direction) {
      if (withDirection) setDirection(draft, parts.direction.canonical);
    }
    if (!parts.rag && !(withDirection && parts.direction)) {
      unknown(ctx, a1(r, c), typed, "rag", "error");
      return;
    }
  }
  if ((draft.seen & FIELD_BIT.rag) === 0) {
    const byFill = ragFromFill(view.fill(r, c));
    if (byFill) {
      const cell = a1(r, c);
      setRag(draft, byFill, "fill");
      issues.add("info", "rag-from-fill", cell, { id: draft.action.id, cell, rag: byFill });
      statusByKey(ctx, draft, byFill);
    }
  }
}

/** With no status column, the status the sheet's key gives a RAG colour ("Blue = complete", "White – not started"). */
function statusByKey(ctx: FieldReading, draft: Draft, rag: Rag) {
  if (ctx.columns.col.status !== undefined || !ctx.key) return;
  const status = ctx.key.statusOfRag(rag);
  if (!status || has(draft.seen, "status")) return;
  setStatus(draft, status);
  ctx.key.used++;
}

function readDirection(ctx: FieldReading, draft: Draft, r: number, c: number, typed: string) {
  if (!typed) return;
  const parts = ctx.lexicon.splitRagAndDirection(typed);
  if (parts.direction) setDirection(draft, parts.direction.canonical);
  else unknown(ctx, a1(r, c), typed, "direction", "warning");
}
