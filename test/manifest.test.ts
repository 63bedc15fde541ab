/**
 * The add-in's package: the manifest passes the offline check (and the check
 * catches the mistakes that break a shared runtime), and a production build
 * gives dist/ with the manifest rewritten to the production URL.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { checkManifest, checkManifestFile } from "../scripts/check-manifest";

const ROOT = path.resolve(__dirname, "..");
const MANIFEST = path.join(ROOT, "manifest.xml");
const source = fs.readFileSync(MANIFEST, "utf8");

/** The manifest with one exact piece of text replaced (which must be there). */
function edited(from: string, to: string): string {
  expect(source).toContain(from);
  return source.split(from).join(to);
}

describe("offline manifest check", () => {
  test("passes on our manifest.xml", () => {
    expect(checkManifestFile(MANIFEST)).toEqual([]);
  });

  test("fails when the runtime loads another page than the pane and the functions", () => {
    const xml = edited('<Runtime resid="Taskpane.Url"', '<Runtime resid="Runtime.Url"').replace(
      "<bt:Urls>",
      '<bt:Urls>\n        <bt:Url id="Runtime.Url" DefaultValue="https://localhost:3000/runtime.html"/>',
    );
    const problems = checkManifest(xml);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/<Runtime> loads https:\/\/localhost:3000\/runtime\.html, but 3 others load https:\/\/localhost:3000\/taskpane\.html/);
  });

  test("fails when the ShowTaskpane button opens another page", () => {
    const xml = edited(
      "<TaskpaneId>ButtonId1</TaskpaneId>\n                    <SourceLocation resid=\"Taskpane.Url\"/>",
      "<TaskpaneId>ButtonId1</TaskpaneId>\n                    <SourceLocation resid=\"Functions.Script.Url\"/>",
    );
    expect(checkManifest(xml)).toEqual([expect.stringMatching(/ShowTaskpane action of "DeliveryPlan.TaskpaneButton" loads https:\/\/localhost:3000\/functions\.js/)]);
  });

  test("fails on a ShowTaskpane action without a TaskpaneId (a second task pane beside the shared runtime's)", () => {
    const xml = edited("<TaskpaneId>ButtonId1</TaskpaneId>\n", "");
    expect(checkManifest(xml)).toEqual([expect.stringMatching(/ShowTaskpane action of "DeliveryPlan.TaskpaneButton" has no <TaskpaneId>/)]);
  });

  test("fails on a resid that Resources does not define", () => {
    const xml = edited('<bt:String id="Functions.Namespace" DefaultValue="ACTIONS"/>', "");
    expect(checkManifest(xml)).toEqual([expect.stringMatching(/Namespace: resid "Functions.Namespace" is not defined in <Resources>/)]);
  });

  test("fails on a resid of the wrong kind", () => {
    const xml = edited('<Label resid="TaskpaneButton.Label"/>', '<Label resid="TaskpaneButton.Tooltip"/>');
    expect(checkManifest(xml)).toEqual([expect.stringMatching(/resid "TaskpaneButton.Tooltip" must name a short string, but it is a long string/)]);
  });

  test("fails on an http:// URL", () => {
    const xml = edited("https://localhost:3000/functions.json", "http://localhost:3000/functions.json");
    expect(checkManifest(xml)).toEqual([expect.stringMatching(/http:\/\/localhost:3000\/functions\.json is not https/)]);
  });

  test("fails without the custom functions namespace", () => {
    const xml = edited('<Namespace resid="Functions.Namespace"/>', "");
    expect(checkManifest(xml)).toEqual(["CustomFunctions: <Namespace> is missing"]);
  });

  test("fails on XML that is not well-formed", () => {
    const problems = checkManifest(source.replace("</Hosts>", ""));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^not well-formed XML/);
  });

  test("the command line exits 1 and prints each problem on a bad manifest", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "manifest-check-"));
    try {
      const bad = path.join(dir, "manifest.xml");
      fs.writeFileSync(bad, edited('<Namespace resid="Functions.Namespace"/>', '<Namespace resid="Nowhere"/>'));
      let status = 0;
      let out = "";
      try {
        execFileSync(process.execPath, [path.join(ROOT, "scripts/check-manifest.js"), bad], { encoding: "utf8" });
      } catch (err) {
        const e = err as { status: number; stdout: string };
        status = e.status;
        out = e.stdout;
      }
      expect(status).toBe(1);
      expect(out.trim().split("\n")).toEqual([expect.stringMatching(/resid "Nowhere" is not defined/)]);
      const ok = execFileSync(process.execPath, [path.join(ROOT, "scripts/check-manifest.js"), MANIFEST], { encoding: "utf8" });
      expect(ok).toMatch(/^OK: /);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("production build", () => {
  const PRODUCTION_URL = "https://addin.example.org/plan/";
  const SUPPORT_URL = "https://intranet.example.org/help/delivery-plan";
  let out: string;

  beforeAll(() => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), "addin-dist-"));
    const webpack = require.resolve("webpack-cli/bin/cli.js", { paths: [ROOT] });
    // No certificate is needed: `webpack serve` alone fetches one. HOME points to an empty folder to prove it.
    execFileSync(process.execPath, [webpack, "--mode", "production", "--output-path", out], {
      cwd: ROOT,
      env: { ...process.env, ADDIN_PRODUCTION_URL: PRODUCTION_URL, ADDIN_SUPPORT_URL: SUPPORT_URL, HOME: out, USERPROFILE: out },
      stdio: "pipe",
    });
  }, 180_000);

  afterAll(() => {
    if (out) fs.rmSync(out, { recursive: true, force: true });
  });

  test("dist holds the manifest, the one page, the functions metadata and the icons", () => {
    for (const file of ["manifest.xml", "taskpane.html", "functions.json", "functions.js", "taskpane.js"]) {
      expect(fs.existsSync(path.join(out, file))).toBe(true);
    }
    for (const size of [16, 32, 64, 80]) expect(fs.existsSync(path.join(out, `assets/icon-${size}.png`))).toBe(true);
    const metadata = JSON.parse(fs.readFileSync(path.join(out, "functions.json"), "utf8")) as { functions: unknown[] };
    expect(metadata.functions.length).toBeGreaterThan(0);
  });

  test("taskpane.html loads office.js, then the taskpane and functions code in one page", () => {
    const html = fs.readFileSync(path.join(out, "taskpane.html"), "utf8");
    const scripts = [...html.matchAll(/<script[^>]*src="?([^"\s>]+)/g)].map((m) => m[1]);
    expect(scripts[0]).toBe("https://appsforoffice.microsoft.com/lib/1/hosted/office.js");
    expect(scripts[1]).toBe("runtime.js");
    for (const entry of ["taskpane.js", "functions.js"]) expect(scripts).toContain(entry);
  });

  test("the page's language is the manifest's locale, en-GB, so screen readers speak British English", () => {
    const html = fs.readFileSync(path.join(out, "taskpane.html"), "utf8");
    expect(/<DefaultLocale>([^<]+)<\/DefaultLocale>/.exec(source)?.[1]).toBe("en-GB");
    expect(/<html[^>]*\blang="?([^"\s>]+)/i.exec(html)?.[1]).toBe("en-GB");
  });

  test("every localhost URL of the manifest now starts with the production URL", () => {
    const built = fs.readFileSync(path.join(out, "manifest.xml"), "utf8");
    expect(built).not.toContain("localhost");
    const devUrls = source.match(/https:\/\/localhost:3000\/[^"<\s]*/g) ?? [];
    expect(devUrls.length).toBeGreaterThan(5);
    for (const url of devUrls) expect(built).toContain(url.replace("https://localhost:3000/", PRODUCTION_URL));
    expect(built.split(PRODUCTION_URL).length - 1).toBe(devUrls.length);
  });

  test("the support and learn-more URLs are the ones given at build time, and their domain the AppDomain", () => {
    const built = fs.readFileSync(path.join(out, "manifest.xml"), "utf8");
    expect(built).not.toContain("delivery-plan-addin.example");
    expect(built).toContain(`<SupportUrl DefaultValue="${SUPPORT_URL}"/>`);
    expect(built).toContain(`<bt:Url id="GetStarted.LearnMoreUrl" DefaultValue="${SUPPORT_URL}"/>`);
    expect(built).toContain("<AppDomain>https://intranet.example.org</AppDomain>");
    // Built without one, the check says what to do.
    expect(checkManifest(source, { dist: out })).toEqual(expect.arrayContaining([expect.stringMatching(/placeholder https:\/\/delivery-plan-addin\.example\/support: build with ADDIN_SUPPORT_URL/)]));
  });

  test("the built manifest passes the check against the built files, and a missing icon fails it", () => {
    const built = fs.readFileSync(path.join(out, "manifest.xml"), "utf8");
    expect(checkManifest(built, { dist: out })).toEqual([]);
    fs.rmSync(path.join(out, "assets/icon-80.png"));
    expect(checkManifest(built, { dist: out })).toEqual([expect.stringMatching(/icon https:\/\/addin\.example\.org\/plan\/assets\/icon-80\.png is missing from dist/)]);
  });

  test("the add-in bundle has ExcelJS only in a chunk fetched later (the returns' workbooks), never in a script a page or a worker loads at start", () => {
    const html = fs.readFileSync(path.join(out, "taskpane.html"), "utf8");
    const atStart = [...html.matchAll(/<script[^>]*\bsrc="?([^"\s>]+)/g)].map((m) => m[1]).filter((src) => !/^https?:/.test(src));
    expect(atStart).toEqual(expect.arrayContaining(["taskpane.js", "functions.js", "runtime.js"]));
    // The returns' reader is a worker of its own: its first script holds none either.
    for (const file of [...atStart, "returns-reader.js"]) expect({ file, exceljs: /exceljs/i.test(fs.readFileSync(path.join(out, file), "utf8")) }).toEqual({ file, exceljs: false });
    const js = fs.readdirSync(out).filter((f) => f.endsWith(".js"));
    const holding = js.filter((f) => /exceljs/i.test(fs.readFileSync(path.join(out, f), "utf8")));
    expect(holding.length).toBeGreaterThan(0);
    for (const file of holding) expect(atStart).not.toContain(file);
  });
});
