/**
 * The host side of Excel's wire protocol, for Microsoft's own client library
 * (office-client.ts). Each context.sync() of Microsoft's Excel.run arrives here
 * as one JSON request { Actions, ObjectPaths }; it is answered as Excel answers
 * it, over the ExcelDouble's in-memory workbook:
 *
 *  - the request's object paths (global, property, method, indexer, reference
 *    id) are resolved, in the order of its actions, to the double's own objects
 *    in one persistent DoubleContext (PascalCase wire names → the double's
 *    camelCase members), its actions (Instantiate, Query, Method, SetProperty,
 *    Trace) are queued on them, and the double runs them in one ctx.sync(): so
 *    the workbook's semantics (null objects, merged areas, number formats, "@"
 *    text cells, events) are the double's, in one place;
 *  - the answer is { Results: [{ ActionId, Value }] } with property names as
 *    the wire spells them (Values, Name, RowIndex…), collections under _Items,
 *    a null object as a null Value, and for an object made by a method the Id
 *    (a worksheet from worksheets.add) or _ReferenceId (a range the client
 *    keeps with _KeepReference) by which the client addresses it in later
 *    syncs (without one it throws InvalidObjectPath, as with Excel); or
 *    { Error: { Code, Message, ActionIndex } };
 *  - the real bytes are measured (Buffer.byteLength of the JSON as sent), and
 *    a request or response over the payload limit (Excel's 5 MB) is refused
 *    with Excel's codes; each round trip is recorded in ExcelDouble.syncs (or
 *    .refused) with those real bytes and its number of actions;
 *  - change events are delivered asynchronously, after the response of the
 *    sync that caused them (a task later), as RichApi event messages.
 */
import { ClientObject, ClientResult, DoubleContext, DoubleError, DoubleRange, DoubleTable, DoubleTableCollection, DoubleWorksheet, DoubleWorksheetCollection } from "./excel-double";
import type { ExcelDouble, SheetChangeArgs, SyncRecord } from "./excel-double";
import { officeClient } from "./office-client";
import type { WireAction, WireObjectPath, WireRequest, WireResponse } from "./office-client";

/** The event type of Worksheet.onChanged on the wire (the client's eventType for "Changed"). */
const WORKSHEET_CHANGED_EVENT = 10;
/** RichApi's message category for events (OfficeExtension Constants.eventMessageCategory). */
const EVENT_MESSAGE_CATEGORY = 65536;

// Captured when the file loads: a test's fake timers must not hold back Excel's events.
const later: (fn: () => void) => void = typeof setImmediate === "function" ? (fn) => setImmediate(fn) : (fn) => setTimeout(fn, 0);

/** UTF-8 bytes of the JSON as sent (Buffer under Node; TextEncoder in the browser test's page). */
const utf8Bytes = (text: string): number => (typeof Buffer !== "undefined" ? Buffer.byteLength(text, "utf8") : new TextEncoder().encode(text).length);

const camel = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);
const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/**
 * The Excel type of each of the double's classes, as Microsoft's client names
 * it ("Range.getMergedAreasOrNullObject"); a plain object (a range's format,
 * fill, font) has none and is not checked.
 */
const EXCEL_TYPES: Record<string, string> = {
  DoubleWorkbook: "Workbook",
  DoubleWorksheetCollection: "WorksheetCollection",
  DoubleWorksheet: "Worksheet",
  DoubleRange: "Range",
  DoubleRangeAreas: "RangeAreas",
  DoubleValidatedAreas: "RangeAreas",
  DoubleConditionalFormats: "ConditionalFormatCollection",
  DoubleConditionalFormatItem: "ConditionalFormat",
  DoubleCustomRule: "ConditionalFormatRule",
  DoubleNamedItemCollection: "NamedItemCollection",
  DoubleNamedItem: "NamedItem",
  DoubleChartCollection: "ChartCollection",
  DoubleChart: "Chart",
  DoubleChartSeries: "ChartSeries",
  DoubleSettingCollection: "SettingCollection",
  DoubleSetting: "Setting",
  DoubleDataValidation: "DataValidation",
  DoubleTableCollection: "TableCollection",
  DoubleTable: "Table",
};

