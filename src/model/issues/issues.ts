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
  return new LazyIssue(severity, code, sheet, cell, details) as unknown as Issue;
}

/** Makes the message in its place, as a plain property (also when one is set). */
function settle(issue: object, message: string): string {
  Object.defineProperty(issue, "message", { value: message, writable: true, enumerable: true, configurable: true });
  return message;
}

/**
 * The message's place until it is read: one getter and setter shared by every
 * issue (a getter made per issue cost ~4 µs and ~800 bytes each: 10,000 issues
 * on a 20,000-row tracker).
 */
const UNWORDED: PropertyDescriptor = {
  get(this: LazyIssue) {
    return settle(this, LazyIssue.word(this));
  },
  set(this: LazyIssue, value: string) {
    settle(this, value);
  },
  enumerable: true,
  configurable: true,
};

/** An issue whose message is worded when first read. Its own properties are an issue's, in order: severity, code, sheet, cell, message. */
class LazyIssue {
  readonly #details: unknown;
  constructor(
    readonly severity: string,
    readonly code: IssueCode,
    readonly sheet: string,
    readonly cell: string | null,
    details: unknown,
  ) {
    this.#details = details;
    Object.defineProperty(this, "message", UNWORDED);
  }

  static word(issue: LazyIssue): string {
    return issueMessage(issue.code, issue.#details as IssueDetails[IssueCode]);
  }
}

/** The issues one sheet's reading raises, in the order they are found. */
export class IssueList {
  readonly items: Issue[] = [];
  constructor(private readonly sheet: string) {}
  add<K extends IssueCode>(severity: IssueOf<K>["severity"], code: K, cell: string | null, details: IssueDetails[K]) {
    this.items.push(raise(severity, code, this.sheet, cell, details));
  }
}
