import { ruleTester } from '../../helpers/rule-tester.js';

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'api', dependencies: deps });
const MONGO = pkg({ express: '^4.19.2', mongoose: '^8.4.0' });
const NEXT = pkg({ next: '^14.2.0', '@prisma/client': '^5.14.0', '@supabase/supabase-js': '^2.43.0' });
const USER_MODEL = `const mongoose = require('mongoose');\nconst userSchema = new mongoose.Schema({ name: String, email: String, isAdmin: { type: Boolean, default: false }, credits: Number });\nmodule.exports = mongoose.model('User', userSchema);\n`;
const PRISMA = `model Post {\n  id        String  @id @default(cuid())\n  title     String\n  body      String\n  published Boolean @default(false)\n  authorId  String\n}\n\nmodel Comment {\n  id     String @id\n  text   String\n  userId String\n}\n`;

ruleTester('mass-assignment', {
  valid: [
    {
      name: "a storage layer's writes given picked fields, or the body only to a method that writes nothing, and one handler's body-holding name beside another's",
      files: {
        'package.json': pkg({ express: '^4.19.2', 'drizzle-orm': '^0.36.0' }),
        'shared/schema.ts': "import { pgTable, text, varchar, integer } from 'drizzle-orm/pg-core';\nexport const users = pgTable('users', { id: varchar('id').primaryKey(), username: text('username'), role: text('role').default('user'), credits: integer('credits') });\nexport const notes = pgTable('notes', { id: varchar('id').primaryKey(), title: text('title'), userId: varchar('user_id') });\n",
        'server/storage.ts': "import { db } from './db';\nimport { users, notes } from '../shared/schema';\nimport { randomUUID } from 'node:crypto';\nexport class DatabaseStorage {\n  async createUser(user: InsertUser): Promise<User> {\n    const [row] = await db.insert(users).values({ id: randomUUID(), ...user }).returning();\n    return row;\n  }\n  async updateNote(id: string, note: Partial<InsertNote>, userId: string) {\n    return db.update(notes).set(note).where(and(eq(notes.id, id), eq(notes.userId, userId)));\n  }\n  summarize(data: Record<string, unknown>) {\n    return Object.values(data).length;\n  }\n}\nexport const storage = new DatabaseStorage();\n",
        'server/routes.ts': "import type { Express } from 'express';\nimport { storage } from './storage';\nexport function registerRoutes(app: Express) {\n  app.post('/api/log', async (req, res) => {\n    const data = { ...req.body };\n    res.json(storage.summarize(data));\n  });\n  app.post('/api/register', async (req, res) => {\n    const data = { username: req.body.username };\n    res.json(await storage.createUser(data));\n  });\n  app.patch('/api/notes/:id', async (req, res) => {\n    const { title } = req.body;\n    res.json(await storage.updateNote(req.params.id, { title }, req.user.id));\n  });\n}\n",
      },
    },
    {
      name: 'tRPC inputs checked by an object schema or a record of numbers',
      files: {
        'package.json': pkg({ next: '^14.2.0', '@prisma/client': '^5.14.0', '@trpc/server': '^10.45.0', zod: '^3.23.8' }),
        'prisma/schema.prisma': PRISMA,
        'src/server/api/routers/post.ts': "import { z } from 'zod';\nimport type { Prisma } from '@prisma/client';\nimport { createTRPCRouter, protectedProcedure } from '~/server/api/trpc';\nexport const postRouter = createTRPCRouter({\n  create: protectedProcedure.input(z.object({ title: z.string(), body: z.string() })).mutation(async ({ ctx, input }) => ctx.prisma.post.create(input)),\n  update: protectedProcedure.input(z.record(z.string(), z.number())).mutation(({ ctx, input: args }) => ctx.db.post.update({ where: { id: args.id }, data: { ...args } })),\n});\n",
      },
    },
    {
      name: 'picked fields, in Mongoose and Express',
      files: {
        'package.json': MONGO,
        'server/models/User.js': USER_MODEL,
        'server/routes/users.js': `const router = require('express').Router();\nconst User = require('../models/User');\nrouter.put('/me', async (req, res) => {\n  const { name, email } = req.body;\n  await User.findByIdAndUpdate(req.user.id, { name, email });\n  const user = new User({ name: req.body.name });\n  await user.save();\n  res.json({ ok: true });\n});\nmodule.exports = router;\n`,
      },
    },
    {
      name: 'a zod-parsed body in a Next.js route handler',
      files: {
        'package.json': NEXT,
        'prisma/schema.prisma': PRISMA,
        'app/api/posts/route.ts': `import { z } from 'zod';\nimport { prisma } from '@/lib/prisma';\nconst Post = z.object({ title: z.string(), body: z.string() });\nexport async function POST(req: Request) {\n  const data = Post.parse(await req.json());\n  const post = await prisma.post.create({ data: { ...data, authorId: 'u1' } });\n  return Response.json({ id: post.id });\n}\n`,
      },
    },
    {
      name: 'a rest that took the privileged keys out',
      files: {
        'package.json': MONGO,
        'server/models/User.js': USER_MODEL,
        'server/routes/users.js': `const router = require('express').Router();\nconst User = require('../models/User');\nrouter.patch('/me', async (req, res) => {\n  const { isAdmin, credits, ...changes } = req.body;\n  await User.updateOne({ _id: req.user.id }, changes);\n  res.sendStatus(204);\n});\nmodule.exports = router;\n`,
      },
    },
    {
      name: 'hashing the raw body and writing to a cache are not database writes',
      files: {
        'package.json': MONGO,
        'server/routes/hooks.js': `const crypto = require('crypto');\nconst router = require('express').Router();\nrouter.post('/hooks', (req, res) => {\n  const mac = crypto.createHmac('sha256', process.env.SECRET).update(req.body).digest('hex');\n  res.set(req.body);\n  res.json({ mac });\n});\nmodule.exports = router;\n`,
      },
    },
    {
      name: 'SDK clients created by a call are not databases',
      files: {
        'package.json': MONGO,
        'server/routes/billing.js': `const router = require('express').Router();\nconst { getStripe } = require('../lib/stripe');\nrouter.post('/customers', async (req, res) => {\n  const customer = await getStripe().customers.create(req.body);\n  res.json({ id: customer.id });\n});\nmodule.exports = router;\n`,
      },
    },
    {
      name: 'a NestJS DTO class is left to the ValidationPipe rule',
      files: {
        'package.json': pkg({ '@nestjs/core': '^10.3.0', '@nestjs/common': '^10.3.0', typeorm: '^0.3.20' }),
        'src/users/users.controller.ts': `import { Body, Controller, Post } from '@nestjs/common';\nimport { CreateUserDto } from './dto';\n@Controller('users')\nexport class UsersController {\n  constructor(private readonly usersRepository: any) {}\n  @Post()\n  create(@Body() dto: CreateUserDto) {\n    return this.usersRepository.save(dto);\n  }\n}\n`,
      },
    },
  ],
  invalid: [
    {
      name: "the body handed whole to a storage layer's methods that write their parameter (Replit's rest-express shape)",
      files: {
        'package.json': pkg({ express: '^4.19.2', 'drizzle-orm': '^0.36.0' }),
        'shared/schema.ts': "import { pgTable, text, varchar, integer } from 'drizzle-orm/pg-core';\nexport const users = pgTable('users', { id: varchar('id').primaryKey(), username: text('username'), role: text('role').default('user'), credits: integer('credits') });\nexport const notes = pgTable('notes', { id: varchar('id').primaryKey(), title: text('title'), userId: varchar('user_id') });\n",
        'server/storage.ts': "import { db } from './db';\nimport { users, notes } from '../shared/schema';\nimport { randomUUID } from 'node:crypto';\nexport class DatabaseStorage {\n  async createUser(user: InsertUser): Promise<User> {\n    const [row] = await db.insert(users).values({ id: randomUUID(), ...user }).returning();\n    return row;\n  }\n  async updateNote(id: string, note: Partial<InsertNote>, userId: string) {\n    return db.update(notes).set(note).where(and(eq(notes.id, id), eq(notes.userId, userId)));\n  }\n  summarize(data: Record<string, unknown>) {\n    return Object.values(data).length;\n  }\n}\nexport const storage = new DatabaseStorage();\n",
        'server/routes.ts': "import type { Express } from 'express';\nimport { storage } from './storage';\nexport function registerRoutes(app: Express) {\n  app.post('/api/register', async (req, res) => {\n    res.json(await storage.createUser({ ...req.body, password: await hash(req.body.password) }));\n  });\n  app.patch('/api/notes/:id', async (req, res) => {\n    res.json(await storage.updateNote(req.params.id, req.body, req.user.id));\n  });\n}\n",
      },
      errors: [
        { messageId: 'privileged', line: 5, file: 'server/routes.ts' },
        { messageId: 'privileged', line: 8, file: 'server/routes.ts' },
      ],
    },
    {
      name: "the body handed whole to an in-memory storage layer (Replit's MemStorage) that spreads it into the record it keeps",
      files: {
        'package.json': pkg({ express: '^4.19.2', 'drizzle-orm': '^0.36.0' }),
        'shared/schema.ts': "import { pgTable, text, varchar } from 'drizzle-orm/pg-core';\nexport const users = pgTable('users', { id: varchar('id').primaryKey(), username: text('username'), role: text('role').default('user') });\n",
        'server/storage.ts': "import { randomUUID } from 'node:crypto';\nexport class MemStorage {\n  private users = new Map<string, User>();\n  async createUser(insertUser: InsertUser): Promise<User> {\n    const id = randomUUID();\n    const user: User = { ...insertUser, id };\n    this.users.set(id, user);\n    return user;\n  }\n  async rename(id: string, name: string) {\n    const user = { ...this.users.get(id)!, username: name };\n    this.users.set(id, user);\n  }\n}\nexport const storage = new MemStorage();\n",
        'server/routes.ts': "import type { Express } from 'express';\nimport { storage } from './storage';\nexport function registerRoutes(app: Express) {\n  app.post('/api/register', async (req, res) => {\n    res.json(await storage.createUser(req.body));\n  });\n  app.post('/api/rename', async (req, res) => {\n    res.json(await storage.rename(req.body.id, req.body.name));\n  });\n}\n",
      },
      errors: [{ messageId: 'privileged', line: 5, file: 'server/routes.ts' }],
    },
    {
      name: 'tRPC inputs that no schema checks, written whole into Prisma (the Prisma arguments themselves, or spread into data)',
      files: {
        'package.json': pkg({ next: '^14.2.0', '@prisma/client': '^5.14.0', '@trpc/server': '^10.45.0', zod: '^3.23.8' }),
        'prisma/schema.prisma': PRISMA,
        'src/server/api/routers/post.ts': "import { z } from 'zod';\nimport type { Prisma } from '@prisma/client';\nimport { createTRPCRouter, protectedProcedure } from '~/server/api/trpc';\nexport const postRouter = createTRPCRouter({\n  create: protectedProcedure.input(z.custom<Prisma.PostCreateArgs>()).mutation(async ({ ctx, input }) => ctx.prisma.post.create(input)),\n  update: protectedProcedure.input(z.record(z.any())).mutation(({ ctx, input: args }) => ctx.db.post.update({ where: { id: args.id }, data: { ...args } })),\n});\n",
      },
      errors: [
        { messageId: 'privileged', line: 5, severity: 'high' },
        { messageId: 'privileged', line: 6, severity: 'high' },
      ],
    },
    {
      name: 'Mongoose writes of the whole body, with the model fields named',
      files: {
        'package.json': MONGO,
        'server/models/User.js': USER_MODEL,
        'server/routes/users.js': `const router = require('express').Router();\nconst User = require('../models/User');\nrouter.post('/users', async (req, res) => {\n  const user = await User.create(req.body);\n  res.status(201).json({ id: user.id });\n});\nrouter.put('/users/:id', async (req, res) => {\n  await User.findByIdAndUpdate(req.params.id, { $set: req.body });\n  const body = req.body;\n  const copy = new User(body);\n  await copy.save();\n  res.sendStatus(204);\n});\nrouter.post('/teams', async (req, res) => {\n  const user = await User.create({ ...req.body, invitedAt: new Date() });\n  res.status(201).json({ id: user.id });\n});\nmodule.exports = router;\n`,
      },
      errors: [
        { messageId: 'privileged', line: 4, severity: 'high' },
        { messageId: 'privileged', line: 8, severity: 'high' },
        { messageId: 'privileged', line: 10, severity: 'high' },
        { messageId: 'privileged', line: 15, severity: 'high' },
      ],
    },
    {
      name: 'Prisma and Supabase in Next.js route handlers',
      files: {
        'package.json': NEXT,
        'prisma/schema.prisma': PRISMA,
        'app/api/posts/route.ts': `import { prisma } from '@/lib/prisma';\nexport async function POST(req: Request) {\n  const body = await req.json();\n  const post = await prisma.post.create({ data: { ...body, authorId: 'u1' } });\n  return Response.json(post);\n}\n`,
        'app/api/comments/route.ts': `import { prisma } from '@/lib/prisma';\nexport async function PUT(request: Request) {\n  const { id, ...rest } = await request.json();\n  await prisma.comment.update({ where: { id }, data: rest });\n  return new Response(null, { status: 204 });\n}\n`,
        'app/api/profile/route.ts': `import { createClient } from '@/lib/supabase/server';\nexport async function PATCH(req: Request) {\n  const supabase = createClient();\n  const { error } = await supabase.from('profiles').update(await req.json()).eq('id', 'x');\n  return Response.json({ error });\n}\n`,
      },
      errors: [
        { messageId: 'privileged', line: 4, file: 'app/api/comments/route.ts', severity: 'high' },
        { messageId: 'wholeBody', line: 4, file: 'app/api/posts/route.ts', severity: 'medium' },
        { messageId: 'wholeBody', line: 4, file: 'app/api/profile/route.ts', severity: 'medium' },
      ],
    },
    {
      name: 'Drizzle insert and update in Hono',
      files: {
        'package.json': pkg({ hono: '^4.4.0', 'drizzle-orm': '^0.31.0' }),
        'server/db/schema.ts': `import { pgTable, text, integer } from 'drizzle-orm/pg-core';\nexport const accounts = pgTable('accounts', { id: text('id').primaryKey(), name: text('name'), balance: integer('balance') });\n`,
        'server/index.ts': `import { Hono } from 'hono';\nimport { eq } from 'drizzle-orm';\nimport { db } from './db';\nimport { accounts } from './db/schema';\nconst app = new Hono();\napp.post('/accounts', async (c) => {\n  const input = await c.req.json();\n  await db.insert(accounts).values(input);\n  await db.update(accounts).set({ ...input }).where(eq(accounts.id, input.id));\n  return c.json({ ok: true });\n});\nexport default app;\n`,
      },
      errors: [
        { messageId: 'privileged', line: 8 },
        { messageId: 'privileged', line: 9 },
      ],
    },
    {
      name: 'Object.assign into a loaded record, then save; TypeORM and NestJS @Body() any',
      files: {
        'package.json': pkg({ express: '^4.19.2', '@nestjs/core': '^10.3.0', '@nestjs/common': '^10.3.0', typeorm: '^0.3.20' }),
        'server/routes/orders.ts': `import { Router } from 'express';\nimport { AppDataSource } from '../data-source';\nimport { Order } from '../entity/Order';\nexport const orders = Router();\norders.put('/orders/:id', async (req, res) => {\n  const repo = AppDataSource.getRepository(Order);\n  const order = await repo.findOneByOrFail({ id: Number(req.params.id) });\n  Object.assign(order, req.body);\n  await repo.save(order);\n  res.json({ id: order.id });\n});\n`,
        'src/users/users.controller.ts': `import { Body, Controller, Post } from '@nestjs/common';\n@Controller('users')\nexport class UsersController {\n  constructor(private readonly usersRepository: any) {}\n  @Post()\n  create(@Body() body: any) {\n    return this.usersRepository.save(body);\n  }\n}\n`,
      },
      errors: [
        { messageId: 'wholeBody', line: 8, file: 'server/routes/orders.ts' },
        { messageId: 'wholeBody', line: 7, file: 'src/users/users.controller.ts' },
      ],
    },
    {
      name: 'the model file comes after the route in scan order',
      files: {
        'package.json': MONGO,
        'server/api/users.js': `const router = require('express').Router();\nconst User = require('../schemas/user');\nrouter.post('/signup', async (req, res) => {\n  const user = new User({ ...req.body });\n  await user.save();\n  res.sendStatus(201);\n});\nmodule.exports = router;\n`,
        'server/schemas/user.js': USER_MODEL,
      },
      errors: [{ messageId: 'privileged', line: 4, severity: 'high' }],
    },
    {
      name: 'Firestore writes in Firebase Cloud Functions, namespaced and modular',
      files: {
        'package.json': pkg({ 'firebase-functions': '^5.0.0', 'firebase-admin': '^12.1.0', firebase: '^10.12.0' }),
        'functions/src/index.ts': `import { onRequest } from 'firebase-functions/v2/https';\nimport { getFirestore } from 'firebase-admin/firestore';\nimport { doc, setDoc } from 'firebase/firestore';\nconst db = getFirestore();\nexport const saveProfile = onRequest(async (req, res) => {\n  await db.collection('users').doc(String(req.query.uid)).set(req.body, { merge: true });\n  await setDoc(doc(db as any, 'profiles', String(req.query.uid)), { ...req.body });\n  res.json({ ok: true });\n});\n`,
      },
      errors: [
        { messageId: 'wholeBody', line: 6 },
        { messageId: 'wholeBody', line: 7 },
      ],
    },
    {
      name: 'a Lambda handler parses event.body into a Mongoose model',
      files: {
        'package.json': pkg({ mongoose: '^8.4.0' }),
        'server/models/User.js': USER_MODEL,
        'functions/users.js': `const User = require('../server/models/User');\nexports.handler = async (event) => {\n  const input = JSON.parse(event.body);\n  await User.create(input);\n  return { statusCode: 201 };\n};\n`,
      },
      errors: [{ messageId: 'privileged', line: 4 }],
    },
    {
      // The schema made without `new` is still read; a new account's password is what its sign-up form sends, an existing one's is not.
      name: 'a sign-up body written whole into a model of e-mail and password, then the same body rewriting any account',
      files: {
        'package.json': pkg({ next: '14.2.3', mongoose: '^8.4.0' }),
        'app/model/user.js': `import mongoose from 'mongoose';\nconst userSchema = mongoose.Schema({ email: String, password: String });\nexport const User = mongoose.models.user || mongoose.model('User', userSchema);\n`,
        'app/api/signup/route.js': `import { User } from '@/app/model/user';\nexport async function POST(req) {\n  const data = await req.json();\n  await new User(data).save();\n  return Response.json({ ok: true });\n}\nexport async function PUT(req) {\n  const user = await req.json();\n  await User.findByIdAndUpdate(user._id, user);\n  return Response.json({ ok: true });\n}\n`,
      },
      errors: [{ messageId: 'wholeBody', line: 4, severity: 'medium' }, { messageId: 'privileged', line: 9, severity: 'high' }],
    },
  ],
});
