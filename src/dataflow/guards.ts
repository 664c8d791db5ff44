import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { envVarRead, memberPath, staticString } from '../engine/ast-utils.js';
import type { AstNode } from '../parse/types.js';
import type { SinkKind } from './types.js';

/** "When the test is `holdsWhen`, the value at `path` is safe for `kinds`." */
export interface Guard {
  path: string;
  kinds: readonly SinkKind[] | 'all';
  holdsWhen: boolean;
  /** The check proves nothing when this object is client data (`Object.hasOwn(body, key)`: a parsed body has its own `__proto__`). */
  unlessTainted?: string;
  /** `x.startsWith('/…')`: where the check holds, the text is a path (see `Val.rooted`). */
  rooted?: boolean;
}

const TEXT_ONLY: SinkKind[] = ['nosql', 'prototype-pollution'];
const VALIDATOR_CALL = /^(?:is[A-Z]\w*|valid\w*|\w*(?:Valid|Safe|Allowed|Whitelisted|Allowlisted)\w*|check\w+|verify\w+)$/;
const NOT_VALIDATORS = /^(?:isEmpty|isNil|isNull|isUndefined|isArray|isObject|isString|isAuthenticated|isLoggedIn|isAdmin|isError|isBuffer|isDate|isFunction|isPlainObject|checkAuth|verifyToken|verifySession|verifyJwt)$/;

