/**
 * The contract between the task pane (src/taskpane) and its hosts: what the
 * pane needs from Excel, as plain data. The engine (src/engine) builds the
 * views, the Office adapter (src/excel) implements it. The real implementation
 * is src/excel/host.ts (createExcelHost: one Excel.run batch per method, a
 * constant number of round trips); tests pass a fake. Components never touch
 * Office.js themselves, and nothing here imports it.
 *
 * Every method resolves (never rejects on bad input): either its result or a
 * HostError whose message (worded in src/shared/errors.ts) names the sheet, the
 * cell and what to do; isHostError tells them apart.
 */

import type { ComparedPeriod, ComparedWith, ConflictCode, Issue, IssueCode, LeadField, PaperPlan, PaperSettingKey, PaperSettings, RequestPlan, ReturnField, ReturnRead, Severity } from "../model";

import type { HostResult } from "./errors";

export type { ComparedWith, PaperSettingKey, PaperSettings, Severity } from "../model";
export { HOST_MESSAGES, hostError, isHostError } from "./errors";
export type { HostError, HostErrorCode, HostErrorDetails, HostResult } from "./errors";

/**
 * Which tracker to read: the active sheet unless `sheet` is given, with the
 * user's corrections to the column mapping (field → column letter, or null to
 * leave the field unmapped); this period's label and the period to compare
 * with, once for every command.
 */
export interface TrackerRequest {
  sheet?: string;
  overrides?: Record<string, string | null>;
  /** This period's label, e.g. "November 2018" (its own snapshot is never the latest previous one); the snapshot, the summary and the paper need it. */
  period?: string;
  /** The period to compare with (the latest when not given: the sheet's own previous period when it keeps several, else the latest snapshot). */
  comparedWith?: ComparedWith;
  /** In a sheet that keeps several periods: the columns chosen for this period and the previous one (letters). */
  periodColumns?: PeriodColumns;
}

/** The columns chosen (letters) for this period and the previous one, in a sheet that keeps several. */
export interface PeriodColumns {
  current?: string;
  previous?: string;
}

/** The periods a sheet keeps side by side ("Status June 2021", "Status November 2021"), as the pane shows them. */
export interface SheetPeriodsView {
  /** Every period column, in time order: its period (as its header names it), field, letter and header. */
  columns: { period: string; field: "status" | "rag"; column: string; header: string }[];
  /** The periods read as this period and the previous one (null: no earlier period holds values). */
  current: string;
  previous: string | null;
  /** The previous period's counts, from its own columns. */
  previousCounts?: { status: CountLine[]; rag: CountLine[] };
  /** When the columns chosen could not be used: what is wrong and what to do (the latest periods were read instead). */
  problem?: string;
}

/** One issue of the tracker, cell by cell: the model's own Issue (its code an IssueCode). */
export type PaneIssue = Issue & {
  /** On a word we do not know in a status or RAG cell: the offer to keep it as the organisation's own word. */
  offer?: WordOffer;
};

/** "Treat 'Stalled' as In progress": the word as typed, what it likely means, and what it may mean. */
export interface WordOffer {
  word: string;
  field: "status" | "rag";
  /** The usual word it is closest to, or null when none is close. */
  likely: string | null;
  /** The usual words it may be taken as. */
  meanings: string[];
}

/** A word of the organisation's, for the workbook's "Delivery plan words" sheet: "Stalled" means "In progress". */
export interface OwnWord {
  word: string;
  means: string;
}

/** How one field is mapped to the sheet's columns. */
export interface FieldMapping {
  field: string;
  /** The field's name as officers say it: "Reference", "RAG", "Direction of travel". */
  label: string;
  /** Column letter(s): "C", or "G, H" for references; null when not found. */
  column: string | null;
  /** The header text of that column, as typed in the sheet. */
  header: string | null;
  /** False for fields that may take several columns (references): shown, not edited. */
  editable: boolean;
}

/** A non-empty cell of the header row, for the mapping editor. */
export interface HeaderCell {
  column: string;
  text: string;
}

/** One line of a count table. `key` is the canonical word ("In progress", "Red", "improved", "Not set"). */
export interface CountLine {
  key: string;
  count: number;
}

export interface SnapshotInfo {
  period: string;
  /** The date it was taken, ISO "2026-11-23". */
  taken: string;
  actions: number;
}

