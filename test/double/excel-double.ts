/**
 * The in-memory workbook behind the wire host (wire-host.ts), which answers
 * Microsoft's own Excel client (excel-web-16.00.js, office-client.ts): the
 * add-in's code never sees these classes, only Microsoft's proxies. They are
 * Excel's side of each request, as Excel behaves where it matters to us:
 *  - queued reads and writes run, in order, when the host runs the request;
 *  - null objects, merged areas, number formats, "@" text cells, events;
 *  - it is seeded from the model's grids, so from real .xlsx files.
 * The request's real bytes and Excel's payload limits are the wire host's;
 * ExcelDouble.syncs and .refused record them. It implements only the objects
 * and members the adapter uses.
 */
import type { CellValue, MergedArea, SheetGrid } from "../../src/model";
import { columnLetter, columnNumber, isErrorValue } from "../../src/model";
import { WireHost, installMicrosoftClient, microsoftNamespaceFor } from "./wire-host";
import type { SimulatedRequirements } from "./wire-host";

export type OfficeValue = string | number | boolean;

export const EXCEL_PAYLOAD_LIMIT = 5 * 1024 * 1024;
/** Range.getMergedAreasOrNullObject fails on a range with more merged areas than this (office-js docs). */
export const MERGED_AREAS_LIMIT = 512;
/** Excel's limit on the cells of one range read (Microsoft's "Resource limits" page). */
export const EXCEL_READ_CELL_LIMIT = 5_000_000;

export class DoubleError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "RichApi.Error";
  }
  /** The object whose answer failed, when known (for the error's location on the wire). */
  source?: unknown;
}

export interface DoubleConditionalFormat {
  id: string;
  type: string;
  range: MergedArea;
  rule: Record<string, unknown>;
  format: { fill?: string; fontColor?: string };
  stopIfTrue?: boolean;
  /** 0 is the highest priority, as in Excel. */
  priority?: number;
}

/** What getCellProperties may be asked for, and gives, in the double: the fill, the alignment and the wrap. */
export interface CellPropertyOptions {
  format?: { fill?: { color?: boolean }; horizontalAlignment?: boolean; verticalAlignment?: boolean; wrapText?: boolean };
}
export interface CellPropertyValue {
  format: { fill: { color: string }; horizontalAlignment?: string; verticalAlignment?: string; wrapText?: boolean };
}

export interface DoubleSheet {
  id: string;
  name: string;
  values: OfficeValue[][];
  fills: Map<string, string>;
  /**
   * Fills a cell shows that are not set on it directly ("r,c" → "#RRGGBB"): from a cell
   * style (Good, Bad, Neutral) or a conditional format. The double does not compute them
   * (TESTING.md); a test sets them. getCellProperties does not see them, getDisplayedCellProperties does.
   */
  shownFills: Map<string, string>;
  numberFormats: Map<string, string>;
  /** Cells holding a formula ("r,c" → "=DATE(2027,3,31)"); values holds its result. */
  formulas: Map<string, string>;
  merges: MergedArea[];
  conditionalFormats: DoubleConditionalFormat[];
  visibility: "Visible" | "Hidden" | "VeryHidden";
  columnWidths: Map<number, number>;
  bold: Set<string>;
  wrap: Set<string>;
  /** Each cell's own font colour, horizontal and vertical alignment ("r,c" → "#000000", "Left", "Top"), where set (a test sets a tracker's). */
  fontColors: Map<string, string>;
  horizontalAlignment: Map<string, string>;
  verticalAlignment: Map<string, string>;
  /** Data validation per cell ("r,c"): see "Data validation" at the end of this file. */
  validations: Map<string, DoubleValidation>;
  /** The sheet's Excel tables (ListObjects): see "Tables" at the end of this file. */
  tables: DoubleTableRecord[];
}

export interface SyncRecord {
  requestBytes: number;
  responseBytes: number;
  operations: number;
}

