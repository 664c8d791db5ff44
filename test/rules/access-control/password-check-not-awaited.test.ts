import { describe, expect, it } from 'vitest';
import { findingsOf, ruleTester } from '../../helpers/rule-tester.js';

const API = JSON.stringify({ name: 'api', dependencies: { express: '^4.21.0', mongoose: '^8.8.0', bcryptjs: '^2.4.3', argon2: '^0.41.1' } });

/** A Mongoose model whose `comparePassword` is defined as `how`. */
const model = (how: string) =>
  [`const mongoose = require('mongoose');`, `const bcrypt = require('bcryptjs');`, `const userSchema = new mongoose.Schema({ email: String, password: String });`, how, `module.exports = mongoose.model('User', userSchema);`, ``].join('\n');
const ASYNC_MODEL = model(`userSchema.methods.comparePassword = async function (candidate) {\n  return await bcrypt.compare(candidate, this.password);\n};`);

/** A login controller whose check is `lines`. */
const login = (lines: string[]) =>
  [`const User = require('../models/User');`, `const bcrypt = require('bcryptjs');`, `exports.login = async (req, res) => {`, `  const user = await User.findOne({ email: String(req.body.email) });`, ...lines.map((l) => `  ${l}`), `  res.json({ ok: true });`, `};`, ``].join('\n');

ruleTester('password-check-not-awaited', {
  valid: [
    {
      name: 'checks that are awaited, chained with then, returned or handed on',
      files: {
        'package.json': API,
        'models/User.js': ASYNC_MODEL,
        'controllers/auth.js': login([
          `if (!user || !(await user.comparePassword(req.body.password))) return res.status(401).end();`,
          `const ok = user.comparePassword(req.body.password);`,
          `if (!(await ok)) return res.status(401).end();`,
          `const same = bcrypt.compare(req.body.password, user.password);`,
          `same.then((match) => { if (!match) res.status(401).end(); });`,
          `const both = await Promise.all([bcrypt.compare(req.body.password, user.password)]);`,
          `if (!both[0]) return res.status(401).end();`,
        ]),
      },
    },
    {
      name: 'bcrypt.compareSync, a callback, and a comparePassword that returns a boolean',
      files: {
        'package.json': API,
        'models/User.js': model(`userSchema.methods.comparePassword = function (candidate) {\n  return bcrypt.compareSync(candidate, this.password);\n};`),
        'controllers/auth.js': login([
          `if (!user.comparePassword(req.body.password)) return res.status(401).end();`,
          `if (!bcrypt.compareSync(req.body.password, user.password)) return res.status(401).end();`,
          `bcrypt.compare(req.body.password, user.password, (err, match) => { if (!match) res.status(401).end(); });`,
        ]),
      },
    },
    {
      name: 'a function of the same name from a module that is not a password library, and a hash that is not a check',
      files: {
        'package.json': API,
        'controllers/auth.js': login([`const { compare } = require('./strings');`, `if (!compare(req.body.password, 'x')) return res.status(401).end();`, `const hashed = bcrypt.hash(req.body.password, 10);`, `if (!hashed) return res.status(500).end();`]),
      },
    },
    {
      name: 'session lookups awaited, returned or chained, and a Clerk auth() read as it is',
      files: {
        'package.json': JSON.stringify({ name: 'app', dependencies: { next: '^14.2.0', 'next-auth': '^4.24.0', convex: '^1.17.0', '@clerk/nextjs': '^5.7.0' } }),
        'convex/documents.ts': `import { query } from './_generated/server';\nexport const get = query({\n  handler: async (ctx) => {\n    const identity = await ctx.auth.getUserIdentity();\n    if (!identity) throw new Error('Not authenticated');\n    return ctx.db.query('documents').collect();\n  },\n});\nexport const viewer = query({ handler: (ctx) => ctx.auth.getUserIdentity() });\n`,
        'pages/api/posts.ts': `import { getServerSession } from 'next-auth';\nimport { auth } from '@clerk/nextjs/server';\nimport { authOptions } from './auth/[...nextauth]';\nexport default async function handler(req, res) {\n  const session = await getServerSession(req, res, authOptions);\n  const { userId } = auth();\n  if (!session || !userId) return res.status(401).end();\n  getServerSession(req, res, authOptions).then((s) => console.log(s?.user));\n  res.json({ ok: true });\n}\n`,
      },
    },
  ],
  invalid: [
    {
      name: 'checks whose answer is thrown away: awaited, not awaited, and compareSync',
      files: {
        'package.json': API,
        'models/User.js': ASYNC_MODEL,
        'controllers/auth.js': login([
          `await bcrypt.compare(req.body.password, user.password);`,
          `await user.comparePassword(req.body.password);`,
          `bcrypt.compareSync(req.body.password, user.password);`,
        ]),
      },
      errors: [
        { messageId: 'discarded', line: 5 },
        { messageId: 'discarded', line: 7 },
      ],
    },
    {
      name: "a model's async comparePassword kept in a variable and tested (an AI-built resume analyser's login)",
      files: { 'package.json': API, 'models/User.js': ASYNC_MODEL, 'controllers/auth.js': login([`const isMatch = user.comparePassword(req.body.password);`, `if (!user || !isMatch) return res.status(401).json({ message: 'invalid credentials' });`]) },
      errors: [{ messageId: 'notAwaited', file: 'controllers/auth.js', line: 5 }],
    },
    {
      name: 'bcrypt.compare and argon2.verify tested in place',
      files: {
        'package.json': API,
        'controllers/auth.ts': [
          `import bcrypt from 'bcryptjs';`,
          `import { verify } from 'argon2';`,
          `export async function login(req, res) {`,
          `  const user = await db.user.findUnique({ where: { email: String(req.body.email) } });`,
          `  if (!bcrypt.compare(req.body.password, user.password)) return res.status(401).end();`,
          `  const token = verify(user.hash, req.body.password) ? sign(user) : null;`,
          `  res.json({ token });`,
          `}`,
        ].join('\n'),
      },
      errors: [
        { messageId: 'notAwaited', line: 5 },
        { messageId: 'notAwaited', line: 6 },
      ],
    },
    {
      name: "Convex's getUserIdentity and next-auth's getSession tested without await",
      files: {
        'package.json': JSON.stringify({ name: 'app', dependencies: { next: '^14.2.0', 'next-auth': '^4.24.0', convex: '^1.17.0' } }),
        'convex/users.ts': `import { query } from './_generated/server';\nexport const getUsers = query({\n  handler: async (ctx) => {\n    const identity = ctx.auth.getUserIdentity();\n    if (!identity) throw new Error('User not authenticated');\n    return ctx.db.query('users').collect();\n  },\n});\n`,
        'pages/api/product/[id].ts': `import { getSession } from 'next-auth/react';\nimport prisma from '../../../lib/prisma';\nexport default async function handle(req, res) {\n  const session = getSession({ req });\n  if (req.method === 'PUT' && session) {\n    await prisma.post.update({ where: { id: String(req.query.id) }, data: req.body });\n    return res.json({ ok: true });\n  }\n  res.status(401).end();\n}\n`,
      },
      errors: [
        { messageId: 'sessionNotAwaited', line: 4, file: 'convex/users.ts' },
        { messageId: 'sessionNotAwaited', line: 4, file: 'pages/api/product/[id].ts' },
      ],
    },
  ],
});

