import { calleePath, propertyName } from '../../engine/ast-utils.js';
import { defineAstRule } from '../../engine/rule.js';
import type { AstNode } from '../../parse/types.js';
import { shorten } from '../../routes/ast.js';
import { bare, isFunction, rootName, walk } from '../access-control/ast-helpers.js';
import { responseArg, responseBody } from '../access-control/responses.js';
import { developmentOnly } from '../development-branch.js';

/**
 * A caught error's stack trace, or the whole error object, sent back to the client (CWE-209): `res.status(500).json({
 * error: err.message, stack: err.stack })`, `res.send(err)`, `NextResponse.json({ error }, { status: 500 })`. A stack
 * names the server's files, folders and library versions; an error object carries whatever its library put on it: a
 * database error's SQL detail and table, an axios error's request with its `Authorization` header. Its message alone
 * (`err.message`) is not reported, nor what only runs in development.
 */

/** Names a caught error goes by, as a parameter of an error handler or callback. */
const ERROR_NAME = /^(?:e|err|error|ex|exc|exception|\w+Error|\w+Err)$/;
/** Calls that give back the object whole, own properties and all. */
const WHOLE = /^(?:JSON\.stringify|(?:util\.)?inspect|Object\.assign|structuredClone)$/;
/** Calls that answer beyond `responseArg`: Hono's `c.text`, Node's `res.end`. */
const SEND_CALL = /^(?:c\.(?:text|html)|res\.end|res\.write)$/;
const SEND_METHOD = /^(?:text|html|end|write)$/;

export const errorDetailsInResponse = defineAstRule({
  id: 'error-details-in-response',
  messageIds: ['stack', 'wholeError'],
  appliesTo: { roles: ['server', 'shared'] },
  triggers: ['catch', 'err', 'Err', 'exception'],
  create({ file, report }) {
    const check = (sent: AstNode, at: AstNode) => {
      const leak = leakedError(sent, catchNames);
      if (!leak || developmentOnly(leak.node, file.text)) return;
      // Fastify answers `reply.send(err)` with the error's status code, name and message only (its error serializer).
      if (leak.kind === 'wholeError' && leak.node === bare(sent) && at.type === 'CallExpression' && rootName(at.callee as AstNode) === 'reply') return;
      const code = shorten(file.text.slice(at.range[0], at.range[1]), 80);
      report({ messageId: leak.kind, node: at, data: { code, name: leak.name } });
    };
    // Checked once the traversal is done: the error's name is looked up through the functions and catches around it.
    const sends: [AstNode, AstNode][] = [];
    // Names the file's `catch` clauses give their errors: with the names errors go by, the only names looked up.
    const catchNames = new Set<string>();
    return {
      CatchClause(node) {
        if (node.param?.type === 'Identifier') catchNames.add(node.param.name);
      },
      CallExpression(node) {
        const sent = responseArg(node) ?? (node.callee.type === 'MemberExpression' && SEND_METHOD.test(propertyName(node.callee) ?? '') && SEND_CALL.test(calleePath(node) ?? '') ? (node.arguments[0] as AstNode | undefined) : undefined);
        if (sent) sends.push([sent, node]);
      },
      NewExpression(node) {
        const sent = responseBody(node);
        if (sent) sends.push([sent, node]);
      },
      'Program:exit'() {
        for (const [sent, at] of sends) check(sent, at);
      },
    };
  },
});

/** The error `sent` carries: a caught error's `.stack`, or the error itself as an object (not its message or text). */
function leakedError(sent: AstNode, catchNames: ReadonlySet<string>): { kind: 'stack' | 'wholeError'; name: string; node: AstNode } | undefined {
  const caught = (id: AstNode) => id.type === 'Identifier' && (catchNames.has(id.name) || ERROR_NAME.test(id.name)) && caughtError(id);
  let found: { kind: 'stack' | 'wholeError'; name: string; node: AstNode } | undefined;
  walk(sent, (n) => {
    if (found) return false;
    if (n.type === 'MemberExpression' && propertyName(n) === 'stack' && n.object.type === 'Identifier' && caught(n.object as AstNode)) {
      found = { kind: 'stack', name: n.object.name, node: n };
      return false;
    }
    if (n.type === 'Identifier' && caught(n) && asObject(n, sent)) found = { kind: 'wholeError', name: n.name, node: n };
    return undefined;
  });
  return found;
}

/**
 * An identifier naming a caught error: the parameter of a `catch`, or a parameter named like an error (`err`,
 * `error`, `e`) of an enclosing function: Express's `(err, req, res, next)`, `.catch((err) => …)`, `onError((err, c) => …)`.
 */
function caughtError(id: AstNode): boolean {
  if (id.type !== 'Identifier') return false;
  const name = id.name;
  for (let cur = id.parent as AstNode | undefined; cur; cur = cur.parent as AstNode | undefined) {
    if (cur.type === 'CatchClause') {
      if (cur.param?.type === 'Identifier' && cur.param.name === name) return true;
    } else if (isFunction(cur)) {
      if (cur.params.some((p) => p.type === 'Identifier' && p.name === name)) return ERROR_NAME.test(name);
    } else if (cur.type === 'BlockStatement' || cur.type === 'Program') {
      // A local of that name declared in between is not the error.
      const body = cur.type === 'Program' ? cur.body : cur.body;
      if (body.some((s) => s.type === 'VariableDeclaration' && s.declarations.some((d) => d.id.type === 'Identifier' && d.id.name === name))) return false;
    }
  }
  return false;
}

/**
 * Whether the error at `node` reaches `top` as an object: as the argument itself, a property's value, an array's
 * element, a spread, or through `JSON.stringify`; not as a member (`err.message`), in a template or concatenation
 * (its message), through `String(err)`, or in a `? :`.
 */
function asObject(node: AstNode, top: AstNode): boolean {
  for (let child = node, cur = node.parent as AstNode | undefined; child !== top; child = cur, cur = cur.parent as AstNode | undefined) {
    if (!cur) return false;
    switch (cur.type) {
      case 'Property':
        if (cur.key === child && !cur.shorthand) return false;
        break;
      case 'ObjectExpression':
      case 'ArrayExpression':
      case 'SpreadElement':
      case 'TSAsExpression':
      case 'TSNonNullExpression':
      case 'AwaitExpression':
        break;
      // `error instanceof Error ? error.message : error`: what is sent whole is what is not an Error.
      case 'ConditionalExpression':
        return false;
      case 'LogicalExpression':
        break;
      case 'CallExpression':
        if (!WHOLE.test(calleePath(cur) ?? '')) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}
