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
import type { AlertStyle, CellLook, ValidationPlan } from "../model";
import type { FormattingPlan, HeaderOverrides, Issue, PaperPlan, PaperSettings, SheetGrid, SummaryPlan, TrackerReport, Action } from "../model";
import { isHostError } from "../shared/host";
import type { CellChange, DirectionsPreview, HostResult, MergePreview, PeriodColumns, RequestAsk, RequestsView, TrackerView } from "../shared/host";
import type { LogContext, ReturnRead } from "../model";
import { mergeOf, paneLogOf, requestsOf } from "./returns";
import { comparePeriods, readSheet, directionChanges, formatting, paneView, paperPlan, ragChanges, signOffOf, snapshotOf, spellingCandidates, summaryPlan, validation } from "./answers";
import type { KeptSheet, Loaded, PeriodsGiven, ViewExtra } from "./answers";

export type { Loaded, PeriodsGiven, ViewExtra } from "./answers";

export type DirectionsResult = HostResult<{ changes: CellChange[]; preview: Omit<DirectionsPreview, "changes" | "sheet">; looks: CellLooks }>;
/** How the cells of a column the add-in adds should look (the model's CellWrite.look), cell by cell. */
export type CellLooks = { cell: string; look: CellLook }[];

/** Rows of grid (or actions, or issues) per message: a slice costs the page a few milliseconds to copy. */
export const SLICE = 500;

