/**
 * `npm run demo` (scripts/demo.js), the first thing a new user runs: a short
 * result — the headline figures once, and the files to open last — and the two
 * files it names are there.
 */
import { execFile } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, "../..");

it("prints a few lines, the headline once, and ends on the files to open, which it wrote", async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "dp-demo-"));
  try {
    const { stdout, stderr } = await promisify(execFile)("node", [path.join(ROOT, "scripts/demo.js")], { cwd: ROOT, env: { ...process.env, DEMO_OUT: dir } });
    expect(stderr).toBe("");
    const lines = stdout.trimEnd().split("\n");
    expect(lines.length).toBeLessThanOrEqual(6);
    expect(stdout.match(/Of the 97 actions, 45 are complete \(38 in June 2021\)/g)).toHaveLength(1);
    const summary = path.join(dir, "herts-panel-summary.xlsx");
    const paper = path.join(dir, "herts-panel-paper.docx");
    expect(lines[lines.length - 1]).toBe(`Open: ${summary}, ${paper}`);
    for (const file of [summary, paper]) expect((await fs.stat(file)).size).toBeGreaterThan(10_000);
    // Cambridgeshire's warnings are not the demo's business.
    expect(stdout).not.toMatch(/Cambridgeshire|cambs|WARNING/);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});
