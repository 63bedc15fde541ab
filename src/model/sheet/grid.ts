/**
 * The plain data a host hands to the model: one worksheet as a grid of values.
 * Both adapters (Office.js and ExcelJS) produce this; nothing here knows either.
 */

/** An Excel error value such as #N/A or #REF!, kept apart from text. */
export interface ErrorValue {
  error: string;
}

export type CellValue = string | number | boolean | Date | ErrorValue | null;

/** A merged area, 1-based and inclusive, in sheet coordinates. */
export interface MergedArea {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface SheetGrid {
  /** Worksheet name as the user sees it. */
  name: string;
  /** Sheet row number of values[0] (1-based). */
  firstRow: number;
  /** Sheet column number of values[r][0] (1-based). */
  firstColumn: number;
  /**
   * Row-major values. Cells covered by a merge (other than its top-left cell)
   * are null here, as Excel reports them; the model fills them from `merges`.
   */
  values: CellValue[][];
  merges: MergedArea[];
  /**
   * Fill colours as "RRGGBB" (no fill: null), same shape as `values`, when the
   * host read them. Only the columns the model asks for need to be present.
   */
  fills?: (string | null)[][];
  /** Sheet row numbers of hidden rows. Hidden rows still count as actions. */
  hiddenRows?: number[];
  /**
   * Number formats ("mmm-yy") of the cells that hold a date, same shape as `values`, when the
   * host read them (rows may be short or empty): a date on the 1st shown as a month is that month.
   */
  numberFormats?: (string | null)[][];
  /** The sheet's Excel tables (ListObjects), when the host read them: a tracker that is a table is read as the table (tables.ts). */
  tables?: SheetTable[];
}

/** An Excel table's area, 1-based and inclusive (header row and totals row included), and its name. */
export interface SheetTable extends MergedArea {
  name: string;
  /** Whether the table shows a header row (its first row). */
  headerRow: boolean;
  /** Whether the table shows a totals row (its last row): not an action. */
  totalsRow?: boolean;
}

export function isErrorValue(value: unknown): value is ErrorValue {
  return typeof value === "object" && value !== null && !(value instanceof Date) && "error" in value;
}

/** "A", "B" … "Z", "AA" … for a 1-based column number. */
export function columnLetter(column: number): string {
  let n = column;
  let letters = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** 1-based column number of "A", "AB", …; NaN when it is not a column. */
export function columnNumber(letters: string): number {
  const upper = letters.trim().toUpperCase();
  if (!/^[A-Z]{1,3}$/.test(upper)) return Number.NaN;
  let n = 0;
  for (const ch of upper) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/**
 * "$A$5:$G$5", "A5:G5", "A5" or "Sheet1!A5:G5" → a 1-based area; null when it is
 * not an A1 reference.
 */
export function parseA1Range(address: string): MergedArea | null {
  const local = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
  const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/i.exec(local.trim());
  if (!m) return null;
  const top = Number(m[2]);
  const left = columnNumber(m[1]);
  return { top, left, bottom: m[4] ? Number(m[4]) : top, right: m[3] ? columnNumber(m[3]) : left };
}

/** Column letters already worked out, by column number: every cell named in an issue or an action's cells needs them. */
const LETTERS: string[] = [];

export function a1(row: number, column: number): string {
  let letters = column > 0 && column <= 1024 && Number.isInteger(column) ? LETTERS[column] : columnLetter(column);
  if (letters === undefined) letters = LETTERS[column] = columnLetter(column);
  return `${letters}${row}`;
}

/** Text of a cell as a person reads it; "" for empty. */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value.trim();
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  // An invalid date (a host that let one through) reads as nothing rather than stopping the run.
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString().slice(0, 10);
  return value.error;
}

export function isBlank(value: CellValue | undefined): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === "string") return isBlankText(value);
  return cellText(value) === "";
}

/** Whether a UTF-16 code unit is white space, as /\s/ and String.prototype.trim read it. */
export function isSpaceCode(ch: number): boolean {
  if (ch <= 32) return ch === 32 || (ch >= 9 && ch <= 13);
  if (ch < 160) return false;
  return ch === 160 || ch === 0x1680 || (ch >= 0x2000 && ch <= 0x200a) || ch === 0x2028 || ch === 0x2029 || ch === 0x202f || ch === 0x205f || ch === 0x3000 || ch === 0xfeff;
}

