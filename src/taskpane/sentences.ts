/**
 * What the pane says about its operations, step by step: what each is doing,
 * how it ended, and what a confirmation asks, as functions of the host's
 * results. The words for single values (statuses, RAG, severities, issue
 * kinds) are in `wording.ts`; each step's folded line is in `steps.ts`.
 */
import { PAPER_SETTING_LABELS, PAPER_SHEET } from "../model";
import type { ChangesPreview, DirectionsPreview, FormattingDone, GoToDone, OwnWord, PaperDone, PaperSettingKey, PaperSettingsSaved, PaperSettingsView, SnapshotDone, SummaryDone, TrackerView, UndoToken, ValidationDone, WriteDone } from "../shared/host";
import { cellList } from "../shared/words";
import { HOST_MESSAGES } from "../shared/host";
import { plural } from "./wording";

/** What a confirmation asks: its title, what will happen, and the confirm button. */
export interface Ask {
  title: string;
  intro: string;
  confirmLabel: string;
}

/** What a confirmed write says: what it asks, what it is doing, and what it did. */
export interface WriteWords {
  ask: Ask;
  writing: string;
  wrote: (w: WriteDone) => string;
}

/** A plain message for something that went wrong outside the host's own checks. */
export function plainError(err: unknown): string {
  return HOST_MESSAGES.unexpected({ said: err instanceof Error ? err.message : String(err) });
}

/** "column F" or "columns F and G". */
export function columnsWord(period: { columns: readonly { column: string }[] }): string {
  const letters = period.columns.map((c) => c.column);
  return letters.length === 1 ? `column ${letters[0]}` : `columns ${letters.slice(0, -1).join(", ")} and ${letters[letters.length - 1]}`;
}

/** The sheet's own previous period, in words: its label, and where it comes from ("June 2021, from column F of this sheet"). */
export function sheetPreviousWords(period: { label: string; columns: readonly { column: string }[] } | undefined): { name: string; said: string } {
  if (!period) return { name: "this sheet’s previous period", said: "this sheet’s previous period" };
  return { name: period.label, said: `${period.label}, from ${columnsWord(period)} of this sheet` };
}

/** What a step asks this period's label for, in "… then take the snapshot". */
export const NEEDS_PERIOD = { snapshot: "take the snapshot", paper: "make the panel paper", summary: "build the summary", signOff: "sign the period off" } as const;

export const PERIOD_LABEL = {
  /** Under the "This period" field. */
  missing: "Type a label for this period.",
  /** In the alert: what to do. */
  needed: (what: string) => `Type this period’s label in “This period” (for example “Quarter 3 2026/27”), then ${what}.`,
};

export const TRACKER = {
  reading: "Reading the tracker…",
  readingAgain: "Reading the tracker again…",
  found: (v: TrackerView) => `Found the tracker on “${v.sheet}”: header on row ${v.headerRow}, ${plural(v.actions, "action")}${v.issues.length ? `, ${plural(v.issues.length, "issue")}` : ", no issues"}.`,
  goingToCell: (cell: string) => `Going to ${cell}…`,
  wentToCell: (r: GoToDone) => `Selected cell ${r.cell} on “${r.sheet}”.`,
  goingToSheet: (sheet: string) => `Going to “${sheet}”…`,
  wentToSheet: (r: GoToDone) => `Opened “${r.sheet}”.`,
};

/** Every confirmed write's own sentences: the review, the cancel, and the undo. */
export const WRITE = {
  review: (p: ChangesPreview) => `Review ${plural(p.changes.length, "change")} to “${p.sheet}” and confirm. Nothing has been written yet.`,
  cancelled: "Cancelled: nothing was written.",
  undoing: (u: UndoToken) => `Undoing ${u.what}…`,
  undone: (u: UndoToken, w: WriteDone) =>
    `Undid ${u.what}: ${cellList(w.cells)} on “${w.sheet}” ${w.cells.length === 1 ? "says" : "say"} again what ${w.cells.length === 1 ? "it" : "they"} said before.`,
  /** The offer kept in view until the next write. */
  undoOffer: (u: UndoToken) => `You can put back ${u.what} (${plural(u.cells.length, "cell")} on “${u.sheet}”).`,
  undoLabel: (u: UndoToken) => `Undo ${u.what}`,
};

