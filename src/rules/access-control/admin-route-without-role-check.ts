import { defineProjectRule } from '../../engine/rule.js';
import { isSignInRoute } from '../../routes/public.js';
import type { RouteEntry, Touch } from '../../routes/types.js';
import { isAdminRoute, routeLabel, routeLocation } from './route-facts.js';

/** A read selected by the signed-in caller's own id or email (`User.findOne({ email: decoded.email })`). */
function readsOwnRecord(touch: Touch): boolean {
  return touch.kind === 'read' && (touch.filters ?? []).some((f) => f.from === 'session') && !(touch.filters ?? []).some((f) => f.from === 'request');
}

/** Why the route counts as an admin route without a role check, beyond what its sign-in evidence says. */
function adminEvidence(route: RouteEntry): string {
  if (route.unreadRoles) return `${route.evidence}; its ${route.unreadRoles} declares who may call it, but no guard reads that: the route and the app apply no roles guard`;
  return route.adminGuard && !isAdminRoute(route) ? `${route.evidence}; it is built on ${route.adminGuard}, named for admins, which checks no role` : route.evidence;
}

/** Admin routes, and routes that change a user's role, with no role or admin check before the change. */
export const adminRouteWithoutRoleCheck = defineProjectRule({
  id: 'admin-route-without-role-check',
  messageIds: ['openAdmin', 'anyUserAdmin', 'roleWrite'],
  readsAnalysis: ['routes'],
  check(ctx) {
    for (const route of ctx.model.routes) {
      // A caller proven by a secret of the server's (an admin API key in a header, a signed webhook) is not anyone.
      // A CORS preflight (`OPTIONS`) answers with headers and runs nothing of the route.
      if (route.roleCheck || route.auth === 'unknown' || route.trigger || route.callerProof || route.method === 'OPTIONS') continue;
      const file = ctx.model.fileByPath.get(route.file);
      if (!file) continue;
      const roleWrite = route.touches.find((t) => t.roleWrite);
      const label = routeLabel(route);
      // An admin's sign-in is reached before signing in (login-without-credential-check reads what it checks).
      if ((isAdminRoute(route) || route.adminGuard || route.unreadRoles) && !isSignInRoute(route.path)) {
        const open = route.auth === 'none';
        // "Am I an admin?": a signed-in route that only reads the caller's own record grants nothing.
        if (!open && route.touches.length > 0 && route.touches.every(readsOwnRecord)) continue;
        // A server action named for admins that touches nothing (`createAdminClient()` in a "use server" file) grants nothing.
        if (route.touches.length === 0 && route.method === 'ACTION') continue;
        ctx.report(file, {
          messageId: open ? 'openAdmin' : 'anyUserAdmin',
          data: { route: label, evidence: adminEvidence(route) },
          ...routeLocation(route, file),
          severity: open && route.touches.some((t) => t.kind === 'write' || t.kind === 'payment') ? 'critical' : 'high',
        });
      } else if (roleWrite) {
        ctx.report(file, {
          messageId: 'roleWrite',
          data: { route: label, code: roleWrite.code, where: roleWrite.file === route.file ? `line ${roleWrite.line}` : `${roleWrite.file}:${roleWrite.line}`, who: route.auth === 'none' ? 'visitor' : 'signed-in user' },
          ...routeLocation(route, file),
          severity: route.auth === 'none' ? 'critical' : 'high',
          related: [{ file: roleWrite.file, range: { startLine: roleWrite.line, startColumn: 1, endLine: roleWrite.line, endColumn: 1 }, message: `\`${roleWrite.code}\` sets a role from request data` }],
        });
      }
    }
  },
});
