/** Consistency checks on a tracker's actions: warnings an officer would want before the Panel sees it. */
import type { Action, Issue } from "./schema";
import { formatLongDate, readTimeframe } from "./timeframe";

export interface CheckOptions {
  /** The date the report is as at: actions due before it and not Completed are overdue. */
  asOf: Date;
}

export function checkActions(sheet: string, actions: readonly Action[], options: CheckOptions): Issue[] {
  const issues: Issue[] = [];
  const add = (severity: Issue["severity"], code: Issue["code"], cell: string | null | undefined, message: string) =>
    issues.push({ severity, code, sheet, cell: cell ?? null, message });

  for (const a of actions) {
    const ragCell = a.cells.rag ?? a.cells.status;
    if (a.status === "Completed" && (a.rag === "Red" || a.rag === "Amber")) {
      add("warning", "completed-but-behind", ragCell, `Action ${a.id} is Completed but its RAG is ${a.rag}. Change the RAG to Green or Blue, or the status if the work is not finished.`);
    }
    if (a.status === "Not yet started" && a.rag === "Green") {
      add("warning", "not-started-but-green", ragCell, `Action ${a.id} has not yet started but its RAG is Green. Use White for not started, or correct the status.`);
    }
    if ((a.rag === "Red" || a.rag === "Amber") && !a.update.trim()) {
      add("warning", "no-update", a.cells.update ?? ragCell, `Action ${a.id} is ${a.rag} but has no update. The Panel will ask why: add an explanation${a.cells.update ? ` in ${a.cells.update}` : ""}.`);
    }
    if (a.timeframe && a.status !== "Completed") {
      const t = readTimeframe(a.timeframe);
      if (t.kind === "date" && t.due.getTime() < options.asOf.getTime()) {
        add(
          "warning",
          "overdue",
          a.cells.timeframe,
          `Action ${a.id} was due by ${formatLongDate(t.due)} ("${a.timeframe}") and is ${a.status ?? "not marked Completed"}. Update the timeframe or the status, and explain the delay.`,
        );
      } else if (t.kind === "unread") {
        add("info", "timeframe-unread", a.cells.timeframe, `The timeframe of action ${a.id}, "${t.text}", has no date we can read, so it is not checked for being overdue.`);
      }
    }
  }
  return issues;
}
