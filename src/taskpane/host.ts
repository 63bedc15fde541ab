/**
 * What the task pane needs from Excel, as plain data. The real implementation
 * is src/excel/host.ts (createExcelHost); tests pass a fake. Components never
 * touch Office.js themselves.
 */

/** A tracker found on a sheet: its sheet, how many actions it has, and the count per status. */
export interface TrackerFound {
  sheet: string;
  actions: number;
  status: Record<string, number>;
}

/** Why no tracker could be read, in words the user can act on. */
export interface HostError {
  error: string;
}

export interface TaskpaneHost {
  findTracker(): Promise<TrackerFound | HostError>;
}

export function isHostError(result: TrackerFound | HostError): result is HostError {
  return "error" in result;
}
