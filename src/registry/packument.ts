import type { DiskCache } from './cache.js';
import type { Failure, RegistryClient } from './client.js';

/** The few fields of a packument the checks read; the rest is dropped before caching. */
export interface Packument {
  name: string;
  distTags: Record<string, string>;
  versions: Record<string, VersionInfo>;
  /** ISO time of the first publish, when the registry records it. */
  created?: string;
}

export interface VersionInfo {
  deprecated?: string;
  /** Lifecycle scripts that run on install, by name (`preinstall`, `install`, `postinstall`). */
  installScripts?: Record<string, string>;
}

export type PackumentResult = { state: 'found'; packument: Packument } | { state: 'missing' } | { state: 'failed'; failure: Failure };

const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall'] as const;

interface RawPackument {
  name?: unknown;
  'dist-tags'?: Record<string, unknown>;
  versions?: Record<string, { deprecated?: unknown; scripts?: Record<string, unknown> } | null>;
  time?: Record<string, unknown>;
}

/** Keep what the checks need; undefined when the answer is not a packument at all. */
export function trimPackument(raw: unknown, name: string): Packument | undefined {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const doc = raw as RawPackument;
  if (doc.versions !== undefined && (typeof doc.versions !== 'object' || doc.versions === null)) return undefined;
  const versions: Record<string, VersionInfo> = {};
  for (const [v, manifest] of Object.entries(doc.versions ?? {})) {
    const info: VersionInfo = {};
    if (manifest && typeof manifest.deprecated === 'string' && manifest.deprecated.trim()) info.deprecated = manifest.deprecated;
    const scripts = manifest?.scripts;
    if (scripts && typeof scripts === 'object') {
      for (const s of INSTALL_SCRIPTS) {
        if (typeof scripts[s] === 'string' && scripts[s]) (info.installScripts ??= {})[s] = scripts[s] as string;
      }
    }
    versions[v] = info;
  }
  const distTags: Record<string, string> = {};
  for (const [tag, v] of Object.entries(doc['dist-tags'] ?? {})) if (typeof v === 'string') distTags[tag] = v;
  // `time.created` is missing on some mirrors: the earliest version time is the first publish too.
  const times = Object.entries(doc.time ?? {})
    .filter(([k, v]) => k !== 'modified' && typeof v === 'string' && !Number.isNaN(Date.parse(v)))
    .map(([, v]) => v as string)
    .sort((a, b) => Date.parse(a) - Date.parse(b));
  return { name: typeof doc.name === 'string' ? doc.name : name, distTags, versions, created: times[0] };
}

/** Fetch (or read from the disk cache) one package's packument; a 404 means the name is not on the registry. */
export async function fetchPackument(client: RegistryClient, cache: DiskCache | undefined, name: string): Promise<PackumentResult> {
  const key = `packument:${client.registryOf(name)}${name}`;
  const cached = cache?.get<Packument>(key);
  if (cached && typeof cached === 'object' && cached.versions) return { state: 'found', packument: cached };
  const r = await client.get<unknown>(name);
  if (!r.ok) return r.failure.kind === 'not-found' ? { state: 'missing' } : { state: 'failed', failure: r.failure };
  const packument = trimPackument(r.value, name);
  if (!packument) return { state: 'failed', failure: { kind: 'malformed', detail: 'the answer is not a package document' } };
  // Every version unpublished: the name can be registered again by anyone, as if it never existed.
  if (Object.keys(packument.versions).length === 0) return { state: 'missing' };
  cache?.set(key, packument);
  return { state: 'found', packument };
}
