/**
 * The command line on any disk and any pipe: --out written atomically (a full
 * disk, a file-size limit or a failing write leaves the old file byte for byte
 * and no other file; two runs onto one --out leave a file that opens), a closed
 * stdout ends the run quietly with exit 0, and every message is one plain line.
 */
import { execFile, spawn } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { writeAtomically, writeFileAtomically } from "../../src/cli/files";
import { run } from "../../src/cli/run";
import { jsonFault } from "../../src/cli/words";
import { loadWorkbook, workbookGrids } from "../../src/xlsx";
import { HOSTILE_CASES, workbookFile, zipOf, workbookParts } from "../corpus/hostile-files";
import { HERTS } from "../support/factories";

jest.setTimeout(300_000);

const ROOT = path.resolve(__dirname, "../..");
const CLI = path.join(ROOT, "lib", "cli", "main.js");

let tmp: string;
let tracker: string;
beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "dp-robust-"));
  tracker = path.join(tmp, "tracker.xlsx");
  await fs.writeFile(tracker, await workbookFile([{ name: "Tracker" }]));
});
afterAll(() => fs.rm(tmp, { recursive: true, force: true }));

async function cli(...args: string[]) {
  let out = "";
  let err = "";
  const code = await run(args, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) }, new Date(Date.UTC(2026, 11, 1)));
  return { code, out, err: err.trim() };
}

