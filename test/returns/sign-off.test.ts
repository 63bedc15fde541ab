/**
 * sign-off: a copy with the period's record (who, when, a fingerprint of each
 * action's status, RAG and update) in a hidden sheet; validate then lists a
 * warning issue (signed-off-changed) on the cell of each signed-off value
 * changed since, naming the action and the field, but not
 * of the next round's merge, which the Change log records for a later period.
 */
import ExcelJS from "exceljs";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { run } from "../../src/cli/run";
import { runSignOff } from "../../src/cli/sign-off";
import { CAMBS } from "../support/factories";
import { convert, describeWithLibreOffice } from "../support/libreoffice";
import { cellValues, differing, fill, returns } from "./support";

jest.setTimeout(240_000);

const SIGNED_AT = new Date("2026-12-07T10:00:00Z");
let dir: string;
let tracker: string;
let signed: string;

async function signOff(...args: string[]) {
  let out = "";
  let err = "";
  const code = await runSignOff(["sign-off", ...args], { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) }, SIGNED_AT);
  return { code, out, err };
}

async function cli(...args: string[]) {
  let out = "";
  let err = "";
  const code = await run(args, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

/** A copy of a workbook with some cells of its tracker sheet changed by hand. */
async function edited(from: string, to: string, sheet: string, cells: Record<string, string>): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(from);
  for (const [cell, value] of Object.entries(cells)) wb.getWorksheet(sheet)!.getCell(cell).value = value;
  await wb.xlsx.writeFile(to);
  return to;
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "dp-sign-off-"));
  tracker = path.join(dir, "tracker.xlsx");
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Tracker");
  ws.addRow(["Ref", "Action", "Status", "RAG", "Update"]);
  ws.addRow(["A1", "Fund victims' services", "In progress", "Amber", "Started"]);
  ws.addRow(["A2", "Recruit volunteers", "In progress", "Green", "Vetting done"]);
  ws.addRow(["A3", "Open the new station", "Completed", "Green", "Opened in May"]);
  await wb.xlsx.writeFile(tracker);
  signed = path.join(dir, "signed.xlsx");
  const r = await signOff(tracker, "--period", "February 2019", "--by", "Jane Smith", "--out", signed);
  if (r.code !== 0) throw new Error(r.err);
});

describe("sign-off", () => {
  it("writes a copy with the record in a hidden sheet and a Change log row; every cell of the tracker as it was", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(signed);
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ["Tracker", "visible"],
      ["delivery-plan sign-off", "hidden"],
      ["Change log", "visible"],
    ]);
    const record = (wb.getWorksheet("delivery-plan sign-off")!.getSheetValues() as unknown[][]).filter(Boolean).slice(1).map((r) => r.slice(1));
    expect(record.map((r) => r.slice(0, 4))).toEqual(["A1", "A2", "A3"].map((id) => ["February 2019", "Jane Smith", "2026-12-07T10:00:00Z", id]));
    // Fingerprints, not the text: no copy of the updates.
    expect(record.every((r) => r.slice(4).every((f) => /^u1:\d+:[0-9a-f]+$/.test(String(f))))).toBe(true);
    const log = (wb.getWorksheet("Change log")!.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1));
    expect(log[1].slice(0, 4)).toEqual(["2026-12-07T10:00:00Z", "February 2019", "all actions", "sign-off"]);
    expect(log[1][5]).toBe("signed off by Jane Smith: 3 actions' status, RAG and update");
    expect(differing(await cellValues(tracker, "Tracker"), await cellValues(signed, "Tracker"))).toEqual([]);
  });

  it("validate names the period signed off, and says nothing has changed", async () => {
    const v = await cli("validate", signed);
    expect(v.out).toContain("Signed off: February 2019 (by Jane Smith, 2026-12-07T10:00:00Z).");
    expect(v.out).toContain("No signed-off status, RAG or update has changed since.");
    expect(v.out).not.toMatch(/has changed since February 2019 was signed off/);
    expect(JSON.parse((await cli("validate", signed, "--json")).out).issues.filter((i: { code: string }) => i.code === "signed-off-changed")).toEqual([]);
  });

  it("validate warns of each signed-off value changed since, naming the action, the field and the cell; spacing alone is no change", async () => {
    const changed = await edited(signed, path.join(dir, "changed.xlsx"), "Tracker", { D3: "Red", E4: "Opened in May, with a new entrance", E2: "Started " });
    const v = await cli("validate", changed);
    // Warnings among the issues, on their cells; a warning alone leaves the exit code 0.
    expect(v.code).toBe(0);
    expect(v.out.split("\n").filter((l) => /signed off/.test(l) && /^ {2}WARNING/.test(l))).toEqual([
      "  WARNING Tracker!D3: A2's RAG has changed since February 2019 was signed off by Jane Smith (2026-12-07T10:00:00Z) (cell D3), and the Change log records no later change to it. Check it, or sign the period off again.",
      "  WARNING Tracker!E4: A3's update has changed since February 2019 was signed off by Jane Smith (2026-12-07T10:00:00Z) (cell E4), and the Change log records no later change to it. Check it, or sign the period off again.",
    ]);
    expect(v.out).toContain("2 signed-off values have changed since: see the warnings above.");
    const json = JSON.parse((await cli("validate", changed, "--json")).out);
    expect(json.issues.filter((i: { code: string }) => i.code === "signed-off-changed").map((i: { severity: string; sheet: string; cell: string }) => [i.severity, i.sheet, i.cell])).toEqual([
      ["warning", "Tracker", "D3"],
      ["warning", "Tracker", "E4"],
    ]);
    expect(json.signOff.signedOff).toEqual([{ period: "February 2019", by: "Jane Smith", when: "2026-12-07T10:00:00Z", actions: 3 }]);
    expect(json.signOff.changed.map((c: { id: string; field: string }) => [c.id, c.field])).toEqual([
      ["A2", "rag"],
      ["A3", "update"],
    ]);
  });

  it("signing the period off again takes the new values as signed off", async () => {
    const changed = await edited(signed, path.join(dir, "changed-again.xlsx"), "Tracker", { D3: "Red" });
    const resigned = path.join(dir, "resigned.xlsx");
    expect((await signOff(changed, "--period", "February 2019", "--by", "Jane Smith", "--out", resigned)).code).toBe(0);
    expect((await cli("validate", resigned)).out).toContain("No signed-off status, RAG or update has changed since.");
  });

  it("refuses, in one line and writing nothing, without --by or --period, or with --out the tracker itself", async () => {
    const before = await fs.readFile(tracker);
    for (const args of [
      [tracker, "--period", "February 2019", "--out", path.join(dir, "x.xlsx")],
      [tracker, "--by", "Jane Smith", "--out", path.join(dir, "x.xlsx")],
      [tracker, "--period", "February 2019", "--by", "Jane Smith", "--out", tracker],
    ]) {
      const r = await signOff(...args);
      expect(r.code).toBe(2);
      expect(r.err.trim().split("\n")).toHaveLength(1);
    }
    expect(Buffer.compare(before, await fs.readFile(tracker))).toBe(0);
    await expect(fs.stat(path.join(dir, "x.xlsx"))).rejects.toThrow();
  });
});

