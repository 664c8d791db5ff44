import type { PackageInfo } from '../model/types.js';

/**
 * Which SQL files describe the database Supabase serves. Supabase's own folders come first:
 * `supabase/migrations/**` (applied by `supabase db push` in file-name order, which is timestamp order) and,
 * when a project has no migrations, `supabase/schemas/**` (declarative schemas). `supabase/seed.sql` runs
 * only on local resets, never on the hosted database, so it is not read.
 *
 * Many apps have neither: their schema is a script pasted into the dashboard's SQL editor and committed beside
 * the code (`supabase/schema.sql`, `supabase-setup.sql`, `docs/migration/001_profiles.sql`). Such a loose
 * script is read when the repository has no migrations and no declarative schemas, or as the base of migrations
 * that change tables they never create (src/database/index.ts), and only when it is
 * Supabase's: in a `supabase` folder or named for it, or naming what only Supabase has (`auth.uid()`,
 * `auth.users`, `storage.objects`, the `anon` and `authenticated` roles). Other SQL (a plain Postgres or MySQL
 * schema behind an Express API, Prisma and Drizzle migrations for another database) is not served by PostgREST.
 */
const SUPABASE_SQL = /(?:^|\/)supabase\/(migrations|schemas)\/.+\.sql$/i;

/** SQL that never describes the served schema: seeds, test and example data, dumps of other tools' state. */
const NOT_SCHEMA_FOLDER = /(?:^|\/)(?:seeds?|tests?|__tests__|spec|fixtures?|examples?|samples?|node_modules|supabase\/functions)\//i;
/** Seeds, tests, samples and the scripts that undo a migration, by a word of the file name. */
const NOT_SCHEMA_NAME = /(?:^|\/)(?:[^/]*[-_.])?(?:seeds?|tests?|samples?|examples?|dummy|mocks?|demo[-_]?data|down|rollback|revert|undo)(?:[-_.][^/]*)?\.sql$/i;

export type SupabaseSqlKind = 'migrations' | 'schemas' | 'loose';

/**
 * Where a SQL file stands for a Supabase project, by path: its migrations or declarative schemas (with the
 * folder holding `supabase/`), or a loose script that may be one (`loose`, with no folder: it belongs to the
 * project of its package, and counts only if `isSupabaseScript` says so).
 */
export function supabaseSqlKind(path: string): { projectDir?: string; kind: SupabaseSqlKind } | undefined {
  const m = SUPABASE_SQL.exec(path);
  if (m) {
    const at = m.index + (path[m.index] === '/' ? 1 : 0);
    return { projectDir: path.slice(0, at), kind: m[1].toLowerCase() as 'migrations' | 'schemas' };
  }
  if (!/\.sql$/i.test(path) || NOT_SCHEMA_FOLDER.test(path) || NOT_SCHEMA_NAME.test(path)) return undefined;
  return { kind: 'loose' };
}

/** What only a Supabase database has: its auth and storage schemas, its API roles, its extensions' helpers. */
const SUPABASE_MARKERS = /\bauth\s*\.\s*(?:uid|jwt|role|email|users)\b|\bstorage\s*\.\s*(?:objects|buckets|foldername)\b|\bto\s+(?:authenticated|anon|service_role)\b|--[^\n]{0,200}\bsupabase\b/i;

/** Row-level security: Postgres's, but what a script beside a Supabase client is written for. */
const RLS_STATEMENT = /\benable\s+row\s+level\s+security\b|\bcreate\s+policy\b/i;
const SUPABASE_CLIENT = /^@supabase\/(?:supabase-js|ssr|auth-helpers-[\w-]+)$/;

/**
 * A loose SQL script is Supabase's when its path says so, its text uses what only Supabase has, or a comment says so
 * (`-- Run this in the Supabase SQL Editor`), or it sets up row-level security in a package that talks to Supabase.
 */
export function isSupabaseScript(path: string, text: string, pkg?: PackageInfo): boolean {
  if (/supabase/i.test(path) || SUPABASE_MARKERS.test(text)) return true;
  return !!pkg && Object.keys(pkg.dependencies).some((d) => SUPABASE_CLIENT.test(d)) && RLS_STATEMENT.test(text);
}

/** The folder holding `supabase/` for a loose script: the one before a `supabase` folder, else its package's. */
export function looseProjectDir(path: string, packageDir: string | undefined): string {
  const m = /(?:^|\/)supabase\//i.exec(path);
  if (m) return path.slice(0, m.index + (path[m.index] === '/' ? 1 : 0));
  return packageDir ? `${packageDir}/` : '';
}

/** `supabase/config.toml` of a Supabase project (its folder is the project folder). */
export function supabaseConfigDir(path: string): string | undefined {
  const m = /(?:^|\/)supabase\/config\.toml$/.exec(path);
  if (!m) return undefined;
  return path.slice(0, m.index + (path[m.index] === '/' ? 1 : 0));
}
