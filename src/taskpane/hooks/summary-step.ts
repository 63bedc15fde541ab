/** The Panel summary step: build the sheet, go to it, copy its sentence, copy or download the panel paper. */
import { useState } from "react";
import type { PaperPlan } from "../../model";
import type { PaperSettingKey, PaperSettings, PaperSettingsView, SummaryDone } from "../../shared/host";
import { paperHtml } from "../../paper/html";
import { paperText } from "../../paper/text";
import { NO_PREVIOUS } from "../state";
import { SUMMARY, TRACKER, plainError } from "../sentences";
import type { Pane } from "./pane";

/** What the step does with the browser the pane runs in (App's props: tests pass their own). */
export interface PaneBrowser {
  copyText: (text: string) => Promise<boolean>;
  copyRich: (html: string, text: string) => Promise<boolean>;
  saveFile: (name: string, bytes: Uint8Array, type: string) => Promise<boolean>;
  loadDocxWriter: () => Promise<(paper: PaperPlan) => Promise<Uint8Array>>;
}

const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

export function useSummaryStep({ flow, calls, periods, said, needPeriod }: Pane, browser: PaneBrowser) {
  /** The Panel Summary built last: its sheet, sentence and updates. */
  const [summary, setSummary] = useState<SummaryDone | null>(null);
  /** The paper's words as the workbook holds them, once read; whether their form is open. */
  const [words, setWords] = useState<PaperSettingsView | null>(null);
  const [wordsOpen, setWordsOpen] = useState(false);
  /** The settings the paper made last showed as placeholders. */
  const [missing, setMissing] = useState<PaperSettingKey[] | null>(null);

  async function toggleWords() {
    if (wordsOpen) return setWordsOpen(false);
    const r = await flow.perform(SUMMARY.readingWords, calls.readPaperSettings);
    if (!r) return;
    setWords(r);
    setWordsOpen(true);
    if (r.problems.length) flow.failed(SUMMARY.wordsProblems(r.problems));
    else flow.done(SUMMARY.readWords(r));
  }

  async function saveWords(settings: PaperSettings) {
    const r = await flow.perform(SUMMARY.savingWords, () => calls.writePaperSettings(settings));
    if (!r) return;
    setWords({ settings, problems: [], exists: true });
    setMissing(null);
    flow.done(SUMMARY.savedWords(r));
  }

  async function build() {
    if (!needPeriod("summary")) return;
    const r = await flow.perform(SUMMARY.building, calls.buildPanelSummary);
    if (!r) return;
    setSummary(r);
    flow.done(SUMMARY.built(r, periods.period.trim(), periods.previous === NO_PREVIOUS ? null : said.said));
  }

  async function goToSheet(sheet: string) {
    const r = await flow.perform(TRACKER.goingToSheet(sheet), () => calls.goToCell(sheet, "A1"));
    if (r) flow.done(TRACKER.wentToSheet(r));
  }

  async function copySentence() {
    const sentence = summary?.sentence;
    if (!sentence) return;
    const ok = await browser.copyText(sentence).catch(() => false);
    if (ok) flow.done(SUMMARY.copiedSentence);
    else flow.failed(SUMMARY.sentenceNotCopied);
  }

  async function paper() {
    if (!needPeriod("paper")) return null;
    const r = await flow.perform(SUMMARY.makingPaper, calls.panelPaper);
    if (r) setMissing(r.missing);
    return r;
  }

  async function copyPaper() {
    const r = await paper();
    if (!r) return;
    const ok = await browser.copyRich(paperHtml(r.paper), paperText(r.paper)).catch(() => false);
    if (ok) flow.done(SUMMARY.copiedPaper(r));
    else flow.failed(SUMMARY.paperNotCopied);
  }

  async function downloadPaper() {
    const saving = calls.fileSaving();
    if (!saving.can) return flow.failed(saving.instead);
    const r = await paper();
    if (!r) return;
    flow.working(SUMMARY.writingDocx);
    try {
      const write = await browser.loadDocxWriter();
      const ok = await browser.saveFile(r.fileName, await write(r.paper), DOCX_TYPE);
      if (ok) flow.done(SUMMARY.downloadedPaper(r));
      else flow.failed(SUMMARY.paperNotSaved);
    } catch (err) {
      flow.failed(plainError(err));
    }
  }

  return {
    summary,
    words: words?.settings ?? null,
    wordsOpen,
    missing,
    toggleWords: () => void toggleWords(),
    saveWords: (settings: PaperSettings) => void saveWords(settings),
    fileSaving: calls.fileSaving(),
    build: () => void build(),
    goToSheet: (sheet: string) => void goToSheet(sheet),
    copySentence: () => void copySentence(),
    copyPaper: () => void copyPaper(),
    downloadPaper: () => void downloadPaper(),
  };
}
