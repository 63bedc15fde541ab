/** The issues one sheet's reading raises, in the order they are found. */
import type { Issue, IssueCode, Severity } from "./schema";

export class IssueList {
  readonly items: Issue[] = [];
  constructor(private readonly sheet: string) {}
  add(severity: Severity, code: IssueCode, cell: string | null, message: string) {
    this.items.push({ severity, code, sheet: this.sheet, cell, message });
  }
}
