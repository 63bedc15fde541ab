/**
 * The pane under its Content-Security-Policy (webpack.config.js, a <meta> in
 * taskpane.html), in Chromium: the production bundle runs under it — office.js
 * (here the stub: Microsoft's Excel client and the double), our scripts, the
 * engine's worker, Fluent UI's inline styles — with no violation reported, and
 * what an attacker would inject is refused: an inline script, an inline event
 * handler, a script from another origin, eval in a script of our own. A status cell holding markup is
 * shown as text.
 *
 * The browser tests' shared parts are in test/browser/pane-browser.ts.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { buildAddin, describeInBrowser, launch, openPane, serve } from "./pane-browser";
import type { Server } from "./pane-browser";
import { bundleDouble, officeStub, seedGrids } from "./office-stub";
import { HERTS } from "../support/factories";
import { readTracker } from "../../src/model";
import type { SheetGrid } from "../../src/model";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the build's own CommonJS config
const { CONTENT_SECURITY_POLICY } = require("../../webpack.config.js") as { CONTENT_SECURITY_POLICY: string };

const SHEET = "Delivery Plan 2021-22";
const MARKUP = `<img src=x onerror="window.__fromCell=1">Done<script>window.__fromCell=2</script>`;

jest.setTimeout(180_000);

interface Violation {
  directive: string;
  blocked: string;
}

/** Hertfordshire with markup typed in the first action's status cell. */
function withMarkup(grids: SheetGrid[]): SheetGrid[] {
  const herts = grids.find((g) => g.name === SHEET)!;
  const report = readTracker(herts);
  const column = report.tracker!.columns.find((c) => c.field === "status")!.column.charCodeAt(0) - 64;
  const values = herts.values.map((r) => [...r]);
  values[report.actions[0].rows[0] - herts.firstRow][column - herts.firstColumn] = MARKUP;
  return [{ ...herts, values }];
}

/** The violations the page has reported since it loaded (recorded by the init script below). */
function violations(page: Page): Promise<Violation[]> {
  return page.evaluate(() => (window as unknown as { __violations: Violation[] }).__violations);
}

describeInBrowser("the Content-Security-Policy's browser test")("the pane under its Content-Security-Policy (Chromium, production bundle)", () => {
  let out = "";
  let server: Server | null = null;
  let browser: Browser | null = null;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    out = await buildAddin("delivery-plan-csp-");
    const stub = officeStub(await bundleDouble(), withMarkup(await seedGrids([HERTS])));
    // What a script of our own would try: eval (the policy has no 'unsafe-eval').
    fs.writeFileSync(path.join(out, "probe.js"), `try { window.__probe = eval("'eval ran'"); } catch (e) { window.__probe = e instanceof EvalError ? "eval refused" : String(e); }`);
    server = await serve(out);
    browser = await launch();
    context = await browser.newContext({ viewport: { width: 360, height: 900 }, reducedMotion: "reduce", acceptDownloads: true });
    // Runs before the page's own scripts: every violation the policy reports is kept.
    await context.addInitScript(() => {
      const w = window as unknown as { __violations: { directive: string; blocked: string }[] };
      w.__violations = [];
      document.addEventListener("securitypolicyviolation", (e) => w.__violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI, where: `${e.sourceFile}:${e.lineNumber}:${e.columnNumber}` } as never));
    });
    page = await openPane(context, server, stub, problems);
    // As in Excel on the web, where the pane may download the panel paper.
    await page.evaluate(() => {
      const office = (window as unknown as { Office: { context: Record<string, unknown> } }).Office;
      office.context.diagnostics = { platform: "OfficeOnline" };
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (out) fs.rmSync(out, { recursive: true, force: true });
  });

  it("is the first thing in the page's head, before office.js, and is the policy webpack.config.js states", () => {
    const html = fs.readFileSync(path.join(out, "taskpane.html"), "utf8");
    const head = /<head>(.*?)<\/head>/s.exec(html)![1];
    const meta = /<meta http-equiv="?Content-Security-Policy"? content="([^"]*)"/.exec(head);
    expect(meta?.[1]).toBe(CONTENT_SECURITY_POLICY);
    expect(head.indexOf("Content-Security-Policy")).toBeLessThan(head.indexOf("<script"));
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self' https://appsforoffice.microsoft.com");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
  });

  it("runs the pane under it: the tracker found through Microsoft's client, counted in the worker, no violation", async () => {
    await page.getByRole("button", { name: "Find tracker", exact: true }).click();
    await page.getByRole("status").getByText(`Found the tracker on “${SHEET}”`).waitFor();
    const status = page.getByRole("table", { name: "Status" });
    expect(await status.getByRole("row").allInnerTexts()).toEqual(["✓Completed\t44", "◐In progress\t52", "–Not set\t1"]);
    expect(page.workers()).toHaveLength(1);
    // Fluent UI's styles were applied (Griffel's inline <style> elements are allowed).
    expect(await page.evaluate(() => document.querySelectorAll("style[data-make-styles-bucket]").length)).toBeGreaterThan(0);
    expect(await violations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it("colours, builds the Panel Summary and saves the panel paper (its writer a chunk loaded on demand) under it", async () => {
    await page.getByRole("button", { name: "Apply colours" }).click();
    await page.getByRole("status").getByText(/Coloured C5:C106 \(Status\)/).waitFor();
    await page.getByRole("textbox", { name: /This period/ }).fill("November 2021");
    await page.getByRole("button", { name: "Build panel summary" }).click();
    await page.getByRole("status").getByText("Built the sheet “Panel Summary” for November 2021. The tracker was not changed.").waitFor();
    const saved = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download .docx" }).click();
    const file = await (await saved).path();
    expect(fs.readFileSync(file).subarray(0, 2).toString("latin1")).toBe("PK");
    expect(await violations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it("shows a status cell's markup as text: nothing in it runs", async () => {
    await page.getByText(MARKUP, { exact: false }).first().waitFor();
    expect(await page.evaluate(() => (window as unknown as { __fromCell?: number }).__fromCell)).toBeUndefined();
    expect(await page.locator("#container img[src='x'], #container script").count()).toBe(0);
  });

  it("refuses an injected inline script, an inline handler, a script from elsewhere and eval", async () => {
    const result = await page.evaluate(async () => {
      const w = window as unknown as Record<string, unknown>;
      const inline = document.createElement("script");
      inline.textContent = "window.__injected = 'inline'";
      document.body.append(inline);
      const img = document.createElement("img");
      img.setAttribute("onerror", "window.__injected = 'handler'");
      img.src = "data:,not-an-image";
      document.body.append(img);
      const foreign = document.createElement("script");
      foreign.src = "https://scripts.example/steal.js";
      document.body.append(foreign);
      // A script of our own origin may run, but not turn a string into code.
      const own = document.createElement("script");
      own.src = "probe.js";
      const ran = new Promise((done) => own.addEventListener("load", done));
      document.body.append(own);
      await ran;
      await new Promise((done) => setTimeout(done, 200));
      return { injected: w.__injected ?? null, probe: w.__probe };
    });
    expect(result).toEqual({ injected: null, probe: "eval refused" });
    const seen = await violations(page);
    expect(seen.map((v) => v.directive).sort()).toEqual(["script-src", "script-src-attr", "script-src-elem", "script-src-elem"].sort());
    expect(seen.some((v) => v.blocked === "https://scripts.example/steal.js")).toBe(true);
    // Chromium reports each refusal on the console too; those are the test's, not the pane's.
    problems.length = 0;
  });
});
