import { describe, expect, it } from 'vitest';
import { findingsOf, ruleTester } from '../../helpers/rule-tester.js';

const API = JSON.stringify({ name: 'api', dependencies: { express: '^4.21.0', mongoose: '^8.8.0', jsonwebtoken: '^9.0.2' } });

/** A middleware that checks a token, then `rest`. */
const NEXT = JSON.stringify({ name: 'web', dependencies: { next: '^15.1.0', '@clerk/nextjs': '^6.9.0', openai: '^4.77.0' } });
/** A Next.js route handler whose body (inside a `try`) is `lines`, from line 5. */
const nextRoute = (lines: string[]) =>
  [`import { auth } from '@clerk/nextjs/server';`, `import { NextResponse } from 'next/server';`, `export async function POST(req: Request) {`, `  try {`, ...lines.map((l) => `    ${l}`), `  } catch {`, `    return new NextResponse('Error', { status: 500 });`, `  }`, `}`, ``].join('\n');

const AUTH = (check: string, rest = '  next();') =>
  [`const jwt = require('jsonwebtoken');`, `module.exports = function auth(req, res, next) {`, `  const token = req.headers.authorization?.split(' ')[1];`, check, `  req.user = jwt.verify(token, process.env.JWT_SECRET);`, rest, `};`, ``].join('\n');

