import { ragFromFill } from "../../src/model";

describe("RAG from fill colour, by hue and saturation", () => {
  it.each([
    ["FF0000", "Red"],
    ["C00000", "Red"],
    ["E06666", "Red"],
    ["FFC7CE", "Red"],
    ["FFC000", "Amber"],
    ["FFFF00", "Amber"],
    ["FFEB9C", "Amber"],
    ["F4B183", "Amber"],
    ["00B050", "Green"],
    ["92D050", "Green"],
    ["C6EFCE", "Green"],
    ["008000", "Green"],
    ["0070C0", "Blue"],
  ])("%s → %s", (hex, rag) => {
    expect(ragFromFill(hex)).toBe(rag);
  });

  it.each(["FFFFFF", "F2F2F2", "D9D9D9", "000000", "BDD7EE", "D9E1F2", "1F3864", "not a colour", ""])("%s → nothing", (hex) => {
    expect(ragFromFill(hex)).toBeNull();
  });

  it("accepts ARGB and #RRGGBB forms", () => {
    expect(ragFromFill("FFFF0000")).toBe("Red");
    expect(ragFromFill("#00B050")).toBe("Green");
  });
});
