import { describe, expect, it } from 'vitest';
import { CHECK_ITEMS } from '../../src/checklist/index.js';
import type { CheckStatus } from '../../src/checklist/types.js';
import { fakeToken } from '../../src/rules/secrets/fake.js';
import { checklistOf } from '../helpers/checklist.js';

type Files = Record<string, string>;

const pkg = (deps: Record<string, string>, extra: object = {}) => JSON.stringify({ name: 'api', version: '1.0.0', private: true, dependencies: deps, ...extra }, null, 2);
const LOCK = JSON.stringify({ name: 'api', lockfileVersion: 3, packages: {} });

/** An Express API: package.json with `deps` (express always), and server/index.ts whose middle is `body`. */
function express(body: string, deps: Record<string, string> = {}, more: Files = {}): Files {
  return {
    'package.json': pkg({ express: '^4.21.1', ...deps }),
    'server/index.ts': `import express from 'express';\nconst app = express();\n${body}\napp.listen(3000);\n`,
    ...more,
  };
}

/** A Vite front end with no server code. */
const STATIC: Files = { 'package.json': pkg({ vite: '^5.4.0', react: '^18.3.1' }), 'src/main.tsx': `export const title = 'Hello';\n` };
/** A Next.js app: server code, but no long-running Node server of its own. */
const NEXT: Files = { 'package.json': pkg({ next: '14.2.15', react: '^18.3.1' }), 'app/api/hello/route.ts': `export async function GET() {\n  return Response.json({ ok: true });\n}\n` };

interface Case {
  pass: Files;
  /** The failing case; `warn` for items whose gap is a warning. */
  fail?: Files;
  warn?: Files;
  /** Omitted for items that apply to every project (explained in `always`). */
  na?: Files;
  always?: string;
}

