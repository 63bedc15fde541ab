/**
 * The paper's charts, as data: what each shows, its colours and its alt text,
 * which states every figure it draws. A chart is never the only way in: the
 * table of the same figures stays beside it (GSS guidance on charts), each
 * bar carries its count, and each series has its own outline pattern too, so
 * that colour is never alone and the chart reads in black and white. A writer
 * draws a chart only when it is given its image (the CLI renders them); it
 * leaves the chart out otherwise, and the table says it all.
 */
import { RAG_COLOURS, STATUS_COLOURS } from "../plans/formatting";
import { NOT_SET, RAG_KEYS, STATUS_KEYS } from "../words/vocabulary";
import type { RagKey, StatusKey } from "../words/vocabulary";
import type { HistoryEntry } from "../analysis/history";
import { andList } from "./sentences";
import type { SummaryTable } from "./types";

export type PaperChartId = "themes" | "rag" | "history";

/** One series of a chart (a bar's segment, a bar, a line): its name and colours; `dash` is its outline's pattern. */
export interface ChartSeries {
  name: string;
  fill: string;
  /** The outline and the labels' colour: at least 4.5:1 on the fill. */
  stroke: string;
  /** The outline's dash pattern ([] solid), different for each series. */
  dash: number[];
}

export interface PaperChart {
  id: PaperChartId;
  /** Its caption, "Figure 1: …" added by the writer. */
  title: string;
  /** Every figure it draws, in words: the image's alt text (and a .html's <title>). */
  alt: string;
  /** Stacked bars (one bar per category, a segment per series), bars (one per category) or lines (one per series over the categories). */
  kind: "stacked-bars" | "bars" | "lines";
  /** Along the axis, in order. */
  categories: string[];
  series: ChartSeries[];
  /** One value per category and series (for bars, the series is the category). */
  data: { category: string; series: string; value: number }[];
  /** What the values count, for the axis title. */
  measure: string;
}

/** Outline patterns, one per series in order: solid, dashed, dotted, dash-dot, long dash, … */
const DASHES: number[][] = [[], [6, 3], [2, 2], [6, 2, 2, 2], [10, 4], [3, 5]];

const NEUTRAL = { fill: "#FFFFFF", stroke: "#404040" };

function statusSeries(keys: readonly StatusKey[]): ChartSeries[] {
  return keys.map((s, i) => ({ name: s, ...(s === NOT_SET ? NEUTRAL : { fill: STATUS_COLOURS[s].fill, stroke: STATUS_COLOURS[s].font }), dash: DASHES[i % DASHES.length] }));
}

function ragSeries(keys: readonly RagKey[]): ChartSeries[] {
  return keys.map((r, i) => ({ name: r === NOT_SET ? "No RAG rating" : r, ...(r === NOT_SET ? NEUTRAL : { fill: RAG_COLOURS[r].fill, stroke: "#000000" }), dash: DASHES[i % DASHES.length] }));
}

/** "2 Completed, 1 In progress": the figures of one category. */
function figures(parts: readonly [string, number][]): string {
  return andList(parts.map(([name, n]) => `${n} ${name}`));
}

/**
 * Status by theme, stacked bars, from the themes table (its total row left out); for a tracker with a
 * RAG and no status, whose themes table is by theme and RAG (tables.ts, themeRagTable), RAG by theme.
 */
export function themesChart(t: SummaryTable, period: string): PaperChart | null {
  const rows = t.rows.filter((r) => !r.total);
  if (rows.length < 2) return null;
  // "Not set" is a column of either table: the table is by status when it has a status of its own.
  const byStatus = STATUS_KEYS.some((s) => s !== NOT_SET && t.columns.some((c) => c.key === s));
  const statuses = byStatus ? STATUS_KEYS.filter((s) => t.columns.some((c) => c.key === s)) : [];
  const rags = byStatus ? [] : RAG_KEYS.filter((r) => t.columns.some((c) => c.key === r));
  const keys: readonly string[] = statuses.length ? statuses : rags;
  if (keys.length === 0) return null;
  const series = statuses.length ? statusSeries(statuses) : ragSeries(rags);
  const by = statuses.length ? "status" : "RAG";
  const categories = rows.map((r) => String(r.cells.theme));
  const value = (r: SummaryTable["rows"][number], k: string) => Number(r.cells[k] ?? 0);
  const data = rows.flatMap((r) => keys.map((k, i) => ({ category: String(r.cells.theme), series: series[i].name, value: value(r, k) })));
  const alt = `Stacked bar chart of the actions by theme and ${by}, ${period}. ${rows
    .map((r) => `${r.cells.theme}: ${figures(keys.map((k, i) => [series[i].name, value(r, k)]))}.`)
    .join(" ")}`;
  return { id: "themes", title: `Actions by theme and ${by}, ${period}`, alt, kind: "stacked-bars", categories, series, data, measure: "Actions" };
}

/** The RAG of the actions in progress, one bar per RAG, from the RAG table (its total row left out). */
export function ragChart(t: SummaryTable, period: string): PaperChart | null {
  const rows = t.rows.filter((r) => !r.total);
  const keys = rows.map((r) => (r.cells.rag === "No RAG rating" ? NOT_SET : (r.cells.rag as RagKey))).filter((k) => RAG_KEYS.includes(k));
  if (keys.length === 0) return null;
  const series = ragSeries(keys);
  const data = rows.map((r, i) => ({ category: series[i].name, series: series[i].name, value: Number(r.cells.actions ?? 0) }));
  const alt = `Bar chart of the ${t.caption}, ${period}: ${figures(data.map((d) => [d.category, d.value]))}.`;
  return { id: "rag", title: `${t.caption}, ${period}`, alt, kind: "bars", categories: series.map((s) => s.name), series, data, measure: "Actions" };
}

/** Progress over the periods kept: a line of the count of each status (each RAG, counted by RAG), oldest first. */
export function historyChart(entries: readonly HistoryEntry[], byRag: boolean): PaperChart | null {
  if (entries.length < 2) return null;
  const categories = entries.map((e) => e.label);
  const statuses = STATUS_KEYS.filter((s) => entries.some((e) => e.status[s] > 0));
  const rags = RAG_KEYS.filter((r) => entries.some((e) => (e.rag[r] ?? 0) > 0));
  const series = byRag ? ragSeries(rags) : statusSeries(statuses);
  const value = (e: HistoryEntry, i: number) => (byRag ? (e.rag[rags[i]] ?? 0) : e.status[statuses[i]]);
  const data = entries.flatMap((e) => series.map((s, i) => ({ category: e.label, series: s.name, value: value(e, i) })));
  const first = entries[0].label;
  const last = entries[entries.length - 1].label;
  const alt = `Line chart of the actions by ${byRag ? "RAG" : "status"} in each period, ${first} to ${last}. ${entries
    .map((e) => `${e.label}: ${figures(series.map((s, i) => [s.name, value(e, i)]))}.`)
    .join(" ")}`;
  return { id: "history", title: `Actions by ${byRag ? "RAG" : "status"} in each period, ${first} to ${last}`, alt, kind: "lines", categories, series, data, measure: "Actions" };
}
