import { describe, expect, it } from 'vitest';
import { findingsOf, ruleTester } from '../../helpers/rule-tester.js';
import {
  ANON, AWS_ID, AWS_SECRET, DB_PASSWORD, DEMO_SERVICE_ROLE, GITHUB, GOOGLE, OPENAI, RSA_KEY, SB_PUBLISHABLE, SB_SECRET,
  SERVICE_ROLE, SLACK, STRIPE_LIVE, STRIPE_PUBLISHABLE, STRIPE_TEST, SUPABASE_REF, serviceAccountJson,
} from './fakes.js';

const VITE = '{ "dependencies": { "vite": "5.4.0", "react": "18.3.1" } }';

ruleTester('hardcoded-secret', {
  valid: [
    { name: 'key read from the environment', filename: 'server/pay.ts', code: 'export const stripeKey = process.env.STRIPE_SECRET_KEY;\n' },
    { name: 'env template with placeholders', filename: '.env.example', code: 'STRIPE_SECRET_KEY=sk_live_your_key_here\nOPENAI_API_KEY=sk-proj-...\nDATABASE_URL=postgres://user:password@localhost:5432/app\n' },
    {
      name: 'Firebase web config (public by design)',
      files: {
        'package.json': VITE,
        'src/firebase.ts': `export const firebaseConfig = {\n  apiKey: "${GOOGLE}",\n  authDomain: "demo-app.firebaseapp.com",\n  projectId: "demo-app",\n  messagingSenderId: "123456789012",\n};\n`,
      },
    },
    {
      name: 'Android google-services.json',
      filename: 'android/app/google-services.json',
      code: `{\n  "project_info": { "project_number": "123456789012", "firebase_url": "https://demo-app.firebaseio.com", "project_id": "demo-app" },\n  "client": [{\n    "client_info": { "mobilesdk_app_id": "1:123456789012:android:abc123" },\n    "api_key": [{ "current_key": "${GOOGLE}" }]\n  }]\n}\n`,
    },
    { name: 'Expo Google Maps key', filename: 'app.json', code: `{ "expo": { "android": { "config": { "googleMaps": {\n  "apiKey": "${GOOGLE}"\n} } } } }\n` },
    { name: 'Firebase key in a public env variable', filename: '.env.local', code: `NEXT_PUBLIC_FIREBASE_API_KEY=${GOOGLE}\n` },
    { name: 'Supabase anon key in browser code', filename: 'src/lib/supabase.ts', code: `export const supabase = createClient("https://${SUPABASE_REF}.supabase.co", "${ANON}");\n` },
    { name: 'Supabase publishable key', filename: 'src/lib/supabase.ts', code: `export const key = "${SB_PUBLISHABLE}";\n` },
    { name: 'local supabase start demo service key', filename: 'supabase/.env.local', code: `SUPABASE_SERVICE_ROLE_KEY=${DEMO_SERVICE_ROLE}\n` },
    { name: 'Stripe publishable key', filename: 'src/checkout.ts', code: `export const stripe = loadStripe("${STRIPE_PUBLISHABLE}");\n` },
    { name: 'Stripe test key in a test file', filename: 'test/payments.test.ts', code: `const stripe = new Stripe("${STRIPE_TEST}");\n` },
    { name: 'Stripe test key in docs', filename: 'README.md', code: `Use a test key such as \`${STRIPE_TEST}\` locally.\n` },
    { name: 'lockfile content is not scanned', filename: 'package-lock.json', code: `{ "packages": { "": { "name": "x" } }, "token": "${GITHUB}" }\n` },
    { name: 'local database URL with default password', filename: 'docker-compose.yml', code: 'services:\n  api:\n    environment:\n      DATABASE_URL: postgres://postgres:postgres@db:5432/app\n' },
    { name: 'Supabase connection string template', filename: 'README.md', code: `DATABASE_URL=postgresql://postgres:[YOUR-PASSWORD]@db.${SUPABASE_REF}.supabase.co:5432/postgres\n` },
    { name: 'placeholder private key', filename: 'docs/setup.md', code: 'FIREBASE_PRIVATE_KEY="-----BEGIN PRIVATE KEY-----\\nYOUR_KEY_HERE\\n-----END PRIVATE KEY-----\\n"\n' },
    { name: 'database URL built from variables', filename: 'server/db.ts', code: 'const url = `postgres://${user}:${password}@${host}:5432/${name}`;\n' },
    { name: 'AWS documentation example key', filename: 'server/s3.ts', code: 'const id = "AKIAIOSFODNN7EXAMPLE";\nconst secretAccessKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";\n' },
  ],
  invalid: [
    { name: 'Stripe live key in server code', filename: 'server/pay.ts', code: `import Stripe from 'stripe';\nexport const stripe = new Stripe("${STRIPE_LIVE}");\n`, errors: [{ messageId: 'hardcoded', line: 2, severity: 'critical' }] },
    { name: 'Stripe test key outside tests is medium', filename: 'server/pay.ts', code: `export const stripe = new Stripe("${STRIPE_TEST}");\n`, errors: [{ messageId: 'hardcoded', line: 1, severity: 'medium' }] },
    { name: 'OpenAI key in browser code', files: { 'package.json': VITE, 'src/lib/ai.ts': `\nconst openai = new OpenAI({ apiKey: '${OPENAI}', dangerouslyAllowBrowser: true });\n` }, errors: [{ messageId: 'hardcoded', line: 2 }] },
    { name: 'AWS key pair in config', filename: 'config/aws.json', code: `{\n  "accessKeyId": "${AWS_ID}",\n  "secretAccessKey": "${AWS_SECRET}"\n}\n`, errors: [{ messageId: 'hardcoded', line: 2, severity: 'high' }, { messageId: 'hardcoded', line: 3, severity: 'critical' }] },
    { name: 'Supabase service-role JWT in client code', filename: 'src/lib/supabase.ts', code: `export const admin = createClient(url, "${SERVICE_ROLE}");\n`, errors: [{ messageId: 'hardcoded', line: 1, severity: 'critical' }] },
    { name: 'Supabase sb_secret_ key', filename: 'server/supabase.ts', code: `const key = "${SB_SECRET}";\n`, errors: [{ messageId: 'hardcoded', line: 1 }] },
    { name: 'multi-line private key reported at its header', filename: 'keys/server.key', code: `\n${RSA_KEY}\n`, errors: [{ messageId: 'hardcoded', line: 2 }] },
    { name: 'service-account JSON', filename: 'serviceAccountKey.json', code: `${serviceAccountJson()}\n`, errors: [{ messageId: 'hardcoded', line: 5 }] },
    { name: 'committed .env with a provider key', filename: '.env', code: `PORT=3000\nSTRIPE_SECRET_KEY=${STRIPE_LIVE}\n`, errors: [{ messageId: 'hardcoded', line: 2 }] },
    { name: 'template with a real-looking key', filename: '.env.example', code: `GITHUB_TOKEN=${GITHUB}\n`, errors: [{ messageId: 'hardcoded', line: 1 }] },
    { name: 'remote database URL with password', filename: 'server/db.ts', code: `export const url = "mongodb+srv://admin:${DB_PASSWORD}@cluster0.ab1cd.mongodb.net/shop";\n`, errors: [{ messageId: 'hardcoded', line: 1 }] },
    { name: 'Dockerfile ENV', filename: 'Dockerfile', code: `FROM node:20\nENV SLACK_BOT_TOKEN=${SLACK}\n`, errors: [{ messageId: 'hardcoded', line: 2 }] },
    { name: 'CI workflow', filename: '.github/workflows/deploy.yml', code: `jobs:\n  deploy:\n    env:\n      GH_TOKEN: ${GITHUB}\n`, errors: [{ messageId: 'hardcoded', line: 4 }] },
    { name: 'CRLF line endings', filename: 'server/config.ts', code: `const a = 1;\r\nconst b = 2;\r\nexport const token = "${GITHUB}";\r\n`, errors: [{ messageId: 'hardcoded', line: 3 }] },
    { name: 'Gemini key (Google key in AI context)', filename: 'server/ai.ts', code: `const genAI = new GoogleGenerativeAI("${GOOGLE}");\n`, errors: [{ messageId: 'hardcoded', line: 1, severity: 'high' }] },
    {
      name: 'bundle with a key from .env names the variable',
      files: { 'package.json': VITE, '.env': `VITE_STRIPE_SECRET_KEY=${STRIPE_LIVE}\n`, 'dist/assets/index-4f9a1c.js': `var a="${STRIPE_LIVE}";export{a};\n` },
      errors: [{ messageId: 'hardcoded', line: 1, file: '.env' }, { messageId: 'inBuildOutput', line: 1, file: 'dist/assets/index-4f9a1c.js' }],
    },
    {
      name: 'bundle with a key from a source file',
      files: { 'package.json': VITE, 'src/config.ts': `export const key = "${OPENAI}";\n`, 'dist/assets/index.js': `const k="${OPENAI}";\n` },
      errors: [{ messageId: 'inBuildOutput', line: 1, file: 'dist/assets/index.js' }, { messageId: 'hardcoded', line: 1, file: 'src/config.ts' }],
    },
    { name: 'bundle with a key of unknown origin (one step more severe)', files: { 'package.json': VITE, 'dist/assets/index.js': `const k="${OPENAI}";\n` }, errors: [{ messageId: 'inBuildOutputUnknownSource', line: 1, severity: 'critical' }] },
    { name: 'live key in a test file is still reported', filename: 'test/pay.test.ts', code: `const stripe = new Stripe("${STRIPE_LIVE}");\n`, errors: [{ messageId: 'hardcoded', line: 1 }] },
  ],
});