/** A tracker found on a sheet, everything the pane shows about it. */
export interface TrackerView {
  sheet: string;
  /** Sheets the user may choose from (visible ones, not the add-in's own). */
  sheets: string[];
  headerRow: number;
  firstDataRow: number;
  lastDataRow: number;
  actions: number;
  referencesInActionText: boolean;
  mapping: FieldMapping[];
  headerCells: HeaderCell[];
  status: CountLine[];
  rag: CountLine[];
  direction: CountLine[];
  issues: PaneIssue[];
  /** RAG cells that show the RAG only as a fill colour (their word can be written in). */
  ragFromFill: string[];
  snapshots: SnapshotInfo[];
  /** The period compared with (published for ACTIONS.CHANGE), or null. */
  previousPeriod: string | null;
  /** Where the period compared with comes from: a snapshot, or this sheet's own previous period's columns. */
  previousFrom?: ComparedPeriod["from"];
  /** Only for a sheet that keeps several periods side by side. */
  sheetPeriods?: SheetPeriodsView;
  /** The period the tracker names itself ("November 2018", from its title rows or header), as the CLI reads it. */
  ownPeriod?: string;
  /** The period columns chosen and in use (kept in the workbook), when the officer chose any. */
  periodColumns?: PeriodColumns;
  /** Plain warnings about how the sheet could be read (e.g. too many merged areas), shown above the counts. */
  warnings?: string[];
  /** The mapping corrections in use: the ones asked for, or the ones saved in the workbook last time. */
  overrides?: Record<string, string | null>;
  /**
   * Whether the add-in's colours / drop-down lists are on the tracker, as recorded in the workbook when they were
   * put there or removed: false when none of ours is there; a key left out when it is not known (a workbook
   * formatted before the record was kept), where the pane still offers Remove.
   */
  ours?: OursOnTracker;
  /** Status and RAG cells whose word could be spelled the usual way (see previewSpellingFixes). */
  spellings?: number;
  /**
   * Every issue counted, when `issues` lists only some (a big tracker's first
   * few hundred of each kind): the counts by severity and by kind are exact.
   */
  issueTotals?: IssueTotals;
}

/** Whether the add-in's colours / drop-down lists are on the tracker (a key left out: not known). */
export interface OursOnTracker {
  colours?: boolean;
  lists?: boolean;
}

export interface IssueTotals {
  total: number;
  bySeverity: Record<Severity, number>;
  /** Issue code → its severity (the first one's) and how many. */
  byKind: Partial<Record<IssueCode, { severity: Severity; count: number }>>;
}

/** A cell the add-in proposes to change: what it says now and what it would say. */
export interface CellChange {
  cell: string;
  before: string;
  after: string;
  /** What the cell shows besides its text, e.g. "amber fill" (not compared when confirming). */
  note?: string;
}

/** Whether two lists of changes are the same, cell by cell (the note aside): a confirmed preview against a fresh one. */
export function sameChanges(a: readonly CellChange[], b: readonly CellChange[]): boolean {
  return a.length === b.length && a.every((x, i) => x.cell === b[i].cell && x.before === b[i].before && x.after === b[i].after);
}

export interface FormattingDone {
  sheet: string;
  added: number;
  removed: number;
  /** The ranges coloured, with what: "C5:C106 (Status)". */
  ranges: string[];
}

/** What adding (or removing) the drop-down lists did. */
export interface ValidationDone {
  sheet: string;
  /** The ranges that got the add-in's list, with what: "C5:C106 (Status)". */
  added: string[];
  /** How many of those replaced the add-in's earlier list. */
  replaced: number;
  /** The ranges whose list of the add-in's was removed. */
  removed: string[];
  /** Columns left alone because they hold a rule the add-in did not write: where, and a sentence saying so. */
  kept: { cells: string; message: string }[];
  /** Words left out of a list (an inline list is at most 255 characters; no comma or quote in a word). */
  dropped: string[];
}

export interface ValidationRequest {
  /** "warning" (default): Excel warns and a note can still be kept; "stop": other words are refused. */
  style: "warning" | "stop";
}

export interface ChangesPreview {
  sheet: string;
  changes: CellChange[];
}

export interface DirectionsPreview extends ChangesPreview {
  /** The period compared with, as asked (what the confirmed write asks for again). */
  comparedWith: ComparedWith;
  /** What to call it: the snapshot's label, or the sheet's previous period's ("June 2021"). */
  previousLabel: string;
  counts: { improved: number; deteriorated: number; unchanged: number; new: number; removed: number };
  /** References in the previous period that are no longer in the tracker. */
  removed: string[];
  /** Set when the tracker has no direction column and the add-in would add one. */
  newColumn: { header: string; cell: string } | null;
}

export interface WriteDone {
  sheet: string;
  cells: string[];
  /** What puts the cells back as they were (a confirmed write's; not an undo's own). */
  undo?: UndoToken;
}

/** The cells a write changed and what they held before: text or value, formula or not, number format. */
export interface UndoToken {
  sheet: string;
  /** What the write did, for the button: "the spelling fixes". */
  what: string;
  cells: { cell: string; after: string; before: string | number | boolean; formula: boolean; numberFormat: string }[];
  /** The Change log's rows (period, action, field, old, new, source: the time is put first when undone) that record the undo. */
  log?: string[][];
}

