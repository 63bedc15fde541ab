/** The Panel Summary plan: sentences, exceptions, tables, the mark and sheet names; the Herts sample against the seed. */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import {
  MIN_PRINT_SCALE,
  printScale,
  MAX_CELL_TEXT,
  SUMMARY_MARK,
  SUMMARY_SHEET,
  a1,
  buildPanelPaper,
  buildPanelSummary,
  layOutPanelSummary,
  panelSummaryContent,
  parseA1Range,
  chooseTrackerSheet,
  compareWithPrevious,
  countList,
  countSentence,
  markReference,
  ragCategories,
  readTracker,
  sheetOfReference,
  statusCategories,
  summaryCellStyles,
  summaryRowHeights,
  summarySheetName,
  wrappedLines,
} from "../../src/model";
import type { PanelSummaryInput, SummaryContent, SummaryPlan, SummaryValue } from "../../src/model";
import { readWorkbookGrids } from "../../src/xlsx";
import { HERTS, HERTS_JUNE, grid } from "../support/factories";
import { themesInput, withStatusColumn } from "../support/summary-content";

type S = { Completed: number; "In progress": number; "On hold": number; "Not yet started": number; Closed: number; "Not set": number };
const st = (c: number, p: number, h: number, n: number, unset = 0, closed = 0): S => ({ Completed: c, "In progress": p, "On hold": h, "Not yet started": n, Closed: closed, "Not set": unset });
const total = (s: S) => Object.values(s).reduce((a, b) => a + b, 0);
const sentence = (now: S, before?: S, label = "June 2021") => countSentence(total(now), statusCategories(now, before), before ? label : undefined, before ? total(before) : undefined);

const SEED_FIXTURE = path.resolve(__dirname, "../fixtures/herts-seed-summary.txt");
const SEED = path.resolve(__dirname, "../../../shared/seeds/herts-annual-delivery-plan-2021-22.txt");

