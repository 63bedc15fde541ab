/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
/**
 * Several periods in one sheet, in the pane (issue 15, scope 2): the real
 * Office host (createExcelHost on Microsoft's own Excel client, over the wire
 * host on the Excel double) on the one-sheet tracker the test builds from the
 * two Hertfordshire samples ("Status November 2021" in C, "Status June 2021"
 * added after the last column; test/support/herts-periods.ts). The pane says
 * which columns are read as which period, compares with June 2021 with no
 * snapshot, lets the officer choose other columns (kept in the workbook), and
 * says plainly when a saved choice is not a period column.
 *
 * (The node export conditions let ExcelJS build the workbook under jsdom.)
 */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createElement } from "react";
import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "../../src/taskpane/App";
import { createExcelHost } from "../../src/excel/host";
import { TRACKER_SETTING } from "../../src/excel/settings";
import { SHEET_PREVIOUS } from "../../src/taskpane/state";
import type { TaskpaneHost } from "../../src/shared/host";
import type { SheetGrid } from "../../src/model";
import { ExcelDouble } from "../double/excel-double";
import { hertsOneSheetGrid } from "../support/herts-periods";
import { TODAY } from "./pane";

jest.setTimeout(90_000);

let tmp: string;
let grid: SheetGrid;
let june: string;
let uninstall: () => void = () => undefined;

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "dp-pane-periods-"));
  const built = await hertsOneSheetGrid(tmp);
  expect(built.filled).toBe(97);
  grid = built.grid;
  june = built.juneColumn;
});

afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

afterEach(() => uninstall());

/** The pane on the double's workbook: every host call awaited as the officer waits for the pane's status. */
function pane(x: ExcelDouble) {
  uninstall();
  uninstall = x.installMicrosoftClient();
  const real = createExcelHost({ requirements: { isSetSupported: () => true }, now: () => new Date(Date.UTC(2021, 10, 30)), watch: false });
  const user = userEvent.setup({ delay: null });
  const utils = render(createElement(FluentProvider, { theme: webLightTheme }, createElement(App, { host: real as TaskpaneHost, today: TODAY })));
  return { user, ...utils };
}

/*
 * The pane of a 97-action tracker is a big page for jsdom: role queries, which compute every
 * element's accessible name, are slow on it. The live regions are taken once, and the other
 * elements by their label or text, then checked for their role.
 */
const status = () => screen.getByRole("status");
const alert = () => screen.getByRole("alert");

/** Wait until the status says `text` (the host's work on the double ends first, however slow the machine). */
async function said(live: HTMLElement, text: RegExp | string) {
  await waitFor(() => (typeof text === "string" ? expect(live.textContent).toBe(text) : expect(live.textContent).toMatch(text)), { timeout: 60_000 });
}

async function find(x: ExcelDouble) {
  const p = pane(x);
  const live = { status: status(), alert: alert() };
  await p.user.click(screen.getByRole("button", { name: "Find tracker" }));
  // Done (the status says so) or not (the alert says why): either way the read has ended.
  await waitFor(() => expect(`${live.status.textContent}${live.alert.textContent}`).toMatch(/Found the tracker on “|Not done/), { timeout: 60_000 });
  return { ...p, ...live };
}

/** The element of `selector` (a button, table, section) holding this text, as the user finds it. */
function holding<T extends Element = HTMLElement>(text: string | RegExp, selector: string, root?: HTMLElement): T {
  const el = (root ? within(root) : screen).getByText(text).closest(selector);
  if (!el) throw new Error(`No ${selector} holds the text ${String(text)}`);
  return el as T;
}
const button = (name: string, root?: HTMLElement) => holding<HTMLButtonElement>(name, "button", root);
const select = (label: string) => screen.getByLabelText(label) as HTMLSelectElement;
const table = (caption: string, root?: HTMLElement) => holding<HTMLTableElement>(caption, "table", root);
const periodsBox = () => holding("Periods in this sheet", "section");
const countsOf = (table: HTMLElement) => Object.fromEntries(within(table).getAllByRole("row").map((r) => [r.querySelector("th")!.textContent!.replace(/^\W+/, ""), Number(r.querySelector("td")!.textContent)]));

