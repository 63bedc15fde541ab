/**
 * The task pane's main thread on a big tracker: the production build in
 * Chromium (as the browser test runs it), the Excel double seeded with a
 * generated tracker, each sync a real round trip (ExcelDouble.roundTripDelay,
 * so the add-in's code between syncs runs as tasks of its own and the double's
 * work — Excel's side, in Excel another process — runs apart and is timed
 * apart). For each command the pane runs, the long tasks (≥ 50 ms, the
 * browser's Long Tasks API) that were the add-in's, not the double's.
 * Target: none, at every size (the engine runs in a web worker).
 */
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { chromium } from "playwright-core";
import type { Page } from "playwright-core";
import { bundleDouble, officeStub } from "../test/browser/office-stub";
import { realisticTracker } from "../test/support/realistic-tracker";
import { ms, table, targets, verdict } from "./util";

const ROOT = path.resolve(__dirname, "..");
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const LONG_TASK_MS = 50;

interface Step {
  name: string;
  run: (page: Page) => Promise<void>;
}

const STEPS: Step[] = [
  {
    name: "Find tracker",
    run: async (page) => {
      await page.getByRole("button", { name: "Find tracker", exact: true }).click();
      await page.getByRole("status").getByText("Found the tracker").waitFor({ timeout: 300_000 });
    },
  },
  {
    name: "Apply colours",
    run: async (page) => {
      await page.getByRole("button", { name: "Apply colours" }).click();
      await page.getByRole("status").getByText(/^Coloured/).waitFor({ timeout: 300_000 });
    },
  },
  {
    name: "Fix spellings… (the confirmation)",
    run: async (page) => {
      await page.getByRole("button", { name: /^Fix spellings…/ }).click();
      await page.getByRole("dialog").waitFor({ timeout: 300_000 });
      await page.keyboard.press("Escape");
      await page.getByRole("dialog").waitFor({ state: "detached" });
    },
  },
  {
    name: "Take snapshot",
    run: async (page) => {
      await page.getByRole("textbox", { name: /This period/ }).fill("Q2 2026/27");
      await page.getByRole("button", { name: "Take snapshot" }).click();
      await page.getByRole("status").getByText(/^Recorded/).waitFor({ timeout: 300_000 });
      await page.getByRole("textbox", { name: /This period/ }).fill("Q3 2026/27");
      await page.getByRole("combobox", { name: "Compare with (previous period)" }).selectOption("Q2 2026/27");
    },
  },
  {
    name: "Preview directions of travel",
    run: async (page) => {
      await page.getByRole("button", { name: "Preview directions of travel" }).click();
      await page.getByRole("status").getByText(/^Since Q2 2026\/27/).waitFor({ timeout: 300_000 });
    },
  },
  {
    name: "Build panel summary",
    run: async (page) => {
      await page.getByRole("button", { name: "Build panel summary" }).click();
      await page.getByRole("status").getByText(/^Built the sheet/).waitFor({ timeout: 300_000 });
    },
  },
];

function serve(dir: string): Promise<{ url: string; close: () => void }> {
  const server = http.createServer((req, res) => {
    const file = path.join(dir, decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname));
    if (!file.startsWith(dir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": file.endsWith(".html") ? "text/html; charset=utf-8" : "text/javascript; charset=utf-8" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() })));
}

export async function paneBench(sizes: readonly number[]): Promise<void> {
  if (!fs.existsSync(CHROMIUM)) {
    console.log(`\nThe pane's main thread: skipped (no Chromium at ${CHROMIUM}; apt-get install -y --no-install-recommends chromium).`);
    return;
  }
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "delivery-plan-pane-bench-"));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu"] });
  try {
    await promisify(execFile)(process.execPath, [require.resolve("webpack-cli/bin/cli.js"), "--mode", "production", "--output-path", out], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
    const server = await serve(out);
    const double = await bundleDouble();
    const rows: string[][] = [["rows", "command", "took", "Excel's side (double)", "add-in long tasks ≥ 50 ms", "longest"]];
    for (const size of sizes) {
      const stub = officeStub(double, [realisticTracker(size, { name: "Tracker" }).grid], { roundTripDelay: 1 });
      const page = await browser.newPage({ viewport: { width: 360, height: 900 } });
      const problems: string[] = [];
      page.on("pageerror", (e) => problems.push(e.message));
      await page.route("**/*", (route) => {
        const u = route.request().url();
        if (u === OFFICE_JS) return route.fulfill({ status: 200, contentType: "text/javascript", body: stub });
        if (u.startsWith(server.url)) return route.continue();
        return route.abort();
      });
      await page.goto(`${server.url}/taskpane.html`);
      await page.getByRole("button", { name: "Find tracker", exact: true }).waitFor();
      await page.evaluate(() => {
        const w = window as unknown as { __long: [number, number][] };
        w.__long = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) w.__long.push([e.startTime, e.duration]);
        }).observe({ type: "longtask" });
      });
      let worst = 0;
      let count = 0;
      for (const step of STEPS) {
        await page.evaluate(() => {
          const w = window as unknown as { __long: unknown[]; __double: { hostMs: number } };
          w.__long = [];
          w.__double.hostMs = 0;
        });
        const t = Date.now();
        await step.run(page);
        const took = Date.now() - t;
        await page.waitForTimeout(200);
        // A long task that is mostly the double's own work (Excel's side of a sync) is not the add-in's.
        const seen = await page.evaluate(() => {
          const w = window as unknown as { __long: [number, number][]; __double: { hostMs: number; hostSpans: [number, number][] } };
          const spans = w.__double.hostSpans;
          const ours = w.__long
            .map(([start, duration]) => {
              const host = spans.filter(([a, b]) => a >= start - 1 && b <= start + duration + 1).reduce((n, [a, b]) => n + b - a, 0);
              return duration - host;
            })
            .filter((d) => d >= 50);
          return { ours, hostMs: w.__double.hostMs };
        });
        const longest = seen.ours.length ? Math.max(...seen.ours) : 0;
        worst = Math.max(worst, longest);
        count += seen.ours.length;
        rows.push([size.toLocaleString("en-GB"), step.name, ms(took), ms(seen.hostMs), String(seen.ours.length), longest ? ms(longest) : "-"]);
      }
      if (problems.length) console.log(`  page errors at ${size} rows: ${problems.join("; ")}`);
      targets.push({
        measure: "task pane: add-in tasks over 50 ms on the main thread",
        size: size.toLocaleString("en-GB"),
        figure: count ? `${count}, longest ${ms(worst)}` : "none",
        target: `none over ${LONG_TASK_MS} ms`,
        verdict: verdict(count === 0, `${count} tasks, longest ${ms(worst)}`),
      });
      await page.close();
    }
    server.close();
    console.log(`\nThe task pane's main thread (Chromium, production build, the engine in a web worker; each sync a round trip):`);
    console.log(table(rows));
  } finally {
    await browser.close();
    fs.rmSync(out, { recursive: true, force: true });
  }
}
