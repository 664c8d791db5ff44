import { describe, expect, it } from 'vitest';
import { findingsOf } from '../helpers/rule-tester.js';
import { pkg, routesOf, summaryOf } from './helpers.js';

describe('servers Bun and Deno start in code', () => {
  it("lists Bun.serve's routes by path and method, and a fetch handler as one entry for every path", async () => {
    const summary = await summaryOf({
      'package.json': pkg({ postgres: '3.4.4' }),
      'src/index.ts': [
        `import { serve } from 'bun';`,
        `import postgres from 'postgres';`,
        `const sql = postgres(process.env.DATABASE_URL!);`,
        `serve({`,
        `  routes: {`,
        `    '/health': () => new Response('ok'),`,
        `    '/files/:id': {`,
        `      GET: async (req) => Response.json(await sql\`SELECT * FROM files WHERE id = \${req.params.id}\`),`,
        `      DELETE: async (req) => { await sql\`DELETE FROM files WHERE id = \${req.params.id}\`; return new Response(null, { status: 204 }); },`,
        `    },`,
        `    '/static': new Response('static'),`,
        `  },`,
        `  fetch: () => new Response('not found', { status: 404 }),`,
        `});`,
      ].join('\n'),
      'worker/server.ts': `Bun.serve({ port: 3001, async fetch(req) {\n  const url = new URL(req.url);\n  if (req.method === 'POST' && url.pathname === '/jobs') return new Response('queued');\n  return new Response('no', { status: 404 });\n} });\n`,
      'deno/main.ts': `Deno.serve({ port: 8000 }, async (request) => new Response(await Deno.readTextFile('./index.html')));\n`,
      // Supabase's edge functions are that platform's entries, read elsewhere.
      'supabase/functions/hello/index.ts': `Deno.serve(async (req) => new Response('hi'));\n`,
    });
    expect(summary).toEqual([
      'ANY /* none',
      'ANY /* none',
      'ANY /functions/v1/hello none',
      'ANY /health none public',
      'DELETE /files/:id none',
      'GET /files/:id none',
      'POST /* none',
    ]);
  });

  it('reports an open Bun route that deletes through a tagged SQL statement, and an insert whose role the body sets', async () => {
    const files = {
      'package.json': pkg({ '@neondatabase/serverless': '0.10.4' }),
      'src/index.ts': [
        `import { neon } from '@neondatabase/serverless';`,
        `const sql = neon(process.env.DATABASE_URL!);`,
        `Bun.serve({`,
        `  routes: {`,
        `    '/files/:id': { DELETE: async (req) => { await sql\`DELETE FROM files WHERE id = \${req.params.id}\`; return new Response(null, { status: 204 }); } },`,
        `    '/connect': { POST: async (req) => { const { wallet, role } = await req.json(); await sql\`INSERT INTO accounts (wallet, role) VALUES (\${wallet}, \${role})\`; return new Response(null, { status: 201 }); } },`,
        `  },`,
        `});`,
      ].join('\n'),
    };
    const routes = await routesOf(files);
    expect(routes.find((r) => r.path === '/connect')?.touches.map((t) => `${t.kind}:${t.target}:${t.roleWrite}`)).toEqual(['write:accounts:true']);
    expect((await findingsOf('route-without-auth', { files })).map((f) => `${f.range.startLine} ${f.messageId}`)).toEqual(['5 writes', '6 writesUserData']);
  });

  it('a Bun route that turns away callers without a session is not open', async () => {
    const files = {
      'package.json': pkg({ '@neondatabase/serverless': '0.10.4', jose: '5.9.6' }),
      'src/index.ts': [
        `import { neon } from '@neondatabase/serverless';`,
        `import { jwtVerify } from 'jose';`,
        `const sql = neon(process.env.DATABASE_URL!);`,
        `const key = new TextEncoder().encode(process.env.JWT_SECRET!);`,
        `Bun.serve({`,
        `  routes: {`,
        `    '/files/:id': { DELETE: async (req) => {`,
        `      const token = req.headers.get('authorization')?.slice(7);`,
        `      if (!token) return new Response('Unauthorized', { status: 401 });`,
        `      const { payload } = await jwtVerify(token, key);`,
        `      await sql\`DELETE FROM files WHERE id = \${req.params.id} AND owner = \${payload.sub}\`;`,
        `      return new Response(null, { status: 204 });`,
        `    } },`,
        `  },`,
        `});`,
      ].join('\n'),
    };
    expect(await summaryOf(files)).toEqual(['DELETE /files/:id required']);
    expect(await findingsOf('route-without-auth', { files })).toEqual([]);
  });
});
