/** Consistency checks on a tracker's actions: warnings an officer would want before the Panel sees it. */
import type { Action, Issue } from "./schema";
import { readTimeframe } from "./timeframe";
import { raise } from "./issues";

export interface CheckOptions {
  /** The date the report is as at: actions due before it and not Completed are overdue. */
  asOf: Date;
}

export function checkActions(sheet: string, actions: readonly Action[], options: CheckOptions): Issue[] {
  const issues: Issue[] = [];

  for (const a of actions) {
    const ragCell = a.cells.rag ?? a.cells.status;
    if (a.status === "Completed" && (a.rag === "Red" || a.rag === "Amber")) {
      issues.push(raise("warning", "completed-but-behind", sheet, ragCell ?? null, { id: a.id, rag: a.rag }));
    }
    if (a.status === "Not yet started" && a.rag === "Green") {
      issues.push(raise("warning", "not-started-but-green", sheet, ragCell ?? null, { id: a.id }));
    }
    if ((a.rag === "Red" || a.rag === "Amber") && !a.update.trim()) {
      issues.push(raise("warning", "no-update", sheet, a.cells.update ?? ragCell ?? null, { id: a.id, rag: a.rag, updateCell: a.cells.update }));
    }
    if (a.timeframe && a.status !== "Completed") {
      const t = readTimeframe(a.timeframe);
      if (t.kind === "date" && t.due.getTime() < options.asOf.getTime()) {
        issues.push(raise("warning", "overdue", sheet, a.cells.timeframe ?? null, { id: a.id, due: t.due, timeframe: a.timeframe, status: a.status }));
      } else if (t.kind === "unread") {
        issues.push(raise("info", "timeframe-unread", sheet, a.cells.timeframe ?? null, { id: a.id, text: t.text }));
      }
    }
  }
  return issues;
}
