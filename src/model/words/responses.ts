/**
 * A recommendation's response, as HMICFRS and audit registers keep it: "Accepted",
 * "Partly accepted", "Not accepted". It is a field of its own (the Response),
 * never the status of the action: an accepted recommendation may be anywhere
 * from not started to complete.
 */
import { wordKey } from "./vocabulary";

export const RESPONSE_WORDS = [
  "Accepted",
  "Partly accepted",
  "Partially accepted",
  "Accepted in part",
  "Accepted in principle",
  "Not accepted",
  "Rejected",
  "Agreed",
  "Partly agreed",
  "Partially agreed",
  "Not agreed",
] as const;

const KEYS = new Set<string>(RESPONSE_WORDS.map(wordKey));

/** Whether a cell's text is a response to a recommendation ("Partly accepted"), not a status. */
export function isResponseWord(text: string): boolean {
  return KEYS.has(wordKey(text));
}
