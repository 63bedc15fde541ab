/** Live colours for status, RAG and direction; RAG words where the RAG is only a fill colour (never silently). */
import { useEffect, useRef } from "react";
import type { RefObject } from "react";
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
  /** Whether to offer Remove the add-in's colours / lists: not when none of ours is known to be on the tracker. */
  canRemove: { colours: boolean; lists: boolean };
}

/** A Remove button that had the focus is gone once there is nothing left to remove: the focus goes to `to`, not lost. */
function useFocusWhenGone(shown: boolean, to: RefObject<HTMLButtonElement | null>) {
  const was = useRef(shown);
  useEffect(() => {
    const gone = was.current && !shown;
    was.current = shown;
    if (gone && (document.activeElement === null || document.activeElement === document.body)) to.current?.focus();
  }, [shown, to]);
}

export function FormattingSection({ view, busy, onApply, onRemove, onReviewRagWords, onAddLists, onRemoveLists, stop, onStop, canRemove }: FormattingSectionProps) {
  const section = useSectionStyles();
  const fills = view.ragFromFill;
  // The confirmation dialog gives the focus back to this button when it closes.
  const restoreFocus = useRestoreFocusTarget();
  const applyButton = useRef<HTMLButtonElement>(null);
  const addListsButton = useRef<HTMLButtonElement>(null);
  useFocusWhenGone(canRemove.colours, applyButton);
  useFocusWhenGone(canRemove.lists, addListsButton);
  return (
    <>
      <Help
        line="Colour the status, RAG and direction cells by what they say."
        about="the colours"
        more="The colours follow the words as people edit, even with the add-in closed; the words stay in the cells. Drop-down lists offer the usual words in each status, RAG and direction cell, and Excel questions any other word as it is typed, by anyone, with or without the add-in. A column with a rule of your own is left as it is."
      />
      <div className={section.actions}>
        <Button ref={applyButton} appearance="primary" disabledFocusable={busy} onClick={onApply}>
          Apply colours
        </Button>
        <Button ref={addListsButton} disabledFocusable={busy} onClick={() => onAddLists(stop)}>
          Add drop-down lists
        </Button>
        {canRemove.colours && (
          <Button disabledFocusable={busy} onClick={onRemove}>
            Remove the add-in’s colours
          </Button>
        )}
      </div>
      <Checkbox
        checked={stop}
        onChange={(_e, data) => onStop(data.checked === true)}
        label="Refuse any other word (otherwise Excel warns, and a note can still be kept)"
      />
      {canRemove.lists && (
        <div className={section.actions}>
          <Button disabledFocusable={busy} onClick={onRemoveLists}>
            Remove the add-in’s drop-down lists
          </Button>
        </div>
      )}
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
