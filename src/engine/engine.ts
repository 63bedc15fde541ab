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
import type { CellChange, DirectionsPreview, HostResult, TrackerView } from "../shared/host";
import { readSheet, directionChanges, formatting, paneView, paperPlan, ragChanges, snapshotOf, spellingCandidates, summaryPlan, validation } from "./analysis";
import type { SheetRead, Loaded, SummaryOptions, ViewExtra } from "./analysis";

export type { Loaded, SummaryOptions, ViewExtra } from "./analysis";

export type DirectionsResult = HostResult<{ changes: CellChange[]; preview: Omit<DirectionsPreview, "changes" | "sheet"> }>;

export interface Engine {
  /** Read a sheet's grid into a tracker (kept under `key`), or say why there is none; `words`: the workbook's "Delivery plan words" sheet. */
  read(key: string, grid: SheetGrid, overrides?: HeaderOverrides, words?: SheetGrid | null): Promise<Loaded>;
  /** The period to compare with, for the view, the directions and the summary. */
  setPrevious(key: string, previous: Snapshot | null): Promise<void>;
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

export type Request =
  | { op: "gridBegin"; key: string; grid: Omit<SheetGrid, "values" | "fills"> & { hasFills: boolean } }
  | { op: "gridRows"; key: string; values: SheetGrid["values"]; fills: SheetGrid["fills"] }
  | { op: "read"; key: string; overrides?: HeaderOverrides; words?: SheetGrid | null }
  | { op: "setPrevious"; key: string; previous: Snapshot | null }
  | { op: "reportHead"; key: string }
  | { op: "reportSlice"; key: string; part: "actions" | "issues"; from: number; to: number }
  | { op: "view"; key: string; extra: ViewExtra }
  | { op: "ragChanges"; key: string }
  | { op: "spellingCandidates"; key: string }
  | { op: "directionChanges"; key: string; previousPeriod: string; periods: readonly string[] }
  | { op: "formatting"; key: string }
  | { op: "validation"; key: string; style?: AlertStyle }
  | { op: "summaryPlan"; key: string; options: SummaryOptions }
  | { op: "paperPlan"; key: string; options: SummaryOptions }
  | { op: "summarySlice"; key: string; part: "rows" | "formats" | "rowHeights"; from: number; to: number }
  | { op: "snapshotRows"; key: string; period: string; taken: string }
  | { op: "drop"; key: string };

export class EngineState {
  private readonly slots = new Map<string, Slot>();

  private read(key: string): SheetRead {
    const a = this.slots.get(key)?.read;
    if (!a) throw new Error(`The engine has no tracker read under "${key}": read the sheet first.`);
    return a;
  }

