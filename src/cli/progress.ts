/**
 * Progress for long work: when stderr is a terminal and a step (reading,
 * checking, writing) has taken over a second, one line on stderr says what the
 * CLI is doing, updated in place at each next step and cleared at the end.
 * Nothing at all when stderr is not a terminal (a pipe, a file, a CI log) or
 * with --json: what a program reads stays as it was.
 *
 * The stream and the clock are given, so that tests can use a fake terminal and
 * a clock they control.
 */

/** Where the line goes: process.stderr, or a test's fake terminal. */
export interface ProgressStream {
  isTTY?: boolean;
  /** The terminal's width: a longer line is cut, so that it never wraps (a wrapped line cannot be updated in place). */
  columns?: number;
  write(text: string): unknown;
}

/** The time and the timers the progress line uses (the real ones in main.ts). */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    // The line must never keep the process alive on its own.
    t.unref?.();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

/** Back to the line's start, and clear to its end. */
const CLEAR = "\r\x1b[K";

/** How long a step runs before its line is shown. */
export const PROGRESS_DELAY_MS = 1000;

export class Progress {
  private label: string | null = null;
  private started = 0;
  private timer: unknown = null;
  private shown = false;
  private readonly on: boolean;

  constructor(
    private readonly stream: ProgressStream | undefined,
    private readonly clock: Clock = realClock,
    enabled = true,
  ) {
    this.on = enabled && stream?.isTTY === true;
  }

  /** A step begins, e.g. "reading tracker.xlsx". Shown at once when a line is already up, else after a second. */
  step(label: string): void {
    if (!this.on) return;
    const now = this.clock.now();
    // The step before kept the CLI busy for over a second without a chance to show it (work that never yields).
    const waited = this.label !== null && now - this.started >= PROGRESS_DELAY_MS;
    this.label = label;
    this.started = now;
    this.cancel();
    if (this.shown || waited) this.render();
    else this.timer = this.clock.setTimeout(() => this.render(), PROGRESS_DELAY_MS);
  }

  /** Take the line off (before other output, and at the end). */
  clear(): void {
    this.cancel();
    if (this.shown) this.stream!.write(CLEAR);
    this.shown = false;
  }

  /** The work is over: no more line. */
  done(): void {
    this.clear();
    this.label = null;
  }

  private cancel(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private render(): void {
    this.timer = null;
    if (this.label === null) return;
    const width = this.stream!.columns;
    let text = `delivery-plan: ${this.label}…`;
    if (width && width > 10 && text.length > width - 1) text = `${text.slice(0, width - 2)}…`;
    this.stream!.write(`${CLEAR}${text}`);
    this.shown = true;
  }
}
