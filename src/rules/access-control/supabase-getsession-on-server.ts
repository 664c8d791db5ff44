import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberPath } from '../../engine/ast-utils.js';
import { defineAstRule } from '../../engine/rule.js';
import { dependsOnScope } from '../../model/package-facts.js';
import type { AstNode } from '../../parse/types.js';
import { bare, enclosingFunction, patternNames, walk, type FunctionNode } from './ast-helpers.js';

/** A module that runs on the server with the request's cookies: Next.js `cookies()`, a Supabase server client. */
const SERVER_SESSION_MODULE =
  /['"]next\/headers['"]|\bcreate(?:ServerClient|RouteHandlerClient|ServerComponentClient|ServerActionClient|MiddlewareClient|PagesServerClient)\b|from\s+['"][^'"]*\/server['"]/;
/** Packages that keep the Supabase session in cookies a server reads (not the browser-only React helpers). */
const COOKIE_SESSION_PACKAGES = ['@supabase/ssr', '@supabase/auth-helpers-nextjs', '@supabase/auth-helpers-sveltekit', '@supabase/auth-helpers-remix'];
const EDGE_FUNCTION = /(?:^|\/)supabase\/functions\//;
/** Calls that ask Supabase Auth whether the token is genuine. */
const VERIFIES = /\.auth\.(?:getUser|getClaims)\s*\(/;

/**
 * `supabase.auth.getSession()` in server code with cookie sessions (`@supabase/ssr`, the auth helpers), whose
 * result then decides who the caller is (`session.user.id`) or whether they may go on (`if (!session)
 * redirect(…)`), in a function that never asks Supabase Auth to check the token (`getUser()`, `getClaims()`).
 */
export const supabaseGetsessionOnServer = defineAstRule({
  id: 'supabase-getsession-on-server',
  messageIds: ['identity', 'gate'],
  // A shared module (no client or server signal) counts when it reads the request's cookies or a server client.
  appliesTo: { roles: ['server', 'shared'] },
  triggers: ['getSession'],
  create({ file, model, report }) {
    const cookieSessions = COOKIE_SESSION_PACKAGES.some((name) => dependsOnScope(file, model, name));
    // Edge functions get the caller's token in a header, with no cookies: there `getSession()` finds nothing at all.
    const applies = cookieSessions && !EDGE_FUNCTION.test(file.path) && (file.role === 'server' || SERVER_SESSION_MODULE.test(file.text));
    return {
      CallExpression(node) {
        if (!applies || !/(?:^|\.)auth\.getSession$/.test(memberPath(node.callee as AstNode) ?? '')) return;
        const fn = enclosingFunction(node as AstNode);
        if (!fn || VERIFIES.test(file.text.slice(fn.range[0], fn.range[1]))) return;
        const use = useOf(node, fn);
        if (use) report({ messageId: use.kind, node, data: { line: use.line, code: use.code } });
      },
    };
  },
});

/** How the session read by `call` is used in `fn`: its user (identity) first, else a test of it (gate). */
function useOf(call: TSESTree.CallExpression, fn: FunctionNode): { kind: 'identity' | 'gate'; line: number; code: string } | undefined {
  const top = climbToDeclaration(call);
  const names = top ? patternNames(top.id as AstNode) : [];
  if (names.length === 0) return undefined;
  let gate: { kind: 'gate'; line: number; code: string } | undefined;
  let identity: { kind: 'identity'; line: number; code: string } | undefined;
  walk(fn.body as AstNode, (n) => {
    if (identity) return false;
    if (n.type === 'MemberExpression' && n.range[0] > call.range[1]) {
      const path = memberPath(n) ?? '';
      const [head, ...rest] = path.split('.');
      // `session.user.id`, `data.session.user`: the user the cookie names.
      if (names.includes(head) && rest.includes('user')) identity = { kind: 'identity', line: n.loc.start.line, code: path };
    } else if ((n.type === 'IfStatement' || n.type === 'ConditionalExpression') && n.range[0] > call.range[1] && !gate) {
      const test = bare(n.test as AstNode);
      const tested = test?.type === 'UnaryExpression' && test.operator === '!' ? memberPath(bare(test.argument as AstNode)) : memberPath(test);
      if (tested && names.includes(tested.split('.')[0])) gate = { kind: 'gate', line: n.loc.start.line, code: tested };
    }
    return true;
  });
  return identity ?? gate;
}

/** The declaration `const { data: { session } } = await supabase.auth.getSession()` that `call` initialises. */
function climbToDeclaration(call: TSESTree.CallExpression): TSESTree.VariableDeclarator | undefined {
  let cur: AstNode = call as AstNode;
  while (cur.parent && (cur.parent.type === 'AwaitExpression' || cur.parent.type === 'TSAsExpression' || cur.parent.type === 'TSNonNullExpression')) cur = cur.parent;
  return cur.parent?.type === 'VariableDeclarator' && cur.parent.init === cur ? cur.parent : undefined;
}
