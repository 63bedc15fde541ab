/** Office.js values ⇄ the model's plain cell values. */
import type { CellValue, MergedArea } from "../model";

const ERROR_VALUES = new Set([
  "#N/A",
  "#REF!",
  "#VALUE!",
  "#DIV/0!",
  "#NAME?",
  "#NUM!",
  "#NULL!",
  "#SPILL!",
  "#CALC!",
  "#BUSY!",
  "#GETTING_DATA",
  "#FIELD!",
  "#BLOCKED!",
  "#CONNECT!",
  "#UNKNOWN!",
]);

/** Range.values gives "" for empty cells and error values as their text ("#N/A"). */
export function fromOfficeValue(value: unknown): CellValue {
  if (value === "" || value === null || value === undefined) return null;
  if (typeof value === "string") return ERROR_VALUES.has(value) ? { error: value } : value;
  if (typeof value === "number" || typeof value === "boolean") return value;
  return String(value);
}

/** "Sheet1!$A$5:$G$5" (or "'My sheet'!A5:G5", or "A5") → a merged area. */
export function parseAddress(address: string): MergedArea | null {
  const local = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/i.exec(local.trim());
  if (!m) return null;
  const col = (s: string) => [...s.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const top = Number(m[2]);
  const left = col(m[1]);
  return { top, left, bottom: m[4] ? Number(m[4]) : top, right: m[3] ? col(m[3]) : left };
}

/** RangeAreas.address is a comma-separated list of areas. */
export function parseAreas(address: string): MergedArea[] {
  return address
    .split(",")
    .map((a) => parseAddress(a))
    .filter((a): a is MergedArea => a !== null);
}

/** "#FFC000" → "FFC000"; Excel reports no fill as white, which the model ignores anyway. */
export function fromOfficeColour(colour: string | undefined | null): string | null {
  if (!colour) return null;
  const hex = colour.replace(/^#/, "").toUpperCase();
  return /^[0-9A-F]{6}$/.test(hex) ? hex : null;
}
