/**
 * A quarter's returns in a real browser, by keyboard: the production bundle in Chromium (playwright-core), office.js
 * replaced by the stub whose Excel is the Excel double driven by Microsoft's client, seeded with the Cambridgeshire
 * tracker. Request updates (CS's return downloaded: the lazy ExcelJS chunk runs under the page's
 * Content-Security-Policy), the return filled as a lead's Excel would, picked with the file input, the merge
 * confirmed, then undone — Tab, Enter and Space only, axe-core reporting 0 violations at each step. The merge
 * confirmation's picture (360 × 600) goes with the README's screenshots.
 *
 * The browser tests' shared parts are in test/browser/pane-browser.ts.
 */
import ExcelJS from "exceljs";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { IMAGES, animationsDone, axeViolations, buildAddin, describeInBrowser, fromTop, launch, openPane, opened, serve, tabTo } from "./pane-browser";
import type { Server } from "./pane-browser";
import { bundleDouble, officeStub, seedGrids } from "./office-stub";
import { CAMBS } from "../support/factories";
import { CHANGE_LOG_HEADERS, CHANGE_LOG_SHEET } from "../../src/model";

const SHEET = "Delivery Plan";

jest.setTimeout(240_000);

function sheetValues(page: Page, sheet: string): Promise<unknown[][] | null> {
  return page.evaluate((s) => (window as unknown as { __double: { sheet(name: string): { values: unknown[][] } | undefined } }).__double.sheet(s)?.values ?? null, sheet);
}

/** The return filled in as CS's Excel would save it: this period's RAG and update of their first two actions. */
async function fillReturn(from: string, to: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(from);
  const ws = wb.getWorksheet("Your actions")!;
  const column = (header: string) => [...Array(ws.columnCount).keys()].map((i) => i + 1).find((c) => ws.getCell(4, c).value === header)!;
  const ids = [5, 6].map((r) => String(ws.getCell(r, 1).value));
  ws.getCell(5, column("This period: RAG")).value = "Green";
  ws.getCell(5, column("This period: update")).value = "Partnership board met in January; the plan is agreed.";
  ws.getCell(6, column("This period: update")).value = "=Work started in January.";
  await wb.xlsx.writeFile(to);
  return ids;
}

