/**
 * Header words: which column of a tracker holds which field, and which row is
 * the header row (trackers put titles, notes and keys above it).
 */
import { z } from "zod";
import { GridView, columnNumber } from "../sheet/grid";
import { Lexicon } from "./vocabulary";

export const FIELDS = [
  "id",
  "theme",
  "action",
  "lead",
  "deliveryLead",
  "status",
  "rag",
  "direction",
  "update",
  "timeframe",
  "references",
  "response",
] as const;
export const FieldSchema = z.enum(FIELDS);
export type Field = z.infer<typeof FieldSchema>;

/** Fields that may take several columns (plan page, annual-report ref…). */
export const MULTI_COLUMN_FIELDS: ReadonlySet<Field> = new Set<Field>(["references"]);

export const FIELD_LABEL: Record<Field, string> = {
  id: "Reference",
  theme: "Theme",
  action: "Action",
  lead: "Lead",
  deliveryLead: "Delivery lead",
  status: "Status",
  rag: "RAG",
  direction: "Direction of travel",
  update: "Update",
  timeframe: "Timeframe",
  references: "References",
  response: "Response",
};

/** Split a header into lower-case words: "OPCC L'd" → ["opcc", "ld"]. */
export function headerWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/['’‘`]/g, "")
    .replace(/&/g, " and ")
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** The key headers are matched by, case, punctuation and spaces ignored: "D'vry Lead" → "dvrylead". */
export function headerMatchKey(text: string): string {
  // In one pass for ASCII text (and ’ ‘), as headerWords would give it; any other character's lower case is left to headerWords.
  let key = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if ((ch >= 97 && ch <= 122) || (ch >= 48 && ch <= 57)) key += text[i];
    else if (ch >= 65 && ch <= 90) key += String.fromCharCode(ch + 32);
    else if (ch === 38) key += "and";
    else if (ch >= 128 && ch !== 0x2018 && ch !== 0x2019) return headerWords(text).join("");
  }
  return key;
}

/**
 * Whole headers seen in real trackers (samples and seeds). Compared by headerMatchKey.
 * A header may name two fields ("Delivery Status / Direction of travel").
 */
// No prototype: a header that reads "constructor" or "toString" is just an unknown header.
const EXACT: Record<string, Field[]> = Object.create(null) as Record<string, Field[]>;
/** The same headers as written, with their fields (for tests that generate trackers). */
export const KNOWN_HEADERS: { header: string; fields: readonly Field[] }[] = [];
function exact(fields: Field[], ...headers: string[]) {
  for (const h of headers) {
    EXACT[headerMatchKey(h)] = fields;
    KNOWN_HEADERS.push({ header: h, fields });
  }
}
exact(["id"], "CSCJ Plan priority", "REF", "Ref", "Ref.", "No.", "No", "Number", "Ref No", "Reference", "ID", "Action ref", "Action no", "#", "Minute item", "Minute no", "Minute ref", "Item no", "Rec no.", "Rec no", "Rec ref", "Recommendation number", "Recommendation no", "Recommendation ref", "Recommendation reference", "AFI no", "AFI ref");
exact(["action"], "Action", "Actions", "P & CP - Priority Actions", "MAIN ACTION", "Priority action", "Activity", "Activities", "Objective", "Commitment", "Project", "Projects", "Project name", "Milestone", "Milestones", "Deliverable", "Initiative");
// Recommendation and audit trackers (HMICFRS recommendations and areas for improvement, audit recommendations, Panel action lists).
exact(["action"], "Recommendation", "Recommendations", "Area for improvement", "Areas for improvement", "AFI", "Recommendation / area for improvement", "Audit recommendation", "Action required", "Action agreed", "Agreed action", "Action to be taken", "Action point", "Action points");
exact(["lead"], "Addressed to", "Action by", "Actioned by", "Action owner", "Action lead", "Action holder", "Action officer", "Responsible officer", "By whom", "Who", "Owner(s)");
exact(["response"], "Response", "PCC response", "Management response", "Force response", "Accepted?", "Accepted", "Accepted / not accepted", "Accepted / partly accepted / not accepted", "Accepted / rejected", "Agreed / not agreed", "Recommendation accepted", "Recommendation accepted?");
exact(["status"], "Status this reporting period", "Status", "Progress", "Current status", "Progress status");
exact(["rag", "direction"], "Delivery Status /Direction of travel", "RAG / Direction of travel", "RAG and direction");
exact(["rag"], "RAG", "RAG status", "RAG rating", "Delivery status", "BRAG", "Rating");
exact(["direction"], "Direction of travel", "DoT", "Direction", "Trend");
exact(
  ["update"],
  "Explanation / Link to meeting papers",
  "6 month update",
  "OPCC/Partner key delivery activities/work in progress",
  "Update",
  "Commentary",
  "Comments",
  "Progress update",
  "Explanation",
  "Narrative",
);
exact(["timeframe"], "Timeframe for delivery / Completion", "Due", "Deadline", "Timeframe", "Target date", "Due date", "Date", "By when", "Timescale", "Completion date", "Forecast end date", "Forecast completion date", "Forecast date", "End date", "Target end date", "Planned end date", "Expected completion", "When");
exact(["lead"], "OPCC L'd", "1st Lead", "Lead", "Owner", "OPCC lead", "Lead officer", "Responsible", "Responsible officer", "Action owner", "Sponsor", "Project sponsor", "SRO", "Senior responsible officer", "Accountable officer", "Project manager");
exact(["deliveryLead"], "D'vry Lead", "Delivery lead", "Delivery partner", "2nd Lead", "Partner lead");
exact(["theme"], "THEME", "Theme", "Priority", "Pillar", "Strand", "Objective area", "Section");
exact(["references"], "CSCJ Plan page", "20/21 Annual Report", "Plan page", "Page", "Page ref", "Annual report", "Link");

