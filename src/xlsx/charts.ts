/**
 * Native charts in the Panel Summary of an .xlsx the CLI writes. ExcelJS
 * writes no charts, and no maintained npm library adds chart parts to a
 * workbook (see the README), so the few parts a chart needs are written here
 * into ExcelJS's output with JSZip: for each chart a DrawingML chart part
 * (xl/charts/chartN_summary.xml) whose series point at the summary's own tables
 * ('Panel Summary'!$B$20:$B$24), one drawing that anchors them below the
 * tables, the sheet's relationship to it and the content types. Excel and
 * LibreOffice draw them from the cells, so they stay live and editable; each
 * series also keeps a cache of its values, as Excel writes them.
 *
 * The three charts are the plan's (SummaryPlan.charts, made in the model by
 * summarySheetCharts, which Excel's add-in draws too): status by theme
 * (stacked bars), the RAG of the actions in progress (columns) and progress
 * over the periods kept (lines, when the summary has a history table). Bars
 * carry their counts as data labels, each series has its outline (and, on a
 * line, its marker and dash), so colour is never alone; the colours are the
 * summary's own.
 */
import JSZip from "jszip";
import { columnLetter, parseA1Range } from "../model";
import type { SummaryChartDash, SummaryPlan, SummarySheetChart } from "../model";

const NS = {
  c: "http://schemas.openxmlformats.org/drawingml/2006/chart",
  a: "http://schemas.openxmlformats.org/drawingml/2006/main",
  r: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  xdr: "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
  rel: "http://schemas.openxmlformats.org/package/2006/relationships",
};
/** How the summary's chart parts end: xl/charts/chart1_summary.xml. */
export const SUMMARY_CHART_SUFFIX = "_summary.xml";
const CHART_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
const DRAWING_TYPE = "application/vnd.openxmlformats-officedocument.drawing+xml";

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const hex = (colour: string) => colour.replace("#", "").toUpperCase();

/** One series: its name's cell, its values' cells, and its look. */
interface Series {
  name: { ref: string; text: string };
  values: { ref: string; numbers: number[] };
  fill: string;
  line: string;
  label: string;
  dash: string;
  marker: string;
  /** One fill per point (a RAG bar each), when the series' points differ. */
  pointFills?: string[];
}

/** A chart to write: its kind, title, categories and series, and where it sits. */
export interface SheetChart {
  kind: SummarySheetChart["kind"];
  title: string;
  labels: SummarySheetChart["labels"];
  categories: { ref: string; texts: string[] };
  series: Series[];
  /** Anchor: columns and rows, 0-based, from (col,row) to (col,row). */
  from: { col: number; row: number };
  to: { col: number; row: number };
}

/** The model's patterns as DrawingML names them. */
const DASH: Record<SummaryChartDash, string> = { solid: "solid", dash: "dash", "round-dot": "sysDot", "dash-dot": "dashDot", "dash-dot-dot": "lgDashDotDot", dot: "sysDash" };

/** An absolute reference to some cells of the summary sheet: 'Panel Summary'!$B$20:$B$24. */
function ref(sheet: string, range: string): string {
  const area = parseA1Range(range)!;
  const at = (row: number, col: number) => `$${columnLetter(col)}$${row}`;
  const quoted = `'${sheet.replace(/'/g, "''")}'!`;
  return area.top === area.bottom && area.left === area.right ? `${quoted}${at(area.top, area.left)}` : `${quoted}${at(area.top, area.left)}:${at(area.bottom, area.right)}`;
}

/**
 * The Panel Summary's charts as the plan declares them (summarySheetCharts, in
 * the model: the same three Excel's add-in draws), with references on `sheet`.
 */
