/**
 * The quarter's returns: "Request updates" (who is asked for which actions, each
 * lead's return workbook as a download or all in one .zip, and each lead's email
 * to paste) and "Merge returns" (the returns the officer picks, read by the lazy
 * chunk within the reading limits, compared with the tracker, and written only
 * once confirmed; the write's Undo puts it back). The return workbooks are
 * written and read by src/returns-web, fetched on first use: ExcelJS stays out
 * of the pane's first JavaScript.
 */
import { useState } from "react";
import type { LeadField, ReturnRead } from "../../model";
import type { MergePreview, RequestsView } from "../../shared/host";
import { plural } from "../wording";
import type { ConfirmedWrite } from "./confirmed-write";
import type { Pane } from "./pane";

/** What the pane uses of the lazy chunk (src/returns-web): tests may give their own. */
export interface ReturnsChunk {
  returnFiles(plan: RequestsView["plan"]): Promise<{ lead: string; file: string; bytes: Uint8Array }[]>;
  returnsZip(files: readonly { file: string; bytes: Uint8Array }[]): Promise<Uint8Array>;
  readReturnFile(data: ArrayBuffer, name: string): Promise<{ ok: true; read: ReturnRead } | { ok: false; message: string }>;
}

/** src/returns-web in a chunk of its own (ExcelJS and JSZip), fetched on first use. */
export const loadReturnsChunk = (): Promise<ReturnsChunk> =>
  import(/* webpackChunkName: "returns-xlsx" */ "../../returns-web").then((m) => ({ returnFiles: m.returnFiles, returnsZip: m.returnsZip, readReturnFile: (d, n) => m.readReturnFile(d, n) }));

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export interface ReturnsDeps {
  copyText: (text: string) => Promise<boolean>;
  saveFile: (name: string, bytes: Uint8Array, type: string) => Promise<boolean>;
  loadReturns: () => Promise<ReturnsChunk>;
}

