/**
 * The engine: the pure model, reached through an asynchronous interface so that
 * in the task pane it runs in a web worker and the page's main thread never
 * spends more than a few milliseconds at a time on a big tracker. The grid goes
 * in, and the report comes out, in slices of a few thousand rows, so no one
 * message costs the page a long task to copy.
 *
 * `inlineEngine()` runs the same dispatch in the page (Node tests, and hosts
 * without workers); `workerEngine(worker)` talks to src/engine/worker.ts.
 * Each sheet read is kept under a key until read again or dropped: the pane
 * reads under "pane" (one call at a time); each of the functions' reads under
 * a key of its own, so two never mix.
 */
import type { AlertStyle, ValidationPlan } from "../model";
import type { FormattingPlan, HeaderOverrides, Issue, PaperPlan, SheetGrid, Snapshot, SummaryPlan, TrackerReport, Action } from "../model";
import { isHostError } from "../shared/host";
import type { CellChange, DirectionsPreview, HostResult, PeriodColumns, TrackerView } from "../shared/host";
import { readSheet, directionChanges, formatting, paneView, paperPlan, ragChanges, snapshotOf, spellingCandidates, summaryPlan, validation } from "./analysis";
import type { SheetRead, Loaded, SummaryOptions, ViewExtra } from "./analysis";

export type { Loaded, SummaryOptions, ViewExtra } from "./analysis";

export type DirectionsResult = HostResult<{ changes: CellChange[]; preview: Omit<DirectionsPreview, "changes" | "sheet"> }>;

export interface Engine {
  /**
   * Read a sheet's grid into a tracker (kept under `key`), or say why there is none; `words`: the workbook's
   * "Delivery plan words" sheet; `periods`: the columns chosen for this period and the previous one, in a sheet that keeps several.
   */
  read(key: string, grid: SheetGrid, overrides?: HeaderOverrides, words?: SheetGrid | null, periods?: PeriodColumns): Promise<Loaded>;
  /**
   * The snapshot to compare with, for the view, the directions and the summary; `fromSheet`: compare with the
   * sheet's own previous period instead, when it keeps one (the default, and the pane's "this sheet" choice).
   */
  setPrevious(key: string, previous: Snapshot | null, fromSheet?: boolean): Promise<void>;
  /** The whole report (actions and issues), for the functions' index. */
  report(key: string): Promise<TrackerReport>;
  view(key: string, extra: ViewExtra): Promise<TrackerView>;
  ragChanges(key: string): Promise<CellChange[]>;
  spellingCandidates(key: string): Promise<CellChange[]>;
  directionChanges(key: string, previousPeriod: string, periods: readonly string[]): Promise<DirectionsResult>;
  formatting(key: string): Promise<FormattingPlan>;
  /** The drop-down lists (data validation) for the tracker's status, RAG and direction columns. */
  validation(key: string, style?: AlertStyle): Promise<ValidationPlan>;
  summaryPlan(key: string, options: SummaryOptions): Promise<HostResult<SummaryPlan>>;
  /** The panel paper (src/model/paper.ts), from the same plan as the summary of these options. */
  paperPlan(key: string, options: SummaryOptions): Promise<HostResult<PaperPlan>>;
  snapshotRows(key: string, period: string, taken: string): Promise<string[][]>;
  /** Forget what was read under a key. */
  drop(key: string): Promise<void>;
}

/** Rows of grid (or actions, or issues) per message: a slice costs the page a few milliseconds to copy. */
export const SLICE = 500;

// ─── The dispatch both engines run ───

/** A grid arriving in slices, then its analysis. */
interface Slot {
  grid: SheetGrid | null;
  read: SheetRead | null;
  /** The last summary plan, handed out a slice of rows at a time. */
  plan?: SummaryPlan;
}

/** The head of a summary plan, its rows and formats to follow in slices (a big one is megabytes). */
export interface SummaryHead {
  head: SummaryPlan;
  rows: number;
  formats: number;
}

