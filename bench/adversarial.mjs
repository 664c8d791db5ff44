// Hostile and generated inputs, each scanned in a process of its own: wall time, peak RSS and findings, or how the
// process ended when it did not finish. The torture tests (test/robustness) prove each shape yields findings or a
// notification; this measures what each costs, so that a change that makes one of them super-linear shows here.
// Usage: npm run build && node bench/adversarial.mjs [--timeout 120] [--only name,name]
// Targets (printed, not asserted): every case within 60 s and 1.5 GB.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : args[i + 1];
};
const timeoutSeconds = Number(opt('timeout', '120'));
const only = opt('only', '')?.split(',').filter(Boolean) ?? [];
const here = import.meta.dirname;
const TARGET_SECONDS = 60;
const TARGET_MB = 1536;

const EXPRESS = JSON.stringify({ name: 'hostile', dependencies: { express: '4.19.2', next: '14.2.0', pg: '8.11.0' } });
const range = (n, f) => Array.from({ length: n }, (_, i) => f(i));
const deep = (open, close, n, inner = '') => `${open.repeat(n)}${inner}${close.repeat(n)}`;
const rules = (condition) => `rules_version = '2';\nservice cloud.firestore {\n  match /databases/{db}/documents {\n    match /a/{b} { allow read: if ${condition}; }\n  }\n}\n`;

