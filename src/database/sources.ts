/**
 * Which SQL files describe the database Supabase serves. Only Supabase's own folders are read:
 * `supabase/migrations/**` (applied by `supabase db push` in file-name order, which is timestamp order) and,
 * when a project has no migrations, `supabase/schemas/**` (declarative schemas). `supabase/seed.sql` runs
 * only on local resets, never on the hosted database, so it is not read. Other migration folders (Prisma,
 * Drizzle, Knex) are often MySQL or SQLite and are not served by PostgREST.
 */
const SUPABASE_SQL = /(?:^|\/)supabase\/(migrations|schemas)\/.+\.sql$/i;

export function supabaseSqlKind(path: string): { projectDir: string; kind: 'migrations' | 'schemas' } | undefined {
  const m = SUPABASE_SQL.exec(path);
  if (!m) return undefined;
  const at = m.index + (path[m.index] === '/' ? 1 : 0);
  return { projectDir: path.slice(0, at), kind: m[1].toLowerCase() as 'migrations' | 'schemas' };
}

/** `supabase/config.toml` of a Supabase project (its folder is the project folder). */
export function supabaseConfigDir(path: string): string | undefined {
  const m = /(?:^|\/)supabase\/config\.toml$/.exec(path);
  if (!m) return undefined;
  return path.slice(0, m.index + (path[m.index] === '/' ? 1 : 0));
}
