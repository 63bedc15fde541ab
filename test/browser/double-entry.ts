/** esbuild entry: the Excel double for the browser test's stub office.js (window.ExcelDouble). */
import { ExcelDouble } from "../double/excel-double";

(globalThis as unknown as { ExcelDouble: typeof ExcelDouble }).ExcelDouble = ExcelDouble;
