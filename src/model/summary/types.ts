/** The Panel Summary plan's types: what summary.ts builds and its helpers share. */
import type { TrackerReport } from "../reader/tracker";
import type { Comparison, PeriodAction } from "../analysis/direction";
import type { Counts } from "../analysis/counts";
import type { UpdateCounts } from "../analysis/updates";
import type { Direction, Rag, Status } from "../words/vocabulary";

/** A cell of the plan: text (always written as text), a number, or empty. */
export type SummaryValue = string | number | null;

export interface SummaryStyle {
  bold?: boolean;
  /** Fill, "#RRGGBB". */
  fill?: string;
  /** Text colour, "#RRGGBB". */
  font?: string;
  wrap?: boolean;
}

/** A style for every cell of an A1 range. Later formats add to earlier ones. */
export interface SummaryFormat extends SummaryStyle {
  range: string;
}

export type SummaryTableId = "headline" | "themes" | "rag" | "direction" | "updates" | "exceptions";

export interface SummaryTable {
  id: SummaryTableId;
  /** The table's title, in the cell above its header row. */
  caption: string;
  captionCell: string;
  /** Header row and body, e.g. "A9:D14". */
  range: string;
  header: string[];
  /** Rows under the header (a total row included). */
  bodyRows: number;
}

/** A native chart, drawn by hosts that can (Excel); the .xlsx path cannot. */
export interface SummaryChart {
  type: "BarStacked";
  title: string;
  /** Theme names and the status columns, header row included; no totals. */
  source: string;
  seriesBy: "Columns";
  /** Top-left and bottom-right cells the chart covers (right of the tables). */
  from: string;
  to: string;
}

export interface SummaryException {
  id: string;
  action: string;
  lead: string;
  status: Status | null;
  rag: Rag | null;
  /** Against the previous period when there is one, else as typed in the tracker. */
  direction: Direction | null;
  reasons: string[];
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
  /** Widths of columns A, B, … in characters (Excel's column width unit). */
  columnWidths: number[];
  /**
   * Row heights in points for rows whose wrapped text needs more than one line
   * (null: the default height), estimated from the text's length. For hosts
   * that do not fit rows to their text (an .xlsx file opened in LibreOffice);
   * Excel fits them itself.
   */
  rowHeights: (number | null)[];
  tables: SummaryTable[];
  chart: SummaryChart | null;
  /** Print on landscape pages, one page wide. */
  print: { orientation: "landscape"; fitToWidth: 1 };
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
}

export interface SummaryOptions {
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
  options: SummaryOptions;
}

