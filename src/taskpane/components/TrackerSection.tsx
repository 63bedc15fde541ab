/** The tracker found: its sheet, header row, number of actions and counts; choose another sheet. */
import { useEffect, useState } from "react";
import { Body1, Button, Caption1, Field, MessageBar, MessageBarBody, Select, makeStyles, tokens } from "@fluentui/react-components";
import type { TrackerView } from "../../shared/host";
import { DIRECTION_WORD, RAG_WORD, STATUS_WORD, plural } from "../wording";
import { CountTable } from "./CountTable";
import { useSectionStyles, useSelectStyles } from "./styles";

const useStyles = makeStyles({
  facts: {
    margin: 0,
    display: "grid",
    gridTemplateColumns: "max-content 1fr",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
  },
  term: {
    color: tokens.colorNeutralForeground2,
  },
  value: {
    margin: 0,
    fontWeight: tokens.fontWeightSemibold,
    overflowWrap: "anywhere",
  },
  counts: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
  },
});

export interface TrackerSectionProps {
  view: TrackerView | null;
  /** Sheets to choose from when no tracker was found on the active sheet. */
  sheets: string[];
  busy: boolean;
  onFind: () => void;
  onChooseSheet: (sheet: string) => void;
}

export function TrackerSection({ view, sheets, busy, onFind, onChooseSheet }: TrackerSectionProps) {
  const section = useSectionStyles();
  const selectStyles = useSelectStyles();
  const styles = useStyles();
  const choices = view ? view.sheets : sheets;
  const [chosen, setChosen] = useState(view?.sheet ?? choices[0] ?? "");
  useEffect(() => setChosen(view?.sheet ?? choices[0] ?? ""), [view, choices]);

  const only = (lines: TrackerView["rag"]) => lines.every((l) => l.key === "Not set" || l.count === 0);

  return (
    <>
      {!view && <Body1>Open the sheet that holds your delivery-plan tracker, then choose Find tracker.</Body1>}
      <div className={section.actions}>
        <Button appearance="primary" disabledFocusable={busy} onClick={onFind}>
          {view ? "Find tracker on the active sheet" : "Find tracker"}
        </Button>
      </div>
      {choices.length > 0 && (
        <div className={section.row}>
          <Field label="Tracker sheet" className={section.grow}>
            <Select className={selectStyles.root} select={{ className: selectStyles.select }} value={chosen} onChange={(_, data) => setChosen(data.value)}>
              {choices.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </Select>
          </Field>
          <Button disabledFocusable={busy || !chosen} onClick={() => onChooseSheet(chosen)}>
            {view && chosen === view.sheet ? "Read again" : "Read this sheet"}
          </Button>
        </div>
      )}
      {view && (
        <>
          {(view.warnings ?? []).map((warning) => (
            <MessageBar key={warning} intent="warning" layout="multiline">
              <MessageBarBody>{warning}</MessageBarBody>
            </MessageBar>
          ))}
          <dl className={styles.facts}>
            <dt className={styles.term}>Sheet</dt>
            <dd className={styles.value}>{view.sheet}</dd>
            <dt className={styles.term}>Header row</dt>
            <dd className={styles.value}>{view.headerRow}</dd>
            <dt className={styles.term}>Actions</dt>
            <dd className={styles.value}>
              {view.actions} (rows {view.firstDataRow}–{view.lastDataRow})
            </dd>
          </dl>
          {view.referencesInActionText && <Caption1>References are read from the start of the action text (for example “V1 Ensure…”).</Caption1>}
          <div className={styles.counts}>
            {only(view.status) ? (
              <Body1>Status: not set for {plural(view.actions, "action")}.</Body1>
            ) : (
              <CountTable caption="Status" lines={view.status} words={STATUS_WORD} />
            )}
            {only(view.rag) ? <Body1>RAG: not set for {plural(view.actions, "action")}.</Body1> : <CountTable caption="RAG" lines={view.rag} words={RAG_WORD} />}
            {only(view.direction) ? (
              <Body1>Direction of travel: not set for {plural(view.actions, "action")}.</Body1>
            ) : (
              <CountTable caption="Direction of travel" lines={view.direction} words={DIRECTION_WORD} />
            )}
          </div>
        </>
      )}
    </>
  );
}
