import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberPath, objectProperty, propertyName, staticString } from '../../engine/ast-utils.js';
import { defineAstRule, hasTrigger } from '../../engine/rule.js';
import { collectImports, type ImportBinding } from '../../dataflow/modules.js';
import type { AstNode } from '../../parse/types.js';
import { bare, chainCalls, chainLabel, classDecoratedWith, enclosingFunction, methodName, outermostFunctions, patternNames, walk, type FunctionNode } from './ast-helpers.js';
import { ID_NAME, matchingFields, modelKey, projectModel, SECRET_FIELD } from './model-fields.js';
import { jwtCall, JWT_SIGNS } from './jwt-calls.js';
import { convexHandler } from '../../dataflow/sources.js';
import { EVENT_HANDLER } from '../../routes/nuxt.js';
import { CONVEX_QUERY_END, tableOfId } from '../../routes/touches.js';
import { escapeRegExp } from '../../engine/escape-regexp.js';
import { clientComponentOf, responseArg } from './responses.js';

interface Read {
  call: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression;
  model: string;
  /** Many rows (other users' records), not one. */
  list: boolean;
  label: string;
  /** The variable holding the rows, when the response names one. */
  variable?: string;
  /** Prisma relations read whole beside it (`include: { user: true }`, `select: { user: true }`). */
  included?: string[];
  /** Its own columns are picked (`select`): only what it includes whole can expose anything. */
  picked?: boolean;
}

/** Properties of a query result that hold the rows: Supabase `data`, pg `rows`, mssql `recordset`. */
const ROWS = /^(?:data|rows|recordset)$/;
const MONGOOSE_READS = /^(?:findById|findOne|find|findByIdAndUpdate|findOneAndUpdate|create|findByPk|findAll|findOrCreate)$/;
const PRISMA_READS = /^(?:findUnique|findUniqueOrThrow|findFirst|findFirstOrThrow|findMany|create|update|upsert)$/;
const REPO_READS = /^(?:findOne|findOneBy|findOneOrFail|findOneByOrFail|find|findBy|findAndCount)$/;
const LIST_METHODS = /^(?:find|findMany|findAll|findBy|findAndCount)$/;
const PROJECTION_CHAIN = /^(?:select|project|columns|omit|toJSON|toObject)$/;
const USER_MODEL = /^(?:user|account|member|customer|admin|profile|usersprofile|userprofile)$/;
const NOT_A_MODEL = /^(?:Object|Array|JSON|Promise|Reflect|Math|Date|Map|Set|URL|Response|NextResponse|Buffer)$/;

