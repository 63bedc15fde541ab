/**
 * The organisation's own words join the drop-down lists: from `--words words.json` in the CLI, and
 * from the workbook's "Delivery plan words" sheet in both hosts (the engine's plan is what the pane applies).
 */
import ExcelJS from "exceljs";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { WORDS_SHEET } from "../../src/model";
import { run } from "../../src/cli/run";
import { inlineEngine } from "../../src/engine/engine";
import { grid } from "../support/factories";

let tmp: string;
beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "dp-validation-words-"));
});

const ROWS = [
  ["Ref", "Action", "Status", "RAG"],
  ["1", "Commission the service", "Signed off", "Green"],
  ["2", "Train call handlers", "In progress", "Amber"],
];

async function workbook(name: string, words?: string[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Tracker").addRows(ROWS);
  if (words) wb.addWorksheet(WORDS_SHEET).addRows(words);
  const file = path.join(tmp, name);
  await wb.xlsx.writeFile(file);
  return file;
}

async function listOf(file: string, cell: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const rule = wb.getWorksheet("Tracker")!.getCell(cell).dataValidation;
  expect(rule?.type).toBe("list");
  // An inline list: "Completed,In progress,…" (no word of a list holds a comma or a quote).
  return String(rule!.formulae![0]).replace(/^"|"$/g, "").split(",");
}

async function format(input: string, out: string, ...flags: string[]): Promise<number> {
  return run(["format", input, "--out", out, "--validation", ...flags], { out: () => undefined, err: () => undefined });
}

it("adds the words of --words to the status list, after the usual ones", async () => {
  const input = await workbook("plain.xlsx");
  const words = path.join(tmp, "words.json");
  await fs.writeFile(words, JSON.stringify({ status: { Completed: ["Signed off"] }, rag: { Amber: ["Wobbly"] } }));
  const out = path.join(tmp, "plain-out.xlsx");
  expect(await format(input, out, "--words", words)).toBe(0);
  expect(await listOf(out, "C2")).toEqual(["Completed", "In progress", "On hold", "Not yet started", "Closed", "Signed off"]);
  expect((await listOf(out, "D2")).slice(-1)).toEqual(["Wobbly"]);
  // Without them, only the usual words.
  const bare = path.join(tmp, "bare-out.xlsx");
  await format(input, bare);
  expect(await listOf(bare, "C2")).toEqual(["Completed", "In progress", "On hold", "Not yet started", "Closed"]);
});

it("adds the words of the workbook's words sheet, in the CLI and in the engine the pane uses", async () => {
  const sheet = [["Word", "Means"], ["Signed off", "Completed"]];
  const input = await workbook("with-words.xlsx", sheet);
  const out = path.join(tmp, "with-words-out.xlsx");
  expect(await format(input, out)).toBe(0);
  expect(await listOf(out, "C2")).toContain("Signed off");

  const engine = inlineEngine();
  await engine.read({ key: "pane", grid: grid(ROWS, { name: "Tracker" }), words: grid(sheet, { name: WORDS_SHEET }) });
  const plan = await engine.validation({ key: "pane", style: "warning" });
  expect(plan.rules.find((r) => r.field === "status")!.words).toEqual(["Completed", "In progress", "On hold", "Not yet started", "Closed", "Signed off"]);
});
