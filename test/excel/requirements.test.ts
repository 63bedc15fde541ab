/**
 * The Excels the add-in meets (test/double/requirement-profiles.ts, from
 * Microsoft's requirement-set tables), each as Office.context.requirements
 * under Microsoft's own Excel client (excel-web-16.00.js) and the wire host:
 * the client itself refuses, with ApiNotFound, any member of a set the Excel
 * lacks. On each, the pane's commands run from src/excel/host.ts as the pane
 * calls them (no requirements passed: the host reads Office.context.requirements),
 * and the add-in either works or says plainly which set is missing.
 */
import * as path from "path";
import { createExcelHost } from "../../src/excel/host";
import { FUNCTIONS_REQUIREMENT, REQUIREMENTS, functionsUnsupportedMessage, unsupportedMessage } from "../../src/excel/requirements";
import { isHostError } from "../../src/shared/host";
import { readWorkbookGrids } from "../../src/xlsx";
import { ExcelDouble } from "../double/excel-double";
import { requirementsOf } from "../double/wire-host";
import { EXCEL_API_1_13, EXCEL_ON_THE_WEB, MICROSOFT_365, OFFICE_2019, OFFICE_2021, OFFICE_2024 } from "../double/requirement-profiles";
import type { RequirementProfile } from "../double/requirement-profiles";
import { CAMBS, HERTS } from "../support/factories";
import { ok } from "../support/host-results";

jest.setTimeout(60_000);

const today = () => new Date(Date.UTC(2022, 0, 15));
const HERTS_SHEET = "Delivery Plan 2021-22";
const CAMBS_SHEET = "Delivery Plan";

let uninstall: () => void = () => undefined;
afterEach(() => uninstall());

async function on(profile: RequirementProfile) {
  const grids = [...(await readWorkbookGrids(HERTS)), ...(await readWorkbookGrids(CAMBS))];
  const x = ExcelDouble.fromGrids(grids);
  uninstall = x.installMicrosoftClient(profile);
  return { x, host: createExcelHost({ now: today, watch: false }) };
}

const cells = (x: ExcelDouble, sheet: string) => JSON.stringify(x.sheet(sheet)!.values);

describe.each([MICROSOFT_365, EXCEL_ON_THE_WEB, OFFICE_2024, OFFICE_2021, EXCEL_API_1_13])("$name", (profile) => {
  it("runs the pane's commands on Microsoft's client with this Excel's requirement sets, and changes no tracker cell", async () => {
    const { x, host } = await on(profile);
    const before = { herts: cells(x, HERTS_SHEET), cambs: cells(x, CAMBS_SHEET) };

    const herts = ok(await host.readTracker({}));
    expect(herts.actions).toBe(97);
    const cambs = ok(await host.readTracker({ sheet: CAMBS_SHEET }));
    expect(cambs.actions).toBe(40);
    // getCellProperties (ExcelApi 1.9): Cambridgeshire's RAG by fill is read.
    expect(cambs.ragFromFill).toEqual(["F12", "F13", "F14"]);
    expect(ok(await host.applyFormatting({ sheet: HERTS_SHEET })).added).toBe(10); // five statuses, each as a word and as a word then a sentence
    expect(ok(await host.addValidation({ sheet: HERTS_SHEET }, { style: "warning" })).added).toContain("C5:C106 (Status)");
    expect(ok(await host.takeSnapshot({ sheet: HERTS_SHEET, period: "January 2022" })).period).toBe("January 2022");
    expect(ok(await host.buildPanelSummary({ sheet: HERTS_SHEET, period: "January 2022", comparedWith: { kind: "none" } })).sheet).toBe("Panel Summary");
    expect(ok(await host.previewSpellingFixes({ sheet: HERTS_SHEET })).sheet).toBe(HERTS_SHEET);
    ok(await host.goToCell(HERTS_SHEET, "C6"));

    // No member of a set this Excel lacks was asked for: the client refused nothing, Excel refused nothing.
    expect(x.refused.map((r) => r.code)).toEqual([]);
    expect({ herts: cells(x, HERTS_SHEET), cambs: cells(x, CAMBS_SHEET) }).toEqual(before);
  });
});

