/**
 * The README and docs/ link to one another and to the code: every relative link
 * must reach a file that is there, and every #anchor a heading of that file (as
 * GitHub makes them: lower case, punctuation dropped, spaces as hyphens). The
 * README stays a page a newcomer reads to the end.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..");
const FILES = ["README.md", "TESTING.md", ...readdirSync(path.join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];

/** GitHub's anchor of a heading. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/<[^>]+>/g, "")
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/ /g, "-");
}

function anchors(file: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  let fenced = false;
  for (const line of readFileSync(path.join(ROOT, file), "utf8").split("\n")) {
    if (line.startsWith("```")) fenced = !fenced;
    const m = !fenced && /^#{1,6}\s+(.*)$/.exec(line);
    if (!m) continue;
    const base = slug(m[1]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n ? `${base}-${n}` : base);
  }
  return out;
}

/** The relative links of a Markdown file, outside code: [text](target). */
function links(file: string): string[] {
  const text = readFileSync(path.join(ROOT, file), "utf8").replace(/```[\s\S]*?```/g, "");
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((t) => !/^[a-z]+:/i.test(t));
}

describe.each(FILES)("%s", (file) => {
  it("links only to files that are there, and to headings they have", () => {
    const broken: string[] = [];
    for (const target of links(file)) {
      const [where, anchor] = target.split("#");
      const resolved = where ? path.normalize(path.join(path.dirname(file), decodeURIComponent(where))) : file;
      if (!existsSync(path.join(ROOT, resolved))) {
        broken.push(`${target}: no file ${resolved}`);
        continue;
      }
      if (anchor && resolved.endsWith(".md") && !anchors(resolved).has(anchor)) broken.push(`${target}: no heading #${anchor} in ${resolved}`);
    }
    expect(broken).toEqual([]);
  });
});

it("keeps the README a page a newcomer reads to the end, saying first what it is and who it is for", () => {
  const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
  expect(readme.split("\n").length).toBeLessThanOrEqual(250);
  const firstScreen = readme.split("\n").slice(0, 60).join("\n");
  expect(firstScreen).toMatch(/Police and Crime\s+Panel/);
  expect(firstScreen).toMatch(/OPCC officers/);
  expect(firstScreen).toMatch(/secretariat/);
  expect(firstScreen).toContain("npm ci && npm run demo");
  expect(firstScreen).toContain("out/herts-panel-paper.docx");
  expect(firstScreen).toContain("[docs/INSTALL.md](docs/INSTALL.md)");
});
