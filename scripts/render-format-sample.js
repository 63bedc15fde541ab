// Renders docs/images/format-cambs.png and format-herts.png: the samples after
// `delivery-plan format`, as LibreOffice Calc draws them (conditional formats
// evaluated). Needs a built CLI (npm run build:cli), soffice and pdftoppm.
//   node scripts/render-format-sample.js
"use strict";
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS script */
const { execFileSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const ExcelJS = require("exceljs");

const root = path.resolve(__dirname, "..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dp-render-"));
const jobs = [
  // Cambridgeshire: the rows around V7–V9, whose RAG was only a fill colour, now typed and coloured by the words.
  { name: "cambs", input: "samples/cambs-delivery-plan-2018-11.xlsx", flags: ["--write-rag-labels"], area: "A1:F20", widths: { B: 50, D: 24, F: 16 }, hideRows: [6, 7, 8, 9, 10, 17, 18, 19, 20], hideCols: ["E"], rowHeight: 48 },
  { name: "herts", input: "samples/herts-delivery-plan-2021-22.xlsx", flags: [], area: "A4:E16", widths: { B: 45, D: 40 }, hideRows: [], hideCols: [] },
];

async function main() {
  for (const job of jobs) {
    const formatted = path.join(tmp, `${job.name}.xlsx`);
    execFileSync("node", [path.join(root, "lib/cli/main.js"), "format", path.join(root, job.input), "--out", formatted, ...job.flags]);
    // For the picture only: a landscape page of the first rows, fitted to the width.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(formatted);
    const ws = wb.worksheets[0];
    ws.pageSetup = { ...ws.pageSetup, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printArea: job.area };
    for (const [col, width] of Object.entries(job.widths)) ws.getColumn(col).width = width;
    for (const r of job.hideRows) ws.getRow(r).hidden = true;
    if (job.rowHeight) for (let r = 6; r <= 20; r++) ws.getRow(r).height = job.rowHeight;
    for (const c of job.hideCols) ws.getColumn(c).hidden = true;
    const page = path.join(tmp, `${job.name}-page.xlsx`);
    await wb.xlsx.writeFile(page);
    execFileSync("soffice", [`-env:UserInstallation=file://${tmp}/profile`, "--headless", "--convert-to", "pdf", "--outdir", tmp, page], { stdio: "ignore" });
    execFileSync("pdftoppm", ["-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", path.join(tmp, `${job.name}-page.pdf`), path.join(tmp, job.name)]);
    fs.copyFileSync(path.join(tmp, `${job.name}.png`), path.join(root, "docs/images", `format-${job.name}.png`));
    console.log(`wrote docs/images/format-${job.name}.png`);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err.message);
  process.exitCode = 1;
});
