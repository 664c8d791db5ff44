import { describe, expect, it } from 'vitest';
import { findingsOf } from '../helpers/rule-tester.js';
import { pkg, routesOf, summaryOf } from './helpers.js';

describe('NestJS route inventory', () => {
  const NEST = pkg({ '@nestjs/core': '10.4.7', '@nestjs/common': '10.4.7', '@nestjs/passport': '10.0.3' });
  const controller = [
    `import { Controller, Get, Post, Delete, Param, Body, UseGuards } from '@nestjs/common';`,
    `import { AuthGuard } from '@nestjs/passport';`,
    `import { Public } from '../auth/public.decorator';`,
    `@Controller('posts')`,
    `export class PostsController {`,
    `  constructor(private readonly postsService: PostsService) {}`,
    `  @Public()`,
    `  @Get()`,
    `  findAll() { return this.postsService.findAll(); }`,
    `  @Post()`,
    `  create(@Body() dto: CreatePostDto) { return this.postsService.create(dto); }`,
    `  @UseGuards(AuthGuard('jwt'))`,
    `  @Delete(':id')`,
    `  remove(@Param('id') id: string) { return this.postsService.remove(id); }`,
    `}`,
  ].join('\n');

  it('reads method guards and leaves unguarded routes open without a global guard', async () => {
    const routes = await routesOf({ 'package.json': NEST, 'src/posts/posts.controller.ts': controller });
    expect(routes.map((r) => `${r.method} ${r.path} ${r.auth}${r.public ? ' public' : ''}`).sort()).toEqual(['DELETE /posts/:id required', 'GET /posts none public', 'POST /posts none']);
    expect(routes.find((r) => r.method === 'DELETE')!.evidence).toBe("`@UseGuards(AuthGuard('jwt'))` (src/posts/posts.controller.ts:12)");
    expect(routes.find((r) => r.method === 'POST')!.touches.map((t) => `${t.kind}:${t.target}`)).toEqual(['write:posts']);
  });

  it('applies a global APP_GUARD to every route except @Public() ones', async () => {
    const routes = await summaryOf({
      'package.json': NEST,
      'src/posts/posts.controller.ts': controller,
      'src/app.module.ts': [
        `import { Module } from '@nestjs/common';`,
        `import { APP_GUARD } from '@nestjs/core';`,
        `import { JwtAuthGuard } from './auth/jwt-auth.guard';`,
        `@Module({ providers: [{ provide: APP_GUARD, useClass: JwtAuthGuard }] })`,
        `export class AppModule {}`,
      ].join('\n'),
    });
    expect(routes).toEqual(['DELETE /posts/:id required', 'GET /posts none public', 'POST /posts required']);
  });

  it('a global roles guard alone guards only the routes that declare roles', async () => {
    const routes = await summaryOf({
      'package.json': NEST,
      'src/roles/roles.controller.ts': [
        `import { Controller, Get, Post, Body } from '@nestjs/common';`,
        `import { Roles } from './roles.decorator';`,
        `@Controller('roles')`,
        `export class RolesController {`,
        `  @Roles('ADMIN')`,
        `  @Get()`,
        `  findAll() { return this.rolesService.findAll(); }`,
        `  @Post('create')`,
        `  create(@Body() dto: CreateRoleDto) { return this.rolesService.create(dto); }`,
        `}`,
      ].join('\n'),
      'src/app.module.ts': `import { Module } from '@nestjs/common';\nimport { APP_GUARD } from '@nestjs/core';\nimport { RolesGuard } from './roles/roles.guard';\n@Module({ providers: [{ provide: APP_GUARD, useClass: RolesGuard }] })\nexport class AppModule {}\n`,
    });
    expect(routes).toEqual(['GET /roles required', 'POST /roles/create none']);
  });

  it('reads class-level guards and @Roles', async () => {
    const routes = await routesOf({
      'package.json': NEST,
      'src/admin/admin.controller.ts': [
        `import { Controller, Get, UseGuards } from '@nestjs/common';`,
        `@Controller('admin')`,
        `@UseGuards(JwtAuthGuard, RolesGuard)`,
        `export class AdminController {`,
        `  @Roles('admin')`,
        `  @Get('users')`,
        `  users() { return this.usersService.findAll(); }`,
        `}`,
      ].join('\n'),
    });
    expect(routes.map((r) => [r.path, r.auth, r.roleCheck])).toEqual([['/admin/users', 'required', "`@Roles('admin')` (src/admin/admin.controller.ts:5)"]]);
  });

  it('reads decorators composed with applyDecorators in another file, and only those that apply a guard', async () => {
    const routes = await routesOf({
      'package.json': NEST,
      'src/auth/auth.decorator.ts': [
        `import { applyDecorators, UseGuards, SetMetadata } from '@nestjs/common';`,
        `import { JwtAuthGuard } from './jwt-auth.guard';`,
        `import { RolesGuard } from './roles.guard';`,
        `export function Auth(...roles: string[]) {`,
        `  return applyDecorators(SetMetadata('roles', roles), UseGuards(JwtAuthGuard, RolesGuard));`,
        `}`,
        `export const Cached = (ttl: number) => applyDecorators(SetMetadata('ttl', ttl));`,
      ].join('\n'),
      'src/orders/orders.controller.ts': [
        `import { Controller, Get, Post, Body } from '@nestjs/common';`,
        `import { Auth, Cached } from '../auth/auth.decorator';`,
        `@Controller('orders')`,
        `export class OrdersController {`,
        `  @Auth('buyer')`,
        `  @Post()`,
        `  create(@Body() dto: CreateOrderDto) { return this.ordersService.create(dto); }`,
        `  @Cached(60)`,
        `  @Get()`,
        `  findAll() { return this.ordersService.findAll(); }`,
        `}`,
      ].join('\n'),
    });
    expect(routes.map((r) => [r.method, r.path, r.auth, r.evidence, r.roleCheck])).toEqual([
      ['POST', '/orders', 'required', '`@Auth()` applies `UseGuards(JwtAuthGuard)` (src/auth/auth.decorator.ts:5)', '`UseGuards(RolesGuard)` (src/auth/auth.decorator.ts:5)'],
      ['GET', '/orders', 'none', expect.stringContaining('no auth middleware'), undefined],
    ]);
  });
});

