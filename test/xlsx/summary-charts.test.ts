/**
 * Native charts in the CLI's Panel Summary (issue 27, scope 2): `summary --out` over a
 * tracker with three periods (--history) writes xl/charts/chart1..3_summary.xml, whose every
 * reference points at the summary's own tables (the cells there hold what each chart's
 * cache holds), anchored by one drawing of the sheet; LibreOffice reads them (its own
 * .xlsx of the file keeps three charts) and a second run replaces the sheet and its charts.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { run } from "../../src/cli/run";
import { convert, describeWithLibreOffice } from "../support/libreoffice";

jest.setTimeout(120_000);

const ACTIONS = [
  { id: "A1", theme: "Officers", status: ["Not yet started", "In progress", "Completed"], rag: ["Red", "Amber", "Green"] },
  { id: "A2", theme: "Officers", status: ["In progress", "In progress", "Completed"], rag: ["Amber", "Green", "Green"] },
  { id: "A3", theme: "Victims", status: ["Not yet started", "Not yet started", "In progress"], rag: ["", "Red", "Amber"] },
  { id: "A4", theme: "Victims", status: ["On hold", "In progress", "In progress"], rag: ["Red", "Red", "Red"] },
];

let tmp: string;
const files: string[] = [];

async function cli(...args: string[]) {
  let out = "";
  let err = "";
  const code = await run(args, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "dp-xlsx-charts-"));
  for (let p = 0; p < 3; p++) {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet("Tracker");
    ws.addRow(["Ref", "Action", "Theme", "Status", "RAG", "Update"]);
    for (const a of ACTIONS) ws.addRow([a.id, `Action ${a.id}`, a.theme, a.status[p], a.rag[p], ""]);
    const file = path.join(tmp, `tracker-2021-${["06", "09", "12"][p]}.xlsx`);
    await book.xlsx.writeFile(file);
    files.push(file);
  }
});

afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

async function summary(out: string, from = files[2]) {
  const r = await cli("summary", from, "--history", files[0], "--history", files[1], "--out", out, "--as-of", "2021-12-31", "--json");
  expect(r.code).toBe(0);
  return JSON.parse(r.out);
}

/** Every cell reference of a chart part, with the values its cache holds there. */
function references(xml: string): { ref: string; cached: string[] }[] {
  return [...xml.matchAll(/<c:f>([^<]+)<\/c:f><c:(?:str|num)Cache>(.*?)<\/c:(?:str|num)Cache>/g)].map((m) => ({
    ref: m[1].replace(/&apos;/g, "'"),
    cached: [...m[2].matchAll(/<c:v>([^<]*)<\/c:v>/g)].map((v) => v[1]),
  }));
}

