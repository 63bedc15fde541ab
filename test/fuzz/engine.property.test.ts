/**
 * Property-based tests over random grids (fast-check): whatever a sheet holds,
 * the engine never throws, and always returns a result that passes the schema,
 * with issues in plain words that point at cells of the sheet.
 *
 * A few hundred cases in `npm test`; `npm run fuzz` runs 10,000. Environment:
 *   FUZZ_RUNS  total cases across the properties (default 300)
 *   FUZZ_SEED  the seed to replay (fast-check prints it, and the path, on failure). Under CI (CI set,
 *              FUZZ_RUNS not) the seed is fixed, so that CI gives the same result for the same code;
 *              elsewhere, and in `npm run fuzz`, every run draws new cases.
 *   FUZZ_PATH  the path to replay a shrunk counterexample directly
 */
import fc from "fast-check";
import { z } from "zod";
import {
  ActionIndex,
  ActionSchema,
  IssueSchema,
  Lexicon,
  MAX_CELL_TEXT,
  MAX_RULE_FORMULA,
  TrackerSchema,
  buildPanelPaper,
  summaryRowHeights,
  buildPanelSummary,
  checkActions,
  chooseTrackerSheet,
  compareWithPrevious,
  contradictions,
  countActions,
  defaultVocabulary,
  directionWrites,
  extendVocabulary,
  formattingPlan,
  validationPlan,
  MAX_LIST_SOURCE,
  MAX_TITLE,
  MAX_PROMPT_MESSAGE,
  MAX_ERROR_MESSAGE,
  parseA1Range,
  ragLabelWrites,
  readSnapshots,
  readTracker,
  snapshotRows,
} from "../../src/model";
import { mappedRows } from "../support/mapped-rows";
import type { HeaderOverrides, Issue, SheetGrid, SummaryPlan, TrackerReport, VocabularyExtension } from "../../src/model";
import { paperHtml } from "../../src/paper/html";
import { MAX_ROWS, isWellFormed, mend, overrides, reportDate, sheetGrid, text, vocabularyExtension } from "./arbitraries";

const TOTAL_RUNS = Math.max(1, Number(process.env.FUZZ_RUNS) || 300);
/** CI's seed: the same 300 cases every run (a new bug is found by `npm run fuzz` and local runs, then pinned in fuzz-regressions.test.ts). */
const CI_SEED = 20_261_201;
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : process.env.CI && !process.env.FUZZ_RUNS ? CI_SEED : undefined;
const PATH = process.env.FUZZ_PATH || undefined;

/** Jest's time limit for a property: generous, as a 10,000-run fuzz takes minutes. */
const timeout = (share: number) => 60_000 + Math.round(TOTAL_RUNS * share) * 200;
/** fast-check parameters for a property given `share` of the total runs. */
function params(share: number): fc.Parameters<unknown> {
  return {
    numRuns: Math.max(1, Math.round(TOTAL_RUNS * share)),
    // Stop before Jest's time limit, so that a failure still ends with its seed and (partly shrunk) counterexample.
    interruptAfterTimeLimit: timeout(share) - 15_000,
    ...(SEED !== undefined ? { seed: SEED } : {}),
    ...(PATH !== undefined ? { path: PATH } : {}),
  };
}

const ReportSchema = z.object({ tracker: TrackerSchema.nullable(), actions: z.array(ActionSchema), issues: z.array(IssueSchema) });

// ---------------------------------------------------------------------------
// What every result must satisfy

function bounds(grid: SheetGrid) {
  const width = grid.values.reduce((m, r) => Math.max(m, r.length), 0);
  return { firstRow: grid.firstRow, lastRow: grid.firstRow + grid.values.length - 1, firstColumn: grid.firstColumn, lastColumn: grid.firstColumn + width - 1 };
}

/** A cell address the engine wrote: A1, on the sheet, inside the grid. */
function expectCellInGrid(cell: string, grid: SheetGrid, what: string) {
  const b = bounds(grid);
  const area = /^[A-Z]{1,3}[1-9]\d*$/.test(cell) ? parseA1Range(cell) : null;
  if (!area || area.top < b.firstRow || area.top > b.lastRow || area.left < b.firstColumn || area.left > b.lastColumn) {
    throw new Error(`${what}: cell "${cell}" is not inside the grid (rows ${b.firstRow}–${b.lastRow}, columns ${b.firstColumn}–${b.lastColumn})`);
  }
}

