import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberPath, propertyName, staticString } from '../../engine/ast-utils.js';
import { isScript } from '../../classify/types.js';
import { defineAstRule } from '../../engine/rule.js';
import { defineFileFact } from '../../model/facts.js';
import type { AstNode } from '../../parse/types.js';

/**
 * Who the caller is, taken from a request header the client sets (CWE-290, CWE-639): `req.headers['x-user-id']`,
 * `request.headers.get('x-user-email')`, `c.req.header('x-user-role')`. AI-written backends often have the front end
 * "pass the user id in a header for simplicity"; anyone can send the header with another user's id, or `admin` as the
 * role. Left out: headers the project's own server code sets (a gateway or a Next.js middleware that verifies the
 * session and passes the user on as `x-user-id`), which the browser cannot choose for the handlers behind it.
 */

/** Headers that name the caller: `x-user-id`, `X-User-Email`, `x-account-id`, `x-uid`, `x-user-role`, `user-id`, `userid`. */
const IDENTITY_HEADER = /^(?:x-(?:(?:current|auth|logged-?in|authenticated)-)?(?:user|account|customer|member|admin|client-user)(?:-?(?:id|uid|email|role|roles|name|type))?|x-uid|x-role|x-is-admin|user-?id|userid|user-?email)$/;
/** Where the read happens: the request's headers, Next's `headers()`, h3's `getHeader(event, …)`. */
const HEADER_CALL = /(?:^|\.)(?:get|header)$/;
const H3_HEADER = /^(?:getHeader|getRequestHeader)$/;

/** Identity headers the project's server code sets itself, lower-cased: a gateway or middleware passing on who it verified. */
const serverSetHeaders = defineFileFact(
  'identity headers set by the server',
  (f): string[] | undefined => {
    if (!isScript(f.language) || f.role !== 'server' || !/x-|user-?id/i.test(f.text)) return undefined;
    const found = new Set<string>();
    for (const m of f.text.matchAll(SETS_HEADER)) {
      const name = (m[1] ?? m[2] ?? m[3] ?? '').toLowerCase();
      if (IDENTITY_HEADER.test(name)) found.add(name);
    }
    return found.size ? [...found] : undefined;
  },
  (parts) => new Set(parts.flatMap(([, names]) => names)),
);
/** `headers.set('x-user-id', …)`, `req.headers['x-user-id'] = …`, `{ 'x-user-id': user.id }` sent on, `proxyReq.setHeader('x-user-id', …)`. */
const SETS_HEADER = /\.(?:set|append|setHeader)\(\s*['"`]([\w-]+)['"`]\s*,|headers\[\s*['"`]([\w-]+)['"`]\s*\]\s*=(?!=)|['"`]([xX]-[\w-]+)['"`]\s*:\s*(?!['"`])/g;

export const identityFromRequestHeader = defineAstRule({
  id: 'identity-from-request-header',
  messageIds: ['header'],
  appliesTo: { roles: ['server', 'shared'] },
  triggers: [/['"`](?:x-(?:current-|auth-|logged-?in-|authenticated-)?(?:user|account|customer|member|admin|uid|role|is-admin)|user-?id|userid|user-?email)[\w-]*['"`]|headers\.(?:userid|user_id|x_user_id)\b/i],
  create({ model, report }) {
    const reported = new Set<string>();
    const check = (node: AstNode, name: string | undefined) => {
      const header = name?.toLowerCase();
      if (!header || !IDENTITY_HEADER.test(header) || isWritten(node)) return;
      const key = `${header}:${node.loc.start.line}`;
      if (reported.has(key) || serverSetHeaders(model).has(header)) return;
      reported.add(key);
      report({ messageId: 'header', node, data: { header } });
    };
    return {
      // `req.headers['x-user-id']`, `req.headers.userid`.
      MemberExpression(node) {
        const holder = memberPath(node.object as AstNode) ?? '';
        if (!/(?:^|\.)headers$/.test(holder) || !REQUEST_OBJECT.test(holder)) return;
        check(node, node.computed ? staticString(node.property as AstNode) : propertyName(node));
      },
      // `request.headers.get('x-user-id')`, `req.get('x-user-id')`, `c.req.header('x-user-id')`, `headers().get(…)`, `getHeader(event, …)`.
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type === 'Identifier' && H3_HEADER.test(callee.name)) return check(node, staticString(node.arguments[1] as AstNode));
        if (callee.type !== 'MemberExpression' || !HEADER_CALL.test(propertyName(callee) ?? '')) return;
        const holder = callee.object as AstNode;
        const path = memberPath(holder) ?? '';
        // (Hono's `c.get('userId')` and other contexts' `ctx.get(…)` read what a middleware stored, not a header.)
        if (propertyName(callee) === 'get' && CONTEXT.test(path)) return;
        if (!isHeadersCall(holder) && !REQUEST_OBJECT.test(path)) return;
        check(node, staticString(node.arguments[0] as AstNode));
      },
    };
  },
});

/** The request or its headers: `req`, `request.headers`, `c.req`, `ctx.request`, `event.headers`, `headersList`. */
const REQUEST_OBJECT = /^(?:req|request|ctx|c|event|context|incoming)(?:\.(?:req|request|node|raw))*(?:\.headers)?$|^(?:headers|headersList|reqHeaders|requestHeaders|incomingHeaders)$/;

/** A framework's context rather than its request: Hono's `c`, Koa's, Elysia's and others' `ctx` / `context`. */
const CONTEXT = /^(?:c|ctx|context)$/;

/** `headers()` or `await headers()` (next/headers). */
function isHeadersCall(node: AstNode): boolean {
  const n = node.type === 'AwaitExpression' ? (node.argument as AstNode) : node;
  return n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'headers';
}

/** The header is being set here (`req.headers['x-user-id'] = decoded.sub`), not read. */
function isWritten(node: AstNode): boolean {
  const parent = node.parent as TSESTree.Node | undefined;
  return (parent?.type === 'AssignmentExpression' && parent.left === (node as TSESTree.Node)) || (parent?.type === 'UnaryExpression' && parent.operator === 'delete');
}
