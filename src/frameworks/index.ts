import type { PackageInfo } from '../model/types.js';
import { astro, createReactApp, expo, gatsby, nuxt, remix, sveltekit, vite } from './front-end.js';
import { nextjs } from './nextjs.js';
import { firebase, parse, serverlessFolders, supabase } from './platforms.js';
import { express, fastify, feathers, hono, koa, nestjs } from './servers.js';
import type { Framework } from './types.js';

/** Order matters for classification: platform paths first, then full-stack, then front-end, then servers. */
export const FRAMEWORKS: readonly Framework[] = [
  serverlessFolders, supabase, parse, firebase,
  nextjs, sveltekit, nuxt, remix, astro,
  vite, createReactApp, expo, gatsby,
  express, fastify, koa, hono, nestjs, feathers,
];

/** Names of enabled frameworks for a package (the always-on folder matcher is left out). */
export function detectFrameworks(pkg: PackageInfo): string[] {
  return FRAMEWORKS.filter((f) => f !== serverlessFolders && f.enabledBy(pkg)).map((f) => f.name);
}

export function frameworkByName(name: string): Framework | undefined {
  return FRAMEWORKS.find((f) => f.name === name);
}

/** Env prefixes inlined into browser code for a package (every known prefix when the package is unknown). */
export function publicEnvPrefixes(pkg: PackageInfo | undefined): string[] {
  const all = FRAMEWORKS.flatMap((f) => f.publicEnvPrefixes ?? []);
  if (!pkg) return [...new Set(all)];
  const own = pkg.frameworks.flatMap((n) => frameworkByName(n)?.publicEnvPrefixes ?? []);
  return [...new Set(own)];
}

export const ALL_PUBLIC_ENV_PREFIXES: readonly string[] = [...new Set(FRAMEWORKS.flatMap((f) => f.publicEnvPrefixes ?? []))];
