import { ruleTester } from '../../helpers/rule-tester.js';

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'api', dependencies: deps });
const EXPRESS = pkg({ express: '^4.19.2', jsonwebtoken: '^9.0.2' });
const NEXT = pkg({ next: '^14.2.0', jose: '^5.2.0', 'jwt-decode': '^4.0.0' });

ruleTester('jwt-decode-without-verify', {
  valid: [
    {
      name: "a Lambda handler reading the claims of a token API Gateway's authorizer verified (Serverless Framework)",
      files: {
        'package.json': pkg({ 'aws-sdk': '^2.1600.0', jsonwebtoken: '^9.0.2' }),
        'serverless.yml': 'service: todos\nprovider:\n  name: aws\nfunctions:\n  auth:\n    handler: src/auth.handler\n  getTodos:\n    handler: src/getTodos.handler\n    events:\n      - http:\n          method: get\n          path: todos\n          authorizer: auth\n',
        'src/getTodos.ts': "import { decode } from 'jsonwebtoken';\nimport { DynamoDB } from 'aws-sdk';\nconst db = new DynamoDB.DocumentClient();\nexport const handler = async (event) => {\n  const { sub } = decode(event.headers.Authorization.split(' ')[1]) as { sub: string };\n  const items = await db.query({ TableName: 'todos', KeyConditionExpression: 'userId = :u', ExpressionAttributeValues: { ':u': sub } }).promise();\n  return { statusCode: 200, body: JSON.stringify(items.Items) };\n};\n",
      },
    },
    {
      name: 'verify before decode in the same middleware',
      files: {
        'package.json': EXPRESS,
        'server/middleware/auth.js': `const jwt = require('jsonwebtoken');\nmodule.exports = (req, res, next) => {\n  const token = req.headers.authorization.split(' ')[1];\n  jwt.verify(token, process.env.JWT_SECRET);\n  const { header } = jwt.decode(token, { complete: true });\n  req.user = jwt.decode(token);\n  next();\n};\n`,
      },
    },
    {
      name: 'decoded only to read the expiry for a refresh decision',
      files: {
        'package.json': EXPRESS,
        'server/lib/refresh.ts': `import jwt from 'jsonwebtoken';\nexport function needsRefresh(token: string) {\n  const payload = jwt.decode(token) as { exp: number } | null;\n  return !payload || payload.exp * 1000 < Date.now() + 60_000;\n}\n`,
      },
    },
    {
      name: 'jwt-decode in a React component shows the user name',
      files: {
        'package.json': NEXT,
        'components/Greeting.tsx': `'use client';\nimport { jwtDecode } from 'jwt-decode';\nexport function Greeting({ token }: { token: string }) {\n  const user = jwtDecode<{ name: string; role: string }>(token);\n  if (user.role === 'admin') return <p>Hello admin {user.name}</p>;\n  return <p>Hello {user.name}</p>;\n}\n`,
      },
    },
    {
      name: 'jose jwtVerify in middleware, decodeJwt only for logging',
      files: {
        'package.json': NEXT,
        'middleware.ts': `import { decodeJwt, jwtVerify } from 'jose';\nimport { NextResponse, type NextRequest } from 'next/server';\nexport async function middleware(req: NextRequest) {\n  const token = req.cookies.get('session')?.value ?? '';\n  console.log('token for', decodeJwt(token).sub);\n  const { payload } = await jwtVerify(token, new TextEncoder().encode(process.env.JWT_SECRET));\n  if (payload.role !== 'admin') return NextResponse.redirect(new URL('/', req.url));\n  return NextResponse.next();\n}\n`,
      },
    },
    {
      name: 'a decode method of an unrelated library',
      files: { 'package.json': EXPRESS, 'server/lib/b64.ts': `import base64 from 'base-64';\nexport function currentUser(token: string) {\n  return base64.decode(token);\n}\n` },
    },
    {
      name: 'decode inside the callback of verify',
      files: {
        'package.json': EXPRESS,
        'server/middleware/auth.ts': `import jwt from 'jsonwebtoken';\nexport const authenticate = (req: any, res: any, next: any) => {\n  const token = req.cookies.token;\n  jwt.verify(token, process.env.JWT_SECRET!, (err: unknown) => {\n    if (err) return res.status(403).end();\n    req.user = jwt.decode(token);\n    next();\n  });\n};\n`,
      },
    },
    {
      name: 'a session-expiry helper reads only exp',
      files: {
        'package.json': EXPRESS,
        'server/lib/session.ts': `import jwt from 'jsonwebtoken';\nexport function getSessionExpiry(token: string) {\n  const decoded = jwt.decode(token) as jwt.JwtPayload;\n  return decoded.exp;\n}\n`,
      },
    },
    {
      name: 'a shared Next.js lib file decodes with jwt-decode, which also runs in the browser',
      files: {
        'package.json': NEXT,
        'lib/user.ts': `import { jwtDecode } from 'jwt-decode';\nexport function readUser(token: string) {\n  return jwtDecode<{ sub: string; name: string }>(token);\n}\n`,
      },
    },
  ],
  invalid: [
    {
      name: 'the same handler in a project whose API Gateway declares no authorizer, and an authorizer that only decodes',
      files: {
        'package.json': pkg({ 'aws-sdk': '^2.1600.0', jsonwebtoken: '^9.0.2' }),
        'serverless.yml': 'service: todos\nprovider:\n  name: aws\nfunctions:\n  getTodos:\n    handler: src/getTodos.handler\n    events:\n      - http:\n          method: get\n          path: todos\n',
        'src/getTodos.ts': "import { decode } from 'jsonwebtoken';\nimport { DynamoDB } from 'aws-sdk';\nconst db = new DynamoDB.DocumentClient();\nexport const handler = async (event) => {\n  const { sub } = decode(event.headers.Authorization.split(' ')[1]) as { sub: string };\n  const items = await db.query({ TableName: 'todos', KeyConditionExpression: 'userId = :u', ExpressionAttributeValues: { ':u': sub } }).promise();\n  return { statusCode: 200, body: JSON.stringify(items.Items) };\n};\n",
      },
      errors: [{ messageId: 'decodedIdentity', line: 5 }],
    },
    {
      name: 'a Lambda authorizer that decodes the token instead of verifying it',
      files: {
        'package.json': pkg({ jsonwebtoken: '^9.0.2' }),
        'serverless.yml': 'service: todos\nfunctions:\n  auth:\n    handler: src/auth.handler\n  getTodos:\n    handler: src/getTodos.handler\n    events:\n      - http:\n          path: todos\n          method: get\n          authorizer: auth\n',
        'src/auth.ts': "import jwt from 'jsonwebtoken';\nexport const handler = async (event) => {\n  const payload = jwt.decode(event.authorizationToken.split(' ')[1]) as { sub: string };\n  return { principalId: payload.sub, policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: event.methodArn }] } };\n};\n",
      },
      errors: [{ messageId: 'decodedIdentity', line: 3 }],
    },
    {
      name: 'a shared Next.js lib file returns a jsonwebtoken decode as the user (jsonwebtoken runs only on the server)',
      files: {
        'package.json': pkg({ next: '^14.2.0', jsonwebtoken: '^9.0.2' }),
        'src/lib/auth.ts': `import jwt from 'jsonwebtoken';\nexport function readUser(token: string) {\n  return jwt.decode(token) as { sub: string } | null;\n}\n`,
      },
      errors: [{ messageId: 'decodedIdentity', line: 3 }],
    },
    {
      name: 'Express middleware stores a decoded token as req.user',
      files: {
        'package.json': EXPRESS,
        'server/middleware/auth.js': `const jwt = require('jsonwebtoken');\nmodule.exports = function auth(req, res, next) {\n  const token = req.headers.authorization?.split(' ')[1];\n  const payload = jwt.decode(token);\n  if (!payload) return res.status(401).end();\n  req.user = payload;\n  next();\n};\n`,
      },
      errors: [{ messageId: 'decodedIdentity', line: 4 }],
    },
    {
      name: 'a route looks the user up by the decoded id',
      files: {
        'package.json': EXPRESS,
        'server/routes/me.ts': `import { Router } from 'express';\nimport { decode } from 'jsonwebtoken';\nimport User from '../models/User';\nexport const me = Router();\nme.get('/me', async (req, res) => {\n  const { id } = decode(String(req.headers.authorization)) as { id: string };\n  res.json(await User.findById(id).select('-password'));\n});\n`,
      },
      errors: [{ messageId: 'decodedIdentity', line: 6 }],
    },
    {
      name: 'Next.js middleware checks a role claim from decodeJwt',
      files: {
        'package.json': NEXT,
        'middleware.ts': `import { decodeJwt } from 'jose';\nimport { NextResponse, type NextRequest } from 'next/server';\nexport function middleware(req: NextRequest) {\n  const claims = decodeJwt(req.cookies.get('token')?.value ?? '');\n  if (claims.role !== 'admin') return NextResponse.redirect(new URL('/login', req.url));\n  return NextResponse.next();\n}\nexport const config = { matcher: ['/admin/:path*'] };\n`,
      },
      errors: [{ messageId: 'decodedIdentity', line: 4 }],
    },
    {
      name: 'a getCurrentUser helper returns the decoded token',
      files: {
        'package.json': NEXT,
        'lib/server/session.ts': `import { jwtDecode } from 'jwt-decode';\nimport { cookies } from 'next/headers';\nexport function getCurrentUser() {\n  const token = cookies().get('token')?.value;\n  if (!token) return null;\n  return jwtDecode<{ sub: string }>(token);\n}\n`,
      },
      errors: [{ messageId: 'decodedIdentity', line: 6 }],
    },
    {
      name: 'a Hono handler reads a Supabase row by the decoded sub',
      files: {
        'package.json': pkg({ hono: '^4.4.0', jsonwebtoken: '^9.0.2', '@supabase/supabase-js': '^2.43.0' }),
        'server/index.ts': `import { Hono } from 'hono';\nimport jwt from 'jsonwebtoken';\nimport { supabase } from './db';\nconst app = new Hono();\napp.get('/notes', async (c) => {\n  const token = c.req.header('authorization')!.slice(7);\n  const claims = jwt.decode(token) as jwt.JwtPayload;\n  const { data } = await supabase.from('notes').select('id, body').eq('user_id', claims.sub);\n  return c.json(data);\n});\nexport default app;\n`,
      },
      errors: [{ messageId: 'decodedIdentity', line: 7 }],
    },
  ],
});
