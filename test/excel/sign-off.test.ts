/**
 * Signing the period off in Excel, on Microsoft's client (excel-web-16.00.js)
 * over the wire host: the snapshot, then the record in the hidden sign-off
 * sheet in the command line's own rows (each host reads what the other wrote),
 * in round trips that do not grow with the rows; and Check's signed-off
 * changes as issues on their cells.
 */
import ExcelJS from "exceljs";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { CHANGE_LOG_HEADERS, CHANGE_LOG_SHEET, SIGN_OFF_SHEET, SNAPSHOT_SHEET, readSignOffs } from "../../src/model";
import type { SheetGrid } from "../../src/model";
import { readWorkbookGrids } from "../../src/xlsx";
import { createExcelHost } from "../../src/excel/host";
import { stopKeepingTrackerFresh } from "../../src/excel/refresh";
import { run } from "../../src/cli/run";
import { runSignOff } from "../../src/cli/sign-off";
import { ExcelDouble } from "../double/excel-double";
import { CAMBS } from "../support/factories";
import { errorOf, ok } from "../support/host-results";
import { bigTracker } from "./big-tracker";

jest.setTimeout(120_000);

const SIGNED_AT = new Date("2026-12-07T10:00:00Z");
const supported = { isSetSupported: () => true };
let uninstall: () => void = () => undefined;
let dir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "dp-excel-sign-off-"));
});
afterEach(() => {
  stopKeepingTrackerFresh();
  uninstall();
});

function workbook(grids: readonly SheetGrid[]): ExcelDouble {
  const x = ExcelDouble.fromGrids(grids);
  uninstall = x.installMicrosoftClient();
  return x;
}

const host = () =>
  createExcelHost({
    requirements: supported,
    now: () => SIGNED_AT,
    watch: false,
  });

/** The double's workbook as an .xlsx the command line reads: every sheet's values (text or numbers), fills and visibility. */
async function saved(x: ExcelDouble, file: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const s of x.sheets) {
    const ws = wb.addWorksheet(s.name, {
      state: s.visibility === "Visible" ? "visible" : "hidden",
    });
    s.values.forEach((row, r) =>
      row.forEach(
        (v, c) =>
          v !== "" &&
          v !== null &&
          v !== undefined &&
          (ws.getCell(r + 1, c + 1).value = v as ExcelJS.CellValue),
      ),
    );
    for (const [at, colour] of s.fills) {
      const [r, c] = at.split(",").map(Number);
      ws.getCell(r, c).fill = {
        type: "pattern",
        pattern: "solid",
        fgColor: { argb: `FF${colour.replace("#", "").toUpperCase()}` },
      };
    }
  }
  await wb.xlsx.writeFile(file);
  return file;
}

async function cli(...args: string[]) {
  let out = "";
  const code = await run(args, {
    out: (t) => (out += `${t}\n`),
    err: () => undefined,
  });
  return { code, out };
}