interface Rect {
  sheet: DoubleSheet;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const MAX_ROWS = 1048576;
const MAX_COLS = 16384;

const colNumber = columnNumber;
const colLetters = columnLetter;
function quoteSheet(name: string): string {
  return /^[A-Za-z0-9_]+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}
function rectAddress(r: Rect): string {
  const a = `${colLetters(r.left)}${r.top}`;
  const b = `${colLetters(r.right)}${r.bottom}`;
  return `${quoteSheet(r.sheet.name)}!${a === b ? a : `${a}:${b}`}`;
}

/** "A1", "A1:C3", "1:50", "C:C" on a sheet. */
function parseRangeAddress(sheet: DoubleSheet, address: string): Rect {
  const local = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
  const clean = local.replace(/\$/g, "").trim();
  let m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/i.exec(clean);
  if (m) {
    const top = Number(m[2]);
    const left = colNumber(m[1]);
    return { sheet, top, left, bottom: m[4] ? Number(m[4]) : top, right: m[3] ? colNumber(m[3]) : left };
  }
  m = /^(\d+):(\d+)$/.exec(clean);
  if (m) return { sheet, top: Number(m[1]), left: 1, bottom: Number(m[2]), right: MAX_COLS };
  m = /^([A-Z]+):([A-Z]+)$/i.exec(clean);
  if (m) return { sheet, top: 1, left: colNumber(m[1]), bottom: MAX_ROWS, right: colNumber(m[2]) };
  throw new DoubleError("InvalidArgument", `The address "${address}" is not valid.`);
}

/** Excel.RangeValueType of a value as the double stores it (a formula's is its result's; the double does not calculate). */
function valueType(v: OfficeValue): string {
  if (v === "") return "Empty";
  if (typeof v === "boolean") return "Boolean";
  if (typeof v === "number") return Number.isInteger(v) ? "Integer" : "Double";
  if (v.startsWith("FORMULA:")) return "Unknown";
  return ERROR_TEXTS.has(v) ? "Error" : "String";
}
const ERROR_TEXTS = new Set(["#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!", "#BUSY!", "#GETTING_DATA", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#UNKNOWN!"]);

function toOffice(v: CellValue): OfficeValue {
  if (v === null) return "";
  if (isErrorValue(v)) return v.error;
  if (v instanceof Date) return v.getTime() / 86400000 + 25569;
  return v;
}

const MONTH = "(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)";
const DAY_NAME = "((mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\\s+)?";
/**
 * Whether Excel (en-GB) reads a string entered into a General cell as
 * something other than that text — as it does when a user types it: numbers
 * ("1,000", "1e3", "(5)" negative, "£5", "5%", "1 1/2"), dates ("1/2",
 * "2021-05-01", "1 May", "May 2021", "Mar-22", "12-Jan-2022"), times ("9:30",
 * "9:30 am") and TRUE/FALSE.
 */
export function excelReadsAsValue(text: string): boolean {
  const t = text.trim().toLowerCase();
  if (t === "") return false;
  const number = "\\d{1,3}(,\\d{3})+(\\.\\d*)?|\\d+(\\.\\d*)?|\\.\\d+";
  const tests = [
    // Numbers, with a sign or in brackets, a currency before or a per cent after, an exponent.
    new RegExp(`^[-+]?[£$€]?\\s*(${number})(e[-+]?\\d+)?\\s*%?$`),
    new RegExp(`^\\(\\s*[£$€]?\\s*(${number})\\s*%?\\s*\\)$`),
    new RegExp(`^[-+]?[£$€]\\s*[-+]?(${number})$`),
    // Fractions with a whole part: "1 1/2".
    /^\d+\s+\d+\/\d+$/,
    // Dates by numbers: d/m, d/m/y, d-m-y, d.m.y, y-m-d.
    /^\d{1,2}[/\-.]\d{1,2}([/\-.]\d{2,4})?$/,
    /^\d{4}[/\-.]\d{1,2}[/\-.]\d{1,2}$/,
    // Dates with a month's name: "1 May", "1-May-21", "May 2021", "Mar-22", "May 1, 2021".
    new RegExp(`^${DAY_NAME}\\d{1,2}[\\s\\-/]+${MONTH}\\.?([\\s\\-/,]+\\d{2,4})?$`),
    new RegExp(`^${MONTH}\\.?[\\s\\-/]+\\d{1,4}(,?\\s+\\d{2,4})?$`),
    // Times, and a date followed by a time.
    /^(\d{1,2}[/\-.]\d{1,2}([/\-.]\d{2,4})?\s+)?\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(\s*[ap]\.?m\.?)?$/,
    /^\d{1,2}\s*[ap]\.?m\.?$/,
    /^(true|false)$/,
  ];
  return tests.some((re) => re.test(t));
}

/** One Excel.run batch. */
export class DoubleContext {
  readonly workbook: DoubleWorkbook;
  private queue: { op: () => unknown; bytes: () => number; response: boolean }[] = [];
  private created: ClientObject[] = [];

  constructor(readonly excel: ExcelDouble) {
    this.workbook = new DoubleWorkbook(this);
  }

  enqueue(op: () => unknown, options: { requestBytes?: () => number; response?: boolean } = {}) {
    this.queue.push({ op, bytes: options.requestBytes ?? (() => 0), response: options.response ?? false });
  }

  track(o: ClientObject) {
    this.created.push(o);
  }

  async sync(): Promise<void> {
    const delay = this.excel.roundTripDelay;
    const timer = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    // The request travels to Excel; Excel's side runs as a task of its own; the answer travels back.
    if (delay !== null) await timer(delay);
    const started = performance.now();
    try {
      this.syncNow();
    } finally {
      const ended = performance.now();
      this.excel.hostMs += ended - started;
      if (delay !== null) {
        this.excel.hostSpans.push([started, ended]);
        await timer(0);
      }
    }
  }

  private syncNow(): void {
    const ops = this.queue;
    const created = this.created;
    this.queue = [];
    this.created = [];
    let requestBytes = 0;
    let responseBytes = 0;
    // Every operation costs a little in the request, as in the real protocol.
    for (const o of ops) requestBytes += 40 + o.bytes();
    const limit = this.excel.payloadLimit;
    // A refused round trip is a round trip too: it is recorded in excel.refused, not in excel.syncs.
    const refuse = (err: DoubleError): never => {
      this.excel.refused.push({ requestBytes, responseBytes, operations: ops.length, code: err.code });
      throw err;
    };
    if (requestBytes > limit) refuse(new DoubleError("RequestPayloadSizeLimitExceeded", "The request payload size has exceeded the limit."));
    try {
      for (const o of created) {
        try {
          o._settleNullness();
        } catch (err) {
          if (err instanceof DoubleError) err.source ??= o;
          throw err;
        }
      }
      for (const o of ops) {
        const result = o.op();
        if (o.response && result !== undefined) responseBytes += JSON.stringify(result).length;
      }
    } catch (err) {
      if (err instanceof DoubleError) refuse(err);
      throw err;
    }
    if (responseBytes > limit) refuse(new DoubleError("ResponsePayloadSizeLimitExceeded", "The response payload size has exceeded the limit."));
    this.excel.syncs.push({ requestBytes, responseBytes, operations: ops.length });
    // Writes can raise events (handlers run after the batch, as in Excel).
    this.excel._flushEvents();
  }
}

/** Base of every proxy: properties must be loaded and synced before they are read. */
export abstract class ClientObject {
  private loaded = new Map<string, unknown>();
  private nullness: boolean | undefined;

  constructor(
    readonly context: DoubleContext,
    private readonly maybeNull = false,
  ) {
    context.track(this);
  }

  /** Compute this object's current properties at sync time (null: a null object). */
  protected abstract snapshot(): Record<string, unknown> | null;

  /** A "…OrNullObject" (or anything got from one) is null when what it names does not exist. */
  private current(): Record<string, unknown> | null {
    if (!this.maybeNull) return this.snapshot();
    try {
      return this.snapshot();
    } catch (err) {
      if (err instanceof DoubleError && (err.code === "ItemNotFound" || err.code === "InvalidOperation")) return null;
      throw err;
    }
  }

  _settleNullness() {
    this.nullness = this.maybeNull ? this.current() === null : false;
  }

  get isNullObject(): boolean {
    if (this.nullness === undefined) throw new DoubleError("PropertyNotLoaded", "isNullObject is not available until context.sync() has run.");
    return this.nullness;
  }

  load(props?: string | string[] | { select?: string }): this {
    const names = (typeof props === "string" ? props : Array.isArray(props) ? props.join(",") : (props?.select ?? ""))
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    if (names.length === 0) throw new DoubleError("InvalidArgument", "Empty load(): name the properties you need.");
    this.context.enqueue(
      () => {
        const snap = this.current();
        const out: Record<string, unknown> = {};
        for (const n of names) {
          const value = snap === null ? null : snap[n];
          if (snap !== null && !(n in snap)) throw new DoubleError("PropertyNotFound", `The double has no property "${n}" on ${this.constructor.name}.`);
          this.loaded.set(n, value);
          out[n] = value;
        }
        return out;
      },
      { response: true },
    );
    return this;
  }

  protected read<T>(name: string): T {
    if (!this.loaded.has(name))
      throw new DoubleError(
        "PropertyNotLoaded",
        `The property '${name}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
      );
    return this.loaded.get(name) as T;
  }
}

export class DoubleWorkbook {
  readonly worksheets: DoubleWorksheetCollection;
  constructor(readonly context: DoubleContext) {
    this.worksheets = new DoubleWorksheetCollection(context);
  }
  // ─── For the Panel Summary (src/excel/summary.ts): workbook-level defined names ───
  /** workbook.names: see "Panel Summary: names and charts" at the end of this file. */
  get names(): DoubleNamedItemCollection {
    return new DoubleNamedItemCollection(this.context);
  }
  /** workbook.settings (ExcelApi 1.4): the add-in's key-value settings saved in the file. */
  get settings(): DoubleSettingCollection {
    return new DoubleSettingCollection(this.context);
  }
  /** workbook.tables: every sheet's tables (see "Tables" at the end of this file). */
  get tables(): DoubleTableCollection {
    return new DoubleTableCollection(this.context, null);
  }
}

export class DoubleWorksheetCollection extends ClientObject {
  constructor(context: DoubleContext) {
    super(context);
  }
  protected snapshot() {
    const excel = this.context.excel;
    return { items: excel.sheets.map((s) => ({ name: s.name, visibility: s.visibility })) };
  }
  get items(): { name: string; visibility: string }[] {
    return this.read("items");
  }
  getActiveWorksheet(): DoubleWorksheet {
    return new DoubleWorksheet(this.context, () => this.context.excel.sheet(this.context.excel.activeSheet));
  }
  getItem(name: string): DoubleWorksheet {
    return new DoubleWorksheet(this.context, () => {
      const s = this.context.excel.sheet(name);
      if (!s) throw new DoubleError("ItemNotFound", `The requested resource doesn't exist: sheet "${name}".`);
      return s;
    });
  }
  getItemOrNullObject(name: string): DoubleWorksheet {
    return new DoubleWorksheet(this.context, () => this.context.excel.sheet(name), true);
  }
  add(name: string): DoubleWorksheet {
    this.context.enqueue(() => this.context.excel.addSheet(name), { requestBytes: () => name.length });
    return this.getItem(name);
  }
  // ─── For the Panel Summary (src/excel/summary.ts) ───
  /** load("items/name") as in Office.js: the double's items are plain {name, visibility}, so it loads "items". */
  override load(props?: string | string[] | { select?: string }): this {
    const names = (typeof props === "string" ? props : Array.isArray(props) ? props.join(",") : (props?.select ?? "")).split(",").map((n) => n.trim());
    return super.load([...new Set(names.map((n) => (n.startsWith("items/") ? "items" : n)))].join(","));
  }
}

export class DoubleWorksheet extends ClientObject {
  constructor(
    context: DoubleContext,
    readonly resolve: () => DoubleSheet | undefined,
    maybeNull = false,
  ) {
    super(context, maybeNull);
  }
  protected snapshot() {
    const s = this.resolve();
    return s ? { name: s.name, visibility: s.visibility, id: s.id } : null;
  }
  private must(): DoubleSheet {
    const s = this.resolve();
    if (!s) throw new DoubleError("ItemNotFound", "The worksheet does not exist.");
    return s;
  }
  get name(): string {
    return this.read("name");
  }
  get visibility(): string {
    return this.read("visibility");
  }
  set visibility(v: "Visible" | "Hidden" | "VeryHidden") {
    this.context.enqueue(() => {
      this.must().visibility = v;
    });
  }
  delete() {
    this.context.enqueue(() => this.context.excel.deleteSheet(this.must()));
  }
  activate() {
    this.context.enqueue(() => {
      this.context.excel.activeSheet = this.must().name;
    });
  }
  /** getRange("A1:C3"); getRange() is the whole sheet. */
  getRange(address?: string): DoubleRange {
    return new DoubleRange(this.context, () => {
      const sheet = this.must();
      return address ? parseRangeAddress(sheet, address) : { sheet, top: 1, left: 1, bottom: MAX_ROWS, right: MAX_COLS };
    });
  }
  getUsedRangeOrNullObject(valuesOnly = false): DoubleRange {
    return new DoubleRange(this.context, () => this.context.excel.usedRect(this.must(), valuesOnly), true);
  }
  get id(): string {
    return this.read("id");
  }
  /** worksheet.tables: this sheet's tables (see "Tables" at the end of this file). */
  get tables(): DoubleTableCollection {
    return new DoubleTableCollection(this.context, () => this.must());
  }
  /** Worksheet.onChanged: see "Worksheet change events" at the end of this file. */
  get onChanged(): DoubleWorksheetChangedEvent {
    return new DoubleWorksheetChangedEvent(this.context, this);
  }
  // ─── For the Panel Summary (src/excel/summary.ts): charts and page layout ───
  /** worksheet.charts: see "Panel Summary: names and charts" at the end of this file. */
  get charts(): DoubleChartCollection {
    return new DoubleChartCollection(this.context, () => this.must());
  }
  /** worksheet.pageLayout: only the orientation and the zoom are kept (ExcelDouble.pageOrientation, pageZoom). */
  get pageLayout(): { orientation: string; zoom: { scale?: number; horizontalFitToPages?: number; verticalFitToPages?: number } } {
    const context = this.context;
    const must = () => this.must();
    return {
      set orientation(v: string) {
        context.enqueue(() => context.excel.pageOrientation.set(must(), v));
      },
      get orientation(): string {
        throw new DoubleError("PropertyNotLoaded", "pageLayout.orientation: not supported by the double.");
      },
      set zoom(v: { scale?: number; horizontalFitToPages?: number; verticalFitToPages?: number }) {
        if (v.scale !== undefined && (!Number.isInteger(v.scale) || v.scale < 10 || v.scale > 400)) throw new DoubleError("InvalidArgument", "pageLayout.zoom.scale: Excel takes 10 to 400.");
        context.enqueue(() => context.excel.pageZoom.set(must(), { ...v }));
      },
      get zoom(): { scale?: number } {
        throw new DoubleError("PropertyNotLoaded", "pageLayout.zoom: not supported by the double.");
      },
    };
  }
}

export class DoubleRangeAreas extends ClientObject {
  constructor(
    context: DoubleContext,
    private readonly resolve: () => Rect[] | null,
  ) {
    super(context, true);
  }
  protected snapshot() {
    const areas = this.resolve();
    // Range.getMergedAreasOrNullObject "fails to return the result" over 512 merged areas: the whole request fails.
    if (areas && areas.length > MERGED_AREAS_LIMIT)
      throw new DoubleError("GeneralException", `The range has ${areas.length} merged areas; Excel returns at most ${MERGED_AREAS_LIMIT}.`);
    return areas && areas.length ? { address: areas.map(rectAddress).join(", "), areaCount: areas.length } : null;
  }
  get address(): string {
    return this.read("address");
  }
}

export class ClientResult<T> {
  private settled = false;
  private v: T | undefined;
  _set(v: T) {
    this.settled = true;
    this.v = v;
  }
  get value(): T {
    if (!this.settled) throw new DoubleError("PropertyNotLoaded", "ClientResult.value is not available until context.sync() has run.");
    return this.v as T;
  }
}

export class DoubleRange extends ClientObject {
  readonly format: { fill: { color: string }; font: { color: string; bold: boolean }; wrapText: boolean; columnWidth: number; horizontalAlignment: string; verticalAlignment: string };
  readonly conditionalFormats: DoubleConditionalFormats;
  /** Range.dataValidation (ExcelApi 1.8): see "Data validation" at the end of this file. */
  readonly dataValidation: DoubleDataValidation;

  constructor(
    context: DoubleContext,
    readonly resolve: () => Rect | null,
    maybeNull = false,
  ) {
    super(context, maybeNull);
    const must = () => this.must();
    const each = (fn: (s: DoubleSheet, key: string, r: number, c: number) => void, bytes = 8) => {
      context.enqueue(
        () => {
          const rect = must();
          for (let r = rect.top; r <= rect.bottom; r++) for (let c = rect.left; c <= rect.right; c++) fn(rect.sheet, `${r},${c}`, r, c);
        },
        { requestBytes: () => bytes },
      );
    };
    this.format = {
      fill: {
        set color(v: string) {
          each((s, k) => s.fills.set(k, v.toUpperCase()));
        },
        get color(): string {
          throw new DoubleError("PropertyNotLoaded", "format.fill.color: load it first (the double does not support this read).");
        },
      },
      font: {
        set color(v: string) {
          each((s, k) => s.fontColors.set(k, v.toUpperCase()));
        },
        get color(): string {
          throw new DoubleError("PropertyNotLoaded", "format.font.color: not supported by the double.");
        },
        set bold(v: boolean) {
          each((s, k) => (v ? s.bold.add(k) : s.bold.delete(k)));
        },
        get bold(): boolean {
          throw new DoubleError("PropertyNotLoaded", "format.font.bold: not supported by the double.");
        },
      },
      set wrapText(v: boolean) {
        each((s, k) => (v ? s.wrap.add(k) : s.wrap.delete(k)));
      },
      get wrapText(): boolean {
        throw new DoubleError("PropertyNotLoaded", "format.wrapText: not supported by the double.");
      },
      set horizontalAlignment(v: string) {
        each((s, k) => s.horizontalAlignment.set(k, v));
      },
      get horizontalAlignment(): string {
        throw new DoubleError("PropertyNotLoaded", "format.horizontalAlignment: read it with getCellProperties.");
      },
      set verticalAlignment(v: string) {
        each((s, k) => s.verticalAlignment.set(k, v));
      },
      get verticalAlignment(): string {
        throw new DoubleError("PropertyNotLoaded", "format.verticalAlignment: read it with getCellProperties.");
      },
      set columnWidth(v: number) {
        context.enqueue(() => {
          const rect = must();
          for (let c = rect.left; c <= rect.right; c++) rect.sheet.columnWidths.set(c, v);
        });
      },
      get columnWidth(): number {
        throw new DoubleError("PropertyNotLoaded", "format.columnWidth: not supported by the double.");
      },
    };
    this.conditionalFormats = new DoubleConditionalFormats(context, this);
    this.dataValidation = new DoubleDataValidation(context, () => {
      const r = this.resolve();
      return r ? [r] : null;
    });
  }

  /** Range.getSpecialCellsOrNullObject(type) (ExcelApi 1.9): "DataValidations" (the cells of this range that have a rule) or "Formulas" (those holding a formula). */
  getSpecialCellsOrNullObject(cellType: string): DoubleValidatedAreas {
    if (cellType === "Formulas") return new DoubleValidatedAreas(this.context, () => (this.resolve() ? formulaRuns(this.must()) : null));
    if (cellType !== "DataValidations") throw new DoubleError("InvalidArgument", `The double supports getSpecialCellsOrNullObject("DataValidations" or "Formulas") only, not "${cellType}".`);
    return new DoubleValidatedAreas(this.context, () => validatedRuns(this.must()));
  }

  must(): Rect {
    const r = this.resolve();
    if (!r) throw new DoubleError("InvalidOperation", "The range is a null object.");
    return r;
  }

  protected snapshot() {
    const rect = this.resolve();
    if (!rect) return null;
    // Over Excel's cell limit for a read (5,000,000), the cell grids come back null.
    const tooMany = (rect.bottom - rect.top + 1) * (rect.right - rect.left + 1) > this.context.excel.cellReadLimit;
    const grid = <T>(f: (r: number, c: number) => T): T[][] => {
      if (tooMany) return null as unknown as T[][];
      const out: T[][] = [];
      for (let r = rect.top; r <= rect.bottom; r++) {
        const row: T[] = [];
        for (let c = rect.left; c <= rect.right; c++) row.push(f(r, c));
        out.push(row);
      }
      return out;
    };
    return {
      get values() {
        return grid((r, c) => rect.sheet.values[r - 1]?.[c - 1] ?? "");
      },
      get numberFormat() {
        return grid((r, c) => rect.sheet.numberFormats.get(`${r},${c}`) ?? "General");
      },
      /** Range.formulas: a formula cell's formula, any other cell's value. */
      get formulas() {
        return grid((r, c) => {
          const v = rect.sheet.values[r - 1]?.[c - 1] ?? "";
          return rect.sheet.formulas.get(`${r},${c}`) ?? (typeof v === "string" && v.startsWith("FORMULA:") ? v.slice(8) : v);
        });
      },
      /** Range.valueTypes (Excel.RangeValueType) of each cell's value. */
      get valueTypes() {
        return grid((r, c) => valueType(rect.sheet.values[r - 1]?.[c - 1] ?? ""));
      },
      address: rectAddress(rect),
      rowIndex: rect.top - 1,
      columnIndex: rect.left - 1,
      rowCount: rect.bottom - rect.top + 1,
      columnCount: rect.right - rect.left + 1,
    };
  }

  get values(): OfficeValue[][] {
    return this.read("values");
  }
  set values(v: OfficeValue[][]) {
    this.context.enqueue(() => this.context.excel.writeValues(this.must(), v), { requestBytes: () => JSON.stringify(v).length });
  }
  get numberFormat(): string[][] {
    return this.read("numberFormat");
  }
  get formulas(): OfficeValue[][] {
    return this.read("formulas");
  }
  /** Range.formulas = …: like typing each into its cell ("=…" is a formula unless the cell is formatted "@"). */
  set formulas(v: OfficeValue[][]) {
    this.context.enqueue(() => this.context.excel.writeValues(this.must(), v), { requestBytes: () => JSON.stringify(v).length });
  }
  get valueTypes(): string[][] {
    return this.read("valueTypes");
  }
  set numberFormat(v: string[][]) {
    this.context.enqueue(
      () => {
        const rect = this.must();
        v.forEach((row, i) => row.forEach((f, j) => rect.sheet.numberFormats.set(`${rect.top + i},${rect.left + j}`, f)));
      },
      { requestBytes: () => JSON.stringify(v).length },
    );
  }
  get address(): string {
    return this.read("address");
  }
  get rowIndex(): number {
    return this.read("rowIndex");
  }
  get columnIndex(): number {
    return this.read("columnIndex");
  }
  get rowCount(): number {
    return this.read("rowCount");
  }
  get columnCount(): number {
    return this.read("columnCount");
  }

  getCell(row: number, column: number): DoubleRange {
    return new DoubleRange(this.context, () => {
      const r = this.must();
      return { sheet: r.sheet, top: r.top + row, left: r.left + column, bottom: r.top + row, right: r.left + column };
    });
  }
  getResizedRange(deltaRows: number, deltaColumns: number): DoubleRange {
    return new DoubleRange(this.context, () => {
      const r = this.must();
      const out = { ...r, bottom: r.bottom + deltaRows, right: r.right + deltaColumns };
      if (out.bottom < out.top || out.right < out.left) throw new DoubleError("InvalidArgument", "getResizedRange would make an empty range.");
      return out;
    });
  }
  getIntersectionOrNullObject(other: DoubleRange): DoubleRange {
    return new DoubleRange(
      this.context,
      () => {
        const a = this.resolve();
        const b = other.resolve();
        if (!a || !b || a.sheet !== b.sheet) return null;
        const top = Math.max(a.top, b.top);
        const bottom = Math.min(a.bottom, b.bottom);
        const left = Math.max(a.left, b.left);
        const right = Math.min(a.right, b.right);
        return top <= bottom && left <= right ? { sheet: a.sheet, top, bottom, left, right } : null;
      },
      true,
    );
  }
  /** Like Excel: the merged areas whose top-left cell lies in this range. */
  getMergedAreasOrNullObject(): DoubleRangeAreas {
    return new DoubleRangeAreas(this.context, () => {
      const r = this.resolve();
      if (!r) return null;
      return r.sheet.merges
        .filter((m) => m.top >= r.top && m.top <= r.bottom && m.left >= r.left && m.left <= r.right)
        .map((m) => ({ sheet: r.sheet, ...m }));
    });
  }
  getCellProperties(options: CellPropertyOptions): ClientResult<CellPropertyValue[][]> {
    return this.fillProperties(options, false);
  }
  /** ExcelApi 1.19: the fills as displayed, a style's or a conditional format's included. */
  getDisplayedCellProperties(options: { format?: { fill?: { color?: boolean } } }): ClientResult<{ format: { fill: { color: string } } }[][]> {
    return this.fillProperties(options, true);
  }
  private fillProperties(options: CellPropertyOptions, displayed: boolean): ClientResult<CellPropertyValue[][]> {
    const result = new ClientResult<CellPropertyValue[][]>();
    this.context.enqueue(
      () => {
        const rect = this.must();
        const value: CellPropertyValue[][] = [];
        for (let r = rect.top; r <= rect.bottom; r++) {
          const row = [];
          for (let c = rect.left; c <= rect.right; c++) {
            const at = `${r},${c}`;
            const colour = (displayed ? rect.sheet.shownFills.get(at) : undefined) ?? rect.sheet.fills.get(at) ?? "#FFFFFF";
            const f = options.format ?? {};
            // Excel's defaults where nothing is set: General across, Bottom down, no wrap.
            row.push({
              format: {
                fill: { color: f.fill?.color ? colour : "" },
                ...(f.horizontalAlignment ? { horizontalAlignment: rect.sheet.horizontalAlignment.get(at) ?? "General" } : {}),
                ...(f.verticalAlignment ? { verticalAlignment: rect.sheet.verticalAlignment.get(at) ?? "Bottom" } : {}),
                ...(f.wrapText ? { wrapText: rect.sheet.wrap.has(at) } : {}),
              },
            });
          }
          value.push(row);
        }
        result._set(value);
        return value;
      },
      { response: true },
    );
    return result;
  }
  clear() {
    this.context.enqueue(() => {
      const rect = this.must();
      for (let r = rect.top; r <= rect.bottom; r++)
        for (let c = rect.left; c <= rect.right; c++) {
          if (rect.sheet.values[r - 1]) rect.sheet.values[r - 1][c - 1] = "";
          rect.sheet.formulas.delete(`${r},${c}`);
        }
    });
  }
  // ─── For the task pane's "Go to cell" (src/excel/host.ts) ───
  /** Range.select(): makes the range's sheet active and selects the range (ExcelDouble.selection). */
  select() {
    this.context.enqueue(() => {
      const rect = this.must();
      this.context.excel.activeSheet = rect.sheet.name;
      this.context.excel.selection = rectAddress(rect);
    });
  }
}

/** Range.conditionalFormats: the rules that intersect the range (the whole sheet for getRange()). */
export class DoubleConditionalFormats extends ClientObject {
  private loadedItems: DoubleConditionalFormatItem[] | null = null;

  constructor(
    context: DoubleContext,
    private readonly range: DoubleRange,
  ) {
    super(context);
  }
  private rules(): DoubleConditionalFormat[] {
    const rect = this.range.must();
    return rect.sheet.conditionalFormats.filter((cf) => overlaps(cf.range, rect)).sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0));
  }
  protected snapshot() {
    return { count: this.rules().length };
  }
  /** load("items"), load("items/type,items/priority"), load("count"). */
  override load(props?: string | string[] | { select?: string }): this {
    const names = (typeof props === "string" ? props : Array.isArray(props) ? props.join(",") : (props?.select ?? "")).split(",").map((n) => n.trim());
    const itemProps = names.filter((n) => n === "items" || n.startsWith("items/")).map((n) => n.slice(6)).filter(Boolean);
    const rest = names.filter((n) => n && n !== "items" && !n.startsWith("items/"));
    if (rest.length) super.load(rest);
    if (names.some((n) => n === "items" || n.startsWith("items/"))) {
      this.context.enqueue(
        () => {
          const sheet = this.range.must().sheet;
          this.loadedItems = this.rules().map((cf) => new DoubleConditionalFormatItem(this.context, sheet, cf.id, true));
          const out = this.loadedItems.map((item) => item._fill(itemProps.length ? itemProps : ["type", "id", "priority", "stopIfTrue"]));
          return out;
        },
        { response: true },
      );
    }
    return this;
  }
  get items(): DoubleConditionalFormatItem[] {
    if (!this.loadedItems) throw new DoubleError("PropertyNotLoaded", "The property 'items' is not available. Load it and call context.sync() first.");
    return this.loadedItems;
  }
  get count(): number {
    return this.read("count");
  }
  /** Adds a rule at the top (priority 0); set its rule and format before the sync, as in Excel. */
  add(type: string): DoubleConditionalFormatItem {
    const sheetAndRect = () => this.range.must();
    const cf: DoubleConditionalFormat = { id: `{cf-${++this.context.excel.nextId}}`, type, range: { top: 0, left: 0, bottom: 0, right: 0 }, rule: {}, format: {}, priority: 0 };
    const item = new DoubleConditionalFormatItem(this.context, null, cf.id, false, cf);
    this.context.enqueue(
      () => {
        const rect = sheetAndRect();
        cf.range = { top: rect.top, left: rect.left, bottom: rect.bottom, right: rect.right };
        for (const other of rect.sheet.conditionalFormats) other.priority = (other.priority ?? 0) + 1;
        rect.sheet.conditionalFormats.push(cf);
        item._attach(rect.sheet);
      },
      { requestBytes: () => JSON.stringify({ type, rule: cf.rule, format: cf.format }).length },
    );
    return item;
  }
  clearAll() {
    this.context.enqueue(() => {
      const rect = this.range.must();
      rect.sheet.conditionalFormats = rect.sheet.conditionalFormats.filter((cf) => !overlaps(cf.range, rect));
    });
  }
}

