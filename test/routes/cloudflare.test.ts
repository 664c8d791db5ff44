import { describe, expect, it } from 'vitest';
import { findingsOf } from '../helpers/rule-tester.js';
import { pkg, routesOf, summaryOf } from './helpers.js';

const PAGES = pkg({ wrangler: '3.80.0', '@tsndr/cloudflare-worker-jwt': '2.5.3' });

/** A `_middleware` for the folder `functions/api/admin/` that turns away requests without the admin token. */
const ADMIN_MIDDLEWARE = [
  `async function errors(context) {`,
  `  try { return await context.next(); } catch (e) { return new Response('Error', { status: 500 }); }`,
  `}`,
  `async function authentication(context) {`,
  `  if (context.request.headers.get('x-admin-token') !== context.env.ADMIN_TOKEN) return new Response('Unauthorized', { status: 401 });`,
  `  return context.next();`,
  `}`,
  `export const onRequest = [errors, authentication];`,
].join('\n');

const DELETE_ORDER = `export async function onRequestDelete(context) {\n  await context.env.DB.prepare('DELETE FROM orders WHERE id = ?').bind(context.params.id).run();\n  return new Response(null, { status: 204 });\n}\n`;

describe('Cloudflare Pages Functions and module Workers', () => {
  it('routes Pages Functions by their file path and exports; a _middleware guards its folder and those below it, not the others', async () => {
    const routes = await summaryOf({
      'package.json': PAGES,
      'functions/index.ts': `export const onRequest = async () => new Response('hello');\n`,
      'functions/api/login.js': `export async function onRequestPost(context) {\n  const { email } = await context.request.json();\n  return Response.json(await context.env.DB.prepare('SELECT id FROM users WHERE email = ?').bind(email).first());\n}\n`,
      'functions/api/admin/_middleware.ts': ADMIN_MIDDLEWARE,
      'functions/api/admin/orders/[id].ts': DELETE_ORDER,
      'functions/api/orders/[id].ts': DELETE_ORDER,
      'functions/api/files/[[path]].ts': `export const onRequestGet = async ({ env, params }) => new Response((await env.BUCKET.get(params.path.join('/')))?.body);\n`,
    });
    expect(routes).toEqual([
      'ANY / none public',
      'DELETE /api/admin/orders/:id required',
      'DELETE /api/orders/:id none',
      'GET /api/files/:path* none',
      'POST /api/login none public',
    ]);
  });

  it('reads the request through the context: SQL pasted into D1 from context.request.json(), a token only decoded', async () => {
    const files = {
      'package.json': PAGES,
      'functions/api/login.js': [
        `export async function onRequestPost(context) {`,
        `  const { request, env } = context;`,
        `  const credentials = await request.json();`,
        `  const user = await env.DB.prepare(\`SELECT * FROM user WHERE email = '\${credentials.identifier}' AND password = '\${credentials.password}'\`).first();`,
        `  return Response.json(user);`,
        `}`,
      ].join('\n'),
      'functions/api/table.js': [
        `const jwt = require('@tsndr/cloudflare-worker-jwt');`,
        `const decodeJwt = async (headers, secret) => jwt.decode(headers.get('authorization').replace('Bearer ', ''), secret);`,
        `export async function onRequestGet(context) {`,
        `  const token = await decodeJwt(context.request.headers, context.env.SECRET);`,
        `  if (token.payload.isAdmin != 1) return new Response('Forbidden', { status: 403 });`,
        `  return Response.json(await context.env.DB.prepare('SELECT * FROM property WHERE id = ?').bind(context.params.id).all());`,
        `}`,
      ].join('\n'),
    };
    expect((await findingsOf('sql-injection', { files })).map((f) => `${f.file}:${f.range.startLine}`)).toEqual(['functions/api/login.js:4']);
    expect((await findingsOf('jwt-decode-without-verify', { files })).map((f) => `${f.file}:${f.range.startLine}`)).toEqual(['functions/api/table.js:2']);
    // The same token verified first (`jwt.verify` of the same library) before its claims are read.
    const verified = { ...files, 'functions/api/table.js': files['functions/api/table.js'].replace("const decodeJwt = async (headers, secret) => jwt.decode(", "const decodeJwt = async (headers, secret) => (await jwt.verify(headers.get('authorization').replace('Bearer ', ''), secret)) && jwt.decode(") };
    expect(await findingsOf('jwt-decode-without-verify', { files: verified })).toEqual([]);
  });

  it('a module Worker is one entry for every path: an R2 bucket anyone may write to, and one behind a helper that compares the header with a secret', async () => {
    const worker = (gate: string) => ({
      'package.json': pkg({ wrangler: '3.80.0' }),
      'src/index.js': [
        `const hasValidHeader = (request, env) => {`,
        `  return request.headers.get('X-Custom-Auth-Key') === env.AUTH_KEY_SECRET;`,
        `};`,
        `function authorizeRequest(request, env) {`,
        `  switch (request.method) {`,
        `    case 'PUT': case 'DELETE': return hasValidHeader(request, env);`,
        `    default: return true;`,
        `  }`,
        `}`,
        `export default {`,
        `  async fetch(request, env) {`,
        `    const key = new URL(request.url).pathname.slice(1);`,
        gate,
        `    switch (request.method) {`,
        `      case 'PUT': await env.MY_BUCKET.put(key, request.body); return new Response('ok');`,
        `      case 'DELETE': await env.MY_BUCKET.delete(key); return new Response('ok');`,
        `      default: return new Response((await env.MY_BUCKET.get(key))?.body);`,
        `    }`,
        `  },`,
        `};`,
      ].join('\n'),
    });
    const open = await findingsOf('route-without-auth', { files: worker('') });
    expect(open.map((f) => `${f.range.startLine} ${f.messageId}`)).toEqual(['11 writes']);
    expect(open[0].message).toMatch(/PUT\|DELETE \/\*/);
    expect(await findingsOf('route-without-auth', { files: worker(`    if (!authorizeRequest(request, env)) return new Response('Forbidden', { status: 403 });`) })).toEqual([]);
    const routes = await routesOf(worker(`    if (!authorizeRequest(request, env)) return new Response('Forbidden', { status: 403 });`));
    expect(routes[0].public).toMatch(/authorizeRequest\(\)`: `hasValidHeader\(\)`/);
  });

  it('a Worker whose fetch is a router\u2019s is that router\u2019s routes; a URL built on a fixed host from a path with the request\u2019s id is no SSRF', async () => {
    const routes = await summaryOf({
      'package.json': pkg({ hono: '4.6.9', wrangler: '3.80.0' }),
      'src/index.ts': `import { Hono } from 'hono';\nconst app = new Hono();\napp.get('/health', (c) => c.text('ok'));\nexport default { fetch: app.fetch };\n`,
    });
    expect(routes).toEqual(['GET /health none public']);
    const ssrf = await findingsOf('ssrf', {
      files: {
        'package.json': PAGES,
        'functions/api/inscriptions/[id].ts': `const base = 'https://api.hiro.so';\nexport async function onRequestGet(context) {\n  const url = new URL(\`/ordinals/v1/inscriptions/\${context.params.id}/content\`, base);\n  return fetch(url.toString());\n}\n`,
        'functions/api/proxy.ts': `export async function onRequestGet(context) {\n  const target = new URL(context.request.url).searchParams.get('url');\n  return fetch(new URL(target).toString());\n}\n`,
      },
    });
    expect(ssrf.map((f) => `${f.file}:${f.range.startLine}`)).toEqual(['functions/api/proxy.ts:3']);
  });

  it('an admin form whose password field is compared with the server\u2019s secret is for its holders; a public order form only adds a row; a region compared with a setting proves nothing', async () => {
    const routes = await routesOf({
      'package.json': PAGES,
      'functions/api/admin/status.ts': `export async function onRequestPut(context) {\n  const { id, status, pw } = await context.request.json();\n  if (pw !== (context.env.ADMIN_PASSWORD || 'ChangeMe')) return new Response('Unauthorized', { status: 401 });\n  await context.env.DB.prepare('UPDATE bookings SET status = ? WHERE id = ?').bind(status, id).run();\n  return new Response('ok');\n}\n`,
      'functions/api/book.ts': `export async function onRequestPost({ request, env }) {\n  const { name, phone, size } = await request.json();\n  await env.DB.prepare('INSERT INTO bookings (name, phone, size) VALUES (?, ?, ?)').bind(name, phone, size).run();\n  return new Response('ok');\n}\n`,
      'functions/api/orders/[id].ts': `export async function onRequestPatch({ request, env, params }) {\n  const { region, note } = await request.json();\n  if (region !== env.DEFAULT_REGION) return new Response('Wrong region', { status: 400 });\n  await env.DB.prepare('UPDATE orders SET note = ? WHERE id = ?').bind(note, params.id).run();\n  return new Response('ok');\n}\n`,
    });
    const byPath = Object.fromEntries(routes.map((r) => [r.path, r]));
    expect(byPath['/api/admin/status'].public).toMatch(/only callers that send the shared secret.*request field/);
    expect(byPath['/api/book'].public).toMatch(/a form for visitors/);
    expect([byPath['/api/orders/:id'].auth, byPath['/api/orders/:id'].public]).toEqual(['none', undefined]);
  });

  it('admin routes under a _middleware that checks a permission are checked; a CORS preflight is no admin route; onRequest takes the methods its code tests', async () => {
    const adminApp = (middleware: boolean) => ({
      'package.json': PAGES,
      ...(middleware
        ? { 'functions/admin/_middleware.js': `import { createRemoteJWKSet, jwtVerify } from 'jose';\nasync function auth(context) {\n  const token = context.request.headers.get('Authorization')?.slice(7);\n  if (!token) return Response.json({ error: 'Unauthorized' }, { status: 401 });\n  try {\n    const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL('https://example.auth0.com/.well-known/jwks.json')));\n    if (!payload.permissions?.includes('write:admin')) throw new Error('no admin');\n  } catch {\n    return Response.json({ error: 'Forbidden' }, { status: 403 });\n  }\n  return context.next();\n}\nexport const onRequest = [auth];\n` }
        : {}),
      'functions/admin/delete-map.js': `export async function onRequestOptions() {\n  return new Response(null, { headers: { 'Access-Control-Allow-Origin': '*' } });\n}\nexport async function onRequest(context) {\n  if (context.request.method !== 'POST') return new Response('Method not allowed', { status: 405 });\n  const { code } = await context.request.json();\n  await context.env.DB.prepare('DELETE FROM maps WHERE code = ?').bind(code).run();\n  return new Response('ok');\n}\n`,
    });
    expect(await findingsOf('admin-route-without-role-check', { files: adminApp(true) })).toEqual([]);
    const open = await findingsOf('admin-route-without-role-check', { files: adminApp(false) });
    expect(open.map((f) => `${f.range.startLine} ${f.message.split(' is ')[0]}`)).toEqual(['4 `POST /admin/delete-map`']);
  });
});
