/**
 * A headless spreadsheet check: HyperFormula evaluates a sheet of ACTIONS
 * formulas (registered as a FunctionPlugin that calls src/functions/evaluate.ts
 * with the range argument as the source) beside the equivalent COUNTIFS on the
 * same data, and the two must agree.
 *
 * "Equivalent" is what COUNTIFS can see: the cells' values. It cannot see a
 * RAG shown only as a fill colour (Cambridgeshire), a theme given by a section
 * heading row (Hertfordshire: the COUNTIFS range is the section's rows instead),
 * sub-activity rows folded under their action (the COUNTIFS adds "action text
 * not blank"), or another spelling of a word (the COUNTIFS adds one term per
 * spelling). Those are exactly the things ACTIONS does for the user.
 */
import * as fs from "fs";
import * as path from "path";
import { HyperFormula } from "hyperformula";
import type { CellValue, SheetGrid } from "../../src/model";
import { ACTIONS_FUNCTION_NAMES, registerActionsFunctions } from "../support/hyperformula-actions";
import { SampleTracker, loadCambs, loadHerts } from "../support/sample-trackers";
import { bigTracker } from "../support/big-tracker";

type Check = [label: string, actions: string, equivalent: string];

function sheetOf(grid: SheetGrid): (string | number | boolean | null)[][] {
  const rows: (string | number | boolean | null)[][] = [];
  for (let r = 1; r < grid.firstRow; r++) rows.push([]);
  for (const row of grid.values) {
    rows.push([...new Array(grid.firstColumn - 1).fill(null), ...row.map((v: CellValue) => (v === null ? null : v instanceof Date ? v.getTime() / 86400000 + 25569 : typeof v === "object" ? v.error : v))]);
  }
  return rows;
}

/** Evaluate every check's two formulas side by side on a sheet "Checks" next to the sheet "Tracker". */
function evaluate(grid: SheetGrid, checks: Check[]): { label: string; actions: unknown; equivalent: unknown }[] {
  const hf = HyperFormula.buildFromSheets(
    { Tracker: sheetOf(grid), Checks: checks.map(([, a, b]) => [a, b]) },
    { licenseKey: "gpl-v3" },
  );
  const sheet = hf.getSheetId("Checks")!;
  const out = checks.map(([label], row) => ({
    label,
    actions: hf.getCellValue({ sheet, row, col: 0 }),
    equivalent: hf.getCellValue({ sheet, row, col: 1 }),
  }));
  hf.destroy();
  return out;
}

function expectAgreement(results: { label: string; actions: unknown; equivalent: unknown }[]) {
  for (const r of results) {
    expect(typeof r.actions === "number" || typeof r.actions === "string").toBe(true);
    expect({ label: r.label, value: r.actions }).toEqual({ label: r.label, value: r.equivalent });
  }
}

let herts: SampleTracker;
let cambs: SampleTracker;

beforeAll(async () => {
  registerActionsFunctions();
  [herts, cambs] = await Promise.all([loadHerts(), loadCambs()]);
});

test("the functions are registered under their dotted names", () => {
  const names = HyperFormula.getRegisteredFunctionNames("enGB");
  for (const n of ACTIONS_FUNCTION_NAMES) expect(names).toContain(n);
});

