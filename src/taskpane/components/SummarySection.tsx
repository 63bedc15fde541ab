/** The Panel Summary: what the Police and Crime Panel reads, built into its own sheet. */
import { useId } from "react";
import { Body1, Button, Subtitle2 } from "@fluentui/react-components";
import { useSectionStyles } from "./styles";

export interface SummarySectionProps {
  period: string;
  previous: string;
  busy: boolean;
  /** The sheet built last, to go to it. */
  built: string | null;
  onBuild: () => void;
  onGoTo: (sheet: string) => void;
}

export function SummarySection({ period, previous, busy, built, onBuild, onGoTo }: SummarySectionProps) {
  const section = useSectionStyles();
  const headingId = useId();
  const label = period.trim();
  return (
    <section aria-labelledby={headingId} className={section.section}>
      <Subtitle2 as="h2" id={headingId} className={section.heading}>
        Panel summary
      </Subtitle2>
      <Body1>
        {label ? `For ${label}` : "For this period (type its label under Period)"}, {previous ? `compared with ${previous}` : "with no previous period"}: counts,
        themes, exceptions and a paragraph for the Panel report, in a sheet of its own. The tracker is not changed.
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
    </section>
  );
}