/** One conditional format: Excel's ConditionalFormat, with the custom-rule members we use. */
export class DoubleConditionalFormatItem extends ClientObject {
  private values = new Map<string, unknown>();

  constructor(
    context: DoubleContext,
    private sheet: DoubleSheet | null,
    readonly cfId: string,
    private readonly fromLoad: boolean,
    private readonly pending?: DoubleConditionalFormat,
  ) {
    super(context);
  }
  _attach(sheet: DoubleSheet) {
    this.sheet = sheet;
  }
  private cf(): DoubleConditionalFormat {
    const cf = this.pending ?? this.sheet?.conditionalFormats.find((c) => c.id === this.cfId);
    if (!cf) throw new DoubleError("ItemNotFound", "The conditional format no longer exists.");
    return cf;
  }
  protected snapshot() {
    const cf = this.cf();
    return { type: cf.type, id: cf.id, priority: cf.priority ?? 0, stopIfTrue: cf.stopIfTrue ?? false };
  }
  _fill(props: string[]) {
    const snap = this.snapshot() as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const p of props) {
      if (!(p in snap)) throw new DoubleError("PropertyNotFound", `The double has no property "${p}" on ConditionalFormat.`);
      this.values.set(p, snap[p]);
      out[p] = snap[p];
    }
    return out;
  }
  private get<T>(name: string): T {
    if (!this.values.has(name)) return this.read<T>(name);
    return this.values.get(name) as T;
  }
  get type(): string {
    return this.get("type");
  }
  get id(): string {
    return this.get("id");
  }
  get priority(): number {
    return this.get("priority");
  }
  set priority(p: number) {
    this.context.enqueue(() => {
      const me = this.cf();
      const sheet = this.sheet!;
      const others = sheet.conditionalFormats.filter((c) => c !== me).sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0));
      others.splice(Math.min(p, others.length), 0, me);
      others.forEach((c, i) => (c.priority = i));
    });
  }
  set stopIfTrue(v: boolean) {
    this.context.enqueue(() => {
      this.cf().stopIfTrue = v;
    });
  }
  delete() {
    this.context.enqueue(() => {
      const me = this.cf();
      const sheet = this.sheet!;
      sheet.conditionalFormats = sheet.conditionalFormats.filter((c) => c !== me);
    });
  }
  /** For a rule just added: set its formula and colours (applied at the sync). */
  get custom() {
    const cf = () => this.cf();
    const ctx = this.context;
    return {
      rule: {
        set formula(f: string) {
          ctx.enqueue(() => {
            cf().rule.formula = f;
          });
        },
      },
      format: {
        fill: {
          set color(c: string) {
            ctx.enqueue(() => {
              cf().format.fill = c.toUpperCase();
            });
          },
        },
        font: {
          set color(c: string) {
            ctx.enqueue(() => {
              cf().format.fontColor = c.toUpperCase();
            });
          },
        },
      },
    };
  }
  /** customOrNullObject.rule.load("formula"): null when the rule is not a custom one. */
  get customOrNullObject() {
    if (!this.fromLoad) throw new DoubleError("InvalidOperation", "The double reads customOrNullObject only on loaded items.");
    const rule = new DoubleCustomRule(this.context, () => {
      const cf = this.cf();
      return cf.type === "Custom" ? cf : null;
    });
    return { rule };
  }
}

