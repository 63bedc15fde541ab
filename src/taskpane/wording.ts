/**
 * How the pane says status, RAG, direction and severity: always a word, with a
 * glyph beside it, and colour only as a second cue (never alone). Each table is
 * keyed by the vocabulary's own words: a status, RAG or direction without its
 * words here does not build.
 */
import { RAG_COLOURS } from "../model";
import type { DirectionKey, IssueCode, RagKey, Severity, StatusKey } from "../model";

export interface Word {
  /** The word shown (and read by screen readers). */
  label: string;
  /** A glyph shown before the word, hidden from screen readers (the word says it). */
  glyph: string;
  /** A swatch colour beside the word, or null. */
  swatch: string | null;
}

const NOT_SET: Word = { label: "Not set", glyph: "–", swatch: null };

export const STATUS_WORD: Record<StatusKey, Word> = {
  Completed: { label: "Completed", glyph: "✓", swatch: null },
  "In progress": { label: "In progress", glyph: "◐", swatch: null },
  "On hold": { label: "On hold", glyph: "‖", swatch: null },
  "Not yet started": { label: "Not yet started", glyph: "○", swatch: null },
  Closed: { label: "Closed (not delivered)", glyph: "⊘", swatch: null },
  "Not set": NOT_SET,
};

export const RAG_WORD: Record<RagKey, Word> = {
  Red: { label: "Red", glyph: "●", swatch: RAG_COLOURS.Red.fill },
  Amber: { label: "Amber", glyph: "●", swatch: RAG_COLOURS.Amber.fill },
  Green: { label: "Green", glyph: "●", swatch: RAG_COLOURS.Green.fill },
  Blue: { label: "Blue", glyph: "●", swatch: RAG_COLOURS.Blue.fill },
  White: { label: "White (not started)", glyph: "○", swatch: RAG_COLOURS.White.fill },
  "Amber/Red": { label: "Amber/Red", glyph: "●", swatch: RAG_COLOURS["Amber/Red"].fill },
  "Amber/Green": { label: "Amber/Green", glyph: "●", swatch: RAG_COLOURS["Amber/Green"].fill },
  "Not set": NOT_SET,
};

/** A direction of travel, and the actions no longer in the tracker (counted beside them). */
export const DIRECTION_WORD: Record<DirectionKey | "removed", Word> = {
  improved: { label: "Improved", glyph: "↑", swatch: null },
  deteriorated: { label: "Deteriorated", glyph: "↓", swatch: null },
  unchanged: { label: "No change", glyph: "↔", swatch: null },
  new: { label: "New", glyph: "+", swatch: null },
  removed: { label: "No longer in the tracker", glyph: "×", swatch: null },
  "Not set": NOT_SET,
};

export const SEVERITY_WORD: Record<Severity, { label: string; plural: string; glyph: string }> = {
  error: { label: "Error", plural: "errors", glyph: "✕" },
  warning: { label: "Warning", plural: "warnings", glyph: "⚠" },
  info: { label: "Note", plural: "notes", glyph: "ℹ" },
};

/** "1 action", "97 actions", "no actions". */
export function plural(n: number, one: string, many = `${one}s`): string {
  if (n === 0) return `no ${many}`;
  return `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;
}

/** Each kind of issue as officers would say it: one for every IssueCode (a new code without its words does not build). */
export const ISSUE_KIND: Record<IssueCode, string> = {
  "no-tracker": "No tracker found",
  "no-delivery-column": "No status or RAG column",
  "column-mapped-twice": "Column used twice",
  "mapped-by-content": "Column read by what it holds",
  "mapping-not-found": "Mapped column not found",
  "missing-reference": "Missing reference",
  "missing-value": "Missing status or RAG",
  "missing-action-text": "Missing action text",
  "unknown-value": "Word not recognised",
  "non-canonical": "Unusual spelling",
  "wrong-column": "In the wrong column",
  "duplicate-reference": "Reference used twice",
  "error-value": "Excel error in a cell",
  "rag-from-fill": "RAG shown only by colour",
  "no-actions": "No actions under the header",
  "no-action-column": "No action column",
  "group-heading": "Heading of a group of actions",
  "key-read": "The sheet's own key",
  "guessed-reading": "A guess to confirm",
  "completed-but-behind": "Completed but not Green",
  "not-started-but-green": "Not started but Green",
  "no-update": "Red or Amber with no update",
  overdue: "Overdue",
  "timeframe-unread": "Timeframe not understood",
  "direction-contradicts": "Arrow contradicts the comparison",
  "signed-off-changed": "Changed since signed off",
};

export function issueKind(code: IssueCode): string {
  return ISSUE_KIND[code];
}

/**
 * The reporting quarter of a date in the UK public sector's financial year
 * (April to March): 23 November 2026 → "Q3 2026/27", 10 February 2027 → "Q4 2026/27".
 */
export function suggestPeriod(date: Date): string {
  const month = date.getMonth(); // 0 = January
  const start = month >= 3 ? date.getFullYear() : date.getFullYear() - 1;
  const quarter = Math.floor(((month + 9) % 12) / 3) + 1;
  return `Q${quarter} ${start}/${String((start + 1) % 100).padStart(2, "0")}`;
}