export function summaryCharts(plan: SummaryPlan, sheet: string): SheetChart[] {
  return plan.charts.map((c) => {
    const from = parseA1Range(c.from)!;
    const to = parseA1Range(c.to)!;
    return {
      kind: c.kind,
      title: c.title,
      labels: c.labels,
      categories: { ref: ref(sheet, c.categories.range), texts: c.categories.texts },
      series: c.series.map((s) => ({
        name: { ref: ref(sheet, s.nameCell), text: s.name },
        values: { ref: ref(sheet, s.values), numbers: s.numbers },
        fill: hex(s.fill),
        line: hex(s.line),
        label: hex(s.label),
        dash: DASH[s.dash],
        marker: s.marker,
        ...(s.pointFills ? { pointFills: s.pointFills.map(hex) } : {}),
      })),
      // A two-cell anchor: from the top-left of `from` to the bottom-right of `to` (the top-left of the cell after it).
      from: { col: from.left - 1, row: from.top - 1 },
      to: { col: to.right, row: to.bottom },
    };
  });
}

function strRef(r: { ref: string; texts: string[] }): string {
  const points = r.texts.map((t, i) => `<c:pt idx="${i}"><c:v>${escapeXml(t)}</c:v></c:pt>`).join("");
  return `<c:strRef><c:f>${escapeXml(r.ref)}</c:f><c:strCache><c:ptCount val="${r.texts.length}"/>${points}</c:strCache></c:strRef>`;
}

function numRef(r: { ref: string; numbers: number[] }): string {
  const points = r.numbers.map((n, i) => `<c:pt idx="${i}"><c:v>${Number.isFinite(n) ? n : 0}</c:v></c:pt>`).join("");
  return `<c:numRef><c:f>${escapeXml(r.ref)}</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${r.numbers.length}"/>${points}</c:numCache></c:numRef>`;
}

const solid = (colour: string) => `<a:solidFill><a:srgbClr val="${colour}"/></a:solidFill>`;
const outline = (colour: string, dash: string, width = 19050) => `<a:ln w="${width}">${solid(colour)}<a:prstDash val="${dash}"/></a:ln>`;
/** Each bar's count as its label (zeros left out of stacked bars, where they would sit on their neighbours). */
const labels = (colour: string, zeros: boolean) =>
  `<c:dLbls>${zeros ? "" : '<c:numFmt formatCode="0;-0;;" sourceLinked="0"/>'}<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr><c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="900" b="1">${solid(colour)}</a:defRPr></a:pPr><a:endParaRPr lang="en-GB"/></a:p></c:txPr><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>`;

function seriesXml(chart: SheetChart, s: Series, i: number): string {
  const head = `<c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:strRef><c:f>${escapeXml(s.name.ref)}</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>${escapeXml(s.name.text)}</c:v></c:pt></c:strCache></c:strRef></c:tx>`;
  const data = `<c:cat>${strRef(chart.categories)}</c:cat><c:val>${numRef(s.values)}</c:val>`;
  if (chart.kind === "lines") {
    const marker = `<c:marker><c:symbol val="${s.marker}"/><c:size val="7"/><c:spPr>${solid(s.line)}${outline(s.line, "solid", 9525)}</c:spPr></c:marker>`;
    return `<c:ser>${head}<c:spPr>${outline(s.line, s.dash, 28575)}</c:spPr>${marker}${data}<c:smooth val="0"/></c:ser>`;
  }
  const points = (s.pointFills ?? []).map((f, p) => `<c:dPt><c:idx val="${p}"/><c:invertIfNegative val="0"/><c:bubble3D val="0"/><c:spPr>${solid(f)}${outline("000000", "solid")}</c:spPr></c:dPt>`).join("");
  return `<c:ser>${head}<c:spPr>${solid(s.fill)}${outline(s.line, s.dash)}</c:spPr><c:invertIfNegative val="0"/>${points}${chart.labels === "none" ? "" : labels(s.label, chart.labels === "all")}${data}</c:ser>`;
}