/** A slice of a list kept in the engine: items [from, to). */
interface Slice {
  key: string;
  from: number;
  to: number;
}

/**
 * The engine's message protocol: each operation, what it is asked and what it
 * answers. Everything in it is plain data, cloned between the page and the worker.
 */
export interface Protocol {
  gridBegin: { ask: { key: string; grid: Omit<SheetGrid, "values" | "fills"> & { hasFills: boolean } }; answer: null };
  gridRows: { ask: { key: string; values: SheetGrid["values"]; fills: SheetGrid["fills"] }; answer: null };
  read: { ask: { key: string; overrides?: HeaderOverrides; words?: SheetGrid | null; periods?: PeriodColumns }; answer: Loaded };
  setPrevious: { ask: { key: string; previous: Snapshot | null; fromSheet?: boolean }; answer: null };
  reportHead: { ask: { key: string }; answer: { tracker: TrackerReport["tracker"]; actions: number; issues: number } };
  actionSlice: { ask: Slice; answer: Action[] };
  issueSlice: { ask: Slice; answer: Issue[] };
  view: { ask: { key: string; extra: ViewExtra }; answer: TrackerView };
  ragChanges: { ask: { key: string }; answer: CellChange[] };
  spellingCandidates: { ask: { key: string }; answer: CellChange[] };
  directionChanges: { ask: { key: string; previousPeriod: string; periods: readonly string[] }; answer: DirectionsResult };
  formatting: { ask: { key: string }; answer: FormattingPlan };
  validation: { ask: { key: string; style?: AlertStyle }; answer: ValidationPlan };
  summaryPlan: { ask: { key: string; options: SummaryOptions }; answer: HostResult<SummaryHead> };
  paperPlan: { ask: { key: string; options: SummaryOptions }; answer: HostResult<PaperPlan> };
  summaryRows: { ask: Slice; answer: SummaryPlan["rows"] };
  summaryFormats: { ask: Slice; answer: SummaryPlan["formats"] };
  snapshotRows: { ask: { key: string; period: string; taken: string }; answer: string[][] };
  drop: { ask: { key: string }; answer: null };
}

export type Op = keyof Protocol;
/** The message asking for `K`. */
export type RequestOf<K extends Op> = { op: K } & Protocol[K]["ask"];
/** Any message to the engine. */
export type Request = { [K in Op]: RequestOf<K> }[Op];
/** What the engine answers to `K`. */
export type Reply<K extends Op> = Protocol[K]["answer"];

/** What the page posts to the worker. */
export interface WorkerMessage<K extends Op = Op> {
  id: number;
  request: RequestOf<K>;
}

/** What the worker posts back: the answer to message `id`, or why there is none. */
export type WorkerReply = { id: number; result: Reply<Op> } | { id: number; error: string };

type Handlers = { [K in Op]: (r: RequestOf<K>) => Reply<K> };

export class EngineState {
  private readonly slots = new Map<string, Slot>();

  private read(key: string): SheetRead {
    const a = this.slots.get(key)?.read;
    if (!a) throw new Error(`The engine has no tracker read under "${key}": read the sheet first.`);
    return a;
  }

  private plan(key: string): SummaryPlan {
    const plan = this.slots.get(key)?.plan;
    if (!plan) throw new Error(`No summary plan under "${key}".`);
    return plan;
  }

