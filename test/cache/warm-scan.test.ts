import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ResultStore, type FileRecord } from '../../src/cache/results.js';
import { defaultConfig } from '../../src/config/types.js';
import type { ScanResult } from '../../src/engine/result.js';
import { catalogue, scanVirtual } from '../../src/engine/scan.js';
import { MAX_APP_MIDDLEWARE } from '../../src/routes/link.js';
import { fakeToken } from '../../src/rules/secrets/fake.js';
import { PROTECT } from '../helpers/express-auth.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures');

/** The edits bench/rescan-check.mjs also makes of real trees (plain JavaScript, shared with the benchmark). */
const { seeded, randomEdit } = (await import(pathToFileURL(join(import.meta.dirname, '../../bench/random-edits.mjs')).href)) as {
  seeded(seed: number): () => number;
  randomEdit(files: Record<string, string>, random: () => number): string;
};

function filesOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p).split('\\').join('/')] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

const options = (results?: ResultStore) => ({ config: defaultConfig(), offline: true, results });
const cold = (files: Record<string, string>) => scanVirtual(files, options());

/** An Express route that saves `req.body` into a Mongoose model declared in another file. */
function mongooseApp(): Record<string, string> {
  return {
    'package.json': JSON.stringify({ dependencies: { express: '^4.19.0', mongoose: '^8.0.0' } }),
    'server/models/user.js': "import mongoose from 'mongoose';\nconst UserSchema = new mongoose.Schema({ name: String, email: String });\nexport const User = mongoose.model('User', UserSchema);\n",
    'server/routes/users.js': [
      "import express from 'express';",
      "import { User } from '../models/user.js';",
      'const router = express.Router();',
      "router.put('/me', async (req, res) => {",
      '  const user = await User.findById(req.user.id);',
      '  Object.assign(user, req.body);',
      '  await user.save();',
      '  res.json({ ok: true });',
      '});',
      'export default router;',
      '',
    ].join('\n'),
  };
}

/**
 * Rescan with kept results after an edit: checked against a cold scan of the same files and, when `redone` is
 * given, against how many files it analysed again.
 */
async function rescan(files: Record<string, string>, store: ResultStore, redone?: number): Promise<ScanResult> {
  const misses = store.misses;
  const result = await scanVirtual(files, options(store));
  if (redone !== undefined) expect(store.misses - misses).toBe(redone);
  expect(shown(result)).toEqual(shown(await cold(files)));
  return result;
}

/** Everything a report shows, timing aside. */
function shown(r: ScanResult) {
  return { findings: r.findings, notifications: r.notifications, files: r.files, parsed: r.stats.parsed };
}

/** What each file's record gives the project rules (route facts, data flows, import targets), by path, as JSON. */
function derivedOf(store: ResultStore): Record<string, string> {
  const json = (r: FileRecord) => JSON.stringify({ routes: r.routes, imports: r.dataflow?.imports, flows: r.dataflow?.flows }, (_, v: unknown) => (v instanceof Map ? [...v] : v));
  return Object.fromEntries([...store.entries()].map(([path, r]) => [path, json(r)]).sort());
}

/** Of one file: rule, line and message of each finding. */
function findingsIn(r: ScanResult, path: string): string[] {
  return r.findings.filter((f) => f.file === path).map((f) => `${f.ruleId}:${f.range.startLine}:${f.message}`);
}

