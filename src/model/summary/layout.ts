/**
 * The Panel Summary sheet written one row after another from A1: lines, blank
 * rows and tables (a caption, one header row, a body with no blank rows), with
 * the formats of their ranges. Every text is cut to fit in a cell.
 */
import { a1, columnLetter, fitCellText } from "../sheet/grid";
import type { Colours } from "../plans/formatting";
import type { SummaryFormat, SummaryStyle, SummaryTable, SummaryTableId, SummaryValue } from "./types";

const HEADER_STYLE: SummaryStyle = { bold: true, fill: "#D9D9D9", font: "#000000", wrap: true };

export function colours(style: Colours): SummaryStyle {
  return { fill: style.fill, font: style.font };
}

/** Rows of values from A1 and the formats, written one row after another. */
export class SheetLayout {
  constructor(private readonly columns: number) {}

  readonly rows: SummaryValue[][] = [];
  readonly formats: SummaryFormat[] = [];
  readonly tables: SummaryTable[] = [];

  get nextRow(): number {
    return this.rows.length + 1;
  }

  line(values: SummaryValue[], style?: SummaryStyle): number {
    const row = [...values.map((v) => (typeof v === "string" ? fitCellText(v) : v)), ...new Array(Math.max(0, this.columns - values.length)).fill(null)].slice(0, this.columns);
    this.rows.push(row);
    const r = this.rows.length;
    if (style) this.format(`${a1(r, 1)}:${a1(r, Math.max(1, values.length))}`, style);
    return r;
  }

  blank() {
    this.line([]);
  }

  format(range: string, style: SummaryStyle) {
    this.formats.push({ range, ...style });
  }

  /** A caption, one header row, the body (no blank rows), each cell wrapped. Returns the first body row. */
  table(id: SummaryTableId, caption: string, header: string[], body: SummaryValue[][], totalRow = false): number {
    const captionRow = this.line([caption], { bold: true });
    const headerRow = this.line(header, HEADER_STYLE);
    for (const row of body) this.line(row.map((v) => (v === null || v === "" ? "–" : v)));
    const last = headerRow + body.length;
    const right = columnLetter(header.length);
    if (body.length) this.format(`A${headerRow + 1}:${right}${last}`, { wrap: true });
    if (totalRow && body.length) this.format(`A${last}:${right}${last}`, { bold: true });
    this.tables.push({ id, caption, captionCell: `A${captionRow}`, range: `A${headerRow}:${right}${last}`, header, bodyRows: body.length });
    return headerRow + 1;
  }
}
