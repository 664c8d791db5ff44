import { describe, expect, it } from 'vitest';
import { cookieKind } from '../../../src/rules/access-control/forgeable-auth-cookie.js';
import { findingsOf, ruleTester } from '../../helpers/rule-tester.js';

const EXPRESS = JSON.stringify({ name: 'api', dependencies: { express: '^4.21.0', 'cookie-parser': '^1.4.7', mongoose: '^8.8.0', jsonwebtoken: '^9.0.2' } });
const NEXT = JSON.stringify({ name: 'web', dependencies: { next: '^15.0.0', react: '^19.0.0', '@prisma/client': '^6.0.0' } });
const HONO = JSON.stringify({ name: 'worker', dependencies: { hono: '^4.6.0' } });
const KOA = JSON.stringify({ name: 'api', dependencies: { koa: '^2.15.0', '@koa/router': '^13.0.0' } });
const SVELTEKIT = JSON.stringify({ name: 'app', devDependencies: { '@sveltejs/kit': '^2.0.0' } });

/** An Express server whose routes are `lines`. */
const express = (lines: string[]) =>
  [`const express = require('express');`, `const cookieParser = require('cookie-parser');`, `const jwt = require('jsonwebtoken');`, `const User = require('./models/User');`, `const app = express();`, `app.use(cookieParser());`, ...lines, `app.listen(3000);`, ``].join('\n');

