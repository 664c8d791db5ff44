import { describe, expect, it } from 'vitest';
import { findingsOf, ruleTester } from '../../helpers/rule-tester.js';

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'api', dependencies: deps });
const EXPRESS = pkg({ express: '^4.19.2', mongoose: '^8.4.0', jsonwebtoken: '^9.0.2' });
const WITH_BCRYPT = pkg({ express: '^4.19.2', mongoose: '^8.4.0', bcryptjs: '^2.4.3' });
const MYSQL = pkg({ express: '^4.19.2', mysql2: '^3.9.0' });
const NEXT = pkg({ next: '^14.2.0', '@prisma/client': '^5.14.0', 'next-auth': '^4.24.0' });
const SUPABASE = pkg({ react: '^18.3.0', '@supabase/supabase-js': '^2.43.0' });
const USER_MODEL = `const mongoose = require('mongoose');\nconst userSchema = new mongoose.Schema({ email: String, password: String, role: String });\nmodule.exports = mongoose.model('User', userSchema);\n`;
const HASHING_MODEL = `const mongoose = require('mongoose');\nconst bcrypt = require('bcryptjs');\nconst userSchema = new mongoose.Schema({ email: String, password: String });\nuserSchema.pre('save', async function () { this.password = await bcrypt.hash(this.password, 12); });\nmodule.exports = mongoose.model('User', userSchema);\n`;