describe("signing the period off in Excel", () => {
  it("takes the snapshot and writes the command line's rows into the hidden sheet; validate reads them back and flags a change", async () => {
    const x = workbook(await readWorkbookGrids(CAMBS));
    const h = host();
    ok(await h.readTracker({}));
    const request = { period: "November 2018" };
    const preview = ok(await h.previewSignOff(request, "  Jane Smith "));
    expect(preview.sheet).toBe(SIGN_OFF_SHEET);
    expect(preview.changes[0]).toEqual({
      cell: "A2",
      before: "",
      after:
        "V1: November 2018, signed off by Jane Smith (status, RAG and update)",
    });
    // The preview writes nothing.
    expect(x.sheet(SIGN_OFF_SHEET)).toBeUndefined();

    const done = ok(await h.signOff(request, "Jane Smith", preview.changes));
    expect(done).toMatchObject({
      sheet: SIGN_OFF_SHEET,
      period: "November 2018",
      by: "Jane Smith",
      when: "2026-12-07T10:00:00Z",
      actions: preview.changes.length,
    });
    expect(done.snapshot.taken).toBe(true);
    // The Change log has the sign-off's row, as the command line writes it, from the task pane.
    expect(x.sheet(CHANGE_LOG_SHEET)!.values).toEqual([
      [...CHANGE_LOG_HEADERS],
      ["2026-12-07T10:00:00Z", "November 2018", "all actions", "sign-off", "", `signed off by Jane Smith: ${preview.changes.length} actions' status, RAG and update`, "task pane"],
    ]);
    expect(
      x.sheet(SNAPSHOT_SHEET)!.values.filter((r) => r[0] === "November 2018"),
    ).toHaveLength(done.snapshot.rows);
    const sheet = x.sheet(SIGN_OFF_SHEET)!;
    expect(sheet.visibility).toBe("Hidden");
    const records = readSignOffs({
      name: SIGN_OFF_SHEET,
      firstRow: 1,
      firstColumn: 1,
      values: sheet.values.map((r) =>
        r.map((v) => (v === "" ? null : (v as string))),
      ),
      merges: [],
    });
    expect(
      records.map((r) => [r.period, r.by, r.when, r.actions.length]),
    ).toEqual([
      [
        "November 2018",
        "Jane Smith",
        "2026-12-07T10:00:00Z",
        preview.changes.length,
      ],
    ]);

    // The command line reads what the pane wrote: nothing changed, then a hand edit is a warning on its cell.
    const file = await saved(x, path.join(dir, "pane-signed.xlsx"));
    const v = await cli("validate", file);
    expect(v.out).toContain(
      "Signed off: November 2018 (by Jane Smith, 2026-12-07T10:00:00Z).",
    );
    expect(v.out).toContain(
      "No signed-off status, RAG or update has changed since.",
    );
    x.userEdit("Delivery Plan", "E29", "Typed over by hand.");
    const edited = await cli(
      "validate",
      await saved(x, path.join(dir, "pane-edited.xlsx")),
    );
    expect(edited.out).toMatch(
      /^ {2}WARNING Delivery Plan!E29: C1's update has changed since November 2018 was signed off by Jane Smith/m,
    );
  });

  it("the pane's Check lists the signed-off values changed since the command line's sign-off, on their cells", async () => {
    const signed = path.join(dir, "cli-signed.xlsx");
    let err = "";
    const code = await runSignOff(
      [
        "sign-off",
        CAMBS,
        "--period",
        "November 2018",
        "--by",
        "Jane Smith",
        "--out",
        signed,
      ],
      { out: () => undefined, err: (t) => (err += t) },
      SIGNED_AT,
    );
    expect({ code, err }).toEqual({ code: 0, err: "" });
    const x = workbook(await readWorkbookGrids(signed));
    const before = ok(await host().readTracker({}));
    expect(
      before.issues.filter((i) => i.code === "signed-off-changed"),
    ).toEqual([]);
    x.userEdit("Delivery Plan", "E29", "Typed over by hand.");
    const after = ok(await host().readTracker({}));
    expect(
      after.issues
        .filter((i) => i.code === "signed-off-changed")
        .map((i) => [i.severity, i.sheet, i.cell]),
    ).toEqual([["warning", "Delivery Plan", "E29"]]);
    expect(after.issueTotals?.byKind["signed-off-changed"]).toEqual({
      severity: "warning",
      count: 1,
    });
  });

  it("refuses without a name, and when the rows differ from those confirmed, writing nothing", async () => {
    const x = workbook(await readWorkbookGrids(CAMBS));
    const h = host();
    expect(
      errorOf(await h.previewSignOff({ period: "November 2018" }, "  ")),
    ).toMatch(/Type the name of the person signing/);
    expect(
      errorOf(await h.signOff({ period: "November 2018" }, "Jane Smith", [])),
    ).toMatch(/changed since you reviewed/);
    expect(errorOf(await h.signOff({}, "Jane Smith", []))).toMatch(
      /Type a label for this period/,
    );
    expect(x.sheet(SIGN_OFF_SHEET)).toBeUndefined();
    expect(x.sheet(SNAPSHOT_SHEET)).toBeUndefined();
  });

  it("takes as many round trips for 20 actions as for 5,000, and Check's read one more only when the sheet exists", async () => {
    const syncs = async (rows: number) => {
      const x = workbook([bigTracker(rows)]);
      const h = host();
      ok(await h.readTracker({}));
      const preview = ok(
        await h.previewSignOff({ period: "March 2027" }, "Jane Smith"),
      );
      x.resetCounters();
      ok(
        await h.signOff(
          { period: "March 2027" },
          "Jane Smith",
          preview.changes,
        ),
      );
      const signing = x.wire.commandSyncs.length;
      x.resetCounters();
      ok(await host().readTracker({}));
      const reading = x.wire.commandSyncs.length;
      uninstall();
      return {
        signing,
        reading,
        signedRows: x.sheet(SIGN_OFF_SHEET)!.values.length - 1,
      };
    };
    const small = await syncs(20);
    const big = await syncs(5_000);
    expect(small.signedRows).toBe(20);
    expect(big.signedRows).toBe(5_000);
    expect(big.signing).toBe(small.signing);
    expect(big.reading).toBe(small.reading);

    // Without the sheet (a snapshot, as signing off takes), the read takes one round trip fewer.
    const x = workbook([bigTracker(20)]);
    ok(await host().takeSnapshot({ period: "March 2027" }));
    x.resetCounters();
    ok(await host().readTracker({}));
    expect(x.wire.commandSyncs.length).toBe(small.reading - 1);
  });
});
