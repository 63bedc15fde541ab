/**
 * The panel paper's plan (src/model/summary/paper*.ts), on trackers the test builds: its settings
 * (JSON and the "Panel paper" sheet, both ways), its position date, the sections and tables the
 * data holds and no others, each figure once, the exceptions ranked and bounded, the placeholders.
 */
import {
  EXCEPTIONS_IN_BODY,
  PAPER_SETTING_LABELS,
  analyseTracker,
  buildPanelPaper,
  compareWithPrevious,
  hasTracker,
  mergePaperSettings,
  paperPosition,
  paperSettingsFromGrid,
  paperSettingsRows,
  parsePaperSettings,
  readTracker,
} from "../../src/model";
import type { CellValue, PaperBlock, PaperPlan, PaperSettings, PaperTable, PanelPaperInput } from "../../src/model";
import { grid } from "../support/factories";

const AS_OF = new Date(Date.UTC(2021, 10, 30, 23, 59, 59));
const OPTIONS = { period: "November 2021", asOf: AS_OF, built: AS_OF };

const blocks = (paper: PaperPlan): PaperBlock[] => paper.sections.flatMap((s) => s.blocks);
const tables = (paper: PaperPlan): PaperTable[] => blocks(paper).flatMap((b) => (b.kind === "table" ? [b.table] : []));
const paragraphs = (paper: PaperPlan): string[] => blocks(paper).flatMap((b) => (b.kind === "paragraph" ? [b.text] : []));
const section = (paper: PaperPlan, title: string) => paper.sections.find((s) => s.heading.endsWith(`. ${title}`));

/** Every setting, given. */
const EVERY: Record<string, unknown> = {
  panel: "Test Police and Crime Panel",
  meetingDate: "2022-01-12",
  agendaItem: 7,
  reportOf: "the Police and Crime Commissioner for Testshire",
  contactOfficer: "Alex Example",
  contactDetails: "alex@example.org 01234 567890",
  purpose: "To let the Panel review the Plan.",
  recommendation: "The Panel is recommended to note the report.",
  termsOfReference: "Item 8 - To support the Commissioner.",
  background: ["First background paragraph.", "Second background paragraph."],
  commentary: "One paragraph of commentary.",
  backgroundDocuments: [{ title: "The Plan", url: "https://example.org/plan" }, { title: "A paper with no link" }],
  organisation: "Testshire OPCC",
  exceptions: ["red", "overdue", "No new update"],
  figures: "list",
};

