/**
 * @jest-environment jsdom
 */
/** The offer on a word the tracker uses that we do not know: "Treat 'Stalled' as In progress", saved in the words sheet after the confirmation. */
import { screen, waitFor, within } from "@testing-library/react";
import { XSS, fakeHost, ownWordChanges, trackerView } from "./fake-host";
import { found, openedDialog } from "./pane";
import type { PaneIssue, TrackerView } from "../../src/shared/host";

jest.setTimeout(30_000);

const STATUSES = ["Completed", "In progress", "On hold", "Not yet started"];

function unknownWord(word: string, likely: string | null, cell = "E9"): PaneIssue {
  return {
    severity: "error",
    code: "unknown-value",
    sheet: "Delivery Plan",
    cell,
    message: `${cell} says "${word}", which is not a status we know.`,
    offer: { word, field: "status", likely, meanings: STATUSES },
  };
}

/** A host whose tracker says "Stalled" in E9 until the word is saved. */
function hostWithWord(word: string, likely: string | null) {
  let saved = false;
  const view = (): TrackerView => trackerView({ issues: saved ? [] : [unknownWord(word, likely)] });
  const fake = fakeHost({
    readTracker: () => Promise.resolve(view()),
    writeOwnWord: (w, confirmed) => {
      saved = true;
      return Promise.resolve({ sheet: "Delivery plan words", cells: confirmed.map((c) => c.cell), undo: { sheet: "Delivery plan words", what: `the word “${w.word}”`, cells: [] } });
    },
  });
  return fake;
}

describe("the organisation's own words", () => {
  it("offers the likely meaning, asks to confirm the cells of the words sheet, and saves only then", async () => {
    const { host, calls } = hostWithWord("Stalled", "In progress");
    const { user } = await found(host);
    const check = screen.getByRole("region", { name: "Check" });
    const offer = within(check).getByRole("button", { name: "Treat “Stalled” as In progress…" });
    expect((within(check).getByRole("combobox", { name: "“Stalled” means (status)" }) as HTMLSelectElement).value).toBe("In progress");
    await user.click(offer);
    const dialog = await openedDialog("Treat “Stalled” as In progress?");
    expect(calls.previewOwnWord).toEqual([[{ word: "Stalled", means: "In progress" }]]);
    expect(within(dialog).getAllByRole("row").map((r) => r.textContent)).toEqual(["CellNowWill be", "A3(empty)Stalled", "B3(empty)In progress"]);
    expect(calls.writeOwnWord).toHaveLength(0);

    // Cancel writes nothing.
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    await screen.findByText("Cancelled: nothing was written.");
    expect(calls.writeOwnWord).toHaveLength(0);

    await user.click(within(screen.getByRole("region", { name: "Check" })).getByRole("button", { name: "Treat “Stalled” as In progress…" }));
    const again = await openedDialog("Treat “Stalled” as In progress?");
    await user.click(within(again).getByRole("button", { name: "Save “Stalled”" }));
    await screen.findByText("Saved “Stalled” as In progress in “Delivery plan words” (A3 and B3), and read the tracker again with it.");
    expect(calls.writeOwnWord).toEqual([[{ word: "Stalled", means: "In progress" }, ownWordChanges({ word: "Stalled", means: "In progress" })]]);
    // Read again with the word: the issue and its offer are gone; the save can be undone.
    expect(calls.readTracker).toHaveLength(2);
    await waitFor(() => expect(screen.queryByRole("button", { name: /^Treat “Stalled”/ })).toBeNull());
    expect(screen.getByRole("button", { name: "Undo the word “Stalled”" })).toBeTruthy();
  });

  it("with no likely meaning, the officer chooses one first; the word is shown as text, never as markup", async () => {
    const { host, calls } = hostWithWord(XSS, null);
    const { user } = await found(host);
    const check = screen.getByRole("region", { name: "Check" });
    const offer = within(check).getByRole("button", { name: `Treat “${XSS}” as…` });
    expect(offer.getAttribute("aria-disabled")).toBe("true");
    expect(document.querySelector("img")).toBeNull();
    await user.selectOptions(within(check).getByRole("combobox", { name: `“${XSS}” means (status)` }), "On hold");
    await user.click(within(check).getByRole("button", { name: `Treat “${XSS}” as On hold…` }));
    await openedDialog(`Treat “${XSS}” as On hold?`);
    expect(calls.previewOwnWord).toEqual([[{ word: XSS, means: "On hold" }]]);
    expect(document.querySelector("img")).toBeNull();
  });

  it("says plainly when the word cannot be saved, and writes nothing", async () => {
    const { host, calls } = fakeHost({
      readTracker: () => Promise.resolve(trackerView({ issues: [unknownWord("Stalled", "In progress")] })),
      previewOwnWord: () => Promise.resolve({ ok: false, code: "own-word-refused", message: 'The sheet "Delivery plan words" has no header row with "Word" and "Means".' }),
    });
    const { user } = await found(host);
    await user.click(screen.getByRole("button", { name: "Treat “Stalled” as In progress…" }));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toMatch(/no header row with "Word" and "Means"/));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(calls.writeOwnWord).toHaveLength(0);
  });
});
