/**
 * Data safety on the Office host (createExcelHost on Microsoft's own Excel
 * client, excel-web-16.00.js, over the wire host on the Excel double, seeded
 * from the samples and from a tracker with hostile cells): after "Apply
 * formatting", "Take a snapshot" and "Build panel summary", every cell of the
 * tracker's sheet is unchanged — value, formula, value type and number format,
 * read through Range.values / formulas / valueTypes / numberFormat, plus its
 * fills and merged areas; formatting and the summary are idempotent; and every
 * text the add-in writes lands as text: into a cell formatted "@" in the same
 * batch, before its value, so Excel never reads "=…", "+…", "-…" or "@…" as a
 * formula or a number (the double stores such a string as "FORMULA:…" when it
 * goes into a cell not formatted as text).
 */
import { SNAPSHOT_SHEET, chooseTrackerSheet, readTracker } from "../../src/model";
import { readWorkbookGrids } from "../../src/xlsx";
import { createExcelHost } from "../../src/excel/host";
import { queueTextWrites } from "../../src/excel/write";
import { ExcelDouble } from "../double/excel-double";
import type { DoubleSheet, OfficeValue } from "../double/excel-double";
import { CAMBS, HERTS, HERTS_JUNE } from "../support/factories";
import { FORMULAS, HOSTILE_ACTION, HOSTILE_THEME, HOSTILE_UPDATE, SHEET, XSS, hostileWorkbook } from "./hostile-workbook";
import { takeSnapshot } from "../support/office-writes";
import { ok } from "../support/host-results";

const supported = { isSetSupported: () => true };
const today = () => new Date(Date.UTC(2022, 0, 15, 12));

let uninstall: () => void = () => undefined;
afterEach(() => uninstall());

/** A1 "H3" → [3, 8]. */
function rowColumn(address: string): [number, number] {
  const m = /^([A-Z]+)(\d+)$/.exec(address)!;
  return [Number(m[2]), [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0)];
}

interface Case {
  name: string;
  sheet: string;
  /** The double, seeded; its previous period's snapshot taken as the add-in takes one. */
  seed: () => Promise<ExcelDouble>;
}

async function seeded(file: string | Buffer, previous: string | Buffer, sheet: string, previousLabel: string): Promise<ExcelDouble> {
  const x = ExcelDouble.fromGrids(await readWorkbookGrids(file));
  uninstall = x.installMicrosoftClient();
  const earlier = chooseTrackerSheet(await readWorkbookGrids(previous), sheet);
  if (!earlier.ok) throw new Error(earlier.message);
  await Excel.run((c) => takeSnapshot(c, previousLabel, new Date(Date.UTC(2021, 5, 30)), sheet, readTracker(earlier.grid).actions));
  x.activeSheet = sheet;
  return x;
}

/** A formula (Excel's "=…") with the result the file had cached, as a calculated workbook holds it. */
function seedFormulas(x: ExcelDouble) {
  const sheet = x.sheet(SHEET)!;
  for (const f of FORMULAS) {
    const [r, c] = rowColumn(f.address);
    x.formulaCell(sheet, r, c, `=${f.formula}`, sheet.values[r - 1][c - 1]);
  }
}

const PREVIOUS = "=1+1 previous period";
const CASES: Case[] = [
  { name: "Hertfordshire", sheet: "Delivery Plan 2021-22", seed: () => seeded(HERTS, HERTS_JUNE, "Delivery Plan 2021-22", PREVIOUS) },
  { name: "Cambridgeshire", sheet: "Delivery Plan", seed: () => seeded(CAMBS, CAMBS, "Delivery Plan", PREVIOUS) },
  {
    name: "the hostile tracker",
    sheet: SHEET,
    seed: async () => {
      const x = await seeded(await hostileWorkbook(), await hostileWorkbook("previous"), SHEET, PREVIOUS);
      seedFormulas(x);
      return x;
    },
  },
];

/** The sheet as Excel's API shows it (used range: values, formulas, value types, number formats), with its fills and merged areas. */
async function sheetState(x: ExcelDouble, name: string) {
  const api = await Excel.run(async (c) => {
    const used = c.workbook.worksheets.getItem(name).getUsedRangeOrNullObject();
    used.load("address,values,formulas,valueTypes,numberFormat");
    await c.sync();
    return { address: used.address, values: used.values, formulas: used.formulas, valueTypes: used.valueTypes, numberFormat: used.numberFormat };
  });
  const s = x.sheet(name)!;
  const sorted = <T>(m: Map<string, T>) => [...m.entries()].sort();
  return { api, fills: sorted(s.fills), numberFormats: sorted(s.numberFormats), formulas: sorted(s.formulas), merges: s.merges, visibility: s.visibility };
}