describe('Hono, Fastify and Koa route inventory', () => {
  it('Hono: app.use with a path glob protects the matching routes', async () => {
    const routes = await summaryOf({
      'package.json': pkg({ hono: '4.6.9' }),
      'src/index.ts': [
        `import { Hono } from 'hono';`,
        `import { jwt } from 'hono/jwt';`,
        `import { db } from './db';`,
        `const app = new Hono();`,
        `app.use('/api/*', jwt({ secret: process.env.JWT_SECRET! }));`,
        `app.post('/api/notes', async (c) => c.json(await db.insert(notes).values(await c.req.json())));`,
        `app.post('/guestbook', async (c) => c.json(await db.insert(entries).values(await c.req.json())));`,
        `export default app;`,
      ].join('\n'),
    });
    expect(routes).toEqual(['POST /api/notes required', 'POST /guestbook none']);
  });

  /** A Hono app in `src/index.ts` with `hono/jwt` and `hono/cors` imported; `lines` register its middleware and routes. */
  const honoApp = (lines: string[]) =>
    summaryOf({
      'package.json': pkg({ hono: '4.6.9' }),
      'src/index.ts': [`import { Hono } from 'hono';`, `import { jwt } from 'hono/jwt';`, `import { cors } from 'hono/cors';`, `import { db } from './db';`, `const app = new Hono();`, ...lines, `export default app;`].join('\n'),
    });
  const DELETE_NOTE = `app.delete('/notes/:id', async (c) => c.json(await db.delete(notes).where(eq(notes.id, c.req.param('id')))));`;

  it("Hono: app.use('/posts', auth) guards that path alone, not the routes below it; '/posts/*' guards those", async () => {
    const routes = await honoApp([
      `app.use('/posts', jwt({ secret: process.env.JWT_SECRET! }));`,
      `app.use('/notes/*', jwt({ secret: process.env.JWT_SECRET! }));`,
      `app.post('/posts', async (c) => c.json(await db.insert(posts).values(await c.req.json())));`,
      `app.delete('/posts/:id', async (c) => c.json(await db.delete(posts).where(eq(posts.id, c.req.param('id')))));`,
      DELETE_NOTE,
    ]);
    expect(routes).toEqual(['DELETE /notes/:id required', 'DELETE /posts/:id none', 'POST /posts required']);
  });

  it("Hono: a middleware kept in a const (`const auth = jwt(…)` from `hono/jwt`) is middleware, not an app", async () => {
    const routes = await honoApp([
      `const auth = jwt({ secret: process.env.JWT_SECRET! });`,
      `app.use('*', cors());`,
      `app.use('/notes/*', auth);`,
      DELETE_NOTE,
      `app.post('/feedback', async (c) => c.json(await db.insert(feedback).values(await c.req.json())));`,
    ]);
    expect(routes).toEqual(['DELETE /notes/:id required', 'POST /feedback none']);
  });

  it('Hono: a middleware that compares a header with a secret lets only key holders through, who prove no identity', async () => {
    const routes = await routesOf({
      'package.json': pkg({ hono: '4.6.9' }),
      'src/admin.ts': [
        `import { Hono } from 'hono';`,
        `export const admin = new Hono();`,
        `admin.use('*', async (c, next) => {`,
        `  const got = c.req.header('x-admin-key');`,
        `  if (!got || got !== c.env.ADMIN_KEY) return c.json({ error: 'forbidden' }, 403);`,
        `  await next();`,
        `});`,
        `admin.get('/fixture/:fixtureId', async (c) => c.json(await c.env.DB.prepare('SELECT * FROM predictions WHERE fixture_id = ?').bind(c.req.param('fixtureId')).all()));`,
      ].join('\n'),
    });
    expect(routes.map((r) => [r.method, r.path, r.auth, r.callerProof])).toEqual([['GET', '/fixture/:fixtureId', 'required', 'signature']]);
    expect(routes[0].evidence).toContain('compares a header with a secret');
  });

  it('Hono: chained registrations, and jwt() applied by a middleware only to paths that contain a word', async () => {
    const routes = await summaryOf({
      'package.json': pkg({ hono: '4.6.9' }),
      'src/index.ts': [
        `import { Hono } from 'hono';`,
        `import { csrf } from 'hono/csrf';`,
        `import { jwt } from 'hono/jwt';`,
        `import { todos } from './todos';`,
        `const app = new Hono();`,
        `app`,
        `  .use('/api/*', csrf())`,
        `  .use('*', async (c, next) => {`,
        `    if (c.req.path.includes('protected')) return jwt({ secret: process.env.JWT_SECRET!, cookie: 'authToken' })(c, next);`,
        `    await next();`,
        `  })`,
        `  .route('/api/protected', todos)`,
        `  .route('/api/public', todos)`,
        `  .get('/health', (c) => c.json({ ok: true }));`,
        `export default app;`,
      ].join('\n'),
      'src/todos.ts': [
        `import { Hono } from 'hono';`,
        `import { db } from './db';`,
        `export const todos = new Hono();`,
        `todos`,
        `  .post('/todos', async (c) => c.json(await db.insert(todoTable).values(await c.req.json())))`,
        `  .get('/todos', async (c) => c.json(await db.select().from(todoTable)));`,
      ].join('\n'),
    });
    expect(routes).toEqual([
      'GET /api/protected/todos required',
      'GET /api/public/todos none public',
      'GET /health none public',
      'POST /api/protected/todos required',
      'POST /api/public/todos none',
    ]);
  });

  it("Hono: a jwt middleware made in a middleware from the environment (Hono's docs) and called with (c, next) guards its routes", async () => {
    const routes = await summaryOf({
      'package.json': pkg({ hono: '4.6.9' }),
      'src/index.js': [
        `import { Hono } from 'hono';`,
        `import { jwt } from 'hono/jwt';`,
        `const app = new Hono();`,
        `app.use('/v1/*', (c, next) => {`,
        `  const jwtMiddleware = jwt({ secret: c.env.JWT_SECRET });`,
        `  return jwtMiddleware(c, next);`,
        `});`,
        `app.use('/v2/*', (c, next) => {`,
        `  const logger = makeLogger({ level: 'info' });`,
        `  return logger(c, next);`,
        `});`,
        `app.post('/v1/notes', async (c) => c.json(await c.env.DB.prepare('INSERT INTO notes (body) VALUES (?)').bind('x').run()));`,
        `app.post('/v2/notes', async (c) => c.json(await c.env.DB.prepare('INSERT INTO notes (body) VALUES (?)').bind('x').run()));`,
        `export default app;`,
      ].join('\n'),
    });
    expect(routes).toEqual(['POST /v1/notes required', 'POST /v2/notes none']);
  });

  it('Hono: a middleware that calls verify from hono/jwt, and one that lets only a signed-in user through with else-reject', async () => {
    const routes = await summaryOf({
      'package.json': pkg({ hono: '4.6.9' }),
      'src/blog.ts': [
        `import { Hono } from 'hono';`,
        `import { verify } from 'hono/jwt';`,
        `import { db } from './db';`,
        `export const blog = new Hono();`,
        `blog.use('/*', async (c, next) => {`,
        `  const payload = await verify(c.req.header('authorization') ?? '', c.env.JWT_SECRET);`,
        `  c.set('userId', payload.id);`,
        `  await next();`,
        `});`,
        `blog.post('/', async (c) => c.json(await db.insert(posts).values(await c.req.json())));`,
      ].join('\n'),
      'src/notes.ts': [
        `import { Hono } from 'hono';`,
        `import { getUserFromCookie } from './session';`,
        `import { db } from './db';`,
        `export const notes = new Hono();`,
        `notes.use('/*', async (c, next) => {`,
        `  const user = await getUserFromCookie(c);`,
        `  if (user && user.active) {`,
        `    c.set('user', user);`,
        `    await next();`,
        `  } else {`,
        `    return c.json({ error: 'Sign in' }, 401);`,
        `  }`,
        `});`,
        `notes.post('/', async (c) => c.json(await db.insert(notesTable).values(await c.req.json())));`,
      ].join('\n'),
      'src/index.ts': [
        `import { Hono } from 'hono';`,
        `import { blog } from './blog';`,
        `import { notes } from './notes';`,
        `import { verify } from './crypto';`,
        `import { db } from './db';`,
        `const app = new Hono();`,
        `app.route('/blog', blog);`,
        `app.route('/notes', notes);`,
        `app.post('/signed', async (c) => { verify(await c.req.text()); return c.json(await db.insert(entries).values(await c.req.json())); });`,
        `export default app;`,
      ].join('\n'),
    });
    expect(routes).toEqual(['POST /blog required', 'POST /notes required', 'POST /signed none']);
  });

  it('Fastify: hooks of a plugin scope, preHandler options and prefixes', async () => {
    const routes = await routesOf({
      'package.json': pkg({ fastify: '5.1.0', '@fastify/jwt': '9.0.1' }),
      'src/routes/notes.ts': [
        `export default async function notesRoutes(fastify) {`,
        `  fastify.addHook('onRequest', async (request, reply) => {`,
        `    await request.jwtVerify();`,
        `  });`,
        `  fastify.delete('/:id', async (request) => fastify.pg.query('DELETE FROM notes WHERE id = $1', [request.params.id]));`,
        `}`,
      ].join('\n'),
      'src/server.ts': [
        `import Fastify from 'fastify';`,
        `import notesRoutes from './routes/notes';`,
        `const app = Fastify();`,
        `app.register(notesRoutes, { prefix: '/notes' });`,
        `app.post('/comments', { preHandler: [app.authenticate] }, async (req) => app.pg.query('INSERT INTO comments (body) VALUES ($1)', [req.body.text]));`,
        `app.post('/votes', async (req) => app.pg.query('INSERT INTO votes (post) VALUES ($1)', [req.body.post]));`,
      ].join('\n'),
    });
    const got = Object.fromEntries(routes.map((r) => [`${r.method} ${r.path}`, r.auth]));
    expect(got).toEqual({ 'DELETE /notes/:id': 'required', 'POST /comments': 'required', 'POST /votes': 'none' });
    expect(routes.find((r) => r.path === '/votes')!.touches.map((t) => `${t.kind}:${t.target}`)).toEqual(['write:votes']);
  });

  it('Fastify: a plugin that only defines an authenticate decorator guards no route; one that adds a hook guards its scope', async () => {
    const routes = await summaryOf({
      'package.json': pkg({ fastify: '5.1.0', '@fastify/jwt': '9.0.1', 'fastify-plugin': '5.0.1' }),
      'src/plugins/jwt.ts': [
        `import fp from 'fastify-plugin';`,
        `import jwt from '@fastify/jwt';`,
        `export default fp(async (fastify) => {`,
        `  await fastify.register(jwt, { secret: process.env.JWT_SECRET });`,
        `  fastify.decorate('authenticate', async (request, reply) => {`,
        `    try { await request.jwtVerify(); } catch (err) { reply.send(err); }`,
        `  });`,
        `});`,
      ].join('\n'),
      'src/routes/upload.ts': [
        `export default async function uploadRoutes(fastify) {`,
        `  fastify.post('/api/upload', async (req) => Document.create({ url: req.body.url }));`,
        `  fastify.get('/api/documents', { preHandler: [fastify.authenticate] }, async (req) => Document.find({ owner: req.user.id }));`,
        `}`,
      ].join('\n'),
      'src/routes/admin.ts': [
        `export default async function adminRoutes(fastify) {`,
        `  fastify.addHook('onRequest', fastify.authenticate);`,
        `  fastify.delete('/api/admin/documents/:id', async (req) => Document.findByIdAndDelete(req.params.id));`,
        `}`,
      ].join('\n'),
      'src/server.ts': [
        `import Fastify from 'fastify';`,
        `import jwtPlugin from './plugins/jwt';`,
        `import uploadRoutes from './routes/upload';`,
        `import adminRoutes from './routes/admin';`,
        `const app = Fastify();`,
        `await app.register(jwtPlugin);`,
        `app.register(uploadRoutes);`,
        `app.register(adminRoutes);`,
      ].join('\n'),
    });
    expect(routes).toEqual(['DELETE /api/admin/documents/:id required', 'GET /api/documents required', 'POST /api/upload none']);
  });

  it('Fastify: @fastify/autoload mounts a folder of route plugins under its prefix and folder names, inside the scope of the hooks beside it', async () => {
    const routes = await summaryOf({
      'package.json': pkg({ fastify: '5.1.0', '@fastify/autoload': '6.0.2', '@fastify/jwt': '9.0.1' }),
      'src/infrastructure/server.ts': [
        `import autoLoad from '@fastify/autoload';`,
        `import { join } from 'path';`,
        `export default async function (app) {`,
        `  app.register(autoLoad, { dir: join(__dirname, 'http/routes'), options: { prefix: '/api' } });`,
        `  app.addHook('onRequest', async (request) => {`,
        `    await request.jwtVerify();`,
        `  });`,
        `}`,
      ].join('\n'),
      'src/infrastructure/http/routes/v1/booking/delete.ts': [
        `const routes = async (app) => {`,
        `  app.delete('/:bookingId', async ({ params: { bookingId } }) => app.pg.query('DELETE FROM bookings WHERE id = $1', [bookingId]));`,
        `};`,
        `export default routes;`,
      ].join('\n'),
      'src/public/server.ts': [
        `const autoload = require('@fastify/autoload');`,
        `const path = require('path');`,
        `module.exports = async function (app) {`,
        `  app.register(autoload, { dir: path.join(__dirname, '..', 'open'), dirNameRoutePrefix: false });`,
        `};`,
      ].join('\n'),
      'src/open/v2/notes.ts': [
        `export default async function (app) {`,
        `  app.post('/notes', async (req) => app.pg.query('INSERT INTO notes (body) VALUES ($1)', [req.body.text]));`,
        `}`,
      ].join('\n'),
      'src/app.ts': [
        `import Fastify from 'fastify';`,
        `import server from './infrastructure/server';`,
        `import open from './public/server';`,
        `const app = Fastify();`,
        `app.register(server);`,
        `app.register(open);`,
      ].join('\n'),
    });
    expect(routes).toEqual(['DELETE /api/v1/booking/:bookingId required', 'POST /notes none']);
  });

  it('Koa: router prefix, router.use(auth) and app.use(router.routes())', async () => {
    const routes = await summaryOf({
      'package.json': pkg({ koa: '2.15.3', '@koa/router': '13.1.0', 'koa-jwt': '4.0.4' }),
      'src/app.js': [
        `const Koa = require('koa');`,
        `const Router = require('@koa/router');`,
        `const jwt = require('koa-jwt');`,
        `const app = new Koa();`,
        `const open = new Router({ prefix: '/public' });`,
        `open.post('/subscribe', async (ctx) => { ctx.body = await Subscriber.create(ctx.request.body); });`,
        `const api = new Router({ prefix: '/api' });`,
        `api.use(jwt({ secret: process.env.JWT_SECRET }));`,
        `api.put('/profile', async (ctx) => { ctx.body = await Profile.update(ctx.request.body, { where: { id: ctx.state.user.id } }); });`,
        `app.use(open.routes());`,
        `app.use(api.routes());`,
      ].join('\n'),
    });
    expect(routes).toEqual(['POST /public/subscribe none', 'PUT /api/profile required']);
  });

  it('itty-router: routes registered on a router imported from another file, with middleware before the handler', async () => {
    const routes = await summaryOf({
      'package.json': pkg({ 'itty-router': '4.0.27' }),
      'src/index.ts': [
        `import { Router, error } from 'itty-router';`,
        `import { notesRoutes } from './routes/notes';`,
        `export const router = Router();`,
        `notesRoutes();`,
        `export default { fetch: (request, env, ctx) => router.handle(request, env, ctx).catch(error) };`,
      ].join('\n'),
      'src/auth.ts': `import { verify } from '@tsndr/cloudflare-worker-jwt';\nexport const withAuth = async (request, env) => {\n  const token = request.headers.get('Authorization')?.slice(7);\n  if (!token || !(await verify(token, env.JWT_SECRET))) return new Response('Unauthorized', { status: 401 });\n};\n`,
      // A file that registers on the imported router, without importing itty-router itself.
      'src/routes/notes.ts': [
        `import { router } from '../index';`,
        `import { withAuth } from '../auth';`,
        `export const notesRoutes = () => {`,
        `  router.delete('/notes/:id', async (request, env) => env.DB.prepare('DELETE FROM notes WHERE id = ?').bind(request.params.id).run());`,
        `  router.post('/notes', withAuth, async (request, env) => env.DB.prepare('INSERT INTO notes (body) VALUES (?)').bind((await request.json()).body).run());`,
        // A record found by what the client sent, kept in a constant or written out: \`!user\` says nothing of who calls.
        `  router.put('/profile', async (request, env) => {`,
        `    const { email, bio } = await request.json();`,
        `    const user = (await env.DB.prepare(GET_USER_BY_EMAIL).bind(email).all()).results.pop();`,
        `    if (!user) return new Response('Unauthorized', { status: 401 });`,
        `    await env.DB.prepare('UPDATE users SET bio = ? WHERE email = ?').bind(bio, email).run();`,
        `  });`,
        `  router.put('/avatar', async (request, env) => {`,
        `    const body = await request.json();`,
        `    const user = await env.DB.prepare('SELECT * FROM users WHERE email = ?').bind(body.email).first();`,
        `    if (!user) return new Response('Unauthorized', { status: 401 });`,
        `    await env.DB.prepare('UPDATE users SET avatar = ? WHERE id = ?').bind(body.avatar, user.id).run();`,
        `  });`,
        `};`,
      ].join('\n'),
    });
    expect(routes).toEqual(['DELETE /notes/:id none', 'POST /notes required', 'PUT /avatar none', 'PUT /profile none']);
  });
});

