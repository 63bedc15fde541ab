/**
 * The returns read back: a return's sheet as rows (pure, from its grid), each
 * return compared with the master tracker, and the plan of a merge: per action
 * old → new status, RAG and update, the conflicts said in plain words (nothing
 * is written for any of them), the cells to write and the change log's rows.
 */
import type { Action, Tracker } from "../issues/schema";
import { GridView, a1, columnNumber } from "../sheet/grid";
import type { SheetGrid } from "../sheet/grid";
import { leadKey } from "../words/leads";
import { RAGS, wordKey } from "../words/vocabulary";
import type { Lexicon } from "../words/vocabulary";
import { FIELD_WORDS, leadsOfAction, normalText, returnRow, rowHash } from "./requests";
import type { ReturnField, ReturnKey, ReturnRow } from "./requests";

/** A column of a return's sheet: the row's locked fields, then this period's. */
export interface ReturnColumn {
  key: keyof ReturnRow | `new-${ReturnField}`;
  header: string;
  locked: boolean;
  width: number;
}

const LAST: Record<ReturnField, string> = { status: "Last period's status", rag: "Last period's RAG", update: "Last period's update" };
const NEW: Record<ReturnField, string> = { status: "This period: status", rag: "This period: RAG", update: "This period: update" };
const WIDTH: Record<ReturnField, number> = { status: 16, rag: 12, update: 60 };

export function returnColumns(fields: readonly ReturnField[]): ReturnColumn[] {
  return [
    { key: "id", header: "Reference", locked: true, width: 11 },
    { key: "action", header: "Action", locked: true, width: 50 },
    { key: "timeframe", header: "Timeframe", locked: true, width: 14 },
    ...fields.map((f): ReturnColumn => ({ key: f, header: LAST[f], locked: true, width: WIDTH[f] })),
    ...fields.map((f): ReturnColumn => ({ key: `new-${f}`, header: NEW[f], locked: false, width: WIDTH[f] })),
  ];
}

/** A cell of a return as read: its address, its text, and whether it holds a formula. */
export interface ReturnCell {
  cell: string;
  text: string;
  formula: boolean;
}

export interface ReturnedRow {
  row: number;
  id: string;
  locked: Record<keyof ReturnRow, ReturnCell>;
  given: Partial<Record<ReturnField, ReturnCell>>;
}

/** A return as read from its file: the key and its rows. */
export interface ReturnRead {
  /** The file's name as the officer gave it (for the messages and the change log). */
  file: string;
  key: ReturnKey;
  rows: ReturnedRow[];
}

/** Why a return's sheet cannot be read as one (its headers are not those sent): a refusal, not a conflict. */
export type ReturnSheetResult = { ok: true; rows: ReturnedRow[] } | { ok: false; message: string };

/** A return's rows from its sheet's grid, by the layout the key names. `formulas` holds the cells that hold a formula. */
export function readReturnSheet(grid: SheetGrid, key: ReturnKey, formulas: ReadonlySet<string>): ReturnSheetResult {
  const view = new GridView(grid);
  const columns = returnColumns(key.fields);
  for (let i = 0; i < columns.length; i++) {
    const found = view.text(key.headerRow, i + 1);
    if (normalText(found).toLowerCase() !== columns[i].header.toLowerCase())
      return { ok: false, message: `its sheet "${key.sheet}" does not have the columns it was sent with (${a1(key.headerRow, i + 1)} should read "${columns[i].header}")` };
  }
  const rows: ReturnedRow[] = [];
  for (let r = key.headerRow + 1; r <= view.lastRow; r++) {
    const cells = columns.map((c, i): ReturnCell => {
      const cell = a1(r, i + 1);
      return { cell, text: view.text(r, i + 1), formula: formulas.has(cell) };
    });
    if (cells.every((c) => c.text === "" && !c.formula)) continue;
    const locked = {} as Record<keyof ReturnRow, ReturnCell>;
    const given: ReturnedRow["given"] = {};
    columns.forEach((c, i) => {
      if (c.locked) locked[c.key as keyof ReturnRow] = cells[i];
      else given[c.key.slice(4) as ReturnField] = cells[i];
    });
    for (const f of ["status", "rag", "update"] as const) locked[f] ??= { cell: "", text: "", formula: false };
    rows.push({ row: r, id: locked.id.text, locked, given });
  }
  return { ok: true, rows };
}

