/** Choosing the sheet that holds the tracker. */
import type { SheetGrid } from "../sheet/grid";
import { trackerScore } from "./tracker";
import { formShape } from "./form";
import { issueMessage } from "../issues/messages";
import { HEADER_SEARCH_ROWS } from "../words/headers";

export type SheetChoice = { ok: true; grid: SheetGrid } | { ok: false; message: string };

/** The sheet named by the user, or else the one whose header row scores best. */
export function chooseTrackerSheet(grids: readonly SheetGrid[], name?: string): SheetChoice {
  const names = grids.map((g) => `"${g.name}"`).join(", ") || "none";
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
