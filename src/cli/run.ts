/**
 * The `delivery-plan` command line: the engine on .xlsx files.
 * Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 unusable input.
 */
import { parseArgs } from "node:util";
import { FieldSchema, HeaderOverrides, chooseTrackerSheet, countActions, readTracker } from "../model";
import type { Counts, Issue, TrackerReport } from "../model";
import { InputError, readWorkbookGrids } from "../xlsx";
import { formatSummary, formatValidation } from "./output";

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

export const USAGE = `Usage:
  delivery-plan validate <file.xlsx> [--sheet NAME] [--map FIELD=COLUMN]... [--json]
  delivery-plan summary  <file.xlsx> [--sheet NAME] [--map FIELD=COLUMN]... [--json]

  --sheet NAME        the sheet holding the tracker (default: the one that looks most like one)
  --map FIELD=COLUMN  correct the column mapping, e.g. --map status=C or --map "lead=OPCC L'd"
                      fields: ${FieldSchema.options.join(", ")}
  --json              machine-readable output

Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 unusable input.`;

export class UsageError extends Error {}

interface Parsed {
  command: "validate" | "summary";
  file: string;
  sheet?: string;
  json: boolean;
  overrides: HeaderOverrides;
}

export function parseCommandLine(argv: string[]): Parsed | "help" {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        sheet: { type: "string" },
        json: { type: "boolean", default: false },
        map: { type: "string", multiple: true },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message.split("\n")[0]);
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0 || positionals[0] === "help") return "help";
  const [command, file, ...rest] = positionals;
  if (command !== "validate" && command !== "summary") throw new UsageError(`Unknown command "${command}". Use validate or summary.`);
  if (!file) throw new UsageError(`Give the .xlsx file to ${command}, e.g. delivery-plan ${command} tracker.xlsx`);
  if (rest.length) throw new UsageError(`Unexpected argument "${rest[0]}".`);
  const overrides: HeaderOverrides = {};
  for (const m of values.map ?? []) {
    const eq = m.indexOf("=");
    const field = FieldSchema.safeParse(eq > 0 ? m.slice(0, eq).trim() : "");
    if (!field.success) throw new UsageError(`--map "${m}" should be FIELD=COLUMN with FIELD one of ${FieldSchema.options.join(", ")}.`);
    const target = m.slice(eq + 1).trim();
    overrides[field.data] = target === "" || target.toLowerCase() === "none" ? null : target;
  }
  return { command, file, sheet: values.sheet, json: values.json ?? false, overrides };
}

export interface Analysis {
  report: TrackerReport;
  counts: Counts;
  issues: Issue[];
}

/** Read a workbook file and analyse its tracker. Throws InputError for unusable input. */
export async function analyseFile(file: string, sheet?: string, overrides?: HeaderOverrides): Promise<Analysis> {
  const grids = await readWorkbookGrids(file);
  const choice = chooseTrackerSheet(grids, sheet);
  if (!choice.ok) throw new InputError(`${file}: ${choice.message}`);
  const report = readTracker(choice.grid, { overrides });
  if (!report.tracker) throw new InputError(`${file}: ${report.issues[0]?.message ?? "no tracker found."}`);
  return { report, counts: countActions(report.actions), issues: report.issues };
}

export async function run(argv: string[], io: Io): Promise<number> {
  try {
    const parsed = parseCommandLine(argv);
    if (parsed === "help") {
      io.out(USAGE);
      return 0;
    }
    const { report, counts, issues } = await analyseFile(parsed.file, parsed.sheet, parsed.overrides);
    const tracker = report.tracker!;
    if (parsed.command === "validate") {
      if (parsed.json) {
        io.out(
          JSON.stringify(
            {
              tracker: {
                sheet: tracker.sheet,
                headerRow: tracker.headerRow,
                columns: Object.fromEntries(tracker.columns.map((c) => [c.field, c.field === "references" ? undefined : c.header]).filter(([, h]) => h !== undefined)),
                columnLetters: Object.fromEntries(tracker.columns.filter((c) => c.field !== "references").map((c) => [c.field, c.column])),
                references: tracker.columns.filter((c) => c.field === "references").map((c) => c.header),
                referencesInActionText: tracker.referencesInActionText,
              },
              actions: report.actions.length,
              issues,
            },
            null,
            2,
          ),
        );
      } else io.out(formatValidation(report));
    } else if (parsed.json) {
      io.out(
        JSON.stringify(
          {
            sheet: tracker.sheet,
            actions: counts.actions,
            status: counts.status,
            rag: counts.rag,
            direction: counts.direction,
            byTheme: counts.byTheme,
            byLead: counts.byLead,
            issues,
          },
          null,
          2,
        ),
      );
    } else io.out(formatSummary(report, counts));
    return issues.some((i) => i.severity === "error") ? 1 : 0;
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`delivery-plan: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    if (err instanceof InputError) {
      io.err(`delivery-plan: ${err.message}`);
      return 2;
    }
    io.err(`delivery-plan: something went wrong that we did not expect (${(err as Error)?.message ?? String(err)}). Please report it with the file if you can.`);
    return 2;
  }
}
