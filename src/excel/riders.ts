/**
 * What a command queues with the tracker's first round trip (session.ts:
 * FirstTrip), so that its own work needs no round trip to look first: the
 * add-in's formatting rules on the tracker's sheet, the drop-down lists' probe,
 * the names the Panel Summary must not take. Each command adds only its own:
 * no command loads what only another one needs.
 */
import { SUMMARY_MARK } from "../model";
import type { AlertStyle, ValidationPlan } from "../model";
import type { Engine } from "../engine/engine";
import type { PaperSettingsView } from "../shared/host";
import { queueRuleList } from "./formatting";
import { queueValidationProbe } from "./validation";
import type { QueuedProbe } from "./validation";
import type { SummarySheets } from "./summary";
import { queuePaperSheet } from "./paper-sheet";
import { PANE } from "./session";
import type { FirstTrip, OpenTracker } from "./session";

/** Formatting's "list our rules" on the kept tracker's sheet; the list, if the read reused that tracker (the same sheet, by id). */
export function rideRuleList(context: Excel.RequestContext, trip: FirstTrip): (r: OpenTracker) => Excel.ConditionalFormatCollection | undefined {
  const list = trip.ride((sheetId) => (sheetId ? queueRuleList(context.workbook.worksheets.getItem(sheetId)) : undefined));
  return (r) => (r.reused ? list() : undefined);
}

/**
 * The drop-down lists' probe, when the tracker read last time may be reused: its plan is made from that
 * tracker (the engine still holds it) before the round trip, and used only if the read did reuse it (the
 * same tracker, so the same plan).
 */
export async function rideValidationProbe(
  context: Excel.RequestContext,
  trip: FirstTrip,
  engine: Engine,
  keptSheetId: string | null,
  style?: AlertStyle,
): Promise<(r: OpenTracker) => { plan: ValidationPlan; queued: QueuedProbe } | null> {
  const plan = keptSheetId ? await engine.validation({ key: PANE, style }) : null;
  const queued = trip.ride((sheetId) => (plan && plan.rules.length && sheetId === keptSheetId ? queueValidationProbe(context, plan.sheet, plan.rules) : undefined));
  return (r) => {
    const probe = queued();
    return r.reused && plan && probe ? { plan, queued: probe } : null;
  };
}

/** Our old Panel Summary's mark and the workbook's tables' names (with their sheets): what writePanelSummary must know. */
export function rideSummaryNames(context: Excel.RequestContext, trip: FirstTrip): (r: OpenTracker) => SummarySheets {
  const mark = context.workbook.names.getItemOrNullObject(SUMMARY_MARK);
  const tables = context.workbook.tables;
  trip.ride(() => {
    mark.load("formula");
    tables.load("items/name,items/worksheet/name");
  });
  return (r) => ({ existing: r.allSheets, mark, markName: SUMMARY_MARK, tables });
}

/** The "Panel paper" sheet's settings (the officer's words), for the paper. */
export function ridePaperSettings(context: Excel.RequestContext, trip: FirstTrip): () => PaperSettingsView {
  const held = trip.ride(() => queuePaperSheet(context));
  return () => held()();
}
