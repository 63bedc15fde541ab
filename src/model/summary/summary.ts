/**
 * The Panel Summary: what the Police and Crime Panel reads, as a plan.
 *
 * `buildPanelSummary` turns a tracker (its report and counts), the previous
 * period (label, actions, comparison) and a few options into a declarative
 * SummaryPlan: the sheet's values from A1, the formats of its ranges, the
 * column widths, its tables (one header row each) and a chart request. Both
 * adapters write the same plan (src/xlsx/summary.ts, src/excel/summary.ts).
 *
 * Rules the plan keeps, so that every host keeps them:
 *  - values, not formulas; every string is text (hosts write it as text, "@");
 *  - one header row per table, no merged cells, no blank rows inside a table;
 *  - every coloured cell also says what it means in words or a glyph;
 *  - the sheet is marked as the add-in's own (sheet.ts).
 *
 * Its sentences are in sentences.ts, its layout row by row in
 * layout.ts, its exceptions in exceptions.ts, its row heights in
 * heights.ts.
 */
import { columnLetter } from "../sheet/grid";
import type { PeriodAction } from "../analysis/direction";
import { formatLongDate } from "../sheet/timeframe";
import { countActions, countRags, countStatuses } from "../analysis/counts";
import { Colours, DIRECTION_COLOURS, RAG_COLOURS, STATUS_COLOURS } from "../plans/formatting";
import { DIRECTION_GLYPH, Direction, RAGS, Rag, STATUSES, Status } from "../words/vocabulary";
import { compareUpdates } from "../analysis/updates";
import { SheetLayout, colours } from "./layout";
import { findExceptions } from "./exceptions";
import { andList, bracket, countList, countSentence, named, ragCategories, statusCategories } from "./sentences";
import { SUMMARY_MARK, SUMMARY_SHEET } from "./sheet";
import { estimateRowHeights } from "./heights";

export * from "./sentences";
export * from "./sheet";
export { summaryCellStyles, wrappedLines } from "./heights";

export * from "./types";
import type { PanelSummaryInput, SummaryPlan, SummaryValue, SummaryChart } from "./types";

const WIDTHS = [36, 46, 20, 18, 18, 34, 56];
const COLUMNS = WIDTHS.length;

const MONTH_YEAR = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

function monthOf(d: Date): string {
  return MONTH_YEAR.format(d);
}

export const DIRECTION_WORDS: Record<Direction, string> = {
  improved: `${DIRECTION_GLYPH.improved} improved`,
  deteriorated: `${DIRECTION_GLYPH.deteriorated} deteriorated`,
  unchanged: `${DIRECTION_GLYPH.unchanged} no change`,
  new: "new",
};

function statusCounts(actions: readonly PeriodAction[]): Record<Status | "Not set", number> {
  return countStatuses(actions);
}

function ragCounts(actions: readonly PeriodAction[]): Record<Rag | "Not set", number> {
  return countRags(actions);
}

