/**
 * The task pane. Excel is reached only through the `host` prop (plain data in
 * and out), so the pane can be rendered and tested with a fake host.
 *
 * One operation runs at a time; what it is doing and how it ended are
 * announced in a live region (errors in an alert). Nothing is written into the
 * user's tracker without a confirmation that lists every cell.
 */
import { useReducer, useState } from "react";
import { Accordion, Body1, Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Spinner, Title2, makeStyles, tokens } from "@fluentui/react-components";
import type { CellChange, ChangesPreview, DirectionsPreview, HostResult, OwnWord, PaneIssue, SummaryDone, TaskpaneHost, TrackerRequest, TrackerView, UndoToken, ValidationDone, WriteDone } from "../shared/host";
import { HOST_MESSAGES, isHostError } from "../shared/host";
import type { PaperPlan } from "../model";
import { paperHtml } from "../paper/html";
import { paperText } from "../paper/text";
import { TrackerSection } from "./components/TrackerSection";
import { MappingEditor } from "./components/MappingEditor";
import { IssuesList } from "./components/IssuesList";
import { FormattingSection } from "./components/FormattingSection";
import { PeriodSection } from "./components/PeriodSection";
import { SheetPeriods } from "./components/SheetPeriods";
import { SummarySection } from "./components/SummarySection";
import { ConfirmChanges, ConfirmRequest } from "./components/ConfirmChanges";
import { STEPS, Step } from "./components/Step";
import { checkState, formattingState, periodState, summaryState, trackerState } from "./steps";
import { plural } from "./words";
import { cellList } from "../shared/words";
import { NO_TRACKER, previousWords, trackerReducer, usePeriods } from "./state";
import { copyRichToClipboard, copyToClipboard, downloadFile } from "./browser";

export interface AppProps {
  host: TaskpaneHost;
  title?: string;
  /** Today, for the suggested period label (tests fix it). */
  today?: Date;
  /** Puts text on the clipboard (tests pass their own). */
  copyText?: (text: string) => Promise<boolean>;
  /** Puts HTML and its plain text on the clipboard together, for Word and Outlook (tests pass their own). */
  copyRich?: (html: string, text: string) => Promise<boolean>;
  /** Saves a file from the pane (a download in Excel on the web; tests pass their own). */
  saveFile?: (name: string, bytes: Uint8Array, type: string) => Promise<boolean>;
  /** Loads the .docx writer, only when it is asked for: it stays out of the pane's initial JavaScript. */
  loadDocxWriter?: () => Promise<(paper: PaperPlan) => Promise<Uint8Array>>;
}

const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** The .docx writer (and the docx package under it) in a chunk of its own, fetched on first use. */
const loadDocx = () => import(/* webpackChunkName: "paper-docx" */ "../paper/docx").then((m) => m.paperDocx);

type Outcome = { kind: "idle" } | { kind: "busy"; text: string } | { kind: "done"; text: string } | { kind: "error"; text: string };

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    paddingLeft: tokens.spacingHorizontalL,
    paddingRight: tokens.spacingHorizontalL,
    paddingTop: tokens.spacingVerticalM,
    maxWidth: "40rem",
    minHeight: "100vh",
    boxSizing: "border-box",
  },
  header: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalM,
  },
  title: {
    margin: 0,
  },
  // The outcome of the last operation stays in view at the foot of the pane.
  outcome: {
    position: "sticky",
    bottom: 0,
    marginTop: "auto",
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
    paddingTop: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalS,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  // Live regions stay in the page (never display: none), or screen readers miss what appears in them.
  live: {},
});

/** A plain message for something that went wrong outside the host's own checks. */
function plainError(err: unknown): string {
  return HOST_MESSAGES.unexpected({ said: err instanceof Error ? err.message : String(err) });
}

