/**
 * The Panel Summary: what the Police and Crime Panel reads, as a plan.
 *
 * `panelSummaryContent` turns a tracker (its report and counts), the previous
 * period (label, actions, comparison) and a few options into what the summary
 * says: its text and its tables, each declared by its columns (tables.ts).
 * `layOutPanelSummary` lays that out on a sheet as a declarative SummaryPlan:
 * the sheet's values from A1, the formats of its ranges, the column widths
 * (each the widest of the table columns in it), its tables (one header row
 * each) and its charts (sheet-charts.ts). Both adapters write the same plan
 * (src/xlsx/summary.ts, src/excel/summary.ts); the panel paper (paper.ts) lays
 * out the same content. `buildPanelSummary` does both steps.
 *
 * Rules the plan keeps, so that every host keeps them:
 *  - values, not formulas; every string is text (hosts write it as text, "@");
 *  - one header row per table, no merged cells, no blank rows inside a table;
 *  - every coloured cell also says what it means in words or a glyph;
 *  - the sheet is marked as the add-in's own (sheet.ts).
 *
 * Its sentences are in sentences.ts, its tables in tables.ts, their layout
 * row by row in layout.ts, its exceptions in exceptions.ts, the row heights a
 * host that does not fit rows to their text needs in heights.ts.
 */
import { countActions, countRags, countStatuses } from "../analysis/counts";
import { RAG_COLOURS, STATUS_COLOURS } from "../plans/formatting";
import { formatLongDate } from "../sheet/timeframe";
import { NOT_SET, RAG_KEYS, STATUS_KEYS } from "../words/vocabulary";
import { compareUpdates } from "../analysis/updates";
import { SheetLayout, printScale } from "./layout";
import { exceptionRules, findExceptions } from "./exceptions";
import { countList, countSentence, named, ragCategories, statusCategories } from "./sentences";
import { SUMMARY_MARK, SUMMARY_SHEET } from "./sheet";
import { countedBy, directionTable, exceptionsTable, headlineTable, ragTable, themeRagTable, themesTable, updatesTable } from "./tables";
import type { HeadlineCategory, SummaryFacts } from "./tables";
import { historyTable } from "./history-table";
import { summarySheetCharts } from "./sheet-charts";
import type { PanelSummaryInput, SummaryContent, SummaryPlan, SummaryTable } from "./types";

export * from "./sentences";
export * from "./sheet";
export * from "./exceptions";
export { DIRECTION_WORDS } from "./tables";
export { summaryCellStyles, summaryRowHeights, wrappedLines } from "./heights";
export { MIN_PRINT_SCALE, printScale } from "./layout";
export * from "./types";
export * from "./sheet-charts";

const MONTH_YEAR = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

/** The facts the tables are made from. */
function summaryFacts(input: PanelSummaryInput): SummaryFacts & { sheet: string } {
  const { report, options } = input;
  const tracker = report.tracker;
  if (!tracker) throw new Error("buildPanelSummary needs a tracker: readTracker found none.");
  const actions = report.actions;
  const previous = input.previous ?? null;
  const previousLabel = previous ? (options.previousLabel ?? previous.label) : undefined;
  const has = (field: string) => tracker.columns.some((c) => c.field === field);
  const updates = previous ? (previous.updates ?? compareUpdates(actions, previous.actions, previousLabel!)) : null;
  return {
    sheet: tracker.sheet,
    actions,
    counts: input.counts ?? countActions(actions),
    previous,
    previousLabel,
    period: options.period?.trim() || MONTH_YEAR.format(options.asOf),
    hasStatus: has("status"),
    hasRag: has("rag") || actions.some((a) => a.rag !== null),
    hasLead: has("lead"),
    byRag: !has("status") && has("rag"),
    updates,
    exceptions: findExceptions(tracker.sheet, actions, previous, previousLabel, options.asOf, updates),
    exceptionRules: exceptionRules(previousLabel, options.asOf),
  };
}

/** The headline's categories: each status (each RAG, for a tracker with only a RAG) and "Not set", counted now and before. */
function headlineCategories(f: SummaryFacts): HeadlineCategory[] {
  const before = f.previous?.actions;
  if (f.byRag) {
    const categories = ragCategories(countRags(f.actions), before && countRags(before));
    return RAG_KEYS.map((key, i) => ({ ...categories[i], key, colours: key === NOT_SET ? undefined : RAG_COLOURS[key] }));
  }
  const categories = statusCategories(countStatuses(f.actions), before && countStatuses(before));
  return STATUS_KEYS.map((key, i) => ({ ...categories[i], key, colours: key === NOT_SET ? undefined : STATUS_COLOURS[key] }));
}

