/**
 * Failures inside Excel as the pane's plain HostErrors: what failed and what to
 * do, never a stack trace; a write that failed part-way says what became of the
 * cells it had written.
 */
import type { HostError } from "../shared/host";
import { EngineError } from "../engine/engine";
import { NoSheetError } from "./read";
import { officeErrorCode } from "./office-error";

/** A plain message for a failure inside Excel: what failed and what to do, never a stack trace. */
export function excelFailure(what: string, err: unknown): HostError {
  if (err instanceof NoSheetError) return { code: "no-sheet", error: `${err.message} Choose the tracker's sheet from the list, or find the tracker again.` };
  if (err instanceof EngineError) return { code: "engine-failed", error: `${what}: ${err.message}` };
  const code = officeErrorCode(err);
  const said = err instanceof Error ? err.message : String(err);
  if (code === "ItemNotFound") return { code: "item-not-found", error: `${what}: the sheet or cell is no longer there (${said}). Find the tracker again.` };
  if (code === "InvalidOperationInCellEditMode") return { code: "excel-busy", error: `${what}: Excel is busy editing a cell. Press Enter or Esc in the sheet, then try again.` };
  if (code === "AccessDenied")
    return {
      code: "change-refused",
      error: `${what}: Excel did not allow the change — the sheet is protected, or the workbook is open read-only. Unprotect the sheet (Review > Unprotect Sheet), or open an editable copy of the workbook, then try again.`,
    };
  if (code === "ResponsePayloadSizeLimitExceeded" || code === "RequestPayloadSizeLimitExceeded")
    return {
      code: "too-large",
      error: `${what}: Excel refused to send back so much at once (it takes at most 5 MB a request). Try again; if it keeps happening, the tracker may hold very long texts: tell the add-in's support.`,
    };
  return { code: "excel-failed", error: `${what}: Excel said "${said}". Try again; if it keeps happening, close and reopen the add-in.` };
}

/** A write that failed part-way: whether the cells it had written were put back. */
export class PartWrittenError extends Error {
  constructor(
    readonly failure: unknown,
    readonly putBack: boolean,
  ) {
    super(failure instanceof Error ? failure.message : String(failure));
  }
}

/** excelFailure, saying also what became of a write that failed part-way. */
export function commandFailure(what: string, err: unknown): HostError {
  if (!(err instanceof PartWrittenError)) return excelFailure(what, err);
  const said = excelFailure(what, err.failure);
  return {
    code: said.code,
    error: err.putBack
      ? `${said.error} Nothing was changed: the cells already written were put back as they were.`
      : `${said.error} Excel stopped part-way, and some cells may already hold the new text: find the tracker again to see them.`,
  };
}
