/**
 * The panel paper: the covering report to the Police and Crime Panel, with the
 * delivery plan as its appendix, as a plan (plain data) that the document
 * writers (src/paper: .docx and .html) lay out.
 *
 * Its figures are the Panel Summary's: the paper is made FROM the SummaryPlan
 * (`buildPanelSummary`), its tables read out of the plan's own tables, so the
 * Excel sheet, the .xlsx sheet and the paper say the same thing. Only the
 * appendix adds what the sheet does not hold: every action.
 *
 * Its shape follows the Panel's own papers (Cambridgeshire, 14 November 2018):
 * the title, Purpose, Recommendation, the summary, status against last period,
 * theme × status, the RAG of the actions in progress, direction of travel, the
 * exceptions, and "Appendix 1 – Delivery Plan".
 *
 * Accessibility, which every writer keeps: headings are headings; every table
 * has one header row and a caption; a coloured cell always says its meaning in
 * words (or a glyph and a word); no empty cell or paragraph is used for layout
 * (an empty value reads "–" or "No update"); the appendix is landscape.
 */
import { a1, columnNumber } from "../sheet/grid";
import type { Action } from "../issues/schema";
import { DIRECTION_COLOURS, RAG_COLOURS, STATUS_COLOURS } from "../plans/formatting";
import type { Colours } from "../plans/formatting";
import { DIRECTION_WORDS, buildPanelSummary, summaryCellStyles } from "./summary";
import { formatLongDate } from "../sheet/timeframe";
import type { PanelSummaryInput, SummaryPlan, SummaryTable, SummaryTableId, SummaryValue } from "./summary";
import { compareUpdates, updateChangeWords } from "../analysis/updates";
import type { Direction } from "../words/vocabulary";

export const PAPER_TITLE = "Monitoring the delivery of the Police and Crime Plan";
export const PAPER_LANGUAGE = "en-GB";

/** A cell of a paper's table: its words, and the colours that go with them (never colour alone). */
export interface PaperCell {
  text: string;
  colours?: Colours;
  /** Emphasised: the total row. */
  bold?: boolean;
}

export interface PaperTable {
  caption: string;
  header: string[];
  rows: PaperCell[][];
  /** Relative column widths (they add up to 100). */
  widths: number[];
  /** Whether the first column names the row (a row header), as in the count tables. */
  rowHeaders: boolean;
}

export type PaperBlock = { kind: "paragraph"; text: string } | { kind: "bullets"; items: string[] } | { kind: "table"; table: PaperTable };

export interface PaperSection {
  /** "1. Purpose" */
  heading: string;
  blocks: PaperBlock[];
}

export interface PaperAppendixGroup {
  /** The theme, a heading of its own. */
  theme: string;
  table: PaperTable;
}

export interface PaperPlan {
  language: typeof PAPER_LANGUAGE;
  /** "Monitoring the delivery of the Police and Crime Plan" */
  title: string;
  /** The document's title in its properties: the title, the organisation and the period. */
  documentTitle: string;
  /** Lines under the title: the organisation, the period, the position date. */
  subtitle: string[];
  period: string;
  previousLabel: string | null;
  sections: PaperSection[];
  appendix: {
    heading: string;
    intro: string[];
    groups: PaperAppendixGroup[];
    /** Every action, once: the count the appendix holds. */
    actions: number;
  };
}

export interface PanelPaperInput extends PanelSummaryInput {
  /** The Panel Summary plan of the same input, when already built (so it is built once). */
  plan?: SummaryPlan;
}

/** The plan's cell values of a table (header row excluded), by its A1 range. */
function tableBody(plan: SummaryPlan, table: SummaryTable, styles: ReturnType<typeof summaryCellStyles>): PaperCell[][] {
  const [from, to] = table.range.split(":");
  const top = Number(/\d+$/.exec(from)![0]);
  const bottom = Number(/\d+$/.exec(to)![0]);
  const left = columnNumber(/^[A-Z]+/.exec(from)![0]);
  const right = columnNumber(/^[A-Z]+/.exec(to)![0]);
  const out: PaperCell[][] = [];
  for (let r = top + 1; r <= bottom; r++) {
    const row: PaperCell[] = [];
    for (let c = left; c <= right; c++) {
      const v: SummaryValue = plan.rows[r - 1]?.[c - 1] ?? null;
      const style = styles.get(a1(r, c));
      const cell: PaperCell = { text: v === null || v === "" ? "–" : String(v) };
      if (style?.fill && style.font) cell.colours = { fill: style.fill, font: style.font };
      if (style?.bold) cell.bold = true;
      row.push(cell);
    }
    out.push(row);
  }
  return out;
}

