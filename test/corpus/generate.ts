/**
 * Write the hostile corpus (test/corpus/hostile-files.ts) to a folder, one file per case:
 *   npx tsx test/corpus/generate.ts /tmp/hostile
 */
import { HOSTILE_CASES, writeCorpus } from "./hostile-files";

const folder = process.argv[2];
if (!folder) {
  console.error("Give the folder to write the corpus to, e.g. npx tsx test/corpus/generate.ts /tmp/hostile");
  process.exit(2);
}
writeCorpus(folder).then((written) => {
  for (const w of written) console.log(`${w.file}  ${w.case.about}`);
  console.log(`${written.length} of ${HOSTILE_CASES.length} cases written.`);
});
