import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberPath, propertyName, staticString } from '../../engine/ast-utils.js';
import type { AstNode } from '../../parse/types.js';

/** Where a header read happens: the request's headers, Next's `headers()`, h3's `getHeader(event, …)`. */
const HEADER_CALL = /(?:^|\.)(?:get|header)$/;
const H3_HEADER = /^(?:getHeader|getRequestHeader)$/;
/** The request or its headers: `req`, `request.headers`, `c.req`, `ctx.request`, `event.headers`, `headersList`. */
const REQUEST_OBJECT = /^(?:req|request|ctx|c|event|context|incoming)(?:\.(?:req|request|node|raw))*(?:\.headers)?$|^(?:headers|headersList|reqHeaders|requestHeaders|incomingHeaders)$/;
/** A framework's context rather than its request: Hono's `c`, Koa's, Elysia's and others' `ctx` / `context`. */
const CONTEXT = /^(?:c|ctx|context)$/;

/**
 * The name (lower-cased) of the request header this node reads, or undefined: `req.headers['x-user-id']`,
 * `req.headers.origin`, `request.headers.get('origin')`, `req.get('Origin')`, `c.req.header('origin')`,
 * `headers().get('host')`, `getHeader(event, 'origin')`.
 */
export function requestHeaderRead(node: AstNode): string | undefined {
  if (node.type === 'MemberExpression') {
    const holder = memberPath(node.object as AstNode) ?? '';
    if (!/(?:^|\.)headers$/.test(holder) || !REQUEST_OBJECT.test(holder)) return undefined;
    return (node.computed ? staticString(node.property as AstNode) : propertyName(node))?.toLowerCase();
  }
  if (node.type !== 'CallExpression') return undefined;
  const callee = node.callee;
  if (callee.type === 'Identifier') return H3_HEADER.test(callee.name) ? staticString(node.arguments[1] as AstNode)?.toLowerCase() : undefined;
  if (callee.type !== 'MemberExpression' || !HEADER_CALL.test(propertyName(callee) ?? '')) return undefined;
  const holder = callee.object as AstNode;
  const path = memberPath(holder) ?? '';
  // (Hono's `c.get('userId')` and other contexts' `ctx.get(…)` read what a middleware stored, not a header.)
  if (propertyName(callee) === 'get' && CONTEXT.test(path)) return undefined;
  if (!isHeadersCall(holder) && !REQUEST_OBJECT.test(path)) return undefined;
  return staticString(node.arguments[0] as AstNode)?.toLowerCase();
}

/** `headers()` or `await headers()` (next/headers). */
function isHeadersCall(node: AstNode): boolean {
  const n = node.type === 'AwaitExpression' ? (node.argument as AstNode) : node;
  return n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'headers';
}

/** The header is being set here (`req.headers['x-user-id'] = decoded.sub`), not read. */
export function isWritten(node: AstNode): boolean {
  const parent = node.parent as TSESTree.Node | undefined;
  return (parent?.type === 'AssignmentExpression' && parent.left === (node as TSESTree.Node)) || (parent?.type === 'UnaryExpression' && parent.operator === 'delete');
}
