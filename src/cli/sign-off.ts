/**
 * Signing off a period on the command line:
 *   delivery-plan sign-off <tracker.xlsx> --period TEXT --by NAME --out <copy.xlsx> [--sheet NAME] [--words FILE] [--json]
 * writes a copy of the tracker with the sign-off's record (who, when, and a
 * fingerprint of each action's status, RAG and update) in a hidden sheet, and a
 * row in its Change log. The tracker is only read. After that, `validate` warns
 * of each signed-off value changed since (src/model/returns/signoff.ts).
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { SIGN_OFF_SHEET, logTime, signOff, signOffLogRow } from "../model";
import { UnreadableWorkbook, appendChangeLog, changedInCopy, keepValidationsWhole, list, partsLostInCopy, writeSignOff } from "../xlsx";
import { writeAtomically, writeFailure } from "./files";
import { InputError } from "./input-error";
import { oneLine } from "./output";
import { UsageError } from "./options";
import { openTracker } from "./run";
import type { Io } from "./run";
import { readWordsFile } from "./words";

export const SIGN_OFF_USAGE = `Signing off a period:
  delivery-plan sign-off <tracker.xlsx> --period TEXT --by NAME --out <copy.xlsx> [--sheet NAME] [--words FILE] [--json]
  (writes a copy with the sign-off recorded; validate then warns of any signed-off value changed since; see docs/RETURNS.md)`;

interface SignOffOptions {
  tracker: string;
  period: string;
  by: string;
  out: string;
  sheet?: string;
  words?: string;
  json: boolean;
}

function parse(argv: string[]): SignOffOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv.slice(1),
      allowPositionals: true,
      options: { period: { type: "string" }, by: { type: "string" }, out: { type: "string" }, sheet: { type: "string" }, words: { type: "string" }, json: { type: "boolean", default: false } },
    });
  } catch (err) {
    throw new UsageError((err as Error).message.split("\n")[0]);
  }
  const { values, positionals } = parsed;
  const [tracker, ...rest] = positionals;
  if (!tracker) throw new UsageError("Give the tracker (.xlsx) to sign off, e.g. delivery-plan sign-off tracker.xlsx --period \"February 2019\" --by \"Jane Smith\" --out signed.xlsx");
  if (rest.length) throw new UsageError(`Unexpected argument "${rest[0]}": sign-off takes one tracker.`);
  const period = values.period?.trim();
  if (!period) throw new UsageError('Name the period signed off with --period, e.g. --period "February 2019".');
  const by = values.by?.trim();
  if (!by) throw new UsageError('Say who signs the period off with --by, e.g. --by "Jane Smith".');
  if (!values.out) throw new UsageError("Give the copy to write with --out, e.g. --out signed.xlsx: the tracker itself is never changed.");
  if (!/\.xlsx$/i.test(values.out)) throw new UsageError(`--out "${values.out}" should end in .xlsx: the signed-off copy is an Excel workbook.`);
  return { tracker, period, by, out: values.out, sheet: values.sheet, words: values.words, json: values.json ?? false };
}

async function sameFile(a: string, b: string): Promise<boolean> {
  const real = (p: string) => fs.realpath(p).catch(() => path.resolve(p));
  const [ra, rb] = [await real(a), await real(b)];
  const [sa, sb] = [await fs.stat(ra).catch(() => null), await fs.stat(rb).catch(() => null)];
  return sa && sb ? sa.ino === sb.ino && sa.dev === sb.dev : ra === rb;
}

async function signOffCommand(o: SignOffOptions, io: Io, today: Date): Promise<number> {
  if (await sameFile(o.out, o.tracker)) throw new UsageError(`--out ${o.out} is ${o.tracker}: write the signed-off copy to a new file; the tracker is never overwritten.`);
  const words = o.words ? await readWordsFile(o.words) : undefined;
  const opened = await openTracker(o.tracker, o.sheet, {}, words, undefined, false, true);
  const workbook = opened.workbook!;
  const when = logTime(today);
  const record = signOff(opened.report.actions, o.period, o.by, when);
  writeSignOff(workbook, record);
  appendChangeLog(workbook, [signOffLogRow(record, when, "delivery-plan sign-off")]);
  keepValidationsWhole(workbook);
  const lost = await partsLostInCopy(workbook).catch(() => []);
  const changed = changedInCopy(workbook);
  if (lost.length || changed.length)
    io.err(oneLine(`delivery-plan: note: ${lost.length ? `the copy leaves out ${list(lost, 4)}, which this tool cannot write` : ""}${changed.length ? `${lost.length ? "; and " : ""}in the copy, to keep Excel's limits, ${list(changed, 2)}` : ""}. ${o.tracker} itself is unchanged.`));
  const existed = await fs.stat(o.out).then(() => true, () => false);
  try {
    await writeAtomically(o.out, (temporary) => workbook.xlsx.writeFile(temporary));
  } catch (err) {
    throw new InputError(`Could not write ${o.out}: ${writeFailure(err)}. ${existed ? `${o.out} is as it was before` : "No file was made"}.`);
  }
  if (o.json) io.out(JSON.stringify({ out: o.out, period: record.period, by: record.by, when, actions: record.actions.length }, null, 2));
  else
    io.out(
      `Signed off ${record.period} for ${record.actions.length} actions, by ${record.by}, at ${when}: wrote ${o.out} with the record in its hidden sheet "${SIGN_OFF_SHEET}" and a row in its "Change log". ${o.tracker} itself is unchanged. From now on, validate warns of any signed-off status, RAG or update that changes.`,
    );
  return 0;
}

export async function runSignOff(argv: string[], io: Io, today = new Date()): Promise<number> {
  try {
    if (argv.includes("--help") || argv.includes("-h")) {
      io.out(SIGN_OFF_USAGE);
      return 0;
    }
    return await signOffCommand(parse(argv), io, today);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(oneLine(`delivery-plan: ${err.message} (delivery-plan sign-off --help shows how to use it)`));
      return 2;
    }
    if (err instanceof InputError || err instanceof UnreadableWorkbook) {
      io.err(oneLine(`delivery-plan: ${err.message}`));
      return 2;
    }
    io.err(oneLine(`delivery-plan: something went wrong that we did not expect (${String((err as Error)?.message ?? err)}). Please report it with the file if you can.`));
    return 2;
  }
}