describe('tRPC and platform entry points', () => {
  it('tRPC: a guard named for admins is read where it is defined; one that checks only a session makes an admin procedure any user can call', async () => {
    const files = {
      'package.json': pkg({ '@trpc/server': '11.0.0-rc.608', next: '15.0.3' }),
      'src/server/trpc.ts': [
        `import { initTRPC, TRPCError } from '@trpc/server';`,
        `export const t = initTRPC.context().create();`,
        `export const adminAuth = t.middleware(async ({ next, ctx }) => {`,
        `  if (!ctx.userId) throw new TRPCError({ code: 'UNAUTHORIZED' });`,
        `  return next();`,
        `});`,
        `export const staffProcedure = t.procedure.use(({ ctx, next }) => {`,
        `  if (!ctx.session?.user) throw new TRPCError({ code: 'UNAUTHORIZED' });`,
        `  if (ctx.session.user.role !== 'ADMIN') throw new TRPCError({ code: 'FORBIDDEN' });`,
        `  return next();`,
        `});`,
        `export const adminProcedure = staffProcedure;`,
      ].join('\n'),
      'src/server/routers/tests.ts': [
        `import { t, adminAuth, adminProcedure } from '../trpc';`,
        `import { superAdminProcedure } from 'some-starter-kit';`,
        `export const testsRouter = t.router({`,
        `  answers: t.procedure.use(adminAuth).query(({ ctx }) => ctx.prisma.question.findMany()),`,
        `  remove: adminProcedure.mutation(({ ctx, input }) => ctx.prisma.test.delete({ where: { id: input } })),`,
        `  purge: superAdminProcedure.mutation(({ ctx }) => ctx.prisma.test.deleteMany()),`,
        `});`,
      ].join('\n'),
    };
    const routes = await routesOf(files);
    expect(routes.map((r) => [r.path, r.auth, r.roleCheck ? 'role' : '-', r.adminGuard ? 'admin guard' : '-'])).toEqual([
      ['tests.answers', 'required', '-', 'admin guard'],
      ['tests.remove', 'required', 'role', '-'],
      ['tests.purge', 'required', 'role', '-'],
    ]);
    const found = await findingsOf('admin-route-without-role-check', { files });
    expect(found.map((f) => `${f.file}:${f.range.startLine} ${f.messageId}`)).toEqual(['src/server/routers/tests.ts:4 anyUserAdmin']);
  });

  it('tRPC: publicProcedure is open, protectedProcedure needs a session', async () => {
    const routes = await routesOf({
      'package.json': pkg({ '@trpc/server': '11.0.0-rc.608', next: '15.0.3' }),
      'src/server/api/routers/post.ts': [
        `import { z } from 'zod';`,
        `import { createTRPCRouter, protectedProcedure, publicProcedure } from '@/server/api/trpc';`,
        `export const postRouter = createTRPCRouter({`,
        `  latest: publicProcedure.query(({ ctx }) => ctx.db.post.findFirst()),`,
        `  create: protectedProcedure.input(z.object({ name: z.string() })).mutation(({ ctx, input }) => ctx.db.post.create({ data: { name: input.name } })),`,
        `  remove: publicProcedure.input(z.string()).mutation(({ ctx, input }) => ctx.db.post.delete({ where: { id: input } })),`,
        `});`,
      ].join('\n'),
    });
    expect(routes.map((r) => `${r.method} ${r.path} ${r.auth} ${r.line}`)).toEqual(['QUERY post.latest none 4', 'MUTATION post.create required 5', 'MUTATION post.remove none 6']);
  });

  it('tRPC: procedures of routers nested in the root router are named by the path a client calls', async () => {
    const routes = await summaryOf({
      'package.json': pkg({ '@trpc/server': '11.0.0', express: '4.21.1' }),
      'server/routers.ts': [
        `import { router, publicProcedure, adminProcedure } from './_core/trpc';`,
        `export const appRouter = router({`,
        `  orders: router({ list: adminProcedure.query(() => db.select().from(orders)) }),`,
        `  catalog: router({ items: router({ all: publicProcedure.query(() => db.select().from(products)) }) }),`,
        `});`,
      ].join('\n'),
    });
    expect(routes).toEqual(['QUERY catalog.items.all none public', 'QUERY orders.list required']);
  });

  it('tRPC: a procedure kept in a constant of its own is named by the constant', async () => {
    const routes = await summaryOf({
      'package.json': pkg({ '@trpc/server': '11.0.0', express: '4.21.1' }),
      'server/controllers/auth.ts': [
        `import { publicProcedure } from '../trpc';`,
        `export const emailVerify = publicProcedure.mutation(async ({ input }) => prisma.otp.delete({ where: { email: input.email } }));`,
      ].join('\n'),
    });
    expect(routes).toEqual(['MUTATION emailVerify none']);
  });

  it('Supabase Edge Functions, Parse Cloud Code and Firebase functions', async () => {
    const routes = await summaryOf({
      'package.json': pkg({ 'parse-server': '7.3.0', 'firebase-functions': '6.1.0', 'firebase-admin': '12.7.0' }),
      'supabase/functions/invite/index.ts': [
        `import { createClient } from 'npm:@supabase/supabase-js@2';`,
        `Deno.serve(async (req) => {`,
        `  const supabase = createClient(Deno.env.get('SUPABASE_URL')!, Deno.env.get('SUPABASE_ANON_KEY')!, { global: { headers: { Authorization: req.headers.get('Authorization')! } } });`,
        `  const { data: { user } } = await supabase.auth.getUser();`,
        `  if (!user) return new Response('Unauthorized', { status: 401 });`,
        `  return Response.json(await supabase.from('invites').insert({ by: user.id }));`,
        `});`,
      ].join('\n'),
      'supabase/functions/stats/index.ts': `Deno.serve(async () => Response.json({ ok: true }));\n`,
      'cloud/main.js': [
        `Parse.Cloud.define('addReview', async (request) => new Parse.Object('Review').save(request.params));`,
        `Parse.Cloud.define('myOrders', async (request) => {`,
        `  if (!request.user) throw new Parse.Error(Parse.Error.SESSION_MISSING, 'Sign in');`,
        `  return new Parse.Query('Order').equalTo('user', request.user).find({ sessionToken: request.user.getSessionToken() });`,
        `});`,
        `Parse.Cloud.define('cancel', async (request) => null, { requireUser: true });`,
        `Parse.Cloud.beforeSave('Order', async (request) => {});`,
      ].join('\n'),
      'functions/index.js': [
        `const functions = require('firebase-functions/v1');`,
        `exports.addMessage = functions.https.onCall(async (data, context) => {`,
        `  if (!context.auth) throw new functions.https.HttpsError('unauthenticated', 'Sign in');`,
        `  return { ok: true };`,
        `});`,
        `exports.resetCounters = functions.https.onRequest(async (req, res) => { res.send('ok'); });`,
        // Options chained before the trigger: a region, memory or secrets.
        `exports.ask = functions.region('europe-west1').https.onCall(async (data) => ({ answer: data.prompt }));`,
        `exports.report = functions.runWith({ memory: '1GB' }).https.onRequest(async (req, res) => { res.send('ok'); });`,
      ].join('\n'),
      'functions/src/gemini.ts': `import * as functions from 'firebase-functions/v2/https';\nexport const callGemini = functions.onCall({ secrets: ['KEY'] }, async (request) => ({ answer: request.data.prompt }));\n`,
    });
    expect(routes).toEqual([
      'ANY /functions/v1/invite required',
      'ANY /functions/v1/stats none',
      'ANY /report none',
      'ANY /resetCounters none',
      'CALL /addMessage required',
      'CALL /ask none',
      'CALL /callGemini none',
      'CALL /functions/addReview none',
      'CALL /functions/cancel required',
      'CALL /functions/myOrders required',
      'TRIGGER beforeSave Order none',
    ]);
  });
});