/** A database read that returns whole rows, with the model it reads; undefined when it picks columns. */
function wholeRowRead(node: AstNode | null | undefined): Read | undefined {
  const call = bare(node);
  // postgres.js / Neon / Vercel Postgres: sql`SELECT * FROM users`.
  if (call?.type === 'TaggedTemplateExpression' && /^(?:sql|db\.sql|client\.sql)$/.test(memberPath(call.tag) ?? '')) return sqlRead(call, call.quasi.quasis[0]?.value.cooked ?? '', memberPath(call.tag)!);
  if (call?.type !== 'CallExpression' || call.callee.type !== 'MemberExpression') return undefined;
  // Convex: `ctx.db.get(args.userId)`, `ctx.db.query('users').withIndex(…).collect()` return whole documents.
  const convex = convexRead(call);
  if (convex !== false) return convex;
  // pg / mysql2 / sqlite: `pool.query('SELECT * FROM users')`.
  if (/^(?:query|execute|all|get)$/.test(methodName(call) ?? '')) {
    const first = bare(call.arguments[0] as AstNode);
    const text = staticString(first) ?? (first?.type === 'TemplateLiteral' ? first.quasis[0]?.value.cooked ?? '' : undefined);
    return text === undefined ? undefined : sqlRead(call, text, chainLabel(call.callee));
  }
  const m = methodName(call) ?? '';
  const chain = chainCalls(call);
  const names = chain.map((c) => methodName(c) ?? '');
  const label = chainLabel(call.callee);
  // Supabase: `.from('users').select('*')` / `.select()`, optionally `.eq(…).single()` after it.
  const all = [...names, m];
  const fromAt = all.indexOf('from');
  if (fromAt >= 0 && all.includes('select')) {
    const from = [...chain, call][fromAt];
    const select = [...chain, call][all.indexOf('select')];
    const cols = staticString(select.arguments[0] as AstNode);
    const table = staticString(from.arguments[0] as AstNode) ?? (from.arguments[0]?.type === 'Identifier' ? from.arguments[0].name : undefined);
    if ((select.arguments.length === 0 || cols === '*') && table) return { call, model: table, list: !all.some((x) => /^(?:single|maybeSingle|first|limit)$/.test(x)), label };
    return undefined;
  }
  if (names.some((n) => PROJECTION_CHAIN.test(n)) || PROJECTION_CHAIN.test(m)) return undefined;
  const args = call.arguments.map((a) => bare(a as AstNode));
  const optionKeys = (o: AstNode | undefined, keys: string[]) => o?.type === 'ObjectExpression' && keys.some((k) => objectProperty(o, k));
  // Prisma `prisma.user.findUnique({ where })` without `select` / `omit`; Drizzle `db.query.users.findFirst()` without `columns`.
  const recv = memberPath(call.callee.object) ?? '';
  if (PRISMA_READS.test(m) && /(?:^|\.)(?:prisma|db|tx|client|query)\.\w+$/.test(recv)) {
    const included = wholeRelations(args[0]);
    const read: Read = { call, model: recv.split('.').pop()!, list: m === 'findMany', label, ...(included.length ? { included } : {}) };
    if (optionKeys(args[0], ['select', 'omit', 'columns'])) return included.length ? { ...read, picked: true } : undefined;
    return read;
  }
  // Mongoose / Sequelize models: `User.findById(id)` with no projection argument.
  const root = call.callee.object.type === 'Identifier' ? call.callee.object.name : undefined;
  if (root && /^[A-Z]/.test(root) && !NOT_A_MODEL.test(root) && MONGOOSE_READS.test(m)) {
    // Sequelize's `findByPk(id, options)` takes its options second; Mongoose's `findById(id, projection)` a projection.
    const options = m === 'findByPk' ? args[1] : args[0];
    if (m !== 'create' && m !== 'findByPk' && (args[1] !== undefined && !/^(?:findByIdAndUpdate|findOneAndUpdate)$/.test(m))) return undefined;
    if (optionKeys(args[2], ['projection', 'select'])) return undefined;
    // Sequelize's `include: [User]`, `include: [{ model: User }]`: associated rows, whole unless given `attributes`.
    const included = sequelizeIncludes(options);
    const read: Read = { call, model: root, list: LIST_METHODS.test(m), label, ...(included.length ? { included } : {}) };
    if (picksAttributes(options)) return included.length ? { ...read, picked: true } : undefined;
    return read;
  }
  // TypeORM repositories: `this.userRepository.findOne({ where })` without `select`.
  const repo = /(\w+?)(?:Repository|Repo)$/i.exec(recv.split('.').pop() ?? '');
  if (repo && REPO_READS.test(m) && !optionKeys(args[0], ['select'])) return { call, model: repo[1], list: LIST_METHODS.test(m), label };
  return undefined;
}

/**
 * Sequelize options that pick columns: `attributes: ['id', 'name']`, `{ exclude: ['password'] }`, `{ include: [...] }`.
 * An object with neither key picks nothing (`{ exlude: ['password'] }`, a typo Sequelize ignores, returns every column).
 */
function picksAttributes(options: AstNode | undefined): boolean {
  const value = options?.type === 'ObjectExpression' ? bare(objectProperty(options, 'attributes')?.value as AstNode | undefined) : undefined;
  if (!value) return false;
  return value.type !== 'ObjectExpression' || !!objectProperty(value, 'exclude') || !!objectProperty(value, 'include');
}

/** Models a Sequelize read includes whole: `include: [User]`, `include: { model: User }`, and those they include in turn. */
function sequelizeIncludes(options: AstNode | undefined, depth = 0): string[] {
  if (options?.type !== 'ObjectExpression' || depth > 3) return [];
  const include = bare(objectProperty(options, 'include')?.value as AstNode | undefined);
  const items = include?.type === 'ArrayExpression' ? include.elements : include ? [include] : [];
  return items.flatMap((item) => {
    const e = bare(item as AstNode | null);
    if (e?.type === 'Identifier' && /^[A-Z]/.test(e.name)) return [e.name];
    if (e?.type !== 'ObjectExpression') return [];
    const model = bare(objectProperty(e, 'model')?.value as AstNode | undefined);
    const own = model?.type === 'Identifier' && !picksAttributes(e) ? [model.name] : [];
    return [...own, ...sequelizeIncludes(e, depth + 1)];
  });
}

