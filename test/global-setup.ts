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

/** End-to-end tests run the built binary: build it first when the sources are newer than dist/. */
export default function setup(): void {
  const bin = join(ROOT, 'dist/cli/bin.js');
  const catalogue = join(ROOT, 'dist/catalogue.json');
  if (existsSync(bin) && existsSync(catalogue) && statSync(bin).mtimeMs >= newest(join(ROOT, 'src')) && statSync(catalogue).mtimeMs >= newest(join(ROOT, 'rules'))) return;
  execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.json')], { stdio: 'inherit' });
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-catalogue.mjs')], { stdio: 'inherit' });
}
