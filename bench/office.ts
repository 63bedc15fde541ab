/**
 * Office.js round trips per command on Microsoft's own Excel client library
 * (@microsoft/office-js dist/excel-web-16.00.js, test/double/office-client.ts),
 * whose requests the wire host (test/double/wire-host.ts) answers over the
 * Excel double's workbook: every request and response is measured as the real
 * JSON the client sends and gets (UTF-8 bytes), and payloads over Excel's 5 MB
 * are refused. Syncs are the command's own; Microsoft's Excel.run adds one
 * round trip of its own at the end when it kept ranges (it releases them),
 * counted apart. Two views of each command:
 *
 *  - the adapter step alone (src/excel: loadTracker, applyFormatting, applyValidation,
 *    takeSnapshot, writePanelSummary), given what the model planned;
 *  - the pane's whole command (src/excel/host.ts): one Excel.run that reads the
 *    tracker (sheet list, snapshot list, the sheet) and then does the step.
 *
 * Times are the double's and the model's, not Excel's: a real Excel adds its own
 * time per round trip and per MB, which is why the round trips are what counts.
 */
import { performance } from "node:perf_hooks";
import { buildPanelSummary, formattingPlan, validationPlan } from "../src/model";
import { loadTracker } from "../src/excel/tracker";
import { applyFormatting } from "../src/excel/formatting";
import { applyValidation } from "../src/excel/validation";
import { writePanelSummary } from "../src/excel/summary";
import { createExcelHost } from "../src/excel/host";
import { isHostError } from "../src/shared/host";
import type { HostResult } from "../src/shared/host";
import { ExcelDouble } from "../test/double/excel-double";
import type { RealisticTracker } from "../test/support/realistic-tracker";
import { AS_OF } from "./engine";
import { ms, size, table, targets, verdict } from "./util";
import { takeSnapshot } from "../test/support/office-writes";
import { clearTracker } from "../test/support/store";

const MAX_SYNCS = 3;
const MAX_BYTES = 2 * 1024 * 1024;

export interface CommandFigures {
  command: string;
  syncs: number;
  /** Excel.run's own last round trips, releasing the ranges the client kept. */
  releases: number;
  /** All the request bytes of the command. */
  totalRequest: number;
  /** Actions in the largest request. */
  maxActions: number;
  refused: number;
  maxRequest: number;
  maxResponse: number;
  time: number;
  /** Excel (the double) refused the command: its error code. */
  failed?: string;
}

async function measure(x: ExcelDouble, command: string, fn: () => Promise<unknown>): Promise<CommandFigures> {
  x.resetCounters();
  const t = performance.now();
  let failed: string | undefined;
  try {
    await fn();
  } catch (err) {
    failed = (err as { code?: string }).code ?? (err as Error).message;
  }
  const time = performance.now() - t;
  return {
    failed,
    command,
    syncs: x.wire.commandSyncs.length + x.refused.length,
    releases: x.syncs.length - x.wire.commandSyncs.length,
    totalRequest: [...x.syncs, ...x.refused].reduce((n, s) => n + s.requestBytes, 0),
    maxActions: Math.max(0, ...x.syncs.map((s) => s.operations), ...x.refused.map((s) => s.operations)),
    refused: x.refused.length,
    maxRequest: Math.max(0, ...x.syncs.map((s) => s.requestBytes), ...x.refused.map((s) => s.requestBytes)),
    maxResponse: Math.max(0, ...x.syncs.map((s) => s.responseBytes), ...x.refused.map((s) => s.responseBytes)),
    time,
  };
}

function ok<T>(result: HostResult<T>): T {
  if (isHostError(result)) throw Object.assign(new Error(result.error), { code: `the pane said: ${result.error}` });
  return result;
}