let memberSets: Map<string, { set: string; version: string }> | null = null;
/**
 * The requirement set of every Excel member, as Microsoft's client declares it
 * (its `_throwIfApiNotSupported("Range.getMergedAreasOrNullObject", "ExcelApi",
 * "1.13")` calls, read from the library's debug build). The client itself
 * skips those checks (CommonUtility._doApiNotSupportedCheck stays false), so a
 * member an older Excel lacks reaches Excel, which answers ApiNotFound: the host
 * does the same. Read only when an older Excel is simulated (Node only).
 */
function memberSet(member: string): { set: string; version: string } | undefined {
  if (!memberSets) {
    memberSets = new Map();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const fs = require("fs") as typeof import("fs");
    const source = fs.readFileSync(require.resolve("@microsoft/office-js/dist/excel-web-16.00.debug.js"), "utf8");
    const excel = source.slice(source.indexOf('var _defaultApiSetName = "ExcelApi";'));
    for (const m of excel.matchAll(/_throwIfApiNotSupported\("(\w+\.\w+)", (_defaultApiSetName|"\w+"), "([\d.]+)", _hostName\)/g)) {
      const set = m[2] === "_defaultApiSetName" ? "ExcelApi" : m[2].slice(1, -1);
      if (!memberSets.has(m[1])) memberSets.set(m[1], { set, version: m[3] });
    }
    // Newer than the client on npm (office-client.ts adds it as the CDN's client has it).
    if (!memberSets.has("Range.getDisplayedCellProperties")) memberSets.set("Range.getDisplayedCellProperties", { set: "ExcelApi", version: "1.19" });
  }
  return memberSets.get(member);
}

/** One round trip as the host saw it: the request and response exactly as measured. */
export interface WireRecord {
  requestBytes: number;
  responseBytes: number;
  actions: number;
  /** The error code answered, when the round trip failed. */
  code?: string;
  /** Only releases references (Excel.run's last round trip, which Microsoft's client adds when it kept any). */
  cleanup: boolean;
}

interface Registration {
  worksheetId: string;
  remove: () => void;
}

export class WireHost {
  /** Every request answered, in order (refused ones too). */
  readonly requests: WireRecord[] = [];
  /** ExcelDouble.syncs less Excel.run's clean-up round trips: what the add-in's own code synced (reset with resetCounters). */
  get commandSyncs(): SyncRecord[] {
    return this.excel.syncs.filter((s) => !this.cleanups.has(s));
  }
  private readonly cleanups = new WeakSet<SyncRecord>();
  /**
   * Faults to answer, by the number of the request from now (1: the next one):
   * "before" refuses it unexecuted, "after" runs it (its writes stand, as when
   * Excel fails part-way) and then answers the error.
   */
  private faults: { at: number; code: string; message: string; when: "before" | "after"; times: number; location?: string }[] = [];
  private seen = 0;
  /**
   * request: the number of the request from now (1: the next one); or "write":
   * each request that writes (sets a property or calls a method that changes
   * the workbook), as a protected sheet or a read-only workbook refuses them,
   * `times` times (1 unless given; Infinity: every one from now on).
   */
  injectFault(fault: { request: number | "write"; code: string; message?: string; when?: "before" | "after"; times?: number; location?: string }) {
    const at = fault.request === "write" ? -1 : this.seen + fault.request;
    this.faults.push({ at, code: fault.code, message: fault.message ?? `Excel answered ${fault.code}.`, when: fault.when ?? "after", times: fault.times ?? 1, location: fault.location });
  }
  private fault(when: "before" | "after", writes: boolean) {
    const i = this.faults.findIndex((f) => (f.at === this.seen || (f.at === -1 && writes)) && f.when === when);
    if (i < 0) return null;
    const f = this.faults[i];
    if (--f.times <= 0) this.faults.splice(i, 1);
    return f;
  }
  /** Faults not yet answered. */
  get pendingFaults(): number {
    return this.faults.length;
  }

  /** The simulated Excel's requirement sets (installMicrosoftClient sets them); null: the latest Excel, every member there. */
  requirements: { isSetSupported(name: string, version?: string): boolean } | null = null;

