/** Live colours for status, RAG and direction; RAG words where the RAG is only a fill colour (never silently). */
import { Button, Checkbox, MessageBar, MessageBarBody, MessageBarTitle, useRestoreFocusTarget } from "@fluentui/react-components";
import type { TrackerView } from "../../shared/host";
import { plural } from "../wording";
import { cellList } from "../../shared/words";
import { useSectionStyles } from "./styles";
import { Help } from "./Help";

export interface FormattingSectionProps {
  view: TrackerView;
  busy: boolean;
  onApply: () => void;
  onRemove: () => void;
  onReviewRagWords: () => void;
  /** Add the in-cell drop-down lists; `stop`: refuse other words (else Excel warns and lets a note be kept). */
  onAddLists: (stop: boolean) => void;
  onRemoveLists: () => void;
  /** Refuse other words: the pane keeps the choice. */
  stop: boolean;
  onStop: (stop: boolean) => void;
}

export function FormattingSection({ view, busy, onApply, onRemove, onReviewRagWords, onAddLists, onRemoveLists, stop, onStop }: FormattingSectionProps) {
  const section = useSectionStyles();
  const fills = view.ragFromFill;
  // The confirmation dialog gives the focus back to this button when it closes.
  const restoreFocus = useRestoreFocusTarget();
  return (
    <>
      <Help
        line="Colour the status, RAG and direction cells by what they say."
        about="the colours"
        more="The colours follow the words as people edit, even with the add-in closed; the words stay in the cells. Drop-down lists offer the usual words in each status, RAG and direction cell, and Excel questions any other word as it is typed, by anyone, with or without the add-in. A column with a rule of your own is left as it is."
      />
      <div className={section.actions}>
        <Button appearance="primary" disabledFocusable={busy} onClick={onApply}>
          Apply colours
        </Button>
        <Button disabledFocusable={busy} onClick={() => onAddLists(stop)}>
          Add drop-down lists
        </Button>
        <Button disabledFocusable={busy} onClick={onRemove}>
          Remove the add-in’s colours
        </Button>
      </div>
      <Checkbox
        checked={stop}
        onChange={(_e, data) => onStop(data.checked === true)}
        label="Refuse any other word (otherwise Excel warns, and a note can still be kept)"
      />
      <div className={section.actions}>
        <Button disabledFocusable={busy} onClick={onRemoveLists}>
          Remove the add-in’s drop-down lists
        </Button>
      </div>
      {fills.length > 0 && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>RAG shown by colour only</MessageBarTitle>
            {plural(fills.length, "cell")} ({cellList(fills)}) show the RAG only as a fill colour, so it cannot be counted, sorted or filtered, and some readers cannot see
            it. You can write the RAG word into {fills.length === 1 ? "it" : "them"}: you will see every change before anything is written.
          </MessageBarBody>
        </MessageBar>
      )}
      {fills.length > 0 && (
        <div className={section.actions}>
          <Button {...restoreFocus} disabledFocusable={busy} onClick={onReviewRagWords}>
            Write RAG words…
          </Button>
        </div>
      )}
    </>
  );
}
