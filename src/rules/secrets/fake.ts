/**
 * Deterministic fake credentials for detector samples and tests. They have each provider's real shape but
 * random characters, and are built at run time so no credential-shaped literal sits in the source (which
 * would also trip push protection on the repository itself).
 */

export const ALPHABETS = {
  b62: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  b64url: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_',
  b64: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
  hex: '0123456789abcdef',
  upperB32: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567',
  upperAlnum: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  lowerAlnum: 'abcdefghijklmnopqrstuvwxyz0123456789',
  letters: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
  digits: '0123456789',
} as const;

export type AlphabetName = keyof typeof ALPHABETS;

/** mulberry32, seeded from a string: the same seed always gives the same characters. */
function generator(seed: string): () => number {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `length` random characters of `alphabet`, the same for the same seed. */
export function randomChars(length: number, alphabet: AlphabetName = 'b62', seed = `${alphabet}:${length}`): string {
  const chars = ALPHABETS[alphabet];
  const next = generator(seed);
  let out = '';
  for (let i = 0; i < length; i++) out += chars[Math.floor(next() * chars.length)];
  return out;
}

/** A fake token: `prefix` followed by random characters. Different seeds give different tokens. */
export function fakeToken(prefix: string, length: number, alphabet: AlphabetName = 'b62', seed = ''): string {
  return prefix + randomChars(length, alphabet, `${prefix}|${length}|${alphabet}|${seed}`);
}

/** A fake HS256 JWT with the given payload (the signature is random, it verifies nothing). */
export function fakeJwt(payload: Record<string, unknown>, seed = ''): string {
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${enc({ alg: 'HS256', typ: 'JWT' })}.${enc(payload)}.${randomChars(43, 'b64url', `jwt|${seed}|${JSON.stringify(payload)}`)}`;
}

/** A fake PEM private key block with `lines` lines of random base64. */
export function fakePrivateKey(kind = 'PRIVATE KEY', lines = 8, newline = '\n', seed = ''): string {
  const body: string[] = [];
  for (let i = 0; i < lines; i++) body.push(randomChars(64, 'b64', `pem|${kind}|${seed}|${i}`));
  return `-----BEGIN ${kind}-----${newline}${body.join(newline)}${newline}-----END ${kind}-----`;
}
