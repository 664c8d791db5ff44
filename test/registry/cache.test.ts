import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiskCache, defaultCacheDir } from '../../src/registry/cache.js';

const temp = () => mkdtempSync(join(tmpdir(), 'va-cache-'));

describe('DiskCache', () => {
  it('returns what was stored until the TTL passes', () => {
    let now = 1_000_000;
    const cache = new DiskCache(join(temp(), 'nested'), 1000, () => now);
    cache.set('k', { a: 1 });
    expect(cache.get('k')).toEqual({ a: 1 });
    now += 1001;
    expect(cache.get('k')).toBeUndefined();
  });

  it('ignores a corrupt entry and leaves no temporary files behind', () => {
    const dir = temp();
    const cache = new DiskCache(dir);
    cache.set('k', 1);
    const [file] = readdirSync(dir);
    writeFileSync(join(dir, file), '{"storedAt": 1, "val');
    expect(cache.get('k')).toBeUndefined();
    cache.set('k', 2);
    expect(cache.get('k')).toBe(2);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('does not fail when the folder cannot be written', () => {
    const dir = join(temp(), 'file');
    writeFileSync(dir, 'not a folder');
    const cache = new DiskCache(join(dir, 'sub'));
    cache.set('k', 1);
    expect(cache.get('k')).toBeUndefined();
  });

  it('lives in VIBEAUDIT_CACHE_DIR, else the XDG cache, else ~/.cache', () => {
    expect(defaultCacheDir({ VIBEAUDIT_CACHE_DIR: '/x/y' })).toBe('/x/y');
    expect(defaultCacheDir({ XDG_CACHE_HOME: '/c' })).toBe(join('/c', 'vibeaudit'));
    expect(defaultCacheDir({})).toMatch(/\.cache[\\/]vibeaudit$/);
  });
});
