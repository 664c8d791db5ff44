/**
 * What a literal value looks like: a placeholder, a public key, random enough to be a secret. Shared by the
 * provider detectors and the name-based rules, so "is this a placeholder" has one answer everywhere.
 */

/** Shannon entropy in bits per character. */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  const n = value.length;
  for (const c of counts.values()) {
    const p = c / n;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** Whole values that are obviously not a real credential (docs, templates, defaults nobody would deploy). */
const PLACEHOLDER_EXACT = new Set([
  'password', 'passwd', 'pass', 'pwd', 'secret', 'secrets', 'changeme', 'change-me', 'change_me', 'token',
  'apikey', 'api_key', 'api-key', 'key', 'value', 'none', 'null', 'nil', 'undefined', 'empty', 'string', 'tbd',
  'todo', 'test', 'xxx', 'placeholder', 'example', 'sample', 'dummy', 'fake', 'mock', 'redacted', 'hidden',
  'required', 'optional', 'true', 'false', 'default', 'foo', 'bar', 'foobar', 'baz', 'abc', 'abc123', 'qwerty',
  'letmein', 'keyboard cat', 'supersecret', 'topsecret', 'mysecret', 'yoursecret', 'secretkey', 'secret_key',
  'secret-key', 'mypassword', 'yourpassword', 'password123', 'p@ssw0rd', 'passw0rd', 's3cr3t',
]);

/**
 * Fragments that mark a template or a documentation value: `your-api-key`, `<TOKEN>`, `${VAR}`, `{{ secrets.X }}`,
 * `sk_live_...`, `xxxx`, masked values. Checked case-insensitively on the whole value.
 */
const PLACEHOLDER_PATTERNS: readonly RegExp[] = [
  /\byour[-_ ]?|[-_]your[-_]|^your|_here\b|[-_]here$|^enter[-_ ]|^insert[-_ ]|^put[-_ ]|^add[-_ ]your/i,
  /place[-_ ]?holder|change[-_ ]?me|change[-_ ]?this|replace[-_ ]?(?:me|with|this)|^replace|redacted|dummy|fake[-_]|[-_]fake\b|^fake|example|sample|^test[-_]?(?:key|token|secret)$|not[-_ ]?a[-_ ]?real|^todo\b|^tbd\b|fixme/i,
  /x{4,}|X{4,}|\*{3,}|\u2022{2,}|\.{3,}|\u2026|#{4,}/,
  /<[^<>\s]{1,60}>|\[[A-Z0-9_ -]{3,60}\]|\$\{[^}]{0,80}\}|\{\{[^}]{0,120}\}\}|%\([A-Za-z_]+\)s|%[A-Z_]{3,}%|^\$[A-Za-z_][A-Za-z0-9_]*$|^\$\(/,
  /process\.env|import\.meta\.env|os\.environ|getenv\(|Deno\.env|secrets\.[A-Z_]|env\(["'][A-Z_]|^env\([A-Za-z_][A-Za-z0-9_]*\)$/,
];

/** A character repeated six times in a row, or a run of the alphabet / digits: typed, not generated. */
function isTypedFiller(value: string): boolean {
  if (/(.)\1{5,}/.test(value)) return true;
  const lower = value.toLowerCase();
  return lower.includes('1234567') || lower.includes('abcdefg') || lower.includes('9876543') || lower.includes('qwertyu');
}

/**
 * True for values that are clearly not a real credential: empty, a placeholder word, a template reference,
 * a masked value, or typed filler. Real generated keys never trip these (checked on every detector sample).
 */
export function isPlaceholderValue(value: string): boolean {
  const v = value.trim();
  if (v.length === 0) return true;
  if (PLACEHOLDER_EXACT.has(v.toLowerCase())) return true;
  if (PLACEHOLDER_PATTERNS.some((re) => re.test(v))) return true;
  return isTypedFiller(v);
}

/** Human-made values: words a person types into a dev secret. Such values are weak, but not what a key looks like. */
const HUMAN_WORDS = /secret|passw|token|api[-_]?key|test|demo|example|sample|change|default|admin|local|dev[-_.]|[-_.]dev\b|qwerty|letmein|welcome|hello/i;

/**
 * A literal random enough to be a generated secret: no whitespace, long, mixed characters, high entropy and
 * not made of the words people type. Used by the name-based rule, where the name alone is weak evidence.
 */
export function looksRandom(value: string): boolean {
  const v = value;
  if (v.length < 12 || v.length > 1000) return false;
  if (/[^\x21-\x7e]/.test(v)) return false; // whitespace and non-ASCII: text, not a key
  if (isWordy(v)) return false;
  if (isPlaceholderValue(v) || HUMAN_WORDS.test(v)) return false;
  if (/^\$(?:2[abxy]?|argon2(?:id|i|d)?|scrypt|pbkdf2)\$/.test(v)) return false; // password hashes, not passwords
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) return false; // URLs: credentials in them are the database-URL detector's job
  if (/^(?:\.{1,2}\/|~\/|\/)?(?:[\w.-]+\/)+[\w.-]+\.[a-z0-9]{1,6}$/i.test(v) || /^\/[a-z0-9_-]+(?:\/[a-z0-9_:-]+)*\/?$/.test(v)) return false; // paths
  if (/^[A-Z][A-Z0-9_]*$/.test(v) || isSlug(v)) return false; // constant names, slugs
  if (/^\d+$/.test(v) || /^\d{4}-\d{2}-\d{2}/.test(v)) return false; // numbers, dates
  if (/^#?[0-9a-f]{3,8}$/i.test(v)) return false; // colours
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(v)).length;
  const entropy = shannonEntropy(v);
  const hex = /^[0-9a-f]+$/i.test(v);
  if (hex) return v.length >= 24 && /[0-9]/.test(v) && /[a-f]/i.test(v) && entropy >= 3.0;
  if (v.length < 20) return classes >= 3 && entropy >= 3.0;
  return classes >= 2 && /[0-9]/.test(v) && entropy >= 3.5;
}

/**
 * `InterpolationInJSX`, `NoLineTerminatorHere`: letters mostly in camel-case words of three or more letters
 * with a natural share of vowels. Generated keys switch case and mix digits too often to look like this.
 */
function isWordy(v: string): boolean {
  const letters = v.replace(/[^A-Za-z]/g, '');
  if (letters.length < 8) return false;
  const pieces = v.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])/g) ?? [];
  const inWords = pieces.filter((p) => p.length >= 3).reduce((n, p) => n + p.length, 0);
  const vowels = (letters.match(/[aeiouAEIOU]/g) ?? []).length;
  return inWords / v.length >= 0.7 && vowels / letters.length >= 0.25;
}

