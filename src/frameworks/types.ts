import type { Role } from '../classify/types.js';
import type { PackageInfo } from '../model/types.js';

export interface FileFacts {
  /** Path relative to the package folder. */
  rel: string;
  /** Path relative to the scan root. */
  path: string;
  directive?: 'use client' | 'use server';
}

export interface RoleDecision {
  role: Role;
  reason: string;
}

/**
 * What vibeaudit knows about one framework. Adding a framework means adding one of these and listing it in
 * src/frameworks/index.ts.
 */
export interface Framework {
  name: string;
  /**
   * Runs code in browsers (a front-end stack), on servers, or both (full-stack frameworks). 'neutral' is an
   * SDK used on either side (supabase-js, Parse, Firebase): it says nothing about where a file runs.
   */
  runs: 'client' | 'server' | 'both' | 'neutral';
  enabledBy(pkg: PackageInfo): boolean;
  /** Prefixes whose environment variables the bundler inlines into browser code. */
  publicEnvPrefixes?: string[];
  /** Role of a file in a package that uses this framework, or undefined to let others decide. */
  classify?(file: FileFacts, pkg: PackageInfo): RoleDecision | undefined;
}

export function hasDependency(pkg: PackageInfo, ...names: string[]): boolean {
  return names.some((n) => n in pkg.dependencies || n in pkg.devDependencies || n in pkg.peerDependencies || n in pkg.optionalDependencies);
}

export function hasDependencyPrefix(pkg: PackageInfo, prefix: string): boolean {
  return [pkg.dependencies, pkg.devDependencies].some((deps) => Object.keys(deps).some((n) => n.startsWith(prefix)));
}

export const SCRIPT_EXT = String.raw`\.(?:[cm]?[jt]sx?)$`;
