/**
 * The refresh path on Microsoft's own Excel client library (excel-web-16.00.js,
 * test/double/office-client.ts) over the wire host: change events reach the
 * handler as Excel sends them, a task after the sync that caused them. An edit to the tracker raises a change
 * event, a burst of edits gives one re-read, the published tracker changes and a
 * streaming function's result with it; the add-in's own writes and other
 * sheets' edits are ignored; the disposer removes the handler.
 */
import * as fns from "../../src/functions/functions";
import { currentTracker, listenerCount, publishTracker } from "../../src/shared/store";
import { loadTracker } from "../../src/excel/tracker";
import { DEFAULT_DEBOUNCE_MS, RefreshTimers, asOwnWrite, keepTrackerFresh, refreshTrackerNow, stopKeepingTrackerFresh, watchTracker, watchedTracker } from "../../src/excel/refresh";
import type { TrackerRefresh } from "../../src/excel/refresh";
import { createExcelHost } from "../../src/excel/host";
import { ExcelDouble } from "../double/excel-double";
import { SampleTracker, loadCambs, loadHerts } from "../support/sample-trackers";
import { clearTracker } from "../support/store";

/** Timers the test moves by hand. */
class ManualTimers implements RefreshTimers {
  now = 0;
  private nextId = 1;
  private readonly pending = new Map<number, { at: number; callback: () => void }>();
  set(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.pending.set(id, { at: this.now + ms, callback });
    return id;
  }
  clear(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  get waiting(): number {
    return this.pending.size;
  }
  advance(ms: number): void {
    this.now += ms;
    for (const [id, t] of [...this.pending].sort((a, b) => a[1].at - b[1].at)) {
      if (t.at > this.now) continue;
      this.pending.delete(id);
      t.callback();
    }
  }
}

class FakeCustomFunctionError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

/** A streaming COUNT as Excel would call it. */
function streamingCount(word: string) {
  const results: unknown[] = [];
  const inv = { setResult: (v: unknown) => results.push(v), onCanceled: undefined as (() => void) | undefined };
  fns.count(word, null as never, null as never, null as never, inv as unknown as CustomFunctions.StreamingInvocation<number>);
  return { results, last: () => results[results.length - 1], cancel: () => inv.onCanceled?.() };
}

let herts: SampleTracker;
let cambs: SampleTracker;
const SHEET = "Delivery Plan 2021-22";

beforeAll(async () => {
  [herts, cambs] = await Promise.all([loadHerts(), loadCambs()]);
  (globalThis as { CustomFunctions?: unknown }).CustomFunctions = { Error: FakeCustomFunctionError, ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" } };
});
afterAll(() => {
  delete (globalThis as { CustomFunctions?: unknown }).CustomFunctions;
});

let x: ExcelDouble;
let timers: ManualTimers;
let refresh: TrackerRefresh | null;
const streams: { cancel: () => void }[] = [];

/** What the pane does: read the active sheet and publish it. */
async function findAndPublish(double: ExcelDouble) {
  const { report } = await double.microsoftNamespace.run({ delayForCellEdit: true }, (ctx) => loadTracker(ctx));
  publishTracker(report);
  return report;
}

async function start(options: { debounceMs?: number } = {}) {
  refresh = await watchTracker({ sheet: SHEET, excel: x.microsoftNamespace, timers, ...options });
  return refresh;
}

beforeEach(async () => {
  x = ExcelDouble.fromGrids(herts.grids);
  timers = new ManualTimers();
  await findAndPublish(x);
  refresh = null;
});

afterEach(async () => {
  for (const s of streams.splice(0)) s.cancel();
  if (refresh) await refresh();
  clearTracker();
});

function count(word: string) {
  const c = streamingCount(word);
  streams.push(c);
  return c;
}

// Hertfordshire: action 1 is on row 6, its status in column C ("Completed").
it("registers one handler on the tracker's sheet in one batch", async () => {
  x.resetCounters();
  const r = await start();
  expect(x.runs).toBe(1);
  expect(x.wire.commandSyncs).toHaveLength(1);
  expect(x.sheetChangeHandlers).toHaveLength(1);
  expect(r.worksheetId).toBe(x.sheet(SHEET)!.id);
});

it("a burst of two edits to a status gives exactly one re-read, and the streaming COUNT follows", async () => {
  const r = await start();
  const inProgress = count("In progress");
  const completed = count("Completed");
  expect(inProgress.last()).toBe(52);
  x.resetCounters();

  x.userEdit(SHEET, "C6", "In progress");

  await x.wire.eventsDelivered();
  timers.advance(100);
  x.userEdit(SHEET, "C7", "in-progress");
  await x.wire.eventsDelivered();
  expect(x.runs).toBe(0); // nothing read yet: the burst may go on
  expect(timers.waiting).toBe(1);

  timers.advance(DEFAULT_DEBOUNCE_MS);
  await r.settled();
  expect(x.runs).toBe(1);
  expect(x.wire.commandSyncs.length).toBeLessThanOrEqual(3);
  expect(r.reads).toBe(1);
  expect(inProgress.results).toEqual([52, 54]);
  expect(completed.last()).toBe(43);
  expect(currentTracker()?.index.total()).toBe(97);
});

it("debounces: each edit restarts the wait; a quiet period ends the burst", async () => {
  const r = await start({ debounceMs: 300 });
  x.resetCounters();
  for (let i = 0; i < 5; i++) {
    x.userEdit(SHEET, `C${6 + i}`, "On hold");
    await x.wire.eventsDelivered();
    timers.advance(250);
  }
  expect(x.runs).toBe(0);
  timers.advance(50);
  await r.settled();
  expect(x.runs).toBe(1);
  expect(currentTracker()?.index.count("On hold")).toEqual({ ok: true, value: 5 });
});

it("an edit while a re-read is running gives one more re-read after it, never two at once", async () => {
  const r = await start();
  x.resetCounters();
  x.userEdit(SHEET, "C6", "On hold");
  await x.wire.eventsDelivered();
  timers.advance(DEFAULT_DEBOUNCE_MS); // the re-read starts (it awaits its syncs)
  x.userEdit(SHEET, "C7", "On hold");
  await x.wire.eventsDelivered();
  timers.advance(DEFAULT_DEBOUNCE_MS); // fires while the first is still running: queued
  await r.settled();
  expect(x.runs).toBe(2);
  expect(r.reads).toBe(2);
  expect(currentTracker()?.index.count("On hold")).toEqual({ ok: true, value: 2 });
});

it("ignores the add-in's own writes: Excel reports them as ThisLocalAddin", async () => {
  await start();
  const c = count("Completed");
  x.resetCounters();
  await x.microsoftNamespace.run(async (ctx) => {
    ctx.workbook.worksheets.getItem(SHEET).getRange("C6").values = [["On hold"]];
    await ctx.sync();
  });
  await x.wire.eventsDelivered();
  expect(x.runs).toBe(1); // the write itself
  expect(timers.waiting).toBe(0);
  timers.advance(1000);
  expect(x.runs).toBe(1);
  expect(c.results).toEqual([45]);
});

// Found on Microsoft's client (issue 13, Scope 3, "Our own writes on ExcelApi 1.13"): Excel delivers the change
// events after the write's sync, when asOwnWrite has returned; the write names its cells, so their late events are known.
it("on an Excel without triggerSource, ignores the late events of a write made inside asOwnWrite (and re-reads after others)", async () => {
  x.reportsTriggerSource = false;
  const r = await start();
  x.resetCounters();
  await asOwnWrite(
    () =>
      x.microsoftNamespace.run(async (ctx) => {
        ctx.workbook.worksheets.getItem(SHEET).getRange("C6").values = [["On hold"]];
        await ctx.sync();
      }),
    { sheet: SHEET, cells: ["C6"] },
  );
  await x.wire.eventsDelivered();
  expect(timers.waiting).toBe(0);
  // Not wrapped: indistinguishable from the user's, so it is read (one extra read, no loop).
  await x.microsoftNamespace.run(async (ctx) => {
    ctx.workbook.worksheets.getItem(SHEET).getRange("C7").values = [["On hold"]];
    await ctx.sync();
  });
  await x.wire.eventsDelivered();
  expect(timers.waiting).toBe(1);
  timers.advance(DEFAULT_DEBOUNCE_MS);
  await r.settled();
  expect(r.reads).toBe(1);
  expect(currentTracker()?.index.count("On hold")).toEqual({ ok: true, value: 2 });
});

it("a co-author's edit (source Remote) is re-read, as a user's is", async () => {
  const r = await start();
  x.coauthorEdit(SHEET, "C6", "On hold");
  await x.wire.eventsDelivered();
  expect(timers.waiting).toBe(1);
  timers.advance(DEFAULT_DEBOUNCE_MS);
  await r.settled();
  expect(currentTracker()?.index.count("On hold")).toEqual({ ok: true, value: 1 });
});

it.each([
  ["without triggerSource (ExcelApi 1.13)", false],
  ["with triggerSource (ExcelApi 1.14+)", true],
])("a co-author's edit that arrives while the add-in's own write runs is still re-read, %s", async (_name, reports) => {
  x.reportsTriggerSource = reports;
  const r = await start();
  await asOwnWrite(async () => {
    x.coauthorEdit(SHEET, "C6", "On hold");
    await x.wire.eventsDelivered();
  });
  expect(timers.waiting).toBe(1);
  timers.advance(DEFAULT_DEBOUNCE_MS);
  await r.settled();
  expect(currentTracker()?.index.count("On hold")).toEqual({ ok: true, value: 1 });
});

it("on ExcelApi 1.14+, the user's own edit during an add-in write is re-read: triggerSource says it is not ours", async () => {
  const r = await start();
  await asOwnWrite(async () => {
    x.userEdit(SHEET, "C7", "On hold");
    await x.wire.eventsDelivered();
  });
  expect(timers.waiting).toBe(1);
  timers.advance(DEFAULT_DEBOUNCE_MS);
  await r.settled();
  expect(currentTracker()?.index.count("On hold")).toEqual({ ok: true, value: 1 });
});

it("on an Excel without triggerSource, the user's own edit of a cell the add-in wrote is heard once the write's event came", async () => {
  x.reportsTriggerSource = false;
  const r = await start();
  await asOwnWrite(
    () =>
      x.microsoftNamespace.run(async (ctx) => {
        ctx.workbook.worksheets.getItem(SHEET).getRange("C6:C7").values = [["On hold"], ["On hold"]];
        await ctx.sync();
      }),
    { sheet: SHEET, cells: ["C6", "C7"] },
  );
  await x.wire.eventsDelivered();
  expect(timers.waiting).toBe(0);
  // The user then types into C6 (one of the cells written): crossed off with the write's event, so it is heard.
  x.userEdit(SHEET, "C6", "In progress");
  await x.wire.eventsDelivered();
  expect(timers.waiting).toBe(1);
  timers.advance(DEFAULT_DEBOUNCE_MS);
  await r.settled();
  expect(currentTracker()?.index.count("On hold")).toEqual({ ok: true, value: 1 });
});

it("hears only its own sheet", async () => {
  await start();
  x.addSheet("Notes");
  x.userEdit("Notes", "A1", "Completed");
  await x.wire.eventsDelivered();
  expect(timers.waiting).toBe(0);
});

it("re-reads the sheet by its id, so a renamed sheet is still followed", async () => {
  const r = await start();
  x.sheet(SHEET)!.name = "Plan (renamed)";
  x.userEdit("Plan (renamed)", "C6", "On hold");
  await x.wire.eventsDelivered();
  timers.advance(DEFAULT_DEBOUNCE_MS);
  await r.settled();
  expect(currentTracker()?.sheet).toBe("Plan (renamed)");
  expect(currentTracker()?.index.count("On hold")).toEqual({ ok: true, value: 1 });
});

it("keeps the previous period for CHANGE across re-reads", async () => {
  publishTracker(herts.report, herts.report.actions);
  const r = await start();
  x.userEdit(SHEET, "C6", "In progress");
  await x.wire.eventsDelivered();
  timers.advance(DEFAULT_DEBOUNCE_MS);
  await r.settled();
  expect(currentTracker()?.previous?.count("Completed")).toEqual({ ok: true, value: 45 });
  expect(currentTracker()?.index.count("Completed")).toEqual({ ok: true, value: 44 });
});

it("the disposer removes the handler: later edits are not read, the functions keep the last tracker", async () => {
  const r = await start();
  const c = count("Completed");
  x.userEdit(SHEET, "C6", "In progress");
  await x.wire.eventsDelivered();
  await r(); // disposed while the debounce was waiting: that read is dropped too
  refresh = null;
  expect(x.sheetChangeHandlers).toHaveLength(0);
  expect(timers.waiting).toBe(0);
  x.resetCounters();
  x.userEdit(SHEET, "C7", "In progress");
  await x.wire.eventsDelivered();
  timers.advance(5000);
  expect(x.runs).toBe(0);
  expect(c.results).toEqual([45]);
  await r(); // a second call does nothing
  expect(x.runs).toBe(0);
});

it("now() re-reads at once, e.g. after the add-in changed the tracker itself", async () => {
  const r = await start();
  await x.microsoftNamespace.run(async (ctx) => {
    ctx.workbook.worksheets.getItem(SHEET).getRange("C6").values = [["On hold"]];
    await ctx.sync();
  });
  await r.now();
  expect(r.reads).toBe(1);
  expect(currentTracker()?.index.count("On hold")).toEqual({ ok: true, value: 1 });
});

it("a failed re-read is reported and the handler stays", async () => {
  const errors: unknown[] = [];
  refresh = await watchTracker({ sheet: SHEET, excel: x.microsoftNamespace, timers, onError: (e) => errors.push(e) });
  const sheet = x.sheet(SHEET)!;
  x.userEdit(SHEET, "C6", "On hold");
  await x.wire.eventsDelivered();
  x.deleteSheet(sheet);
  timers.advance(DEFAULT_DEBOUNCE_MS);
  await refresh.settled();
  expect(errors).toHaveLength(1);
  expect(x.sheetChangeHandlers).toHaveLength(1);
  // Stopping the watch of a deleted sheet: Excel cannot find it to remove the handler (ItemNotFound);
  // the stop still succeeds (on Microsoft's client it used to reject, so no next watch could start).
  await expect(refresh()).resolves.toBeUndefined();
  refresh = null;
  expect(errors).toHaveLength(2);
  expect(errors[1]).toMatchObject({ code: "ItemNotFound" });
});

describe("the pane's host starts the refresh when it reads the tracker (one tracker watched at a time)", () => {
  let uninstall: () => void;
  const supported = { isSetSupported: () => true };
  beforeEach(() => {
    uninstall = x.installMicrosoftClient();
  });
  afterEach(async () => {
    await stopKeepingTrackerFresh();
    uninstall();
  });

  it("after the pane reads the tracker, an edit reaches a streaming function", async () => {
    clearTracker();
    const found = await createExcelHost({ requirements: supported, refreshTimers: timers }).readTracker({});
    expect(found).toMatchObject({ sheet: SHEET, actions: 97 });
    const watch = await watchedTracker();
    expect(x.sheetChangeHandlers).toHaveLength(1);
    const c = count("In progress");
    expect(c.last()).toBe(52);
    x.userEdit(SHEET, "C6", "In progress");
    await x.wire.eventsDelivered();
    timers.advance(DEFAULT_DEBOUNCE_MS - 1);
    expect(timers.waiting).toBe(1);
    timers.advance(1);
    await watch!.settled();
    expect(c.results).toEqual([52, 53]);
  });

  it("reading the tracker again keeps one handler, not two", async () => {
    const host = createExcelHost({ requirements: supported, refreshTimers: timers });
    await host.readTracker({});
    await watchedTracker();
    expect(x.sheetChangeHandlers).toHaveLength(1);
    await host.readTracker({ sheet: SHEET });
    await createExcelHost({ requirements: supported, refreshTimers: timers }).readTracker({});
    await watchedTracker();
    expect(x.sheetChangeHandlers).toHaveLength(1);
  });

  it("keepTrackerFresh on another workbook's tracker drops the old handler", async () => {
    const first = await keepTrackerFresh({ sheet: SHEET, excel: x.microsoftNamespace, timers });
    const other = ExcelDouble.fromGrids(cambs.grids);
    await keepTrackerFresh({ sheet: "Delivery Plan", excel: other.microsoftNamespace, timers });
    expect(x.sheetChangeHandlers).toHaveLength(0);
    expect(other.sheetChangeHandlers).toHaveLength(1);
    expect(first.reads).toBe(0);
    expect(listenerCount()).toBe(streams.length);
  });
});

it("two quick keepTrackerFresh calls (not awaited in turn) still leave one handler", async () => {
  const a = keepTrackerFresh({ sheet: SHEET, excel: x.microsoftNamespace, timers });
  const b = keepTrackerFresh({ sheet: SHEET, excel: x.microsoftNamespace, timers });
  await Promise.all([a, b]);
  expect(x.sheetChangeHandlers).toHaveLength(1);
  x.userEdit(SHEET, "C6", "On hold");
  await x.wire.eventsDelivered();
  await refreshTrackerNow();
  expect(currentTracker()?.index.count("On hold")).toEqual({ ok: true, value: 1 });
  await stopKeepingTrackerFresh();
  expect(x.sheetChangeHandlers).toHaveLength(0);
});

it("does not overwrite another sheet's tracker that the pane published meanwhile", async () => {
  const r = await start();
  x.userEdit(SHEET, "C6", "On hold");
  await x.wire.eventsDelivered();
  publishTracker(cambs.report); // the pane found another tracker; its watch is not started yet
  timers.advance(DEFAULT_DEBOUNCE_MS);
  await r.settled();
  expect(currentTracker()?.sheet).toBe("Delivery Plan");
  expect(r.reads).toBe(0);
});