export class DoubleCustomRule extends ClientObject {
  constructor(
    context: DoubleContext,
    private readonly resolve: () => DoubleConditionalFormat | null,
  ) {
    super(context, true);
  }
  protected snapshot() {
    const cf = this.resolve();
    return cf ? { formula: String(cf.rule.formula ?? "") } : null;
  }
  get formula(): string {
    return this.read("formula");
  }
}

function overlaps(a: MergedArea, b: MergedArea): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

export interface ChangeEvent {
  worksheetId: string;
  address: string;
  changeType: string;
  /** "Remote" for an edit by a co-author (another user of a shared workbook). */
  source: "Local" | "Remote";
  /** Who made the change: "ThisLocalAddin" for writes through the API, "Unknown" for a user's edit. */
  triggerSource?: "ThisLocalAddin" | "Unknown";
}

/** The workbook and the Excel namespace the adapter sees. */
export class ExcelDouble {
  sheets: DoubleSheet[] = [];
  activeSheet = "";
  /** The address last selected with Range.select() ("Sheet!F12"), for the task pane's "Go to cell". */
  selection = "";
  readonly syncs: SyncRecord[] = [];
  /** Round trips that Excel refused (payload over the limit, an operation that failed), with the error's code. */
  readonly refused: (SyncRecord & { code: string })[] = [];
  /** Excel reads at most this many cells of one range ("A range is limited to 5,000,000 cells for read operations"): above it values, formulas, number formats and value types come back null. Tests may lower it. */
  cellReadLimit = EXCEL_READ_CELL_LIMIT;
  /** The payload limit of one request or response (Excel's is 5 MB); tests may lower it to see a block refused. */
  payloadLimit = EXCEL_PAYLOAD_LIMIT;
  /**
   * null: sync() settles at once (microtasks only). A number: each sync waits that
   * many milliseconds on a timer first, as a real round trip to Excel does, so the
   * add-in's code between two syncs runs as a task of its own (what a browser's
   * long-task timing sees), and the double's own work (Excel's side, which in
   * Excel is another process) runs in a task apart, timed in `hostMs`.
   */
  roundTripDelay: number | null = null;
  /** Milliseconds the double spent doing Excel's side of the syncs (not the add-in's time). */
  hostMs = 0;
  /** When each sync's Excel side ran (performance.now() start and end), to tell its time from the add-in's. */
  readonly hostSpans: [number, number][] = [];
  runs = 0;
  nextId = 0;
  private pendingEvents: ChangeEvent[] = [];
  readonly changeHandlers: ((e: ChangeEvent) => unknown)[] = [];
  /** Handlers added with worksheet.onChanged.add, each for one sheet (see the end of this file). */
  readonly sheetChangeHandlers: SheetChangeRegistration[] = [];
  /** Events carry triggerSource, as from ExcelApi 1.14; false: an older Excel, without it. */
  reportsTriggerSource = true;

  static fromGrids(grids: readonly SheetGrid[]): ExcelDouble {
    const x = new ExcelDouble();
    for (const g of grids) {
      const sheet = x.addSheet(g.name);
      g.values.forEach((row, i) =>
        row.forEach((v, j) => {
          const r = g.firstRow + i;
          const c = g.firstColumn + j;
          if (v !== null) x.cell(sheet, r, c, toOffice(v));
          const fill = g.fills?.[i]?.[j];
          if (fill) sheet.fills.set(`${r},${c}`, `#${fill}`);
          const format = g.numberFormats?.[i]?.[j];
          if (format) sheet.numberFormats.set(`${r},${c}`, format);
        }),
      );
      sheet.merges = g.merges.map((m) => ({ ...m }));
      for (const t of g.tables ?? []) sheet.tables.push(seededTable(x, t));
    }
    x.activeSheet = grids[0]?.name ?? "";
    return x;
  }

