/**
 * The engine's web worker: receives requests from the page (src/engine/engine.ts,
 * workerEngine) and answers each with its result or a plain error. Everything
 * here is the pure model; no Office.js, no DOM.
 */
import { EngineState } from "./engine";
import type { Request, WorkerReply } from "./engine";

const state = new EngineState();
const scope = self as unknown as { onmessage: ((event: MessageEvent<{ id: number; request: Request }>) => void) | null; postMessage(reply: WorkerReply): void };

scope.onmessage = (event) => {
  const { id, request } = event.data;
  try {
    scope.postMessage({ id, result: state.handle(request) });
  } catch (err) {
    scope.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
};
