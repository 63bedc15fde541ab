/**
 * The README's pictures of the Panel summary step, on the real samples: the
 * workbook is samples/herts-delivery-plan-2021-22.xlsx as it is (not the
 * misspelt copy the quarter's keyboard pass in taskpane.test.ts fixes), and its
 * snapshot sheet ("Delivery plan snapshots") already holds June 2021, taken from
 * samples/herts-delivery-plan-2021-06.xlsx by the add-in's own snapshot code
 * (the model's snapshotRows written by writeSnapshotRows through Microsoft's
 * client on the Excel double). The page's clock is 30 November 2021, the
 * tracker's own date. The officer builds November 2021's Panel summary against
 * June 2021; the test asserts what the pictures show (the sentence, the updates
 * line, the trend chart's figures, each step's folded line) before it takes
 * taskpane-summary.png and taskpane-steps.png, so a picture that shows wrong
 * figures fails here.
 *
 * Needs Chromium, as taskpane.test.ts does; its pictures go where that test's
 * go (test/.out/images, or docs/images with `npm run screenshots`).
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { SNAPSHOT_SHEET, chooseTrackerSheet, compareUpdates, readSnapshots, readTracker } from "../../src/model";
import type { SheetGrid } from "../../src/model";
import { readWorkbookGrids } from "../../src/xlsx";
import { ExcelDouble } from "../double/excel-double";
import { takeSnapshot } from "../support/office-writes";
import { HERTS, HERTS_JUNE } from "../support/factories";
import { IMAGES, PANE, PICTURE, animationsDone, axeViolations, buildAddin, describeInBrowser, launch, openPane, serve, shot } from "./pane-browser";
import type { Server } from "./pane-browser";
import { bundleDouble, officeStub, seedGrids } from "./office-stub";

const HERTS_SHEET = "Delivery Plan 2021-22";
const JUNE = "June 2021";
const NOVEMBER = "November 2021";

jest.setTimeout(180_000);

/** The grid of a tracker workbook's tracker sheet. */
async function trackerGrid(file: string): Promise<SheetGrid> {
  const choice = chooseTrackerSheet(await readWorkbookGrids(file));
  if (!choice.ok) throw new Error(choice.message);
  return choice.grid;
}

/**
 * The snapshot sheet with June 2021 in it, as the add-in writes it: June's actions
 * recorded for the November tracker's sheet, taken 30 June 2021, through Microsoft's
 * client on a double of its own; the sheet's cells and number formats as a grid.
 */
async function juneSnapshotSheet(): Promise<SheetGrid> {
  const june = readTracker(await trackerGrid(HERTS_JUNE));
  const x = ExcelDouble.fromGrids([]);
  await x.microsoftRun(null, (c) => takeSnapshot(c, JUNE, new Date(Date.UTC(2021, 5, 30)), HERTS_SHEET, june.actions));
  const sheet = x.sheet(SNAPSHOT_SHEET)!;
  expect(sheet.visibility).toBe("Hidden");
  return {
    name: SNAPSHOT_SHEET,
    firstRow: 1,
    firstColumn: 1,
    values: sheet.values.map((row) => row.map((v) => v)),
    numberFormats: sheet.values.map((row, i) => row.map((_, j) => sheet.numberFormats.get(`${i + 1},${j + 1}`) ?? null)),
    merges: [],
  };
}

