/** The delivery-plan command, run as a user runs it: the built bin on real files. */
import { execFile } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { run } from "../../src/cli/run";
import { CAMBS, HERTS, HERTS_JUNE, workbookBuffer } from "../support/factories";

// Each test runs the CLI in processes of its own: seconds each on a busy 2-core CI machine.
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

async function inProcess(...args: string[]) {
  let out = "";
  let err = "";
  const code = await run(args, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

let tmp: string;
beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "dp-cli-"));
});

describe("delivery-plan validate", () => {
  it("exits 0 on the Hertfordshire tracker and gives the mapping as JSON", async () => {
    const r = await cli("validate", HERTS, "--json", "--as-of", "2021-11-30");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.tracker).toMatchObject({
      sheet: "Delivery Plan 2021-22",
      headerRow: 4,
      columns: { id: "CSCJ Plan priority", action: "Action", status: "Status this reporting period" },
    });
    expect(json.actions).toBe(97);
    // As at the end of November 2021: two actions past their timeframe, two timeframes with no date.
    expect(json.issues.map((i: { code: string; cell: string }) => `${i.code}@${i.cell}`)).toEqual([
      "timeframe-unread@E32",
      "timeframe-unread@E33",
      "overdue@E37",
      "overdue@E101",
    ]);
    expect(json.issues.filter((i: { severity: string }) => i.severity === "error")).toEqual([]);
  });

  it("lists Cambridgeshire's issues with sheet and cell, in plain words", async () => {
    const r = await cli("validate", CAMBS);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Tracker: sheet "Delivery Plan", header on row 5, 40 actions.');
    expect(r.stdout).toContain("Delivery Plan!B40: Action T1 has no action text in B40.");
  });

  it("exits 1 with a plain error when there is no status or RAG column", async () => {
    const file = path.join(tmp, "no-status.xlsx");
    await fs.writeFile(file, await workbookBuffer({ rows: [["Ref", "Action", "Lead"], ["1", "Do it", "NP"]] }));
    const r = await cli("validate", file);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/ERROR\s+Tracker!A1: Sheet "Tracker" has no status column and no RAG column/);
    expect(r.stderr).toBe("");
  });

  it("exits 2 with one line on stderr, no stack trace, for a missing file, a corrupt file, no tracker and bad arguments", async () => {
    const corrupt = path.join(tmp, "corrupt.xlsx");
    await fs.writeFile(corrupt, "not a zip");
    const notTracker = path.join(tmp, "budget.xlsx");
    await fs.writeFile(notTracker, await workbookBuffer({ rows: [["Item", "Cost"], ["Vans", 100]] }));
    for (const args of [["validate", path.join(tmp, "missing.xlsx")], ["validate", corrupt], ["summary", notTracker], ["frobnicate", HERTS], ["validate", HERTS, "--sheet", "Nope"], ["validate", HERTS, "--map", "colour=C"], ["validate", HERTS, "--as-of", "2026-13-45"]]) {
      const r = await cli(...args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr.split("\n")[0]).toMatch(/^delivery-plan: /);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
    }
  });
});

describe("the workbooks given are never overwritten", () => {
  it("refuses --out that is the tracker through a link, or the previous period's file", async () => {
    const tracker = path.join(tmp, "t.xlsx");
    const previous = path.join(tmp, "p.xlsx");
    await fs.copyFile(HERTS, tracker);
    await fs.copyFile(HERTS_JUNE, previous);
    const link = path.join(tmp, "link.xlsx");
    await fs.symlink(tracker, link);
    const before = await fs.readFile(tracker);
    const viaLink = await cli("format", tracker, "--out", link);
    expect(viaLink.code).toBe(2);
    expect(viaLink.stderr).toContain("never overwritten");
    expect((await fs.readFile(tracker)).equals(before)).toBe(true);
    const prevBefore = await fs.readFile(previous);
    const onPrevious = await cli("summary", tracker, "--previous", previous, "--out", previous);
    expect(onPrevious.code).toBe(2);
    expect((await fs.readFile(previous)).equals(prevBefore)).toBe(true);
  });
});

