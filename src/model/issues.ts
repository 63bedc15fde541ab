/** Raising issues: the raiser gives the code and its details, the catalogue (messages.ts) the words. */
import type { Issue, IssueCode, IssueOf } from "./schema";
import { IssueDetails, issueMessage } from "./messages";

/** One issue, worded from its details. */
export function raise<K extends IssueCode>(severity: IssueOf<K>["severity"], code: K, sheet: string, cell: string | null, details: IssueDetails[K]): Issue {
  const issue: IssueOf<K> = { severity, code, sheet, cell, message: issueMessage(code, details) };
  return issue as Issue;
}

/** The issues one sheet's reading raises, in the order they are found. */
export class IssueList {
  readonly items: Issue[] = [];
  constructor(private readonly sheet: string) {}
  add<K extends IssueCode>(severity: IssueOf<K>["severity"], code: K, cell: string | null, details: IssueDetails[K]) {
    this.items.push(raise(severity, code, this.sheet, cell, details));
  }
}
