/** The Formatting step: the add-in's colours and drop-down lists on and off, and the RAG words where a fill colour is all there is. */
import { useState } from "react";
import { FORMATTING } from "../sentences";
import type { FormattingWords } from "../sentences";
import type { ConfirmedWrite } from "./confirmed-write";
import type { HostAnswer } from "./operation";
import type { Pane } from "./pane";

export function useFormattingStep({ flow, calls }: Pane, write: ConfirmedWrite) {
  /** Refuse other words in the drop-down lists ("stop"), else Excel warns. */
  const [stop, setStop] = useState(false);
  /** After spellings were fixed: the offer to add the lists, so the same mistakes cannot come back. */
  const [offered, setOffered] = useState(false);
  /** What the add-in last did to the tracker's colours or lists, for the step's folded line. */
  const [formatted, setFormatted] = useState<string | null>(null);

  /** Change the colours or the lists, and keep what was done for the step's folded line. */
  async function change<T>(words: FormattingWords<T>, call: () => HostAnswer<T>) {
    const r = await flow.perform(words.doing, call);
    if (!r) return;
    setFormatted(words.line(r));
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
    apply: () => void change(FORMATTING.applyColours, calls.applyFormatting),
    remove: () => void change(FORMATTING.removeColours, calls.removeFormatting),
    addLists: (stopOthers: boolean) => {
      setOffered(false);
      void change(FORMATTING.addLists, () => calls.addValidation(stopOthers));
    },
    removeLists: () => void change(FORMATTING.removeLists, calls.removeValidation),
    reviewRagWords: () => void reviewRagWords(),
  };
}
