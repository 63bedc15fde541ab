/**
 * The paper's charts (issue 27, scope 2): status by theme, the RAG of the actions in
 * progress and progress over the periods, on a tracker the test builds with three
 * periods given with --history. The .docx holds one PNG per chart whose alt text states
 * its figures; the .html has each chart as inline SVG named by a <title> with the
 * figures; the charts add at most two pages (the same paper through LibreOffice with
 * and without its images).
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { execFile } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { run } from "../../src/cli/run";
import { chartSpec, drawCharts, paperCharts } from "../../src/cli/charts";
import { buildPanelPaper, buildHistory, readTracker } from "../../src/model";
import type { FoundReport } from "../../src/model";
import { paperDocx } from "../../src/paper";
import { existsSync } from "node:fs";
import { chromium } from "playwright-core";
import { convertDocument, describeWithWriter } from "../support/libreoffice";

jest.setTimeout(120_000);

const ACTIONS = [
  { id: "A1", theme: "Officers", status: ["Not yet started", "In progress", "Completed"], rag: ["Red", "Amber", "Green"], update: ["Planned", "Started", "Done"] },
  { id: "A2", theme: "Officers", status: ["In progress", "In progress", "Completed"], rag: ["Amber", "Green", "Green"], update: ["Begun", "Begun", "Begun"] },
  { id: "A3", theme: "Victims", status: ["Not yet started", "Not yet started", "In progress"], rag: ["", "Red", "Amber"], update: ["", "Bid", "Bid"] },
  { id: "A4", theme: "Victims", status: ["On hold", "In progress", "In progress"], rag: ["Red", "Red", "Red"], update: ["Paused", "Paused", "Paused"] },
];

let tmp: string;
const files: string[] = [];

async function cli(...args: string[]) {
  let out = "";
  let err = "";
  const code = await run(args, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

function rows(p: number): (string | number)[][] {
  return [["Ref", "Action", "Theme", "Status", "RAG", "Update"], ...ACTIONS.map((a) => [a.id, `Action ${a.id}`, a.theme, a.status[p], a.rag[p], a.update[p]])];
}

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "dp-charts-"));
  for (let p = 0; p < 3; p++) {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet("Tracker");
    for (const r of rows(p)) ws.addRow(r);
    const file = path.join(tmp, `tracker-2021-${["06", "09", "12"][p]}.xlsx`);
    await book.xlsx.writeFile(file);
    files.push(file);
  }
});

afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

/** The December paper, its three periods given in another order. */
const args = (out: string) => ["report", files[2], "--history", files[1], "--history", files[0], "--out", out, "--as-of", "2021-12-31"];

/** The figures each chart must state, in words. */
const FIGURES = {
  themes: ["Officers: 2 Completed, 0 In progress, 0 On hold and 0 Not yet started", "Victims: 0 Completed, 2 In progress, 0 On hold and 0 Not yet started"],
  rag: ["1 Red, 1 Amber and 0 Green"],
  history: ["June 2021: 0 Completed, 1 In progress, 1 On hold and 2 Not yet started", "September 2021: 0 Completed, 3 In progress, 0 On hold and 1 Not yet started", "December 2021: 2 Completed, 2 In progress, 0 On hold and 0 Not yet started"],
};

