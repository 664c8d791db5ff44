import { TOOL } from '../engine/version.js';
import type { RouteEntry } from '../routes/types.js';
import { routeCounts, type RoutesReport } from './routes-types.js';

/** `vibeaudit routes --format json`. Fields are only added under the same schemaVersion. */
export interface RoutesJson {
  schemaVersion: 1;
  tool: { name: string; version: string };
  target: string;
  summary: ReturnType<typeof routeCounts> & { total: number };
  routes: RouteEntry[];
}

export function renderRoutesJson(report: RoutesReport): string {
  const doc: RoutesJson = {
    schemaVersion: 1,
    tool: { name: TOOL.name, version: TOOL.version },
    target: report.target,
    summary: { total: report.routes.length, ...routeCounts(report.routes) },
    routes: report.routes,
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
