import {
  DIRECTION_COLOURS,
  MAX_RULE_FORMULA,
  RAG_COLOURS,
  STATUS_COLOURS,
  contrastRatio,
  formattingPlan,
  toHsl,
  isOurRule,
  readSnapshots,
  LATEST,
  snapshotAsked,
  readTracker,
  snapshotRows,
  updateFingerprint,
  directionWrites,
  compareWithPrevious,
} from "../../src/model";
import { HyperFormula } from "hyperformula";
import { Lexicon, columnNumber, leadingStatus } from "../../src/model";
import type { FormatRule } from "../../src/model";
import { grid } from "../support/factories";

const tracker = (rows: (string | null)[][]) => readTracker(grid(rows));

describe("formatting plan", () => {
  const t = tracker([
    ["Title"],
    ["Ref", "Status", "RAG", "Direction of travel"],
    ["1", "Completed", "Green", "↑"],
    ["2", "In progress", "Amber", "↔"],
  ]);
  const plan = formattingPlan(t.tracker!);

  it("puts rules on the data body of the status, RAG and direction columns, never whole columns", () => {
    expect([...new Set(plan.rules.map((r) => `${r.field}:${r.range}`))]).toEqual(["rag:C3:C4", "status:B3:B4", "direction:D3:D4"]);
    // Each status twice: the whole cell, and a cell that begins with the status word and goes on ("Completed. …").
    expect(plan.rules).toHaveLength(5 + 5 * 2 + 4);
  });

  /** The values whose rules light for a text, evaluated by a spreadsheet engine (HyperFormula, test-only), as Excel or LibreOffice would. */
  const litBy = (rules: readonly FormatRule[], text: string): string[] => {
    const column = rules[0].range.replace(/\d.*$/, "");
    const firstRow = Number(/\d+/.exec(rules[0].range)![0]);
    // Array arithmetic on, as in Excel and LibreOffice (SUMPRODUCT over SEARCH of a list).
    const hf = HyperFormula.buildEmpty({ licenseKey: "gpl-v3", useArrayArithmetic: true });
    const sheet = hf.getSheetId(hf.addSheet("T"))!;
    const cells: (string | null)[][] = Array.from({ length: firstRow }, () => []);
    cells[firstRow - 1][columnNumber(column) - 1] = text || null;
    rules.forEach((r, i) => (cells[0][10 + i] = `=${r.formula.replace(new RegExp(`\\b${column}${firstRow}\\b`, "g"), `$${column}$${firstRow}`)}`));
    hf.setSheetContent(sheet, cells);
    const lit = rules.filter((_, i) => hf.getCellValue({ sheet, row: 0, col: 10 + i }) === true).map((r) => r.value);
    hf.destroy();
    return [...new Set(lit)];
  };

  it("colours exactly what the engine reads: each rule, evaluated by a spreadsheet engine, agrees with validate", () => {
    const texts = {
      status: [
        "Completed",
        "complete",
        "Done",
        "in-progress",
        "In Progress",
        "Ongoing",
        "on track",
        "On hold",
        "on-hold",
        "Not started",
        "not yet started",
        "Started",
        "Not completed",
        "Incomplete",
        "Not done",
        "Not on track",
        "Banana",
        "",
        "Completed. This meeting took place on 3 March.",
        "Complete\n\nThis research was published in May.",
        "In progress: the contract is signed",
        "On hold; waiting for the budget",
        "Complete the review by March",
        "Completely new approach. Started in May.",
      ],
      rag: ["Red", "r", "Amber", "yellow", "Y", "Green", "G", "Blue", "White", "Grey", "Reddish", "Not red", ""],
      direction: ["↑", "↑ improved", "improved", "Up", "↓", "deteriorated", "↔", "no change", "No-change", "same", "new", "Update due", "Support", ""],
    } as const;
    const lexicon = new Lexicon();
    for (const field of ["status", "rag", "direction"] as const) {
      const rules = plan.rules.filter((r) => r.field === field);
      for (const text of texts[field]) {
        const engine =
          field === "direction"
            ? lexicon.splitRagAndDirection(text).direction?.canonical
            : field === "rag"
              ? lexicon.rag(text)?.canonical
              : (lexicon.status(text)?.canonical ?? leadingStatus(text, lexicon)?.status.canonical);
        expect({ text, lit: litBy(rules, text) }).toEqual({ text, lit: engine ? [engine] : [] });
      }
    }
  });

  it("colours the five-point scale's points between their neighbours where the tracker uses that scale, and only there", () => {
    const five = tracker([["Ref", "RAG"], ["1", "Amber/Green"], ["2", "Amber/Red"], ["3", "Green"]]);
    expect(five.tracker!.ragScale).toBe("five-point");
    const rules = formattingPlan(five.tracker!).rules;
    expect(rules.map((r) => r.value)).toEqual(["Amber/Red", "Amber/Green", "Red", "Amber", "Green", "Blue", "White"]);
    const lexicon = new Lexicon();
    for (const text of ["Amber/Green", "green / amber", "AG", "Amber-Green", "Red/Amber", "A/R", "Amber", "Green", "Red", "Amber/Blue", ""]) {
      const engine = lexicon.rag(text)?.canonical;
      expect({ text, lit: litBy(rules, text) }).toEqual({ text, lit: engine ? [engine] : [] });
    }
    // Each point's fill lies between its neighbours' hues, and its word stays in the cell.
    const hue = (hex: string) => toHsl(hex)!.h;
    expect(hue(RAG_COLOURS["Amber/Red"].fill)).toBeGreaterThan(hue(RAG_COLOURS.Red.fill));
    expect(hue(RAG_COLOURS["Amber/Red"].fill)).toBeLessThan(hue(RAG_COLOURS.Amber.fill));
    expect(hue(RAG_COLOURS["Amber/Green"].fill)).toBeGreaterThan(hue(RAG_COLOURS.Amber.fill));
    expect(hue(RAG_COLOURS["Amber/Green"].fill)).toBeLessThan(hue(RAG_COLOURS.Green.fill));
    // A tracker on Red, Amber and Green: no rules for the points; a lone point is coloured as the first colour it names, as it is counted.
    const plain = plan.rules.filter((r) => r.field === "rag");
    expect(plain.map((r) => r.value)).toEqual(["Red", "Amber", "Green", "Blue", "White"]);
    const lone = readTracker(grid([["Ref", "RAG"], ["1", "Green/Amber"], ["2", "Amber"], ["3", "Red"]]));
    expect(lone.tracker!.ragScale).toBeUndefined();
    for (const [text, as] of [["Green/Amber", "Green"], ["Amber/Green", "Amber"], ["Red/Amber", "Red"], ["AG", "Amber"], ["Amber", "Amber"]] as const) {
      expect({ text, lit: litBy(plain, text) }).toEqual({ text, lit: [as] });
      const read = readTracker(grid([["Ref", "RAG"], ["1", text], ["2", "Amber"], ["3", "Red"]])).actions[0].rag;
      expect({ text, read }).toEqual({ text, read: as });
    }
  });

  it("keeps every formula short enough for Excel's rule dialog, marked as ours, relative to the first body cell", () => {
    for (const r of plan.rules) {
      expect(r.formula.length).toBeLessThanOrEqual(MAX_RULE_FORMULA);
      expect(isOurRule(r.formula)).toBe(true);
      expect(r.formula).toContain(r.range.split(":")[0]);
    }
    expect(isOurRule('=F6="↓"')).toBe(false);
  });

  it("uses fills and text colours with at least 4.5:1 contrast", () => {
    for (const c of [...Object.values(RAG_COLOURS), ...Object.values(STATUS_COLOURS), ...Object.values(DIRECTION_COLOURS)]) {
      expect(contrastRatio(c.fill, c.font)).toBeGreaterThanOrEqual(4.5);
    }
    expect(contrastRatio("#FFFFFF", "#000000")).toBeCloseTo(21, 5);
  });

  it("colours a shared RAG/direction cell by its RAG only", () => {
    const shared = formattingPlan(tracker([["Action", "Delivery Status / Direction of travel"], ["V1 Do", "Green ↑"]]).tracker!);
    expect(new Set(shared.rules.map((r) => r.field))).toEqual(new Set(["rag"]));
  });
});