describe("the paper's charts", () => {
  it("the .docx holds one PNG per chart, each with alt text stating its figures", async () => {
    const out = path.join(tmp, "paper.docx");
    const r = await cli(...args(out), "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).charts).toEqual(["themes", "rag", "history"]);
    const zip = await JSZip.loadAsync(await fs.readFile(out));
    const media = Object.keys(zip.files).filter((f) => f.startsWith("word/media/"));
    expect(media).toHaveLength(3);
    for (const m of media) {
      const png = await zip.file(m)!.async("uint8array");
      // A PNG, at twice the chart's size: wide enough to print sharp.
      expect([...png.slice(1, 4)].map((c) => String.fromCharCode(c)).join("")).toBe("PNG");
      expect(Buffer.from(png).readUInt32BE(16)).toBeGreaterThan(500);
    }
    const xml = await zip.file("word/document.xml")!.async("string");
    const descr = [...xml.matchAll(/<wp:docPr [^>]*descr="([^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, "&"));
    expect(descr).toHaveLength(3);
    FIGURES.themes.forEach((f) => expect(descr[0]).toContain(f));
    FIGURES.rag.forEach((f) => expect(descr[1]).toContain(f));
    FIGURES.history.forEach((f) => expect(descr[2]).toContain(f));
    // Each chart comes before the table of its figures, captioned as a figure.
    expect(xml.indexOf("Figure 1: Actions by theme and status, December 2021")).toBeLessThan(xml.indexOf("Table 1: Actions by theme and status"));
    expect(xml).toContain("Figure 3: Actions by status in each period, June 2021 to December 2021");
  });

  it("a tracker with a RAG and no status gets its themes by RAG as the first chart, not by statuses all unset", async () => {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet("Tracker");
    ws.addRow(["Ref", "Action", "Theme", "RAG"]);
    for (const [id, theme, rag] of [["1", "Officers", "Green"], ["2", "Officers", "Amber"], ["3", "Victims", "Red"], ["4", "Victims", "Green"], ["5", "Victims", "Green"], ["6", "Victims", ""]]) ws.addRow([id, `Action ${id}`, theme, rag]);
    const tracker = path.join(tmp, "rag-only.xlsx");
    await book.xlsx.writeFile(tracker);
    const out = path.join(tmp, "rag-only.docx");
    const r = await cli("report", tracker, "--out", out, "--as-of", "2021-12-31", "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).charts).toEqual(["themes"]);
    const xml = await (await JSZip.loadAsync(await fs.readFile(out))).file("word/document.xml")!.async("string");
    const descr = [...xml.matchAll(/<wp:docPr [^>]*descr="([^"]*)"/g)].map((m) => m[1]);
    expect(descr).toHaveLength(1);
    expect(descr[0]).toContain("Stacked bar chart of the actions by theme and RAG");
    expect(descr[0]).toContain("Officers: 0 Red, 1 Amber, 1 Green and 0 No RAG rating");
    expect(descr[0]).toContain("Victims: 1 Red, 0 Amber, 2 Green and 1 No RAG rating");
    expect(xml).toContain("Figure 1: Actions by theme and RAG, December 2021");
  });

  it("the .html has each chart inline as SVG, an image named by a <title> stating its figures", async () => {
    const out = path.join(tmp, "paper.html");
    expect((await cli(...args(out))).code).toBe(0);
    const html = await fs.readFile(out, "utf8");
    const svgs = html.match(/<svg\b[\s\S]*?<\/svg>/g) ?? [];
    expect(svgs).toHaveLength(3);
    const titles = svgs.map((s) => /^<svg[^>]* role="img" aria-labelledby="([^"]+)"><title id="\1">([^<]+)<\/title>/.exec(s)?.[2] ?? "");
    FIGURES.themes.forEach((f) => expect(titles[0]).toContain(f));
    FIGURES.rag.forEach((f) => expect(titles[1]).toContain(f));
    FIGURES.history.forEach((f) => expect(titles[2]).toContain(f));
    // Only the image is announced: the marks carry no roles of their own.
    for (const s of svgs) expect(s.match(/ role="/g)).toHaveLength(1);
    // Colour is never alone: each bar carries its count as text.
    expect(svgs[0]).toMatch(/<text[^>]*>2<\/text>/);
    expect(svgs[1]).toMatch(/<text[^>]*>1<\/text>/);
  });

  it("a theme that looks like code stays text in the charts: in the SVG, its title and the chart parts", async () => {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet("Tracker");
    ws.addRow(["Ref", "Action", "Theme", "Status", "RAG", "Update"]);
    ws.addRow(["A1", "x", '<script>alert(1)</script> & "q"', "Completed", "Green", "u"]);
    ws.addRow(["A2", "y", "<img src=x onerror=alert(2)>", "In progress", "Red", "u"]);
    const file = path.join(tmp, "code-2021-12.xlsx");
    await book.xlsx.writeFile(file);
    const out = path.join(tmp, "code.html");
    expect((await cli("report", file, "--out", out)).code).toBe(0);
    const html = await fs.readFile(out, "utf8");
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain("&lt;img src=x onerror=alert(2)&gt;: 0 Completed, 1 In progress");
    const xlsx = path.join(tmp, "code-summary.xlsx");
    expect((await cli("summary", file, "--out", xlsx)).code).toBe(0);
    const zip = await JSZip.loadAsync(await fs.readFile(xlsx));
    const chart = await zip.file("xl/charts/chart1_summary.xml")!.async("string");
    expect(chart).toContain("<c:v>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;</c:v>");
  });

  it("each series has its own colour, outline pattern and (on a line) shape, from the summary's colours", () => {
    const report = readTracker({ name: "Tracker", firstRow: 1, firstColumn: 1, values: rows(2), merges: [] }) as FoundReport;
    const history = buildHistory(
      [0, 1, 2].map((p) => {
        const read = readTracker({ name: "Tracker", firstRow: 1, firstColumn: 1, values: rows(p), merges: [] });
        return { label: ["June 2021", "September 2021", "December 2021"][p], actions: read.actions };
      }),
    ).entries;
    const paper = buildPanelPaper({ report, history, options: { period: "December 2021", asOf: new Date("2021-12-31"), built: new Date("2021-12-31") } });
    const charts = paperCharts(paper);
    expect(charts.map((c) => c.id)).toEqual(["themes", "rag", "history"]);
    for (const c of charts) expect(new Set(c.series.map((s) => JSON.stringify(s.dash))).size).toBe(c.series.length);
    expect(charts[0].series.find((s) => s.name === "Completed")).toMatchObject({ fill: "#C6EFCE", stroke: "#006100" });
    expect(charts[1].series.find((s) => s.name === "Red")).toMatchObject({ fill: "#C00000" });
    const line = chartSpec(charts[2]) as { encoding: { shape: { scale: { range: string[] } } } };
    expect(new Set(line.encoding.shape.scale.range).size).toBe(charts[2].series.length);
  });
});

describeWithWriter("the paper's charts through LibreOffice", () => {
  it("add at most two pages", async () => {
    const out = path.join(tmp, "pages.docx");
    expect((await cli(...args(out))).code).toBe(0);
    // The same paper without its images: the plan, written with no charts drawn.
    const report = readTracker({ name: "Tracker", firstRow: 1, firstColumn: 1, values: rows(2), merges: [] }) as FoundReport;
    const history = buildHistory([0, 1, 2].map((p) => ({ label: ["June 2021", "September 2021", "December 2021"][p], actions: readTracker({ name: "Tracker", firstRow: 1, firstColumn: 1, values: rows(p), merges: [] }).actions }))).entries;
    const paper = buildPanelPaper({ report, history, options: { period: "December 2021", asOf: new Date("2021-12-31"), built: new Date("2021-12-31") } });
    const withCharts = path.join(tmp, "with.docx");
    const without = path.join(tmp, "without.docx");
    await fs.writeFile(withCharts, await paperDocx(paper, await drawCharts(paper)));
    await fs.writeFile(without, await paperDocx(paper));
    const pages = async (docx: string) => Number(/Pages:\s+(\d+)/.exec((await promisify(execFile)("pdfinfo", [await convertDocument(docx, "pdf")])).stdout)![1]);
    const [a, b] = [await pages(withCharts), await pages(without)];
    expect(a - b).toBeGreaterThanOrEqual(0);
    expect(a - b).toBeLessThanOrEqual(2);
  });
});

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
if (!existsSync(CHROMIUM) && process.env.CI) throw new Error(`The paper's browser tests need Chromium at ${CHROMIUM}: apt-get install -y --no-install-recommends chromium.`);
const describeInBrowser = existsSync(CHROMIUM) ? describe : describe.skip;

describeInBrowser("the paper's charts in Chromium", () => {
  it("the .html with its three charts passes axe with 0 violations, each chart an image named by its figures", async () => {
    const out = path.join(tmp, "axe.html");
    expect((await cli(...args(out))).code).toBe(0);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu", "--no-first-run"] });
    try {
      const t = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await t.route("**/*", (route) => route.abort());
      await t.setContent(await fs.readFile(out, "utf8"));
      // What assistive technology is given: each chart one image, named by its title.
      const names = await t.evaluate(() => [...document.querySelectorAll("svg[role=img]")].map((s) => document.getElementById(s.getAttribute("aria-labelledby")!)?.textContent ?? ""));
      expect(names).toHaveLength(3);
      FIGURES.history.forEach((f) => expect(names[2]).toContain(f));
      await t.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
      const result = (await t.evaluate(() => (window as unknown as { axe: { run: (ctx: object, options: object) => Promise<unknown> } }).axe.run(document, { resultTypes: ["violations"] }))) as {
        violations: { id: string; help: string; nodes: { target: string[] }[] }[];
      };
      expect(result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${v.help} at ${n.target.join(" ")}`))).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