/** text.trim() === "", without making the trimmed copy (it stops at the first character that is not a space). */
export function isBlankText(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isSpaceCode(text.charCodeAt(i))) return false;
  return true;
}

/**
 * Read access to a grid in sheet coordinates, with merged areas resolved:
 * `value` gives a covered cell its top-left value; `isCovered` tells whether
 * a cell is covered by a merge without being its top-left cell.
 */
export class GridView {
  readonly lastRow: number;
  readonly lastColumn: number;
  /** Merged area of each covered cell, keyed by row * 2^14 + column (Excel has 16,384 columns). */
  private readonly mergeOf = new Map<number, MergedArea>();
  /** 1 for each row of the grid with a merged cell (by row − firstRow): most rows have none, and need no look-up. */
  private readonly mergedRows: Uint8Array;

  constructor(readonly grid: SheetGrid) {
    const width = grid.values.reduce((max, row) => Math.max(max, row.length), 0);
    this.lastRow = grid.firstRow + grid.values.length - 1;
    this.lastColumn = grid.firstColumn + width - 1;
    this.mergedRows = new Uint8Array(grid.values.length);
    for (const area of grid.merges) {
      // Only index the cells inside the grid; a huge merge costs no more than the grid.
      const top = Math.max(area.top, grid.firstRow);
      const bottom = Math.min(area.bottom, this.lastRow);
      const left = Math.max(area.left, grid.firstColumn);
      const right = Math.min(area.right, this.lastColumn);
      for (let r = top; r <= bottom; r++) {
        if (left <= right) this.mergedRows[r - grid.firstRow] = 1;
        for (let c = left; c <= right; c++) this.mergeOf.set(r * 16384 + c, area);
      }
    }
  }

  get name(): string {
    return this.grid.name;
  }

  get firstRow(): number {
    return this.grid.firstRow;
  }

  get firstColumn(): number {
    return this.grid.firstColumn;
  }

  /** Last column with a stored value on a row (rows may be ragged: a stray far cell does not widen them all). */
  rowEnd(row: number): number {
    const r = this.grid.values[row - this.grid.firstRow];
    return r ? this.grid.firstColumn + r.length - 1 : this.grid.firstColumn - 1;
  }

  /** The value as stored (covered cells are null). */
  raw(row: number, column: number): CellValue {
    const r = this.grid.values[row - this.grid.firstRow];
    if (!r) return null;
    const v = r[column - this.grid.firstColumn];
    return v === undefined ? null : v;
  }

  mergeAt(row: number, column: number): MergedArea | undefined {
    return this.mergedRows[row - this.grid.firstRow] === 1 ? this.mergeOf.get(row * 16384 + column) : undefined;
  }

  isCovered(row: number, column: number): boolean {
    const area = this.mergeAt(row, column);
    return area !== undefined && (area.top !== row || area.left !== column);
  }

  /** The value a person sees: a covered cell shows its merge's top-left value. */
  value(row: number, column: number): CellValue {
    const area = this.mergeAt(row, column);
    if (area && (area.top !== row || area.left !== column)) return this.raw(area.top, area.left);
    return this.raw(row, column);
  }

  text(row: number, column: number): string {
    return cellText(this.value(row, column));
  }

  /** The number format of a cell that holds a date, when the host read it ("mmm-yy"); null otherwise. */
  numberFormat(row: number, column: number): string | null {
    return this.grid.numberFormats?.[row - this.grid.firstRow]?.[column - this.grid.firstColumn] ?? null;
  }

  fill(row: number, column: number): string | null {
    const fills = this.grid.fills;
    if (!fills) return null;
    const area = this.mergeAt(row, column);
    const r = area ? area.top : row;
    const c = area ? area.left : column;
    const v = fills[r - this.grid.firstRow]?.[c - this.grid.firstColumn];
    return v ?? null;
  }
}

/** Excel holds at most 32,767 characters in a cell. */
export const MAX_CELL_TEXT = 32767;
const CUT_NOTE = " … (cut: the full text is in the tracker)";

/** Text that fits in one cell: longer text (updates joined from sub-rows) is cut, and says so. */
export function fitCellText(text: string): string {
  if (text.length <= MAX_CELL_TEXT) return text;
  // Never cut between the two halves of a surrogate pair (an emoji): half a character is not text.
  let end = MAX_CELL_TEXT - CUT_NOTE.length;
  if (/[\uD800-\uDBFF]/.test(text[end - 1])) end--;
  return text.slice(0, end) + CUT_NOTE;
}
