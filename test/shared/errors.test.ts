/**
 * The host errors' one catalogue (src/shared/errors.ts): every HostErrorCode
 * has its details and its wording, or nothing builds; every sentence is one
 * plain line saying what to do; and a HostError is told from a result one way
 * (isHostError), with the same words the pane shows.
 */
import { HOST_MESSAGES, hostError, isHostError } from "../../src/shared/host";
import type { HostErrorCode, HostErrorDetails } from "../../src/shared/host";
import { commandFailure, PartWrittenError } from "../../src/excel/failures";
import { unsupportedMessage } from "../../src/excel/requirements";
import { NoSheetError } from "../../src/excel/read";
import { EngineError } from "../../src/engine/engine";

/** One set of details for every code: the type asks for each code exactly once. */
const SAMPLES: { [K in HostErrorCode]: HostErrorDetails[K] } = {
  "excel-too-old": { missing: [{ set: "ExcelApi", version: "1.13", why: "reading merged cells" }] },
  "no-tracker": { found: 'No tracker table found in sheet "Notes".', otherSheets: true },
  "no-sheet": { sheet: "Q3 2026" },
  "no-delivery-column": { sheet: "Delivery Plan", to: "colour" },
  "changed-since-preview": { sheet: "Delivery Plan" },
  "edited-since-write": { sheet: "Delivery Plan", cells: ["F12", "F13"], what: "the RAG words" },
  "no-period-label": { then: "build the panel summary" },
  "snapshot-exists": { period: "January 2022", taken: "2022-01-15" },
  "no-signer": {},
  "no-snapshot": { problem: "no-such-snapshot", label: "March 2019", snapshots: ["June 2021"], sheet: "Delivery Plan" },
  "not-a-cell": { sheet: "Delivery Plan", cell: "not a cell" },
  "own-word-refused": { refused: "listed", word: "Stalled", cell: "B2", means: "In progress" },
  "excel-busy": { what: "Reading the tracker", said: "InvalidOperationInCellEditMode" },
  "item-not-found": { what: "Reading the tracker", said: "The requested resource doesn't exist." },
  "change-refused": { what: "Writing the RAG words", said: "Access denied", write: "put-back" },
  "too-large": { what: "Reading the tracker", said: "RequestPayloadSizeLimitExceeded" },
  "engine-failed": { what: "Reading the tracker", said: "The add-in's engine stopped. Try again: it will now run in the pane itself." },
  "excel-failed": { what: "Writing the RAG words", said: "GeneralException", write: "part-way" },
  unexpected: { said: "host.readTracker is not a function\n    at App (App.tsx:12:3)" },
};

const plainSentence = (text: string) => {
  expect(text).not.toMatch(/\n|undefined|\[object|\(\S+:\d+:\d+\)/);
  expect(text).toMatch(/^\S.*[.)]$/);
};

describe("the host errors' catalogue", () => {
  it("words every code, each as one plain sentence that says what to do", () => {
    expect(Object.keys(HOST_MESSAGES).sort()).toEqual(Object.keys(SAMPLES).sort());
    for (const code of Object.keys(SAMPLES) as HostErrorCode[]) {
      const error = hostError(code, SAMPLES[code] as never);
      expect(error).toMatchObject({ ok: false, code });
      plainSentence(error.message);
    }
    expect(hostError("unexpected", SAMPLES.unexpected).message).toBe("Something went wrong: host.readTracker is not a function. Try again; if it keeps happening, close and reopen the add-in.");
    expect(hostError("no-snapshot", SAMPLES["no-snapshot"]).message).toBe('There is no snapshot for "March 2019". Choose one of: "June 2021".');
  });

  it("does not build without a code's wording, or with another code's details", () => {
    const { "no-sheet": dropped, ...withoutOne } = HOST_MESSAGES;
    expect(dropped(SAMPLES["no-sheet"])).toContain("Q3 2026");
    // @ts-expect-error a catalogue missing one code's wording is not a catalogue
    const incomplete: typeof HOST_MESSAGES = withoutOne;
    expect(Object.keys(incomplete)).toHaveLength(Object.keys(HOST_MESSAGES).length - 1);
    // @ts-expect-error "no-sheet" is said from the sheet's name, not a cell
    expect(() => hostError("no-sheet", { cell: "A1" })).not.toThrow();
  });

  it("words the period compared with once, whichever command asks (the directions and the summary alike)", () => {
    const sheet = "Delivery Plan";
    expect(hostError("no-snapshot", { problem: "no-such-snapshot", label: "June 2021", snapshots: [], sheet }).message).toBe(
      'There is no snapshot for "June 2021": there are no snapshots yet. Take a snapshot at the end of this period; next period you can compare with it.',
    );
    expect(hostError("no-snapshot", { problem: "no-sheet-period", sheet }).message).toBe(
      'Sheet "Delivery Plan" keeps no earlier period with values to compare with. Choose a snapshot under "Compare with", or none.',
    );
  });

  it("is what the requirement check and Excel's failures say", () => {
    expect(unsupportedMessage({ isSetSupported: (set) => set !== "ExcelApi" })).toBe(hostError("excel-too-old", SAMPLES["excel-too-old"]).message);
    expect(commandFailure("Reading the tracker", new NoSheetError("Q3 2026"))).toEqual(hostError("no-sheet", { sheet: "Q3 2026" }));
    const busy = Object.assign(new Error("The cell is being edited."), { code: "InvalidOperationInCellEditMode" });
    expect(commandFailure("Reading the tracker", busy)).toMatchObject({ code: "excel-busy", message: "Reading the tracker: Excel is busy editing a cell. Press Enter or Esc in the sheet, then try again." });
    const denied = new PartWrittenError(Object.assign(new Error("Access denied"), { code: "AccessDenied" }), true);
    expect(commandFailure("Writing the RAG words", denied).message).toMatch(/^Writing the RAG words: Excel did not allow the change .* Nothing was changed: the cells already written were put back as they were\.$/);
    expect(commandFailure("Reading the tracker", new EngineError("It stopped."))).toMatchObject({ code: "engine-failed", message: "Reading the tracker: It stopped." });
    expect(commandFailure("Reading the tracker", new Error("Something odd"))).toMatchObject({ code: "excel-failed", message: 'Reading the tracker: Excel said "Something odd". Try again; if it keeps happening, close and reopen the add-in.' });
  });

  it("is told from a result one way: isHostError", () => {
    expect(isHostError(hostError("not-a-cell", SAMPLES["not-a-cell"]))).toBe(true);
    // A result, a model Result that succeeded, an ACTIONS function's error value: not host errors.
    for (const other of [{ sheet: "Delivery Plan", cells: [] }, { ok: true, grid: null }, { error: "#N/A", message: "Open the Delivery plan pane." }, [], null, "text"]) {
      expect(isHostError(other)).toBe(false);
    }
  });
});
