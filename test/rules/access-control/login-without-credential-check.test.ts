import { ruleTester } from '../../helpers/rule-tester.js';

const EXPRESS = JSON.stringify({ name: 'api', dependencies: { express: '^4.21.1', mongoose: '^8.8.0', jsonwebtoken: '^9.0.2', bcryptjs: '^2.4.3' } });
const NEXT = JSON.stringify({ name: 'web', dependencies: { next: '^15.0.3', '@prisma/client': '^5.22.0', jose: '^5.9.6' } });

/** An Express auth router whose one route is `lines` (from line 7). */
const auth = (path: string, lines: string[]) => ({
  'package.json': EXPRESS,
  'server/routes/auth.js': [
    `const express = require('express');`,
    `const jwt = require('jsonwebtoken');`,
    `const bcrypt = require('bcryptjs');`,
    `const User = require('../models/User');`,
    `const router = express.Router();`,
    `router.post('${path}', async (req, res) => {`,
    ...lines.map((l) => `  ${l}`),
    `});`,
    `module.exports = router;`,
    ``,
  ].join('\n'),
});

ruleTester('login-without-credential-check', {
  valid: [
    {
      name: "a social login that finds the user by the provider's id read from a verified ID token",
      files: {
        'package.json': JSON.stringify({ name: 'api', dependencies: { express: '^4.21.1', sequelize: '^6.37.0', jsonwebtoken: '^9.0.2', 'google-auth-library': '^9.14.0' } }),
        'backend/routes/auth.js': [
          `const router = require('express').Router();`,
          `const jwt = require('jsonwebtoken');`,
          `const { OAuth2Client } = require('google-auth-library');`,
          `const { User } = require('../models');`,
          `const google = new OAuth2Client(process.env.GOOGLE_CLIENT_ID);`,
          `router.post('/login', async (req, res) => {`,
          `  const ticket = await google.verifyIdToken({ idToken: req.body.credential, audience: process.env.GOOGLE_CLIENT_ID });`,
          `  const googleId = ticket.getPayload().sub;`,
          `  const [user] = await User.findOrCreate({ where: { googleId } });`,
          `  res.json({ token: jwt.sign({ id: user.id }, process.env.JWT_SECRET, { expiresIn: '30d' }) });`,
          `});`,
          `module.exports = router;`,
        ].join('\n'),
      },
    },
    {
      name: 'a development login that returns first outside development, and a login that checks the password before signing in the user',
      files: {
        'package.json': EXPRESS,
        'server/devAuth.js': [
          `const DEV_USER = { id: 'dev-user', email: 'dev@localhost', role: 'admin' };`,
          `module.exports = (app) => {`,
          `  app.get('/api/dev-login', (req, res) => {`,
          `    if (process.env.NODE_ENV !== 'development') return res.status(404).end();`,
          `    req.session.user = DEV_USER;`,
          `    res.redirect('/');`,
          `  });`,
          `  app.post('/api/demo-login', async (req, res) => {`,
          `    if (req.body.password !== process.env.DEMO_PASSWORD) return res.status(401).end();`,
          `    req.session.userId = 'demo';`,
          `    res.json({ ok: true });`,
          `  });`,
          `};`,
        ].join('\n'),
      },
    },
    {
      name: 'a Firebase callable that mints a token for the signed-in caller',
      files: {
        'package.json': JSON.stringify({ name: 'functions', dependencies: { 'firebase-admin': '^12.0.0', 'firebase-functions': '^5.0.0' } }),
        'functions/token.js': "const admin = require('firebase-admin');\nconst functions = require('firebase-functions');\nexports.generateToken = functions.https.onCall(async (data, context) => {\n  if (!context.auth) throw new functions.https.HttpsError('unauthenticated', 'Sign in');\n  return { token: await admin.auth().createCustomToken(context.auth.uid) };\n});\n",
      },
    },
    {
      name: 'a login by e-mail or user name (Prisma OR) that compares the password, beside comments and a URL',
      files: auth('/login', [
        `// TODO: rate limit (see https://example.com/docs)`,
        `const user = await prisma.user.findFirst({ where: { OR: [{ email: req.body.login }, { username: req.body.login }] } });`,
        `if (!user || !(await bcrypt.compare(req.body.password, user.password))) return res.status(401).end(); // checked`,
        `res.json({ token: jwt.sign({ id: user.id }, process.env.JWT_SECRET, { expiresIn: '1h' }), docs: 'https://example.com/api' });`,
      ]),
    },
    {
      name: 'tokens from the request after a password check, for the account a sign-up creates, or mailed as a verification link',
      files: {
        ...auth('/login', [`const user = await User.findOne({ email: String(req.body.email) });`, `if (!user || !(await bcrypt.compare(req.body.password, user.password))) return res.status(401).end();`, `res.json({ token: jwt.sign({ email: req.body.email }, process.env.JWT_SECRET) });`]),
        'server/routes/signup.js': `const jwt = require('jsonwebtoken');\nconst User = require('../models/User');\nexports.signup = async (req, res) => {\n  await User.create({ email: req.body.email, password: await hash(req.body.password) });\n  res.json({ token: jwt.sign({ email: req.body.email }, process.env.JWT_SECRET) });\n};\nexports.verify = async (req, res) => {\n  const token = jwt.sign({ email: req.body.email }, process.env.EMAIL_SECRET, { expiresIn: '1h' });\n  await transporter.sendMail({ to: req.body.email, subject: 'Confirm your e-mail', text: token });\n  res.end();\n};\n`,
        'server/index.js': `const express = require('express');\nconst { signup, verify } = require('./routes/signup');\nconst app = express();\napp.post('/signup', signup);\napp.post('/send-verification', verify);\n`,
      },
    },
    {
      name: "an admin's sign-in by name and role that also checks the password",
      files: {
        'package.json': NEXT,
        'app/api/admin/login/route.ts': `import { SignJWT } from 'jose';\nimport bcrypt from 'bcryptjs';\nimport { prisma } from '@/lib/prisma';\nexport async function POST(req: Request) {\n  const { name, password } = await req.json();\n  const user = await prisma.user.findFirst({ where: { name, role: 'ADMIN' } });\n  if (!user || !(await bcrypt.compare(password, user.passwordHash))) return Response.json({ error: 'No admin' }, { status: 401 });\n  const token = await new SignJWT({ sub: user.id, role: user.role }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(process.env.JWT_SECRET!));\n  return Response.json({ token });\n}\n`,
      },
    },
    {
      name: 'an e-mail and password sign-in that compares the password with its hash',
      files: auth('/login', [`const { email, password } = req.body;`, `const user = await User.findOne({ email });`, `if (!user || !(await bcrypt.compare(password, user.password))) return res.status(401).end();`, `res.json({ token: jwt.sign({ userId: user._id }, process.env.JWT_SECRET, { expiresIn: '1h' }) });`]),
    },
    {
      name: 'a sign-up that turns away an e-mail already taken, then signs in the account it creates',
      files: auth('/register', [`const { email, name } = req.body;`, `let user = await User.findOne({ email });`, `if (user) return res.status(409).json({ error: 'Taken' });`, `user = await User.create({ email, name });`, `res.json({ token: jwt.sign({ userId: user._id }, process.env.JWT_SECRET, { expiresIn: '1h' }) });`]),
    },
    {
      name: 'a Google sign-in that verifies the ID token the browser got',
      files: auth('/google', [`const ticket = await google.verifyIdToken({ idToken: req.body.credential, audience: process.env.GOOGLE_CLIENT_ID });`, `const { email } = ticket.getPayload();`, `const user = await User.findOne({ email });`, `res.json({ token: jwt.sign({ userId: user._id }, process.env.JWT_SECRET, { expiresIn: '1h' }) });`]),
    },
    {
      name: 'a one-time code checked before the session',
      files: auth('/verify-otp', [`const { phone, otp } = req.body;`, `const user = await User.findOne({ phone });`, `if (!user || user.otp !== otp || user.otpExpires < Date.now()) return res.status(401).end();`, `req.session.userId = user.id;`, `res.json({ ok: true });`]),
    },
    {
      name: "the password checked by the user model's own method (`user.correctPassword(candidate, hash)`)",
      files: auth('/login', [`const { email, password } = req.body;`, `const user = await User.findOne({ email }).select('+password');`, `if (!user || !(await user.correctPassword(password, user.password))) return res.status(401).end();`, `res.json({ token: jwt.sign({ id: user._id }, process.env.JWT_SECRET, { expiresIn: '1h' }) });`]),
    },
    {
      name: 'a stored password compared with the posted one (plaintext, which plaintext-password reports)',
      files: auth('/login', [`const user = await User.findOne({ email: req.body.email });`, `if (!user || user.password !== req.body.password) return res.status(401).end();`, `res.json({ token: jwt.sign({ id: user._id }, process.env.JWT_SECRET, { expiresIn: '1h' }) });`]),
    },
    {
      name: 'a magic link: the user is found by the secret token in the link',
      files: auth('/magic', [`const user = await User.findOne({ loginToken: req.body.token });`, `if (!user) return res.status(401).end();`, `res.json({ token: jwt.sign({ userId: user._id }, process.env.JWT_SECRET, { expiresIn: '1h' }) });`]),
    },
    {
      name: 'a lookup by e-mail and password together (a plaintext password, which plaintext-password reports)',
      files: auth('/signin', [`const user = await User.findOne({ email: req.body.email, password: req.body.password });`, `if (!user) return res.status(403).end();`, `res.json({ token: jwt.sign({ userId: user._id }, process.env.JWT_SECRET, { expiresIn: '1h' }) });`]),
    },
    {
      name: 'a development-only login',
      files: auth('/dev-login', [`if (process.env.NODE_ENV !== 'development') return res.status(404).end();`, `const user = await User.findOne({ email: req.body.email });`, `res.json({ token: jwt.sign({ userId: user._id }, process.env.JWT_SECRET, { expiresIn: '1h' }) });`]),
    },
    {
      name: "an Elysia sign-in on Bun that checks the password with Bun.password.verify",
      files: { 'package.json': JSON.stringify({ name: 'api', dependencies: { elysia: '^1.1.0', '@elysiajs/jwt': '^1.1.0', mongoose: '^8.8.0' } }), 'src/auth/signIn.ts': "import { Elysia, t } from 'elysia';\nimport { jwt } from '@elysiajs/jwt';\nimport { User } from '../models/User';\nexport const signIn = new Elysia().use(jwt({ secret: process.env.JWT_SECRET! })).post('/auth/sign-in', async ({ body, jwt, set }) => {\n  const userDoc = await User.findOne({ username: body.username });\n  if (!userDoc) return 'Not found';\n  if (!(await Bun.password.verify(body.password, userDoc.password))) return 'Wrong password';\n  return jwt.sign({ id: userDoc.id, username: userDoc.username });\n}, { body: t.Object({ username: t.String(), password: t.String() }) });\n" },
    },
  ],
  invalid: [
    {
      name: "a social login that trusts the provider's user id the browser posts",
      files: {
        'package.json': JSON.stringify({ name: 'api', dependencies: { express: '^4.21.1', sequelize: '^6.37.0', jsonwebtoken: '^9.0.2' } }),
        'backend/routes/auth/auth-ctrl.js': [
          `const jwt = require('jsonwebtoken');`,
          `const { User } = require('../../models');`,
          `exports.login = async (req, res, next) => {`,
          `  const { kakaoId } = req.body;`,
          `  const [user] = await User.findOrCreate({ where: { kakaoId } });`,
          `  return res.json({ token: jwt.sign({ id: user.id }, process.env.JWT_SECRET, { expiresIn: '30d' }) });`,
          `};`,
        ].join('\n'),
        'backend/routes/auth/index.js': `const router = require('express').Router();\nconst ctrl = require('./auth-ctrl');\nrouter.post('/login', ctrl.login);\nmodule.exports = router;\n`,
      },
      errors: [{ messageId: 'byName', line: 6, file: 'backend/routes/auth/auth-ctrl.js' }],
    },
    {
      name: 'a development login left on in production: a fixed account in the session, and passport login of a demo user',
      files: {
        'package.json': EXPRESS,
        'server/devAuth.js': [
          `const DEV_USER = { id: 'dev-user', email: 'dev@localhost', role: 'admin' };`,
          `const DEMO_USER = { id: 'demo' };`,
          `module.exports = (app) => {`,
          `  app.get('/api/dev-login', async (req, res) => {`,
          `    req.session.user = DEV_USER;`,
          `    res.redirect('/');`,
          `  });`,
          `  app.post('/api/demo', (req, res, next) => {`,
          `    req.login(DEMO_USER, (err) => (err ? next(err) : res.json({ ok: true })));`,
          `  });`,
          `};`,
        ].join('\n'),
      },
      errors: [
        { messageId: 'fixedAccount', line: 5 },
        { messageId: 'fixedAccount', line: 9 },
      ],
    },
    {
      name: 'a Firebase function that mints a sign-in token for whichever id the body names',
      files: {
        'package.json': JSON.stringify({ name: 'functions', dependencies: { 'firebase-admin': '^12.0.0', 'firebase-functions': '^5.0.0' } }),
        'functions/createCustomToken.js': "const firebase = require('firebase-admin');\nconst functions = require('firebase-functions');\nexports.createCustomToken = functions.https.onRequest(async (request, response) => {\n  const userId = request.body.id;\n  const token = await firebase.auth().createCustomToken(userId.toString());\n  response.send({ token });\n});\n",
      },
      errors: [{ messageId: 'claimsFromRequest', line: 5 }],
    },
    {
      name: 'a user found by the one login the body sends, as an e-mail or a user name (Prisma OR)',
      files: auth('/login', [`const user = await prisma.user.findFirst({ where: { OR: [{ email: req.body.login }, { username: req.body.login }] } });`, `if (!user) return res.status(401).end();`, `res.json({ token: jwt.sign({ id: user.id }, process.env.JWT_SECRET, { expiresIn: '1h' }) });`]),
      errors: [{ messageId: 'byName', line: 9 }],
    },
    {
      name: "a login whose password check is commented out, on a model kept as `userModel`",
      files: {
        'package.json': EXPRESS,
        'routes/user.routes.js': [
          `const router = require('express').Router();`,
          `const jwt = require('jsonwebtoken');`,
          `const userModel = require('../models/user.model');`,
          `router.post('/login', async (req, res) => {`,
          `  const { username, password } = req.body;`,
          `  const user = await userModel.findOne({ username: username });`,
          `  if (!user) return res.status(400).json({ message: 'invalid username' });`,
          `  // const isMatch = await bcrypt.compare(password, user.password);`,
          `  /* if (!isMatch) return res.status(400).end(); */`,
          `  res.cookie('token', jwt.sign({ userId: user._id }, process.env.JWT_SECRET));`,
          `  res.send('logged in');`,
          `});`,
          `module.exports = router;`,
        ].join('\n'),
      },
      errors: [{ messageId: 'byName', line: 10 }],
    },
    {
      name: 'a token signed from the whole body (jose), and one with the e-mail and role the body names',
      files: {
        'web/package.json': NEXT,
        'web/src/app/api/auth/route.js': [
          `import { SignJWT } from 'jose';`,
          `import { cookies } from 'next/headers';`,
          `export const POST = async (request) => {`,
          `  const body = await request.json();`,
          `  const jwt = await new SignJWT(body).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('90d').sign(new TextEncoder().encode(process.env.JWT_SECRET));`,
          `  cookies().set('jwt-token', jwt, { httpOnly: true });`,
          `  return Response.json({ ok: true });`,
          `};`,
        ].join('\n'),
        ...auth('/token', [`const token = jwt.sign({ email: req.body.email, role: req.body.role }, process.env.JWT_SECRET);`, `res.json({ token });`]),
      },
      errors: [
        { messageId: 'claimsFromRequest', file: 'server/routes/auth.js', line: 7 },
        { messageId: 'claimsFromRequest', file: 'web/src/app/api/auth/route.js', line: 5 },
      ],
    },
    {
      name: "an admin's sign-in by name alone, the role part of the lookup",
      files: {
        'package.json': NEXT,
        'app/api/admin/login/route.ts': `import { SignJWT } from 'jose';\nimport { prisma } from '@/lib/prisma';\nexport async function POST(req: Request) {\n  const { name } = await req.json();\n  const user = await prisma.user.findFirst({ where: { name, role: 'ADMIN' } });\n  if (!user) return Response.json({ error: 'No admin' }, { status: 401 });\n  const token = await new SignJWT({ sub: user.id, role: user.role }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(process.env.JWT_SECRET!));\n  return Response.json({ token });\n}\n`,
      },
      errors: [{ messageId: 'byName', line: 7 }],
    },
    {
      name: 'a Google sign-in that trusts the e-mail posted by the browser',
      files: auth('/google', [`const { email, name } = req.body;`, `let user = await User.findOne({ email });`, `if (!user) user = await User.create({ email, name });`, `const token = jwt.sign({ userId: user._id }, process.env.JWT_SECRET, { expiresIn: '7d' });`, `res.json({ token });`]),
      errors: [{ messageId: 'byName', line: 10, severity: 'critical' }],
    },
    {
      name: 'a session cookie for the user named in the body, through the app\u2019s own token helper',
      files: auth('/login-link', [`const user = await User.findOne({ username: req.body.username });`, `if (!user) return res.status(404).end();`, `res.cookie('token', generateToken(user._id), { httpOnly: true });`, `res.json({ ok: true });`]),
      errors: [{ messageId: 'byName', line: 9 }],
    },
    {
      name: 'a Next.js route signing a jose token for the e-mail in the JSON body',
      files: {
        'package.json': NEXT,
        'app/api/auth/apple/route.ts': `import { SignJWT } from 'jose';\nimport { prisma } from '@/lib/prisma';\nexport async function POST(req: Request) {\n  const { email } = await req.json();\n  const user = await prisma.user.findUnique({ where: { email } });\n  if (!user) return Response.json({ error: 'No account' }, { status: 404 });\n  const token = await new SignJWT({ sub: user.id }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(process.env.JWT_SECRET!));\n  return Response.json({ token });\n}\n`,
      },
      errors: [{ messageId: 'byName', line: 7 }],
    },
    {
      name: 'an Elysia sign-in on Bun that signs a token for the user name alone',
      files: { 'package.json': JSON.stringify({ name: 'api', dependencies: { elysia: '^1.1.0', '@elysiajs/jwt': '^1.1.0', mongoose: '^8.8.0' } }), 'src/auth/signIn.ts': "import { Elysia, t } from 'elysia';\nimport { jwt } from '@elysiajs/jwt';\nimport { User } from '../models/User';\nexport const signIn = new Elysia().use(jwt({ secret: process.env.JWT_SECRET! })).post('/auth/sign-in', async ({ body, jwt, set }) => {\n  const userDoc = await User.findOne({ username: body.username });\n  if (!userDoc) return 'Not found';\n  return jwt.sign({ id: userDoc.id, username: userDoc.username });\n}, { body: t.Object({ username: t.String(), password: t.String() }) });\n" },
      errors: [{ messageId: 'byName', line: 7 }],
    },
  ],
});
