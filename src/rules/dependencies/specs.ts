import semver from 'semver';
import { splitDescriptor } from '../../model/lockfiles.js';

/** What a package.json dependency value asks for, after npm-package-arg's rules. */
export type Spec =
  | { kind: 'range'; range: string }
  | { kind: 'tag'; tag: string }
  | { kind: 'git'; url: string; committish?: string; insecure: boolean }
  | { kind: 'tarball'; url: string; insecure: boolean }
  /** In the repository or the workspace: `file:`, `link:`, `workspace:`, `catalog:`, paths. */
  | { kind: 'local' }
  | { kind: 'unknown' };

const LOCAL_PROTOCOLS = /^(file|link|portal|workspace|catalog|patch|exec):/i;
const GIT_PROTOCOLS = /^(git\+[a-z]+|git|ssh):\/\//i;
const HOSTED_SHORTCUTS = /^(github|gitlab|bitbucket|gist):/i;
/** `user/repo` or `user/repo#ref`: npm installs it from GitHub. */
const GITHUB_SHORTHAND = /^[^@%/\s.:-][^:@%/\s]*\/[^@\s/%:#]+(?:#.*)?$/;
/** `git@github.com:user/repo.git`, scp-like git addresses. */
const SCP_LIKE = /^[\w.-]+@[\w.-]+:(?!\/\/)/;
const GIT_HOSTS = /^(www\.)?(github\.com|gitlab\.com|bitbucket\.org)$/i;
const ARCHIVE_PATH = /\/(archive|tarball|zipball|-\/archive)\/|\.(tgz|tar\.gz|tar|zip)$/i;
const TAG_NAME = /^[A-Za-z0-9][\w.-]*$/;

export function classifySpec(raw: string): Spec {
  const spec = raw.trim();
  for (const protocol of ['npm:', 'jsr:']) {
    if (!spec.toLowerCase().startsWith(protocol)) continue;
    // `npm:name@range` (an alias) or `jsr:^1.0.0`: the inner range decides; `npm:name` alone means latest.
    const inner = spec.slice(protocol.length);
    const looksNamed = /^(@[^/@\s]+\/)?[^@\s^~<>=*]+(@|$)/.test(inner) && !semver.validRange(inner, { loose: true });
    if (!looksNamed) return classifyRange(inner);
    const [, range] = splitDescriptor(inner);
    return range === '' ? { kind: 'tag', tag: 'latest' } : classifyRange(range);
  }
  if (LOCAL_PROTOCOLS.test(spec) || /^(\.{1,2}(\/|$)|~\/|\/|[A-Za-z]:[\\/])/.test(spec)) return { kind: 'local' };
  if (GIT_PROTOCOLS.test(spec) || HOSTED_SHORTCUTS.test(spec) || SCP_LIKE.test(spec) || GITHUB_SHORTHAND.test(spec)) {
    const hash = spec.indexOf('#');
    const url = hash === -1 ? spec : spec.slice(0, hash);
    return { kind: 'git', url, committish: hash === -1 ? undefined : spec.slice(hash + 1), insecure: /^(git|git\+http|http):/i.test(spec) };
  }
  if (/^https?:\/\//i.test(spec)) {
    const insecure = /^http:/i.test(spec);
    let host = '';
    let path = '';
    try {
      const u = new URL(spec);
      host = u.hostname;
      path = u.pathname;
    } catch {
      return { kind: 'unknown' };
    }
    if (GIT_HOSTS.test(host) && !ARCHIVE_PATH.test(path)) {
      const hash = spec.indexOf('#');
      return { kind: 'git', url: hash === -1 ? spec : spec.slice(0, hash), committish: hash === -1 ? undefined : spec.slice(hash + 1), insecure };
    }
    return { kind: 'tarball', url: spec, insecure };
  }
  return classifyRange(spec);
}

function classifyRange(range: string): Spec {
  if (semver.validRange(range, { loose: true }) !== null) return { kind: 'range', range };
  if (TAG_NAME.test(range)) return { kind: 'tag', tag: range };
  return { kind: 'unknown' };
}

/**
 * `any` when every version matches (`*`, `x`, `""`, `>=0.0.0`), `unbounded` when some alternative has no upper
 * limit (`>=1.0.0`, `>1`, `1.x || >=2`), `bounded` otherwise (`^1.2.3`, `~1.2.3`, `1.x`, `<2`, `1.2.3`).
 */
export function rangeOpenness(range: string): 'any' | 'unbounded' | 'bounded' {
  let parsed: semver.Range;
  try {
    parsed = new semver.Range(range, { loose: true });
  } catch {
    return 'bounded';
  }
  // A comparator with an empty value is semver's "any version".
  if (parsed.set.some((set) => set.every((c) => c.value === ''))) return 'any';
  const boundedAbove = (set: readonly semver.Comparator[]) =>
    set.some((c) => c.operator === '<' || c.operator === '<=' || ((c.operator === '' || c.operator === '=') && c.value !== ''));
  return parsed.set.every(boundedAbove) ? 'bounded' : 'unbounded';
}

/** A full git commit id (`#<40 hex>`, or yarn's `#commit=<40 hex>`). */
export function isFullCommit(committish: string | undefined): boolean {
  return !!committish && /^(commit=)?([0-9a-f]{40}|[0-9a-f]{64})$/i.test(committish);
}

/** A URL whose path names a full commit (`codeload.github.com/u/r/tar.gz/<sha>`, `/archive/<sha>.tar.gz`). */
export function urlPinsCommit(url: string): boolean {
  return /\/[0-9a-f]{40}(\.tar\.gz|\.tgz|\.zip)?(\/|$|[?#])/i.test(url);
}

/**
 * A URL or git address safe to print: user info and query values are masked. `secrets` holds what was masked so
 * the snippet of the package.json line is redacted too.
 */
export function maskCredentials(spec: string): { display: string; secrets: string[] } {
  const secrets: string[] = [];
  let display = spec.replace(/^([a-z+]+:\/\/)([^@/\s]+)@/i, (_m, scheme: string, userinfo: string) => {
    // `git@github.com` is a user name, not a credential.
    if (userinfo === 'git') return `${scheme}git@`;
    for (const part of userinfo.split(':')) if (part.length >= 4) secrets.push(decodeURIComponentSafe(part), part);
    return `${scheme}***@`;
  });
  display = display.replace(/([?&][^=&#\s]+=)([^&#\s]+)/g, (_m, key: string, value: string) => {
    if (value.length >= 4) secrets.push(value);
    return `${key}***`;
  });
  return { display, secrets: [...new Set(secrets)] };
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
