/** A host call's result in a test: the value, or a failure that says what the host said instead. */
import { isHostError } from "../../src/shared/host";
import type { HostResult } from "../../src/shared/host";

export function ok<T>(result: HostResult<T>): T {
  if (isHostError(result)) throw new Error(`expected a result, got the error: ${result.message}`);
  return result;
}

export function errorOf<T>(result: HostResult<T>): string {
  if (!isHostError(result)) throw new Error(`expected an error, got ${JSON.stringify(result).slice(0, 200)}`);
  return result.message;
}
