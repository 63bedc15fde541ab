/**
 * The period compared with: what was asked for, as one typed value, and the
 * one rule that turns it into a period. The pane sends a ComparedWith to its
 * host with every command, and the host hands it on to the engine once; the
 * CLI makes one from its options. Both then call resolveComparedWith with the
 * periods they have at hand, and nothing else decides which period is the
 * previous one.
 */
import type { Result } from "../sheet/result";
import type { PreviousPeriod } from "./analysis";
import type { PeriodAction } from "./direction";
import type { Snapshot } from "./snapshot";

export type ComparedWith =
  /** The default: the sheet's own previous period when it keeps several side by side, else the latest snapshot that is not this period's. */
  | { kind: "latest" }
  /** No previous period. */
  | { kind: "none" }
  /** The sheet's own previous period (a sheet that keeps several side by side). */
  | { kind: "sheet" }
  /** The snapshot taken under this label. */
  | { kind: "snapshot"; label: string }
  /** A workbook of the previous period (the CLI's --previous), under this label. */
  | { kind: "file"; label: string };

export const LATEST: ComparedWith = { kind: "latest" };

/** The periods a host has at hand to compare with. */
export interface PeriodsAtHand {
  /** This period's label: its own snapshot is never the latest previous one. */
  current?: string;
  /** The labels of the workbook's snapshots, in the order taken. */
  snapshots: readonly string[];
  /** The snapshot whose rows were loaded: the one snapshotAsked names (a host loads no other). */
  loaded: Snapshot | null;
  /** The sheet's own previous period, when it keeps several side by side. */
  inSheet: PreviousPeriod | null;
  /** What the previous period's workbook knew of each action, when one was given (its label is the ComparedWith's). */
  file?: { actions: readonly PeriodAction[] } | null;
}

/** The period compared with, and where it came from. */
export type ComparedPeriod = PreviousPeriod & { from: "sheet" | "snapshot" | "file" };

/** Why the period asked for cannot be compared with. */
export type ComparedWithProblem =
  | { problem: "no-sheet-period" }
  | { problem: "no-such-snapshot"; label: string; snapshots: string[] }
  | { problem: "no-file" };

export type ComparedResolution = Result<{ period: ComparedPeriod | null }, ComparedWithProblem>;

/**
 * The snapshot a choice needs the rows of, among the workbook's (each with its
 * label as `period`): the one of that label, or for the default the latest that
 * is not this period's; null when the choice needs none (or there is none).
 */
export function snapshotAsked<P extends { period: string }>(asked: ComparedWith, snapshots: readonly P[], current?: string): P | null {
  if (asked.kind === "snapshot") return snapshots.find((p) => p.period === asked.label) ?? null;
  if (asked.kind !== "latest") return null;
  const candidates = snapshots.filter((p) => p.period !== current);
  return candidates.length ? candidates[candidates.length - 1] : null;
}

const found = (period: ComparedPeriod | null): ComparedResolution => ({ ok: true, period });

/** The period a ComparedWith asks for, among those at hand (null: none), or why there is none. */
export function resolveComparedWith(asked: ComparedWith, at: PeriodsAtHand): ComparedResolution {
  switch (asked.kind) {
    case "none":
      return found(null);
    case "file":
      return at.file ? found({ label: asked.label, actions: at.file.actions, from: "file" }) : { ok: false, problem: "no-file" };
    case "sheet":
      return at.inSheet ? found({ ...at.inSheet, from: "sheet" }) : { ok: false, problem: "no-sheet-period" };
    case "latest":
    case "snapshot": {
      if (asked.kind === "latest" && at.inSheet) return found({ ...at.inSheet, from: "sheet" });
      const wanted = snapshotAsked(
        asked,
        at.snapshots.map((period) => ({ period })),
        at.current,
      );
      const loaded = wanted && at.loaded?.period === wanted.period ? at.loaded : null;
      if (loaded) return found({ label: loaded.period, actions: loaded.actions, from: "snapshot" });
      return asked.kind === "latest" ? found(null) : { ok: false, problem: "no-such-snapshot", label: asked.label, snapshots: [...at.snapshots] };
    }
  }
}
