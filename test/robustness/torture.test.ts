import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/types.js';
import { scanDirectory } from '../../src/engine/scan.js';
import { fakeToken } from '../../src/rules/secrets/fake.js';
import { BIN } from '../helpers/run-cli.js';
import { tempProject } from '../helpers/temp-project.js';
import { bugs, findingsIn, noticesFor, randomBytes, scanDir } from './helpers.js';

const key = (seed: string) => fakeToken('sk_' + 'live_', 99, 'b62', `torture-${seed}`);
const secretLine = (seed: string) => `export const stripeKey = '${key(seed)}';`;
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

const EXPRESS_APP = [
  secretLine('truncated'),
  "import express from 'express';",
  "import { db } from './db';",
  'const app = express();',
  "app.get('/users', async (req, res) => {",
  '  const rows = await db.query(`SELECT * FROM users WHERE name = ${req.query.name}`);',
  '  res.json(rows);',
  '});',
  'app.listen(3000);',
  '',
].join('\n');

describe('torture inputs: every file yields findings or a notification, never a crash', () => {
  it('reads random bytes with source extensions as broken text or binary, and says which', async () => {
    const extensions = ['ts', 'tsx', 'js', 'mjs', 'json', 'yaml', 'sql', 'env', 'rules'];
    const files: Record<string, Uint8Array> = {};
    extensions.forEach((ext, i) => {
      files[`text/rand-${i}.${ext}`] = randomBytes(1000 + i, 4096, true);
      files[`bin/rand-${i}.${ext}`] = randomBytes(2000 + i, 4096);
    });
    const result = await scanDir(tempProject(files));
    expect(bugs(result)).toEqual([]);
    const listed = result.files.map((f) => f.path);
    for (const path of Object.keys(files).filter((p) => p.startsWith('text/'))) expect(listed).toContain(path);
    for (const ext of ['ts', 'tsx', 'js', 'mjs', 'json']) {
      const path = `text/rand-${extensions.indexOf(ext)}.${ext}`;
      expect(noticesFor(result, path), path).toContain('parse-error');
    }
    // Bytes with NULs are binary: counted, and named when the extension promised source.
    expect(result.stats.skippedBinary).toBe(extensions.length);
    const binaryNotes = result.notifications.filter((n) => n.file?.startsWith('bin/')).map((n) => n.file);
    expect(binaryNotes.sort()).toEqual(Object.keys(files).filter((p) => p.startsWith('bin/') && !p.endsWith('.rules')).sort());
  });

  it('reports parse errors at the break in truncated files and still finds the secret above it', async () => {
    // Cut inside the route, inside the template literal and in the closing line: each leaves a broken file.
    const cuts = ['async (req', '${req.query', '});'].map((marker) => EXPRESS_APP.indexOf(marker) + 1);
    const files = Object.fromEntries(cuts.map((cut, i) => [`src/cut-${i}.ts`, EXPRESS_APP.slice(0, cut)]));
    const result = await scanDir(tempProject({ 'package.json': '{"dependencies":{"express":"4.19.2"}}', ...files }));
    expect(bugs(result)).toEqual([]);
    cuts.forEach((_, i) => {
      const path = `src/cut-${i}.ts`;
      expect(findingsIn(result, path), path).toContain('1 hardcoded-secret');
      const parse = result.notifications.find((n) => n.file === path && n.kind === 'parse-error');
      expect(parse?.line ?? 0, path).toBeGreaterThan(1);
    });
  });

  it('reads a Firebase rules file with a stray closing brace to the end instead of looping on it', async () => {
    const rules = "}\nrules_version = '2';\nservice cloud.firestore {\n  match /databases/{db}/documents {\n    match /{doc=**} {\n      allow read, write: if true;\n    }\n  }\n}\n";
    const result = await scanDir(tempProject({ 'firestore.rules': rules }));
    expect(result.notifications).toEqual([expect.objectContaining({ kind: 'parse-error', file: 'firestore.rules', line: 1 })]);
    expect(findingsIn(result, 'firestore.rules')).toContain('6 firebase-rules-open');
  });

  it('scans a 5 MB minified bundle as text, with a short snippet', async () => {
    const chunk = 'var a=function(b){return b&&b.c?b.c(1):void 0};';
    const half = chunk.repeat(Math.ceil((2.5 * 1024 * 1024) / chunk.length));
    const bundle = `${half}var k="${key('bundle')}";${half}`;
    const root = tempProject({ 'package.json': '{}', 'dist/assets/index-4f2a.js': bundle });
    const skipped = await scanDir(root);
    expect(skipped.notifications).toEqual([expect.objectContaining({ kind: 'skipped-file', file: 'dist/assets/index-4f2a.js' })]);

    const result = await scanDirectory(root, { config: { ...defaultConfig(), maxFileSize: 8 * 1024 * 1024 }, offline: true });
    expect(bugs(result)).toEqual([]);
    const found = result.findings.filter((f) => f.file === 'dist/assets/index-4f2a.js');
    expect(found.map((f) => f.range.startLine)).toEqual([1]);
    expect(found[0].range.startColumn).toBe(half.length + 'var k="'.length + 1);
    expect(found[0].snippet.length).toBeLessThan(400);
    expect(result.files.find((f) => f.path === 'dist/assets/index-4f2a.js')).toMatchObject({ role: 'build-output' });
  });

  it('finds the secret on line 99,990 of a 100,000-line file', async () => {
    const lines = Array.from({ length: 100_000 }, (_, i) => `f(${i % 10});`);
    lines[99_989] = secretLine('long');
    const result = await scanDir(tempProject({ 'src/generated.ts': `${lines.join('\n')}\n` }));
    expect(bugs(result)).toEqual([]);
    expect(result.notifications).toEqual([]);
    expect(findingsIn(result, 'src/generated.ts')).toEqual(['99990 hardcoded-secret']);
    expect(result.stats.parsed).toBe(1);
  });

  it('strips a UTF-8 BOM without moving columns, and decodes UTF-16 files instead of skipping them as binary', async () => {
    const text = `${secretLine('bom')}\nexport const x = 1;\n`;
    const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const utf16be = Buffer.from(utf16le);
    utf16be.swap16();
    const result = await scanDir(tempProject({ 'src/bom.ts': `\uFEFF${text}`, 'src/le.ts': utf16le, 'src/be.ts': utf16be, 'package.json': `\uFEFF{"name":"bom-app"}` }));
    expect(bugs(result)).toEqual([]);
    expect(result.notifications).toEqual([]);
    const at = (file: string) => result.findings.filter((f) => f.file === file).map((f) => `${f.range.startLine}:${f.range.startColumn} ${f.ruleId}`);
    const column = secretLine('bom').indexOf("'") + 2;
    expect(at('src/bom.ts')).toEqual([`1:${column} hardcoded-secret`]);
    expect(at('src/le.ts')).toEqual([`1:${column} hardcoded-secret`]);
    expect(at('src/be.ts')).toEqual([`1:${column} hardcoded-secret`]);
    expect(result.stats.skippedBinary).toBe(0);
  });

  it('counts CRLF lines like LF lines and keeps carriage returns out of snippets', async () => {
    const text = ['// header', '', secretLine('crlf'), 'export const y = 2;', ''].join('\r\n');
    const result = await scanDir(tempProject({ 'src/crlf.ts': text, 'src/cr-only.ts': text.replace(/\r\n/g, '\r') }));
    expect(bugs(result)).toEqual([]);
    expect(findingsIn(result, 'src/crlf.ts')).toEqual(['3 hardcoded-secret']);
    expect(findingsIn(result, 'src/cr-only.ts')).toEqual(['3 hardcoded-secret']);
    expect(result.findings.map((f) => f.snippet).filter((snippet) => snippet.includes('\r'))).toEqual([]);
    expect(noticesFor(result, 'src/crlf.ts')).toEqual([]);
  });

  it('treats an early NUL as binary (with a note) and a late NUL as text', async () => {
    const late = `${secretLine('late-nul')}\n${'// padding\n'.repeat(900)}const s = "\0";\n`;
    const result = await scanDir(tempProject({ 'src/early.ts': `const a = 1;\0\n${secretLine('early-nul')}\n`, 'src/late.ts': late }));
    expect(bugs(result)).toEqual([]);
    expect(noticesFor(result, 'src/early.ts')).toEqual(['skipped-file']);
    expect(findingsIn(result, 'src/late.ts')).toEqual(['1 hardcoded-secret']);
  });

  it('never follows symlinks out of the root or round in a loop, and names each one it skips', async () => {
    const outside = tempProject({ 'secret.ts': secretLine('outside'), 'dir/inner.ts': secretLine('outside-dir') });
    const root = tempProject({ 'src/real.ts': secretLine('inside') });
    symlinkSync(join(outside, 'secret.ts'), join(root, 'src/leak.ts'));
    symlinkSync(outside, join(root, 'src/outside-dir'));
    symlinkSync('../..', join(root, 'src/up'));
    symlinkSync('.', join(root, 'src/self'));
    symlinkSync('b.ts', join(root, 'src/a.ts'));
    symlinkSync('a.ts', join(root, 'src/b.ts'));
    symlinkSync('real.ts', join(root, 'src/alias.ts'));
    const result = await scanDir(root);
    expect(bugs(result)).toEqual([]);
    expect(result.files.map((f) => f.path)).toEqual(['src/alias.ts', 'src/real.ts']);
    expect(result.findings.map((f) => f.file)).toEqual(['src/alias.ts', 'src/real.ts']);
    const notes = result.notifications.map((n) => `${n.file}: ${n.message}`);
    expect(notes).toEqual([
      'src/a.ts: Symbolic link that is broken or loops was not followed.',
      'src/b.ts: Symbolic link that is broken or loops was not followed.',
      'src/leak.ts: Symbolic link pointing outside the scanned folder was not followed.',
      'src/outside-dir: Symbolic link pointing outside the scanned folder was not followed.',
      'src/up: Symbolic link pointing outside the scanned folder was not followed.',
    ]);
    // A root given through a symlink is scanned as itself.
    const linkedRoot = join(mkdtempSync(join(tmpdir(), 'vibeaudit-test-')), 'linked');
    symlinkSync(root, linkedRoot);
    expect((await scanDir(linkedRoot)).findings.map((f) => f.file)).toEqual(['src/alias.ts', 'src/real.ts']);
  });

  it('skips named pipes and sockets instead of blocking on them', async () => {
    const root = tempProject({ 'src/real.ts': secretLine('pipe') });
    execFileSync('mkfifo', [join(root, 'src/pipe.ts')]);
    symlinkSync('pipe.ts', join(root, 'src/to-pipe.ts'));
    const result = await scanDir(root);
    expect(result.files.map((f) => f.path)).toEqual(['src/real.ts']);
    expect(findingsIn(result, 'src/real.ts')).toEqual(['1 hardcoded-secret']);
  });

  // chmod 000 does not stop root from reading, so the case cannot be produced when tests run as root.
  it.skipIf(isRoot)('reports unreadable files and folders as read errors and scans the rest', async () => {
    const root = tempProject({ 'src/locked.ts': secretLine('locked'), 'src/closed/inner.ts': secretLine('closed'), 'src/open.ts': secretLine('open') });
    chmodSync(join(root, 'src/locked.ts'), 0o000);
    chmodSync(join(root, 'src/closed'), 0o000);
    try {
      const result = await scanDir(root);
      expect(findingsIn(result, 'src/open.ts')).toEqual(['1 hardcoded-secret']);
      expect(result.notifications.map((n) => `${n.kind} ${n.file}`).sort()).toEqual(['read-error src/closed', 'read-error src/locked.ts']);
    } finally {
      chmodSync(join(root, 'src/closed'), 0o755);
    }
  });

  it('keeps file names with spaces, unicode and newlines exactly', async () => {
    const names = ['src/my file.ts', 'src/ünïcødé/名前.ts', 'src/new\nline.ts', 'src/tab\there.ts'];
    const result = await scanDir(tempProject(Object.fromEntries(names.map((n, i) => [n, secretLine(`name-${i}`)]))));
    expect(bugs(result)).toEqual([]);
    expect(result.findings.map((f) => f.file).sort()).toEqual([...names].sort());
  });

  it('stops the data flow of a file that runs past its time budget with a notification, and goes on with the rest', async () => {
    // A thousand helpers that each call five others: about a second of data flow, against a budget of 20 ms.
    const helpers = `import express from 'express';\nconst app = express();\n${Array.from({ length: 1000 }, (_, i) => `function g${i}(x) { ${Array.from({ length: 5 }, (_, j) => `g${(i * 7 + j * 13) % 1000}(x.y${j});`).join(' ')} return db.query('select ' + x); }`).join('\n')}\napp.post('/y', (req, res) => g0(req.body));\n`;
    const files = {
      'package.json': '{"name":"budget","dependencies":{"express":"4.19.2","pg":"8.11.0"}}',
      'server/helpers.js': helpers,
      'server/small.js': "import express from 'express';\nimport { pool } from './db';\nconst app = express();\napp.get('/u', async (req, res) => res.json(await pool.query('SELECT * FROM users WHERE id = ' + req.query.id)));\n",
    };
    const result = await scanDirectory(tempProject(files), { config: defaultConfig(), offline: true, dataflowBudgetMs: 20 });
    expect(bugs(result)).toEqual([]);
    expect(result.notifications.filter((n) => n.file === 'server/helpers.js')).toEqual([
      { level: 'warning', kind: 'skipped-file', message: 'Data-flow analysis of this file stopped after 0.02 s, so injection rules may miss flows through it', file: 'server/helpers.js' },
    ]);
    expect(findingsIn(result, 'server/small.js')).toContain('4 sql-injection');
    // With the default budget the same file is analysed to the end.
    const full = await scanDirectory(tempProject(files), { config: defaultConfig(), offline: true });
    expect(full.notifications.filter((n) => n.file === 'server/helpers.js')).toEqual([]);
    expect(findingsIn(full, 'server/helpers.js').filter((f) => f.endsWith('sql-injection')).length).toBeGreaterThan(100);
  });

  it('reads names holding regular expression syntax (quoted SQL tables, workflow variables) without a failure', async () => {
    const files = {
      'package.json': '{"name":"names","dependencies":{"@supabase/supabase-js":"2.45.0"}}',
      '.github/workflows/ci.yml': 'on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    env:\n      "TOKEN(": ${{ secrets.TOKEN }}\n      "A(a+)+$": ${{ secrets.B }}\n    steps:\n      - run: echo "$TOKEN( aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!"\n',
      'supabase/migrations/001_profiles.sql': [
        'create table public."prof(iles" (id uuid primary key references auth.users, role text);',
        'alter table public."prof(iles" enable row level security;',
        'create policy "own" on public."prof(iles" for update using (auth.uid() = id);',
        'create function public.stamp() returns trigger language plpgsql as $$ begin insert into public."prof(iles" (id) values (new.id); return new; end $$;',
        'create trigger stamp before update on public."prof(iles" for each row execute function public.stamp();',
      ].join('\n'),
    };
    const result = await scanDir(tempProject(files));
    expect(bugs(result)).toEqual([]);
    // The rules that built patterns from those names still ran: the role column of the oddly named table is open.
    expect(result.findings.map((f) => `${f.ruleId} ${f.file}:${f.range.startLine}`)).toContain('supabase-privileged-column-self-update supabase/migrations/001_profiles.sql:3');
  });

  it('reads odd and broken handlers at every framework\u2019s entry points without a failure', async () => {
    // Each shape in a package of its own, at the paths where the route readers of each framework look.
    const deps = { express: '4.19.2', next: '14.2.0', convex: '1.17.0', nuxt: '3.13.0', h3: '1.13.0', '@remix-run/node': '2.12.0', 'react-router': '7.0.0', astro: '4.16.0', '@sveltejs/kit': '2.7.0', 'parse-server': '7.3.0', 'firebase-functions': '6.0.0' };
    const shapes: Record<string, string> = {
      notFunctions: 'export const GET = 1; export const POST = null; export const loader = "x"; export const action = []; export const handler = {}; export const onRequest = undefined; export default undefined;',
      selfReference: 'const a = a; export const GET = GET; export const loader = () => loader(); export default defineEventHandler(defineEventHandler); export const q = query(query);',
      emptyBuilders: "import { query, mutation, httpAction } from './_generated/server';\nexport const a = query(); export const b = mutation({}); export const c = query({ handler: 1 }); export const d = httpAction(); export const e = mutation({ args: null, handler: async () => {} });",
      missingArguments: 'export default defineEventHandler(async (event) => { const b = await readBody(); const q = getQuery(event, event, event); return $fetch(getRouterParam()); });',
      destructured: 'export const { GET, POST } = handlers; export const [loader] = []; export default { ...x, fetch: (req) => req };',
      classes: 'export default class extends Base { static GET() {} async POST(req) { return req.body } }',
      recursion: 'export async function GET(req) { return GET(req) } export async function POST(request) { return await POST(await request.json()) }',
      longChain: `export async function GET(req) { return db${'.select()'.repeat(3000)}.where(req.query.id) }`,
      manyParameters: `export async function POST(${Array.from({ length: 3000 }, (_, i) => `p${i}`).join(', ')}) { return p0 }`,
      reexports: "export { x as default, y as GET, z as loader, w as action, q as query } from './nowhere'; export * from './nowhere';",
      nested: `export async function GET(req) { return ${'f(() =>'.repeat(300)}req.query${')'.repeat(300)} }`,
    };
    const paths = ['convex/tasks.ts', 'convex/http.ts', 'server/api/items/[id].delete.ts', 'server/middleware/auth.ts', 'server/utils/session.ts', 'app/routes/notes.$id.tsx', 'app/routes.ts', 'src/pages/api/items.ts', 'src/middleware.ts', 'src/hooks.server.ts', 'src/routes/items/+server.ts', 'src/routes/items/+page.server.ts', 'app/api/items/route.ts', 'pages/api/items.ts', 'supabase/functions/items/index.ts', 'functions/src/index.ts', 'routes/items.js', 'server.js', 'cloud/main.js', 'middleware.ts'];
    const files: Record<string, string> = {};
    for (const [name, code] of Object.entries(shapes)) {
      files[`${name}/package.json`] = JSON.stringify({ name, dependencies: deps });
      for (const path of paths) files[`${name}/${path}`] = `${secretLine(`${name}-${path}`)}\n${code}\n`;
    }
    const result = await scanDir(tempProject(files));
    expect(bugs(result)).toEqual([]);
    for (const name of Object.keys(shapes)) for (const path of paths) expect(findingsIn(result, `${name}/${path}`), `${name}/${path}`).toContain('1 hardcoded-secret');
  });
});

