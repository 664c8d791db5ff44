import { memberPath, staticString } from '../engine/ast-utils.js';
import type { AstNode, Program } from '../parse/types.js';
import { analyzeFunction } from './auth.js';
import { isFunction, textOf, walk, type FunctionNode } from './ast.js';
import { propertyValue } from './filters.js';
import type { DirectEntry, FunctionFacts, SocketKind, SocketServer } from './types.js';

/** Events Socket.IO raises itself on a connected socket: not messages a client chose to send. */
export const LIFECYCLE = new Set(['disconnect', 'disconnecting', 'error', 'connect', 'connect_error', 'connection', 'newListener', 'removeListener']);

/** A file that may set up a socket server or register its event handlers (`module.exports = (io, socket) => …`). */
export const MAY_HOLD_SOCKET_EVENTS = /socket\.io|\.on\(\s*['"`]connect(?:ion)?['"`]|\(\s*(?:io\s*,\s*socket|socket\s*,\s*io)\s*[,)]|\.ws\(\s*['"`]\//;
/** A module of a package that depends on Socket.IO may register handlers on a socket it is given (`export default (socket) => …`). */
export const REGISTERS_ON_SOCKET = /\b(?:socket|sock)\.on\(/;

/** `io`, `this.io`, `socketServer`, `chatNamespace`, `io.of('/chat')`: a Socket.IO server or namespace. */
function isSocketIoServer(node: AstNode, mentionsSocketIo: boolean): boolean {
  if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && memberPath(node.callee.property as AstNode) === 'of') return true;
  const path = memberPath(node) ?? '';
  if (/(?:^|\.)io$/.test(path)) return true;
  // Other names count only where the file names Socket.IO.
  return mentionsSocketIo && /(?:^|\.)(?:\w*(?:Io|IO|Server|server|Namespace|namespace)|nsp|ns)$/.test(path) && !/(?:^|\.)\w*(?:wss|Wss|WSS)$/.test(path);
}

/** `wss`, `this.wss`, `webSocketServer`: a server of the `ws` package (whose clients send `message` events only). */
function isWsServer(node: AstNode, mentionsWs: boolean): boolean {
  const path = memberPath(node) ?? '';
  return mentionsWs && /(?:^|\.)(?:wss|\w*Wss|\w*WSS|\w*(?:WebSocket|Ws|WS)Server|webSocketServer|wsServer|socketServer)$/.test(path);
}

/** A parameter that holds a connected client: the connection callback's, or `socket` of a handler-registering helper. */
const SOCKET_PARAM = /^(?:socket|sock)$|Socket$/;

export interface SocketEvents {
  entries: DirectEntry[];
  servers: SocketServer[];
}

interface Connection {
  kind: SocketKind;
  fn: FunctionNode;
  line: number;
  /** The `ws` server's path (`new WebSocketServer({ path: '/ws' })`, express-ws `app.ws('/chat', …)`). */
  path?: string;
  middleware: string[];
}

/**
 * Socket servers: every message a connected client may send is an entry point whose payload the client wrote, like
 * a request body. Socket.IO: each event (`socket.on('place_bid', (data) => …)`); `ws`: the socket's `message`
 * events. Who may connect is decided once for the server: a middleware (`io.use((socket, next) => …)`, a
 * `verifyClient` option, the HTTP server's `upgrade` handler) or a check in the connection callback that verifies
 * the client's token; handlers may also check on their own. The file's servers are kept for the linker, which
 * judges Socket.IO events registered in files of their own (`registerChatHandlers(io, socket)`) by their package's server.
 */
export function collectSockets(ast: Program, text: string, file: string, functionNamed: (name: string) => FunctionFacts | undefined, socketIoPackage = false): SocketEvents {
  const entries: DirectEntry[] = [];
  const servers: SocketServer[] = [];
  // The server package (`'socket.io'`), not its client (`'socket.io-client'`), whose sockets receive the server's events.
  const mentionsSocketIo = /['"]socket\.io['"]/.test(text);
  if (/['"]socket\.io-client['"]/.test(text) && !mentionsSocketIo) return { entries, servers };
  const mentionsWs = /['"]ws['"]|WebSocketServer|WebSocket\.Server/.test(text);
  const middleware: Record<SocketKind, string[]> = { 'socket.io': [], ws: [] };
  const verified: Partial<Record<SocketKind, SocketServer['auth']>> = {};
  const connections: Connection[] = [];
  const wsPaths = new Map<string, string>();
  const judge = (kind: SocketKind, fn: AstNode, what: string) => {
    if (!isFunction(fn)) return void middleware[kind].push(memberPath((fn.type === 'CallExpression' ? fn.callee : fn) as AstNode) ?? textOf(text, fn));
    const facts = analyzeFunction(fn, text, file, what);
    if (facts.auth) verified[kind] ??= { text: `${what}: ${facts.auth.text}`, file, line: facts.auth.line };
  };
  // Sockets by the functions whose parameter they are: a connection callback's first, or a helper's `socket`.
  const socketParams = new Map<AstNode, { name: string; kind: SocketKind }>();
  walk(ast, (node, ancestors) => {
    if (isFunction(node)) {
      const names = node.params.map((p) => (p.type === 'Identifier' ? p.name : ''));
      const param = names.find((n) => SOCKET_PARAM.test(n));
      if (param && (mentionsSocketIo || socketIoPackage || names.includes('io'))) socketParams.set(node, { name: param, kind: 'socket.io' });
    }
    // `new WebSocketServer({ server, path: '/ws', verifyClient })`.
    if (node.type === 'NewExpression' && mentionsWs && /^(?:WebSocketServer|WebSocket\.Server|Server)$/.test(memberPath(node.callee as AstNode) ?? '')) {
      const options = node.arguments[0];
      if (options?.type !== 'ObjectExpression') return;
      const holder = ancestors[ancestors.length - 1];
      const name = holder?.type === 'VariableDeclarator' ? memberPath(holder.id as AstNode) : holder?.type === 'AssignmentExpression' ? memberPath(holder.left as AstNode) : undefined;
      const path = staticString(propertyValue(options, 'path'));
      if (name && path) wsPaths.set(name, path);
      const verify = propertyValue(options, 'verifyClient');
      if (verify) judge('ws', verify, '`verifyClient`');
      return;
    }
    if (node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression') return;
    const method = memberPath(node.callee.property as AstNode);
    const receiver = node.callee.object as AstNode;
    const args = node.arguments as AstNode[];
    const [first, second] = args;
    if (method === 'use' && first && isSocketIoServer(receiver, mentionsSocketIo)) judge('socket.io', first, '`io.use` middleware');
    // The HTTP server's upgrade handler, where `ws` apps check a token before `wss.handleUpgrade(…)`.
    if (method === 'on' && mentionsWs && staticString(first) === 'upgrade' && isFunction(second)) judge('ws', second, 'the `upgrade` handler');
    if (method === 'on' && /^connect(?:ion)?$/.test(staticString(first) ?? '') && isFunction(second)) {
      const kind: SocketKind | undefined = isWsServer(receiver, mentionsWs) ? 'ws' : isSocketIoServer(receiver, mentionsSocketIo) ? 'socket.io' : undefined;
      if (!kind) return;
      const param = second.params[0];
      if (param?.type === 'Identifier') socketParams.set(second, { name: param.name, kind });
      connections.push({ kind, fn: second, line: node.loc.start.line, path: kind === 'ws' ? wsPaths.get(memberPath(receiver) ?? '') : undefined, middleware: [] });
    }
    // express-ws: `app.ws('/chat', auth, (ws, req) => …)`.
    const handler = args[args.length - 1];
    if (method === 'ws' && staticString(first)?.startsWith('/') && isFunction(handler) && handler.params[0]?.type === 'Identifier') {
      socketParams.set(handler, { name: handler.params[0].name, kind: 'ws' });
      connections.push({ kind: 'ws', fn: handler, line: node.loc.start.line, path: staticString(first), middleware: args.slice(1, -1).map((a) => memberPath((a.type === 'CallExpression' ? a.callee : a) as AstNode) ?? textOf(text, a)) });
    }
  });
  if (!socketParams.size) return { entries, servers };

  const connectionOf = new Map(connections.map((c) => [c.fn as AstNode, c]));
  for (const [fn, socket] of socketParams) {
    walk(fn, (node) => {
      // A nested function with a socket parameter of its own registers its own handlers.
      if (node !== fn && socketParams.has(node)) return false;
      if (node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression') return;
      const method = memberPath(node.callee.property as AstNode);
      if ((method !== 'on' && method !== 'once') || memberPath(node.callee.object as AstNode) !== socket.name) return;
      const [first, second] = node.arguments as AstNode[];
      const event = staticString(first);
      if (event === undefined || !second || (socket.kind === 'ws' ? event !== 'message' : LIFECYCLE.has(event))) return;
      const name = `${socket.name}.on('${event}')`;
      const handler = isFunction(second) ? analyzeFunction(second, text, file, name, { clientParams: 'all' }) : second.type === 'Identifier' ? functionNamed(second.name) : undefined;
      if (!handler) return;
      const path = socket.kind === 'ws' ? (connectionOf.get(fn)?.path ?? event) : event;
      entries.push({ method: 'EVENT', path, line: node.loc.start.line, framework: socket.kind, handler, middleware: [] });
    });
  }

  // A check in the connection callback itself, outside every event handler, decides for the whole connection.
  const inHandler = (line: number) => entries.some((e) => e.handler.file === file && line >= e.handler.startLine && line <= e.handler.endLine);
  for (const c of connections) {
    let auth = verified[c.kind];
    if (!auth) {
      const at = analyzeFunction(c.fn, text, file, 'connection').auth;
      if (at && !inHandler(at.line)) auth = { text: `the connection callback: ${at.text}`, file, line: at.line };
    }
    servers.push({ kind: c.kind, line: c.line, auth, middleware: [...middleware[c.kind], ...c.middleware] });
  }
  for (const kind of ['socket.io', 'ws'] as const) {
    if (!connections.some((c) => c.kind === kind) && (verified[kind] || middleware[kind].length)) servers.push({ kind, line: 0, auth: verified[kind], middleware: middleware[kind] });
  }
  return { entries, servers };
}
