import { describe, expect, it } from 'vitest';
import { findingsOf } from '../helpers/rule-tester.js';
import { pkg, routesOf, summaryOf } from './helpers.js';

describe('servers Bun and Deno start in code', () => {
  it("lists Bun.serve's routes by path and method, and a fetch handler as one entry for every path", async () => {
    const summary = await summaryOf({
      'package.json': pkg({ postgres: '3.4.4' }),
      'src/index.ts': [
        `import { serve } from 'bun';`,
        `import postgres from 'postgres';`,
        `const sql = postgres(process.env.DATABASE_URL!);`,
        `serve({`,
        `  routes: {`,
        `    '/health': () => new Response('ok'),`,
        `    '/files/:id': {`,
        `      GET: async (req) => Response.json(await sql\`SELECT * FROM files WHERE id = \${req.params.id}\`),`,
        `      DELETE: async (req) => { await sql\`DELETE FROM files WHERE id = \${req.params.id}\`; return new Response(null, { status: 204 }); },`,
        `    },`,
        `    '/static': new Response('static'),`,
        `  },`,
        `  fetch: () => new Response('not found', { status: 404 }),`,
        `});`,
      ].join('\n'),
      'worker/server.ts': `Bun.serve({ port: 3001, async fetch(req) {\n  const url = new URL(req.url);\n  if (req.method === 'POST' && url.pathname === '/jobs') return new Response('queued');\n  return new Response('no', { status: 404 });\n} });\n`,
      'deno/main.ts': `Deno.serve({ port: 8000 }, async (request) => new Response(await Deno.readTextFile('./index.html')));\n`,
      // Supabase's edge functions are that platform's entries, read elsewhere.
      'supabase/functions/hello/index.ts': `Deno.serve(async (req) => new Response('hi'));\n`,
    });
    expect(summary).toEqual([
      'ANY /* none',
      'ANY /* none',
      'ANY /functions/v1/hello none',
      'ANY /health none public',
      'DELETE /files/:id none',
      'GET /files/:id none',
      'POST /* none',
    ]);
  });

  it('reports an open Bun route that deletes through a tagged SQL statement, and an insert whose role the body sets', async () => {
    const files = {
      'package.json': pkg({ '@neondatabase/serverless': '0.10.4' }),
      'src/index.ts': [
        `import { neon } from '@neondatabase/serverless';`,
        `const sql = neon(process.env.DATABASE_URL!);`,
        `Bun.serve({`,
        `  routes: {`,
        `    '/files/:id': { DELETE: async (req) => { await sql\`DELETE FROM files WHERE id = \${req.params.id}\`; return new Response(null, { status: 204 }); } },`,
        `    '/connect': { POST: async (req) => { const { wallet, role } = await req.json(); await sql\`INSERT INTO accounts (wallet, role) VALUES (\${wallet}, \${role})\`; return new Response(null, { status: 201 }); } },`,
        `  },`,
        `});`,
      ].join('\n'),
    };
    const routes = await routesOf(files);
    expect(routes.find((r) => r.path === '/connect')?.touches.map((t) => `${t.kind}:${t.target}:${t.roleWrite}`)).toEqual(['write:accounts:true']);
    expect((await findingsOf('route-without-auth', { files })).map((f) => `${f.range.startLine} ${f.messageId}`)).toEqual(['5 writes', '6 writesUserData']);
  });

  it('a Bun route that turns away callers without a session is not open', async () => {
    const files = {
      'package.json': pkg({ '@neondatabase/serverless': '0.10.4', jose: '5.9.6' }),
      'src/index.ts': [
        `import { neon } from '@neondatabase/serverless';`,
        `import { jwtVerify } from 'jose';`,
        `const sql = neon(process.env.DATABASE_URL!);`,
        `const key = new TextEncoder().encode(process.env.JWT_SECRET!);`,
        `Bun.serve({`,
        `  routes: {`,
        `    '/files/:id': { DELETE: async (req) => {`,
        `      const token = req.headers.get('authorization')?.slice(7);`,
        `      if (!token) return new Response('Unauthorized', { status: 401 });`,
        `      const { payload } = await jwtVerify(token, key);`,
        `      await sql\`DELETE FROM files WHERE id = \${req.params.id} AND owner = \${payload.sub}\`;`,
        `      return new Response(null, { status: 204 });`,
        `    } },`,
        `  },`,
        `});`,
      ].join('\n'),
    };
    expect(await summaryOf(files)).toEqual(['DELETE /files/:id required']);
    expect(await findingsOf('route-without-auth', { files })).toEqual([]);
  });
});