describe("the ACTIONS functions on each Excel", () => {
  it.each([MICROSOFT_365, EXCEL_ON_THE_WEB])("$name: the pane gives no warning about them", async (profile) => {
    const { host } = await on(profile);
    expect(ok(await host.readTracker({})).warnings).toEqual([]);
  });

  it.each([OFFICE_2021, OFFICE_2024, EXCEL_API_1_13])("$name: the pane works and says plainly that the functions need CustomFunctionsRuntime 1.4", async (profile) => {
    const { host } = await on(profile);
    const view = ok(await host.readTracker({}));
    expect(view.actions).toBe(97);
    expect(view.warnings).toEqual([expect.stringMatching(/^The ACTIONS functions .* need CustomFunctionsRuntime 1\.4, which this version of Excel lacks .*#VALUE!.*The pane works as usual/)]);
  });

  it("declares the runtime version that the metadata the build writes needs", async () => {
    // The same generator as the build's CustomFunctionsMetadataPlugin (webpack.config.js), on the same source.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { generateCustomFunctionsMetadata } = require("custom-functions-metadata") as {
      generateCustomFunctionsMetadata(input: string, wantConsoleOutput?: boolean): Promise<{ metadataJson: string; errors: string[] }>;
    };
    const generated = await generateCustomFunctionsMetadata(path.resolve(__dirname, "../../src/functions/functions.ts"));
    expect(generated.errors).toEqual([]);
    const metadata = JSON.parse(generated.metadataJson) as { allowCustomDataForDataTypeAny?: boolean };
    // allowCustomDataForDataTypeAny is CustomFunctionsRuntime 1.4's (Microsoft's requirement-set history); CustomFunctions.Error is 1.2's.
    const needed = metadata.allowCustomDataForDataTypeAny ? "1.4" : "1.2";
    expect(FUNCTIONS_REQUIREMENT).toMatchObject({ set: "CustomFunctionsRuntime", version: needed });
    expect(functionsUnsupportedMessage(requirementsOf(OFFICE_2021))).toMatch(new RegExp(`CustomFunctionsRuntime ${needed.replace(".", "\\.")}`));
    expect(functionsUnsupportedMessage(requirementsOf(MICROSOFT_365))).toBeNull();
  });
});

describe("Office 2019 (perpetual)", () => {
  it("every command refuses plainly, naming the sets it lacks, before any request reaches Excel", async () => {
    const { x, host } = await on(OFFICE_2019);
    const before = cells(x, HERTS_SHEET);
    const results = [
      await host.readTracker({}),
      await host.applyFormatting({}),
      await host.takeSnapshot({ period: "January 2022" }),
      await host.buildPanelSummary({ period: "January 2022", comparedWith: { kind: "none" } }),
      await host.goToCell(HERTS_SHEET, "C6"),
    ];
    for (const r of results) {
      expect(isHostError(r) && r.message).toBe(
        "This version of Excel is too old for the Delivery plan add-in: it lacks ExcelApi 1.13 (reading merged cells) and SharedRuntime 1.1 " +
          "(the pane and the ACTIONS functions sharing one tracker). Use Excel for Microsoft 365 (Windows, Mac) or Excel on the web.",
      );
    }
    expect(x.wire.requests).toHaveLength(0);
    expect(cells(x, HERTS_SHEET)).toBe(before);
  });

  it("lacks what the reader uses: Excel answers ApiNotFound for getMergedAreasOrNullObject (ExcelApi 1.13) and getCellProperties (1.9)", async () => {
    const { x } = await on(OFFICE_2019);
    const attempt = (batch: (range: Excel.Range) => void) =>
      x.microsoftNamespace.run(async (ctx) => {
        batch(ctx.workbook.worksheets.getItem(HERTS_SHEET).getRange("A1:C3"));
        await ctx.sync();
      });
    await expect(attempt((r) => r.getMergedAreasOrNullObject().load("address"))).rejects.toMatchObject({ code: "ApiNotFound" });
    await expect(attempt((r) => void r.getCellProperties({ format: { fill: { color: true } } }))).rejects.toMatchObject({ code: "ApiNotFound" });
    // What ExcelApi 1.1 has, it answers.
    await expect(attempt((r) => void r.load("values"))).resolves.toBeUndefined();
    expect(x.refused.map((r) => r.code)).toEqual(["ApiNotFound", "ApiNotFound"]);
    expect(unsupportedMessage(requirementsOf(OFFICE_2019))).toMatch(/ExcelApi 1\.13.*SharedRuntime 1\.1/);
  });
});

describe("the sets the pane asks for", () => {
  it("are exactly those the profiles that run the pane have", () => {
    for (const profile of [MICROSOFT_365, EXCEL_ON_THE_WEB, OFFICE_2024, OFFICE_2021, EXCEL_API_1_13]) {
      const requirements = requirementsOf(profile);
      expect(REQUIREMENTS.filter((r) => !requirements.isSetSupported(r.set, r.version))).toEqual([]);
    }
    // ExcelApi 1.12 would be refused: 1.13 is the floor.
    expect(unsupportedMessage(requirementsOf({ ...EXCEL_API_1_13, excelApi: "1.12" }))).toMatch(/lacks ExcelApi 1\.13 \(reading merged cells\)\./);
  });
});
