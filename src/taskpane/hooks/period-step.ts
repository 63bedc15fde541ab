/** The Period step: a snapshot under this period's label, the period compared with, and the directions of travel against it. */
import { NO_PREVIOUS } from "../state";
import { PERIOD } from "../sentences";
import type { ConfirmedWrite } from "./confirmed-write";
import type { Pane } from "./pane";

export function usePeriodStep({ flow, calls, periods, said, needPeriod, snapshotsTaken }: Pane, write: ConfirmedWrite) {
  async function snapshot() {
    if (!needPeriod("snapshot")) return;
    const r = await flow.perform(PERIOD.takingSnapshot(periods.period.trim()), calls.takeSnapshot);
    if (!r) return;
    snapshotsTaken(r);
    flow.done(PERIOD.snapshotTaken(r));
  }

  async function previewDirections() {
    if (periods.previous === NO_PREVIOUS) return;
    const p = await flow.perform(PERIOD.comparing(said.name), calls.previewDirections);
    if (!p) return;
    periods.showPreview(p);
    flow.done(PERIOD.compared(p));
  }

  function reviewDirections() {
    const p = periods.preview;
    if (!p) return;
    write.ask(p, PERIOD.directions(p), (confirmed) => calls.writeDirections(p.comparedWith, confirmed), () => periods.showPreview(null));
  }

  return {
    snapshot: () => void snapshot(),
    previewDirections: () => void previewDirections(),
    reviewDirections,
  };
}
