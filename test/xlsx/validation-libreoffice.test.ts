/**
 * `delivery-plan format --validation` on the real samples: the drop-down lists
 * read back with ExcelJS, and from LibreOffice Calc's own re-save of the file;
 * every original cell's value unchanged; twice is one rule per column; a
 * user's own rule on the status column kept and reported.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { VALIDATION_TITLES, cellsOfRange, chooseTrackerSheet, readTracker, validationPlan } from "../../src/model";
import type { ValidationPlan } from "../../src/model";
import { run } from "../../src/cli/run";
import { readWorkbookGrids } from "../../src/xlsx";
import { CAMBS, HERTS, workbookBuffer } from "../support/factories";
import { convert, describeWithLibreOffice } from "../support/libreoffice";

jest.setTimeout(180_000);

let tmp: string;
beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "dp-validation-"));
});

async function format(input: string, out: string, ...flags: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await run(["format", input, "--out", out, ...flags], { out: (t) => (stdout += `${t}\n`), err: (t) => (stderr += `${t}\n`) });
  return { code, stdout, stderr };
}

async function planFor(file: string): Promise<ValidationPlan> {
  const choice = chooseTrackerSheet(await readWorkbookGrids(file));
  if (!choice.ok) throw new Error(choice.message);
  const report = readTracker(choice.grid);
  return validationPlan(choice.grid, report.tracker!, report.actions);
}

type Model = Record<string, ExcelJS.DataValidation | undefined>;
async function validations(file: string, sheet: string): Promise<Model> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return (wb.getWorksheet(sheet) as unknown as { dataValidations: { model: Model } }).dataValidations.model;
}

/** The <dataValidation> elements of a sheet as written in the file: sqref and promptTitle of each. */
async function rawRules(file: string, sheet: string): Promise<{ sqref: string; promptTitle: string | null }[]> {
  const zip = await JSZip.loadAsync(await fs.readFile(file));
  const workbookXml = await zip.file("xl/workbook.xml")!.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const escaped = sheet.replace(/&/g, "&amp;").replace(/'/g, "&apos;");
  const rid = new RegExp(`<sheet [^>]*name="${escaped.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"[^>]*r:id="([^"]+)"`).exec(workbookXml)?.[1];
  const target = new RegExp(`<Relationship [^>]*Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels)?.[1];
  const xml = await zip.file(`xl/${target!.replace(/^\/?xl\//, "")}`)!.async("string");
  return [...xml.matchAll(/<dataValidation\b([^>]*)>/g)].map((m) => ({
    sqref: /sqref="([^"]+)"/.exec(m[1])![1],
    promptTitle: /promptTitle="([^"]*)"/.exec(m[1])?.[1] ?? null,
  }));
}

const boolish = (v: unknown) => v === true || v === "1" || v === "true";

/** Every body cell carries the plan's list, input message and alert; no cell outside the bodies carries ours. */
function expectPlanInModel(model: Model, plan: ValidationPlan) {
  const bodies = new Set(plan.rules.flatMap((r) => cellsOfRange(r.range)));
  for (const rule of plan.rules) {
    for (const cell of cellsOfRange(rule.range)) {
      const v = model[cell];
      expect(v).toBeDefined();
      expect(v!.type).toBe("list");
      expect(String(v!.formulae[0])).toBe(`"${rule.source}"`);
      expect(v!.promptTitle).toBe(rule.prompt.title);
      expect(v!.prompt).toBe(rule.prompt.message);
      expect(v!.errorStyle).toBe(rule.error.style);
      expect(v!.errorTitle).toBe(rule.error.title);
      expect(v!.error).toBe(rule.error.message);
      expect(boolish(v!.showErrorMessage)).toBe(true);
      expect(boolish(v!.showInputMessage)).toBe(true);
      expect(boolish(v!.allowBlank)).toBe(true);
    }
  }
  for (const [cell, v] of Object.entries(model)) if (v && Object.values(VALIDATION_TITLES).includes(v.promptTitle ?? "")) expect(bodies.has(cell)).toBe(true);
}

/** One <dataValidation> of ours per column, on exactly its data body. */
async function expectOneRulePerColumn(file: string, plan: ValidationPlan) {
  const ours = (await rawRules(file, plan.sheet)).filter((r) => Object.values(VALIDATION_TITLES).includes(r.promptTitle ?? ""));
  expect(ours.map((r) => r.sqref).sort()).toEqual(plan.rules.map((r) => r.range).sort());
}

/**
 * Every cell of every sheet of the original has the same value in the copy (and the copy has no value the original lacks).
 * `lo`: the copy is LibreOffice's re-save, which does not keep a cell holding an empty string ("" reads back as empty).
 */