/** Words no message should hold: what a bug leaks (the generated input never holds them). */
const LEAK = /\bundefined\b|\bNaN\b|\[object Object\]|\bnull\b|\n\s+at |\bat \S*[/\\]\S+\.[jt]s\b|\.[jt]s:\d+:\d+/;

function expectPlain(text: string, what: string) {
  if (typeof text !== "string" || text.trim() === "") throw new Error(`${what}: empty message`);
  const leak = LEAK.exec(text);
  if (leak) throw new Error(`${what}: message holds "${leak[0]}": ${text.slice(0, 500)}`);
}

function expectIssues(issues: readonly Issue[], grid: SheetGrid, sheet: string) {
  for (const issue of issues) {
    IssueSchema.parse(issue);
    if (issue.sheet !== sheet) throw new Error(`issue ${issue.code} names sheet "${issue.sheet}", not "${sheet}"`);
    expectPlain(issue.message, `issue ${issue.code}`);
    if (issue.cell !== null) expectCellInGrid(issue.cell, grid, `issue ${issue.code}`);
  }
}

function expectReport(report: TrackerReport, grid: SheetGrid) {
  ReportSchema.parse(report);
  expectIssues(report.issues, grid, grid.name);
  if (!report.tracker) {
    // No tracker: no actions, and an error that says why.
    expect(report.actions).toEqual([]);
    expect(report.issues.some((i) => i.severity === "error" && i.cell === null)).toBe(true);
    return;
  }
  const b = bounds(grid);
  const t = report.tracker;
  expect(t.sheet).toBe(grid.name);
  expect(t.headerRow).toBeGreaterThanOrEqual(b.firstRow);
  expect(t.headerRow).toBeLessThanOrEqual(b.lastRow);
  expect(t.firstDataRow).toBe(t.headerRow + 1);
  expect(t.lastDataRow).toBeLessThanOrEqual(b.lastRow);
  for (const c of t.columns) expectCellInGrid(`${c.column}${t.headerRow}`, grid, `column ${c.field}`);
  const ids = new Set<number>();
  for (const a of report.actions) {
    for (const r of a.rows) {
      // Every sheet row belongs to at most one action, and lies in the table body.
      expect(ids.has(r)).toBe(false);
      ids.add(r);
      expect(r).toBeGreaterThan(t.headerRow);
      expect(r).toBeLessThanOrEqual(t.lastDataRow);
    }
    for (const cell of Object.values(a.cells)) expectCellInGrid(cell!, grid, `action ${a.id}`);
    expect(a.id.trim()).not.toBe("");
  }
}

function summaryStrings(plan: SummaryPlan): string[] {
  const cells = plan.rows.flat().filter((v): v is string => typeof v === "string");
  return [...cells, plan.title, plan.text.sentence, plan.text.listIntro, ...plan.text.bullets, ...plan.tables.flatMap((t) => [t.caption, ...t.columns.map((c) => c.header)])];
}

function expectSummary(plan: SummaryPlan, actions: number) {
  const heights = summaryRowHeights(plan);
  expect(plan.rows.length).toBe(heights.length);
  for (const row of plan.rows) {
    expect(row.length).toBe(plan.columnWidths.length);
    for (const v of row) {
      if (typeof v === "string") {
        if (v.length > MAX_CELL_TEXT) throw new Error(`a summary cell holds ${v.length} characters`);
      } else if (v !== null) expect(Number.isFinite(v)).toBe(true);
    }
  }
  for (const f of plan.formats) expect(parseA1Range(f.range)).not.toBeNull();
  for (const t of plan.tables) expect(parseA1Range(t.range)).not.toBeNull();
  for (const h of heights) if (h !== null) expect(Number.isFinite(h) && h > 0).toBe(true);
  expect(plan.exceptions.length).toBeLessThanOrEqual(actions);
  for (const s of summaryStrings(plan)) if (s.trim()) expectPlain(s, "summary text");
}

// ---------------------------------------------------------------------------
// The pipeline, as the CLI and the task pane run it

interface Case {
  grid: SheetGrid;
  previous: SheetGrid;
  overrides: HeaderOverrides | undefined;
  vocabulary: VocabularyExtension | undefined;
  asOf: Date;
  built: Date;
  label: string;
  period: string | undefined;
  organisation: string | undefined;
}

const caseArb = (options: { loneSurrogates?: boolean } = {}): fc.Arbitrary<Case> =>
  fc
    .record({
    grid: sheetGrid(options),
    previous: sheetGrid(options),
    overrides,
    vocabulary: vocabularyExtension,
    asOf: reportDate,
    built: reportDate,
    label: text({ long: false }),
    period: fc.option(text(), { freq: 3, nil: undefined }),
    organisation: fc.option(text(), { freq: 3, nil: undefined }),
  })
    // Well-formed input throughout: the options' text too.
    .map((c) => (options.loneSurrogates === false ? mendStrings(c) : c));

