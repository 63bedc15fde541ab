/**
 * The organisation's own words for the CLI: the workbook's "Delivery plan
 * words" sheet, and a `--words words.json` file of the same shape as a
 * VocabularyExtension: { "status": { "Completed": ["Signed off"] }, "impliedRag": { "Red": ["Off track"] } }.
 */
import { promises as fs } from "node:fs";
import { VocabularyExtensionSchema, isWordsSheet, wordsOf } from "../model";
import type { SheetGrid, VocabularyExtension, Words } from "../model";
import { InputError } from "../xlsx";

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
    throw new InputError(`The words file ${file} is not valid JSON (${(err as Error).message}). It should look like {"status": {"Completed": ["Achieved"]}}.`);
  }
  const parsed = VocabularyExtensionSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first.path.length ? `in "${first.path.join(".")}"` : "at the top level";
    throw new InputError(
      `The words file ${file} cannot be used (${where}: ${first.message}). Give "status" (Completed, In progress, On hold, Not yet started, Closed), "rag" (Red, Amber, Green, Blue, White), "direction" (improved, deteriorated, unchanged, new) or "impliedRag", each mapping a word to a list of texts.`,
    );
  }
  return parsed.data;
}

/** The defaults, the workbook's words sheet (if it has one), then the file's words. */
export function wordsFor(grids: readonly SheetGrid[], fromFile: VocabularyExtension | undefined): Words {
  return wordsOf(grids.find((g) => isWordsSheet(g.name)), fromFile);
}
