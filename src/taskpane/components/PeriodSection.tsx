/**
 * Periods: take a snapshot under this period's label; choose the previous
 * period from the snapshots, or the sheet's own previous period when it keeps
 * several side by side (the default then); preview the direction of travel
 * against it and write it into the tracker only after confirmation.
 */
import { Body1, Button, Field, Input, MessageBar, MessageBarBody, Select, makeStyles, tokens, useRestoreFocusTarget } from "@fluentui/react-components";
import type { DirectionsPreview, TrackerView } from "../../shared/host";
import { QUARTER, formatLongDate, periodEnd } from "../../model";
import { DIRECTION_WORD, plural } from "../wording";
import { cellList } from "../../shared/words";
import { NO_PREVIOUS, SHEET_PREVIOUS, sheetPreviousPeriod } from "../state";
import { columnsWord } from "../sentences";
import { CountTable } from "./CountTable";
import { useSectionStyles, useSelectStyles } from "./styles";

const useStyles = makeStyles({
  preview: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalS,
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusMedium,
  },
  text: {
    margin: 0,
  },
});

export interface PeriodSectionProps {
  view: TrackerView;
  period: string;
  periodError: string | null;
  previous: string;
  /** The period compared with, in words ("June 2021, from column F of this sheet"). */
  previousSaid?: string;
  preview: DirectionsPreview | null;
  busy: boolean;
  onPeriod: (period: string) => void;
  onPrevious: (previous: string) => void;
  onSnapshot: () => void;
  /** Who signs the period off, as typed (never prefilled). */
  signer?: string;
  onSigner?: (name: string) => void;
  onSignOff?: () => void;
  onPreview: () => void;
  onReviewWrite: () => void;
  /** Today (tests fix it). */
  today?: Date;
}

/**
 * Said when this period and today are more than a quarter apart (as the CLI warns of --as-of): the paper's position
 * is then the end of the period, not today. Null when they are close, or the label names no date.
 */
export function periodFarWarning(period: string, today: Date): string | null {
  const end = periodEnd(period.trim());
  if (!end) return null;
  const apart = today.getTime() - end.getTime();
  if (Math.abs(apart) <= QUARTER) return null;
  return apart > 0
    ? `${period.trim()} ended on ${formatLongDate(end)}, more than a quarter before today: the panel paper gives its position as at that date. Change the period if you report on a later one.`
    : `${period.trim()} ends on ${formatLongDate(end)}, more than a quarter after today. Check the period.`;
}

export function PeriodSection(props: PeriodSectionProps) {
  const { view, period, periodError, previous, preview, busy } = props;
  const section = useSectionStyles();
  const selectStyles = useSelectStyles();
  const styles = useStyles();
  // The confirmation dialog gives the focus back to "Write directions…" when it closes.
  const restoreFocus = useRestoreFocusTarget();
  const far = periodFarWarning(period, props.today ?? new Date());
  const snapshots = view.snapshots.filter((s) => s.period.toLowerCase() !== period.trim().toLowerCase());
  const directionColumn = view.mapping.find((m) => m.field === "direction")?.column;
  // The sheet's own previous period, when it keeps several side by side: "June 2021 (column F of this sheet)".
  const sheetPeriod = sheetPreviousPeriod(view);
  const sheetOption = sheetPeriod ? `${sheetPeriod.label} (${columnsWord(sheetPeriod)} of this sheet)` : null;

  return (
    <>
      <Field
        label="This period"
        hint="As the Panel will call it, e.g. “Quarter 3 2026/27” or “November 2018”."
        validationState={periodError ? "error" : "none"}
        // Not a second alert: the pane's own alert already says what to do.
        validationMessage={periodError ? { children: periodError, role: undefined } : undefined}
      >
        <Input value={period} onChange={(_, data) => props.onPeriod(data.value)} />
      </Field>
      {far && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{far}</MessageBarBody>
        </MessageBar>
      )}
      <div className={section.actions}>
        <Button disabledFocusable={busy} onClick={props.onSnapshot}>
          Take snapshot
        </Button>
      </div>
      <Body1 className={section.note}>
        A snapshot records each action’s status, RAG and direction in a hidden sheet, so next period can be compared with this one.
        {view.snapshots.length > 0 ? ` ${plural(view.snapshots.length, "snapshot")} so far.` : " No snapshots yet."}
      </Body1>
      {props.onSignOff && (
        <>
          <Field label="Signed off by" hint="The name of the person signing this period off.">
            <Input value={props.signer ?? ""} onChange={(_, data) => props.onSigner?.(data.value)} />
          </Field>
          <div className={section.actions}>
            <Button {...restoreFocus} disabledFocusable={busy} onClick={props.onSignOff}>
              Sign off the period…
            </Button>
          </div>
          <Body1 className={section.note}>
            Signing off takes the snapshot and records who signed and when. After that, Check lists any signed-off status, RAG or update that changes.
          </Body1>
        </>
      )}
      <Field label="Compare with (previous period)">
        <Select className={selectStyles.root} select={{ className: selectStyles.select }} value={previous} onChange={(_, data) => props.onPrevious(data.value)}>
          <option value={NO_PREVIOUS}>No previous period</option>
          {sheetOption && <option value={SHEET_PREVIOUS}>{sheetOption}</option>}
          {snapshots.map((s) => (
            <option key={s.period} value={s.period}>
              {s.period} (taken {s.taken}, {plural(s.actions, "action")})
            </option>
          ))}
        </Select>
      </Field>
      {previous === SHEET_PREVIOUS && props.previousSaid && (
        <Body1 as="p" className={styles.text}>
          Compared with {props.previousSaid}: no snapshot is needed. To compare with a snapshot instead, choose it above.
        </Body1>
      )}
      <div className={section.actions}>
        <Button disabledFocusable={busy || previous === NO_PREVIOUS} onClick={props.onPreview}>
          Preview directions of travel
        </Button>
      </div>
      {preview && (
        <div className={styles.preview}>
          <CountTable
            caption={`Since ${preview.previousLabel}`}
            lines={(["improved", "deteriorated", "unchanged", "new", "removed"] as const).map((key) => ({ key, count: preview.counts[key] }))}
            words={DIRECTION_WORD}
          />
          {preview.removed.length > 0 && (
            <Body1 as="p" className={styles.text}>
              No longer in the tracker: {cellList(preview.removed)}.
            </Body1>
          )}
          <Body1 as="p" className={styles.text}>
            {preview.newColumn
              ? `The tracker has no direction column: writing adds one at ${preview.newColumn.cell}, “${preview.newColumn.header}”, and fills ${plural(preview.changes.length - 1, "cell")}.`
              : `Writing puts the direction into ${plural(preview.changes.length, "cell")} of column ${directionColumn ?? "?"}; you will see every cell first.`}
          </Body1>
          <div className={section.actions}>
            <Button {...restoreFocus} appearance="primary" disabledFocusable={busy || preview.changes.length === 0} onClick={props.onReviewWrite}>
              Write directions…
            </Button>
          </div>
        </div>
      )}
    </>
  );
}
