/**
 * Each of the quarter's steps in one line, as its folded heading shows it:
 * "97 actions · 1 error", "Snapshot Q2 2026/27 taken · compared with June 2021".
 */
import type { MergePreview, RequestsView, SummaryDone, TrackerView } from "../shared/host";
import { SEVERITY_WORD, plural } from "./wording";

export function trackerState(view: TrackerView | null): string {
  if (!view) return "No tracker found yet";
  return `${plural(view.actions, "action")} on “${view.sheet}” · header on row ${view.headerRow}`;
}

export function checkState(view: TrackerView): string {
  const counts = view.issueTotals?.bySeverity ?? {
    error: view.issues.filter((i) => i.severity === "error").length,
    warning: view.issues.filter((i) => i.severity === "warning").length,
    info: view.issues.filter((i) => i.severity === "info").length,
  };
  const said = (["error", "warning", "info"] as const).filter((s) => counts[s] > 0).map((s) => plural(counts[s], SEVERITY_WORD[s].label.toLowerCase(), SEVERITY_WORD[s].plural));
  return [plural(view.actions, "action"), ...(said.length ? said : ["no issues"])].join(" · ");
}

/** `done`: what the add-in did to the sheet's formatting last, this session ("Colours applied to 3 ranges"). */
export function formattingState(view: TrackerView, done: string | null): string {
  const parts = [done ?? "No colours or lists applied this session"];
  if (view.ragFromFill.length) parts.push(`${plural(view.ragFromFill.length, "cell")} show RAG by colour alone`);
  return parts.join(" · ");
}

export function periodState(view: TrackerView, period: string, previous: string): string {
  const label = period.trim();
  const taken = label && view.snapshots.some((s) => s.period.toLowerCase() === label.toLowerCase());
  return [
    !label ? "No label for this period" : taken ? `Snapshot ${label} taken` : `${label}: no snapshot yet`,
    previous ? `compared with ${previous}` : "no previous period",
  ].join(" · ");
}

export function summaryState(summary: SummaryDone | null): string {
  if (!summary) return "Not built yet";
  const u = summary.updates;
  // When no update could be compared (the previous period kept no update text), "no updates new" would be wrong.
  const updates = !u ? [] : u.updated + u.notUpdated === 0 && u.notCompared > 0 ? [`updates not compared with ${u.since}`] : [`${plural(u.updated, "update")} new since ${u.since}`];
  return [`Built “${summary.sheet}”`, ...updates].join(" · ");
}

export function returnsState(requests: RequestsView | null, preview: MergePreview | null): string {
  const parts = [requests ? `${plural(requests.leads.length, "return")} for ${requests.plan.period}` : "No requests made yet"];
  if (preview) parts.push(`${plural(preview.fields.length, "change")} to review`);
  return parts.join(" · ");
}