  handle(r: Request): unknown {
    switch (r.op) {
      case "gridBegin": {
        const { hasFills, ...meta } = r.grid;
        this.slots.set(r.key, { grid: { ...meta, values: [], ...(hasFills ? { fills: [] } : {}) }, read: null });
        return null;
      }
      case "gridRows": {
        const grid = this.slots.get(r.key)?.grid;
        if (!grid) throw new Error(`No grid begun under "${r.key}".`);
        for (const row of r.values) grid.values.push(row);
        if (grid.fills && r.fills) for (const row of r.fills) grid.fills.push(row);
        return null;
      }
      case "read": {
        const slot = this.slots.get(r.key);
        if (!slot?.grid) throw new Error(`No grid under "${r.key}".`);
        const { read, loaded } = readSheet(slot.grid, r.overrides, r.words);
        slot.read = read;
        return loaded;
      }
      case "setPrevious":
        this.read(r.key).previous = r.previous;
        return null;
      case "reportHead": {
        const a = this.read(r.key);
        return { tracker: a.report.tracker, actions: a.report.actions.length, issues: a.report.issues.length };
      }
      case "reportSlice": {
        const a = this.read(r.key);
        return (r.part === "actions" ? a.report.actions : a.report.issues).slice(r.from, r.to);
      }
      case "view":
        return paneView(this.read(r.key), r.extra);
      case "ragChanges":
        return ragChanges(this.read(r.key));
      case "spellingCandidates":
        return spellingCandidates(this.read(r.key));
      case "directionChanges":
        return directionChanges(this.read(r.key), r.previousPeriod, r.periods);
      case "formatting":
        return formatting(this.read(r.key));
      case "validation":
        return validation(this.read(r.key), r.style);
      case "summaryPlan": {
        // The plan's head; its rows, formats and heights follow in slices (a big one is megabytes).
        const plan = summaryPlan(this.read(r.key), r.options);
        if (isHostError(plan)) return plan;
        this.slots.get(r.key)!.plan = plan;
        return { head: { ...plan, rows: [], formats: [], rowHeights: [] }, rows: plan.rows.length, formats: plan.formats.length, rowHeights: plan.rowHeights.length };
      }
      case "paperPlan":
        return paperPlan(this.read(r.key), r.options);
      case "summarySlice": {
        const plan = this.slots.get(r.key)?.plan;
        if (!plan) throw new Error(`No summary plan under "${r.key}".`);
        return plan[r.part].slice(r.from, r.to);
      }
      case "snapshotRows":
        return snapshotOf(this.read(r.key), r.period, r.taken);
      case "drop":
        this.slots.delete(r.key);
        return null;
    }
  }
}

// ─── The client both engines share: slicing in and out ───

type Send = <T>(request: Request) => Promise<T>;

/** Let the page breathe between slices (a task of its own for each). */
const breathe = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function client(send: Send, sliced: boolean): Engine {
  return {
    async read(key, grid, overrides, words) {
      const { values, fills, ...meta } = grid;
      await send({ op: "gridBegin", key, grid: { ...meta, hasFills: fills !== undefined } });
      const step = sliced ? SLICE : Math.max(1, values.length);
      for (let from = 0; from < values.length; from += step) {
        await send({ op: "gridRows", key, values: values.slice(from, from + step), fills: fills?.slice(from, from + step) });
        if (sliced) await breathe();
      }
      return send<Loaded>({ op: "read", key, overrides, ...(words ? { words } : {}) });
    },
    setPrevious: (key, previous) => send({ op: "setPrevious", key, previous }),
    async report(key) {
      const head = await send<{ tracker: TrackerReport["tracker"]; actions: number; issues: number }>({ op: "reportHead", key });
      const actions: Action[] = [];
      const issues: Issue[] = [];
      const step = sliced ? SLICE : Math.max(1, head.actions, head.issues);
      for (const [part, total, into] of [
        ["actions", head.actions, actions],
        ["issues", head.issues, issues],
      ] as const) {
        for (let from = 0; from < total; from += step) {
          const slice = await send<(Action | Issue)[]>({ op: "reportSlice", key, part, from, to: from + step });
          for (const x of slice) (into as (Action | Issue)[]).push(x);
          if (sliced) await breathe();
        }
      }
      return { tracker: head.tracker, actions, issues };
    },
    view: (key, extra) => send({ op: "view", key, extra }),
    ragChanges: (key) => send({ op: "ragChanges", key }),
    spellingCandidates: (key) => send({ op: "spellingCandidates", key }),
    directionChanges: (key, previousPeriod, periods) => send({ op: "directionChanges", key, previousPeriod, periods }),
    formatting: (key) => send({ op: "formatting", key }),
    validation: (key, style) => send({ op: "validation", key, style }),
    async summaryPlan(key, options) {
      const got = await send<HostResult<{ head: SummaryPlan; rows: number; formats: number; rowHeights: number }>>({ op: "summaryPlan", key, options });
      if (isHostError(got)) return got;
      const plan = got.head;
      const step = sliced ? SLICE : Math.max(1, got.rows, got.formats, got.rowHeights);
      for (const part of ["rows", "formats", "rowHeights"] as const) {
        const into = plan[part] as unknown[];
        for (let from = 0; from < got[part]; from += step) {
          const slice = await send<unknown[]>({ op: "summarySlice", key, part, from, to: from + step });
          for (const x of slice) into.push(x);
          if (sliced) await breathe();
        }
      }
      return plan;
    },
    paperPlan: (key, options) => send({ op: "paperPlan", key, options }),
    snapshotRows: (key, period, taken) => send({ op: "snapshotRows", key, period, taken }),
    drop: (key) => send({ op: "drop", key }),
  };
}

/** The engine in the page itself: for Node (tests, benchmarks) and hosts without web workers. */
export function inlineEngine(): Engine {
  const state = new EngineState();
  return client(<T>(r: Request) => {
    try {
      return Promise.resolve(state.handle(r) as T);
    } catch (err) {
      return Promise.reject(err);
    }
  }, false);
}

/** What travels between the page and the worker. */
export type WorkerReply = { id: number; result: unknown } | { id: number; error: string };

/** Something went wrong in the engine itself (not in Excel): its message is for the user. */
export class EngineError extends Error {}

/**
 * The engine in a web worker running src/engine/worker.ts. If the worker
 * fails (it could not load, or it crashed), the calls waiting on it fail with
 * a plain message, and every later call runs the engine in the page instead.
 */
export function workerEngine(worker: Pick<Worker, "postMessage" | "addEventListener">): Engine {
  let next = 1;
  let fallback: EngineState | null = null;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
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
  const send: Send = <T>(request: Request) => {
    if (fallback) {
      try {
        return Promise.resolve(fallback.handle(request) as T);
      } catch (err) {
        return Promise.reject(new EngineError(err instanceof Error ? err.message : String(err)));
      }
    }
    return new Promise<T>((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ id, request });
    });
  };
  return client(send, true);
}
