import { describe, expect, it } from 'vitest';
import { flowStrings } from '../helpers/dataflow.js';
import { pkg, routesOf, summaryOf } from './helpers.js';

const ASTRO = pkg({ astro: '4.15.0', '@prisma/client': '5.20.0' });
const ENDPOINT = [
  `import type { APIRoute } from 'astro';`,
  `export const DELETE: APIRoute = async ({ params }) => {`,
  `  await prisma.note.delete({ where: { id: params.id } });`,
  `  return new Response(null, { status: 204 });`,
  `};`,
  `export async function GET({ params, locals }) {`,
  `  if (!locals.user) return new Response('Unauthorized', { status: 401 });`,
  `  return Response.json(await prisma.note.findUnique({ where: { id: params.id } }));`,
  `}`,
  // Astro 2's names.
  `export const post = async ({ request }) => Response.json(await prisma.note.create({ data: await request.json() }));`,
].join('\n');

describe('Astro endpoints', () => {
  it('lists the handlers of src/pages endpoints at their URLs, with their own checks', async () => {
    const routes = await summaryOf({ 'package.json': ASTRO, 'src/pages/api/notes/[id].ts': ENDPOINT, 'src/pages/rss.xml.ts': `export const GET = () => new Response('<rss/>');\n` });
    expect(routes).toEqual(['DELETE /api/notes/:id none', 'GET /api/notes/:id required', 'GET /rss.xml none public', 'POST /api/notes/:id none']);
  });

  it("takes the middleware's check for the paths it tests, alone, in defineMiddleware or in sequence()", async () => {
    const middleware = (body: string) => ({ 'package.json': ASTRO, 'src/pages/api/notes/[id].ts': ENDPOINT, 'src/middleware.ts': body });
    const guard = `async (context, next) => {\n  if (context.url.pathname.startsWith('/api/') && !context.locals.user) return new Response('Unauthorized', { status: 401 });\n  return next();\n}`;
    const wrapped = await routesOf(middleware(`import { defineMiddleware } from 'astro:middleware';\nexport const onRequest = defineMiddleware(${guard});\n`));
    expect(wrapped.map((r) => `${r.method} ${r.auth}`).sort()).toEqual(['DELETE required', 'GET required', 'POST required']);
    expect(wrapped.find((r) => r.method === 'DELETE')?.evidence).toMatch(/^Astro middleware: /);
    const chained = await summaryOf(middleware(`import { sequence, defineMiddleware } from 'astro:middleware';\nconst log = defineMiddleware((context, next) => next());\nconst auth = defineMiddleware(${guard});\nexport const onRequest = sequence(log, auth);\n`));
    expect(chained).toEqual(['DELETE /api/notes/:id required', 'GET /api/notes/:id required', 'POST /api/notes/:id required']);
    // Limited to /dashboard: the API is not covered.
    const scoped = await summaryOf(middleware(`export function onRequest(context, next) {\n  if (context.url.pathname.startsWith('/dashboard') && !context.locals.user) return context.redirect('/login');\n  return next();\n}\n`));
    expect(scoped).toEqual(['DELETE /api/notes/:id none', 'GET /api/notes/:id required', 'POST /api/notes/:id none']);
  });

  it("data flow: an endpoint's context is the request", async () => {
    const flows = await flowStrings({ 'package.json': ASTRO, 'src/pages/api/go.ts': `export const GET = ({ url, redirect }) => redirect(url.searchParams.get('next'));\nexport const POST = async ({ request }) => { const { cmd } = await request.json(); require('child_process').exec(cmd); return new Response(); };\n` });
    expect(flows.some((f) => f.startsWith('command: ') && f.endsWith('@src/pages/api/go.ts:2'))).toBe(true);
  });
});
