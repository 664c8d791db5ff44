import { ruleTester } from '../../helpers/rule-tester.js';

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'api', dependencies: deps });
const V8 = pkg({ express: '^4.19.2', jsonwebtoken: '^8.5.1' });
const V9 = pkg({ express: '^4.19.2', jsonwebtoken: '^9.0.2' });

ruleTester('jwt-verify-weak', {
  valid: [
    {
      name: 'a shared secret without pinned algorithms (HMAC only)',
      files: { 'package.json': V8, 'server/middleware/auth.js': `const jwt = require('jsonwebtoken');\nexports.auth = (req, res, next) => {\n  req.user = jwt.verify(req.headers.authorization, process.env.JWT_SECRET);\n  next();\n};\n` },
    },
    {
      name: 'a signing key named like one is a shared secret',
      files: { 'package.json': V8, 'server/lib/jwt.ts': `import jwt from 'jsonwebtoken';\nexport const check = (t: string) => jwt.verify(t, process.env.JWT_SIGNING_KEY!);\n` },
    },
    {
      name: 'a public key with pinned RS256',
      files: { 'package.json': V8, 'server/auth.ts': `import jwt from 'jsonwebtoken';\nimport fs from 'node:fs';\nconst PUBLIC_KEY = fs.readFileSync('keys/jwt.pub', 'utf8');\nexport const check = (t: string) => jwt.verify(t, PUBLIC_KEY, { algorithms: ['RS256'], audience: 'api' });\n` },
    },
    {
      name: 'jsonwebtoken 9 derives the algorithms from the key type',
      files: { 'package.json': V9, 'server/auth.ts': `import jwt from 'jsonwebtoken';\nexport const check = (t: string) => jwt.verify(t, process.env.JWT_PUBLIC_KEY!);\n` },
    },
    {
      name: 'jose jwtVerify and options from a variable',
      files: {
        'package.json': pkg({ next: '^14.2.0', jose: '^5.2.0', jsonwebtoken: '^8.5.1' }),
        'app/api/me/route.ts': `import { jwtVerify, importSPKI } from 'jose';\nimport jwt from 'jsonwebtoken';\nimport { VERIFY_OPTIONS } from '@/lib/jwt';\nexport async function GET(req: Request) {\n  const token = req.headers.get('authorization') ?? '';\n  const key = await importSPKI(process.env.PUBLIC_KEY!, 'RS256');\n  await jwtVerify(token, key);\n  jwt.verify(token, process.env.PUBLIC_KEY!, VERIFY_OPTIONS);\n  return Response.json({ ok: true });\n}\n`,
      },
    },
  ],
  invalid: [
    {
      name: 'the none algorithm and ignoreExpiration',
      files: {
        'package.json': V9,
        'server/middleware/auth.js': `const jwt = require('jsonwebtoken');\nexports.auth = (req, res, next) => {\n  req.user = jwt.verify(req.headers.authorization, process.env.JWT_SECRET, {\n    algorithms: ['HS256', 'none'],\n  });\n  req.legacy = jwt.verify(req.cookies.old, process.env.JWT_SECRET, { ignoreExpiration: true });\n  next();\n};\n`,
      },
      errors: [
        { messageId: 'algorithmNone', line: 4, severity: 'critical' },
        { messageId: 'ignoreExpiration', line: 6, severity: 'medium' },
      ],
    },
    {
      name: 'a public key file without algorithms on jsonwebtoken 8',
      files: {
        'package.json': V8,
        'server/auth.ts': `import jwt from 'jsonwebtoken';\nimport fs from 'node:fs';\nexport function check(token: string) {\n  return jwt.verify(token, fs.readFileSync('certs/public.pem'));\n}\n`,
      },
      errors: [{ messageId: 'algorithmsNotPinned', line: 4 }],
    },
    {
      name: 'a JWKS key callback, and mixed algorithm families, in a Next.js route',
      files: {
        'package.json': pkg({ next: '^14.2.0', jsonwebtoken: '^8.5.1', 'jwks-rsa': '^3.1.0' }),
        'app/api/session/route.ts': `import jwt from 'jsonwebtoken';\nimport { getKey } from '@/lib/jwks';\nexport async function GET(req: Request) {\n  const token = req.headers.get('authorization') ?? '';\n  jwt.verify(token, getKey, (err, payload) => {});\n  jwt.verify(token, process.env.AUTH_PUBLIC_KEY!, { algorithms: ['RS256', 'HS256'] });\n  return Response.json({});\n}\n`,
      },
      errors: [
        { messageId: 'algorithmsNotPinned', line: 5 },
        { messageId: 'mixedAlgorithms', line: 6 },
      ],
    },
    {
      name: 'a named import of verify with whitelisting turned into none',
      files: {
        'package.json': pkg({ fastify: '^4.27.0', jsonwebtoken: '^9.0.2' }),
        'server/plugins/auth.ts': `import { verify } from 'jsonwebtoken';\nexport default async function auth(app: any) {\n  app.addHook('onRequest', async (request: any) => {\n    request.user = verify(request.headers.authorization, '', { algorithms: ['none'] });\n  });\n}\n`,
      },
      errors: [{ messageId: 'algorithmNone', line: 4 }],
    },
  ],
});
