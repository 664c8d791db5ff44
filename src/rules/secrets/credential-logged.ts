import { calleePath, memberPath, propertyName, staticString } from '../../engine/ast-utils.js';
import { defineAstRule } from '../../engine/rule.js';
import { nodeMemo } from '../../parse/node-memo.js';
import type { AstNode } from '../../parse/types.js';
import { shorten } from '../../routes/ast.js';
import { bare, enclosingFunction, walk } from '../access-control/ast-helpers.js';
import { developmentOnly } from '../development-branch.js';
import { passesValue } from './env-secret-values.js';
import { LOG_CALL } from './secret-logged.js';

/**
 * What a caller signs in with, written to the logs (CWE-532): the Authorization header (`console.log('auth',
 * req.headers.authorization)`), a token or session cookie, the password a sign-in or sign-up sent, a local holding one
 * of them, or the whole body of a request that carries a password. Whoever reads the logs can act as that user
 * until the token expires, or sign in with the password. Left out: what only says whether one was sent or what kind
 * it is (`!!token`, `token.length`, `authHeader.startsWith('Bearer ')`), values the server derived from them (the
 * decoded user), and development-only branches.
 */

/** The request: Express, Koa, Hono, Next.js, SvelteKit, Fastify. */
const REQUEST = String.raw`(?:req|request|ctx\.request|ctx\.req|ctx|c\.req|event\.request|event|context\.request)`;
const AUTH_HEADER = new RegExp(String.raw`^${REQUEST}\.headers\.authorization$`, 'i');
const HEADER_CALL = new RegExp(String.raw`^${REQUEST}\.(?:headers\.get|header|get|getHeader)$`);
const COOKIE_MEMBER = new RegExp(String.raw`^${REQUEST}\.cookies\.(\w+)$`);
const COOKIE_CALL = new RegExp(String.raw`^(?:${REQUEST}\.cookies\.get|cookies\(\)\.get|cookieStore\.get|getCookie)$`);
const WHOLE_BODY = new RegExp(String.raw`^${REQUEST}\.body$`);
const BODY_FIELD = new RegExp(String.raw`^${REQUEST}\.body\.(\w+)$`);
/** The body parsed from a fetch-style request (`await request.json()`, Hono's `c.req.json()`). */
const REQUEST_JSON = new RegExp(String.raw`^${REQUEST}\.json$`);
const FORM_GET = /^(?:formData|form|data)\.get$/;
/** Cookies that hold a sign-in. */
const SIGN_IN_COOKIE = /token|session|jwt|auth|^sid$|connect\.sid/i;
/** Fields of a body that hold a password. */
const PASSWORD_FIELD = /^(?:password|pass|passwd|pwd|newPassword|currentPassword|oldPassword|confirmPassword|passwordConfirm(?:ation)?)$/i;

type Credential = 'header' | 'cookie' | 'password';
const WHAT: Record<Credential, string> = {
  header: "the caller's Authorization header (their bearer token)",
  cookie: "the caller's sign-in cookie",
  password: 'the password the caller sent',
};

/** The credential a node reads from the request as it is, if any. */
function credentialRead(node: AstNode): Credential | undefined {
  if (node.type === 'MemberExpression') {
    const path = memberPath(node) ?? computedPath(node);
    if (!path) return undefined;
    if (AUTH_HEADER.test(path)) return 'header';
    const cookie = COOKIE_MEMBER.exec(path)?.[1];
    if (cookie && SIGN_IN_COOKIE.test(cookie)) return 'cookie';
    const field = BODY_FIELD.exec(path)?.[1];
    if (field && PASSWORD_FIELD.test(field)) return 'password';
    return undefined;
  }
  if (node.type === 'CallExpression') {
    const callee = calleePath(node) ?? '';
    const key = staticString(node.arguments[node.arguments.length > 1 && callee === 'getCookie' ? 1 : 0] as AstNode | undefined);
    if (!key) return undefined;
    if (HEADER_CALL.test(callee) && /^authorization$/i.test(key)) return 'header';
    if (FORM_GET.test(callee) && PASSWORD_FIELD.test(key)) return 'password';
    if (COOKIE_CALL.test(callee) && SIGN_IN_COOKIE.test(key)) return 'cookie';
  }
  return undefined;
}

/** `req.headers['authorization']`, `req.cookies['token']`: the path with the string key. */
function computedPath(node: AstNode): string | undefined {
  if (node.type !== 'MemberExpression' || !node.computed) return undefined;
  const key = staticString(node.property as AstNode);
  const object = memberPath(node.object as AstNode);
  return key && object && /^[\w.]+$/.test(key) ? `${object}.${key}` : undefined;
}