describe("the status sentence", () => {
  it("reproduces the issue's example: zero categories grouped last, with the previous period's count of the group", () => {
    expect(sentence(st(45, 52, 0, 0), st(38, 55, 2, 2))).toBe(
      "Of the 97 actions, 45 are complete (38 in June 2021), 52 are in progress (55 in June 2021) and none are on hold or not yet started (4 in June 2021).",
    );
  });

  it("has no brackets without a previous period", () => {
    expect(sentence(st(45, 52, 0, 0))).toBe("Of the 97 actions, 45 are complete, 52 are in progress and none are on hold or not yet started.");
  });

  it("says 1 is, 2 are; lists every category in order when none is empty", () => {
    expect(sentence(st(4, 3, 2, 1))).toBe("Of the 10 actions, 4 are complete, 3 are in progress, 2 are on hold and 1 is not yet started.");
    expect(sentence(st(1, 1, 0, 1))).toBe("Of the 3 actions, 1 is complete, 1 is in progress, 1 is not yet started and none are on hold.");
    expect(sentence(st(0, 2, 0, 0), st(0, 1, 1, 0))).toBe(
      "Of the 2 actions, all are in progress (1 in June 2021) and none are complete, on hold or not yet started (1 in June 2021).",
    );
  });

  it("says 'all' when every action is in one category, and 'none' for a group that had none before either", () => {
    expect(sentence(st(5, 0, 0, 0))).toBe("Of the 5 actions, all are complete and none are in progress, on hold or not yet started.");
    expect(sentence(st(3, 2, 0, 0), st(1, 4, 0, 0))).toBe(
      "Of the 5 actions, 3 are complete (1 in June 2021), 2 are in progress (4 in June 2021) and none are on hold or not yet started (none in June 2021).",
    );
    expect(sentence(st(3, 2, 0, 0), st(0, 4, 0, 0))).toContain("3 are complete (none in June 2021)");
  });

  it("reads well for one action and for none", () => {
    expect(sentence(st(0, 1, 0, 0))).toBe("The one action is in progress.");
    expect(sentence(st(1, 0, 0, 0), st(38, 55, 2, 2))).toBe("The one action is complete (38 in June 2021); none is in progress, on hold or not yet started (59 in June 2021).");
    expect(sentence(st(0, 0, 0, 0))).toBe("There are no actions in the Delivery Plan.");
    expect(sentence(st(0, 0, 0, 0), st(38, 55, 2, 2))).toBe("There are no actions in the Delivery Plan (97 in June 2021).");
  });

  it("names actions without a status only when there are some, now or before", () => {
    expect(sentence(st(4, 3, 0, 0, 2))).toBe("Of the 9 actions, 4 are complete, 3 are in progress, 2 are without a status and none are on hold or not yet started.");
    expect(sentence(st(4, 3, 0, 0, 0), st(1, 3, 0, 0, 3))).toBe(
      "Of the 7 actions, 4 are complete (1 in June 2021), 3 are in progress (3 in June 2021) and none are on hold, not yet started or without a status (3 in June 2021).",
    );
  });

  it("counts by RAG for a tracker without a status", () => {
    const now = { Red: 1, Amber: 1, Green: 1, Blue: 0, White: 0, "Not set": 37 };
    expect(countSentence(40, ragCategories(now))).toBe("Of the 40 actions, 1 is Red, 1 is Amber, 1 is Green and 37 are without a RAG rating.");
  });

  it("always accounts for every action, with one bracket per clause (many combinations)", () => {
    const combos: S[] = [];
    for (const c of [0, 1, 2, 7]) for (const p of [0, 1, 5]) for (const h of [0, 1, 3]) for (const n of [0, 1, 2]) for (const u of [0, 1]) combos.push(st(c, p, h, n, u));
    for (const now of combos) {
      const n = total(now);
      if (n < 2) continue;
      const plain = sentence(now);
      expect(plain).toMatch(/^Of the \d+ actions, .*\.$/);
      expect(plain).not.toContain("(");
      expect(plain).not.toMatch(/\b0 (is|are)\b|\b1 are\b|\b([2-9]|\d\d+) is\b/);
      // The counts said add up to the total ("all" is the total).
      const said = [...plain.replace(/^Of the \d+ actions, /, "").matchAll(/\b(all|\d+) (?:is|are)\b/g)].map((m) => (m[1] === "all" ? n : Number(m[1])));
      expect(said.reduce((a, b) => a + b, 0)).toBe(n);
      const withPrevious = sentence(now, st(1, 1, 1, 1, 0));
      const clauses = withPrevious.match(/\b(all|none|\d+) (is|are)\b/g)!.length;
      expect((withPrevious.match(/\(/g) ?? []).length).toBe(clauses);
    }
  });
});

describe("the seed's list", () => {
  it("reproduces the Hertfordshire paragraph word for word", () => {
    const list = countList(97, statusCategories(st(45, 52, 0, 0), st(38, 55, 2, 2)), "June 2021");
    const seed = readFileSync(SEED_FIXTURE, "utf8").split("\n").filter((l) => l.trim() && !l.startsWith("#"));
    expect([list.intro, ...list.bullets.map((b) => `- ${b}`)]).toEqual(seed);
  });

  it("the fixture is the seed's own text (when the seed is at hand)", () => {
    if (!existsSync(SEED)) return;
    const seed = readFileSync(SEED, "utf8");
    for (const line of readFileSync(SEED_FIXTURE, "utf8").split("\n").filter((l) => l.trim() && !l.startsWith("#"))) expect(seed).toContain(line);
  });

  it("singular and plural verbs, the verb said again only when it changes", () => {
    const list = countList(3, statusCategories(st(1, 0, 1, 1)));
    expect(list.bullets).toEqual(["1 action is 'complete'", "1 action is 'on hold'", "1 action has 'not yet started'", "No actions are 'in progress'"]);
    expect(countList(6, statusCategories(st(6, 0, 0, 0))).bullets[1]).toBe("No actions are 'in progress', 'on hold' or have 'not yet started'");
    expect(countList(0, statusCategories(st(0, 0, 0, 0)))).toEqual({ intro: "The Delivery Plan shows no actions.", bullets: [] });
  });
});

describe("sheet names and the mark", () => {
  it("takes 'Panel Summary' when free or ours; otherwise the next free '(n)'", () => {
    expect(summarySheetName(["Tracker"], null)).toBe("Panel Summary");
    expect(summarySheetName(["Tracker", "Panel Summary"], "Panel Summary")).toBe("Panel Summary");
    expect(summarySheetName(["Tracker", "panel summary"], null)).toBe("Panel Summary (2)");
    expect(summarySheetName(["Tracker", "Panel Summary", "Panel Summary (2)"], null)).toBe("Panel Summary (3)");
    expect(summarySheetName(["Tracker", "Panel Summary", "Panel Summary (2)"], "Panel Summary (2)")).toBe("Panel Summary (2)");
    expect(summarySheetName(["A"], null, "A very long preferred sheet name!")).toBe("A very long preferred sheet name!");
    expect(summarySheetName(["x".repeat(31)], null, "x".repeat(31))).toBe(`${"x".repeat(27)} (2)`);
  });

  it("reads the sheet a mark refers to, in either host's spelling", () => {
    expect(markReference("Panel Summary")).toBe("'Panel Summary'!$A$1");
    expect(sheetOfReference("='Panel Summary'!$A$1")).toBe("Panel Summary");
    expect(sheetOfReference("'Panel Summary'!$A$1")).toBe("Panel Summary");
    expect(sheetOfReference("=Summary!$A$1")).toBe("Summary");
    expect(sheetOfReference(markReference("O'Brien's sheet"))).toBe("O'Brien's sheet");
    expect(sheetOfReference("=#REF!$A$1")).toBeNull();
    expect(sheetOfReference("=#REF!")).toBeNull();
    expect(sheetOfReference("='Gone'!$A$1", ["Tracker"])).toBeNull();
    expect(sheetOfReference("='panel summary'!$A$1", ["Panel Summary"])).toBe("Panel Summary");
  });
});

const EXCEPTIONS_GRID = grid([
  ["Ref", "Action", "Lead", "Status", "RAG", "Update", "Timeframe"],
  ["A1", "Red with an update", "Chief Constable", "In progress", "Red", "Recovery plan agreed", "Ongoing"],
  ["A2", "Amber with no update", "OPCC", "In progress", "Amber", "", "Ongoing"],
  ["A3", "Green but overdue", "OPCC", "In progress", "Green", "On track", "March 2021"],
  ["A4", "Completed late", "OPCC", "Completed", "Green", "Done", "March 2021"],
  ["A5", "Fine", "", "In progress", "Green", "On track", "Ongoing"],
  ["A6", "Slipped since last time", "Partners", "In progress", "Amber", "Delayed by Covid", "Ongoing"],
  ["A7", "=HYPERLINK(\"http://example.invalid\",\"x\")", "OPCC", "On hold", "Red", "+44 is not a sum", "Autumn 2021"],
]);

function exceptionsInput(withPrevious = true): PanelSummaryInput {
  const report = readTracker(EXCEPTIONS_GRID);
  const before = [
    { id: "A1", status: "In progress" as const, rag: "Red" as const },
    { id: "A6", status: "In progress" as const, rag: "Green" as const },
    { id: "A7", status: "In progress" as const, rag: "Amber" as const },
  ];
  return {
    report,
    previous: withPrevious ? { label: "Q2", actions: before, comparison: compareWithPrevious(report.actions, before) } : null,
    options: { period: "Q3 2021/22", asOf: new Date(Date.UTC(2021, 11, 31)), built: new Date(Date.UTC(2022, 0, 5)) },
  };
}

function exceptionsPlan(withPrevious = true): SummaryPlan {
  return buildPanelSummary(exceptionsInput(withPrevious));
}

describe("exceptions", () => {
  it("lists every Red, every deterioration, every overdue action and Red/Amber with no update, once each, in tracker order", () => {
    const plan = exceptionsPlan();
    expect(plan.exceptions.map((e) => [e.id, e.reasons])).toEqual([
      ["A1", ["Red"]],
      ["A2", ["Amber with no update"]],
      ["A3", ['Overdue: due by 31 March 2021 ("March 2021")']],
      ["A6", ["Deteriorated since Q2: Green → Amber"]],
      ["A7", ["Red", "Deteriorated since Q2: Amber → Red", 'Overdue: due by 30 November 2021 ("Autumn 2021")']],
    ]);
    const table = plan.tables.find((t) => t.id === "exceptions")!;
    expect(table.columns.map((c) => c.header)).toEqual(["Reference", "Action", "Lead", "Status / RAG", "Direction of travel", "Why it is listed", "Latest update"]);
    const first = Number(/\d+/.exec(table.range)![0]) + 1;
    expect(plan.rows[first - 1 + 4]).toEqual([
      "A7",
      '=HYPERLINK("http://example.invalid","x")',
      "OPCC",
      "On hold / Red",
      "↓ deteriorated",
      'Red; Deteriorated since Q2: Amber → Red; Overdue: due by 30 November 2021 ("Autumn 2021")',
      "+44 is not a sum",
    ]);
    expect(plan.rows[first - 1 + 1][6]).toBe("No update");
  });

  it("without a previous period, uses the tracker's own arrows and says so", () => {
    const plan = exceptionsPlan(false);
    expect(plan.exceptions.map((e) => e.id)).toEqual(["A1", "A2", "A3", "A7"]);
    expect(plan.tables.find((t) => t.id === "direction")!.caption).toContain("no previous period");
  });

  it("cuts a text longer than Excel's 32,767-character cell limit, and says so", () => {
    const long = "x".repeat(40000);
    const report = readTracker(grid([["Ref", "Action", "Status", "RAG", "Update"], ["1", "Do", "In progress", "Red", long]]));
    const plan = buildPanelSummary({ report, options: { asOf: new Date(Date.UTC(2021, 10, 30)), built: new Date(Date.UTC(2021, 11, 1)) } });
    const texts = plan.rows.flat().filter((v): v is string => typeof v === "string");
    expect(Math.max(...texts.map((t) => t.length))).toBe(MAX_CELL_TEXT);
    expect(texts.find((t) => t.startsWith("xxx"))).toMatch(/cut: the full text is in the tracker\)$/);
  });

  it("says there are none rather than writing an empty table", () => {
    const report = readTracker(grid([["Ref", "Action", "Status"], ["1", "Done", "Completed"]]));
    const plan = buildPanelSummary({ report, options: { asOf: new Date(Date.UTC(2021, 10, 30)), built: new Date(Date.UTC(2021, 11, 1)) } });
    // A status and no RAG: no table of RAG.
    expect(plan.tables.map((t) => t.id)).toEqual(["headline", "themes", "direction"]);
    // (A line longer than the tables are wide runs on to the next rows.)
    expect(plan.rows.map((r) => r[0] ?? "").join(" ")).toContain("None: no action is Red, deteriorated, overdue, or Red or Amber without an update.");
    expect(plan.title).toBe("Delivery Plan summary — November 2021");
  });
});

