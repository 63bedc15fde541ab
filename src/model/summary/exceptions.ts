/**
 * The Panel Summary's exceptions: the actions the Panel should look at, each
 * with the reasons it is listed.
 */
import type { Action } from "../issues/schema";
import { TimeframeMemo, isOverdue, lacksUpdate, openTimeframe } from "../issues/checks";
import { formatLongDate } from "../sheet/timeframe";
import { stillOpen } from "../analysis/updates";
import type { UpdateComparison } from "../analysis/updates";
import type { SummaryException, SummaryPrevious } from "./types";

function idKey(id: string): string {
  return id.trim().toUpperCase();
}

/** Every Red (but no action Closed without being delivered); every action that deteriorated; every overdue action; Red or Amber with no update; open actions whose update has not changed. */
export function findExceptions(
  sheet: string,
  actions: readonly Action[],
  previous: SummaryPrevious | null,
  previousLabel: string | undefined,
  asOf: Date,
  updates: UpdateComparison | null,
): SummaryException[] {
  const changes = new Map((previous?.comparison.changes ?? []).map((c) => [idKey(c.id), c]));
  const memo = new TimeframeMemo();
  // "Overdue: due by 31 March 2027 ("March 2027")", worded once per timeframe text.
  const overdueReasons = new Map<string, string>();
  const out: SummaryException[] = [];
  for (const a of actions) {
    // Closed without being delivered: never an exception.
    if (a.status === "Closed") continue;
    const reasons: string[] = [];
    const change = changes.size ? changes.get(idKey(a.id)) : undefined;
    const direction = previous ? (change?.direction ?? null) : a.direction;
    if (a.rag === "Red") reasons.push("Red");
    if (previous && change?.direction === "deteriorated") reasons.push(`Deteriorated since ${previousLabel}: ${change.from} → ${change.to}`);
    else if (!previous && a.direction === "deteriorated") reasons.push("Deteriorated (the tracker's arrow)");
    // The same rules as the consistency checks (checks.ts), in their order, so the summary and `validate` agree.
    if (lacksUpdate(a)) reasons.push(`${a.rag} with no update`);
    const t = openTimeframe(a, memo);
    if (isOverdue(t, asOf)) {
      let reason = overdueReasons.get(a.timeframe);
      if (reason === undefined) overdueReasons.set(a.timeframe, (reason = `Overdue: due by ${formatLongDate(t.due)} ("${a.timeframe}")`));
      reasons.push(reason);
    }
    if (updates && stillOpen(a) && updates.byId.get(idKey(a.id)) === "not-updated") reasons.push(`No new update since ${previousLabel}`);
    if (reasons.length) out.push({ id: a.id, action: a.action, lead: a.lead, status: a.status, rag: a.rag, direction, reasons, update: a.update });
  }
  return out;
}
