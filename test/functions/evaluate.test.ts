/**
 * Every ACTIONS function on both bundled samples, through what the shared
 * runtime holds (store.ts) and through an explicit source range, and the
 * errors a user sees.
 */
import { currentTracker, publishTracker } from "../../src/shared/store";
import type { PublishedIndex } from "../../src/shared/store";
import {
  NO_TRACKER_CHOSEN,
  evalChange,
  evalCount,
  evalField,
  evalList,
  evalPercent,
  evalThemes,
  evalTotal,
  indexFromRange,
  isFunctionError,
} from "../../src/functions/evaluate";
import type { Action } from "../../src/model";
import { SampleTracker, loadCambs, loadHerts, rangeValues, trackerRange } from "../support/sample-trackers";
import { clearTracker } from "../support/store";

let herts: SampleTracker;
let cambs: SampleTracker;

beforeAll(async () => {
  [herts, cambs] = await Promise.all([loadHerts(), loadCambs()]);
});

afterEach(() => clearTracker());

function published(sample: SampleTracker, previous: readonly Action[] | null = null): PublishedIndex {
  const t = publishTracker(sample.report, previous);
  if (!t) throw new Error("not published");
  return t;
}

const HERTS_THEMES = [
  "Building on Success: Constabulary / partner actions",
  "Public Focus: Constabulary / partner actions",
  "Public Focus: OPCC actions",
  "Business Sense: Constabulary / partner actions",
  "Business Sense: OPCC actions",
];

describe("Hertfordshire (status words, five sections)", () => {
  let t: PublishedIndex;
  beforeEach(() => {
    t = published(herts);
  });

  it("COUNT counts a status in any spelling", () => {
    expect(evalCount(t, "In progress")).toBe(52);
    expect(evalCount(t, "in-progress")).toBe(52);
    expect(evalCount(t, "Ongoing")).toBe(52);
    expect(evalCount(t, "complete")).toBe(45);
    expect(evalCount(t, "Completed")).toBe(45);
    expect(evalCount(t, "  COMPLETED ")).toBe(45);
    expect(evalCount(t, "On hold")).toBe(0);
    expect(evalCount(t, "Red")).toBe(0);
  });

  it("COUNT and TOTAL by theme (a section heading)", () => {
    expect(evalCount(t, "Completed", "Public Focus: OPCC actions")).toBe(7);
    expect(evalCount(t, "In progress", "building on success: constabulary / partner actions")).toBe(31);
    expect(evalTotal(t, "Public Focus: OPCC actions")).toBe(14);
    expect(evalTotal(t, "Business Sense: OPCC actions")).toBe(3);
  });

  it("TOTAL and PERCENT", () => {
    expect(evalTotal(t)).toBe(97);
    expect(evalPercent(t, "Completed")).toBeCloseTo(45 / 97, 12);
    expect(evalPercent(t, "In progress")).toBeCloseTo(52 / 97, 12);
    expect(evalPercent(t, "Completed", "Public Focus: OPCC actions")).toBeCloseTo(7 / 14, 12);
  });

  it("THEMES lists the five section themes, in order, one per row", () => {
    expect(evalThemes(t)).toEqual(HERTS_THEMES.map((x) => [x]));
  });

  it("LIST spills id, action and lead of every matching action", () => {
    const list = evalList(t, "Completed");
    if (isFunctionError(list)) throw new Error(list.message);
    expect(list).toHaveLength(45);
    for (const row of list) expect(row).toHaveLength(3);
    expect(list[0]).toEqual(["1", expect.stringMatching(/^Ensure that the local policing model/), ""]);
    expect(evalList(t, "On hold")).toEqual([["(none)", "", ""]]);
    expect(evalList(t, "In progress", "Business Sense: OPCC actions")).toHaveLength(2);
  });

  it("STATUS by reference, as text or number", () => {
    expect(evalField(t, "status", "58")).toBe("In progress");
    expect(evalField(t, "status", 58)).toBe("In progress");
    expect(evalField(t, "status", "1")).toBe("Completed");
    expect(evalField(t, "rag", "1")).toBe("");
  });
});

