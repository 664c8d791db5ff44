import type { ProjectModel, SourceFile } from '../model/types.js';
import { edgeFunctions, exposedSchemas } from './config.js';
import { isSupabaseScript, looseProjectDir, supabaseConfigDir, supabaseSqlKind } from './sources.js';
import { applyFiles, emptyState } from './state.js';
import { scriptOrder } from './script-order.js';
import type { DatabaseModel, SupabaseProject } from './types.js';

/**
 * The final database of each Supabase project in the scan, computed on first use from its migrations
 * (applied in file-name order) and kept on the model for the other rules and the checklist.
 */
export function databaseOf(model: ProjectModel): DatabaseModel {
  model.database ??= buildDatabase(model.files);
  return model.database;
}

function buildDatabase(files: SourceFile[]): DatabaseModel {
  const dirs = new Map<string, { migrations: SourceFile[]; schemas: SourceFile[]; loose: SourceFile[]; config?: SourceFile }>();
  const entry = (dir: string) => {
    let e = dirs.get(dir);
    if (!e) dirs.set(dir, (e = { migrations: [], schemas: [], loose: [] }));
    return e;
  };
  const loose: SourceFile[] = [];
  for (const file of files) {
    // By path first: only SQL that may be Supabase's and config.toml are read (what kept project results depend on).
    const sql = supabaseSqlKind(file.path);
    if (sql?.kind === 'loose') {
      if (file.sql) loose.push(file);
    } else if (sql && file.sql) entry(sql.projectDir!)[sql.kind].push(file);
    const configDir = supabaseConfigDir(file.path);
    if (configDir !== undefined && file.toml) entry(configDir).config = file;
  }
  // Loose scripts stand for the database only in a repository that keeps no migrations or schemas anywhere:
  // beside them they are old copies or notes, and a second copy of a table would be taken for another.
  if (![...dirs.values()].some((e) => e.migrations.length || e.schemas.length)) {
    for (const file of loose) if (isSupabaseScript(file.path, file.text)) entry(looseProjectDir(file.path, file.package?.dir)).loose.push(file);
  }
  const projects: SupabaseProject[] = [];
  for (const [dir, e] of [...dirs].sort(([a], [b]) => a.localeCompare(b))) {
    // Declarative schemas generate the migrations; read them only when there are no migrations, and loose
    // scripts only when there is neither.
    const byPath = (a: SourceFile, b: SourceFile) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
    const sqlFiles = e.migrations.length ? e.migrations.sort(byPath) : e.schemas.length ? e.schemas.sort(byPath) : scriptOrder(e.loose.sort(byPath));
    const state = applyFiles(emptyState(dir, exposedSchemas(e.config)), sqlFiles);
    projects.push({ dir, config: e.config, edgeFunctions: edgeFunctions(e.config), database: state });
  }
  return { projects };
}
