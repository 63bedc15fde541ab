// ESLint flat config: typescript-eslint, Microsoft's Office add-in rules for the
// code that calls Excel, and the house rules of ../ARCHITECTURE.md as import bans.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import officeAddins from "eslint-plugin-office-addins";
import globals from "globals";

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
    files: ["src/excel/**/*.ts", "src/taskpane/**/*.{ts,tsx}", "src/functions/**/*.ts", "src/commands/**/*.ts"],
    plugins: { "office-addins": officeAddins },
    languageOptions: { globals: { ...globals.browser, Office: "readonly", Excel: "readonly", CustomFunctions: "readonly" } },
    rules: officeRules,
  },
  {
    // HyperFormula is GPLv3/commercial: tests and benchmarks only, never shipped.
    // (Blocks below that set no-restricted-imports for a folder repeat this ban: the last block wins.)
    files: ["src/**"],
    rules: {
      "no-restricted-imports": ["error", { paths: [{ name: "hyperformula", message: "HyperFormula (GPLv3) is for tests and benchmarks only." }] }],
    },
  },
  {
    // The model is pure: no host, no file system, no other folder of ours.
    files: ["src/model/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["exceljs", "docx", "fs", "node:*", "path", "../*"], message: "src/model is pure: no ExcelJS, no document writer, no Node I/O, no other folder of ours." },
            { group: ["hyperformula"], message: "HyperFormula (GPLv3) is for tests and benchmarks only." },
          ],
        },
      ],
      "no-restricted-globals": ["error", "Excel", "Office", "process", "require"],
    },
  },
  {
    // The engine (the pane's web worker) is the model behind a message protocol: no Office, no ExcelJS,
    // no Node I/O, nothing of the pane but its plain data types (src/taskpane/host.ts).
    files: ["src/engine/**/*.ts"],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["exceljs", "docx", "fs", "node:*", "path", "../excel/*", "../xlsx/*", "../paper/*", "../cli/*", "../functions/*", "../taskpane/*", "!../taskpane/host"], message: "src/engine is the model behind messages: no hosts, no document writer, no Node I/O." },
            { group: ["hyperformula"], message: "HyperFormula (GPLv3) is for tests and benchmarks only." },
          ],
        },
      ],
      "no-restricted-globals": ["error", "Excel", "Office", "process", "require"],
    },
  },
  {
    // The paper's writers take the model's PaperPlan and lay it out; they read no files and know no host.
    files: ["src/paper/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["exceljs", "fs", "node:*", "path", "../excel/*", "../xlsx/*", "../cli/*", "../functions/*", "../taskpane/*", "../engine/*"], message: "src/paper lays out the model's plan: no host, no ExcelJS, no Node I/O." },
            { group: ["hyperformula"], message: "HyperFormula (GPLv3) is for tests and benchmarks only." },
          ],
        },
      ],
      "no-restricted-globals": ["error", "Excel", "Office", "process", "require"],
    },
  },
  {
    // Only src/xlsx (and the CLI above it) may use ExcelJS; the add-in bundle never does.
    files: ["src/excel/**", "src/taskpane/**", "src/functions/**", "src/commands/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "exceljs", message: "ExcelJS stays out of the add-in bundle: use src/excel." },
            { name: "hyperformula", message: "HyperFormula (GPLv3) is for tests and benchmarks only." },
          ],
        },
      ],
    },
  },
);
