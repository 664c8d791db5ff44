// Mutation fuzzing: small projects edited at random, the way broken, half-written and generated code looks, each
// scanned in memory; every failure of a rule or a pass (a `rule-error` notification, which says "a vibeaudit bug")
// and every exception is a bug, and so is a scan of a few files that takes seconds.
// Usage: npm run build && node bench/mutation-fuzz.mjs [--iterations 2000] [--seed 1] [--out dir] [folder …]
// Projects: every rule's yaml examples, the fixture apps, and for each folder given, samples of 25 of its scripts
// with its package.json. Each problem is printed once, with a file holding the project that showed it (replayed with
// `scanVirtual`); exits 1 if there was any.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { tuneV8ForScans } from '../dist/cli/v8-flags.js';
import { defaultConfig } from '../dist/config/types.js';
import { readRuleYaml } from '../dist/engine/catalogue.js';
import { scanVirtual } from '../dist/engine/scan.js';
import { seeded } from './random-edits.mjs';
import { readTree } from './read-tree.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : args.splice(i, 2)[1];
};
const iterations = Number(opt('iterations', 2000));
const seed = Number(opt('seed', 1));
const out = resolve(opt('out', join(tmpdir(), 'vibeaudit-fuzz')));
const SLOW_MS = 10_000;
// As the CLI runs: backtracking regular expressions end in the linear engine.
tuneV8ForScans();

const random = seeded(seed);
const pick = (list) => list[Math.floor(random() * list.length)];

const projects = readRuleYaml().flatMap((meta) => [...meta.examples.bad, ...meta.examples.good].map((e) => e.files));
const fixtures = join(import.meta.dirname, '../fixtures');
for (const app of readdirSync(fixtures, { withFileTypes: true }).filter((d) => d.isDirectory())) projects.push(readTree(join(fixtures, app.name)));
for (const folder of args) {
  const tree = readTree(resolve(folder));
  const scripts = Object.keys(tree).filter((p) => /\.(?:[cm]?[jt]sx?)$/.test(p));
  for (let i = 0; i < 20 && scripts.length; i++) {
    const sample = { 'package.json': tree['package.json'] ?? '{}' };
    for (let j = 0; j < 25; j++) {
      const p = pick(scripts);
      sample[p] = tree[p];
    }
    projects.push(sample);
  }
}

// Words and marks that make odd but often valid code where a word was.
const INSERTS = ['await', 'return', 'async', 'new', '...', '?.', '!', 'yield', 'typeof', 'delete', '(', ')', '{', '}', '[', ']', ',', ';', '=>', '=', 'this', 'super', 'null', '`${', '`', "'", '<div>', 'as any', ': string', 'function', 'class', 'req.body', 'req.query.x', 'process.env.X', 'exec(', 'eval(', 'import(', 'require(', '#x', '@dec', 'static', 'get', 'export default', 'enum E {}', 'declare', 'satisfies T', '${{ github.event }}', 'USING (true)', 'allow read, write: if true;'];

/** One random edit of a text: lines deleted, swapped, repeated or cut off, or a word replaced, removed or given a neighbour. */
function mutate(text) {
  const lines = text.split('\n');
  const at = Math.floor(random() * lines.length);
  const kind = Math.floor(random() * 9);
  if (kind === 0) lines.splice(at, 1 + Math.floor(random() * 3));
  else if (kind === 1) {
    const other = Math.floor(random() * lines.length);
    [lines[at], lines[other]] = [lines[other], lines[at]];
  } else if (kind === 2) lines.splice(at, 0, ...lines.slice(Math.floor(random() * lines.length)).slice(0, 1 + Math.floor(random() * 5)));
  else if (kind === 3) return text.slice(0, Math.floor(random() * text.length));
  else {
    const words = [...text.matchAll(/[A-Za-z_$][\w$]*/g)];
    if (words.length === 0) return text + pick(INSERTS);
    const w = pick(words);
    const end = w.index + w[0].length;
    if (kind === 4) return text.slice(0, w.index) + pick(words)[0] + text.slice(end);
    if (kind === 5) return `${text.slice(0, w.index)}${pick(INSERTS)} ${text.slice(w.index)}`;
    if (kind === 6) return text.slice(0, w.index) + text.slice(end);
    if (kind === 7) return text.slice(0, w.index) + pick(INSERTS) + text.slice(end);
    const other = pick(words).index;
    return text.slice(0, Math.min(w.index, other)) + text.slice(Math.max(w.index, other));
  }
  return lines.join('\n');
}

const seen = new Set();
const problem = (key, files, detail) => {
  if (seen.has(key)) return;
  seen.add(key);
  mkdirSync(out, { recursive: true });
  const file = join(out, `seed${seed}-${seen.size}.json`);
  writeFileSync(file, JSON.stringify(files, null, 2));
  console.log(`${detail}\n  project: ${file}`);
};

const config = { ...defaultConfig(), experimental: true };
const started = performance.now();
let findings = 0;
let parseErrors = 0;
for (let i = 0; i < iterations; i++) {
  const files = { ...pick(projects) };
  const paths = Object.keys(files);
  for (let m = 1 + Math.floor(random() * 4); m > 0; m--) {
    const path = pick(paths);
    for (let n = 1 + Math.floor(random() * 3); n > 0; n--) files[path] = mutate(files[path]);
  }
  const t = performance.now();
  let result;
  try {
    result = await scanVirtual(files, { config, offline: true, threads: 1 });
  } catch (err) {
    problem(`throw ${String(err?.stack ?? err).split('\n').slice(0, 3).join(' ')}`, files, `iteration ${i}: the scan threw ${err?.stack ?? err}`);
    continue;
  }
  const ms = performance.now() - t;
  if (ms > SLOW_MS) problem(`slow ${i}`, files, `iteration ${i}: ${(ms / 1000).toFixed(1)} s for ${paths.length} files`);
  findings += result.findings.length;
  for (const n of result.notifications) {
    if (n.kind === 'parse-error') parseErrors++;
    // Messages without their numbers, so one bug is printed once however many places show it.
    if (n.kind === 'rule-error') problem(`${n.message.replace(/\d+/g, 'N')}`, files, `iteration ${i}: ${n.file ?? ''}: ${n.message}`);
  }
}
console.log(`${iterations} projects (${projects.length} to start from, seed ${seed}) in ${((performance.now() - started) / 1000).toFixed(0)} s: ${findings} findings, ${parseErrors} files that did not parse, ${seen.size} problems`);
process.exit(seen.size ? 1 : 0);