/** Each case: the files of one project. */
const CASES = {
  // Data flow: helpers calling each other many ways (one file, and layered across 1,500 files).
  'fan-out helpers, one file': () => ({ 'server/app.js': `import express from 'express'; const app = express();\n${range(1000, (i) => `function g${i}(x){ ${range(5, (j) => `g${(i * 7 + j * 13) % 1000}(x.y${j});`).join(' ')} return db.query('select ' + x); }`).join('\n')}\napp.post('/y', (req,res)=>g0(req.body));\n` }),
  'fan-out helpers, 1,500 files': () => ({
    ...Object.fromEntries(range(1500, (i) => {
      const calls = range(5, (j) => (i * 5 + j + 1) % 1500);
      return [`server/m${i}.ts`, `${calls.map((c) => `import { f${c} } from './m${c}';`).join('\n')}\nimport { pool } from './db';\nexport function f${i}(v: string) { ${calls.map((c) => `f${c}(v);`).join(' ')} return pool.query('SELECT ' + v); }\n`];
    })),
    'server/app.ts': `import express from 'express';\nimport { f0 } from './m0';\nconst app = express();\napp.post('/x', (req, res) => res.json(f0(req.body.q)));\n`,
  }),
  // Data flow: helpers each passing on what the one before returns, the one reading the page URL reached last, so that
  // every other is skipped first and analysed after, one after the other.
  'page URL passed along 2,000 helpers': () => ({
    ...Object.fromEntries(range(2000, (i) => [`src/l${String(2000 - i).padStart(4, '0')}.ts`, i === 0 ? `export function v0() { return new URLSearchParams(location.search).get('q') ?? ''; }\n` : `import { v${i - 1} } from './l${String(2001 - i).padStart(4, '0')}';\nexport function v${i}() { return v${i - 1}().trim(); }\n`])),
    'src/a-show.ts': `import { v1999 } from './l0001';\nexport function show(el: HTMLElement) { el.innerHTML = v1999(); }\n`,
  }),
  'handler of 15,000 statements': () => ({ 'server/app.js': `import express from 'express'; const app = express();\napp.get('/z', (req,res)=>{ let s = req.query.q;\n${range(15000, (i) => `  s = s + '${i}'; if (s.length > ${i}) { s = s.trim(); } else { s = s + req.body.k${i % 10}; }`).join('\n')}\n  db.query(s); res.send(s); });\n` }),
  // Routes: thousands of registrations in one app, and a chain of routers across files.
  '5,000 middleware and 5,000 routes': () => ({ 'server/app.js': `const express = require('express'); const app = express();\n${range(5000, (i) => `app.use((req, res, next) => { if (req.headers.x${i}) return res.status(401).end(); next(); });\napp.get('/p${i}/:id', async (req, res) => res.json(await db.item.findUnique({ where: { id: req.params.id } })));`).join('\n')}\n` }),
  'routers mounted 1,500 deep': () => ({
    ...Object.fromEntries(range(1500, (i) => [`server/r${i}.js`, `const { Router } = require('express');\nconst next = require('./r${(i + 1) % 1500}');\nconst r = Router();\nr.use('/s${i}', next);\nr.get('/x${i}', (req, res) => res.send(req.query.a));\nmodule.exports = r;\n`])),
    'server/app.js': `const express = require('express');\nconst app = express();\napp.use('/api', require('./r0'));\n`,
  }),
  // Parsers: big files near the size limit.
  '30,000 functions': () => ({ 'server/f.js': `${range(30000, (i) => `function g${i}(a){return a+${i}}`).join('\n')}\nmodule.exports = { g0 };\n` }),
  '100,000 properties': () => ({ 'src/data.js': `export const data = {\n${range(100000, (i) => `  k${i}: 'v${i}',`).join('\n')}\n};\n` }),
  'SQL migration of 1.9 MB': () => ({ 'supabase/migrations/001_a.sql': range(9000, (i) => `create table t${i} (id uuid primary key, owner uuid references auth.users); alter table t${i} enable row level security; create policy p${i} on t${i} for select using (auth.uid() = owner);`).join('\n') }),
  'DO blocks built too deep and too wide': () => ({
    'supabase/migrations/001_a.sql': `create table t (id int);\ndo $$ begin execute ${'quote_ident('.repeat(20000)}'t'${')'.repeat(20000)}; end $$;\ndo $$ declare n text; begin foreach n in array array[${range(20000, (i) => `'t${i}'`).join(',')}] loop execute format('create table %I (id int)', n); end loop; end $$;\n`,
  }),
  // Regular expressions in the scanned code.
  'regex: 300 nested groups': () => ({ 'src/r.js': `export const s = /${deep('(a|', ')*', 300, 'b')}/;\n` }),
  'regex: 150 repeated groups': () => ({ 'src/r.js': `export const r = /${range(150, (i) => `(x${i}+|y*)+`).join('')}$/;\n` }),
  'regex: 5,000 literals': () => ({ 'src/r.js': range(5000, (i) => `export const r${i} = /^(a+|b${i})*(c|d+)+$/;`).join('\n') }),
  // Patterns the scanned repository gives vibeaudit to run.
  'workspace glob built to backtrack': () => ({ 'package.json': JSON.stringify({ name: 'hostile', private: true, workspaces: [`${'*a'.repeat(12)}*b`] }), [`${'a'.repeat(60)}/package.json`]: '{"name":"member","dependencies":{"lodash":"latest"}}' }),
  'middleware matcher built to backtrack': () => ({ 'middleware.ts': "export default function middleware() {}\nexport const config = { matcher: ['/api/((a+)+)$'] };\n", [`app/api/${'a'.repeat(60)}!/route.ts`]: 'export async function GET(req: Request) { return Response.json(await db.user.findMany()); }\n' }),
  'names with regular expression syntax': () => ({ 'supabase/migrations/001_a.sql': `create table public."${'(a+)+'.repeat(5)}" (id uuid primary key references auth.users, role text);\ncreate policy p on public."${'(a+)+'.repeat(5)}" for update using (auth.uid() = id);\n`, '.github/workflows/ci.yml': `on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    env:\n      "${'(a+)+'.repeat(5)}": \${{ secrets.T }}\n    steps:\n      - run: echo "${'a'.repeat(60)}!"\n` }),
  // Data files nested far deeper than any configuration.
  'YAML 20,000 deep (flow and block)': () => ({ '.github/workflows/ci.yml': deep('[', ']', 20000), 'render.yaml': `${'- '.repeat(5000)}x` }),
  'YAML alias bomb': () => ({ '.github/workflows/ci.yml': `a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n${range(7, (i) => `${'bcdefgh'[i]}: &${'bcdefgh'[i]} [${range(9, () => `*${'abcdefg'[i]}`).join(',')}]`).join('\n')}\njobs:\n  x: *h\n` }),
  'JSON and rules 20,000 deep': () => ({ 'database.rules.json': `{"rules": ${deep('{"a": ', '}', 20000, 'true')}}`, 'firestore.rules': rules(deep('(', ')', 20000, 'true')), 'dataconnect/q.gql': `query Q @auth(level: PUBLIC) { ${deep('a { ', ' }', 20000, 'b')} }\n` }),
  'rules condition of 20,000 terms': () => ({ 'firestore.rules': rules(`${'resource.data.x == 1 || '.repeat(20000)}true`) }),
  // Discovery: a generated .gitignore, each of whose patterns every path is tested against.
  '.gitignore of 50,000 patterns, 2,000 files': () => ({ '.gitignore': range(50000, (i) => `build${i}/**/*.tmp${i}`).join('\n'), ...Object.fromEntries(range(2000, (i) => [`src/a/b/c/f${i}.js`, `export const x${i} = 1;\n`])) }),
  // Secrets: text rules over big, repetitive text.
  '2 MB minified bundle of key-like text': () => ({ 'src/b.js': 'sk_live_'.repeat(1_900_000 / 8) }),
  '100,000-line .env': () => ({ '.env': range(100000, (i) => `KEY_${i}=value${i}`).join('\n') }),
  'TOML of 30,000 secret-named pairs on one line': () => ({ 'wrangler.toml': `vars = { ${range(30000, (i) => `SECRET_${i} = "Qz${((i * 2654435761) >>> 0).toString(36)}Xk${((i * 40503) >>> 0).toString(16)}mP7w"`).join(', ')} }\n` }),
  // Entry points: a GraphQL resolver map of 20,000 fields, and sign-up schemas with as many role keys.
  // A schema file of type heads whose bodies never open, then one that never closes, and 20,000 fields with secrets.
  'GraphQL schema: 100,000 heads without bodies, 20,000 secret fields': () => ({
    'src/heads.graphql': `${range(100000, (i) => `type T${i} implements`).join('\n')}\ntype Open {\n  password: String\n`,
    'src/fields.graphql': `type User {\n${range(20000, (i) => `  password${i}: String\n  token: String`).join('\n')}\n}\n`,
  }),
  'GraphQL resolver map of 20,000 fields': () => ({
    'package.json': JSON.stringify({ name: 'hostile', dependencies: { '@apollo/server': '4.11.2', pg: '8.11.0' } }),
    'server/resolvers.js': `module.exports = { Query: { ${range(20000, (i) => `f${i}: (_, a, c) => c.db.query('SELECT ' + a.x${i})`).join(', ')} }, Mutation: { ${range(20000, (i) => `m${i}: h${i}`).join(', ')} } };\n`,
    'server/schemas.ts': range(5000, (i) => `export const registerSchema${i} = z.object({ role: z.enum(['user', 'admin']), body: z.object({ isAdmin: z.boolean() }) });`).join('\n'),
  }),
  // 5,000 checks in one handler that send an error without returning (each used to read the rest of the body: 45 s).
  'checks without return: 5,000 in one handler': () => ({
    'server/h.js': `exports.h = async (req, res, next) => {\n${range(5000, (i) => `  if (!req.body.f${i}) res.status(400).json({ e: ${i} });\n  const user${i} = await load(req.body.f${i});`).join('\n')}\n  next();\n};\n`,
  }),
  // Password checks: definitions that never close (the patterns read up to a brace), and 5,000 unawaited checks in
  // one function (each used to walk the whole function: 50 s).
  'password checks: 20,000 open definitions, 5,000 unawaited calls': () => ({
    'server/models/user.js': `// password\n${'comparePassword = function ('.repeat(20000)}\n${'verifyPassword() :'}${' '.repeat(200000)}\n`,
    'server/routes/auth.js': `const bcrypt = require('bcrypt');\nexports.login = async (req, res) => {\n${range(5000, (i) => `  const ok${i} = bcrypt.compare(req.body.password, u.hash);\n  if (!ok${i}) return res.status(401).end();`).join('\n')}\n};\n`,
  }),
  // Header checks against 5,000 keys kept in constants of the file (each used to read the whole file again).
  'shared-secret checks: 5,000 constants, 5,000 header comparisons': () => ({
    'server/index.js': `const express = require('express');\nconst app = express();\n${range(5000, (i) => `const KEY_${i} = process.env.KEY_${i};`).join('\n')}\napp.post('/keys', async (req, res) => {\n${range(5000, (i) => `  if (req.headers['x-key-${i}'] !== KEY_${i}) return res.status(401).end();`).join('\n')}\n  res.json(await db.query('DELETE FROM keys'));\n});\napp.listen(3000);\n`,
  }),
  // Cookie reads: 5,000 in one handler, each kept in a variable of the same name that every later line reads.
  'cookie reads: 5,000 kept in one variable name, read 5,000 times': () => ({
    'server/routes/me.js': `exports.me = async (req, res) => {\n${range(5000, (i) => `  var userId = req.cookies.userId;\n  if (!userId) return res.status(401).end();\n  await log(userId, ${i});`).join('\n')}\n  res.end();\n};\n`,
  }),
  // Responses: 5,000 in one handler, each sending locals of the same names as environment secrets and caught errors.
  'responses: 5,000 in one handler, beside 5,000 locals and catches': () => ({
    'server/routes/config.js': `const app = require('express')();\napp.get('/config', async (req, res) => {\n${range(5000, (i) => `  const key${i} = process.env.KEY_${i};\n  try { await work(${i}); } catch (err) { res.status(500).json({ data, ${i % 2 ? 'err' : 'detail: err.stack'} }); }\n  res.json({ value: data${i}, key: key${i}.length });`).join('\n')}\n});\n`,
  }),
  // Cookies: 5,000 set in one handler, with options kept in as many local objects spread into each other.
  'cookies: 5,000 set with options spread from 5,000 local objects': () => ({
    'server/routes/login.js': `module.exports = (req, res, token) => {\n  const o0 = { path: '/' };\n${range(5000, (i) => `  const o${i + 1} = { ...o${i}, maxAge: ${i} };\n  res.cookie('token', token, o${i + 1});`).join('\n')}\n};\n`,
  }),
};