test("Hertfordshire: statuses, totals, sections, shares, statuses by reference, lists and themes", () => {
  const src = "Tracker!A4:G106";
  expect(herts.rangeAddress).toBe("A4:G106");
  // Section headings are the merged rows; the actions of a section are the rows below it.
  const headings = herts.grid.merges.filter((m) => m.top > herts.headerRow).map((m) => m.top);
  expect(headings).toEqual([5, 63, 79, 94, 103]);
  const sections = headings.map((top, i) => ({ top, first: top + 1, last: (headings[i + 1] ?? herts.lastRow + 1) - 1 }));
  const heading = (i: number) => herts.grid.values[sections[i].top - 1][0] as string;

  const checks: Check[] = [
    ["In progress", `=ACTIONS.COUNT("In progress", ${src})`, '=COUNTIFS(Tracker!C5:C106,"In progress")'],
    ["Completed", `=ACTIONS.COUNT("Completed", ${src})`, '=COUNTIFS(Tracker!C5:C106,"Completed")'],
    ["complete (another spelling)", `=ACTIONS.COUNT("complete", ${src})`, '=COUNTIFS(Tracker!C5:C106,"Completed")'],
    ["On hold", `=ACTIONS.COUNT("On hold", ${src})`, '=COUNTIFS(Tracker!C5:C106,"On hold")'],
    ["total", `=ACTIONS.TOTAL(${src})`, "=COUNTA(Tracker!B5:B106)"],
    ["percent complete", `=ACTIONS.PERCENT("Completed", ${src})`, '=COUNTIFS(Tracker!C5:C106,"Completed")/COUNTA(Tracker!B5:B106)'],
    ["LIST rows", `=ROWS(ACTIONS.LIST("Completed", ${src}))`, '=COUNTIFS(Tracker!C5:C106,"Completed")'],
    ["LIST columns", `=COLUMNS(ACTIONS.LIST("Completed", ${src}))`, "=3"],
    ["STATUS(58)", `=ACTIONS.STATUS(58, ${src})`, "=INDEX(Tracker!C5:C106, MATCH(58, Tracker!A5:A106, 0))"],
    ["STATUS(\"1\")", `=ACTIONS.STATUS("1", ${src})`, "=INDEX(Tracker!C5:C106, MATCH(1, Tracker!A5:A106, 0))"],
    ["THEMES rows", `=ROWS(ACTIONS.THEMES(${src}))`, `=${sections.length}`],
  ];
  sections.forEach((s, i) => {
    const theme = `"${heading(i)}"`;
    checks.push(
      [`theme ${i + 1} total`, `=ACTIONS.TOTAL(${theme}, ${src})`, `=COUNTA(Tracker!B${s.first}:B${s.last})`],
      [`theme ${i + 1} in progress`, `=ACTIONS.COUNT("In progress", ${theme}, ${src})`, `=COUNTIFS(Tracker!C${s.first}:C${s.last},"In progress")`],
      [`theme ${i + 1} completed share`, `=ACTIONS.PERCENT("Completed", ${theme}, ${src})`, `=COUNTIFS(Tracker!C${s.first}:C${s.last},"Completed")/COUNTA(Tracker!B${s.first}:B${s.last})`],
      [`THEMES #${i + 1}`, `=INDEX(ACTIONS.THEMES(${src}), ${i + 1}, 1)`, `=Tracker!A${s.top}`],
    );
  });
  const results = evaluate(herts.grid, checks);
  expectAgreement(results);
  expect(results[0].actions).toBe(52);
  expect(results[1].actions).toBe(45);
  expect(results[4].actions).toBe(97);
});

test("Cambridgeshire: arrows by theme and lead, one count per action (not per sub-activity row)", () => {
  const src = "Tracker!A5:G49";
  expect(cambs.rangeAddress).toBe("A5:G49");
  // Rows 17–18 are sub-activities of O2 (action text merged from above): the COUNTIFS must skip them.
  const oneRowPerAction = 'Tracker!B6:B49,"<>"';
  const checks: Check[] = [
    ["↑", `=ACTIONS.COUNT("↑", ${src})`, '=COUNTIFS(Tracker!F6:F49,"↑")'],
    ["improved (a word for ↑)", `=ACTIONS.COUNT("improved", ${src})`, '=COUNTIFS(Tracker!F6:F49,"↑")'],
    ["↔", `=ACTIONS.COUNT("↔", ${src})`, `=COUNTIFS(Tracker!F6:F49,"↔",${oneRowPerAction})`],
    ["no change", `=ACTIONS.COUNT("no change", ${src})`, `=COUNTIFS(Tracker!F6:F49,"↔",${oneRowPerAction})`],
    ["↓", `=ACTIONS.COUNT("↓", ${src})`, '=COUNTIFS(Tracker!F6:F49,"↓")'],
    ["↑ Victims", `=ACTIONS.COUNT("↑", "Victims", ${src})`, '=COUNTIFS(Tracker!F6:F49,"↑",Tracker!A6:A49,"Victims")'],
    ["↔ Offenders", `=ACTIONS.COUNT("↔", "Offenders", ${src})`, `=COUNTIFS(Tracker!F6:F49,"↔",Tracker!A6:A49,"Offenders",${oneRowPerAction})`],
    // A lead shared by two ("NP / CS", "CS/NP") counts for each: a wildcard in COUNTIFS.
    ["↑ lead NP", `=ACTIONS.COUNT("↑", , "NP", ${src})`, '=COUNTIFS(Tracker!F6:F49,"↑",Tracker!C6:C49,"*NP*")'],
    ["↔ lead NP", `=ACTIONS.COUNT("↔", , "NP", ${src})`, `=COUNTIFS(Tracker!F6:F49,"↔",Tracker!C6:C49,"*NP*",${oneRowPerAction})`],
    ["↔ lead CK", `=ACTIONS.COUNT("↔", , "CK", ${src})`, `=COUNTIFS(Tracker!F6:F49,"↔",Tracker!C6:C49,"*CK*",${oneRowPerAction})`],
    ["↑ Victims, NP", `=ACTIONS.COUNT("↑", "Victims", "NP", ${src})`, '=COUNTIFS(Tracker!F6:F49,"↑",Tracker!A6:A49,"Victims",Tracker!C6:C49,"*NP*")'],
    ["total", `=ACTIONS.TOTAL(${src})`, `=COUNTIFS(${oneRowPerAction})`],
    ["total Transformation", `=ACTIONS.TOTAL("Transformation", ${src})`, `=COUNTIFS(Tracker!A6:A49,"Transformation",${oneRowPerAction})`],
    ["share ↑", `=ACTIONS.PERCENT("↑", ${src})`, `=COUNTIFS(Tracker!F6:F49,"↑")/COUNTIFS(${oneRowPerAction})`],
    ["LIST ↑ rows", `=ROWS(ACTIONS.LIST("↑", ${src}))`, '=COUNTIFS(Tracker!F6:F49,"↑")'],
    ["LIST ↑ Victims: first lead", `=INDEX(ACTIONS.LIST("↑", "Victims", ${src}), 1, 3)`, "=Tracker!C11"],
    ["THEMES #2", `=INDEX(ACTIONS.THEMES(${src}), 2, 1)`, "=Tracker!A15"],
    // The RAG is only a fill colour here: neither a range's values nor COUNTIFS can see it.
    ["Red (fill only)", `=ACTIONS.COUNT("Red", ${src})`, '=COUNTIFS(Tracker!F6:F49,"Red")'],
  ];
  const results = evaluate(cambs.grid, checks);
  expectAgreement(results);
  expect(results.find((r) => r.label === "↔")?.actions).toBe(16);
  expect(results.find((r) => r.label === "↑")?.actions).toBe(5);
});

