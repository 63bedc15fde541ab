/**
 * How the pane says status, RAG, direction and severity: always a word, with a
 * glyph beside it, and colour only as a second cue (never alone).
 */
import { RAG_COLOURS } from "../model/formatting";
import type { Severity } from "./host";

export interface Word {
  /** The word shown (and read by screen readers). */
  label: string;
  /** A glyph shown before the word, hidden from screen readers (the word says it). */
  glyph: string;
  /** A swatch colour beside the word, or null. */
  swatch: string | null;
}

const NOT_SET: Word = { label: "Not set", glyph: "–", swatch: null };

export const STATUS_WORD: Record<string, Word> = {
  Completed: { label: "Completed", glyph: "✓", swatch: null },
  "In progress": { label: "In progress", glyph: "◐", swatch: null },
  "On hold": { label: "On hold", glyph: "‖", swatch: null },
  "Not yet started": { label: "Not yet started", glyph: "○", swatch: null },
  "Not set": NOT_SET,
};

export const RAG_WORD: Record<string, Word> = {
  Red: { label: "Red", glyph: "●", swatch: RAG_COLOURS.Red.fill },
  Amber: { label: "Amber", glyph: "●", swatch: RAG_COLOURS.Amber.fill },
  Green: { label: "Green", glyph: "●", swatch: RAG_COLOURS.Green.fill },
  Blue: { label: "Blue", glyph: "●", swatch: RAG_COLOURS.Blue.fill },
  White: { label: "White (not started)", glyph: "○", swatch: RAG_COLOURS.White.fill },
  "Not set": NOT_SET,
};

export const DIRECTION_WORD: Record<string, Word> = {
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
  return `${n} ${n === 1 ? one : many}`;
}

/** "F12", "F12 and F13", "F12, F13 and F14", "F12, F13, F14 and 7 more". */
export function cellList(cells: readonly string[], max = 6): string {
  if (cells.length === 0) return "";
  if (cells.length === 1) return cells[0];
  if (cells.length > max) return `${cells.slice(0, max).join(", ")} and ${cells.length - max} more`;
  return `${cells.slice(0, -1).join(", ")} and ${cells[cells.length - 1]}`;
}