describe('Elysia', () => {
  it('reads routes chained on an instance, groups, guards, hooks in route options and mounted instances', async () => {
    const routes = await summaryOf({
      'package.json': pkg({ elysia: '1.1.0', '@elysiajs/jwt': '1.1.0', '@prisma/client': '5.22.0' }),
      'src/users.ts': [
        `import { Elysia } from 'elysia';`,
        `export const users = new Elysia({ prefix: '/users' })`,
        `  .get('/all', () => db.user.findMany())`,
        `  .delete('/:id', ({ params }) => db.user.delete({ where: { id: params.id } }), { beforeHandle: ({ set, profile }) => { if (!profile) { set.status = 401; return 'Unauthorized'; } } })`,
        // A token only looked for, never verified, is no sign-in check.
        `  .patch('/:id', ({ params, body }) => db.user.update({ where: { id: params.id }, data: body }), { beforeHandle: ({ set, headers }) => { const token = headers.authorization; if (!token) { set.status = 401; return 'Unauthorized'; } } });`,
      ].join('\n'),
      'src/server.ts': [
        `import { Elysia } from 'elysia';`,
        `import { jwt } from '@elysiajs/jwt';`,
        `import { users } from './users';`,
        `const app = new Elysia()`,
        `  .use(jwt({ name: 'jwt', secret: process.env.JWT_SECRET! }))`,
        `  .derive(async ({ jwt, headers }) => ({ profile: await jwt.verify(headers.authorization) }))`,
        `  .post('/signup', ({ body }) => db.user.create({ data: body }))`,
        `  .group('/posts', (app) => app.post('/', ({ body }) => db.post.create({ data: body })))`,
        `  .guard({ beforeHandle: ({ set, profile }) => { if (!profile) { set.status = 401; return 'Unauthorized'; } } }, (app) =>`,
        `    app.delete('/posts/:id', ({ params }) => db.post.delete({ where: { id: params.id } })))`,
        `  .use(users)`,
        `  .listen(3000);`,
      ].join('\n'),
    });
    expect(routes).toEqual(['DELETE /posts/:id required', 'DELETE /users/:id required', 'GET /users/all none', 'PATCH /users/:id none', 'POST /posts none', 'POST /signup none public']);
  });
});

