/**
 * The zod schemas the model's types are inferred from: a mapped row, a
 * normalised action, an issue, the tracker found in a sheet.
 */
import { z } from "zod";
import { FieldSchema } from "../words/headers";
import { DirectionSchema, RagSchema, StatusSchema } from "../words/vocabulary";

export const SeveritySchema = z.enum(["error", "warning", "info"]);
export type Severity = z.infer<typeof SeveritySchema>;

/** Raised while reading a tracker (readTracker). */
export const TRACKER_ISSUE_CODES = [
  "no-tracker",
  "no-delivery-column",
  "column-mapped-twice",
  "mapped-by-content",
  "mapping-not-found",
  "missing-reference",
  "missing-value",
  "missing-action-text",
  "unknown-value",
  "non-canonical",
  "wrong-column",
  "duplicate-reference",
  "error-value",
  "rag-from-fill",
  "no-actions",
  "no-action-column",
  "group-heading",
  "key-read",
  "guessed-reading",
] as const;
/** Raised by the consistency checks and the comparison with the previous period. */
export const CHECK_ISSUE_CODES = [
  "completed-but-behind",
  "not-started-but-green",
  "no-update",
  "overdue",
  "timeframe-unread",
  "direction-contradicts",
  "signed-off-changed",
] as const;
export const ISSUE_CODES = [...TRACKER_ISSUE_CODES, ...CHECK_ISSUE_CODES] as const;
export const IssueCodeSchema = z.enum(ISSUE_CODES);
export type IssueCode = z.infer<typeof IssueCodeSchema>;

/** The severities each code is raised with. */
export const ISSUE_SEVERITIES = {
  "no-tracker": ["error"],
  "no-delivery-column": ["error"],
  "column-mapped-twice": ["warning"],
  "mapped-by-content": ["info"],
  "mapping-not-found": ["error"],
  "missing-reference": ["warning"],
  "missing-value": ["warning"],
  "missing-action-text": ["warning"],
  // A cell's status or RAG we cannot read is an error; a direction, or a row of the words sheet, a warning.
  "unknown-value": ["error", "warning"],
  "non-canonical": ["warning"],
  "wrong-column": ["warning"],
  "duplicate-reference": ["error"],
  "error-value": ["error"],
  "rag-from-fill": ["info"],
  "no-actions": ["warning"],
  "no-action-column": ["warning"],
  "group-heading": ["info"],
  "key-read": ["info"],
  // A reading that rests on a guess: the CLI exits 1 until it is confirmed (--map, --period-column, the pane's mapping).
  "guessed-reading": ["warning"],
  "completed-but-behind": ["warning"],
  "not-started-but-green": ["warning"],
  "no-update": ["warning"],
  overdue: ["warning"],
  "timeframe-unread": ["info"],
  "direction-contradicts": ["warning"],
  // A value of a period signed off that has changed since: look at it, or sign the period off again.
  "signed-off-changed": ["warning"],
} as const satisfies { [K in IssueCode]: readonly [Severity, ...Severity[]] };

/** An issue with one code: what is wrong, where, and what to do, in words (messages.ts). */
export interface IssueOf<K extends IssueCode> {
  severity: (typeof ISSUE_SEVERITIES)[K][number];
  code: K;
  sheet: string;
  /** A1 address of the cell at fault, or null when the issue is about the sheet. */
  cell: string | null;
  message: string;
}

/** An issue, told apart by its code. */
export type Issue = { [K in IssueCode]: IssueOf<K> }[IssueCode];

function issueOf<K extends IssueCode>(code: K) {
  return z.object({ severity: z.enum(ISSUE_SEVERITIES[code]), code: z.literal(code), sheet: z.string(), cell: z.string().nullable(), message: z.string() });
}

