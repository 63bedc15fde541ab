/**
 * A quarter's returns on the command line:
 *   delivery-plan requests <tracker.xlsx> --out-dir <folder> [--by lead|deliveryLead] [--due YYYY-MM-DD] [--period TEXT] [--send-to TEXT]
 *   delivery-plan merge <tracker.xlsx> <return.xlsx>… [--out <merged.xlsx>] [--period TEXT] [--json]
 *   delivery-plan returns-status <tracker.xlsx> <return.xlsx>… [--by lead|deliveryLead] [--period TEXT] [--json]
 * The tracker is only ever read. Exit codes: 0 done (no conflict), 1 conflicts (said, and nothing written for them), 2 unusable input.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { FIELD_WORDS, askedWords, changeLogRows, monthLabel, planMerge, requestEmail, requestPlan, roundStatus } from "../model";
import type { LeadField, MergePlan, ReturnRead } from "../model";
import { UnreadableWorkbook, applyMerge, changedInCopy, keepValidationsWhole, list, partsLostInCopy, readReturn, returnWorkbookBytes, worksheetNamed } from "../xlsx";
import { writeAtomically, writeFailure } from "./files";
import { InputError } from "./input-error";
import { oneLine } from "./output";
import { UsageError } from "./options";
import { openTracker } from "./run";
import type { Io } from "./run";
import { readWordsFile } from "./words";

export const RETURN_COMMANDS = ["requests", "merge", "returns-status"] as const;
type ReturnCommand = (typeof RETURN_COMMANDS)[number];

export function isReturnCommand(word: string | undefined): word is ReturnCommand {
  return (RETURN_COMMANDS as readonly string[]).includes(word ?? "");
}

export const RETURNS_USAGE = `A quarter's returns:
  delivery-plan requests <tracker.xlsx> --out-dir <folder> [--by lead|deliveryLead] [--due YYYY-MM-DD] [--period TEXT] [--send-to TEXT]
  delivery-plan merge <tracker.xlsx> <return.xlsx>… [--out <merged.xlsx>] [--period TEXT] [--json]
  delivery-plan returns-status <tracker.xlsx> <return.xlsx>… [--by lead|deliveryLead] [--period TEXT] [--json]
  delivery-plan sign-off <tracker.xlsx> --period TEXT --by NAME --out <copy.xlsx>
  (each also takes --sheet NAME and --words FILE; see docs/RETURNS.md)`;

interface ReturnOptions {
  command: ReturnCommand;
  tracker: string;
  returns: string[];
  outDir?: string;
  out?: string;
  by?: LeadField;
  due: string | null;
  period?: string;
  sendTo: string | null;
  sheet?: string;
  words?: string;
  json: boolean;
}

function parse(argv: string[]): ReturnOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        "out-dir": { type: "string" },
        out: { type: "string" },
        by: { type: "string" },
        due: { type: "string" },
        period: { type: "string" },
        "send-to": { type: "string" },
        sheet: { type: "string" },
        words: { type: "string" },
        json: { type: "boolean", default: false },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message.split("\n")[0]);
  }
  const { values, positionals } = parsed;
  const [command, tracker, ...returns] = positionals;
  if (!isReturnCommand(command)) throw new UsageError(`Unknown command "${command}".`);
  if (!tracker) throw new UsageError(`Give the tracker (.xlsx) to ${command}, e.g. delivery-plan ${command} tracker.xlsx${command === "requests" ? " --out-dir returns" : " cs-return.xlsx"}`);
  if (command === "requests") {
    if (returns.length) throw new UsageError(`Unexpected argument "${returns[0]}": requests takes one tracker.`);
    if (!values["out-dir"]) throw new UsageError("requests writes one workbook per lead: give the folder with --out-dir, e.g. --out-dir returns");
  } else {
    if (!returns.length) throw new UsageError(`Give the returns to ${command} after the tracker, e.g. delivery-plan ${command} tracker.xlsx cs-return.xlsx np-return.xlsx`);
    if (values["out-dir"] !== undefined) throw new UsageError(`--out-dir is for requests, not ${command}.`);
  }
  if (values.out !== undefined && command !== "merge") throw new UsageError(`--out is for merge, not ${command}.`);
  if (values.out !== undefined && !/\.xlsx$/i.test(values.out)) throw new UsageError(`--out "${values.out}" should end in .xlsx: the merged copy is an Excel workbook.`);
  const by = values.by;
  if (by !== undefined && by !== "lead" && by !== "deliveryLead") throw new UsageError(`--by "${by}" should be lead or deliveryLead.`);
  if (by !== undefined && command === "merge") throw new UsageError("--by is for requests and returns-status: a return says whose it is.");
  const due = values.due ?? null;
  if (due !== null) {
    if (command !== "requests") throw new UsageError(`--due is for requests, not ${command}.`);
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(due);
    const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
    if (!d || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== due) throw new UsageError(`--due "${due}" should be a real date like 2026-12-20.`);
  }
  if (values["send-to"] !== undefined && command !== "requests") throw new UsageError(`--send-to is for requests, not ${command}.`);
  return {
    command,
    tracker,
    returns,
    outDir: values["out-dir"],
    out: values.out,
    by: by as LeadField | undefined,
    due,
    period: values.period?.trim() || undefined,
    sendTo: values["send-to"]?.trim() || null,
    sheet: values.sheet,
    words: values.words,
    json: values.json ?? false,
  };
}

async function writeOut(out: string, bytes: Uint8Array | ((temporary: string) => Promise<void>)): Promise<void> {
  const existed = await fs
    .stat(out)
    .then(() => true)
    .catch(() => false);
  try {
    await writeAtomically(out, typeof bytes === "function" ? bytes : (temporary) => fs.writeFile(temporary, bytes, { flag: "wx" }));
  } catch (err) {
    throw new InputError(`Could not write ${out}: ${writeFailure(err)}. ${existed ? `${out} is as it was before` : "No file was made"}.`);
  }
}

async function sameFile(a: string, b: string): Promise<boolean> {
  const real = (p: string) => fs.realpath(p).catch(() => path.resolve(p));
  const [ra, rb] = [await real(a), await real(b)];
  const [sa, sb] = [await fs.stat(ra).catch(() => null), await fs.stat(rb).catch(() => null)];
  return sa && sb ? sa.ino === sb.ino && sa.dev === sb.dev : ra === rb;
}

async function requests(o: ReturnOptions, io: Io, today: Date): Promise<number> {
  const words = o.words ? await readWordsFile(o.words) : undefined;
  const opened = await openTracker(o.tracker, o.sheet, {}, words);
  const period = o.period ?? monthLabel(today);
  const plan = requestPlan({
    tracker: opened.report.tracker,
    actions: opened.report.actions,
    grid: opened.grid,
    file: path.basename(o.tracker),
    by: o.by ?? "lead",
    period,
    due: o.due,
    sent: today.toISOString().slice(0, 10),
    ownWords: opened.words.listWords,
  });
  if (!plan.requests.length) throw new InputError(`${o.tracker}: no action names a ${o.by === "deliveryLead" ? "delivery lead" : "lead"}, so there is no one to ask. Try --by ${o.by === "deliveryLead" ? "lead" : "deliveryLead"}.`);
  const dir = o.outDir!;
  const stat = await fs.stat(dir).catch(() => null);
  if (stat && !stat.isDirectory()) throw new InputError(`--out-dir ${dir} is a file, not a folder: give a folder for the returns, e.g. --out-dir returns.`);
  try {
    await fs.mkdir(dir, { recursive: true });
  } catch (err) {
    throw new InputError(`Could not make the folder ${dir}: ${writeFailure(err)}.`);
  }
  // A return already there may be one a lead has filled in: never written over. Looked at before any is written.
  for (const request of plan.requests) {
    const target = path.join(dir, request.file);
    if (await fs.stat(target).then(() => true, () => false))
      throw new InputError(`${target} is already there (a return sent, or filled in, before?): nothing was written. Choose another --out-dir, or move the old returns away.`);
  }
  const written: { lead: string; file: string; actions: string[]; email: string }[] = [];
  for (const request of plan.requests) {
    const target = path.join(dir, request.file);
    await writeOut(target, await returnWorkbookBytes(plan, request, o.sendTo));
    written.push({ lead: request.lead, file: target, actions: request.rows.map((r) => r.id), email: requestEmail(plan, request, o.sendTo) });
  }
  if (o.json) {
    io.out(JSON.stringify({ period, by: plan.by, due: plan.due, fields: plan.fields, returns: written, unassigned: plan.unassigned }, null, 2));
    return 0;
  }
  const lines = [
    `Wrote ${written.length} return workbook${written.length === 1 ? "" : "s"} for ${period} in ${dir} (asking for this period's ${askedWords(plan)}):`,
    ...written.map((w) => `  ${w.lead}: ${w.actions.length} action${w.actions.length === 1 ? "" : "s"} (${w.actions.join(", ")}) → ${w.file}`),
  ];
  if (plan.unassigned.length) lines.push(`No one is asked for ${plan.unassigned.join(", ")}: no lead is named for ${plan.unassigned.length === 1 ? "it" : "them"}.`);
  lines.push("", "Emails ready to paste:");
  for (const w of written) lines.push("", "----", w.email);
  io.out(lines.join("\n"));
  return 0;
}

async function readAll(o: ReturnOptions): Promise<ReturnRead[]> {
  const out: ReturnRead[] = [];
  for (const file of o.returns) {
    if (await sameFile(file, o.tracker)) throw new InputError(`${file} is the tracker itself, not a return.`);
    out.push(await readReturn(file, file));
  }
  return out;
}

function changeLines(plan: MergePlan): string[] {
  const lines: string[] = [];
  let last = "";
  for (const c of plan.changes) {
    if (c.id !== last) lines.push(`${c.id} (return from ${c.lead}, ${c.file}):`);
    last = c.id;
    const show = (t: string) => (t === "" ? "(empty)" : `"${t.replace(/\s+/g, " ").slice(0, 100)}${t.length > 100 ? "…" : ""}"`);
    lines.push(`  ${FIELD_WORDS[c.field]}: ${show(c.old)} → ${show(c.new)}`);
  }
  return lines;
}

async function merge(o: ReturnOptions, io: Io, today: Date): Promise<number> {
  if (o.out) for (const input of [o.tracker, ...o.returns]) if (await sameFile(o.out, input)) throw new UsageError(`--out ${o.out} is ${input}: write the merged copy to a new file; the workbooks you give are never overwritten.`);
  const words = o.words ? await readWordsFile(o.words) : undefined;
  // Read whole (ExcelJS's workbook) only when the merged copy is to be written.
  const opened = await openTracker(o.tracker, o.sheet, {}, words, undefined, false, !!o.out);
  const returns = await readAll(o);
  const plan = planMerge({
    tracker: opened.report.tracker,
    actions: opened.report.actions,
    grid: opened.grid,
    lexicon: opened.words.lexicon,
    returns,
    period: o.period,
    ownWords: opened.words.listWords,
  });
  let wrote = false;
  if (o.out && opened.workbook) {
    const workbook = opened.workbook;
    const sheet = worksheetNamed(workbook, opened.report.tracker.sheet)!;
    applyMerge(workbook, sheet, plan.changes, changeLogRows(plan, today.toISOString().replace(/\.\d{3}Z$/, "Z")));
    keepValidationsWhole(workbook);
    const lost = await partsLostInCopy(workbook).catch(() => []);
    const changed = changedInCopy(workbook);
    if (lost.length || changed.length)
      io.err(oneLine(`delivery-plan: note: ${lost.length ? `the copy leaves out ${list(lost, 4)}, which this tool cannot write` : ""}${changed.length ? `${lost.length ? "; and " : ""}in the copy, to keep Excel's limits, ${list(changed, 2)}` : ""}. ${o.tracker} itself is unchanged.`));
    await writeOut(o.out, (temporary) => workbook.xlsx.writeFile(temporary));
    wrote = true;
  }
  if (o.json) {
    io.out(JSON.stringify({ period: plan.period, returns: plan.returns, changes: plan.changes, conflicts: plan.conflicts, out: wrote ? o.out : null }, null, 2));
    return plan.conflicts.length ? 1 : 0;
  }
  const fields = plan.changes.length;
  const actions = new Set(plan.changes.map((c) => c.id)).size;
  const lines = [`${returns.length} return${returns.length === 1 ? "" : "s"} for ${plan.period}: ${fields} change${fields === 1 ? "" : "s"} to ${actions} action${actions === 1 ? "" : "s"}.`, ...changeLines(plan)];
  if (plan.conflicts.length) lines.push("", `Not merged (${plan.conflicts.length}):`, ...plan.conflicts.map((c) => `  ${oneLine(c.message)}`));
  lines.push(
    "",
    wrote
      ? `Wrote ${o.out}: the tracker with these ${fields} change${fields === 1 ? "" : "s"}, each written as text, and ${fields} row${fields === 1 ? "" : "s"} added to its "Change log" sheet. ${o.tracker} itself is unchanged.`
      : `Nothing was written. To write a copy of the tracker with these changes, add --out merged.xlsx (${o.tracker} itself is never changed).`,
  );
  io.out(lines.join("\n"));
  return plan.conflicts.length ? 1 : 0;
}

async function status(o: ReturnOptions, io: Io): Promise<number> {
  const words = o.words ? await readWordsFile(o.words) : undefined;
  // Read whole (ExcelJS's workbook) only when the merged copy is to be written.
  const opened = await openTracker(o.tracker, o.sheet, {}, words, undefined, false, !!o.out);
  const returns = await readAll(o);
  const input = { tracker: opened.report.tracker, actions: opened.report.actions, grid: opened.grid, by: o.by ?? returns[0]?.key.by ?? "lead" };
  const plan = planMerge({ ...input, lexicon: opened.words.lexicon, returns, period: o.period });
  const state = roundStatus(input, plan);
  if (o.json) {
    io.out(JSON.stringify({ ...state, conflicts: plan.conflicts }, null, 2));
    return 0;
  }
  io.out(
    [
      `The round for ${state.period}:`,
      `Replied (${state.replied.length}): ${state.replied.map((r) => `${r.lead} (${r.file})`).join(", ") || "no one yet"}.`,
      `Not replied (${state.notReplied.length}): ${state.notReplied.map((n) => `${n.lead} (${n.actions.length} action${n.actions.length === 1 ? "" : "s"})`).join(", ") || "no one"}.`,
      `Still without a new update (${state.chase.length}): ${state.chase.map((c) => `${c.id}${c.leads.length ? ` (${c.leads.join(", ")})` : ""}`).join(", ") || "none"}.`,
      ...(plan.conflicts.length ? [`${plan.conflicts.length} part${plan.conflicts.length === 1 ? "" : "s"} of the returns cannot be merged: delivery-plan merge says which.`] : []),
    ].join("\n"),
  );
  return 0;
}

export async function runReturns(argv: string[], io: Io, today = new Date()): Promise<number> {
  try {
    if (argv.includes("--help") || argv.includes("-h")) {
      io.out(RETURNS_USAGE);
      return 0;
    }
    const o = parse(argv);
    if (o.command === "requests") return await requests(o, io, today);
    if (o.command === "merge") return await merge(o, io, today);
    return await status(o, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(oneLine(`delivery-plan: ${err.message} (delivery-plan ${argv[0]} --help shows how to use it)`));
      return 2;
    }
    if (err instanceof InputError || err instanceof UnreadableWorkbook) {
      io.err(oneLine(`delivery-plan: ${err.message}`));
      return 2;
    }
    io.err(oneLine(`delivery-plan: something went wrong that we did not expect (${String((err as Error)?.message ?? err)}). Please report it with the files if you can.`));
    return 2;
  }
}