  /** Excel answers ApiNotFound for a member of a requirement set it lacks. */
  private checkSupported(target: unknown, name: string) {
    if (!this.requirements || target === null || typeof target !== "object") return;
    const type = EXCEL_TYPES[(target as object).constructor.name];
    if (!type) return;
    const member = `${type}.${camel(name)}`;
    const needs = memberSet(member);
    if (needs && !this.requirements.isSetSupported(needs.set, needs.version))
      throw new DoubleError("ApiNotFound", `The API you are trying to use could not be found. It may be available in a newer version of Excel (${member}: ${needs.set} ${needs.version}).`);
  }

  /** Forget the requests recorded so far (with ExcelDouble.resetCounters). */
  reset() {
    this.requests.length = 0;
  }
  private readonly context: DoubleContext;
  /** The global object of the wire (ObjectPathType 1): Excel's is the workbook. */
  private readonly root: unknown;
  private readonly refs = new Map<string, unknown>();
  private nextRef = 0;
  private readonly registrations: Registration[] = [];
  /** Index of the action whose queued operation the double is running. */
  private running = -1;

  constructor(readonly excel: ExcelDouble) {
    this.context = new DoubleContext(excel);
    this.root = this.context.workbook;
    // Each operation the double queues remembers the action it came from, for the error's ActionIndex.
    const enqueue = this.context.enqueue.bind(this.context);
    this.context.enqueue = (op, options) => {
      const index = this.current;
      enqueue(() => {
        this.running = index;
        return op();
      }, options);
    };
  }

  private current = -1;

  /** The session's executor: one request in, one response out. */
  async execute(request: WireRequest): Promise<WireResponse> {
    const limit = this.excel.payloadLimit;
    const requestBytes = utf8Bytes(JSON.stringify(request));
    const actions = request.Actions.length;
    const cleanup = request.Actions.every((a) => a.ActionType === 1 || (a.ActionType === 3 && a.Name === "_RemoveReference"));
    this.seen++;
    const writes = writesToWorkbook(request);
    const early = this.fault("before", writes);
    if (early) return this.refuse({ requestBytes, responseBytes: 0, actions, cleanup }, early.code, early.message, 0, early.location ?? "");
    if (requestBytes > limit) {
      return this.refuse({ requestBytes, responseBytes: 0, actions, cleanup }, "RequestPayloadSizeLimitExceeded", "The request payload size has exceeded the limit.", -1);
    }
    const paths = new Map<number, unknown>();
    const resolve = (id: number): unknown => {
      if (paths.has(id)) return paths.get(id);
      const p = request.ObjectPaths[String(id)];
      if (!p) throw new DoubleError("InvalidObjectPath", `The object path ${id} is not in the request.`);
      const value = this.resolvePath(p, resolve);
      paths.set(id, value);
      return value;
    };

    // Queue every action on the double, in order; what to answer for each is worked out after the sync.
    const answers: (() => unknown)[] = [];
    const answered: number[] = [];
    const events: SheetChangeArgs[] = [];
    let failure: { error: unknown; index: number; location?: string } | null = null;
    const keeps = new Set(request.Actions.filter((a) => a.ActionType === 3 && a.Name === "_KeepReference").map((a) => a.ObjectPathId));
    const pending = this.pendingEvents;
    pending.length = 0;
    this.inRequest = true;
    for (let i = 0; i < request.Actions.length; i++) {
      const action = request.Actions[i];
      this.current = i;
      try {
        const answer = this.queueAction(action, resolve, request.ObjectPaths, keeps);
        if (answer) {
          answers.push(answer);
          answered.push(action.Id);
        }
      } catch (error) {
        // Excel runs the actions in order and stops at the first that fails: what came before it stands.
        failure = { error, index: i };
        break;
      }
    }
    // The double's sync: its own payload guess is not Excel's; the real bytes are checked here.
    this.excel.payloadLimit = Infinity;
    const before = { syncs: this.excel.syncs.length, refused: this.excel.refused.length };
    this.running = -1;
    try {
      await this.context.sync();
    } catch (error) {
      if (!failure) failure = { error, index: this.running };
    } finally {
      this.excel.payloadLimit = limit;
      this.excel.syncs.length = before.syncs;
      this.excel.refused.length = before.refused;
    }
    events.push(...pending.splice(0));
    this.inRequest = false;
    const late = this.fault("after", writes);
    if (!failure && late) failure = { error: new DoubleError(late.code, late.message), index: Math.max(0, request.Actions.length - 1), location: late.location };
    if (failure) {
      const { error, index } = failure;
      this.deliver(events);
      // An object whose answer failed as the request was run (e.g. over 512 merged areas): its first action is where.
      const source = error instanceof DoubleError && error.source !== undefined ? request.Actions.findIndex((a) => paths.get(a.ObjectPathId) === error.source) : -1;
      const location = failure.location ?? this.locationOf(request, source >= 0 ? source : index, paths);
      if (error instanceof DoubleError) return this.refuse({ requestBytes, responseBytes: 0, actions, cleanup }, error.code, error.message, index, location);
      throw error;
    }
    const results = answers.map((answer, i) => {
      const value = answer();
      return value === undefined ? { ActionId: answered[i] } : { ActionId: answered[i], Value: value };
    });
    const response: WireResponse = { ErrorCode: null, ErrorMessage: null, Headers: {}, Body: { Results: results } };
    const responseBytes = utf8Bytes(JSON.stringify(response.Body));
    if (responseBytes > limit) {
      this.deliver(events);
      return this.refuse({ requestBytes, responseBytes, actions, cleanup }, "ResponsePayloadSizeLimitExceeded", "The response payload size has exceeded the limit.", -1);
    }
    const record = { requestBytes, responseBytes, actions, cleanup };
    this.requests.push(record);
    const sync: SyncRecord = { requestBytes, responseBytes, operations: actions };
    if (cleanup) this.cleanups.add(sync);
    this.excel.syncs.push(sync);
    this.deliver(events);
    return response;
  }

