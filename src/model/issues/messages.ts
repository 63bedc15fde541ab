/**
 * What every issue says, in one catalogue keyed by its code: the places that
 * raise an issue give its details, and the wording is made here. A code in
 * ISSUE_CODES without its details and wording does not build.
 */
import { columnLetter } from "../sheet/grid";
import { FIELDS, FIELD_LABEL, Field } from "../words/headers";
import type { IssueCode } from "./schema";
import { formatLongDate } from "../sheet/timeframe";
import { DIRECTIONS, DIRECTION_GLYPH, DIRECTION_NAME, Direction, RAGS, Rag, STATUSES, Status, USUAL_RAGS } from "../words/vocabulary";

/** A column named by its header. */
interface HeadedColumn {
  header: string;
  /** Sheet column number (1-based). */
  column: number;
}

/** What each issue needs to be said: the details its raiser gives. */
export interface IssueDetails {
  "no-tracker": { sheet: string; searchRows: number; form?: { labels: { text: string; cell: string }[]; blocks: number; fields: string[] } };
  "no-delivery-column": { sheet: string; headerRow: number; found: HeadedColumn[] };
  "column-mapped-twice": { field: Field; used: HeadedColumn; kept: HeadedColumn };
  "mapped-by-content": ContentFinding & HeadedColumn;
  "mapping-not-found":
    | { is: "unusable"; unknownFields: string[] }
    | { is: "no-column"; field: Field; target: string; sheet: string; firstColumn: number; lastColumn: number; headerRow: number }
    | { is: "no-period"; which: "current" | "previous"; target: string; sheet: string; choices: string[] };
  "missing-reference": { row: number; where: string; id: string; referenced: boolean };
  "missing-value": { is: "status"; id: string; where: string } | { is: "rag"; id: string; where: string; alsoDirection: boolean };
  "missing-action-text": { id: string; where: string };
  "unknown-value":
    | { is: "cell"; cell: string; typed: string; kind: "status" | "rag" | "direction"; suggestion: string | null; accepted: readonly string[] }
    | { is: "words-no-header"; sheet: string }
    | { is: "words-no-word"; wordCell: string; meansCell: string; means: string }
    | { is: "words-no-meaning"; meansCell: string; means: string; word: string };
  "non-canonical": { cell: string; typed: string; canonical: string; label: string; impliedRag: Rag | null };
  "wrong-column": { is: "rag-in-status"; cell: string; typed: string; rag: Rag } | { is: "status-in-rag"; cell: string; typed: string; status: string };
  "duplicate-reference": { ref: string; where: string; row: number; earlierRow: number };
  "error-value": { is: "reference"; cell: string; error: string; row: number } | { is: "field"; cell: string; error: string; field: Field };
  "rag-from-fill": { id: string; cell: string; rag: Rag };
  "no-actions": { sheet: string; headerRow: number };
  "no-action-column": { sheet: string; headerRow: number; found: HeadedColumn[] };
  "group-heading": { cell: string; row: number; title: string; actions: number };
  "key-read": { cell: string; meanings: { word: string; means: string }[]; cells: number };
  "guessed-reading": Guess;
  "completed-but-behind": { id: string; status: Status; rag: Rag };
  "not-started-but-green": { id: string };
  "no-update": { id: string; rag: Rag; updateCell: string | undefined };
  overdue: { id: string; due: Date; timeframe: string; status: Status | null };
  "timeframe-unread": { id: string; text: string };
  "direction-contradicts": {
    cell: string | null;
    id: string;
    typed: Direction;
    compared: Direction;
    basis: "rag" | "status" | "new";
    from: string | null;
    to: string | null;
    previousLabel: string;
  };
  /** field null: the action is no longer in the tracker. */
  "signed-off-changed": { period: string; by: string; when: string; id: string; field: "status" | "rag" | "update" | null; cell: string | null };
}

/**
 * A reading that rests on a guess: the report says what was guessed and how to
 * confirm or change it (the command line's --map and --period-column, the
 * pane's column mapping and periods), and the CLI exits 1 until it is.
 */
