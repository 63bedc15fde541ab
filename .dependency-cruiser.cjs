/**
 * The house's import rules: one table of rooms and what each may import (docs/ARCHITECTURE.md).
 * dependency-cruiser checks every import in src/ against it, and fails on any import cycle.
 * Run by `npm run check:architecture` (part of `npm test`).
 */

// The model's rooms, lowest first: a room may import itself and the rooms before it.
const MODEL_ROOMS = ["sheet", "words", "issues", "reader", "analysis", "plans", "summary", "returns"];

// src/'s rooms: which of ours each may import, and which packages or Node modules it must not.
const NODE = ["fs", "path", "os", "child_process", "worker_threads", "stream", "zlib", "crypto", "url", "util"];
const ADDIN_BUNDLE_BANS = ["exceljs", "jszip", ...NODE];
const ROOMS = {
  model: { may: [], banned: ["exceljs", "docx", "jszip", "react", ...NODE] },
  shared: { may: ["model"], banned: ["exceljs", "docx", "jszip", "react", ...NODE] },
  engine: { may: ["model", "shared"], banned: ["exceljs", "docx", "jszip", "react", ...NODE] },
  functions: { may: ["model", "shared"], banned: ADDIN_BUNDLE_BANS },
  excel: { may: ["model", "shared", "engine"], banned: ADDIN_BUNDLE_BANS },
  taskpane: { may: ["model", "shared", "engine", "excel", "paper", "returns-web"], banned: ADDIN_BUNDLE_BANS },
  paper: { may: ["model"], banned: ["exceljs", "react", ...NODE] },
  xlsx: { may: ["model", "returns-web"], banned: ["docx", "react"] },
  // The pane's return workbooks, loaded lazily (its own chunk): ExcelJS and JSZip, and the pure reading limits of src/xlsx.
  "returns-web": { may: ["model"], files: ["^src/xlsx/(limits|container)\\.ts$"], banned: ["docx", "react", ...NODE] },
  cli: { may: ["model", "xlsx", "paper"], banned: ["react"] },
};

const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const room = (name) => `^src/${name}/`;
const pkg = (name) => (NODE.includes(name) ? `^(node:)?${esc(name)}$` : `(^|/)node_modules/${esc(name)}/`);

const forbidden = [
  {
    name: "no-cycle",
    comment: "An import cycle in src/: move the shared types to the room that owns them.",
    severity: "error",
    from: { path: "^src/" },
    to: { circular: true },
  },
  {
    name: "no-hyperformula",
    comment: "HyperFormula (GPLv3/commercial) is for tests and benchmarks only.",
    severity: "error",
    from: { path: "^src/" },
    to: { path: pkg("hyperformula") },
  },
  {
    name: "model-through-its-door",
    comment: "Outside src/model, the model is imported from its index (src/model), never from a room inside it.",
    severity: "error",
    from: { path: "^src/", pathNot: "^src/model/" },
    to: { path: "^src/model/.+/" },
  },
];

for (const [name, { may, banned, files = [] }] of Object.entries(ROOMS)) {
  forbidden.push({
    name: `${name}-imports-only-its-rooms`,
    comment: `src/${name} may import ${may.length ? may.map((r) => `src/${r}`).join(", ") : "nothing else of ours"}.`,
    severity: "error",
    from: { path: room(name) },
    to: { path: "^src/", pathNot: [room(name), ...may.map(room), ...files] },
  });
  forbidden.push({
    name: `${name}-no-banned-packages`,
    comment: `src/${name} must not use ${banned.join(", ")}.`,
    severity: "error",
    from: { path: room(name) },
    to: { path: banned.map(pkg) },
  });
}

MODEL_ROOMS.forEach((name, i) => {
  const later = MODEL_ROOMS.slice(i + 1);
  if (later.length === 0) return;
  forbidden.push({
    name: `model-${name}-not-upwards`,
    comment: `src/model/${name} sits below ${later.join(", ")}: it may import only ${MODEL_ROOMS.slice(0, i + 1).join(", ")}.`,
    severity: "error",
    from: { path: `^src/model/${name}/` },
    to: { path: [`^src/model/(${later.join("|")})/`, "^src/model/index\\.ts$"] },
  });
});
// Every model file lives in a room; the index is the model's only file at the top.
forbidden.push({
  name: "model-files-in-rooms",
  comment: "A model file belongs in one of the rooms: " + MODEL_ROOMS.join(", ") + ".",
  severity: "error",
  from: { path: "^src/model/[^/]+$", pathNot: "^src/model/index\\.ts$" },
  to: {},
});
forbidden.push({
  name: "model-known-rooms",
  comment: "src/model's rooms are " + MODEL_ROOMS.join(", ") + ": add a new room to MODEL_ROOMS, in its place.",
  severity: "error",
  from: { path: "^src/model/" },
  to: { path: "^src/model/[^/]+/", pathNot: `^src/model/(${MODEL_ROOMS.join("|")})/` },
});
// Inside the pane: the components import the pane's state, hooks and wording, never the other way.
forbidden.push({
  name: "taskpane-state-below-components",
  comment: "src/taskpane's state, hooks and wording sit below its components: only App.tsx, index.tsx and the components import src/taskpane/components.",
  severity: "error",
  from: { path: "^src/taskpane/", pathNot: "^src/taskpane/(components/|App\\.tsx$|index\\.tsx$)" },
  to: { path: "^src/taskpane/components/" },
});

// ExcelJS enters the pane only in a chunk of its own: src/returns-web is loaded by import(), never statically.
forbidden.push({
  name: "returns-web-only-lazily",
  comment: "src/returns-web (ExcelJS, JSZip) is loaded lazily: import() it, so that it stays out of the pane's first bundle.",
  severity: "error",
  from: { path: "^src/", pathNot: ["^src/returns-web/", "^src/xlsx/"] },
  to: { path: "^src/returns-web/", dependencyTypesNot: ["dynamic-import", "type-only"] },
});

module.exports = {
  forbidden,
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "\\.(css|html|png|svg)$" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"], extensions: [".ts", ".tsx", ".js", ".json"] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
