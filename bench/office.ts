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
 *    tracker (sheet list, snapshot list, the sheet) and then does the step,
 *    each on a fresh tracker (a new workbook and host: the sheet is read) and
 *    on an unchanged one (the host watches the sheet and has read it while
 *    watching, so the read is reused: unchanged.ts).
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
import { stopKeepingTrackerFresh, watchedTracker } from "../src/excel/refresh";
import type { RefreshTimers } from "../src/excel/refresh";
import { REQUEST_BUDGET_BYTES } from "../src/excel/blocks";
import { isHostError } from "../src/shared/host";
import type { HostResult, TaskpaneHost } from "../src/shared/host";
import { ExcelDouble } from "../test/double/excel-double";
import type { RealisticTracker } from "../test/support/realistic-tracker";
import { AS_OF } from "./engine";
import { ms, size, table, targets, verdict } from "./util";
import { takeSnapshot } from "../test/support/office-writes";
import { clearTracker } from "../test/support/store";

const MAX_SYNCS = 3;
const MAX_BYTES = REQUEST_BUDGET_BYTES;
/** A command on an unchanged tracker of 1,000 rows: at most this many round trips (issue 17). */
const MAX_UNCHANGED_SYNCS = 2;
/** A first read: at most one round trip per 4 MB of the sheet's values, and one more (issue 17). */
const READ_BYTES_PER_SYNC = 4 * 1024 * 1024;
/** The watch's debounce never fires in the bench: its re-reads for the functions are not the commands' round trips. */
const NO_TIMERS: RefreshTimers = { set: () => 0, clear: () => undefined };

export interface CommandFigures {
  command: string;
  syncs: number;
  /** Excel.run's own last round trips, releasing the ranges the client kept. */
  releases: number;
  /** All the request bytes of the command. */
  totalRequest: number;
  /** All the response bytes of the command. */
  totalResponse: number;
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
    totalResponse: [...x.syncs, ...x.refused].reduce((n, s) => n + s.responseBytes, 0),
    maxActions: Math.max(0, ...x.syncs.map((s) => s.operations), ...x.refused.map((s) => s.operations)),
    refused: x.refused.length,
    maxRequest: Math.max(0, ...x.syncs.map((s) => s.requestBytes), ...x.refused.map((s) => s.requestBytes)),
    maxResponse: Math.max(0, ...x.syncs.map((s) => s.responseBytes), ...x.refused.map((s) => s.responseBytes)),
    time,
  };
}