describeInBrowser("the pane's pictures")("the README's pictures of the pane, on the Hertfordshire samples (November 2021 against June 2021)", () => {
  let out = "";
  let server: Server | null = null;
  let browser: Browser | null = null;
  const problems: string[] = [];

  beforeAll(async () => {
    out = await buildAddin("delivery-plan-pictures-");
    server = await serve(out);
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (out) fs.rmSync(out, { recursive: true, force: true });
  });

  afterEach(() => {
    expect(problems).toEqual([]);
  });

  it("builds November 2021's Panel summary against June 2021's snapshot: 45 complete (38 in June 2021), the trend 38 → 45 and 55 → 52", async () => {
    const snapshots = await juneSnapshotSheet();
    const [juneKept] = readSnapshots(snapshots);
    expect({ period: juneKept.period, taken: juneKept.taken, actions: juneKept.actions.length }).toEqual({ period: JUNE, taken: "2021-06-30", actions: 97 });
    // What the pane should say of the updates, from the model: the tracker's updates against June's fingerprints.
    const november = readTracker(await trackerGrid(HERTS));
    const updates = compareUpdates(november.actions, juneKept.actions, JUNE).counts;

    const stub = officeStub(await bundleDouble(), [...(await seedGrids([HERTS])), snapshots]);
    const context = await browser!.newContext({ viewport: PANE, deviceScaleFactor: 1, reducedMotion: "reduce" });
    // The tracker's own date: "as at 30 November 2021", as the CLI's --as-of 2021-11-30 in the README.
    await context.clock.setFixedTime(new Date(Date.UTC(2021, 10, 30, 12)));
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server!.url });
    const page = await openPane(context, server!, stub, problems);
    // Hidden, as the add-in leaves it (the double seeds every sheet visible).
    await page.evaluate((s) => {
      (window as unknown as { __double: { sheet(n: string): { visibility: string } } }).__double.sheet(s).visibility = "Hidden";
    }, SNAPSHOT_SHEET);
    const status = page.getByRole("status");

    await page.getByRole("button", { name: "Find tracker", exact: true }).click();
    await status.getByText(`Found the tracker on “${HERTS_SHEET}”`).waitFor();
    expect(await page.getByRole("table", { name: "Status" }).getByRole("row").allInnerTexts()).toEqual(["✓Completed\t45", "◐In progress\t52"]);
    await page.getByRole("button", { name: "Apply colours" }).click();
    await status.getByText(/^Coloured C5:C106 \(Status\)/).waitFor();

    await page.getByRole("textbox", { name: /This period/ }).fill(NOVEMBER);
    const compare = page.getByRole("combobox", { name: "Compare with (previous period)" });
    await compare.selectOption(JUNE);
    await page.getByRole("button", { name: "Build panel summary" }).click();
    await status.getByText(`Built the sheet “Panel Summary” for ${NOVEMBER}, compared with ${JUNE}. The tracker was not changed.`).waitFor();

    // The sentence: the Plan's own figures, against June's.
    const sentence = page.getByText(/^Of the 97 actions/);
    expect(await sentence.innerText()).toMatch(/^Of the 97 actions, 45 are complete \(38 in June 2021\)/);
    // The updates line, with the model's counts (June's workbook kept no update text, so none is compared).
    const parts = [`${updates.updated} actions updated`, `${updates.notUpdated} with no new update`, `${updates.new} new actions`];
    if (updates.notCompared) parts.push(`${updates.notCompared} not compared, as ${JUNE} kept no update text`);
    await page.getByText(`Since ${JUNE}: ${parts.join(", ")}.`, { exact: true }).waitFor();
    // The trend: June's snapshot, then this period.
    const trend = page.getByRole("figure", { name: /^Progress over time/ });
    expect(await trend.getByRole("img").getAttribute("aria-label")).toBe(
      `Line chart of the actions in each period, ${JUNE} to ${NOVEMBER}. ${JUNE}: 38 Completed, 55 In progress, 2 On hold, 2 Not yet started. ${NOVEMBER}: 45 Completed, 52 In progress, 0 On hold, 0 Not yet started.`,
    );
    expect(await axeViolations(page)).toEqual([]);
    // Copied for the Panel report.
    await page.getByRole("button", { name: "Copy sentence" }).click();
    await status.getByText("Copied the sentence. Paste it into the Panel report.").waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await sentence.innerText());
    // The sentence at the top, the chart below it.
    await shot(page, "taskpane-summary.png", sentence, "top");

    // The five steps folded, each with its line.
    const states: [string, string | RegExp][] = [
      ["Tracker", `97 actions on “${HERTS_SHEET}” · header on row 4`],
      ["Check", "97 actions · 2 warnings · 2 notes"],
      ["Formatting", "Colours applied to 1 range"],
      ["Period", `${NOVEMBER}: no snapshot yet · compared with ${JUNE}`],
      [
        "Panel summary",
        updates.updated + updates.notUpdated === 0
          ? `Built “Panel Summary” · updates not compared with ${JUNE}`
          : `Built “Panel Summary” · ${updates.updated === 0 ? "no" : updates.updated} update${updates.updated === 1 ? "" : "s"} new since ${JUNE}`,
      ],
      ["Quarter's returns", "No requests made yet"],
    ];
    for (const [title, state] of states) {
      const heading = page.getByRole("button", { name: title, exact: true });
      await heading.click();
      await page.waitForFunction((t) => [...document.querySelectorAll("h2 button")].find((b) => b.textContent === t)?.getAttribute("aria-expanded") === "false", title);
      const line = await page.locator(`[id="${await heading.getAttribute("aria-describedby")}"]`).innerText();
      expect({ title, line }).toEqual({ title, line: typeof state === "string" ? state : expect.stringMatching(state) });
    }
    await animationsDone(page);
    expect(await axeViolations(page)).toEqual([]);
    // The whole pane, folded: a window a little taller than the other pictures' (whose status bar, at
    // the foot of the window, would cover the last step's line), as long as the pane is.
    await page.setViewportSize(PICTURE);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThanOrEqual(PICTURE.height + 120);
    await page.setViewportSize({ width: PICTURE.width, height });
    await animationsDone(page);
    await page.screenshot({ path: path.join(IMAGES, "taskpane-steps.png") });
    await context.close();
  });
});