export async function officeBench(rows: number, rt: RealisticTracker): Promise<CommandFigures[]> {
  const { grid } = rt;
  const period = "Q3 2026/27";
  const taken = new Date(Date.UTC(2026, 11, 31));
  const out: CommandFigures[] = [];

  // The adapter steps, one after another on one workbook.
  {
    const x = ExcelDouble.fromGrids([grid]);
    const uninstall = x.installMicrosoftClient();
    try {
      const read: { loaded?: Awaited<ReturnType<typeof loadTracker>> } = {};
      out.push(
        await measure(x, "read: loadTracker (readSheetGrid + the model)", async () => {
          read.loaded = await Excel.run({ delayForCellEdit: true }, (c) => loadTracker(c));
        }),
      );
      if (!read.loaded) throw new Error(`the tracker could not be read: ${out[0].failed}`);
      const { report, counts } = read.loaded;
      const tracker = report.tracker!;
      const fplan = formattingPlan(tracker);
      out.push(await measure(x, "format: applyFormatting", () => Excel.run((c) => applyFormatting(c, fplan))));
      const vplan = validationPlan(grid, tracker, report.actions);
      out.push(await measure(x, "lists: applyValidation", () => Excel.run((c) => applyValidation(c, vplan))));
      out.push(await measure(x, "snapshot: takeSnapshot", () => Excel.run((c) => takeSnapshot(c, period, taken, tracker.sheet, report.actions))));
      const plan = buildPanelSummary({ report, counts, previous: null, options: { period: "November 2026", asOf: AS_OF, built: AS_OF } });
      out.push(await measure(x, "summary: writePanelSummary", () => Excel.run((c) => writePanelSummary(c, plan))));
    } finally {
      uninstall();
    }
  }

  // The pane's commands (src/excel/host.ts): each reads the tracker first, in the same Excel.run.
  {
    const x = ExcelDouble.fromGrids([grid]);
    const uninstall = x.installMicrosoftClient();
    const host = createExcelHost({ requirements: { isSetSupported: () => true }, now: () => AS_OF, watch: false });
    try {
      out.push(await measure(x, "pane: Read the tracker", async () => ok(await host.readTracker({}))));
      out.push(await measure(x, "pane: Apply formatting (read + format)", async () => ok(await host.applyFormatting({}))));
      out.push(await measure(x, "pane: Add drop-down lists (read + lists)", async () => ok(await host.addValidation({}, { style: "warning" }))));
      out.push(await measure(x, "pane: Build panel summary (read + write)", async () => ok(await host.buildPanelSummary({}, { period: "November 2026", previousPeriod: null }))));
      out.push(await measure(x, "pane: Take a snapshot (read + write)", async () => ok(await host.takeSnapshot({}, period))));
      out.push(
        await measure(x, "pane: Build panel summary vs that snapshot", async () => ok(await host.buildPanelSummary({}, { period: "Q4 2026/27", previousPeriod: period }))),
      );
    } finally {
      uninstall();
      clearTracker();
    }
  }

  console.log(
    "\nOffice.js on Microsoft's Excel client (excel-web-16.00.js) over the wire host (syncs = the command's context.sync() round trips, refused ones included; + Excel.run's own release round trip; real UTF-8 JSON bytes):",
  );
  console.log(
    table([
      ["command", "syncs", "largest request (actions)", "all requests", "largest response", "time (client + host + model)", "≤ 3 syncs, ≤ 2 MB"],
      ...out.map((f) => [
        f.command,
        `${f.syncs}${f.refused ? ` (${f.refused} refused)` : ""}${f.releases ? ` + ${f.releases}` : ""}`,
        `${size(f.maxRequest)} (${f.maxActions.toLocaleString("en-GB")})`,
        size(f.totalRequest),
        size(f.maxResponse),
        ms(f.time),
        f.failed ? "FAILED" : f.syncs <= MAX_SYNCS && f.maxRequest <= MAX_BYTES && f.maxResponse <= MAX_BYTES ? "yes" : "NO",
      ]),
    ]),
  );
  for (const f of out.filter((f) => f.failed)) console.log(`  !!! ${f.command} FAILED: ${f.failed}`);
  const dataBytes = JSON.stringify(grid.values).length;
  console.log(`  (the sheet's values are ${size(dataBytes)} as JSON; the reader takes one round trip per ~2 MB of them)`);

  for (const f of out.filter((f) => !f.command.startsWith("pane:"))) {
    const syncsOk = f.syncs <= MAX_SYNCS;
    const bytesOk = f.maxRequest <= MAX_BYTES && f.maxResponse <= MAX_BYTES;
    const why: string[] = f.failed ? [`FAILED: ${f.failed}`] : [];
    if (!syncsOk) why.push(`${f.syncs - MAX_SYNCS} sync(s) over`);
    if (!bytesOk) why.push(`largest payload ${size(Math.max(f.maxRequest, f.maxResponse))}`);
    targets.push({
      measure: `Office.js ${f.command.split(":")[0]}: syncs, largest request / response`,
      size: rows.toLocaleString("en-GB"),
      figure: `${f.syncs} syncs, ${size(f.maxRequest)} / ${size(f.maxResponse)}`,
      target: "≤ 3 syncs, ≤ 2 MB",
      verdict: verdict(!f.failed && syncsOk && bytesOk, why.join(", ")),
    });
  }
  return out;
}
