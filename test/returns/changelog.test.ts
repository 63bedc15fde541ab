/**
 * What is new this period: a merged update is recorded in words in the copy's
 * "Change log" (period, action, field "update"), and summary's and the paper's
 * "updated since" counts come from those rows when the log has rows for the
 * period summarised; else from comparing the texts, as before.
 */
import ExcelJS from "exceljs";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { run } from "../../src/cli/run";
import { changeLogSummary, readChangeLog, updatesFromChangeLog } from "../../src/model";
import { CAMBS, grid } from "../support/factories";
import { fill, returns } from "./support";

jest.setTimeout(240_000);

const UPDATE = "This period: update";
let dir: string;
let merged: string;
let handEdited: string;

async function cli(...args: string[]) {
  let out = "";
  let err = "";
  const code = await run(args, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "dp-log-"));
  const sent = path.join(dir, "sent");
  const r = await returns("requests", CAMBS, "--out-dir", sent, "--period", "February 2019");
  if (r.code !== 0) throw new Error(r.err);
  const cs = await fill(path.join(sent, "cs-february-2019.xlsx"), path.join(dir, "cs.xlsx"), [{ id: "V3", header: UPDATE, value: "CS: standards in place." }]);
  const np = await fill(path.join(sent, "np-february-2019.xlsx"), path.join(dir, "np.xlsx"), [{ id: "V2", header: UPDATE, value: "NP: dashboard published." }]);
  merged = path.join(dir, "merged.xlsx");
  const m = await returns("merge", CAMBS, cs, np, "--out", merged);
  if (m.code !== 0) throw new Error(m.out + m.err);
  // The officer then edits another update by hand: not a merged update, so not in the log.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(merged);
  wb.getWorksheet("Delivery Plan")!.getCell("E29").value = "Typed by the officer.";
  handEdited = path.join(dir, "hand-edited.xlsx");
  await wb.xlsx.writeFile(handEdited);
});

describe("the Change log read back", () => {
  it("reads its rows by its headers, and is not a log without them", () => {
    const log = grid([
      ["Period", "When", "Action", "Field", "Old value", "New value", "Source"],
      ["February 2019", "2026-12-07T10:00:00Z", "V2", "update", "old", "new", "return from NP, np.xlsx"],
      [],
      ["February 2019", "2026-12-07T10:00:00Z", "O1", "RAG", "", "Amber", "return from CS, cs.xlsx"],
    ]);
    const entries = readChangeLog(log)!;
    expect(entries.map((e) => [e.row, e.period, e.action, e.field, e.new])).toEqual([
      [2, "February 2019", "V2", "update", "new"],
      [4, "February 2019", "O1", "RAG", "Amber"],
    ]);
    expect(changeLogSummary(entries).lastWords).toBe("2026-12-07T10:00:00Z, February 2019: O1 RAG (return from CS, cs.xlsx)");
    expect(readChangeLog(grid([["When", "What"], ["today", "x"]]))).toBeNull();
  });

  it("counts an action updated when the log has an update row for it in the period (case and spacing aside); else null", () => {
    const entries = readChangeLog(
      grid([
        ["When", "Period", "Action", "Field", "Old value", "New value", "Source"],
        ["t", "february  2019", "a1", "update", "", "x", "s"],
        ["t", "February 2019", "A2", "RAG", "", "Red", "s"],
        ["t", "November 2018", "A3", "update", "", "y", "s"],
      ]),
    )!;
    const now = [{ id: "A1" }, { id: "A2" }, { id: "A3" }, { id: "A4" }];
    const previous = [{ id: "A1" }, { id: "A2" }, { id: "A3" }].map((p) => ({ ...p, status: null, rag: null, update: "" }));
    const u = updatesFromChangeLog(now, previous, "November 2018", entries, "February 2019")!;
    expect(u.counts).toEqual({ since: "November 2018", updated: 1, notUpdated: 2, new: 1, notCompared: 0, fromChangeLog: "February 2019" });
    expect(u.byId.get("A1")).toBe("updated");
    expect(updatesFromChangeLog(now, previous, "November 2018", entries, "March 2019")).toBeNull();
  });
});

describe("updated since, from the merged copy's Change log", () => {
  it("summary counts the updates merged for the period, not the officer's own edit, and says where the counts come from", async () => {
    const r = await cli("summary", handEdited, "--previous", CAMBS, "--period", "February 2019", "--json");
    expect(r.err).toBe("");
    const json = JSON.parse(r.out);
    expect(json.updates).toMatchObject({ updated: 2, fromChangeLog: "February 2019" });
    const human = await cli("summary", handEdited, "--previous", CAMBS, "--period", "February 2019");
    expect(human.out).toMatch(/Updates since .+ \(from the Change log's rows for February 2019\)\n\s+updated\s+2\n/);
  });

  it("compares the texts, as before, for a period the log has no rows for", async () => {
    const r = await cli("summary", handEdited, "--previous", CAMBS, "--period", "March 2019", "--json");
    const json = JSON.parse(r.out);
    expect(json.updates.updated).toBe(3);
    expect(json.updates.fromChangeLog).toBeUndefined();
    const human = await cli("summary", handEdited, "--previous", CAMBS, "--period", "March 2019");
    expect(human.out).not.toMatch(/Change log/);
  });

  it("the Panel Summary's and the paper's counts say they are the Change log's", async () => {
    const panel = path.join(dir, "panel.xlsx");
    const s = await cli("summary", merged, "--previous", CAMBS, "--period", "February 2019", "--out", panel);
    expect(s.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(panel);
    const texts: string[] = [];
    wb.getWorksheet("Panel Summary")!.eachRow((row) => row.eachCell((c) => texts.push(String(c.value))));
    expect(texts.join("\n")).toMatch(/Updates since .+ \(as the workbook's Change log records the updates merged for February 2019\)/);
    const paper = path.join(dir, "paper.html");
    const p = await cli("report", merged, "--previous", CAMBS, "--period", "February 2019", "--out", paper);
    expect(p.err).toBe("");
    const html = (await fs.readFile(paper, "utf8")).replace(/\s+/g, " ").replace(/&#39;/g, "'");
    expect(html.match(/Since [^<]*/)?.[0]).toMatch(/2 actions have a new update .*These counts are the workbook's Change log's: the updates merged for February 2019\./);
  });
});
