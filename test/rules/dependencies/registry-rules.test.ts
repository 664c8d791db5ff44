import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../src/config/types.js';
import { scanVirtual } from '../../../src/engine/scan.js';
import { freshPackument, startRegistryServer, type RegistryServer } from '../../helpers/registry-server.js';
import { lockfile, manifest, of, scanWithRegistry } from './registry-helpers.js';

let server: RegistryServer;
beforeAll(async () => {
  server = await startRegistryServer({
    packuments: {
      'brand-new-helper': freshPackument('brand-new-helper', 2),
      'week-old-helper': freshPackument('week-old-helper', 8),
      '@acme/native': freshPackument('@acme/native', 400, { scripts: { install: 'node-gyp rebuild', test: 'jest' } }),
    },
  });
});
afterAll(() => server.close());

describe('dependency-not-on-registry', () => {
  it('flags a name the registry does not have, and a range or tag nothing matches', async () => {
    const r = await scanWithRegistry(server, {
      'package.json': manifest({ express: '^4.21.2', 'express-mongo-sanitizer-pro': '^2.1.0', lodash: '^9.0.0', 'left-pad': 'next' }),
    });
    expect(of(r, 'dependency-not-on-registry')).toEqual([
      { file: 'package.json', line: 6, messageId: 'missing', severity: 'critical' },
      { file: 'package.json', line: 7, messageId: 'noMatchingVersion', severity: 'high' },
      { file: 'package.json', line: 8, messageId: 'noSuchTag', severity: 'high' },
    ]);
    expect(r.findings.find((f) => f.ruleId === 'dependency-not-on-registry' && f.messageId === 'missing')?.message).toContain('`express-mongo-sanitizer-pro`');
  });

  it('reports a missing scoped package with medium confidence, and asks about an alias target', async () => {
    const r = await scanWithRegistry(server, { 'package.json': manifest({ '@acme/internal-ui': '^1.0.0', lo: 'npm:lodash@^4.17.21' }) });
    const found = r.findings.filter((f) => f.ruleId === 'dependency-not-on-registry');
    expect(found.map((f) => [f.range.startLine, f.messageId, f.confidence])).toEqual([[5, 'missingScoped', 'medium']]);
    expect(server.requests).toContain('GET /lodash');
  });

  it('leaves workspace packages, git, file and jsr dependencies alone', async () => {
    const before = server.requests.length;
    const r = await scanWithRegistry(server, {
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'], dependencies: { ui: '^1.0.0', x: 'github:acme/x#0123456789abcdef0123456789abcdef01234567', y: 'file:./y', z: 'jsr:@std/path@^1.0.0' } }, null, 2),
      'packages/ui/package.json': JSON.stringify({ name: 'ui', version: '1.0.0' }),
    });
    expect(of(r, 'dependency-not-on-registry')).toEqual([]);
    expect(server.requests.slice(before)).toEqual([]);
  });
});

describe('dependency-deprecated', () => {
  it('flags the version the project gets when its publisher deprecated it', async () => {
    const r = await scanWithRegistry(server, { 'package.json': manifest({ request: '^2.88.0', express: '^4.21.2' }, { 'left-pad': '^1.3.0' }) });
    expect(of(r, 'dependency-deprecated')).toEqual([
      { file: 'package.json', line: 5, messageId: 'deprecated', severity: 'medium' },
      { file: 'package.json', line: 9, messageId: 'deprecated', severity: 'low' },
    ]);
    expect(r.findings.find((f) => f.ruleId === 'dependency-deprecated')?.message).toContain('request has been deprecated');
  });

  it('judges the locked version, not the newest', async () => {
    const r = await scanWithRegistry(server, { 'package.json': manifest({ 'left-pad': '^1.0.0' }), 'package-lock.json': lockfile({ 'left-pad': '1.2.0' }) });
    expect(of(r, 'dependency-deprecated')).toEqual([]);
  });
});

describe('dependency-recently-published', () => {
  it('flags a package first published under the threshold', async () => {
    const r = await scanWithRegistry(server, { 'package.json': manifest({ 'brand-new-helper': '^1.0.0', 'week-old-helper': '^1.0.0', express: '^4.21.2' }) });
    expect(of(r, 'dependency-recently-published')).toEqual([
      { file: 'package.json', line: 5, messageId: 'recent', severity: 'medium' },
      { file: 'package.json', line: 6, messageId: 'recent', severity: 'medium' },
    ]);
    expect(r.findings.find((f) => f.ruleId === 'dependency-recently-published')?.message).toContain('2 days ago');
  });

  it('honours minPackageAgeDays, and 0 turns the check off', async () => {
    const files = { 'package.json': manifest({ 'brand-new-helper': '^1.0.0', 'week-old-helper': '^1.0.0' }) };
    expect(of(await scanWithRegistry(server, files, { minPackageAgeDays: 7 }), 'dependency-recently-published').map((f) => f.line)).toEqual([5]);
    expect(of(await scanWithRegistry(server, files, { minPackageAgeDays: 0 }), 'dependency-recently-published')).toEqual([]);
  });
});

