/** package.json files that give test projects their frameworks (and so their files their roles). */
export const VITE = '{ "name": "web", "dependencies": { "vite": "5.4.0", "react": "18.3.0", "@supabase/supabase-js": "2.45.0" } }';
export const NEXT = '{ "name": "next-app", "dependencies": { "next": "15.0.0", "react": "18.3.0", "@supabase/supabase-js": "2.45.0" } }';
export const CRA = '{ "name": "cra-app", "dependencies": { "react-scripts": "5.0.1", "react": "18.3.0" } }';
export const EXPO = '{ "name": "mobile", "dependencies": { "expo": "51.0.0", "react-native": "0.74.0", "expo-router": "3.5.0" } }';
export const EXPRESS = '{ "name": "api", "dependencies": { "express": "4.19.0" } }';
export const WORKSPACE_ROOT = '{ "name": "monorepo", "private": true, "workspaces": ["packages/*"] }';
export const SVELTEKIT = '{ "name": "kit", "devDependencies": { "@sveltejs/kit": "2.5.0", "vite": "5.4.0" } }';

/** Fake credentials in real formats (random characters; they open nothing). */
export const FAKE = {
  serviceRoleJwt:
    'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6InF3ZXJ0eXVpb3Bhc2RmZ2hqa2x6Iiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjoyMDAwMDAwMDAwfQ.Qm9ndXNTaWduYXR1cmVGb3JUZXN0c09ubHlYWFhYWFg',
  anonJwt:
    'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6InF3ZXJ0eXVpb3Bhc2RmZ2hqa2x6Iiwicm9sZSI6ImFub24iLCJpYXQiOjE3MDAwMDAwMDAsImV4cCI6MjAwMDAwMDAwMH0.Qm9ndXNTaWduYXR1cmVGb3JUZXN0c09ubHlYWFhYWFg',
  openai: 'sk-proj-SH3CCElABBkgKLEVQGFa1zkDo0kQb5SyV0OSFNlJmt4ogGUo',
  stripeSecret: 'sk_live_Hm2EjflohmOYICQw6JvCIIuwjqzyCp3k',
  supabaseSecret: 'sb_secret_yotEiAg95Z5IT5xY39bLLmDFJAC3Dlnz',
  anthropic: 'sk-ant-api03-794ejCQSi2KInFuSVORCFw62m70MtAC2KxAkJ3qFLiVe1jeGFuzHxBGwuTozVmqdYSwMIOoNjIOWmGd1hvNpv4c7oWW3gAA',
};

/** The vite.config.ts of Google AI Studio apps: it inlines the Gemini key into the browser bundle. */
export const GEMINI_VITE_CONFIG = [
  "import path from 'path';",
  "import { defineConfig, loadEnv } from 'vite';",
  '',
  'export default defineConfig(({ mode }) => {',
  "  const env = loadEnv(mode, '.', '');",
  '  return {',
  '    define: {',
  "      'process.env.API_KEY': JSON.stringify(env.GEMINI_API_KEY),",
  "      'process.env.GEMINI_API_KEY': JSON.stringify(env.GEMINI_API_KEY),",
  '    },',
  "    resolve: { alias: { '@': path.resolve(__dirname, '.') } },",
  '  };',
  '});',
].join('\n');