/**
 * Word rules for headers not seen before, tried in order: every word of a rule
 * must appear in the header. Order matters ("Delivery lead" before "Lead").
 */
const RULES: { words: string[]; fields: Field[] }[] = [
  { words: ["direction", "status"], fields: ["rag", "direction"] },
  { words: ["rag", "direction"], fields: ["rag", "direction"] },
  { words: ["delivery", "lead"], fields: ["deliveryLead"] },
  { words: ["partner", "lead"], fields: ["deliveryLead"] },
  { words: ["direction"], fields: ["direction"] },
  { words: ["rag"], fields: ["rag"] },
  { words: ["update"], fields: ["update"] },
  { words: ["commentary"], fields: ["update"] },
  { words: ["comments"], fields: ["update"] },
  { words: ["explanation"], fields: ["update"] },
  { words: ["activities"], fields: ["update"] },
  { words: ["work", "progress"], fields: ["update"] },
  // "Accepted / partially accepted", "Response to recommendation": the response, not the status.
  { words: ["response"], fields: ["response"] },
  { words: ["accepted"], fields: ["response"] },
  { words: ["status"], fields: ["status"] },
  { words: ["progress"], fields: ["status"] },
  { words: ["timeframe"], fields: ["timeframe"] },
  { words: ["deadline"], fields: ["timeframe"] },
  { words: ["due"], fields: ["timeframe"] },
  { words: ["completion"], fields: ["timeframe"] },
  { words: ["forecast"], fields: ["timeframe"] },
  { words: ["end", "date"], fields: ["timeframe"] },
  { words: ["target", "date"], fields: ["timeframe"] },
  { words: ["milestone", "date"], fields: ["timeframe"] },
  { words: ["by", "date"], fields: ["timeframe"] },
  { words: ["lead"], fields: ["lead"] },
  { words: ["owner"], fields: ["lead"] },
  { words: ["sponsor"], fields: ["lead"] },
  { words: ["responsible"], fields: ["lead"] },
  // A header that begins "Action" but names a person ("Action by", "Action owner") is the lead, not the action text.
  { words: ["action", "by"], fields: ["lead"] },
  { words: ["actioned", "by"], fields: ["lead"] },
  { words: ["action", "holder"], fields: ["lead"] },
  { words: ["action", "officer"], fields: ["lead"] },
  { words: ["addressed", "to"], fields: ["lead"] },
  { words: ["page"], fields: ["references"] },
  { words: ["annual", "report"], fields: ["references"] },
  { words: ["ref"], fields: ["id"] },
  { words: ["reference"], fields: ["id"] },
  { words: ["recommendation", "number"], fields: ["id"] },
  { words: ["recommendation", "no"], fields: ["id"] },
  { words: ["rec", "no"], fields: ["id"] },
  { words: ["minute", "item"], fields: ["id"] },
  { words: ["minute", "no"], fields: ["id"] },
  { words: ["recommendation"], fields: ["action"] },
  { words: ["recommendations"], fields: ["action"] },
  { words: ["area", "improvement"], fields: ["action"] },
  { words: ["areas", "improvement"], fields: ["action"] },
  { words: ["action"], fields: ["action"] },
  { words: ["actions"], fields: ["action"] },
  { words: ["project"], fields: ["action"] },
  { words: ["projects"], fields: ["action"] },
  { words: ["milestone"], fields: ["action"] },
  { words: ["theme"], fields: ["theme"] },
  { words: ["priority"], fields: ["theme"] },
];

/** More words than this is a title or a note, not a header. */
const MAX_HEADER_WORDS = 14;

/**
 * The words of `text` with notes in brackets left out, as
 * headerWords(text.replace(/\([^)]*\)?/g, " ")) gives them, from one pass over
 * the characters that makes nothing until the words are known to be few: null
 * once there are more than MAX_HEADER_WORDS (the rest of a long cell is never
 * looked at), and undefined at a character outside ASCII other than ’ and ‘
 * (its lower case is left to headerWords).
 */
