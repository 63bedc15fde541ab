/**
 * The history the CLI reports (summary, report): every period kept, oldest
 * first (the model's buildHistory). Its periods come from the earlier
 * workbooks given with --history, else from the period columns of the
 * tracker's sheet, else from the workbook's snapshot sheet; this period's own
 * reading is always the last.
 */
import path from "node:path";
import { SNAPSHOT_SHEET, buildHistory, periodActions, periodLabel, periodsInSheet, readSnapshots, snapshotPeriods } from "../model";
import type { FoundReport, HeaderOverrides, History, KeptPeriodActions, SheetGrid, Words } from "../model";
import { UnreadableWorkbook } from "../xlsx";
import { InputError } from "./input-error";

/** What an earlier workbook is, read: its grid and tracker (run.ts's openTracker, given in to keep the rooms apart). */
export type OpenEarlier = (file: string, sheet: string) => Promise<{ grid: SheetGrid; report: FoundReport }>;

export interface HistoryInput {
  /** The --history files, in the order given. */
  files: readonly string[];
  /** The tracker's file, sheet and workbook as read, and this period's label. */
  file: string;
  /** Every sheet of the tracker's workbook, as read. */
  grids: readonly SheetGrid[];
  grid: SheetGrid;
  report: FoundReport;
  words: Words;
  overrides?: HeaderOverrides;
  period: string;
}

/** Where the history's periods came from. */
export type HistorySource = "files" | "period-columns" | "snapshots" | "this-period";

export interface CliHistory extends History {
  source: HistorySource;
  /** What the user should know (periods put in the order given). */
  warnings: string[];
}

const same = (a: string, b: string) => path.resolve(a) === path.resolve(b);

/** Read the --history files, each labelled as --previous labels it (the title rows, the header, the file's name). */
async function filePeriods(input: HistoryInput, open: OpenEarlier): Promise<KeptPeriodActions[]> {
  const out: (KeptPeriodActions & { file: string })[] = [];
  for (const file of input.files) {
    if (same(file, input.file) || out.some((p) => same(p.file, file))) continue;
    const read = await open(file, input.report.tracker.sheet).catch((err) => {
      throw err instanceof InputError || err instanceof UnreadableWorkbook ? new InputError(`--history: ${err.message}`) : err;
    });
    const found = periodLabel({ grid: read.grid, headerRow: read.report.tracker.headerRow, file });
    if (!found)
      throw new InputError(
        `--history ${file}: cannot tell which period it is for. Put its month and year in its name (e.g. tracker-2021-06.xlsx) or in a title row above the header ("as at June 2021").`,
      );
    const clash = found.label === input.period ? input.file : out.find((p) => p.label === found.label)?.file;
    if (clash) throw new InputError(`--history ${file} and ${clash} are both for ${found.label}: give each period once.`);
    out.push({ label: found.label, actions: periodActions(read.report.actions), file });
  }
  return out.map(({ label, actions }) => ({ label, actions }));
}

/** The history of the tracker: from the --history files, the period columns, or the snapshots; this period last. */
export async function trackerHistory(input: HistoryInput, open: OpenEarlier): Promise<CliHistory> {
  const current: KeptPeriodActions = { label: input.period, actions: periodActions(input.report.actions) };
  let source: HistorySource = "this-period";
  let periods: KeptPeriodActions[] = [current];
  if (input.files.length) {
    periods = [...(await filePeriods(input, open)), current];
    source = "files";
  } else {
    const inSheet = periodsInSheet(input.grid, input.report.tracker, current, input.words, input.overrides);
    const snapshotSheet = inSheet ? undefined : input.grids.find((g) => g.name === SNAPSHOT_SHEET);
    if (inSheet) {
      periods = inSheet;
      source = "period-columns";
    } else if (snapshotSheet) {
      const snapshots = readSnapshots(snapshotSheet);
      if (snapshots.length) {
        periods = snapshotPeriods(snapshots, current);
        source = "snapshots";
      }
    }
  }
  const history = buildHistory(periods);
  const warnings =
    history.order === "given" && history.entries.length > 1
      ? [`the periods ${history.entries.map((e) => `"${e.label}"`).join(", ")} do not all name a month or a quarter, so the history keeps them in the order given, not in time order.`]
      : [];
  return { ...history, source, warnings };
}

/** The history as the text summary shows it: nothing with fewer than two periods. */
export function historyLines(history: CliHistory | undefined): string[] {
  const entries = history?.entries ?? [];
  if (entries.length < 2) return [];
  const rows = [
    ["Period", "Actions", "Completed", "Share complete", "Actions updated"],
    ...entries.map((e, i) => [e.label, String(e.actions), String(e.status.Completed), `${Math.round(e.shareComplete * 100)}%`, e.updated === null ? (i === 0 ? "–" : "not known") : String(e.updated)]),
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return ["", `Progress over time (${entries.length} periods, oldest first)`, ...rows.map((r) => `  ${r.map((v, c) => v.padEnd(widths[c])).join("  ")}`.trimEnd())];
}