/** One chart part. */
export function chartXml(chart: SheetChart): string {
  const series = chart.series.map((s, i) => seriesXml(chart, s, i)).join("");
  const axes = `<c:axId val="500000001"/><c:axId val="500000002"/>`;
  const plot =
    chart.kind === "lines"
      ? `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series}<c:marker val="1"/>${axes}</c:lineChart>`
      : `<c:barChart><c:barDir val="${chart.kind === "stacked-bars" ? "bar" : "col"}"/><c:grouping val="${chart.kind === "stacked-bars" ? "stacked" : "clustered"}"/><c:varyColors val="0"/>${series}<c:gapWidth val="60"/>${chart.kind === "stacked-bars" ? '<c:overlap val="100"/>' : ""}${axes}</c:barChart>`;
  const text = `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="900">${solid("1A1A1A")}</a:defRPr></a:pPr><a:endParaRPr lang="en-GB"/></a:p></c:txPr>`;
  // Bars run across the page: the themes' axis reads top to bottom in the table's order.
  const reversed = chart.kind === "stacked-bars" ? "maxMin" : "minMax";
  const catAx = `<c:catAx><c:axId val="500000001"/><c:scaling><c:orientation val="${reversed}"/></c:scaling><c:delete val="0"/><c:axPos val="${chart.kind === "stacked-bars" ? "l" : "b"}"/><c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:spPr>${outline("404040", "solid", 9525)}</c:spPr>${text}<c:crossAx val="500000002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`;
  const valAx = `<c:valAx><c:axId val="500000002"/><c:scaling><c:orientation val="minMax"/><c:min val="0"/></c:scaling><c:delete val="0"/><c:axPos val="${chart.kind === "stacked-bars" ? "b" : "l"}"/><c:majorGridlines><c:spPr>${outline("D0D0D0", "solid", 6350)}</c:spPr></c:majorGridlines><c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr lang="en-GB" sz="900" b="0"/><a:t>Actions</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title><c:numFmt formatCode="0" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:spPr>${outline("404040", "solid", 9525)}</c:spPr>${text}<c:crossAx val="500000001"/><c:crosses val="${chart.kind === "stacked-bars" ? "max" : "autoZero"}"/><c:crossBetween val="between"/><c:majorUnit val="${majorUnit(chart)}"/></c:valAx>`;
  const legend = chart.kind === "columns" ? "" : `<c:legend><c:legendPos val="b"/><c:overlay val="0"/>${text}</c:legend>`;
  const title = `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr lang="en-GB" sz="1100" b="1"/><a:t>${escapeXml(chart.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`;
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<c:chartSpace xmlns:c="${NS.c}" xmlns:a="${NS.a}" xmlns:r="${NS.r}"><c:lang val="en-GB"/><c:roundedCorners val="0"/><c:chart>${title}<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>${plot}${catAx}${valAx}</c:plotArea>${legend}<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart><c:spPr>${solid("FFFFFF")}${outline("BFBFBF", "solid", 9525)}</c:spPr></c:chartSpace>`;
}

/** Whole numbers on the count axis: a step of at least 1. */
function majorUnit(chart: SheetChart): number {
  const totals = chart.categories.texts.map((_, i) =>
    chart.kind === "stacked-bars" ? chart.series.reduce((sum, s) => sum + (s.values.numbers[i] || 0), 0) : Math.max(0, ...chart.series.map((s) => s.values.numbers[i] || 0)),
  );
  return Math.max(1, Math.ceil(Math.max(1, ...totals) / 6));
}

function drawingXml(charts: readonly SheetChart[], firstRel: number): string {
  const anchors = charts
    .map(
      (c, i) =>
        `<xdr:twoCellAnchor editAs="oneCell"><xdr:from><xdr:col>${c.from.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${c.from.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>${c.to.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${c.to.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="Chart ${i + 1}" descr="${escapeXml(c.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="${NS.c}"><c:chart xmlns:c="${NS.c}" r:id="rId${firstRel + i}"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`,
    )
    .join("");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${NS.xdr}" xmlns:a="${NS.a}" xmlns:r="${NS.r}">${anchors}</xdr:wsDr>`;
}

/** The first free number N of a part name, e.g. xl/charts/chartN.xml. */
function freeNumber(zip: JSZip, prefix: string, suffix: string, from = 1): number {
  let n = from;
  while (zip.file(`${prefix}${n}${suffix}`)) n++;
  return n;
}

/** The sheet's part (xl/worksheets/sheetK.xml) from its name. */
async function sheetPart(zip: JSZip, sheet: string): Promise<string | null> {
  const workbook = await zip.file("xl/workbook.xml")?.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")?.async("string");
  if (!workbook || !rels) return null;
  const entry = [...workbook.matchAll(/<sheet\b[^>]*>/g)].map((m) => m[0]).find((s) => s.includes(`name="${escapeXml(sheet)}"`));
  const id = entry && /r:id="([^"]+)"/.exec(entry)?.[1];
  const target = id && new RegExp(`<Relationship\\b[^>]*Id="${id}"[^>]*>`).exec(rels)?.[0];
  const path = target && /Target="([^"]+)"/.exec(target)?.[1];
  if (!path) return null;
  return path.startsWith("/") ? path.slice(1) : `xl/${path}`;
}

