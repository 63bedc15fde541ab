/**
 * One of the quarter's steps (Tracker, Check, Formatting, Period, Panel
 * summary): a region named by its heading, whose heading is the button that
 * folds it (Fluent's Accordion: Enter or Space toggles, aria-expanded says which).
 * Folded, it shows its state in one line ("97 actions · 1 error").
 */
import type { ReactNode } from "react";
import { useId } from "react";
import { AccordionHeader, AccordionItem, AccordionPanel, Body1, makeStyles, tokens, useAccordionItemContext_unstable } from "@fluentui/react-components";
import { useFoldStyles, useSectionStyles } from "./styles";

export const STEPS = ["tracker", "check", "formatting", "period", "summary", "returns"] as const;
export type StepName = (typeof STEPS)[number];

const useStyles = makeStyles({
  state: {
    display: "block",
    color: tokens.colorNeutralForeground2,
    paddingBottom: tokens.spacingVerticalS,
    overflowWrap: "anywhere",
  },
  panel: {
    marginLeft: 0,
    marginRight: 0,
  },
  body: {
    borderTop: "none",
    paddingTop: 0,
  },
});

export interface StepProps {
  value: StepName;
  title: string;
  /** What the step holds now, in one line. */
  state: string;
  children: ReactNode;
}

export function Step(props: StepProps) {
  const fold = useFoldStyles();
  return (
    <AccordionItem value={props.value} className={fold.item}>
      <StepBody {...props} />
    </AccordionItem>
  );
}

/** Inside the item, where its open state is known: folded, the state line shows and describes the heading's button. */
function StepBody({ title, state, children }: StepProps) {
  const section = useSectionStyles();
  const styles = useStyles();
  const fold = useFoldStyles();
  const headingId = useId();
  const stateId = useId();
  const { open } = useAccordionItemContext_unstable();
  return (
    <section aria-labelledby={headingId}>
      <AccordionHeader as="h2" id={headingId} size="large" expandIconPosition="end" button={{ className: fold.header, "aria-describedby": open ? undefined : stateId }}>
        {title}
      </AccordionHeader>
      {!open && (
        <Body1 id={stateId} className={styles.state}>
          {state}
        </Body1>
      )}
      <AccordionPanel className={styles.panel}>
        <div className={`${section.section} ${styles.body}`}>{children}</div>
      </AccordionPanel>
    </section>
  );
}
