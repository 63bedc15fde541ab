/**
 * Check: what is wrong in the tracker, cell by cell — counted by severity and by
 * kind, each issue with its severity as a word and a glyph, the cell, the
 * message and Go to cell — and the offer to fix spellings (after a confirmation).
 */
import { useEffect, useState } from "react";
import { Body1, Button, Field, Select, makeStyles, tokens, useRestoreFocusTarget } from "@fluentui/react-components";
import type { IssueCode } from "../../model";
import type { IssueTotals, OwnWord, PaneIssue, Severity } from "../../shared/host";
import { SEVERITY_WORD, issueKind, plural } from "../wording";
import { useSectionStyles, useSelectStyles } from "./styles";
import { WordOfferRow } from "./WordOfferRow";
import { ColumnHeads } from "./ColumnHeads";

/** Issues shown before "Show all": enough to act on, few enough to tab through. */
export const FIRST_ISSUES = 10;
/** Issues added by each "Show more": a long list grows in steps the pane renders at once. */
export const MORE_ISSUES = 100;

/** The counts of the issues given, for a view that lists them all. */
function totalsOf(issues: readonly PaneIssue[]): IssueTotals {
  const totals: IssueTotals = { total: issues.length, bySeverity: { error: 0, warning: 0, info: 0 }, byKind: {} };
  for (const i of issues) {
    totals.bySeverity[i.severity]++;
    (totals.byKind[i.code] ??= { severity: i.severity, count: 0 }).count++;
  }
  return totals;
}

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
  kinds: {
    borderCollapse: "collapse",
    width: "100%",
  },
  caption: {
    textAlign: "left",
    fontWeight: tokens.fontWeightSemibold,
    paddingBottom: tokens.spacingVerticalXS,
  },
  kindCell: {
    textAlign: "left",
    fontWeight: tokens.fontWeightRegular,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS} ${tokens.spacingVerticalXXS} 0`,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  countCell: {
    textAlign: "right",
    padding: `${tokens.spacingVerticalXXS} 0`,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    fontVariantNumeric: "tabular-nums",
  },
});

export interface IssuesListProps {
  issues: readonly PaneIssue[];
  busy: boolean;
  onGoTo: (issue: PaneIssue) => void;
  /** Every issue counted, when `issues` lists only some. */
  totals?: IssueTotals;
  /** Status and RAG cells whose spelling can be fixed; the offer shows when there are any. */
  spellings?: number;
  onReviewSpellings?: () => void;
  /** Keep a word the tracker uses as the organisation's own (the offer shows on an unknown word). */
  onTreatWord?: (word: OwnWord) => void;
}

type Filter = "all" | `severity:${Severity}` | `kind:${IssueCode}`;

type Kind = { severity: Severity; count: number };

export function IssuesList({ issues, busy, onGoTo, totals: given, spellings = 0, onReviewSpellings, onTreatWord }: IssuesListProps) {
  const section = useSectionStyles();
  const selectStyles = useSelectStyles();
  const styles = useStyles();
  // The confirmation dialog gives the focus back to "Fix spellings…" when it closes.
  const restoreFocus = useRestoreFocusTarget();
  const [filter, setFilter] = useState<Filter>("all");
  const [limit, setLimit] = useState(FIRST_ISSUES);
  useEffect(() => setLimit(FIRST_ISSUES), [issues, filter]);
  // A kind no longer present (after a fix) falls back to all.
  useEffect(() => {
    if (filter.startsWith("kind:") && !issues.some((i) => `kind:${i.code}` === filter)) setFilter("all");
    if (filter.startsWith("severity:") && !issues.some((i) => `severity:${i.severity}` === filter)) setFilter("all");
  }, [issues, filter]);

  const totals = given ?? totalsOf(issues);
  const count = (s: Severity) => totals.bySeverity[s];
  const chosen = filter === "all" ? issues : issues.filter((i) => `severity:${i.severity}` === filter || `kind:${i.code}` === filter);
  const shown = chosen.slice(0, limit);
  const chosenTotal = filter === "all" ? totals.total : filter.startsWith("kind:") ? (totals.byKind[filter.slice(5) as IssueCode]?.count ?? 0) : count(filter.slice(9) as Severity);
  const severities = (["error", "warning", "info"] as const).filter((s) => count(s) > 0);
  // Kinds in the order of their first issue (issues come sorted by severity), with their severity and count.
  const kinds = new Map<IssueCode, Kind>();
  for (const i of issues) {
    const k = totals.byKind[i.code];
    if (!kinds.has(i.code) && k) kinds.set(i.code, k);
  }
  for (const [code, k] of Object.entries(totals.byKind) as [IssueCode, Kind | undefined][]) if (!kinds.has(code) && k) kinds.set(code, k);
  const remaining = chosen.length - shown.length;

  // Offered right under the counts, before the long list: the one fix the add-in can make for the officer.
  const fixSpellings = spellings > 0 && onReviewSpellings && (
    <div className={section.actions}>
      <Button {...restoreFocus} disabledFocusable={busy} onClick={onReviewSpellings}>
        Fix spellings… ({plural(spellings, "cell")})
      </Button>
    </div>
  );

  return (
    <>
      {issues.length === 0 ? (
        <>
          <Body1>No issues: every action reads cleanly.</Body1>
          {fixSpellings}
        </>
      ) : (
        <>
          <Body1>{severities.map((s) => plural(count(s), SEVERITY_WORD[s].label.toLowerCase(), SEVERITY_WORD[s].plural)).join(", ")}.</Body1>
          <IssueKinds kinds={kinds} />
          {fixSpellings}
          {(severities.length > 1 || kinds.size > 1) && (
            <Field label="Show">
              <Select className={selectStyles.root} select={{ className: selectStyles.select }} value={filter} onChange={(_, data) => setFilter(data.value as Filter)}>
                <option value="all">All ({totals.total.toLocaleString("en-GB")})</option>
                {severities.length > 1 && (
                  <optgroup label="By severity">
                    {severities.map((s) => (
                      <option key={s} value={`severity:${s}`}>
                        {SEVERITY_WORD[s].label}s only ({count(s).toLocaleString("en-GB")})
                      </option>
                    ))}
                  </optgroup>
                )}
                {kinds.size > 1 && (
                  <optgroup label="By kind">
                    {[...kinds].map(([code, k]) => (
                      <option key={code} value={`kind:${code}`}>
                        {issueKind(code)} ({k.count.toLocaleString("en-GB")})
                      </option>
                    ))}
                  </optgroup>
                )}
              </Select>
            </Field>
          )}
          <ul className={styles.list}>
            {shown.map((issue, i) => (
              <IssueItem key={`${issue.code}:${issue.cell ?? ""}:${i}`} issue={issue} busy={busy} onGoTo={onGoTo} onTreatWord={onTreatWord} />
            ))}
          </ul>
          {(remaining > 0 || shown.length > FIRST_ISSUES) && (
            <div className={section.actions}>
              {remaining > 0 && (
                <Button onClick={() => setLimit((n) => (remaining <= MORE_ISSUES ? chosen.length : n + MORE_ISSUES))}>
                  {remaining <= MORE_ISSUES ? `Show all ${chosen.length} issues` : `Show ${MORE_ISSUES} more`}
                </Button>
              )}
              {remaining === 0 && <Button onClick={() => setLimit(FIRST_ISSUES)}>{`Show the first ${FIRST_ISSUES} only`}</Button>}
            </div>
          )}
          {chosenTotal > chosen.length && (
            <Body1 className={section.note}>
              The pane lists the first {chosen.length.toLocaleString("en-GB")} of these {chosenTotal.toLocaleString("en-GB")} issues. Fix them, then choose Read again for the next ones.
            </Body1>
          )}
        </>
      )}
    </>
  );
}

/** The issues counted by kind, each kind with its severity as a word and a glyph. */
function IssueKinds({ kinds }: { kinds: Map<IssueCode, Kind> }) {
  const styles = useStyles();
  return (
    <table className={styles.kinds}>
      <caption className={styles.caption}>Issues by kind</caption>
      <ColumnHeads columns={[{ name: "Kind", className: styles.kindCell }, { name: "Issues", className: styles.countCell }]} />
      <tbody>
        {[...kinds].map(([code, k]) => (
          <tr key={code}>
            <th scope="row" className={styles.kindCell}>
              <span style={{ color: SEVERITY_COLOUR[k.severity] }}>
                <span aria-hidden="true" className={styles.glyph}>
                  {SEVERITY_WORD[k.severity].glyph}
                </span>
                <span className={styles.severity}>{SEVERITY_WORD[k.severity].label}</span>
              </span>{" "}
              {issueKind(code)}
            </th>
            <td className={styles.countCell}>{k.count.toLocaleString("en-GB")}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One issue: its severity, its cell (and Go to cell), its message, and the offer to keep a word it does not know. */
function IssueItem({ issue, busy, onGoTo, onTreatWord }: { issue: PaneIssue } & Pick<IssuesListProps, "busy" | "onGoTo" | "onTreatWord">) {
  const styles = useStyles();
  return (
    <li className={styles.item} style={{ borderLeftColor: SEVERITY_COLOUR[issue.severity] }}>
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
          <Button size="small" className={styles.goto} disabledFocusable={busy} aria-label={`Go to cell ${issue.cell} on ${issue.sheet}`} onClick={() => onGoTo(issue)}>
            Go to cell {issue.cell}
          </Button>
        )}
      </div>
      <Body1 as="p" className={styles.message}>
        {issue.message}
      </Body1>
      {issue.offer && onTreatWord && <WordOfferRow offer={issue.offer} busy={busy} onTreat={onTreatWord} />}
    </li>
  );
}
