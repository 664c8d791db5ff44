import { scanDirectory } from '../engine/scan.js';
import { renderRoutesJson } from '../report/routes-json.js';
import { renderRoutesMarkdown } from '../report/routes-markdown.js';
import { renderRoutesTerminal } from '../report/routes-terminal.js';
import type { RouteEntry } from '../routes/types.js';
import type { CliIO } from './main.js';
import { openTarget, wantsColor } from './target.js';

export const ROUTES_FORMATS = ['terminal', 'json', 'markdown'] as const;

export interface RoutesFlags {
  format: (typeof ROUTES_FORMATS)[number];
  config?: string;
  color?: boolean;
}

/** `vibeaudit routes [dir]`: every entry point with its auth decision. Rules do not run; exit code is 0. */
export async function runRoutes(dir: string, flags: RoutesFlags, io: CliIO): Promise<number> {
  const { root, config, known } = openTarget(dir, flags, io.cwd);
  // Only the inventory is wanted: switch every rule off so the scan reads files and routes, nothing more.
  config.rules = Object.fromEntries([...known].map((id) => [id, { enabled: false }]));
  let routes: RouteEntry[] = [];
  await scanDirectory(root, { config, offline: true, target: dir, routes: true, onModel: (model) => (routes = model.routes) });
  const report = { target: dir, routes };
  const color = wantsColor(flags.color, io);
  if (flags.format === 'json') io.stdout(renderRoutesJson(report));
  else if (flags.format === 'markdown') io.stdout(renderRoutesMarkdown(report));
  else io.stdout(renderRoutesTerminal(report, { color }));
  return 0;
}
