import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import semver from 'semver';

const DATA = join(import.meta.dirname, '..', 'data', 'registry');

/** How the server answers one package (or the advisory endpoint): recorded data unless told otherwise. */
export type Behaviour = 'timeout' | 'stall-body' | 'malformed' | 'fail-once' | 404 | 405 | 500;

export interface RegistryServerOptions {
  /** Packuments served besides the recorded ones (e.g. one published days ago, made at run time). */
  packuments?: Record<string, unknown>;
  /** Per package name, or `advisories` for the bulk endpoint. */
  behave?: Record<string, Behaviour>;
}

export interface RegistryServer {
  url: string;
  /** Every request seen: `GET /express`, `POST /-/npm/v1/security/advisories/bulk`. */
  requests: string[];
  /** Bodies posted to the advisory endpoint. */
  advisoryBodies: Record<string, string[]>[];
  close(): Promise<void>;
}

function recorded(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of readdirSync(DATA)) {
    if (!f.endsWith('.json') || f === 'advisories.json') continue;
    const doc = JSON.parse(readFileSync(join(DATA, f), 'utf8')) as { name: string };
    out[doc.name] = doc;
  }
  return out;
}

/** A packument whose first version was published `days` ago, in the registry's format. */
export function freshPackument(name: string, days: number, extra: Record<string, unknown> = {}): unknown {
  const created = new Date(Date.now() - days * 24 * 60 * 60 * 1000).toISOString();
  return { name, 'dist-tags': { latest: '1.0.0' }, versions: { '1.0.0': extra }, time: { created, modified: created, '1.0.0': created } };
}

/**
 * A registry on 127.0.0.1 serving the packuments recorded by scripts/record-registry-fixtures.mjs and the
 * advisories in test/data/registry/advisories.json, answering as the npm registry does; `behave` makes a
 * name time out, fail, or answer garbage.
 */
export async function startRegistryServer(options: RegistryServerOptions = {}): Promise<RegistryServer> {
  // The recently-published example in rules/dependency-recently-published.yaml: always three days old.
  const docs: Record<string, unknown> = { ...recorded(), 'nextjs-supabase-auth-kit': freshPackument('nextjs-supabase-auth-kit', 3), ...options.packuments };
  const advisories = JSON.parse(readFileSync(join(DATA, 'advisories.json'), 'utf8')) as Record<string, { vulnerable_versions: string }[]>;
  const requests: string[] = [];
  const advisoryBodies: Record<string, string[]>[] = [];
  const failed = new Set<string>();
  const open = new Set<ServerResponse>();

  const misbehave = (key: string, res: ServerResponse): boolean => {
    const b = options.behave?.[key];
    if (b === undefined) return false;
    if (b === 'timeout') {
      open.add(res);
      return true;
    }
    if (b === 'stall-body') {
      open.add(res);
      res.writeHead(200, { 'content-type': 'application/json' }).write('{"name": "stalled", "versions": {');
      return true;
    }
    if (b === 'malformed') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"name": "oops", "versions": {');
      return true;
    }
    if (b === 'fail-once') {
      if (failed.has(key)) return false;
      failed.add(key);
      res.writeHead(500).end('{"error":"internal"}');
      return true;
    }
    res.writeHead(b, { 'content-type': 'application/json' }).end(JSON.stringify({ error: `status ${b}` }));
    return true;
  };

  const handle = (req: IncomingMessage, res: ServerResponse, body: string) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]);
    requests.push(`${req.method} ${path}`);
    if (path === '/-/npm/v1/security/advisories/bulk') {
      if (req.method !== 'POST') return res.writeHead(405).end();
      if (misbehave('advisories', res)) return;
      let asked: Record<string, string[]>;
      try {
        asked = JSON.parse(body) as Record<string, string[]>;
      } catch {
        return res.writeHead(400).end();
      }
      advisoryBodies.push(asked);
      const answer: Record<string, unknown[]> = {};
      for (const [name, versions] of Object.entries(asked)) {
        const hits = (advisories[name] ?? []).filter((a) => versions.some((v) => semver.satisfies(v, a.vulnerable_versions)));
        if (hits.length) answer[name] = hits;
      }
      return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    }
    const name = path.slice(1);
    if (misbehave(name, res)) return;
    const doc = docs[name];
    if (!doc) return res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Not found"}');
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(doc));
  };

  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => handle(req, res, body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    advisoryBodies,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of open) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
