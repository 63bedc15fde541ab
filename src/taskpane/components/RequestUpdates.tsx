/**
 * "Request updates": the lead column, the round and the due date; then each
 * lead's return workbook as a download (or all in one .zip) and the email to
 * paste, with a Copy button. Nothing is written to the workbook.
 */
import { Body1, Button, Field, Input, Select, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import type { LeadField } from "../../model";
import type { FileSaving, RequestsView } from "../../shared/host";
import { plural } from "../wording";
import { useSectionStyles, useSelectStyles } from "./styles";

const useStyles = makeStyles({
  leads: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  lead: { borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, paddingTop: tokens.spacingVerticalXS },
  email: { whiteSpace: "pre-wrap", overflowWrap: "anywhere", fontFamily: tokens.fontFamilyBase, fontSize: tokens.fontSizeBase200, margin: 0 },
});

export interface RequestUpdatesProps {
  busy: boolean;
  by: LeadField;
  onBy: (by: LeadField) => void;
  round: string;
  /** The round's name when none is typed: this period's label. */
  roundPlaceholder: string;
  onRound: (round: string) => void;
  due: string;
  onDue: (due: string) => void;
  onRequest: () => void;
  requests: RequestsView | null;
  fileSaving: FileSaving;
  onDownload: (lead: string) => void;
  onDownloadAll: () => void;
  onCopyEmail: (lead: string) => void;
}

export function RequestUpdates(p: RequestUpdatesProps) {
  const section = useSectionStyles();
  const select = useSelectStyles();
  const styles = useStyles();
  const leads = p.requests?.leads ?? [];
  return (
    <section className={section.section} aria-labelledby="request-updates-heading">
      <Subtitle2 as="h3" id="request-updates-heading" className={section.heading}>
        Request updates
      </Subtitle2>
      <Body1>Make each lead a workbook of their own actions to fill in, and an email to send it with.</Body1>
      <div className={section.row}>
        <Field label="Lead column" className={section.grow}>
          <Select className={select.root} value={p.by} onChange={(_e, d) => p.onBy(d.value as LeadField)}>
            <option value="lead">Lead</option>
            <option value="deliveryLead">Delivery lead</option>
          </Select>
        </Field>
        <Field label="Round" className={section.grow}>
          <Input value={p.round} placeholder={p.roundPlaceholder} onChange={(_e, d) => p.onRound(d.value)} />
        </Field>
        <Field label="Due date" hint="e.g. 2019-02-15 (optional)" className={section.grow}>
          <Input value={p.due} onChange={(_e, d) => p.onDue(d.value.trim())} />
        </Field>
      </div>
      <div className={section.actions}>
        <Button appearance="primary" disabledFocusable={p.busy} onClick={p.onRequest}>
          Make the requests
        </Button>
        {leads.length > 0 && p.fileSaving.can && (
          <Button disabledFocusable={p.busy} onClick={p.onDownloadAll}>
            Download all ({plural(leads.length, "return")}, .zip)
          </Button>
        )}
      </div>
      {leads.length > 0 && !p.fileSaving.can && <Body1>{p.fileSaving.instead}</Body1>}
      {leads.length > 0 && (
        <ul className={styles.leads} aria-label={`Returns for ${p.requests!.plan.period}`}>
          {leads.map((l) => (
            <li key={l.lead} className={styles.lead}>
              <Body1>
                <strong>{l.lead}</strong>: {plural(l.actions.length, "action")} ({l.actions.join(", ")})
              </Body1>
              <div className={section.actions}>
                {p.fileSaving.can && (
                  <Button size="small" disabledFocusable={p.busy} onClick={() => p.onDownload(l.lead)}>
                    Download {l.file}
                  </Button>
                )}
                <Button size="small" disabledFocusable={p.busy} onClick={() => p.onCopyEmail(l.lead)}>
                  Copy email to {l.lead}
                </Button>
              </div>
              <details>
                <summary>Email to {l.lead}</summary>
                <pre className={styles.email}>{l.email}</pre>
              </details>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
