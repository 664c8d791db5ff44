// Rescans of any tree after random edits, each checked against a cold scan of the same files.
// Usage: npm run build && node bench/rescan-check.mjs <folder> [--edits 20] [--seed 1]
// The tree is read once and edited in memory (never on disk). Exits 1 when a rescan reports anything a cold scan
// does not, or the other way round; prints each edit, how many files it analysed again and how long it took.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ResultStore } from '../dist/cache/results.js';
import { defaultConfig } from '../dist/config/types.js';
import { DEFAULT_MAX_FILE_SIZE } from '../dist/discover/excludes.js';
import { decodeText, looksBinary } from '../dist/discover/read.js';
import { discover } from '../dist/discover/walk.js';
import { scanVirtual } from '../dist/engine/scan.js';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(args.splice(i, 2)[1]);
};
const edits = opt('edits', 20);
let seed = opt('seed', 1) >>> 0;
const root = args[0];
if (!root) {
  console.error('usage: node bench/rescan-check.mjs <folder> [--edits 20] [--seed 1]');
  process.exit(2);
}

const files = {};
for (const f of discover(resolve(root), { include: [], exclude: [], maxFileSize: DEFAULT_MAX_FILE_SIZE }).files) {
  const bytes = readFileSync(f.absPath);
  if (!looksBinary(bytes)) files[f.path] = decodeText(bytes);
}

if (Object.keys(files).length === 0) {
  console.error(`${root}: no file to scan`);
  process.exit(2);
}

const random = () => {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 2 ** 32;
};
const pick = (list) => list[Math.floor(random() * list.length)];
const SCRIPT = /\.(?:[cm]?[jt]sx?)$/;

/** Edits of the kinds a push makes; each returns what it did, or undefined when it does not apply here. */
const EDITS = [
  (code) => {
    const target = pick(code);
    const donor = files[pick(code)].split('\n');
    const lines = files[target].split('\n');
    const from = Math.floor(random() * donor.length);
    lines.splice(Math.floor(random() * lines.length), 0, ...donor.slice(from, from + 4));
    files[target] = lines.join('\n');
    return `copied lines into ${target}`;
  },
  (code) => {
    const target = pick(code);
    const lines = files[target].split('\n');
    lines.splice(Math.floor(random() * lines.length), 2);
    files[target] = lines.join('\n');
    return `deleted lines of ${target}`;
  },
  (code) => {
    const target = pick(code);
    files[target.replace(/(\.\w+)$/, '-copy$1')] = files[target];
    return `copied ${target}`;
  },
  (code) => {
    const target = pick(code);
    delete files[target];
    return `deleted ${target}`;
  },
  (code) => {
    const target = pick(code);
    files[target] += '\nexport function addedByCheck(x) { return x; }\n';
    return `added an export to ${target}`;
  },
  (code) => {
    // A file where a relative import names it, passing its argument through.
    const target = pick(code);
    const found = /(?:from\s*|require\()\s*['"](\.{1,2}\/[^'"]+)['"]/.exec(files[target]);
    if (!found) return undefined;
    const parts = [...target.split('/').slice(0, -1), ...found[1].replace(/\.[cm]?[jt]sx?$/, '').split('/')];
    const path = `${parts.reduce((out, p) => (p === '..' ? out.slice(0, -1) : p === '.' ? out : [...out, p]), []).join('/')}.ts`;
    if (path in files) return undefined;
    files[path] = 'export default function (...args: any[]) { return args[0]; }\nexport function query(...args: any[]) { return args[0]; }\n';
    return `added ${path}, which an import of ${target} names`;
  },
  (code) => {
    const target = pick(code);
    const directive = "'use client';\n";
    files[target] = files[target].startsWith(directive) ? files[target].slice(directive.length) : directive + files[target];
    return `toggled 'use client' in ${target}`;
  },
  (_code, paths) => {
    const manifests = paths.filter((p) => p === 'package.json' || p.endsWith('/package.json'));
    if (!manifests.length) return undefined;
    const manifest = pick(manifests);
    let json;
    try {
      json = JSON.parse(files[manifest]);
    } catch {
      return undefined;
    }
    const deps = (json.dependencies ??= {});
    const [name, range] = pick([['left-pad', '^1.3.0'], ['express', '^4.19.0'], ['next', '^14.2.0'], ['parse-server', '^7.0.0'], ['firebase', '^10.0.0'], ['jsonwebtoken', '^8.5.1']]);
    if (deps[name] === range) delete deps[name];
    else deps[name] = range;
    files[manifest] = JSON.stringify(json, null, 2);
    return `changed ${name} in ${manifest}`;
  },
  (code, paths) => {
    // Any other file: a line dropped, or one of a file of the same kind added.
    const others = paths.filter((p) => !code.includes(p));
    if (!others.length) return undefined;
    const file = pick(others);
    const lines = files[file].split('\n');
    const at = Math.floor(random() * lines.length);
    if (random() < 0.5) lines.splice(at, 1);
    else lines.splice(at, 0, pick(files[pick(others.filter((o) => o.split('.').pop() === file.split('.').pop()))].split('\n')));
    files[file] = lines.join('\n');
    return `changed a line of ${file}`;
  },
];

function edit() {
  const paths = Object.keys(files).sort();
  const code = paths.filter((p) => SCRIPT.test(p));
  for (;;) {
    const done = code.length ? pick(EDITS)(code, paths) : EDITS[EDITS.length - 1](code, paths);
    if (done) return done;
  }
}

/** Everything a report shows, timing aside. */
const shown = (r) => JSON.stringify({ findings: r.findings, notifications: r.notifications, files: r.files });
const line = (f) => `${f.ruleId} ${f.file}:${f.range.startLine} ${f.message}`;
const options = (results) => ({ config: defaultConfig(), offline: true, results });

const store = new ResultStore();
await scanVirtual(files, options(store));
let differ = 0;
for (let step = 0; step < edits; step++) {
  const what = edit();
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
