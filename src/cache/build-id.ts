import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TOOL } from '../engine/version.js';

let cached: string | undefined;

/**
 * Which vibeaudit produced a cached result, so a rebuilt or edited vibeaudit never reuses results of the code it
 * replaced. Run from the bundle, that is what `npm run build` wrote beside it (scripts/bundle.mjs: a digest of the
 * bundle, the rule catalogue and yaml, and the data) and the installed version of each dependency the bundle loads
 * from node_modules: the same sources built twice, as the Action builds on every run, are the same vibeaudit.
 * Run from the sources or the unbundled build, it is the version plus the size and time of every file of the code,
 * rule metadata and data.
 */
export function buildId(): string {
  cached ??= `${TOOL.version}+${createHash('sha1').update(bundleStamp() ?? fileStamps()).digest('base64url').slice(0, 16)}`;
  return cached;
}

/** `build.json` beside this module when it is part of the bundle, with the installed dependencies it names. */
function bundleStamp(): string | undefined {
  let build: { content?: unknown; external?: unknown };
  try {
    build = JSON.parse(readFileSync(new URL('./build.json', import.meta.url), 'utf8')) as typeof build;
  } catch {
    return undefined;
  }
  if (typeof build.content !== 'string' || !Array.isArray(build.external)) return undefined;
  const here = dirname(fileURLToPath(import.meta.url));
  const versions = build.external.map((name) => `${String(name)}@${installedVersion(here, String(name)) ?? 'missing'}`);
  return `bundle\0${build.content}\0${versions.join('\0')}`;
}

/** The version of `name` that Node would load from `dir`: the first node_modules up the tree that has it. */
function installedVersion(dir: string, name: string): string | undefined {
  for (let at = dir; ; at = dirname(at)) {
    try {
      return (JSON.parse(readFileSync(join(at, 'node_modules', name, 'package.json'), 'utf8')) as { version?: string }).version;
    } catch {
      if (dirname(at) === at) return undefined;
    }
  }
}

function fileStamps(): string {
  const code = dirname(dirname(fileURLToPath(import.meta.url)));
  const pkg = dirname(code);
  const hash = createHash('sha1');
  for (const dir of [code, join(pkg, 'rules'), join(pkg, 'data')]) stamp(dir, hash);
  return `files\0${hash.digest('base64')}`;
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
