import { describe, expect, it } from 'vitest';
import { flowStrings } from '../helpers/dataflow.js';
import { findingsOf } from '../helpers/rule-tester.js';
import { pkg, routesOf, summaryOf } from './helpers.js';

const NUXT = pkg({ nuxt: '3.13.0', '@prisma/client': '5.20.0', 'nuxt-auth-utils': '0.5.0' });
const handler = (body: string) => `export default defineEventHandler(async (event) => {\n${body}\n});\n`;

describe('Nuxt server routes', () => {
  it('maps server/api and server/routes files to paths and methods', async () => {
    const routes = await summaryOf({
      'package.json': NUXT,
      'server/api/notes/index.get.ts': handler(`  return prisma.note.findMany();`),
      'server/api/notes/[id].delete.ts': handler(`  await prisma.note.delete({ where: { id: getRouterParam(event, 'id') } });`),
      'server/api/notes/.post.ts': handler(`  return prisma.note.create({ data: { text: 'x' } });`),
      'server/api/files/[...path].ts': handler(`  return 'file';`),
      'server/routes/sitemap.xml.ts': handler(`  return '<xml/>';`),
      // Not a route: no handler is exported.
      'server/api/client.ts': `import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n`,
    });
    // A sitemap is public content.
    expect(routes).toEqual(['ANY /api/files/* none', 'ANY /sitemap.xml none public', 'DELETE /api/notes/:id none', 'GET /api/notes none', 'POST /api/notes none']);
  });

  it("takes sign-in checks from the handler, a server/utils helper Nuxt imports by itself, and a server middleware's path tests", async () => {
    const routes = await routesOf({
      'package.json': NUXT,
      'server/utils/auth.ts': `export async function requireAdmin(event) {\n  const { user } = await requireUserSession(event);\n  if (user.role !== 'admin') throw createError({ statusCode: 403 });\n  return user;\n}\n`,
      'server/middleware/auth.ts': handler(`  if (event.path.startsWith('/api/account') && !event.context.user) throw createError({ statusCode: 401 });`),
      'server/api/me.get.ts': handler(`  const { user } = await requireUserSession(event);\n  return prisma.user.findUnique({ where: { id: user.id } });`),
      'server/api/admin/users.get.ts': handler(`  await requireAdmin(event);\n  return prisma.user.findMany();`),
      'server/api/account/settings.post.ts': handler(`  return prisma.setting.update({ where: { userId: event.context.user.id }, data: { theme: 'dark' } });`),
      'server/api/feedback.post.ts': handler(`  return prisma.feedback.create({ data: { text: 'x' } });`),
    });
    const by = new Map(routes.map((r) => [`${r.method} ${r.path}`, r]));
    expect([...by].map(([k, r]) => `${k} ${r.auth}`).sort()).toEqual([
      'GET /api/admin/users required', 'GET /api/me required', 'POST /api/account/settings required', 'POST /api/feedback none',
    ]);
    expect(by.get('GET /api/admin/users')?.evidence).toMatch(/calls `requireAdmin\(\)`/);
    expect(by.get('POST /api/account/settings')?.evidence).toMatch(/^Nuxt server middleware: `if \(event\.path\.startsWith/);
  });

  it('a middleware that checks a token only when one is sent signs nobody in', async () => {
    const routes = await summaryOf({
      'package.json': NUXT,
      'server/utils/jwt.ts': `import jwt from 'jsonwebtoken';\nexport function verifyToken(token) {\n  return jwt.verify(token, process.env.JWT_SECRET);\n}\n`,
      'server/middleware/auth.ts': handler(`  const token = getCookie(event, 'token');\n  if (token) {\n    event.context.auth = verifyToken(token);\n  }`),
      'server/api/notes.post.ts': handler(`  return prisma.note.create({ data: { text: 'x' } });`),
      'server/api/notes.get.ts': handler(`  if (!event.context.auth) throw createError({ statusCode: 401 });\n  return prisma.note.findMany({ where: { userId: event.context.auth.id } });`),
    });
    expect(routes).toEqual(['GET /api/notes required', 'POST /api/notes none']);
  });

  it('an async check called without await does not protect the route, and the evidence says why', async () => {
    const routes = await routesOf({
      'package.json': NUXT,
      'server/utils/protectRoute.ts': `export default async (event) => {\n  if (!event.context.user) throw createError({ statusCode: 401 });\n};\n`,
      'server/api/progress.post.ts': handler(`  protectRoute(event);\n  return prisma.progress.create({ data: { done: true } });`),
      'server/api/lesson.get.ts': handler(`  await protectRoute(event);\n  return prisma.lesson.findMany();`),
    });
    const by = new Map(routes.map((r) => [r.path, r]));
    expect(by.get('/api/lesson')?.auth).toBe('required');
    expect(by.get('/api/progress')?.auth).toBe('none');
    expect(by.get('/api/progress')?.evidence).toMatch(/calls the async check `protectRoute\(\)` \(server\/utils\/protectRoute\.ts:2\) without `await`/);
  });
});

describe('Nuxt findings', () => {
  it("idor and route-without-auth read the ids h3's helpers return", async () => {
    const files = {
      'package.json': NUXT,
      'prisma/schema.prisma': `model Note {\n  id String @id\n  text String\n  userId String\n}\n`,
      'server/api/notes/[id].put.ts': handler(`  const { user } = await requireUserSession(event);\n  const id = getRouterParam(event, 'id');\n  return prisma.note.update({ where: { id }, data: { text: 'x' } });`),
      'server/api/notes/[id].delete.ts': handler(`  const { user } = await requireUserSession(event);\n  return prisma.note.deleteMany({ where: { id: getRouterParam(event, 'id'), userId: user.id } });`),
      'server/api/notes/index.put.ts': handler(`  const { noteId } = getQuery(event);\n  return prisma.note.update({ where: { id: String(noteId) }, data: await readBody(event) });`),
    };
    const idor = await findingsOf('idor', { files });
    expect(idor.map((f) => `${f.file}:${f.range.startLine}`)).toEqual(['server/api/notes/[id].put.ts:4']);
    expect(idor[0].message).toMatch(/changes `note` by `id` taken from `getRouterParam\(event, 'id'\)`/);
    const open = await findingsOf('route-without-auth', { files });
    expect(open.map((f) => `${f.file}:${f.range.startLine} ${f.messageId}`)).toEqual(['server/api/notes/index.put.ts:1 writes']);
    const mass = await findingsOf('mass-assignment', { files });
    expect(mass.map((f) => `${f.file}:${f.range.startLine}`)).toEqual(['server/api/notes/index.put.ts:3']);
    // The same write of picked fields is no mass assignment.
    const picked = await findingsOf('mass-assignment', {
      files: { ...files, 'server/api/notes/index.put.ts': handler(`  const { noteId } = getQuery(event);\n  const { text } = await readBody(event);\n  return prisma.note.update({ where: { id: String(noteId) }, data: { text } });`) },
    });
    expect(picked).toEqual([]);
  });

  it('webhook-without-signature-check: a Nuxt webhook route that trusts its body, not one that checks the signature', async () => {
    const webhook = (body: string) => ({ 'package.json': NUXT, 'server/api/webhooks/stripe.post.ts': handler(body) });
    const forged = await findingsOf('webhook-without-signature-check', { files: webhook(`  const event = await readBody(event);\n  if (event.type === 'checkout.session.completed') await prisma.order.update({ where: { id: event.data.object.metadata.orderId }, data: { paid: true } });`) });
    expect(forged.map((f) => `${f.range.startLine} ${f.messageId}`)).toEqual(['1 unverifiedEvent']);
    const checked = await findingsOf('webhook-without-signature-check', {
      files: webhook(`  const raw = await readRawBody(event);\n  const stripeEvent = stripe.webhooks.constructEvent(raw, getHeader(event, 'stripe-signature'), process.env.STRIPE_WEBHOOK_SECRET);\n  return { received: stripeEvent.id };`),
    });
    expect(checked).toEqual([]);
  });

  it("data flow: h3's request helpers are client input in files that use h3", async () => {
    const flows = await flowStrings({
      'package.json': NUXT,
      // `$fetch` to a URL of the app's own is no SSRF.
      'server/api/run.post.ts': handler(`  const { cmd } = await readBody(event);\n  const q = getQuery(event);\n  require('child_process').exec(cmd);\n  await $fetch('/api/health');\n  return $fetch(String(q.url));`),
      // The same names in a file that does not use h3 are the project's own.
      'server/lib/other.ts': `function readBody(x) { return 'ls'; }\nexport function run() { require('child_process').exec(readBody(1)); }\n`,
    });
    expect(flows.sort()).toEqual(['command: readBody(event) -> child_process.exec @server/api/run.post.ts:4', 'ssrf: getQuery(event) -> $fetch @server/api/run.post.ts:6']);
  });

  it("sql-injection: a Supabase .filter() compared with a literal operator takes the value as one value", async () => {
    const files = (op: string) => ({
      'package.json': pkg({ nuxt: '3.13.0', '@nuxtjs/supabase': '1.4.0' }),
      'server/api/orders.get.ts': handler(`  const client = await serverSupabaseClient(event);\n  const { userId } = getQuery(event);\n  return client.from('orders').select('*').filter('user_id', '${op}', userId);`),
    });
    expect(await findingsOf('sql-injection', { files: files('eq') })).toEqual([]);
    expect((await findingsOf('sql-injection', { files: files('in') })).map((f) => f.range.startLine)).toEqual([4]);
  });
});
