import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TOOL } from '../engine/version.js';

let cached: string | undefined;

/**
 * Which vibeaudit produced a cached result: the version plus the size and time of every file of its code, rule
 * metadata and data, so a rebuilt or edited checkout never reuses results of the code it replaced.
 */
export function buildId(): string {
  if (cached) return cached;
  const code = dirname(dirname(fileURLToPath(import.meta.url)));
  const pkg = dirname(code);
  const hash = createHash('sha1').update(TOOL.version);
  for (const dir of [code, join(pkg, 'rules'), join(pkg, 'data')]) stamp(dir, hash);
  cached = `${TOOL.version}+${hash.digest('base64url').slice(0, 16)}`;
  return cached;
}

function stamp(dir: string, hash: ReturnType<typeof createHash>): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  } catch {
    return;
  }
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) stamp(path, hash);
    else if (e.isFile()) {
      const s = statSync(path);
      hash.update(`${path}\0${s.size}\0${s.mtimeMs}\n`);
    }
  }
}
