/** The panel paper's plan: the plain data the writers (src/paper: .docx, .html, text) lay out. */
import type { PaperChart } from "./paper-charts";
import type { Colours } from "../plans/formatting";
import type { Issue } from "../issues/schema";
import type { PaperSettingKey, PaperSettings } from "./paper-settings";
import type { PanelSummaryInput, SummaryContent } from "./types";

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
  /** "Table 3: Direction of travel since June 2021": never the words of the heading above it. */
  caption: string;
  header: string[];
  rows: PaperCell[][];
  /**
   * Each column's preferred share of the table's width (they add up to 100). The writers
   * widen a column to its longest word, so no word breaks inside itself, and take the room from the others.
   */
  widths: number[];
  /** Whether the first column names the row (a row header), as in the count tables. */
  rowHeaders: boolean;
}

export type PaperBlock =
  /** A paragraph, numbered "5.2" in the body; a placeholder ("[Contact officer]") stands for words the officer has not given. */
  | { kind: "paragraph"; text: string; number?: string; placeholder?: boolean }
  | { kind: "bullets"; items: string[] }
  | { kind: "table"; table: PaperTable }
  /** A chart of the table that follows it (paper-charts.ts), captioned "Figure 1: …"; drawn only by a writer given its image. */
  | { kind: "chart"; chart: PaperChart; caption: string }
  /** A background document: its title, and its link when it has a web address. */
  | { kind: "document"; title: string; url: string | null };

/** A chart drawn (by the CLI): its SVG for a web page, its PNG for Word, and its size in CSS pixels. */
export interface ChartImage {
  svg: string;
  png: Uint8Array;
  width: number;
  height: number;
}

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

/** Words on the cover; a placeholder stands for what the officer has not given. */
export interface PaperRun {
  text: string;
  placeholder?: boolean;
}

/** A line of the cover block: words on the left and, on the same line, on the right ("Agenda Item No. 9"). */
export interface PaperCoverLine {
  left: PaperRun[];
  right?: PaperRun[];
  /** In bold, as the Panel's own papers set their first lines. */
  strong?: boolean;
}

export interface PaperPlan {
  language: typeof PAPER_LANGUAGE;
  /** The cover block: the Panel, the agenda item, the meeting date, "Public Report", who reports, the contact officer. */
  cover: PaperCoverLine[];
  /** "Monitoring the delivery of the Police and Crime Plan" */
  title: string;
  /** The running head of every page (.docx): the title and the period. */
  shortTitle: string;
  /** The document's title in its properties: the title, the organisation and the period. */
  documentTitle: string;
  /** Lines under the title: the organisation, the period, the position date. */
  subtitle: string[];
  period: string;
  previousLabel: string | null;
  /** The date the paper's position is as at. */
  asOf: Date;
  sections: PaperSection[];
  appendix: {
    heading: string;
    intro: string[];
    groups: PaperAppendixGroup[];
    /** Every action, once: the count the appendix holds. */
    actions: number;
    /** The last paragraph, after the last table. */
    end: string;
  };
  /** How many actions are exceptions (by the reasons that count), and how many of them the body lists. */
  exceptions: { total: number; inBody: number };
  /** The settings not given, shown as placeholders ("[Contact officer]"). */
  missing: PaperSettingKey[];
  /** The settings not given that have the Panel's standard wording instead (purpose, recommendation, who reports). */
  standard: PaperSettingKey[];
}

export interface PanelPaperInput extends PanelSummaryInput {
  /** The Panel Summary's content of the same input, when already made (so it is made once). */
  content?: SummaryContent;
  /** The officer's words and the meeting's details (the "Panel paper" sheet, a settings file). */
  settings?: PaperSettings;
  /** The tracker's issues (analyseTracker), for the paragraph on the tracker's own problems. */
  issues?: readonly Issue[];
}
