import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadResults, saveResults, scanCacheFile, UNUSED_DAYS } from '../../src/cache/disk.js';
import { ResultStore } from '../../src/cache/results.js';
import { defaultConfig } from '../../src/config/types.js';
import type { ScanResult } from '../../src/engine/result.js';
import { NETWORK_RULES } from '../../src/registry/session.js';
import { scanDirectory } from '../../src/engine/scan.js';
import { fakeToken } from '../../src/rules/secrets/fake.js';
import { readKeptFile } from '../helpers/kept-file.js';
import { BIN, REPO } from '../helpers/run-cli.js';
import { tempProject } from '../helpers/temp-project.js';

const STRIPE = fakeToken('sk_live_', 32, 'b62', 'disk-cache');

const APP = {
  'package.json': JSON.stringify({ dependencies: { express: '^4.19.0', pg: '^8.0.0', jsonwebtoken: '^9.0.0' } }),
  'server/app.js': [
    "import express from 'express';",
    "import jwt from 'jsonwebtoken';",
    "import pg from 'pg';",
    'const pool = new pg.Pool();',
    'const app = express();',
    `const stripeKey = '${STRIPE}';`,
    "app.get('/items', async (req, res) => {",
    `  jwt.verify(req.headers.authorization, '${STRIPE}');`,
    "  const rows = await pool.query(`SELECT * FROM items WHERE owner = '${req.query.owner}' AND key = '" + STRIPE + "'`);",
    '  res.json({ rows, stripeKey });',
    '});',
    '',
  ].join('\n'),
  'server/util.js': 'export const slug = (s) => s.toLowerCase();\n',
};

/** The findings kept of every project rule (objects a scan copies from: a test changing them marks them). */
const keptFindings = (store: ResultStore) => store.project!.steps.flatMap((step) => step.findings);

const scan = (root: string, results?: ResultStore) => scanDirectory(root, { config: defaultConfig(), offline: true, results });

function cacheFileOf(root: string): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'vibeaudit-scan-cache-'));
  return { dir, file: scanCacheFile(dir, root) };
}