function mendStrings<T>(value: T): T {
  if (typeof value === "string") return mend(value) as T;
  if (value instanceof Date || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(mendStrings) as T;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [mend(k), mendStrings(v)])) as T;
}

function runPipeline(c: Case) {
  const vocabulary = c.vocabulary ? extendVocabulary(defaultVocabulary, c.vocabulary) : defaultVocabulary;
  const lexicon = new Lexicon(vocabulary);
  const report = readTracker(c.grid, { overrides: c.overrides, lexicon });
  const previous = readTracker(c.previous);
  const checks = checkActions(c.grid.name, report.actions, { asOf: c.asOf });
  const counts = countActions(report.actions);
  const comparison = compareWithPrevious(report.actions, previous.actions);
  const contradicting = contradictions(c.grid.name, report.actions, comparison, c.label);
  const index = new ActionIndex(report.actions, lexicon);
  for (const word of ["Completed", "Red", "↑", "nonsense", ""]) index.count(word, report.actions[0]?.theme, report.actions[0]?.lead);
  if (report.actions[0]) index.find(report.actions[0].id);
  const snapshot = snapshotRows(c.label, c.built, c.grid.name, report.actions);
  readSnapshots(c.grid);
  chooseTrackerSheet([c.grid, c.previous]);
  let formatting = null;
  let validation = null;
  let summary = null;
  let summaryAlone = null;
  let paper = null;
  let writes = null;
  if (report.tracker) {
    formatting = formattingPlan(report.tracker, vocabulary);
    validation = validationPlan(c.grid, report.tracker, report.actions);
    mappedRows(c.grid, report.tracker);
    const options = { asOf: c.asOf, built: c.built, period: c.period, organisation: c.organisation, source: "tracker.xlsx" };
    summary = buildPanelSummary({ report, counts, previous: { label: c.label, actions: previous.actions, comparison }, options });
    summaryAlone = buildPanelSummary({ report, options });
    const input = { report, counts, previous: { label: c.label, actions: previous.actions, comparison }, options };
    paper = buildPanelPaper(input);
    paper = { plan: paper, html: paperHtml(paper) };
    writes = [...ragLabelWrites(c.grid, report.actions), ...directionWrites(c.grid, report.tracker, report.actions, comparison, c.label).writes];
  }
  return { report, previous, checks, counts, comparison, contradicting, snapshot, formatting, validation, summary, summaryAlone, paper, writes };
}

/**
 * A deep copy made in this realm: structuredClone's Dates come from Node's own
 * realm, which fail `instanceof Date` inside Jest's sandbox.
 */
function clone<T>(value: T): T {
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (Array.isArray(value)) return value.map(clone) as T;
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clone(v)])) as T;
  return value;
}

// ---------------------------------------------------------------------------