function ok<T>(result: HostResult<T>): T {
  if (isHostError(result)) throw Object.assign(new Error(result.message), { code: `the pane said: ${result.message}` });
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

  // The pane's commands (src/excel/host.ts), each one Excel.run: on a fresh tracker, and on an unchanged one.
  const commands: { name: string; run: (host: TaskpaneHost) => Promise<unknown>; needsSnapshot?: boolean }[] = [
    { name: "Read the tracker", run: async (h) => ok(await h.readTracker({})) },
    { name: "Apply formatting", run: async (h) => ok(await h.applyFormatting({})) },
    { name: "Add drop-down lists", run: async (h) => ok(await h.addValidation({}, { style: "warning" })) },
    { name: "Build panel summary", run: async (h) => ok(await h.buildPanelSummary({ period: "November 2026", comparedWith: { kind: "none" } })) },
    { name: "Take a snapshot", run: async (h) => ok(await h.takeSnapshot({ period })) },
    { name: "Build panel summary vs that snapshot", run: async (h) => ok(await h.buildPanelSummary({ period: "Q4 2026/27", comparedWith: { kind: "snapshot", label: period } })), needsSnapshot: true },
  ];
  const fresh: CommandFigures[] = [];
  for (const c of commands) {
    const x = ExcelDouble.fromGrids([grid]);
    const uninstall = x.installMicrosoftClient();
    try {
      if (c.needsSnapshot) ok(await createExcelHost({ requirements: { isSetSupported: () => true }, now: () => AS_OF, watch: false }).takeSnapshot({ period }));
      // watch: false, so that the watch's own registration (a batch apart) is not counted with the command.
      const host = createExcelHost({ requirements: { isSetSupported: () => true }, now: () => AS_OF, watch: false });
      fresh.push(await measure(x, `pane: ${c.name}`, () => c.run(host)));
    } finally {
      uninstall();
      clearTracker();
    }
  }
  const unchanged: CommandFigures[] = [];
  {
    const x = ExcelDouble.fromGrids([grid]);
    const uninstall = x.installMicrosoftClient();
    const host = createExcelHost({ requirements: { isSetSupported: () => true }, now: () => AS_OF, refreshTimers: NO_TIMERS });
    try {
      // The first read starts the watch; the second, made while it listens, is the one kept.
      ok(await host.readTracker({}));
      await watchedTracker();
      ok(await host.readTracker({}));
      for (const c of commands) {
        await x.wire.eventsDelivered();
        unchanged.push(await measure(x, `pane: ${c.name}`, () => c.run(host)));
      }
    } finally {
      await stopKeepingTrackerFresh();
      uninstall();
      clearTracker();
    }
  }
  out.push(...fresh);

  console.log(
    "\nOffice.js on Microsoft's Excel client (excel-web-16.00.js) over the wire host (syncs = the command's context.sync() round trips, refused ones included; + Excel.run's own release round trip; real UTF-8 JSON bytes):",
  );
  console.log(
    table([
      ["command", "syncs", "largest request (actions)", "all requests", "largest response", "time (client + host + model)", "≤ 3 syncs, ≤ 4 MB"],
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
  const dataBytes = Buffer.byteLength(JSON.stringify(grid.values));
  console.log(`  (the sheet's values are ${size(dataBytes)} as JSON; the reader takes one round trip per ~4 MB of them)`);

  const readLimit = Math.ceil(dataBytes / READ_BYTES_PER_SYNC) + 1;
  console.log("\nThe pane's commands: round trips on a fresh tracker (the sheet is read) and on an unchanged one (the read is reused):");
  console.log(
    table([
      ["command", "fresh: syncs", "fresh: largest response", "unchanged: syncs", "unchanged: all responses", "unchanged: time"],
      ...commands.map((c, i) => {
        const f = fresh[i];
        const u = unchanged[i];
        const syncs = (m: CommandFigures) => (m.failed ? "FAILED" : `${m.syncs}${m.refused ? ` (${m.refused} refused)` : ""}${m.releases ? ` + ${m.releases}` : ""}`);
        return [c.name, syncs(f), size(f.maxResponse), syncs(u), size(u.totalResponse), ms(u.time)];
      }),
    ]),
  );
  for (const f of [...fresh, ...unchanged].filter((f) => f.failed)) console.log(`  !!! ${f.command} FAILED: ${f.failed}`);
  const firstRead = fresh[0];
  targets.push({
    measure: "Office.js pane: first read, round trips",
    size: rows.toLocaleString("en-GB"),
    figure: `${firstRead.syncs} syncs (${size(dataBytes)} of values)`,
    target: `≤ ⌈bytes ÷ 4 MB⌉ + 1 = ${readLimit}`,
    verdict: verdict(!firstRead.failed && firstRead.syncs <= readLimit, `${firstRead.syncs - readLimit} over`),
  });
  if (rows <= 1_000) {
    for (const [i, c] of commands.entries()) {
      const u = unchanged[i];
      const fresh1 = fresh[i];
      const own = Math.max(0, u.syncs - 1);
      targets.push({
        measure: `Office.js pane on an unchanged tracker: ${c.name}`,
        size: rows.toLocaleString("en-GB"),
        figure: `${u.syncs} syncs (fresh: ${fresh1.syncs})`,
        target: `≤ ${MAX_UNCHANGED_SYNCS} syncs`,
        verdict: verdict(
          !u.failed && u.syncs <= MAX_UNCHANGED_SYNCS,
          u.failed ? `FAILED: ${u.failed}` : `${u.syncs - MAX_UNCHANGED_SYNCS} over: the step itself takes ${own} after the first round trip`,
        ),
      });
    }
  }

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
      target: "≤ 3 syncs, ≤ 4 MB",
      verdict: verdict(!f.failed && syncsOk && bytesOk, why.join(", ")),
    });
  }
  return out;
}
