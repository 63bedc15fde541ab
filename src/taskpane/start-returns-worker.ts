/**
 * The returns' reader in a web worker (returns-worker.ts), started on the first
 * file the officer picks. Only the pane's bootstrap imports this: webpack turns
 * `new Worker(new URL(…, import.meta.url))` into a worker bundle of its own.
 * Writing the returns (a download each, or one .zip) stays in the page's lazy
 * chunk, as the browser saves a file from the page.
 */
import type { ReturnFileResult } from "../returns-web";
import { loadReturnsChunk } from "./hooks/returns-step";
import type { ReturnsChunk } from "./hooks/returns-step";
import type { ReturnsWorkerAnswer, ReturnsWorkerAsk } from "./returns-worker";

let worker: Worker | null = null;
let next = 0;
const waiting = new Map<number, { name: string; done: (r: ReturnFileResult) => void }>();

function start(): Worker | null {
  if (worker) return worker;
  if (typeof Worker === "undefined") return null;
  try {
    // @ts-expect-error import.meta is ES-module syntax: webpack compiles this file as an ES module (ts-loader, module es2020); tsc checks the rest as CommonJS.
    const w = new Worker(/* webpackChunkName: "returns-reader" */ new URL("./returns-worker.ts", import.meta.url), { name: "returns-reader" });
    w.addEventListener("message", (event: MessageEvent<ReturnsWorkerAnswer>) => {
      const ask = waiting.get(event.data.id);
      waiting.delete(event.data.id);
      ask?.done(event.data.result);
    });
    // The worker failed (out of memory on a file, say): every file it had is answered in one line, and the next starts a new worker.
    w.addEventListener("error", (event) => {
      event.preventDefault();
      for (const { name, done } of waiting.values()) done({ ok: false, message: `${name} could not be read: the reader stopped (${event.message || "no reason given"}). Ask the lead to save the return again as .xlsx.` });
      waiting.clear();
      w.terminate();
      if (worker === w) worker = null;
    });
    worker = w;
    return w;
  } catch {
    return null;
  }
}

/** Read one return in the worker; where the page cannot start one, in the page's lazy chunk. */
function readInWorker(data: ArrayBuffer, name: string): Promise<ReturnFileResult> {
  const w = start();
  if (!w) return loadReturnsChunk().then((c) => c.readReturnFile(data, name));
  const id = ++next;
  return new Promise((done) => {
    waiting.set(id, { name, done });
    // The bytes are moved to the worker, not copied.
    w.postMessage({ id, name, data } satisfies ReturnsWorkerAsk, [data]);
  });
}

/** The pane's returns: written in the page's lazy chunk, read in the worker. */
export function returnsWithWorker(): Promise<ReturnsChunk> {
  return Promise.resolve({
    returnFiles: (plan) => loadReturnsChunk().then((c) => c.returnFiles(plan)),
    returnsZip: (files) => loadReturnsChunk().then((c) => c.returnsZip(files)),
    readReturnFile: readInWorker,
  });
}
