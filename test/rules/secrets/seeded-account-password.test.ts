import { describe, expect, it } from 'vitest';
import { findingsOf, ruleTester } from '../../helpers/rule-tester.js';

const PKG = JSON.stringify({ name: 'app', dependencies: { '@supabase/supabase-js': '^2.45.0' } });
const M = 'supabase/migrations/20250515000000_admin.sql';
const authUser = (password: string) =>
  `-- admin for development\ninsert into auth.users (id, email, encrypted_password, email_confirmed_at, role)\nvalues ('00000000-0000-0000-0000-000000000000', 'admin@example.com', crypt('${password}', gen_salt('bf')), now(), 'authenticated')\non conflict (id) do nothing;\n`;

ruleTester('seeded-account-password', {
  valid: [
    { name: 'the same account in the seed file a local reset runs', files: { 'package.json': PKG, 'supabase/seed.sql': authUser('password') } },
    { name: 'a password filled in when the script runs', files: { 'package.json': PKG, [M]: authUser(":'admin_password'").replace("crypt(':'admin_password''", "crypt(:'admin_password'") } },
    { name: 'a bcrypt hash of a password nobody wrote down', files: { 'package.json': PKG, 'db/migrations/001_users.sql': "INSERT INTO users (email, password, role) VALUES ('admin@example.com', '$2b$10$Q1lL8b2nYzv1Qk9u3bq7FeZ8vV0c5oP9Yy3c7s8bKk2Jr9Hq1zT6G', 'admin');\n" } },
    { name: 'crypt() of a value that is not an account (a token table)', files: { 'package.json': PKG, [M]: "insert into public.api_keys (name, key_hash) values ('ci', crypt('ci-key', gen_salt('bf')));\n" } },
    { name: 'a test fixture', files: { 'package.json': PKG, 'test/fixtures/migrations/001.sql': "INSERT INTO users (email, password) VALUES ('a@b.c', 'hunter22');\n" } },
  ],
  invalid: [
    { name: "Supabase's auth.users with crypt('password')", files: { 'package.json': PKG, [M]: authUser('password') }, errors: [{ messageId: 'crypt', line: 3 }] },
    {
      name: 'a users row with its password as text, in a plain migrations folder',
      files: { 'package.json': JSON.stringify({ name: 'api', dependencies: { pg: '^8.13.0' } }), 'migrations/002_admin.sql': "CREATE TABLE users (id serial primary key, email text, password text, role text);\nINSERT INTO users (email, password, role) VALUES ('admin@shop.example', 'Adm1n!2024', 'admin');\n" },
      errors: [{ messageId: 'plain', line: 2 }],
    },
  ],
});

describe('seeded-account-password output', () => {
  it('never shows the password', async () => {
    const [f] = await findingsOf('seeded-account-password', { files: { 'package.json': PKG, [M]: authUser('Sup3rS3cretAdmin') } });
    expect(f.message).toContain('creates an account in `auth.users`');
    expect(JSON.stringify(f)).not.toContain('Sup3rS3cretAdmin');
  });
});
