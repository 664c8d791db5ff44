import { ruleTester } from '../../helpers/rule-tester.js';
import { socketServer } from '../../helpers/socket-app.js';
import { PROTECT } from '../../helpers/express-auth.js';
import { bodyIdentityApp } from '../../helpers/body-identity-app.js';

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'app', dependencies: deps });
const EXPRESS = pkg({ express: '4.21.1', mongoose: '8.8.1', jsonwebtoken: '9.0.2' });
const NEXT = pkg({ next: '15.0.3', '@supabase/supabase-js': '2.45.4', '@prisma/client': '5.22.0', 'next-auth': '4.24.10' });


const MODELS = [
  `import mongoose from 'mongoose';`,
  `const orderSchema = new mongoose.Schema({ owner: { type: mongoose.Schema.Types.ObjectId, ref: 'User' }, total: Number });`,
  `export const Order = mongoose.model('Order', orderSchema);`,
  `const productSchema = new mongoose.Schema({ name: String, price: Number });`,
  `export const Product = mongoose.model('Product', productSchema);`,
].join('\n');

/** A signed-in Next.js route that reads a chama by the MongoDB id in its path (line 8), then runs `checks`. */
const chamaRoute = (checks: string[]) => ({
  'package.json': pkg({ next: '15.0.3', mongodb: '6.10.0' }),
  'app/api/chamas/[id]/route.ts': [
    `import { NextResponse } from 'next/server';`,
    `import { ObjectId } from 'mongodb';`,
    `import { getCurrentUser } from '@/lib/auth';`,
    `import { db } from '@/lib/db';`,
    `export async function GET(request: Request, { params }: { params: { id: string } }) {`,
    `  const user = await getCurrentUser();`,
    `  if (!user?._id) return NextResponse.json({ error: 'Authentication required' }, { status: 401 });`,
    `  const chama = await db.collection('chamas').findOne({ _id: new ObjectId(params.id) });`,
    ...checks,
    `  return NextResponse.json(chama);`,
    `}`,
  ].join('\n'),
});

/** An Express router behind `protect`; its routes are `lines` (line 6 onwards). */
const express = (lines: string[]) => ({
  'package.json': EXPRESS,
  'server/middleware/auth.js': PROTECT,
  'server/models.js': MODELS,
  'server/routes/orders.js': [`import { Router } from 'express';`, `import { protect } from '../middleware/auth.js';`, `import { Order, Product } from '../models.js';`, `export const router = Router();`, `router.use(protect);`, ...lines, ``].join('\n'),
});

/** An Express app behind a JWT check whose routes pass `userArg` (the session's or the request's id) to cart helpers in another file. */
const cartHelpers = (userArg: string) => ({
  'package.json': EXPRESS,
  'server/cart.service.js': `const Cart = require('./models/Cart');\nasync function getCart(userId) {\n  return Cart.findOne({ userId });\n}\nasync function clearCart(userId) {\n  return Cart.deleteMany({ userId: String(userId) });\n}\nmodule.exports = { getCart, clearCart };\n`,
  'server/app.js': `const express = require('express');\nconst jwt = require('jsonwebtoken');\nconst { getCart, clearCart } = require('./cart.service');\nconst app = express();\nfunction auth(req, res, next) { try { req.user = jwt.verify(req.headers.authorization, process.env.JWT_SECRET); next(); } catch { res.status(401).end(); } }\napp.get('/cart/:userId', auth, async (req, res) => res.json(await getCart(${userArg})));\napp.delete('/cart/:userId', auth, async (req, res) => res.json(await clearCart(${userArg})));\napp.listen(3000);\n`,
});

/**
 * A Hono app behind a session middleware whose routes hand the caller and the comment id to controller functions, as
 * an object (`parameters.commentId`, or destructured); `check` is what the update does before writing, and `deletes`
 * whether the unchecked delete is routed.
 */
const commentControllers = (check: string, deletes = true) => ({
  'package.json': pkg({ hono: '4.6.9', '@prisma/client': '5.22.0' }),
  'prisma/schema.prisma': `model Comment {\n  id String @id\n  userId String\n  content String\n}\nmodel User {\n  id String @id\n  username String\n  email String\n}\n`,
  'src/controllers/comments.ts': [
    `import { prisma } from '../db';`,
    `export const updateComment = async (parameters: { userId: string; commentId: string; content: string }) => {`,
    `  const comment = await prisma.comment.findUnique({ where: { id: parameters.commentId } });`,
    `  if (!comment) throw new Error('NOT_FOUND');`,
    check,
    `  return prisma.comment.update({ where: { id: parameters.commentId }, data: { content: parameters.content } });`,
    `};`,
    `export const deleteComment = async ({ commentId }: { commentId: string }) => prisma.comment.delete({ where: { id: commentId } });`,
    // A profile read for its public columns.
    `export const getUserById = async (userId: string) => prisma.user.findUnique({ where: { id: userId }, select: { id: true, username: true } });`,
  ].join('\n'),
  'src/routes.ts': [
    `import { Hono } from 'hono';`,
    `import { updateComment, deleteComment, getUserById } from './controllers/comments';`,
    `import { sessionMiddleware } from './session';`,
    `export const routes = new Hono();`,
    `routes.use(sessionMiddleware);`,
    `routes.patch('/comments/:commentId', async (c) => c.json(await updateComment({ userId: c.get('user').id, commentId: c.req.param('commentId'), content: (await c.req.json()).content })));`,
    deletes ? `routes.delete('/comments/:id', async (c) => c.json(await deleteComment({ commentId: c.req.param('id') })));` : ``,
    `routes.get('/users/:userId', async (c) => c.json(await getUserById(c.req.param('userId'))));`,
  ].join('\n'),
  'src/session.ts': `import { auth } from './auth';\nexport const sessionMiddleware = async (c, next) => {\n  const session = await auth.api.getSession({ headers: c.req.raw.headers });\n  if (!session) return c.json({ error: 'Unauthorized' }, 401);\n  c.set('user', session.user);\n  await next();\n};\n`,
});

/** A Next.js route changing a workspace's transaction after checking the caller's membership; `find` is the transaction's lookup. */
const workspaceTransaction = (find: string) => ({
  'package.json': NEXT,
  'prisma/schema.prisma': `model WorkspaceMember {\n  workspaceId String\n  userId String\n}\nmodel Transaction {\n  id String @id\n  workspaceId String\n  userId String\n  amount Int\n}\n`,
  'app/api/workspaces/[workspaceId]/transactions/[transactionId]/route.ts': [
    `import { getServerSession } from 'next-auth';`,
    `import { prisma } from '@/lib/prisma';`,
    `export async function PATCH(req: Request, { params }: { params: { workspaceId: string; transactionId: string } }) {`,
    `  const session = await getServerSession();`,
    `  if (!session?.user) return Response.json({ error: 'Sign in' }, { status: 401 });`,
    `  const { workspaceId, transactionId } = params;`,
    `  const membership = await prisma.workspaceMember.findUnique({ where: { workspaceId_userId: { workspaceId, userId: session.user.id } } });`,
    `  if (!membership) return Response.json({ error: 'Forbidden' }, { status: 403 });`,
    `  const found = await prisma.transaction.findFirst({ where: ${find} });`,
    `  if (!found) return Response.json({ error: 'Not found' }, { status: 404 });`,
    `  const { amount } = await req.json();`,
    `  return Response.json(await prisma.transaction.update({ where: { id: transactionId }, data: { amount } }));`,
    `}`,
  ].join('\n'),
});

/** A pages API handler for several methods with a session check; `body` is its code after the check. */
const pagesExpense = (body: string[]) => ({
  'package.json': NEXT,
  'prisma/schema.prisma': `model Expense {\n  id String @id\n  userId String\n  amount Int\n}\n`,
  'pages/api/expenses/[id].ts': [
    `import { getServerSession } from 'next-auth';`,
    `import { prisma } from '@/lib/prisma';`,
    `export default async function handler(req, res) {`,
    `  const session = await getServerSession(req, res);`,
    `  if (!session?.user) return res.status(401).end();`,
    `  const id = req.query.id as string;`,
    ...body.map((l) => `  ${l}`),
    `  return res.status(405).end();`,
    `}`,
  ].join('\n'),
});

/** A NestJS controller reading a workspace by the id in its path, behind `guards`; `WorkspaceGuard` looks up the caller's membership. */
const nestWorkspace = (guards: string) => ({
  'package.json': pkg({ '@nestjs/common': '10.4.0', '@nestjs/core': '10.4.0', '@prisma/client': '5.22.0' }),
  'prisma/schema.prisma': `model Workspace {\n  id String @id\n  ownerId String\n  name String\n}\nmodel UserWorkspace {\n  userId String\n  workspaceId String\n}\n`,
  'src/guards/workspace.guard.ts': `import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';\nimport { prisma } from '../prisma';\n@Injectable()\nexport class WorkspaceGuard implements CanActivate {\n  async canActivate(ctx: ExecutionContext): Promise<boolean> {\n    const req = ctx.switchToHttp().getRequest();\n    const membership = await prisma.userWorkspace.findUnique({ where: { userId_workspaceId: { userId: req.user.userId, workspaceId: req.params.workspaceId } } });\n    return !!membership;\n  }\n}\n`,
  'src/workspace.controller.ts': `import { Controller, Get, Param, UseGuards } from '@nestjs/common';\nimport { JwtAuthGuard } from './guards/jwt-auth.guard';\nimport { WorkspaceGuard } from './guards/workspace.guard';\nimport { prisma } from './prisma';\n@Controller('workspace')\nexport class WorkspaceController {\n  @Get(':workspaceId')\n  @UseGuards(${guards})\n  get(@Param('workspaceId') workspaceId: string) {\n    return prisma.workspace.findUnique({ where: { id: workspaceId } });\n  }\n}\n`,
});

