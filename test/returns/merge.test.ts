/**
 * merge: returns filled through ExcelJS and one saved by LibreOffice merged into
 * a copy of the Cambridgeshire tracker; each conflict said in its own words with
 * nothing written for it; a hostile return refused in one line.
 */
import ExcelJS from "exceljs";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { CAMBS } from "../support/factories";
import { SOFFICE, convert } from "../support/libreoffice";
import { cellValues, differing, fill, returns } from "./support";

jest.setTimeout(240_000);

const SHEET = "Delivery Plan";
let dir: string;
let sent: string;
const ret = (lead: string) => path.join(sent, `${lead}-february-2019.xlsx`);
const RAG = "This period: RAG";
const UPDATE = "This period: update";

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "dp-merge-"));
  sent = path.join(dir, "sent");
  const r = await returns("requests", CAMBS, "--out-dir", sent, "--period", "February 2019");
  if (r.code !== 0) throw new Error(r.err);
});

/** A copy of the master with some cells changed (the officer's own edits after sending). */
async function masterWith(name: string, cells: Record<string, string>, rename?: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(CAMBS);
  const ws = wb.getWorksheet(SHEET)!;
  for (const [a, v] of Object.entries(cells)) ws.getCell(a).value = v;
  if (rename) ws.name = rename;
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

describe("merging returns filled in Excel (ExcelJS) and in LibreOffice", () => {
  let merged: string;
  let said: { code: number; out: string; err: string };
  const trackerBefore = { bytes: Buffer.alloc(0) };

  beforeAll(async () => {
    trackerBefore.bytes = await fs.readFile(CAMBS);
    const cs = await fill(ret("cs"), path.join(dir, "cs-filled.xlsx"), [
      { id: "V3", header: UPDATE, value: "CS: the refreshed investigation standards are in place." },
      { id: "O1", header: RAG, value: "Amber" },
      // The same as last period: no change.
      { id: "O3", header: UPDATE, value: "" },
    ]);
    const np = await fill(ret("np"), path.join(dir, "np-filled.xlsx"), [
      { id: "V1", header: RAG, value: "Green" },
      { id: "V2", header: UPDATE, value: "NP: dashboard published.\nSecond line." },
      // V3 is NP's too: the same words as CS's RAG would be one change; NP leaves it empty.
    ]);
    let ck = await fill(ret("ck"), path.join(dir, "ck-filled.xlsx"), [
      { id: "C1", header: UPDATE, value: "CK: new resilience plan agreed" },
      { id: "O2", header: RAG, value: "red" },
    ]);
    // The CK return as LibreOffice saves it (when LibreOffice is here: CI always has it).
    if (SOFFICE) ck = await convert(ck, "xlsx");
    merged = path.join(dir, "merged.xlsx");
    said = await returns("merge", CAMBS, cs, np, ck, "--out", merged);
  });

  it("writes a copy with exactly those changes: every other cell equal to the master's", async () => {
    expect(said.err).toBe("");
    expect(said.code).toBe(0);
    const master = await cellValues(CAMBS, SHEET);
    const copy = await cellValues(merged, SHEET);
    expect(differing(master, copy)).toEqual(["E29", "E7", "E8", "F15", "F16", "F6"]);
    expect(copy.get("E8")).toBe("CS: the refreshed investigation standards are in place.");
    expect(copy.get("E7")).toBe("NP: dashboard published.\nSecond line.");
    expect(copy.get("E29")).toBe("CK: new resilience plan agreed");
    // The RAG beside the direction's arrow, which stays.
    expect(copy.get("F15")).toBe(`Amber ${master.get("F15")}`);
    expect(copy.get("F6")).toBe(`Green ${master.get("F6")}`);
    expect(copy.get("F16")).toBe(`Red ${master.get("F16")}`);
  });

  it("adds a Change log sheet with one row per changed field: when, period, action, field, old, new, source", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(merged);
    const log = wb.getWorksheet("Change log")!;
    const rows = (log.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1));
    expect(rows[0]).toEqual(["When", "Period", "Action", "Field", "Old value", "New value", "Source"]);
    expect(rows.slice(1).map((r) => [r[0], r[1], r[2], r[3], r[5], r[6]])).toEqual([
      ["2026-12-07T10:00:00Z", "February 2019", "V1", "RAG", "Green", "return from NP, np-filled.xlsx"],
      ["2026-12-07T10:00:00Z", "February 2019", "V2", "update", "NP: dashboard published.\nSecond line.", "return from NP, np-filled.xlsx"],
      ["2026-12-07T10:00:00Z", "February 2019", "V3", "update", "CS: the refreshed investigation standards are in place.", "return from CS, cs-filled.xlsx"],
      ["2026-12-07T10:00:00Z", "February 2019", "O1", "RAG", "Amber", "return from CS, cs-filled.xlsx"],
      ["2026-12-07T10:00:00Z", "February 2019", "O2", "RAG", "Red", "return from CK, ck-filled.xlsx"],
      ["2026-12-07T10:00:00Z", "February 2019", "C1", "update", "CK: new resilience plan agreed", "return from CK, ck-filled.xlsx"],
    ]);
    // The old value is the tracker's: V2's update as it was, V1's RAG empty (the cell shows only an arrow).
    expect(rows[2][4]).toMatch(/^V2\. The Police and Crime Plan Dashboard/);
    expect(rows[1][4]).toBe("");
  });

  it("shows per action old → new, and never changes the tracker", async () => {
    expect(said.out).toMatch(/3 returns for February 2019: 6 changes to 6 actions\./);
    expect(said.out).toMatch(/O1 \(return from CS, cs-filled\.xlsx\):\n {2}RAG: \(empty\) → "Amber"/);
    expect(said.out).toMatch(/Wrote .*merged\.xlsx/);
    expect(Buffer.compare(trackerBefore.bytes, await fs.readFile(CAMBS))).toBe(0);
  });

  it("writes an update into the action's first row; its sub-activity rows keep theirs, and the log's old value is that cell's", async () => {
    const cs = await fill(ret("cs"), path.join(dir, "cs-o2.xlsx"), [{ id: "O2", header: UPDATE, value: "O2.3: CS's new words" }]);
    const m = await mergeOf(CAMBS, [cs], "o2");
    expect(differing(m.before, m.after)).toEqual(["E16"]);
    expect(m.json.changes).toHaveLength(1);
    expect(m.json.changes[0].old).toBe(String(m.before.get("E16")).trim());
    expect(m.json.changes[0].old).not.toContain(String(m.before.get("E18")).slice(0, 20));
  });

  it("writes nothing without --out", async () => {
    const r = await returns("merge", CAMBS, path.join(dir, "cs-filled.xlsx"));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Nothing was written\. To write a copy of the tracker with these changes, add --out merged\.xlsx/);
    expect((await fs.readdir(dir)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("says who replied, who has not, and which actions still have no new update", async () => {
    const r = await returns("returns-status", CAMBS, path.join(dir, "cs-filled.xlsx"), path.join(dir, "np-filled.xlsx"), "--json");
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out);
    expect(s.replied.map((x: { lead: string }) => x.lead)).toEqual(["CS", "NP"]);
    expect(s.notReplied.map((x: { lead: string }) => x.lead).sort()).toEqual(["AF", "AW", "CK", "CM", "DG", "JH", "MW"]);
    // V2 and V3 have new updates; V1 only a new RAG.
    expect(s.chase.map((c: { id: string }) => c.id)).toContain("V1");
    expect(s.chase.map((c: { id: string }) => c.id)).not.toContain("V2");
    expect(s.chase).toHaveLength(38);
  });
});

/** Merge one or more returns into the master given with --out, and the master's and copy's values. */
async function mergeOf(master: string, files: string[], name: string, extra: string[] = []) {
  const out = path.join(dir, `${name}-merged.xlsx`);
  const r = await returns("merge", master, ...files, "--out", out, "--json", ...extra);
  const json = r.out ? JSON.parse(r.out) : null;
  return { r, json, before: await cellValues(master, SHEET), after: await cellValues(out, SHEET), out };
}

describe("each conflict has its own plain message, and nothing is written for it", () => {
  it("the master's row has changed since the request went out", async () => {
    const master = await masterWith("master-edited.xlsx", { E6: "The officer's own new words for V1." });
    const np = await fill(ret("np"), path.join(dir, "np-v1.xlsx"), [{ id: "V1", header: UPDATE, value: "NP's update for V1" }, { id: "V2", header: RAG, value: "Green" }]);
    const m = await mergeOf(master, [np], "master-changed");
    expect(m.r.code).toBe(1);
    expect(m.json.conflicts.map((c: { code: string; message: string }) => [c.code, c.message])).toEqual([
      ["master-changed", "np-v1.xlsx: V1 has changed in the tracker since the request went out to NP, so NP's return for it is not merged. Compare the two, then type what is right in the tracker or ask NP again."],
    ]);
    expect(m.after.get("E6")).toBe("The officer's own new words for V1.");
    expect(differing(m.before, m.after)).toEqual(["F7"]);
  });

  it("the return is for another tracker", async () => {
    const other = await masterWith("other-plan.xlsx", {}, "Delivery Plan 2019");
    const otherSent = path.join(dir, "other-sent");
    await returns("requests", other, "--out-dir", otherSent, "--period", "February 2019");
    const cs = await fill(path.join(otherSent, "cs-february-2019.xlsx"), path.join(dir, "cs-other.xlsx"), [{ id: "O1", header: RAG, value: "Red" }]);
    const m = await mergeOf(CAMBS, [cs], "other-tracker");
    expect(m.r.code).toBe(1);
    expect(m.json.conflicts).toHaveLength(1);
    expect(m.json.conflicts[0].code).toBe("other-tracker");
    expect(m.json.conflicts[0].message).toBe('cs-other.xlsx is a return for another tracker ("other-plan.xlsx", sheet "Delivery Plan 2019"), not this one (sheet "Delivery Plan"): nothing of it is merged.');
    expect(differing(m.before, m.after)).toEqual([]);
  });

  it("the return is for another round", async () => {
    const maySent = path.join(dir, "may-sent");
    await returns("requests", CAMBS, "--out-dir", maySent, "--period", "May 2019");
    const cs = await fill(path.join(maySent, "cs-may-2019.xlsx"), path.join(dir, "cs-may.xlsx"), [{ id: "O1", header: RAG, value: "Red" }]);
    const m = await mergeOf(CAMBS, [cs], "other-round", ["--period", "February 2019"]);
    expect(m.json.conflicts.map((c: { code: string; message: string }) => [c.code, c.message])).toEqual([
      ["other-round", 'cs-may.xlsx is CS\'s return for "May 2019", not for the round being merged, "February 2019": nothing of it is merged.'],
    ]);
    expect(differing(m.before, m.after)).toEqual([]);
  });

  it("a row that is not that lead's", async () => {
    // Since the request, O1 has gone to NP.
    const master = await masterWith("master-o1-np.xlsx", { C15: "NP" });
    const cs = await fill(ret("cs"), path.join(dir, "cs-o1.xlsx"), [{ id: "O1", header: RAG, value: "Red" }]);
    const m = await mergeOf(master, [cs], "not-their-row");
    expect(m.json.conflicts.map((c: { code: string; message: string }) => [c.code, c.message])).toEqual([
      ["not-their-row", "cs-o1.xlsx: O1 (row 6) is not CS's action in the tracker, so it is not merged: a return changes only its own lead's actions."],
    ]);
    expect(differing(m.before, m.after)).toEqual([]);
  });

  it("an edited locked cell", async () => {
    const cs = await fill(ret("cs"), path.join(dir, "cs-locked.xlsx"), [
      { id: "O1", header: "Action", value: "A better action, written by the lead" },
      { id: "O1", header: RAG, value: "Green" },
    ]);
    const m = await mergeOf(CAMBS, [cs], "locked-edited");
    expect(m.json.conflicts.map((c: { code: string; message: string }) => [c.code, c.message])).toEqual([
      ["locked-edited", 'cs-locked.xlsx: the locked cell B6 (O1\'s action text) was changed in the return, so nothing of O1 is merged from it. Ask CS to fill in only the "This period" cells.'],
    ]);
    expect(differing(m.before, m.after)).toEqual([]);
  });

  it("an action added", async () => {
    const cs = await fill(ret("cs"), path.join(dir, "cs-added.xlsx"), [
      { row: 18, column: 1, value: "C1" },
      { row: 18, column: 6, value: "Red" },
    ]);
    const m = await mergeOf(CAMBS, [cs], "action-added");
    expect(m.json.conflicts.map((c: { code: string; message: string }) => [c.code, c.message])).toEqual([["action-added", 'cs-added.xlsx: row 18 holds "C1", which was not sent to CS; it is not merged.']]);
    expect(differing(m.before, m.after)).toEqual([]);
  });

  it("an action missing", async () => {
    const cs = await fill(ret("cs"), path.join(dir, "cs-missing.xlsx"), [], (ws) => {
      for (let c = 1; c <= 7; c++) ws.getCell(17, c).value = null;
    });
    const m = await mergeOf(CAMBS, [cs], "action-missing");
    expect(m.json.conflicts.map((c: { code: string; message: string }) => [c.code, c.message])).toEqual([
      ["action-missing", "cs-missing.xlsx: T10 was sent to CS but is missing from the return; the tracker keeps what it had."],
    ]);
    expect(differing(m.before, m.after)).toEqual([]);
  });

  it("two returns give different values for the same action", async () => {
    const cs = await fill(ret("cs"), path.join(dir, "cs-v3.xlsx"), [{ id: "V3", header: RAG, value: "Green" }]);
    const np = await fill(ret("np"), path.join(dir, "np-v3.xlsx"), [{ id: "V3", header: RAG, value: "Red" }]);
    const m = await mergeOf(CAMBS, [cs, np], "disagree");
    expect(m.json.conflicts.map((c: { code: string; message: string }) => [c.code, c.message])).toEqual([
      ["returns-disagree", 'V3\'s RAG differs between cs-v3.xlsx (CS: "Green") and np-v3.xlsx (NP: "Red"): neither is merged. Agree one with both leads and type it in the tracker.'],
    ]);
    expect(differing(m.before, m.after)).toEqual([]);
    // The same value from both is one change.
    const same = await fill(ret("np"), path.join(dir, "np-v3-green.xlsx"), [{ id: "V3", header: RAG, value: "Green" }]);
    const agreed = await mergeOf(CAMBS, [cs, same], "agree");
    expect(agreed.json.conflicts).toEqual([]);
    expect(differing(agreed.before, agreed.after)).toEqual(["F8"]);
  });

  it("a value not in the vocabulary", async () => {
    const cs = await fill(ret("cs"), path.join(dir, "cs-purple.xlsx"), [{ id: "O1", header: RAG, value: "Purple" }]);
    const m = await mergeOf(CAMBS, [cs], "vocabulary");
    expect(m.json.conflicts.map((c: { code: string; message: string }) => [c.code, c.message])).toEqual([
      ["not-in-vocabulary", 'cs-purple.xlsx: F6 gives O1\'s RAG as "Purple", which is not a RAG word of the tracker\'s; it is not merged. Choose a word from the cell\'s list.'],
    ]);
    expect(differing(m.before, m.after)).toEqual([]);
  });

  it("a cell holding a formula", async () => {
    const cs = await fill(ret("cs"), path.join(dir, "cs-formula.xlsx"), [
      { id: "O1", header: UPDATE, value: { formula: 'HYPERLINK("http://example.com","click")', result: "click" } },
      { id: "O3", header: RAG, value: "Green" },
    ]);
    const m = await mergeOf(CAMBS, [cs], "formula");
    expect(m.json.conflicts.map((c: { code: string; message: string }) => [c.code, c.message])).toEqual([
      ["formula", "cs-formula.xlsx: G6 (O1) holds a formula, not typed text, so nothing of O1 is merged from this return; a formula is never written into the tracker. Ask CS to type the value."],
    ]);
    // O3's RAG (typed) is merged; O1 is not.
    expect(differing(m.before, m.after)).toEqual(["F19"]);
    const x = await fs.readFile(m.out);
    expect(x.includes("HYPERLINK")).toBe(false);
  });

  it("a typed text that starts with = is written as text, never as a formula", async () => {
    const cs = await fill(ret("cs"), path.join(dir, "cs-equals.xlsx"), [{ id: "O1", header: UPDATE, value: '=HYPERLINK("http://example.com")' }]);
    const m = await mergeOf(CAMBS, [cs], "equals");
    expect(m.json.conflicts).toEqual([]);
    expect(m.after.get("E15")).toBe('=HYPERLINK("http://example.com")');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(m.out);
    expect(wb.getWorksheet(SHEET)!.getCell("E15").type).toBe(ExcelJS.ValueType.String);
  });
});

describe("a malformed or hostile return", () => {
  const refused = async (file: string, pattern: RegExp, others: string[] = []) => {
    const out = path.join(dir, `refused-${path.basename(file)}.xlsx`);
    const r = await returns("merge", CAMBS, ...others, file, "--out", out);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err.trim().split("\n")).toHaveLength(1);
    expect(r.err).toMatch(pattern);
    await expect(fs.stat(out)).rejects.toThrow();
  };

  it("is refused in one line when it is not a workbook", async () => {
    const file = path.join(dir, "not-a-workbook.xlsx");
    await fs.writeFile(file, "<html><script>alert(1)</script></html>");
    await refused(file, /^delivery-plan: .*not-a-workbook\.xlsx/);
  });

  it("is refused when it has no key (a workbook the lead made themselves)", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Your actions").getCell("A1").value = "O1";
    const file = path.join(dir, "own-shape.xlsx");
    await wb.xlsx.writeFile(file);
    await refused(file, /own-shape\.xlsx is not a return this tool sent: it has no key sheet/);
  });

  it("is refused when its key has been tampered with, and no other return is merged either", async () => {
    const file = await fill(ret("cs"), path.join(dir, "cs-tampered.xlsx"), [], (_ws, wb) => {
      wb.getWorksheet("delivery-plan key")!.getCell(2, 1).value = '{"kind":"delivery-plan return","version":1,"rows":"__proto__"}';
    });
    const good = await fill(ret("np"), path.join(dir, "np-good.xlsx"), [{ id: "V1", header: RAG, value: "Green" }]);
    await refused(file, /cs-tampered\.xlsx's key sheet has been changed and cannot be read/, [good]);
  });

  it("is refused when its columns are not those sent", async () => {
    const file = await fill(ret("cs"), path.join(dir, "cs-columns.xlsx"), [{ row: 4, column: 6, value: "Something else" }]);
    await refused(file, /cs-columns\.xlsx: its sheet "Your actions" does not have the columns it was sent with \(F4 should read "This period: RAG"\)/);
  });

  it("is refused when it passes the limits any workbook is read with (a zip bomb)", async () => {
    const JSZip = (await import("jszip")).default;
    const zip = await JSZip.loadAsync(await fs.readFile(ret("cs")));
    zip.file("xl/worksheets/sheet2.xml", `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${"<row/>".repeat(2_000_000)}</sheetData></worksheet>`);
    const file = path.join(dir, "bomb.xlsx");
    await fs.writeFile(file, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 9 } }));
    await refused(file, /bomb\.xlsx/);
  });
});