/** Cells of an A1 range as [row, column] (1-based). */
function cells(range: string): [number, number][] {
  const area = parseA1Range(range)!;
  const out: [number, number][] = [];
  for (let r = area.top; r <= area.bottom; r++) for (let c = area.left; c <= area.right; c++) out.push([r, c]);
  return out;
}
const at = (plan: SummaryPlan, r: number, c: number): SummaryValue => plan.rows[r - 1]?.[c - 1] ?? null;

function expectAccessible(plan: SummaryPlan) {
  expect(at(plan, 1, 1)).toBe(plan.title);
  expect(plan.rows.every((r) => r.length === plan.columnWidths.length)).toBe(true);
  for (const t of plan.tables) {
    const range = cells(t.range);
    const header = range.filter(([r]) => r === range[0][0]);
    // One header row, the caption just above it, and no empty cell (so no blank row) inside.
    expect(header.map(([r, c]) => at(plan, r, c))).toEqual(t.columns.map((c) => c.header));
    expect(at(plan, range[0][0] - 1, 1)).toBe(t.caption);
    expect(range.length).toBe(t.columns.length * (t.bodyRows + 1));
    for (const [r, c] of range) expect([r, c, at(plan, r, c)]).not.toContainEqual(null);
    for (const [r, c] of range) expect(String(at(plan, r, c)).trim()).not.toBe("");
  }
  // Colour is never alone: every filled cell says something.
  for (const [address, style] of summaryCellStyles(plan)) {
    if (!style.fill) continue;
    const [r, c] = cells(address)[0];
    expect([address, String(at(plan, r, c) ?? "").trim()]).not.toEqual([address, ""]);
  }
}