/** Every original sheet, as it was. */
async function allSheets(x: ExcelDouble, names: string[]) {
  return Promise.all(names.map(async (n) => [n, await sheetState(x, n)] as const));
}

const rulesOf = (s: DoubleSheet) => s.conditionalFormats.map(({ id: _id, ...rule }) => rule);

/** Every string cell of a sheet the add-in wrote: [address, value, number format]. */
function strings(s: DoubleSheet): [string, OfficeValue, string | undefined][] {
  const out: [string, OfficeValue, string | undefined][] = [];
  s.values.forEach((row, r) => row.forEach((v, c) => typeof v === "string" && v !== "" && out.push([`${r + 1},${c + 1}`, v, s.numberFormats.get(`${r + 1},${c + 1}`)])));
  return out;
}

describe.each(CASES)("$name on the Office host", ({ sheet, seed }) => {
  it("format, snapshot and summary leave every original cell as it was; format and summary are idempotent", async () => {
    const x = await seed();
    const host = createExcelHost({ requirements: supported, now: today, watch: false });
    const originals = x.sheets.map((s) => s.name);
    const before = await allSheets(x, originals);
    expect(before.find(([n]) => n === sheet)![1].api.values.flat().filter((v) => v !== "").length).toBeGreaterThan(10);

    const first = ok(await host.applyFormatting({ sheet }));
    expect(first.added).toBeGreaterThan(0);
    const rules = rulesOf(x.sheet(sheet)!);
    expect(await allSheets(x, originals)).toEqual(before);
    const second = ok(await host.applyFormatting({ sheet }));
    expect(second).toEqual({ ...first, removed: first.added });
    expect(rulesOf(x.sheet(sheet)!)).toEqual(rules);
    expect(await allSheets(x, originals)).toEqual(before);

    // The snapshot sheet existed (the previous period): its earlier rows are original cells too.
    const snapshotBefore = x.sheet(SNAPSHOT_SHEET)!.values.map((row) => [...row]);
    ok(await host.takeSnapshot({ sheet, period: "-January 2022" }));
    expect(await allSheets(x, originals.filter((n) => n !== SNAPSHOT_SHEET))).toEqual(before.filter(([n]) => n !== SNAPSHOT_SHEET));
    expect(x.sheet(SNAPSHOT_SHEET)!.values.slice(0, snapshotBefore.length)).toEqual(snapshotBefore);

    const summary = ok(await host.buildPanelSummary({ sheet, period: "@January 2022", comparedWith: { kind: "snapshot", label: PREVIOUS } }));
    expect(summary.sheet).toBe("Panel Summary");
    const once = await sheetState(x, "Panel Summary");
    const charts = x.chartsOn("Panel Summary").map((c) => [c.type, c.source]);
    expect(charts.length).toBeGreaterThanOrEqual(1);
    expect(await allSheets(x, originals.filter((n) => n !== SNAPSHOT_SHEET))).toEqual(before.filter(([n]) => n !== SNAPSHOT_SHEET));

    expect(ok(await host.buildPanelSummary({ sheet, period: "@January 2022", comparedWith: { kind: "snapshot", label: PREVIOUS } })).sheet).toBe("Panel Summary");
    expect(x.sheets.filter((s) => /Panel Summary/.test(s.name)).map((s) => s.name)).toEqual(["Panel Summary"]);
    expect(await sheetState(x, "Panel Summary")).toEqual(once);
    // Its charts replaced, not added to.
    expect(x.chartsOn("Panel Summary").map((c) => [c.type, c.source])).toEqual(charts);
    expect(await allSheets(x, originals.filter((n) => n !== SNAPSHOT_SHEET))).toEqual(before.filter(([n]) => n !== SNAPSHOT_SHEET));
  });

  it("the drop-down lists leave every original cell as it was, added twice or removed", async () => {
    const x = await seed();
    const host = createExcelHost({ requirements: supported, now: today, watch: false });
    const originals = x.sheets.map((s) => s.name);
    const before = await allSheets(x, originals);
    const first = ok(await host.addValidation({ sheet }, { style: "warning" }));
    expect(first.added.length).toBeGreaterThan(0);
    const lists = JSON.stringify([...x.sheet(sheet)!.validations.entries()]);
    expect(await allSheets(x, originals)).toEqual(before);
    expect(ok(await host.addValidation({ sheet }, { style: "warning" })).replaced).toBe(first.added.length);
    expect(JSON.stringify([...x.sheet(sheet)!.validations.entries()])).toBe(lists);
    ok(await host.removeValidation({ sheet }));
    expect(x.sheet(sheet)!.validations.size).toBe(0);
    expect(await allSheets(x, originals)).toEqual(before);
  });

  it("every text written to the snapshot and the Panel Summary is text: formatted '@' before its value, never a formula", async () => {
    const x = await seed();
    const host = createExcelHost({ requirements: supported, now: today, watch: false });
    ok(await host.takeSnapshot({ sheet, period: "+Q4 2021/22" }));
    ok(await host.buildPanelSummary({ sheet, period: "=January 2022", comparedWith: { kind: "snapshot", label: PREVIOUS } }));
    for (const name of [SNAPSHOT_SHEET, "Panel Summary"]) {
      const written = strings(x.sheet(name)!);
      expect(written.filter(([, v]) => String(v).startsWith("FORMULA:"))).toEqual([]);
      for (const [cell, value, format] of written) expect([name, cell, value, format]).toEqual([name, cell, value, "@"]);
    }
    // Formula-like texts did reach both sheets: the period labels at least.
    expect(strings(x.sheet(SNAPSHOT_SHEET)!).filter(([, v]) => v === "+Q4 2021/22").length).toBe(ok(await host.listSnapshots()).find((p) => p.period === "+Q4 2021/22")!.actions);
    expect(strings(x.sheet("Panel Summary")!).some(([, v]) => String(v).includes("=January 2022"))).toBe(true);
    expect(strings(x.sheet("Panel Summary")!).some(([, v]) => String(v).includes(PREVIOUS))).toBe(true);
  });
});