describe('Oak (Deno)', () => {
  it('reads Oak routers imported by URL, from JSR through deno.json, or through deps.ts, and their handlers through a barrel', async () => {
    const routes = await routesOf({
      'deno.json': JSON.stringify({ imports: { '@oak/oak': 'jsr:@oak/oak@^17.1.3', djwt: 'jsr:@zaubrik/djwt@3' } }),
      'middlewares/verifyJWT.ts': [
        `import type { Context } from 'https://deno.land/x/oak@v12.6.1/mod.ts';`,
        `import { verify } from 'https://deno.land/x/djwt@v2.4/mod.ts';`,
        `import key from '../key.ts';`,
        `export default async function verifyJWT(ctx: Context, next: () => Promise<unknown>) {`,
        `  const jwt = ctx.request.headers.get('x-access-token');`,
        `  if (!jwt) { ctx.response.status = 401; return; }`,
        `  ctx.state.user = await verify(jwt, key);`,
        `  await next();`,
        `}`,
      ].join('\n'),
      'controllers/notes.ts': [
        `import { notes } from '../db.ts';`,
        `export const deleteNote = async (ctx) => { await notes.deleteOne({ _id: new Bson.ObjectId(ctx.params.id) }); ctx.response.status = 204; };`,
        `export const listNotes = async (ctx) => { ctx.response.body = await notes.find({}).toArray(); };`,
      ].join('\n'),
      'controllers/mod.ts': `export * from './notes.ts';\n`,
      'routes.ts': [
        `import { Router } from 'https://deno.land/x/oak@v12.6.1/mod.ts';`,
        `import { deleteNote, listNotes } from './controllers/mod.ts';`,
        `import verifyJWT from './middlewares/verifyJWT.ts';`,
        `const router = new Router();`,
        `router.get('/notes', listNotes).delete('/notes/:id', verifyJWT, deleteNote);`,
        `export default router;`,
      ].join('\n'),
      'deps.ts': `export { Application, Router } from 'jsr:@oak/oak@^17';\n`,
      'admin/routes.ts': [`import { Router } from '../deps.ts';`, `import { deleteNote } from '../controllers/mod.ts';`, `export const admin = new Router();`, `admin.delete('/admin/notes/:id', deleteNote);`].join('\n'),
      'reports.ts': [`import { Router } from '@oak/oak';`, `import { listNotes } from './controllers/mod.ts';`, `export const reports = new Router();`, `reports.get('/reports', listNotes);`].join('\n'),
    });
    expect(routes.map((r) => `${r.method} ${r.path} ${r.auth} ${r.touches.map((t) => `${t.kind}:${t.target}`).join(',')}`).sort()).toEqual([
      'DELETE /admin/notes/:id none write:notes',
      'DELETE /notes/:id required write:notes',
      'GET /notes none read:notes',
      'GET /reports none read:notes',
    ]);
    expect(routes.find((r) => r.path === '/notes/:id')?.evidence).toContain('`verify` (https://deno.land/x/djwt@v2.4/mod.ts) verifies the token');
  });

  it('reports a note deleted by the id in the URL with no owner check (IDOR), the id wrapped in an ObjectId', async () => {
    const findings = await findingsOf('idor', {
      files: {
        'deno.json': JSON.stringify({ imports: { '@oak/oak': 'jsr:@oak/oak@^17.1.3' } }),
        'models/note.ts': `export interface Note { _id: string; author: string; body: string }\n`,
        'routes.ts': [
          `import { Router } from '@oak/oak';`,
          `import { verifyJWT } from './auth.ts';`,
          `import { notes } from './db.ts';`,
          `const router = new Router();`,
          `router.delete('/notes/:id', verifyJWT, async (ctx) => { const { id } = ctx.params; await notes.deleteOne({ _id: new Bson.ObjectId(id) }); ctx.response.status = 204; });`,
          `router.delete('/mine/:id', verifyJWT, async (ctx) => { await notes.deleteOne({ _id: new Bson.ObjectId(ctx.params.id), author: ctx.state.user.id }); ctx.response.status = 204; });`,
          `export default router;`,
        ].join('\n'),
        'auth.ts': `export async function verifyJWT(ctx, next) { if (!ctx.state.user) { ctx.throw(401); } await next(); }\n`,
      },
    });
    expect(findings.map((f) => `${f.file}:${f.range.startLine}`)).toEqual(['routes.ts:5']);
  });
});

