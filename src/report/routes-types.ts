import type { RouteEntry } from '../routes/types.js';

/** What `vibeaudit routes` reports: the attack-surface map of the scanned app. */
export interface RoutesReport {
  target: string;
  routes: RouteEntry[];
}

export function authMark(route: RouteEntry): '✓' | '✗' | '?' | '○' {
  if (route.auth === 'required') return '✓';
  if (route.public) return '○';
  return route.auth === 'none' ? '✗' : '?';
}

/** What proves the decision, or why the route is public. */
export function routeReason(route: RouteEntry): string {
  if (route.auth !== 'required' && route.public) return `public: ${route.public}`;
  return route.roleCheck && route.roleCheck !== route.evidence ? `${route.evidence}; role: ${route.roleCheck}` : route.evidence;
}

export function routeCounts(routes: RouteEntry[]): { required: number; public: number; none: number; unknown: number } {
  const out = { required: 0, public: 0, none: 0, unknown: 0 };
  for (const r of routes) {
    if (r.auth === 'required') out.required++;
    else if (r.public) out.public++;
    else out[r.auth]++;
  }
  return out;
}
