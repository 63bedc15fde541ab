/** The organisation's own words: the defaults, implied RAGs and the workbook's words sheet. */
import { Lexicon, countActions, defaultVocabulary, extendVocabulary, readTracker, readWordsSheet } from "../../src/model";
import { grid, roundTrip } from "../support/factories";

describe("status words that also say a RAG", () => {
  const body = [
    ["1", "Commission the service", "On track"],
    ["2", "Train call handlers", "Off track"],
    ["3", "Publish the strategy", "Delayed"],
    ["4", "Review the contract", "Green (C)"],
    ["5", "Open the hub", "Pipeline"],
  ];

  it("with no RAG column, the action takes both the status and the RAG", () => {
    const r = readTracker(grid([["Ref", "Action", "Status"], ...body]));
    expect(r.actions.map((a) => [a.status, a.rag])).toEqual([
      ["In progress", "Green"],
      ["In progress", "Red"],
      ["In progress", "Amber"],
      ["Completed", "Green"],
      ["Not yet started", null],
    ]);
    expect(r.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(r.issues.find((i) => i.cell === "C3")!.message).toBe(
      'C3 says "Off track"; the usual status word is "In progress". It is counted as In progress with RAG Red; type "In progress" here and Red in a RAG column so filters and COUNTIF find them too.',
    );
    expect(countActions(r.actions).rag).toMatchObject({ Red: 1, Amber: 1, Green: 2, "Not set": 1 });
  });

  it("a RAG column keeps its own RAG; in the RAG column such a word is the RAG, and the status where there is no status column", () => {
    const own = readTracker(grid([["Ref", "Action", "Status", "RAG"], ...body.map((row) => [...row, "Amber"])]));
    expect(own.actions.map((a) => a.rag)).toEqual(["Amber", "Amber", "Amber", "Amber", "Amber"]);
    const inRag = readTracker(grid([["Ref", "Action", "RAG"], ...body.slice(0, 4)]));
    expect(inRag.actions.map((a) => [a.status, a.rag])).toEqual([
      ["In progress", "Green"],
      ["In progress", "Red"],
      ["In progress", "Amber"],
      ["Completed", "Green"],
    ]);
    expect(inRag.issues.filter((i) => i.code === "wrong-column" || i.severity === "error")).toEqual([]);
  });
});

describe('the workbook\'s "Delivery plan words" sheet', () => {
  it("reads each word and what it means, and says which rows it cannot use", async () => {
    const [sheet] = await roundTrip({
      name: "Delivery plan words",
      rows: [
        ["Our words: what each means"],
        ["Word", "Means"],
        ["Signed off", "Completed"],
        ["Stalled", "In progress, Red"],
        ["Sparkly", "Blue"],
        ["Sideways", "↔"],
        ["Shrug", "Maybe"],
        [null, "Completed"],
      ],
    });
    const { extension, words, issues } = readWordsSheet(sheet);
    expect(words).toBe(4);
    expect(extension).toEqual({
      status: { Completed: ["Signed off"], "In progress": ["Stalled"] },
      impliedRag: { Red: ["Stalled"] },
      rag: { Blue: ["Sparkly"] },
      direction: { unchanged: ["Sideways"] },
    });
    expect(issues.map((i) => `${i.severity} ${i.code}@${i.cell}`)).toEqual(["warning unknown-value@B7", "warning unknown-value@A8"]);
    expect(issues[0].message).toMatch(/^B7 says "Maybe", which is not something "Shrug" can mean\. Type a status/);

    const lexicon = new Lexicon(extendVocabulary(defaultVocabulary, extension));
    const r = readTracker(grid([["Ref", "Action", "Status"], ["1", "A", "Signed off"], ["2", "B", "Stalled"], ["3", "C", "Achieved"]]), { lexicon });
    expect(r.actions.map((a) => [a.status, a.rag])).toEqual([
      ["Completed", null],
      ["In progress", "Red"],
      ["Completed", null],
    ]);
    expect(r.issues.filter((i) => i.code === "unknown-value")).toEqual([]);
  });

  it("a sheet without the Word and Means headers is one warning", () => {
    const { words, issues } = readWordsSheet(grid([["Achieved", "Completed"]], { name: "Delivery plan words" }));
    expect(words).toBe(0);
    expect(issues.map((i) => i.message)).toEqual([
      'Sheet "Delivery plan words" has no header row with "Word" and "Means", so none of its words are used. Put "Word" and "Means" in row 1 and one word per row below.',
    ]);
  });
});