describe('results kept on disk', () => {
  it('reads back what it wrote, so the next scan reuses every file', async () => {
    const root = tempProject(APP);
    const { file } = cacheFileOf(root);
    const first = loadResults(file, root);
    const cold = await scan(root, first);
    saveResults(file, root, first);
    const again = loadResults(file, root);
    expect(again.size).toBe(first.size);
    const warm = await scan(root, again);
    expect(again.misses).toBe(0);
    expect(again.hits).toBe(Object.keys(APP).length);
    expect(warm.findings).toEqual(cold.findings);
  });

  it('never keeps a secret whole, in findings or in the facts kept about routes and data flows', async () => {
    const root = tempProject(APP);
    const { file } = cacheFileOf(root);
    const store = new ResultStore();
    const result = await scan(root, store);
    expect(result.findings.some((f) => f.ruleId === 'hardcoded-secret')).toBe(true);
    saveResults(file, root, store);
    const bytes = readFileSync(file);
    for (const text of [bytes.toString('latin1'), bytes.toString('utf16le'), bytes.subarray(1).toString('utf16le')]) {
      expect(text).not.toContain(STRIPE);
      expect(text).not.toContain(STRIPE.slice(8, 24));
    }
  });

  it('redacts a secret another rule found where project rules report on its line, cold and from kept results', async () => {
    const root = tempProject(APP);
    const { file } = cacheFileOf(root);
    const injection = (r: ScanResult) => r.findings.find((f) => f.ruleId === 'sql-injection')!;
    const first = loadResults(file, root);
    const cold = await scan(root, first);
    expect(injection(cold).snippet).toContain("key = 'sk_live_********'");
    expect(JSON.stringify(cold.findings)).not.toContain(STRIPE.slice(8, 24));
    saveResults(file, root, first);
    // Nothing changed: the project rules' findings are taken as they were kept.
    const same = loadResults(file, root);
    expect((await scan(root, same)).findings).toEqual(cold.findings);
    // Another file changed: the project rules run again, over server/app.js's kept record, which holds where
    // its secrets are but not what they are.
    appendFileSync(join(root, 'server/util.js'), 'export const more = 1;\n');
    const edited = loadResults(file, root);
    const after = await scan(root, edited);
    expect(edited.hits).toBe(2);
    expect(injection(after)).toEqual(injection(cold));
    expect(JSON.stringify(after.findings)).not.toContain(STRIPE.slice(8, 24));
  });

  it('keeps what project rules that read only the project reported, and runs those that may go online every time', async () => {
    // Locked, so that every registry rule has something to ask the registry about.
    const lock = { name: 'app', lockfileVersion: 3, packages: { '': { dependencies: { express: '^4.19.0' } }, 'node_modules/express': { version: '4.19.2', resolved: 'https://registry.npmjs.org/express/-/express-4.19.2.tgz', integrity: 'sha512-AAAA' } } };
    const root = tempProject({ ...APP, 'package-lock.json': JSON.stringify(lock) });
    const store = new ResultStore();
    const cold = await scan(root, store);
    const rules = store.project!.steps.map((step) => step.rule);
    expect(rules).toEqual(expect.arrayContaining(['route-without-auth', 'sql-injection', 'lockfile-missing']));
    expect(rules.filter((id) => NETWORK_RULES.includes(id))).toEqual([]);
    expect(keptFindings(store).map((f) => f.ruleId).sort()).toEqual(cold.findings.map((f) => f.ruleId).filter((id) => rules.includes(id)).sort());
    // What is kept is what the next scan of the same files reports, without running those rules again.
    keptFindings(store).find((f) => f.ruleId === 'sql-injection')!.message = 'kept';
    const message = (r: ScanResult) => r.findings.find((f) => f.ruleId === 'sql-injection')!.message;
    expect(message(await scan(root, store))).toBe('kept');
    // An edit that changes none of the data flows it read keeps it too.
    appendFileSync(join(root, 'server/util.js'), 'export const more = 1;\n');
    expect(message(await scan(root, store))).toBe('kept');
    // One that changes a flow runs it again.
    writeFileSync(join(root, 'server/app.js'), APP['server/app.js'].replace('req.query.owner', 'req.query.ownerId'));
    const edited = message(await scan(root, store));
    expect(edited).toContain('req.query.ownerId');
    expect(edited).toBe(message(await scan(root)));
  });

  it('keeps project findings through an edit that changes nothing their rules read, and only then', async () => {
    const root = tempProject({ ...APP, 'src/Nav.jsx': 'export const Nav = () => <nav>home</nav>;\n' });
    const store = new ResultStore();
    const cold = await scan(root, store);
    const message = (r: ScanResult) => r.findings.find((f) => f.ruleId === 'sql-injection')!.message;
    keptFindings(store).find((f) => f.ruleId === 'sql-injection')!.message = 'kept';
    // A comment in a file none of the project findings are in: same route facts, same flows, same texts read.
    appendFileSync(join(root, 'src/Nav.jsx'), '// the top bar\n');
    const commented = await scan(root, store);
    expect(message(commented)).toBe('kept');
    expect(commented.findings.map((f) => `${f.ruleId}:${f.file}:${f.range.startLine}`)).toEqual(cold.findings.map((f) => `${f.ruleId}:${f.file}:${f.range.startLine}`));
    // The file's own rules still run on it: a suppression without a reason is reported, the kept findings stay.
    appendFileSync(join(root, 'src/Nav.jsx'), '// vibeaudit-ignore-next-line xss\n// (nothing here)\n');
    const suppressed = await scan(root, store);
    expect(message(suppressed)).toBe('kept');
    expect(suppressed.findings.filter((f) => f.file === 'src/Nav.jsx').map((f) => f.ruleId)).toEqual(['suppression-without-reason']);
    // The text of a line a project finding quotes, with the same route facts and flows: its snippet must follow.
    writeFileSync(join(root, 'server/app.js'), readFileSync(join(root, 'server/app.js'), 'utf8').replace('AND key =', 'AND kee ='));
    const quoted = await scan(root, store);
    expect(message(quoted)).toBe(message(cold));
    expect(quoted.findings.find((f) => f.ruleId === 'sql-injection')!.snippet).toContain('AND kee =');
  });

  it('reports from kept migrations, route facts and data flows exactly what a cold scan reports, before and after an edit', async () => {
    const root = mkdtempSync(join(tmpdir(), 'vibeaudit-disk-supabase-'));
    cpSync(join(REPO, 'fixtures/lovable-supabase'), root, { recursive: true });
    const { file } = cacheFileOf(root);
    const shown = (r: ScanResult) => ({ findings: r.findings, notifications: r.notifications });
    const first = loadResults(file, root);
    const cold = await scan(root, first);
    expect(cold.findings.filter((f) => f.ruleId.startsWith('supabase-')).length).toBeGreaterThan(0);
    saveResults(file, root, first);
    expect(shown(await scan(root, loadResults(file, root)))).toEqual(shown(cold));
    // A script changed: project rules run again on migrations, route facts and flows read back from disk.
    const script = readdirSync(join(root, 'src/pages')).find((n) => n.endsWith('.tsx'))!;
    appendFileSync(join(root, 'src/pages', script), '\nexport const edited = 1;\n');
    const warm = await scan(root, loadResults(file, root));
    expect(shown(warm)).toEqual(shown(await scan(root)));
  });

  it('treats a damaged, truncated, foreign or missing file as empty and scans as if cold', async () => {
    const root = tempProject(APP);
    const { file } = cacheFileOf(root);
    const store = new ResultStore();
    const cold = await scan(root, store);
    saveResults(file, root, store);
    const good = readFileSync(file);
    const damaged = Buffer.from(good);
    damaged[damaged.length - 10] ^= 0xff;
    const cases: [string, Buffer][] = [
      ['one byte flipped', damaged],
      ['truncated', good.subarray(0, Math.floor(good.length / 2))],
      ['random bytes', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))],
      ['empty', Buffer.alloc(0)],
    ];
    for (const [what, bytes] of cases) {
      writeFileSync(file, bytes);
      const loaded = loadResults(file, root);
      expect(loaded.size, what).toBe(0);
      expect((await scan(root, loaded)).findings, what).toEqual(cold.findings);
    }
    writeFileSync(file, good);
    expect(loadResults(file, '/some/other/root').size).toBe(0);
    expect(loadResults(join(file, 'missing'), root).size).toBe(0);
  });

  it('removes the results of folders not scanned for a month, and keeps those still scanned', async () => {
    const root = tempProject(APP);
    const { dir, file } = cacheFileOf(root);
    const stale = join(dir, 'scan', 'stale0000000000000000000000000000.bin');
    const used = loadResults(file, root);
    await scan(root, used);
    saveResults(file, root, used);
    const old = new Date(Date.now() - (UNUSED_DAYS + 1) * 24 * 60 * 60 * 1000);
    writeFileSync(stale, 'results of a folder nobody scans any more');
    utimesSync(stale, old, old);
    utimesSync(file, old, old);
    // Nothing changed: the kept file is not rewritten, but marked as used.
    const again = loadResults(file, root);
    await scan(root, again);
    saveResults(file, root, again);
    expect(statSync(file).mtimeMs).toBeGreaterThan(old.getTime());
    // The next save that writes removes what nobody used for a month.
    appendFileSync(join(root, 'server/util.js'), 'export const more = 1;\n');
    const changed = loadResults(file, root);
    await scan(root, changed);
    saveResults(file, root, changed);
    expect(readdirSync(join(dir, 'scan'))).toEqual([file.slice(join(dir, 'scan').length + 1)]);
  });

  it('keeps one file per scanned folder in the cache folder, and none with --no-cache', async () => {
    const root = tempProject(APP);
    const dir = mkdtempSync(join(tmpdir(), 'vibeaudit-cli-cache-'));
    const env = { ...process.env, VIBEAUDIT_CACHE_DIR: dir };
    await runCliAsync(['scan', root, '--offline', '--format', 'json', '--no-cache'], env);
    expect(readdirSync(dir)).toEqual([]);
    await runCliAsync(['scan', root, '--offline', '--format', 'json'], env);
    expect(readdirSync(join(dir, 'scan'))).toHaveLength(1);
  });

  it('stays readable and correct when several scans of one folder run at once', async () => {
    const root = tempProject(APP);
    const dir = mkdtempSync(join(tmpdir(), 'vibeaudit-cli-cache-'));
    const env = { ...process.env, VIBEAUDIT_CACHE_DIR: dir };
    const reference = await runCliAsync(['scan', root, '--offline', '--format', 'json', '--no-cache'], env);
    const runs = await Promise.all(Array.from({ length: 4 }, () => runCliAsync(['scan', root, '--offline', '--format', 'json'], env)));
    const again = await runCliAsync(['scan', root, '--offline', '--format', 'json'], env);
    for (const run of [...runs, again]) expect(findingsOf(run.stdout)).toEqual(findingsOf(reference.stdout));
    expect(readdirSync(join(dir, 'scan'))).toHaveLength(1);
    // Written by the bundle, whose build id is not this code's: read as it is (header, CRC, records).
    expect(readKeptFile(scanCacheFile(dir, root)).records).toBe(Object.keys(APP).length);
  }, 60_000);
});

function findingsOf(stdout: string): unknown {
  return (JSON.parse(stdout) as { findings: unknown[] }).findings;
}

function runCliAsync(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO, env: { ...env, CI: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
