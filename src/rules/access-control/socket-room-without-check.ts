import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberPath, propertyName, staticString } from '../../engine/ast-utils.js';
import { defineAstRule } from '../../engine/rule.js';
import type { AstNode } from '../../parse/types.js';
import { nodeMemo } from '../../parse/node-memo.js';
import { shorten } from '../../routes/ast.js';
import { LIFECYCLE } from '../../routes/sockets.js';
import { dependencyOf } from '../../model/package-facts.js';
import { bare, enclosingFunction, exits, isFunction, methodName, patternNames, walk, type FunctionNode } from './ast-helpers.js';

/** A file of a Socket.IO server: it imports the server or NestJS's gateways, takes connections, or registers handlers on `(io, socket)`. */
const SOCKET_IO_FILE = /['"]socket\.io['"]|@nestjs\/websockets|\.on\(\s*['"`]connection['"`]|\(\s*io\b[^()]*,\s*socket\b/;
/** A file that uses a connected client's events or rooms (`socket.on(…)`, `socket.join(room)`). */
const USES_SOCKET = /\b(?:socket|sock)\.(?:on|join|to|in|broadcast)\b/;
/** A connected client: `socket`, `sock`, `client`, `userSocket`. */
const SOCKET_NAME = /^(?:socket|sock|client)$|Socket$/;
/** What a server or namespace broadcasts through: `io.to(room)`, `this.server.to(room)`, `nsp.in(room)`. */
const BROADCASTER = /(?:^|\.)(?:io|server|nsp|namespace|\w*Namespace)$/;
/** A call that checks the caller's right to a room, and throws or answers false when they have none. */
const CHECK_CALL = /member|access|permission|participant|owner|allowed|authori[sz]|belong|canJoin|canView|canSend|canAccess/i;
/** Methods that test membership of the value in a collection the receiver holds (`chat.users.includes(me)`). */
const MEMBERSHIP = /^(?:includes|has|some|every|find|findIndex|indexOf)$/;
/** A room named for one user, conversation or record, whose events are private. */
const PRIVATE_ROOM = /user|chat|conversation|dm|direct|private|inbox|thread|message|order|booking|appointment|account|customer|patient|doctor|driver|tenant|team|workspace|group|board|doc|project|org/i;
/** A room named for something everyone may watch: joining it is what it is for (sending to it is still checked). */
const PUBLIC_ROOM = /auction|lobby|public|global|general|broadcast|feed|live|stream|ticker|price|market|news|leaderboard/i;
/** Identifiers a test may name without checking anything about the caller. */
const NEUTRAL = new Set(['undefined', 'NaN', 'Infinity', 'String', 'Number', 'Boolean', 'Array', 'Object', 'JSON', 'Math']);

interface Handler {
  fn: FunctionNode;
  /** The event's name, or undefined for the connection callback itself. */
  event?: string;
  /** The connected client's variable. */
  socket: string;
  /** Locals holding the caller's identity as the server knows it (`const userId = socket.user.id`). */
  identity?: Set<string>;
  /** For a function an event handler hands its data to (`roomJoin(socket, io, msg)`), the parameter holding the data. */
  dataParam?: string;
}

/** The parameter of a socket helper that holds the event's data: `(socket, io, msg)`, `(socket, data)`. */
const EVENT_DATA = /^(?:data|msg|payload|message|body|eventData)$/;

/**
 * Socket.IO rooms chosen by the client. A room is how a server sends an event to some clients only (the users of
 * one chat, one user's devices), so joining one means receiving everything sent to it, and sending to one means
 * posting in it. Reported: `socket.join(room)` and `io.to(room).emit(…)` where the room comes from the event's
 * data or the connection's query string, in a handler that checks nothing about the caller's right to it.
 */
export const socketRoomWithoutCheck = defineAstRule({
  id: 'socket-room-without-check',
  messageIds: ['joinAnyRoom', 'sendToAnyRoom'],
  appliesTo: { roles: ['server', 'shared'] },
  triggers: [/\.\s*(?:join|to|in)\s*\(/],
  create({ file, model, report }) {
    const text = file.text;
    // A module of a Socket.IO package may use a socket it is given (`export default (socket) => …`, `roomJoin(socket, io, msg)`).
    if (!SOCKET_IO_FILE.test(text) && !(USES_SOCKET.test(text) && dependencyOf(file, model, 'socket.io').dependency)) return {};
    const calls: { call: TSESTree.CallExpression; kind: 'join' | 'send' }[] = [];
    // Handlers registered by name: `socket.on('join', onJoin)`.
    const named = new Map<string, { event: string; socket: string }>();
    return {
      CallExpression(node) {
        if (node.callee.type !== 'MemberExpression') return;
        const method = propertyName(node.callee);
        const receiver = node.callee.object as AstNode;
        if (method === 'on' && receiver.type === 'Identifier' && node.arguments[1]?.type === 'Identifier') {
          const event = staticString(node.arguments[0] as AstNode);
          if (event !== undefined && !LIFECYCLE.has(event)) named.set(node.arguments[1].name, { event, socket: receiver.name });
        }
        const [room, callback, ...rest] = node.arguments;
        if (!room || rest.length) return;
        // Socket.IO 2's `socket.join(room, callback)` takes a callback.
        if (method === 'join') {
          if (receiver.type === 'Identifier' && (!callback || isFunction(callback as AstNode))) calls.push({ call: node, kind: 'join' });
        } else if ((method === 'to' || method === 'in') && !callback && isBroadcast(node)) calls.push({ call: node, kind: 'send' });
      },
      'Program:exit'() {
        // Each handler is read once, however many rooms it names (generated code can hold thousands).
        const read = new Map<FunctionNode, { handler: Handler; roots: Roots; firstCheck: number }>();
        for (const { call, kind } of calls) {
          const found = handlerOf(call, named);
          if (!found) continue;
          let known = read.get(found.fn);
          if (!known) {
            const roots = clientValues(found);
            read.set(found.fn, (known = { handler: found, roots, firstCheck: firstCheckEnd(found, roots) }));
          }
          const { handler, roots } = known;
          if (kind === 'join' && memberPath(call.callee.type === 'MemberExpression' ? call.callee.object : undefined) !== handler.socket) continue;
          const room = call.arguments[0] as AstNode;
          const from = clientPart(room, roots, handler);
          if (!from || known.firstCheck <= call.range[0] || checkedAround(call, handler, roots)) continue;
          // Sending matters when what is sent is the client's too (a message in someone else's name), not a bare ping.
          if (kind === 'send' && !emitted(call).some((a) => derives(a, roots, handler))) continue;
          const roomText = shorten(text.slice(room.range[0], room.range[1]), 50);
          if (kind === 'join' && (PUBLIC_ROOM.test(roomText) || PUBLIC_ROOM.test(handler.event ?? ''))) continue;
          const source =
            from === 'query' ? "the connection's query string (`socket.handshake`)" : handler.dataParam ? `\`${handler.dataParam}\`, the event data a socket handler gives \`${handler.event}\`` : `the data of the \`${handler.event}\` event`;
          // Rooms of a chat, a user or an order carry private events; an auction item's or a game's may be public.
          const personal = PRIVATE_ROOM.test(roomText) || PRIVATE_ROOM.test(handler.event ?? '');
          report({
            messageId: kind === 'join' ? 'joinAnyRoom' : 'sendToAnyRoom',
            node: call,
            data: { room: roomText, source, personal: personal ? ' (a room for one user or conversation)' : '' },
            ...(personal ? {} : { severity: 'medium', confidence: 'low' }),
          });
        }
      },
    };
  },
});

/** `io.to(room).emit(…)`, `socket.broadcast.to(room).emit(…)`, `socket.in(room).emit(…)`: a call whose chain ends in `emit`. */
function isBroadcast(call: TSESTree.CallExpression): boolean {
  const receiver = memberPath((call.callee as TSESTree.MemberExpression).object) ?? '';
  if (!BROADCASTER.test(receiver) && !SOCKET_NAME.test(receiver.replace(/\.broadcast$/, '').split('.').pop() ?? '')) return false;
  for (let cur: AstNode = call; ; ) {
    const member: AstNode | undefined = cur.parent;
    if (member?.type !== 'MemberExpression' || member.object !== cur) return false;
    const name = propertyName(member);
    if (name === 'emit') return true;
    if (name !== 'to' && name !== 'in' && name !== 'except' && name !== 'volatile' && name !== 'compress' && name !== 'timeout') return false;
    cur = member.parent?.type === 'CallExpression' && member.parent.callee === member ? member.parent : member;
  }
}

/** The arguments after the event's name of the `emit` a broadcast chain ends in. */
function emitted(call: TSESTree.CallExpression): AstNode[] {
  for (let cur: AstNode = call; cur.parent?.type === 'MemberExpression'; ) {
    const member: TSESTree.MemberExpression = cur.parent;
    const next: AstNode | undefined = member.parent;
    if (next?.type !== 'CallExpression' || next.callee !== member) return [];
    if (propertyName(member) === 'emit') return next.arguments.slice(1) as AstNode[];
    cur = next;
  }
  return [];
}

/** The event handler (or connection callback) a room call runs in: the nearest function around it registered as one. */
function handlerOf(call: AstNode, named: ReadonlyMap<string, { event: string; socket: string }>): Handler | undefined {
  for (let fn = enclosingFunction(call); fn; fn = enclosingFunction(fn)) {
    const parent = fn.parent;
    if (parent?.type === 'CallExpression' && parent.arguments[1] === fn && parent.callee.type === 'MemberExpression' && propertyName(parent.callee) === 'on') {
      const event = staticString(parent.arguments[0] as AstNode);
      const receiver = parent.callee.object as AstNode;
      if (event === 'connection' || event === 'connect') {
        const param = fn.params[0];
        return param?.type === 'Identifier' ? { fn, socket: param.name } : undefined;
      }
      // A Redis subscriber's or a stream's `on('message')` relays what the server received, not what a client sent.
      if (event === undefined || LIFECYCLE.has(event) || receiver.type !== 'Identifier' || !isClientSocket(receiver.name, fn)) continue;
      return { fn, event, socket: receiver.name };
    }
    // NestJS: `@SubscribeMessage('join') join(@MessageBody() room: string, @ConnectedSocket() client: Socket)`.
    const method = parent?.type === 'MethodDefinition' ? parent : undefined;
    const subscribe = method?.decorators?.find((d) => d.expression.type === 'CallExpression' && memberPath(d.expression.callee as AstNode) === 'SubscribeMessage');
    if (subscribe) {
      const event = staticString((subscribe.expression as TSESTree.CallExpression).arguments[0] as AstNode) ?? 'message';
      // The client: the `@ConnectedSocket()` parameter, else the one typed `Socket`, else the first when no parameter
      // is decorated (Nest then passes the client first and the message second).
      const undecorated = fn.params.every((p) => decoratorNames(p).length === 0);
      const client = fn.params.find((p) => decoratorNames(p).includes('ConnectedSocket')) ?? fn.params.find((p) => /Socket$/.test(typeName(p))) ?? (undecorated ? fn.params[0] : undefined);
      return { fn, event, socket: client?.type === 'Identifier' ? client.name : 'client' };
    }
    const name = fn.id?.name ?? (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier' ? parent.id.name : undefined);
    const registered = name ? named.get(name) : undefined;
    if (registered && isClientSocket(registered.socket, call)) return { fn, ...registered };
    // A helper an event handler hands the socket and the event's data to: `export const roomJoin = (socket, io, msg) => …`.
    const params = fn.params.map((p) => (p.type === 'Identifier' ? p.name : ''));
    const socket = params.find((p) => SOCKET_NAME.test(p));
    const data = params.find((p) => EVENT_DATA.test(p));
    if (socket && data) return { fn, event: name ?? data, socket, dataParam: data };
  }
  return undefined;
}

/** A connected client: named like one, or the parameter of a connection callback around `node`. */
function isClientSocket(name: string, node: AstNode): boolean {
  if (SOCKET_NAME.test(name)) return true;
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
    const parent = fn.parent;
    const first = fn.params[0];
    if (first?.type === 'Identifier' && first.name === name && parent?.type === 'CallExpression' && parent.callee.type === 'MemberExpression' && /^connect(?:ion)?$/.test(staticString(parent.arguments[0] as AstNode) ?? '')) return true;
  }
  return false;
}

function decoratorNames(param: TSESTree.Parameter): string[] {
  const decorators = (param as { decorators?: TSESTree.Decorator[] }).decorators ?? [];
  return decorators.map((d) => memberPath((d.expression.type === 'CallExpression' ? d.expression.callee : d.expression) as AstNode) ?? '');
}

/**
 * Names whose values the client chose, with where each came from: the event's parameters (for NestJS, the `@MessageBody()` one), and locals
 * made from them (`const { chatId } = data`, `for (const room of rooms)`, `rooms.forEach((room) => …)`), unless
 * they were made with the caller's own identity (`Chat.findOne({ _id: chatId, users: socket.user.id })`).
 */
function clientValues(handler: Handler): Roots {
  const roots: Roots = new Map();
  if (handler.dataParam) roots.set(handler.dataParam, 'data');
  else if (handler.event !== undefined) {
    const nest = handler.fn.parent?.type === 'MethodDefinition';
    for (const param of handler.fn.params) {
      const decorators = decoratorNames(param);
      if (nest ? decorators.includes('MessageBody') || (decorators.length === 0 && !/Socket|Server/.test(typeName(param)) && param !== handler.fn.params[0]) : true) {
        for (const name of patternNames(param as AstNode)) if (name !== handler.socket) roots.set(name, 'data');
      }
    }
  }
  // The caller's identity may be read into a local anywhere around the handler (in the connection callback).
  let outer: FunctionNode = handler.fn;
  for (let fn = enclosingFunction(outer); fn; fn = enclosingFunction(fn)) outer = fn;
  handler.identity = identityLocals(outer, handler.socket);
  const body = handler.fn.body as AstNode;
  walk(body, (n) => {
    let from: Source | undefined;
    if (n.type === 'VariableDeclarator' && n.init && (from = clientPart(n.init as AstNode, roots, handler))) for (const name of patternNames(n.id as AstNode)) roots.set(name, from);
    else if (n.type === 'AssignmentExpression' && n.left.type === 'Identifier' && (from = clientPart(n.right as AstNode, roots, handler))) roots.set(n.left.name, from);
    else if (n.type === 'ForOfStatement' && (from = clientPart(n.right as AstNode, roots, handler))) {
      const left = n.left.type === 'VariableDeclaration' ? n.left.declarations[0]?.id : n.left;
      for (const name of patternNames(left as AstNode)) roots.set(name, from);
    } else if (n.type === 'CallExpression' && n.callee.type === 'MemberExpression' && /^(?:forEach|map|flatMap|filter)$/.test(propertyName(n.callee) ?? '')) {
      const callback = n.arguments[0] as AstNode | undefined;
      if (isFunction(callback) && (from = clientPart(n.callee.object as AstNode, roots, handler))) for (const name of patternNames(callback.params[0] as AstNode)) roots.set(name, from);
    }
  });
  return roots;
}

/** Locals read from the caller's identity in a connection callback, once per callback and socket name: its handlers share them. */
const identities = nodeMemo<FunctionNode, Map<string, Set<string>>>('socket identity locals');
function identityLocals(outer: FunctionNode, socket: string): Set<string> {
  let bySocket = identities.get(outer);
  if (!bySocket) identities.set(outer, (bySocket = new Map()));
  let identity = bySocket.get(socket);
  if (!identity) {
    const found = new Set<string>();
    walk(outer.body as AstNode, (n) => {
      if (n.type === 'VariableDeclarator' && n.init && ownIdentity(n.init as AstNode, socket)) for (const name of patternNames(n.id as AstNode)) found.add(name);
    });
    bySocket.set(socket, (identity = found));
  }
  return identity;
}

/**
 * `socket.user.id`, `socket.data.userId`, `socket.request.user`: what the server stored about the caller (not the
 * handshake the client wrote), read as it is, not a value computed with it (`Chat.findOne({ users: socket.user.id })`).
 */
function ownIdentity(expr: AstNode, socket: string): boolean {
  const value = bare(expr);
  const path = value?.type === 'MemberExpression' ? (memberPath(value) ?? '') : '';
  return path.startsWith(`${socket}.`) && !/^\w+\.(?:handshake|id|emit|on|join|to|in|broadcast|rooms)\b/.test(path);
}

function typeName(param: TSESTree.Parameter): string {
  const annotation = (param as { typeAnnotation?: TSESTree.TSTypeAnnotation }).typeAnnotation?.typeAnnotation;
  return annotation?.type === 'TSTypeReference' ? (memberPath(annotation.typeName as AstNode) ?? '') : '';
}

/** Where a client-chosen value came from: an event's data or the connection's query string. */
type Source = 'data' | 'query';
/** Locals holding client-chosen values, with where each came from. */
type Roots = Map<string, Source>;
type ReadonlyRoots = ReadonlyMap<string, Source>;

/** A value made from the client's (`roots`, or the handshake's query) and not from the caller's own identity. */
function derives(expr: AstNode, roots: ReadonlyRoots, handler: Handler): boolean {
  return clientPart(expr, roots, handler) !== undefined;
}

/**
 * Where the client-chosen part of `expr` comes from: the event's data, the handshake's query or auth fields
 * (`socket.handshake.query.userId`), or undefined when it has none, or is scoped by the caller's own identity
 * (`${socket.user.id}:${peerId}`, `socket.data.userId`).
 */
function clientPart(expr: AstNode, roots: ReadonlyRoots, handler: Handler): Source | undefined {
  const socket = handler.socket;
  let found: Source | undefined;
  let own = false;
  walk(expr, (n) => {
    if (own) return false;
    if (n.type === 'MemberExpression') {
      const path = memberPath(n) ?? '';
      if (path === socket || path.startsWith(`${socket}.`)) {
        if (/^\w+\.handshake\.(?:query|auth)\.(?!token\b|accessToken\b|jwt\b)\w+/.test(path) || /^\w+\.handshake\.query$/.test(path)) found ??= 'query';
        else if (!/^\w+\.handshake\b/.test(path)) own = true;
        return false;
      }
    }
    if (isFunction(n)) return false;
    if (n.type === 'Identifier' && isReference(n)) {
      if (n.name === socket || handler.identity?.has(n.name)) own = true;
      else found ??= roots.get(n.name);
    }
    return undefined;
  });
  return own ? undefined : found;
}

/** An identifier read as a value, not a property name or an object key. */
function isReference(n: TSESTree.Identifier): boolean {
  const p = n.parent;
  if (p?.type === 'MemberExpression' && p.property === n && !p.computed) return false;
  if (p?.type === 'Property' && p.key === n && !p.computed && !p.shorthand) return false;
  return true;
}

/** Something around the call decides whether the caller may use the room: `if (chat.users.includes(socket.user.id)) socket.join(chatId)`, `allowed && io.to(room).emit(…)`. */
function checkedAround(call: TSESTree.CallExpression, handler: Handler, roots: ReadonlyRoots): boolean {
  for (let cur: AstNode = call; cur !== handler.fn && cur.parent; cur = cur.parent) {
    const p: AstNode = cur.parent;
    if ((p.type === 'IfStatement' || p.type === 'ConditionalExpression') && p.test !== cur && checksCaller(p.test as AstNode, roots, handler)) return true;
    if (p.type === 'LogicalExpression' && p.operator === '&&' && p.right === cur && checksCaller(p.left as AstNode, roots, handler)) return true;
  }
  return false;
}

/**
 * Where the handler's first check of the caller ends (`if (!membership) return;`, `await assertMember(chatId,
 * socket.user.id)`): calls after it are checked. Infinity when it has none.
 */
function firstCheckEnd(handler: Handler, roots: ReadonlyRoots): number {
  let first = Infinity;
  walk(handler.fn.body as AstNode, (n) => {
    if (n.range[0] >= first) return false;
    if (n.type === 'IfStatement' && exits(n.consequent as AstNode) && checksCaller(n.test as AstNode, roots, handler)) first = Math.min(first, n.range[1]);
    else if (n.type === 'CallExpression' && CHECK_CALL.test(methodName(n) ?? '')) first = Math.min(first, n.range[1]);
    return undefined;
  });
  return first;
}

/**
 * A test about the caller's right, not only about the client's value: it names something besides that value
 * (a membership record, an allow-list, the caller's id). `!roomId`, `typeof room !== 'string'` and
 * `isValidObjectId(chatId)` check the value; `!socket.user` checks only that someone signed in.
 */
function checksCaller(test: AstNode, roots: ReadonlyRoots, handler: Handler): boolean {
  let other = false;
  let callerOnly = true;
  let mentionsValue = false;
  let byCall = false;
  walk(test, visit);
  return byCall || (other && (!callerOnly || mentionsValue));

  function visit(n: AstNode): boolean | undefined {
    if (isFunction(n)) return false;
    if (n.type === 'CallExpression') {
      if (CHECK_CALL.test(methodName(n) ?? '')) byCall = true;
      if (n.callee.type === 'MemberExpression' && MEMBERSHIP.test(methodName(n) ?? '')) walk(n.callee.object as AstNode, visit);
      for (const a of n.arguments) walk(a as AstNode, visit);
      return false;
    }
    if (n.type !== 'Identifier' || !isReference(n) || NEUTRAL.has(n.name)) return undefined;
    if (roots.has(n.name)) mentionsValue = true;
    else {
      other = true;
      if (n.name !== handler.socket && !handler.identity?.has(n.name)) callerOnly = false;
    }
    return undefined;
  }
}
