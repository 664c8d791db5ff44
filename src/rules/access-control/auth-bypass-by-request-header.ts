import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberPath, propertyName } from '../../engine/ast-utils.js';
import { defineAstRule } from '../../engine/rule.js';
import type { AstNode } from '../../parse/types.js';
import { shorten, unwrap } from '../../routes/ast.js';
import { withoutComments } from '../../routes/auth.js';
import { isMinusOne } from '../../routes/debits.js';
import { conjunctsOf, enclosingFunction, isFunction, walk } from './ast-helpers.js';
import { requestHeaderRead } from './request-headers.js';

/**
 * A sign-in or key check skipped when a request header the client writes has some value (CWE-290, CWE-807):
 * `if (origin.startsWith('https://myapp.com')) return next()` before the API-key check, `if (!trustedOrigin && key
 * !== env.ADMIN_KEY) return 403`, a Next.js middleware that lets every request for a `vercel.app` host through before
 * it asks Clerk who is signed in. A browser sets `Origin` and `Referer` itself, but any other client sends whatever
 * it likes (`curl -H 'Origin: https://myapp.com'`); `Host` is whatever name the app is reached by; `User-Agent` is a
 * string the caller chooses.
 *
 * Left out: such headers used to refuse more (a CSRF check, `if (!allowed.includes(origin)) return 403` before the
 * sign-in check), to pick CORS headers, or to rewrite a tenant's host to its pages.
 */

/** Headers the client writes as it likes. */
const SPOOFABLE = /^(?:origin|referr?er|host|x-forwarded-(?:host|for)|x-real-ip|user-agent|x-requested-with)$/;
/** The host the request names, which the framework reads from `Host`: Express's `req.hostname`, Next's `req.nextUrl.hostname`. */
const HOST_HOLDER = /^(?:req|request|ctx)$|(?:^|\.)nextUrl$/;
/**
 * The whole URL the client asked for, query string included: `req.url`, `req.originalUrl`, `c.req.url`,
 * `request.url`, `ctx.url`. A test that it merely contains a text (`req.url.includes('/login')`) also holds for
 * `/api/admin/users?x=/login`.
 */
const FULL_URL = /^(?:req|request|ctx|ctx\.request|ctx\.req|c\.req|event\.request|context\.request)\.(?:url|originalUrl|href)$|(?:^|\.)nextUrl\.href$/;
/** Tests of a text anywhere in a value: what a query string can satisfy. */
const CONTAINS = /^(?:includes|match|test|endsWith|search)$/;
/** Calls that ask whether a value matches: `origin.startsWith(…)`, `ALLOWED.includes(origin)`, `/…/.test(referer)`. */
const MATCH_METHODS = /^(?:startsWith|endsWith|includes|match|test|has)$/;
/** Callbacks over a list of trusted values: `TRUSTED.some((o) => origin.startsWith(o))`. */
const LIST_METHODS = /^(?:some|find|every)$/;
/** What a sign-in or key check reads or says. */
const AUTH_WORDS = /auth|sign-?in|log-?in|token|jwt|session|\bkey\b|[-_]key\b|apikey|secret|password|verify|getUser|currentUser|protect|credential/i;
/** How a check turns a request away. */
const FAILURE = /\b40[13]\b|unauthori[sz]ed|forbidden|sign-?in|log-?in|return\s+false\b|throw\b/i;

interface HeaderTest {
  header: string;
  node: AstNode;
  /** True when the test is negated: a match of the header makes the condition false. */
  negated: boolean;
}

/** Declarations by name, in source order, each with the range of the function (or module) it belongs to. */
type Locals = Map<string, { decl: TSESTree.VariableDeclarator; scope?: readonly [number, number] }[]>;