describe("the paper's settings", () => {
  it("takes every key from JSON, writing out a meeting date and a number, and a text as one paragraph", () => {
    const r = parsePaperSettings(EVERY);
    expect(r).toEqual({
      ok: true,
      settings: {
        ...EVERY,
        meetingDate: "12 January 2022",
        agendaItem: "7",
        commentary: ["One paragraph of commentary."],
        exceptions: ["red", "overdue", "no-new-update"],
      },
    });
  });

  it("says in one line which key is wrong, and why", () => {
    const message = (json: unknown) => {
      const r = parsePaperSettings(json);
      return r.ok ? null : r.message;
    };
    expect(message({ panel: 3 })).toBe('"panel" should be a text');
    expect(message({ contactOfficr: "x" })).toMatch(/^"contactOfficr" is not a paper setting; the settings are organisation, panel, meetingDate, /);
    expect(message({ background: [1] })).toBe('"background" should be a text, or a list of paragraphs (texts)');
    expect(message({ backgroundDocuments: [{ title: "x", link: "y" }] })).toBe('"backgroundDocuments[0].link" is not known: a background document has a "title" and a "url"');
    expect(message({ backgroundDocuments: [{ title: "x", url: "javascript:alert(1)" }] })).toBe('"backgroundDocuments[0].url" should be a web address starting https:// (or http://, mailto:)');
    expect(message({ exceptions: ["purple"] })).toMatch(/^"exceptions" has "purple": a list of the reasons that count, from "red", /);
    expect(message({ figures: "chart" })).toBe('"figures" should be "sentence" or "list"');
    expect(message([])).toMatch(/^should be a JSON object/);
    for (const m of [message({ panel: 3 }), message({ zzz: 1 })]) expect(m).not.toMatch(/\n/);
  });

  it("reads a Panel paper sheet: a label per row, paragraphs on rows of their own, links in column C; problems name the cell", () => {
    const rows: CellValue[][] = [
      ["Setting", "Value", "Link"],
      ["Panel", "Test Police and Crime Panel"],
      ["Meeting date", new Date(Date.UTC(2022, 0, 12))],
      ["Agenda item", 7],
      ["contact officer", "Alex Example"],
      ["Background", "First."],
      [null, "Second."],
      ["Background", "Third.\n\nFourth."],
      ["Background documents", "The Plan", "https://example.org/plan"],
      [null, "Old notes", "file:///c:/notes.docx"],
      ["Exceptions", "Red, overdue, purple"],
      ["Colour", "blue"],
    ];
    const { settings, problems } = paperSettingsFromGrid(grid(rows, { name: "Panel paper" }));
    expect(settings).toEqual({
      panel: "Test Police and Crime Panel",
      meetingDate: "12 January 2022",
      agendaItem: "7",
      contactOfficer: "Alex Example",
      background: ["First.", "Second.", "Third.", "Fourth."],
      backgroundDocuments: [{ title: "The Plan", url: "https://example.org/plan" }, { title: "Old notes" }],
      exceptions: ["red", "overdue"],
    });
    expect(problems).toEqual([
      'Panel paper!C10: "file:///c:/notes.docx" is not a web address (https://…), so it is shown as text, not a link.',
      'Panel paper!B11: "purple" is not a reason for an exception; use Red, Deteriorated, Overdue, No update, No new update.',
      `Panel paper!A12: "Colour" is not a paper setting; the labels are ${Object.values(PAPER_SETTING_LABELS).join(", ")}.`,
    ]);
  });

  it("writes the sheet's rows (every label, empty where not given) and reads them back the same", () => {
    const parsed = parsePaperSettings(EVERY);
    if (!parsed.ok) throw new Error(parsed.message);
    const rows = paperSettingsRows(parsed.settings);
    expect(rows[0]).toEqual(["Setting", "Value", "Link"]);
    expect(paperSettingsFromGrid(grid(rows, { name: "Panel paper" }))).toEqual({ settings: parsed.settings, problems: [] });
    const empty = paperSettingsRows({});
    expect(empty.slice(1).map((r) => r[0])).toEqual(Object.values(PAPER_SETTING_LABELS));
    expect(paperSettingsFromGrid(grid(empty, { name: "Panel paper" }))).toEqual({ settings: {}, problems: [] });
  });

  it("merges the sheet, the file and the command line, the later winning key by key", () => {
    expect(mergePaperSettings({ panel: "Sheet", contactOfficer: "Sheet" }, { panel: "File" }, { organisation: "Flag" })).toEqual({ panel: "File", contactOfficer: "Sheet", organisation: "Flag" });
  });
});

describe("the position date", () => {
  const today = new Date(Date.UTC(2026, 11, 7));
  it("is the end of the tracker's own period unless a date is given, and never after today", () => {
    expect(paperPosition({ period: "November 2018", periodKnown: true, given: null, today })).toEqual({ asOf: new Date(Date.UTC(2018, 10, 30, 23, 59, 59)), from: "period", warning: null });
    expect(paperPosition({ period: "Q3 2021/22", periodKnown: true, given: null, today }).asOf.toISOString().slice(0, 10)).toBe("2021-12-31");
    expect(paperPosition({ period: "2026/27", periodKnown: true, given: null, today })).toMatchObject({ asOf: today, from: "period" });
    expect(paperPosition({ period: "December 2026", periodKnown: false, given: null, today })).toEqual({ asOf: today, from: "today", warning: null });
  });

  it("takes a date given, and warns when it is more than a quarter from the tracker's period", () => {
    expect(paperPosition({ period: "November 2018", periodKnown: true, given: new Date(Date.UTC(2018, 11, 31)), today })).toMatchObject({ from: "given", warning: null });
    expect(paperPosition({ period: "November 2018", periodKnown: true, given: today, today }).warning).toBe(
      "the position date, 7 December 2026, is more than a quarter after the tracker's own period, November 2018 (to 30 November 2018); the paper is as at 7 December 2026, as asked.",
    );
  });
});