/** An Express route behind a middleware that finds the caller's membership of the workspace in the path. */
const EXPRESS_MEMBER = {
  'package.json': EXPRESS,
  'server/middleware/auth.js': PROTECT,
  'server/models.js': `import mongoose from 'mongoose';\nexport const Project = mongoose.model('Project', new mongoose.Schema({ workspaceId: String, owner: String, name: String }));\nexport const Member = mongoose.model('Member', new mongoose.Schema({ workspaceId: String, userId: String }));\n`,
  'server/routes/projects.js': [
    `import { Router } from 'express';`,
    `import { protect } from '../middleware/auth.js';`,
    `import { Project, Member } from '../models.js';`,
    `export const router = Router();`,
    `async function checkMember(req, res, next) {`,
    `  const member = await Member.findOne({ workspaceId: req.params.workspaceId, userId: req.user.id });`,
    `  if (!member) return res.status(403).end();`,
    `  next();`,
    `}`,
    `router.delete('/workspaces/:workspaceId/projects/:projectId', protect, checkMember, async (req, res) => {`,
    `  res.json(await Project.findOneAndDelete({ _id: req.params.projectId, workspaceId: req.params.workspaceId }));`,
    `});`,
    `router.patch('/workspaces/:workspaceId/projects/:projectId', protect, checkMember, async (req, res) => {`,
    `  res.json(await Project.findByIdAndUpdate(req.params.projectId, { name: req.body.name }));`,
    `});`,
    ``,
  ].join('\n'),
};

/** A NestJS controller behind a JWT guard whose handler passes `userArg` to an injected service's Prisma lookup. */
const nestCart = (param: string, userArg: string) => ({
  'package.json': pkg({ '@nestjs/common': '10.4.0', '@nestjs/core': '10.4.0', '@prisma/client': '5.22.0' }),
  'src/cart/cart.service.ts': `import { Injectable } from '@nestjs/common';\nimport { PrismaService } from '../prisma/prisma.service';\n@Injectable()\nexport class CartService {\n  constructor(private prisma: PrismaService) {}\n  findMyCart(userId: number) {\n    return this.prisma.cart.findUnique({ where: { userId }, include: { items: true } });\n  }\n}\n`,
  'src/cart/cart.controller.ts': `import { Controller, Get, Param, ParseIntPipe, Request, UseGuards } from '@nestjs/common';\nimport { JwtAuthGuard } from '../auth/jwt-auth.guard';\nimport { CartService } from './cart.service';\n@Controller('cart')\nexport class CartController {\n  constructor(private readonly cartService: CartService) {}\n  @UseGuards(JwtAuthGuard)\n  @Get(':userId')\n  findCart(${param}) {\n    return this.cartService.findMyCart(${userArg});\n  }\n}\n`,
});

const SESSION = [`import { getServerSession } from 'next-auth';`, `import { prisma } from '@/lib/db';`, `import { createClient } from '@supabase/supabase-js';`];
/** A Next.js dynamic route handler that rejects visitors without a session; `lines` start at line 7. */
const nextRoute = (lines: string[], extra: Record<string, string> = {}) => ({
  'package.json': NEXT,
  ...extra,
  'app/api/notes/[id]/route.ts': [
    ...SESSION,
    `export async function DELETE(req: Request, { params }: { params: { id: string } }) {`,
    `  const session = await getServerSession();`,
    `  if (!session?.user) return Response.json({ error: 'Sign in' }, { status: 401 });`,
    ...lines.map((l) => `  ${l}`),
    `}`,
    ``,
  ].join('\n'),
});

const PRISMA = `model Note {\n  id String @id\n  userId String\n  body String\n}\n`;
const ACTION_FILE = (body: string[]) => [
  `'use server';`,
  `import { getServerSession } from 'next-auth';`,
  `import { prisma } from '@/lib/prisma';`,
  `export async function updateNote(id: string, body: string) {`,
  `  const session = await getServerSession();`,
  `  if (!session?.user) throw new Error('Sign in');`,
  ...body.map((l) => `  ${l}`),
  `}`,
].join('\n');
const BOOKINGS_SCHEMA = `model Court {\n  id String @id\n  name String\n}\nmodel Project {\n  id String @id\n  ownerId String\n}\nmodel Booking {\n  id String @id\n  userId String\n  courtId String\n}\nmodel Task {\n  id String @id\n  userId String\n  projectId String\n}\n`;
const bookingRouter = (lines: string[]) => ({
  'package.json': JSON.stringify({ name: 'app', dependencies: { '@trpc/server': '11.0.0-rc.608', next: '15.0.3', '@prisma/client': '5.22.0' } }),
  'prisma/schema.prisma': BOOKINGS_SCHEMA,
  'src/server/api/routers/court.ts': [`import { z } from 'zod';`, `import { createTRPCRouter, protectedProcedure } from '@/server/api/trpc';`, `export const courtRouter = createTRPCRouter({`, ...lines, `});`, ``].join('\n'),
});
/** create-t3-app with Drizzle: tables made by its table creator, and a router reaching them through `ctx.db`. */
const t3Drizzle = (lines: string[]) => ({
  'package.json': JSON.stringify({ name: 'app', dependencies: { '@trpc/server': '11.0.0-rc.608', next: '15.0.3', 'drizzle-orm': '0.36.0' } }),
  'src/server/db/schema.ts': `import { pgTableCreator, serial, varchar, boolean } from 'drizzle-orm/pg-core';\nexport const createTable = pgTableCreator((name) => \`rental_\${name}\`);\nexport const product = createTable(\n  'product',\n  {\n    id: serial('id').primaryKey(),\n    isPublished: boolean('isPublished'),\n    createdById: varchar('createdById', { length: 255 }),\n  },\n);\nexport const category = createTable('category', {\n  id: serial('id').primaryKey(),\n  name: varchar('name', { length: 64 }),\n});\n`,
  'src/server/api/routers/product.ts': [`import { z } from 'zod';`, `import { eq } from 'drizzle-orm';`, `import { product, category } from '@/server/db/schema';`, `import { createTRPCRouter, protectedProcedure } from '@/server/api/trpc';`, `export const productRouter = createTRPCRouter({`, ...lines, `});`, ``].join('\n'),
});
const MIGRATION = [
  `create table public.notes (id uuid primary key, user_id uuid not null references auth.users (id), body text);`,
  `alter table public.notes enable row level security;`,
  `create policy "own notes" on public.notes for all using (auth.uid() = user_id) with check (auth.uid() = user_id);`,
  `create table public.drafts (id uuid primary key, user_id uuid not null references auth.users (id), body text);`,
  `alter table public.drafts enable row level security;`,
  `create policy "signed in" on public.drafts for delete to authenticated using (auth.role() = 'authenticated');`,
].join('\n');

const PARENTS = `model Board {\n  id String @id\n  ownerId String\n}\nmodel Card {\n  id String @id\n  boardId String\n  title String\n}\nmodel Remark {\n  id String @id\n  boardId String\n  text String\n}\n`;
const CLASSROOM = `model Class {\n  id String @id\n  teacherId String\n}\nmodel Student {\n  id String @id\n  classId String\n  userId String\n  name String\n}\nmodel Chat {\n  id String @id\n  users User[]\n}\nmodel Home {\n  id String @id\n  userId String\n}\n`;

/** The `User` model beside the routes of `express()`. */
const withUser = (files: Record<string, string>) => ({ ...files, 'server/models/User.js': `import mongoose from 'mongoose';\nexport const User = mongoose.model('User', new mongoose.Schema({ email: String, name: String }));\n` });

