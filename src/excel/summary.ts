/**
 * The Panel Summary in Excel: write the model's SummaryPlan as a sheet, with
 * its native charts. Two round trips for a summary of up to
 * about 2 MB (every tracker but the biggest), then one more per ~2 MB:
 *
 *  1st sync: the sheets' names, the mark (the workbook-level name
 *            SUMMARY_MARK) that says which sheet is the add-in's summary, and
 *            the workbook's tables' names (with their sheets) — none of its
 *            own when the caller has them already (the pane's read brings
 *            them in its first round trip: SummarySheets);
 *  2nd sync: our old sheet and its mark deleted; the new sheet added, and its
 *            first rows written (number format "@" on every text cell before
 *            its value, in the same request, so a tracker text such as
 *            "=HYPERLINK(…)" stays text);
 *  next syncs (a big summary only: thousands of exceptions, each with its
 *            update): the rest of the rows, in blocks that keep each request
 *            under REQUEST_BUDGET_BYTES (Excel refuses any over 5 MB).
 *
 * The last of these also formats the sheet, marks up its tables, marks it,
 * charts it (the plan's charts: status by theme, the RAG of the actions in
 * progress, progress over the periods kept; no round trip of their own) and
 * shows it. Each of the plan's tables (header row and body) is
 * an Excel table (worksheet.tables.add(address, true), ExcelApi 1.1; then its
 * name, style, banding and filter buttons, 1.1–1.3), as the ONS style guide
 * asks of published tables: named for what it holds (SUMMARY_TABLE_NAMES;
 * "…_2" when a table on another sheet has the name: our old summary's tables
 * go with its sheet, deleted before they are added), style TableStyleLight1
 * without banded rows (a thin rule under the header and round the table, over
 * which our own fills, bold and words stay readable), and no filter buttons
 * (they would cover the end of the header texts in our narrow count columns;
 * a published summary is read, not filtered; they do not print either way).
 * If a round trip after the 2nd fails, the sheet it was writing is deleted
 * again (there is no half-written summary left behind) and the error is passed
 * on; our previous summary, deleted in the 2nd sync, stays deleted, so building
 * again is the way back.
 *
 * A user's own sheet called "Panel Summary" is never touched: ours then takes
 * another name, "Panel Summary (2)". Excel fits the rows to wrapped text
 * itself, so no row height is set here (the .xlsx writer sets them, for LibreOffice).
 */
import { SUMMARY_MARK_COMMENT, SUMMARY_TABLE_STYLE, a1, columnLetter, parseA1Range, sheetOfReference, summarySheetName, summaryTableNames } from "../model";
import type { SummaryChartDash, SummaryChartMarker, SummaryFormat, SummaryPlan, SummarySheetChart, SummaryValue } from "../model";
import { OPERATION_BYTES, REQUEST_BUDGET_BYTES, chunkBytesPerRow, writeBlocks } from "./blocks";
import { officeErrorCode } from "./office-error";
import type { SummaryTrend } from "../shared/host";

export interface PanelSummaryWritten {
  /** The name of the sheet written. */
  sheet: string;
  /** Our previous summary sheet, now replaced (null: there was none). */
  replaced: string | null;
  syncs: number;
}

/** The plan's chart of progress over the periods, for the pane's small chart of the same (null with fewer than two periods). */
export function summaryTrend(plan: SummaryPlan): SummaryTrend | null {
  const chart = plan.charts.find((c) => c.id === "history");
  if (!chart) return null;
  return { title: chart.title, periods: chart.categories.texts, series: chart.series.map((s) => ({ name: s.name, colour: s.line, dash: s.dash, marker: s.marker, counts: s.numbers })) };
}

/** Excel's column width unit (characters of the default font) in points, which Office.js uses. */
export function columnWidthPoints(characters: number): number {
  return Math.round((characters * 7 + 5) * 0.75 * 100) / 100;
}

function numberFormat(v: SummaryValue): string {
  return typeof v === "string" ? "@" : v === null ? "General" : "0";
}

/** A format to apply, as one run of rows (several of the plan's, when they continue one another). */
interface RowFormat {
  format: SummaryFormat;
  /** Its last row (Infinity: an address not of the form "A1" or "A1:B2", applied with the last block). */
  bottom: number;
  /** Its request size, as Office.js sends it: the range, each property set, and their arguments. */
  bytes: number;
}

/**
 * The plan's formats, with the same style on the same columns in consecutive
 * rows joined into one range (the exceptions table colours its RAG and
 * direction cells one row at a time: thousands of formats for a big tracker).
 * The plan never sets one property of a cell twice, so the order they are
 * applied in does not matter.
 */
