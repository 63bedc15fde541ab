/**
 * The Panel Summary sheet written one row after another from A1: lines, blank
 * rows and tables (a caption, one header row, a body with no blank rows), with
 * the formats of their ranges. A table's columns are laid out from A in the
 * order it declares them; each sheet column is as wide as the widest table
 * column in it, and every row as wide as the widest table. Every text is cut
 * to fit in a cell.
 */
import { a1, columnLetter, fitCellText } from "../sheet/grid";
import type { Colours } from "../plans/formatting";
import type { SummaryChart, SummaryContent, SummaryFormat, SummarySheetTable, SummaryStyle, SummaryTable, SummaryValue } from "./types";

const HEADER_STYLE: SummaryStyle = { bold: true, fill: "#D9D9D9", font: "#000000", wrap: true };

function colours(style: Colours): SummaryStyle {
  return { fill: style.fill, font: style.font };
}

function cellValue(v: SummaryValue): SummaryValue {
  return typeof v === "string" ? fitCellText(v) : v;
}

/** Rows of values from A1 and the formats, written one row after another. */
export class SheetLayout {
  private readonly rows: SummaryValue[][] = [];
  readonly formats: SummaryFormat[] = [];
  readonly tables: SummarySheetTable[] = [];
  /** The widest table column laid out in each sheet column. */
  private readonly widths: number[] = [];
  /** Each table's header row and its last row above the total row (a chart leaves the total out). */
  private readonly chartRows = new Map<string, { header: number; last: number }>();

  line(values: SummaryValue[], style?: SummaryStyle): number {
    this.rows.push(values.map(cellValue));
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

  /**
   * A caption, one header row, the body (no blank rows), each cell wrapped, the
   * total row in bold and each cell's colours; or, for a table with no rows,
   * the caption and what is said in its place.
   */
  table(t: SummaryTable): void {
    const captionRow = this.line([t.caption], { bold: true });
    if (t.rows.length === 0) {
      this.line([t.empty]);
      return;
    }
    const headerRow = this.line(
      t.columns.map((c) => c.header),
      HEADER_STYLE,
    );
    for (const row of t.rows) this.line(t.columns.map((c) => row.cells[c.key] ?? null).map((v) => (v === null || v === "" ? "–" : v)));
    const last = headerRow + t.rows.length;
    const right = columnLetter(t.columns.length);
    this.format(`A${headerRow + 1}:${right}${last}`, { wrap: true });
    if (t.rows[t.rows.length - 1].total) this.format(`A${last}:${right}${last}`, { bold: true });
    t.rows.forEach((row, i) =>
      t.columns.forEach((c, j) => {
        const style = row.colours?.[c.key];
        if (style) this.format(a1(headerRow + 1 + i, j + 1), colours(style));
      }),
    );
    t.columns.forEach((c, j) => (this.widths[j] = Math.max(this.widths[j] ?? 0, c.width)));
    this.chartRows.set(t.id, { header: headerRow, last: headerRow + t.rows.filter((row) => !row.total).length });
    this.tables.push({ id: t.id, caption: t.caption, columns: t.columns, captionCell: `A${captionRow}`, range: `A${headerRow}:${right}${last}`, bodyRows: t.rows.length });
  }

  /** Widths of columns A, B, …: each the widest of the table columns laid out in it. */
  columnWidths(): number[] {
    return [...this.widths];
  }

  /** The rows, each as wide as `width`. */
  finish(width: number): SummaryValue[][] {
    return this.rows.map((row) => (row.length < width ? [...row, ...new Array<null>(width - row.length).fill(null)] : row));
  }

  /** The chart asked for: the table's header row and rows (its total row left out), up to its last series column; right of the tables. */
  chart(want: SummaryContent["chart"], width: number): SummaryChart | null {
    const t = want && this.tables.find((x) => x.id === want.table);
    if (!want || !t) return null;
    const rows = this.chartRows.get(t.id)!;
    const right = Math.max(...t.columns.map((c, j) => (want.series.includes(c.key) ? j + 1 : 1)));
    return {
      type: "BarStacked",
      title: t.caption,
      source: `A${rows.header}:${a1(rows.last, right)}`,
      seriesBy: "Columns",
      from: `${columnLetter(width + 2)}6`,
      to: `${columnLetter(width + 9)}26`,
    };
  }
}
