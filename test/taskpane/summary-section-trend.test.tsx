/**
 * @jest-environment jsdom
 */
/**
 * The pane's trend (issue 27, scope 3): after the Panel Summary is built with two periods
 * kept or more, the Panel summary step shows progress over the periods as a small chart
 * (an SVG image named by every figure, each count written beside its point, a key of
 * patterns and markers), with its table a keystroke away; it passes axe. With one period,
 * no chart.
 */
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import axe from "axe-core";
import { App } from "../../src/taskpane/App";
import type { SummaryTrend, TaskpaneHost } from "../../src/shared/host";
import { SENTENCE, fakeHost } from "./fake-host";

jest.setTimeout(30_000);

const TREND: SummaryTrend = {
  title: "Progress over time: actions by status in each period kept, oldest first",
  periods: ["June 2021", "September 2021", "November 2021"],
  series: [
    { name: "Completed", colour: "#006100", dash: "solid", marker: "circle", counts: [33, 40, 45] },
    { name: "In progress", colour: "#1F3864", dash: "dash", marker: "square", counts: [64, 57, 52] },
    { name: "On hold", colour: "#5C3C00", dash: "round-dot", marker: "triangle", counts: [0, 0, 0] },
  ],
};

async function built(host: TaskpaneHost) {
  const user = userEvent.setup();
  const utils = render(
    <FluentProvider theme={webLightTheme}>
      <App host={host} today={new Date(2018, 10, 30)} copyText={() => Promise.resolve(true)} />
    </FluentProvider>,
  );
  await user.click(screen.getByRole("button", { name: "Find tracker" }));
  await screen.findByText(/Found the tracker on “Delivery Plan”/);
  await user.click(screen.getByRole("button", { name: "Build panel summary" }));
  await screen.findByText(SENTENCE);
  return { user, ...utils };
}

it("shows the trend as a chart stating its figures, the table a keystroke away, and passes axe", async () => {
  const { host } = fakeHost({ buildPanelSummary: () => Promise.resolve({ sheet: "Panel Summary", sentence: SENTENCE, trend: TREND }) });
  const { user } = await built(host);
  const figure = screen.getByRole("figure", { name: TREND.title });
  const image = within(figure).getByRole("img");
  // The image's name states every figure; its <title> says the same.
  expect(image.getAttribute("aria-label")).toBe(
    "Line chart of the actions in each period, June 2021 to November 2021. June 2021: 33 Completed, 64 In progress, 0 On hold. September 2021: 40 Completed, 57 In progress, 0 On hold. November 2021: 45 Completed, 52 In progress, 0 On hold.",
  );
  expect(image.querySelector("title")?.textContent).toBe(image.getAttribute("aria-label"));
  // Each count is written beside its point (colour is never alone), and each status has its own pattern and marker.
  const counts = [...image.querySelectorAll("text")].map((t) => t.textContent);
  for (const n of ["33", "40", "45", "64", "57", "52"]) expect(counts).toContain(n);
  const lines = [...image.querySelectorAll("polyline")];
  expect(lines.map((l) => l.getAttribute("stroke-dasharray"))).toEqual([null, "6 3", "1 3"]);
  expect(within(figure).getByRole("list", { name: "Key" }).textContent).toBe("CompletedIn progressOn hold");
  // No count label overlaps another at the same period (the zeros of On hold and the axis).
  const at = (x: string) => [...image.querySelectorAll(`text[x="${x}"]`)].map((t) => Number(t.getAttribute("y"))).sort((a, b) => a - b);
  for (const x of new Set([...image.querySelectorAll("text[font-weight='600']")].map((t) => t.getAttribute("x")!))) {
    const ys = at(x);
    ys.slice(1).forEach((y, i) => expect(y - ys[i]).toBeGreaterThanOrEqual(11));
  }

  // The table: Tab to "Show as table", Enter.
  expect(screen.queryByRole("table", { name: TREND.title })).toBeNull();
  const toggle = within(figure).getByRole("button", { name: "Show as table" });
  toggle.focus();
  await user.keyboard("{Enter}");
  expect(toggle.getAttribute("aria-expanded")).toBe("true");
  const table = screen.getByRole("table", { name: TREND.title });
  const rows = within(table).getAllByRole("row").map((r) => [...r.children].map((c) => c.textContent));
  expect(rows).toEqual([
    ["Period", "Completed", "In progress", "On hold"],
    ["June 2021", "33", "64", "0"],
    ["September 2021", "40", "57", "0"],
    ["November 2021", "45", "52", "0"],
  ]);
  expect(within(table).getAllByRole("rowheader").map((h) => h.textContent)).toEqual(TREND.periods);
  // jsdom lays nothing out, so colour contrast is checked in Chromium (test/browser); the rest here.
  const result = await axe.run(figure, { rules: { "color-contrast": { enabled: false } } });
  expect(result.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await user.click(screen.getByRole("button", { name: "Hide the table" }));
  expect(screen.queryByRole("table", { name: TREND.title })).toBeNull();
});

it("with one period kept, shows no chart", async () => {
  const one = { ...TREND, periods: ["November 2021"], series: TREND.series.map((s) => ({ ...s, counts: [s.counts[2]] })) };
  const { host } = fakeHost({ buildPanelSummary: () => Promise.resolve({ sheet: "Panel Summary", sentence: SENTENCE, trend: one }) });
  await built(host);
  expect(screen.queryByRole("figure")).toBeNull();
  expect(screen.queryByRole("button", { name: "Show as table" })).toBeNull();
});
