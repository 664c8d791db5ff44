import { describe, expect, it } from 'vitest';
import { findingsOf, ruleTester } from '../../helpers/rule-tester.js';

const EXPRESS = JSON.stringify({ name: 'api', dependencies: { express: '^4.21.1', jsonwebtoken: '^9.0.2' } });
const NEXT = JSON.stringify({ name: 'web', dependencies: { next: '^14.2.0', react: '^18.3.0' } });
const express = (code: string) => ({ 'package.json': EXPRESS, 'server/routes/auth.js': code });

ruleTester('auth-cookie-without-httponly', {
  valid: [
    {
      name: 'HttpOnly given directly, through a local object and through a spread',
      files: express("const opts = { httpOnly: true, secure: true, sameSite: 'lax' };\nconst base = { ...opts, path: '/' };\nmodule.exports = (req, res, token, refreshToken) => {\n  res.cookie('token', token, { httpOnly: true, maxAge: 3600000 });\n  res.cookie('refresh_token', refreshToken, opts);\n  res.cookie('session', token, { ...base, maxAge: 1000 });\n};\n"),
    },
    {
      name: 'cookies that are not sessions: a theme, a CSRF token scripts read, a signed-in hint, a redirect',
      files: express("module.exports = (req, res, csrfToken) => {\n  res.cookie('theme', req.body.theme);\n  res.cookie('XSRF-TOKEN', csrfToken);\n  res.cookie('is_logged_in', 'true');\n  res.cookie('auth_redirect', req.query.next);\n  res.cookie('locale', 'en', { maxAge: 1e9 });\n};\n"),
    },
    {
      name: 'a session cookie being cleared',
      files: express("module.exports = (req, res) => {\n  res.cookie('token', '', { maxAge: 0 });\n  res.cookie('session', 'x', { expires: new Date(0) });\n  res.cookie('jwt', null);\n};\n"),
    },
    {
      name: 'options made in another file, or worked out at run time',
      files: express("const { cookieOptions } = require('../config');\nmodule.exports = (req, res, token) => {\n  res.cookie('token', token, cookieOptions);\n  res.cookie('jwt', token, { ...cookieOptions, maxAge: 1 });\n  res.cookie('session', token, { httpOnly: process.env.NODE_ENV === 'production' });\n};\n"),
    },
    {
      name: "SvelteKit's cookies.set, HttpOnly unless told otherwise",
      files: { 'package.json': JSON.stringify({ name: 'kit', devDependencies: { '@sveltejs/kit': '^2.0.0', svelte: '^4.0.0' } }), 'src/routes/login/+page.server.ts': "export const actions = {\n  default: async ({ cookies }) => {\n    const token = await login();\n    cookies.set('session', token, { path: '/' });\n  },\n};\n" },
    },
    {
      name: 'Fastify with @fastify/cookie registered HttpOnly by default',
      files: {
        'package.json': JSON.stringify({ name: 'api', dependencies: { fastify: '^4.0.0', '@fastify/cookie': '^9.0.0' } }),
        'src/app.js': "const fastify = require('fastify')();\nfastify.register(require('@fastify/cookie'), { secret: process.env.COOKIE_SECRET, parseOptions: { httpOnly: true, secure: true } });\nmodule.exports = fastify;\n",
        'src/auth.js': "module.exports = async (req, reply) => {\n  reply.setCookie('token', await sign(req.user), { path: '/' });\n};\n",
      },
    },
    {
      name: 'a Set-Cookie header with HttpOnly, and a cookie set by browser code',
      files: {
        'package.json': NEXT,
        'app/api/login/route.ts': "export async function POST() {\n  const token = await createSession();\n  return new Response('ok', { headers: { 'Set-Cookie': `session=${token}; Path=/; HttpOnly; Secure; SameSite=Lax` } });\n}\n",
        'components/Theme.tsx': "'use client';\nexport function setToken(token: string) { document.cookie = `token=${token}`; }\n",
      },
    },
  ],
  invalid: [
    {
      name: 'Express: no options, options without the flag, and httpOnly: false through a local object',
      files: express("const jwt = require('jsonwebtoken');\nconst opts = { httpOnly: false, secure: true };\nmodule.exports = (req, res, user) => {\n  const token = jwt.sign({ id: user.id }, process.env.JWT_SECRET);\n  res.cookie('token', token);\n  res.cookie('user', jwt.sign({ id: user.id }, process.env.JWT_SECRET), { maxAge: 1000 });\n  res.cookie('session', token, opts);\n};\n"),
      errors: [
        { messageId: 'missing', line: 5 },
        { messageId: 'missing', line: 6 },
        { messageId: 'disabled', line: 7 },
      ],
    },
    {
      name: "Next.js: cookies().set in a server action, awaited, and on a response",
      files: {
        'package.json': NEXT,
        'app/actions/auth.ts': "'use server';\nimport { cookies } from 'next/headers';\nexport async function signIn(token: string) {\n  cookies().set('session', token);\n  (await cookies()).set('tutor', token);\n}\n",
        'app/api/login/route.ts': "import { NextResponse } from 'next/server';\nexport async function POST() {\n  const res = NextResponse.json({ ok: true });\n  res.cookies.set({ name: 'access_token', value: await mint(), httpOnly: false });\n  return res;\n}\n",
      },
      errors: [
        { messageId: 'missing', line: 4, file: 'app/actions/auth.ts' },
        { messageId: 'missing', line: 5, file: 'app/actions/auth.ts' },
        { messageId: 'disabled', line: 4, file: 'app/api/login/route.ts' },
      ],
    },
    {
      name: "Hono's setCookie, Fastify's reply.setCookie and a hand-written Set-Cookie header",
      files: {
        'package.json': JSON.stringify({ name: 'api', dependencies: { hono: '^4.6.0', fastify: '^4.0.0', '@fastify/cookie': '^9.0.0' } }),
        'src/hono.ts': "import { setCookie } from 'hono/cookie';\nexport const login = async (c) => {\n  setCookie(c, 'auth', await sign({ sub: 1 }, c.env.JWT_SECRET), { path: '/', secure: true });\n  return c.json({ ok: true });\n};\n",
        'src/fastify.js': "module.exports = async (req, reply) => {\n  reply.setCookie('token', req.state.token, { path: '/' });\n  reply.header('Set-Cookie', `refresh_token=${req.state.refresh}; Path=/; Max-Age=604800`);\n};\n",
      },
      errors: [
        { messageId: 'missing', line: 2, file: 'src/fastify.js' },
        { messageId: 'header', line: 3, file: 'src/fastify.js' },
        { messageId: 'missing', line: 3, file: 'src/hono.ts' },
      ],
    },
    {
      name: 'SvelteKit told otherwise',
      files: { 'package.json': JSON.stringify({ name: 'kit', devDependencies: { '@sveltejs/kit': '^2.0.0', svelte: '^4.0.0' } }), 'src/routes/+page.server.ts': "export const load = ({ cookies }) => {\n  cookies.set('auth', '42', { path: '/', httpOnly: false });\n};\n" },
      errors: [{ messageId: 'disabled', line: 2 }],
    },
  ],
});

describe('auth-cookie-without-httponly messages', () => {
  it('name the cookie and the call, never the value', async () => {
    const [f] = await findingsOf('auth-cookie-without-httponly', { files: express("module.exports = (req, res) => res.cookie('token', 'eyJhbGciOiJIUzI1NiJ9.e30.abc');\n") });
    expect(f.message).toContain('`res.cookie(…)` sets the `token` cookie');
    expect(f.message).not.toContain('eyJ');
    expect(f.confidence).toBe('high');
  });
});
