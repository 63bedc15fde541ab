/**
 * The Panel Summary sheet's native charts, as data: which charts, the cells
 * each is drawn from (the summary's own tables, so the charts stay live), the
 * colours and patterns of its series, its title, and where it sits. Both hosts
 * draw them from this one description: Excel through Office.js
 * (src/excel/summary.ts, worksheet.charts.add over `source`) and the CLI's
 * .xlsx as DrawingML chart parts (src/xlsx/charts.ts).
 *
 * The three charts: status by theme (stacked bars), the RAG of the actions in
 * progress (a column per RAG) and progress over the periods kept (a line per
 * status; per RAG for a tracker with only a RAG), each only when its table has
 * something to draw. Colour is never alone: bars carry their counts as labels,
 * each series has its own outline or line pattern and, on a line, its own
 * marker; the table of the same figures is right above the chart. The colours
 * are the summary's (STATUS_COLOURS, RAG_COLOURS). Pure.
 */
import { a1, columnLetter, parseA1Range } from "../sheet/grid";
import { RAG_COLOURS, STATUS_COLOURS } from "../plans/formatting";
import type { Colours } from "../plans/formatting";
import { RAG_KEYS, STATUS_KEYS } from "../words/vocabulary";
import type { SummaryChartDash, SummaryChartId, SummaryChartMarker, SummaryChartSeries, SummarySheetChart, SummarySheetTable, SummaryValue } from "./types";

export const CHART_DASHES: readonly SummaryChartDash[] = ["solid", "dash", "round-dot", "dash-dot", "dash-dot-dot", "dot"];
export const CHART_MARKERS: readonly SummaryChartMarker[] = ["circle", "square", "triangle", "diamond", "x", "star"];

/** Rows each chart takes (a blank row between two charts). */
export const CHART_ROWS = 19;
const CHART_GAP = 2;

const NEUTRAL: Colours = { fill: "#FFFFFF", font: "#404040" };

const isRag = (header: string) => header in RAG_COLOURS;

function coloursOf(header: string): Colours {
  if (header in STATUS_COLOURS) return STATUS_COLOURS[header as keyof typeof STATUS_COLOURS];
  if (header in RAG_COLOURS) return RAG_COLOURS[header as keyof typeof RAG_COLOURS];
  return NEUTRAL;
}

interface Body {
  top: number;
  bottom: number;
  left: number;
}

/** A table's header row and body rows, its total row left out. */
function bodyOf(t: SummarySheetTable): Body {
  const area = parseA1Range(t.range)!;
  const totals = t.id === "themes" || t.id === "rag" ? 1 : 0;
  return { top: area.top + 1, bottom: area.bottom - totals, left: area.left };
}

/**
 * The charts of a Panel Summary laid out in `rows`, from its tables (pure).
 * `width`: the tables' width in columns; the charts sit below the last row.
 */
