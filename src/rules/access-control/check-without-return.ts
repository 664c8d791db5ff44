import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberPath, patternNames, propertyName } from '../../engine/ast-utils.js';
import { defineAstRule } from '../../engine/rule.js';
import type { AstNode } from '../../parse/types.js';
import { nodeMemo } from '../../parse/node-memo.js';
import { shorten } from '../../routes/ast.js';
import { enclosingFunction, exits, isFunction, methodName, walk } from './ast-helpers.js';

/** Calls that set a client-error status on a response: `res.status(401)`, `reply.code(403)`, `res.sendStatus(400)`, `res.writeHead(404)`. */
const STATUS_METHODS = new Set(['status', 'code', 'sendStatus', 'writeHead']);
/** Calls that change stored data. */
const WRITE_METHODS = /^(?:save|create|insert|insertOne|insertMany|update|updateOne|updateMany|upsert|findByIdAndUpdate|findOneAndUpdate|findByIdAndDelete|findOneAndDelete|findByIdAndRemove|delete|deleteOne|deleteMany|destroy|remove|increment|decrement|findOrCreate|bulkCreate)$/;
/** Fields whose assignment changes who someone is or what they may do. */
const ACCOUNT_FIELD = /^(?:password|passwordHash|hashedPassword|role|roles|isAdmin|is_admin|email|balance|credits)$/;

/** An error for Express's error handler to answer with a client-error status: `createError(400, …)`, `new ApiError(401, …)`, `new UnauthorizedError()`. */
const CLIENT_ERROR_NAME = /Unauthori[sz]ed|Forbidden|NotFound|BadRequest|Validation|Conflict/;
function clientError(node: AstNode | undefined): boolean {
  if (node?.type !== 'CallExpression' && node?.type !== 'NewExpression') return false;
  const name = memberPath(node.callee as AstNode) ?? '';
  if (CLIENT_ERROR_NAME.test(name)) return true;
  return /(?:^|\.)(?:createError|createHttpError|httpError|HttpError|\w*Error)$/.test(name) && node.arguments.some((a) => a.type === 'Literal' && typeof a.value === 'number' && a.value >= 400 && a.value < 500);
}

/**
 * The client-error response a branch sends, through a parameter of the function (`res.status(401).json(…)`), or
 * hands to Express's error handler through `next` (`next(createError(400, 'kakaoId is required'))`).
 */
function errorResponse(branch: AstNode, params: ReadonlySet<string>, next?: string): AstNode | undefined {
  let found: AstNode | undefined;
  walk(branch, (n) => {
    if (found || isFunction(n)) return false;
    if (next && n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === next && clientError(n.arguments[0] as AstNode | undefined)) {
      found = n as AstNode;
      return undefined;
    }
    if (n.type !== 'CallExpression' || n.callee.type !== 'MemberExpression' || !STATUS_METHODS.has(methodName(n) ?? '')) return undefined;
    const status = n.arguments[0];
    const root = memberPath(n.callee.object as AstNode)?.split('.')[0];
    if (status?.type === 'Literal' && typeof status.value === 'number' && status.value >= 400 && status.value < 500 && root && params.has(root)) found = n as AstNode;
    return undefined;
  });
  return found;
}

/** `Response`, `NextResponse`: the Web response a route handler (Next.js, Remix, SvelteKit, Workers) returns. */
const WEB_RESPONSE = /^(?:Next)?Response$/;

/**
 * A client-error Web response made in a branch and thrown away: `new NextResponse('Unauthorized', { status: 401 })` or
 * `Response.json({ error }, { status: 403 })` as a statement of its own. A route handler answers with what it returns,
 * so nothing is sent and the handler goes on.
 */
function discardedResponse(branch: AstNode): { response: AstNode; status: number } | undefined {
  const statements = branch.type === 'BlockStatement' ? (branch.body as AstNode[]) : [branch];
  for (const st of statements) {
    if (st.type !== 'ExpressionStatement') continue;
    const e = st.expression as AstNode;
    const made =
      (e.type === 'NewExpression' && e.callee.type === 'Identifier' && WEB_RESPONSE.test(e.callee.name)) ||
      (e.type === 'CallExpression' && e.callee.type === 'MemberExpression' && /^(?:Next)?Response\.json$/.test(memberPath(e.callee as AstNode) ?? ''));
    if (!made) continue;
    const init = (e as TSESTree.NewExpression | TSESTree.CallExpression).arguments[1];
    const status = init?.type === 'ObjectExpression' ? init.properties.find((p): p is TSESTree.Property => p.type === 'Property' && propertyName(p) === 'status')?.value : undefined;
    if (status?.type === 'Literal' && typeof status.value === 'number' && status.value >= 400 && status.value < 500) return { response: e, status: status.value };
  }
  return undefined;
}

/** What one statement does that matters after a failed check: call `next()`, write data, or set an account field. */
function workIn(statement: AstNode, next: string | undefined): { node: AstNode; what: string } | undefined {
  let found: { node: AstNode; what: string } | undefined;
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
  return found;
}

/**
 * A function body's statements, read once however many checks it holds: by statement, the first work at or after
 * it, and the statements that would throw on a missing value of each name (`user.photo`, not `user?.photo`, or a
 * token handed to a verify call: `jwt.verify(token, …)` throws without one).
 */