describe("Cambridgeshire (RAG from fill colours, arrows, themes and leads)", () => {
  let t: PublishedIndex;
  beforeEach(() => {
    t = published(cambs);
  });

  it("COUNT counts RAG colours and directions in any spelling", () => {
    expect(evalCount(t, "Red")).toBe(1);
    expect(evalCount(t, "Yellow")).toBe(1);
    expect(evalCount(t, "amber")).toBe(1);
    expect(evalCount(t, "Green")).toBe(1);
    expect(evalCount(t, "↑")).toBe(5);
    expect(evalCount(t, "improved")).toBe(5);
    expect(evalCount(t, "no change")).toBe(16);
    expect(evalCount(t, "↔")).toBe(16);
    expect(evalCount(t, "↓")).toBe(0);
  });

  it("RAG by reference", () => {
    expect(evalField(t, "rag", "V9")).toBe("Red");
    expect(evalField(t, "rag", "v7")).toBe("Amber");
    expect(evalField(t, "rag", "V8")).toBe("Green");
    expect(evalField(t, "rag", "V1")).toBe("");
    expect(evalField(t, "status", "V9")).toBe("");
  });

  it("COUNT with a theme, and with a lead (shared leads count for each: NP / CS, CS/NP)", () => {
    expect(evalCount(t, "↑", "Victims")).toBe(3);
    expect(evalCount(t, "no change", "Victims")).toBe(6);
    expect(evalCount(t, "↑", "", "NP")).toBe(4);
    expect(evalCount(t, "↔", null, "np")).toBe(6);
    expect(evalCount(t, "↑", "Victims", "NP")).toBe(3);
    expect(evalCount(t, "↔", "Offenders", "CS")).toBe(4);
    expect(evalTotal(t, "Victims")).toBe(9);
    expect(evalTotal(t, "Offenders")).toBe(11);
  });

  it("THEMES, LIST and PERCENT", () => {
    expect(evalThemes(t)).toEqual([["Victims"], ["Offenders"], ["Communities"], ["Transformation"]]);
    expect(evalList(t, "Red")).toEqual([["V9", expect.stringMatching(/^Ensure that when Criminal Justice System/), "NP"]]);
    expect(evalList(t, "↑", "Victims")).toEqual([
      ["V6", expect.any(String), "NP"],
      ["V7", expect.any(String), "NP"],
      ["V9", expect.any(String), "NP"],
    ]);
    expect(evalPercent(t, "↑")).toBeCloseTo(5 / 40, 12);
  });
});

describe("CHANGE: now minus the previous snapshot", () => {
  it("counts the difference with the previous period's actions", () => {
    // The previous period: ten of today's completed actions were still in progress.
    const completed = herts.report.actions.filter((a) => a.status === "Completed").slice(0, 10).map((a) => a.id);
    const previous = herts.report.actions.map((a) => (completed.includes(a.id) ? { ...a, status: "In progress" as const } : a));
    const t = published(herts, previous);
    expect(evalChange(t, "Completed")).toBe(10);
    expect(evalChange(t, "in progress")).toBe(-10);
    expect(evalChange(t, "On hold")).toBe(0);
  });

  it("says there is no earlier snapshot, and rejects unknown words", () => {
    const t = published(cambs);
    expect(evalChange(t, "Red")).toEqual({ error: "#N/A", message: expect.stringMatching(/no earlier snapshot.*Take a snapshot/) });
    const withPrevious = published(cambs, cambs.report.actions);
    expect(evalChange(withPrevious, "Red")).toBe(0);
    expect(evalChange(withPrevious, "Purple")).toMatchObject({ error: "#VALUE!" });
    expect(evalChange(null, "Red")).toEqual(NO_TRACKER_CHOSEN);
  });
});

describe("errors a user understands", () => {
  it("an unknown word is #VALUE!, listing the accepted words", () => {
    const t = published(herts);
    const e = evalCount(t, "Purple");
    expect(e).toMatchObject({ error: "#VALUE!" });
    if (!isFunctionError(e)) throw new Error("expected an error");
    expect(e.message).toMatch(/^"Purple" is not a status, RAG or direction we know\. Use one of: /);
    for (const word of ["Completed", "In progress", "On hold", "Not yet started", "Red", "Amber", "Green", "↑", "↓", "↔", "improved", "no change"]) {
      expect(e.message).toContain(word);
    }
    expect(evalPercent(t, "Purple")).toMatchObject({ error: "#VALUE!" });
    expect(evalList(t, "Purple")).toMatchObject({ error: "#VALUE!" });
  });

  it("no word at all is #VALUE! with an example", () => {
    const t = published(herts);
    for (const e of [evalCount(t, ""), evalPercent(t, null), evalList(t, "  "), evalChange(t, "")]) {
      expect(e).toEqual({ error: "#VALUE!", message: 'Give a status, RAG or direction, e.g. "In progress".' });
    }
    expect(evalField(t, "status", "")).toMatchObject({ error: "#VALUE!", message: expect.stringMatching(/reference/) });
  });

  it("no tracker is #N/A: open the pane", () => {
    expect(currentTracker()).toBeNull();
    for (const e of [
      evalCount(null, "Red"),
      evalTotal(null),
      evalPercent(null, "Red"),
      evalField(null, "status", "V1"),
      evalField(null, "rag", "V1"),
      evalChange(null, "Red"),
      evalList(null, "Red"),
      evalThemes(null),
    ]) {
      expect(e).toEqual({ error: "#N/A", message: "Open the Delivery plan pane to choose the tracker." });
    }
  });

  it("an unknown reference is #N/A naming it", () => {
    const t = published(cambs);
    expect(evalField(t, "rag", "Z99")).toEqual({ error: "#N/A", message: 'No action with reference "Z99" in the tracker.' });
  });

  it("an unknown theme or lead is #VALUE!, listing the tracker's own (not a silent 0)", () => {
    const t = published(cambs);
    expect(evalCount(t, "Red", "Victim")).toEqual({
      error: "#VALUE!",
      message: 'No theme "Victim" in the tracker. Use one of: Victims, Offenders, Communities, Transformation.',
    });
    expect(evalTotal(t, "Nope")).toMatchObject({ error: "#VALUE!" });
    expect(evalList(t, "Red", "Nope")).toMatchObject({ error: "#VALUE!" });
    const lead = evalCount(t, "Red", null, "XX");
    expect(lead).toMatchObject({ error: "#VALUE!", message: expect.stringMatching(/^No lead "XX" in the tracker\. Use one of: NP, CS, CK, JH/) });
    // A lead that exists but has none of the word is a real 0.
    expect(evalCount(t, "Red", null, "MW")).toBe(0);
    // Hertfordshire has no lead column at all.
    expect(evalCount(published(herts), "Completed", null, "NP")).toMatchObject({ message: expect.stringMatching(/no lead column/) });
  });
});