describe("copies and what they cannot keep", () => {
  it("says when the copy leaves out a chart, and still writes it", async () => {
    // A workbook with a chart part, as Excel saves one (the part's presence is what matters).
    const JSZip = (await import("jszip")).default;
    const zip = await JSZip.loadAsync(await fs.readFile(HERTS));
    zip.file("xl/charts/chart1.xml", "<c:chartSpace xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\"/>");
    const withChart = path.join(tmp, "with-chart.xlsx");
    await fs.writeFile(withChart, await zip.generateAsync({ type: "nodebuffer" }));
    const r = await cli("format", withChart, "--out", path.join(tmp, "with-chart-out.xlsx"), "--as-of", "2021-11-30");
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("leaves out 1 chart");
    expect(r.stderr).toContain("itself is unchanged");
    const plain = await cli("format", HERTS, "--out", path.join(tmp, "plain-out.xlsx"), "--as-of", "2021-11-30");
    expect(plain.stderr).toBe("");
  });
});

describe("delivery-plan summary", () => {
  it("gives the Hertfordshire counts as JSON with the documented keys", async () => {
    const r = await cli("summary", HERTS, "--json", "--as-of", "2021-11-30");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.actions).toBe(97);
    expect(json.status).toMatchObject({ Completed: 45, "In progress": 52, "On hold": 0, "Not yet started": 0 });
    expect(json.rag).toMatchObject({ Red: 0, Amber: 0, Green: 0 });
    expect(json.direction).toMatchObject({ improved: 0, deteriorated: 0, unchanged: 0 });
    expect(json.previous).toBeUndefined();
  });

  it("compares with the June 2021 workbook: previous counts and directions match the two files", async () => {
    const r = await cli("summary", HERTS, "--previous", HERTS_JUNE, "--previous-label", "June 2021", "--json", "--as-of", "2021-11-30");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.previous).toEqual({
      label: "June 2021",
      labelFrom: "given",
      actions: 97,
      status: { Completed: 38, "In progress": 55, "On hold": 2, "Not yet started": 2, Closed: 0, "Not set": 0 },
      rag: { Red: 0, Amber: 0, Green: 0, Blue: 0, White: 0, "Not set": 97 },
    });
    // 7 became Completed and 4 started since June (scripts/make-previous-sample.js); none went back.
    expect(json.direction).toEqual({ improved: 11, deteriorated: 0, unchanged: 86, new: 0, removed: 0 });
    const human = await inProcess("summary", HERTS, "--previous", HERTS_JUNE, "--previous-label", "June 2021");
    expect(human.out).toMatch(/Completed\s+45\s+\(38 in June 2021\)/);
    expect(human.out).toMatch(/Not yet started\s+0\s+\(2 in June 2021\)/);
    expect(human.out).toMatch(/↑ improved\s+11/);
  });

  it("names the previous period as a period, never by its file name", async () => {
    // The June sample says "reported to June 2021" in its title rows.
    const human = await inProcess("summary", HERTS, "--previous", HERTS_JUNE, "--as-of", "2021-11-30");
    expect(human.code).toBe(0);
    expect(human.out).toMatch(/Completed\s+45\s+\(38 in June 2021\)/);
    expect(human.out).not.toContain("herts-delivery-plan-2021-06");
    const json = JSON.parse((await inProcess("summary", HERTS, "--previous", HERTS_JUNE, "--as-of", "2021-11-30", "--json")).out);
    expect(json.previous).toMatchObject({ label: "June 2021", labelFrom: "title" });
    // The November workbook names no month of its own: this period is the month of --as-of.
    expect(json.period).toBe("November 2021");
    // No date anywhere but the file name: "…-2021-06" reads as June 2021; with none at all, "the previous period".
    const rows = [["Ref", "Status", "Update"], ["A1", "In progress", "x"]];
    const dated = path.join(tmp, "tracker-2021-06.xlsx");
    const undated = path.join(tmp, "tracker-old.xlsx");
    await fs.writeFile(dated, await workbookBuffer({ rows }));
    await fs.writeFile(undated, await workbookBuffer({ rows }));
    expect(JSON.parse((await inProcess("summary", HERTS, "--previous", dated, "--json")).out).previous).toMatchObject({ label: "June 2021", labelFrom: "file-name" });
    expect(JSON.parse((await inProcess("summary", HERTS, "--previous", undated, "--json")).out).previous).toMatchObject({ label: "the previous period", labelFrom: null });
    expect(JSON.parse((await inProcess("summary", HERTS, "--previous", dated, "--previous-label", "Q1 2021/22", "--period", "Q3 2021/22", "--json")).out)).toMatchObject({
      period: "Q3 2021/22",
      previous: { label: "Q1 2021/22", labelFrom: "given" },
    });
  });

  it("counts actions new and gone since the previous file, and reports arrows that contradict it", async () => {
    const now = path.join(tmp, "now.xlsx");
    const before = path.join(tmp, "before.xlsx");
    await fs.writeFile(before, await workbookBuffer({ rows: [["Ref", "RAG", "Direction of travel", "Update"], ["A1", "Green", "", "x"], ["A2", "Amber", "", "x"], ["A3", "Red", "", "x"], ["A9", "Green", "", "x"]] }));
    await fs.writeFile(now, await workbookBuffer({ rows: [["Ref", "RAG", "Direction of travel", "Update"], ["A1", "Amber", "↑", "x"], ["A2", "Green", "↑", "x"], ["A3", "Red", "↔", "x"], ["A4", "Green", "", "x"]] }));
    const { code, out } = await inProcess("summary", now, "--previous", before, "--previous-label", "Q2", "--json");
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.direction).toEqual({ improved: 1, deteriorated: 1, unchanged: 1, new: 1, removed: 1 });
    const contradicting = json.issues.filter((i: { code: string }) => i.code === "direction-contradicts");
    expect(contradicting).toHaveLength(1);
    expect(contradicting[0].cell).toBe("C2");
    expect(contradicting[0].message).toContain("went from Green to Amber");
  });

  it("gives Cambridgeshire's RAG from fills and its arrows", async () => {
    const { code, out } = await inProcess("summary", CAMBS, "--json");
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json).toMatchObject({ actions: 40, rag: { Red: 1, Amber: 1, Green: 1 }, direction: { improved: 5, unchanged: 16 } });
  });

  it("prints a readable table by default", async () => {
    const { out } = await inProcess("summary", HERTS);
    expect(out).toMatch(/Completed\s+45/);
    expect(out).toMatch(/In progress\s+52/);
    expect(out).toMatch(/Public Focus: OPCC actions\s+14\s+7\s+7/);
  });

  it("takes --map corrections", async () => {
    const { code, out } = await inProcess("validate", HERTS, "--json", "--map", "status=none", "--map", "update=D");
    expect(code).toBe(1);
    expect(JSON.parse(out).issues[0].code).toBe("no-delivery-column");
  });
});

