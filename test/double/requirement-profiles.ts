/**
 * What Office.context.requirements says on the Excels the add-in meets, for
 * the wire host (installMicrosoftClient(profile)). Microsoft's client checks
 * each member it is asked for against these itself (its
 * throwIfApiNotSupported: a member of a set the Excel lacks throws ApiNotFound
 * before any request), and the host sends triggerSource only from ExcelApi 1.14.
 *
 * From Microsoft's requirement-set tables (learn.microsoft.com, "Excel
 * JavaScript API requirement sets", "Shared runtime requirement sets",
 * "Custom Functions requirement sets"), highest version of each set:
 *
 * | profile                 | ExcelApi | SharedRuntime | CustomFunctionsRuntime |
 * | Microsoft 365 today     | 1.20     | 1.2           | 1.5                    |
 * | ExcelApi 1.13, not 1.14 | 1.13     | 1.1           | 1.3                    |  Microsoft 365 Version 2102–2107 on Windows (1.14 came in 2108)
 * | Office 2019 (perpetual) | 1.7      | —             | —                      |  volume licence; the shared runtime and custom functions need Office 2021 or later
 * | Office 2021 (perpetual) | 1.14     | 1.1           | 1.3                    |  volume licence/LTSC (retail 2021 has the same CustomFunctionsRuntime, from Version 2311)
 * | Office 2024 (perpetual) | 1.17     | 1.1           | 1.3                    |  SharedRuntime 1.2 and CustomFunctionsRuntime 1.4 are "not supported" on perpetual Office
 * | Excel on the web        | 1.20     | 1.2           | 1.5                    |  and ExcelApiOnline
 */
import type { SimulatedRequirements } from "./wire-host";

export interface RequirementProfile extends SimulatedRequirements {
  name: string;
}

export const MICROSOFT_365: RequirementProfile = {
  name: "Microsoft 365 today",
  excelApi: "1.20",
  sets: { SharedRuntime: "1.2", CustomFunctionsRuntime: "1.5" },
  exact: true,
};

export const EXCEL_API_1_13: RequirementProfile = {
  name: "ExcelApi 1.13 but not 1.14 (Microsoft 365 Version 2102–2107)",
  excelApi: "1.13",
  sets: { SharedRuntime: "1.1", CustomFunctionsRuntime: "1.3" },
  exact: true,
};

export const OFFICE_2019: RequirementProfile = {
  name: "Office 2019 (perpetual)",
  excelApi: "1.7",
  sets: {},
  exact: true,
};

export const OFFICE_2021: RequirementProfile = {
  name: "Office 2021 (perpetual)",
  excelApi: "1.14",
  sets: { SharedRuntime: "1.1", CustomFunctionsRuntime: "1.3" },
  exact: true,
};

export const OFFICE_2024: RequirementProfile = {
  name: "Office 2024 (perpetual)",
  excelApi: "1.17",
  sets: { SharedRuntime: "1.1", CustomFunctionsRuntime: "1.3" },
  exact: true,
};

export const EXCEL_ON_THE_WEB: RequirementProfile = {
  name: "Excel on the web",
  excelApi: "1.20",
  sets: { ExcelApiOnline: "1.1", SharedRuntime: "1.2", CustomFunctionsRuntime: "1.5" },
  exact: true,
};

export const PROFILES: readonly RequirementProfile[] = [MICROSOFT_365, EXCEL_API_1_13, OFFICE_2019, OFFICE_2021, OFFICE_2024, EXCEL_ON_THE_WEB];
