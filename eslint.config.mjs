// ESLint flat config: typescript-eslint, Microsoft's Office add-in rules for the
// code that calls Excel, and the house rules (docs/ARCHITECTURE.md) as import bans.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import officeAddins from "eslint-plugin-office-addins";
import globals from "globals";

const HYPERFORMULA = "HyperFormula (GPLv3) is for tests and benchmarks only.";
const NOT_THE_PANE = "src/taskpane is the pane's own: what others share with it lives in src/shared.";
const NO_EXCELJS = "ExcelJS stays out of the add-in bundle: use src/excel.";

const officeRules = {
  "office-addins/call-sync-after-load": "error",
  "office-addins/call-sync-before-read": "error",
  "office-addins/load-object-before-read": "error",
  "office-addins/no-context-sync-in-loop": "error",
  "office-addins/no-empty-load": "error",
  "office-addins/no-navigational-load": "error",
  "office-addins/no-office-initialize": "error",
  "office-addins/test-for-null-using-isNullObject": "error",
};

export default tseslint.config(
  { ignores: ["dist/", "lib/", "coverage/", "node_modules/", "test/.out/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["src/excel/**/*.ts", "src/taskpane/**/*.{ts,tsx}", "src/functions/**/*.ts"],
    plugins: { "office-addins": officeAddins },
    languageOptions: { globals: { ...globals.browser, Office: "readonly", Excel: "readonly", CustomFunctions: "readonly" } },
    rules: officeRules,
  },
  // ─── The house rules, as import bans (docs/ARCHITECTURE.md) ───
  // Each block below gives no-restricted-imports its whole list for a folder: for a file that
  // several blocks match, the last one wins, so every block repeats the bans that apply to all.
  //  - HyperFormula (GPLv3/commercial) is for tests and benchmarks only: no file under src/ imports it.
  //  - src/taskpane is the pane's own: nothing outside src/taskpane imports from it (no exceptions).
  //    What the pane and its hosts share (the TaskpaneHost contract and its view types, the
  //    functions' published index, wording several hosts use) lives in src/shared.
  //  - src/model is pure: no ExcelJS, no document writer, no Node I/O, no other folder of ours.
  //  - src/shared depends only on src/model, and is pure too (no Office, no ExcelJS, no Node I/O).
  //  - src/engine is the model behind a message protocol: src/model and src/shared only.
  //  - src/paper lays out the model's plan: no host, no ExcelJS, no Node I/O.
  //  - src/functions reads the published index (src/shared): it imports neither src/excel nor src/engine.
  //  - Only src/xlsx (and src/cli above it) may use ExcelJS; the add-in bundle
  //    (src/excel, src/taskpane, src/functions, src/shared, src/engine) never does.
  {
    // Everything under src/ (src/xlsx and src/cli keep exactly this).
    files: ["src/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "hyperformula", message: HYPERFORMULA }],
          patterns: [{ group: ["../taskpane", "../taskpane/*"], message: NOT_THE_PANE }],
        },
      ],
    },
  },
  {
    files: ["src/model/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["exceljs", "docx", "fs", "node:*", "path", "../*"], message: "src/model is pure: no ExcelJS, no document writer, no Node I/O, no other folder of ours." },
            { group: ["hyperformula"], message: HYPERFORMULA },
          ],
        },
      ],
      "no-restricted-globals": ["error", "Excel", "Office", "process", "require"],
    },
  },
  {
    files: ["src/shared/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["exceljs", "docx", "fs", "node:*", "path", "../*", "!../model"], message: "src/shared holds what the pane and its hosts share: it depends on src/model only." },
            { group: ["hyperformula"], message: HYPERFORMULA },
          ],
        },
      ],
      "no-restricted-globals": ["error", "Excel", "Office", "process", "require"],
    },
  },
  {
    files: ["src/engine/**/*.ts"],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["exceljs", "docx", "fs", "node:*", "path", "../*", "!../model", "!../shared", "!../shared/*"], message: "src/engine is the model behind messages: src/model and src/shared only (no host, no pane, no document writer, no Node I/O)." },
            { group: ["hyperformula"], message: HYPERFORMULA },
          ],
        },
      ],
      "no-restricted-globals": ["error", "Excel", "Office", "process", "require"],
    },
  },
  {
    files: ["src/paper/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["exceljs", "fs", "node:*", "path", "../excel", "../excel/*", "../xlsx", "../xlsx/*", "../cli", "../cli/*", "../functions", "../functions/*", "../taskpane", "../taskpane/*", "../engine", "../engine/*"], message: "src/paper lays out the model's plan: no host, no ExcelJS, no Node I/O." },
            { group: ["hyperformula"], message: HYPERFORMULA },
          ],
        },
      ],
      "no-restricted-globals": ["error", "Excel", "Office", "process", "require"],
    },
  },
  {
    // The add-in bundle: no ExcelJS.
    files: ["src/taskpane/**"],
    rules: {
      "no-restricted-imports": ["error", { paths: [{ name: "exceljs", message: NO_EXCELJS }, { name: "hyperformula", message: HYPERFORMULA }] }],
    },
  },
  {
    files: ["src/excel/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "exceljs", message: NO_EXCELJS }, { name: "hyperformula", message: HYPERFORMULA }],
          patterns: [{ group: ["../taskpane", "../taskpane/*"], message: NOT_THE_PANE }],
        },
      ],
    },
  },
  {
    files: ["src/functions/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "exceljs", message: NO_EXCELJS }, { name: "hyperformula", message: HYPERFORMULA }],
          patterns: [
            { group: ["../taskpane", "../taskpane/*"], message: NOT_THE_PANE },
            { group: ["../excel", "../excel/*", "../engine", "../engine/*"], message: "src/functions reads the published index in src/shared: it imports neither src/excel nor src/engine." },
          ],
        },
      ],
    },
  },
);
