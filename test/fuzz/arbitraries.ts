/**
 * fast-check arbitraries for the property tests: random SheetGrids that look a
 * little (or a lot) like delivery-plan trackers, with everything a real sheet
 * can throw at the engine — title rows, section rows, blanks, ragged rows,
 * merges (valid, overlapping, out of range, inverted), Excel error values,
 * 32,767-character strings, numbers, dates and booleans in text columns,
 * unicode (emoji, combining marks, right-to-left text, zero-width characters,
 * lone surrogates) and fills that are colours, nonsense or null.
 */
import fc from "fast-check";
import { FIELDS, KNOWN_HEADERS, defaultVocabulary } from "../../src/model";
import type { CellValue, ErrorValue, HeaderOverrides, MergedArea, SheetGrid, VocabularyExtension } from "../../src/model";

/** Excel's limits. */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;
/** Longest text a cell holds. */
export const MAX_CELL = 32_767;

/**
 * Words an issue message must never contain unless the user typed them, so the
 * generated text never contains them either (a message quoting the user's
 * "undefined" is not a bug).
 */
const FORBIDDEN_IN_INPUT = /undefined|NaN|null|\[object Object\]|\bat\s+\S*[/\\]/g;
const clean = (s: string) => s.replace(FORBIDDEN_IN_INPUT, "x");

// ---------------------------------------------------------------------------
// Words

/** Near misses and other headings real trackers use, beyond the ones the model knows by heart. */
const MORE_HEADERS: Record<string, string[]> = {
  id: ["Our ref"],
  theme: ["Plan priority"],
  action: ["What we will do (action)"],
  lead: ["Lead (OPCC)"],
  status: ["STATUS (Q3)"],
  update: ["Update (text in red denotes progress update)"],
  extra: ["Notes", "Budget", "Risk", "KPI", "Milestone", "", "Column1"],
};

/** Header words by the field they name first: the model's own (src/model/headers.ts KNOWN_HEADERS) plus MORE_HEADERS. */
export const HEADER_WORDS: Record<string, string[]> = (() => {
  const out: Record<string, string[]> = {};
  for (const { header, fields } of KNOWN_HEADERS) (out[fields[0]] ??= []).push(header);
  for (const [kind, headers] of Object.entries(MORE_HEADERS)) (out[kind] ??= []).push(...headers);
  return out;
})();

const vocabularyWords = (table: Record<string, string[]>) => Object.entries(table).flatMap(([k, ws]) => [k, ...ws]);
const STATUS_WORDS = [...vocabularyWords(defaultVocabulary.status), "Not completed", "Complete.", "in-progress", "ON_HOLD", "Not Yet Started ", "Compleeted", "Progresing", "N/A", "TBC"];
const RAG_WORDS = [...vocabularyWords(defaultVocabulary.rag), "red", "AMBER", "Green ↑", "Amber - no change", "Red↓", "↔ Green", "R/A", "G*", "Gren", "Blue/complete", "Amber / Green"];
const DIRECTION_WORDS = [...vocabularyWords(defaultVocabulary.direction), "↑↓", "up arrow", "No Change", "⬆️", "↔️", "new!", "→ same"];

const UNICODE_SNIPPETS = [
  "مكافحة الجريمة", // Arabic, right to left
  "תוכנית המשטרה", // Hebrew
  "\u202Eevres\u202C", // right-to-left override
  "\u200F\u200E", // RLM, LRM
  "e\u0301\u0301\u0327", // combining marks
  "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇",
  "\u200B\u200C\u200D\u2060\uFEFF", // zero-width
  "\u00A0\u2007\u202F\u3000", // odd spaces
  "👮‍♀️🚓🇬🇧", // ZWJ sequence, flag
  "🟥🟧🟩",
  "\uD800", // lone high surrogate
  "\uDC00x", // lone low surrogate
  "\uDBFF\uDBFF",
  "😀".slice(0, 1),
  "\t\r\n",
  "line one\r\nline two",
  "ＲＥＤ", // full-width
  "ǅ ß İ ı ﬁ", // case-mapping oddities
  "\u0000\u0007\u001B",
  "=SUM(A1:A3)",
  "'quoted'",
  '"double"',
  "<b>&amp;</b>",
  "  ",
];

const REFERENCES = ["V1", "O2.1", "05 Support the victims", "1.", "1", "A12", "VAW-2", "T10", "C3.2.1", "2.3 Reduce harm", "V1 Ensure that", "0", "O 2", "99.99.99"];
const TIMEFRAMES = ["March 2022", "Q3 2021/22", "31/03/2022", "2099", "Autumn 2021", "Ongoing", "2021/22", "end 2030", "Sept 21", "2030-12-31", "-", "TBC", "31/13/2022", "32/01/2022", "Q5 2021"];
const ERRORS = ["#N/A", "#REF!", "#DIV/0!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!", "#GETTING_DATA", "#FIELD!", "#BLOCKED!", "#BUSY!", "#UNKNOWN!"];

