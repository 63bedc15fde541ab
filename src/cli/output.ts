/** Human-readable output for the terminal. */
import type { Comparison, Counts, Issue, TrackerReport, UpdateComparison } from "../model";
import { DIRECTIONS, DIRECTION_GLYPH, DIRECTION_WORDS, FIELD_LABEL, NOT_SET, RAG_KEYS, STATUS_KEYS, everyRag, listedRag, listedStatus } from "../model";

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join("  ").trimEnd()).join("\n");
}

export function formatIssues(issues: readonly Issue[]): string {
  if (issues.length === 0) return "No issues found.";
  const order = { error: 0, warning: 1, info: 2 } as const;
  const sorted = [...issues].sort((a, b) => order[a.severity] - order[b.severity]);
  const n = (s: Issue["severity"]) => issues.filter((i) => i.severity === s).length;
  const head = `${n("error")} error(s), ${n("warning")} warning(s), ${n("info")} note(s):`;
  return [head, ...sorted.map((i) => `  ${i.severity.toUpperCase().padEnd(7)} ${i.cell ? `${i.sheet}!${i.cell}` : i.sheet}: ${i.message}`)].join("\n");
}

export function formatValidation(report: TrackerReport, issues: readonly Issue[] = report.issues): string {
  const t = report.tracker!;
  const lines = [
    `Tracker: sheet "${t.sheet}", header on row ${t.headerRow}, ${report.actions.length} actions.`,
    "Columns:",
    table(t.columns.map((c) => [`  ${c.column}`, FIELD_LABEL[c.field], `"${c.header}"`])),
  ];
  if (t.referencesInActionText) lines.push("  References are read from the start of the action text.");
  lines.push("", formatIssues(issues));
  return lines.join("\n");
}

export function formatSummary(
  report: TrackerReport,
  counts: Counts,
  issues: readonly Issue[] = report.issues,
  previous: { label: string; counts: Counts; comparison: Comparison; updates?: UpdateComparison } | null = null,
): string {
  const t = report.tracker!;
  const nonZero = <K extends string>(rec: Record<K, number>) => (Object.entries(rec) as [K, number][]).filter(([, v]) => v > 0);
  const lines = [`Sheet "${t.sheet}": ${counts.actions} actions`, ""];
  const status = (Object.entries(counts.status) as [string, number][]).filter(
    ([k, v]) => v > 0 || (previous && k !== "Not set" && ((previous.counts.status as Record<string, number>)[k] ?? 0) > 0),
  );
  const was = (k: string) => (previous ? `(${(previous.counts.status as Record<string, number>)[k] ?? 0} in ${previous.label})` : "");
  if (status.some(([k]) => k !== "Not set")) lines.push("Status", table(status.map(([k, v]) => [`  ${k}`, String(v), was(k)])), "");
  const rag = nonZero(everyRag(counts.rag));
  if (rag.some(([k]) => k !== "Not set")) lines.push("RAG", table(rag.map(([k, v]) => [`  ${k}`, String(v)])), "");
  if (previous) {
    const c = previous.comparison.counts;
    lines.push(
      `Direction of travel since ${previous.label}`,
      table([...DIRECTIONS.map((d) => [`  ${DIRECTION_WORDS[d]}`, String(c[d])]), ["  no longer in the plan", String(c.removed)]]),
      "",
    );
    const u = previous.updates?.counts;
    if (u)
      lines.push(
        `Updates since ${previous.label}${u.fromChangeLog ? ` (from the Change log's rows for ${u.fromChangeLog})` : ""}`,
        table([
          ["  updated", String(u.updated)],
          ["  no new update", String(u.notUpdated)],
          ["  new actions", String(u.new)],
          ...(u.notCompared ? [["  not compared", String(u.notCompared)]] : []),
        ]),
        "",
      );
    // Actions with no reference, matched by close wording (counted above by their direction).
    for (const r of previous.comparison.renamed ?? []) lines.push(`Renamed since ${previous.label}: ${r.id} "${r.to}" was ${r.previousId} "${r.from}".`);
    if (previous.comparison.renamed?.length) lines.push("");
  }
  const dir = nonZero(counts.direction);
  if (!previous && dir.some(([k]) => k !== "Not set"))
    lines.push("Direction of travel", table(dir.map(([k, v]) => [`  ${k === "Not set" ? k : `${DIRECTION_GLYPH[k]} ${k}`}`, String(v)])), "");
  // A column for each usual status, and for any other and "Not set" when actions have it (as in the Panel Summary);
  // for a tracker with a RAG and no status, a column for each RAG instead (its statuses would all be "Not set").
  const byRag = !t.columns.some((c) => c.field === "status") && rag.some(([k]) => k !== NOT_SET);
  if (byRag) {
    const rags = RAG_KEYS.filter((r) => listedRag(r, counts.rag[r]));
    const header = rags.map((r) => (r === NOT_SET ? "No RAG rating" : r));
    lines.push("By theme", table([["  Theme", "Actions", ...header], ...Object.entries(counts.byTheme).map(([theme, c]) => [`  ${theme}`, String(c.actions), ...rags.map((r) => String(c.rag[r] ?? 0))])]), "");
  } else {
    const statuses = STATUS_KEYS.filter((s) => listedStatus(s, counts.status[s]));
    lines.push(
      "By theme",
      table([["  Theme", "Actions", ...statuses], ...Object.entries(counts.byTheme).map(([theme, c]) => [`  ${theme}`, String(c.actions), ...statuses.map((s) => String(c.status[s]))])]),
      "",
    );
  }
  lines.push(formatIssues(issues));
  return lines.join("\n");
}

/** The longest line an error or note is given (about 300 characters). */
export const MAX_LINE = 300;

/**
 * A message as one plain line: control characters and line breaks escaped
 * (text from a file is data, never layout), and a line over MAX_LINE cut in
 * the middle with a mark, keeping its start (what) and its end (what to do).
 */
export function oneLine(text: string, max = MAX_LINE): string {
  // eslint-disable-next-line no-control-regex
  const plain = text.replace(/\r\n|[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (ch) => (ch === "\r\n" || ch === "\n" ? " " : `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`));
  if (plain.length <= max) return plain;
  const markFor = (cut: number) => ` … (${cut.toLocaleString("en-GB")} characters cut) … `;
  const mark = markFor(plain.length - (max - markFor(plain.length).length));
  const end = Math.min(120, Math.floor((max - mark.length) / 2));
  return plain.slice(0, max - mark.length - end) + mark + plain.slice(plain.length - end);
}
