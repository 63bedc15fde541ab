/**
 * The corpus of tracker layouts in test/fixtures/trackers/: each JSON file describes a
 * workbook (its sheets' rows, merges, fills and number formats) and the reading expected
 * of it, so that a new pattern is one more file. The workbook is built here with ExcelJS,
 * as Excel would save it. `npx tsx scripts/make-fixture-trackers.ts OUTDIR` writes them out
 * to open by hand.
 */
import ExcelJS from "exceljs";
import { promises as fs } from "node:fs";
import path from "node:path";

export const FIXTURES = path.resolve(__dirname, "../fixtures/trackers");

/** A cell in a layout: text, a number, nothing, or a date ({ "date": "2021-03-01" }). */
export type FixtureCell = string | number | null | { date: string };

export interface FixtureSheet {
  name: string;
  rows: FixtureCell[][];
  merges?: string[];
  /** A1 address → "RRGGBB" solid fill. */
  fills?: Record<string, string>;
  /** A1 address → number format ("mmm-yy"). */
  formats?: Record<string, string>;
}

/** What the engine must read: every key is optional; those given are checked, through the CLI and the model. */
export interface FixtureExpect {
  exit: 0 | 1 | 2;
  sheet?: string;
  /** The validate JSON's columnLetters, exactly. */
  columns?: Record<string, string>;
  actions?: number;
  ids?: string[];
  themes?: string[];
  updates?: string[];
  timeframes?: string[];
  responses?: string[];
  status?: Record<string, number>;
  rag?: Record<string, number>;
  /** The summary's counts of the computed direction of travel (with a previous period in the sheet). */
  direction?: Record<string, number>;
  period?: string;
  previous?: string;
  /** Every issue of `validate --json`, as "code@cell", in order. */
  issues?: string[];
  /** Words each issue's message must hold, by "code@cell". */
  messages?: Record<string, string[]>;
  /** For a refused workbook (exit 2): words of the one line on stderr. */
  stderr?: string[];
  /** Cell → the status or RAG whose colour the formatting plan's rules give it, evaluated by a spreadsheet engine (null: none). */
  colours?: Record<string, string | null>;
  /** The status column's body cells the drop-down list leaves alone (a status followed by a sentence), exactly. */
  unlisted?: string[];
}

export interface Fixture {
  file: string;
  pattern: string;
  reads: string;
  workbook: { sheets: FixtureSheet[] };
  asOf: string;
  expect: FixtureExpect;
}

export async function loadFixtures(): Promise<Fixture[]> {
  const names = (await fs.readdir(FIXTURES)).filter((n) => n.endsWith(".json")).sort();
  return Promise.all(names.map(async (file) => ({ file, ...(JSON.parse(await fs.readFile(path.join(FIXTURES, file), "utf8")) as Omit<Fixture, "file">) })));
}

function cellValue(cell: FixtureCell): ExcelJS.CellValue {
  if (cell !== null && typeof cell === "object") return new Date(`${cell.date}T00:00:00Z`);
  return cell;
}

/** The fixture's workbook, written by ExcelJS to a buffer. */
export async function fixtureWorkbook(fixture: Pick<Fixture, "workbook">): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const sheet of fixture.workbook.sheets) {
    const ws = wb.addWorksheet(sheet.name);
    sheet.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (cell !== null && cell !== "") ws.getCell(r + 1, c + 1).value = cellValue(cell);
      }),
    );
    for (const m of sheet.merges ?? []) ws.mergeCells(m);
    for (const [address, rgb] of Object.entries(sheet.fills ?? {})) ws.getCell(address).fill = { type: "pattern", pattern: "solid", fgColor: { argb: `FF${rgb}` } };
    for (const [address, format] of Object.entries(sheet.formats ?? {})) ws.getCell(address).numFmt = format;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
