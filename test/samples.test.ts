/** The engine on the real trackers from the public record (../samples, copied from shared/samples). */
import { ActionSchema, IssueSchema, TrackerSchema, countActions, readTracker, chooseTrackerSheet } from "../src/model";
import { MappedRowSchema, mappedRows } from "./support/mapped-rows";
import { readWorkbookGrids } from "../src/xlsx";
import { CAMBS, HERTS } from "./support/factories";

async function load(file: string) {
  const choice = chooseTrackerSheet(await readWorkbookGrids(file));
  if (!choice.ok) throw new Error(choice.message);
  const report = readTracker(choice.grid);
  return { report, counts: countActions(report.actions) };
}

describe("Hertfordshire Annual Delivery Plan 2021-22", () => {
  it("finds the header on row 4 below two title rows and maps every column", async () => {
    const { report } = await load(HERTS);
    expect(report.tracker).toMatchObject({ sheet: "Delivery Plan 2021-22", headerRow: 4, referencesInActionText: false });
    expect(report.tracker!.columns.map((c) => `${c.column}:${c.field}`)).toEqual([
      "A:id",
      "B:action",
      "C:status",
      "D:update",
      "E:timeframe",
      "F:references",
      "G:references",
    ]);
  });

  it("reproduces the published figures: 97 actions, 45 complete, 52 in progress", async () => {
    const { report, counts } = await load(HERTS);
    expect(counts.actions).toBe(97);
    expect(counts.status).toEqual({ Completed: 45, "In progress": 52, "On hold": 0, "Not yet started": 0, Closed: 0, "Not set": 0 });
    expect(new Set(report.actions.map((a) => a.id)).size).toBe(97);
    expect(report.actions.map((a) => Number(a.id)).sort((x, y) => x - y)).toEqual(Array.from({ length: 97 }, (_, i) => i + 1));
  });

  it("takes each action's theme from the section row above it", async () => {
    const { report, counts } = await load(HERTS);
    expect(Object.keys(counts.byTheme)).toEqual([
      "Building on Success: Constabulary / partner actions",
      "Public Focus: Constabulary / partner actions",
      "Public Focus: OPCC actions",
      "Business Sense: Constabulary / partner actions",
      "Business Sense: OPCC actions",
    ]);
    const a58 = report.actions.find((a) => a.id === "58")!;
    expect(a58).toMatchObject({ theme: "Public Focus: OPCC actions", status: "In progress", rows: [80] });
    expect(a58.references).toEqual(["38", "-"]);
    expect(Object.values(counts.byTheme).reduce((n, t) => n + t.actions, 0)).toBe(97);
  });

  it("reports no errors and no warnings", async () => {
    const { report } = await load(HERTS);
    expect(report.issues).toEqual([]);
  });
});

describe("Cambridgeshire Delivery Plan, November 2018", () => {
  it("finds the header on row 5 below the title and the RAG and direction keys", async () => {
    const { report } = await load(CAMBS);
    expect(report.tracker).toMatchObject({ sheet: "Delivery Plan", headerRow: 5, referencesInActionText: true });
    const byField = Object.fromEntries(report.tracker!.columns.map((c) => [c.field, c.column]));
    expect(byField).toEqual({ theme: "A", action: "B", lead: "C", deliveryLead: "D", update: "E", rag: "F", direction: "F" });
  });

  it("reads 40 actions, V1–V9, O1–O11, C1–C10, T1–T10, from the references inside the action text", async () => {
    const { report, counts } = await load(CAMBS);
    const expected = [
      ...Array.from({ length: 9 }, (_, i) => `V${i + 1}`),
      ...Array.from({ length: 11 }, (_, i) => `O${i + 1}`),
      ...Array.from({ length: 10 }, (_, i) => `C${i + 1}`),
      ...Array.from({ length: 10 }, (_, i) => `T${i + 1}`),
    ];
    expect(report.actions.map((a) => a.id)).toEqual(expected);
    expect(counts.actions).toBe(40);
    expect(report.actions[0].action).toMatch(/^Ensure that victims/);
  });

  it("folds the sub-activity rows under merged cells into one action", async () => {
    const { report } = await load(CAMBS);
    const o2 = report.actions.find((a) => a.id === "O2")!;
    expect(o2.rows).toEqual([16, 17, 18]);
    expect(o2.update.split("\n").map((l) => l.slice(0, 4))).toEqual(["O2.1", "O2.2", "O2.3"]);
    expect(o2.lead).toBe("CK");
    expect(report.actions.find((a) => a.id === "O5")!.rows).toEqual([21, 22]);
    expect(report.actions.find((a) => a.id === "C10")!.rows).toEqual([38, 39]);
  });

  it("recovers RAG from fill colour (Red 1, Amber 1, Green 1) and counts the typed arrows", async () => {
    const { report, counts } = await load(CAMBS);
    expect(counts.rag).toMatchObject({ Red: 1, Amber: 1, Green: 1 });
    expect(report.actions.filter((a) => a.rag).map((a) => `${a.id}:${a.rag}:${a.ragSource}`)).toEqual([
      "V7:Amber:fill",
      "V8:Green:fill",
      "V9:Red:fill",
    ]);
    expect(counts.direction).toMatchObject({ improved: 5, unchanged: 16, deteriorated: 0 });
    expect(report.issues.filter((i) => i.code === "rag-from-fill").map((i) => i.cell)).toEqual(["F12", "F13", "F14"]);
  });

  it("reports the four actions with no action text, and no errors", async () => {
    const { report } = await load(CAMBS);
    const missing = report.issues.filter((i) => i.code === "missing-action-text");
    expect(missing.map((i) => i.cell)).toEqual(["B40", "B41", "B46", "B47"]);
    expect(missing[0].message).toContain("T1");
    expect(report.issues.filter((i) => i.severity === "error")).toEqual([]);
  });
});

describe("the engine's output matches its zod schemas", () => {
  it.each([
    ["Hertfordshire", HERTS],
    ["Cambridgeshire", CAMBS],
  ])("%s: every action, issue and the tracker parse", async (_name, file) => {
    const { report } = await load(file);
    expect(() => TrackerSchema.parse(report.tracker)).not.toThrow();
    for (const a of report.actions) expect(ActionSchema.safeParse(a).success).toBe(true);
    for (const i of report.issues) expect(IssueSchema.safeParse(i).success).toBe(true);
    const choice = chooseTrackerSheet(await readWorkbookGrids(file));
    if (!choice.ok) throw new Error(choice.message);
    const rows = mappedRows(choice.grid, report.tracker!);
    for (const r of rows) expect(MappedRowSchema.safeParse(r).success).toBe(true);
    expect(rows.length).toBe(report.tracker!.lastDataRow - report.tracker!.firstDataRow + 1);
  });

  it("rejects a malformed action", () => {
    expect(ActionSchema.safeParse({ id: "1", status: "Finished" }).success).toBe(false);
  });
});
