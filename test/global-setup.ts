import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return latest;
}

/** End-to-end tests run the built binary (the bundle): build first when the sources are newer than it. */
export default function setup(): void {
  const bundle = join(ROOT, 'dist/bundle/bin.js');
  const catalogue = join(ROOT, 'dist/catalogue.json');
  const built = (file: string, sources: number) => existsSync(file) && statSync(file).mtimeMs >= sources;
  if (built(bundle, Math.max(newest(join(ROOT, 'src')), statSync(join(ROOT, 'scripts/bundle.mjs')).mtimeMs)) && built(catalogue, newest(join(ROOT, 'rules')))) return;
  execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.json')], { stdio: 'inherit' });
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-catalogue.mjs')], { stdio: 'inherit' });
  execFileSync(process.execPath, [join(ROOT, 'scripts/bundle.mjs')], { stdio: 'inherit' });
}