describe('password-check-not-awaited: the project\'s own checks', () => {
  it('quotes the call and the test that reads it', async () => {
    const found = await findingsOf('password-check-not-awaited', {
      files: { 'package.json': API, 'models/User.js': ASYNC_MODEL, 'controllers/auth.js': login([`const isMatch = user.comparePassword(req.body.password);`, `if (!user || !isMatch) return res.status(401).end();`]) },
    });
    expect(found.map((f) => f.message)).toEqual([
      '`user.comparePassword(…)` returns a Promise, and `!user || !isMatch` (line 6) reads it as true or false without `await`: a Promise is always true, so the check never fails and any password signs in.',
    ]);
  });

  it('reads class methods and helpers that return bcrypt\'s promise, in another file', async () => {
    const found = await findingsOf('password-check-not-awaited', {
      files: {
        'package.json': API,
        'src/services/auth.service.ts': `import bcrypt from 'bcryptjs';\nexport class AuthService {\n  async validatePassword(plain: string, hash: string) {\n    return bcrypt.compare(plain, hash);\n  }\n}\nexport function isPasswordValid(plain, hash) {\n  return bcrypt.compare(plain, hash);\n}\n`,
        'src/routes/login.ts': `export async function login(req, res, auth, user) {\n  if (!auth.validatePassword(req.body.password, user.hash)) return res.status(401).end();\n  while (!isPasswordValid(req.body.password, user.hash)) break;\n  res.end();\n}\n`,
      },
    });
    expect(found.map((f) => [f.file, f.range.startLine])).toEqual([
      ['src/routes/login.ts', 2],
      ['src/routes/login.ts', 3],
    ]);
  });
});
