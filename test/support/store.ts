/** The functions' published index, put back to none between tests. */
import { publishTracker } from "../../src/shared/store";

/** No tracker published (what a sheet without one publishes): the functions ask for the pane again. */
export function clearTracker(): void {
  publishTracker({ tracker: null, actions: [], issues: [] });
}
