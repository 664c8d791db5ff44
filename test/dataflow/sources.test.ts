import { describe, expect, it } from 'vitest';
import { flowStrings } from '../helpers/dataflow.js';

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'app', dependencies: deps });

describe('untrusted sources by framework', () => {
  it.each([
    ['Express route', { 'package.json': pkg({ express: '4' }), 'server/app.js': `const app = require('express')();\napp.post('/a', (req, res) => { db.query('SELECT ' + req.body.a); });\n` }, 'req.body.a'],
    ['Express controller by convention', { 'package.json': pkg({ express: '4' }), 'server/controllers/users.ts': `import type { Request, Response } from 'express';\nexport async function list(req: Request, res: Response) {\n  await db.query('SELECT ' + req.query.sort);\n}\n` }, 'req.query.sort'],
    ['Koa context', { 'package.json': pkg({ koa: '2', '@koa/router': '12' }), 'server/app.ts': `import Router from '@koa/router';\nconst router = new Router();\nrouter.get('/a', async (ctx) => { await db.query('SELECT ' + ctx.request.body.a); });\n` }, 'ctx.request.body.a'],
    ['Oak context, the body read with the old API', { 'deno.json': JSON.stringify({ imports: { '@oak/oak': 'jsr:@oak/oak@^12' } }), 'server.ts': `import { Router } from '@oak/oak';\nconst router = new Router();\nrouter.post('/a', async (ctx) => { const body = await ctx.request.body({ type: 'json' }).value; await client.queryObject('SELECT ' + body.a); });\n` }, 'ctx.request.body()'],
    ['Fresh handler methods and their context', { 'deno.json': JSON.stringify({ imports: { '$fresh/': 'https://deno.land/x/fresh@1.6.8/' } }), 'routes/api/notes/[id].ts': `import { Handlers } from '$fresh/server.ts';\nexport const handler: Handlers = {\n  async DELETE(_req, ctx) { await client.queryObject('DELETE FROM notes WHERE id = ' + ctx.params.id); return new Response(null); },\n};\n` }, 'ctx.params.id'],
    ['Fresh 2 handlers made by define.handlers', { 'deno.json': JSON.stringify({ imports: { fresh: 'jsr:@fresh/core@^2' } }), 'routes/api/notes.ts': `import { define } from '../../utils.ts';\nexport const handler = define.handlers({\n  async GET(ctx) { await client.queryObject('SELECT * FROM notes WHERE tag = ' + ctx.url.searchParams.get('tag')); return new Response(null); },\n});\n` }, 'ctx.url.searchParams'],
    ['Hono context', { 'package.json': pkg({ hono: '4' }), 'src/index.ts': `import { Hono } from 'hono';\nconst app = new Hono();\napp.get('/a', async (c) => { await db.query('SELECT ' + c.req.query('a')); return c.text('ok'); });\n` }, "c.req.query()"],
    ['Fastify request', { 'package.json': pkg({ fastify: '4' }), 'server/app.ts': `import Fastify from 'fastify';\nconst app = Fastify();\napp.post('/a', async (request, reply) => { await db.query('SELECT ' + request.body.a); });\n` }, 'request.body.a'],
    ['Next.js route handler params', { 'package.json': pkg({ next: '14' }), 'app/api/items/[id]/route.ts': `export async function DELETE(_req: Request, { params }: { params: { id: string } }) {\n  await db.query('DELETE FROM items WHERE id = ' + params.id);\n}\n` }, 'params'],
    ['Next.js pages API', { 'package.json': pkg({ next: '14' }), 'pages/api/search.ts': `export default async function handler(req, res) {\n  res.json(await db.query(\`SELECT * FROM t WHERE q = '\${req.query.q}'\`));\n}\n` }, 'req.query.q'],
    ['Next.js server action', { 'package.json': pkg({ next: '14' }), 'app/actions.ts': `'use server';\nexport async function save(formData: FormData) {\n  await db.query('INSERT INTO t VALUES (' + formData.get('v') + ')');\n}\n` }, 'server action argument formData'],
    ['NestJS decorators', { 'package.json': pkg({ '@nestjs/core': '10' }), 'src/users.controller.ts': `import { Controller, Get, Query } from '@nestjs/common';\n@Controller('users')\nexport class UsersController {\n  @Get()\n  find(@Query('q') q: string) {\n    return this.db.query('SELECT * FROM users WHERE name = ' + q);\n  }\n}\n` }, '@Query() q'],
    ['Parse Cloud function', { 'package.json': pkg({ 'parse-server': '7' }), 'cloud/main.js': `Parse.Cloud.define('search', async (request) => {\n  return db.query('SELECT ' + request.params.q);\n});\n` }, 'request.params.q'],
    ['Supabase edge function', { 'supabase/functions/hello/index.ts': `Deno.serve(async (req) => {\n  const { name } = await req.json();\n  await sql.unsafe('SELECT ' + name);\n  return new Response('ok');\n});\n` }, 'req.json()'],
    ['Firebase HTTPS function', { 'package.json': pkg({ 'firebase-functions': '5' }), 'functions/src/index.ts': `import * as functions from 'firebase-functions';\nexport const api = functions.https.onRequest(async (req, res) => {\n  await db.query('SELECT ' + req.query.q);\n});\n` }, 'req.query.q'],
    ['WebSocket message', { 'package.json': pkg({ ws: '8' }), 'server/ws.ts': `wss.on('connection', (ws) => {\n  ws.on('message', async (data) => { await db.query('SELECT ' + data); });\n});\n` }, 'data'],
    ['tRPC input', { 'package.json': pkg({ '@trpc/server': '10' }), 'server/router.ts': `export const r = t.router({\n  find: publicProcedure.input(z.object({ q: z.string() })).query(({ input }) => db.query('SELECT ' + input.q)),\n});\n` }, 'input'],
  ])('%s', async (_name, files, label) => {
    const flows = await flowStrings(files as Record<string, string>);
    expect(flows.map((f) => f.split(' -> ')[0].replace(/^\w+: /, ''))).toEqual([label]);
  });

  it('LLM output is a source for SQL, code and HTML sinks but not for URLs', async () => {
    const flows = await flowStrings({
      'package.json': pkg({ express: '4', openai: '4' }),
      'server/agent.ts': [
        `import OpenAI from 'openai';`,
        `const openai = new OpenAI();`,
        `export async function agent(prompt: string) {`,
        `  const completion = await openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: prompt }] });`,
        `  const answer = completion.choices[0].message.content ?? '';`,
        `  await db.query(answer);`,
        `  eval(answer);`,
        `  await fetch(answer);`,
        `}`,
      ].join('\n'),
    });
    expect(flows.map((f) => f.split(':')[0]).sort()).toEqual(['code', 'sql']);
  });

  it('the page URL is a source only for browser sinks', async () => {
    const flows = await flowStrings({
      'package.json': pkg({ react: '18', vite: '5' }),
      'src/Page.tsx': `export function Page() {\n  const q = new URLSearchParams(location.search).get('q') ?? '';\n  fetch('/api?x=' + q);\n  db.query('SELECT ' + q);\n  document.body.innerHTML = q;\n  return null;\n}\n`,
    });
    expect(flows).toEqual(['xss: location.search -> innerHTML @src/Page.tsx:5']);
  });

  it('a request object that is not input is not a source: req.user, req.session, res.locals', async () => {
    const flows = await flowStrings({
      'package.json': pkg({ express: '4' }),
      'server/app.ts': `import express from 'express';\nconst app = express();\napp.get('/me', async (req, res) => {\n  await db.query('SELECT ' + req.user.id + req.session.org + res.locals.x + req.method);\n});\n`,
    });
    expect(flows).toEqual([]);
  });
});