ruleTester('forgeable-auth-cookie', {
  valid: [
    {
      name: 'a signed token in the cookie, checked, and the role read from the database',
      files: {
        'package.json': EXPRESS,
        'server.js': express([
          `app.get('/api/admin/users', async (req, res) => {`,
          `  const { sub } = jwt.verify(req.cookies.token, process.env.JWT_SECRET, { algorithms: ['HS256'] });`,
          `  const me = await User.findById(sub);`,
          `  if (me.role !== 'admin') return res.status(403).end();`,
          `  res.json(await User.find().select('email'));`,
          `});`,
        ]),
      },
    },
    {
      name: "cookie-parser's signed cookies, a session id, and Koa's cookies (signed when the app has keys)",
      files: {
        'package.json': EXPRESS,
        'server.js': express([
          `app.get('/api/me', async (req, res) => {`,
          `  const userId = req.signedCookies.userId;`,
          `  if (!userId) return res.status(401).end();`,
          `  res.json(await User.findById(userId));`,
          `});`,
          `app.get('/api/session', async (req, res) => {`,
          `  const session = await Session.findOne({ id: req.cookies.sessionId });`,
          `  if (!session) return res.status(401).end();`,
          `  res.json(session);`,
          `});`,
        ]),
        'koa/package.json': KOA,
        'koa/server.js': `const Router = require('@koa/router');\nconst router = new Router();\nrouter.get('/me', async (ctx) => {\n  const userId = ctx.cookies.get('userId');\n  if (!userId) ctx.throw(401);\n  ctx.body = await User.findById(userId);\n});\n`,
      },
    },
    {
      name: 'a token kept under a flag\'s name, checked before use, and an admin flag cookie that is a key to a session table',
      files: {
        'package.json': EXPRESS,
        'server.js': express([
          `function protectAdmin(req, res, next) {`,
          `  const token = req.cookies.isAdmin;`,
          `  if (!token) return res.status(401).end();`,
          `  req.admin = jwt.verify(token, process.env.SECRET);`,
          `  next();`,
          `}`,
        ]),
        'next/package.json': NEXT,
        'next/src/app/admin/layout.tsx': [
          `import { cookies } from 'next/headers';`,
          `import { redirect } from 'next/navigation';`,
          `import { prisma } from '@/lib/prisma';`,
          `export default async function AdminLayout({ children }) {`,
          `  const adminAuth = (await cookies()).get('admin_auth')?.value;`,
          `  if (!adminAuth) redirect('/admin/login');`,
          `  const session = await prisma.adminSession.findUnique({ where: { id: adminAuth } });`,
          `  if (!session) redirect('/admin/login');`,
          `  return children;`,
          `}`,
        ].join('\n'),
      },
    },
    {
      name: 'cookies that choose what to show: a theme, a flag handed to a page as a prop, a name shown in a page',
      files: {
        'package.json': EXPRESS,
        'server.js': express([
          `app.get('/', (req, res) => {`,
          `  if (req.cookies.theme === 'dark') res.locals.dark = true;`,
          `  res.render('home', { user: req.cookies.username });`,
          `});`,
          `app.get('/signup', (req, res) => {`,
          `  if (req.cookies.userId) return res.redirect('/');`,
          `  res.render('signup');`,
          `});`,
        ]),
        'next/package.json': NEXT,
        'next/pages/chat.tsx': [
          `import { parseCookies } from 'nookies';`,
          `export default function Chat({ initialIsAdmin }) { return null; }`,
          `export async function getServerSideProps(context) {`,
          `  const cookies = parseCookies(context);`,
          `  return { props: { initialUserId: cookies.userId || null, initialIsAdmin: cookies.isAdmin === 'true' } };`,
          `}`,
        ].join('\n'),
      },
    },
    {
      name: "an anonymous visitor's id made up when missing (SvelteKit's demo), and browser code",
      files: {
        'package.json': SVELTEKIT,
        'src/hooks.server.ts': `export const handle = async ({ event, resolve }) => {\n  const userid = event.cookies.get('userid') || crypto.randomUUID();\n  event.locals.userid = userid;\n  return resolve(event);\n};\n`,
        'web/package.json': NEXT,
        'web/src/components/Menu.tsx': `import { useCookies } from 'react-cookie';\nexport function Menu() {\n  const [cookies] = useCookies(['role']);\n  return cookies.role === 'admin' ? <a href="/admin">Admin</a> : null;\n}\n`,
        'web/src/components/Nav.tsx': `'use client';\nimport { useCookies } from 'react-cookie';\nexport function Nav() {\n  const [cookies] = useCookies(['isAdmin']);\n  if (cookies.isAdmin === 'true') return <a href="/admin">Admin</a>;\n  return null;\n}\n`,
      },
    },
    {
      name: 'a cookie-consent banner, and a token tested for the string "undefined"',
      files: {
        'package.json': EXPRESS,
        'server.js': express([
          `app.get('/', (req, res) => {`,
          `  if (req.cookies.consent === 'true') res.locals.analytics = true;`,
          `  const token = req.cookies.token;`,
          `  if (!token || token === 'undefined') return res.redirect('/login');`,
          `  res.render('home', { user: jwt.verify(token, process.env.SECRET) });`,
          `});`,
        ]),
      },
    },
    {
      name: 'session cookies holding a signed token, a signed cookie, a sealed session, and an account id kept only for display',
      files: {
        'package.json': EXPRESS,
        'server.js': express([
          `app.post('/login', async (req, res) => {`,
          `  const user = await User.findOne({ email: req.body.email });`,
          `  res.cookie('session', jwt.sign({ id: user.id }, process.env.JWT_SECRET, { expiresIn: '1h' }), { httpOnly: true });`,
          `  res.cookie('sid', user.id, { signed: true, httpOnly: true });`,
          `  res.cookie('lastUser', user.id);`,
          `  res.json({ ok: true });`,
          `});`,
        ]),
        'web/package.json': NEXT,
        'web/lib/session.ts': `import { cookies } from 'next/headers';\nimport { encrypt } from './crypto';\nexport async function createSession(userId: string) {\n  (await cookies()).set('session', await encrypt({ userId }), { httpOnly: true });\n}\n`,
        'web/components/Remember.tsx': `'use client';\nimport Cookies from 'js-cookie';\nexport function remember(user: { id: string }) {\n  Cookies.set('session', user.id);\n}\n`,
      },
    },
  ],
  invalid: [
    {
      name: "a session cookie that is the account's id: Next's cookies() by a constant name, Express, SvelteKit and Hono",
      files: {
        'package.json': NEXT,
        'src/lib/auth.ts': `import { cookies } from 'next/headers';\nconst SESSION_COOKIE = 'pp_session';\nexport function setSession(userId: string) {\n  cookies().set(SESSION_COOKIE, userId, { httpOnly: true, sameSite: 'lax', path: '/' });\n}\nexport function getSessionUserId(): string | null {\n  return cookies().get(SESSION_COOKIE)?.value ?? null;\n}\n`,
        'api/package.json': EXPRESS,
        'api/server.js': express([
          `app.post('/login', async (req, res) => {`,
          `  const user = await User.findOne({ email: req.body.email });`,
          `  res.cookie('auth', user._id.toString(), { httpOnly: true });`,
          `  res.json({ ok: true });`,
          `});`,
        ]),
        'kit/package.json': SVELTEKIT,
        'kit/src/routes/login/+page.server.js': `export const actions = {\n  default: async ({ cookies, fetch, request }) => {\n    const res = await fetch('/api/users/login', { method: 'POST', body: await request.formData() });\n    const data = await res.json();\n    cookies.set('session', data.user.id, { httpOnly: true, path: '/' });\n  },\n};\n`,
        'worker/package.json': HONO,
        'worker/src/index.ts': `import { Hono } from 'hono';\nimport { setCookie } from 'hono/cookie';\nconst app = new Hono();\napp.post('/login', async (c) => {\n  const user = await findUser(c);\n  setCookie(c, 'session_token', user.id, { httpOnly: true });\n  return c.json({ ok: true });\n});\nexport default app;\n`,
      },
      errors: [
        { messageId: 'idSession', line: 9, file: 'api/server.js' },
        { messageId: 'idSession', line: 5, file: 'kit/src/routes/login/+page.server.js' },
        { messageId: 'idSession', line: 4, file: 'src/lib/auth.ts' },
        { messageId: 'idSession', line: 6, file: 'worker/src/index.ts' },
      ],
    },
    {
      name: "a user's orders by the id in a cookie, and an admin check on a cookie",
      files: {
        'package.json': EXPRESS,
        'server.js': express([
          `app.get('/api/orders', async (req, res) => {`,
          `  const userId = req.cookies.userId;`,
          `  if (!userId) return res.status(401).json({ error: 'Sign in first' });`,
          `  res.json(await Order.find({ user: userId }));`,
          `});`,
          `app.get('/api/admin/users', async (req, res) => {`,
          `  if (req.cookies.isAdmin !== 'true') return res.status(403).end();`,
          `  res.json(await User.find());`,
          `});`,
        ]),
      },
      errors: [
        { messageId: 'identity', line: 8, severity: 'high' },
        { messageId: 'flag', line: 13, severity: 'critical' },
      ],
    },
    {
      name: 'Next middleware that lets in whoever has admin-auth=true, and a route handler that reads posts by a user_id cookie',
      files: {
        'package.json': NEXT,
        'src/middleware.ts': [
          `import { NextResponse } from 'next/server';`,
          `export function middleware(req) {`,
          `  const isAuth = req.cookies.get('admin-auth')?.value === 'true';`,
          `  if (!isAuth) return NextResponse.redirect(new URL('/admin/login', req.url));`,
          `  return NextResponse.next();`,
          `}`,
          `export const config = { matcher: ['/admin/:path*'] };`,
        ].join('\n'),
        'src/app/api/posts/route.ts': [
          `import { cookies } from 'next/headers';`,
          `import { prisma } from '@/lib/prisma';`,
          `export async function GET() {`,
          `  const cookieStore = await cookies();`,
          `  const userId = cookieStore.get('user_id')?.value;`,
          `  if (!userId) return Response.json({ error: 'unauthorised' }, { status: 401 });`,
          `  return Response.json(await prisma.post.findMany({ where: { authorId: userId } }));`,
          `}`,
        ].join('\n'),
      },
      errors: [
        { messageId: 'identity', file: 'src/app/api/posts/route.ts', line: 5 },
        { messageId: 'flag', file: 'src/middleware.ts', line: 3 },
      ],
    },
    {
      name: 'an isAdmin helper on parsed cookies, a roles middleware, and an auth middleware that keeps the cookie as the user',
      files: {
        'package.json': EXPRESS,
        'lib/auth.js': [
          `function isAdmin(cookies) {`,
          `  return cookies['admin_auth'] === 'true';`,
          `}`,
          `const allow = (roles) => (req, res, next) => {`,
          `  const role = req.cookies.role;`,
          `  if (roles.includes(role) || req.cookies.user_role.toLowerCase().startsWith('admin')) return next();`,
          `  res.redirect('/login');`,
          `};`,
          `function auth(req, res, next) {`,
          `  const { uid } = req.cookies;`,
          `  req.userId = uid;`,
          `  next();`,
          `}`,
          `module.exports = { isAdmin, allow, auth };`,
        ].join('\n'),
      },
      errors: [
        { messageId: 'flag', line: 2 },
        { messageId: 'flag', line: 5 },
        { messageId: 'flag', line: 6 },
        { messageId: 'identity', line: 10 },
      ],
    },
    {
      name: 'a Hono route by getCookie, raw SQL by a cookie, and a refresh route that makes a token for the e-mail a cookie names',
      files: {
        'package.json': HONO,
        'src/index.ts': [
          `import { Hono } from 'hono';`,
          `import { getCookie } from 'hono/cookie';`,
          `const app = new Hono();`,
          `app.get('/notes', async (c) => {`,
          `  const userId = getCookie(c, 'user_id');`,
          `  const { results } = await c.env.DB.prepare('SELECT * FROM notes WHERE user_id = ?').bind(userId).all();`,
          `  return c.json(results);`,
          `});`,
          `app.get('/refresh', async (c) => {`,
          `  const cookies = parseCookies(c.req.header('Cookie'));`,
          `  if (!(await verifyRefreshToken(cookies.r_token))) return c.json({}, 401);`,
          `  return c.json({ token: await createAccessToken(cookies.email) });`,
          `});`,
          `app.get('/invoices', async (c) => c.json(await sql\`select * from invoices where owner = \${getCookie(c, 'email')}\`));`,
          `export default app;`,
        ].join('\n'),
      },
      errors: [
        { messageId: 'identity', line: 5 },
        { messageId: 'identity', line: 12 },
        { messageId: 'identity', line: 14 },
      ],
    },
    {
      name: "a session cookie of any name that holds a fixed word (Nuxt's getCookie)",
      files: {
        'package.json': JSON.stringify({ name: 'app', dependencies: { nuxt: '^3.13.0' } }),
        'server/middleware/auth.ts': `export default defineEventHandler((event) => {\n  if (!event.path.startsWith('/api')) return;\n  if (getCookie(event, 'vk_session') !== 'authenticated') throw createError({ statusCode: 401 });\n});\n`,
      },
      errors: [{ messageId: 'flag', line: 3 }],
    },
  ],
});

