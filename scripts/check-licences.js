#!/usr/bin/env node
/**
 * Licence check over the production dependency tree (what `npm ci --omit=dev`
 * installs: dependencies and optionalDependencies, and everything they pull in).
 *
 *   node scripts/check-licences.js [project-dir]     (default: the current directory)
 *
 * Reads package-lock.json (the committed lockfile is the tree CI installs):
 * every "packages" entry not marked dev is a production package. Its licence is
 * the "license" (or old-style "licenses") of its installed package.json, or the
 * lockfile's record of it when the package is not installed (an optional
 * dependency for another platform). Fails (exit 1), one line per offender, on:
 *  - a licence missing, or not in ALLOWED (an SPDX expression passes when an OR
 *    has one allowed branch and an AND has all of them allowed: "(MIT OR
 *    GPL-3.0-or-later)" passes, "GPL-3.0-only" or "(MIT AND GPL-3.0)" does not);
 *  - hyperformula in the production tree (GPLv3 or commercial: tests and
 *    benchmarks only, as a devDependency);
 *  - a file under src/ that imports hyperformula (the bundle is built from src/);
 *  - a dependency in package.json not pinned to an exact version.
 * No dependencies: plain Node.
 */
"use strict";
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS, run by Node without a compile step */
const fs = require("node:fs");
const path = require("node:path");

/** Licences a production dependency may have (permissive; attribution is all they ask). */
const ALLOWED = new Set([
  "MIT",
  "ISC",
  "BSD-2-Clause",
  "BSD-3-Clause",
  "Apache-2.0",
  "0BSD",
  "CC0-1.0",
  "Unlicense",
  "BlueOak-1.0.0",
  "Python-2.0",
  "CC-BY-4.0",
  "Zlib",
]);

/** Non-SPDX spellings found in package.json files, and what they mean. */
const ALIASES = { "MIT/X11": "MIT", "Apache 2.0": "Apache-2.0", "Apache License, Version 2.0": "Apache-2.0", BSD: "BSD-2-Clause" };

/**
 * Packages that declare no licence, checked by hand: name@version → the licence
 * and where it was found. Re-check when the version changes (the key then no longer matches).
 */
const REVIEWED = {
  "buffers@0.1.1": {
    licence: "MIT",
    why: "no licence field in the published package; the author's repository github.com/substack/node-buffers has an MIT LICENSE",
  },
};

/** Packages that must never be production dependencies, whatever they declare. */
const FORBIDDEN = { hyperformula: "HyperFormula is GPLv3 or commercial: it may only be a devDependency (tests, benchmarks), never shipped" };

/** Parse an SPDX expression into a tree; throws on what it cannot read. */
function parseSpdx(text) {
  const tokens = text.replace(/\(/g, " ( ").replace(/\)/g, " ) ").trim().split(/\s+/).filter(Boolean);
  let i = 0;
  const peek = () => tokens[i];
  function primary() {
    const t = tokens[i++];
    if (t === undefined) throw new Error("unexpected end");
    if (t === "(") {
      const e = or();
      if (tokens[i++] !== ")") throw new Error("missing )");
      return e;
    }
    if (/^(AND|OR|WITH|\))$/i.test(t)) throw new Error(`unexpected ${t}`);
    let id = ALIASES[t] ?? t;
    // "GPL-2.0+" is "GPL-2.0 or later": still GPL. "X WITH exception" is judged as X.
    id = id.replace(/\+$/, "");
    if (peek() && peek().toUpperCase() === "WITH") {
      i++;
      if (tokens[i++] === undefined) throw new Error("WITH needs an exception");
    }
    return { id };
  }
  function and() {
    const parts = [primary()];
    while (peek() && peek().toUpperCase() === "AND") {
      i++;
      parts.push(primary());
    }
    return parts.length === 1 ? parts[0] : { and: parts };
  }
  function or() {
    const parts = [and()];
    while (peek() && peek().toUpperCase() === "OR") {
      i++;
      parts.push(and());
    }
    return parts.length === 1 ? parts[0] : { or: parts };
  }
  const tree = or();
  if (i !== tokens.length) throw new Error(`unexpected ${tokens[i]}`);
  return tree;
}

function allowed(tree) {
  if (tree.id) return ALLOWED.has(tree.id);
  if (tree.or) return tree.or.some(allowed);
  return tree.and.every(allowed);
}