// ---------------------------------------------------------------------------
// Text

/** A word in many spellings: case changed, spaces and hyphens around, punctuation after. */
const respelled = (words: string[]): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.constantFrom(...words),
      fc.constantFrom("as-is", "lower", "upper", "spaced", "hyphen", "punct", "padded"),
    )
    .map(([w, how]) => {
      switch (how) {
        case "lower":
          return w.toLowerCase();
        case "upper":
          return w.toUpperCase();
        case "spaced":
          return w.replace(/ /g, "  ");
        case "hyphen":
          return w.replace(/ /g, "-");
        case "punct":
          return `${w}.`;
        case "padded":
          return `  ${w}\u00A0`;
        default:
          return w;
      }
    });

/**
 * A 32,767-character string (Excel's longest cell), built by repeating a short
 * piece so it stays cheap. Rare: each costs a few milliseconds downstream.
 */
export const longText: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(fc.constantFrom("a", "Red ", "In progress. ", "↑ up ", "مرحبا ", "👮", "e\u0301", " ", "1.", "\u200B"), fc.string({ unit: "grapheme", minLength: 1, maxLength: 6 })),
    fc.integer({ min: MAX_CELL - 3, max: MAX_CELL }),
  )
  .map(([piece, length]) => clean(piece.repeat(Math.ceil(length / piece.length)).slice(0, length)));

/** Excel's longest cell made of one column's own words ("↑ ↑ ↑ …" in a RAG and direction column). */
const longOf = (piece: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  piece.map((p) => {
    const unit = `${p} `;
    return unit.repeat(Math.ceil(MAX_CELL / unit.length)).slice(0, MAX_CELL);
  });

const randomText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: "grapheme", maxLength: 12 }),
  fc.string({ unit: "binary", maxLength: 8 }),
);

/** Any text a cell may hold, from plausible words to nonsense. */
export const text = (options: { long?: boolean } = {}): fc.Arbitrary<string> => {
  const pieces = fc.oneof(
    { weight: 4, arbitrary: respelled(STATUS_WORDS) },
    { weight: 4, arbitrary: respelled(RAG_WORDS) },
    { weight: 2, arbitrary: respelled(DIRECTION_WORDS) },
    { weight: 2, arbitrary: fc.constantFrom(...REFERENCES) },
    { weight: 2, arbitrary: fc.constantFrom(...TIMEFRAMES) },
    { weight: 2, arbitrary: fc.constantFrom(...Object.values(HEADER_WORDS).flat()) },
    { weight: 3, arbitrary: fc.constantFrom(...UNICODE_SNIPPETS) },
    { weight: 4, arbitrary: randomText },
  );
  const joined = fc
    .tuple(fc.array(pieces, { minLength: 1, maxLength: 3 }), fc.constantFrom(" ", "", "\n", " / ", ". "))
    .map(([parts, sep]) => clean(parts.join(sep)));
  return options.long === false ? joined : fc.oneof({ weight: 60, arbitrary: joined }, { weight: 1, arbitrary: longText });
};

// ---------------------------------------------------------------------------
// Cells

export const errorValue: fc.Arbitrary<ErrorValue> = fc.constantFrom(...ERRORS).map((error) => ({ error }));

const number: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: -5, max: 200 }),
  fc.integer({ min: 1990, max: 2100 }), // a bare year
  fc.integer({ min: 30000, max: 80000 }), // a date serial
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e300, max: 1e300 }),
  fc.constantFrom(0, -0, 0.1 + 0.2, Number.MAX_SAFE_INTEGER, Number.MIN_VALUE, 1e21, 1.5),
);

const date: fc.Arbitrary<Date> = fc.date({ min: new Date(Date.UTC(1899, 11, 30)), max: new Date(Date.UTC(9999, 11, 31)), noInvalidDate: true });

