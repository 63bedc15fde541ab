/**
 * The paper's numbered sections, in the order of the Panel's own papers
 * (Cambridgeshire, 14 November 2018, agenda item 9): Purpose, Recommendation,
 * Terms of reference (when given), Background, Delivery against the Police and
 * Crime Plan, Exceptions, Background documents, Appendices. Each paragraph is
 * numbered ("5.2"). A section or a table appears only when the tracker has its
 * data, and each figure is given once.
 */
import { formatLongDate } from "../sheet/timeframe";
import { andList } from "./sentences";
import { isWebAddress } from "./paper-settings";
import { SectionWriter, actions } from "./paper-parts";
import type { PaperFacts } from "./paper-parts";
import { writeExceptions } from "./paper-exceptions";
import { paperTable, themeOf } from "./paper-tables";
import { hasHistory, writeHistory } from "./paper-history";
import { ragChart, themesChart } from "./paper-charts";
import type { PaperSection } from "./paper-types";
import type { SummaryTableId } from "./types";

export const APPENDIX_1 = "Appendix 1 – Delivery Plan: actions to deliver the Police and Crime Plan";

/** "the Cambridgeshire Police and Crime Panel", or the Panel in general. */
function panelName(f: PaperFacts): string {
  return f.settings.panel ? `the ${f.settings.panel.replace(/^the\s+/i, "")}` : "the Police and Crime Panel";
}

function writePurpose(s: SectionWriter, f: PaperFacts): void {
  const against = f.content.previousLabel ? `, with the changes since ${f.content.previousLabel}` : "";
  s.paragraph(
    f.settings.purpose ??
      `This report is presented to ${panelName(f)} (the “Panel”) to enable the Panel to review the progress${f.organisation ? ` of ${f.organisation}` : ""} against the actions of the Police and Crime Plan (the “Plan”), as at ${formatLongDate(f.asOf)}${against}.`,
  );
}

/** The tracker's own problems, in one plain paragraph, so that the Panel is not misled by the figures. */
export function trackerProblems(f: PaperFacts): string | null {
  const all = f.report.actions;
  const count = (missing: (a: (typeof all)[number]) => boolean) => all.filter(missing).length;
  const found: [number, string][] = [];
  if (f.has.status) found.push([count((a) => !a.status), "no status"]);
  if (f.has.rag) found.push([count((a) => !a.rag), "no RAG rating"]);
  found.push([count((a) => !a.action.trim()), "no action text"]);
  if (f.has.update) found.push([count((a) => !a.update.trim()), "no update"]);
  const parts = found.filter(([n]) => n > 0).map(([n, what], i) => `${n}${i === 0 ? ` of the ${all.length} actions` : ""} ${n === 1 ? "has" : "have"} ${what}`);
  const warnings = f.issues?.filter((i) => i.severity === "warning").length ?? 0;
  const errors = f.issues?.filter((i) => i.severity === "error").length ?? 0;
  const checks = [...(errors ? [`${errors} ${errors === 1 ? "error" : "errors"}`] : []), ...(warnings ? [`${warnings} ${warnings === 1 ? "warning" : "warnings"}`] : [])];
  if (parts.length === 0 && checks.length === 0) return null;
  const said = [...(parts.length ? [andList(parts)] : []), ...(checks.length ? [`the tracker's checks give ${andList(checks)}`] : [])];
  return `About the tracker's own data: ${said.join("; ")}.`;
}

/** How many themes the tracker has: a table by theme of one theme would say the total again. */
function themes(f: PaperFacts): number {
  return new Set(f.report.actions.map(themeOf)).size;
}

/** Delivery against the plan: the figures once (a sentence or the Plan's own list), the officer's commentary, the tables the data holds. */
function writeDelivery(s: SectionWriter, f: PaperFacts): void {
  const c = f.content;
  const table = (id: SummaryTableId) => c.tables.find((t) => t.id === id);
  if (f.settings.figures === "list") s.paragraph(c.text.listIntro).bullets(c.text.bullets);
  else s.paragraph(c.text.sentence);
  s.given(f.settings.commentary, "[Commentary: the officer's explanation of these figures]");
  if (themes(f) > 1) {
    if (f.has.status) s.chart(themesChart(table("themes")!, c.period)).table(paperTable(table("themes")!, ""), `Actions by theme and status, ${c.period}`);
    // A tracker with only a RAG: the summary's themes table is by theme and RAG (tables.ts, themeRagTable).
    else if (f.has.rag) s.chart(themesChart(table("themes")!, c.period)).table(paperTable(table("themes")!, ""), `Actions by theme and RAG, ${c.period}`);
  }
  if (f.has.status && f.has.rag) {
    const inProgress = f.report.actions.filter((a) => a.status === "In progress");
    if (inProgress.some((a) => a.rag)) s.chart(ragChart(table("rag")!, c.period)).table(paperTable(table("rag")!, ""), `RAG of the actions in progress, ${c.period}`);
  }
  const arrows = f.content.previousLabel !== null || (f.has.direction && f.report.actions.some((a) => a.direction));
  if (arrows) s.table(paperTable(table("direction")!, ""), c.previousLabel ? `Direction of travel since ${c.previousLabel}` : "Direction of travel, by the tracker's own arrows");
  const u = c.updates?.counts;
  if (u && !f.updatesCompared) s.paragraph(`Whether each update is new since ${u.since} cannot be said: no update text is kept for ${u.since}.`);
  else if (u) {
    const notCompared = u.notCompared ? `; ${u.notCompared} could not be compared (no update text kept for ${u.since})` : "";
    s.paragraph(
      `Since ${u.since}, ${actions(u.updated)} ${u.updated === 1 ? "has" : "have"} a new update and ${u.notUpdated} ${u.notUpdated === 1 ? "has" : "have"} no new update${u.new ? `; ${actions(u.new)} ${u.new === 1 ? "is" : "are"} new to the plan` : ""}${notCompared}.${u.fromChangeLog ? ` These counts are the workbook's Change log's: the updates merged for ${u.fromChangeLog}.` : ""}`,
    );
  }
  const problems = trackerProblems(f);
  if (problems) s.paragraph(problems);
}

function writeDocuments(s: SectionWriter, f: PaperFacts): void {
  const docs = f.settings.backgroundDocuments ?? [];
  if (docs.length === 0) s.paragraph("[Background documents: the title and link of each]", true);
  for (const d of docs) s.document(d.title, d.url && isWebAddress(d.url) ? d.url.trim() : null);
}

/** The numbered sections, before the appendix. */
export function paperSections(f: PaperFacts): PaperSection[] {
  const out: PaperSection[] = [];
  const section = (title: string, write: (s: SectionWriter) => void) => {
    const s = new SectionWriter(out.length + 1, title, f);
    write(s);
    out.push(s.done());
  };
  section("Purpose", (s) => writePurpose(s, f));
  section("Recommendation", (s) => s.paragraph(f.settings.recommendation ?? "The Panel is recommended to note the report."));
  if (f.settings.termsOfReference) section("Terms of reference", (s) => s.paragraph(f.settings.termsOfReference!));
  section("Background", (s) => s.given(f.settings.background, "[Background: why the Panel receives this report, and the Plan's themes]"));
  section("Delivery against the Police and Crime Plan", (s) => writeDelivery(s, f));
  if (hasHistory(f)) section("Progress over time", (s) => writeHistory(s, f));
  section("Exceptions", (s) => writeExceptions(s, f));
  section("Background documents", (s) => writeDocuments(s, f));
  section("Appendices", (s) => s.paragraph(`${APPENDIX_1}: every action of the plan (${f.report.actions.length}), by theme.`));
  return out;
}