/**
 * Relations a Prisma read returns whole: `include: { user: true }`, `select: { user: true }`, `include: { author: { include: … } }`;
 * and a Drizzle relational query: `with: { user: true }`, `with: { user: { with: … } }` (not `{ columns: … }`).
 */
function wholeRelations(options: AstNode | undefined): string[] {
  if (options?.type !== 'ObjectExpression') return [];
  const out: string[] = [];
  for (const key of ['include', 'select', 'with']) {
    const o = bare(objectProperty(options, key)?.value as AstNode | undefined);
    if (o?.type !== 'ObjectExpression') continue;
    for (const p of o.properties) {
      if (p.type !== 'Property') continue;
      const name = propertyName(p);
      const v = bare(p.value as AstNode);
      const whole = (v?.type === 'Literal' && v.value === true) || (key !== 'select' && v?.type === 'ObjectExpression' && !objectProperty(v, 'select') && !objectProperty(v, 'omit') && !objectProperty(v, 'columns'));
      if (name && whole && name !== '_count') out.push(name);
    }
  }
  return out;
}

/** A function whose return value is sent to the client: an h3 handler or a public Convex function's handler. */
function returnsResponse(fn: FunctionNode, imports: ReadonlyMap<string, ImportBinding>): boolean {
  const parent = fn.parent;
  if (parent?.type === 'CallExpression' && parent.callee.type === 'Identifier' && EVENT_HANDLER.test(parent.callee.name)) return parent.arguments[0] === fn;
  const options = parent?.type === 'Property' && propertyName(parent) === 'handler' ? parent.parent : undefined;
  const call = options?.type === 'ObjectExpression' ? options.parent : parent;
  const convex = call?.type === 'CallExpression' ? convexHandler(call, imports) : undefined;
  return convex?.fn === fn && !convex.http;
}

/** nuxt-auth-utils: `setUserSession(event, { user })`. Everything in the session but its `secure` part reaches the browser. */
const SESSION_WRITE = /^(?:setUserSession|replaceUserSession)$/;

/** A Convex read of whole documents, undefined for one that picks nothing we know, false for no Convex read. */
function convexRead(call: TSESTree.CallExpression): Read | undefined | false {
  const chain = chainCalls(call);
  const first = chain[0] ?? call;
  if (first.callee.type !== 'MemberExpression' || !/^(?:ctx\.)?db$/.test(memberPath(first.callee.object) ?? '')) return false;
  const m = methodName(call) ?? '';
  const label = chainLabel(call.callee);
  if (m === 'get' && chain.length === 0) {
    // sqlite's `db.get('SELECT …', id)` is SQL.
    if (/\s/.test(staticString(call.arguments[0] as AstNode) ?? '')) return false;
    const table = staticString(call.arguments[0] as AstNode) ?? tableOfId(call.arguments[0] as AstNode);
    return table ? { call, model: table, list: false, label } : undefined;
  }
  const table = methodName(first) === 'query' && chain.length > 0 ? staticString(first.arguments[0] as AstNode) : undefined;
  if (table !== undefined && CONVEX_QUERY_END.has(m)) return { call, model: table, list: m !== 'first' && m !== 'unique', label };
  return false;
}

const SELECT_ALL = /^\s*select\s+(?:\w+\.)?\*\s+from\s+(?:"?\w+"?\.)?"?(\w+)"?/i;

function sqlRead(node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression, text: string, label: string): Read | undefined {
  const m = SELECT_ALL.exec(text);
  if (!m) return undefined;
  return { call: node as TSESTree.CallExpression, model: m[1], list: !/\bwhere\b[\s\S]*\bid\b\s*=|\blimit\s+1\b/i.test(text), label };
}

function inNestController(fn: FunctionNode): boolean {
  return classDecoratedWith(fn.parent, 'Controller');
}

