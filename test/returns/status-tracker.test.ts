/**
 * A tracker with a status, a RAG and an update column of their own (as Hertfordshire's and most
 * councils' are), leads "AW and DG", and the organisation's own word "Signed off" for Completed:
 * the lists offer it, the merge writes it as itself, and the tracker reads it as Completed.
 */
import ExcelJS from "exceljs";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chooseTrackerSheet, readTrackerWithWords, wordsOf } from "../../src/model";
import { readWorkbookGrids } from "../../src/xlsx";
import { workbookBuffer } from "../support/factories";
import { cellValues, differing, fill, returns, sheetXml } from "./support";

jest.setTimeout(120_000);

let dir: string;
let tracker: string;
let words: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "dp-status-"));
  tracker = path.join(dir, "council-plan.xlsx");
  await fs.writeFile(
    tracker,
    await workbookBuffer({
      name: "Plan",
      rows: [
        ["Ref", "Action", "Lead", "Status", "RAG", "Update", "Timeframe"],
        ["A1", "Open the new hub", "AW and DG", "In progress", "Amber", "Site found.", "March 2019"],
        ["A2", "Review the policy", "DG", "Not yet started", "Green", "", "June 2019"],
        ["A3", "Train the staff", "MW", "Completed", "Green", "Done.", "2018/19"],
        ["A4", "Publish the dashboard", "Domestic Abuse and Sexual Violence Delivery Group", "In progress", "Red", "Late.", "2019"],
      ],
    }),
  );
  words = path.join(dir, "words.json");
  await fs.writeFile(words, JSON.stringify({ status: { Completed: ["Signed off"] } }));
});

describe("requests and merge on a tracker with its own status column", () => {
  it("asks AW and DG both, keeps a body's name whole, and lists the statuses with the organisation's own word", async () => {
    const out = path.join(dir, "sent");
    const r = await returns("requests", tracker, "--out-dir", out, "--period", "Q4 2018-19", "--words", words, "--json");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.fields).toEqual(["status", "rag", "update"]);
    expect(json.returns.map((x: { lead: string; actions: string[] }) => [x.lead, x.actions])).toEqual([
      ["DG", ["A1", "A2"]],
      ["AW", ["A1"]],
      ["Domestic Abuse and Sexual Violence Delivery Group", ["A4"]],
      ["MW", ["A3"]],
    ]);
    const x = await sheetXml(path.join(out, "dg-q4-2018-19.xlsx"), "Your actions");
    // Reference, action, timeframe, last status, RAG, update (locked); this period's status (G), RAG (H), update (I).
    expect(x.validations.map((v) => [v.sqref, v.formula])).toEqual([
      ["G5:G6", "&quot;Completed,In progress,On hold,Not yet started,Closed,Signed off&quot;"],
      ["H5:H6", "&quot;Red,Amber,Green&quot;"],
    ]);
    expect([...x.unlocked].sort()).toEqual(["G5", "G6", "H5", "H6", "I5", "I6"]);
  });

  it("writes the organisation's word as itself and the usual words in their own spelling", async () => {
    const sent = path.join(dir, "sent");
    const dg = await fill(path.join(sent, "dg-q4-2018-19.xlsx"), path.join(dir, "dg-filled.xlsx"), [
      { id: "A1", header: "This period: status", value: "Signed off" },
      { id: "A1", header: "This period: RAG", value: "green" },
      { id: "A2", header: "This period: status", value: "in progress" },
      { id: "A2", header: "This period: update", value: "Scoping started." },
    ]);
    const out = path.join(dir, "merged.xlsx");
    const r = await returns("merge", tracker, dg, "--out", out, "--words", words);
    expect(r.code).toBe(0);
    const before = await cellValues(tracker, "Plan");
    const after = await cellValues(out, "Plan");
    expect(differing(before, after)).toEqual(["D2", "D3", "E2", "F3"]);
    expect([after.get("D2"), after.get("E2"), after.get("D3"), after.get("F3")]).toEqual(["Signed off", "Green", "In progress", "Scoping started."]);
    // Read back, "Signed off" is Completed: the merged tracker is checked like any other.
    const grid = chooseTrackerSheet(await readWorkbookGrids(out));
    if (!grid.ok) throw new Error(grid.message);
    const read = readTrackerWithWords(grid.grid, wordsOf(undefined, { status: { Completed: ["Signed off"] } }));
    expect(read.actions.map((a) => [a.id, a.status, a.rag])).toEqual([
      ["A1", "Completed", "Green"],
      ["A2", "In progress", "Green"],
      ["A3", "Completed", "Green"],
      ["A4", "In progress", "Red"],
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.getWorksheet("Change log")!.rowCount).toBe(5);
  });

  it("says in words who replied, who has not, and the chase list", async () => {
    const r = await returns("returns-status", tracker, path.join(dir, "dg-filled.xlsx"), "--words", words);
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      [
        "The round for Q4 2018-19:",
        "Replied (1): DG (dg-filled.xlsx).",
        "Not replied (3): AW (1 action), MW (1 action), Domestic Abuse and Sexual Violence Delivery Group (1 action).",
        "Still without a new update (3): A1 (AW, DG), A3 (MW), A4 (Domestic Abuse and Sexual Violence Delivery Group).",
        "",
      ].join("\n"),
    );
    // Without the organisation's words, "Signed off" is not a status: said, not merged.
    const plain = await returns("returns-status", tracker, path.join(dir, "dg-filled.xlsx"));
    expect(plain.out).toMatch(/1 part of the returns cannot be merged: delivery-plan merge says which\./);
    const merge = await returns("merge", tracker, path.join(dir, "dg-filled.xlsx"));
    expect(merge.code).toBe(1);
    expect(merge.out).toMatch(/dg-filled\.xlsx: G5 gives A1's status as "Signed off", which is not a status word of the tracker's; it is not merged\./);
  });
});
