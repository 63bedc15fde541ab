/**
 * @jest-environment jsdom
 */
/** The task pane's components with a fake host, finding the tracker, its column mapping, and the keyboard path to the first command: what the officer sees, and that nothing is written unasked. */
import { screen, waitFor, within } from "@testing-library/react";
import { XSS, fakeHost, trackerView } from "./fake-host";
import { found, renderPane } from "./pane";

jest.setTimeout(30_000);

describe("finding the tracker", () => {
  it("shows the sheet, header row, actions and counts with words, glyphs and swatches", async () => {
    const { host, calls } = fakeHost();
    await found(host);
    expect(calls.readTracker).toEqual([[{ period: "Q3 2018/19", comparedWith: undefined }]]);
    expect(screen.getByText("Header row").nextSibling?.textContent).toBe("5");
    const rag = screen.getByRole("table", { name: "RAG" });
    expect(within(rag).getByRole("rowheader", { name: /Amber/ })).toBeTruthy();
    expect(within(rag).queryByRole("rowheader", { name: /Blue/ })).toBeNull();
    const direction = screen.getByRole("table", { name: "Direction of travel" });
    expect(within(direction).getByRole("rowheader", { name: /Improved/ }).textContent).toBe("↑Improved");
    expect(screen.getByText(/References are read from the start of the action text/)).toBeTruthy();
    // Status is not set for any action here: said in words, not a table of one line.
    expect(screen.queryByRole("table", { name: "Status" })).toBeNull();
    expect(screen.getByText("Status: not set for 40 actions.")).toBeTruthy();
    expect(screen.getByRole("status").textContent).toMatch(/header on row 5, 40 actions, 3 issues/);
  });

  it("renders tracker text as text: no markup from a cell ever reaches the page", async () => {
    const { host } = fakeHost();
    const { container, user } = await found(host);
    await user.click(screen.getByRole("button", { name: /Column mapping/ }));
    expect(container.querySelector("img")).toBeNull();
    expect(document.querySelector("img")).toBeNull();
    expect(screen.getByText(`Reference T1 is used again in B40: ${XSS}`)).toBeTruthy();
    expect(screen.getAllByRole("option", { name: `G · ${XSS}` }).length).toBeGreaterThan(0);
  });

  it("gives a plain message and lets the user choose the sheet when the active one has no tracker", async () => {
    const { host, calls } = fakeHost({
      readTracker: (request) =>
        Promise.resolve(
          request.sheet
            ? trackerView({ sheet: request.sheet })
            : { ok: false, code: "no-tracker", message: 'No tracker table found in sheet "Notes": no row has headers such as Ref, Action, Status or RAG.', sheets: ["Notes", "Delivery Plan"] },
        ),
    });
    const { user } = renderPane(host);
    await user.click(screen.getByRole("button", { name: "Find tracker" }));
    const alert = await screen.findByRole("alert");
    await waitFor(() => expect(alert.textContent).toMatch(/No tracker table found in sheet "Notes"/));
    await user.selectOptions(screen.getByRole("combobox", { name: "Tracker sheet" }), "Delivery Plan");
    await user.click(screen.getByRole("button", { name: "Read this sheet" }));
    await screen.findByText(/Found the tracker on “Delivery Plan”/);
    expect(calls.readTracker[1][0]).toMatchObject({ sheet: "Delivery Plan" });
    expect(screen.getByRole("alert").textContent).toBe("");
  });

  it("shows a warning about the read itself (more than 512 merged areas) in plain words", async () => {
    const warning = "This sheet has more than 512 merged areas; merged cells were not read, so sub-activity rows may count as separate actions.";
    const { host } = fakeHost({ readTracker: () => Promise.resolve(trackerView({ warnings: [warning] })) });
    await found(host);
    expect(screen.getByText(warning)).toBeTruthy();
    // Without one, no warning bar.
    const plain = fakeHost();
    const again = renderPane(plain.host);
    await again.user.click(within(again.container).getByRole("button", { name: "Find tracker" }));
    await waitFor(() => expect(within(again.container).getByText("Header row")).toBeTruthy());
    expect(within(again.container).queryByText(/merged areas/)).toBeNull();
  });

  it("turns a host that throws into a plain message, never a stack trace", async () => {
    const { host } = fakeHost({
      readTracker: () => {
        const err = new Error("Wait until the previous call completes.");
        err.stack = "Error: Wait\n    at Object.<anonymous> (host.ts:1:1)";
        return Promise.reject(err);
      },
    });
    const { user } = renderPane(host);
    await user.click(screen.getByRole("button", { name: "Find tracker" }));
    const alert = await screen.findByRole("alert");
    await waitFor(() => expect(alert.textContent).toMatch(/Something went wrong: Wait until the previous call completes\. Try again/));
    expect(alert.textContent).not.toMatch(/at Object|host\.ts/);
  });
});

describe("the column mapping", () => {
  it("sends the corrected column for a field and reads again", async () => {
    const { host, calls } = fakeHost();
    const { user } = await found(host);
    await user.click(screen.getByRole("button", { name: /Column mapping \(3 of 6 fields found\)/ }));
    const apply = screen.getByRole("button", { name: "Read again with this mapping" });
    expect(apply.getAttribute("aria-disabled")).toBe("true");
    await user.selectOptions(screen.getByRole("combobox", { name: "Status" }), "F");
    await user.selectOptions(screen.getByRole("combobox", { name: "Action" }), "");
    await user.click(apply);
    await waitFor(() => expect(calls.readTracker).toHaveLength(2));
    expect(calls.readTracker[1][0]).toMatchObject({ sheet: "Delivery Plan", overrides: { status: "F", action: null } });
  });
});

describe("keyboard", () => {
  it("reaches the Tracker step with Tab, activates Find tracker with Enter, then Space on Apply colours", async () => {
    const { host, calls } = fakeHost();
    const { user } = renderPane(host);
    // The first Tab reaches the Tracker step's heading (the button that folds it). The Tab after it,
    // to Find tracker, is checked in Chromium (test/browser/taskpane.test.ts): in jsdom, Fluent's
    // focus manager sends that Tab to the page.
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Tracker", exact: true } as never));
    screen.getByRole("button", { name: "Find tracker" }).focus();
    await user.keyboard("{Enter}");
    await screen.findByText(/Found the tracker/);
    screen.getByRole("button", { name: "Apply colours" }).focus();
    await user.keyboard(" ");
    await waitFor(() => expect(calls.applyFormatting).toHaveLength(1));
    await screen.findByText(/Coloured F6:F49 \(RAG\) on “Delivery Plan” with 5 rules/);
  });
});
