/**
 * The paper's charts drawn (the CLI only): each PaperChart (the model's data,
 * colours and alt text) as a Vega-Lite spec, rendered to SVG by Vega in Node
 * without a browser, and the SVG to PNG for Word by @napi-rs/canvas (Skia).
 * Loaded only by `report`: the other commands never load them, and the task
 * pane never does (its paper has the tables, and no charts).
 *
 * Colour is never alone: every bar carries its count in words, every series
 * has its own outline pattern (and, on a line, its own point shape), shown in
 * the legend too, and the table of the same figures follows the chart.
 */
import type { ChartImage, PaperChart, PaperPlan } from "../model";

/** Point shapes for the lines, one per series. */
const SHAPES = ["circle", "square", "triangle-up", "diamond", "cross", "triangle-down"];
const FONT = "Liberation Sans, Arial, Helvetica, sans-serif";
const WIDTH = 460;

type Spec = Record<string, unknown>;

const scale = (chart: PaperChart, pick: (s: PaperChart["series"][number], i: number) => unknown) => ({ domain: chart.series.map((s) => s.name), range: chart.series.map(pick) });

/** The data with each series' order, and for stacked bars where each segment starts and ends. */
function values(chart: PaperChart) {
  const order = new Map(chart.series.map((s, i) => [s.name, i]));
  return chart.data.map((d) => ({ ...d, order: order.get(d.series) ?? 0, ink: chart.series[order.get(d.series) ?? 0]?.stroke ?? "#000000" }));
}

/** A count axis: whole numbers only, up to the largest count (a bar's total, for stacked bars). */
function countAxis(chart: PaperChart): { axis: Spec; scale: Spec } {
  const totals = new Map<string, number>();
  for (const d of chart.data) totals.set(d.category, chart.kind === "stacked-bars" ? (totals.get(d.category) ?? 0) + d.value : Math.max(totals.get(d.category) ?? 0, d.value));
  const max = Math.max(1, ...totals.values());
  const step = Math.max(1, Math.ceil(max / 5));
  const top = Math.ceil(max / step) * step;
  return { axis: { values: Array.from({ length: top / step + 1 }, (_, i) => i * step), format: "d" }, scale: { domain: [0, top], nice: false } };
}

function stackedBars(chart: PaperChart): Spec {
  // A theme's whole name on one line (the PNG's renderer does not break lines), up to 320 pixels.
  const y = { field: "category", type: "nominal", sort: chart.categories, title: null, axis: { labelLimit: 320 } };
  const legend = { field: "series", type: "nominal", title: null };
  return {
    width: 300,
    height: { step: 26 },
    data: { values: values(chart) },
    transform: [
      { stack: "value", groupby: ["category"], sort: [{ field: "order", order: "ascending" }], as: ["x0", "x1"] },
      { calculate: "(datum.x0 + datum.x1) / 2", as: "middle" },
    ],
    layer: [
      {
        mark: { type: "bar", strokeWidth: 1.5 },
        encoding: {
          y,
          x: { field: "x0", type: "quantitative", title: chart.measure, ...countAxis(chart) },
          x2: { field: "x1" },
          color: { ...legend, scale: scale(chart, (s) => s.fill), sort: chart.series.map((s) => s.name) },
          stroke: { ...legend, scale: scale(chart, (s) => s.stroke) },
          strokeDash: { ...legend, scale: scale(chart, (s) => s.dash) },
          order: { field: "order" },
        },
      },
      {
        transform: [{ filter: "datum.value > 0" }],
        mark: { type: "text", fontSize: 11, fontWeight: "bold" },
        encoding: {
          y,
          x: { field: "middle", type: "quantitative" },
          text: { field: "value", type: "quantitative" },
          // Each label in its series' text colour (4.5:1 on its fill), not through the colour scale, so there is one legend.
          color: { field: "ink", type: "nominal", scale: null },
        },
      },
    ],
  };
}