describe("the plan's shape", () => {
  it("is accessible: title in A1, one header row per table, no blanks inside tables, colour never alone", () => {
    expectAccessible(exceptionsPlan());
    expectAccessible(exceptionsPlan(false));
  });

  it("marks the sheet, charts the RAG in progress but not status by theme for one theme, and estimates wrapped rows' heights", () => {
    const plan = exceptionsPlan();
    expect(plan.sheet).toBe(SUMMARY_SHEET);
    expect(plan.mark).toBe(SUMMARY_MARK);
    const themes = plan.tables.find((t) => t.id === "themes")!;
    // One theme: a single bar says no more than the table (as in the paper); the RAG's chart covers its rows, not the total.
    expect(themes.bodyRows).toBe(2);
    const rag = plan.tables.find((t) => t.id === "rag")!;
    const ragTop = parseA1Range(rag.range)!.top;
    expect(plan.charts.map((c) => c.id)).toEqual(["rag"]);
    expect(plan.charts[0]).toMatchObject({ kind: "columns", title: rag.caption, source: `A${ragTop}:B${ragTop + rag.bodyRows - 1}`, labels: "all" });
    expect(summaryRowHeights(plan)[0]).toBeNull();
    expect(wrappedLines("short", 10)).toBe(1);
    expect(wrappedLines("one two three four five six", 10)).toBe(3);
    expect(wrappedLines("a\nb", 10)).toBe(2);
  });

  it("gives a row room for more lines exactly where a cell the adapters wrap (its merged style) needs them", () => {
    for (const plan of [exceptionsPlan(), exceptionsPlan(false)]) {
      const styles = summaryCellStyles(plan);
      const expected = plan.rows.map((row, r) => {
        const lines = Math.max(1, ...row.map((v, c) => (typeof v === "string" && styles.get(a1(r + 1, c + 1))?.wrap ? wrappedLines(v, plan.columnWidths[c]) : 1)));
        return lines > 1 ? lines * 15 : null;
      });
      expect(summaryRowHeights(plan)).toEqual(expected);
      expect(expected.some((h) => h !== null)).toBe(true);
    }
  });

  it("all strings are plain values: no number is passed as text, no formula object exists in a plan", () => {
    const plan = exceptionsPlan();
    for (const v of plan.rows.flat()) expect(["string", "number", "object"]).toContain(typeof v);
    expect(plan.rows.flat().filter((v) => typeof v === "object" && v !== null)).toEqual([]);
  });
});

