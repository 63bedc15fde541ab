/**
 * The cells decide, not only the header: what a column's body holds (statuses,
 * RAG words, arrows, references or sentences), and the corrections to the
 * header's mapping that it calls for. A "Current status of action" column of
 * sentences is the update; RAG words under a header we do not know are the RAG.
 * Weak evidence (few cells, no clear majority) keeps the header's reading.
 */
import { GridView, a1, cellText, isErrorValue } from "../sheet/grid";
import { ColumnMapping, Field } from "../words/headers";
import type { ContentFinding, Guess, IssueDetails } from "../issues/messages";
import { Lexicon, firstColour, isRagPoint } from "../words/vocabulary";
import { isResponseWord } from "../words/responses";
import { leadingStatus } from "../words/status-text";

/** How many of a column's own non-blank cells are of each kind. */
export interface ColumnProfile {
  cells: number;
  status: number;
  rag: number;
  /** Cells that hold a direction of travel (alone, or beside a RAG word: "Green ↑"). */
  direction: number;
  /** Cells that hold only an arrow or direction word. */
  directionOnly: number;
  reference: number;
  /** Distinct reference-like values. */
  distinctReferences: number;
  sentence: number;
  /** Sentences of LONG_WORDS words or more: narrative, never a status, however few cells there are. */
  long: number;
  /** Cells that hold a response to a recommendation ("Accepted", "Partly accepted", "Not accepted"). */
  response: number;
  /** Cells the reader reads as no status, RAG or direction at all, and the first few of them. */
  unread: number;
  unreadExamples: string[];
  /** Cells on a five-point RAG scale ("Amber/Green", "Amber/Red"): two colours in one cell. */
  scale: number;
  scaleExamples: { typed: string; read: string }[];
  /** Cells on one of the five-point scale's in-between points (Amber/Green, Amber/Red, however written). */
  points: number;
}

/** How many body cells of a column are looked at: enough to decide, bounded for 20,000-row trackers. */
const SAMPLE_CELLS = 400;
/** Fewer own cells than this is weak evidence: the header's reading stands. */
const MIN_CELLS = 3;
/** The share of a column's cells a reading needs before it overrides or fills in the header's. */
const MAJORITY = 0.6;

const REFERENCE_LIKE = /^(?:[A-Za-z]{0,4}[-./]?\d{1,3}(?:[.-]\d{1,3})*[a-z]?\.?|\d{1,3}(?:\.\d{1,3})+)$/;

/** A cell of this many words or more is narrative: never a status, even in a tracker of one row. */
const LONG_WORDS = 15;

function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

export function profileColumn(view: GridView, column: number, firstRow: number, lexicon: Lexicon): ColumnProfile {
  const p: ColumnProfile = { cells: 0, status: 0, rag: 0, direction: 0, directionOnly: 0, reference: 0, distinctReferences: 0, sentence: 0, long: 0, response: 0, unread: 0, unreadExamples: [], scale: 0, scaleExamples: [], points: 0 };
  const unread = (text: string) => {
    p.unread++;
    if (p.unreadExamples.length < 3 && !p.unreadExamples.includes(text)) p.unreadExamples.push(text.length > 40 ? `${text.slice(0, 40)}…` : text);
  };
  const references = new Set<string>();
  for (let r = firstRow; r <= view.lastRow && p.cells < SAMPLE_CELLS; r++) {
    if (view.isCovered(r, column)) continue;
    const raw = view.raw(r, column);
    if (isErrorValue(raw)) continue;
    const text = cellText(raw);
    if (!text) continue;
    p.cells++;
    if (typeof raw === "number") {
      if (Number.isInteger(raw) && raw > 0 && raw < 1000) {
        p.reference++;
        references.add(text);
      }
      unread(text);
      continue;
    }
    if (typeof raw !== "string") {
      unread(text);
      continue;
    }
    const whole = lexicon.lookup(text);
    if (whole?.kind === "status") {
      p.status++;
      continue;
    }
    if (!whole && isResponseWord(text)) {
      p.response++;
      unread(text);
      continue;
    }
    const parts = lexicon.splitRagAndDirection(text);
    const short = parts.rest.split(/\s+/).filter(Boolean).length <= 2;
    const point = parts.rag && isRagPoint(parts.rag.canonical) ? parts.rag.canonical : null;
    if (point || (parts.rag && !whole && parts.rest && parts.rest.split(/\s+/).some((w) => lexicon.rag(w) && w.length > 1))) {
      p.scale++;
      if (point) p.points++;
      const read = point ? firstColour(text, point, lexicon) : parts.rag!.canonical;
      if (p.scaleExamples.length < 3 && !p.scaleExamples.some((e) => e.typed === text)) p.scaleExamples.push({ typed: text, read });
    }
    if (parts.rag && short) p.rag++;
    if (parts.direction && short) {
      p.direction++;
      if (!parts.rag) p.directionOnly++;
    }
    if ((parts.rag || parts.direction) && short) continue;
    if (REFERENCE_LIKE.test(text)) {
      p.reference++;
      references.add(text.toUpperCase());
      unread(text);
      continue;
    }
    // "Completed. This meeting took place on 3 March.": a status, with the update after it.
    if (leadingStatus(text, lexicon)) {
      p.status++;
      continue;
    }
    // "Amber – delays to recruitment": the RAG is read, the rest is a note.
    if (!parts.rag && !parts.direction) unread(text);
    const words = wordCount(text);
    if (words >= 5) p.sentence++;
    if (words >= LONG_WORDS) p.long++;
  }
  p.distinctReferences = references.size;
  return p;
}