  /** A sheet by its name or, as worksheets.getItem accepts, its id. */
  sheet(name: string): DoubleSheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase() || s.id === name);
  }

  addSheet(name: string): DoubleSheet {
    if (this.sheet(name)) throw new DoubleError("ItemAlreadyExists", `A sheet called "${name}" already exists.`);
    const s: DoubleSheet = {
      id: `{sheet-${++this.nextId}}`,
      name,
      values: [],
      fills: new Map(),
      shownFills: new Map(),
      numberFormats: new Map(),
      formulas: new Map(),
      merges: [],
      conditionalFormats: [],
      visibility: "Visible",
      columnWidths: new Map(),
      bold: new Set(),
      wrap: new Set(),
      fontColors: new Map(),
      horizontalAlignment: new Map(),
      verticalAlignment: new Map(),
      validations: new Map(),
      tables: [],
    };
    this.sheets.push(s);
    if (!this.activeSheet) this.activeSheet = name;
    return s;
  }

  deleteSheet(s: DoubleSheet) {
    this.sheets = this.sheets.filter((x) => x !== s);
  }

  cell(sheet: DoubleSheet, row: number, column: number, value: OfficeValue) {
    while (sheet.values.length < row) sheet.values.push([]);
    const r = sheet.values[row - 1];
    while (r.length < column) r.push("");
    r[column - 1] = value;
    // A value entered over a formula replaces it.
    sheet.formulas.delete(`${row},${column}`);
  }

  /** Seed a formula cell: its formula, and the result Excel last calculated (values shows the result). */
  formulaCell(sheet: DoubleSheet, row: number, column: number, formula: string, result: OfficeValue) {
    this.cell(sheet, row, column, result);
    sheet.formulas.set(`${row},${column}`, formula);
  }

  writeValues(rect: Rect, values: OfficeValue[][]) {
    const rows = rect.bottom - rect.top + 1;
    const cols = rect.right - rect.left + 1;
    if (values.length !== rows || values.some((r) => r.length !== cols))
      throw new DoubleError("InvalidArgument", `The number of rows or columns in the input array doesn't match the size or dimensions of the range ${rectAddress(rect)}.`);
    values.forEach((row, i) => row.forEach((v, j) => this.cell(rect.sheet, rect.top + i, rect.left + j, this.enter(v, rect.sheet, rect.top + i, rect.left + j))));
    this.pendingEvents.push({ worksheetId: rect.sheet.id, address: rectAddress(rect).split("!")[1], changeType: "RangeEdited", source: "Local", triggerSource: "ThisLocalAddin" });
  }

  /**
   * What Excel does with a string written through Range.values into a cell
   * not formatted as text ("@"): it reads it as if typed. A leading "=" makes a
   * formula; so may "+", "-" and "@" (Lotus-style entry: "+A1", "@SUM(A1)"),
   * and "+44"/"-5" become numbers. The double stores any of these as
   * "FORMULA:…" so tests can tell. A string Excel would read as a number, a
   * currency, a percentage, a date, a time or a boolean (excelReadsAsValue) it
   * stores as "VALUE:…": it would no longer be that text. Into a text cell the
   * string stays as it is.
   */
  private enter(v: OfficeValue, sheet: DoubleSheet, r: number, c: number): OfficeValue {
    if (typeof v !== "string" || sheet.numberFormats.get(`${r},${c}`) === "@") return v;
    if (/^[=+\-@]/.test(v)) return `FORMULA:${v}`;
    if (excelReadsAsValue(v)) return `VALUE:${v}`;
    return v;
  }

  usedRect(sheet: DoubleSheet, valuesOnly: boolean): Rect | null {
    let top = Infinity;
    let left = Infinity;
    let bottom = 0;
    let right = 0;
    // Plain loops: the reader asks for the used range several times a read, on sheets of 100,000s of cells.
    const rows = sheet.values;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      let first = 0;
      while (first < row.length && row[first] === "") first++;
      if (first === row.length) continue;
      let last = row.length - 1;
      while (row[last] === "") last--;
      if (top === Infinity) top = i + 1;
      bottom = i + 1;
      if (first + 1 < left) left = first + 1;
      if (last + 1 > right) right = last + 1;
    }
    if (!valuesOnly) {
      for (const key of sheet.fills.keys()) {
        const [r, c] = key.split(",").map(Number);
        top = Math.min(top, r);
        bottom = Math.max(bottom, r);
        left = Math.min(left, c);
        right = Math.max(right, c);
      }
    }
    return bottom === 0 ? null : { sheet, top, left, bottom, right };
  }

  /** Type a value into a cell as a user would (raises a change event; "Remote": a co-author's edit, as Excel reports it). */
  userEdit(sheetName: string, address: string, value: OfficeValue, source: "Local" | "Remote" = "Local") {
    const sheet = this.sheet(sheetName)!;
    const rect = parseRangeAddress(sheet, address);
    this.cell(sheet, rect.top, rect.left, value);
    this.pendingEvents.push({ worksheetId: sheet.id, address, changeType: "RangeEdited", source, triggerSource: "Unknown" });
    this._flushEvents();
  }

  /**
   * A co-author (another user of the shared workbook) types a value into a
   * cell: Excel raises the change event with source "Remote" (and, from
   * ExcelApi 1.14, triggerSource "Unknown": it is not this add-in's).
   */
  coauthorEdit(sheetName: string, address: string, value: OfficeValue) {
    this.userEdit(sheetName, address, value, "Remote");
  }

  _flushEvents() {
    const events = this.pendingEvents;
    this.pendingEvents = [];
    for (const e of events) for (const h of this.changeHandlers) h(e);
    for (const e of events) dispatchSheetChange(this, e);
  }

  // ─── Microsoft's own client library (excel-web-16.00.js) on this workbook: see wire-host.ts ───
  private wireHost: WireHost | null = null;
  /** The host that answers Microsoft's client's requests over this workbook (one per workbook). */
  get wire(): WireHost {
    if (!this.wireHost) this.wireHost = new WireHost(this);
    return this.wireHost;
  }
  private microsoftExcel: typeof Excel | null = null;
  /** Microsoft's Excel namespace (loaded once per test file), its Excel.run answered by this workbook. */
  get microsoftNamespace(): typeof Excel {
    if (!this.microsoftExcel) this.microsoftExcel = microsoftNamespaceFor(this, this.wire);
    return this.microsoftExcel;
  }
  /** Make Microsoft's Excel (answered by this workbook) the global Excel, with Office.context.requirements; returns a function that undoes it. */
  installMicrosoftClient(requirements: SimulatedRequirements = {}): () => void {
    return installMicrosoftClient(this, this.microsoftNamespace, requirements);
  }
  /** Microsoft's Excel.run on this workbook (installed for the batch, then put back), as the tests' double.run. */
  async microsoftRun<T>(options: Excel.RunOptions | null, batch: (ctx: Excel.RequestContext) => Promise<T>, requirements: SimulatedRequirements = {}): Promise<T> {
    const undo = this.installMicrosoftClient(requirements);
    try {
      return options ? await this.microsoftNamespace.run(options, batch) : await this.microsoftNamespace.run(batch);
    } finally {
      undo();
    }
  }

  /** Sum of round trips since the counter was last reset. */
  resetCounters() {
    this.syncs.length = 0;
    this.refused.length = 0;
    this.runs = 0;
  }

  // ─── For the Panel Summary (src/excel/summary.ts): see the end of this file ───
  /** Workbook-level defined names, by upper-cased name. */
  readonly namedItems = new Map<string, DoubleNamedItemRecord>();
  /** The add-in's settings in the workbook (workbook.settings): key → value as stored (a JSON round trip, as Excel keeps them). */
  readonly settings = new Map<string, unknown>();
  /** Every chart added; a deleted sheet's charts go with it (chartsOn). */
  readonly charts: DoubleChartRecord[] = [];
  /** pageLayout.orientation, per sheet. */
  readonly pageOrientation = new Map<DoubleSheet, string>();
  /** pageLayout.zoom, per sheet. */
  readonly pageZoom = new Map<DoubleSheet, { scale?: number; horizontalFitToPages?: number; verticalFitToPages?: number }>();

  /** A defined name's formula as Excel shows it: "='Panel Summary'!$A$1", or "=#REF!$A$1" once its sheet is deleted. */
  nameFormula(name: string): string | undefined {
    const item = this.namedItems.get(name.toUpperCase());
    if (!item) return undefined;
    return `=${this.sheets.includes(item.sheet) ? quoteSheet(item.sheet.name) : "#REF"}!${item.address}`;
  }

  /** The charts on a sheet that still exists. */
  chartsOn(sheetName: string): DoubleChartRecord[] {
    const sheet = this.sheet(sheetName);
    return this.charts.filter((c) => c.sheet === sheet && this.sheets.includes(c.sheet));
  }
}

// ─── Worksheet change events: worksheet.onChanged ──────────────────────────────
// For the refresh path (src/excel/refresh.ts). Kept apart from the rest of the
// double: handlers are per worksheet, get that sheet's events only, and are
// added and removed at the sync of their batch, as in Excel.

/** What a handler added with worksheet.onChanged.add receives (Excel's WorksheetChangedEventArgs, in part). */
export interface SheetChangeArgs {
  type: "WorksheetChanged";
  worksheetId: string;
  address: string;
  changeType: string;
  /** "Remote" for an edit by a co-author (another user of a shared workbook). */
  source: "Local" | "Remote";
  triggerSource?: "ThisLocalAddin" | "Unknown";
}

export interface SheetChangeRegistration {
  worksheetId: string;
  handler: (args: SheetChangeArgs) => unknown;
}

function dispatchSheetChange(excel: ExcelDouble, e: ChangeEvent): void {
  const args: SheetChangeArgs = {
    type: "WorksheetChanged",
    worksheetId: e.worksheetId,
    address: e.address,
    changeType: e.changeType,
    source: e.source,
    ...(excel.reportsTriggerSource && e.triggerSource ? { triggerSource: e.triggerSource } : {}),
  };
  for (const r of [...excel.sheetChangeHandlers]) if (r.worksheetId === e.worksheetId) r.handler({ ...args });
}

/** What onChanged.add returns (OfficeExtension.EventHandlerResult): remove() takes effect at its context's next sync. */
export class DoubleEventHandlerResult {
  constructor(
    readonly context: DoubleContext,
    private readonly registration: SheetChangeRegistration,
  ) {}
  remove(): void {
    this.context.enqueue(() => {
      const list = this.context.excel.sheetChangeHandlers;
      const i = list.indexOf(this.registration);
      if (i < 0) throw new DoubleError("InvalidOperation", "The event handler was already removed.");
      list.splice(i, 1);
    });
  }
}

export class DoubleWorksheetChangedEvent {
  constructor(
    private readonly context: DoubleContext,
    private readonly worksheet: DoubleWorksheet,
  ) {}
  add(handler: (args: SheetChangeArgs) => unknown): DoubleEventHandlerResult {
    const registration: SheetChangeRegistration = { worksheetId: "", handler };
    this.context.enqueue(() => {
      const sheet = this.worksheet.resolve();
      if (!sheet) throw new DoubleError("ItemNotFound", "The worksheet does not exist.");
      registration.worksheetId = sheet.id;
      this.context.excel.sheetChangeHandlers.push(registration);
    });
    return new DoubleEventHandlerResult(this.context, registration);
  }
}

// ─── Panel Summary: names and charts ─────────────────────────────────────────
// For src/excel/summary.ts: workbook.names (getItemOrNullObject, add, delete,
// formula) and worksheet.charts.add, which records the request.

export interface DoubleNamedItemRecord {
  name: string;
  sheet: DoubleSheet;
  /** "$A$1" or "$A$1:$B$2". */
  address: string;
  comment: string;
}

