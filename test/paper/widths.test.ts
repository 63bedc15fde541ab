/** The paper's tables sized from their content (src/paper/widths.ts): no column narrower than its longest word. */
import { fitColumns, linesIn, longestWord, textWidth } from "../../src/paper/widths";
import type { PaperTable } from "../../src/model";

const FONT = { size: 9, padding: 10 };
const cell = (text: string) => ({ text });

function tableOf(header: string[], rows: string[][], widths = header.map(() => 100 / header.length)): Pick<PaperTable, "header" | "rows" | "widths"> {
  return { header, rows: rows.map((r) => r.map(cell)), widths };
}

describe("fitColumns", () => {
  it("gives every column at least its longest word (the header's in bold), and fills the width", () => {
    const t = tableOf(
      ["Reference", "Action", "Status / RAG", "Direction of travel", "Why it is listed", "Latest update"],
      [["35", "Ensure police officers and staff have a clear understanding of the Victims' Code", "In progress", "↔ no change", "Overdue: due by 31 March 2021", "Reported to the PCC's Strategic Executive Board in August 2020."]],
      [10, 24, 11, 11, 16, 28],
    );
    const widths = fitColumns(t, 482, FONT);
    expect(widths.reduce((s, w) => s + w, 0)).toBeCloseTo(482, 6);
    t.header.forEach((h, i) => {
      const longest = Math.max(longestWord(h, 9, true), ...t.rows.map((r) => longestWord(r[i].text, 9)));
      expect(widths[i] - FONT.padding).toBeGreaterThanOrEqual(longest);
    });
    // The declared 10% would not hold "Reference" in bold.
    expect(0.1 * 482 - FONT.padding).toBeLessThan(textWidth("Reference", 9, true));
  });

  it("gives the room to the columns with the most text", () => {
    const long = "An update of many words that runs on over many lines of the appendix. ".repeat(8);
    const widths = fitColumns(tableOf(["Reference", "Action", "Latest update"], [["V1", "Support victims of crime in the county.", long]]), 728, FONT);
    expect(widths[2]).toBeGreaterThan(widths[1]);
    expect(widths[1]).toBeGreaterThanOrEqual(Math.ceil(textWidth("victims", 9) + FONT.padding));
  });

  it("keeps the preferred shares of a table whose every cell fits on one line", () => {
    const widths = fitColumns(tableOf(["RAG", "Actions"], [["Red", "1"]], [60, 40]), 500, FONT);
    expect(widths.map((w) => Math.round(w))).toEqual([300, 200]);
  });

  it("shares out the longest words when even they are wider than the page", () => {
    const widths = fitColumns(tableOf(["Supercalifragilistic", "Antidisestablishmentarianism"], [["a", "b"]]), 100, FONT);
    expect(widths.reduce((s, w) => s + w, 0)).toBeCloseTo(100, 6);
  });
});

test("linesIn counts the lines a text wraps to, and its own line breaks", () => {
  expect(linesIn("one", 100, FONT)).toBe(1);
  expect(linesIn("one\ntwo", 100, FONT)).toBe(2);
  const words = "word ".repeat(40).trim();
  expect(linesIn(words, 110, FONT)).toBeGreaterThan(linesIn(words, 400, FONT));
});
