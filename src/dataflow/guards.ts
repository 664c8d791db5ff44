import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberPath, staticString } from '../engine/ast-utils.js';
import type { AstNode } from '../parse/types.js';
import type { SinkKind } from './types.js';

/** "When the test is `holdsWhen`, the value at `path` is safe for `kinds`." */
export interface Guard {
  path: string;
  kinds: readonly SinkKind[] | 'all';
  holdsWhen: boolean;
}

const TEXT_ONLY: SinkKind[] = ['nosql', 'prototype-pollution'];
const VALIDATOR_CALL = /^(?:is[A-Z]\w*|valid\w*|\w*(?:Valid|Safe|Allowed|Whitelisted|Allowlisted)\w*|check\w+|verify\w+)$/;
const NOT_VALIDATORS = /^(?:isEmpty|isNil|isNull|isUndefined|isArray|isObject|isString|isAuthenticated|isLoggedIn|isAdmin|isError|isBuffer|isDate|isFunction|isPlainObject|checkAuth|verifyToken|verifySession|verifyJwt)$/;

/** Guards a branch condition establishes, for `if (...) return` checks and validated branches. */
export function guardsOf(test: TSESTree.Expression): Guard[] {
  const t = unwrap(test);
  if (t.type === 'UnaryExpression' && t.operator === '!') return guardsOf(t.argument).map((g) => ({ ...g, holdsWhen: !g.holdsWhen }));
  if (t.type === 'LogicalExpression' && t.operator === '&&') return [...guardsOf(t.left), ...guardsOf(t.right)].filter((g) => g.holdsWhen);
  if (t.type === 'LogicalExpression' && t.operator === '||') return [...guardsOf(t.left), ...guardsOf(t.right)].filter((g) => !g.holdsWhen);
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
      // url.hostname === 'api.example.com': the URL goes to that host.
      for (const [a, b] of [[t.left, t.right], [t.right, t.left]] as const) {
        const base = hostOf(memberPath(a as AstNode));
        if (base && (staticString(b as AstNode) !== undefined || b.type === 'Identifier' || b.type === 'MemberExpression')) return [{ path: base, kinds: ['ssrf'], holdsWhen: !negated }];
      }
      // ALLOWED.indexOf(x) !== -1
      const call = t.left.type === 'CallExpression' ? t.left : undefined;
      if (call && call.callee.type === 'MemberExpression' && !call.callee.computed && call.callee.property.type === 'Identifier' && call.callee.property.name === 'indexOf') {
        const path = memberPath(call.arguments[0] as AstNode);
        const minusOne = t.right.type === 'UnaryExpression' && t.right.operator === '-';
        if (path && minusOne) return [{ path, kinds: 'all', holdsWhen: negated }, ...hostGuard(path, negated)];
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
      if ((method === 'includes' || method === 'has') && arg && callee.object.type !== 'Literal') return [{ path: arg, kinds: 'all', holdsWhen: true }, ...hostGuard(arg, true)];
      // url.hostname.endsWith('.example.com'): only subdomains of one domain (without the dot, `evilexample.com` passes).
      if (method === 'endsWith' && /^\./.test(staticString(t.arguments[0] as AstNode) ?? '')) return hostGuard(receiver, true);
      if (method === 'test' && arg && (callee.object.type === 'Literal' || receiver)) return [{ path: arg, kinds: 'all', holdsWhen: true }];
      if ((method === 'startsWith') && receiver && t.arguments.length > 0) return [{ path: receiver, kinds: ['path', 'redirect', 'ssrf'], holdsWhen: true }];
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

const HOST_PART = /^(.+)\.(?:hostname|host|origin)$/;

/** The URL whose host a path names: `url` for `url.hostname`. */
function hostOf(path: string | undefined): string | undefined {
  return path ? HOST_PART.exec(path)?.[1] : undefined;
}

/** A check of `url.hostname` pins where `url` sends requests. */
function hostGuard(path: string | undefined, holdsWhen: boolean): Guard[] {
  const base = hostOf(path);
  return base ? [{ path: base, kinds: ['ssrf'], holdsWhen }] : [];
}

function unwrap(node: TSESTree.Expression): TSESTree.Expression {
  let n = node;
  while (n.type === 'TSAsExpression' || n.type === 'TSNonNullExpression' || n.type === 'ChainExpression' || (n.type === 'AwaitExpression')) n = n.type === 'AwaitExpression' ? n.argument : n.expression;
  return n;
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
