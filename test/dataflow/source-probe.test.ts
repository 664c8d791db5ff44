import { describe, expect, it } from 'vitest';
import { NOT_ANALYSED, ResultStore } from '../../src/cache/results.js';
import { defaultConfig } from '../../src/config/types.js';
import { SourceProbe } from '../../src/dataflow/source-probe.js';
import { lineStartsOf } from '../../src/discover/read.js';
import type { ScanResult } from '../../src/engine/result.js';
import { scanVirtual } from '../../src/engine/scan.js';
import { mergeListeners, traverse } from '../../src/engine/traverse.js';
import type { SourceFile } from '../../src/model/types.js';
import { parseFile } from '../../src/parse/index.js';
import { flowStrings } from '../helpers/dataflow.js';

/** Whether the probe finds that `code`, saved at `path`, may bring untrusted input in. */
function mayHaveSource(code: string, path = 'server/a.ts'): boolean {
  const file = { path, absPath: `/x/${path}`, language: path.endsWith('x') ? 'tsx' : 'ts', role: 'server', roleReason: '', buildOutput: false, minified: false, text: code, lineStarts: lineStartsOf(code) } as SourceFile;
  parseFile(file);
  expect(file.ast, `parses: ${file.parseError?.message}`).toBeDefined();
  const probe = new SourceProbe(file, file.ast!);
  traverse(file.ast!, mergeListeners([probe.listeners]));
  return probe.found();
}

describe('which files may bring untrusted input into the data flow', () => {
  it.each([
    ['a parameter named as a request', 'export function list(req, res) { res.json([]); }'],
    ['a parameter typed as a request', 'export const h = async (r: NextRequest) => r;'],
    ['a Koa or Hono context by type', 'export async function h(c: Context) { return 1; }'],
    ['a NestJS input decorator', 'class C { find(@Query("q") q: string) { return q; } }'],
    ['a route handler whatever its parameters are called', "app.post('/items', (a, b) => b.json(a.body));"],
    ['a route handler declared apart', "function create(a, b) { b.end(); }\nrouter.post('/items', create);"],
    ['a route handler held in a variable', "const create = async (a, b) => b.end();\nrouter.post('/items', create);"],
    ['a route handler chosen by a condition', "function a(x) {}\nfunction b(x) {}\napp.get('/x', dev ? a : b);"],
    ['a handler exported and registered', "exports.list = function (a, b) {};\napp.get('/', exports.list);"],
    ['a method registered as a handler', "class R { mount(app) { app.get('/', this.list); } list(a, b) {} }"],
    ['a socket message handler', "io.on('connection', (socket) => socket.on('chat', (msg) => store(msg)));"],
    ['a window message listener', "window.addEventListener('message', (e) => show(e.data));"],
    ['a Firebase HTTPS function', 'export const api = functions.https.onRequest(async (a, b) => b.send(a.query));'],
    ['a Parse Cloud function', "Parse.Cloud.define('search', async (r) => r.params);"],
    ['a tRPC procedure', 'export const p = publicProcedure.input(schema).mutation(({ input }) => input);'],
    ['a next-safe-action action', 'export const save = actionClient.schema(s).action(async ({ parsedInput }) => parsedInput);'],
    ['a page-URL read', 'export const term = () => new URLSearchParams(location.search).get("q");'],
    ['the referrer', 'export const from = () => document.referrer;'],
    ['a page-URL read by a computed name', 'export const h = () => window.location["hash"];'],
    ['a language model answer', 'export async function ask(p) { return openai.chat.completions.create({ messages: p }); }'],
    ['the AI SDK', "import { generateText } from 'ai';\nexport const ask = (p) => generateText({ prompt: p });"],
    ['URL parameters in React', "import { useSearchParams } from 'next/navigation';\nexport function P() { const s = useSearchParams(); return s; }"],
    ['an archive', 'export const names = (zip) => zip.getEntries();'],
    ['an h3 request helper', "import { readBody } from 'h3';\nexport default defineEventHandler(async (event) => readBody(event));"],
    ['a Convex function', "import { mutation } from './_generated/server';\nexport const add = mutation({ handler: async (ctx, args) => args });"],
    ['a server action module', "'use server';\nexport async function save(v) { return v; }"],
    ['a server action declared in a component', "export function Form() {\n  async function save(v) {\n    'use server';\n    return v;\n  }\n  return save;\n}"],
  ])('%s', (_name, code) => {
    expect(mayHaveSource(code)).toBe(true);
  });

  it('route files a framework calls with the request', () => {
    expect(mayHaveSource('export async function POST(r) { return r; }', 'app/api/items/route.ts')).toBe(true);
    expect(mayHaveSource('export default async function h(a, b) {}', 'pages/api/items.ts')).toBe(true);
    expect(mayHaveSource('export async function POST(r) { return r; }', 'lib/items.ts')).toBe(false);
  });

  it.each([
    ['a helper of plain values', 'export function total(items) { return items.reduce((a, b) => a + b.price, 0); }'],
    ['a query helper', "export async function find(pool, id) { return pool.query('SELECT * FROM t WHERE id = ' + id); }"],
    ['a map read with a key', "const key = 'x';\nexport const v = cache.get(key);"],
    ['an imported handler registered', "import handlers from './handlers';\napp.get('/items', handlers.list);"],
    ['array callbacks', 'export const ids = (rows) => rows.map((r) => r.id).filter((id) => id > 0);'],
    ['a lifecycle listener', "socket.on('close', () => log('closed'));"],
    ['a listener of something that is not a socket', "emitter.on('chat', (msg) => log(msg));"],
    ['an HTTP client interceptor', 'api.interceptors.request.use((config) => config);'],
    ['a component', 'export function Card({ title }) { return <div className="card">{title}</div>; }'],
    ['a model', 'export class User { constructor(name) { this.name = name; } greet() { return `hi ${this.name}`; } }'],
    ['a document read that is not the URL', 'export const el = () => document.getElementById("x");'],
    ['a settings read by a string key', "export const url = settings.get('url');"],
    ['a module that only names the server directive', "// Not a server action: no 'use server' directive here.\nexport const note = \"add 'use server' to make one\";"],
  ])('not %s', (_name, code) => {
    expect(mayHaveSource(code, _name === 'a component' ? 'src/Card.tsx' : 'server/a.ts')).toBe(false);
  });
});

