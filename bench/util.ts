/** Small helpers shared by the bench's parts: timing, sizes, tables, the machine. */
import os from "node:os";
import { performance } from "node:perf_hooks";

export const SIZES = [1_000, 5_000, 20_000] as const;

export function ms(t: number): string {
  if (t >= 10_000) return `${(t / 1000).toFixed(1)} s`;
  return `${t.toFixed(t < 10 ? 2 : t < 100 ? 1 : 0)} ms`;
}

export function size(bytes: number): string {
  if (bytes < 10_240) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Run fn `runs` times (after `warmup` untimed runs); the median time and the last result. */
export async function timed<T>(runs: number, fn: () => T | Promise<T>, warmup = 1): Promise<{ median: number; times: number[]; result: T }> {
  let result!: T;
  for (let i = 0; i < warmup; i++) result = await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    result = await fn();
    times.push(performance.now() - t);
  }
  return { median: median(times), times, result };
}

/** A plain text table: the first row is the header. */
export function table(rows: string[][], indent = "  "): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
  const line = (r: string[]) => indent + r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  ");
  return [line(rows[0]), indent + widths.map((w) => "-".repeat(w)).join("  "), ...rows.slice(1).map(line)].join("\n");
}

export function heading(text: string): void {
  console.log(`\n${text}\n${"=".repeat(text.length)}`);
}

export function machine(): string {
  const cpus = os.cpus();
  return `${cpus[0]?.model.trim() ?? "unknown CPU"}, ${cpus.length} cores, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GB RAM, ${os.type()} ${os.release()} ${os.arch()}, Node ${process.version}`;
}

/** A target line: "met" or "MISSED by …". */
export function verdict(ok: boolean, missedBy: string): string {
  return ok ? "met" : `MISSED (${missedBy})`;
}

/** The results every part adds to, printed together at the end. */
export interface TargetLine {
  measure: string;
  size: string;
  figure: string;
  target: string;
  verdict: string;
}
export const targets: TargetLine[] = [];
