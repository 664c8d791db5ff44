import { defaultConfig } from '../../src/config/types.js';
import { scanVirtual } from '../../src/engine/scan.js';
import type { RouteEntry } from '../../src/routes/types.js';

/** The route inventory of a small in-memory project. */
export async function routesOf(files: Record<string, string>): Promise<RouteEntry[]> {
  let routes: RouteEntry[] = [];
  await scanVirtual(files, { config: defaultConfig(), offline: true, routes: true, onModel: (m) => (routes = m.routes) });
  return routes;
}

/** `METHOD path auth` lines (plus `public` when deliberately open), sorted: what most assertions compare. */
export async function summaryOf(files: Record<string, string>): Promise<string[]> {
  return (await routesOf(files)).map((r) => `${r.method} ${r.path} ${r.auth}${r.public ? ' public' : ''}`).sort();
}

export const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'app', dependencies: deps });
