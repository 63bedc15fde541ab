/** The Excel JavaScript API requirement sets the add-in needs, checked before use. */

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

type RequirementsApi = { isSetSupported(name: string, version?: string): boolean };

/** A plain message for the user when their Excel is too old, or null when all is well. */
export function unsupportedMessage(requirements: RequirementsApi = Office.context.requirements): string | null {
  const missing = REQUIREMENTS.filter((r) => !requirements.isSetSupported(r.set, r.version));
  if (missing.length === 0) return null;
  return `This version of Excel is too old for the Delivery plan add-in: it lacks ${missing
    .map((r) => `${r.set} ${r.version} (${r.why})`)
    .join(" and ")}. Use Excel for Microsoft 365 (Windows, Mac) or Excel on the web.`;
}
