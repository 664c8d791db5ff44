import type { RelatedLocation } from '../../engine/finding.js';
import { defineProjectRule } from '../../engine/rule.js';
import { lineIndexOf } from '../../discover/read.js';
import { defineFileFact } from '../../model/facts.js';
import { isWebhookPath } from '../../routes/public.js';
import type { RouteEntry } from '../../routes/types.js';
import { originLocation } from './client-query-allowed-by-policy.js';
import { routeLabel, routeLocation } from './route-facts.js';
import { findTable, operationOf, tableAccess, type Operation } from './supabase-access.js';
import { ownerColumns, privateDataEvidence, qualified } from './supabase-model.js';

/** Where the app builds a Supabase client with the public anon (publishable) key for the browser. */
const anonClient = defineFileFact(
  'supabase-anon-client',
  (file): number | undefined => {
    if (file.role !== 'client' && file.role !== 'shared') return undefined;
    const call = /\bcreate(?:Browser)?Client\s*(?:<[^>]*>)?\(([^;]{0,300})/.exec(file.text);
    if (!call || !/anon|publishable/i.test(call[1]) || /service_?role|secret/i.test(call[1])) return undefined;
    return lineIndexOf(file.lineStarts, call.index) + 1;
  },
  (parts): { path: string; line: number } | undefined => parts.length ? { path: parts[0][0].path, line: parts[0][1] } : undefined,
);

const VERB: Record<Operation, string> = { select: 'reads', insert: 'writes to', update: 'changes', delete: 'deletes from' };

function openRoute(route: RouteEntry): boolean {
  return route.auth === 'none' && !route.public && !route.trigger && route.framework !== 'parse' && !isWebhookPath(route.path) && route.method !== 'OPTIONS';
}

function at(file: string, line: number, message: string): RelatedLocation {
  return { file, range: { startLine: line, startColumn: 1, endLine: line, endColumn: 1 }, message };
}

/**
 * Findings that connect, reported as one chain from the open door to the data: a route anyone can call that
 * writes a table through the service-role key, or a table the anon key reaches as well. Its links stay
 * reported by route-without-auth, supabase-table-without-rls and supabase-permissive-policy.
 */
export const exposedDataChain = defineProjectRule({
  id: 'exposed-data-chain',
  messageIds: ['serviceRole', 'tableOpen'],
  readsAnalysis: ['routes'],
  check(ctx) {
    const anon = anonClient(ctx.model);
    for (const route of ctx.model.routes) {
      if (!openRoute(route)) continue;
      const routeFile = ctx.model.fileByPath.get(route.file);
      if (!routeFile) continue;
      for (const touch of route.touches) {
        if (!touch.supabaseClient || !touch.target || touch.target.startsWith('storage:') || (touch.kind !== 'write' && touch.kind !== 'read')) continue;
        const op = operationOf(touch);
        const found = findTable(ctx.model, touch.target);
        const where = touch.file === route.file ? `line ${touch.line}` : `${touch.file}:${touch.line}`;
        const base = { route: routeLabel(route), evidence: route.evidence, verb: VERB[op], table: found ? qualified(found.table) : touch.target, code: touch.code.replace(/\s+\./g, '.'), where };
        const touchAt = at(touch.file, touch.line, `\`${base.code}\` ${VERB[op]} \`${base.table}\``);
        const routeAt = routeLocation(route, routeFile);
        if (touch.supabaseClient === 'service-role') {
          // A service-role read matters only where the table is known to hold users' or private data.
          if (op === 'select' && !(found && (ownerColumns(found.table).length || privateDataEvidence(found.table)))) continue;
          ctx.report(routeFile, { messageId: 'serviceRole', data: base, ...routeAt, severity: 'critical', related: [touchAt] });
          break;
        }
        const access = tableAccess(ctx.model, touch.target, op);
        if (!access.table || (access.kind !== 'no-rls' && access.kind !== 'anyone')) continue;
        if (op === 'select' && !((access.kind === 'no-rls' && ownerColumns(access.table).length) || privateDataEvidence(access.table))) continue;
        const origin = access.kind === 'no-rls' ? (access.table.rlsChanged ?? access.table.created) : access.policy!.origin;
        const state = access.kind === 'no-rls' ? `has no row-level security (${origin.file.path}:${origin.statement.line})` : `is open to everyone by policy "${access.policy!.name}" (${origin.file.path}:${origin.statement.line})`;
        const related = [touchAt, originLocation(origin, access.kind === 'no-rls' ? `\`${base.table}\` is left without row-level security here` : `policy "${access.policy!.name}" lets anyone through`)];
        if (anon) related.push(at(anon.path, anon.line, 'the public anon key ships to the browser here'));
        const key = anon ? `the public anon key in \`${anon.path}\` reaches it directly as well` : 'the public anon key of the project reaches it directly as well';
        ctx.report(routeFile, { messageId: 'tableOpen', data: { ...base, state, key }, ...routeAt, severity: 'critical', related });
        break;
      }
    }
  },
});