describe("the Hertfordshire sample with its June 2021 version", () => {
  let plan: SummaryPlan;
  let report: ReturnType<typeof readTracker>;
  beforeAll(async () => {
    const now = chooseTrackerSheet(await readWorkbookGrids(HERTS));
    const june = chooseTrackerSheet(await readWorkbookGrids(HERTS_JUNE));
    if (!now.ok || !june.ok) throw new Error("samples");
    report = readTracker(now.grid);
    const before = readTracker(june.grid).actions;
    plan = buildPanelSummary({
      report,
      previous: { label: "June 2021", actions: before, comparison: compareWithPrevious(report.actions, before) },
      options: { period: "November 2021", organisation: "Hertfordshire OPCC", asOf: new Date(Date.UTC(2021, 10, 30, 23, 59, 59)), built: new Date(Date.UTC(2021, 11, 1)) },
    });
  });

  it("reproduces the seed's published numbers and sentence structure", () => {
    expect(plan.text.sentence).toBe(
      "Of the 97 actions, 45 are complete (38 in June 2021), 52 are in progress (55 in June 2021) and none are on hold or not yet started (4 in June 2021).",
    );
    const seed = readFileSync(SEED_FIXTURE, "utf8").split("\n").filter((l) => l.trim() && !l.startsWith("#"));
    expect([plan.text.listIntro, ...plan.text.bullets.map((b) => `- ${b}`)]).toEqual(seed);
    // The sheet holds both, ready to paste.
    expect(plan.rows.flat()).toContain(plan.text.sentence);
    for (const b of plan.text.bullets) expect(plan.rows.flat()).toContain(`• ${b}`);
  });

  it("puts title, organisation, date built and source sheet at the top", () => {
    expect(plan.rows.slice(0, 3).map((r) => r[0])).toEqual([
      "Delivery Plan summary — November 2021",
      "Hertfordshire OPCC",
      'Built 1 December 2021 from the sheet "Delivery Plan 2021-22"; position as at 30 November 2021, compared with June 2021.',
    ]);
  });

  it("gives each status with its count and June 2021's in brackets, and the totals", () => {
    const t = plan.tables.find((x) => x.id === "headline")!;
    expect(t.columns.map((c) => c.header)).toEqual(["Status", "For the report", "Actions", "Actions in June 2021"]);
    const first = Number(/\d+/.exec(t.range)![0]) + 1;
    expect(plan.rows.slice(first - 1, first - 1 + t.bodyRows).map((r) => r.slice(0, 4))).toEqual([
      ["Completed", "45 (38 in June 2021)", 45, 38],
      ["In progress", "52 (55 in June 2021)", 52, 55],
      ["On hold", "0 (2 in June 2021)", 0, 2],
      ["Not yet started", "0 (2 in June 2021)", 0, 2],
      ["All actions", "97 (97 in June 2021)", 97, 97],
    ]);
  });

  it("theme × status adds up; direction counts match the comparison; exceptions are the overdue actions; June kept no update text, so no update is compared", () => {
    const t = plan.tables.find((x) => x.id === "themes")!;
    const first = Number(/\d+/.exec(t.range)![0]) + 1;
    const body = plan.rows.slice(first - 1, first - 1 + t.bodyRows);
    expect(body.map((r) => r[0])).toEqual([
      "Building on Success: Constabulary / partner actions",
      "Public Focus: Constabulary / partner actions",
      "Public Focus: OPCC actions",
      "Business Sense: Constabulary / partner actions",
      "Business Sense: OPCC actions",
      "All themes",
    ]);
    expect(body[body.length - 1].slice(0, 6)).toEqual(["All themes", 45, 52, 0, 0, 97]);
    for (const r of body) expect((r[1] as number) + (r[2] as number) + (r[3] as number) + (r[4] as number)).toBe(r[5]);
    const d = plan.tables.find((x) => x.id === "direction")!;
    const dFirst = Number(/\d+/.exec(d.range)![0]) + 1;
    expect(plan.rows.slice(dFirst - 1, dFirst - 1 + d.bodyRows).map((r) => r.slice(0, 2))).toEqual([
      ["↑ improved", 11],
      ["↓ deteriorated", 0],
      ["↔ no change", 86],
      ["new since June 2021", 0],
      ["no longer in the plan", 0],
    ]);
    const overdue = plan.exceptions.filter((e) => e.reasons.some((r) => r.startsWith("Overdue")));
    expect(overdue.map((e) => e.id)).toEqual(["35", "96"]);
    // The seed gives no June 2021 update text, so the June sample has none (scripts/make-previous-sample.js):
    // whether an update is new is not compared, and no action is listed for it.
    expect(plan.updates).toEqual({ since: "June 2021", updated: 0, notUpdated: 0, new: 0, notCompared: 97 });
    expect(plan.exceptions.map((e) => e.id)).toEqual(["35", "96"]);
    expect(plan.exceptions.map((e) => e.kinds)).toEqual([["overdue"], ["overdue"]]);
    // Their long action texts wrap: the rows are given room for several lines.
    const x = plan.tables.find((t) => t.id === "exceptions")!;
    const firstBody = Number(/\d+/.exec(x.range)![0]) + 1;
    expect(summaryRowHeights(plan)[firstBody - 1]).toBeGreaterThanOrEqual(45);
    expectAccessible(plan);
  });
});

