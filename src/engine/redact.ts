/**
 * Redaction happens when a finding is created, so no later stage (reporter, log, cache) can leak a secret.
 * We keep a short, recognisable prefix (enough to tell `sk_live_` from `pk_live_`) and never more than a
 * quarter of the value.
 */
export function redactSecret(value: string): string {
  if (value.length <= 8) return '*'.repeat(Math.max(4, value.length));
  const shown = Math.min(8, Math.floor(value.length / 4));
  return `${value.slice(0, shown)}${'*'.repeat(8)}`;
}

/** How many leading characters index a secret. */
const PREFIX = 4;

/** Where secrets occur in a text: each region starts with `secret` and may run on over others that overlap it. */
interface Region {
  start: number;
  end: number;
  secret: string;
}

/**
 * A set of secrets found in a text all at once, by an index of their first characters: a file can hold thousands
 * of secrets (a minified config of keys), and looking each one up in each finding's text would grow with their
 * square.
 */
export class SecretSet {
  private readonly byPrefix = new Map<string, string[]>();
  /** Secrets shorter than the prefix, looked up one by one (real secrets are longer). */
  private readonly short: string[] = [];
  /** Character codes that start an indexed secret. */
  private readonly starts = new Set<number>();
  private readonly all: Set<string>;
  /** The longest secret's length: a window of text with this much margin holds every secret that reaches into it. */
  readonly longest: number;

  constructor(secrets: Iterable<string>) {
    this.all = new Set([...secrets].filter((s) => s.length > 0));
    let longest = 0;
    for (const s of this.all) {
      longest = Math.max(longest, s.length);
      if (s.length < PREFIX) {
        this.short.push(s);
        continue;
      }
      const key = s.slice(0, PREFIX);
      const list = this.byPrefix.get(key);
      if (list) list.push(s);
      else this.byPrefix.set(key, [s]);
      this.starts.add(s.charCodeAt(0));
    }
    // At one position the longest secret wins: the shorter ones starting there are inside it.
    for (const list of this.byPrefix.values()) list.sort((a, b) => b.length - a.length);
    this.longest = longest;
  }

  get size(): number {
    return this.all.size;
  }

  has(value: string): boolean {
    return this.all.has(value);
  }

  /** Every occurrence of every secret in `text`, as [start, end, secret]. */
  occurrences(text: string, out: Region[] = []): Region[] {
    if (this.byPrefix.size) {
      for (let i = 0; i + PREFIX <= text.length; i++) {
        if (!this.starts.has(text.charCodeAt(i))) continue;
        const candidates = this.byPrefix.get(text.slice(i, i + PREFIX));
        if (!candidates) continue;
        for (const s of candidates) {
          if (text.startsWith(s, i)) {
            out.push({ start: i, end: i + s.length, secret: s });
            break;
          }
        }
      }
    }
    for (const s of this.short) for (let i = text.indexOf(s); i !== -1; i = text.indexOf(s, i + 1)) out.push({ start: i, end: i + s.length, secret: s });
    return out;
  }
}

/** The same set for the same array: a file's findings share one list of its secrets. */
const setsOf = new WeakMap<readonly string[], SecretSet>();
export function secretSetOf(secrets: readonly string[]): SecretSet {
  let set = setsOf.get(secrets);
  if (!set) setsOf.set(secrets, (set = new SecretSet(secrets)));
  return set;
}

/**
 * Where the secrets of all `sets` occur in `text`, overlapping occurrences merged into one region, which is
 * replaced whole by the redacted form of the secret it starts with: no character of any secret is left beyond
 * that secret's own short prefix.
 */
function regions(text: string, sets: readonly SecretSet[]): Region[] {
  const found: Region[] = [];
  for (const set of sets) set.occurrences(text, found);
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Region[] = [];
  for (const r of found) {
    const last = merged[merged.length - 1];
    if (last && r.start < last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}

function setsFor(secrets: readonly string[] | readonly SecretSet[]): readonly SecretSet[] {
  return secrets.length && secrets[0] instanceof SecretSet ? (secrets as readonly SecretSet[]) : [secretSetOf(secrets as readonly string[])];
}

/** Replace every occurrence of each secret in `text` with its redacted form (overlaps as one, see `regions`). */
export function redactAll(text: string, secrets: readonly string[] | readonly SecretSet[]): string {
  if (secrets.length === 0 || text.length === 0) return text;
  const found = regions(text, setsFor(secrets));
  if (found.length === 0) return text;
  let out = '';
  let at = 0;
  for (const r of found) {
    out += text.slice(at, r.start) + redactSecret(r.secret);
    at = r.end;
  }
  return out + text.slice(at);
}

/**
 * Redact a line and move a 0-based column along with it: redaction shortens the text, so a column measured in
 * the raw line would point past what it marked.
 */
export function redactLineKeepingColumn(line: string, secrets: readonly string[] | readonly SecretSet[], column: number): { text: string; column: number } {
  const found = secrets.length ? regions(line, setsFor(secrets)) : [];
  let text = '';
  let at = 0;
  let mapped = column;
  for (const r of found) {
    text += line.slice(at, r.start);
    const replacement = redactSecret(r.secret);
    if (r.end <= column) mapped -= r.end - r.start - replacement.length;
    else if (r.start < column) mapped = text.length;
    text += replacement;
    at = r.end;
  }
  text += line.slice(at);
  return { text, column: Math.max(0, mapped) };
}