describe("snapshots", () => {
  const t = tracker([
    ["Ref", "Status", "RAG"],
    ["1", "Completed", "Green"],
    ["2", "In progress", "Amber"],
  ]);

  it("round-trips through the snapshot rows and chooses the latest other period", () => {
    const rows = [
      ["Period", "Taken", "Reference", "Status", "RAG", "Direction", "Tracker sheet", "Update fingerprint"],
      ...snapshotRows("Q1", new Date(Date.UTC(2026, 5, 30)), "Tracker", t.actions),
      ...snapshotRows("Q2", new Date(Date.UTC(2026, 8, 30)), "Tracker", t.actions),
    ];
    expect(rows[1]).toEqual(["Q1", "2026-06-30", "1", "Completed", "Green", "", "Tracker", updateFingerprint("")]);
    const snaps = readSnapshots(grid(rows, { name: "Delivery plan snapshots" }));
    expect(snaps.map((s) => s.period)).toEqual(["Q1", "Q2"]);
    expect(snaps[1].actions).toEqual([
      { id: "1", status: "Completed", rag: "Green", updateFingerprint: updateFingerprint("") },
      { id: "2", status: "In progress", rag: "Amber", updateFingerprint: updateFingerprint("") },
    ]);
    // A snapshot taken before the fingerprint column existed: its updates are simply not known.
    expect(readSnapshots(grid(rows.map((r) => r.slice(0, 7)), { name: "Delivery plan snapshots" }))[0].actions[0]).toEqual({ id: "1", status: "Completed", rag: "Green" });
    expect(snapshotAsked(LATEST, snaps, "Q2")?.period).toBe("Q1");
    expect(snapshotAsked(LATEST, snaps, "Q3")?.period).toBe("Q2");
    expect(snapshotAsked(LATEST, [], "Q3")).toBeNull();
  });
});