export class DoubleNamedItem extends ClientObject {
  constructor(
    context: DoubleContext,
    private readonly key: string,
  ) {
    super(context, true);
  }
  protected snapshot() {
    const item = this.context.excel.namedItems.get(this.key.toUpperCase());
    return item ? { name: item.name, formula: this.context.excel.nameFormula(this.key), type: "Range", comment: item.comment, visible: true } : null;
  }
  get name(): string {
    return this.read("name");
  }
  get formula(): string {
    return this.read("formula");
  }
  delete() {
    this.context.enqueue(() => {
      if (!this.context.excel.namedItems.delete(this.key.toUpperCase())) throw new DoubleError("ItemNotFound", `There is no name "${this.key}".`);
    });
  }
}

export class DoubleNamedItemCollection {
  constructor(private readonly context: DoubleContext) {}
  getItemOrNullObject(name: string): DoubleNamedItem {
    return new DoubleNamedItem(this.context, name);
  }
  /** add(name, range, comment): a name that exists already is an error, as in Excel. */
  add(name: string, reference: DoubleRange, comment = ""): DoubleNamedItem {
    this.context.enqueue(
      () => {
        const excel = this.context.excel;
        if (excel.namedItems.has(name.toUpperCase())) throw new DoubleError("ItemAlreadyExists", `The name "${name}" already exists.`);
        const rect = reference.must();
        const a = `$${colLetters(rect.left)}$${rect.top}`;
        const b = `$${colLetters(rect.right)}$${rect.bottom}`;
        excel.namedItems.set(name.toUpperCase(), { name, sheet: rect.sheet, address: a === b ? a : `${a}:${b}`, comment });
      },
      { requestBytes: () => name.length + comment.length },
    );
    return new DoubleNamedItem(this.context, name);
  }
}

export interface DoubleChartRecord {
  sheet: DoubleSheet;
  type: string;
  /** Address of the source data, "'Panel Summary'!A22:E27". */
  source: string;
  seriesBy: string;
  title: string;
  name: string;
  position: { from: string; to: string } | null;
  /** The series Excel makes of the source, by columns: each column after the first, named by its top cell; with what was set on each. */
  series: DoubleChartSeriesRecord[];
  legend: { visible: boolean; position: string | null };
  valueAxisTitle: string | null;
  /** axes.categoryAxis.reversePlotOrder. */
  categoriesReversed: boolean;
  /** axes.categoryAxis.position: where the value axis crosses it (null: Excel's own). */
  valueAxisCrosses: string | null;
}

/** What was set on one series (null: left as Excel draws it). */
export interface DoubleChartSeriesRecord {
  name: string;
  fill: string | null;
  lineColor: string | null;
  lineStyle: string | null;
  markerStyle: string | null;
  markerBackgroundColor: string | null;
  markerForegroundColor: string | null;
  hasDataLabels: boolean;
  labels: { showValue: boolean; numberFormat: string | null; color: string | null; bold: boolean };
  /** Each point's fill, where set (one point per category). */
  pointFills: (string | null)[];
}

export class DoubleChartCollection {
  constructor(
    private readonly context: DoubleContext,
    private readonly sheet: () => DoubleSheet,
  ) {}
  /** Records the request and makes the series Excel would (by columns); the chart is not drawn. */
  add(type: string, source: DoubleRange, seriesBy = "Auto"): DoubleChart {
    const record: DoubleChartRecord = {
      sheet: undefined as unknown as DoubleSheet,
      type,
      source: "",
      seriesBy,
      title: "",
      name: "",
      position: null,
      series: [],
      legend: { visible: true, position: null },
      valueAxisTitle: null,
      categoriesReversed: false,
      valueAxisCrosses: null,
    };
    this.context.enqueue(() => {
      if (seriesBy !== "Columns" && seriesBy !== "Auto") throw new DoubleError("ApiNotFound", `The double charts a range by its columns only, not "${seriesBy}".`);
      const rect = source.must();
      record.sheet = this.sheet();
      record.source = rectAddress(rect);
      const points = rect.bottom - rect.top;
      for (let col = rect.left + 1; col <= rect.right; col++)
        record.series.push({
          name: String(rect.sheet.values[rect.top - 1]?.[col - 1] ?? ""),
          fill: null,
          lineColor: null,
          lineStyle: null,
          markerStyle: null,
          markerBackgroundColor: null,
          markerForegroundColor: null,
          hasDataLabels: false,
          labels: { showValue: false, numberFormat: null, color: null, bold: false },
          pointFills: new Array<string | null>(points).fill(null),
        });
      this.context.excel.charts.push(record);
    });
    return new DoubleChart(this.context, record);
  }
}

/** An object whose properties, when set, are recorded at the sync (set: where on the record, or an error). */
function setters<T extends object>(context: DoubleContext, names: readonly string[], set: (name: string, value: unknown) => void): T {
  const o = {};
  for (const n of names)
    Object.defineProperty(o, n, {
      set: (v: unknown) => context.enqueue(() => set(n, v)),
      get: () => {
        throw new DoubleError("PropertyNotLoaded", `${n}: not supported by the double.`);
      },
      enumerable: true,
    });
  return o as T;
}

export class DoubleChart {
  readonly title: { text: string };
  readonly legend: { visible: boolean; position: string };
  readonly axes: { valueAxis: { title: { text: string } }; categoryAxis: { reversePlotOrder: boolean; position: string } };
  readonly series: { getItemAt(index: number): DoubleChartSeries };
  constructor(
    private readonly context: DoubleContext,
    private readonly record: DoubleChartRecord,
  ) {
    this.title = setters(context, ["text"], (_, v) => (record.title = String(v)));
    this.legend = setters(context, ["visible", "position"], (n, v) => {
      if (n === "visible") record.legend.visible = Boolean(v);
      else record.legend.position = String(v);
    });
    this.axes = {
      valueAxis: { title: setters(context, ["text"], (_, v) => (record.valueAxisTitle = String(v))) },
      categoryAxis: setters(context, ["reversePlotOrder", "position"], (n, v) => {
        if (n === "position") record.valueAxisCrosses = String(v);
        else record.categoriesReversed = Boolean(v);
      }),
    };
    this.series = { getItemAt: (index: number) => new DoubleChartSeries(context, record, index) };
  }
  set name(v: string) {
    this.context.enqueue(() => (this.record.name = v));
  }
  setPosition(from: string, to: string) {
    this.context.enqueue(() => (this.record.position = { from, to }));
  }
}

/** chart.series.getItemAt(i): its format (fill, line), markers, data labels and points, as Excel's ChartSeries. */
export class DoubleChartSeries {
  readonly format: { fill: { setSolidColor(color: string): void }; line: { color: string; lineStyle: string } };
  readonly dataLabels: { showValue: boolean; numberFormat: string; format: { font: { color: string; bold: boolean } } };
  readonly points: { getItemAt(index: number): { format: { fill: { setSolidColor(color: string): void } } } };
  constructor(
    private readonly context: DoubleContext,
    record: DoubleChartRecord,
    private readonly index: number,
  ) {
    // Excel answers an index past the series it made with an error, at the sync.
    const item = () => {
      const s = record.series[index];
      if (!s) throw new DoubleError("InvalidArgument", `The chart has ${record.series.length} series: there is no series ${index}.`);
      return s;
    };
    this.item = item;
    this.format = {
      fill: { setSolidColor: (color: string) => context.enqueue(() => (item().fill = color)) },
      line: setters(context, ["color", "lineStyle"], (n, v) => {
        if (n === "color") item().lineColor = String(v);
        else item().lineStyle = String(v);
      }),
    };
    const labels = setters<{ showValue: boolean; numberFormat: string }>(context, ["showValue", "numberFormat"], (n, v) => {
      if (n === "showValue") item().labels.showValue = Boolean(v);
      else item().labels.numberFormat = String(v);
    });
    const font = setters<{ color: string; bold: boolean }>(context, ["color", "bold"], (n, v) => {
      if (n === "color") item().labels.color = String(v);
      else item().labels.bold = Boolean(v);
    });
    this.dataLabels = Object.assign(labels, { format: { font } });
    this.points = {
      getItemAt: (p: number) => ({
        format: {
          fill: {
            setSolidColor: (color: string) =>
              context.enqueue(() => {
                const fills = item().pointFills;
                if (p < 0 || p >= fills.length) throw new DoubleError("InvalidArgument", `The series has ${fills.length} points: there is no point ${p}.`);
                fills[p] = color;
              }),
          },
        },
      }),
    };
  }
  private readonly item: () => DoubleChartSeriesRecord;
  set hasDataLabels(v: boolean) {
    this.context.enqueue(() => (this.item().hasDataLabels = v));
  }
  set markerStyle(v: string) {
    this.context.enqueue(() => (this.item().markerStyle = v));
  }
  set markerBackgroundColor(v: string) {
    this.context.enqueue(() => (this.item().markerBackgroundColor = v));
  }
  set markerForegroundColor(v: string) {
    this.context.enqueue(() => (this.item().markerForegroundColor = v));
  }
}

// ─── Settings (workbook.settings): per file and per add-in ───

export class DoubleSettingCollection {
  constructor(private readonly context: DoubleContext) {}
  getItemOrNullObject(key: string): DoubleSetting {
    return new DoubleSetting(this.context, key);
  }
  /** add(key, value): sets or replaces; the value must survive JSON, as Excel serialises it. */
  add(key: string, value: unknown): DoubleSetting {
    const json = JSON.stringify(value);
    this.context.enqueue(
      () => {
        if (json === undefined) throw new DoubleError("InvalidArgument", `The value of setting "${key}" cannot be serialised.`);
        this.context.excel.settings.set(key, JSON.parse(json));
      },
      { requestBytes: () => key.length + (json?.length ?? 0) },
    );
    return new DoubleSetting(this.context, key);
  }
}

export class DoubleSetting extends ClientObject {
  constructor(
    context: DoubleContext,
    readonly key: string,
  ) {
    super(context, true);
  }
  protected snapshot() {
    const settings = this.context.excel.settings;
    if (!settings.has(this.key)) throw new DoubleError("ItemNotFound", `There is no setting "${this.key}".`);
    return { key: this.key, value: settings.get(this.key) };
  }
  get value(): unknown {
    return this.read("value");
  }
}

// ─── Data validation: Range.dataValidation, RangeAreas.dataValidation ─────────
// For src/excel/validation.ts. A rule is kept per cell, as Excel shows it per
// cell. Reading a range's validation follows the docs of DataValidationType:
// "None" when no cell has a rule; the rule's type when every cell has the same
// rule; "MixedCriteria" when some cells have one and others none;
// "Inconsistent" when cells have different rules. What Excel returns for the
// rule, prompt and errorAlert of a mixed or inconsistent range is not
// documented: the double returns null for them, so code must not rely on them.
// Stricter than Excel is known to be, on purpose: setting a rule over cells
// that already have a different rule fails (clear() first, as Microsoft's
// samples do), and setting the prompt, errorAlert or ignoreBlanks of a cell
// with no rule fails (set the rule first).

