/**
 * The panel paper as one self-contained HTML page (no script, no external
 * file), fit to put on a PCC website: the cover block, semantic headings,
 * numbered paragraphs, tables with a caption and `<th scope>`, `lang="en-GB"`,
 * colours always with their words, and, printed, A4 pages with the appendix
 * landscape, the short title at the head and "Page 3 of 14" at the foot. Every
 * text is escaped: tracker cells are data, never markup; a link is made only
 * of a web address (http, https, mailto).
 *
 * No word breaks inside itself, on screen or printed: `hyphens: none`,
 * `overflow-wrap: normal`, `word-break: keep-all`, and each table's columns
 * sized from their content for the printed page (widths.ts).
 */
import type { ChartImage, PaperBlock, PaperCell, PaperCoverLine, PaperPlan, PaperRun, PaperTable } from "../model";
import { fitColumns, textWidth } from "./widths";
import type { TableFont } from "./widths";

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** A CSS string's content: every character but letters, digits and spaces as a hex escape, so no text can end the string. */
function cssString(text: string): string {
  return [...text].map((ch) => (/[A-Za-z0-9 ]/.test(ch) ? ch : `\\${ch.codePointAt(0)!.toString(16)} `)).join("");
}

/** Text with its line breaks kept. */
function lines(text: string): string {
  return escapeHtml(text).replace(/\r?\n/g, "<br>");
}

/** Wider than a third of a printed page: a web address, say, that must break wherever it is. */
const UNBREAKABLE = 482 / 3;

/** A cell's text with its line breaks kept, and a "word" too long for any column (a web address) allowed to break. */
function cellLines(text: string): string {
  return text
    .split(/(\s+)/)
    .map((part) => (part.trim() && textWidth(part, PRINT_FONT.size) > UNBREAKABLE ? `<span class="long">${escapeHtml(part)}</span>` : lines(part)))
    .join("");
}

function style(c: PaperCell): string {
  return c.colours ? ` style="background-color:${c.colours.fill};color:${c.colours.font}"` : "";
}

function td(c: PaperCell, rowHeader: boolean): string {
  const inner = c.bold ? `<strong>${cellLines(c.text)}</strong>` : cellLines(c.text);
  return rowHeader ? `<th scope="row"${style(c)}>${inner}</th>` : `<td${style(c)}>${inner}</td>`;
}

/** Printed table text: 8.5 pt with 4 pt of padding each side; the printed widths of A4 with 2 cm margins, in points. */
const PRINT_FONT: TableFont = { size: 8.5, padding: 8 };
const PRINT_WIDTH = { portrait: 482, landscape: 728 };

