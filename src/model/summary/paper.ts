/**
 * The panel paper: the covering report to the Police and Crime Panel, with the
 * delivery plan as its appendix, as a plan (plain data) that the document
 * writers (src/paper: .docx and .html) lay out.
 *
 * Its figures are the Panel Summary's: the paper is made FROM the summary's
 * content (`panelSummaryContent`), the same tables, declared by their columns,
 * that the sheet lays out (`layOutPanelSummary`), so the Excel sheet, the
 * .xlsx sheet and the paper say the same thing. The paper shows the columns
 * declared for it (`inPaper`), at their declared shares of its width. Only the
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
import type { Action } from "../issues/schema";
import { DIRECTION_COLOURS, RAG_COLOURS, STATUS_COLOURS } from "../plans/formatting";
import type { Colours } from "../plans/formatting";
import { DIRECTION_WORDS, andList, panelSummaryContent } from "./summary";
import { formatLongDate } from "../sheet/timeframe";
import type { PanelSummaryInput, SummaryColumn, SummaryContent, SummaryTable, SummaryTableId, SummaryValue } from "./summary";
import { updateChangeWords } from "../analysis/updates";
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
  /** The Panel Summary's content of the same input, when already made (so it is made once). */
  content?: SummaryContent;
}

function even(n: number): number[] {
  const w = Math.floor(100 / n);
  return Array.from({ length: n }, (_, i) => (i === 0 ? 100 - w * (n - 1) : w));
}

/** The paper's relative widths of some columns: each its declared share, and what is left shared evenly among the others. */
function paperWidths(columns: readonly SummaryColumn[]): number[] {
  const given = columns.reduce((sum, c) => sum + (c.paperWidth ?? 0), 0);
  const free = columns.filter((c) => c.paperWidth === undefined).length;
  const shares = free ? even(free).map((w) => Math.round((w * (100 - given)) / 100)) : [];
  let next = 0;
  return columns.map((c) => c.paperWidth ?? shares[next++]);
}

function paperCell(value: SummaryValue | undefined, colours: Colours | undefined, total: boolean | undefined): PaperCell {
  const cell: PaperCell = { text: value === null || value === undefined || value === "" ? "–" : String(value) };
  if (colours) cell.colours = { fill: colours.fill, font: colours.font };
  if (total) cell.bold = true;
  return cell;
}

/** A table of the Panel Summary as a paper's table: the columns declared for the paper, chosen by their keys. */
function paperTable(t: SummaryTable, caption = t.caption): PaperTable {
  const columns = t.columns.filter((c) => c.inPaper);
  return {
    caption,
    header: columns.map((c) => c.header),
    rows: t.rows.map((row) => columns.map((c) => paperCell(row.cells[c.key], row.colours?.[c.key], row.total))),
    widths: paperWidths(columns),
    rowHeaders: t.rowHeaders,
  };
}

/** A table, or what is said in its place when it has no rows. */
function tableOrSaid(t: SummaryTable): PaperBlock {
  return t.rows.length ? { kind: "table", table: paperTable(t) } : { kind: "paragraph", text: t.empty };
}

function idKey(id: string): string {
  return id.trim().toUpperCase();
}

/** Build the panel paper from the Panel Summary's content (made here when not given). Pure. */
export function buildPanelPaper(input: PanelPaperInput): PaperPlan {
  const content = input.content ?? panelSummaryContent(input);
  const { asOf } = input.options;
  const { period, previousLabel } = content;
  const organisation = input.options.organisation?.trim() || null;
  const subtitle = [
    ...(organisation ? [organisation] : []),
    `Report to the Police and Crime Panel: ${period}`,
    `Position as at ${formatLongDate(asOf)}${previousLabel ? `, compared with ${previousLabel}` : ""}`,
  ];
  return {
    language: PAPER_LANGUAGE,
    title: PAPER_TITLE,
    documentTitle: `${PAPER_TITLE}: ${organisation ? `${organisation}, ` : ""}${period}`,
    subtitle,
    period,
    previousLabel,
    sections: paperSections(content, asOf, organisation),
    appendix: paperAppendix(input, content),
  };
}

