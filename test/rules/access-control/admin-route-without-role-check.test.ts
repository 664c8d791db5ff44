import { ruleTester } from '../../helpers/rule-tester.js';

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'app', dependencies: deps });
const EXPRESS = pkg({ express: '4.21.1', mongoose: '8.8.1' });
const NEXT = pkg({ next: '15.0.3', '@supabase/ssr': '0.5.2' });

const router = (lines: string[]) =>
  [`import { Router } from 'express';`, `import { requireAuth } from '@clerk/express';`, `import { User } from '../models.js';`, `export const admin = Router();`, ...lines, ``].join('\n');

const SUPABASE_ROUTE = (check: string[]) =>
  [
    `import { createClient } from '@/lib/supabase/server';`,
    `export async function DELETE(_req: Request, { params }: { params: { id: string } }) {`,
    `  const supabase = createClient();`,
    `  const { data: { user } } = await supabase.auth.getUser();`,
    `  if (!user) return new Response('Sign in', { status: 401 });`,
    ...check,
    `  await supabase.from('profiles').delete().eq('id', params.id);`,
    `  return new Response(null, { status: 204 });`,
    `}`,
  ].join('\n');

ruleTester('admin-route-without-role-check', {
  valid: [
    {
      name: 'a server action named for admins that only makes a client and touches nothing',
      files: {
        'package.json': pkg({ next: '15.0.3', '@supabase/supabase-js': '2.45.4' }),
        'src/utils/supabase/admin.ts': "'use server';\nimport { createClient } from '@supabase/supabase-js';\nexport async function createAdminClient() {\n  return createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);\n}\n",
      },
    },
    {
      name: "a Firebase callable that returns an error unless the caller's token carries the admin claim",
      files: {
        'package.json': pkg({ 'firebase-admin': '^12.0.0', 'firebase-functions': '^5.0.0' }),
        'functions/index.js': "const functions = require('firebase-functions');\nconst admin = require('firebase-admin');\nexports.addAdminRole = functions.https.onCall((data, context) => {\n  if (context.auth.token.admin !== true) {\n    return { error: 'Only admins can add other admins' };\n  }\n  return admin.auth().getUserByEmail(data.email).then((user) => admin.auth().setCustomUserClaims(user.uid, { admin: true }));\n});\n",
      },
    },
    {
      name: 'SvelteKit admin actions behind a handle hook that checks a role list against the caller’s role',
      files: {
        'package.json': pkg({ '@sveltejs/kit': '2.8.0', '@supabase/supabase-js': '2.45.4' }),
        'src/hooks.server.ts': `import { error, type Handle } from '@sveltejs/kit';\nimport { getUserRole, ROLES_ALLOWED_IN_ADMIN } from '$lib/db';\nexport const handle: Handle = async ({ event, resolve }) => {\n  const session = await event.locals.getSession();\n  event.locals.user_role = session ? await getUserRole(session.user.id) : null;\n  if (event.url.pathname.startsWith('/admin') && !session) throw error(401, 'Sign in');\n  if (event.url.pathname.startsWith('/admin') && !ROLES_ALLOWED_IN_ADMIN.includes(event.locals.user_role)) throw error(403, 'Forbidden');\n  return resolve(event);\n};\n`,
        'src/routes/(admin)/admin/orders/[id]/+page.server.ts': `export const actions = {\n  default: async ({ params, locals }) => {\n    await locals.supabase.from('orders').delete().eq('id', params.id);\n  },\n};\n`,
      },
    },
    {
      name: 'Clerk: a verified webhook that writes a fixed role into publicMetadata',
      files: {
        'package.json': pkg({ next: '15.0.3', '@clerk/nextjs': '6.9.0', svix: '1.45.0' }),
        'app/api/webhooks/clerk/route.js': `import { Webhook } from 'svix';\nimport { clerkClient } from '@clerk/nextjs/server';\nexport async function POST(req) {\n  const evt = new Webhook(process.env.CLERK_WEBHOOK_SECRET).verify(await req.text(), Object.fromEntries(req.headers));\n  if (evt.type === 'user.created') await (await clerkClient()).users.updateUserMetadata(evt.data.id, { publicMetadata: { role: 'user' } });\n  return new Response('ok');\n}\n`,
      },
    },
    {
      name: "a Firebase callable that sets role claims only for an admin caller",
      files: {
        'package.json': pkg({ 'firebase-functions': '4.9.0', 'firebase-admin': '11.11.1' }),
        'functions/index.js': `const functions = require('firebase-functions');\nconst admin = require('firebase-admin');\nexports.setRole = functions.https.onCall(async (data, context) => {\n  if (context.auth?.token.role !== 'admin') throw new functions.https.HttpsError('permission-denied', 'Admins only');\n  await admin.auth().setCustomUserClaims(data.uid, { role: data.role });\n  return { ok: true };\n});\n`,
      },
    },
    {
      name: "a Mongoose sign-up that sets the role itself, and a chat message's role from the request",
      files: {
        'package.json': EXPRESS,
        'server/routes/users.js': router([
          `admin.post('/register', async (req, res) => {`,
          `  const user = new User({ username: req.body.username, password: await hash(req.body.password), role: 'user' });`,
          `  await user.save();`,
          `  res.status(201).json({ id: user.id });`,
          `});`,
          `admin.post('/chat', requireAuth(), async (req, res) => {`,
          `  const message = new Message({ role: req.body.role, content: req.body.content });`,
          `  await message.save();`,
          `  res.json(message);`,
          `});`,
        ]),
      },
    },
    {
      name: "an admin's sign-in page, reached before signing in",
      files: { 'package.json': EXPRESS, 'server/routes/users.js': router([`admin.post('/admin/login', async (req, res) => {`, `  const user = await User.findOne({ email: String(req.body.email), role: 'admin' });`, `  res.json({ id: user?.id });`, `});`]) },
    },
    {
      name: 'a role middleware defined in the file',
      files: {
        'package.json': EXPRESS,
        'server/routes/admin.js': router([
          `function requireAdmin(req, res, next) {`,
          `  if (req.auth?.sessionClaims?.role !== 'admin') return res.status(403).end();`,
          `  next();`,
          `}`,
          `admin.use(requireAuth(), requireAdmin);`,
          `admin.get('/admin/users', async (req, res) => res.json(await User.find()));`,
        ]),
      },
    },
    {
      name: 'a role middleware from a package, judged by its name',
      files: { 'package.json': EXPRESS, 'server/routes/admin.js': router([`import { requireRole } from 'express-rbac';`, `admin.get('/admin/users', requireAuth(), requireRole('admin'), async (req, res) => res.json(await User.find()));`]) },
    },
    {
      name: 'a role looked up in the handler, with a 403',
      files: {
        'package.json': NEXT,
        'app/api/admin/users/[id]/route.ts': SUPABASE_ROUTE([
          `  const { data: me } = await supabase.from('profiles').select('role').eq('id', user.id).single();`,
          `  if (me?.role !== 'admin') return new Response('Admins only', { status: 403 });`,
        ]),
      },
    },
    {
      name: 'a constant role at sign-up and a profile update that picks safe fields',
      files: {
        'package.json': EXPRESS,
        'server/routes/users.js': router([
          `admin.post('/register', async (req, res) => res.json(await User.create({ email: req.body.email, role: 'user' })));`,
          `admin.patch('/me', requireAuth(), async (req, res) => res.json(await User.updateOne({ _id: req.auth.userId }, { name: req.body.name })));`,
          `admin.post('/join', async (req, res) => res.json(await User.create({ email: req.body.email, role: req.body.isTeacher ? 'teacher' : 'student' })));`,
        ]),
      },
    },
    {
      name: 'NestJS admin controller with @Roles',
      files: {
        'package.json': pkg({ '@nestjs/core': '10.4.7', '@nestjs/common': '10.4.7' }),
        'src/admin.controller.ts': `import { Controller, Get, UseGuards } from '@nestjs/common';\n@Controller('admin')\n@UseGuards(JwtAuthGuard, RolesGuard)\nexport class AdminController {\n  @Roles('admin')\n  @Get('users')\n  users() { return this.usersService.findAll(); }\n}\n`,
      },
    },
    {
      name: 'NestJS @Roles read by a global roles guard, by a guard whose code checks the role, and roles every user has',
      files: {
        'package.json': pkg({ '@nestjs/core': '10.4.7', '@nestjs/common': '10.4.7' }),
        'api/src/app.module.ts': `import { Module } from '@nestjs/common';\nimport { APP_GUARD } from '@nestjs/core';\n@Module({ providers: [{ provide: APP_GUARD, useClass: RolesGuard }] })\nexport class AppModule {}\n`,
        'api/src/documents.controller.ts': `import { Controller, Delete, Param, UseGuards } from '@nestjs/common';\n@UseGuards(JwtAuthGuard)\n@Controller('documents')\nexport class DocumentsController {\n  @Delete(':id')\n  @Roles('ADMIN')\n  remove(@Param('id') id: string) { return this.docs.remove(+id); }\n}\n`,
        'web/package.json': pkg({ '@nestjs/core': '10.4.7', '@nestjs/common': '10.4.7' }),
        'web/src/jwt.guard.ts': `import { Injectable, CanActivate, ExecutionContext } from '@nestjs/common';\n@Injectable()\nexport class JwtGuard implements CanActivate {\n  canActivate(context: ExecutionContext) {\n    const req = context.switchToHttp().getRequest();\n    const roles = this.reflector.get('roles', context.getHandler());\n    return !!req.user && (!roles || roles.includes(req.user.role));\n  }\n}\n`,
        'web/src/posts.controller.ts': `import { Controller, Delete, Get, Param, UseGuards } from '@nestjs/common';\nimport { JwtGuard } from './jwt.guard';\n@UseGuards(JwtGuard)\n@Controller('posts')\nexport class PostsController {\n  @Delete(':id')\n  @Roles('ADMIN')\n  remove(@Param('id') id: string) { return this.posts.remove(+id); }\n  @Get('mine')\n  @Roles(Role.User)\n  mine() { return this.posts.mine(); }\n}\n`,
      },
    },
    {
      name: 'a role a helper reads from the request, set to a fixed value by the sign-up handler after all',
      files: {
        'package.json': EXPRESS,
        'server/routes/users.js': router([`function requestData(req) {\n  const data = {};\n  if (req.body.email) data.email = req.body.email;\n  if (req.body.is_admin) data.is_admin = req.body.is_admin;\n  return data;\n}\n`, `admin.post('/register', async (req, res) => {`, `  const data = requestData(req);`, `  data.is_admin = false;`, `  res.json(await User.create(data));`, `});`]),
      },
    },
    {
      name: 'an "am I an admin?" route that reads only the caller\u2019s own record',
      files: {
        'package.json': EXPRESS,
        'server/routes/admin.js': router([`admin.use(requireAuth());`, `admin.get('/api/admin/me', async (req, res) => res.json({ admin: (await User.findOne({ _id: req.auth.userId })).isAdmin }));`]),
      },
    },
    {
      name: 'a log row whose JSON column records the caller\u2019s role is no role write',
      files: {
        'package.json': EXPRESS,
        'server/routes/ask.js': router([`admin.post('/ask', requireAuth(), async (req, res) => {`, `  const { role } = req.body;`, `  await Log.create({ action: 'ask', input: { question: req.body.q, role } });`, `  res.json({ ok: true });`, `});`]),
      },
    },
    {
      name: 'a Parse Cloud function whose role the server picks between two words',
      files: {
        'package.json': pkg({ 'parse-server': '7.3.0' }),
        'cloud/main.js': `Parse.Cloud.define('setupProfile', async (request) => {\n  const count = await new Parse.Query('Player').count({ useMasterKey: true });\n  const role = count === 0 ? 'admin' : 'player';\n  const p = new Parse.Object('Player');\n  p.set('role', role);\n  return p.save(null, { useMasterKey: true });\n}, { requireUser: true });\n`,
      },
    },
    {
      name: "a Fastify admin guard, given in the route's options, that turns away profiles whose role is not admin",
      files: {
        'package.json': pkg({ fastify: '5.1.0', '@supabase/supabase-js': '2.45.4', 'drizzle-orm': '0.36.0' }),
        'src/middleware/adminAuthenticated.ts': "import { supabase } from '../services/supabase.js';\nimport { db } from '../db/index.js';\nexport const adminAuthenticated = async (request, reply) => {\n  const { data, error } = await supabase.auth.getUser(request.cookies.adminAccessToken);\n  if (error || !data.user) return reply.status(401).send({ message: 'Access denied' });\n  const profile = await db.query.profiles.findFirst({ where: (p, { eq }) => eq(p.userId, data.user.id) });\n  if (profile?.role !== 'admin') return reply.status(403).send({ message: 'Forbidden' });\n  request.role = profile.role;\n};\n",
        'src/routes/admin/users.ts': "import { adminAuthenticated } from '../../middleware/adminAuthenticated.js';\nimport { db } from '../../db/index.js';\nimport { users } from '../../db/schema.js';\nconst deleteUser = async (request) => db.delete(users).where(eq(users.id, request.params.userId));\nexport default async function routes(fastify) {\n  fastify.delete('/:userId', { preHandler: [adminAuthenticated], handler: deleteUser });\n}\n",
      },
    },
    {
      name: "an admin route that hands the caller's headers to better-auth's admin plugin, which checks the role itself",
      files: {
        'package.json': pkg({ next: '15.0.3', 'better-auth': '1.2.0', '@prisma/client': '5.22.0' }),
        'app/api/admin/ban/route.ts': "import { headers } from 'next/headers';\nimport { auth } from '@/lib/auth';\nexport async function POST(req: Request) {\n  const session = await auth.api.getSession({ headers: await headers() });\n  if (!session) return new Response('Sign in', { status: 401 });\n  const { userId } = await req.json();\n  await auth.api.banUser({ body: { userId }, headers: await headers() });\n  return Response.json({ ok: true });\n}\n",
      },
    },
  ],
  invalid: [
    {
      name: 'a role a helper reads from the request, kept by the sign-up handler',
      files: {
        'package.json': EXPRESS,
        'server/routes/users.js': router([`function requestData(req) {\n  const data = {};\n  if (req.body.email) data.email = req.body.email;\n  if (req.body.is_admin) data.is_admin = req.body.is_admin;\n  return data;\n}\n`, `admin.post('/register', async (req, res) => {`, `  const data = requestData(req);`, `  res.json(await User.create(data));`, `});`]),
      },
      errors: [{ messageId: 'roleWrite', line: 12 }],
    },
    {
      name: "signing up as an admin is no sign-in left open by design: anyone creates an admin account; the admin's own sign-in is",
      files: {
        'package.json': EXPRESS,
        'server/routes/admin.js': router([
          `admin.post('/register-admin', async (req, res) => res.status(201).json(await User.create({ email: req.body.email, password: req.body.password, role: 'admin' })));`,
          `admin.post('/admin-login', async (req, res) => res.json(await User.findOne({ email: String(req.body.email), role: 'admin' })));`,
        ]),
      },
      errors: [{ messageId: 'openAdmin', line: 5 }],
    },
    {
      name: 'NestJS @Roles that no guard reads: the controller applies only its JWT guard, and nothing is global',
      files: {
        'package.json': pkg({ '@nestjs/core': '10.4.7', '@nestjs/common': '10.4.7' }),
        'src/documents/documents.controller.ts': `import { Controller, Delete, Get, Param, UseGuards } from '@nestjs/common';\n@UseGuards(JwtAuthGuard)\n@Controller('documents')\nexport class DocumentsController {\n  @Get()\n  findAll() { return this.docs.findAll(); }\n  @Delete(':id')\n  @Roles('ADMIN')\n  remove(@Param('id') id: string) { return this.docs.remove(+id); }\n}\n`,
      },
      errors: [{ messageId: 'anyUserAdmin', line: 7 }],
    },
    {
      name: 'a SvelteKit admin endpoint outside the paths whose role the handle hook checks',
      files: {
        'package.json': pkg({ '@sveltejs/kit': '2.8.0', '@supabase/supabase-js': '2.45.4' }),
        'src/hooks.server.ts': `import { error, type Handle } from '@sveltejs/kit';\nimport { getUserRole, ROLES_ALLOWED_IN_ADMIN } from '$lib/db';\nexport const handle: Handle = async ({ event, resolve }) => {\n  const session = await event.locals.getSession();\n  event.locals.user_role = session ? await getUserRole(session.user.id) : null;\n  if (event.url.pathname.startsWith('/api') && !session) throw error(401, 'Sign in');\n  if (event.url.pathname.startsWith('/admin') && !ROLES_ALLOWED_IN_ADMIN.includes(event.locals.user_role)) throw error(403, 'Forbidden');\n  return resolve(event);\n};\n`,
        'src/routes/api/admin/users/[id]/+server.ts': `export const DELETE = async ({ params, locals }) => {\n  await locals.supabase.from('profiles').update({ role: 'admin' }).eq('id', params.id);\n  return new Response(null, { status: 204 });\n};\n`,
      },
      errors: [{ messageId: 'anyUserAdmin', line: 1 }],
    },
    {
      name: 'a role written through Prisma\u2019s data and Mongo\u2019s $set is still a role write',
      files: {
        'package.json': EXPRESS,
        'server/routes/users.js': router([
          `admin.patch('/me', requireAuth(), async (req, res) => res.json(await prisma.user.update({ where: { id: req.auth.userId }, data: { role: req.body.role } })));`,
          `admin.patch('/me2', requireAuth(), async (req, res) => res.json(await User.updateOne({ _id: req.auth.userId }, { $set: { role: req.body.role } })));`,
        ]),
      },
      errors: [
        { messageId: 'roleWrite', line: 5 },
        { messageId: 'roleWrite', line: 6 },
      ],
    },
    {
      name: 'an admin route that reads any user the request names, checking only the session',
      files: {
        'package.json': EXPRESS,
        'server/routes/admin.js': router([`admin.use(requireAuth());`, `admin.get('/api/admin/user', async (req, res) => res.json(await User.findOne({ _id: req.query.id, org: req.auth.orgId })));`]),
      },
      errors: [{ messageId: 'anyUserAdmin', line: 6, severity: 'high' }],
    },
    {
      name: 'an admin router that checks only the session',
      files: { 'package.json': EXPRESS, 'server/routes/admin.js': router([`admin.use(requireAuth());`, `admin.delete('/admin/users/:id', async (req, res) => res.json(await User.findByIdAndDelete(req.params.id)));`]) },
      errors: [{ messageId: 'anyUserAdmin', line: 6, severity: 'high' }],
    },
    {
      name: 'an admin route with no auth at all',
      files: { 'package.json': EXPRESS, 'server/routes/admin.js': router([`admin.post('/api/admin/ban', async (req, res) => res.json(await User.updateOne({ _id: req.body.id }, { banned: true })));`]) },
      errors: [{ messageId: 'openAdmin', line: 5, severity: 'critical' }],
    },
    {
      name: 'a Next.js admin route handler that checks the user but not the role',
      files: { 'package.json': NEXT, 'app/api/admin/users/[id]/route.ts': SUPABASE_ROUTE([]) },
      errors: [{ messageId: 'anyUserAdmin', line: 2 }],
    },
    {
      name: 'a role set from the request body, by a signed-in user and by anyone',
      files: {
        'package.json': EXPRESS,
        'server/routes/users.js': router([
          `admin.patch('/users/:id', requireAuth(), async (req, res) => res.json(await User.findByIdAndUpdate(req.params.id, { name: req.body.name, role: req.body.role })));`,
          `admin.post('/invite', async (req, res) => {`,
          `  const { email, role } = req.body;`,
          `  res.json(await User.create({ email, role }));`,
          `});`,
        ]),
      },
      errors: [
        { messageId: 'roleWrite', line: 5, severity: 'high' },
        { messageId: 'roleWrite', line: 6, severity: 'critical' },
      ],
    },
    {
      name: 'a sign-up that takes the role from the request when one is sent, with a default',
      files: {
        'package.json': EXPRESS,
        'server/routes/users.js': router([
          `admin.post('/signup', async (req, res) => {`,
          `  const { email, password, role } = signupSchema.parse(req.body);`,
          `  res.status(201).json(await User.create({ email, password: await hash(password), role: role || 'USER' }));`,
          `});`,
          `admin.post('/register', async (req, res) => res.json(await User.create({ email: req.body.email, role: req.body.role ?? 'user' })));`,
        ]),
      },
      errors: [
        { messageId: 'roleWrite', line: 5, severity: 'critical' },
        { messageId: 'roleWrite', line: 9, severity: 'critical' },
      ],
    },
    {
      name: "a Mongoose sign-up that builds the user with the client's role and saves it",
      files: {
        'package.json': EXPRESS,
        'server/routes/users.js': router([
          `admin.post('/register', async (req, res) => {`,
          `  const { username, password, role } = req.body;`,
          `  const user = new User({ username, password: await hash(password), role: role || 'user' });`,
          `  await user.save();`,
          `  res.status(201).json({ id: user.id });`,
          `});`,
        ]),
      },
      errors: [{ messageId: 'roleWrite', line: 5, severity: 'critical' }],
    },
    {
      name: 'Clerk: a signed-in user picks their own role, written into the publicMetadata the admin check reads',
      files: {
        'package.json': pkg({ next: '15.0.3', '@clerk/nextjs': '6.9.0' }),
        'app/api/set-role/route.js': `import { auth, clerkClient } from '@clerk/nextjs/server';\nexport async function POST(req) {\n  const { userId } = await auth();\n  if (!userId) return new Response('Unauthorized', { status: 401 });\n  const { role } = await req.json();\n  await clerkClient.users.updateUserMetadata(userId, { publicMetadata: { role } });\n  return new Response('ok');\n}\n`,
      },
      errors: [{ messageId: 'roleWrite', line: 2, severity: 'high' }],
    },
    {
      name: "a Firebase callable that sets any user's role claim for any signed-in caller",
      files: {
        'package.json': pkg({ 'firebase-functions': '4.9.0', 'firebase-admin': '11.11.1' }),
        'functions/index.js': `const functions = require('firebase-functions');\nconst admin = require('firebase-admin');\nexports.setRole = functions.https.onCall(async (data, context) => {\n  if (!context.auth) throw new functions.https.HttpsError('unauthenticated', 'Sign in');\n  await admin.auth().setCustomUserClaims(data.uid, { role: data.role });\n  return { ok: true };\n});\n`,
      },
      errors: [{ messageId: 'roleWrite', line: 3, severity: 'high' }],
    },
    {
      name: "a Firebase callable that makes anyone an admin, with no check of the caller (admin.auth() is the Admin SDK, not the caller)",
      files: {
        'package.json': pkg({ 'firebase-functions': '4.9.0', 'firebase-admin': '11.11.1' }),
        'functions/index.js': `const functions = require('firebase-functions');\nconst admin = require('firebase-admin');\nadmin.initializeApp();\nexports.addAdminRole = functions.https.onCall((data, context) => {\n  return admin.auth().getUserByEmail(data.email).then((user) => admin.auth().setCustomUserClaims(user.uid, { admin: true }));\n});\n`,
      },
      errors: [{ messageId: 'openAdmin', line: 4, severity: 'critical' }],
    },
    {
      name: 'a Parse Cloud function that promotes users without a role check',
      files: {
        'package.json': pkg({ 'parse-server': '7.3.0' }),
        'cloud/main.js': `Parse.Cloud.define('setRole', async (request) => {\n  const user = await new Parse.Query(Parse.User).get(request.params.userId, { useMasterKey: true });\n  user.set('role', request.params.role);\n  return user.save(null, { useMasterKey: true });\n}, { requireUser: true });\n`,
      },
      errors: [{ messageId: 'roleWrite', line: 1 }],
    },
    {
      name: 'a Parse Cloud function whose role is picked between two words by a flag the request sends',
      files: {
        'package.json': pkg({ 'parse-server': '7.3.0' }),
        'cloud/main.js': `Parse.Cloud.define('setupProfile', async (request) => {\n  const role = request.params.isAdmin ? 'admin' : 'player';\n  const p = new Parse.Object('Player');\n  p.set('role', role);\n  return p.save(null, { useMasterKey: true });\n}, { requireUser: true });\n`,
      },
      errors: [{ messageId: 'roleWrite', line: 1 }],
    },
    {
      name: "a Fastify admin guard, given in the route's options, that only checks the sign-in and keeps the role without reading it",
      files: {
        'package.json': pkg({ fastify: '5.1.0', '@supabase/supabase-js': '2.45.4', 'drizzle-orm': '0.36.0' }),
        'src/middleware/adminAuthenticated.ts': "import { supabase } from '../services/supabase.js';\nimport { db } from '../db/index.js';\nexport const adminAuthenticated = async (request, reply) => {\n  const { data, error } = await supabase.auth.getUser(request.cookies.adminAccessToken);\n  if (error || !data.user) return reply.status(401).send({ message: 'Access denied' });\n  const profile = await db.query.profiles.findFirst({ where: (p, { eq }) => eq(p.userId, data.user.id) });\n  request.role = profile.role;\n};\n",
        'src/routes/admin/users.ts': "import { adminAuthenticated } from '../../middleware/adminAuthenticated.js';\nimport { db } from '../../db/index.js';\nimport { users } from '../../db/schema.js';\nconst deleteUser = async (request) => db.delete(users).where(eq(users.id, request.params.userId));\nexport default async function routes(fastify) {\n  fastify.delete('/:userId', { preHandler: [adminAuthenticated], handler: deleteUser });\n}\n",
      },
      errors: [{ messageId: 'anyUserAdmin', line: 6, file: 'src/routes/admin/users.ts' }],
    },
  ],
});