/** Each sheet column's width: the widest of the table columns laid out in it. */
function widthsOfTables(plan: SummaryPlan): number[] {
  const out: number[] = [];
  for (const t of plan.tables) t.columns.forEach((c, j) => (out[j] = Math.max(out[j] ?? 0, c.width)));
  return out;
}

const withTable = (content: SummaryContent, id: string, change: (t: SummaryContent["tables"][number]) => SummaryContent["tables"][number]): SummaryContent => ({
  ...content,
  tables: content.tables.map((t) => (t.id === id ? change(t) : t)),
});

describe("the tables, declared by their columns", () => {
  it("a theme table with one more status column keeps every column, All statuses last, and the sheet grows to hold it", () => {
    const input = themesInput();
    const content = withStatusColumn(panelSummaryContent(input), "Closed", 2);
    const plan = layOutPanelSummary(content);
    const themes = plan.tables.find((t) => t.id === "themes")!;
    expect(themes.columns.map((c) => c.key)).toEqual(["theme", "Completed", "In progress", "On hold", "Not yet started", "Not set", "Closed", "all"]);
    expect(themes.range).toMatch(/^A\d+:H\d+$/);
    const header = parseA1Range(themes.range)!.top;
    expect(plan.rows[header - 1]).toEqual(["Theme", "Completed", "In progress", "On hold", "Not yet started", "Not set", "Closed", "All statuses"]);
    expect(plan.rows[header]).toEqual(["Safer streets", 1, 1, 0, 0, 0, 2, 2]);
    expect(plan.rows[header + 2]).toEqual(["All themes", 1, 1, 1, 0, 1, 4, 4]);
    // Every row as wide as the widest table; the new column has its declared width; the total row is bold to its end.
    expect(plan.rows.every((r) => r.length === 8)).toBe(true);
    expect(plan.columnWidths).toHaveLength(8);
    expect(plan.columnWidths[6]).toBeGreaterThanOrEqual(15);
    expect(plan.formats).toContainEqual({ range: `A${header + 3}:H${header + 3}`, bold: true });
    // The chart covers the statuses, Closed included, not the total; and sits below the tables, as wide as the 8 columns, so the sheet prints one page wide.
    expect(plan.charts[0]).toMatchObject({ source: `A${header}:G${header + 2}`, from: `A${plan.rows.length + 2}`, to: `H${plan.rows.length + 20}` });
    expect(plan.charts[0].series.map((s) => s.name)).toEqual(["Completed", "In progress", "On hold", "Not yet started", "Not set", "Closed"]);
    expect(plan.charts[0].series[5]).toMatchObject({ nameCell: `G${header}`, values: `G${header + 1}:G${header + 2}`, numbers: [2, 2], fill: "#E4DFEC", label: "#3F3151" });
    expectAccessible(plan);
    // The paper lays out the same declared table.
    const paper = buildPanelPaper({ ...input, content });
    const table = paper.sections.flatMap((s) => s.blocks).find((b) => b.kind === "table" && b.table.caption.includes(": Actions by theme and status, "));
    expect(table?.kind === "table" && table.table.header).toEqual(["Theme", "Completed", "In progress", "On hold", "Not yet started", "Not set", "Closed", "All statuses"]);
    expect(table?.kind === "table" && table.table.rows[2].map((c) => c.text)).toEqual(["All themes", "1", "1", "1", "0", "1", "4", "4"]);
  });

  it("each sheet column is as wide as its content, at most the widest table column declared in it, and prints at 85% or more", () => {
    const none = buildPanelSummary({ report: readTracker(grid([["Ref", "Action", "Status"], ["1", "Done", "Completed"]])), options: { asOf: new Date(Date.UTC(2021, 10, 30)), built: new Date(Date.UTC(2021, 11, 1)) } });
    for (const plan of [exceptionsPlan(), exceptionsPlan(false), none, buildPanelSummary(themesInput())]) {
      const most = widthsOfTables(plan);
      plan.columnWidths.forEach((w, i) => expect(w).toBeLessThanOrEqual(most[i]));
      expect(printScale(plan.columnWidths)).toBeGreaterThanOrEqual(MIN_PRINT_SCALE);
    }
    // With no exceptions, the sheet is as wide as its count tables' content, 2 characters more: the longest name
    // ("no arrow in the tracker", 23), then each column of counts as wide as the longest word of its headers
    // ("Completed" 9, "statuses" 8, "started" 7), and never under 8.
    expect(none.columnWidths).toEqual([25, 11, 10, 8, 9, 10]);
    // A declared width is the most a column takes: the latest update let wider takes what its text needs, as far as the page allows.
    const wider = withTable(panelSummaryContent(exceptionsInput()), "exceptions", (t) => ({ ...t, columns: t.columns.map((c) => (c.key === "update" ? { ...c, width: 80 } : c)) }));
    const before = buildPanelSummary(exceptionsInput()).columnWidths;
    const after = layOutPanelSummary(wider).columnWidths;
    expect(after[6]).toBeGreaterThanOrEqual(before[6]);
    expect(printScale(after)).toBeGreaterThanOrEqual(MIN_PRINT_SCALE);
  });

  it("colours and the paper's columns follow the keys, wherever a column is declared", () => {
    const input = exceptionsInput();
    const moved = withTable(panelSummaryContent(input), "exceptions", (t) => ({
      ...t,
      columns: [...t.columns.filter((c) => c.key !== "statusRag"), { ...t.columns.find((c) => c.key === "statusRag")!, inPaper: true }].map((c) => (c.key === "lead" ? { ...c, inPaper: true } : c)),
    }));
    const plan = layOutPanelSummary(moved);
    const x = plan.tables.find((t) => t.id === "exceptions")!;
    const first = parseA1Range(x.range)!.top + 1;
    // A7 is On hold and Red: its Status / RAG cell, now in column G, is Red, and says so.
    expect(plan.rows[first - 1 + 4][6]).toBe("On hold / Red");
    expect(summaryCellStyles(plan).get(`G${first + 4}`)).toMatchObject({ fill: "#C00000", font: "#FFFFFF" });
    // Direction of travel moved up into D, and its colour with it.
    expect(plan.rows[first - 1 + 4][3]).toBe("↓ deteriorated");
    expect(summaryCellStyles(plan).get(`D${first + 4}`)).toMatchObject({ fill: "#FFC7CE", font: "#9C0006" });
    const paper = buildPanelPaper({ ...input, content: moved });
    const table = paper.sections.flatMap((s) => s.blocks).find((b) => b.kind === "table" && / exceptions?\b/.test(b.table.caption));
    if (table?.kind !== "table") throw new Error("no exceptions table");
    expect(table.table.header).toEqual(["Reference", "Action", "Lead", "Direction of travel", "Why it is listed", "Latest update", "Status / RAG"]);
    // The paper ranks the exceptions (the Reds first): A7's row, wherever it is, has its colour in its last column.
    expect(table.table.rows.find((r) => r[0].text === "A7")![6]).toEqual({ text: "On hold / Red", colours: { fill: "#C00000", font: "#FFFFFF" } });
  });

  it("the paper leaves out the columns declared only for the sheet", () => {
    const input = exceptionsInput();
    const paper = buildPanelPaper(input);
    const tables = paper.sections.flatMap((s) => s.blocks).flatMap((b) => (b.kind === "table" ? [b.table] : []));
    // The headline table's figures are the paper's sentence: the table itself, and its "For the report" column, are the sheet's.
    expect(tables.some((t) => t.header.includes("For the report"))).toBe(false);
    expect(tables.find((t) => / exceptions?\b/.test(t.caption))!.header).toEqual(["Reference", "Action", "Status / RAG", "Direction of travel", "Why it is listed", "Latest update"]);
    const plan = buildPanelSummary(input);
    expect(plan.tables.find((t) => t.id === "headline")!.columns.map((c) => c.header)).toContain("For the report");
    expect(plan.tables.find((t) => t.id === "exceptions")!.columns.map((c) => c.header)).toContain("Lead");
  });
});

