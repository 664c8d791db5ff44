import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistryClient } from '../../src/registry/client.js';
import { fetchPackument } from '../../src/registry/packument.js';
import { fetchAdvisories } from '../../src/registry/advisories.js';
import { startRegistryServer, type RegistryServer } from '../helpers/registry-server.js';

let server: RegistryServer;
beforeAll(async () => {
  server = await startRegistryServer({
    behave: { 'slow-pkg': 'timeout', 'stalled-pkg': 'stall-body', 'garbage-pkg': 'malformed', 'flaky-pkg': 'fail-once', 'broken-pkg': 500, 'gone-pkg': 405 },
    packuments: { 'unpublished-pkg': { name: 'unpublished-pkg', time: { created: '2020-01-01T00:00:00.000Z', unpublished: { time: '2020-02-01T00:00:00.000Z' } } }, 'flaky-pkg': { name: 'flaky-pkg', 'dist-tags': { latest: '1.0.0' }, versions: { '1.0.0': {} }, time: {} } },
  });
});
afterAll(() => server.close());

const client = (extra: Partial<ConstructorParameters<typeof RegistryClient>[0]> = {}) =>
  new RegistryClient({ config: { registry: server.url }, timeoutMs: 300, retries: 2, retryDelayMs: 5, ...extra });
const count = (line: string) => server.requests.filter((r) => r === line).length;

describe('RegistryClient and packuments', () => {
  it('reads a recorded packument, trimmed to what the checks use', async () => {
    const r = await fetchPackument(client(), undefined, 'request');
    expect(r.state).toBe('found');
    if (r.state !== 'found') return;
    expect(r.packument.distTags.latest).toBe('2.88.2');
    expect(r.packument.versions['2.88.2'].deprecated).toMatch(/deprecated/);
    expect(r.packument.created).toMatch(/^\d{4}-/);
  });

  it('keeps the install scripts of each version', async () => {
    const r = await fetchPackument(client(), undefined, 'esbuild');
    expect(r.state === 'found' && r.packument.versions['0.28.2'].installScripts).toEqual({ postinstall: 'node install.js' });
  });

  it('answers 404 as a missing package, without retrying', async () => {
    const before = count('GET /no-such-package-xyz');
    expect(await fetchPackument(client(), undefined, 'no-such-package-xyz')).toEqual({ state: 'missing' });
    expect(count('GET /no-such-package-xyz') - before).toBe(1);
  });

  it('treats a package whose every version was unpublished as missing', async () => {
    expect(await fetchPackument(client(), undefined, 'unpublished-pkg')).toEqual({ state: 'missing' });
  });

  it('gives up on a registry that does not answer in time, and asks it nothing more', async () => {
    const c = client({ retries: 1 });
    const started = Date.now();
    const r = await fetchPackument(c, undefined, 'slow-pkg');
    expect(r).toMatchObject({ state: 'failed', failure: { kind: 'timeout' } });
    expect(Date.now() - started).toBeLessThan(3000);
    const before = server.requests.length;
    expect(await fetchPackument(c, undefined, 'express')).toMatchObject({ state: 'failed', failure: { kind: 'timeout' } });
    expect(server.requests.length).toBe(before);
  });

  it('gives up on a body that starts and then stalls', async () => {
    const started = Date.now();
    const stalled = await fetchPackument(client({ retries: 0 }), undefined, 'stalled-pkg');
    expect(stalled).toMatchObject({ state: 'failed', failure: { kind: 'timeout' } });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('reports a body that is not JSON as malformed', async () => {
    expect(await fetchPackument(client(), undefined, 'garbage-pkg')).toMatchObject({ state: 'failed', failure: { kind: 'malformed' } });
  });

  it('retries a 500 and succeeds on the second attempt', async () => {
    const r = await fetchPackument(client(), undefined, 'flaky-pkg');
    expect(r.state).toBe('found');
    expect(count('GET /flaky-pkg')).toBe(2);
  });

  it('stops after the configured retries when the registry keeps failing', async () => {
    expect(await fetchPackument(client({ retries: 2 }), undefined, 'broken-pkg')).toMatchObject({ state: 'failed', failure: { kind: 'http', status: 500 } });
    expect(count('GET /broken-pkg')).toBe(3);
  });

  it('reports 405 as an unsupported request, not a missing package', async () => {
    expect(await fetchPackument(client(), undefined, 'gone-pkg')).toMatchObject({ state: 'failed', failure: { kind: 'not-supported', status: 405 } });
  });

  it('stops at once when nothing listens, without retries', async () => {
    const c = new RegistryClient({ config: { registry: 'http://127.0.0.1:9/' }, timeoutMs: 500, retries: 3, retryDelayMs: 5 });
    const r = await fetchPackument(c, undefined, 'express');
    expect(r).toMatchObject({ state: 'failed', failure: { kind: 'network', detail: 'ECONNREFUSED' } });
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    const c = client({ concurrency: 2 });
    let active = 0;
    let peak = 0;
    const limited = (c as unknown as { limited<T>(fn: () => Promise<T>): Promise<T> }).limited.bind(c);
    await Promise.all(
      Array.from({ length: 6 }, () =>
        limited(async () => {
          peak = Math.max(peak, ++active);
          await new Promise((r) => setTimeout(r, 20));
          active--;
        }),
      ),
    );
    expect(peak).toBe(2);
  });

  it('sends a scoped package to its scope registry from .npmrc', async () => {
    const c = new RegistryClient({ config: { registry: 'http://127.0.0.1:9/', '@acme:registry': server.url }, timeoutMs: 300, retries: 0 });
    expect(await fetchPackument(c, undefined, '@acme/widgets')).toEqual({ state: 'missing' });
    expect(server.requests).toContain('GET /@acme/widgets');
  });
});

describe('bulk advisories', () => {
  it('posts only names and versions, and returns the advisories that apply', async () => {
    const r = await fetchAdvisories(client(), undefined, new Map([['lodash', new Set(['4.17.20'])], ['express', new Set(['4.21.2'])]]));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.byName.get('lodash')?.map((a) => a.id)).toEqual(['GHSA-35jh-r3h4-6jhm', 'GHSA-29mw-wpgm-hmr9']);
    expect(r.byName.has('express')).toBe(false);
    expect(server.advisoryBodies.at(-1)).toEqual({ express: ['4.21.2'], lodash: ['4.17.20'] });
  });
});
