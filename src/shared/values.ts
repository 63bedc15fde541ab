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
  if (typeof value === "object") return fromRichValue(value as Record<string, unknown>);
  return String(value);
}

/**
 * A cell of a range passed to a custom function, as Microsoft's
 * custom-functions runtime hands it over when functions.json allows data types
 * (allowCustomDataForDataTypeAny; dist/custom-functions-runtime.debug.js,
 * _transferCustomFunctionRichData and _transferCustomFunctionError): an error
 * cell is { type: "Error", primitive: "#N/A" } or a CustomFunctionError
 * ({ type: "Error" | "CustomFunctionError", code, basicValue }); a data type
 * gives its basic value: a formatted number or a plain value its `primitive`,
 * an entity its text, an image its alternative text. Never "[object Object]".
 */
function fromRichValue(v: Record<string, unknown>): CellValue {
  const plain = (x: unknown): CellValue => (typeof x === "object" && x !== null ? null : fromOfficeValue(x));
  const type = typeof v.type === "string" ? v.type : "";
  if (type === "Error" || type === "CustomFunctionError") {
    const code = [v.primitive, v.code, v.basicValue].find((c) => typeof c === "string" && c.startsWith("#"));
    return { error: typeof code === "string" ? code : "#VALUE!" };
  }
  if (type === "Entity") return plain(v.text);
  if (type === "WebImage") return plain(v.altText);
  if ("primitive" in v) return plain(v.primitive);
  if ("basicValue" in v) return plain(v.basicValue);
  return null;
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
