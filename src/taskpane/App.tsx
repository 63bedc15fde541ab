/**
 * The task pane: its five steps laid out, each step's state and actions in a
 * hook of its own (src/taskpane/hooks). Excel is reached only through the
 * `host` prop (plain data in and out), so the pane can be rendered and tested
 * with a fake host.
 *
 * One operation runs at a time; what it is doing and how it ended are
 * announced in a live region (errors in an alert). Nothing is written into the
 * user's tracker without a confirmation that lists every cell.
 */
import { Accordion, Body1, Title2, makeStyles, tokens } from "@fluentui/react-components";
import type { TaskpaneHost } from "../shared/host";
import type { PaperPlan } from "../model";
import { TrackerSection } from "./components/TrackerSection";
import { MappingEditor } from "./components/MappingEditor";
import { IssuesList } from "./components/IssuesList";
import { FormattingSection } from "./components/FormattingSection";
import { PeriodSection } from "./components/PeriodSection";
import { SheetPeriods } from "./components/SheetPeriods";
import { SummarySection } from "./components/SummarySection";
import { ConfirmChanges } from "./components/ConfirmChanges";
import { OutcomeArea } from "./components/OutcomeArea";
import { RequestUpdates } from "./components/RequestUpdates";
import { MergeReturns } from "./components/MergeReturns";
import { STEPS, Step } from "./components/Step";
import { checkState, formattingState, periodState, returnsState, summaryState, trackerState } from "./steps";
import { usePane } from "./hooks/pane";
import { useConfirmedWrite } from "./hooks/confirmed-write";
import { useTrackerStep } from "./hooks/tracker-step";
import { useCheckStep } from "./hooks/check-step";
import { useFormattingStep } from "./hooks/formatting-step";
import { usePeriodStep } from "./hooks/period-step";
import { useSummaryStep } from "./hooks/summary-step";
import { loadReturnsChunk, useReturnsStep } from "./hooks/returns-step";
import type { ReturnsChunk } from "./hooks/returns-step";
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
  /** Loads the return workbooks' writer and reader (ExcelJS), only when they are asked for. */
  loadReturns?: () => Promise<ReturnsChunk>;
}

/** The .docx writer (and the docx package under it) in a chunk of its own, fetched on first use. */
const loadDocx = () => import(/* webpackChunkName: "paper-docx" */ "../paper/docx").then((m) => m.paperDocx);

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

export function App({ host, title = "Delivery plan", today, copyText = copyToClipboard, copyRich = copyRichToClipboard, saveFile = downloadFile, loadDocxWriter = loadDocx, loadReturns = loadReturnsChunk }: AppProps) {
  const styles = useStyles();
  const pane = usePane(host, today);
  const { flow, view, periods, said } = pane;
  const write = useConfirmedWrite(pane);
  const tracker = useTrackerStep(pane);
  const formatting = useFormattingStep(pane, write);
  const check = useCheckStep(pane, write, formatting.offer);
  const period = usePeriodStep(pane, write);
  const summary = useSummaryStep(pane, { copyText, copyRich, saveFile, loadDocxWriter });
  const returns = useReturnsStep(pane, write, { copyText, saveFile, loadReturns });
  const busy = flow.busy;

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
          <TrackerSection view={view} sheets={pane.sheets} busy={busy} onFind={tracker.find} onChooseSheet={tracker.chooseSheet} />
          {view && <MappingEditor view={view} overrides={pane.request.overrides ?? {}} busy={busy} onApply={tracker.map} />}
        </Step>
        {view && (
          <>
            <Step value="check" title="Check" state={checkState(view)}>
              <IssuesList
                issues={view.issues}
                totals={view.issueTotals}
                busy={busy}
                onGoTo={check.goTo}
                spellings={check.spellings}
                onReviewSpellings={check.reviewSpellings}
                onTreatWord={check.treatWord}
              />
            </Step>
            <Step value="formatting" title="Formatting" state={formattingState(view, formatting.formatted)}>
              <FormattingSection
                view={view}
                busy={busy}
                onApply={formatting.apply}
                onRemove={formatting.remove}
                onReviewRagWords={formatting.reviewRagWords}
                onAddLists={formatting.addLists}
                onRemoveLists={formatting.removeLists}
                stop={formatting.stop}
                onStop={formatting.setStop}
                canRemove={formatting.canRemove}
              />
            </Step>
            <Step value="period" title="Period" state={periodState(view, periods.period, said.name)}>
              <SheetPeriods view={view} busy={busy} onChoose={tracker.choosePeriodColumns} />
              <PeriodSection
                view={view}
                today={today}
                period={periods.period}
                periodError={periods.periodError}
                previous={periods.previous}
                previousSaid={said.said}
                preview={periods.preview}
                busy={busy}
                onPeriod={periods.type}
                onPrevious={periods.choosePrevious}
                onSnapshot={period.snapshot}
                signer={period.signer}
                onSigner={period.setSigner}
                onSignOff={period.signOff}
                onPreview={period.previewDirections}
                onReviewWrite={period.reviewDirections}
              />
            </Step>
            <Step value="summary" title="Panel summary" state={summaryState(summary.summary)}>
              <SummarySection
                period={periods.period}
                previous={said.said}
                busy={busy}
                built={summary.summary?.sheet ?? null}
                sentence={summary.summary?.sentence ?? null}
                updates={summary.summary?.updates ?? null}
                trend={summary.summary?.trend ?? null}
                onBuild={summary.build}
                onGoTo={summary.goToSheet}
                onCopy={summary.copySentence}
                onCopyPaper={summary.copyPaper}
                onDownloadPaper={summary.downloadPaper}
                fileSaving={summary.fileSaving}
                words={summary.words}
                wordsOpen={summary.wordsOpen}
                onToggleWords={summary.toggleWords}
                onSaveWords={summary.saveWords}
                missing={summary.missing}
              />
            </Step>
            <Step value="returns" title="Quarter's returns" state={returnsState(returns.requests, returns.preview)}>
              <RequestUpdates
                busy={busy}
                by={returns.by}
                onBy={returns.setBy}
                round={returns.round}
                roundPlaceholder={periods.period || "e.g. February 2019"}
                onRound={returns.setRound}
                due={returns.due}
                onDue={returns.setDue}
                onRequest={returns.request}
                requests={returns.requests}
                fileSaving={summary.fileSaving}
                onDownload={returns.download}
                onDownloadAll={returns.downloadAll}
                onCopyEmail={returns.copyEmail}
              />
              <MergeReturns busy={busy} onPick={returns.pick} refused={returns.refused} preview={returns.preview} onApply={returns.apply} />
            </Step>
          </>
        )}
      </Accordion>

      <OutcomeArea
        className={styles.outcome}
        liveClassName={styles.live}
        outcome={flow.outcome}
        busy={busy}
        undo={write.undo}
        onUndo={write.undoLast}
        onKeep={write.keep}
        listsOffer={formatting.offered && view ? view.sheet : null}
        stop={formatting.stop}
        onAddLists={formatting.addLists}
        onNotNow={formatting.notNow}
      />

      <ConfirmChanges request={write.asking} onConfirm={write.confirm} onCancel={write.cancel} />
    </main>
  );
}