describe("direction writes", () => {
  it("writes glyph and word into the direction column, or adds a column when there is none", () => {
    const withColumn = tracker([["Ref", "Status", "Direction of travel"], ["1", "Completed", ""], ["2", "In progress", "↑"]]);
    const c = compareWithPrevious(withColumn.actions, [{ id: "1", status: "In progress", rag: null }]);
    const g = grid([["Ref", "Status", "Direction of travel"], ["1", "Completed", ""], ["2", "In progress", "↑"]]);
    expect(directionWrites(g, withColumn.tracker!, withColumn.actions, c, "Q1")).toEqual({
      writes: [
        { cell: "C2", text: "↑ improved" },
        { cell: "C3", text: "new" },
      ],
      newColumn: null,
    });
    const bare = grid([["Ref", "Status"], ["1", "Completed"]]);
    const r = readTracker(bare);
    expect(directionWrites(bare, r.tracker!, r.actions, compareWithPrevious(r.actions, [{ id: "1", status: "Completed", rag: null }]), "Q1")).toEqual({
      writes: [
        // A column of ours: its header styled as ours, each cell aligned like the one to its left.
        { cell: "C1", text: "Direction of travel since Q1", look: { alignLike: "B1", header: true } },
        { cell: "C2", text: "↔ no change", look: { alignLike: "B2" } },
      ],
      newColumn: { header: "Direction of travel since Q1", cell: "C1" },
    });
  });
});
