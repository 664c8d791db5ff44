import { defaultConfig, type ResolvedConfig } from '../../../src/config/types.js';
import type { ScanResult } from '../../../src/engine/result.js';
import { scanVirtual } from '../../../src/engine/scan.js';
import type { RegistryServer } from '../../helpers/registry-server.js';

/** Scan in-memory files with the registry checks pointed at the local test server (never the network). */
export function scanWithRegistry(server: RegistryServer, files: Record<string, string>, config: Partial<ResolvedConfig> = {}): Promise<ScanResult> {
  return scanVirtual(files, {
    config: { ...defaultConfig(), ...config },
    offline: false,
    registry: { npmConfig: { registry: server.url }, cacheDir: false, timeoutMs: 400, retries: 1, retryDelayMs: 5 },
  });
}

export const manifest = (deps: Record<string, string>, dev: Record<string, string> = {}) =>
  `${JSON.stringify({ name: 'shop-api', private: true, dependencies: deps, ...(Object.keys(dev).length ? { devDependencies: dev } : {}) }, null, 2)}\n`;

/** An npm v3 lockfile installing `name@version` for each entry (direct dependencies of the root). */
export function lockfile(direct: Record<string, string>, transitive: Record<string, string> = {}): string {
  const packages: Record<string, unknown> = { '': { name: 'shop-api', dependencies: Object.fromEntries(Object.keys(direct).map((n) => [n, direct[n]])) } };
  for (const [name, version] of Object.entries({ ...direct, ...transitive })) {
    packages[`node_modules/${name}`] = { version, resolved: `https://registry.npmjs.org/${name}/-/${name}-${version}.tgz`, integrity: 'sha512-AAAA' };
  }
  return `${JSON.stringify({ name: 'shop-api', lockfileVersion: 3, requires: true, packages }, null, 2)}\n`;
}

export const of = (result: ScanResult, ruleId: string) =>
  result.findings.filter((f) => f.ruleId === ruleId).map((f) => ({ file: f.file, line: f.range.startLine, messageId: f.messageId, severity: f.severity }));
