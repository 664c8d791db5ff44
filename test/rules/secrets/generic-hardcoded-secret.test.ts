import { describe, expect, it } from 'vitest';
import { findingsOf, ruleTester } from '../../helpers/rule-tester.js';
import { isSecretName } from '../../../src/rules/secrets/names.js';
import { ANON, GOOGLE, HEX_64, RANDOM_32, RANDOM_40, STRIPE_LIVE } from './fakes.js';

ruleTester('generic-hardcoded-secret', {
  valid: [
    { name: 'read from the environment', filename: 'server/auth.ts', code: 'const JWT_SECRET = process.env.JWT_SECRET!;\nexport const cfg = { apiKey: process.env.API_KEY };\n' },
    { name: 'names about secrets, not secrets', filename: 'server/auth.ts', code: `export const passwordMinLength = "${RANDOM_40}";\nexport const TOKEN_EXPIRY = "${RANDOM_32}";\nexport const API_URL = "${RANDOM_40}";\nexport const clientId = "${RANDOM_40}";\n` },
    { name: 'public names', filename: 'src/config.ts', code: `export const NEXT_PUBLIC_API_KEY = "${RANDOM_40}";\nexport const publishableKey = "${RANDOM_32}";\n` },
    { name: 'placeholder and typed values', filename: 'server/auth.ts', code: 'const JWT_SECRET = "your-jwt-secret-here";\nconst SESSION_SECRET = "my-super-secret-session-key-2024";\nconst password = "changeme";\nconst apiKey = "xxxxxxxxxxxxxxxxxxxxxxxx";\n' },
    { name: 'storage keys and labels', filename: 'src/auth.ts', code: 'const TOKEN_KEY = "app_auth_token";\nconst labels = { password: "Mot de passe", token: "Jeton d\'accès" };\n' },
    { name: 'provider formats belong to hardcoded-secret', filename: 'server/pay.ts', code: `const stripeSecretKey = "${STRIPE_LIVE}";\n` },
    { name: 'public key formats', filename: 'src/lib/supabase.ts', code: `const supabaseKey = "${ANON}";\nconst firebaseApiKey = "${GOOGLE}";\n` },
    { name: 'test files', filename: 'src/__tests__/auth.test.ts', code: `const JWT_SECRET = "${RANDOM_40}";\n` },
    { name: 'real .env files are env-file-committed territory', filename: '.env', code: `JWT_SECRET=${RANDOM_40}\n` },
    { name: 'fallbacks are hardcoded-secret-fallback territory', filename: 'server/auth.ts', code: `const secret = process.env.JWT_SECRET || "${RANDOM_40}";\nconst { SESSION_SECRET = "${RANDOM_32}" } = process.env;\n` },
    { name: 'CI secret references', filename: '.github/workflows/ci.yml', code: 'env:\n  API_KEY: ${{ secrets.API_KEY }}\n  DB_PASSWORD: ${{ secrets.DB_PASSWORD }}\n' },
    { name: 'docker-compose local defaults', filename: 'docker-compose.yml', code: 'services:\n  db:\n    environment:\n      - POSTGRES_PASSWORD=postgres\n      POSTGRES_USER: postgres\n' },
    { name: 'package.json', filename: 'package.json', code: `{ "name": "x", "config": { "token": "${RANDOM_40}" } }\n` },
    { name: 'template placeholders', filename: '.env.example', code: 'JWT_SECRET=replace-with-a-long-random-string\nAPI_KEY=\n' },
    { name: 'short random-ish values', filename: 'server/x.ts', code: 'const secret = "a1B2c3";\n' },
    { name: 'non-secret names with random values', filename: 'server/x.ts', code: `const requestId = "${RANDOM_32}";\nconst cacheKey = "${RANDOM_40}";\nconst nonce = "${HEX_64}";\n` },
    { name: 'password hashes in seed data', filename: 'prisma/seed.ts', code: 'await db.user.create({ data: { email: "a@b.co", password: "$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy" } });\n' },
    { name: 'a password hash beside its salt in seed data', filename: 'server/seeders/users.js', code: `await User.bulkCreate([{ username: 'admin', password: '${HEX_64}', salt: '${RANDOM_32}' }]);\n` },
    { name: 'lexer state names and message catalogues', filename: 'src/lexer.ts', code: 'lastSignificantToken = "?InterpolationInJSX";\nconst messages = { "The_parser_expected_a_token_here_1007": "分析器预期在这里找到符号" };\n' },
    { name: 'Dockerfile ARG without value', filename: 'Dockerfile', code: 'FROM node:20\nARG NPM_TOKEN\nENV NODE_ENV=production\n' },
    { name: 'database clients given their password from the environment, or an empty or placeholder one', filename: 'server/db.js', code: `const pool = new Pool({ user: 'app', password: process.env.PGPASSWORD });\nconst conn = mysql.createConnection({ host: 'localhost', user: 'root', password: '' });\nconst db = knex({ client: 'pg', connection: { password: 'your_password_here' } });\n` },
    { name: 'a password property of an object that is no database client’s options', filename: 'server/users.js', code: `await User.create({ email: 'a@b.co', password: 'iron_man' });\nconst form = { password: 'iron_man' };\n` },
    { name: 'a database password in a test file', filename: 'test/db.test.js', code: `const pool = new Pool({ user: 'app', password: 'iron_man' });\n` },
    {
      name: "Supabase's config.toml: secrets substituted from the environment with env(…)",
      filename: 'supabase/config.toml',
      code: `[storage.s3_protocol]\ns3_access_key = "env(S3_ACCESS_KEY)"\ns3_secret_key = "env(S3_SECRET_KEY)"\n[auth.external.apple]\nsecret = "env(SUPABASE_AUTH_EXTERNAL_APPLE_SECRET)"\n`,
    },
    {
      name: 'TOML: ids, placeholders, comments and multi-line strings',
      filename: 'wrangler.toml',
      code: `name = "api"\n[[kv_namespaces]]\nbinding = "CACHE"\nid = "${RANDOM_32}"\n[vars]\nAPI_URL = "${RANDOM_40}"\nJWT_SECRET = "replace-me"\n# JWT_SECRET = "${RANDOM_40}"\nnote = "see # below" # API_KEY = "${RANDOM_32}"\nSESSION_SECRET = """\n${RANDOM_40}\n"""\n`,
    },
  ],
  invalid: [
    { name: 'const JWT_SECRET', filename: 'server/auth.ts', code: `import jwt from "jsonwebtoken";\nconst JWT_SECRET = "${RANDOM_40}";\n`, errors: [{ messageId: 'namedSecret', line: 2, severity: 'high' }] },
    { name: 'object property apiKey', filename: 'server/mail.ts', code: `export const mailer = createMailer({\n  apiKey: "${RANDOM_32}",\n});\n`, errors: [{ messageId: 'namedSecret', line: 2 }] },
    { name: 'class field', filename: 'server/client.ts', code: `export class Api {\n  private clientSecret = "${RANDOM_40}";\n}\n`, errors: [{ messageId: 'namedSecret', line: 2 }] },
    { name: 'assignment to a member', filename: 'server/client.ts', code: `config.webhookSecret = "${HEX_64}";\n`, errors: [{ messageId: 'namedSecret', line: 1 }] },
    { name: 'header value', filename: 'server/fetch.ts', code: `await fetch(url, { headers: { "x-api-key": "${RANDOM_32}", Authorization: "Bearer ${RANDOM_40}" } });\n`, errors: [{ messageId: 'namedSecret', line: 1 }, { messageId: 'namedSecret', line: 1 }] },
    { name: 'default parameter', filename: 'server/sign.ts', code: `export function sign(payload: object, secret = "${RANDOM_40}") {\n  return payload;\n}\n`, errors: [{ messageId: 'namedSecret', line: 1 }] },
    { name: 'a password with no salt beside it', filename: 'server/seeders/users.js', code: `await User.bulkCreate([{ username: 'admin', password: '${RANDOM_32}', role: 'admin' }]);\n`, errors: [{ messageId: 'namedSecret', line: 1 }] },
    { name: 'nodemailer auth pass', filename: 'server/mail.js', code: `const transporter = nodemailer.createTransport({ auth: { user: "me@example.org", pass: "${RANDOM_32}" } });\n`, errors: [{ messageId: 'namedSecret', line: 1 }] },
    { name: 'provider-named key', filename: 'server/ai.ts', code: `const GROQ_KEY = "${RANDOM_40}";\n`, errors: [{ messageId: 'namedSecret', line: 1, severity: 'medium' }] },
    { name: 'JSON config', filename: 'config/default.json', code: `{\n  "port": 3000,\n  "jwt": { "secret": "${RANDOM_40}" }\n}\n`, errors: [{ messageId: 'namedSecret', line: 3 }] },
    { name: 'YAML config', filename: 'config/app.yml', code: `server:\n  port: 3000\n  session_secret: "${RANDOM_32}"\n`, errors: [{ messageId: 'namedSecret', line: 3 }] },
    { name: 'docker-compose environment list', filename: 'docker-compose.yml', code: `services:\n  api:\n    environment:\n      - JWT_SECRET=${RANDOM_40}\n`, errors: [{ messageId: 'namedSecret', line: 4 }] },
    { name: 'Cloudflare wrangler.toml vars, one per environment', filename: 'wrangler.toml', code: `name = "auth"\n[env.production.vars]\nJWT_SECRET_KEY = "${HEX_64}"  # signing key\n[env.staging]\nvars = { API_KEY = '${RANDOM_32}', MODE = "staging" }\n`, errors: [{ messageId: 'namedSecret', line: 3, severity: 'high' }, { messageId: 'namedSecret', line: 5, severity: 'high' }] },
    { name: 'Dockerfile ENV', filename: 'Dockerfile', code: `FROM node:20\nENV SESSION_SECRET="${RANDOM_40}" NODE_ENV=production\n`, errors: [{ messageId: 'namedSecret', line: 2 }] },
    { name: 'env template with a real-looking value', filename: '.env.example', code: `PORT=3000\nNEXTAUTH_SECRET=${RANDOM_40}\n`, errors: [{ messageId: 'namedSecret', line: 2 }] },
    { name: 'node-postgres pool options', filename: 'server/db.js', code: `const { Pool } = require('pg');\nmodule.exports = pool = new Pool({\n  database: 'challengeapi',\n  user: 'spider_man',\n  password: 'iron_man',\n});\n`, errors: [{ messageId: 'connectionPassword', line: 5, severity: 'medium' }] },
    { name: 'mysql on localhost, knex connection, Sequelize arguments and TypeORM', filename: 'server/db.ts', code: `export const conn = mysql.createConnection({ host: 'localhost', user: 'root', password: 'root123' });\nexport const db = knex({ client: 'pg', connection: { host: 'db.example.com', password: 'hunter22' } });\nexport const sequelize = new Sequelize('shop', 'root', 'hunter22', { dialect: 'mysql' });\nexport const ds = new DataSource({ type: 'postgres', password: 'hunter22' });\n`, errors: [{ messageId: 'connectionPassword', line: 1, severity: 'low' }, { messageId: 'connectionPassword', line: 2, severity: 'medium' }, { messageId: 'connectionPassword', line: 3, severity: 'medium' }, { messageId: 'connectionPassword', line: 4, severity: 'medium' }] },
    { name: 'CRLF source', filename: 'server/auth.ts', code: `const a = 1;\r\nconst SESSION_SECRET = "${RANDOM_32}";\r\n`, errors: [{ messageId: 'namedSecret', line: 2 }] },
  ],
});

