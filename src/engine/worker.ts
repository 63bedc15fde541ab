/**
 * The engine's web worker: receives requests from the page (src/engine/engine.ts,
 * workerEngine) and answers each with its result or a plain error. Everything
 * here is the pure model; no Office.js, no DOM.
 */
import "../shared/no-eval";
import { EngineState } from "./engine";
import type { WorkerMessage, WorkerReply } from "./engine";

const state = new EngineState();

function reply(message: WorkerReply): void {
  self.postMessage(message);
}

self.addEventListener("message", (event: MessageEvent<WorkerMessage>) => {
  const { id, request } = event.data;
  try {
    reply({ id, result: state.handle(request) });
  } catch (err) {
    reply({ id, error: err instanceof Error ? err.message : String(err) });
  }
});
