/**
 * The pane's state that belongs together: the tracker on show (its view, the
 * sheets to choose from, the request that read it) as one reducer, and the
 * periods (this one, its error, the one compared with) as a hook of their own.
 */
import { useRef, useState } from "react";
import type { SnapshotInfo, TrackerRequest, TrackerView } from "../shared/host";
import { NO_PREVIOUS } from "./components/PeriodSection";
import { suggestPeriod } from "./words";

export interface TrackerState {
  view: TrackerView | null;
  /** The sheets to choose from: the view's, or the ones a failed find offered. */
  sheets: string[];
  /** The tracker in use and the mapping corrections in use. */
  request: TrackerRequest;
}

export type TrackerEvent =
  | { type: "shown"; view: TrackerView; overrides: TrackerRequest["overrides"] }
  | { type: "sheets"; sheets: string[] }
  | { type: "snapshots"; snapshots: SnapshotInfo[] };

export const NO_TRACKER: TrackerState = { view: null, sheets: [], request: {} };

export function trackerReducer(state: TrackerState, event: TrackerEvent): TrackerState {
  switch (event.type) {
    case "shown": {
      const v = event.view;
      // The corrections in use: the ones just asked for, or the ones saved in the workbook last time.
      const overrides = event.overrides ?? (v.overrides && Object.keys(v.overrides).length ? v.overrides : undefined);
      return { view: v, sheets: v.sheets, request: { sheet: v.sheet, overrides } };
    }
    case "sheets":
      return { ...state, sheets: event.sheets };
    case "snapshots":
      return state.view ? { ...state, view: { ...state.view, snapshots: event.snapshots } } : state;
  }
}

/** This period's label (suggested from today), its error, and the previous period: the view's until the officer chooses one. */
export function usePeriods(today: Date | undefined) {
  // The quarter of the financial year today falls in, e.g. "Q3 2026/27"; the officer can change it.
  const [period, setPeriod] = useState(() => suggestPeriod(today ?? new Date()));
  const [periodError, setPeriodError] = useState<string | null>(null);
  const [previous, setPrevious] = useState<string>(NO_PREVIOUS);
  const chosen = useRef(false);
  return {
    period,
    periodError,
    previous,
    /** The previous period for a host call: the one chosen, or undefined (the latest) until one is. */
    previousAsked: (): string | null | undefined => (chosen.current ? previous || null : undefined),
    type(p: string) {
      setPeriod(p);
      if (p.trim()) setPeriodError(null);
    },
    choosePrevious(value: string) {
      chosen.current = true;
      setPrevious(value);
    },
    /** Finding the tracker afresh: the previous period follows the view again. */
    forgetChoice() {
      chosen.current = false;
    },
    /** A view was read: its previous period, unless the officer chose one. */
    follow(view: TrackerView) {
      if (!chosen.current) setPrevious(view.previousPeriod ?? NO_PREVIOUS);
    },
    /** Whether there is a period label; if not, the field says so and the message says what to do. */
    need(what: string): string | null {
      if (period.trim()) {
        setPeriodError(null);
        return null;
      }
      setPeriodError("Type a label for this period.");
      return `Type this period’s label in “This period” (for example “Quarter 3 2026/27”), then ${what}.`;
    },
  };
}
