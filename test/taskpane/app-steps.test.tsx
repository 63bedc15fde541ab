/**
 * @jest-environment jsdom
 */
/** The pane as the quarter's steps: each folds by its heading's button and, folded, says its state in one line. */
import { screen, waitFor, within } from "@testing-library/react";
import { fakeHost, trackerView } from "./fake-host";
import { found, renderPane } from "./pane";

// Each test drives the pane through several folds: on a busy 2-core machine (the whole suite) that takes a while.
jest.setTimeout(60_000);

/** The step's heading button, named by its title alone. */
const heading = (title: string) => screen.getByRole("button", { name: title, exact: true } as never);

/** The one-line state a folded step's button is described by. */
async function foldedState(title: string): Promise<string> {
  return waitFor(() => {
    const button = heading(title);
    expect(button.getAttribute("aria-expanded")).toBe("false");
    const id = button.getAttribute("aria-describedby");
    expect(id).toBeTruthy();
    return document.getElementById(id!)!.textContent ?? "";
  });
}

describe("the quarter's steps", () => {
  it("starts with the Tracker step only, open, with Find tracker", async () => {
    const { host } = fakeHost();
    renderPane(host);
    expect(screen.getAllByRole("heading", { level: 2 }).map((h) => h.textContent)).toEqual(["Tracker"]);
    expect(heading("Tracker").getAttribute("aria-expanded")).toBe("true");
    expect(screen.getByRole("button", { name: "Find tracker" })).toBeTruthy();
  });

  it("shows six steps once the tracker is found, each open, each folding from the keyboard to a one-line state", async () => {
    const { host } = fakeHost();
    const { user } = await found(host);
    expect(screen.getAllByRole("heading", { level: 2 }).map((h) => h.textContent)).toEqual(["Tracker", "Check", "Formatting", "Period", "Panel summary", "Quarter's returns"]);
    for (const title of ["Tracker", "Check", "Formatting", "Period", "Panel summary", "Quarter's returns"]) expect(heading(title).getAttribute("aria-expanded")).toBe("true");

    heading("Check").focus();
    await user.keyboard("{Enter}");
    // The fake tracker: 40 actions, an error, a warning and a note.
    expect(await foldedState("Check")).toBe("40 actions · 1 error · 1 warning · 1 note");
    // Folded, its content is gone from the pane (and from the Tab order); the region stays, named by its heading.
    expect(within(screen.getByRole("region", { name: "Check" })).queryByRole("table", { name: "Issues by kind" })).toBeNull();

    heading("Tracker").focus();
    await user.keyboard(" ");
    expect(await foldedState("Tracker")).toBe("40 actions on “Delivery Plan” · header on row 5");
    expect(screen.queryByRole("button", { name: "Find tracker on the active sheet" })).toBeNull();

    // Open again: the state line goes (the step shows it all), and its controls come back.
    heading("Check").focus();
    await user.keyboard("{Enter}");
    await waitFor(() => expect(within(screen.getByRole("region", { name: "Check" })).getByRole("table", { name: "Issues by kind" })).toBeTruthy());
    expect(heading("Check").getAttribute("aria-describedby")).toBeNull();
  });

  it("folded before anything is done, Period, Panel summary and Quarter's returns say so", async () => {
    const { host } = fakeHost();
    const { user } = await found(host);
    heading("Period").focus();
    await user.keyboard("{Enter}");
    // Today is in Q3 2018/19; the fake's snapshot is October 2018, the previous period.
    expect(await foldedState("Period")).toBe("Q3 2018/19: no snapshot yet · compared with October 2018");

    heading("Panel summary").focus();
    await user.keyboard("{Enter}");
    expect(await foldedState("Panel summary")).toBe("Not built yet");

    heading("Quarter's returns").focus();
    await user.keyboard("{Enter}");
    expect(await foldedState("Quarter's returns")).toBe("No requests made yet");
  });

  it("says what was done: colours applied, the snapshot taken, the summary built", async () => {
    const { host } = fakeHost({ readTracker: () => Promise.resolve(trackerView({ ragFromFill: [] })) });
    const { user } = await found(host);
    await user.click(screen.getByRole("button", { name: "Apply colours" }));
    await screen.findByText(/^Coloured F6:F49 \(RAG\)/);
    await user.click(screen.getByRole("button", { name: "Take snapshot" }));
    await screen.findByText(/^Recorded 40 actions as at Q3 2018\/19/);
    await user.click(screen.getByRole("button", { name: "Build panel summary" }));
    await screen.findByText(/^Built the sheet “Panel Summary” for Q3 2018\/19/);
    for (const title of ["Formatting", "Period", "Panel summary"]) {
      heading(title).focus();
      await user.keyboard("{Enter}");
    }
    expect(await foldedState("Formatting")).toBe("Colours applied to 1 range");
    expect(await foldedState("Period")).toBe("Snapshot Q3 2018/19 taken · compared with October 2018");
    expect(await foldedState("Panel summary")).toBe("Built “Panel Summary”");
  });
});
