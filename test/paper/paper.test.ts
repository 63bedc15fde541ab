/**
 * The panel paper: `delivery-plan report` on the samples, read back as a reader gets it — the
 * .docx through LibreOffice Writer to PDF and `pdftotext`, its XML through JSZip, the .html in
 * Chromium (on screen, printed to PDF, and through axe) — and on workbooks the test builds.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { chromium } from "playwright-core";
import type { Browser } from "playwright-core";
import { run } from "../../src/cli/run";
import { readTracker } from "../../src/model";
import { readWorkbookGrids } from "../../src/xlsx";
import { CAMBS, HERTS, HERTS_JUNE, SAMPLES, workbookBuffer } from "../support/factories";
import { convertDocument, describeWithWriter } from "../support/libreoffice";

jest.setTimeout(240_000);

/** Every key of the paper's settings, given. */
const SETTINGS = {
  panel: "Hertfordshire Police and Crime Panel",
  meetingDate: "2022-01-12",
  agendaItem: 7,
  reportOf: "the Police and Crime Commissioner for Hertfordshire",
  contactOfficer: "Alex Example",
  contactDetails: "alex.example@example.org 01234 567890",
  purpose: "This report enables the Panel to review the progress against the actions of the Plan.",
  recommendation: "The Panel is recommended to note the report.",
  termsOfReference: "To support the effective exercise of the functions of the Police and Crime Commissioner.",
  background: ["The Plan has 97 actions.", "The Panel asked for this report each quarter."],
  commentary: ["Commentary written by the officer for this test."],
  backgroundDocuments: [{ title: "Everybody's Business (2019-2024)", url: "https://example.org/plan" }],
  organisation: "Hertfordshire OPCC",
  exceptions: ["red", "deteriorated", "overdue", "no-update", "no-new-update"],
  figures: "sentence",
};
const COVER = [
  "Hertfordshire Police and Crime Panel",
  "Agenda Item No. 7",
  "12 January 2022",
  "Public Report",
  "Report of the Police and Crime Commissioner for Hertfordshire",
  "Contact Officer – Alex Example",
  "Contact Details – alex.example@example.org 01234 567890",
];
const SENTENCE = "Of the 97 actions, 45 are complete (38 in June 2021), 52 are in progress (55 in June 2021) and none are on hold or not yet started (4 in June 2021).";
const THEMES = [
  "Building on Success: Constabulary / partner actions",
  "Public Focus: Constabulary / partner actions",
  "Public Focus: OPCC actions",
  "Business Sense: Constabulary / partner actions",
  "Business Sense: OPCC actions",
];
const HEADINGS = [
  "1. Purpose",
  "2. Recommendation",
  "3. Terms of reference",
  "4. Background",
  "5. Delivery against the Police and Crime Plan",
  "6. Exceptions",
  "7. Background documents",
  "8. Appendices",
  "Appendix 1 – Delivery Plan: actions to deliver the Police and Crime Plan",
];
/** Table header words that must never break inside themselves. */
const HEADER_WORDS = ["Reference", "Direction", "Completed", "progress", "started", "statuses", "Update"];
const CAMBS_REFS = [..."V".repeat(9)].map((v, i) => `V${i + 1}`).concat([...Array(11)].map((_, i) => `O${i + 1}`), [...Array(10)].map((_, i) => `C${i + 1}`), [...Array(10)].map((_, i) => `T${i + 1}`));

let tmp: string;
let trackerSha: string;
const files: Record<string, string> = {};
const sha = async (file: string) => createHash("sha256").update(await fs.readFile(file)).digest("hex");
const flat = (text: string) => text.replace(/\s+/g, " ");
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

async function cli(...args: string[]) {
  let out = "";
  let err = "";
  const code = await run(args, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) }, new Date(Date.UTC(2026, 11, 7)));
  return { code, out, err };
}

