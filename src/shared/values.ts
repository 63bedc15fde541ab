/** Office.js values ⇄ the model's plain cell values. */
import { parseA1Range } from "../model";
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

/** RangeAreas.address is a comma-separated list of areas. */
export function parseAreas(address: string): MergedArea[] {
  return address
    .split(",")
    .map((a) => parseA1Range(a))
    .filter((a): a is MergedArea => a !== null);
}

/** "#FFC000" → "FFC000"; Excel reports no fill as white, which the model ignores anyway. */
export function fromOfficeColour(colour: string | undefined | null): string | null {
  if (!colour) return null;
  const hex = colour.replace(/^#/, "").toUpperCase();
  return /^[0-9A-F]{6}$/.test(hex) ? hex : null;
}
