/**
 * @jest-environment jsdom
 */
/** The task pane's components with a fake host: what the officer sees, and that nothing is written unasked. */
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "../../src/taskpane/App";
import type { TaskpaneHost } from "../../src/taskpane/host";
import { DIRECTIONS, RAG_CHANGES, SENTENCE, SPELLING_CHANGES, XSS, fakeHost, trackerView } from "./fake-host";
import { suggestPeriod } from "../../src/taskpane/words";

/** The day the pane is opened in these tests: its suggested period is "Q3 2018/19". */
const TODAY = new Date(2018, 10, 30);

jest.setTimeout(30_000);

function renderPane(host: TaskpaneHost, copied: string[] = []) {
  const user = userEvent.setup();
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

async function found(host: TaskpaneHost, copied: string[] = []) {
  const pane = renderPane(host, copied);
  await pane.user.click(screen.getByRole("button", { name: "Find tracker" }));
  await screen.findByText(/Found the tracker on “Delivery Plan”/);
  return pane;
}

describe("finding the tracker", () => {
  it("shows the sheet, header row, actions and counts with words, glyphs and swatches", async () => {
    const { host, calls } = fakeHost();
    await found(host);
    expect(calls.readTracker).toEqual([[{ period: "Q3 2018/19", previousPeriod: undefined }]]);
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
    expect(screen.getByText(`Action T1 has no action text: ${XSS}`)).toBeTruthy();
    expect(screen.getAllByRole("option", { name: `G · ${XSS}` }).length).toBeGreaterThan(0);
  });

  it("gives a plain message and lets the user choose the sheet when the active one has no tracker", async () => {
    const { host, calls } = fakeHost({
      readTracker: (request) =>
        Promise.resolve(
          request.sheet
            ? trackerView({ sheet: request.sheet })
            : { error: 'No tracker table found in sheet "Notes": no row has headers such as Ref, Action, Status or RAG.', sheets: ["Notes", "Delivery Plan"] },
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

describe("check", () => {
  it("counts the issues by kind, and filters by severity or kind", async () => {
    const { host } = fakeHost();
    const { user } = await found(host);
    const check = screen.getByRole("region", { name: "Check" });
    const kinds = within(check).getByRole("table", { name: "Issues by kind" });
    const rows = within(kinds).getAllByRole("row").slice(1);
    expect(rows.map((r) => r.textContent)).toEqual(["✕Error Missing action text1", "⚠Warning RAG shown only by colour1", "ℹNote Timeframe not understood1"]);
    await user.selectOptions(within(check).getByRole("combobox", { name: "Show" }), "kind:rag-from-fill");
    expect(within(check).getAllByRole("listitem").map((li) => li.textContent)).toEqual([expect.stringMatching(/^⚠Warningcell F12/)]);
    await user.selectOptions(within(check).getByRole("combobox", { name: "Show" }), "severity:error");
    expect(within(check).getAllByRole("listitem").map((li) => li.textContent)).toEqual([expect.stringMatching(/^✕Errorcell B40/)]);
  });

  it("fixes spellings only after showing each cell from what to what, and can undo them", async () => {
    const { host, calls } = fakeHost({ readTracker: () => Promise.resolve(trackerView({ spellings: 2 })) });
    const { user } = await found(host);
    await user.click(screen.getByRole("button", { name: "Fix spellings… (2 cells)" }));
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByText("Fix the spelling in 2 cells?")).toBeTruthy();
    expect(within(dialog).getAllByRole("row").slice(1).map((r) => r.textContent)).toEqual(["E7CompleteCompleted", "E9on-goingIn progress"]);
    expect(calls.writeSpellingFixes).toHaveLength(0);
    await user.click(within(dialog).getByRole("button", { name: "Fix 2 cells" }));
    await screen.findByText("Fixed the spelling in 2 cells on “Delivery Plan”: E7 and E9.");
    expect(calls.writeSpellingFixes[0][1]).toEqual(SPELLING_CHANGES);
    await user.click(screen.getByRole("button", { name: "Undo the spelling fixes" }));
    await screen.findByText("Undid the spelling fixes: E7 and E9 on “Delivery Plan” say again what they said before.");
    expect(calls.undoWrite).toHaveLength(1);
    expect((calls.undoWrite[0][0] as { cells: { cell: string; before: unknown }[] }).cells.map((c) => [c.cell, c.before])).toEqual([
      ["E7", "Complete"],
      ["E9", "on-going"],
    ]);
    expect(screen.queryByRole("button", { name: /^Undo/ })).toBeNull();
  });

  it("hides the offer when every misspelt cell holds a formula", async () => {
    const { host } = fakeHost({
      readTracker: () => Promise.resolve(trackerView({ spellings: 2 })),
      previewSpellingFixes: () => Promise.resolve({ sheet: "Delivery Plan", changes: [] }),
    });
    const { user } = await found(host);
    await user.click(screen.getByRole("button", { name: "Fix spellings… (2 cells)" }));
    await screen.findByText(/nothing to fix/);
    expect(screen.queryByRole("button", { name: /Fix spellings/ })).toBeNull();
  });

  it("lets the officer keep a confirmed write, dismissing its undo", async () => {
    const { host, calls } = fakeHost({ readTracker: () => Promise.resolve(trackerView({ spellings: 2 })) });
    const { user } = await found(host);
    await user.click(screen.getByRole("button", { name: "Fix spellings… (2 cells)" }));
    await user.click(within(await screen.findByRole("dialog")).getByRole("button", { name: "Fix 2 cells" }));
    await screen.findByRole("button", { name: "Undo the spelling fixes" });
    await user.click(screen.getByRole("button", { name: "Keep them" }));
    expect(screen.queryByRole("button", { name: "Undo the spelling fixes" })).toBeNull();
    expect(calls.undoWrite).toHaveLength(0);
  });
});

describe("a big tracker", () => {
  it("pages a long list of changes a hundred at a time, and confirms them all", async () => {
    const changes = Array.from({ length: 250 }, (_, i) => ({ cell: `E${i + 6}`, before: "Complete", after: "Completed" }));
    const { host, calls } = fakeHost({
      readTracker: () => Promise.resolve(trackerView({ spellings: 250 })),
      previewSpellingFixes: () => Promise.resolve({ sheet: "Delivery Plan", changes }),
    });
    const { user } = await found(host);
    await user.click(screen.getByRole("button", { name: "Fix spellings… (250 cells)" }));
    const dialog = await screen.findByRole("dialog");
    const cells = () => within(dialog).getAllByRole("row").slice(1).map((r) => r.firstChild?.textContent);
    expect(cells()).toHaveLength(100);
    expect(cells()[0]).toBe("E6");
    expect(within(dialog).getByText("Cells 1–100 of 250")).toBeTruthy();
    expect(within(dialog).getByRole("button", { name: "Previous 100" }).getAttribute("aria-disabled")).toBe("true");
    await user.click(within(dialog).getByRole("button", { name: "Next 100" }));
    await user.click(within(dialog).getByRole("button", { name: "Next 100" }));
    expect(within(dialog).getByText("Cells 201–250 of 250")).toBeTruthy();
    expect(cells()).toEqual(changes.slice(200).map((c) => c.cell));
    await user.click(within(dialog).getByRole("button", { name: "Fix 250 cells" }));
    await waitFor(() => expect(calls.writeSpellingFixes).toHaveLength(1));
    expect(calls.writeSpellingFixes[0][1]).toEqual(changes);
  });

  it("counts every issue and says when it lists only the first of a kind", async () => {
    const listed = Array.from({ length: 300 }, (_, i) => ({ severity: "warning" as const, code: "overdue", sheet: "Delivery Plan", cell: `H${i + 6}`, message: `Action ${i + 1} is overdue.` }));
    const view = trackerView({
      issues: listed,
      issueTotals: { total: 4_321, bySeverity: { error: 0, warning: 4_321, info: 0 }, byKind: { overdue: { severity: "warning", count: 4_321 } } },
    });
    const { host } = fakeHost({ readTracker: () => Promise.resolve(view) });
    const { user } = await found(host);
    const check = screen.getByRole("region", { name: "Check" });
    expect(within(check).getByText("4,321 warnings.")).toBeTruthy();
    expect(within(check).getByRole("table", { name: "Issues by kind" }).textContent).toContain("Overdue4,321");
    expect(within(check).getByText(/lists the first 300 of these 4,321 issues/)).toBeTruthy();
    expect(within(check).getAllByRole("listitem")).toHaveLength(10);
    await user.click(within(check).getByRole("button", { name: "Show 100 more" }));
    expect(within(check).getAllByRole("listitem")).toHaveLength(110);
  });
});

describe("issues", () => {
  it("shows severity as a word with a glyph, the cell, and a Go to cell button", async () => {
    const { host, calls } = fakeHost();
    const { user } = await found(host);
    const issues = screen.getByRole("region", { name: "Check" });
    expect(within(issues).getByText(/1 error, 1 warning, 1 note/)).toBeTruthy();
    const items = within(issues).getAllByRole("listitem");
    expect(items[0].textContent).toMatch(/^✕Errorcell B40/);
    expect(items[1].textContent).toMatch(/^⚠Warningcell F12/);
    expect(items[2].textContent).toMatch(/^ℹNotewhole sheet/);
    expect(within(items[2]).queryByRole("button")).toBeNull();
    await user.click(within(items[1]).getByRole("button", { name: "Go to cell F12 on Delivery Plan" }));
    await waitFor(() => expect(calls.goToCell).toEqual([["Delivery Plan", "F12"]]));
    await screen.findByText("Selected cell F12 on “Delivery Plan”.");
  });

  it("shows the first ten, then all on request", async () => {
    const many = Array.from({ length: 14 }, (_, i) => ({ severity: "warning" as const, code: "no-update", sheet: "Delivery Plan", cell: `H${i + 6}`, message: `Issue ${i + 1}` }));
    const { host } = fakeHost({ readTracker: () => Promise.resolve(trackerView({ issues: many })) });
    const { user } = await found(host);
    const issues = screen.getByRole("region", { name: "Check" });
    expect(within(issues).getAllByRole("listitem")).toHaveLength(10);
    await user.click(within(issues).getByRole("button", { name: "Show all 14 issues" }));
    expect(within(issues).getAllByRole("listitem")).toHaveLength(14);
  });
});

describe("writing into the tracker needs a confirmation", () => {
  it("lists the RAG words to write and writes nothing on Cancel", async () => {
    const { host, calls } = fakeHost();
    const { user } = await found(host);
    expect(screen.getByText(/3 cells \(F12, F13 and F14\) show the RAG only as a fill colour/)).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Write RAG words…" }));
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByText("Write the RAG word into 3 cells?")).toBeTruthy();
    const rows = within(dialog).getAllByRole("row").slice(1);
    expect(rows.map((r) => r.textContent)).toEqual(["F12↑Amber ↑", "F13↔Green ↔", `F14${XSS}Red ${XSS}`]);
    expect(document.querySelector("img")).toBeNull();
    expect(calls.writeRagLabels).toHaveLength(0);
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(calls.writeRagLabels).toHaveLength(0);
    expect(screen.getByRole("status").textContent).toBe("Cancelled: nothing was written.");
  });

  it("writes exactly the confirmed cells, then reads the tracker again", async () => {
    const { host, calls } = fakeHost();
    const { user } = await found(host);
    await user.click(screen.getByRole("button", { name: "Write RAG words…" }));
    const dialog = await screen.findByRole("dialog");
    await user.click(within(dialog).getByRole("button", { name: "Write 3 cells" }));
    await screen.findByText("Wrote the RAG word into 3 cells on “Delivery Plan”: F12, F13 and F14.");
    expect(calls.writeRagLabels).toHaveLength(1);
    expect(calls.writeRagLabels[0][1]).toEqual(RAG_CHANGES);
    expect(calls.readTracker).toHaveLength(2);
  });

  it("previews directions against the chosen period and writes them only after confirming", async () => {
    const { host, calls } = fakeHost();
    const { user } = await found(host);
    const compare = screen.getByRole("combobox", { name: "Compare with (previous period)" }) as HTMLSelectElement;
    expect(compare.value).toBe("October 2018");
    await user.click(screen.getByRole("button", { name: "Preview directions of travel" }));
    await screen.findByRole("table", { name: "Since October 2018" });
    expect(calls.previewDirections[0][1]).toBe("October 2018");
    expect(calls.writeDirections).toHaveLength(0);
    await user.click(screen.getByRole("button", { name: "Write directions…" }));
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getAllByRole("row")).toHaveLength(3);
    expect(calls.writeDirections).toHaveLength(0);
    await user.click(within(dialog).getByRole("button", { name: "Write 2 cells" }));
    await waitFor(() => expect(calls.writeDirections).toHaveLength(1));
    expect(calls.writeDirections[0].slice(1)).toEqual(["October 2018", DIRECTIONS.changes]);
  });
});

describe("periods and the panel summary", () => {
  it("suggests this quarter of the financial year as the period", () => {
    expect(suggestPeriod(new Date(2021, 10, 23))).toBe("Q3 2021/22");
    expect(suggestPeriod(new Date(2022, 2, 31))).toBe("Q4 2021/22");
    expect(suggestPeriod(new Date(2022, 3, 1))).toBe("Q1 2022/23");
    expect(suggestPeriod(new Date(2099, 8, 30))).toBe("Q2 2099/00");
  });

  it("builds the summary, shows its headline sentence and copies it", async () => {
    const { host, calls } = fakeHost();
    const copied: string[] = [];
    const { user } = await found(host, copied);
    expect((screen.getByRole("textbox", { name: /This period/ }) as HTMLInputElement).value).toBe("Q3 2018/19");
    await user.click(screen.getByRole("button", { name: "Build panel summary" }));
    await screen.findByText(SENTENCE);
    expect(calls.buildPanelSummary[0][1]).toEqual({ period: "Q3 2018/19", previousPeriod: "October 2018" });
    await user.click(screen.getByRole("button", { name: "Copy sentence" }));
    expect(copied).toEqual([SENTENCE]);
    await screen.findByText("Copied the sentence. Paste it into the Panel report.");
  });

  it("asks for a period label before a snapshot or a summary, naming the field", async () => {
    const { host, calls } = fakeHost();
    const { user } = await found(host);
    await user.clear(screen.getByRole("textbox", { name: /This period/ }));
    await user.click(screen.getByRole("button", { name: "Take snapshot" }));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toMatch(/Type this period’s label in “This period”/));
    await user.click(screen.getByRole("button", { name: "Build panel summary" }));
    expect(calls.takeSnapshot).toHaveLength(0);
    expect(calls.buildPanelSummary).toHaveLength(0);
    const label = screen.getByRole("textbox", { name: /This period/ });
    expect(label.getAttribute("aria-invalid")).toBe("true");
    await user.type(label, "November 2018");
    await user.click(screen.getByRole("button", { name: "Take snapshot" }));
    await screen.findByText(/Recorded 40 actions as at November 2018/);
    expect(calls.takeSnapshot[0][1]).toBe("November 2018");
    await user.click(screen.getByRole("button", { name: "Build panel summary" }));
    await screen.findByText("Built the sheet “Panel Summary” for November 2018, compared with October 2018. The tracker was not changed.");
    expect(calls.buildPanelSummary[0][1]).toEqual({ period: "November 2018", previousPeriod: "October 2018" });
    await user.click(screen.getByRole("button", { name: "Go to “Panel Summary”" }));
    await waitFor(() => expect(calls.goToCell).toEqual([["Panel Summary", "A1"]]));
  });
});

describe("keyboard", () => {
  it("reaches Find tracker with Tab and activates it with Enter, then Space on Apply colours", async () => {
    const { host, calls } = fakeHost();
    const { user } = renderPane(host);
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Find tracker" }));
    await user.keyboard("{Enter}");
    await screen.findByText(/Found the tracker/);
    screen.getByRole("button", { name: "Apply colours" }).focus();
    await user.keyboard(" ");
    await waitFor(() => expect(calls.applyFormatting).toHaveLength(1));
    await screen.findByText(/Coloured F6:F49 \(RAG\) on “Delivery Plan” with 5 rules/);
  });
});