  private readonly handlers: Handlers = {
    gridBegin: (r) => {
      const { hasFills, ...meta } = r.grid;
      this.slots.set(r.key, { grid: { ...meta, values: [], ...(hasFills ? { fills: [] } : {}) }, read: null });
      return null;
    },
    gridRows: (r) => {
      const grid = this.slots.get(r.key)?.grid;
      if (!grid) throw new Error(`No grid begun under "${r.key}".`);
      for (const row of r.values) grid.values.push(row);
      if (grid.fills && r.fills) for (const row of r.fills) grid.fills.push(row);
      return null;
    },
    read: (r) => {
      const slot = this.slots.get(r.key);
      if (!slot?.grid) throw new Error(`No grid under "${r.key}".`);
      const { read, loaded } = readSheet(slot.grid, r.overrides, r.words, r.periods);
      slot.read = read;
      return loaded;
    },
    setPrevious: (r) => {
      const a = this.read(r.key);
      a.previous = r.previous;
      a.fromSheet = r.fromSheet ?? true;
      return null;
    },
    reportHead: (r) => {
      const a = this.read(r.key);
      return { tracker: a.report.tracker, actions: a.report.actions.length, issues: a.report.issues.length };
    },
    actionSlice: (r) => this.read(r.key).report.actions.slice(r.from, r.to),
    issueSlice: (r) => this.read(r.key).report.issues.slice(r.from, r.to),
    view: (r) => paneView(this.read(r.key), r.extra),
    ragChanges: (r) => ragChanges(this.read(r.key)),
    spellingCandidates: (r) => spellingCandidates(this.read(r.key)),
    directionChanges: (r) => directionChanges(this.read(r.key), r.previousPeriod, r.periods),
    formatting: (r) => formatting(this.read(r.key)),
    validation: (r) => validation(this.read(r.key), r.style),
    summaryPlan: (r) => {
      // The plan's head; its rows and formats follow in slices (a big one is megabytes).
      const plan = summaryPlan(this.read(r.key), r.options);
      if (isHostError(plan)) return plan;
      this.slots.get(r.key)!.plan = plan;
      return { head: { ...plan, rows: [], formats: [] }, rows: plan.rows.length, formats: plan.formats.length };
    },
    paperPlan: (r) => paperPlan(this.read(r.key), r.options),
    summaryRows: (r) => this.plan(r.key).rows.slice(r.from, r.to),
    summaryFormats: (r) => this.plan(r.key).formats.slice(r.from, r.to),
    snapshotRows: (r) => snapshotOf(this.read(r.key), r.period, r.taken),
    drop: (r) => {
      this.slots.delete(r.key);
      return null;
    },
  };

  handle<K extends Op>(r: RequestOf<K>): Reply<K> {
    const handler: (r: RequestOf<K>) => Reply<K> = this.handlers[r.op];
    return handler(r);
  }
}

// ─── The client both engines share: slicing in and out ───

type Send = <K extends Op>(request: RequestOf<K>) => Promise<Reply<K>>;

/** Let the page breathe between slices (a task of its own for each). */
const breathe = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Fetch a list the engine keeps, a slice at a time, into `into`. */
async function fetchSlices<T>(total: number, step: number, sliced: boolean, into: T[], slice: (from: number, to: number) => Promise<T[]>): Promise<void> {
  for (let from = 0; from < total; from += step) {
    for (const x of await slice(from, from + step)) into.push(x);
    if (sliced) await breathe();
  }
}

