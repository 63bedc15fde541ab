/**
 * The panel paper: the covering report to the Police and Crime Panel, with the
 * delivery plan as its appendix, as a plan (plain data) that the document
 * writers (src/paper: .docx, .html, text) lay out.
 *
 * Its shape is the Panel's own papers' (Cambridgeshire, 14 November 2018,
 * agenda item 9): the cover block (the Panel, the agenda item, the meeting
 * date, "Public Report", who reports, the contact officer and details), the
 * title, then numbered sections with numbered paragraphs (paper-sections.ts),
 * and "Appendix 1 – Delivery Plan". The officer's own words come from the
 * paper's settings (paper-settings.ts: the workbook's "Panel paper" sheet, a
 * settings file); what is not given is a visible placeholder ("[Contact
 * officer]"), listed in `missing`: no text is made up.
 *
 * Its figures are the Panel Summary's: the paper is made FROM the summary's
 * content (`panelSummaryContent`), the same tables, declared by their columns,
 * so the Excel sheet, the .xlsx sheet and the paper say the same thing. It
 * says only what the tracker holds: no RAG section without a RAG column, no
 * comparison without a previous period, each figure once.
 *
 * Accessibility, which every writer keeps: headings are headings; every table
 * has one header row and a caption that does not repeat the heading above it;
 * a coloured cell always says its meaning in words; no empty cell or paragraph
 * is used for layout (an empty value reads "–" or "No update"); the appendix is landscape.
 */
import type { Action } from "../issues/schema";
import { DIRECTION_COLOURS, RAG_COLOURS, STATUS_COLOURS } from "../plans/formatting";
import { formatLongDate, readTimeframe } from "../sheet/timeframe";
import { updateChangeWords } from "../analysis/updates";
import type { Direction } from "../words/vocabulary";
import { DIRECTION_WORDS, andList, panelSummaryContent } from "./summary";
import { EXCEPTION_KINDS } from "./paper-settings";
import type { PaperSettingKey, PaperSettings } from "./paper-settings";
import type { PaperFacts } from "./paper-parts";
import { EXCEPTIONS_IN_BODY, exceptionMark, rankExceptions } from "./paper-exceptions";
import { APPENDIX_1, paperSections } from "./paper-sections";
import { PAPER_LANGUAGE, PAPER_TITLE } from "./paper-types";
import type { PaperAppendixGroup, PaperCell, PaperCoverLine, PaperPlan, PaperRun, PanelPaperInput } from "./paper-types";
import type { SummaryContent } from "./types";

export * from "./paper-types";
export * from "./paper-settings";
export { EXCEPTIONS_IN_BODY, rankExceptions } from "./paper-exceptions";

function idKey(id: string): string {
  return id.trim().toUpperCase();
}

/** More than a quarter apart, in milliseconds (92 days). */
export const QUARTER = 92 * 24 * 3600 * 1000;

export interface PaperPosition {
  /** The date the paper's position is as at. */
  asOf: Date;
  /** Where it came from: the date given, the end of the tracker's own period, or today. */
  from: "given" | "period" | "today";
  /** Said when the date given and the tracker's period are more than a quarter apart. */
  warning: string | null;
}

/** The last day of a period label ("November 2018" → 30 November 2018, "Q3 2021/22" → 31 December 2021), or null. */
export function periodEnd(label: string): Date | null {
  const t = readTimeframe(label);
  return t.kind === "date" ? t.due : null;
}

/**
 * The position date of a paper: the date given (--as-of) when there is one,
 * else the end of the tracker's own period (its title, or the period label),
 * never later than today; else today. A date given that is more than a
 * quarter from the tracker's period is said, so the two are not confused.
 */
export function paperPosition(o: { period: string; periodKnown: boolean; given: Date | null; today: Date; /** What is as at the date, in the warning. */ what?: string }): PaperPosition {
  const end = o.periodKnown ? periodEnd(o.period) : null;
  if (o.given) {
    const apart = end ? o.given.getTime() - end.getTime() : 0;
    const warning =
      end && Math.abs(apart) > QUARTER
        ? `the position date, ${formatLongDate(o.given)}, is more than a quarter ${apart > 0 ? "after" : "before"} the tracker's own period, ${o.period} (to ${formatLongDate(end)}); ${o.what ?? "the paper"} is as at ${formatLongDate(o.given)}, as asked.`
        : null;
    return { asOf: o.given, from: "given", warning };
  }
  if (end) return { asOf: end.getTime() > o.today.getTime() ? o.today : end, from: "period", warning: null };
  return { asOf: o.today, from: "today", warning: null };
}

