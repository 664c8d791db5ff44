import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { AstNode, Program } from '../parse/types.js';
import { analyzeFunction } from './auth.js';
import { chainOf, isFunction, walk, type FunctionNode } from './ast.js';
import type { DirectEntry } from './types.js';

const KINDS: Record<string, string> = { query: 'QUERY', mutation: 'MUTATION', subscription: 'SUBSCRIPTION' };
const PROTECTED = /protected|authed|authenticated|auth|private|admin|user|signedIn|loggedIn|member|owner|org|session|pro/i;

/** tRPC procedures: `publicProcedure.query(…)` is open, `protectedProcedure.mutation(…)` needs a session. */
export function collectTrpc(ast: Program, text: string, file: string): DirectEntry[] {
  const entries: DirectEntry[] = [];
  walk(ast, (node, ancestors) => {
    if (node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression' || node.callee.property.type !== 'Identifier') return;
    const kind = KINDS[node.callee.property.name];
    if (!kind) return;
    const { root, steps } = chainOf(node);
    const base = root === 't' && steps[0]?.name === 'procedure' ? 't.procedure' : root;
    if (!base || !(/procedure$/i.test(base) || base === 't.procedure')) return;
    const fn = node.arguments.find((a) => isFunction(a as AstNode)) as FunctionNode | undefined;
    const prop = [...ancestors].reverse().find((a) => a.type === 'Property') as TSESTree.Property | undefined;
    let declAt = ancestors.length - 1;
    while (declAt >= 0 && ancestors[declAt].type !== 'VariableDeclarator') declAt--;
    const decl = declAt >= 0 ? (ancestors[declAt] as TSESTree.VariableDeclarator) : undefined;
    // (A procedure kept in a constant of its own, `export const emailVerify = publicProcedure…`, is named by it.)
    const key = !prop ? '' : prop.key.type === 'Identifier' ? prop.key.name : '?';
    // The path a client calls: the router's name (not the root router's) and the keys of the routers nested in it,
    // `orders.create` for `appRouter = router({ orders: router({ create: … }) })`.
    const routerName = decl?.id.type === 'Identifier' ? decl.id.name.replace(/Router$/, '').replace(/^(?:app|root|main|server|api|trpc)$/i, '') : '';
    const nested = ancestors.slice(declAt + 1).flatMap((a) => (a.type === 'Property' && a !== prop && a.key.type === 'Identifier' ? [a.key.name] : []));
    const uses = steps.filter((s) => s.name === 'use').map((s) => (s.args?.[0]?.type === 'Identifier' ? s.args[0].name : 'middleware'));
    const handler = fn ? analyzeFunction(fn, text, file, key || routerName) : { file, startLine: node.loc.start.line, endLine: node.loc.end.line, touches: [], calls: [] };
    const line = prop?.loc.start.line ?? node.loc.start.line;
    const entry: DirectEntry = { method: kind, path: [routerName, ...nested, key].filter(Boolean).join('.') || '?', line, framework: 'trpc', handler, middleware: [base, ...uses] };
    const protectedUse = uses.find((u) => PROTECTED.test(u));
    if (/^public/i.test(base) && !protectedUse) entry.auth = { state: 'none', evidence: { text: `\`${base}\` (no sign-in needed)`, file, line } };
    else if (PROTECTED.test(base) || protectedUse) entry.auth = { state: 'required', evidence: { text: `\`${protectedUse ?? base}\` requires a session`, file, line } };
    if (/admin|role/i.test(base)) entry.role = { text: `\`${base}\``, file, line };
    entries.push(entry);
  });
  return entries;
}