export const authBypassByRequestHeader = defineAstRule({
  id: 'auth-bypass-by-request-header',
  messageIds: ['grant', 'skip', 'urlGrant', 'urlSkip'],
  appliesTo: { roles: ['server', 'shared'] },
  triggers: [/origin|referer|referrer|host|user-agent|x-forwarded|x-real-ip|x-requested-with/i, /\.(?:url|originalUrl|href)\b/],
  create({ file, report }) {
    const locals: Locals = new Map();
    const text = file.text;
    return {
      VariableDeclarator(node) {
        if (node.id.type !== 'Identifier' || !node.init) return;
        const entry = { decl: node, scope: enclosingFunction(node as AstNode)?.range };
        const list = locals.get(node.id.name);
        if (list) list.push(entry);
        else locals.set(node.id.name, [entry]);
      },
      IfStatement(node) {
        const ctx = { locals, at: node as AstNode };
        const testsOf = (part: AstNode) => {
          const out: HeaderTest[] = [];
          testsIn(part, false, ctx, out, 0);
          return out;
        };
        const tests = testsOf(node.test as AstNode);
        if (!tests.length) return;
        const fn = enclosingFunction(node as AstNode);
        const source = (n: AstNode) => text.slice(n.range[0], n.range[1]);
        // Let through when the header matches, with a sign-in check after it or beside it in the condition.
        const grant = tests.find((t) => !t.negated);
        // (Not a CORS middleware, which names the origin it lets through in its response headers.)
        if (grant && allows(node.consequent as AstNode) && !/Access-Control-Allow/i.test(source(node.consequent as AstNode))) {
          const after = fn ? withoutComments(text.slice(node.consequent.range[1], fn.range[1])) : '';
          const besides = disjuncts(node.test as AstNode).some((d) => !testsOf(d).length && AUTH_WORDS.test(source(d)));
          // The header test is the gate itself when nothing after it passes the request on (`else res.status(401)`).
          const gate = !!fn && !/\bnext\s*\(/.test(after);
          if (AUTH_WORDS.test(after) || besides || gate) {
            report({ messageId: grant.header === URL_PART ? 'urlGrant' : 'grant', node: node.test as AstNode, data: { header: grant.header, test: shorten(source(grant.node), 80) } });
            return;
          }
        }
        // Turned away only when the header does not match: `if (!trusted && key !== env.KEY) return 403`.
        const skip = tests.find((t) => t.negated);
        if (!skip || !FAILURE.test(source(node.consequent as AstNode))) return;
        const conjuncts = conjunctsOf(node.test as AstNode);
        const checkBeside = conjuncts.some((c) => !testsOf(c).length && AUTH_WORDS.test(source(c)));
        const checkInside = conjuncts.every((c) => testsOf(c).length > 0) && hasAuthCondition(node.consequent as AstNode, source);
        if (checkBeside || checkInside) report({ messageId: skip.header === URL_PART ? 'urlSkip' : 'skip', node: node.test as AstNode, data: { header: skip.header, test: shorten(source(skip.node), 80) } });
      },
    };
  },
});

/** The header a value holds: read directly, through a local, with a default, lower-cased, or as a URL's host. */
function headerOf(node: AstNode, ctx: { locals: Locals; at: AstNode }, depth: number): string | undefined {
  if (depth > 4) return undefined;
  const n = unwrap(node);
  const read = requestHeaderRead(n);
  if (read) return SPOOFABLE.test(read) ? read : undefined;
  switch (n.type) {
    case 'Identifier': {
      const init = localInit(n.name, ctx);
      return init ? headerOf(init, ctx, depth + 1) : undefined;
    }
    case 'LogicalExpression':
      return headerOf(n.left as AstNode, ctx, depth + 1);
    case 'MemberExpression': {
      const prop = propertyName(n);
      if (prop !== 'host' && prop !== 'hostname' && prop !== 'origin') return undefined;
      const object = unwrap(n.object as AstNode);
      // `new URL(referer).hostname`
      if (object.type === 'NewExpression' && object.callee.type === 'Identifier' && object.callee.name === 'URL' && object.arguments[0]) return headerOf(object.arguments[0] as AstNode, ctx, depth + 1);
      if (prop === 'origin') return object.type === 'Identifier' ? headerOf(object, ctx, depth + 1) : undefined;
      const path = memberPath(object) ?? '';
      if (HOST_HOLDER.test(path)) return 'host';
      const init = object.type === 'Identifier' ? localInit(object.name, ctx) : undefined;
      return init && HOST_HOLDER.test(memberPath(unwrap(init)) ?? '') ? 'host' : undefined;
    }
    case 'CallExpression': {
      // `origin.toLowerCase()`, `host.split(':')[0]` is a member of a call, `String(origin)`.
      if (n.callee.type === 'MemberExpression' && /^(?:toLowerCase|toLowerCaseLocale|trim|toString|replace|split)$/.test(propertyName(n.callee) ?? '')) return headerOf(n.callee.object as AstNode, ctx, depth + 1);
      if (n.callee.type === 'Identifier' && n.callee.name === 'String' && n.arguments[0]) return headerOf(n.arguments[0] as AstNode, ctx, depth + 1);
      return undefined;
    }
    default:
      return undefined;
  }
}

/** The tests of a spoofable header in a condition, with whether each is negated. */
function testsIn(node: AstNode, negated: boolean, ctx: { locals: Locals; at: AstNode }, out: HeaderTest[], depth: number): void {
  if (depth > 4) return;
  const n = unwrap(node);
  switch (n.type) {
    case 'UnaryExpression':
      if (n.operator === '!') testsIn(n.argument as AstNode, !negated, ctx, out, depth);
      return;
    case 'LogicalExpression':
      testsIn(n.left as AstNode, negated, ctx, out, depth);
      testsIn(n.right as AstNode, negated, ctx, out, depth);
      return;
    case 'Identifier': {
      // A boolean worked out before: `const trustedOrigin = origin.startsWith(…) || …`.
      const init = localInit(n.name, ctx);
      if (init && !headerOf(init, ctx, 0)) testsIn(init, negated, ctx, out, depth + 1);
      return;
    }
    case 'CallExpression': {
      if (n.callee.type !== 'MemberExpression') return;
      const method = propertyName(n.callee) ?? '';
      if (LIST_METHODS.test(method)) {
        const cb = n.arguments[0] as AstNode | undefined;
        if (isFunction(cb) && cb.body.type !== 'BlockStatement') testsIn(cb.body as AstNode, negated, ctx, out, depth + 1);
        return;
      }
      if (!MATCH_METHODS.test(method) && method !== 'search') return;
      // `req.url.includes('/login')`, `/\/public\//.test(req.url)`: the URL as a whole, query string included.
      // (The URL searched, `url.includes(text)`, `/re/.test(url)`; not a list searched for it, `PUBLIC.includes(req.url)`,
      // nor a pattern anchored at the start, `/^\/public\//.test(req.url)`: a query string cannot change how it starts.)
      const searched = method === 'test' ? n.arguments[0] : n.callee.object;
      const pattern = method === 'test' ? n.callee.object : n.arguments[0];
      const url = CONTAINS.test(method) && !!searched && fullUrl(searched as AstNode, ctx) && !anchoredPattern(pattern as AstNode | undefined, ctx) ? URL_PART : undefined;
      const header = url ?? headerOf(n.callee.object as AstNode, ctx, 0) ?? n.arguments.map((a) => headerOf(a as AstNode, ctx, 0)).find(Boolean);
      if (header) out.push({ header, node: n, negated });
      return;
    }
    case 'BinaryExpression': {
      const equal = n.operator === '===' || n.operator === '==';
      if (!equal && n.operator !== '!==' && n.operator !== '!=') return;
      const left = n.left as AstNode;
      const right = n.right as AstNode;
      // Whether a header is there at all (`origin === undefined`, `host !== ''`) says nothing of its value.
      if (isEmpty(left) || isEmpty(right)) return;
      // `host.indexOf('localhost') !== -1`: found when not -1.
      const found = indexOfHeader(left, ctx) ?? indexOfHeader(right, ctx);
      if (found && (isMinusOne(unwrap(left)) || isMinusOne(unwrap(right)))) {
        out.push({ header: found, node: n, negated: equal ? !negated : negated });
        return;
      }
      const header = headerOf(left, ctx, 0) ?? headerOf(right, ctx, 0);
      // A header compared with another (`origin !== host`) is a same-origin check, not a trusted value.
      if (header && !(headerOf(left, ctx, 0) && headerOf(right, ctx, 0))) out.push({ header, node: n, negated: equal ? negated : !negated });
      return;
    }
    default:
      return;
  }
}

/** The header whose text `x.indexOf(…)` searches, or the whole URL (`req.url.indexOf('/public') !== -1`). */
function indexOfHeader(node: AstNode, ctx: { locals: Locals; at: AstNode }): string | undefined {
  const n = unwrap(node);
  if (n.type !== 'CallExpression' || n.callee.type !== 'MemberExpression' || propertyName(n.callee) !== 'indexOf') return undefined;
  return fullUrl(n.callee.object as AstNode, ctx) ? URL_PART : headerOf(n.callee.object as AstNode, ctx, 0);
}

/** A regular expression that matches from the start (`/^\/uploads/`), written in place or kept in a local. */
function anchoredPattern(node: AstNode | undefined, ctx: { locals: Locals; at: AstNode }): boolean {
  const n = node && unwrap(node);
  if (n?.type === 'Literal' && 'regex' in n && n.regex) return n.regex.pattern.startsWith('^');
  const init = n?.type === 'Identifier' ? localInit(n.name, ctx) : undefined;
  return !!init && init.type === 'Literal' && 'regex' in init && !!init.regex && init.regex.pattern.startsWith('^');
}

/** What a URL test is reported as, in place of a header's name. */
const URL_PART = 'url';

/** The whole URL of the request, read directly or through a local (`const url = req.originalUrl`). */
function fullUrl(node: AstNode, ctx: { locals: Locals; at: AstNode }, depth = 0): boolean {
  const n = unwrap(node);
  if (FULL_URL.test(memberPath(n) ?? '')) return true;
  const init = n.type === 'Identifier' && depth < 3 ? localInit(n.name, ctx) : undefined;
  return !!init && fullUrl(init, ctx, depth + 1);
}

/** The innermost declaration of a local before `ctx.at`, in a function (or the module) that holds it. */
function localInit(name: string, ctx: { locals: Locals; at: AstNode }): AstNode | undefined {
  // The latest declaration before the test whose function holds it: looked for from the last one back, since the
  // traversal has only collected those before the test (a file of many handlers each declaring `origin` stops at once).
  const list = ctx.locals.get(name) ?? [];
  for (let i = list.length - 1; i >= 0; i--) {
    const { decl, scope } = list[i];
    if (decl.range[0] >= ctx.at.range[0]) continue;
    if (scope && (scope[0] > ctx.at.range[0] || scope[1] < ctx.at.range[1])) continue;
    return (decl.init as AstNode | null) ?? undefined;
  }
  return undefined;
}

function isEmpty(node: AstNode): boolean {
  return (node.type === 'Literal' && (node.value === null || node.value === '')) || (node.type === 'Identifier' && node.name === 'undefined');
}

/** Whether a branch lets the request through: `return next()`, `return NextResponse.next()`, `next()`, `await next()`, `return true`. */
function allows(branch: AstNode): boolean {
  const statements = branch.type === 'BlockStatement' ? (branch.body as AstNode[]) : [branch];
  return statements.some((st) => {
    const value = st.type === 'ReturnStatement' ? st.argument : st.type === 'ExpressionStatement' ? st.expression : undefined;
    if (!value) return false;
    const v = unwrap(value as AstNode);
    if (st.type === 'ReturnStatement' && v.type === 'Literal' && v.value === true) return true;
    if (v.type !== 'CallExpression') return false;
    const callee = memberPath(v.callee as AstNode) ?? '';
    return callee === 'next' || (st.type === 'ReturnStatement' && callee === 'NextResponse.next');
  });
}


function disjuncts(node: AstNode): AstNode[] {
  const n = unwrap(node);
  return n.type === 'LogicalExpression' && n.operator === '||' ? [...disjuncts(n.left as AstNode), ...disjuncts(n.right as AstNode)] : [n];
}

/** Whether a branch holds a condition about the sign-in or a key (`if (!key || key !== env.ADMIN_KEY)`). */
function hasAuthCondition(branch: AstNode, source: (n: AstNode) => string): boolean {
  let found = false;
  walk(branch, (n) => {
    if (found || isFunction(n)) return false;
    if ((n.type === 'IfStatement' || n.type === 'ConditionalExpression') && AUTH_WORDS.test(source(n.test as AstNode))) found = true;
    return undefined;
  });
  return found;
}
