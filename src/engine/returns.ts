/**
 * The engine's answers for a quarter's returns, from the sheet it keeps: the
 * round's requests (the model's requestPlan and each lead's email), and a
 * merge's plan (planMerge) as the cells a confirmed write would change, per
 * action old → new, and the conflicts in plain words. Pure, like answers.ts.
 */
import { changeLogRows, planMerge, requestEmail, requestPlan, roundStatus } from "../model";
import type { ReturnRead } from "../model";
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
  const undoLog = log.map(([, period, id, field, old, now, source]) => [period, id, field, now, old, `undo of the merge (${source})`]);
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
