import type { ProjectContext } from '../engine/rule.js';
import type { ProjectModel } from '../model/types.js';
import { fetchAdvisories, type AdvisoryResult } from './advisories.js';
import { DiskCache, defaultCacheDir } from './cache.js';
import { RegistryClient, type Failure } from './client.js';
import { loadNpmConfig } from './npmrc.js';
import { fetchPackument, type PackumentResult } from './packument.js';

/** The rules that ask the registry, named in the one notice `--offline` gives. */
export const NETWORK_RULES = ['dependency-not-on-registry', 'dependency-deprecated', 'dependency-recently-published', 'dependency-install-scripts', 'dependency-vulnerable'];

/**
 * One per scan, shared by the registry rules: one client (so the concurrency bound holds across rules), one
 * packument request per name, and each kind of network notice given once.
 */
export class RegistrySession {
  private made: { client: RegistryClient; cache: DiskCache | undefined } | undefined;
  private readonly packuments = new Map<string, Promise<PackumentResult>>();
  private advisoryCall: { key: string; result: Promise<AdvisoryResult> } | undefined;
  private readonly noticed = new Set<string>();

  constructor(private readonly ctx: Pick<ProjectContext<string>, 'offline' | 'notify' | 'registry' | 'model'>) {}

  /** Made when first asked for: an offline scan reads no npm configuration and opens no cache. */
  private get parts(): { client: RegistryClient; cache: DiskCache | undefined } {
    if (!this.made) {
      const s = this.ctx.registry ?? {};
      const npmrc = this.ctx.model.fileByPath.get('.npmrc')?.text;
      const client = new RegistryClient({ config: s.npmConfig ?? loadNpmConfig(npmrc), timeoutMs: s.timeoutMs, retries: s.retries, retryDelayMs: s.retryDelayMs, concurrency: s.concurrency });
      const dir = s.cacheDir === undefined ? defaultCacheDir() : s.cacheDir;
      this.made = { client, cache: dir === false ? undefined : new DiskCache(dir, s.cacheTtlMs) };
    }
    return this.made;
  }

  get client(): RegistryClient {
    return this.parts.client;
  }

  private get cache(): DiskCache | undefined {
    return this.parts.cache;
  }

  /** False when offline, after saying once that the registry checks were skipped. */
  online(): boolean {
    if (!this.ctx.offline) return true;
    this.noticeOnce('offline', `Offline: the registry checks (${NETWORK_RULES.join(', ')}) were skipped. Only package names and versions would be sent to the registry.`, 'note');
    return false;
  }

  packument(name: string): Promise<PackumentResult> {
    let pending = this.packuments.get(name);
    if (!pending) {
      pending = fetchPackument(this.client, this.cache, name).then((r) => {
        if (r.state === 'failed') this.failed(this.client.registryOf(name), r.failure, `package documents (first: \`${name}\`)`);
        return r;
      });
      this.packuments.set(name, pending);
    }
    return pending;
  }

  advisories(versions: Map<string, Set<string>>): Promise<AdvisoryResult> {
    const key = JSON.stringify([...versions].map(([n, v]) => [n, [...v].sort()]).sort());
    if (this.advisoryCall?.key !== key) {
      const result = fetchAdvisories(this.client, this.cache, versions).then((r) => {
        if (!r.ok) this.failed(this.client.options.config.registry, r.failure, 'the bulk advisory endpoint', true);
        return r;
      });
      this.advisoryCall = { key, result };
    }
    return this.advisoryCall.result;
  }

  private failed(registry: string, failure: Failure, what: string, advisories = false): void {
    const host = safeHost(registry);
    const why =
      failure.kind === 'not-supported'
        ? `does not offer ${what} (${failure.detail})`
        : failure.kind === 'timeout'
          ? `did not answer within ${Math.round(this.client.timeoutMs / 1000)} s for ${what}`
          : failure.kind === 'malformed'
            ? `sent an answer that could not be read for ${what}: ${failure.detail}`
            : `could not be reached for ${what} (${failure.detail})`;
    const skipped = advisories ? 'known vulnerabilities were not checked (`dependency-vulnerable`)' : 'registry checks may be missing findings for these packages';
    this.noticeOnce(`${host}:${advisories}:${failure.kind}`, `The registry ${host} ${why}, so ${skipped}.`, 'warning');
  }

  private noticeOnce(key: string, message: string, level: 'note' | 'warning'): void {
    if (this.noticed.has(key)) return;
    this.noticed.add(key);
    this.ctx.notify({ level, kind: 'network', message });
  }
}

/** The host only: a registry URL may carry credentials (`https://user:token@host/`). */
function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'configured in .npmrc';
  }
}

const sessions = new WeakMap<ProjectModel, RegistrySession>();

export function registrySession(ctx: Pick<ProjectContext<string>, 'offline' | 'notify' | 'registry' | 'model'>): RegistrySession {
  // Asked by every rule that uses the session, not only the first: it marks the rule as one whose findings can
  // change while the project does not (src/engine/project-rules.ts).
  void ctx.registry;
  let s = sessions.get(ctx.model);
  if (!s) sessions.set(ctx.model, (s = new RegistrySession(ctx)));
  return s;
}
