// Scan benchmark: full scans against the floors measured in the same run, on synthetic app-shaped trees
// (100 and 1,000 files; 10,000 with --large) or on any folders given as arguments.
// Usage: npm run bench [-- --large] [-- --files 2000] [-- --runs 3] [-- path/to/repo …] [-- --peers /path/with/peer/tools]
// Every step runs in its own process (bench/measure.mjs): cold start, its own peak RSS. Targets are printed,
// not asserted (speed targets live here, not in tests): full scan within 3x of the fastest parse floor,
// peak RSS < 1.5 GB, data flow adds at most 50%, and half the wall time of the fastest installed peer.
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateProject } from './synthetic.mjs';
import { DEFAULT_MAX_FILE_SIZE } from '../dist/discover/excludes.js';
import { discover } from '../dist/discover/walk.js';

const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? false : (args.splice(i, 1), true);
};
const opt = (name) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? undefined : args.splice(i, 2)[1];
};
const large = flag('large');
const skipReference = flag('no-typescript-estree');
const files = opt('files');
const peersDir = opt('peers') ?? process.env.VIBEAUDIT_BENCH_PEERS;
// Wall times on a shared machine swing by a third between identical runs: the steps the targets compare run this
// many times each, interleaved, and the median is reported.
const runs = Number(opt('runs') ?? 3);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number of at least 1, not ${runs}`);
const legacyTarget = opt('target');
const paths = [...args, ...(legacyTarget ? [legacyTarget] : [])].map((p) => resolve(p));
const sizes = files ? [Number(files)] : paths.length ? [] : large ? [100, 1000, 10000] : [100, 1000];
const here = import.meta.dirname;

function step(name, root, env = process.env) {
  const out = execFileSync(process.execPath, [join(here, 'measure.mjs'), name, root], { encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'inherit'], env });
  return JSON.parse(out.trim().split('\n').pop());
}

const middle = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];

/** Several runs of one step as one: the median wall time and, separately, the median CPU time and peak RSS. */
function medianOf(results) {
  const seconds = middle(results.map((r) => r.seconds));
  const run = results.find((r) => r.seconds === seconds);
  return { ...run, cpuSeconds: middle(results.map((r) => r.cpuSeconds)), rssMb: middle(results.map((r) => r.rssMb)) };
}

/** Each named step run `runs` times, the steps taking turns (so that a slow spell of the machine falls on all of them), as medians. */
function interleaved(names, root, each = (name) => step(name, root)) {
  const results = Object.fromEntries(names.map((n) => [n, []]));
  for (let i = 0; i < runs; i++) for (const n of names) results[n].push(each(n));
  return Object.fromEntries(names.map((n) => [n, medianOf(results[n])]));
}

/** `runs` runs of `once` (a whole-process wall time, or a step), as the median. */
function repeated(once) {
  const results = Array.from({ length: runs }, () => once());
  return typeof results[0] === 'number' ? middle(results) : medianOf(results);
}

/** The package's bin (the bundle, scripts/bundle.mjs): what `npx vibeaudit` runs. */
const BIN = join(here, '..', JSON.parse(readFileSync(join(here, '../package.json'), 'utf8')).bin.vibeaudit);

/** Wall time of the whole CLI process (start-up included), as a user sees it. */
function cli(root, env, ...extra) {
  const started = performance.now();
  spawnSync(process.execPath, [BIN, 'scan', root, '--offline', '--format', 'json', '--fail-on', 'none', ...extra], { env, stdio: 'ignore', maxBuffer: 1 << 28 });
  return (performance.now() - started) / 1000;
}

/**
 * Rescans: cold with an empty cache, again with nothing changed, again after one source file changed, and in
 * process again after a copy of that file was added beside it, then after a dependency was added to the root
 * package.json and an option to the root tsconfig.json (where they are plain JSON). Run on a copy, so a real
 * tree given as argument is never written to.
 */
function rescans(root) {
  const work = mkdtempSync(join(tmpdir(), 'vibeaudit-bench-rescan-'));
  const copy = join(work, 'tree');
  const env = { ...process.env, VIBEAUDIT_CACHE_DIR: join(work, 'cache') };
  try {
    cpSync(root, copy, { recursive: true, filter: (src) => !/[\\/](?:node_modules|\.git)$/.test(src) });
    const edited = pickSourceFile(copy);
    // A scan trusts a file's stat stamp only once it is two seconds older than the read (src/cache/known-texts.ts);
    // a tree is normally older than that when it is scanned, a fresh copy is not.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2100);
    const edit = () => appendFileSync(join(copy, edited), '\nexport const benchEdit = Math.random();\n');
    const forget = () => rmSync(env.VIBEAUDIT_CACHE_DIR, { recursive: true, force: true });
    const cold = repeated(() => (forget(), step('scan-cached', copy, env)));
    const warm = repeated(() => step('scan-cached', copy, env));
    const one = repeated(() => (edit(), step('scan-cached', copy, env)));
    cpSync(join(copy, edited), join(copy, edited.replace(/(\.[^./]+)$/, '-added$1')));
    const added = step('scan-cached', copy, env);
    // Everyday edits of files every source file once depended on: a dependency, the TypeScript settings.
    const manifest = editJson(join(copy, 'package.json'), (json) => (json.dependencies = { ...json.dependencies, firebase: '^10.14.1' }));
    const dependency = manifest && step('scan-cached', copy, env);
    const tsconfig = editJson(join(copy, 'tsconfig.json'), (json) => (json.compilerOptions = { ...json.compilerOptions, noFallthroughCasesInSwitch: true }));
    const settings = tsconfig && step('scan-cached', copy, env);
    const cliCold = repeated(() => (forget(), cli(copy, env)));
    const cliWarm = repeated(() => cli(copy, env));
    const cliOne = repeated(() => (edit(), cli(copy, env)));
    return { edited, cold, warm, one, added, dependency, settings, cliCold, cliWarm, cliOne };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Rewrite a JSON file with `change` applied; false when it is missing or not plain JSON (a tsconfig with comments). */
function editJson(path, change) {
  let json;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return false;
  }
  change(json);
  writeFileSync(path, JSON.stringify(json, null, 2));
  return true;
}

/** A mid-sized JS/TS source file of the tree (not a config file), to edit between rescans. */
function pickSourceFile(root) {
  const found = discover(root, { include: [], exclude: [], maxFileSize: DEFAULT_MAX_FILE_SIZE }).files.filter((f) => /\.(?:[cm]?[jt]sx?)$/.test(f.path) && !/config\./.test(f.path) && !f.buildOutput);
  const sized = found.map((f) => ({ path: f.path, size: statSync(f.absPath).size })).sort((a, b) => a.size - b.size || (a.path < b.path ? -1 : 1));
  return sized[Math.floor(sized.length / 2)].path;
}

/** Whole-process wall time of a peer tool, when it is installed; undefined otherwise. */
function peer(name, command, argv, root) {
  const started = performance.now();
  const run = spawnSync(command, argv, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, SEMGREP_SEND_METRICS: 'off' } });
  if (run.error) return undefined;
  return { name, seconds: (performance.now() - started) / 1000, status: run.status };
}

function peers(root) {
  const found = [];
  const eslint = peersDir && join(peersDir, 'node_modules/.bin/eslint');
  if (eslint && existsSync(eslint)) {
    // The config lives next to the peer install so its plugins resolve there, not in this repository.
    const config = join(peersDir, 'eslint.bench.config.mjs');
    if (!existsSync(config)) {
      writeFileSync(config, `import security from 'eslint-plugin-security';
