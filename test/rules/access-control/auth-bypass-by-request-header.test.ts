import { ruleTester } from '../../helpers/rule-tester.js';

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'app', dependencies: deps });
const EXPRESS = pkg({ express: '^4.21.1', jsonwebtoken: '^9.0.2' });
const NEXT = pkg({ next: '^15.1.0', '@clerk/nextjs': '^6.9.0' });
const HONO = pkg({ hono: '^4.6.0' });
const NEST = pkg({ '@nestjs/core': '^10.4.0', '@nestjs/common': '^10.4.0' });

ruleTester('auth-bypass-by-request-header', {
  valid: [
    {
      name: 'an origin check that only refuses more (CSRF), before the key check',
      files: {
        'package.json': HONO,
        'src/admin.ts': "import type { MiddlewareHandler } from 'hono';\nexport const requireAdminKey: MiddlewareHandler = async (c, next) => {\n  const origin = c.req.header('origin');\n  if (origin && origin !== 'https://myapp.com') return c.json({ error: 'forbidden' }, 403);\n  const key = c.req.header('x-admin-key') ?? '';\n  if (!key || key !== c.env.ADMIN_KEY) return c.json({ error: 'forbidden' }, 403);\n  await next();\n};\n",
      },
    },
    {
      name: 'a CORS middleware that lets listed origins through and refuses the others, with no sign-in in it',
      files: {
        'package.json': EXPRESS,
        'server/cors.js': "const ALLOWED = ['https://myapp.com', 'http://localhost:3000'];\nmodule.exports = function cors(req, res, next) {\n  const origin = req.headers.origin;\n  if (ALLOWED.includes(origin)) {\n    res.setHeader('Access-Control-Allow-Origin', origin);\n    return next();\n  }\n  return res.status(403).json({ error: 'Origin not allowed' });\n};\n",
      },
    },
    {
      name: "a multi-tenant middleware that rewrites each host to its pages, and asks for the session on the app's own host",
      files: {
        'package.json': NEXT,
        'middleware.ts': "import { NextResponse, type NextRequest } from 'next/server';\nimport { getToken } from 'next-auth/jwt';\nexport default async function middleware(req: NextRequest) {\n  const hostname = req.headers.get('host')!.replace('.localhost:3000', `.${process.env.ROOT_DOMAIN}`);\n  const path = req.nextUrl.pathname;\n  if (hostname === `app.${process.env.ROOT_DOMAIN}`) {\n    const session = await getToken({ req });\n    if (!session && path !== '/login') return NextResponse.redirect(new URL('/login', req.url));\n    return NextResponse.rewrite(new URL(`/app${path}`, req.url));\n  }\n  return NextResponse.rewrite(new URL(`/${hostname}${path}`, req.url));\n}\n",
      },
    },
    {
      name: 'a same-origin check comparing two headers, and a check that the header is there at all',
      files: {
        'package.json': EXPRESS,
        'server/guard.js': "const jwt = require('jsonwebtoken');\nmodule.exports = function guard(req, res, next) {\n  if (req.headers.origin !== `https://${req.headers.host}`) return res.status(403).end();\n  if (req.headers['user-agent'] === undefined) return next();\n  try {\n    req.user = jwt.verify(req.headers.authorization.slice(7), process.env.JWT_SECRET);\n    next();\n  } catch {\n    res.status(401).json({ error: 'Sign in first' });\n  }\n};\n",
      },
    },
    {
      name: 'a bot check that turns bots away before the sign-in check',
      files: {
        'package.json': NEXT,
        'middleware.ts': "import { NextResponse, type NextRequest } from 'next/server';\nimport { clerkMiddleware } from '@clerk/nextjs/server';\nexport default clerkMiddleware(async (auth, req: NextRequest) => {\n  if (req.headers.get('user-agent')?.includes('python-requests')) return new NextResponse('no', { status: 403 });\n  await auth.protect();\n});\n",
      },
    },
    {
      name: 'public paths compared with the path, or with the URL from its start; a URL test that only logs',
      files: {
        'package.json': EXPRESS,
        'server/auth.js': [
          `const jwt = require('jsonwebtoken');`,
          `const PUBLIC = ['/login', '/register'];`,
          `module.exports = function auth(req, res, next) {`,
          `  if (PUBLIC.includes(req.path) || PUBLIC.includes(req.url)) return next();`,
          `  const uploads = /^\\/uploads/;`,
          `  if (uploads.test(req.originalUrl)) return next();`,
          `  if (/^\\/public\\//.test(req.url) || req.url.startsWith('/health')) return next();`,
          `  if (req.url.includes('/debug')) console.log('debug route', req.method);`,
          `  const token = req.headers.authorization?.split(' ')[1];`,
          `  if (!token) return res.status(401).json({ message: 'Unauthorized' });`,
          `  req.user = jwt.verify(token, process.env.JWT_SECRET);`,
          `  next();`,
          `};`,
        ].join('\n'),
      },
    },
  ],
  invalid: [
    {
      name: "a Referer or Host test that is the whole gate: local requests only, and the own site's pages only",
      files: {
        'package.json': EXPRESS,
        'api/middlewares/validateLocalReq.js': "module.exports = (req, res, next) => {\n  const host = req.get('host');\n  if (req.ip === '127.0.0.1' || host.indexOf('localhost') !== -1) {\n    next();\n  } else {\n    console.log('Unathorised request');\n  }\n};\n",
        'middleware/apiProtection.js': "const protect = (req, res, next) => {\n  const referer = req.header('Referer');\n  if (referer && referer.startsWith('https://myapp.example/')) {\n    next();\n  } else {\n    // next();\n    res.status(401).send('Unauthorized');\n  }\n};\nmodule.exports = { protect };\n",
      },
      errors: [
        { messageId: 'grant', line: 3, file: 'api/middlewares/validateLocalReq.js' },
        { messageId: 'grant', line: 3, file: 'middleware/apiProtection.js' },
      ],
    },
    {
      name: 'an admin key that requests from the own site need not send (Hono)',
      files: {
        'package.json': HONO,
        'api/src/routes/admin.ts': "import type { MiddlewareHandler } from 'hono';\nexport const requireAdminKey: MiddlewareHandler = async (c, next) => {\n  const key = c.req.header('x-admin-key')?.trim() || '';\n  const origin = c.req.header('origin') || '';\n  const trustedOrigin =\n    origin.startsWith('https://myapp.com') ||\n    origin.startsWith('http://localhost:3000');\n  if (!trustedOrigin && (!key || key !== c.env.ADMIN_KEY)) {\n    return c.json({ error: 'forbidden' }, 403);\n  }\n  await next();\n};\n",
      },
      errors: [{ messageId: 'skip', line: 8 }],
    },
    {
      name: 'a Next.js middleware that lets the preview host through before Clerk asks who is signed in',
      files: {
        'package.json': NEXT,
        'middleware.js': "import { clerkMiddleware, createRouteMatcher } from '@clerk/nextjs/server';\nimport { NextResponse } from 'next/server';\nconst isProtectedRoute = createRouteMatcher(['/dashboard(.*)']);\nexport default clerkMiddleware(async (auth, req) => {\n  let hostname = req.headers.get('host') || '';\n  if (hostname.includes('vercel.app')) {\n    return NextResponse.next();\n  }\n  if (isProtectedRoute(req)) {\n    const { userId } = await auth();\n    if (!userId) return NextResponse.redirect(new URL('/sign-in', req.url));\n  }\n  return NextResponse.next();\n});\n",
      },
      errors: [{ messageId: 'grant', line: 6 }],
    },
    {
      name: "Express middleware trusting the user agent of a payment provider, and a referer as an alternative to the key",
      files: {
        'package.json': EXPRESS,
        'server/middleware/auth.js': "const jwt = require('jsonwebtoken');\nexports.requireUser = (req, res, next) => {\n  if (req.get('User-Agent')?.startsWith('Stripe/')) return next();\n  try {\n    req.user = jwt.verify(req.headers.authorization.slice(7), process.env.JWT_SECRET);\n    next();\n  } catch {\n    res.status(401).json({ error: 'Sign in first' });\n  }\n};\nexports.requireKey = (req, res, next) => {\n  const referer = req.headers.referer || '';\n  if (new URL(referer).hostname === 'myapp.com' || req.headers['x-api-key'] === process.env.API_KEY) return next();\n  res.status(401).end();\n};\n",
      },
      errors: [
        { messageId: 'grant', line: 3 },
        { messageId: 'grant', line: 13 },
      ],
    },
    {
      name: 'a NestJS guard that lets the own front end through by its Referer',
      files: {
        'package.json': NEST,
        'src/auth.guard.ts': "import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';\nimport { JwtService } from '@nestjs/jwt';\n@Injectable()\nexport class AuthGuard implements CanActivate {\n  constructor(private jwt: JwtService) {}\n  canActivate(ctx: ExecutionContext): boolean {\n    const req = ctx.switchToHttp().getRequest();\n    if (['https://myapp.com', 'https://www.myapp.com'].some((o) => req.headers.referer?.startsWith(o))) return true;\n    req.user = this.jwt.verify(req.headers.authorization?.split(' ')[1]);\n    return true;\n  }\n}\n",
      },
      errors: [{ messageId: 'grant', line: 8 }],
    },
    {
      name: 'a key check nested under an origin test',
      files: {
        'package.json': EXPRESS,
        'server/apiKey.js': "module.exports = function apiKey(req, res, next) {\n  const host = req.hostname;\n  if (host !== 'localhost') {\n    if (req.headers['x-api-key'] !== process.env.API_KEY) return res.status(401).json({ error: 'Invalid key' });\n  }\n  next();\n};\n",
      },
      errors: [{ messageId: 'skip', line: 3 }],
    },
    {
      name: 'a sign-in middleware that lets through every URL containing a public path, query string included',
      files: {
        'package.json': pkg({ hono: '^4.6.0' }),
        'src/auth.ts': [
          `import type { MiddlewareHandler } from 'hono';`,
          `import { verify } from 'hono/jwt';`,
          `const OPEN = ['/login', '/signup'];`,
          `export const auth: MiddlewareHandler = async (c, next) => {`,
          `  if (c.req.method === 'POST' && c.req.url.includes('/login')) return next();`,
          `  const url = c.req.url;`,
          `  if (OPEN.some((p) => url.indexOf(p) !== -1)) return next();`,
          `  const token = c.req.header('Authorization')?.replace('Bearer ', '');`,
          `  if (!token) return c.json({ error: 'Unauthorized' }, 401);`,
          `  c.set('user', await verify(token, c.env.JWT_SECRET));`,
          `  await next();`,
          `};`,
        ].join('\n'),
        'src/next-style.ts': [
          `export function requireUser(req, res, next) {`,
          `  if (!req.originalUrl.match(/\\/public\\//) && !req.session.userId) return res.status(401).end();`,
          `  next();`,
          `}`,
        ].join('\n'),
      },
      errors: [
        { messageId: 'urlGrant', line: 5, file: 'src/auth.ts' },
        { messageId: 'urlGrant', line: 7, file: 'src/auth.ts' },
        { messageId: 'urlSkip', line: 2, file: 'src/next-style.ts' },
      ],
    },
  ],
});