export const excessiveDataExposure = defineAstRule({
  id: 'excessive-data-exposure',
  messageIds: ['secretFields', 'userRecords', 'clientProps', 'sessionFields', 'tokenFields'],
  appliesTo: { roles: ['server'] },
  // Every finding starts at a whole-row read (wholeRowRead): a `find…`/`create`/`update`/`upsert` method,
  // Supabase `.select()`, a `sql` tag, SQL text matching /select … \* from/i (in any case), or Convex's `db.get` /
  // `db.query`.
  triggers: ['find', 'create', 'update', 'upsert', 'sql', /select/i, /\bdb\s*\.\s*(?:get|query)\b/],
  create({ file, model, report }) {
    const fns: FunctionNode[] = [];
    let imports: ReadonlyMap<string, ImportBinding> = new Map();
    const clientComponent = (attr: TSESTree.JSXAttribute) => clientComponentOf(attr, imports, model, file.path);
    return {
      Program(node) {
        imports = collectImports(node);
      },
      ...outermostFunctions(fns, true),
      'Program:exit'() {
        const done = new Set<AstNode>();
        for (const fn of fns) {
          // What holds for the file holds for each function: every finding starts at a read in the function's text.
          if (!hasTrigger(excessiveDataExposure, file.text.slice(fn.range[0], fn.range[1]))) continue;
          const rows = new Map<string, Read>();
          // `delete user.password` / `user.password = undefined` before the response.
          const removed = new Map<string, Set<string>>();
          const remove = (target: AstNode, value?: AstNode | null) => {
            const t = bare(target);
            const v = bare(value);
            if (t?.type !== 'MemberExpression' || bare(t.object)?.type !== 'Identifier') return;
            if (value !== undefined && !(v?.type === 'Identifier' && v.name === 'undefined') && !(v?.type === 'Literal' && (v.value === null || v.value === ''))) return;
            const name = (bare(t.object) as TSESTree.Identifier).name;
            const field = propertyName(t);
            if (field) removed.set(name, (removed.get(name) ?? new Set()).add(field));
          };
          const nest = inNestController(fn) || returnsResponse(fn, imports);
          /** A relation included whole whose model holds secrets (`include: { user: true }` with User's `password`): reported, or false. */
          const includedSecrets = (read: Read, info: ReturnType<typeof projectModel>, at: AstNode, component?: string, stored?: Stored): boolean => {
            for (const relation of read.included ?? []) {
              const related = projectModel(model, info?.relations?.get(relation) ?? relation);
              const secrets = related && !related.transformed ? matchingFields(related, SECRET_FIELD, false) : [];
              if (secrets.length === 0) continue;
              const data = { read: read.label, model: related!.name, fields: `${secrets.slice(0, 4).map((f) => `\`${f}\``).join(', ')} (through \`${relation}\`, included whole)` };
              if (component) report({ messageId: 'clientProps', node: at, data: { ...data, component } });
              else if (stored) report({ messageId: stored.messageId, node: at, data: { ...data, call: stored.call } });
              else report({ messageId: 'secretFields', node: at, data });
              return true;
            }
            return false;
          };
          const check = (value: AstNode | null | undefined, at: AstNode, component?: string, stored?: Stored) => {
            const read = returnedRow(value, rows);
            if (!read || done.has(at)) return;
            const info = projectModel(model, read.model);
            const gone = removed.get(read.variable ?? '') ?? new Set<string>();
            // Without the model's declaration, the fields the function itself reads from the row (`user.password`).
            const known = read.picked ? [] : info ? (info.transformed ? [] : matchingFields(info, SECRET_FIELD, false)) : read.variable ? fieldsRead(file.text.slice(fn.range[0], fn.range[1]), read.variable) : [];
            // A record found by its token (`q.eq('token', args.token)`) tells the caller the token it sent.
            const lookup = file.text.slice(read.call.range[0], read.call.range[1]);
            const secrets = known.filter((f) => !gone.has(f) && !lookedUpBy(lookup, f));
            if (secrets.length > 0) {
              done.add(at);
              const data = { read: read.label, model: info?.name ?? read.model, fields: secrets.slice(0, 4).map((f) => `\`${f}\``).join(', ') };
              if (component) report({ messageId: 'clientProps', node: at, data: { ...data, component } });
              else if (stored) report({ messageId: stored.messageId, node: at, data: { ...data, call: stored.call } });
              else report({ messageId: 'secretFields', node: at, data });
            } else if (read.included && includedSecrets(read, info, at, component, stored)) {
              done.add(at);
            } else if (!component && !stored && !info && !read.picked && read.list && USER_MODEL.test(modelKey(read.model))) {
              done.add(at);
              report({ messageId: 'userRecords', node: at, data: { read: read.label, model: read.model }, severity: 'medium', confidence: 'medium' });
            }
          };
          // `async (ctx) => ctx.db.query('users').collect()`: an arrow's expression is what it returns.
          if (nest && fn.body.type !== 'BlockStatement') check(fn.body as AstNode, fn.body as AstNode);
          walk(fn.body, (n) => {
            if (n.type === 'VariableDeclarator' && n.init) {
              const init = bare(n.init as AstNode);
              const read = wholeRowRead(n.init) ?? (init?.type === 'CallExpression' ? wholeCopy(init, rows) : undefined);
              if (read) {
                // `const { data: users } = await supabase.from('users').select('*')`: only `data` is the rows.
                // `const userId = await User.create(…)`: a model whose create answers with the new id, as its name says.
                if (n.id.type === 'Identifier' && !ID_NAME.test(n.id.name)) rows.set(n.id.name, read);
                else if (n.id.type === 'ObjectPattern') {
                  for (const p of n.id.properties) if (p.type === 'Property' && ROWS.test(propertyName(p) ?? '')) for (const name of patternNames(p.value)) rows.set(name, read);
                }
              }
              // A name declared again for something else (`const user = { email, name, _id }` in a later callback).
              else if (n.id.type === 'Identifier') rows.delete(n.id.name);
            }
            if (n.type === 'CallExpression') {
              // `User.findAll(…).then((userData) => res.json(userData))`: the callback's parameter holds the rows.
              const thenRead = n.callee.type === 'MemberExpression' && propertyName(n.callee) === 'then' ? wholeRowRead(n.callee.object as AstNode) : undefined;
              const callback = thenRead ? bare(n.arguments[0] as AstNode | undefined) : undefined;
              const param = callback && (callback.type === 'ArrowFunctionExpression' || callback.type === 'FunctionExpression') ? callback.params[0] : undefined;
              if (thenRead && param?.type === 'Identifier' && !ID_NAME.test(param.name)) rows.set(param.name, thenRead);
              const arg = responseArg(n);
              if (arg) check(arg, n);
              if (n.callee.type === 'Identifier' && SESSION_WRITE.test(n.callee.name) && n.arguments[1]?.type === 'ObjectExpression') {
                const user = objectProperty(n.arguments[1], 'user');
                if (user) check(user.value as AstNode, n, undefined, { messageId: 'sessionFields', call: n.callee.name });
              }
              // `jwt.sign(user, secret)`: the token's payload is readable by whoever holds it.
              const signed = tokenPayload(n, imports);
              if (signed) check(signed.payload, n, undefined, { messageId: 'tokenFields', call: signed.call });
            }
            // jose: `new SignJWT({ ...user })`.
            if (n.type === 'NewExpression' && memberPath(n.callee) === 'SignJWT') check(n.arguments[0] as AstNode, n, undefined, { messageId: 'tokenFields', call: 'new SignJWT(…)' });
            // `new Response(JSON.stringify(reviews), { status: 200 })`.
            if (n.type === 'NewExpression' && /^(?:Response|NextResponse)$/.test(memberPath(n.callee) ?? '')) {
              const body = bare(n.arguments[0] as AstNode | undefined);
              if (body?.type === 'CallExpression' && memberPath(body.callee) === 'JSON.stringify') check(body.arguments[0] as AstNode, n);
            }
            if (n.type === 'AssignmentExpression' && memberPath(n.left) === 'ctx.body') check(n.right, n);
            if (n.type === 'JSXAttribute' && n.value?.type === 'JSXExpressionContainer' && n.value.expression.type !== 'JSXEmptyExpression') {
              const component = clientComponent(n);
              if (component) check(n.value.expression, n, component);
            }
            if (n.type === 'AssignmentExpression') remove(n.left, n.right);
            if (n.type === 'UnaryExpression' && n.operator === 'delete') remove(n.argument);
            if (nest && n.type === 'ReturnStatement' && enclosingFunction(n) === fn) check(n.argument, n);
            return undefined;
          });
        }
      },
    };
  },
});

