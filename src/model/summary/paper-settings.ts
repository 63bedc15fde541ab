/**
 * The panel paper's settings: the officer's own words and the meeting's
 * details, kept in the workbook so next quarter starts from this quarter's.
 *
 * They live in a sheet named "Panel paper" of label and value rows (both hosts
 * read the same place): column A the setting's label, column B its value, and
 * for a background document column C its link. A paragraph setting takes one
 * row per paragraph (the label repeated, or left empty under the first). The
 * CLI can also be given them as JSON (`--paper-settings FILE.json`), by key.
 *
 * Pure: `paperSettingsFromGrid` reads the sheet's grid, `paperSettingsRows`
 * gives the rows to write it (for the pane's form), `parsePaperSettings`
 * checks a JSON value with zod and says in one line which key is wrong.
 */
import { z } from "zod";
import { GridView } from "../sheet/grid";
import type { CellValue, SheetGrid } from "../sheet/grid";
import { formatLongDate } from "../sheet/timeframe";
import type { ExceptionKind } from "./types";

/** The sheet the settings are kept in. */
export const PAPER_SHEET = "Panel paper";

export interface BackgroundDocument {
  title: string;
  /** A web address (http, https or mailto), when the document has one. */
  url?: string;
}

export interface PaperSettings {
  /** "Cambridgeshire Police and Crime Panel" */
  panel?: string;
  /** "14 November 2018" (a date given as 2018-11-14 is written out). */
  meetingDate?: string;
  /** "9" or "Agenda Item No. 9". */
  agendaItem?: string;
  /** "the Police and Crime Commissioner" (the standard wording when not given). */
  reportOf?: string;
  contactOfficer?: string;
  /** "cambs-pcc@cambs.pnn.police.uk 0300 333 3456" */
  contactDetails?: string;
  /** The Purpose paragraph (the standard wording when not given). */
  purpose?: string;
  /** The Recommendation paragraph (the standard wording when not given). */
  recommendation?: string;
  /** Terms of reference: the section appears only when given. */
  termsOfReference?: string;
  /** Background: paragraphs. */
  background?: string[];
  /** The officer's commentary on the figures: paragraphs. */
  commentary?: string[];
  backgroundDocuments?: BackgroundDocument[];
  organisation?: string;
  /** The reasons that make an action an exception (default: all of them). */
  exceptions?: ExceptionKind[];
  /** How the figures are given: one sentence (default), or the Plan's own list. */
  figures?: "sentence" | "list";
}

export type PaperSettingKey = keyof PaperSettings;

/** Each setting's label in the sheet, in the order the sheet lists them. */
export const PAPER_SETTING_LABELS: Record<PaperSettingKey, string> = {
  organisation: "Organisation",
  panel: "Panel",
  meetingDate: "Meeting date",
  agendaItem: "Agenda item",
  reportOf: "Report of",
  contactOfficer: "Contact officer",
  contactDetails: "Contact details",
  purpose: "Purpose",
  recommendation: "Recommendation",
  termsOfReference: "Terms of reference",
  background: "Background",
  commentary: "Commentary",
  backgroundDocuments: "Background document",
  exceptions: "Exceptions",
  figures: "Figures",
};

const KEYS = Object.keys(PAPER_SETTING_LABELS) as PaperSettingKey[];
const PARAGRAPH_KEYS: readonly PaperSettingKey[] = ["background", "commentary", "backgroundDocuments"];

/** The reasons an action can be an exception, most serious first, and their words. */
export const EXCEPTION_KINDS: readonly ExceptionKind[] = ["red", "deteriorated", "overdue", "no-update", "no-new-update"];
export const EXCEPTION_KIND_WORDS: Record<ExceptionKind, string> = {
  red: "Red",
  deteriorated: "Deteriorated",
  overdue: "Overdue",
  "no-update": "No update",
  "no-new-update": "No new update",
};

/** "No new update", "no-new-update", "no_new_update" → "no-new-update"; null for other words. */
export function exceptionKind(word: string): ExceptionKind | null {
  const w = word.trim().toLowerCase().replace(/[\s_]+/g, "-");
  return (EXCEPTION_KINDS as readonly string[]).includes(w) ? (w as ExceptionKind) : null;
}

const WEB_ADDRESS = /^(?:https?:\/\/[^\s<>"]+|mailto:[^\s<>"]+)$/i;

/** Whether a link may be a live link in the paper: http, https or mailto only (never javascript: or a file). */
export function isWebAddress(url: string): boolean {
  return WEB_ADDRESS.test(url.trim());
}

/** "2018-11-14" → "14 November 2018"; other text as given. */
function meetingDateText(text: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return text.trim();
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text.trim() ? formatLongDate(d) : text.trim();
}

