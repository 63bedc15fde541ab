/**
 * What the browser tests share: the production bundle built into a temporary
 * folder, served on 127.0.0.1 and a free port, opened in Debian's Chromium
 * through playwright-core with office.js replaced by the stub (office-stub.ts),
 * and the ways a keyboard user and axe-core look at the pane.
 *
 * Needs Chromium (apt-get install -y --no-install-recommends chromium). Without
 * it a browser test fails under CI (CI set) and is skipped elsewhere.
 * CHROMIUM_PATH overrides /usr/bin/chromium.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { chromium } from "playwright-core";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";

export const ROOT = path.resolve(__dirname, "../..");
export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
export const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
/** Screenshots: test/.out/images (ignored by git) unless SCREENSHOTS_DIR says otherwise (npm run screenshots: docs/images). */
export const IMAGES = path.resolve(ROOT, process.env.SCREENSHOTS_DIR || "test/.out/images");
/** A task pane's width in Excel on Windows. */
export const PANE = { width: 360, height: 900 };

/** `describe` when Chromium is there; under CI its absence is an error, elsewhere the tests skip and say why. */
export function describeInBrowser(what: string): jest.Describe {
  const have = fs.existsSync(CHROMIUM);
  if (!have && process.env.CI) {
    throw new Error(`${what} needs Chromium at ${CHROMIUM}, and CI is set. Install it with: apt-get install -y --no-install-recommends chromium (or set CHROMIUM_PATH).`);
  }
  if (!have) console.warn(`Skipping ${what}: no Chromium at ${CHROMIUM} (apt-get install -y --no-install-recommends chromium).`);
  return have ? describe : describe.skip;
}

/** The production build (webpack --mode production) into a new temporary folder; its path. */
export async function buildAddin(prefix: string): Promise<string> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  try {
    await promisify(execFile)(process.execPath, [require.resolve("webpack-cli/bin/cli.js"), "--mode", "production", "--output-path", out], { cwd: ROOT, maxBuffer: 32 * 1024 * 1024 });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`npm run build failed:\n${(e.stdout ?? "").slice(-4000)}\n${(e.stderr ?? "").slice(-4000) || e.message}`);
  }
  return out;
}

const MIME: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
  ".xml": "application/xml",
  ".map": "application/json",
};

export interface Server {
  url: string;
  close: () => Promise<void>;
}

/** A static server for the built add-in, on 127.0.0.1 and a free port. */
export function serve(dir: string): Promise<Server> {
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

/** Debian's Chromium, headless, with nothing that reaches for the network. */
export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

/**
 * The pane in a new page of `where`: office.js is the stub, the add-in comes from our server, the
 * rest is refused; page errors and console errors go into `problems`. Resolves once Find tracker shows.
 */
export async function openPane(where: Browser | BrowserContext, server: Server, stub: string, problems: string[]): Promise<Page> {
  const page = "newContext" in where ? await where.newPage({ viewport: PANE, deviceScaleFactor: 1, reducedMotion: "reduce" }) : await where.newPage();
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console error: ${msg.text()}`);
  });
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url === OFFICE_JS) return route.fulfill({ status: 200, contentType: "text/javascript", body: stub });
    // axe-core, from the pane's own origin: the page's Content-Security-Policy refuses inline scripts.
    if (url === new URL(AXE_PATH, server.url).href) return route.fulfill({ status: 200, contentType: "text/javascript", path: require.resolve("axe-core/axe.min.js") });
    if (url.startsWith(server.url)) return route.continue();
    return route.abort();
  });
  await page.goto(`${server.url}/taskpane.html`);
  await page.getByRole("button", { name: "Find tracker", exact: true }).waitFor();
  return page;
}

/** Where the tests' pages load axe-core from (openPane serves it on the pane's origin). */
const AXE_PATH = "/__tests__/axe.min.js";

/** Wait until no animation runs: axe measures colours, and screenshots show the pane, as they are on screen. */
export async function animationsDone(page: Page): Promise<void> {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"));
}

interface AxeResult {
  violations: { id: string; impact: string; help: string; nodes: { target: string[]; failureSummary: string }[] }[];
  passes: unknown[];
}

/** axe-core's violations in the page, as readable lines (empty: none); `passed` gets how many rules passed. */
export async function axeViolations(page: Page, passed?: (rules: number) => void): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ url: new URL(AXE_PATH, page.url()).href });
  await animationsDone(page);
  // Tabster's focus sentinels (<i data-tabster-dummy aria-hidden tabindex=0>) are left out: they pass the
  // focus on at once and are never where it rests (Fluent UI's own accessibility tests exclude them too).
  const result = (await page.evaluate(() =>
    (window as unknown as { axe: { run: (ctx: object, options: object) => Promise<unknown> } }).axe.run({ exclude: [["[data-tabster-dummy]"]] }, { resultTypes: ["violations"] }),
  )) as AxeResult;
  passed?.(result.passes.length);
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} at ${n.target.join(" ")} — ${n.failureSummary}`));
}

/** What has the focus, described as a user would: its role and name. */
export function focused(page: Page): Promise<string> {
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

/** Start keyboard navigation from the top of the pane (the heading), as a user arriving in it would. */
export async function fromTop(page: Page): Promise<void> {
  await page.evaluate(() => {
    const h1 = document.querySelector("h1") as HTMLElement;
    h1.tabIndex = -1;
    h1.focus();
    h1.removeAttribute("tabindex");
  });
}

/** Press Tab until the focus is on the control named (its description starts with `name`); fails naming what it passed. */
export async function tabTo(page: Page, name: string, max = 80): Promise<void> {
  const passed: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const now = await focused(page);
    if (now.startsWith(name)) return;
    passed.push(now);
  }
  throw new Error(`Tab never reached "${name}"; it passed: ${passed.join(" | ")}`);
}

/**
 * Wait for a dialog as a user does: open, its animation over, readable (nothing around it
 * aria-hidden) and holding the focus; keys pressed before then could land behind it.
 */
export async function opened(page: Page, dialog: Locator): Promise<void> {
  await dialog.waitFor();
  await page.waitForFunction(() => {
    const d = document.querySelector('[role="dialog"]');
    return !!d && !d.closest('[aria-hidden="true"]') && d.contains(document.activeElement) && document.getAnimations().every((a) => a.playState !== "running");
  });
}

/** The pictures' window: an Excel task pane on a laptop, about 350 × 600 px (not the whole pane as one tall strip). */
export const PICTURE = { width: PANE.width, height: 600 };

/**
 * A picture of the pane as an officer sees it, in a window of PICTURE's size, `show` scrolled into view
 * (for the README): in the middle, or at the top with a little room above it (`at: "top"`).
 */
export async function shot(page: Page, file: string, show?: Locator, at: "middle" | "top" = "middle"): Promise<void> {
  await page.setViewportSize(PICTURE);
  if (show)
    await show.evaluate((el, top) => {
      el.scrollIntoView({ block: top ? "start" : "center" });
      if (top) window.scrollBy(0, -8);
    }, at === "top");
  await animationsDone(page);
  fs.mkdirSync(IMAGES, { recursive: true });
  await page.screenshot({ path: path.join(IMAGES, file) });
  await page.setViewportSize(PANE);
}