describe("a tracker that keeps several periods in one sheet, in the pane (real host, Excel double)", () => {
  it("says which columns are read, compares with June 2021 from its own column, and builds the Panel Summary with no snapshot", async () => {
    const x = ExcelDouble.fromGrids([grid]);
    const { user, status } = await find(x);
    expect(status.textContent).toMatch(new RegExp(`^Found the tracker on “${grid.name}”: header on row 4, 97 actions`));
    const box = periodsBox();
    expect(box.textContent).toContain(
      `This sheet keeps 2 periods side by side. This period is November 2021, read from column C (“Status November 2021”); the previous period is June 2021, from column ${june} (“Status June 2021”).`,
    );
    expect(countsOf(table("Status in June 2021", box))).toEqual({ Completed: 38, "In progress": 55, "On hold": 2, "Not yet started": 2 });
    // This period is named by the sheet; the comparison is the sheet's own previous period, said in plain words.
    expect((screen.getByLabelText(/^This period/) as HTMLInputElement).value).toBe("November 2021");
    const compare = select("Compare with (previous period)");
    expect(compare.value).toBe(SHEET_PREVIOUS);
    expect(compare.selectedOptions[0].textContent).toBe(`June 2021 (column ${june} of this sheet)`);
    expect(screen.getByText(`Compared with June 2021, from column ${june} of this sheet: no snapshot is needed. To compare with a snapshot instead, choose it above.`)).toBeTruthy();

    await user.click(button("Preview directions of travel"));
    await said(status, "Since June 2021: 11 improved, 0 deteriorated, 86 no change, 0 new, 0 no longer in the tracker. Nothing written yet.");
    expect(countsOf(table("Since June 2021"))).toMatchObject({ Improved: 11, "No change": 86 });

    expect(screen.getByText(new RegExp(`^For November 2021, compared with June 2021, from column ${june} of this sheet\\.`)).textContent).toBe(
      `For November 2021, compared with June 2021, from column ${june} of this sheet. The summary goes in a sheet of its own; the tracker is not changed.`,
    );
    await user.click(button("Build panel summary"));
    await said(status, new RegExp(`^Built the sheet “Panel Summary” for November 2021, compared with June 2021, from column ${june} of this sheet\\.`));
    expect(screen.getByText(/45 are complete \(38 in June 2021\)/)).toBeTruthy();
    expect(x.sheet("Panel Summary")).toBeDefined();
  });

  it("a snapshot can still be chosen instead of the sheet's own period", async () => {
    const x = ExcelDouble.fromGrids([grid]);
    const { user, status } = await find(x);
    // A snapshot of this period, so there is one to choose next period.
    await user.click(button("Take snapshot"));
    await said(status, /^Recorded 97 actions as at November 2021/);
    const label = screen.getByLabelText(/^This period/);
    await user.clear(label);
    await user.type(label, "December 2021");
    const compare = select("Compare with (previous period)");
    await user.selectOptions(compare, "November 2021");
    expect(screen.queryByText(/of this sheet: no snapshot is needed/)).toBeNull();
    await user.click(button("Preview directions of travel"));
    await said(status, /^Since November 2021: 0 improved, 0 deteriorated, 97 no change/);
  });

  it("chooses June's column as this period, reads it on Enter, and keeps the choice in the workbook", async () => {
    const x = ExcelDouble.fromGrids([grid]);
    const { user, status } = await find(x);
    const current = select("Columns read as this period");
    expect(current.closest("section")).toBe(periodsBox());
    expect([...current.options].map((o) => o.textContent)).toEqual([`June 2021: column ${june}, “Status June 2021”`, "November 2021: column C, “Status November 2021”"]);
    const read = button("Read these periods");
    expect(read.getAttribute("aria-disabled")).toBe("true");
    // A native select (keyboard-usable as the browser makes it), then Enter on the button. (In jsdom, Fluent's
    // focus manager sends Tab to the page, so the button is focused as a Tab would reach it; the Tab order is
    // checked in Chromium, test/browser/taskpane.test.ts.)
    await user.selectOptions(current, june);
    expect(read.getAttribute("aria-disabled")).toBeNull();
    read.focus();
    await user.keyboard("{Enter}");
    await waitFor(() => expect(periodsBox().textContent).toContain(`This period is June 2021, read from column ${june} (“Status June 2021”); no earlier period holds values`), { timeout: 60_000 });
    expect(status.textContent).toMatch(/^Found the tracker on “/);
    expect(periodsBox().textContent).toContain("You chose these columns; the choice is kept in this workbook.");
    // The counts follow: June's statuses are this period's now.
    expect(countsOf(table("Status"))).toEqual({ Completed: 38, "In progress": 55, "On hold": 2, "Not yet started": 2 });
    expect((screen.getByLabelText(/^This period/) as HTMLInputElement).value).toBe("June 2021");
    const compare = select("Compare with (previous period)");
    expect(compare.value).toBe("");
    expect([...compare.options].some((o) => /of this sheet/.test(o.textContent ?? ""))).toBe(false);
    // Kept in the workbook with the tracker's sheet and mapping, by the column's header (a column inserted or moved does not change it).
    expect(JSON.parse(String(x.settings.get(TRACKER_SETTING)))).toMatchObject({ sheet: grid.name, periods: { current: "Status June 2021" } });

    // The next pane on this workbook reads June as this period again.
    uninstall();
    cleanup();
    await find(x);
    expect(periodsBox().textContent).toContain(`This period is June 2021, read from column ${june}`);

    // A column inserted before June's (June now one column on): the choice follows its header.
    const at = june.charCodeAt(0) - 65 - (grid.firstColumn - 1);
    const shift = (c: number) => (c >= at + grid.firstColumn ? c + 1 : c);
    const moved: SheetGrid = {
      ...grid,
      values: grid.values.map((row) => [...row.slice(0, at), null, ...row.slice(at)]),
      merges: grid.merges.map((m) => ({ ...m, left: shift(m.left), right: shift(m.right) })),
    };
    const y = ExcelDouble.fromGrids([moved]);
    y.settings.set(TRACKER_SETTING, x.settings.get(TRACKER_SETTING));
    const later = String.fromCharCode(june.charCodeAt(0) + 1);
    uninstall();
    cleanup();
    await find(y);
    expect(periodsBox().textContent).toContain(`This period is June 2021, read from column ${later} (“Status June 2021”)`);
    uninstall();
    cleanup();
    const again = await find(x);

    // "Use the latest periods" forgets the choice.
    await again.user.click(button("Use the latest periods"));
    await waitFor(() => expect(periodsBox().textContent).toContain("This period is November 2021, read from column C"), { timeout: 60_000 });
    expect(JSON.parse(String(x.settings.get(TRACKER_SETTING))).periods).toBeUndefined();
  });

  it("a saved choice that is not a period column: a plain message naming the column and what to do, and the latest periods read", async () => {
    const x = ExcelDouble.fromGrids([grid]);
    const header = String(grid.values[4 - grid.firstRow][2 - grid.firstColumn]);
    x.settings.set(TRACKER_SETTING, { sheet: grid.name, overrides: {}, periods: { previous: "B" } });
    const { alert } = await find(x);
    expect(alert.textContent).toBe(
      `Not doneColumn B ("${header}") is not one of the period columns of sheet "${grid.name}", so it cannot be read as the previous period. The latest periods were read instead. Choose the previous period's column under "Periods in this sheet": ${june} ("Status June 2021") or C ("Status November 2021").`,
    );
    expect(periodsBox().textContent).toContain(`the previous period is June 2021, from column ${june}`);
    // The choice that could not be used is not kept.
    expect(JSON.parse(String(x.settings.get(TRACKER_SETTING))).periods).toBeUndefined();
  });
});
