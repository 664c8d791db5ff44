import { describe, expect, it } from 'vitest';
import { findingsOf, ruleTester } from '../../helpers/rule-tester.js';

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'api', dependencies: deps });
const EXPRESS = pkg({ express: '^4.19.2', jsonwebtoken: '^9.0.2', 'express-session': '^1.18.0', 'cookie-session': '^2.1.0', 'cookie-parser': '^1.4.6' });
const HONO = pkg({ hono: '^4.5.0' });
const NEXT = pkg({ next: '^14.2.0', jose: '^5.2.0', 'next-auth': '^4.24.0', 'iron-session': '^8.0.0' });
const NEST = pkg({ '@nestjs/core': '^10.3.0', '@nestjs/jwt': '^10.2.0', '@nestjs/passport': '^10.0.3', 'passport-jwt': '^4.0.1' });
const FASTIFY = pkg({ fastify: '^4.28.0', '@fastify/jwt': '^8.0.0' });

ruleTester('hardcoded-signing-secret', {
  valid: [
    {
      name: "Web Crypto's HMAC in a webhook check, not a token or session (other rules judge that key)",
      files: {
        'package.json': JSON.stringify({ name: 'app', dependencies: { hono: '^4.6.0' } }),
        'src/webhook.ts': `const KEY = 'whsec_local_test_value';\nexport async function valid(body, signature) {\n  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(KEY), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);\n  return crypto.subtle.verify('HMAC', key, signature, new TextEncoder().encode(body));\n}\n`,
      },
    },
    {
      name: "Node's createHmac with the key from the environment or left out of the code, and a keyed hash for a cache key in a file that signs nothing",
      files: {
        'package.json': EXPRESS,
        'server/shopify.js': `import crypto from 'crypto';\nexport function verifyWebhook(body, hmac) {\n  const digest = crypto.createHmac('sha256', process.env.SHOPIFY_API_SECRET).update(body).digest('base64');\n  return crypto.timingSafeEqual(Buffer.from(digest), Buffer.from(hmac));\n}\n`,
        'server/cache.js': `const crypto = require('crypto');\nexports.cacheKey = (url) => crypto.createHmac('sha1', 'cache-v2').update(url).digest('hex');\n`,
        'server/razorpay.js': `const crypto = require('crypto');\nexports.webhook = (req, res) => {\n  const expected = crypto.createHmac('sha256', 'REDACTED').update(JSON.stringify(req.body)).digest('hex');\n  res.sendStatus(expected === req.headers['x-razorpay-signature'] ? 200 : 400);\n};\n`,
      },
    },
    {
      name: "Elysia's cookie secrets from the environment",
      files: { 'package.json': JSON.stringify({ name: 'api', dependencies: { elysia: '^1.1.0' } }), 'src/index.ts': "import { Elysia } from 'elysia';\nnew Elysia({ cookie: { secrets: process.env.COOKIE_SECRET, sign: ['session'] } }).listen(3000);\n" },
    },
    {
      name: "Remix's cookie session and Web Crypto's HMAC with keys from the environment",
      files: {
        'package.json': JSON.stringify({ name: 'app', dependencies: { '@remix-run/node': '^2.12.0' } }),
        'app/session.server.ts': `import { createCookieSessionStorage } from '@remix-run/node';\nexport const storage = createCookieSessionStorage({\n  cookie: { name: '__session', secrets: [process.env.SESSION_SECRET], httpOnly: true },\n});\n`,
        'app/services/jwt.server.ts': `export async function sign(data) {\n  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(process.env.JWT_SECRET), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);\n  return crypto.subtle.sign('HMAC', key, data);\n}\n`,
      },
    },
    {
      name: 'keys from the environment, also through a const and a config object',
      files: {
        'package.json': EXPRESS,
        'server/auth.js': `const jwt = require('jsonwebtoken');\nconst session = require('express-session');\nconst JWT_SECRET = process.env.JWT_SECRET;\nconst options = { secret: process.env.SESSION_SECRET, resave: false };\nexports.mw = session(options);\nexports.issue = (id) => jwt.sign({ sub: id }, JWT_SECRET, { expiresIn: '1h' });\nexports.check = (t) => jwt.verify(t, process.env.JWT_SECRET);\n`,
      },
    },
    {
      name: 'values other rules own: an env fallback, a random value under a secret name',
      files: {
        'package.json': EXPRESS,
        'server/auth.js': `const jwt = require('jsonwebtoken');\nconst SECRET = process.env.JWT_SECRET || 'secret';\nconst JWT_SECRET = 'q8Zr2LmX4vT9nB7kP1wS6yE3hJ5cF0aD';\nexports.a = (id) => jwt.sign({ sub: id }, SECRET, { expiresIn: '1h' });\nexports.b = (id) => jwt.sign({ sub: id }, JWT_SECRET, { expiresIn: '1h' });\n`,
      },
    },
    {
      name: 'a public key to verify, a let that changes, a local sign function, a test file',
      files: {
        'package.json': EXPRESS,
        'server/verify.js': `const jwt = require('jsonwebtoken');\nconst PUBLIC_KEY = '-----BEGIN PUBLIC KEY-----\\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\\n-----END PUBLIC KEY-----';\nlet key = 'dev';\nif (process.env.NODE_ENV === 'production') key = process.env.JWT_KEY;\nfunction sign(p, k) { return p + k; }\nexports.check = (t) => jwt.verify(t, PUBLIC_KEY, { algorithms: ['RS256'] });\nexports.check2 = (t) => jwt.verify(t, key);\nexports.local = () => sign('a', 'secret');\n`,
        'test/auth.test.js': `const jwt = require('jsonwebtoken');\nconst token = jwt.sign({ sub: 'u1' }, 'test-secret');\n`,
      },
    },
    {
      name: 'NestJS: JwtModule, a passport-jwt strategy, the JWT service and exported JWT settings with keys from the environment',
      files: {
        'package.json': NEST,
        'src/auth/auth.module.ts': `import { Module } from '@nestjs/common';\nimport { JwtModule } from '@nestjs/jwt';\n@Module({ imports: [JwtModule.register({ secret: process.env.JWT_SECRET, signOptions: { expiresIn: '1h' } })] })\nexport class AuthModule {}\n`,
        'src/auth/jwt.strategy.ts': `import { Injectable } from '@nestjs/common';\nimport { PassportStrategy } from '@nestjs/passport';\nimport { ExtractJwt, Strategy } from 'passport-jwt';\n@Injectable()\nexport class JwtStrategy extends PassportStrategy(Strategy) {\n  constructor(config) {\n    super({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: config.get('JWT_SECRET') });\n  }\n}\n`,
        'src/auth/auth.service.ts': `import { JwtService } from '@nestjs/jwt';\nexport class AuthService {\n  constructor(private jwtService: JwtService) {}\n  issue(id: string) {\n    return this.jwtService.signAsync({ sub: id }, { secret: process.env.JWT_SECRET, expiresIn: '15m' });\n  }\n}\n`,
        'src/auth/constants.ts': `export const jwtConstants = { secret: process.env.JWT_SECRET, expiresIn: '1d' };\nconst jwtDefaults = { secret: 'only-in-this-file-for-a-test-double' };\nexport const mailConstants = { secret: 'not-a-token-setting' };\n`,
      },
    },
    {
      name: "Telegram's Web App init-data check, whose HMAC key is the constant 'WebAppData' and whose secret is the bot token",
      files: {
        'package.json': JSON.stringify({ name: 'bot', dependencies: { fastify: '^4.28.0' } }),
        'server/hooks.ts': `import crypto from 'node:crypto';\nexport function validateInitData(initData: string) {\n  const params = new URLSearchParams(initData);\n  const hash = params.get('hash');\n  params.delete('hash');\n  const data = [...params].map(([k, v]) => \`\${k}=\${v}\`).sort().join('\\n');\n  const secret = crypto.createHmac('sha256', 'WebAppData').update(process.env.BOT_TOKEN!).digest();\n  const signature = crypto.createHmac('sha256', secret).update(data).digest('hex');\n  return signature === hash;\n}\n`,
      },
    },
  ],
  invalid: [
    {
      name: "NestJS: JwtModule's secret, a passport-jwt strategy's secretOrKey, the JWT service's secret, and the documentation's exported jwtConstants",
      files: {
        'package.json': NEST,
        'src/auth/auth.module.ts': `import { Module } from '@nestjs/common';\nimport { JwtModule } from '@nestjs/jwt';\n@Module({\n  imports: [JwtModule.register({ secret: 'supersecretjwt', signOptions: { expiresIn: '24h' } })],\n})\nexport class AuthModule {}\n`,
        'src/auth/jwt.strategy.ts': `import { Injectable } from '@nestjs/common';\nimport { PassportStrategy } from '@nestjs/passport';\nimport { ExtractJwt, Strategy } from 'passport-jwt';\n@Injectable()\nexport class JwtStrategy extends PassportStrategy(Strategy) {\n  constructor() {\n    super({\n      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),\n      secretOrKey: 'strategy-key-in-code',\n    });\n  }\n}\n`,
        'src/auth/auth.service.ts': `import { JwtService } from '@nestjs/jwt';\nexport class AuthService {\n  constructor(private jwtService: JwtService) {}\n  issue(id: string) {\n    return this.jwtService.signAsync({ sub: id }, { secret: 'refresh-key', expiresIn: '7d' });\n  }\n}\n`,
        'src/auth/constants.ts': `export const jwtConstants = {\n  secret: 'SCRETKEY',\n};\n`,
      },
      errors: [
        { messageId: 'token', line: 4, file: 'src/auth/auth.module.ts' },
        { messageId: 'token', line: 5, file: 'src/auth/auth.service.ts' },
        { messageId: 'token', line: 2, file: 'src/auth/constants.ts' },
        { messageId: 'token', line: 9, file: 'src/auth/jwt.strategy.ts' },
      ],
    },
    {
      name: "a Shopify webhook's HMAC computed with the app secret written in the code (Node's global crypto, and imported)",
      files: {
        'package.json': EXPRESS,
        'server/validate/webhookValidator.js': `export default class WebhookValidator {\n  async verifyWebhook(payload, hmac) {\n    const genHash = crypto\n      .createHmac('sha256', '5f0c1d2e3a4b5c6d7e8f9a0b1c2d3e4f')\n      .update(payload.toString())\n      .digest('base64');\n    return genHash === hmac;\n  }\n}\n`,
        'server/sign.js': `import { createHmac } from 'node:crypto';\nconst LINK_KEY = 'my-link-signing-key';\nexport const signature = (url) => createHmac('sha256', LINK_KEY).update(url).digest('hex');\n`,
      },
      errors: [
        { messageId: 'hmac', line: 2, file: 'server/sign.js', severity: 'high' },
        { messageId: 'hmac', line: 4, file: 'server/validate/webhookValidator.js', severity: 'high' },
      ],
    },
    {
      name: "Elysia's cookie secrets written in the code",
      files: {
        'package.json': JSON.stringify({ name: 'api', dependencies: { elysia: '^1.1.0' } }),
        'src/index.ts': "import { Elysia } from 'elysia';\nconst app = new Elysia({\n  cookie: {\n    secrets: 'mysecretsupersecret',\n    sign: ['sessionToken'],\n  },\n}).listen(3000);\n",
        'src/middleware/auth.ts': "import Elysia from 'elysia';\nexport const auth = new Elysia({ cookie: { secrets: ['another-fixed-secret'], sign: ['sessionToken'] } });\n",
      },
      errors: [
        { messageId: 'cookie', line: 4, file: 'src/index.ts', severity: 'medium' },
        { messageId: 'cookie', line: 2, file: 'src/middleware/auth.ts', severity: 'medium' },
      ],
    },
    {
      name: "Remix's cookie session storage, and a hand-made JWT signed with Web Crypto's HMAC",
      files: {
        'package.json': JSON.stringify({ name: 'app', dependencies: { '@remix-run/node': '^2.12.0' } }),
        'app/session.server.ts': `import { createCookieSessionStorage } from '@remix-run/node';\nexport const storage = createCookieSessionStorage({\n  cookie: { name: '__session', secrets: ['s3cr3t-remix'], httpOnly: true },\n});\n`,
        'app/services/jwt.server.ts': `const JWT_SECRET = 'your-jwt-secret-key';\nexport async function sign(data) {\n  const encoder = new TextEncoder();\n  const key = await crypto.subtle.importKey('raw', encoder.encode(JWT_SECRET), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);\n  return crypto.subtle.sign('HMAC', key, data);\n}\n`,
      },
      errors: [
        { messageId: 'token', line: 1, file: 'app/services/jwt.server.ts', severity: 'critical' },
        { messageId: 'session', line: 3, file: 'app/session.server.ts', severity: 'high' },
      ],
    },
    {
      name: 'jsonwebtoken with an inline key, and a const used to sign and to verify (one finding)',
      files: {
        'package.json': EXPRESS,
        'server/routes/auth.js': `const jwt = require('jsonwebtoken');\nconst JWT_SECRET = 'mysecretkey';\nrouter.post('/login', (req, res) => res.json({ token: jwt.sign({ id: 1 }, 'secret', { expiresIn: '1d' }) }));\nexports.issue = (id) => jwt.sign({ id }, JWT_SECRET, { expiresIn: '1d' });\nexports.check = (t) => jwt.verify(t, JWT_SECRET);\n`,
      },
      errors: [
        { messageId: 'token', line: 2, severity: 'critical' },
        { messageId: 'token', line: 3, severity: 'critical' },
      ],
    },
    {
      name: 'sessions and cookies: express-session, cookie-session keys, cookie-parser',
      files: {
        'package.json': EXPRESS,
        'server/app.js': `const express = require('express');\nconst session = require('express-session');\nconst cookieSession = require('cookie-session');\nconst cookieParser = require('cookie-parser');\nconst app = express();\napp.use(session({ secret: 'keyboard cat', resave: false, saveUninitialized: true }));\napp.use(cookieSession({ name: 'session', keys: ['key1', 'key2'] }));\napp.use(cookieParser('my cookie secret'));\n`,
      },
      errors: [
        { messageId: 'cookie', line: 6, severity: 'medium' },
        { messageId: 'session', line: 7, severity: 'high' },
        { messageId: 'session', line: 7, severity: 'high' },
        { messageId: 'cookie', line: 8, severity: 'medium' },
      ],
    },
    {
      name: 'Hono: the jwt middleware and sign',
      files: {
        'package.json': HONO,
        'src/index.ts': `import { Hono } from 'hono';\nimport { jwt, sign } from 'hono/jwt';\nconst app = new Hono();\napp.use('/api/*', jwt({ secret: 'it-is-very-secret' }));\napp.post('/login', async (c) => c.json({ token: await sign({ sub: 'u1' }, 'it-is-very-secret') }));\nexport default app;\n`,
      },
      errors: [
        { messageId: 'token', line: 4, severity: 'critical' },
        { messageId: 'token', line: 5, severity: 'critical' },
      ],
    },
    {
      name: 'Next.js: jose with TextEncoder bytes, NextAuth and iron-session options',
      files: {
        'package.json': NEXT,
        'lib/session.ts': `import { SignJWT, jwtVerify } from 'jose';\nimport { getIronSession } from 'iron-session';\nimport { cookies } from 'next/headers';\nconst key = new TextEncoder().encode('super-secret-key');\nexport const encrypt = (p: any) => new SignJWT(p).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(key);\nexport const decrypt = (t: string) => jwtVerify(t, key, { algorithms: ['HS256'] });\nexport const getSession = () => getIronSession(cookies(), { cookieName: 'app', password: 'complex_password_at_least_32_characters_long' });\n`,
        'pages/api/auth/[...nextauth].ts': `import NextAuth from 'next-auth';\nimport GitHub from 'next-auth/providers/github';\nexport default NextAuth({ providers: [GitHub({ clientId: process.env.GITHUB_ID!, clientSecret: process.env.GITHUB_SECRET! })], secret: 'changeme' });\n`,
      },
      errors: [
        { messageId: 'token', line: 4, severity: 'critical', file: 'lib/session.ts' },
        { messageId: 'session', line: 7, severity: 'high', file: 'lib/session.ts' },
        { messageId: 'session', line: 3, severity: 'high', file: 'pages/api/auth/[...nextauth].ts' },
      ],
    },
    {
      name: "KeystoneJS 6: the docs' example cookie secret left in the session config, and one read from the environment",
      files: {
        'package.json': JSON.stringify({ name: 'cms', dependencies: { '@keystone-6/core': '^6.0.0' } }),
        'auth.ts': `import { statelessSessions, storedSessions } from '@keystone-6/core/session';\nexport const session = statelessSessions({ secret: '-- EXAMPLE COOKIE SECRET; CHANGE ME --', maxAge: 60 * 60 * 24 });\nexport const stored = storedSessions({ secret: process.env.SESSION_SECRET! });\n`,
      },
      errors: [{ messageId: 'session', line: 2, severity: 'high' }],
    },
    {
      name: 'Fastify: the jwt plugin registered with a key, imported or required',
      files: {
        'package.json': FASTIFY,
        'src/server.js': `const fastify = require('fastify')();\nfastify.register(require('@fastify/jwt'), { secret: 'supersecret' });\n`,
        'src/app.ts': `import Fastify from 'fastify';\nimport fastifyJwt from '@fastify/jwt';\nconst app = Fastify();\nconst jwtOptions = { secret: 'another-secret' };\napp.register(fastifyJwt, jwtOptions);\n`,
      },
      errors: [
        { messageId: 'token', line: 4, severity: 'critical', file: 'src/app.ts' },
        { messageId: 'token', line: 2, severity: 'critical', file: 'src/server.js' },
      ],
    },
  ],
});

describe('hardcoded-signing-secret output', () => {
  it('never shows the key itself', async () => {
    const found = await findingsOf('hardcoded-signing-secret', {
      files: { 'package.json': EXPRESS, 'server/a.js': `const session = require('express-session');\nmodule.exports = session({ secret: 'keyboard cat' });\n` },
    });
    expect(found).toHaveLength(1);
    expect(JSON.stringify(found)).not.toContain('keyboard cat');
  });
});
