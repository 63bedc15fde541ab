/**
 * @jest-environment jsdom
 */
/** The pane's drop-down lists: Add and Remove in the Formatting section, and the offer after Fix spellings. */
import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "../../src/taskpane/App";
import type { TaskpaneHost, ValidationDone } from "../../src/shared/host";
import { XSS, fakeHost, trackerView } from "./fake-host";

jest.setTimeout(30_000);

function renderPane(host: TaskpaneHost) {
  const user = userEvent.setup();
  const utils = render(
    <FluentProvider theme={webLightTheme}>
      <App host={host} today={new Date(2018, 10, 30)} copyText={() => Promise.resolve(true)} />
    </FluentProvider>,
  );
  return { user, ...utils };
}

async function found(host: TaskpaneHost) {
  const pane = renderPane(host);
  await pane.user.click(screen.getByRole("button", { name: "Find tracker" }));
  await screen.findByText(/Found the tracker on “Delivery Plan”/);
  return pane;
}

const formatting = () => screen.getByRole("region", { name: "Formatting" });
/** A button of the confirmation dialog, once the dialog shows it (never queried right after it opens). */
const inDialog = (name: string) => waitFor(() => within(screen.getByRole("dialog")).getByRole("button", { name }));
const status = () => screen.getByRole("status");

describe("drop-down lists in the Formatting section", () => {
  it("offers Add drop-down lists beside Apply colours, and says where they went", async () => {
    const { host, calls } = fakeHost();
    const { user } = await found(host);
    const buttons = within(formatting())
      .getAllByRole("button")
      .map((b) => b.textContent);
    expect(buttons.slice(0, 5)).toEqual(["Formatting", "More", "Apply colours", "Add drop-down lists", "Remove the add-in’s colours"]);
    expect(buttons).toContain("Remove the add-in’s drop-down lists");
    expect(calls.addValidation).toHaveLength(0);
    await user.click(within(formatting()).getByRole("button", { name: "Add drop-down lists" }));
    await waitFor(() => expect(status().textContent).toBe("Added drop-down lists to F6:F49 (RAG and direction) on “Delivery Plan”. No cell value changed."));
    expect(calls.addValidation).toEqual([[{ sheet: "Delivery Plan", overrides: undefined, period: "Q3 2018/19", comparedWith: undefined }, { style: "warning" }]]);
    expect(calls.applyFormatting).toHaveLength(0);
  });

  it("asks for stop style only when the officer ticks Refuse any other word", async () => {
    const { host, calls } = fakeHost();
    const { user } = await found(host);
    const stop = within(formatting()).getByRole("checkbox", { name: /Refuse any other word/ });
    expect((stop as HTMLInputElement).checked).toBe(false);
    await user.click(stop);
    await user.click(within(formatting()).getByRole("button", { name: "Add drop-down lists" }));
    await waitFor(() => expect(calls.addValidation).toHaveLength(1));
    expect(calls.addValidation[0][1]).toEqual({ style: "stop" });
  });

  it("says which column was left alone for the user's own rule, as text", async () => {
    const kept: ValidationDone = {
      sheet: XSS,
      added: ["D6:D49 (RAG)"],
      replaced: 1,
      removed: [],
      kept: [{ cells: "C10:C12", message: `C10:C12 on "${XSS}" already have a data-validation rule the add-in did not write, so the Status column (C6:C49) was left as it is.` }],
      dropped: [],
    };
    const { host } = fakeHost({ addValidation: () => Promise.resolve(kept) });
    const { user, container } = await found(host);
    await user.click(within(formatting()).getByRole("button", { name: "Add drop-down lists" }));
    await waitFor(() =>
      expect(status().textContent).toBe(
        `Added drop-down lists to D6:D49 (RAG) on “${XSS}” (replacing the add-in’s 1 earlier list). No cell value changed. C10:C12 on "${XSS}" already have a data-validation rule the add-in did not write, so the Status column (C6:C49) was left as it is.`,
      ),
    );
    expect(container.querySelector("img")).toBeNull();
  });

  it("removes only the add-in's lists, and says so when there were none", async () => {
    const none: ValidationDone = { sheet: "Delivery Plan", added: [], replaced: 0, removed: [], kept: [], dropped: [] };
    let answer: ValidationDone | null = null;
    const { host, calls } = fakeHost({ removeValidation: (r) => (answer ? Promise.resolve(answer) : fakeHost().host.removeValidation(r)) });
    const { user } = await found(host);
    await user.click(within(formatting()).getByRole("button", { name: "Remove the add-in’s drop-down lists" }));
    await waitFor(() => expect(status().textContent).toBe("Removed the add-in’s drop-down lists from F6:F49 (RAG and direction) on “Delivery Plan”."));
    // None of ours is left: the button goes until lists are added again.
    expect(within(formatting()).queryByRole("button", { name: "Remove the add-in’s drop-down lists" })).toBeNull();
    // A pane that cannot tell (the fake host's view has no record) still offers it.
    cleanup();
    answer = none;
    const again = await found(host);
    await again.user.click(within(formatting()).getByRole("button", { name: "Remove the add-in’s drop-down lists" }));
    await waitFor(() => expect(status().textContent).toBe("“Delivery Plan” had no drop-down lists from the add-in to remove."));
    expect(calls.removeValidation).toHaveLength(2);
    expect(calls.removeFormatting).toHaveLength(0);
  });

  it("shows the host's refusal in the alert", async () => {
    const { host } = fakeHost({ addValidation: () => Promise.resolve({ ok: false, code: "no-delivery-column", message: 'The tracker on "Delivery Plan" has no Status, RAG or Direction of travel column to add a drop-down list to. Check the column mapping.' }) });
    const { user } = await found(host);
    await user.click(within(formatting()).getByRole("button", { name: "Add drop-down lists" }));
    const alert = screen.getByRole("alert");
    await waitFor(() => expect(alert.textContent).toMatch(/no Status, RAG or Direction of travel column to add a drop-down list to/));
  });
});