describe('regular expressions that backtrack', () => {
  it('end in the linear engine once the process is tuned for scans, as the CLI, the language server and the Action are', () => {
    // `/^(a+)+$/` on 40 letters and a `!` takes minutes in the backtracking engine.
    const script = `import { tuneV8ForScans } from ${JSON.stringify(pathToFileURL(join(dirname(BIN), '..', 'cli', 'v8-flags.js')).href)};\ntuneV8ForScans();\nconsole.log(/^(a+)+$/.test('a'.repeat(40) + '!'), new RegExp('^' + '[^/]*a'.repeat(12) + '[^/]*b$').test('a'.repeat(60)));\n`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
    expect(r.signal).toBeNull();
    expect(r.stdout.trim()).toBe('false false');
  });
});

describe('deep nesting', () => {
  it('refuses data files nested thousands deep with a notification, in a child process', () => {
    // Two deep YAML files together used to end the process: the stack ran out while V8 compiled a regular expression.
    const files: Record<string, string> = {
      'package.json': '{"name":"deep-data","dependencies":{"express":"4.19.2"}}',
      'src/app.ts': secretLine('deep-data'),
      '.github/workflows/ci.yml': `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
      'render.yaml': `${'- '.repeat(5_000)}x`,
      'database.rules.json': `{"rules": ${'{"a": '.repeat(20_000)}true${'}'.repeat(20_000)}}`,
      'firestore.rules': `rules_version = '2';\nservice cloud.firestore {\n  match /databases/{db}/documents {\n    match /a/{b} { allow read: if ${'('.repeat(20_000)}true${')'.repeat(20_000)}; }\n  }\n}\n`,
      'dataconnect/queries.gql': `query Q @auth(level: PUBLIC) { ${'a { '.repeat(20_000)}b${' }'.repeat(20_000)} }\n`,
    };
    const r = spawnCli(['scan', tempProject(files), '--format', 'json', '--offline']);
    expect(r.signal).toBeNull();
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const result = JSON.parse(r.stdout) as { findings: { file: string; ruleId: string }[]; notifications: { kind: string; file?: string; message: string }[] };
    expect(result.notifications.filter((n) => n.kind === 'rule-error')).toEqual([]);
    expect(result.findings.filter((f) => f.file === 'src/app.ts').map((f) => f.ruleId)).toContain('hardcoded-secret');
    for (const file of ['.github/workflows/ci.yml', 'render.yaml', 'database.rules.json', 'firestore.rules', 'dataconnect/queries.gql']) {
      expect(result.notifications.find((n) => n.file === file), file).toMatchObject({ kind: 'parse-error', message: expect.stringContaining('nested more than 256 levels') });
    }
  });

  it('still parses code nested a few hundred levels deep, as generated code can be', async () => {
    const open = (token: string, n: number) => `${token}\n`.repeat(n);
    const result = await scanDir(tempProject({
      'src/callbacks.ts': `${secretLine('callbacks')}\nexport const v = ${open('f(() =>', 300)}1${open(')', 300)};\n`,
      'src/tree.tsx': `export const T = () => (${open('<div className="x">', 200)}${open('</div>', 200)});\n`,
      'src/chain.ts': `export const s = 'a'${open(" + 'b'", 500)};\n`,
    }));
    expect(result.notifications).toEqual([]);
    expect(result.stats.parsed).toBe(3);
    expect(findingsIn(result, 'src/callbacks.ts')).toEqual(['1 hardcoded-secret']);
  });

  // In a child process: a parser that overflows its native stack takes the whole process down.
  it('turns expressions nested 10,000 deep into parse notifications or findings, in a child process', () => {
    const N = 10_000;
    // One level a line, so the file does not look minified (minified files are never parsed).
    const open = (token: string) => `${token}\n`.repeat(N);
    const shapes: Record<string, string> = {
      calls: `export const v = ${open('f(')}1${open(')')};`,
      arrays: `export const v = ${open('[')}${open(']')};`,
      objects: `export const v = ${open('{ a:')}1${open('}')};`,
      parens: `export const v = ${open('a + (')}1${open(')')};`,
      blocks: `${open('{')}${open('}')}`,
      arrows: `export const v = ${open('() =>')}1;`,
      ternaries: `export const v = ${open('a ? b :')}c;`,
      sums: `export const v = a${open(' + b')};`,
      members: `export const v = a${open('.b')};`,
      elseIfs: `if (a) {}${open(' else if (a) {}')}`,
      unary: `export const v = ${open('!')}a;`,
      jsx: `export const v = ${open('<div>')}${open('</div>')};`,
      types: `export type T = ${open('Array<')}string${open('>')};`,
    };
    const files: Record<string, string> = { 'package.json': '{"dependencies":{"express":"4.19.2"}}' };
    for (const [name, code] of Object.entries(shapes)) files[`src/${name}.tsx`] = `${secretLine(name)}\n${code}\n`;
    const root = tempProject(files);
    const r = spawnCli(['scan', root, '--format', 'json', '--offline']);
    expect(r.signal).toBeNull();
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const result = JSON.parse(r.stdout) as { findings: { file: string; ruleId: string }[]; notifications: { kind: string; file?: string; message: string }[] };
    expect(result.notifications.filter((n) => n.kind === 'rule-error')).toEqual([]);
    for (const name of Object.keys(shapes)) {
      expect(result.findings.filter((f) => f.file === `src/${name}.tsx`).map((f) => f.ruleId), name).toContain('hardcoded-secret');
      // Refused before parsing, with the line where the nesting passed the limit.
      expect(result.notifications.find((n) => n.file === `src/${name}.tsx`), name).toMatchObject({ kind: 'parse-error', message: expect.stringContaining('nested more than 1000 levels') });
    }
  });
});

function spawnCli(args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
}
