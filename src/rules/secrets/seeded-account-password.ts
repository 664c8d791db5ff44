import { defineTextRule } from '../../engine/rule.js';
import { splitTopLevel } from '../../engine/split-top-level.js';
import { redactionParts } from './file-secrets.js';

/**
 * A migration that creates an account with a password written in it (CWE-798, CWE-1392): `INSERT INTO auth.users
 * (…, encrypted_password) VALUES (…, crypt('password', gen_salt('bf')))`, or a users row whose password column is
 * given as text. Migrations run on the production database, so the account exists there, with a password anyone who
 * reads the repository knows; "for development" seeds left in a migration are the usual way in.
 */

/** Migrations, which run wherever the database is set up; not seed files or tests, which stay on a developer's machine. */
const MIGRATION = /(?:^|\/)(?:supabase\/migrations|migrations|migrate|db\/migrate|prisma\/migrations|drizzle)\/[^/]*(?:\/migration)?\.sql$|(?:^|\/)schema\.sql$/i;
const NOT_MIGRATION = /(?:^|\/)(?:[^/]*[-_.])?(?:seeds?|tests?|samples?|examples?|dummy|mocks?|fixtures?|demo[-_]?data)(?:[-_.][^/]*)?(?:\.sql$|\/)/i;
/** `crypt('secret', gen_salt('bf'))`: pgcrypto hashing a password written in the statement. */
const CRYPT = /\bcrypt\s*\(\s*'((?:[^']|'')*)'\s*,\s*gen_salt\s*\(/gi;
/** `INSERT INTO users (email, password) VALUES ('a@b.c', 'admin123')`: the column list and the first row. */
const INSERT = /\binsert\s+into\s+((?:"?\w+"?\.)?"?(?:\w*users?|admins?|accounts?|members?|staff|employees?)"?)\s*\(([^)]{1,600})\)\s*values\s*\(((?:[^()']|'[^']*'|\([^()]*\))*)\)/gi;
const PASSWORD_COLUMN = /^"?(?:password|passwd|pass|pwd|user_password|plain_password)"?$/i;
/** Filled in when the script runs (`${ADMIN_PASSWORD}`, `{{ password }}`, `:'admin_password'`, `<password>`): no password written here. */
const TEMPLATED = /\$\{|\{\{|^:|^<[^>]*>$/;
/** A value that is already a hash (bcrypt, argon2, scrypt, a hex digest): what it hides is not written here. */
const HASHED = /^\$(?:2[abxy]?|argon2(?:id|i|d)|scrypt|pbkdf2)|^[a-f0-9]{32,128}$/i;

export const seededAccountPassword = defineTextRule({
  id: 'seeded-account-password',
  messageIds: ['crypt', 'plain'],
  appliesTo: { languages: ['sql'] },
  check({ file, report }) {
    if (!MIGRATION.test(file.path) || NOT_MIGRATION.test(file.path)) return;
    const text = file.text;
    if (!/crypt\s*\(|insert\s+into/i.test(text)) return;
    for (const m of text.matchAll(CRYPT)) {
      const value = m[1].replace(/''/g, "'");
      const table = accountTable(text, m.index!);
      if (!value || TEMPLATED.test(value) || !table) continue;
      const start = m.index! + m[0].indexOf("'") + 1;
      report({ messageId: 'crypt', offsets: { start, end: start + m[1].length }, secrets: redactionParts(value), data: { table } });
    }
    for (const m of text.matchAll(INSERT)) {
      const columns = m[2].split(',').map((c) => c.trim());
      const values = splitTopLevel(m[3], ',');
      const at = columns.findIndex((c) => PASSWORD_COLUMN.test(c));
      const literal = at >= 0 ? /^'((?:[^']|'')*)'$/.exec(values[at]?.trim() ?? '') : null;
      const value = literal?.[1].replace(/''/g, "'");
      if (!value || HASHED.test(value) || TEMPLATED.test(value)) continue;
      const offset = m.index! + m[0].indexOf(literal![0], m[0].search(/\bvalues\b/i)) + 1;
      report({ messageId: 'plain', offsets: { start: offset, end: offset + literal![1].length }, secrets: redactionParts(value), data: { table: m[1].replace(/"/g, '') } });
    }
  },
});

/** The table of accounts the statement holding `crypt(…)` inserts into: `auth.users`, `users`, `admins`; else undefined. */
function accountTable(text: string, at: number): string | undefined {
  const before = text.slice(Math.max(0, text.lastIndexOf(';', at) + 1), at);
  return /\binsert\s+into\s+((?:"?\w+"?\.)?"?(?:\w*users?|admins?|accounts?|members?|staff|employees?)"?)/i.exec(before)?.[1].replace(/"/g, '');
}