function write(root, files) {
  if (!files['package.json']) writeFileSync(join(root, 'package.json'), EXPRESS);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

const rows = [];
for (const [name, make] of Object.entries(CASES)) {
  if (only.length && !only.some((o) => name.includes(o))) continue;
  const root = mkdtempSync(join(tmpdir(), 'vibeaudit-adversarial-'));
  try {
    write(root, make());
    const run = spawnSync(process.execPath, [join(here, 'measure.mjs'), 'scan', root], { encoding: 'utf8', timeout: timeoutSeconds * 1000, maxBuffer: 1 << 26 });
    const line = run.stdout?.trim().split('\n').pop();
    const ok = run.status === 0 && line?.startsWith('{');
    const m = ok ? JSON.parse(line) : undefined;
    const status = ok ? (m.seconds <= TARGET_SECONDS && m.rssMb <= TARGET_MB ? 'OK' : 'ABOVE TARGET') : run.error?.code === 'ETIMEDOUT' ? `DID NOT END in ${timeoutSeconds} s` : `ENDED: ${run.signal ?? `exit ${run.status}`}`;
    rows.push([name, m ? `${m.seconds.toFixed(2)} s` : '-', m ? `${Math.round(m.rssMb)} MB` : '-', m ? String(m.findings) : '-', status]);
    console.error(`${name}: ${status}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const widths = [0, 1, 2, 3, 4].map((i) => Math.max(...[['case', 'wall', 'peak RSS', 'findings', ''], ...rows].map((r) => r[i].length)));
for (const r of [['case', 'wall', 'peak RSS', 'findings', ''], ...rows]) console.log(r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd());
console.log(`\ntargets: each case within ${TARGET_SECONDS} s and ${TARGET_MB} MB, and none ending early`);
if (rows.some((r) => r[4] !== 'OK')) process.exitCode = 1;
