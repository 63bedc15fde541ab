/**
 * The progress line of long work (src/cli/progress.ts): on a terminal's stderr
 * only, after a step has run a second, one line updated in place and cleared at
 * the end. Time is a clock the test moves, never a wait.
 */
import { execFile } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { PROGRESS_DELAY_MS, Progress } from "../../src/cli/progress";
import type { Clock } from "../../src/cli/progress";
import { run } from "../../src/cli/run";
import { HERTS, HERTS_JUNE } from "../support/factories";

jest.setTimeout(60_000);

const CLEAR = "\r\x1b[K";

/** A fake terminal (or pipe): what was written, and what the line shows now. */
class FakeStream {
  readonly writes: string[] = [];
  constructor(
    readonly isTTY: boolean,
    readonly columns?: number,
  ) {}
  write(text: string): boolean {
    this.writes.push(text);
    return true;
  }
  /** The terminal's current line after every write: "\r\x1b[K" clears it, the rest is typed on it. */
  get line(): string {
    let line = "";
    for (const w of this.writes) {
      const [typed, ...afterClears] = w.split(CLEAR);
      line += typed;
      for (const p of afterClears) line = p;
    }
    return line;
  }
}

/** A clock that moves only when the test says. */
class ManualClock implements Clock {
  private t = 0;
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private next = 1;
  now(): number {
    return this.t;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.timers.push({ at: this.t + ms, fn, id });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((x) => x.id !== handle);
  }
  /** Time passes and the timers due run (as when the CLI awaits I/O). */
  advance(ms: number): void {
    this.t += ms;
    for (const due of this.timers.filter((x) => x.at <= this.t)) {
      this.timers = this.timers.filter((x) => x !== due);
      due.fn();
    }
  }
  /** Time passes with no chance for a timer to run (work that never yields). */
  busy(ms: number): void {
    this.t += ms;
  }
}

describe("the progress line", () => {
  it("shows a step only once it has run a second, updates it in place, and clears it at the end", () => {
    const tty = new FakeStream(true);
    const clock = new ManualClock();
    const p = new Progress(tty, clock);
    p.step("reading tracker.xlsx");
    clock.advance(PROGRESS_DELAY_MS - 1);
    expect(tty.writes).toEqual([]);
    clock.advance(1);
    expect(tty.line).toBe("delivery-plan: reading tracker.xlsx…");
    // Once a line is up, the next step replaces it at once, on the same line.
    p.step("checking 97 actions");
    expect(tty.line).toBe("delivery-plan: checking 97 actions…");
    p.step("writing copy.xlsx");
    expect(tty.line).toBe("delivery-plan: writing copy.xlsx…");
    expect(tty.writes.every((w) => w.startsWith(CLEAR) && !w.includes("\n"))).toBe(true);
    p.done();
    expect(tty.line).toBe("");
    expect(tty.writes.at(-1)).toBe(CLEAR);
  });

  it("shows nothing for steps that each end within a second", () => {
    const tty = new FakeStream(true);
    const clock = new ManualClock();
    const p = new Progress(tty, clock);
    p.step("reading tracker.xlsx");
    clock.advance(600);
    p.step("checking 97 actions");
    clock.advance(600);
    p.step("writing copy.xlsx");
    clock.advance(600);
    p.done();
    clock.advance(5_000);
    expect(tty.writes).toEqual([]);
  });

  it("shows the next step at once after a step that kept the CLI busy over a second", () => {
    const tty = new FakeStream(true);
    const clock = new ManualClock();
    const p = new Progress(tty, clock);
    p.step("reading tracker.xlsx");
    clock.busy(1_500);
    p.step("checking 20,000 actions");
    expect(tty.line).toBe("delivery-plan: checking 20,000 actions…");
    p.done();
    expect(tty.line).toBe("");
  });

  it("writes nothing to a stderr that is not a terminal, nor with --json", () => {
    for (const p of [new Progress(new FakeStream(false), new ManualClock()), new Progress(new FakeStream(true), new ManualClock(), false)]) {
      const stream = (p as unknown as { stream: FakeStream }).stream;
      const clock = (p as unknown as { clock: ManualClock }).clock;
      p.step("reading tracker.xlsx");
      clock.advance(10_000);
      clock.busy(10_000);
      p.step("writing copy.xlsx");
      clock.advance(10_000);
      p.done();
      expect(stream.writes).toEqual([]);
    }
  });

  it("cuts a line longer than the terminal, so that it never wraps", () => {
    const tty = new FakeStream(true, 40);
    const clock = new ManualClock();
    const p = new Progress(tty, clock);
    p.step(`reading ${"/a/long/folder".repeat(10)}/tracker.xlsx`);
    clock.advance(PROGRESS_DELAY_MS);
    expect(tty.line.length).toBe(39);
    expect(tty.line).toMatch(/^delivery-plan: reading \/a\/long.*…$/);
  });
});