export interface ContentNote {
  cell: string;
  /** What the column's cells showed, worded by the catalogue (messages.ts, "mapped-by-content"). */
  details: IssueDetails["mapped-by-content"];
}

type DeliveryField = "status" | "rag" | "direction";
const DELIVERY_FIELDS: readonly Field[] = ["status", "rag", "direction"] satisfies DeliveryField[];

/** Fields and columns the user set: the cells never override them. */
export interface FixedMapping {
  columns: ReadonlySet<number>;
  fields: ReadonlySet<Field>;
}

/**
 * Correct the header's mapping by what the columns hold: first the header's own
 * claims (`correctClaims`, before one column is chosen per field), then the
 * columns whose header names no field (`fillFreeFields`). One note per change.
 */
export class ContentMapper {
  readonly notes: ContentNote[] = [];
  private readonly profiles = new Map<number, ColumnProfile>();

  constructor(
    private readonly view: GridView,
    private readonly headerRow: number,
    private readonly lexicon: Lexicon,
    private readonly fixed: FixedMapping,
    /** The sheet's key lists the five-point scale's in-between points ("Amber/Green = …"). */
    private readonly keyHasPoints = false,
  ) {}

  /**
   * Whether a RAG column is on the five-point scale: the sheet's key lists its
   * points, or its cells use them twice or more. Its points are then counted as
   * RAGs of their own; otherwise a lone "Amber/Green" is its first colour, a guess.
   */
  fivePoint(column: number): boolean {
    return this.keyHasPoints || this.profile(column).points >= 2;
  }

  private profile(c: number): ColumnProfile {
    let p = this.profiles.get(c);
    if (!p) this.profiles.set(c, (p = profileColumn(this.view, c, this.headerRow + 1, this.lexicon)));
    return p;
  }

  private note(column: number, header: string, finding: ContentFinding) {
    this.notes.push({ cell: a1(this.headerRow, column), details: { ...finding, column, header } });
  }

  /**
   * A status, RAG or direction column whose cells are mostly sentences is the
   * update; one whose cells are mostly responses to a recommendation
   * ("Accepted", "Not accepted") is the response.
   */
  correctClaims(claims: readonly ColumnMapping[]): ColumnMapping[] {
    const out = [...claims];
    for (const claim of claims) {
      if (!DELIVERY_FIELDS.includes(claim.field) || this.fixed.columns.has(claim.column) || this.fixed.fields.has(claim.field)) continue;
      // A column that also names another field ("Delivery Status / Direction of travel") is read as its header says.
      if (claims.some((m) => m.column === claim.column && m.field !== claim.field)) continue;
      const p = this.profile(claim.column);
      const fits = claim.field === "status" ? p.status + p.rag : claim.field === "rag" ? p.rag : p.direction;
      if (p.cells > 0 && p.response >= p.cells * MAJORITY && fits < p.response) {
        out.splice(out.indexOf(claim), 1);
        const responseFree = !out.some((m) => m.field === "response") && !this.fixed.fields.has("response");
        if (responseFree) out.push({ field: "response", column: claim.column, header: claim.header });
        this.note(claim.column, claim.header, { is: "response", field: claim.field as DeliveryField, response: p.response, cells: p.cells, responseFree });
        continue;
      }
      // Few cells are weak evidence, except that a cell of LONG_WORDS words is narrative whatever the count.
      const narrative = p.cells >= MIN_CELLS ? p.sentence >= p.cells * MAJORITY && fits * 3 <= p.sentence : p.cells > 0 && p.long === p.cells && fits === 0;
      if (!narrative) continue;
      out.splice(out.indexOf(claim), 1);
      const updateFree = !out.some((m) => m.field === "update") && !this.fixed.fields.has("update");
      if (updateFree) out.push({ field: "update", column: claim.column, header: claim.header });
      this.note(claim.column, claim.header, { is: "sentences", field: claim.field as DeliveryField, sentences: p.sentence, cells: p.cells, fits, updateFree });
    }
    return out.sort((x, y) => x.column - y.column || x.field.localeCompare(y.field));
  }

