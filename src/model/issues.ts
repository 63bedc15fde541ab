/** Raising issues: the raiser gives the code and its details, the catalogue (messages.ts) the words. */
import type { Issue, IssueCode, IssueOf } from "./schema";
import { IssueDetails, issueMessage } from "./messages";

/**
 * One issue, worded from its details when its message is first read: many
 * issues are only counted or looked at by code (the summary's exceptions), and
 * wording costs more than finding. Once read, the message is a plain property in
 * its place, so JSON, structured clones and spreads see the same object as before.
 */
export function raise<K extends IssueCode>(severity: IssueOf<K>["severity"], code: K, sheet: string, cell: string | null, details: IssueDetails[K]): Issue {
  const issue: IssueOf<K> = {
    severity,
    code,
    sheet,
    cell,
    get message(): string {
      const message = issueMessage(code, details);
      Object.defineProperty(this, "message", { value: message, writable: true, enumerable: true, configurable: true });
      return message;
    },
    set message(value: string) {
      Object.defineProperty(this, "message", { value, writable: true, enumerable: true, configurable: true });
    },
  };
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