describe("trackers as other forces keep them", () => {
  it("a narrative \"Current status\" column is read as the update, with no unknown-status errors", async () => {
    const file = path.join(tmp, "narrative-status.xlsx");
    const updates = [
      "The strategy was agreed at the board in May and is being rolled out to all districts.",
      "Recruitment of the two new posts is under way; interviews are booked for July.",
      "Work paused over the summer while the review reported, and restarted in September.",
      "A bid for Home Office funding was made in June; the outcome is expected in the autumn.",
    ];
    await fs.writeFile(
      file,
      await workbookBuffer({
        name: "Actions",
        rows: [
          ["Police and Crime Plan: progress against actions"],
          [],
          ["Ref", "Objective", "Lead officer", "Current status", "RAG", "Target date"],
          ...updates.map((u, i) => [`P${i + 1}`, `Objective ${i + 1}`, "Chief Executive", u, ["Green", "Amber", "Amber", "Green"][i], "March 2030"]),
        ],
      }),
    );
    const r = await cli("validate", file, "--json", "--as-of", "2026-01-31");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.tracker.columns).toEqual({ id: "Ref", action: "Objective", lead: "Lead officer", update: "Current status", rag: "RAG", timeframe: "Target date" });
    expect(json.issues.map((i: { code: string; severity: string; cell: string }) => `${i.severity} ${i.code}@${i.cell}`)).toEqual(["info mapped-by-content@D3"]);
    // --map still wins over the cells.
    const forced = await inProcess("validate", file, "--json", "--map", "status=D");
    expect(forced.code).toBe(1);
    expect(JSON.parse(forced.out).issues.filter((i: { code: string }) => i.code === "unknown-value")).toHaveLength(4);
  });

  it("a sheet of Projects with a forecast end date is a tracker: exit 1 for no status column, not exit 2", async () => {
    const file = path.join(tmp, "projects.xlsx");
    await fs.writeFile(
      file,
      await workbookBuffer(
        { name: "Notes", rows: [["About this workbook"], ["Kept by the OPCC"]] },
        {
          name: "Projects",
          rows: [
            ["Project", "Sponsor", "Forecast end date", "Commentary"],
            ["Body-worn video refresh", "ACC Smith", "March 2027", "Supplier chosen."],
            ["Rural crime team", "Ch Supt Jones", "Sep '26", "Team in post."],
          ],
        },
      ),
    );
    const r = await cli("validate", file, "--json");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.tracker).toMatchObject({ sheet: "Projects", headerRow: 1, columns: { action: "Project", lead: "Sponsor", timeframe: "Forecast end date", update: "Commentary" } });
    expect(json.issues[0]).toMatchObject({ severity: "error", code: "no-delivery-column", cell: "A1" });
  });
});

