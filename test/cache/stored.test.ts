import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadResults, saveResults, scanCacheFile } from '../../src/cache/disk.js';
import { ResultStore } from '../../src/cache/results.js';
import { SharedParts } from '../../src/cache/stored.js';
import { defaultConfig } from '../../src/config/types.js';
import { scanDirectory } from '../../src/engine/scan.js';
import { tempProject } from '../helpers/temp-project.js';

describe('parts shared by the records written together', () => {
  it('gives one object for equal pairs and equal digests, and keeps different ones apart', () => {
    const shared = new SharedParts();
    const first: [string, string] = ['package uses framework\0\0express', 'abc='];
    expect(shared.pair(['package uses framework\0\0express', 'abc='])).toBe(shared.pair(first));
    expect(shared.pair(['package uses framework\0\0express', 'abd='])).not.toBe(shared.pair(first));
    // Keys hold NUL characters: moving one from the key to the digest makes another pair.
    const split = shared.pair(['a\0b', 'c']);
    expect(shared.pair(['a', 'b\0c'])).not.toBe(split);
    expect(shared.pair(['a', 'b\0c'])).toEqual(['a', 'b\0c']);
    const digests = { routes: 'none', dataflow: 'x=' };
    expect(shared.derived({ routes: 'none', dataflow: 'x=' })).toBe(shared.derived(digests));
    expect(shared.derived({ routes: 'none', dataflow: 'y=' })).toEqual({ routes: 'none', dataflow: 'y=' });
  });

  it('are read back once and shared, with every record as it was written', async () => {
    const route = (name: string) => [`import express from 'express';`, 'const router = express.Router();', `router.get('/${name}', (req, res) => res.json({ ok: true }));`, 'export default router;', ''].join('\n');
    const root = tempProject({ 'package.json': JSON.stringify({ dependencies: { express: '^4.19.0' } }), 'server/a.js': route('a'), 'server/b.js': route('b'), 'server/c.js': route('c') });
    const file = scanCacheFile(mkdtempSync(join(tmpdir(), 'vibeaudit-shared-')), root);
    const store = new ResultStore();
    await scanDirectory(root, { config: defaultConfig(), offline: true, results: store });
    saveResults(file, root, store);
    const again = new Map(loadResults(file, root).entries());
    const paths = ['server/a.js', 'server/b.js', 'server/c.js'];
    for (const path of paths) {
      const [written, read] = [store.recordOf(path)!, again.get(path)!];
      for (const part of ['key', 'facts', 'texts', 'summaries', 'derived', 'findings'] as const) expect(read[part]).toEqual(written[part]);
    }
    // The three route files read the same facts about their package: each pair was written, and made, once.
    const [a, b, c] = paths.map((p) => again.get(p)!);
    const common = a.facts.filter(([key]) => b.facts.some(([k]) => k === key) && c.facts.some(([k]) => k === key));
    expect(common.length).toBeGreaterThan(0);
    for (const pair of common) {
      expect(b.facts.find(([k]) => k === pair[0])).toBe(pair);
      expect(c.facts.find(([k]) => k === pair[0])).toBe(pair);
    }
  });
});