function rowFormats(formats: readonly SummaryFormat[]): RowFormat[] {
  const runs: { format: SummaryFormat; top: number; bottom: number; left: number; right: number }[] = [];
  const open = new Map<string, number>();
  for (const f of formats) {
    const area = parseA1Range(f.range);
    if (!area) {
      runs.push({ format: f, top: Infinity, bottom: Infinity, left: 0, right: 0 });
      continue;
    }
    const { left, top, right, bottom } = area;
    const key = JSON.stringify([left, right, f.bold, f.fill, f.font, f.wrap, f.align]);
    const run = open.get(key);
    if (run !== undefined && runs[run].bottom + 1 === top) {
      runs[run].bottom = bottom;
      continue;
    }
    open.set(key, runs.length);
    runs.push({ format: f, top, bottom, left, right });
  }
  return runs.map(({ format, top, bottom, left, right }) => {
    const range = Number.isFinite(top) ? (top === bottom && left === right ? a1(top, left) : `${a1(top, left)}:${a1(bottom, right)}`) : format.range;
    const f: SummaryFormat = { ...format, range };
    return { format: f, bottom, bytes: formatRequestBytes(f) };
  });
}

/**
 * What one format costs the request as Microsoft's client sends it (measured on
 * its wire, 1.1.110: fill and font colours on a range ~955 bytes, wrap and top
 * alignment ~681; test/excel/summary-blocks.test.ts checks these bound it): the
 * range (its path, instantiation and kept reference), each object under it
 * (format, fill, font: a path and an instantiation each), each property set.
 */
export const FORMAT_RANGE_BYTES = 400;
export const FORMAT_OBJECT_BYTES = 150;
export const FORMAT_SET_BYTES = 100;

export function formatRequestBytes(f: SummaryFormat): number {
  const objects = 1 + (f.fill ? 1 : 0) + (f.font || f.bold ? 1 : 0);
  const sets = (f.bold ? 1 : 0) + (f.fill ? 1 : 0) + (f.font ? 1 : 0) + (f.wrap ? 2 : 0) + (f.align ? 1 : 0);
  return FORMAT_RANGE_BYTES + objects * FORMAT_OBJECT_BYTES + sets * FORMAT_SET_BYTES + JSON.stringify(f).length;
}

/** Operations per table marked up: the add (its range and the table), its name, style, banding and filter buttons. */
const TABLE_OPERATIONS = 7;

/** The plan's tables that are marked up as Excel tables: each has a header row and at least one row under it. */
function markedTables(plan: SummaryPlan) {
  return plan.tables.filter((t) => t.bodyRows > 0 && parseA1Range(t.range) !== null);
}

/** What the last round trip sends besides rows and formats (widths, mark, chart, tables), over-estimated. */
function finishingBytes(plan: SummaryPlan, name: string): number {
  const operations = plan.columnWidths.length + 16 + markedTables(plan).length * TABLE_OPERATIONS;
  return operations * OPERATION_BYTES + chartBytes(plan) + JSON.stringify([plan.mark, SUMMARY_MARK_COMMENT, name, plan.tables.map((t) => t.range)]).length;
}

/**
 * The sheets' names and the mark, when the caller already has them from a round
 * trip of its own in this batch (the pane's read): the 1st sync is then not needed.
 */
export interface SummarySheets {
  existing: string[];
  /** workbook.names.getItemOrNullObject(markName), its formula loaded and synced. */
  mark: Excel.NamedItem;
  markName: string;
  /** workbook.tables, loaded with "items/name,items/worksheet/name" and synced (the names the summary's tables must not take). */
  tables?: Excel.TableCollection;
}

