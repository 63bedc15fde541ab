/**
 * Reading a tracker, phase 1, mapping the columns: from the header row's
 * claims, the cells' content and the user's corrections, which column holds
 * each field, which columns are kept as extra, and whether references are
 * read from the start of the action text.
 */
import { GridView, a1, cellText, columnLetter } from "../sheet/grid";
import {
  ColumnMapping,
  FIELDS,
  Field,
  HeaderCandidate,
  HeaderOverrides,
  HeaderOverridesSchema,
  MULTI_COLUMN_FIELDS,
  resolveOverride,
} from "../words/headers";
import { ContentMapper } from "./content";
import type { IssueList } from "../issues/issues";
import type { Lexicon } from "../words/vocabulary";
import { splitReference } from "./reference";
import { PeriodChoice, SheetPeriods, choosePeriods, findPeriods, holdsValues, titlePeriods } from "./periods";

/** The fields that take one column each, read cell by cell. */
export type CellField = "id" | "theme" | "action" | "lead" | "deliveryLead" | "status" | "rag" | "direction" | "update" | "timeframe" | "response";

/** Where a tracker's table is: its header row and what each column holds. */
export interface TableColumns {
  headerRow: number;
  mappings: ColumnMapping[];
  /** The column of each single-column field, if mapped. */
  col: Record<CellField, number | undefined>;
  /** The columns of the references field (it may have several). */
  referenceColumns: number[];
  /** Columns with a header that no field maps: kept as they are. */
  extraColumns: { column: number; header: string }[];
  /** No reference column, and most action texts start with one. */
  referencesInActionText: boolean;
  /** The periods the sheet keeps side by side (one status or RAG column each), or null for one period. */
  periods: SheetPeriods | null;
  /** The RAG column is on the five-point scale (its points counted as RAGs of their own: ContentMapper.fivePoint). */
  fivePoint: boolean;
}

/** Map the columns of the table whose header row is `header`. */
export function mapColumns(
  view: GridView,
  header: HeaderCandidate,
  overrides: HeaderOverrides | undefined,
  lexicon: Lexicon,
  issues: IssueList,
  periodChoice?: PeriodChoice,
  keyHasPoints = false,
): TableColumns {
  const headerRow = header.row;
  // The caller's corrections are input like any other: check them against the schema.
  const parsed = HeaderOverridesSchema.safeParse(overrides ?? {});
  if (!parsed.success) {
    const fields = Object.keys(overrides ?? {}).filter((k) => !(FIELDS as readonly string[]).includes(k));
    issues.add("error", "mapping-not-found", null, { is: "unusable", unknownFields: fields });
  }
  const periods: { found: SheetPeriods | null } = { found: null };
  const scale = { keyHasPoints, fivePoint: false };
  const mappings = resolveMappings(view, headerRow, header.mappings, parsed.success ? parsed.data : undefined, issues, lexicon, periodChoice, periods, scale);
  const columnOf = (field: Field) => mappings.find((m) => m.field === field)?.column;
  const referenceColumns = mappings.filter((m) => m.field === "references").map((m) => m.column);
  const mappedColumns = new Set(mappings.map((m) => m.column));
  const extraColumns: { column: number; header: string }[] = [];
  for (let c = view.firstColumn; c <= view.lastColumn; c++) {
    const text = view.text(headerRow, c);
    if (!mappedColumns.has(c) && text && !view.isCovered(headerRow, c)) extraColumns.push({ column: c, header: text });
  }

  const col: TableColumns["col"] = {
    id: columnOf("id"),
    theme: columnOf("theme"),
    action: columnOf("action"),
    lead: columnOf("lead"),
    deliveryLead: columnOf("deliveryLead"),
    status: columnOf("status"),
    rag: columnOf("rag"),
    direction: columnOf("direction"),
    update: columnOf("update"),
    timeframe: columnOf("timeframe"),
    response: columnOf("response"),
  };

  if (col.status === undefined && col.rag === undefined) {
    const found = mappings.map((m) => ({ header: m.header, column: m.column }));
    issues.add("error", "no-delivery-column", a1(headerRow, view.firstColumn), { sheet: view.name, headerRow, found });
  }
  if (col.action === undefined) {
    const found = mappings.map((m) => ({ header: m.header, column: m.column }));
    issues.add("warning", "no-action-column", a1(headerRow, view.firstColumn), { sheet: view.name, headerRow, found });
  }

  return { headerRow, mappings, col, referenceColumns, extraColumns, referencesInActionText: referencesInText(view, headerRow, col), periods: periods.found, fivePoint: scale.fivePoint };
}