describe('Firebase functions whose handler is written in another module', () => {
  it('reads the imported handler, and not an Express app the function serves', async () => {
    const routes = await routesOf({
      'package.json': pkg({ 'firebase-functions': '6.0.1', 'firebase-admin': '12.6.0', express: '4.21.1' }),
      'functions/index.js': [
        `const functions = require('firebase-functions');`,
        `const express = require('express');`,
        `const createPin = require('./src/create_pin');`,
        `const checkIn = require('./src/check_in');`,
        `const app = express();`,
        `app.get('/ping', (req, res) => res.send('ok'));`,
        `exports.createPin = functions.https.onRequest(createPin);`,
        `exports.checkIn = functions.https.onRequest(checkIn);`,
        `exports.api = functions.https.onRequest(app);`,
      ].join('\n'),
      'functions/src/create_pin.js': `const admin = require('firebase-admin');\nmodule.exports = async (req, res) => {\n  await admin.firestore().collection('walletPins').doc(req.body.userId).set({ pin: req.body.pin });\n  res.json({ ok: true });\n};\n`,
      'functions/src/check_in.js': `const admin = require('firebase-admin');\nmodule.exports = async (req, res) => {\n  const token = req.headers.authorization?.split('Bearer ')[1];\n  if (!token) return res.status(401).end();\n  const user = await admin.auth().verifyIdToken(token);\n  await admin.firestore().collection('checkins').add({ uid: user.uid });\n  res.json({ ok: true });\n};\n`,
    });
    const got = Object.fromEntries(routes.map((r) => [`${r.method} ${r.path}`, [r.auth, r.handler.file, r.touches.map((t) => `${t.kind}:${t.target}`).join(',')]]));
    expect(got).toEqual({
      'ANY /checkIn': ['required', 'functions/src/check_in.js', 'write:checkins'],
      'ANY /createPin': ['none', 'functions/src/create_pin.js', 'write:walletPins'],
      'GET /ping': ['none', 'functions/index.js', ''],
    });
  });
});