import tseslint from 'typescript-eslint';
export default [{ files: ['**/*.{js,mjs,cjs,jsx,ts,tsx}'], languageOptions: { parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: true } } }, ...security.configs.recommended }];
`);
    }
    found.push(peer('eslint + eslint-plugin-security', eslint, ['--config', config, '--no-warn-ignored', '--format', 'json', '.'], root));
  }
  const semgrep = spawnSync('semgrep', ['--version'], { encoding: 'utf8' });
  if (!semgrep.error) found.push(peer('semgrep (p/javascript, p/typescript)', 'semgrep', ['scan', '--config', 'p/javascript', '--config', 'p/typescript', '--metrics', 'off', '--quiet', '--json', '.'], root));
  return found.filter(Boolean);
}

const fmt = (s) => `${s.toFixed(2)} s`;
const pad = (s, n) => String(s).padEnd(n);

function bench(label, root) {
  const { read, oxc, 'oxc-wrapper': wrapper, scan, 'scan-no-dataflow': noFlow } = interleaved(['read', 'oxc', 'oxc-wrapper', 'scan', 'scan-no-dataflow'], root);
  const reference = skipReference ? undefined : step('typescript-estree', root);
  const cores = availableParallelism();
  const threaded = cores > 1 ? step(`scan-threads-${Math.min(4, cores)}`, root) : undefined;
  const scanReference = skipReference ? undefined : step('scan-typescript-estree', root);
  const floors = [oxc, wrapper, reference].filter(Boolean);
  const fastest = floors.reduce((a, b) => (a.seconds <= b.seconds ? a : b));
  const mb = read.bytes / 1e6;
  const ratio = scan.seconds / fastest.seconds;
  const flowCost = scan.seconds / noFlow.seconds - 1;
  console.log(`\n${label}: ${read.files} files (${oxc.files} parsed as JS/TS), ${mb.toFixed(1)} MB${runs > 1 ? `; medians of ${runs} runs (read, floors, scans, rescans and CLI runs), others once` : ''}`);
  console.log(`  ${pad('step', 44)} ${pad('wall', 9)} ${pad('CPU', 9)} ${pad('files/s', 9)} ${pad('MB/s', 7)} peak RSS`);
  // Floors count only the files (and bytes) they parse; scans count every file they read.
  const row = (name, r, count = r.files ?? read.files) => console.log(`  ${pad(name, 44)} ${pad(fmt(r.seconds), 9)} ${pad(r.cpuSeconds === undefined ? '-' : fmt(r.cpuSeconds), 9)} ${pad((count / r.seconds).toFixed(0), 9)} ${pad(((r.bytes ?? read.bytes) / 1e6 / r.seconds).toFixed(1), 7)} ${Number.isNaN(r.rssMb) ? '-' : `${r.rssMb.toFixed(0)} MB`}`);
  row('read every file (I/O floor)', read);
  row('parse floor: oxc-parser binding, read directly', oxc);
  row('parse floor: oxc-parser parseSync (documented)', wrapper);
  if (reference) row('parse floor: typescript-estree', reference);
  row('vibeaudit scan (oxc, all default rules)', scan, read.files);
  row('vibeaudit scan without data flow', noFlow, read.files);
  if (threaded) row(`vibeaudit scan on ${Math.min(4, cores)} threads`, threaded, read.files);
  if (scanReference) row('vibeaudit scan --parser typescript-estree', scanReference, read.files);
  const peerRuns = peers(root);
  for (const p of peerRuns) row(`peer: ${p.name}${p.status > 1 ? ` (exit ${p.status})` : ''}`, { seconds: p.seconds, rssMb: NaN }, read.files);
  console.log(`  findings: ${scan.findings} (${scan.flows} with a data flow)`);
  const cpuRatio = scan.cpuSeconds / Math.min(...floors.map((f) => f.cpuSeconds));
  if (oxc.files) {
    console.log(`  scan / fastest parse floor: ${ratio.toFixed(2)}x wall, ${cpuRatio.toFixed(2)}x CPU (target <= 3x) ${ratio <= 3 ? 'OK' : 'ABOVE TARGET'}`);
    console.log(`  scan / documented parseSync floor: ${(scan.seconds / wrapper.seconds).toFixed(2)}x wall, ${(scan.cpuSeconds / wrapper.cpuSeconds).toFixed(2)}x CPU`);
  }
  else console.log('  scan / fastest parse floor: n/a (no JS/TS file to parse: build output, minified or none)');
  console.log(`  data-flow cost: ${(flowCost * 100).toFixed(0)}% (target <= 50%) ${flowCost <= 0.5 ? 'OK' : 'ABOVE TARGET'}`);
  console.log(`  peak RSS of the scan: ${scan.rssMb.toFixed(0)} MB (target < 1536) ${scan.rssMb < 1536 ? 'OK' : 'ABOVE TARGET'}`);
  const r = rescans(root);
  const pct = (a, b) => `${((a / b) * 100).toFixed(0)}%`;
  console.log(`  rescans with kept results (in-process; whole CLI process in brackets), one file changed: ${r.edited}`);
  console.log(`    cold ${fmt(r.cold.seconds)} [${fmt(r.cliCold)}], nothing changed ${fmt(r.warm.seconds)} [${fmt(r.cliWarm)}], one file changed ${fmt(r.one.seconds)} [${fmt(r.cliOne)}]`);
  console.log(`    nothing changed: ${pct(r.warm.seconds, r.cold.seconds)} of cold [${pct(r.cliWarm, r.cliCold)}] (target <= 10%) ${r.warm.seconds <= r.cold.seconds * 0.1 ? 'OK' : 'ABOVE TARGET'}`);
  console.log(`    one file changed: ${pct(r.one.seconds, r.cold.seconds)} of cold [${pct(r.cliOne, r.cliCold)}] (target <= 20%) ${r.one.seconds <= r.cold.seconds * 0.2 ? 'OK' : 'ABOVE TARGET'}; ${r.one.reused} of ${r.one.files} files reused`);
  console.log(`    a copy of it added beside it: ${fmt(r.added.seconds)}, ${pct(r.added.seconds, r.cold.seconds)} of cold; ${r.added.reused} of ${r.added.files} files reused`);
  if (r.dependency) console.log(`    then a dependency added to package.json: ${fmt(r.dependency.seconds)}, ${pct(r.dependency.seconds, r.cold.seconds)} of cold; ${r.dependency.reused} of ${r.dependency.files} files reused`);
  if (r.settings) console.log(`    then an option added to tsconfig.json: ${fmt(r.settings.seconds)}, ${pct(r.settings.seconds, r.cold.seconds)} of cold; ${r.settings.reused} of ${r.settings.files} files reused`);
  if (peerRuns.length) {
    // Peers are whole processes, so they are compared with a whole cold CLI run (start and loading included).
    const fastestPeer = peerRuns.reduce((a, b) => (a.seconds <= b.seconds ? a : b));
    const share = r.cliCold / fastestPeer.seconds;
    console.log(`  whole CLI cold run / fastest peer (${fastestPeer.name}): ${share.toFixed(2)} (target <= 0.5) ${share <= 0.5 ? 'OK' : 'ABOVE TARGET'}`);
  }
  if (scanReference) console.log(`  oxc speed-up of the whole scan: ${(scanReference.seconds / scan.seconds).toFixed(2)}x wall, ${(scanReference.cpuSeconds / scan.cpuSeconds).toFixed(2)}x CPU`);
}

for (const size of sizes) {
  const root = mkdtempSync(join(tmpdir(), 'vibeaudit-bench-'));
  try {
    generateProject(root, size);
    bench(`synthetic app, ${size.toLocaleString('en')} files`, root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
for (const root of paths) bench(root, root);
