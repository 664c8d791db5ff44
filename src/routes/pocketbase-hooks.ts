import { memberPath, staticString } from '../engine/ast-utils.js';
import type { AstNode, Program } from '../parse/types.js';
import { analyzeFunction } from './auth.js';
import { isFunction, walk } from './ast.js';
import type { DirectEntry } from './types.js';

/** PocketBase's JavaScript hooks: `pb_hooks/*.pb.js`, run by the PocketBase server itself. */
export const POCKETBASE_HOOKS_FILE = /(?:^|\/)pb_hooks\/[^/]+\.pb\.js$/;

/** PocketBase's own route middleware: a sign-in, or a superuser's (`requireAdminAuth` before v0.23). */
const REQUIRE_AUTH = /^\$apis\.(?:requireAuth|requireRecordAuth|requireAdminOrRecordAuth|requireAdminOrOwnerAuth)$/;
const REQUIRE_SUPERUSER = /^\$apis\.(?:requireSuperuserAuth|requireAdminAuth|requireSuperuserOrOwnerAuth)$/;

/**
 * Routes a PocketBase app adds in its JavaScript hooks: `routerAdd("PATCH", "/api/notes/{id}", (e) => …,
 * $apis.requireAuth())`. Its collection rules do not apply to them: the handler reads and saves records with `$app`,
 * as a superuser would, so only the middleware and the handler's own checks (`if (!e.auth) throw …`) stand between
 * a visitor and the data. (Record hooks such as `onRecordUpdateRequest` run inside PocketBase's own API, after its
 * rules: not routes.)
 */
export function collectPocketBaseHooks(ast: Program, text: string, file: string): DirectEntry[] {
  const entries: DirectEntry[] = [];
  walk(ast as AstNode, (node) => {
    if (node.type !== 'CallExpression' || node.callee.type !== 'Identifier' || node.callee.name !== 'routerAdd') return undefined;
    const [methodArg, pathArg, handler, ...rest] = node.arguments as AstNode[];
    const method = staticString(methodArg)?.toUpperCase();
    const path = staticString(pathArg);
    if (!method || !path || !isFunction(handler)) return false;
    const middleware = rest.map((m) => (m.type === 'CallExpression' ? memberPath(m.callee as AstNode) : memberPath(m)) ?? '').filter(Boolean);
    const superuser = middleware.find((m) => REQUIRE_SUPERUSER.test(m));
    const signedIn = superuser ?? middleware.find((m) => REQUIRE_AUTH.test(m));
    const line = node.loc.start.line;
    entries.push({
      method,
      path,
      line,
      framework: 'pocketbase',
      handler: analyzeFunction(handler, text, file),
      // The middleware PocketBase itself provides is judged here; others are left to the linker by name.
      middleware: middleware.filter((m) => !m.startsWith('$apis.')),
      ...(signedIn ? { auth: { state: 'required' as const, evidence: { text: `\`${signedIn}()\` turns away requests without ${superuser ? "a superuser's" : 'a'} sign-in`, file, line } } } : {}),
      ...(superuser ? { role: { text: `\`${superuser}()\``, file, line } } : {}),
    });
    return false;
  });
  return entries;
}
