/**
 * One operation at a time: what it is doing and how it ended (the pane shows
 * it in a live region, errors in an alert). Every host call goes through
 * `perform`, the one place that tells a HostError from a result.
 */
import { useState } from "react";
import type { HostError, HostResult } from "../../shared/host";
import { isHostError } from "../../shared/host";
import { plainError } from "../sentences";

/** What a host call answers: its result, or a HostError (the pane's hooks name it only so). */
export type HostAnswer<T> = Promise<HostResult<T>>;

export type Outcome = { kind: "idle" } | { kind: "busy"; text: string } | { kind: "done"; text: string } | { kind: "error"; text: string };

export type Operation = ReturnType<typeof useOperation>;

/** `refused`: told of every HostError, after the alert says it (a failed find offers the workbook's sheets). */
export function useOperation(refused: (error: HostError) => void) {
  const [outcome, setOutcome] = useState<Outcome>({ kind: "idle" });

  /** Run one host call: announce it, and turn a HostError (or a throw) into the alert; null then. */
  async function perform<T>(busyText: string, call: () => HostAnswer<T>): Promise<T | null> {
    setOutcome({ kind: "busy", text: busyText });
    let result: HostResult<T>;
    try {
      result = await call();
    } catch (err) {
      result = { ok: false, code: "unexpected", message: plainError(err) };
    }
    if (isHostError(result)) {
      setOutcome({ kind: "error", text: result.message });
      refused(result);
      return null;
    }
    return result;
  }

  return {
    outcome,
    busy: outcome.kind === "busy",
    perform,
    /** Something the pane does itself (not a host call), announced as it runs. */
    working: (text: string) => setOutcome({ kind: "busy", text }),
    done: (text: string) => setOutcome({ kind: "done", text }),
    failed: (text: string) => setOutcome({ kind: "error", text }),
  };
}
