// Builds samples/herts-delivery-plan-2021-06.xlsx: the Hertfordshire tracker as it
// stood in June 2021, constructed from the published November report and the
// seed's own comparison ("45 complete (38 in June 2021), 52 in progress (55 in
// June 2021), none on hold or not yet started (4 in June 2021)").
//   node scripts/make-previous-sample.js
"use strict";
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS script */
const path = require("path");
const ExcelJS = require("exceljs");

/** Completed by November, still in progress in June 2021 (7). */
const COMPLETED_SINCE_JUNE = ["5", "18", "21", "43", "47", "72", "84"];
/** In progress by November; in June 2021 not yet started (2) or on hold (2). */
const STARTED_SINCE_JUNE = { 39: "Not yet started", 42: "Not yet started", 82: "On hold", 97: "On hold" };

async function main() {
  const dir = path.resolve(__dirname, "../samples");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(dir, "herts-delivery-plan-2021-22.xlsx"));
  const ws = wb.getWorksheet("Delivery Plan 2021-22");
  ws.getCell("A2").value = "Progress against the 97 actions of the Plan, reported to June 2021.";
  const HEADER_ROW = 4;
  const updateColumn = ws.getRow(HEADER_ROW).values.findIndex((v) => String(v ?? "").trim() === "Explanation / Link to meeting papers");
  if (updateColumn < 1) throw new Error("The November sample has no update column \"Explanation / Link to meeting papers\" on row 4.");
  ws.eachRow((row, r) => {
    const id = String(row.getCell(1).value ?? "").trim();
    const status = row.getCell(3);
    if (COMPLETED_SINCE_JUNE.includes(id)) status.value = "In progress";
    if (STARTED_SINCE_JUNE[id]) status.value = STARTED_SINCE_JUNE[id];
    // No June update text is known: the column stays, empty (a theme row's merged cells are left as they are).
    const update = row.getCell(updateColumn);
    if (r > HEADER_ROW && !update.isMerged) update.value = null;
  });
  await wb.xlsx.writeFile(path.join(dir, "herts-delivery-plan-2021-06.xlsx"));
}

main().catch((err) => {
  console.error(err.message);
  process.exitCode = 1;
});
