import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberPath, staticString } from '../../engine/ast-utils.js';
import { defineAstRule } from '../../engine/rule.js';
import type { AstNode } from '../../parse/types.js';
import { enclosingFunction, patternNames, walk, type FunctionNode } from './ast-helpers.js';

/** Calls that put an identity into a PocketBase client: a session from a cookie or token, or a sign-in. */
const LOAD = /^(?:loadFromCookie|save)$/;
const SIGN_IN = /^(?:authWithPassword|authWithOAuth2Code|authWithOAuth2|authWithOTP)$/;
/** A handler's first parameter: Express's `req`, a Fetch `request`, SvelteKit's `event` or `{ request, cookies }`, Koa's `ctx`, Hono's `c`. */
const REQUEST_PARAM = /^(?:req|request|event|ctx|context|c)$/;
const REQUEST_KEYS = new Set(['request', 'event', 'cookies', 'locals', 'url', 'params']);
/** Module specifiers of the project's own files (relative, or the usual aliases), not packages. */
const PROJECT_MODULE = /^(?:\.{1,2}\/|\$lib\b|@\/|~\/|#)/;

/**
 * A PocketBase client made once for the whole server process (at module level, or imported from the module that
 * makes it) into which a request handler loads the caller's session or signs in. PocketBase's JS SDK keeps the
 * identity in the client's `authStore`, so requests handled at the same time share it: one visitor's request runs
 * with the session another request loaded, or with the superuser's. The SDK's documentation asks server code to
 * make a client per request (`event.locals.pb = new PocketBase(url)`).
 */
export const pocketbaseSharedClientAuth = defineAstRule({
  id: 'pocketbase-shared-client-auth',
  messageIds: ['sharedSession', 'sharedSuperuser'],
  appliesTo: { roles: ['server', 'shared'] },
  triggers: ['authStore', 'authWith'],
  create({ file, report }) {
    const shared = new Map<string, string>();
    const calls: TSESTree.CallExpression[] = [];
    const actions = file.text.includes('use server');
    return {
      Program(node) {
        for (const stmt of node.body) {
          if (stmt.type === 'ImportDeclaration' && PROJECT_MODULE.test(String(stmt.source.value))) {
            for (const s of stmt.specifiers) if (s.type !== 'ImportNamespaceSpecifier') shared.set(s.local.name, `imported from \`${String(stmt.source.value)}\``);
          }
          const decl = stmt.type === 'ExportNamedDeclaration' ? stmt.declaration : stmt;
          if (decl?.type !== 'VariableDeclaration') continue;
          for (const d of decl.declarations) {
            if (d.id.type === 'Identifier' && d.init?.type === 'NewExpression' && /^pocketbase$/i.test(memberPath(d.init.callee as AstNode) ?? '')) shared.set(d.id.name, `made at module level, line ${d.loc.start.line}`);
          }
        }
      },
      CallExpression(node) {
        if (shared.size && node.callee.type === 'MemberExpression' && node.callee.property.type === 'Identifier' && (LOAD.test(node.callee.property.name) || SIGN_IN.test(node.callee.property.name))) calls.push(node);
      },
      'Program:exit'() {
        for (const call of calls) {
          const use = identityCall(call);
          if (!use) continue;
          const where = shared.get(use.client);
          const fn = enclosingFunction(call);
          if (!where || !fn || declaredAround(call, use.client) || !(actions || handlesRequest(fn))) continue;
          const what = use.loads ? "loads a caller's session into it" : 'signs it in as the caller';
          report({ messageId: use.superuser ? 'sharedSuperuser' : 'sharedSession', node: call, data: { client: use.client, where, what }, ...(use.superuser ? { severity: 'critical' } : {}) });
        }
      },
    };
  },
});

/** `pb.authStore.loadFromCookie(…)`, `pb.collection('users').authWithPassword(…)`, `pb.admins.authWithPassword(…)`: the client and whether it becomes the superuser. */
function identityCall(call: TSESTree.CallExpression): { client: string; superuser: boolean; loads: boolean } | undefined {
  const callee = call.callee as TSESTree.MemberExpression;
  const method = (callee.property as TSESTree.Identifier).name;
  const object = callee.object as AstNode;
  if (LOAD.test(method)) {
    const path = memberPath(object) ?? '';
    const m = /^(\w+)\.authStore$/.exec(path);
    return m ? { client: m[1], superuser: false, loads: true } : undefined;
  }
  if (object.type === 'MemberExpression' && object.object.type === 'Identifier' && memberPath(object.property as AstNode) === 'admins') return { client: object.object.name, superuser: true, loads: false };
  if (object.type === 'CallExpression' && object.callee.type === 'MemberExpression' && object.callee.object.type === 'Identifier' && memberPath(object.callee.property as AstNode) === 'collection') {
    return { client: object.callee.object.name, superuser: staticString(object.arguments[0] as AstNode) === '_superusers', loads: false };
  }
  return undefined;
}

/** A parameter or local of a function around the call with the client's name: then it is not the module's. */
function declaredAround(call: AstNode, name: string): boolean {
  for (let fn = enclosingFunction(call); fn; fn = enclosingFunction(fn)) {
    if (fn.params.some((p) => patternNames(p as AstNode).includes(name))) return true;
    let local = false;
    walk(fn.body as AstNode, (n) => {
      if (local) return false;
      if (n.type === 'VariableDeclarator' && patternNames(n.id as AstNode).includes(name)) local = true;
      return undefined;
    });
    if (local) return true;
  }
  return false;
}

/** The call runs for a request: some function around it takes one (`(req, res, next)`, `({ event, resolve })`, `GET(request)`). */
function handlesRequest(fn: FunctionNode): boolean {
  for (let cur: FunctionNode | undefined = fn; cur; cur = enclosingFunction(cur)) {
    const first = cur.params[0];
    if (first?.type === 'Identifier' && REQUEST_PARAM.test(first.name)) return true;
    if (first?.type === 'ObjectPattern' && first.properties.some((p) => p.type === 'Property' && p.key.type === 'Identifier' && REQUEST_KEYS.has(p.key.name))) return true;
  }
  return false;
}
