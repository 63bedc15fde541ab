/**
 * What every host error says, in one catalogue keyed by its code, as the
 * model's issues are worded (src/model/issues/messages.ts): the places that
 * fail give the details, and the wording is made here. A HostErrorCode without
 * its details and wording does not build. Every sentence names what failed and
 * what to do, never a stack trace.
 */
import { RAGS, SNAPSHOT_SHEET, STATUSES, WORDS_SHEET } from "../model";
import type { ComparedWithProblem, OwnWordRefusal } from "../model";
import { cellList } from "./words";

/** What became of a write that failed part-way. */
export type PartWrite = "put-back" | "part-way";

/** A failure inside Excel (or the engine), during a command: what it was doing and what Excel said. */
interface Failed {
  /** The command, as the pane says it: "Reading the tracker". */
  what: string;
  said: string;
  /** A write that failed part-way: whether the cells it had written were put back. */
  write?: PartWrite;
}

/** Where a command needs this period's label: "take the snapshot". */
export type NeedsPeriod = "take the snapshot" | "build the panel summary" | "make the panel paper" | "sign the period off";

/** What each host error needs to be said: the details its raiser gives. */
export interface HostErrorDetails {
  /** This Excel lacks an API the add-in needs. */
  "excel-too-old": { missing: readonly { set: string; version: string; why: string }[] };
  /** The sheet holds no tracker: the reader's reason, and whether there are other sheets to choose. */
  "no-tracker": { found: string; otherSheets: boolean };
  /** The sheet asked for is no longer in the workbook. */
  "no-sheet": { sheet: string };
  /** The tracker has no Status, RAG or Direction of travel column to colour or give a list. */
  "no-delivery-column": { sheet: string; to: "colour" | "add a drop-down list to" };
  /** The sheet changed since the user reviewed the changes: nothing was written. */
  "changed-since-preview": { sheet: string };
  /** Cells were edited after a write, so it was not undone. */
  "edited-since-write": { sheet: string; cells: readonly string[]; what: string };
  /** A period label is needed and none was typed. */
  "no-period-label": { then: NeedsPeriod };
  /** There is already a snapshot for that period. */
  "snapshot-exists": { period: string; taken: string };
  /** Signing off without saying who signs. */
  "no-signer": Record<string, never>;
  /** The period asked to compare with is not there (or, for the directions, none was asked for). */
  "no-snapshot": (ComparedWithProblem | { problem: "nothing-to-compare"; snapshots: string[] }) & { sheet: string };
  /** Not a cell address. */
  "not-a-cell": { sheet: string; cell: string };
  /** The word cannot be kept in the words sheet. */
  "own-word-refused": OwnWordRefusal;
  /** Excel is busy editing a cell. */
  "excel-busy": Failed;
  /** A sheet or cell went away during the request. */
  "item-not-found": Failed;
  /** Excel refused a change: the sheet is protected or the workbook read-only (AccessDenied). */
  "change-refused": Failed;
  /** Excel refused a request or its answer as over its 5 MB limit. */
  "too-large": Failed;
  /** The add-in's engine (its web worker) failed. */
  "engine-failed": Failed;
  /** Anything else Excel refused. */
  "excel-failed": Failed;
  /** The host threw instead of resolving (a fault of the add-in's own). */
  unexpected: { said: string };
}

/** What kind of failure a HostError is (its words are in `message`). */
export type HostErrorCode = keyof HostErrorDetails;

/** The codes of failures inside Excel or the engine during a command (their details are a Failed). */
export type FailureCode = { [K in HostErrorCode]: HostErrorDetails[K] extends Failed ? K : never }[HostErrorCode];

/** Why something could not be done, in words the user can act on: the failing side of the one Result shape. */
export interface HostError {
  ok: false;
  code: HostErrorCode;
  message: string;
  /** The workbook's sheets, when choosing another sheet may help (no tracker found). */
  sheets?: string[];
}

/** A host's answer: its result, or why there is none. */
export type HostResult<T> = T | HostError;

/** The one way to tell a host's error from its result. */
export function isHostError(result: unknown): result is HostError {
  return typeof result === "object" && result !== null && (result as { ok?: unknown }).ok === false && typeof (result as { message?: unknown }).message === "string";
}

const quoted = (labels: readonly string[]) => labels.map((p) => `"${p}"`).join(", ");

/** What became of a write that failed part-way, after what failed. */
function afterWrite(said: string, write: PartWrite | undefined): string {
  if (write === "put-back") return `${said} Nothing was changed: the cells already written were put back as they were.`;
  if (write === "part-way") return `${said} Excel stopped part-way, and some cells may already hold the new text: find the tracker again to see them.`;
  return said;
}

