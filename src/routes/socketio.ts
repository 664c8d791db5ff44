import { memberPath, staticString } from '../engine/ast-utils.js';
import type { AstNode, Program } from '../parse/types.js';
import { analyzeFunction } from './auth.js';
import { isFunction, textOf, walk, type FunctionNode } from './ast.js';
import type { DirectEntry, FunctionFacts, SocketServer } from './types.js';

/** Events Socket.IO raises itself on a connected socket: not messages a client chose to send. */
const LIFECYCLE = new Set(['disconnect', 'disconnecting', 'error', 'connect', 'connect_error', 'connection', 'newListener', 'removeListener']);

/** A file that may set up a Socket.IO server or register its event handlers (`module.exports = (io, socket) => …`). */
export const MAY_HOLD_SOCKET_EVENTS = /socket\.io|\.on\(\s*['"`]connect(?:ion)?['"`]|\(\s*io\s*,\s*socket\s*\)/;

/** `io`, `this.io`, `socketServer`, `chatNamespace`, `io.of('/chat')`: a Socket.IO server or namespace. */
function isServer(node: AstNode, text: string, mentionsSocketIo: boolean): boolean {
  if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && memberPath(node.callee.property as AstNode) === 'of') return true;
  const path = memberPath(node) ?? '';
  if (/(?:^|\.)io$/.test(path)) return true;
  // Other names count only where the file names Socket.IO (`ws` servers take `connection` too, with another API).
  return mentionsSocketIo && /(?:^|\.)(?:\w*(?:Io|IO|Server|server|Namespace|namespace)|nsp|ns)$/.test(path) && !/\bwss?\b/.test(textOf(text, node));
}

/** A parameter that holds a connected client: the connection callback's, or `socket` of a handler-registering helper. */
const SOCKET_PARAM = /^(?:socket|sock)$|Socket$/;

export interface SocketEvents {
  entries: DirectEntry[];
  servers: SocketServer[];
}

/**
 * Socket.IO: every event a connected client may emit (`socket.on('place_bid', (data) => …)`) is an entry point
 * whose payload the client wrote, like a request body. Who may connect is decided once for the server: a
 * middleware (`io.use((socket, next) => …)`) or a check at the start of the connection callback that verifies the
 * handshake's token; handlers may also check on their own. The file's servers are kept for the linker, which
 * judges events registered in files of their own (`registerChatHandlers(io, socket)`) by their package's server.
 */
export function collectSocketIo(ast: Program, text: string, file: string, functions: ReadonlyMap<string, FunctionFacts>): SocketEvents {
  const entries: DirectEntry[] = [];
  const servers: SocketServer[] = [];
  const mentionsSocketIo = text.includes('socket.io');
  const middleware: string[] = [];
  let middlewareAuth: SocketServer['auth'];
  const connections: { fn: FunctionNode; line: number }[] = [];
  // Sockets by the functions whose parameter they are: a connection callback's first, or a helper's `socket`.
  const socketParams = new Map<AstNode, string>();
  walk(ast, (node) => {
    if (isFunction(node)) {
      const names = node.params.map((p) => (p.type === 'Identifier' ? p.name : ''));
      const param = names.find((n) => SOCKET_PARAM.test(n));
      if (param && (mentionsSocketIo || names.includes('io'))) socketParams.set(node, param);
    }
    if (node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression') return;
    const method = memberPath(node.callee.property as AstNode);
    const receiver = node.callee.object as AstNode;
    const [first, second] = node.arguments as AstNode[];
    if (method === 'use' && first && isServer(receiver, text, mentionsSocketIo)) {
      if (isFunction(first)) {
        const facts = analyzeFunction(first, text, file, 'io.use');
        if (facts.auth) middlewareAuth ??= { text: `\`io.use\` middleware: ${facts.auth.text}`, file, line: facts.auth.line };
      } else middleware.push(memberPath((first.type === 'CallExpression' ? first.callee : first) as AstNode) ?? textOf(text, first));
    }
    if (method === 'on' && isServer(receiver, text, mentionsSocketIo) && /^connect(?:ion)?$/.test(staticString(first) ?? '') && isFunction(second)) {
      const param = second.params[0];
      if (param?.type === 'Identifier') socketParams.set(second, param.name);
      connections.push({ fn: second, line: node.loc.start.line });
    }
  });
  if (!socketParams.size) return { entries, servers };

  for (const [fn, socket] of socketParams) {
    walk(fn, (node) => {
      // A nested function with a socket parameter of its own registers its own handlers.
      if (node !== fn && socketParams.has(node)) return false;
      if (node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression') return;
      const method = memberPath(node.callee.property as AstNode);
      if ((method !== 'on' && method !== 'once') || memberPath(node.callee.object as AstNode) !== socket) return;
      const [first, second] = node.arguments as AstNode[];
      const event = staticString(first);
      if (event === undefined || LIFECYCLE.has(event) || !second) return;
      const name = `socket.on('${event}')`;
      const handler = isFunction(second) ? analyzeFunction(second, text, file, name, { clientParams: 'all' }) : second.type === 'Identifier' ? functions.get(second.name) : undefined;
      if (!handler) return;
      entries.push({ method: 'EVENT', path: event, line: node.loc.start.line, framework: 'socket.io', handler, middleware: [] });
    });
  }

  // A check in the connection callback itself, outside every event handler, decides for the whole connection.
  for (const { fn, line } of connections) {
    let auth = middlewareAuth;
    if (!auth) {
      const facts = analyzeFunction(fn, text, file, 'connection');
      const at = facts.auth;
      const inHandler = (l: number) => entries.some((e) => e.handler.file === file && l >= e.handler.startLine && l <= e.handler.endLine);
      if (at && !inHandler(at.line)) auth = { text: `the connection callback: ${at.text}`, file, line: at.line };
    }
    servers.push({ line, auth, middleware });
  }
  if (!connections.length && (middlewareAuth || middleware.length)) servers.push({ line: 0, auth: middlewareAuth, middleware });
  return { entries, servers };
}
