/**
 * The pane's calls to its host, all in one place: each carries the tracker in
 * use (the request that read it), this period and the period compared with,
 * as the pane holds them when the call is made. The hooks call the host only
 * through these; `operation.ts` alone looks at what comes back.
 */
import type { CellChange, ComparedWith, OwnWord, PaperSettings, RequestAsk, TaskpaneHost, TrackerRequest, UndoToken } from "../../shared/host";
import type { ReturnRead } from "../../model";
import type { Periods } from "../state";

export type HostCalls = ReturnType<typeof hostCalls>;

export function hostCalls(host: TaskpaneHost, request: TrackerRequest, periods: Periods) {
  /** This period and the one compared with, as every tracker request carries them (the latter asked when the call is made). */
  const asked = (): Pick<TrackerRequest, "period" | "comparedWith"> => ({ period: periods.period.trim() || undefined, comparedWith: periods.comparedAsked() });
  /** The tracker in use, this period and the chosen previous one. */
  const current = (): TrackerRequest => ({ ...request, ...asked() });
  /** The tracker in use, this period and the period compared with as the pane shows it (the directions, the summary, the paper). */
  const shown = (): TrackerRequest => ({ ...current(), comparedWith: periods.comparedShown() });
  return {
    /** Read a tracker: `next` says which (the sheet, the mapping corrections, the period columns). */
    readTracker: (next: TrackerRequest) => host.readTracker({ ...next, ...asked() }),
    goToCell: (sheet: string, cell: string) => host.goToCell(sheet, cell),
    applyFormatting: () => host.applyFormatting(current()),
    removeFormatting: () => host.removeFormatting(current()),
    addValidation: (stop: boolean) => host.addValidation(current(), { style: stop ? "stop" : "warning" }),
    removeValidation: () => host.removeValidation(current()),
    previewRagLabels: () => host.previewRagLabels(current()),
    writeRagLabels: (confirmed: readonly CellChange[]) => host.writeRagLabels(current(), confirmed),
    previewSpellingFixes: () => host.previewSpellingFixes(current()),
    writeSpellingFixes: (confirmed: readonly CellChange[]) => host.writeSpellingFixes(current(), confirmed),
    previewOwnWord: (word: OwnWord) => host.previewOwnWord(word),
    writeOwnWord: (word: OwnWord, confirmed: readonly CellChange[]) => host.writeOwnWord(word, confirmed),
    undoWrite: (undo: UndoToken) => host.undoWrite(undo),
    takeSnapshot: () => host.takeSnapshot(current()),
    previewSignOff: (by: string) => host.previewSignOff(current(), by),
    signOff: (by: string, confirmed: readonly CellChange[]) => host.signOff(current(), by, confirmed),
    previewDirections: () => host.previewDirections(shown()),
    /** `comparedWith`: as the preview confirmed was made against. */
    writeDirections: (comparedWith: ComparedWith, confirmed: readonly CellChange[]) => host.writeDirections({ ...current(), comparedWith }, confirmed),
    buildPanelSummary: () => host.buildPanelSummary(shown()),
    panelPaper: () => host.panelPaper(shown()),
    /** The paper's words: read from, and saved in, the workbook's "Panel paper" sheet. */
    readPaperSettings: () => host.readPaperSettings(),
    writePaperSettings: (settings: PaperSettings) => host.writePaperSettings(settings),
    fileSaving: () => host.fileSaving(),
    /** A quarter's returns: the requests, and the merge of the returns the pane read. */
    requestUpdates: (ask: RequestAsk) => host.requestUpdates(current(), ask),
    previewMerge: (returns: readonly ReturnRead[]) => host.previewMerge(current(), returns),
    writeMerge: (returns: readonly ReturnRead[], confirmed: readonly CellChange[]) => host.writeMerge(current(), returns, confirmed),
  };
}