ruleTester('idor', {
  valid: [
    {
      name: "a Vercel KV record keyed by the signed-in user's own id",
      files: {
        'package.json': pkg({ next: '15.0.3', '@vercel/kv': '3.0.0', '@clerk/nextjs': '6.9.0' }),
        'app/api/billing/activate/route.ts': "import { kv } from '@vercel/kv';\nimport { auth } from '@clerk/nextjs/server';\nexport async function POST() {\n  const { userId } = await auth();\n  if (!userId) return new Response('Unauthorized', { status: 401 });\n  await kv.hset(`user:${userId}`, { plan: 'pro' });\n  return Response.json({ ok: true });\n}\n",
      },
    },
    {
      name: "Sequelize's findOrCreate of a record for the id the body names makes it, and changes no one's",
      files: {
        'package.json': pkg({ express: '4.21.1', sequelize: '6.37.5', jsonwebtoken: '9.0.2' }),
        'server/routes.js': "const express = require('express');\nconst { User, Device } = require('./models');\nconst { protect } = require('./auth');\nconst router = express.Router();\nrouter.post('/devices', protect, async (req, res) => {\n  const [device] = await Device.findOrCreate({ where: { deviceId: req.body.deviceId, userId: req.user.id } });\n  res.json(device);\n});\nrouter.post('/users/link', protect, async (req, res) => {\n  const [user] = await User.findOrCreate({ where: { googleId: req.body.googleId } });\n  res.json({ id: user.id });\n});\nmodule.exports = router;\n",
        'server/auth.js': "const jwt = require('jsonwebtoken');\nexports.protect = (req, res, next) => {\n  try {\n    req.user = jwt.verify(req.headers.authorization, process.env.JWT_SECRET);\n    next();\n  } catch {\n    res.status(401).end();\n  }\n};\n",
      },
    },
    {
      name: 'a server-to-server route behind a shared admin key: the key holder is no user who could own records',
      files: {
        'package.json': pkg({ hono: '4.6.9' }),
        'src/predictions.ts': [
          `import { Hono } from 'hono';`,
          `export const predictions = new Hono();`,
          `predictions.use('*', async (c, next) => {`,
          `  const got = c.req.header('x-admin-key');`,
          `  if (!got || got !== c.env.ADMIN_KEY) return c.json({ error: 'forbidden' }, 403);`,
          `  await next();`,
          `});`,
          `predictions.get('/fixture/:fixtureId', async (c) => {`,
          `  const { results } = await c.env.DB.prepare('SELECT p.id, p.user_id FROM predictions p WHERE p.fixture_id = ?').bind(c.req.param('fixtureId')).all();`,
          `  return c.json({ results });`,
          `});`,
        ].join('\n'),
      },
    },
    {
      name: "a server action deleting a Supabase account only when it is the caller's own",
      files: { 'package.json': NEXT, 'app/actions/delete-user.ts': `'use server';\nimport { createClient } from '@supabase/supabase-js';\nimport { createClient as createServerClient } from '@/lib/supabase/server';\nexport async function deleteUserAction(userId: string) {\n  const { data: { user } } = await (await createServerClient()).auth.getUser();\n  if (!user) throw new Error('Sign in');\n  if (user.id !== userId) throw new Error('Forbidden');\n  const admin = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);\n  await admin.auth.admin.deleteUser(userId);\n}\n` },
    },
    {
      name: 'a Firebase callable deleting a notification under the caller’s own user document, through a reference kept in a variable',
      files: {
        'package.json': pkg({ 'firebase-admin': '12.6.0', 'firebase-functions': '6.0.1' }),
        'functions/src/index.ts': `import * as functions from 'firebase-functions/v1';\nimport * as admin from 'firebase-admin';\nconst db = admin.firestore();\nexport const dismiss = functions.https.onCall(async (data, context) => {\n  if (!context.auth) throw new functions.https.HttpsError('unauthenticated', 'Sign in');\n  const mine = db.collection('users').doc(context.auth.uid);\n  await mine.collection('notifications').doc(data.notificationId).delete();\n  return { ok: true };\n});\n`,
      },
    },
    {
      name: 'a user found by the e-mail the request names (an invitation), and the caller’s own account changed by the session’s e-mail',
      files: withUser(express([
        `import { User } from '../models/User.js';`,
        `router.post('/invite', async (req, res) => res.json(await User.findOne({ email: req.body.email })));`,
        `router.put('/me/name', async (req, res) => res.json(await User.updateOne({ email: req.user.email }, { name: req.body.name })));`,
      ])),
    },
    { name: 'helpers in another file, called with the signed-in user\'s id', files: cartHelpers('req.user.id') },
    { name: 'an injected NestJS service, called with the signed-in user\'s id', files: nestCart(`@Request() req: { user: { id: number } }`, 'req.user.id') },
    {
      name: 'an injected NestJS service whose Prisma client is called databaseService, called with the signed-in user\'s id',
      files: {
        ...nestCart(`@Request() req: { user: { id: number } }`, 'req.user.id'),
        'src/cart/cart.service.ts': `import { Injectable } from '@nestjs/common';\nimport { DatabaseService } from '../database/database.service';\n@Injectable()\nexport class CartService {\n  constructor(private readonly databaseService: DatabaseService) {}\n  findMyCart(userId: number) {\n    return this.databaseService.cart.findUnique({ where: { userId }, include: { items: true } });\n  }\n}\n`,
      },
    },
    {
      name: 'a read only tested for, to turn away a duplicate, hands out no record',
      files: nextRoute([`const taken = await prisma.task.findFirst({ where: { projectId: params.id } });`, `if (taken) return Response.json({ error: 'Taken' }, { status: 409 });`, `return Response.json({ ok: !taken ? 'free' : 'taken' });`], { 'prisma/schema.prisma': BOOKINGS_SCHEMA }),
    },
    {
      name: 'the remarks on a board read by the board id: children of an owned record may be for everyone to read',
      files: nextRoute([`return Response.json(await prisma.remark.findMany({ where: { boardId: params.id } }));`], { 'prisma/schema.prisma': PARENTS }),
    },
    {
      name: "a student checked against a class the caller was shown to own; a home listing read by its id",
      files: nextRoute(
        [
          `const form = await req.formData();`,
          `const classId = String(form.get('classId'));`,
          `const cls = await prisma.class.findUnique({ where: { id: classId } });`,
          `if (!cls || cls.teacherId !== session.user.id) return Response.json({}, { status: 403 });`,
          `const student = await prisma.student.findUnique({ where: { id: params.id } });`,
          `if (!student || student.classId !== classId) return Response.json({}, { status: 404 });`,
          `await prisma.student.delete({ where: { id: params.id } });`,
          `return Response.json(await prisma.home.findUnique({ where: { id: String(form.get('homeId')) } }));`,
        ],
        { 'prisma/schema.prisma': CLASSROOM },
      ),
    },
    {
      name: 'Socket.IO: a chat read with the user the connection middleware verified (socket.data.user) in its filter',
      files: socketServer(true, [`socket.on('open_chat', async (chatId) => {`, `  if (typeof chatId !== 'string') return;`, `  socket.emit('chat', await Chat.findOne({ _id: chatId, users: socket.data.user.id }));`, `});`]),
    },
    {
      name: 'Socket.IO: a reference named for a role whose value is not an id (a host name) is not a creator',
      files: socketServer(true, [`socket.on('create_room', async ({ host, title }) => { await Room.create({ host, title, owner: socket.user.id }); });`]),
    },
    {
      name: 'Socket.IO: a bid placed for the user the verified handshake names',
      files: socketServer(true, [`socket.on('place_bid', async ({ auctionId, amount }) => { await Bid.create({ auctionId, amount, bidder: socket.user.id }); });`]),
    },
    {
      // Lovable's admin check: the caller's role read from user_roles, and a 403 without it.
      name: 'Supabase: the caller\u2019s role looked up in user_roles before the service-role write',
      files: nextRoute(
        [
          `const supabaseAdmin = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);`,
          `const { data: adminCheck } = await supabaseAdmin.from('user_roles').select('role').eq('user_id', session.user.id).eq('role', 'admin').maybeSingle();`,
          `if (!adminCheck) return Response.json({ error: 'Admins only' }, { status: 403 });`,
          `await supabaseAdmin.from('notes').delete().eq('id', params.id);`,
          `return Response.json({ ok: true });`,
        ],
        { 'supabase/migrations/20240101000000_notes.sql': MIGRATION },
      ),
    },
    {
      name: 'Mongoose: the filter is scoped to the owner',
      files: express([`router.delete('/orders/:id', async (req, res) => res.json(await Order.deleteOne({ _id: req.params.id, owner: req.user.id })));`]),
    },
    {
      name: 'Mongoose: an ownership check after loading',
      files: express([
        `router.get('/orders/:id', async (req, res) => {`,
        `  const order = await Order.findById(req.params.id);`,
        `  if (!order || !order.owner.equals(req.user._id)) return res.status(404).end();`,
        `  res.json(order);`,
        `});`,
      ]),
    },
    {
      name: 'the signed-in user looks up their own record, and reads shared catalogue data by id',
      files: express([
        `router.get('/me/orders', async (req, res) => res.json(await Order.findById(req.user.id)));`,
        `router.get('/products/:id', async (req, res) => res.json(await Product.findById(req.params.id)));`,
      ]),
    },
    {
      name: 'a helper named as a check, handed the caller and the record before the delete (its body elsewhere)',
      files: express([
        `router.delete('/orders/:id', async (req, res) => {`,
        `  const order = await Order.findById(req.params.id);`,
        `  checkUserRole(req.user, order);`,
        `  res.json(await Order.findByIdAndDelete(req.params.id));`,
        `});`,
      ]),
    },
    {
      name: 'an admin route with a role check',
      files: express([
        `router.delete('/orders/:id', async (req, res) => {`,
        `  if (req.user.role !== 'admin') return res.status(403).end();`,
        `  res.json(await Order.findByIdAndDelete(req.params.id));`,
        `});`,
      ]),
    },
    {
      name: 'a role check that lets through admins and moderators only, as middleware or in the handler',
      files: {
        ...express([
          `const authorize = (...roles) => (req, res, next) => (roles.includes(req.user.role) ? next() : res.status(403).end());`,
          `router.delete('/orders/:id', authorize('admin', 'moderator'), async (req, res) => res.json(await Order.findByIdAndDelete(req.params.id)));`,
          `router.put('/orders/:id', async (req, res) => {`,
          `  if (!['admin', 'superadmin'].includes(req.user.role)) return res.status(403).end();`,
          `  res.json(await Order.findByIdAndUpdate(req.params.id, { total: req.body.total }));`,
          `});`,
          // The role compared with what a refusal turns away says nothing of who gets in; an order's status beside it names no role.
          `router.patch('/orders/:id', async (req, res) => {`,
          `  if (req.user.role === 'banned' || req.body.status !== 'draft') return res.status(403).end();`,
          `  res.json(await Order.findByIdAndUpdate(req.params.id, { total: req.body.total }));`,
          `});`,
        ]),
      },
    },
    {
      name: 'a seller role checked, then the record\u2019s owner compared too',
      files: express([
        `router.put('/orders/:id', async (req, res) => {`,
        `  if (req.user.role !== 'seller') return res.status(403).end();`,
        `  const order = await Order.findById(req.params.id);`,
        `  if (!order || !order.owner.equals(req.user._id)) return res.status(404).end();`,
        `  res.json(await Order.findByIdAndUpdate(req.params.id, { total: req.body.total }));`,
        `});`,
      ]),
    },
    {
      name: 'Hono: controller functions given an object; the update checks the comment\u2019s author, a profile is read for its public columns',
      files: commentControllers(`  if (comment.userId !== parameters.userId) throw new Error('FORBIDDEN');`, false),
    },
    {
      name: 'a record looked up within the workspace whose membership was checked, then changed by its id',
      files: workspaceTransaction('{ id: transactionId, workspaceId }'),
    },
    {
      name: "NestJS: a guard that finds the caller's membership of the workspace the path names",
      files: nestWorkspace('JwtAuthGuard, WorkspaceGuard'),
    },
    {
      name: 'a pages API handler that checks the owner before branching by method',
      files: pagesExpense([
        `const expense = await prisma.expense.findUnique({ where: { id } });`,
        `if (!expense || expense.userId !== session.user.id) return res.status(404).end();`,
        `if (req.method === 'GET') return res.json(expense);`,
        `if (req.method === 'DELETE') return res.json(await prisma.expense.delete({ where: { id } }));`,
      ]),
    },
    {
      name: 'an open route is route-without-auth\'s finding, not this one',
      files: { ...express([]), 'server/routes/open.js': `import { Router } from 'express';\nimport { Order } from '../models.js';\nexport const open = Router();\nopen.delete('/orders/:id', async (req, res) => res.json(await Order.findByIdAndDelete(req.params.id)));\n` },
    },
    {
      name: 'Next.js + Prisma: the where clause has the owner',
      files: nextRoute([`const { id } = params;`, `await prisma.note.delete({ where: { id, userId: session.user.id } });`, `return Response.json({ ok: true });`], { 'prisma/schema.prisma': PRISMA }),
    },
    {
      name: 'a server action scopes the note its argument names to the signed-in user',
      files: { 'package.json': NEXT, 'prisma/schema.prisma': PRISMA, 'app/notes/actions.ts': ACTION_FILE([`await prisma.note.update({ where: { id, userId: session.user.id }, data: { body } });`]) },
    },
    {
      name: "a server action that changes each of the caller's own notes, found by the session",
      files: { 'package.json': NEXT, 'prisma/schema.prisma': PRISMA, 'app/notes/actions.ts': ACTION_FILE([`for (const note of await prisma.note.findMany({ where: { userId: session.user.id } })) {`, `  await prisma.note.update({ where: { id: note.id }, data: { body } });`, `}`]) },
    },
    {
      name: 'Next.js + Prisma: the note is compared with the session after loading',
      files: nextRoute(
        [
          `const note = await prisma.note.findUnique({ where: { id: params.id } });`,
          `if (note?.userId !== session.user.id) return Response.json({ error: 'Not found' }, { status: 404 });`,
          `await prisma.note.delete({ where: { id: params.id } });`,
          `return Response.json({ ok: true });`,
        ],
        { 'prisma/schema.prisma': PRISMA },
      ),
    },
    {
      name: 'Supabase: a user-scoped client on a table whose policy checks the owner',
      files: nextRoute([`const supabase = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!);`, `await supabase.from('notes').delete().eq('id', params.id);`, `return Response.json({ ok: true });`], {
        'supabase/migrations/20240101000000_notes.sql': MIGRATION,
      }),
    },
    {
      name: 'Supabase: the service-role client with an owner filter',
      files: nextRoute([`const supabaseAdmin = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);`, `await supabaseAdmin.from('notes').delete().eq('id', params.id).eq('user_id', session.user.id);`, `return Response.json({ ok: true });`], {
        'supabase/migrations/20240101000000_notes.sql': MIGRATION,
      }),
    },
    {
      name: 'Next.js + Prisma: ownership proved by a scoped lookup before the unscoped update',
      files: nextRoute(
        [
          `const note = await prisma.note.findFirst({ where: { id: params.id, userId: session.user.id } });`,
          `if (!note) return Response.json({ error: 'Not found' }, { status: 404 });`,
          `await prisma.note.update({ where: { id: params.id }, data: { archived: true } });`,
          `return Response.json({ ok: true });`,
        ],
        { 'prisma/schema.prisma': PRISMA },
      ),
    },
    {
      name: 'Supabase: a service-role read of a table whose rows are listed to visitors by policy',
      files: nextRoute(
        [
          `const supabaseAdmin = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);`,
          `const { data: walk } = await supabaseAdmin.from('walks').select('id, price_cents').eq('id', params.id).single();`,
          `return Response.json(walk);`,
        ],
        {
          'supabase/migrations/20240101000000_walks.sql': [
            `create table public.walks (id uuid primary key, status text not null default 'open', booked_by uuid references auth.users (id));`,
            `alter table public.walks enable row level security;`,
            `create policy "open walks are public" on public.walks for select to anon, authenticated using (status = 'open');`,
          ].join('\n'),
        },
      ),
    },
    {
      name: 'tRPC-style values: the id from input is scoped by ctx.session in the same query',
      files: nextRoute([`const input = await req.json();`, `await prisma.note.deleteMany({ where: { id: input.id, userId: session.user.id } });`, `return Response.json({ ok: true });`], { 'prisma/schema.prisma': PRISMA }),
    },
    {
      name: 'an ownership check written with String() on both sides, and published posts read by id',
      files: {
        ...express([
          `router.patch('/orders/:id', async (req, res) => {`,
          `  const order = await Order.findById(req.params.id);`,
          `  if (String(order.owner) !== String(req.user.id)) return res.status(403).json({ error: 'Not yours' });`,
          `  res.json(await Order.findByIdAndUpdate(req.params.id, { total: Number(req.body.total) }));`,
          `});`,
          `router.get('/posts/:id', async (req, res) => res.json(await Post.findById(req.params.id)));`,
        ]),
        'server/models/post.js': `import mongoose from 'mongoose';\nexport const Post = mongoose.model('Post', new mongoose.Schema({ author: String, title: String }));\n`,
      },
    },
    {
      name: 'the requested account is compared with the caller first',
      files: {
        ...express([
          `router.put('/users/:id', async (req, res) => {`,
          `  if (req.params.id !== String(req.user.id)) return res.status(403).json({ error: 'You can only edit your own account' });`,
          `  res.json(await User.findByIdAndUpdate(req.params.id, { name: String(req.body.name) }));`,
          `});`,
        ]),
        'server/models/user.js': `import mongoose from 'mongoose';\nexport const User = mongoose.model('User', new mongoose.Schema({ name: String, email: String }));\n`,
      },
    },
    {
      name: 'bookings listed by a court, a shared record with no owner',
      files: bookingRouter([`  bookings: protectedProcedure.input(z.object({ courtId: z.string() })).query(({ ctx, input }) => ctx.db.booking.findMany({ where: { courtId: input.courtId } })),`]),
    },
    {
      name: 'Express + Mongoose: a page looked up by its slug, its public address',
      files: express([`router.get('/orders/by-slug/:slug', async (req, res) => res.json(await Order.findOne({ slug: req.params.slug })));`]),
    },
    {
      name: 'Express + Mongoose: an order marked paid by the Stripe checkout session id the buyer holds',
      files: express([`router.post('/orders/confirm', async (req, res) => res.json(await Order.findOneAndUpdate({ stripeSessionId: req.body.sessionId }, { paid: true })));`]),
    },
      {
        name: 'a record read back by the id of the one the handler just made from the body',
        files: express([
          `router.post('/orders', async (req, res) => {`,
          `  const order = await Order.create({ total: Number(req.body.total), owner: req.user.id });`,
          `  res.json(await Order.findOne({ _id: order._id }));`,
          `});`,
        ]),
      },
      { name: 'a bid made for the signed-in caller', files: express([`router.post('/bids', async (req, res) => {`, `  const { auctionId, amount } = req.body;`, `  res.json(await Bid.create({ auctionId, amount, bidderId: req.user.id }));`, `});`]) },
    {
      name: 'a bid whose bidder the handler compares with the caller',
      files: express([`router.post('/bids', async (req, res) => {`, `  const { auctionId, amount, bidderId } = req.body;`, `  if (bidderId !== req.user.id) return res.status(403).end();`, `  res.json(await Bid.create({ auctionId, amount, bidderId }));`, `});`]),
    },
    { name: 'an invitation names the person invited', files: express([`router.post('/invitations', async (req, res) => {`, `  res.json(await Invitation.create({ teamId: req.body.teamId, userId: req.body.userId, invitedBy: req.user.id }));`, `});`]) },
    { name: 'a record under a parent named in the path (byRequestId judges it)', files: express([`router.post('/users/:userId/notes', async (req, res) => {`, `  await pool.query('INSERT INTO notes (user_id, body) VALUES ($1, $2)', [req.params.userId, req.body.text]);`, `  res.status(201).end();`, `});`]) },
    {
      name: 'raw SQL in a template literal with no values, scoped to the signed-in owner',
      files: express(['router.get(\'/orders/:id\', async (req, res) => res.json(await pool.query(`SELECT * FROM orders WHERE id = $1 AND owner = $2`, [req.params.id, req.user.id])));']),
    },
    { name: "the id in the body is the caller's: the sign-in middleware put it there from the verified token", files: bodyIdentityApp() },
    {
      name: "create-t3-app with Drizzle: a shared catalogue table (no owner column) read by id",
      files: t3Drizzle([`  byId: protectedProcedure.input(z.object({ id: z.number() })).query(({ ctx, input }) => ctx.db.select().from(category).where(eq(category.id, input.id))),`]),
    },
    {
      name: 'a Firebase callable adding a score under the game the request names, in a chain too long to quote whole',
      files: {
        'package.json': pkg({ 'firebase-admin': '12.6.0', 'firebase-functions': '6.0.1' }),
        'functions/index.js': `const { onCall, HttpsError } = require('firebase-functions/v2/https');\nconst admin = require('firebase-admin');\nconst db = admin.firestore();\nexports.submitScore = onCall(async (request) => {\n  if (!request.auth?.uid) throw new HttpsError('unauthenticated', 'Sign in');\n  const entry = { gameId: String(request.data.gameId), score: Number(request.data.score) };\n  const ref = await db.collection('leaderboards').doc(entry.gameId).collection('scores').add({ ...entry, uid: request.auth.uid });\n  return { id: ref.id };\n});\n`,
      },
    },
    {
      name: 'an event loaded by the id the request names, only its count of tickets left changed and saved (a booking)',
      files: {
        ...express([]),
        'server/models.js': `${MODELS}\nexport const Event = mongoose.model('Event', new mongoose.Schema({ organizer: { type: mongoose.Schema.Types.ObjectId, ref: 'User' }, availableTickets: Number }));\n`,
        'server/routes/book.js': [`import { Router } from 'express';`, `import { protect } from '../middleware/auth.js';`, `import { Event } from '../models.js';`, `export const router = Router();`, `router.post('/book', protect, async (req, res) => {`, `  const event = await Event.findById(req.body.eventId);`, `  event.availableTickets -= Number(req.body.quantity);`, `  await event.save();`, `  res.end();`, `});`, ``].join('\n'),
      },
    },
    {
      name: 'an order loaded by id, its owner compared with the caller, then changed and saved',
      files: express([
        `router.put('/:id', async (req, res) => {`,
        `  const order = await Order.findById(req.params.id);`,
        `  if (!order) return res.status(404).end();`,
        `  if (String(order.owner) !== String(req.user.id)) return res.status(403).end();`,
        `  order.total = Number(req.body.total);`,
        `  await order.save();`,
        `  res.json(order);`,
        `});`,
      ]),
    },
    {
      name: "a request found by its id and by the caller's id an auth middleware put on the request (`req.id`)",
      files: {
        'package.json': pkg({ express: '4.21.1', jsonwebtoken: '9.0.2', '@prisma/client': '5.22.0' }),
        'prisma/schema.prisma': "model User {\n  id String @id\n  requests SwapRequest[]\n}\nmodel SwapRequest {\n  id String @id\n  responderId String\n  responder User @relation(fields: [responderId], references: [id])\n}\n",
        'src/app.js': "const express = require('express');\nconst jwt = require('jsonwebtoken');\nconst { prisma } = require('./db');\nconst app = express();\nconst auth = (req, res, next) => { try { req.id = jwt.verify(req.headers.authorization, process.env.JWT_SECRET).id; next(); } catch { res.status(401).end(); } };\napp.post('/swap-response', auth, async (req, res) => {\n  const swap = await prisma.swapRequest.findFirst({ where: { id: req.body.swapRequestId, responderId: req.id } });\n  res.json(swap);\n});\n",
      },
    },
    {
      name: 'a Prisma model with no owner and no relation to the users, changed by the number in the path',
      files: { 'package.json': pkg({ fastify: '4.28.1', '@fastify/jwt': '8.0.1', '@prisma/client': '5.22.0' }), 'prisma/schema.prisma': "model User {\n  user_id Int @id @default(autoincrement())\n  email String @unique\n  songs Song[]\n}\nmodel Song {\n  song_id Int @id @default(autoincrement())\n  judul String\n  penyanyi_id Int\n  users User @relation(fields: [penyanyi_id], references: [user_id])\n}\nmodel Genre {\n  genre_id Int @id @default(autoincrement())\n  name String\n}\n", 'routes/genres/updateGenre.js': "module.exports = async (fastify) => {\n  fastify.patch('/:id', { onRequest: [fastify.authenticate] }, async (request) => {\n    const { id } = request.params;\n    return fastify.prisma.genre.update({ where: { genre_id: +id }, data: { name: request.body.name } });\n  });\n};\n" },
    },
    {
      name: 'a membership test kept in a local before the 403 (`const isMember = chama.members.some(…)`); a MongoDB id wrapped in ObjectId',
      files: chamaRoute([
        `  if (!chama) return NextResponse.json({ error: 'Not found' }, { status: 404 });`,
        `  const isMember = chama.members.some((m: any) => m.userId?.toString() === user._id.toString());`,
        `  if (!isMember) return NextResponse.json({ error: 'Access denied' }, { status: 403 });`,
      ]),
    },
    {
      name: "a signed-in list of the caller's own contacts, an admin's list of all, and a catalogue of products with sellers",
      files: { 'package.json': pkg({ fastify: '4.28.1', '@fastify/jwt': '8.0.1', '@prisma/client': '5.22.0' }), 'prisma/schema.prisma': "model User {\n  id String @id\n  email String\n  contacts Contact[]\n}\nmodel Contact {\n  id String @id\n  name String\n  phone String\n  userId String\n  user User @relation(fields: [userId], references: [id])\n}\nmodel Product {\n  id String @id\n  name String\n  sellerId String\n}\n", 'src/routes.ts': [
          `export async function routes(app) {`,
          `  app.get('/contacts', { onRequest: [app.authenticate] }, async (request) => app.prisma.contact.findMany({ where: { userId: request.user.sub } }));`,
          `  app.get('/all-contacts', { onRequest: [app.authenticate] }, async (request, reply) => { if (request.user.role !== 'admin') return reply.code(403).send(); return app.prisma.contact.findMany(); });`,
          `  app.get('/products', { onRequest: [app.authenticate] }, async () => app.prisma.product.findMany());`,
          `}`,
        ].join('\n') },
    },
    {
      name: "a reservation deleted when it is the caller's or on the caller's listing (`OR` through a relation)",
      files: {
        'package.json': NEXT,
        'app/api/reservations/[reservationId]/route.ts': [
          `import { getServerSession } from 'next-auth';`,
          `import { prisma } from '@/lib/prisma';`,
          `export async function DELETE(request: Request, { params }: { params: { reservationId: string } }) {`,
          `  const session = await getServerSession();`,
          `  if (!session?.user) return new Response('Unauthorized', { status: 401 });`,
          `  const gone = await prisma.reservation.deleteMany({ where: { id: params.reservationId, OR: [{ userId: session.user.id }, { listing: { userId: session.user.id } }] } });`,
          `  return Response.json(gone);`,
          `}`,
        ].join('\n'),
      },
    },
    {
      name: "a listing changed behind a middleware that finds it by the path's id and checks its owner",
      files: {
        'package.json': pkg({ express: '4.21.1', jsonwebtoken: '9.0.2', '@prisma/client': '5.22.0' }),
        'prisma/schema.prisma': "model User {\n  id Int @id\n  listings Listing[]\n}\nmodel Listing {\n  id Int @id\n  title String\n  userId Int\n  user User @relation(fields: [userId], references: [id])\n}\n",
        'server/middlewares/auth.js': "import jwt from 'jsonwebtoken';\nexport default function auth(req, res, next) {\n  try { req.userId = jwt.verify(req.headers.authorization, process.env.JWT_SECRET).id; next(); } catch { res.status(401).end(); }\n}\n",
        'server/middlewares/owner.js': "import prisma from '../prisma.js';\nexport default async function owner(req, res, next) {\n  const listing = await prisma.listing.findUnique({ where: { id: parseInt(req.params.listingId) } });\n  if (req.userId != listing.userId) return res.status(401).json({ message: 'unauthorized user' });\n  next();\n}\n",
        'server/routes.js': "import { Router } from 'express';\nimport auth from './middlewares/auth.js';\nimport owner from './middlewares/owner.js';\nimport prisma from './prisma.js';\nexport const router = Router();\nrouter.patch('/:listingId', auth, owner, async (req, res) => res.json(await prisma.listing.update({ where: { id: parseInt(req.params.listingId) }, data: { title: req.body.title } })));\n",
      },
    },
  ],
  invalid: [
    {
      name: "create-t3-app with Drizzle: a table made by the table creator, with an owner column, changed by id through `ctx.db`",
      files: t3Drizzle([`  setPublished: protectedProcedure.input(z.object({ id: z.number(), isPublished: z.boolean() })).mutation(({ ctx, input }) => ctx.db.update(product).set({ isPublished: input.isPublished }).where(eq(product.id, input.id))),`]),
      errors: [{ messageId: 'byRequestId', line: 6, file: 'src/server/api/routers/product.ts' }],
    },
    {
      name: 'a Vercel KV record keyed by the user id the body names, behind a sign-in check',
      files: {
        'package.json': pkg({ next: '15.0.3', '@vercel/kv': '3.0.0', '@clerk/nextjs': '6.9.0' }),
        'app/api/billing/activate/route.ts': "import { kv } from '@vercel/kv';\nimport { auth } from '@clerk/nextjs/server';\nexport async function POST(req: Request) {\n  const session = await auth();\n  if (!session.userId) return new Response('Unauthorized', { status: 401 });\n  const { userId } = await req.json();\n  await kv.hset(`user:${userId}`, { plan: 'pro' });\n  return Response.json({ ok: true });\n}\n",
      },
      errors: [{ messageId: 'byRequestId', line: 7 }],
    },
    {
      name: "a server action deleting the Supabase account its argument names, with the service role",
      files: { 'package.json': NEXT, 'app/actions/delete-user.ts': `'use server';\nimport { createClient } from '@supabase/supabase-js';\nimport { createClient as createServerClient } from '@/lib/supabase/server';\nexport async function deleteUserAction(userId: string) {\n  const { data: { user } } = await (await createServerClient()).auth.getUser();\n  if (!user) throw new Error('Sign in');\n  const admin = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);\n  await admin.auth.admin.deleteUser(userId);\n}\n` },
      errors: [{ messageId: 'byRequestId', line: 8 }],
    },
    {
      name: 'a Firebase callable deleting a notification under the user document the request names',
      files: {
        'package.json': pkg({ 'firebase-admin': '12.6.0', 'firebase-functions': '6.0.1' }),
        'functions/src/index.ts': `import * as functions from 'firebase-functions/v1';\nimport * as admin from 'firebase-admin';\nconst db = admin.firestore();\nexport const dismiss = functions.https.onCall(async (data, context) => {\n  if (!context.auth) throw new functions.https.HttpsError('unauthenticated', 'Sign in');\n  const theirs = db.collection('users').doc(data.userId);\n  await theirs.collection('notifications').doc(data.notificationId).delete();\n  return { ok: true };\n});\n`,
      },
      errors: [{ messageId: 'byRequestId', line: 7 }],
    },
    {
      name: 'a user record renamed where the request says whose e-mail it is',
      files: withUser(express([
        `import { User } from '../models/User.js';`,
        `router.put('/users/name', async (req, res) => res.json(await User.updateOne({ email: req.body.email }, { name: req.body.name })));`,
      ])),
      errors: [{ messageId: 'byRequestId', line: 7 }],
    },
    {
      name: 'Hono: controller functions given the id in an object (`parameters.commentId`, or destructured), with no author check',
      files: commentControllers(`  console.log('updating', parameters.commentId);`),
      errors: [
        { messageId: 'byRequestId', line: 6, file: 'src/controllers/comments.ts' },
        { messageId: 'byRequestId', line: 8, file: 'src/controllers/comments.ts' },
      ],
    },
    {
      // The GET branch's owner check says nothing of the DELETE branch beside it.
      name: 'a pages API handler that checks the owner in its GET branch only',
      files: pagesExpense([
        `if (req.method === 'GET') {`,
        `  const expense = await prisma.expense.findUnique({ where: { id } });`,
        `  if (!expense || expense.userId !== session.user.id) return res.status(404).end();`,
        `  return res.json(expense);`,
        `}`,
        `if (req.method === 'DELETE') return res.json(await prisma.expense.delete({ where: { id } }));`,
      ]),
      errors: [{ messageId: 'byRequestId', line: 12 }],
    },
    {
      name: 'NestJS: the same read behind the JWT guard alone',
      files: nestWorkspace('JwtAuthGuard'),
      errors: [{ messageId: 'byRequestId', line: 10, file: 'src/workspace.controller.ts' }],
    },
    {
      // The delete is scoped by the workspace the middleware checked; the update finds the project by its id alone.
      name: "Express: a middleware finds the caller's membership of the workspace in the path",
      files: EXPRESS_MEMBER,
      errors: [{ messageId: 'byRequestId', line: 14, file: 'server/routes/projects.js' }],
    },
    {
      name: 'membership of the workspace checked, but the record looked up by its id alone',
      files: workspaceTransaction('{ id: transactionId }'),
      errors: [{ messageId: 'byRequestId', line: 12 }],
    },
    {
      name: 'helpers in another file, called with the id in the URL',
      files: cartHelpers('req.params.userId'),
      errors: [
        { messageId: 'byRequestId', line: 3, file: 'server/cart.service.js' },
        { messageId: 'byRequestId', line: 6, file: 'server/cart.service.js' },
      ],
    },
    {
      name: 'an injected NestJS service whose Prisma client is called databaseService, with the id in the URL',
      files: {
        ...nestCart(`@Param('userId', ParseIntPipe) userId: number`, 'userId'),
        'src/cart/cart.service.ts': `import { Injectable } from '@nestjs/common';\nimport { DatabaseService } from '../database/database.service';\n@Injectable()\nexport class CartService {\n  constructor(private readonly databaseService: DatabaseService) {}\n  findMyCart(userId: number) {\n    return this.databaseService.cart.findUnique({ where: { userId }, include: { items: true } });\n  }\n}\n`,
      },
      errors: [{ messageId: 'byRequestId', line: 7, file: 'src/cart/cart.service.ts' }],
    },
    {
      name: 'an injected NestJS service, called with the id in the URL',
      files: nestCart(`@Param('userId', ParseIntPipe) userId: number`, 'userId'),
      errors: [{ messageId: 'byRequestId', line: 7, file: 'src/cart/cart.service.ts' }],
    },
    {
      name: 'the middleware copies the id into the body from the request itself',
      files: bodyIdentityApp({ assign: 'req.body.userId = req.query.uid;' }),
      errors: [
        { messageId: 'byRequestId', line: 4, file: 'controllers/orderController.js' },
        { messageId: 'byRequestId', line: 8, file: 'controllers/orderController.js' },
      ],
    },
    {
      name: 'a sign-in middleware that keeps the user elsewhere: the id in the body is the client\'s',
      files: bodyIdentityApp({ assign: 'req.user = decoded;' }),
      errors: [
        { messageId: 'byRequestId', line: 4, file: 'controllers/orderController.js' },
        { messageId: 'byRequestId', line: 8, file: 'controllers/orderController.js' },
      ],
    },
    {
      name: 'a read tested and then handed out is a read',
      files: nextRoute([`const booking = await prisma.booking.findFirst({ where: { id: params.id } });`, `if (!booking) return Response.json({}, { status: 404 });`, `return Response.json(booking);`], { 'prisma/schema.prisma': BOOKINGS_SCHEMA }),
      errors: [{ messageId: 'byRequestId', line: 7, file: 'app/api/notes/[id]/route.ts' }],
    },
    {
      name: "a task changed by its id alone, in a project its owner owns (the task has no owner field of its own)",
      files: nextRoute([`await prisma.card.update({ where: { id: params.id }, data: { done: true } });`], { 'prisma/schema.prisma': PARENTS }),
      errors: [{ messageId: 'byRequestId', line: 7, file: 'app/api/notes/[id]/route.ts' }],
    },
    {
      name: "a class checked against the caller does not make a student named by the request the caller's; a chat shared by its users is theirs",
      files: nextRoute(
        [
          `const form = await req.formData();`,
          `const classId = String(form.get('classId'));`,
          `const cls = await prisma.class.findUnique({ where: { id: classId } });`,
          `if (!cls || cls.teacherId !== session.user.id) return Response.json({}, { status: 403 });`,
          `await prisma.student.update({ where: { id: params.id }, data: { name: 'x' } });`,
          `return Response.json(await prisma.chat.findUnique({ where: { id: String(form.get('chatId')) } }));`,
        ],
        { 'prisma/schema.prisma': CLASSROOM },
      ),
      errors: [{ messageId: 'byRequestId', line: 11, file: 'app/api/notes/[id]/route.ts' }],
    },
    {
      name: 'a chat shared by a list of users, read by its id alone',
      files: nextRoute([`return Response.json(await prisma.chat.findUnique({ where: { id: params.id } }));`], { 'prisma/schema.prisma': CLASSROOM }),
      errors: [{ messageId: 'byRequestId', line: 7, file: 'app/api/notes/[id]/route.ts' }],
    },
    {
      name: 'Socket.IO: a chat read by the id in the event payload alone',
      files: socketServer(true, [`socket.on('open_chat', async (chatId) => {`, `  if (typeof chatId !== 'string') return;`, `  socket.emit('chat', await Chat.findOne({ _id: chatId }));`, `});`]),
      errors: [{ messageId: 'byRequestId', line: 15, file: 'server.js' }],
    },
    {
      name: 'Socket.IO: a bid placed for the bidder the event payload names, on a server that knows who connected',
      files: socketServer(true, [`socket.on('place_bid', async ({ auctionId, bidderId, amount }) => {`, `  await Bid.create({ auction: auctionId, bidder: bidderId, amount });`, `});`]),
      errors: [{ messageId: 'createdForOther', line: 14, file: 'server.js' }],
    },
    {
      name: 'a bid placed in the name of the bidder the body names',
      files: express([`router.post('/bids', async (req, res) => {`, `  const { auctionId, bidderSub, bidAmount } = req.body;`, `  res.json(await Bid.insert({ auctionId, bidderSub, bidAmount }));`, `});`]),
      errors: [{ messageId: 'createdForOther', line: 8, file: 'server/routes/orders.js' }],
    },
    {
      name: 'an order inserted with raw SQL for the user id in the body',
      files: express([`router.post('/checkout', async (req, res) => {`, `  const { userId, total } = req.body;`, `  await pool.query('INSERT INTO orders (user_id, total) VALUES ($1, $2)', [userId, total]);`, `  res.status(201).end();`, `});`]),
      errors: [{ messageId: 'createdForOther', line: 8, file: 'server/routes/orders.js' }],
    },
    {
      name: 'a post created with Prisma for the author the JSON body names',
      files: nextRoute([`const body = await req.json();`, `return Response.json(await prisma.post.create({ data: { title: body.title, authorId: body.authorId } }));`]),
      errors: [{ messageId: 'createdForOther', line: 8 }],
    },
    {
      name: 'next-safe-action: an update by id only; a delete scoped to ctx.userId (set by the client middleware) is fine',
      files: {
        'package.json': JSON.stringify({ name: 'app', dependencies: { next: '15.0.3', 'next-safe-action': '7.9.0', 'drizzle-orm': '0.36.0' } }),
        'src/lib/safe-action.ts': "import { createSafeActionClient } from 'next-safe-action';\nimport { auth } from '@/auth';\nexport const actionClient = createSafeActionClient();\nexport const authActionClient = actionClient.use(async ({ next }) => {\n  const session = await auth();\n  if (!session?.user) throw new Error('Unauthorized');\n  return next({ ctx: { userId: session.user.id } });\n});\n",
        'src/server/notes.ts': "'use server';\nimport { z } from 'zod';\nimport { and, eq, sql } from 'drizzle-orm';\nimport { actionClient, authActionClient } from '@/lib/safe-action';\nimport { db } from '@/db';\nimport { notes } from '@/db/schema';\nexport const deleteNote = authActionClient.schema(z.object({ id: z.string() })).action(async ({ parsedInput: { id }, ctx }) => {\n  return db.delete(notes).where(and(eq(notes.id, id), eq(notes.userId, ctx.userId))).returning();\n});\nexport const updateNote = authActionClient.schema(z.object({ id: z.string(), title: z.string() })).action(async ({ parsedInput: { id, title } }) => {\n  return db.update(notes).set({ title }).where(eq(notes.id, id)).returning();\n});\n",
      },
      errors: [{ messageId: 'byRequestId', line: 11 }],
    },
    {
      name: 'tasks listed by a project that has an owner, and bookings of a court deleted',
      files: bookingRouter([
        `  tasks: protectedProcedure.input(z.object({ projectId: z.string() })).query(({ ctx, input }) => ctx.db.task.findMany({ where: { projectId: input.projectId } })),`,
        `  clear: protectedProcedure.input(z.object({ courtId: z.string() })).mutation(({ ctx, input }) => ctx.db.booking.deleteMany({ where: { courtId: input.courtId } })),`,
      ]),
      errors: [
        { messageId: 'byRequestId', line: 4, file: 'src/server/api/routers/court.ts' },
        { messageId: 'byRequestId', line: 5, file: 'src/server/api/routers/court.ts' },
      ],
    },
    {
      // Any seller passes `role !== 'seller'`, not only the order's.
      name: 'Express + Mongoose: a role many users hold checked, and no owner (in the handler, or by a middleware made with the role)',
      files: express([
        `const authorize = (...roles) => (req, res, next) => (roles.includes(req.user.role) ? next() : res.status(403).end());`,
        `router.put('/orders/:id', async (req, res) => {`,
        `  if (req.user.role !== 'seller') return res.status(403).end();`,
        `  res.json(await Order.findByIdAndUpdate(req.params.id, { total: req.body.total }));`,
        `});`,
        `router.delete('/orders/:id', authorize('admin', 'seller'), async (req, res) => res.json(await Order.findByIdAndDelete(req.params.id)));`,
      ]),
      errors: [{ messageId: 'byRequestId', line: 9 }, { messageId: 'byRequestId', line: 11 }],
    },
    {
      name: 'Express + Mongoose: delete by req.params.id',
      files: express([`router.delete('/orders/:id', async (req, res) => res.json(await Order.findByIdAndDelete(req.params.id)));`]),
      errors: [{ messageId: 'byRequestId', line: 6, file: 'server/routes/orders.js' }],
    },
    {
      name: 'Express + Mongoose: a change by slug is still a reach into any record',
      files: express([`router.put('/orders/by-slug/:slug', async (req, res) => res.json(await Order.findOneAndUpdate({ slug: req.params.slug }, { total: Number(req.body.total) })));`]),
      errors: [{ messageId: 'byRequestId', line: 6, file: 'server/routes/orders.js' }],
    },
    {
      name: 'Express + Mongoose: update by an id destructured from the body',
      files: express([`router.put('/orders', async (req, res) => {`, `  const { id, total } = req.body;`, `  res.json(await Order.findOneAndUpdate({ _id: id }, { total }));`, `});`]),
      errors: [{ messageId: 'byRequestId', line: 8 }],
    },
    {
      name: 'Next.js + Prisma: delete by the dynamic route param',
      files: nextRoute([`const { id } = params;`, `await prisma.note.delete({ where: { id } });`, `return Response.json({ ok: true });`], { 'prisma/schema.prisma': PRISMA }),
      errors: [{ messageId: 'byRequestId', line: 8, file: 'app/api/notes/[id]/route.ts' }],
    },
    {
      name: 'a server action changes each note of the list its argument holds, without an owner condition',
      files: { 'package.json': NEXT, 'prisma/schema.prisma': PRISMA, 'app/notes/actions.ts': ACTION_FILE([`for (const note of JSON.parse(body) as { id: string; body: string }[]) {`, `  await prisma.note.update({ where: { id: note.id }, data: { body: note.body } });`, `}`]) },
      errors: [{ messageId: 'byRequestId', line: 8, file: 'app/notes/actions.ts' }],
    },
    {
      name: 'a server action changes the note its argument names, without an owner condition',
      files: { 'package.json': NEXT, 'prisma/schema.prisma': PRISMA, 'app/notes/actions.ts': ACTION_FILE([`await prisma.note.update({ where: { id }, data: { body } });`]) },
      errors: [{ messageId: 'byRequestId', line: 7, file: 'app/notes/actions.ts' }],
    },
    {
      name: 'Next.js: an id from the query string',
      files: nextRoute([`const id = new URL(req.url).searchParams.get('id');`, `await prisma.note.delete({ where: { id: id! } });`, `return Response.json({ ok: true });`], { 'prisma/schema.prisma': PRISMA }),
      errors: [{ messageId: 'byRequestId', line: 8 }],
    },
    {
      name: 'Supabase: a roles listing is no check of the caller\u2019s role',
      files: nextRoute(
        [
          `const supabaseAdmin = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);`,
          `const { data: roles } = await supabaseAdmin.from('user_roles').select('user_id, role');`,
          `await supabaseAdmin.from('notes').delete().eq('id', params.id);`,
          `return Response.json({ roles });`,
        ],
        { 'supabase/migrations/20240101000000_notes.sql': MIGRATION },
      ),
      errors: [{ messageId: 'serviceRole', line: 9 }],
    },
    {
      name: 'Supabase: the service-role client bypasses RLS',
      files: nextRoute([`const supabaseAdmin = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);`, `await supabaseAdmin.from('notes').delete().eq('id', params.id);`, `return Response.json({ ok: true });`], {
        'supabase/migrations/20240101000000_notes.sql': MIGRATION,
      }),
      errors: [{ messageId: 'serviceRole', line: 8 }],
    },
    {
      name: 'Supabase: a user-scoped client on a table whose delete policy only asks for a session',
      files: nextRoute([`const supabase = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!);`, `await supabase.from('drafts').delete().eq('id', params.id);`, `return Response.json({ ok: true });`], {
        'supabase/migrations/20240101000000_notes.sql': MIGRATION,
      }),
      errors: [{ messageId: 'weakPolicy', line: 8 }],
    },
    {
      name: 'Express + Drizzle-style where(eq()) on a body id, in a controller file',
      files: {
        ...express([`router.patch('/orders', updateOrder);`]),
        'server/routes/orders.js': [`import { Router } from 'express';`, `import { protect } from '../middleware/auth.js';`, `import { updateOrder } from '../controllers/orders.js';`, `export const router = Router();`, `router.use(protect);`, `router.patch('/orders', updateOrder);`, ``].join('\n'),
        'server/controllers/orders.js': [
          `import { eq } from 'drizzle-orm';`,
          `import { db } from '../db.js';`,
          `import { orders } from '../schema.js';`,
          `export async function updateOrder(req, res) {`,
          `  const { orderId, note } = req.body;`,
          `  res.json(await db.update(orders).set({ note }).where(eq(orders.id, orderId)));`,
          `}`,
          ``,
        ].join('\n'),
      },
      errors: [{ messageId: 'byRequestId', line: 6, file: 'server/controllers/orders.js' }],
    },
    {
      name: 'a comparison on the session itself is not an ownership check',
      files: express([
        `router.put('/orders/:id', async (req, res) => {`,
        `  if (req.user.id === undefined) return res.status(401).end();`,
        `  res.json(await Order.findByIdAndUpdate(req.params.id, { total: Number(req.body.total) }));`,
        `});`,
      ]),
      errors: [{ messageId: 'byRequestId', line: 8 }],
    },
    {
      name: 'NestJS: a guarded controller deletes by @Param id',
      files: {
        'package.json': JSON.stringify({ name: 'api', dependencies: { '@nestjs/common': '10.4.7', '@nestjs/passport': '10.0.3', '@prisma/client': '5.22.0' } }),
        'prisma/schema.prisma': PRISMA,
        'src/notes/notes.controller.ts': [
          `import { Controller, Delete, Param, UseGuards } from '@nestjs/common';`,
          `import { AuthGuard } from '@nestjs/passport';`,
          `import { PrismaService } from '../prisma.service';`,
          `@UseGuards(AuthGuard('jwt'))`,
          `@Controller('notes')`,
          `export class NotesController {`,
          `  constructor(private readonly prisma: PrismaService) {}`,
          `  @Delete(':id')`,
          `  remove(@Param('id') id: string) {`,
          `    return this.prisma.note.delete({ where: { id } });`,
          `  }`,
          `}`,
          ``,
        ].join('\n'),
      },
      errors: [{ messageId: 'byRequestId', line: 10, file: 'src/notes/notes.controller.ts' }],
    },
    {
      name: 'a signed-in user changes any account by id',
      files: { ...express([`router.put('/users/:id', async (req, res) => res.json(await User.findByIdAndUpdate(req.params.id, { name: String(req.body.name) })));`]), 'server/models/user.js': `import mongoose from 'mongoose';\nexport const User = mongoose.model('User', new mongoose.Schema({ name: String, email: String }));\n` },
      errors: [{ messageId: 'byRequestId', line: 6 }],
    },
    {
      name: 'tRPC: a protected procedure deletes by input, another scopes it to the session',
      files: {
        'package.json': JSON.stringify({ name: 'app', dependencies: { '@trpc/server': '11.0.0-rc.608', next: '15.0.3', '@prisma/client': '5.22.0' } }),
        'prisma/schema.prisma': PRISMA,
        'src/server/api/routers/note.ts': [
          `import { z } from 'zod';`,
          `import { createTRPCRouter, protectedProcedure } from '@/server/api/trpc';`,
          `export const noteRouter = createTRPCRouter({`,
          `  remove: protectedProcedure.input(z.object({ id: z.string() })).mutation(({ ctx, input }) => ctx.db.note.delete({ where: { id: input.id } })),`,
          `  archive: protectedProcedure.input(z.object({ id: z.string() })).mutation(({ ctx, input }) => ctx.db.note.updateMany({ where: { id: input.id, userId: ctx.session.user.id }, data: { archived: true } })),`,
          `});`,
          ``,
        ].join('\n'),
      },
      errors: [{ messageId: 'byRequestId', line: 4, file: 'src/server/api/routers/note.ts' }],
    },
    {
      name: 'raw SQL with a parameter array',
      files: express([`router.get('/orders/:id', async (req, res) => res.json(await pool.query('SELECT * FROM orders WHERE id = $1', [req.params.id])));`]),
      errors: [{ messageId: 'byRequestId', line: 6 }],
    },
    {
      name: 'raw SQL in a template literal with no values in it, and a parameter array',
      files: express(['router.get(\'/orders/:id\', async (req, res) => res.json(await pool.query(`SELECT * FROM orders WHERE id = $1`, [req.params.id])));']),
      errors: [{ messageId: 'byRequestId', line: 6 }],
    },
    {
      name: 'a Firebase callable setting a score document the request names, in a chain too long to quote whole',
      files: {
        'package.json': pkg({ 'firebase-admin': '12.6.0', 'firebase-functions': '6.0.1' }),
        'functions/index.js': `const { onCall, HttpsError } = require('firebase-functions/v2/https');\nconst admin = require('firebase-admin');\nconst db = admin.firestore();\nexports.editScore = onCall(async (request) => {\n  if (!request.auth?.uid) throw new HttpsError('unauthenticated', 'Sign in');\n  const entry = { gameId: String(request.data.gameId), scoreId: String(request.data.scoreId) };\n  await db.collection('leaderboards').doc(entry.gameId).collection('scores').doc(entry.scoreId).update({ score: Number(request.data.score) });\n  return { ok: true };\n});\n`,
      },
      errors: [{ messageId: 'byRequestId', line: 7 }],
    },
    {
      name: 'an order loaded by the id the request names, then changed and saved, or deleted, with no owner check',
      files: express([
        `router.put('/:id', async (req, res) => {`,
        `  const order = await Order.findById(req.params.id);`,
        `  if (!order) return res.status(404).end();`,
        `  order.total = Number(req.body.total);`,
        `  await order.save();`,
        `  res.json(order);`,
        `});`,
        `router.delete('/:id', async (req, res) => {`,
        `  const gone = await Order.findById(req.params.id);`,
        `  await gone.deleteOne();`,
        `  res.end();`,
        `});`,
      ]),
      errors: [
        { messageId: 'byRequestId', line: 10, file: 'server/routes/orders.js' },
        { messageId: 'byRequestId', line: 15, file: 'server/routes/orders.js' },
      ],
    },
    {
      name: "a Prisma model related to the users through a key named in another language, changed by the number in the path (`+id`)",
      files: { 'package.json': pkg({ fastify: '4.28.1', '@fastify/jwt': '8.0.1', '@prisma/client': '5.22.0' }), 'prisma/schema.prisma': "model User {\n  user_id Int @id @default(autoincrement())\n  email String @unique\n  songs Song[]\n}\nmodel Song {\n  song_id Int @id @default(autoincrement())\n  judul String\n  penyanyi_id Int\n  users User @relation(fields: [penyanyi_id], references: [user_id])\n}\nmodel Genre {\n  genre_id Int @id @default(autoincrement())\n  name String\n}\n", 'routes/songs/updateSong.js': "module.exports = async (fastify) => {\n  fastify.patch('/:id', { onRequest: [fastify.authenticate] }, async (request) => {\n    const { id } = request.params;\n    return fastify.prisma.song.update({ where: { song_id: +id }, data: { name: request.body.name } });\n  });\n};\n" },
      errors: [{ messageId: 'byRequestId', line: 4 }],
    },
    {
      name: 'a MongoDB id wrapped in ObjectId, with a local test that is not of the caller',
      files: chamaRoute([
        `  const isOpen = chama.members.some((m: any) => m.role === 'guest');`,
        `  if (!isOpen) return NextResponse.json({ error: 'Closed' }, { status: 403 });`,
      ]),
      errors: [{ messageId: 'byRequestId', line: 8 }],
    },
    {
      name: "a signed-in route that lists every user's contacts",
      files: { 'package.json': pkg({ fastify: '4.28.1', '@fastify/jwt': '8.0.1', '@prisma/client': '5.22.0' }), 'prisma/schema.prisma': "model User {\n  id String @id\n  email String\n  contacts Contact[]\n}\nmodel Contact {\n  id String @id\n  name String\n  phone String\n  userId String\n  user User @relation(fields: [userId], references: [id])\n}\nmodel Product {\n  id String @id\n  name String\n  sellerId String\n}\n", 'src/routes.ts': [
          `export async function routes(app) {`,
          `  app.get('/contacts', { onRequest: [app.authenticate] }, async () => app.prisma.contact.findMany());`,
          `}`,
        ].join('\n') },
      errors: [{ messageId: 'listsEveryones', line: 2 }],
    },
  ],
});
