/**
 * The pane's drop-down lists in a real browser, by keyboard alone: the
 * production bundle served on 127.0.0.1, opened in Chromium through
 * playwright-core, office.js replaced by the stub whose Excel is the Excel
 * double (test/browser/office-stub.ts), seeded with a Hertfordshire tracker
 * holding four misspelt statuses and a user's own rule on the Timeframe column.
 * Find tracker, Add drop-down lists, Refuse any other word, Remove, then Fix
 * spellings and the offer's "Add drop-down lists now" — Tab, Enter and Space
 * only, axe-core reporting 0 violations at each step.
 *
 * The browser tests' shared parts are in test/browser/pane-browser.ts.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { IMAGES, PANE, animationsDone, axeViolations, buildAddin, describeInBrowser, focused, fromTop, launch, openPane, opened, serve, tabTo } from "./pane-browser";
import type { Server } from "./pane-browser";
import { bundleDouble, officeStub, seedGrids } from "./office-stub";
import { HERTS } from "../support/factories";
import { VALIDATION_TITLES, readTracker } from "../../src/model";
import type { SheetGrid } from "../../src/model";

const SHEET = "Delivery Plan 2021-22";

jest.setTimeout(180_000);

/** The Formatting section, the window as tall as the page so the sticky status bar sits at the foot, not over it. */
async function formattingShot(page: Page, file: string): Promise<void> {
  await animationsDone(page);
  const height = await page.evaluate(() => Math.max(document.documentElement.scrollHeight, window.innerHeight));
  await page.setViewportSize({ width: PANE.width, height });
  const box = (await page.getByRole("region", { name: "Formatting" }).boundingBox())!;
  fs.mkdirSync(IMAGES, { recursive: true });
  await page.screenshot({ path: path.join(IMAGES, file), clip: { x: 0, y: box.y - 8, width: PANE.width, height: box.height + 16 } });
  await page.setViewportSize(PANE);
}

/** Hertfordshire with four misspelt statuses, for Fix spellings. */
function misspelt(grids: SheetGrid[]): SheetGrid[] {
  const herts = grids.find((g) => g.name === SHEET)!;
  const report = readTracker(herts);
  const column = report.tracker!.columns.find((c) => c.field === "status")!.column.charCodeAt(0) - 64;
  const values = herts.values.map((r) => [...r]);
  ["Complete", "on-going", "In progres", "Completed "].forEach((typed, i) => {
    values[report.actions[i].rows[0] - herts.firstRow][column - herts.firstColumn] = typed;
  });
  return [{ ...herts, values }];
}

/** The double's validation rules on the sheet: "C5" → the rule's input title. */
function rules(page: Page): Promise<Record<string, string>> {
  return page.evaluate((s) => {
    const sheet = (window as unknown as { __double: { sheet(n: string): { validations: Map<string, { prompt: { title: string }; errorAlert: { style: string } }> } } }).__double.sheet(s);
    const out: Record<string, string> = {};
    for (const [key, v] of sheet.validations) {
      const [r, c] = key.split(",").map(Number);
      out[`${String.fromCharCode(64 + c)}${r}`] = `${v.prompt.title}|${v.errorAlert.style}`;
    }
    return out;
  }, SHEET);
}