describe("the Panel Summary's native charts", () => {
  it("three chart parts, each pointing at the summary's own tables", async () => {
    const out = path.join(tmp, "summary.xlsx");
    const json = await summary(out);
    expect(json.panelSummary.charts).toBe(3);
    const zip = await JSZip.loadAsync(await fs.readFile(out));
    const parts = Object.keys(zip.files).filter((f) => /^xl\/charts\/chart.*\.xml$/.test(f)).sort();
    expect(parts).toEqual(["xl/charts/chart1_summary.xml", "xl/charts/chart2_summary.xml", "xl/charts/chart3_summary.xml"]);
    const types = await zip.file("[Content_Types].xml")!.async("string");
    for (const p of parts) expect(types).toContain(`PartName="/${p}"`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const ws = book.getWorksheet("Panel Summary")!;
    const kinds: string[] = [];
    for (const p of parts) {
      const xml = await zip.file(p)!.async("string");
      kinds.push(/<c:(barChart|lineChart)>/.exec(xml)![1] + (/<c:barDir val="(\w+)"/.exec(xml)?.[1] ?? ""));
      const refs = references(xml);
      expect(refs.length).toBeGreaterThan(2);
      for (const { ref, cached } of refs) {
        // On the summary sheet, and the cells there hold what the chart shows.
        expect(ref).toMatch(/^'Panel Summary'!\$[A-Z]+\$\d+(:\$[A-Z]+\$\d+)?$/);
        const [, from, to] = /!(\$[A-Z]+\$\d+)(?::(\$[A-Z]+\$\d+))?/.exec(ref)!;
        const a = ws.getCell(from.replace(/\$/g, ""));
        const b = ws.getCell((to ?? from).replace(/\$/g, ""));
        const cells = Array.from({ length: Number(b.row) - Number(a.row) + 1 }, (_, i) => String(ws.getCell(Number(a.row) + i, Number(a.col)).value));
        expect(cells).toEqual(cached);
      }
    }
    expect(kinds).toEqual(["barChartbar", "barChartcol", "lineChart"]);
    // Status by theme: the themes and the counts of the tracker, the total row left out.
    const themes = references(await zip.file(parts[0])!.async("string"));
    expect(themes.find((r) => r.cached.includes("Officers"))!.cached).toEqual(["Officers", "Victims"]);
    // The history: the three periods, oldest first.
    const history = references(await zip.file(parts[2])!.async("string"));
    expect(history.find((r) => r.cached.includes("June 2021"))!.cached).toEqual(["June 2021", "September 2021", "December 2021"]);
    // One drawing on the summary sheet anchors them.
    const drawing = await zip.file("xl/drawings/drawing1.xml")!.async("string");
    expect(drawing.match(/<xdr:twoCellAnchor/g)).toHaveLength(3);
  });

  it("a second summary of the copy replaces the sheet, and its charts with it", async () => {
    const first = path.join(tmp, "first.xlsx");
    await summary(first);
    const second = path.join(tmp, "second.xlsx");
    // The copy written before is the tracker now: its summary sheet is ours, replaced.
    const r = await cli("summary", first, "--history", files[0], "--history", files[1], "--out", second, "--as-of", "2021-12-31", "--period", "December 2021", "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).panelSummary.replaced).toBe("Panel Summary");
    // Our own charts are not among the parts a copy leaves out: they are drawn again.
    expect(r.err).toBe("");
    const zip = await JSZip.loadAsync(await fs.readFile(second));
    expect(Object.keys(zip.files).filter((f) => /^xl\/charts\/chart.*\.xml$/.test(f))).toHaveLength(3);
  });
});

describe("charts only of what the tracker holds", () => {
  it("a tracker with no RAG column and one period: the themes' chart alone", async () => {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet("Tracker");
    ws.addRow(["Ref", "Action", "Theme", "Status"]);
    for (const a of ACTIONS) ws.addRow([a.id, `Action ${a.id}`, a.theme, a.status[2]]);
    const file = path.join(tmp, "no-rag-2021-12.xlsx");
    await book.xlsx.writeFile(file);
    const out = path.join(tmp, "no-rag-summary.xlsx");
    const r = await cli("summary", file, "--out", out, "--as-of", "2021-12-31", "--json");
    expect(JSON.parse(r.out).panelSummary.charts).toBe(1);
    const zip = await JSZip.loadAsync(await fs.readFile(out));
    const parts = Object.keys(zip.files).filter((f) => /^xl\/charts\/chart.*\.xml$/.test(f));
    expect(parts).toHaveLength(1);
    expect(await zip.file(parts[0])!.async("string")).toContain('<c:barDir val="bar"/><c:grouping val="stacked"/>');
  });
});

describeWithLibreOffice("the Panel Summary's charts in LibreOffice", () => {
  it("LibreOffice reads the three charts: its own .xlsx of the file keeps them", async () => {
    const out = path.join(tmp, "for-libreoffice.xlsx");
    await summary(out);
    const again = await convert(out, "xlsx");
    const zip = await JSZip.loadAsync(await fs.readFile(again));
    const charts = Object.keys(zip.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f));
    expect(charts).toHaveLength(3);
    const xml = (await Promise.all(charts.map((c) => zip.file(c)!.async("string")))).join("");
    expect(xml).toContain("Panel Summary");
    expect(xml).toMatch(/<c:lineChart>/);
  });
});
