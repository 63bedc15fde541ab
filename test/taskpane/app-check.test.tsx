/**
 * @jest-environment jsdom
 */
/** The task pane's components with a fake host, the Check section: issues by kind and severity, fixing spellings with a confirmation and an undo, long lists: what the officer sees, and that nothing is written unasked. */
import { screen, waitFor, within } from "@testing-library/react";
import { SPELLING_CHANGES, fakeHost, trackerView } from "./fake-host";
import { found, openedDialog } from "./pane";

jest.setTimeout(30_000);

describe("check", () => {
  it("counts the issues by kind, and filters by severity or kind", async () => {
    const { host } = fakeHost();
    const { user } = await found(host);
    const check = screen.getByRole("region", { name: "Check" });
    const kinds = within(check).getByRole("table", { name: "Issues by kind" });
    const rows = within(kinds).getAllByRole("row").slice(1);
    expect(rows.map((r) => r.textContent)).toEqual(["✕Error Reference used twice1", "⚠Warning Missing status or RAG1", "ℹNote Timeframe not understood1"]);
    await user.selectOptions(within(check).getByRole("combobox", { name: "Show" }), "kind:missing-value");
    expect(within(check).getAllByRole("listitem").map((li) => li.textContent)).toEqual([expect.stringMatching(/^⚠Warningcell F12/)]);
    await user.selectOptions(within(check).getByRole("combobox", { name: "Show" }), "severity:error");
    expect(within(check).getAllByRole("listitem").map((li) => li.textContent)).toEqual([expect.stringMatching(/^✕Errorcell B40/)]);
  });

  it("fixes spellings only after showing each cell from what to what, and can undo them", async () => {
    const { host, calls } = fakeHost({ readTracker: () => Promise.resolve(trackerView({ spellings: 2 })) });
    const { user } = await found(host);
    await user.click(screen.getByRole("button", { name: "Fix spellings… (2 cells)" }));
    const dialog = await openedDialog("Fix the spelling in 2 cells?");
    expect(within(dialog).getAllByRole("row").slice(1).map((r) => r.textContent)).toEqual(["E7CompleteCompleted", "E9on-goingIn progress"]);
    expect(calls.writeSpellingFixes).toHaveLength(0);
    await user.click(within(dialog).getByRole("button", { name: "Fix 2 cells" }));
    await screen.findByText("Fixed the spelling in 2 cells on “Delivery Plan”: E7 and E9.");
    expect(calls.writeSpellingFixes[0][1]).toEqual(SPELLING_CHANGES);
    await user.click(screen.getByRole("button", { name: "Undo the spelling fixes" }));
    await screen.findByText("Undid the spelling fixes: E7 and E9 on “Delivery Plan” say again what they said before.");
    expect(calls.undoWrite).toHaveLength(1);
    expect((calls.undoWrite[0][0] as { cells: { cell: string; before: unknown }[] }).cells.map((c) => [c.cell, c.before])).toEqual([
      ["E7", "Complete"],
      ["E9", "on-going"],
    ]);
    expect(screen.queryByRole("button", { name: /^Undo/ })).toBeNull();
  });

  it("hides the offer when every misspelt cell holds a formula", async () => {
    const { host } = fakeHost({
      readTracker: () => Promise.resolve(trackerView({ spellings: 2 })),
      previewSpellingFixes: () => Promise.resolve({ sheet: "Delivery Plan", changes: [] }),
    });
    const { user } = await found(host);
    await user.click(screen.getByRole("button", { name: "Fix spellings… (2 cells)" }));
    await screen.findByText(/nothing to fix/);
    expect(screen.queryByRole("button", { name: /Fix spellings/ })).toBeNull();
  });

  it("lets the officer keep a confirmed write, dismissing its undo", async () => {
    const { host, calls } = fakeHost({ readTracker: () => Promise.resolve(trackerView({ spellings: 2 })) });
    const { user } = await found(host);
    await user.click(screen.getByRole("button", { name: "Fix spellings… (2 cells)" }));
    await user.click(within(await openedDialog("Fix the spelling in 2 cells?")).getByRole("button", { name: "Fix 2 cells" }));
    await screen.findByRole("button", { name: "Undo the spelling fixes" });
    await user.click(screen.getByRole("button", { name: "Keep them" }));
    expect(screen.queryByRole("button", { name: "Undo the spelling fixes" })).toBeNull();
    expect(calls.undoWrite).toHaveLength(0);
  });
});

describe("issues", () => {
  it("shows severity as a word with a glyph, the cell, and a Go to cell button", async () => {
    const { host, calls } = fakeHost();
    const { user } = await found(host);
    const issues = screen.getByRole("region", { name: "Check" });
    expect(within(issues).getByText(/1 error, 1 warning, 1 note/)).toBeTruthy();
    const items = within(issues).getAllByRole("listitem");
    expect(items[0].textContent).toMatch(/^✕Errorcell B40/);
    expect(items[1].textContent).toMatch(/^⚠Warningcell F12/);
    expect(items[2].textContent).toMatch(/^ℹNotewhole sheet/);
    expect(within(items[2]).queryByRole("button")).toBeNull();
    await user.click(within(items[1]).getByRole("button", { name: "Go to cell F12 on Delivery Plan" }));
    await waitFor(() => expect(calls.goToCell).toEqual([["Delivery Plan", "F12"]]));
    await screen.findByText("Selected cell F12 on “Delivery Plan”.");
  });

  it("shows the first ten, then all on request", async () => {
    const many = Array.from({ length: 14 }, (_, i) => ({ severity: "warning" as const, code: "no-update" as const, sheet: "Delivery Plan", cell: `H${i + 6}`, message: `Issue ${i + 1}` }));
    const { host } = fakeHost({ readTracker: () => Promise.resolve(trackerView({ issues: many })) });
    const { user } = await found(host);
    const issues = screen.getByRole("region", { name: "Check" });
    expect(within(issues).getAllByRole("listitem")).toHaveLength(10);
    await user.click(within(issues).getByRole("button", { name: "Show all 14 issues" }));
    expect(within(issues).getAllByRole("listitem")).toHaveLength(14);
  });
});
