/**
 * @jest-environment jsdom
 */
/** The task pane with a fake host on a big tracker: a long confirmation paged a hundred cells at a time, and issue lists that say when they show only the first of a kind. */
import { screen, waitFor, within } from "@testing-library/react";
import { fakeHost, trackerView } from "./fake-host";
import { found, openedDialog } from "./pane";

jest.setTimeout(30_000);

describe("a big tracker", () => {
  it("pages a long list of changes a hundred at a time, and confirms them all", async () => {
    const changes = Array.from({ length: 250 }, (_, i) => ({ cell: `E${i + 6}`, before: "Complete", after: "Completed" }));
    const { host, calls } = fakeHost({
      readTracker: () => Promise.resolve(trackerView({ spellings: 250 })),
      previewSpellingFixes: () => Promise.resolve({ sheet: "Delivery Plan", changes }),
    });
    const { user } = await found(host);
    await user.click(screen.getByRole("button", { name: "Fix spellings… (250 cells)" }));
    const dialog = await openedDialog("Fix the spelling in 250 cells?");
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
    const listed = Array.from({ length: 300 }, (_, i) => ({ severity: "warning" as const, code: "overdue" as const, sheet: "Delivery Plan", cell: `H${i + 6}`, message: `Action ${i + 1} is overdue.` }));
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
