/** The bench's generated tracker (test/support/realistic-tracker.ts) read by the engine: it finds exactly what was written. */
import { countActions, readTracker } from "../../src/model";
import { REALISTIC_HEADER, REALISTIC_THEMES, realisticTracker } from "../support/realistic-tracker";

describe("the realistic generated tracker", () => {
  const { grid, expected, headerRow } = realisticTracker(2000);
  const report = readTracker(grid);
  const counts = countActions(report.actions);

  it("has the rows asked for, realistic text lengths, sections, sub-rows, spelling variants and fill-only RAGs", () => {
    expect(grid.values.length - headerRow).toBe(2000);
    expect(expected.actions + expected.subRows + expected.sections).toBe(2000);
    const body = grid.values.slice(headerRow);
    const actions = body.filter((r) => typeof r[0] === "string" && r[1] !== null);
    const actionLengths = actions.map((r) => String(r[1]).length);
    const updateLengths = actions.map((r) => String(r[6]).length);
    expect(Math.min(...actionLengths)).toBeGreaterThanOrEqual(150);
    expect(Math.max(...actionLengths)).toBeLessThanOrEqual(300);
    expect(Math.min(...updateLengths)).toBeGreaterThanOrEqual(300);
    expect(Math.max(...updateLengths)).toBeLessThanOrEqual(800);
    expect(expected.sections).toBeGreaterThanOrEqual(2000 / 120);
    expect(expected.subRows).toBeGreaterThan(200);
    const statuses = new Set(body.map((r) => r[3]).filter((v) => typeof v === "string"));
    for (const s of ["Complete", "completed ", "In Progress", "on-going", "Not started"]) expect(statuses).toContain(s);
    const rags = new Set(body.map((r) => r[4]).filter((v) => typeof v === "string"));
    for (const s of ["Yellow", "Amber", "G"]) expect(rags).toContain(s);
    expect(expected.ragFromFill).toBeGreaterThan(100);
  });

  it("is read by the engine as generated: the header, every action, its status, RAG and theme", () => {
    expect(report.tracker?.headerRow).toBe(headerRow);
    expect(report.tracker?.columns.map((c) => c.header)).toEqual([...REALISTIC_HEADER]);
    expect(report.actions).toHaveLength(expected.actions);
    expect(counts.status).toEqual(expected.status);
    expect(counts.rag).toEqual(expected.rag);
    expect(Object.keys(counts.byTheme).sort()).toEqual([...REALISTIC_THEMES].sort());
    for (const [theme, status] of Object.entries(expected.byTheme)) expect(counts.byTheme[theme].status).toEqual(status);
    expect(report.actions.filter((a) => a.ragSource === "fill")).toHaveLength(expected.ragFromFill);
    // Sub-activity rows are folded into their action, never counted on their own.
    expect(report.actions.reduce((n, a) => n + a.rows.length, 0)).toBe(expected.actions + expected.subRows);
    expect(report.actions.filter((a) => a.rows.length > 1).length).toBeGreaterThan(0);
  });

  it("reports what an officer would fix: spellings, fill-only RAGs and blank statuses, and no errors", () => {
    const codes = new Map<string, number>();
    for (const i of report.issues) codes.set(i.code, (codes.get(i.code) ?? 0) + 1);
    expect(report.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(codes.get("rag-from-fill")).toBe(expected.ragFromFill);
    expect(codes.get("missing-value")).toBe(expected.status["Not set"]);
    expect(codes.get("non-canonical")).toBeGreaterThan(expected.actions / 4);
  });

  it("is the same for the same size, and different for another seed", () => {
    expect(realisticTracker(300).grid).toEqual(realisticTracker(300).grid);
    expect(realisticTracker(300, { seed: 7 }).grid.values).not.toEqual(realisticTracker(300).grid.values);
  });
});
