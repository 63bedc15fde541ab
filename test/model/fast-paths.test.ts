/**
 * The engine's one-pass text functions (issue 17, "the engine near the floor")
 * give exactly what the regular expressions they replaced gave. The replaced
 * code is kept here as the specification, and each fast path is compared with
 * it on every single character (0–FFFF) and on random text mixing the
 * characters that matter: spaces of every kind, line breaks, brackets,
 * apostrophes, "&", letters whose lower case is ASCII (the Kelvin sign, "İ").
 */
import fc from "fast-check";
import {
  buildPanelSummary,
  headerMatchKey,
  headerNameWords,
  headerWords,
  isBlank,
  isBlankText,
  isSpaceCode,
  parseA1Range,
  readTracker,
  wrappedLines,
  summaryRowHeights,
} from "../../src/model";
import type { SummaryFormat, SummaryValue } from "../../src/model";
import { realisticTracker } from "../support/realistic-tracker";

/** headerWords(text.replace(/\([^)]*\)?/g, " ")), null for more than 14 words: what fieldsForHeader read before. */
function specHeaderNameWords(text: string): string[] | null {
  const words = headerWords(text.replace(/\([^)]*\)?/g, " "));
  return words.length > 14 ? null : words;
}

/** The row-height estimate as it was written with split and a regular expression. */
function specWrappedLines(text: string, width: number): number {
  const perLine = Math.max(1, Math.floor(width * 1.15) - 1);
  return text.split("\n").reduce((n, part) => {
    let lines = 1;
    let used = 0;
    for (const word of part.split(/\s+/).filter(Boolean)) {
      const w = word.length;
      if (used === 0) used = w;
      else if (used + 1 + w <= perLine) used += 1 + w;
      else {
        lines++;
        used = w;
      }
      while (used > perLine) {
        lines++;
        used -= perLine;
      }
    }
    return n + lines;
  }, 0);
}

/** The row heights as they were estimated with nested arrays and forEach. */
function specRowHeights(rows: SummaryValue[][], formats: SummaryFormat[], widths: number[]): (number | null)[] {
  const wraps: (boolean | undefined)[][] = rows.map(() => []);
  for (const f of formats) {
    if (!("wrap" in f)) continue;
    const area = parseA1Range(f.range)!;
    for (let r = area.top; r <= Math.min(area.bottom, rows.length); r++) {
      for (let c = area.left; c <= area.right; c++) wraps[r - 1][c - 1] = f.wrap;
    }
  }
  return rows.map((row, r) => {
    let lines = 1;
    row.forEach((v, c) => {
      if (typeof v !== "string" || !wraps[r][c]) return;
      lines = Math.max(lines, specWrappedLines(v, widths[c] ?? 10));
    });
    return lines > 1 ? lines * 15 : null;
  });
}

const TRICKY = [
  " ", " ", " ", "\t", "\n", "\r", "\u00a0", "\u2003", "\u3000", "\ufeff", "\u2028", "(", ")", "&", "'", "`", "’", "‘", "-", "/", ".", "?", "!",
  "K", "İ", "é", "ß", "Σ", "–", "↑", "😀", "\ud800",
];
const text = fc.array(fc.oneof(fc.constantFrom(...TRICKY), fc.constantFrom("a", "Z", "7", "Rag", "status", "of", "Lead"), fc.string({ maxLength: 3 })), { maxLength: 60 }).map((parts) => parts.join(""));

describe("one-pass text functions agree with the regular expressions they replaced", () => {
  it("isSpaceCode is /\\s/, on every UTF-16 code unit", () => {
    const wrong: number[] = [];
    for (let c = 0; c <= 0xffff; c++) if (isSpaceCode(c) !== /\s/.test(String.fromCharCode(c))) wrong.push(c);
    expect(wrong).toEqual([]);
  });

  it('isBlankText is trim() === "", on every code unit and on random text', () => {
    for (let c = 0; c <= 0xffff; c++) {
      const s = String.fromCharCode(c);
      if (isBlankText(s) !== (s.trim() === "")) throw new Error(`isBlankText differs on U+${c.toString(16)}`);
    }
    fc.assert(fc.property(text, (s) => isBlankText(s) === (s.trim() === "") && isBlank(s) === (s.trim() === "")));
  });

  it("headerNameWords is headerWords with notes in brackets left out, null past 14 words", () => {
    for (let c = 0; c <= 0xffff; c++) {
      const s = `Ab${String.fromCharCode(c)}c d`;
      if (JSON.stringify(headerNameWords(s)) !== JSON.stringify(specHeaderNameWords(s))) throw new Error(`headerNameWords differs on U+${c.toString(16)}`);
    }
    fc.assert(fc.property(text, (s) => expect(headerNameWords(s)).toEqual(specHeaderNameWords(s))));
    const long = Array.from({ length: 40 }, (_, i) => `word${i}`).join(" ");
    expect(headerNameWords(long)).toBeNull();
    expect(headerNameWords(`Lead (${long})`)).toEqual(["lead"]);
  });

  it("headerMatchKey is headerWords joined", () => {
    for (let c = 0; c <= 0xffff; c++) {
      const s = `D'v${String.fromCharCode(c)}ry Lead`;
      if (headerMatchKey(s) !== headerWords(s).join("")) throw new Error(`headerMatchKey differs on U+${c.toString(16)}`);
    }
    fc.assert(fc.property(text, (s) => headerMatchKey(s) === headerWords(s).join("")));
  });

  it("wrappedLines counts the lines as the split-and-regex version did", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(text, fc.constantFrom("x".repeat(80), "a\nb", "\n\n")), { maxLength: 8 }), fc.integer({ min: 0, max: 70 }), (parts, width) => {
        const s = parts.join(" ");
        expect(wrappedLines(s, width)).toBe(specWrappedLines(s, width));
      }),
    );
    // Words one space apart (lines filled by a look-up of the last space), some longer than a line, lines of any length.
    const word = fc.oneof(fc.stringMatching(/^[a-z]{1,12}$/), fc.stringMatching(/^[A-Z]{20,140}$/));
    const singleSpaced = fc.array(fc.array(word, { maxLength: 40 }).map((ws) => ws.join(" ")), { minLength: 1, maxLength: 4 }).map((ls) => ls.join("\n"));
    fc.assert(
      fc.property(singleSpaced, fc.integer({ min: 0, max: 70 }), (s, width) => {
        expect(wrappedLines(s, width)).toBe(specWrappedLines(s, width));
      }),
      { numRuns: 500 },
    );
  });

  it("a Panel Summary's row heights are the ones the nested-array estimate gave", () => {
    const { grid } = realisticTracker(600);
    const asOf = new Date(Date.UTC(2026, 10, 30));
    const plan = buildPanelSummary({ report: readTracker(grid), options: { asOf, built: asOf } });
    const heights = summaryRowHeights(plan);
    expect(heights.filter((h) => h !== null).length).toBeGreaterThan(50);
    expect(heights).toEqual(specRowHeights(plan.rows, plan.formats, plan.columnWidths));
  });
});