describe('Fresh (Deno)', () => {
  it('routes files under routes/ by path, reads handler objects and functions, and applies a folder _middleware to its folder only', async () => {
    const routes = await routesOf({
      'deno.json': JSON.stringify({ imports: { '$fresh/': 'https://deno.land/x/fresh@1.6.8/' } }),
      'routes/_app.tsx': `export default function App({ Component }) { return <Component />; }\n`,
      'routes/api/memos/_middleware.ts': [
        `import { FreshContext } from '$fresh/server.ts';`,
        `export async function handler(req: Request, ctx: FreshContext) {`,
        `  const user = await getSessionUser(req);`,
        `  if (!user) return new Response('Unauthorized', { status: 401 });`,
        `  ctx.state.user = user;`,
        `  return await ctx.next();`,
        `}`,
      ].join('\n'),
      'routes/api/memos/[id].ts': [
        `import { Handlers } from '$fresh/server.ts';`,
        `const kv = await Deno.openKv();`,
        `export const handler: Handlers = {`,
        `  async GET(_req, ctx) { return Response.json((await kv.get(['memos', ctx.state.user.id, ctx.params.id])).value); },`,
        `  async DELETE(_req, ctx) { await kv.delete(['memos', ctx.state.user.id, ctx.params.id]); return new Response(null, { status: 204 }); },`,
        `};`,
      ].join('\n'),
      'routes/api/(admin)/delete-all.ts': [
        `export const handler = async (_req: Request): Promise<Response> => {`,
        `  const kv = await Deno.openKv();`,
        `  for await (const entry of kv.list({ prefix: [] })) await kv.delete(entry.key);`,
        `  return Response.json({});`,
        `};`,
      ].join('\n'),
      'routes/api/rooms/[...rest].ts': `export const handler = define.handlers({ POST(ctx) { return new Response('ok'); } });\n`,
      'routes/index.tsx': `export default function Home() { return <main>hi</main>; }\n`,
    });
    expect(routes.map((r) => `${r.method} ${r.path} ${r.auth} ${r.touches.map((t) => `${t.kind}:${t.target}`).join(',')}`).sort()).toEqual([
      'ANY /api/delete-all none read:kv:keys,write:kv:keys',
      'DELETE /api/memos/:id required write:kv:memos',
      'GET /api/memos/:id required read:kv:memos',
      'POST /api/rooms/:rest* none ',
    ]);
    expect(routes.find((r) => r.path === '/api/memos/:id')?.evidence).toContain('Fresh `_middleware`');
  });
});

describe('Deno KV', () => {
  it('reports a Fresh route that deletes KV records by the id in the URL with no owner in the key, not one keyed by the signed-in user', async () => {
    const files = {
      'deno.json': JSON.stringify({ imports: { '$fresh/': 'https://deno.land/x/fresh@1.6.8/' } }),
      'routes/api/_middleware.ts': `export async function handler(req: Request, ctx) {\n  const user = await getSessionUser(req);\n  if (!user) return new Response('Unauthorized', { status: 401 });\n  ctx.state.user = user;\n  return await ctx.next();\n}\n`,
      'routes/api/users/[id].ts': `const kv = await Deno.openKv();\nexport const handler = {\n  async DELETE(_req, ctx) { await kv.delete(['users', ctx.params.id]); return new Response(null, { status: 204 }); },\n};\n`,
      'routes/api/me.ts': `const kv = await Deno.openKv();\nexport const handler = {\n  async DELETE(_req, ctx) { await kv.delete(['users', ctx.state.user.id]); return new Response(null, { status: 204 }); },\n};\n`,
    };
    const findings = await findingsOf('idor', { files });
    expect(findings.map((f) => `${f.file}:${f.range.startLine}`)).toEqual(['routes/api/users/[id].ts:3']);
  });
});

