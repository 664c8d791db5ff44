import { describe, expect, it } from 'vitest';
import { findingsOf, ruleTester } from '../../helpers/rule-tester.js';

const PKG = JSON.stringify({ name: 'api', dependencies: { express: '^4.21.1' } });
const server = (code: string) => ({ 'package.json': PKG, 'server/index.js': code });

ruleTester('secret-logged', {
  valid: [
    {
      name: 'whether a secret is set, its kind, its length and a short prefix',
      files: server("console.log('configured:', !!process.env.STRIPE_SECRET_KEY);\nconsole.log('mode:', process.env.STRIPE_SECRET_KEY?.startsWith('sk_test_') ? 'TEST' : 'LIVE');\nconsole.log('length', process.env.JWT_SECRET?.length, Boolean(process.env.OPENAI_API_KEY));\nconsole.log('key starts', process.env.OPENAI_API_KEY.slice(0, 7));\nconsole.log('same?', process.env.JWT_SECRET === process.env.OLD_JWT_SECRET);\n"),
    },
    { name: 'settings that are not secrets', files: server("console.log(`listening on ${process.env.PORT}`, process.env.SUPABASE_URL, process.env.NODE_ENV);\n") },
    { name: 'the names of the environment variables, not their values', files: server("console.log('env keys:', Object.keys(process.env).join(', '));\n") },
    { name: 'only in development', files: server("if (process.env.NODE_ENV === 'development') console.log('key', process.env.OPENAI_API_KEY);\n") },
    { name: 'a secret used, not logged', files: server("const stripe = require('stripe')(process.env.STRIPE_SECRET_KEY);\nconsole.log('stripe ready', typeof stripe);\n") },
  ],
  invalid: [
    {
      name: 'a secret logged directly, in a template, and through a local',
      files: server("console.log('JWT_SECRET:', process.env.JWT_SECRET);\nconst logger = require('./logger');\nlogger.info(`Stripe key: ${process.env.STRIPE_SECRET_KEY}`);\nfunction init() {\n  const apiKey = process.env.OPENAI_API_KEY || '';\n  console.log('Using key ' + apiKey);\n}\nmodule.exports = init;\n"),
      errors: [
        { messageId: 'secret', line: 1 },
        { messageId: 'secret', line: 3 },
        { messageId: 'secret', line: 6 },
      ],
    },
    {
      name: 'the whole environment, and a database URL in an object',
      files: server("console.log(process.env);\nconsole.error({ db: process.env.DATABASE_URL });\n"),
      errors: [
        { messageId: 'wholeEnv', line: 1 },
        { messageId: 'secret', line: 2 },
      ],
    },
  ],
});

describe('secret-logged messages', () => {
  it('name the variable, not its value', async () => {
    const [f] = await findingsOf('secret-logged', { files: server("console.log('JWT_SECRET:', process.env.JWT_SECRET);\n") });
    expect(f.message).toContain('(`JWT_SECRET`) to the logs');
  });
});