function shortHeaderWords(text: string): string[] | null | undefined {
  // First count the words (and see that every character is one this pass knows).
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if ((ch >= 97 && ch <= 122) || (ch >= 48 && ch <= 57) || (ch >= 65 && ch <= 90)) {
      if (!inWord) {
        if (++count > MAX_HEADER_WORDS) return null;
        inWord = true;
      }
    } else if (ch === 39 || ch === 96 || ch === 0x2018 || ch === 0x2019) {
      // Apostrophes are dropped: "L'd" is one word.
    } else if (ch >= 128) {
      return undefined;
    } else {
      inWord = false;
      if (ch === 40) {
        // A note in brackets, to the closing one or the end.
        const close = text.indexOf(")", i + 1);
        if (close < 0) break;
        i = close;
      } else if (ch === 38 && ++count > MAX_HEADER_WORDS) return null; // "&" is the word "and".
    }
  }
  // Few words: make them.
  const words: string[] = [];
  let word = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if ((ch >= 97 && ch <= 122) || (ch >= 48 && ch <= 57)) word += text[i];
    else if (ch >= 65 && ch <= 90) word += String.fromCharCode(ch + 32);
    else if (ch === 39 || ch === 96 || ch === 0x2018 || ch === 0x2019) continue;
    else {
      if (word) words.push(word);
      word = "";
      if (ch === 40) {
        const close = text.indexOf(")", i + 1);
        if (close < 0) break;
        i = close;
      } else if (ch === 38) words.push("and");
    }
  }
  if (word) words.push(word);
  return words;
}

/**
 * The words a header is named by: notes in brackets ("… (text in red denotes
 * progress update)") left out. Null for more than MAX_HEADER_WORDS words: long
 * text is a title or a note, not a header.
 */
export function headerNameWords(text: string): string[] | null {
  const fast = shortHeaderWords(text);
  if (fast !== undefined) return fast;
  const words = headerWords(text.replace(/\([^)]*\)?/g, " "));
  return words.length > MAX_HEADER_WORDS ? null : words;
}

/** The fields a header names, or [] when it names none. */
export function fieldsForHeader(text: string): Field[] {
  const words = headerNameWords(text);
  if (words === null || words.length === 0) return [];
  const byKey = EXACT[words.join("")];
  if (byKey) return byKey;
  for (const rule of RULES) {
    if (rule.words.every((w) => words.includes(w))) return rule.fields;
  }
  return [];
}

export interface ColumnMapping {
  field: Field;
  /** Sheet column number (1-based). */
  column: number;
  header: string;
}

export interface HeaderCandidate {
  row: number;
  score: number;
  mappings: ColumnMapping[];
}

/** How far down a sheet the header row is looked for (titles, notes and keys may come first). */
export const HEADER_SEARCH_ROWS = 100;

const lexicon = new Lexicon();

/**
 * Whether a cell reads like data rather than a header: a status, RAG or
 * direction word ("In progress"), or a sentence ("Postponed due to Covid.").
 */
function looksLikeData(text: string): boolean {
  if (lexicon.lookup(text)) return true;
  return /[.!?]$/.test(text.trim()) && headerWords(text).length > 3;
}

/** Map the cells of one row to fields. Every claim is kept; conflicts are resolved later. */
export function mapHeaderRow(view: GridView, row: number): ColumnMapping[] {
  const out: ColumnMapping[] = [];
  for (let c = view.firstColumn; c <= view.lastColumn; c++) {
    if (view.isCovered(row, c)) continue;
    const value = view.raw(row, c);
    // Headers are text; numbers, dates and data words belong to the table body.
    if (typeof value !== "string") continue;
    const header = value.trim();
    if (!header) continue;
    // The fields first: most cells name none (a long text never does), and then whether it reads like data does not matter.
    const fields = fieldsForHeader(header);
    if (fields.length === 0 || looksLikeData(header)) continue;
    for (const field of fields) out.push({ field, column: c, header });
  }
  return out;
}

/**
 * Score each of the first rows by how many distinct fields its cells name and
 * pick the best. A header must name at least two fields, one of them the action,
 * the reference, the status or the RAG.
 */
export function detectHeaderRow(view: GridView): HeaderCandidate | null {
  let best: HeaderCandidate | null = null;
  const last = Math.min(view.lastRow, view.firstRow + HEADER_SEARCH_ROWS - 1);
  for (let r = view.firstRow; r <= last; r++) {
    const mappings = mapHeaderRow(view, r);
    const fields = new Set(mappings.map((m) => m.field));
    const anchored = ["action", "id", "status", "rag"].some((f) => fields.has(f as Field));
    if (fields.size < 2 || !anchored) continue;
    if (!best || fields.size > best.score) best = { row: r, score: fields.size, mappings };
  }
  return best;
}

/**
 * What the user says about the mapping: a column letter ("C") or the header text
 * for a field, or null to leave the field unmapped.
 */
export const HeaderOverridesSchema = z.partialRecord(FieldSchema, z.union([z.string().min(1), z.null()]));
export type HeaderOverrides = z.infer<typeof HeaderOverridesSchema>;

/** Resolve an override to a column: a letter, or a header text in the header row. */
export function resolveOverride(view: GridView, headerRow: number, target: string): number | null {
  const byHeader = headerMatchKey(target);
  for (let c = view.firstColumn; c <= view.lastColumn; c++) {
    if (byHeader && headerMatchKey(view.text(headerRow, c)) === byHeader) return c;
  }
  const n = columnNumber(target);
  return Number.isNaN(n) ? null : n;
}
