import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { convertedFrom, memberPath, propertyName, staticString } from '../engine/ast-utils.js';
import type { AstNode } from '../parse/types.js';
import { chainOf, isFunction, outerCalls, shorten, textOf, walk, type ChainStep, type FunctionNode } from './ast.js';
import type { FilterKey } from './types.js';

/** Methods whose first argument is the record's primary key. */
const BY_ID = new Set(['findById', 'findByPk', 'findByIdAndUpdate', 'findByIdAndDelete', 'findByIdAndRemove', 'findOneById']);
/** Methods of an auth provider's admin API whose first argument is the account's id. */
const ACCOUNT_BY_ID = /^(?:deleteUser|updateUserById|getUserById|updateUser|getUser|setCustomUserClaims|revokeRefreshTokens)$/;
/** Methods whose first argument is a filter object (Mongoose, the MongoDB driver, TypeORM `findOneBy`). */
const FILTER_FIRST = new Set([
  'findOne', 'find', 'deleteOne', 'deleteMany', 'updateOne', 'updateMany', 'replaceOne', 'findOneAndUpdate', 'findOneAndDelete', 'findOneAndRemove',
  'findOneAndReplace', 'countDocuments', 'findOneBy', 'findBy', 'exists',
]);
/** Chain steps that narrow a query: Supabase `.eq('id', v)` / `.match({})`, knex `.where({})`, Drizzle `.where(eq(t.id, v))`. */
const FILTER_STEPS = new Set(['eq', 'ilike', 'match', 'where', 'andWhere']);

