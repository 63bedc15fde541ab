/** A reference typed at the start of the action text ("V1 Ensure that…"), as some trackers keep it. */
const REFERENCE_IN_TEXT = /^\s*([A-Za-z]{1,3}\d{1,3}(?:\.\d{1,3})*|0\d{1,2}(?:\.\d{1,3})*|\d{1,3}(?:\.\d{1,3})*)(?=$|[\s.:)\-–])[.:)\-–]?\s*/;

/** "V1 Ensure that…" → { ref: "V1", text: "Ensure that…" }; "05 Support…" → "O5". */
export function splitReference(text: string): { ref: string; text: string } | null {
  const m = REFERENCE_IN_TEXT.exec(text);
  if (!m) return null;
  let ref = m[1].toUpperCase();
  // A zero typed for the letter O ("05" for "O5"), as in the Cambridgeshire plan.
  if (/^0\d/.test(ref)) ref = `O${ref.slice(1)}`;
  return { ref, text: text.slice(m[0].length).trim() };
}
