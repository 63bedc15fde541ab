/** The task pane rendered with a fake host, and the waits a user makes in it: shared by the App's tests. */
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "../../src/taskpane/App";
import type { TaskpaneHost } from "../../src/shared/host";

/** The day the pane is opened in these tests: its suggested period is "Q3 2018/19". */
export const TODAY = new Date(2018, 10, 30);

export function renderPane(host: TaskpaneHost, copied: string[] = []) {
  // No pause between the keys and clicks of a user event: the pane is driven as fast as it renders.
  const user = userEvent.setup({ delay: null });
  const copyText = (text: string) => {
    copied.push(text);
    return Promise.resolve(true);
  };
  const utils = render(
    <FluentProvider theme={webLightTheme}>
      <App host={host} today={TODAY} copyText={copyText} />
    </FluentProvider>,
  );
  return { user, copied, ...utils };
}

/**
 * The confirmation dialog as a user meets it: open, readable (nothing around it aria-hidden) and
 * holding the focus. Fluent opens a dialog over a few steps (the surface, then the focus, then
 * tabster's modal state), so a query straight after it appears can see a half-open dialog.
 */
export async function openedDialog(title: string | RegExp): Promise<HTMLElement> {
  return waitFor(() => {
    const dialog = screen.getByRole("dialog", { name: title });
    expect(dialog.closest('[aria-hidden="true"]')).toBeNull();
    expect(dialog.contains(document.activeElement)).toBe(true);
    return dialog;
  });
}

export async function found(host: TaskpaneHost, copied: string[] = []) {
  const pane = renderPane(host, copied);
  await pane.user.click(screen.getByRole("button", { name: "Find tracker" }));
  await screen.findByText(/Found the tracker on “Delivery Plan”/);
  return pane;
}
