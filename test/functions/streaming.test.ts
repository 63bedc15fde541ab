/**
 * The ACTIONS functions as Excel calls them (functions.ts): with a streaming
 * invocation, results pushed with setResult, errors as CustomFunctions.Error,
 * a new result each time the tracker is published, and the subscription
 * dropped in onCanceled.
 */
import * as fns from "../../src/functions/functions";
import { listenerCount, publishTracker } from "../../src/shared/store";
import type { Action } from "../../src/model";
import { SampleTracker, loadCambs, loadHerts, trackerRange } from "../support/sample-trackers";
import { clearTracker } from "../support/store";

/** What office's custom functions runtime provides (the part functions.ts uses). */
class FakeCustomFunctionError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}
const ErrorCode = { invalidValue: "#VALUE!", notAvailable: "#N/A", divisionByZero: "#DIV/0!", invalidNumber: "#NUM!", nullReference: "#NULL!", invalidName: "#NAME?", invalidReference: "#REF!" };

beforeAll(() => {
  (globalThis as { CustomFunctions?: unknown }).CustomFunctions = { Error: FakeCustomFunctionError, ErrorCode };
});
afterAll(() => {
  delete (globalThis as { CustomFunctions?: unknown }).CustomFunctions;
});

/** A streaming invocation: records every result Excel would show. */
class Invocation<T> {
  readonly results: unknown[] = [];
  onCanceled?: () => void;
  setResult(value: T | FakeCustomFunctionError) {
    this.results.push(value);
  }
  get last(): unknown {
    return this.results[this.results.length - 1];
  }
  cancel() {
    this.onCanceled?.();
  }
}
function invocation<T>(): Invocation<T> & CustomFunctions.StreamingInvocation<T> {
  return new Invocation<T>() as unknown as Invocation<T> & CustomFunctions.StreamingInvocation<T>;
}

let herts: SampleTracker;
let cambs: SampleTracker;
const open: Invocation<unknown>[] = [];

beforeAll(async () => {
  [herts, cambs] = await Promise.all([loadHerts(), loadCambs()]);
});

afterEach(() => {
  // Excel cancels every streaming call when the workbook closes.
  for (const i of open.splice(0)) i.cancel();
  clearTracker();
  expect(listenerCount()).toBe(0);
});

/** Call a function as Excel does: omitted optional arguments are null, the invocation comes last. */
function call<T>(fn: (...args: never[]) => void, ...args: unknown[]): Invocation<T> {
  const inv = invocation<T>();
  open.push(inv as Invocation<unknown>);
  (fn as unknown as (...a: unknown[]) => void)(...args, inv);
  return inv;
}

it("without a tracker, every function streams #N/A asking to open the pane", () => {
  const calls = [
    call(fns.count, "In progress", null, null, null),
    call(fns.total, null, null),
    call(fns.percent, "Completed", null, null),
    call(fns.status, "58", null),
    call(fns.rag, "V9", null),
    call(fns.change, "Completed"),
    call(fns.list, "Completed", null, null),
    call(fns.themes, null),
  ];
  for (const c of calls) {
    expect(c.results).toHaveLength(1);
    expect(c.last).toBeInstanceOf(FakeCustomFunctionError);
    expect(c.last).toEqual({ code: "#N/A", message: "Open the Delivery plan pane to choose the tracker." });
  }
  expect(listenerCount()).toBe(calls.length);
});

