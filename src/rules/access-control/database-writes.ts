import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { objectProperty, staticString } from '../../engine/ast-utils.js';
import type { AstNode } from '../../parse/types.js';
import { bare, chainCalls, chainLabel, methodName, receiverPath, rootName } from './ast-helpers.js';

/** Methods that write their argument's fields into a record, and which argument holds the values. */
const WRITE_ARGS: Record<string, 'first' | 'second' | 'any' | 'rest'> = {
  create: 'first',
  insert: 'first',
  insertOne: 'first',
  insertMany: 'first',
  bulkCreate: 'first',
  build: 'first',
  save: 'first',
  upsert: 'first',
  update: 'any',
  findByIdAndUpdate: 'second',
  findOneAndUpdate: 'second',
  updateOne: 'second',
  updateMany: 'second',
  replaceOne: 'second',
  findOneAndReplace: 'second',
  findByIdAndReplace: 'second',
  merge: 'rest',
};
/** Receivers that are not databases even though they have `create`/`update`/`save` methods. */
export const NOT_A_DATABASE = /^(?:res|response|reply|ctx|c|cookies|headers|searchParams|url|crypto|hash|hmac|cipher|stripe|openai|anthropic|resend|twilio|axios|cache|redis|queue|logger|console|Sentry|analytics|posthog|mixpanel|map|set|emitter|io|socket|Object|Array|JSON|Promise|Reflect|Math|Date|Map|Set|URL|Response|NextResponse|Buffer|document|window|localStorage|sessionStorage|state|form|router|app)$/;
const HASHING_CHAIN = new Set(['createHmac', 'createHash', 'createCipheriv', 'createDecipheriv', 'createSign', 'createVerify']);
const MODEL_RECEIVER = /(?:^|\.)(?:\w*(?:repo|repository|model|collection|manager|dao|table)|em|prisma|db|database|knex|tx|trx|supabase|supabaseAdmin|admin)$/i;
/** A Prisma model delegate, on its own or in a context: `prisma.user`, `ctx.db.post`, `this.prisma.order`. */
const PRISMA_DELEGATE = /^(?:(?:ctx|c|context|this)\.)?(?:prisma|db)\.[a-z]\w*$/;
const PRISMA_DATA_KEYS = ['data', 'create', 'update'];
/** Keys every Prisma write's argument has one of. */
const PRISMA_ARG_KEYS = [...PRISMA_DATA_KEYS, 'where'];

/** A write of values into a database record: the call, the argument that holds the values, and its model. */
export interface Write {
  call: TSESTree.CallExpression | TSESTree.NewExpression;
  value: AstNode;
  label: string;
  model?: string;
}

/** The model a write goes to: `prisma.user`, `User.create`, `.from('profiles')`, `db.insert(users)`, `this.userRepository`. */
function targetModel(call: TSESTree.CallExpression, chain: TSESTree.CallExpression[]): string | undefined {
  const from = chain.find((c) => /^(?:from|into|table|insert|update|collection|getRepository)$/.test(methodName(c) ?? ''));
  if (from) {
    const arg = bare(from.arguments[0] as AstNode);
    const s = staticString(arg);
    if (s) return s;
    if (arg?.type === 'Identifier') return arg.name;
  }
  const recv = receiverPath(call);
  if (recv) return recv.split('.').pop();
  return undefined;
}

/**
 * `call` as a database write (an ORM, a query builder, Prisma, Drizzle, Firestore) whose values `isWhole` accepts:
 * the request body for mass-assignment, a plain password for plaintext-password.
 */
export function databaseWrite(call: TSESTree.CallExpression, isWhole: (n: AstNode | null | undefined) => boolean): Write | undefined {
  const m = methodName(call);
  // Firestore's modular API: `setDoc(doc(db, 'users', id), req.body)`, `addDoc(collection(db, 'posts'), body)`.
  if (m && call.callee.type === 'Identifier' && /^(?:setDoc|addDoc|updateDoc)$/.test(m)) {
    const ref = bare(call.arguments[0] as AstNode);
    const collection = ref?.type === 'CallExpression' ? staticString(ref.arguments[1] as AstNode) : undefined;
    return isWhole(call.arguments[1] as AstNode) ? { call, value: call.arguments[1] as AstNode, label: `${m}(…)`, model: collection } : undefined;
  }
  if (!m || call.callee.type !== 'MemberExpression') return undefined;
  const chain = chainCalls(call);
  const chainNames = chain.map((c) => methodName(c) ?? '');
  const root = rootName(call.callee) ?? '';
  const recv = receiverPath(call) ?? '';
  const label = `${chainLabel(call.callee)}(…)`;
  // (tRPC's and Remix's context holds the client: `ctx.prisma.payment.create`, `ctx.db.post.update`.)
  if ((NOT_A_DATABASE.test(root) && !PRISMA_DELEGATE.test(recv)) || chainNames.some((c) => HASHING_CHAIN.has(c))) return undefined;

  // Prisma: `{ data: req.body }`, upsert's `create` / `update`. Other objects are the values themselves
  // (Mongoose `User.create({ ...req.body })`, Sequelize), read below.
  const first = bare(call.arguments[0] as AstNode);
  if (/^(?:create|update|upsert|createMany|updateMany|createManyAndReturn|updateManyAndReturn)$/.test(m) && first?.type === 'ObjectExpression' && PRISMA_ARG_KEYS.some((k) => objectProperty(first, k))) {
    for (const key of PRISMA_DATA_KEYS) {
      const p = objectProperty(first, key);
      if (p && isWhole(p.value as AstNode)) return { call, value: p.value as AstNode, label, model: recv.split('.').pop() };
    }
    return undefined;
  }
  // Drizzle: `db.insert(t).values(body)`, `db.update(t).set(body)`.
  if ((m === 'values' && chainNames.includes('insert')) || (m === 'set' && chainNames.includes('update'))) {
    return isWhole(call.arguments[0] as AstNode) ? { call, value: call.arguments[0] as AstNode, label, model: targetModel(call, chain) } : undefined;
  }
  // Firestore (Admin SDK or namespaced): `db.collection('users').doc(id).set(req.body)`.
  if (/^(?:set|update|add|create)$/.test(m) && chainNames.some((c) => c === 'collection' || c === 'doc')) {
    return isWhole(call.arguments[0] as AstNode) ? { call, value: call.arguments[0] as AstNode, label, model: targetModel(call, chain) } : undefined;
  }
  const position = WRITE_ARGS[m];
  if (!position) return undefined;
  // A model, a repository, a query builder on a table, or a collection; not any object with a `create` method.
  const looksLikeDb = /^[A-Z]/.test(root) || MODEL_RECEIVER.test(recv) || PRISMA_DELEGATE.test(recv) || chainNames.some((c) => /^(?:from|collection|getRepository|table|into|model)$/.test(c)) || (chain.length > 0 && chain[0].callee.type === 'Identifier' && staticString(chain[0].arguments[0] as AstNode) !== undefined);
  if (!looksLikeDb) return undefined;
  const args = call.arguments as AstNode[];
  const candidates = position === 'first' ? [args[0]] : position === 'second' ? [args[1]] : position === 'rest' ? args.slice(1) : args;
  for (const a of candidates) {
    const v = bare(a);
    const set = v?.type === 'ObjectExpression' ? objectProperty(v, '$set') : undefined;
    const value = set ? (set.value as AstNode) : a;
    if (isWhole(value)) return { call, value, label, model: targetModel(call, chain) ?? root };
  }
  return undefined;
}