async function pdfText(pdf: string): Promise<string> {
  return (await promisify(execFile)("pdftotext", [pdf, "-"], { maxBuffer: 64 * 1024 * 1024 })).stdout;
}

async function pageCount(pdf: string): Promise<number> {
  return Number(/Pages:\s+(\d+)/.exec((await promisify(execFile)("pdfinfo", [pdf])).stdout)![1]);
}

/** Each header word broken inside itself across lines ("Refere|nce"), as found in a text. */
function brokenWords(text: string): string[] {
  const found: string[] = [];
  for (const w of HEADER_WORDS)
    for (let k = 1; k < w.length; k++) if (new RegExp(`(^|[^A-Za-z])${escape(w.slice(0, k))}-?[ \\t]*\\n\\s*${escape(w.slice(k))}([^A-Za-z]|$)`).test(text)) found.push(`${w.slice(0, k)}|${w.slice(k)}`);
  return found;
}

/** The running head of Hertfordshire's paper. */
const SHORT_TITLE = "Monitoring the delivery of the Police and Crime Plan, November 2021";

/** The text of one page of a PDF. */
async function pageText(file: string, page: number): Promise<string> {
  const { stdout } = await promisify(execFile)("pdftotext", ["-layout", "-f", String(page), "-l", String(page), file, "-"]);
  return stdout;
}

/** The lines of the appendix (from its first table on) that are exactly a reference. */
function appendixReferences(text: string, pattern: RegExp): string[] {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  return lines.slice(lines.findIndex((l) => l.startsWith("Table A1:"))).filter((l) => pattern.test(l));
}

