import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../src/config/types.js';
import { scanDirectory } from '../../../src/engine/scan.js';
import { startRegistryServer, type RegistryServer } from '../../helpers/registry-server.js';

const APP = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'bolt-express-mongo');
const HALLUCINATED = 'express-mongo-sanitizer-pro';

let server: RegistryServer;
beforeAll(async () => {
  // Every real dependency of the fixture gets an old, plain packument with a version its range accepts.
  const manifest = JSON.parse(readFileSync(join(APP, 'package.json'), 'utf8')) as Record<string, Record<string, string>>;
  const packuments: Record<string, unknown> = {};
  for (const [name, range] of Object.entries({ ...manifest.dependencies, ...manifest.devDependencies })) {
    if (name === HALLUCINATED) continue;
    const version = semver.minVersion(range)?.version ?? '1.0.0';
    packuments[name] = { name, 'dist-tags': { latest: version }, versions: { [version]: {} }, time: { created: '2015-01-01T00:00:00.000Z' } };
  }
  server = await startRegistryServer({ packuments });
});
afterAll(() => server.close());

describe('the bolt-express-mongo fixture online', () => {
  it('reports the hallucinated dependency as not on the registry, once, on its line', async () => {
    const result = await scanDirectory(APP, { config: defaultConfig(), offline: false, registry: { npmConfig: { registry: server.url }, cacheDir: false, timeoutMs: 1000 } });
    const found = result.findings.filter((f) => f.ruleId === 'dependency-not-on-registry');
    expect(found.map((f) => [f.file, f.range.startLine, f.messageId])).toEqual([['package.json', 21, 'missing']]);
    expect(found[0].message).toContain(HALLUCINATED);
    expect(result.notifications.filter((n) => n.kind === 'network')).toEqual([]);
  });
});
