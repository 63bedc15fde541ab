#!/usr/bin/env node
/**
 * `npm run demo`: the command line on the bundled Hertfordshire samples, as a
 * first look. It writes the Panel Summary workbook and the panel paper into
 * out/, and prints a short result: what was read, the headline figures once,
 * the exceptions and the tracker's own problems in a line each, and the files
 * to open. (Run the commands themselves for everything they say: see README.)
 *
 *   node scripts/demo.js        (after `npm ci`, which builds lib/)
 *
 * DEMO_OUT names another folder for the two files (the tests use one of their own).
 *
 * Exit code: the commands' own (2 when one could not run, with its message).
 */
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS, run by Node without a compile step */
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const bin = path.join(root, "lib", "cli", "main.js");
const tracker = "samples/herts-delivery-plan-2021-22.xlsx";
const june = "samples/herts-delivery-plan-2021-06.xlsx";
const outDir = process.env.DEMO_OUT || "out";
const summaryOut = path.join(outDir, "herts-panel-summary.xlsx");
const paperOut = path.join(outDir, "herts-panel-paper.docx");

if (!fs.existsSync(bin)) {
  process.stderr.write("demo: the command line is not built yet. Run `npm ci` (or `npm run build:cli`) first.\n");
  process.exit(2);
}
fs.mkdirSync(path.resolve(root, outDir), { recursive: true });

/** Run the CLI with --json; its JSON, or stop with what it said. */
function cli(args) {
  try {
    return JSON.parse(execFileSync(process.execPath, [bin, ...args, "--json"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }));
  } catch (err) {
    // Exit 1 (errors in the tracker) still writes the files and the JSON.
    if (err.status === 1 && err.stdout) return JSON.parse(err.stdout);
    process.stderr.write(`${err.stderr || err.message}`);
    process.exit(err.status || 2);
  }
}

const common = ["--previous", june, "--previous-label", "June 2021", "--as-of", "2021-11-30"];
const summary = cli(["summary", tracker, ...common, "--period", "November 2021", "--out", summaryOut]);
const paper = cli(["report", tracker, ...common, "--organisation", "Hertfordshire OPCC", "--paper-settings", "samples/herts-paper-settings.json", "--out", paperOut]);

const count = (n, one, many) => `${n} ${n === 1 ? one : many}`;
const warnings = summary.issues.filter((i) => i.severity === "warning").length;
const errors = summary.issues.filter((i) => i.severity === "error").length;
const lines = [
  `Read ${tracker}: ${summary.actions} actions, ${summary.period} against ${summary.previous.label}.`,
  summary.panelSummary.sentence,
  `${count(paper.exceptions, "exception", "exceptions")} for the Panel; the tracker has ${errors ? `${count(errors, "error", "errors")} and ` : ""}${count(warnings, "warning", "warnings")} (npx delivery-plan validate ${tracker} lists them).`,
  ...(paper.missing.length ? [`The paper shows ${count(paper.missing.length, "field", "fields")} as placeholders to fill in, such as "[Contact officer]".`] : []),
  `Open: ${summaryOut}, ${paperOut}`,
];
process.stdout.write(`${lines.join("\n")}\n`);
