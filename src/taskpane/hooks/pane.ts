/**
 * What every step works with: one operation at a time, the tracker on show,
 * the periods, and the host's calls carrying them; reading the tracker (and
 * reading it again after a write).
 */
import { useReducer } from "react";
import type { TaskpaneHost, TrackerRequest, TrackerView } from "../../shared/host";
import { NOTHING_SHOWN, previousWords, trackerReducer, usePeriods } from "../state";
import { NEEDS_PERIOD, TRACKER } from "../sentences";
import { hostCalls } from "./host-calls";
import { useOperation } from "./operation";

export type Pane = ReturnType<typeof usePane>;

export function usePane(host: TaskpaneHost, today: Date | undefined) {
  const [{ view, sheets, request }, dispatch] = useReducer(trackerReducer, NOTHING_SHOWN);
  const flow = useOperation((error) => {
    if (error.sheets) dispatch({ type: "sheets", sheets: error.sheets });
  });
  const periods = usePeriods(today);
  const calls = hostCalls(host, request, periods);

  /** `otherSheet`: the view is of another sheet than the one on show (a preview of directions goes). */
  function show(v: TrackerView, overrides: TrackerRequest["overrides"], otherSheet: boolean) {
    dispatch({ type: "shown", view: v, overrides });
    periods.follow(v, otherSheet);
  }

  /** Read the tracker `next` names, and say what was found. */
  async function read(next: TrackerRequest) {
    const v = await flow.perform(TRACKER.reading, () => calls.readTracker(next));
    if (!v) return;
    show(v, next.overrides, v.sheet !== view?.sheet);
    // Period columns that could not be used: the sheet was read with its latest periods, and the pane says why.
    if (v.sheetPeriods?.problem) return flow.failed(v.sheetPeriods.problem);
    flow.done(TRACKER.found(v));
  }

  /** Read the tracker again after a write, keeping the message of the write. */
  async function refresh(message: string) {
    const v = await flow.perform(TRACKER.readingAgain, () => calls.readTracker(request));
    if (!v) return;
    show(v, request.overrides, false);
    flow.done(message);
  }

  /** Whether this period has a label; if not, the alert says what to do (`what`: what needs it). */
  function needPeriod(what: keyof typeof NEEDS_PERIOD): boolean {
    const message = periods.need(NEEDS_PERIOD[what]);
    if (message) flow.failed(message);
    return message === null;
  }

  return {
    flow,
    view,
    sheets,
    request,
    periods,
    calls,
    /** The period compared with, in words: "June 2021" and "June 2021, from column F of this sheet". */
    said: previousWords(view, periods.previous),
    read,
    refresh,
    needPeriod,
    snapshotsTaken: (r: { snapshots: TrackerView["snapshots"] }) => dispatch({ type: "snapshots", snapshots: r.snapshots }),
  };
}