const text = z.string();
const paragraphs = z.union([z.string(), z.array(z.string())]);
const SettingsSchema = z.strictObject({
  panel: text,
  meetingDate: text,
  agendaItem: z.union([z.string(), z.number()]),
  reportOf: text,
  contactOfficer: text,
  contactDetails: text,
  purpose: text,
  recommendation: text,
  termsOfReference: text,
  background: paragraphs,
  commentary: paragraphs,
  backgroundDocuments: z.array(z.strictObject({ title: z.string(), url: z.string().optional() })),
  organisation: text,
  exceptions: z.array(z.string()),
  figures: z.enum(["sentence", "list"]),
}).partial();

/** What each key should be, for a one-line message. */
const EXPECTED: Record<PaperSettingKey, string> = {
  panel: "a text",
  meetingDate: "a text such as \"14 November 2018\" (or 2018-11-14)",
  agendaItem: "a text or a number, such as 9",
  reportOf: "a text",
  contactOfficer: "a text",
  contactDetails: "a text",
  purpose: "a text",
  recommendation: "a text",
  termsOfReference: "a text",
  background: "a text, or a list of paragraphs (texts)",
  commentary: "a text, or a list of paragraphs (texts)",
  backgroundDocuments: 'a list of {"title": "…", "url": "https://…"}',
  organisation: "a text",
  exceptions: `a list of the reasons that count, from ${EXCEPTION_KINDS.map((k) => `"${k}"`).join(", ")}`,
  figures: '"sentence" or "list"',
};

function paragraphList(value: string | string[]): string[] {
  return (Array.isArray(value) ? value : value.split(/\r?\n\s*\r?\n/)).map((p) => p.trim()).filter((p) => p !== "");
}

/** The settings as given, with empty values left out (an empty text is not given). */
function tidy(raw: z.infer<typeof SettingsSchema>): PaperSettings {
  const out: PaperSettings = {};
  const single = ["panel", "reportOf", "contactOfficer", "contactDetails", "purpose", "recommendation", "termsOfReference", "organisation"] as const;
  for (const k of single) if (raw[k]?.trim()) out[k] = raw[k]!.trim();
  if (raw.meetingDate?.trim()) out.meetingDate = meetingDateText(raw.meetingDate);
  if (raw.agendaItem !== undefined && String(raw.agendaItem).trim()) out.agendaItem = String(raw.agendaItem).trim();
  for (const k of ["background", "commentary"] as const) {
    const list = raw[k] === undefined ? [] : paragraphList(raw[k]!);
    if (list.length) out[k] = list;
  }
  const docs = (raw.backgroundDocuments ?? []).filter((d) => d.title.trim()).map((d) => ({ title: d.title.trim(), ...(d.url?.trim() ? { url: d.url.trim() } : {}) }));
  if (docs.length) out.backgroundDocuments = docs;
  if (raw.exceptions) out.exceptions = raw.exceptions.map((w) => exceptionKind(w)!);
  if (raw.figures) out.figures = raw.figures;
  return out;
}

/** Check settings given as JSON (the CLI's --paper-settings file): the settings, or one line naming the key that is wrong. */
export function parsePaperSettings(json: unknown): { ok: true; settings: PaperSettings } | { ok: false; message: string } {
  if (typeof json !== "object" || json === null || Array.isArray(json)) return { ok: false, message: `should be a JSON object of settings, such as {"panel": "…", "contactOfficer": "…"}` };
  const parsed = SettingsSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.map((p, i) => (typeof p === "number" ? `[${p}]` : i ? `.${String(p)}` : String(p))).join("");
    if (issue.code === "unrecognized_keys") {
      const key = issue.keys[0];
      return { ok: false, message: where ? `"${where}.${key}" is not known: a background document has a "title" and a "url"` : `"${key}" is not a paper setting; the settings are ${KEYS.join(", ")}` };
    }
    const key = String(issue.path[0]) as PaperSettingKey;
    return { ok: false, message: `"${where}" should be ${EXPECTED[key] ?? "something else"}` };
  }
  const bad = (parsed.data.exceptions ?? []).find((w) => exceptionKind(w) === null);
  if (bad !== undefined) return { ok: false, message: `"exceptions" has "${bad}": ${EXPECTED.exceptions}` };
  const link = (parsed.data.backgroundDocuments ?? []).findIndex((d) => d.url !== undefined && d.url.trim() !== "" && !isWebAddress(d.url));
  if (link >= 0) return { ok: false, message: `"backgroundDocuments[${link}].url" should be a web address starting https:// (or http://, mailto:)` };
  return { ok: true, settings: tidy(parsed.data) };
}

/** Settings from several places, the later winning key by key (the sheet, then the file, then the command line). */
export function mergePaperSettings(...layers: (PaperSettings | undefined)[]): PaperSettings {
  const out: PaperSettings = {};
  for (const layer of layers) for (const k of KEYS) if (layer?.[k] !== undefined) (out as Record<string, unknown>)[k] = layer[k];
  return out;
}

function normalLabel(label: string): string {
  return label.toLowerCase().replace(/[^a-z]/g, "");
}