/** References: a column of their own, or at the start of the action text (when at least half the action texts start with one). */
function referencesInText(view: GridView, headerRow: number, col: TableColumns["col"]): boolean {
  if (col.id !== undefined || col.action === undefined) return false;
  let own = 0;
  let withRef = 0;
  for (let r = headerRow + 1; r <= view.lastRow; r++) {
    if (view.isCovered(r, col.action)) continue;
    const text = cellText(view.raw(r, col.action));
    if (!text) continue;
    own++;
    if (splitReference(text)) withRef++;
  }
  return own > 0 && withRef / own >= 0.5;
}

/** The mapping a header row gives, with one column per single-valued field. */
function resolveMappings(
  view: GridView,
  headerRow: number,
  headerClaims: ColumnMapping[],
  overrides: HeaderOverrides | undefined,
  issues: IssueList,
  lexicon: Lexicon,
  periodChoice: PeriodChoice | undefined,
  periods: { found: SheetPeriods | null },
  scale: { keyHasPoints: boolean; fivePoint: boolean },
): ColumnMapping[] {
  // The cells decide where the header's reading does not fit them; the user's corrections stay as they are.
  const fixedFields = new Set(Object.keys(overrides ?? {}) as Field[]);
  const fixedColumns = new Set<number>();
  for (const target of Object.values(overrides ?? {})) {
    const column = typeof target === "string" ? resolveOverride(view, headerRow, target) : null;
    if (column !== null) fixedColumns.add(column);
  }
  const content = new ContentMapper(view, headerRow, lexicon, { columns: fixedColumns, fields: fixedFields }, scale.keyHasPoints);
  const claims = latestUndated(view, headerRow, keepCurrentPeriod(view, headerRow, content.correctClaims(headerClaims), fixedFields, periodChoice, issues, periods), fixedFields, issues);
  // A column that names one field beats a combined one ("Direction of travel"
  // beats "Delivery Status / Direction of travel" for the direction).
  const claimsPerColumn = new Map<number, number>();
  for (const c of claims) claimsPerColumn.set(c.column, (claimsPerColumn.get(c.column) ?? 0) + 1);
  const ordered = [...claims].sort(
    (x, y) => (claimsPerColumn.get(x.column)! > 1 ? 1 : 0) - (claimsPerColumn.get(y.column)! > 1 ? 1 : 0) || x.column - y.column,
  );
  const chosen: ColumnMapping[] = [];
  for (const claim of ordered) {
    if (MULTI_COLUMN_FIELDS.has(claim.field)) {
      chosen.push(claim);
      continue;
    }
    const first = chosen.find((m) => m.field === claim.field);
    if (!first) {
      chosen.push(claim);
    } else if (claimsPerColumn.get(claim.column) === 1 && claimsPerColumn.get(first.column) === 1 && !fixedFields.has(claim.field)) {
      // (A field the user chose a column for is not said to be mapped twice: the choice decides.)
      issues.add("warning", "column-mapped-twice", a1(headerRow, claim.column), {
        field: claim.field,
        used: { header: first.header, column: first.column },
        kept: { header: claim.header, column: claim.column },
      });
    }
  }

  const filled = content.fillFreeFields(chosen, new Set(headerClaims.map((c) => c.column)));
  chosen.splice(0, chosen.length, ...filled);
  for (const n of content.notes) issues.add("info", "mapped-by-content", n.cell, n.details);
  for (const m of content.misfits(chosen)) issues.add("warning", "guessed-reading", m.cell, m.details);

  for (const [field, target] of Object.entries(overrides ?? {}) as [Field, string | null][]) {
    const rest = chosen.filter((m) => m.field !== field);
    if (target === null) {
      chosen.splice(0, chosen.length, ...rest);
      continue;
    }
    const column = resolveOverride(view, headerRow, target);
    if (column === null || column < view.firstColumn || column > view.lastColumn) {
      issues.add("error", "mapping-not-found", null, {
        is: "no-column",
        field,
        target,
        sheet: view.name,
        firstColumn: view.firstColumn,
        lastColumn: view.lastColumn,
        headerRow,
      });
      continue;
    }
    chosen.splice(0, chosen.length, ...rest, { field, column, header: view.text(headerRow, column) || columnLetter(column) });
  }
  const rag = chosen.find((m) => m.field === "rag");
  scale.fivePoint = rag !== undefined && content.fivePoint(rag.column);
  return chosen.sort((x, y) => x.column - y.column || x.field.localeCompare(y.field));
}