export async function writePanelSummary(context: Excel.RequestContext, plan: SummaryPlan, found?: SummarySheets): Promise<PanelSummaryWritten> {
  const sheets = context.workbook.worksheets;
  let syncs = 0;
  if (!found || found.markName !== plan.mark || !found.tables) {
    sheets.load("items/name");
    const named = context.workbook.names.getItemOrNullObject(plan.mark);
    named.load("formula");
    const tables = context.workbook.tables;
    tables.load("items/name,items/worksheet/name");
    await context.sync();
    syncs++;
    found = { existing: sheets.items.map((s) => s.name), mark: named, markName: plan.mark, tables };
  }
  const { existing, mark } = found;
  const ours = mark.isNullObject ? null : sheetOfReference(mark.formula, existing);
  const name = summarySheetName(existing, ours, plan.sheet);
  // The tables' names: those of tables on other sheets than our old one are taken.
  const taken = (found.tables?.items ?? []).filter((t) => ours === null || t.worksheet.name.toLowerCase() !== ours.toLowerCase()).map((t) => t.name);
  const tables = markedTables(plan);
  const tableNames = summaryTableNames(tables, taken);
  if (!mark.isNullObject) mark.delete();
  if (ours) sheets.getItem(ours).delete();
  const sheet = sheets.add(name);

  // The rows (values and their number formats) in blocks of at most ~2 MB of request, each
  // format with the block of its last row; one block unless the summary is big.
  const count = plan.rows.length;
  const right = columnLetter(plan.columnWidths.length);
  const values = plan.rows.map((row) => row.map((v) => v ?? ""));
  const numberFormats = plan.rows.map((row) => row.map(numberFormat));
  const formats = rowFormats(plan.formats);
  const formatBytes = new Array<number>(count).fill(0);
  let lastBytes = finishingBytes(plan, name);
  for (const f of formats) {
    if (f.bottom <= count) formatBytes[f.bottom - 1] += f.bytes;
    else lastBytes += f.bytes;
  }
  const room = REQUEST_BUDGET_BYTES - lastBytes - 8 * OPERATION_BYTES;
  // Values and number formats, UTF-8 bytes as sent; and each row's share of the chunks Microsoft's client splits both writes into.
  const chunkBytes = chunkBytesPerRow(plan.columnWidths.length, 2);
  const rowBytes = (i: number) => utf8Length(JSON.stringify(values[i])) + JSON.stringify(numberFormats[i]).length + 2 + formatBytes[i] + chunkBytes;
  const blocks = writeBlocks(count, rowBytes, room);
  if (blocks.length === 0) blocks.push({ from: 0, to: 0 });

  for (let b = 0; b < blocks.length; b++) {
    const { from, to } = blocks[b];
    const last = b === blocks.length - 1;
    if (to > from) {
      const range = sheet.getRange(`A${from + 1}:${right}${to}`);
      // The format first: a string written into a text cell is never read as a formula.
      range.numberFormat = numberFormats.slice(from, to);
      range.values = values.slice(from, to);
    }
    for (const f of formats) if ((f.bottom > from && f.bottom <= to) || (last && f.bottom > count)) applyFormat(sheet, f.format);
    if (last) finish(context, sheet, plan, tables.map((t, i) => ({ range: t.range, name: tableNames[i] })));
    if (b === 0) {
      // The old sheet goes with the first block: if this round trip fails, nothing of ours was added.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
      syncs++;
      continue;
    }
    try {
      // One round trip per ~2 MB of rows: Excel caps a request (5 MB), so the number of
      // round trips follows the size of the summary, never one per row.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
      syncs++;
    } catch (err) {
      throw await withdraw(context, sheet, name, err);
    }
  }
  return { sheet: name, replaced: ours, syncs };
}

/** Bytes of a string in UTF-8, as it goes over the wire (an arrow or a curly quote is three). */
function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function applyFormat(sheet: Excel.Worksheet, f: SummaryFormat): void {
  const range = sheet.getRange(f.range);
  if (f.bold) range.format.font.bold = true;
  if (f.fill) range.format.fill.color = f.fill;
  if (f.font) range.format.font.color = f.font;
  if (f.align) range.format.horizontalAlignment = "Right";
  if (f.wrap) {
    range.format.wrapText = true;
    range.format.verticalAlignment = "Top";
  }
}

/** Size, mark up the tables, mark, chart and show the sheet: queued with the last block of rows (every row is written by then). */
function finish(context: Excel.RequestContext, sheet: Excel.Worksheet, plan: SummaryPlan, tables: { range: string; name: string }[]): void {
  plan.columnWidths.forEach((w, i) => {
    const letter = columnLetter(i + 1);
    sheet.getRange(`${letter}:${letter}`).format.columnWidth = columnWidthPoints(w);
  });
  for (const t of tables) {
    // The header row is the table's: its texts (already written, as text) are the columns' names.
    const table = sheet.tables.add(t.range, true);
    table.name = t.name;
    table.style = SUMMARY_TABLE_STYLE;
    table.showBandedRows = false;
    table.showFilterButton = false;
  }
  sheet.pageLayout.orientation = plan.print.orientation === "landscape" ? "Landscape" : "Portrait";
  // The scale that prints the columns one page wide (85% or more, as their widths were chosen for).
  sheet.pageLayout.zoom = { scale: plan.print.scale };
  context.workbook.names.add(plan.mark, sheet.getRange("A1"), SUMMARY_MARK_COMMENT);
  for (const c of plan.charts) addChart(sheet, c);
  sheet.activate();
}

