import { isScript } from '../../classify/types.js';
import { defineAstRule } from '../../engine/rule.js';
import { defineFileFact } from '../../model/facts.js';
import type { AstNode } from '../../parse/types.js';
import { isWritten, requestHeaderRead } from './request-headers.js';

/**
 * Who the caller is, taken from a request header the client sets (CWE-290, CWE-639): `req.headers['x-user-id']`,
 * `request.headers.get('x-user-email')`, `c.req.header('x-user-role')`. AI-written backends often have the front end
 * "pass the user id in a header for simplicity"; anyone can send the header with another user's id, or `admin` as the
 * role. Left out: headers the project's own server code sets (a gateway or a Next.js middleware that verifies the
 * session and passes the user on as `x-user-id`), which the browser cannot choose for the handlers behind it.
 */

/**
 * Headers that name the caller: `x-user-id`, `X-User-Email`, `x-account-id`, `x-uid`, `x-user-role`, `user-id`,
 * `userid`, and a vendor's name before the user's id (`x-stack-user-id`, `x-clerk-user-id`). Not those a platform's
 * proxy sets and strips from what clients send (`x-forwarded-user`, Replit's `x-replit-user-id`, AWS load balancers'
 * `x-amzn-*`, Azure's `x-ms-client-principal-id`).
 */
const IDENTITY_HEADER =
  /^(?:x-(?:(?:current|auth|logged-?in|authenticated)-)?(?:user|account|customer|member|admin|client-user)(?:-?(?:id|uid|email|role|roles|name|type))?|x-(?!forwarded-|replit-|amzn-|ms-|goog-|apigateway-|original-)[a-z0-9]+-(?:user|account|member)-?(?:id|uid|email|role)|x-uid|x-role|x-is-admin|user-?id|userid|user-?email)$/;
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
  triggers: [/['"`](?:x-(?:current-|auth-|logged-?in-|authenticated-|[a-z0-9]+-)?(?:user|account|customer|member|admin|uid|role|is-admin)|user-?id|userid|user-?email)[\w-]*['"`]|headers\.(?:userid|user_id|x_user_id)\b/i],
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
        check(node, requestHeaderRead(node));
      },
      // `request.headers.get('x-user-id')`, `req.get('x-user-id')`, `c.req.header('x-user-id')`, `headers().get(…)`, `getHeader(event, …)`.
      CallExpression(node) {
        check(node, requestHeaderRead(node));
      },
    };
  },
});