describe("the organisation's own words", () => {
  const tracker = {
    name: "Tracker",
    rows: [["Ref", "Action", "Status"], ["1", "Commission the service", "Signed off"], ["2", "Train call handlers", "Stalled"], ["3", "Publish the strategy", "Achieved"]],
  };

  it("--words words.json makes a word count as its status; without it the word is unknown", async () => {
    const file = path.join(tmp, "own-words.xlsx");
    await fs.writeFile(file, await workbookBuffer(tracker));
    const words = path.join(tmp, "words.json");
    await fs.writeFile(words, JSON.stringify({ status: { Completed: ["Signed off"], "In progress": ["Stalled"] }, impliedRag: { Red: ["Stalled"] } }));
    const plain = await inProcess("summary", file, "--json");
    expect(plain.code).toBe(1);
    expect(JSON.parse(plain.out).status).toMatchObject({ Completed: 1, "In progress": 0, "Not set": 2 });
    const r = await cli("summary", file, "--json", "--words", words);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.status).toMatchObject({ Completed: 2, "In progress": 1, "Not set": 0 });
    expect(json.rag).toMatchObject({ Red: 1, "Not set": 2 });
  });

  it('reads the words kept in the workbook\'s "Delivery plan words" sheet, which is never taken for the tracker', async () => {
    const file = path.join(tmp, "words-sheet.xlsx");
    await fs.writeFile(
      file,
      await workbookBuffer({ name: "Delivery plan words", rows: [["Word", "Means"], ["Signed off", "Completed"], ["Stalled", "In progress, Red"]] }, tracker),
    );
    const r = await inProcess("summary", file, "--json");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.sheet).toBe("Tracker");
    expect(json.status).toMatchObject({ Completed: 2, "In progress": 1 });
    expect(json.rag).toMatchObject({ Red: 1 });
  });

  it("a words file that is missing, not JSON or of the wrong shape: exit 2, one line naming it", async () => {
    const file = path.join(tmp, "own-words-2.xlsx");
    await fs.writeFile(file, await workbookBuffer(tracker));
    const bad = path.join(tmp, "bad-words.json");
    await fs.writeFile(bad, "{ status: ");
    const wrong = path.join(tmp, "wrong-words.json");
    await fs.writeFile(wrong, JSON.stringify({ status: { Finished: ["Signed off"] } }));
    const expected: [string, RegExp][] = [
      [path.join(tmp, "nope.json"), /^delivery-plan: Words file not found: .*nope\.json\. Check the path and try again\.$/],
      [bad, /^delivery-plan: The words file .*bad-words\.json is not valid JSON \(/],
      [wrong, /^delivery-plan: The words file .*wrong-words\.json cannot be used \(in "status": Unrecognized key: "Finished"\)\. Give "status" \(Completed, /],
    ];
    for (const [words, message] of expected) {
      const r = await inProcess("validate", file, "--words", words);
      expect(r.code).toBe(2);
      expect(r.err.trim().split("\n")).toHaveLength(1);
      expect(r.err.trim()).toMatch(message);
    }
  });
});

describe("actions renamed between periods", () => {
  it("summary --previous on trackers with no reference column says which action was renamed, not removed plus new", async () => {
    const earlier = path.join(tmp, "renamed-june.xlsx");
    const later = path.join(tmp, "renamed-november.xlsx");
    await fs.writeFile(earlier, await workbookBuffer({ rows: [["Action", "Status"], ["Publish the rural crime strategy", "In progress"], ["Review the custody contract", "In progress"]] }));
    await fs.writeFile(later, await workbookBuffer({ rows: [["Action", "Status"], ["Review the custody contract", "In progress"], ["Publish the rural crime strategy for 2022", "Completed"]] }));
    const r = await inProcess("summary", later, "--previous", earlier, "--previous-label", "June 2021");
    expect(r.out).toContain('Renamed since June 2021: Row 3 "Publish the rural crime strategy for 2022" was Row 2 "Publish the rural crime strategy".');
    const json = JSON.parse((await inProcess("summary", later, "--previous", earlier, "--json")).out);
    expect(json.direction).toEqual({ improved: 1, deteriorated: 0, unchanged: 1, new: 0, removed: 0 });
  });
});
