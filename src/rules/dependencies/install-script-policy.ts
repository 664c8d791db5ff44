import semver from 'semver';
import type { PackageInfo, ProjectModel } from '../../model/types.js';

/**
 * Whether a project has already decided about a package's install scripts, allowing or blocking them, in its
 * package manager's policy: npm's `allowScripts` (npm 11.16+; npm 12 blocks the scripts of dependencies it
 * names nowhere), pnpm's `onlyBuiltDependencies`, `ignoredBuiltDependencies` and `neverBuiltDependencies`
 * (under `pnpm`), and Bun's `trustedDependencies`. The policy of the package declaring the dependency counts,
 * and the root package.json's, where a workspace's policy lives. `names`: the package's names (an alias
 * `"foo": "npm:bar@1"` installs `bar` as `foo`).
 *
 * An npm key names a package (`esbuild`) or a version or range of it (`esbuild@0.28.2`, `sharp@0.33 || 0.34`);
 * one whose versions exclude the installed version decides nothing about it.
 */
export function scriptPolicyDecides(model: ProjectModel, pkg: PackageInfo, names: readonly string[], version: string): boolean {
  const manifests = new Set([pkg.manifestPath, 'package.json']);
  for (const path of manifests) {
    const json = model.fileByPath.get(path)?.json;
    if (json && typeof json === 'object' && names.some((name) => decides(json as Record<string, unknown>, name, version))) return true;
  }
  return false;
}

function decides(manifest: Record<string, unknown>, name: string, version: string): boolean {
  const allow = manifest.allowScripts;
  if (allow && typeof allow === 'object' && Object.keys(allow).some((key) => npmKeyCovers(key, name, version))) return true;
  const pnpm = manifest.pnpm && typeof manifest.pnpm === 'object' ? (manifest.pnpm as Record<string, unknown>) : {};
  const lists = [pnpm.onlyBuiltDependencies, pnpm.ignoredBuiltDependencies, pnpm.neverBuiltDependencies, manifest.trustedDependencies];
  return lists.some((list) => Array.isArray(list) && list.some((entry) => typeof entry === 'string' && npmKeyCovers(entry, name, version)));
}

/** `name`, or `name@versions` whose versions include `version`. */
function npmKeyCovers(key: string, name: string, version: string): boolean {
  if (key === name) return true;
  if (!key.startsWith(`${name}@`)) return false;
  const range = key.slice(name.length + 1);
  return semver.validRange(range) !== null && semver.satisfies(version, range);
}
