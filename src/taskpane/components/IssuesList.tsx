/** What is wrong in the tracker, cell by cell: severity as a word and a glyph, the cell, the message, Go to cell. */
import { useEffect, useId, useState } from "react";
import { Body1, Button, Field, Select, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import type { PaneIssue, Severity } from "../host";
import { SEVERITY_WORD, plural } from "../words";
import { useSectionStyles, useSelectStyles } from "./styles";

/** Issues shown before "Show all": enough to act on, few enough to tab through. */
export const FIRST_ISSUES = 10;

const SEVERITY_COLOUR: Record<Severity, string> = {
  error: tokens.colorPaletteRedForeground1,
  warning: tokens.colorPaletteDarkOrangeForeground1,
  info: tokens.colorBrandForeground1,
};

const useStyles = makeStyles({
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
  },
  item: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXXS,
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXS,
    paddingLeft: tokens.spacingHorizontalS,
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke1}`,
  },
  top: {
    display: "flex",
    alignItems: "center",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalS,
  },
  severity: {
    fontWeight: tokens.fontWeightSemibold,
  },
  glyph: {
    marginRight: tokens.spacingHorizontalXS,
  },
  cell: {
    fontFamily: tokens.fontFamilyMonospace,
  },
  message: {
    margin: 0,
    overflowWrap: "anywhere",
  },
  goto: {
    marginLeft: "auto",
  },
});

export interface IssuesListProps {
  issues: readonly PaneIssue[];
  busy: boolean;
  onGoTo: (issue: PaneIssue) => void;
}

export function IssuesList({ issues, busy, onGoTo }: IssuesListProps) {
  const section = useSectionStyles();
  const selectStyles = useSelectStyles();
  const styles = useStyles();
  const headingId = useId();
  const [filter, setFilter] = useState<Severity | "all">("all");
  const [all, setAll] = useState(false);
  useEffect(() => setAll(false), [issues, filter]);

  const count = (s: Severity) => issues.filter((i) => i.severity === s).length;
  const chosen = filter === "all" ? issues : issues.filter((i) => i.severity === filter);
  const shown = all ? chosen : chosen.slice(0, FIRST_ISSUES);
  const severities = (["error", "warning", "info"] as const).filter((s) => count(s) > 0);

  return (
    <section aria-labelledby={headingId} className={section.section}>
      <Subtitle2 as="h2" id={headingId} className={section.heading}>
        Issues
      </Subtitle2>
      {issues.length === 0 ? (
        <Body1>No issues: every action reads cleanly.</Body1>
      ) : (
        <>
          <Body1>{severities.map((s) => plural(count(s), SEVERITY_WORD[s].label.toLowerCase(), SEVERITY_WORD[s].plural)).join(", ")}.</Body1>
          {severities.length > 1 && (
            <Field label="Show">
              <Select className={selectStyles.root} select={{ className: selectStyles.select }} value={filter} onChange={(_, data) => setFilter(data.value as Severity | "all")}>
                <option value="all">All ({issues.length})</option>
                {severities.map((s) => (
                  <option key={s} value={s}>
                    {SEVERITY_WORD[s].label}s only ({count(s)})
                  </option>
                ))}
              </Select>
            </Field>
          )}
          <ul className={styles.list}>
            {shown.map((issue, i) => (
              <li key={`${issue.code}:${issue.cell ?? ""}:${i}`} className={styles.item} style={{ borderLeftColor: SEVERITY_COLOUR[issue.severity] }}>
                <div className={styles.top}>
                  <span className={styles.severity} style={{ color: SEVERITY_COLOUR[issue.severity] }}>
                    <span aria-hidden="true" className={styles.glyph}>
                      {SEVERITY_WORD[issue.severity].glyph}
                    </span>
                    {SEVERITY_WORD[issue.severity].label}
                  </span>
                  <span>
                    {issue.cell ? (
                      <>
                        cell <span className={styles.cell}>{issue.cell}</span>
                      </>
                    ) : (
                      "whole sheet"
                    )}
                  </span>
                  {issue.cell && (
                    <Button
                      size="small"
                      className={styles.goto}
                      disabledFocusable={busy}
                      aria-label={`Go to cell ${issue.cell} on ${issue.sheet}`}
                      onClick={() => onGoTo(issue)}
                    >
                      Go to cell {issue.cell}
                    </Button>
                  )}
                </div>
                <Body1 as="p" className={styles.message}>
                  {issue.message}
                </Body1>
              </li>
            ))}
          </ul>
          {chosen.length > FIRST_ISSUES && (
            <div>
              <Button aria-expanded={all} onClick={() => setAll((a) => !a)}>
                {all ? `Show the first ${FIRST_ISSUES} only` : `Show all ${chosen.length} issues`}
              </Button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
