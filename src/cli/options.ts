/**
 * The command line's words: the usage text and the arguments parsed into
 * Options (a usage error names the argument and says what to type instead).
 */
import { parseArgs } from "node:util";
import { FieldSchema, nearestName } from "../model";
import type { AlertStyle, HeaderOverrides, PeriodChoice } from "../model";

export const USAGE = `Usage:
  delivery-plan validate <file.xlsx> [options]
  delivery-plan summary  <file.xlsx> [--previous <earlier.xlsx>] [--history <earlier.xlsx>…] [--out <new.xlsx> [--period TEXT] [--organisation TEXT]] [options]
  delivery-plan format   <file.xlsx> --out <new.xlsx> [--validation [--validation-style stop]] [--write-rag-labels] [--previous <earlier.xlsx> --write-directions] [options]
  delivery-plan report   <file.xlsx> [--previous <earlier.xlsx>] [--history <earlier.xlsx>…] --out <paper.docx|paper.html> [--paper-settings FILE.json] [--period TEXT] [--organisation TEXT] [options]
  delivery-plan requests | merge | returns-status …   a quarter's returns (delivery-plan requests --help)
  delivery-plan sign-off <file.xlsx> --period TEXT --by NAME --out <copy.xlsx>   sign a period off (delivery-plan sign-off --help)

Options:
  --sheet NAME            the sheet holding the tracker (default: the one that looks most like one)
  --map FIELD=COLUMN      correct the column mapping, e.g. --map status=C or --map "lead=OPCC L'd"
                          fields: ${FieldSchema.options.join(", ")}
  --previous FILE         the previous period's workbook, to compute the direction of travel
  --previous-label TEXT   how to name the previous period, e.g. "June 2021" (default: a date in the earlier
                          workbook's title rows, else a month and year in its header, else "…-2021-06" in its name)
  --history FILE         (summary, report) an earlier period's workbook for the history (progress over time); give it
                          once per file, in any order: each is labelled as --previous is, and the periods are put
                          in time order (default: the sheet's period columns, else the workbook's snapshots)
  --words FILE            the organisation's own words, as JSON: {"status": {"Completed": ["Achieved"]}}
                          (added to those of the workbook's "Delivery plan words" sheet, if it has one)
  --as-of YYYY-MM-DD      the date the report is as at, for overdue actions (default: today; for report, the end
                          of the tracker's own period, e.g. 30 November 2018 for "November 2018")
  --out FILE              (format) where to write the formatted copy; the input is never changed
                          (summary) where to write a copy with the "Panel Summary" sheet added
                          (report) where to write the panel paper: .docx (Word) or .html (one web page)
  --period TEXT           (summary --out) the period the summary is for, e.g. "November 2021" (default: found as for
                          --previous-label in the tracker's workbook, else the month of --as-of)
  --organisation TEXT     (summary --out, report) the organisation, shown under the title
  --paper-settings FILE   (report) the paper's words as JSON, over those of the workbook's "Panel paper" sheet:
                          {"panel", "meetingDate", "agendaItem", "reportOf", "contactOfficer", "contactDetails",
                          "purpose", "recommendation", "termsOfReference", "background": [paragraphs],
                          "commentary": [paragraphs], "backgroundDocuments": [{"title", "url"}], "organisation",
                          "exceptions": ["red", "deteriorated", "overdue", "no-update", "no-new-update"],
                          "figures": "sentence" | "list"}
  --write-rag-labels      (format) type the RAG word into cells that show it only as a fill colour
  --write-directions      (format) write the computed direction of travel (needs --previous)
  --validation            (format) also add in-cell drop-down lists of the usual words to the status, RAG and
                          direction cells (data body only); a column with a rule of your own is left alone
  --validation-style S    (format --validation) warning (default: Excel warns, a note can still be kept) or stop
  --period-column current=COLUMN, --period-column previous=COLUMN
                          for a sheet that keeps one status or RAG column per period ("Status June 2021",
                          "Q3 RAG"): the column to read as this period, or as the previous one (a column
                          letter or its header text); default: the latest period with values, and the one
                          before it
  --json                  machine-readable output

Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 unusable input.`;

export class UsageError extends Error {}

type Command = "validate" | "summary" | "format" | "report";

export interface Options {
  command: Command;
  file: string;
  sheet?: string;
  json: boolean;
  overrides: HeaderOverrides;
  /** A words file (--words). */
  words?: string;
  previous?: string;
  previousLabel?: string;
  /** --history: earlier periods' workbooks, in the order given (summary, report). */
  history: string[];
  asOf: Date;
  /** Whether --as-of was given (else `asOf` is today's date). */
  asOfGiven: boolean;
  out?: string;
  /** --paper-settings: the paper's words, as a JSON file (report). */
  paperSettings?: string;
  period?: string;
  organisation?: string;
  writeRagLabels: boolean;
  writeDirections: boolean;
  validation: boolean;
  validationStyle: AlertStyle;
  /** --period-column: the columns of this period and the previous one, in a sheet that keeps several. */
  periodColumns?: PeriodChoice;
}

