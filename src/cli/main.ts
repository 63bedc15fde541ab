#!/usr/bin/env node
import { run } from "./run";

run(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  progress: process.stderr,
}).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.stderr.write("delivery-plan: unexpected failure.\n");
    process.exitCode = 2;
  },
);
