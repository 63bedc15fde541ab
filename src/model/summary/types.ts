/** The Panel Summary plan's types: what summary.ts builds and its helpers share. */
import type { TrackerReport } from "../reader/tracker";
import type { Comparison, PeriodAction } from "../analysis/direction";
import type { Counts } from "../analysis/counts";
import type { HistoryEntry } from "../analysis/history";
import type { UpdateComparison, UpdateCounts } from "../analysis/updates";
import type { Direction, Rag, Status } from "../words/vocabulary";
import type { Colours } from "../plans/formatting";

/** A cell of the plan: text (always written as text), a number, or empty. */
export type SummaryValue = string | number | null;

export interface SummaryStyle {
  bold?: boolean;
  /** Fill, "#RRGGBB". */
  fill?: string;
  /** Text colour, "#RRGGBB". */
  font?: string;
  wrap?: boolean;
  /** Horizontal alignment; unset: the host's own (text left, numbers right). */
  align?: "right";
}

/** A style for every cell of an A1 range. Later formats add to earlier ones. */
export interface SummaryFormat extends SummaryStyle {
  range: string;
}

export type SummaryTableId = "headline" | "themes" | "rag" | "direction" | "updates" | "history" | "exceptions";

/**
 * One column of a Panel Summary table, declared by its key: what it holds,
 * its header, how wide it wants to be on the sheet and whether the paper shows
 * it. Hosts find a column by its key, never by its letter, its position or its header.
 */
export interface SummaryColumn<K extends string = string> {
  key: K;
  header: string;
  /** Width in characters (Excel's column width unit): a sheet column is as wide as the widest table column laid out in it. */
  width: number;
  /** Whether the panel paper shows it. */
  inPaper: boolean;
  /** Its share of the paper's table width, in percent; the paper's columns without one share what is left evenly. */
  paperWidth?: number;
  /** "right" for a column of figures: its header and every cell under it are right-aligned, as the figures are. */
  align?: "right";
}

/** A row of a table: its cells by column key, the colours beside some of them, and whether it is the total row. */
export interface SummaryRow<K extends string = string> {
  cells: Record<K, SummaryValue>;
  /** The colours of some of its cells, by column key: always beside the cell's own words, never alone. */
  colours?: Partial<Record<K, Colours>>;
  /** The total row (in bold). */
  total?: boolean;
}

/** A table of the Panel Summary, declared by its columns: the sheet and the paper both lay it out from this. */
export interface SummaryTable<K extends string = string> {
  id: SummaryTableId;
  /** The table's title, above its header row. */
  caption: string;
  columns: SummaryColumn<K>[];
  rows: SummaryRow<K>[];
  /** Whether the first column names the row (a row header), as in the count tables. */
  rowHeaders: boolean;
  /** What is said in its place when it has no rows ("None: no action is Red, …"). */
  empty: string;
  /** Said once under the caption, instead of in every row ("The tracker has no lead column."). */
  note?: string;
}

/** A table as laid out on the sheet: its declared columns and where its caption, header row and body are. */
export interface SummarySheetTable {
  id: SummaryTableId;
  caption: string;
  columns: SummaryColumn[];
  captionCell: string;
  /** Header row and body, e.g. "A9:D14". */
  range: string;
  /** Rows under the header (a total row included). */
  bodyRows: number;
}

/** The Panel Summary sheet's native charts (sheet-charts.ts makes them): */
export type SummaryChartId = "themes" | "rag" | "history";

/** A series' line or outline pattern, one per series in order (Excel's ChartLineStyle names them too). */
export type SummaryChartDash = "solid" | "dash" | "round-dot" | "dash-dot" | "dash-dot-dot" | "dot";
/** A line's marker, one per series in order. */
export type SummaryChartMarker = "none" | "circle" | "square" | "triangle" | "diamond" | "x" | "star";


/** One series: a column of a table. */
export interface SummaryChartSeries {
  /** Its header cell ("B21") and text: the series' name. */
  nameCell: string;
  name: string;
  /** Its cells ("B22:B26") and the numbers there. */
  values: string;
  numbers: number[];
  /** Bar fill, "#RRGGBB" (unused by a line). */
  fill: string;
  /** Outline of a bar, or the line. */
  line: string;
  /** The labels' colour: at least 4.5:1 on the fill. */
  label: string;
  dash: SummaryChartDash;
  marker: SummaryChartMarker;
  /** One fill per point (a bar per RAG), when its points differ. */
  pointFills?: string[];
}

