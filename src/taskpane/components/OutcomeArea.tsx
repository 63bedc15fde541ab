/**
 * The foot of the pane, kept in view: what the operation is doing or how it
 * ended (a live region; errors in an alert), the undo of the last confirmed
 * write, and the offer of drop-down lists after spellings were fixed.
 */
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

export function OutcomeArea({ className, liveClassName, outcome, busy, undo, onUndo, onKeep, listsOffer, stop, onAddLists, onNotNow }: OutcomeAreaProps) {
  return (
    <div className={className}>
      <div role="status" aria-live="polite" aria-atomic="true" className={liveClassName}>
        {outcome.kind === "busy" && <Spinner size="tiny" label={outcome.text} />}
        {outcome.kind === "done" && (
          <MessageBar intent="success" layout="multiline">
            <MessageBarBody>{outcome.text}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      {undo && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{WRITE.undoOffer(undo)}</MessageBarBody>
          <MessageBarActions>
            <Button disabledFocusable={busy} onClick={onUndo}>
              {WRITE.undoLabel(undo)}
            </Button>
            <Button appearance="subtle" onClick={onKeep}>
              Keep them
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {listsOffer !== null && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Stop these spellings coming back</MessageBarTitle>
            {FORMATTING.listsOffer(listsOffer, stop)}
          </MessageBarBody>
          <MessageBarActions>
            <Button disabledFocusable={busy} onClick={() => onAddLists(stop)}>
              Add drop-down lists now
            </Button>
            <Button appearance="subtle" onClick={onNotNow}>
              Not now
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      <div role="alert" className={liveClassName}>
        {outcome.kind === "error" && (
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
