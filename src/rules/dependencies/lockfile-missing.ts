import { defineProjectRule } from '../../engine/rule.js';
import type { PackageInfo, ProjectModel } from '../../model/types.js';
import { coverageOf, INSTALLED_KINDS, installRootOf, isProductPackage, workspaceGlobs } from './project.js';

/** Dependencies that make a package something that is run or deployed rather than published. */
const APP_DEPENDENCIES = [
  'next', 'react-scripts', 'vite', 'expo', 'react-native', 'nuxt', '@sveltejs/kit', 'astro', 'gatsby', '@remix-run/dev',
  '@react-router/dev', '@angular/core', 'electron', 'express', 'fastify', 'hono', 'koa', '@nestjs/core', '@hapi/hapi',
  'restify', 'parse-server', 'firebase-functions', '@vue/cli-service',
];
const APP_SCRIPTS = ['start', 'dev', 'serve', 'build'];
/** Fields of a package meant for npm: its users install it with their own lockfile. */
const LIBRARY_FIELDS = ['exports', 'module', 'types', 'typings', 'bin', 'files', 'publishConfig'];
/** Lockfiles the model does not read but whose presence counts. */
const OTHER_LOCKFILES = ['deno.lock'];

/**
 * Why `pkg` is an application (run or deployed from this repository), or undefined for a library or a package
 * with nothing to install. A published library (not private, with `exports`, `types`, `bin`, `files`…) is not
 * an application even with a `build` script; a workspace root's own scripts only delegate to its members.
 */
export function applicationReason(pkg: PackageInfo, model: ProjectModel): string | undefined {
  const manifest = model.fileByPath.get(pkg.manifestPath)?.json as Record<string, unknown> | undefined;
  if (!pkg.private && manifest && LIBRARY_FIELDS.some((f) => manifest[f] !== undefined)) return undefined;
  const dep = APP_DEPENDENCIES.find((n) => n in pkg.dependencies || n in pkg.devDependencies);
  if (dep) return `it depends on \`${dep}\``;
  if (workspaceGlobs(pkg.dir, model).length > 0) return undefined;
  const script = APP_SCRIPTS.find((s) => pkg.scripts[s]);
  return script ? `it has a \`${script}\` script` : undefined;
}

const hasDependencies = (pkg: PackageInfo) => INSTALLED_KINDS.some((k) => Object.keys(pkg[k]).length > 0);

/**
 * An application without any lockfile in its folder or its workspace root: each install resolves ranges
 * afresh. Members of a workspace are reported once, on the workspace root, where the lockfile belongs.
 */
export const lockfileMissing = defineProjectRule({
  id: 'lockfile-missing',
  messageIds: ['missing'],
  check({ model, report }) {
    const groups = new Map<string, PackageInfo[]>();
    for (const pkg of model.packages) {
      if (!isProductPackage(pkg, model) || coverageOf(pkg, model).lockfiles.length > 0) continue;
      const root = installRootOf(pkg, model);
      const list = groups.get(root);
      if (list) list.push(pkg);
      else groups.set(root, [pkg]);
    }
    for (const [root, pkgs] of groups) {
      const dirs = new Set([root, ...pkgs.map((p) => p.dir)]);
      if ([...dirs].some((d) => OTHER_LOCKFILES.some((f) => model.fileByPath.has(d ? `${d}/${f}` : f)))) continue;
      const installed = pkgs.filter(hasDependencies);
      if (installed.length === 0) continue;
      const rootPkg = model.packages.find((p) => p.dir === root) ?? pkgs[0];
      const ordered = [rootPkg, ...installed.filter((p) => p !== rootPkg)];
      const app = ordered.map((p) => ({ p, reason: applicationReason(p, model) })).find((a) => a.reason);
      if (!app) continue;
      const manifest = model.fileByPath.get(rootPkg.manifestPath);
      if (!manifest) continue;
      const reason = app.p === rootPkg ? app.reason! : `its workspace \`${app.p.dir}\` ${app.reason!.replace(/^it /, '')}`;
      report(manifest, {
        messageId: 'missing',
        data: { manifest: rootPkg.manifestPath, reason },
        range: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 },
      });
    }
  },
});
