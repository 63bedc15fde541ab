/**
 * @jest-environment jsdom
 */
/**
 * The paper's words in the pane: the form starts from what the workbook's "Panel paper" sheet holds, Save sends
 * the settings the officer typed (and only on Save), the paper made next has them, and what is still not given is
 * listed. The form passes axe.
 */
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import axe from "axe-core";
import { App } from "../../src/taskpane/App";
import type { PaperSettings, TaskpaneHost } from "../../src/shared/host";
import { fakeHost, paperDone } from "./fake-host";

jest.setTimeout(30_000);

/** A host whose "Panel paper" sheet is a variable: saving sets it, the paper reads it (as the Excel host does). */
function sheetHost(start: PaperSettings | null) {
  let sheet = start;
  return fakeHost({
    readPaperSettings: () => Promise.resolve({ settings: sheet ?? {}, problems: [], exists: sheet !== null }),
    writePaperSettings: (settings) => {
      sheet = settings;
      return Promise.resolve({ sheet: "Panel paper", rows: 17, created: true });
    },
    panelPaper: ({ period }) => Promise.resolve(paperDone(period, sheet ?? {})),
  });
}

async function found(host: TaskpaneHost, copied: string[] = []) {
  const user = userEvent.setup();
  const utils = render(
    <FluentProvider theme={webLightTheme}>
      <App host={host} today={new Date(2018, 10, 30)} copyText={() => Promise.resolve(true)} copyRich={(_html, text) => Promise.resolve(copied.push(text) > 0)} />
    </FluentProvider>,
  );
  await user.click(screen.getByRole("button", { name: "Find tracker" }));
  await screen.findByText(/Found the tracker on “Delivery Plan”/);
  return { user, ...utils };
}

it("lists what the paper shows as placeholders, and saves what the officer types in the workbook on Save only", async () => {
  const { host, calls } = sheetHost(null);
  const copied: string[] = [];
  const { user } = await found(host, copied);
  await user.click(screen.getByRole("button", { name: "Copy for Word" }));
  await screen.findByText(/Shown as placeholders until you give them: Panel, Meeting date, Agenda item, Contact officer/);
  expect(copied[0]).toContain("[Contact officer]");

  await user.click(screen.getByRole("button", { name: "The paper’s words…" }));
  await screen.findByText(/has no “Panel paper” sheet yet: Save makes it/);
  expect(calls.readPaperSettings).toHaveLength(1);
  // The form is loaded when first opened (its own chunk).
  const form = await screen.findByRole("form", { name: "The paper’s words" });
  // Pasted, not typed key by key (each key re-renders the whole pane in jsdom).
  const fill = async (name: string, text: string) => {
    await user.click(screen.getByRole("textbox", { name }));
    await user.paste(text);
  };
  await fill("Panel", "Cambridgeshire Police and Crime Panel");
  await fill("Contact officer", "Dorothy Gregson");
  await fill("Commentary", "First paragraph.\n\nSecond paragraph.");
  await fill("Background documents", "Police and Crime Plan | https://example.org/plan");
  await user.click(screen.getByRole("checkbox", { name: "No new update" }));
  expect(calls.writePaperSettings).toHaveLength(0);

  await user.click(screen.getByRole("button", { name: "Save in the workbook" }));
  await screen.findByText(/Saved the paper’s words in the sheet “Panel paper” \(new\)\. Nothing else in the workbook changed\./);
  expect(calls.writePaperSettings).toEqual([
    [
      {
        panel: "Cambridgeshire Police and Crime Panel",
        contactOfficer: "Dorothy Gregson",
        commentary: ["First paragraph.", "Second paragraph."],
        backgroundDocuments: [{ title: "Police and Crime Plan", url: "https://example.org/plan" }],
        exceptions: ["red", "deteriorated", "overdue", "no-update"],
      },
    ],
  ]);
  expect(form.isConnected).toBe(true);
});

it("makes the paper with the words the workbook holds, and lists only what is still missing", async () => {
  const { host } = sheetHost({ panel: "Cambridgeshire Police and Crime Panel", contactOfficer: "Dorothy Gregson", commentary: ["First paragraph.", "Second paragraph."] });
  const copied: string[] = [];
  const { user } = await found(host, copied);
  await user.click(screen.getByRole("button", { name: "Copy for Word" }));
  await waitFor(() => expect(copied).toHaveLength(1));
  expect(copied[0]).toContain("Cambridgeshire Police and Crime Panel");
  expect(copied[0]).toContain("Dorothy Gregson");
  expect(copied[0]).toContain("Second paragraph.");
  expect(copied[0]).not.toContain("[Contact officer]");
  const missing = await screen.findByText(/Shown as placeholders until you give them/);
  expect(missing.textContent).not.toMatch(/Panel,|Contact officer/);
  expect(missing.textContent).toMatch(/Meeting date/);
});

it("starts the form from the words the workbook holds, and the form passes axe", async () => {
  const { host } = sheetHost({ panel: "Hertfordshire Police and Crime Panel", background: ["One.", "Two."], exceptions: ["red"] });
  const { user } = await found(host);
  await user.click(screen.getByRole("button", { name: "The paper’s words…" }));
  await screen.findByText(/Read the paper’s words from the “Panel paper” sheet/);
  await screen.findByRole("form", { name: "The paper’s words" });
  expect((screen.getByRole("textbox", { name: "Panel" }) as HTMLInputElement).value).toBe("Hertfordshire Police and Crime Panel");
  expect((screen.getByRole("textbox", { name: "Background" }) as HTMLTextAreaElement).value).toBe("One.\n\nTwo.");
  expect((screen.getByRole("checkbox", { name: "Red" }) as HTMLInputElement).checked).toBe(true);
  expect((screen.getByRole("checkbox", { name: "Overdue" }) as HTMLInputElement).checked).toBe(false);
  const form = screen.getByRole("form", { name: "The paper’s words" });
  // jsdom lays nothing out, so colour contrast is checked in Chromium (test/browser); the rest here.
  const result = await axe.run(form, { rules: { "color-contrast": { enabled: false } } });
  expect(result.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await user.click(screen.getByRole("button", { name: "Close the paper’s words" }));
  expect(screen.queryByRole("form", { name: "The paper’s words" })).toBeNull();
});