/**
 * Several status (or RAG) columns, none of whose headers names a period
 * ("RAG", "RAG"): the rightmost that holds values is read as this period's,
 * the others are kept as extra columns, and the report says it was a guess.
 */
function latestUndated(view: GridView, headerRow: number, claims: ColumnMapping[], fixedFields: ReadonlySet<Field>, issues: IssueList): ColumnMapping[] {
  let out = claims;
  for (const field of ["status", "rag"] as const) {
    if (fixedFields.has(field)) continue;
    const own = out.filter((c) => c.field === field && !out.some((o) => o.column === c.column && o.field !== field));
    if (own.length < 2) continue;
    const holding = own.filter((c) => holdsValues(view, c.column, headerRow));
    const chosen = holding.length ? holding[holding.length - 1] : own[0];
    const others = own.filter((c) => c !== chosen);
    out = out.filter((c) => !others.includes(c));
    issues.add("warning", "guessed-reading", a1(headerRow, chosen.column), {
      is: "columns",
      field,
      chosen: { header: chosen.header, column: chosen.column },
      others: others.map((c) => ({ header: c.header, column: c.column })),
    });
  }
  return out;
}

/**
 * Several periods in one sheet ("Status June 2021", "Status November 2021"):
 * only the current period's columns are claimed; the others are kept as extra
 * columns, and the periods are remembered for the comparison and the colours.
 */
function keepCurrentPeriod(
  view: GridView,
  headerRow: number,
  claims: ColumnMapping[],
  fixedFields: ReadonlySet<Field>,
  choice: PeriodChoice | undefined,
  issues: IssueList,
  out: { found: SheetPeriods | null },
): ColumnMapping[] {
  const found = findPeriods(view, headerRow, claims, fixedFields);
  if (!found) {
    for (const which of ["current", "previous"] as const) {
      const target = choice?.[which];
      if (target) issues.add("error", "mapping-not-found", null, { is: "no-period", which, target, sheet: view.name, choices: [] });
    }
    return claims;
  }
  const title = titlePeriods(view, headerRow);
  let chosen = choosePeriods(view, headerRow, found, choice, title);
  if (!chosen.ok) {
    issues.add("error", "mapping-not-found", null, { is: "no-period", which: chosen.which, target: chosen.target, sheet: view.name, choices: chosen.choices });
    chosen = choosePeriods(view, headerRow, found, {}, title);
  }
  if (!chosen.ok) return claims;
  const periods = chosen.periods;
  out.found = periods;
  const current = periods.periods[periods.current];
  if (found.byPosition && !choice?.current && !title.includes(current.label)) {
    const column = Math.min(...Object.values(current.columns));
    issues.add("warning", "guessed-reading", a1(headerRow, column), {
      is: "period-by-position",
      chosen: { header: view.text(headerRow, column), column },
      label: current.label,
      periods: periods.periods.map((p) => p.label),
    });
  }
  const others = new Set(periods.periods.filter((p) => p !== current).flatMap((p) => Object.values(p.columns)));
  return claims.filter((c) => !others.has(c.column));
}
