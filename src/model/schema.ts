/**
 * The zod schemas the model's types are inferred from: a mapped row, a
 * normalised action, an issue, the tracker found in a sheet.
 */
import { z } from "zod";
import { FieldSchema } from "./headers";
import { DirectionSchema, RagSchema, StatusSchema } from "./vocabulary";

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
] as const;
/** Raised by the consistency checks and the comparison with the previous period. */
export const CHECK_ISSUE_CODES = [
  "completed-but-behind",
  "not-started-but-green",
  "no-update",
  "overdue",
  "timeframe-unread",
  "direction-contradicts",
] as const;
export const ISSUE_CODES = [...TRACKER_ISSUE_CODES, ...CHECK_ISSUE_CODES] as const;
export const IssueCodeSchema = z.enum(ISSUE_CODES);
export type IssueCode = z.infer<typeof IssueCodeSchema>;

export const IssueSchema = z.object({
  severity: SeveritySchema,
  code: IssueCodeSchema,
  sheet: z.string(),
  /** A1 address of the cell at fault, or null when the issue is about the sheet. */
  cell: z.string().nullable(),
  message: z.string(),
});
export type Issue = z.infer<typeof IssueSchema>;

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
});
export type Tracker = z.infer<typeof TrackerSchema>;