/** The settings shown as placeholders when not given, and those with standard wording instead. */
const PLACEHOLDERS: readonly PaperSettingKey[] = ["panel", "meetingDate", "agendaItem", "contactOfficer", "contactDetails", "background", "commentary", "backgroundDocuments"];
const STANDARD: readonly PaperSettingKey[] = ["purpose", "recommendation", "reportOf"];

function given(settings: PaperSettings, key: PaperSettingKey): boolean {
  const v = settings[key];
  return Array.isArray(v) ? v.length > 0 : v !== undefined && v !== "";
}

function run(text: string | undefined, placeholder: string): PaperRun {
  return text ? { text } : { text: placeholder, placeholder: true };
}

/** The cover block, as the Panel's papers set it. */
function paperCover(s: PaperSettings): PaperCoverLine[] {
  const agenda = s.agendaItem ? (/^agenda/i.test(s.agendaItem) ? s.agendaItem : `Agenda Item No. ${s.agendaItem}`) : undefined;
  const reportOf = s.reportOf ? (/^report of/i.test(s.reportOf) ? s.reportOf : `Report of ${s.reportOf}`) : "Report of the Police and Crime Commissioner";
  return [
    { left: [run(s.panel, "[Panel]")], right: [run(agenda, "[Agenda item]")], strong: true },
    { left: [run(s.meetingDate, "[Meeting date]")], right: [{ text: "Public Report" }], strong: true },
    { left: [{ text: reportOf }], strong: true },
    { left: [{ text: "Contact Officer – " }, run(s.contactOfficer, "[Contact officer]")] },
    { left: [{ text: "Contact Details – " }, run(s.contactDetails, "[Contact details]")] },
  ];
}

/** What the paper is made from. */
function paperFacts(input: PanelPaperInput, content: SummaryContent): PaperFacts {
  const settings = input.settings ?? {};
  const columns = input.report.tracker?.columns ?? [];
  const has = (field: string) => columns.some((c) => c.field === field);
  const u = content.updates?.counts;
  const kinds = new Set(settings.exceptions ?? EXCEPTION_KINDS);
  return {
    content,
    report: input.report,
    previous: input.previous ?? null,
    asOf: input.options.asOf,
    organisation: input.options.organisation?.trim() || settings.organisation?.trim() || null,
    settings,
    issues: input.issues ?? null,
    has: { status: has("status"), rag: has("rag"), direction: has("direction"), lead: has("lead"), update: has("update"), timeframe: has("timeframe") },
    updatesCompared: u ? u.updated + u.notUpdated > 0 : false,
    kinds,
    ranked: rankExceptions(content.exceptions, kinds),
    tables: { count: 0 },
  };
}

/** Build the panel paper from the Panel Summary's content (made here when not given). Pure. */
export function buildPanelPaper(input: PanelPaperInput): PaperPlan {
  const content = input.content ?? panelSummaryContent(input);
  const f = paperFacts(input, content);
  const { period, previousLabel } = content;
  const date = formatLongDate(f.asOf);
  const compared = previousLabel ? `, compared with ${previousLabel}` : "";
  return {
    language: PAPER_LANGUAGE,
    cover: paperCover(f.settings),
    title: PAPER_TITLE,
    shortTitle: `${PAPER_TITLE}, ${period}`,
    documentTitle: `${PAPER_TITLE}: ${f.organisation ? `${f.organisation}, ` : ""}${period}`,
    subtitle: [...(f.organisation ? [f.organisation] : []), `${date.endsWith(period) ? "Position" : `${period}: position`} as at ${date}${compared}`],
    period,
    previousLabel,
    asOf: f.asOf,
    sections: paperSections(f),
    appendix: paperAppendix(f),
    exceptions: { total: f.ranked.length, inBody: Math.min(f.ranked.length, EXCEPTIONS_IN_BODY) },
    missing: PLACEHOLDERS.filter((k) => !given(f.settings, k)),
    standard: STANDARD.filter((k) => !given(f.settings, k)),
  };
}