/** Each label (and each key, and a plural) as typed in column A, normalised. */
const BY_LABEL = new Map<string, PaperSettingKey>(KEYS.flatMap((k) => [normalLabel(PAPER_SETTING_LABELS[k]), normalLabel(k), `${normalLabel(PAPER_SETTING_LABELS[k])}s`].map((l) => [l, k] as [string, PaperSettingKey])));

function valueText(v: CellValue): string {
  if (v instanceof Date) return formatLongDate(v);
  if (v === null || typeof v === "object") return "";
  return String(v).trim();
}

/** One row of the sheet read into the settings; a problem (one line naming the cell) when it cannot be. */
function readRow(out: PaperSettings, key: PaperSettingKey, value: string, link: string, where: (column: string) => string): string | null {
  if (key === "backgroundDocuments") {
    if (link && !isWebAddress(link)) {
      (out.backgroundDocuments ??= []).push({ title: value || link });
      return `${where("C")}: "${link}" is not a web address (https://…), so it is shown as text, not a link.`;
    }
    if (value || link) (out.backgroundDocuments ??= []).push({ title: value || link, ...(link ? { url: link } : {}) });
    return null;
  }
  if (!value) return null;
  if (key === "background" || key === "commentary") {
    (out[key] ??= []).push(...paragraphList(value));
    return null;
  }
  if (key === "exceptions") {
    const words = value.split(/[,;]/).map((w) => w.trim()).filter(Boolean);
    const bad = words.filter((w) => exceptionKind(w) === null);
    out.exceptions = words.map(exceptionKind).filter((k): k is ExceptionKind => k !== null);
    return bad.length ? `${where("B")}: "${bad[0]}" is not a reason for an exception; use ${EXCEPTION_KINDS.map((k) => EXCEPTION_KIND_WORDS[k]).join(", ")}.` : null;
  }
  if (key === "figures") {
    const f = value.toLowerCase();
    if (f !== "sentence" && f !== "list") return `${where("B")}: "${value}" should be sentence or list.`;
    out.figures = f;
    return null;
  }
  out[key] = key === "meetingDate" ? meetingDateText(value) : value;
  return null;
}

/**
 * The settings in a "Panel paper" sheet: column A the label, B the value, C a
 * background document's link. A row with no label continues the paragraph
 * setting above it. Problems are one line each, naming the cell.
 */
export function paperSettingsFromGrid(grid: SheetGrid): { settings: PaperSettings; problems: string[] } {
  const view = new GridView(grid);
  const first = view.firstColumn;
  const settings: PaperSettings = {};
  const problems: string[] = [];
  let last: PaperSettingKey | null = null;
  for (let r = view.firstRow; r <= view.lastRow; r++) {
    const label = valueText(view.value(r, first));
    const value = valueText(view.value(r, first + 1));
    const link = valueText(view.value(r, first + 2));
    const where = (column: string) => `${grid.name}!${column}${r}`;
    if (!label && !value && !link) continue;
    if (/^(setting|label)s?$/i.test(label) && r === view.firstRow) continue;
    const key: PaperSettingKey | null = label ? (BY_LABEL.get(normalLabel(label)) ?? null) : last && PARAGRAPH_KEYS.includes(last) ? last : null;
    if (!key) {
      problems.push(
        label
          ? `${where("A")}: "${label}" is not a paper setting; the labels are ${KEYS.map((k) => PAPER_SETTING_LABELS[k]).join(", ")}.`
          : `${where("B")}: a value with no label in column A; put the setting's label beside it.`,
      );
      continue;
    }
    last = key;
    const problem = readRow(settings, key, value, link, where);
    if (problem) problems.push(problem);
  }
  return { settings, problems };
}

/** The rows of a "Panel paper" sheet holding these settings (every label, empty where not given), header row first. */
export function paperSettingsRows(settings: PaperSettings): string[][] {
  const rows: string[][] = [["Setting", "Value", "Link"]];
  for (const k of KEYS) {
    const label = PAPER_SETTING_LABELS[k];
    if (k === "background" || k === "commentary") {
      const list = settings[k] ?? [];
      if (list.length === 0) rows.push([label, "", ""]);
      for (const p of list) rows.push([label, p, ""]);
    } else if (k === "backgroundDocuments") {
      const docs = settings.backgroundDocuments ?? [];
      if (docs.length === 0) rows.push([label, "", ""]);
      for (const d of docs) rows.push([label, d.title, d.url ?? ""]);
    } else if (k === "exceptions") rows.push([label, (settings.exceptions ?? []).map((x) => EXCEPTION_KIND_WORDS[x]).join(", "), ""]);
    else rows.push([label, settings[k] ?? "", ""]);
  }
  return rows;
}

/** Whether a sheet's name is the paper's settings sheet ("Panel paper", in any case). */
export function isPaperSheet(name: string): boolean {
  return name.trim().toLowerCase() === PAPER_SHEET.toLowerCase();
}