/** The June 2021 sample with November's update text: every update unchanged, as the old sample had it (test data only). */
async function juneWithNovembersUpdates(file: string): Promise<void> {
  const [november] = await readWorkbookGrids(HERTS);
  const updates = new Map(readTracker(november).actions.map((a) => [a.id, a.update]));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(HERTS_JUNE);
  const ws = wb.worksheets[0];
  ws.eachRow((row, r) => {
    const id = String(row.getCell(1).value ?? "").trim();
    if (r > 4 && updates.has(id)) row.getCell(4).value = updates.get(id)!;
  });
  await wb.xlsx.writeFile(file);
}

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "dp-paper-"));
  trackerSha = await sha(HERTS);
  const settings = path.join(tmp, "settings.json");
  await fs.writeFile(settings, JSON.stringify(SETTINGS));
  files.hertsDocx = path.join(tmp, "herts.docx");
  files.hertsHtml = path.join(tmp, "herts.html");
  files.cambsDocx = path.join(tmp, "cambs.docx");
  const a = await cli("report", HERTS, "--previous", HERTS_JUNE, "--as-of", "2021-11-30", "--paper-settings", settings, "--out", files.hertsDocx);
  expect(a).toMatchObject({ code: 0, err: "" });
  expect(a.out).toContain("Appendix 1 with all 97 actions");
  const b = await cli("report", HERTS, "--previous", HERTS_JUNE, "--as-of", "2021-11-30", "--paper-settings", settings, "--out", files.hertsHtml, "--json");
  expect(b.code).toBe(0);
  expect(JSON.parse(b.out)).toMatchObject({ format: "html", period: "November 2021", previous: "June 2021", appendixActions: 97, sections: HEADINGS, missing: [] });
  // Cambridgeshire with the words of its own paper of 14 November 2018 (samples/cambs-paper-settings.json), every key given, and no --as-of.
  const cambsSettings = {
    ...JSON.parse(await fs.readFile(path.join(SAMPLES, "cambs-paper-settings.json"), "utf8")),
    organisation: "Cambridgeshire OPCC",
    exceptions: SETTINGS.exceptions,
    figures: "sentence",
  };
  expect(Object.keys(cambsSettings).sort()).toEqual(Object.keys(SETTINGS).sort());
  await fs.writeFile(path.join(tmp, "cambs-settings.json"), JSON.stringify(cambsSettings));
  const c = await cli("report", CAMBS, "--paper-settings", path.join(tmp, "cambs-settings.json"), "--out", files.cambsDocx, "--json");
  expect(c.code).toBe(0);
  expect(JSON.parse(c.out)).toMatchObject({ period: "November 2018", position: { asOf: "2018-11-30", from: "period" }, appendixActions: 40, missing: [] });
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
    expect((await cli("summary", HERTS, "--paper-settings", "x.json")).err).toContain("--paper-settings is for report, not summary");
  });

  it("stops with one line naming the settings file and the key when the file cannot be used", async () => {
    const out = path.join(tmp, "never.html");
    const tried = async (json: string) => {
      const file = path.join(tmp, "bad.json");
      await fs.writeFile(file, json);
      const r = await cli("report", HERTS, "--paper-settings", file, "--out", out);
      expect(r.code).toBe(2);
      expect(r.out).toBe("");
      expect(r.err.trim().split("\n")).toHaveLength(1);
      return r.err.replace(file, "FILE").trim();
    };
    expect(await tried('{"contactOfficer": ["a", "b"]}')).toBe('delivery-plan: --paper-settings FILE: "contactOfficer" should be a text.');
    expect(await tried('{"panel": "P", "meeting": "today"}')).toMatch(/^delivery-plan: --paper-settings FILE: "meeting" is not a paper setting; the settings are /);
    expect(await tried('{"backgroundDocuments": [{"title": "x", "url": "javascript:alert(1)"}]}')).toContain('"backgroundDocuments[0].url" should be a web address');
    expect(await tried("{panel: 1}")).toMatch(/^delivery-plan: --paper-settings FILE: not valid JSON \(/);
    const missing = await cli("report", HERTS, "--paper-settings", path.join(tmp, "none.json"), "--out", out);
    expect(missing.err.trim()).toBe(`delivery-plan: --paper-settings ${path.join(tmp, "none.json")}: there is no such file.`);
    expect(existsSync(out)).toBe(false);
  });

  it("lists the words not given, shown as placeholders; gives Cambridgeshire's position as its own period, and warns of a date far from it", async () => {
    const out = path.join(tmp, "cambs-bare.html");
    const r = await cli("report", CAMBS, "--out", out);
    expect(r.code).toBe(0);
    expect(r.err).toBe("");
    expect(r.out).toContain("Position as at 30 November 2018 (the end of the tracker's period, November 2018; --as-of gives another date).");
    expect(r.out).toContain(
      'Not given, so shown as placeholders such as "[Contact officer]": Panel (panel), Meeting date (meetingDate), Agenda item (agendaItem), Contact officer (contactOfficer), Contact details (contactDetails), Background (background), Commentary (commentary), Background document (backgroundDocuments).',
    );
    const page = await fs.readFile(out, "utf8");
    expect(page).toContain("Position as at 30 November 2018");
    expect(page).not.toContain("2026");
    expect(page).toContain("<mark>[Contact officer]</mark>");
    const late = await cli("report", CAMBS, "--as-of", "2026-12-07", "--out", out);
    expect(late.code).toBe(0);
    expect(late.err.trim()).toBe(
      "delivery-plan: warning: the position date, 7 December 2026, is more than a quarter after the tracker's own period, November 2018 (to 30 November 2018); the paper is as at 7 December 2026, as asked.",
    );
  });

  it("lists at most 15 exceptions in the body, the most serious first, and counts the rest", async () => {
    // The shipped June sample keeps no update text: only the two overdue actions are exceptions.
    const shipped = await fs.readFile(files.hertsHtml, "utf8");
    const body = (page: string) => {
      const from = page.search(/<h2>\d+\. Exceptions<\/h2>/);
      return page.slice(from, page.indexOf("<h2>", from + 4));
    };
    expect([...body(shipped).matchAll(/<tr><td>(\d+)<\/td>/g)].map((m) => m[1])).toEqual(["35", "96"]);
    expect(shipped).toContain("Whether each update is new since June 2021 cannot be said: no update text is kept for June 2021.");
    // A June with November's update text: 52 actions in progress with no new update, two of them overdue.
    const june = path.join(tmp, "june-with-updates.xlsx");
    await juneWithNovembersUpdates(june);
    const out = path.join(tmp, "herts-52.html");
    const r = await cli("report", HERTS, "--previous", june, "--as-of", "2021-11-30", "--out", out, "--json");
    expect(JSON.parse(r.out)).toMatchObject({ exceptions: 52, exceptionsInBody: 15 });
    const page = await fs.readFile(out, "utf8");
    const listed = [...body(page).matchAll(/<tr><td>(\d+)<\/td>/g)].map((m) => m[1]);
    expect(listed).toHaveLength(15);
    expect(listed.slice(0, 2)).toEqual(["35", "96"]);
    expect(flat(body(page))).toContain("The other 37 actions, in Appendix 1: 37 still open with no new update since June 2021.");
    const appendix = page.slice(page.indexOf('<section class="appendix">'));
    expect(appendix.match(/<td>(Overdue; )?No new update<\/td><\/tr>/g)).toHaveLength(52);
  });

  it("reads the officer's words from the workbook's Panel paper sheet; a settings file wins key by key", async () => {
    const tracker = path.join(tmp, "with-paper-sheet.xlsx");
    await fs.writeFile(
      tracker,
      await workbookBuffer(
        { rows: [["Ref", "Action", "Status", "Update"], ["A1", "Fund services", "In progress", "Started"]] },
        {
          name: "Panel paper",
          rows: [
            ["Setting", "Value", "Link"],
            ["Panel", "Sheet Police and Crime Panel"],
            ["Contact officer", "Sam Sheet"],
            ["Background", "From the sheet."],
            ["Background document", "The Plan", "https://example.org/plan"],
            ["Colour", "blue"],
          ],
        },
      ),
    );
    const file = path.join(tmp, "officer.json");
    await fs.writeFile(file, JSON.stringify({ contactOfficer: "Fran File" }));
    const out = path.join(tmp, "sheet.html");
    const r = await cli("report", tracker, "--paper-settings", file, "--as-of", "2021-11-30", "--out", out);
    expect(r.code).toBe(0);
    expect(r.err.trim()).toMatch(/^delivery-plan: warning: Panel paper!A6: "Colour" is not a paper setting; the labels are /);
    const page = await fs.readFile(out, "utf8");
    expect(page).toContain("Sheet Police and Crime Panel");
    expect(page).toContain("Contact Officer – Fran File");
    expect(page).not.toContain("Sam Sheet");
    expect(page).toContain('<p class="numbered"><span class="number">3.1</span>From the sheet.</p>');
    expect(page).toContain('<p class="document">The Plan<br><a href="https://example.org/plan">https://example.org/plan</a></p>');
  });
});