const CASES: Record<string, Case> = {
  'security-headers': {
    pass: express(`import helmet from 'helmet';\napp.use(helmet());`, { helmet: '^8.0.0' }),
    fail: express(''),
    warn: express('', { helmet: '^8.0.0' }),
    na: STATIC,
  },
  'cors-restricted': {
    pass: express(`import cors from 'cors';\napp.use(cors({ origin: ['https://app.example.com'], credentials: true }));`),
    fail: express(`import cors from 'cors';\napp.use(cors({ origin: true, credentials: true }));`),
    warn: express(`import cors from 'cors';\napp.use(cors());`),
    na: STATIC,
  },
  'rate-limiting': {
    pass: express(`import { rateLimit } from 'express-rate-limit';\napp.use('/api', rateLimit({ windowMs: 60_000, limit: 100 }));`),
    fail: express(''),
    warn: express('', { 'express-rate-limit': '^7.4.1' }),
    na: STATIC,
  },
  'input-validation': {
    pass: express(`import { z } from 'zod';\nconst Body = z.object({ title: z.string().max(200) });\napp.post('/notes', (req, res) => res.json(Body.parse(req.body)));`),
    fail: express(`app.post('/notes', (req, res) => res.json(req.body));`),
    warn: { ...express(`app.post('/notes', (req, res) => res.json(req.body));`), 'src/form.tsx': `'use client';\nimport { z } from 'zod';\nexport const Form = z.object({ title: z.string() });\n` },
    na: STATIC,
  },
  'password-hashing': {
    pass: express(`import bcrypt from 'bcryptjs';\napp.post('/signup', async (req, res) => {\n  const hash = await bcrypt.hash(req.body.password, 12);\n  res.json({ ok: Boolean(hash) });\n});`),
    fail: express(`import crypto from 'node:crypto';\napp.post('/signup', async (req, res) => {\n  const hash = crypto.createHash('md5').update(req.body.password).digest('hex');\n  res.json({ hash });\n});`),
    na: express(`app.get('/me', (req, res) => res.json({}));`),
  },
  'cookie-flags': {
    pass: express(`app.post('/login', (req, res) => {\n  res.cookie('session', 'value', { httpOnly: true, secure: true, sameSite: 'lax' });\n  res.end();\n});`),
    fail: express(`app.post('/login', (req, res) => {\n  res.cookie('token', 'value');\n  res.end();\n});`),
    na: express(`app.get('/', (req, res) => res.send('hi'));`),
  },
  'csrf-protection': {
    pass: express(`import session from 'express-session';\napp.use(session({ secret: process.env.SESSION_SECRET!, cookie: { httpOnly: true, secure: true, sameSite: 'lax' } }));`),
    fail: express(`import session from 'express-session';\napp.use(session({ secret: process.env.SESSION_SECRET!, resave: false }));`),
    na: express(`app.get('/', (req, res) => res.send('hi'));`),
  },
  'body-size-limit': {
    pass: express(`app.use(express.json());`),
    warn: express(`app.use(express.json({ limit: '50mb' }));`),
    na: NEXT,
  },
  'error-handler': {
    pass: express(`app.use((err, req, res, next) => {\n  res.status(500).json({ error: 'Something went wrong' });\n});`),
    fail: express(`app.use((err, req, res, next) => {\n  res.status(500).json({ message: 'failed', stack: err.stack });\n});`),
    warn: express(`app.get('/', (req, res) => res.send('hi'));`),
    na: STATIC,
  },
  'no-debug-in-production': {
    pass: express(''),
    fail: { ...express(''), Dockerfile: 'FROM node:20.11-alpine\nENV NODE_ENV=development\nCMD ["node", "server/index.js"]\n' },
    na: STATIC,
  },
  'https-and-proxy': {
    pass: express(`import helmet from 'helmet';\nimport { rateLimit } from 'express-rate-limit';\napp.set('trust proxy', 1);\napp.use(helmet());\napp.use(rateLimit({ limit: 100 }));`),
    warn: express(`import helmet from 'helmet';\nimport { rateLimit } from 'express-rate-limit';\napp.use(helmet());\napp.use(rateLimit({ limit: 100 }));`),
    na: NEXT,
  },
  'env-validated': {
    pass: express(`import { loadEnv } from './env';\nconst env = loadEnv();`, {}, { 'server/env.ts': `import { z } from 'zod';\nconst schema = z.object({ PORT: z.coerce.number() });\nexport function loadEnv(source = process.env) {\n  return schema.parse(source);\n}\n` }),
    fail: express(`const port = process.env.PORT;`),
    na: express(''),
  },
  'env-gitignored': {
    pass: express(`const port = process.env.PORT;`, {}, { '.gitignore': 'node_modules\n.env\n' }),
    fail: express(`const port = process.env.PORT;`, {}, { '.gitignore': 'node_modules\ndist\n' }),
    na: STATIC,
  },
  'env-example': {
    pass: express(`const port = process.env.PORT;`, {}, { '.env.example': 'PORT=3000\n' }),
    fail: express(`const port = process.env.PORT;`),
    na: express(''),
  },
  'no-committed-secrets': {
    pass: express(''),
    fail: express(`const stripe = '${fakeToken('sk_live_', 99, 'b62', 'checklist')}';`),
    always: 'a leaked key matters in any project',
  },
  'env-separation': {
    pass: express(`if (process.env.NODE_ENV === 'production') app.set('trust proxy', 1);`),
    warn: express(''),
    na: STATIC,
  },
  'health-endpoint': {
    pass: express(`app.get('/healthz', (req, res) => res.send('ok'));`),
    fail: express(''),
    na: NEXT,
  },
  'graceful-shutdown': {
    pass: express(`process.on('SIGTERM', () => process.exit(0));`),
    fail: express(''),
    na: NEXT,
  },
  'process-error-handlers': {
    pass: express(`process.on('unhandledRejection', (e) => { throw e; });\nprocess.on('uncaughtException', () => process.exit(1));`),
    fail: express(''),
    warn: express(`process.on('unhandledRejection', (e) => { throw e; });`),
    na: NEXT,
  },
  'database-pool-timeouts': {
    pass: express(`import pg from 'pg';\nexport const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10, connectionTimeoutMillis: 5000 });`, { pg: '^8.13.0' }),
    warn: express(`import pg from 'pg';\nexport const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });`, { pg: '^8.13.0' }),
    na: express(''),
  },
  'outbound-timeouts': {
    pass: express(`app.get('/rate', async (req, res) => res.json(await (await fetch('https://api.example.com/rate', { signal: AbortSignal.timeout(5000) })).json()));`),
    fail: express(`app.get('/rate', async (req, res) => res.json(await (await fetch('https://api.example.com/rate')).json()));`),
    na: express(''),
  },
  'job-retries': {
    pass: express(`import { Queue } from 'bullmq';\nexport const emails = new Queue('emails', { defaultJobOptions: { attempts: 5, backoff: { type: 'exponential', delay: 1000 } } });`, { bullmq: '^5.0.0' }),
    warn: express(`import cron from 'node-cron';\ncron.schedule('0 * * * *', () => undefined);`, { 'node-cron': '^3.0.3' }),
    na: express(''),
  },
  'webhook-idempotency': {
    pass: express('', {}, { 'server/webhooks.ts': `export async function handle(stripe, db, body, sig, secret) {\n  const event = stripe.webhooks.constructEvent(body, sig, secret);\n  if (await db.seen(event.id)) return;\n}\n` }),
    warn: express('', {}, { 'server/webhooks.ts': `export async function handle(stripe, db, body, sig, secret) {\n  const event = stripe.webhooks.constructEvent(body, sig, secret);\n  await db.credit(event.data.object);\n}\n` }),
    na: express(''),
  },
  'structured-logger': {
    pass: express(`import pino from 'pino';\nconst logger = pino();\nlogger.info('up');`, { pino: '^9.0.0' }),
    fail: express(`console.log('up');`),
    warn: express(''),
    na: STATIC,
  },
  'request-logging': {
    pass: express(`import morgan from 'morgan';\napp.use(morgan('combined'));`),
    fail: express(''),
    na: NEXT,
  },
  'error-tracking': {
    pass: express(`import * as Sentry from '@sentry/node';\nSentry.init({ dsn: process.env.SENTRY_DSN });`, { '@sentry/node': '^8.0.0' }),
    fail: express(''),
    warn: express('', { '@sentry/node': '^8.0.0' }),
    na: STATIC,
  },
  'audit-log': {
    pass: express(`export async function audit(db, actor, action) {\n  await db.insert('audit_log', { actor, action });\n}`),
    warn: express(''),
    na: STATIC,
  },
  'versioned-migrations': {
    pass: express('', { pg: '^8.13.0' }, { 'migrations/001_init.sql': 'create table notes (id serial primary key);\n' }),
    fail: express(`export const config = { type: 'postgres', synchronize: true };`, { typeorm: '^0.3.20' }),
    na: express(''),
  },
  'supabase-rls': {
    pass: { ...express('', { '@supabase/supabase-js': '^2.45.4' }), 'supabase/migrations/20240101000000_init.sql': 'create table public.notes (id uuid primary key, user_id uuid not null references auth.users);\nalter table public.notes enable row level security;\ncreate policy "own notes" on public.notes for all to authenticated using (auth.uid() = user_id) with check (auth.uid() = user_id);\n' },
    fail: { ...express('', { '@supabase/supabase-js': '^2.45.4' }), 'supabase/schema.sql': 'create table public.notes (id uuid primary key, user_id uuid not null references auth.users);\n' },
    warn: express('', { '@supabase/supabase-js': '^2.45.4' }),
    na: express(''),
  },
  'firebase-rules': {
    pass: { ...express('', { firebase: '^10.0.0' }), 'firestore.rules': "rules_version = '2';\nservice cloud.firestore {\n  match /databases/{database}/documents {\n    match /notes/{userId}/{doc} {\n      allow read, write: if request.auth != null && request.auth.uid == userId;\n    }\n  }\n}\n" },
    warn: express('', { firebase: '^10.0.0' }),
    na: express(''),
  },
  'parse-permissions': {
    pass: express(`export const options = { allowClientClassCreation: false };`, { 'parse-server': '^7.0.0' }),
    fail: { ...express('', { 'parse-server': '^7.0.0' }), 'src/parse.js': `import Parse from 'parse';\nimport { APP_ID, JS_KEY, MASTER_KEY } from './config';\nParse.initialize(APP_ID, JS_KEY, MASTER_KEY);\n`, 'package.json': pkg({ express: '^4.21.1', 'parse-server': '^7.0.0', parse: '5.0.0', 'react-scripts': '5.0.1' }) },
    warn: express('', { 'parse-server': '^7.0.0' }),
    na: express(''),
  },
  backups: {
    pass: express('', { pg: '^8.13.0' }, { 'README.md': '# API\n\nThe database has point-in-time recovery enabled at the host; restore steps are in docs/restore.md.\n' }),
    warn: express('', { pg: '^8.13.0' }),
    na: express(''),
  },
  'lockfile-committed': {
    pass: express('', {}, { 'package-lock.json': LOCK }),
    fail: express(''),
    na: { 'server/index.ts': 'export const x = 1;\n' },
  },
  'node-version-pinned': {
    pass: express('', {}, { '.nvmrc': '20\n' }),
    fail: express(''),
    na: { 'server/index.ts': 'export const x = 1;\n' },
  },
  'ci-runs-tests': {
    pass: express('', {}, { '.github/workflows/ci.yml': 'on: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm ci\n      - run: npm test\n' }),
    fail: express(''),
    warn: express('', {}, { '.github/workflows/deploy.yml': 'on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./deploy.sh\n' }),
    na: { 'server/index.ts': 'export const x = 1;\n' },
  },
  'tests-exist': {
    pass: express('', {}, { 'test/app.test.ts': `import { it } from 'vitest';\nit('works', () => {});\n` }),
    fail: express(''),
    na: { 'server/index.ts': 'export const x = 1;\n' },
  },
  'production-start-script': {
    pass: { ...express(''), 'package.json': pkg({ express: '^4.21.1' }, { scripts: { start: 'node dist/index.js' } }) },
    fail: { ...express(''), 'package.json': pkg({ express: '^4.21.1' }, { scripts: { start: 'nodemon server/index.ts' } }) },
    warn: express(''),
    na: STATIC,
  },
  'dockerfile-sane': {
    pass: { ...express(''), Dockerfile: 'FROM node:20.11-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\nUSER node\nCMD ["node", "server/index.js"]\n' },
    fail: { ...express(''), Dockerfile: 'FROM node:latest\nWORKDIR /app\nCOPY . .\nRUN npm install\nCMD ["node", "server/index.js"]\n' },
    na: express(''),
  },
};

