import { memberPath, propertyName, staticString } from '../../engine/ast-utils.js';
import { defineAstRule } from '../../engine/rule.js';
import type { AstNode } from '../../parse/types.js';
import { shorten } from '../../routes/ast.js';
import { bare, isFunction, patternNames, walk, type FunctionNode } from './ast-helpers.js';
import { escapeRegExp } from '../../engine/escape-regexp.js';

/** Handshake fields that name a user: what a client claims to be, not a credential it proves. */
const IDENTITY_FIELD = /^(?:user_?id|userId|uid|id|user|username|email|account_?id|accountId)$/i;
/** Where a server keeps who a socket belongs to: `socket.userId`, `socket.data.user`. */
const SOCKET_IDENTITY = /^\w+\.(?:data\.)?(?:user_?id|userId|uid|user|username|email|accountId)$/;

/**
 * Socket.IO servers that take who a connection belongs to from the handshake's query or auth fields
 * (`io(url, { query: { userId } })` on the client): the map of online users (`userSocketMap[userId] = socket.id`)
 * or the socket's own identity (`socket.userId = …`). The client writes those fields, so anyone can connect as
 * any user and receive what the server sends to that user's socket.
 */
export const socketIdentityFromClient = defineAstRule({
  id: 'socket-identity-from-client',
  messageIds: ['claimedIdentity'],
  appliesTo: { roles: ['server', 'shared'] },
  triggers: ['handshake'],
  create({ file, report }) {
    const callbacks: { fn: FunctionNode; socket: string }[] = [];
    const text = file.text;
    return {
      CallExpression(node) {
        if (node.callee.type !== 'MemberExpression') return;
        const method = propertyName(node.callee);
        const fn = node.arguments.find((a) => isFunction(a as AstNode)) as FunctionNode | undefined;
        const first = fn?.params[0];
        if (!fn || first?.type !== 'Identifier') return;
        if ((method === 'on' && /^connect(?:ion)?$/.test(staticString(node.arguments[0] as AstNode) ?? '')) || (method === 'use' && /(?:^|\.)(?:io|server|nsp)$/.test(memberPath(node.callee.object as AstNode) ?? ''))) {
          callbacks.push({ fn, socket: first.name });
        }
      },
      'Program:exit'() {
        for (const { fn, socket } of callbacks) {
          const claims = claimedValues(fn, socket);
          if (claims.size === 0) continue;
          walk(fn.body as AstNode, (n) => {
            const use = identityUse(n, claims, socket);
            if (use) report({ messageId: 'claimedIdentity', node: n, data: { field: use.field, use: shorten(text.slice(n.range[0], n.range[1]).replace(/\s+/g, ' '), 60) } });
            return undefined;
          });
        }
      },
    };
  },
});

/**
 * Locals holding a name the handshake claims (`const userId = socket.handshake.query.userId`,
 * `const { userId } = socket.handshake.auth`), with the field each came from; the field itself under its path.
 * A value the callback compares with something (`if (claimed !== verified.id)`) is checked, and left out.
 */
function claimedValues(fn: FunctionNode, socket: string): Map<string, string> {
  const claims = new Map<string, string>();
  walk(fn.body as AstNode, (n) => {
    if (n.type !== 'VariableDeclarator' || !n.init) return undefined;
    const init = bare(n.init as AstNode);
    const path = init ? (memberPath(init) ?? '') : '';
    const field = handshakeField(path, socket);
    if (field && n.id.type === 'Identifier') claims.set(n.id.name, field);
    if (new RegExp(`^${escapeRegExp(socket)}\\.handshake\\.(?:query|auth)$`).test(path) && n.id.type === 'ObjectPattern') {
      for (const p of n.id.properties) {
        if (p.type !== 'Property') continue;
        const key = propertyName(p) ?? '';
        if (IDENTITY_FIELD.test(key)) for (const name of patternNames(p.value as AstNode)) claims.set(name, `${path}.${key}`);
      }
    }
    return undefined;
  });
  walk(fn.body as AstNode, (n) => {
    if (n.type !== 'BinaryExpression' || !/^[!=]==?$/.test(n.operator)) return undefined;
    for (const side of [n.left, n.right]) {
      const b = bare(side as AstNode);
      const other = side === n.left ? n.right : n.left;
      const trivial = other.type === 'Literal' || (other.type === 'Identifier' && other.name === 'undefined');
      if (!trivial && b?.type === 'Identifier') claims.delete(b.name);
    }
    return undefined;
  });
  return claims;
}

/** `socket.handshake.query.userId` → that path, for identity fields of the query or auth object. */
function handshakeField(path: string, socket: string): string | undefined {
  const m = new RegExp(`^${escapeRegExp(socket)}\\.handshake\\.(?:query|auth)\\.(\\w+)$`).exec(path);
  return m && IDENTITY_FIELD.test(m[1]) ? path : undefined;
}

/** `map[claimed] = socket.id`, `map.set(claimed, socket)`, `socket.userId = claimed`: the claim taken as who the socket is. */
function identityUse(n: AstNode, claims: ReadonlyMap<string, string>, socket: string): { field: string } | undefined {
  const claimOf = (node: AstNode | undefined): string | undefined => {
    const b = bare(node);
    if (b?.type === 'Identifier') return claims.get(b.name);
    return b ? handshakeField(memberPath(b) ?? '', socket) : undefined;
  };
  const isSocket = (node: AstNode | undefined) => {
    const path = memberPath(bare(node)) ?? '';
    return path === socket || path === `${socket}.id`;
  };
  if (n.type === 'AssignmentExpression' && n.operator === '=') {
    const left = n.left as AstNode;
    if (left.type === 'MemberExpression' && left.computed && isSocket(n.right as AstNode)) {
      const field = claimOf(left.property as AstNode);
      if (field) return { field };
    }
    if (SOCKET_IDENTITY.test(memberPath(left) ?? '') && (memberPath(left) ?? '').startsWith(`${socket}.`)) {
      const field = claimOf(n.right as AstNode);
      if (field) return { field };
    }
  }
  if (n.type === 'CallExpression' && n.callee.type === 'MemberExpression' && propertyName(n.callee) === 'set' && n.arguments.length === 2 && isSocket(n.arguments[1] as AstNode)) {
    const field = claimOf(n.arguments[0] as AstNode);
    if (field) return { field };
  }
  return undefined;
}
