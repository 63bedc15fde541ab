/**
 * @jest-environment jsdom
 */
/**
 * This period defaults to the tracker's own (its title's, as the CLI reads it), not today's quarter; a period more
 * than a quarter from today is warned of, as the CLI warns of --as-of; a label the officer typed is kept.
 */
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "../../src/taskpane/App";
import type { TaskpaneHost } from "../../src/shared/host";
import { periodFarWarning } from "../../src/taskpane/components/PeriodSection";
import { fakeHost, trackerView } from "./fake-host";

jest.setTimeout(30_000);

const TODAY = new Date(Date.UTC(2026, 11, 7));

async function found(host: TaskpaneHost) {
  const user = userEvent.setup();
  render(
    <FluentProvider theme={webLightTheme}>
      <App host={host} today={TODAY} copyText={() => Promise.resolve(true)} copyRich={() => Promise.resolve(true)} />
    </FluentProvider>,
  );
  await user.click(screen.getByRole("button", { name: "Find tracker" }));
  await screen.findByText(/Found the tracker on “Delivery Plan”/);
  return user;
}

it("takes the tracker's own period, warns that it is far from today, and makes the paper for it", async () => {
  const { host, calls } = fakeHost({ readTracker: () => Promise.resolve(trackerView({ ownPeriod: "November 2018" })) });
  const user = await found(host);
  const period = screen.getByRole("textbox", { name: /^This period/ }) as HTMLInputElement;
  expect(period.value).toBe("November 2018");
  await screen.findByText("November 2018 ended on 30 November 2018, more than a quarter before today: the panel paper gives its position as at that date. Change the period if you report on a later one.");
  await user.click(screen.getByRole("button", { name: "Copy for Word" }));
  await waitFor(() => expect(calls.panelPaper).toHaveLength(1));
  expect(calls.panelPaper[0][0]).toMatchObject({ period: "November 2018" });
});

it("keeps the period the officer typed when the tracker is read again, and drops the warning for a recent one", async () => {
  const { host, calls } = fakeHost({ readTracker: () => Promise.resolve(trackerView({ ownPeriod: "November 2018" })) });
  const user = await found(host);
  const period = screen.getByRole("textbox", { name: /^This period/ }) as HTMLInputElement;
  // Selected and replaced by a paste (typing key by key re-renders the whole pane in jsdom).
  period.setSelectionRange(0, period.value.length);
  await user.click(period);
  period.setSelectionRange(0, period.value.length);
  await user.paste("Q3 2026/27");
  expect(screen.queryByText(/more than a quarter/)).toBeNull();
  const reads = calls.readTracker.length;
  await user.click(screen.getByRole("button", { name: "Read again" }));
  await waitFor(() => expect(calls.readTracker.length).toBe(reads + 1));
  await screen.findByText(/Found the tracker on “Delivery Plan”/);
  expect(period.value).toBe("Q3 2026/27");
});

it("warns only beyond a quarter, either way, and not for a label that names no date", () => {
  expect(periodFarWarning("September 2026", TODAY)).toBeNull();
  expect(periodFarWarning("August 2026", TODAY)).toMatch(/^August 2026 ended on 31 August 2026, more than a quarter before today/);
  expect(periodFarWarning("June 2027", TODAY)).toMatch(/more than a quarter after today/);
  expect(periodFarWarning("This quarter", TODAY)).toBeNull();
});
