#!/usr/bin/env node
// Records packuments from the configured npm registry (through npm-registry-fetch, so .npmrc applies) into
// test/data/registry/<name>.json for the registry tests' local server. Run once, by hand, when the tests need
// another package: node scripts/record-registry-fixtures.mjs [name…]
// Each document is trimmed to the fields vibeaudit reads (dist-tags; per version `deprecated` and the
// install scripts; the first and last publish times) to keep the repository small. Advisory answers are not
// recorded here: the development registry answers the bulk advisory endpoint with 405, so they are written by
// hand in test/data/registry/advisories.json from the public GitHub advisories they cite.
// The development mirror also drops `deprecated` from version documents and rewrites publish times; the
// deprecation notices npm shows for those versions are put back from PATCHES below so the tests see what
// registry.npmjs.org serves.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fetch from 'npm-registry-fetch';

const PATCHES = {
  request: { '2.88.2': 'request has been deprecated, see https://github.com/request/request/issues/3142' },
  'left-pad': { '1.3.0': 'use String.prototype.padStart()' },
};
const DEFAULT = ['express', 'lodash', 'request', 'esbuild', 'left-pad'];
const names = process.argv.slice(2).length ? process.argv.slice(2) : DEFAULT;
const OUT = join(import.meta.dirname, '..', 'test/data/registry');
mkdirSync(OUT, { recursive: true });

for (const name of names) {
  const doc = await fetch.json(`/${name.replace('/', '%2f')}`, { spec: name });
  const versions = {};
  for (const [v, m] of Object.entries(doc.versions ?? {})) {
    const entry = {};
    const deprecated = m.deprecated ?? PATCHES[name]?.[v];
    if (deprecated) entry.deprecated = deprecated;
    const scripts = Object.fromEntries(Object.entries(m.scripts ?? {}).filter(([k]) => ['preinstall', 'install', 'postinstall'].includes(k)));
    if (Object.keys(scripts).length) entry.scripts = scripts;
    versions[v] = entry;
  }
  const times = Object.entries(doc.time ?? {}).filter(([k]) => k !== 'modified').map(([, t]) => t).sort();
  const trimmed = { name: doc.name, 'dist-tags': doc['dist-tags'], versions, time: { created: doc.time?.created ?? times[0], modified: doc.time?.modified ?? times.at(-1) } };
  writeFileSync(join(OUT, `${name.replace('/', '__')}.json`), `${JSON.stringify(trimmed)}\n`);
  console.log(`recorded ${name}: ${Object.keys(versions).length} versions`);
}
