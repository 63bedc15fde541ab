/* global CustomFunctions */
/* eslint-disable @typescript-eslint/no-explicit-any -- Excel passes either a value or a range in the optional arguments. */
/**
 * The ACTIONS worksheet functions. custom-functions-metadata-plugin builds
 * functions.json from these JSDoc comments; the ids (the names after
 * @customfunction) are stored in users' workbooks, so they never change.
 *
 * No function calls the Excel API: they read the index the shared runtime
 * holds (store.ts) or the range passed to them. Functions without a range are
 * streaming, so their cells update when the tracker changes (src/excel/refresh.ts
 * re-reads the sheet after edits). docs/FUNCTIONS.md documents them for users.
 *
 * The optional arguments are declared any[][] (dimensionality "matrix" in
 * functions.json): only then does Excel pass a range as its values; a scalar
 * parameter given a range would be called once per cell. A single value
 * ("Victims", or a one-cell reference) then comes as [["Victims"]].
 */
import "../shared/no-eval";
import { currentTracker, keptHistory, subscribe } from "../shared/store";
import type { PublishedIndex } from "../shared/store";
import { Outcome, evalChange, evalCount, evalHistory, evalField, evalList, evalPercent, evalThemes, evalTotal, isFunctionError, isRange } from "./evaluate";

function toExcel<T>(outcome: Outcome<T>): T | CustomFunctions.Error {
  if (!isFunctionError(outcome)) return outcome;
  const code = outcome.error === "#VALUE!" ? CustomFunctions.ErrorCode.invalidValue : CustomFunctions.ErrorCode.notAvailable;
  return new CustomFunctions.Error(code, outcome.message);
}

/** Give the result now, and again whenever the tracker changes, until Excel cancels. */
function stream<T>(invocation: CustomFunctions.StreamingInvocation<T>, args: unknown[], compute: (t: PublishedIndex | null) => Outcome<T>): void {
  const push = (t: PublishedIndex | null) => invocation.setResult(toExcel(compute(t)) as T);
  push(currentTracker());
  // With an explicit range, Excel recalculates when the range changes: nothing to listen to.
  if (args.some(isRange)) return;
  const unsubscribe = subscribe(push);
  invocation.onCanceled = unsubscribe;
}

/**
 * Counts the actions with a status, RAG or direction of travel, in any spelling.
 * @customfunction COUNT
 * @streaming
 * @param value Status, RAG or direction: "In progress", "Completed", "Red", "Amber", "Yellow", "↑", "improved"…
 * @param [theme] Only actions of this theme, e.g. "Victims"; or the tracker's range, header row included.
 * @param [lead] Only actions with this lead, e.g. "NP"; or the tracker's range, header row included.
 * @param [source] The tracker's range, header row included, instead of the tracker the pane found.
 * @param invocation Streaming invocation.
 */
export function count(value: string, theme: any[][], lead: any[][], source: any[][], invocation: CustomFunctions.StreamingInvocation<number>): void {
  const args = [theme, lead, source];
  stream(invocation, args, (t) => evalCount(t, value, ...args));
}

/**
 * Counts all the actions in the tracker, or in one theme.
 * @customfunction TOTAL
 * @streaming
 * @param [theme] Only actions of this theme, e.g. "Victims"; or the tracker's range, header row included.
 * @param [source] The tracker's range, header row included, instead of the tracker the pane found.
 * @param invocation Streaming invocation.
 */
export function total(theme: any[][], source: any[][], invocation: CustomFunctions.StreamingInvocation<number>): void {
  const args = [theme, source];
  stream(invocation, args, (t) => evalTotal(t, ...args));
}

/**
 * The share of actions (of a theme) with a status, RAG or direction, from 0 to 1: format the cell as %.
 * @customfunction PERCENT
 * @streaming
 * @param value Status, RAG or direction, e.g. "Completed".
 * @param [theme] Only actions of this theme, e.g. "Victims"; or the tracker's range, header row included.
 * @param [source] The tracker's range, header row included, instead of the tracker the pane found.
 * @param invocation Streaming invocation.
 */
export function percent(value: string, theme: any[][], source: any[][], invocation: CustomFunctions.StreamingInvocation<number>): void {
  const args = [theme, source];
  stream(invocation, args, (t) => evalPercent(t, value, ...args));
}

/**
 * The status of an action (Completed, In progress, On hold, Not yet started, Closed), by its reference.
 * @customfunction STATUS
 * @streaming
 * @param id The action's reference, e.g. "V1" or 12.
 * @param [source] The tracker's range, header row included, instead of the tracker the pane found.
 * @param invocation Streaming invocation.
 */
export function status(id: any, source: any[][], invocation: CustomFunctions.StreamingInvocation<string>): void {
  stream(invocation, [source], (t) => evalField(t, "status", id, source));
}

/**
 * The RAG of an action (Red, Amber, Green, Blue, White), by its reference.
 * @customfunction RAG
 * @streaming
 * @param id The action's reference, e.g. "V7".
 * @param [source] The tracker's range, header row included, instead of the tracker the pane found.
 * @param invocation Streaming invocation.
 */
export function rag(id: any, source: any[][], invocation: CustomFunctions.StreamingInvocation<string>): void {
  stream(invocation, [source], (t) => evalField(t, "rag", id, source));
}

/**
 * How many more (or fewer) actions have a status, RAG or direction than at the previous snapshot.
 * @customfunction CHANGE
 * @streaming
 * @param value Status, RAG or direction, e.g. "Completed".
 * @param invocation Streaming invocation.
 */
export function change(value: string, invocation: CustomFunctions.StreamingInvocation<number>): void {
  stream(invocation, [], (t) => evalChange(t, value));
}

/**
 * Lists the reference, action and lead of the actions with a status, RAG or direction (spills).
 * @customfunction LIST
 * @streaming
 * @param value Status, RAG or direction, e.g. "Red".
 * @param [theme] Only actions of this theme, e.g. "Victims"; or the tracker's range, header row included.
 * @param [source] The tracker's range, header row included, instead of the tracker the pane found.
 * @param invocation Streaming invocation.
 */
export function list(value: string, theme: any[][], source: any[][], invocation: CustomFunctions.StreamingInvocation<string[][]>): void {
  const args = [theme, source];
  stream(invocation, args, (t) => evalList(t, value, ...args));
}

/**
 * Lists the tracker's themes, one per row (spills).
 * @customfunction THEMES
 * @streaming
 * @param [source] The tracker's range, header row included, instead of the tracker the pane found.
 * @param invocation Streaming invocation.
 */
export function themes(source: any[][], invocation: CustomFunctions.StreamingInvocation<string[][]>): void {
  stream(invocation, [source], (t) => evalThemes(t, source));
}

/**
 * Each period kept, oldest first, and how many actions had a status or RAG then; the tracker as it is now last (spills).
 * @customfunction HISTORY
 * @streaming
 * @param value Status or RAG, e.g. "Completed" or "Red".
 * @param [snapshots] The snapshot sheet's columns A to H, e.g. 'Delivery plan snapshots'!A1:H2000, instead of the periods the pane read.
 * @param invocation Streaming invocation.
 */
export function history(value: string, snapshots: any[][], invocation: CustomFunctions.StreamingInvocation<any[][]>): void {
  // The count now follows the tracker even with a range given: the range is the snapshots, not the tracker.
  stream(invocation, [], (t) => evalHistory(t, keptHistory(), value, snapshots));
}
