/** esbuild entry: the Excel double for the browser test's stub office.js (window.ExcelDouble). */
// The double's own copy of zod runs in the pane's page too, under its policy: no eval probe (src/shared/no-eval.ts).
import "../../src/shared/no-eval";
import { ExcelDouble } from "../double/excel-double";

(globalThis as unknown as { ExcelDouble: typeof ExcelDouble }).ExcelDouble = ExcelDouble;
