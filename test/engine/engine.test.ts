/**
 * The engine behind the pane: the worker's protocol (grid in, report and plans
 * out, a slice at a time) gives exactly what the same code gives in the page.
 * The worker is faked in Node: every message is copied with structuredClone,
 * as postMessage copies it, and answered on a later task.
 */
import { chooseTrackerSheet, readTracker } from "../../src/model";
import type { IssueCode, SheetGrid, Snapshot } from "../../src/model";
import { readWorkbookGrids } from "../../src/xlsx";
import { EngineState, SLICE, inlineEngine, workerEngine } from "../../src/engine/engine";
import type { Engine, Request, WorkerReply } from "../../src/engine/engine";
import { ISSUES_PER_KIND } from "../../src/engine/answers";
import { realisticTracker } from "../support/realistic-tracker";
import { HERTS, HERTS_JUNE } from "../support/factories";
import { ExcelDouble } from "../double/excel-double";
import { loadTracker } from "../../src/excel/tracker";
import { currentTracker, publishTrackerAsync } from "../../src/shared/store";
import { clearTracker } from "../support/store";

// The 5,000- and 20,000-row cases take a few seconds on a busy 2-core CI machine.
jest.setTimeout(60_000);

/** A Worker running src/engine/worker.ts's loop, in this process. */
function fakeWorker() {
  const state = new EngineState();
  const listeners: ((event: { data: WorkerReply }) => void)[] = [];
  const sent: number[] = [];
  const worker = {
    postMessage(message: { id: number; request: Request }) {
      const { id, request } = structuredClone(message);
      if (request.op === "gridRows") sent.push(request.values.length);
      setTimeout(() => {
        let reply: WorkerReply;
        try {
          reply = { id, result: state.handle(request) };
        } catch (err) {
          reply = { id, error: (err as Error).message };
        }
        for (const l of listeners) l({ data: structuredClone(reply) });
      }, 0);
    },
    addEventListener(type: string, listener: (event: { data: WorkerReply }) => void) {
      if (type === "message") listeners.push(listener);
    },
  };
  return { engine: workerEngine(worker as unknown as Worker), sent };
}

const extra = { sheets: ["Tracker"], snapshots: [], warnings: [], overrides: {}, asOf: "2021-11-30T00:00:00.000Z" };

async function everything(engine: Engine, grid: SheetGrid, previous: Snapshot | null) {
  const key = "pane";
  const loaded = await engine.read({ key, grid });
  const comparedWith = previous ? { kind: "snapshot" as const, label: previous.period } : { kind: "none" as const };
  await engine.comparePeriods({ key, periods: { period: "Q3 2021/22", comparedWith, snapshots: previous ? [previous.period] : [], loaded: previous } });
  return {
    loaded,
    report: await engine.report({ key }),
    view: await engine.view({ key, extra }),
    rag: await engine.ragChanges({ key }),
    spellings: await engine.spellingCandidates({ key }),
    directions: previous ? await engine.directionChanges({ key }) : null,
    formatting: await engine.formatting({ key }),
    summary: await engine.summaryPlan({ key, now: "2021-11-30T00:00:00.000Z" }),
    snapshot: await engine.snapshotRows({ key, period: "Q3 2021/22", taken: "2021-11-30T00:00:00.000Z" }),
  };
}

