/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
/**
 * The Formatting step offers Remove the add-in's colours / drop-down lists only when there is something of
 * the add-in's to remove (issue 24): the real Office host (createExcelHost on Microsoft's own Excel client, over
 * the wire host on the Excel double) on the Cambridgeshire sample. What the add-in put on the tracker is
 * recorded in the workbook, so a later pane on the same workbook still offers Remove.
 *
 * (The node export conditions let ExcelJS read the sample under jsdom.)
 */
import { createElement } from "react";
import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "../../src/taskpane/App";
import { createExcelHost } from "../../src/excel/host";
import { TRACKER_SETTING } from "../../src/excel/settings";
import type { TaskpaneHost } from "../../src/shared/host";
import { readWorkbookGrids } from "../../src/xlsx";
import { ExcelDouble } from "../double/excel-double";
import { CAMBS } from "../support/factories";
import { TODAY } from "./pane";

jest.setTimeout(90_000);

let uninstall: () => void = () => undefined;
afterEach(() => {
  cleanup();
  uninstall();
});

/** A pane on the double's workbook (a new session each time: only the workbook carries over), with the tracker found. */
async function paneOn(x: ExcelDouble) {
  uninstall();
  uninstall = x.installMicrosoftClient();
  const host = createExcelHost({ requirements: { isSetSupported: () => true }, now: () => new Date(Date.UTC(2018, 10, 30)), watch: false });
  const user = userEvent.setup({ delay: null });
  render(createElement(FluentProvider, { theme: webLightTheme }, createElement(App, { host: host as TaskpaneHost, today: TODAY })));
  await user.click(screen.getByRole("button", { name: "Find tracker" }));
  await said(/Found the tracker on “Delivery Plan”/);
  return user;
}

async function said(text: RegExp) {
  await waitFor(() => expect(screen.getByRole("status").textContent).toMatch(text), { timeout: 60_000 });
}

const formatting = () => screen.getByRole("region", { name: "Formatting" });
const removeColours = () => within(formatting()).queryByRole("button", { name: "Remove the add-in’s colours" });
const removeLists = () => within(formatting()).queryByRole("button", { name: "Remove the add-in’s drop-down lists" });
const button = (name: string) => within(formatting()).getByRole("button", { name });

describe("Remove is offered only when the add-in has something on the tracker", () => {
  it("absent before Apply, present after (and in a later pane), absent again after Remove; the focus stays in the step", async () => {
    const x = ExcelDouble.fromGrids(await readWorkbookGrids(CAMBS));
    let user = await paneOn(x);
    expect(removeColours()).toBeNull();
    expect(removeLists()).toBeNull();

    await user.click(button("Apply colours"));
    await said(/^Coloured /);
    expect(removeColours()).not.toBeNull();
    expect(removeLists()).toBeNull();
    await user.click(button("Add drop-down lists"));
    await said(/^Added drop-down lists to /);
    expect(removeLists()).not.toBeNull();

    // A later session in the same workbook: the record says both are there.
    cleanup();
    user = await paneOn(x);
    expect(JSON.parse(String(x.settings.get(TRACKER_SETTING))).formatted).toEqual({ colours: true, lists: true });
    expect(removeColours()).not.toBeNull();
    expect(removeLists()).not.toBeNull();

    // Removed from the keyboard: the button goes, and the focus goes to Apply colours rather than being lost.
    removeColours()!.focus();
    await user.keyboard("{Enter}");
    await said(/^Removed the add-in’s \d+ colour rules from “Delivery Plan”/);
    await waitFor(() => expect(removeColours()).toBeNull());
    expect(document.activeElement).toBe(button("Apply colours"));
    expect(removeLists()).not.toBeNull();
    await user.click(removeLists()!);
    await said(/^Removed the add-in’s drop-down lists from /);
    await waitFor(() => expect(removeLists()).toBeNull());
    expect(x.sheet("Delivery Plan")!.conditionalFormats).toHaveLength(0);

    // And a later pane agrees.
    cleanup();
    await paneOn(x);
    expect(removeColours()).toBeNull();
    expect(removeLists()).toBeNull();
  });

  it("still offers both where the workbook cannot tell (a tracker saved before the record was kept)", async () => {
    const x = ExcelDouble.fromGrids(await readWorkbookGrids(CAMBS));
    x.settings.set(TRACKER_SETTING, JSON.stringify({ sheet: "Delivery Plan", overrides: {} }));
    await paneOn(x);
    expect(removeColours()).not.toBeNull();
    expect(removeLists()).not.toBeNull();
  });
});
