import { describe, expect, it } from 'vitest';
import { RegistryClient } from '../../src/registry/client.js';
import { loadNpmConfig } from '../../src/registry/npmrc.js';
import { fetchPackument } from '../../src/registry/packument.js';

// Opt-in: VIBEAUDIT_LIVE_REGISTRY=1 npx vitest run test/registry/live.test.ts (the normal suite never touches the network).
const live = process.env.VIBEAUDIT_LIVE_REGISTRY === '1';

describe.skipIf(!live)('the real registry from .npmrc', () => {
  const client = new RegistryClient({ config: loadNpmConfig(undefined), timeoutMs: 15_000 });

  it('serves a packument for a real package and 404 for a made-up one', async (ctx) => {
    const real = await fetchPackument(client, undefined, 'express');
    if (real.state === 'failed' && (real.failure.kind === 'network' || real.failure.kind === 'timeout')) ctx.skip();
    expect(real.state).toBe('found');
    if (real.state === 'found') expect(Object.keys(real.packument.versions)).toContain('4.21.2');
    expect(await fetchPackument(client, undefined, 'vibeaudit-surely-not-a-package-7f3a9c')).toEqual({ state: 'missing' });
  });
});
