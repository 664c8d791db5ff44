import type { ProjectContext } from '../../engine/rule.js';
import type { Packument } from '../../registry/packument.js';
import { registrySession } from '../../registry/session.js';
import { installedDependencies } from './project.js';
import { registryTargets, resolvedVersion, type RegistryTarget } from './registry-targets.js';

export interface Resolved {
  target: RegistryTarget;
  packument: Packument;
  /** The version the project installs (locked, else npm's pick today); undefined when nothing fits. */
  version: string | undefined;
}

/** Every registry dependency with its packument, fetched concurrently; nothing when offline or unanswered. */
export async function resolvedTargets(ctx: ProjectContext<string>): Promise<{ found: Resolved[]; missing: RegistryTarget[] }> {
  if (skippedOffline(ctx)) return { found: [], missing: [] };
  const session = registrySession(ctx);
  const targets = registryTargets(ctx.model);
  if (!targets.length || !session.online()) return { found: [], missing: [] };
  const results = await Promise.all(targets.map(async (target) => ({ target, result: await session.packument(target.name) })));
  const found: Resolved[] = [];
  const missing: RegistryTarget[] = [];
  for (const { target, result } of results) {
    if (result.state === 'missing') missing.push(target);
    else if (result.state === 'found') found.push({ target, packument: result.packument, version: resolvedVersion(target, result.packument, ctx.model) });
  }
  return { found, missing };
}

/**
 * Offline, a registry check has nothing to ask: it says once that the checks were skipped, when the project has
 * dependencies, without reading their specs or lockfiles (semver ranges and aliases cost more than the answer then).
 */
export function skippedOffline(ctx: ProjectContext<string>): boolean {
  if (!ctx.offline) return false;
  if (!installedDependencies(ctx.model).next().done) registrySession(ctx).online();
  return true;
}

/** `name` or `alias (npm:name)` for messages. */
export function displayName(target: RegistryTarget): string {
  return target.name === target.entry.name ? target.entry.name : `${target.entry.name} (npm:${target.name})`;
}