/** The model's kinds, patterns and markers as Office.js names them. */
const CHART_TYPE: Record<SummarySheetChart["kind"], "BarStacked" | "ColumnClustered" | "LineMarkers"> = { "stacked-bars": "BarStacked", columns: "ColumnClustered", lines: "LineMarkers" };
const LINE_STYLE: Record<SummaryChartDash, "Continuous" | "Dash" | "RoundDot" | "DashDot" | "DashDotDot" | "Dot"> = {
  solid: "Continuous",
  dash: "Dash",
  "round-dot": "RoundDot",
  "dash-dot": "DashDot",
  "dash-dot-dot": "DashDotDot",
  dot: "Dot",
};
const MARKER_STYLE: Record<SummaryChartMarker, "None" | "Circle" | "Square" | "Triangle" | "Diamond" | "X" | "Star"> = {
  none: "None",
  circle: "Circle",
  square: "Square",
  triangle: "Triangle",
  diamond: "Diamond",
  x: "X",
  star: "Star",
};

/** Operations queued per chart, and per series and point (addChart), for the request's size. */
export const CHART_OPERATIONS = 12;
export const SERIES_OPERATIONS = 16;
export const POINT_OPERATIONS = 4;

/**
 * One of the plan's charts, from the summary's own table (worksheet.charts.add
 * over its source, by columns: the first column names the categories, each
 * other column is a series, named by its header), with the plan's title,
 * colours, patterns, markers and labels, placed where the plan says (below
 * the tables, no wider than them). Queued only: it goes with the last round
 * trip, whatever the number of charts, series or points. ChartSeries line
 * styles, markers and data labels are ExcelApi 1.7–1.8; the add-in needs 1.13.
 */
function addChart(sheet: Excel.Worksheet, c: SummarySheetChart): void {
  const chart = sheet.charts.add(CHART_TYPE[c.kind], sheet.getRange(c.source), "Columns");
  chart.name = `Panel Summary: ${c.title}`.slice(0, 250);
  chart.title.text = c.title;
  chart.setPosition(c.from, c.to);
  // A single series names itself in its bars' labels and the axis: no legend. Several: the legend, under the chart.
  chart.legend.visible = c.series.length > 1;
  if (c.series.length > 1) chart.legend.position = "Bottom";
  chart.axes.valueAxis.title.text = c.measure;
  if (c.categoriesTopDown) {
    // Themes top to bottom in the table's order, the count axis still at the foot (it crosses at the last theme).
    chart.axes.categoryAxis.reversePlotOrder = true;
    chart.axes.categoryAxis.position = "Maximum";
  }
  c.series.forEach((s, i) => {
    const series = chart.series.getItemAt(i);
    if (c.kind !== "lines") series.format.fill.setSolidColor(s.fill);
    series.format.line.color = s.line;
    series.format.line.lineStyle = LINE_STYLE[s.dash];
    if (c.kind === "lines") {
      series.markerStyle = MARKER_STYLE[s.marker];
      series.markerBackgroundColor = s.line;
      series.markerForegroundColor = s.line;
    }
    if (c.labels !== "none") {
      series.hasDataLabels = true;
      series.dataLabels.showValue = true;
      series.dataLabels.format.font.color = s.label;
      series.dataLabels.format.font.bold = true;
      // Zeros left out of stacked bars, where they would sit on their neighbours.
      if (c.labels === "non-zero") series.dataLabels.numberFormat = "0;-0;;";
    }
    (s.pointFills ?? []).forEach((fill, p) => series.points.getItemAt(p).format.fill.setSolidColor(fill));
  });
}

/** What the charts add to the last request, over-estimated: their operations and the texts they send. */
function chartBytes(plan: SummaryPlan): number {
  const operations = plan.charts.reduce((n, c) => n + CHART_OPERATIONS + c.series.reduce((m, s) => m + SERIES_OPERATIONS + (s.pointFills?.length ?? 0) * POINT_OPERATIONS, 0), 0);
  return operations * OPERATION_BYTES + JSON.stringify(plan.charts.map((c) => [c.title, c.source, c.from, c.to, c.series.map((s) => [s.fill, s.line, s.label, s.pointFills])])).length;
}

/**
 * A later block failed: delete the partly written sheet (it was added in the
 * 2nd round trip, so it is ours) and return the error to throw. If even that
 * fails, the error says which sheet is left half-written.
 */
async function withdraw(context: Excel.RequestContext, sheet: Excel.Worksheet, name: string, err: unknown): Promise<unknown> {
  try {
    sheet.delete();
    await context.sync();
    return err;
  } catch {
    const said = err instanceof Error ? err.message : String(err);
    const code = officeErrorCode(err) || undefined;
    return Object.assign(new Error(`${said} The sheet "${name}" is only partly written: delete it, then build the panel summary again.`), { code });
  }
}
