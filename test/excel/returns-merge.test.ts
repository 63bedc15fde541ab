/**
 * A quarter's returns on the Office path, on Microsoft's Excel client (excel-web-16.00.js) over the wire host: the
 * round's requests made from the tracker in Excel, each lead's return written and read back by the pane's lazy chunk
 * (src/returns-web: ExcelJS, within the reading limits), filled by ExcelJS as a lead's Excel would; the merge
 * previewed, written as text with its Change log rows in a constant number of round trips, every other cell as it
 * was; and undone in two round trips, the undo logged too.
 */
import ExcelJS from "exceljs";
import { inflateRawSync } from "node:zlib";
import { CHANGE_LOG_HEADERS, CHANGE_LOG_SHEET } from "../../src/model";
import type { ReturnRead } from "../../src/model";
import { readWorkbookGrids } from "../../src/xlsx";
import { readReturnFile, returnFiles } from "../../src/returns-web";
import { createExcelHost } from "../../src/excel/host";
import type { TaskpaneHost } from "../../src/shared/host";
import { ExcelDouble } from "../double/excel-double";
import type { DoubleSheet } from "../double/excel-double";
import { CAMBS } from "../support/factories";
import { ok } from "../support/host-results";

const supported = { isSetSupported: () => true };
const today = () => new Date(Date.UTC(2026, 11, 7, 10));
const SHEET = "Delivery Plan";
const REQUEST = { sheet: SHEET };
/** The merge's round trips, however many rows: the tracker's read, the cells as they were with the log's look, the write with the log's rows. */
const SYNCS = 4;
const ASK = { by: "lead" as const, period: "February 2019", due: "2019-02-15" };

let uninstall: () => void = () => undefined;
afterEach(() => uninstall());

async function cambs() {
  const x = ExcelDouble.fromGrids(await readWorkbookGrids(CAMBS));
  uninstall = x.installMicrosoftClient();
  return { x, host: createExcelHost({ requirements: supported, now: today, watch: false }) };
}

/** Node's inflater, stopping at the declared size, standing in for the browser's DecompressionStream. */
const inflate = async (data: Uint8Array, size: number) => new Uint8Array(inflateRawSync(data, { maxOutputLength: Math.max(1, size) }));

type Fill = { id: string; header: string; value: ExcelJS.CellValue };

/** A lead's return, filled in through ExcelJS as their Excel would save it, then read as the pane reads it. */
async function filled(bytes: Uint8Array, file: string, edits: Fill[]): Promise<ReturnRead> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const ws = wb.getWorksheet("Your actions")!;
  const column = (header: string) => [...Array(ws.columnCount).keys()].map((i) => i + 1).find((c) => ws.getCell(4, c).value === header)!;
  const row = (id: string) => [...Array(ws.rowCount).keys()].map((i) => i + 1).find((r) => ws.getCell(r, 1).value === id)!;
  for (const e of edits) ws.getCell(row(e.id), column(e.header)).value = e.value;
  const out = await wb.xlsx.writeBuffer();
  const read = await readReturnFile(out as ArrayBuffer, file, inflate);
  if (!read.ok) throw new Error(read.message);
  return read.read;
}

const snapshot = (sheet: DoubleSheet) => sheet.values.map((r) => [...r]);

/** Every cell that differs between two sheets' values. */
function differing(a: unknown[][], b: unknown[][]): string[] {
  const out: string[] = [];
  for (let r = 0; r < Math.max(a.length, b.length); r++)
    for (let c = 0; c < Math.max(a[r]?.length ?? 0, b[r]?.length ?? 0); c++) {
      const [x, y] = [a[r]?.[c] ?? "", b[r]?.[c] ?? ""];
      if (x !== y) out.push(`${String.fromCharCode(65 + c)}${r + 1}`);
    }
  return out;
}