describe("delivery-plan with a progress line", () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), "dp-progress-"));
  });
  afterAll(async () => {
    await fs.rm(tmp, { recursive: true, force: true });
  });

  /** A slow machine: every timer's second has passed by the time the CLI next waits for I/O. */
  const slowMachine = (): Clock => {
    let t = 0;
    return { now: () => t++, setTimeout: (fn) => setImmediate(fn), clearTimeout: (h) => clearImmediate(h as NodeJS.Immediate) };
  };

  async function inProcess(args: string[], progress?: FakeStream) {
    let out = "";
    let err = "";
    const code = await run(args, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`), progress, clock: slowMachine() });
    return { code, out, err };
  }

  it("on a terminal: reading, checking and writing on one line, cleared before the result is printed", async () => {
    const tty = new FakeStream(true);
    const out = path.join(tmp, "summary.xlsx");
    const args = ["summary", HERTS, "--previous", HERTS_JUNE, "--out", out, "--as-of", "2021-11-30"];
    const r = await inProcess(args, tty);
    expect(r.code).toBe(0);
    const shown = tty.writes.filter((w) => w !== CLEAR).map((w) => w.replace(CLEAR, ""));
    expect(shown).toEqual([`delivery-plan: reading ${HERTS}…`, `delivery-plan: reading ${HERTS_JUNE}…`, "delivery-plan: checking 97 actions…", `delivery-plan: writing ${out}…`]);
    expect(tty.line).toBe("");
    // What is printed is the same as with no terminal.
    const out2 = path.join(tmp, "summary-2.xlsx");
    const plain = await inProcess(["summary", HERTS, "--previous", HERTS_JUNE, "--out", out2, "--as-of", "2021-11-30"]);
    expect(r.out.replaceAll(out, "X")).toBe(plain.out.replaceAll(out2, "X"));
    expect(r.err).toBe(plain.err);
  });

  it("with --json, or when stderr is not a terminal, writes nothing extra", async () => {
    const tty = new FakeStream(true);
    const json = await inProcess(["summary", HERTS, "--json", "--as-of", "2021-11-30"], tty);
    expect(json.code).toBe(0);
    expect(tty.writes).toEqual([]);
    JSON.parse(json.out);
    const pipe = new FakeStream(false);
    const piped = await inProcess(["summary", HERTS, "--out", path.join(tmp, "piped.xlsx"), "--as-of", "2021-11-30"], pipe);
    expect(piped.code).toBe(0);
    expect(pipe.writes).toEqual([]);
    expect(piped.err).not.toContain("delivery-plan: reading");
  });

  it("the command itself, its stderr a pipe: no progress text", async () => {
    const bin = path.resolve(__dirname, "../../lib/cli/main.js");
    const { stdout, stderr } = await promisify(execFile)("node", [bin, "summary", HERTS, "--out", path.join(tmp, "bin.xlsx"), "--as-of", "2021-11-30"]);
    expect(stderr).toBe("");
    expect(stdout).not.toContain("\x1b");
    expect(stdout).toContain("Wrote ");
  });
});
