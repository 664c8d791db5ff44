import { describe, expect, it } from 'vitest';
import { findingsOf, ruleTester } from '../../helpers/rule-tester.js';

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'api', dependencies: { express: '^4.21.1', cors: '^2.8.5', ...deps } });
const SESSION = pkg({ 'express-session': '^1.18.1' });
const TOKENS = pkg({ jsonwebtoken: '^9.0.2' });
const server = (code: string, manifest = SESSION) => ({ 'package.json': manifest, 'server/index.js': code });
const HEAD = "const express = require('express');\nconst cors = require('cors');\nconst app = express();\n";

ruleTester('cors-any-origin-with-credentials', {
  valid: [
    { name: 'a list of origins with credentials', files: server(`${HEAD}app.use(cors({ origin: ['https://app.example.com'], credentials: true }));\n`) },
    { name: 'every origin, without credentials', files: server(`${HEAD}app.use(cors({ origin: true }));\napp.use(cors());\n`) },
    { name: "'*' with credentials, which browsers refuse", files: server(`${HEAD}app.use(cors({ origin: '*', credentials: true }));\n`) },
    { name: 'an origin callback that checks a list', files: server(`${HEAD}const allowed = ['https://app.example.com'];\napp.use(cors({ credentials: true, origin: (origin, cb) => { if (!origin || allowed.includes(origin)) cb(null, true); else cb(new Error('CORS')); } }));\n`) },
    { name: 'an origin from the environment', files: server(`${HEAD}app.use(cors({ origin: process.env.CLIENT_URL, credentials: true }));\n`) },
    { name: 'only in development', files: server(`${HEAD}if (process.env.NODE_ENV !== 'production') app.use(cors({ origin: true, credentials: true }));\n`) },
    {
      name: 'a header echoing the origin after checking it against a list',
      files: server("const allowed = new Set(['https://app.example.com']);\nmodule.exports = (req, res, next) => {\n  const origin = req.headers.origin;\n  if (origin && allowed.has(origin)) {\n    res.setHeader('Access-Control-Allow-Origin', origin);\n    res.setHeader('Access-Control-Allow-Credentials', 'true');\n  }\n  next();\n};\n"),
    },
    { name: 'a header echoing the origin without credentials', files: server("module.exports = (req, res, next) => {\n  res.setHeader('Access-Control-Allow-Origin', req.headers.origin || '*');\n  next();\n};\n") },
    { name: "Elysia's cors() told not to allow credentials", files: { 'package.json': JSON.stringify({ name: 'api', dependencies: { elysia: '^1.1.0', '@elysiajs/cors': '^1.1.0' } }), 'src/index.ts': "import { Elysia } from 'elysia';\nimport { cors } from '@elysiajs/cors';\nnew Elysia().use(cors({ credentials: false })).listen(3000);\n" } },
    { name: "express's cors() called bare, which sends *", files: server(`${HEAD}app.use(cors());\napp.listen(3000);\n`) },
    { name: 'a constant of CORS options with a list of origins', files: server("export const corsOptions = { origin: ['https://app.example.com'], credentials: true };\n") },
    { name: 'CORS-like settings in an object no server is given', files: { 'package.json': JSON.stringify({ name: 'web', dependencies: { react: '^18.3.1' } }), 'src/App.jsx': "const opts = { cors: { origin: true, credentials: true } };\nexport default function App() { return <pre>{JSON.stringify(opts)}</pre>; }\n" } },
    { name: "a suffix of the app's own domain, with its dot, and a pattern of one team's preview URLs", files: server(`${HEAD}app.use(cors({ credentials: true, origin: (origin, cb) => cb(null, !origin || origin.endsWith('.example.com') || /^https:\\/\\/myapp-[a-z0-9]+-myteam\\.vercel\\.app$/.test(origin)) }));\n`) },
  ],
  invalid: [
    {
      name: 'an origin callback that checks a list, then allows every origin anyway, and one whose branches both allow',
      files: server(`${HEAD}const allowed = ['https://app.example.com'];\napp.use(cors({\n  credentials: true,\n  origin: (origin, callback) => {\n    if (!origin || allowed.includes(origin)) return callback(null, true);\n    // allow all origins to prevent CORS errors on deploy\n    return callback(null, true);\n  },\n}));\napp.use('/v2', cors({\n  credentials: true,\n  origin: function (origin, cb) {\n    if (allowed.indexOf(origin) !== -1) {\n      cb(null, true);\n    } else {\n      cb(null, true);\n    }\n  },\n}));\n`),
      errors: [
        { messageId: 'withCookies', line: 7 },
        { messageId: 'withCookies', line: 15 },
      ],
    },
    {
      name: 'every subdomain of a hosting service, in a callback, a regex and a hand-written middleware',
      files: server(`${HEAD}const allowed = ['https://app.example.com'];\napp.use(cors({ credentials: true, origin: (origin, cb) => cb(null, !origin || allowed.includes(origin) || origin.endsWith('.vercel.app')) }));\napp.use('/v2', cors({ credentials: true, origin: (origin, cb) => cb(null, /^https:\\/\\/.*\\.netlify\\.app$/.test(origin)) }));\napp.use((req, res, next) => {\n  const origin = req.headers.origin;\n  if (origin && (allowed.includes(origin) || origin.endsWith('.onrender.com'))) res.setHeader('Access-Control-Allow-Origin', origin);\n  res.setHeader('Access-Control-Allow-Credentials', 'true');\n  next();\n});\n`),
      errors: [
        { messageId: 'sharedHost', line: 5, severity: 'high' },
        { messageId: 'sharedHost', line: 6, severity: 'high' },
        { messageId: 'sharedHost', line: 9, severity: 'high' },
      ],
    },
    {
      name: 'a helper of the file that trusts a hosting service, and a list holding a pattern of one',
      files: server(`${HEAD}function isOriginAllowed(o) {\n  if (!o) return true;\n  if (o.endsWith('.vercel.app')) return true;\n  return ['https://app.example.com'].includes(o);\n}\napp.use(cors({ credentials: true, origin: (origin, cb) => (isOriginAllowed(origin) ? cb(null, true) : cb(new Error('CORS'))) }));\napp.use('/v2', cors({ credentials: true, origin: ['https://app.example.com', /\\.netlify\\.app$/] }));\n`),
      errors: [
        { messageId: 'sharedHost', line: 9 },
        { messageId: 'sharedHost', line: 10 },
      ],
    },
    {
      name: 'a domain looked for anywhere in the origin, and a suffix without its dot',
      files: server(`${HEAD}app.use(cors({ credentials: true, origin: (origin, cb) => cb(null, !origin || origin.includes('example.com')) }));\napp.use('/v2', cors({ credentials: true, origin: (origin, cb) => cb(null, origin.endsWith('example.com')) }));\n`, TOKENS),
      errors: [
        { messageId: 'loose', line: 4, severity: 'low' },
        { messageId: 'loose', line: 5, severity: 'low' },
      ],
    },
    {
      name: 'origin: true with credentials, and cookie sessions',
      files: server(`${HEAD}app.use(cors({ origin: true, credentials: true }));\n`),
      errors: [{ messageId: 'withCookies', line: 4, severity: 'high' }],
    },
    {
      name: 'the same with only bearer tokens',
      files: server(`${HEAD}app.use(cors({ origin: true, credentials: true }));\n`, TOKENS),
      errors: [{ messageId: 'withoutCookies', line: 4, severity: 'low' }],
    },
    {
      name: 'an options constant, a callback that always allows, and a fallback to true',
      files: server(`${HEAD}const corsOptions = {\n  origin: (origin, callback) => callback(null, true),\n  credentials: true,\n};\napp.use(cors(corsOptions));\napp.use('/v2', cors({ origin: process.env.CORS_ORIGIN || true, credentials: true }));\n`),
      errors: [
        { messageId: 'withCookies', line: 5 },
        { messageId: 'withCookies', line: 9 },
      ],
    },
    {
      name: 'NestJS enableCors and a pattern of any origin',
      files: { 'package.json': JSON.stringify({ name: 'api', dependencies: { '@nestjs/core': '^10.4.0', 'express-session': '^1.18.1' } }), 'src/main.ts': "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  app.enableCors({ origin: /.*/, credentials: true });\n  await app.listen(3000);\n}\nbootstrap();\n" },
      errors: [{ messageId: 'withCookies', line: 5 }],
    },
    {
      name: "Elysia's cors(), which reflects the origin with credentials by default",
      files: { 'package.json': JSON.stringify({ name: 'api', dependencies: { elysia: '^1.1.0', '@elysiajs/cors': '^1.1.0' } }), 'src/index.ts': "import { Elysia } from 'elysia';\nimport { cors } from '@elysiajs/cors';\nnew Elysia()\n  .use(cors())\n  .get('/me', ({ cookie: { session } }) => session.value)\n  .listen(3000);\n" },
      errors: [{ messageId: 'withCookies', line: 4 }],
    },
    {
      name: "Elysia's cors() given options kept in a constant, which leave credentials on",
      files: { 'package.json': JSON.stringify({ name: 'api', dependencies: { elysia: '^1.1.0', '@elysiajs/cors': '^1.1.0' } }), 'src/index.ts': "import { Elysia } from 'elysia';\nimport { cors } from '@elysiajs/cors';\nconst corsConfig = { methods: ['GET', 'POST'] };\nnew Elysia().use(cors(corsConfig)).listen(3000);\n" },
      errors: [{ messageId: 'withoutCookies', line: 3 }],
    },
    {
      name: 'headers set by hand to the request origin, in a middleware and in a Next.js route',
      files: {
        'package.json': JSON.stringify({ name: 'web', dependencies: { next: '^14.2.0', 'next-auth': '^4.24.0' } }),
        'server/cors.js': "module.exports = function cors(req, res, next) {\n  const origin = req.headers.origin;\n  res.header('Access-Control-Allow-Origin', origin);\n  res.header('Access-Control-Allow-Credentials', true);\n  next();\n};\n",
        'app/api/me/route.ts': "export async function GET(request: Request) {\n  return new Response('{}', {\n    headers: {\n      'Access-Control-Allow-Origin': request.headers.get('origin') ?? '*',\n      'Access-Control-Allow-Credentials': 'true',\n    },\n  });\n}\n",
      },
      errors: [
        { messageId: 'withCookies', line: 4, file: 'app/api/me/route.ts' },
        { messageId: 'withCookies', line: 3, file: 'server/cors.js' },
      ],
    },
    {
      name: 'options exported from a config file, with the sign-in cookie read in another file',
      files: {
        'package.json': TOKENS,
        'src/config/corsOptions.js': "export const corsOptions = {\n  origin: function (origin, callback) {\n    return callback(null, true);\n  },\n  credentials: true,\n};\n",
        'src/server.js': "import express from 'express';\nimport cors from 'cors';\nimport { corsOptions } from './config/corsOptions.js';\nconst app = express();\napp.use(cors(corsOptions));\n",
        'src/middlewares/auth.js': "import jwt from 'jsonwebtoken';\nexport const auth = (req, res, next) => {\n  const token = req.cookies?.accessToken;\n  req.user = jwt.verify(token, process.env.JWT_SECRET);\n  next();\n};\n",
      },
      errors: [{ messageId: 'withCookies', line: 2, file: 'src/config/corsOptions.js' }],
    },
    {
      name: 'a Next.js middleware echoing the origin from a copy of the request headers',
      files: {
        'package.json': JSON.stringify({ name: 'web', dependencies: { next: '^14.2.0' } }),
        'middleware.ts': "import { NextResponse, type NextRequest } from 'next/server';\nexport default function middleware(request: NextRequest) {\n  const requestHeaders = new Headers(request.headers);\n  const response = NextResponse.next({ request: { headers: requestHeaders } });\n  const origin = requestHeaders.get('origin');\n  response.headers.set('Access-Control-Allow-Origin', origin!);\n  response.headers.set('Access-Control-Allow-Credentials', 'true');\n  return response;\n}\n",
      },
      errors: [{ messageId: 'withoutCookies', line: 6 }],
    },
    {
      name: 'Fastify register and socket.io server options',
      files: {
        'package.json': JSON.stringify({ name: 'api', dependencies: { fastify: '^4.28.0', '@fastify/cors': '^9.0.1', '@fastify/cookie': '^9.4.0', 'socket.io': '^4.8.0' } }),
        'src/server.js': "const fastify = require('fastify')();\nconst { Server } = require('socket.io');\nfastify.register(require('@fastify/cors'), { origin: true, credentials: true });\nconst io = new Server(fastify.server, { cors: { origin: true, credentials: true } });\n",
      },
      errors: [
        { messageId: 'withCookies', line: 3 },
        { messageId: 'withCookies', line: 4 },
      ],
    },
  ],
});

describe('cors-any-origin-with-credentials messages', () => {
  it('quote the test any site can pass', async () => {
    const [f] = await findingsOf('cors-any-origin-with-credentials', { files: server(`${HEAD}app.use(cors({ credentials: true, origin: (origin, cb) => cb(null, origin.endsWith('.vercel.app')) }));\n`) });
    expect(f.message).toContain("`origin.endsWith('.vercel.app')` trusts every site on a hosting service where anyone can deploy one for free");
  });

  it('quote the setting', async () => {
    const [f] = await findingsOf('cors-any-origin-with-credentials', { files: server(`${HEAD}app.use(cors({ origin: true, credentials: true }));\n`) });
    expect(f.message).toContain('`origin: true` with credentials allowed lets any website call this API');
  });
});