async function round(host: TaskpaneHost) {
  const requests = ok(await host.requestUpdates(REQUEST, ASK));
  const files = await returnFiles(requests.plan);
  const of = (lead: string) => files.find((f) => f.lead === lead)!;
  const [first, second] = requests.leads.find((l) => l.lead === "CS")!.actions;
  const cs = await filled(of("CS").bytes, of("CS").file, [
    { id: first, header: "This period: RAG", value: "green" },
    { id: first, header: "This period: update", value: "=Partnership board met; plan agreed." },
    { id: second, header: "This period: update", value: "Work started in January." },
  ]);
  const jh = await filled(of("JH").bytes, of("JH").file, [
    { id: "T1", header: "This period: RAG", value: "Purple" },
    { id: "O10", header: "This period: update", value: { formula: "1+1", result: 2 } },
  ]);
  return { requests, returns: [cs, jh] };
}

describe("a quarter's returns in Excel", () => {
  it("makes the round's requests from the tracker in Excel, as the CLI does: 9 leads, each with their actions and an email", async () => {
    const { host } = await cambs();
    const { requests } = await round(host);
    expect(requests.leads.map((l) => `${l.lead} ${l.actions.length}`)).toEqual(["CS 13", "NP 12", "CK 10", "DG 4", "JH 2", "AF 1", "AW 1", "CM 1", "MW 1"]);
    const cs = requests.leads.find((l) => l.lead === "CS")!;
    expect(cs.file).toBe("cs-february-2019.xlsx");
    expect(cs.email).toContain("To: CS");
    expect(cs.email).toContain("by 15 February 2019");
    expect(cs.email).toContain(cs.actions.join(", "));
  });

  it("previews the merge, writes only the accepted cells as text with their Change log rows in 4 round trips, and undoes it in 2, logging the undo", async () => {
    const { x, host } = await cambs();
    const { returns } = await round(host);
    const before = snapshot(x.sheet(SHEET)!);
    const sheetsBefore = x.sheets.map((s) => s.name);

    const preview = ok(await host.previewMerge(REQUEST, returns));
    expect(preview.period).toBe("February 2019");
    expect(preview.fields.map((f) => `${f.field} → ${f.new}`)).toEqual(["rag → Green", "update → =Partnership board met; plan agreed.", "update → Work started in January."]);
    expect(preview.fields.every((f) => f.lead === "CS" && f.file === "cs-february-2019.xlsx" && f.old !== f.new)).toBe(true);
    // The conflicts in their own words; nothing is written for them.
    expect(preview.conflicts.map((c) => c.code).sort()).toEqual(["formula", "not-in-vocabulary"]);
    expect(preview.conflicts.find((c) => c.code === "not-in-vocabulary")!.message).toContain('"Purple"');
    // The round so far, as returns-status says it: CS and JH have replied, the other seven not; every action without a new update is on the chase list.
    expect(preview.round!.replied).toEqual(returns.map((r) => ({ lead: r.key.lead, file: r.file })));
    expect(preview.round!.replied.map((r) => r.lead)).toEqual(["CS", "JH"]);
    expect(preview.round!.notReplied.map((n) => `${n.lead} ${n.actions.length}`).sort()).toEqual(["AF 1", "AW 1", "CK 10", "CM 1", "DG 4", "MW 1", "NP 12"]);
    const updated = new Set(preview.fields.filter((f) => f.field === "update").map((f) => f.id));
    expect(updated.size).toBe(2);
    expect(preview.round!.chase).toHaveLength(40 - updated.size);
    expect(preview.round!.chase.some((c) => updated.has(c.id))).toBe(false);
    expect(x.sheet(SHEET)!.values).toEqual(before);
    expect(x.sheet(CHANGE_LOG_SHEET)).toBeUndefined();

    x.resetCounters();
    const done = ok(await host.writeMerge(REQUEST, returns, preview.changes));
    expect(x.runs).toBe(1);
    // The tracker's read (2), the cells as they were with the log's look (1), the write with the log's rows (1).
    expect(x.wire.commandSyncs).toHaveLength(SYNCS);
    const after = x.sheet(SHEET)!;
    expect(differing(before, after.values).sort()).toEqual(preview.changes.map((c) => c.cell).sort());
    for (const c of preview.changes) {
      const [, col, row] = /^([A-Z]+)(\d+)$/.exec(c.cell)!;
      expect(after.values[Number(row) - 1][col.charCodeAt(0) - 65]).toBe(c.after);
      // Text, never a formula, even when it starts with "=".
      expect(after.formulas.has(`${row},${col.charCodeAt(0) - 64}`)).toBe(false);
      expect(after.numberFormats.get(`${row},${col.charCodeAt(0) - 64}`)).toBe("@");
    }
    expect(preview.changes.map((c) => c.after)).toContain("=Partnership board met; plan agreed.");
    const log = x.sheet(CHANGE_LOG_SHEET)!;
    expect(x.sheets.map((s) => s.name)).toEqual([...sheetsBefore, CHANGE_LOG_SHEET]);
    expect(log.values[0]).toEqual([...CHANGE_LOG_HEADERS]);
    expect(log.values.slice(1).map((r) => r.slice(1))).toEqual(
      preview.fields.map((f) => ["February 2019", f.id, f.field === "rag" ? "RAG" : f.field, f.old, f.new, `return from ${f.lead}, ${f.file}`]),
    );
    expect(log.values.slice(1).every((r) => r[0] === "2026-12-07T10:00:00Z")).toBe(true);

    x.resetCounters();
    ok(await host.undoWrite(done.undo!));
    expect(x.wire.commandSyncs).toHaveLength(2);
    expect(x.sheet(SHEET)!.values).toEqual(before);
    // History is kept: the merge's rows stay, and the undo adds its own.
    expect(log.values).toHaveLength(1 + 2 * preview.fields.length);
    expect(log.values.slice(1 + preview.fields.length).map((r) => [r[2], r[4], r[5], r[6]])).toEqual(
      preview.fields.map((f) => [f.id, f.new, f.old, `undo of the merge (return from ${f.lead}, ${f.file})`]),
    );
  });

  it("takes the same round trips for over 20 actions' updates as for 3 (an action both leads answered differently is a conflict)", async () => {
    const { x, host } = await cambs();
    const requests = ok(await host.requestUpdates(REQUEST, ASK));
    const files = await returnFiles(requests.plan);
    const returns: ReturnRead[] = [];
    for (const lead of ["CS", "NP"]) {
      const f = files.find((g) => g.lead === lead)!;
      const ids = requests.leads.find((l) => l.lead === lead)!.actions;
      returns.push(await filled(f.bytes, f.file, ids.map((id) => ({ id, header: "This period: update", value: `${lead}'s update for ${id}` }))));
    }
    const preview = ok(await host.previewMerge(REQUEST, returns));
    expect(preview.changes.length).toBeGreaterThan(20);
    expect(preview.conflicts.map((c) => c.code)).toEqual(preview.conflicts.map(() => "returns-disagree"));
    x.resetCounters();
    ok(await host.writeMerge(REQUEST, returns, preview.changes));
    expect(x.wire.commandSyncs).toHaveLength(SYNCS);
    expect(x.sheet(CHANGE_LOG_SHEET)!.values).toHaveLength(1 + preview.changes.length);
  });

  it("refuses a merge whose cells changed since the preview, writing nothing", async () => {
    const { x, host } = await cambs();
    const { returns } = await round(host);
    const preview = ok(await host.previewMerge(REQUEST, returns));
    const before = snapshot(x.sheet(SHEET)!);
    const stale = preview.changes.map((c, i) => (i === 0 ? { ...c, before: "something else" } : c));
    const refused = await host.writeMerge(REQUEST, returns, stale);
    expect(refused).toMatchObject({ code: "changed-since-preview" });
    expect(x.sheet(SHEET)!.values).toEqual(before);
    expect(x.sheet(CHANGE_LOG_SHEET)).toBeUndefined();
  });

  it("appends to the workbook's Change log, and leaves a user's own sheet called 'Change log' alone", async () => {
    const { x, host } = await cambs();
    const own = x.addSheet(CHANGE_LOG_SHEET);
    x.cell(own, 1, 1, "My own notes");
    const { returns } = await round(host);
    const preview = ok(await host.previewMerge(REQUEST, returns));
    ok(await host.writeMerge(REQUEST, returns, preview.changes));
    expect(own.values).toEqual([["My own notes"]]);
    const log = x.sheet(`${CHANGE_LOG_SHEET} (2)`)!;
    expect(log.values).toHaveLength(1 + preview.fields.length);
    // A second merge appends below.
    const again = ok(await host.previewMerge(REQUEST, returns));
    expect(again.changes).toEqual([]);
  });
});
