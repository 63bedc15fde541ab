/**
 * Reading a tracker, phases 2 and 3, section rows and row ownership: whether
 * a body row is a heading (a section of the plan), a header repeated on a
 * later page, a new action or a sub-activity row of the action above.
 */
import { GridView, a1, cellText, isBlank, isErrorValue } from "../sheet/grid";
import { headerMatchKey } from "../words/headers";
import type { IssueList } from "../issues/issues";
import type { TableColumns } from "./tracker-columns";
import { splitReference } from "./reference";

const REFERENCE_ONLY = /^[A-Za-z]{0,3}\d{1,3}(?:\.\d{1,3})*\.?$/;

/** A short code with a digit and no spaces: "VAW-2", "A12", "3.1" — not a heading. */
function looksLikeReference(text: string): boolean {
  return text.length <= 16 && !/\s/.test(text) && /\d/.test(text);
}

function normaliseRef(text: string): string {
  return text.trim().replace(/\.$/, "").toUpperCase();
}

/** The columns of a row that hold something of their own (not merged down from above). */
export function ownCells(view: GridView, r: number): number[] {
  const own: number[] = [];
  const end = Math.min(view.lastColumn, view.rowEnd(r));
  for (let c = view.firstColumn; c <= end; c++) {
    if (!view.isCovered(r, c) && !isBlank(view.raw(r, c))) own.push(c);
  }
  return own;
}

/**
 * The first column of a row that holds something of its own, or -1 for none,
 * and whether it is the only one (ownCells(view, r)[0] and its length of 1,
 * without making the list: the body walk asks this of every row).
 */
export function firstOwnCell(view: GridView, r: number): { first: number; only: boolean } {
  let first = -1;
  const end = Math.min(view.lastColumn, view.rowEnd(r));
  for (let c = view.firstColumn; c <= end; c++) {
    if (view.isCovered(r, c) || isBlank(view.raw(r, c))) continue;
    if (first >= 0) return { first, only: false };
    first = c;
  }
  return { first, only: first >= 0 };
}

/** A header repeated on a later page: the same header text in every mapped column. */
export function repeatedHeader(view: GridView, columns: TableColumns): (r: number) => boolean {
  const headerCells = [...new Map(columns.mappings.map((m) => [m.column, headerMatchKey(m.header)])).entries()];
  return (r) => r !== columns.headerRow && headerCells.length > 0 && headerCells.every(([c, key]) => headerMatchKey(view.text(r, c)) === key);
}

/**
 * The heading a row with a single cell of its own gives, or null when the row is data.
 * A heading is text in the first or theme column, or merged across the table. A lone
 * reference ("VAW-2"), or a lone action in the action column, is an action with the rest to come.
 */
export function sectionHeading(view: GridView, r: number, own: readonly number[], { col }: TableColumns): string | null {
  if (own.length !== 1) return null;
  const c = own[0];
  const value = view.raw(r, c);
  const merge = view.mergeAt(r, c);
  const mergedAcross = merge !== undefined && merge.right > merge.left;
  const text = cellText(value);
  const inData = (c === col.id && looksLikeReference(text)) || (c === col.action && col.id === undefined);
  const leading = c === view.firstColumn || c === col.id || c === col.theme;
  if (typeof value === "string" && !REFERENCE_ONLY.test(text) && (mergedAcross || (leading && !inData)) && !splitReference(text)) return text;
  return null;
}

/** Whose row it is: a new action (with its reference, and its text when read from the reference's cell), or the one above's. */
export interface RowOwner {
  ref: string | null;
  actionText: string | null;
  /** A sub-activity row of the action above. */
  continues: boolean;
  /** The reference cell shows an error value (reported). */
  refError: boolean;
}

export function rowOwner(view: GridView, r: number, { col, referencesInActionText }: TableColumns, issues: IssueList): RowOwner {
  const owner: RowOwner = { ref: null, actionText: null, continues: false, refError: false };
  if (col.id !== undefined) {
    if (view.isCovered(r, col.id)) owner.continues = true;
    else {
      const raw = view.raw(r, col.id);
      if (isErrorValue(raw)) {
        // Not a blank: a broken reference. The row is an action of its own, reported.
        owner.refError = true;
        issues.add("error", "error-value", a1(r, col.id), { is: "reference", cell: a1(r, col.id), error: raw.error, row: r });
      } else {
        const text = cellText(raw);
        if (text) owner.ref = normaliseRef(text);
        else owner.continues = true;
      }
    }
  } else if (col.action !== undefined) {
    if (view.isCovered(r, col.action)) owner.continues = true;
    else {
      const text = cellText(view.raw(r, col.action));
      const split = referencesInActionText ? splitReference(text) : null;
      if (split) {
        owner.ref = split.ref;
        owner.actionText = split.text;
      } else if (text) {
        owner.actionText = text;
      } else owner.continues = true;
    }
  }
  return owner;
}
