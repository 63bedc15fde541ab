/**
 * The first contact with the command line (issue 24, scope 4), run as a user
 * runs it (the built bin): no arguments is a usage error, and a --map or
 * --period-column that cannot be applied stops the run with exit 2 before
 * anything else is printed or written, suggesting the nearest field or column.
 */
import { execFile } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { nearestName } from "../../src/model";
import { CAMBS, HERTS } from "../support/factories";

jest.setTimeout(60_000);

const BIN = path.resolve(__dirname, "../../lib/cli/main.js");

async function cli(...args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)("node", [BIN, ...args]);
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let tmp: string;
beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "dp-first-"));
});
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

describe("delivery-plan with nothing to do", () => {
  it("no arguments: the usage on stderr, nothing on stdout, exit 2", async () => {
    const r = await cli();
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^Usage:\n {2}delivery-plan validate <file\.xlsx>/);
  });

  it("--help: the usage on stdout, exit 0", async () => {
    const r = await cli("--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage:/);
  });
});

describe("a mapping that cannot be applied stops the run", () => {
  it("an unknown field: exit 2, one line, and the nearest field", async () => {
    const r = await cli("validate", HERTS, "--map", "stauts=C");
    expect([r.code, r.stdout]).toEqual([2, ""]);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain("Did you mean --map status=C?");
  });

  it("a header not in the header row: exit 2 before anything is printed or written, and the nearest header", async () => {
    const out = path.join(tmp, "not-written.xlsx");
    const r = await cli("summary", HERTS, "--as-of", "2021-11-30", "--map", "status=Status this reportng period", "--out", out);
    expect([r.code, r.stdout]).toEqual([2, ""]);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain('The Status column was set to "Status this reportng period"');
    expect(r.stderr).toContain('Did you mean --map status="Status this reporting period"?');
    await expect(fs.stat(out)).rejects.toThrow();
  });

  it("a column letter past the table: exit 2, naming the sheet's columns", async () => {
    const r = await cli("validate", CAMBS, "--json", "--map", "lead=Q");
    expect([r.code, r.stdout]).toEqual([2, ""]);
    expect(r.stderr).toMatch(/no such column in its table \(columns A to [A-Z]\)/);
  });

  it("--period-column on a tracker that keeps one period: exit 2, before anything is printed", async () => {
    const r = await cli("summary", CAMBS, "--period-column", "current=F");
    expect([r.code, r.stdout]).toEqual([2, ""]);
    expect(r.stderr).toContain("Leave the period column out.");
  });
});

describe("nearestName", () => {
  it("finds a slip of the keyboard, a start of a name, and nothing far off", () => {
    const headers = ["CSCJ Plan priority", "Action", "Status this reporting period", "Timeframe"];
    expect(nearestName("Status this reportng period", headers)).toBe("Status this reporting period");
    expect(nearestName("time frame", headers)).toBe("Timeframe");
    expect(nearestName("Stat", headers)).toBe("Status this reporting period");
    expect(nearestName("Budget", headers)).toBeNull();
    // Already one of them: nothing to suggest.
    expect(nearestName("action", headers)).toBeNull();
  });
});

describe("a position date far from the tracker's own period", () => {
  it("summary --out warns when --as-of is more than a quarter from the period, and not when it is close", async () => {
    const far = await cli("summary", CAMBS, "--as-of", "2021-11-30", "--out", path.join(tmp, "far.xlsx"));
    expect(far.code).toBe(0);
    expect(far.stderr).toContain("delivery-plan: warning: the position date, 30 November 2021, is more than a quarter after the tracker's own period, November 2018");
    const near = await cli("summary", CAMBS, "--as-of", "2018-12-31", "--out", path.join(tmp, "near.xlsx"));
    expect([near.code, near.stderr]).toEqual([0, ""]);
  });

  it("report warns the same way", async () => {
    const far = await cli("report", CAMBS, "--as-of", "2018-01-31", "--out", path.join(tmp, "far.docx"));
    expect(far.code).toBe(0);
    expect(far.stderr).toContain("is more than a quarter before the tracker's own period, November 2018");
  });
});
