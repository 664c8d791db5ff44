import { describe, expect, it } from 'vitest';
import { findingsOf, ruleTester } from '../../helpers/rule-tester.js';

const KIT = JSON.stringify({ name: 'app', dependencies: { '@sveltejs/kit': '^2.5.0', pocketbase: '^0.21.0' } });
const EXPRESS = JSON.stringify({ name: 'api', dependencies: { express: '^4.19.2', pocketbase: '^0.21.0' } });
const SHARED = `import PocketBase from 'pocketbase';\nconst pb = new PocketBase(process.env.PB_URL);\nexport default pb;\n`;

ruleTester('pocketbase-shared-client-auth', {
  valid: [
    {
      name: 'a client made for each request in the SvelteKit hook',
      files: {
        'package.json': KIT,
        'src/hooks.server.ts': `import PocketBase from 'pocketbase';\nexport const handle = async ({ event, resolve }) => {\n  event.locals.pb = new PocketBase(process.env.PB_URL);\n  event.locals.pb.authStore.loadFromCookie(event.request.headers.get('cookie') || '');\n  return resolve(event);\n};\n`,
      },
    },
    {
      name: 'a client made by a helper for each call, and one passed in as a parameter',
      files: {
        'package.json': EXPRESS,
        'server/pb.js': `import PocketBase from 'pocketbase';\nexport function createClient(req) {\n  const pb = new PocketBase(process.env.PB_URL);\n  pb.authStore.loadFromCookie(req.headers.cookie || '');\n  return pb;\n}\nexport function load(req, pb) {\n  pb.authStore.loadFromCookie(req.headers.authorization);\n}\n`,
      },
    },
    {
      name: 'a seed script signs its module client in once, outside any request',
      files: {
        'package.json': EXPRESS,
        'scripts/seed.js': `import PocketBase from 'pocketbase';\nconst pb = new PocketBase('http://127.0.0.1:8090');\nasync function main() {\n  await pb.admins.authWithPassword(process.env.PB_ADMIN, process.env.PB_PASSWORD);\n  await pb.collection('posts').create({ title: 'Hello' });\n}\nmain();\n`,
      },
    },
    {
      name: 'browser code signs in its page-wide client',
      files: {
        'package.json': JSON.stringify({ name: 'web', dependencies: { react: '^18.3.1', vite: '^5.4.0', pocketbase: '^0.21.0' } }),
        'src/lib/pb.ts': SHARED,
        'src/pages/Login.tsx': `import pb from '../lib/pb';\nexport function Login() {\n  const submit = async (event) => {\n    await pb.collection('users').authWithPassword(event.target.email.value, event.target.password.value);\n  };\n  return <form onSubmit={submit} />;\n}\n`,
      },
    },
  ],
  invalid: [
    {
      name: "a SvelteKit hook loads each visitor's cookie into the client $lib exports",
      files: {
        'package.json': KIT,
        'src/lib/pocketbase.ts': SHARED,
        'src/hooks.server.ts': `import pb from '$lib/pocketbase';\nexport const handle = async ({ event, resolve }) => {\n  pb.authStore.loadFromCookie(event.request.headers.get('cookie') || '');\n  event.locals.pb = pb;\n  return resolve(event);\n};\n`,
      },
      errors: [{ messageId: 'sharedSession', line: 3, file: 'src/hooks.server.ts' }],
    },
    {
      name: 'Express middleware signs the shared client in as the superuser, and a login route signs it in as the user',
      files: {
        'package.json': EXPRESS,
        'config/database.js': SHARED,
        'middlewares/firebase_auth.js': `import pb from '../config/database.js';\nexport const firebaseAuth = async (req, res, next) => {\n  await pb.collection('_superusers').authWithPassword(process.env.PB_ADMIN_EMAIL, process.env.PB_ADMIN_PASSWORD);\n  next();\n};\n`,
        'routes/auth.js': `import express from 'express';\nimport PocketBase from 'pocketbase';\nconst pb = new PocketBase(process.env.PB_URL);\nconst router = express.Router();\nrouter.post('/login', async (req, res) => {\n  const auth = await pb.collection('users').authWithPassword(req.body.email, req.body.password);\n  res.json(auth);\n});\nexport default router;\n`,
      },
      errors: [
        { messageId: 'sharedSuperuser', line: 3, file: 'middlewares/firebase_auth.js', severity: 'critical' },
        { messageId: 'sharedSession', line: 6, file: 'routes/auth.js', severity: 'high' },
      ],
    },
    {
      name: 'a Next.js route handler and a server action save tokens into module-level clients',
      files: {
        'package.json': JSON.stringify({ name: 'web', dependencies: { next: '14.2.0', pocketbase: '^0.21.0' } }),
        'src/app/api/roles/route.ts': `import PocketBase from 'pocketbase';\nconst pb = new PocketBase(process.env.NEXT_PUBLIC_POCKETBASE);\nexport async function GET(request: Request) {\n  pb.authStore.save(request.headers.get('auth') ?? '', null);\n  return Response.json(await pb.collection('roles').getFullList());\n}\n`,
        'src/app/actions/session.ts': `'use server';\nimport pb from '@/lib/pb';\nexport async function restore(token: string) {\n  pb.authStore.save(token, null);\n}\n`,
      },
      errors: [
        { messageId: 'sharedSession', line: 4, file: 'src/app/actions/session.ts' },
        { messageId: 'sharedSession', line: 4, file: 'src/app/api/roles/route.ts' },
      ],
    },
  ],
});

describe('pocketbase-shared-client-auth messages', () => {
  it('says whether the handler loads a session into the shared client or signs it in', async () => {
    const found = await findingsOf('pocketbase-shared-client-auth', {
      files: {
        'package.json': EXPRESS,
        'server/pb.js': SHARED,
        'server/routes.js': `import pb from './pb.js';\nexport async function login(req, res) {\n  res.json(await pb.collection('users').authWithPassword(req.body.email, req.body.password));\n}\nexport function session(req, res, next) {\n  pb.authStore.loadFromCookie(req.headers.cookie || '');\n  next();\n}\n`,
      },
    });
    expect(found.map((f) => f.message)).toEqual([
      expect.stringMatching(/^`pb` is one PocketBase client for the whole server \(imported from `\.\/pb\.js`\), and this signs it in as the caller for each request/),
      expect.stringMatching(/and this loads a caller's session into it for each request/),
    ]);
  });
});