/** The licence a package.json declares, as one expression (old "licenses" arrays are alternatives). */
function declared(pkg) {
  if (!pkg) return null;
  const one = (l) => (typeof l === "string" ? l : l && typeof l.type === "string" ? l.type : null);
  if (pkg.license) return one(pkg.license);
  if (Array.isArray(pkg.licenses) && pkg.licenses.length) {
    const all = pkg.licenses.map(one).filter(Boolean);
    return all.length ? (all.length === 1 ? all[0] : `(${all.join(" OR ")})`) : null;
  }
  return null;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

/** Files under dir (recursively) whose names end in one of exts. */
function sourceFiles(dir, exts) {
  const out = [];
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p, exts));
    else if (exts.some((x) => e.name.endsWith(x))) out.push(p);
  }
  return out;
}

function check(root) {
  const problems = [];
  const pkg = readJson(path.join(root, "package.json"));
  const lock = readJson(path.join(root, "package-lock.json"));
  if (!pkg) return { problems: [`no readable package.json in ${root}`], packages: [] };
  if (!lock || typeof lock.packages !== "object") return { problems: [`no package-lock.json with a "packages" map in ${root} (commit the lockfile; npm 7 or later)`], packages: [] };

  // Pinned: every dependency at an exact version, so the lockfile and package.json say the same.
  for (const field of ["dependencies", "optionalDependencies", "devDependencies"]) {
    for (const [name, spec] of Object.entries(pkg[field] ?? {})) {
      if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(spec)) problems.push(`${name}: "${spec}" in ${field} is not an exact version; pin it (npm install --save-exact).`);
    }
  }
  for (const name of Object.keys(FORBIDDEN)) {
    for (const field of ["dependencies", "optionalDependencies", "peerDependencies"]) {
      if (pkg[field]?.[name]) problems.push(`${name}: listed in ${field}. ${FORBIDDEN[name]}.`);
    }
  }

  const packages = [];
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (key === "" || entry.dev) continue;
    const name = entry.name ?? key.slice(key.lastIndexOf("node_modules/") + "node_modules/".length);
    const installed = readJson(path.join(root, entry.link && entry.resolved ? entry.resolved : key, "package.json"));
    const version = installed?.version ?? entry.version ?? "?";
    const where = `${name}@${version} (${key})`;
    if (FORBIDDEN[name]) problems.push(`${where}: in the production tree. ${FORBIDDEN[name]}.`);
    let licence = declared(installed) ?? entry.license ?? null;
    let reviewed = null;
    if (!licence && REVIEWED[`${name}@${version}`]) {
      reviewed = REVIEWED[`${name}@${version}`];
      licence = reviewed.licence;
    }
    packages.push({ name, version, licence: licence ?? "(none)", reviewed, optional: Boolean(entry.optional || entry.devOptional) });
    if (!licence) {
      problems.push(`${where}: declares no licence. Check it by hand and add it to REVIEWED in scripts/check-licences.js, or drop the package.`);
      continue;
    }
    let tree;
    try {
      tree = parseSpdx(licence);
    } catch (err) {
      problems.push(`${where}: licence "${licence}" is not an SPDX expression this check can read (${err.message}).`);
      continue;
    }
    if (!allowed(tree)) problems.push(`${where}: licence "${licence}" is not allowed for a production dependency (allowed: ${[...ALLOWED].join(", ")}).`);
  }

  // The bundle is built from src/: nothing there may import HyperFormula (eslint bans it too).
  for (const file of sourceFiles(path.join(root, "src"), [".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs"])) {
    const text = fs.readFileSync(file, "utf8");
    if (/(?:from\s*|require\s*\(\s*|import\s*\(\s*|import\s+)["']hyperformula(?:\/[^"']*)?["']/.test(text)) {
      problems.push(`${path.relative(root, file)}: imports hyperformula. ${FORBIDDEN.hyperformula}.`);
    }
  }
  return { problems, packages };
}

function main() {
  const root = path.resolve(process.argv[2] ?? ".");
  const { problems, packages } = check(root);
  const byLicence = new Map();
  for (const p of packages) byLicence.set(p.licence, (byLicence.get(p.licence) ?? 0) + 1);
  const counts = [...byLicence.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([l, n]) => `${l} ${n}`);
  const optional = packages.filter((p) => p.optional).length;
  const reviewed = packages.filter((p) => p.reviewed).map((p) => `${p.name}@${p.version} (${p.reviewed.licence}, checked by hand: ${p.reviewed.why})`);
  for (const line of problems) process.stderr.write(`check-licences: ${line}\n`);
  process.stdout.write(
    `check-licences: ${packages.length} production packages (${optional} of them optional): ${counts.join(", ")}${reviewed.length ? `; reviewed: ${reviewed.join("; ")}` : ""}` +
      ` — ${problems.length ? `${problems.length} problem(s)` : "all allowed"}.\n`,
  );
  process.exitCode = problems.length ? 1 : 0;
}

if (require.main === module) main();
module.exports = { check, parseSpdx, allowed };
