/**
 * Property-based tests over hostile containers (fast-check): whatever ranges a
 * sheet declares (lists, merges, column spans over the whole sheet or past
 * it), a row far down, a bad date or an odd sheet name, the reader either
 * gives the sheet's cells (as many rows as it really has) or refuses with one
 * plain line; it never throws anything else, and never expands a declared range.
 * FUZZ_RUNS and FUZZ_SEED as in engine.property.test.ts (npm run fuzz runs more).
 */
import fc from "fast-check";
import { UnreadableWorkbook, loadWorkbook, workbookGrids } from "../../src/xlsx";
import { rowXml, trackerRows, workbookFile } from "../corpus/hostile-files";
import { MAX_ROWS, hostileContainer } from "./arbitraries";
import type { HostileContainer } from "./arbitraries";

const RUNS = Math.max(1, Math.round((Number(process.env.FUZZ_RUNS) || 300) / 10));
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

jest.setTimeout(10 * 60_000);

async function fileOf(c: HostileContainer): Promise<Buffer> {
  let rows = trackerRows();
  if (c.dateSerial) rows = rows.replace('<row r="3">', `<row r="3"><c r="I3" s="1"><v>${c.dateSerial}</v></c>`);
  if (c.farRow) rows += rowXml(c.farRow, ["far"]);
  const head = c.columns.length ? `<cols>${c.columns.map(([a, b]) => `<col min="${Math.min(a, b)}" max="${Math.max(a, b)}" width="9"/>`).join("")}</cols>` : "";
  const merges = c.merges.length ? `<mergeCells count="${c.merges.length}">${c.merges.map((m) => `<mergeCell ref="${m}"/>`).join("")}</mergeCells>` : "";
  const lists = c.lists.length
    ? `<dataValidations count="${c.lists.length}">${c.lists.map((l) => `<dataValidation type="list" sqref="${l}"><formula1>"Red,Amber"</formula1></dataValidation>`).join("")}</dataValidations>`
    : "";
  return workbookFile([{ name: c.name, head, rows, tail: merges + lists }]);
}

describe("hostile containers", () => {
  it("are read as their cells, or refused in one line", async () => {
    await fc.assert(
      fc.asyncProperty(hostileContainer, async (c) => {
        const bytes = await fileOf(c);
        try {
          const grids = workbookGrids(await loadWorkbook(bytes));
          expect(grids).toHaveLength(1);
          expect(grids[0].name).toBe(c.name);
          // As many rows as there are: the declared ranges added none.
          expect(grids[0].values.length).toBe(c.farRow ? Math.max(5, c.farRow) : 5);
          expect(c.farRow === null || c.farRow <= MAX_ROWS).toBe(true);
        } catch (err) {
          if (!(err instanceof UnreadableWorkbook)) throw err;
          expect(err.message).not.toMatch(/\n/);
          expect(err.message).toMatch(/past Excel's last (row|column)|has merged cells .*covering more than 500,000 cells/);
        }
      }),
      { numRuns: RUNS, ...(SEED !== undefined ? { seed: SEED } : {}) },
    );
  });
});
