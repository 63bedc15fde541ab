/** A fake TaskpaneHost for the pane's component tests: plain data, every call recorded. */
import type { CellChange, DirectionsPreview, HostResult, OwnWord, PaperDone, TaskpaneHost, TrackerRequest, TrackerView } from "../../src/shared/host";
import { buildPanelPaper, compareWithPrevious, readTracker } from "../../src/model";
import type { CellValue, PaperSettings, SheetGrid } from "../../src/model";

/** A real panel paper of a small tracker compared with October 2018 (made by the model, as the engine would). */
export function paperDone(period = "Q3 2018/19", settings: PaperSettings = {}): PaperDone {
  const rows: CellValue[][] = [
    ["Ref", "Theme", "Action", "Lead", "RAG", "Update"],
    ["V1", "Victims", "Support victims", "NP", "Green", "Hub open; 1k referrals a month."],
    ["V2", "Victims", "Fund services", "NP", "Amber", "Funding agreed in September."],
    ["O1", "Offenders", "Reduce reoffending", "CS", "Red", XSS],
  ];
  const grid: SheetGrid = { name: "Delivery Plan", firstRow: 1, firstColumn: 1, values: rows, merges: [] };
  const report = readTracker(grid);
  const before = [
    { id: "V1", status: null, rag: "Green" as const, update: "Hub open; 1k referrals a month." },
    { id: "V2", status: null, rag: "Red" as const, update: "Funding bid made." },
  ];
  const asOf = new Date(Date.UTC(2018, 10, 30));
  const paper = buildPanelPaper({ report, previous: { label: "October 2018", actions: before, comparison: compareWithPrevious(report.actions, before) }, options: { period, asOf, built: asOf }, settings });
  return { paper, fileName: `Panel paper ${period}.docx`, missing: paper.missing, problems: [] };
}

export const XSS = "<img src=x onerror=alert(1)>";

export function trackerView(extra: Partial<TrackerView> = {}): TrackerView {
  return {
    sheet: "Delivery Plan",
    sheets: ["Delivery Plan", "Notes"],
    headerRow: 5,
    firstDataRow: 6,
    lastDataRow: 49,
    actions: 40,
    referencesInActionText: true,
    mapping: [
      { field: "id", label: "Reference", column: null, header: null, editable: true },
      { field: "action", label: "Action", column: "B", header: "P & CP - Priority Actions", editable: true },
      { field: "status", label: "Status", column: null, header: null, editable: true },
      { field: "rag", label: "RAG", column: "F", header: "Delivery Status / Direction of travel", editable: true },
      { field: "direction", label: "Direction of travel", column: "F", header: "Delivery Status / Direction of travel", editable: true },
      { field: "references", label: "References", column: null, header: null, editable: false },
    ],
    headerCells: [
      { column: "A", text: "Theme" },
      { column: "B", text: "P & CP - Priority Actions" },
      { column: "F", text: "Delivery Status / Direction of travel" },
      { column: "G", text: XSS },
    ],
    status: [
      { key: "Completed", count: 0 },
      { key: "In progress", count: 0 },
      { key: "On hold", count: 0 },
      { key: "Not yet started", count: 0 },
      { key: "Not set", count: 40 },
    ],
    rag: [
      { key: "Red", count: 1 },
      { key: "Amber", count: 1 },
      { key: "Green", count: 1 },
      { key: "Blue", count: 0 },
      { key: "White", count: 0 },
      { key: "Not set", count: 37 },
    ],
    direction: [
      { key: "improved", count: 5 },
      { key: "deteriorated", count: 0 },
      { key: "unchanged", count: 16 },
      { key: "new", count: 0 },
      { key: "Not set", count: 19 },
    ],
    issues: [
      { severity: "error", code: "duplicate-reference", sheet: "Delivery Plan", cell: "B40", message: `Reference T1 is used again in B40: ${XSS}` },
      { severity: "warning", code: "missing-value", sheet: "Delivery Plan", cell: "F12", message: "Action V7 has no RAG (F12 is empty)." },
      { severity: "info", code: "timeframe-unread", sheet: "Delivery Plan", cell: null, message: "A note about the whole sheet." },
    ],
    ragFromFill: ["F12", "F13", "F14"],
    snapshots: [{ period: "October 2018", taken: "2018-10-31", actions: 40 }],
    previousPeriod: "October 2018",
    ...extra,
  };
}