ruleTester('plaintext-password', {
  valid: [
    {
      name: 'bcrypt compare after a lookup by email, and a hashed sign-up',
      files: {
        'package.json': WITH_BCRYPT,
        'server/models/User.js': HASHING_MODEL,
        'server/routes/auth.js': `const router = require('express').Router();\nconst bcrypt = require('bcryptjs');\nconst User = require('../models/User');\nrouter.post('/login', async (req, res) => {\n  const { email, password } = req.body;\n  const user = await User.findOne({ email });\n  if (!user || !(await bcrypt.compare(password, user.password))) return res.status(401).end();\n  res.json({ id: user._id });\n});\nrouter.post('/signup', async (req, res) => {\n  const { email, password } = req.body;\n  const hashedPassword = await bcrypt.hash(password, 12);\n  const user = await User.create({ email, password: hashedPassword });\n  res.json({ id: user._id });\n});\nmodule.exports = router;\n`,
      },
    },
    {
      name: 'two values from the client compared, settings compared, a hash compared or looked up',
      files: {
        'package.json': EXPRESS,
        'server/routes/account.js': `const router = require('express').Router();\nconst crypto = require('crypto');\nconst config = require('../config');\nrouter.post('/signup', async (req, res) => {\n  const { password, confirmPassword } = req.body;\n  if (password !== confirmPassword) return res.status(400).end();\n  if (req.body.password !== req.body.password2) return res.status(400).end();\n  const user = req.body;\n  if (user.password !== user.passwordRepeat) return res.status(400).end();\n  res.end();\n});\nrouter.post('/admin', (req, res) => {\n  const { password } = req.body;\n  if (password !== process.env.ADMIN_PASSWORD) return res.status(401).end();\n  if (password !== config.admin.password) return res.status(401).end();\n  res.end();\n});\nrouter.post('/legacy', async (req, res) => {\n  const user = await findUser(req.body.email);\n  const hashed = crypto.createHash('sha256').update(req.body.password).digest('hex');\n  if (hashed !== user.password) return res.status(401).end();\n  res.end();\n});\nrouter.post('/login', async (req, res) => {\n  let { email, password } = req.body;\n  password = crypto.createHash('sha256').update(password).digest('hex');\n  const user = await User.findOne({ email, password });\n  res.json({ ok: !!user });\n});\nmodule.exports = router;\n`,
      },
    },
    {
      name: 'a password rewritten with its hash before the write, and a project whose model hook hashes',
      files: {
        'package.json': WITH_BCRYPT,
        'server/models/User.js': HASHING_MODEL,
        'server/routes/users.js': `const router = require('express').Router();\nconst User = require('../models/User');\nrouter.post('/', async (req, res) => {\n  const { email, password } = req.body;\n  const user = new User({ email, password });\n  await user.save();\n  res.status(201).json({ id: user._id });\n});\nrouter.post('/invite', async (req, res) => {\n  const { email, password } = req.body;\n  const user = await User.create({ email, password });\n  res.status(201).json({ id: user._id });\n});\nrouter.put('/:id/password', async (req, res) => {\n  const user = await User.findById(req.params.id);\n  user.password = req.body.password;\n  await user.save();\n  res.end();\n});\nmodule.exports = router;\n`,
      },
    },
    {
      name: 'sign-up through Supabase Auth and a login request from the browser',
      files: {
        'package.json': SUPABASE,
        'src/pages/Signup.tsx': `import { useState } from 'react';\nimport { supabase } from '../lib/supabase';\nexport default function Signup() {\n  const [password, setPassword] = useState('');\n  const [email, setEmail] = useState('');\n  async function submit() {\n    await supabase.auth.signUp({ email, password });\n    await fetch('/api/login', { method: 'POST', body: JSON.stringify({ email, password }) });\n    await supabase.from('profiles').insert({ email, display_name: email.split('@')[0] });\n  }\n  return <button onClick={submit}>Sign up</button>;\n}\n`,
      },
    },
    {
      name: 'a password read from a stored record is not typed',
      files: {
        'package.json': EXPRESS,
        'server/lib/sync.js': `exports.copy = async (User, id, from, to) => {\n  const source = await User.findById(id);\n  const { password } = source;\n  if (password === to.password) return;\n  const pass = from.password;\n  if (pass === to.password) return;\n};\n`,
      },
    },
  ],
  invalid: [
    {
      name: 'Express sign-in looks the user up by email and password',
      files: {
        'package.json': EXPRESS,
        'server/models/User.js': USER_MODEL,
        'server/routes/auth.js': `const router = require('express').Router();\nconst User = require('../models/User');\nrouter.post('/login', async (req, res) => {\n  const { email, password } = req.body;\n  const user = await User.findOne({ email, password });\n  if (!user) return res.status(401).json({ message: 'Invalid credentials' });\n  res.json({ id: user._id });\n});\nmodule.exports = router;\n`,
      },
      errors: [{ messageId: 'lookup', line: 5 }],
    },
    {
      name: 'the typed password compared with the stored one (also as a fallback beside bcrypt)',
      files: {
        'package.json': WITH_BCRYPT,
        'server/controllers/auth.js': `const bcrypt = require('bcryptjs');\nconst User = require('../models/User');\nexports.login = async (req, res) => {\n  const user = await User.findOne({ email: req.body.email });\n  if (!user || req.body.password !== user.password) return res.status(401).end();\n  res.end();\n};\nexports.login2 = async (req, res) => {\n  const { email, password } = req.body;\n  const user = await User.findOne({ email });\n  const isMatch = (password === user.password) || await bcrypt.compare(password, user.password);\n  res.json({ isMatch });\n};\n`,
      },
      errors: [
        { messageId: 'compare', line: 5 },
        { messageId: 'compare', line: 11 },
      ],
    },
    {
      name: 'MySQL sign-in with the password in the WHERE clause, the SQL in a variable',
      files: {
        'package.json': MYSQL,
        'server/index.js': `const express = require('express');\nconst mysql = require('mysql2');\nconst db = mysql.createConnection({ host: 'localhost' });\nconst app = express();\napp.post('/login', (req, res) => {\n  const username = req.body.username;\n  const password = req.body.password;\n  const query = 'SELECT * FROM users WHERE username = ? AND password = ?';\n  db.query(query, [username, password], (err, rows) => res.json({ ok: rows.length > 0 }));\n});\napp.post('/register', (req, res) => {\n  const { username, password } = req.body;\n  db.query('INSERT INTO users (username, password) VALUES (?, ?)', [username, password], () => res.end());\n});\napp.listen(3000);\n`,
      },
      errors: [
        { messageId: 'lookupSql', line: 9 },
        { messageId: 'storeSql', line: 13 },
      ],
    },
    {
      name: 'Auth.js credentials checked against a Prisma row, and sign-up storing the password',
      files: {
        'package.json': NEXT,
        'lib/auth.ts': `import CredentialsProvider from 'next-auth/providers/credentials';\nimport { prisma } from './prisma';\nexport const authOptions = {\n  providers: [\n    CredentialsProvider({\n      credentials: { email: {}, password: {} },\n      async authorize(credentials) {\n        const user = await prisma.user.findUnique({ where: { email: credentials!.email } });\n        if (!user || user.password !== credentials!.password) return null;\n        return { id: user.id, email: user.email };\n      },\n    }),\n  ],\n};\n`,
        'app/api/register/route.ts': `import { prisma } from '@/lib/prisma';\nexport async function POST(req: Request) {\n  const { email, password } = await req.json();\n  const user = await prisma.user.create({ data: { email, password } });\n  return Response.json({ id: user.id });\n}\n`,
      },
      errors: [
        { messageId: 'store', line: 4, file: 'app/api/register/route.ts' },
        { messageId: 'compare', line: 9, file: 'lib/auth.ts' },
      ],
    },
    {
      name: 'a Supabase app that writes passwords into its own table and checks them in the browser',
      files: {
        'package.json': SUPABASE,
        'src/pages/Login.tsx': `import { supabase } from '../lib/supabase';\nexport async function signUp(email: string, password: string) {\n  return supabase.from('app_users').insert([{ email, password }]);\n}\nexport async function signIn(email: string, password: string) {\n  const { data } = await supabase.from('app_users').select('*').eq('email', email).eq('password', password).single();\n  return data;\n}\n`,
      },
      errors: [
        { messageId: 'store', line: 3 },
        { messageId: 'lookup', line: 6 },
      ],
    },
    {
      name: 'a model method and an in-memory list compare as typed; a reset writes the new password',
      files: {
        'package.json': EXPRESS,
        'server/models/User.js': `const mongoose = require('mongoose');\nconst userSchema = new mongoose.Schema({ email: String, password: String });\nuserSchema.methods.comparePassword = function (candidatePassword) {\n  return candidatePassword === this.password;\n};\nmodule.exports = mongoose.model('User', userSchema);\n`,
        'server/routes/reset.js': `const router = require('express').Router();\nconst User = require('../models/User');\nconst users = [];\nrouter.post('/reset', async (req, res) => {\n  const { token, newPassword } = req.body;\n  const user = await User.findOne({ resetToken: token });\n  user.password = newPassword;\n  await user.save();\n  const found = users.find((u) => u.email === req.body.email && u.password === req.body.password);\n  res.json({ found: !!found });\n});\nmodule.exports = router;\n`,
      },
      errors: [
        { messageId: 'compare', line: 4, file: 'server/models/User.js' },
        { messageId: 'store', line: 7, file: 'server/routes/reset.js' },
        { messageId: 'compare', line: 9, file: 'server/routes/reset.js' },
      ],
    },
  ],
});

describe('plaintext-password confidence', () => {
  it('is medium for a write (a hook may hash it) and high for a comparison or lookup', async () => {
    const found = await findingsOf('plaintext-password', {
      files: {
        'package.json': MYSQL,
        'server/index.js': `const db = require('./db');\nexports.register = (req, res) => db.query('INSERT INTO users (email, password) VALUES (?, ?)', [req.body.email, req.body.password]);\nexports.login = (req, res) => db.query('SELECT id FROM users WHERE email = $1 AND password = $2', [req.body.email, req.body.password]);\n`,
      },
    });
    expect(found.map((f) => [f.messageId, f.confidence])).toEqual([
      ['storeSql', 'medium'],
      ['lookupSql', 'high'],
    ]);
  });
});
