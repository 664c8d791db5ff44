import { fetchOptionsOf, registryFor, type NpmConfig } from './npmrc.js';

export type FailureKind = 'not-found' | 'not-supported' | 'http' | 'timeout' | 'network' | 'malformed';

/** Why a request gave no usable answer, in words fit for a notification. */
export interface Failure {
  kind: FailureKind;
  status?: number;
  detail: string;
}

export type FetchResult<T> = { ok: true; value: T } | { ok: false; failure: Failure };

export interface ClientOptions {
  config: NpmConfig;
  timeoutMs?: number;
  retries?: number;
  /** First retry delay; doubles each time. */
  retryDelayMs?: number;
  concurrency?: number;
}

/** Failures worth another try: the registry or the path to it hiccuped. */
function retryable(f: Failure): boolean {
  return f.kind === 'timeout' || (f.kind === 'http' && (f.status ?? 0) >= 500) || (f.kind === 'network' && /ECONNRESET|ETIMEDOUT|EAI_AGAIN|EPIPE/.test(f.detail));
}

/** A registry that refuses connections or does not answer in time is not asked again in this scan. */
function registryDown(f: Failure): boolean {
  return f.kind === 'timeout' || f.kind === 'network';
}

function failureOf(err: unknown): Failure {
  const e = err as { statusCode?: number; code?: string; type?: string; message?: string };
  const status = e.statusCode;
  if (status === 404) return { kind: 'not-found', status, detail: 'HTTP 404' };
  if (status === 405 || status === 501) return { kind: 'not-supported', status, detail: `HTTP ${status}` };
  if (status) return { kind: 'http', status, detail: `HTTP ${status}` };
  if (e.type === 'request-timeout' || e.type === 'body-timeout' || e.code === 'ETIMEDOUT' || e.code === 'EIDLETIMEOUT' || e.code === 'ERR_SOCKET_TIMEOUT') return { kind: 'timeout', detail: 'no answer in time' };
  const code = e.code && e.code !== 'FETCH_ERROR' ? e.code : undefined;
  return { kind: 'network', detail: code ?? (e.message ?? String(err)).split('\n')[0] };
}

/**
 * npm-registry-fetch with the user's registries and auth, a bound on requests in flight, a timeout per request,
 * and retries with backoff on 5xx and network resets. Its own retry and cache are turned off: retries are
 * counted here, and caching is ours (a small on-disk JSON cache, not npm's cacache).
 */
export class RegistryClient {
  private active = 0;
  private readonly queue: (() => void)[] = [];
  private readonly down = new Map<string, Failure>();
  private readonly base: Record<string, unknown>;
  readonly timeoutMs: number;
  private readonly retries: number;
  private readonly retryDelayMs: number;
  private readonly concurrency: number;

  constructor(readonly options: ClientOptions) {
    this.base = fetchOptionsOf(options.config);
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.retries = options.retries ?? 2;
    this.retryDelayMs = options.retryDelayMs ?? 300;
    this.concurrency = Math.max(1, options.concurrency ?? 8);
  }

  /** The registry URL that serves `name` (scoped registries from .npmrc included). */
  registryOf(name: string): string {
    return registryFor(name, this.options.config);
  }

  /** GET a package document: `spec` selects the scope registry and its auth. */
  get<T>(name: string): Promise<FetchResult<T>> {
    const registry = this.registryOf(name);
    return this.request<T>(registry, `${registry}${name.replace('/', '%2f')}`, { spec: name, headers: { accept: 'application/json' } });
  }

  post<T>(path: string, body: unknown): Promise<FetchResult<T>> {
    const registry = this.options.config.registry;
    return this.request<T>(registry, `${registry.replace(/\/$/, '')}${path}`, { method: 'POST', body });
  }

  private async request<T>(registry: string, url: string, extra: Record<string, unknown>): Promise<FetchResult<T>> {
    let last: Failure | undefined;
    for (let attempt = 0; attempt <= this.retries; attempt++) {
      const known = this.down.get(registry);
      if (known) return { ok: false, failure: known };
      if (attempt > 0) await new Promise((r) => setTimeout(r, this.retryDelayMs * 2 ** (attempt - 1)));
      const result = await this.limited(() => this.once<T>(url, extra));
      if (result.ok) return result;
      last = result.failure;
      if (!retryable(last)) break;
    }
    if (last && registryDown(last)) this.down.set(registry, last);
    return { ok: false, failure: last! };
  }

  private async once<T>(url: string, extra: Record<string, unknown>): Promise<FetchResult<T>> {
    let timer: NodeJS.Timeout | undefined;
    // A second clock around the library's: its timeout does not cover a body that trickles in forever. The
    // abort frees the socket, so a slow registry cannot starve later requests of connections.
    const abort = new AbortController();
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abort.abort();
        reject(Object.assign(new Error('timeout'), { type: 'request-timeout' }));
      }, this.timeoutMs + 100);
    });
    try {
      const work = (async () => {
        // Loaded on the first request: most scans are offline or cached, and it is a large module tree.
        const { default: fetch } = await import('npm-registry-fetch');
        const res = await fetch(url, { ...this.base, ...extra, timeout: this.timeoutMs, retry: { retries: 0 }, signal: abort.signal });
        return res.text();
      })();
      work.catch(() => undefined);
      const text = await Promise.race([work, deadline]);
      try {
        return { ok: true, value: JSON.parse(text) as T };
      } catch {
        return { ok: false, failure: { kind: 'malformed', detail: 'the answer is not valid JSON' } };
      }
    } catch (err) {
      return { ok: false, failure: failureOf(err) };
    } finally {
      clearTimeout(timer);
    }
  }

  private async limited<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.concurrency) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.active++;
    try {
      return await fn();
    } finally {
      this.active--;
      this.queue.shift()?.();
    }
  }
}