/** A grid arriving in slices, then the sheet read from it. */
interface Slot {
  grid: SheetGrid | null;
  sheet: KeptSheet | null;
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
 * answers. Everything in it is plain data, cloned between the page and the
 * worker. An operation is one entry here and one handler (HANDLERS); the
 * client's method of the same name is made from them (the few that carry a
 * grid, a report or a plan in slices are the client's own: SLICED).
 */
export interface Protocol {
  gridBegin: { ask: { key: string; grid: Omit<SheetGrid, "values" | "fills"> & { hasFills: boolean } }; answer: null };
  gridRows: { ask: { key: string; values: SheetGrid["values"]; fills: SheetGrid["fills"] }; answer: null };
  gridRead: { ask: { key: string; overrides?: HeaderOverrides; words?: SheetGrid | null; periods?: PeriodColumns }; answer: Loaded };
  /** This period's label and the period to compare with, for the view, the directions, the summary and the paper (resolved once, here). */
  comparePeriods: { ask: { key: string; periods: PeriodsGiven }; answer: null };
  reportHead: { ask: { key: string }; answer: { tracker: TrackerReport["tracker"]; actions: number; issues: number } };
  actionSlice: { ask: Slice; answer: Action[] };
  issueSlice: { ask: Slice; answer: Issue[] };
  view: { ask: { key: string; extra: ViewExtra }; answer: TrackerView };
  ragChanges: { ask: { key: string }; answer: CellChange[] };
  spellingCandidates: { ask: { key: string }; answer: CellChange[] };
  directionChanges: { ask: { key: string }; answer: DirectionsResult };
  formatting: { ask: { key: string }; answer: FormattingPlan };
  /** The drop-down lists (data validation) for the tracker's status, RAG and direction columns. */
  validation: { ask: { key: string; style?: AlertStyle }; answer: ValidationPlan };
  /** `now`: ISO date-time, the summary's as-of date and when it was built. */
  summaryHead: { ask: { key: string; now: string }; answer: HostResult<SummaryHead> };
  /** The panel paper (src/model/summary/paper.ts), from the same plan as the summary. */
  paperPlan: { ask: { key: string; now: string; settings?: PaperSettings }; answer: HostResult<PaperPlan> };
  summaryRows: { ask: Slice; answer: SummaryPlan["rows"] };
  summaryFormats: { ask: Slice; answer: SummaryPlan["formats"] };
  snapshotRows: { ask: { key: string; period: string; taken: string }; answer: string[][] };
  /** A quarter's requests (src/engine/returns.ts): `file` the tracker's name for the key, `sent` the ISO date. */
  requestUpdates: { ask: { key: string; ask: RequestAsk; file: string; sent: string }; answer: RequestsView };
  /** A merge of returns read by the pane: the cells to write and the Change log's rows (`when`: the log's time). */
  mergePlan: { ask: { key: string; returns: readonly ReturnRead[]; when: string }; answer: Omit<MergePreview, "sheet"> & { log: string[][]; undoLog: string[][] } };
  /** A sign-off of the tracker as it is now (`when`: "2026-12-07T10:00:00Z"): who, when, how many actions, and the sign-off sheet's rows. */
  signOffRows: { ask: { key: string; period: string; by: string; when: string }; answer: ReturnType<typeof signOffOf> };
  /** The Change log's context of a pane's write, and its rows for the cells written (the CLI's rows: src/engine/returns.ts). */
  paneLog: { ask: { key: string; when: string; period?: string; writes?: readonly { cell: string; text: string }[] }; answer: { ctx: LogContext; rows: string[][] } };
  /** Forget what was read under a key. */
  drop: { ask: { key: string }; answer: null };
}

export type Op = keyof Protocol;
/** What operation `K` is asked. */
export type Ask<K extends Op> = Protocol[K]["ask"];
/** The message asking for `K`. */
export type RequestOf<K extends Op> = { op: K } & Ask<K>;
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

// ─── The dispatch both engines run ───

type Slots = Map<string, Slot>;

function kept(slots: Slots, key: string): KeptSheet {
  const a = slots.get(key)?.sheet;
  if (!a) throw new Error(`The engine has no tracker read under "${key}": read the sheet first.`);
  return a;
}

function planOf(slots: Slots, key: string): SummaryPlan {
  const plan = slots.get(key)?.plan;
  if (!plan) throw new Error(`No summary plan under "${key}".`);
  return plan;
}

/** Each operation's handler: the engine's state and what it is asked, to its answer. */
const HANDLERS: { [K in Op]: (slots: Slots, ask: Ask<K>) => Reply<K> } = {
  gridBegin: (slots, r) => {
    const { hasFills, ...meta } = r.grid;
    slots.set(r.key, { grid: { ...meta, values: [], ...(hasFills ? { fills: [] } : {}) }, sheet: null });
    return null;
  },
  gridRows: (slots, r) => {
    const grid = slots.get(r.key)?.grid;
    if (!grid) throw new Error(`No grid begun under "${r.key}".`);
    for (const row of r.values) grid.values.push(row);
    if (grid.fills && r.fills) for (const row of r.fills) grid.fills.push(row);
    return null;
  },
  gridRead: (slots, r) => {
    const slot = slots.get(r.key);
    if (!slot?.grid) throw new Error(`No grid under "${r.key}".`);
    const { read, loaded } = readSheet(slot.grid, r.overrides, r.words, r.periods);
    slot.sheet = read;
    return loaded;
  },
  comparePeriods: (slots, r) => {
    comparePeriods(kept(slots, r.key), r.periods);
    return null;
  },
  reportHead: (slots, r) => {
    const a = kept(slots, r.key);
    return { tracker: a.report.tracker, actions: a.report.actions.length, issues: a.report.issues.length };
  },
  actionSlice: (slots, r) => kept(slots, r.key).report.actions.slice(r.from, r.to),
  issueSlice: (slots, r) => kept(slots, r.key).report.issues.slice(r.from, r.to),
  view: (slots, r) => paneView(kept(slots, r.key), r.extra),
  ragChanges: (slots, r) => ragChanges(kept(slots, r.key)),
  spellingCandidates: (slots, r) => spellingCandidates(kept(slots, r.key)),
  directionChanges: (slots, r) => directionChanges(kept(slots, r.key)),
  formatting: (slots, r) => formatting(kept(slots, r.key)),
  validation: (slots, r) => validation(kept(slots, r.key), r.style),
  summaryHead: (slots, r) => {
    // The plan's head; its rows, formats and heights follow in slices (a big one is megabytes).
    const plan = summaryPlan(kept(slots, r.key), r.now);
    if (isHostError(plan)) return plan;
    slots.get(r.key)!.plan = plan;
    return { head: { ...plan, rows: [], formats: [] }, rows: plan.rows.length, formats: plan.formats.length };
  },
  paperPlan: (slots, r) => paperPlan(kept(slots, r.key), r.now, r.settings),
  summaryRows: (slots, r) => planOf(slots, r.key).rows.slice(r.from, r.to),
  summaryFormats: (slots, r) => planOf(slots, r.key).formats.slice(r.from, r.to),
  snapshotRows: (slots, r) => snapshotOf(kept(slots, r.key), r.period, r.taken),
  requestUpdates: (slots, r) => requestsOf(kept(slots, r.key), { ...r.ask, file: r.file, sent: r.sent }),
  mergePlan: (slots, r) => mergeOf(kept(slots, r.key), r.returns, r.when),
  signOffRows: (slots, r) => signOffOf(kept(slots, r.key), r.period, r.by, r.when),
  paneLog: (slots, r) => paneLogOf(kept(slots, r.key), r),
  drop: (slots, r) => {
    slots.delete(r.key);
    return null;
  },
};

export class EngineState {
  private readonly slots: Slots = new Map();

