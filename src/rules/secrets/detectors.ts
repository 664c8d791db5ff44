/**
 * Provider secret detectors: one table, one keyword prefilter. Each row is data (pattern, keywords, entropy
 * floor, allow-list, samples); a row's samples are checked by test/rules/secrets/detectors.test.ts.
 *
 * Patterns use bounded quantifiers only, so no input can make them backtrack for long. The secret is the
 * named group `secret`, else the first numbered group that matched, else the whole match.
 */
import { KeywordAutomaton } from '../../engine/keyword-automaton.js';
import { fakeJwt, fakePrivateKey, fakeToken, randomChars } from './fake.js';
import { decodeJwtPayload, isPlaceholderValue, shannonEntropy } from './values.js';

export { isPlaceholderValue, shannonEntropy } from './values.js';

export type SecretSeverity = 'critical' | 'high' | 'medium';

export interface SecretMatch {
  detectorId: string;
  /** Who issued the credential: "Stripe", "AWS". */
  provider: string;
  /** What it is, in words: "live secret key". */
  label: string;
  /** The secret itself (what must be redacted). */
  value: string;
  /** Offsets of `value` in the scanned text. */
  start: number;
  end: number;
  severity: SecretSeverity;
  /** A sandbox or test-mode credential (Stripe `sk_test_`): expected in tests and docs. */
  testMode: boolean;
}

export interface MatchContext {
  text: string;
  start: number;
  end: number;
  groups: Record<string, string | undefined>;
}

type Refinement = Partial<Pick<SecretMatch, 'provider' | 'label' | 'severity' | 'testMode'>>;

export interface SecretDetector {
  id: string;
  provider: string;
  label: string;
  pattern: RegExp;
  /** Lowercase strings; the row runs only when one of them occurs in the lowercased text. */
  keywords: readonly string[];
  /** Minimum Shannon entropy (bits per character) of the secret. */
  entropy?: number;
  /** Values that match the pattern but are known not to be secrets (documentation keys, emulator keys). */
  allow?: readonly RegExp[];
  /** Extra check on a match: JWT role, host of a database URL, context of a Google key. */
  verify?: (value: string, ctx: MatchContext) => boolean;
  /** Adjust provider, label or severity from the value or its surroundings. */
  refine?: (value: string, ctx: MatchContext) => Refinement;
  testMode?: (value: string) => boolean;
  severity: SecretSeverity;
  /**
   * tp: texts in which this row finds a secret; fp: texts in which no row finds anything. Test data, made only
   * when asked for (a getter), so a start does not build a hundred fake keys it never reads.
   */
  readonly samples: { tp: string[]; fp: string[] };
}

/** Left and right token boundaries: the secret is not part of a longer identifier. */
const L = '(?<![A-Za-z0-9_-])';
const R = '(?![A-Za-z0-9_-])';
/** `NAME = "`, `name: '`, `"name": "`, `NAME=` after a variable name fragment. */
const ASSIGN = '[A-Za-z0-9_]{0,12}["\'`]?\\s*(?::|=|=>|:=|,)\\s*["\'`]?';
const NAME_GAP = '[A-Za-z0-9_.-]{0,30}';
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

function re(source: string, flags = ''): RegExp {
  return new RegExp(source, `${flags}gd`);
}

/** The text of the line around an offset, at most `before`/`after` characters away (bundles have huge lines). */
function lineWindow(text: string, start: number, before: number, after: number): string {
  const from = Math.max(text.lastIndexOf('\n', start - 1) + 1, start - before);
  let to = text.indexOf('\n', start);
  if (to === -1) to = text.length;
  return text.slice(from, Math.min(to, start + after));
}

function around(text: string, start: number, before: number, after: number): string {
  return text.slice(Math.max(0, start - before), Math.min(text.length, start + after));
}

/** A PEM block with a real body: at least 64 base64 characters of high entropy, not `...` or `YOUR_KEY`. */
function pemBodyOk(value: string): boolean {
  const body = value
    .replace(/-----(?:BEGIN|END)[^-]{0,60}-----/g, '')
    .replace(/\\[nr]/g, '\n')
    .split('\n')
    .filter((line) => !line.includes(':'))
    .join('')
    .replace(/\s/g, '');
  return body.length >= 64 && shannonEntropy(body) >= 4.5 && !isPlaceholderValue(body);
}

