// Rescans of any tree after random edits, each checked against a cold scan of the same files.
// Usage: npm run build && node bench/rescan-check.mjs <folder> [--edits 20] [--seed 1]
// The tree is read once and edited in memory (never on disk), with the edits of the randomised rescan test
// (bench/random-edits.mjs). Exits 1 when a rescan reports anything a cold scan does not, or the other way round;
// prints each edit, how many files it analysed again and how long it took.
import { resolve } from 'node:path';
import { ResultStore } from '../dist/cache/results.js';
import { defaultConfig } from '../dist/config/types.js';
import { scanVirtual } from '../dist/engine/scan.js';
import { randomEdit, seeded } from './random-edits.mjs';
import { readTree } from './read-tree.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(args.splice(i, 2)[1]);
};
const edits = opt('edits', 20);
const seed = opt('seed', 1);
const root = args[0];
if (!root) {
  console.error('usage: node bench/rescan-check.mjs <folder> [--edits 20] [--seed 1]');
  process.exit(2);
}

const files = readTree(resolve(root));

const random = seeded(seed);
if (!Object.keys(files).some((p) => /\.(?:[jt]sx?|mjs|cjs)$/.test(p))) {
  console.error(`${root}: no JavaScript or TypeScript file to edit`);
  process.exit(2);
}

/** Everything a report shows, timing aside. */
const shown = (r) => JSON.stringify({ findings: r.findings, notifications: r.notifications, files: r.files });
const line = (f) => `${f.ruleId} ${f.file}:${f.range.startLine} ${f.message}`;
const options = (results) => ({ config: defaultConfig(), offline: true, results });

const store = new ResultStore();
await scanVirtual(files, options(store));
let differ = 0;
for (let step = 0; step < edits; step++) {
  const what = randomEdit(files, random);
  const misses = store.misses;
  const started = performance.now();
  const warm = await scanVirtual(files, options(store));
  const ms = performance.now() - started;
  const cold = await scanVirtual(files, options());
  const same = shown(warm) === shown(cold);
  console.log(`${same ? 'same' : 'DIFFERENT'}  ${what}: ${store.misses - misses} files analysed again, ${ms.toFixed(0)} ms`);
  if (same) continue;
  differ++;
  const warmLines = warm.findings.map(line);
  const coldLines = cold.findings.map(line);
  for (const l of warmLines) if (!coldLines.includes(l)) console.log(`  only the rescan: ${l}`);
  for (const l of coldLines) if (!warmLines.includes(l)) console.log(`  only the cold scan: ${l}`);
}
console.log(`${root}: ${edits} edits, ${differ ? `${differ} rescans differ from a cold scan` : 'every rescan reported what a cold scan did'}`);
process.exit(differ ? 1 : 0);