  private readonly pendingEvents: SheetChangeArgs[] = [];
  /** A request is being run: its events wait for its response. */
  private inRequest = false;

  private refuse(record: WireRecord, code: string, message: string, index: number, location = ""): WireResponse {
    this.requests.push({ ...record, code });
    this.excel.refused.push({ requestBytes: record.requestBytes, responseBytes: record.responseBytes, operations: record.actions, code });
    return { ErrorCode: null, ErrorMessage: null, Headers: {}, Body: { Error: { Code: code, Message: message, ActionIndex: index, Location: location } } };
  }

  /**
   * Where the failing action was, as Excel names it in the error's Location
   * (the client's error.debugInfo.errorLocation): "Range.getMergedAreasOrNullObject"
   * for an object a method made, "Range.values" for a property set, "" when unknown.
   */
  private locationOf(request: WireRequest, index: number, paths: Map<number, unknown>): string {
    const a = request.Actions[index];
    if (!a) return "";
    const typeOf = (o: unknown) => (o !== null && typeof o === "object" ? (EXCEL_TYPES[(o as object).constructor.name] ?? "") : "");
    const p = request.ObjectPaths[String(a.ObjectPathId)];
    if ((a.ActionType === 1 || a.ActionType === 2) && p?.ObjectPathType === 3) {
      const type = typeOf(paths.get(p.ParentObjectPathId!));
      return type ? `${type}.${camel(p.Name)}` : "";
    }
    const type = typeOf(paths.get(a.ObjectPathId));
    if (!type) return "";
    return a.ActionType === 3 || a.ActionType === 4 ? `${type}.${camel(a.Name)}` : type;
  }

  /** Events reach the client a task after the response that caused them, as Excel's do. */
  private deliver(events: SheetChangeArgs[]) {
    if (events.length === 0) return;
    const { OfficeExtension } = officeClient();
    this.outstanding++;
    later(() => {
      try {
        OfficeExtension._testTriggerRichApiMessageEvent({
          entries: events.map((e) => {
            const { type: _type, ...message } = e;
            return { messageCategory: EVENT_MESSAGE_CATEGORY, messageType: WORKSHEET_CHANGED_EVENT, targetId: e.worksheetId, message: JSON.stringify(message) };
          }),
        });
      } finally {
        this.outstanding--;
        // The client hands the event to the add-in's handlers through its promises: settled by the next task.
        later(() => {
          if (this.outstanding === 0) for (const w of this.waiters.splice(0)) w();
        });
      }
    });
  }
  private outstanding = 0;
  private readonly waiters: (() => void)[] = [];

