/**
 * Writes each tracker layout of test/fixtures/trackers/ as an .xlsx, to open by hand:
 *   npx tsx scripts/make-fixture-trackers.ts OUTDIR
 * The tests build the same workbooks in memory (test/support/fixture-trackers.ts).
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { fixtureWorkbook, loadFixtures } from "../test/support/fixture-trackers";

async function main(): Promise<void> {
  const out = process.argv[2];
  if (!out) throw new Error("usage: npx tsx scripts/make-fixture-trackers.ts OUTDIR");
  await fs.mkdir(out, { recursive: true });
  for (const fixture of await loadFixtures()) {
    const file = path.join(out, fixture.file.replace(/\.json$/, ".xlsx"));
    await fs.writeFile(file, await fixtureWorkbook(fixture));
    process.stdout.write(`${file}: ${fixture.pattern}\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
});
