import { describe, expect, it } from 'vitest';
import { parseRouteConfig, remixPath } from '../../src/routes/remix.js';
import { flowStrings } from '../helpers/dataflow.js';
import { findingsOf } from '../helpers/rule-tester.js';
import { pkg, summaryOf } from './helpers.js';

const REMIX = pkg({ '@remix-run/node': '2.12.0', '@remix-run/react': '2.12.0', '@prisma/client': '5.20.0' });

describe('Remix and React Router route modules', () => {
  it('turns file names into URLs', () => {
    expect(remixPath('_index')).toBe('/');
    expect(remixPath('notes.$noteId')).toBe('/notes/:noteId');
    expect(remixPath('notes._index')).toBe('/notes');
    expect(remixPath('_auth.login')).toBe('/login');
    expect(remixPath('notes_.$id.edit')).toBe('/notes/:id/edit');
    expect(remixPath('files.$')).toBe('/files/*');
    expect(remixPath('($lang).about')).toBe('/:lang?/about');
    expect(remixPath('sitemap[.]xml')).toBe('/sitemap.xml');
    expect(remixPath('notes/$id')).toBe('/notes/:id');
    expect(remixPath('notes/index')).toBe('/notes');
  });

  it("reads React Router 7's app/routes.ts: route, index, layout and prefix, nested", () => {
    const config = [
      `import { type RouteConfig, index, layout, prefix, route } from '@react-router/dev/routes';`,
      `export default [`,
      `  index('routes/home.tsx'),`,
      `  route('notes/:id', 'routes/note.tsx', { id: 'note' }),`,
      `  layout('routes/auth-layout.tsx', [route('login', 'routes/login.tsx')]),`,
      `  ...prefix('api', [route('todos/:id', 'routes/api/todo.ts'), index('routes/api/index.ts')]),`,
      `  route('projects', 'routes/projects.tsx', [route(':pid/edit', 'routes/project-edit.tsx')]),`,
      `] satisfies RouteConfig;`,
    ].join('\n');
    expect(parseRouteConfig(config)).toEqual([
      ['app/routes/home.tsx', '/'],
      ['app/routes/note.tsx', '/notes/:id'],
      ['app/routes/login.tsx', '/login'],
      ['app/routes/auth-layout.tsx', '/'],
      ['app/routes/api/todo.ts', '/api/todos/:id'],
      ['app/routes/api/index.ts', '/api'],
      ['app/routes/project-edit.tsx', '/projects/:pid/edit'],
      ['app/routes/projects.tsx', '/projects'],
    ]);
  });

  it('takes the URL of a module the route config names', async () => {
    const routes = await summaryOf({
      'package.json': pkg({ 'react-router': '7.1.0', '@react-router/dev': '7.1.0' }),
      'app/routes.ts': `import { route } from '@react-router/dev/routes';\nexport default [route('notes/:id/destroy', 'routes/destroy-note.tsx')];\n`,
      'app/routes/destroy-note.tsx': `export async function action({ params }) {\n  await db.note.delete({ where: { id: params.id } });\n  return null;\n}\n`,
    });
    expect(routes).toEqual(['POST /notes/:id/destroy none']);
  });

  it("lists each module's loader (GET) and action (POST) with its own sign-in check; a parent layout's does not count", async () => {
    const routes = await summaryOf({
      'package.json': REMIX,
      'app/session.server.ts': `import { redirect } from '@remix-run/node';\nexport async function requireUserId(request) {\n  const userId = await getUserId(request);\n  if (!userId) throw redirect('/login');\n  return userId;\n}\n`,
      'app/routes/notes.tsx': `import { requireUserId } from '~/session.server';\nexport async function loader({ request }) {\n  await requireUserId(request);\n  return null;\n}\n`,
      'app/routes/notes.$noteId.tsx': [
        `import { json } from '@remix-run/node';`,
        `import { requireUserId } from '~/session.server';`,
        `export async function loader({ request, params }) {`,
        `  const userId = await requireUserId(request);`,
        `  return json(await prisma.note.findFirst({ where: { id: params.noteId, userId } }));`,
        `}`,
        `export const action = async ({ params }) => {`,
        `  await prisma.note.delete({ where: { id: params.noteId } });`,
        `  return null;`,
        `};`,
        `export default function Note() { return null; }`,
      ].join('\n'),
      // A page without a loader or action is no server entry point.
      'app/routes/about.tsx': `export default function About() { return null; }\n`,
    });
    expect(routes).toEqual(['GET /notes required', 'GET /notes/:noteId required', 'POST /notes/:noteId none']);
  });

  it("what an `if (user) { … }` wraps is done for signed-in visitors only; a session read that wraps nothing decides nothing", async () => {
    const routes = await summaryOf({
      'package.json': REMIX,
      'app/routes/items.tsx': `import { getUser } from '~/session.server';\nexport const action = async ({ request }) => {\n  const user = await getUser(request);\n  const { id } = await request.json();\n  if (user) {\n    await prisma.item.delete({ where: { id } });\n  }\n  return null;\n};\n`,
      'app/routes/list.tsx': `import { getUser } from '~/session.server';\nexport const loader = async ({ request }) => {\n  const user = await getUser(request);\n  if (user) console.log(user.id);\n  return prisma.item.findMany();\n};\n`,
    });
    expect(routes).toEqual(['GET /list unknown', 'POST /items required']);
  });

  it("a sign-in helper named for what it does counts when its module is not in the tree (a package's, or one not copied)", async () => {
    const routes = await summaryOf({
      'package.json': REMIX,
      'app/routes/customers.delete.$id.tsx': `import { requireAuthentication } from '@acme/auth';\nexport const action = async ({ request, params }) => {\n  await requireAuthentication(request);\n  await prisma.customer.delete({ where: { id: Number(params.id) } });\n  return null;\n};\n`,
      'app/routes/customers.archive.$id.tsx': `import { logRequest } from '@acme/log';\nexport const action = async ({ request, params }) => {\n  await logRequest(request);\n  await prisma.customer.update({ where: { id: Number(params.id) }, data: { archived: true } });\n  return null;\n};\n`,
    });
    expect(routes).toEqual(['POST /customers/archive/:id none', 'POST /customers/delete/:id required']);
  });

  it('route-without-auth, idor and data flow read loaders and actions', async () => {
    const files = {
      'package.json': REMIX,
      'prisma/schema.prisma': `model Note {\n  id String @id\n  body String\n  userId String\n}\n`,
      'app/session.server.ts': `import { redirect } from '@remix-run/node';\nexport async function requireUserId(request) {\n  const userId = await getUserId(request);\n  if (!userId) throw redirect('/login');\n  return userId;\n}\n`,
      'app/routes/notes.$noteId.edit.tsx': [
        `import { redirect } from '@remix-run/node';`,
        `import { requireUserId } from '~/session.server';`,
        `export async function action({ request, params }) {`,
        `  await requireUserId(request);`,
        `  const form = await request.formData();`,
        `  await prisma.note.update({ where: { id: params.noteId }, data: { body: String(form.get('body')) } });`,
        `  return redirect(String(form.get('redirectTo')));`,
        `}`,
      ].join('\n'),
      'app/routes/notes.new.tsx': `import { redirect } from '@remix-run/node';\nexport async function action({ request }) {\n  const form = await request.formData();\n  await prisma.note.create({ data: { body: String(form.get('body')), userId: String(form.get('userId')) } });\n  return redirect('/notes');\n}\n`,
    };
    expect((await findingsOf('idor', { files })).map((f) => `${f.file}:${f.range.startLine}`)).toEqual(['app/routes/notes.$noteId.edit.tsx:6']);
    expect((await findingsOf('route-without-auth', { files })).map((f) => `${f.file}:${f.range.startLine}`)).toEqual(['app/routes/notes.new.tsx:2']);
    // The redirect to a fixed page (`redirect('/notes')`) is no flow.
    expect((await flowStrings(files)).filter((f) => f.startsWith('redirect:'))).toEqual(['redirect: request.formData() -> redirect @app/routes/notes.$noteId.edit.tsx:7']);
  });
});
