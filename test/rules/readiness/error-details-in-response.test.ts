import { describe, expect, it } from 'vitest';
import { findingsOf, ruleTester } from '../../helpers/rule-tester.js';

const EXPRESS = JSON.stringify({ name: 'api', dependencies: { express: '^4.21.1' } });
const NEXT = JSON.stringify({ name: 'web', dependencies: { next: '^14.2.0', react: '^18.3.0' } });
const express = (code: string) => ({ 'package.json': EXPRESS, 'server/app.js': code });

ruleTester('error-details-in-response', {
  valid: [
    {
      name: 'the message only: as a member, in a template, through String() and behind instanceof',
      files: express("const app = require('express')();\napp.get('/a', async (req, res) => {\n  try { await work(); } catch (err) {\n    res.status(500).json({ error: err.message });\n    res.status(500).send(`Failed: ${err}`);\n    res.status(500).json({ error: String(err), detail: err instanceof Error ? err.message : err });\n  }\n});\n"),
    },
    {
      name: 'the stack logged, and sent only in development',
      files: express("module.exports = (err, req, res, next) => {\n  console.error(err.stack);\n  res.status(err.status || 500).json({\n    message: err.message,\n    ...(process.env.NODE_ENV === 'development' && { stack: err.stack }),\n  });\n  if (process.env.NODE_ENV !== 'production') res.json({ err });\n};\n"),
    },
    {
      name: 'a local of the same name that is no caught error, and a value that is not an error',
      files: express("const app = require('express')();\napp.post('/validate', (req, res) => {\n  const error = validate(req.body);\n  if (error) return res.status(400).json({ error });\n  const result = { ok: true };\n  res.json(result);\n});\napp.get('/b', (req, res) => getThing((e, thing) => res.json(thing)));\n"),
    },
    {
      name: "Fastify's reply.send(err), which its error serializer cuts to status, name and message",
      files: { 'package.json': JSON.stringify({ name: 'api', dependencies: { fastify: '^4.28.0' } }), 'src/main.js': "const fastify = require('fastify')();\nfastify.setErrorHandler((error, request, reply) => {\n  request.log.error(error);\n  reply.code(error.statusCode || 500).send(error);\n});\nmodule.exports = fastify;\n" },
    },
    {
      name: "a generic message from Hono's onError",
      files: { 'package.json': JSON.stringify({ name: 'w', dependencies: { hono: '^4.6.0' } }), 'src/index.ts': "import { Hono } from 'hono';\nconst app = new Hono();\napp.onError((err, c) => {\n  console.error(err);\n  return c.json({ error: 'Internal Server Error' }, 500);\n});\nexport default app;\n" },
    },
  ],
  invalid: [
    {
      name: 'an Express error handler that sends the stack, and a catch that sends the error whole',
      files: express("const app = require('express')();\napp.get('/users', async (req, res) => {\n  try { res.json(await db.query('select * from users')); } catch (error) {\n    res.status(500).json({ message: 'Failed', error });\n  }\n});\napp.get('/x', (req, res) => fetchX().catch((err) => res.status(500).send(err)));\napp.use((err, req, res, next) => {\n  res.status(500).json({ error: err.message, stack: err.stack });\n});\n"),
      errors: [
        { messageId: 'wholeError', line: 4 },
        { messageId: 'wholeError', line: 7 },
        { messageId: 'stack', line: 9 },
      ],
    },
    {
      name: 'a Next.js route handler and an edge response',
      files: {
        'package.json': NEXT,
        'app/api/login/route.ts': "import { NextResponse } from 'next/server';\nexport async function POST(req: Request) {\n  try {\n    return NextResponse.json(await login(await req.json()));\n  } catch (error) {\n    return NextResponse.json({ error }, { status: 500 });\n  }\n}\nexport async function GET() {\n  try { return Response.json(await list()); } catch (e) { return new Response(JSON.stringify(e), { status: 500 }); }\n}\n",
      },
      errors: [
        { messageId: 'wholeError', line: 6 },
        { messageId: 'wholeError', line: 10 },
      ],
    },
  ],
});

describe('error-details-in-response messages', () => {
  it('name the error variable', async () => {
    const [f] = await findingsOf('error-details-in-response', { files: express("module.exports = (err, req, res, next) => res.status(500).send({ trace: err.stack });\n") });
    expect(f.message).toContain('sends the stack trace of `err`');
    expect(f.severity).toBe('low');
  });
});