export type ConflictCode =
  | "master-changed"
  | "other-tracker"
  | "other-round"
  | "not-their-row"
  | "locked-edited"
  | "action-added"
  | "action-missing"
  | "returns-disagree"
  | "not-in-vocabulary"
  | "formula";

export interface ReturnConflict {
  code: ConflictCode;
  /** The return's file (for two returns that disagree: the first of them). */
  file: string;
  lead: string;
  id: string | null;
  field: ReturnField | null;
  /** The return's cell, when one cell is the cause. */
  cell: string | null;
  message: string;
}

/** One field of one action changed by a return. */
export interface FieldChange {
  id: string;
  field: ReturnField;
  old: string;
  new: string;
  /** The master's cell written, and the text written there (always as text). */
  cell: string;
  text: string;
  lead: string;
  file: string;
}

export interface MergePlan {
  /** The round merged. */
  period: string;
  changes: FieldChange[];
  conflicts: ReturnConflict[];
  /** Each return: whose, for which round, and whether any of it could be merged. */
  returns: { file: string; lead: string; period: string; refused: boolean }[];
}

export interface MergeInput {
  tracker: Tracker;
  actions: readonly Action[];
  grid: SheetGrid;
  lexicon: Lexicon;
  returns: readonly ReturnRead[];
  /** The round to merge (default: the round most returns are for). */
  period?: string;
  /** The organisation's own words (its words sheet, --words): written as they are, not as the usual word they mean. */
  ownWords?: Partial<Record<"status" | "rag", readonly string[]>>;
}

const quoted = (text: string, max = 60) => {
  const one = text.replace(/\s+/g, " ").trim();
  return `"${one.length > max ? `${one.slice(0, max - 1)}…` : one}"`;
};

const LOCKED_WORDS: Record<keyof ReturnRow, string> = {
  id: "reference",
  action: "action text",
  timeframe: "timeframe",
  status: "last period's status",
  rag: "last period's RAG",
  update: "last period's update",
};

/** The round most returns are for (the first such, in the order given). */
function commonRound(returns: readonly ReturnRead[]): string {
  const counts = new Map<string, number>();
  for (const r of returns) counts.set(r.key.period, (counts.get(r.key.period) ?? 0) + 1);
  let best = returns[0]?.key.period ?? "";
  for (const [p, n] of counts) if (n > (counts.get(best) ?? 0)) best = p;
  return best;
}

/** A RAG typed beside a direction in one cell ("Green ↑"): the new RAG word, and the direction kept. */
function ragInSharedCell(rag: string, existing: string): string {
  const rest = existing.replace(new RegExp(`^\\s*(${RAGS.join("|")})\\b[\\s:,-]*`, "i"), "").trim();
  return rest ? `${rag} ${rest}` : rag;
}

