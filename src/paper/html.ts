/**
 * The panel paper as one self-contained HTML page (no script, no external
 * file), fit to put on a PCC website: semantic headings, tables with a caption
 * and `<th scope>`, `lang="en-GB"`, colours always with their words, and the
 * appendix on landscape pages when printed. Every text is escaped: tracker
 * cells are data, never markup.
 */
import type { PaperBlock, PaperCell, PaperPlan, PaperTable } from "../model";

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** Text with its line breaks kept. */
function lines(text: string): string {
  return escapeHtml(text).replace(/\r?\n/g, "<br>");
}

function style(c: PaperCell): string {
  return c.colours ? ` style="background-color:${c.colours.fill};color:${c.colours.font}"` : "";
}

function td(c: PaperCell, rowHeader: boolean): string {
  const inner = c.bold ? `<strong>${lines(c.text)}</strong>` : lines(c.text);
  return rowHeader ? `<th scope="row"${style(c)}>${inner}</th>` : `<td${style(c)}>${inner}</td>`;
}

function table(t: PaperTable): string {
  const total = t.widths.reduce((s, w) => s + w, 0);
  const cols = t.widths.map((w) => `<col style="width:${((w / total) * 100).toFixed(1)}%">`).join("");
  const head = `<tr>${t.header.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join("")}</tr>`;
  const body = t.rows.map((row) => `<tr>${row.map((c, i) => td(c, t.rowHeaders && i === 0)).join("")}</tr>`).join("\n");
  return `<table>\n<caption>${escapeHtml(t.caption)}</caption>\n<colgroup>${cols}</colgroup>\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

function block(b: PaperBlock): string {
  if (b.kind === "paragraph") return `<p>${lines(b.text)}</p>`;
  if (b.kind === "bullets") return `<ul>\n${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join("\n")}\n</ul>`;
  return table(b.table);
}

const CSS = `
body{font-family:Arial,Helvetica,sans-serif;font-size:1rem;line-height:1.45;color:#1a1a1a;background:#fff;margin:0}
main{max-width:60rem;margin:0 auto;padding:1.5rem}
h1{font-size:1.9rem;color:#1F3864;margin:0 0 .5rem}
h2{font-size:1.35rem;color:#1F3864;margin:1.75rem 0 .5rem}
h3{font-size:1.15rem;color:#1F3864;margin:1.25rem 0 .4rem}
.subtitle{color:#404040;margin:.1rem 0}
table{border-collapse:collapse;width:100%;margin:.25rem 0 1rem;font-size:.9rem}
caption{text-align:left;font-weight:bold;padding:.3rem 0}
th,td{border:1px solid #808080;padding:.3rem .4rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
thead th{background:#D9D9D9;color:#000}
tbody th{font-weight:normal}
.appendix{max-width:none}
@page{size:A4 portrait;margin:2cm}
@page appendix{size:A4 landscape;margin:2cm}
@media print{main{max-width:none;padding:0}.appendix{page:appendix;break-before:page}thead{display:table-header-group}tr{break-inside:avoid}}
`;

/** The paper as one HTML page. */
export function paperHtml(paper: PaperPlan): string {
  const parts: string[] = [];
  parts.push(`<header>\n<h1>${escapeHtml(paper.title)}</h1>\n${paper.subtitle.map((l) => `<p class="subtitle">${escapeHtml(l)}</p>`).join("\n")}\n</header>`);
  for (const s of paper.sections) {
    parts.push(`<section>\n<h2>${escapeHtml(s.heading)}</h2>\n${s.blocks.map(block).join("\n")}\n</section>`);
  }
  const groups = paper.appendix.groups.map((g) => `<section>\n<h3>${escapeHtml(g.theme)}</h3>\n${table(g.table)}\n</section>`).join("\n");
  parts.push(`<section class="appendix">\n<h2>${escapeHtml(paper.appendix.heading)}</h2>\n${paper.appendix.intro.map((p) => `<p>${escapeHtml(p)}</p>`).join("\n")}\n${groups}\n</section>`);
  return `<!DOCTYPE html>
<html lang="${paper.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(paper.documentTitle)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
${parts.join("\n")}
</main>
</body>
</html>
`;
}