/** Any cell value, with text most likely. `kind` leans it towards what a column holds. */
export const cell = (kind: string = "any"): fc.Arbitrary<CellValue> => {
  const typed: fc.Arbitrary<CellValue> =
    kind === "status"
      ? respelled(STATUS_WORDS)
      : kind === "rag"
        ? respelled(RAG_WORDS)
        : kind === "direction"
          ? respelled(DIRECTION_WORDS)
          : kind === "id"
            ? fc.oneof(fc.constantFrom(...REFERENCES), fc.integer({ min: 1, max: 40 }).map(String), fc.integer({ min: 1, max: 40 }))
            : kind === "timeframe"
              ? fc.oneof(fc.constantFrom(...TIMEFRAMES), date, number)
              : text({ long: false });
  return fc.oneof(
    { weight: 5, arbitrary: fc.constant(null) },
    { weight: 8, arbitrary: typed },
    { weight: kind === "rag" || kind === "direction" ? 1 : 0, arbitrary: longOf(fc.oneof(respelled(DIRECTION_WORDS), respelled(RAG_WORDS))) },
    { weight: 5, arbitrary: text() },
    { weight: 1, arbitrary: fc.constant("") },
    { weight: 1, arbitrary: fc.constantFrom(" ", "\u00A0", "\t", "\u200B") },
    { weight: 2, arbitrary: number },
    { weight: 1, arbitrary: date },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: errorValue },
  );
};

// ---------------------------------------------------------------------------
// Rows and grids

interface ColumnSpec {
  header: CellValue;
  kind: string;
}

const columnSpec: fc.Arbitrary<ColumnSpec> = fc.constantFrom(...Object.keys(HEADER_WORDS)).chain((kind) =>
  fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...HEADER_WORDS[kind]).map((h) => ({ header: h as CellValue, kind })) },
    { weight: 2, arbitrary: respelled(HEADER_WORDS[kind].filter(Boolean)).map((h) => ({ header: h as CellValue, kind })) },
    { weight: 2, arbitrary: cell().map((header) => ({ header, kind })) },
  ),
);

type RowKind = "data" | "sub" | "section" | "blank" | "title" | "repeat-header" | "random";

const rowOf = (columns: ColumnSpec[]): fc.Arbitrary<CellValue[]> =>
  fc
    .constantFrom<RowKind>("data", "data", "data", "data", "data", "sub", "sub", "section", "blank", "blank", "repeat-header", "random")
    .chain((kind): fc.Arbitrary<CellValue[]> => {
      const width = columns.length;
      switch (kind) {
        case "data":
        case "sub":
          return fc.tuple(...columns.map((c, i) => (kind === "sub" && i === 0 ? fc.constant(null) : cell(c.kind))));
        case "section":
          return fc.tuple(text(), fc.nat({ max: width })).map(([t, at]) => {
            const row: CellValue[] = new Array(width).fill(null);
            row[Math.min(at, width - 1)] = t;
            return row;
          });
        case "blank":
          return fc.constantFrom<CellValue[]>([], new Array(width).fill(null), new Array(width).fill(""), [" ", null, "\u00A0"]);
        case "repeat-header":
          return fc.constant(columns.map((c) => c.header));
        default:
          return fc.array(cell(), { maxLength: width + 3 });
      }
    })
    // Ragged rows: the host may stop a row at its last value, or run past the table.
    .chain((row) =>
      fc.oneof(
        { weight: 6, arbitrary: fc.constant(row) },
        { weight: 1, arbitrary: fc.nat({ max: row.length }).map((n) => row.slice(0, n)) },
        { weight: 1, arbitrary: fc.array(cell(), { maxLength: 3 }).map((more) => [...row, ...more]) },
      ),
    );

const titleRow: fc.Arbitrary<CellValue[]> = fc.oneof(
  text().map((t) => [t]),
  fc.tuple(fc.constant(null), text()).map((r) => [...r]),
  fc.array(cell(), { maxLength: 4 }),
);

export interface GridShape {
  rows: CellValue[][];
  /** Sheet row of the header row (values index + firstRow), or null when none was written. */
  headerIndex: number | null;
}

const rowsArb: fc.Arbitrary<GridShape> = fc
  .tuple(
    fc.array(columnSpec, { minLength: 1, maxLength: 9 }),
    fc.array(titleRow, { maxLength: 3 }),
    fc.nat({ max: 10 }).map((n) => n < 9), // a header row most of the time
  )
  .chain(([columns, titles, withHeader]) =>
    fc.array(rowOf(columns), { maxLength: 22 }).map((body) => ({
      rows: [...titles, ...(withHeader ? [columns.map((c) => c.header)] : []), ...body],
      headerIndex: withHeader ? titles.length : null,
    })),
  );