/** A file the officer picked: its name and how to read its bytes (a File, or a test's). */
export interface PickedFile {
  name: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "returns";

export type ReturnsStep = ReturnType<typeof useReturnsStep>;

export function useReturnsStep({ flow, calls, periods }: Pane, write: ConfirmedWrite, deps: ReturnsDeps) {
  const [by, setBy] = useState<LeadField>("lead");
  const [due, setDue] = useState("");
  const [round, setRound] = useState("");
  const [requests, setRequests] = useState<RequestsView | null>(null);
  const [files, setFiles] = useState<{ lead: string; file: string; bytes: Uint8Array }[] | null>(null);
  const [returns, setReturns] = useState<ReturnRead[]>([]);
  const [refused, setRefused] = useState<string[]>([]);
  const [preview, setPreview] = useState<MergePreview | null>(null);

  /** The round's name: as typed here, else this period's label. */
  const roundName = () => round.trim() || periods.period.trim();

  async function request() {
    const period = roundName();
    if (!period) return flow.failed("Give the round a name (the period the leads report on, e.g. “February 2019”) in “Round”, then make the requests.");
    if (due && !/^\d{4}-\d{2}-\d{2}$/.test(due)) return flow.failed("Give the due date as a date, e.g. 2019-02-15, or leave it empty.");
    const r = await flow.perform(`Making the requests for ${period}…`, () => calls.requestUpdates({ by, period, due: due || null }));
    if (!r) return;
    setRequests(r);
    setFiles(null);
    if (!r.leads.length) return flow.failed(`No action names a ${by === "lead" ? "lead" : "delivery lead"}, so there is no one to ask. Try the other lead column.`);
    flow.done(`${plural(r.leads.length, "return")} ready for ${period}: ${r.leads.map((l) => `${l.lead} (${l.actions.length})`).join(", ")}.${r.plan.unassigned.length ? ` No one is asked for ${r.plan.unassigned.join(", ")}: no lead is named.` : ""}`);
  }

  /** Each lead's workbook, written once (the lazy chunk). */
  async function made() {
    if (files) return files;
    if (!requests) return null;
    flow.working("Writing the return workbooks…");
    try {
      const chunk = await deps.loadReturns();
      const out = await chunk.returnFiles(requests.plan);
      setFiles(out);
      return out;
    } catch {
      flow.failed("The return workbooks could not be written here. Try again, or use the command line's requests.");
      return null;
    }
  }

  async function download(lead: string) {
    const all = await made();
    const f = all?.find((x) => x.lead === lead);
    if (!f) return;
    const saved = await deps.saveFile(f.file, f.bytes, XLSX_TYPE);
    if (saved) flow.done(`Downloaded ${f.file}, ${lead}'s return.`);
    else flow.failed(`${f.file} could not be saved here.`);
  }

  async function downloadAll() {
    const all = await made();
    if (!all || !requests) return;
    const name = `returns-${slug(requests.plan.period)}.zip`;
    try {
      const zip = await (await deps.loadReturns()).returnsZip(all);
      if (await deps.saveFile(name, zip, "application/zip")) flow.done(`Downloaded ${name}: ${plural(all.length, "return")}.`);
      else flow.failed(`${name} could not be saved here.`);
    } catch {
      flow.failed(`${name} could not be made here. Download the returns one by one.`);
    }
  }

  async function copyEmail(lead: string) {
    const l = requests?.leads.find((x) => x.lead === lead);
    if (!l) return;
    if (await deps.copyText(l.email)) flow.done(`Copied the email to ${lead}: paste it into a new message and attach ${l.file}.`);
    else flow.failed(`The email to ${lead} could not be copied: select its text and copy it.`);
  }

  /** Read the files picked (each within the limits), then compare those that are returns with the tracker. */
  async function pick(picked: readonly PickedFile[]) {
    setPreview(null);
    if (!picked.length) return;
    flow.working(`Reading ${plural(picked.length, "return")}…`);
    const read: ReturnRead[] = [];
    const no: string[] = [];
    try {
      const chunk = await deps.loadReturns();
      for (const f of picked) {
        // One file at a time: a big one never holds two in memory.
         
        const r = await chunk.readReturnFile(await f.arrayBuffer(), f.name);
        if (r.ok) read.push(r.read);
        else no.push(r.message);
      }
    } catch {
      return flow.failed("The returns could not be read here. Try again.");
    }
    setReturns(read);
    setRefused(no);
    if (!read.length) return flow.failed(no.length === 1 ? no[0] : `None of the ${picked.length} files is a return that can be merged: see the list.`);
    const p = await flow.perform("Comparing the returns with the tracker…", () => calls.previewMerge(read));
    if (!p) return;
    setPreview(p);
    const actions = new Set(p.fields.map((f) => f.id)).size;
    flow.done(
      `${plural(read.length, "return")} for ${p.period}: ${plural(p.fields.length, "change")} to ${plural(actions, "action")}${p.conflicts.length ? `; ${plural(p.conflicts.length, "part")} not merged (listed)` : ""}${no.length ? `; ${plural(no.length, "file")} refused` : ""}. Nothing has been written yet.`,
    );
  }

  /** The merge's cells in the confirmation; written only on confirming, with the Change log's rows. */
  function apply() {
    const p = preview;
    if (!p || !p.changes.length) return;
    const from = returns.length === 1 ? returns[0].file : plural(returns.length, "return");
    write.ask(
      p,
      {
        ask: {
          title: `Merge ${plural(p.fields.length, "change")} from ${from}?`,
          intro: `The add-in will type these values into “${p.sheet}” as text, and add a row for each to the workbook’s “Change log” sheet (source: the return). Nothing else changes, and you can undo it.`,
          confirmLabel: `Merge ${plural(p.changes.length, "cell")}`,
        },
        writing: "Merging the returns…",
        wrote: (w) => `Merged ${plural(w.cells.length, "cell")} into “${w.sheet}” from ${from}, and recorded ${w.cells.length === 1 ? "it" : "them"} in the Change log.`,
      },
      (confirmed) => calls.writeMerge(returns, confirmed),
      () => setPreview(null),
    );
  }

  return {
    by,
    setBy,
    due,
    setDue,
    round,
    setRound,
    roundName: roundName(),
    requests,
    request: () => void request(),
    download: (lead: string) => void download(lead),
    downloadAll: () => void downloadAll(),
    copyEmail: (lead: string) => void copyEmail(lead),
    pick: (picked: readonly PickedFile[]) => void pick(picked),
    refused,
    preview,
    apply,
  };
}
