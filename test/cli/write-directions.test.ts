/**
 * format --write-directions on a tracker styled as officers style them: the header row's own style is
 * white bold text (the dark fill only on the table's cells), the body top-aligned. The column the
 * add-in adds must be readable, and its arrows level with their actions.
 */
import { execFile } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";

jest.setTimeout(60_000);
const BIN = path.resolve(__dirname, "../../lib/cli/main.js");

async function tracker(file: string, statuses: string[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Delivery Plan");
  ws.getCell("A1").value = "Delivery Plan, November 2021";
  const header = ws.getRow(3);
  header.font = { bold: true, color: { argb: "FFFFFFFF" } }; // the row's own style: white text
  ["Ref", "Action", "Status"].forEach((h, i) => {
    const cell = header.getCell(i + 1);
    cell.value = h;
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF1F3864" } };
    cell.font = { bold: true, color: { argb: "FFFFFFFF" } };
  });
  statuses.forEach((status, i) => {
    const row = ws.getRow(4 + i);
    row.values = [String(i + 1), `Action ${i + 1}, described at some length so that it wraps over lines`, status];
    row.alignment = { vertical: "top", wrapText: true };
    for (let c = 1; c <= 3; c++) row.getCell(c).alignment = { vertical: "top", wrapText: true };
  });
  await wb.xlsx.writeFile(file);
}

it("adds a direction column whose header is visible (never white on no fill) and whose cells are aligned like the tracker's", async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "dp-directions-"));
  const now = path.join(dir, "tracker-2021-11.xlsx");
  const before = path.join(dir, "tracker-2021-06.xlsx");
  const out = path.join(dir, "out.xlsx");
  await tracker(before, ["In progress", "In progress", "Completed"]);
  await tracker(now, ["Completed", "In progress", "Completed"]);
  const r = await promisify(execFile)("node", [BIN, "format", now, "--previous", before, "--previous-label", "June 2021", "--write-directions", "--out", out]);
  expect(r.stdout).toContain('in a new column "Direction of travel since June 2021" (D3)');

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const ws = wb.getWorksheet("Delivery Plan")!;
  const head = ws.getCell("D3");
  expect(head.value).toBe("Direction of travel since June 2021");
  const font = head.font?.color?.argb;
  const fill = head.fill && head.fill.type === "pattern" ? head.fill.fgColor?.argb : undefined;
  expect(fill).toBeDefined(); // a fill of its own, not the row's "none"
  expect(font).toBeDefined();
  expect(font).not.toBe(fill);
  expect(font).not.toBe("FFFFFFFF");
  expect(head.font?.bold).toBe(true);
  expect(ws.getColumn(4).width).toBeGreaterThanOrEqual(15);
  expect(ws.getCell("D4").value).toBe("↑ improved");
  for (const cell of ["D4", "D5", "D6"]) expect(ws.getCell(cell).alignment?.vertical).toBe("top");
  // The user's own cells are as they were.
  expect(ws.getCell("C3").font?.color?.argb).toBe("FFFFFFFF");
  expect(ws.getCell("C4").value).toBe("Completed");
});
