/**
 * The foot of the pane, kept in view: what the operation is doing or how it
 * ended (a live region; errors in an alert), the undo of the last confirmed
 * write, and the offer of drop-down lists after spellings were fixed.
 */
import { useEffect, useState } from "react";
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Spinner } from "@fluentui/react-components";
import type { UndoToken } from "../../shared/host";
import type { Outcome } from "../hooks/operation";
import { FORMATTING, WRITE } from "../sentences";

export interface OutcomeAreaProps {
  /** The area's place in the pane (App lays it out: kept in view at the foot). */
  className: string;
  /** The live regions' class: they stay in the page (never display: none), or screen readers miss what appears in them. */
  liveClassName: string;
  outcome: Outcome;
  busy: boolean;
  /** The last confirmed write's undo, or null. */
  undo: UndoToken | null;
  onUndo: () => void;
  onKeep: () => void;
  /** The sheet to offer drop-down lists on, or null for no offer. */
  listsOffer: string | null;
  /** Whether the lists would refuse other words. */
  stop: boolean;
  onAddLists: (stop: boolean) => void;
  onNotNow: () => void;
}

/**
 * One message at a time, so the foot never takes more of the pane than one: an error; else the work going on; else
 * how the last operation ended, with what follows a write in the same message (its undo; after spellings were
 * fixed, the offer of drop-down lists) until the next operation's message replaces it. The live regions stay in
 * the page whatever is shown.
 */
export function OutcomeArea({ className, liveClassName, outcome, busy, undo, onUndo, onKeep, listsOffer, stop, onAddLists, onNotNow }: OutcomeAreaProps) {
  const error = outcome.kind === "error";
  // What follows a write is shown with the write's own message only: the next operation's message replaces it.
  const offerKey = undo !== null || listsOffer !== null ? `${undo?.what ?? ""}|${undo?.cells.length ?? 0}|${listsOffer ?? ""}` : null;
  const [anchor, setAnchor] = useState<{ key: string; text: string | null } | null>(null);
  useEffect(() => {
    if (offerKey === null) return setAnchor(null);
    const done = outcome.kind === "done" ? outcome.text : null;
    setAnchor((a) => (!a || a.key !== offerKey ? { key: offerKey, text: done } : a.text === null && done !== null ? { key: offerKey, text: done } : a));
  }, [offerKey, outcome]);
  const offers = offerKey !== null && anchor?.key === offerKey && outcome.kind === "done" && outcome.text === anchor.text;
  return (
    <div className={className}>
      <div role="status" aria-live="polite" aria-atomic="true" className={liveClassName}>
        {outcome.kind === "busy" && <Spinner size="tiny" label={outcome.text} />}
        {outcome.kind === "done" && !offers && (
          <MessageBar intent="success" layout="multiline">
            <MessageBarBody>{outcome.text}</MessageBarBody>
          </MessageBar>
        )}
        {offers && (
          <MessageBar intent={outcome.kind === "done" ? "success" : "info"} layout="multiline">
            <MessageBarBody>
              {listsOffer !== null && <MessageBarTitle>Stop these spellings coming back</MessageBarTitle>}
              {[outcome.kind === "done" ? outcome.text : "", undo ? WRITE.undoOffer(undo) : "", listsOffer !== null ? FORMATTING.listsOffer(listsOffer, stop) : ""]
                .filter(Boolean)
                .map((text, i) => (
                  <span key={i}>
                    {i ? " " : ""}
                    {text}
                  </span>
                ))}
            </MessageBarBody>
            <MessageBarActions>
              {listsOffer !== null && (
                <Button disabledFocusable={busy} onClick={() => onAddLists(stop)}>
                  Add drop-down lists now
                </Button>
              )}
              {listsOffer !== null && (
                <Button appearance="subtle" onClick={onNotNow}>
                  Not now
                </Button>
              )}
              {undo && (
                <Button disabledFocusable={busy} onClick={onUndo}>
                  {WRITE.undoLabel(undo)}
                </Button>
              )}
              {undo && (
                <Button appearance="subtle" onClick={onKeep}>
                  Keep them
                </Button>
              )}
            </MessageBarActions>
          </MessageBar>
        )}
      </div>
      <div role="alert" className={liveClassName}>
        {error && (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>Not done</MessageBarTitle>
              {outcome.text}
            </MessageBarBody>
          </MessageBar>
        )}
      </div>
    </div>
  );
}
