/**
 * A quarter's requests: which actions go to which lead, and what each lead's
 * return workbook holds (its rows, the words its drop-down lists offer, and the
 * hidden key that matches the return back to this tracker, this round and each
 * row as it was when sent). Pure: the .xlsx side lays it out (src/xlsx/returns.ts).
 */
import { z } from "zod";
import type { Action, Tracker } from "../issues/schema";
import { GridView, columnNumber } from "../sheet/grid";
import type { SheetGrid } from "../sheet/grid";
import { leadKey, splitLeads } from "../words/leads";
import { ALL_RAGS, RAG_MEANING, STATUSES, isRagPoint } from "../words/vocabulary";

/** The column a request goes by: the tracker's lead (OPCC lead) or its delivery lead. */
export type LeadField = "lead" | "deliveryLead";

/** The fields a lead fills in for this period: those the tracker has a column for. */
export const RETURN_FIELDS = ["status", "rag", "update"] as const;
export type ReturnField = (typeof RETURN_FIELDS)[number];

export const FIELD_WORDS: Record<ReturnField, string> = { status: "status", rag: "RAG", update: "update" };

/**
 * A text's fingerprint: two 32-bit FNV-1a hashes (with different seeds) as 16
 * hex digits. Not a secret: it tells a row changed, nothing more.
 */
export function contentHash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
    b ^= b >>> 13;
  }
  return a.toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0");
}

/** A text as compared: line endings and trailing spaces as any program saves them. */
export function normalText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((l) => l.replace(/\s+$/, ""))
    .join("\n")
    .trim();
}

/** What a return shows of an action, locked: its reference, text, timeframe and last period's status, RAG and update. */
export interface ReturnRow {
  id: string;
  action: string;
  timeframe: string;
  status: string;
  rag: string;
  update: string;
}

export function returnRow(a: Action): ReturnRow {
  return { id: a.id, action: normalText(a.action), timeframe: normalText(a.timeframe), status: a.status ?? "", rag: a.rag ?? "", update: normalText(a.update) };
}

/** The fingerprint of a row as sent: the master's row now has the same one if it has not changed. */
export function rowHash(row: ReturnRow): string {
  return contentHash(JSON.stringify([row.id, normalText(row.action), normalText(row.timeframe), row.status, row.rag, normalText(row.update)]));
}

/** The tracker's identity: its sheet and its actions' references, in order. */
export function trackerFingerprint(tracker: Pick<Tracker, "sheet">, actions: readonly Pick<Action, "id">[]): string {
  return contentHash(JSON.stringify([tracker.sheet, actions.map((a) => a.id)]));
}

export const RETURN_KEY_VERSION = 1;

export const ReturnKeySchema = z.object({
  kind: z.literal("delivery-plan return"),
  version: z.literal(RETURN_KEY_VERSION),
  tracker: z.object({ file: z.string().max(500), sheet: z.string().max(100), fingerprint: z.string().max(40) }),
  period: z.string().max(200),
  sent: z.string().max(40),
  due: z.string().max(40).nullable(),
  lead: z.string().min(1).max(500),
  by: z.enum(["lead", "deliveryLead"]),
  fields: z.array(z.enum(RETURN_FIELDS)).max(3),
  sheet: z.string().max(31),
  headerRow: z.number().int().min(1).max(100),
  rows: z.array(z.object({ id: z.string().max(100), hash: z.string().max(40) })).max(10_000),
});
export type ReturnKey = z.infer<typeof ReturnKeySchema>;

/** One lead's request: who, which actions, the key, and the words offered. */
export interface LeadRequest {
  lead: string;
  /** The return workbook's file name: "cs-november-2018.xlsx". */
  file: string;
  rows: ReturnRow[];
  key: ReturnKey;
}

export interface RequestPlan {
  by: LeadField;
  period: string;
  due: string | null;
  fields: ReturnField[];
  /** The words each drop-down list offers. */
  lists: Partial<Record<"status" | "rag", string[]>>;
  requests: LeadRequest[];
  /** Actions that name no lead in the column gone by: no one is asked for them. */
  unassigned: string[];
}

/**
 * The leads an action goes to: each named in its lead cell, and each named by a
 * sub-activity row of its own (O2's row O2.3 names CS while O2 names CK).
 */
export function leadsOfAction(action: Action, grid: SheetGrid, tracker: Tracker, by: LeadField): string[] {
  const letters = tracker.columns.find((c) => c.field === by)?.column;
  const view = new GridView(grid);
  const cells = letters ? action.rows.map((r) => view.text(r, columnNumber(letters))) : [];
  const texts = cells.length ? cells : [by === "lead" ? action.lead : action.deliveryLead];
  const out: string[] = [];
  const seen = new Set<string>();
  for (const text of texts)
    for (const lead of splitLeads(text)) {
      const key = leadKey(lead);
      if (!seen.has(key)) {
        seen.add(key);
        out.push(lead);
      }
    }
  return out;
}

/** A name safe in a file name on every system: "cs", "county-council-da". */
export function fileSlug(text: string): string {
  const slug = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
  return slug || "lead";
}

export interface RequestInput {
  tracker: Tracker;
  actions: readonly Action[];
  grid: SheetGrid;
  /** The tracker's file name, as the key records it. */
  file: string;
  by: LeadField;
  period: string;
  due: string | null;
  /** When the requests are made (ISO date). */
  sent: string;
  /** The organisation's own words for the lists, beside the usual ones. */
  ownWords?: Partial<Record<"status" | "rag", readonly string[]>>;
}

/** The sheet a return's rows are on, and the row its headers are in. */
export const RETURN_SHEET = "Your actions";
export const RETURN_HEADER_ROW = 4;