  /**
   * Resolves once every change event raised so far has reached the add-in's
   * handlers (what a test waits for after an edit, instead of a sleep).
   */
  eventsDelivered(): Promise<void> {
    if (this.outstanding === 0) return new Promise((resolve) => later(resolve));
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private args(info: WireObjectPath["ArgumentInfo"], resolve: (id: number) => unknown): unknown[] {
    const args = [...(info?.Arguments ?? [])];
    (info?.ReferencedObjectPathIds ?? []).forEach((id, i) => {
      if (id) args[i] = resolve(id);
    });
    return args;
  }

  private member(target: unknown, name: string): unknown {
    if (target === null || target === undefined) throw new DoubleError("InvalidObjectPath", `${name} of a null object.`);
    this.checkSupported(target, name);
    const extra = target instanceof DoubleRange ? rangeExtras(target)[name] : undefined;
    if (extra) return extra;
    const value = (target as Record<string, unknown>)[camel(name)];
    if (value === undefined) throw new DoubleError("ApiNotFound", `The Excel double does not implement ${name} on ${(target as object).constructor.name}.`);
    return value;
  }

  private resolvePath(p: WireObjectPath, resolve: (id: number) => unknown): unknown {
    switch (p.ObjectPathType) {
      case 1:
        return this.root;
      case 4:
        return this.member(resolve(p.ParentObjectPathId!), p.Name);
      case 3: {
        const parent = resolve(p.ParentObjectPathId!) as Record<string, (...a: unknown[]) => unknown>;
        const method = this.member(parent, p.Name) as (...a: unknown[]) => unknown;
        return method.apply(parent, this.args(p.ArgumentInfo, resolve).map((a) => (a === null ? undefined : a)));
      }
      case 5: {
        const parent = resolve(p.ParentObjectPathId!) as { getItem?: (...a: unknown[]) => unknown };
        if (typeof parent?.getItem !== "function") throw new DoubleError("ApiNotFound", "The double has no indexer here.");
        return parent.getItem(...this.args(p.ArgumentInfo, resolve));
      }
      case 6: {
        if (!this.refs.has(p.Name)) throw new DoubleError("InvalidObjectPath", `The object ${p.Name} is not known to the host.`);
        return this.refs.get(p.Name);
      }
      case 7:
        return null;
      default:
        throw new DoubleError("ApiNotFound", `The double does not implement object paths of type ${p.ObjectPathType}.`);
    }
  }

  private readonly refOf = new Map<unknown, string>();
  private ref(o: unknown): string {
    const known = this.refOf.get(o);
    if (known) return known;
    const id = `ref:${++this.nextRef}`;
    this.refs.set(id, o);
    this.refOf.set(o, id);
    return id;
  }

  private static isNull(o: unknown): boolean {
    if (o === null || o === undefined) return true;
    if (!(o instanceof ClientObject)) return false;
    try {
      return o.isNullObject;
    } catch {
      return false;
    }
  }

  /** Queue one action; returns how to compute its Value once the double has synced (undefined: no result). */
  private queueAction(a: WireAction, resolve: (id: number) => unknown, paths: WireRequest["ObjectPaths"], keeps: Set<number>): (() => unknown) | null {
    switch (a.ActionType) {
      case 1: {
        const o = resolve(a.ObjectPathId);
        const madeByMethod = paths[String(a.ObjectPathId)]?.ObjectPathType === 3;
        const mayBeNull = o === null || (o instanceof ClientObject && (o as unknown as { maybeNull?: boolean }).maybeNull === true);
        // What Excel gives an object made by a method, so the client can address it in later syncs: a worksheet its
        // Id (worksheets.add), an object the client keeps (_KeepReference: ranges) a reference id; nothing else.
        const isSheet = madeByMethod && o instanceof DoubleWorksheet;
        // A table (tables.add) by its Id too.
        const isTable = madeByMethod && o instanceof DoubleTable;
        const kept = madeByMethod && keeps.has(a.ObjectPathId);
        if (!isSheet && !isTable && !kept && !mayBeNull) return null;
        return () => {
          if (WireHost.isNull(o)) return null;
          if (isSheet) return { Id: (o as DoubleWorksheet).resolve()?.id };
          if (isTable) return { Id: (o as DoubleTable).resolve()?.table.id };
          return kept ? { _ReferenceId: this.ref(o) } : {};
        };
      }
      case 2:
        return this.queueQuery(resolve(a.ObjectPathId), a.QueryInfo?.Select ?? []);
      case 3: {
        const target = resolve(a.ObjectPathId) as Record<string, unknown>;
        if (a.Name === "_RegisterDataChangedEvent") {
          this.checkSupported(target, "onChanged");
          return this.register(target as unknown as DoubleWorksheet);
        }
        if (a.Name === "_UnregisterDataChangedEvent") return this.unregister(target as unknown as DoubleWorksheet);
        // Excel.run's last round trip releases the references the client kept (AutoKeepReference).
        if (a.Name === "_RemoveReference") {
          const [id] = this.args(a.ArgumentInfo, resolve);
          this.refOf.delete(this.refs.get(String(id)));
          this.refs.delete(String(id));
          return () => null;
        }
        // _KeepReference…: the host keeps every object it handed out until it is released.
        if (a.Name.startsWith("_") && !(target instanceof DoubleRange && rangeExtras(target)[a.Name])) return () => null;
        const method = this.member(target, a.Name) as (...args: unknown[]) => unknown;
        const result = method.apply(target, this.args(a.ArgumentInfo, resolve));
        return () => (result instanceof ClientResult ? result.value : null);
      }
      case 4: {
        const target = resolve(a.ObjectPathId) as Record<string, unknown>;
        if (target === null || target === undefined) throw new DoubleError("InvalidObjectPath", `${a.Name} of a null object.`);
        this.checkSupported(target, a.Name);
        const [value] = this.args(a.ArgumentInfo, resolve);
        try {
          target[camel(a.Name)] = value;
        } catch (err) {
          throw new DoubleError("InvalidArgument", `${a.Name} cannot be set on ${target.constructor.name}: ${(err as Error).message}`);
        }
        return null;
      }
      case 5:
        // Trace: the client runs its callbacks (e.g. an event handler's registration) when it comes back.
        return () => null;
      default:
        throw new DoubleError("ApiNotFound", `The double does not implement actions of type ${a.ActionType}.`);
    }
  }

  private queueQuery(target: unknown, select: string[]): () => unknown {
    if (!(target instanceof ClientObject)) throw new DoubleError("ApiNotFound", `The double cannot load ${String((target as object)?.constructor?.name)}.`);
    for (const n of select) if (!n.includes("/") && n !== "*") this.checkSupported(target, n);
    if (target instanceof DoubleWorksheetCollection) {
      // Excel's worksheet items: load("items") (Select ["*"] or none) gives every scalar property.
      const names = select.length && !select.includes("*") ? select : ["id", "name", "position", "visibility"];
      return () => ({
        _Items: this.excel.sheets.map((sheet, position) => {
          const all: Record<string, unknown> = { id: sheet.id, name: sheet.name, position, visibility: sheet.visibility };
          const out: Record<string, unknown> = {};
          for (const n of names) {
            if (!(n in all)) throw new DoubleError("PropertyNotFound", `The double has no property "${n}" on Worksheet.`);
            out[pascal(n)] = all[n];
          }
          return out;
        }),
      });
    }
    if (target instanceof DoubleTableCollection) return this.queueTables(target, select);
    const isCollection = "items" in target && select.every((s) => s !== "items");
    if (isCollection) {
      const names = select.length && !select.includes("*") ? select : ["type", "id", "priority", "stopIfTrue"];
      target.load(names.map((n) => `items/${n}`).join(","));
      return () => {
        if (WireHost.isNull(target)) return null;
        const items = (target as unknown as { items: unknown[] }).items;
        return {
          _Items: items.map((item) => {
            const out: Record<string, unknown> = {};
            if (item instanceof ClientObject) out._ReferenceId = this.ref(item);
            for (const n of names) out[pascal(n)] = (item as Record<string, unknown>)[n];
            return out;
          }),
        };
      };
    }
    target.load(select.join(","));
    return () => {
      if (WireHost.isNull(target)) return null;
      const out: Record<string, unknown> = {};
      for (const n of select) out[pascal(n)] = (target as unknown as Record<string, unknown>)[n];
      return out;
    };
  }

  /**
   * A table collection's items (load("items/name,items/showHeaders"), or every
   * scalar property): each with its Id, by which the client addresses it
   * afterwards (tables.getItem(id)), and "worksheet/name" as Excel nests it.
   */
  private queueTables(target: DoubleTableCollection, select: string[]): () => unknown {
    const all = ["id", "name", "showHeaders", "showTotals", "style", "showFilterButton", "showBandedRows", "showBandedColumns"];
    const names = select.length && !select.includes("*") ? select : all;
    for (const n of names) if (!all.includes(n) && n !== "worksheet/name") throw new DoubleError("PropertyNotFound", `The double has no property "${n}" on Table.`);
    target.load("items");
    return () => (target.nullCollection ? null : {
      _Items: target.items.map((item) => {
        const out: Record<string, unknown> = { Id: item.resolve()?.table.id };
        const table = item.resolve()!.table;
        for (const n of names) {
          if (n === "worksheet/name") out.Worksheet = { Name: item.worksheetOf?.name };
          else out[pascal(n)] = (table as unknown as Record<string, unknown>)[n];
        }
        return out;
      }),
    });
  }

  private register(sheet: DoubleWorksheet): () => unknown {
    const result = sheet.onChanged.add((args) => {
      // Events of a sync wait for its response; a user's edit (no request under way) goes out on its own.
      if (this.inRequest) this.pendingEvents.push(args);
      else this.deliver([args]);
    });
    const registration: Registration = { worksheetId: "", remove: () => result.remove() };
    this.registrations.push(registration);
    return () => {
      registration.worksheetId = sheet.resolve()?.id ?? "";
      return null;
    };
  }

  private unregister(sheet: DoubleWorksheet): () => unknown {
    // The sheet must exist, as in Excel (a deleted sheet's handler cannot be removed: ItemNotFound).
    const target = sheet.resolve();
    if (!target) throw new DoubleError("ItemNotFound", "The worksheet does not exist.");
    const i = this.registrations.findIndex((r) => r.worksheetId === target.id);
    if (i >= 0) {
      this.registrations[i].remove();
      this.registrations.splice(i, 1);
    }
    return () => null;
  }
}

/** Methods that change the workbook (what a protected sheet or a read-only workbook refuses). */
const WRITE_METHODS = new Set(["Add", "Delete", "Clear", "ClearAll", "SetPosition", "Insert", "Merge", "Unmerge"]);

/** Whether a request changes the workbook: a property set, or a method (called or instantiated) that writes. */
function writesToWorkbook(request: WireRequest): boolean {
  if (request.Actions.some((a) => a.ActionType === 4 || (a.ActionType === 3 && WRITE_METHODS.has(a.Name)))) return true;
  return Object.values(request.ObjectPaths).some((p) => p.ObjectPathType === 3 && WRITE_METHODS.has(p.Name));
}

/**
 * Range members that Microsoft's client itself sends, beyond what the add-in
 * calls: it splits a values or numberFormat write of more than 1,500 cells into
 * chunks, each range.getRow(i).getBoundingRect(range.getRow(j)), after
 * _ValidateArraySize(rows, columns) on the whole range.
 */
function rangeExtras(range: DoubleRange): Record<string, (...args: unknown[]) => unknown> {
  const context = range.context;
  return {
    GetRow: (row) =>
      new DoubleRange(context, () => {
        const r = range.must();
        const top = r.top + Number(row);
        if (top > r.bottom) throw new DoubleError("InvalidArgument", `Row ${String(row)} is outside the range.`);
        return { ...r, top, bottom: top };
      }),
    GetBoundingRect: (other) =>
      new DoubleRange(context, () => {
        const a = range.must();
        const b = (other as DoubleRange).must();
        if (a.sheet !== b.sheet) throw new DoubleError("InvalidArgument", "The ranges are on different sheets.");
        return { sheet: a.sheet, top: Math.min(a.top, b.top), left: Math.min(a.left, b.left), bottom: Math.max(a.bottom, b.bottom), right: Math.max(a.right, b.right) };
      }),
    _ValidateArraySize: (rows, columns) => {
      context.enqueue(() => {
        const r = range.must();
        if (r.bottom - r.top + 1 !== Number(rows) || r.right - r.left + 1 !== Number(columns))
          throw new DoubleError("InvalidArgument", "The number of rows or columns in the input array doesn't match the size or dimensions of the range.");
      });
      return undefined;
    },
  };
}

/** What Office.context.requirements says: the ExcelApi version the simulated Excel has, and the other sets. */
export interface SimulatedRequirements {
  /** "1.20" (Microsoft 365 today) unless given. */
  excelApi?: string;
  /** Other sets and their highest version, e.g. { SharedRuntime: "1.1" }. */
  sets?: Record<string, string>;
  /** Only these sets (a profile: requirement-profiles.ts); otherwise SharedRuntime 1.1 and CustomFunctionsRuntime 1.5 are there too. */
  exact?: boolean;
}

const newer = (have: string, want: string) => {
  const [a, b] = [have.split(".").map(Number), want.split(".").map(Number)];
  for (let i = 0; i < Math.max(a.length, b.length); i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
};

/** An Office.context.requirements for the simulated Excel. */
export function requirementsOf(options: SimulatedRequirements = {}) {
  const defaults: Record<string, string> = options.exact ? {} : { SharedRuntime: "1.1", CustomFunctionsRuntime: "1.5" };
  const sets: Record<string, string> = { ExcelApi: options.excelApi ?? "1.20", ...defaults, ...(options.sets ?? {}) };
  return {
    isSetSupported(name: string, version?: string): boolean {
      const have = Object.entries(sets).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
      return have !== undefined && (version === undefined || newer(have, String(version)));
    },
  };
}

/**
 * Microsoft's Excel namespace for one workbook: the library's own Excel (its
 * enums, RequestContext…), with a run that sends this workbook's session in
 * RunOptions.session and counts the batches in ExcelDouble.runs. A run that
 * goes on with an existing context (Excel.run(context, batch)) keeps its session.
 */
export function microsoftNamespaceFor(excel: ExcelDouble, host: WireHost): typeof Excel {
  const client = officeClient();
  const session = client.wireSession((request) => host.execute(request));
  const isContext = (a: unknown) => a instanceof (client.Excel.RequestContext as unknown as new () => object);
  const run = (a: unknown, b?: unknown) => {
    excel.runs++;
    const real = client.Excel.run as unknown as (...args: unknown[]) => Promise<unknown>;
    if (typeof a === "function") return real({ session }, a);
    if (isContext(a) || Array.isArray(a) || (a as { context?: unknown })?.context) return real(a, b);
    return real({ ...(a as object), session }, b);
  };
  return Object.create(client.Excel, { run: { value: run, enumerable: true } }) as typeof Excel;
}

/**
 * Make Microsoft's Excel namespace (for this workbook) the global Excel, and
 * set Office.context.requirements; returns a function that undoes it.
 */
export function installMicrosoftClient(excel: ExcelDouble, namespace: typeof Excel, options: SimulatedRequirements = {}): () => void {
  const g = globalThis as { Excel?: unknown; Office?: unknown };
  const before = { Excel: g.Excel, Office: g.Office, triggerSource: excel.reportsTriggerSource };
  const requirements = requirementsOf(options);
  // triggerSource exists from ExcelApi 1.14 on.
  excel.reportsTriggerSource = requirements.isSetSupported("ExcelApi", "1.14");
  const host = excel.wire;
  const hostBefore = host.requirements;
  // An older Excel answers ApiNotFound for what it lacks; the latest has every member (no table to read).
  host.requirements = options.exact || (options.excelApi !== undefined && options.excelApi !== "1.20") ? requirements : null;
  g.Excel = namespace;
  g.Office = { ...((before.Office as object) ?? {}), context: { requirements } };
  return () => {
    g.Excel = before.Excel;
    g.Office = before.Office;
    excel.reportsTriggerSource = before.triggerSource;
    host.requirements = hostBefore;
  };
}
