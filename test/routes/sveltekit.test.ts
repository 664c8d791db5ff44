import { describe, expect, it } from 'vitest';
import { pkg, routesOf, summaryOf } from './helpers.js';

const KIT = pkg({ '@sveltejs/kit': '2.5.0', svelte: '4.2.0', 'drizzle-orm': '0.33.0' });

describe('SvelteKit route inventory', () => {
  it("reads endpoints' method handlers and form actions, with their own sign-in checks", async () => {
    const routes = await summaryOf({
      'package.json': KIT,
      'src/routes/api/todos/[id]/+server.ts': [
        `import { json, error } from '@sveltejs/kit';`,
        `import { db } from '$lib/server/db';`,
        `export async function GET({ params }) {`,
        `  return json(await db.query.todos.findFirst({ where: (t, { eq }) => eq(t.id, params.id) }));`,
        `}`,
        `export const DELETE = async ({ params, locals }) => {`,
        `  if (!locals.user) error(401, 'Sign in');`,
        `  await db.delete(todos).where(eq(todos.id, params.id));`,
        `  return new Response(null, { status: 204 });`,
        `};`,
      ].join('\n'),
      'src/routes/(app)/todos/+page.server.ts': [
        `import { fail } from '@sveltejs/kit';`,
        `import type { Actions } from './$types';`,
        `export const actions = {`,
        `  default: async ({ request, locals }) => {`,
        `    if (!locals.user) return fail(401, { message: 'Sign in' });`,
        `    const data = await request.formData();`,
        `    await db.insert(todos).values({ title: String(data.get('title')), userId: locals.user.id });`,
        `  },`,
        `  remove: async ({ request }) => {`,
        `    const data = await request.formData();`,
        `    await db.delete(todos).where(eq(todos.id, String(data.get('id'))));`,
        `  },`,
        `} satisfies Actions;`,
      ].join('\n'),
      // A layout's load does not run for form actions or endpoints: it protects neither.
      'src/routes/(app)/+layout.server.ts': `import { redirect } from '@sveltejs/kit';\nexport const load = async ({ locals }) => {\n  if (!locals.user) redirect(303, '/login');\n  return { user: locals.user };\n};\n`,
    });
    expect(routes).toEqual(['DELETE /api/todos/:id required', 'GET /api/todos/:id none', 'POST /todos required', 'POST /todos?/remove none']);
  });

  it("takes the handle hook's check for the paths it tests, and hooks chained with sequence()", async () => {
    const files = (hooks: string) => ({
      'package.json': KIT,
      'src/hooks.server.ts': hooks,
      'src/routes/admin/users/+server.ts': `export async function POST({ request }) {\n  await db.insert(users).values(await request.json());\n  return new Response('ok');\n}\n`,
      'src/routes/api/feedback/+server.ts': `export async function POST({ request }) {\n  await db.insert(feedback).values(await request.json());\n  return new Response('ok');\n}\n`,
    });
    const scoped = await routesOf(
      files(`import { redirect, type Handle } from '@sveltejs/kit';\nexport const handle: Handle = async ({ event, resolve }) => {\n  event.locals.user = await getUser(event.cookies.get('session'));\n  if (event.url.pathname.startsWith('/admin') && !event.locals.user) redirect(303, '/login');\n  return resolve(event);\n};\n`),
    );
    expect(scoped.map((r) => `${r.method} ${r.path} ${r.auth}`).sort()).toEqual(['POST /admin/users required', 'POST /api/feedback none']);
    expect(scoped.find((r) => r.path === '/admin/users')?.evidence).toMatch(/SvelteKit `handle` hook/);
    const chained = await summaryOf(
      files(`import { sequence } from '@sveltejs/kit/hooks';\nimport { error } from '@sveltejs/kit';\nasync function authenticate({ event, resolve }) {\n  event.locals.user = await getUser(event.cookies.get('session'));\n  return resolve(event);\n}\nasync function guard({ event, resolve }) {\n  if (!event.locals.user) error(401, 'Sign in');\n  return resolve(event);\n}\nexport const handle = sequence(authenticate, guard);\n`),
    );
    expect(chained).toEqual(['POST /admin/users required', 'POST /api/feedback required']);
  });
});