function bars(chart: PaperChart): Spec {
  const x = { field: "category", type: "nominal", sort: chart.categories, title: null, axis: { labelAngle: 0 } };
  return {
    width: WIDTH - 160,
    height: 160,
    data: { values: values(chart) },
    layer: [
      {
        mark: { type: "bar", strokeWidth: 1.5 },
        encoding: {
          x,
          y: { field: "value", type: "quantitative", title: chart.measure, ...countAxis(chart) },
          color: { field: "series", type: "nominal", scale: scale(chart, (s) => s.fill), legend: null },
          stroke: { field: "series", type: "nominal", scale: scale(chart, (s) => s.stroke), legend: null },
          strokeDash: { field: "series", type: "nominal", scale: scale(chart, (s) => s.dash), legend: null },
        },
      },
      { mark: { type: "text", dy: -7, fontSize: 12, fontWeight: "bold", color: "#000000" }, encoding: { x, y: { field: "value", type: "quantitative" }, text: { field: "value", type: "quantitative" } } },
    ],
  };
}

function lines(chart: PaperChart): Spec {
  const legend = { field: "series", type: "nominal", title: null };
  return {
    width: WIDTH - 160,
    height: 170,
    data: { values: values(chart) },
    mark: { type: "line", strokeWidth: 2.5, point: { size: 70, filled: true } },
    encoding: {
      x: { field: "category", type: "ordinal", sort: chart.categories, title: null, axis: { labelAngle: 0 } },
      y: { field: "value", type: "quantitative", title: chart.measure, ...countAxis(chart) },
      color: { ...legend, scale: scale(chart, (s) => s.stroke), sort: chart.series.map((s) => s.name) },
      strokeDash: { ...legend, scale: scale(chart, (s) => s.dash) },
      shape: { ...legend, scale: scale(chart, (_, i) => SHAPES[i % SHAPES.length]) },
    },
  };
}

/** A chart's Vega-Lite spec: its marks, its colours, and a plain style that prints in black and white. */
export function chartSpec(chart: PaperChart): Spec {
  const body = chart.kind === "stacked-bars" ? stackedBars(chart) : chart.kind === "bars" ? bars(chart) : lines(chart);
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    description: chart.alt,
    background: "#FFFFFF",
    padding: 8,
    ...body,
    config: {
      aria: false,
      font: FONT,
      view: { stroke: null },
      axis: { labelFontSize: 11, titleFontSize: 11, labelColor: "#1A1A1A", titleColor: "#1A1A1A", domainColor: "#404040", tickColor: "#404040", gridColor: "#D0D0D0" },
      legend: { symbolType: "square", orient: "bottom", direction: "horizontal", labelFontSize: 11, symbolStrokeWidth: 1.5, symbolSize: 160, columns: 3, labelLimit: 200 },
    },
  };
}

/** The charts of a paper, in the order they appear. */
export function paperCharts(paper: PaperPlan): PaperChart[] {
  return paper.sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === "chart" ? [b.chart] : [])));
}

/** Draw every chart of a paper: SVG, and PNG at twice its size for print. */
export async function drawCharts(paper: PaperPlan): Promise<Map<string, ChartImage>> {
  const charts = paperCharts(paper);
  const out = new Map<string, ChartImage>();
  if (charts.length === 0) return out;
  const [vega, vegaLite, canvas] = await Promise.all([import("vega"), import("vega-lite"), import("@napi-rs/canvas")]);
  for (const chart of charts) {
    const compiled = vegaLite.compile(chartSpec(chart) as unknown as Parameters<typeof vegaLite.compile>[0]).spec;
    const view = new vega.View(vega.parse(compiled), { renderer: "none" });
    const svg = await view.toSVG();
    view.finalize();
    const width = Number(/^<svg[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1] ?? WIDTH);
    const height = Number(/^<svg[^>]*\sheight="([\d.]+)"/.exec(svg)?.[1] ?? 200);
    const image = await canvas.loadImage(Buffer.from(svg, "utf8"));
    const surface = canvas.createCanvas(Math.round(width * 2), Math.round(height * 2));
    surface.getContext("2d").drawImage(image, 0, 0, surface.width, surface.height);
    const png = new Uint8Array(await surface.encode("png"));
    out.set(chart.id, { svg, png, width, height });
  }
  return out;
}
