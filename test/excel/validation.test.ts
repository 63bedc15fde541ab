/** The drop-down lists on the Office path (Range.dataValidation), against the Excel double. */
import { VALIDATION_TITLES, chooseTrackerSheet, readTracker, validationPlan } from "../../src/model";
import type { SheetGrid, ValidationPlan } from "../../src/model";
import { readWorkbookGrids } from "../../src/xlsx";
import { applyValidation, removeValidation } from "../../src/excel/validation";
import { createExcelHost } from "../../src/excel/host";
import { ExcelDouble, userValidation } from "../double/excel-double";
import type { DoubleSheet } from "../double/excel-double";
import { bigTracker } from "./big-tracker";
import { CAMBS, HERTS, grid } from "../support/factories";
import { ok } from "../support/host-results";

// 20,000-row trackers: several seconds on a busy 2-core CI machine.
jest.setTimeout(60_000);

let uninstall: () => void = () => undefined;
afterEach(() => uninstall());

function planFor(grid: SheetGrid): ValidationPlan {
  const report = readTracker(grid);
  return validationPlan(grid, report.tracker!, report.actions);
}

async function seeded(file: string) {
  const grids = await readWorkbookGrids(file);
  const choice = chooseTrackerSheet(grids);
  if (!choice.ok) throw new Error(choice.message);
  const x = ExcelDouble.fromGrids(grids);
  uninstall = x.installMicrosoftClient();
  return { x, plan: planFor(choice.grid), sheet: x.sheet(choice.grid.name)! };
}

/** The cells holding a rule, "C5" → the rule's input title. */
function titles(sheet: DoubleSheet): Map<string, string> {
  const letters = (c: number) => String.fromCharCode(64 + c);
  return new Map([...sheet.validations.entries()].map(([key, v]) => [`${letters(Number(key.split(",")[1]))}${key.split(",")[0]}`, v.prompt.title]));
}

const OWN = { rule: { list: { inCellDropDown: true, source: "Yes,No" } }, prompt: { message: "Pick one", showPrompt: true, title: "Our own list" } };

describe("adding the drop-down lists in Excel", () => {
  it("puts the plan's list, input message and alert on exactly each column's data body, in 2 round trips", async () => {
    const { x, plan, sheet } = await seeded(HERTS);
    x.resetCounters();
    const done = await Excel.run((c) => applyValidation(c, plan));
    expect(x.wire.commandSyncs).toHaveLength(2);
    expect(done).toMatchObject({ added: ["C5:C106 (Status)"], replaced: 0, kept: [], syncs: 2 });
    const cells = titles(sheet);
    expect(cells.size).toBe(102);
    for (let row = 5; row <= 106; row++) expect(cells.get(`C${row}`)).toBe(VALIDATION_TITLES.status);
    const v = sheet.validations.get("5,3")!;
    expect(v).toEqual({
      rule: { list: { inCellDropDown: true, source: "Completed,In progress,On hold,Not yet started,Closed" } },
      prompt: { showPrompt: true, title: "Delivery plan: status", message: "Choose the status for this reporting period from the list." },
      errorAlert: { showAlert: true, style: "Warning", title: "Not a usual status", message: plan.rules[0].error.message },
      ignoreBlanks: true,
    });
  });

  it("applying twice leaves one rule per column, the same one; no value changes", async () => {
    const { plan, sheet } = await seeded(CAMBS);
    const before = JSON.stringify(sheet.values);
    await Excel.run((c) => applyValidation(c, plan));
    const once = JSON.stringify([...sheet.validations.entries()]);
    const again = await Excel.run((c) => applyValidation(c, plan));
    expect(again).toMatchObject({ added: ["F6:F49 (RAG and direction)"], replaced: 1, kept: [] });
    expect(JSON.stringify([...sheet.validations.entries()])).toBe(once);
    // One rule: every cell of the body holds the same one, so Excel reads the body's rule as one List.
    const read = await Excel.run(async (c) => {
      const dv = c.workbook.worksheets.getItem("Delivery Plan").getRange("F6:F49").dataValidation;
      dv.load("type,prompt");
      await c.sync();
      return [dv.type, dv.prompt.title];
    });
    expect(read).toEqual(["List", VALIDATION_TITLES["rag-direction"]]);
    expect(JSON.stringify(sheet.values)).toBe(before);
  });

  it("replaces ours when the tracker has grown below it (the new rows had none)", async () => {
    const { x, plan, sheet } = await seeded(HERTS);
    await Excel.run((c) => applyValidation(c, plan));
    for (let row = 100; row <= 106; row++) sheet.validations.delete(`${row},3`);
    x.resetCounters();
    const done = await Excel.run((c) => applyValidation(c, plan));
    expect(done).toMatchObject({ added: ["C5:C106 (Status)"], replaced: 1, kept: [], syncs: 3 });
    expect(x.wire.commandSyncs).toHaveLength(3);
    expect(titles(sheet).size).toBe(102);
  });

  it("leaves a user's own rule on the status column untouched and says where; other columns still get ours", async () => {
    const grid: SheetGrid = bigTracker(30);
    const x = ExcelDouble.fromGrids([grid]);
    uninstall = x.installMicrosoftClient();
    const sheet = x.sheet("Tracker")!;
    userValidation(sheet, "D10:D12", OWN);
    const plan = planFor(grid);
    const status = plan.rules.find((r) => r.field === "status")!;
    const done = await Excel.run((c) => applyValidation(c, plan));
    expect(done.kept).toEqual([
      {
        range: status.range,
        cells: "D10:D12",
        message: `D10:D12 on "Tracker" already have a data-validation rule the add-in did not write, so the Status column (${status.range}) was left as it is. To use the add-in's drop-down there, remove that rule (Data > Data Validation > Clear All) and add the lists again.`,
      },
    ]);
    expect(done.added).toEqual(plan.rules.filter((r) => r.field !== "status").map((r) => `${r.range} (${r.field === "rag" ? "RAG" : "Direction of travel"})`));
    const cells = titles(sheet);
    expect([...cells].filter(([c]) => c.startsWith("D"))).toEqual([
      ["D10", "Our own list"],
      ["D11", "Our own list"],
      ["D12", "Our own list"],
    ]);
    expect(sheet.validations.get("10,4")).toEqual({ ...OWN, errorAlert: { message: "", showAlert: true, style: "Stop", title: "" }, ignoreBlanks: true });
  });
});

