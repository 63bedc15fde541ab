/** The validation plan: drop-down lists of the usual words on each delivery column's data body. */
import {
  MAX_ERROR_MESSAGE,
  MAX_LIST_SOURCE,
  MAX_PROMPT_MESSAGE,
  MAX_TITLE,
  VALIDATION_TITLES,
  GridView,
  columnNumber,
  ragLabelWrites,
  chooseTrackerSheet,
  describeCells,
  formattingPlan,
  isOurValidation,
  readTracker,
  validationPlan,
} from "../../src/model";
import type { SheetGrid, ValidationPlan } from "../../src/model";
import { readWorkbookGrids } from "../../src/xlsx";
import { CAMBS, HERTS, grid } from "../support/factories";

function planOf(g: SheetGrid, options?: Parameters<typeof validationPlan>[3]): ValidationPlan {
  const report = readTracker(g);
  if (!report.tracker) throw new Error("no tracker");
  return validationPlan(g, report.tracker, report.actions, options);
}

async function samplePlan(file: string) {
  const choice = chooseTrackerSheet(await readWorkbookGrids(file));
  if (!choice.ok) throw new Error(choice.message);
  const report = readTracker(choice.grid);
  return { plan: validationPlan(choice.grid, report.tracker!, report.actions), formatting: formattingPlan(report.tracker!) };
}

