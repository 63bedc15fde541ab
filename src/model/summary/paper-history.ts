/**
 * The paper's section on progress over time, when the workbook keeps at least
 * two periods: one sentence of what changed from the oldest period to this
 * one, and the Panel Summary's history table (history-table.ts).
 */
import { andList } from "./sentences";
import { actions } from "./paper-parts";
import type { PaperFacts, SectionWriter } from "./paper-parts";
import { paperTable } from "./paper-tables";
import { percent } from "./history-table";
import { historyChart } from "./paper-charts";

/** Whether the paper has a section on progress over time: two periods kept or more. */
export function hasHistory(f: PaperFacts): boolean {
  return f.content.tables.some((t) => t.id === "history");
}

/** "Of the 4 actions in June 2021, none was complete (0%); in December 2021, 2 of 4 are (50%)." and the table. */
export function writeHistory(s: SectionWriter, f: PaperFacts): void {
  const entries = f.content.history ?? [];
  const table = f.content.tables.find((t) => t.id === "history");
  if (!table || entries.length < 2) return;
  const first = entries[0];
  const last = entries[entries.length - 1];
  const labels = entries.map((e) => e.label);
  const kept = `The tracker keeps ${entries.length} periods: ${andList(labels)}.`;
  if (f.content.countedBy === "RAG") {
    const green = (e: (typeof entries)[number], past: boolean) => `${e.rag.Green} of ${actions(e.actions)} ${e.rag.Green === 1 ? (past ? "was" : "is") : past ? "were" : "are"} Green`;
    s.paragraph(`${kept} In ${first.label}, ${green(first, true)}; in ${last.label}, ${green(last, false)}.`);
  } else {
    const complete = (n: number, of: number, verb: string) => (n === 0 ? `none of the ${actions(of)} ${verb} complete` : `${n} of ${actions(of)} ${verb} complete`);
    const done = (e: (typeof entries)[number], past: boolean) => complete(e.status.Completed, e.actions, e.status.Completed === 1 ? (past ? "was" : "is") : past ? "were" : "are");
    s.paragraph(`${kept} In ${first.label}, ${done(first, true)} (${percent(first.shareComplete)}); in ${last.label}, ${done(last, false)} (${percent(last.shareComplete)}).`);
  }
  s.chart(historyChart(entries, f.content.countedBy === "RAG")).table(paperTable(table, ""), `Actions by ${f.content.countedBy} in each period, ${first.label} to ${last.label}`);
}
