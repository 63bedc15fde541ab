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
 * Modelled on test/browser/taskpane.test.ts (its helpers are repeated here so
 * the two files can change apart). Needs Chromium (CHROMIUM_PATH overrides
 * /usr/bin/chromium): it fails without it under CI, and is skipped elsewhere.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { chromium } from "playwright-core";
import type { Browser, Page } from "playwright-core";
import { bundleDouble, officeStub, seedGrids } from "./office-stub";
import { HERTS } from "../support/factories";
import { VALIDATION_TITLES, readTracker } from "../../src/model";
import type { SheetGrid } from "../../src/model";

const ROOT = path.resolve(__dirname, "../..");
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const IMAGES = path.join(ROOT, "docs/images");
const SHEET = "Delivery Plan 2021-22";
const PANE = { width: 360, height: 900 };

const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium && process.env.CI) {
  throw new Error(`The drop-down lists' browser test needs Chromium at ${CHROMIUM}, and CI is set. Install it with: apt-get install -y --no-install-recommends chromium (or set CHROMIUM_PATH).`);
}
const describeInBrowser = haveChromium ? describe : describe.skip;

jest.setTimeout(180_000);

const MIME: Record<string, string> = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".json": "application/json", ".png": "image/png", ".xml": "application/xml", ".map": "application/json" };

function serve(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const name = decodeURIComponent(new URL(req.url ?? "/", "http://127.0.0.1").pathname);
    const file = path.resolve(dir, `.${name}`);
    if (!file.startsWith(dir + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": MIME[path.extname(file)] ?? "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"));
  const result = (await page.evaluate(() =>
    (window as unknown as { axe: { run: (ctx: object, options: object) => Promise<unknown> } }).axe.run({ exclude: [["[data-tabster-dummy]"]] }, { resultTypes: ["violations"] }),
  )) as { violations: { id: string; impact: string; help: string; nodes: { target: string[]; failureSummary: string }[] }[] };
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} at ${n.target.join(" ")} — ${n.failureSummary}`));
}

function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return "(page)";
    const labelled = el.getAttribute("aria-labelledby");
    const byId = labelled ? labelled.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? "").join(" ") : "";
    const label = el.getAttribute("aria-label") || byId || (el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`)?.textContent : "") || el.textContent || "";
    const role = el.getAttribute("role") || el.tagName.toLowerCase();
    return `${role}: ${label.replace(/\s+/g, " ").trim()}`;
  });
}

async function fromTop(page: Page): Promise<void> {
  await page.evaluate(() => {
    const h1 = document.querySelector("h1") as HTMLElement;
    h1.tabIndex = -1;
    h1.focus();
    h1.removeAttribute("tabindex");
  });
}

async function tabTo(page: Page, name: string, max = 80): Promise<void> {
  const passed: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const now = await focused(page);
    if (now.startsWith(name)) return;
    passed.push(now);
  }
  throw new Error(`Tab never reached "${name}"; it passed: ${passed.join(" | ")}`);
}

/** The Formatting section, the window as tall as the page so the sticky status bar sits at the foot, not over it. */
async function formattingShot(page: Page, file: string): Promise<void> {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"));
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

describeInBrowser("the drop-down lists in Chromium, by keyboard alone", () => {
  let out = "";
  let server: { url: string; close: () => Promise<void> } | null = null;
  let browser: Browser | null = null;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), "delivery-plan-lists-"));
    try {
      await promisify(execFile)(process.execPath, [require.resolve("webpack-cli/bin/cli.js"), "--mode", "production", "--output-path", out], { cwd: ROOT, maxBuffer: 32 * 1024 * 1024 });
    } catch (err) {
      const e = err as { stdout?: string; stderr?: string; message: string };
      throw new Error(`npm run build failed:\n${(e.stdout ?? "").slice(-4000)}\n${(e.stderr ?? "").slice(-4000) || e.message}`);
    }
    const stub = officeStub(await bundleDouble(), misspelt(await seedGrids([HERTS])));
    server = await serve(out);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"] });
    page = await browser.newPage({ viewport: PANE, deviceScaleFactor: 1, reducedMotion: "reduce" });
    page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
    page.on("console", (msg) => {
      if (msg.type() === "error") problems.push(`console error: ${msg.text()}`);
    });
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (url === OFFICE_JS) return route.fulfill({ status: 200, contentType: "text/javascript", body: stub });
      if (url.startsWith(server!.url)) return route.continue();
      return route.abort();
    });
    await page.goto(`${server.url}/taskpane.html`);
    await page.getByRole("button", { name: "Find tracker", exact: true }).waitFor();
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

    // Refuse any other word: Space on the checkbox, then Add again (Shift+Tab back past "Remove the add-in’s colours").
    await tabTo(page, "input: Refuse any other word");
    await page.keyboard.press("Space");
    expect(await page.getByRole("checkbox", { name: /Refuse any other word/ }).isChecked()).toBe(true);
    await page.keyboard.press("Shift+Tab");
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
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
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
