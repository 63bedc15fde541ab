/** The Panel summary step's folded line says what the comparison of updates found, and never "no updates new" when none could be compared. */
import { summaryState } from "../../src/taskpane/steps";

const built = (updates: { updated: number; notUpdated: number; new: number; notCompared: number } | null) => ({ sheet: "Panel Summary", sentence: "Of the 97 actions, …", updates: updates && { since: "June 2021", ...updates } });

describe("summaryState", () => {
  it("counts the new updates when the previous period kept update text", () => {
    expect(summaryState(built({ updated: 5, notUpdated: 90, new: 2, notCompared: 0 }))).toBe("Built “Panel Summary” · 5 updates new since June 2021");
    expect(summaryState(built({ updated: 0, notUpdated: 97, new: 0, notCompared: 0 }))).toBe("Built “Panel Summary” · no updates new since June 2021");
  });

  it("says the updates were not compared when the previous period kept none (the June 2021 sample)", () => {
    expect(summaryState(built({ updated: 0, notUpdated: 0, new: 0, notCompared: 97 }))).toBe("Built “Panel Summary” · updates not compared with June 2021");
  });

  it("names only the sheet with no previous period", () => {
    expect(summaryState(built(null))).toBe("Built “Panel Summary”");
    expect(summaryState(null)).toBe("Not built yet");
  });
});
