/**
 * The task pane in a real browser: the production bundle (webpack, built into
 * a temporary folder), served on 127.0.0.1, opened in Debian's Chromium through
 * playwright-core, with office.js replaced by a stub whose Excel is Microsoft's
 * own Excel client (excel-web-16.00.js) answered by the wire host on the Excel
 * double seeded from the two sample trackers. Clicks and keys through the
 * officer's path, runs axe-core on each state, checks the Tab order, and takes
 * screenshots: into test/.out/images (ignored by git), or into docs/images for the
 * README with `npm run screenshots` (SCREENSHOTS_DIR), so that `npm test` leaves the
 * work tree as it found it.
 *
 * Needs Chromium (apt-get install -y --no-install-recommends chromium). Without
 * it the test fails under CI (CI set) and is skipped elsewhere.
 * CHROMIUM_PATH overrides /usr/bin/chromium.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { IMAGES, PANE, axeViolations as axe, buildAddin, describeInBrowser, focused, fromTop, launch, openPane, opened, serve, shot, tabTo } from "./pane-browser";
import type { Server } from "./pane-browser";
import { bundleDouble, officeStub, seedGrids } from "./office-stub";
import { CAMBS, HERTS } from "../support/factories";
import { hertsOneSheetGrid } from "../support/herts-periods";
import { readTracker } from "../../src/model";
import type { SheetGrid } from "../../src/model";

const SCREENSHOT = path.join(IMAGES, "taskpane.png");
const HERTS_SHEET = "Delivery Plan 2021-22";
const CAMBS_SHEET = "Delivery Plan";

jest.setTimeout(180_000);

/** axe-core's violations, counting the rules that passed in each run for the summary line. */
const axeRuns: number[] = [];
const axeViolations = (page: Page) => axe(page, (rules) => axeRuns.push(rules));

/** Press Tab from the top of the pane until the focus leaves it or comes back; the names in order. */
async function tabOrder(page: Page, max = 120): Promise<string[]> {
  await fromTop(page);
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const now = await focused(page);
    if (now === "(page)" || seen.includes(now)) break;
    seen.push(now);
  }
  return seen;
}

