/**
 * Office's code for a failed request: OfficeExtension.Error.code, a string such
 * as "ItemNotFound" or "InvalidOperationInCellEditMode" (Excel.ErrorCodes), or
 * "" when the error carries none. The one place the add-in reads it.
 */
export function officeErrorCode(err: unknown): string {
  return typeof err === "object" && err !== null && "code" in err ? String((err as { code: unknown }).code) : "";
}
