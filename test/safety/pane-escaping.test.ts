/**
 * @jest-environment jsdom
 */
/**
 * Cell text shown in the task pane is text, end to end: the real Office host
 * (createExcelHost on Microsoft's own Excel client, excel-web-16.00.js, over
 * the wire host on the Excel double) reads a tracker whose sheet name,
 * header, theme, lead and status cells hold markup, and the pane shows every
 * one of them literally — no element, no attribute, no script from a cell.
 */
import { createElement } from "react";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "../../src/taskpane/App";
import { createExcelHost } from "../../src/excel/host";
import type { TaskpaneHost } from "../../src/shared/host";
import { ExcelDouble } from "../double/excel-double";

// ExcelJS does not load under jsdom: the tracker is given as a grid (as test/safety/hostile-workbook.ts lays it out).
const XSS = "<img src=x onerror=alert(1)>";
const SCRIPT = "<script>window.__pwned = true</script>";
const ROWS = [
  ["Delivery plan with hostile cells", null, null, null, null, null, null, null, null, null, null],
  ["Ref", "Theme", "Action", "Lead", "Status", "RAG", "Update", "Timeframe", "Count", XSS, SCRIPT],
  ["=1+1", '=HYPERLINK("http://example.com/x","click")', "+44 helpline for victims", "@SUM(A1:A2)", "In progress", "Red", "-1 officer short", null, null, null, null],
  ["+2", "=cmd|' /C calc'!A0", "-5", "=1+2", "Completed", "Amber", "+ tab first", null, null, null, null],
  ["@3", "-Theme with a minus", "=rich text", "-", "On hold", "Red", { error: "#N/A" }, true, false, null, null],
  ["A4", XSS, XSS, `<b>${XSS}</b>`, "Not yet started", "Red", SCRIPT, "March 2020", 42, null, null],
  ["A5", "Plain theme", "=SUM(1,2) looks like a sum", "NP", "In progress", "Red", null, 3.25, -7, null, null],
  ["A6", "Plain theme", "=tab then CR", "+NP", XSS, "Green", "@mention the lead", "Ongoing", 0, null, null],
];

jest.setTimeout(60_000);

let uninstall: () => void = () => undefined;
afterEach(() => uninstall());

async function pane() {
  // The tracker's sheet takes a name with markup too (Excel allows "<" and ">" in sheet names).
  const x = ExcelDouble.fromGrids([{ name: XSS, firstRow: 1, firstColumn: 1, values: ROWS, merges: [] }]);
  uninstall = x.installMicrosoftClient();
  const real = createExcelHost({ requirements: { isSetSupported: () => true }, now: () => new Date(Date.UTC(2022, 0, 15)), watch: false });
  // The read is real work (the engine on the double's workbook): the test waits for it to end, as the
  // officer waits for the pane's status, however long a busy machine takes; then for the pane to show it.
  const reads: Promise<unknown>[] = [];
  const host: TaskpaneHost = {
    ...real,
    readTracker: (request) => {
      const read = real.readTracker(request);
      reads.push(read);
      return read;
    },
  };
  const user = userEvent.setup({ delay: null });
  const utils = render(createElement(FluentProvider, { theme: webLightTheme }, createElement(App, { host })));
  await user.click(screen.getByRole("button", { name: "Find tracker" }));
  await Promise.all(reads);
  // The read went through Microsoft's client: its requests reached the wire host.
  expect(x.wire.commandSyncs.length).toBeGreaterThan(0);
  await screen.findByText(`Found the tracker on “${XSS}”`, { exact: false });
  return { user, ...utils };
}

function expectNoMarkupFromCells(container: HTMLElement) {
  expect(container.querySelectorAll("img, script").length).toBe(0);
  expect(document.querySelectorAll("img, script").length).toBe(0);
  expect(document.querySelectorAll("[onerror]").length).toBe(0);
  expect((window as unknown as { __pwned?: boolean }).__pwned).toBeUndefined();
}

describe("the task pane on a tracker with markup in its cells (real host, Excel double)", () => {
  it("shows the sheet name, the issues and the cells' words literally", async () => {
    const { container } = await pane();
    expectNoMarkupFromCells(container);
    expect(screen.getByRole("status").textContent).toContain(`Found the tracker on “${XSS}”`);
    // E8's status is the markup: the issue quotes it, as text.
    const unknown = screen
      .getAllByRole("listitem")
      .find((li) => li.textContent?.includes(`E8 says "${XSS}"`));
    expect(unknown).toBeTruthy();
    expect(within(unknown!).getByRole("button", { name: `Go to cell E8 on ${XSS}` })).toBeTruthy();
    expect(container.innerHTML).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });

  it("shows header cells with markup as plain options in the column mapping", async () => {
    const { container, user } = await pane();
    await user.click(screen.getByRole("button", { name: /Column mapping/ }));
    await waitFor(() => expect(screen.getAllByRole("option", { name: `J · ${XSS}` }).length).toBeGreaterThan(0));
    expect(screen.getAllByRole("option", { name: `K · ${SCRIPT}` }).length).toBeGreaterThan(0);
    expectNoMarkupFromCells(container);
  });
});