/** `user-profile-cache-v2`: lowercase words joined by separators, mostly real words. */
function isSlug(v: string): boolean {
  if (!/^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/.test(v)) return false;
  const parts = v.split(/[-_.]/);
  const words = parts.filter((p) => /^[a-z]{3,}$/.test(p) && /[aeiouy]/.test(p)).length;
  return words * 2 >= parts.length;
}

/** Payload of a JWT (`header.payload.signature`), or undefined when the value is not one. */
export function decodeJwtPayload(value: string): Record<string, unknown> | undefined {
  const parts = value.split('.');
  if (parts.length !== 3 || !parts[0].startsWith('eyJ') || !parts[1].startsWith('eyJ')) return undefined;
  try {
    const json = Buffer.from(parts[1], 'base64url').toString('utf8');
    const payload = JSON.parse(json) as unknown;
    return payload && typeof payload === 'object' && !Array.isArray(payload) ? (payload as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Keys that are public by design and safe in browser code: Stripe and Clerk publishable keys, Supabase
 * publishable keys and anon JWTs, Mapbox public tokens, Google API keys (their safety depends on restrictions,
 * and the Google detector decides them by context), Sentry DSNs.
 */
export function isKnownPublicValue(value: string): boolean {
  const v = value.trim();
  if (/^pk_(?:live|test)_/.test(v) || /^sb_publishable_/.test(v) || /^pk\.eyJ/.test(v) || /^AIza[\w-]{35}$/.test(v)) return true;
  if (/^https:\/\/[0-9a-f]{32}@[\w.-]*sentry\.io\//.test(v) || /^https:\/\/[0-9a-f]{32}@o\d+\.ingest\./.test(v)) return true;
  const jwt = decodeJwtPayload(v);
  if (jwt && jwt.role === 'anon') return true;
  return false;
}
