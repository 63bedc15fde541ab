/** The Check step: go to an issue's cell, fix the spellings, keep a word of the organisation's (each write after a confirmation). */
import { useState } from "react";
import type { OwnWord, PaneIssue } from "../../shared/host";
import { CHECK, TRACKER } from "../sentences";
import type { ConfirmedWrite } from "./confirmed-write";
import type { Pane } from "./pane";

/** `fixed`: what else fixing the spellings does (the offer of drop-down lists). */
export function useCheckStep({ flow, calls, view }: Pane, write: ConfirmedWrite, fixed: () => void) {
  /** The view's spelling count when the preview found nothing to fix (every such cell holds a formula): the offer is hidden. */
  const [noFixesAt, setNoFixesAt] = useState<number | null>(null);

  async function goTo(issue: PaneIssue) {
    if (!issue.cell) return;
    const r = await flow.perform(TRACKER.goingToCell(issue.cell), () => calls.goToCell(issue.sheet, issue.cell!));
    if (r) flow.done(TRACKER.wentToCell(r));
  }

  async function reviewSpellings() {
    const p = await flow.perform(CHECK.lookingForSpellings, calls.previewSpellingFixes);
    if (!p) return;
    if (p.changes.length === 0) {
      setNoFixesAt(view?.spellings ?? null);
      return flow.done(CHECK.nothingToSpell(p));
    }
    write.ask(p, CHECK.spellings(p), calls.writeSpellingFixes, fixed);
  }

  /** Keep a word of the organisation's ("Stalled" means In progress) in the workbook's words sheet, after the confirmation. */
  async function treatWord(word: OwnWord) {
    const p = await flow.perform(CHECK.lookingAtWords, () => calls.previewOwnWord(word));
    if (!p) return;
    write.ask(p, CHECK.ownWord(word, p), (confirmed) => calls.writeOwnWord(word, confirmed));
  }

  return {
    /** Status and RAG cells whose spelling can be fixed, as the offer counts them. */
    spellings: view && view.spellings === noFixesAt ? 0 : (view?.spellings ?? 0),
    goTo: (issue: PaneIssue) => void goTo(issue),
    reviewSpellings: () => void reviewSpellings(),
    treatWord: (word: OwnWord) => void treatWord(word),
  };
}
