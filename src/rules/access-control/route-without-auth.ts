import { isScript } from '../../classify/types.js';
import { databaseOf } from '../../database/index.js';
import { defineProjectRule } from '../../engine/rule.js';
import { isWebhookPath } from '../../routes/public.js';
import { defineFileFact } from '../../model/facts.js';
import type { RouteEntry } from '../../routes/types.js';
import { isAdminRoute, routeLabel, routeLocation, worstTouch } from './route-facts.js';
import { operationOf, tableAccess, type TableAccessKind } from './supabase-access.js';

/**
 * The sign-in machinery's own tables (`sessions`, `authSession`): a session helper looking up or clearing the
 * caller's expired session is how a route learns who calls, not data it hands out.
 */
const SESSION_TABLE = /^(?:auth_?|user_?)?sessions?$/i;

/** Frameworks whose open entry points another rule reports in its own words (Parse Cloud functions). */
const OWN_RULE = new Set(['parse']);

/** A state-changing or data-returning entry point that anyone can call: no auth middleware, guard or check. */
export const routeWithoutAuth = defineProjectRule({
  id: 'route-without-auth',
  messageIds: ['payment', 'writesUserData', 'writes', 'readsUserData', 'reads', 'spendsAi', 'relaysEmail'],
  readsAnalysis: ['routes'],
  check(ctx) {
    const edgeWithoutJwt = new Set(
      databaseOf(ctx.model).projects.flatMap((p) => p.edgeFunctions.filter((f) => !f.verifyJwt).map((f) => `${p.dir}supabase/functions/${f.name}/`)),
    );
    for (const route of ctx.model.routes) {
      if (!reportable(route)) continue;
      // supabase-edge-function-without-jwt already reports edge functions whose JWT check is turned off.
      if (route.framework === 'supabase-edge' && [...edgeWithoutJwt].some((dir) => route.file.startsWith(dir))) continue;
      // Through the caller's own Supabase client, row-level security decides: a table whose policies turn away
      // visitors without a session is not open, whatever the handler checks.
      const open = route.touches.filter((t) => !t.signedInOnly && !t.counterOnly && !t.payerPresent && !SESSION_TABLE.test(t.target ?? '') && (t.supabaseClient !== 'user' || !closedToVisitors(tableAccess(ctx.model, t.target ?? '', operationOf(t)).kind)));
      // A model anyone may run is a cost the app chose to carry when something limits how often (a rate limiter).
      const touch = worstTouch(route.rateLimit ? open.filter((t) => t.kind !== 'ai') : open);
      const file = ctx.model.fileByPath.get(route.file);
      if (!touch || !file) continue;
      const unknownPolicies = touch.supabaseClient === 'user' && tableAccess(ctx.model, touch.target ?? '', operationOf(touch)).kind === 'unknown';
      // PocketBase checks each call against the collection's API rules (kept in its admin UI or pb_migrations, not
      // read here) unless the client signed in as a superuser somewhere in the project.
      const pocketbaseRules = touch.pocketbase && !superuserClient(ctx.model);
      const messageId =
        touch.kind === 'payment' ? 'payment' : touch.kind === 'ai' ? 'spendsAi' : touch.kind === 'email' ? 'relaysEmail' : touch.kind === 'write' ? (touch.userData ? 'writesUserData' : 'writes') : touch.userData ? 'readsUserData' : 'reads';
      const sameFile = touch.file === route.file;
      ctx.report(file, {
        messageId,
        data: {
          route: routeLabel(route),
          code: touch.code,
          target: touch.target ?? 'the database',
          where: sameFile ? `line ${touch.line}` : `${touch.file}:${touch.line}`,
          evidence: unknownPolicies
            ? `${route.evidence}; it uses the caller's own Supabase client, so only row-level security can stop a visitor, and no migration here shows \`${touch.target}\`'s policies`
            : pocketbaseRules
              ? `${route.evidence}; it goes through a PocketBase client that never signs in as a superuser, so the API rules of \`${touch.target}\` decide, and they are not read here (an empty rule lets anyone in)`
              : route.evidence,
        },
        ...routeLocation(route, file),
        severity: messageId === 'reads' || messageId === 'spendsAi' ? 'medium' : 'high',
        confidence: unknownPolicies || pocketbaseRules ? 'low' : sameFile ? 'high' : 'medium',
        related: [{ file: touch.file, range: { startLine: touch.line, startColumn: 1, endLine: touch.line, endColumn: 1 }, message: `\`${touch.code}\` ${touch.kind === 'read' ? 'reads' : touch.kind === 'payment' ? 'moves money' : touch.kind === 'ai' ? 'runs a paid AI model' : touch.kind === 'email' ? 'sends the message the request wrote, to the address it gave' : 'changes data'}` }],
      });
    }
  },
});

/** A PocketBase client signed in as a superuser anywhere in the project: its calls skip every collection's API rules. */
const SUPERUSER_AUTH = /\.admins\.authWithPassword\s*\(|collection\(\s*['"]_superusers['"]\s*\)\s*\.authWith/;
const superuserClient = defineFileFact(
  'PocketBase superuser client',
  (file) => (isScript(file.language) && file.role !== 'test' && file.role !== 'build-output' && SUPERUSER_AUTH.test(file.text) ? true : undefined),
  (parts) => parts.length > 0,
);

/** Policies that give a visitor without a session nothing: none apply to `anon`, or they need a signed-in user. */
function closedToVisitors(kind: TableAccessKind): boolean {
  return kind === 'denied' || kind === 'owner' || kind === 'signed-in';
}

function reportable(route: RouteEntry): boolean {
  return (
    route.auth === 'none' &&
    !route.public &&
    !route.trigger &&
    !OWN_RULE.has(route.framework) &&
    !isWebhookPath(route.path) &&
    route.method !== 'OPTIONS' &&
    // Admin routes get the stricter admin-route-without-role-check finding instead.
    !isAdminRoute(route) &&
    route.touches.length > 0
  );
}