describe("fix, then lock", () => {
  it("after Fix spellings is confirmed, offers to add the lists; Add drop-down lists now adds them", async () => {
    const { host, calls } = fakeHost({ readTracker: () => Promise.resolve(trackerView({ spellings: 2 })) });
    const { user } = await found(host);
    expect(screen.queryByText("Stop these spellings coming back")).toBeNull();
    await user.click(screen.getByRole("button", { name: "Fix spellings… (2 cells)" }));
    const fix = await inDialog("Fix 2 cells");
    // Not offered while the fixes are only being reviewed.
    expect(screen.queryByText("Stop these spellings coming back")).toBeNull();
    await user.click(fix);
    await screen.findByText("Stop these spellings coming back");
    expect(calls.addValidation).toHaveLength(0);
    await user.click(screen.getByRole("button", { name: "Add drop-down lists now" }));
    await waitFor(() => expect(status().textContent).toMatch(/^Added drop-down lists to F6:F49/));
    expect(calls.addValidation).toHaveLength(1);
    expect(calls.addValidation[0][1]).toEqual({ style: "warning" });
    expect(screen.queryByText("Stop these spellings coming back")).toBeNull();
  });

  it("Not now puts the offer away and adds nothing; cancelling the fixes offers nothing", async () => {
    const { host, calls } = fakeHost({ readTracker: () => Promise.resolve(trackerView({ spellings: 2 })) });
    const { user } = await found(host);
    await user.click(screen.getByRole("button", { name: "Fix spellings… (2 cells)" }));
    await user.click(await inDialog("Cancel"));
    await waitFor(() => expect(status().textContent).toBe("Cancelled: nothing was written."));
    expect(screen.queryByText("Stop these spellings coming back")).toBeNull();
    await user.click(screen.getByRole("button", { name: "Fix spellings… (2 cells)" }));
    await user.click(await inDialog("Fix 2 cells"));
    await screen.findByText("Stop these spellings coming back");
    await user.click(screen.getByRole("button", { name: "Not now" }));
    await waitFor(() => expect(screen.queryByText("Stop these spellings coming back")).toBeNull());
    expect(calls.addValidation).toHaveLength(0);
  });

  it("does not offer the lists when the fixes failed", async () => {
    const { host } = fakeHost({
      readTracker: () => Promise.resolve(trackerView({ spellings: 2 })),
      writeSpellingFixes: () => Promise.resolve({ ok: false, code: "changed-since-preview", message: 'The sheet "Delivery Plan" changed since you reviewed the changes, so nothing was written. Review them again and confirm.' }),
    });
    const { user } = await found(host);
    await user.click(screen.getByRole("button", { name: "Fix spellings… (2 cells)" }));
    await user.click(await inDialog("Fix 2 cells"));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toMatch(/changed since you reviewed/));
    expect(screen.queryByText("Stop these spellings coming back")).toBeNull();
  });
});
