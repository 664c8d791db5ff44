import { publicEnvPrefixes } from '../frameworks/index.js';
import { defineProjectFact } from './facts.js';
import type { PackageInfo, ProjectModel, SourceFile } from './types.js';

/*
 * What per-file analysis asks of the package a file belongs to, each answer a project fact depended on by its
 * value: adding or bumping a dependency keeps the kept results of files whose rules never asked about it, so
 * manifests need not be part of what every kept result depends on (src/cache/reuse.ts). Answers come from the
 * model's packages; the file's own package folder is part of its record's key.
 */

function packageAt(model: ProjectModel, dir: string): PackageInfo | undefined {
  return model.packages.find((p) => p.dir === dir);
}

const framework = defineProjectFact('package uses framework', (model, arg) => {
  const at = arg.indexOf('\0');
  return packageAt(model, arg.slice(0, at))?.frameworks.includes(arg.slice(at + 1)) ?? false;
});

/**
 * The file's package uses the framework `name` (src/frameworks/); no package uses any. Asked one framework at a
 * time: a dependency that enables another framework leaves the answers this file saw, and its kept results, as
 * they were.
 */
export function usesFramework(file: SourceFile, model: ProjectModel, name: string): boolean {
  return !!file.package && framework(model, `${file.package.dir}\0${name}`);
}

const dependency = defineProjectFact('package dependency', (model, arg) => {
  const at = arg.indexOf('\0');
  const pkg = packageAt(model, arg.slice(0, at));
  const name = arg.slice(at + 1);
  return { dependency: pkg?.dependencies[name], dev: pkg?.devDependencies[name] };
});

/** The version ranges the file's package gives `name` in `dependencies` and in `devDependencies`. */
export function dependencyOf(file: SourceFile, model: ProjectModel, name: string): { dependency?: string; dev?: string } {
  return file.package ? dependency(model, `${file.package.dir}\0${name}`) : {};
}

const scope = defineProjectFact('package dependency scope', (model, arg) => {
  const at = arg.indexOf('\0');
  const pkg = packageAt(model, arg.slice(0, at));
  const prefix = arg.slice(at + 1);
  return !!pkg && Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).some((d) => d.startsWith(prefix));
});

/** The file's package depends (or dev-depends) on a package whose name starts with `prefix` (`@supabase/`). */
export function dependsOnScope(file: SourceFile, model: ProjectModel, prefix: string): boolean {
  return !!file.package && scope(model, `${file.package.dir}\0${prefix}`);
}

const prefixesBelow = defineProjectFact('public env prefixes below', (model, dir) => {
  const below = model.packages.filter((p) => p.dir === dir || dir === '' || p.dir.startsWith(`${dir}/`));
  return [...new Set(below.flatMap((p) => publicEnvPrefixes(p)))].sort();
});

/** Env prefixes a bundler inlines into browser code in the package at `dir` or any package below it. */
export function publicPrefixesAtOrBelow(model: ProjectModel, dir: string): readonly string[] {
  return prefixesBelow(model, dir);
}