describe('hardcoded-secret details', () => {
  it('names the env variable and file a bundled secret came from', async () => {
    const [finding] = await findingsOf('hardcoded-secret', {
      files: { 'package.json': VITE, '.env': `VITE_STRIPE_SECRET_KEY=${STRIPE_LIVE}\n`, 'dist/assets/index.js': `(()=>{const s="${STRIPE_LIVE}";})();\n` },
    }).then((f) => f.filter((x) => x.file.startsWith('dist/')));
    expect(finding.message).toContain('`VITE_STRIPE_SECRET_KEY` in `.env`');
    expect(finding.message).toContain('Stripe live secret key');
  });

  it('finds a key in the middle of a minified bundle and keeps the snippet short and redacted', async () => {
    const filler = 'function x(n){return n*2}'.repeat(400);
    const bundle = `${filler}var k="${SERVICE_ROLE}";${filler}\n`;
    const [finding] = await findingsOf('hardcoded-secret', { files: { 'package.json': VITE, 'dist/assets/app.js': bundle } });
    expect(finding.messageId).toBe('inBuildOutputUnknownSource');
    expect(finding.snippet.length).toBeLessThan(400);
    expect(finding.snippet).not.toContain(SERVICE_ROLE);
  });

  it('gives test-file findings low confidence', async () => {
    const [finding] = await findingsOf('hardcoded-secret', { filename: 'test/pay.test.ts', code: `const stripe = new Stripe("${STRIPE_LIVE}");\n` });
    expect(finding.confidence).toBe('low');
  });

  it('never shows a whole secret in a message or snippet', async () => {
    const cases: Record<string, string>[] = [
      { 'server/pay.ts': `export const stripe = new Stripe("${STRIPE_LIVE}");\n` },
      { '.env': `OPENAI_API_KEY=${OPENAI}\nGITHUB_TOKEN="${GITHUB}"\n` },
      { 'keys/server.key': `${RSA_KEY}\n` },
      { 'serviceAccountKey.json': serviceAccountJson() },
      { 'server/db.ts': `export const url = "postgres://app:${DB_PASSWORD}@db.prod.internal:5432/app";\n` },
      { 'package.json': VITE, '.env': `VITE_KEY=${SERVICE_ROLE}\n`, 'dist/a.js': `x("${SERVICE_ROLE}")\n` },
    ];
    const secrets = [STRIPE_LIVE, OPENAI, GITHUB, SERVICE_ROLE, DB_PASSWORD, ...RSA_KEY.split('\n').filter((l) => !l.startsWith('-----'))];
    for (const files of cases) {
      const found = await findingsOf('hardcoded-secret', { files });
      expect(found.length).toBeGreaterThan(0);
      for (const f of found) {
        for (const s of secrets) {
          expect(f.message).not.toContain(s);
          expect(f.snippet).not.toContain(s);
        }
      }
    }
  });
});
