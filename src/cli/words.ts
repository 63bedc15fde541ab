/**
 * The organisation's own words for the CLI: the workbook's "Delivery plan
 * words" sheet, and a `--words words.json` file of the same shape as a
 * VocabularyExtension: { "status": { "Completed": ["Signed off"] }, "impliedRag": { "Red": ["Off track"] } }.
 */
import { promises as fs } from "node:fs";
import { DIRECTIONS, RAGS, STATUSES, VocabularyExtensionSchema, isWordsSheet, wordsOf } from "../model";
import type { SheetGrid, VocabularyExtension, Words } from "../model";
import { InputError } from "./input-error";

/** Read and check a words file; every fault is one line naming the file and what to change. */
export async function readWordsFile(file: string): Promise<VocabularyExtension> {
  let text: string;
  try {
    text = await fs.readFile(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(code === "ENOENT" ? `Words file not found: ${file}. Check the path and try again.` : `Cannot read the words file ${file} (${code ?? (err as Error).message}).`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new InputError(`The words file ${file} is not valid JSON (${jsonFault(text, (err as Error).message)}). It should look like {"status": {"Completed": ["Achieved"]}}.`);
  }
  const parsed = VocabularyExtensionSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first.path.length ? `in "${first.path.join(".")}"` : "at the top level";
    throw new InputError(
      `The words file ${file} cannot be used (${where}: ${first.message}). Give "status" (${STATUSES.join(", ")}), "rag" (${RAGS.join(", ")}), "direction" (${DIRECTIONS.join(", ")}) or "impliedRag", each mapping a word to a list of texts.`,
    );
  }
  return parsed.data;
}

/** The defaults, the workbook's words sheet (if it has one), then the file's words. */
export function wordsFor(grids: readonly SheetGrid[], fromFile: VocabularyExtension | undefined): Words {
  return wordsOf(grids.find((g) => isWordsSheet(g.name)), fromFile);
}

/**
 * Where JSON.parse stopped, as "line 3, column 14: unexpected token", without
 * the quote of the file that Node puts in its message (it may hold newlines,
 * control characters and any length of text).
 */
export function jsonFault(text: string, message: string): string {
  const at = /at position (\d+)/.exec(message);
  const what = message
    .replace(/,? "[\s\S]*" is not valid JSON$/, "")
    .replace(/ in JSON at position \d+.*$/s, "")
    .replace(/ at position \d+.*$/s, "")
    .trim();
  // eslint-disable-next-line no-control-regex
  const plain = (what || "not valid").replace(/[\u0000-\u001f\u007f-\u009f]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`).slice(0, 80);
  const lower = plain.charAt(0).toLowerCase() + plain.slice(1);
  if (!at) return text.trim() === "" ? "the file is empty" : lower;
  const before = text.slice(0, Number(at[1]));
  const line = before.split("\n").length;
  const column = before.length - before.lastIndexOf("\n");
  return `line ${line}, column ${column}: ${lower}`;
}