function even(n: number): number[] {
  const w = Math.floor(100 / n);
  return Array.from({ length: n }, (_, i) => (i === 0 ? 100 - w * (n - 1) : w));
}

/** A table of the Panel Summary as a paper's table, some columns left out. */
function fromPlan(plan: SummaryPlan, styles: ReturnType<typeof summaryCellStyles>, id: SummaryTableId, options: { caption?: string; drop?: string[]; widths?: number[] } = {}): PaperTable | null {
  const table = plan.tables.find((t) => t.id === id);
  if (!table) return null;
  const keep = table.header.map((h, i) => (options.drop?.includes(h) ? -1 : i)).filter((i) => i >= 0);
  const body = tableBody(plan, table, styles);
  return {
    caption: options.caption ?? table.caption,
    header: keep.map((i) => table.header[i]),
    rows: body.map((row) => keep.map((i) => row[i])),
    widths: options.widths ?? even(keep.length),
    rowHeaders: true,
  };
}

function idKey(id: string): string {
  return id.trim().toUpperCase();
}

/** Build the panel paper from the Panel Summary plan (built here when not given). Pure. */
export function buildPanelPaper(input: PanelPaperInput): PaperPlan {
  const plan = input.plan ?? buildPanelSummary(input);
  const { report, options } = input;
  const previous = input.previous ?? null;
  const previousLabel = plan.previousLabel;
  const period = plan.period;
  const organisation = options.organisation?.trim() || null;
  const styles = summaryCellStyles(plan);
  const sections: PaperSection[] = [];
  const n = () => `${sections.length + 1}.`;

  const against = previousLabel ? `, with the changes since ${previousLabel}` : "";
  sections.push({
    heading: `${n()} Purpose`,
    blocks: [
      {
        kind: "paragraph",
        text: `This report is presented to the Police and Crime Panel (the “Panel”) to enable the Panel to review the progress${organisation ? ` of ${organisation}` : ""} against the actions of the Police and Crime Plan (the “Plan”), as at ${formatLongDate(options.asOf)}${against}. The delivery plan itself is at Appendix 1.`,
      },
    ],
  });
  sections.push({ heading: `${n()} Recommendation`, blocks: [{ kind: "paragraph", text: "The Panel is recommended to note the report." }] });
  sections.push({
    heading: `${n()} Summary`,
    blocks: [
      { kind: "paragraph", text: plan.text.sentence },
      { kind: "paragraph", text: plan.text.listIntro },
      ...(plan.text.bullets.length ? [{ kind: "bullets" as const, items: plan.text.bullets }] : []),
    ],
  });

  const statusBlocks: PaperBlock[] = [];
  const headline = fromPlan(plan, styles, "headline", {
    caption: previousLabel ? `Actions by status: ${period} and ${previousLabel}` : `Actions by status, ${period}`,
    drop: ["For the report"],
  });
  if (headline) statusBlocks.push({ kind: "table", table: headline });
  if (plan.updates) {
    const u = plan.updates;
    statusBlocks.push({
      kind: "paragraph",
      text: `Since ${u.since}, ${u.updated === 1 ? "1 action has" : `${u.updated} actions have`} a new update, ${u.notUpdated === 1 ? "1 has" : `${u.notUpdated} have`} no new update${u.new ? ` and ${u.new === 1 ? "1 action is" : `${u.new} actions are`} new to the plan` : ""}${u.notCompared ? `; ${u.notCompared} could not be compared (the ${u.since} snapshot kept no updates)` : ""}.`,
    });
    const updates = fromPlan(plan, styles, "updates", { caption: `Updates since ${u.since}`, widths: [70, 30] });
    if (updates) statusBlocks.push({ kind: "table", table: updates });
  }
  sections.push({ heading: `${n()} Status against ${previousLabel ?? "the plan"}`, blocks: statusBlocks });

  const themes = fromPlan(plan, styles, "themes");
  if (themes) themes.widths = [30, ...even(themes.header.length - 1).map((w) => Math.round((w * 70) / 100))];
  sections.push({ heading: `${n()} Actions by theme and status`, blocks: themes ? [{ kind: "table", table: themes }] : [{ kind: "paragraph", text: "There are no actions." }] });
  const rag = fromPlan(plan, styles, "rag", { widths: [60, 40] });
  sections.push({ heading: `${n()} ${rag?.caption ?? "RAG of the actions in progress"}`, blocks: rag ? [{ kind: "table", table: rag }] : [] });
  const direction = fromPlan(plan, styles, "direction", { widths: [60, 40] });
  sections.push({ heading: `${n()} Direction of travel`, blocks: direction ? [{ kind: "table", table: direction }] : [] });

  const exceptionsTable = plan.tables.find((t) => t.id === "exceptions");
  const exceptionsBlocks: PaperBlock[] = [];
  if (exceptionsTable) {
    exceptionsBlocks.push({ kind: "paragraph", text: `${exceptionsTable.caption.replace(/^Exceptions: /, "Listed here: ")}.` });
    const t = fromPlan(plan, styles, "exceptions", { caption: `Exceptions (${plan.exceptions.length})`, drop: ["Lead"], widths: [10, 24, 11, 11, 16, 28] });
    if (t) exceptionsBlocks.push({ kind: "table", table: { ...t, rowHeaders: false } });
  } else {
    const none = plan.rows.find((r) => typeof r[0] === "string" && r[0].startsWith("None: "))?.[0];
    exceptionsBlocks.push({ kind: "paragraph", text: typeof none === "string" ? none : "There are no exceptions." });
  }
  sections.push({ heading: `${n()} Exceptions`, blocks: exceptionsBlocks });

  // Appendix 1: every action, by theme, in the tracker's order.
  const updateChanges = previous && previousLabel ? compareUpdates(report.actions, previous.actions, previousLabel).byId : null;
  const directionOf = new Map((previous?.comparison.changes ?? []).map((c) => [idKey(c.id), c.direction]));
  const hasLead = report.tracker?.columns.some((c) => c.field === "lead") ?? false;
  // A tracker without a lead column gets no Lead column: no column of dashes.
  const header = ["Reference", "Action", ...(hasLead ? ["Lead"] : []), "Status / RAG", "Direction of travel", "Latest update", ...(updateChanges ? [`Update since ${previousLabel}`] : [])];
  const widths = [9, hasLead ? 24 : 30, ...(hasLead ? [9] : []), 10, 10, updateChanges ? 27 : 32, ...(updateChanges ? [11] : [])];
  const groups = new Map<string, PaperCell[][]>();
  for (const a of report.actions) {
    const theme = a.theme.trim() || "Actions";
    const dir: Direction | null = previous ? (directionOf.get(idKey(a.id)) ?? null) : a.direction;
    const row: PaperCell[] = [
      { text: a.id },
      { text: a.action.trim() || "(no action text)" },
      ...(hasLead ? [{ text: a.lead.trim() || "Not recorded" }] : []),
      statusCell(a),
      dir ? { text: DIRECTION_WORDS[dir], colours: DIRECTION_COLOURS[dir] } : { text: previous ? "–" : "No arrow" },
      { text: a.update.trim() || "No update" },
    ];
    if (updateChanges && previousLabel) row.push({ text: updateChangeWords(updateChanges.get(idKey(a.id)) ?? "new", previousLabel) });
    const list = groups.get(theme) ?? [];
    list.push(row);
    groups.set(theme, list);
  }
  const appendixGroups: PaperAppendixGroup[] = [...groups].map(([theme, rows]) => ({
    theme,
    table: { caption: `${theme}: ${rows.length === 1 ? "1 action" : `${rows.length} actions`}`, header: [...header], rows, widths: [...widths], rowHeaders: false },
  }));

  const intro = [
    `Every action of the plan (${report.actions.length}), by theme, as at ${formatLongDate(options.asOf)}: its reference, the action, ${hasLead ? "its lead, " : ""}its status or RAG, its direction of travel${previousLabel ? ` since ${previousLabel}` : ""} and its latest update.`,
  ];
  if (updateChanges && previousLabel)
    intro.push(`The last column says in words whether the update is new: “Updated since ${previousLabel}”, “No new update since ${previousLabel}” or “New since ${previousLabel}” for an action new to the plan.`);

  const subtitle = [
    ...(organisation ? [organisation] : []),
    `Report to the Police and Crime Panel: ${period}`,
    `Position as at ${formatLongDate(options.asOf)}${previousLabel ? `, compared with ${previousLabel}` : ""}`,
  ];
  return {
    language: PAPER_LANGUAGE,
    title: PAPER_TITLE,
    documentTitle: `${PAPER_TITLE}: ${organisation ? `${organisation}, ` : ""}${period}`,
    subtitle,
    period,
    previousLabel,
    sections,
    appendix: { heading: "Appendix 1 – Delivery Plan: actions to deliver the Police and Crime Plan", intro, groups: appendixGroups, actions: report.actions.length },
  };
}

function statusCell(a: Action): PaperCell {
  const text = [a.status, a.rag].filter(Boolean).join(" / ") || "Not set";
  const colours = a.rag ? RAG_COLOURS[a.rag] : a.status ? STATUS_COLOURS[a.status] : undefined;
  return colours ? { text, colours } : { text };
}