/** A quarter's request: the lead column gone by, the round (period) and the date the returns are due (ISO, or null). */
export interface RequestAsk {
  by: LeadField;
  period: string;
  due: string | null;
}

/** One lead's return, as the pane offers it: the file, the actions and the email ready to paste. */
export interface LeadRequestView {
  lead: string;
  file: string;
  actions: string[];
  email: string;
}

/** The round's requests: the model's plan (the lazy writer makes the workbooks from it) and, per lead, what the pane shows. */
export interface RequestsView {
  plan: RequestPlan;
  leads: LeadRequestView[];
}

/** One field of one action a merge would change, as the confirmation shows it. */
export interface MergeFieldView {
  id: string;
  field: ReturnField;
  old: string;
  new: string;
  lead: string;
  file: string;
  cell: string;
}

/** What merging the returns would do: the cells to write (confirmed as any write is), per action old → new, and what is not merged and why. Writes nothing. */
export interface MergePreview extends ChangesPreview {
  period: string;
  fields: MergeFieldView[];
  conflicts: { code: ConflictCode; file: string; lead: string; id: string | null; message: string }[];
  returns: { file: string; lead: string; period: string; refused: boolean }[];
  /** The round so far, with the returns picked: who has replied, who has not, and the actions still without a new update (the chase list). */
  round?: { replied: { lead: string; file: string }[]; notReplied: { lead: string; actions: string[] }[]; chase: { id: string; leads: string[] }[] };
}

export interface SnapshotDone {
  period: string;
  rows: number;
  snapshots: SnapshotInfo[];
}

/** What signing off the period did: the sign-off sheet's rows written, and the snapshot taken (or kept: the period had one). */
export interface SignOffDone extends WriteDone {
  period: string;
  by: string;
  /** "2026-12-07T10:00:00Z". */
  when: string;
  actions: number;
  snapshot: { taken: boolean; rows: number; snapshots: SnapshotInfo[] };
}

export interface SummaryDone {
  /** The sheet written (another name when a user's own sheet had the usual one). */
  sheet: string;
  /** The paste-ready sentence: "Of the 97 actions, 45 are complete (38 in June 2021), …". */
  sentence: string;
  /** What changed since the previous period, when there is one: the Panel Summary's own counts. */
  updates?: SummaryUpdates | null;
  /** Progress over the periods kept (two or more), as the Panel Summary's chart of them draws it. */
  trend?: SummaryTrend | null;
}

/** The periods kept, oldest first, and a count per status (per RAG for a tracker with only a RAG) in each: the pane's small chart and its table. */
export interface SummaryTrend {
  title: string;
  periods: string[];
  /** One per status, in the order of the summary's table, with its colour (a line in the status's text colour), pattern and marker. */
  series: { name: string; colour: string; dash: string; marker: string; counts: number[] }[];
}

/** Updates since the previous period (the model's UpdateCounts, as the pane shows them). */
export interface SummaryUpdates {
  since: string;
  updated: number;
  notUpdated: number;
  new: number;
  notCompared: number;
}

/** The panel paper, ready for the pane's writers (Copy for Word, Download .docx). */
export interface PaperDone {
  paper: PaperPlan;
  /** The file name to offer: "Panel paper November 2021.docx". */
  fileName: string;
  /** The settings not given, shown in the paper as placeholders ("[Contact officer]"). */
  missing: PaperSettingKey[];
  /** Rows of the "Panel paper" sheet that could not be read: one line each, naming the cell. */
  problems: string[];
}

/** The paper's settings as the workbook keeps them, in its "Panel paper" sheet (label and value rows). */
export interface PaperSettingsView {
  settings: PaperSettings;
  /** Whether the workbook has the sheet (false: nothing saved yet). */
  exists: boolean;
  /** Rows that could not be read: one line each, naming the cell. */
  problems: string[];
}

/** What saving the paper's settings did. */
export interface PaperSettingsSaved {
  sheet: string;
  /** The rows written (the header row included). */
  rows: number;
  /** Whether the sheet was made (it was not there). */
  created: boolean;
}

/** Whether the pane may save a file where it runs: Excel on the web can, desktop Excel cannot. */
export type FileSaving = { can: true } | { can: false; instead: string };

export interface GoToDone {
  sheet: string;
  cell: string;
}

