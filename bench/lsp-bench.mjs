// Language-server benchmark: time per edit once the workspace is warm, against a cold scan of the same folder.
// Usage: npm run build && node bench/lsp-bench.mjs [folder …] [--edits 10] [--file path/in/folder.ts]
// Target (printed, not asserted): an edit costs well under a cold scan, and under 1 s on the fixture apps.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultConfig } from '../dist/config/types.js';
import { scanDirectory } from '../dist/engine/scan.js';
import { WorkspaceProject } from '../dist/lsp/project.js';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : args.splice(i, 2)[1];
};
const edits = Number(opt('edits', 10));
const chosen = opt('file');
const folders = args.length ? args : ['fixtures/bolt-express-mongo', 'fixtures/lovable-supabase', 'fixtures/nextjs-app', '.'];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

for (const folder of folders) {
  const root = resolve(folder);
  const coldStart = performance.now();
  await scanDirectory(root, { config: defaultConfig(), offline: true });
  const cold = performance.now() - coldStart;

  const project = new WorkspaceProject(root, () => undefined);
  const first = await project.scan(new Map());
  const file = chosen ?? first.result.files.find((f) => /\.(ts|tsx|js)$/.test(f.path) && f.role !== 'build-output' && f.role !== 'config')?.path;
  const text = readFileSync(resolve(root, file), 'utf8');
  const times = [];
  let parsed = 0;
  for (let i = 0; i < edits; i++) {
    const { ms, parsed: p } = await project.scan(new Map([[file, `${text}\n// edit ${i}\n`]]));
    times.push(ms);
    parsed += p;
  }
  console.log(
    `${folder}: ${first.result.stats.files} files; cold scan ${Math.round(cold)} ms; first LSP scan ${first.ms} ms; ` +
      `per edit of ${file}: median ${median(times)} ms, max ${Math.max(...times)} ms (${(parsed / edits).toFixed(1)} files parsed per edit)`,
  );
}
