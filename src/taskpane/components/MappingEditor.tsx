/**
 * The column mapping: which column of the sheet holds each field, with a way to
 * correct each one (a choice of the header row's cells) and read again.
 */
import { useEffect, useState } from "react";
import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Body1, Button, Field, Select, makeStyles, tokens } from "@fluentui/react-components";
import type { TrackerView } from "../../shared/host";
import { useFoldStyles, useSectionStyles, useSelectStyles } from "./styles";

const NOT_MAPPED = "";

const useStyles = makeStyles({
  fields: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalS,
  },
  fixed: {
    margin: 0,
  },
});

export interface MappingEditorProps {
  view: TrackerView;
  /** The corrections in force (field → column letter, or null for "not mapped"). */
  overrides: Record<string, string | null>;
  busy: boolean;
  onApply: (overrides: Record<string, string | null>) => void;
}

/** The value shown in a field's choice: the first column it is mapped to. */
function columnOf(view: TrackerView, field: string): string {
  const m = view.mapping.find((f) => f.field === field);
  return m?.column?.split(",")[0].trim() ?? NOT_MAPPED;
}

export function MappingEditor({ view, overrides, busy, onApply }: MappingEditorProps) {
  const section = useSectionStyles();
  const selectStyles = useSelectStyles();
  const styles = useStyles();
  const fold = useFoldStyles();
  const [draft, setDraft] = useState<Record<string, string>>({});
  useEffect(() => setDraft({}), [view]);

  const editable = view.mapping.filter((m) => m.editable);
  const fixed = view.mapping.filter((m) => !m.editable);
  const changed = Object.keys(draft).filter((field) => draft[field] !== columnOf(view, field));
  const mapped = view.mapping.filter((m) => m.column).length;

  const apply = () => {
    const next: Record<string, string | null> = { ...overrides };
    for (const field of changed) next[field] = draft[field] === NOT_MAPPED ? null : draft[field];
    onApply(next);
  };

  return (
    <Accordion collapsible className={fold.item}>
      <AccordionItem value="mapping">
        <AccordionHeader as="h3" size="large" expandIconPosition="end" button={{ className: fold.header }}>
          Column mapping ({mapped} of {view.mapping.length} fields found)
        </AccordionHeader>
        <AccordionPanel>
          <div className={styles.fields}>
            <Body1>If a field is in the wrong column, choose the right one from the headers on row {view.headerRow}, then read again.</Body1>
            {editable.map((m) => {
              const value = draft[m.field] ?? columnOf(view, m.field);
              const known = value === NOT_MAPPED || view.headerCells.some((h) => h.column === value);
              return (
                <Field
                  key={m.field}
                  label={m.label}
                  hint={m.field === "id" && view.referencesInActionText && !m.column ? "Now read from the start of the action text (“V1 Ensure…”)." : undefined}
                >
                  <Select className={selectStyles.root} select={{ className: selectStyles.select }} value={value} onChange={(_, data) => setDraft((d) => ({ ...d, [m.field]: data.value }))}>
                    <option value={NOT_MAPPED}>Not in this tracker</option>
                    {!known && <option value={value}>Column {value}</option>}
                    {view.headerCells.map((h) => (
                      <option key={h.column} value={h.column}>
                        {h.column} · {h.text}
                      </option>
                    ))}
                  </Select>
                </Field>
              );
            })}
            {fixed.map((m) => (
              <Body1 as="p" key={m.field} className={styles.fixed}>
                {m.label}: {m.column ? `${m.column} (${m.header})` : "none found"}
              </Body1>
            ))}
            <div className={section.actions}>
              <Button appearance="primary" disabledFocusable={busy || changed.length === 0} onClick={apply}>
                Read again with this mapping
              </Button>
              <Button disabledFocusable={busy || Object.keys(overrides).length === 0} onClick={() => onApply({})}>
                Use the detected mapping
              </Button>
            </div>
          </div>
        </AccordionPanel>
      </AccordionItem>
    </Accordion>
  );
}