describe('Socket.IO events as entry points', () => {
  const SOCKET = pkg({ express: '4.21.1', 'socket.io': '4.8.1', mongoose: '8.8.0', jsonwebtoken: '9.0.2' });
  const server = (before: string[], connection: string[]) =>
    [
      `const http = require('http');`,
      `const jwt = require('jsonwebtoken');`,
      `const { Server } = require('socket.io');`,
      `const Bid = require('./models/Bid');`,
      `const io = new Server(http.createServer());`,
      ...before,
      `io.on('connection', (socket) => {`,
      ...connection.map((l) => `  ${l}`),
      `  socket.on('place_bid', async ({ auctionId, amount }) => { await Bid.create({ auctionId, amount }); });`,
      `  socket.on('disconnect', () => console.log('left'));`,
      `});`,
    ].join('\n');
  const verifyingMiddleware = [
    `io.use((socket, next) => {`,
    `  try { socket.user = jwt.verify(socket.handshake.auth.token, process.env.JWT_SECRET); next(); }`,
    `  catch { next(new Error('unauthorized')); }`,
    `});`,
  ];

  it('lists each event a client may emit, not the ones Socket.IO raises, and leaves them open without a check', async () => {
    const routes = await routesOf({ 'package.json': SOCKET, 'server.js': server([], [`socket.on('join', (room) => socket.join(room));`]) });
    expect(routes.map((r) => `${r.method} ${r.path} ${r.auth} ${r.framework} ${r.line}`)).toEqual(['EVENT join none socket.io 7', 'EVENT place_bid none socket.io 8']);
    expect(routes[1].evidence).toBe('no `io.use` middleware or check in the connection callback verifies the client, and the handler (server.js:8-8) checks none (server.js:6)');
    expect(routes[1].touches.map((t) => `${t.kind}:${t.target}`)).toEqual(['write:Bid']);
  });

  it('an io.use middleware that verifies the token decides for every event', async () => {
    const routes = await routesOf({ 'package.json': SOCKET, 'server.js': server(verifyingMiddleware, []) });
    expect(routes.map((r) => `${r.path} ${r.auth}`)).toEqual(['place_bid required']);
    expect(routes[0].evidence).toBe('`io.use` middleware: `jwt.verify` verifies the token (server.js:7)');
  });

  it('middleware passed by name is judged by its definition', async () => {
    const named = (body: string) => [`io.use(authenticateSocket);`, `function authenticateSocket(socket, next) {`, body, `}`];
    const verifies = await summaryOf({ 'package.json': SOCKET, 'server.js': server(named(`  socket.user = jwt.verify(socket.handshake.auth.token, process.env.JWT_SECRET); next();`), []) });
    expect(verifies).toEqual(['EVENT place_bid required']);
    const logs = await summaryOf({ 'package.json': SOCKET, 'server.js': server(named(`  console.log(socket.id); next();`), []) });
    expect(logs).toEqual(['EVENT place_bid none']);
  });

  it('a check at the start of the connection callback counts; one inside a single event handler does not', async () => {
    const atConnection = await summaryOf({
      'package.json': SOCKET,
      'server.js': server([], [`const user = jwt.verify(socket.handshake.auth.token, process.env.JWT_SECRET);`]),
    });
    expect(atConnection).toEqual(['EVENT place_bid required']);
    const inHandler = await summaryOf({
      'package.json': SOCKET,
      'server.js': server([], [`socket.on('authenticate', (token) => { socket.user = jwt.verify(token, process.env.JWT_SECRET); });`]),
    });
    expect(inHandler).toEqual(['EVENT authenticate required', 'EVENT place_bid none']);
  });

  it("events registered in a file of their own take their package's server; without one they are undecided", async () => {
    const handlers = [
      `const Message = require('../models/Message');`,
      `module.exports = (io, socket) => {`,
      `  socket.on('chat:send', async (payload) => { await Message.create({ room: payload.room, text: payload.text }); });`,
      `};`,
    ].join('\n');
    const withServer = await summaryOf({
      'package.json': SOCKET,
      'server.js': [`const { Server } = require('socket.io');`, `const jwt = require('jsonwebtoken');`, `const registerChat = require('./handlers/chat');`, `const io = new Server(3000);`, ...verifyingMiddleware, `io.on('connection', (socket) => registerChat(io, socket));`].join('\n'),
      'handlers/chat.js': handlers,
    });
    expect(withServer).toEqual(['EVENT chat:send required']);
    expect(await summaryOf({ 'package.json': SOCKET, 'handlers/chat.js': handlers })).toEqual(['EVENT chat:send unknown']);
  });

  it('a module given the socket with more than `(io, socket)`, or the socket alone, registers events in a Socket.IO package only', async () => {
    const files = {
      'socketEvents/send_message.js': [
        `module.exports = (io, socket, pool) => {`,
        `  socket.on('send_message', async (data) => { await pool.query('INSERT INTO messages(content, authorno) VALUES ($1, $2)', [data.content, data.authorId]); });`,
        `};`,
      ].join('\n'),
      'src/SocketServer.js': [`export default function (socket) {`, `  socket.on('send message', (message) => socket.in(message.to).emit('receive message', message));`, `}`].join('\n'),
    };
    expect(await summaryOf({ 'package.json': SOCKET, ...files })).toEqual(['EVENT send message unknown', 'EVENT send_message unknown']);
    expect(await summaryOf({ 'package.json': pkg({ express: '4.21.1', pg: '8.13.1' }), ...files })).toEqual(['EVENT send_message unknown']);
  });

  it('namespaces count, a ws server beside them is its own kind, and Socket.IO clients do not count', async () => {
    const routes = await summaryOf({
      'package.json': pkg({ 'socket.io': '4.8.1', 'socket.io-client': '4.8.1', ws: '8.18.0', pg: '8.13.1' }),
      'server/admin.js': [
        `const { Server } = require('socket.io');`,
        `const db = require('./db');`,
        `const io = new Server(3000);`,
        `io.of('/admin').on('connection', (socket) => {`,
        `  socket.on('ban', async (id) => { await db.query('UPDATE users SET banned = true WHERE id = $1', [id]); });`,
        `});`,
      ].join('\n'),
      'server/feed.js': [
        `const { WebSocketServer } = require('ws');`,
        `const wss = new WebSocketServer({ port: 8080 });`,
        `wss.on('connection', (ws) => { ws.on('message', (data) => console.log(data)); });`,
      ].join('\n'),
      'server/bot.js': [`const { io } = require('socket.io-client');`, `const socket = io('https://example.com');`, `socket.on('message', (m) => console.log(m));`].join('\n'),
    });
    expect(routes).toEqual(['EVENT ban none', 'EVENT message none']);
  });
});