export function App({ host, title = "Delivery plan", today, copyText = copyToClipboard, copyRich = copyRichToClipboard, saveFile = downloadFile, loadDocxWriter = loadDocx }: AppProps) {
  const styles = useStyles();
  const [outcome, setOutcome] = useState<Outcome>({ kind: "idle" });
  const [undo, setUndo] = useState<UndoToken | null>(null);
  /** The view's spelling count when the preview found nothing to fix (every such cell holds a formula): the offer is hidden. */
  const [noFixesAt, setNoFixesAt] = useState<number | null>(null);
  /** The Panel Summary built last: its sheet, sentence and updates. */
  const [summary, setSummary] = useState<SummaryDone | null>(null);
  const [{ view, sheets: sheetChoices, request }, dispatch] = useReducer(trackerReducer, NO_TRACKER);
  const periods = usePeriods(today);
  const { period, periodError, previous } = periods;
  const [preview, setPreview] = useState<DirectionsPreview | null>(null);
  const [confirm, setConfirm] = useState<(ConfirmRequest & { write: () => Promise<void> }) | null>(null);
  /** Refuse other words in the drop-down lists ("stop"), else Excel warns. */
  const [stopStyle, setStopStyle] = useState(false);
  /** After spellings were fixed: the offer to add the lists, so the same mistakes cannot come back. */
  const [offerLists, setOfferLists] = useState(false);
  /** What the add-in last did to the tracker's colours or lists, for the Formatting step's folded line. */
  const [formatted, setFormatted] = useState<string | null>(null);
  const busy = outcome.kind === "busy";
  /** The period compared with, in words: "June 2021" and "June 2021, from column F of this sheet". */
  const said = previousWords(view, previous);

  /** The request every host call carries: the tracker in use, this period and the chosen previous one. */
  const current = (): TrackerRequest => ({ ...request, period: period.trim() || undefined, comparedWith: periods.comparedAsked() });

  /** Run one host call: announce it, and turn a HostError (or a throw) into the alert. */
  async function perform<T>(busyText: string, call: () => Promise<HostResult<T>>): Promise<T | null> {
    setOutcome({ kind: "busy", text: busyText });
    let result: HostResult<T>;
    try {
      result = await call();
    } catch (err) {
      result = { ok: false, code: "unexpected", message: plainError(err) };
    }
    if (isHostError(result)) {
      setOutcome({ kind: "error", text: result.message });
      if (result.sheets) dispatch({ type: "sheets", sheets: result.sheets });
      return null;
    }
    return result;
  }

  const done = (text: string) => setOutcome({ kind: "done", text });

  function show(v: TrackerView, overrides: TrackerRequest["overrides"]) {
    dispatch({ type: "shown", view: v, overrides });
    periods.follow(v);
  }

  async function read(next: TrackerRequest, announce = true) {
    const v = await perform("Reading the tracker…", () => host.readTracker({ ...next, period: period.trim() || undefined, comparedWith: current().comparedWith }));
    if (!v) return;
    if (v.sheet !== view?.sheet) setPreview(null);
    show(v, next.overrides);
    // Period columns that could not be used: the sheet was read with its latest periods, and the pane says why.
    if (v.sheetPeriods?.problem) return setOutcome({ kind: "error", text: v.sheetPeriods.problem });
    if (announce) {
      const issues = v.issues.length ? `, ${plural(v.issues.length, "issue")}` : ", no issues";
      done(`Found the tracker on “${v.sheet}”: header on row ${v.headerRow}, ${plural(v.actions, "action")}${issues}.`);
    }
  }

  /** Read the tracker again after a write, keeping the message of the write. */
  async function refresh(message: string) {
    const v = await perform("Reading the tracker again…", () => host.readTracker(current()));
    if (v) show(v, request.overrides);
    if (v) done(message);
  }

  const onFind = () => {
    periods.forgetChoice();
    void read({});
  };

  const onChooseSheet = (sheet: string) =>
    void read(sheet === request.sheet ? { sheet, overrides: request.overrides, periodColumns: request.periodColumns } : { sheet });

  const onMapping = (overrides: Record<string, string | null>) => void read({ sheet: request.sheet, overrides, periodColumns: request.periodColumns });

  const onPeriodColumns = (periodColumns: TrackerRequest["periodColumns"]) => void read({ sheet: request.sheet, overrides: request.overrides, periodColumns });

  async function onGoTo(issue: PaneIssue) {
    if (!issue.cell) return;
    const r = await perform(`Going to ${issue.cell}…`, () => host.goToCell(issue.sheet, issue.cell!));
    if (r) done(`Selected cell ${r.cell} on “${r.sheet}”.`);
  }

  async function onGoToSheet(sheet: string) {
    const r = await perform(`Going to “${sheet}”…`, () => host.goToCell(sheet, "A1"));
    if (r) done(`Opened “${r.sheet}”.`);
  }

  async function onApplyFormatting() {
    const r = await perform("Applying colours…", () => host.applyFormatting(current()));
    if (r) setFormatted(`Colours applied to ${plural(r.ranges.length, "range")}`);
    if (r) done(`Coloured ${r.ranges.join(", ")} on “${r.sheet}” with ${plural(r.added, "rule")}${r.removed ? ` (replacing the add-in’s ${r.removed} earlier ones)` : ""}. No cell value changed.`);
  }

  async function onRemoveFormatting() {
    const r = await perform("Removing the add-in’s colours…", () => host.removeFormatting(current()));
    if (r) setFormatted("The add-in’s colours removed");
    if (r) done(r.removed ? `Removed the add-in’s ${plural(r.removed, "colour rule")} from “${r.sheet}”. Your own rules are kept.` : `“${r.sheet}” had no colour rules from the add-in.`);
  }

  /** What adding or removing the lists did, in a sentence: where, and any column left alone. */
  function listsMessage(r: ValidationDone, adding: boolean): string {
    const parts: string[] = [];
    if (adding) {
      parts.push(
        r.added.length
          ? `Added drop-down lists to ${r.added.join(", ")} on “${r.sheet}”${r.replaced ? ` (replacing the add-in’s ${plural(r.replaced, "earlier list")})` : ""}. No cell value changed.`
          : `Added no drop-down list on “${r.sheet}”.`,
      );
    } else parts.push(r.removed.length ? `Removed the add-in’s drop-down lists from ${r.removed.join(", ")} on “${r.sheet}”.` : `“${r.sheet}” had no drop-down lists from the add-in to remove.`);
    for (const k of r.kept) parts.push(k.message);
    if (r.dropped.length) parts.push(`Left out of the lists (too long for Excel’s 255 characters): ${r.dropped.map((w) => `“${w}”`).join(", ")}.`);
    return parts.join(" ");
  }

  async function onAddLists(stop: boolean) {
    setOfferLists(false);
    const r = await perform("Adding drop-down lists…", () => host.addValidation(current(), { style: stop ? "stop" : "warning" }));
    if (r) setFormatted(`Drop-down lists on ${plural(r.added.length, "range")}`);
    if (r) done(listsMessage(r, true));
  }

  async function onRemoveLists() {
    const r = await perform("Removing the add-in’s drop-down lists…", () => host.removeValidation(current()));
    if (r) setFormatted("The add-in’s drop-down lists removed");
    if (r) done(listsMessage(r, false));
  }

  /**
   * The one shape of every write into the workbook: the preview's cells in the
   * confirmation dialog; on confirming, the write (of exactly those cells), its
   * undo kept, and the tracker read again with the write's message.
   */
  function confirmWrite(
    p: ChangesPreview,
    ask: Pick<ConfirmRequest, "title" | "intro" | "confirmLabel">,
    writing: string,
    write: (confirmed: readonly CellChange[]) => Promise<HostResult<WriteDone>>,
    wrote: (w: WriteDone) => string,
    written?: () => void,
  ) {
    const confirmed: CellChange[] = p.changes;
    setConfirm({
      ...ask,
      sheet: p.sheet,
      changes: p.changes,
      write: async () => {
        const w = await perform(writing, () => write(confirmed));
        if (!w) return;
        // A confirmed write can be undone until the next one.
        setUndo(w.undo ?? null);
        written?.();
        await refresh(wrote(w));
      },
    });
    done(`Review ${plural(p.changes.length, "change")} to “${p.sheet}” and confirm. Nothing has been written yet.`);
  }

  async function onReviewRagWords() {
    const p = await perform("Looking for RAG shown only by colour…", () => host.previewRagLabels(current()));
    if (!p) return;
    if (p.changes.length === 0) return done(`No cell on “${p.sheet}” shows its RAG by colour alone: nothing to write.`);
    confirmWrite(
      p,
      {
        title: `Write the RAG word into ${plural(p.changes.length, "cell")}?`,
        intro: `These cells on “${p.sheet}” show the RAG only by their fill colour. The add-in will type the word the colour stands for, keeping what the cell already says. Nothing else changes.`,
        confirmLabel: `Write ${plural(p.changes.length, "cell")}`,
      },
      "Writing the RAG words…",
      (confirmed) => host.writeRagLabels(current(), confirmed),
      (w) => `Wrote the RAG word into ${plural(w.cells.length, "cell")} on “${w.sheet}”: ${cellList(w.cells)}.`,
    );
  }

  async function onReviewSpellings() {
    const p = await perform("Looking for spellings to fix…", () => host.previewSpellingFixes(current()));
    if (!p) return;
    if (p.changes.length === 0) {
      setNoFixesAt(view?.spellings ?? null);
      return done(`Every status and RAG on “${p.sheet}” that can be fixed is spelled the usual way (cells holding a formula are left alone): nothing to fix.`);
    }
    confirmWrite(
      p,
      {
        title: `Fix the spelling in ${plural(p.changes.length, "cell")}?`,
        intro: `The add-in will type the usual word into these cells on “${p.sheet}”, so filters, COUNTIF and the Panel’s figures find them. Nothing else changes, and you can undo it.`,
        confirmLabel: `Fix ${plural(p.changes.length, "cell")}`,
      },
      "Fixing the spellings…",
      (confirmed) => host.writeSpellingFixes(current(), confirmed),
      (w) => `Fixed the spelling in ${plural(w.cells.length, "cell")} on “${w.sheet}”: ${cellList(w.cells)}.`,
      () => setOfferLists(true),
    );
  }

  /** Keep a word of the organisation's ("Stalled" means In progress) in the workbook's words sheet, after the confirmation. */
  async function onTreatWord(word: OwnWord) {
    const p = await perform("Looking at the words sheet…", () => host.previewOwnWord(word));
    if (!p) return;
    confirmWrite(
      p,
      {
        title: `Treat “${word.word}” as ${word.means}?`,
        intro: `The add-in will add “${word.word}” to the sheet “${p.sheet}”, meaning ${word.means}, so this workbook reads it as ${word.means}: in the pane, the Panel Summary and the ACTIONS functions. The tracker itself does not change, and you can undo it.`,
        confirmLabel: `Save “${word.word}”`,
      },
      "Saving the word…",
      (confirmed) => host.writeOwnWord(word, confirmed),
      (w) => `Saved “${word.word}” as ${word.means} in “${w.sheet}” (${cellList(w.cells)}), and read the tracker again with it.`,
    );
  }

  async function onUndo() {
    const u = undo;
    if (!u) return;
    const w = await perform(`Undoing ${u.what}…`, () => host.undoWrite(u));
    if (!w) return;
    setUndo(null);
    await refresh(`Undid ${u.what}: ${cellList(w.cells)} on “${w.sheet}” ${w.cells.length === 1 ? "says" : "say"} again what ${w.cells.length === 1 ? "it" : "they"} said before.`);
  }

  async function onCopySentence() {
    const sentence = summary?.sentence;
    if (!sentence) return;
    const ok = await copyText(sentence).catch(() => false);
    if (ok) done("Copied the sentence. Paste it into the Panel report.");
    else setOutcome({ kind: "error", text: "The add-in could not use the clipboard here. Select the sentence in the pane and press Ctrl+C (⌘C on a Mac)." });
  }

  async function panelPaper(busyText: string) {
    if (!needPeriod("make the panel paper")) return null;
    return perform(busyText, () => host.panelPaper({ ...current(), comparedWith: periods.comparedShown() }));
  }

  async function onCopyPaper() {
    const r = await panelPaper("Making the panel paper…");
    if (!r) return;
    const ok = await copyRich(paperHtml(r.paper), paperText(r.paper)).catch(() => false);
    if (ok) done(`Copied the panel paper for ${r.paper.period} (${plural(r.paper.appendix.actions, "action")} in Appendix 1). Paste it into Word or Outlook: its headings and tables paste as headings and tables.`);
    else setOutcome({ kind: "error", text: "The add-in could not use the clipboard here. Download the panel paper instead, or run delivery-plan report on the saved workbook." });
  }

  async function onDownloadPaper() {
    const saving = host.fileSaving();
    if (!saving.can) {
      setOutcome({ kind: "error", text: saving.instead });
      return;
    }
    const r = await panelPaper("Making the panel paper…");
    if (!r) return;
    setOutcome({ kind: "busy", text: "Writing the Word document…" });
    try {
      const write = await loadDocxWriter();
      const ok = await saveFile(r.fileName, await write(r.paper), DOCX_TYPE);
      if (ok) done(`Downloaded “${r.fileName}”: the panel paper for ${r.paper.period}, with ${plural(r.paper.appendix.actions, "action")} in Appendix 1. The tracker was not changed.`);
      else setOutcome({ kind: "error", text: "The pane could not save the file here. Use Copy for Word and paste into a new Word document." });
    } catch (err) {
      setOutcome({ kind: "error", text: plainError(err) });
    }
  }

  function needPeriod(what: string): boolean {
    const message = periods.need(what);
    if (message) setOutcome({ kind: "error", text: message });
    return message === null;
  }

  async function onSnapshot() {
    if (!needPeriod("take the snapshot")) return;
    const r = await perform(`Taking a snapshot for ${period.trim()}…`, () => host.takeSnapshot(current()));
    if (!r) return;
    dispatch({ type: "snapshots", snapshots: r.snapshots });
    done(`Recorded ${plural(r.rows, "action")} as at ${r.period}. Next period, choose “${r.period}” under Compare with.`);
  }

  function onPrevious(value: string) {
    periods.choosePrevious(value);
    setPreview(null);
  }

  async function onPreviewDirections() {
    if (!previous) return;
    const p = await perform(`Comparing with ${said.name}…`, () => host.previewDirections({ ...current(), comparedWith: periods.comparedShown() }));
    if (!p) return;
    setPreview(p);
    const c = p.counts;
    done(`Since ${p.previousLabel}: ${c.improved} improved, ${c.deteriorated} deteriorated, ${c.unchanged} no change, ${c.new} new, ${c.removed} no longer in the tracker. Nothing written yet.`);
  }

  function onReviewDirections() {
    if (!preview) return;
    const p = preview;
    const since = p.previousLabel;
    confirmWrite(
      p,
      {
        title: `Write the direction of travel into ${plural(p.changes.length, "cell")}?`,
        intro: p.newColumn
          ? `The tracker on “${p.sheet}” has no direction column. The add-in will add “${p.newColumn.header}” at ${p.newColumn.cell} and write each action’s direction since ${since} below it.`
          : `The add-in will write each action’s direction since ${since} (arrow and word) into these cells on “${p.sheet}”, replacing what they say now.`,
        confirmLabel: `Write ${plural(p.changes.length, "cell")}`,
      },
      "Writing the directions of travel…",
      (confirmed) => host.writeDirections({ ...current(), comparedWith: p.comparedWith }, confirmed),
      (w) => `Wrote the direction of travel since ${since} into ${plural(w.cells.length, "cell")} on “${w.sheet}”.`,
      () => setPreview(null),
    );
  }

  async function onBuildSummary() {
    if (!needPeriod("build the summary")) return;
    const r = await perform("Building the panel summary…", () => host.buildPanelSummary({ ...current(), comparedWith: periods.comparedShown() }));
    if (!r) return;
    setSummary(r);
    done(`Built the sheet “${r.sheet}” for ${period.trim()}${previous ? `, compared with ${said.said}` : ""}. The tracker was not changed.`);
  }

  async function onConfirm() {
    const c = confirm;
    setConfirm(null);
    if (c) await c.write();
  }

  function onCancel() {
    setConfirm(null);
    done("Cancelled: nothing was written.");
  }

  return (
    <main className={styles.root}>
      <header className={styles.header}>
        <Title2 as="h1" className={styles.title}>
          {title}
        </Title2>
        <Body1>Reads your Police and Crime Plan delivery tracker, checks it cell by cell, colours it and builds the Panel Summary.</Body1>
      </header>

      {/* The quarter's steps, each folded by its heading; all open at first, as the pane always was. */}
      <Accordion multiple collapsible defaultOpenItems={[...STEPS]}>
        <Step value="tracker" title="Tracker" state={trackerState(view)}>
          <TrackerSection view={view} sheets={sheetChoices} busy={busy} onFind={onFind} onChooseSheet={onChooseSheet} />
          {view && <MappingEditor view={view} overrides={request.overrides ?? {}} busy={busy} onApply={onMapping} />}
        </Step>
        {view && (
          <>
            <Step value="check" title="Check" state={checkState(view)}>
              <IssuesList
                issues={view.issues}
                totals={view.issueTotals}
                busy={busy}
                onGoTo={(issue) => void onGoTo(issue)}
                spellings={view.spellings === noFixesAt ? 0 : (view.spellings ?? 0)}
                onReviewSpellings={() => void onReviewSpellings()}
                onTreatWord={(word) => void onTreatWord(word)}
              />
            </Step>
            <Step value="formatting" title="Formatting" state={formattingState(view, formatted)}>
              <FormattingSection
                view={view}
                busy={busy}
                onApply={() => void onApplyFormatting()}
                onRemove={() => void onRemoveFormatting()}
                onReviewRagWords={() => void onReviewRagWords()}
                onAddLists={(stop) => void onAddLists(stop)}
                onRemoveLists={() => void onRemoveLists()}
                stop={stopStyle}
                onStop={setStopStyle}
              />
            </Step>
            <Step value="period" title="Period" state={periodState(view, period, said.name)}>
              <SheetPeriods view={view} busy={busy} onChoose={onPeriodColumns} />
              <PeriodSection
                view={view}
                period={period}
                periodError={periodError}
                previous={previous}
                previousSaid={said.said}
                preview={preview}
                busy={busy}
                onPeriod={periods.type}
                onPrevious={onPrevious}
                onSnapshot={() => void onSnapshot()}
                onPreview={() => void onPreviewDirections()}
                onReviewWrite={onReviewDirections}
              />
            </Step>
            <Step value="summary" title="Panel summary" state={summaryState(summary)}>
              <SummarySection
                period={period}
                previous={said.said}
                busy={busy}
                built={summary?.sheet ?? null}
                sentence={summary?.sentence ?? null}
                updates={summary?.updates ?? null}
                onBuild={() => void onBuildSummary()}
                onGoTo={(s) => void onGoToSheet(s)}
                onCopy={() => void onCopySentence()}
                onCopyPaper={() => void onCopyPaper()}
                onDownloadPaper={() => void onDownloadPaper()}
                fileSaving={host.fileSaving()}
              />
            </Step>
          </>
        )}
      </Accordion>

      <div className={styles.outcome}>
        <div role="status" aria-live="polite" aria-atomic="true" className={styles.live}>
          {outcome.kind === "busy" && <Spinner size="tiny" label={outcome.text} />}
          {outcome.kind === "done" && (
            <MessageBar intent="success" layout="multiline">
              <MessageBarBody>{outcome.text}</MessageBarBody>
            </MessageBar>
          )}
        </div>
        {undo && (
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>
              You can put back {undo.what} ({plural(undo.cells.length, "cell")} on “{undo.sheet}”).
            </MessageBarBody>
            <MessageBarActions>
              <Button disabledFocusable={busy} onClick={() => void onUndo()}>
                Undo {undo.what}
              </Button>
              <Button appearance="subtle" onClick={() => setUndo(null)}>
                Keep them
              </Button>
            </MessageBarActions>
          </MessageBar>
        )}
        {offerLists && view && (
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>Stop these spellings coming back</MessageBarTitle>
              Add drop-down lists of the usual words to the status, RAG and direction cells on “{view.sheet}”: anyone typing another word {stopStyle ? "is refused" : "is warned"}.
            </MessageBarBody>
            <MessageBarActions>
              <Button disabledFocusable={busy} onClick={() => void onAddLists(stopStyle)}>
                Add drop-down lists now
              </Button>
              <Button appearance="subtle" onClick={() => setOfferLists(false)}>
                Not now
              </Button>
            </MessageBarActions>
          </MessageBar>
        )}
        <div role="alert" className={styles.live}>
          {outcome.kind === "error" && (
            <MessageBar intent="error" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>Not done</MessageBarTitle>
                {outcome.text}
              </MessageBarBody>
            </MessageBar>
          )}
        </div>
      </div>

      <ConfirmChanges request={confirm} onConfirm={() => void onConfirm()} onCancel={onCancel} />
    </main>
  );
}