interface BodyFacts {
  index: Map<AstNode, number>;
  workFrom: ({ node: AstNode; what: string; at: number } | undefined)[];
  throwsOn: Map<string, number[]>;
}

const bodyFacts = nodeMemo<AstNode, BodyFacts>('check-without-return body');

function factsOf(body: TSESTree.BlockStatement, next: string | undefined): BodyFacts {
  const cached = bodyFacts.get(body as AstNode);
  if (cached) return cached;
  const statements = body.body as AstNode[];
  const facts: BodyFacts = { index: new Map(statements.map((st, i) => [st, i])), workFrom: new Array(statements.length + 1).fill(undefined), throwsOn: new Map() };
  for (let i = statements.length - 1; i >= 0; i--) {
    const work = workIn(statements[i], next);
    facts.workFrom[i] = work ? { ...work, at: i } : facts.workFrom[i + 1];
  }
  statements.forEach((statement, i) => {
    walk(statement, (n) => {
      if (isFunction(n)) return false;
      const names = n.type === 'MemberExpression' && !n.optional && n.object.type === 'Identifier' ? [n.object.name] : n.type === 'CallExpression' && /verif/i.test(methodName(n) ?? '') ? n.arguments.flatMap((a) => (a.type === 'Identifier' ? [a.name] : [])) : [];
      for (const name of names) {
        const at = facts.throwsOn.get(name);
        if (!at) facts.throwsOn.set(name, [i]);
        else if (at[at.length - 1] !== i) at.push(i);
      }
      return undefined;
    });
  });
  bodyFacts.set(body as AstNode, facts);
  return facts;
}

/** Whether the code between a check of a missing value (`if (!token)`, `if (!user)`) and the work throws on it first. */
function throwsOnMissing(test: AstNode, facts: BodyFacts, from: number, workAt: number): boolean {
  let throws = false;
  walk(test, (n) => {
    if (throws || n.type !== 'UnaryExpression' || n.operator !== '!') return undefined;
    // `!token`, or `!(token = header.replace('Bearer ', ''))`.
    const missing = n.argument.type === 'Identifier' ? n.argument : n.argument.type === 'AssignmentExpression' && n.argument.left.type === 'Identifier' ? n.argument.left : undefined;
    if (!missing) return undefined;
    // The first statement after the check that would throw on it, if it comes no later than the work.
    const at = facts.throwsOn.get(missing.name)?.find((i) => i >= from);
    if (at !== undefined && at <= workAt) throws = true;
    return undefined;
  });
  return throws;
}

/**
 * A check that answers with an error but does not stop the handler: `if (!isMatch) { res.status(400).json(…) }`
 * with no `return`, and after it the handler still saves the new password, writes the record or calls `next()`.
 * The client gets the error, and the change is made anyway (CWE-705).
 */
export const checkWithoutReturn = defineAstRule({
  id: 'check-without-return',
  messageIds: ['fallsThrough', 'discarded'],
  appliesTo: { roles: ['server', 'shared'] },
  triggers: ['status(4', 'code(4', 'sendStatus(4', 'writeHead(4', 'Response', 'Error('],
  create({ file, report }) {
    return {
      IfStatement(node) {
        if (node.alternate) return;
        const block = node.parent;
        if (block?.type !== 'BlockStatement') return;
        if (exits(node.consequent as AstNode)) return;
        const test = () => shorten(file.text.slice(node.test.range[0], node.test.range[1]), 50);
        // A Web response made and dropped (in the body, a `try` or any block): the check does nothing, whatever comes next.
        const dropped = discardedResponse(node.consequent as AstNode);
        if (dropped && block.body[block.body.length - 1] !== node) {
          // A sign-in or permission check let through is a hole; a validation error let through, a bug.
          const { response, status } = dropped;
          report({ messageId: 'discarded', node: response, data: { test: test(), code: shorten(file.text.slice(response.range[0], response.range[1]), 60) }, severity: status === 401 || status === 403 ? 'high' : 'low' });
          return;
        }
        const fn = enclosingFunction(node as AstNode);
        // In the function's body, or in a `try` block that is (`try { …check…; next() } catch { res.status(500) }`).
        const tryStatement = block.parent?.type === 'TryStatement' && block.parent.block === block ? block.parent : undefined;
        if (!fn || (fn.body !== block && (!tryStatement || tryStatement.parent !== fn.body))) return;
        const params = new Set(fn.params.flatMap((p) => patternNames(p as AstNode)));
        // Express's third parameter, by whatever name: the middleware's way on.
        const third = fn.params[2];
        const next = third?.type === 'Identifier' ? third.name : undefined;
        const response = errorResponse(node.consequent as AstNode, params, next);
        if (!response) return;
        const facts = factsOf(block, next);
        const from = (facts.index.get(node as AstNode) ?? block.body.length) + 1;
        const work = facts.workFrom[from];
        if (!work || throwsOnMissing(node.test as AstNode, facts, from, work.at)) return;
        report({ messageId: 'fallsThrough', node: response, data: { test: test(), what: work.what, line: work.node.loc.start.line } });
      },
    };
  },
});