async function statusOf(id: string, files: Files): Promise<CheckStatus> {
  const item = (await checklistOf(files)).items.find((i) => i.id === id);
  if (!item) throw new Error(`no item ${id}`);
  return item.status;
}

describe('checklist items', () => {
  it('has a case table for every item, and every item has metadata', () => {
    expect(Object.keys(CASES).sort()).toEqual(CHECK_ITEMS.map((i) => i.id).sort());
    for (const item of CHECK_ITEMS) {
      expect(item.title.length, item.id).toBeGreaterThan(5);
      expect(item.why.length, item.id).toBeGreaterThan(40);
      expect(item.fix.length, item.id).toBeGreaterThan(20);
    }
  });

  for (const [id, c] of Object.entries(CASES)) {
    describe(id, () => {
      it('passes', async () => expect(await statusOf(id, c.pass)).toBe('pass'));
      if (c.fail) it('fails', async () => expect(await statusOf(id, c.fail!)).toBe('fail'));
      if (c.warn) it('warns', async () => expect(await statusOf(id, c.warn!)).toBe('warn'));
      if (c.na) it('is not applicable', async () => expect(await statusOf(id, c.na!)).toBe('na'));
      else it(`applies to every project (${c.always})`, async () => expect(await statusOf(id, STATIC)).not.toBe('na'));
    });
  }
});