describeWithLibreOffice("sign-off, saved by LibreOffice", () => {
  it("the record survives a save by LibreOffice: hidden, read back, still matching", async () => {
    const saved = await convert(signed, "xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(saved);
    expect(wb.getWorksheet("delivery-plan sign-off")!.state).toBe("hidden");
    expect((await cli("validate", saved)).out).toContain("No signed-off status, RAG or update has changed since.");
    const changed = await edited(saved, path.join(dir, "lo-changed.xlsx"), "Tracker", { C2: "Completed" });
    expect((await cli("validate", changed)).out).toMatch(/^ {2}WARNING Tracker!C2: A1's status has changed since February 2019 was signed off by Jane Smith/m);
  });
});

describe("sign-off, then the next round merged", () => {
  it("the merge's changes are the next period's (in the Change log), not changes to the signed-off one; a hand edit is", async () => {
    const cambsSigned = path.join(dir, "cambs-signed.xlsx");
    expect((await signOff(CAMBS, "--period", "November 2018", "--by", "Jane Smith", "--out", cambsSigned)).code).toBe(0);
    const sent = path.join(dir, "sent");
    expect((await returns("requests", cambsSigned, "--out-dir", sent, "--period", "February 2019")).code).toBe(0);
    const cs = await fill(path.join(sent, "cs-february-2019.xlsx"), path.join(dir, "cs.xlsx"), [{ id: "V3", header: "This period: update", value: "CS: standards in place." }]);
    const merged = path.join(dir, "cambs-merged.xlsx");
    const m = await returns("merge", cambsSigned, cs, "--out", merged);
    expect(m.code).toBe(0);
    const v = await cli("validate", merged);
    expect(v.out).toContain("Signed off: November 2018 (by Jane Smith, 2026-12-07T10:00:00Z).");
    expect(v.out).not.toMatch(/^ {2}WARNING .*signed off/m);
    const hand = await edited(merged, path.join(dir, "cambs-hand.xlsx"), "Delivery Plan", { E29: "Typed over by hand." });
    const w = (await cli("validate", hand)).out.split("\n").filter((l) => /^ {2}WARNING .*signed off/.test(l));
    expect(w).toEqual([expect.stringMatching(/^ {2}WARNING Delivery Plan!E29: C1's update has changed since November 2018 was signed off by Jane Smith .*\(cell E29\)/)]);
  });
});
