/**
 * The Change log's rows for the pane's own writes to the tracker, the same rows
 * the command line writes for the same change (the model's builders), with the
 * source "task pane": a row per cell a confirmed write changes (the spelling
 * fixes, the RAG words, the directions of travel), and their undo's rows; a
 * row per column for the colours and the drop-down lists, put on or taken off.
 * The log is looked for with the command's first round trip (a rider) and its
 * rows go with the write's own sync: no round trip of its own.
 */
import { formattingLogRows, listLogItem, logTime, ruleLogItems, undoLogRows } from "../model";
import type { FormattingPlan, LogContext, Tracker } from "../model";
import type { Engine } from "../engine/engine";
import type { CellChange, TrackerRequest } from "../shared/host";
import { queueChangeLog } from "./change-log";
import { PANE } from "./session";
import type { FirstTrip } from "./session";
import type { WriteLog } from "./writes";

export type Append = (rows: readonly (readonly string[])[]) => unknown;

/** Look for the Change log with the command's first round trip; after it, the function that queues appending rows. */
export function rideChangeLog(context: Excel.RequestContext, trip: FirstTrip): () => Append {
  const looked = trip.ride(() => queueChangeLog(context));
  return () => looked()();
}

/** When, which period and who (the task pane), as the engine finds this period for the tracker it holds. */
export async function paneLogContext(engine: Engine, request: TrackerRequest, now: Date): Promise<LogContext> {
  return (await engine.paneLog({ key: PANE, when: logTime(now), period: request.period })).ctx;
}

/** A confirmed write's rows (one per cell changed) and its undo's, as the CLI writes them. */
export async function cellWriteLog(engine: Engine, request: TrackerRequest, now: Date, changes: readonly CellChange[], what: string): Promise<WriteLog> {
  const { rows } = await engine.paneLog({ key: PANE, when: logTime(now), period: request.period, writes: changes.map((c) => ({ cell: c.cell, text: c.after })) });
  return { rows, undoRows: undoLogRows(rows, what) };
}

/**
 * The colours' rows: one per column the plan colours, when the rules put on differ from the add-in's rules
 * taken away (`removed`: their formulas; the same rules again are no change, as in the CLI).
 */
export function coloursAppliedRows(ctx: LogContext, tracker: Tracker, plan: FormattingPlan, removed: readonly string[]): string[][] {
  const key = (formulas: readonly string[]) => [...formulas].map((f) => f.replace(/^=/, "")).sort().join("\n");
  if (key(removed) === key(plan.rules.map((r) => r.formula))) return [];
  return formattingLogRows(ctx, tracker, ruleLogItems(plan.rules));
}

/**
 * The colours taken away: one row per column, the rules of the plan that were removed as the old value
 * (the rules of an earlier plan, no longer the tracker's, in one row for the sheet).
 */
export function coloursRemovedRows(ctx: LogContext, tracker: Tracker, plan: FormattingPlan, removed: readonly string[]): string[][] {
  const left = [...removed].map((f) => f.replace(/^=/, ""));
  const found = plan.rules.filter((r) => {
    const i = left.indexOf(r.formula);
    if (i < 0) return false;
    left.splice(i, 1);
    return true;
  });
  const rows: string[][] = formattingLogRows(ctx, tracker, ruleLogItems(found), true);
  if (left.length) rows.push([ctx.when, ctx.period, `sheet "${tracker.sheet}"`, "colours", `${left.length} conditional-format rule${left.length === 1 ? "" : "s"} of the add-in's`, "", ctx.source]);
  return rows;
}

/** The drop-down lists put on or taken off ("F6:F60 (RAG)" as the validation reports them): one row per column. */
export function listRows(ctx: LogContext, tracker: Tracker, lists: readonly string[], removed = false): string[][] {
  return formattingLogRows(ctx, tracker, lists.map(listLogItem), removed);
}
