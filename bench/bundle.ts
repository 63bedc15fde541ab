/**
 * The task pane's initial JavaScript: the production build (webpack, into a temp
 * folder), the scripts taskpane.html loads (its <script src> tags), each gzipped
 * at level 9 and summed. Office.js itself comes from Microsoft's CDN, shared by
 * every add-in, and is not ours to count: it is listed, not added.
 */
import { execFile } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { ms, size, table, targets, verdict } from "./util";

const ROOT = path.resolve(__dirname, "..");
const TARGET_KB = 300;

export interface BundleFigures {
  files: { src: string; bytes: number; gzip: number }[];
  external: string[];
  gzipTotal: number;
  buildTime: number;
}

export async function bundleBench(): Promise<BundleFigures> {
  const out = await fs.mkdtemp(path.join(os.tmpdir(), "delivery-plan-bundle-"));
  try {
    const t = performance.now();
    try {
      await promisify(execFile)(process.execPath, [require.resolve("webpack-cli/bin/cli.js"), "--mode", "production", "--output-path", out], {
        cwd: ROOT,
        maxBuffer: 64 * 1024 * 1024,
      });
    } catch (err) {
      const e = err as { stdout?: string; stderr?: string; message: string };
      throw new Error(`the production build failed:\n${(e.stdout ?? "").slice(-3000)}\n${(e.stderr ?? "").slice(-3000) || e.message}`);
    }
    const buildTime = performance.now() - t;
    const html = await fs.readFile(path.join(out, "taskpane.html"), "utf8");
    const srcs = [...html.matchAll(/<script\b[^>]*\bsrc\s*=\s*["']?([^"'\s>]+)/gi)].map((m) => m[1]);
    const external = srcs.filter((s) => /^(https?:)?\/\//i.test(s));
    const files = [];
    for (const src of srcs.filter((s) => !external.includes(s))) {
      const data = await fs.readFile(path.join(out, src.replace(/^\.?\//, "").split("?")[0]));
      files.push({ src, bytes: data.length, gzip: zlib.gzipSync(data, { level: 9 }).length });
    }
    const gzipTotal = files.reduce((n, f) => n + f.gzip, 0);
    const figures: BundleFigures = { files, external, gzipTotal, buildTime };
    const kb = gzipTotal / 1024;

    console.log(`\nThe task pane's initial JavaScript (production build in ${ms(buildTime)}; the <script src> of taskpane.html):`);
    console.log(
      table([
        ["script", "minified", "gzip -9"],
        ...files.map((f) => [f.src, size(f.bytes), size(f.gzip)]),
        ["total", size(files.reduce((n, f) => n + f.bytes, 0)), `${kb.toFixed(0)} KB (target ≤ ${TARGET_KB} KB)`],
      ]),
    );
    if (external.length) console.log(`  not counted (Microsoft's CDN, shared by every add-in): ${external.join(", ")}`);
    targets.push({
      measure: "task pane initial JavaScript, gzipped",
      size: "-",
      figure: `${kb.toFixed(0)} KB (${files.length} scripts)`,
      target: `≤ ${TARGET_KB} KB`,
      verdict: verdict(kb <= TARGET_KB, `${(kb - TARGET_KB).toFixed(0)} KB over`),
    });
    return figures;
  } finally {
    await fs.rm(out, { recursive: true, force: true });
  }
}