export interface DoubleValidation {
  rule: Record<string, unknown>;
  prompt: { message: string; showPrompt: boolean; title: string };
  errorAlert: { message: string; showAlert: boolean; style: string; title: string };
  ignoreBlanks: boolean;
}

const RULE_TYPES: Record<string, string> = {
  list: "List",
  custom: "Custom",
  wholeNumber: "WholeNumber",
  decimal: "Decimal",
  date: "Date",
  time: "Time",
  textLength: "TextLength",
};

/** The cells of a rectangle that hold a rule, as "r,c" keys (walks the rules, not a whole-sheet range's cells). */
function validatedKeys(rect: Rect): string[] {
  const out: string[] = [];
  for (const key of rect.sheet.validations.keys()) {
    const [r, c] = key.split(",").map(Number);
    if (r >= rect.top && r <= rect.bottom && c >= rect.left && c <= rect.right) out.push(key);
  }
  return out;
}

/** The validated cells of a range as runs down each column (what Excel returns as areas for one column). */
/** The cells of a range that hold a formula, as runs down each column (as Excel's RangeAreas lists them, one area per run). */
function formulaRuns(rect: Rect): Rect[] | null {
  const keys = [...rect.sheet.formulas.keys()].filter((key) => {
    const [r, c] = key.split(",").map(Number);
    return r >= rect.top && r <= rect.bottom && c >= rect.left && c <= rect.right;
  });
  return runsOf(rect, keys);
}

function validatedRuns(rect: Rect): Rect[] | null {
  return runsOf(rect, validatedKeys(rect));
}

function runsOf(rect: Rect, keys: Iterable<string>): Rect[] | null {
  const byColumn = new Map<number, number[]>();
  for (const key of keys) {
    const [r, c] = key.split(",").map(Number);
    const rows = byColumn.get(c);
    if (rows) rows.push(r);
    else byColumn.set(c, [r]);
  }
  const runs: Rect[] = [];
  for (const [c, rows] of [...byColumn.entries()].sort((a, b) => a[0] - b[0])) {
    rows.sort((a, b) => a - b);
    for (let i = 0; i < rows.length; ) {
      let j = i;
      while (j + 1 < rows.length && rows[j + 1] === rows[j] + 1) j++;
      runs.push({ sheet: rect.sheet, top: rows[i], bottom: rows[j], left: c, right: c });
      i = j + 1;
    }
  }
  return runs.length ? runs : null;
}

function area(r: Rect): number {
  return (r.bottom - r.top + 1) * (r.right - r.left + 1);
}

export class DoubleDataValidation extends ClientObject {
  constructor(
    context: DoubleContext,
    private readonly rects: () => Rect[] | null,
  ) {
    super(context);
  }
  private must(): Rect[] {
    const r = this.rects();
    if (!r) throw new DoubleError("InvalidOperation", "The range is a null object.");
    return r;
  }
  protected snapshot() {
    const rects = this.must();
    const keys = rects.map((r) => ({ r, keys: validatedKeys(r) }));
    const count = keys.reduce((n, k) => n + k.keys.length, 0);
    const total = rects.reduce((n, r) => n + area(r), 0);
    const none = { type: "None", rule: null, prompt: { message: "", showPrompt: false, title: "" }, errorAlert: { message: "", showAlert: true, style: "Stop", title: "" }, ignoreBlanks: true, valid: true };
    if (count === 0) return none;
    const mixed = { type: "MixedCriteria", rule: null, prompt: null, errorAlert: null, ignoreBlanks: null, valid: null };
    if (count < total) return mixed;
    const records = keys.flatMap((k) => k.keys.map((key) => k.r.sheet.validations.get(key)!));
    const first = JSON.stringify(records[0]);
    if (records.some((v) => JSON.stringify(v) !== first)) return { ...mixed, type: "Inconsistent" };
    const v = records[0];
    const kind = Object.keys(v.rule)[0];
    return { type: RULE_TYPES[kind] ?? "Custom", rule: JSON.parse(JSON.stringify(v.rule)), prompt: { ...v.prompt }, errorAlert: { ...v.errorAlert }, ignoreBlanks: v.ignoreBlanks, valid: null };
  }
  get type(): string {
    return this.read("type");
  }
  get prompt(): DoubleValidation["prompt"] {
    return this.read("prompt");
  }
  get errorAlert(): DoubleValidation["errorAlert"] {
    return this.read("errorAlert");
  }
  get ignoreBlanks(): boolean {
    return this.read("ignoreBlanks");
  }
  get rule(): Record<string, unknown> {
    return this.read("rule");
  }
  private each(fn: (sheet: DoubleSheet, key: string) => void, value: unknown) {
    this.context.enqueue(
      () => {
        for (const rect of this.must()) for (let r = rect.top; r <= rect.bottom; r++) for (let c = rect.left; c <= rect.right; c++) fn(rect.sheet, `${r},${c}`);
      },
      { requestBytes: () => JSON.stringify(value).length },
    );
  }
  set rule(rule: Record<string, unknown>) {
    const kinds = Object.keys(rule);
    if (kinds.length !== 1 || !(kinds[0] in RULE_TYPES)) throw new DoubleError("InvalidArgument", "A DataValidationRule sets exactly one of list, custom, wholeNumber, decimal, date, time, textLength.");
    const list = rule.list as { source?: unknown } | undefined;
    if (list && typeof list.source === "string" && list.source.length > 255)
      throw new DoubleError("InvalidArgument", "A list's source typed as text is at most 255 characters in Excel.");
    const json = JSON.stringify(rule);
    this.each((sheet, key) => {
      const had = sheet.validations.get(key);
      if (had && JSON.stringify(had.rule) !== json) throw new DoubleError("InvalidOperation", "The double refuses to set a rule over a different one: clear() first.");
      sheet.validations.set(key, {
        rule: JSON.parse(json),
        prompt: had?.prompt ?? { message: "", showPrompt: true, title: "" },
        errorAlert: had?.errorAlert ?? { message: "", showAlert: true, style: "Stop", title: "" },
        ignoreBlanks: had?.ignoreBlanks ?? true,
      });
    }, rule);
  }
  private setPart<K extends "prompt" | "errorAlert" | "ignoreBlanks">(part: K, value: DoubleValidation[K]) {
    this.each((sheet, key) => {
      const had = sheet.validations.get(key);
      if (!had) throw new DoubleError("InvalidOperation", `The double refuses to set ${part} on a cell with no rule: set the rule first.`);
      had[part] = (typeof value === "object" ? { ...(had[part] as object), ...(value as object) } : value) as DoubleValidation[K];
    }, value);
  }
  set prompt(v: DoubleValidation["prompt"]) {
    this.setPart("prompt", v);
  }
  set errorAlert(v: DoubleValidation["errorAlert"]) {
    this.setPart("errorAlert", v);
  }
  set ignoreBlanks(v: boolean) {
    this.setPart("ignoreBlanks", v);
  }
  /** Clears the data validation from the range. */
  clear() {
    this.context.enqueue(() => {
      for (const rect of this.must()) for (const key of validatedKeys(rect)) rect.sheet.validations.delete(key);
    });
  }
}

/** What getSpecialCellsOrNullObject("DataValidations") returns: a RangeAreas (address, areaCount, dataValidation), or a null object. */
export class DoubleValidatedAreas extends ClientObject {
  readonly dataValidation: DoubleDataValidation;
  constructor(
    context: DoubleContext,
    private readonly resolve: () => Rect[] | null,
  ) {
    super(context, true);
    this.dataValidation = new DoubleDataValidation(context, () => this.resolve());
  }
  protected snapshot() {
    const areas = this.resolve();
    return areas ? { address: areas.map(rectAddress).join(", "), areaCount: areas.length } : null;
  }
  get address(): string {
    return this.read("address");
  }
  get areaCount(): number {
    return this.read("areaCount");
  }
}

/** A rule as a user would add it through Data > Data Validation (for tests). */
export function userValidation(sheet: DoubleSheet, address: string, v: Partial<DoubleValidation> & { rule: Record<string, unknown> }) {
  const rect = parseRangeAddress(sheet, address);
  for (let r = rect.top; r <= rect.bottom; r++)
    for (let c = rect.left; c <= rect.right; c++)
      sheet.validations.set(`${r},${c}`, {
        rule: v.rule,
        prompt: v.prompt ?? { message: "", showPrompt: false, title: "" },
        errorAlert: v.errorAlert ?? { message: "", showAlert: true, style: "Stop", title: "" },
        ignoreBlanks: v.ignoreBlanks ?? true,
      });
}

// ─── Tables: workbook.tables, worksheet.tables (Excel tables, ListObjects) ─────
// For the reader (src/excel/read.ts: a tracker that is a table), the check that
// a read is unchanged (src/excel/unchanged.ts) and the Panel Summary's own
// tables (src/excel/summary.ts). Seeded from the grids' tables (an .xlsx file's
// tables, as ExcelJS read them). As in Excel: a table's name is unique in the
// workbook (tables and defined names, without case) and follows Excel's rules
// for names; tables do not overlap each other or merged cells; a table made
// with a header row takes its first row's texts as its columns' names (a blank
// one becomes "Column1", a repeated one gets a number), and writes them there.
// A deleted sheet's tables go with it.

export interface DoubleTableRecord {
  id: string;
  name: string;
  /** The whole table, header and totals rows included (1-based, inclusive). */
  top: number;
  left: number;
  bottom: number;
  right: number;
  showHeaders: boolean;
  showTotals: boolean;
  style: string;
  showFilterButton: boolean;
  showBandedRows: boolean;
  showBandedColumns: boolean;
}

function seededTable(x: ExcelDouble, t: MergedArea & { name: string; headerRow: boolean; totalsRow?: boolean }): DoubleTableRecord {
  return {
    id: `{table-${++x.nextId}}`,
    name: t.name,
    top: t.top,
    left: t.left,
    bottom: t.bottom,
    right: t.right,
    showHeaders: t.headerRow,
    showTotals: t.totalsRow === true,
    style: "TableStyleMedium2",
    showFilterButton: t.headerRow,
    showBandedRows: true,
    showBandedColumns: false,
  };
}

/** Every table of the workbook, with its sheet, in sheet order. */
export function allTables(excel: ExcelDouble): { sheet: DoubleSheet; table: DoubleTableRecord }[] {
  return excel.sheets.flatMap((sheet) => sheet.tables.map((table) => ({ sheet, table })));
}