/**
 * Add the summary's charts to an .xlsx that ExcelJS wrote: the bytes with the
 * chart parts, or the bytes as they were when the sheet has no chart to draw
 * or already has a drawing of its own.
 */
export async function addSummaryCharts(bytes: Uint8Array, plan: SummaryPlan, sheet: string): Promise<{ bytes: Uint8Array; charts: number }> {
  const charts = summaryCharts(plan, sheet);
  if (charts.length === 0) return { bytes, charts: 0 };
  const zip = await JSZip.loadAsync(bytes);
  const part = await sheetPart(zip, sheet);
  const xml = part ? await zip.file(part)?.async("string") : undefined;
  if (!part || !xml || xml.includes("<drawing ")) return { bytes, charts: 0 };
  const name = part.slice(part.lastIndexOf("/") + 1);
  const relsPath = `${part.slice(0, part.lastIndexOf("/"))}/_rels/${name}.rels`;
  let rels = (await zip.file(relsPath)?.async("string")) ?? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.rel}"></Relationships>`;
  let relId = 1;
  while (rels.includes(`Id="rId${relId}"`)) relId++;
  const drawingNumber = freeNumber(zip, "xl/drawings/drawing", ".xml");
  rels = rels.replace("</Relationships>", `<Relationship Id="rId${relId}" Type="${NS.r}/drawing" Target="../drawings/drawing${drawingNumber}.xml"/></Relationships>`);
  zip.file(relsPath, rels);
  // <drawing> goes after the page setup and before <legacyDrawing>, <tableParts> and <extLst> (the schema's order).
  const at = ["<legacyDrawing", "<legacyDrawingHF", "<picture", "<oleObjects", "<controls", "<webPublishItems", "<tableParts", "<extLst", "</worksheet>"].map((t) => xml.indexOf(t)).filter((i) => i >= 0);
  const insert = Math.min(...at);
  const withR = /<worksheet\b[^>]*xmlns:r=/.test(xml) ? xml : xml.replace("<worksheet ", `<worksheet xmlns:r="${NS.r}" `);
  const shift = withR.length - xml.length;
  zip.file(part, `${withR.slice(0, insert + shift)}<drawing r:id="rId${relId}"/>${withR.slice(insert + shift)}`);
  let types = await zip.file("[Content_Types].xml")!.async("string");
  const drawingRels: string[] = [];
  // Named as ours ("chart1_summary.xml"): a later copy replaces the summary and its charts, so they are not
  // among the parts a copy leaves out (partsLostInCopy counts the user's "chartN.xml").
  let chartNumber = freeNumber(zip, "xl/charts/chart", SUMMARY_CHART_SUFFIX);
  charts.forEach((c, i) => {
    const part = `xl/charts/chart${chartNumber}${SUMMARY_CHART_SUFFIX}`;
    zip.file(part, chartXml(c));
    drawingRels.push(`<Relationship Id="rId${i + 1}" Type="${NS.r}/chart" Target="../charts/chart${chartNumber}${SUMMARY_CHART_SUFFIX}"/>`);
    types = types.replace("</Types>", `<Override PartName="/${part}" ContentType="${CHART_TYPE}"/></Types>`);
    chartNumber++;
  });
  zip.file(`xl/drawings/drawing${drawingNumber}.xml`, drawingXml(charts, 1));
  zip.file(`xl/drawings/_rels/drawing${drawingNumber}.xml.rels`, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.rel}">${drawingRels.join("")}</Relationships>`);
  types = types.replace("</Types>", `<Override PartName="/xl/drawings/drawing${drawingNumber}.xml" ContentType="${DRAWING_TYPE}"/></Types>`);
  zip.file("[Content_Types].xml", types);
  return { bytes: await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }), charts: charts.length };
}