/** Build the Panel Summary plan. Pure: the same input gives the same plan. */
export function buildPanelSummary(input: PanelSummaryInput): SummaryPlan {
  const { report, options } = input;
  const tracker = report.tracker;
  if (!tracker) throw new Error("buildPanelSummary needs a tracker: readTracker found none.");
  const actions = report.actions;
  const counts = input.counts ?? countActions(actions);
  const previous = input.previous ?? null;
  const previousLabel = previous ? (options.previousLabel ?? previous.label) : undefined;
  const period = options.period?.trim() || monthOf(options.asOf);
  const title = `Delivery Plan summary — ${period}`;
  const hasStatus = tracker.columns.some((c) => c.field === "status");
  const hasRag = tracker.columns.some((c) => c.field === "rag");
  const byRag = !hasStatus && hasRag;
  const hasLead = tracker.columns.some((c) => c.field === "lead");

  const L = new SheetLayout(COLUMNS);
  L.line([title], { bold: true });
  if (options.organisation?.trim()) L.line([options.organisation.trim()], { bold: true });
  L.line([
    `Built ${formatLongDate(options.built)} from the sheet "${tracker.sheet}"${options.source ? ` of ${options.source}` : ""}; position as at ${formatLongDate(options.asOf)}${previousLabel ? `, compared with ${previousLabel}` : ""}.`,
  ]);
  L.line(["Made by the Delivery Plan add-in: building the summary again replaces this sheet, so keep your own notes on another sheet."]);
  L.blank();

  // Headline: by status (by RAG for a tracker that has only a RAG).
  const nowCounts = byRag ? ragCounts(actions) : statusCounts(actions);
  const beforeCounts = previous ? (byRag ? ragCounts(previous.actions) : statusCounts(previous.actions)) : undefined;
  const categories = byRag
    ? ragCategories(nowCounts as Record<Rag | "Not set", number>, beforeCounts as Record<Rag | "Not set", number> | undefined)
    : statusCategories(nowCounts as Record<Status | "Not set", number>, beforeCounts as Record<Status | "Not set", number> | undefined);
  const keys = (byRag ? [...RAGS, "Not set"] : [...STATUSES, "Not set"]) as string[];
  const headlineKeys = keys.filter((k, i) => named([categories[i]], previousLabel).length > 0);
  const previousTotal = previous?.actions.length;
  const reportText = (now: number, before: number | undefined) => `${now}${bracket(before ?? 0, previousLabel)}`;
  // With a previous period: "45 (38 in June 2021)" as the report shows it, then the two numbers.
  const headlineHeader = [byRag ? "RAG" : "Status", ...(previousLabel ? ["For the report", "Actions", `Actions in ${previousLabel}`] : ["Actions"])];
  const headlineRow = (label: string, now: number, before: number | undefined): SummaryValue[] =>
    previousLabel ? [label, reportText(now, before), now, before ?? 0] : [label, now];
  const headlineBody: SummaryValue[][] = headlineKeys.map((k) =>
    headlineRow(k, (nowCounts as Record<string, number>)[k], (beforeCounts as Record<string, number> | undefined)?.[k]),
  );
  headlineBody.push(headlineRow("All actions", actions.length, previousTotal));
  const headlineFirst = L.table("headline", `Actions by ${byRag ? "RAG" : "status"}, ${period}`, headlineHeader, headlineBody, true);
  headlineKeys.forEach((k, i) => {
    const c = byRag ? (RAG_COLOURS as Record<string, Colours>)[k] : (STATUS_COLOURS as Record<string, Colours>)[k];
    if (c) L.format(`A${headlineFirst + i}`, colours(c));
  });
  L.blank();

  // The paste-ready text.
  const sentence = countSentence(actions.length, categories, previousLabel, previousTotal);
  const list = countList(actions.length, categories, previousLabel);
  L.line(["For the panel report (paste as it is)"], { bold: true });
  L.line([sentence]);
  L.blank();
  L.line([list.intro]);
  for (const b of list.bullets) L.line([`• ${b}`]);
  L.blank();

  // Theme × status.
  // Closed (not delivered) and Not set get a column only when some action has them.
  const statusColumns = [...STATUSES.filter((s) => s !== "Closed" || counts.status.Closed > 0), ...(counts.status["Not set"] > 0 ? (["Not set"] as const) : [])];
  const themes = Object.entries(counts.byTheme);
  let chart: SummaryChart | null = null;
  const themeCaption = "Actions by theme and status";
  if (themes.length) {
    const body: SummaryValue[][] = themes.map(([theme, t]) => [theme, ...statusColumns.map((s) => t.status[s]), t.actions]);
    body.push(["All themes", ...statusColumns.map((s) => counts.status[s]), counts.actions]);
    const first = L.table("themes", themeCaption, ["Theme", ...statusColumns, "All statuses"], body, true);
    const header = first - 1;
    chart = {
      type: "BarStacked",
      title: themeCaption,
      source: `A${header}:${columnLetter(1 + statusColumns.length)}${first + themes.length - 1}`,
      seriesBy: "Columns",
      from: `${columnLetter(COLUMNS + 2)}6`,
      to: `${columnLetter(COLUMNS + 9)}26`,
    };
  } else {
    L.line([themeCaption], { bold: true });
    L.line(["There are no actions."]);
  }
  L.blank();

  // RAG of the actions being delivered: In progress, or with no status (a RAG-only tracker).
  const delivering = actions.filter((a) => a.status === "In progress" || a.status === null);
  const ragNow = ragCounts(delivering);
  const ragKeys = ([...RAGS, "Not set"] as const).filter((r) => r === "Red" || r === "Amber" || r === "Green" || ragNow[r] > 0);
  const ragFirst = L.table(
    "rag",
    hasStatus ? "RAG of the actions in progress" : "RAG of the actions",
    ["RAG", hasStatus ? "Actions in progress" : "Actions"],
    [...ragKeys.map((r) => [r === "Not set" ? "No RAG rating" : r, ragNow[r]]), [hasStatus ? "All in progress" : "All actions", delivering.length]],
    true,
  );
  ragKeys.forEach((r, i) => {
    if (r !== "Not set") L.format(`A${ragFirst + i}`, colours(RAG_COLOURS[r]));
  });
  L.blank();

  // Direction of travel.
  const directionRows: [string, number, Direction | null][] = previous
    ? [
        [DIRECTION_WORDS.improved, previous.comparison.counts.improved, "improved"],
        [DIRECTION_WORDS.deteriorated, previous.comparison.counts.deteriorated, "deteriorated"],
        [DIRECTION_WORDS.unchanged, previous.comparison.counts.unchanged, "unchanged"],
        [`new since ${previousLabel}`, previous.comparison.counts.new, "new"],
        [`no longer in the plan`, previous.comparison.counts.removed, null],
      ]
    : [
        [DIRECTION_WORDS.improved, counts.direction.improved, "improved"],
        [DIRECTION_WORDS.deteriorated, counts.direction.deteriorated, "deteriorated"],
        [DIRECTION_WORDS.unchanged, counts.direction.unchanged, "unchanged"],
        [DIRECTION_WORDS.new, counts.direction.new, "new"],
        ["no arrow in the tracker", counts.direction["Not set"], null],
      ];
  const directionFirst = L.table(
    "direction",
    previous ? `Direction of travel since ${previousLabel}` : "Direction of travel (the tracker's arrows; no previous period given)",
    ["Direction of travel", "Actions"],
    directionRows.map(([label, n]) => [label, n]),
  );
  directionRows.forEach(([, , d], i) => {
    if (d) L.format(`A${directionFirst + i}`, colours(DIRECTION_COLOURS[d]));
  });
  L.blank();

  // What changed since the previous period: which updates are new.
  const updateComparison = previous ? compareUpdates(actions, previous.actions, previousLabel!) : null;
  if (updateComparison) {
    const u = updateComparison.counts;
    L.table(
      "updates",
      `Updates since ${previousLabel}`,
      ["Update", "Actions"],
      [
        [`Updated since ${previousLabel}`, u.updated],
        [`No new update since ${previousLabel}`, u.notUpdated],
        [`New actions since ${previousLabel}`, u.new],
        ...(u.notCompared ? [[`Not compared (the ${previousLabel} snapshot kept no updates)`, u.notCompared]] : []),
        ["All actions", actions.length],
      ],
      true,
    );
    L.blank();
  }

  // Exceptions.
  const exceptions = findExceptions(tracker.sheet, actions, previous, previousLabel, options.asOf, updateComparison);
  const why = [
    "every Red action",
    previous ? `every action that deteriorated since ${previousLabel}` : "every action the tracker shows as deteriorated",
    `every overdue action (due before ${formatLongDate(options.asOf)} and not complete)`,
    "every Red or Amber action with no update",
    ...(previous ? [`every action in progress, Red or Amber with no new update since ${previousLabel}`] : []),
  ];
  const exceptionsCaption = `Exceptions: ${andList(why)}`;
  if (exceptions.length) {
    const first = L.table(
      "exceptions",
      exceptionsCaption,
      ["Reference", "Action", "Lead", "Status / RAG", "Direction of travel", "Why it is listed", "Latest update"],
      exceptions.map((e) => [
        e.id,
        e.action || "(no action text)",
        e.lead || (hasLead ? "Not recorded" : "No lead column"),
        [e.status, e.rag].filter(Boolean).join(" / ") || "Not set",
        e.direction ? DIRECTION_WORDS[e.direction] : previous ? "–" : "No arrow",
        e.reasons.join("; "),
        e.update.trim() || "No update",
      ]),
    );
    exceptions.forEach((e, i) => {
      const c = e.rag ? RAG_COLOURS[e.rag] : e.status ? STATUS_COLOURS[e.status] : null;
      if (c) L.format(`D${first + i}`, colours(c));
      if (e.direction) L.format(`E${first + i}`, colours(DIRECTION_COLOURS[e.direction]));
    });
  } else {
    L.line([exceptionsCaption], { bold: true });
    L.line([
      previous
        ? `None: no action is Red, deteriorated, overdue, Red or Amber without an update, or open without a new update since ${previousLabel}.`
        : "None: no action is Red, deteriorated, overdue, or Red or Amber without an update.",
    ]);
  }

  return {
    sheet: SUMMARY_SHEET,
    mark: SUMMARY_MARK,
    title,
    period,
    previousLabel: previousLabel ?? null,
    rows: L.rows,
    formats: L.formats,
    columnWidths: [...WIDTHS],
    rowHeights: estimateRowHeights(L.rows, L.formats, WIDTHS),
    tables: L.tables,
    chart,
    print: { orientation: "landscape", fitToWidth: 1 },
    text: { sentence, listIntro: list.intro, bullets: list.bullets },
    exceptions,
    updates: updateComparison?.counts ?? null,
  };
}