/** Guards a branch condition establishes, for `if (...) return` checks and validated branches. */
export function guardsOf(test: TSESTree.Expression): Guard[] {
  const t = unwrap(test);
  if (t.type === 'UnaryExpression' && t.operator === '!') return guardsOf(t.argument).map((g) => ({ ...g, holdsWhen: !g.holdsWhen }));
  if (t.type === 'LogicalExpression' && (t.operator === '&&' || t.operator === '||')) {
    const [left, right] = [guardsOf(t.left), guardsOf(t.right)];
    const and = t.operator === '&&';
    // A check that holds when either side does (`&&`: both hold; `||`: both fail), and one each side of the same value
    // that holds the other way (`x !== 'name' && x !== 'type'` is false only when x is one of them).
    return [...[...left, ...right, ...sameSitePath(t)].filter((g) => g.holdsWhen === and), ...onBothSides(left, right, !and)];
  }
  if (t.type === 'BinaryExpression') {
    const negated = t.operator === '!==' || t.operator === '!=';
    if (t.operator === '===' || t.operator === '==' || negated) {
      // typeof x === 'string' / 'number'
      for (const [a, b] of [[t.left, t.right], [t.right, t.left]] as const) {
        if (a.type === 'UnaryExpression' && a.operator === 'typeof') {
          const path = memberPath(a.argument as AstNode);
          const type = staticString(b as AstNode);
          if (!path || !type) continue;
          const kinds = type === 'number' || type === 'boolean' || type === 'bigint' ? 'all' : type === 'string' ? TEXT_ONLY : undefined;
          if (kinds) return [{ path, kinds, holdsWhen: !negated }];
        }
      }
      // key === '__proto__' || key === 'constructor': the key cannot walk to Object.prototype.
      for (const [a, b] of [[t.left, t.right], [t.right, t.left]] as const) {
        const path = memberPath(a as AstNode);
        if (path && PROTO_KEYS.has(staticString(b as AstNode) ?? '')) return [{ path, kinds: ['prototype-pollution'], holdsWhen: negated }];
      }
      // url.hostname === 'api.example.com': the URL goes to that host.
      for (const [a, b] of [[t.left, t.right], [t.right, t.left]] as const) {
        const base = hostOf(memberPath(a as AstNode));
        if (base && (staticString(b as AstNode) !== undefined || b.type === 'Identifier' || b.type === 'MemberExpression')) return [{ path: base, kinds: HOST_PINNED, holdsWhen: !negated }];
      }
      // url.protocol === 'https:': not a `javascript:` URL.
      for (const [a, b] of [[t.left, t.right], [t.right, t.left]] as const) {
        const url = PROTOCOL_PART.exec(memberPath(a as AstNode) ?? '')?.[1];
        const scheme = staticString(b as AstNode);
        if (url && scheme !== undefined) return [{ path: url, kinds: ['xss'], holdsWhen: SCRIPT_SCHEME.test(scheme) ? negated : !negated }];
      }
      // ALLOWED.indexOf(x) !== -1
      const call = t.left.type === 'CallExpression' ? t.left : undefined;
      if (call && call.callee.type === 'MemberExpression' && !call.callee.computed && call.callee.property.type === 'Identifier' && call.callee.property.name === 'indexOf') {
        const path = memberPath(call.arguments[0] as AstNode);
        const minusOne = t.right.type === 'UnaryExpression' && t.right.operator === '-';
        if (path && minusOne) return [{ path, kinds: 'all', holdsWhen: negated }, ...hostGuard(path, negated)];
      }
      // sort === 'name': where it holds, the value is that constant.
      for (const [a, b] of [[t.left, t.right], [t.right, t.left]] as const) {
        const path = memberPath(a as AstNode);
        if (path && b.type === 'Literal' && (typeof b.value === 'string' || typeof b.value === 'number')) return [{ path, kinds: 'all', holdsWhen: !negated }];
      }
      return [];
    }
    if (t.operator === 'in') {
      const path = memberPath(t.left as AstNode);
      return path ? [{ path, kinds: 'all', holdsWhen: true }] : [];
    }
    return [];
  }
  if (t.type === 'CallExpression') {
    const callee = t.callee;
    if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier') {
      const method = callee.property.name;
      const arg = memberPath(t.arguments[0] as AstNode);
      const receiver = memberPath(callee.object as AstNode);
      if (method === 'includes' && receiver && staticString(t.arguments[0] as AstNode) === '..') return [{ path: receiver, kinds: ['path'], holdsWhen: false }];
      // Object.hasOwn(store, key), store.hasOwnProperty(key), Object.prototype.hasOwnProperty.call(store, key): an own key is not `__proto__`.
      const ownCheck = method === 'hasOwn' && receiver === 'Object' ? 1 : method === 'call' && /(?:^|\.)hasOwnProperty$/.test(receiver ?? '') ? 1 : method === 'hasOwnProperty' ? 0 : -1;
      if (ownCheck >= 0) {
        const key = memberPath(t.arguments[ownCheck] as AstNode);
        const owner = ownCheck === 1 ? memberPath(t.arguments[0] as AstNode) : receiver;
        return key && owner ? [{ path: key, kinds: ['prototype-pollution'], holdsWhen: true, unlessTainted: owner }] : [];
      }
      // ['__proto__', 'constructor'].includes(key), FORBIDDEN_KEYS.has(key): a deny-list of prototype keys.
      if ((method === 'includes' || method === 'has') && arg && isProtoDenyList(callee.object)) return [{ path: arg, kinds: ['prototype-pollution'], holdsWhen: false }];
      if ((method === 'includes' || method === 'has') && arg && callee.object.type !== 'Literal') return [{ path: arg, kinds: 'all', holdsWhen: true }, ...hostGuard(arg, true), ...protocolGuard(arg, true)];
      // url.hostname.endsWith('.example.com'): only subdomains of one domain (without the dot, `evilexample.com` passes).
      if (method === 'endsWith' && /^\./.test(staticString(t.arguments[0] as AstNode) ?? '')) return hostGuard(receiver, true);
      if (method === 'test' && arg && (callee.object.type === 'Literal' || receiver)) return [{ path: arg, kinds: 'all', holdsWhen: true }];
      if ((method === 'startsWith') && receiver && t.arguments.length > 0) {
        const prefix = staticString(t.arguments[0] as AstNode);
        return [{ path: receiver, kinds: startsWithKinds(prefix), holdsWhen: true, ...(prefix?.startsWith('/') ? { rooted: true } : {}) }];
      }
      if ((method === 'isInteger' || method === 'isSafeInteger' || method === 'isFinite') && arg) return [{ path: arg, kinds: 'all', holdsWhen: true }];
      if (VALIDATOR_CALL.test(method) && !NOT_VALIDATORS.test(method) && arg) return [{ path: arg, kinds: 'all', holdsWhen: true }];
      return [];
    }
    if (callee.type === 'Identifier') {
      const arg = memberPath(t.arguments[0] as AstNode);
      if (!arg) return [];
      if (callee.name === 'isNaN') return [{ path: arg, kinds: 'all', holdsWhen: false }];
      if (VALIDATOR_CALL.test(callee.name) && !NOT_VALIDATORS.test(callee.name)) return [{ path: arg, kinds: 'all', holdsWhen: true }];
    }
  }
  return [];
}

