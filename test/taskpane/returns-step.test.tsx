/**
 * @jest-environment jsdom
 */
/**
 * The pane's Quarter's returns step with a fake host and a fake lazy chunk, driven by keyboard: the requests made
 * (each lead's download, the .zip, the email copied), returns picked (one refused in one line), old → new per
 * action and what is not merged shown, the merge written only after the confirmation, then undone. axe reports
 * no violation.
 */
import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import axe from "axe-core";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "../../src/taskpane/App";
import type { ReturnsChunk } from "../../src/taskpane/hooks/returns-step";
import type { ReturnRead } from "../../src/model";
import type { MergePreview, RequestsView, WriteDone } from "../../src/shared/host";
import { XSS, fakeHost } from "./fake-host";
import { TODAY, openedDialog } from "./pane";

jest.setTimeout(30_000);

// jsdom's File has no arrayBuffer() (browsers' has). The fake chunk below never looks at the bytes, so a file's
// are given at once, as zeros of its size: no FileReader, whose events come when the event loop gets to them.
beforeAll(() => {
  if (!File.prototype.arrayBuffer)
    File.prototype.arrayBuffer = function (this: File) {
      return Promise.resolve(new ArrayBuffer(this.size));
    };
});

/**
 * Let the pane finish what picking files started: every step after the pick is a promise (the chunk, the
 * bytes, the fake reader and host, React's updates), with no timer, so a few turns of the event loop inside
 * act() settle it, however slow the machine.
 */
async function settled() {
  for (let i = 0; i < 5; i++) await act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
}

const REQUESTS: RequestsView = {
  plan: { by: "lead", period: "February 2019", due: "2019-02-15", fields: ["rag", "update"], lists: { rag: ["Red", "Amber", "Green"] }, requests: [], unassigned: ["A9"] },
  leads: [
    { lead: "CS", file: "cs-february-2019.xlsx", actions: ["O2", "O3"], email: "To: CS\nSubject: Delivery plan update for February 2019, by 15 February 2019" },
    { lead: "JH", file: "jh-february-2019.xlsx", actions: ["T1"], email: "To: JH\nSubject: Delivery plan update for February 2019, by 15 February 2019" },
  ],
};

const CS_RETURN = { file: "cs-february-2019.xlsx", key: { lead: "CS", period: "February 2019" }, rows: [] } as unknown as ReturnRead;

const PREVIEW: MergePreview = {
  sheet: "Delivery Plan",
  period: "February 2019",
  changes: [
    { cell: "E8", before: "Amber ↔", after: "Green ↔" },
    { cell: "F8", before: "Board to meet.", after: "=Board met; plan agreed." },
  ],
  fields: [
    { id: "O2", field: "rag", old: "Amber", new: "Green", lead: "CS", file: "cs-february-2019.xlsx", cell: "E8" },
    { id: "O2", field: "update", old: "Board to meet.", new: "=Board met; plan agreed.", lead: "CS", file: "cs-february-2019.xlsx", cell: "F8" },
  ],
  conflicts: [{ code: "not-in-vocabulary", file: "cs-february-2019.xlsx", lead: "CS", id: "O3", message: `cs-february-2019.xlsx: E6 gives O3's RAG as "${XSS}", which is not a RAG word of the tracker's; it is not merged.` }],
  returns: [{ file: "cs-february-2019.xlsx", lead: "CS", period: "February 2019", refused: false }],
  round: { replied: [{ lead: "CS", file: "cs-february-2019.xlsx" }], notReplied: [{ lead: "JH", actions: ["T1"] }], chase: [{ id: "O3", leads: ["CS"] }, { id: "T1", leads: ["JH"] }] },
};

