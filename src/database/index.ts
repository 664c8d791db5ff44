import type { ProjectModel, SourceFile } from '../model/types.js';
import { edgeFunctions, exposedSchemas } from './config.js';
import { supabaseConfigDir, supabaseSqlKind } from './sources.js';
import { applyFiles, emptyState } from './state.js';
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
  const dirs = new Map<string, { migrations: SourceFile[]; schemas: SourceFile[]; config?: SourceFile }>();
  const entry = (dir: string) => {
    let e = dirs.get(dir);
    if (!e) dirs.set(dir, (e = { migrations: [], schemas: [] }));
    return e;
  };
  for (const file of files) {
    // By path first: only migrations and config.toml are read (what kept project results depend on).
    const sql = supabaseSqlKind(file.path);
    if (sql && file.sql) entry(sql.projectDir)[sql.kind].push(file);
    const configDir = supabaseConfigDir(file.path);
    if (configDir !== undefined && file.toml) entry(configDir).config = file;
  }
  const projects: SupabaseProject[] = [];
  for (const [dir, e] of [...dirs].sort(([a], [b]) => a.localeCompare(b))) {
    // Declarative schemas generate the migrations; read them only when there are no migrations.
    const sqlFiles = (e.migrations.length ? e.migrations : e.schemas).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const state = applyFiles(emptyState(dir, exposedSchemas(e.config)), sqlFiles);
    projects.push({ dir, config: e.config, edgeFunctions: edgeFunctions(e.config), database: state });
  }
  return { projects };
}
