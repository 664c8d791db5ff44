import { ruleTester } from '../../helpers/rule-tester.js';
import { CRA, EXPO, EXPRESS, FAKE, NEXT, SVELTEKIT, VITE, WORKSPACE_ROOT } from './projects.js';

ruleTester('secret-in-public-env', {
  valid: [
    {
      name: 'public values behind public prefixes, secrets without them',
      files: {
        'package.json': VITE,
        '.env': [
          'VITE_SUPABASE_URL=https://qwertyuiopasdfghjklz.supabase.co',
          `VITE_SUPABASE_ANON_KEY=${FAKE.anonJwt}`,
          'VITE_STRIPE_PUBLISHABLE_KEY=pk_test_51Hx9qLr2T8mZwYvKjP3nBcD',
          'VITE_FIREBASE_API_KEY=AIzaSyD9x8Kq2Lm4Np6Rt8Vw0Yz1Bc3De5Fg7Hi',
          'VITE_FIREBASE_PROJECT_ID=demo-app',
          'SUPABASE_SERVICE_ROLE_KEY=your-service-role-key',
        ].join('\n'),
      },
    },
    {
      name: 'Next.js client reading public keys',
      files: {
        'package.json': NEXT,
        'app/providers.tsx': "'use client';\nconst url = process.env.NEXT_PUBLIC_SUPABASE_URL;\nconst anon = process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY;\nconst maps = process.env.NEXT_PUBLIC_GOOGLE_MAPS_API_KEY;\n",
      },
    },
    {
      name: 'PUBLIC_ is an ordinary word outside SvelteKit and Astro',
      files: { 'package.json': EXPRESS, '.env': 'PUBLIC_KEY_PASSWORD=your-passphrase\n', 'src/server.ts': 'const p = process.env.PUBLIC_KEY_PASSWORD;\n' },
    },
    {
      name: 'tests may read anything',
      files: { 'package.json': VITE, 'src/lib/stripe.test.ts': 'const k = import.meta.env.VITE_STRIPE_SECRET_KEY;\n' },
    },
    {
      name: 'names in comments and strings are not reads',
      files: {
        'package.json': VITE,
        'src/lib/env.ts': "// never add VITE_OPENAI_API_KEY, call /api/chat instead\nexport const forbidden = ['VITE_OPENAI_API_KEY'];\n",
      },
    },
    {
      name: 'a widened Vite envPrefix with only public variables under it',
      files: {
        'package.json': VITE,
        'vite.config.ts': "import { defineConfig } from 'vite';\nexport default defineConfig({ envPrefix: ['VITE_', 'APP_'] });\n",
        '.env': 'APP_NAME=Shop\nAPP_SUPPORT_EMAIL=help@example.com\n',
        'src/main.ts': 'const name = import.meta.env.APP_NAME;\n',
      },
    },
    {
      name: 'a public variable with a setting name and any value',
      files: { 'package.json': NEXT, '.env.production': 'NEXT_PUBLIC_APP_ENV=production\nNEXT_PUBLIC_OPENAI_MODEL=gpt-4o-mini\n' },
    },
  ],
  invalid: [
    {
      name: 'OpenAI key value behind NEXT_PUBLIC_',
      files: { 'package.json': NEXT, '.env.local': `NEXT_PUBLIC_SUPABASE_URL=https://x.supabase.co\nNEXT_PUBLIC_OPENAI_API_KEY=${FAKE.openai}\n` },
      errors: [{ messageId: 'publicEnvValue', line: 2, severity: 'critical' }],
    },
    {
      name: 'secret name with an empty value in a template file',
      files: { 'package.json': NEXT, '.env.example': '# Stripe\nNEXT_PUBLIC_STRIPE_SECRET_KEY=\n' },
      errors: [{ messageId: 'publicEnvDefined', line: 2, severity: 'high' }],
    },
    {
      name: 'service-role JWT pasted into the anon key variable',
      files: { 'package.json': VITE, '.env': `VITE_SUPABASE_URL=https://x.supabase.co\nVITE_SUPABASE_ANON_KEY=${FAKE.serviceRoleJwt}\n` },
      errors: [{ messageId: 'publicEnvValue', line: 2 }],
    },
    {
      name: 'a secret-format value under a neutral name',
      files: { 'package.json': VITE, '.env': `VITE_STRIPE_KEY=${FAKE.stripeSecret}\n` },
      errors: [{ messageId: 'publicEnvValue', line: 1 }],
    },
    {
      name: 'Vite client code reads it (once per file)',
      files: {
        'package.json': VITE,
        'src/lib/ai.ts': 'const a = import.meta.env.VITE_OPENAI_API_KEY;\nconst b = import.meta.env.VITE_OPENAI_API_KEY;\n',
      },
      errors: [{ messageId: 'publicEnvRead', line: 1, severity: 'high' }],
    },
    {
      name: 'a Next.js route handler reading a public secret weighs less',
      files: { 'package.json': NEXT, 'app/api/pay/route.ts': 'const stripe = process.env.NEXT_PUBLIC_STRIPE_SECRET_KEY;\n' },
      errors: [{ messageId: 'publicEnvReadOnServer', line: 1, severity: 'medium' }],
    },
    {
      name: 'Expo public variable',
      files: { 'package.json': EXPO, 'app/(tabs)/chat.tsx': "import OpenAI from 'openai';\nconst key = process.env.EXPO_PUBLIC_OPENAI_API_KEY;\n" },
      errors: [{ messageId: 'publicEnvRead', line: 2 }],
    },
    {
      name: 'Create React App public variable',
      files: { 'package.json': CRA, 'src/firebaseAdmin.js': 'const key = process.env.REACT_APP_FIREBASE_PRIVATE_KEY;\n' },
      errors: [{ messageId: 'publicEnvRead', line: 1 }],
    },
    {
      name: 'SvelteKit $env/static/public and $env/dynamic/public',
      files: {
        'package.json': SVELTEKIT,
        'src/lib/pay.ts': "import { PUBLIC_STRIPE_SECRET_KEY } from '$env/static/public';\nimport { env } from '$env/dynamic/public';\nconst db = env.PUBLIC_DB_PASSWORD;\n",
      },
      errors: [
        { messageId: 'publicEnvRead', line: 1 },
        { messageId: 'publicEnvRead', line: 3 },
      ],
    },
    {
      name: 'Vite envPrefix widened to SUPABASE_: the .env line and the read',
      files: {
        'package.json': VITE,
        'vite.config.ts': "import { defineConfig } from 'vite';\nexport default defineConfig({ envPrefix: ['VITE_', 'SUPABASE_'] });\n",
        '.env': 'SUPABASE_URL=https://x.supabase.co\nSUPABASE_SERVICE_ROLE_KEY=your-service-role-key\n',
        'src/lib/supabase.ts': 'export const key = import.meta.env.SUPABASE_SERVICE_ROLE_KEY;\n',
      },
      errors: [
        { messageId: 'publicEnvDefined', line: 2, file: '.env' },
        { messageId: 'publicEnvRead', line: 1, file: 'src/lib/supabase.ts' },
      ],
    },
    {
      name: 'destructured from import.meta.env',
      files: { 'package.json': VITE, 'src/config.ts': 'const { VITE_SUPABASE_URL, VITE_STRIPE_SECRET_KEY } = import.meta.env;\n' },
      errors: [{ messageId: 'publicEnvRead', line: 1 }],
    },
    {
      name: 'monorepo root .env with a VITE_ secret',
      files: {
        'package.json': WORKSPACE_ROOT,
        '.env': 'VITE_API_URL=http://localhost:3000\nVITE_ANTHROPIC_API_KEY=your-anthropic-key\n',
        'packages/web/package.json': VITE,
        'packages/web/src/main.ts': 'export const api = import.meta.env.VITE_API_URL;\n',
      },
      errors: [{ messageId: 'publicEnvDefined', line: 2 }],
    },
    {
      name: 'a bare token name is reported with medium confidence',
      files: { 'package.json': VITE, '.env': 'VITE_API_TOKEN=your-token\n' },
      errors: [{ messageId: 'publicEnvDefined', line: 1 }],
    },
  ],
});