describe('secret names', () => {
  it('recognises secret names', () => {
    for (const n of ['JWT_SECRET', 'apiKey', 'API_KEY', 'x-api-key', 'clientSecret', 'DB_PASS', 'password', 'privateKey', 'SUPABASE_SERVICE_ROLE_KEY', 'accessToken', 'OPENAI_KEY', 'userPassword', 'secret', 'Authorization']) {
      expect(isSecretName(n), n).toBe(true);
    }
    for (const n of ['NEXT_PUBLIC_SUPABASE_ANON_KEY', 'API_URL', 'tokenExpiry', 'passwordMinLength', 'STRIPE_PUBLISHABLE_KEY', 'clientId', 'TOKEN_ENDPOINT', 'cacheKey', 'PWD', 'keyboard', 'secretName', 'RECAPTCHA_SITE_KEY', 'primaryKey']) {
      expect(isSecretName(n), n).toBe(false);
    }
  });

  it('redacts the value in message and snippet', async () => {
    const found = await findingsOf('generic-hardcoded-secret', { filename: 'server/auth.ts', code: `const JWT_SECRET = "${RANDOM_40}";\n` });
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain('`JWT_SECRET`');
    expect(found[0].snippet).not.toContain(RANDOM_40);
    expect(found[0].message).not.toContain(RANDOM_40);
  });
});
