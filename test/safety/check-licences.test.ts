/** scripts/check-licences.js, run as CI runs it: on this project, and on small projects made to fail. */
import { execFile } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const SCRIPT = path.resolve(__dirname, "../../scripts/check-licences.js");
const ROOT = path.resolve(__dirname, "../..");

async function check(dir: string) {
  try {
    const { stdout, stderr } = await promisify(execFile)("node", [SCRIPT, dir]);
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

interface FakePackage {
  license?: unknown;
  licenses?: unknown;
  dev?: boolean;
  optional?: boolean;
  /** Not in node_modules: only the lockfile's record of the licence. */
  notInstalled?: boolean;
  version?: string;
}

/** A project with a lockfile and node_modules: name → package. */
async function project(packages: Record<string, FakePackage>, extra: { deps?: Record<string, string>; src?: Record<string, string> } = {}) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "dp-licences-"));
  const lockPackages: Record<string, unknown> = { "": { name: "fake", version: "1.0.0" } };
  for (const [name, p] of Object.entries(packages)) {
    const version = p.version ?? "1.0.0";
    lockPackages[`node_modules/${name}`] = {
      version,
      ...(p.dev ? { dev: true } : {}),
      ...(p.optional ? { optional: true } : {}),
      ...(typeof p.license === "string" ? { license: p.license } : {}),
    };
    if (!p.notInstalled) {
      await fs.mkdir(path.join(dir, "node_modules", name), { recursive: true });
      const json = { name, version, ...(p.license !== undefined ? { license: p.license } : {}), ...(p.licenses !== undefined ? { licenses: p.licenses } : {}) };
      await fs.writeFile(path.join(dir, "node_modules", name, "package.json"), JSON.stringify(json));
    }
  }
  await fs.writeFile(path.join(dir, "package.json"), JSON.stringify({ name: "fake", version: "1.0.0", dependencies: extra.deps ?? {} }));
  await fs.writeFile(path.join(dir, "package-lock.json"), JSON.stringify({ name: "fake", lockfileVersion: 3, packages: lockPackages }));
  for (const [file, text] of Object.entries(extra.src ?? {})) {
    await fs.mkdir(path.dirname(path.join(dir, "src", file)), { recursive: true });
    await fs.writeFile(path.join(dir, "src", file), text);
  }
  return dir;
}

describe("check-licences", () => {
  it("passes on this project and says how many production packages, by licence", async () => {
    const r = await check(ROOT);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^check-licences: \d+ production packages \(\d+ of them optional\): MIT \d+, .* — all allowed\.\n$/);
  });

  it("passes permissive licences, an OR with one allowed branch, old-style arrays, and devDependencies under any licence", async () => {
    const dir = await project({
      a: { license: "MIT" },
      b: { license: "(MIT OR GPL-3.0-or-later)" },
      c: { license: "(MIT AND Zlib)" },
      d: { licenses: [{ type: "MIT" }, { type: "GPL-2.0" }] },
      e: { license: { type: "ISC" } },
      f: { license: "Apache-2.0", optional: true, notInstalled: true },
      hyperformula: { license: "GPL-3.0-only", dev: true },
      g: { license: "AGPL-3.0-only", dev: true },
    });
    const r = await check(dir);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("6 production packages (1 of them optional)");
  });

  it("fails, one line per offender, on a GPL-only, AGPL, LGPL, AND-with-GPL, missing or unreadable licence", async () => {
    const dir = await project({
      ok: { license: "MIT" },
      gpl: { license: "GPL-3.0-only" },
      agpl: { license: "AGPL-3.0-or-later", optional: true },
      lgpl: { license: "LGPL-2.1+" },
      both: { license: "(MIT AND GPL-2.0)" },
      none: {},
      lockonly: { license: "GPL-2.0", notInstalled: true },
      odd: { license: "SEE LICENSE IN LICENSE.txt" },
    });
    const r = await check(dir);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(7);
    for (const name of ["gpl", "agpl", "lgpl", "both", "none", "lockonly", "odd"]) expect(lines.filter((l) => l.startsWith(`check-licences: ${name}@1.0.0 `))).toHaveLength(1);
    expect(lines.find((l) => l.includes("none@"))).toMatch(/declares no licence/);
    expect(r.stdout).toMatch(/8 production packages .* — 7 problem\(s\)\./);
  });

  it("fails when hyperformula is a production dependency, or src/ imports it, or a dependency is not pinned", async () => {
    const dir = await project(
      { hyperformula: { license: "(MIT OR GPL-3.0-only)", version: "3.5.0" }, zod: { license: "MIT", version: "4.6.7" } },
      {
        deps: { hyperformula: "3.5.0", zod: "^4.6.7" },
        src: { "model/calc.ts": 'import { HyperFormula } from "hyperformula";\n', "ok.ts": "// hyperformula is not imported here\n" },
      },
    );
    const r = await check(dir);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^check-licences: zod: "\^4\.6\.7" in dependencies is not an exact version/),
        expect.stringMatching(/^check-licences: hyperformula: listed in dependencies\. HyperFormula is GPLv3 or commercial/),
        expect.stringMatching(/^check-licences: hyperformula@3\.5\.0 \(node_modules\/hyperformula\): in the production tree/),
        expect.stringMatching(/^check-licences: src\/model\/calc\.ts: imports hyperformula/),
      ]),
    );
    expect(lines).toHaveLength(4);
  });
});
