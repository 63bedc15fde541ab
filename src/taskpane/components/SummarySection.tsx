/** The Panel Summary: what the Police and Crime Panel reads, built into its own sheet. */
import { Suspense, lazy, useId } from "react";
import { Body1, Button, Spinner, Subtitle2, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { useSectionStyles } from "./styles";
import { SUMMARY } from "../sentences";
import type { FileSaving, PaperSettingKey, PaperSettings, SummaryTrend, SummaryUpdates } from "../../shared/host";
import { TrendChart } from "./TrendChart";

/** The form of the paper's words, loaded only when the officer opens it: the pane's first load stays as small as before. */
const PaperSettingsForm = lazy(() => import(/* webpackChunkName: "paper-words" */ "./PaperSettingsForm").then((m) => ({ default: m.PaperSettingsForm })));

export interface SummarySectionProps {
  period: string;
  previous: string;
  busy: boolean;
  /** The sheet built last, to go to it. */
  built: string | null;
  /** The headline sentence of the summary built last. */
  sentence?: string | null;
  /** Updates since the previous period, from the summary built last. */
  updates?: SummaryUpdates | null;
  /** Progress over the periods kept (two or more), from the summary built last: a small chart, its table a keystroke away. */
  trend?: SummaryTrend | null;
  onBuild: () => void;
  onGoTo: (sheet: string) => void;
  onCopy?: () => void;
  /** The panel paper: copy it (HTML and text) for Word, or download it as .docx where the host can save files. */
  onCopyPaper?: () => void;
  onDownloadPaper?: () => void;
  fileSaving?: FileSaving;
  /** The paper's words (the workbook's "Panel paper" sheet): as read, whether their form is open, open or close it, save them. */
  words?: PaperSettings | null;
  wordsOpen?: boolean;
  onToggleWords?: () => void;
  onSaveWords?: (settings: PaperSettings) => void;
  /** What the paper made last showed as placeholders. */
  missing?: readonly PaperSettingKey[] | null;
}

const useStyles = makeStyles({
  sentence: {
    margin: 0,
    padding: tokens.spacingHorizontalS,
    backgroundColor: tokens.colorNeutralBackground2,
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`,
    overflowWrap: "anywhere",
    userSelect: "text",
  },
  paper: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
  },
  heading: {
    marginTop: tokens.spacingVerticalM,
    marginBottom: 0,
  },
  text: {
    margin: 0,
  },
});

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "Since June 2021: 1 action updated, 5 with no new update, 1 new action." */
export function updatesLine(u: SummaryUpdates): string {
  const parts = [count(u.updated, "action updated", "actions updated"), `${u.notUpdated} with no new update`, count(u.new, "new action", "new actions")];
  if (u.notCompared) parts.push(`${u.notCompared} not compared, as ${u.since} kept no update text`);
  return `Since ${u.since}: ${parts.join(", ")}.`;
}

export function SummarySection(props: SummarySectionProps) {
  const { period, previous, busy, built, sentence, updates, onBuild, onGoTo, onCopy, onCopyPaper, onDownloadPaper, fileSaving } = props;
  const section = useSectionStyles();
  const styles = useStyles();
  const sentenceId = useId();
  const paperId = useId();
  const paperHeadingId = useId();
  const label = period.trim();
  return (
    <>
      <Body1 as="p" className={styles.text}>
        {label ? `For ${label}` : "For this period (type its label under Period)"}, {previous ? `compared with ${previous}` : "with no previous period"}. The
        summary goes in a sheet of its own; the tracker is not changed.
      </Body1>
      <div className={section.actions}>
        <Button appearance="primary" disabledFocusable={busy} onClick={onBuild}>
          Build panel summary
        </Button>
        {built && (
          <Button disabledFocusable={busy} onClick={() => onGoTo(built)}>
            Go to “{built}”
          </Button>
        )}
      </div>
      {sentence && (
        <>
          <Body1 as="p" id={sentenceId} className={styles.sentence}>
            {sentence}
          </Body1>
          {updates && <Body1 as="p">{updatesLine(updates)}</Body1>}
          {onCopy && (
            <div className={section.actions}>
              <Button aria-describedby={sentenceId} onClick={onCopy}>
                Copy sentence
              </Button>
            </div>
          )}
          {props.trend && props.trend.periods.length >= 2 && <TrendChart trend={props.trend} />}
        </>
      )}
      {(onCopyPaper || onDownloadPaper) && (
        <section aria-labelledby={paperHeadingId} className={styles.paper}>
          <Subtitle2 as="h3" id={paperHeadingId} className={styles.heading}>
            The panel paper
          </Subtitle2>
          <Body1 as="p" id={paperId} className={styles.text}>
            The covering report for the Panel, with every action in Appendix 1.
          </Body1>
          <div className={section.actions}>
            {onCopyPaper && (
              <Button aria-describedby={paperId} disabledFocusable={busy} onClick={onCopyPaper}>
                Copy for Word
              </Button>
            )}
            {onDownloadPaper && fileSaving?.can && (
              <Button aria-describedby={paperId} disabledFocusable={busy} onClick={onDownloadPaper}>
                Download .docx
              </Button>
            )}
            {props.onToggleWords && (
              <Button aria-expanded={props.wordsOpen === true} disabledFocusable={busy} onClick={props.onToggleWords}>
                {props.wordsOpen ? "Close the paper’s words" : "The paper’s words…"}
              </Button>
            )}
          </div>
          {props.missing && props.missing.length > 0 && (
            <Body1 as="p" className={mergeClasses(styles.text, section.note)}>
              {SUMMARY.missing(props.missing)}
            </Body1>
          )}
          {onDownloadPaper && fileSaving && !fileSaving.can && (
            <Body1 as="p" className={styles.text}>
              {fileSaving.instead}
            </Body1>
          )}
          {props.wordsOpen && props.onSaveWords && (
            <Suspense fallback={<Spinner size="tiny" label="Opening the form…" />}>
              <PaperSettingsForm settings={props.words ?? null} busy={busy} onSave={props.onSaveWords} />
            </Suspense>
          )}
        </section>
      )}
    </>
  );
}
