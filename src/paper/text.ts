/**
 * The panel paper as plain text: what the clipboard carries beside the HTML,
 * for a place that takes no formatting (an e-mail in plain text, a text box).
 * The cover's lines (left and right parts a tab apart), headings on lines of
 * their own, numbered paragraphs ("5.2 …"), bullets as "•", tables as
 * tab-separated rows, a background document's link under its title.
 */
import type { PaperBlock, PaperCoverLine, PaperPlan, PaperTable } from "../model";

function table(t: PaperTable): string[] {
  const row = (cells: string[]) => cells.map((c) => c.replace(/\s*\r?\n\s*/g, " ")).join("\t");
  return [t.caption, row(t.header), ...t.rows.map((r) => row(r.map((c) => c.text)))];
}

function block(b: PaperBlock): string[] {
  // A chart's figures are in the table that follows it.
  if (b.kind === "chart") return [];
  if (b.kind === "paragraph") return [b.number ? `${b.number} ${b.text}` : b.text];
  if (b.kind === "bullets") return b.items.map((i) => `• ${i}`);
  if (b.kind === "document") return [b.title, ...(b.url ? [b.url] : [])];
  return table(b.table);
}

function coverLine(line: PaperCoverLine): string {
  const words = (parts: { text: string }[]) => parts.map((p) => p.text).join("");
  return line.right ? `${words(line.left)}\t${words(line.right)}` : words(line.left);
}

export function paperText(paper: PaperPlan): string {
  const out: string[] = [...paper.cover.map(coverLine), "", paper.title, ...paper.subtitle, ""];
  for (const s of paper.sections) {
    out.push(s.heading);
    for (const b of s.blocks) out.push(...block(b));
    out.push("");
  }
  out.push(paper.appendix.heading, ...paper.appendix.intro, "");
  for (const g of paper.appendix.groups) out.push(g.theme, ...table(g.table), "");
  out.push(paper.appendix.end);
  return out.join("\n");
}