/** What the Panel Summary says: its text and its tables, declared by their columns. Pure. */
export function panelSummaryContent(input: PanelSummaryInput): SummaryContent {
  const f = summaryFacts(input);
  const { options } = input;
  const categories = headlineCategories(f);
  const list = countList(f.actions.length, categories, f.previousLabel);
  const shown = categories.filter((c) => named([c], f.previousLabel).length > 0);
  const updates = updatesTable(f);
  // Only what the tracker has data for: by theme and RAG for a tracker with only a RAG (whose headline is already by RAG), and no RAG table without a RAG.
  const byTheme = f.byRag ? themeRagTable(f) : themesTable(f);
  const rag = f.hasRag && !f.byRag ? [ragTable(f)] : [];
  const history = historyTable(input.history ?? [], f.byRag, f.hasRag);
  const tables: SummaryTable[] = [headlineTable(f, shown), byTheme, ...rag, directionTable(f), ...(updates ? [updates] : []), ...(history ? [history] : []), exceptionsTable(f)];
  const source = options.source ? ` of ${options.source}` : "";
  const compared = f.previousLabel ? `, compared with ${f.previousLabel}` : "";
  return {
    title: `Delivery Plan summary — ${f.period}`,
    period: f.period,
    previousLabel: f.previousLabel ?? null,
    countedBy: countedBy(f),
    heading: {
      organisation: options.organisation?.trim() || null,
      lines: [
        `Built ${formatLongDate(options.built)} from the sheet "${f.sheet}"${source}; position as at ${formatLongDate(options.asOf)}${compared}.`,
        "Made by the Delivery Plan add-in: building the summary again replaces this sheet, so keep your own notes on another sheet.",
      ],
    },
    text: { sentence: countSentence(f.actions.length, categories, f.previousLabel, f.previous?.actions.length), listIntro: list.intro, bullets: list.bullets },
    tables,
    exceptions: f.exceptions,
    exceptionRules: f.exceptionRules,
    updates: f.updates,
    ...(input.history ? { history: input.history } : {}),
  };
}

/** Lay the content out on a sheet, one row after another from A1: first to learn the tables' width, then with the text no wider than it. Pure. */
export function layOutPanelSummary(content: SummaryContent): SummaryPlan {
  const first = layOut(content, new SheetLayout());
  return plan(content, layOut(content, new SheetLayout(Math.floor(first.columnWidths().reduce((s, w) => s + w, 0)))));
}

function layOut(content: SummaryContent, L: SheetLayout): SheetLayout {
  L.text(content.title, { bold: true });
  if (content.heading.organisation) L.text(content.heading.organisation, { bold: true });
  for (const line of content.heading.lines) L.text(line);
  L.blank();
  const [headline, ...rest] = content.tables;
  L.table(headline);
  L.blank();
  L.line(["For the panel report"], { bold: true });
  L.text(content.text.sentence);
  L.blank();
  L.text(content.text.listIntro);
  for (const b of content.text.bullets) L.text(`• ${b}`);
  L.blank();
  rest.forEach((t, i) => {
    L.table(t);
    if (i < rest.length - 1) L.blank();
  });
  return L;
}

function plan(content: SummaryContent, L: SheetLayout): SummaryPlan {
  const columnWidths = L.columnWidths();
  const rows = L.finish(columnWidths.length);
  return {
    sheet: SUMMARY_SHEET,
    mark: SUMMARY_MARK,
    title: content.title,
    period: content.period,
    previousLabel: content.previousLabel,
    rows,
    formats: L.formats,
    columnWidths,
    tables: L.tables,
    charts: summarySheetCharts(rows, L.tables, columnWidths.length),
    print: { orientation: "landscape", fitToWidth: 1, scale: Math.floor(printScale(columnWidths) * 100) },
    text: content.text,
    exceptions: content.exceptions,
    updates: content.updates?.counts ?? null,
  };
}

/** Build the Panel Summary plan. Pure: the same input gives the same plan. */
export function buildPanelSummary(input: PanelSummaryInput): SummaryPlan {
  return layOutPanelSummary(panelSummaryContent(input));
}
