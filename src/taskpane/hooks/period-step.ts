/** The Period step: a snapshot under this period's label, the period compared with, and the directions of travel against it. */
import { useState } from "react";
import { NO_PREVIOUS } from "../state";
import { PERIOD, SIGN_OFF } from "../sentences";
import type { ConfirmedWrite } from "./confirmed-write";
import type { Pane } from "./pane";

export function usePeriodStep({ flow, calls, periods, said, needPeriod, snapshotsTaken }: Pane, write: ConfirmedWrite) {
  /** Who signs the period off, as typed: never guessed. */
  const [signer, setSigner] = useState("");

  async function snapshot() {
    if (!needPeriod("snapshot")) return;
    const r = await flow.perform(PERIOD.takingSnapshot(periods.period.trim()), calls.takeSnapshot);
    if (!r) return;
    snapshotsTaken(r);
    flow.done(PERIOD.snapshotTaken(r));
  }

  /** Sign the period off: the rows it records are shown for confirming; confirmed, the snapshot and the record are written. */
  async function signOff() {
    if (!needPeriod("signOff")) return;
    const by = signer.trim();
    if (!by) return flow.failed(SIGN_OFF.noSigner);
    const period = periods.period.trim();
    const p = await flow.perform(SIGN_OFF.looking(period), () => calls.previewSignOff(by));
    if (!p) return;
    write.ask(p, SIGN_OFF.ask(p, period, by), (confirmed) => calls.signOff(by, confirmed));
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
    signer,
    setSigner,
    signOff: () => void signOff(),
    previewDirections: () => void previewDirections(),
    reviewDirections,
  };
}