export type Guess =
  /** Several status (or RAG) columns, none of whose headers says which period it is for. */
  | { is: "columns"; field: "status" | "rag"; chosen: HeadedColumn; others: HeadedColumn[] }
  /** Periods whose order could only be taken from their place in the sheet (quarters and months mixed). */
  | { is: "period-by-position"; chosen: HeadedColumn; label: string; periods: string[] }
  /** A column read as a field although most of its cells are not values of that field. */
  | { is: "misfit"; field: "status" | "rag"; column: HeadedColumn; fits: number; cells: number; examples: string[] }
  /** A row with a reference and a title but nothing else, counted as an action: it may be a heading. */
  | { is: "heading-as-action"; id: string; row: number; title: string; cell: string }
  /** RAG cells on a five-point scale ("Amber/Green", "Amber/Red"), counted on the three-point one. */
  | { is: "scale"; column: HeadedColumn; cells: number; examples: { typed: string; read: string }[] };

function headed(c: HeadedColumn): string {
  return `${columnLetter(c.column)} ("${c.header}")`;
}

function guessMessage(d: Guess): string {
  switch (d.is) {
    case "columns": {
      const all = [...d.others, d.chosen].sort((a, b) => a.column - b.column);
      const letter = columnLetter(d.chosen.column);
      return `Columns ${all.map(headed).join(" and ")} all look like the ${FIELD_LABEL[d.field]}, and no header says which period each is for: column ${letter} was read as this period's ${FIELD_LABEL[d.field]} because it is the rightmost that holds values. This is a guess. To read another column, choose it for ${FIELD_LABEL[d.field]} (--map ${d.field}=${columnLetter(d.others[0]?.column ?? d.chosen.column)} on the command line, or the pane's column mapping); to confirm ${letter}, choose it the same way (--map ${d.field}=${letter}).`;
    }
    case "period-by-position":
      return `The periods of this sheet (${d.periods.join(", ")}) mix months and quarters, so they were put in order as the sheet has them, left to right, and column ${headed(d.chosen)} was read as this period's (${d.label}). This is a guess. Choose this period's column with --period-column current=COLUMN (and previous=COLUMN), or under "Periods in this sheet" in the pane.`;
    case "misfit":
      return `Column ${headed(d.column)} is read as the ${FIELD_LABEL[d.field]}, but only ${d.fits === 0 ? "none" : d.fits} of its ${d.cells} cells ${d.fits === 1 ? "is" : "are"} a ${d.field === "status" ? "status" : "RAG colour"} we know (it holds ${d.examples.map((e) => `"${e}"`).join(", ")}…). This is a guess. If the ${FIELD_LABEL[d.field]} is in another column, choose it (--map ${d.field}=COLUMN, or the pane's column mapping); if column ${columnLetter(d.column.column)} is right, choose it the same way and use the usual words in it.`;
    case "heading-as-action":
      return `Row ${d.row} ("${d.title}") has a reference and a title but no status, RAG, lead or update, and is counted as action ${d.id}. This is a guess: if it heads the rows below it, give those rows their own status (they are then counted as its actions, and it as their heading); if it is an action, give it a status in ${d.cell}.`;
    case "scale": {
      const ex = d.examples.map((e) => `"${e.typed}" as ${e.read}`).join(", ");
      return `Column ${headed(d.column)} uses a five-point RAG scale: ${d.cells} of its cells say${d.cells === 1 ? "s" : ""} two colours (${ex}), and each is counted as the first colour it names, on the usual Red, Amber and Green. This is a guess. If the tracker uses the five-point scale (Red, Amber/Red, Amber, Amber/Green, Green), put its key above the header (e.g. "Amber/Green = some risk to the date"), and each point is counted as its own; or say what each point means in the workbook's "Delivery plan words" sheet (e.g. Word "Amber/Green", Means "Green") or in --words.`;
    }
  }
}

/** What the cells of a column showed it to hold (content.ts), whatever its header says. */
export type ContentFinding =
  | { is: "sentences"; field: "status" | "rag" | "direction"; sentences: number; cells: number; fits: number; updateFree: boolean }
  | { is: "rag"; rag: number; cells: number; alsoDirection: boolean }
  | { is: "direction"; direction: number; cells: number }
  | { is: "status"; status: number; cells: number }
  | { is: "reference"; reference: number; cells: number }
  | { is: "response"; field: "status" | "rag" | "direction" | null; response: number; cells: number; responseFree: boolean };

const KIND_WORD = { status: "statuses", rag: "RAG colours", direction: "directions of travel" } as const;