describe('forgeable-auth-cookie: names and messages', () => {
  it('tells flags, roles and accounts from tokens and settings by the name', () => {
    expect(['isAdmin', 'admin_auth', 'admin-auth', 'role', 'userRole', 'loggedIn', 'is_logged_in', 'isPremium', 'userId', 'user_id', 'uid', 'email', 'currentUserId', 'adminEmail', 'session_user_id', 'authUserId'].map(cookieKind)).toEqual([
      'admin', 'admin', 'admin', 'role', 'role', 'signedIn', 'signedIn', 'role', 'identity', 'identity', 'identity', 'identity', 'identity', 'identity', 'identity', 'identity',
    ]);
    expect(['token', 'admin_token', 'admin_session', 'sessionId', 'sid', 'jwt', 'refreshToken', 'theme', 'cartId', 'locale', 'id', 'name', 'visitorId', 'csrf', 'type', 'level', 'pro'].map(cookieKind)).toEqual(Array(17).fill(undefined));
  });

  it('says what the cookie decides, what to set it to, and what a forged account id reaches', async () => {
    const found = await findingsOf('forgeable-auth-cookie', {
      files: {
        'package.json': EXPRESS,
        'server.js': express([
          `app.get('/api/orders', async (req, res) => {`,
          `  res.json(await Order.find({ user: req.cookies.userId }));`,
          `});`,
          `app.get('/admin', (req, res) => (req.cookies.role === 'admin' ? res.render('admin') : res.redirect('/')));`,
        ]),
      },
    });
    expect(found.map((f) => [f.severity, f.confidence, f.message])).toEqual([
      ['high', 'high', "`req.cookies.userId` is taken as who the caller is (it selects the records of `Order.find({ user: req.cookies.userId })`, line 8), but a cookie holds whatever the browser sends: anyone can set `userId` to another user's value and act as them."],
      ['critical', 'high', '`req.cookies.role` decides what the caller may do, but a cookie holds whatever the browser sends: anyone can set `role` to `admin` (in devtools or with `curl -b`) and pass the check on line 10.'],
    ]);
  });
});
