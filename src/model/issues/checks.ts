/** Consistency checks on a tracker's actions: warnings an officer would want before the Panel sees it. */
import type { Action, Issue } from "./schema";
import { TimeframeReading, readTimeframe } from "../sheet/timeframe";
import { raise } from "./issues";
import { isBlankText } from "../sheet/grid";

export interface CheckOptions {
  /** The date the report is as at: actions due before it and not Completed are overdue. */
  asOf: Date;
}

/**
 * Each distinct timeframe text read once: a tracker repeats the same few
 * ("March 2027", "Ongoing") thousands of times. For one pass over one tracker's
 * actions (the readings are shared, never changed).
 */
export class TimeframeMemo {
  private readonly readings = new Map<string, TimeframeReading>();
  read(text: string): TimeframeReading {
    let t = this.readings.get(text);
    if (t === undefined) this.readings.set(text, (t = readTimeframe(text)));
    return t;
  }
}

/** A Red or Amber action with no update (the "no-update" check). */
export function lacksUpdate(a: Pick<Action, "rag" | "update">): boolean {
  return (a.rag === "Red" || a.rag === "Amber") && isBlankText(a.update);
}

/** When an action not yet complete is due, read from its timeframe (null: complete or closed, or no timeframe): the "overdue" and "timeframe-unread" checks. */
export function openTimeframe(a: Pick<Action, "status" | "timeframe">, memo: TimeframeMemo): TimeframeReading | null {
  // Completed, or Closed without being delivered: never overdue.
  return a.timeframe && a.status !== "Completed" && a.status !== "Closed" ? memo.read(a.timeframe) : null;
}

export function isOverdue(t: TimeframeReading | null, asOf: Date): t is Extract<TimeframeReading, { kind: "date" }> {
  return t !== null && t.kind === "date" && t.due.getTime() < asOf.getTime();
}

export function checkActions(sheet: string, actions: readonly Action[], options: CheckOptions): Issue[] {
  const issues: Issue[] = [];
  const memo = new TimeframeMemo();

  for (const a of actions) {
    const ragCell = a.cells.rag ?? a.cells.status;
    if (a.status === "Completed" && (a.rag === "Red" || a.rag === "Amber")) {
      issues.push(raise("warning", "completed-but-behind", sheet, ragCell ?? null, { id: a.id, rag: a.rag }));
    }
    if (a.status === "Not yet started" && a.rag === "Green") {
      issues.push(raise("warning", "not-started-but-green", sheet, ragCell ?? null, { id: a.id }));
    }
    if (lacksUpdate(a)) {
      issues.push(raise("warning", "no-update", sheet, a.cells.update ?? ragCell ?? null, { id: a.id, rag: a.rag as "Red" | "Amber", updateCell: a.cells.update }));
    }
    const t = openTimeframe(a, memo);
    if (t === null) continue;
    if (isOverdue(t, options.asOf)) {
      issues.push(raise("warning", "overdue", sheet, a.cells.timeframe ?? null, { id: a.id, due: t.due, timeframe: a.timeframe, status: a.status }));
    } else if (t.kind === "unread") {
      issues.push(raise("info", "timeframe-unread", sheet, a.cells.timeframe ?? null, { id: a.id, text: t.text }));
    }
  }
  return issues;
}