/** Every control a keyboard user should reach (visible, not inert), described like focused(). */
function controls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const all = [...document.querySelectorAll<HTMLElement>("button, select, input, textarea, a[href], [tabindex]:not([tabindex='-1'])")];
    return all
      .filter((el) => el.offsetParent !== null && !(el as HTMLButtonElement).disabled && el.getAttribute("tabindex") !== "-1" && !el.closest("[aria-hidden='true']"))
      .map((el) => {
        const labelled = el.getAttribute("aria-labelledby");
        const byId = labelled ? labelled.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? "").join(" ") : "";
        const label = el.getAttribute("aria-label") || byId || (el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`)?.textContent : "") || el.textContent || "";
        return `${el.getAttribute("role") || el.tagName.toLowerCase()}: ${label.replace(/\s+/g, " ").trim()}`;
      });
  });
}

/**
 * The whole pane as an officer sees it, for taskpane.png: the column
 * mapping folded, the window as tall as the pane (so the sticky status bar sits
 * at the foot, not over the middle). The pane must not scroll sideways.
 */
async function screenshot(page: Page): Promise<void> {
  const mapping = page.getByRole("button", { name: /Column mapping/ });
  if ((await mapping.getAttribute("aria-expanded")) === "true") {
    await mapping.click();
    await page.getByRole("combobox", { name: "Reference" }).waitFor({ state: "detached" });
  }
  const size = await page.evaluate(() => ({ width: document.documentElement.scrollWidth }));
  expect(size.width).toBeLessThanOrEqual(PANE.width);
  await shot(page, path.basename(SCREENSHOT), page.getByRole("table", { name: "RAG" }));
}

/** Visible controls smaller than 24 × 24 CSS pixels (WCAG 2.2 target size, minimum), described like controls(). */
function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>("button, select, input, textarea, a[href]")]
      .filter((el) => el.offsetParent !== null && !el.closest("[aria-hidden='true']"))
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.width < 24 || box.height < 24)
      .map(({ el, box }) => `${el.tagName.toLowerCase()} "${(el.getAttribute("aria-label") || el.textContent || "").trim()}" ${Math.round(box.width)}×${Math.round(box.height)}`),
  );
}

/** Hertfordshire with four statuses spelled other ways ("Complete", "on-going"…): the rows and column changed. */
function misspelt(grids: SheetGrid[]): { grids: SheetGrid[]; cells: { row: number; column: number; typed: string; fixed: string }[] } {
  const herts = grids.find((g) => g.name === HERTS_SHEET)!;
  const report = readTracker(herts);
  const column = report.tracker!.columns.find((c) => c.field === "status")!.column.charCodeAt(0) - 64;
  const spellings: [string, string][] = [
    ["Complete", "Completed"],
    ["on-going", "In progress"],
    ["In progres", "In progress"],
    ["completed ", "completed"],
  ];
  const cells = report.actions.slice(0, 4).map((a, i) => ({ row: a.rows[0], column, typed: spellings[i][0], fixed: spellings[i][1] }));
  const values = herts.values.map((r) => [...r]);
  for (const c of cells) values[c.row - herts.firstRow][c.column - herts.firstColumn] = c.typed;
  return { grids: [{ ...herts, values }], cells };
}

function sheetValue(page: Page, sheet: string, row: number, column: number): Promise<unknown> {
  return page.evaluate(
    ([s, r, c]) => {
      const double = (window as unknown as { __double: { sheet(name: string): { values: unknown[][] } | undefined } }).__double;
      return double.sheet(s as string)?.values[(r as number) - 1]?.[(c as number) - 1];
    },
    [sheet, row, column] as const,
  );
}

function sheetValues(page: Page, sheet: string): Promise<string> {
  return page.evaluate((s) => JSON.stringify((window as unknown as { __double: { sheet(name: string): { values: unknown[][] } } }).__double.sheet(s).values), sheet);
}

describeInBrowser("the task pane's browser test")("the task pane in Chromium (production bundle, Excel double)", () => {
  let out = "";
  let server: Server | null = null;
  let browser: Browser | null = null;
  let page: Page;
  const problems: string[] = [];
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    let t = Date.now();
    out = await buildAddin("delivery-plan-pane-");
    timings.build = Date.now() - t;
    t = Date.now();
    const stub = officeStub(await bundleDouble(), await seedGrids([HERTS, CAMBS]));
    server = await serve(out);
    browser = await launch();
    page = await openPane(browser, server, stub, problems);
    timings.start = Date.now() - t;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (out) fs.rmSync(out, { recursive: true, force: true });
    console.log(`browser test: build ${timings.build} ms, start ${timings.start} ms; axe runs: ${axeRuns.length}, rules passed per run: ${axeRuns.join(", ")}`);
  });

  afterEach(() => {
    expect(problems).toEqual([]);
  });

  it("starts with the Tracker step and Find tracker, reached by Tab and passing axe", async () => {
    expect(await page.title()).toBe("Delivery plan");
    expect(await axeViolations(page)).toEqual([]);
    expect(await tabOrder(page)).toEqual(["button: Tracker", "button: Find tracker"]);
  });

  it("finds the Hertfordshire tracker from the keyboard: 97 actions, Completed 45, In progress 52", async () => {
    await fromTop(page);
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("button: Tracker");
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("button: Find tracker");
    await page.keyboard.press("Enter");
    await page.getByRole("status").getByText(`Found the tracker on “${HERTS_SHEET}”`).waitFor();
    const status = page.getByRole("table", { name: "Status" });
    expect(await status.getByRole("row").allInnerTexts()).toEqual(["✓Completed\t45", "◐In progress\t52"]);
    await page.getByText("RAG: not set for 97 actions.").waitFor();
    // The engine ran in its web worker (src/engine/worker.ts), not on the page's thread.
    expect(page.workers().map((w) => new URL(w.url()).origin)).toEqual([new URL(page.url()).origin]);
    expect(await page.locator("dl").innerText()).toMatch(/Header row\s+4\s+Actions\s+97 \(rows 5–106\)/);
    // The read went through Microsoft's client library in the page: its requests reached the wire host.
    const wire = await page.evaluate(() => {
      const w = window as unknown as { Excel: { RequestContext?: unknown }; OfficeExtension?: { SessionBase?: unknown }; __double: { wire: { commandSyncs: unknown[] } } };
      return { microsoft: typeof w.Excel.RequestContext === "function" && typeof w.OfficeExtension?.SessionBase === "function", syncs: w.__double.wire.commandSyncs.length };
    });
    expect(wire.microsoft).toBe(true);
    expect(wire.syncs).toBeGreaterThan(0);
  });

  it("reaches every control with Tab, in reading order, and passes axe", async () => {
    await page.getByRole("button", { name: /Column mapping/ }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("combobox", { name: "Status" }).waitFor();
    const order = await tabOrder(page);
    const expected = [
      "button: Tracker",
      "button: Find tracker on the active sheet",
      "select: Tracker sheet",
      "button: Read again",
      "button: Column mapping",
      "select: Reference",
      "select: Status",
      "button: Read again with this mapping",
      "button: Use the detected mapping",
      "button: Check",
      "button: Formatting",
      "button: Apply colours",
      "button: Period",
      "input: This period",
      "button: Take snapshot",
      "select: Compare with (previous period)",
      "button: Preview directions of travel",
      "button: Panel summary",
      "button: Build panel summary",
    ];
    const positions = expected.map((name) => order.findIndex((o) => o.startsWith(name)));
    expect(expected.filter((_, i) => positions[i] < 0)).toEqual([]);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // Every visible control is in the Tab order (nothing only a mouse can reach).
    expect((await controls(page)).filter((c) => !order.includes(c))).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
  });

  it("applies the colours with the Space key and removes only its own rules", async () => {
    const rules = () => page.evaluate((s) => (window as unknown as { __double: { sheet(n: string): { conditionalFormats: unknown[] } } }).__double.sheet(s).conditionalFormats.length, HERTS_SHEET);
    const before = await sheetValues(page, HERTS_SHEET);
    await page.getByRole("button", { name: "Apply colours" }).focus();
    await page.keyboard.press("Space");
    await page.getByRole("status").getByText(/Coloured C5:C106 \(Status\)/).waitFor();
    expect(await rules()).toBe(10);
    await page.getByRole("button", { name: "Apply colours" }).click();
    await page.getByRole("status").getByText(/replacing the add-in’s 10 earlier ones/).waitFor();
    expect(await rules()).toBe(10);
    expect(await sheetValues(page, HERTS_SHEET)).toBe(before);
  });

  it("reads Cambridgeshire from the sheet list and offers, never silently writes, the RAG words", async () => {
    await page.getByRole("combobox", { name: "Tracker sheet" }).selectOption(CAMBS_SHEET);
    await page.getByRole("button", { name: "Read this sheet" }).click();
    await page.getByRole("status").getByText(`Found the tracker on “${CAMBS_SHEET}”`).waitFor();
    const rag = page.getByRole("table", { name: "RAG" });
    expect(await rag.getByRole("row").allInnerTexts()).toEqual(["Red\t1", "Amber\t1", "Green\t1", "–Not set\t37"]);
    await page.getByText(/3 cells \(F12, F13 and F14\) show the RAG only as a fill colour/).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page);

    const before = await sheetValues(page, CAMBS_SHEET);
    const write = page.getByRole("button", { name: "Write RAG words…" });
    await write.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Write the RAG word into 3 cells?" });
    await opened(page, dialog);
    expect(await dialog.getByRole("row").allInnerTexts()).toEqual(["Cell\tNow\tWill be", "F12\t↑ (amber fill)\tAmber ↑", "F13\t↔ (green fill)\tGreen ↔", "F14\t↑ (red fill)\tRed ↑"]);
    expect(await axeViolations(page)).toEqual([]);
    // Escape cancels, and the focus goes back to the button that opened the dialog.
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    await page.getByRole("status").getByText("Cancelled: nothing was written.").waitFor();
    expect(await focused(page)).toBe("button: Write RAG words…");
    expect(await sheetValues(page, CAMBS_SHEET)).toBe(before);

    await page.keyboard.press("Enter");
    await opened(page, dialog);
    await dialog.getByRole("button", { name: "Write 3 cells" }).click();
    await page.getByRole("status").getByText("Wrote the RAG word into 3 cells on “Delivery Plan”: F12, F13 and F14.").waitFor();
    expect([await sheetValue(page, CAMBS_SHEET, 12, 6), await sheetValue(page, CAMBS_SHEET, 13, 6), await sheetValue(page, CAMBS_SHEET, 14, 6)]).toEqual(["Amber ↑", "Green ↔", "Red ↑"]);
    await page.getByText(/show the RAG only as a fill colour/).waitFor({ state: "detached" });
  });

  it("goes to an issue's cell", async () => {
    const go = page.getByRole("button", { name: /^Go to cell / }).first();
    const name = (await go.getAttribute("aria-label"))!;
    const cell = /Go to cell (\S+) on/.exec(name)![1];
    await go.click();
    await page.getByRole("status").getByText(`Selected cell ${cell} on “${CAMBS_SHEET}”.`).waitFor();
    expect(await page.evaluate(() => (window as unknown as { __double: { selection: string } }).__double.selection)).toBe(`'${CAMBS_SHEET}'!${cell}`);
  });

  it("builds the panel summary for a named period", async () => {
    // The period is the tracker's own, as the CLI reads it from Cambridgeshire's title: November 2018.
    const label = page.getByRole("textbox", { name: /This period/ });
    expect(await label.inputValue()).toBe("November 2018");
    await label.fill("");
    await page.getByRole("button", { name: "Build panel summary" }).click();
    await page.getByRole("alert").getByText(/Type this period’s label in “This period”/).waitFor();
    await label.fill("November 2018");
    await page.getByRole("button", { name: "Build panel summary" }).click();
    await page.getByRole("status").getByText("Built the sheet “Panel Summary” for November 2018. The tracker was not changed.").waitFor();
    expect(await sheetValue(page, "Panel Summary", 1, 1)).toBe("Delivery Plan summary — November 2018");
    await page.getByText(/^Of the 40 actions/).waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  it("takes a snapshot, then offers it as the previous period", async () => {
    await page.getByRole("button", { name: "Take snapshot" }).click();
    await page.getByRole("status").getByText(/Recorded 40 actions as at November 2018/).waitFor();
    await page.getByRole("textbox", { name: /This period/ }).fill("December 2018");
    const compare = page.getByRole("combobox", { name: "Compare with (previous period)" });
    await compare.selectOption("November 2018");
    await page.getByRole("button", { name: "Preview directions of travel" }).click();
    await page.getByRole("table", { name: "Since November 2018" }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });
  it("goes through the whole quarter by keyboard alone: check, fix spellings (and undo), colour, snapshot, summary, copy", async () => {
    const { grids, cells } = misspelt(await seedGrids([HERTS]));
    const stub = officeStub(await bundleDouble(), grids);
    const context = await browser!.newContext({ viewport: PANE, deviceScaleFactor: 1, reducedMotion: "reduce" });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server!.url });
    const kb = await openPane(context, server!, stub, problems);
    const original = JSON.parse(await sheetValues(kb, HERTS_SHEET)) as unknown[][];
    const status = kb.getByRole("status");
    const step = async (what: string) => {
      expect({ what, violations: await axeViolations(kb) }).toEqual({ what, violations: [] });
      expect({ what, small: await smallTargets(kb) }).toEqual({ what, small: [] });
    };
    const statusCells = () => Promise.all(cells.map((c) => sheetValue(kb, HERTS_SHEET, c.row, c.column)));

    // 1. Find the tracker.
    await fromTop(kb);
    await tabTo(kb, "button: Find tracker");
    await kb.keyboard.press("Enter");
    await status.getByText(`Found the tracker on “${HERTS_SHEET}”`).waitFor();
    await kb.getByRole("table", { name: "Issues by kind" }).waitFor();
    await step("tracker found");
    await shot(kb, "taskpane-check.png", kb.getByRole("table", { name: "Issues by kind" }));

    // 2. Fix the spellings: the dialog lists each cell from what to what; Enter on "Fix 4 cells".
    await tabTo(kb, "button: Fix spellings… (4 cells)");
    await kb.keyboard.press("Enter");
    const dialog = kb.getByRole("dialog", { name: "Fix the spelling in 4 cells?" });
    await opened(kb, dialog);
    const letter = String.fromCharCode(64 + cells[0].column);
    expect(await dialog.getByRole("row").allInnerTexts()).toEqual([
      "Cell\tNow\tWill be",
      ...cells.map((c) => `${letter}${c.row}\t${c.typed.trim()}${c.typed !== c.typed.trim() ? " (stray spaces)" : ""}\t${c.fixed}`),
    ]);
    await step("spelling confirmation");
    await shot(kb, "taskpane-confirm.png");
    await tabTo(kb, "button: Fix 4 cells");
    await kb.keyboard.press("Enter");
    await status.getByText(/^Fixed the spelling in 4 cells/).waitFor();
    expect(await statusCells()).toEqual(cells.map((c) => c.fixed));

    // 3. Undo them, then fix them again.
    await tabTo(kb, "button: Undo the spelling fixes");
    await kb.keyboard.press("Enter");
    await status.getByText(/^Undid the spelling fixes/).waitFor();
    expect(await statusCells()).toEqual(cells.map((c) => c.typed));
    expect(await sheetValues(kb, HERTS_SHEET)).toBe(JSON.stringify(original));
    await fromTop(kb);
    await tabTo(kb, "button: Fix spellings… (4 cells)");
    await kb.keyboard.press("Enter");
    await opened(kb, dialog);
    await tabTo(kb, "button: Fix 4 cells");
    await kb.keyboard.press("Enter");
    await status.getByText(/^Fixed the spelling in 4 cells/).waitFor();
    await kb.getByRole("button", { name: /Fix spellings/ }).waitFor({ state: "detached" });

    // 4. Colour the tracker.
    await fromTop(kb);
    await tabTo(kb, "button: Apply colours");
    await kb.keyboard.press("Enter");
    await status.getByText(/^Coloured C5:C106 \(Status\)/).waitFor();
    await step("coloured");

    // 5. Snapshot last quarter ("June 2021"), typed over the suggested label.
    await tabTo(kb, "input: This period");
    expect(await kb.evaluate(() => (document.activeElement as HTMLInputElement).value)).toMatch(/^Q[1-4] \d{4}\/\d{2}$/);
    await kb.keyboard.press("Control+A");
    await kb.keyboard.type("June 2021");
    await tabTo(kb, "button: Take snapshot");
    await kb.keyboard.press("Enter");
    await status.getByText(/^Recorded 97 actions as at June 2021/).waitFor();

    // 6. This quarter, compared with June 2021 (chosen with the arrow keys), then the summary.
    await fromTop(kb);
    await tabTo(kb, "input: This period");
    await kb.keyboard.press("Control+A");
    await kb.keyboard.type("Q3 2021/22");
    await tabTo(kb, "select: Compare with (previous period)");
    await kb.keyboard.press("ArrowDown");
    expect(await kb.evaluate(() => (document.activeElement as HTMLSelectElement).value)).toBe("June 2021");
    await tabTo(kb, "button: Build panel summary");
    await kb.keyboard.press("Enter");
    await status.getByText("Built the sheet “Panel Summary” for Q3 2021/22, compared with June 2021. The tracker was not changed.").waitFor();
    const sentence = await kb.getByText(/^Of the 97 actions/).innerText();
    expect(sentence).toMatch(/\(\d+ in June 2021\)/);
    await step("summary built");

    // 7. Copy the sentence for the Panel report.
    await tabTo(kb, "button: Copy sentence");
    await kb.keyboard.press("Enter");
    await status.getByText("Copied the sentence. Paste it into the Panel report.").waitFor();
    expect(await kb.evaluate(() => navigator.clipboard.readText())).toBe(sentence);
    // 7a. The trend (June 2021's snapshot, Q3 2021/22 now): a small chart stating its figures, its table a keystroke away.
    const trend = kb.getByRole("figure", { name: /^Progress over time/ });
    await trend.waitFor();
    expect(await trend.getByRole("img").getAttribute("aria-label")).toMatch(/^Line chart of the actions in each period, June 2021 to Q3 2021\/22\. June 2021: \d+ Completed, \d+ In progress/);
    await tabTo(kb, "button: Show as table");
    await kb.keyboard.press("Enter");
    const trendTable = kb.getByRole("table", { name: /^Progress over time/ });
    await trendTable.waitFor();
    expect(await trendTable.getByRole("rowheader").allInnerTexts()).toEqual(["June 2021", "Q3 2021/22"]);
    await step("the trend's table");
    await kb.keyboard.press("Enter");
    await trendTable.waitFor({ state: "detached" });

    // 7b. The paper's words: the form, filled in part and saved in the workbook's "Panel paper" sheet.
    await tabTo(kb, "button: The paper’s words…");
    await kb.keyboard.press("Enter");
    await status.getByText("The workbook has no “Panel paper” sheet yet: Save makes it.").waitFor();
    await tabTo(kb, "input: Panel");
    await kb.keyboard.type("Hertfordshire Police and Crime Panel");
    await tabTo(kb, "input: Contact officer");
    await kb.keyboard.type("Chief Executive, OPCC");
    await step("the paper's words");
    await shot(kb, "taskpane-paper.png", kb.getByRole("textbox", { name: "Contact officer" }));
    await tabTo(kb, "button: Save in the workbook");
    await kb.keyboard.press("Enter");
    await status.getByText("Saved the paper’s words in the sheet “Panel paper” (new). Nothing else in the workbook changed.").waitFor();
    expect(await sheetValue(kb, "Panel paper", 3, 2)).toBe("Hertfordshire Police and Crime Panel");
    await tabTo(kb, "button: Close the paper’s words");
    await kb.keyboard.press("Enter");

    // 8. The quarter's six steps, folded one by one from the keyboard (Enter on each heading's
    // button): each says its state in one line, and axe passes at each step; then open again (Space).
    const states: [string, RegExp][] = [
      ["Tracker", new RegExp(`^97 actions on “${HERTS_SHEET}” · header on row 4$`)],
      ["Check", /^97 actions · (no issues|\d+ (error|warning|note)s?( · \d+ (warning|note)s?)*)$/],
      ["Formatting", /^Colours applied to 1 range$/],
      ["Period", /^Q3 2021\/22: no snapshot yet · compared with June 2021$/],
      ["Panel summary", /^Built “Panel Summary” · (\d+|no) updates? new since June 2021$/],
      ["Quarter's returns", /^No requests made yet$/],
    ];
    const heading = (title: string) => kb.getByRole("button", { name: title, exact: true });
    await fromTop(kb);
    for (const [title, state] of states) {
      await tabTo(kb, `button: ${title}`);
      expect(await focused(kb)).toBe(`button: ${title}`);
      await kb.keyboard.press("Enter");
      await kb.waitForFunction((t) => [...document.querySelectorAll("h2 button")].find((b) => b.textContent === t)?.getAttribute("aria-expanded") === "false", title);
      const described = await heading(title).getAttribute("aria-describedby");
      const line = await kb.locator(`[id="${described}"]`).innerText();
      expect({ title, line }).toEqual({ title, line: expect.stringMatching(state) });
      await step(`${title} folded`);
    }
    // Folded, the six headings and their lines fit in one screen of the pane (it scrolled to ~3,000 px open).
    const stepsEnd = await kb.evaluate(() => document.querySelector("main .fui-Accordion")!.getBoundingClientRect().bottom + window.scrollY);
    expect(stepsEnd).toBeLessThan(PANE.height);
    await fromTop(kb);
    for (const [title] of states) {
      await tabTo(kb, `button: ${title}`);
      await kb.keyboard.press("Space");
      await kb.waitForFunction((t) => [...document.querySelectorAll("h2 button")].find((b) => b.textContent === t)?.getAttribute("aria-expanded") === "true", title);
    }
    await kb.getByRole("button", { name: "Build panel summary" }).waitFor();
    await step("steps open again");

    // What the workbook holds afterwards: the four fixed cells and nothing else changed in the tracker;
    // the add-in's rules; a snapshot of 97 actions; the Panel Summary.
    const after = JSON.parse(await sheetValues(kb, HERTS_SHEET)) as unknown[][];
    const expected = original.map((r) => [...r]);
    for (const c of cells) expected[c.row - 1][c.column - 1] = c.fixed;
    expect(after).toEqual(expected);
    const held = await kb.evaluate((s) => {
      const d = (window as unknown as { __double: { sheet(n: string): { values: unknown[][]; conditionalFormats: unknown[]; visibility: string } | undefined } }).__double;
      const snap = d.sheet("Delivery plan snapshots");
      return { rules: d.sheet(s)!.conditionalFormats.length, snapshotRows: snap ? snap.values.filter((r) => r.some((v) => v !== "")).length : 0, snapshotVisibility: snap?.visibility, summary: d.sheet("Panel Summary")?.values[0][0] };
    }, HERTS_SHEET);
    expect(held).toEqual({ rules: 10, snapshotRows: 98, snapshotVisibility: "Hidden", summary: "Delivery Plan summary — Q3 2021/22" });
    await context.close();
  });

  it("on a sheet that keeps two periods: says which columns are read, chooses others by keyboard, passes axe", async () => {
    // The one-sheet tracker built from the two Hertfordshire samples, added to the workbook as "Two periods".
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dp-browser-periods-"));
    const { grid, juneColumn } = await hertsOneSheetGrid(tmp).finally(() => fs.rmSync(tmp, { recursive: true, force: true }));
    const values = grid.values.map((row) => row.map((v) => (v === null ? "" : v instanceof Date ? v.getTime() / 86400000 + 25569 : typeof v === "object" ? v.error : v)));
    await page.evaluate(
      ([g, vals]) => {
        type Sheet = { merges: unknown[] };
        const d = (window as unknown as { __double: { addSheet(n: string): Sheet; cell(s: Sheet, r: number, c: number, v: unknown): void } }).__double;
        const sheet = d.addSheet("Two periods");
        vals.forEach((row, i) => row.forEach((v, j) => v !== "" && d.cell(sheet, g.firstRow + i, g.firstColumn + j, v)));
        sheet.merges = g.merges;
      },
      [{ firstRow: grid.firstRow, firstColumn: grid.firstColumn, merges: grid.merges }, values] as const,
    );
    await page.getByRole("button", { name: "Find tracker" }).click();
    await page.getByRole("status").getByText("Found the tracker on").waitFor();
    await page.getByRole("combobox", { name: "Tracker sheet" }).selectOption("Two periods");
    await page.getByRole("button", { name: "Read this sheet" }).click();
    await page.getByRole("status").getByText("Found the tracker on “Two periods”").waitFor();
    const box = page.getByRole("region", { name: "Periods in this sheet" });
    await box.getByText(`the previous period is June 2021, from column ${juneColumn} (“Status June 2021”)`).waitFor();
    expect(await box.getByRole("table", { name: "Status in June 2021" }).getByRole("row").allInnerTexts()).toEqual(["✓Completed\t38", "◐In progress\t55", "‖On hold\t2", "○Not yet started\t2"]);
    await page.getByText(`Compared with June 2021, from column ${juneColumn} of this sheet: no snapshot is needed.`, { exact: false }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    // By keyboard: Tab to the choice of this period, the arrow key picks June, Tab on to the button, Enter.
    await fromTop(page);
    await tabTo(page, "select: Columns read as this period");
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("select: Columns read as the previous period");
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("button: Read these periods");
    await page.keyboard.press("Enter");
    await box.getByText(`This period is June 2021, read from column ${juneColumn} (“Status June 2021”); no earlier period holds values`, { exact: false }).waitFor();
    expect(await page.getByRole("table", { name: "Status", exact: true }).getByRole("row").allInnerTexts()).toEqual(["✓Completed\t38", "◐In progress\t55", "‖On hold\t2", "○Not yet started\t2"]);
    expect(await axeViolations(page)).toEqual([]);
  });
});