function expectWithinExcelLimits(plan: ValidationPlan) {
  for (const r of plan.rules) {
    expect(r.source.length).toBeLessThanOrEqual(MAX_LIST_SOURCE);
    expect(r.source).toBe(r.words.join(","));
    expect(r.words.every((w) => !/[,"]/.test(w) && w === w.trim() && w.length > 0)).toBe(true);
    expect(r.prompt.title.length).toBeLessThanOrEqual(MAX_TITLE);
    expect(r.error.title.length).toBeLessThanOrEqual(MAX_TITLE);
    expect(r.prompt.message.length).toBeLessThanOrEqual(MAX_PROMPT_MESSAGE);
    expect(r.error.message.length).toBeLessThanOrEqual(MAX_ERROR_MESSAGE);
    expect(isOurValidation(r.prompt.title)).toBe(true);
  }
}

describe("validation plan", () => {
  it("gives the Hertfordshire status column the five canonical words, on the data body the colours cover", async () => {
    const { plan, formatting } = await samplePlan(HERTS);
    expect(plan.sheet).toBe("Delivery Plan 2021-22");
    expect(plan.rules.map((r) => [r.field, r.range])).toEqual([["status", "C5:C106"]]);
    expect(new Set(formatting.rules.map((r) => r.range))).toEqual(new Set(plan.rules.map((r) => r.range)));
    const [status] = plan.rules;
    expect(status.words).toEqual(["Completed", "In progress", "On hold", "Not yet started", "Closed"]);
    expect(status.source).toBe("Completed,In progress,On hold,Not yet started,Closed");
    expect(status.prompt).toEqual({ title: "Delivery plan: status", message: "Choose the status for this reporting period from the list." });
    expect(status.error.style).toBe("warning");
    expect(status.error.message).toContain("Completed, In progress, On hold, Not yet started or Closed");
    expect(status.ignoreBlanks).toBe(true);
    expectWithinExcelLimits(plan);
  });

  it("gives Cambridgeshire's RAG-and-arrow column the combinations it already uses first, then the rest of the grid", async () => {
    const { plan, formatting } = await samplePlan(CAMBS);
    expect(plan.rules.map((r) => [r.field, r.range])).toEqual([["rag-direction", "F6:F49"]]);
    expect(new Set(formatting.rules.map((r) => r.range))).toEqual(new Set(["F6:F49"]));
    const [rule] = plan.rules;
    // What the tracker has: arrows alone (the RAG only a fill, or none), and V7–V9 read as Amber ↑, Green ↔, Red ↑.
    expect(rule.words.slice(0, 5)).toEqual(["↔", "↑", "Amber ↑", "Green ↔", "Red ↑"]);
    for (const rag of ["Red", "Amber", "Green"]) for (const arrow of ["↑", "↓", "↔"]) expect(rule.words).toContain(`${rag} ${arrow}`);
    // No Blue or White: the tracker uses neither.
    expect(rule.words.some((w) => /Blue|White/.test(w))).toBe(false);
    expect(rule.prompt.title).toBe("Delivery plan: RAG and direction");
    expectWithinExcelLimits(plan);
  });

  it.each([
    ["Hertfordshire", HERTS],
    ["Cambridgeshire", CAMBS],
  ])("%s: every cell of the body as it stands, and every word the add-in itself would type there, is in its list", async (_name, file) => {
    const choice = chooseTrackerSheet(await readWorkbookGrids(file));
    if (!choice.ok) throw new Error(choice.message);
    const report = readTracker(choice.grid);
    const plan = validationPlan(choice.grid, report.tracker!, report.actions);
    const view = new GridView(choice.grid);
    for (const rule of plan.rules) {
      const col = columnNumber(rule.column);
      const texts = [];
      for (let row = report.tracker!.firstDataRow; row <= report.tracker!.lastDataRow; row++) {
        const t = view.text(row, col).trim();
        if (t && !view.isCovered(row, col)) texts.push(t);
      }
      expect(texts.length).toBeGreaterThan(10);
      expect(texts.filter((t) => !rule.words.includes(t))).toEqual([]);
    }
    for (const w of ragLabelWrites(choice.grid, report.actions)) expect(plan.rules[0].words).toContain(w.text);
  });

  it("adds Blue and White only where the tracker uses them", () => {
    const without = planOf(grid([["Ref", "RAG"], ["1", "Red"], ["2", "Green"]]));
    expect(without.rules[0].words).toEqual(["Red", "Amber", "Green"]);
    const withBoth = planOf(grid([["Ref", "RAG"], ["1", "Blue"], ["2", "grey"], ["3", "Red"]]));
    expect(withBoth.rules[0].words).toEqual(["Red", "Amber", "Green", "Blue", "White"]);
  });

  it("offers the five-point scale's points, in the scale's order, where the tracker uses that scale", () => {
    const five = planOf(grid([["Ref", "RAG"], ["1", "Amber/Green"], ["2", "Green/Amber"], ["3", "Red"]]));
    expect(five.rules[0].words).toEqual(["Red", "Amber/Red", "Amber", "Amber/Green", "Green"]);
    // One stray point is read as its first colour (a guess): the list stays Red, Amber, Green.
    expect(planOf(grid([["Ref", "RAG"], ["1", "Amber/Green"], ["2", "Green"], ["3", "Red"]])).rules[0].words).toEqual(["Red", "Amber", "Green"]);
  });

  it("leaves without the list the cells that hold a status followed by a sentence, and only those", () => {
    const plan = planOf(
      grid([
        ["Ref", "Action", "Status"],
        ["1", "a", "Completed. This meeting took place on 3 March."],
        ["2", "b", "In progress"],
        ["3", "c", "Complete\n\nThis research was published in May."],
        ["4", "d", "Banana"],
        ["5", "e", "Complete"],
        ["6", "f", "On hold: waiting for the budget"],
        ["7", "g", "Closed; superseded by 4"],
      ]),
    );
    const [status] = plan.rules;
    expect(status.range).toBe("C2:C8");
    // Runs of such cells are one range each.
    expect(status.except).toEqual(["C2", "C4", "C7:C8"]);
    // A tracker without such cells: no exceptions at all.
    expect(planOf(grid([["Ref", "Status"], ["1", "Completed"], ["2", "Complete"]])).rules[0].except).toBeUndefined();
  });

  it("writes directions as the tracker does: glyphs, words, or glyph and word", () => {
    const words = (rows: string[]) => planOf(grid([["Ref", "Direction of travel"], ...rows.map((r, i) => [String(i + 1), r])])).rules[0].words;
    expect(words(["↑", "↔", "↓"])).toEqual(["↑", "↓", "↔", "New"]);
    expect(words(["Improved", "No change", "Same"])).toEqual(["Improved", "Deteriorated", "No change", "New"]);
    expect(words(["↑ improved", "↔ no change"])).toEqual(["↑ improved", "↓ deteriorated", "↔ no change", "new"]);
  });

  it("puts one rule on each delivery column's body, never a whole column, and none on an empty table", () => {
    const plan = planOf(grid([["Title"], ["Ref", "Status", "RAG", "Direction of travel"], ["1", "Completed", "Green", "↑"], ["2", "In progress", "Amber", "↔"]]));
    expect(plan.rules.map((r) => `${r.field}:${r.range}`)).toEqual(["status:B3:B4", "rag:C3:C4", "direction:D3:D4"]);
    expect(plan.rules.every((r) => /^[A-Z]+\d+:[A-Z]+\d+$/.test(r.range))).toBe(true);
    const empty = readTracker(grid([["Ref", "Status", "Action"]]));
    if (empty.tracker) expect(validationPlan(grid([["Ref", "Status", "Action"]]), empty.tracker, empty.actions).rules).toEqual([]);
  });

  it("offers stop as an option; the alert names the words either way", () => {
    const g = grid([["Ref", "Status"], ["1", "Completed"]]);
    const stop = planOf(g, { style: "stop" }).rules[0];
    expect(stop.error.style).toBe("stop");
    expect(stop.error.message).toMatch(/^Use one of: Completed, In progress, On hold, Not yet started or Closed\. Pick one/);
    expect(planOf(g).rules[0].error.message).toMatch(/choose Yes/);
  });

  it("keeps a list within Excel's 255 characters, leaving out (and naming) what does not fit or holds a comma", () => {
    const own = Array.from({ length: 30 }, (_, i) => `Signed off by the board, item ${i}`.replace(",", "") + " of the year");
    const plan = planOf(grid([["Ref", "Status"], ["1", "Completed"]]), { ownWords: { status: ["Signed off", "Closed, with notes", ...own] } });
    const [rule] = plan.rules;
    expect(rule.words.slice(0, 6)).toEqual(["Completed", "In progress", "On hold", "Not yet started", "Closed", "Signed off"]);
    expect(rule.dropped).toContain("Closed, with notes");
    expect(rule.source.length).toBeLessThanOrEqual(MAX_LIST_SOURCE);
    expect(rule.source.length + 1 + rule.dropped[1].length).toBeGreaterThan(MAX_LIST_SOURCE);
    expect(rule.words.length + rule.dropped.length).toBe(5 + 2 + own.length);
    // The alert names as many words as fit its 225 characters and says how many more.
    expect(rule.error.message).toMatch(/and \d+ more in the drop-down/);
    expectWithinExcelLimits(plan);
  });

  it("tells ours from anyone else's by the input title alone", () => {
    for (const title of Object.values(VALIDATION_TITLES)) expect(isOurValidation(title)).toBe(true);
    for (const title of ["", "Status", "delivery plan: status", "Delivery plan: status ", null, undefined]) expect(isOurValidation(title)).toBe(false);
  });

  it("says cells as runs", () => {
    expect(describeCells(["C7", "C8", "C9", "C20"])).toBe("C7:C9 and C20");
    expect(describeCells(["C10", "C9"])).toBe("C9:C10");
    expect(describeCells(["C1", "C3", "C5", "C7", "C9", "C11", "C13", "C15"])).toBe("C1, C3, C5, C7, C9, C11 and 2 more");
  });
});