/** Where whole rows are kept beyond the response: a session the browser is given, or a token's payload. */
interface Stored {
  messageId: 'sessionFields' | 'tokenFields';
  call: string;
}

/**
 * Signing calls of frameworks and plugins, which no import names: NestJS's `this.jwtService.signAsync`, Fastify's
 * `fastify.jwt.sign` and `reply.jwtSign`, Elysia's `jwt.sign` from its context.
 */
const JWT_SIGN = /^(?:jwt|jwtService|this\.jwtService|fastify\.jwt|app\.jwt|server\.jwt|request\.server\.jwt)\.(?:sign|signAsync)$|^(?:reply|res)\.jwtSign$/;

/** The payload of a call that signs it into a JWT, and how the call is shown. */
function tokenPayload(call: TSESTree.CallExpression, imports: ReadonlyMap<string, ImportBinding>): { payload: AstNode; call: string } | undefined {
  const path = memberPath(call.callee) ?? '';
  const library = jwtCall(call, imports);
  const signs = library ? JWT_SIGNS.has(library) : JWT_SIGN.test(path);
  return signs && call.arguments[0] ? { payload: call.arguments[0] as AstNode, call: `${path}(…)` } : undefined;
}

/** Whether a read's own text filters on `field` (`q.eq('token', …)`, `where: { token }`, `.eq('reset_token', …)`). */
function lookedUpBy(readText: string, field: string): boolean {
  const f = escapeRegExp(field);
  const q = `['"\`]${f}['"\`]`;
  // (As a key of the filter, `{ token }` or `{ token: … }`: not a column named in `attributes: { exclude: ['password'] }`.)
  return new RegExp(`\\b(?:eq|match|field)\\(\\s*${q}|\\bwhere\\s*:\\s*\\{[^}]*\\b${f}\\s*[:,}]|\\bfind\\w*\\(\\s*\\{[^}]*\\b${f}\\s*[:,}]`).test(readText);
}