export const IssueSchema = z.discriminatedUnion("code", [
  issueOf("no-tracker"),
  issueOf("no-delivery-column"),
  issueOf("column-mapped-twice"),
  issueOf("mapped-by-content"),
  issueOf("mapping-not-found"),
  issueOf("missing-reference"),
  issueOf("missing-value"),
  issueOf("missing-action-text"),
  issueOf("unknown-value"),
  issueOf("non-canonical"),
  issueOf("wrong-column"),
  issueOf("duplicate-reference"),
  issueOf("error-value"),
  issueOf("rag-from-fill"),
  issueOf("no-actions"),
  issueOf("no-action-column"),
  issueOf("group-heading"),
  issueOf("key-read"),
  issueOf("guessed-reading"),
  issueOf("completed-but-behind"),
  issueOf("not-started-but-green"),
  issueOf("no-update"),
  issueOf("overdue"),
  issueOf("timeframe-unread"),
  issueOf("direction-contradicts"),
  issueOf("signed-off-changed"),
]);
// The schema and the type say the same: a code left out of the list above does not build.
type SchemaIssue = z.infer<typeof IssueSchema>;
const _sameIssue: [Issue] extends [SchemaIssue] ? ([SchemaIssue] extends [Issue] ? true : never) : never = true;
void _sameIssue;

export const ActionSchema = z.object({
  id: z.string(),
  theme: z.string(),
  action: z.string(),
  lead: z.string(),
  deliveryLead: z.string(),
  status: StatusSchema.nullable(),
  rag: RagSchema.nullable(),
  /** Where the RAG came from: the words in the cell, or only its fill colour. */
  ragSource: z.enum(["text", "fill"]).nullable(),
  /** Direction of travel as typed in the tracker. */
  direction: DirectionSchema.nullable(),
  update: z.string(),
  timeframe: z.string(),
  /** A recommendation's response ("Accepted", "Partly accepted", "Not accepted"): a field of its own, never the status. */
  response: z.string(),
  references: z.array(z.string()),
  /** Columns we do not map, kept as they are: header → text. */
  extra: z.record(z.string(), z.string()),
  /** Sheet row of the action and of every sub-activity row under it. */
  rows: z.array(z.number().int().positive()).min(1),
  /** A1 address of each mapped field's cell on the action's first row. */
  cells: z.partialRecord(FieldSchema, z.string()),
  hidden: z.boolean(),
});
export type Action = z.infer<typeof ActionSchema>;

/** An action with nothing read yet but its reference and rows: what the reader fills in, and what a snapshot keeps. */
export function blankAction(id: string, rows: number[], more: Partial<Action> = {}): Action {
  return {
    id,
    theme: "",
    action: "",
    lead: "",
    deliveryLead: "",
    status: null,
    rag: null,
    ragSource: null,
    direction: null,
    update: "",
    timeframe: "",
    response: "",
    references: [],
    extra: {},
    rows,
    cells: {},
    hidden: false,
    ...more,
  };
}

export const ColumnSchema = z.object({
  field: FieldSchema,
  column: z.string(),
  header: z.string(),
});
export type Column = z.infer<typeof ColumnSchema>;

export const TrackerSchema = z.object({
  sheet: z.string(),
  headerRow: z.number().int().positive(),
  /** Sheet row of the first and last rows of the table body. */
  firstDataRow: z.number().int().positive(),
  lastDataRow: z.number().int().nonnegative(),
  columns: z.array(ColumnSchema),
  /** Whether references were read from the start of the action text. */
  referencesInActionText: z.boolean(),
  /**
   * Only for a sheet that keeps several periods side by side (periods.ts):
   * every period column, in time order, and which periods were read as this one and the previous one.
   */
  periods: z
    .object({
      current: z.string(),
      previous: z.string().nullable(),
      columns: z.array(z.object({ field: z.enum(["status", "rag"]), column: z.string(), header: z.string(), period: z.string() })),
    })
    .optional(),
  /** The Excel table (ListObject) the tracker was read from, when it is one (tables.ts). */
  table: z.string().optional(),
  /** The RAG is on the five-point scale (Red, Amber/Red, Amber, Amber/Green, Green): its points are RAGs of their own, in the counts, colours and lists. */
  ragScale: z.literal("five-point").optional(),
});
export type Tracker = z.infer<typeof TrackerSchema>;