test("Cambridgeshire: the naive COUNTIFS counts sub-activity rows twice; ACTIONS does not", () => {
  const results = evaluate(cambs.grid, [["↔", '=ACTIONS.COUNT("↔", Tracker!A5:G49)', '=COUNTIFS(Tracker!F6:F49,"↔")']]);
  expect(results[0]).toMatchObject({ actions: 16, equivalent: 18 });
});

describe("a generated tracker with typed RAG words, sections, leads and other spellings", () => {
  // Other spellings a tracker holds; the COUNTIFS needs one term for each, ACTIONS none.
  const SPELLINGS: Record<string, string[]> = {
    Completed: ["Completed", "complete", "Done"],
    "In progress": ["In progress", "Ongoing", "On track"],
    "On hold": ["On hold", "Paused"],
    "Not yet started": ["Not yet started", "Not started"],
    Red: ["Red"],
    Amber: ["Amber", "Yellow"],
    Green: ["Green"],
    "↑": ["↑", "Improved"],
    "↓": ["↓", "Worse"],
    "↔": ["↔", "No change"],
  };
  const grid = bigTracker(2500, { typedRag: true });
  // Replace some words by their other spellings, deterministically.
  grid.values.forEach((row, i) => {
    for (const c of [3, 4, 5]) {
      const alts = SPELLINGS[row[c] as string];
      if (alts && alts.length > 1 && i % 3 === 1) row[c] = alts[1 + (i % (alts.length - 1))];
    }
  });
  const last = grid.values.length;
  const respelledRow = grid.values.find((row) => row[3] === "Done")!;
  const respelled = { id: respelledRow[0] as string, canonical: "Completed" };
  // An action far down whose cell keeps the canonical word.
  const kept = grid.values.find((row) => /^A\d{4}$/.test(String(row[0])) && Number(String(row[0]).slice(1)) > 1500 && row[3] === "In progress")![0] as string;
  const src = `Tracker!A4:H${last}`;
  const headings = grid.merges.map((m) => m.top);
  const column = { status: "D", rag: "E", direction: "F", lead: "C" };
  const countifs = (col: string, word: string, first = 5, lastRow = last, extra = "") =>
    SPELLINGS[word].map((s) => `COUNTIFS(Tracker!${col}${first}:${col}${lastRow},"${s}"${extra})`).join("+");

  test("every status, RAG and direction, overall, by section and by lead", () => {
    const checks: Check[] = [];
    const kinds: [string, string[]][] = [
      [column.status, ["Completed", "In progress", "On hold", "Not yet started"]],
      [column.rag, ["Red", "Amber", "Green"]],
      [column.direction, ["↑", "↓", "↔"]],
    ];
    for (const [col, words] of kinds) {
      for (const word of words) {
        checks.push([word, `=ACTIONS.COUNT("${word}", ${src})`, `=${countifs(col, word)}`]);
        headings.forEach((top, i) => {
          const lastRow = (headings[i + 1] ?? last + 1) - 1;
          const theme = grid.values[top - 1][0] as string;
          checks.push([`${word} in ${theme}`, `=ACTIONS.COUNT("${word}", "${theme}", ${src})`, `=${countifs(col, word, top + 1, lastRow)}`]);
        });
        for (const lead of ["Lead 3", "Lead 16"]) {
          checks.push([`${word} for ${lead}`, `=ACTIONS.COUNT("${word}", , "${lead}", ${src})`, `=${countifs(col, word, 5, last, `,Tracker!C5:C${last},"${lead}"`)}`]);
        }
      }
    }
    checks.push(
      ["total", `=ACTIONS.TOTAL(${src})`, `=COUNTA(Tracker!B5:B${last})`],
      ["RAG of A7", `=ACTIONS.RAG("A7", ${src})`, `=INDEX(Tracker!E5:E${last}, MATCH("A7", Tracker!A5:A${last}, 0))`],
      // STATUS gives the canonical word: compare on an action whose cell holds it.
      [`STATUS of ${kept}`, `=ACTIONS.STATUS("${kept}", ${src})`, `=INDEX(Tracker!D5:D${last}, MATCH("${kept}", Tracker!A5:A${last}, 0))`],
      ["STATUS of a respelled one", `=ACTIONS.STATUS("${respelled.id}", ${src})`, `="${respelled.canonical}"`],
      ["THEMES", `=ROWS(ACTIONS.THEMES(${src}))`, `=${headings.length}`],
    );
    const results = evaluate(grid, checks);
    expectAgreement(results);
    expect(results.find((r) => r.label === "total")?.actions).toBe(2500);
    expect(headings).toHaveLength(3);
  });

  test("after an edit, both recalculate and still agree (Excel tracks the range as a dependency)", () => {
    const hf = HyperFormula.buildFromSheets(
      { Tracker: sheetOf(grid), Checks: [[`=ACTIONS.COUNT("Red", ${src})`, `=${countifs(column.rag, "Red")}`]] },
      { licenseKey: "gpl-v3" },
    );
    const tracker = hf.getSheetId("Tracker")!;
    const checks = hf.getSheetId("Checks")!;
    const before = hf.getCellValue({ sheet: checks, row: 0, col: 0 }) as number;
    expect(hf.getCellValue({ sheet: checks, row: 0, col: 1 })).toBe(before);
    // Row 6 is action A1: make it Red (it was not: A1 is Amber).
    expect(hf.getCellValue({ sheet: tracker, row: 5, col: 4 })).not.toBe("Red");
    hf.setCellContents({ sheet: tracker, row: 5, col: 4 }, "Red");
    expect(hf.getCellValue({ sheet: checks, row: 0, col: 0 })).toBe(before + 1);
    expect(hf.getCellValue({ sheet: checks, row: 0, col: 1 })).toBe(before + 1);
    hf.destroy();
  });
});

test("errors come through as the spreadsheet's own error values, with the message", () => {
  const results = evaluate(herts.grid, [
    ["unknown word", '=ACTIONS.COUNT("Purple", Tracker!A4:G106)', "=0"],
    ["no header row", '=ACTIONS.COUNT("Completed", Tracker!A6:G106)', "=0"],
  ]);
  expect(results[0].actions).toMatchObject({ value: "#VALUE!", message: expect.stringMatching(/Use one of: Completed, In progress/) });
  expect(results[1].actions).toMatchObject({ value: "#N/A", message: expect.stringMatching(/Include the header row/) });
});

test("HyperFormula (GPLv3) stays a test tool: nothing under src/ imports it", () => {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else files.push(p);
    }
  };
  walk(path.resolve(__dirname, "../../src"));
  expect(files.length).toBeGreaterThan(10);
  for (const f of files) expect({ file: f, imports: /(from\s+|require\(\s*|import\(\s*)["']hyperformula/.test(fs.readFileSync(f, "utf8")) }).toEqual({ file: f, imports: false });
});
