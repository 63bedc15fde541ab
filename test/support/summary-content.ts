/**
 * The Panel Summary's content with a status column the vocabulary does not
 * have: what a sixth status would add to the theme table, so that the layout,
 * both writers and the paper can be shown to keep every declared column.
 */
import { readTracker } from "../../src/model";
import type { PanelSummaryInput, SummaryContent, SummaryTable } from "../../src/model";
import { grid } from "./factories";

/** Two themes, one action with no status: the theme table already has a "Not set" column (seven columns in all). */
export const THEMES_GRID = grid([
  ["Ref", "Theme", "Action", "Lead", "Status", "RAG", "Update", "Timeframe"],
  ["1.1", "Safer streets", "Light the underpass", "OPCC", "In progress", "Red", "Recovery plan agreed", "Ongoing"],
  ["1.2", "Safer streets", "Patrol the park", "Chief Constable", "Completed", "Green", "Done", "March 2021"],
  ["2.1", "Victims first", "Open the hub", "OPCC", "", "Amber", "", "Ongoing"],
  ["2.2", "Victims first", "Train the call handlers", "OPCC", "On hold", "Amber", "Waiting for funding", "Ongoing"],
]);

export function themesInput(): PanelSummaryInput {
  return { report: readTracker(THEMES_GRID), options: { period: "Q3 2021/22", asOf: new Date(Date.UTC(2021, 11, 31)), built: new Date(Date.UTC(2022, 0, 5)) } };
}

/**
 * The content with one more status column in the theme table, before "All
 * statuses", holding `count` actions in each theme's row (and the total's):
 * the sheet's chart of status by theme charts it like the other statuses.
 */
export function withStatusColumn(content: SummaryContent, status: string, count = 1): SummaryContent {
  const tables = content.tables.map((t): SummaryTable => {
    if (t.id !== "themes") return t;
    const all = t.columns.findIndex((c) => c.key === "all");
    const themes = t.rows.filter((r) => !r.total).length;
    return {
      ...t,
      columns: [...t.columns.slice(0, all), { key: status, header: status, width: 15, inPaper: true }, ...t.columns.slice(all)],
      rows: t.rows.map((r) => ({ ...r, cells: { ...r.cells, [status]: r.total ? count * themes : count } })),
    };
  });
  return { ...content, tables };
}