describe("a status followed by a sentence, in Excel", () => {
  it("keeps no list on such a cell, applying once (2 round trips) or twice (3); removing leaves nothing of ours; no value changes", async () => {
    const g = grid([
      ["Ref", "Action", "Status"],
      ["1", "a", "Completed. This meeting took place on 3 March."],
      ["2", "b", "In progress"],
      ["3", "c", "Complete\n\nThis research was published in May."],
      ["4", "d", "Not yet started"],
      ["5", "e", "On hold: waiting for the budget"],
      ["6", "f", "Closed; superseded by 4"],
    ]);
    const x = ExcelDouble.fromGrids([g]);
    uninstall = x.installMicrosoftClient();
    const sheet = x.sheet("Tracker")!;
    const before = JSON.stringify(sheet.values);
    const plan = planFor(g);
    expect(plan.rules[0].except).toEqual(["C2", "C4", "C6:C7"]);
    for (let i = 0; i < 2; i++) {
      x.resetCounters();
      const done = await Excel.run((c) => applyValidation(c, plan));
      expect(done).toMatchObject({ added: ["C2:C7 (Status)"], replaced: i, kept: [] });
      // Again: the body is validated in part (ours, and none on C2 and C4), which takes one more read (probe).
      expect(x.wire.commandSyncs).toHaveLength(i === 0 ? 2 : 3);
      expect([...titles(sheet).keys()].sort()).toEqual(["C3", "C5"]);
    }
    const removed = await Excel.run((c) => removeValidation(c, plan));
    expect(removed.kept).toEqual([]);
    expect(titles(sheet).size).toBe(0);
    expect(JSON.stringify(sheet.values)).toBe(before);
  });
});

describe("removing the add-in's drop-down lists", () => {
  it("removes only ours: a user's rule on another column, and a column holding theirs, stay", async () => {
    const grid: SheetGrid = bigTracker(30);
    const x = ExcelDouble.fromGrids([grid]);
    uninstall = x.installMicrosoftClient();
    const sheet = x.sheet("Tracker")!;
    const plan = planFor(grid);
    await Excel.run((c) => applyValidation(c, plan));
    // The user's own: a list on the Lead column, and later one cell of the RAG column (over ours).
    userValidation(sheet, "C6:C20", OWN);
    userValidation(sheet, "E9", OWN);
    const theirs = () => [...titles(sheet)].filter(([, t]) => t === "Our own list").map(([c]) => c);
    const before = theirs();
    x.resetCounters();
    const done = await Excel.run((c) => removeValidation(c, plan));
    expect(x.wire.commandSyncs.length).toBeLessThanOrEqual(2);
    const rag = plan.rules.find((r) => r.field === "rag")!;
    expect(done.removed).toEqual(plan.rules.filter((r) => r.field !== "rag").map((r) => `${r.range} (${r.field === "status" ? "Status" : "Direction of travel"})`));
    expect(done.kept.map((k) => k.range)).toEqual([rag.range]);
    expect(done.kept[0].message).toContain("nothing was removed from the RAG column");
    expect(theirs()).toEqual(before);
    // Nothing of ours is left outside the column that mixes ours with theirs.
    expect([...titles(sheet)].filter(([c, t]) => !c.startsWith("E") && t !== "Our own list")).toEqual([]);
  });
});