describe("the engine over random grids (fast-check)", () => {
  it(
    "readTracker never throws, and returns a result that passes the schema, with plain issues inside the grid",
    () => {
      fc.assert(
        fc.property(sheetGrid(), overrides, (grid, o) => {
          const report = readTracker(grid, { overrides: o });
          expectReport(report, grid);
        }),
        params(0.3),
      );
    },
    timeout(0.3),
  );

  it(
    "the whole pipeline never throws: checks, counts, the comparison with another random grid, formatting, drop-down lists, writes, the Panel Summary",
    () => {
      fc.assert(
        fc.property(caseArb(), (c) => {
          const r = runPipeline(c);
          expectReport(r.report, c.grid);
          expectReport(r.previous, c.previous);
          expectIssues(r.checks, c.grid, c.grid.name);
          expectIssues(r.contradicting, c.grid, c.grid.name);

          // Counts and the comparison add up.
          const n = r.report.actions.length;
          expect(r.counts.actions).toBe(n);
          for (const table of [r.counts.status, r.counts.rag, r.counts.direction]) expect(Object.values(table).reduce((s, x) => s + x, 0)).toBe(n);
          expect(Object.values(r.counts.byTheme).reduce((s, t) => s + t.actions, 0)).toBe(n);
          const { removed, ...changed } = r.comparison.counts;
          expect(Object.values(changed).reduce((s, x) => s + x, 0)).toBe(n);
          expect(removed).toBe(r.comparison.removed.length);
          expect(r.snapshot.length).toBe(n);

          if (r.report.tracker) {
            for (const rule of r.formatting!.rules) {
              expect(rule.formula.length).toBeLessThanOrEqual(MAX_RULE_FORMULA);
              const area = parseA1Range(rule.range)!;
              expectCellInGrid(`${rule.range.split(":")[0]}`, c.grid, `format rule ${rule.id}`);
              expect(area.bottom).toBeLessThanOrEqual(bounds(c.grid).lastRow);
            }
            // The drop-down lists: on ranges the colours cover, within Excel's limits.
            const coloured = new Set(r.formatting!.rules.map((rule) => rule.range));
            for (const rule of r.validation!.rules) {
              expect(coloured.has(rule.range)).toBe(true);
              expect(rule.source.length).toBeLessThanOrEqual(MAX_LIST_SOURCE);
              expect(rule.words.some((w) => /[,"]/.test(w))).toBe(false);
              expect(rule.prompt.title.length).toBeLessThanOrEqual(MAX_TITLE);
              expect(rule.error.title.length).toBeLessThanOrEqual(MAX_TITLE);
              expect(rule.prompt.message.length).toBeLessThanOrEqual(MAX_PROMPT_MESSAGE);
              expect(rule.error.message.length).toBeLessThanOrEqual(MAX_ERROR_MESSAGE);
            }
            expectSummary(r.summary!, n);
            expectSummary(r.summaryAlone!, n);
            // The paper: every action once in the appendix; the updates add up; tracker text never becomes markup.
            expect(r.paper!.plan.appendix.groups.reduce((s, g) => s + g.table.rows.length, 0)).toBe(n);
            const u = r.summary!.updates!;
            expect(u.updated + u.notUpdated + u.new + u.notCompared).toBe(n);
            expect(r.paper!.html).not.toMatch(/<(script|img|iframe|svg)\b|<[^>]*\son\w+=/i);
            for (const w of r.writes!) {
              // A write lands on the sheet, and fits in a cell.
              const area = parseA1Range(w.cell);
              expect(area !== null && area.top >= 1 && area.top <= MAX_ROWS).toBe(true);
              if (w.text.length > MAX_CELL_TEXT) throw new Error(`a write to ${w.cell} holds ${w.text.length} characters`);
            }
          }
        }),
        params(0.3),
      );
    },
    timeout(0.3),
  );

  it(
    "is deterministic, and leaves the grid as it was",
    () => {
      fc.assert(
        fc.property(caseArb(), (c) => {
          const before = clone(c);
          const first = runPipeline(c);
          expect(c).toEqual(before);
          const second = runPipeline(clone(before));
          expect(second).toEqual(first);
        }),
        params(0.15),
      );
    },
    timeout(0.15),
  );

  it(
    "blank rows added at the end change nothing",
    () => {
      const blankRow = fc.constantFrom<(string | null)[]>([], [null], [null, null, null], ["", " "], ["\u00A0", "\t", null]);
      fc.assert(
        fc.property(sheetGrid(), fc.array(blankRow, { minLength: 1, maxLength: 5 }), (grid, blanks) => {
          fc.pre(grid.firstRow + grid.values.length + blanks.length - 1 <= MAX_ROWS);
          const width = grid.values.reduce((m, r) => Math.max(m, r.length), 0);
          const padded = { ...grid, values: [...grid.values, ...blanks.map((r) => r.slice(0, Math.max(width, 1)))] };
          const a = readTracker(grid);
          const b = readTracker(padded);
          expect(b.actions.length).toBe(a.actions.length);
          expect(b).toEqual(a);
        }),
        params(0.15),
      );
    },
    timeout(0.15),
  );

  it(
    "well-formed text in, well-formed text out: no cut leaves half a surrogate pair",
    () => {
      fc.assert(
        fc.property(caseArb({ loneSurrogates: false }), (c) => {
          const r = runPipeline(c);
          const texts = [...r.report.issues, ...r.checks, ...r.contradicting].map((i) => i.message);
          if (r.summary) texts.push(...summaryStrings(r.summary), ...summaryStrings(r.summaryAlone!));
          if (r.writes) texts.push(...r.writes.map((w) => w.text));
          for (const t of texts) {
            if (isWellFormed(t)) continue;
            const at = [...t].findIndex((ch) => !isWellFormed(ch));
            throw new Error(`ill-formed UTF-16 in output (${t.length} characters), near code point ${at}: ${JSON.stringify(t.slice(0, 60))}…`);
          }
        }),
        params(0.1),
      );
    },
    timeout(0.1),
  );
});