/** The fields the tracker has a column of its own for (a RAG sharing the direction's column is written beside it). */
export function returnFields(tracker: Tracker): ReturnField[] {
  return RETURN_FIELDS.filter((f) => tracker.columns.some((c) => c.field === f));
}

export function requestPlan(input: RequestInput): RequestPlan {
  const { tracker, actions, grid, by } = input;
  const fields = returnFields(tracker);
  const byLead = new Map<string, { lead: string; actions: Action[] }>();
  const unassigned: string[] = [];
  for (const a of actions) {
    const leads = leadsOfAction(a, grid, tracker, by);
    if (!leads.length) unassigned.push(a.id);
    for (const lead of leads) {
      const k = leadKey(lead);
      const entry = byLead.get(k) ?? { lead, actions: [] };
      entry.actions.push(a);
      byLead.set(k, entry);
    }
  }
  const fingerprint = trackerFingerprint(tracker, actions);
  const usedFiles = new Set<string>();
  const periodSlug = fileSlug(input.period);
  const requests: LeadRequest[] = [...byLead.values()]
    .sort((x, y) => y.actions.length - x.actions.length || x.lead.localeCompare(y.lead))
    .map(({ lead, actions: mine }) => {
      let file = `${fileSlug(lead)}-${periodSlug}.xlsx`;
      for (let n = 2; usedFiles.has(file.toLowerCase()); n++) file = `${fileSlug(lead)}-${n}-${periodSlug}.xlsx`;
      usedFiles.add(file.toLowerCase());
      const rows = mine.map(returnRow);
      const key: ReturnKey = {
        kind: "delivery-plan return",
        version: RETURN_KEY_VERSION,
        tracker: { file: input.file, sheet: tracker.sheet, fingerprint },
        period: input.period,
        sent: input.sent,
        due: input.due,
        lead,
        by,
        fields,
        sheet: RETURN_SHEET,
        headerRow: RETURN_HEADER_ROW,
        rows: rows.map((r) => ({ id: r.id, hash: rowHash(r) })),
      };
      return { lead, file, rows, key };
    });
  const used = new Set(actions.map((a) => a.rag).filter((r) => r !== null));
  const own = (field: "status" | "rag") => [...(input.ownWords?.[field] ?? [])];
  const lists: RequestPlan["lists"] = {};
  if (fields.includes("status")) lists.status = [...new Set([...STATUSES, ...own("status")])];
  // On a five-point scale both points are offered, between their neighbours.
  const fivePoint = tracker.ragScale === "five-point";
  if (fields.includes("rag")) lists.rag = [...new Set([...ALL_RAGS.filter((r) => RAG_MEANING[r].usual || used.has(r) || (fivePoint && isRagPoint(r))), ...own("rag")])];
  return { by, period: input.period, due: input.due, fields, lists, requests, unassigned };
}

/** "20 December 2026" from "2026-12-20". */
export function longDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
  return `${Number(m[3])} ${months[Number(m[2]) - 1]} ${m[1]}`;
}

/** "status, RAG and update". */
export function askedWords(plan: Pick<RequestPlan, "fields">): string {
  const asked = plan.fields.map((f) => FIELD_WORDS[f]);
  return asked.length > 1 ? `${asked.slice(0, -1).join(", ")} and ${asked[asked.length - 1]}` : (asked[0] ?? "nothing");
}

/** The instructions sheet's lines, in plain words. */
export function instructions(plan: RequestPlan, request: LeadRequest, sendTo: string | null): string[] {
  const askedText = askedWords(plan);
  return [
    `Delivery plan update for ${plan.period}: ${request.lead}`,
    "",
    `This workbook holds the ${request.rows.length} action${request.rows.length === 1 ? "" : "s"} of the delivery plan that name you as lead, on the sheet "${RETURN_SHEET}".`,
    `For each action, fill in this period's ${askedText} in the columns headed "This period". Leave a cell empty if nothing has changed.`,
    ...(plan.lists.status || plan.lists.rag
      ? [`The ${plan.lists.status && plan.lists.rag ? "status and RAG cells take" : plan.lists.status ? "status cells take" : "RAG cells take"} a word from their drop-down list; anything else is refused.`]
      : []),
    "The other columns show what the plan said last period. They are locked: please do not change them, add rows or remove rows.",
    "Type plain text: a formula is not taken.",
    plan.due ? `Please send this workbook back by ${longDate(plan.due)}${sendTo ? ` to ${sendTo}` : " to the officer who sent it"}.` : `Please send this workbook back${sendTo ? ` to ${sendTo}` : " to the officer who sent it"}.`,
    "Send back this same file, saved as an Excel workbook (.xlsx). Excel and LibreOffice both keep what it needs.",
  ];
}

/** An email ready to paste: who, which actions, by when. */
export function requestEmail(plan: RequestPlan, request: LeadRequest, sendTo: string | null): string {
  const ids = request.rows.map((r) => r.id);
  const asked = askedWords(plan);
  return [
    `To: ${request.lead}`,
    `Subject: Delivery plan update for ${plan.period}${plan.due ? `, by ${longDate(plan.due)}` : ""}`,
    `Attach: ${request.file}`,
    "",
    `Dear ${request.lead},`,
    "",
    `Please give this period's ${asked} for the ${ids.length === 1 ? "action" : `${ids.length} actions`} you lead in the delivery plan: ${ids.join(", ")}.`,
    `They are in the attached workbook, ${request.file}, with what the plan said last period. Fill in the columns headed "This period" and send the same file back${plan.due ? ` by ${longDate(plan.due)}` : ""}${sendTo ? ` to ${sendTo}` : ""}.`,
    "",
    "Thank you.",
  ].join("\n");
}