export function planMerge(input: MergeInput): MergePlan {
  const { tracker, actions, grid, lexicon } = input;
  const period = input.period?.trim() || commonRound(input.returns);
  const byId = new Map(actions.map((a) => [a.id.toUpperCase(), a]));
  const column = (f: string) => tracker.columns.find((c) => c.field === f)?.column;
  const sharedRag = column("rag") !== undefined && column("rag") === column("direction");
  const view = new GridView(grid);
  const conflicts: ReturnConflict[] = [];
  const returns: MergePlan["returns"] = [];
  const candidates = new Map<string, FieldChange[]>();

  for (const ret of input.returns) {
    const { key, file } = ret;
    const lead = key.lead;
    const say = (code: ConflictCode, message: string, more: Partial<ReturnConflict> = {}) =>
      conflicts.push({ code, file, lead, id: null, field: null, cell: null, message, ...more });
    const known = key.rows.filter((r) => byId.has(r.id.toUpperCase())).length;
    if (key.tracker.sheet !== tracker.sheet || known * 2 < key.rows.length || (key.rows.length === 0 && ret.rows.length > 0)) {
      say("other-tracker", `${file} is a return for another tracker (${quoted(key.tracker.file)}, sheet ${quoted(key.tracker.sheet)}), not this one (sheet ${quoted(tracker.sheet)}): nothing of it is merged.`);
      returns.push({ file, lead, period: key.period, refused: true });
      continue;
    }
    if (key.period !== period) {
      say("other-round", `${file} is ${lead}'s return for ${quoted(key.period)}, not for the round being merged, ${quoted(period)}: nothing of it is merged.`);
      returns.push({ file, lead, period: key.period, refused: true });
      continue;
    }
    returns.push({ file, lead, period: key.period, refused: false });
    const sent = new Map(key.rows.map((r) => [r.id.toUpperCase(), r.hash]));
    const seen = new Set<string>();
    for (const row of ret.rows) {
      const id = row.id;
      const up = id.toUpperCase();
      if (!sent.has(up) || seen.has(up)) {
        say("action-added", `${file}: row ${row.row} holds ${id ? quoted(id, 20) : "an action without a reference"}, which ${seen.has(up) ? "is there twice" : `was not sent to ${lead}`}; it is not merged.`, { id: id || null, cell: row.locked.id.cell });
        continue;
      }
      seen.add(up);
      const master = byId.get(up)!;
      if (!master || !leadsOfAction(master, grid, tracker, key.by).some((l) => leadKey(l) === leadKey(lead))) {
        say("not-their-row", `${file}: ${id} (row ${row.row}) is not ${lead}'s action in the tracker, so it is not merged: a return changes only its own lead's actions.`, { id, cell: row.locked.id.cell });
        continue;
      }
      const formulaCells = [...Object.values(row.locked), ...Object.values(row.given)].filter((c): c is ReturnCell => !!c && c.formula);
      if (formulaCells.length) {
        for (const c of formulaCells)
          say("formula", `${file}: ${c.cell} (${id}) holds a formula, not typed text, so nothing of ${id} is merged from this return; a formula is never written into the tracker. Ask ${lead} to type the value.`, { id, cell: c.cell });
        continue;
      }
      const now = returnRow(master);
      const masterHash = rowHash(now);
      const asRead: ReturnRow = {
        id,
        action: row.locked.action.text,
        timeframe: row.locked.timeframe.text,
        status: key.fields.includes("status") ? row.locked.status.text : now.status,
        rag: key.fields.includes("rag") ? row.locked.rag.text : now.rag,
        update: key.fields.includes("update") ? row.locked.update.text : now.update,
      };
      if (rowHash(asRead) !== sent.get(up)) {
        // Which cell: when the master is as it was sent, the cell that differs from it.
        const edited = masterHash === sent.get(up) ? (Object.keys(LOCKED_WORDS) as (keyof ReturnRow)[]).find((k) => normalText(asRead[k]) !== normalText(now[k])) : undefined;
        const where = edited && row.locked[edited].cell ? `the locked cell ${row.locked[edited].cell} (${id}'s ${LOCKED_WORDS[edited]})` : `a locked cell of ${id} (row ${row.row})`;
        say("locked-edited", `${file}: ${where} was changed in the return, so nothing of ${id} is merged from it. Ask ${lead} to fill in only the "This period" cells.`, {
          id,
          cell: edited ? row.locked[edited].cell || null : null,
        });
        continue;
      }
      if (masterHash !== sent.get(up)) {
        say("master-changed", `${file}: ${id} has changed in the tracker since the request went out to ${lead}, so ${lead}'s return for it is not merged. Compare the two, then type what is right in the tracker or ask ${lead} again.`, { id });
        continue;
      }
      for (const field of key.fields) {
        const given = row.given[field];
        if (!given || given.text === "") continue;
        const cell = master.cells[field];
        if (!cell) continue;
        const m = /^([A-Z]+)(\d+)$/.exec(cell)!;
        const cellText = view.text(Number(m[2]), columnNumber(m[1]));
        // An update's old value is its cell's: an action's update may run on over its sub-activity rows, which keep theirs.
        const old = field === "status" ? (master.status ?? "") : field === "rag" ? (master.rag ?? "") : normalText(cellText);
        let value = normalText(given.text);
        let same: boolean;
        if (field === "update") same = value === old;
        else {
          const match = field === "status" ? lexicon.status(value) : lexicon.rag(value);
          if (!match) {
            const words = field === "status" ? "a status word" : "a RAG word";
            say("not-in-vocabulary", `${file}: ${given.cell} gives ${id}'s ${FIELD_WORDS[field]} as ${quoted(value)}, which is not ${words} of the tracker's; it is not merged. Choose a word from the cell's list.`, { id, field, cell: given.cell });
            continue;
          }
          // "Signed off", the organisation's own word for Completed, is written as itself; "red" as "Red".
          const own = input.ownWords?.[field]?.find((w) => wordKey(w) === wordKey(value));
          same = match.canonical === old;
          value = own ?? match.canonical;
        }
        if (same) continue;
        const text = field === "rag" && sharedRag ? ragInSharedCell(value, cellText) : value;
        const k = `${up}\u0000${field}`;
        candidates.set(k, [...(candidates.get(k) ?? []), { id: master.id, field, old, new: value, cell, text, lead, file }]);
      }
    }
    for (const [up] of sent)
      if (!seen.has(up)) say("action-missing", `${file}: ${key.rows.find((r) => r.id.toUpperCase() === up)?.id ?? up} was sent to ${lead} but is missing from the return; the tracker keeps what it had.`, { id: up });
  }

  const changes: FieldChange[] = [];
  for (const list of candidates.values()) {
    const values = [...new Set(list.map((c) => c.new))];
    if (values.length === 1) {
      changes.push(list[0]);
      continue;
    }
    const [a, b] = [list[0], list.find((c) => c.new !== list[0].new)!];
    conflicts.push({
      code: "returns-disagree",
      file: a.file,
      lead: a.lead,
      id: a.id,
      field: a.field,
      cell: a.cell,
      message: `${a.id}'s ${FIELD_WORDS[a.field]} differs between ${a.file} (${a.lead}: ${quoted(a.new, 40)}) and ${b.file} (${b.lead}: ${quoted(b.new, 40)}): neither is merged. Agree one with both leads and type it in the tracker.`,
    });
  }
  const order = new Map(actions.map((a, i) => [a.id, i]));
  const fieldOrder: Record<ReturnField, number> = { status: 0, rag: 1, update: 2 };
  changes.sort((x, y) => (order.get(x.id) ?? 0) - (order.get(y.id) ?? 0) || fieldOrder[x.field] - fieldOrder[y.field]);
  return { period, changes, conflicts, returns };
}

