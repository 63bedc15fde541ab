/**
 * Reading a tracker, phase 4, reading the fields: one row's cells into the
 * action it belongs to. An action's own first value of each field wins; the
 * update, references and extra columns gather every row's text. Status, RAG
 * and direction words are read through the lexicon, and what is not a usual
 * word is reported.
 */
import { GridView, a1, cellText, isBlank, isErrorValue } from "./grid";
import type { Field } from "./headers";
import type { Action } from "./schema";
import { ragFromFill } from "./colour";
import type { IssueList } from "./issues";
import type { Direction, Lexicon, Rag, Status } from "./vocabulary";
import type { TableColumns } from "./tracker-columns";

/** An action being read, row by row. */
export interface Draft {
  action: Action;
  /** Fields already given a value by this action's own rows. */
  seen: Set<Field>;
  /** Fields in which something was typed, readable or not (so "missing" is not said twice). */
  typed: Set<Field>;
}

/** What reading a row needs besides the row: the sheet, its columns, the words, and where issues go. */
export interface FieldReading {
  view: GridView;
  columns: TableColumns;
  lexicon: Lexicon;
  issues: IssueList;
}

/** Read sheet row `r` into `draft`. */
export function readRowInto(ctx: FieldReading, draft: Draft, r: number) {
  const { view, issues } = ctx;
  const { col, referenceColumns, extraColumns, referencesInActionText } = ctx.columns;
  const a = draft.action;
  const text = (field: Field): string | null => {
    const c = col[field as keyof typeof col];
    if (c === undefined) return null;
    const value = view.value(r, c);
    if (!isBlank(value)) draft.typed.add(field);
    if (isErrorValue(value)) {
      issues.add("error", "error-value", a1(r, c), { is: "field", cell: a1(r, c), error: value.error, field });
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

  if (col.status !== undefined) readStatus(ctx, draft, r, col.status, text("status") ?? "");
  if (col.rag !== undefined) {
    const t = text("rag") ?? "";
    readRag(ctx, draft, r, col.rag, t, col.direction === col.rag);
  }
  if (col.direction !== undefined && col.direction !== col.rag) readDirection(ctx, draft, r, col.direction, text("direction") ?? "");
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

function readStatus(ctx: FieldReading, draft: Draft, r: number, c: number, typed: string) {
  if (!typed) return;
  const { lexicon, issues } = ctx;
  const { col } = ctx.columns;
  const cell = a1(r, c);
  const status = lexicon.status(typed);
  if (status) {
    // "On track" is in progress and Green: with no RAG column of its own, the action takes both.
    const implied = lexicon.impliedRag(typed);
    if (!status.exact) nonCanonical(issues, cell, typed, status.canonical, "status", implied && col.rag === undefined ? implied : null);
    setStatus(draft, status.canonical);
    if (implied && col.rag === undefined) setRag(draft, implied, "text");
    return;
  }
  const rag = lexicon.rag(typed);
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
      issues.add("warning", "wrong-column", cell, { is: "status-in-rag", cell, typed, status: whole.canonical });
      if (col.status === undefined) setStatus(draft, whole.canonical as Status);
      return;
    }
    const parts = lexicon.splitRagAndDirection(typed);
    if (parts.rag) {
      if (!parts.rag.exact) nonCanonical(issues, cell, typed, parts.rag.canonical, "RAG");
      setRag(draft, parts.rag.canonical, "text");
    }
    if (parts.direction) {
      if (withDirection) setDirection(draft, parts.direction.canonical);
    }
    if (!parts.rag && !(withDirection && parts.direction)) {
      unknown(ctx, cell, typed, "rag", "error");
      return;
    }
  }
  if (!draft.seen.has("rag")) {
    const byFill = ragFromFill(view.fill(r, c));
    if (byFill) {
      setRag(draft, byFill, "fill");
      issues.add("info", "rag-from-fill", cell, { id: draft.action.id, cell, rag: byFill });
    }
  }
}

function readDirection(ctx: FieldReading, draft: Draft, r: number, c: number, typed: string) {
  if (!typed) return;
  const parts = ctx.lexicon.splitRagAndDirection(typed);
  if (parts.direction) setDirection(draft, parts.direction.canonical);
  else unknown(ctx, a1(r, c), typed, "direction", "warning");
}
