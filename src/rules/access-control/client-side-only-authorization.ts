import { defineProjectRule } from '../../engine/rule.js';
import { routeLabel } from './route-facts.js';

/** An admin or password check made only in browser code, in front of an API route that does not check it again. */
export const clientSideOnlyAuthorization = defineProjectRule({
  id: 'client-side-only-authorization',
  messageIds: ['roleOnlyInClient', 'passwordOnlyInClient'],
  readsAnalysis: ['routes'],
  check(ctx) {
    for (const route of ctx.model.routes) {
      if (!route.clientGuards || route.auth === 'unknown' || route.public) continue;
      for (const call of route.clientGuards) {
        if (call.kind === 'role' && route.roleCheck) continue;
        if (call.kind === 'password' && route.auth !== 'none') continue;
        const file = ctx.model.fileByPath.get(call.file);
        if (!file) continue;
        const start = file.lineStarts[call.line - 1] ?? 0;
        const end = file.lineStarts[call.line] ?? file.text.length;
        const text = file.text.slice(start, end).replace(/\r?\n$/, '');
        const indent = text.length - text.trimStart().length;
        ctx.report(file, {
          messageId: call.kind === 'role' ? 'roleOnlyInClient' : 'passwordOnlyInClient',
          data: { guard: call.guard, guardLine: call.guardLine, route: routeLabel(route), routeAt: `${route.file}:${route.line}`, who: route.auth === 'none' ? 'anyone' : 'any signed-in user' },
          range: { startLine: call.line, startColumn: indent + 1, endLine: call.line, endColumn: Math.max(indent + 2, text.length + 1) },
          symbol: `${route.method} ${route.path}`,
          related: [{ file: route.file, range: { startLine: route.line, startColumn: 1, endLine: route.line, endColumn: 1 }, message: `\`${routeLabel(route)}\` checks no ${call.kind === 'role' ? 'role' : 'sign-in'}: ${route.evidence}` }],
        });
      }
    }
  },
});