export const CHECK = {
  lookingForSpellings: "Looking for spellings to fix…",
  nothingToSpell: (p: ChangesPreview) =>
    `Every status and RAG on “${p.sheet}” that can be fixed is spelled the usual way (cells holding a formula are left alone): nothing to fix.`,
  spellings: (p: ChangesPreview): WriteWords => ({
    ask: {
      title: `Fix the spelling in ${plural(p.changes.length, "cell")}?`,
      intro: `The add-in will type the usual word into these cells on “${p.sheet}”, so filters, COUNTIF and the Panel’s figures find them. Nothing else changes, and you can undo it.`,
      confirmLabel: `Fix ${plural(p.changes.length, "cell")}`,
    },
    writing: "Fixing the spellings…",
    wrote: (w) => `Fixed the spelling in ${plural(w.cells.length, "cell")} on “${w.sheet}”: ${cellList(w.cells)}.`,
  }),
  lookingAtWords: "Looking at the words sheet…",
  ownWord: (word: OwnWord, p: ChangesPreview): WriteWords => ({
    ask: {
      title: `Treat “${word.word}” as ${word.means}?`,
      intro: `The add-in will add “${word.word}” to the sheet “${p.sheet}”, meaning ${word.means}, so this workbook reads it as ${word.means}: in the pane, the Panel Summary and the ACTIONS functions. The tracker itself does not change, and you can undo it.`,
      confirmLabel: `Save “${word.word}”`,
    },
    writing: "Saving the word…",
    wrote: (w) => `Saved “${word.word}” as ${word.means} in “${w.sheet}” (${cellList(w.cells)}), and read the tracker again with it.`,
  }),
};

/** A change to the tracker's colours or lists: what it is doing, the step's folded line after it, and what it did. */
export interface FormattingWords<T> {
  doing: string;
  line: (r: T) => string;
  done: (r: T) => string;
}

const APPLY_COLOURS: FormattingWords<FormattingDone> = {
  doing: "Applying colours…",
  line: (r) => `Colours applied to ${plural(r.ranges.length, "range")}`,
  done: (r) => `Coloured ${r.ranges.join(", ")} on “${r.sheet}” with ${plural(r.added, "rule")}${r.removed ? ` (replacing the add-in’s ${r.removed} earlier ones)` : ""}. No cell value changed.`,
};

const REMOVE_COLOURS: FormattingWords<FormattingDone> = {
  doing: "Removing the add-in’s colours…",
  line: () => "The add-in’s colours removed",
  done: (r) => (r.removed ? `Removed the add-in’s ${plural(r.removed, "colour rule")} from “${r.sheet}”. Your own rules are kept.` : `“${r.sheet}” had no colour rules from the add-in.`),
};

const ADD_LISTS: FormattingWords<ValidationDone> = {
  doing: "Adding drop-down lists…",
  line: (r) => `Drop-down lists on ${plural(r.added.length, "range")}`,
  done: (r) =>
    listsSaid(
      r,
      r.added.length
        ? `Added drop-down lists to ${r.added.join(", ")} on “${r.sheet}”${r.replaced ? ` (replacing the add-in’s ${plural(r.replaced, "earlier list")})` : ""}. No cell value changed.`
        : `Added no drop-down list on “${r.sheet}”.`,
    ),
};

const REMOVE_LISTS: FormattingWords<ValidationDone> = {
  doing: "Removing the add-in’s drop-down lists…",
  line: () => "The add-in’s drop-down lists removed",
  done: (r) => listsSaid(r, r.removed.length ? `Removed the add-in’s drop-down lists from ${r.removed.join(", ")} on “${r.sheet}”.` : `“${r.sheet}” had no drop-down lists from the add-in to remove.`),
};

export const FORMATTING = {
  applyColours: APPLY_COLOURS,
  removeColours: REMOVE_COLOURS,
  addLists: ADD_LISTS,
  removeLists: REMOVE_LISTS,
  /** After spellings were fixed: the offer to add the lists, so the same mistakes cannot come back. */
  listsOffer: (sheet: string, stop: boolean) =>
    `Add drop-down lists of the usual words to the status, RAG and direction cells on “${sheet}”: anyone typing another word ${stop ? "is refused" : "is warned"}.`,
  lookingForRag: "Looking for RAG shown only by colour…",
  noRagByColour: (p: ChangesPreview) => `No cell on “${p.sheet}” shows its RAG by colour alone: nothing to write.`,
  ragWords: (p: ChangesPreview): WriteWords => ({
    ask: {
      title: `Write the RAG word into ${plural(p.changes.length, "cell")}?`,
      intro: `These cells on “${p.sheet}” show the RAG only by their fill colour. The add-in will type the word the colour stands for, keeping what the cell already says. Nothing else changes.`,
      confirmLabel: `Write ${plural(p.changes.length, "cell")}`,
    },
    writing: "Writing the RAG words…",
    wrote: (w) => `Wrote the RAG word into ${plural(w.cells.length, "cell")} on “${w.sheet}”: ${cellList(w.cells)}.`,
  }),
};

/** What adding or removing the lists did, after its first sentence: any column left alone, any word left out. */
function listsSaid(r: ValidationDone, first: string): string {
  const parts = [first, ...r.kept.map((k) => k.message)];
  if (r.dropped.length) parts.push(`Left out of the lists (too long for Excel’s 255 characters): ${r.dropped.map((w) => `“${w}”`).join(", ")}.`);
  return parts.join(" ");
}

