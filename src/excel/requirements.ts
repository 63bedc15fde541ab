/** The Excel JavaScript API requirement sets the add-in needs, checked before use. */
import { HOST_MESSAGES } from "../shared/host";
import type { FileSaving } from "../shared/host";

export interface Requirement {
  set: string;
  version: string;
  why: string;
}

/** ExcelApi 1.13 brings Range.getMergedAreasOrNullObject; 1.9 getCellProperties; 1.6 conditional formats. */
export const REQUIREMENTS: Requirement[] = [
  { set: "ExcelApi", version: "1.13", why: "reading merged cells" },
  { set: "SharedRuntime", version: "1.1", why: "the pane and the ACTIONS functions sharing one tracker" },
];

/**
 * What the ACTIONS functions need. Their metadata (functions.json, written by
 * custom-functions-metadata) carries `allowCustomDataForDataTypeAny: true`,
 * which Microsoft's table places in CustomFunctionsRuntime 1.4; perpetual
 * Office 2021 and 2024 have only 1.3, and there every function of such an
 * add-in answers #VALUE! (office-js issue 3504). The pane works without it.
 * test/excel/requirements.test.ts checks this against the metadata the build
 * writes: with the flag off, 1.2 (CustomFunctions.Error) would do.
 */
export const FUNCTIONS_REQUIREMENT: Requirement = {
  set: "CustomFunctionsRuntime",
  version: "1.4",
  why: "the ACTIONS functions",
};

export type RequirementsApi = { isSetSupported(name: string, version?: string): boolean };

/** The requirement sets this Excel lacks (none when all is well). */
export function missingRequirements(requirements: RequirementsApi = Office.context.requirements): Requirement[] {
  return REQUIREMENTS.filter((r) => !requirements.isSetSupported(r.set, r.version));
}

/** A plain message for the user when their Excel is too old, or null when all is well. */
export function unsupportedMessage(requirements: RequirementsApi = Office.context.requirements): string | null {
  const missing = missingRequirements(requirements);
  return missing.length === 0 ? null : HOST_MESSAGES["excel-too-old"]({ missing });
}

/**
 * A plain warning for the pane when this Excel can run the pane but not the
 * ACTIONS functions (perpetual Office 2021 and 2024), or null when it can run both.
 */
export function functionsUnsupportedMessage(requirements: RequirementsApi = Office.context.requirements): string | null {
  const r = FUNCTIONS_REQUIREMENT;
  if (requirements.isSetSupported(r.set, r.version)) return null;
  return (
    `The ACTIONS functions (=ACTIONS.COUNT and the others) need ${r.set} ${r.version}, which this version of Excel lacks ` +
    `(Office 2021 and 2024 bought outright have only 1.3): in cells they may show #VALUE!. ` +
    `The pane works as usual. For the functions, use Excel for Microsoft 365 (Windows, Mac) or Excel on the web.`
  );
}

/**
 * Range.getDisplayedCellProperties (ExcelApi 1.19) gives the fills a cell shows, a cell
 * style's ("Good", "Bad", "Neutral") and a conditional format's included; getCellProperties
 * (1.9) gives only fills set on the cell itself.
 */
export const DISPLAYED_FILLS: Requirement = { set: "ExcelApi", version: "1.19", why: "reading fills shown by a cell style or conditional formatting" };

/** Whether this Excel (and its client library) can say which fills cells show. */
export function canReadDisplayedFills(given?: RequirementsApi): boolean {
  const requirements = given ?? (typeof Office === "undefined" ? undefined : Office.context?.requirements);
  if (!requirements) return false;
  const range = typeof Excel === "undefined" ? undefined : (Excel.Range?.prototype as unknown as Record<string, unknown> | undefined);
  return requirements.isSetSupported(DISPLAYED_FILLS.set, DISPLAYED_FILLS.version) && typeof range?.getDisplayedCellProperties === "function";
}

/** The pane's note where a RAG column's fills can be read only as set on each cell. */
export const STYLE_FILLS_UNSEEN_WARNING =
  "This version of Excel lets the add-in see only fills set on a cell itself: a RAG shown by a cell style (Good, Bad, Neutral) or by your own conditional formatting cannot be read, and such cells count as RAG not set. Type the RAG word in those cells, or use Excel for Microsoft 365 or Excel on the web (ExcelApi 1.19), which show the add-in those fills.";

/** Whether the pane may save a file here: only Excel on the web runs it in a browser that downloads files; desktop Excel's web view does not. */
export function fileSaving(): FileSaving {
  let online = false;
  try {
    online = Office.context.diagnostics?.platform === Office.PlatformType.OfficeOnline;
  } catch {
    online = false;
  }
  if (online) return { can: true };
  return {
    can: false,
    instead:
      "Excel on Windows and Mac does not let an add-in save a file. Use Copy for Word and paste into a new Word document, or open the workbook in Excel on the web to download the .docx (or run delivery-plan report on the saved workbook).",
  };
}
