/**
 * The web worker that reads the returns the officer picks (Merge returns), so a
 * big or hostile file never holds up the pane, nor Excel's UI with it. It reads
 * with src/returns-web's reader, the same limits as every workbook, fetched as
 * the lazy "returns-xlsx" chunk on the first file: ExcelJS is never in the
 * worker's own first script either. It answers each file with the reader's one
 * result: the return read, or one plain line.
 */
import "../shared/no-eval";
import type { ReturnFileResult } from "../returns-web";

export interface ReturnsWorkerAsk {
  id: number;
  name: string;
  data: ArrayBuffer;
}

export interface ReturnsWorkerAnswer {
  id: number;
  result: ReturnFileResult;
}

self.addEventListener("message", (event: MessageEvent<ReturnsWorkerAsk>) => {
  const { id, name, data } = event.data;
  const answer = (result: ReturnFileResult) => self.postMessage({ id, result } satisfies ReturnsWorkerAnswer);
  import(/* webpackChunkName: "returns-xlsx" */ "../returns-web")
    .then((m) => m.readReturnFile(data, name))
    .then(answer, (err: unknown) => answer({ ok: false, message: `${name} could not be read (${err instanceof Error ? err.message : String(err)}). Try again; if it fails again, ask the lead to save the return again as .xlsx.` }));
});