describe("a tracker with a RAG and no status", () => {
  it("is counted by RAG on the sheet and in the paper, and both say so", () => {
    const input: PanelSummaryInput = {
      report: readTracker(grid([["Ref", "Action", "RAG"], ["1", "Light the underpass", "Red"], ["2", "Patrol the park", "Green"]])),
      options: { period: "Q3 2021/22", asOf: new Date(Date.UTC(2021, 11, 31)), built: new Date(Date.UTC(2022, 0, 5)) },
    };
    const headline = buildPanelSummary(input).tables.find((t) => t.id === "headline")!;
    expect([headline.caption, headline.columns[0].header]).toEqual(["Actions by RAG, Q3 2021/22", "RAG"]);
    const paper = buildPanelPaper(input);
    const said = paper.sections.flatMap((s) => s.blocks).flatMap((b) => (b.kind === "paragraph" ? [b.text] : []));
    expect(said).toContain("Of the 2 actions, 1 is Red, 1 is Green and none are Amber.");
    expect(paper.appendix.groups[0].table.header).toContain("RAG");
  });
});

describe("the Panel Summary says only what the tracker has data for", () => {
  it("a tracker with only a RAG: by theme and RAG, the RAG counted once, no table of statuses", () => {
    const report = readTracker(
      grid([
        ["Ref", "Theme", "Action", "RAG"],
        ["1", "Victims", "Support victims", "Red"],
        ["2", "Victims", "Fund services", "Green"],
        ["3", "Offenders", "Reduce reoffending", "Amber"],
        ["4", "Offenders", "Tackle drugs", null],
      ]),
    );
    const plan = buildPanelSummary({ report, options: { asOf: new Date(Date.UTC(2021, 10, 30)), built: new Date(Date.UTC(2021, 11, 1)) } });
    expect(plan.tables.map((t) => t.id)).toEqual(["headline", "themes", "direction", "exceptions"]);
    const themes = plan.tables.find((t) => t.id === "themes")!;
    expect(themes.caption).toBe("Actions by theme and RAG");
    const rows = plan.rows.map((r) => r.filter((v) => v !== null));
    const header = rows.findIndex((r) => r[0] === "Theme");
    expect(rows[header]).toEqual(["Theme", "Red", "Amber", "Green", "No RAG rating", "All actions"]);
    expect(rows.slice(header + 1, header + 4)).toEqual([
      ["Victims", 1, 0, 1, 0, 2],
      ["Offenders", 0, 1, 0, 1, 2],
      ["All themes", 1, 1, 1, 1, 4],
    ]);
  });
});