async function expectValuesUnchanged(original: string, copy: string, { lo = false, atLeast = 100 } = {}) {
  const norm = (v: ExcelJS.CellValue) => (lo && v === "" ? null : v);
  const a = new ExcelJS.Workbook();
  const b = new ExcelJS.Workbook();
  await a.xlsx.readFile(original);
  await b.xlsx.readFile(copy);
  let compared = 0;
  a.eachSheet((wsA) => {
    const wsB = b.getWorksheet(wsA.name)!;
    expect(wsB).toBeDefined();
    const rows = Math.max(wsA.rowCount, wsB.rowCount);
    const cols = Math.max(wsA.columnCount, wsB.columnCount);
    for (let r = 1; r <= rows; r++)
      for (let c = 1; c <= cols; c++) {
        expect({ cell: wsA.getCell(r, c).address, value: norm(wsB.getCell(r, c).value) }).toEqual({ cell: wsA.getCell(r, c).address, value: norm(wsA.getCell(r, c).value) });
        compared++;
      }
  });
  expect(compared).toBeGreaterThanOrEqual(atLeast);
}

describe.each([
  ["Hertfordshire", HERTS, "herts"],
  ["Cambridgeshire", CAMBS, "cambs"],
])("format --validation on the %s sample", (_name, sample, slug) => {
  it("writes one list on exactly the data body of each delivery column, with its words, input message and alert", async () => {
    const out = path.join(tmp, `${slug}.xlsx`);
    const r = await format(sample, out, "--validation");
    expect(r.code).toBe(0);
    const plan = await planFor(sample);
    expect(plan.rules.length).toBeGreaterThan(0);
    expect(r.stdout).toContain(`Added drop-down lists on "${plan.sheet}" ${plan.rules.map((x) => x.range).join(", ")} (`);
    expectPlanInModel(await validations(out, plan.sheet), plan);
    await expectOneRulePerColumn(out, plan);
    await expectValuesUnchanged(sample, out);
  });

  it("twice leaves one rule per column, and still every value as it was", async () => {
    const once = path.join(tmp, `${slug}-once.xlsx`);
    const twice = path.join(tmp, `${slug}-twice.xlsx`);
    expect((await format(sample, once, "--validation")).code).toBe(0);
    const again = await format(once, twice, "--validation");
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("replacing the add-in's earlier list");
    const plan = await planFor(sample);
    await expectOneRulePerColumn(twice, plan);
    expectPlanInModel(await validations(twice, plan.sheet), plan);
    await expectValuesUnchanged(sample, twice);
  });

  it("writes no list without --validation", async () => {
    const out = path.join(tmp, `${slug}-plain.xlsx`);
    expect((await format(sample, out)).code).toBe(0);
    const plan = await planFor(sample);
    expect(await rawRules(out, plan.sheet)).toEqual([]);
  });
});

describeWithLibreOffice("format --validation, as LibreOffice Calc re-saves it", () => {
  it.each([
    ["Hertfordshire", HERTS, "herts-lo"],
    ["Cambridgeshire", CAMBS, "cambs-lo"],
  ])("%s: LibreOffice keeps the lists, words, input message and alert on the same ranges", async (_name, sample, slug) => {
    const out = path.join(tmp, `${slug}.xlsx`);
    expect((await format(sample, out, "--validation")).code).toBe(0);
    const resaved = await convert(out, "xlsx");
    expect(path.dirname(resaved)).not.toBe(path.dirname(out));
    const plan = await planFor(sample);
    expectPlanInModel(await validations(resaved, plan.sheet), plan);
    await expectOneRulePerColumn(resaved, plan);
    await expectValuesUnchanged(sample, resaved, { lo: true });
  });

  it("keeps stop style through LibreOffice", async () => {
    const out = path.join(tmp, "herts-stop.xlsx");
    expect((await format(HERTS, out, "--validation", "--validation-style", "stop")).code).toBe(0);
    const model = await validations(await convert(out, "xlsx"), "Delivery Plan 2021-22");
    expect(model.C5?.promptTitle).toBe(VALIDATION_TITLES.status);
    // "stop" is the file format's default: LibreOffice may write it or leave it out.
    expect(model.C5?.errorStyle ?? "stop").toBe("stop");
    expect(model.C5?.error).toMatch(/^Use one of: Completed, In progress, On hold, Not yet started or Closed\. Pick one/);
  });
});

