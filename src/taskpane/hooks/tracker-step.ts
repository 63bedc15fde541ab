/** The Tracker step: find the tracker, choose another sheet, correct the column mapping, choose the period columns. */
import type { TrackerRequest } from "../../shared/host";
import type { Pane } from "./pane";

export function useTrackerStep({ read, request, periods }: Pane) {
  return {
    find() {
      periods.forgetChoice();
      void read({});
    },
    /** The same sheet again keeps its corrections and period columns; another starts afresh. */
    chooseSheet: (sheet: string) => void read(sheet === request.sheet ? { sheet, overrides: request.overrides, periodColumns: request.periodColumns } : { sheet }),
    map: (overrides: Record<string, string | null>) => void read({ sheet: request.sheet, overrides, periodColumns: request.periodColumns }),
    choosePeriodColumns: (periodColumns: TrackerRequest["periodColumns"]) => void read({ sheet: request.sheet, overrides: request.overrides, periodColumns }),
  };
}
