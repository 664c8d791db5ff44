import { describe, expect, it } from 'vitest';
import { SECRET_DETECTORS, isPlaceholderValue, presentKeywords, scanForSecrets, shannonEntropy } from '../../../src/rules/secrets/detectors.js';
import { fakeJwt, fakeToken } from '../../../src/rules/secrets/fake.js';
import { isKnownPublicValue, looksRandom } from '../../../src/rules/secrets/values.js';

describe('secret detector table', () => {
  it('has at least 40 rows with unique ids', () => {
    expect(SECRET_DETECTORS.length).toBeGreaterThanOrEqual(40);
    const ids = SECRET_DETECTORS.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  for (const row of SECRET_DETECTORS) {
    describe(row.id, () => {
      it('is well formed: lowercase keywords, global pattern, samples of both kinds', () => {
        expect(row.keywords.length).toBeGreaterThan(0);
        for (const k of row.keywords) expect(k).toBe(k.toLowerCase());
        expect(row.pattern.global).toBe(true);
        expect(row.samples.tp.length).toBeGreaterThan(0);
        expect(row.samples.fp.length).toBeGreaterThan(0);
      });
      row.samples.tp.forEach((sample, i) => {
        it(`finds true-positive sample #${i + 1}`, () => {
          const found = scanForSecrets(sample);
          expect(found.map((m) => m.detectorId)).toContain(row.id);
          const match = found.find((m) => m.detectorId === row.id)!;
          expect(sample.slice(match.start, match.end)).toBe(match.value);
          expect(isPlaceholderValue(match.value)).toBe(false);
        });
      });
      row.samples.fp.forEach((sample, i) => {
        it(`no row finds false-positive sample #${i + 1}`, () => {
          expect(scanForSecrets(sample).map((m) => `${m.detectorId}: ${m.value}`)).toEqual([]);
        });
      });
    });
  }
});

describe('scanForSecrets', () => {
  it('runs no row when no keyword occurs', () => {
    const source = 'export function add(a: number, b: number) {\n  return a + b;\n}\nconst config = { port: 3000, host: "0.0.0.0" };\n';
    expect(presentKeywords(source).size).toBe(0);
    expect(scanForSecrets(source)).toEqual([]);
  });

  it('finds overlapping and upper-case keywords in one pass', () => {
    const found = presentKeywords('const t = "sk.eyJ1"; AKIA; Hooks.Slack.com; café sk_live_');
    for (const k of ['sk.eyj', 'eyj', 'akia', 'hooks.slack.com', 'sk_live_', 'sk_']) expect(found.has(k), k).toBe(true);
    expect(found.has('sk_test_')).toBe(false);
  });

  it('reports positions of several secrets in order, across CRLF lines', () => {
    const a = fakeToken('ghp_', 36, 'b62', 'order-a');
    const b = fakeToken('sk_live_', 99, 'b62', 'order-b');
    const text = `A=${a}\r\nB=${b}\r\n`;
    const found = scanForSecrets(text);
    expect(found.map((m) => m.detectorId)).toEqual(['github-token', 'stripe-secret-key']);
    expect(found.map((m) => text.slice(m.start, m.end))).toEqual([a, b]);
  });

  it('tells a Supabase service-role JWT from an anon JWT by the role claim', () => {
    const service = fakeJwt({ iss: 'supabase', ref: 'abcdefghijklmnopqrst', role: 'service_role', exp: 2000000000 }, 's');
    const anon = fakeJwt({ iss: 'supabase', ref: 'abcdefghijklmnopqrst', role: 'anon', exp: 2000000000 }, 'a');
    expect(scanForSecrets(`createClient(url, "${service}")`).map((m) => m.detectorId)).toEqual(['supabase-service-role-jwt']);
    expect(scanForSecrets(`createClient(url, "${anon}")`)).toEqual([]);
  });

  it('labels Stripe-shaped keys near a Clerk name as Clerk, and test-mode keys as such', () => {
    const [clerk] = scanForSecrets(`const clerk = createClerkClient({ secretKey: "${fakeToken('sk_test_', 42, 'b62', 'cl')}" });`);
    expect(clerk).toMatchObject({ provider: 'Clerk', testMode: true, severity: 'medium' });
    const [stripe] = scanForSecrets(`const stripe = new Stripe("${fakeToken('sk_test_', 24, 'b62', 'st')}");`);
    expect(stripe).toMatchObject({ provider: 'Stripe', testMode: true, severity: 'medium' });
    const [live] = scanForSecrets(`const stripe = new Stripe("${fakeToken('sk_live_', 24, 'b62', 'st2')}");`);
    expect(live).toMatchObject({ provider: 'Stripe', testMode: false, severity: 'critical' });
  });

  it('keeps the service-account row over the plain private-key row for the same key', () => {
    const row = SECRET_DETECTORS.find((d) => d.id === 'google-service-account')!;
    expect(scanForSecrets(row.samples.tp[0]).map((m) => m.detectorId)).toEqual(['google-service-account']);
  });

  it('does not stall on long runs of near-matching characters', () => {
    const text = `eyJ${'a'.repeat(200_000)} AKIA${'A'.repeat(100_000)} postgres://${'a'.repeat(50_000)}:${'b'.repeat(50_000)}`;
    expect(scanForSecrets(text)).toEqual([]);
  });
});

describe('value helpers', () => {
  it('recognises placeholders', () => {
    for (const v of ['your-api-key', 'YOUR_SECRET_HERE', '<TOKEN>', '${JWT_SECRET}', '{{ secrets.API_KEY }}', 'changeme', 'xxxxxxxx', 'sk_live_...', '********', 'process.env.API_KEY', '[YOUR-PASSWORD]', 'replace-with-your-key']) {
      expect(isPlaceholderValue(v), v).toBe(true);
    }
    for (const v of [fakeToken('', 32, 'b62', 'p1'), fakeToken('', 40, 'hex', 'p2'), 'q7Vd2xLp9RzK4mWt']) expect(isPlaceholderValue(v), v).toBe(false);
  });

  it('measures entropy in bits per character', () => {
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
  });

  it('tells random values from words and names', () => {
    for (const v of [fakeToken('', 32, 'b62', 'r1'), fakeToken('', 48, 'hex', 'r2'), 'Xk9#mP2$vL8q']) expect(looksRandom(v), v).toBe(true);
    for (const v of ['my-super-secret-key-2024', 'user-profile-cache-v2', 'SUPABASE_SERVICE_ROLE_KEY', 'Mot de passe', 'https://api.example.com/v1', './keys/private.pem', 'abc123', 'password123!', '2024-01-01T00:00:00Z']) {
      expect(looksRandom(v), v).toBe(false);
    }
  });

  it('knows the public key formats', () => {
    expect(isKnownPublicValue(fakeToken('pk_live_', 99, 'b62', 'pk'))).toBe(true);
    expect(isKnownPublicValue(fakeToken('sb_publishable_', 30, 'b64url', 'pk'))).toBe(true);
    expect(isKnownPublicValue(fakeJwt({ iss: 'supabase', role: 'anon' }))).toBe(true);
    expect(isKnownPublicValue(fakeJwt({ iss: 'supabase', role: 'service_role' }))).toBe(false);
    expect(isKnownPublicValue(fakeToken('sk_live_', 99, 'b62', 'sk'))).toBe(false);
  });
});
