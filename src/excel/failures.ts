/**
 * Failures inside Excel as the pane's plain HostErrors (worded in
 * src/shared/errors.ts): what failed and what to do, never a stack trace; a
 * write that failed part-way says what became of the cells it had written.
 */
import { hostError } from "../shared/host";
import type { HostError } from "../shared/host";
import type { FailureCode, PartWrite } from "../shared/errors";
import { EngineError } from "../engine/engine";
import { NoSheetError } from "./read";
import { officeErrorCode } from "./office-error";

/** Office's error codes (Excel.ErrorCodes) the pane words on their own; any other is "excel-failed". */
const OFFICE_CODES: Record<string, FailureCode> = {
  ItemNotFound: "item-not-found",
  InvalidOperationInCellEditMode: "excel-busy",
  AccessDenied: "change-refused",
  ResponsePayloadSizeLimitExceeded: "too-large",
  RequestPayloadSizeLimitExceeded: "too-large",
};

/** A write that failed part-way: whether the cells it had written were put back. */
export class PartWrittenError extends Error {
  constructor(
    readonly failure: unknown,
    readonly putBack: boolean,
  ) {
    super(failure instanceof Error ? failure.message : String(failure));
  }
}

/** A plain message for a failure inside a command (`what`: "Reading the tracker"), saying also what became of a write that failed part-way. */
export function commandFailure(what: string, err: unknown): HostError {
  const write: PartWrite | undefined = err instanceof PartWrittenError ? (err.putBack ? "put-back" : "part-way") : undefined;
  const failure = err instanceof PartWrittenError ? err.failure : err;
  if (failure instanceof NoSheetError) return hostError("no-sheet", { sheet: failure.sheet });
  const said = failure instanceof Error ? failure.message : String(failure);
  const code: FailureCode = failure instanceof EngineError ? "engine-failed" : (OFFICE_CODES[officeErrorCode(failure)] ?? "excel-failed");
  return hostError(code, { what, said, ...(write ? { write } : {}) });
}
