/** Fake credentials in real formats, built at run time (no credential-shaped literal in the test sources). */
import { fakeJwt, fakePrivateKey, fakeToken, randomChars } from '../../../src/rules/secrets/fake.js';

export const STRIPE_LIVE = fakeToken('sk_' + 'live_', 99, 'b62', 'test-stripe');
export const STRIPE_TEST = fakeToken('sk_' + 'test_', 99, 'b62', 'test-stripe-test');
export const STRIPE_PUBLISHABLE = fakeToken('pk_' + 'live_', 99, 'b62', 'test-stripe-pk');
export const OPENAI = fakeToken('sk-' + 'proj-', 156, 'b64url', 'test-openai');
export const AWS_ID = fakeToken('AK' + 'IA', 16, 'upperB32', 'test-aws');
export const AWS_SECRET = randomChars(40, 'b64', 'test-aws-secret');
export const GITHUB = fakeToken('gh' + 'p_', 36, 'b62', 'test-gh');
export const GOOGLE = fakeToken('AI' + 'zaSy', 33, 'b64url', 'test-google');
export const SUPABASE_REF = randomChars(20, 'lowerAlnum', 'test-ref');
export const SERVICE_ROLE = fakeJwt({ iss: 'supabase', ref: SUPABASE_REF, role: 'service_role', iat: 1700000000, exp: 2015576000 }, 'test');
export const ANON = fakeJwt({ iss: 'supabase', ref: SUPABASE_REF, role: 'anon', iat: 1700000000, exp: 2015576000 }, 'test');
export const DEMO_SERVICE_ROLE = fakeJwt({ iss: 'supabase-demo', role: 'service_role', exp: 1983812996 }, 'demo');
export const SB_SECRET = `sb_${'secret'}_${randomChars(22, 'b64url', 'test-sbs')}_${randomChars(8, 'b62', 'test-sbs2')}`;
export const SB_PUBLISHABLE = `sb_${'publishable'}_${randomChars(22, 'b64url', 'test-sbp')}_${randomChars(8, 'b62', 'test-sbp2')}`;
export const RSA_KEY = fakePrivateKey('RSA PRIVATE KEY', 10, '\n', 'test-rsa');
export const DB_PASSWORD = randomChars(20, 'b62', 'test-db');
export const RANDOM_40 = randomChars(40, 'b62', 'test-random-40');
export const RANDOM_32 = randomChars(32, 'b64url', 'test-random-32');
export const HEX_64 = randomChars(64, 'hex', 'test-hex-64');
export const SLACK = `xo${'xb'}-${randomChars(12, 'digits', 'sl1')}-${randomChars(13, 'digits', 'sl2')}-${randomChars(24, 'b62', 'sl3')}`;

export function serviceAccountJson(): string {
  return JSON.stringify(
    {
      type: 'service_account',
      project_id: 'demo-app-1a2b3',
      private_key_id: randomChars(40, 'hex', 'test-sa-id'),
      private_key: `${fakePrivateKey('PRIVATE KEY', 10, '\n', 'test-sa')}\n`,
      client_email: 'firebase-adminsdk-x1y2z@demo-app-1a2b3.iam.gserviceaccount.com',
    },
    null,
    2,
  );
}
