/**
 * The Panel Summary's exceptions: the actions the Panel should look at, each
 * with the reasons it is listed.
 */
import type { Action } from "../issues/schema";
import { TimeframeMemo, isOverdue, lacksUpdate, openTimeframe } from "../issues/checks";
import { formatLongDate } from "../sheet/timeframe";
import { stillOpen } from "../analysis/updates";
import type { UpdateComparison } from "../analysis/updates";
import type { ExceptionKind, SummaryException, SummaryPrevious } from "./types";
import { andList } from "./sentences";

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
    const kinds: ExceptionKind[] = [];
    const add = (kind: ExceptionKind, reason: string) => {
      kinds.push(kind);
      reasons.push(reason);
    };
    const change = changes.size ? changes.get(idKey(a.id)) : undefined;
    const direction = previous ? (change?.direction ?? null) : a.direction;
    if (a.rag === "Red") add("red", "Red");
    if (previous && change?.direction === "deteriorated") add("deteriorated", `Deteriorated since ${previousLabel}: ${change.from} → ${change.to}`);
    else if (!previous && a.direction === "deteriorated") add("deteriorated", "Deteriorated (the tracker's arrow)");
    // The same rules as the consistency checks (checks.ts), in their order, so the summary and `validate` agree.
    if (lacksUpdate(a)) add("no-update", `${a.rag} with no update`);
    const t = openTimeframe(a, memo);
    if (isOverdue(t, asOf)) {
      let reason = overdueReasons.get(a.timeframe);
      if (reason === undefined) overdueReasons.set(a.timeframe, (reason = `Overdue: due by ${formatLongDate(t.due)} ("${a.timeframe}")`));
      add("overdue", reason);
    }
    if (updates && stillOpen(a) && updates.byId.get(idKey(a.id)) === "not-updated") add("no-new-update", `No new update since ${previousLabel}`);
    if (reasons.length) out.push({ id: a.id, action: a.action, lead: a.lead, status: a.status, rag: a.rag, direction, reasons, kinds, update: a.update });
  }
  return out;
}

/** What makes an action an exception, in words: the exceptions table's caption, and the paper's. */
export function exceptionRules(previousLabel: string | undefined, asOf: Date): string[] {
  return [
    "every Red action",
    previousLabel !== undefined ? `every action that deteriorated since ${previousLabel}` : "every action the tracker shows as deteriorated",
    `every overdue action (due before ${formatLongDate(asOf)} and not complete)`,
    "every Red or Amber action with no update",
    ...(previousLabel !== undefined ? [`every action in progress, Red or Amber with no new update since ${previousLabel}`] : []),
  ];
}

/** What the exceptions table lists, said once above it: "The exceptions are every Red action, …". */
export function exceptionsCaption(rules: string[]): string {
  return `The exceptions are ${andList(rules)}`;
}

/** What is said when no action is an exception. */
export function noExceptions(previousLabel: string | undefined): string {
  return previousLabel !== undefined
    ? `None: no action is Red, deteriorated, overdue, Red or Amber without an update, or open without a new update since ${previousLabel}.`
    : "None: no action is Red, deteriorated, overdue, or Red or Amber without an update.";
}