function noSnapshot(d: HostErrorDetails["no-snapshot"]): string {
  switch (d.problem) {
    case "no-sheet-period":
      return `Sheet "${d.sheet}" keeps no earlier period with values to compare with. Choose a snapshot under "Compare with", or none.`;
    case "no-such-snapshot":
      return d.snapshots.length
        ? `There is no snapshot for "${d.label}". Choose one of: ${quoted(d.snapshots)}.`
        : `There is no snapshot for "${d.label}": there are no snapshots yet. Take a snapshot at the end of this period; next period you can compare with it.`;
    case "nothing-to-compare":
      return d.snapshots.length
        ? `Choose the period to compare with under "Compare with": ${quoted(d.snapshots)}.`
        : `There are no snapshots yet, so there is no previous period to compare with. Take a snapshot at the end of this period; next period you can compare with it.`;
    case "no-file":
      return `There is no previous period's workbook here to compare with. Choose a snapshot under "Compare with", or none.`;
  }
}

function ownWordRefused(d: OwnWordRefusal): string {
  switch (d.refused) {
    case "no-word":
      return "There is no word to save: the cell is empty. Read the tracker again.";
    case "not-a-meaning":
      return `"${d.means}" is not a status (${STATUSES.join(", ")}) or a RAG (${RAGS.join(", ")}). Choose one of them.`;
    case "no-header":
      return `The sheet "${WORDS_SHEET}" has no header row with "Word" and "Means", so the add-in cannot tell where to put "${d.word}". Put "Word" and "Means" in row 1, then try again.`;
    case "listed":
      return `"${d.word}" is already in the sheet "${WORDS_SHEET}": ${d.cell} says it means "${d.means}". Change it there if that is wrong.`;
  }
}

export const HOST_MESSAGES: { [K in HostErrorCode]: (d: HostErrorDetails[K]) => string } = {
  "excel-too-old": (d) =>
    `This version of Excel is too old for the Delivery plan add-in: it lacks ${d.missing.map((r) => `${r.set} ${r.version} (${r.why})`).join(" and ")}. Use Excel for Microsoft 365 (Windows, Mac) or Excel on the web.`,
  "no-tracker": (d) => (d.otherSheets ? `${d.found} If the tracker is on another sheet, choose it from the list.` : d.found),
  "no-sheet": (d) => `There is no sheet called "${d.sheet}". Choose the tracker's sheet from the list, or find the tracker again.`,
  "no-delivery-column": (d) => `The tracker on "${d.sheet}" has no Status, RAG or Direction of travel column to ${d.to}. Check the column mapping.`,
  "changed-since-preview": (d) => `The sheet "${d.sheet}" changed since you reviewed the changes, so nothing was written. Review them again and confirm.`,
  "edited-since-write": (d) =>
    `${cellList(d.cells)} on "${d.sheet}" ${d.cells.length === 1 ? "was" : "were"} edited after ${d.what} were written, so nothing was undone. Put back what you need by hand.`,
  "no-period-label": (d) => `Type a label for this period (for example "Quarter 3 2026/27"), then ${d.then}.`,
  "snapshot-exists": (d) =>
    `There is already a snapshot for "${d.period}" (taken ${d.taken}) in the sheet "${SNAPSHOT_SHEET}". Use another period label; to replace it, delete its rows in that sheet (Unhide shows it) first.`,
  "no-signer": () => "Type the name of the person signing the period off, then sign it off.",
  "no-snapshot": noSnapshot,
  "not-a-cell": (d) => `"${d.cell}" is not a cell address on "${d.sheet}".`,
  "own-word-refused": ownWordRefused,
  "excel-busy": (d) => afterWrite(`${d.what}: Excel is busy editing a cell. Press Enter or Esc in the sheet, then try again.`, d.write),
  "item-not-found": (d) => afterWrite(`${d.what}: the sheet or cell is no longer there (${d.said}). Find the tracker again.`, d.write),
  "change-refused": (d) =>
    afterWrite(
      `${d.what}: Excel did not allow the change — the sheet is protected, or the workbook is open read-only. Unprotect the sheet (Review > Unprotect Sheet), or open an editable copy of the workbook, then try again.`,
      d.write,
    ),
  "too-large": (d) =>
    afterWrite(
      `${d.what}: Excel refused to send back so much at once (it takes at most 5 MB a request). Try again; if it keeps happening, the tracker may hold very long texts: tell the add-in's support.`,
      d.write,
    ),
  "engine-failed": (d) => afterWrite(`${d.what}: ${d.said}`, d.write),
  "excel-failed": (d) => afterWrite(`${d.what}: Excel said "${d.said}". Try again; if it keeps happening, close and reopen the add-in.`, d.write),
  unexpected: (d) => `Something went wrong: ${d.said.split("\n")[0].replace(/[.\s]+$/, "")}. Try again; if it keeps happening, close and reopen the add-in.`,
};

/** The HostError of a code, worded from its details. */
export function hostError<K extends HostErrorCode>(code: K, details: HostErrorDetails[K], sheets?: string[]): HostError {
  return { ok: false, code, message: HOST_MESSAGES[code](details), ...(sheets ? { sheets } : {}) };
}