function client(send: Send, sliced: boolean): Engine {
  return {
    async read(key, grid, overrides, words, periods) {
      const { values, fills, ...meta } = grid;
      await send({ op: "gridBegin", key, grid: { ...meta, hasFills: fills !== undefined } });
      const step = sliced ? SLICE : Math.max(1, values.length);
      for (let from = 0; from < values.length; from += step) {
        await send({ op: "gridRows", key, values: values.slice(from, from + step), fills: fills?.slice(from, from + step) });
        if (sliced) await breathe();
      }
      return send({ op: "read", key, overrides, ...(words ? { words } : {}), ...(periods ? { periods } : {}) });
    },
    async setPrevious(key, previous, fromSheet) {
      await send({ op: "setPrevious", key, previous, ...(fromSheet !== undefined ? { fromSheet } : {}) });
    },
    async report(key) {
      const head = await send({ op: "reportHead", key });
      const actions: Action[] = [];
      const issues: Issue[] = [];
      const step = sliced ? SLICE : Math.max(1, head.actions, head.issues);
      await fetchSlices(head.actions, step, sliced, actions, (from, to) => send({ op: "actionSlice", key, from, to }));
      await fetchSlices(head.issues, step, sliced, issues, (from, to) => send({ op: "issueSlice", key, from, to }));
      return { tracker: head.tracker, actions, issues };
    },
    view: (key, extra) => send({ op: "view", key, extra }),
    ragChanges: (key) => send({ op: "ragChanges", key }),
    spellingCandidates: (key) => send({ op: "spellingCandidates", key }),
    directionChanges: (key, previousPeriod, periods) => send({ op: "directionChanges", key, previousPeriod, periods }),
    formatting: (key) => send({ op: "formatting", key }),
    validation: (key, style) => send({ op: "validation", key, style }),
    async summaryPlan(key, options) {
      const got = await send({ op: "summaryPlan", key, options });
      if (isHostError(got)) return got;
      const plan = got.head;
      const step = sliced ? SLICE : Math.max(1, got.rows, got.formats);
      await fetchSlices(got.rows, step, sliced, plan.rows, (from, to) => send({ op: "summaryRows", key, from, to }));
      await fetchSlices(got.formats, step, sliced, plan.formats, (from, to) => send({ op: "summaryFormats", key, from, to }));
      return plan;
    },
    paperPlan: (key, options) => send({ op: "paperPlan", key, options }),
    snapshotRows: (key, period, taken) => send({ op: "snapshotRows", key, period, taken }),
    async drop(key) {
      await send({ op: "drop", key });
    },
  };
}

/** The engine in the page itself: for Node (tests, benchmarks) and hosts without web workers. */
export function inlineEngine(): Engine {
  const state = new EngineState();
  return client((r) => {
    try {
      return Promise.resolve(state.handle(r));
    } catch (err) {
      return Promise.reject(err);
    }
  }, false);
}

/** Something went wrong in the engine itself (not in Excel): its message is for the user. */
export class EngineError extends Error {}

/** A call waiting for the worker. (Method syntax: a waiter for one op's answer stands for a waiter for any.) */
interface Waiting {
  resolve(answer: Reply<Op>): void;
  reject(error: Error): void;
}

/**
 * The engine in a web worker running src/engine/worker.ts. If the worker
 * fails (it could not load, or it crashed), the calls waiting on it fail with
 * a plain message, and every later call runs the engine in the page instead.
 */
export function workerEngine(worker: Pick<Worker, "postMessage" | "addEventListener">): Engine {
  let next = 1;
  let fallback: EngineState | null = null;
  const waiting = new Map<number, Waiting>();
  worker.addEventListener("message", (event: MessageEvent<WorkerReply>) => {
    const reply = event.data;
    const w = waiting.get(reply.id);
    if (!w) return;
    waiting.delete(reply.id);
    if ("error" in reply) w.reject(new EngineError(reply.error));
    else w.resolve(reply.result);
  });
  worker.addEventListener("error", (event: ErrorEvent) => {
    event.preventDefault?.();
    fallback ??= new EngineState();
    const said = event.message ? ` (${event.message})` : "";
    for (const w of waiting.values()) w.reject(new EngineError(`The add-in's engine stopped${said}. Try again: it will now run in the pane itself.`));
    waiting.clear();
  });
  const send: Send = <K extends Op>(request: RequestOf<K>) => {
    if (fallback) {
      try {
        return Promise.resolve(fallback.handle(request));
      } catch (err) {
        return Promise.reject(new EngineError(err instanceof Error ? err.message : String(err)));
      }
    }
    return new Promise<Reply<K>>((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve, reject });
      const message: WorkerMessage<K> = { id, request };
      worker.postMessage(message);
    });
  };
  return client(send, true);
}
