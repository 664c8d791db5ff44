import { createHash } from 'node:crypto';
import { appendFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { splitWork } from '../../src/engine/threads.js';
import type { SourceFile } from '../../src/model/types.js';
import { REPO } from '../helpers/run-cli.js';

// Worker threads run the built JavaScript, so these scans use the build (test setup keeps it current).
type ScanModule = typeof import('../../src/engine/scan.js');
type ConfigModule = typeof import('../../src/config/types.js');
const built = async () => ({
  scan: (await import(pathToFileURL(join(REPO, 'dist/engine/scan.js')).href)) as ScanModule,
  config: (await import(pathToFileURL(join(REPO, 'dist/config/types.js')).href)) as ConfigModule,
});

const file = (path: string, size: number) => ({ path, text: 'x'.repeat(size) }) as SourceFile;

describe('splitting the work between threads', () => {
  it('balances shares by size, the same way every time, each share in path order', () => {
    const files = Array.from({ length: 40 }, (_, i) => file(`src/f${String(i).padStart(2, '0')}.ts`, 1000 + ((i * 7919) % 5000)));
    const shares = splitWork(files, 3, 1000);
    expect(shares).toHaveLength(3);
    // Runs of paths, in order: files of one folder (which import each other) stay on one thread.
    expect(shares.flat().map((f) => f.path)).toEqual(files.map((f) => f.path).sort());
    for (const share of shares) expect(share.map((f) => f.path)).toEqual([...share.map((f) => f.path)].sort());
    expect(splitWork([...files].reverse(), 3, 1000)).toEqual(shares);
    // Workers start late, so the main thread (share 0) takes more.
    const sizes = shares.map((s) => s.reduce((sum, f) => sum + f.text.length, 0));
    expect(sizes[0]).toBeGreaterThan(sizes[1]);
    expect(Math.abs(sizes[1] - sizes[2])).toBeLessThan(6000);
  });

  it('keeps small scans on one thread', () => {
    const files = Array.from({ length: 10 }, (_, i) => file(`f${i}.ts`, 100));
    expect(splitWork(files, 4, 600_000)).toEqual([]);
    expect(splitWork(files, 1, 1)).toEqual([]);
    expect(splitWork(files, 4, 300)).toHaveLength(3);
  });
});

describe('scans on several threads', () => {
  const shown = (r: Awaited<ReturnType<ScanModule['scanDirectory']>>) => ({ findings: r.findings, notifications: r.notifications, files: r.files, parsed: r.stats.parsed });

  for (const app of ['lovable-supabase', 'bolt-express-mongo', 'nextjs-app', 'parse-server', 'clean-app']) {
    it(`report exactly what one thread reports on ${app}`, async () => {
      const { scan, config } = await built();
      const root = join(REPO, 'fixtures', app);
      const one = await scan.scanDirectory(root, { config: config.defaultConfig(), offline: true, threads: 1 });
      for (const threads of [2, 3]) {
        let used = 0;
        const many = await scan.scanDirectory(root, { config: config.defaultConfig(), offline: true, threads, minBytesPerThread: 1, onThreads: (n) => (used = n) });
        expect(used).toBe(threads);
        expect(shown(many), `${threads} threads`).toEqual(shown(one));
      }
    });
  }

  it('report exactly what one thread reports on a generated app of 300 files, run after run', async () => {
    const { scan, config } = await built();
    const { generateProject } = (await import(pathToFileURL(join(REPO, 'bench/synthetic.mjs')).href)) as { generateProject: (root: string, n: number) => void };
    const root = mkdtempSync(join(tmpdir(), 'vibeaudit-threads-'));
    generateProject(root, 300);
    const one = shown(await scan.scanDirectory(root, { config: config.defaultConfig(), offline: true, threads: 1 }));
    expect(one.findings.length).toBeGreaterThan(50);
    for (let run = 0; run < 2; run++) {
      let used = 0;
      const two = await scan.scanDirectory(root, { config: config.defaultConfig(), offline: true, threads: 2, minBytesPerThread: 1, onThreads: (n) => (used = n) });
      expect(used).toBe(2);
      expect(shown(two)).toEqual(one);
    }
  }, 60_000);

  it('keep what workers found for the next scan, and rescan edited files on workers too', async () => {
    const { scan, config } = await built();
    const { ResultStore } = (await import(pathToFileURL(join(REPO, 'dist/cache/results.js')).href)) as typeof import('../../src/cache/results.js');
    const { generateProject } = (await import(pathToFileURL(join(REPO, 'bench/synthetic.mjs')).href)) as { generateProject: (root: string, n: number) => void };
    const root = mkdtempSync(join(tmpdir(), 'vibeaudit-threads-'));
    generateProject(root, 200);
    const store = new ResultStore();
    const options = () => ({ config: config.defaultConfig(), offline: true, threads: 2, minBytesPerThread: 1, results: store });
    const cold = shown(await scan.scanDirectory(root, options()));
    const misses = store.misses;
    expect(shown(await scan.scanDirectory(root, options()))).toEqual(cold);
    expect(store.misses).toBe(misses);
    // Written as the workers serialised them: each record's route facts and data flows are the bytes its digest is of.
    const { loadResults, saveResults } = (await import(pathToFileURL(join(REPO, 'dist/cache/disk.js')).href)) as typeof import('../../src/cache/disk.js');
    const file = join(mkdtempSync(join(tmpdir(), 'vibeaudit-threads-cache-')), 'kept.bin');
    saveResults(file, root, store);
    const records = [...loadResults(file, root).entries()].map(([, r]) => r as typeof r & { bytes: { routes?: Uint8Array; dataflow?: Uint8Array } });
    const digest = (bytes: Uint8Array) => createHash('sha1').update(bytes).digest('base64');
    for (const part of ['routes', 'dataflow'] as const) {
      expect(records.filter((r) => r.bytes[part]).length).toBeGreaterThan(50);
      for (const r of records) if (r.bytes[part]) expect(digest(r.bytes[part])).toBe(r.derived[part]);
    }

    const edited = readdirSync(join(root, 'server/routes/g0')).slice(0, 6);
    for (const name of edited) appendFileSync(join(root, 'server/routes/g0', name), "\nrouter.get('/extra', (req, res) => res.send(req.query.q));\n");
    const warm = shown(await scan.scanDirectory(root, options()));
    expect(store.misses - misses).toBeGreaterThanOrEqual(edited.length);
    expect(warm).toEqual(shown(await scan.scanDirectory(root, { config: config.defaultConfig(), offline: true, threads: 1 })));
    expect(warm.findings.length).toBeGreaterThan(cold.findings.length);
  }, 60_000);
});