function contentFinding(d: ContentFinding): string {
  switch (d.is) {
    case "sentences":
      return `is headed like the ${FIELD_LABEL[d.field]}, but ${d.sentences} of its ${d.cells} cells are sentences and ${d.fits === 0 ? "none" : `only ${d.fits}`} are ${KIND_WORD[d.field]}: it is read as ${d.updateFree ? "the Update" : "an extra column (the Update column is taken)"}.`;
    case "rag":
      return `is not a header we know, but ${d.rag} of its ${d.cells} cells are RAG colours${d.alsoDirection ? " with a direction of travel" : ""}: it is read as the RAG${d.alsoDirection ? " and the Direction of travel" : ""}.`;
    case "direction":
      return `is not a header we know, but ${d.direction} of its ${d.cells} cells are directions of travel (arrows): it is read as the Direction of travel.`;
    case "status":
      return `is not a header we know, but ${d.status} of its ${d.cells} cells are statuses: it is read as the Status.`;
    case "reference":
      return `is not a header we know, but ${d.reference} of its ${d.cells} cells are references, each different: it is read as the Reference.`;
    case "response": {
      const read = d.responseFree ? "the Response to the recommendation" : "an extra column (the Response column is taken)";
      return d.field
        ? `is headed like the ${FIELD_LABEL[d.field]}, but ${d.response} of its ${d.cells} cells are responses to a recommendation (Accepted, Partly accepted, Not accepted), which say nothing of its progress: it is read as ${read}, not as the ${FIELD_LABEL[d.field]}.`
        : `is not a header we know, but ${d.response} of its ${d.cells} cells are responses to a recommendation (Accepted, Partly accepted, Not accepted): it is read as ${read}.`;
    }
  }
}

const KIND_LABEL = { status: "status", rag: "RAG", direction: "direction of travel" } as const;

/** "a, b or c". */
function orList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

/** The vocabulary's words as the messages list them. */
const SAY = {
  /** "Completed, In progress, On hold, Not yet started" */
  statuses: STATUSES.join(", "),
  /** "Red, Amber, Green" */
  usualRags: USUAL_RAGS.join(", "),
  /** "Red, Amber or Green" */
  usualRagsOr: orList(USUAL_RAGS),
  /** "↑ (improved), ↓ (deteriorated), ↔ (no change), new" */
  directions: DIRECTIONS.map((d) => (DIRECTION_GLYPH[d] === DIRECTION_NAME[d] ? d : `${DIRECTION_GLYPH[d]} (${DIRECTION_NAME[d]})`)).join(", "),
  /** "↑, ↓ or ↔" */
  arrows: orList(DIRECTIONS.filter((d) => DIRECTION_GLYPH[d] !== DIRECTION_NAME[d]).map((d) => DIRECTION_GLYPH[d])),
};

