// `node --import tsx test/corpus/write-corpus.ts <dir>`: writes the corpus to a folder to look at it.
import { writeCorpus } from './corpus';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node --import tsx test/corpus/write-corpus.ts <dir>');
  process.exit(2);
}
const files = await writeCorpus(dir);
console.log(`wrote ${files.size} images and expected.json to ${dir}`);