function statusCell(a: Action): PaperCell {
  const text = [a.status, a.rag].filter(Boolean).join(" / ") || "Not set";
  const colours = a.rag ? RAG_COLOURS[a.rag] : a.status ? STATUS_COLOURS[a.status] : undefined;
  return colours ? { text, colours } : { text };
}

/** Appendix 1: every action, by theme, in the tracker's order, each with its reasons when it is an exception. */
function paperAppendix(f: PaperFacts): PaperPlan["appendix"] {
  const { report, previous } = f;
  const { previousLabel } = f.content;
  const updateChanges = previousLabel && f.updatesCompared ? (f.content.updates?.byId ?? null) : null;
  const directionOf = new Map((previous?.comparison.changes ?? []).map((c) => [idKey(c.id), c.direction]));
  const showDirection = previous !== null || f.has.direction;
  const marks = new Map(f.ranked.map((r) => [idKey(r.exception.id), r]));
  const showExceptions = f.ranked.length > 0;
  const status = f.has.status && f.has.rag ? "Status / RAG" : f.has.rag ? "RAG" : "Status";
  const columns: [string, number, boolean][] = [
    ["Reference", 8, true],
    ["Action", 26, true],
    ["Lead", 9, f.has.lead],
    [status, 9, true],
    ["Direction of travel", 9, showDirection],
    ["Latest update", 27, true],
    [`Update since ${previousLabel}`, 10, updateChanges !== null],
    ["Exception", 10, showExceptions],
  ];
  const shown = columns.filter(([, , on]) => on);
  const groups = new Map<string, PaperCell[][]>();
  for (const a of report.actions) {
    const theme = a.theme.trim() || "Actions";
    const dir: Direction | null = previous ? (directionOf.get(idKey(a.id)) ?? null) : a.direction;
    const cells: PaperCell[] = [
      { text: a.id },
      { text: a.action.trim() || "(no action text)" },
      { text: a.lead.trim() || "Not recorded" },
      statusCell(a),
      dir ? { text: DIRECTION_WORDS[dir], colours: DIRECTION_COLOURS[dir] } : { text: previous ? "–" : "No arrow" },
      { text: a.update.trim() || "No update" },
      { text: updateChanges && previousLabel ? updateChangeWords(updateChanges.get(idKey(a.id)) ?? "new", previousLabel) : "" },
      { text: exceptionMark(marks.get(idKey(a.id))) },
    ];
    const rows = groups.get(theme) ?? [];
    rows.push(cells.filter((_, i) => columns[i][2]));
    groups.set(theme, rows);
  }
  const appendixGroups: PaperAppendixGroup[] = [...groups].map(([theme, rows], i) => ({
    theme,
    table: { caption: `Table A${i + 1}: ${rows.length === 1 ? "1 action" : `${rows.length} actions`}`, header: shown.map(([h]) => h), rows, widths: shown.map(([, w]) => w), rowHeaders: false },
  }));
  const what = [
    "its reference",
    "the action",
    ...(f.has.lead ? ["its lead"] : []),
    `its ${status === "RAG" ? "RAG" : status === "Status" ? "status" : "status or RAG"}`,
    ...(showDirection ? [`its direction of travel${previousLabel ? ` since ${previousLabel}` : ""}`] : []),
    "its latest update",
  ];
  const intro = [`Every action of the plan (${report.actions.length}), by theme, as at ${formatLongDate(f.asOf)}: ${andList(what)}.`];
  if (updateChanges && previousLabel) intro.push(`“Update since ${previousLabel}” says in words whether the update is new: “Updated since ${previousLabel}”, “No new update since ${previousLabel}” or “New since ${previousLabel}”.`);
  if (showExceptions) intro.push("“Exception” gives the reasons an action is an exception (section “Exceptions”), or “–”.");
  return { heading: APPENDIX_1, intro, groups: appendixGroups, actions: report.actions.length, end: `End of Appendix 1: ${report.actions.length} actions.` };
}
