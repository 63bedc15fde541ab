/** The Formatting step: the add-in's colours and drop-down lists on and off, and the RAG words where a fill colour is all there is. */
import { useState } from "react";
import { FORMATTING } from "../sentences";
import type { FormattingWords } from "../sentences";
import type { OursOnTracker, TrackerView } from "../../shared/host";
import type { ConfirmedWrite } from "./confirmed-write";
import type { HostAnswer } from "./operation";
import type { Pane } from "./pane";

export function useFormattingStep({ flow, calls, view }: Pane, write: ConfirmedWrite) {
  /** Refuse other words in the drop-down lists ("stop"), else Excel warns. */
  const [stop, setStop] = useState(false);
  /** After spellings were fixed: the offer to add the lists, so the same mistakes cannot come back. */
  const [offered, setOffered] = useState(false);
  /** What the add-in last did to the tracker's colours or lists, for the step's folded line. */
  const [formatted, setFormatted] = useState<string | null>(null);

  /** What this session's changes say is on the tracker shown (the host recorded it too; a fresh read brings it back). */
  const [changed, setChanged] = useState<{ view: TrackerView | null; ours: OursOnTracker }>({ view: null, ours: {} });
  /** Whether the add-in's colours / lists are on the tracker: false only when known to be none (else Remove is offered). */
  const ours: OursOnTracker = changed.view === view ? { ...view?.ours, ...changed.ours } : (view?.ours ?? {});

  /** Change the colours or the lists, and keep what was done for the step's folded line and for the Remove buttons. */
  async function change<T>(words: FormattingWords<T>, call: () => HostAnswer<T>, on: (r: T) => OursOnTracker) {
    const shown = view;
    const r = await flow.perform(words.doing, call);
    if (!r) return;
    setFormatted(words.line(r));
    setChanged((c) => ({ view: shown, ours: { ...(c.view === shown ? c.ours : {}), ...on(r) } }));
    flow.done(words.done(r));
  }

  async function reviewRagWords() {
    const p = await flow.perform(FORMATTING.lookingForRag, calls.previewRagLabels);
    if (!p) return;
    if (p.changes.length === 0) return flow.done(FORMATTING.noRagByColour(p));
    write.ask(p, FORMATTING.ragWords(p), calls.writeRagLabels);
  }

  return {
    stop,
    setStop,
    formatted,
    /** Whether the offer of drop-down lists is on show. */
    offered,
    offer: () => setOffered(true),
    notNow: () => setOffered(false),
    /** Whether to offer Remove the add-in's colours / lists: unless none of ours is known to be there. */
    canRemove: { colours: ours.colours !== false, lists: ours.lists !== false },
    apply: () => void change(FORMATTING.applyColours, calls.applyFormatting, () => ({ colours: true })),
    remove: () => void change(FORMATTING.removeColours, calls.removeFormatting, () => ({ colours: false })),
    addLists: (stopOthers: boolean) => {
      setOffered(false);
      void change(FORMATTING.addLists, () => calls.addValidation(stopOthers), (r) => (r.added.length ? { lists: true } : {}));
    },
    // A column mixing ours and the user's rule is left alone: whether any of ours is left is then not known.
    removeLists: () => void change(FORMATTING.removeLists, calls.removeValidation, (r) => ({ lists: r.kept.length ? undefined : false })),
    reviewRagWords: () => void reviewRagWords(),
  };
}
