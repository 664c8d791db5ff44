import { describe, expect, it } from 'vitest';
import { findingsOf, ruleTester } from '../../helpers/rule-tester.js';

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'app', dependencies: deps });
const EXPRESS = pkg({ express: '^4.21.1', mongoose: '^8.8.0' });
const NEXT = pkg({ next: '^15.1.0', '@prisma/client': '^6.1.0' });
const HONO = pkg({ hono: '^4.6.0' });

ruleTester('identity-from-request-header', {
  valid: [
    {
      name: 'a Next.js middleware that verifies the session and passes the user on in a header it sets',
      files: {
        'package.json': NEXT,
        'middleware.ts': "import { NextResponse, type NextRequest } from 'next/server';\nimport { verifySession } from '@/lib/session';\nexport async function middleware(req: NextRequest) {\n  const session = await verifySession(req.cookies.get('session')?.value);\n  if (!session) return NextResponse.redirect(new URL('/login', req.url));\n  const requestHeaders = new Headers(req.headers);\n  requestHeaders.set('x-user-id', session.userId);\n  return NextResponse.next({ request: { headers: requestHeaders } });\n}\n",
        'app/api/orders/route.ts': "import { headers } from 'next/headers';\nimport { prisma } from '@/lib/prisma';\nexport async function GET() {\n  const userId = (await headers()).get('x-user-id');\n  return Response.json(await prisma.order.findMany({ where: { userId: userId! } }));\n}\n",
      },
    },
    {
      name: 'a gateway that verifies the token and sets the header for the services behind it',
      files: {
        'package.json': EXPRESS,
        'gateway/auth.js': "const jwt = require('jsonwebtoken');\nmodule.exports = (req, res, next) => {\n  const decoded = jwt.verify(req.headers.authorization.split(' ')[1], process.env.JWT_SECRET);\n  req.headers['x-user-id'] = String(decoded.sub);\n  next();\n};\n",
        'services/orders.js': "const router = require('express').Router();\nrouter.get('/orders', async (req, res) => res.json(await Order.find({ user: req.headers['x-user-id'] })));\nmodule.exports = router;\n",
      },
    },
    {
      name: 'headers that say nothing of who calls',
      files: { 'package.json': EXPRESS, 'server/app.js': "const router = require('express').Router();\nrouter.get('/x', (req, res) => res.json({ id: req.headers['x-request-id'], agent: req.get('user-agent'), lang: req.headers['accept-language'] }));\nmodule.exports = router;\n" },
    },
    {
      name: "headers a platform's proxy sets after signing the user in (Replit, an AWS load balancer, oauth2-proxy)",
      files: { 'package.json': EXPRESS, 'server/app.js': "const router = require('express').Router();\nrouter.get('/me', (req, res) => res.json({ replit: req.headers['x-replit-user-id'], alb: req.headers['x-amzn-oidc-identity'], proxy: req.get('x-forwarded-user') }));\nmodule.exports = router;\n" },
    },
    {
      name: "Hono's context variable a middleware in a shared module stored, read with c.get",
      files: {
        'package.json': HONO,
        'src/lib/auth.ts': "import { createMiddleware } from 'hono/factory';\nimport { verify } from 'hono/jwt';\nexport const auth = createMiddleware(async (c, next) => {\n  const payload = await verify(c.req.header('Authorization')!.slice(7), c.env.JWT_SECRET);\n  c.set('userId', payload.sub);\n  await next();\n});\n",
        'src/routes.ts': "import { Hono } from 'hono';\nimport { auth } from './lib/auth';\nconst app = new Hono();\napp.get('/me', auth, async (c) => c.json(await db.user.findUnique({ where: { id: c.get('userId') } })));\nexport default app;\n",
      },
    },
    {
      name: 'test code sending the header to the app',
      files: { 'package.json': EXPRESS, 'test/orders.test.js': "const request = require('supertest');\nit('lists', async () => {\n  const req = { headers: { 'x-user-id': 'u1' } };\n  expect(req.headers['x-user-id']).toBe('u1');\n});\n" },
    },
  ],
  invalid: [
    {
      name: 'a protect middleware that loads whichever user the header names',
      files: { 'package.json': EXPRESS, 'server/middleware/auth.js': "const User = require('../models/User');\nasync function protect(req, res, next) {\n  const userId = req.headers['x-user-id'];\n  if (!userId) return res.status(401).end();\n  req.user = await User.findById(userId);\n  next();\n}\nmodule.exports = { protect };\n" },
      errors: [{ messageId: 'header', line: 3 }],
    },
    {
      name: "a vendor's name before the user's id: the front end copies the signed-in user's id into a header",
      files: { 'package.json': EXPRESS, 'server/neonAuth.ts': "import type { RequestHandler } from 'express';\nexport const requireAuth: RequestHandler = async (req, res, next) => {\n  const userId = req.headers['x-stack-user-id'] as string;\n  if (!userId) return res.status(401).json({ message: 'Unauthorized' });\n  (req as any).neonUser = { id: userId };\n  next();\n};\n" },
      errors: [{ messageId: 'header', line: 3 }],
    },
    {
      name: 'the header read through req.get and a Fetch request, and a role from Hono',
      files: {
        'package.json': HONO,
        'src/routes.ts': "import { Hono } from 'hono';\nconst app = new Hono();\napp.delete('/posts/:id', async (c) => {\n  if (c.req.header('X-User-Role') !== 'admin') return c.json({ error: 'Forbidden' }, 403);\n  return c.json(await db.post.delete({ where: { id: c.req.param('id') } }));\n});\nexport async function handler(request: Request) {\n  const email = request.headers.get('x-user-email');\n  return Response.json(await db.user.findUnique({ where: { email: email! } }));\n}\nexport default app;\n",
      },
      errors: [
        { messageId: 'header', line: 4 },
        { messageId: 'header', line: 8 },
      ],
    },
    {
      name: 'a header the browser code sets is still the client’s',
      files: {
        'package.json': EXPRESS,
        'client/package.json': pkg({ react: '^18.3.1', vite: '^5.4.0' }),
        'client/src/Orders.jsx': "import { useEffect, useState } from 'react';\nexport default function Orders({ user }) {\n  const [orders, setOrders] = useState([]);\n  useEffect(() => { fetch('/api/orders', { headers: { 'x-user-id': user.id } }).then((r) => r.json()).then(setOrders); }, [user.id]);\n  return <ul>{orders.map((o) => <li key={o.id}>{o.total}</li>)}</ul>;\n}\n",
        'server/routes/orders.js': "const router = require('express').Router();\nrouter.get('/api/orders', async (req, res) => res.json(await Order.find({ user: req.get('x-user-id') })));\nmodule.exports = router;\n",
      },
      errors: [{ messageId: 'header', file: 'server/routes/orders.js', line: 2 }],
    },
  ],
});

describe('identity-from-request-header messages', () => {
  it('name the header', async () => {
    const [f] = await findingsOf('identity-from-request-header', { files: { 'package.json': EXPRESS, 'server/app.js': "module.exports = (req, res) => res.json({ me: req.headers['x-user-id'] });\n" } });
    expect(f.message).toContain('comes from the `x-user-id` request header');
  });
});
