/**
 * The pane's reader of returns (src/returns-web, the lazy chunk), in Node with the browser's own inflater
 * (DecompressionStream "deflate-raw", as Chromium has it): a return reads as the CLI's reader reads it, and a
 * hostile, damaged or huge file gets one line, never a throw, within the same limits as any workbook.
 */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { HOSTILE_CASES } from "../corpus/hostile-files";
import { readReturnFile, returnFiles, MAX_RETURN_BYTES } from "../../src/returns-web";
import { readReturn, readWorkbookGrids } from "../../src/xlsx";
import { readTracker, requestPlan } from "../../src/model";
import { CAMBS } from "../support/factories";
import { fill } from "./support";

jest.setTimeout(120_000);

const asArrayBuffer = (b: Uint8Array) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

it("reads a filled return as the CLI's reader does, with the browser's inflater", async () => {
  const grid = (await readWorkbookGrids(CAMBS)).find((g) => g.name === "Delivery Plan")!;
  const report = readTracker(grid);
  const plan = requestPlan({ tracker: report.tracker!, actions: report.actions, grid, file: "cambs.xlsx", by: "lead", period: "February 2019", due: null, sent: "2026-12-07" });
  const jh = (await returnFiles(plan)).find((f) => f.lead === "JH")!;
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "pane-reader-"));
  try {
    const sent = path.join(dir, "sent.xlsx");
    await fs.writeFile(sent, jh.bytes);
    const filled = await fill(sent, path.join(dir, jh.file), [
      { id: "T1", header: "This period: RAG", value: "Green" },
      { id: "O10", header: "This period: update", value: "Done." },
    ]);
    const bytes = await fs.readFile(filled);
    const pane = await readReturnFile(asArrayBuffer(bytes), jh.file);
    expect(pane).toEqual({ ok: true, read: await readReturn(filled, jh.file) });
    if (!pane.ok) return;
    expect(pane.read.rows.map((r) => [r.id, r.given.rag?.text, r.given.update?.text])).toEqual([
      ["O10", "", "Done."],
      ["T1", "Green", ""],
    ]);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});

// Each kind of hostile file the CLI's corpus holds that the CLI refuses (exit 2), and those a return cannot be.
const REFUSED = HOSTILE_CASES.filter((c) => c.exits.includes(2) && c.name !== "ten-thousand-sheets");

it.each(REFUSED.map((c) => [c.name, c] as const))("refuses %s in one line, without throwing", async (_name, c) => {
  const bytes = await c.bytes();
  const r = await readReturnFile(asArrayBuffer(bytes), `${c.name}.xlsx`);
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.message).toMatch(new RegExp(`^${c.name}\\.xlsx `));
  expect(r.message).not.toMatch(/\n/);
});

it("refuses a workbook that is no return, and a file over the size a return may be", async () => {
  const tracker = await fs.readFile(CAMBS);
  expect(await readReturnFile(asArrayBuffer(tracker), "tracker.xlsx")).toEqual({ ok: false, message: expect.stringMatching(/^tracker\.xlsx is not a return this tool sent: it has no key sheet/) });
  expect(await readReturnFile(new ArrayBuffer(MAX_RETURN_BYTES + 1), "huge.xlsx")).toEqual({ ok: false, message: expect.stringMatching(/^huge\.xlsx is 50 MB, over the 50 MB a return may be\./) });
});