ruleTester('check-without-return', {
  valid: [
    {
      name: "a client error handed to next() and returned, and a server error passed on as it came",
      files: {
        'package.json': API,
        'server/auth.js': "const createError = require('http-errors');\nconst { User } = require('./models');\nexports.login = async (req, res, next) => {\n  if (!req.body.email) return next(createError(400, 'email is required'));\n  const user = await User.create({ email: req.body.email }).catch((err) => err);\n  if (user instanceof Error) next(user);\n  await User.updateOne({ email: req.body.email }, { seen: true });\n  res.json(user);\n};\n",
      },
    },
    {
      name: 'Next.js: error responses returned, and one made as the last statement',
      files: {
        'package.json': NEXT,
        'app/api/chat/route.ts': nextRoute([`const { userId } = await auth();`, `if (!userId) return new NextResponse('Unauthorized', { status: 401 });`, `const { messages } = await req.json();`, `if (!messages) return NextResponse.json({ error: 'No messages' }, { status: 400 });`, `return NextResponse.json({ ok: true });`]),
        'app/api/ping/route.ts': `import { NextResponse } from 'next/server';\nexport async function GET(req: Request) {\n  if (!req.headers.get('x-ok')) new NextResponse('Bad', { status: 400 });\n}\n`,
      },
    },
    {
      name: 'checks that return, throw or have an else',
      files: {
        'package.json': API,
        'middleware/auth.js': AUTH(`  if (!token) {\n    return res.status(401).json({ error: 'Sign in' });\n  }`),
        'controllers/user.js': [
          `exports.update = async (req, res) => {`,
          `  const user = await User.findById(req.user.id);`,
          `  if (!user) { res.status(404).json({ error: 'Not found' }); return; }`,
          `  if (!req.body.name) throw new Error('name');`,
          `  if (user.locked) { res.status(423).end(); } else { user.name = req.body.name; await user.save(); }`,
          `  await user.save();`,
          `};`,
        ].join('\n'),
      },
    },
    {
      name: 'a check followed only by another response, a 5xx, and a status set on something that is not the response',
      files: {
        'package.json': API,
        'controllers/report.js': [
          `exports.show = async (req, res) => {`,
          `  if (!req.query.id) { res.status(400).json({ error: 'id' }); }`,
          `  res.json({ ok: true });`,
          `};`,
          `exports.sync = async (req, res) => {`,
          `  const job = makeJob();`,
          `  if (!job) { res.status(503).end(); }`,
          `  if (job.failed) { job.status(409); }`,
          `  await job.save();`,
          `};`,
        ].join('\n'),
      },
    },
    {
      name: 'the code after the check throws on the missing value before the work: a token verified, a record read',
      files: {
        'package.json': API,
        'middleware/auth.js': AUTH(`  if (!token) res.status(401).json({ error: 'Sign in' });`),
        'controllers/admin.js': `exports.remove = async (req, res) => {\n  const user = await User.findByIdAndDelete(req.params.id);\n  if (!user) { res.status(400).json({ error: 'No such user' }); }\n  await cloudinary.uploader.destroy(user.photo.id);\n  res.json({ ok: true });\n};\n`,
      },
    },
    {
      name: 'in a try block: the token taken in the test, verified before next() (a missing one throws into the catch)',
      files: {
        'package.json': API,
        'middleware/auth.js': `module.exports = async (req, res, next) => {\n  const header = req.header('Authorization');\n  let token = null;\n  try {\n    if (!header || !(token = header.replace('Bearer ', ''))) {\n      res.status(403).json({ error: 'No token' });\n    }\n    req.user = jwt.verify(token, process.env.JWT_KEY);\n    next();\n  } catch (e) {\n    res.status(401).json({ error: 'Not authorized' });\n  }\n};\n`,
      },
    },
  ],
  invalid: [
    {
      name: "a client error handed to Express's error handler through next(), without return, before the write",
      files: {
        'package.json': API,
        'server/auth.js': [
          `const createError = require('http-errors');`,
          `const { User } = require('./models');`,
          `exports.login = async (req, res, next) => {`,
          `  const { kakaoId } = req.body;`,
          `  if (!kakaoId) {`,
          `    next(createError(400, 'kakaoId is required'));`,
          `  }`,
          `  const [user] = await User.findOrCreate({ where: { kakaoId } });`,
          `  res.json(user);`,
          `};`,
          `exports.check = async (req, res, next) => {`,
          `  if (!req.user) next(new UnauthorizedError('Sign in'));`,
          `  next();`,
          `};`,
        ].join('\n'),
      },
      errors: [
        { messageId: 'fallsThrough', line: 6 },
        { messageId: 'fallsThrough', line: 12 },
      ],
    },
    {
      name: 'Next.js: error responses made and thrown away, a sign-in check (high) and a validation (low)',
      files: {
        'package.json': NEXT,
        'app/api/code/route.ts': nextRoute([`const { userId } = await auth();`, `const { messages } = await req.json();`, `if (!userId) new NextResponse('Unauthorized', { status: 401 });`, `if (!messages) NextResponse.json({ error: 'No messages found' }, { status: 400 });`, `return NextResponse.json({ ok: true });`]),
      },
      errors: [
        { messageId: 'discarded', line: 7, severity: 'high' },
        { messageId: 'discarded', line: 8, severity: 'low' },
      ],
    },
    {
      name: "a password changed after the old one was found wrong, and a middleware that calls next() after a 401 (an AI-built store's API)",
      files: {
        'package.json': API,
        'controllers/user.js': [
          `exports.updatePassword = async (req, res, next) => {`,
          `  const user = await User.findById(req.user.id).select('+password');`,
          `  if (!(await user.isCorrectPassword(req.body.oldPassword))) {`,
          `    res.status(400).json({ error: 'Incorrect User password' });`,
          `  }`,
          `  user.password = req.body.newPassword;`,
          `  await user.save();`,
          `};`,
        ].join('\n'),
        'middleware/session.js': `module.exports = function requireUser(req, res, next) {\n  if (!req.session.userId) res.status(401).json({ error: 'Sign in' });\n  next();\n};\n`,
      },
      errors: [
        { messageId: 'fallsThrough', file: 'controllers/user.js', line: 4 },
        { messageId: 'fallsThrough', file: 'middleware/session.js', line: 2 },
      ],
    },
    {
      name: 'a membership middleware that answers 404 in a try block and hands the foreign workspace on',
      files: {
        'package.json': API,
        'middleware/check_permission.js': `module.exports = async (req, res, next) => {\n  try {\n    const workspace = await Workspace.findOne({ _id: String(req.body.workspace_id) });\n    if (!workspace || !workspace.members.includes(req.user._id))\n      res.status(404).send();\n    req.workspace = workspace;\n    next();\n  } catch (error) {\n    res.status(500).send();\n  }\n};\n`,
      },
      errors: [{ messageId: 'fallsThrough', line: 5 }],
    },
  ],
});

describe('check-without-return message', () => {
  it('quotes the check and what runs after it', async () => {
    const found = await findingsOf('check-without-return', { files: { 'package.json': API, 'middleware/auth.js': AUTH(`  if (!token) res.status(401).json({ error: 'Sign in' });`, '  next();').replace('  req.user = jwt.verify(token, process.env.JWT_SECRET);\n', '') } });
    expect(found.map((f) => f.message)).toEqual(['`if (!token)` sends an error response but does not return: the handler goes on and calls `next()`, handing the request on (line 5) anyway.']);
  });
});