const PROTO_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const DENY_LIST_NAME = /forbid|block|deny|denied|unsafe|danger|reserved|banned|blacklist|illegal|proto/i;

function isProtoDenyList(node: TSESTree.Node): boolean {
  if (node.type === 'ArrayExpression') return node.elements.some((e) => PROTO_KEYS.has(staticString(e as AstNode) ?? ''));
  const name = memberPath(node as AstNode);
  return !!name && DENY_LIST_NAME.test(name.split('.').pop() ?? '');
}

const HOST_PART = /^(.+)\.(?:hostname|host|origin)$/;
const PROTOCOL_PART = /^(.+)\.protocol$/;
const SCRIPT_SCHEME = /^\s*(?:javascript|data|vbscript):?$/i;
/** A URL whose host is checked goes to that host: a request stays there, a redirect does not leave the site. */
const HOST_PINNED: SinkKind[] = ['redirect', 'ssrf'];

/**
 * What `x.startsWith(prefix)` makes safe. A `/` alone lets `//evil.com` through, so it does not keep a redirect on
 * the site (see sameSitePath); any fixed start other than `javascript:` keeps a link from running script.
 */
function startsWithKinds(prefix: string | undefined): SinkKind[] {
  if (prefix === undefined) return ['path', 'redirect', 'ssrf'];
  const xss: SinkKind[] = /^(?:https?|mailto:|tel:|[/#?])/i.test(prefix) ? ['xss'] : [];
  if (prefix === '/' || prefix === '\\') return ['path', ...xss];
  return ['path', 'redirect', 'ssrf', ...xss];
}

/** `x.startsWith('/') && !x.startsWith('//')` (or its negation with `||`): a path on this site, not `//evil.com`. */
function sameSitePath(t: TSESTree.LogicalExpression): Guard[] {
  const operands: TSESTree.Expression[] = [];
  const flatten = (e: TSESTree.Expression): void => {
    if (e.type === 'LogicalExpression' && e.operator === t.operator) {
      flatten(e.left);
      flatten(e.right);
    } else operands.push(unwrap(e));
  };
  flatten(t);
  const checks = operands.map(startsWithCheck).filter((c): c is NonNullable<typeof c> => !!c);
  // With `&&` both hold when the value passes; with `||` both fail.
  const want = t.operator === '&&';
  for (const slash of checks) {
    if (slash.prefix !== '/' || slash.holds !== want) continue;
    // Both second characters refused: browsers read `/\evil.com` as `//evil.com` (getSafeRedirect's gap).
    const refused = (second: string) => checks.some((c) => c.path === slash.path && c.prefix === `/${second}` && c.holds !== want);
    if (refused('/') && refused('\\')) return [{ path: slash.path, kinds: ['redirect'], holdsWhen: want }];
  }
  return [];
}

/** `x.startsWith('…')` or its negation: the value tested, the prefix, and whether the test says it starts so. */
function startsWithCheck(e: TSESTree.Expression): { path: string; prefix: string; holds: boolean } | undefined {
  if (e.type === 'UnaryExpression' && e.operator === '!') {
    const inner = startsWithCheck(unwrap(e.argument));
    return inner && { ...inner, holds: !inner.holds };
  }
  if (e.type !== 'CallExpression' || e.callee.type !== 'MemberExpression' || e.callee.computed || e.callee.property.type !== 'Identifier' || e.callee.property.name !== 'startsWith') return undefined;
  const path = memberPath(e.callee.object as AstNode);
  const prefix = staticString(e.arguments[0] as AstNode);
  return path && prefix !== undefined ? { path, prefix, holds: true } : undefined;
}

/** `['http:', 'https:'].includes(url.protocol)`: the URL is not `javascript:`. */
function protocolGuard(path: string | undefined, holdsWhen: boolean): Guard[] {
  const url = path ? PROTOCOL_PART.exec(path)?.[1] : undefined;
  return url ? [{ path: url, kinds: ['xss'], holdsWhen }] : [];
}

/** The URL whose host a path names: `url` for `url.hostname`. */
function hostOf(path: string | undefined): string | undefined {
  return path ? HOST_PART.exec(path)?.[1] : undefined;
}

/** A check of `url.hostname` pins where `url` sends requests. */
function hostGuard(path: string | undefined, holdsWhen: boolean): Guard[] {
  const base = hostOf(path);
  return base ? [{ path: base, kinds: HOST_PINNED, holdsWhen }] : [];
}

/** The expression inside type assertions, `!`, optional chains and `await`. */
export function unwrap(node: TSESTree.Expression): TSESTree.Expression {
  let n = node;
  while (n.type === 'TSAsExpression' || n.type === 'TSNonNullExpression' || n.type === 'ChainExpression' || n.type === 'AwaitExpression') n = n.type === 'AwaitExpression' ? n.argument : n.expression;
  return n;
}

/**
 * The branch replaces the value at `path` with a fixed text (`if (!next.startsWith('/')) next = '/';`), so after
 * the statement the value either passed the test or is that text: the text, or undefined when it is not that.
 */
export function resetText(stmt: TSESTree.Statement | null | undefined, path: string): string | undefined {
  const last = stmt?.type === 'BlockStatement' ? stmt.body[stmt.body.length - 1] : stmt;
  if (last?.type !== 'ExpressionStatement' || last.expression.type !== 'AssignmentExpression' || last.expression.operator !== '=') return undefined;
  return memberPath(last.expression.left as AstNode) === path ? staticString(last.expression.right as AstNode) : undefined;
}

/** Guards of the same value on both sides that hold the same way (`holdsWhen`), with the kinds both make it safe for. */
function onBothSides(left: readonly Guard[], right: readonly Guard[], holdsWhen: boolean): Guard[] {
  const out: Guard[] = [];
  for (const l of left) {
    if (l.holdsWhen !== holdsWhen || l.unlessTainted || out.some((g) => g.path === l.path)) continue;
    const r = right.find((g) => g.holdsWhen === holdsWhen && g.path === l.path && !g.unlessTainted);
    if (!r) continue;
    const kinds = l.kinds === 'all' ? r.kinds : r.kinds === 'all' ? l.kinds : l.kinds.filter((k) => (r.kinds as readonly SinkKind[]).includes(k));
    if (kinds === 'all' || kinds.length) out.push({ path: l.path, kinds, holdsWhen, ...(l.rooted && r.rooted ? { rooted: true } : {}) });
  }
  return out;
}

/** The statement always leaves the enclosing block: `return`, `throw`, or a block ending in one. */
export function alwaysExits(stmt: TSESTree.Statement | null | undefined): boolean {
  if (!stmt) return false;
  switch (stmt.type) {
    case 'ReturnStatement':
    case 'ThrowStatement':
    case 'ContinueStatement':
    case 'BreakStatement':
      return true;
    case 'BlockStatement':
      return stmt.body.length > 0 && alwaysExits(stmt.body[stmt.body.length - 1]);
    case 'IfStatement':
      return alwaysExits(stmt.consequent) && alwaysExits(stmt.alternate);
    case 'ExpressionStatement': {
      const e = stmt.expression;
      return e.type === 'CallExpression' && memberPath(e.callee as AstNode) === 'process.exit';
    }
    default:
      return false;
  }
}

/** A read of the environment (`process.env.X`, `Deno.env.get('X')`, `import.meta.env.X`, `Bun.env.X`). */
function isEnvRead(node: TSESTree.Node): boolean {
  return envVarRead(unwrap(node as TSESTree.Expression) as AstNode) !== undefined;
}

/**
 * Whether a test compares a value with a secret from the environment (`token === process.env.VERIFY_TOKEN`), and
 * when that holds: true when the test holds with the secret matched (`===`, also inside `&&`), false when it holds
 * with it missed (`!==`, also inside `||`). Only whoever knows the secret gets past such a check, so what the
 * request reflects back to a browser there is not a stranger's link (see `Frame.secretProved`).
 */
export function secretComparison(test: TSESTree.Expression): boolean | undefined {
  const t = unwrap(test);
  if (t.type === 'LogicalExpression' && t.operator === '&&') return secretComparison(t.left) === true || secretComparison(t.right) === true ? true : undefined;
  if (t.type === 'LogicalExpression' && t.operator === '||') return secretComparison(t.left) === false || secretComparison(t.right) === false ? false : undefined;
  if (t.type !== 'BinaryExpression' || !['===', '==', '!==', '!='].includes(t.operator)) return undefined;
  const envSide = isEnvRead(t.left) ? t.right : isEnvRead(t.right) ? t.left : undefined;
  if (!envSide || envSide.type === 'Literal' || isEnvRead(envSide)) return undefined;
  return t.operator === '===' || t.operator === '==';
}
