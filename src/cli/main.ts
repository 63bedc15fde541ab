#!/usr/bin/env node
import { run } from "./run";
import { parentTerminal, runCapped, wantsCappedHeap } from "./memory";
import { isReturnCommand, runReturns } from "./returns";
import { runSignOff } from "./sign-off";

/**
 * A closed pipe (`delivery-plan validate … | head -1`) ends the run quietly with
 * exit 0, as other command-line tools do; a full output (a disk or /dev/full)
 * ends it with one line and exit 2. Never Node's stack trace for either.
 */
function onOutputError(err: NodeJS.ErrnoException): void {
  if (err.code === "EPIPE" || err.code === "ERR_STREAM_DESTROYED") process.exit(0);
  try {
    const why = err.code === "ENOSPC" ? "the disk is full" : err.code === "EFBIG" ? "the file is too large" : (err.code ?? String(err.message).split("\n")[0].slice(0, 100));
    process.stderr.write(`delivery-plan: could not write the output (${why}).\n`);
  } catch {
    // stderr is gone too: nothing more can be said.
  }
  process.exit(2);
}
process.stdout.on("error", onOutputError);
process.stderr.on("error", (err: NodeJS.ErrnoException) => process.exit(err.code === "EPIPE" ? 0 : 2));

// In the child that reads a big workbook (memory.ts), the progress line goes to the parent's terminal.
const terminal = parentTerminal();
const io = {
  out: (text: string) => process.stdout.write(`${text}\n`),
  err: (text: string) => process.stderr.write(`${text}\n`),
  progress: terminal ? { ...terminal, write: (text: string) => process.stderr.write(text) } : process.stderr,
};
const argv = process.argv.slice(2);
// A big workbook is read in a child Node with a capped heap (memory.ts); a quarter's returns (requests, merge, returns-status): src/cli/returns.ts;
// signing off a period: src/cli/sign-off.ts.
(wantsCappedHeap(argv) ? runCapped(__filename, argv) : isReturnCommand(argv[0]) ? runReturns(argv, io) : argv[0] === "sign-off" ? runSignOff(argv, io) : run(argv, io)).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.stderr.write("delivery-plan: unexpected failure.\n");
    process.exitCode = 2;
  },
);