describe('Fresh route groups', () => {
  it('bounds a (group) _middleware to the files of its group, and reads a middleware that hands on only signed-in visitors', async () => {
    const summary = await summaryOf({
      'deno.json': JSON.stringify({ imports: { '$fresh/': 'https://deno.land/x/fresh@1.6.8/' } }),
      'routes/(authenticated)/_middleware.ts': [
        `import { getSessionId } from 'deno_kv_oauth/mod.ts';`,
        `export async function handler(req: Request, ctx) {`,
        `  if (ctx.destination !== 'route') return await ctx.next();`,
        `  const session = await getSessionId(req);`,
        `  if (session != undefined) {`,
        `    return await ctx.next();`,
        `  }`,
        `  return new Response('Unauthorized', { status: 401 });`,
        `}`,
      ].join('\n'),
      'routes/(authenticated)/api/wipe.ts': `export const handler = { async POST() { const kv = await Deno.openKv(); await kv.delete(['votes']); return new Response('ok'); } };\n`,
      'routes/api/open.ts': `export const handler = { async POST() { const kv = await Deno.openKv(); await kv.delete(['votes']); return new Response('ok'); } };\n`,
      'routes/(public)/_middleware.ts': `export async function handler(req: Request, ctx) {\n  const session = await getSessionId(req);\n  if (session != undefined) return await ctx.next();\n  return await ctx.next();\n}\n`,
      'routes/(public)/api/feed.ts': `export const handler = { async POST() { const kv = await Deno.openKv(); await kv.set(['feed', 1], {}); return new Response('ok'); } };\n`,
    });
    expect(summary).toEqual(['POST /api/feed none', 'POST /api/open none', 'POST /api/wipe required']);
  });
});

describe('Oak routers with paths built from constants, djwt 1 and Deno KV atomic writes', () => {
  it('reads `prefix + "/:id"` paths, validateJwt as a token check, and KV keys named by a constant', async () => {
    const routes = await routesOf({
      'deno.json': JSON.stringify({ imports: { '@oak/oak': 'jsr:@oak/oak@^17.1.0' } }),
      'db.ts': [
        `const kv = await Deno.openKv();`,
        `const USER = 'user';`,
        `export async function removeUser(id: string) {`,
        `  const key = [USER, id];`,
        `  const entry = await kv.get([USER, id]);`,
        `  await kv.atomic().check(entry).delete([USER, id]).commit();`,
        `}`,
      ].join('\n'),
      'auth.ts': [
        `import { validateJwt } from 'https://deno.land/x/djwt@v1.9/validate.ts';`,
        `export default async function auth(ctx, next) {`,
        `  const jwt = ctx.request.headers.get('Authorization')?.split(' ')[1];`,
        `  if (!jwt || !(await validateJwt(jwt, Deno.env.get('KEY')!, { isThrowing: false }))) { ctx.response.status = 401; return; }`,
        `  await next();`,
        `}`,
      ].join('\n'),
      'routes/users.ts': [
        `import { Router } from '@oak/oak';`,
        `import auth from '../auth.ts';`,
        `import { removeUser } from '../db.ts';`,
        `const usersRouter = new Router();`,
        `const prefix = '/users';`,
        `usersRouter.delete(prefix + '/:id', auth, async (ctx) => { await removeUser(ctx.params.id); ctx.response.status = 204; });`,
        `usersRouter.post(\`\${prefix}/:id/reset\`, async (ctx) => { await removeUser(ctx.params.id); ctx.response.status = 204; });`,
        `export default usersRouter;`,
      ].join('\n'),
    });
    expect(routes.map((r) => `${r.method} ${r.path} ${r.auth} ${r.touches.map((t) => `${t.kind}:${t.target}`).join(',')}`).sort()).toEqual([
      'DELETE /users/:id required read:kv:user,write:kv:user',
      'POST /users/:id/reset none read:kv:user,write:kv:user',
    ]);
  });
});
