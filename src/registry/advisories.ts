import semver from 'semver';
import type { DiskCache } from './cache.js';
import type { Failure, RegistryClient } from './client.js';

/** One advisory as the bulk endpoint answers it (the fields `npm audit` reads). */
export interface Advisory {
  id: number | string;
  url?: string;
  title: string;
  severity: 'critical' | 'high' | 'moderate' | 'low' | 'info';
  vulnerable_versions: string;
  cwe?: string[];
}

export const BULK_ADVISORIES_PATH = '/-/npm/v1/security/advisories/bulk';
const CHUNK = 100;
const SEVERITIES = new Set(['critical', 'high', 'moderate', 'low', 'info']);

export type AdvisoryResult = { ok: true; byName: Map<string, Advisory[]> } | { ok: false; failure: Failure };

function validAdvisory(a: unknown): a is Advisory {
  const v = a as Advisory;
  return !!v && typeof v === 'object' && (typeof v.id === 'number' || typeof v.id === 'string') && typeof v.vulnerable_versions === 'string' && SEVERITIES.has(v.severity);
}

/**
 * Ask the bulk advisory endpoint (the one `npm audit` uses) about `name → versions`. Only names and versions
 * are sent. Answers are cached per request body.
 */
export async function fetchAdvisories(client: RegistryClient, cache: DiskCache | undefined, versions: Map<string, Set<string>>): Promise<AdvisoryResult> {
  const byName = new Map<string, Advisory[]>();
  const names = [...versions.keys()].sort();
  const chunks: string[][] = [];
  for (let i = 0; i < names.length; i += CHUNK) chunks.push(names.slice(i, i + CHUNK));
  const answers = await Promise.all(
    chunks.map(async (chunk) => {
      const body: Record<string, string[]> = {};
      for (const n of chunk) body[n] = [...versions.get(n)!].sort();
      const key = `advisories:${client.options.config.registry}${JSON.stringify(body)}`;
      const cached = cache?.get<Record<string, unknown>>(key);
      if (cached) return { ok: true as const, value: cached };
      const r = await client.post<unknown>(BULK_ADVISORIES_PATH, body);
      if (!r.ok) return r;
      if (!r.value || typeof r.value !== 'object' || Array.isArray(r.value)) return { ok: false as const, failure: { kind: 'malformed' as const, detail: 'the answer is not an advisory map' } };
      cache?.set(key, r.value);
      return { ok: true as const, value: r.value as Record<string, unknown> };
    }),
  );
  for (const a of answers) {
    if (!a.ok) return a;
    for (const [name, list] of Object.entries(a.value)) {
      if (Array.isArray(list)) byName.set(name, list.filter(validAdvisory));
    }
  }
  return { ok: true, byName };
}

/** Does `version` fall in the advisory's range? */
export function affects(advisory: Advisory, version: string): boolean {
  try {
    return semver.satisfies(version, advisory.vulnerable_versions, { includePrerelease: true, loose: true });
  } catch {
    return false;
  }
}

/**
 * The first version out of the range above `version`: the upper bound (`<X`) of the comparator set that holds
 * it. With the published versions at hand, the first of them above `version` that the range does not include.
 */
export function firstPatched(advisory: Advisory, version: string, published?: readonly string[]): string | undefined {
  if (published?.length) {
    const next = published.filter((v) => semver.valid(v) && semver.gt(v, version) && !semver.prerelease(v) && !affects(advisory, v)).sort(semver.compare)[0];
    if (next) return next;
  }
  let range: semver.Range;
  try {
    range = new semver.Range(advisory.vulnerable_versions, { loose: true });
  } catch {
    return undefined;
  }
  for (const set of range.set) {
    if (!set.every((c) => c.test(version))) continue;
    const upper = set.find((c) => c.operator === '<');
    if (upper) return upper.semver.version;
  }
  return undefined;
}
