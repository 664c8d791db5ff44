import type { ProjectContext, ReportDescriptor } from '../../engine/rule.js';
import type { SourceFile } from '../../model/types.js';
import type { Evidence, RouteEntry, Touch } from '../../routes/types.js';
import { CATALOGUE, modelKey } from './model-fields.js';

/** One whole line of a file, without its indentation: where a finding about a statement on it points. */
export function lineRange(file: SourceFile, line: number): NonNullable<ReportDescriptor<string>['range']> {
  const start = file.lineStarts[line - 1] ?? 0;
  const end = file.lineStarts[line] ?? file.text.length;
  const text = file.text.slice(start, end).replace(/\r?\n$/, '');
  const indent = text.length - text.trimStart().length;
  return { startLine: line, startColumn: indent + 1, endLine: line, endColumn: Math.max(indent + 2, text.length + 1) };
}

/** Where a route finding points: the whole line that registers or declares the route. */
export function routeLocation(route: RouteEntry, file: SourceFile): Pick<ReportDescriptor<string>, 'range' | 'symbol'> {
  return { range: lineRange(file, route.line), symbol: `${route.method} ${route.path}` };
}

/**
 * Report what routes found in their handlers or helpers (`route.paymentCredit`, `route.clientAmount`), once per place:
 * a helper called from several routes is one finding. It points at the line of the fact, with the route and, when
 * given, another place that explains it (the proof of a payment, the lookup of a user) as related places. Trigger
 * functions (Parse `afterSave`, jobs) are not routes.
 */
export function reportRouteFacts<M extends string, F extends Evidence>(
  ctx: ProjectContext<M>,
  factOf: (route: RouteEntry) => F | undefined,
  describe: (route: RouteEntry, fact: F) => Pick<ReportDescriptor<M>, 'messageId' | 'data' | 'severity'> & { also?: { at: Evidence; message: string } },
): void {
  const reported = new Set<string>();
  for (const route of ctx.model.routes) {
    const fact = route.trigger ? undefined : factOf(route);
    if (!fact) continue;
    const file = ctx.model.fileByPath.get(fact.file);
    const routeFile = ctx.model.fileByPath.get(route.file);
    const at = `${fact.file}:${fact.line}`;
    if (!file || !routeFile || reported.has(at)) continue;
    reported.add(at);
    const { also, ...descriptor } = describe(route, fact);
    const alsoFile = also && ctx.model.fileByPath.get(also.at.file);
    ctx.report(file, {
      ...descriptor,
      range: lineRange(file, fact.line),
      symbol: `${route.method} ${route.path}`,
      related: [
        { file: route.file, range: routeLocation(route, routeFile).range!, message: `\`${routeLabel(route)}\`` },
        ...(also && alsoFile ? [{ file: also.at.file, range: lineRange(alsoFile, also.at.line), message: also.message }] : []),
      ],
    });
  }
}

const CONVEX_FUNCTION = new Set(['QUERY', 'MUTATION', 'ACTION']);

/** `GET /api/notes`, or `server action deleteNote`. */
export function routeLabel(route: RouteEntry): string {
  if (route.framework === 'convex' && CONVEX_FUNCTION.has(route.method)) return `Convex ${route.method.toLowerCase()} ${route.path}`;
  if (route.method === 'ACTION') return route.path.replace(/^\(server action\) /, 'server action ');
  if (route.framework === 'trpc') return `tRPC ${route.method.toLowerCase()} ${route.path}`;
  if (route.framework === 'graphql' || /^(?:Query|Mutation|Subscription)\./.test(route.path)) return `GraphQL ${route.method.toLowerCase()} ${route.path.replace(/^\w+\./, '')}`;
  if (route.framework === 'socket.io') return `Socket.IO event '${route.path}'`;
  if (route.framework === 'ws') return route.path === 'message' ? 'WebSocket messages' : `WebSocket messages on ${route.path}`;
  return `${route.method} ${route.path}`;
}

/**
 * The touch a finding names: payments first, then writes of user data, writes, reads of user data, reads, calls to
 * a paid AI model, and last reads of catalogue data (products, courses), which are public on most sites.
 */
export function worstTouch(touches: Touch[]): Touch | undefined {
  const catalogue = (t: Touch) => !!t.target && (CATALOGUE.test(t.target) || CATALOGUE.test(modelKey(t.target)));
  const rank = (t: Touch) => (t.kind === 'payment' ? 0 : t.kind === 'email' ? 1 : t.kind === 'write' ? (t.userData ? 1 : 2) : t.kind === 'ai' ? 5 : t.userData ? 3 : catalogue(t) ? 6 : 4);
  return [...touches].sort((a, b) => rank(a) - rank(b) || a.line - b.line)[0];
}

/** Admin paths and names: `/admin/users`, `/api/admin`, `admin.deleteUser`, `adminBanUser`. */
export function isAdminRoute(route: RouteEntry): boolean {
  const words = route.path
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/);
  return words.includes('admin') || words.includes('admins') || words.includes('superadmin') || words.includes('backoffice');
}