export const RAG_CHANGES: CellChange[] = [
  { cell: "F12", before: "↑", after: "Amber ↑" },
  { cell: "F13", before: "↔", after: "Green ↔" },
  { cell: "F14", before: XSS, after: `Red ${XSS}` },
];

export const SPELLING_CHANGES: CellChange[] = [
  { cell: "E7", before: "Complete", after: "Completed" },
  { cell: "E9", before: "on-going", after: "In progress" },
];

export const SENTENCE = "Of the 40 actions, 12 are complete (10 in October 2018), 28 in progress (30 in October 2018).";

export const DIRECTIONS: DirectionsPreview = {
  sheet: "Delivery Plan",
  comparedWith: { kind: "snapshot", label: "October 2018" },
  previousLabel: "October 2018",
  counts: { improved: 2, deteriorated: 1, unchanged: 36, new: 1, removed: 0 },
  removed: [],
  newColumn: null,
  changes: [
    { cell: "F6", before: "↔", after: "↔" },
    { cell: "F7", before: "", after: "↑" },
  ],
};

/** The row a word takes in a words sheet that holds one word already (row 2). */
export function ownWordChanges(word: OwnWord): CellChange[] {
  return [
    { cell: "A3", before: "", after: word.word },
    { cell: "B3", before: "", after: word.means },
  ];
}

/** The rows signing a period off adds to an empty sign-off sheet, as the confirmation shows them. */
export function signOffChanges(period: string, by: string): CellChange[] {
  return ["V1", "V2"].map((id, i) => ({ cell: `A${i + 2}`, before: "", after: `${id}: ${period}, signed off by ${by.trim()} (status, RAG and update)` }));
}

type Calls = { [K in keyof TaskpaneHost]: unknown[][] };