export function summarySheetCharts(rows: readonly SummaryValue[][], tables: readonly SummarySheetTable[], width: number): SummarySheetChart[] {
  const cell = (row: number, col: number): SummaryValue => rows[row - 1]?.[col - 1] ?? null;
  const column = (t: SummarySheetTable, key: string, b: Body) => {
    const at = t.columns.findIndex((c) => c.key === key);
    if (at < 0) return null;
    const col = b.left + at;
    const letter = columnLetter(col);
    return {
      col,
      range: `${letter}${b.top}:${letter}${b.bottom}`,
      values: Array.from({ length: b.bottom - b.top + 1 }, (_, i) => cell(b.top + i, col)),
      nameCell: a1(b.top - 1, col),
      name: t.columns[at].header,
    };
  };
  /** The series of the consecutive columns `keys` (each found), in order; null when they are not side by side right of the category column. */
  const seriesOf = (t: SummarySheetTable, keys: readonly string[], b: Body, style: (header: string, i: number) => Pick<SummaryChartSeries, "fill" | "line" | "label" | "dash" | "marker">) => {
    const cols = keys.map((k) => column(t, k, b));
    if (cols.length === 0 || cols.some((c) => c === null)) return null;
    const found = cols as NonNullable<(typeof cols)[number]>[];
    if (found.some((c, i) => c.col !== b.left + 1 + i)) return null;
    return found.map((c, i): SummaryChartSeries => ({ nameCell: c.nameCell, name: c.name, values: c.range, numbers: c.values.map(Number), ...style(c.name, i) }));
  };
  const chart = (
    id: SummaryChartId,
    kind: SummarySheetChart["kind"],
    t: SummarySheetTable,
    categoryKey: string,
    b: Body,
    series: SummaryChartSeries[],
    labels: SummarySheetChart["labels"],
  ): Omit<SummarySheetChart, "from" | "to"> => {
    const names = column(t, categoryKey, b)!;
    const right = b.left + series.length;
    return {
      id,
      kind,
      title: t.caption,
      source: `${a1(b.top - 1, b.left)}:${a1(b.bottom, right)}`,
      categories: { range: names.range, texts: names.values.map((v) => String(v ?? "")) },
      series,
      labels,
      measure: "Actions",
      categoriesTopDown: kind === "stacked-bars",
    };
  };

  const out: Omit<SummarySheetChart, "from" | "to">[] = [];
  const table = (id: string) => tables.find((t) => t.id === id);

  // Status by theme: a series per count column (the statuses, or the RAGs for a tracker with only a RAG), the total column left out.
  const themes = table("themes");
  if (themes && themes.bodyRows > 2) {
    const b = bodyOf(themes);
    const keys = themes.columns.map((c) => c.key).filter((k) => k !== "theme" && k !== "all");
    const series = seriesOf(themes, keys, b, (header, i) => {
      const c = coloursOf(header);
      // A status's bar is outlined in its text colour; a RAG's in black (its text may be white).
      return { fill: c.fill, line: isRag(header) ? "#000000" : c.font, label: c.font, dash: CHART_DASHES[i % CHART_DASHES.length], marker: "none" };
    });
    if (series) out.push(chart("themes", "stacked-bars", themes, "theme", b, series, "non-zero"));
  }

  // The RAG of the actions in progress: one series, a bar per RAG in its colour; none for a tracker with no RAG rating at all.
  const rag = table("rag");
  if (rag && rag.bodyRows > 1) {
    const b = bodyOf(rag);
    const names = column(rag, "rag", b);
    const counts = column(rag, "actions", b);
    if (names && counts && names.values.some((n, i) => String(n) in RAG_COLOURS && Number(counts.values[i]) > 0)) {
      const series = seriesOf(rag, ["actions"], b, () => ({ fill: "#FFFFFF", line: "#000000", label: "#000000", dash: "solid", marker: "none" }));
      if (series) {
        series[0].pointFills = names.values.map((n) => coloursOf(String(n)).fill);
        out.push(chart("rag", "columns", rag, "rag", b, series, "all"));
      }
    }
  }

  // Progress over the periods kept: a line per status (per RAG for a tracker with only a RAG), each with its pattern and marker.
  const history = table("history");
  if (history && history.bodyRows >= 2) {
    const b = bodyOf(history);
    const statusKeys = STATUS_KEYS.filter((s) => history.columns.some((c) => c.key === s));
    const keys = statusKeys.length ? statusKeys : RAG_KEYS.map((r) => `RAG ${r}`).filter((k) => history.columns.some((c) => c.key === k));
    const ordered = history.columns.map((c) => c.key).filter((k) => keys.includes(k as never));
    const series = seriesOf(history, ordered, b, (header, i) => {
      const c = coloursOf(header);
      // A status's line is drawn in its text colour (its fill is too pale for a line on white); a RAG's in its own colour.
      return { fill: c.fill, line: header === "White" ? "#595959" : isRag(header) ? c.fill : c.font, label: c.font, dash: CHART_DASHES[i % CHART_DASHES.length], marker: CHART_MARKERS[i % CHART_MARKERS.length] };
    });
    if (series && series.some((s) => s.numbers.some((n) => n > 0))) out.push(chart("history", "lines", history, "period", b, series, "none"));
  }

  // Below the tables, one under another, as wide as the tables: the sheet still prints one page wide at its scale.
  const right = columnLetter(Math.max(1, width));
  return out.map((c, i) => {
    const top = rows.length + CHART_GAP + i * (CHART_ROWS + CHART_GAP);
    return { ...c, from: `A${top}`, to: `${right}${top + CHART_ROWS - 1}` };
  });
}