/** The credential an expression carries as it is: read in place or held by a local. */
function credentialIn(arg: AstNode, locals: ReadonlyMap<string, Credential>): { node: AstNode; kind: Credential } | undefined {
  let found: { node: AstNode; kind: Credential } | undefined;
  walk(arg, (n) => {
    if (found) return false;
    const kind = credentialRead(n) ?? (n.type === 'Identifier' && !isKey(n) ? locals.get(n.name) : undefined);
    if (!kind) return undefined;
    if (passesValue(n, arg)) found = { node: n, kind };
    return false;
  });
  return found;
}

function isKey(n: AstNode): boolean {
  const parent = n.parent;
  return (parent?.type === 'MemberExpression' && parent.property === n && !parent.computed) || (parent?.type === 'Property' && parent.key === n && !parent.computed && !parent.shorthand);
}

/**
 * Locals of a function that hold a credential: `const authHeader = req.headers.authorization`, `const token =
 * authHeader.split(' ')[1]`, `const { password } = req.body`, `const token = req.cookies.get('token')?.value`.
 * Declared in order, so a local holds what an earlier one did.
 */
function credentialLocals(fn: AstNode): ReadonlyMap<string, Credential> {
  const known = localsMemo.get(fn);
  if (known) return known;
  const out = new Map<string, Credential>();
  walk(fn, (n) => {
    if (n.type !== 'VariableDeclarator' || !n.init) return undefined;
    const init = n.init as AstNode;
    if (n.id.type === 'Identifier') {
      const held = credentialIn(init, out);
      if (held) out.set(n.id.name, held.kind);
    } else if (n.id.type === 'ObjectPattern') {
      const value = bare(init);
      const from = memberPath(value) ?? '';
      const body = WHOLE_BODY.test(from) || (value?.type === 'CallExpression' && REQUEST_JSON.test(calleePath(value) ?? ''));
      for (const p of n.id.properties) {
        const key = p.type === 'Property' ? propertyName(p) : undefined;
        const value = p.type === 'Property' ? (p.value.type === 'AssignmentPattern' ? p.value.left : p.value) : undefined;
        if (!key || value?.type !== 'Identifier') continue;
        if (body && PASSWORD_FIELD.test(key)) out.set(value.name, 'password');
        else if (/\.headers$/.test(from) && /^authorization$/i.test(key)) out.set(value.name, 'header');
        else if (/\.cookies$/.test(from) && SIGN_IN_COOKIE.test(key)) out.set(value.name, 'cookie');
      }
    }
    return undefined;
  });
  localsMemo.set(fn, out);
  return out;
}


const localsMemo = nodeMemo<AstNode, Map<string, Credential>>('credential locals');

/** Whether the function reads a password field of the request's body (so the whole body logged holds one). */
function readsBodyPassword(fn: AstNode, locals: ReadonlyMap<string, Credential>): boolean {
  if ([...locals.values()].includes('password')) return true;
  const known = passwordMemo.get(fn);
  if (known !== undefined) return known;
  let found = false;
  walk(fn, (n) => {
    if (found) return false;
    if (n.type === 'MemberExpression' && credentialRead(n) === 'password') found = true;
    return undefined;
  });
  passwordMemo.set(fn, found);
  return found;
}

/** Whether a function reads a password field of its body: walked once per function, for every log call in it. */
const passwordMemo = nodeMemo<AstNode, boolean>('reads a body password');

export const credentialLogged = defineAstRule({
  id: 'credential-logged',
  messageIds: ['credential', 'bodyWithPassword'],
  appliesTo: { roles: ['server', 'shared'] },
  triggers: [/authorization|cookie|passw|\bpass\b|pwd/i],
  create({ file, report }) {
    return {
      CallExpression(node) {
        if (!LOG_CALL.test(calleePath(node) ?? '') || !node.arguments.length) return;
        const fn = enclosingFunction(node) as AstNode | undefined;
        const locals = fn ? credentialLocals(fn) : new Map<string, Credential>();
        const code = shorten(file.text.slice(node.range[0], node.range[1]), 80);
        for (const arg of node.arguments) {
          const leak = credentialIn(arg as AstNode, locals);
          if (leak) {
            if (!developmentOnly(node, file.text)) report({ messageId: 'credential', node, data: { code, what: WHAT[leak.kind] } });
            return;
          }
        }
        // The whole body of a sign-in or sign-up (`console.log(req.body)` where the handler reads `req.body.password`).
        const whole = node.arguments.find((a) => WHOLE_BODY.test(memberPath(bare(a as AstNode) as AstNode) ?? '') && passesValue(bare(a as AstNode)!, a as AstNode));
        if (whole && fn && readsBodyPassword(fn, locals) && !developmentOnly(node, file.text)) report({ messageId: 'bodyWithPassword', node, data: { code } });
      },
    };
  },
});
