/**
 * Start the engine's web worker. Only the pane's bootstrap imports this: webpack
 * turns `new Worker(new URL(…, import.meta.url))` into a worker bundle of its own.
 */
import { workerEngine } from "./engine";
import type { Engine } from "./engine";

/** The worker engine, or null where the page cannot start workers (the caller keeps the engine in the page). */
export function startEngineWorker(): Engine | null {
  if (typeof Worker === "undefined") return null;
  try {
    // @ts-expect-error import.meta is ES-module syntax: webpack compiles this file as an ES module (ts-loader, module es2020); tsc checks the rest as CommonJS.
    return workerEngine(new Worker(new URL("./worker.ts", import.meta.url)));
  } catch {
    return null;
  }
}
