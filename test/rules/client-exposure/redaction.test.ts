import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../src/config/types.js';
import { scanVirtual } from '../../../src/engine/scan.js';
import { FAKE, NEXT, VITE } from './projects.js';

const FAMILY = new Set(['supabase-service-role-in-client', 'secret-in-public-env', 'bundler-exposes-secret-env', 'llm-api-key-in-browser', 'firebase-admin-in-client', 'parse-master-key-in-client']);

async function familyFindings(files: Record<string, string>) {
  const result = await scanVirtual(files, { config: { ...defaultConfig(), experimental: true }, offline: true });
  return result.findings.filter((f) => FAMILY.has(f.ruleId));
}

/** No 16-character piece of the secret may appear in a message or snippet (long secrets are cut in snippets). */
function leaks(text: string, secret: string): boolean {
  for (let i = 0; i + 16 <= secret.length; i += 4) if (text.includes(secret.slice(i, i + 16))) return true;
  return false;
}

describe('client-exposure findings never show a whole secret', () => {
  it.each([
    ['service-role JWT in a Vite client', { 'package.json': VITE, 'src/lib/supabase.ts': `export const key = '${FAKE.serviceRoleJwt}';\n` }, FAKE.serviceRoleJwt],
    ['service-role JWT in a public .env variable', { 'package.json': VITE, '.env': `VITE_SUPABASE_ANON_KEY=${FAKE.serviceRoleJwt}\n` }, FAKE.serviceRoleJwt],
    ['OpenAI key in NEXT_PUBLIC_', { 'package.json': NEXT, '.env.local': `NEXT_PUBLIC_OPENAI_API_KEY="${FAKE.openai}"\n` }, FAKE.openai],
    ['literal secret in Vite define', { 'package.json': VITE, 'vite.config.ts': `export default { define: { __K__: JSON.stringify('${FAKE.stripeSecret}') } };\n` }, FAKE.stripeSecret],
    [
      'literal key passed to the Anthropic SDK on the same line as the browser flag',
      { 'package.json': '{ "dependencies": { "vite": "5.4.0", "@anthropic-ai/sdk": "0.30.0" } }', 'src/ai.ts': `import Anthropic from '@anthropic-ai/sdk';\nexport const c = new Anthropic({ apiKey: '${FAKE.anthropic}', dangerouslyAllowBrowser: true });\n` },
      FAKE.anthropic,
    ],
  ])('%s', async (_name, files, secret) => {
    const found = await familyFindings(files);
    expect(found.length).toBeGreaterThan(0);
    for (const f of found) {
      expect(leaks(f.message, secret), f.message).toBe(false);
      expect(leaks(f.snippet, secret), f.snippet).toBe(false);
    }
  });
});