  /**
   * The status and RAG columns read as such although most of their cells are
   * no status or RAG at all (a guess), and RAG columns on a five-point scale;
   * never a column or field the user chose.
   */
  misfits(mappings: readonly ColumnMapping[]): { cell: string; details: Guess }[] {
    const out: { cell: string; details: Guess }[] = [];
    for (const m of mappings) {
      if ((m.field !== "status" && m.field !== "rag") || this.fixed.columns.has(m.column) || this.fixed.fields.has(m.field)) continue;
      const p = this.profile(m.column);
      const cell = a1(this.headerRow, m.column);
      const column = { header: m.header, column: m.column };
      if (p.cells >= MIN_CELLS && p.unread * 2 > p.cells) {
        out.push({ cell, details: { is: "misfit", field: m.field, column, fits: p.cells - p.unread, cells: p.cells, examples: p.unreadExamples } });
      } else if (m.field === "rag" && p.scale > 0 && !this.fivePoint(m.column)) {
        out.push({ cell, details: { is: "scale", column, cells: p.scale, examples: p.scaleExamples } });
      }
    }
    return out;
  }

  /**
   * Columns under a header that names no field (`claimed`: the columns whose
   * header does): RAG words, arrows, statuses or references fill a field still free.
   */
  fillFreeFields(mappings: readonly ColumnMapping[], claimed: ReadonlySet<number>): ColumnMapping[] {
    const { view, headerRow } = this;
    const out = [...mappings];
    const free = (field: Field) => !out.some((m) => m.field === field) && !this.fixed.fields.has(field);
    const firstAction = out.find((m) => m.field === "action")?.column;
    for (let c = view.firstColumn; c <= view.lastColumn; c++) {
      if (claimed.has(c) || this.fixed.columns.has(c) || view.isCovered(headerRow, c)) continue;
      const header = view.text(headerRow, c);
      if (!header) continue;
      const p = this.profile(c);
      if (p.cells < MIN_CELLS) continue;
      const add = (field: Field) => out.push({ field, column: c, header });
      if (p.rag >= p.cells * MAJORITY && free("rag")) {
        const alsoDirection = p.direction - p.directionOnly >= p.cells * MAJORITY && free("direction");
        add("rag");
        if (alsoDirection) add("direction");
        this.note(c, header, { is: "rag", rag: p.rag, cells: p.cells, alsoDirection });
      } else if (p.direction >= p.cells * MAJORITY && free("direction")) {
        add("direction");
        this.note(c, header, { is: "direction", direction: p.direction, cells: p.cells });
      } else if (p.response >= p.cells * MAJORITY && free("response")) {
        add("response");
        this.note(c, header, { is: "response", field: null, response: p.response, cells: p.cells, responseFree: true });
      } else if (p.status >= p.cells * MAJORITY && free("status")) {
        add("status");
        this.note(c, header, { is: "status", status: p.status, cells: p.cells });
      } else if (p.reference >= p.cells * 0.8 && p.distinctReferences >= p.reference * 0.9 && free("id") && (firstAction === undefined || c < firstAction)) {
        add("id");
        this.note(c, header, { is: "reference", reference: p.reference, cells: p.cells });
      }
    }
    return out.sort((x, y) => x.column - y.column || x.field.localeCompare(y.field));
  }
}