describe('dependency-install-scripts', () => {
  it('flags install-time scripts of the resolved version', async () => {
    const r = await scanWithRegistry(server, { 'package.json': manifest({ '@acme/native': '^1.0.0', express: '^4.21.2' }, { esbuild: '^0.28.0' }) });
    expect(of(r, 'dependency-install-scripts')).toEqual([
      { file: 'package.json', line: 5, messageId: 'installScript', severity: 'low' },
      { file: 'package.json', line: 9, messageId: 'installScript', severity: 'low' },
    ]);
    expect(r.findings.find((f) => f.range.startLine === 5 && f.ruleId === 'dependency-install-scripts')?.message).toContain('`install` on every install (`node-gyp rebuild`');
  });

  it("leaves packages the project's install-script policy already names, allowed or blocked", async () => {
    const withPolicy = (policy: Record<string, unknown>) => `${JSON.stringify({ name: 'shop-api', private: true, dependencies: { '@acme/native': '^1.0.0' }, devDependencies: { esbuild: '^0.28.0' }, ...policy }, null, 2)}\n`;
    const lines = async (policy: Record<string, unknown>) => of(await scanWithRegistry(server, { 'package.json': withPolicy(policy) }), 'dependency-install-scripts').map((f) => f.line);
    // npm's allowScripts: by name (approved or denied), or pinned to the installed version.
    expect(await lines({ allowScripts: { '@acme/native': true, esbuild: false } })).toEqual([]);
    expect(await lines({ allowScripts: { '@acme/native@1.0.0': true } })).toEqual([8]);
    expect(await lines({ allowScripts: { '@acme/native@^1': true, 'esbuild@0.27.0': true } })).toEqual([8]);
    // pnpm and Bun.
    expect(await lines({ pnpm: { onlyBuiltDependencies: ['esbuild'], ignoredBuiltDependencies: ['@acme/native'] } })).toEqual([]);
    expect(await lines({ trustedDependencies: ['esbuild'] })).toEqual([5]);
    // Unrelated or malformed entries decide nothing.
    expect(await lines({ allowScripts: { 'esbuild-wasm': true, 'esbuild@not a range': true }, trustedDependencies: 'esbuild' })).toEqual([5, 8]);
  });

  it("counts the root package's policy for a workspace package", async () => {
    const r = await scanWithRegistry(server, {
      'package.json': `${JSON.stringify({ name: 'shop', private: true, workspaces: ['apps/*'], allowScripts: { esbuild: true } }, null, 2)}\n`,
      'apps/web/package.json': `${JSON.stringify({ name: 'web', private: true, dependencies: { '@acme/native': '^1.0.0' }, devDependencies: { esbuild: '^0.28.0' } }, null, 2)}\n`,
    });
    expect(of(r, 'dependency-install-scripts')).toEqual([{ file: 'apps/web/package.json', line: 5, messageId: 'installScript', severity: 'low' }]);
  });
});

describe('dependency-vulnerable', () => {
  it('flags a direct dependency on its package.json line and a transitive one on its lockfile entry', async () => {
    const r = await scanWithRegistry(server, {
      'package.json': manifest({ lodash: '4.17.20', express: '^4.21.2' }),
      'package-lock.json': lockfile({ lodash: '4.17.20', express: '4.21.2' }, { qs: '6.7.0' }),
    });
    expect(of(r, 'dependency-vulnerable')).toEqual([
      { file: 'package-lock.json', line: 23, messageId: 'transitive', severity: 'high' },
      { file: 'package.json', line: 5, messageId: 'direct', severity: 'high' },
      { file: 'package.json', line: 5, messageId: 'direct', severity: 'medium' },
    ]);
    const direct = r.findings.find((f) => f.ruleId === 'dependency-vulnerable' && f.severity === 'high' && f.file === 'package.json')!;
    expect(direct.message).toContain('GHSA-35jh-r3h4-6jhm');
    expect(direct.message).toContain('affects `<4.17.21`');
    expect(direct.message).toContain('Upgrade to 4.17.21 or later');
    expect(r.findings.find((f) => f.file === 'package-lock.json')?.message).toContain('override it to 6.7.3');
  });

  it('does not flag fixed versions, or projects without a lockfile', async () => {
    const fixed = await scanWithRegistry(server, { 'package.json': manifest({ lodash: '4.17.21' }), 'package-lock.json': lockfile({ lodash: '4.17.21' }) });
    expect(of(fixed, 'dependency-vulnerable')).toEqual([]);
    const unlocked = await scanWithRegistry(server, { 'package.json': manifest({ lodash: '4.17.20' }) });
    expect(of(unlocked, 'dependency-vulnerable')).toEqual([]);
  });
});

