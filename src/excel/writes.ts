/**
 * The writes room: cells the user confirmed, written as text with what puts
 * them back (an UndoToken), and the undo itself. A confirmed write first makes
 * the changes again in its own batch and refuses when they differ from what
 * the user confirmed; the tracker read last time is then forgotten (the next
 * command reads it again), and the ACTIONS functions re-read it once the batch
 * is over.
 */
import { ownWordWrites } from "../model";
import { hostError, sameChanges } from "../shared/host";
import type { CellChange, HostResult, OwnWord, UndoToken, WriteDone } from "../shared/host";
import { asOwnWrite, refreshTrackerNow } from "./refresh";
import { readCells, writeCellsInBlocks } from "./cells";
import { queueTextWrites } from "./write";
import { queueWordsSheet } from "./read";
import { PartWrittenError } from "./failures";
import { queueChangeLog } from "./change-log";
import type { TakeBack } from "./change-log";

/** What a write adds to the workbook's Change log: its rows, and the rows its undo adds (the time put first then). */
export interface WriteLog {
  rows: string[][];
  undoRows: string[][];
}

/**
 * Queue putting cells back as the undo token recorded them: a formula as a
 * formula (under its own number format), a number, date or boolean as itself,
 * and text as that text whatever it looks like ("007", "May 2021", "(5)",
 * "£5", "=…"): entered under the text format "@", so that Excel cannot read it
 * as anything else, then given back its own number format (a format change
 * does not make Excel read the value again). 3 operations a cell at most.
 */
export function queueRestore(ws: Excel.Worksheet, cells: UndoToken["cells"]): void {
  for (const c of cells) {
    const range = ws.getRange(c.cell);
    if (c.formula) {
      range.numberFormat = [[c.numberFormat === "@" ? "General" : c.numberFormat]];
      range.formulas = [[String(c.before)]];
      if (c.numberFormat === "@") range.numberFormat = [["@"]];
      continue;
    }
    if (typeof c.before !== "string") {
      range.numberFormat = [[c.numberFormat]];
      range.values = [[c.before]];
      continue;
    }
    range.numberFormat = [["@"]];
    range.values = [[c.before]];
    if (c.numberFormat !== "@") range.numberFormat = [[c.numberFormat]];
  }
}

/** The ACTIONS functions re-read the tracker once this batch is over (its own Excel.run): the watch ignores our own writes. */
const refreshSoon = () => setTimeout(() => void refreshTrackerNow().catch(() => undefined), 0);

export class Writes {
  constructor(private readonly session: { forget(): void }) {}

  /**
   * Write the changes the user confirmed, if they are still the changes the sheet
   * calls for (`prepare` runs just before the write: the words sheet is added).
   */
  async confirmed(context: Excel.RequestContext, sheet: string, changes: readonly CellChange[], confirmed: readonly CellChange[], what: string, prepare?: () => void, log?: WriteLog): Promise<HostResult<WriteDone>> {
    if (!sameChanges(changes, confirmed)) return hostError("changed-since-preview", { sheet });
    prepare?.();
    const undo = changes.length ? await this.write(context, sheet, changes, what, log) : undefined;
    return { sheet, cells: changes.map((c) => c.cell), undo };
  }

  /** Put back what a confirmed write changed; refuses, changing nothing, if any of those cells was edited since. */
  async undo(context: Excel.RequestContext, undo: UndoToken, when: string): Promise<HostResult<WriteDone>> {
    const ws = context.workbook.worksheets.getItem(undo.sheet);
    const cells = undo.cells.map((c) => c.cell);
    // The Change log is looked for with the cells' read, and the undo's rows go with the last block put back: no round trip of its own.
    const log = undo.log?.length ? queueChangeLog(context) : null;
    const now = await readCells(context, ws, cells);
    const edited = undo.cells.filter((c, i) => now[i].formula !== null || String(now[i].value) !== c.after).map((c) => c.cell);
    if (edited.length) return hostError("edited-since-write", { sheet: undo.sheet, cells: edited, what: undo.what });
    const texts = undo.cells.map((c) => String(c.before));
    this.session.forget();
    const append = log?.();
    await asOwnWrite(
      () =>
        writeCellsInBlocks(context, texts, texts, 4, (from, to) => {
          queueRestore(ws, undo.cells.slice(from, to));
          if (append && to === undo.cells.length) append(undo.log!.map((row) => [when, ...row]));
        }),
      { sheet: undo.sheet, cells },
    );
    refreshSoon();
    return { sheet: undo.sheet, cells };
  }

  /**
   * Write confirmed changes as text: the cells as they were first (for the
   * undo), then the write — 2 round trips, one more of each per ~2 MB of
   * cells. If a later block fails, the blocks already written are put back.
   */
  private async write(context: Excel.RequestContext, sheet: string, changes: readonly CellChange[], what: string, log?: WriteLog): Promise<UndoToken> {
    // The tracker changes: its change events say so too, but late on some Excel versions; the next command reads it again.
    this.session.forget();
    const ws = context.workbook.worksheets.getItem(sheet);
    const cells = changes.map((c) => c.cell);
    // The Change log is looked for with the cells' read, and its rows go with the write's last block.
    const logged = log?.rows.length ? queueChangeLog(context) : null;
    const before = await readCells(context, ws, cells);
    const append = logged?.();
    const undo: UndoToken = {
      sheet,
      what,
      cells: changes.map((c, i) => ({ cell: c.cell, after: c.after, before: before[i].formula ?? before[i].value, formula: before[i].formula !== null, numberFormat: before[i].numberFormat })),
      ...(log?.undoRows.length ? { log: log.undoRows } : {}),
    };
    const texts = changes.map((c) => c.after);
    const befores = undo.cells.map((c) => String(c.before));
    let putBack = false;
    let takeBack: TakeBack | undefined;
    // Up to the end of the block that failed: Excel keeps what it did before the failing action. The log's rows, if they went with it, go too.
    const putBackUpTo = async (upTo: number) => {
      await writeCellsInBlocks(context, cells.slice(0, upTo), befores.slice(0, upTo), 4, (from, to) => queueRestore(ws, undo.cells.slice(from, to)));
      await takeBack?.();
      putBack = true;
    };
    const queueWrite = (from: number, to: number) => {
      queueTextWrites(ws, changes.slice(from, to).map((c) => ({ cell: c.cell, text: c.after })));
      if (append && to === changes.length) takeBack = append(log!.rows);
    };
    try {
      await asOwnWrite(() => writeCellsInBlocks(context, cells, texts, 2, queueWrite, putBackUpTo), { sheet, cells });
    } catch (err) {
      throw new PartWrittenError(err, putBack);
    }
    refreshSoon();
    return undo;
  }
}

/** The cells that add a word of the organisation's to the words sheet (1 round trip), and whether the sheet is still to be made; or why it cannot be added. */
export async function ownWordChanges(context: Excel.RequestContext, word: OwnWord): Promise<HostResult<{ changes: CellChange[]; sheetMissing: boolean }>> {
  const held = queueWordsSheet(context);
  await context.sync();
  const sheet = held();
  const place = ownWordWrites(sheet.grid ?? null, word.word, word.means);
  if (!place.ok) return hostError("own-word-refused", place);
  return { changes: place.writes.map((w) => ({ cell: w.cell, before: "", after: w.text })), sheetMissing: !sheet.exists };
}
