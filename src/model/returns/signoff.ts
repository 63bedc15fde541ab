/**
 * Signing off a period (pure): a record of who signed it off, when, and a
 * fingerprint of each action's status, RAG and update as they were, kept in a
 * hidden sheet of the workbook; and, read back, every signed-off value that has
 * changed since, unless the Change log records a change to it for a later period
 * (the next round's merge, or a write of the tool's, after the sign-off).
 *
 * Only fingerprints are kept (updateFingerprint: the text's length and hash),
 * never a second copy of the officers' text. The sheet has no header row, so
 * that it is never taken for the tracker.
 */
import type { Action, Issue } from "../issues/schema";
import { raise } from "../issues/issues";
import { issueMessage } from "../issues/messages";
import { GridView } from "../sheet/grid";
import type { SheetGrid } from "../sheet/grid";
import { updateFingerprint } from "../analysis/updates";
import type { ChangeLogEntry } from "./changelog";
import { samePeriod } from "./changelog";

export const SIGN_OFF_SHEET = "delivery-plan sign-off";
export const SIGN_OFF_NOTE = "The periods signed off, with a fingerprint of each action's status, RAG and update as they were then. Please leave this sheet as it is.";

export type SignedField = "status" | "rag" | "update";
const FIELDS: readonly SignedField[] = ["status", "rag", "update"];
const FIELD_WORDS: Record<SignedField, string> = { status: "status", rag: "RAG", update: "update" };

/** One action as signed off. */
export interface SignedAction {
  id: string;
  fingerprints: Record<SignedField, string>;
}

export interface SignOff {
  period: string;
  by: string;
  /** "2026-12-07T10:00:00Z". */
  when: string;
  actions: SignedAction[];
}

/** An action's fingerprints as it is now. */
export function actionFingerprints(a: Pick<Action, "status" | "rag" | "update">): Record<SignedField, string> {
  return { status: updateFingerprint(a.status ?? ""), rag: updateFingerprint(a.rag ?? ""), update: updateFingerprint(a.update ?? "") };
}

/** The record of a sign-off of the tracker as it is now. */
export function signOff(actions: readonly Action[], period: string, by: string, when: string): SignOff {
  const seen = new Set<string>();
  const signed: SignedAction[] = [];
  for (const a of actions) {
    const key = a.id.trim().toUpperCase();
    if (!key || seen.has(key)) continue;
    seen.add(key);
    signed.push({ id: a.id.trim(), fingerprints: actionFingerprints(a) });
  }
  return { period: period.trim(), by: by.trim(), when, actions: signed };
}

/** The sheet's rows (after its note in row 1): one per action, [period, by, when, reference, status, RAG, update fingerprints]. */
export function signOffRows(record: SignOff): string[][] {
  return record.actions.map((a) => [record.period, record.by, record.when, a.id, a.fingerprints.status, a.fingerprints.rag, a.fingerprints.update]);
}

/** The sign-offs kept in the sheet, in the order signed; a period signed off again keeps only its latest record. */
export function readSignOffs(grid: SheetGrid): SignOff[] {
  const view = new GridView(grid);
  const byRecord = new Map<string, SignOff>();
  for (let r = 2; r <= view.lastRow; r++) {
    const [period, by, when, id, status, rag, update] = [1, 2, 3, 4, 5, 6, 7].map((c) => view.text(r, c).trim());
    if (!period || !when || !id || !/^u1:/.test(status) || !/^u1:/.test(rag) || !/^u1:/.test(update)) continue;
    const key = `${period.toLowerCase()}\u0000${when}`;
    const record = byRecord.get(key) ?? { period, by, when, actions: [] };
    // A period signed off twice in one second: the later rows are its record.
    const at = record.actions.findIndex((a) => a.id.toUpperCase() === id.toUpperCase());
    if (at >= 0) record.actions[at] = { id, fingerprints: { status, rag, update } };
    else record.actions.push({ id, fingerprints: { status, rag, update } });
    byRecord.set(key, record);
  }
  const latest = new Map<string, SignOff>();
  for (const record of [...byRecord.values()].sort((a, b) => a.when.localeCompare(b.when))) latest.set(record.period.toLowerCase().replace(/\s+/g, " "), record);
  return [...latest.values()];
}

/** A signed-off value that has changed since. */
export interface SignedOffChange {
  period: string;
  id: string;
  /** null: the action is no longer in the tracker. */
  field: SignedField | null;
  /** The changed value's cell (null: no such cell, or the action is gone). */
  cell: string | null;
  message: string;
}

/**
 * The signed-off values changed since, unless the Change log has a row for that
 * action and field logged after the sign-off for another period (a later round).
 */
export function signedOffChanges(actions: readonly Action[], records: readonly SignOff[], log: readonly ChangeLogEntry[] = []): SignedOffChange[] {
  const now = new Map<string, Action>();
  for (const a of actions) if (!now.has(a.id.trim().toUpperCase())) now.set(a.id.trim().toUpperCase(), a);
  const out: SignedOffChange[] = [];
  for (const record of records) {
    const { period, by, when } = record;
    const later = (id: string, field: SignedField) =>
      log.some((e) => e.action.trim().toUpperCase() === id && e.field.trim().toLowerCase() === FIELD_WORDS[field].toLowerCase() && e.when >= record.when && !samePeriod(e.period, record.period));
    for (const signed of record.actions) {
      const key = signed.id.toUpperCase();
      const a = now.get(key);
      if (!a) {
        out.push({ period, id: signed.id, field: null, cell: null, message: issueMessage("signed-off-changed", { period, by, when, id: signed.id, field: null, cell: null }) });
        continue;
      }
      const is = actionFingerprints(a);
      for (const field of FIELDS) {
        if (is[field] === signed.fingerprints[field] || later(key, field)) continue;
        const cell = a.cells[field] ?? null;
        out.push({ period, id: a.id, field, cell, message: issueMessage("signed-off-changed", { period, by, when, id: a.id, field, cell }) });
      }
    }
  }
  return out;
}

/** The signed-off values changed since, as Check's issues (warnings, on the changed cell, else on the sheet). */
export function signedOffIssues(sheet: string, actions: readonly Action[], records: readonly SignOff[], log: readonly ChangeLogEntry[] = []): Issue[] {
  const byPeriod = new Map(records.map((r) => [r.period, r]));
  return signedOffChanges(actions, records, log).map((c) => {
    const r = byPeriod.get(c.period)!;
    return raise("warning", "signed-off-changed", sheet, c.cell, { period: r.period, by: r.by, when: r.when, id: c.id, field: c.field, cell: c.cell });
  });
}

/** The Change log's row for a sign-off, as both hosts write it (`source`: "delivery-plan sign-off", "task pane"). */
export function signOffLogRow(record: Pick<SignOff, "period" | "by"> & { actions: number | readonly unknown[] }, when: string, source: string): string[] {
  const actions = typeof record.actions === "number" ? record.actions : record.actions.length;
  return [when, record.period, "all actions", "sign-off", "", `signed off by ${record.by}: ${actions} actions' status, RAG and update`, source];
}
