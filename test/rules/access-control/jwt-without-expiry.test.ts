import { ruleTester } from '../../helpers/rule-tester.js';

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'api', dependencies: deps });
const EXPRESS = pkg({ express: '^4.19.2', jsonwebtoken: '^9.0.2' });
const NEXT = pkg({ next: '^14.2.0', jose: '^5.2.0' });

ruleTester('jwt-without-expiry', {
  valid: [
    {
      name: 'expiresIn in the options, exp in the payload',
      files: {
        'package.json': EXPRESS,
        'server/routes/auth.js': `const jwt = require('jsonwebtoken');\nexports.issue = (user) => jwt.sign({ id: user.id }, process.env.JWT_SECRET, { expiresIn: '1h' });\nexports.issue2 = (user) => jwt.sign({ id: user.id, exp: Math.floor(Date.now() / 1000) + 3600 }, process.env.JWT_SECRET);\n`,
      },
    },
    {
      name: 'payload and options we cannot see',
      files: {
        'package.json': EXPRESS,
        'server/lib/tokens.ts': `import jwt from 'jsonwebtoken';\nimport { OPTIONS } from './config';\nexport const a = (claims: object) => jwt.sign(claims, process.env.JWT_SECRET!);\nexport const b = (id: string) => jwt.sign({ id }, process.env.JWT_SECRET!, OPTIONS);\nexport const c = (id: string, extra: object) => jwt.sign({ id, ...extra }, process.env.JWT_SECRET!);\n`,
      },
    },
    {
      name: 'jose SignJWT with an expiration time',
      files: {
        'package.json': NEXT,
        'lib/server/session.ts': `import { SignJWT } from 'jose';\nconst key = new TextEncoder().encode(process.env.SESSION_SECRET);\nexport async function createSession(userId: string) {\n  return new SignJWT({ userId }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime('7d').sign(key);\n}\n`,
      },
    },
    {
      name: 'a local sign function that is not jsonwebtoken',
      files: { 'package.json': EXPRESS, 'server/lib/cookie.ts': `import { sign } from 'cookie-signature';\nexport const signed = (v: string) => sign(v, process.env.COOKIE_SECRET!);\n` },
    },
  ],
  invalid: [
    {
      name: 'Express login issues a token without expiry',
      files: {
        'package.json': EXPRESS,
        'server/routes/auth.js': `const jwt = require('jsonwebtoken');\nconst router = require('express').Router();\nrouter.post('/login', async (req, res) => {\n  const payload = { id: 'u1', role: 'user' };\n  const token = jwt.sign(payload, process.env.JWT_SECRET);\n  res.json({ token });\n});\nmodule.exports = router;\n`,
      },
      errors: [{ messageId: 'signWithoutExpiry', line: 5 }],
    },
    {
      name: 'options without expiresIn, and a callback form',
      files: {
        'package.json': EXPRESS,
        'server/lib/tokens.ts': `import jwt from 'jsonwebtoken';\nexport const access = (id: string) => jwt.sign({ sub: id }, process.env.JWT_SECRET!, { algorithm: 'HS256' });\nexport function refresh(id: string, cb: (e: Error | null, t?: string) => void) {\n  jwt.sign({ sub: id, kind: 'refresh' }, process.env.JWT_SECRET!, cb);\n}\n`,
      },
      errors: [
        { messageId: 'signWithoutExpiry', line: 2 },
        { messageId: 'signWithoutExpiry', line: 4 },
      ],
    },
    {
      name: 'jose SignJWT in a Next.js server action without setExpirationTime',
      files: {
        'package.json': NEXT,
        'app/actions/login.ts': `'use server';\nimport { SignJWT } from 'jose';\nimport { cookies } from 'next/headers';\nexport async function login(userId: string) {\n  const token = await new SignJWT({ userId })\n    .setProtectedHeader({ alg: 'HS256' })\n    .setIssuedAt()\n    .sign(new TextEncoder().encode(process.env.SESSION_SECRET));\n  cookies().set('session', token, { httpOnly: true });\n}\n`,
      },
      errors: [{ messageId: 'joseWithoutExpiry', line: 5 }],
    },
  ],
});
