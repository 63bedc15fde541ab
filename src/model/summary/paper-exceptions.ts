/**
 * The paper's exceptions, ranked and bounded: Red first, then deteriorated,
 * then overdue, then Red or Amber with no update, then no new update; within
 * a rank, in the tracker's order. When there are more than 15, the body lists
 * the 15 most serious and counts the rest by their most serious reason; the
 * appendix marks every action's reasons. Which reasons count is a setting
 * (`exceptions`): by default, all of them.
 */
import { formatLongDate } from "../sheet/timeframe";
import { andList } from "./sentences";
import { EXCEPTION_KINDS, EXCEPTION_KIND_WORDS } from "./paper-settings";
import { actions, orList } from "./paper-parts";
import type { PaperFacts, RankedException, SectionWriter } from "./paper-parts";
import { paperTable } from "./paper-tables";
import type { ExceptionKind, SummaryException } from "./types";

/** At most this many exceptions in the body of the paper. */
export const EXCEPTIONS_IN_BODY = 15;

const RANK = new Map(EXCEPTION_KINDS.map((k, i) => [k, i]));

/** The exceptions with only the reasons that count, most serious first (stable: the tracker's order within a rank). */
export function rankExceptions(exceptions: readonly SummaryException[], counted: ReadonlySet<ExceptionKind>): RankedException[] {
  const out: RankedException[] = [];
  exceptions.forEach((exception, index) => {
    const kept = exception.kinds.map((k, i) => [k, exception.reasons[i]] as const).filter(([k]) => counted.has(k));
    if (kept.length === 0) return;
    const kinds = kept.map(([k]) => k);
    const worst = kinds.reduce((a, b) => (RANK.get(b)! < RANK.get(a)! ? b : a));
    out.push({ exception, index, reasons: kept.map(([, r]) => r), kinds, worst });
  });
  return out.sort((a, b) => RANK.get(a.worst)! - RANK.get(b.worst)! || a.index - b.index);
}

/** The reasons that can apply to this tracker and count, as what an action "is" or "has", in their order ("is Red", "is overdue (due before …)"). */
function ruleWords(f: PaperFacts): string[] {
  const since = f.content.previousLabel;
  const words: Partial<Record<ExceptionKind, string>> = {};
  if (f.has.rag) words.red = "is Red";
  if (since) words.deteriorated = `has deteriorated since ${since}`;
  else if (f.has.direction) words.deteriorated = "is shown as deteriorated by the tracker's arrow";
  if (f.has.timeframe) words.overdue = `is overdue (due before ${formatLongDate(f.asOf)} and not complete)`;
  if (f.has.rag) words["no-update"] = "is Red or Amber with no update";
  if (since && f.updatesCompared) words["no-new-update"] = `is still open with no new update since ${since}`;
  return EXCEPTION_KINDS.filter((k) => f.kinds.has(k) && words[k]).map((k) => words[k]!);
}

/** "7 overdue", "30 still open with no new update since June 2021". */
function countWords(kind: ExceptionKind, n: number, since: string | null): string {
  const what: Record<ExceptionKind, string> = {
    red: "Red",
    deteriorated: `deteriorated${since ? ` since ${since}` : ""}`,
    overdue: "overdue",
    "no-update": "Red or Amber with no update",
    "no-new-update": `still open with no new update${since ? ` since ${since}` : ""}`,
  };
  return `${n} ${what[kind]}`;
}

/** The Exceptions section: what makes an exception, the most serious of them, and how many others. */
export function writeExceptions(s: SectionWriter, f: PaperFacts): void {
  const rules = ruleWords(f);
  const ranked = f.ranked;
  const total = f.report.actions.length;
  if (rules.length === 0) {
    s.paragraph("The tracker holds nothing that would make an action an exception: no RAG, no timeframe, no direction of travel, and no previous period to compare with.");
    return;
  }
  if (ranked.length === 0) {
    s.paragraph(`No action is an exception: none ${orList(rules)}.`);
    return;
  }
  s.paragraph(`An action is listed as an exception when it ${orList(rules)}. The most serious come first, in that order.`);
  const shown = ranked.slice(0, EXCEPTIONS_IN_BODY);
  const many = ranked.length > EXCEPTIONS_IN_BODY;
  const third = ranked.length * 3 > total;
  if (many || third)
    s.paragraph(
      `${ranked.length} of the ${total} actions are exceptions${third ? ", more than a third of the plan" : ""}.${many ? ` The ${EXCEPTIONS_IN_BODY} most serious are listed here; Appendix 1 marks every exception with its reasons.` : ""}`,
    );
  const source = f.content.tables.find((t) => t.id === "exceptions")!;
  const rows = shown.map((r) => {
    const row = source.rows[r.index];
    return { ...row, cells: { ...row.cells, reasons: r.reasons.join("; ") } };
  });
  const leaveOut = f.content.previousLabel || f.has.direction ? [] : ["direction"];
  const statusHeader = f.has.status && f.has.rag ? "Status / RAG" : f.has.rag ? "RAG" : "Status";
  const caption = many ? `The ${EXCEPTIONS_IN_BODY} most serious exceptions` : shown.length === 1 ? "The exception" : `The ${shown.length} exceptions, most serious first`;
  const columns = source.columns.map((c) => (c.key === "statusRag" ? { ...c, header: statusHeader } : c));
  s.table(paperTable({ ...source, columns, rows }, caption, leaveOut), caption);
  if (many) {
    const rest = ranked.slice(EXCEPTIONS_IN_BODY);
    const byKind = EXCEPTION_KINDS.map((k) => [k, rest.filter((r) => r.worst === k).length] as const).filter(([, n]) => n > 0);
    s.paragraph(`The other ${actions(rest.length)}, in Appendix 1: ${andList(byKind.map(([k, n]) => countWords(k, n, f.content.previousLabel)))}.`);
  }
}

/** The appendix's words for an action's reasons: "Overdue; No new update", or "–" when it is not an exception. */
export function exceptionMark(ranked: RankedException | undefined): string {
  return ranked ? ranked.kinds.map((k) => EXCEPTION_KIND_WORDS[k]).join("; ") : "–";
}