/** Request values: route params, query string and body, in Express, Koa, Hono, Fastify, Next.js, tRPC and NestJS; a Firebase callable's `request.data`. */
const REQUEST =
  /\brequest\.data\b|\b(?:req|request|ctx|c|event)\.(?:params|query|body|param|valid|json|formData|nextUrl|request\.body|req\.param|req\.query|req\.json|queryStringParameters|pathParameters|multiValueQueryStringParameters)\b|\bsearchParams\b|\b(?:req|request)\.(?:json|text)\(|\b(?:readBody|readValidatedBody|readRawBody|readFormData|readMultipartFormData|getQuery|getValidatedQuery|getRouterParams?|getValidatedRouterParams)\(|^(?:params|query|body|input|formData)\b|\bparams\??\./;
/** What holds an entity manager: TypeORM's `manager` / `entityManager`, MikroORM's `em`. */
/** What a Deno KV store is called in the code (`const kv = await Deno.openKv()`, `db`, `appKv`). */
export const DENO_KV_NAME = /^(?:kv|db|\w+Kv|\w+KV)$/;

export const ENTITY_MANAGER = /^(?:em|entityManager|manager)$/;
/** `req.body.userId`, `request.body?.userId`: a field of the request body, by name. */
export const BODY_FIELD = /^(?:req|request)\.body\??\.([A-Za-z_$][\w$]*)$/;
/**
 * Who the caller is: the session of a request (or the id an auth middleware put on it: `req.userId`, `req.id`), or the
 * user a Socket.IO middleware verified and stored on the socket.
 */
const SESSION_START =
  /^(?:(?:req|request|ctx|c|event|locals|context|res\.locals|event\.context)\.(?:user|auth|session|state\.user|get\(['"]user)|(?:req|request)\.(?:id|uid)\b|(?:socket|sock|client)\.(?:user|userId|user_id|decoded|data\.(?:user|userId|user_id|uid)|request\.(?:user|session))\b|session|currentUser|authUser|sessionUser|viewer|claims|decoded|principal|me\b|uid\b|userId|user_id|currentUserId|user\b|auth\(|getUser|requireUser|getServerSession|getSession|getCurrentUser|getAuth|requireAuth|getSessionUser|getLoggedInUser|getUserFromRequest|serverSupabaseUser)/;
const SESSION =
  /\b(?:req|request|ctx|c|event|locals|context)\.(?:user|auth|session)\b|\b(?:getUser|getUserId|getAuthUserId|getUserIdentity|requireUser|getServerSession|getSession|auth|currentUser|getCurrentUser|getAuth|validateRequest|requireAuth|getSessionUser|getLoggedInUser|getUserFromRequest|jwtVerify|verifyIdToken)\(|\bauth\.uid\b|\bjwt\.verify\(/;

/**
 * A payment provider's id for a checkout or payment (`stripe_session_id`, `paymentIntentId`, `razorpay_order_id`):
 * long and random, handed to the one buyer, so naming it proves holding it; it is no guess at someone's record.
 */
export const PROVIDER_ID_KEY = /(?:stripe|checkout|payment_?intent|paypal|razorpay|paystack|lemon_?squeezy)\w*_?id$/i;

/** Local names to the expression they were read from, as text (`id` → `req.params.id`). */
export type Aliases = Map<string, string>;

/** Record what a declaration binds: `const { id } = req.params`, `const { data: { user } } = await supabase.auth.getUser()`. */
export function recordAliases(decl: TSESTree.VariableDeclarator, text: string, aliases: Aliases): void {
  if (!decl.init) return;
  bindPattern(decl.id as AstNode, exprText(valueRead(decl.init as AstNode), text), aliases);
}

/** What a `for … of` loop binds: each element of the list (`for (const issue of updatedIssues)` binds `issue` to `updatedIssues[]`). */
export function recordLoopAliases(loop: TSESTree.ForOfStatement, text: string, aliases: Aliases): void {
  if (loop.left.type !== 'VariableDeclaration' || loop.left.declarations.length !== 1) return;
  bindPattern(loop.left.declarations[0].id as AstNode, `${exprText(valueRead(loop.right as AstNode), text)}[]`, aliases);
}

/** The value an expression reads, through `await`, type assertions, parsers and validators, and fallbacks. */
function valueRead(node: AstNode): AstNode {
  let init = node;
  for (;;) {
    if (init.type === 'AwaitExpression') init = init.argument as AstNode;
    else if (init.type === 'TSAsExpression' || init.type === 'TSSatisfiesExpression' || init.type === 'TSNonNullExpression') init = init.expression as AstNode;
    // What a validator or parser returns is still what it was given (`schema.safeParse(body).data`, `JSON.parse(raw)`).
    else if (init.type === 'CallExpression' && init.callee.type === 'MemberExpression' && init.arguments.length === 1 && PARSE_METHOD.test(propertyName(init.callee) ?? '')) init = init.arguments[0] as AstNode;
    // A fallback for a missing body (`JSON.parse(event.body || '{}')`) is not where the values come from.
    else if (init.type === 'LogicalExpression' && (init.operator === '||' || init.operator === '??') && (init.right.type === 'Literal' || init.right.type === 'ObjectExpression')) init = init.left as AstNode;
    else return init;
  }
}

/** Validators and parsers whose result holds what they were given: zod, valibot, Joi, yup, `JSON.parse`. */
const PARSE_METHOD = /^(?:parse|safeParse|parseAsync|safeParseAsync|validate|validateAsync|validateSync|cast)$/;

/** NestJS parameters: `@Param('id') id`, `@Body() dto`, `@Args('id') id`, `@CurrentUser() user`. */
export function recordParameterAliases(params: TSESTree.Parameter[], text: string, aliases: Aliases): void {
  for (const p of params) {
    const node = (p.type === 'TSParameterProperty' ? p.parameter : p) as AstNode & { decorators?: TSESTree.Decorator[] };
    const name = node.type === 'Identifier' ? node.name : undefined;
    const decorator = node.decorators?.[0];
    if (!name || !decorator) continue;
    const d = textOf(text, decorator.expression as AstNode);
    const arg = /\(\s*['"`](\w+)['"`]/.exec(d)?.[1];
    if (/^Param\b/.test(d)) aliases.set(name, arg ? `req.params.${arg}` : 'req.params');
    else if (/^Query\b/.test(d)) aliases.set(name, arg ? `req.query.${arg}` : 'req.query');
    else if (/^Body\b/.test(d)) aliases.set(name, arg ? `req.body.${arg}` : 'req.body');
    // GraphQL resolvers: `@Args('id') id`, type-graphql's `@Arg('id') id`.
    else if (/^Args?\b/.test(d)) aliases.set(name, arg ? `input.${arg}` : 'input');
    else if (/User|Session|Auth/.test(d)) aliases.set(name, 'req.user');
  }
}

/**
 * Which parameters a client fills in itself: all of a server action's arguments, or, for an action builder's
 * handler (`async ({ parsedInput, ctx }) => …`), the input fields, while `ctx` is what the client's middleware
 * put there (the signed-in user); the first (a Firebase callable's `data`) or the second (Convex's `args`).
 */
export type ClientParams = 'all' | 'builder' | 'first' | 'second';

const BUILDER_INPUT = new Set(['parsedInput', 'input', 'clientInput', 'bindArgsParsedInputs']);

export function recordClientParameters(params: TSESTree.Parameter[], aliases: Aliases, which: ClientParams = 'all'): void {
  if (which === 'builder') {
    const first = params[0] as AstNode | undefined;
    if (first?.type !== 'ObjectPattern') return;
    for (const p of first.properties) {
      if (p.type !== 'Property') continue;
      const key = p.key.type === 'Identifier' ? p.key.name : staticString(p.key as AstNode);
      const value = (p.value.type === 'AssignmentPattern' ? p.value.left : p.value) as AstNode;
      if (key && BUILDER_INPUT.has(key)) bindPattern(value, 'input', aliases);
      else if (key === 'ctx') bindPattern(value, 'req.user', aliases);
    }
    return;
  }
  // A Convex handler: `(ctx, args)`, where `args` is what the client sent; a Firebase callable's `(data, context)`.
  if (which === 'second' || which === 'first') {
    const param = params[which === 'first' ? 0 : 1];
    if (param) bindPattern(param as AstNode, 'input', aliases);
    return;
  }
  for (const p of params) {
    const node = (p.type === 'TSParameterProperty' ? p.parameter : p) as AstNode;
    // A parameter called `input` is already named as what it is (and `input.input` would resolve forever).
    if (node.type === 'Identifier') aliases.set(node.name, node.name === 'input' ? 'input' : `input.${node.name}`);
    else bindPattern(node, 'input', aliases);
  }
}

function bindPattern(pattern: AstNode, from: string, aliases: Aliases): void {
  if (pattern.type === 'Identifier') aliases.set(pattern.name, from);
  else if (pattern.type === 'ObjectPattern') {
    for (const p of pattern.properties) {
      if (p.type !== 'Property') continue;
      const key = p.key.type === 'Identifier' ? p.key.name : staticString(p.key as AstNode);
      if (!key) continue;
      const value = p.value.type === 'AssignmentPattern' ? p.value.left : p.value;
      bindPattern(value as AstNode, `${from}.${key}`, aliases);
    }
  } else if (pattern.type === 'AssignmentPattern') bindPattern(pattern.left as AstNode, from, aliases);
}

function exprText(node: AstNode, text: string): string {
  return textOf(text, node)
    .replace(/\bawait\s+/g, '')
    .replace(/^\((.*)\)(?=\.)/s, '$1')
    .replace(/\s+/g, ' ')
    // NestJS guards and interceptors: `context.switchToHttp().getRequest<Req>()` is the request.
    .replace(/^[\w$.]+\.switchToHttp\(\)\.getRequest(?:<[^>]*>)?\(\)/, 'req');
}

/** Follow local names back to what they were read from (a few steps, no cycles). */
export function resolve(value: string, aliases: Aliases): string {
  let cur = value;
  for (let i = 0; i < 6; i++) {
    const name = /^[A-Za-z_$][\w$]*/.exec(cur)?.[0];
    const next = name && aliases.get(name);
    if (!name || next === undefined || next === cur || next === name || next.startsWith(`${name}.`)) break;
    cur = `${next}${cur.slice(name.length)}`;
  }
  return cur;
}

/** Methods that create records: `insert`, Mongoose's `create`, Prisma's `createMany`, Firestore's `addDoc`… */
export const CREATE_METHODS = ['insert', 'create', 'add', 'insertOne', 'insertMany', 'createMany', 'upsert', 'addDoc', 'setDoc', 'bulkCreate'];
const CREATE_METHOD = new RegExp(`^(?:${CREATE_METHODS.join('|')})$`);
/** The id of a record the handler itself just made (`Chat.create({ … })._id`, `note.save().id`): the server chose it. */
export const MADE_RECORD_ID = new RegExp(`^(?:await\\s+)?[\\w$.]+\\.(?:${[...CREATE_METHODS, 'save'].join('|')})\\s*\\([\\s\\S]*\\)\\s*\\??\\.\\s*(?:_id|id)$`);

export function originOf(text: string): FilterKey['from'] {
  // (`event?.queryStringParameters?.userId` is `event.queryStringParameters.userId` read with care.)
  const resolved = text.includes('?.') ? text.replace(/\?\./g, '.') : text;
  if (MADE_RECORD_ID.test(resolved)) return undefined;
  if (SESSION_START.test(resolved)) return 'session';
  if (REQUEST.test(resolved)) return 'request';
  if (SESSION.test(resolved)) return 'session';
  return undefined;
}

/** The keys a data call selects records by: its own arguments, its chain, and the calls chained after it. */
export function filterKeysOf(call: TSESTree.CallExpression, ancestors: AstNode[]): { key: string; node: AstNode }[] {
  const out: { key: string; node: AstNode }[] = [];
  const { root, rootCall, steps } = chainOf(call);
  const outer: ChainStep[] = outerCalls(call, ancestors).map(({ member, call: next }) => ({ name: member.property.type === 'Identifier' ? member.property.name : '?', args: next.arguments }));
  const all = [...steps, ...outer];
  for (const step of all) {
    const args = (step.args ?? []) as AstNode[];
    if (FILTER_STEPS.has(step.name)) {
      const key = staticString(args[0]);
      if (key !== undefined && args[1]) out.push({ key, node: args[args.length - 1] });
      else if (args[0]?.type === 'ObjectExpression') out.push(...objectKeys(args[0]));
      else if (args[0]?.type === 'CallExpression') out.push(...drizzleKeys(args[0]));
    } else if (CONVEX_QUERY_STEPS.has(step.name) && isFunction(args[args.length - 1])) {
      out.push(...convexIndexKeys(args[args.length - 1] as FunctionNode));
    } else if (step.name === 'doc' && args.length === 1 && steps.some((s) => s.name === 'collection')) {
      out.push({ key: 'id', node: args[0] });
    }
  }
  const last = steps[steps.length - 1];
  const own = (last?.args ?? call.arguments) as AstNode[];
  const method = last?.name ?? root ?? '';
  // Convex: `ctx.db.get(id)`, `ctx.db.patch(id, {…})`, `ctx.db.delete('tasks', id)`.
  // (SQL text first, as in `db.get('SELECT …', [id])`, is sqlite's.)
  const convexDoc = steps.length <= 2 && (root === 'db' || steps[0]?.name === 'db') && CONVEX_BY_ID.has(method) && !/\s/.test(staticString(own[0]) ?? '');
  if (convexDoc && own.length) out.push({ key: 'id', node: own[staticString(own[0]) !== undefined && own.length > 1 ? 1 : 0] });
  else if (BY_ID.has(method) && own[0]) out.push({ key: 'id', node: own[0] });
  // Accounts by their id: Supabase's `auth.admin.deleteUser(id)`, Firebase's `admin.auth().updateUser(uid, …)`.
  else if (ACCOUNT_BY_ID.test(method) && own[0] && (/auth$/i.test(root ?? '') || steps.some((s) => s.name === 'auth'))) out.push({ key: 'id', node: own[0] });
  else if (own[0]?.type === 'ObjectExpression') {
    const where = own.map((a) => (a.type === 'ObjectExpression' ? propertyValue(a, 'where') : undefined)).find(Boolean);
    if (where?.type === 'ObjectExpression') out.push(...objectKeys(where));
    // Drizzle's relational queries: `db.query.messages.findMany({ where: eq(messages.channelId, id) })`.
    else if (where?.type === 'CallExpression') out.push(...drizzleKeys(where));
    else if (FILTER_FIRST.has(method)) out.push(...objectKeys(own[0]));
  } else if (own[1]?.type === 'ObjectExpression' && propertyValue(own[1], 'where')?.type === 'ObjectExpression') {
    out.push(...objectKeys(propertyValue(own[1], 'where')!));
  } else if (['update', 'delete', 'softDelete'].includes(method) && own[0] && /repo|repository/i.test(steps[steps.length - 2]?.name ?? root ?? '')) {
    out.push({ key: 'id', node: own[0] });
  } else if (own[0]?.type === 'Identifier' && /^[A-Z]/.test(own[0].name) && own[1] && ENTITY_MANAGER.test(steps[steps.length - 2]?.name ?? root ?? '')) {
    // An entity manager, the entity class first: `em.nativeDelete(Post, { id })`, `manager.delete(User, id)`.
    if (own[1].type === 'ObjectExpression') out.push(...objectKeys(own[1]));
    else if (/^(?:findOne|findOneOrFail|update|delete|softDelete|nativeUpdate|nativeDelete)$/.test(method)) out.push({ key: 'id', node: own[1] });
  }
  // Vercel KV's key made of the record's id: `kv.hset(\`user:${userId}\`, …)`.
  if (root === 'kv') {
    const key = own[0];
    if (key?.type === 'TemplateLiteral') for (const e of key.expressions) {
      const name = e.type === 'Identifier' ? e.name : e.type === 'MemberExpression' ? propertyName(e) : undefined;
      if (name) out.push({ key: name, node: e as AstNode });
    }
  }
  // Deno KV's key array after its kind (`kv.get(['memos', user.id, id])`, `kv.list({ prefix: ['memos', uid] })`).
  const kvKey = DENO_KV_NAME.test(root ?? '') && (steps.length === 1 || steps[0]?.name === 'atomic') ? (own[0]?.type === 'ObjectExpression' ? propertyValue(own[0], 'prefix') : own[0]) : undefined;
  if (kvKey?.type === 'ArrayExpression' && staticString(kvKey.elements[0] as AstNode | undefined) !== undefined) {
    for (const e of kvKey.elements.slice(1)) {
      const name = e?.type === 'Identifier' ? e.name : e?.type === 'MemberExpression' ? propertyName(e) : undefined;
      if (name) out.push({ key: name, node: e as AstNode });
    }
  }
  // Firestore modular API: updateDoc(doc(db, 'notes', id), …)
  if (!last && own[0]?.type === 'CallExpression' && own[0].callee.type === 'Identifier' && own[0].callee.name === 'doc' && own[0].arguments.length >= 3) {
    out.push({ key: 'id', node: own[0].arguments[own[0].arguments.length - 1] as AstNode });
  }
  // better-sqlite3 and Cloudflare D1 prepare the statement, then bind its values (`.bind(id)`, or `.get(id)`).
  const prepared = all.find((s) => s.name === 'prepare' && s.args?.length);
  if (prepared) {
    const bound = all.find((s) => s.name === 'bind')?.args ?? own;
    out.push(...sqlKeys(prepared.args![0] as AstNode, bound as AstNode[]));
    return out;
  }
  const sqlArg = own[0] ?? (rootCall ? (rootCall.arguments[0] as AstNode) : undefined);
  if (sqlArg) out.push(...sqlKeys(sqlArg, own[1]?.type === 'ArrayExpression' ? (own[1].elements as AstNode[]) : undefined));
  return out;
}

export function filterKey(key: string, node: AstNode, text: string, aliases: Aliases): FilterKey {
  const value = shorten(exprText(convertedFrom(node), text), 50);
  const source = resolve(value, aliases);
  const from = originOf(source);
  // Where a local came from is kept even when it says nothing of the caller (`channel.workspaceId` is
  // `ctx.db.get(args.id).workspaceId`): another lookup may be keyed by the same request value.
  // (Long enough to hold the lookup a record came from: `db.query.messages.findFirst({ where: eq(messages.id, id) }).workspaceId`.)
  return { key, value, ...(from ? { from, source: shorten(source, 50) } : source !== value ? { source: shorten(source, 160) } : {}) };
}

export function propertyValue(obj: TSESTree.ObjectExpression, name: string): AstNode | undefined {
  for (const p of obj.properties) {
    if (p.type === 'Property' && (p.key.type === 'Identifier' ? p.key.name : staticString(p.key as AstNode)) === name) return p.value as AstNode;
  }
  return undefined;
}

/** `{ id, userId: user.id }`, `{ AND: [{ id }, { userId }] }`, Prisma compound keys `{ id_userId: { id, userId } }`. */
function objectKeys(obj: AstNode): { key: string; node: AstNode }[] {
  if (obj.type !== 'ObjectExpression') return [];
  const out: { key: string; node: AstNode }[] = [];
  for (const p of obj.properties) {
    if (p.type !== 'Property') continue;
    const key = p.key.type === 'Identifier' ? p.key.name : staticString(p.key as AstNode);
    if (!key) continue;
    const value = p.value as AstNode;
    if (/^(AND|\$and)$/.test(key) && value.type === 'ArrayExpression') {
      for (const e of value.elements) if (e) out.push(...objectKeys(e as AstNode));
    } else if (/^(OR|\$or)$/.test(key) && value.type === 'ArrayExpression') {
      out.push(...sameValueAlternatives(value));
    } else if (value.type === 'ObjectExpression' && /_/.test(key) && !/^\$/.test(key)) out.push(...objectKeys(value));
    else if (value.type === 'ObjectExpression' && propertyValue(value, 'equals')) out.push({ key, node: propertyValue(value, 'equals')! });
    else out.push({ key, node: value });
  }
  return out;
}

/**
 * `OR: [{ email: login }, { username: login }]`, `$or: [{ _id: id }, { slug: id }]`: one value looked up in several
 * columns, which selects by that value as a single key would. Alternatives with different values (`{ ownerId: me }`
 * or `{ isPublic: true }`) say nothing of one key, and are left out.
 */
function sameValueAlternatives(list: TSESTree.ArrayExpression): { key: string; node: AstNode }[] {
  // (Through a relation too: `OR: [{ userId: me }, { listing: { userId: me } }]`, the caller's own or on their listing.)
  const inner = (b: { key: string; node: AstNode }[], depth = 0): { key: string; node: AstNode }[] => (b.length === 1 && b[0].node.type === 'ObjectExpression' && depth < 3 ? inner(objectKeys(b[0].node), depth + 1) : b);
  const branches = list.elements.map((e) => (e?.type === 'ObjectExpression' ? inner(objectKeys(e as AstNode)) : []));
  if (branches.length < 2 || branches.some((b) => b.length !== 1)) return [];
  const named = (n: AstNode) => (n.type === 'Identifier' ? n.name : memberPath(n));
  const first = named(branches[0][0].node);
  return first !== undefined && branches.every((b) => named(b[0].node) === first) ? branches.map((b) => b[0]) : [];
}

const CONVEX_QUERY_STEPS = new Set(['withIndex', 'withSearchIndex', 'filter']);
const CONVEX_BY_ID = new Set(['get', 'patch', 'replace', 'delete']);

/**
 * Convex index ranges and filters: `withIndex('by_user', (q) => q.eq('userId', userId))`,
 * `filter((q) => q.eq(q.field('ownerId'), args.ownerId))`, `withSearchIndex('search', (q) => q.search('body', s).eq('userId', id))`.
 */
function convexIndexKeys(fn: FunctionNode): { key: string; node: AstNode }[] {
  const out: { key: string; node: AstNode }[] = [];
  walk(fn.body as AstNode, (node) => {
    if (node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression' || propertyName(node.callee) !== 'eq' || node.arguments.length !== 2) return;
    const [field, value] = node.arguments as AstNode[];
    const fieldCall = field.type === 'CallExpression' && field.callee.type === 'MemberExpression' && propertyName(field.callee) === 'field' ? field : undefined;
    const key = staticString(field) ?? (fieldCall ? staticString(fieldCall.arguments[0] as AstNode) : undefined);
    if (key !== undefined) out.push({ key, node: value });
  });
  return out;
}

/** Drizzle: `eq(notes.id, id)`, `and(eq(notes.id, id), eq(notes.userId, user.id))`. */
function drizzleKeys(call: AstNode): { key: string; node: AstNode }[] {
  if (call.type !== 'CallExpression' || call.callee.type !== 'Identifier') return [];
  if (call.callee.name === 'and') return call.arguments.flatMap((a) => drizzleKeys(a as AstNode));
  const [col, value] = call.arguments as AstNode[];
  if (call.callee.name === 'eq' && col?.type === 'MemberExpression' && col.property.type === 'Identifier' && value) return [{ key: col.property.name, node: value }];
  return [];
}

/**
 * Raw SQL: `WHERE id = $1 AND user_id = $2` with its parameters, or `${…}` in a tagged template. A statement kept in
 * a constant (`GET_USER_BY_EMAIL`) is not read: its values are keyed by their own names (`[email]`, `req.params.id`).
 */
function sqlKeys(arg: AstNode, params: AstNode[] | undefined): { key: string; node: AstNode }[] {
  const out: { key: string; node: AstNode }[] = [];
  const tpl = arg.type === 'TaggedTemplateExpression' ? arg.quasi : arg.type === 'TemplateLiteral' ? arg : undefined;
  // A template with values in it (`sql\`… where id = ${id}\``); one without is a plain string with `$1` placeholders.
  if (tpl && (tpl.expressions.length > 0 || arg.type === 'TaggedTemplateExpression')) {
    if (!/\bwhere\b/i.test(tpl.quasis.map((q) => q.value.cooked ?? '').join(''))) return out;
    tpl.expressions.forEach((e, i) => {
      const key = /"?(\w+)"?\s*=\s*$/.exec(tpl.quasis[i].value.cooked ?? '')?.[1];
      if (key) out.push({ key, node: e as AstNode });
    });
    return out;
  }
  if (arg.type === 'Identifier' && /^[A-Z][A-Z0-9_]+$/.test(arg.name)) {
    for (const p of params ?? []) {
      const key = p?.type === 'Identifier' ? p.name : p?.type === 'MemberExpression' ? propertyName(p) : undefined;
      if (key) out.push({ key, node: p });
    }
    return out;
  }
  const sql = staticString(arg);
  if (!sql || !params) return out;
  const where = sql.slice(sql.search(/\bwhere\b/i) >= 0 ? sql.search(/\bwhere\b/i) : sql.length);
  let order = 0;
  const before = (sql.slice(0, sql.length - where.length).match(/\?/g) ?? []).length;
  for (const m of where.matchAll(/"?(\w+)"?\s*=\s*(\$(\d+)|\?)/g)) {
    const node = placeholderParam(params, m[3], () => before + order++);
    if (node) out.push({ key: m[1], node });
  }
  return out;
}

/** The parameter a placeholder binds: `$2` by its number, `?` by its place among the `?`s (`next`). */
function placeholderParam(params: AstNode[], numbered: string | undefined, next: () => number): AstNode | undefined {
  const node = params[numbered ? Number(numbered) - 1 : next()];
  return node && node.type !== 'SpreadElement' ? (node as AstNode) : undefined;
}

const OWNER_MEMBER = /[\w$\])?]\??\.(?:userId|user_id|ownerId|owner_id|owner|authorId|author_id|author|createdBy|created_by|createdById|created_by_id|creatorId|creator_id|profileId|profile_id|accountId|account_id)\b/;
/** `note.user`, `doc.uid`, but not the session's own `req.user` / `session.user`. */
const USER_MEMBER = /\b(?!(?:req|request|session|ctx|context|locals|auth|data|event|c|res|claims|token|decoded|payload)\b)[\w$]+\??\.(?:user|uid)\b/;
const OWNER_CALL = /(^|\.)(assert|ensure|check|verify|require)(Owner|Ownership|Access|CanAccess|CanEdit|CanView|IsOwner)\w*$|(^|\.)(isOwner|canAccess|canEdit|canView|canModify|canDelete|ownsResource)$/;

/** `note.userId !== user.id`, `!doc.owner.equals(req.user._id)`: a test that compares a record's owner with someone. */
export function isOwnerComparison(test: string): boolean {
  // `String(note.userId) !== String(user.id)` and `note.owner.toString() != req.user._id` as well.
  return (OWNER_MEMBER.test(test) || USER_MEMBER.test(test)) && /!==?|===?|\.equals\(/.test(test);
}

export function isOwnerCall(path: string): boolean {
  return OWNER_CALL.test(path);
}

/**
 * A test of a record against the caller: a field of it compared with the caller's id (`message.senderId !==
 * currentUser._id`), or the caller looked for in one of its lists (`!conversation.members.includes(user._id)`,
 * `!team.members.some((m) => m.userId === userId)`). The local names of the records tested (`message`,
 * `conversation`), or undefined when the test is none of these.
 */
export function recordsTestedAgainstCaller(test: AstNode, text: string, aliases: Aliases): string[] | undefined {
  const records = new Set<string>();
  const caller = (n: AstNode) => originOf(resolve(exprText(n, text), aliases)) === 'session';
  const record = (n: AstNode) => n.type === 'MemberExpression' && originOf(resolve(exprText(n, text), aliases)) === undefined;
  const rootOf = (n: AstNode) => /^[A-Za-z_$][\w$]*/.exec(exprText(n, text))?.[0];
  const add = (n: AstNode) => {
    const root = rootOf(n);
    if (root) records.add(root);
  };
  walk(test, (n) => {
    if (n.type === 'BinaryExpression' && ['==', '===', '!=', '!=='].includes(n.operator)) {
      const [l, r] = [convertedFrom(n.left as AstNode), convertedFrom(n.right as AstNode)];
      if (caller(l) && record(r)) add(r);
      else if (caller(r) && record(l)) add(l);
    } else if (n.type === 'CallExpression' && n.callee.type === 'MemberExpression' && MEMBERSHIP.test(propertyName(n.callee) ?? '') && record(n.callee.object as AstNode)) {
      if (n.arguments.some((a) => !isFunction(a as AstNode) && caller(convertedFrom(a as AstNode)))) add(n.callee.object as AstNode);
    }
  });
  return records.size ? [...records] : undefined;
}

const MEMBERSHIP = /^(?:includes|has|indexOf|contains)$/;

/** `req.params.id !== req.user.id`, `userId !== session.user.id`: the requested id is compared with the caller's own. */
export function comparesRequestWithSession(test: AstNode, text: string, aliases: Aliases): boolean {
  if (test.type === 'LogicalExpression') return comparesRequestWithSession(test.left as AstNode, text, aliases) || comparesRequestWithSession(test.right as AstNode, text, aliases);
  if (test.type !== 'BinaryExpression' || !['==', '===', '!=', '!=='].includes(test.operator)) return false;
  const sides = [test.left, test.right].map((n) => originOf(resolve(exprText(n as AstNode, text).replace(/^String\((.*)\)$/, '$1'), aliases)));
  return sides.includes('request') && sides.includes('session');
}

/**
 * Keys of a new record that say whom it is made for, as the creator or owner (`userId`, `author_id`, `bidderSub`,
 * `buyer_id`, `sender_id`): set from the request, the caller acts as whoever the request names.
 */
const CREATOR_KEY =
  /^(?:user_?id|userId|owner_?id|ownerId|author_?id|authorId|created_?by(?:_?id)?|createdBy(?:Id)?|creator_?id|creatorId|uid|[a-z]+Sub|[a-z]+_sub|bidder_?id|bidderId|buyer_?id|buyerId|seller_?id|sellerId|sender_?id|senderId|poster_?id|posterId|reviewer_?id|reviewerId|host_?id|hostId|organizer_?id|organizerId)$/;
/** A reference named for the role alone (`bidder: bidderId`, Mongoose's `user: req.body.userId`): a creator when its value is an id. */
const CREATOR_REF = /^(?:user|owner|author|creator|bidder|buyer|seller|sender|poster|reviewer|host|organizer)$/;
const ID_VALUE = /(?:Id|_id|ID|Sub|_sub)$/;

/**
 * The key of a record being created that names whom it is for, when the request chose it and nothing in the record
 * is the signed-in caller's: `Bid.insert({ auctionId, bidderSub, bidAmount })` with `bidderSub` from the body,
 * `prisma.post.create({ data: { authorId: body.authorId } })`, `INSERT INTO orders (user_id, …) VALUES ($1, …)`.
 */
export function createdForKey(call: TSESTree.CallExpression, text: string, aliases: Aliases): FilterKey | undefined {
  const { steps } = chainOf(call);
  const last = steps[steps.length - 1];
  const records = newRecords(call);
  const keys: { key: string; node: AstNode }[] = [];
  if (records) {
    for (const record of records) if (record?.type === 'ObjectExpression') keys.push(...objectKeys(record));
  } else if (last) {
    const args = (last.args ?? []) as AstNode[];
    keys.push(...insertColumns(args[0], args[1]));
  }
  const creators = keys.filter((k) => CREATOR_KEY.test(k.key) || CREATOR_REF.test(k.key)).map((k) => filterKey(k.key, k.node, text, aliases));
  if (creators.some((k) => k.from === 'session')) return undefined;
  return creators.find((k) => k.from === 'request' && (CREATOR_KEY.test(k.key) || ID_VALUE.test(k.source ?? k.value)));
}

/**
 * The records a create call makes, as written (`insert({ … })`, `insert([{ … }, { … }])`, Prisma's
 * `create({ data: { … } })`, Firestore's `addDoc(ref, { … })`), or undefined when it is not a create call.
 */
function newRecords(call: TSESTree.CallExpression): (AstNode | null | undefined)[] | undefined {
  const { root, steps } = chainOf(call);
  const last = steps[steps.length - 1];
  const method = last?.name ?? root;
  // (`push` only reaches here as a Realtime Database write: `push(messagesRef, {…})`, `ref.push({…})`.)
  if (!method || (!CREATE_METHOD.test(method) && method !== 'push')) return undefined;
  const args = (last?.args ?? call.arguments) as AstNode[];
  // Firestore's addDoc(collection, data) and setDoc(ref, data) take the data second, as does the modular `push(ref, data)`.
  const data = method === 'addDoc' || method === 'setDoc' || (method === 'push' && !last) ? args[1] : args[0];
  return (data?.type === 'ArrayExpression' ? data.elements : [data]).map((item) => {
    // Prisma: `create({ data: { … } })`.
    const inner = item?.type === 'ObjectExpression' ? propertyValue(item, 'data') : undefined;
    return (inner ?? item) as AstNode | null | undefined;
  });
}

/**
 * A create call whose records are made only of fields the code names (`insert({ name, email, message })`), none of
 * them saying whom the record is for (`userId`, `owner`): not the client's object as a whole, not a spread of it.
 */
export function addsNamedFields(call: TSESTree.CallExpression): boolean {
  if (insertsNamedColumns(call)) return true;
  const records = newRecords(call);
  return (
    records !== undefined &&
    records.length > 0 &&
    records.every(
      (r) => r?.type === 'ObjectExpression' && r.properties.every((p) => p.type === 'Property' && !p.computed) && !objectKeys(r).some((k) => CREATOR_KEY.test(k.key) || CREATOR_REF.test(k.key)),
    )
  );
}

/**
 * SQL that adds one row of columns it names, none of them whom the row is for: `db.prepare('INSERT INTO bookings
 * (name, phone) VALUES (?, ?)').bind(name, phone).run()`, `pool.query('INSERT INTO leads (email) VALUES ($1)', [email])`.
 */
function insertsNamedColumns(call: TSESTree.CallExpression): boolean {
  for (let c: AstNode | undefined = call; c?.type === 'CallExpression'; c = c.callee.type === 'MemberExpression' ? (c.callee.object as AstNode) : undefined) {
    const sql = staticString(c.arguments[0] as AstNode | undefined);
    const row = sql ? insertRow(sql) : undefined;
    if (row) return !row.columns.some((col) => CREATOR_KEY.test(col) || CREATOR_REF.test(col));
  }
  return false;
}

/** The columns and values of an `INSERT INTO t (a, b) VALUES ($1, ?)`, as written. */
function insertRow(sql: string): { columns: string[]; values: string[] } | undefined {
  const m = /^\s*insert\s+into\s+[\w."]+\s*\(([^)]*)\)\s*values\s*\(([^)]*)\)/i.exec(sql);
  return m ? { columns: m[1].split(',').map((c) => c.trim().replace(/"/g, '')), values: m[2].split(',') } : undefined;
}

/** `INSERT INTO bids (auction_id, bidder_id) VALUES ($1, $2)` with its parameter array: each column with its value. */
function insertColumns(sqlArg: AstNode | undefined, params: AstNode | undefined): { key: string; node: AstNode }[] {
  const sql = sqlArg && staticString(sqlArg);
  if (!sql || params?.type !== 'ArrayExpression') return [];
  return sqlInsertColumns(sql, params.elements as AstNode[]);
}

/** The columns of an `INSERT INTO t (a, b) VALUES ($1, ?)` with the parameters their placeholders bind. */
export function sqlInsertColumns(sql: string, params: AstNode[]): { key: string; node: AstNode }[] {
  const row = insertRow(sql);
  if (!row) return [];
  const { columns } = row;
  let order = 0;
  return row.values.flatMap((v, i) => {
    const placeholder = /^\s*(?:\$(\d+)|\?)\s*$/.exec(v);
    const node = placeholder ? placeholderParam(params, placeholder[1], () => order++) : undefined;
    return node && columns[i] ? [{ key: columns[i], node }] : [];
  });
}
