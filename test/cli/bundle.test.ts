import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { readKeptFile } from '../helpers/kept-file.js';
import { BIN, REPO } from '../helpers/run-cli.js';
import { tempProject } from '../helpers/temp-project.js';

// The bundle (scripts/bundle.mjs) is what `npx vibeaudit` and the Action run. These tests run it from a copy of
// the package that holds only what it ships, so a module the bundle still loads from dist/, or a path to rules/,
// data/ or package.json that only works from dist/engine, fails here.
const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string; files: string[]; bin: { vibeaudit: string } };
let pkg = '';
const run = (args: string[], cwd = REPO) => spawnSync(process.execPath, [join(pkg, manifest.bin.vibeaudit), ...args], { cwd, encoding: 'utf8', timeout: 120_000, maxBuffer: 1 << 28 });

beforeAll(() => {
  // A folder name with a space and a non-ASCII letter, as installs under a user's home can have.
  pkg = mkdtempSync(join(tmpdir(), 'vibeaudit package é-'));
  for (const entry of [...manifest.files, 'package.json']) cpSync(join(REPO, entry), join(pkg, entry), { recursive: true });
  symlinkSync(join(REPO, 'node_modules'), join(pkg, 'node_modules'));
});

describe('the bundle, from a copy of what the package ships', () => {
  it('is the package bin, and reads the version from package.json', () => {
    expect(relative(REPO, BIN)).toBe(manifest.bin.vibeaudit);
    const r = run(['--version']);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe(manifest.version);
  });

  it('carries the licence of every package it holds a copy of', () => {
    const dir = join(pkg, 'dist/bundle');
    const code = readdirSync(dir).filter((f) => f.endsWith('.js')).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    // esbuild marks where each bundled module begins: `// node_modules/yaml/dist/index.js`.
    const bundled = new Set([...code.matchAll(/^\/\/ node_modules\/((?:@[^/]+\/)?[^/]+)\//gm)].map((m) => m[1]));
    expect(bundled.has('yaml')).toBe(true);
    const notices = readFileSync(join(dir, 'THIRD-PARTY-NOTICES.md'), 'utf8');
    for (const name of bundled) expect(notices, name).toMatch(new RegExp(`^## ${name.replace(/[/.]/g, '\\$&')} \\d`, 'm'));
    expect(notices).toContain('Permission to use, copy, modify');
  });

  it('is ASCII throughout, comments included, with what they say kept (a start decodes and compiles it faster)', () => {
    const dir = join(pkg, 'dist/bundle');
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
      const text = readFileSync(join(dir, name), 'utf8');
      expect(/[^\x00-\x7f]/.exec(text)?.index, name).toBeUndefined();
    }
    // A comment of src/firebase/rules-parser.ts, and a regular expression of src/rules/secrets/values.ts written with escapes.
    const code = readdirSync(dir).map((f) => (f.endsWith('.js') ? readFileSync(join(dir, f), 'utf8') : '')).join('\n');
    expect(code).toContain('/** Skip an unknown statement: up to `;`, a balanced `{...}`, or the `}` closing the block. */');
    expect(code).toContain('\\u2026|#{4,}/');
  });

  it('finds what needs the rules catalogue and the data files (the typosquat list)', () => {
    const root = tempProject({ 'package.json': JSON.stringify({ name: 'shop', dependencies: { lodahs: '^4.17.21' } }) });
    const r = run(['scan', root, '--offline', '--no-cache', '--format', 'json']);
    const ids = (JSON.parse(r.stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId);
    expect(ids).toContain('dependency-typosquat');
    expect(r.status).toBe(1);
  });

  it('is the same build when built again from the same sources, and another with another parser installed', () => {
    // The Action builds vibeaudit on every run: results kept by one run serve the next only if the id is the same.
    const project = tempProject({ 'package.json': '{ "name": "shop" }\n', 'src/a.ts': 'export const a = 1;\n', 'src/b.ts': "export const b = require('./a');\n" });
    const cache = mkdtempSync(join(tmpdir(), 'vibeaudit-bundle-cache-'));
    const scanWith = (copy: string) => {
      const r = spawnSync(process.execPath, [join(copy, manifest.bin.vibeaudit), 'scan', project, '--offline', '--format', 'json'], { encoding: 'utf8', env: { ...process.env, VIBEAUDIT_CACHE_DIR: cache } });
      expect(r.status, r.stderr).toBe(0);
      return readKeptFile(join(cache, 'scan', readdirSync(join(cache, 'scan'))[0]));
    };
    const first = scanWith(pkg);
    expect(first.records).toBe(3);

    // The same sources bundled again elsewhere: new files, new times, the same content.
    const rebuilt = mkdtempSync(join(tmpdir(), 'vibeaudit-rebuilt-'));
    for (const entry of ['dist', 'rules', 'data', 'scripts', 'package.json']) cpSync(join(REPO, entry), join(rebuilt, entry), { recursive: true });
    symlinkSync(join(REPO, 'node_modules'), join(rebuilt, 'node_modules'));
    const bundled = spawnSync(process.execPath, [join(rebuilt, 'scripts/bundle.mjs')], { encoding: 'utf8' });
    expect(bundled.status, bundled.stderr).toBe(0);
    expect(scanWith(rebuilt)).toEqual(first);

    // The same bundle with another oxc-parser installed beside it.
    const other = mkdtempSync(join(tmpdir(), 'vibeaudit-other-parser-'));
    for (const entry of [...manifest.files, 'package.json']) cpSync(join(pkg, entry), join(other, entry), { recursive: true });
    mkdirSync(join(other, 'node_modules'));
    for (const name of readdirSync(join(REPO, 'node_modules'))) if (name !== 'oxc-parser') symlinkSync(join(REPO, 'node_modules', name), join(other, 'node_modules', name));
    cpSync(join(REPO, 'node_modules/oxc-parser'), join(other, 'node_modules/oxc-parser'), { recursive: true });
    const parserManifest = join(other, 'node_modules/oxc-parser/package.json');
    writeFileSync(parserManifest, readFileSync(parserManifest, 'utf8').replace(/"version": "[^"]+"/, '"version": "0.0.1-other"'));
    const another = scanWith(other);
    expect(another.build).not.toBe(first.build);
    expect(another.records).toBe(3);
  }, 120_000);

  it('analyses on worker threads, reporting what one thread reports', async () => {
    const { generateProject } = (await import(pathToFileURL(join(REPO, 'bench/synthetic.mjs')).href)) as { generateProject: (root: string, n: number) => void };
    const root = mkdtempSync(join(tmpdir(), 'vibeaudit-bundle-threads-'));
    // Enough text for two threads (600 KB each by default).
    generateProject(root, 1300);
    writeFileSync(join(root, '.gitignore'), 'node_modules\n');
    const scan = (threads: number) => run(['scan', root, '--offline', '--no-cache', '--format', 'json', '--fail-on', 'none', '--threads', String(threads), '--debug']);
    const one = scan(1);
    const two = scan(2);
    expect(one.stderr).toContain('analysed on 1 thread\n');
    expect(two.stderr).toContain('analysed on 2 threads\n');
    const findings = (r: { stdout: string }) => (JSON.parse(r.stdout) as { findings: unknown[] }).findings;
    expect(findings(one).length).toBeGreaterThan(100);
    expect(findings(two)).toEqual(findings(one));
  }, 120_000);
});