export interface SummarySheetChart {
  id: SummaryChartId;
  /** Stacked bars across the page, columns, or lines with markers. */
  kind: "stacked-bars" | "columns" | "lines";
  title: string;
  /**
   * The cells it is drawn from, header row included and the total row left out:
   * the category column, then the series' columns side by side ("A21:F26"); a
   * host charting a range by its columns gets exactly `series`.
   */
  source: string;
  /** The category column's cells ("A22:A26") and texts. */
  categories: { range: string; texts: string[] };
  series: SummaryChartSeries[];
  /** Each bar's count as its label: "non-zero" leaves zeros out (stacked bars, where they would sit on their neighbours); "none" for lines, whose markers and patterns tell them apart. */
  labels: "all" | "non-zero" | "none";
  /** What the values count: the value axis' title. */
  measure: string;
  /** Whether the category axis reads top to bottom in the table's order (bars across the page). */
  categoriesTopDown: boolean;
  /** The top-left cell and the bottom-right cell it covers: below the tables, no wider than them. */
  from: string;
  to: string;
}

/** Why an action is an exception: Red; deteriorated; overdue; Red or Amber with no update; open with no new update since the previous period. */
export type ExceptionKind = "red" | "deteriorated" | "overdue" | "no-update" | "no-new-update";

export interface SummaryException {
  id: string;
  action: string;
  lead: string;
  status: Status | null;
  rag: Rag | null;
  /** Against the previous period when there is one, else as typed in the tracker. */
  direction: Direction | null;
  reasons: string[];
  /** What each reason is, in the same order as `reasons`. */
  kinds: ExceptionKind[];
  update: string;
}

/** The paste-ready text, also in the sheet. */
export interface SummaryText {
  /** One sentence: "Of the 97 actions, 45 are complete (38 in June 2021), …". */
  sentence: string;
  /** The seed's own list: "The Delivery Plan shows that of the 97 actions:" … */
  listIntro: string;
  bullets: string[];
}

export interface SummaryPlan {
  /** The name wanted; the adapters use another ("Panel Summary (2)") when a user's sheet has it. */
  sheet: string;
  /** The defined name that marks the sheet as the add-in's own. */
  mark: string;
  title: string;
  /** The period it is for ("November 2021") and the one it is compared with, if any. */
  period: string;
  previousLabel: string | null;
  /** Values from A1, row by row, every row as wide as `columnWidths`. */
  rows: SummaryValue[][];
  formats: SummaryFormat[];
  /** Widths of columns A, B, … in characters (Excel's column width unit): each the widest of the table columns laid out in it. */
  columnWidths: number[];
  tables: SummarySheetTable[];
  /** Its native charts, drawn from its own tables (sheet-charts.ts): both hosts draw these. */
  charts: SummarySheetChart[];
  /** Print on landscape A4 pages, one page wide (the column widths are chosen so that this is at 85% or more: printScale). */
  print: {
    orientation: "landscape";
    fitToWidth: 1;
    /** The scale (percent) that fits the columns one page wide: for a host that sets a scale rather than fit-to-width (Excel's add-in). */
    scale: number;
  };
  text: SummaryText;
  exceptions: SummaryException[];
  /** What changed since the previous period: updates new, not new, actions new (null without a previous period). */
  updates: UpdateCounts | null;
}

/** The previous period: from an earlier workbook (CLI) or a snapshot (task pane). */
export interface SummaryPrevious {
  label: string;
  actions: readonly PeriodAction[];
  comparison: Comparison;
  /** This period's updates compared with the previous period's (compareUpdates), when the caller has made it already; made otherwise. */
  updates?: UpdateComparison;
}

export interface PanelSummaryOptions {
  /** "November 2021"; default: the month of `asOf`. */
  period?: string;
  /** Overrides previous.label. */
  previousLabel?: string;
  organisation?: string;
  /** The date the report is as at: actions due before it and not Completed are overdue. */
  asOf: Date;
  /** When the summary is built. */
  built: Date;
  /** The file the tracker came from, named in the sheet if given. */
  source?: string;
}

export interface PanelSummaryInput {
  report: TrackerReport;
  counts?: Counts;
  previous?: SummaryPrevious | null;
  /** Every period kept, oldest first (buildHistory): a table of them when there are two or more. */
  history?: readonly HistoryEntry[];
  options: PanelSummaryOptions;
}

/**
 * What the Panel Summary says, before it is laid out on a sheet or a paper:
 * its text and its tables, declared by their columns (panelSummaryContent).
 */
export interface SummaryContent {
  title: string;
  period: string;
  previousLabel: string | null;
  /** What the headline counts by: the status, or the RAG for a tracker with a RAG and no status. */
  countedBy: "status" | "RAG";
  /** The lines under the title: the organisation (bold), where and when it was built, what rebuilding does. */
  heading: { organisation: string | null; lines: string[] };
  text: SummaryText;
  /** In the order they are shown: the headline table first, then themes, RAG, direction, updates (with a previous period), history (two periods kept or more) and exceptions. */
  tables: SummaryTable[];
  exceptions: SummaryException[];
  /** What makes an action an exception, in words ("every Red action", …). */
  exceptionRules: string[];
  /** This period's updates against the previous period's (null without one). */
  updates: UpdateComparison | null;
  /** Every period kept, oldest first, when the host gave them (buildHistory). */
  history?: readonly HistoryEntry[];
}