/** A host whose answers the test can change; `calls` records every call's arguments. */
export function fakeHost(overrides: Partial<TaskpaneHost> = {}) {
  const calls: Calls = {
    readTracker: [],
    applyFormatting: [],
    removeFormatting: [],
    addValidation: [],
    removeValidation: [],
    previewRagLabels: [],
    writeRagLabels: [],
    takeSnapshot: [],
    listSnapshots: [],
    previewSignOff: [],
    signOff: [],
    previewDirections: [],
    writeDirections: [],
    previewSpellingFixes: [],
    writeSpellingFixes: [],
    undoWrite: [],
    previewOwnWord: [],
    writeOwnWord: [],
    buildPanelSummary: [],
    panelPaper: [],
    readPaperSettings: [],
    writePaperSettings: [],
    fileSaving: [],
    goToCell: [],
    requestUpdates: [],
    previewMerge: [],
    writeMerge: [],
  };
  const answer = <T>(value: HostResult<T>) => Promise.resolve(value);
  const base: TaskpaneHost = {
    readTracker: (request: TrackerRequest) => answer(trackerView({ sheet: request.sheet ?? "Delivery Plan" })),
    applyFormatting: () => answer({ sheet: "Delivery Plan", added: 5, removed: 0, ranges: ["F6:F49 (RAG)"] }),
    removeFormatting: () => answer({ sheet: "Delivery Plan", added: 0, removed: 5, ranges: [] }),
    addValidation: () => answer({ sheet: "Delivery Plan", added: ["F6:F49 (RAG and direction)"], replaced: 0, removed: [], kept: [], dropped: [] }),
    removeValidation: () => answer({ sheet: "Delivery Plan", added: [], replaced: 0, removed: ["F6:F49 (RAG and direction)"], kept: [], dropped: [] }),
    previewRagLabels: () => answer({ sheet: "Delivery Plan", changes: RAG_CHANGES }),
    writeRagLabels: (_r, confirmed) => answer({ sheet: "Delivery Plan", cells: confirmed.map((c) => c.cell) }),
    takeSnapshot: ({ period = "" }) => answer({ period, rows: 40, snapshots: [{ period, taken: "2018-11-30", actions: 40 }] }),
    listSnapshots: () => answer([]),
    previewSignOff: ({ period = "" }, by) => answer({ sheet: "delivery-plan sign-off", changes: signOffChanges(period, by) }),
    signOff: ({ period = "" }, by, confirmed) =>
      answer({
        sheet: "delivery-plan sign-off",
        cells: confirmed.length ? [`A2:G${confirmed.length + 1}`] : [],
        period,
        by: by.trim(),
        when: "2018-11-30T10:00:00Z",
        actions: confirmed.length,
        snapshot: { taken: true, rows: 40, snapshots: [{ period, taken: "2018-11-30", actions: 40 }] },
      }),
    previewDirections: () => answer(DIRECTIONS),
    writeDirections: (_r, confirmed) => answer({ sheet: "Delivery Plan", cells: confirmed.map((c) => c.cell) }),
    previewSpellingFixes: () => answer({ sheet: "Delivery Plan", changes: SPELLING_CHANGES }),
    writeSpellingFixes: (_r, confirmed) =>
      answer({
        sheet: "Delivery Plan",
        cells: confirmed.map((c) => c.cell),
        undo: {
          sheet: "Delivery Plan",
          what: "the spelling fixes",
          cells: confirmed.map((c) => ({ cell: c.cell, after: c.after, before: c.before, formula: false, numberFormat: "General" })),
        },
      }),
    undoWrite: (undo) => answer({ sheet: undo.sheet, cells: undo.cells.map((c) => c.cell) }),
    previewOwnWord: (word) => answer({ sheet: "Delivery plan words", changes: ownWordChanges(word) }),
    writeOwnWord: (word, confirmed) =>
      answer({
        sheet: "Delivery plan words",
        cells: confirmed.map((c) => c.cell),
        undo: { sheet: "Delivery plan words", what: `the word “${word.word}”`, cells: confirmed.map((c) => ({ cell: c.cell, after: c.after, before: "", formula: false, numberFormat: "General" })) },
      }),
    buildPanelSummary: () => answer({ sheet: "Panel Summary", sentence: SENTENCE }),
    panelPaper: ({ period }) => answer(paperDone(period)),
    readPaperSettings: () => answer({ settings: {}, problems: [], exists: false }),
    writePaperSettings: () => answer({ sheet: "Panel paper", rows: 17, created: true }),
    fileSaving: () => ({ can: true }),
    goToCell: (sheet, cell) => answer({ sheet, cell }),
    requestUpdates: (_r, ask) => answer({ plan: { by: ask.by, period: ask.period, due: ask.due, fields: [], lists: {}, requests: [], unassigned: [] }, leads: [] }),
    previewMerge: () => answer({ sheet: "Delivery Plan", period: "", changes: [], fields: [], conflicts: [], returns: [] }),
    writeMerge: (_r, _returns, confirmed) => answer({ sheet: "Delivery Plan", cells: confirmed.map((c) => c.cell) }),
  };
  const host = {} as TaskpaneHost;
  for (const key of Object.keys(base) as (keyof TaskpaneHost)[]) {
    const impl = (overrides[key] ?? base[key]) as (...args: unknown[]) => unknown;
    (host as unknown as Record<string, unknown>)[key] = (...args: unknown[]) => {
      calls[key].push(args);
      return impl(...args);
    };
  }
  return { host, calls };
}