/** "help": --help was asked for (usage on stdout, exit 0); "usage": nothing was given to do (usage on stderr, exit 2). */
export function parseCommandLine(argv: string[], today = new Date()): Options | "help" | "usage" {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        sheet: { type: "string" },
        json: { type: "boolean", default: false },
        map: { type: "string", multiple: true },
        words: { type: "string" },
        previous: { type: "string" },
        history: { type: "string", multiple: true },
        "previous-label": { type: "string" },
        "as-of": { type: "string" },
        out: { type: "string" },
        period: { type: "string" },
        organisation: { type: "string" },
        "paper-settings": { type: "string" },
        "write-rag-labels": { type: "boolean", default: false },
        "write-directions": { type: "boolean", default: false },
        validation: { type: "boolean", default: false },
        "validation-style": { type: "string" },
        "period-column": { type: "string", multiple: true },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message.split("\n")[0]);
  }
  const { values, positionals } = parsed;
  if (values.help || positionals[0] === "help") return "help";
  if (positionals.length === 0) return "usage";
  const [command, file, ...rest] = positionals;
  if (command !== "validate" && command !== "summary" && command !== "format" && command !== "report")
    throw new UsageError(`Unknown command "${command}". Use validate, summary, format or report (or requests, merge, returns-status, sign-off).`);
  if (!file) throw new UsageError(`Give the .xlsx file to ${command}, e.g. delivery-plan ${command} tracker.xlsx`);
  if (rest.length) throw new UsageError(`Unexpected argument "${rest[0]}".`);
  const overrides: HeaderOverrides = {};
  for (const m of values.map ?? []) {
    const eq = m.indexOf("=");
    const typed = eq > 0 ? m.slice(0, eq).trim() : "";
    const field = FieldSchema.safeParse(typed);
    if (!field.success) {
      const near = nearestName(typed, FieldSchema.options);
      const meant = near ? ` Did you mean --map ${near}=${m.slice(eq + 1).trim() || "COLUMN"}?` : "";
      throw new UsageError(`--map "${m}" should be FIELD=COLUMN with FIELD one of ${FieldSchema.options.join(", ")}.${meant}`);
    }
    const target = m.slice(eq + 1).trim();
    overrides[field.data] = target === "" || target.toLowerCase() === "none" ? null : target;
  }
  let asOf = today;
  if (values["as-of"] !== undefined) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(values["as-of"]);
    asOf = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 23, 59, 59)) : new Date(Number.NaN);
    // 2026-13-45 would roll over into another date: only a real calendar date is taken.
    if (Number.isNaN(asOf.getTime()) || asOf.toISOString().slice(0, 10) !== values["as-of"])
      throw new UsageError(`--as-of "${values["as-of"]}" should be a real date like 2026-03-31.`);
  }
  if (command === "format" && !values.out) throw new UsageError("format writes a new file: give it with --out, e.g. --out tracker-formatted.xlsx");
  if (command === "report" && !values.out) throw new UsageError("report writes the panel paper: give it with --out, e.g. --out paper.docx or --out paper.html");
  if (command === "report" && !/\.(docx|html?)$/i.test(values.out!)) throw new UsageError(`--out "${values.out}" should end in .docx (a Word document) or .html (a web page).`);
  if (values.out && command !== "format" && command !== "summary" && command !== "report") throw new UsageError(`--out is for format, summary and report, not ${command}.`);
  // The copy is an Excel workbook without macros: Excel refuses to open one whose name says otherwise (.xlsm, .xls, .txt).
  if (values.out && (command === "format" || command === "summary") && !/\.xlsx$/i.test(values.out))
    throw new UsageError(`--out "${values.out}" should end in .xlsx: the copy written is an Excel workbook (without macros), and Excel will not open it under another name.`);
  if ((values.period !== undefined || values.organisation !== undefined) && command !== "summary" && command !== "report")
    throw new UsageError(`--period and --organisation are for summary and report, not ${command}.`);
  if (values.history?.length && command !== "summary" && command !== "report") throw new UsageError(`--history is for summary and report, not ${command}.`);
  if (values["paper-settings"] !== undefined && command !== "report") throw new UsageError(`--paper-settings is for report, not ${command}.`);
  if (values["write-directions"] && !values.previous) throw new UsageError("--write-directions needs --previous <earlier.xlsx> to compare with.");
  if (values.validation && command !== "format") throw new UsageError(`--validation is for format, not ${command}.`);
  const validationStyle = values["validation-style"];
  if (validationStyle !== undefined && !values.validation) throw new UsageError("--validation-style goes with --validation, e.g. --validation --validation-style stop.");
  if (validationStyle !== undefined && validationStyle !== "warning" && validationStyle !== "stop")
    throw new UsageError(`--validation-style "${validationStyle}" should be warning or stop.`);

  const periodColumns = parsePeriodColumns(values["period-column"] ?? []);
  if (periodColumns && values.previous) throw new UsageError("--period-column chooses the periods of one sheet; leave it out when comparing with --previous.");

  return {
    ...(periodColumns ? { periodColumns } : {}),
    command,
    file,
    sheet: values.sheet,
    json: values.json ?? false,
    overrides,
    words: values.words,
    previous: values.previous,
    previousLabel: values["previous-label"],
    history: values.history ?? [],
    asOf,
    asOfGiven: values["as-of"] !== undefined,
    out: values.out,
    paperSettings: values["paper-settings"],
    period: values.period,
    organisation: values.organisation,
    writeRagLabels: values["write-rag-labels"] ?? false,
    writeDirections: values["write-directions"] ?? false,
    validation: values.validation ?? false,
    validationStyle: validationStyle ?? "warning",
  };
}

/** --period-column current=F, --period-column previous="Status June 2021". */
function parsePeriodColumns(given: string[]): PeriodChoice | undefined {
  if (given.length === 0) return undefined;
  const choice: PeriodChoice = {};
  for (const g of given) {
    const m = /^\s*(current|previous)\s*=(.*)$/i.exec(g);
    const target = m?.[2].trim();
    if (!m || !target) throw new UsageError(`--period-column "${g}" should be current=COLUMN or previous=COLUMN, with COLUMN a letter or a header, e.g. --period-column previous="Status June 2021".`);
    choice[m[1].toLowerCase() as "current" | "previous"] = target;
  }
  return choice;
}