const merge = (firstRow: number, firstColumn: number, height: number, width: number): fc.Arbitrary<MergedArea> => {
  const lastRow = firstRow + Math.max(height, 1) - 1;
  const lastColumn = firstColumn + Math.max(width, 1) - 1;
  const inside = fc
    .tuple(fc.integer({ min: firstRow, max: lastRow }), fc.integer({ min: firstColumn, max: lastColumn }), fc.nat({ max: 4 }), fc.nat({ max: 4 }))
    .map(([top, left, h, w]) => ({ top, left, bottom: Math.min(top + h, lastRow), right: Math.min(left + w, lastColumn) }));
  const anywhere = fc
    .tuple(fc.integer({ min: -2, max: lastRow + 5 }), fc.integer({ min: -2, max: lastColumn + 5 }), fc.integer({ min: -3, max: 30 }), fc.integer({ min: -3, max: 30 }))
    .map(([top, left, h, w]) => ({ top, left, bottom: top + h, right: left + w }));
  const huge = fc.constant({ top: firstRow, left: firstColumn, bottom: MAX_ROWS, right: MAX_COLUMNS });
  const acrossRow = fc.integer({ min: firstRow, max: lastRow }).map((top) => ({ top, left: firstColumn, bottom: top, right: lastColumn }));
  return fc.oneof({ weight: 5, arbitrary: inside }, { weight: 3, arbitrary: acrossRow }, { weight: 3, arbitrary: anywhere }, { weight: 1, arbitrary: huge });
};

const fill: fc.Arbitrary<string | null> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(null) },
  { weight: 6, arbitrary: fc.constantFrom("FF0000", "C00000", "FFC000", "FFFF00", "00B050", "92D050", "0070C0", "FFFFFF", "000000", "F2F2F2", "FF00B050", "#ffc000") },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 0xffffff }).map((n) => n.toString(16).padStart(6, "0").toUpperCase()) },
  { weight: 1, arbitrary: fc.constantFrom("", "red", "#GGG", "FFF", "12345", "0x00FF00", "rgb(255,0,0)", "  00B050  ", "\uD800") },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
);

export interface GridOptions {
  /** Let text hold lone surrogates (off: every string the grid holds is well-formed UTF-16). */
  loneSurrogates?: boolean;
}

const wellFormed = (s: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
export const isWellFormed = wellFormed;

/** Replace lone surrogates with U+FFFD, as a host that reads well-formed files would. */
export const mend = (s: string) => s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");

/** A random sheet, with the sheet row and column it starts at, merges, fills and hidden rows. */
export const sheetGrid = (options: GridOptions = {}): fc.Arbitrary<SheetGrid> =>
  fc
    .tuple(
      rowsArb,
      text({ long: false }),
      fc.oneof({ weight: 6, arbitrary: fc.constant(1) }, { weight: 3, arbitrary: fc.integer({ min: 2, max: 150 }) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: MAX_ROWS - 40 }) }),
      fc.oneof({ weight: 6, arbitrary: fc.constant(1) }, { weight: 3, arbitrary: fc.integer({ min: 2, max: 30 }) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: MAX_COLUMNS - 15 }) }),
    )
    .chain(([shape, name, firstRow, firstColumn]) => {
      const height = shape.rows.length;
      const width = shape.rows.reduce((m, r) => Math.max(m, r.length), 0);
      return fc
        .record({
          merges: fc.array(merge(firstRow, firstColumn, height, width), { maxLength: 6 }),
          // Excel reports the cells a merge covers as empty; a careless host may not.
          clearCovered: fc.boolean(),
          // Fills: the shape of the values (as hosts read them), or ragged and short.
          fills: fc.option(
            fc.oneof(
              { weight: 3, arbitrary: fc.tuple(...shape.rows.map((r) => fc.array(fill, { minLength: r.length, maxLength: r.length }))) },
              { weight: 1, arbitrary: fc.array(fc.array(fill, { maxLength: width + 1 }), { maxLength: height + 1 }) },
            ),
            { freq: 3 },
          ),
          hiddenRows: fc.option(fc.array(fc.integer({ min: firstRow - 2, max: firstRow + height + 2 }), { maxLength: 4 }), { freq: 2 }),
        })
        .map(({ merges, clearCovered, fills, hiddenRows }): SheetGrid => {
          const values = shape.rows.map((r) => [...r]);
          if (clearCovered) {
            for (const m of merges) {
              for (let r = m.top; r <= m.bottom && r - firstRow < height; r++) {
                for (let c = m.left; c <= m.right && c - firstColumn < width; c++) {
                  const row = values[r - firstRow];
                  if (row && (r !== m.top || c !== m.left) && c - firstColumn < row.length && c >= firstColumn) row[c - firstColumn] = null;
                }
              }
            }
          }
          const grid: SheetGrid = { name, firstRow, firstColumn, values, merges };
          if (fills) grid.fills = fills;
          if (hiddenRows) grid.hiddenRows = hiddenRows;
          return options.loneSurrogates === false ? mendGrid(grid) : grid;
        });
    });