const STATUS_ONLY = [
  ["Ref", "Theme", "Action", "Status", "Update", "Timeframe"],
  ["1", "Victims", "Fund services", "Completed", "Done", "March 2021"],
  ["2", "Victims", "Hold meetings", "In progress", "Meeting held.", "March 2022"],
  ["3", "Offenders", "Open the station", "In progress", "Works started.", "March 2021"],
];
const RAG_ONLY = [
  ["Ref", "Theme", "Action", "RAG", "Update"],
  ["V1", "Victims", "Support victims", "Green", "Hub open."],
  ["V2", "Victims", "Fund services", "Red", "Bid refused."],
  ["O1", "Offenders", "Reduce reoffending", "", "Started."],
];
const BOTH = [
  ["Ref", "Theme", "Action", "Status", "RAG", "Update"],
  ["1", "Victims", "Fund services", "In progress", "Amber", "Funding bid made."],
  ["2", "Offenders", "Open the station", "Completed", "Green", "Done."],
];

function paperOf(rows: CellValue[][], extra: Partial<PanelPaperInput> = {}): PaperPlan {
  const report = readTracker(grid(rows));
  return buildPanelPaper({ report, options: OPTIONS, ...extra });
}

describe("the sections the data holds", () => {
  it("is shaped as a Panel report: the cover block, numbered sections and numbered paragraphs, the appendix", () => {
    const parsed = parsePaperSettings(EVERY);
    if (!parsed.ok) throw new Error(parsed.message);
    const paper = paperOf(STATUS_ONLY, { settings: parsed.settings });
    expect(paper.cover.map((l) => [l.left.map((r) => r.text).join(""), (l.right ?? []).map((r) => r.text).join("")])).toEqual([
      ["Test Police and Crime Panel", "Agenda Item No. 7"],
      ["12 January 2022", "Public Report"],
      ["Report of the Police and Crime Commissioner for Testshire", ""],
      ["Contact Officer – Alex Example", ""],
      ["Contact Details – alex@example.org 01234 567890", ""],
    ]);
    expect(paper.sections.map((s) => s.heading)).toEqual([
      "1. Purpose",
      "2. Recommendation",
      "3. Terms of reference",
      "4. Background",
      "5. Delivery against the Police and Crime Plan",
      "6. Exceptions",
      "7. Background documents",
      "8. Appendices",
    ]);
    for (const [i, s] of paper.sections.entries()) {
      const numbers = s.blocks.flatMap((b) => (b.kind === "paragraph" && b.number ? [b.number] : []));
      expect(numbers).toEqual(numbers.map((_, k) => `${i + 1}.${k + 1}`));
    }
    expect(section(paper, "Background")!.blocks).toEqual([
      { kind: "paragraph", number: "4.1", text: "First background paragraph." },
      { kind: "paragraph", number: "4.2", text: "Second background paragraph." },
    ]);
    expect(section(paper, "Background documents")!.blocks).toEqual([
      { kind: "document", title: "The Plan", url: "https://example.org/plan" },
      { kind: "document", title: "A paper with no link", url: null },
    ]);
    expect([paper.missing, paper.standard]).toEqual([[], []]);
    expect(paper.documentTitle).toBe("Monitoring the delivery of the Police and Crime Plan: Testshire OPCC, November 2021");
  });

  it("puts a visible placeholder where the officer's words are missing, lists them, and makes none up", () => {
    const paper = paperOf(STATUS_ONLY);
    const placeholders = paper.cover.flatMap((l) => [...l.left, ...(l.right ?? [])]).filter((r) => r.placeholder).map((r) => r.text);
    expect(placeholders).toEqual(["[Panel]", "[Agenda item]", "[Meeting date]", "[Contact officer]", "[Contact details]"]);
    expect(paper.missing).toEqual(["panel", "meetingDate", "agendaItem", "contactOfficer", "contactDetails", "background", "commentary", "backgroundDocuments"]);
    expect(paper.standard).toEqual(["purpose", "recommendation", "reportOf"]);
    const held = blocks(paper).filter((b) => b.kind === "paragraph" && b.placeholder).map((b) => (b.kind === "paragraph" ? b.text : ""));
    expect(held).toHaveLength(3);
    for (const text of held) expect(text).toMatch(/^\[.+\]$/);
    expect(section(paper, "Terms of reference")).toBeUndefined();
  });

  it("a tracker with a status and no RAG: status by theme, no RAG section; the figures once, as a sentence or as the Plan's list", () => {
    const paper = paperOf(STATUS_ONLY);
    // Action 3 is overdue.
    expect(tables(paper).map((t) => t.caption)).toEqual(["Table 1: Actions by theme and status, November 2021", "Table 2: The exception"]);
    const text = JSON.stringify(paper.sections);
    expect(text).not.toMatch(/RAG/);
    const sentence = "Of the 3 actions, 1 is complete, 2 are in progress and none are on hold or not yet started.";
    expect(paragraphs(paper)).toContain(sentence);
    expect(blocks(paper).some((b) => b.kind === "bullets")).toBe(false);
    const listed = paperOf(STATUS_ONLY, { settings: { figures: "list" } });
    expect(paragraphs(listed)).not.toContain(sentence);
    expect(blocks(listed).find((b) => b.kind === "bullets")).toEqual({ kind: "bullets", items: ["1 action is 'complete'", "2 actions are 'in progress'", "No actions are 'on hold' or have 'not yet started'"] });
    // No previous period: no comparison column; no arrows in the tracker: no direction of travel.
    expect(paper.appendix.groups[0].table.header).toEqual(["Reference", "Action", "Status", "Latest update", "Exception"]);
  });

  it("a tracker with a RAG and no status: RAG by theme, no status by theme, each table once", () => {
    const paper = paperOf(RAG_ONLY);
    const captions = tables(paper).map((t) => t.caption);
    expect(captions).toEqual(["Table 1: Actions by theme and RAG, November 2021", "Table 2: The exception"]);
    const byTheme = tables(paper)[0];
    expect(byTheme.header).toEqual(["Theme", "Red", "Amber", "Green", "No RAG rating", "All actions"]);
    expect(byTheme.rows.map((r) => r.map((c) => c.text))).toEqual([
      ["Victims", "1", "0", "1", "0", "2"],
      ["Offenders", "0", "0", "0", "1", "1"],
      ["All themes", "1", "0", "1", "1", "3"],
    ]);
    expect(JSON.stringify(paper.sections)).not.toMatch(/theme and status|Not yet started/);
    expect(paper.appendix.groups[0].table.header).toContain("RAG");
  });

  it("a tracker with both: status by theme and the RAG of the actions in progress; against a previous period, the direction since then", () => {
    const report = readTracker(grid(BOTH));
    const before = [{ id: "1", status: "In progress" as const, rag: "Green" as const, update: "Funding bid made." }, { id: "2", status: "In progress" as const, rag: "Green" as const, update: "Works." }];
    const previous = { label: "June 2021", actions: before, comparison: compareWithPrevious(report.actions, before) };
    const paper = buildPanelPaper({ report, previous, options: OPTIONS });
    expect(tables(paper).map((t) => t.caption)).toEqual([
      "Table 1: Actions by theme and status, November 2021",
      "Table 2: RAG of the actions in progress, November 2021",
      "Table 3: Direction of travel since June 2021",
      "Table 4: The exception",
    ]);
    expect(paragraphs(paper)).toContain("Since June 2021, 1 action has a new update and 1 has no new update.");
    expect(paper.appendix.groups[0].table.header).toEqual(["Reference", "Action", "Status / RAG", "Direction of travel", "Latest update", "Update since June 2021", "Exception"]);
    // No caption repeats the heading of its section.
    for (const s of paper.sections) for (const b of s.blocks) if (b.kind === "table") expect(b.table.caption.toLowerCase()).not.toContain(s.heading.replace(/^\d+\. /, "").toLowerCase());
  });

  it("says plainly what the tracker lacks, and how many warnings its checks give", () => {
    const report = readTracker(grid(RAG_ONLY));
    if (!hasTracker(report)) throw new Error("no tracker");
    const issues = analyseTracker(report, { asOf: AS_OF, previous: null }).issues;
    const paper = buildPanelPaper({ report, options: OPTIONS, issues });
    const warnings = issues.filter((i) => i.severity === "warning").length;
    expect(warnings).toBeGreaterThan(0);
    expect(paragraphs(paper)).toContain(`About the tracker's own data: 1 of the 3 actions has no RAG rating; the tracker's checks give ${warnings === 1 ? "1 warning" : `${warnings} warnings`}.`);
  });
});

