/**
 * @jest-environment jsdom
 */
/** The pane shows what changed since last period after building the Panel Summary. */
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "../../src/taskpane/App";
import { SENTENCE, fakeHost } from "./fake-host";

jest.setTimeout(30_000);

it("shows the counts of updated, not updated and new actions beside the sentence", async () => {
  const { host } = fakeHost({
    buildPanelSummary: () => Promise.resolve({ sheet: "Panel Summary", sentence: SENTENCE, updates: { since: "October 2018", updated: 1, notUpdated: 38, new: 1, notCompared: 0 } }),
  });
  const user = userEvent.setup();
  render(
    <FluentProvider theme={webLightTheme}>
      <App host={host} today={new Date(2018, 10, 30)} copyText={() => Promise.resolve(true)} />
    </FluentProvider>,
  );
  await user.click(screen.getByRole("button", { name: "Find tracker" }));
  await screen.findByText(/Found the tracker on “Delivery Plan”/);
  await user.click(screen.getByRole("button", { name: "Build panel summary" }));
  await screen.findByText(SENTENCE);
  expect(await screen.findByText("Since October 2018: 1 action updated, 38 with no new update, 1 new action.")).toBeTruthy();
});