describe("an explicit source range (a 2-D array of values, header row included)", () => {
  it("gives the same answers as the tracker the pane found, with no tracker published", () => {
    expect(currentTracker()).toBeNull();
    const r = trackerRange(herts);
    expect(herts.rangeAddress).toBe("A4:G106");
    expect(r[0][0]).toBe("CSCJ Plan priority");
    expect(evalCount(null, "In progress", r)).toBe(52);
    expect(evalCount(null, "complete", r)).toBe(45);
    expect(evalTotal(null, r)).toBe(97);
    expect(evalPercent(null, "Completed", r)).toBeCloseTo(45 / 97, 12);
    expect(evalThemes(null, r)).toEqual(HERTS_THEMES.map((x) => [x]));
    expect(evalList(null, "Completed", r)).toHaveLength(45);
    expect(evalField(null, "status", "58", r)).toBe("In progress");
    expect(evalCount(null, "Completed", "Public Focus: OPCC actions", r)).toBe(7);
  });

  it("takes the range in any optional slot; the other filters keep their places", () => {
    const r = trackerRange(cambs);
    expect(cambs.rangeAddress).toBe("A5:G49");
    expect(evalCount(null, "↑", r)).toBe(5); // =ACTIONS.COUNT("↑", A5:G49)
    expect(evalCount(null, "↑", "Victims", r)).toBe(3); // =ACTIONS.COUNT("↑", "Victims", A5:G49)
    expect(evalCount(null, "↑", "", "NP", r)).toBe(4); // =ACTIONS.COUNT("↑", , "NP", A5:G49)
    expect(evalCount(null, "↑", r, "NP")).toBe(4); // =ACTIONS.COUNT("↑", A5:G49, "NP")
    expect(evalCount(null, "no change", null, null, r)).toBe(16);
    expect(evalTotal(null, "Victims", r)).toBe(9);
  });

  it("a single value in a matrix argument ([[\"Victims\"]], as Excel passes it) is a filter, not a range", () => {
    const r = trackerRange(cambs);
    expect(evalCount(null, "↑", [["Victims"]], [[""]], r)).toBe(3);
    expect(evalCount(null, "↑", [[null]], [["NP"]], r)).toBe(4);
  });

  it("sees values only: a RAG shown only as a fill colour is not in a range's values", () => {
    const r = trackerRange(cambs);
    expect(evalCount(published(cambs), "Red")).toBe(1);
    expect(evalCount(null, "Red", r)).toBe(0);
    expect(evalField(null, "rag", "V9", r)).toBe("");
  });

  it("says when the range has no header row", () => {
    const body = rangeValues(herts.grid, herts.headerRow + 2, herts.lastRow);
    expect(evalCount(null, "Completed", body)).toEqual({ error: "#N/A", message: expect.stringMatching(/no tracker header.*Include the header row/) });
  });

  it("reads a range once per content, whatever array Excel hands over", () => {
    const a = trackerRange(herts);
    const b = trackerRange(herts);
    expect(a).not.toBe(b);
    expect(indexFromRange(b)).toBe(indexFromRange(a));
    const edited = trackerRange(herts);
    edited[2][2] = "In progress";
    expect(indexFromRange(edited)).not.toBe(indexFromRange(a));
    expect(evalCount(null, "In progress", edited)).toBe(53);
  });

  it("reads a range again when the same array is edited in place", () => {
    const a = trackerRange(herts);
    const before = evalCount(null, "In progress", a);
    const first = indexFromRange(a);
    a[2][2] = "In progress";
    expect(indexFromRange(a)).not.toBe(first);
    expect(evalCount(null, "In progress", a)).toBe(53);
    expect(before).toBe(52);
  });
});