export const PERIOD = {
  takingSnapshot: (period: string) => `Taking a snapshot for ${period}…`,
  snapshotTaken: (r: SnapshotDone) => `Recorded ${plural(r.rows, "action")} as at ${r.period}. Next period, choose “${r.period}” under Compare with.`,
  comparing: (name: string) => `Comparing with ${name}…`,
  compared: (p: DirectionsPreview) => {
    const c = p.counts;
    return `Since ${since(p)}: ${c.improved} improved, ${c.deteriorated} deteriorated, ${c.unchanged} no change, ${c.new} new, ${c.removed} no longer in the tracker. Nothing written yet.`;
  },
  directions: (p: DirectionsPreview): WriteWords => ({
    ask: {
      title: `Write the direction of travel into ${plural(p.changes.length, "cell")}?`,
      intro: p.newColumn
        ? `The tracker on “${p.sheet}” has no direction column. The add-in will add “${p.newColumn.header}” at ${p.newColumn.cell} and write each action’s direction since ${since(p)} below it.`
        : `The add-in will write each action’s direction since ${since(p)} (arrow and word) into these cells on “${p.sheet}”, replacing what they say now.`,
      confirmLabel: `Write ${plural(p.changes.length, "cell")}`,
    },
    writing: "Writing the directions of travel…",
    wrote: (w) => `Wrote the direction of travel since ${since(p)} into ${plural(w.cells.length, "cell")} on “${w.sheet}”.`,
  }),
};

/** Signing the period off: who signs, the rows it records, and what it did. */
export const SIGN_OFF = {
  noSigner: "Type the name of the person signing the period off in “Signed off by”, then sign it off.",
  looking: (period: string) => `Getting the sign-off of ${period} ready…`,
  ask: (p: ChangesPreview, period: string, by: string): WriteWords => ({
    ask: {
      title: `Sign off ${period} as ${by}?`,
      intro: `The add-in will take this period’s snapshot (unless it has one), then record in the hidden sheet “${p.sheet}” that ${by} signed ${period} off now, with a fingerprint of each action’s status, RAG and update (${plural(p.changes.length, "row")}). The tracker’s own cells do not change. After that, Check lists any signed-off value that changes.`,
      confirmLabel: `Sign off ${period}`,
    },
    writing: `Signing off ${period}…`,
    wrote: (w) => `Signed off ${period} as ${by}: recorded ${plural(p.changes.length, "action")} in “${w.sheet}”${w.cells.length ? ` (${w.cells.join(", ")})` : ""}. Check now lists any signed-off status, RAG or update that changes.`,
  }),
};

/** The period a preview compared with, as the pane calls it. */
function since(p: DirectionsPreview): string {
  return p.previousLabel;
}

export const SUMMARY = {
  building: "Building the panel summary…",
  /** `comparedWith`: the period compared with in words, or null for none. */
  built: (r: SummaryDone, period: string, comparedWith: string | null) =>
    `Built the sheet “${r.sheet}” for ${period}${comparedWith ? `, compared with ${comparedWith}` : ""}. The tracker was not changed.`,
  copiedSentence: "Copied the sentence. Paste it into the Panel report.",
  sentenceNotCopied: "The add-in could not use the clipboard here. Select the sentence in the pane and press Ctrl+C (⌘C on a Mac).",
  makingPaper: "Making the panel paper…",
  copiedPaper: (r: PaperDone) =>
    `Copied the panel paper for ${r.paper.period} (${plural(r.paper.appendix.actions, "action")} in Appendix 1). Paste it into Word or Outlook: its headings and tables paste as headings and tables.`,
  paperNotCopied: "The add-in could not use the clipboard here. Download the panel paper instead, or run delivery-plan report on the saved workbook.",
  writingDocx: "Writing the Word document…",
  downloadedPaper: (r: PaperDone) =>
    `Downloaded “${r.fileName}”: the panel paper for ${r.paper.period}, with ${plural(r.paper.appendix.actions, "action")} in Appendix 1. The tracker was not changed.`,
  paperNotSaved: "The pane could not save the file here. Use Copy for Word and paste into a new Word document.",
  readingWords: `Reading the “${PAPER_SHEET}” sheet…`,
  readWords: (r: PaperSettingsView) => (r.exists ? `Read the paper’s words from the “${PAPER_SHEET}” sheet.` : `The workbook has no “${PAPER_SHEET}” sheet yet: Save makes it.`),
  /** The first row that could not be read, and how many more. */
  wordsProblems: (problems: readonly string[]) => `${problems[0]}${problems.length > 1 ? ` (and ${plural(problems.length - 1, "more row")})` : ""}`,
  savingWords: `Saving the paper’s words…`,
  savedWords: (r: PaperSettingsSaved) => `Saved the paper’s words in the sheet “${r.sheet}”${r.created ? " (new)" : ""}. Nothing else in the workbook changed.`,
  /** The settings shown as placeholders in the paper: "Panel, Meeting date and Contact officer". */
  missing: (keys: readonly PaperSettingKey[]) => `Shown as placeholders until you give them: ${keys.map((k) => PAPER_SETTING_LABELS[k]).join(", ")}.`,
};
