/** What the paper's parts share: the facts they are made from, and the writer of a numbered section. */
import type { Issue } from "../issues/schema";
import type { TrackerReport } from "../reader/tracker";
import type { PaperSettings } from "./paper-settings";
import type { PaperBlock, PaperSection, PaperTable } from "./paper-types";
import type { PaperChart } from "./paper-charts";
import type { ExceptionKind, SummaryContent, SummaryException, SummaryPrevious } from "./types";

/** An exception as the paper lists it: only the reasons that count (the settings' `exceptions`), most serious first. */
export interface RankedException {
  exception: SummaryException;
  /** Its row in the Panel Summary's exceptions table. */
  index: number;
  reasons: string[];
  kinds: ExceptionKind[];
  /** Its most serious reason. */
  worst: ExceptionKind;
}

/** What the paper is made from. */
export interface PaperFacts {
  content: SummaryContent;
  report: TrackerReport;
  previous: SummaryPrevious | null;
  asOf: Date;
  organisation: string | null;
  settings: PaperSettings;
  issues: readonly Issue[] | null;
  /** Which columns the tracker has: a section or a column appears only when its data is there. */
  has: { status: boolean; rag: boolean; direction: boolean; lead: boolean; update: boolean; timeframe: boolean };
  /** Whether some update could be compared with the previous period's. */
  updatesCompared: boolean;
  /** The reasons that count as exceptions. */
  kinds: ReadonlySet<ExceptionKind>;
  /** The exceptions, most serious first. */
  ranked: RankedException[];
  /** Numbers the body's tables: "Table 1", "Table 2", … */
  tables: { count: number };
  /** Numbers the body's charts: "Figure 1", … (made at the first). */
  figures?: { count: number };
}

/** "a", "a or b", "a, b or c". */
export function orList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

/** "1 action", "2 actions". */
export function actions(n: number): string {
  return n === 1 ? "1 action" : `${n} actions`;
}

/** A numbered section being written: its paragraphs numbered "5.1", "5.2", … */
export class SectionWriter {
  readonly blocks: PaperBlock[] = [];
  private numbered = 0;

  constructor(
    readonly number: number,
    readonly title: string,
    private readonly facts: PaperFacts,
  ) {}

  paragraph(text: string, placeholder = false): this {
    this.blocks.push({ kind: "paragraph", number: `${this.number}.${++this.numbered}`, text, ...(placeholder ? { placeholder: true } : {}) });
    return this;
  }

  /** Paragraphs of the officer's, or one placeholder when none is given. */
  given(given: readonly string[] | undefined, placeholder: string): this {
    if (given?.length) for (const p of given) this.paragraph(p);
    else this.paragraph(placeholder, true);
    return this;
  }

  bullets(items: string[]): this {
    if (items.length) this.blocks.push({ kind: "bullets", items });
    return this;
  }

  /** A table, captioned "Table 3: …". */
  table(table: Omit<PaperTable, "caption">, caption: string): this {
    this.blocks.push({ kind: "table", table: { ...table, caption: `Table ${++this.facts.tables.count}: ${caption}` } });
    return this;
  }

  /** A chart, captioned "Figure 1: …", before the table of its figures; nothing when there is no chart. */
  chart(chart: PaperChart | null): this {
    if (!chart) return this;
    const figures = (this.facts.figures ??= { count: 0 });
    this.blocks.push({ kind: "chart", chart, caption: `Figure ${++figures.count}: ${chart.title}` });
    return this;
  }

  document(title: string, url: string | null): this {
    this.blocks.push({ kind: "document", title, url });
    return this;
  }

  done(): PaperSection {
    return { heading: `${this.number}. ${this.title}`, blocks: this.blocks };
  }
}
