import { databaseOf } from '../../database/index.js';
import { defineProjectRule } from '../../engine/rule.js';
import type { SourceFile } from '../../model/types.js';
import { escapeRegExp } from '../../engine/escape-regexp.js';

/**
 * Ways an edge function checks its caller itself: a Supabase session, a JWT library, a signed webhook, or the
 * caller's own credentials, for a sign-in endpoint that must be reachable before there is a session (a login
 * with rate limiting, a one-time code).
 */
const CALLER_CHECK = [
  /\bauth\s*\.\s*(?:signInWithPassword|signInWithOtp|signInWithIdToken|verifyOtp|exchangeCodeForSession)\s*\(/,
  /\bauth\s*\.\s*getUser\s*\(/,
  /\bauth\s*\.\s*getClaims\s*\(/,
  /\b(?:jwtVerify|verifyJwt|verifyJWT|verifyToken)\s*\(/,
  /\bjwt\s*\.\s*verify\s*\(/,
  /\bconstructEvent(?:Async)?\s*\(/,
  /\bnew\s+Webhook\s*\([^)]*\)\s*[\s\S]{0,400}?\.verify\s*\(/,
  /\bcrypto\s*\.\s*subtle\s*\.\s*verify\s*\(/,
  /\btimingSafeEqual\s*\(/,
];

function checksCaller(text: string): boolean {
  return CALLER_CHECK.some((re) => re.test(text));
}

/** `verify_jwt = false` turns off Supabase's check of the caller's JWT; then the function must check itself. */
export const supabaseEdgeFunctionWithoutJwt = defineProjectRule({
  id: 'supabase-edge-function-without-jwt',
  messageIds: ['noCallerCheck'],
  readsAnalysis: ['routes'],
  check(ctx) {
    for (const project of databaseOf(ctx.model).projects) {
      if (!project.config) continue;
      for (const fn of project.edgeFunctions) {
        if (fn.verifyJwt) continue;
        const folder = `${project.dir}supabase/functions/${fn.name}/`;
        const own = ctx.model.files.filter((f) => f.path.startsWith(folder));
        // Unknown code (the function is not in the scan) is not reported: nothing says it is open.
        if (own.length === 0) continue;
        const shared = ctx.model.files.filter((f) => f.path.startsWith(`${project.dir}supabase/functions/_shared/`) && own.some((o) => imports(o, f)));
        if ([...own, ...shared].some((f) => checksCaller(f.text))) continue;
        // What the route inventory found in the handler: a sign-in check with a rejection, a shared secret, a token.
        if (ctx.model.routes.some((r) => r.file.startsWith(folder) && (r.auth === 'required' || r.callerProof))) continue;
        const line = project.config.lineStarts[fn.line - 1] ?? 0;
        ctx.report(project.config, { messageId: 'noCallerCheck', data: { name: fn.name, file: own[0].path }, offsets: { start: line, end: line } });
      }
    }
  },
});

function imports(from: SourceFile, to: SourceFile): boolean {
  const base = to.path.slice(to.path.lastIndexOf('/') + 1).replace(/\.[jt]sx?$/, '');
  return new RegExp(`from\\s+['"][^'"]*_shared/${escapeRegExp(base)}(?:\\.[jt]sx?)?['"]`).test(from.text);
}
