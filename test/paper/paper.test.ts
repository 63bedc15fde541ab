/**
 * The panel paper: `delivery-plan report` on the samples, read back as
 * a reader gets it — the .docx through LibreOffice Writer (PDF and text), its XML through JSZip,
 * the .html through axe in Chromium — and on a pair of workbooks the test builds.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import JSZip from "jszip";
import { chromium } from "playwright-core";
import { run } from "../../src/cli/run";
import { readTracker } from "../../src/model";
import { readWorkbookGrids } from "../../src/xlsx";
import { CAMBS, HERTS, HERTS_JUNE, workbookBuffer } from "../support/factories";
import { convertDocument, describeWithWriter } from "../support/libreoffice";

jest.setTimeout(180_000);

const SEED_FIXTURE = path.resolve(__dirname, "../fixtures/herts-seed-summary.txt");
const SENTENCE = "Of the 97 actions, 45 are complete (38 in June 2021), 52 are in progress (55 in June 2021) and none are on hold or not yet started (4 in June 2021).";
const HEADINGS = [
  "Monitoring the delivery of the Police and Crime Plan",
  "1. Purpose",
  "2. Recommendation",
  "3. Summary",
  "4. Status against June 2021",
  "5. Actions by theme and status",
  "6. RAG of the actions in progress",
  "7. Direction of travel",
  "8. Exceptions",
  "Appendix 1 – Delivery Plan: actions to deliver the Police and Crime Plan",
];
const THEMES = [
  "Building on Success: Constabulary / partner actions",
  "Public Focus: Constabulary / partner actions",
  "Public Focus: OPCC actions",
  "Business Sense: Constabulary / partner actions",
  "Business Sense: OPCC actions",
];

let tmp: string;
let docx: string;
let html: string;
let trackerSha: string;
const sha = async (file: string) => createHash("sha256").update(await fs.readFile(file)).digest("hex");
const flat = (text: string) => text.replace(/\s+/g, " ");

async function cli(...args: string[]) {
  let out = "";
  let err = "";
  const code = await run(args, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) }, new Date(Date.UTC(2021, 11, 1)));
  return { code, out, err };
}

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "dp-paper-"));
  docx = path.join(tmp, "paper.docx");
  html = path.join(tmp, "paper.html");
  trackerSha = await sha(HERTS);
  // As the issue asks: no --previous-label; June 2021 is read from the earlier workbook.
  const a = await cli("report", HERTS, "--previous", HERTS_JUNE, "--as-of", "2021-11-30", "--out", docx);
  expect(a).toMatchObject({ code: 0, err: "" });
  expect(a.out).toContain("Appendix 1 with all 97 actions");
  const b = await cli("report", HERTS, "--previous", HERTS_JUNE, "--as-of", "2021-11-30", "--out", html, "--json");
  expect(b.code).toBe(0);
  expect(JSON.parse(b.out)).toMatchObject({ format: "html", period: "November 2021", previous: "June 2021", appendixActions: 97, sections: HEADINGS.slice(1) });
});

describe("delivery-plan report", () => {
  it("only reads the tracker, and refuses an --out that is not .docx or .html, or is the tracker", async () => {
    expect(await sha(HERTS)).toBe(trackerSha);
    const bad = await cli("report", HERTS, "--out", path.join(tmp, "paper.pdf"));
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/should end in \.docx .* or \.html/);
    expect((await cli("report", HERTS)).err).toMatch(/give it with --out/);
    const copy = path.join(tmp, "tracker.html");
    await fs.copyFile(HERTS, copy);
    expect((await cli("report", copy, "--out", copy)).err).toMatch(/never overwritten/);
  });
});

describeWithWriter("the .docx through LibreOffice Writer", () => {
  let pdfText: string;
  let pages: string[];
  let pdf: string;
  let text: string;
  beforeAll(async () => {
    pdf = await convertDocument(docx, "pdf");
    pdfText = (await promisify(execFile)("pdftotext", [pdf, "-"], { maxBuffer: 64 * 1024 * 1024 })).stdout;
    pages = pdfText.split("\f");
    text = await fs.readFile(await convertDocument(docx, "txt"), "utf8");
  });

  it("converts to PDF holding the headings, the seed's sentence and list word for word", async () => {
    const all = flat(pdfText);
    for (const h of HEADINGS) expect(all).toContain(h);
    expect(all).toContain(SENTENCE);
    const seed = (await fs.readFile(SEED_FIXTURE, "utf8")).split("\n").filter((l) => l.trim() && !l.startsWith("#"));
    for (const line of seed) expect(all).toContain(line.replace(/^- /, ""));
    expect(all).toContain("(38 in June 2021)");
  });

  it("puts the appendix on landscape pages, the report on portrait ones", async () => {
    const { stdout } = await promisify(execFile)("pdfinfo", ["-f", "1", "-l", String(pages.length), pdf]);
    const sizes = [...stdout.matchAll(/Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+)/g)].map((m) => ({ page: Number(m[1]), landscape: Number(m[2]) > Number(m[3]) }));
    const appendix = pages.findIndex((p) => flat(p).includes(HEADINGS[HEADINGS.length - 1])) + 1;
    expect(appendix).toBeGreaterThan(1);
    expect(sizes.filter((s) => s.page < appendix).every((s) => !s.landscape)).toBe(true);
    expect(sizes.filter((s) => s.page >= appendix && s.page <= sizes.length).every((s) => s.landscape)).toBe(true);
  });

  it("holds all 97 actions in the appendix, each with its update marked in words", async () => {
    const lines = text.split(/\r?\n/).map((l) => l.trim().replace(/^\uFEFF/, ""));
    const start = lines.indexOf(HEADINGS[HEADINGS.length - 1]);
    expect(start).toBeGreaterThan(0);
    const appendix = lines.slice(start);
    const [grid] = await readWorkbookGrids(HERTS);
    const actions = readTracker(grid).actions;
    expect(actions).toHaveLength(97);
    for (const a of actions) expect(appendix).toContain(a.action.replace(/\s+/g, " ").trim());
    for (const theme of THEMES) expect(appendix).toContain(theme);
    // Every row says whether its update is new (the samples' updates are word for word the same).
    expect(appendix.filter((l) => l === "No new update since June 2021")).toHaveLength(97);
    // The exceptions, before the appendix, say so for the 52 actions still in progress.
    expect(lines.slice(0, start).filter((l) => l.includes("No new update since June 2021"))).toHaveLength(52 + 1);
  });
});

describe("the .docx's XML", () => {
  let files: Record<string, string>;
  beforeAll(async () => {
    const zip = await JSZip.loadAsync(await fs.readFile(docx));
    files = {};
    for (const name of ["word/document.xml", "word/styles.xml", "docProps/core.xml"]) files[name] = await zip.file(name)!.async("string");
  });

  it("uses real heading styles: the Title, Heading 1 for each part, Heading 2 for each theme", () => {
    const styles = files["word/styles.xml"];
    for (const id of ["Title", "Heading1", "Heading2"]) expect(styles).toMatch(new RegExp(`<w:style [^>]*w:styleId="${id}"`));
    const used = [...files["word/document.xml"].matchAll(/<w:pStyle w:val="([^"]+)"\/>/g)].map((m) => m[1]);
    expect(used.filter((s) => s === "Title")).toHaveLength(1);
    expect(used.filter((s) => s === "Heading1")).toHaveLength(HEADINGS.length - 1);
    expect(used.filter((s) => s === "Heading2")).toHaveLength(THEMES.length);
  });

  it("marks the first row of every table as its header row (w:tblHeader), repeated on each page", () => {
    const tables = files["word/document.xml"].split("<w:tbl>").slice(1);
    expect(tables).toHaveLength(6 + THEMES.length);
    for (const t of tables) {
      const rows = t.split("<w:tr>").slice(1);
      expect(rows[0]).toMatch(/^<w:trPr>(?:(?!<\/w:trPr>).)*<w:tblHeader\/>/);
      expect(rows.slice(1).some((r) => r.includes("<w:tblHeader"))).toBe(false);
    }
  });

  it("sets the language en-GB and the title in the document's properties", () => {
    expect(files["word/styles.xml"]).toMatch(/<w:docDefaults>.*<w:lang w:val="en-GB"\/>.*<\/w:docDefaults>/s);
    expect(files["docProps/core.xml"]).toContain("<dc:title>Monitoring the delivery of the Police and Crime Plan: November 2021</dc:title>");
  });

  it("has no empty paragraph or cell, and no colour without a word", () => {
    const xml = files["word/document.xml"];
    const paragraphs = xml.match(/<w:p>.*?<\/w:p>/gs) ?? [];
    expect(paragraphs.length).toBeGreaterThan(500);
    expect(paragraphs.filter((p) => !/<w:t[^>]*>[^<]*\S/.test(p))).toEqual([]);
    const cells = xml.match(/<w:tc>.*?<\/w:tc>/gs) ?? [];
    const coloured = cells.filter((c) => /<w:shd [^>]*w:fill="(?!D9D9D9)[0-9A-F]{6}"/.test(c));
    expect(coloured.length).toBeGreaterThan(97);
    for (const c of coloured) expect(c).toMatch(/<w:t[^>]*>[^<]*[A-Za-z]/);
    // The report on portrait pages, then the appendix in a landscape section.
    expect([...xml.matchAll(/<w:pgSz [^>]*w:orient="(\w+)"/g)].map((m) => m[1])).toEqual(["portrait", "landscape"]);
  });
});

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
if (!existsSync(CHROMIUM) && process.env.CI) throw new Error(`The paper's axe test needs Chromium at ${CHROMIUM}: apt-get install -y --no-install-recommends chromium.`);
const describeInBrowser = existsSync(CHROMIUM) ? describe : describe.skip;

describeInBrowser("the .html in Chromium", () => {
  it("is one self-contained page with semantic headings and table headers, and passes axe with 0 violations", async () => {
    const page = await fs.readFile(html, "utf8");
    expect(page).toMatch(/^<!DOCTYPE html>\n<html lang="en-GB">/);
    expect(page).not.toMatch(/<script|<link|<img|src=|href=/i);
    expect(page.match(/<table>/g)).toHaveLength(6 + THEMES.length);
    expect(page.match(/<caption>/g)).toHaveLength(6 + THEMES.length);
    expect(page).toContain('<th scope="col">Reference</th>');
    expect(page).toMatch(/<th scope="row"[^>]*>Completed<\/th>/);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    try {
      const tab = await browser.newPage();
      await tab.route("**/*", (route) => route.abort());
      await tab.setContent(page);
      expect(await tab.evaluate(() => [...document.querySelectorAll("h1, h2, h3")].map((h) => `${h.tagName} ${h.textContent}`))).toEqual([
        `H1 ${HEADINGS[0]}`,
        ...HEADINGS.slice(1, -1).map((h) => `H2 ${h}`),
        `H2 ${HEADINGS[HEADINGS.length - 1]}`,
        ...THEMES.map((t) => `H3 ${t}`),
      ]);
      await tab.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
      const result = (await tab.evaluate(() =>
        (window as unknown as { axe: { run: (ctx: object, options: object) => Promise<unknown> } }).axe.run(document, { resultTypes: ["violations"] }),
      )) as { violations: { id: string; help: string; nodes: { target: string[] }[] }[]; passes: unknown[] };
      expect(result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${v.help} at ${n.target.join(" ")}`))).toEqual([]);
      expect(result.passes.length).toBeGreaterThan(10);
    } finally {
      await browser.close();
    }
  });
});

describe("the paper of a pair of workbooks the test builds", () => {
  it("marks each update in words, lists the unchanged open ones as exceptions, and escapes the tracker's text", async () => {
    const header = ["Ref", "Theme", "Action", "Lead", "Status", "RAG", "Update"];
    const before = path.join(tmp, "plan-2021-06.xlsx");
    const now = path.join(tmp, "plan-2021-11.xlsx");
    await fs.writeFile(
      before,
      await workbookBuffer({
        rows: [
          header,
          ["A1", "Victims", "Fund services", "NP", "In progress", "Amber", "Started"],
          ["A2", "Victims", "Hold meetings", "NP", "In progress", "Green", "Meeting held."],
          ["A3", "Offenders", "Open the station", "CS", "Completed", "Green", "Done"],
        ],
      }),
    );
    await fs.writeFile(
      now,
      await workbookBuffer({
        rows: [
          header,
          ["A1", "Victims", "Fund services", "NP", "In progress", "Amber", "Started; funding agreed."],
          ["A2", "Victims", "Hold meetings", "NP", "In progress", "Green", "Meeting held."],
          ["A3", "Offenders", "Open the station", "CS", "Completed", "Green", "Done"],
          ["A4", "Offenders", "<b>New</b> & scheme", "CS", "In progress", "Red", "<script>alert(1)</script>"],
        ],
      }),
    );
    const out = path.join(tmp, "pair.html");
    const r = await cli("report", now, "--previous", before, "--as-of", "2021-11-30", "--organisation", "Test OPCC", "--out", out, "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ previous: "June 2021", period: "November 2021", appendixActions: 4, updates: { updated: 1, notUpdated: 2, new: 1 } });
    const page = await fs.readFile(out, "utf8");
    const rows = [...page.matchAll(/<tr><td>(A\d)<\/td>(.*?)<\/tr>/g)].map((m) => [m[1], m[2]]);
    const lastCell = (id: string) => /<td>([^<]*)<\/td>$/.exec(rows.filter(([r]) => r === id).pop()![1])![1];
    expect(lastCell("A1")).toBe("Updated since June 2021");
    expect(lastCell("A2")).toBe("No new update since June 2021");
    expect(lastCell("A3")).toBe("No new update since June 2021");
    expect(lastCell("A4")).toBe("New since June 2021");
    // Exceptions: A2 (in progress, unchanged) has no new update; A3 is complete; A4 is new (and Red).
    const exceptions = page.slice(page.indexOf("<h2>8. Exceptions</h2>"), page.indexOf('<section class="appendix">'));
    expect(exceptions).toContain("<td>A2</td>");
    expect(exceptions).not.toContain("<td>A3</td>");
    // A2's reason, once (A1 is Amber but updated); A4 is listed as Red, not for its update.
    expect(exceptions.match(/No new update since June 2021/g)).toHaveLength(1);
    expect(exceptions).toContain("<td>A4</td>");
    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(page).toContain("&lt;b&gt;New&lt;/b&gt; &amp; scheme");
    expect(page).toContain('<p class="subtitle">Test OPCC</p>');
  });

  it("writes Cambridgeshire's paper without a previous period: its leads, its RAG from fills, its arrows", async () => {
    const out = path.join(tmp, "cambs.html");
    const r = await cli("report", CAMBS, "--as-of", "2018-11-30", "--out", out, "--json");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({ period: "November 2018", previous: null, appendixActions: 40 });
    const page = await fs.readFile(out, "utf8");
    expect(page).toContain('<th scope="col">Lead</th>');
    expect(page).not.toContain("Update since");
    expect(page).toMatch(/<td style="background-color:#C00000;color:#FFFFFF">Red<\/td>/);
    expect(page).toContain("↑ improved");
  });
});