describeInBrowser("the returns' browser test")("a quarter's returns in Chromium, by keyboard", () => {
  let out = "";
  let server: Server | null = null;
  let browser: Browser | null = null;
  let page: Page;
  const problems: string[] = [];
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "delivery-plan-returns-"));

  beforeAll(async () => {
    out = await buildAddin("delivery-plan-returns-");
    const stub = officeStub(await bundleDouble(), await seedGrids([CAMBS]));
    server = await serve(out);
    browser = await launch();
    const context = await browser.newContext({ viewport: { width: 360, height: 600 }, deviceScaleFactor: 1, reducedMotion: "reduce", acceptDownloads: true });
    // Runs before the page's own scripts: every violation of the Content-Security-Policy is kept (the lazy chunk runs under it).
    await context.addInitScript(() => {
      const w = window as unknown as { __violations: string[] };
      w.__violations = [];
      document.addEventListener("securitypolicyviolation", (e) => w.__violations.push(`${e.effectiveDirective} ${e.blockedURI}`));
    });
    page = await openPane(context, server, stub, problems);
    // As in Excel on the web, where the pane may download files.
    await page.evaluate(() => {
      (window as unknown as { Office: { context: Record<string, unknown> } }).Office.context.diagnostics = { platform: "OfficeOnline" };
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (out) fs.rmSync(out, { recursive: true, force: true });
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  afterEach(async () => {
    expect(problems).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
  });

  it("requests, merges with confirmation and undoes, by keyboard, with no axe violation", async () => {
    const status = page.getByRole("status");
    await fromTop(page);
    await tabTo(page, "button: Find tracker");
    await page.keyboard.press("Enter");
    await status.getByText(`Found the tracker on “${SHEET}”`).waitFor();
    const before = await sheetValues(page, SHEET);

    // Request updates: the round typed, the requests made; CS's return downloaded (the lazy chunk writes it).
    await tabTo(page, "input: Round");
    await page.keyboard.type("February 2019");
    await tabTo(page, "button: Make the requests");
    await page.keyboard.press("Enter");
    await status.getByText(/^9 returns ready for February 2019: CS \(13\), NP \(12\), CK \(10\), DG \(4\), JH \(2\)/).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await tabTo(page, "button: Download cs-february-2019.xlsx");
    const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
    expect(download.suggestedFilename()).toBe("cs-february-2019.xlsx");
    const sent = path.join(scratch, "sent.xlsx");
    await download.saveAs(sent);
    await status.getByText("Downloaded cs-february-2019.xlsx, CS's return.").waitFor();
    const filled = path.join(scratch, "cs-february-2019.xlsx");
    const [first, second] = await fillReturn(sent, filled);

    // Merge returns: the file input reached by Tab; the file chosen (a headless browser has no file chooser to type in).
    await tabTo(page, "input: Returns (.xlsx, one or more)");
    await page.getByLabel("Returns (.xlsx, one or more)").setInputFiles(filled);
    await status.getByText("1 return for February 2019: 3 changes to 2 actions. Nothing has been written yet.").waitFor();
    // The return was read in the returns' own web worker, not on the pane's page.
    expect(page.workers().map((w) => path.basename(new URL(w.url()).pathname))).toContain("returns-reader.js");
    const table = page.getByRole("table", { name: "3 changes for February 2019" });
    expect((await table.getByRole("row").allInnerTexts()).slice(1).map((r) => r.split("\t").slice(0, 2).join(" "))).toEqual([`${first} RAG`, `${first} Update`, `${second} Update`]);
    expect(await axeViolations(page)).toEqual([]);
    expect(await sheetValues(page, SHEET)).toEqual(before);

    await tabTo(page, "button: Merge 3 changes");
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Merge 3 changes from cs-february-2019.xlsx?" });
    await opened(page, dialog);
    expect(await axeViolations(page)).toEqual([]);
    await animationsDone(page);
    fs.mkdirSync(IMAGES, { recursive: true });
    await page.screenshot({ path: path.join(IMAGES, "taskpane-merge-confirm.png") });
    // The table fits the dialog: every column, "Will be" too, is in view without scrolling sideways.
    expect(await dialog.getByRole("region").evaluate((r) => r.scrollWidth <= r.clientWidth)).toBe(true);
    expect(await sheetValues(page, SHEET)).toEqual(before);
    await tabTo(page, "button: Merge 3 cells", 10);
    await page.keyboard.press("Enter");
    await status.getByText("Merged 3 cells into “Delivery Plan” from cs-february-2019.xlsx, and recorded them in the Change log.").waitFor();
    const merged = (await sheetValues(page, SHEET))!;
    const changed: string[] = [];
    merged.forEach((row, r) => row.forEach((v, c) => v !== (before![r]?.[c] ?? "") && changed.push(String(v))));
    expect(changed).toHaveLength(3);
    // Text, never a formula: the "=" update is the cell's value, and the RAG keeps its cell's direction ("Green ↔").
    expect(changed).toEqual(expect.arrayContaining(["=Work started in January.", expect.stringMatching(/^Green\b/), "Partnership board met in January; the plan is agreed."]));
    const log = (await sheetValues(page, CHANGE_LOG_SHEET))!;
    expect(log[0]).toEqual([...CHANGE_LOG_HEADERS]);
    expect(log.slice(1).map((r) => [r[2], r[3], r[6]])).toEqual([
      [first, "RAG", "return from CS, cs-february-2019.xlsx"],
      [first, "update", "return from CS, cs-february-2019.xlsx"],
      [second, "update", "return from CS, cs-february-2019.xlsx"],
    ]);
    expect(await axeViolations(page)).toEqual([]);

    // Undo: the button in the pane's footer, reached by Tab.
    await fromTop(page);
    await tabTo(page, "button: Undo the merge of cs-february-2019.xlsx", 200);
    await page.keyboard.press("Enter");
    await status.getByText(/^Undid the merge of cs-february-2019\.xlsx/).waitFor();
    expect(await sheetValues(page, SHEET)).toEqual(before);
    const logged = (await sheetValues(page, CHANGE_LOG_SHEET))!;
    expect(logged).toHaveLength(7);
    expect(logged.slice(4).map((r) => r[6])).toEqual(Array(3).fill("undo of the merge (return from CS, cs-february-2019.xlsx)"));
    expect(await axeViolations(page)).toEqual([]);
  });
});
