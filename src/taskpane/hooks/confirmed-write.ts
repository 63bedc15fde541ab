/**
 * The one shape of every write into the workbook: the preview's cells in the
 * confirmation dialog; on confirming, the write (of exactly those cells), its
 * undo kept until the next write, and the tracker read again with the write's
 * message.
 */
import { useState } from "react";
import type { CellChange, ChangesPreview, UndoToken, WriteDone } from "../../shared/host";
import type { ConfirmRequest } from "../state";
import type { WriteWords } from "../sentences";
import { WRITE } from "../sentences";
import type { HostAnswer } from "./operation";
import type { Pane } from "./pane";

export type ConfirmedWrite = ReturnType<typeof useConfirmedWrite>;

export function useConfirmedWrite({ flow, calls, refresh }: Pane) {
  const [undo, setUndo] = useState<UndoToken | null>(null);
  const [asking, setAsking] = useState<(ConfirmRequest & { write: () => Promise<void> }) | null>(null);

  /** Ask before writing `p`'s changes; `written`: what else a confirmed write changes in the pane. */
  function ask(p: ChangesPreview, words: WriteWords, write: (confirmed: readonly CellChange[]) => HostAnswer<WriteDone>, written?: () => void) {
    const confirmed: CellChange[] = p.changes;
    setAsking({
      ...words.ask,
      sheet: p.sheet,
      changes: p.changes,
      write: async () => {
        const w = await flow.perform(words.writing, () => write(confirmed));
        if (!w) return;
        // A confirmed write can be undone until the next one.
        setUndo(w.undo ?? null);
        written?.();
        await refresh(words.wrote(w));
      },
    });
    flow.done(WRITE.review(p));
  }

  async function confirm() {
    const c = asking;
    setAsking(null);
    if (c) await c.write();
  }

  function cancel() {
    setAsking(null);
    flow.done(WRITE.cancelled);
  }

  async function undoLast() {
    const u = undo;
    if (!u) return;
    const w = await flow.perform(WRITE.undoing(u), () => calls.undoWrite(u));
    if (!w) return;
    setUndo(null);
    await refresh(WRITE.undone(u, w));
  }

  return {
    /** The confirmation on show, or null. */
    asking,
    /** The last confirmed write's undo, until the next write (or "Keep them"). */
    undo,
    ask,
    confirm: () => void confirm(),
    cancel,
    undoLast: () => void undoLast(),
    keep: () => setUndo(null),
  };
}