describeWithWriter("the .docx through LibreOffice Writer, read from the PDF", () => {
  const pdfs: Record<string, { text: string; pages: number; file: string }> = {};
  beforeAll(async () => {
    for (const name of ["hertsDocx", "cambsDocx"]) {
      const file = await convertDocument(files[name], "pdf");
      pdfs[name] = { file, text: await pdfText(file), pages: await pageCount(file) };
    }
  });

  it("Hertfordshire: the cover block, numbered paragraphs, page numbers, and every action 1–97", async () => {
    const { text, pages } = pdfs.hertsDocx;
    const all = flat(text);
    for (const value of COVER) expect(all).toContain(value);
    expect(text).toMatch(/(^|\n)1\.1\s+This report enables the Panel/);
    expect(text).toMatch(/(^|\n)2\.1\s+The Panel is recommended to note the report\./);
    expect(text).toContain(`Page 1 of ${pages}`);
    expect(text).toContain(`Page ${pages} of ${pages}`);
    // The running head is on every page but the first, where the cover block is.
    expect(await pageText(pdfs.hertsDocx.file, 1)).not.toContain(SHORT_TITLE);
    expect(await pageText(pdfs.hertsDocx.file, 2)).toContain(SHORT_TITLE);
    for (const h of HEADINGS) expect(all).toContain(h);
    expect(all).toContain(SENTENCE);
    expect(all).toContain("Commentary written by the officer for this test.");
    expect(all).toContain("https://example.org/plan");
    const refs = appendixReferences(text, /^\d+$/);
    expect(new Set(refs)).toEqual(new Set(Array.from({ length: 97 }, (_, i) => String(i + 1))));
    for (const theme of THEMES) expect(all).toContain(theme);
    expect(all).toContain("End of Appendix 1: 97 actions.");
  });

  it("Hertfordshire: no RAG section (it has no RAG column), and the figures once: the sentence, not the Plan's list as well", () => {
    const all = flat(pdfs.hertsDocx.text);
    expect(all).not.toMatch(/\bRAG\b/);
    expect(all).not.toContain("The Delivery Plan shows that of the 97 actions:");
    expect(all.split(SENTENCE)).toHaveLength(2);
  });

  it("Cambridgeshire: its own paper's cover, every action, RAG by theme and no status by theme, each table once, as at November 2018", () => {
    const { text } = pdfs.cambsDocx;
    const all = flat(text);
    for (const value of [
      "Cambridgeshire Police and Crime Panel",
      "Agenda Item No. 9",
      "14 November 2018",
      "Public Report",
      "Report of Cambridgeshire Police and Crime Commissioner",
      "Contact Officer – Dorothy Gregson",
      "Contact Details – cambs-pcc@cambs.pnn.police.uk 0300 333 3456",
      "Cambridgeshire OPCC",
    ])
      expect(all).toContain(value);
    expect(text).toMatch(/(^|\n)1\.1\s+This report is being presented to the Cambridgeshire Police and Crime Panel/);
    expect(text).toMatch(/(^|\n)2\.1\s+The Panel is recommended to note the report\./);
    expect(text).toContain(`Page 1 of ${pdfs.cambsDocx.pages}`);
    expect(all).toContain("http://democracy.peterborough.gov.uk/ieListDocuments.aspx?");
    expect(text).toMatch(/(^|\n)3\.1\s+Item 8 - To support/);
    expect(all).toContain("Position as at 30 November 2018");
    expect(all).not.toContain("2026");
    expect(new Set(appendixReferences(text, /^[VOCT]\d+$/))).toEqual(new Set(CAMBS_REFS));
    expect(all).not.toMatch(/theme and status|All statuses/);
    const captions = text.split(/\r?\n/).filter((l) => /^Table \d+: /.test(l));
    expect(captions).toContain("Table 1: Actions by theme and RAG, November 2018");
    expect(new Set(captions.map((c) => c.replace(/^Table \d+: /, ""))).size).toBe(captions.length);
    expect(all).toContain("About the tracker's own data: 37 of the 40 actions have no RAG rating and 4 have no action text; the tracker's checks give 23 warnings.");
  });

  it("breaks no table header word inside itself", () => {
    for (const { text } of Object.values(pdfs)) expect(brokenWords(text)).toEqual([]);
    for (const w of HEADER_WORDS) expect(pdfs.hertsDocx.text).toContain(w);
  });

  it("puts the appendix on landscape pages, the report on portrait ones", async () => {
    const { file, text, pages } = pdfs.hertsDocx;
    const { stdout } = await promisify(execFile)("pdfinfo", ["-f", "1", "-l", String(pages), file]);
    const sizes = [...stdout.matchAll(/Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+)/g)].map((m) => ({ page: Number(m[1]), landscape: Number(m[2]) > Number(m[3]) }));
    const appendix = text.split("\f").findIndex((p) => p.includes("Table A1:")) + 1;
    expect(appendix).toBeGreaterThan(1);
    expect(sizes.filter((s) => s.page < appendix).every((s) => !s.landscape)).toBe(true);
    expect(sizes.filter((s) => s.page >= appendix).every((s) => s.landscape)).toBe(true);
  });
});

