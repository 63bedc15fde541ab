/**
 * A status cell that says more than its status: "Completed. This meeting took
 * place on 3 March.", "Complete⏎⏎This research was published…", "Merged into
 * 1.13", "Replaced by the new strategy". The leading word is the status; the
 * rest belongs to the update.
 */
import type { Lexicon, Status, WordMatch } from "./vocabulary";

/** A status word or two, then a full stop, colon, semicolon, a spaced dash or a line break, then the rest. */
const LEADING = /^\s*([^.:;!?\r\n–—]{1,30}?)\s*(?:[.:;!?]+|\s+[-–—]+|[\r\n]+)\s*([\s\S]*\S[\s\S]*)$/;
/** Closed by being folded into something else: "Merged into 1.13", "Replaced by …", "Superseded by …". */
const FOLDED = /^\s*(merged|replaced|superseded|subsumed|incorporated|absorbed|combined)\s+(?:into|by|with|within|in)\b/i;

export interface LeadingStatus {
  status: WordMatch<Status>;
  /** The status word as typed ("Complete", "Merged"). */
  word: string;
  /** The text after the status word ("This meeting took place on 3 March."); the whole text for "Merged into 1.13". */
  rest: string;
}

/** The status a text begins with, and the rest of it; null when it does not begin with one (or is a status word alone). */
export function leadingStatus(text: string, lexicon: Lexicon): LeadingStatus | null {
  const folded = FOLDED.exec(text);
  if (folded) {
    const closed = lexicon.status(folded[1]);
    if (closed) return { status: closed, word: folded[1], rest: text.trim() };
  }
  const m = LEADING.exec(text);
  if (!m) return null;
  const status = lexicon.status(m[1]);
  return status ? { status, word: m[1], rest: m[2].trim() } : null;
}