describe('registry configuration', () => {
  it("honours a scope registry from the scanned project's .npmrc", async () => {
    const r = await scanVirtual(
      { '.npmrc': `@acme:registry=${server.url}\n`, 'package.json': manifest({ '@acme/native': '^1.0.0' }) },
      { config: defaultConfig(), offline: false, registry: { cacheDir: false, timeoutMs: 400 } },
    );
    expect(of(r, 'dependency-install-scripts').map((f) => f.line)).toEqual([5]);
    expect(server.requests).toContain('GET /@acme/native');
  });
});

describe('registry failures', () => {
  it('turns a 405 from the advisory endpoint into one network notice, and the other checks still run', async () => {
    const refusing = await startRegistryServer({ behave: { advisories: 405 } });
    try {
      const r = await scanWithRegistry(refusing, { 'package.json': manifest({ lodash: '4.17.20', request: '^2.88.2' }), 'package-lock.json': lockfile({ lodash: '4.17.20', request: '2.88.2' }) });
      expect(of(r, 'dependency-vulnerable')).toEqual([]);
      expect(of(r, 'dependency-deprecated').map((f) => f.line)).toEqual([6]);
      const notices = r.notifications.filter((n) => n.kind === 'network');
      expect(notices).toHaveLength(1);
      expect(notices[0].message).toMatch(/does not offer the bulk advisory endpoint \(HTTP 405\).*dependency-vulnerable/);
    } finally {
      await refusing.close();
    }
  });

  it('completes the scan with notices when the registry is down', async () => {
    const r = await scanVirtual(
      { 'package.json': manifest({ lodahs: '4.17.21', express: '4.21.2' }), 'package-lock.json': lockfile({ lodahs: '4.17.21', express: '4.21.2' }) },
      { config: defaultConfig(), offline: false, registry: { npmConfig: { registry: 'http://127.0.0.1:9/' }, cacheDir: false, timeoutMs: 300 } },
    );
    expect(r.findings.map((f) => f.ruleId)).toEqual(['dependency-typosquat']);
    const notices = r.notifications.filter((n) => n.kind === 'network').map((n) => n.message);
    expect(notices).toHaveLength(2);
    expect(notices.every((m) => m.includes('could not be reached') && m.includes('ECONNREFUSED'))).toBe(true);
  });

  it('reports a registry answering garbage or timing out as notices, not findings', async () => {
    const bad = await startRegistryServer({ behave: { express: 'malformed', lodash: 'timeout' } });
    try {
      const r = await scanWithRegistry(bad, { 'package.json': manifest({ express: '^4.21.2' }) });
      expect(r.findings.filter((f) => f.ruleId !== 'lockfile-missing')).toEqual([]);
      expect(r.notifications.map((n) => n.message)).toEqual([expect.stringMatching(/could not be read for package documents \(first: `express`\)/)]);
      const slow = await scanWithRegistry(bad, { 'package.json': manifest({ lodash: '^4.17.21' }) });
      expect(slow.notifications.map((n) => n.message)).toEqual([expect.stringMatching(/did not answer within/)]);
    } finally {
      await bad.close();
    }
  });

  it('skips every registry check offline with one notice, and asks nothing', async () => {
    const before = server.requests.length;
    const r = await scanVirtual(
      { 'package.json': manifest({ 'express-mongo-sanitizer-pro': '^2.1.0', request: '^2.88.2' }), 'package-lock.json': lockfile({ request: '2.88.2' }) },
      { config: defaultConfig(), offline: true, registry: { npmConfig: { registry: server.url }, cacheDir: false } },
    );
    const notices = r.notifications.filter((n) => n.kind === 'network');
    expect(notices).toHaveLength(1);
    expect(notices[0].message).toMatch(/^Offline: the registry checks/);
    expect(server.requests.length).toBe(before);
    expect(r.findings.filter((f) => ['dependency-not-on-registry', 'dependency-deprecated', 'dependency-vulnerable'].includes(f.ruleId))).toEqual([]);
  });

  it('asks for each package once per scan, however many rules read it', async () => {
    const before = server.requests.length;
    await scanWithRegistry(server, { 'package.json': manifest({ express: '^4.21.2', lodash: '^4.17.21' }) });
    expect(server.requests.slice(before).sort()).toEqual(['GET /express', 'GET /lodash']);
  });
});