function mendGrid(grid: SheetGrid): SheetGrid {
  const fix = (v: CellValue): CellValue => (typeof v === "string" ? mend(v) : v);
  return { ...grid, name: mend(grid.name), values: grid.values.map((r) => r.map(fix)), fills: grid.fills?.map((r) => r.map((f) => (f === null ? null : mend(f)))) };
}

// ---------------------------------------------------------------------------
// Options

/** Corrections to the mapping, as a user types them: mostly none, sometimes odd. */
export const overrides: fc.Arbitrary<HeaderOverrides | undefined> = fc.oneof(
  { weight: 6, arbitrary: fc.constant(undefined) },
  {
    weight: 1,
    arbitrary: fc.dictionary(
      fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...FIELDS) }, { weight: 1, arbitrary: fc.constantFrom("colour", "", "__proto__x", "Status") }),
      fc.oneof(
        fc.constant(null),
        fc.constantFrom("A", "C", "ZZ", "XFD", "AAAA", "", " ", "0"),
        fc.constantFrom(...Object.values(HEADER_WORDS).flat()),
        text({ long: false }),
      ),
      { maxKeys: 3 },
    ) as fc.Arbitrary<HeaderOverrides>,
  },
);

/** An organisation's own words, sometimes clashing with the defaults or with each other. */
export const vocabularyExtension: fc.Arbitrary<VocabularyExtension | undefined> = fc.oneof(
  { weight: 6, arbitrary: fc.constant(undefined) },
  {
    weight: 1,
    arbitrary: fc.record(
      {
        status: fc.record({ Completed: fc.array(text({ long: false }), { maxLength: 2 }), "On hold": fc.array(text({ long: false }), { maxLength: 2 }) }, { requiredKeys: [] }),
        rag: fc.record({ Red: fc.array(text({ long: false }), { maxLength: 2 }), White: fc.array(text({ long: false }), { maxLength: 2 }) }, { requiredKeys: [] }),
        direction: fc.record({ improved: fc.array(text({ long: false }), { maxLength: 2 }) }, { requiredKeys: [] }),
      },
      { requiredKeys: [] },
    ),
  },
);

/** The date a report is as at, and when it was built. */
export const reportDate: fc.Arbitrary<Date> = fc.date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2100, 0, 1)), noInvalidDate: true });

// ---------------------------------------------------------------------------
// Hostile containers: .xlsx files whose sheets declare huge or broken things
// (test/corpus/hostile-files.ts builds them byte by byte).

/** A column number: mostly in the sheet, sometimes at XFD or far past it. */
const hostileColumn = fc.oneof(fc.integer({ min: 1, max: 12 }), fc.constant(MAX_COLUMNS), fc.integer({ min: MAX_COLUMNS + 1, max: 2_000_000_000 }));
/** A row number: mostly in the sheet, sometimes the last or far past it. */
const hostileRow = fc.oneof(fc.integer({ min: 1, max: 8 }), fc.constant(MAX_ROWS), fc.integer({ min: MAX_ROWS + 1, max: 2_000_000_000 }));
const hostileRange = fc
  .tuple(hostileColumn, hostileRow, hostileColumn, hostileRow)
  .map(([c1, r1, c2, r2]) => `${columnLetters(c1)}${r1}:${columnLetters(c2)}${r2}`);

function columnLetters(column: number): string {
  let s = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** What a hostile sheet declares beyond its cells: lists, merges, column spans, a far row, a bad date, a long name. */
export interface HostileContainer {
  name: string;
  lists: string[];
  merges: string[];
  columns: [number, number][];
  farRow: number | null;
  dateSerial: string | null;
}

export const hostileContainer: fc.Arbitrary<HostileContainer> = fc.record({
  // Printable names (XML cannot carry control characters in an attribute), long, with [ ] : * ? / \ and quotes.
  name: fc.oneof(fc.constant("Tracker"), fc.string({ minLength: 1, maxLength: 60, unit: fc.constantFrom(..."Trackr 2026-[]:*?/\\'é😀") }).map((s) => clean(s))),
  lists: fc.array(hostileRange, { maxLength: 6 }),
  merges: fc.array(hostileRange, { maxLength: 4 }),
  columns: fc.array(fc.tuple(hostileColumn, hostileColumn), { maxLength: 3 }),
  farRow: fc.option(hostileRow, { nil: null }),
  dateSerial: fc.option(fc.constantFrom("NaN", "1e10", "7700900123", "-5", "45000", "2958466", "Infinity"), { nil: null }),
});
