/**
 * Bounded memory for big workbooks. Reading is row by row (src/xlsx/stream-read.ts),
 * so what a run keeps grows with the tracker's rows; but Node lets its heap grow to
 * several gigabytes before it collects, so a tracker of a million rows would peak
 * at 2.6 GB when 1.3 GB is all it holds. A run given a workbook bigger than
 * BIG_FILE therefore runs again in a child Node whose heap is capped at HEAP_MB,
 * which collects sooner and stays under 2 GB in all (npm run bench -- --big
 * 1000000 measures it). Should a workbook still need more, the run ends with one
 * line and exit 2, never Node's report of a heap out of memory.
 */
import { spawn } from "node:child_process";
import { statSync } from "node:fs";
import { getHeapStatistics } from "node:v8";

/** The heap a big workbook's run gets (MB): with the file's bytes and Node itself, under 2 GB. */
export const HEAP_MB = 1536;
/** The heap to give: HEAP_MB, or DELIVERY_PLAN_HEAP_MB (a machine with memory to spare, or a test of running out). */
export function heapMb(env: NodeJS.ProcessEnv = process.env): number {
  const given = Number(env.DELIVERY_PLAN_HEAP_MB);
  return Number.isInteger(given) && given >= 16 ? given : HEAP_MB;
}
/** A workbook this big (bytes, as stored) is read in the capped child: about 80,000 rows. */
export const BIG_FILE = 4 * 1024 * 1024;
/** Set in the child, so that it does not start another. */
const CHILD = "DELIVERY_PLAN_CAPPED_HEAP";
/** The terminal's width, when the parent's stderr is a terminal (the child's is a pipe). */
const TERMINAL = "DELIVERY_PLAN_TERMINAL_COLUMNS";

/** Whether this run should go to a child with a capped heap: a big file among its arguments, and a heap allowed to grow past the cap. */
export function wantsCappedHeap(argv: readonly string[], env: NodeJS.ProcessEnv = process.env, heapLimit = getHeapStatistics().heap_size_limit): boolean {
  if (env[CHILD] || heapLimit <= heapMb(env) * 1.25 * 1024 * 1024) return false;
  return argv.some((a) => {
    try {
      const s = statSync(a);
      return s.isFile() && s.size > BIG_FILE;
    } catch {
      return false;
    }
  });
}

/** In the child: the parent's terminal, for the progress line (its own stderr is a pipe). */
export function parentTerminal(env: NodeJS.ProcessEnv = process.env): { isTTY: true; columns: number } | null {
  const columns = Number(env[TERMINAL]);
  return env[CHILD] && Number.isFinite(columns) && columns > 0 ? { isTTY: true, columns } : null;
}

/** Where V8's own report of a heap out of memory starts: it is kept from the user. */
const NODE_FATAL = /<--- Last few GCs --->|FATAL ERROR:|JavaScript heap out of memory/;

/**
 * Run the command again in a child Node with its heap capped (the same script, the same
 * arguments), its output passed through; its exit code, or 2 with one line when it ran
 * out of memory anyway.
 */
export function runCapped(script: string, argv: readonly string[]): Promise<number> {
  return new Promise((resolve) => {
    const env = { ...process.env, [CHILD]: "1", ...(process.stderr.isTTY ? { [TERMINAL]: String(process.stderr.columns ?? 80) } : {}) };
    const heap = heapMb();
    const child = spawn(process.execPath, [`--max-old-space-size=${heap}`, script, ...argv], { stdio: ["inherit", "inherit", "pipe"], env });
    let fatal = false;
    child.stderr!.setEncoding("utf8");
    child.stderr!.on("data", (text: string) => {
      if (fatal) return;
      // Passed on as it comes (the progress line is updated in place), up to where V8's report starts.
      const at = text.search(NODE_FATAL);
      if (at >= 0) {
        fatal = true;
        text = text.slice(0, at).replace(/\n?$/, "\n");
        if (text.trim() === "") return;
      }
      process.stderr.write(text);
    });
    const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
    const onInt = forward("SIGINT");
    const onTerm = forward("SIGTERM");
    process.on("SIGINT", onInt);
    process.on("SIGTERM", onTerm);
    child.on("error", () => {
      process.stderr.write("delivery-plan: could not start the reader for a big workbook.\n");
      resolve(2);
    });
    child.on("close", (code, signal) => {
      process.off("SIGINT", onInt);
      process.off("SIGTERM", onTerm);
      if (fatal || signal === "SIGABRT" || code === 134) {
        process.stderr.write(`delivery-plan: the workbook is too big to read within the ${heap.toLocaleString("en-GB")} MB of memory this tool allows itself. Split the tracker, or remove sheets and columns it does not need, or allow more with DELIVERY_PLAN_HEAP_MB, and try again.\n`);
        resolve(2);
        return;
      }
      resolve(code ?? (signal === "SIGINT" ? 130 : 2));
    });
  });
}