function setup() {
  const written: WriteDone = {
    sheet: "Delivery Plan",
    cells: ["E8", "F8"],
    undo: { sheet: "Delivery Plan", what: "the merge of cs-february-2019.xlsx", cells: PREVIEW.changes.map((c) => ({ cell: c.cell, after: c.after, before: c.before, formula: false, numberFormat: "General" })) },
  };
  const { host, calls } = fakeHost({
    requestUpdates: () => Promise.resolve(REQUESTS),
    previewMerge: () => Promise.resolve(PREVIEW),
    writeMerge: () => Promise.resolve(written),
  });
  const copied: string[] = [];
  const saved: { name: string; type: string; size: number }[] = [];
  const loaded: string[] = [];
  const chunk: ReturnsChunk = {
    returnFiles: (plan) => Promise.resolve(REQUESTS.leads.map((l) => ({ lead: l.lead, file: l.file, bytes: new Uint8Array([plan.period.length]) }))),
    returnsZip: (files) => Promise.resolve(new Uint8Array(files.length)),
    readReturnFile: (_data, name) => Promise.resolve(name.startsWith("cs") ? { ok: true as const, read: CS_RETURN } : { ok: false as const, message: `${name} is not a return this tool sent: it has no key sheet ("delivery-plan key").` }),
  };
  const user = userEvent.setup({ delay: null });
  render(
    <FluentProvider theme={webLightTheme}>
      <App
        host={host}
        today={TODAY}
        copyText={(t) => (copied.push(t), Promise.resolve(true))}
        saveFile={(name, bytes, type) => (saved.push({ name, type, size: bytes.length }), Promise.resolve(true))}
        loadReturns={() => (loaded.push("chunk"), Promise.resolve(chunk))}
      />
    </FluentProvider>,
  );
  return { user, calls, copied, saved, loaded };
}

/** Focus a control and press Enter, as a keyboard user does. */
async function press(user: ReturnType<typeof userEvent.setup>, element: HTMLElement) {
  element.focus();
  expect(document.activeElement).toBe(element);
  await user.keyboard("{Enter}");
}

