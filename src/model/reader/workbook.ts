/** Choosing the sheet that holds the tracker. */
import type { SheetGrid } from "../sheet/grid";
import type { Result } from "../sheet/result";
import { trackerScore } from "./tracker";
import { formShape } from "./form";
import { issueMessage } from "../issues/messages";
import { HEADER_SEARCH_ROWS } from "../words/headers";

/** The sheet chosen, or why there is none. */
export type SheetChoice = Result<{ grid: SheetGrid }>;

/** The sheet named by the user, or else the one whose header row scores best. */
export function chooseTrackerSheet(grids: readonly SheetGrid[], name?: string): SheetChoice {
  // At most five names (three and a count when there are more), each on one line and cut at 31 characters: a workbook of 10,000 sheets still gets one short line.
  const shown = grids.slice(0, grids.length > 5 ? 3 : 5).map((g) => JSON.stringify(g.name.length > 31 ? `${g.name.slice(0, 31)}…` : g.name));
  const names = grids.length > 5 ? `${shown.join(", ")} and ${(grids.length - 3).toLocaleString("en-GB")} more` : shown.join(", ") || "none";
  if (name !== undefined) {
    const wanted = name.trim().toLowerCase();
    const grid = grids.find((g) => g.name.trim().toLowerCase() === wanted);
    return grid ? { ok: true, grid } : { ok: false, message: `There is no sheet called "${name}". Sheets in this workbook: ${names}.` };
  }
  let best: { grid: SheetGrid; score: number } | null = null;
  for (const grid of grids) {
    const score = trackerScore(grid);
    if (score > 0 && (!best || score > best.score)) best = { grid, score };
  }
  if (best) return { ok: true, grid: best.grid };
  // No table, but a form (one record per block of "Label:" rows): say so.
  for (const grid of grids) {
    const form = formShape(grid);
    if (form) return { ok: false, message: issueMessage("no-tracker", { sheet: grid.name, searchRows: HEADER_SEARCH_ROWS, form }) };
  }
  return {
    ok: false,
    message: `No sheet looks like a delivery-plan tracker: none has a header row with columns such as Ref, Action, Status or RAG. Sheets in this workbook: ${names}. Name the sheet to use, or check the headers.`,
  };
}
