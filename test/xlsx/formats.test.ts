/**
 * Files we cannot read say what they are: .ods, .xls, .csv
 * and password-protected workbooks each exit 2 with their own line; an .xlsx
 * saved by LibreOffice reads exactly as the original.
 */
import JSZip from "jszip";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { run } from "../../src/cli/run";
import { chooseTrackerSheet, countActions, readTracker } from "../../src/model";
import { compoundFileNames, readWorkbookGrids } from "../../src/xlsx";
import { encryptedWorkbook } from "../support/cfb";
import { CAMBS, HERTS, workbookBuffer } from "../support/factories";
import { convert, describeWithLibreOffice } from "../support/libreoffice";

// LibreOffice starts in a fresh profile for each conversion: seconds each on a busy machine.
jest.setTimeout(180_000);

let tmp: string;
let tracker: string;
beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "dp-formats-"));
  tracker = path.join(tmp, "tracker.xlsx");
  await fs.writeFile(tracker, await workbookBuffer({ rows: [["Ref", "Action", "Status"], ["1", "Publish the strategy", "Completed"], ["2", "Train call handlers", "In progress"]] }));
});
afterAll(() => fs.rm(tmp, { recursive: true, force: true }));

async function validate(file: string) {
  let out = "";
  let err = "";
  const code = await run(["validate", file], { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err: err.trim() };
}

/** Exit 2, nothing on stdout, one line on stderr. */
async function refused(file: string): Promise<string> {
  const r = await validate(file);
  expect(r.code).toBe(2);
  expect(r.out).toBe("");
  expect(r.err.split("\n")).toHaveLength(1);
  return r.err;
}

describe("files that are not an .xlsx workbook", () => {
  it("a .csv is a text file: its own message", async () => {
    const csv = path.join(tmp, "tracker.csv");
    await fs.writeFile(csv, "Ref,Action,Status\n1,Publish the strategy,Completed\n");
    expect(await refused(csv)).toBe(
      `delivery-plan: ${csv} is a text file (CSV), not a workbook: it has no sheets, merged cells or fill colours to read. Open it in Excel and save it as an Excel Workbook (.xlsx), then try again.`,
    );
    // Named .xlsx, it is still told from its bytes.
    const renamed = path.join(tmp, "csv-renamed.xlsx");
    await fs.copyFile(csv, renamed);
    expect(await refused(renamed)).toMatch(/is a text file \(CSV\), not a workbook/);
  });

  it("a workbook encrypted with a password: its own message", async () => {
    // An OLE2 container (magic D0 CF 11 E0 A1 B1 1A E1) with EncryptionInfo and EncryptedPackage streams, as Excel saves one.
    const bytes = encryptedWorkbook();
    expect(compoundFileNames(bytes)).toEqual(["Root Entry", "EncryptionInfo", "EncryptedPackage"]);
    const file = path.join(tmp, "protected.xlsx");
    await fs.writeFile(file, bytes);
    expect(await refused(file)).toBe(
      `delivery-plan: ${file} is protected with a password (the workbook is encrypted), so it cannot be read. Open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password, clear it) and save a copy as .xlsx, then try again.`,
    );
  });

  it("a zip that is not a workbook, and a corrupt file, keep the general message", async () => {
    const corrupt = path.join(tmp, "corrupt.xlsx");
    await fs.writeFile(corrupt, Buffer.from([0x00, 0x01, 0x02, 0xff]));
    expect(await refused(corrupt)).toMatch(/could not be read as an Excel workbook \(\.xlsx\)/);
    const zip = new JSZip();
    zip.file("notes.txt", "not a workbook");
    const notWorkbook = path.join(tmp, "notes.xlsx");
    await fs.writeFile(notWorkbook, await zip.generateAsync({ type: "nodebuffer" }));
    expect(await refused(notWorkbook)).toBe(
      `delivery-plan: ${notWorkbook} is a zip file but not an Excel workbook (it has no xl/workbook.xml). Give the tracker as an .xlsx file saved by Excel, LibreOffice or Google Sheets.`,
    );
  });
});

describeWithLibreOffice("files LibreOffice saves", () => {
  it("an .ods: its own message (not \"Sheets in this workbook: none\")", async () => {
    const ods = await convert(tracker, "ods");
    expect(await refused(ods)).toBe(
      `delivery-plan: ${ods} is an OpenDocument spreadsheet (.ods), which this tool cannot read. Open it in LibreOffice Calc or Excel and save it as an Excel Workbook (.xlsx), then try again.`,
    );
  });

  it("an .xls (Excel 97–2003): its own message, told from the container's Workbook stream", async () => {
    const xls = await convert(tracker, "xls");
    const names = compoundFileNames(await fs.readFile(xls));
    expect(names).toContain("Workbook");
    expect(names).not.toContain("EncryptionInfo");
    expect(await refused(xls)).toBe(
      `delivery-plan: ${xls} is an Excel 97–2003 workbook (.xls), which this tool cannot read. Open it in Excel and save it as an Excel Workbook (.xlsx) with File > Save As, then try again.`,
    );
  });

  it.each([
    ["Hertfordshire", HERTS],
    ["Cambridgeshire", CAMBS],
  ])("%s saved again as .xlsx by LibreOffice reads exactly as the original", async (_name, sample) => {
    const copy = await convert(sample, "xlsx");
    const read = async (file: string) => {
      const choice = chooseTrackerSheet(await readWorkbookGrids(file));
      if (!choice.ok) throw new Error(choice.message);
      const report = readTracker(choice.grid);
      return { report, counts: countActions(report.actions) };
    };
    const [original, saved] = await Promise.all([read(sample), read(copy)]);
    expect(saved.report).toEqual(original.report);
    expect(saved.counts).toEqual(original.counts);
    expect(original.report.actions.length).toBe(sample === HERTS ? 97 : 40);
  });
});