describe('ws servers: client messages as entry points', () => {
  const WS = pkg({ ws: '8.18.0', mongodb: '6.10.0', jsonwebtoken: '9.0.2', express: '4.21.1', 'express-ws': '5.0.2' });
  const server = (options: string, before: string[], connection: string[]) =>
    [
      `const { WebSocketServer } = require('ws');`,
      `const jwt = require('jsonwebtoken');`,
      `const http = require('http');`,
      `const server = http.createServer();`,
      `const wss = new WebSocketServer(${options});`,
      ...before,
      `wss.on('connection', (ws, req) => {`,
      ...connection.map((l) => `  ${l}`),
      `  ws.on('message', async (raw) => { const data = JSON.parse(raw.toString()); await db.collection('readings').insertOne(data); });`,
      `  ws.on('close', () => console.log('closed'));`,
      `});`,
    ].join('\n');

  it("lists a server's messages (by its path when it has one) and leaves them open without a check", async () => {
    const routes = await routesOf({ 'package.json': WS, 'server.js': server(`{ server, path: '/ws' }`, [], []) });
    expect(routes.map((r) => `${r.method} ${r.path} ${r.auth} ${r.framework} ${r.line}`)).toEqual(['EVENT /ws none ws 7']);
    expect(routes[0].evidence).toBe('no `verifyClient` option, `upgrade` handler or check in the connection callback verifies the client, and the handler (server.js:7-7) checks none (server.js:6)');
    expect(routes[0].touches.map((t) => `${t.kind}:${t.target}`)).toEqual(['write:readings']);
  });

  it('a token verified in the connection callback, in verifyClient or in the upgrade handler decides for the messages', async () => {
    const atConnection = await summaryOf({
      'package.json': WS,
      'server.js': server('{ server }', [], [`const token = new URL(req.url, 'http://x').searchParams.get('token');`, `try { ws.user = jwt.verify(token, process.env.JWT_SECRET); } catch { ws.close(4401); return; }`]),
    });
    expect(atConnection).toEqual(['EVENT message required']);
    const verifyClient = await summaryOf({ 'package.json': WS, 'server.js': server(`{ server, verifyClient: (info) => !!jwt.verify(info.req.headers['sec-websocket-protocol'], process.env.JWT_SECRET) }`, [], []) });
    expect(verifyClient).toEqual(['EVENT message required']);
    const upgrade = await summaryOf({
      'package.json': WS,
      'server.js': server('{ noServer: true }', [`server.on('upgrade', (req, socket, head) => {`, `  try { jwt.verify(req.headers.authorization, process.env.JWT_SECRET); } catch { return socket.destroy(); }`, `  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));`, `});`], []),
    });
    expect(upgrade).toEqual(['EVENT message required']);
  });

  it('express-ws routes count, with their middleware; outgoing WebSocket clients do not', async () => {
    const routes = await summaryOf({
      'package.json': WS,
      'server/app.js': [
        `const express = require('express');`,
        `const app = express();`,
        `require('express-ws')(app);`,
        `const Message = require('./models/Message');`,
        `app.ws('/chat', (ws, req) => { ws.on('message', async (msg) => { await Message.create(JSON.parse(msg)); }); });`,
      ].join('\n'),
      'server/feed.js': [`const WebSocket = require('ws');`, `const ws = new WebSocket('wss://stream.example.com');`, `ws.on('message', async (msg) => { await db.collection('ticks').insertOne(JSON.parse(msg)); });`].join('\n'),
    });
    expect(routes).toEqual(['EVENT /chat none']);
  });
});