describe("the engine in a worker gives what the engine in the page gives", () => {
  it("on Hertfordshire compared with June 2021", async () => {
    const grid = chooseTrackerSheet(await readWorkbookGrids(HERTS));
    const june = chooseTrackerSheet(await readWorkbookGrids(HERTS_JUNE));
    if (!grid.ok || !june.ok) throw new Error("samples");
    const previous: Snapshot = { period: "June 2021", taken: "2021-06-30", actions: readTracker(june.grid).actions };
    const inPage = await everything(inlineEngine(), grid.grid, previous);
    const { engine } = fakeWorker();
    const inWorker = await everything(engine, grid.grid, previous);
    expect(inWorker).toEqual(inPage);
    expect(inPage.loaded).toMatchObject({ ok: true, actions: 97 });
    expect(inPage.report.actions).toHaveLength(97);
    expect(inPage.view.status.filter((l) => l.count > 0)).toEqual([
      { key: "Completed", count: 45 },
      { key: "In progress", count: 52 },
    ]);
    expect(inPage.directions && "changes" in inPage.directions && inPage.directions.preview.counts).toMatchObject({ improved: 11, unchanged: 86 });
  });

  it("on a generated 5,000-row tracker, sent and returned a slice at a time", async () => {
    const { grid, expected } = realisticTracker(5_000);
    const inPage = await everything(inlineEngine(), grid, null);
    const { engine, sent } = fakeWorker();
    const inWorker = await everything(engine, grid, null);
    expect(inWorker).toEqual(inPage);
    expect(inPage.report.actions).toHaveLength(expected.actions);
    // The grid went in slices of at most SLICE rows.
    expect(sent.length).toBe(Math.ceil(grid.values.length / SLICE));
    expect(Math.max(...sent)).toBeLessThanOrEqual(SLICE);
    // The report and the summary's formats came back in several slices too.
    expect(inPage.report.actions.length).toBeGreaterThan(SLICE);
    expect(inPage.summary && "formats" in inPage.summary && inPage.summary.formats.length).toBeGreaterThan(SLICE);
  });
});

describe("reads that overlap", () => {
  it("two reads of the functions' tracker at once never mix their sheets", async () => {
    const a = realisticTracker(2_500, { name: "Sheet A", seed: 1 });
    const b = realisticTracker(1_200, { name: "Sheet B", seed: 2 });
    const x = ExcelDouble.fromGrids([a.grid, b.grid]);
    const { engine } = fakeWorker();
    const read = (sheet: string) => x.microsoftNamespace.run((c) => loadTracker(c, { sheet, engine })) // Microsoft's client (excel-web-16.00.js) on the double;
    const [ra, rb] = await Promise.all([read("Sheet A"), read("Sheet B")]);
    expect([ra.report.tracker?.sheet, ra.report.actions.length]).toEqual(["Sheet A", a.expected.actions]);
    expect([rb.report.tracker?.sheet, rb.report.actions.length]).toEqual(["Sheet B", b.expected.actions]);
  });

  it("a slow publication never overwrites a newer one", async () => {
    const big = readTracker(realisticTracker(5_000, { name: "Old" }).grid);
    const small = readTracker(realisticTracker(100, { name: "New" }).grid);
    const slow = publishTrackerAsync(big);
    const fast = publishTrackerAsync(small);
    await Promise.all([slow, fast]);
    expect(currentTracker()?.sheet).toBe("New");
    clearTracker();
  });
});

describe("a worker that fails", () => {
  it("fails the calls waiting on it with a plain message, then runs the engine in the page", async () => {
    const listeners: Record<string, ((event: unknown) => void)[]> = { message: [], error: [] };
    const worker = {
      postMessage() {
        // The script never loaded: Excel's pane reports an error event instead of an answer.
        setTimeout(() => listeners.error.forEach((l) => l({ message: "NetworkError: Failed to load worker script", preventDefault() {} })), 0);
      },
      addEventListener(type: string, l: (event: unknown) => void) {
        listeners[type]?.push(l);
      },
    };
    const engine = workerEngine(worker as unknown as Worker);
    const grid = chooseTrackerSheet(await readWorkbookGrids(HERTS));
    if (!grid.ok) throw new Error("sample");
    await expect(engine.read({ key: "pane", grid: grid.grid })).rejects.toThrow(
      "The add-in's engine stopped (NetworkError: Failed to load worker script). Try again: it will now run in the pane itself.",
    );
    await expect(engine.read({ key: "pane", grid: grid.grid })).resolves.toMatchObject({ ok: true, actions: 97 });
    expect((await engine.view({ key: "pane", extra })).actions).toBe(97);
  });
});