export interface TaskpaneHost {
  /** Find and read the tracker; publishes it for the ACTIONS functions. */
  readTracker(request: TrackerRequest): Promise<HostResult<TrackerView>>;
  /** Colour the status/RAG/direction columns with live rules (replacing the add-in's own). */
  applyFormatting(request: TrackerRequest): Promise<HostResult<FormattingDone>>;
  /** Take away only the rules the add-in made. */
  removeFormatting(request: TrackerRequest): Promise<HostResult<FormattingDone>>;
  /** Add in-cell drop-down lists of the usual words to the status/RAG/direction cells (replacing the add-in's own; a user's own rule is left alone). */
  addValidation(request: TrackerRequest, validation: ValidationRequest): Promise<HostResult<ValidationDone>>;
  /** Take away only the drop-down lists the add-in made. */
  removeValidation(request: TrackerRequest): Promise<HostResult<ValidationDone>>;
  /** The RAG words that would be written where the RAG is only a fill colour. Writes nothing. */
  previewRagLabels(request: TrackerRequest): Promise<HostResult<ChangesPreview>>;
  /** Write the RAG words the user confirmed; refuses if the sheet changed since the preview. */
  writeRagLabels(request: TrackerRequest, confirmed: readonly CellChange[]): Promise<HostResult<WriteDone>>;
  /** Status and RAG words that are not spelled the usual way, and the usual word for each. Writes nothing. */
  previewSpellingFixes(request: TrackerRequest): Promise<HostResult<ChangesPreview>>;
  /** Write the spellings the user confirmed; refuses if the sheet changed since the preview. */
  writeSpellingFixes(request: TrackerRequest, confirmed: readonly CellChange[]): Promise<HostResult<WriteDone>>;
  /** Put back what a confirmed write changed; refuses, changing nothing, if any of those cells was edited since. */
  undoWrite(undo: UndoToken): Promise<HostResult<WriteDone>>;
  /** The row a word of the organisation's would take in the "Delivery plan words" sheet (made if it is not there). Writes nothing. */
  previewOwnWord(word: OwnWord): Promise<HostResult<ChangesPreview>>;
  /** Write the word the user confirmed; refuses if the sheet changed since the preview. */
  writeOwnWord(word: OwnWord, confirmed: readonly CellChange[]): Promise<HostResult<WriteDone>>;
  /** Record every action's status, RAG and direction under this period's label (the request's). */
  takeSnapshot(request: TrackerRequest): Promise<HostResult<SnapshotDone>>;
  listSnapshots(): Promise<HostResult<SnapshotInfo[]>>;
  /** The rows signing this period off (the request's) by `by` would add to the hidden sign-off sheet. Writes nothing. */
  previewSignOff(request: TrackerRequest, by: string): Promise<HostResult<ChangesPreview>>;
  /**
   * Sign this period off by `by`: take its snapshot (unless it has one), then record who, when and a fingerprint of each
   * action's status, RAG and update in the hidden sign-off sheet, as the command line's sign-off does; refuses if the rows differ from those confirmed.
   */
  signOff(request: TrackerRequest, by: string, confirmed: readonly CellChange[]): Promise<HostResult<SignOffDone>>;
  /** Directions of travel against the period the request compares with. Writes nothing. */
  previewDirections(request: TrackerRequest): Promise<HostResult<DirectionsPreview>>;
  /** Write the directions the user confirmed; refuses if the sheet changed since the preview. */
  writeDirections(request: TrackerRequest, confirmed: readonly CellChange[]): Promise<HostResult<WriteDone>>;
  /** Build (or rebuild) the Panel Summary sheet for the request's period, compared with the request's previous one. */
  buildPanelSummary(request: TrackerRequest): Promise<HostResult<SummaryDone>>;
  /** The panel paper, from the same plan as the Panel Summary, with the officer's words from the "Panel paper" sheet. Writes nothing. */
  panelPaper(request: TrackerRequest): Promise<HostResult<PaperDone>>;
  /** The panel paper's settings, from the workbook's "Panel paper" sheet. Writes nothing. */
  readPaperSettings(): Promise<HostResult<PaperSettingsView>>;
  /** Save the panel paper's settings in the "Panel paper" sheet (made if missing); nothing else in the workbook changes. */
  writePaperSettings(settings: PaperSettings): Promise<HostResult<PaperSettingsSaved>>;
  /** The round's requests: who is asked for which actions, and each lead's email. Writes nothing. */
  requestUpdates(request: TrackerRequest, ask: RequestAsk): Promise<HostResult<RequestsView>>;
  /** What the returns (read by the pane) would change, and what of them cannot be merged. Writes nothing. */
  previewMerge(request: TrackerRequest, returns: readonly ReturnRead[]): Promise<HostResult<MergePreview>>;
  /** Write the merge the user confirmed, as text, and append it to the workbook's Change log; refuses if the sheet changed since the preview. Its undo (undoWrite) logs the undo too. */
  writeMerge(request: TrackerRequest, returns: readonly ReturnRead[], confirmed: readonly CellChange[]): Promise<HostResult<WriteDone>>;
  /** Whether a file can be downloaded from the pane here, and if not, what to do instead. */
  fileSaving(): FileSaving;
  /** Select a cell in Excel (for an issue). */
  goToCell(sheet: string, cell: string): Promise<HostResult<GoToDone>>;
}