describe("the hostile tracker's texts on the Office host", () => {
  it("reach the snapshot and the Panel Summary verbatim, as text", async () => {
    const x = await CASES[2].seed();
    const host = createExcelHost({ requirements: supported, now: today, watch: false });
    ok(await host.takeSnapshot({ period: "January 2022" }));
    ok(await host.buildPanelSummary({ period: "January 2022", comparedWith: { kind: "snapshot", label: PREVIOUS } }));
    const snapshot = strings(x.sheet(SNAPSHOT_SHEET)!).map(([, v]) => v);
    // References as typed (trimmed): a leading tab or CR goes with the whitespace the reader trims.
    for (const id of ["=1+1", "+2", "@3", "A4", "A5"]) expect(snapshot).toContain(id);
    const summary = strings(x.sheet("Panel Summary")!).map(([, v]) => String(v));
    for (const t of [HOSTILE_THEME, "=cmd|' /C calc'!A0", "-Theme with a minus", XSS]) expect(summary).toContain(t);
    for (const t of [HOSTILE_ACTION, HOSTILE_UPDATE, "=SUM(1,2) looks like a sum", "=formula result"]) expect(summary.some((s) => s.includes(t))).toBe(true);
    expect(summary.filter((s) => s.startsWith("FORMULA:"))).toEqual([]);
  });

  it("the double reads the seeded formulas back as Excel would, so the cell-by-cell checks see them", async () => {
    const x = await CASES[2].seed();
    const state = await sheetState(x, SHEET);
    const at = (address: string) => {
      const [r, c] = rowColumn(address);
      return { formula: state.api.formulas[r - 1][c - 1], type: state.api.valueTypes[r - 1][c - 1] };
    };
    expect(at("H3")).toEqual({ formula: "=DATE(2027,3,31)", type: "Integer" });
    expect(at("I4")).toEqual({ formula: "=1/0", type: "Error" });
    expect(at("C9")).toEqual({ formula: '="=formula "&"result"', type: "String" });
    expect(at("I5").type).toBe("Boolean");
    expect(at("H7").type).toBe("Double");
  });

  it("cell writes (RAG words, directions) go into cells formatted '@' in the same batch, whatever they start with", async () => {
    const x = ExcelDouble.fromGrids([{ name: "T", firstRow: 1, firstColumn: 1, values: [["x"]], merges: [] }]);
    uninstall = x.installMicrosoftClient();
    const texts = ["=1+1", "+44", "-5", "@SUM(A1)", "\t=tab", "\r=cr", "Amber ↑"];
    await Excel.run(async (c) => {
      queueTextWrites(
        c.workbook.worksheets.getItem("T"),
        texts.map((text, i) => ({ cell: `B${i + 1}`, text })),
      );
      await c.sync();
    });
    const sheet = x.sheet("T")!;
    expect(texts.map((_, i) => [sheet.values[i][1], sheet.numberFormats.get(`${i + 1},2`)])).toEqual(texts.map((t) => [t, "@"]));
    // The control: the same texts through Range.values into a General cell are read as formulas or numbers.
    await Excel.run(async (c) => {
      c.workbook.worksheets.getItem("T").getRange(`C1:C4`).values = texts.slice(0, 4).map((t) => [t]);
      await c.sync();
    });
    expect(sheet.values.slice(0, 4).map((row) => row[2])).toEqual(texts.slice(0, 4).map((t) => `FORMULA:${t}`));
  });
});
