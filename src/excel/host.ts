/**
 * The task pane's view of Excel: every call runs one Excel.run batch and
 * returns plain data. React components get this object as a prop, so they can
 * be tested without Excel.
 */
import type { TaskpaneHost } from "../taskpane/host";
import { NoSheetError } from "./read";
import { unsupportedMessage } from "./requirements";
import { loadTracker } from "./tracker";
import { publishTracker } from "../functions/store";

export function createExcelHost(): TaskpaneHost {
  return {
    async findTracker() {
      const tooOld = unsupportedMessage();
      if (tooOld) return { error: tooOld };
      try {
        // delayForCellEdit: wait while the user is typing in a cell rather than fail.
        return await Excel.run({ delayForCellEdit: true }, async (context) => {
          const { report, counts } = await loadTracker(context);
          if (!report.tracker) return { error: report.issues[0]?.message ?? "No tracker found on this sheet." };
          publishTracker(report);
          const status: Record<string, number> = { ...counts.status };
          return { sheet: report.tracker.sheet, actions: counts.actions, status };
        });
      } catch (err) {
        if (err instanceof NoSheetError) return { error: err.message };
        return { error: `Excel could not read the sheet: ${(err as Error).message ?? String(err)}` };
      }
    },
  };
}
