/**
 * A lead cell may name several people or bodies: "CS/JH", "NP / CS", "AW and DG",
 * "OPCC, Constabulary". Each is one lead. "/", ",", ";" and a line break always
 * part them; "and", "&" and "+" only when every part is one word ("AW and DG"),
 * so that "Domestic Abuse and Sexual Violence Delivery Group" and "DA & SV
 * Delivery Group" stay one body each.
 */
export function splitLeads(text: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const piece of text.split(/[/,;\n\r]+/)) {
    const trimmed = piece.replace(/\s+/g, " ").trim();
    if (!trimmed) continue;
    const joined = trimmed.split(/\s+(?:and|&|\+)\s+|\s*[&+]\s*/i).map((p) => p.trim());
    const parts = joined.length > 1 && joined.every((p) => p !== "" && !/\s/.test(p)) ? joined : [trimmed];
    for (const p of parts) {
      const key = leadKey(p);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(p);
    }
  }
  return out;
}

/** One lead however it is spelt in case and spacing: "cs" and "CS " are one lead. */
export function leadKey(lead: string): string {
  return lead.replace(/\s+/g, " ").trim().toLowerCase();
}