describeWithLibreOffice("a status followed by a sentence, through LibreOffice", () => {
  it("keeps no list on such a cell, so nothing of the officer's is flagged; LibreOffice's re-save keeps it so; no value changes", async () => {
    const input = path.join(tmp, "sentences.xlsx");
    const rows = [
      ["Ref", "Action", "Status"],
      ["1", "a", "Completed. This meeting took place on 3 March."],
      ["2", "b", "In progress"],
      ["3", "c", "Complete\n\nThis research was published in May."],
      ["4", "d", "Not yet started"],
      ["5", "e", "On hold"],
      ["6", "f", "On hold: waiting for the budget"],
      ["7", "g", "Closed; superseded by 4"],
      ["8", "h", "In progress"],
    ];
    await fs.writeFile(input, await workbookBuffer({ rows }));
    const out = path.join(tmp, "sentences-out.xlsx");
    expect((await format(input, out, "--validation", "--validation-style", "stop")).code).toBe(0);
    const ours = (m: Model) =>
      Object.entries(m)
        .filter(([, v]) => v?.promptTitle === VALIDATION_TITLES.status)
        .flatMap(([k]) => (k.includes(":") ? cellsOfRange(k) : [k]))
        .sort();
    expect(ours(await validations(out, "Tracker"))).toEqual(["C3", "C5", "C6", "C9"]);
    const resaved = await convert(out, "xlsx");
    expect(ours(await validations(resaved, "Tracker"))).toEqual(["C3", "C5", "C6", "C9"]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(resaved);
    expect(rows.slice(1).map((_, i) => wb.worksheets[0].getCell(`C${i + 2}`).text)).toEqual(rows.slice(1).map((r) => r[2]));
  });
});

describe("a user's own validation on the status column", () => {
  async function trackerWithUserRule(): Promise<string> {
    const wb = new ExcelJS.Workbook();
    const buffer = await workbookBuffer({
      rows: [
        ["Ref", "Action", "Status", "RAG"],
        ["1", "Deliver the plan", "Completed", "Green"],
        ["2", "Review the plan", "In progress", "Amber"],
        ["3", "Consult on the plan", "Not yet started", "Red"],
      ],
    });
    await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet("Tracker")!;
    for (const cell of ["C2", "C3", "C4"]) ws.getCell(cell).dataValidation = { type: "list", allowBlank: true, formulae: ['"Completed,In progress,Not yet started"'], promptTitle: "Our own list", prompt: "Pick one" };
    const file = path.join(tmp, "user-rule.xlsx");
    await wb.xlsx.writeFile(file);
    return file;
  }

  it("is kept exactly, the column left alone, and the CLI says where; the other columns get ours", async () => {
    const input = await trackerWithUserRule();
    const out = path.join(tmp, "user-rule-out.xlsx");
    const r = await format(input, out, "--validation");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`C2:C4 on "Tracker" already have a data-validation rule the add-in did not write, so the Status column (C2:C4) was left as it is.`);
    expect(r.stdout).toContain(`Added drop-down lists on "Tracker" D2:D4 (RAG)`);
    const model = await validations(out, "Tracker");
    for (const cell of ["C2", "C3", "C4"]) {
      expect(model[cell]).toMatchObject({ type: "list", formulae: ['"Completed,In progress,Not yet started"'], promptTitle: "Our own list", prompt: "Pick one" });
    }
    for (const cell of ["D2", "D3", "D4"]) expect(model[cell]?.promptTitle).toBe(VALIDATION_TITLES.rag);
    await expectValuesUnchanged(input, out, { atLeast: 16 });
    const json = await format(input, path.join(tmp, "user-rule-out.json.xlsx"), "--validation", "--json");
    const parsed = JSON.parse(json.stdout);
    expect(parsed.validation.kept).toEqual([expect.objectContaining({ range: "C2:C4", cells: "C2:C4" })]);
    expect(parsed.validation.added).toEqual(["D2:D4 (RAG)"]);
  });

  it("plain format (no --validation) writes a user's rule on C5:C106 back as that one range, not ExcelJS's overlapping two", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(HERTS);
    // As ExcelJS reads a rule made in Excel on a range (its types do not list dataValidations).
    const ws = wb.getWorksheet("Delivery Plan 2021-22") as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } };
    ws.dataValidations.add("C5:C106", { type: "list", allowBlank: true, formulae: ['"A,B"'], promptTitle: "Mine" });
    const input = path.join(tmp, "herts-user-rule.xlsx");
    await wb.xlsx.writeFile(input);
    const out = path.join(tmp, "herts-user-rule-out.xlsx");
    expect((await format(input, out)).code).toBe(0);
    expect(await rawRules(out, "Delivery Plan 2021-22")).toEqual([{ sqref: "C5:C106", promptTitle: "Mine" }]);
    const withLists = path.join(tmp, "herts-user-rule-lists.xlsx");
    const r = await format(input, withLists, "--validation");
    expect(r.stdout).toContain(`C5:C106 on "Delivery Plan 2021-22" already have a data-validation rule the add-in did not write`);
    expect(await rawRules(withLists, "Delivery Plan 2021-22")).toEqual([{ sqref: "C5:C106", promptTitle: "Mine" }]);
  });

  it("refuses a bad --validation-style, plainly", async () => {
    const r = await format(HERTS, path.join(tmp, "bad-style.xlsx"), "--validation", "--validation-style", "loud");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--validation-style "loud" should be warning or stop.');
    const s = await format(HERTS, path.join(tmp, "bad-style2.xlsx"), "--validation-style", "stop");
    expect(s.code).toBe(2);
    expect(s.stderr).toContain("--validation-style goes with --validation");
  });
});
