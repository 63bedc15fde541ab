/**
 * The panel paper as plain text: what the clipboard carries beside the HTML,
 * for a place that takes no formatting (an e-mail in plain text, a text box).
 * Headings on lines of their own, bullets as "•", tables as tab-separated rows.
 */
import type { PaperBlock, PaperPlan, PaperTable } from "../model";

function table(t: PaperTable): string[] {
  const row = (cells: string[]) => cells.map((c) => c.replace(/\s*\r?\n\s*/g, " ")).join("\t");
  return [t.caption, row(t.header), ...t.rows.map((r) => row(r.map((c) => c.text)))];
}

function block(b: PaperBlock): string[] {
  if (b.kind === "paragraph") return [b.text];
  if (b.kind === "bullets") return b.items.map((i) => `• ${i}`);
  return table(b.table);
}

export function paperText(paper: PaperPlan): string {
  const out: string[] = [paper.title, ...paper.subtitle, ""];
  for (const s of paper.sections) {
    out.push(s.heading);
    for (const b of s.blocks) out.push(...block(b));
    out.push("");
  }
  out.push(paper.appendix.heading, ...paper.appendix.intro, "");
  for (const g of paper.appendix.groups) out.push(g.theme, ...table(g.table), "");
  return out.join("\n");
}