/** Secret fields the code reads from a row variable: `user.password` in `compare(password, user.password)`. */
function fieldsRead(text: string, variable: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(new RegExp(`(?<![\\w$.])${escapeRegExp(variable)}\\??\\.([A-Za-z_$][\\w$]*)`, 'g'))) if (SECRET_FIELD.test(m[1])) out.add(m[1]);
  return [...out];
}

/** The whole-row read a response value is: the read itself, a variable holding it, or a property of an object literal. */
/**
 * `postData.map((post) => post.get({ plain: true }))`, `.map((r) => ({ ...r }))`, `.map((r) => r)`: the same rows, whole
 * (Sequelize's plain copies hold every column the model read).
 */
function wholeCopy(call: TSESTree.CallExpression, rows: Map<string, Read>): Read | undefined {
  if (call.callee.type !== 'MemberExpression' || propertyName(call.callee) !== 'map') return undefined;
  const cb = bare(call.arguments[0] as AstNode | undefined);
  if (cb?.type !== 'ArrowFunctionExpression' && cb?.type !== 'FunctionExpression') return undefined;
  const param = cb.params[0]?.type === 'Identifier' ? cb.params[0].name : undefined;
  const only = cb.body.type === 'BlockStatement' ? (cb.body.body.length === 1 && cb.body.body[0].type === 'ReturnStatement' ? cb.body.body[0].argument : undefined) : cb.body;
  const b = bare(only as AstNode | null | undefined);
  const isParam = (n: AstNode | null | undefined) => {
    const e = bare(n);
    return e?.type === 'Identifier' && e.name === param;
  };
  if (!param || !b) return undefined;
  const plain = b.type === 'CallExpression' && b.callee.type === 'MemberExpression' && isParam(b.callee.object as AstNode) && propertyName(b.callee) === 'get';
  const spread = b.type === 'ObjectExpression' && b.properties.length === 1 && b.properties[0].type === 'SpreadElement' && isParam(b.properties[0].argument as AstNode);
  if (!isParam(b) && !plain && !spread) return undefined;
  const source = returnedRow(call.callee.object as AstNode, rows);
  return source && { ...source, list: true };
}

function returnedRow(value: AstNode | null | undefined, rows: Map<string, Read>): Read | undefined {
  const v = bare(value);
  if (!v) return undefined;
  if (v.type === 'Identifier') {
    const read = rows.get(v.name);
    return read && { ...read, variable: v.name };
  }
  if (v.type === 'CallExpression') return wholeCopy(v, rows) ?? wholeRowRead(v);
  if (v.type === 'TaggedTemplateExpression') return wholeRowRead(v);
  // `result.rows`, `rows[0]`, `data[0]`: the rows themselves, not one column.
  if (v.type === 'MemberExpression' && (ROWS.test(propertyName(v) ?? '') || (v.computed && v.property.type === 'Literal' && typeof v.property.value === 'number'))) return returnedRow(v.object, rows);
  if (v.type === 'ObjectExpression') {
    for (const p of v.properties) {
      // `{ id: await Note.create(…) }`: what goes under an id's name is an id.
      if (p.type === 'Property' && ID_NAME.test(propertyName(p) ?? '')) continue;
      const inner = p.type === 'Property' ? returnedRow(p.value as AstNode, rows) : p.type === 'SpreadElement' ? returnedRow(p.argument, rows) : undefined;
      if (inner) return inner;
    }
  }
  return undefined;
}
