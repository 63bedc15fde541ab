import { DIRECTIONS, Lexicon, RAGS, STATUSES, defaultVocabulary, extendVocabulary, wordKey } from "../../src/model";

const lexicon = new Lexicon();

describe("vocabulary", () => {
  it.each([
    ["Completed", "Completed", true],
    ["completed", "Completed", true],
    ["Complete", "Completed", false],
    ["Done", "Completed", false],
    ["Closed.", "Closed", false],
    ["Superseded", "Closed", false],
    ["Not adopted", "Closed", false],
    ["In progress", "In progress", true],
    ["In Progress", "In progress", true],
    ["in-progress", "In progress", false],
    ["IN_PROGRESS", "In progress", false],
    ["Inprogress", "In progress", false],
    ["Ongoing", "In progress", false],
    ["On-going", "In progress", false],
    ["On track", "In progress", false],
    ["On hold", "On hold", true],
    ["on-hold", "On hold", false],
    ["Paused", "On hold", false],
    ["Not yet started", "Not yet started", true],
    ["Not started", "Not yet started", false],
    ["not-started ", "Not yet started", false],
  ])("status %p → %p (exact: %p)", (typed, canonical, exact) => {
    expect(lexicon.status(typed)).toEqual({ kind: "status", canonical, exact });
  });

  it.each([
    ["Red", "Red"],
    ["red", "Red"],
    ["R", "Red"],
    ["Amber", "Amber"],
    ["Yellow", "Amber"],
    ["yellow", "Amber"],
    ["Green", "Green"],
    ["G", "Green"],
    ["Blue", "Blue"],
    ["White", "White"],
    ["Grey", "White"],
  ])("RAG %p → %p", (typed, canonical) => {
    expect(lexicon.rag(typed)?.canonical).toBe(canonical);
  });

  it.each([
    ["↑", "improved"],
    ["⬆", "improved"],
    ["up", "improved"],
    ["Improved", "improved"],
    ["↓", "deteriorated"],
    ["down", "deteriorated"],
    ["Deteriorated", "deteriorated"],
    ["↔", "unchanged"],
    ["←→", "unchanged"],
    ["→", "unchanged"],
    ["No change", "unchanged"],
    ["no-change", "unchanged"],
    ["same", "unchanged"],
    ["New", "new"],
  ])("direction %p → %p", (typed, canonical) => {
    expect(lexicon.direction(typed)?.canonical).toBe(canonical);
  });

  it("does not confuse kinds", () => {
    expect(lexicon.status("Red")).toBeNull();
    expect(lexicon.rag("Completed")).toBeNull();
    expect(lexicon.direction("Green")).toBeNull();
  });

  it("reads a RAG and a direction from one cell", () => {
    expect(lexicon.splitRagAndDirection("Green ↑")).toMatchObject({ rag: { canonical: "Green" }, direction: { canonical: "improved" } });
    expect(lexicon.splitRagAndDirection("Amber↔")).toMatchObject({ rag: { canonical: "Amber" }, direction: { canonical: "unchanged" } });
    expect(lexicon.splitRagAndDirection("Red - no change")).toMatchObject({ rag: { canonical: "Red" }, direction: { canonical: "unchanged" } });
    expect(lexicon.splitRagAndDirection("↓")).toMatchObject({ direction: { canonical: "deteriorated" } });
    expect(lexicon.splitRagAndDirection("Purple").rag).toBeUndefined();
  });

  it("suggests the nearest word for a typo, and nothing for nonsense", () => {
    expect(lexicon.suggest("Completd", "status")).toBe("Completed");
    expect(lexicon.suggest("In progres", "status")).toBe("In progress");
    expect(lexicon.suggest("Ambr", "rag")).toBe("Amber");
    expect(lexicon.suggest("Banana split", "status")).toBeNull();
  });

  it("takes an organisation's own words, as data", () => {
    const ours = new Lexicon(extendVocabulary(defaultVocabulary, { status: { Completed: ["Signed off"] }, rag: { Amber: ["At risk"] } }));
    expect(ours.status("Signed off")?.canonical).toBe("Completed");
    expect(ours.rag("At risk")?.canonical).toBe("Amber");
    expect(lexicon.status("Signed off")).toBeNull();
  });

  it.each([
    ["Achieved", "Completed", null],
    ["Delivered", "Completed", null],
    ["Complete (C)", "Completed", null],
    ["Green (C)", "Completed", "Green"],
    ["On track", "In progress", "Green"],
    ["Off track", "In progress", "Red"],
    ["Delayed", "In progress", "Amber"],
    ["At risk", "In progress", "Amber"],
    ["Not due", "Not yet started", null],
    ["Not yet due", "Not yet started", null],
    ["Pipeline", "Not yet started", null],
    ["Candidate", "Not yet started", null],
  ])("the wider defaults: %p → %p, RAG %p", (typed, status, rag) => {
    expect(lexicon.status(typed)?.canonical).toBe(status);
    expect(lexicon.impliedRag(typed)).toBe(rag);
  });

  it("an organisation's word means what it says, even where the defaults had it", () => {
    const ours = new Lexicon(extendVocabulary(defaultVocabulary, { status: { "On hold": ["Delayed"] }, impliedRag: { Red: ["Stuck"] } }));
    expect(ours.status("Delayed")?.canonical).toBe("On hold");
    // Its RAG came with the default meaning, and went with it.
    expect(ours.impliedRag("Delayed")).toBeNull();
    // An implied RAG needs a status word to hang on.
    expect(ours.impliedRag("Stuck")).toBeNull();
    expect(lexicon.status("Delayed")?.canonical).toBe("In progress");
  });

  it("keys ignore case, spaces, hyphens and trailing punctuation", () => {
    expect(wordKey(" Not-Yet Started. ")).toBe("notyetstarted");
  });
});

describe("a remembering lexicon (one tracker's read)", () => {
  const words = ["In progress", " in-progress. ", "On track", "Off track", "Green ↑", "Amber - no change", "↔", "Gren", "Completed", "", "Blue", "what?"];

  it("reads every text as the lexicon does, the first time and again", () => {
    const remembering = lexicon.remembering();
    for (let pass = 0; pass < 2; pass++) {
      for (const w of words) {
        expect(remembering.lookup(w)).toEqual(lexicon.lookup(w));
        expect(remembering.status(w)).toEqual(lexicon.status(w));
        expect(remembering.impliedRag(w)).toEqual(lexicon.impliedRag(w));
        expect(remembering.splitRagAndDirection(w)).toEqual(lexicon.splitRagAndDirection(w));
      }
    }
  });

  it("keeps the words of an extended vocabulary, and leaves the lexicon it came from as it was", () => {
    const own = new Lexicon(extendVocabulary(defaultVocabulary, { status: { Completed: ["Signed off"] } }));
    expect(own.remembering().status("Signed off")?.canonical).toBe("Completed");
    expect(lexicon.remembering().status("Signed off")).toBeNull();
    expect(own.status("Signed off")?.canonical).toBe("Completed");
  });
});

describe("canonical words", () => {
  // A new status named like a word of another's list (Closed is one of Completed's) would read as that other one: this says which.
  it("each status, RAG and direction reads as itself, exactly: no other's list of usual words has it", () => {
    for (const word of [...STATUSES, ...RAGS, ...DIRECTIONS]) expect([word, lexicon.lookup(word)?.canonical, lexicon.lookup(word)?.exact]).toEqual([word, word, true]);
  });
});