it("every function gives its answer when the tracker is published, and again on each republish", () => {
  const count = call(fns.count, "In progress", null, null, null);
  const total = call(fns.total, null, null);
  const percent = call(fns.percent, "Completed", null, null);
  const status = call(fns.status, "58", null);
  const list = call(fns.list, "Completed", null, null);
  const themes = call(fns.themes, null);
  const rag = call(fns.rag, "V9", null);
  const byLead = call(fns.count, "↑", null, [["NP"]], null);
  const byTheme = call(fns.count, "↑", [["Victims"]], null, null);

  publishTracker(herts.report);
  expect(count.last).toBe(52);
  expect(total.last).toBe(97);
  expect(percent.last).toBeCloseTo(45 / 97, 12);
  expect(status.last).toBe("In progress");
  expect(list.last).toHaveLength(45);
  expect(themes.last).toHaveLength(5);
  expect(rag.last).toMatchObject({ code: "#N/A", message: 'No action with reference "V9" in the tracker.' });

  // The user edits the tracker: one action now complete.
  const edited = herts.report.actions.map((a) => (a.id === "58" ? { ...a, status: "Completed" as const } : a));
  publishTracker({ ...herts.report, actions: edited });
  expect(count.last).toBe(51);
  expect(percent.last).toBeCloseTo(46 / 97, 12);
  expect(status.last).toBe("Completed");
  expect(list.last).toHaveLength(46);

  // Another tracker altogether.
  publishTracker(cambs.report);
  expect(rag.last).toBe("Red");
  expect(byLead.last).toBe(4);
  expect(byTheme.last).toBe(3);
  expect(count.results).toEqual([expect.any(FakeCustomFunctionError), 52, 51, 0]);
});

it("CHANGE streams the difference with the previous period", () => {
  const change = call(fns.change, "Completed");
  const previous: Action[] = herts.report.actions.map((a, i) => (i < 3 && a.status === "Completed" ? { ...a, status: "In progress" as const } : a));
  publishTracker(herts.report, previous);
  // Actions 1, 2 and 3 are complete now and were in progress then.
  expect(herts.report.actions.slice(0, 3).map((a) => a.status)).toEqual(["Completed", "Completed", "Completed"]);
  expect(change.last).toBe(3);
});

it("an unknown word streams #VALUE! listing the accepted words", () => {
  publishTracker(cambs.report);
  const c = call(fns.count, "Purple", null, null, null);
  expect(c.last).toMatchObject({ code: "#VALUE!", message: expect.stringMatching(/"Purple" is not a status, RAG or direction we know\. Use one of: Completed, .*Red, .*↑/) });
});

it("onCanceled unsubscribes: the cell stops updating and no listener is left", () => {
  const before = listenerCount();
  const c = call(fns.count, "Red", null, null, null);
  expect(listenerCount()).toBe(before + 1);
  publishTracker(cambs.report);
  expect(c.last).toBe(1);
  c.cancel();
  expect(listenerCount()).toBe(before);
  publishTracker(herts.report);
  expect(c.results).toHaveLength(2);
});

it("with an explicit source range, the function answers from the range and does not listen", () => {
  const range = trackerRange(cambs);
  const before = listenerCount();
  const c = call(fns.count, "↑", range, null, null);
  const t = call(fns.total, [["Victims"]], range);
  const l = call(fns.list, "↑", [["Victims"]], range);
  const s = call(fns.status, "58", trackerRange(herts));
  expect(c.last).toBe(5);
  expect(t.last).toBe(9);
  expect(l.last).toEqual([
    ["V6", expect.any(String), "NP"],
    ["V7", expect.any(String), "NP"],
    ["V9", expect.any(String), "NP"],
  ]);
  expect(s.last).toBe("In progress");
  expect(listenerCount()).toBe(before);
  expect((c as Invocation<number>).onCanceled).toBeUndefined();
  publishTracker(herts.report);
  expect(c.results).toEqual([5]);
});

it("omitted optional arguments may come as null or undefined", () => {
  publishTracker(herts.report);
  expect(call(fns.count, "Completed", undefined, undefined, undefined).last).toBe(45);
  expect(call(fns.total, undefined, undefined).last).toBe(97);
  expect(call(fns.themes, undefined).last).toHaveLength(5);
});

it("makes no Excel call: there is no Excel global to call", () => {
  expect((globalThis as { Excel?: unknown }).Excel).toBeUndefined();
  publishTracker(herts.report);
  expect(call(fns.count, "Completed", null, null, null).last).toBe(45);
});
