import type { ProjectModel, SourceFile } from '../model/types.js';
import { edgeFunctions, exposedSchemas } from './config.js';
import { isSupabaseScript, looseProjectDir, supabaseConfigDir, supabaseSqlKind } from './sources.js';
import { applyFiles, emptyState } from './state.js';
import { baseScripts, scriptOrder } from './script-order.js';
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
  // Loose scripts stand for the whole database only in a repository that keeps no migrations or schemas anywhere.
  // Beside migrations they are old copies or notes (a second copy of a table would be taken for another), unless
  // they create the tables the migrations change but never create: then they are the base the migrations start from.
  const versioned = [...dirs.values()].some((e) => e.migrations.length || e.schemas.length);
  for (const file of loose) {
    const dir = looseProjectDir(file.path, file.package?.dir);
    if ((!versioned || dirs.get(dir)?.migrations.length) && isSupabaseScript(file.path, file.text, file.package)) entry(dir).loose.push(file);
  }
  const projects: SupabaseProject[] = [];
  for (const [dir, e] of [...dirs].sort(([a], [b]) => a.localeCompare(b))) {
    // Declarative schemas generate the migrations; read them only when there are no migrations, and loose
    // scripts only when there is neither, or as the base of migrations that start from them.
    const byPath = (a: SourceFile, b: SourceFile) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
    const migrations = e.migrations.sort(byPath);
    const sqlFiles = migrations.length ? [...scriptOrder(baseScripts(e.loose.sort(byPath), migrations)), ...migrations] : e.schemas.length ? e.schemas.sort(byPath) : scriptOrder(e.loose.sort(byPath));
    const state = applyFiles(emptyState(dir, exposedSchemas(e.config)), sqlFiles);
    projects.push({ dir, config: e.config, edgeFunctions: edgeFunctions(e.config), database: state });
  }
  return { projects };
}