describe('per-file results kept between scans', () => {
  it('reuses every file of an unchanged app and reports exactly what a cold scan reports', async () => {
    const files = filesOf(join(FIXTURES, 'lovable-supabase'));
    const store = new ResultStore();
    const first = await scanVirtual(files, options(store));
    const misses = store.misses;
    const second = await scanVirtual(files, options(store));
    expect(store.misses).toBe(misses);
    expect(store.hits).toBeGreaterThan(10);
    expect(shown(second)).toEqual(shown(first));
    expect(shown(second)).toEqual(shown(await cold(files)));
  });

  it('reanalyses a file whose imported helper changed what it returns', async () => {
    const files: Record<string, string> = {
      'package.json': JSON.stringify({ dependencies: { express: '^4.19.0', pg: '^8.0.0' } }),
      'server/util.js': 'export function clean(x) {\n  return x.trim();\n}\n',
      'server/app.js': [
        "import express from 'express';",
        "import pg from 'pg';",
        "import { clean } from './util.js';",
        'const pool = new pg.Pool();',
        'const app = express();',
        "app.get('/items', async (req, res) => {",
        "  const rows = await pool.query('SELECT * FROM items WHERE name = ' + clean(req.query.name));",
        '  res.json(rows);',
        '});',
        '',
      ].join('\n'),
    };
    const store = new ResultStore();
    const before = await scanVirtual(files, options(store));
    expect(findingsIn(before, 'server/app.js').some((f) => f.startsWith('sql-injection:7:'))).toBe(true);

    files['server/util.js'] = 'export function clean(x) {\n  return Number.parseInt(x, 10);\n}\n';
    const after = await scanVirtual(files, options(store));
    expect(findingsIn(after, 'server/app.js').some((f) => f.startsWith('sql-injection:'))).toBe(false);
    expect(shown(after)).toEqual(shown(await cold(files)));
  });

  it('reruns rules that asked a project-wide question when its answer changes, and only then', async () => {
    const files: Record<string, string> = { ...mongooseApp(), 'server/lib/other.js': 'export const answer = 42;\n' };
    const store = new ResultStore();
    const before = await scanVirtual(files, options(store));

    // An edit elsewhere that does not change the declared models keeps the route file's results.
    files['server/lib/other.js'] = 'export const answer = 43;\n';
    let misses = store.misses;
    await scanVirtual(files, options(store));
    expect(store.misses - misses).toBe(1);

    // Declaring a privileged field changes what mass-assignment says about the unchanged route file.
    files['server/models/user.js'] = files['server/models/user.js'].replace('email: String', 'email: String, role: String, isAdmin: Boolean');
    misses = store.misses;
    const after = await scanVirtual(files, options(store));
    expect(findingsIn(after, 'server/routes/users.js')).not.toEqual(findingsIn(before, 'server/routes/users.js'));
    expect(shown(after)).toEqual(shown(await cold(files)));
  });

  it("reruns a file's rules when another file whose text they read changes", async () => {
    const key = fakeToken('sk_live_', 32, 'b62', 'warm-scan');
    const files: Record<string, string> = {
      'package.json': JSON.stringify({ dependencies: { react: '^18.0.0', vite: '^5.0.0' } }),
      'src/config.ts': `export const stripeKey = '${key}';\n`,
      'src/main.tsx': 'export const main = 1;\n',
      'dist/assets/index-4f2a.js': `var e="${key}";console.log(e);\n`,
    };
    const store = new ResultStore();
    const before = await scanVirtual(files, options(store));
    // The bundle's finding names where the value most likely came from: the source file holding it.
    expect(findingsIn(before, 'dist/assets/index-4f2a.js').join('\n')).toContain('src/config.ts');

    files['src/config.ts'] = 'export const stripeKey = process.env.STRIPE_KEY;\n';
    const after = await scanVirtual(files, options(store));
    expect(findingsIn(after, 'dist/assets/index-4f2a.js').join('\n')).not.toContain('src/config.ts');
    expect(shown(after)).toEqual(shown(await cold(files)));
  });

  it('reanalyses only the new file when a file is added that no import names', async () => {
    const files = filesOf(join(FIXTURES, 'bolt-express-mongo'));
    const store = new ResultStore();
    await scanVirtual(files, options(store));
    const misses = store.misses;
    const hits = store.hits;
    files['server/lib/added.js'] = "export function added(req, res) {\n  res.send('<p>' + req.query.name + '</p>');\n}\n";
    const after = await scanVirtual(files, options(store));
    // Every file of the app is reused; the new one is analysed.
    expect(store.misses - misses).toBe(1);
    expect(store.hits - hits).toBe(Object.keys(files).length - 1);
    expect(shown(after)).toEqual(shown(await cold(files)));
  });

  it('reanalyses a file whose import now names a file that was added, and again when it is removed', async () => {
    const files: Record<string, string> = {
      'package.json': JSON.stringify({ dependencies: { express: '^4.19.0', pg: '^8.0.0' } }),
      'server/db/index.js': 'export function id(x) {\n  return Number.parseInt(x, 10);\n}\n',
      'server/app.js': [
        "import express from 'express';",
        "import pg from 'pg';",
        "import { id } from './db';",
        'const pool = new pg.Pool();',
        'const app = express();',
        "app.get('/items', async (req, res) => {",
        "  const rows = await pool.query('SELECT * FROM items WHERE id = ' + id(req.query.id));",
        '  res.json(rows);',
        '});',
        '',
      ].join('\n'),
      'server/other.js': 'export const answer = 42;\n',
    };
    const injected = (r: ScanResult) => findingsIn(r, 'server/app.js').some((f) => f.startsWith('sql-injection:7:'));
    const store = new ResultStore();
    expect(injected(await scanVirtual(files, options(store)))).toBe(false);

    // `./db` now names server/db.js (a file before a folder's index), which passes its input through.
    files['server/db.js'] = 'export function id(x) {\n  return x;\n}\n';
    const added = await rescan(files, store, 2);
    expect(injected(added)).toBe(true);

    // The same files again: import targets are taken as recorded, since the last scan checked them.
    expect(shown(await rescan(files, store, 0))).toEqual(shown(added));

    delete files['server/db.js'];
    const removed = await rescan(files, store, 1);
    expect(injected(removed)).toBe(false);
  });

  it('reruns a build-output file that names where its secret came from when a file holding it is added', async () => {
    const key = fakeToken('sk_live_', 32, 'b62', 'warm-scan-added');
    const files: Record<string, string> = {
      'package.json': JSON.stringify({ dependencies: { react: '^18.0.0', vite: '^5.0.0' } }),
      'src/main.tsx': 'export const main = 1;\n',
      'dist/assets/index-4f2a.js': `var e="${key}";console.log(e);\n`,
    };
    const store = new ResultStore();
    const before = await scanVirtual(files, options(store));
    expect(findingsIn(before, 'dist/assets/index-4f2a.js').join('\n')).not.toContain('src/keys.ts');

    files['src/keys.ts'] = `export const stripeKey = '${key}';\n`;
    const after = await scanVirtual(files, options(store));
    expect(findingsIn(after, 'dist/assets/index-4f2a.js').join('\n')).toContain('src/keys.ts');
    expect(shown(after)).toEqual(shown(await cold(files)));
  });

  it('reanalyses only the migration and the browser code querying its table when a migration opens the table', async () => {
    const files: Record<string, string> = {
      'package.json': JSON.stringify({ name: 'web', dependencies: { '@supabase/supabase-js': '2.45.4', react: '18.3.1', vite: '5.4.10' } }),
      'src/lib/supabase.ts': "import { createClient } from '@supabase/supabase-js';\nexport const supabase = createClient(import.meta.env.VITE_SUPABASE_URL, import.meta.env.VITE_SUPABASE_ANON_KEY);\n",
      'supabase/migrations/20240101000000_init.sql': [
        'create table public.invoices (id uuid primary key, owner_id uuid not null references auth.users (id), amount_cents int not null);',
        'alter table public.invoices enable row level security;',
        'create policy "own update" on public.invoices for update using (auth.uid() = owner_id);',
        '',
      ].join('\n'),
      'src/pages/Invoices.tsx': "import { supabase } from '@/lib/supabase';\nexport async function pay(id: string) {\n  await supabase.from('invoices').update({ amount_cents: 0 }).eq('id', id);\n}\n",
      'src/pages/Home.tsx': "export function Home() {\n  return <main>home</main>;\n}\n",
    };
    const flagged = (r: ScanResult) => findingsIn(r, 'src/pages/Invoices.tsx').some((f) => f.startsWith('client-query-allowed-by-policy:3:'));
    const store = new ResultStore();
    expect(flagged(await scanVirtual(files, options(store)))).toBe(false);

    files['supabase/migrations/20240102000000_open.sql'] = 'create policy "signed in update" on public.invoices for update using (auth.role() = \'authenticated\');\n';
    const after = await rescan(files, store, 2);
    expect(flagged(after)).toBe(true);
    // The new migration and the page whose query it opens; the other page, the client and the first migration are kept.
  });

  it('reruns the database rules when a schema script changes, and drops the script once migrations are added', async () => {
    const files: Record<string, string> = {
      'package.json': JSON.stringify({ name: 'web', dependencies: { '@supabase/supabase-js': '2.45.4', react: '18.3.1', vite: '5.4.10' } }),
      'src/notes.ts': "import { supabase } from './supabase';\nexport const load = () => supabase.from('notes').select('*');\n",
      'supabase/schema.sql': 'create table public.notes (id uuid primary key, user_id uuid references auth.users);\n',
    };
    const open = (r: ScanResult) => r.findings.filter((f) => f.ruleId === 'supabase-table-without-rls').map((f) => f.file);
    const store = new ResultStore();
    expect(open(await scanVirtual(files, options(store)))).toEqual(['supabase/schema.sql']);

    files['supabase/schema.sql'] += 'alter table public.notes enable row level security;\ncreate policy "own" on public.notes for select using (auth.uid() = user_id);\n';
    expect(open(await rescan(files, store))).toEqual([]);

    files['supabase/schema.sql'] = 'create table public.notes (id uuid primary key);\n';
    files['supabase/migrations/20240101000000_init.sql'] = 'create table public.tags (id int);\n';
    expect(open(await rescan(files, store))).toEqual(['supabase/migrations/20240101000000_init.sql']);
  });

  it('keeps the results of files that never name the table a new migration creates, and only theirs', async () => {
    const files = mongooseApp();
    const privileged = (r: ScanResult) => findingsIn(r, 'server/routes/users.js').some((f) => f.startsWith('mass-assignment:') && f.includes('is_admin'));
    const store = new ResultStore();
    expect(privileged(await scanVirtual(files, options(store)))).toBe(false);

    files['supabase/migrations/20240101000000_audit.sql'] = 'create table public.audit_log (id bigint primary key, action text);\n';
    await rescan(files, store, 1);

    // A table of the same model adds a privileged column: the route file that writes it is analysed again.
    files['supabase/migrations/20240102000000_users.sql'] = 'create table public.users (\n  id bigint primary key,\n  is_admin boolean\n);\n';
    const related = await rescan(files, store, 2);
    expect(privileged(related)).toBe(true);
  });

  it('reanalyses only a workflow when it changes, and reruns project rules when supabase/config.toml exposes a schema', async () => {
    const files: Record<string, string> = {
      'package.json': JSON.stringify({ name: 'web', dependencies: { '@supabase/supabase-js': '2.45.4', react: '18.3.1', vite: '5.4.10' } }),
      // Browser code querying a table: the database is built while files are analysed, before the project rules run.
      'src/main.tsx': "import { supabase } from './supabase';\nexport const load = () => supabase.from('notes').select('*');\n",
      'supabase/config.toml': '[api]\nschemas = ["public"]\n',
      'supabase/migrations/20240101000000_init.sql': 'create schema api;\ncreate table api.invoices (\n  id uuid primary key,\n  owner_id uuid not null,\n  amount int\n);\ngrant all on api.invoices to anon, authenticated;\n',
      '.github/workflows/ci.yml': 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n',
    };
    const exposed = (r: ScanResult) => r.findings.some((f) => f.ruleId === 'supabase-table-without-rls');
    const store = new ResultStore();
    expect(exposed(await scanVirtual(files, options(store)))).toBe(false);

    files['.github/workflows/ci.yml'] = files['.github/workflows/ci.yml'].replace('@v4', '@v3');
    await rescan(files, store, 1);

    // The table's schema is now served by the API: a project rule reads that from the parsed config.
    files['supabase/config.toml'] = '[api]\nschemas = ["public", "api"]\n';
    const after = await rescan(files, store, 1);
    expect(exposed(after)).toBe(true);
  });

  it('reanalyses only a JSON file or Dockerfile that no other file reads, and the files whose imports a tsconfig edit changes', async () => {
    const files: Record<string, string> = {
      'package.json': JSON.stringify({ name: 'web', dependencies: { react: '18.3.1', vite: '5.4.10' } }),
      'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@/*': ['src/*'] } } }),
      'src/locales/en.json': JSON.stringify({ hello: 'Hello' }),
      'src/main.tsx': "import { hello } from '@/greet';\nexport const main = hello();\n",
      'src/greet.ts': "export const hello = () => 'hi';\n",
      Dockerfile: 'FROM node:20\nCOPY . .\n',
    };
    const store = new ResultStore();
    await scanVirtual(files, options(store));
    for (const [path, text] of [['src/locales/en.json', JSON.stringify({ hello: 'Hello', bye: 'Bye' })], ['Dockerfile', 'FROM node:20\nENV API_TOKEN=abc\nCOPY . .\n']]) {
      files[path] = text;
      await rescan(files, store, 1);
    }
    // Path aliases decide what imports name: the tsconfig and the file whose `@/greet` now names nothing.
    files['tsconfig.json'] = JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@/*': ['lib/*'] } } });
    await rescan(files, store, 2);
    // An edit that leaves every import naming what it named: only the tsconfig.
    files['tsconfig.json'] = JSON.stringify({ compilerOptions: { strict: true, baseUrl: '.', paths: { '@/*': ['lib/*'] } } });
    await rescan(files, store, 1);
  });

  it('redoes only the files whose env prefixes a Vite config edit changes, and only the config for any other edit', async () => {
    const config = (prefix: string) => `import { defineConfig } from 'vite';\nexport default defineConfig({ plugins: [], envPrefix: ['VITE_', '${prefix}'] });\n`;
    const files: Record<string, string> = {
      'package.json': JSON.stringify({ name: 'web', dependencies: { react: '18.3.1', vite: '5.4.10' } }),
      'vite.config.ts': config('APP_'),
      'src/lib/supabase.ts': 'export const key = import.meta.env.SUPABASE_SERVICE_ROLE_KEY;\n',
      'src/lib/format.ts': 'export const money = (cents: number) => `$${(cents / 100).toFixed(2)}`;\n',
      'src/App.tsx': "import { money } from './lib/format';\nexport const App = () => <p>{money(100)}</p>;\n",
    };
    const exposed = (r: ScanResult) => findingsIn(r, 'src/lib/supabase.ts').some((f) => f.startsWith('secret-in-public-env:'));
    const store = new ResultStore();
    expect(exposed(await scanVirtual(files, options(store)))).toBe(false);
    // The config and the file reading an env variable, whose public prefixes it asked.
    files['vite.config.ts'] = config('SUPABASE_');
    expect(exposed(await rescan(files, store, 2))).toBe(true);
    // A plugin added: no answer changes.
    files['vite.config.ts'] = config('SUPABASE_').replace('plugins: []', "plugins: [{ name: 'noop' }]");
    await rescan(files, store, 1);
  });

  it('redoes the browser code whose key a Vite define fills when the define changes', async () => {
    const config = (from: string) => `import { defineConfig, loadEnv } from 'vite';\nexport default defineConfig(({ mode }) => {\n  const env = loadEnv(mode, process.cwd(), '');\n  return { define: { 'process.env.API_KEY': JSON.stringify(env.${from}) } };\n});\n`;
    const files: Record<string, string> = {
      'package.json': JSON.stringify({ name: 'web', dependencies: { vite: '5.4.0', react: '18.3.0', '@google/genai': '1.0.0' } }),
      'vite.config.ts': config('GEMINI_API_KEY'),
      'services/gemini.ts': "import { GoogleGenAI } from '@google/genai';\nconst ai = new GoogleGenAI({ apiKey: process.env.API_KEY });\nexport default ai;\n",
    };
    const said = (r: ScanResult) => findingsIn(r, 'services/gemini.ts').find((f) => f.startsWith('llm-api-key-in-browser:')) ?? '';
    const store = new ResultStore();
    expect(said(await scanVirtual(files, options(store)))).toContain('GEMINI_API_KEY');
    // The message names the variable the config fills the key with.
    files['vite.config.ts'] = config('GOOGLE_AI_KEY');
    expect(said(await rescan(files, store, 2))).toContain('GOOGLE_AI_KEY');
  });

  it('redoes only the rules file and the browser code whose Firestore query a rules edit opens', async () => {
    const rules = (notes: string) => `rules_version = '2';\nservice cloud.firestore {\n  match /databases/{database}/documents {\n    match /notes/{id} {\n      allow read, write: if ${notes};\n    }\n    match /posts/{id} {\n      allow read: if true;\n    }\n  }\n}\n`;
    const owner = 'request.auth != null && request.auth.uid == resource.data.owner';
    const page = (name: string, collection: string) => `import { addDoc, collection } from 'firebase/firestore';\nexport async function ${name}(db) {\n  await addDoc(collection(db, '${collection}'), { body: 'x' });\n}\n`;
    const files: Record<string, string> = {
      'package.json': JSON.stringify({ name: 'web', dependencies: { firebase: '10.14.1', react: '18.3.1', vite: '5.4.10' } }),
      'src/pages/Notes.tsx': page('addNote', 'notes'),
      'src/pages/Posts.tsx': page('addPost', 'posts'),
      'src/pages/Home.tsx': 'export const Home = () => <h1>Home</h1>;\n',
    };
    const open = (r: ScanResult) => findingsIn(r, 'src/pages/Notes.tsx').some((f) => f.startsWith('client-query-allowed-by-policy:'));
    const store = new ResultStore();
    await scanVirtual(files, options(store));
    // Rules added: they and the two pages querying Firestore, which now have rules to be judged by.
    files['firestore.rules'] = rules(owner);
    expect(open(await rescan(files, store, 3))).toBe(false);
    // Notes opened to anyone: the rules file and the page adding notes; the page adding posts asked about posts.
    files['firestore.rules'] = rules('true');
    expect(open(await rescan(files, store, 2))).toBe(true);
    // A collection added below the others: only the rules file (a comment above would move the lines a finding points at).
    files['firestore.rules'] = rules('true').replace(/  }\n}\n$/, '    match /tags/{id} {\n      allow read: if true;\n    }\n  }\n}\n');
    await rescan(files, store, 1);
  });

  it('keeps the project findings through edits of files no project rule reads, and only then', async () => {
    const key = fakeToken('sk_live_', 32, 'b62', 'warm-scan-project');
    const vite = (names: string[]) => `import { defineConfig, loadEnv } from 'vite';\nexport default defineConfig(({ mode }) => {\n  const env = loadEnv(mode, process.cwd(), '');\n  return { define: { ${names.map((n) => `'process.env.${n}': JSON.stringify(env.${n})`).join(', ')} } };\n});\n`;
    const files: Record<string, string> = {
      'package.json': JSON.stringify({ name: 'web', dependencies: { react: '18.3.1', vite: '5.4.10' } }),
      'package-lock.json': JSON.stringify({ name: 'web', lockfileVersion: 3, requires: true, packages: { '': { dependencies: { react: '18.3.1', vite: '5.4.10' } }, 'node_modules/react': { version: '18.3.1' }, 'node_modules/vite': { version: '5.4.10' } } }, null, 2),
      'vite.config.ts': vite(['APP_NAME']),
      // A name that says nothing: what the value is, the env file says.
      '.env': `APP_NAME=shop\nPAYMENTS=${key}\n`,
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true } }),
      '.github/workflows/ci.yml': 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n',
      'src/main.tsx': 'export const main = () => process.env.APP_NAME;\n',
    };
    const bundled = (r: ScanResult) => r.findings.filter((f) => f.ruleId === 'bundler-exposes-secret-env').length;
    const unpinned = (r: ScanResult) => r.findings.filter((f) => f.ruleId === 'dependency-unpinned-version').length;
    const store = new ResultStore();
    const first = await scanVirtual(files, options(store));
    expect([bundled(first), unpinned(first)]).toEqual([0, 0]);
    let kept = store.project;
    // No project rule reads the TypeScript settings or the workflow: their findings are kept.
    files['tsconfig.json'] = JSON.stringify({ compilerOptions: { strict: true, noEmit: true } });
    await rescan(files, store, 1);
    files['.github/workflows/ci.yml'] += '      - run: npm run build\n';
    await rescan(files, store, 1);
    expect(store.project).toBe(kept);
    // The bundler config, which a project rule reads: they run again and find the secret it now bundles.
    files['vite.config.ts'] = vite(['APP_NAME', 'PAYMENTS']);
    expect(bundled(await rescan(files, store))).toBe(1);
    expect(store.project).not.toBe(kept);
    kept = store.project;
    // The env file it learnt from that the bundled variable holds a Stripe key.
    files['.env'] = 'APP_NAME=shop\nPAYMENTS=\n';
    expect(bundled(await rescan(files, store))).toBe(0);
    expect(store.project).not.toBe(kept);
    kept = store.project;
    // The manifest: a dependency on whatever is latest.
    files['package.json'] = JSON.stringify({ name: 'web', dependencies: { react: '18.3.1', vite: '5.4.10', zod: 'latest' } });
    expect(unpinned(await rescan(files, store))).toBe(1);
    expect(store.project).not.toBe(kept);
  });

  it('keeps the results of project rules that read no part of the analysis an edit changed, in the order they ran', async () => {
    const files: Record<string, string> = {
      'package.json': JSON.stringify({ name: 'api', dependencies: { express: '^4.19.0', pg: '^8.0.0', lodash: 'latest' } }),
      'server/app.js': [
        "import express from 'express';",
        "import pg from 'pg';",
        'const pool = new pg.Pool();',
        'const app = express();',
        "app.delete('/items/:id', async (req, res) => {",
        "  await pool.query(`DELETE FROM items WHERE id = '${req.params.id}'`);",
        '  res.json({ ok: true });',
        '});',
        '',
      ].join('\n'),
      'server/util.js': 'export const slug = (s) => s.toLowerCase();\n',
    };
    const rules = ['dependency-unpinned-version', 'sql-injection', 'route-without-auth'];
    const store = new ResultStore();
    const first = await scanVirtual(files, options(store));
    expect(rules.map((id) => first.findings.filter((f) => f.ruleId === id).length)).toEqual([1, 1, 1]);
    // Rules reading neither part of the analysis ran first, then those reading data flows, then routes.
    const order = store.project!.steps.map((step) => step.rule);
    expect(rules.map((id) => order.indexOf(id))).toEqual([...rules.map((id) => order.indexOf(id))].sort((a, b) => a - b));
    expect(store.project!.steps.find((step) => step.rule === 'sql-injection')!.analysis).toEqual(['dataflow']);
    const mark = () => {
      for (const step of store.project!.steps) for (const f of step.findings) if (rules.includes(f.ruleId)) f.message = 'kept';
    };
    const kept = (r: ScanResult) => rules.filter((id) => r.findings.find((f) => f.ruleId === id)!.message === 'kept');
    const check = async () => {
      const warm = await scanVirtual(files, options(store));
      const again = await cold(files);
      // Apart from the marks, what a cold scan reports.
      expect(warm.findings.map((f) => `${f.ruleId}:${f.file}:${f.range.startLine}`)).toEqual(again.findings.map((f) => `${f.ruleId}:${f.file}:${f.range.startLine}`));
      return kept(warm);
    };
    mark();
    // A new export: the route facts change (what a module exports links routes), the data flows do not.
    files['server/util.js'] += 'export const trim = (s) => s.trim();\n';
    expect(await check()).toEqual(['dependency-unpinned-version', 'sql-injection']);
    mark();
    // A flow moved down a line: the data flows and routes change; the manifest rules' results stand.
    files['server/app.js'] = files['server/app.js'].replace('const app', '// the app\nconst app');
    expect(await check()).toEqual(['dependency-unpinned-version']);
    mark();
    // The manifest, which the first rules read: every rule after the first that read it runs again.
    files['package.json'] = JSON.stringify({ name: 'api', dependencies: { express: '^4.19.0', pg: '^8.0.0', lodash: '*' } });
    expect(await check()).toEqual([]);
  });

  it('keeps the warning of middleware left unread with the project results, once, whether linking ran again or not', async () => {
    const files: Record<string, string> = {
      'package.json': JSON.stringify({ name: 'api', dependencies: { express: '^4.19.0' } }),
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true } }),
      'server/app.js': [
        "import express from 'express';",
        'const app = express();',
        ...Array.from({ length: MAX_APP_MIDDLEWARE + 5 }, (_, i) => `app.use((req, res, next) => { res.set('x-step', '${i}'); next(); });`),
        "app.delete('/items/:id', (req, res) => res.json({ id: req.params.id }));",
        '',
      ].join('\n'),
    };
    const warnings = (r: ScanResult) => r.notifications.filter((n) => n.kind === 'skipped-file').length;
    const store = new ResultStore();
    expect(warnings(await scanVirtual(files, options(store)))).toBe(1);
    // Nothing the rules read: every project rule's results are kept, the warning with them.
    files['tsconfig.json'] = JSON.stringify({ compilerOptions: { strict: true, noEmit: true } });
    expect(warnings(await rescan(files, store))).toBe(1);
    // The routes change: the rules reading them run again and link again.
    files['server/app.js'] += "app.get('/items', (req, res) => res.json([]));\n";
    expect(warnings(await rescan(files, store))).toBe(1);
  });

  it('reruns the route rules when a middleware read only while linking changes, though no line or length of it does', async () => {
    const files: Record<string, string> = {
      'package.json': JSON.stringify({ name: 'api', dependencies: { express: '4.21.1', mongoose: '8.8.1', jsonwebtoken: '9.0.2' } }),
      'server/middleware/auth.js': `${PROTECT}\nexport function unused(a) {\n  return a;\n}\n`,
      'server/routes/tasks.js': [
        "import { Router } from 'express';",
        "import { protect } from '../middleware/auth.js';",
        "import { Task } from '../models.js';",
        'export const router = Router();',
        "router.delete('/tasks/:id', protect, async (req, res) => { await Task.findByIdAndDelete(req.params.id); res.end(); });",
        '',
      ].join('\n'),
    };
    const unprotected = (r: ScanResult) => r.findings.filter((f) => f.ruleId === 'route-without-auth').map((f) => `${f.file}:${f.range.startLine}`);
    const store = new ResultStore();
    const routesDigest = () => new Map(store.entries()).get('server/middleware/auth.js')!.derived.routes;
    expect(unprotected(await scanVirtual(files, options(store)))).toEqual([]);
    const before = routesDigest();
    // The same offsets and lines, and the token is no longer verified: the middleware is read again, the route is open.
    files['server/middleware/auth.js'] = files['server/middleware/auth.js'].replace('jwt.verify(', 'jwt.decode(');
    expect(unprotected(await rescan(files, store))).toEqual(['server/routes/tasks.js:5']);
    // What the project rules read of the file changed with its text, though its unread functions are where they were.
    expect(routesDigest()).not.toBe(before);
  });

  it("reruns nosql-injection when a sanitising setting is added in another script, and keeps it through other scripts' edits", async () => {
    const files: Record<string, string> = {
      'package.json': JSON.stringify({ name: 'api', dependencies: { express: '^4.19.0', mongoose: '^8.0.0' } }),
      'server/models.js': "import mongoose from 'mongoose';\nexport const User = mongoose.model('User', new mongoose.Schema({ name: String }));\n",
      'server/app.js': [
        "import express from 'express';",
        "import { User } from './models.js';",
        'const app = express();',
        'app.use(express.json());',
        "app.post('/login', async (req, res) => {",
        '  const user = await User.findOne({ name: req.body.name });',
        '  res.json({ id: user?.id });',
        '});',
        '',
      ].join('\n'),
      'server/util.js': 'export const slug = (s) => s.toLowerCase();\n',
    };
    const nosql = (r: ScanResult) => r.findings.filter((f) => f.ruleId === 'nosql-injection').map((f) => f.message);
    const store = new ResultStore();
    expect(nosql(await scanVirtual(files, options(store)))).toHaveLength(1);
    for (const step of store.project!.steps) for (const f of step.findings) if (f.ruleId === 'nosql-injection') f.message = 'kept';
    // Another script, with no sign of sanitising: the rule read whether any script has one, not their texts.
    files['server/util.js'] = 'export const slug = (s) => s.trim().toLowerCase();\n';
    expect(nosql(await scanVirtual(files, options(store)))).toEqual(['kept']);
    // Mongoose told to strip operators from every filter, in a script of its own.
    files['server/db.js'] = "import mongoose from 'mongoose';\nmongoose.set('sanitizeFilter', true);\n";
    expect(nosql(await rescan(files, store))).toEqual([]);
  });

  it('redoes an upload storage, a CORS setting and a reset service when another file changes what they depend on', async () => {
    const files: Record<string, string> = {
      'package.json': JSON.stringify({ name: 'api', dependencies: { express: '^4.19.0', multer: '^1.4.5-lts.1', cors: '^2.8.5', '@nestjs/common': '^10.4.0' } }),
      'server/upload.js': "const multer = require('multer');\nconst storage = multer.diskStorage({\n  destination: 'uploads',\n  filename: (req, file, cb) => cb(null, file.originalname),\n});\nmodule.exports = { storage };\n",
      'server/cors.js': "const cors = require('cors');\nmodule.exports = cors({ origin: true, credentials: true });\n",
      'server/app.js': "const express = require('express');\nconst app = express();\napp.use('/files', express.static('public'));\nmodule.exports = app;\n",
      'src/auth.service.ts': "import { Injectable } from '@nestjs/common';\nimport { randomBytes } from 'crypto';\n@Injectable()\nexport class AuthService {\n  async forgotPassword(email: string) {\n    const resetToken = randomBytes(32).toString('hex');\n    return { resetToken };\n  }\n}\n",
      'src/auth.controller.ts': "import { Body, Controller, Post } from '@nestjs/common';\nimport { AuthService } from './auth.service';\n@Controller('auth')\nexport class AuthController {\n  constructor(private readonly auth: AuthService) {}\n  @Post('forgot-password')\n  async forgot(@Body() body: { email: string }) {\n    await this.auth.forgotPassword(body.email);\n    return { ok: true };\n  }\n}\n",
    };
    const ids = (r: ScanResult) => r.findings.map((f) => `${f.ruleId} ${f.file} ${f.severity}`).filter((k) => /^(?:upload-served|cors-any|one-time-code)/.test(k)).sort();
    const store = new ResultStore();
    expect(ids(await scanVirtual(files, options(store)))).toEqual(['cors-any-origin-with-credentials server/cors.js low']);
    // The uploads folder served, a cookie read, and the controller answering with what the service returns: each file's
    // rule depends on another file's text through a project-wide answer.
    files['server/app.js'] = "const express = require('express');\nconst app = express();\napp.use('/files', express.static('uploads'));\napp.get('/me', (req, res) => res.json({ session: req.cookies.sid }));\nmodule.exports = app;\n";
    files['src/auth.controller.ts'] = files['src/auth.controller.ts'].replace('await this.auth.forgotPassword(body.email);\n    return { ok: true };', 'return this.auth.forgotPassword(body.email);');
    expect(ids(await rescan(files, store))).toEqual(['cors-any-origin-with-credentials server/cors.js high', 'one-time-code-in-response src/auth.service.ts critical', 'upload-served-with-client-extension server/upload.js high']);
    // A filter in another file may be the storage's: the finding goes.
    files['server/routes.js'] = "const multer = require('multer');\nconst { storage } = require('./upload');\nmodule.exports = multer({ storage, fileFilter: require('./imageFilter') });\n";
    expect(ids(await rescan(files, store))).toEqual(['cors-any-origin-with-credentials server/cors.js high', 'one-time-code-in-response src/auth.service.ts critical']);
  });

  it("redoes a server component's props and a Fastify cookie when another file changes what they depend on", async () => {
    const files: Record<string, string> = {
      'package.json': JSON.stringify({ name: 'web', dependencies: { next: '^14.2.0', react: '^18.3.0', fastify: '^4.28.0', '@fastify/cookie': '^9.4.0' } }),
      'app/chat/page.tsx': "import Chat from './Chat';\nexport default function Page() {\n  return <Chat apiKey={process.env.OPENAI_API_KEY} />;\n}\n",
      'app/chat/Chat.tsx': "export default function Chat({ apiKey }: { apiKey: string }) { return <div>{apiKey.length}</div>; }\n",
      'server/auth.js': "module.exports = async (req, reply) => {\n  reply.setCookie('token', await sign(req.user), { path: '/' });\n};\n",
    };
    const ids = (r: ScanResult) => r.findings.map((f) => `${f.ruleId} ${f.file}`).filter((k) => /^(?:secret-in-response|auth-cookie)/.test(k)).sort();
    const store = new ResultStore();
    expect(ids(await scanVirtual(files, options(store)))).toEqual(['auth-cookie-without-httponly server/auth.js']);
    // The component becomes a client component (its props are then written into the page), and the cookie plugin is
    // registered HttpOnly by default, each in a file other than the one whose finding changes.
    files['app/chat/Chat.tsx'] = `'use client';\n${files['app/chat/Chat.tsx']}`;
    files['server/app.js'] = "const fastify = require('fastify')();\nfastify.register(require('@fastify/cookie'), { parseOptions: { httpOnly: true, secure: true } });\nmodule.exports = fastify;\n";
    expect(ids(await rescan(files, store))).toEqual(['secret-in-response app/chat/page.tsx']);
  });

  it('reruns Firestore rules when a Cloud Function starts, then stops, keeping credits in the documents they let owners write', async () => {
    const files: Record<string, string> = {
      'firestore.rules': "rules_version = '2';\nservice cloud.firestore {\n  match /databases/{database}/documents {\n    match /users/{uid} {\n      allow read, update: if request.auth.uid == uid;\n    }\n  }\n}\n",
      'functions/index.js': "const admin = require('firebase-admin');\nexports.hello = () => admin.firestore().collection('users').doc('a').update({ displayName: 'x' });\n",
    };
    const ids = (r: ScanResult) => r.findings.map((f) => `${f.ruleId} ${f.file}`).filter((k) => k.startsWith('firebase-rules-privileged')).sort();
    const store = new ResultStore();
    expect(ids(await scanVirtual(files, options(store)))).toEqual([]);
    files['functions/index.js'] = "const admin = require('firebase-admin');\nexports.hello = () => admin.firestore().collection('users').doc('a').update({ displayName: 'x', credits: 5 });\n";
    expect(ids(await rescan(files, store))).toEqual(['firebase-rules-privileged-field-self-update firestore.rules']);
    files['functions/index.js'] = "const admin = require('firebase-admin');\nexports.hello = () => admin.firestore().collection('users').doc('a').update({ displayName: 'y' });\n";
    expect(ids(await rescan(files, store))).toEqual([]);
  });

  it("reruns a project rule that reads only a package's dependencies when the manifest changes them", async () => {
    // lockfile-missing alone: no other rule reads the manifest's text or JSON, which would log it anyway.
    const config = defaultConfig();
    for (const { meta } of catalogue()) if (meta.id !== 'lockfile-missing') config.rules[meta.id] = { enabled: false };
    const files: Record<string, string> = { 'package.json': JSON.stringify({ name: 'api', private: true }), 'server/index.js': 'export const port = 3000;\n' };
    const scan = (results?: ResultStore) => scanVirtual(files, { config, offline: true, results });
    const store = new ResultStore();
    expect((await scan(store)).findings).toEqual([]);
    // A server library that is no framework vibeaudit knows: no file's role or reason changes.
    files['package.json'] = JSON.stringify({ name: 'api', private: true, dependencies: { restify: '^11.1.0' } });
    const after = await scan(store);
    expect(after.findings.map((f) => f.ruleId)).toEqual(['lockfile-missing']);
    expect(after.findings).toEqual((await scan()).findings);
  });

  it('redoes a bundle whose secret an env file names when env files change, and keeps the source files', async () => {
    const key = fakeToken('sk_live_', 32, 'b62', 'warm-scan-env');
    const files: Record<string, string> = {
      'package.json': JSON.stringify({ dependencies: { react: '^18.0.0', vite: '^5.0.0' } }),
      '.env': `STRIPE_KEY=${key}\n`,
      '.env.example': 'STRIPE_KEY=\n',
      'src/main.tsx': 'export const main = 1;\n',
      'dist/assets/index-4f2a.js': `var e="${key}";console.log(e);\n`,
    };
    const store = new ResultStore();
    const before = await scanVirtual(files, options(store));
    expect(findingsIn(before, 'dist/assets/index-4f2a.js').join('\n')).toContain('`STRIPE_KEY` in `.env`');

    files['.env.example'] = 'STRIPE_KEY=\nSENTRY_DSN=\n';
    // Only the template: the bundle found its value in `.env` before it read the template.
    await rescan(files, store, 1);

    files['.env'] = 'STRIPE_KEY=\n';
    const after = await rescan(files, store, 2);
    expect(findingsIn(after, 'dist/assets/index-4f2a.js').join('\n')).not.toContain('STRIPE_KEY');
    // `.env` and the bundle, which read it; not the source file.
  });

  it('reanalyses only a lockfile when it changes, and reruns the project rules that read it', async () => {
    const lock = (names: string[]) =>
      JSON.stringify({ name: 'app', lockfileVersion: 1, requires: true, dependencies: Object.fromEntries(names.map((n) => [n, { version: '1.0.0', integrity: `sha512-${'A'.repeat(86)}==` }])) }, null, 2);
    const files: Record<string, string> = {
      'package.json': JSON.stringify({ name: 'app', private: true, dependencies: { express: '^4.19.0', lodash: '^4.17.21' } }),
      'package-lock.json': lock(['express']),
      'server/app.js': "import express from 'express';\nexport const app = express();\n",
    };
    const missing = (r: ScanResult) => r.findings.some((f) => f.ruleId === 'dependency-not-in-lockfile' && f.message.includes('lodash'));
    const store = new ResultStore();
    expect(missing(await scanVirtual(files, options(store)))).toBe(true);
    files['package-lock.json'] = lock(['express', 'lodash']);
    const after = await rescan(files, store, 1);
    expect(missing(after)).toBe(false);
  });

  it('keeps every other file when a dependency no rule asks about is added, and redoes those that asked about one that changed', async () => {
    const files: Record<string, string> = {
      'package.json': JSON.stringify({ name: 'api', dependencies: { express: '^4.19.0', jsonwebtoken: '^9.0.2' } }),
      'server/auth.js': "import jwt from 'jsonwebtoken';\nexport const check = (token) => jwt.verify(token, process.env.JWT_PUBLIC_KEY);\n",
      'server/app.js': "import express from 'express';\nexport const app = express();\n",
      'server/util.js': 'export const total = (xs) => xs.reduce((a, b) => a + b, 0);\n',
    };
    const unpinned = (r: ScanResult) => findingsIn(r, 'server/auth.js').some((f) => f.startsWith('jwt-verify-weak:'));
    const store = new ResultStore();
    expect(unpinned(await scanVirtual(files, options(store)))).toBe(false);

    files['package.json'] = JSON.stringify({ name: 'api', dependencies: { express: '^4.19.0', jsonwebtoken: '^9.0.2', 'left-pad': '^1.3.0' } });
    await rescan(files, store, 1);

    // jsonwebtoken 8 lets a public key verify an HMAC token: the file that verifies with one is analysed again.
    files['package.json'] = JSON.stringify({ name: 'api', dependencies: { express: '^4.19.0', jsonwebtoken: '^8.5.1', 'left-pad': '^1.3.0' } });
    const downgraded = await rescan(files, store, 2);
    expect(unpinned(downgraded)).toBe(true);
  });

  it('redoes the files whose rules asked about a framework, a dependency scope or public env prefixes a manifest edit changes', async () => {
    const deps: Record<string, string> = { express: '^4.19.0', react: '^18.3.1', vite: '^5.4.0' };
    const files: Record<string, string> = {
      'package.json': JSON.stringify({ name: 'app', dependencies: deps }),
      'server/index.js': "const { ParseServer } = require('parse-server');\nexport const api = new ParseServer({\n  appId: process.env.APP_ID,\n  allowClientClassCreation: true,\n});\n",
      'src/pages/Pay.tsx': "export async function pay(supabase, id: string) {\n  const key = import.meta.env.PUBLIC_STRIPE_SECRET_KEY;\n  await supabase.from('invoices').update({ amount_cents: 0 }).eq('id', id);\n  return key;\n}\n",
      'supabase/migrations/20240101000000_init.sql': [
        'create table public.invoices (id uuid primary key, owner_id uuid not null references auth.users (id), amount_cents int not null);',
        'alter table public.invoices enable row level security;',
        'create policy "signed in update" on public.invoices for update using (auth.role() = \'authenticated\');',
        '',
      ].join('\n'),
    };
    const flagged = (r: ScanResult, path: string, rule: string) => findingsIn(r, path).some((f) => f.startsWith(`${rule}:`));
    const store = new ResultStore();
    const before = await scanVirtual(files, options(store));
    expect(flagged(before, 'server/index.js', 'parse-server-insecure-options')).toBe(false);
    expect(flagged(before, 'src/pages/Pay.tsx', 'client-query-allowed-by-policy')).toBe(false);
    expect(flagged(before, 'src/pages/Pay.tsx', 'secret-in-public-env')).toBe(false);

    // One change at a time, none of which changes a framework or role of the package the two files are in: a
    // Supabase package that is not the client (in the scope the policy rule asks about), Astro in a package
    // below (its bundler inlines `PUBLIC_` variables), then Parse Server (a framework a rule applies to).
    const steps: [string, () => void, string, string, number | undefined][] = [
      ['@supabase/postgrest-js', () => (deps['@supabase/postgrest-js'] = '^1.15.0'), 'src/pages/Pay.tsx', 'client-query-allowed-by-policy', 2],
      ['astro below', () => (files['apps/site/package.json'] = JSON.stringify({ name: 'site', dependencies: { astro: '^4.0.0' } })), 'src/pages/Pay.tsx', 'secret-in-public-env', 2],
      // A framework a rule applies to: the manifest and the file in which the rule's trigger occurs.
      ['parse-server', () => (deps['parse-server'] = '^7.3.0'), 'server/index.js', 'parse-server-insecure-options', 2],
    ];
    for (const [name, change, path, rule, redone] of steps) {
      change();
      files['package.json'] = JSON.stringify({ name: 'app', dependencies: deps });
      // The manifest that changed and the file whose rule asked; the others are kept.
      const after = await rescan(files, store, redone);
      expect(flagged(after, path, rule), name).toBe(true);
    }
  });

  it('redoes only the files whose rules or routes asked about a framework a manifest enables', async () => {
    const deps: Record<string, string> = { react: '^18.0.0', vite: '^5.0.0' };
    const files: Record<string, string> = {
      'package.json': JSON.stringify({ dependencies: deps }),
      'src/app.jsx': "export function App({ html }) {\n  return <div dangerouslySetInnerHTML={{ __html: new URLSearchParams(location.search).get('q') }} />;\n}\n",
      'server/cloud.js': "Parse.Cloud.define('wipe', async (request) => {\n  const q = new Parse.Query('Note');\n  q.equalTo('owner', request.params.owner);\n  return q.find({ useMasterKey: true });\n});\n",
      'server/util.js': 'export const total = (xs) => xs.reduce((a, b) => a + b, 0);\n',
      'dashboard.config.js': "const ParseDashboard = require('parse-dashboard');\nmodule.exports = new ParseDashboard({ apps: [{ appId: 'app', serverURL: '/parse' }], users: [{ user: 'admin', pass: 'admin' }] }, { allowInsecureHTTP: true });\n",
    };
    const flagged = (r: ScanResult, path = 'dashboard.config.js') => findingsIn(r, path).some((f) => f.startsWith('parse-'));
    const store = new ResultStore();
    const cold = await scanVirtual(files, options(store));
    expect(flagged(cold)).toBe(false);
    // Cloud Code is read in any package (hosts provide Parse as a global).
    expect(flagged(cold, 'server/cloud.js')).toBe(true);
    // Firebase is a framework no rule here asks about: only the manifest.
    deps.firebase = '^10.0.0';
    files['package.json'] = JSON.stringify({ dependencies: deps });
    await rescan(files, store, 1);
    // Parse Server: the manifest, the dashboard config (a Parse rule's trigger occurs in it) and the server files,
    // now classified as run by Parse Server (findings quote why a file runs where it does). Not the browser file,
    // in which no trigger of the Parse rules that apply to it occurs.
    deps['parse-server'] = '^7.3.0';
    files['package.json'] = JSON.stringify({ dependencies: deps });
    const parse = await rescan(files, store, 4);
    expect(flagged(parse)).toBe(true);
    expect(flagged(parse, 'server/cloud.js')).toBe(true);
    // Next.js also changes how files are classified; whatever it redoes, the report is a cold scan's.
    deps.next = '^14.0.0';
    files['package.json'] = JSON.stringify({ dependencies: deps });
    await rescan(files, store);
  });

  // Random edits to the fixture apps: whatever changes, a rescan reports exactly what a cold scan of the same
  // files reports. Seeded, so a failure replays.
  for (const app of ['lovable-supabase', 'bolt-express-mongo', 'nextjs-app', 'parse-server']) {
    it(`matches a cold scan after each of a series of random edits to ${app}`, async () => {
      const files = filesOf(join(FIXTURES, app));
      const random = seeded(app.length * 7919);
      const store = new ResultStore();
      await scanVirtual(files, options(store));
      for (let step = 0; step < 25; step++) {
        const edit = randomEdit(files, random);
        const warm = await scanVirtual(files, options(store));
        const fresh = new ResultStore();
        expect(shown(warm), `after step ${step}: ${edit}`).toEqual(shown(await scanVirtual(files, options(fresh))));
        // Kept records are what analysing their file now would give: its route facts, flows and import targets.
        expect(derivedOf(store), `after step ${step}: ${edit}`).toEqual(derivedOf(fresh));
      }
    });
  }
});
