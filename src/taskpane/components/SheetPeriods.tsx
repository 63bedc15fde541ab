/**
 * Several periods in one sheet ("Status June 2021", "Status November 2021"):
 * which columns are read as this period and as the previous one, with their
 * headers, the previous period's counts, and a choice of other columns, read
 * on "Read these periods" (the choice is kept in the workbook by the host).
 * Header text is shown as text (React escapes it).
 */
import { useEffect, useId, useState } from "react";
import { Body1, Button, Field, Select, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import type { PeriodColumns, TrackerView } from "../../shared/host";
import { STATUS_WORD, RAG_WORD, plural } from "../wording";
import { periodsOf } from "../state";
import type { PeriodInSheet } from "../state";
import { columnsWord } from "../sentences";
import { CountTable } from "./CountTable";
import { useSectionStyles, useSelectStyles } from "./styles";

/** The previous-period choice meaning none earlier. */
const NONE = "";

const useStyles = makeStyles({
  box: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalM,
  },
  text: {
    margin: 0,
  },
});

/** “Status June 2021” or “Status Jun 21” and “RAG Jun 21”. */
function headersWord(period: PeriodInSheet): string {
  return period.columns.map((c) => `“${c.header}”`).join(" and ");
}

/** A period as its choice shows it: "June 2021: column F, “Status June 2021”". */
function optionText(period: PeriodInSheet): string {
  return `${period.label}: ${columnsWord(period)}, ${headersWord(period)}`;
}

export interface SheetPeriodsProps {
  view: TrackerView;
  busy: boolean;
  /** Read the tracker again with these period columns (letters; none for the latest periods). */
  onChoose: (choice: PeriodColumns) => void;
}

export function SheetPeriods({ view, busy, onChoose }: SheetPeriodsProps) {
  const section = useSectionStyles();
  const selectStyles = useSelectStyles();
  const styles = useStyles();
  const headingId = useId();
  const sp = view.sheetPeriods;
  const periods = sp ? periodsOf(sp) : [];
  const current = periods.find((p) => p.label === sp?.current);
  const previous = periods.find((p) => p.label === sp?.previous) ?? null;
  const first = (p: PeriodInSheet | null | undefined) => p?.columns[0]?.column ?? NONE;
  const [draft, setDraft] = useState({ current: first(current), previous: first(previous) });
  // A new read shows what was read: the draft starts again from it.
  useEffect(() => setDraft({ current: first(current), previous: first(previous) }), [view]);
  if (!sp || !current) return null;

  const draftCurrent = periods.find((p) => p.columns.some((c) => c.column === draft.current)) ?? current;
  const earlierChoices = periods.filter((p) => p !== draftCurrent);
  const changed = draft.current !== first(current) || draft.previous !== first(previous);
  const chosen = view.periodColumns && (view.periodColumns.current || view.periodColumns.previous);

  const read = () => {
    const choice: PeriodColumns = {};
    if (draft.current !== first(current) || view.periodColumns?.current) choice.current = draft.current;
    if (draft.previous && (draft.previous !== first(previous) || view.periodColumns?.previous)) choice.previous = draft.previous;
    onChoose(choice);
  };

  return (
    <section aria-labelledby={headingId} className={styles.box}>
      <Subtitle2 as="h3" id={headingId} className={section.heading}>
        Periods in this sheet
      </Subtitle2>
      <Body1 as="p" className={styles.text}>
        This sheet keeps {plural(periods.length, "period")} side by side. This period is {current.label}, read from {columnsWord(current)} ({headersWord(current)})
        {previous ? `; the previous period is ${previous.label}, from ${columnsWord(previous)} (${headersWord(previous)}).` : "; no earlier period holds values, so there is none to compare with."}
        {chosen ? " You chose these columns; the choice is kept in this workbook." : " These are the latest periods that hold values."}
      </Body1>
      {previous && sp.previousCounts && <CountTable caption={`Status in ${previous.label}`} lines={sp.previousCounts.status} words={STATUS_WORD} />}
      {previous && sp.previousCounts && sp.previousCounts.rag.some((l) => l.key !== "Not set" && l.count > 0) && (
        <CountTable caption={`RAG in ${previous.label}`} lines={sp.previousCounts.rag} words={RAG_WORD} />
      )}
      <Field label="Columns read as this period">
        <Select
          className={selectStyles.root}
          select={{ className: selectStyles.select }}
          value={draft.current}
          onChange={(_, data) => setDraft((d) => ({ current: data.value, previous: d.previous === data.value ? NONE : d.previous }))}
        >
          {periods.map((p) => (
            <option key={p.label} value={first(p)}>
              {optionText(p)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Columns read as the previous period" hint="The direction of travel and the Panel Summary compare with it, with no snapshot needed.">
        <Select
          className={selectStyles.root}
          select={{ className: selectStyles.select }}
          value={earlierChoices.some((p) => first(p) === draft.previous) ? draft.previous : NONE}
          onChange={(_, data) => setDraft((d) => ({ ...d, previous: data.value }))}
        >
          <option value={NONE}>The one before this period that holds values</option>
          {earlierChoices.map((p) => (
            <option key={p.label} value={first(p)}>
              {optionText(p)}
            </option>
          ))}
        </Select>
      </Field>
      <div className={section.actions}>
        <Button disabledFocusable={busy || !changed} onClick={read}>
          Read these periods
        </Button>
        {chosen && (
          <Button appearance="subtle" disabledFocusable={busy} onClick={() => onChoose({})}>
            Use the latest periods
          </Button>
        )}
      </div>
    </section>
  );
}
