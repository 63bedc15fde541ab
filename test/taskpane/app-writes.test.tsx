/**
 * @jest-environment jsdom
 */
/** The task pane's components with a fake host, writes into the tracker only after a confirmation; periods, snapshots and the panel summary: what the officer sees, and that nothing is written unasked. */
import { screen, waitFor, within } from "@testing-library/react";
import { DIRECTIONS, RAG_CHANGES, SENTENCE, XSS, fakeHost } from "./fake-host";
import { found, openedDialog } from "./pane";
import { suggestPeriod } from "../../src/taskpane/wording";

jest.setTimeout(30_000);

describe("writing into the tracker needs a confirmation", () => {
  it("lists the RAG words to write and writes nothing on Cancel", async () => {
    const { host, calls } = fakeHost();
    const { user } = await found(host);
    expect(screen.getByText(/3 cells \(F12, F13 and F14\) show the RAG only as a fill colour/)).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Write RAG words…" }));
    const dialog = await openedDialog("Write the RAG word into 3 cells?");
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
    const dialog = await openedDialog("Write the RAG word into 3 cells?");
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
    expect(calls.previewDirections[0][0]).toMatchObject({ period: "Q3 2018/19", comparedWith: { kind: "snapshot", label: "October 2018" } });
    expect(calls.writeDirections).toHaveLength(0);
    await user.click(screen.getByRole("button", { name: "Write directions…" }));
    const dialog = await openedDialog("Write the direction of travel into 2 cells?");
    expect(within(dialog).getAllByRole("row")).toHaveLength(3);
    expect(calls.writeDirections).toHaveLength(0);
    await user.click(within(dialog).getByRole("button", { name: "Write 2 cells" }));
    await waitFor(() => expect(calls.writeDirections).toHaveLength(1));
    expect(calls.writeDirections[0][0]).toMatchObject({ comparedWith: { kind: "snapshot", label: "October 2018" } });
    expect(calls.writeDirections[0][1]).toEqual(DIRECTIONS.changes);
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
    expect(calls.buildPanelSummary[0]).toEqual([{ sheet: "Delivery Plan", overrides: undefined, period: "Q3 2018/19", comparedWith: { kind: "snapshot", label: "October 2018" } }]);
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
    expect(calls.takeSnapshot[0][0]).toMatchObject({ period: "November 2018" });
    await user.click(screen.getByRole("button", { name: "Build panel summary" }));
    await screen.findByText("Built the sheet “Panel Summary” for November 2018, compared with October 2018. The tracker was not changed.");
    expect(calls.buildPanelSummary[0][0]).toMatchObject({ period: "November 2018", comparedWith: { kind: "snapshot", label: "October 2018" } });
    await user.click(screen.getByRole("button", { name: "Go to “Panel Summary”" }));
    await waitFor(() => expect(calls.goToCell).toEqual([["Panel Summary", "A1"]]));
  });
});
