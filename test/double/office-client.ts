/**
 * Microsoft's own Excel JavaScript client library, loaded for the tests from
 * the pinned devDependency @microsoft/office-js (dist/excel-web-16.00.js: the
 * real proxies, load, sync, PropertyNotLoaded, null objects, object-path
 * invalidation, track and the requirement-set checks).
 *
 * It is evaluated once per test file, in that file's own global (Jest gives
 * each test file a global of its own, so a Function made there sees it; a
 * vm.runInThisContext would share one Excel between the files of a worker).
 * Each context.sync() then goes, as one JSON message { Actions, ObjectPaths },
 * to the executor of the context's session: one session per workbook
 * (wireSession), passed to Excel.run as its RunOptions.session, so two
 * workbooks in one test each get their own requests (wire-host.ts answers
 * them as Excel would).
 */

/** The message the client hands to a request executor (RichApi's request). */
export interface WireMessage {
  Url?: string;
  Headers?: Record<string, string>;
  Body: WireRequest | string;
}

export interface WireObjectPath {
  Id: number;
  ObjectPathType: number;
  Name: string;
  ParentObjectPathId?: number;
  ArgumentInfo?: { Arguments?: unknown[]; ReferencedObjectPathIds?: number[] };
}

export interface WireAction {
  Id: number;
  ActionType: number;
  Name: string;
  ObjectPathId: number;
  ArgumentInfo?: { Arguments?: unknown[]; ReferencedObjectPathIds?: number[] };
  QueryInfo?: { Select?: string[] | null; Expand?: string[] | null; Skip?: number | null; Top?: number | null };
}

export interface WireRequest {
  Actions: WireAction[];
  ObjectPaths: Record<string, WireObjectPath>;
}

export interface WireResponse {
  ErrorCode: string | null;
  ErrorMessage: string | null;
  Headers: Record<string, string>;
  Body: { Results?: { ActionId: number; Value?: unknown }[]; Error?: { Code: string; Message: string; ActionIndex: number; Location?: string } };
}

/** What the host answers for one request (the session's executor). */
export type WireExecutor = (request: WireRequest) => Promise<WireResponse>;

/** The file the tests run on: Microsoft's client (the minified build, as the CDN serves it). */
export const OFFICE_CLIENT_MODULE = "@microsoft/office-js/dist/excel-web-16.00.js";

/**
 * The library's source, read from node_modules. Required here, not imported at
 * the top, so that the browser test's bundle of the double needs no fs (there
 * the page loads the library itself).
 */
function clientSource(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fs = require("fs") as typeof import("fs");
  return fs.readFileSync(require.resolve(OFFICE_CLIENT_MODULE), "utf8");
}

// The subset of OfficeExtension the doubles use.
export interface OfficeExtensionLike {
  SessionBase: { new (): object; _overrideSession: object | null };
  Promise: PromiseConstructor;
  _testSetRichApiMessageReadyImpl(impl: (() => Promise<unknown>) | null): void;
  _testTriggerRichApiMessageEvent(msg: { entries: unknown[] }): void;
  Error: new (...args: unknown[]) => Error;
  ErrorCodes: Record<string, string>;
}

export interface OfficeClient {
  Excel: typeof Excel;
  OfficeExtension: OfficeExtensionLike;
  /** A session (OfficeExtension.SessionBase) whose every request goes to this executor. */
  wireSession(executor: WireExecutor): object;
}

let loaded: OfficeClient | null = null;

/**
 * Run the library in this file's global scope, as a <script> would: an
 * indirect eval makes its top-level vars (OSF, OfficeExtension, Excel)
 * globals, which the library itself reads back as window.X.
 */
function loadClient(): void {
  const indirectEval = eval;
  indirectEval(`${clientSource()}\n//# sourceURL=excel-web-16.00.js`);
}

interface OfficeExtensionInternals {
  BatchApiHelper: { invokeMethod(obj: object, name: string, type: number, args: unknown[], flags: number, operationType: number): unknown };
  Utility: { throwIfApiNotSupported(member: string, set: string, version: string, host: string): void };
}

/**
 * Range.getDisplayedCellProperties (ExcelApi 1.19), which the client on npm
 * (1.1.110) predates and the client Microsoft's CDN serves has. Defined exactly
 * as the client defines its sibling getCellProperties (1.9): the client's own
 * requirement check (ApiNotFound where the Excel lacks 1.19, before any
 * request), then the client's own method action ("GetDisplayedCellProperties",
 * a read whose result comes back with the sync). Nothing else of the client is
 * touched; where a later client defines the method, it is left as it is.
 */
function addDisplayedCellProperties(excel: typeof Excel, oe: OfficeExtensionInternals): void {
  const range = excel.Range.prototype as unknown as Record<string, unknown>;
  if (typeof range.getDisplayedCellProperties === "function") return;
  range.getDisplayedCellProperties = function (this: object, cellPropertiesLoadOptions: unknown) {
    oe.Utility.throwIfApiNotSupported("Range.getDisplayedCellProperties", "ExcelApi", "1.19", "Excel");
    return oe.BatchApiHelper.invokeMethod(this, "GetDisplayedCellProperties", 0, [cellPropertiesLoadOptions], 0, 0);
  };
}

/** Microsoft's client in this test file's global: loaded on the first call, the same afterwards. */
export function officeClient(): OfficeClient {
  if (loaded) return loaded;
  const g = globalThis as Record<string, unknown>;
  // The library expects a browser: window and self are the global; navigator for its platform checks.
  if (g.window === undefined) g.window = globalThis;
  if (g.self === undefined) g.self = globalThis;
  if (g.navigator === undefined) g.navigator = { userAgent: "node", platform: "node", language: "en-GB" };
  // In the browser test the page has loaded the library with a <script> (test/browser/office-stub.ts); under Node it is read here.
  const preloaded = typeof (g.OfficeExtension as { SessionBase?: unknown } | undefined)?.SessionBase === "function" && typeof (g.Excel as { run?: unknown } | undefined)?.run === "function";
  if (!preloaded) loadClient();
  const lib = { Excel: g.Excel as typeof Excel, OfficeExtension: g.OfficeExtension as OfficeExtensionLike };
  if (!lib.Excel || !lib.OfficeExtension) throw new Error(`${OFFICE_CLIENT_MODULE} did not define Excel and OfficeExtension.`);
  const OE = lib.OfficeExtension;
  addDisplayedCellProperties(lib.Excel, g.OfficeExtension as OfficeExtensionInternals);


  const Base = OE.SessionBase as unknown as new () => object;
  class WireSession extends Base {
    constructor(private readonly executor: WireExecutor) {
      super();
    }
    _resolveRequestUrlAndHeaderInfo() {
      return OE.Promise.resolve({ url: "https://wire-host.invalid/excel", headers: {} });
    }
    _createRequestExecutorOrNull() {
      const executor = this.executor;
      return {
        executeAsync(_customData: unknown, _flags: number, message: WireMessage) {
          const body = typeof message.Body === "string" ? (JSON.parse(message.Body) as WireRequest) : message.Body;
          return OE.Promise.resolve(executor(body));
        },
      };
    }
    getEventRegistration() {
      return null;
    }
  }
  // No session for all: each Excel.run names its workbook's (RunOptions.session).
  OE.SessionBase._overrideSession = null;
  // Events come in as RichApi messages (wire-host.ts posts them); no Office host to register with.
  OE._testSetRichApiMessageReadyImpl(() => OE.Promise.resolve(null));
  loaded = {
    Excel: lib.Excel,
    OfficeExtension: OE,
    wireSession: (executor) => new WireSession(executor),
  };
  return loaded;
}
