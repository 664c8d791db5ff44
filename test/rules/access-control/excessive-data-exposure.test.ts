import { ruleTester } from '../../helpers/rule-tester.js';

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'api', dependencies: deps });
const MONGO = pkg({ express: '^4.19.2', mongoose: '^8.4.0' });
const NEXT = pkg({ next: '^14.2.0', '@prisma/client': '^5.14.0', '@supabase/supabase-js': '^2.43.0' });
const USER_MODEL = `import mongoose from 'mongoose';\nconst userSchema = new mongoose.Schema({ name: String, email: String, password: String, resetToken: String });\nexport default mongoose.model('User', userSchema);\n`;
const NUXT = pkg({ nuxt: '^3.13.0', '@prisma/client': '^5.14.0', 'nuxt-auth-utils': '^0.5.0' });
const CONVEX = pkg({ convex: '^1.17.0', react: '^18.3.0', vite: '^5.4.0' });
const CONVEX_SCHEMA = `import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\nexport default defineSchema({\n  users: defineTable({ name: v.string(), email: v.string(), passwordHash: v.string() }),\n  posts: defineTable({ title: v.string() }),\n  invitations: defineTable({ token: v.string(), email: v.string() }),\n});\n`;
const PRISMA = `model User {\n  id           String @id @default(cuid())\n  email        String @unique\n  name         String?\n  passwordHash String\n}\n\nmodel Post {\n  id    String @id\n  title String\n}\n`;

/** Reviews with their author, and products, for reads that include relations. */
const REVIEWS = `model User {\n  id       String   @id\n  email    String\n  password String\n  reviews  Review[]\n}\n\nmodel Product {\n  id      String   @id\n  name    String\n  reviews Review[]\n}\n\nmodel Review {\n  id        String  @id\n  rating    Int\n  author    User    @relation(fields: [authorId], references: [id])\n  authorId  String\n  product   Product @relation(fields: [productId], references: [id])\n  productId String\n}\n`;