/** The paper's numbered sections: purpose, recommendation, the summary and the Panel Summary's tables. */
function paperSections(content: SummaryContent, asOf: Date, organisation: string | null): PaperSection[] {
  const { period, previousLabel } = content;
  const table = (id: SummaryTableId) => content.tables.find((t) => t.id === id);
  const sections: PaperSection[] = [];
  const n = () => `${sections.length + 1}.`;

  const against = previousLabel ? `, with the changes since ${previousLabel}` : "";
  sections.push({
    heading: `${n()} Purpose`,
    blocks: [
      {
        kind: "paragraph",
        text: `This report is presented to the Police and Crime Panel (the “Panel”) to enable the Panel to review the progress${organisation ? ` of ${organisation}` : ""} against the actions of the Police and Crime Plan (the “Plan”), as at ${formatLongDate(asOf)}${against}. The delivery plan itself is at Appendix 1.`,
      },
    ],
  });
  sections.push({ heading: `${n()} Recommendation`, blocks: [{ kind: "paragraph", text: "The Panel is recommended to note the report." }] });
  sections.push({
    heading: `${n()} Summary`,
    blocks: [
      { kind: "paragraph", text: content.text.sentence },
      { kind: "paragraph", text: content.text.listIntro },
      ...(content.text.bullets.length ? [{ kind: "bullets" as const, items: content.text.bullets }] : []),
    ],
  });

  const headline = table("headline")!;
  const by = `Actions by ${content.countedBy}`;
  const statusBlocks: PaperBlock[] = [{ kind: "table", table: paperTable(headline, previousLabel ? `${by}: ${period} and ${previousLabel}` : `${by}, ${period}`) }];
  const updates = table("updates");
  if (content.updates && updates) {
    const u = content.updates.counts;
    statusBlocks.push({
      kind: "paragraph",
      text: `Since ${u.since}, ${u.updated === 1 ? "1 action has" : `${u.updated} actions have`} a new update, ${u.notUpdated === 1 ? "1 has" : `${u.notUpdated} have`} no new update${u.new ? ` and ${u.new === 1 ? "1 action is" : `${u.new} actions are`} new to the plan` : ""}${u.notCompared ? `; ${u.notCompared} could not be compared (the ${u.since} snapshot kept no updates)` : ""}.`,
    });
    statusBlocks.push({ kind: "table", table: paperTable(updates) });
  }
  sections.push({ heading: `${n()} Status against ${previousLabel ?? "the plan"}`, blocks: statusBlocks });

  const themes = table("themes")!;
  sections.push({ heading: `${n()} Actions by theme and status`, blocks: [tableOrSaid(themes)] });
  const rag = table("rag")!;
  sections.push({ heading: `${n()} ${rag.caption}`, blocks: [tableOrSaid(rag)] });
  sections.push({ heading: `${n()} Direction of travel`, blocks: [tableOrSaid(table("direction")!)] });

  const exceptions = table("exceptions")!;
  const exceptionsBlocks: PaperBlock[] = exceptions.rows.length
    ? [
        { kind: "paragraph", text: `Listed here: ${andList(content.exceptionRules)}.` },
        { kind: "table", table: paperTable(exceptions, `Exceptions (${exceptions.rows.length})`) },
      ]
    : [{ kind: "paragraph", text: exceptions.empty }];
  sections.push({ heading: `${n()} Exceptions`, blocks: exceptionsBlocks });
  return sections;
}

/** Appendix 1: every action, by theme, in the tracker's order. */
function paperAppendix(input: PanelPaperInput, content: SummaryContent): PaperPlan["appendix"] {
  const { report, options } = input;
  const previous = input.previous ?? null;
  const { previousLabel } = content;
  const updateChanges = content.updates?.byId ?? null;
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
  return { heading: "Appendix 1 – Delivery Plan: actions to deliver the Police and Crime Plan", intro, groups: appendixGroups, actions: report.actions.length };
}

function statusCell(a: Action): PaperCell {
  const text = [a.status, a.rag].filter(Boolean).join(" / ") || "Not set";
  const colours = a.rag ? RAG_COLOURS[a.rag] : a.status ? STATUS_COLOURS[a.status] : undefined;
  return colours ? { text, colours } : { text };
}
