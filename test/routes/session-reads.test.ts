import { describe, expect, it } from 'vitest';
import { pkg, routesOf } from './helpers.js';

const NEXT = pkg({ next: '15.0.3', '@supabase/supabase-js': '2.45.4', '@prisma/client': '5.22.0' });
const route = (name: string, body: string[]) => ({
  [`app/api/${name}/route.ts`]: [`export async function POST(req: Request) {`, ...body.map((l) => `  ${l}`), `  return Response.json({ ok: true });`, `}`].join('\n'),
});

describe('a read of the session, and what turns a visitor away after it', () => {
  it('counts a test of what the read answered, a 401 or 403, or a redirect to sign in; not a 404 or a validation error', async () => {
    const routes = await routesOf({
      'package.json': NEXT,
      // Supabase answers an error when there is no session.
      ...route('supabase-error', [`const { data, error } = await supabase.auth.getUser();`, `if (error) throw error;`, `await prisma.note.create({ data: { userId: data.user.id } });`]),
      ...route('status-401', [`const session = await getSession();`, `const ok = session?.expires;`, `if (!ok) return new Response('Sign in', { status: 401 });`, `await prisma.note.create({ data: {} });`]),
      ...route('redirect-login', [`const session = await getSession();`, `if (!session?.expires) redirect('/login');`, `await prisma.note.create({ data: {} });`]),
      // The session is read for a greeting; the 404 is about the note.
      ...route('not-found', [`const session = await getSession();`, `const note = await prisma.note.findUnique({ where: { id: 'x' } });`, `if (!note) throw new Error('Not found');`, `await prisma.note.update({ where: { id: 'x' }, data: { seenBy: session?.expires } });`]),
      ...route('redirect-home', [`const session = await getSession();`, `await prisma.note.create({ data: { by: session?.expires } });`, `redirect('/notes');`]),
    });
    expect(routes.map((r) => `${r.path} ${r.auth}`).sort()).toEqual([
      '/api/not-found unknown', '/api/redirect-home unknown', '/api/redirect-login required', '/api/status-401 required', '/api/supabase-error required',
    ]);
  });

  it('takes a role test answered by a 403 Response as a role check', async () => {
    const routes = await routesOf({
      'package.json': NEXT,
      ...route('admin/users', [`const { sessionClaims } = await auth();`, `if (sessionClaims?.metadata?.role !== 'admin') return new Response('Admins only', { status: 403 });`, `await prisma.user.deleteMany({});`]),
    });
    expect(routes.map((r) => `${r.auth} ${r.roleCheck ? 'role' : 'no role'}`)).toEqual(['required role']);
  });

  it("takes a helper's null answer taken apart at once as a check (it throws), not one kept and read with `?.`", async () => {
    const helperRoute = (name: string, body: string[]) => ({
      [`app/api/${name}/route.ts`]: [`import { getCurrentUser } from '@/lib/session';`, `export async function POST(req: Request) {`, ...body.map((l) => `  ${l}`), `  return Response.json({ ok: true });`, `}`].join('\n'),
    });
    const routes = await routesOf({
      'package.json': NEXT,
      'lib/session.ts': [`import { getServerSession } from 'next-auth';`, `export async function getCurrentUser() {`, `  const session = await getServerSession();`, `  if (!session?.user) return null;`, `  return session.user;`, `}`].join('\n'),
      ...helperRoute('destructured', [`const { id } = await getCurrentUser();`, `await prisma.note.create({ data: { userId: id } });`]),
      ...helperRoute('member', [`const id = (await getCurrentUser()).id;`, `await prisma.note.create({ data: { userId: id } });`]),
      ...helperRoute('optional', [`const user = await getCurrentUser();`, `await prisma.note.create({ data: { userId: user?.id } });`]),
    });
    expect(routes.map((r) => `${r.path} ${r.auth}`).sort()).toEqual(['/api/destructured required', '/api/member required', '/api/optional unknown']);
  });
});
