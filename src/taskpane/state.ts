/**
 * The pane's state that belongs together: the tracker on show (its view, the
 * sheets to choose from, the request that read it) as one reducer, and the
 * periods (this one, its error, the one compared with, the directions previewed
 * against it) as a hook of their own. Components import from here, never the
 * other way.
 */
import { useRef, useState } from "react";
import type { CellChange, ComparedWith, DirectionsPreview, SheetPeriodsView, SnapshotInfo, TrackerRequest, TrackerView } from "../shared/host";
import type { Ask } from "./sentences";
import { PERIOD_LABEL, sheetPreviousWords } from "./sentences";
import { suggestPeriod } from "./wording";

export interface TrackerState {
  view: TrackerView | null;
  /** The sheets to choose from: the view's, or the ones a failed find offered. */
  sheets: string[];
  /** The tracker in use, the mapping corrections and the period columns in use. */
  request: TrackerRequest;
}

export type TrackerEvent =
  | { type: "shown"; view: TrackerView; overrides: TrackerRequest["overrides"] }
  | { type: "sheets"; sheets: string[] }
  | { type: "snapshots"; snapshots: SnapshotInfo[] };

/** No tracker read yet. */
export const NOTHING_SHOWN: TrackerState = { view: null, sheets: [], request: {} };

export function trackerReducer(state: TrackerState, event: TrackerEvent): TrackerState {
  switch (event.type) {
    case "shown": {
      const v = event.view;
      // The corrections in use: the ones just asked for, or the ones saved in the workbook last time.
      const overrides = event.overrides ?? (v.overrides && Object.keys(v.overrides).length ? v.overrides : undefined);
      // The period columns in use are the view's: a choice that could not be used is not asked for again.
      return { view: v, sheets: v.sheets, request: { sheet: v.sheet, overrides, ...(v.periodColumns ? { periodColumns: v.periodColumns } : {}) } };
    }
    case "sheets":
      return { ...state, sheets: event.sheets };
    case "snapshots":
      return state.view ? { ...state, view: { ...state.view, snapshots: event.snapshots } } : state;
  }
}

/** A confirmation on show: what it asks, and every cell that would change. */
export interface ConfirmRequest extends Ask {
  sheet: string;
  changes: readonly CellChange[];
}

/** The "Compare with" choice meaning no previous period (the others: a snapshot's label, or SHEET_PREVIOUS). */
export const NO_PREVIOUS = "";
/** The "Compare with" choice meaning the sheet's own previous period (a value no period label typed in Excel holds). */
export const SHEET_PREVIOUS = "\u0001this sheet";

/** The "Compare with" choice (the select's value) as the hosts take it: the one place the pane turns it into a ComparedWith. */
export function comparedWithOf(choice: string): ComparedWith {
  if (choice === NO_PREVIOUS) return { kind: "none" };
  if (choice === SHEET_PREVIOUS) return { kind: "sheet" };
  return { kind: "snapshot", label: choice };
}

/** One period of a sheet that keeps several side by side: its label and its columns (status first), in time order. */
export interface PeriodInSheet {
  label: string;
  columns: { column: string; header: string }[];
}

export function periodsOf(p: SheetPeriodsView): PeriodInSheet[] {
  const out: PeriodInSheet[] = [];
  for (const c of p.columns) {
    let period = out.find((x) => x.label === c.period);
    if (!period) out.push((period = { label: c.period, columns: [] }));
    if (c.field === "status") period.columns.unshift({ column: c.column, header: c.header });
    else period.columns.push({ column: c.column, header: c.header });
  }
  return out;
}

/** The sheet's own previous period, when it keeps several side by side and one earlier holds values. */
export function sheetPreviousPeriod(view: TrackerView | null): PeriodInSheet | undefined {
  const sp = view?.sheetPeriods;
  return sp ? periodsOf(sp).find((p) => p.label === sp.previous) : undefined;
}

/** What the pane calls the period compared with: its label, and where a sheet's own period comes from. */
export function previousWords(view: TrackerView | null, previous: string): { name: string; said: string } {
  if (previous !== SHEET_PREVIOUS) return { name: previous, said: previous };
  return sheetPreviousWords(sheetPreviousPeriod(view));
}

export type Periods = ReturnType<typeof usePeriods>;

/**
 * This period's label (the tracker's own: its period columns' or its title's, else suggested from today), its error,
 * the previous period: the view's (the sheet's own previous period when it keeps one) until the officer chooses one,
 * and the directions of travel previewed against it.
 */
export function usePeriods(today: Date | undefined) {
  // The quarter of the financial year today falls in, e.g. "Q3 2026/27"; the officer can change it.
  const [period, setPeriod] = useState(() => suggestPeriod(today ?? new Date()));
  const [periodError, setPeriodError] = useState<string | null>(null);
  const [previous, setPrevious] = useState<string>(NO_PREVIOUS);
  const [preview, setPreview] = useState<DirectionsPreview | null>(null);
  const chosen = useRef(false);
  /** Whether the officer typed this period's label (else a sheet's own period names it). */
  const typed = useRef(false);
  return {
    period,
    periodError,
    previous,
    preview,
    /** The previous period for a host call: the one chosen, or undefined (the latest) until one is. */
    comparedAsked: (): ComparedWith | undefined => (chosen.current ? comparedWithOf(previous) : undefined),
    /** The period compared with as the pane shows it, for the commands that use it (the directions, the summary, the paper). */
    comparedShown: (): ComparedWith => comparedWithOf(previous),
    type(p: string) {
      typed.current = true;
      setPeriod(p);
      if (p.trim()) setPeriodError(null);
    },
    /** The officer chose the period to compare with: a preview against another one goes. */
    choosePrevious(value: string) {
      chosen.current = true;
      setPrevious(value);
      setPreview(null);
    },
    /** Directions of travel previewed against the previous period, or none (written, or the sheet changed). */
    showPreview: setPreview,
    /** Finding the tracker afresh: the previous period follows the view again. */
    forgetChoice() {
      chosen.current = false;
    },
    /** A view was read: its previous period, unless the officer chose one. Another sheet's view drops the preview. */
    follow(view: TrackerView, otherSheet: boolean) {
      if (otherSheet) setPreview(null);
      // The sheet's own previous period went away (other columns were chosen): follow the view again.
      if (chosen.current && previous === SHEET_PREVIOUS && !view.sheetPeriods?.previous) chosen.current = false;
      if (!chosen.current) setPrevious(view.previousFrom === "sheet" ? SHEET_PREVIOUS : (view.previousPeriod ?? NO_PREVIOUS));
      // The tracker's own period (the columns of a sheet that keeps several, else its title's), unless the officer typed one.
      const own = view.sheetPeriods?.current ?? view.ownPeriod;
      if (!typed.current && own) setPeriod(own);
    },
    /** Whether there is a period label; if not, the field says so and the message says what to do. */
    need(what: string): string | null {
      if (period.trim()) {
        setPeriodError(null);
        return null;
      }
      setPeriodError(PERIOD_LABEL.missing);
      return PERIOD_LABEL.needed(what);
    },
  };
}