/** The wording of every issue, by code. */
export const MESSAGES: { [K in IssueCode]: (d: IssueDetails[K]) => string } = {
  "no-tracker": (d) =>
    d.form
      ? `Sheet "${d.sheet}" is a form, not a table: it holds one record per block of label and value rows (${d.form.blocks === 1 ? "1 block" : `${d.form.blocks} blocks`}, from ${d.form.labels[0]?.cell ?? "the top"}). Put the records in a table, one row each, headed ${d.form.fields.join(", ")}.`
      : `No tracker table found in sheet "${d.sheet}": none of its first ${d.searchRows} rows has headers such as Ref, Action, Status or RAG. Choose the sheet that holds the tracker, or give its header row at least two such headings (e.g. "Action" and "Status") within the first ${d.searchRows} rows.`,
  "no-delivery-column": (d) => {
    const found = d.found.length ? d.found.map((m) => `"${m.header}" (${columnLetter(m.column)})`).join(", ") : "none we recognise";
    return `Sheet "${d.sheet}" has no status column and no RAG column, so progress cannot be counted. Headers found on row ${d.headerRow}: ${found}. Add a column headed "Status" (${SAY.statuses}) or "RAG" (${SAY.usualRags}), or choose which column holds the status.`;
  },
  "column-mapped-twice": ({ field, used, kept }) =>
    `Both "${used.header}" (column ${columnLetter(used.column)}) and "${kept.header}" (column ${columnLetter(kept.column)}) look like the ${FIELD_LABEL[field]} column. Column ${columnLetter(used.column)} is used and column ${columnLetter(kept.column)} is kept as an extra column; rename one header or choose the column for ${FIELD_LABEL[field]} yourself.`,
  "mapped-by-content": (d) => `Column ${columnLetter(d.column)} ("${d.header}") ${contentFinding(d)} If that is wrong, choose the column for each field yourself.`,
  "mapping-not-found": (d) =>
    d.is === "no-period"
      ? d.choices.length
        ? `The ${d.which} period's column was set to "${d.target}", but that is not one of the period columns of sheet "${d.sheet}"${d.which === "previous" ? " other than the current one" : ""}. Give a column letter or a header of one of: ${d.choices.join(", ")}.`
        : `The ${d.which} period's column was set to "${d.target}", but sheet "${d.sheet}" keeps one period only (no status or RAG columns headed by a month or quarter, such as "Status June 2021" and "Status November 2021"). Leave the period column out.`
      : d.is === "unusable"
      ? `The column mapping could not be used${d.unknownFields.length ? `: there is no field called ${d.unknownFields.map((f) => `"${f}"`).join(", ")}` : ""}. Fields: ${FIELDS.join(", ")}; give each a column letter, a header text, or nothing.`
      : `The ${FIELD_LABEL[d.field]} column was set to "${d.target}", but sheet "${d.sheet}" has no such column in its table (columns ${columnLetter(d.firstColumn)} to ${columnLetter(d.lastColumn)}). Give a column letter or a header from row ${d.headerRow}.`,
  "missing-reference": (d) =>
    d.referenced
      ? `Row ${d.row} has no reference and there is no action above it to belong to. Type the action's reference in ${d.where}; until then it is called "${d.id}".`
      : `Row ${d.row} is counted as an action called "${d.id}": the sheet has no reference column. Add one so actions can be named.`,
  "missing-value": (d) =>
    d.is === "status"
      ? `Action ${d.id} has no status in ${d.where}. Type one of: ${SAY.statuses}.`
      : `Action ${d.id} has no RAG in ${d.where}. Type ${SAY.usualRags} (or White if not started)${d.alsoDirection ? ` and a direction of travel (${SAY.arrows})` : ""}.`,
  "missing-action-text": (d) => `Action ${d.id} has no action text in ${d.where}. Add the wording of the action from the plan.`,
  "unknown-value": (d) => {
    switch (d.is) {
      case "cell": {
        const words = d.kind === "direction" ? SAY.directions : d.accepted.join(", ");
        return `${d.cell} says "${d.typed}", which is not a ${KIND_LABEL[d.kind]} we know${d.suggestion ? ` — did you mean "${d.suggestion}"?` : "."} Use one of: ${words}.`;
      }
      case "words-no-header":
        return `Sheet "${d.sheet}" has no header row with "Word" and "Means", so none of its words are used. Put "Word" and "Means" in row 1 and one word per row below.`;
      case "words-no-word":
        return `${d.wordCell} is empty but ${d.meansCell} says "${d.means}": type the word it is for, or clear the row.`;
      case "words-no-meaning":
        return `${d.meansCell} says "${d.means}", which is not something "${d.word}" can mean. Type a status (${STATUSES.join(", ")}), a RAG (${RAGS.join(", ")}), a direction (${DIRECTIONS.join(", ")}), or a status and a RAG ("In progress, Red").`;
    }
  },
  "non-canonical": (d) =>
    d.impliedRag
      ? `${d.cell} says "${d.typed}"; the usual ${d.label} word is "${d.canonical}". It is counted as ${d.canonical} with RAG ${d.impliedRag}; type "${d.canonical}" here and ${d.impliedRag} in a RAG column so filters and COUNTIF find them too.`
      : `${d.cell} says "${d.typed}"; the usual ${d.label} word is "${d.canonical}". It is counted as ${d.canonical}; type "${d.canonical}" so filters and COUNTIF find it too.`,
  "wrong-column": (d) =>
    d.is === "rag-in-status"
      ? `${d.cell} is in the status column but says "${d.typed}", a RAG colour. It is counted as RAG ${d.rag}; put RAG in a RAG column and a status (${SAY.statuses}) here.`
      : `${d.cell} is in the RAG column but says "${d.typed}", a status. It is counted as status ${d.status}; put the status in the status column and ${SAY.usualRagsOr} here.`,
  "duplicate-reference": (d) =>
    `Reference "${d.ref}" in ${d.where} is also used on row ${d.earlierRow}. Both rows are counted; give each action its own reference, or clear ${d.where} if row ${d.row} belongs to the action above.`,
  "error-value": (d) =>
    d.is === "reference"
      ? `${d.cell} shows the error ${d.error} instead of a reference, so row ${d.row} is counted as an action of its own. Fix the formula or type the reference.`
      : `${d.cell} shows the error ${d.error} instead of a ${FIELD_LABEL[d.field].toLowerCase()}. Fix the formula or type the value.`,
  "rag-from-fill": (d) =>
    `The RAG of ${d.id} is shown only by the fill colour of ${d.cell}, read as ${d.rag}. Type "${d.rag}" in the cell (or let the add-in write it) so it can be counted, sorted and filtered.`,
  "no-actions": (d) =>
    `The tracker on sheet "${d.sheet}" has its header on row ${d.headerRow} but no actions below it. Put one action per row under the header (a reference, the action and its status or RAG), or choose the sheet that holds them.`,
  "no-action-column": (d) => {
    const found = d.found.length ? d.found.map((m) => `"${m.header}" (${columnLetter(m.column)})`).join(", ") : "none we recognise";
    return `Sheet "${d.sheet}" has no column we read as the action, so actions are named by their reference only. Headers found on row ${d.headerRow}: ${found}. If a column holds the action or recommendation, choose it for Action (--map action=COLUMN on the command line, or the pane's column mapping).`;
  },
  "group-heading": (d) =>
    `Row ${d.row} ("${d.title}") has a reference and a title but no status or lead of its own: it is read as the heading of the ${d.actions === 1 ? "row" : `${d.actions} rows`} below it, each an action of its own (with its own status), and is not counted as an action.`,
  "key-read": (d) =>
    `The key in ${d.cell} is read as the tracker's own words: ${d.meanings.map((m) => `${m.word} = ${m.means}`).join(", ")}. ${d.cells === 1 ? "1 cell was" : `${d.cells} cells were`} read by it. If that is wrong, say what each word means in the workbook's "Delivery plan words" sheet.`,
  "guessed-reading": guessMessage,
  "completed-but-behind": (d) => `Action ${d.id} is ${d.status} but its RAG is ${d.rag}. Change the RAG to Green or Blue, or the status if the work is not finished.`,
  "not-started-but-green": (d) => `Action ${d.id} has not yet started but its RAG is Green. Use White for not started, or correct the status.`,
  "no-update": (d) => `Action ${d.id} is ${d.rag} but has no update. The Panel will ask why: add an explanation${d.updateCell ? ` in ${d.updateCell}` : ""}.`,
  overdue: (d) =>
    `Action ${d.id} was due by ${formatLongDate(d.due)} ("${d.timeframe}") and is ${d.status ?? "not marked Completed"}. Update the timeframe or the status, and explain the delay.`,
  "timeframe-unread": (d) => `The timeframe of action ${d.id}, "${d.text}", has no date we can read, so it is not checked for being overdue.`,
  "direction-contradicts": (d) => {
    const why = d.basis === "new" ? `it is new since ${d.previousLabel}` : `since ${d.previousLabel} its ${d.basis === "rag" ? "RAG" : "status"} went from ${d.from} to ${d.to}`;
    return `${d.cell ?? d.id} shows ${DIRECTION_GLYPH[d.typed]} (${d.typed}) for ${d.id}, but ${why}: ${DIRECTION_GLYPH[d.compared]} ${d.compared}. Correct the arrow, or let the add-in write the directions.`;
  },
  "signed-off-changed": (d) => {
    const said = `${d.period} was signed off${d.by ? ` by ${d.by}` : ""} (${d.when})`;
    if (!d.field) return `${d.id} was in the plan when ${said}, and is no longer in the tracker.`;
    const field = d.field === "rag" ? "RAG" : d.field;
    return `${d.id}'s ${field} has changed since ${said}${d.cell ? ` (cell ${d.cell})` : ""}, and the Change log records no later change to it. Check it, or sign the period off again.`;
  },
};

/** The wording of one issue. */
export function issueMessage<K extends IssueCode>(code: K, details: IssueDetails[K]): string {
  return (MESSAGES[code] as (d: IssueDetails[K]) => string)(details);
}
