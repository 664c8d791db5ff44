import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../src/config/types.js';
import { scanVirtual } from '../../../src/engine/scan.js';
import { findingsOf, ruleTester } from '../../helpers/rule-tester.js';
import { ANON, GOOGLE, OPENAI, RANDOM_32, RANDOM_40, STRIPE_LIVE, STRIPE_TEST } from './fakes.js';

ruleTester('env-file-committed', {
  valid: [
    { name: 'template', filename: '.env.example', code: `JWT_SECRET=${RANDOM_40}\nSTRIPE_SECRET_KEY=sk_live_your_key\n` },
    { name: 'local template', filename: '.env.local.example', code: `SESSION_SECRET=${RANDOM_40}\n` },
    { name: 'sample template', filename: 'apps/web/.env.sample', code: `SESSION_SECRET=${RANDOM_32}\n` },
    { name: 'no secrets', filename: '.env', code: 'PORT=3000\nNODE_ENV=production\nNEXT_PUBLIC_API_URL=https://api.example.com\n' },
    { name: 'a service named without "key", holding a URL or a word', filename: '.env', code: 'BACKEND_API=https://api.example.com/v1\nWEATHER_API=openweathermap\n' },
    { name: 'public keys only', filename: '.env.local', code: `NEXT_PUBLIC_SUPABASE_URL=https://abc.supabase.co\nNEXT_PUBLIC_SUPABASE_ANON_KEY=${ANON}\nNEXT_PUBLIC_FIREBASE_API_KEY=${GOOGLE}\n` },
    { name: 'placeholders and references', filename: '.env', code: 'JWT_SECRET=your-jwt-secret\nAPI_KEY=\nDB_PASSWORD=${DB_PASSWORD}\nSTRIPE_SECRET_KEY=sk_test_...\nTOKEN="<token>"\n' },
    { name: 'each name written where its value goes', filename: '.env', code: 'NEXTAUTH_SECRET="NEXTAUTH_SECRET"\nGITHUB_SECRET=github_secret\n' },
    { name: 'local docker defaults', filename: '.env', code: 'DB_PASSWORD=postgres\nDATABASE_URL=postgres://postgres:postgres@localhost:5432/app\nREDIS_PASSWORD=redis\n' },
    { name: 'development file with typed dev values', filename: '.env.development', code: 'JWT_SECRET=dev-jwt-secret-do-not-use\nSESSION_SECRET=local-session\n' },
    { name: 'typed development values in .env', filename: '.env', code: 'NEXTAUTH_SECRET=development-secret-change-in-production\nADMIN_PASSWORD=local_dev_password\n' },
    { name: 'test env with test-mode keys', filename: '.env.test', code: `STRIPE_SECRET_KEY=${STRIPE_TEST}\n` },
  ],
  invalid: [
    { name: 'random signing secret', filename: '.env', code: `PORT=3000\nJWT_SECRET=${RANDOM_40}\n`, errors: [{ messageId: 'committed', line: 2 }] },
    { name: 'a key named by its service alone (`CLIPDROP_API`)', filename: 'server/.env', code: `PORT=4000\nCLIPDROP_API = '${RANDOM_40}'\n`, errors: [{ messageId: 'committed', line: 2 }] },
    { name: 'weak but real password', filename: '.env.production', code: '# production\nADMIN_PASSWORD=hunter2!\n', errors: [{ messageId: 'committed', line: 2 }] },
    {
      name: 'provider key on line 1: anchored on the next free line',
      filename: '.env',
      code: `STRIPE_SECRET_KEY=${STRIPE_LIVE}\nPORT=3000\n`,
      errors: [{ messageId: 'committed', line: 2 }],
    },
    {
      name: 'first secret line not taken by a provider finding',
      filename: '.env.local',
      code: `# keys\nOPENAI_API_KEY=${OPENAI}\nSESSION_SECRET=${RANDOM_32}\n`,
      errors: [{ messageId: 'committed', line: 3 }],
    },
    { name: 'CRLF', filename: '.env', code: `NODE_ENV=production\r\nNEXTAUTH_SECRET=${RANDOM_40}\r\n`, errors: [{ messageId: 'committed', line: 2 }] },
    { name: 'nested package env file', filename: 'apps/api/.env', code: `DATABASE_PASSWORD=${RANDOM_32}\n`, errors: [{ messageId: 'committed', line: 1 }] },
    { name: 'development file with a random secret', filename: '.env.development', code: `JWT_SECRET=${RANDOM_40}\n`, errors: [{ messageId: 'committed', line: 1 }] },
  ],
});

describe('env-file-committed details', () => {
  it('counts secrets, names them and never shows a value', async () => {
    const [f] = await findingsOf('env-file-committed', { filename: '.env', code: `JWT_SECRET=${RANDOM_40}\nSTRIPE_SECRET_KEY=${STRIPE_LIVE}\nPORT=3000\n` });
    expect(f.message).toContain('2 real secrets');
    expect(f.message).toContain('`JWT_SECRET`, `STRIPE_SECRET_KEY`');
    for (const s of [RANDOM_40, STRIPE_LIVE]) {
      expect(f.message).not.toContain(s);
      expect(f.snippet).not.toContain(s);
    }
  });

  it('never reports the same line as hardcoded-secret', async () => {
    const files = [
      `STRIPE_SECRET_KEY=${STRIPE_LIVE}\nPORT=3000\n`,
      `OPENAI_API_KEY=${OPENAI}\nJWT_SECRET=${RANDOM_40}\n`,
      `JWT_SECRET=${RANDOM_40}\nOPENAI_API_KEY=${OPENAI}\n`,
    ];
    for (const code of files) {
      const result = await scanVirtual({ '.env': code }, { config: { ...defaultConfig(), experimental: true }, offline: true });
      const lines = (id: string) => result.findings.filter((x) => x.ruleId === id).map((x) => x.range.startLine);
      const env = lines('env-file-committed');
      expect(env).toHaveLength(1);
      expect(lines('hardcoded-secret')).not.toContain(env[0]);
      expect(lines('generic-hardcoded-secret')).toEqual([]);
    }
  });

  it('stays silent when every line already has a provider finding', async () => {
    expect(await findingsOf('env-file-committed', { filename: '.env', code: `OPENAI_API_KEY=${OPENAI}` })).toEqual([]);
    expect(await findingsOf('env-file-committed', { filename: '.env', code: `OPENAI_API_KEY=${OPENAI}\nSTRIPE_SECRET_KEY=${STRIPE_LIVE}\n` })).toEqual([]);
  });
});