  handle<K extends Op>(r: RequestOf<K>): Reply<K> {
    const handler = HANDLERS[r.op] as (slots: Slots, ask: Ask<K>) => Reply<K>;
    return handler(this.slots, r);
  }
}

// ─── The client both engines share: made from the protocol, and slicing in and out ───

/** The operations that carry a grid, a report or a plan in slices: the client's own methods (read, report, summaryPlan) send them. */
const SLICED = ["gridBegin", "gridRows", "gridRead", "reportHead", "actionSlice", "issueSlice", "summaryHead", "summaryRows", "summaryFormats"] as const;
type Sliced = (typeof SLICED)[number];
/** The operations asked in one message: each is the client's method of the same name. */
type Direct = Exclude<Op, Sliced>;
const DIRECT = (Object.keys(HANDLERS) as Op[]).filter((op): op is Direct => !(SLICED as readonly Op[]).includes(op));

/** The engine as its callers see it: one method per operation of the protocol, and the sliced ones as a whole. */
export type Engine = { [K in Direct]: (ask: Ask<K>) => Promise<Reply<K>> } & {
  /**
   * Read a sheet's grid into a tracker (kept under `key`), or say why there is none; `words`: the workbook's
   * "Delivery plan words" sheet; `periods`: the columns chosen for this period and the previous one, in a sheet that keeps several.
   */
  read(ask: Ask<"gridRead"> & { grid: SheetGrid }): Promise<Loaded>;
  /** The whole report (actions and issues), for the functions' index. */
  report(ask: { key: string }): Promise<TrackerReport>;
  /** The Panel Summary's plan of this period (comparePeriods), as of `now`. */
  summaryPlan(ask: Ask<"summaryHead">): Promise<HostResult<SummaryPlan>>;
};

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
  const direct = Object.fromEntries(DIRECT.map((op) => [op, (ask: object) => send({ op, ...ask } as Request)]));
  return {
    ...(direct as { [K in Direct]: (ask: Ask<K>) => Promise<Reply<K>> }),
    async read({ grid, ...ask }) {
      const { key } = ask;
      const { values, fills, ...meta } = grid;
      await send({ op: "gridBegin", key, grid: { ...meta, hasFills: fills !== undefined } });
      const step = sliced ? SLICE : Math.max(1, values.length);
      for (let from = 0; from < values.length; from += step) {
        await send({ op: "gridRows", key, values: values.slice(from, from + step), fills: fills?.slice(from, from + step) });
        if (sliced) await breathe();
      }
      return send({ op: "gridRead", ...ask });
    },
    async report({ key }) {
      const head = await send({ op: "reportHead", key });
      const actions: Action[] = [];
      const issues: Issue[] = [];
      const step = sliced ? SLICE : Math.max(1, head.actions, head.issues);
      await fetchSlices(head.actions, step, sliced, actions, (from, to) => send({ op: "actionSlice", key, from, to }));
      await fetchSlices(head.issues, step, sliced, issues, (from, to) => send({ op: "issueSlice", key, from, to }));
      return { tracker: head.tracker, actions, issues };
    },
    async summaryPlan(ask) {
      const { key } = ask;
      const got = await send({ op: "summaryHead", ...ask });
      if (isHostError(got)) return got;
      const plan = got.head;
      const step = sliced ? SLICE : Math.max(1, got.rows, got.formats);
      await fetchSlices(got.rows, step, sliced, plan.rows, (from, to) => send({ op: "summaryRows", key, from, to }));
      await fetchSlices(got.formats, step, sliced, plan.formats, (from, to) => send({ op: "summaryFormats", key, from, to }));
      return plan;
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
