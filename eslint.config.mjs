// ESLint flat config: typescript-eslint, and Microsoft's Office add-in rules for the code that calls Excel.
// The house rules (docs/ARCHITECTURE.md) are in .dependency-cruiser.cjs.
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
    files: ["src/excel/**/*.ts", "src/taskpane/**/*.{ts,tsx}", "src/functions/**/*.ts"],
    plugins: { "office-addins": officeAddins },
    languageOptions: { globals: { ...globals.browser, Office: "readonly", Excel: "readonly", CustomFunctions: "readonly" } },
    rules: officeRules,
  },
  // The house's import rules (which room may import which, no cycles, no HyperFormula, no ExcelJS in
  // the add-in bundle) are one table in .dependency-cruiser.cjs, checked by `npm run check:architecture`.
  // Here only what an import rule cannot see: the pure rooms use no host globals.
  {
    files: ["src/model/**/*.ts", "src/shared/**/*.ts", "src/engine/**/*.ts"],
    rules: {
      "no-restricted-globals": ["error", "Excel", "Office", "process", "require"],
    },
  },
  {
    files: ["src/engine/**/*.ts"],
    languageOptions: { globals: { ...globals.browser } },
  },
);
