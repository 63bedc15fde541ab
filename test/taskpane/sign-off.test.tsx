/**
 * @jest-environment jsdom
 */
/**
 * "Sign off the period" in the pane, by keyboard: who signs is typed (never
 * prefilled), the rows it records are confirmed in the usual dialog, and only
 * then does the host sign off; without a name it says what to do and calls
 * nothing. The Period step and the dialog pass axe.
 */
import { screen, waitFor, within } from "@testing-library/react";
import axe from "axe-core";
import type userEvent from "@testing-library/user-event";
import { fakeHost, signOffChanges } from "./fake-host";
import { found, openedDialog } from "./pane";

jest.setTimeout(30_000);

/** The Period step opened from the keyboard (its heading's button: Enter toggles it). */
async function openPeriodStep(user: ReturnType<typeof userEvent.setup>) {
  const heading = screen.getByRole("button", { name: /^Period/ });
  if (heading.getAttribute("aria-expanded") !== "true") {
    heading.focus();
    await user.keyboard("{Enter}");
  }
  await waitFor(() => expect(heading.getAttribute("aria-expanded")).toBe("true"));
}

/** jsdom lays nothing out, so colour contrast is checked in Chromium (test/browser); the rest here. */
async function violations(node: Element): Promise<string[]> {
  const result = await axe.run(node, { rules: { "color-contrast": { enabled: false } } });
  return result.violations.map((v) => `${v.id}: ${v.help}`);
}

it("signs the period off by keyboard, after confirming the rows it records; the step and the dialog pass axe", async () => {
  const { host, calls } = fakeHost();
  const { user } = await found(host);
  await openPeriodStep(user);
  const name = screen.getByRole("textbox", { name: /Signed off by/ }) as HTMLInputElement;
  // Never a guessed name.
  expect(name.value).toBe("");
  name.focus();
  await user.keyboard("Jane Smith");
  // In jsdom, Fluent's focus manager sends a Tab inside a step to the page (app-tracker.test.tsx): the focus is put
  // on each control as Tab would reach it, and the keys do the rest.
  const button = screen.getByRole("button", { name: "Sign off the period…" });
  button.focus();
  expect(await violations(name.closest("form, section, [role='region']") ?? document.body)).toEqual([]);

  await user.keyboard("{Enter}");
  const dialog = await openedDialog("Sign off Q3 2018/19 as Jane Smith?");
  expect(calls.previewSignOff).toEqual([[expect.objectContaining({ period: "Q3 2018/19" }), "Jane Smith"]]);
  expect(within(dialog).getAllByRole("row").slice(1).map((r) => r.textContent)).toEqual(signOffChanges("Q3 2018/19", "Jane Smith").map((c) => `${c.cell}(empty)${c.after}`));
  expect(calls.signOff).toHaveLength(0);
  expect(await violations(dialog)).toEqual([]);

  within(dialog).getByRole("button", { name: "Sign off Q3 2018/19" }).focus();
  await user.keyboard("{Enter}");
  await screen.findByText(/^Signed off Q3 2018\/19 as Jane Smith: recorded 2 actions in “delivery-plan sign-off”/);
  expect(calls.signOff).toEqual([[expect.objectContaining({ period: "Q3 2018/19" }), "Jane Smith", signOffChanges("Q3 2018/19", "Jane Smith")]]);
  // The tracker is read again, so Check shows what is signed off from now on.
  expect(calls.readTracker).toHaveLength(2);
  // The focus goes back to the button that opened the dialog.
  await waitFor(() => expect(document.activeElement).toBe(screen.getByRole("button", { name: "Sign off the period…" })));
});

it("without a name, says what to type and asks the host nothing; Escape cancels the confirmation, writing nothing", async () => {
  const { host, calls } = fakeHost();
  const { user } = await found(host);
  await openPeriodStep(user);
  screen.getByRole("button", { name: "Sign off the period…" }).focus();
  await user.keyboard("{Enter}");
  await screen.findByText("Type the name of the person signing the period off in “Signed off by”, then sign it off.");
  expect(calls.previewSignOff).toHaveLength(0);

  screen.getByRole("textbox", { name: /Signed off by/ }).focus();
  await user.keyboard("Jane Smith");
  screen.getByRole("button", { name: "Sign off the period…" }).focus();
  await user.keyboard("{Enter}");
  await openedDialog("Sign off Q3 2018/19 as Jane Smith?");
  await user.keyboard("{Escape}");
  await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
  expect(calls.signOff).toHaveLength(0);
  expect(screen.getByRole("status").textContent).toBe("Cancelled: nothing was written.");
});
