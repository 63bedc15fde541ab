/**
 * "Merge returns": the returns picked with a file input; per action, old → new
 * status, RAG and update, and what is not merged in plain words; "Merge…" opens
 * the confirmation that lists every cell. Nothing is written before that.
 */
import { useId, useRef } from "react";
import { Body1, Button, MessageBar, MessageBarBody, MessageBarTitle, Subtitle2, makeStyles, tokens, useRestoreFocusTarget } from "@fluentui/react-components";
import type { MergePreview } from "../../shared/host";
import type { PickedFile } from "../hooks/returns-step";
import { plural } from "../wording";
import { useSectionStyles } from "./styles";

const FIELD = { status: "Status", rag: "RAG", update: "Update" } as const;

const useStyles = makeStyles({
  table: { borderCollapse: "collapse", width: "100%", fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200 },
  caption: { textAlign: "left", fontWeight: tokens.fontWeightSemibold, paddingBottom: tokens.spacingVerticalXXS },
  cell: {
    textAlign: "left",
    verticalAlign: "top",
    overflowWrap: "anywhere",
    paddingTop: tokens.spacingVerticalXXS,
    paddingBottom: tokens.spacingVerticalXXS,
    paddingRight: tokens.spacingHorizontalXS,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  // A target at least 32 pixels high, as Fluent's buttons (WCAG 2.2: 24 at least).
  file: { fontSize: tokens.fontSizeBase300, minHeight: "32px" },
});

const shown = (text: string) => (text === "" ? "(empty)" : text.length > 120 ? `${text.slice(0, 119)}…` : text);

export interface MergeReturnsProps {
  busy: boolean;
  onPick: (files: PickedFile[]) => void;
  refused: string[];
  preview: MergePreview | null;
  onApply: () => void;
}

export function MergeReturns({ busy, onPick, refused, preview, onApply }: MergeReturnsProps) {
  const section = useSectionStyles();
  const styles = useStyles();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  // The confirmation dialog gives the focus back to the Merge button when it closes.
  const restoreFocus = useRestoreFocusTarget();
  return (
    <section className={section.section} aria-labelledby="merge-returns-heading">
      <Subtitle2 as="h3" id="merge-returns-heading" className={section.heading}>
        Merge returns
      </Subtitle2>
      <Body1>Pick the returns the leads sent back. The add-in shows what each would change; nothing is written until you confirm.</Body1>
      <label htmlFor={inputId}>
        <Body1>Returns (.xlsx, one or more)</Body1>
      </label>
      <input
        id={inputId}
        ref={input}
        className={styles.file}
        type="file"
        multiple
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        disabled={busy}
        onChange={(e) => {
          const files = Array.from(e.currentTarget.files ?? []);
          // Emptied, so that the same file picked again (filled in once more) is read again.
          e.currentTarget.value = "";
          onPick(files);
        }}
      />
      {refused.length > 0 && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{plural(refused.length, "file")} not read</MessageBarTitle>
            <ul className={styles.list}>
              {refused.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      {preview && (
        <>
          {preview.fields.length > 0 ? (
            <table className={styles.table}>
              <caption className={styles.caption}>
                {plural(preview.fields.length, "change")} for {preview.period}
              </caption>
              <thead>
                <tr>
                  <th scope="col" className={styles.cell}>
                    Action
                  </th>
                  <th scope="col" className={styles.cell}>
                    Field
                  </th>
                  <th scope="col" className={styles.cell}>
                    Old → new
                  </th>
                  <th scope="col" className={styles.cell}>
                    From
                  </th>
                </tr>
              </thead>
              <tbody>
                {preview.fields.map((f) => (
                  <tr key={`${f.id} ${f.field}`}>
                    <th scope="row" className={styles.cell}>
                      {f.id}
                    </th>
                    <td className={styles.cell}>{FIELD[f.field]}</td>
                    <td className={styles.cell}>
                      {shown(f.old)} → {shown(f.new)}
                    </td>
                    <td className={styles.cell}>{f.lead}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <Body1>The returns change nothing in the tracker.</Body1>
          )}
          {preview.conflicts.length > 0 && (
            <MessageBar intent="warning" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>Not merged ({preview.conflicts.length})</MessageBarTitle>
                <ul className={styles.list}>
                  {preview.conflicts.map((c, i) => (
                    <li key={i}>{c.message}</li>
                  ))}
                </ul>
              </MessageBarBody>
            </MessageBar>
          )}
          {preview.round && <RoundSoFar round={preview.round} period={preview.period} />}
          {preview.changes.length > 0 && (
            <div className={section.actions}>
              <Button appearance="primary" disabledFocusable={busy} onClick={onApply} {...restoreFocus}>
                Merge {plural(preview.changes.length, "change")}…
              </Button>
            </div>
          )}
        </>
      )}
    </section>
  );
}

/** At most this many actions named in the chase list; the rest are counted. */
const CHASE_SHOWN = 30;

function named(items: readonly string[]): string {
  const shownItems = items.slice(0, CHASE_SHOWN).join(", ");
  return items.length > CHASE_SHOWN ? `${shownItems} and ${items.length - CHASE_SHOWN} more` : shownItems;
}

/** The round so far, as `delivery-plan returns-status` says it: who has replied, who has not, and the chase list. */
function RoundSoFar({ round, period }: { round: NonNullable<MergePreview["round"]>; period: string }) {
  const styles = useStyles();
  return (
    <section aria-labelledby="round-so-far-heading">
      <h4 id="round-so-far-heading" className={styles.caption}>
        The round for {period} so far
      </h4>
      <ul className={styles.list}>
        <li>
          <Body1>
            Replied ({round.replied.length}): {round.replied.map((r) => `${r.lead} (${r.file})`).join(", ") || "no one yet"}.
          </Body1>
        </li>
        <li>
          <Body1>
            Not replied yet ({round.notReplied.length}): {round.notReplied.map((n) => `${n.lead} (${plural(n.actions.length, "action")})`).join(", ") || "no one"}.
          </Body1>
        </li>
        <li>
          <Body1>
            Still without a new update ({round.chase.length}): {named(round.chase.map((c) => c.id)) || "none"}.
          </Body1>
        </li>
      </ul>
    </section>
  );
}
