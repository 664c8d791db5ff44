import { databaseOf } from '../../database/index.js';
import { atLeast } from '../../engine/finding.js';
import { findingEvidence, hitEvidence, type ProjectFacts } from '../facts.js';
import { fail, notApplicable, pass, some, warn } from '../outcome.js';
import type { CheckItem } from '../types.js';
import { SQL_LIBRARIES } from '../../model/database-libraries.js';

const MIGRATION_FILES = /(?:^|\/)(?:supabase\/migrations|prisma\/migrations|migrations|drizzle|db\/migrate|database\/migrations)\/.+\.(?:sql|[cm]?[jt]s)$/;

function usesSql(f: ProjectFacts) {
  return f.dependency(...SQL_LIBRARIES);
}

const versionedMigrations: CheckItem = {
  id: 'versioned-migrations',
  group: 'data',
  title: 'Schema changes are versioned migrations',
  why: 'Tables changed by hand in a dashboard, `db push` or `synchronize: true` cannot be reviewed, repeated or rolled back, and an automatic sync can drop a column with its data on the next deploy.',
  fix: 'Keep every schema change as a migration file in the repository (`supabase migration new`, `prisma migrate dev`, `drizzle-kit generate`) and apply them in CI or on deploy.',
  weight: 2,
  evaluate(f) {
    const dep = usesSql(f);
    if (!dep) return notApplicable('No SQL database.');
    const sync = f.search([...f.server, ...f.files(/(?:^|\/)(?:ormconfig|data-source|database)\.[cm]?[jt]s$/)], /\bsynchronize\s*:\s*true|\.sync\s*\(\s*\{\s*(?:alter|force)\s*:\s*true/);
    const push = f.search(f.files(/(?:^|\/)package\.json$/), /prisma db push|drizzle-kit push/);
    if (sync.length || push.length) return fail('The schema is synchronised automatically instead of migrated.', some([...sync, ...push].map((h) => hitEvidence(h))));
    const migrations = f.files(MIGRATION_FILES);
    if (migrations.length) return pass(`${migrations.length} migration file${migrations.length === 1 ? '' : 's'} in the repository.`, migrations.slice(0, 3).map((m) => ({ file: m.path, note: 'migration' })));
    return fail(`The app uses \`${dep.name}\` but the repository holds no migrations: the schema lives only in the database.`);
  },
};

const supabaseRls: CheckItem = {
  id: 'supabase-rls',
  group: 'data',
  title: 'Row-level security on every exposed Supabase table',
  why: 'The anon key in your web app lets anyone call the database API directly. Tables without row-level security (or with `using (true)` policies) can be read or changed by any visitor.',
  fix: 'In a migration: `alter table <t> enable row level security;` and policies that compare `auth.uid()` with the owner column. See the Supabase findings for each table.',
  weight: 3,
  evaluate(f) {
    if (!f.dependency('@supabase/supabase-js', '@supabase/ssr') && !f.files(/(?:^|\/)supabase\/config\.toml$/).length) return notApplicable('No Supabase.');
    const found = f.findingsOf('supabase-').filter((x) => f.rules.get(x.ruleId)?.family === 'access-control' && atLeast(x.severity, 'medium'));
    if (found.length) return fail('Some tables or policies let other users\' rows be read or changed.', some(found.map(findingEvidence)));
    // The SQL the database rules read: migrations, else declarative schemas, else a schema script.
    const tables = databaseOf(f.model).projects.flatMap((p) => [...p.database.tables.values()]);
    const sources = [...new Set(tables.map((t) => t.created.file.path))].sort();
    if (!sources.length) return warn('No Supabase migrations or schema in the repository, so row-level security cannot be checked.');
    return pass('Every exposed table in the SQL has row-level security and owner-based policies.', sources.slice(-1).map((file) => ({ file, note: 'latest SQL that creates a table' })));
  },
};

const firebaseRules: CheckItem = {
  id: 'firebase-rules',
  group: 'data',
  title: 'Firebase security rules are out of test mode',
  why: 'Firestore, Storage and Realtime Database are called straight from the browser; their rules are the only thing between any visitor and all of your data.',
  fix: 'Replace test-mode rules with rules that check `request.auth.uid` against the document owner, and deploy them with `firebase deploy --only firestore:rules`.',
  weight: 3,
  evaluate(f) {
    if (!f.dependency('firebase', 'firebase-admin', 'firebase-functions')) return notApplicable('No Firebase.');
    const found = f.findingsOf('firebase-');
    const open = found.filter((x) => f.rules.get(x.ruleId)?.family === 'access-control');
    if (open.length) return fail('Security rules let anyone (or any signed-in user) read or write other users\' data.', some(open.map(findingEvidence)));
    const rules = f.files(/(?:^|\/)(?:firestore\.rules|storage\.rules|database\.rules\.json)$/);
    if (!rules.length) {
      if (!f.dependency('firebase')) return notApplicable('Firebase is used only from the server (Admin SDK).');
      return warn('The browser uses Firebase but no security rules are in the repository.');
    }
    return pass('Security rules are in the repository and restrict access.', rules.slice(0, 3).map((r) => ({ file: r.path, note: 'security rules' })));
  },
};

const parsePermissions: CheckItem = {
  id: 'parse-permissions',
  group: 'data',
  title: 'Parse classes have permissions and clients cannot create classes',
  why: 'By default any client can create classes and fields and read or write objects without ACLs; the master key bypasses everything.',
  fix: 'Set `allowClientClassCreation: false`, class-level permissions on every class, ACLs on user data, and keep the master key on the server.',
  weight: 3,
  evaluate(f) {
    if (!f.dependency('parse-server')) return notApplicable('No Parse Server.');
    const found = f.findings.filter((x) => x.ruleId.startsWith('parse-') && (f.rules.get(x.ruleId)?.family === 'access-control' || x.ruleId === 'parse-master-key-in-client'));
    if (found.length) return fail('Parse Server settings or Cloud Code give clients too much access.', some(found.map(findingEvidence)));
    const option = f.search(f.server, /\ballowClientClassCreation\s*:\s*false/);
    return option.length ? pass('Client class creation is off and no permission findings.', some(option.map((h) => hitEvidence(h)))) : warn('No permission findings, but `allowClientClassCreation: false` is not set explicitly.');
  },
};

const backups: CheckItem = {
  id: 'backups',
  group: 'data',
  title: 'Backups or point-in-time recovery are documented',
  why: 'A bad migration, a deleted table or a compromised key can wipe data. Without a tested backup you cannot restore it.',
  fix: 'Turn on daily backups / point-in-time recovery at your database host, write down how to restore in the README, and test a restore once.',
  weight: 1,
  evaluate(f) {
    if (!usesSql(f) && !f.dependency('mongoose', 'mongodb', 'firebase-admin', 'parse-server')) return notApplicable('No database.');
    const docs = f.files(/(?:^|\/)(?:README|RUNBOOK|OPERATIONS|BACKUP|DEPLOY)[^/]*\.md$|(?:^|\/)docs\/.+\.md$/i);
    const hits = f.search([...docs, ...f.files(/(?:^|\/)package\.json$|\.(?:sh|ya?ml)$/)], /\bbackups?\b|point[- ]in[- ]time|\bPITR\b|\bpg_dump\b|\bmongodump\b/i);
    if (hits.length) return pass('Backups are documented or scripted.', some(hits.map((h) => hitEvidence(h, 'backup documented here'))));
    return warn('Nothing in the repository says how the data is backed up or restored.');
  },
};

export const DATA_ITEMS: readonly CheckItem[] = [versionedMigrations, supabaseRls, firebaseRules, parsePermissions, backups];