describe("the double's Range.dataValidation, as the docs describe DataValidationType", () => {
  it("reads None, the rule's type, MixedCriteria and Inconsistent; refuses a rule over another without clear()", async () => {
    const x = ExcelDouble.fromGrids([bigTracker(10)]);
    uninstall = x.installMicrosoftClient();
    const sheet = x.sheet("Tracker")!;
    const typeOf = (address: string) =>
      Excel.run(async (c) => {
        const dv = c.workbook.worksheets.getItem("Tracker").getRange(address).dataValidation;
        dv.load("type");
        await c.sync();
        return dv.type;
      });
    expect(await typeOf("D6:D10")).toBe("None");
    userValidation(sheet, "D6:D10", OWN);
    expect(await typeOf("D6:D10")).toBe("List");
    expect(await typeOf("D5:D10")).toBe("MixedCriteria");
    userValidation(sheet, "D7", { ...OWN, prompt: { ...OWN.prompt, title: "Another" } });
    expect(await typeOf("D6:D10")).toBe("Inconsistent");
    await expect(
      Excel.run(async (c) => {
        c.workbook.worksheets.getItem("Tracker").getRange("D6").dataValidation.rule = { list: { inCellDropDown: true, source: "A,B" } };
        await c.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidOperation" });
  });
});

describe("round trips do not grow with the rows", () => {
  it.each([1000, 20000])("adds and removes the lists on %i rows in a constant number of round trips, each request small", async (rows) => {
    const grid = bigTracker(rows);
    const x = ExcelDouble.fromGrids([grid]);
    uninstall = x.installMicrosoftClient();
    const plan = planFor(grid);
    expect(plan.rules).toHaveLength(3);
    x.resetCounters();
    const added = await Excel.run((c) => applyValidation(c, plan));
    expect(added.syncs).toBe(2);
    expect(x.wire.commandSyncs).toHaveLength(2);
    // The same actions in Microsoft's client's requests at any size: none per row or cell.
    expect(x.wire.commandSyncs.map((s) => s.operations)).toEqual([39, 18]);
    for (const s of x.wire.commandSyncs) expect(s.requestBytes).toBeLessThan(8_000); // 4.4 KB at 1,000 and at 20,000 rows
    const bodyRows = (range: string) => Number(/(\d+)$/.exec(range)![1]) - Number(/^[A-Z]+(\d+)/.exec(range)![1]) + 1;
    expect(x.sheet("Tracker")!.validations.size).toBe(plan.rules.reduce((n, r) => n + bodyRows(r.range), 0));
    expect(bodyRows(plan.rules[0].range)).toBeGreaterThan(rows);
    x.resetCounters();
    const removed = await Excel.run((c) => removeValidation(c, plan));
    expect(removed.removed).toHaveLength(3);
    expect(x.wire.commandSyncs).toHaveLength(2);
    expect(x.sheet("Tracker")!.validations.size).toBe(0);
  });

  it.each([1000, 20000])("the pane's Add drop-down lists on %i rows: the tracker's read, then 2 round trips", async (rows) => {
    const x = ExcelDouble.fromGrids([bigTracker(rows)]);
    uninstall = x.installMicrosoftClient();
    const host = createExcelHost({ requirements: { isSetSupported: () => true }, watch: false });
    x.resetCounters();
    ok(await host.readTracker({}));
    const reading = x.wire.commandSyncs.length;
    x.resetCounters();
    const done = ok(await host.addValidation({}, { style: "stop" }));
    expect(x.runs).toBe(1);
    // The read before every command (the sheet list, then the tracker in ~2 MB blocks), then the lists' 2.
    expect(x.wire.commandSyncs.length).toBe(reading + 2);
    expect(done.added).toHaveLength(3);
    expect(x.sheet("Tracker")!.validations.get("6,4")?.errorAlert.style).toBe("Stop");
    const removed = ok(await host.removeValidation({}));
    expect(removed.removed).toHaveLength(3);
    expect(x.sheet("Tracker")!.validations.size).toBe(0);
  });
});
