import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberPath, patternNames } from '../../engine/ast-utils.js';
import { defineAstRule } from '../../engine/rule.js';
import type { AstNode } from '../../parse/types.js';
import { shorten } from '../../routes/ast.js';
import { enclosingFunction, exits, isFunction, methodName, walk } from './ast-helpers.js';

/** Calls that set a client-error status on a response: `res.status(401)`, `reply.code(403)`, `res.sendStatus(400)`, `res.writeHead(404)`. */
const STATUS_METHODS = new Set(['status', 'code', 'sendStatus', 'writeHead']);
/** Calls that change stored data. */
const WRITE_METHODS = /^(?:save|create|insert|insertOne|insertMany|update|updateOne|updateMany|upsert|findByIdAndUpdate|findOneAndUpdate|findByIdAndDelete|findOneAndDelete|findByIdAndRemove|delete|deleteOne|deleteMany|destroy|remove|increment|decrement)$/;
/** Fields whose assignment changes who someone is or what they may do. */
const ACCOUNT_FIELD = /^(?:password|passwordHash|hashedPassword|role|roles|isAdmin|is_admin|email|balance|credits)$/;

/** The client-error response a branch sends, through a parameter of the function (`res.status(401).json(…)`). */
function errorResponse(branch: AstNode, params: ReadonlySet<string>): AstNode | undefined {
  let found: AstNode | undefined;
  walk(branch, (n) => {
    if (found || isFunction(n)) return false;
    if (n.type !== 'CallExpression' || n.callee.type !== 'MemberExpression' || !STATUS_METHODS.has(methodName(n) ?? '')) return undefined;
    const status = n.arguments[0];
    const root = memberPath(n.callee.object as AstNode)?.split('.')[0];
    if (status?.type === 'Literal' && typeof status.value === 'number' && status.value >= 400 && status.value < 500 && root && params.has(root)) found = n as AstNode;
    return undefined;
  });
  return found;
}

/** What the statements after the check still do that matters: call `next()`, write data, or set an account field. */
function workAfter(statements: readonly AstNode[], next: string | undefined): { node: AstNode; what: string } | undefined {
  let found: { node: AstNode; what: string } | undefined;
  for (const statement of statements) {
    walk(statement, (n) => {
      if (found || isFunction(n)) return false;
      if (n.type === 'CallExpression') {
        if (next && n.callee.type === 'Identifier' && n.callee.name === next) found = { node: n, what: `calls \`${next}()\`, handing the request on` };
        else if (n.callee.type === 'MemberExpression' && WRITE_METHODS.test(methodName(n) ?? '')) found = { node: n, what: `runs \`${shorten(memberPath(n.callee as AstNode) ?? methodName(n)!, 40)}()\`` };
      } else if (n.type === 'AssignmentExpression' && n.left.type === 'MemberExpression' && n.left.property.type === 'Identifier' && ACCOUNT_FIELD.test(n.left.property.name)) {
        found = { node: n, what: `sets \`${shorten(memberPath(n.left as AstNode) ?? n.left.property.name, 40)}\`` };
      }
      return undefined;
    });
    if (found) return found;
  }
  return undefined;
}

/**
 * Whether the code after a check of a missing value (`if (!token)`, `if (!user)`) throws on it before the work is
 * done: `jwt.verify(token, …)` throws without a token, `user.photo.id` without a user. Then the work is not reached.
 */
function throwsOnMissing(test: AstNode, after: readonly AstNode[], work: AstNode): boolean {
  const missing = new Set<string>();
  walk(test, (n) => {
    if (n.type === 'UnaryExpression' && n.operator === '!' && n.argument.type === 'Identifier') missing.add(n.argument.name);
  });
  if (!missing.size) return false;
  let throws = false;
  for (const statement of after) {
    walk(statement, (n) => {
      if (throws || isFunction(n) || n.range[0] > work.range[1]) return false;
      // `user.photo` (not `user?.photo`) on a missing user, or a token handed to a verify call.
      if (n.type === 'MemberExpression' && !n.optional && n.object.type === 'Identifier' && missing.has(n.object.name)) throws = true;
      if (n.type === 'CallExpression' && /verif/i.test(methodName(n) ?? '') && n.arguments.some((a) => a.type === 'Identifier' && missing.has(a.name))) throws = true;
      return undefined;
    });
    if (throws || statement.range[1] >= work.range[1]) break;
  }
  return throws;
}

/**
 * A check that answers with an error but does not stop the handler: `if (!isMatch) { res.status(400).json(…) }`
 * with no `return`, and after it the handler still saves the new password, writes the record or calls `next()`.
 * The client gets the error, and the change is made anyway (CWE-705).
 */
export const checkWithoutReturn = defineAstRule({
  id: 'check-without-return',
  messageIds: ['fallsThrough'],
  appliesTo: { roles: ['server', 'shared'] },
  triggers: ['status(4', 'code(4', 'sendStatus(4', 'writeHead(4'],
  create({ file, report }) {
    return {
      IfStatement(node) {
        if (node.alternate) return;
        const block = node.parent;
        if (block?.type !== 'BlockStatement') return;
        const fn = enclosingFunction(node as AstNode);
        if (!fn || fn.body !== block) return;
        const params = new Set(fn.params.flatMap((p) => patternNames(p as AstNode)));
        const response = errorResponse(node.consequent as AstNode, params);
        if (!response || exits(node.consequent as AstNode)) return;
        // Express's third parameter, by whatever name: the middleware's way on.
        const third = fn.params[2];
        const next = third?.type === 'Identifier' ? third.name : undefined;
        const after = block.body.slice(block.body.indexOf(node as TSESTree.Statement) + 1) as AstNode[];
        const work = workAfter(after, next);
        if (!work || throwsOnMissing(node.test as AstNode, after, work.node)) return;
        const test = shorten(file.text.slice(node.test.range[0], node.test.range[1]), 50);
        report({ messageId: 'fallsThrough', node: response, data: { test, what: work.what, line: work.node.loc.start.line } });
      },
    };
  },
});
