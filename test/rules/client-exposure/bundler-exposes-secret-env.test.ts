import { ruleTester } from '../../helpers/rule-tester.js';
import { EXPO, FAKE, GEMINI_VITE_CONFIG, NEXT, VITE } from './projects.js';

const WEBPACK = '{ "name": "legacy", "devDependencies": { "webpack": "5.90.0", "dotenv": "16.4.0" }, "dependencies": { "react": "18.3.0" } }';


ruleTester('bundler-exposes-secret-env', {
  valid: [
    {
      name: 'build constants and public variables',
      files: {
        'package.json': VITE,
        'vite.config.ts': "import { defineConfig } from 'vite';\nexport default defineConfig({ define: { __APP_VERSION__: JSON.stringify(process.env.npm_package_version), 'process.env.NODE_ENV': '\"production\"', __API__: JSON.stringify(process.env.VITE_API_URL) } });\n",
      },
    },
    {
      name: 'loadEnv with its default VITE_ prefix returns no secret',
      files: {
        'package.json': VITE,
        'vite.config.ts': "import { defineConfig, loadEnv } from 'vite';\nexport default defineConfig(({ mode }) => {\n  const env = loadEnv(mode, process.cwd());\n  return { define: { 'process.env': env, __K__: JSON.stringify(env.STRIPE_SECRET_KEY) } };\n});\n",
      },
    },
    {
      name: 'whole environment filtered down to VITE_ variables',
      files: {
        'package.json': VITE,
        'vite.config.ts': [
          "import { defineConfig, loadEnv } from 'vite';",
          'export default defineConfig(({ mode }) => {',
          "  const env = loadEnv(mode, process.cwd(), '');",
          "  const publicEnv = Object.fromEntries(Object.entries(env).filter(([k]) => k.startsWith('VITE_')));",
          "  return { define: { 'process.env': JSON.stringify(publicEnv) } };",
          '});',
        ].join('\n'),
      },
    },
    {
      name: 'next.config env with public values, serverRuntimeConfig with secrets',
      files: {
        'package.json': NEXT,
        'next.config.js': "module.exports = {\n  env: { API_URL: 'https://api.example.com', NEXT_PUBLIC_SITE: process.env.NEXT_PUBLIC_SITE },\n  serverRuntimeConfig: { stripe: process.env.STRIPE_SECRET_KEY },\n};\n",
      },
    },
    {
      name: 'a widened envPrefix with nothing secret under it',
      files: { 'package.json': VITE, 'vite.config.ts': "export default { envPrefix: ['VITE_', 'PUBLIC_'] };\n", '.env': 'PUBLIC_SITE_NAME=Shop\n' },
    },
    {
      name: 'DefinePlugin with NODE_ENV only',
      files: {
        'package.json': WEBPACK,
        'webpack.config.js': "const webpack = require('webpack');\nmodule.exports = { plugins: [new webpack.DefinePlugin({ 'process.env.NODE_ENV': JSON.stringify(process.env.NODE_ENV) })] };\n",
      },
    },
    {
      name: 'vitest config is not a browser bundle',
      files: { 'package.json': VITE, 'vitest.config.ts': "export default { define: { __KEY__: JSON.stringify(process.env.OPENAI_API_KEY) } };\n" },
    },
    {
      name: 'a placeholder literal under a secret name',
      files: { 'package.json': VITE, 'vite.config.ts': "export default { define: { 'process.env.API_SECRET': JSON.stringify('changeme') } };\n" },
    },
    {
      name: 'Expo extra with public settings',
      files: { 'package.json': EXPO, 'app.config.js': "export default ({ config }) => ({ ...config, extra: { apiUrl: process.env.EXPO_PUBLIC_API_URL, eas: { projectId: 'abc' } } });\n" },
    },
  ],
  invalid: [
    {
      name: "Nuxt's runtimeConfig.public with a secret; the private part of runtimeConfig stays on the server",
      files: {
        'package.json': JSON.stringify({ name: 'app', dependencies: { nuxt: '^3.13.0' } }),
        'nuxt.config.ts': "export default defineNuxtConfig({\n  runtimeConfig: {\n    stripeSecretKey: process.env.STRIPE_SECRET_KEY,\n    public: {\n      stripePublishableKey: process.env.STRIPE_PUBLISHABLE_KEY,\n      openaiKey: process.env.OPENAI_API_KEY,\n    },\n  },\n});\n",
      },
      errors: [{ messageId: 'secretEnvInBundle', line: 6 }],
    },
    {
      name: 'the Gemini define of AI-generated Vite apps',
      files: { 'package.json': VITE, 'vite.config.ts': GEMINI_VITE_CONFIG },
      errors: [
        { messageId: 'secretEnvInBundle', line: 8 },
        { messageId: 'secretEnvInBundle', line: 9 },
      ],
    },
    {
      name: "'process.env': process.env",
      files: { 'package.json': VITE, 'vite.config.js': "import { defineConfig } from 'vite';\nexport default defineConfig({\n  define: { 'process.env': process.env },\n});\n" },
      errors: [{ messageId: 'wholeEnvInBundle', line: 3 }],
    },
    {
      name: "loadEnv(mode, cwd, '') passed whole",
      files: {
        'package.json': VITE,
        'vite.config.ts': "import { defineConfig, loadEnv } from 'vite';\nexport default defineConfig(({ mode }) => {\n  const env = loadEnv(mode, process.cwd(), '');\n  return { define: { 'process.env': env } };\n});\n",
      },
      errors: [{ messageId: 'wholeEnvInBundle', line: 4 }],
    },
    {
      name: 'next.config env block with a secret',
      files: { 'package.json': NEXT, 'next.config.mjs': 'const nextConfig = {\n  env: {\n    STRIPE_SECRET_KEY: process.env.STRIPE_SECRET_KEY,\n  },\n};\nexport default nextConfig;\n' },
      errors: [{ messageId: 'secretEnvInBundle', line: 3 }],
    },
    {
      name: 'next.config env spreading process.env, and publicRuntimeConfig',
      files: {
        'package.json': NEXT,
        'next.config.js': 'module.exports = {\n  env: { ...process.env },\n  publicRuntimeConfig: { databaseUrl: process.env.DATABASE_URL },\n};\n',
      },
      errors: [
        { messageId: 'wholeEnvInBundle', line: 2 },
        { messageId: 'secretEnvInBundle', line: 3 },
      ],
    },
    {
      name: 'webpack DefinePlugin fed by dotenv',
      files: {
        'package.json': WEBPACK,
        'webpack.config.js': [
          "const webpack = require('webpack');",
          "const dotenv = require('dotenv');",
          'const env = dotenv.config().parsed;',
          'const envKeys = Object.keys(env).reduce((prev, next) => {',
          '  prev[`process.env.${next}`] = JSON.stringify(env[next]);',
          '  return prev;',
          '}, {});',
          'module.exports = { plugins: [new webpack.DefinePlugin(envKeys)] };',
        ].join('\n'),
      },
      errors: [{ messageId: 'wholeEnvInBundle', line: 8 }],
    },
    {
      name: 'webpack EnvironmentPlugin naming a secret',
      files: { 'package.json': WEBPACK, 'webpack.config.js': "const { EnvironmentPlugin } = require('webpack');\nmodule.exports = { plugins: [new EnvironmentPlugin(['NODE_ENV', 'SENDGRID_API_KEY'])] };\n" },
      errors: [{ messageId: 'secretEnvInBundle', line: 2 }],
    },
    {
      name: 'envPrefix SUPABASE_ with the service-role key in .env',
      files: {
        'package.json': VITE,
        'vite.config.ts': "import { defineConfig } from 'vite';\nexport default defineConfig({\n  envPrefix: ['VITE_', 'SUPABASE_'],\n});\n",
        '.env': 'SUPABASE_URL=https://x.supabase.co\nSUPABASE_SERVICE_ROLE_KEY=your-service-role-key\n',
      },
      errors: [{ messageId: 'prefixExposesSecrets', line: 3, file: 'vite.config.ts' }],
    },
    {
      name: 'envPrefix STRIPE_ without a .env file (common secret name, weaker evidence)',
      files: { 'package.json': VITE, 'vite.config.ts': "export default { envPrefix: ['VITE_', 'STRIPE_'] };\n" },
      errors: [{ messageId: 'prefixExposesSecrets', line: 1, severity: 'high' }],
    },
    {
      name: "envPrefix ''",
      files: { 'package.json': VITE, 'vite.config.ts': "export default { envPrefix: '' };\n" },
      errors: [{ messageId: 'wholeEnvInBundle', line: 1 }],
    },
    {
      name: 'a literal secret in define',
      files: { 'package.json': VITE, 'vite.config.ts': `export default {\n  define: { __OPENAI__: JSON.stringify('${FAKE.openai}') },\n};\n` },
      errors: [{ messageId: 'secretValueInBundle', line: 2 }],
    },
    {
      name: 'a neutral name whose .env value is a secret',
      files: {
        'package.json': VITE,
        'vite.config.ts': "import { defineConfig, loadEnv } from 'vite';\nexport default defineConfig(({ mode }) => {\n  const env = loadEnv(mode, '.', '');\n  return { define: { 'process.env.AI_KEY': JSON.stringify(env.AI_KEY) } };\n});\n",
        '.env': `AI_KEY=${FAKE.anthropic}\n`,
      },
      errors: [{ messageId: 'secretEnvInBundle', line: 4 }],
    },
    {
      name: 'Expo extra carrying a server key into the app manifest',
      files: { 'package.json': EXPO, 'app.config.ts': "export default ({ config }) => ({\n  ...config,\n  extra: { openaiApiKey: process.env.OPENAI_API_KEY },\n});\n" },
      errors: [{ messageId: 'secretEnvInBundle', line: 3 }],
    },
  ],
});