const PKG = JSON.stringify({ name: 'api', dependencies: { express: '^4.19.2', pg: '^8.11.0' } });
/** A query helper with no source of its own, and a route file that calls it with the request's input. */
const DB_HELPER = "import { pool } from './pool';\nexport function find(email: string) {\n  return pool.query(\"SELECT * FROM users WHERE email = '\" + email + \"'\");\n}\n";
const ROUTE_CALLING_FIND = "import { Router } from 'express';\nimport { find } from './db';\nexport const router = Router();\nrouter.get('/u', async (req, res) => res.json(await find(req.query.email as string)));\n";
/** A helper that returns the page URL, and a file with no source of its own that puts what it returns into the page. */
const TERM_FROM_URL = "export function term() {\n  return new URLSearchParams(location.search).get('q') ?? '';\n}\n";
const SHOW_TERM = "import { term } from '../a/term';\nexport function show(el: HTMLElement) {\n  el.innerHTML = term();\n}\n";

/** Where a rule reported, as `file:line`. */
const places = (result: ScanResult, ruleId: string) => result.findings.filter((f) => f.ruleId === ruleId).map((f) => `${f.file}:${f.range.startLine}`);

describe('files the data-flow pass skips, and analyses when they turn out to matter', () => {
  const options = (results: ResultStore) => ({ config: defaultConfig(), offline: true, results });
  const summaries = (store: ResultStore) => new Map([...store.entries()].map(([path, r]) => [path, r.summary]));
  /** Scanned once more, the files reuse every record as kept (nothing is analysed again), and find the same. */
  const rescanKeepsAll = async (files: Record<string, string>, store: ResultStore, last: ScanResult) => {
    const misses = store.misses;
    const again = await scanVirtual(files, options(store));
    expect(store.misses).toBe(misses);
    expect(again.findings.map((f) => f.fingerprint)).toEqual(last.findings.map((f) => f.fingerprint));
  };

  it('skips a helper nothing asks for, and analyses one a route file calls although the scan reached it first', async () => {
    const store = new ResultStore();
    const result = await scanVirtual(
      {
        'package.json': PKG,
        'server/a-unused.ts': 'export function shout(s: string) { return s.toUpperCase(); }\n',
        'server/db.ts': DB_HELPER,
        'server/routes.ts': ROUTE_CALLING_FIND,
      },
      options(store),
    );
    expect(places(result, 'sql-injection')).toEqual(['server/db.ts:3']);
    const digests = summaries(store);
    expect(digests.get('server/a-unused.ts')).toBe(NOT_ANALYSED);
    // Reached before the route file and skipped, then analysed when the route file called it.
    expect(digests.get('server/db.ts')).not.toBe(NOT_ANALYSED);
    expect(digests.get('server/routes.ts')).not.toBe(NOT_ANALYSED);
  });

  it('analyses a file with no source of its own that uses a helper returning the page URL', async () => {
    const flows = await flowStrings({
      'src/a/term.ts': TERM_FROM_URL,
      'src/b/show.ts': SHOW_TERM,
    });
    expect(flows).toEqual(['xss: location.search -> innerHTML @src/b/show.ts:3']);
  });

  it('follows a chain of helpers that pass the page URL on, whatever order the scan reached them in', async () => {
    const flows = await flowStrings({
      'src/a/show.ts': "import { cleaned } from '../c/cleaned';\nexport function show(el: HTMLElement) {\n  el.innerHTML = cleaned();\n}\n",
      'src/b/term.ts': TERM_FROM_URL,
      'src/c/cleaned.ts': "import { term } from '../b/term';\nexport const cleaned = () => term().trim();\n",
    });
    expect(flows).toEqual(['xss: location.search -> innerHTML @src/a/show.ts:3']);
  });

  it('analyses a helper skipped by an earlier scan when an edited route file starts calling it', async () => {
    const files: Record<string, string> = {
      'package.json': PKG,
      'server/db.ts': DB_HELPER,
      'server/routes.ts': "import { Router } from 'express';\nexport const router = Router();\nrouter.get('/u', async (req, res) => res.json([]));\n",
    };
    const store = new ResultStore();
    await scanVirtual(files, options(store));
    expect(summaries(store).get('server/db.ts')).toBe(NOT_ANALYSED);

    files['server/routes.ts'] = ROUTE_CALLING_FIND;
    const after = await scanVirtual(files, options(store));
    expect(places(after, 'sql-injection')).toEqual(['server/db.ts:3']);
    expect(summaries(store).get('server/db.ts')).not.toBe(NOT_ANALYSED);
    await rescanKeepsAll(files, store, after);
  });

  it('finds the same on a rescan when only the helper changes to return the page URL', async () => {
    const files: Record<string, string> = {
      'src/a/term.ts': "export function term() {\n  return 'fixed';\n}\n",
      'src/b/show.ts': SHOW_TERM,
    };
    const store = new ResultStore();
    const before = await scanVirtual(files, options(store));
    expect(places(before, 'xss')).toEqual([]);
    expect(summaries(store).get('src/b/show.ts')).toBe(NOT_ANALYSED);

    files['src/a/term.ts'] = TERM_FROM_URL;
    const after = await scanVirtual(files, options(store));
    expect(places(after, 'xss')).toEqual(['src/b/show.ts:3']);
    // Kept as analysed: the next scan reuses it as it is.
    expect(summaries(store).get('src/b/show.ts')).not.toBe(NOT_ANALYSED);
    await rescanKeepsAll(files, store, after);
  });
});