describe("the view of a tracker with thousands of issues", () => {
  it("lists at most a few hundred of each kind, and counts every one", async () => {
    const { grid } = realisticTracker(20_000);
    const engine = inlineEngine();
    const loaded = await engine.read({ key: "pane", grid });
    expect(loaded.ok).toBe(true);
    const view = await engine.view({ key: "pane", extra });
    const all = [...(await engine.report({ key: "pane" })).issues];
    const totals = view.issueTotals!;
    expect(totals.total).toBeGreaterThanOrEqual(all.length);
    expect(Object.values(totals.byKind).reduce((n, k) => n + k.count, 0)).toBe(totals.total);
    expect(totals.bySeverity.error + totals.bySeverity.warning + totals.bySeverity.info).toBe(totals.total);
    const listedPerKind = new Map<IssueCode, number>();
    for (const i of view.issues) listedPerKind.set(i.code, (listedPerKind.get(i.code) ?? 0) + 1);
    for (const [code, n] of listedPerKind) expect(n).toBe(Math.min(ISSUES_PER_KIND, totals.byKind[code]!.count));
    expect(view.issues.length).toBeLessThan(totals.total);
  });

  it("says plainly when a sheet holds no tracker, and refuses a question before any read", async () => {
    const engine = inlineEngine();
    const loaded = await engine.read({ key: "pane", grid: { name: "Notes", firstRow: 1, firstColumn: 1, values: [["Minutes of the meeting"]], merges: [] } });
    expect(loaded).toEqual({ ok: false, message: expect.stringMatching(/^No tracker table found in sheet "Notes"/) });
    await expect(engine.view({ key: "other", extra })).rejects.toThrow('The engine has no tracker read under "other"');
    const { engine: worker } = fakeWorker();
    await expect(worker.formatting({ key: "other" })).rejects.toThrow('The engine has no tracker read under "other"');
  });
});

describe("a reading that rests on a guess", () => {
  it("comes first among the pane's issues, before the errors, with the words of how to confirm it", async () => {
    const grid: SheetGrid = {
      name: "Tracker",
      firstRow: 1,
      firstColumn: 1,
      values: [
        ["Ref", "Action", "RAG", "RAG", "Status"],
        ["1", "a", "Amber", "Green", "Banana"],
        ["2", "b", "Green", "Red", "In progress"],
      ],
      merges: [],
    };
    const engine = inlineEngine();
    await engine.read({ key: "pane", grid });
    const view = await engine.view({ key: "pane", extra });
    expect(view.issues.map((i) => i.code).slice(0, 2)).toEqual(["guessed-reading", "unknown-value"]);
    expect(view.issues[0].message).toContain("--map rag=C");
  });
});

describe("the pane's counts on a five-point scale", () => {
  it("list each point between its neighbours where the tracker uses that scale, and only there", async () => {
    const grid = (rags: string[]): SheetGrid => ({ name: "Tracker", firstRow: 1, firstColumn: 1, values: [["Ref", "Action", "RAG"], ...rags.map((r, i) => [String(i + 1), `a${i}`, r])], merges: [] });
    const engine = inlineEngine();
    await engine.read({ key: "pane", grid: grid(["Amber/Green", "Green/Amber", "Red/Amber", "Green"]) });
    const view = await engine.view({ key: "pane", extra });
    expect(view.rag.map((l) => [l.key, l.count])).toEqual([
      ["Red", 0],
      ["Amber/Red", 1],
      ["Amber", 0],
      ["Amber/Green", 2],
      ["Green", 1],
      ["Blue", 0],
      ["White", 0],
      ["Not set", 0],
    ]);
    await engine.read({ key: "plain", grid: grid(["Amber", "Green", "Red"]) });
    const plain = await engine.view({ key: "plain", extra });
    expect(plain.rag.map((l) => l.key)).toEqual(["Red", "Amber", "Green", "Blue", "White", "Not set"]);
  });
});