async function found() {
  const pane = setup();
  await press(pane.user, screen.getByRole("button", { name: "Find tracker" }));
  await screen.findByText(/Found the tracker on “Delivery Plan”/);
  return { ...pane, step: screen.getByRole("region", { name: /Quarter's returns/ }) };
}

it("requests updates by keyboard: each lead's return to download, all in a .zip, the email copied", async () => {
  const { user, calls, copied, saved, loaded, step } = await found();

  // Request updates: the lead column, the round, the due date; nothing is loaded until a file is asked for.
  expect((within(step).getByRole("combobox", { name: "Lead column" }) as HTMLSelectElement).value).toBe("lead");
  within(step).getByRole("textbox", { name: "Round" }).focus();
  await user.keyboard("February 2019");
  within(step).getByRole("textbox", { name: "Due date" }).focus();
  await user.keyboard("2019-02-15");
  await press(user, within(step).getByRole("button", { name: "Make the requests" }));
  await screen.findByText("2 returns ready for February 2019: CS (2), JH (1). No one is asked for A9: no lead is named.");
  expect(calls.requestUpdates[0][1]).toEqual({ by: "lead", period: "February 2019", due: "2019-02-15" });
  expect(loaded).toEqual([]);
  const list = within(step).getByRole("list", { name: "Returns for February 2019" });
  expect(within(list).getAllByRole("listitem").map((li) => li.querySelector("p, span")?.textContent)).toEqual(["CS: 2 actions (O2, O3)", "JH: 1 action (T1)"]);

  await press(user, within(step).getByRole("button", { name: "Copy email to CS" }));
  await screen.findByText("Copied the email to CS: paste it into a new message and attach cs-february-2019.xlsx.");
  expect(copied).toEqual([REQUESTS.leads[0].email]);
  await press(user, within(step).getByRole("button", { name: "Download jh-february-2019.xlsx" }));
  await screen.findByText("Downloaded jh-february-2019.xlsx, JH's return.");
  await press(user, within(step).getByRole("button", { name: "Download all (2 returns, .zip)" }));
  await screen.findByText("Downloaded returns-february-2019.zip: 2 returns.");
  expect(saved.map((s) => [s.name, s.type])).toEqual([
    ["jh-february-2019.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
    ["returns-february-2019.zip", "application/zip"],
  ]);

});

it("merges a return after the confirmation and undoes it, by keyboard, and passes axe", async () => {
  const { user, calls, step } = await found();
  // Merge returns: one return and one file that is not one.
  const input = within(step).getByLabelText("Returns (.xlsx, one or more)");
  await user.upload(input, [new File(["x"], "cs-february-2019.xlsx"), new File(["y"], "notes.xlsx")]);
  await settled();
  screen.getByText(/1 return for February 2019: 2 changes to 1 action; 1 part not merged \(listed\); 1 file refused\. Nothing has been written yet\./);
  expect(calls.previewMerge[0][1]).toEqual([CS_RETURN]);
  // The file refused and the part not merged, each in its own words; markup in a return is shown as text, never run.
  const said = within(step).getAllByRole("listitem").map((li) => li.textContent);
  expect(said).toEqual(expect.arrayContaining(['notes.xlsx is not a return this tool sent: it has no key sheet ("delivery-plan key").', PREVIEW.conflicts[0].message]));
  const table = within(step).getByRole("table", { name: "2 changes for February 2019" });
  expect(within(table).getAllByRole("row").slice(1).map((r) => r.textContent)).toEqual(["O2RAGAmber → GreenCS", "O2UpdateBoard to meet. → =Board met; plan agreed.CS"]);
  expect(document.querySelector("img")).toBeNull();
  // The round so far: who has replied, who has not, the chase list.
  const round = within(step).getByRole("region", { name: "The round for February 2019 so far" });
  expect(within(round).getAllByRole("listitem").map((li) => li.textContent)).toEqual([
    "Replied (1): CS (cs-february-2019.xlsx).",
    "Not replied yet (1): JH (1 action).",
    "Still without a new update (2): O3, T1.",
  ]);
  expect(calls.writeMerge).toHaveLength(0);

  const result = await axe.run(step, { rules: { "color-contrast": { enabled: false } } });
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(" ")}`)).toEqual([]);

  await press(user, within(step).getByRole("button", { name: "Merge 2 changes…" }));
  const dialog = await openedDialog("Merge 2 changes from cs-february-2019.xlsx?");
  expect(within(dialog).getAllByRole("row").slice(1).map((r) => r.textContent)).toEqual(["E8Amber ↔Green ↔", "F8Board to meet.=Board met; plan agreed."]);
  const dialogAxe = await axe.run(dialog, { rules: { "color-contrast": { enabled: false } } });
  expect(dialogAxe.violations.map((v) => v.id)).toEqual([]);
  expect(calls.writeMerge).toHaveLength(0);
  await press(user, within(dialog).getByRole("button", { name: "Merge 2 cells" }));
  await screen.findByText("Merged 2 cells into “Delivery Plan” from cs-february-2019.xlsx, and recorded them in the Change log.");
  expect(calls.writeMerge[0][1]).toEqual([CS_RETURN]);
  expect(calls.writeMerge[0][2]).toEqual(PREVIEW.changes);
  expect(within(step).queryByRole("table")).toBeNull();

  await press(user, screen.getByRole("button", { name: "Undo the merge of cs-february-2019.xlsx" }));
  await waitFor(() => expect(calls.undoWrite).toHaveLength(1));
  expect((calls.undoWrite[0][0] as { cells: { cell: string }[] }).cells.map((c) => c.cell)).toEqual(["E8", "F8"]);
  await screen.findByText(/Undid the merge of cs-february-2019\.xlsx/);
});

it("says in one line when no file picked is a return, and asks Excel nothing", async () => {
  const { user, calls } = await found();
  await user.upload(screen.getByLabelText("Returns (.xlsx, one or more)"), [new File(["y"], "notes.xlsx")]);
  await settled();
  expect(screen.getByRole("alert").textContent).toBe("Not done" + 'notes.xlsx is not a return this tool sent: it has no key sheet ("delivery-plan key").');
  expect(calls.previewMerge).toHaveLength(0);
});