describeInBrowser("the drop-down lists' browser test")("the drop-down lists in Chromium, by keyboard alone", () => {
  let out = "";
  let server: Server | null = null;
  let browser: Browser | null = null;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    out = await buildAddin("delivery-plan-lists-");
    const stub = officeStub(await bundleDouble(), misspelt(await seedGrids([HERTS])));
    server = await serve(out);
    browser = await launch();
    page = await openPane(browser, server, stub, problems);
    // A rule of the user's own on the Timeframe column (E5:E106), as if added with Data > Data Validation.
    await page.evaluate((s) => {
      const sheet = (window as unknown as { __double: { sheet(n: string): { validations: Map<string, unknown> } } }).__double.sheet(s);
      for (let r = 5; r <= 106; r++)
        sheet.validations.set(`${r},5`, {
          rule: { list: { inCellDropDown: true, source: "Ongoing,March 2022" } },
          prompt: { message: "When", showPrompt: true, title: "Timeframe" },
          errorAlert: { message: "", showAlert: true, style: "Stop", title: "" },
          ignoreBlanks: true,
        });
    }, SHEET);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (out) fs.rmSync(out, { recursive: true, force: true });
  });

  afterEach(() => {
    expect(problems).toEqual([]);
  });

  it("adds the lists, stop style, and removes only ours — by Tab, Enter and Space, with no axe violation", async () => {
    const status = page.getByRole("status");
    const before = await page.evaluate((s) => JSON.stringify((window as unknown as { __double: { sheet(n: string): { values: unknown[][] } } }).__double.sheet(s).values), SHEET);
    await fromTop(page);
    await tabTo(page, "button: Find tracker");
    await page.keyboard.press("Enter");
    await status.getByText(`Found the tracker on “${SHEET}”`).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await fromTop(page);
    await tabTo(page, "button: Add drop-down lists");
    await page.keyboard.press("Enter");
    await status.getByText(`Added drop-down lists to C5:C106 (Status) on “${SHEET}”. No cell value changed.`).waitFor();
    let held = await rules(page);
    for (let r = 5; r <= 106; r++) expect(held[`C${r}`]).toBe(`${VALIDATION_TITLES.status}|Warning`);
    expect(Object.keys(held).filter((c) => !c.startsWith("C") && !c.startsWith("E"))).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await formattingShot(page, "taskpane-lists.png");

    // Refuse any other word: Space on the checkbox, then Add again (Shift+Tab back: no colours of the add-in's, so no Remove colours between).
    await tabTo(page, "input: Refuse any other word");
    await page.keyboard.press("Space");
    expect(await page.getByRole("checkbox", { name: /Refuse any other word/ }).isChecked()).toBe(true);
    await page.keyboard.press("Shift+Tab");
    expect(await focused(page)).toBe("button: Add drop-down lists");
    await page.keyboard.press("Enter");
    await status.getByText(/replacing the add-in’s 1 earlier list/).waitFor();
    held = await rules(page);
    expect(held.C5).toBe(`${VALIDATION_TITLES.status}|Stop`);
    expect(await axeViolations(page)).toEqual([]);

    await fromTop(page);
    await tabTo(page, "button: Remove the add-in’s drop-down lists");
    await page.keyboard.press("Enter");
    await status.getByText(`Removed the add-in’s drop-down lists from C5:C106 (Status) on “${SHEET}”.`).waitFor();
    held = await rules(page);
    // The user's own rule on the Timeframe column is all that is left, as it was.
    expect(Object.keys(held).sort()).toEqual(Array.from({ length: 102 }, (_, i) => `E${i + 5}`).sort());
    expect(new Set(Object.values(held))).toEqual(new Set(["Timeframe|Stop"]));
    expect(await page.evaluate((s) => JSON.stringify((window as unknown as { __double: { sheet(n: string): { values: unknown[][] } } }).__double.sheet(s).values), SHEET)).toBe(before);
    expect(await axeViolations(page)).toEqual([]);
  });

  it("after Fix spellings is confirmed, offers the lists, and adds them from the offer by keyboard", async () => {
    const status = page.getByRole("status");
    await fromTop(page);
    await tabTo(page, "button: Fix spellings… (4 cells)");
    await page.keyboard.press("Enter");
    await opened(page, page.getByRole("dialog", { name: "Fix the spelling in 4 cells?" }));
    await tabTo(page, "button: Fix 4 cells");
    await page.keyboard.press("Enter");
    await status.getByText(/^Fixed the spelling in 4 cells/).waitFor();
    await page.getByText("Stop these spellings coming back").waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await fromTop(page);
    await tabTo(page, "button: Add drop-down lists now");
    await page.keyboard.press("Enter");
    await status.getByText(/^Added drop-down lists to C5:C106 \(Status\) on “Delivery Plan 2021-22”\. No cell value changed\.$/).waitFor();
    await page.getByText("Stop these spellings coming back").waitFor({ state: "detached" });
    // The checkbox was left ticked in the test above: the offer follows it.
    expect((await rules(page)).C5).toBe(`${VALIDATION_TITLES.status}|Stop`);
    expect(await axeViolations(page)).toEqual([]);
  });
});
