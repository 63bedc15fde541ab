/**
 * The engine's answers for a quarter's returns, from the sheet it keeps: the
 * round's requests (the model's requestPlan and each lead's email), and a
 * merge's plan (planMerge) as the cells a confirmed write would change, per
 * action old → new, and the conflicts in plain words. Pure, like answers.ts.
 */
import { PANE_SOURCE, cellWriteLogRows, changeLogRows, monthLabel, periodLabel, planMerge, requestEmail, requestPlan, roundStatus, undoLogRows } from "../model";
import type { LogContext, ReturnRead, Tracker } from "../model";
import type { MergePreview, RequestAsk, RequestsView } from "../shared/host";
import { changesOf } from "./answers";
import type { KeptSheet } from "./answers";

/** The round's requests, one per lead, as the CLI's `requests` makes them (`file`: the tracker's name, as the key records it). */
export function requestsOf(a: KeptSheet, ask: RequestAsk & { file: string; sent: string }): RequestsView {
  const plan = requestPlan({
    tracker: a.report.tracker,
    actions: a.report.actions,
    grid: a.grid,
    file: ask.file,
    by: ask.by,
    period: ask.period,
    due: ask.due,
    sent: ask.sent,
    ownWords: a.words.listWords,
  });
  return { plan, leads: plan.requests.map((r) => ({ lead: r.lead, file: r.file, actions: r.rows.map((x) => x.id), email: requestEmail(plan, r, null) })) };
}

/** A merge's plan for the pane: the cells to write (their text now → the text written), and the Change log's rows for the write and for its undo. */
export function mergeOf(a: KeptSheet, returns: readonly ReturnRead[], when: string): Omit<MergePreview, "sheet"> & { log: string[][]; undoLog: string[][] } {
  const input = { tracker: a.report.tracker, actions: a.report.actions, grid: a.grid };
  const plan = planMerge({ ...input, lexicon: a.words.lexicon, returns, ownWords: a.words.listWords });
  // The round so far, by the lead column the returns were requested by (as `returns-status` counts it).
  const { replied, notReplied, chase } = roundStatus({ ...input, by: returns[0]?.key.by ?? "lead" }, plan);
  const changes = changesOf(
    a.grid,
    plan.changes.map((c) => ({ cell: c.cell, text: c.text })),
  );
  const log = changeLogRows(plan, when);
  // The undo's rows: the same fields back from the new value to the old, said to be the merge's undo.
  const undoLog = undoLogRows(log, "the merge");
  return {
    period: plan.period,
    changes,
    fields: plan.changes.map((c) => ({ id: c.id, field: c.field, old: c.old, new: c.new, lead: c.lead, file: c.file, cell: c.cell })),
    conflicts: plan.conflicts.map((c) => ({ code: c.code, file: c.file, lead: c.lead, id: c.id, message: c.message })),
    returns: plan.returns,
    round: { replied, notReplied, chase },
    log,
    undoLog,
  };
}

/**
 * The Change log's context of a write by the pane (`when`: the log's time; `period`: the label the officer
 * gave, if any): this period as the CLI finds it (the sheet's own latest period, the label given, the title
 * rows or header, else the month of the write); and, for `writes`, one row per cell changed, as the CLI
 * writes them (the model's cellWriteLogRows: the old value is the cell's text as read).
 */
export function paneLogOf(a: KeptSheet, ask: { when: string; period?: string; writes?: readonly { cell: string; text: string }[] }): { ctx: LogContext; rows: string[][] } {
  const tracker = a.report.tracker;
  const given = ask.period?.trim();
  const period =
    (tracker.periods && !given ? tracker.periods.current : null) ??
    periodLabel({ given, grid: a.grid, headerRow: tracker.headerRow })?.label ??
    monthLabel(new Date(ask.when));
  const ctx: LogContext = { when: ask.when, period, source: PANE_SOURCE };
  return { ctx, rows: ask.writes?.length ? cellWriteLogRows(ctx, a.grid, withNewHeaders(tracker, a.report.tracker.headerRow, ask.writes), a.report.actions, ask.writes) : [] };
}

/** The tracker with the column a write adds (a header written where the tracker reads none: the new direction column), named as written. */
function withNewHeaders(tracker: Tracker, headerRow: number, writes: readonly { cell: string; text: string }[]): Tracker {
  const added = writes.flatMap((w) => {
    const m = /^([A-Z]+)(\d+)$/.exec(w.cell);
    return m && Number(m[2]) === headerRow && !tracker.columns.some((c) => c.column === m[1]) ? [{ column: m[1], header: w.text }] : [];
  });
  return added.length ? { ...tracker, columns: [...tracker.columns, ...added.map((c) => ({ field: "direction" as const, ...c }))] } : tracker;
}
