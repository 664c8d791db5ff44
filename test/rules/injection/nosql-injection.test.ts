import { ruleTester } from '../../helpers/rule-tester.js';

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'api', dependencies: deps });
const EXPRESS4 = pkg({ express: '^4.19.2', mongoose: '^8.4.0' });
const EXPRESS5 = pkg({ express: '^5.1.0', mongoose: '^8.4.0' });

/** An Express router file with one route whose body is `lines`. */
const route = (lines: string[], imports: string[] = []) =>
  [`import { Router } from 'express';`, ...imports, `import { User } from '../models/user';`, `export const users = Router();`, `users.post('/find', async (req, res) => {`, ...lines.map((l) => `  ${l}`), `});`, ``].join('\n');

/** Ghost's API-key lookup: Bookshelf's `findOne` takes a plain filter, and knex turns it into SQL. */
const bookshelfLookup = `const models = require('../../models');\nmodule.exports = async function authenticate(req, res, next) {\n  const key = await models.ApiKey.findOne({ secret: req.query.key });\n  if (!key) return res.status(401).end();\n  next();\n};\n`;

ruleTester('nosql-injection', {
  valid: [
    {
      name: 'a body field the auth middleware fills from the verified token (the food-delivery tutorial pattern)',
      files: { 'package.json': EXPRESS4, 'backend/middleware/auth.js': "import jwt from 'jsonwebtoken';\nconst authMiddleware = async (req, res, next) => {\n  const token = req.headers.token;\n  if (!token) return res.json({ success: false });\n  const token_decode = jwt.verify(token, process.env.JWT_SECRET);\n  req.body.userId = token_decode.id;\n  next();\n};\nexport default authMiddleware;\n", 'backend/routes/orderRoute.js': "import express from 'express';\nimport authMiddleware from '../middleware/auth.js';\nimport orderModel from '../models/orderModel.js';\nconst orderRouter = express.Router();\norderRouter.post('/userorders', authMiddleware, async (req, res) => {\n  const orders = await orderModel.find({ userId: req.body.userId });\n  res.json({ success: true, data: orders });\n});\norderRouter.post('/byemail', authMiddleware, async (req, res) => {\n  res.json(await orderModel.find({ email: req.body.email }));\n});\nexport default orderRouter;\n".replace(/\norderRouter\.post\('\/byemail'[\s\S]*?\}\);/, '') },
    },
    {
      name: 'webhook payloads past a check of their HMAC signature are the provider\'s (Razorpay, Paystack)',
      files: { 'package.json': JSON.stringify({ name: 'api', dependencies: { express: '^4.19.2', mongoose: '^8.4.0' } }), 'server/routes/webhooks.js': "const express = require('express');\nconst crypto = require('crypto');\nconst Order = require('../models/Order');\nconst router = express.Router();\nrouter.post('/razorpay/webhook', async (req, res) => {\n  const digest = crypto.createHmac('sha256', process.env.RAZORPAY_WEBHOOK_SECRET).update(JSON.stringify(req.body)).digest('hex');\n  if (digest !== req.headers['x-razorpay-signature']) return res.status(400).end();\n  await Order.updateOne({ razorpayOrderId: req.body.payload.payment.entity.order_id }, { status: 'paid' });\n  res.json({ ok: true });\n});\nrouter.post('/paystack/webhook', async (req, res) => {\n  const hash = crypto.createHmac('sha512', process.env.PAYSTACK_SECRET).update(JSON.stringify(req.body)).digest('hex');\n  if (hash == req.headers['x-paystack-signature']) {\n    await Order.updateOne({ ref: req.body.data.reference }, { status: 'paid' });\n  }\n  res.sendStatus(200);\n});\nmodule.exports = router;\n" },
    },
    {
      name: 'a project that queries SQL only (Bookshelf on knex): findOne is the ORM\u2019s',
      files: {
        'package.json': pkg({ express: '^4.19.2', knex: '^2.5.1', bookshelf: '^1.2.0', mysql2: '^3.9.0' }),
        'server/auth/content.js': bookshelfLookup,
      },
    },
    {
      name: 'String(), a template and string methods turn the value into text',
      files: {
        'package.json': EXPRESS4,
        'server/routes/users.ts': route([
          `const a = await User.findOne({ email: String(req.body.email) });`,
          'const b = await User.findOne({ email: `${req.body.email}` });',
          `const c = await User.findOne({ email: req.body.email.toLowerCase().trim() });`,
          `res.json([a, b, c]);`,
        ]),
      },
    },
    {
      name: 'typeof checks before the query, on the property and on a destructured name',
      files: {
        'package.json': EXPRESS4,
        'server/routes/users.ts': route([
          `if (typeof req.body.email !== 'string') return res.status(400).end();`,
          `const { name, password } = req.body;`,
          `if (typeof name !== 'string' || typeof password !== 'string') return res.status(400).end();`,
          `res.json(await User.find({ email: req.body.email, name, password }));`,
        ]),
      },
    },
    {
      name: 'a zod schema fixes the types',
      files: {
        'package.json': EXPRESS4,
        'server/routes/users.ts': route(
          [`const { email } = Login.parse(req.body);`, `res.json(await User.findOne({ email }));`],
          [`import { z } from 'zod';`, `const Login = z.object({ email: z.string().email() });`],
        ),
      },
    },
    {
      name: 'URL parameters, headers and ObjectId casts are never objects',
      files: {
        'package.json': EXPRESS4,
        'server/routes/users.ts': route(
          [
            `const a = await User.findOne({ _id: req.params.id, tenant: req.headers['x-tenant'] });`,
            `const b = await User.findOne({ _id: new mongoose.Types.ObjectId(req.body.id) });`,
            `const c = await User.find({ owner: req.user.id });`,
            `res.json([a, b, c]);`,
          ],
          [`import mongoose from 'mongoose';`],
        ),
      },
    },
    {
      name: 'mongo-sanitize and mongoose.sanitizeFilter on the value',
      files: {
        'package.json': pkg({ express: '^4.19.2', mongoose: '^8.4.0', 'mongo-sanitize': '^1.1.0' }),
        'server/routes/users.ts': route(
          [`const a = await User.findOne({ email: sanitize(req.body.email) });`, `const b = await User.findOne(mongoose.sanitizeFilter({ email: req.body.email }));`, `res.json([a, b]);`],
          [`import sanitize from 'mongo-sanitize';`, `import mongoose from 'mongoose';`],
        ),
      },
    },
    {
      name: 'express-mongo-sanitize runs as middleware in the app entry',
      files: {
        'package.json': pkg({ express: '^4.19.2', mongoose: '^8.4.0', 'express-mongo-sanitize': '^2.2.0' }),
        'server/index.ts': `import express from 'express';\nimport mongoSanitize from 'express-mongo-sanitize';\nimport { users } from './routes/users';\nconst app = express();\napp.use(express.json());\napp.use(mongoSanitize());\napp.use('/users', users);\n`,
        'server/routes/users.ts': route([`res.json(await User.findOne({ email: req.body.email }));`]),
      },
    },
    {
      name: 'mongo-sanitize middleware that replaces the body',
      files: {
        'package.json': pkg({ express: '^4.19.2', mongoose: '^8.4.0', 'mongo-sanitize': '^1.1.0' }),
        'server/app.js': `const express = require('express');\nconst sanitize = require('mongo-sanitize');\nconst app = express();\napp.use((req, res, next) => {\n  req.body = sanitize(req.body);\n  next();\n});\napp.post('/find', async (req, res) => {\n  res.json(await User.findOne({ email: req.body.email }));\n});\n`,
      },
    },
    {
      name: 'mongo-sanitize in a middleware file of its own, mounted by the app',
      files: {
        'package.json': pkg({ express: '^4.19.2', mongoose: '^8.4.0', 'mongo-sanitize': '^1.1.0' }),
        'server/middlewares/sanitize.js': `const sanitize = require('mongo-sanitize');\nmodule.exports = (req, res, next) => {\n  req.body = sanitize(req.body);\n  next();\n};\n`,
        'server/app.js': `const express = require('express');\nconst sanitizeReq = require('./middlewares/sanitize');\nconst app = express();\napp.use(express.json());\napp.use(sanitizeReq);\napp.post('/find', async (req, res) => {\n  res.json(await User.findOne({ email: req.body.email }));\n});\n`,
      },
    },
    {
      name: 'Mongoose sanitizeFilter set once for every query',
      files: {
        'package.json': EXPRESS4,
        'server/db.ts': `import mongoose from 'mongoose';\nmongoose.set('sanitizeFilter', true);\nexport const connect = () => mongoose.connect(process.env.MONGODB_URI!);\n`,
        'server/routes/users.ts': route([`res.json(await User.findOne({ email: req.body.email }));`]),
      },
    },
    {
      name: 'Mongoose sanitizeFilter in the connect options',
      files: {
        'package.json': EXPRESS4,
        'server/db.ts': `import mongoose from 'mongoose';\nexport const connect = () =>\n  mongoose.connect(process.env.MONGODB_URI!, {\n    sanitizeFilter: true,\n  });\n`,
        'server/routes/users.ts': route([`res.json(await User.findOne({ email: req.body.email }));`]),
      },
    },
    {
      name: 'sanitizeFilter on the query itself',
      files: {
        'package.json': EXPRESS4,
        'server/routes/users.ts': route([`const user = await User.findOne({ email: req.body.email })`, `  .setOptions({ sanitizeFilter: true });`, `res.json(user);`]),
      },
    },
    {
      name: 'Express 5 parses the query string flat',
      files: {
        'package.json': EXPRESS5,
        'server/routes/users.ts': `import express from 'express';\nimport { User } from '../models/user';\nconst app = express();\napp.get('/users', async (req, res) => {\n  const { name } = req.query;\n  res.json(await User.find({ name }));\n});\n`,
      },
    },
    {
      name: 'Next.js pages API query strings are flat',
      files: {
        'package.json': pkg({ next: '^14.2.0', mongoose: '^8.4.0' }),
        'pages/api/posts.ts': `import { Post } from '@/models/post';\nexport default async function handler(req, res) {\n  res.json(await Post.find({ slug: req.query.slug }));\n}\n`,
      },
    },
    {
      name: 'Prisma and Sequelize where clauses are not Mongo filters',
      files: {
        'package.json': pkg({ express: '^4.19.2', '@prisma/client': '^5.14.0' }),
        'server/routes/users.ts': `import express from 'express';\nimport { prisma } from '../db';\nconst app = express();\napp.post('/u', async (req, res) => {\n  const a = await prisma.user.findFirst({ where: { email: req.body.email } });\n  const b = await prisma.user.deleteMany({ where: { email: req.body.email } });\n  const c = await User.findOne({ where: { email: req.body.email } });\n  res.json([a, b, c]);\n});\n`,
      },
    },
    {
      name: 'array find with a callback',
      files: {
        'package.json': EXPRESS4,
        'server/routes/users.ts': route([`const items = await User.find({ active: true });`, `res.json(items.find((u) => u.email === req.body.email));`]),
      },
    },
    {
      name: '$where is code injection, not a filter',
      files: {
        'package.json': EXPRESS4,
        'server/routes/users.ts': route([`res.json(await User.find({ $where: req.body.expression }));`]),
      },
    },
    {
      name: "a client's value as the operand of $eq, $in or $regex is compared, not read as operators",
      files: {
        'package.json': EXPRESS4,
        'server/routes/chats.js': route([
          'const chats = await User.find({ users: { $elemMatch: { $eq: req.body.userId } }, tags: { $in: [req.body.tag] } });',
          'const named = await User.find({ name: { $regex: String(req.query.q), $options: "i" } });',
          'res.json({ chats, named });',
        ]),
      },
    },
  ],
  invalid: [
    {
      name: 'beside a body field the auth middleware fills, one it does not',
      files: { 'package.json': EXPRESS4, 'backend/middleware/auth.js': "import jwt from 'jsonwebtoken';\nconst authMiddleware = async (req, res, next) => {\n  const token = req.headers.token;\n  if (!token) return res.json({ success: false });\n  const token_decode = jwt.verify(token, process.env.JWT_SECRET);\n  req.body.userId = token_decode.id;\n  next();\n};\nexport default authMiddleware;\n", 'backend/routes/orderRoute.js': "import express from 'express';\nimport authMiddleware from '../middleware/auth.js';\nimport orderModel from '../models/orderModel.js';\nconst orderRouter = express.Router();\norderRouter.post('/userorders', authMiddleware, async (req, res) => {\n  const orders = await orderModel.find({ userId: req.body.userId });\n  res.json({ success: true, data: orders });\n});\norderRouter.post('/byemail', authMiddleware, async (req, res) => {\n  res.json(await orderModel.find({ email: req.body.email }));\n});\nexport default orderRouter;\n" },
      errors: [{ messageId: 'request', line: 10 }],
    },
    {
      name: 'a field value inside $elemMatch or $or is still a filter a client can fill with operators',
      files: {
        'package.json': EXPRESS4,
        'server/routes/chats.js': route(['res.json(await User.find({ $or: [{ owner: req.body.owner }], users: { $elemMatch: { $eq: req.body.userId } } }));']),
      },
      errors: [{ messageId: 'request', line: 5, file: 'server/routes/chats.js' }],
    },
    {
      name: 'a signature computed but not enforced, or compared with a literal, does not vouch for the payload',
      files: { 'package.json': JSON.stringify({ name: 'api', dependencies: { express: '^4.19.2', mongoose: '^8.4.0' } }), 'server/routes/webhooks.js': "const express = require('express');\nconst crypto = require('crypto');\nconst Order = require('../models/Order');\nconst router = express.Router();\nrouter.post('/paystack/webhook', async (req, res) => {\n  const hash = crypto.createHmac('sha512', process.env.PAYSTACK_SECRET).update(JSON.stringify(req.body)).digest('hex');\n  if (hash !== req.headers['x-paystack-signature']) console.warn('bad signature');\n  await Order.updateOne({ ref: req.body.data.reference }, { status: 'paid' });\n  if (hash === '') return res.end();\n  await Order.updateOne({ ref: req.body.data.other }, { status: 'seen' });\n  res.sendStatus(200);\n});\nmodule.exports = router;\n" },
      errors: [
        { messageId: 'request', line: 8 },
        { messageId: 'request', line: 10 },
      ],
    },
    {
      name: 'the same lookup where the project also uses MongoDB',
      files: {
        'package.json': pkg({ express: '^4.19.2', knex: '^2.5.1', bookshelf: '^1.2.0', mongodb: '^6.6.0' }),
        'server/auth/content.js': bookshelfLookup,
      },
      errors: [{ messageId: 'request', line: 3 }],
    },
    {
      name: 'the same lookup in a Meteor app, whose collections come with Meteor, beside a SQL client',
      files: {
        'package.json': pkg({ pg: '^8.11.0', express: '^4.19.2' }),
        'server/auth/content.js': `import { Mongo } from 'meteor/mongo';\n${bookshelfLookup}`,
      },
      errors: [{ messageId: 'request', line: 4 }],
    },
    {
      name: 'login with the JSON body as it came (destructured)',
      files: {
        'package.json': EXPRESS4,
        'server/routes/users.ts': route([`const { email, password } = req.body;`, `const user = await User.findOne({ email, password });`, `res.json(user);`]),
      },
      errors: [{ messageId: 'request', line: 6 }],
    },
    {
      name: 'the whole Express 4 query string as the filter',
      files: {
        'package.json': EXPRESS4,
        'server/routes/products.js': `const express = require('express');\nconst Product = require('../models/product');\nconst router = express.Router();\nrouter.get('/products', async (req, res) => {\n  res.json(await Product.find(req.query));\n});\nmodule.exports = router;\n`,
      },
      errors: [{ messageId: 'request', line: 5 }],
    },
    {
      name: 'a spread body, an update filter and an aggregation $match',
      files: {
        'package.json': EXPRESS4,
        'server/routes/users.ts': route([
          `const a = await User.find({ ...req.body, deleted: false });`,
          `await User.updateOne({ resetToken: req.body.token }, { $set: { password: 'x' } });`,
          `const b = await User.aggregate([{ $match: { team: req.body.team } }]);`,
          `res.json([a, b]);`,
        ]),
      },
      errors: [
        { messageId: 'request', line: 5 },
        { messageId: 'request', line: 6 },
        { messageId: 'request', line: 7 },
      ],
    },
    {
      name: 'the native driver through db().collection()',
      files: {
        'package.json': pkg({ express: '^4.19.2', mongodb: '^6.6.0' }),
        'server/app.ts': `import express from 'express';\nimport { MongoClient } from 'mongodb';\nconst client = new MongoClient(process.env.MONGO_URL!);\nconst app = express();\napp.post('/reset', async (req, res) => {\n  const { token } = req.body;\n  const doc = await client.db('app').collection('resets').findOne({ token });\n  res.json({ ok: !!doc });\n});\n`,
      },
      errors: [{ messageId: 'request', line: 7 }],
    },
    {
      name: 'a helper in another file holds the query',
      files: {
        'package.json': EXPRESS4,
        'server/db/users.ts': `import { User } from '../models/user';\nexport function findByEmail(email: unknown) {\n  return User.findOne({ email });\n}\n`,
        'server/routes/users.ts': `import express from 'express';\nimport { findByEmail } from '../db/users';\nconst app = express();\napp.post('/lookup', async (req, res) => {\n  res.json(await findByEmail(req.body.email));\n});\n`,
      },
      errors: [{ messageId: 'request', line: 3, file: 'server/db/users.ts' }],
    },
    {
      name: 'a helper in the same file',
      files: {
        'package.json': EXPRESS4,
        'server/routes/users.ts': route([`res.json(await byName(req.body.name));`]) + `async function byName(name: unknown) {\n  return User.find({ name });\n}\n`,
      },
      errors: [{ messageId: 'request', line: 8 }],
    },
    {
      name: 'a Next.js route handler with request.json()',
      files: {
        'package.json': pkg({ next: '^14.2.0', mongoose: '^8.4.0' }),
        'app/api/login/route.ts': `import { NextResponse } from 'next/server';\nimport { User } from '@/models/user';\nexport async function POST(request: Request) {\n  const body = await request.json();\n  const user = await User.findOne({ username: body.username, password: body.password });\n  return NextResponse.json(user);\n}\n`,
      },
      errors: [{ messageId: 'request', line: 5 }],
    },
    {
      name: 'a socket.io message',
      files: {
        'package.json': pkg({ 'socket.io': '^4.7.5', mongoose: '^8.4.0' }),
        'server/socket.ts': `import { Server } from 'socket.io';\nimport { Room } from './models';\nconst io = new Server(3001);\nio.on('connection', (socket) => {\n  socket.on('join', async (data) => {\n    socket.emit('room', await Room.findOne({ slug: data.slug }));\n  });\n});\n`,
      },
      errors: [{ messageId: 'message', line: 6 }],
    },
    {
      name: 'mongo-sanitize called on the body in a helper that is no middleware',
      files: {
        'package.json': pkg({ express: '^4.19.2', mongoose: '^8.4.0', 'mongo-sanitize': '^1.1.0' }),
        'server/clean.js': `const sanitize = require('mongo-sanitize');\nexports.logClean = (req) => {\n  req.body = sanitize(req.body);\n  console.log(req.body);\n};\n`,
        'server/routes/users.ts': route([`res.json(await User.findOne({ email: req.body.email }));`]),
      },
      errors: [{ messageId: 'request', line: 5 }],
    },
    {
      name: 'express-mongo-sanitize installed but never used',
      files: {
        'package.json': pkg({ express: '^4.19.2', mongoose: '^8.4.0', 'express-mongo-sanitize': '^2.2.0' }),
        'server/routes/users.ts': route([`res.json(await User.findOne({ email: req.body.email }));`]),
      },
      errors: [{ messageId: 'request', line: 5 }],
    },
    {
      name: 'sanitising seen only in build output (the bundled sanitiser, an old build) does not guard the source',
      files: {
        'package.json': pkg({ express: '^4.19.2', mongoose: '^8.4.0' }),
        'server/routes/users.ts': route([`res.json(await User.findOne({ email: req.body.email }));`]),
        'dist/server.js': `"use strict";\nconst mongoose = require("mongoose");\nmongoose.set('sanitizeFilter', true);\napp.use(require("express-mongo-sanitize")());\n`,
      },
      errors: [{ messageId: 'request', line: 5 }],
    },
    {
      name: 'Express 5 still parses JSON bodies into objects',
      files: {
        'package.json': EXPRESS5,
        'server/routes/users.ts': route([`res.json(await User.findOne({ email: req.body.email }));`]),
      },
      errors: [{ messageId: 'request', line: 5 }],
    },
    {
      name: "Express 5 with the 'extended' query parser turned back on",
      files: {
        'package.json': EXPRESS5,
        'server/app.ts': `import express from 'express';\nimport { User } from './models/user';\nconst app = express();\napp.set('query parser', 'extended');\napp.get('/users', async (req, res) => {\n  res.json(await User.find({ name: req.query.name }));\n});\n`,
      },
      errors: [{ messageId: 'request', line: 6 }],
    },
  ],
});