/** The built CLI in its own process, through a shell (for ulimit and pipes); its exit code and output. */
async function shell(script: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)("bash", ["-c", script], { cwd: tmp, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : -1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

const listing = async (dir: string) => (await fs.readdir(dir)).sort();

describe("atomic writes", () => {
  it("a write that fails half-way leaves the old file byte for byte, and no other file", async () => {
    const dir = await fs.mkdtemp(path.join(tmp, "fail-"));
    const target = path.join(dir, "copy.xlsx");
    const old = Buffer.from("the old copy, whole");
    await fs.writeFile(target, old);
    const before = await listing(dir);
    const full = Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
    await expect(
      writeAtomically(target, async (temporary) => {
        await fs.writeFile(temporary, Buffer.alloc(8192, 1));
        throw full;
      }),
    ).rejects.toBe(full);
    expect(await fs.readFile(target)).toEqual(old);
    expect(await listing(dir)).toEqual(before);
    // A rename that fails (the folder made read-only meanwhile, say): the same.
    const failingRename = { rename: () => Promise.reject(Object.assign(new Error("EACCES"), { code: "EACCES" })), unlink: (f: string) => fs.unlink(f) };
    await expect(writeFileAtomically(target, Buffer.from("new"), failingRename)).rejects.toThrow("EACCES");
    expect(await fs.readFile(target)).toEqual(old);
    expect(await listing(dir)).toEqual(before);
    // And a new target that fails leaves nothing at all.
    await expect(writeAtomically(path.join(dir, "new.xlsx"), () => Promise.reject(full))).rejects.toBe(full);
    expect(await listing(dir)).toEqual(before);
  });

  it("a write that succeeds replaces the file whole and keeps its permissions", async () => {
    const target = path.join(tmp, "mode.bin");
    await fs.writeFile(target, "old");
    await fs.chmod(target, 0o640);
    await writeFileAtomically(target, Buffer.from("new and whole"));
    expect(await fs.readFile(target, "utf8")).toBe("new and whole");
    expect((await fs.stat(target)).mode & 0o777).toBe(0o640);
  });

  it("the disk full under the CLI (a file-size limit): the old --out is byte-identical, no other file, one line, exit 2", async () => {
    const dir = await fs.mkdtemp(path.join(tmp, "full-"));
    const out = path.join(dir, "copy.xlsx");
    const old = Buffer.from("an earlier copy the user keeps");
    await fs.writeFile(out, old);
    // ulimit -f 16: no file this process writes may pass 16 KB (Node ignores SIGXFSZ, so the write fails with EFBIG).
    for (const command of [`summary ${JSON.stringify(HERTS)} --out ${JSON.stringify(out)}`, `format ${JSON.stringify(HERTS)} --out ${JSON.stringify(out)}`]) {
      const r = await shell(`ulimit -f 16; exec node ${JSON.stringify(CLI)} ${command} --as-of 2021-11-30`);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(/^delivery-plan: Could not write .*copy\.xlsx: the file would be larger than this system lets a file be\. .*copy\.xlsx is as it was before\.\n$/);
      expect(await fs.readFile(out)).toEqual(old);
      expect(await listing(dir)).toEqual(["copy.xlsx"]);
    }
    // A new --out: no file at all.
    const fresh = path.join(dir, "fresh.docx");
    const r = await shell(`ulimit -f 4; exec node ${JSON.stringify(CLI)} report ${JSON.stringify(HERTS)} --out ${JSON.stringify(fresh)} --as-of 2021-11-30`);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/No file was made\.\n$/);
    expect(await listing(dir)).toEqual(["copy.xlsx"]);
  });

  it("two runs onto one --out at once, 20 rounds: a whole workbook every time", async () => {
    const out = path.join(tmp, "race.xlsx");
    for (let round = 0; round < 20; round++) {
      const runs = [0, 1].map(
        () =>
          new Promise<number>((resolve) => {
            const child = spawn(process.execPath, [CLI, "summary", tracker, "--out", out, "--as-of", "2026-12-01"], { stdio: "ignore" });
            child.on("close", (code) => resolve(code ?? -1));
          }),
      );
      expect(await Promise.all(runs)).toEqual([0, 0]);
      const grids = workbookGrids(await loadWorkbook(out));
      expect(grids.map((g) => g.name)).toEqual(["Tracker", "Panel Summary", "Change log"]);
      expect((await listing(tmp)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    }
  });
});

describe("pipes", () => {
  it("a closed stdout (validate … | true, … | head -1): exit 0, nothing on stderr", async () => {
    const closed = await shell(`node ${JSON.stringify(CLI)} validate ${JSON.stringify(HERTS)} --as-of 2021-11-30 | true; echo "exit \${PIPESTATUS[0]}" >&2`);
    expect(closed.stderr).toBe("exit 0\n");
    const head = await shell(`node ${JSON.stringify(CLI)} summary ${JSON.stringify(HERTS)} --json --as-of 2021-11-30 | head -1; echo "exit \${PIPESTATUS[0]}" >&2`);
    expect(head.stdout).toBe("{\n");
    expect(head.stderr).toBe("exit 0\n");
  });

  it("a full stdout (/dev/full): one line and exit 2", async () => {
    const r = await shell(`node ${JSON.stringify(CLI)} validate ${JSON.stringify(HERTS)} --as-of 2021-11-30 > /dev/full`);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("delivery-plan: could not write the output (the disk is full).\n");
  });
});

describe("one plain line", () => {
  it("a workbook of 10,000 sheets: the list cut with a count", async () => {
    const file = path.join(tmp, "sheets.xlsx");
    await fs.writeFile(file, await HOSTILE_CASES.find((c) => c.name === "ten-thousand-sheets")!.bytes());
    const r = await cli("validate", file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^delivery-plan: .*sheets\.xlsx: No sheet looks like a delivery-plan tracker/);
    expect(r.err).toMatch(/"Sheet number 3" and 9,997 more\. Name the sheet to use, or check the headers\.$/);
    expect(r.err.length).toBeLessThanOrEqual(300);
  });

  it("a malformed words file: placed by line and column, control characters escaped, no quote of the file", async () => {
    const words = path.join(tmp, "words.json");
    await fs.writeFile(words, '{\n  "status": {"Completed": ["Signed\u0001off\n');
    const r = await cli("validate", tracker, "--words", words);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`delivery-plan: The words file ${words} is not valid JSON (line 2, column 35: bad control character in string literal). It should look like {"status": {"Completed": ["Achieved"]}}.`);
    expect(jsonFault('{"a": }', "Unexpected token '\u0007', \"{\"a\": \u0007}\" is not valid JSON")).toBe("unexpected token '\\u0007'");
  });

  it("an --out whose extension is not what is written is refused, and nothing is written", async () => {
    for (const [command, out] of [
      ["summary", "x.txt"],
      ["format", "x.xlsm"],
      ["summary", "x.xls"],
    ]) {
      const r = await cli(command, tracker, "--out", path.join(tmp, out));
      expect(r.code).toBe(2);
      expect(r.err).toMatch(new RegExp(`^delivery-plan: --out ".*${out.replace(".", "\\.")}" should end in \\.xlsx: the copy written is an Excel workbook \\(without macros\\)`));
      await expect(fs.stat(path.join(tmp, out))).rejects.toThrow("ENOENT");
    }
  });

  it("an .xlsm: the copy's note names the macros it leaves out", async () => {
    const xlsm = path.join(tmp, "macros.xlsm");
    await fs.writeFile(xlsm, await zipOf([...workbookParts([{ name: "Tracker" }]), ["xl/vbaProject.bin", new Uint8Array(64)], ["xl/charts/chart1.xml", "<c/>"]]));
    const r = await cli("format", xlsm, "--out", path.join(tmp, "macros-copy.xlsx"));
    expect(r.code).toBe(0);
    expect(r.err).toBe(`delivery-plan: note: the copy leaves out the macros (VBA project), 1 chart, which this tool cannot write. ${xlsm} itself is unchanged.`);
  });

  it("each kind of file that is not a workbook gets advice that fits", async () => {
    const cases: [string, string | Buffer, RegExp][] = [
      ["page.xlsx", "<!DOCTYPE html><html><body><table><tr><td>Ref</td></tr></table></body></html>", /is a web page \(HTML\), not a workbook/],
      ["paper.xlsx", "%PDF-1.7\n...", /is a PDF, not a workbook/],
      ["xml2003.xlsx", '<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>', /is an XML Spreadsheet 2003 file/],
      ["empty.xlsx", "", /is empty \(0 bytes\)/],
      ["cut.xlsx", (await workbookFile([{ name: "Tracker" }])).subarray(0, 900), /is damaged: its zip is cut short or broken .* Get a fresh copy/],
    ];
    for (const [name, bytes, expected] of cases) {
      const file = path.join(tmp, name);
      await fs.writeFile(file, bytes);
      const r = await cli("validate", file);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(expected);
      expect(r.err).not.toMatch(/CSV/);
    }
  });
});