/** The change log's columns, and one row per changed field. */

export function changeLogRows(plan: MergePlan, when: string): string[][] {
  return plan.changes.map((c) => [when, plan.period, c.id, FIELD_WORDS[c.field], c.old, c.new, `return from ${c.lead}, ${c.file}`]);
}

/** The round's state: who replied, who has not, and the actions still without a new update (the chase list). */
export interface RoundStatus {
  period: string;
  replied: { lead: string; file: string }[];
  notReplied: { lead: string; actions: string[] }[];
  chase: { id: string; leads: string[] }[];
}

export function roundStatus(input: { tracker: Tracker; actions: readonly Action[]; grid: SheetGrid; by: "lead" | "deliveryLead" }, plan: MergePlan): RoundStatus {
  const replied = plan.returns.filter((r) => !r.refused).map((r) => ({ lead: r.lead, file: r.file }));
  const repliedKeys = new Set(replied.map((r) => leadKey(r.lead)));
  const updated = new Set(plan.changes.filter((c) => c.field === "update").map((c) => c.id.toUpperCase()));
  const notReplied = new Map<string, { lead: string; actions: string[] }>();
  const chase: RoundStatus["chase"] = [];
  for (const a of input.actions) {
    const leads = leadsOfAction(a, input.grid, input.tracker, input.by);
    for (const l of leads)
      if (!repliedKeys.has(leadKey(l))) {
        const entry = notReplied.get(leadKey(l)) ?? { lead: l, actions: [] };
        entry.actions.push(a.id);
        notReplied.set(leadKey(l), entry);
      }
    if (!updated.has(a.id.toUpperCase())) chase.push({ id: a.id, leads });
  }
  return { period: plan.period, replied, notReplied: [...notReplied.values()], chase };
}