function table(t: PaperTable, orientation: "portrait" | "landscape"): string {
  const widths = fitColumns(t, PRINT_WIDTH[orientation], PRINT_FONT);
  const total = widths.reduce((s, w) => s + w, 0);
  const cols = widths.map((w) => `<col style="width:${((w / total) * 100).toFixed(1)}%">`).join("");
  const head = `<tr>${t.header.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join("")}</tr>`;
  const body = t.rows.map((row) => `<tr>${row.map((c, i) => td(c, t.rowHeaders && i === 0)).join("")}</tr>`).join("\n");
  return `<table>\n<caption>${escapeHtml(t.caption)}</caption>\n<colgroup>${cols}</colgroup>\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

/**
 * A chart inline: its SVG, an image named by its <title> (the alt text, every
 * figure in words), captioned as a figure; the table of its figures follows.
 * Nothing when no image was drawn for it.
 */
function chart(b: Extract<PaperBlock, { kind: "chart" }>, images: ChartImages | undefined): string {
  const image = images?.get(b.chart.id);
  if (!image) return "";
  const id = `chart-${b.chart.id}`;
  // One image named by its title: the marks' own roles and labels are taken off (the title says every figure).
  const plain = image.svg.replace(/\s(role|aria-[a-z]+)="[^"]*"/g, "");
  const svg = plain.replace(/^<svg\b([^>]*)>/, (_, attrs: string) => `<svg${attrs} role="img" aria-labelledby="${id}-title"><title id="${id}-title">${escapeHtml(b.chart.alt)}</title>`);
  return `<figure class="chart">\n${svg}\n<figcaption>${escapeHtml(b.caption)}</figcaption>\n</figure>`;
}

function block(b: PaperBlock, images?: ChartImages): string {
  if (b.kind === "chart") return chart(b, images);
  if (b.kind === "paragraph") {
    const text = b.placeholder ? `<mark>${lines(b.text)}</mark>` : lines(b.text);
    return b.number ? `<p class="numbered"><span class="number">${escapeHtml(b.number)}</span>${text}</p>` : `<p>${text}</p>`;
  }
  if (b.kind === "bullets") return `<ul>\n${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join("\n")}\n</ul>`;
  if (b.kind === "document") return `<p class="document">${escapeHtml(b.title)}${b.url ? `<br><a href="${escapeHtml(b.url)}">${escapeHtml(b.url)}</a>` : ""}</p>`;
  return table(b.table, "portrait");
}

function runs(parts: PaperRun[]): string {
  return parts.map((p) => (p.placeholder ? `<mark>${escapeHtml(p.text)}</mark>` : escapeHtml(p.text))).join("");
}

function coverLine(line: PaperCoverLine): string {
  const right = line.right ? `<span class="right">${runs(line.right)}</span>` : "";
  return `<p class="cover-line${line.strong ? " strong" : ""}"><span>${runs(line.left)}</span>${right}</p>`;
}

function css(paper: PaperPlan): string {
  return `
body{font-family:Arial,Helvetica,sans-serif;font-size:1rem;line-height:1.45;color:#1a1a1a;background:#fff;margin:0}
main{max-width:60rem;margin:0 auto;padding:1.5rem}
body,td,th,caption,p,li{hyphens:none;-webkit-hyphens:none;overflow-wrap:normal;word-break:keep-all}
h1{font-size:1.7rem;color:#1F3864;margin:1rem 0 .5rem}
h2{font-size:1.3rem;color:#1F3864;margin:1.5rem 0 .5rem}
h3{font-size:1.1rem;color:#1F3864;margin:1.1rem 0 .4rem}
.cover-line{display:flex;justify-content:space-between;gap:1rem;margin:.15rem 0}
.cover-line.strong{font-weight:bold}
.subtitle{color:#404040;margin:.1rem 0}
.numbered{padding-left:3rem;text-indent:-3rem}
.numbered .number{display:inline-block;width:3rem;text-indent:0}
.document{padding-left:3rem}
mark{background:#FFFF00;color:#000;font-weight:bold}
.long{overflow-wrap:anywhere;word-break:break-all}
a{color:#0B57A4}
table{border-collapse:collapse;width:100%;margin:.25rem 0 1rem;font-size:.9rem}
caption{text-align:left;font-weight:bold;padding:.3rem 0}
th,td{border:1px solid #808080;padding:.3rem .4rem;text-align:left;vertical-align:top}
thead th{background:#D9D9D9;color:#000}
tbody th{font-weight:normal}
.appendix{max-width:none}
figure.chart{margin:.5rem 0}
figure.chart svg{max-width:100%;height:auto}
figcaption{font-weight:bold;padding:.3rem 0}
@page{size:A4 portrait;margin:2cm 2cm 2cm;@top-left{content:"${cssString(paper.shortTitle)}";font:8pt Arial,Helvetica,sans-serif;color:#404040}@bottom-right{content:"Page " counter(page) " of " counter(pages);font:8pt Arial,Helvetica,sans-serif;color:#404040}}
@page :first{@top-left{content:none}}
@page appendix{size:A4 landscape}
@media print{
html{font-size:10pt}
main{max-width:none;padding:0}
h1{font-size:16pt;margin-top:.6rem}h2{font-size:13pt;margin:1rem 0 .3rem}h3{font-size:11pt;margin:.8rem 0 .3rem}
p{margin:.35rem 0}
table{font-size:8.5pt;margin:.2rem 0 .6rem}
th,td{padding:1.5pt 4pt;line-height:1.25}
.appendix{page:appendix;break-before:page}
thead{display:table-header-group}
tr{break-inside:avoid}
main>section:not(.appendix) table{break-inside:avoid}
h2,h3,caption{break-after:avoid}
figure.chart{break-inside:avoid}
a{color:#000}
}
`;
}

/** The paper's charts drawn, by id: a writer draws a chart only when given its image. */
export type ChartImages = ReadonlyMap<string, ChartImage>;

/** The paper as one HTML page (its charts inline when their images are given). */
export function paperHtml(paper: PaperPlan, images?: ChartImages): string {
  const parts: string[] = [];
  parts.push(
    `<header>\n<div class="cover">\n${paper.cover.map(coverLine).join("\n")}\n</div>\n<h1>${escapeHtml(paper.title)}</h1>\n${paper.subtitle.map((l) => `<p class="subtitle">${escapeHtml(l)}</p>`).join("\n")}\n</header>`,
  );
  for (const s of paper.sections) {
    parts.push(`<section>\n<h2>${escapeHtml(s.heading)}</h2>\n${s.blocks.map((b) => block(b, images)).join("\n")}\n</section>`);
  }
  const groups = paper.appendix.groups.map((g) => `<section>\n<h3>${escapeHtml(g.theme)}</h3>\n${table(g.table, "landscape")}\n</section>`).join("\n");
  parts.push(
    `<section class="appendix">\n<h2>${escapeHtml(paper.appendix.heading)}</h2>\n${paper.appendix.intro.map((p) => `<p>${escapeHtml(p)}</p>`).join("\n")}\n${groups}\n<p>${escapeHtml(paper.appendix.end)}</p>\n</section>`,
  );
  return `<!DOCTYPE html>
<html lang="${paper.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(paper.documentTitle)}</title>
<style>${css(paper)}</style>
</head>
<body>
<main>
${parts.join("\n")}
</main>
</body>
</html>
`;
}