describe('Netlify functions', () => {
  it('reads Lambda-style handlers, Web-style default exports with their config path, scheduled and edge functions', async () => {
    const routes = await routesOf({
      'package.json': pkg({ vite: '5.4.11', '@netlify/functions': '2.8.2', '@supabase/supabase-js': '2.45.4' }),
      'netlify/functions/package.json': JSON.stringify({ name: 'functions', dependencies: { stripe: '17.3.1' } }),
      'netlify/functions/create-order.ts': [
        `import { createClient } from '@supabase/supabase-js';`,
        `const admin = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);`,
        `export const handler = async (event) => {`,
        `  if (event.httpMethod === 'OPTIONS') return { statusCode: 204 };`,
        `  if (event.httpMethod !== 'POST') return { statusCode: 405 };`,
        `  const { userId, items } = JSON.parse(event.body || '{}');`,
        `  await admin.from('orders').insert({ user_id: userId, items });`,
        `  return { statusCode: 200, body: 'ok' };`,
        `};`,
      ].join('\n'),
      'netlify/functions/me/me.js': [
        `exports.handler = async (event, context) => {`,
        `  const { user } = context.clientContext;`,
        `  if (!user) return { statusCode: 401, body: 'Sign in' };`,
        `  return { statusCode: 200, body: JSON.stringify(user) };`,
        `};`,
      ].join('\n'),
      'netlify/functions/notes.mts': `export default async (req: Request) => Response.json({ ok: true });\nexport const config = { path: '/api/notes' };\n`,
      'netlify/functions/nightly.ts': `import { schedule } from '@netlify/functions';\nexport const handler = schedule('@daily', async () => ({ statusCode: 200 }));\n`,
      'netlify/functions/utils/db.ts': `export const handler = async () => ({ statusCode: 200 });\n`,
      'netlify/edge-functions/geo.ts': `export default async (req: Request, context) => new Response(context.geo.country?.code ?? '');\n`,
    });
    expect(routes.map((r) => `${r.method} ${r.path} ${r.auth} ${r.framework}`).sort()).toEqual([
      'ANY /.netlify/edge-functions/geo none netlify-edge',
      'ANY /.netlify/functions/me required netlify',
      'ANY /api/notes none netlify',
      'JOB /.netlify/functions/nightly required netlify',
      'POST /.netlify/functions/create-order none netlify',
    ]);
    const order = routes.find((r) => r.path.endsWith('create-order'))!;
    expect(order.touches.map((t) => `${t.kind}:${t.target}:${t.createdFor?.source ?? ''}`)).toEqual(['write:orders:event.body.userId']);
  });
});

describe('socket clients are not servers', () => {
  it("a hook that subscribes a socket.io-client socket to events is browser code, even in a shared file", async () => {
    const routes = await summaryOf({
      'package.json': pkg({ next: '15.0.3', 'socket.io-client': '4.8.1', '@supabase/supabase-js': '2.45.4' }),
      'lib/chat.ts': [
        `import { io, Socket } from 'socket.io-client';`,
        `import { supabase } from './supabase';`,
        `export function subscribe(socket: Socket, io: unknown) {`,
        `  socket.on('new_message', async (m) => { await supabase.from('messages').insert(m); });`,
        `}`,
      ].join('\n'),
    });
    expect(routes).toEqual([]);
  });
});

describe('PocketBase JavaScript hooks', () => {
  it('lists routerAdd routes with PocketBase middleware and the records the handler reads and saves; record hooks are no routes', async () => {
    const routes = await routesOf({
      'pb_hooks/notes.pb.js': [
        `routerAdd("PATCH", "/api/notes/{id}", (e) => {`,
        `  const note = $app.findRecordById("notes", e.request.pathValue("id"));`,
        `  note.set("title", e.requestInfo().body.title);`,
        `  $app.save(note);`,
        `  return e.json(200, { ok: true });`,
        `});`,
        `routerAdd("POST", "/api/notes", (e) => {`,
        `  const record = new Record($app.findCollectionByNameOrId("notes"));`,
        `  record.set("owner", e.auth.id);`,
        `  $app.save(record);`,
        `  return e.json(200, { id: record.id });`,
        `}, $apis.requireAuth());`,
        `routerAdd("DELETE", "/api/users/{id}", (e) => {`,
        `  $app.delete($app.findRecordById("users", e.request.pathValue("id")));`,
        `  return e.noContent(204);`,
        `}, $apis.requireSuperuserAuth());`,
        `onRecordUpdateRequest((e) => { e.next(); }, "notes");`,
      ].join('\n'),
    });
    expect(routes.map((r) => [r.method, r.path, r.auth, !!r.roleCheck, r.touches.map((t) => `${t.kind}:${t.target}`).join(',')])).toEqual([
      ['PATCH', '/api/notes/{id}', 'none', false, 'read:notes,write:notes'],
      ['POST', '/api/notes', 'required', false, 'write:records'],
      ['DELETE', '/api/users/{id}', 'required', true, 'write:records,read:users'],
    ]);
  });
});