/** Excel's rules for a table's name: a letter, "_" or "\" first, then letters, digits, "_", "." or "\"; not a cell's address; at most 255 characters. */
function checkTableName(excel: ExcelDouble, name: string, self: DoubleTableRecord | null) {
  const cellLike = /^[A-Za-z]{1,3}\d+$/.test(name) || /^[Rr]\d*[Cc]\d*$/.test(name) || /^[RrCc]$/.test(name);
  if (!/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name) || name.length > 255 || cellLike) throw new DoubleError("InvalidArgument", `"${name}" is not a valid table name.`);
  const upper = name.toUpperCase();
  if (allTables(excel).some(({ table }) => table !== self && table.name.toUpperCase() === upper) || excel.namedItems.has(upper))
    throw new DoubleError("InvalidArgument", `A table or a name called "${name}" already exists.`);
}

export class DoubleTableCollection extends ClientObject {
  private loadedItems: DoubleTable[] | null = null;
  /** Loaded on a worksheet that does not exist. */
  nullCollection = false;

  constructor(
    context: DoubleContext,
    /** The sheet whose tables these are; null: the workbook's. */
    private readonly sheet: (() => DoubleSheet) | null,
  ) {
    super(context);
  }
  records(): { sheet: DoubleSheet; table: DoubleTableRecord }[] {
    if (!this.sheet) return allTables(this.context.excel);
    const sheet = this.sheet();
    return sheet.tables.map((table) => ({ sheet, table }));
  }
  protected snapshot() {
    return { count: this.records().length };
  }
  /** load("items/name,items/showHeaders"), load("count"). */
  override load(props?: string | string[] | { select?: string }): this {
    const names = (typeof props === "string" ? props : Array.isArray(props) ? props.join(",") : (props?.select ?? "")).split(",").map((n) => n.trim());
    const rest = names.filter((n) => n && n !== "items" && !n.startsWith("items/"));
    if (rest.length) super.load(rest);
    if (names.some((n) => n === "items" || n.startsWith("items/"))) {
      this.context.enqueue(
        () => {
          // The tables of a sheet that is not there (a null worksheet): a null collection, as Excel answers.
          let records: { sheet: DoubleSheet; table: DoubleTableRecord }[];
          try {
            records = this.records();
          } catch (err) {
            if (!(err instanceof DoubleError && err.code === "ItemNotFound")) throw err;
            this.nullCollection = true;
            return null;
          }
          this.loadedItems = records.map(({ table }) => {
            const item = new DoubleTable(this.context, () => this.find(table.id));
            item._settleNullness();
            return item;
          });
          return this.loadedItems.length;
        },
        { response: true },
      );
    }
    return this;
  }
  get items(): DoubleTable[] {
    if (!this.loadedItems) throw new DoubleError("PropertyNotLoaded", "The property 'items' is not available. Load it and call context.sync() first.");
    return this.loadedItems;
  }
  get count(): number {
    return this.read("count");
  }
  /** A table of this collection by name (without case) or id. */
  find(key: string): { sheet: DoubleSheet; table: DoubleTableRecord } | undefined {
    return this.records().find(({ table }) => table.id === key || table.name.toUpperCase() === String(key).toUpperCase());
  }
  getItem(key: string): DoubleTable {
    return new DoubleTable(this.context, () => {
      const found = this.find(key);
      if (!found) throw new DoubleError("ItemNotFound", `The requested resource doesn't exist: table "${key}".`);
      return found;
    });
  }
  getItemOrNullObject(key: string): DoubleTable {
    return new DoubleTable(this.context, () => this.find(key), true);
  }
  getItemAt(index: number): DoubleTable {
    return new DoubleTable(this.context, () => {
      const found = this.records()[index];
      if (!found) throw new DoubleError("InvalidArgument", `There is no table at index ${index}.`);
      return found;
    });
  }
  /** add(address or range, hasHeaders): a new table over the range (its first row the header when hasHeaders). */
  add(address: string | DoubleRange, hasHeaders: boolean): DoubleTable {
    let made: { sheet: DoubleSheet; table: DoubleTableRecord } | null = null;
    this.context.enqueue(
      () => {
        const excel = this.context.excel;
        let rect: Rect;
        if (address instanceof DoubleRange) rect = address.must();
        else {
          const local = address.includes("!") ? address.slice(0, address.lastIndexOf("!")).replace(/^'|'$/g, "").replace(/''/g, "'") : null;
          const sheet = this.sheet ? this.sheet() : local !== null ? excel.sheet(local) : undefined;
          if (!sheet) throw new DoubleError("InvalidArgument", `The address "${address}" names no sheet of this workbook.`);
          rect = parseRangeAddress(sheet, address);
        }
        if (this.sheet && rect.sheet !== this.sheet()) throw new DoubleError("InvalidArgument", "The range is on another sheet.");
        if (!hasHeaders) throw new DoubleError("InvalidArgument", "The double makes tables with a header row only (hasHeaders true).");
        if (rect.bottom <= rect.top) throw new DoubleError("InvalidArgument", "The double makes tables of a header row and at least one row under it.");
        if (rect.sheet.tables.some((t) => overlaps(t, rect))) throw new DoubleError("InvalidOperation", "A table cannot overlap another table.");
        if (rect.sheet.merges.some((m) => overlaps(m, rect))) throw new DoubleError("InvalidOperation", "A table cannot overlap a range that contains merged cells.");
        // The header row's texts become the columns' names, written back as Excel writes them.
        const seen = new Set<string>();
        for (let c = rect.left; c <= rect.right; c++) {
          const v = rect.sheet.values[rect.top - 1]?.[c - 1] ?? "";
          let name = String(v).trim() === "" ? `Column${c - rect.left + 1}` : String(v);
          for (let n = 2; seen.has(name.toUpperCase()); n++) name = `${String(v)}${n}`;
          seen.add(name.toUpperCase());
          if (name !== v) excel.cell(rect.sheet, rect.top, c, name);
        }
        let n = 1;
        while (allTables(excel).some(({ table }) => table.name.toUpperCase() === `TABLE${n}`) || excel.namedItems.has(`TABLE${n}`)) n++;
        const table: DoubleTableRecord = {
          id: `{table-${++excel.nextId}}`,
          name: `Table${n}`,
          top: rect.top,
          left: rect.left,
          bottom: rect.bottom,
          right: rect.right,
          showHeaders: true,
          showTotals: false,
          style: "TableStyleMedium2",
          showFilterButton: true,
          showBandedRows: true,
          showBandedColumns: false,
        };
        rect.sheet.tables.push(table);
        made = { sheet: rect.sheet, table };
      },
      { requestBytes: () => (typeof address === "string" ? address.length : 0) + 8 },
    );
    return new DoubleTable(this.context, () => made ?? undefined);
  }
}

/** One Excel table. */
export class DoubleTable extends ClientObject {
  constructor(
    context: DoubleContext,
    readonly resolve: () => { sheet: DoubleSheet; table: DoubleTableRecord } | undefined,
    maybeNull = false,
  ) {
    super(context, maybeNull);
  }
  private must(): { sheet: DoubleSheet; table: DoubleTableRecord } {
    const found = this.resolve();
    if (!found || !found.sheet.tables.includes(found.table)) throw new DoubleError("ItemNotFound", "The table does not exist.");
    return found;
  }
  protected snapshot() {
    const found = this.resolve();
    if (!found || !found.sheet.tables.includes(found.table)) return null;
    const t = found.table;
    return { id: t.id, name: t.name, showHeaders: t.showHeaders, showTotals: t.showTotals, style: t.style, showFilterButton: t.showFilterButton, showBandedRows: t.showBandedRows, showBandedColumns: t.showBandedColumns };
  }
  /** The table's sheet (for load("items/worksheet/name")). */
  get worksheetOf(): DoubleSheet | undefined {
    return this.resolve()?.sheet;
  }
  get id(): string {
    return this.read("id");
  }
  get name(): string {
    return this.read("name");
  }
  set name(v: string) {
    this.context.enqueue(
      () => {
        const { table } = this.must();
        checkTableName(this.context.excel, v, table);
        table.name = v;
      },
      { requestBytes: () => v.length },
    );
  }
  get showHeaders(): boolean {
    return this.read("showHeaders");
  }
  get showTotals(): boolean {
    return this.read("showTotals");
  }
  get style(): string {
    return this.read("style");
  }
  set style(v: string) {
    this.context.enqueue(() => {
      if (!/^TableStyle(Light([1-9]|1\d|2[01])|Medium([1-9]|1\d|2[0-8])|Dark([1-9]|1[01]))$/.test(v)) throw new DoubleError("InvalidArgument", `"${v}" is not a built-in table style.`);
      this.must().table.style = v;
    });
  }
  get showFilterButton(): boolean {
    return this.read("showFilterButton");
  }
  /** "Setting this is only allowed if the table contains a header row." */
  set showFilterButton(v: boolean) {
    this.context.enqueue(() => {
      const { table } = this.must();
      if (!table.showHeaders) throw new DoubleError("InvalidOperation", "The filter buttons need a header row.");
      table.showFilterButton = v;
    });
  }
  get showBandedRows(): boolean {
    return this.read("showBandedRows");
  }
  set showBandedRows(v: boolean) {
    this.context.enqueue(() => {
      this.must().table.showBandedRows = v;
    });
  }
  get showBandedColumns(): boolean {
    return this.read("showBandedColumns");
  }
  set showBandedColumns(v: boolean) {
    this.context.enqueue(() => {
      this.must().table.showBandedColumns = v;
    });
  }
  private rangeOf(part: (t: DoubleTableRecord) => MergedArea | null): DoubleRange {
    return new DoubleRange(this.context, () => {
      const found = this.resolve();
      if (!found || !found.sheet.tables.includes(found.table)) return null;
      const area = part(found.table);
      if (!area) throw new DoubleError("ItemNotFound", "The table has no such row.");
      return { sheet: found.sheet, ...area };
    }, this.maybeNullObject);
  }
  private get maybeNullObject(): boolean {
    return (this as unknown as { maybeNull: boolean }).maybeNull;
  }
  /** The whole table: header and totals rows included. */
  getRange(): DoubleRange {
    return this.rangeOf((t) => ({ top: t.top, left: t.left, bottom: t.bottom, right: t.right }));
  }
  getHeaderRowRange(): DoubleRange {
    return this.rangeOf((t) => (t.showHeaders ? { top: t.top, left: t.left, bottom: t.top, right: t.right } : null));
  }
  getDataBodyRange(): DoubleRange {
    return this.rangeOf((t) => ({ top: t.top + (t.showHeaders ? 1 : 0), left: t.left, bottom: t.bottom - (t.showTotals ? 1 : 0), right: t.right }));
  }
  getTotalRowRange(): DoubleRange {
    return this.rangeOf((t) => (t.showTotals ? { top: t.bottom, left: t.left, bottom: t.bottom, right: t.right } : null));
  }
  delete() {
    this.context.enqueue(() => {
      const { sheet, table } = this.must();
      sheet.tables = sheet.tables.filter((t) => t !== table);
    });
  }
}
