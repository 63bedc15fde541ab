/**
 * The panel paper's settings: the officer's own words and the meeting's
 * details, kept in the workbook's "Panel paper" sheet (the rows the CLI reads
 * too), so next quarter starts from this quarter's. Nothing is written until
 * the officer chooses Save; what is left empty shows in the paper as a
 * placeholder ("[Contact officer]"), never as made-up text.
 */
import { useEffect, useId, useState } from "react";
import { Body1, Button, Checkbox, Field, Input, Subtitle2, Textarea, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { EXCEPTION_KINDS, EXCEPTION_KIND_WORDS, PAPER_SETTING_LABELS, PAPER_SHEET, isWebAddress } from "../../model";
import type { BackgroundDocument, ExceptionKind } from "../../model";
import type { PaperSettings } from "../../shared/host";
import { useSectionStyles } from "./styles";

export interface PaperSettingsFormProps {
  /** The settings as the workbook holds them (null: not read yet). */
  settings: PaperSettings | null;
  busy: boolean;
  onSave: (settings: PaperSettings) => void;
}

/** The form's own values: every field as text (paragraphs one blank line apart; documents one per line, "Title | https://…"). */
interface Draft {
  single: Record<SingleKey, string>;
  background: string;
  commentary: string;
  documents: string;
  exceptions: ExceptionKind[];
}

const SINGLE = ["panel", "meetingDate", "agendaItem", "reportOf", "contactOfficer", "contactDetails", "organisation", "purpose", "recommendation", "termsOfReference"] as const;
type SingleKey = (typeof SINGLE)[number];
/** The fields that take a paragraph (a text area), the others one line. */
const LONG: readonly SingleKey[] = ["purpose", "recommendation", "termsOfReference"];

const HINTS: Partial<Record<SingleKey | "background" | "commentary" | "documents", string>> = {
  panel: "e.g. Cambridgeshire Police and Crime Panel",
  meetingDate: "e.g. 14 November 2018",
  agendaItem: "e.g. 9",
  reportOf: "Empty: the Police and Crime Commissioner",
  purpose: "Empty: the standard wording",
  recommendation: "Empty: the standard wording",
  termsOfReference: "Empty: no such section",
  background: "Paragraphs, a blank line between them",
  commentary: "Your words on the figures, a blank line between paragraphs",
  documents: "One a line: Title | https://…",
};

function draftOf(s: PaperSettings): Draft {
  const single = Object.fromEntries(SINGLE.map((k) => [k, s[k] ?? ""])) as Record<SingleKey, string>;
  return {
    single,
    background: (s.background ?? []).join("\n\n"),
    commentary: (s.commentary ?? []).join("\n\n"),
    documents: (s.backgroundDocuments ?? []).map((d) => (d.url ? `${d.title} | ${d.url}` : d.title)).join("\n"),
    exceptions: s.exceptions ?? [...EXCEPTION_KINDS],
  };
}

function paragraphs(text: string): string[] {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

function documents(text: string): BackgroundDocument[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      // "Title | https://…": a link only when what follows the last bar is a web address; else the line is the title.
      const bar = line.lastIndexOf("|");
      const url = bar >= 0 ? line.slice(bar + 1).trim() : "";
      if (!url || !isWebAddress(url)) return { title: line };
      return { title: line.slice(0, bar).trim() || url, url };
    });
}

/** The settings the draft holds (empty fields left out, so they stay placeholders or the standard wording). */
export function settingsOf(d: Draft, keep: PaperSettings): PaperSettings {
  const out: PaperSettings = {};
  for (const k of SINGLE) if (d.single[k].trim()) out[k] = d.single[k].trim();
  const background = paragraphs(d.background);
  if (background.length) out.background = background;
  const commentary = paragraphs(d.commentary);
  if (commentary.length) out.commentary = commentary;
  const docs = documents(d.documents);
  if (docs.length) out.backgroundDocuments = docs;
  // Every reason: the default, left unsaid.
  if (d.exceptions.length < EXCEPTION_KINDS.length) out.exceptions = EXCEPTION_KINDS.filter((k) => d.exceptions.includes(k));
  if (keep.figures) out.figures = keep.figures;
  return out;
}

const useStyles = makeStyles({
  form: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
  },
  heading: {
    marginTop: tokens.spacingVerticalM,
    marginBottom: tokens.spacingVerticalXS,
  },
  reasons: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalS,
    border: "none",
    margin: 0,
    padding: 0,
  },
});

export function PaperSettingsForm({ settings, busy, onSave }: PaperSettingsFormProps) {
  const section = useSectionStyles();
  const styles = useStyles();
  const headingId = useId();
  const reasonsId = useId();
  const [draft, setDraft] = useState<Draft>(() => draftOf(settings ?? {}));
  // The workbook's settings, once read (or read again): the form starts from them.
  useEffect(() => setDraft(draftOf(settings ?? {})), [settings]);
  const setSingle = (k: SingleKey, v: string) => setDraft((d) => ({ ...d, single: { ...d.single, [k]: v } }));
  const toggle = (k: ExceptionKind, on: boolean) => setDraft((d) => ({ ...d, exceptions: on ? [...d.exceptions, k] : d.exceptions.filter((x) => x !== k) }));
  return (
    <form
      className={styles.form}
      aria-labelledby={headingId}
      onSubmit={(e) => {
        e.preventDefault();
        if (!busy) onSave(settingsOf(draft, settings ?? {}));
      }}
    >
      <Subtitle2 as="h4" id={headingId} className={styles.heading}>
        The paper’s words
      </Subtitle2>
      <Body1 as="p" className={mergeClasses(section.note, section.heading)}>
        Kept in the “{PAPER_SHEET}” sheet. Empty fields show as placeholders such as [Contact officer].
      </Body1>
      {SINGLE.map((k) => (
        <Field key={k} label={PAPER_SETTING_LABELS[k]} hint={LONG.includes(k) ? HINTS[k] : undefined}>
          {LONG.includes(k) ? (
            <Textarea value={draft.single[k]} onChange={(_e, data) => setSingle(k, data.value)} resize="vertical" />
          ) : (
            <Input value={draft.single[k]} placeholder={HINTS[k]} onChange={(_e, data) => setSingle(k, data.value)} />
          )}
        </Field>
      ))}
      <Field label={PAPER_SETTING_LABELS.background} hint={HINTS.background}>
        <Textarea value={draft.background} onChange={(_e, data) => setDraft((d) => ({ ...d, background: data.value }))} resize="vertical" />
      </Field>
      <Field label={PAPER_SETTING_LABELS.commentary} hint={HINTS.commentary}>
        <Textarea value={draft.commentary} onChange={(_e, data) => setDraft((d) => ({ ...d, commentary: data.value }))} resize="vertical" />
      </Field>
      <Field label="Background documents" hint={HINTS.documents}>
        <Textarea value={draft.documents} onChange={(_e, data) => setDraft((d) => ({ ...d, documents: data.value }))} resize="vertical" />
      </Field>
      <fieldset className={styles.reasons} aria-labelledby={reasonsId}>
        <Body1 as="p" id={reasonsId} className={section.heading}>
          Exceptions are actions that are:
        </Body1>
        {EXCEPTION_KINDS.map((k) => (
          <Checkbox key={k} label={EXCEPTION_KIND_WORDS[k]} checked={draft.exceptions.includes(k)} onChange={(_e, data) => toggle(k, data.checked === true)} />
        ))}
      </fieldset>
      <div className={section.actions}>
        <Button type="submit" appearance="primary" disabledFocusable={busy}>
          Save in the workbook
        </Button>
      </div>
    </form>
  );
}
