import { ruleTester } from '../../helpers/rule-tester.js';
import { EXPO, EXPRESS, FAKE, NEXT, VITE, WORKSPACE_ROOT } from './projects.js';

ruleTester('supabase-service-role-in-client', {
  valid: [
    {
      name: 'Next.js route handler may use the service-role key and the admin API',
      files: {
        'package.json': NEXT,
        'app/api/users/route.ts': [
          "import { createClient } from '@supabase/supabase-js';",
          'const admin = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);',
          'export async function GET() { return Response.json(await admin.auth.admin.listUsers()); }',
        ].join('\n'),
      },
    },
    {
      name: 'Next.js server component (app/ without use client)',
      files: { 'package.json': NEXT, 'app/admin/page.tsx': 'const key = process.env.SUPABASE_SERVICE_ROLE_KEY;\nexport default function Page() { return null; }\n' },
    },
    {
      name: 'Next.js server actions file',
      files: { 'package.json': NEXT, 'lib/actions.ts': "'use server';\nexport async function del(id: string) { const k = process.env.SUPABASE_SERVICE_ROLE_KEY; }\n" },
    },
    {
      name: 'Vite client with the anon key',
      files: {
        'package.json': VITE,
        'src/lib/supabase.ts': "import { createClient } from '@supabase/supabase-js';\nexport const supabase = createClient(import.meta.env.VITE_SUPABASE_URL, import.meta.env.VITE_SUPABASE_ANON_KEY);\n",
      },
    },
    {
      name: 'Vite client with an anon JWT written in',
      files: {
        'package.json': VITE,
        'src/lib/supabase.ts': `import { createClient } from '@supabase/supabase-js';\nexport const supabase = createClient('https://qwertyuiopasdfghjklz.supabase.co', '${FAKE.anonJwt}');\n`,
      },
    },
    {
      name: 'Supabase Edge Function',
      files: {
        'package.json': VITE,
        'supabase/functions/delete-user/index.ts': [
          "import { createClient } from 'npm:@supabase/supabase-js@2';",
          "const admin = createClient(Deno.env.get('SUPABASE_URL')!, Deno.env.get('SUPABASE_SERVICE_ROLE_KEY')!);",
          'Deno.serve(async () => { await admin.auth.admin.deleteUser("x"); return new Response("ok"); });',
        ].join('\n'),
      },
    },
    {
      name: 'Next.js pages/ file: getServerSideProps and its helper run on the server',
      files: {
        'package.json': NEXT,
        'pages/admin.tsx': [
          "import { createClient } from '@supabase/supabase-js';",
          'function adminClient() {',
          '  return createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);',
          '}',
          'export async function getServerSideProps() {',
          '  const { data } = await adminClient().auth.admin.listUsers();',
          '  return { props: { count: data.users.length } };',
          '}',
          'export default function Admin({ count }: { count: number }) { return count; }',
        ].join('\n'),
      },
    },
    {
      name: 'server folder beside a Vite front end',
      files: { 'package.json': VITE, 'server/admin.ts': 'export const key = process.env.SUPABASE_SERVICE_ROLE_KEY;\n' },
    },
    {
      name: 'monorepo: the API package holds the key, the web package uses the anon key',
      files: {
        'package.json': WORKSPACE_ROOT,
        'packages/api/package.json': EXPRESS,
        'packages/api/src/supabase.ts': 'export const key = process.env.SUPABASE_SERVICE_ROLE_KEY;\n',
        'packages/web/package.json': VITE,
        'packages/web/src/supabase.ts': 'export const key = import.meta.env.VITE_SUPABASE_ANON_KEY;\n',
      },
    },
    {
      name: 'tests may read the key',
      files: { 'package.json': VITE, 'src/__tests__/admin.test.ts': 'const key = process.env.SUPABASE_SERVICE_ROLE_KEY;\n' },
    },
    {
      name: '.env files are not this rule (secret-in-public-env reports public names)',
      files: { 'package.json': VITE, '.env': 'VITE_SUPABASE_SERVICE_ROLE_KEY=your-service-role-key\nSUPABASE_SERVICE_ROLE_KEY=your-service-role-key\n' },
    },
    {
      name: 'a public-prefixed service-role read is left to secret-in-public-env',
      files: { 'package.json': VITE, 'src/lib/admin.ts': 'export const key = import.meta.env.VITE_SUPABASE_SERVICE_ROLE_KEY;\n' },
    },
    {
      name: "a file importing 'server-only'",
      files: { 'package.json': NEXT, 'components/admin-data.ts': "import 'server-only';\nexport const key = process.env.SUPABASE_SERVICE_ROLE_KEY;\n" },
    },
    {
      name: 'the words service_role in an ordinary string',
      files: { 'package.json': VITE, 'src/roles.ts': "export const roles = ['anon', 'authenticated', 'service_role'];\n" },
    },
    {
      name: 'a shared lib/ file in Next.js is not known to be client code',
      files: { 'package.json': NEXT, 'lib/supabase-admin.ts': 'export const key = process.env.SUPABASE_SERVICE_ROLE_KEY;\n' },
    },
    {
      name: 'createServerClient with the service-role key in a shared Next.js lib file',
      files: {
        'package.json': NEXT,
        'lib/supabase/server.ts': "import { createServerClient } from '@supabase/ssr';\nexport const admin = () => createServerClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!, { cookies: {} });\n",
      },
    },
    {
      name: 'createBrowserClient with the anon key in a shared file',
      files: {
        'package.json': NEXT,
        'lib/supabase/client.ts': "import { createBrowserClient } from '@supabase/ssr';\nexport const supabase = createBrowserClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!);\n",
      },
    },
  ],
  invalid: [
    {
      name: "Next.js 'use client' component",
      files: {
        'package.json': NEXT,
        'app/admin/page.tsx': [
          "'use client';",
          "import { createClient } from '@supabase/supabase-js';",
          'const admin = createClient(',
          '  process.env.NEXT_PUBLIC_SUPABASE_URL!,',
          '  process.env.SUPABASE_SERVICE_ROLE_KEY!,',
          ');',
        ].join('\n'),
      },
      errors: [{ messageId: 'serviceRoleEnv', line: 5 }],
    },
    {
      name: 'Vite app source reading SUPABASE_SERVICE_KEY',
      files: { 'package.json': VITE, 'src/lib/supabase.ts': "const url = import.meta.env.VITE_SUPABASE_URL;\nconst key = import.meta.env.SUPABASE_SERVICE_KEY;\n" },
      errors: [{ messageId: 'serviceRoleEnv', line: 2 }],
    },
    {
      name: 'service-role JWT written into a Vite client',
      files: {
        'package.json': VITE,
        'src/lib/supabase.ts': `import { createClient } from '@supabase/supabase-js';\nexport const supabase = createClient(\n  'https://qwertyuiopasdfghjklz.supabase.co',\n  '${FAKE.serviceRoleJwt}',\n);\n`,
      },
      errors: [{ messageId: 'serviceRoleLiteral', line: 4 }],
    },
    {
      name: 'new-style sb_secret_ key in a template literal',
      files: { 'package.json': VITE, 'src/config.ts': `export const SUPABASE_KEY = \`${FAKE.supabaseSecret}\`;\n` },
      errors: [{ messageId: 'serviceRoleLiteral', line: 1 }],
    },
    {
      name: 'auth admin API in a Vite page (reported once per file)',
      files: {
        'package.json': VITE,
        'src/pages/Admin.tsx': [
          "import { supabase } from '../lib/supabase';",
          'export async function load() {',
          '  const { data } = await supabase.auth.admin.listUsers();',
          '  await supabase.auth.admin.deleteUser(data.users[0].id);',
          '}',
        ].join('\n'),
      },
      errors: [{ messageId: 'adminApi', line: 3 }],
    },
    {
      name: 'Expo app lib/ (mobile bundle)',
      files: { 'package.json': EXPO, 'lib/supabase.ts': 'export const serviceKey = process.env.SUPABASE_SERVICE_ROLE_KEY;\n' },
      errors: [{ messageId: 'serviceRoleEnv', line: 1 }],
    },
    {
      name: 'Next.js pages/ component body (no server data function)',
      files: { 'package.json': NEXT, 'pages/users.tsx': 'export default function Users() {\n  const key = process.env.SUPABASE_SERVICE_ROLE_KEY;\n  return key;\n}\n' },
      errors: [{ messageId: 'serviceRoleEnv', line: 2 }],
    },
    {
      name: 'Next.js pages/ with getServerSideProps: the component itself still runs in the browser',
      files: {
        'package.json': NEXT,
        'pages/team.tsx': [
          'export async function getServerSideProps() { return { props: {} }; }',
          'export default function Team() {',
          '  const key = process.env.SUPABASE_SERVICE_ROLE_KEY;',
          '  return key;',
          '}',
        ].join('\n'),
      },
      errors: [{ messageId: 'serviceRoleEnv', line: 3 }],
    },
    {
      name: 'createClient given an imported service-role key',
      files: {
        'package.json': VITE,
        'src/lib/admin.ts': "import { createClient } from '@supabase/supabase-js';\nimport { supabaseUrl, supabaseServiceRoleKey } from './config';\nexport const admin = createClient(supabaseUrl, supabaseServiceRoleKey);\n",
      },
      errors: [{ messageId: 'serviceRoleArgument', line: 3 }],
    },
    {
      name: 'destructured from process.env in a CRA-style client',
      files: { 'package.json': VITE, 'src/App.tsx': 'const { SUPABASE_SERVICE_ROLE_KEY } = process.env;\nexport default function App() { return null; }\n' },
      errors: [{ messageId: 'serviceRoleEnv', line: 1 }],
    },
    {
      name: 'createBrowserClient given the service-role key in a shared Next.js lib file',
      files: {
        'package.json': NEXT,
        'lib/supabase/client.ts': "import { createBrowserClient } from '@supabase/ssr';\nconst key = process.env.SUPABASE_SERVICE_ROLE_KEY!;\nexport const supabase = createBrowserClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, key);\n",
      },
      errors: [{ messageId: 'serviceRoleEnv', line: 3 }],
    },
    {
      name: 'monorepo: only the web package is flagged',
      files: {
        'package.json': WORKSPACE_ROOT,
        'packages/api/package.json': EXPRESS,
        'packages/api/src/admin.ts': 'export const key = process.env.SUPABASE_SERVICE_ROLE_KEY;\n',
        'packages/web/package.json': VITE,
        'packages/web/src/admin.ts': 'export const key = import.meta.env.SUPABASE_SERVICE_ROLE_KEY;\n',
      },
      errors: [{ messageId: 'serviceRoleEnv', line: 1, file: 'packages/web/src/admin.ts' }],
    },
  ],
});