describe("the .docx's XML", () => {
  let xml: Record<string, string>;
  beforeAll(async () => {
    const zip = await JSZip.loadAsync(await fs.readFile(files.hertsDocx));
    xml = {};
    for (const name of Object.keys(zip.files)) if (name.endsWith(".xml") || name.endsWith(".rels")) xml[name] = await zip.file(name)!.async("string");
  });

  it("uses real heading styles: the Title, Heading 1 for each part, Heading 2 for each theme", () => {
    const styles = xml["word/styles.xml"];
    for (const id of ["Title", "Heading1", "Heading2"]) expect(styles).toMatch(new RegExp(`<w:style [^>]*w:styleId="${id}"`));
    const used = [...xml["word/document.xml"].matchAll(/<w:pStyle w:val="([^"]+)"\/>/g)].map((m) => m[1]);
    expect(used.filter((s) => s === "Title")).toHaveLength(1);
    expect(used.filter((s) => s === "Heading1")).toHaveLength(HEADINGS.length);
    expect(used.filter((s) => s === "Heading2")).toHaveLength(THEMES.length);
  });

  it("marks the first row of every table as its header row; only body rows may be kept from splitting", () => {
    const tables = xml["word/document.xml"].split("<w:tbl>").slice(1);
    expect(tables.length).toBeGreaterThan(THEMES.length);
    for (const t of tables) {
      const rows = t.split("<w:tr>").slice(1);
      expect(rows[0]).toMatch(/^<w:trPr><w:tblHeader\/><\/w:trPr>/);
      expect(rows.slice(1).some((r) => r.includes("<w:tblHeader"))).toBe(false);
    }
  });

  it("has the short title at the head of each page but the first (the cover's), and Page X of Y at the foot of every page", () => {
    const headers = Object.entries(xml).filter(([name]) => /^word\/header\d+\.xml$/.test(name));
    const footers = Object.entries(xml).filter(([name]) => /^word\/footer\d+\.xml$/.test(name));
    // The first section (the report) has a different first page; its first-page header is the one with no text.
    const sections = [...xml["word/document.xml"].matchAll(/<w:sectPr[^>]*>(.*?)<\/w:sectPr>/gs)].map((m) => m[1]);
    expect(sections).toHaveLength(2);
    expect(sections[0]).toContain("<w:titlePg/>");
    expect(sections[1]).not.toContain("<w:titlePg/>");
    const rels = xml["word/_rels/document.xml.rels"];
    const target = (id: string) => new RegExp(`Id="${id}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)!.slice(1).find(Boolean)!;
    const first = /<w:headerReference w:type="first" r:id="([^"]+)"\/>/.exec(sections[0])![1];
    const firstHeader = xml[`word/${target(first)}`];
    expect(firstHeader.replace(/<[^>]+>/g, "").trim()).toBe("");
    const others = headers.filter(([name]) => name !== `word/${target(first)}`);
    expect(others.length).toBeGreaterThan(0);
    for (const [, h] of others) expect(h).toContain("Monitoring the delivery of the Police and Crime Plan, November 2021");
    expect(/<w:footerReference w:type="first"/.test(sections[0])).toBe(true);
    for (const [, f] of footers) expect(f).toMatch(/Page .*PAGE.* of .*NUMPAGES/s);
  });

  it("sets the language en-GB and the title in the document's properties", () => {
    expect(xml["word/styles.xml"]).toMatch(/<w:docDefaults>.*<w:lang w:val="en-GB"\/>.*<\/w:docDefaults>/s);
    expect(xml["docProps/core.xml"]).toContain("<dc:title>Monitoring the delivery of the Police and Crime Plan: Hertfordshire OPCC, November 2021</dc:title>");
  });

  it("has no empty paragraph or cell, and no colour without a word", () => {
    const doc = xml["word/document.xml"];
    const paragraphs = doc.match(/<w:p>.*?<\/w:p>/gs) ?? [];
    expect(paragraphs.length).toBeGreaterThan(500);
    // A chart's paragraph holds its image, whose alt text (descr) states its figures.
    expect(paragraphs.filter((p) => !/<w:t[^>]*>[^<]*\S/.test(p) && !/<wp:docPr [^>]*descr="[^"]*\d[^"]*"/.test(p))).toEqual([]);
    const cells = doc.match(/<w:tc>.*?<\/w:tc>/gs) ?? [];
    const coloured = cells.filter((c) => /<w:shd [^>]*w:fill="(?!D9D9D9)[0-9A-F]{6}"/.test(c));
    expect(coloured.length).toBeGreaterThan(97);
    for (const c of coloured) expect(c).toMatch(/<w:t[^>]*>[^<]*[A-Za-z]/);
    expect([...doc.matchAll(/<w:pgSz [^>]*w:orient="(\w+)"/g)].map((m) => m[1])).toEqual(["portrait", "landscape"]);
  });
});

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
if (!existsSync(CHROMIUM) && process.env.CI) throw new Error(`The paper's browser tests need Chromium at ${CHROMIUM}: apt-get install -y --no-install-recommends chromium.`);
const describeInBrowser = existsSync(CHROMIUM) ? describe : describe.skip;

describeInBrowser("the .html in Chromium", () => {
  let browser: Browser;
  let page: string;
  beforeAll(async () => {
    page = await fs.readFile(files.hertsHtml, "utf8");
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function tab(width = 1280, html = page) {
    const t = await browser.newPage({ viewport: { width, height: 900 } });
    await t.route("**/*", (route) => route.abort());
    await t.setContent(html);
    return t;
  }

  it("is one self-contained page with the cover, semantic headings and table headers, and passes axe with 0 violations", async () => {
    expect(page).toMatch(/^<!DOCTYPE html>\n<html lang="en-GB">/);
    expect(page).not.toMatch(/<script|<link|<img|src=/i);
    expect([...page.matchAll(/href="([^"]*)"/g)].map((m) => m[1])).toEqual(["https://example.org/plan"]);
    expect(page.match(/<table>/g)!.length).toBe(page.match(/<caption>/g)!.length);
    expect(page).toContain('<th scope="col">Reference</th>');
    const t = await tab();
    expect(await t.evaluate(() => [...document.querySelectorAll("h1, h2, h3")].map((h) => `${h.tagName} ${h.textContent}`))).toEqual([
      "H1 Monitoring the delivery of the Police and Crime Plan",
      ...HEADINGS.map((h) => `H2 ${h}`),
      ...THEMES.map((x) => `H3 ${x}`),
    ]);
    const cover = await t.evaluate(() => [...document.querySelectorAll(".cover-line")].map((l) => l.textContent));
    for (const value of COVER) expect(flat(cover.join(" | "))).toContain(value);
    await t.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
    const result = (await t.evaluate(() => (window as unknown as { axe: { run: (ctx: object, options: object) => Promise<unknown> } }).axe.run(document, { resultTypes: ["violations"] }))) as {
      violations: { id: string; help: string; nodes: { target: string[] }[] }[];
      passes: unknown[];
    };
    expect(result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${v.help} at ${n.target.join(" ")}`))).toEqual([]);
    expect(result.passes.length).toBeGreaterThan(10);
  });

  it("on screen, no table cell holds a word wider than itself (words never break, so none may overflow)", async () => {
    const cambs = path.join(tmp, "cambs-screen.html");
    expect((await cli("report", CAMBS, "--out", cambs)).code).toBe(0);
    // Cambridgeshire's updates hold long web addresses: they alone may break.
    const cambsPage = await fs.readFile(cambs, "utf8");
    expect(cambsPage).toMatch(/<span class="long">http:\/\/www\.cambridgeshire-pcc\.gov\.uk\/wp-content\/uploads\/[^<]+<\/span>/);
    for (const [html, width] of [[page, 1280], [page, 900], [cambsPage, 1280]] as const) {
      const t = await tab(width, html);
      const overflowing = await t.evaluate(() => [...document.querySelectorAll("th, td")].filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => c.textContent));
      expect(overflowing).toEqual([]);
      expect(await t.evaluate(() => getComputedStyle(document.querySelector("th")!).wordBreak)).toBe("keep-all");
    }
  });

  it("prints on A4 in at most 21 pages (half of the 43 it took), with no header word broken inside itself", async () => {
    const t = await tab();
    const pdf = path.join(tmp, "herts-printed.pdf");
    await t.pdf({ path: pdf, format: "A4", preferCSSPageSize: true });
    const pages = await pageCount(pdf);
    expect(pages).toBeLessThanOrEqual(21);
    const text = await pdfText(pdf);
    expect(brokenWords(text)).toEqual([]);
    for (const w of HEADER_WORDS) expect(text).toContain(w);
    expect(text).toContain(`Page 1 of ${pages}`);
    expect(await pageText(pdf, 1)).not.toContain(SHORT_TITLE);
    expect(await pageText(pdf, 2)).toContain(SHORT_TITLE);
    expect(new Set(appendixReferences(text, /^\d+$/))).toEqual(new Set(Array.from({ length: 97 }, (_, i) => String(i + 1))));
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
    const appendix = page.slice(page.indexOf('<section class="appendix">'));
    const rows = [...appendix.matchAll(/<tr><td>(A\d)<\/td>(.*?)<\/tr>/g)].map((m) => [m[1], m[2]]);
    const cells = (id: string) => [...rows.find(([r]) => r === id)![1].matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
    // The last two columns: whether the update is new, and why the action is an exception.
    expect(cells("A1").slice(-2)).toEqual(["Updated since June 2021", "–"]);
    expect(cells("A2").slice(-2)).toEqual(["No new update since June 2021", "No new update"]);
    expect(cells("A3").slice(-2)).toEqual(["No new update since June 2021", "–"]);
    expect(cells("A4").slice(-2)).toEqual(["New since June 2021", "Red"]);
    // Exceptions: A4 (Red) first, then A2 (in progress, unchanged); A3 is complete.
    const exceptions = page.slice(page.indexOf("Exceptions</h2>"), page.indexOf('<section class="appendix">'));
    expect([...exceptions.matchAll(/<tr><td>(A\d)<\/td>/g)].map((m) => m[1])).toEqual(["A4", "A2"]);
    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(page).toContain("&lt;b&gt;New&lt;/b&gt; &amp; scheme");
    expect(page).toContain('<p class="subtitle">Test OPCC</p>');
  });

  it("writes Cambridgeshire's paper without a previous period: its leads, its RAG from fills, its arrows", async () => {
    const out = path.join(tmp, "cambs.html");
    const r = await cli("report", CAMBS, "--as-of", "2018-11-30", "--out", out, "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ period: "November 2018", previous: null, appendixActions: 40, position: { asOf: "2018-11-30", from: "given" } });
    const page = await fs.readFile(out, "utf8");
    expect(page).toContain('<th scope="col">Lead</th>');
    expect(page).not.toContain("Update since");
    expect(page).toMatch(/<td style="background-color:#C00000;color:#FFFFFF">Red<\/td>/);
    expect(page).toContain("↑ improved");
  });
});
