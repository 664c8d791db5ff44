import { isScript } from '../classify/types.js';
import { supabaseConfigDir, supabaseSqlKind } from '../database/sources.js';
import { isBundlerConfig } from '../model/bundler-config.js';
import { lockfileKind } from '../model/lockfiles.js';
import type { ProjectModel, SourceFile } from '../model/types.js';
import { logContentRead } from './reads.js';

/** What parsing a file gives, besides its text (whose reads trackTextReads logs). */
const PARSED = ['ast', 'yaml', 'dockerfile', 'json', 'env', 'securityRules', 'rtdbRules', 'sql', 'toml', 'parseError'] as const;

/** What a package's manifest says (its folder and manifest path follow from the file list). */
const MANIFEST = ['name', 'private', 'dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies', 'workspaces', 'scripts', 'frameworks'] as const;

/**
 * Make the project rules' reads of what files other than plain scripts hold show up in their read log, as reads
 * of those files' text: a file's parsed form (JSON, YAML, SQL, env, Dockerfile, security rules), a package's
 * manifest, and the model's parts made from such files (lockfiles, bundler configs, the database of the
 * migrations). Kept project results then depend on the files they read, not on every such file, so a changed
 * tsconfig, locale file, workflow or Tailwind config does not run them again (src/engine/project-rules.ts).
 * Called once per scan, after every file was analysed and before the project rules run.
 */
export function trackProjectReads(model: ProjectModel): void {
  for (const file of model.files) {
    if (isScript(file.language) && file.role !== 'config') continue;
    for (const key of PARSED) logReadsOf(file, key, [file]);
  }
  const byPath = (path: string) => model.fileByPath.get(path);
  const files = (test: (f: SourceFile) => boolean) => model.files.filter(test);
  for (const pkg of model.packages) {
    const manifest = byPath(pkg.manifestPath);
    for (const key of MANIFEST) logReadsOf(pkg, key, manifest ? [manifest] : []);
  }
  // The files readLockfiles reads, without reading them: the model reads its lockfiles when a rule first asks.
  logReadsOf(model, 'lockfiles', files((f) => !f.buildOutput && lockfileKind(f.path) !== undefined));
  logReadsOf(model, 'bundlerExposures', files((f) => isScript(f.language) && f.role === 'config' && isBundlerConfig(f.path)));
  logReadsOf(model, 'database', files((f) => (f.language === 'sql' && supabaseSqlKind(f.path) !== undefined) || supabaseConfigDir(f.path) !== undefined));
}

/** Reading `key` of `owner` (present or not) logs a read of each of `sources`; what it holds is left as it was. */
function logReadsOf<T extends object>(owner: T, key: string, sources: readonly SourceFile[]): void {
  const held = Object.getOwnPropertyDescriptor(owner, key);
  let value: unknown = held?.value;
  Object.defineProperty(owner, key, {
    enumerable: held?.enumerable ?? false,
    configurable: true,
    get() {
      for (const source of sources) logContentRead(source);
      return held?.get ? held.get.call(owner) : value;
    },
    set(next: unknown) {
      if (held?.set) held.set.call(owner, next);
      else value = next;
    },
  });
}