ruleTester('excessive-data-exposure', {
  valid: [
    {
      name: 'a Drizzle relational query whose user relation picks its columns',
      files: { 'package.json': pkg({ next: '^14.2.0', 'drizzle-orm': '^0.33.0' }), 'src/db/schema.ts': `import { sqliteTable, text } from 'drizzle-orm/sqlite-core';\nexport const users = sqliteTable('users', { id: text('id').primaryKey(), name: text('name'), email: text('email'), hashedPassword: text('hashedPassword') });\nexport const messages = sqliteTable('messages', { id: text('id').primaryKey(), body: text('body'), userId: text('userId') });\n`, 'app/api/messages/[id]/route.ts': `import { db } from '@/db';\nimport { eq } from 'drizzle-orm';\nimport { messages } from '@/db/schema';\nexport async function GET(req: Request, { params }: { params: { id: string } }) {\n  const message = await db.query.messages.findFirst({ where: eq(messages.id, params.id), with: { user: { columns: { name: true } } } });\n  return Response.json(message);\n}\n` },
    },
    {
      name: 'Sequelize posts with their authors limited to public columns',
      files: { 'package.json': pkg({ express: '^4.19.2', sequelize: '^6.37.0', pg: '^8.12.0' }), 'models/index.js': `const { Model, DataTypes } = require('sequelize');\nconst sequelize = require('../config/connection');\nclass User extends Model {}\nUser.init({ username: DataTypes.STRING, email: DataTypes.STRING, password: DataTypes.STRING }, { sequelize, modelName: 'user' });\nclass Post extends Model {}\nPost.init({ title: DataTypes.STRING, body: DataTypes.TEXT }, { sequelize, modelName: 'post' });\nmodule.exports = { User, Post };\n`, 'routes/posts.js': `const router = require('express').Router();\nconst { Post, User } = require('../models');\nrouter.get('/posts', async (req, res) => {\n  const postData = await Post.findAll({ include: [{ model: User, attributes: ['username'] }] });\n  res.json(postData.map((post) => post.get({ plain: true })));\n});\nmodule.exports = router;\n` },
    },
    {
      name: "reviews with their author's chosen fields, their product, or counts",
      files: {
        'package.json': NEXT,
        'prisma/schema.prisma': REVIEWS,
        'app/api/reviews/route.ts': [
          `import { prisma } from '@/lib/prisma';`,
          `export async function GET() {`,
          `  const reviews = await prisma.review.findMany({ include: { author: { select: { email: false, id: true } }, product: true, _count: true } });`,
          `  return new Response(JSON.stringify(reviews), { status: 200 });`,
          `}`,
        ].join('\n'),
      },
    },
    {
      name: 'a model whose create answers with the new id: the variable and the key say so',
      files: {
        'package.json': MONGO,
        'server/models/User.js': USER_MODEL,
        'server/routes/auth.js': [
          "import { Router } from 'express';",
          "import User from '../models/User.js';",
          'const router = Router();',
          "router.post('/register', async (req, res) => {",
          '  const { name, email, password } = req.body;',
          '  const userId = await User.create({ name, email, password });',
          '  res.status(201).json({ user: { id: userId, name, email } });',
          '});',
          "router.post('/notes', async (req, res) => res.json({ id: await User.create({ name: req.body.name }) }));",
          'export default router;',
          '',
        ].join('\n'),
      },
    },
    {
      name: 'projections: -password, select, picked fields',
      files: {
        'package.json': MONGO,
        'server/models/User.js': USER_MODEL,
        'server/routes/users.js': `import { Router } from 'express';\nimport User from '../models/User.js';\nconst router = Router();\nrouter.get('/users/:id', async (req, res) => {\n  const user = await User.findById(req.params.id).select('-password -resetToken');\n  res.json(user);\n});\nrouter.get('/me', async (req, res) => {\n  const user = await User.findById(req.user.id);\n  res.json({ id: user.id, name: user.name, email: user.email });\n});\nrouter.get('/people', async (req, res) => {\n  res.json(await User.find({}, 'name email'));\n});\nexport default router;\n`,
      },
    },
    {
      name: 'a schema whose secrets are select: false, or a toJSON transform',
      files: {
        'package.json': MONGO,
        'server/models/User.js': `import mongoose from 'mongoose';\nconst userSchema = new mongoose.Schema({ name: String, password: { type: String, select: false } });\nexport default mongoose.model('User', userSchema);\n`,
        'server/models/Admin.js': `import mongoose from 'mongoose';\nconst adminSchema = new mongoose.Schema({ name: String, passwordHash: String });\nadminSchema.set('toJSON', { transform: (_d, ret) => { delete ret.passwordHash; return ret; } });\nexport default mongoose.model('Admin', adminSchema);\n`,
        'server/routes/users.js': `import { Router } from 'express';\nimport User from '../models/User.js';\nimport Admin from '../models/Admin.js';\nconst router = Router();\nrouter.get('/users/:id', async (req, res) => res.json(await User.findById(req.params.id)));\nrouter.get('/admins/:id', async (req, res) => res.json(await Admin.findById(req.params.id)));\nexport default router;\n`,
      },
    },
    {
      name: 'Prisma with select, and a model without secrets',
      files: {
        'package.json': NEXT,
        'prisma/schema.prisma': PRISMA,
        'app/api/users/[id]/route.ts': `import { NextResponse } from 'next/server';\nimport { prisma } from '@/lib/prisma';\nexport async function GET(_req: Request, { params }: { params: { id: string } }) {\n  const user = await prisma.user.findUnique({ where: { id: params.id }, select: { id: true, name: true } });\n  const posts = await prisma.post.findMany();\n  return NextResponse.json({ user, posts });\n}\n`,
      },
    },
    {
      name: 'Supabase with named columns, and one profile without a schema',
      files: {
        'package.json': NEXT,
        'app/api/profiles/route.ts': `import { createClient } from '@/lib/supabase/server';\nexport async function GET() {\n  const supabase = createClient();\n  const { data } = await supabase.from('profiles').select('id, username, avatar_url');\n  const { data: me } = await supabase.from('profiles').select('*').eq('id', 'x').single();\n  return Response.json({ data, me });\n}\n`,
      },
    },
    {
      name: 'the secrets are deleted or cleared before the response',
      files: {
        'package.json': MONGO,
        'server/models/User.js': USER_MODEL,
        'server/routes/login.js': `import { Router } from 'express';\nimport User from '../models/User.js';\nconst router = Router();\nrouter.post('/login', async (req, res) => {\n  const user = await User.findOne({ email: String(req.body.email) });\n  user.password = undefined;\n  delete user.resetToken;\n  res.json({ user });\n});\nexport default router;\n`,
      },
    },
    {
      name: 'a server component passes selected columns to a client component',
      files: {
        'package.json': NEXT,
        'prisma/schema.prisma': PRISMA,
        'components/ProfileForm.tsx': `'use client';\nexport function ProfileForm({ user }: { user: { name: string | null } }) {\n  return <input defaultValue={user.name ?? ''} />;\n}\n`,
        'app/settings/page.tsx': `import { prisma } from '@/lib/prisma';\nimport { ProfileForm } from '@/components/ProfileForm';\nexport default async function Settings() {\n  const user = await prisma.user.findFirst({ select: { name: true } });\n  return <ProfileForm user={user!} />;\n}\n`,
      },
    },
    {
      name: 'Nuxt and Convex handlers that return picked fields, and a session holding picked fields',
      files: {
        'package.json': NUXT,
        'prisma/schema.prisma': PRISMA,
        'server/api/me.get.ts': `export default defineEventHandler(async (event) => {\n  const { user } = await requireUserSession(event);\n  return prisma.user.findUnique({ where: { id: user.id }, select: { id: true, name: true } });\n});\n`,
        'server/api/login.post.ts': `export default defineEventHandler(async (event) => {\n  const { email, password } = await readBody(event);\n  const user = await prisma.user.findUnique({ where: { email } });\n  if (!user || !(await verifyPassword(user.passwordHash, password))) throw createError({ statusCode: 401 });\n  await setUserSession(event, { user: { id: user.id, name: user.name } });\n  return {};\n});\n`,
        'convex/schema.ts': CONVEX_SCHEMA,
        // Found by the token the caller sent: returning it tells them nothing new.
        'convex/invites.ts': `import { query } from "./_generated/server";\nexport const byToken = query(async (ctx, { token }) => {\n  return await ctx.db.query("invitations").withIndex("by_token", (q) => q.eq("token", token)).first();\n});\n`,
        'convex/posts.ts': `import { query } from "./_generated/server";\nexport const list = query(async (ctx) => ctx.db.query("posts").collect());\nexport const author = query(async (ctx, { userId }) => {\n  const user = await ctx.db.get(userId);\n  return { name: user.name };\n});\n`,
      },
    },
    {
      name: 'a token signed with the user id and role only',
      files: {
        'package.json': pkg({ express: '^4.19.2', mongoose: '^8.4.0', jsonwebtoken: '^9.0.2' }),
        'server/models/User.js': USER_MODEL,
        'server/routes/login.js': `import jwt from 'jsonwebtoken';\nimport User from '../models/User.js';\nexport async function login(req, res) {\n  const user = await User.findOne({ email: String(req.body.email) });\n  const token = jwt.sign({ id: user._id, role: user.role }, process.env.JWT_SECRET);\n  res.json({ token });\n}\n`,
      },
    },
    {
      name: 'Sequelize users read without their password (`attributes: { exclude: [...] }`)',
      files: { 'package.json': pkg({ express: '^4.19.2', sequelize: '^6.37.0', pg: '^8.12.0' }), 'models/index.js': `const { Model, DataTypes } = require('sequelize');\nconst sequelize = require('../config/connection');\nclass User extends Model {}\nUser.init({ username: DataTypes.STRING, email: DataTypes.STRING, password: DataTypes.STRING }, { sequelize, modelName: 'user' });\nmodule.exports = { User };\n`, 'routes/users.js': `const router = require('express').Router();\nconst { User } = require('../models');\nrouter.get('/users', async (req, res) => {\n  res.json(await User.findAll({ attributes: { exclude: ['password'] } }));\n});\nrouter.get('/names', (req, res) => {\n  User.findAll({ attributes: ['username'] }).then((userData) => res.json(userData));\n});\nrouter.post('/signup', (req, res) => {\n  User.findOne({ email: req.body.email })\n    .then((user) => { if (user) throw new Error('taken'); return User.create(req.body); })\n    .then((created) => { const user = { email: created.email, _id: created._id }; res.status(201).json({ user }); });\n});\nmodule.exports = router;\n` },
    },
  ],
  invalid: [
    {
      name: 'whole user rows signed into tokens: jsonwebtoken, Hono and jose',
      files: {
        'package.json': pkg({ hono: '^4.6.0', '@prisma/client': '^5.14.0', jsonwebtoken: '^9.0.2', jose: '^5.9.0' }),
        'prisma/schema.prisma': PRISMA,
        'src/routes/user.ts': `import { Hono } from 'hono';\nimport { sign } from 'hono/jwt';\nimport { prisma } from '../db';\nexport const app = new Hono();\napp.post('/signin', async (c) => {\n  const body = await c.req.json();\n  const user = await prisma.user.findUnique({ where: { email: body.email } });\n  const token = await sign(user, c.env.JWT_SECRET);\n  return c.json({ token });\n});\n`,
        'src/lib/tokens.ts': `import jwt from 'jsonwebtoken';\nimport { SignJWT } from 'jose';\nimport { prisma } from '../db';\nexport async function tokenFor(id: string) {\n  const user = await prisma.user.findUnique({ where: { id } });\n  return jwt.sign({ ...user }, process.env.JWT_SECRET!);\n}\nexport async function joseTokenFor(id: string, key: Uint8Array) {\n  const user = await prisma.user.findFirst({ where: { id } });\n  return new SignJWT({ user }).setProtectedHeader({ alg: 'HS256' }).sign(key);\n}\n`,
      },
      errors: [
        { messageId: 'tokenFields', line: 6, file: 'src/lib/tokens.ts' },
        { messageId: 'tokenFields', line: 10, file: 'src/lib/tokens.ts' },
        { messageId: 'tokenFields', line: 8, file: 'src/routes/user.ts' },
      ],
    },
    {
      name: 'a Drizzle relational query with its user relation whole',
      files: { 'package.json': pkg({ next: '^14.2.0', 'drizzle-orm': '^0.33.0' }), 'src/db/schema.ts': `import { sqliteTable, text } from 'drizzle-orm/sqlite-core';\nexport const users = sqliteTable('users', { id: text('id').primaryKey(), name: text('name'), email: text('email'), hashedPassword: text('hashedPassword') });\nexport const messages = sqliteTable('messages', { id: text('id').primaryKey(), body: text('body'), userId: text('userId') });\n`, 'app/api/messages/[id]/route.ts': `import { db } from '@/db';\nimport { eq } from 'drizzle-orm';\nimport { messages } from '@/db/schema';\nexport async function GET(req: Request, { params }: { params: { id: string } }) {\n  const message = await db.query.messages.findFirst({ where: eq(messages.id, params.id), with: { user: true } });\n  return Response.json(message);\n}\n` },
      errors: [{ messageId: 'secretFields', line: 6 }],
    },
    {
      name: 'Sequelize posts with their authors included whole, sent as plain copies',
      files: { 'package.json': pkg({ express: '^4.19.2', sequelize: '^6.37.0', pg: '^8.12.0' }), 'models/index.js': `const { Model, DataTypes } = require('sequelize');\nconst sequelize = require('../config/connection');\nclass User extends Model {}\nUser.init({ username: DataTypes.STRING, email: DataTypes.STRING, password: DataTypes.STRING }, { sequelize, modelName: 'user' });\nclass Post extends Model {}\nPost.init({ title: DataTypes.STRING, body: DataTypes.TEXT }, { sequelize, modelName: 'post' });\nmodule.exports = { User, Post };\n`, 'routes/posts.js': `const router = require('express').Router();\nconst { Post, User } = require('../models');\nrouter.get('/posts', async (req, res) => {\n  const postData = await Post.findAll({ include: [User] });\n  const posts = postData.map((post) => post.get({ plain: true }));\n  res.json(posts);\n});\nmodule.exports = router;\n` },
      errors: [{ messageId: 'secretFields', line: 6 }],
    },
    {
      name: "reviews with their author included whole, or selected whole (the author's password hash goes out)",
      files: {
        'package.json': NEXT,
        'prisma/schema.prisma': REVIEWS,
        'app/api/reviews/route.ts': [
          `import { prisma } from '@/lib/prisma';`,
          `export async function GET() {`,
          `  const reviews = await prisma.review.findMany({ where: { rating: { gt: 3 } }, include: { author: true } });`,
          `  return new Response(JSON.stringify(reviews), { status: 200 });`,
          `}`,
          `export async function POST(req: Request) {`,
          `  const review = await prisma.review.create({ data: await req.json(), select: { id: true, author: true } });`,
          `  return Response.json(review);`,
          `}`,
        ].join('\n'),
      },
      errors: [
        { messageId: 'secretFields', line: 4 },
        { messageId: 'secretFields', line: 8 },
      ],
    },
    {
      name: 'a Nuxt handler returns the row; a login stores it in the nuxt-auth-utils session (fields read by the code itself)',
      files: {
        'package.json': NUXT,
        'prisma/schema.prisma': PRISMA,
        'server/api/users/[id].get.ts': `export default defineEventHandler(async (event) => {\n  return await prisma.user.findUnique({ where: { id: getRouterParam(event, 'id') } });\n});\n`,
        // No schema for Account: its password field is known from the code that checks it.
        'server/api/login.post.ts': `export default defineEventHandler(async (event) => {\n  const { email, password } = await readBody(event);\n  const account = await prisma.account.findUnique({ where: { email } });\n  if (!account || !(await compare(password, account.password))) throw createError({ statusCode: 401 });\n  await setUserSession(event, { user: account });\n  return {};\n});\n`,
      },
      errors: [
        { messageId: 'sessionFields', line: 5, file: 'server/api/login.post.ts' },
        { messageId: 'secretFields', line: 2, file: 'server/api/users/[id].get.ts' },
      ],
    },
    {
      name: 'a public Convex query returns a user document from a table with a password hash',
      files: {
        'package.json': CONVEX,
        'convex/schema.ts': CONVEX_SCHEMA,
        'convex/users.ts': `import { query } from "./_generated/server";\nimport { v } from "convex/values";\nexport const get = query({ args: { userId: v.id("users") }, handler: async (ctx, args) => {\n  const user = await ctx.db.get(args.userId);\n  return user;\n} });\nexport const all = query({ args: {}, handler: async (ctx) => ctx.db.query("users").collect() });\n`,
      },
      errors: [
        { messageId: 'secretFields', line: 5 },
        { messageId: 'secretFields', line: 7 },
      ],
    },
    {
      name: 'Express returns Mongoose users with password and reset token',
      files: {
        'package.json': MONGO,
        'server/models/User.js': USER_MODEL,
        'server/routes/users.js': `import { Router } from 'express';\nimport User from '../models/User.js';\nconst router = Router();\nrouter.get('/users/:id', async (req, res) => {\n  const user = await User.findById(req.params.id);\n  if (!user) return res.status(404).json({ message: 'Not found' });\n  res.json(user);\n});\nrouter.get('/users', async (req, res) => {\n  res.status(200).json({ users: await User.find() });\n});\nexport default router;\n`,
      },
      errors: [
        { messageId: 'secretFields', line: 7 },
        { messageId: 'secretFields', line: 10 },
      ],
    },
    {
      name: 'Next.js returns a Prisma user without select',
      files: {
        'package.json': NEXT,
        'prisma/schema.prisma': PRISMA,
        'app/api/users/[id]/route.ts': `import { NextResponse } from 'next/server';\nimport { prisma } from '@/lib/prisma';\nexport async function GET(_req: Request, { params }: { params: { id: string } }) {\n  const user = await prisma.user.findUnique({ where: { id: params.id }, include: { posts: true } });\n  return NextResponse.json({ user });\n}\n`,
      },
      errors: [{ messageId: 'secretFields', line: 5 }],
    },
    {
      name: 'Supabase select(*) on a users table from the migrations, and every profile without a schema',
      files: {
        'package.json': NEXT,
        'supabase/migrations/20240101000000_users.sql': `create table public.users (\n  id uuid primary key,\n  email text not null,\n  password_hash text not null\n);\n`,
        'app/api/users/route.ts': `import { createClient } from '@/lib/supabase/server';\nexport async function GET() {\n  const supabase = createClient();\n  const { data: users } = await supabase.from('users').select('*');\n  return Response.json(users);\n}\n`,
        'app/api/members/route.ts': `import { supabaseAdmin } from '@/lib/supabase/admin';\nexport async function GET() {\n  const { data } = await supabaseAdmin.from('members').select();\n  return Response.json(data);\n}\n`,
      },
      errors: [
        { messageId: 'userRecords', line: 4, file: 'app/api/members/route.ts', severity: 'medium' },
        { messageId: 'secretFields', line: 5, file: 'app/api/users/route.ts', severity: 'high' },
      ],
    },
    {
      name: 'a NestJS controller returns a TypeORM entity with a password',
      files: {
        'package.json': pkg({ '@nestjs/core': '^10.3.0', '@nestjs/common': '^10.3.0', typeorm: '^0.3.20' }),
        'src/users/user.entity.ts': `import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';\n@Entity()\nexport class User {\n  @PrimaryGeneratedColumn() id: number;\n  @Column() email: string;\n  @Column() password: string;\n}\n`,
        'src/users/users.controller.ts': `import { Controller, Get, Param } from '@nestjs/common';\nimport { Repository } from 'typeorm';\nimport { User } from './user.entity';\n@Controller('users')\nexport class UsersController {\n  constructor(private readonly userRepository: Repository<User>) {}\n  @Get(':id')\n  async findOne(@Param('id') id: string) {\n    const user = await this.userRepository.findOneBy({ id: Number(id) });\n    return user;\n  }\n}\n`,
      },
      errors: [{ messageId: 'secretFields', line: 10, file: 'src/users/users.controller.ts' }],
    },
    {
      name: 'raw SQL SELECT * on users in Express (pg) and a postgres.js tagged template',
      files: {
        'package.json': pkg({ express: '^4.19.2', pg: '^8.11.0', postgres: '^3.4.0' }),
        'db/migrations/001_users.sql': `CREATE TABLE users (\n  id serial PRIMARY KEY,\n  email text NOT NULL,\n  password_hash text NOT NULL,\n  reset_token text\n);\n`,
        'server/routes/users.js': `const { Router } = require('express');\nconst { pool } = require('../db');\nconst router = Router();\nrouter.get('/users/:id', async (req, res) => {\n  const result = await pool.query('SELECT * FROM users WHERE id = $1', [req.params.id]);\n  res.json(result.rows[0]);\n});\nrouter.get('/users', async (req, res) => {\n  const { rows } = await pool.query('SELECT id, email FROM users');\n  res.json(rows);\n});\nmodule.exports = router;\n`,
        'server/routes/admin.ts': `import { Router } from 'express';\nimport { sql } from '../db';\nexport const admin = Router();\nadmin.get('/admin/users', async (_req, res) => {\n  const users = await sql\`select * from users order by id\`;\n  res.json({ users });\n});\n`,
      },
      errors: [
        { messageId: 'secretFields', line: 6, file: 'server/routes/admin.ts' },
        { messageId: 'secretFields', line: 6, file: 'server/routes/users.js' },
      ],
    },
    {
      name: 'a Next.js server component passes the whole Prisma user to a client component',
      files: {
        'package.json': NEXT,
        'prisma/schema.prisma': PRISMA,
        'components/ProfileForm.tsx': `'use client';\nexport function ProfileForm({ user }: { user: { name: string | null } }) {\n  return <input defaultValue={user.name ?? ''} />;\n}\n`,
        'components/Avatar.tsx': `export function Avatar({ user }: { user: { name: string | null } }) {\n  return <span>{user.name}</span>;\n}\n`,
        'app/settings/page.tsx': `import { prisma } from '@/lib/prisma';\nimport { ProfileForm } from '@/components/ProfileForm';\nimport { Avatar } from '@/components/Avatar';\nexport default async function Settings() {\n  const user = await prisma.user.findFirst();\n  return (\n    <main>\n      <Avatar user={user!} />\n      <ProfileForm user={user!} />\n    </main>\n  );\n}\n`,
      },
      errors: [{ messageId: 'clientProps', line: 9, file: 'app/settings/page.tsx' }],
    },
    {
      name: 'Sequelize users read with a misspelt exclude (`exlude`), which Sequelize ignores',
      files: { 'package.json': pkg({ express: '^4.19.2', sequelize: '^6.37.0', pg: '^8.12.0' }), 'models/index.js': `const { Model, DataTypes } = require('sequelize');\nconst sequelize = require('../config/connection');\nclass User extends Model {}\nUser.init({ username: DataTypes.STRING, email: DataTypes.STRING, password: DataTypes.STRING }, { sequelize, modelName: 'user' });\nmodule.exports = { User };\n`, 'routes/users.js': `const router = require('express').Router();\nconst { User } = require('../models');\nrouter.get('/users', async (req, res) => {\n  const users = await User.findAll({ attributes: { exlude: ['password'] } });\n  res.json(users);\n});\nmodule.exports = router;\n` },
      errors: [{ messageId: 'secretFields', line: 5 }],
    },
    {
      name: 'Sequelize users sent from a promise callback (`.then((userData) => res.json(userData))`)',
      files: { 'package.json': pkg({ express: '^4.19.2', sequelize: '^6.37.0', pg: '^8.12.0' }), 'models/index.js': `const { Model, DataTypes } = require('sequelize');\nconst sequelize = require('../config/connection');\nclass User extends Model {}\nUser.init({ username: DataTypes.STRING, email: DataTypes.STRING, password: DataTypes.STRING }, { sequelize, modelName: 'user' });\nmodule.exports = { User };\n`, 'routes/users.js': `const router = require('express').Router();\nconst { User } = require('../models');\nrouter.get('/users', (req, res) => {\n  User.findAll().then((userData) => res.json(userData)).catch((err) => res.status(500).end());\n});\nmodule.exports = router;\n` },
      errors: [{ messageId: 'secretFields', line: 4 }],
    },
  ],
});