describe("the exceptions, ranked and bounded", () => {
  // 24 actions: 3 overdue, 2 Red, 1 deteriorated (Green → Amber), 18 in progress with last period's update.
  const header = ["Ref", "Action", "Status", "RAG", "Update", "Timeframe"];
  const rows: CellValue[][] = [header];
  const before: { id: string; status: "In progress"; rag: "Green" | "Amber" | "Red"; update: string }[] = [];
  for (let i = 1; i <= 24; i++) {
    const rag = i === 20 || i === 22 ? "Red" : i === 21 ? "Amber" : "Green";
    rows.push([`A${i}`, `Action ${i}`, "In progress", rag, `Update ${i}`, i <= 3 ? "March 2021" : "March 2023"]);
    before.push({ id: `A${i}`, status: "In progress", rag: i === 21 ? "Green" : rag, update: `Update ${i}` });
  }
  const report = readTracker(grid(rows));
  const previous = { label: "June 2021", actions: before, comparison: compareWithPrevious(report.actions, before) };

  it("lists Red first, then deteriorated, then overdue, then no new update; the body the most serious 15, and counts the rest", () => {
    const paper = buildPanelPaper({ report, previous, options: OPTIONS });
    expect(paper.exceptions).toEqual({ total: 24, inBody: EXCEPTIONS_IN_BODY });
    const x = section(paper, "Exceptions")!;
    const table = x.blocks.find((b) => b.kind === "table");
    if (table?.kind !== "table") throw new Error("no exceptions table");
    // One theme: no table by theme; then the RAG of the actions in progress, the direction of travel, the exceptions.
    expect(table.table.caption).toBe("Table 3: The 15 most serious exceptions");
    expect(table.table.rows.map((r) => r[0].text)).toEqual(["A20", "A22", "A21", "A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "A9", "A10", "A11", "A12"]);
    expect(x.blocks.filter((b) => b.kind === "paragraph").map((b) => (b.kind === "paragraph" ? b.text : ""))).toEqual([
      "An action is listed as an exception when it is Red, has deteriorated since June 2021, is overdue (due before 30 November 2021 and not complete), is Red or Amber with no update or is still open with no new update since June 2021. The most serious come first, in that order.",
      "24 of the 24 actions are exceptions, more than a third of the plan. The 15 most serious are listed here; Appendix 1 marks every exception with its reasons.",
      "The other 9 actions, in Appendix 1: 9 still open with no new update since June 2021.",
    ]);
    // The appendix marks every action's reasons.
    const marks = paper.appendix.groups.flatMap((g) => g.table.rows.map((r) => [r[0].text, r[r.length - 1].text]));
    expect(marks).toHaveLength(24);
    expect(Object.fromEntries(marks.filter(([id]) => ["A1", "A20", "A21", "A24"].includes(id)))).toEqual({
      A1: "Overdue; No new update",
      A20: "Red; No new update",
      A21: "Deteriorated; No new update",
      A24: "No new update",
    });
  });

  it("counts only the reasons the settings name", () => {
    const paper = buildPanelPaper({ report, previous, options: OPTIONS, settings: { exceptions: ["red", "overdue"] } });
    expect(paper.exceptions).toEqual({ total: 5, inBody: 5 });
    const x = section(paper, "Exceptions")!;
    expect(x.blocks[0]).toMatchObject({ text: "An action is listed as an exception when it is Red or is overdue (due before 30 November 2021 and not complete). The most serious come first, in that order." });
    const marks = paper.appendix.groups.flatMap((g) => g.table.rows.map((r) => r[r.length - 1].text));
    expect(marks.filter((m) => m !== "–")).toEqual(["Overdue", "Overdue", "Overdue", "Red", "Red"]);
  });
});

test("a settings value is data: it reaches the plan as the words given", () => {
  const settings: PaperSettings = { contactOfficer: "<script>alert(1)</script>", background: ["=1+1"] };
  const paper = paperOf(STATUS_ONLY, { settings });
  expect(paper.cover[3].left[1]).toEqual({ text: "<script>alert(1)</script>" });
  expect(section(paper, "Background")!.blocks[0]).toEqual({ kind: "paragraph", number: "3.1", text: "=1+1" });
});