const AI_CONTEXT = /gemini|generativelanguage|generative|genai|google_?ai|googleai|palm|vertex|gemma/;
const GOOGLE_PUBLIC_LINE = /firebase|maps|places|geocod|youtube|recaptcha|analytics|measurement|browser/;
const GOOGLE_PUBLIC_NEARBY = /firebaseapp\.com|authdomain|messagingsenderid|mobilesdk_app_id|firebaseio\.com|google_app_id|gcm_sender_id|maps\.googleapis\.com|google\.?maps|initializeapp\(/;

/**
 * A Google API key is public in a Firebase web config or a Maps script tag (restricted by referrer), and a
 * secret when it calls Gemini or another server API. The line decides first, then the surroundings.
 */
function googleKeyIsSecret(_value: string, ctx: MatchContext): boolean {
  const line = lineWindow(ctx.text, ctx.start, 160, 60).toLowerCase();
  if (AI_CONTEXT.test(line)) return true;
  if (GOOGLE_PUBLIC_LINE.test(line)) return false;
  return !GOOGLE_PUBLIC_NEARBY.test(around(ctx.text, ctx.start, 1500, 1500).toLowerCase());
}

export const LOCAL_HOST = /^(?:localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[?::1\]?|host\.docker\.internal|[\w-]+\.local(?:domain)?|[^.]+)$/i;
const DOC_HOST = /example|your|^host(?:name)?$|<|\$\{|\{\{|^x+$|\.\.\./i;

/** A connection URL's password is a secret when the host is real and remote and the password is not a placeholder. */
function databaseUrlOk(value: string, ctx: MatchContext): boolean {
  const host = (ctx.groups.host ?? '').replace(/:\d+$/, '');
  if (LOCAL_HOST.test(host) || DOC_HOST.test(host)) return false;
  if (value.startsWith('$') || value.startsWith('%') || /^[<[{(]|[>\]})]$/.test(value)) return false;
  // A weak password (`admin:admin`) on a hosted database with a cluster of its own opens that database all the same.
  if (HOSTED_DB.test(host) && !DOC_CLUSTER.test(host)) return true;
  if (isPlaceholderValue(decodeURIComponentSafe(value))) return false;
  return value !== ctx.groups.user;
}

/**
 * Hosts of managed databases, with the project's own label in front (`cluster0-kwozd.mongodb.net`,
 * `db.abcdefghijklmnopqrst.supabase.co`, `ep-cool-name-123456.us-east-2.aws.neon.tech`); the bare cluster name of
 * the docs (`cluster0.mongodb.net`) has none.
 */
const DOC_CLUSTER = /^cluster\d*\.mongodb\.net$|(?:^|[.-])x{3,}[.-]|\.abc\w*\./i;
const HOSTED_DB = /^(?:[\w-]+\.)*(?=[\w-]*\d)[\w-]{5,}(?:\.[\w-]+)*\.(?:mongodb\.net|supabase\.(?:co|com)|neon\.tech|rds\.amazonaws\.com|psdb\.cloud|render\.com|rlwy\.net|railway\.app|upstash\.io|aivencloud\.com|cockroachlabs\.cloud|database\.windows\.net|ondigitalocean\.com)$/i;

function decodeURIComponentSafe(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

const DB_SCHEMES: Record<string, string> = {
  postgres: 'PostgreSQL', postgresql: 'PostgreSQL', mysql: 'MySQL', mysql2: 'MySQL', mariadb: 'MariaDB', mongodb: 'MongoDB',
  'mongodb+srv': 'MongoDB', redis: 'Redis', rediss: 'Redis', amqp: 'RabbitMQ', amqps: 'RabbitMQ', mssql: 'SQL Server',
  sqlserver: 'SQL Server', cockroachdb: 'CockroachDB',
};

/** The last path segment of a webhook URL is its secret; a typed filler there means documentation. */
function webhookTailOk(value: string): boolean {
  const tail = value.slice(value.lastIndexOf('/') + 1);
  return shannonEntropy(tail) >= 3.5 && !isPlaceholderValue(tail);
}

/** Stripe-shaped `sk_live_` keys are also issued by Clerk and UploadThing; the nearby text tells which. */
function skKeyOwner(value: string, ctx: MatchContext): Refinement {
  const near = around(ctx.text, ctx.start, 250, 0).toLowerCase();
  const test = value.includes('_test_');
  if (near.includes('clerk')) return { provider: 'Clerk', label: test ? 'development secret key' : 'production secret key', severity: test ? 'medium' : 'high', testMode: test };
  if (near.includes('uploadthing')) return { provider: 'UploadThing', label: 'secret key', severity: 'high' };
  if (value.startsWith('rk_')) return { label: test ? 'test-mode restricted key' : 'live restricted key', severity: test ? 'medium' : 'critical' };
  return { label: test ? 'test-mode secret key' : 'live secret key', severity: test ? 'medium' : 'critical' };
}

const isTest = (v: string) => /_test_|TEST-|_TEST/.test(v);

const r = randomChars;
const t = fakeToken;
const supabaseRef = r(20, 'lowerAlnum', 'supabase-ref');

/** The table. Order matters only when two rows match the same text: the earlier row wins. */
export const SECRET_DETECTORS: readonly SecretDetector[] = [
  {
    id: 'aws-access-key-id', provider: 'AWS', label: 'access key ID', severity: 'high',
    pattern: re(`${L}((?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})(?![A-Za-z0-9])`),
    keywords: ['akia', 'asia', 'abia', 'acca'], entropy: 3, allow: [/EXAMPLE$/],
    get samples() { return {
      tp: [t('AKIA', 16, 'upperB32'), `aws_access_key_id = ${t('ASIA', 16, 'upperB32', 'b')}`],
      fp: ['AKIAIOSFODNN7EXAMPLE', 'AKIAXXXXXXXXXXXXXXXX', 'region: "ASIA_PACIFIC_SOUTHEAST_ONE"'],
    }; },
  },
  {
    id: 'aws-secret-access-key', provider: 'AWS', label: 'secret access key', severity: 'critical',
    pattern: re(`(?:aws_?secret_?access_?key|aws_?secret_?key|secret_?access_?key|aws_?secret)${ASSIGN}([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])`, 'i'),
    keywords: ['secret_access_key', 'secretaccesskey', 'aws_secret', 'awssecret'], entropy: 4, allow: [/EXAMPLEKEY$/],
    get samples() { return {
      tp: [`AWS_SECRET_ACCESS_KEY=${r(40, 'b64', 'aws1')}`, `  secretAccessKey: "${r(40, 'b64', 'aws2')}",`],
      fp: ['AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'aws_secret_access_key = ${AWS_SECRET}', 'secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY'],
    }; },
  },
  {
    id: 'google-service-account', provider: 'Google Cloud / Firebase', label: 'service-account private key', severity: 'critical',
    pattern: re(`["']?private_key["']?\\s*:\\s*["'](-----BEGIN (?:RSA )?PRIVATE KEY-----[A-Za-z0-9+/=\\s\\\\]{64,10000}?-----END (?:RSA )?PRIVATE KEY-----(?:\\\\n)?)`),
    keywords: ['service_account'], verify: pemBodyOk,
    get samples() { return {
      tp: [
        `{\n  "type": "service_account",\n  "project_id": "demo-app-1a2b3",\n  "private_key_id": "${r(40, 'hex', 'sa')}",\n  "private_key": "${fakePrivateKey('PRIVATE KEY', 10, '\\n', 'sa')}\\n",\n  "client_email": "firebase-adminsdk-x1y2z@demo-app-1a2b3.iam.gserviceaccount.com"\n}`,
      ],
      fp: [
        '{ "type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\\nYOUR_PRIVATE_KEY\\n-----END PRIVATE KEY-----\\n" }',
        '{ "type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----\\n" }',
      ],
    }; },
  },
  {
    id: 'private-key', provider: 'Cryptographic', label: 'private key', severity: 'critical',
    pattern: re('(?<secret>-----BEGIN (?<kind>(?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP |ED25519 )?PRIVATE KEY(?: BLOCK)?)-----[A-Za-z0-9+/=\\s\\\\:,.-]{64,16000}?-----END \\k<kind>-----)'),
    keywords: ['private key'], verify: pemBodyOk,
    refine: (_v, ctx) => {
      const kind = (ctx.groups.kind ?? '').replace(/PRIVATE KEY.*$/, '').trim();
      return { label: kind ? `${kind} private key` : 'private key' };
    },
    get samples() { return {
      tp: [fakePrivateKey('RSA PRIVATE KEY', 12), fakePrivateKey('OPENSSH PRIVATE KEY', 6, '\r\n', 'ssh'), `FIREBASE_PRIVATE_KEY="${fakePrivateKey('PRIVATE KEY', 8, '\\n', 'env')}"`],
      fp: [
        '-----BEGIN PRIVATE KEY-----\nYOUR_PRIVATE_KEY_HERE\n-----END PRIVATE KEY-----',
        `-----BEGIN PUBLIC KEY-----\n${r(64, 'b64', 'pub1')}\n${r(64, 'b64', 'pub2')}\n-----END PUBLIC KEY-----`,
        'FIREBASE_PRIVATE_KEY="-----BEGIN PRIVATE KEY-----\\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\\n-----END PRIVATE KEY-----\\n"',
      ],
    }; },
  },
  {
    id: 'github-token', provider: 'GitHub', label: 'access token', severity: 'high',
    pattern: re(`${L}(gh[pousr]_[A-Za-z0-9]{36})${R}`),
    keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'], entropy: 3.5,
    get samples() { return {
      tp: [t('ghp_', 36), `GITHUB_TOKEN=${t('ghs_', 36)}`],
      fp: ['ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'ghp_<your-token>', 'const ghp_prefix = "ghp_"'],
    }; },
  },
  {
    id: 'github-fine-grained-pat', provider: 'GitHub', label: 'fine-grained personal access token', severity: 'high',
    pattern: re(`${L}(github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})${R}`),
    keywords: ['github_pat_'], entropy: 3.5,
    get samples() { return { tp: [`github_pat_${r(22)}_${r(59)}`], fp: ['github_pat_XXXXXXXXXXXXXXXXXXXXXX_XXXXXXXX', 'GH_TOKEN=github_pat_...'] }; },
  },
  {
    id: 'gitlab-token', provider: 'GitLab', label: 'access token', severity: 'high',
    pattern: re(`${L}(glpat-[A-Za-z0-9_-]{20,300}(?:\\.[a-z0-9]{9})?|gldt-[A-Za-z0-9_-]{20}|glrt-[A-Za-z0-9_-]{20,300}|glptt-[a-f0-9]{40}|gloas-[A-Za-z0-9_-]{64})${R}`),
    keywords: ['glpat-', 'gldt-', 'glrt-', 'glptt-', 'gloas-'], entropy: 3.5,
    get samples() { return { tp: [t('glpat-', 20, 'b64url'), t('glptt-', 40, 'hex')], fp: ['glpat-xxxxxxxxxxxxxxxxxxxx', 'glpat-your-gitlab-token'] }; },
  },
  {
    id: 'clerk-secret-key', provider: 'Clerk', label: 'secret key', severity: 'high',
    pattern: re(`clerk${NAME_GAP}(?:secret|key)${ASSIGN}(sk_(?:live|test)_[A-Za-z0-9]{20,100})${R}`, 'i'),
    keywords: ['clerk'], entropy: 3.5, testMode: isTest,
    refine: (v) => (v.toLowerCase().includes('_test_') ? { label: 'development secret key', severity: 'medium' } : { label: 'production secret key' }),
    get samples() { return {
      tp: [`CLERK_SECRET_KEY=${t('sk_test_', 42, 'b62', 'clerk')}`, `  clerkSecretKey: "${t('sk_live_', 42, 'b62', 'clerk2')}",`],
      fp: ['NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=pk_test_Y2xlcmsuZXhhbXBsZS5jb20k', 'CLERK_SECRET_KEY=sk_test_your_clerk_secret_key_here'],
    }; },
  },
  {
    id: 'uploadthing-token', provider: 'UploadThing', label: 'secret token', severity: 'high',
    pattern: re(`uploadthing${NAME_GAP}(?:secret|token)${ASSIGN}([A-Za-z0-9+/=_-]{40,600})(?![A-Za-z0-9+/=_-])`, 'i'),
    keywords: ['uploadthing'], entropy: 4,
    get samples() { return {
      tp: [`UPLOADTHING_TOKEN='${Buffer.from(JSON.stringify({ apiKey: t('sk_live_', 64, 'hex', 'ut'), appId: r(10, 'lowerAlnum', 'ut'), regions: ['sea1'] })).toString('base64')}'`],
      fp: ['UPLOADTHING_TOKEN=your-uploadthing-token-goes-here-from-the-dashboard'],
    }; },
  },
  {
    id: 'paystack-secret-key', provider: 'Paystack', label: 'secret key', severity: 'critical',
    pattern: re(`${L}(sk_(?:live|test)_[a-f0-9]{40})${R}`),
    keywords: ['paystack'], entropy: 3, testMode: isTest,
    refine: (v) => (v.includes('_test_') ? { label: 'test-mode secret key', severity: 'medium' } : {}),
    get samples() { return { tp: [`PAYSTACK_SECRET_KEY=${t('sk_live_', 40, 'hex', 'ps')}`], fp: ['PAYSTACK_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'] }; },
  },
  {
    id: 'stripe-secret-key', provider: 'Stripe', label: 'secret key', severity: 'critical',
    pattern: re(`${L}((?:sk|rk)_(?:live|test)_[A-Za-z0-9]{20,247})${R}`),
    keywords: ['sk_live_', 'sk_test_', 'rk_live_', 'rk_test_'], entropy: 3.5, testMode: isTest, refine: skKeyOwner,
    get samples() { return {
      tp: [t('sk_live_51', 97), `STRIPE_SECRET_KEY=${t('sk_test_', 24)}`, `const stripe = new Stripe("${t('rk_live_', 99)}")`],
      fp: [`pk_live_${r(99, 'b62', 'pk')}`, 'sk_live_xxxxxxxxxxxxxxxxxxxxxxxx', 'STRIPE_SECRET_KEY=sk_test_...', 'sk_live_<your_stripe_secret_key>'],
    }; },
  },
  {
    id: 'stripe-webhook-secret', provider: 'Stripe', label: 'webhook signing secret', severity: 'high',
    pattern: re(`${L}(whsec_[A-Za-z0-9+/=]{24,100})(?![A-Za-z0-9+/=_-])`),
    keywords: ['whsec_'], entropy: 3.5,
    refine: (_v, ctx) => (/svix|clerk|resend/.test(around(ctx.text, ctx.start, 250, 0).toLowerCase()) ? { provider: 'Svix' } : {}),
    get samples() { return { tp: [`STRIPE_WEBHOOK_SECRET=${t('whsec_', 32)}`, `CLERK_WEBHOOK_SECRET=${t('whsec_', 32, 'b64', 'svix')}`], fp: ['STRIPE_WEBHOOK_SECRET=whsec_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'whsec_...'] }; },
  },
  {
    id: 'openai-api-key', provider: 'OpenAI', label: 'API key', severity: 'high',
    pattern: re(`${L}(sk-(?:proj|svcacct|admin|None)-[A-Za-z0-9_-]{40,250}|sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})${R}`),
    keywords: ['sk-proj-', 'sk-svcacct-', 'sk-admin-', 'sk-none-', 't3blbkfj'], entropy: 3.5,
    get samples() { return {
      tp: [t('sk-proj-', 156, 'b64url'), `OPENAI_API_KEY=sk-${r(20, 'b62', 'oa1')}T3BlbkFJ${r(20, 'b62', 'oa2')}`],
      fp: ['sk-proj-...', 'OPENAI_API_KEY=sk-proj-your-openai-api-key-here-please-replace-it', 'sk-proj-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    }; },
  },
  {
    id: 'anthropic-api-key', provider: 'Anthropic', label: 'API key', severity: 'high',
    pattern: re(`${L}(sk-ant-(?:api|admin|oat|ort)\\d{2}-[A-Za-z0-9_-]{80,120})${R}`),
    keywords: ['sk-ant-'], entropy: 4,
    get samples() { return { tp: [`ANTHROPIC_API_KEY=sk-ant-api03-${r(93, 'b64url')}AA`], fp: ['ANTHROPIC_API_KEY=sk-ant-api03-...', 'sk-ant-api03-xxxxxxxx'] }; },
  },
  {
    id: 'openrouter-api-key', provider: 'OpenRouter', label: 'API key', severity: 'high',
    pattern: re(`${L}(sk-or-v1-[a-f0-9]{64})${R}`),
    keywords: ['sk-or-v1-'], entropy: 3,
    get samples() { return { tp: [t('sk-or-v1-', 64, 'hex')], fp: ['sk-or-v1-your-key'] }; },
  },
  {
    id: 'google-api-key', provider: 'Google', label: 'API key', severity: 'medium',
    pattern: re(`${L}(AIza[A-Za-z0-9_-]{35})${R}`),
    keywords: ['aiza'], entropy: 3.5, verify: googleKeyIsSecret,
    refine: (_v, ctx) => (AI_CONTEXT.test(around(ctx.text, ctx.start, 600, 200).toLowerCase()) ? { provider: 'Google AI (Gemini)', severity: 'high' } : {}),
    get samples() { return {
      tp: [`GEMINI_API_KEY=${t('AIzaSy', 33, 'b64url')}`, `const genAI = new GoogleGenerativeAI("${t('AIzaSy', 33, 'b64url', 'g2')}");`, `const translate = new Translate({ key: "${t('AIzaSy', 33, 'b64url', 'g3')}" });`],
      fp: [
        `const firebaseConfig = {\n  apiKey: "${t('AIzaSy', 33, 'b64url', 'fb')}",\n  authDomain: "demo-app.firebaseapp.com",\n  projectId: "demo-app",\n};`,
        `NEXT_PUBLIC_FIREBASE_API_KEY=${t('AIzaSy', 33, 'b64url', 'fb2')}`,
        `<script src="https://maps.googleapis.com/maps/api/js?key=${t('AIzaSy', 33, 'b64url', 'maps')}&callback=initMap"></script>`,
      ],
    }; },
  },
  {
    id: 'google-oauth-client-secret', provider: 'Google', label: 'OAuth client secret', severity: 'high',
    pattern: re(`${L}(GOCSPX-[A-Za-z0-9_-]{28})${R}`),
    keywords: ['gocspx-'], entropy: 3.5,
    get samples() { return { tp: [`GOOGLE_CLIENT_SECRET=${t('GOCSPX-', 28, 'b64url')}`], fp: ['GOOGLE_CLIENT_SECRET=GOCSPX-your-google-client-secret'] }; },
  },
  {
    id: 'azure-storage-account-key', provider: 'Azure', label: 'storage account key', severity: 'critical',
    pattern: re('AccountKey\\s*=\\s*([A-Za-z0-9+/]{86}==)'),
    keywords: ['accountkey'], entropy: 4.5,
    // The Azurite emulator's well-known development key is public.
    allow: [/^Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq\/K1SZFPTOtr\/KBHBeksoGMGw==$/],
    get samples() { return {
      tp: [`DefaultEndpointsProtocol=https;AccountName=myappstore;AccountKey=${r(86, 'b64', 'az')}==;EndpointSuffix=core.windows.net`],
      fp: ['DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;', 'AccountKey=${AZURE_STORAGE_KEY}'],
    }; },
  },
  {
    id: 'azure-ad-client-secret', provider: 'Azure', label: 'Entra ID (AD) client secret', severity: 'high',
    pattern: re('(?<![A-Za-z0-9_~.-])([A-Za-z0-9_~.]{3}\\dQ~[A-Za-z0-9_~.-]{31,34})(?![A-Za-z0-9_~.-])'),
    keywords: ['q~'], entropy: 3.5,
    get samples() { return { tp: [`AZURE_CLIENT_SECRET=${r(3, 'b62', 'ad')}8Q~${r(34, 'b62', 'ad2')}`], fp: ['AZURE_CLIENT_SECRET=abc8Q~xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'] }; },
  },
  {
    id: 'digitalocean-token', provider: 'DigitalOcean', label: 'access token', severity: 'high',
    pattern: re(`${L}(do[opr]_v1_[a-f0-9]{64})${R}`),
    keywords: ['dop_v1_', 'doo_v1_', 'dor_v1_'], entropy: 3,
    get samples() { return { tp: [t('dop_v1_', 64, 'hex')], fp: ['DIGITALOCEAN_TOKEN=dop_v1_your_token'] }; },
  },
  {
    id: 'cloudflare-api-token', provider: 'Cloudflare', label: 'API token', severity: 'high',
    pattern: re(`(?<![A-Za-z0-9])(?:cloudflare|cf)${NAME_GAP}(?:token|key)${ASSIGN}([A-Za-z0-9_-]{40}|[a-f0-9]{37})(?![A-Za-z0-9_-])`, 'i'),
    keywords: ['cloudflare', 'cf_api', 'cf_token'], entropy: 3.5,
    get samples() { return { tp: [`CLOUDFLARE_API_TOKEN=${r(40, 'b64url', 'cf')}`, `CF_API_KEY="${r(37, 'hex', 'cf2')}"`], fp: ['CLOUDFLARE_API_TOKEN=your-cloudflare-api-token-goes-right-here', 'CLOUDFLARE_ACCOUNT_ID=0123abc'] }; },
  },
  {
    id: 'cloudflare-origin-ca-key', provider: 'Cloudflare', label: 'Origin CA key', severity: 'high',
    pattern: re(`${L}(v1\\.0-[a-f0-9]{24}-[a-f0-9]{146})${R}`),
    keywords: ['v1.0-'], entropy: 3,
    get samples() { return { tp: [`v1.0-${r(24, 'hex')}-${r(146, 'hex')}`], fp: ['version: v1.0-beta'] }; },
  },
  {
    id: 'slack-token', provider: 'Slack', label: 'token', severity: 'high',
    pattern: re(`${L}(xox[abposr]-(?:\\d+-){1,3}[A-Za-z0-9]{8,64}|xoxe(?:\\.xox[bp])?-\\d-[A-Za-z0-9]{140,170}|xapp-\\d-[A-Z0-9]{8,12}-\\d{10,14}-[a-f0-9]{64})${R}`),
    keywords: ['xoxb-', 'xoxp-', 'xoxa-', 'xoxo-', 'xoxs-', 'xoxr-', 'xoxe', 'xapp-'], entropy: 3,
    get samples() { return {
      tp: [`SLACK_BOT_TOKEN=xoxb-${r(12, 'digits', 's1')}-${r(13, 'digits', 's2')}-${r(24, 'b62', 's3')}`, `xapp-1-A${r(10, 'upperAlnum', 's4')}-${r(13, 'digits', 's5')}-${r(64, 'hex', 's6')}`],
      fp: ['SLACK_BOT_TOKEN=xoxb-your-bot-token', 'xoxb-000000000000-0000000000000-xxxxxxxxxxxxxxxxxxxxxxxx'],
    }; },
  },
  {
    id: 'slack-webhook', provider: 'Slack', label: 'incoming webhook URL', severity: 'medium',
    pattern: re('(hooks\\.slack\\.com/(?:services/T[A-Z0-9]{6,12}/B[A-Z0-9]{6,12}/[A-Za-z0-9]{20,32}|workflows/T[A-Z0-9]{6,12}/A[A-Z0-9]{6,12}/\\d{12,22}/[A-Za-z0-9]{20,32}|triggers/T[A-Z0-9]{6,12}/\\d{12,22}/[a-f0-9]{32}))'),
    keywords: ['hooks.slack.com'], verify: webhookTailOk,
    get samples() { return {
      tp: [`https://hooks.slack.com/services/T${r(10, 'upperAlnum', 'w1')}/B${r(10, 'upperAlnum', 'w2')}/${r(24, 'b62', 'w3')}`],
      fp: ['https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX', 'https://hooks.slack.com/services/...'],
    }; },
  },
  {
    id: 'discord-bot-token', provider: 'Discord', label: 'bot token', severity: 'high',
    pattern: re(`${L}([MNO][A-Za-z0-9_-]{23,27}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,40})${R}`),
    keywords: ['discord'], entropy: 4,
    get samples() { return {
      tp: [`DISCORD_TOKEN=${Buffer.from('1123581321345589144').toString('base64').replace(/=+$/, '')}.${r(6, 'b64url', 'd1')}.${r(38, 'b64url', 'd2')}`],
      fp: ['DISCORD_TOKEN=your.discord.token', 'import { Client } from "discord.js"; client.login(process.env.DISCORD_TOKEN)'],
    }; },
  },
  {
    id: 'discord-webhook', provider: 'Discord', label: 'webhook URL', severity: 'medium',
    pattern: re('(https://(?:(?:ptb|canary)\\.)?discord(?:app)?\\.com/api/webhooks/\\d{17,20}/[A-Za-z0-9_-]{60,70})'),
    keywords: ['discord'], verify: webhookTailOk,
    get samples() { return { tp: [`https://discord.com/api/webhooks/${r(19, 'digits', 'dw')}/${r(68, 'b64url', 'dw2')}`], fp: ['https://discord.com/api/webhooks/123456789012345678/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'] }; },
  },
  {
    id: 'telegram-bot-token', provider: 'Telegram', label: 'bot token', severity: 'high',
    pattern: re(`(?<![0-9A-Za-z])(\\d{8,10}:AA[A-Za-z0-9_-]{33})${R}`),
    keywords: [':aa'], entropy: 3.5,
    get samples() { return { tp: [`TELEGRAM_BOT_TOKEN=${r(10, 'digits', 'tg')}:AA${r(33, 'b64url', 'tg2')}`], fp: ['TELEGRAM_BOT_TOKEN=123456789:AAxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'time: 12:AA'] }; },
  },
  {
    id: 'twilio-credential', provider: 'Twilio', label: 'auth token', severity: 'high',
    pattern: re(`twilio${NAME_GAP}(?:token|secret)${ASSIGN}([a-f0-9]{32}|[A-Za-z0-9]{32})(?![A-Za-z0-9])|twilio\\(\\s*["'\`]AC[a-f0-9]{32}["'\`]\\s*,\\s*["'\`]([a-f0-9]{32})["'\`]`, 'i'),
    keywords: ['twilio'], entropy: 3.2,
    get samples() { return {
      tp: [`TWILIO_AUTH_TOKEN=${r(32, 'hex', 'tw')}`, `const client = twilio("AC${r(32, 'hex', 'tw2')}", "${r(32, 'hex', 'tw3')}");`],
      fp: [`TWILIO_ACCOUNT_SID=AC${r(32, 'hex', 'tw4')}`, 'TWILIO_AUTH_TOKEN=your_auth_token'],
    }; },
  },
  {
    id: 'sendgrid-api-key', provider: 'SendGrid', label: 'API key', severity: 'high',
    pattern: re(`${L}(SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43})${R}`),
    keywords: ['sg.'], entropy: 4,
    get samples() { return { tp: [`SENDGRID_API_KEY=SG.${r(22, 'b64url', 'sg')}.${r(43, 'b64url', 'sg2')}`], fp: ['SENDGRID_API_KEY=SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'SG.your-key'] }; },
  },
  {
    id: 'resend-api-key', provider: 'Resend', label: 'API key', severity: 'high',
    pattern: re(`${L}(re_[A-Za-z0-9]{6,12}_[A-Za-z0-9]{18,32})${R}`),
    keywords: ['re_'], entropy: 3.5,
    get samples() { return { tp: [`RESEND_API_KEY=re_${r(8, 'b62', 're')}_${r(24, 'b62', 're2')}`], fp: ['RESEND_API_KEY=re_123456789', 'RESEND_API_KEY=re_xxxxxxxx_xxxxxxxxxxxxxxxxxxxxxxxx'] }; },
  },
  {
    id: 'mailgun-api-key', provider: 'Mailgun', label: 'API key', severity: 'high',
    pattern: re(`${L}(key-[a-f0-9]{32}|[a-f0-9]{32}-[a-f0-9]{8}-[a-f0-9]{8})${R}`),
    keywords: ['mailgun'], entropy: 3,
    get samples() { return { tp: [`MAILGUN_API_KEY=key-${r(32, 'hex', 'mg')}`, `mailgun.client({ username: "api", key: "${r(32, 'hex', 'mg2')}-${r(8, 'hex', 'mg3')}-${r(8, 'hex', 'mg4')}" })`], fp: ['MAILGUN_API_KEY=key-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'] }; },
  },
  {
    id: 'postmark-token', provider: 'Postmark', label: 'server token', severity: 'high',
    pattern: re(`postmark${NAME_GAP}(?:token|key)${ASSIGN}(${UUID})(?![A-Za-z0-9-])|(?:Server|Account)Client\\(\\s*["'\`](${UUID})["'\`]`, 'i'),
    keywords: ['postmark'], entropy: 3,
    get samples() { return { tp: [`POSTMARK_SERVER_TOKEN=${r(8, 'hex', 'pm1')}-${r(4, 'hex', 'pm2')}-${r(4, 'hex', 'pm3')}-${r(4, 'hex', 'pm4')}-${r(12, 'hex', 'pm5')}`], fp: ['POSTMARK_SERVER_TOKEN=POSTMARK_API_TEST', 'POSTMARK_SERVER_TOKEN=00000000-0000-0000-0000-000000000000'] }; },
  },
  {
    id: 'brevo-api-key', provider: 'Brevo (Sendinblue)', label: 'API key', severity: 'high',
    pattern: re(`${L}(x(?:keysib|smtpsib)-[a-f0-9]{64}-[A-Za-z0-9]{16})${R}`),
    keywords: ['xkeysib-', 'xsmtpsib-'], entropy: 3,
    get samples() { return { tp: [`BREVO_API_KEY=xkeysib-${r(64, 'hex', 'bv')}-${r(16, 'b62', 'bv2')}`], fp: ['BREVO_API_KEY=xkeysib-your-key'] }; },
  },
  {
    id: 'mailchimp-api-key', provider: 'Mailchimp', label: 'API key', severity: 'medium',
    pattern: re(`${L}([a-f0-9]{32}-us\\d{1,2})${R}`),
    keywords: ['mailchimp'], entropy: 3,
    get samples() { return { tp: [`MAILCHIMP_API_KEY=${r(32, 'hex', 'mc')}-us21`], fp: ['lang: en-us', 'MAILCHIMP_API_KEY=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx-us21'] }; },
  },
  {
    id: 'huggingface-token', provider: 'Hugging Face', label: 'access token', severity: 'high',
    pattern: re(`${L}(hf_[A-Za-z0-9]{34,40})${R}`),
    keywords: ['hf_'], entropy: 3.8,
    get samples() { return { tp: [`HF_TOKEN=${t('hf_', 34, 'letters')}`], fp: ['HF_TOKEN=hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'from huggingface_hub import hf_hub_download'] }; },
  },
  {
    id: 'replicate-api-token', provider: 'Replicate', label: 'API token', severity: 'high',
    pattern: re(`${L}(r8_[A-Za-z0-9]{37})${R}`),
    keywords: ['r8_'], entropy: 3.5,
    get samples() { return { tp: [`REPLICATE_API_TOKEN=${t('r8_', 37)}`], fp: ['REPLICATE_API_TOKEN=r8_your_token'] }; },
  },
  {
    id: 'groq-api-key', provider: 'Groq', label: 'API key', severity: 'high',
    pattern: re(`${L}(gsk_[A-Za-z0-9]{52})${R}`),
    keywords: ['gsk_'], entropy: 3.5,
    get samples() { return { tp: [`GROQ_API_KEY=${t('gsk_', 52)}`], fp: ['GROQ_API_KEY=gsk_...'] }; },
  },
  {
    id: 'xai-api-key', provider: 'xAI', label: 'API key', severity: 'high',
    pattern: re(`${L}(xai-[A-Za-z0-9]{80})${R}`),
    keywords: ['xai-'], entropy: 3.5,
    get samples() { return { tp: [`XAI_API_KEY=${t('xai-', 80)}`], fp: ['XAI_API_KEY=xai-your-key'] }; },
  },
  {
    id: 'perplexity-api-key', provider: 'Perplexity', label: 'API key', severity: 'high',
    pattern: re(`${L}(pplx-[A-Za-z0-9]{48})${R}`),
    keywords: ['pplx-'], entropy: 3.5,
    get samples() { return { tp: [`PERPLEXITY_API_KEY=${t('pplx-', 48)}`], fp: ['PERPLEXITY_API_KEY=pplx-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'] }; },
  },
  {
    id: 'mistral-api-key', provider: 'Mistral AI', label: 'API key', severity: 'high',
    pattern: re(`mistral${NAME_GAP}(?:key|token)${ASSIGN}([A-Za-z0-9]{32})(?![A-Za-z0-9])|mistral\\(\\s*\\{[^}]{0,80}?apiKey\\s*:\\s*["'\`]([A-Za-z0-9]{32})["'\`]`, 'i'),
    keywords: ['mistral'], entropy: 3.8,
    get samples() { return { tp: [`MISTRAL_API_KEY=${r(32, 'b62', 'mi')}`, `const client = new Mistral({ apiKey: "${r(32, 'b62', 'mi2')}" });`], fp: ['MISTRAL_API_KEY=your-mistral-key', 'MISTRAL_MODEL=mistral-large-latest'] }; },
  },
  {
    id: 'pinecone-api-key', provider: 'Pinecone', label: 'API key', severity: 'high',
    pattern: re(`${L}(pcsk_[A-Za-z0-9]{4,8}_[A-Za-z0-9]{50,80})${R}|pinecone${NAME_GAP}key${ASSIGN}(${UUID})(?![A-Za-z0-9-])`, 'i'),
    keywords: ['pcsk_', 'pinecone'], entropy: 3.2,
    get samples() { return { tp: [`PINECONE_API_KEY=pcsk_${r(6, 'b62', 'pc')}_${r(63, 'b62', 'pc2')}`], fp: ['PINECONE_API_KEY=pcsk_...', 'PINECONE_INDEX=products'] }; },
  },
  {
    id: 'deepseek-api-key', provider: 'DeepSeek', label: 'API key', severity: 'high',
    pattern: re(`deepseek${NAME_GAP}(?:key|token)${ASSIGN}(sk-[a-f0-9]{32})(?![A-Za-z0-9])`, 'i'),
    keywords: ['deepseek'], entropy: 3,
    get samples() { return { tp: [`DEEPSEEK_API_KEY=sk-${r(32, 'hex', 'ds')}`], fp: ['DEEPSEEK_API_KEY=sk-your-deepseek-key'] }; },
  },
  {
    id: 'elevenlabs-api-key', provider: 'ElevenLabs', label: 'API key', severity: 'high',
    pattern: re(`${L}(sk_[a-f0-9]{48})${R}`),
    keywords: ['sk_'], entropy: 3.2,
    get samples() { return { tp: [`ELEVENLABS_API_KEY=${t('sk_', 48, 'hex')}`], fp: ['ELEVENLABS_API_KEY=sk_your_key'] }; },
  },
  {
    id: 'tavily-api-key', provider: 'Tavily', label: 'API key', severity: 'high',
    pattern: re(`${L}(tvly-(?:dev-|prod-)?[A-Za-z0-9]{32})${R}`),
    keywords: ['tvly-'], entropy: 3.5,
    get samples() { return { tp: [`TAVILY_API_KEY=${t('tvly-dev-', 32)}`], fp: ['TAVILY_API_KEY=tvly-YOUR_API_KEY'] }; },
  },
  {
    id: 'langsmith-api-key', provider: 'LangSmith', label: 'API key', severity: 'high',
    pattern: re(`${L}(lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10})${R}`),
    keywords: ['lsv2_'], entropy: 3,
    get samples() { return { tp: [`LANGCHAIN_API_KEY=lsv2_pt_${r(32, 'hex', 'ls')}_${r(10, 'hex', 'ls2')}`], fp: ['LANGCHAIN_API_KEY=lsv2_pt_...'] }; },
  },
  {
    id: 'cohere-api-key', provider: 'Cohere', label: 'API key', severity: 'high',
    pattern: re(`(?:cohere|co_api)${NAME_GAP}(?:key|token)${ASSIGN}([A-Za-z0-9]{40})(?![A-Za-z0-9])`, 'i'),
    keywords: ['cohere', 'co_api_key'], entropy: 3.8,
    get samples() { return { tp: [`COHERE_API_KEY=${r(40, 'b62', 'co')}`], fp: ['COHERE_API_KEY=<cohere-api-key>'] }; },
  },
  {
    id: 'deepgram-api-key', provider: 'Deepgram', label: 'API key', severity: 'high',
    pattern: re(`deepgram${NAME_GAP}(?:key|token|secret)${ASSIGN}([a-f0-9]{40})(?![A-Za-z0-9])`, 'i'),
    keywords: ['deepgram'], entropy: 3,
    get samples() { return { tp: [`DEEPGRAM_API_KEY=${r(40, 'hex', 'dg')}`], fp: ['DEEPGRAM_API_KEY=your_deepgram_api_key'] }; },
  },
  {
    id: 'supabase-service-role-jwt', provider: 'Supabase', label: 'service-role key (bypasses Row Level Security)', severity: 'critical',
    pattern: re(`${L}(eyJ[A-Za-z0-9_-]{10,600}\\.eyJ[A-Za-z0-9_-]{10,2000}\\.[A-Za-z0-9_-]{20,600})${R}`),
    keywords: ['eyj'],
    verify: (v) => {
      const payload = decodeJwtPayload(v);
      // The local `supabase start` demo keys are published in Supabase's docs and only open localhost.
      return payload?.role === 'service_role' && payload.iss !== 'supabase-demo';
    },
    get samples() { return {
      tp: [`SUPABASE_SERVICE_ROLE_KEY=${fakeJwt({ iss: 'supabase', ref: supabaseRef, role: 'service_role', iat: 1700000000, exp: 2015576000 })}`],
      fp: [
        `NEXT_PUBLIC_SUPABASE_ANON_KEY=${fakeJwt({ iss: 'supabase', ref: supabaseRef, role: 'anon', iat: 1700000000, exp: 2015576000 })}`,
        `SUPABASE_SERVICE_ROLE_KEY=${fakeJwt({ iss: 'supabase-demo', role: 'service_role', exp: 1983812996 })}`,
        `Authorization: Bearer ${fakeJwt({ sub: 'user-1', role: 'authenticated', exp: 1999999999 })}`,
      ],
    }; },
  },
  {
    id: 'supabase-secret-key', provider: 'Supabase', label: 'secret API key (bypasses Row Level Security)', severity: 'critical',
    pattern: re(`${L}(sb_secret_[A-Za-z0-9_-]{20,80})${R}`),
    keywords: ['sb_secret_'], entropy: 3.5,
    get samples() { return { tp: [`SUPABASE_SECRET_KEY=sb_secret_${r(22, 'b64url', 'sbs')}_${r(8, 'b62', 'sbs2')}`], fp: [`NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY=sb_publishable_${r(22, 'b64url', 'sbp')}_${r(8, 'b62', 'sbp2')}`, 'SUPABASE_SECRET_KEY=sb_secret_...'] }; },
  },
  {
    id: 'supabase-access-token', provider: 'Supabase', label: 'personal access token (Management API)', severity: 'critical',
    pattern: re(`${L}(sbp_(?:v0_)?[a-f0-9]{40})${R}`),
    keywords: ['sbp_'], entropy: 3,
    get samples() { return { tp: [`SUPABASE_ACCESS_TOKEN=${t('sbp_', 40, 'hex')}`], fp: ['SUPABASE_ACCESS_TOKEN=sbp_your_token'] }; },
  },
  {
    id: 'firebase-cloud-messaging-key', provider: 'Firebase', label: 'Cloud Messaging server key', severity: 'high',
    pattern: re(`${L}(AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{134})${R}`),
    keywords: ['apa91b'], entropy: 4,
    get samples() { return { tp: [`FCM_SERVER_KEY=AAAA${r(7, 'b64url', 'fcm')}:APA91b${r(134, 'b64url', 'fcm2')}`], fp: ['FCM_SERVER_KEY=AAAA...:APA91b...'] }; },
  },
  {
    id: 'database-url', provider: 'Database', label: 'password in a connection URL', severity: 'critical',
    pattern: re("(?<scheme>postgres(?:ql)?|mysql2?|mariadb|mongodb(?:\\+srv)?|rediss?|amqps?|mssql|sqlserver|cockroachdb)://(?<user>[^\\s:@/'\"`<>]{0,100}):(?<secret>[^\\s@/'\"`<>]{1,200})@(?<host>[^\\s/'\"`<>?#,;)]{1,255})"),
    keywords: ['postgres', 'mysql', 'mariadb', 'mongodb', 'redis', 'amqp', 'mssql', 'sqlserver', 'cockroachdb'],
    verify: databaseUrlOk,
    refine: (_v, ctx) => ({ provider: DB_SCHEMES[ctx.groups.scheme ?? ''] ?? 'Database' }),
    get samples() { return {
      tp: [
        `DATABASE_URL=postgres://app_user:${r(20, 'b62', 'db1')}@db.prod-cluster.internal:5432/app`,
        `const uri = "mongodb+srv://admin:${r(16, 'b62', 'db2')}@cluster0.ab1cd.mongodb.net/shop?retryWrites=true";`,
        `const URL = "mongodb+srv://admin:${'admin'}@cluster0-q7wzt.mongodb.net/shop?retryWrites=true&w=majority";`,
        `REDIS_URL=rediss://default:${r(34, 'b62', 'db3')}@eu1-funny-cat-31337.upstash.io:6379`,
        `DATABASE_URL="postgresql://postgres.${supabaseRef}:${r(16, 'b62', 'db4')}@aws-0-us-east-1.pooler.supabase.com:6543/postgres"`,
      ],
      fp: [
        'DATABASE_URL=postgres://postgres:postgres@localhost:5432/app',
        'MONGODB_URI=mongodb+srv://<username>:<password>@cluster0.mongodb.net/',
        `DATABASE_URL=postgresql://postgres:[YOUR-PASSWORD]@db.${supabaseRef}.supabase.co:5432/postgres`,
        'REDIS_URL=redis://:${REDIS_PASSWORD}@redis:6379',
        'mysql://root:secret@db:3306/app',
        'const url = `postgres://${user}:${password}@${host}:5432/${db}`;',
        'postgres://user:password@example.com:5432/db',
        'MONGODB_URI=mongodb+srv://admin:<password>@cluster0.mongodb.net/',
        'MONGODB_URI=mongodb+srv://user:password@cluster0.mongodb.net/test',
        'MONGODB_URI=mongodb+srv://admin:admin@cluster0.xxxxx.mongodb.net/test',
      ],
    }; },
  },
  {
    id: 'mapbox-secret-token', provider: 'Mapbox', label: 'secret access token', severity: 'high',
    pattern: re(`${L}(sk\\.eyJ[A-Za-z0-9_-]{20,300}\\.[A-Za-z0-9_-]{20,40})${R}`),
    keywords: ['sk.eyj'], entropy: 4,
    get samples() { return {
      tp: [`MAPBOX_SECRET_TOKEN=sk.${Buffer.from(JSON.stringify({ u: 'demo-user', a: r(25, 'lowerAlnum', 'mb') })).toString('base64url')}.${r(22, 'b64url', 'mb2')}`],
      fp: [`mapboxgl.accessToken = "pk.${Buffer.from(JSON.stringify({ u: 'demo-user', a: r(25, 'lowerAlnum', 'mb3') })).toString('base64url')}.${r(22, 'b64url', 'mb4')}";`],
    }; },
  },
  {
    id: 'npm-token', provider: 'npm', label: 'access token', severity: 'high',
    pattern: re(`${L}(npm_[A-Za-z0-9]{36})${R}`),
    keywords: ['npm_'], entropy: 3.5,
    get samples() { return { tp: [`//registry.npmjs.org/:_authToken=${t('npm_', 36)}`], fp: ['//registry.npmjs.org/:_authToken=${NPM_TOKEN}', 'npm_config_registry'] }; },
  },
  {
    id: 'npmrc-auth-token', provider: 'Package registry', label: 'auth token in .npmrc', severity: 'high',
    pattern: re('_authToken\\s*=\\s*["\']?([A-Za-z0-9_+/=.-]{20,300})'),
    keywords: ['_authtoken'], entropy: 3.5,
    get samples() { return { tp: [`//npm.pkg.github.com/:_authToken=${r(40, 'b64url', 'npmrc')}`], fp: ['//npm.pkg.github.com/:_authToken=${GITHUB_TOKEN}', '//registry.npmjs.org/:_authToken=your-token-here-please'] }; },
  },
  {
    id: 'shopify-token', provider: 'Shopify', label: 'access token or shared secret', severity: 'high',
    pattern: re(`${L}(shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32})${R}`),
    keywords: ['shpat_', 'shpca_', 'shppa_', 'shpss_'], entropy: 3,
    get samples() { return { tp: [`SHOPIFY_ACCESS_TOKEN=${t('shpat_', 32, 'hex')}`], fp: ['SHOPIFY_ACCESS_TOKEN=shpat_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'] }; },
  },
  {
    id: 'square-credential', provider: 'Square', label: 'access token or application secret', severity: 'high',
    pattern: re(`${L}(EAAA[A-Za-z0-9_-]{60}|sq0csp-[A-Za-z0-9_-]{43}|sq0atp-[A-Za-z0-9_-]{22})${R}`),
    keywords: ['eaaa', 'sq0csp-', 'sq0atp-'], entropy: 3.5,
    get samples() { return { tp: [`SQUARE_ACCESS_TOKEN=${t('EAAA', 60, 'b64url')}`, t('sq0csp-', 43, 'b64url')], fp: ['SQUARE_ACCESS_TOKEN=EAAAxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'] }; },
  },
  {
    id: 'braintree-access-token', provider: 'Braintree (PayPal)', label: 'access token', severity: 'critical',
    pattern: re('(?<![A-Za-z0-9_-])(access_token\\$(?:production|sandbox)\\$[a-z0-9]{16}\\$[a-f0-9]{32})(?![A-Za-z0-9])'),
    keywords: ['access_token$'], entropy: 3, testMode: (v) => v.includes('$sandbox$'),
    refine: (v) => (v.includes('$sandbox$') ? { label: 'sandbox access token', severity: 'medium' } : {}),
    get samples() { return { tp: [`access_token$production$${r(16, 'lowerAlnum', 'bt')}$${r(32, 'hex', 'bt2')}`], fp: ['access_token$production$xxxxxxxxxxxxxxxx$xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'] }; },
  },
  {
    id: 'paypal-client-secret', provider: 'PayPal', label: 'client secret', severity: 'high',
    pattern: re(`paypal${NAME_GAP}secret${ASSIGN}([A-Za-z0-9_-]{60,90})(?![A-Za-z0-9_-])`, 'i'),
    keywords: ['paypal'], entropy: 4,
    get samples() { return { tp: [`PAYPAL_CLIENT_SECRET=E${r(79, 'b64url', 'pp')}`], fp: ['PAYPAL_CLIENT_SECRET=your-paypal-client-secret-from-the-developer-dashboard-goes-here'] }; },
  },
  {
    id: 'vercel-token', provider: 'Vercel', label: 'access token', severity: 'high',
    pattern: re(`vercel${NAME_GAP}token${ASSIGN}([A-Za-z0-9]{24})(?![A-Za-z0-9])`, 'i'),
    keywords: ['vercel'], entropy: 3.5,
    get samples() { return { tp: [`VERCEL_TOKEN=${r(24, 'b62', 'vc')}`], fp: ['VERCEL_TOKEN=your_vercel_token', `VERCEL_OIDC_TOKEN="${fakeJwt({ sub: 'owner:team:project:demo', exp: 1999999999 })}"`] }; },
  },
  {
    id: 'netlify-token', provider: 'Netlify', label: 'access token', severity: 'high',
    pattern: re(`${L}(nfp_[A-Za-z0-9]{36})${R}|netlify${NAME_GAP}token${ASSIGN}([A-Za-z0-9_-]{40,46})(?![A-Za-z0-9_-])`, 'i'),
    keywords: ['nfp_', 'netlify'], entropy: 3.5,
    get samples() { return { tp: [`NETLIFY_AUTH_TOKEN=${t('nfp_', 36)}`, `NETLIFY_AUTH_TOKEN=${r(43, 'b64url', 'nf')}`], fp: ['NETLIFY_AUTH_TOKEN=your-netlify-personal-access-token-here'] }; },
  },
  {
    id: 'linear-api-key', provider: 'Linear', label: 'API key', severity: 'high',
    pattern: re(`${L}(lin_api_[A-Za-z0-9]{40})${R}`),
    keywords: ['lin_api_'], entropy: 3.5,
    get samples() { return { tp: [`LINEAR_API_KEY=${t('lin_api_', 40)}`], fp: ['LINEAR_API_KEY=lin_api_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'] }; },
  },
  {
    id: 'notion-token', provider: 'Notion', label: 'integration token', severity: 'high',
    pattern: re(`${L}(ntn_\\d{11}[A-Za-z0-9]{35}|secret_[A-Za-z0-9]{43})${R}`),
    keywords: ['ntn_', 'secret_'], entropy: 3.5,
    get samples() { return { tp: [`NOTION_TOKEN=ntn_${r(11, 'digits', 'nt')}${r(35, 'b62', 'nt2')}`, `NOTION_API_KEY=${t('secret_', 43)}`], fp: ['NOTION_TOKEN=secret_your_notion_integration_token_goes_here', 'const secret_name = "db"'] }; },
  },
  {
    id: 'airtable-pat', provider: 'Airtable', label: 'personal access token', severity: 'high',
    pattern: re(`${L}(pat[A-Za-z0-9]{14}\\.[a-f0-9]{64})${R}`),
    keywords: ['pat'], entropy: 3.5,
    get samples() { return { tp: [`AIRTABLE_TOKEN=pat${r(14, 'b62', 'at')}.${r(64, 'hex', 'at2')}`], fp: ['AIRTABLE_TOKEN=patXXXXXXXXXXXXXX.xxxxxxxx', 'path.join(dir, "file")'] }; },
  },
  {
    id: 'algolia-admin-key', provider: 'Algolia', label: 'admin API key', severity: 'high',
    pattern: re(`algolia${NAME_GAP}(?:admin|write|secret)[A-Za-z0-9_.-]{0,20}${ASSIGN}([a-f0-9]{32})(?![A-Za-z0-9])`, 'i'),
    keywords: ['algolia'], entropy: 3,
    get samples() { return { tp: [`ALGOLIA_ADMIN_KEY=${r(32, 'hex', 'al')}`], fp: [`NEXT_PUBLIC_ALGOLIA_SEARCH_KEY=${r(32, 'hex', 'al2')}`, 'ALGOLIA_ADMIN_KEY=your_admin_key'] }; },
  },
  {
    id: 'sentry-auth-token', provider: 'Sentry', label: 'auth token', severity: 'high',
    pattern: re(`${L}(sntrys_eyJ[A-Za-z0-9+/=_-]{40,500}_[A-Za-z0-9+/]{43}|sntryu_[a-f0-9]{64})(?![A-Za-z0-9+/=_-])|sentry${NAME_GAP}auth[_.-]?token${ASSIGN}([a-f0-9]{64})(?![A-Za-z0-9])`, 'i'),
    keywords: ['sntrys_', 'sntryu_', 'sentry'], entropy: 3.5,
    get samples() { return {
      tp: [`SENTRY_AUTH_TOKEN=${t('sntryu_', 64, 'hex')}`, `SENTRY_AUTH_TOKEN=sntrys_${Buffer.from(JSON.stringify({ iat: 1700000000.1, url: 'https://sentry.io', region_url: 'https://us.sentry.io', org: 'demo' })).toString('base64')}_${r(43, 'b64', 'sn')}`],
      fp: ['SENTRY_DSN=https://0123456789abcdef0123456789abcdef@o123456.ingest.sentry.io/1234567', 'SENTRY_AUTH_TOKEN=sntrys_...'],
    }; },
  },
  {
    id: 'doppler-token', provider: 'Doppler', label: 'token', severity: 'high',
    pattern: re(`${L}(dp\\.(?:pt|st|sa|ct|scim|audit)\\.[A-Za-z0-9]{40,44})${R}`),
    keywords: ['dp.pt.', 'dp.st.', 'dp.sa.', 'dp.ct.', 'dp.scim.', 'dp.audit.'], entropy: 3.5,
    get samples() { return { tp: [`DOPPLER_TOKEN=${t('dp.st.', 43)}`], fp: ['DOPPLER_TOKEN=dp.st.xxxx'] }; },
  },
  {
    id: 'planetscale-credential', provider: 'PlanetScale', label: 'token or database password', severity: 'critical',
    pattern: re(`${L}(pscale_(?:tkn|pw|oauth)_[A-Za-z0-9_.=-]{32,64})${R}`),
    keywords: ['pscale_'], entropy: 3.5,
    get samples() { return { tp: [`DATABASE_PASSWORD=${t('pscale_pw_', 43, 'b64url')}`], fp: ['DATABASE_PASSWORD=pscale_pw_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'] }; },
  },
  {
    id: 'neon-api-key', provider: 'Neon', label: 'API key', severity: 'high',
    pattern: re(`${L}(napi_[A-Za-z0-9]{40,80})${R}`),
    keywords: ['napi_'], entropy: 3.5,
    get samples() { return { tp: [`NEON_API_KEY=${t('napi_', 64, 'lowerAlnum')}`], fp: ['NEON_API_KEY=napi_your_key'] }; },
  },
  {
    id: 'upstash-token', provider: 'Upstash', label: 'REST token', severity: 'high',
    pattern: re(`upstash${NAME_GAP}token${ASSIGN}([A-Za-z0-9_=-]{40,200})(?![A-Za-z0-9_=-])`, 'i'),
    keywords: ['upstash'], entropy: 4,
    get samples() { return { tp: [`UPSTASH_REDIS_REST_TOKEN=A${r(63, 'b64url', 'up')}=`], fp: ['UPSTASH_REDIS_REST_TOKEN=your-upstash-redis-rest-token-from-the-console'] }; },
  },
  {
    id: 'twitch-client-secret', provider: 'Twitch', label: 'client secret or token', severity: 'medium',
    pattern: re(`twitch${NAME_GAP}(?:secret|token)${ASSIGN}([a-z0-9]{30})(?![A-Za-z0-9])`, 'i'),
    keywords: ['twitch'], entropy: 3.5,
    get samples() { return { tp: [`TWITCH_CLIENT_SECRET=${r(30, 'lowerAlnum', 'twc')}`], fp: ['TWITCH_CLIENT_SECRET=your_twitch_client_secret', `TWITCH_CLIENT_ID=${r(30, 'lowerAlnum', 'twi')}`] }; },
  },
  {
    id: 'vault-token', provider: 'HashiCorp Vault', label: 'token', severity: 'high',
    pattern: re(`${L}(hvs\\.[A-Za-z0-9_-]{90,120}|hvb\\.[A-Za-z0-9_-]{138,300})${R}`),
    keywords: ['hvs.', 'hvb.'], entropy: 4,
    get samples() { return { tp: [`VAULT_TOKEN=${t('hvs.', 95, 'b64url')}`], fp: ['VAULT_TOKEN=hvs.xxxx'] }; },
  },
  {
    id: 'heroku-api-key', provider: 'Heroku', label: 'API key', severity: 'high',
    pattern: re(`${L}(HRKU-AA[A-Za-z0-9_-]{58})${R}|heroku${NAME_GAP}(?:key|token)${ASSIGN}(${UUID})(?![A-Za-z0-9-])`, 'i'),
    keywords: ['hrku-', 'heroku'], entropy: 3,
    get samples() { return { tp: [`HEROKU_API_KEY=${t('HRKU-AA', 58, 'b64url')}`, `HEROKU_API_KEY=${r(8, 'hex', 'hk1')}-${r(4, 'hex', 'hk2')}-${r(4, 'hex', 'hk3')}-${r(4, 'hex', 'hk4')}-${r(12, 'hex', 'hk5')}`], fp: ['HEROKU_APP_NAME=my-app'] }; },
  },
  {
    id: 'flyio-token', provider: 'Fly.io', label: 'access token', severity: 'high',
    pattern: re(`${L}(fo1_[A-Za-z0-9_-]{43}|fm2_[A-Za-z0-9+/]{100,1000}={0,3})(?![A-Za-z0-9+/=_-])`),
    keywords: ['fo1_', 'fm2_'], entropy: 4,
    get samples() { return { tp: [`FLY_API_TOKEN=${t('fm2_', 180, 'b64')}`], fp: ['FLY_API_TOKEN=fm2_...'] }; },
  },
  {
    id: 'render-api-key', provider: 'Render', label: 'API key', severity: 'high',
    pattern: re(`${L}(rnd_[A-Za-z0-9]{32})${R}`),
    keywords: ['rnd_'], entropy: 3.5,
    get samples() { return { tp: [`RENDER_API_KEY=${t('rnd_', 32)}`], fp: ['RENDER_API_KEY=rnd_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'] }; },
  },
  {
    id: 'pulumi-token', provider: 'Pulumi', label: 'access token', severity: 'high',
    pattern: re(`${L}(pul-[a-f0-9]{40})${R}`),
    keywords: ['pul-'], entropy: 3,
    get samples() { return { tp: [`PULUMI_ACCESS_TOKEN=${t('pul-', 40, 'hex')}`], fp: ['PULUMI_ACCESS_TOKEN=pul-your-token'] }; },
  },
  {
    id: 'cloudinary-url', provider: 'Cloudinary', label: 'API secret (in CLOUDINARY_URL)', severity: 'high',
    pattern: re('cloudinary://\\d{12,16}:(?<secret>[A-Za-z0-9_-]{20,40})@[A-Za-z0-9_-]+'),
    keywords: ['cloudinary://'], entropy: 3.5,
    get samples() { return { tp: [`CLOUDINARY_URL=cloudinary://${r(15, 'digits', 'cl')}:${r(27, 'b64url', 'cl2')}@demo-cloud`], fp: ['CLOUDINARY_URL=cloudinary://<api_key>:<api_secret>@<cloud_name>'] }; },
  },
  {
    id: 'appwrite-api-key', provider: 'Appwrite', label: 'API key', severity: 'high',
    pattern: re(`${L}(standard_[a-f0-9]{256})${R}`),
    keywords: ['standard_'], entropy: 3,
    get samples() { return { tp: [`APPWRITE_API_KEY=${t('standard_', 256, 'hex')}`], fp: ['const standard_deviation = 2;'] }; },
  },
  {
    id: 'convex-deploy-key', provider: 'Convex', label: 'deploy key', severity: 'high',
    pattern: re(`${L}((?:prod|dev|preview|project):[a-z0-9-]{3,64}\\|eyJ[A-Za-z0-9+/=_-]{40,600})(?![A-Za-z0-9+/=_-])`),
    keywords: ['|eyj'], entropy: 4,
    get samples() { return { tp: [`CONVEX_DEPLOY_KEY=prod:happy-otter-123|${Buffer.from(JSON.stringify({ v2: r(40, 'hex', 'cx') })).toString('base64url')}`], fp: ['CONVEX_DEPLOY_KEY=prod:your-deployment|...'] }; },
  },
  {
    id: 'plaid-access-token', provider: 'Plaid', label: 'access token', severity: 'high',
    pattern: re(`${L}(access-(?:sandbox|development|production)-${UUID})${R}`),
    keywords: ['access-production-', 'access-sandbox-', 'access-development-'], entropy: 3,
    testMode: (v) => !v.startsWith('access-production-'),
    refine: (v) => (v.startsWith('access-production-') ? {} : { label: 'sandbox access token', severity: 'medium' }),
    get samples() { return { tp: [`access-production-${r(8, 'hex', 'pl')}-${r(4, 'hex', 'pl2')}-${r(4, 'hex', 'pl3')}-${r(4, 'hex', 'pl4')}-${r(12, 'hex', 'pl5')}`], fp: ['access-production-00000000-0000-0000-0000-000000000000'] }; },
  },
  {
    id: 'flutterwave-secret-key', provider: 'Flutterwave', label: 'secret key', severity: 'high',
    pattern: re('(?<![A-Za-z0-9_-])(FLWSECK(?:_TEST)?-[a-f0-9]{32}-X)(?![A-Za-z0-9])'),
    keywords: ['flwseck'], entropy: 3, testMode: isTest,
    get samples() { return { tp: [`FLW_SECRET_KEY=FLWSECK-${r(32, 'hex', 'flw')}-X`], fp: ['FLW_SECRET_KEY=FLWSECK-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx-X'] }; },
  },
  {
    id: 'mercadopago-access-token', provider: 'Mercado Pago', label: 'access token', severity: 'high',
    pattern: re(`${L}(APP_USR-\\d{16}-\\d{6}-[a-f0-9]{32}-\\d{6,12})${R}`),
    keywords: ['app_usr-'], entropy: 3,
    get samples() { return { tp: [`MP_ACCESS_TOKEN=APP_USR-${r(16, 'digits', 'mp')}-${r(6, 'digits', 'mp2')}-${r(32, 'hex', 'mp3')}-${r(9, 'digits', 'mp4')}`], fp: ['MP_ACCESS_TOKEN=APP_USR-your-token'] }; },
  },
  {
    id: 'razorpay-key-secret', provider: 'Razorpay', label: 'key secret', severity: 'high',
    pattern: re(`razorpay${NAME_GAP}secret${ASSIGN}([A-Za-z0-9]{24})(?![A-Za-z0-9])`, 'i'),
    keywords: ['razorpay'], entropy: 3.5,
    get samples() { return { tp: [`RAZORPAY_KEY_SECRET=${r(24, 'b62', 'rz')}`], fp: ['RAZORPAY_KEY_ID=rzp_live_abcdefghijklmn', 'RAZORPAY_KEY_SECRET=your_razorpay_secret'] }; },
  },
  {
    id: 'lemonsqueezy-api-key', provider: 'Lemon Squeezy', label: 'API key', severity: 'high',
    pattern: re(`lemon[_-]?squeezy${NAME_GAP}(?:key|token)${ASSIGN}(eyJ[A-Za-z0-9_-]{10,200}\\.eyJ[A-Za-z0-9_-]{20,3000}\\.[A-Za-z0-9_-]{20,1500})${R}`, 'i'),
    keywords: ['lemonsqueezy', 'lemon_squeezy', 'lemon-squeezy'],
    get samples() { return { tp: [`LEMONSQUEEZY_API_KEY=${fakeJwt({ aud: '94d59cef-dbb8-4ea5-b178-d2540fcd6919', jti: r(64, 'hex', 'lsq'), sub: '123456', scopes: [] }, 'lsq')}`], fp: ['LEMONSQUEEZY_API_KEY=your_api_key'] }; },
  },
  {
    id: 'turso-auth-token', provider: 'Turso (libSQL)', label: 'database auth token', severity: 'high',
    pattern: re(`(?:turso|libsql)${NAME_GAP}token${ASSIGN}(eyJ[A-Za-z0-9_-]{10,200}\\.eyJ[A-Za-z0-9_-]{10,2000}\\.[A-Za-z0-9_-]{20,600})${R}`, 'i'),
    keywords: ['turso', 'libsql'],
    get samples() { return { tp: [`TURSO_AUTH_TOKEN=${fakeJwt({ a: 'rw', iat: 1700000000, id: r(36, 'lowerAlnum', 'tu') }, 'turso')}`], fp: ['TURSO_AUTH_TOKEN=your-turso-token'] }; },
  },
  {
    id: 'pusher-app-secret', provider: 'Pusher', label: 'app secret', severity: 'medium',
    pattern: re(`pusher${NAME_GAP}secret${ASSIGN}([a-f0-9]{20})(?![A-Za-z0-9])`, 'i'),
    keywords: ['pusher'], entropy: 3,
    get samples() { return { tp: [`PUSHER_APP_SECRET=${r(20, 'hex', 'pu')}`], fp: [`NEXT_PUBLIC_PUSHER_KEY=${r(20, 'hex', 'pu2')}`] }; },
  },
  {
    id: 'atlassian-api-token', provider: 'Atlassian', label: 'API token', severity: 'high',
    pattern: re(`${L}(ATATT3[A-Za-z0-9_=-]{186})${R}`),
    keywords: ['atatt3'], entropy: 4,
    get samples() { return { tp: [`JIRA_API_TOKEN=${t('ATATT3', 186, 'b64url')}`], fp: ['JIRA_API_TOKEN=ATATT3xxxxxxxx'] }; },
  },
  {
    id: 'postman-api-key', provider: 'Postman', label: 'API key', severity: 'medium',
    pattern: re(`${L}(PMAK-[a-f0-9]{24}-[a-f0-9]{34})${R}`),
    keywords: ['pmak-'], entropy: 3,
    get samples() { return { tp: [`POSTMAN_API_KEY=PMAK-${r(24, 'hex', 'pmk')}-${r(34, 'hex', 'pmk2')}`], fp: ['POSTMAN_API_KEY=PMAK-your-key'] }; },
  },
];

/** No row may report more than this many matches in one text (a generated file full of tokens is one finding's worth). */
const MAX_MATCHES_PER_ROW = 200;

interface Candidate extends SecretMatch {
  priority: number;
}

function secretSpan(m: RegExpExecArray): { value: string; start: number } | undefined {
  const indices = m.indices;
  if (m.groups?.secret !== undefined && indices?.groups?.secret) return { value: m.groups.secret, start: indices.groups.secret[0] };
  for (let i = 1; i < m.length; i++) {
    if (m[i] !== undefined && indices?.[i] && !isNamedGroupIndex(m, i)) return { value: m[i], start: indices[i]![0] };
  }
  return { value: m[0], start: m.index };
}

/** Named helper groups (`scheme`, `host`, `kind`) also have numbers; only unnamed groups hold the secret. */
function isNamedGroupIndex(m: RegExpExecArray, i: number): boolean {
  if (!m.groups || !m.indices?.groups) return false;
  const at = m.indices[i];
  return Object.values(m.indices.groups).some((g) => g && at && g[0] === at[0] && g[1] === at[1]);
}

/** The keyword prefilter, folded to lowercase ASCII: a file without any keyword costs one loop and no regex at all. */
const AUTOMATON = new KeywordAutomaton([...new Set(SECRET_DETECTORS.flatMap((d) => d.keywords))], true);

/** Lowercase keywords of the table present in `text`. */
export function presentKeywords(text: string): Set<string> {
  return AUTOMATON.find(text);
}

/**
 * Every provider-format secret in `text`, in order of position. Placeholders, allow-listed values, low
 * entropy and failed verifications are dropped; where two rows match the same text, the earlier row wins.
 */
export function scanForSecrets(text: string): SecretMatch[] {
  if (text.length < 8) return [];
  const present = presentKeywords(text);
  if (present.size === 0) return [];
  const candidates: Candidate[] = [];
  SECRET_DETECTORS.forEach((row, priority) => {
    if (!row.keywords.some((k) => present.has(k))) return;
    const pattern = row.pattern;
    pattern.lastIndex = 0;
    let count = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      if (m[0].length === 0) {
        pattern.lastIndex++;
        continue;
      }
      const span = secretSpan(m);
      if (!span || span.value.length === 0) continue;
      const { value, start } = span;
      if (isPlaceholderValue(value)) continue;
      if (row.allow?.some((a) => a.test(value))) continue;
      if (row.entropy !== undefined && shannonEntropy(value) < row.entropy) continue;
      const ctx: MatchContext = { text, start, end: start + value.length, groups: m.groups ?? {} };
      if (row.verify && !row.verify(value, ctx)) continue;
      const refined = row.refine?.(value, ctx) ?? {};
      candidates.push({
        detectorId: row.id,
        provider: refined.provider ?? row.provider,
        label: refined.label ?? row.label,
        value,
        start,
        end: start + value.length,
        severity: refined.severity ?? row.severity,
        testMode: refined.testMode ?? row.testMode?.(value) ?? false,
        priority,
      });
      if (++count >= MAX_MATCHES_PER_ROW) break;
    }
    pattern.lastIndex = 0;
  });
  // Earlier rows first, so a specific row (service account, Clerk) keeps its match over a general one.
  candidates.sort((a, b) => a.priority - b.priority || a.start - b.start);
  const kept: SecretMatch[] = [];
  for (const c of candidates) {
    if (kept.some((k) => c.start < k.end && k.start < c.end)) continue;
    kept.push(strip(c));
  }
  return kept.sort((a, b) => a.start - b.start);
}

function strip(c: Candidate): SecretMatch {
  const { priority: _p, ...match } = c;
  return match;
}
