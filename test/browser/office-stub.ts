/**
 * A stand-in for office.js in the browser test: Microsoft's own Excel client
 * library (excel-web-16.00.js) with its requests answered by the wire host on
 * the Excel double seeded with the samples' grids; Office (onReady resolving
 * with host Excel, every requirement set supported) and CustomFunctions.
 */
import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import type { CellValue, SheetGrid } from "../../src/model";
import { readWorkbookGrids } from "../../src/xlsx";

const ROOT = path.resolve(__dirname, "../..");

/** The double, bundled for the browser: defines window.ExcelDouble. */
export async function bundleDouble(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(__dirname, "double-entry.ts")],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: "es2020",
    logLevel: "silent",
    absWorkingDir: ROOT,
    // Microsoft's client is read from node_modules only under Node (test/double/office-client.ts).
    external: ["fs"],
  });
  return result.outputFiles[0].text;
}

/** Grids of the given workbooks, JSON-safe (a date becomes Excel's serial number, as Range.values gives it). */
export async function seedGrids(files: readonly string[]): Promise<SheetGrid[]> {
  const grids = (await Promise.all(files.map((f) => readWorkbookGrids(f)))).flat();
  const plain = (v: CellValue): CellValue => (v instanceof Date ? v.getTime() / 86400000 + 25569 : v);
  return grids.map((g) => ({ ...g, values: g.values.map((row) => row.map(plain)) }));
}

export interface StubOptions {
  /** Milliseconds each sync waits, as a round trip to Excel does (see ExcelDouble.roundTripDelay); none by default. */
  roundTripDelay?: number;
}

/** Microsoft's own Excel client library (the pinned @microsoft/office-js), loaded first in the page. */
export function microsoftClientSource(): string {
  return fs.readFileSync(require.resolve("@microsoft/office-js/dist/excel-web-16.00.js"), "utf8");
}

export function officeStub(doubleBundle: string, grids: readonly SheetGrid[], options: StubOptions = {}): string {
  return `${microsoftClientSource()}
;${doubleBundle}
;(function () {
  var info = { host: "Excel", platform: "OfficeOnline" };
  window.Office = {
    HostType: { Excel: "Excel", Word: "Word" },
    PlatformType: { OfficeOnline: "OfficeOnline", PC: "PC", Mac: "Mac" },
    context: { requirements: { isSetSupported: function () { return true; } } },
    actions: { associate: function () {} },
    onReady: function (callback) {
      return new Promise(function (resolve) {
        setTimeout(function () { if (callback) callback(info); resolve(info); }, 0);
      });
    },
  };
  window.CustomFunctions = {
    associate: function () {},
    ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" },
    Error: function (code, message) { this.code = code; this.message = message; },
  };
  var double = window.ExcelDouble.fromGrids(${JSON.stringify(grids)});
  double.roundTripDelay = ${options.roundTripDelay === undefined ? "null" : String(options.roundTripDelay)};
  window.__double = double;
  // Microsoft's Excel (excel-web-16.00.js, loaded above), its requests answered by the double's wire host.
  window.Excel = double.microsoftNamespace;
})();
`;
}
